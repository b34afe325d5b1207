# Labelled citizen messages, part N ('fresh12'): written on 2026-12-04
# without reading the rules, against the rules of main at 9828492 (after the
# vocabulary round), measured once, never tuned on. Harder than K-M on
# purpose: vague, long-winded, several concerns with one main one, regional
# words, misspellings, arabizi spelled many ways, subject-only or body-only
# mail, capitals, forwarded text.
# opts 'lang' tags the language for reporting (fr, msa, darija-ar,
# darija-lat, mixed); gen.py ignores it.

N = [
("urbanisme", "complaint", "voisin",
"""Bonjour Monsieur le President

je m'excuse de vous deranger pour ca mais je ne sais plus a qui m'adresser. J'habite depuis 1998 au quartier Tilila, maison de plain-pied, j'ai 67 ans et ma femme est malade. Depuis le mois dernier le voisin de derriere a monte des murs en parpaing sur son toit, deja plus d'un metre cinquante, et hier ils ont coule une dalle. On ne voit plus le soleil dans la cour et l'eau de sa terrasse va tomber chez nous. Quand je lui ai parle il m'a dit qu'il a "tout ce qu'il faut" et que son cousin travaille a la commune. Je ne crois pas qu'il a un papier pour ca, personne n'a vu de panneau.

Je demande seulement que quelqu'un vienne voir et verifie si c'est autorise.

Merci beaucoup et que Dieu vous garde
Brahim Ouchen, lot 112""", {"charset": "iso-8859-1", "lang": "fr"}),

("etat-civil", "information-request", "استفسار",
"""السيد رئيس المجلس الجماعي المحترم
سلام تام بوجود مولانا الإمام المؤيد بالله
وبعد، فإني الموقع أسفله، أحيط سيادتكم علما بأن والدي رحمه الله لم يقم بتسجيل أختي الصغرى بسجلات الجماعة عند ولادتها سنة 2009 بالدوار، نظرا لظروف البادية آنذاك، وهي الآن مقبلة على اجتياز امتحان الباكالوريا وتحتاج إلى بطاقة التعريف الوطنية.
لذا ألتمس من سيادتكم التفضل بإفادتي بالمسطرة المتبعة في مثل هذه الحالة، والجهة المختصة بإصدار الحكم، والوثائق التي يجب أن أحضرها.
وتفضلوا بقبول فائق عبارات التقدير والاحترام
الإمضاء: الحسين بوزيد""", {"charset": "windows-1256", "lang": "msa"}),

("travaux-voirie", "complaint", "tri9 dyal douar",
"""slaaam, 3ndna tri9 mn lgoudroun tal douar ait baha wlat ghir 7jer w 7foraat, kul nhar chi tomobil katkhser lih chi 7aja, lbare7 wa7d tripurter t9leb. lwlad kaymchiw l lmdrasa 3la rjlihom 7it tkisan ma bghawch ydkhlo. 3lach ma kaysl7ouhach? ra7 l intikhabat w galo lina ghadi tsl7. baraka mn lkdoub""", {"lang": "darija-lat"}),

("hygiene-environnement", "complaint", "",
"""السلام عليكم
واحد الجار عندو فوق السطح شي عشرين راس ديال الحولي والمعز، من قبل العيد وهو كيربي، دابا العيد دوز وباقي. الريحة كتدخل علينا للبيوت والذبان ولا بزاف وكيتجمع البعر تحت الشراجم ديالنا. هضرنا معاه كيقول لينا شغلكم هادا؟ عافاكم شوفو معاه شي حل
دار بوعزة زنقة 9""", {"charset": "iso-8859-6", "lang": "darija-ar"}),

("eau-assainissement", "complaint", "URGENT BOUCHE OUVERTE DEVANT LECOLE",
"""BONJOUR
IL Y A UN TROU SANS COUVERCLE (LA PLAQUE EN FONTE A ETE VOLEE) DEVANT L ECOLE AL MASSIRA, AU COIN AVEC LA RUE DES ORANGERS. C EST PROFOND ET CA SENT TRES MAUVAIS, ON VOIT L EAU NOIRE EN BAS. LES PARENTS ONT MIS UNE CAISSE DESSUS MAIS LES ENFANTS JOUENT A COTE. AVANT QU UN ENFANT TOMBE DEDANS MERCI DE FAIRE QUELQUE CHOSE.
UN PARENT""", {"lang": "fr"}),

("eclairage-public", "complaint", "Rue sans lumiere / الزنقة",
"""Salam, je vous ecris pour la rue derriere la mosquee Al Fath. Depuis le vent de la semaine passee, le poteau pres du n 40 est penche, presque couche sur le mur, et toute la rangee ne s'allume plus. الليل كامل ظلام، والعيالات كيخافو يدوزو بوحدهم من بعد العشاء. Merci de faire vite, il y a des fils qui pendent.""", {"lang": "mixed"}),

("espaces-verts", "complaint", "خطر الأشجار بشارع محمد الخامس",
"""السيد الرئيس،
يشرفني أن أثير انتباهكم إلى الوضعية الخطيرة لأشجار الأوكاليبتوس الكبيرة المحاذية للرصيف الأيسر لشارع محمد الخامس قرب ثانوية ابن سينا، إذ لم يتم تشذيبها منذ سنوات، وقد سقط أحد أغصانها الضخمة يوم الأحد الماضي على سيارة متوقفة، ولطف الله بالمارة. كما أن الجذور رفعت البلاط.
وعليه، نلتمس منكم إيفاد المصلحة المختصة لتقليم هذه الأشجار أو معالجة خطرها قبل موسم الرياح.
مع خالص التحية""", {"lang": "msa"}),

("circulation-transport", "information-request", "Lignes d'autobus - demande de documents",
"""Monsieur le President du Conseil communal,

En application de la loi 31-13 relative au droit d'acces a l'information, je vous prie de bien vouloir me communiquer :
1) la copie de la convention de gestion deleguee du transport urbain par autobus et de ses avenants ;
2) le nombre de vehicules que le delegataire doit mettre en service selon le cahier des charges, et le nombre reellement en circulation ;
3) les deliberations du conseil relatives a la creation de la ligne vers le quartier Al Qods.

Je souhaite recevoir ces documents sous forme electronique a cette adresse.

Veuillez agreer, Monsieur le President, l'expression de ma haute consideration.
Samir Lahlou, etudiant chercheur""", {"charset": "windows-1252", "lang": "fr"}),

("police-administrative", "complaint", "القهوة ديال الكوانب",
"""سلام، القهوة لي تحت الدار عمرات الطروطوار بالكراسي والطبالي حتى للشانطي، والناس كيدوزو مع الطوموبيلات. وفوق هادشي كيبقاو حتى لجوج ديال الليل كيتفرجو فالماتش بالصوت طالع والغوات. عندنا ولاد كيقراو ومرضى. واش عندهم الحق؟ شكون لي عطاهم الرخصة نخدمو هكا""", {"lang": "darija-ar"}),

("fiscalite", "complaint", "TR: avis d'imposition en double",
"""---------- Message transfere ----------
De : Hicham Benkirane
Date : 12 nov. 2026
Objet : avis

Salut Mounir, voila ce que j'ai recu, tu peux verifier avec ton ami qui connait ?

----
Bonjour, je fais suivre le message de mon frere. Nous avons recu pour le meme appartement (residence Nakhil, imm 4, appt 12) deux avis pour la taxe de services communaux 2026, un au nom de mon pere decede et un a mon nom, avec deux montants differents. On nous demande de payer les deux sinon majorations. J'ai deja paye celui a mon nom au guichet (recu joint en photo). Merci d'annuler l'autre.
Mounir Benkirane""", {"cte": "quoted-printable", "lang": "fr"}),

("patrimoine", "information-request", "طلب كراء محل",
"""السلام عليكم ورحمة الله وبركاته
أنا شاب عاطل حاصل على دبلوم في الحلاقة، وقد علمت أن هناك محلات بالسوق البلدي الجديد مازالت مغلقة ولم يتم كراؤها. أرجو إخباري هل هذه المحلات معروضة للكراء، وما هي شروط المشاركة، وهل يتم ذلك عن طريق السمسرة، ومتى سيتم الإعلان عنها، وكم هو مبلغ السومة الكرائية الشهرية.
وجزاكم الله خيرا""", {"charset": "windows-1256", "lang": "msa"}),

("affaires-sociales", "petition", "عريضة من أجل دار الشباب بجماعتنا",
"""إلى السيد رئيس مجلس الجماعة
الموضوع: عريضة
نحن الموقعين أسفله، مواطنات ومواطنو الجماعة المسجلون في اللوائح الانتخابية، وعددنا 214 موقعا، نتقدم إليكم طبقا لمقتضيات القانون التنظيمي 113.14 بهذه العريضة، نطالب فيها بإدراج نقطة في جدول أعمال الدورة المقبلة تتعلق بتخصيص البناية المهجورة قرب المستوصف لتكون دارا للشباب ومكتبة، لأن شبابنا لا يجدون أين يقضون أوقات فراغهم غير المقاهي.
وكيل العريضة: ياسين أمزيان
رفقته: لائحة التوقيعات ونسخ بطائق التعريف""", {"charset": "iso-8859-6", "lang": "msa"}),

("ressources-humaines", "correspondence", "Candidature spontanee - technicien",
"""Madame, Monsieur,

Titulaire d'un diplome de technicien specialise en genie civil (ISTA 2022) et d'une experience de deux ans en bureau d'etudes a Agadir, je me permets de vous adresser ma candidature pour tout poste de technicien qui serait ouvert dans vos services, ou pour un stage.

Vous trouverez ci-joint mon CV et la copie de mes diplomes. Je reste a votre disposition pour un entretien.

Veuillez agreer mes salutations distinguees.
Anass Idbelkas
06 12 34 56 78""", {"charset": "iso-8859-1", "lang": "fr"}),

("marches-publics", "correspondence", "AO 07/2026 - demande d'eclaircissement",
"""Monsieur le President,

Dans le cadre de la preparation de notre offre pour l'appel d'offres ouvert n 07/2026 (fourniture et pose de mobilier urbain), nous constatons que l'article 12 du CPS exige une attestation de reference de 3 marches similaires, alors que le reglement de consultation parle de 2. Pourriez-vous nous preciser lequel s'applique ? Par ailleurs le bordereau des prix ne contient pas l'article 9 mentionne dans le detail estimatif.

Nous vous remercions de votre reponse avant la date limite de remise des plis.

Le gerant, STE ATLAS EQUIPEMENT SARL""", {"lang": "fr"}),

("direction-services", "complaint", "mochkil m3a wa7d lmowadaf",
"""salam 3likom, bghit nchki b wa7d lmowadaf f lmoqata3a l3ibara li kat3ti l wra9. mchit 3ndo 3 mrat w kol mra kaygoul "sir w rje3" w mli chaf m3aya chi wa7d 3tah chi 7aja f yddo sala lih f d9i9a. mni swltou 9ali "ila bghiti tghdi hajtek rak 3aref". ana ma 3ndich bach n3ti, w had chi 7chouma. smito 3ndi ila bghitoh""", {"lang": "darija-lat"}),

("urbanisme", "information-request", "rokhssa dyal sokna",
"""slm, salina lbni dyal dar f lotissement nour, w daba lbanka bghat mni certificat de conformite / permis d'habiter bach t3tini lkredi lakhor. chno khassni n jib w fin nmchi? w ch7al kayakhod dyal lwa9t? l architecte galia chi 7aja dyal commission. merci""", {"lang": "darija-lat"}),

("etat-civil", "complaint", "erreur dans le livret",
"""Bonjour,
Mon fils est ne le 3 mars, et quand nous avons fait l'inscription au bureau, la personne a ecrit sur le livret de famille le 13 mars. Nous avons vu l'erreur seulement maintenant pour l'inscription a l'ecole, la directrice refuse le dossier car ca ne correspond pas a l'extrait. Au guichet on me dit que ce n'est pas leur faute et qu'il faut aller au tribunal, alors que c'est eux qui ont mal recopie. Je trouve ca injuste, c'est votre erreur pas la notre.
Mme Souad Kabbaj""", {"lang": "fr"}),

("hygiene-environnement", "suggestion", "Une idee pour le souk",
"""Bonjour,
Je suis commercant au souk du mercredi. A la fin de la journee tout reste par terre, cartons, plastique, legumes pourris, et les betes des gens du douar viennent manger dedans. Je propose que la commune mette des grands bacs a chaque entree du souk, un pour le carton (les recuperateurs le prennent) et un pour le reste, et que les commercants paient une petite somme pour le nettoyage. Beaucoup de commercants sont d'accord, j'ai parle avec eux.
Merci, Lahcen""", {"lang": "fr"}),

("eau-assainissement", "information-request", "طلب معلومات حول مشروع الربط بشبكة التطهير",
"""السيد رئيس الجماعة المحترم،
في إطار الحق في الحصول على المعلومات، وبصفتي رئيس جمعية دوار أولاد سعيد للتنمية، أرجو منكم تزويدنا بمعلومات عن مشروع ربط الدوار بالشبكة العمومية للتطهير السائل الذي تمت المصادقة عليه في دورة فبراير، وعن الغلاف المالي المرصود له، والجدولة الزمنية لانطلاق الأشغال، وهل ستساهم الأسر في كلفة الربط الفردي.
وتقبلوا أسمى عبارات التقدير""", {"lang": "msa"}),

("eclairage-public", "complaint", "الضو شاعل بالنهار",
"""سلام، هادي سيمانة والبولات ديال الشارع الكبير ديال حي المسيرة شاعلين نهار وليل، من الصباح حتى للصباح. وفي نفس الوقت الزنقة ديالنا (زنقة 22) طافية من رمضان. فين كاين المنطق؟ الفلوس ديال الشعب كتمشي فالضو بالنهار وحنا فالظلام. والعمود لي قدام الحانوت ديال الحاج مايل وكيتحرك ملي كاين الريح""", {"lang": "darija-ar"}),

("travaux-voirie", "complaint", "حالة الرصيف بعد الأشغال",
"""سيدي الرئيس،
بعد انتهاء أشغال مد قنوات الألياف البصرية بزنقة الأطلس منذ ما يزيد عن أربعة أشهر، تركت الشركة الرصيف محفورا ومغطى بالرمل والحجارة، وأعيد وضع بعض البلاطات بشكل عشوائي، مما جعل المرور عليه صعبا على المسنين وأصحاب الكراسي المتحركة والأمهات بعربات الأطفال، وقد سقطت والدتي وكسرت يدها.
نطالب بإلزام الشركة بإرجاع الحالة إلى ما كانت عليه أو تدخل الجماعة لإصلاحه.
والسلام""", {"charset": "windows-1256", "cte": "base64", "lang": "msa"}),

("circulation-transport", "complaint", "taxi",
"""salam, lbar7 f la gare, chi taxiyat sghar ma bghawch ydiwni l 7ay dakhla 7it "9rib" w galo lia ghir ila khlsti 20 dh. wa7d mnhom 3ayr lia mi w 9al lia sir 3la rjlik. lcompteur ma kaykhdmouch ga3. wach ma kayn 7ta chi mura9aba? numero dyal taxi 1123""", {"lang": "darija-lat"}),

("police-administrative", "complaint", "Atelier dans un immeuble d'habitation",
"""Monsieur,

Au rez-de-chaussee de notre immeuble (rue Abou Bakr Seddik, n 18), un garage a ete transforme depuis quelques mois en atelier de soudure et de tolerie. Des 8h du matin jusqu'au soir ce sont des coups de marteau, la disqueuse, et l'odeur de peinture monte dans les appartements. Ils travaillent aussi sur le trottoir avec les voitures. Je doute fort qu'ils aient une autorisation d'exercer ici, c'est une zone d'habitation.

Je vous demande de faire verifier et d'appliquer la loi.
Un coproprietaire""", {"charset": "windows-1252", "cte": "quoted-printable", "lang": "fr"}),

("fiscalite", "information-request", "بغيت ورقة باش نبيع الدار",
"""السلام عليكم، بغيت نبيع واحد الشقة فإقامة الياسمين، والموثق طلب مني شهادة كتبين بلي خلصت كلشي ديال الضرايب ديال الجماعة على الدار. فين نمشي نجيبها؟ وشنو خاص نجيب معايا؟ وواش خاصني نخلص شي حاجة من قبل؟ راه من 2019 ما جاتني حتى ورقة.""", {"lang": "darija-ar"}),

("affaires-sociales", "complaint", "terrain dyal lkoura",
"""salam 3alaykoum
terrain de proximite li f 7ay salam msdoud 3lina mn 3 shhor, chi wa7d 3ndo sarout w kaykri lwe9t l drari dyal 7ay akhor b 50 dh lsa3a. 7na wlad l7ay ma b9a fin nl3bo, kanl3bo f zn9a w tomobilat. had terrain dyal ljma3a wla dyalo? bghina n3rfo chkon mklf bih""", {"lang": "darija-lat"}),

("espaces-verts", "suggestion", "اقتراح",
"""السلام عليكم، كاين واحد البقعة خاوية حدا المدرسة الابتدائية ديال حي النهضة، ولات مطرح ديال الحجر والحشيش. كنقترحو عليكم تغرسوها بشي شجر وتديرو فيها شي كراسي، وحنا الجمعية ديال الحي مستعدين نسقيو ونتهلاو فيها. عندنا الما قريب""", {"charset": "windows-1256", "lang": "darija-ar"}),

("direction-services", "correspondence", "إرسالية",
"""المملكة المغربية
وزارة الداخلية
عمالة الإقليم - قسم الجماعات المحلية
إلى السيد رئيس مجلس الجماعة
الموضوع: موافاة بمعطيات
المرجع: الدورية الوزارية المتعلقة بتتبع برامج عمل الجماعات
سلام تام بوجود مولانا الإمام،
وبعد، يشرفني أن أطلب منكم موافاة هذه العمالة، داخل أجل أقصاه خمسة عشر يوما من تاريخ التوصل بهذه الإرسالية، بتقرير مفصل حول نسبة إنجاز المشاريع المدرجة ببرنامج عمل الجماعة، وفق النموذج المرفق.
والسلام.
عن العامل وبتفويض منه""", {"charset": "iso-8859-6", "lang": "msa"}),

("urbanisme", "complaint", "تجزئة غير مجهزة",
"""سيادة الرئيس المحترم،
اقتنيت بقعة أرضية بتجزئة "الأمل" سنة 2021 من المنعش العقاري، على أساس أنها مجهزة بالكامل، وأديت الثمن كاملا وحصلت على رسم عقاري. ونحن اليوم في أواخر 2026 ولا وجود لا للطرق ولا لقنوات الماء ولا للكهرباء، ولا يمكننا البناء. والمنعش لا يجيب على الهاتف. سمعنا أن التجزئة لم تحصل أصلا على التسلم المؤقت.
نلتمس منكم التدخل وإلزامه باحترام دفتر التحملات، وإطلاعنا على وضعيتها القانونية.
عن مجموعة من المشترين""", {"lang": "msa"}),

("etat-civil", "information-request", "wra9a l lkhdma f ltalia",
"""slm 3likoum, ana mqim f italia w l INPS talbin mni certificat de vie kol 3am w wa7d lwr9a fiha chahadat 3adam zawaj (ma tzwjtch 3awtani mn ba3d lmra7ouma). wach n9dr ndirha mn hna b lcourrier ola khassni nji b rasi? w ila ma jitch wach khouya y9dr ydirha blasti b wakala? 3afak jawbouni 7it ghadi y7bso lia lpension""", {"lang": "darija-lat"}),

("travaux-voirie", "petition", "Petition - piste Tighmi",
"""A Monsieur le President du Conseil de la commune

Objet : petition pour l'amenagement de la piste Tighmi - Ait Ouaissa

Nous, soussignes, habitants des douars Tighmi, Ait Ouaissa et Imi n'Tlit, au nombre de 236 inscrits sur les listes electorales, deposons la presente petition conformement a la loi organique 113-14. Nous demandons l'inscription a l'ordre du jour du conseil de l'amenagement et du revetement des 7 km de piste qui nous relient a la route provinciale. En hiver, les ambulances et le transport scolaire ne passent pas.

Mandataire : Mohamed Ait Lhaj
Liste des signatures et copies des CIN ci-jointes""", {"lang": "fr"}),

("hygiene-environnement", "complaint", "الطوبات fel quartier",
"""Salam, f derb lkhalifa kayn bzzaf dyal الطوبات، kaykhrjou mn la poubelle dyal marchand dyal lkhodra, w daba wlaw kaydkhlou l dyour. ma9dirnach nn3ssou. bnti tjr7at b wa7d. ila kayn chi dératisation 3afakom diroha f 7ayna, w ghir 7aydo dik la benne li dima 3amra.""", {"lang": "mixed"}),

("eau-assainissement", "complaint", "الما كيسيل فالزنقة",
"""السلام عليكم
من الخميس لي فات والما كيخرج من الأرض فوسط الزنقة ديالنا، قدام الدار 54 حي القدس، كيجري بحال شي ساقية حتى للشارع. واحد الجار قال بلي القادوس ديال الما الشروب هرس تحت. هادي خسارة كبيرة، وحنا عندنا الما كيجي ضعيف فالروبيني. عيطنا للنمرة ديال الشركة ما جاوبوش""", {"charset": "iso-8859-6", "lang": "darija-ar"}),

("eclairage-public", "information-request", "Demande d'information - eclairage LED",
"""Monsieur le President,

Membre d'une association de protection du consommateur, je sollicite, au titre de la loi n 31-13, la communication des informations suivantes :
- la facture annuelle d'electricite payee par la commune pour l'eclairage public en 2024 et en 2025 ;
- le nombre de points lumineux remplaces par des LED dans le programme annonce en 2024, et les quartiers concernes ;
- les economies constatees depuis.

Je vous remercie par avance.
Khalid Ezzahraoui""", {"charset": "iso-8859-1", "lang": "fr"}),

("patrimoine", "complaint", "l7anout f souk",
"""slm, ana kan kri wa7d l7anout f souk lbaladi mn 3nd ljma3a mn 2011 w kankhlss lkra kol chhr 3ndi lwsolat. mli mrdt w sdit chhrayn, lgit wa7d akhor d5l lia w 3mr l7anout b sl3a dyalo w galo lia ljma3a 3tatha lih. ana ma twsslt b 7ta wr9a. bghit n3rf 3lach w bghit n rj3 l7anout dyali""", {"lang": "darija-lat"}),

("ressources-humaines", "information-request", "بخصوص نتائج المباراة",
"""السلام عليكم
اجتزت يوم 18 أكتوبر الماضي الامتحان الكتابي لمباراة توظيف متصرفين من الدرجة الثالثة التي نظمتها جماعتكم، ولم يتم إلى حدود اليوم الإعلان عن النتائج لا في البوابة ولا في السبورة. المرجو إفادتي بموعد نشر لائحة الناجحين المقبولين لاجتياز الشفوي، وهل سيتم إخبار المترشحين عبر البريد الإلكتروني.
مع الشكر""", {"charset": "windows-1256", "lang": "msa"}),

("marches-publics", "complaint", "Facture impayee depuis 8 mois",
"""Monsieur le President,

Notre societe a livre en mars 2026 le materiel de bureau objet du bon de commande n 34/2026 (montant 48 600,00 DH TTC). La reception a ete faite sans reserve et la facture deposee avec le PV le 2 avril. Depuis, malgre nos relances telephoniques et deux courriers, nous n'avons pas ete payes. On nous renvoie d'un bureau a l'autre (ordonnateur, percepteur). Pour une petite entreprise comme la notre, 8 mois sans paiement c'est intenable, nous avons des salaires a payer.

Nous vous prions de regler cette situation ou au moins nous dire ou est bloque le dossier.
Bureau Plus SARL""", {"charset": "windows-1252", "lang": "fr"}),

("circulation-transport", "suggestion", "proposition ralentisseurs",
"""Bonjour, pas une plainte juste une proposition. Sur la route de l'hopital, juste apres la cite universitaire, les voitures roulent tres vite la nuit, et les etudiants traversent pour aller a l'epicerie. Il y a eu un mort en septembre. Je pense que deux dos d'ane et un passage pieton peint avec un panneau suffiraient. Ca ne coute pas cher et ca sauverait des vies.""", {"lang": "fr"}),

("police-administrative", "complaint", "بناية مهددة بالسقوط",
"""السيد رئيس الجماعة،
نحيطكم علما أن المنزل القديم الكائن بدرب الحجامين رقم 7 بالمدينة العتيقة، والذي هجره أصحابه منذ سنوات، أصبح يشكل خطرا حقيقيا على الجيران والمارة، إذ ظهرت به شقوق عميقة وسقط جزء من سقفه خلال الأمطار الأخيرة، والأطفال يدخلون إليه للعب. نلتمس منكم اتخاذ ما يلزم قبل وقوع الكارثة.
السكان المجاورون""", {"charset": "iso-8859-6", "cte": "base64", "lang": "msa"}),

("affaires-sociales", "information-request", "Subventions aux associations 2027",
"""Bonjour,

Notre association (Association Amal pour les enfants a besoins specifiques, creee en 2019) souhaite deposer une demande de soutien pour l'annee 2027. Pouvez-vous nous dire quand l'appel a projets sera publie, quels sont les criteres et le modele de dossier, et si les associations qui n'ont pas encore fait de rapport financier peuvent postuler ? L'annee passee nous l'avons appris trop tard.

Cordialement,
La presidente, Hanane Belkadi""", {"lang": "fr"}),

("direction-services", "complaint", "Toujours pas de reponse",
"""Monsieur,

Je vous ai ecrit le 28 aout (accuse de reception n 2026/004417) puis relance le 30 septembre. Trois mois plus tard, aucune reponse, ni par ecrit ni par telephone. Au bureau d'ordre on me dit que le courrier a ete "transmis au service", mais personne ne sait lequel. Je ne demande pas un miracle, seulement une reponse, comme la loi vous y oblige.

Je vous prie de faire le necessaire et de me dire qui s'occupe de mon dossier.
Rachid Tahiri""", {"lang": "fr"}),

("fiscalite", "complaint", "ghrama 3la taxe",
"""salam, jatni wr9a fiha ghrama dyal ta2khir 3la taxe dyal sokna dyal 2024, w ana khllst f lw9t, 3ndi lwasl mn l9ba9a dyal lbaladia fih tarikh 15 mars. mchit nwrih lihoum galo lia "systeme ma dakhlch" w khassk tkhlss w mn b3d dir reclamation. ana ma ghadich nkhlss joj mrat. chno ndir?""", {"lang": "darija-lat"}),

("espaces-verts", "complaint", "Jardin public a l'abandon",
"""Bonjour,

Le jardin en face de la poste, qu'on appelait le jardin des familles, est devenu triste : plus d'arrosage depuis le printemps, la pelouse est morte, les rosiers sont secs, les jeux pour enfants sont casses et la fontaine ne marche plus. Le soir des jeunes y boivent. Avant, un jardinier venait tous les jours, on ne le voit plus. C'est le seul espace pour les enfants du quartier.

Merci de le remettre en etat.
Des mamans du quartier""", {"charset": "windows-1252", "cte": "quoted-printable", "lang": "fr"}),

("urbanisme", "correspondence", "Dossier 2026/PC/0311 - pieces complementaires",
"""Monsieur le Chef de service,

Suite a la commission du 19 novembre qui a emis un avis favorable sous reserve, nous vous transmettons ci-joint, pour le compte de notre client M. Omar Chafik, les pieces demandees : plan de facade modifie (retrait de 2 m au 2e etage), attestation de l'ingenieur beton arme et quittance des droits.

Nous restons a votre disposition.
Cabinet d'architecture A. Lamrani""", {"lang": "fr"}),

("hygiene-environnement", "complaint", "تسمم غذائي",
"""السيد الرئيس،
تناولت رفقة أسرتي وجبة عشاء بمطعم للمأكولات السريعة بشارع الجيش الملكي يوم السبت، وأصيب أطفالي الثلاثة بتسمم استدعى نقلهم إلى المستعجلات. وقد لاحظت أن المطبخ مكشوف والعمال لا يضعون القفازات واللحم معروض خارج الثلاجة. ألتمس إيفاد لجنة لمراقبة هذا المحل وباقي المحلات المماثلة.
وتقبلوا التحية""", {"charset": "windows-1256", "lang": "msa"}),

("eau-assainissement", "complaint", "coupure / الما مقطوع",
"""Bonsoir, 3 jours sans eau f 7ay Lmanar, ma kayn la annonce la walou. Les gens achetent des bidons b 10 dh. L'agence dit que c'est la commune, la commune dit c'est l'agence. 3ndna chyoukh w drari sghar. Au moins dites-nous quand ça va revenir !!""", {"lang": "mixed"}),

("etat-civil", "complaint", "تاريخ الازدياد غالط",
"""السلام عليكم
أنا مزداد 1975 والعقد ديالي فالحالة المدنية مكتوب فيه 1957، غلطو فالكتابة شحال هادي. دابا بغيت نخرج للتقاعد والصندوق قال ليا الأوراق ما متطابقينش. مشيت للمكتب قالو ليا سير للمحكمة، المحكمة قالت ليا جيب شهادة من الجماعة. دوخوني. ما عرفتش شكون لي غادي يصلحها""", {"lang": "darija-ar"}),

("travaux-voirie", "information-request", "الخدمة لي بداو فالشارع",
"""سلام عليكم، فالشارع ديال حي الوحدة حفرو من شهر يوليوز ودارو الحجر ديال الحاشية وتوقفو. الشركة مشات والبلاصة ولات مكب. الناس كتسول واش الخدمة غادي تكمل ولا لا؟ شحال باقي؟ شكون المقاول؟ بغينا غير نعرفو""", {"charset": "windows-1256", "cte": "quoted-printable", "lang": "darija-ar"}),

("eclairage-public", "suggestion", "اقتراح الإنارة بالطاقة الشمسية",
"""السيد رئيس المجلس،
انطلاقا من حرصنا على المصلحة العامة، نقترح عليكم تعميم أعمدة الإنارة المزودة بالألواح الشمسية على الدواوير البعيدة عن الشبكة، كدوار تافراوت ودوار إكيدر، حيث إن كلفة مد الخطوط الكهربائية مرتفعة، وقد جربت جماعات مجاورة هذه التقنية بنجاح. ونحن مستعدون للمساهمة بالحراسة والصيانة البسيطة.
جمعية الأمل للتنمية القروية""", {"lang": "msa"}),

("circulation-transport", "complaint", "الضو الأحمر",
"""الفو ديال الكروازما ديال باب الخميس طافي من سيمانة، والطوموبيلات داخلين فبعضياتهم، البارح كانت واحد الكسيدة كبيرة بين طاكسي وموطور. حتى شي بوليسي ما واقف. عافاكم صاوبوه قبل ما يموت شي واحد""", {"lang": "darija-ar"}),

("police-administrative", "petition", "عريضة الساكنة ضد الفراشة",
"""إلى السيد رئيس المجلس الجماعي
حنا السكان ديال زنقة السوق القديم والزناقي لي حداها، وعددنا 163 واحد مسجلين فاللوائح، كنقدمو ليكم هاد العريضة باش المجلس يدرس مشكل الباعة لي عمرو الزنقة بالكراريس والفراشات من الصباح حتى لليل، ما بقاش فين تدوز الطوموبيل ولا حتى الإسعاف، وكيخليو الزبل. بغينا المجلس يدير ليهم بلاصة منظمة.
وكيل العريضة: عبد الحق بنموسى""", {"lang": "darija-ar"}),

("patrimoine", "information-request", "Biens communaux loues - loi 31-13",
"""Monsieur le President,

Journaliste au site d'information regional Sous24, je vous demande, en vertu de la loi 31-13, la liste des biens immobiliers appartenant a la commune et donnes en location (locaux commerciaux, kiosques, logements, terrains), avec pour chacun le montant du loyer et la date du dernier contrat, ainsi que le montant total des arrieres de loyers au 31 decembre 2025.

Avec mes remerciements.
Yassine Bouhmidi""", {"charset": "iso-8859-1", "lang": "fr"}),

("ressources-humaines", "complaint", "ma khlsounach",
"""slm, ana wa7d mn l3ommal l3aradiyin li kaykhdmo m3a ljma3a f tn9iya dyal swa9 mn 2023. hadi chhrin ma tkhllsnach, w ktar mn hada ma 3ndna la cnss la walou. mnin kanswlo kaygolo lina lmizaniya ma jatch. 7na 3ndna drari w kra. 3afak chofo m3ana""", {"lang": "darija-lat"}),

("marches-publics", "information-request", "طلب نسخة من محضر فتح الأظرفة",
"""السيد الرئيس المحترم،
بصفتي ممثلا لشركة شاركت في طلب العروض المفتوح رقم 11/2026 المتعلق بأشغال تهيئة الساحة العمومية، والذي تم فتح أظرفته يوم 5 نونبر 2026، أطلب منكم تمكيني من نسخة من محضر لجنة فتح الأظرفة ونتائج فحص العروض، وأسباب إقصاء عرضنا.
وتقبلوا فائق الاحترام""", {"charset": "windows-1256", "lang": "msa"}),

("direction-services", "suggestion", "accueil / الاستقبال",
"""Salam, juste une idee: f l'accueil dyal lbaladia kayn dima zdi7am w ma kay3rf 7ta wa7d fin ymchi. Pourquoi pas une machine a tickets b numero, w wa7d lpanneau fih chkoun service f kol bureau b l3arbia w lfrançais? W chi kraasi l chyoukh. Ça aide bzaf.""", {"lang": "mixed"}),
]
