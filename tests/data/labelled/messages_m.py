# Labelled citizen messages, part M ('fresh11'): written on 2026-12-04 before
# the eighth round of rule changes, measured once, never tuned on.
# opts 'lang' tags the language for reporting (fr, msa, darija-ar,
# darija-lat, mixed); gen.py ignores it.

M = [
("eclairage-public", "complaint", "شكاية بخصوص انقطاع الإنارة العمومية",
"""السيد رئيس جماعة المحترم،
سلام تام بوجود مولانا الإمام،
وبعد، يؤسفنا أن نخبركم بأن الإنارة العمومية منقطعة كليا بشارع الزرقطوني وأزقة حي الفتح المتفرعة عنه منذ ما يزيد عن عشرين يوما، مما أدى إلى تزايد حالات السرقة والاعتداء على المارة ليلا. وقد سبق لنا إخبار المصلحة المختصة هاتفيا دون جدوى.
لذا نلتمس منكم التدخل العاجل لإصلاح الأعطاب.
وتقبلوا فائق التقدير والاحترام.
عن السكان: عبد الكريم الناصري""", {"charset": "windows-1256", "cte": "quoted-printable", "lang": "msa"}),

("urbanisme", "complaint", "جارنا كيبني",
"""السلام عليكم
الجار ديالنا حفر الأساس ديال الدار ديالو لاصق مع الحيط ديالنا وبلا ما يدير حتى شي دعامة، ودابا الحيط ديالنا تشقق والباب ما بقاش كيتسد. سولناه على الرخصة قال عندو، ولكن ما بغاش يورينا. عافاكم صيفطو شي لجنة تشوف.""", {"lang": "darija-ar"}),

("etat-civil", "information-request", "رسم الولادة للمولود الجديد",
"""السلام عليكم، تزاد عندي ولد فالسبيطار نهار 20 نونبر، شحال عندي ديال الوقت باش نسجلو فالحالة المدنية؟ وشنو الوراق اللي خاصني نجيب؟ وواش ممكن نختار سمية أمازيغية؟""", {"charset": "iso-8859-6", "lang": "darija-ar"}),

("circulation-transport", "complaint", "parking sauvage",
"""salam, ghardien dyal parking 9dam lmarché kaykhllss 5dh l tomobil w 10dh l camion, w ma kay3tich bon. galo lina la commune hia li 3tato lblassa. wach had taman 9anoni? w ila chi tomobil tsr9at chkoun mas2oul?""", {"lang": "darija-lat"}),

("travaux-voirie", "complaint", "تدهور حالة الطريق",
"""نلفت انتباهكم إلى الحالة المزرية التي آلت إليها الطريق الرابطة بين مركز الجماعة ودوار تاغزوت، حيث أصبحت مليئة بالحفر العميقة والتشققات، بعد أقل من سنتين على إصلاحها، وهو ما تسبب في عدة حوادث سير. نطالب بإعادة تأهيلها ومحاسبة المقاولة المكلفة بالأشغال.""", {"lang": "msa"}),

("fiscalite", "information-request", "ch7al taxe",
"""slm, chrit ar9 f lotissement Al Wifa9 w bghit n3rf ch7al ghadi nkhlss f taxe dyal ard 3ariya (TNB) kol 3am, w wach kayn ta5fid ila bnit dghya? merci bzf""", {"lang": "darija-lat"}),

("hygiene-environnement", "complaint", "Odeurs de la décharge",
"""Madame, Monsieur,

Les habitants du lotissement Al Andalous subissent depuis l'été des odeurs insupportables provenant de la décharge intercommunale, notamment le soir quand le vent tourne. On brûle aussi des déchets la nuit : la fumée est irrespirable. Plusieurs enfants ont des crises d'asthme.

Nous demandons des mesures urgentes.

Le bureau de l'association du lotissement""", {"charset": "iso-8859-1", "cte": "quoted-printable", "lang": "fr"}),

("eau-assainissement", "complaint", "تسرب المياه العادمة",
"""السيد الرئيس، تتسرب المياه العادمة من قناة الصرف الصحي المكسورة بزنقة الأندلس إلى الفرشة المائية وآبار السكان، ونخشى على صحة أطفالنا. نرجو إصلاح القناة في أقرب الآجال.""", {"charset": "iso-8859-6", "cte": "quoted-printable", "lang": "msa"}),

("eclairage-public", "complaint", "lampadaire",
"""Bonjour, العمود ديال الضو اللي قدام الدار ديالي رقم 33 زنقة الياسمين كيشعل ويطفى طول الليل, ça fait comme une discothèque, ما قدرناش ننعسو. Merci de le réparer.""", {"lang": "mixed"}),

("urbanisme", "information-request", "طلب معلومات حول تصميم التهيئة",
"""السيد رئيس المجلس الجماعي،
في إطار الحق في الحصول على المعلومات المكفول بالفصل 27 من الدستور والقانون 31.13، ألتمس منكم تمكيني من نسخة من تصميم التهيئة المصادق عليه لقطاع الحي الجديد، وبيان تخصيص القطعة الأرضية ذات الرسم العقاري عدد 12345/08.
وتفضلوا بقبول عبارات الاحترام.""", {"charset": "windows-1256", "cte": "base64", "lang": "msa"}),

("etat-civil", "complaint", "3tal f lwra9",
"""salam, drt demande dyal l'extrait d'acte de naissance 3la site dyal watiqa mn 3 semaines w mazal ma wsselni walo. mchit l jma3a galo lia sir l bureau d'état civil, ta ma 3rfoch. chkoun ghadi y3awnni?""", {"lang": "darija-lat"}),

("circulation-transport", "petition", "عريضة من أجل خط للحافلات",
"""إلى السيد رئيس مجلس الجماعة

نحن الموقعين أدناه، سكان أحياء الوفاء والأمل والمسيرة، وعددنا 241 مواطنا ومواطنة، نتقدم إليكم بهذه العريضة في إطار القانون التنظيمي رقم 113.14، ملتمسين إدراج نقطة تمديد خط الحافلات رقم 7 إلى أحيائنا في جدول أعمال دورة فبراير المقبلة، نظرا لبعد هذه الأحياء عن المؤسسات التعليمية والصحية.

وكيلة العريضة: السيدة نعيمة البقالي
مرفقات: لوائح التوقيعات، نسخ البطائق الوطنية""", {"charset": "iso-8859-6", "cte": "base64", "lang": "msa"}),

("travaux-voirie", "complaint", "الطروطوار",
"""الطروطوار ديال شارع الحسن الثاني كلو مقلوع من نهار حيدو الزليج باش يبدلوه، وخلاوه هكاك من 3 شهور. العواشر جايين والناس كيمشيو فالطريق مع الطوموبيلات.""", {"charset": "windows-1256", "lang": "darija-ar"}),

("hygiene-environnement", "complaint", "zbel",
"""zbel f kolla blasa f 7ay lwifa9!!! lkamion ma douzch mn lkhmis. ri7a w dbban. 3ib w 3ar""", {"lang": "darija-lat"}),

("eau-assainissement", "information-request", "الماء الصالح للشرب فالدوار",
"""السلام عليكم، الدوار ديالنا إيمي نتاركة باقي كيشرب من البير والعين، والما كينقص فالصيف. واش كاين شي مشروع ديال الربط بالماء الصالح للشرب؟ وفين وصل؟""", {"lang": "darija-ar"}),

("fiscalite", "complaint", "الضريبة على الأراضي غير المبنية",
"""السيد المحترم،
توصلت بإشعار بأداء الرسم على الأراضي الحضرية غير المبنية عن قطعة أرضية شيدت فوقها منزلي منذ سنة 2019 وأتوفر على رخصة السكن. أطلب منكم إلغاء هذا الإشعار وتحيين المعطيات.
وتقبلوا تحياتي.""", {"lang": "msa"}),

("espaces-verts", "complaint", "Arbre dangereux",
"""Bonjour,
un grand eucalyptus du jardin public de la rue Imam Malik est à moitié déraciné depuis la tempête. Il penche au-dessus de l'aire de jeux des enfants. Il faut l'abattre ou le sécuriser avant un accident.""", {"lang": "fr"}),

("police-administrative", "complaint", "المحلبة والموسيقى",
"""السلام، المحلبة اللي تحت الدار كتخدم الموسيقى بالجهد حتى لـ 2 ديال الليل، وزادو جابو الكراسي للطروطوار. شكينا للمقدم وما تحرك والو. واش القانون كيسمح بهادشي؟""", {"charset": "windows-1256", "cte": "quoted-printable", "lang": "darija-ar"}),

("patrimoine", "petition", "Pétition des commerçants du marché",
"""Monsieur le Président du Conseil,

Nous, commerçants locataires du marché municipal Al Hourria, au nombre de 104 signataires, demandons par la présente pétition (loi organique 113-14) l'inscription à l'ordre du jour du Conseil de la rénovation du marché (toiture, électricité, sanitaires) et de la révision des loyers fixés en 2025.

Liste des signatures et copies des CIN en pièces jointes.
Mandataire : Mohamed Lamrani""", {"charset": "windows-1252", "lang": "fr"}),

("affaires-sociales", "information-request", "Centre d'accueil",
"""Bonjour, existe-t-il dans la commune un centre d'accueil ou une aide pour les personnes âgées sans famille ? Un vieux monsieur dort dans la rue près de la mosquée de notre quartier depuis un mois.""", {"lang": "fr"}),

("ressources-humaines", "information-request", "stage",
"""salam, ana talib f ISTA takhassos comptabilité, bghit ndir stage dyal chehrin f la commune. chkoun li khassni nsift lih demande? w wach khass chi convention?""", {"lang": "darija-lat"}),

("marches-publics", "information-request", "Résultats appel d'offres",
"""Madame, Monsieur,

Notre société a soumissionné à l'appel d'offres ouvert n° 11/2026 relatif à la fourniture de matériel d'éclairage. Les plis ont été ouverts le 5 novembre. Pouvez-vous nous communiquer le résultat de l'évaluation et le nom de l'attributaire, ainsi que la date de publication du PV ?

Salutations,
Service commercial, Électro Souss""", {"charset": "iso-8859-1", "cte": "base64", "lang": "fr"}),

("direction-services", "complaint", "الرشوة",
"""السيد الرئيس، من أجل الحصول على شهادة إدارية بسيطة طلب مني أحد الأعوان بالمصلحة مبلغ 200 درهم "باش يسرع الملف"، ولما رفضت قال لي ارجع الشهر القادم. هذا سلوك غير مقبول وأطلب التحقيق فيه، وأنا مستعد للإدلاء بشهادتي.""", {"lang": "msa"}),

("eclairage-public", "suggestion", "الطاقة الشمسية",
"""نقترح تجهيز أعمدة الإنارة العمومية بالدواوير البعيدة بألواح الطاقة الشمسية، لأن ربطها بالشبكة مكلف، كما فعلت بعض الجماعات المجاورة، مما سيخفف من فاتورة الكهرباء للجماعة.""", {"lang": "msa"}),

("urbanisme", "complaint", "construction anarchique",
"""Salam, ف التجزئة ديالنا واحد الشخص بنى محل تجاري فوق l'espace vert المخصص فالتصميم. On a des photos. الجماعة خاصها توقف هادشي.""", {"charset": "windows-1256", "lang": "mixed"}),

("etat-civil", "information-request", "Légalisation de signature",
"""Bonjour, est-ce que je peux légaliser ma signature un samedi matin ? et est-ce qu'il faut obligatoirement la CIN originale ou une copie suffit ? merci""", {"lang": "fr"}),

("circulation-transport", "complaint", "الطاكسيات الصغار",
"""السلام عليكم، الطاكسيات الصغار ف هاد المدينة ولاو كيحملو 4 ديال الناس بحال الكبار، وكيرفضو الكورسة إلا ما عجباتهمش. المرا ديالي بقات ساعة مع الدراري فالبرد. خاص شي مراقبة.""", {"lang": "darija-ar"}),

("travaux-voirie", "information-request", "أشغال التهيئة",
"""السلام عليكم، الأشغال ديال التهيئة اللي فشارع المقاومة حفرو الطريق كاملة ووقفو. شنو السبب؟ ومتى غادي يكملو؟ التجار دياولنا سدو المحلات.""", {"charset": "iso-8859-6", "lang": "darija-ar"}),

("hygiene-environnement", "complaint", "كلاب ضالة",
"""إلى السيد رئيس المجلس الجماعي
الموضوع: انتشار الكلاب الضالة
نحيطكم علما بالانتشار المهول للكلاب الضالة بمحيط المدرسة الابتدائية ابن زيدون، حيث تعرض تلميذان للعض خلال هذا الشهر. نطالب بتدخل مصالح حفظ الصحة بشكل مستعجل.""", {"charset": "windows-1256", "cte": "base64", "lang": "msa"}),

("eau-assainissement", "complaint", "qadous",
"""salam, l9adous dyal zn9a m7boss, lma lmwssakh kaytl3 f l9ntra w kayd5ol l dar. ana 3ndi bent mrida b l7ssasia. 3afakom sifto chi camion dyal tan9iya""", {"lang": "darija-lat"}),

("fiscalite", "correspondence", "Transmission de justificatifs",
"""Bonjour,

Comme demandé par l'agent de la régie lors de ma visite du 12 novembre, je vous transmets ci-joint la copie de mon contrat de bail et l'attestation de résidence, pour le dossier de réclamation concernant la taxe d'habitation (dossier n° TH-2026-0391).

Bien cordialement,
Sanae Bennis""", {"lang": "fr"}),

("espaces-verts", "suggestion", "حديقة للأطفال",
"""اقتراح: كاينة بقعة خاوية حدا المدرسة ديال حي الفرح، كتولي غير مزبلة. علاش ما تديروش فيها حديقة صغيرة مع شي ألعاب للدراري؟ الجمعية ديال الحي مستعدة تعاون فالغراسة والسقي.""", {"lang": "darija-ar"}),

("police-administrative", "complaint", "Commerce sans licence",
"""Bonjour, une boucherie s'est ouverte dans notre immeuble d'habitation (rez-de-chaussée, Résidence Al Firdaous). Ils égorgent des poulets dans la cour, les déchets et le sang coulent dans l'escalier. A-t-elle une autorisation d'exercer ?""", {"lang": "fr"}),

("patrimoine", "complaint", "استغلال أرض جماعية",
"""السيد الرئيس، إن البقعة الأرضية التابعة للملك الخاص الجماعي الكائنة قرب السوق الأسبوعي يتم استغلالها من طرف أحد الأشخاص كموقف للشاحنات مقابل مبالغ مالية يستخلصها لنفسه. نطالب باسترجاعها وحماية أملاك الجماعة.""", {"charset": "iso-8859-6", "lang": "msa"}),

("affaires-sociales", "complaint", "dar chabab",
"""Salam, دار الشباب ديال الحي ما بقات كتحل غير نهار السبت, et les activités ما بقاوش. الأولاد ديالنا ولاو فالزنقة. C'est à la commune ولا للوزارة ؟""", {"lang": "mixed"}),

("direction-services", "correspondence", "Accusé de réception demandé",
"""Monsieur le Président,

J'ai déposé au bureau d'ordre le 2 novembre une lettre recommandée concernant mon dossier d'indemnisation (expropriation, route de contournement). Je n'ai reçu aucun numéro d'enregistrement. Pourriez-vous me communiquer le numéro d'ordre attribué à mon courrier ?

Veuillez agréer mes respectueuses salutations.
Driss Lahlou""", {"lang": "fr"}),

("eclairage-public", "information-request", "dow dyal triq",
"""salam, wach kayn chi programme bach idiro dow f triq li katrbt douar ait 7ssain b lmarkaz? ana ka nrja3 mn lkhedma f lil w katkon denya k7la""", {"lang": "darija-lat"}),

("urbanisme", "petition", "عريضة ضد تحويل الساحة",
"""السيد رئيس المجلس الجماعي،
نحن الموقعين أسفله من ساكنة الحي القديم (186 توقيعا)، نتقدم بهذه العريضة طبقا للقانون التنظيمي 113.14، ملتمسين إدراج نقطة التراجع عن مشروع تحويل ساحة الحي إلى تجزئة سكنية في جدول أعمال الدورة المقبلة للمجلس، والحفاظ عليها فضاء عموميا مفتوحا للساكنة.
وكيل العريضة: عمر الصنهاجي""", {"lang": "msa"}),

("etat-civil", "complaint", "الدفتر العائلي",
"""السلام عليكم، مشيت باش نزيد الولد الثاني فالدفتر العائلي، قالو ليا خاص الأب يحضر. الراجل ديالي خدام فإيطاليا وما يقدرش يجي. واش ما عندكمش شي حل؟ هادي شهرين وأنا غادية جاية.""", {"charset": "windows-1256", "lang": "darija-ar"}),

("circulation-transport", "suggestion", "Sens unique",
"""Bonjour,
je propose de mettre la rue Ibn Sina en sens unique entre 7h et 19h : elle est trop étroite pour deux voies et les bouchons bloquent l'accès au dispensaire. Un simple panneau suffirait.
Cordialement, un riverain""", {"lang": "fr"}),

("travaux-voirie", "complaint", "7ofra",
"""Bonjour, كاينة حفرة كبيرة f lmadar dyal bab lkhmis, depuis 2 semaines, وخا حطو عليها شي حجرة. Les motos tombent dedans بالليل. 3afakom""", {"lang": "mixed"}),

("hygiene-environnement", "suggestion", "اقتراح بخصوص النظافة",
"""في إطار المساهمة في تحسين النظافة بالمدينة، نقترح على مجلسكم الموقر توزيع حاويات مغلقة على الأحياء الشعبية، وتحديد أوقات ثابتة لمرور شاحنات جمع النفايات يتم إعلانها للسكان، إلى جانب تنظيم حملات تحسيسية بالمدارس.""", {"lang": "msa"}),

("eau-assainissement", "complaint", "انقطاع الماء المتكرر",
"""الماء كيتقطع علينا كل نهار من 10 ديال الصباح حتى 6 ديال العشية فحي الزيتون، بلا حتى شي إعلان. عندنا شيوخ ومرضى. واش الجماعة ما عندها حتى شي كلمة مع الشركة؟""", {"charset": "iso-8859-6", "cte": "base64", "lang": "darija-ar"}),

("fiscalite", "information-request", "مبلغ رسم النظافة",
"""السلام عليكم، فتحت محل ديال الحلاقة فالحي، شحال خاصني نخلص فالرسم ديال المحلات وفين؟ وواش كاين شي تخفيض فالعام الأول؟""", {"lang": "darija-ar"}),

("espaces-verts", "correspondence", "شكر وتنويه",
"""السيد رئيس الجماعة،
باسم ساكنة حي الرياض، نتقدم إليكم وإلى أطر وعمال مصلحة المساحات الخضراء بجزيل الشكر على إعادة تهيئة حديقة الحي وغرس الأشجار وتجهيزها بالإنارة والكراسي. فقد أصبحت متنفسا حقيقيا للأسر.
ودمتم في خدمة الصالح العام.""", {"lang": "msa"}),

("police-administrative", "petition", "3arida",
"""salam, 7na sokkan derb lfe7ma, jm3na 112 twa9i3 f 3arida bach jma3a tdrj f dawra jaya nokta dyal ferracha li ch7do zn9a lkbira w dar lkhdra. bghina ndir3o lihom blassa mnadma bach ma ydrorouch. wakil l3arida: Said Nouri""", {"lang": "darija-lat"}),

("affaires-sociales", "suggestion", "Cours d'alphabétisation",
"""Bonjour,
notre association de femmes du quartier souhaiterait organiser des cours d'alphabétisation le soir. Nous suggérons que la commune mette à disposition une salle de la maison de quartier deux soirs par semaine.
Khadija, présidente""", {"lang": "fr"}),

("ressources-humaines", "complaint", "الساعات الإضافية",
"""السيد الرئيس، نحن عمال الإنعاش الوطني المشتغلين بمصلحة النظافة نشتغل أيام العطل والأعياد دون أي تعويض، ولم نتوصل بمنحة عيد الأضحى كباقي الموظفين. نلتمس منكم إنصافنا.""", {"charset": "windows-1256", "lang": "msa"}),

("marches-publics", "complaint", "paiement fournisseur",
"""Bonjour, الشركة ديالنا ساليت أشغال الصباغة ديال المدرسة الجماعية en juillet, et le décompte définitif ما تخلصش حتى لدابا. Nous avons relancé 4 fois. Merci de nous dire où en est le paiement.""", {"lang": "mixed"}),

("urbanisme", "correspondence", "إرسال وثائق تكميلية",
"""السلام عليكم ورحمة الله،
تبعا لملاحظات لجنة الدراسة، نوافيكم طيه بالتصاميم المعدلة وشهادة المهندس الطبوغرافي المتعلقة بملف طلب رخصة البناء رقم 2026/0877 قصد استكمال الملف.
مع الشكر.
مكتب الهندسة المعمارية الأطلس""", {"lang": "msa"}),

("eclairage-public", "complaint", "Câble",
"""Un câble électrique de l'éclairage public pend depuis le poteau n° 14 rue des Lilas jusqu'à hauteur d'homme. Très dangereux quand il pleut !""", {"charset": "windows-1252", "cte": "quoted-printable", "lang": "fr"}),
("circulation-transport", "information-request", "fourriere",
"""salam, tomobil dyali t7zat l fourrière lbar7 mn zn9a Moulay Youssef w ma kan ta panneau. fin kayna lfourrière w ch7al khass nkhlss bach nkhrjha? w chno lwra9 li khasni nji bihom?""", {"lang": "darija-lat"}),

("etat-civil", "complaint", "المصادقة على الإمضاء",
"""السلام عليكم
الشباك ديال تصحيح الإمضاء فالجماعة كيسد مع 11 ونص، وحنا خدامين وما كنلحقوش. البارح جيت مع 11 و20 دقيقة وقالو ليا سالينا. علاش ما تزيدوش شي شباك فالعشية؟""", {"lang": "darija-ar", "html": True}),

("hygiene-environnement", "information-request", "الردم ديال البني",
"""السلام، صلحت الدار وعندي شي ردم والحجر ديال البني. واش الجماعة كتهزو ولا خاصني نكري شي كاميو؟ وفين مسموح نلوحو؟""", {"charset": "windows-1256", "cte": "quoted-printable", "lang": "darija-ar"}),

]
