# Labelled citizen messages, part B (see messages_a.py for the layout).

B = [
("fiscalite", "complaint", "Taxe d'habitation réclamée à tort",
"""Bonjour,
J'ai reçu un avis d'imposition pour la taxe de services communaux 2025 pour un appartement que j'ai vendu en 2023. J'ai joint l'acte de vente. Je conteste ce montant et je demande l'annulation de cette taxe et des pénalités de retard.
Salutations""", {}),

("fiscalite", "complaint", "الضريبة على الأراضي غير المبنية",
"""توصلت بإشعار لأداء الرسم على الأراضي غير المبنية عن بقعة أرضية بنيت عليها منزلا منذ 2019 وأتوفر على رخصة السكن. أطلب إلغاء هذا الرسم وتصحيح الوضعية الجبائية.""", {}),

("fiscalite", "information-request", "TNB - calcul",
"""Bonjour, comment est calculée la taxe sur les terrains non bâtis (TNB) dans votre commune ? Quel est le tarif au m² pour la zone villa et existe-t-il des exonérations pour les terrains agricoles ?""", {}),

("fiscalite", "complaint", "dariba dial lma7al",
"""salam, 3tawni ta9 dial dariba 3la l7anout dyali b 3500 dh w ana l7anout msdouda mn 2 snin. 3ndi chahada mn l9iyada. kifach ndir bach y7aydouha?""", {}),

("fiscalite", "correspondence", "وصل أداء الرسوم",
"""السيد المحتسب الجماعي
أرفق لكم طيه نسخة من وصل أداء رسم السكن ورسم الخدمات الجماعية عن سنة 2025 قصد تسوية ملفي، مع الشكر.""", {"charset": "iso-8859-6"}),

("fiscalite", "complaint", "Majoration de retard injustifiée",
"""J'ai payé la taxe sur les débits de boissons à la date limite au guichet de la régie, mais on me réclame aujourd'hui une majoration de retard de 15%. Je dispose de la quittance. Merci de rectifier.""", {"charset": "iso-8859-1", "cte": "quoted-printable"}),

("fiscalite", "information-request", "طلب شهادة إبراء",
"""بغيت نعرف شنو الوثائق اللازمة باش ناخد شهادة الإبراء الضريبي من الجماعة، حيت محتاجها باش نبيع الدار. وشحال كتاخد ديال الوقت؟""", {}),

("patrimoine", "complaint", "Loyer du local commercial communal",
"""Monsieur le Président,
Je suis locataire d'un local commercial appartenant à la commune au marché municipal depuis 1998. On m'annonce une augmentation du loyer de 300%. C'est injuste et je ne pourrai pas payer. Je demande une révision de cette décision.""", {}),

("patrimoine", "information-request", "كراء المحلات التجارية الجماعية",
"""أرغب في معرفة شروط ومسطرة كراء المحلات التجارية التابعة للجماعة بالسوق الجديد، وهل سيتم ذلك عن طريق السمسرة العمومية؟ ومتى سيعلن عنها؟""", {}),

("patrimoine", "complaint", "tra9 dyal jma3a mstaghla",
"""kayn wa7d sid 7tal l ard dyal jma3a li 7da lmdrasa w bna fiha garage w kaykri. kolchi 3arf. wach lmilk jama3i ma3andouch mol?""", {}),

("patrimoine", "correspondence", "Renouvellement du bail - kiosque n° 14",
"""Madame, Monsieur,
Je vous prie de bien vouloir procéder au renouvellement du contrat de location du kiosque n° 14 situé place du 20 août, dont le bail arrive à échéance le 31 décembre. Je joins le dernier reçu de paiement du loyer.""", {}),

("patrimoine", "complaint", "الترامي على عقار جماعي",
"""نخبركم أن شخصا قام بالترامي على قطعة أرضية في ملك الجماعة بتجزئة الأمل وشرع في تسييجها، ونطالب بحماية الممتلكات الجماعية واسترجاع العقار.""", {"charset": "windows-1256", "cte": "base64"}),

("patrimoine", "complaint", "Box du souk",
"""bonjour, j'ai payé la redevance du box au souk hebdomadaire pour toute l'année mais on a attribué mon emplacement à quelqu'un d'autre. Je veux récupérer mon emplacement ou être remboursé.""", {}),

("affaires-sociales", "information-request", "منحة الجمعيات",
"""السلام عليكم، نحن جمعية رياضية تنشط في كرة القدم للفتيان، نريد معرفة شروط الاستفادة من منحة الجماعة للجمعيات لسنة 2026 وآخر أجل لإيداع الملفات.""", {}),

("affaires-sociales", "complaint", "Terrain de proximité fermé",
"""Le terrain de sport de proximité du quartier est fermé depuis la fin des travaux il y a 5 mois. Les jeunes jouent dans la rue. Pourquoi ne pas l'ouvrir ? Qui gère ce terrain ?""", {}),

("affaires-sociales", "correspondence", "Invitation - festival culturel",
"""Madame, Monsieur,
L'association Tifawin a l'honneur de vous inviter à la cérémonie d'ouverture du festival culturel amazigh qui se tiendra le samedi 12 décembre à 17h à la maison de la culture.
Avec nos salutations distinguées""", {}),

("affaires-sociales", "complaint", "دار الشباب مسدودة",
"""دار الشباب ديال الحي مسدودة من العام اللي فات بدعوى الإصلاح وما تصلح والو، الشباب ما عندهم فين يمشيو. بغينا نعرفو إمتى غادي تحل.""", {}),

("affaires-sociales", "information-request", "carte d'handicap",
"""slt, khti 3ndha i3a9a, bghina n3rfo wach jma3a katsa3ed f lkrasi lmot7arika wla chi mosa3ada, w chno lwata2i9 li khass""", {}),

("affaires-sociales", "suggestion", "Bibliothèque municipale",
"""Bonjour, je propose que la bibliothèque municipale soit ouverte le samedi et pendant les vacances scolaires, et qu'on y ajoute un espace pour les enfants. Beaucoup d'élèves n'ont pas d'endroit calme pour réviser.""", {}),

("affaires-sociales", "correspondence", "طلب دعم نشاط",
"""السيد الرئيس المحترم
تتشرف جمعية النور للتنمية بأن تلتمس منكم دعم النشاط الرمضاني لفائدة الأسر المعوزة بالحي، وتجدون رفقته البرنامج والميزانية التقديرية.
وتقبلوا فائق التقدير""", {}),

("affaires-sociales", "complaint", "Piscine municipale",
"""La piscine municipale n'a pas ouvert cet été alors que l'abonnement avait été vendu. Nous voulons le remboursement ou une explication.""", {"charset": "iso-8859-1"}),

("ressources-humaines", "information-request", "Résultats du concours d'adjoint technique",
"""Bonjour,
J'ai passé le concours de recrutement d'adjoints techniques 3e grade organisé le 5 octobre. Quand les résultats seront-ils publiés et où ? Merci.""", {}),

("ressources-humaines", "complaint", "أجرة العمال العرضيين",
"""نحن مجموعة من العمال العرضيين نشتغل مع الجماعة في النظافة منذ 6 أشهر ولم نتوصل بأجورنا منذ 3 أشهر. عندنا أولاد وكراء. نطلب صرف مستحقاتنا في أقرب وقت.""", {}),

("ressources-humaines", "correspondence", "Candidature spontanée",
"""Madame, Monsieur,
Titulaire d'un master en informatique, je me permets de vous adresser ma candidature pour un poste d'ingénieur au sein des services de la commune. Vous trouverez ci-joint mon CV et une lettre de motivation.
Dans l'attente de votre retour, veuillez agréer...""", {}),

("ressources-humaines", "information-request", "mubaraat tawdif",
"""slm, bghit n3rf wach kayna chi mubaraat dyal tawdif f jma3a had l3am, w chno charout (diplome, sin)? chokran bzaf""", {}),

("ressources-humaines", "complaint", "Retenue sur salaire",
"""Je suis fonctionnaire à la commune, affecté au service technique. Une retenue sur mon salaire a été effectuée en septembre sans aucune notification. J'ai demandé des explications au service du personnel sans réponse. Je demande la régularisation.""", {}),

("ressources-humaines", "correspondence", "طلب شهادة العمل",
"""السيد رئيس الجماعة، أنا الموقع أسفله، الموظف بمصلحة الحالة المدنية، رقم التأجير 1234567، ألتمس منكم تسليمي شهادة العمل قصد الإدلاء بها لدى البنك. وتفضلوا بقبول فائق الاحترام.""", {}),

("marches-publics", "complaint", "Facture impayée",
"""Monsieur le Président,
Notre société a livré le matériel de bureau objet du bon de commande n° 45/2025 en juin dernier. La facture n° F-2025-231 d'un montant de 84 600 DH TTC reste impayée à ce jour malgré plusieurs relances. Nous vous prions de procéder au règlement.
Le gérant""", {}),

("marches-publics", "information-request", "طلب عروض مفتوح",
"""نرغب في الحصول على ملف طلب العروض المفتوح رقم 08/2026 المتعلق بتهيئة المسالك القروية، وكذا معرفة تاريخ فتح الأظرفة.""", {"charset": "windows-1256"}),

("marches-publics", "complaint", "Réclamation - résultats appel d'offres",
"""Nous contestons les résultats de l'appel d'offres n° 03/2026 relatif à l'entretien des espaces verts. Notre offre était la moins-disante et conforme, mais elle a été écartée sans motif. Conformément au décret des marchés publics, nous demandons les motifs de rejet.""", {}),

("marches-publics", "correspondence", "Envoi caution définitive",
"""Bonjour, veuillez trouver ci-joint l'attestation de caution définitive relative au marché n° 11/2025 (fourniture de conteneurs), ainsi que l'attestation d'assurance.
Cordialement,
Service commercial""", {}),

("marches-publics", "information-request", "budget de la commune",
"""Bonjour, dans le cadre du droit d'accès à l'information, je demande une copie du budget de la commune pour l'exercice 2026 et du compte administratif 2025. Merci""", {}),

("direction-services", "complaint", "رشوة",
"""الموظف اللي كيعطي الشواهد الإدارية فالملحقة طلب مني 200 درهم باش يعطيني شهادة السكنى، قالي هادي "قهوة". هادشي حرام وممنوع. عندي شهود. بغيت تحقيق فهاد الموضوع.""", {}),

("direction-services", "complaint", "rachwa f lmo9ata3a",
"""salam, f lmo9ata3a mabghawch y3tiwni l wati9a 7ta 3tithom l9ahwa. kolchi kayd3 hakka. fin hiya l9anoun ? kantmna t7a9quo""", {}),

("direction-services", "complaint", "Aucune réponse à mes courriers",
"""Monsieur le Directeur des services,
J'ai adressé trois courriers à la commune (mars, juin et septembre) sans obtenir la moindre réponse, ni même un accusé de réception. Je ne sais plus à qui m'adresser. Cette attitude est un mépris envers les citoyens.""", {}),

("direction-services", "complaint", "سوء الاستقبال والتماطل",
"""أشتكي من سوء الاستقبال بمقر الجماعة، الموظفون يتركون المواطنين ينتظرون لساعات ويتماطلون في قضاء أغراضهم، وبعضهم يغادر المكتب قبل الوقت. نريد إدارة تحترم المواطن.""", {}),

("direction-services", "correspondence", "Courrier de la préfecture",
"""Monsieur le Président,
J'ai l'honneur de vous transmettre ci-joint la circulaire n° 2026/45 relative à l'organisation des permanences administratives durant la période estivale, pour exécution.
Le Gouverneur, p.o.""", {}),

("direction-services", "complaint", "kaytma6lo",
"""3lach kayt3amlo m3a nas b had tari9a? kol merra ghda w ba3d ghda, lmowadafin kaytmatlo w ma kayjawbouch f telephone. hadchi bzzaf""", {}),

("direction-services", "correspondence", "Remerciements",
"""Bonjour, je tenais simplement à remercier le personnel de la commune pour son accueil et sa gentillesse lors de ma dernière visite. Bonne continuation.""", {}),

# --- petitions --------------------------------------------------------------
("hygiene-environnement", "petition", "عريضة السكان حول المطرح",
"""السيد رئيس المجلس الجماعي
نحن الموقعون أسفله، سكان دوار أولاد عيسى، نتقدم إليكم بهذه العريضة من أجل نقل المطرح العشوائي للنفايات الموجود على بعد 200 متر من منازلنا، والذي يسبب الأمراض والروائح. مرفقة بلائحة تضم 243 توقيعا.""", {}),

("travaux-voirie", "petition", "Pétition pour la réfection de la route",
"""Pétition des habitants du quartier Tamkarte
Nous, soussignés, habitants du quartier Tamkarte, demandons au conseil communal d'inscrire à l'ordre du jour de sa prochaine session la réfection de la route principale du quartier, impraticable depuis 2022. Liste des 180 signataires en pièce jointe avec les numéros de CIN.""", {"charset": "iso-8859-1", "cte": "base64"}),

("affaires-sociales", "petition", "عريضة من أجل دار للشباب",
"""عريضة موجهة إلى المجلس الجماعي
يطالب الموقعون على هذه العريضة، وعددهم 312، بإدراج نقطة إحداث دار للشباب وملعب للقرب بحي المسيرة في جدول أعمال الدورة المقبلة للمجلس. وكيل العريضة: السيد يوسف أوبلا.""", {}),

("eclairage-public", "petition", "pétition éclairage douar",
"""Bonjour, ci-joint une pétition signée par 150 habitants du douar Ait Ouassif pour demander l'extension de l'éclairage public à la piste qui relie le douar à la route nationale. Les élèves marchent dans le noir en hiver.""", {}),

("circulation-transport", "petition", "3arida dial sokan",
"""salam, 7na sokan 7ay lwifa9 jm3na 200 twa9i3 f 3arida kan tlbo fiha ydiro dos d'ane (ralentisseurs) 9oddam lmdrasa, 7it tomobilat kaydouzou bzerba. ghadi njibouha l lmaktab dyal dabt""", {}),

("police-administrative", "petition", "Pétition contre un café-chicha",
"""Les habitants de la résidence Nakhil, au nombre de 96 signataires (liste jointe), s'opposent à l'ouverture d'un café-chicha au rez-de-chaussée de la résidence et demandent au conseil de refuser l'autorisation.""", {}),

("eau-assainissement", "petition", "عريضة الربط بشبكة الماء",
"""نحن ساكنة دوار إمي نتليت الموقعين أسفله نطالب بربط الدوار بشبكة الماء الصالح للشرب، ونرفق هذه العريضة بـ 127 توقيعا مع أرقام البطائق الوطنية.""", {"charset": "iso-8859-6"}),

("espaces-verts", "petition", "Pétition – sauvons le parc",
"""Objet : pétition
Plus de 400 habitants ont signé cette pétition contre le projet de transformer le parc Al Andalous en parking. Nous demandons au conseil communal de débattre de ce point lors de sa prochaine session et de préserver cet espace vert.""", {}),

# --- suggestions ---------------------------------------------------------------
("direction-services", "suggestion", "Prise de rendez-vous en ligne",
"""Bonjour, pourquoi ne pas mettre en place un système de prise de rendez-vous en ligne ou par SMS pour les services de la commune ? Cela éviterait les longues files d'attente. Merci de considérer cette idée.""", {}),

("hygiene-environnement", "suggestion", "ملاحظة حول توقيت جمع النفايات",
"""ملاحظة: شاحنة جمع النفايات تمر على الساعة السابعة صباحا وقت خروج التلاميذ، وتسبب اختناقا في الطريق. أقترح تغيير التوقيت إلى الليل كما هو معمول به في مدن أخرى.""", {}),

("affaires-sociales", "suggestion", "fikra l chabab",
"""slm, 3lach ma tdirouch dawrat takwiniya f informatique w langues l chabab f dar chabab f sif? bzaf dyal chabab bla khdma w bla nachat. ghadi tkoun mzyana""", {}),

("circulation-transport", "suggestion", "Pistes cyclables",
"""Je suggère la création de pistes cyclables sur le boulevard principal et près du lycée. De plus en plus de jeunes utilisent le vélo, et c'est dangereux avec la circulation actuelle.""", {"charset": "iso-8859-1", "cte": "quoted-printable"}),

("espaces-verts", "suggestion", "غرس الأشجار",
"""أقترح تنظيم حملة لغرس الأشجار بمشاركة المدارس والجمعيات على جنبات الطرق الجديدة، وتخصيص سقي بالتنقيط لها.""", {}),

("fiscalite", "suggestion", "paiement en ligne des taxes",
"""Bonsoir, ce serait bien de pouvoir payer la taxe d'habitation et la taxe de services communaux en ligne ou par carte bancaire, plutôt que de faire la queue à la régie.""", {}),

("marches-publics", "suggestion", "نشر الصفقات",
"""اقتراح: نشر جميع الصفقات العمومية ونتائجها وسندات الطلب على موقع الجماعة، تعزيزا للشفافية وتكافؤ الفرص بين المقاولات المحلية.""", {"charset": "windows-1256"}),

# --- information requests (loi 31-13) -------------------------------------------
("direction-services", "information-request", "Demande d'accès à l'information",
"""Monsieur le Président,
En application de la loi n° 31-13 relative au droit d'accès à l'information, je vous prie de me communiquer les procès-verbaux des sessions du conseil communal tenues en 2025.
Je souhaite les recevoir par voie électronique.
Veuillez agréer...""", {}),

("hygiene-environnement", "information-request", "طلب الحصول على المعلومات",
"""طبقا لمقتضيات القانون رقم 31.13 المتعلق بالحق في الحصول على المعلومات، أتشرف بطلب نسخة من عقد التدبير المفوض لقطاع النظافة وجمع النفايات المبرم مع الشركة، ودفتر التحملات الخاص به.""", {}),

("urbanisme", "information-request", "معلومات عاجلة",
"""طلب معلومات مستعجل: منزل والدي مهدد بالانهيار ونريد أن نعرف فورا هل صدر قرار بالهدم أو الإخلاء في حق البناية رقم 33 بالمدينة القديمة، لأن حياة الأسرة في خطر.""", {}),

("marches-publics", "information-request", "bons de commande 2025",
"""Bonjour, je voudrais obtenir la liste des bons de commande passés par la commune en 2025 avec les noms des fournisseurs et les montants. C'est une demande d'information au titre de la loi 31.13.""", {}),

# --- harder: mixed topics, misleading subjects, long ------------------------------
("eau-assainissement", "complaint", "Réclamation",
"""Bonjour,
Je vous écris au sujet de la fuite d'eau devant mon immeuble : l'eau coule jour et nuit depuis la rupture de la canalisation, le trou s'agrandit et la chaussée commence à s'affaisser. La société de distribution dit que c'est la commune, la commune dit que c'est la société. Qui doit réparer cette canalisation ?""", {}),

("hygiene-environnement", "complaint", "طلب",
"""المرجو من السادة المسؤولين التدخل من أجل إزالة الأزبال المتراكمة قرب السوق والتي أصبحت مرتعا للكلاب الضالة والقطط. كما أن بعض الباعة يرمون بقايا السمك في الطريق.""", {}),

("travaux-voirie", "complaint", "URGENT!!!",
"""la route est coupée par un grand trou au niveau du pont, les voitures font demi-tour, il y a des pierres partout. il faut envoyer les engins de la commune aujourd'hui""", {}),

("urbanisme", "complaint", "مشكل",
"""سلام، الجار بنى سور عالي فوق الحد ديالو وداخل فالأرض ديالنا بجوج متر، وما عندو حتى رخصة بناء. مشينا للقسم التقني وقالو ليا ديرو شكاية مكتوبة. ها هي.""", {}),

("eclairage-public", "complaint", "Fwd: zen9a",
"""---------- Forwarded message ---------
salam, had zn9a kamla bla dow, kolchi mtfi mn ramadan. lpoto dial do m3wj. chofo m3ana 3afakom""", {}),

("police-administrative", "complaint", "Re: votre réponse",
"""Merci pour votre réponse mais rien n'a changé : l'immeuble menaçant ruine de la rue Oued Eddahab est toujours habité, des pierres tombent de la façade sur les passants. Il faut une décision d'évacuation avant un drame.""", {}),

("etat-civil", "information-request", "سؤال",
"""السلام عليكم، شحال كيخلص الواحد باش يصادق على الإمضاء؟ وواش خاص البطاقة الوطنية الأصلية ولا تكفي النسخة؟ وشنو هي أوقات العمل ديال مكتب تصحيح الإمضاءات؟""", {}),

("circulation-transport", "complaint", "شكاية",
"""كنشكي من الطاكسي رقم 215 اللي رفض يوصلني للسبيطار وقالي ما خدامش هاد الجهة، وكانت معايا مرا حاملة. بغيت العقوبة للسائق وحل لمشكل الطاكسيات فالمدينة.""", {}),

("hygiene-environnement", "complaint", "Plusieurs problèmes dans notre quartier",
"""Bonjour,
Nous voulons signaler plusieurs problèmes au quartier Al Houda. D'abord, les ordures ne sont plus ramassées qu'une fois par semaine, les bacs débordent et les chats éventrent les sacs, l'odeur est horrible. Les rats sortent la nuit. Ensuite, un lampadaire de la rue 3 est éteint.
Le plus urgent reste les déchets : des enfants jouent au milieu des ordures.
Les habitants""", {}),

("urbanisme", "complaint", "بناء بدون رخصة وضو مقطوع",
"""السلام عليكم، عندي جوج مشاكل: الأول جاري كيبني طابق زايد بلا رخصة وبدا كيسد علينا الشمس وخرج بالبالكون على الزنقة. الثاني الضو ديال الزنقة مقطوع. ولكن الأهم هو البناء العشوائي لأنه كيخرب الحيط ديالنا، والتشققات كيكبرو كل نهار.""", {}),

("travaux-voirie", "complaint", "la route et l'eau",
"""Bonjour, la route de notre lotissement n'a jamais été goudronnée depuis 10 ans, c'est de la terre battue pleine de trous, impossible en hiver. Et quand il pleut, l'eau stagne. On demande le revêtement de la route avant l'hiver.""", {}),

("fiscalite", "complaint", "شكاية حول الضريبة",
"""السلام عليكم السيد الرئيس،
أنا مواطن متقاعد، توصلت بمطالبة بأداء رسم السكن بمبلغ 4800 درهم عن منزل أسكنه شخصيا، في حين أن القانون يمنح تخفيضا للسكن الرئيسي. كما أن المبلغ تضاعف مقارنة بالسنة الماضية دون أي تفسير. ذهبت إلى مصلحة الجبايات ثلاث مرات، وكل مرة يقولون لي ارجع الأسبوع المقبل.
أطلب مراجعة الرسم وتطبيق التخفيض القانوني، وإلغاء الذعائر.
وتقبلوا فائق الاحترام""", {"charset": "windows-1256", "cte": "quoted-printable"}),

("affaires-sociales", "complaint", "Subvention non versée",
"""Madame, Monsieur,
Notre association culturelle a signé une convention de partenariat avec la commune en février pour l'organisation d'ateliers de théâtre au profit des jeunes. La subvention prévue (30 000 DH) n'a toujours pas été versée alors que les activités ont été réalisées et le rapport moral et financier déposé. Nous sommes endettés auprès de nos formateurs.
Nous vous remercions de débloquer cette subvention.
Le président de l'association""", {}),

("ressources-humaines", "complaint", "حول نتائج المباراة",
"""شاركت في مباراة توظيف تقنيين من الدرجة الثالثة، واسمي لم يظهر في لائحة الناجحين رغم أنني أجبت على جميع الأسئلة، ولاحظت أن بعض الناجحين من أقارب المنتخبين. أطالب بالاطلاع على ورقة امتحاني.""", {}),

("espaces-verts", "complaint", "jnan",
"""salam, jnan dial 7ay nahda wlla kolo ghbra, ma b9ach fih 7ta chi 3chba, w l7dada mkssrin. fin mcha lflouss dial tahyi2a? bghina ysa9ouh w ygharsou chjar""", {}),

("patrimoine", "complaint", "Réclamation - stand du marché",
"""Je suis commerçant au marché communal (stand n° 27). Le toit du marché fuit depuis deux ans et la commune, propriétaire des lieux, ne fait rien alors que nous payons le loyer chaque mois. Les marchandises sont abîmées.""", {"charset": "iso-8859-1"}),

("eau-assainissement", "complaint", "بالوعة",
"""البالوعة اللي قدام الدار ديالي مسدودة والريحة خانزة، وكيخرج منها الما الخانز ملي كتشتا. عيطنا عدة مرات بلا نتيجة""", {"charset": "iso-8859-6", "cte": "base64"}),

("marches-publics", "complaint", "Paiement des décomptes",
"""Entreprise Souss Travaux. Nous n'avons pas reçu le paiement des décomptes n° 3 et 4 du marché de construction du centre socio-culturel malgré la réception provisoire. Les retards de paiement nous exposent à des difficultés avec nos fournisseurs. Nous demandons également les intérêts moratoires.""", {}),

("direction-services", "complaint", "تماطل في الرد",
"""راسلت الجماعة منذ شهرين بخصوص طلب ولم أتوصل بأي رد، وكلما اتصلت يقال لي إن الملف عند المدير. هذا تماطل غير مقبول.""", {}),

("etat-civil", "complaint", "tasdi9 3la l2imda2",
"""salam, tasdi9 3la l imda2 f lmo9ata3a dyal 7ay l9ods fiha sf kbir bzaf w ghir mowadaf wa7d. kan wa9fin mn 8 7ta 12. 3afakom zido chi mowadaf""", {}),

("hygiene-environnement", "complaint", "Rats dans le quartier",
"""Bonjour, il y a une invasion de rats dans notre rue, ils sortent des caniveaux et entrent dans les maisons. Il faut une opération de dératisation.""", {}),

("travaux-voirie", "information-request", "أشغال التبليط",
"""بغيت نسول على الأشغال اللي كتدار فالطريق الرئيسية ديال الحي: شكون الشركة؟ وشحال المدة ديال الأشغال؟ حيت الطريق مسدودة والناس ما عارفين والو.""", {}),

("police-administrative", "complaint", "Occupation du trottoir",
"""Un garage de mécanique occupe tout le trottoir de la rue Moulay Ismail avec des voitures en réparation et de l'huile partout. Les piétons marchent sur la chaussée. Nous demandons l'intervention de la police administrative.""", {}),

("circulation-transport", "complaint", "Parking payant",
"""On a installé des gardiens de parking avec gilets dans toute la rue, qui réclament 5 dh même pour 5 minutes. Est-ce légal ? Qui les autorise ? La commune touche-t-elle quelque chose ?""", {}),

("eclairage-public", "complaint", "مصابيح",
"""المصابيح ديال الشارع الرئيسي طافيين كاملين من الأسبوع اللي فات، والطريق خطيرة بالليل.""", {}),

("affaires-sociales", "information-request", "ملعب القرب",
"""كيفاش نقدرو نحجزو ملعب القرب ديال الحي لفريق ديال الدرب؟ واش خاص طلب مكتوب ولا كاين شي تطبيق؟ وشحال الثمن؟""", {}),

("urbanisme", "correspondence", "Certificat de conformité",
"""Bonjour,
Suite à l'achèvement des travaux de notre maison (permis n° 233/2024), nous sollicitons la délivrance du permis d'habiter. Nous restons à la disposition de la commission pour la visite de récolement.
Famille Benali""", {"charset": "iso-8859-1", "cte": "base64"}),

("fiscalite", "information-request", "ta9 dial dariba",
"""salam, ana jit jdid l mdina w chrit dar. wach khasni nkhlls dariba dial sakan 3la had l3am? w fin n9dr nkhlsha? chokran""", {}),

("patrimoine", "information-request", "Terrain communal - location",
"""Bonjour, notre coopérative souhaite louer une parcelle de terrain appartenant au domaine privé de la commune pour y installer une unité de séchage de plantes aromatiques. À qui adresser la demande et quelle est la procédure ?""", {}),

("direction-services", "complaint", "Comportement d'un élu",
"""Je souhaite dénoncer le comportement d'un conseiller communal qui exige de l'argent pour faciliter les dossiers à la commune. Plusieurs personnes du quartier peuvent en témoigner.""", {}),

("hygiene-environnement", "complaint", "الدخان ديال الفران",
"""الفران التقليدي اللي فالحي كيحرق العجلات والبلاستيك بدل الحطب، والدخان الكحل داخل للديور. عندنا أطفال مراض بالضيقة. عافاكم تدخلو""", {}),

("eau-assainissement", "information-request", "Factures d'eau très élevées",
"""Bonjour, les factures d'eau ont doublé dans notre quartier depuis l'installation des nouveaux compteurs. Pouvez-vous nous dire quel organisme gère la distribution d'eau dans la commune et comment contester une facture ?""", {}),

("circulation-transport", "complaint", "الصابو",
"""حطو ليا الصابو فالطوموبيل وأنا واقف غير دقيقتين قدام الصيدلية، وطلبو مني 100 درهم. هادشي ظلم.""", {}),

("ressources-humaines", "complaint", "ouvriers occasionnels",
"""Nous sommes des ouvriers occasionnels (aide-jardiniers) employés par la commune. Nous travaillons sans contrat, sans couverture sociale et le salaire arrive avec trois mois de retard. Nous demandons une solution.""", {}),

("travaux-voirie", "complaint", "Chantier abandonné",
"""Le chantier de l'avenue Hassan II est abandonné depuis l'été : barrières renversées, fosses ouvertes, matériaux sur la chaussée. La nuit c'est un piège.""", {}),

("police-administrative", "complaint", "الصداع ديال العرس",
"""كل ويكاند كاين عرس فالقاعة اللي فالحي حتى للفجر، الصداع ديال الطبالة والكلاكسونات، وما كنقدروش ننعسو. واش عندهم رخصة يخدمو حتى لهاد الوقت؟""", {}),

("espaces-verts", "complaint", "élagage",
"""Les branches des ficus de notre rue touchent les fils électriques et les fenêtres du premier étage. Nous demandons un élagage avant les tempêtes d'hiver.""", {"charset": "windows-1252", "cte": "quoted-printable"}),

("patrimoine", "complaint", "المحلات التجارية المغلقة",
"""المحلات التجارية اللي بنات الجماعة فالسوق الجديد مسدودة من 5 سنين وما تكرات لحد، وحنا الشباب بلا خدمة. علاش ما كتوزعوهاش؟""", {}),

("etat-civil", "correspondence", "Envoi de documents",
"""Bonjour, comme demandé par l'agent de l'état civil, je vous envoie en pièce jointe la copie de la CIN et le certificat de résidence pour compléter mon dossier d'inscription de la naissance de mon fils. Cordialement""", {}),

("marches-publics", "correspondence", "Offre de prix",
"""Madame, Monsieur,
Suite à votre consultation, nous avons le plaisir de vous adresser notre devis pour la fourniture de 200 bacs à ordures de 240 litres. Prix unitaire : 450 DH HT. Délai de livraison : 3 semaines.
Service commercial, Plastisouss SARL""", {}),

("direction-services", "information-request", "رقم الشكاية",
"""السلام، وضعت شكاية في الشهر الماضي وأعطوني رقم 2026/000321، بغيت نعرف فين وصلات والمآل ديالها.""", {}),
]
