# Labelled citizen messages, part O ('fresh13'): written on 2026-12-04
# without reading the rules, against the rules of main at 9828492 (after the
# vocabulary round), measured once, never tuned on. Harder than K-M on
# purpose (see messages_n.py).
# opts 'lang' tags the language for reporting (fr, msa, darija-ar,
# darija-lat, mixed); gen.py ignores it.

O = [
("fiscalite", "complaint", "تظلم بخصوص الرسم على الأراضي",
"""السيد رئيس المجلس الجماعي المحترم
تحية واحتراما، وبعد
أتشرف بأن أعرض على أنظاركم أنني توصلت بإشعار يطالبني بأداء مبلغ 38.400 درهم عن القطعة الأرضية ذات الرسم العقاري عدد 41873/09، والحال أن هذه القطعة أرض فلاحية مغروسة بأشجار الزيتون منذ عهد والدي، وتقع خارج المدار الحضري حسب علمي، ولم يسبق لي أن أديت عنها أي شيء.
لذا ألتمس من سيادتكم إعادة النظر في هذا الإشعار وإلغاءه، ومستعد للإدلاء بشهادة إدارية تثبت الطابع الفلاحي.
وتقبلوا فائق التقدير""", {"charset": "windows-1256", "lang": "msa"}),

("espaces-verts", "complaint", "sjar 9t3ouhom",
"""slm 3likom. lyoum sba7 jaw wa7d nas b tronconneuse w 9t3o 4 dyal sjar kbar dyal lkharoub li kano f rass derb, 3mrhom ktar mn 50 3am. swlnahom galo "3ndna l'ordre". 7na ma nbghiwch n3rfo chkon 3tahom l'ordre, walakin had sjar kano kay3tiw dl l ga3 l7ouma f sif. wach ljma3a 3arfa b had chi?? ila la, 3afakom w9fohom rah baqi wa7d joj""", {"lang": "darija-lat"}),

("patrimoine", "correspondence", "Resiliation du bail - kiosque n 6",
"""Monsieur le President,

Je soussigne Abdelaziz Rami, titulaire du contrat de location du kiosque n 6 situe place de la Marche Verte (contrat du 1er janvier 2018), vous informe par la presente de ma decision de mettre fin a ce contrat a compter du 31 decembre 2026, pour raisons de sante.

Je suis a jour de mes loyers jusqu'a fin novembre (recus en ma possession) et je remettrai les cles au service concerne a la date qu'il m'indiquera.

Veuillez agreer, Monsieur le President, mes salutations respectueuses.
A. Rami""", {"charset": "iso-8859-1", "lang": "fr"}),

("affaires-sociales", "complaint", "حرمان جمعية الأشخاص في وضعية إعاقة من القاعة المغطاة",
"""السيد الرئيس المحترم،
تتشرف جمعية الإرادة للأشخاص في وضعية إعاقة بأن تعرض عليكم أنها تقدمت منذ شهر شتنبر بطلب للاستفادة من حصتين أسبوعيتين بالقاعة المغطاة متعددة الرياضات لفائدة فريقها لكرة السلة على الكراسي المتحركة، غير أن المسؤول عن القاعة يرفض ذلك شفويا بحجة أن الكراسي تتلف الأرضية، في حين تمنح الحصص لفرق أخرى.
إن هذا الإقصاء يتنافى مع الدستور ومع القانون الإطار 97.13، لذا نلتمس تدخلكم لتمكين الجمعية من حقها.
عن المكتب المسير""", {"lang": "msa"}),

("ressources-humaines", "correspondence", "طلب موافاة بالملف الإداري لموظف",
"""المملكة المغربية
جماعة أيت ملول
مصلحة تدبير الموارد البشرية
إلى السيد رئيس جماعة
الموضوع: موافاة بالملف الإداري
سلام تام بوجود مولانا الإمام،
وبعد، على إثر الموافقة على طلب انتقال السيد (ة) نعيمة أوحماد، تقنية من الدرجة الثالثة، من جماعتكم إلى جماعتنا، يشرفني أن أطلب منكم موافاتنا بملفها الإداري الكامل وآخر قرار للترقية، وشهادة التوقف عن الأجرة.
والسلام""", {"charset": "iso-8859-6", "lang": "msa"}),

("marches-publics", "information-request", "Programme previsionnel des achats 2027",
"""Bonjour,

Je dirige une petite entreprise de travaux (batiment, second oeuvre) installee dans la commune. Nous aimerions participer aux consultations de la commune mais nous ne voyons jamais les annonces a temps. Est-ce que le programme previsionnel des marches pour 2027 a ete publie ? Ou peut-on le consulter ? Et est-ce que les bons de commande sont aussi annonces quelque part ?

Merci de votre retour,
Jamal, BTP Jamal et Freres""", {"lang": "fr"}),

("urbanisme", "complaint", "الجار خرج بالبالكون على الزنقة",
"""السلام عليكم
الجار ديالنا فزنقة المامون كيبني الطابق الأول وخرج بالبالكون شي متر ونص فوق الزنقة، والزنقة أصلا ضيقة، ولا الطابق ديالو لاصق مع الشرجم ديالنا ما بقاش كيدخل الضو. زعما هادشي مسموح؟ شفنا فالطبلة ديال الورش مكتوب رقم ولكن ما فيها حتى تصميم. بغينا غير شي واحد يجي يشوف بعينيه""", {"charset": "windows-1256", "lang": "darija-ar"}),

("etat-civil", "complaint", "lmakina dyal tasdi9",
"""salamo 3alaykom. hadi simana w ana ghadi jay l lmoqata3a bach nsadd9 3la wa7d l3a9d dyal lkra, w kol nhar kaygolo lina "lmakina khasra" ola "lmowadaf li kaysenyi ma kaynch". fin ghadi nmchi? ana khddam w kankhrj mn lkhdma bla ma n9di 7ta 7aja. lsaf kaywsl 7ta lbab dyal lbra.""", {"lang": "darija-lat"}),

("travaux-voirie", "complaint", "AFFAISSEMENT ROUTE ! ! !",
"""MONSIEUR LE PRESIDENT

DEPUIS LA PLUIE DU 20 NOVEMBRE LA CHAUSSEE S EST AFFAISSEE SUR PRES DE 5 METRES ROUTE DE TAROUDANT A LA HAUTEUR DE LA STATION SERVICE. LES CAMIONS CONTINUENT A PASSER ET CA S AGRANDIT CHAQUE JOUR, IL Y A UN TROU EN DESSOUS. PAS UNE BARRIERE PAS UN PANNEAU. C EST UNE QUESTION DE JOURS AVANT UN ACCIDENT GRAVE.

A BON ENTENDEUR""", {"lang": "fr"}),

("hygiene-environnement", "complaint", "lklab",
"""salam, f l7ay dyalna (hay lmohammadi 2) kayn wa7d l9tii3 dyal lklaab ktar mn 15, kaybatou 7da lcitea dyal lma, w f lil kayb9aw ynbho w kayt3rdo 3la nas li khrjin l fjer. lbare7 3eddo wa7d drri sghir w rah f sbitar kaydir l'vaccin. 3afakoum chi 7el 9bel ma tw9e3 chi msiba""", {"lang": "darija-lat"}),

("eau-assainissement", "complaint", "غرق الشارع مع كل تساقطات",
"""السيد رئيس الجماعة،
يغرق شارع الحسن الثاني في المقطع الممتد بين المحطة الطرقية وسوق الخضر مع كل تساقطات مطرية ولو كانت خفيفة، إذ تتحول الطريق إلى بركة يصل عمقها إلى نصف متر، وتدخل المياه إلى المحلات التجارية. والسبب واضح: البالوعات مسدودة بالأتربة والأكياس البلاستيكية ولم يتم تنظيفها منذ مدة طويلة.
نلتمس برمجة عملية تنقية قبل الأمطار المقبلة.
تجار الشارع""", {"charset": "iso-8859-6", "lang": "msa"}),

("eclairage-public", "complaint", "c'est tout noir chez nous",
"""Bonsoir,
Je ne sais pas si c'est votre service ou l'ONEE mais depuis la fin des travaux du tram, tout notre coin (derriere la clinique Al Majd, les trois impasses) est plonge dans le noir des que le soleil se couche. Les maisons ont de l'electricite, c'est seulement dehors. Les lampes en haut des poteaux sont la mais rien ne s'allume. On rentre du travail avec la lampe du telephone.
Fouad""", {"lang": "fr"}),

("circulation-transport", "information-request", "الطوموبيل ديالي ديتوها",
"""السلام، البارح حطيت الطوموبيل حدا السوق ومنين رجعت ما لقيتهاش، قالو ليا الناس الديباناج ديال الجماعة داها. فين كاين المحجز؟ شحال خاصني نخلص؟ وشنو الأوراق لي خاصني نجيب؟ وواش كاين شي وقت محدد باش نجبدها ولا غادي يزيدو عليا كل نهار؟""", {"lang": "darija-ar"}),

("police-administrative", "complaint", "la salle des fetes",
"""Bonjour, la salle des fetes li t7ellat jdida 7da l'immeuble dyalna, chaque week-end jusqu'a 4h du matin : orchestre, les klaxons, feux d'artifice. Impossible de dormir, mon pere a des problemes cardiaques. واش عندهم رخصة يخدمو حتى لهاد الساعة؟ On a deja appele la police, ils disent que c'est la commune qui donne l'autorisation.""", {"lang": "mixed"}),

("direction-services", "complaint", "سوء الاستقبال بمكتب الجماعة",
"""السيد الرئيس المحترم،
أكتب إليكم وأنا أشعر بالإهانة. فقد قصدت صباح يوم الثلاثاء الماضي مقر الجماعة لإيداع طلب، فاستقبلني أحد الموظفين بالشباك رقم 3 بعبارات جارحة أمام الناس، وحين طلبت منه اسمه رفض وقال لي "اشكي فين ما بغيتي". إنني امرأة مسنة لا أحسن القراءة، ولم أطلب سوى أن يدلني على المكتب المختص. أرجو أن تتخذوا ما ترونه مناسبا حتى لا يتكرر هذا مع غيري.
فاطمة الزهراء أوعلي""", {"charset": "windows-1256", "cte": "base64", "lang": "msa"}),

("fiscalite", "information-request", "ouverture d'un commerce - quelles taxes",
"""Bonjour,
je vais ouvrir une petite boulangerie-patisserie au quartier El Houda en janvier. Mon comptable me parle de la taxe professionnelle et de la taxe de services communaux mais il ne sait pas exactement ce qui est paye a la commune, ni s'il y a une exoneration les premieres annees. Est-ce que vous pouvez m'expliquer ce que je dois declarer et a quel moment ? Et pour l'enseigne lumineuse, il y a une taxe aussi ?
Merci
Meryem""", {"charset": "windows-1252", "lang": "fr"}),

("espaces-verts", "information-request", "طلب معلومات حول مشروع المنتزه",
"""السيد رئيس المجلس،
طبقا للقانون رقم 31.13 المتعلق بالحق في الحصول على المعلومات، أرجو تمكيني من المعطيات التالية بخصوص مشروع المنتزه الحضري بحي الأمل الذي أعطيت انطلاقته سنة 2023: الكلفة الإجمالية، والشركة المكلفة بالإنجاز، ونسبة تقدم الأشغال، والأجل المتوقع لفتحه في وجه العموم.
ولكم جزيل الشكر""", {"lang": "msa"}),

("patrimoine", "complaint", "الترامي على بقعة في ملك الجماعة",
"""سيدي الرئيس،
نخبركم بأن شخصا معروفا بالحي شرع منذ أسبوعين في إحاطة البقعة الأرضية الفارغة الموجودة خلف المدرسة الابتدائية ابن زيدون بسياج من الحديد، ووضع بها مواد البناء، علما أن هذه البقعة كانت دائما معروفة لدى السكان بأنها في ملك الجماعة وكانت مخصصة لإنجاز ملعب للقرب. ويدعي أنه اشتراها.
نرجو التحقق من الوضعية العقارية لهذه البقعة وحمايتها.
ساكنة الحي""", {"lang": "msa"}),

("affaires-sociales", "information-request", "tkwin f markaz",
"""salam, smi3t bli kayn wa7d markaz dyal nsa f 7ay nahda fih tkwin f lkhiyata w l7lawiyat. bghit nsjjl bnti, 3ndha 19 3am w ma kmlatch l9raya. fin nmchi? chno lwraa9 li khass? w wach b flous ola fabor? w l'age ch7al?""", {"lang": "darija-lat"}),

("ressources-humaines", "information-request", "Concours techniciens - annonce Facebook",
"""Bonjour,

J'ai vu sur une page Facebook (pas officielle je crois) que la commune organise un concours pour recruter 4 techniciens de 3e grade en electricite et en genie civil. Je n'ai rien trouve sur emploi-public.ma. Est-ce vrai ? Si oui, quelle est la date limite de depot des dossiers, les pieces a fournir et l'age maximum ?

Merci d'avance,
Othmane""", {"lang": "fr"}),

("marches-publics", "complaint", "الضمانة ديالي",
"""السلام عليكم السيد الرئيس، أنا مقاول صغير، سالينا الصفقة ديال تبليط الأزقة ديال دوار تمسية من 2024 وتدار التسلم النهائي فشهر ماي، وإلى حد الساعة باقا الضمانة النهائية ديالي محبوسة عندكم والبنك كياخد عليها الفوائد كل شهر. مشيت للمصلحة شحال من مرة وكيقولو ليا الملف عند الخازن. عافاكم فكونا""", {"lang": "darija-ar"}),

("urbanisme", "information-request", "طلب مذكرة المعلومات التعميرية",
"""السيد رئيس الجماعة،
أنا بصدد اقتناء قطعة أرضية بمنطقة أكدال، وأريد قبل إبرام العقد أن أعرف تخصيصها في تصميم التهيئة الجاري به العمل، إذ أخبرني البعض أن جزءا منها مخصص لطريق مبرمجة. أرجو إفادتي بكيفية الحصول على مذكرة المعلومات التعميرية والوثائق المطلوبة والآجال.
مع الشكر""", {"charset": "windows-1256", "cte": "quoted-printable", "lang": "msa"}),

("etat-civil", "information-request", "Transcription naissance enfant ne en France",
"""Bonjour,

Je suis marocain residant a Lyon. Mon fils est ne en France en juillet. Le consulat me dit de faire la declaration chez eux, mais ma famille au bled me dit qu'il faut aussi l'inscrire dans le registre de la commune ou je suis ne. Je ne comprends plus. Est-ce que l'acte arrive chez vous automatiquement ? Et combien de temps avant de pouvoir demander un extrait chez vous ?

Cordialement,
Nabil Ait Ouarab""", {"charset": "iso-8859-1", "cte": "quoted-printable", "lang": "fr"}),

("travaux-voirie", "suggestion", "drouj l 7ouma l fo9",
"""salam, 7na sakna f 7ouma li f lkodiya, kantl3o w kanhbto f wa7d l mmer dyal ttrab. f chta kayweli ghir l ghiss w nas kbar kaytay7o. n9tar7o 3likom dirou lina chi drouj b béton ola pavé w chi barriere dyal l7did bach ytchdou fiha. ma ghadich tkllf bzaf w ghadi t3awn bzaf d nas""", {"lang": "darija-lat"}),

("hygiene-environnement", "complaint", "رمي مخلفات البناء وحرق الأزبال على ضفة الوادي",
"""السيد رئيس الجماعة المحترم،
نثير انتباهكم إلى أن ضفة الوادي المحاذية لحي الفرح تحولت إلى مكان لرمي الردم ومخلفات البناء من طرف شاحنات تأتي ليلا، كما يعمد بعض الأشخاص إلى إضرام النار في الأكوام مما يتسبب في دخان كثيف يدخل المنازل ويؤذي المصابين بالربو. ونخشى أن يسد ذلك مجرى الوادي في فصل الشتاء.
نطالب بتدخل عاجل ووضع حد لهذه الممارسات.
جمعية حي الفرح""", {"charset": "windows-1256", "lang": "msa"}),

("eau-assainissement", "information-request", "الدار جديدة وبغينا نربطوها",
"""سلام، سالينا البني ديال دار فالتجزئة الجديدة حدا الطريق ديال المطار، وبغينا نربطو الدار بالقواديس ديال الواد الحار ديال الشارع. واش نمشيو للجماعة ولا للوكالة؟ واش كاين شي ورقة خاص نجيبوها من عندكم قبل؟ وواش الحفر فالزنقة حنا لي نديروه ولا هوما؟""", {"charset": "iso-8859-6", "lang": "darija-ar"}),

("eclairage-public", "complaint", "daw",
"""salam, l poto li 9dam dar 12 f zn9a 7 dyal 7ay lkheir tay7 3la jnbo mn nhar dik sh-shta, w lkhit dyal lkahraba ban, lwlad kayl3bo 7dah. w zn9a kamla ma fiha daw mn dak nhar. 3iyt 3la numero vert ma jawbnich 7ed. 3afakom 9bel ma ytkahrb chi wa7d""", {"lang": "darija-lat"}),

("circulation-transport", "complaint", "محطة الحافلات",
"""السيد الرئيس،
منذ أن تم تحويل محطة وقوف الحافلات من أمام المستشفى الإقليمي إلى مكان يبعد عنه بحوالي ثمانمائة متر، أصبح المرضى والمسنون يقطعون هذه المسافة مشيا، كما أن سائقي الخط 4 لا يتوقفون أصلا في المحطة الجديدة عندما تكون الحافلة ممتلئة، وهو ما يحدث دائما في الصباح. نرجو إعادة المحطة إلى مكانها الأول والزام الشركة بزيادة عدد الحافلات.
مواطن""", {"lang": "msa"}),

("police-administrative", "complaint", "TR: salle de jeux pres du college",
"""-------- Message d'origine --------
Objet : salle de jeux
De : parents.college.alwahda@gmail.com

Chers parents, nous vous informons que plusieurs eleves s'absentent pour aller a la salle de jeux (billard, PlayStation) ouverte a 50 m du college.

--------
Monsieur le President, je vous transmets ce message de l'association des parents. Cette salle est ouverte de 8h a minuit, on y fume, et nos enfants de 13 ans y passent leurs journees au lieu d'aller en classe. Est-ce qu'un tel local a le droit d'ouvrir si pres d'un etablissement scolaire ? Qui lui a donne l'autorisation ? Nous demandons un controle.
Un pere d'eleve""", {"lang": "fr"}),

("direction-services", "correspondence", "Invitation - reunion de coordination plan grand froid",
"""Monsieur le President de la commune,

J'ai l'honneur de vous inviter a prendre part a la reunion de coordination consacree au plan de lutte contre les effets de la vague de froid 2026-2027, qui se tiendra le mardi 15 decembre 2026 a 10h00 a la salle des reunions de la Province.

Je vous prie de vous faire accompagner des responsables concernes et de vous munir de l'etat des moyens disponibles (engins, stocks, centres d'accueil).

Le Secretaire general de la Province""", {"lang": "fr"}),

("fiscalite", "complaint", "الحانوت مسدود والضريبة جات",
"""السلام عليكم، عندي حانوت فالقيسارية مسدود من 2023 حيت مرضت، ما بعت ما شريت، وجاني الإشعار ديال الضريبة ديال الجماعة كاملة بحالا خدام، وزايدين عليها الذعيرة. واش هادا معقول؟ راه عندي شهادة طبية وعندي حتى شهادة من المقدم بلي مسدود. شنو نعمل باش يحيدوها؟""", {"lang": "darija-ar"}),

("espaces-verts", "complaint", "Traitement des pelouses sans prevenir",
"""Bonjour,

Ce matin vers 10h, des ouvriers d'une societe (camionnette blanche) ont pulverise un produit sur les pelouses et les haies du square Ibn Rochd pendant que les enfants jouaient et que des personnes agees etaient assises sur les bancs. Aucune affiche, aucun balisage, l'odeur etait tres forte. Mon petit a eu les yeux qui piquent.

Pourriez-vous me dire quel produit a ete utilise et demander a vos prestataires de prevenir et de fermer l'acces la prochaine fois ?
Mme Chraibi""", {"charset": "windows-1252", "cte": "quoted-printable", "lang": "fr"}),

("patrimoine", "information-request", "mahallat dyal souk jdid",
"""slm 3likom, 3ndi sou2al 3la lmahallat dyal souk jdid li bnatou ljma3a: wach t9sm? chkon li khdahom? w wach kayna chi liste? 7na tjjar dyal souk l9dim galo lina ghadi tkon lina l2awlawiya, daba kansm3o bli t3tat l nas ma 3ndhom 7ta 3ala9a. bghina n3rfo kifach tdart l9isma""", {"lang": "darija-lat"}),

("affaires-sociales", "petition", "Petition : rouvrir la piscine municipale",
"""A l'attention de Monsieur le President et des membres du Conseil

Petition deposee en vertu de la loi organique n 113-14

Nous, 318 citoyennes et citoyens de la commune, demandons que le conseil inscrive a l'ordre du jour de sa prochaine session la rehabilitation et la reouverture de la piscine municipale, fermee depuis l'ete 2023. Des centaines d'enfants vont se baigner dans le barrage et deux y sont morts cet ete.

Mandataire : Mme Loubna Assafi
Annexe : 14 pages de signatures avec numeros de CIN""", {"charset": "iso-8859-1", "lang": "fr"}),

("ressources-humaines", "correspondence", "طلب خدمة",
"""السلام عليكم السيد الرئيس
أنا شاب من الدوار عندي 26 عام، قريت حتى للثالثة ثانوي وخدمت عساس فشركة ديال البناء جوج سنين وسائق عندي البيرمي. كنطلب منكم إلا كانت شي خدمة فالجماعة بحال عساس ولا سائق ولا فالنظافة تقبلوني، راه الوالد مريض وأنا لي كنعول على الدار. صيفطت ليكم معا هاد الرسالة السيفي ونسخة من البطاقة.
الله يجازيكم بخير
رشيد""", {"charset": "windows-1256", "lang": "darija-ar"}),

("marches-publics", "correspondence", "إرسال وثائق الصفقة رقم 09/2026",
"""السيد رئيس جماعة المحترم،
الموضوع: إرسال وثائق
المرجع: الصفقة رقم 09/2026 المتعلقة بتزويد الجماعة بالعتاد المعلوماتي
تحية طيبة وبعد، تبعا لإشعارنا بالمصادقة على الصفقة المذكورة، يشرفنا أن نوافيكم طيه بأصل الضمانة النهائية، وشهادة التأمين، ونسخة من السجل التجاري المحينة، وذلك داخل الأجل المحدد في دفتر الشروط الخاصة.
وتفضلوا بقبول فائق الاحترام
المسير: شركة سوس للمعلوميات""", {"charset": "iso-8859-6", "lang": "msa"}),

("urbanisme", "petition", "عريضة بشأن تعديل تصميم التهيئة بحي الرياض",
"""إلى السيد رئيس مجلس الجماعة والسادة الأعضاء المحترمين
نحن الموقعين أسفله، وعددنا 241 من سكان حي الرياض المسجلين في اللوائح الانتخابية للجماعة، نتقدم بهذه العريضة وفق القانون التنظيمي 113.14 للمطالبة بإدراج نقطة في جدول أعمال المجلس تتعلق بمراجعة المقتضى الذي يسمح بعمارات من خمسة طوابق في قلب حي الفيلات، لما في ذلك من ضغط على الشبكات ومس بطابع الحي، والإبقاء على التخصيص السابق.
وكيل العريضة: الأستاذ كمال بنيس""", {"lang": "msa"}),

("etat-civil", "complaint", "Refus prenom amazigh",
"""Bonjour, je veux declarer la naissance de ma fille et je veux l'appeler Tiziri. L'agent m'a dit "ma kaynch had smiya f liste", il faut choisir un autre prenom. Pourtant ma cousine a Tiznit a appele sa fille Tiziri sans probleme en 2024, w kayn circulaire dyal wizara. Je trouve ca injuste, عطيوني حقي نسمي بنتي لي بغيت.
Hassan Aznag""", {"lang": "mixed"}),

("travaux-voirie", "complaint", "القنطرة ديال الوادي طاحت",
"""السلام عليكم، القنطرة الصغيرة لي فوق الشعبة بين دوار الكدية والمدرسة طاح منها الجنب مع الشتا لي فاتت، ودابا غير اللوح بوحدو باقي، والدراري الصغار كيدوزو عليها كل صباح. والطوموبيلات ما بقاوش كيقدرو يدوزو. إلا جات الشتا مرة أخرى غادي تمشي كاملة. عافاكم صلحوها""", {"lang": "darija-ar"}),

("hygiene-environnement", "suggestion", "مقترح حملة تحسيسية",
"""السيد الرئيس،
انطلاقا من تجربتنا كأساتذة علوم الحياة والأرض، نقترح على جماعتكم تنظيم حملة تحسيسية بالمؤسسات التعليمية والأحياء حول فرز النفايات المنزلية، وإحداث مشروع نموذجي للتسميد بالحي الجديد، يمكن أن يستفيد منه أصحاب الحدائق والفلاحون المجاورون، وتخفيف الكميات المنقولة إلى المطرح. ونحن مستعدون للتأطير مجانا.
نادي البيئة بثانوية الخوارزمي""", {"charset": "windows-1256", "cte": "quoted-printable", "lang": "msa"}),

("eau-assainissement", "complaint", "Cave inondee depuis vos travaux",
"""Monsieur,

Depuis que l'entreprise mandatee par la commune a refait la rue Al Farabi en septembre, chaque fois qu'il pleut notre sous-sol se remplit d'une eau sale et puante qui remonte par la canalisation de l'immeuble. Avant les travaux cela n'arrivait jamais. Nous pensons que le raccordement a ete mal refait ou bouche. Nous avons deja jete des meubles et une machine a laver.

Merci d'envoyer quelqu'un constater.
Syndic residence Al Farabi""", {"lang": "fr"}),

("eclairage-public", "information-request", "متى سيتم تشغيل الأعمدة بالحي الجديد",
"""السلام عليكم،
نحن سكان تجزئة النخيل 2، تم تركيب أعمدة الإنارة بأزقتنا منذ أكثر من سنة، لكنها لم تشغل بعد، ونسمع أن السبب هو عدم تسلم الجماعة للتجزئة من المنعش، أو عدم ربطها بالعداد. نرجو إفادتنا بحقيقة الأمر وبالموعد المرتقب لتشغيلها.
والسلام""", {"lang": "msa"}),

("circulation-transport", "suggestion", "sens unique",
"""slm, kan9tar7 3likom tdiro zn9at ibn khaldoun sens unique, 7it kol sba7 m3a 8 kaytblokaw tomobilat joj b joj w lbus dyal drari ma kaydouzch. ila drtoha tl3a mn jiht lmarché w nzla mn jiht lmsjid ghadi t7ll lmochkil. w zido chi panneau stop f lkarfour.""", {"lang": "darija-lat"}),

("police-administrative", "complaint", "lavage f trotoir",
"""salam, wa7d l garage dyal lavage dyal tomobilat fta7 f zn9a dyalna w kaykhdem 3la trotoir, lma w saboun kaysil f zn9a kamla, w tomobilat waqfin 3la joj jnab, ma b9a fin ndouzo b lpoussette. mn sba7 7ta l3cha. wach 3ndo rokhsa ydir hakka f trotoir?""", {"lang": "darija-lat"}),

("direction-services", "complaint", "Ce qu'on m'a demande pour mon dossier",
"""Monsieur le President,

J'hesite depuis des semaines a ecrire ce message. J'ai depose en juin une demande d'autorisation pour agrandir ma maison au douar. Le dossier n'avancait pas. Un homme qui dit travailler avec la commission m'a appele et m'a dit que "pour que ca passe vite" il fallait 5 000 dirhams, et que sinon le dossier resterait dans le tiroir. Je n'ai pas paye. Depuis, mon dossier a recu un avis defavorable sans explication.

Je ne veux pas d'ennuis, mais je pense que vous devez savoir ce qui se passe. Je peux donner le numero qui m'a appele.
(nom connu de vos services)""", {"lang": "fr"}),

("fiscalite", "information-request", "Recettes fiscales / مداخيل الرسوم",
"""Bonjour, dans le cadre de la loi 31-13, je voudrais obtenir le montant des recettes de la commune par taxe locale (taxe d'habitation? taxe de services communaux, TNB, taxe sur les debits de boissons...) pour 2024 et 2025, w ch7al dyal lbaqi ma tkhlsch (les restes a recouvrer). Merci, c'est pour un memoire de master.""", {"lang": "mixed"}),

("espaces-verts", "suggestion", "Planter local / غرس الأركان",
"""Bonjour, une suggestion: au lieu de planter du gazon sur les ronds-points et les terre-pleins, qui boit beaucoup d'eau alors qu'on est en secheresse, pourquoi ne pas planter des arganiers, des caroubiers et des plantes du pays? حنا فالجمعية عندنا مشتل صغير وممكن نعطيو الغراس بلاش.""", {"lang": "mixed"}),

("patrimoine", "complaint", "Augmentation du loyer du local commercial",
"""Monsieur le President,

Locataire depuis 2009 du local commercial n 14 au marche municipal (propriete de la commune), j'ai recu un avis m'informant que mon loyer passe de 350 a 1 200 dirhams par mois a partir de janvier, avec effet sur les arrieres de 2026. Personne ne nous a consultes ni informes d'une deliberation. Les autres locataires sont dans le meme cas. A ce prix, je dois fermer.

Je vous demande de revoir cette decision ou au moins de nous communiquer sa base.
Lahoucine Id Said""", {"charset": "windows-1252", "lang": "fr"}),

("affaires-sociales", "complaint", "دار الشباب ديما مسدودة",
"""السلام عليكم، دار الشباب لي فحينا مسدودة أغلب الأيام، وإلا حلات كتحل ساعة ولا جوج. المدير ما كاينش، والعساس كيقول ما عندي حتى تعليمات. حنا جمعية ديال المسرح ما لقيناش فين نتمرنو، والدراري ولاو فالزنقة. عافاكم شوفو ليها شي حل""", {"charset": "iso-8859-6", "lang": "darija-ar"}),

("ressources-humaines", "complaint", "تظلم بخصوص الترقية في الدرجة",
"""السيد رئيس الجماعة المحترم،
الموضوع: تظلم
أتشرف بأن أعرض على سيادتكم أنني موظف بالجماعة منذ سنة 2008 بصفة مساعد إداري، واستوفيت شروط الترقية بالاختيار منذ ثلاث سنوات، وحصلت على نقط تقييم جيدة، غير أن اسمي لم يرد في لائحة المرقين برسم سنة 2026، في حين تمت ترقية زملاء أقل مني أقدمية.
لذا ألتمس إعادة النظر في وضعيتي الإدارية.
وتقبلوا فائق الاحترام""", {"lang": "msa"}),

("marches-publics", "information-request", "kifach nkhdem m3a ljma3a",
"""salam, 3ndi auto-entrepreneur f sbagha w tblii9 (peinture w carrelage) w bghit nkhdem m3a ljma3a f chi bons de commande sghar. kifach ndkhol? wach khassni ntsjjel f chi liste? wach kayn chi site fin kaykhrjo? w chno lwra9 li khasshom? merci 3la lmosa3ada""", {"lang": "darija-lat"}),

("urbanisme", "complaint", "Ordre de demolition jamais execute",
"""Monsieur le President,

En 2024, apres plusieurs plaintes de notre part, un proces-verbal d'infraction a ete dresse contre le proprietaire du n 9 de notre impasse, qui avait construit sans autorisation une piece sur le passage commun, et on nous a dit qu'une decision de demolition avait ete prise. Deux ans plus tard, rien n'a bouge, la construction est toujours la et il a meme ajoute une porte metallique qui ferme le passage la nuit. Ma mere handicapee ne peut plus sortir par l'arriere.

Nous vous demandons de faire executer la decision.
Famille Ouhammou""", {"html": True, "lang": "fr"}),

("hygiene-environnement", "complaint", "namous / الناموس",
"""Salam, f terrain vague li 7da l'ecole Al Wahda kayn wa7d lbirka dyal lma m7bousa mn lmatar, wlat khadra w ri7tha khanza, w namous wlla kaydkhl 3lina bzaf, drari kamlin m39rin. On a peur des maladies. 3afakom jiw nshfo lbirka w diro traitement.""", {"lang": "mixed"}),

("eau-assainissement", "petition", "عريضة سكان دوار تكاديرت من أجل الماء",
"""إلى السيد رئيس مجلس الجماعة
حنا سكان دوار تكاديرت، والعدد ديالنا 128 مسجلين فاللوائح الانتخابية، كنقدمو هاد العريضة طبقا للقانون التنظيمي ديال الجماعات، باش يتبرمج فالدورة الجاية ربط الدوار بالشبكة ديال الماء الشروب. حنا من سنين كنجيبو الما بالحمير من العين لي بعيدة بجوج كيلومتر، والعين نقصات مع الجفاف.
وكيل العريضة: محمد أوبراهيم
التوقيعات فالورقات المرفقة""", {"charset": "windows-1256", "lang": "darija-ar"}),
]
