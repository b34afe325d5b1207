# Labelled citizen messages, part L ('fresh10'): written on 2026-12-04 before
# the eighth round of rule changes, measured once, never tuned on.
# opts 'lang' tags the language for reporting (fr, msa, darija-ar,
# darija-lat, mixed); gen.py ignores it.

L = [
("circulation-transport", "complaint", "Feu rouge en panne",
"""Bonjour,
le feu tricolore du carrefour boulevard Mohammed V / rue Allal Ben Abdellah clignote à l'orange depuis lundi. C'est l'heure de pointe tous les jours, les voitures passent dans tous les sens, j'ai failli être percutée ce matin avec mon fils.
Merci de réparer au plus vite.""", {"lang": "fr"}),

("eclairage-public", "complaint", "RE: réclamation éclairage",
"""Bonjour,

Je me permets de vous relancer. Rien n'a changé depuis mon premier message, la rue est toujours dans le noir.

Cordialement
Nabil

-----Message d'origine-----
De : Nabil E.
Envoyé : lundi 9 novembre 2026 21:14
À : bo@commune.example
Objet : réclamation éclairage

Bonjour, trois lampadaires sont éteints dans l'impasse des Roses au quartier Bettana depuis début octobre. Merci d'envoyer une équipe.""", {"charset": "iso-8859-1", "cte": "quoted-printable", "lang": "fr"}),

("urbanisme", "complaint", "بناء فوق الملك العمومي",
"""السيد رئيس المجلس الجماعي المحترم،
يؤسفني أن أبلغكم أن صاحب المنزل رقم 45 بزنقة المنصور الذهبي قام بتوسيع منزله على حساب الرصيف والممر العمومي، وبنى درجا وحائطا في الشارع دون أي ترخيص، مما أصبح يعرقل مرور الراجلين وعربات الأطفال. ألتمس منكم إيفاد لجنة للمعاينة واتخاذ الإجراءات القانونية.
وتقبلوا أسمى عبارات التقدير.""", {"charset": "windows-1256", "lang": "msa"}),

("etat-civil", "information-request", "chahadat lwafat",
"""salam 3likom, bghit nsowl 3la chahadat lwafat dyal jedda, fin n9dar ndirha w chnou lwra9 li khasin? w ch7al kat9ad mn nhar?""", {"lang": "darija-lat"}),

("travaux-voirie", "complaint", "الطريق مهرسة",
"""الطريق ديال دوار الشرفاء مهرسة كاملة، الحفر قد الحفر، الطاكسيات بقاو ما بغاوش يطلعو لعندنا. التلاميذ كيمشيو على رجليهم 4 كيلومتر. وعدتونا بالتزفيت فالانتخابات وحتى شي حاجة ما تدارت.""", {"lang": "darija-ar"}),

("hygiene-environnement", "complaint", "Rats",
"""Bonjour,

Il y a une invasion de rats dans notre résidence (Résidence Yasmine, bloc C). Ils viennent du terrain abandonné juste derrière, rempli d'ordures. On en voit même en plein jour dans les escaliers. Une dératisation est urgente.

Merci
Le syndic""", {"lang": "fr"}),

("eau-assainissement", "complaint", "فيضان قنوات الصرف الصحي",
"""السيد المحترم، تعرف قنوات الصرف الصحي بشارع الجيش الملكي اختناقا متكررا، حيث تفيض المياه العادمة مع كل تساقط للأمطار وتغمر المحلات التجارية والمنازل السفلية. نطالب بتنقية القنوات وتوسيعها قبل حلول فصل الشتاء.""", {"charset": "iso-8859-6", "cte": "base64", "lang": "msa"}),

("fiscalite", "information-request", "اداء الضريبة عبر الانترنت",
"""السلام عليكم، واش ممكن نخلص الضريبة على السكن والرسم ديال النظافة فالانترنيت ولا خاصني نجي للجماعة؟ أنا خدام فالرباط وما عنديش الوقت""", {"lang": "darija-ar"}),

("eclairage-public", "complaint", "dow",
"""dow mt9t3 f zn9a dyalna 7ay sa3ada mn chhar, ch7al mn mra 3yytna. 3afakom""", {"lang": "darija-lat"}),

("urbanisme", "information-request", "Certificat de conformité",
"""Madame, Monsieur,

Ayant achevé la construction de ma maison (permis n° 2024/312), je souhaiterais obtenir le permis d'habiter. Pourriez-vous m'indiquer les pièces à fournir, si le certificat de l'architecte suffit, et le délai de délivrance ?

Je vous remercie par avance.

Veuillez agréer mes salutations distinguées.
Mustapha El Ouardi""", {"charset": "windows-1252", "lang": "fr"}),

("etat-civil", "complaint", "الموظف ما كاينش",
"""السلام، جيت 3 ديال المرات لمكتب المصادقة على الإمضاء فالملحقة ديال الحي المحمدي وكل مرة كيقولو الموظف ما كاينش ولا مشا يفطر. الطابور كيوصل للزنقة. واش هادي هي الإدارة؟""", {"charset": "windows-1256", "cte": "quoted-printable", "lang": "darija-ar"}),

("circulation-transport", "complaint", "tobis",
"""salam, tobis dyal ligne 12 ma kaydouzch mn 7ay lfath ghir mra f sa3a, w ila daz kayji 3amer. khdamin w talaba kayt3atlo kol nhar. lchirka ma kat7trmch lwa9t""", {"lang": "darija-lat"}),

("travaux-voirie", "information-request", "Trottoirs",
"""Bonjour, est-ce que la réfection des trottoirs du quartier Hay Salam est prévue dans le budget 2027 ? Nous attendons depuis des années.""", {"lang": "fr"}),

("hygiene-environnement", "complaint", "الناموس",
"""السيد رئيس الجماعة،
نلتمس منكم التدخل العاجل لمكافحة انتشار البعوض بحي الوحدة بسبب المياه الراكدة في البرك المجاورة للوادي، حيث أصبح السكان، خاصة الأطفال، يعانون من اللسعات ليلا ونهارا. ولم تقم أي حملة للرش منذ الصيف الماضي.""", {"charset": "windows-1256", "cte": "base64", "lang": "msa"}),

("eau-assainissement", "complaint", "Bouche d'égout ouverte",
"""URGENT : une bouche d'égout sans couvercle rue 8 Hay Al Massira, devant l'épicerie. Un enfant a failli tomber dedans hier soir. On a mis une caisse dessus en attendant.""", {"lang": "fr"}),

("police-administrative", "complaint", "احتلال الملك العمومي من طرف المقاهي",
"""نثير انتباهكم إلى أن أصحاب المقاهي بشارع محمد الخامس يحتلون الرصيف بالكامل بالكراسي والطاولات، مما يضطر المارة، ومنهم ذوو الاحتياجات الخاصة، إلى المشي وسط الطريق. نطالب بتطبيق القانون وتحرير الملك العمومي.""", {"lang": "msa"}),

("fiscalite", "complaint", "Pénalités",
"""Bonjour,
j'ai payé la taxe d'habitation 2025 avec 10 jours de retard et on m'a appliqué des pénalités et majorations qui représentent presque la moitié du montant. Je trouve cela excessif. Est-il possible de faire un recours gracieux ?
Cordialement
H. Moussaoui""", {"charset": "iso-8859-1", "lang": "fr"}),

("patrimoine", "complaint", "كراء المحل",
"""السيد الرئيس، أنا مكتري للمحل رقم 17 بالسوق الجماعي منذ 1998، وفوجئت برفع السومة الكرائية من 300 درهم إلى 1500 درهم دفعة واحدة دون إشعار. أطلب مراجعة هذا القرار.""", {"charset": "iso-8859-6", "lang": "msa"}),

("espaces-verts", "complaint", "chjar m9touin",
"""salam, chi nas jaw l 7di9a dyal l7ay w 9t3o jouj chjrat kbar, galo b amr mn jma3a. wach bssa7? had chjar 3mrhom 30 3am. bghina nfhmo""", {"lang": "darija-lat"}),

("affaires-sociales", "information-request", "بطاقة الإعاقة",
"""السلام عليكم، ولدي عندو إعاقة حركية، بغيت نعرف واش الجماعة كتعاون فالكراسي المتحركة ولا النقل ديال المدرسة، وشنو الوراق اللي خاصني نجيب؟""", {"lang": "darija-ar"}),

("ressources-humaines", "information-request", "Attestation de travail",
"""Bonjour,
je suis ancien agent de la commune (service de l'hygiène, de 1995 à 2019, matricule 4471). J'ai besoin d'une attestation de travail pour mon dossier de retraite à la CMR. À qui dois-je m'adresser ?
Merci
Mohamed Bouzid""", {"lang": "fr"}),

("marches-publics", "information-request", "طلب نسخة من دفتر التحملات",
"""السيد رئيس الجماعة،
في إطار القانون رقم 31.13 المتعلق بالحق في الحصول على المعلومات، يشرفني أن ألتمس منكم موافاتي بنسخة من دفتر الشروط الخاصة ومحضر فتح الأظرفة المتعلقين بطلب العروض رقم 03/2026 الخاص بصفقة جمع النفايات المنزلية.
مع فائق الاحترام.
جمعية المواطنة للرقابة على المال العام""", {"charset": "windows-1256", "lang": "msa"}),

("direction-services", "complaint", "Délai de réponse",
"""Monsieur le Directeur des services,

J'ai déposé le 3 août une demande écrite (accusé de réception n° 2026/001874) et je n'ai toujours aucune réponse après plus de trois mois, alors que la loi fixe des délais. À chaque passage au guichet on me dit que le dossier "est chez le chef". Je demande que ma demande soit traitée.

Respectueusement
Rachid""", {"lang": "fr"}),

("eclairage-public", "petition", "عريضة الإنارة العمومية",
"""السيد رئيس المجلس الجماعي

نحن ساكنة دواوير أيت واعزيز وتمسولت وإكرض، الموقعين أسفله (138 توقيعا)، نرفع إليكم هذه العريضة وفقا لمقتضيات القانون التنظيمي 113.14 للمطالبة بإدراج مشروع ربط الدواوير الثلاثة بشبكة الإنارة العمومية ضمن برنامج عمل الجماعة، إذ يعيش السكان في ظلام دامس منذ عقود.

وكيل العريضة: لحسن أوعزيز""", {"lang": "msa"}),

("urbanisme", "complaint", "voisin",
"""Bonjour, جاري طلع طابق ثالث بلا رخصة et il a fermé la fenêtre de ma chambre بحيط. شكيت للمقاطعة وقالو ليا سير للجماعة. Merci de faire quelque chose.""", {"charset": "windows-1256", "cte": "quoted-printable", "lang": "mixed"}),

("etat-civil", "information-request", "Transcription d'un mariage",
"""Bonjour, je me suis mariée en France avec un Marocain. Comment transcrire notre acte de mariage dans le registre d'état civil au Maroc et inscrire nos enfants sur le livret de famille de mon mari ? Merci de votre aide.""", {"lang": "fr"}),

("circulation-transport", "suggestion", "Dos d'âne",
"""Bonjour,
je suggère l'installation de ralentisseurs et d'un passage piéton devant le collège Ibn Rochd, route de Marrakech. Les voitures roulent très vite et les élèves traversent sans protection.""", {"charset": "iso-8859-1", "cte": "base64", "lang": "fr"}),

("travaux-voirie", "complaint", "ch9o9 f triq",
"""salam, triq jdida li dar lmo9awil 9bl chhar bdat kat7ffr w t9tt3, w l9ant kaytla3 lma mn ta7t. fin ra9aba dyal jma3a? hadi flous cha3b""", {"lang": "darija-lat"}),

("hygiene-environnement", "complaint", "الزبل ف كل بلاصة",
"""الزبل عامر الزنقة ديالنا حي البركة، الشاحنة ما دازتش هادي سيمانة، والحاويات مهرسين والكلاب والقطوط كيخرجو كلشي. الريحة ما بقيناش نقدرو نحلو الشرجم.""", {"charset": "windows-1256", "lang": "darija-ar"}),

("eau-assainissement", "information-request", "Coupure programmée",
"""Bonjour, nous avons entendu qu'il y aurait des coupures d'eau programmées la semaine prochaine dans le quartier Al Qods. Pouvez-vous confirmer les jours et les horaires ?""", {"lang": "fr"}),

("fiscalite", "information-request", "طلب شهادة إبراء الذمة",
"""المرجو إفادتي بالوثائق الواجب الإدلاء بها للحصول على شهادة إبراء الذمة من الرسوم الجماعية، قصد تفويت عقار في ملكيتي بحي الرياض، وكذا المدة اللازمة لتسليمها.""", {"charset": "iso-8859-6", "cte": "quoted-printable", "lang": "msa"}),

("police-administrative", "complaint", "lmikanik",
"""salam, wa7d lmikanik 7al garage f ras derb w kaykhdm f zn9a, tomobilat m9loubin, zit f l2ard, w sda3 dyal lmotorat 7ta 11 d lil. ma bghach ysm3 mn 7ta chi 7ed. wach 3ndo rokhsa?""", {"lang": "darija-lat"}),

("espaces-verts", "suggestion", "اقتراح تشجير",
"""نقترح على مجلسكم الموقر إطلاق حملة لتشجير الشارع الرئيسي والمدارات بأشجار محلية تتحمل الجفاف كالخروب والأركان، بشراكة مع جمعيات الحي والمؤسسات التعليمية، مع اعتماد السقي بالتنقيط.""", {"lang": "msa"}),

("affaires-sociales", "complaint", "Bibliothèque fermée",
"""La bibliothèque municipale est fermée depuis le mois de juin "pour travaux" mais aucun ouvrier n'y est jamais passé. Les élèves n'ont aucun endroit pour réviser. Quand va-t-elle rouvrir ?""", {"lang": "fr"}),

("eclairage-public", "information-request", "الإنارة فالطريق الجديدة",
"""السلام عليكم، الطريق الجديدة اللي كتربط الحي بالطريق السيار تزفتات وما فيهاش حتى عمود ديال الضو. واش مبرمجة الإنارة ديالها؟ ومتى؟""", {"lang": "darija-ar"}),

("urbanisme", "information-request", "Morcellement terrain",
"""Bonjour,
je possède un terrain de 600 m² en zone villa et je voudrais le diviser en deux lots pour mes deux enfants. Est-ce autorisé par le plan d'aménagement ? Quelle est la procédure (autorisation de morcellement) et la surface minimale d'un lot ?
Cordialement""", {"lang": "fr"}),

("etat-civil", "complaint", "خطأ في تاريخ الازدياد",
"""السيد ضابط الحالة المدنية،
تبين لي عند استخراج نسخة موجزة من رسم ولادتي أن تاريخ الازدياد المدون هو 1980 بدل 1986 كما هو في الدفتر العائلي، مما عرقل ملف التقاعد الخاص بي. لقد تقدمت بطلب التصحيح منذ ستة أشهر ولم أتوصل بأي جواب.""", {"charset": "windows-1256", "cte": "base64", "lang": "msa"}),

("circulation-transport", "complaint", "grands taxis",
"""Salam, المحطة ديال الطاكسيات الكبار تحولات لبرا المدينة بلا حتى panneau ولا abri. الناس كيتسناو تحت الشمس et il n'y a même pas de toilettes. C'est pas normal.""", {"lang": "mixed"}),

("travaux-voirie", "petition", "Pétition pour la rue des Écoles",
"""Monsieur le Président du Conseil communal,

Nous, soussignés, habitants du quartier Al Manar inscrits sur les listes électorales de la commune (127 signatures jointes), vous adressons la présente pétition conformément à la loi organique 113-14, afin que le Conseil inscrive à l'ordre du jour de sa prochaine session le revêtement et l'assainissement de la rue des Écoles, impraticable à chaque pluie.

Mandataire : M. Abdelaziz Chakir""", {"lang": "fr"}),

("hygiene-environnement", "information-request", "Horaires de collecte",
"""Bonjour, à quelle heure passe le camion des ordures dans le secteur 4 de Hay Mohammadi ? On sort les poubelles le soir mais elles restent jusqu'à midi le lendemain.""", {"charset": "windows-1252", "cte": "quoted-printable", "lang": "fr"}),

("eau-assainissement", "complaint", "ma kaynch lma",
"""lma ma kaywslch l tab9a tanya ghir f lil, w nhar kaml ma kaynch. 3andna chi chhar haka. 3afakom chofo m3a radeef""", {"lang": "darija-lat"}),

("direction-services", "correspondence", "مراسلة من المجلس الجهوي للحسابات",
"""السيد رئيس المجلس الجماعي،
في إطار مهمة مراقبة التسيير المبرمجة برسم سنة 2027، يشرفني أن أطلب منكم تعيين مخاطب من مصالحكم وموافاتنا بالوثائق المبينة في اللائحة المرفقة داخل أجل خمسة عشر يوما من تاريخ التوصل بهذه الرسالة.
والسلام.
رئيس الفرع""", {"charset": "iso-8859-6", "lang": "msa"}),

("fiscalite", "complaint", "taxe",
"""Bonjour, جاني إشعار بأداء taxe d'habitation على دار ما ساكنش فيها، بعتها من 2021 و عندي l'acte de vente. Merci de corriger.""", {"charset": "windows-1256", "lang": "mixed"}),

("patrimoine", "information-request", "Terrain communal",
"""Bonjour, le terrain vague au bout de la rue Oued Sebou appartient-il à la commune ? Des personnes commencent à le clôturer et disent qu'elles l'ont acheté.""", {"lang": "fr"}),

("ressources-humaines", "complaint", "الترقية",
"""السيد الرئيس، أنا موظف بالجماعة منذ 2008 بسلم 8، ولم يتم إدراج اسمي في لائحة الترقية بالاختيار لهذه السنة رغم توفري على الأقدمية والنقط المطلوبة، في حين تمت ترقية زملاء أقل أقدمية. ألتمس إعادة النظر.""", {"lang": "msa"}),

("affaires-sociales", "correspondence", "دعوة لحضور نشاط",
"""السيد رئيس المجلس الجماعي المحترم،
يتشرف مكتب جمعية الأمل للتنمية والثقافة بدعوتكم لحضور حفل اختتام الدوري الرمضاني لكرة القدم المصغرة، وذلك يوم السبت المقبل على الساعة الرابعة بعد الزوال بملعب القرب حي الفرح.
وتفضلوا بقبول فائق التقدير.""", {"lang": "msa"}),

("eclairage-public", "complaint", "Eclairage allumé le jour",
"""Bonjour, depuis une semaine l'éclairage public de l'avenue Al Wahda reste allumé toute la journée. C'est un gaspillage d'argent public, merci de régler la minuterie.""", {"lang": "fr", "html": True}),

("urbanisme", "suggestion", "تحسين مسطرة الرخص",
"""اقتراح بسيط: علاش ما تديروش منصة فالانترنيت نتبعو فيها الملف ديال رخصة البناء؟ كل مرة خاصنا نجيو ونسولو، والمهندسين ما كيجاوبوش فالتليفون.""", {"lang": "darija-ar"}),

("circulation-transport", "information-request", "Stationnement résident",
"""Bonjour, existe-t-il une carte de stationnement résident pour le centre-ville (zone payante) ? J'habite rue Abdelmoumen et je paye chaque jour l'horodateur.""", {"lang": "fr"}),

("etat-civil", "information-request", "copie conforme",
"""Bonjour, واش المصادقة على نسخة طبق الأصل ديال الديبلوم ممكنة ف أي ملحقة إدارية ولا غير فالملحقة ديال السكنى ? Et c'est combien le timbre ? شكرا""", {"lang": "mixed"}),

("travaux-voirie", "complaint", "السلالم المهرسة",
"""الدروج ديال الممر اللي كيربط حي الكدية بالسوق مهرسين، واحد العجوز طاح تما السيمانة اللي فاتت وتكسرات ليه يديه. خاصهم يتصلحو قبل ما يوقع شي حاجة خايبة.""", {"charset": "iso-8859-6", "cte": "base64", "lang": "darija-ar"}),

("hygiene-environnement", "correspondence", "Copie d'un courrier à la Province",
"""Monsieur le Président,

Pour information, veuillez trouver ci-dessous copie du courrier que notre association a adressé au Gouverneur de la Province au sujet de la décharge de Oulad Bouzid.

« Monsieur le Gouverneur, nous avons l'honneur d'attirer votre attention sur la décharge publique située à 800 m des premières habitations... »

Association Environnement et Développement""", {"lang": "fr"}),

("marches-publics", "complaint", "ma khlsounach",
"""salam, 7na charika sghira dyal l3tada, khdmna m3a jma3a f bon de commande 2026/45 w slmna lmaterial f septembre, w mazal ma khlsounach. kol mra kaygolo lina lfacture 3nd l9abid. 3afakom""", {"lang": "darija-lat"}),
("police-administrative", "complaint", "dar ghadi tti7",
"""Bonjour, الدار القديمة اللي فدرب الحجر رقم 9 بدات كتطيح، tombent des pierres sur la ruelle كل نهار والدراري كيدوزو من تحتها. Personne n'y habite. خاص تتهدم قبل ما تقتل شي واحد.""", {"charset": "windows-1256", "cte": "base64", "lang": "mixed"}),

]
