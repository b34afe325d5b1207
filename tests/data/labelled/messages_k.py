# Labelled citizen messages, part K ('fresh9'): written on 2026-12-04 before
# the eighth round of rule changes, measured once, never tuned on.
# opts 'lang' tags the language for reporting (fr, msa, darija-ar,
# darija-lat, mixed); gen.py ignores it.

K = [
("eclairage-public", "complaint", "Lampadaires éteints avenue Hassan II",
"""Bonjour,

Depuis plus de trois semaines, les lampadaires de l'avenue Hassan II, entre la pharmacie Al Amal et le rond-point de la gare routière, sont tous éteints. Le soir, les femmes et les enfants ont peur de passer par là, il y a déjà eu deux vols à l'arraché.

Nous avons appelé plusieurs fois, on nous répond que "l'équipe va passer". Personne n'est venu.

Merci d'intervenir rapidement.
Mme Latifa Benali""", {"lang": "fr"}),

("urbanisme", "information-request", "طلب معلومات حول رخصة البناء",
"""السيد رئيس المجلس الجماعي المحترم،

تحية طيبة وبعد، أتشرف بأن أطلب منكم، في إطار القانون 31.13 المتعلق بالحق في الحصول على المعلومات، تزويدي بلائحة الوثائق المطلوبة لإيداع ملف طلب رخصة البناء لمسكن فردي من طابقين بتجزئة النور، وكذا الآجال القانونية لدراسة الملف والرسوم الواجب أداؤها.

وتقبلوا فائق التقدير والاحترام.
عبد الرحيم الزياني""", {"charset": "windows-1256", "lang": "msa"}),

("etat-civil", "complaint", "3afak l 7ala madania",
"""salam, mchit l mkateb l7ala lmadania 3 dyal lmrat bach nakhod copie integrale dyal lwalid, kol mra kaygolo lia rjo3 ghda, registre machi hna. wach had chi m39oul? ana jay mn casa khasni lwra9a l lkhedma.""", {"lang": "darija-lat"}),

("circulation-transport", "complaint", "Stationnement anarchique devant l'école",
"""Monsieur le Président,

Chaque matin entre 7h45 et 8h30, les parents d'élèves se garent en double file devant l'école primaire Ibn Khaldoun, rue de Fès. Les bus ne peuvent plus passer et les enfants traversent entre les voitures. Il n'y a aucun panneau ni agent.

Nous vous prions de bien vouloir installer une signalisation et un passage piéton.

Respectueusement,
L'association des parents d'élèves""", {"charset": "iso-8859-1", "lang": "fr"}),

("travaux-voirie", "complaint", "الحفر فالزنقة 14",
"""السلام عليكم
الزنقة 14 ديال حي الانبعاث عامرة بالحفر من نهار حفرو باش يدوزو الكابلات، سدو التراب وخلاوها هكاك. ملي كتطيح الشتا كتولي غير الغيس والطوموبيلات كيتخسرو. بغينا تزفيت الزنقة عافاكم.""", {"lang": "darija-ar"}),

("fiscalite", "information-request", "Taxe sur les terrains non bâtis",
"""Bonjour,
je viens d'hériter avec mes frères d'un terrain non bâti au lotissement Riad. Nous avons reçu un avis de paiement de la TNB pour les années 2019 à 2025 avec des pénalités. Pouvez-vous m'indiquer comment est calculé le montant, si les pénalités peuvent être annulées et quels documents fournir pour mettre le terrain au nom des héritiers ?
Merci d'avance
Omar""", {"lang": "fr"}),

("hygiene-environnement", "complaint", "الأزبال أمام المسجد",
"""بسم الله الرحمن الرحيم
السيد رئيس الجماعة، نحيطكم علما أن النفايات تتراكم منذ أسبوعين أمام مسجد التقوى بحي السلام، ولم تمر شاحنة جمع النفايات، مما تسبب في روائح كريهة وانتشار القطط والحشرات، خاصة مع ارتفاع درجة الحرارة. نرجو التدخل العاجل.
ساكنة حي السلام""", {"charset": "iso-8859-6", "lang": "msa"}),

("eau-assainissement", "complaint", "lwad l7ar",
"""slm 3likom, lwad l7ar m7lol f derb lmers mn jem3a, lma lmwsakh kaykhrj mn regard w dakhl lddyour. ri7a ma tt7melch w drari mrdo. 3tina bzzaf dyal lcoups d fil l radeema walakin 7ta wa7ed ma ja. 3afakom dkhlo""", {"lang": "darija-lat"}),

("eclairage-public", "complaint", "الضو ديال الزنقة",
"""السلام، الزنقة ديالنا ف حي الرحمة ظلمة كحلة من شهر، جوج بوطوات طافيين و واحد طايح فالأرض و الخيوط باينين. الدراري كيلعبو تما، خايفين شي واحد يتكهرب. عيطنا ومكاين والو""", {"lang": "darija-ar"}),

("urbanisme", "complaint", "Construction sans autorisation",
"""Monsieur,

Je vous signale que mon voisin au n° 27 rue Ibn Batouta est en train de construire un troisième étage alors que le plan d'aménagement n'autorise que R+2 dans notre quartier. Les travaux se font le week-end et la nuit pour éviter les contrôles. Il a aussi ouvert des fenêtres qui donnent directement sur notre terrasse.

Je souhaite qu'un contrôle soit fait et que les travaux soient arrêtés.

Cordialement,
Ahmed Tazi
Tél : 06 61 xx xx 12""", {"charset": "windows-1252", "cte": "quoted-printable", "lang": "fr"}),

("etat-civil", "information-request", "تصحيح خطأ في الاسم",
"""السلام عليكم ورحمة الله
وقع خطأ في كتابة الاسم العائلي لابني في رسم الولادة، حيث كتب "الإدريسي" بدل "الادريسي القيطوني". المرجو إفادتي بالإجراءات اللازمة لتصحيح هذا الخطأ، وهل يتم ذلك بالجماعة أم لدى المحكمة الابتدائية؟
وشكرا""", {"charset": "windows-1256", "cte": "base64", "lang": "msa"}),

("circulation-transport", "complaint", "Sabot",
"""On m'a posé un sabot alors que j'étais garé sur une place sans aucune signalisation payante, rue Moulay Ismail. Le gardien m'a demandé 100 dh sans reçu. C'est légal ça ??""", {"lang": "fr"}),

("travaux-voirie", "complaint", "trottoir",
"""Bonjour, le trottoir du boulevard Zerktouni devant la banque est complètement defoncé depuis les travaux de la fibre, les dalles sont cassées et il y a des trous. Ma mère de 70 ans est tombée la semaine derniere. Qui va réparer ?""", {"lang": "fr"}),

("hygiene-environnement", "complaint", "kilab dalla",
"""salam, f 7ay lmasira kaynin bzaf dyal lklab dalla, kaytjm3o f lil 9odam l'école w kay3a9 3la drari. lbare7 wa7ed lklb 3od bent jartna w mchat l sbitar. khasna 7al 3ajil 3afakom""", {"lang": "darija-lat"}),

("fiscalite", "complaint", "مطالبة بضريبة مؤداة",
"""السيد المحترم،
توصلت بإنذار بأداء الرسم المهني لسنة 2023 رغم أنني أديته في حينه بشباك الوكالة الجماعية للمداخيل، وأتوفر على الوصل رقم 004512. أطلب منكم إلغاء هذا الإنذار وتصحيح وضعيتي في السجلات.
مع الشكر""", {"charset": "iso-8859-6", "cte": "quoted-printable", "lang": "msa"}),

("espaces-verts", "complaint", "الحديقة ديال الحي",
"""الحديقة اللي قدام العمارات ديال الوفاق ولات غير تراب، العشب يبس والسقي ما بقاش والكراسي مهرسين. الأطفال ما عندهم فين يلعبو. فين مشات الميزانية ديال المساحات الخضراء؟""", {"lang": "darija-ar"}),

("police-administrative", "complaint", "Nuisances café",
"""Le café "Le Palmier" au coin de notre immeuble a installé des tables sur tout le trottoir et même sur la chaussée. Les clients regardent les matchs jusqu'à 2h du matin avec la télé à fond. Impossible de dormir, et les piétons marchent sur la route.

Est-ce qu'il a une autorisation d'occupation du domaine public ? Merci de faire respecter la loi.""", {"charset": "iso-8859-1", "cte": "base64", "lang": "fr"}),

("patrimoine", "information-request", "كراء محل تجاري",
"""السلام عليكم، سمعت بلي الجماعة غادي تكري المحلات الجديدة ديال السوق البلدي. بغيت نعرف كيفاش نقدم الطلب وشحال الثمن ديال الكرا الشهري وواش كاين شي سمسرة؟ شكرا""", {"lang": "darija-ar"}),

("affaires-sociales", "information-request", "Subvention association",
"""Bonjour,

Notre association "Jeunes de Tilila" (sport et soutien scolaire) est déclarée depuis 2021. Nous souhaitons déposer une demande de subvention pour l'année 2027. Pouvez-vous nous dire quelle est la date limite, le formulaire à remplir et les pièces à joindre (PV de l'AG, bilan financier, etc.) ?

Cordialement,
Le président, Yassine Ouchen""", {"lang": "fr"}),

("ressources-humaines", "information-request", "مباراة توظيف",
"""السلام عليكم ورحمة الله تعالى وبركاته
أرجو منكم إفادتي بموعد إعلان نتائج مباراة توظيف التقنيين من الدرجة الثالثة التي أجريت يوم 15 أكتوبر 2026، وهل ستنشر اللائحة بالموقع الإلكتروني للجماعة أم بمقرها؟
مع جزيل الشكر""", {"lang": "msa"}),

("eclairage-public", "complaint", "Eclairage public 7ay Nahda",
"""salam, mn 15 jour w denya mdalma f 7ay nahda zn9a 3, les lampadaires kamlin tafyin. drna réclamation f lmoukata3a walakin walou. 3afakom sifto chi 7ed ychof""", {"lang": "darija-lat"}),

("urbanisme", "information-request", "رخصة الإصلاح",
"""السلام، بغيت نصلح السطح ديال الدار ونبدل الزليج، واش خاصني رخصة ديال الإصلاح ولا لا؟ وفين نمشي ندير الطلب؟""", {"lang": "darija-ar"}),

("etat-civil", "complaint", "Légalisation refusée",
"""Bonjour Madame, Monsieur,

Je me suis présenté ce matin au bureau de légalisation de l'annexe administrative n°2 pour légaliser la signature d'un contrat de bail. L'agent a refusé au motif que le document était en français, alors que c'est accepté partout ailleurs. J'ai perdu ma matinée.

Merci de me dire quelle est la règle.
K. Alaoui""", {"lang": "fr"}),

("circulation-transport", "suggestion", "اقتراح: خط حافلات",
"""في إطار تحسين خدمات النقل الحضري، نقترح إحداث خط جديد للحافلات يربط حي الأمل الجديد بالمركز الاستشفائي الجهوي، إذ يضطر السكان، وأغلبهم من المسنين، إلى ركوب سيارتي أجرة للوصول إلى المستشفى.""", {"charset": "windows-1256", "lang": "msa"}),

("travaux-voirie", "petition", "عريضة من أجل تعبيد طريق دوار أولاد سالم",
"""السيد رئيس المجلس الجماعي،

نحن الموقعين أسفله، سكان دوار أولاد سالم، وعددنا 164 مواطنا ومواطنة مسجلين في اللوائح الانتخابية، نتقدم إليكم بهذه العريضة طبقا للقانون التنظيمي 113.14، من أجل إدراج نقطة تعبيد الطريق الرابطة بين الدوار والطريق الإقليمية في جدول أعمال الدورة المقبلة للمجلس. فهذه الطريق تنقطع كليا في فصل الشتاء ويتعذر على التلاميذ والمرضى التنقل.

مرفق: لائحة التوقيعات ونسخ البطائق الوطنية.
وكيل العريضة: الحسين أمزيان""", {"lang": "msa"}),

("hygiene-environnement", "complaint", "Dépôt sauvage",
"""Madame, Monsieur,
un dépôt sauvage de gravats et de déchets ménagers s'est formé sur le terrain vague à côté du collège Al Farabi. Des camionnettes viennent y vider la nuit. Ça brûle régulièrement et la fumée entre dans les classes.
Merci de faire le nécessaire.
Un parent d'élève""", {"charset": "windows-1252", "lang": "fr"}),

("eau-assainissement", "complaint", "الماء مقطوع",
"""الما مقطوع علينا فحي القدس هادي 4 أيام بلا ما يعلمونا، والناس كيشريو الما بالقراعي. عيطنا للوكالة قالو ليهم ماشي شغلهم. شكون المسؤول؟""", {"charset": "windows-1256", "cte": "quoted-printable", "lang": "darija-ar"}),

("fiscalite", "information-request", "Ta9s dyal sakan",
"""salam, bghit n3rf wach ana khassni nkhlss taxe d'habitation 7it kan sakn f dar dyal lwalid w hiya mkriya? w fin nmchi nkhlss? merci""", {"lang": "darija-lat"}),

("direction-services", "complaint", "سوء الاستقبال بمصلحة",
"""السيد الرئيس،
أتقدم إليكم بشكايتي هاته ضد موظف بمصلحة تصحيح الإمضاءات الذي استقبلني بكلام جارح وطلب مني صراحة "شي حاجة باش تدوز قبل الناس". وعندما رفضت أجل ملفي إلى الأسبوع المقبل. أطلب فتح بحث في الموضوع.
الإمضاء: مريم العلوي""", {"charset": "iso-8859-6", "cte": "base64", "lang": "msa"}),

("eclairage-public", "information-request", "Programme d'éclairage",
"""Bonjour, le douar Ait Brahim n'a toujours pas d'éclairage public alors qu'il est raccordé à l'électricité depuis 2018. Est-ce que notre douar est prévu dans le programme d'extension de l'éclairage de la commune ? Si oui pour quelle année ?""", {"lang": "fr"}),

("urbanisme", "complaint", "البناء العشوائي بالتجزئة",
"""نخبركم أن عدة أشخاص شرعوا في بناء مساكن عشوائية فوق البقعة المخصصة للمسجد والمدرسة في تصميم تجزئة الرياض، تحت أعين السلطات، ونطالب بإيقاف هذه الأشغال وهدم ما بني.""", {"lang": "msa"}),

("etat-civil", "information-request", "Livret de famille",
"""Bonjour, j'ai perdu mon livret de famille lors de mon déménagement. Comment obtenir un duplicata ? Faut-il une déclaration de perte à la police d'abord ?
Merci
Hicham""", {"lang": "fr"}),

("circulation-transport", "complaint", "taxi",
"""les taxis f m7tta dyal Bab Doukkala ma bghawch ykhdmo b compteur, kol wa7ed kaygoul lik 20dh l chi blassa 9riba. w ila goulti lih compteur kaychtmk. khas l contrôle.""", {"lang": "darija-lat"}),

("travaux-voirie", "complaint", "Ralentisseur dangereux",
"""Un ralentisseur a été construit rue Al Qods sans aucune peinture ni panneau, il est très haut. Plusieurs motos sont tombées la nuit. Merci de le signaler ou de le refaire aux normes.""", {"charset": "iso-8859-1", "cte": "quoted-printable", "lang": "fr"}),

("hygiene-environnement", "complaint", "ريحة خانزة من المجزرة",
"""السلام عليكم، المجزرة ديال السوق الأسبوعي كتلوح الدم والبقايا فالواد اللي حدانا، والريحة خانزة بزاف والدبان كثير. كنطلبو من قسم حفظ الصحة يجي يشوف""", {"lang": "darija-ar"}),

("eau-assainissement", "information-request", "الربط بشبكة التطهير",
"""السيد المدير، المرجو إخباري بالمسطرة المتبعة لربط مسكني الكائن بدوار الكدية بشبكة التطهير السائل، والوثائق المطلوبة وتكلفة الربط، علما أن الأشغال انتهت في الحي منذ شهرين.""", {"charset": "windows-1256", "cte": "base64", "lang": "msa"}),

("police-administrative", "complaint", "الفراشة",
"""الفراشة سدو الطريق كاملة ف سوق الحي الحسني، حتى الإسعاف ما بقاتش كتقدر تدوز. الناس كيبيعو فوسط الزنقة والزبل كيبقى مور منهم. فين هي السلطة؟""", {"charset": "windows-1256", "lang": "darija-ar"}),

("fiscalite", "complaint", "Taxe de services communaux",
"""Bonjour,

On me réclame la taxe de services communaux pour un local commercial que j'ai fermé en 2022. J'ai déposé une déclaration de cessation au service des impôts de la commune à l'époque (récépissé en pièce jointe). Merci de régulariser.

Salutations distinguées,
Brahim Nait Lhaj""", {"lang": "fr"}),

("espaces-verts", "information-request", "ta9lim chjar",
"""Bonjour, les arbres de notre rue (avenue des FAR) ont beaucoup poussé et touchent les fils électriques. واش ممكن تجيو تقلموهم قبل الشتا؟ Et faut-il faire une demande écrite? شكرا""", {"charset": "windows-1256", "lang": "mixed"}),

("affaires-sociales", "petition", "عريضة لإحداث دار للشباب",
"""إلى السيد رئيس المجلس الجماعي

الموضوع: عريضة

نحن شباب وساكنة حي النهضة، الموقعون على هذه العريضة وعددنا 212، نلتمس من مجلسكم الموقر إدراج نقطة إحداث دار للشباب وملعب للقرب بالحي في جدول أعمال الدورة العادية المقبلة، نظرا لانعدام أي فضاء ثقافي أو رياضي بالحي وتفشي ظاهرة الانحراف في صفوف الشباب.

ونرفق هذه العريضة بلائحة التوقيعات ومذكرة تفصيلية.""", {"lang": "msa"}),

("patrimoine", "complaint", "Local communal occupé",
"""Monsieur le Président,
le local communal situé au 12 rue Tarik Ibn Ziad, qui était une ancienne bibliothèque, est occupé depuis un an par un commerçant qui l'utilise comme entrepôt. Est-ce qu'il paye un loyer à la commune ? Les jeunes du quartier aimeraient qu'il retrouve sa fonction.""", {"lang": "fr"}),

("eclairage-public", "complaint", "Poteau électrique",
"""Urgent !! Le poteau d'éclairage en face du hammam de derb Sidi Bouloukate penche dangereusement depuis le vent d'hier, il peut tomber sur les passants. La lampe est cassée aussi.""", {"lang": "fr"}),

("urbanisme", "suggestion", "plan d'aménagement",
"""السلام عليكم، بمناسبة l'enquête publique du plan d'aménagement, نقترح تخصيص البقعة الفارغة جنب المستوصف لمساحة خضراء ومرآب بدل العمارات، لأن الحي déjà مكتظ بزاف.""", {"charset": "windows-1256", "cte": "quoted-printable", "lang": "mixed"}),

("etat-civil", "complaint", "التأخر في تسليم عقد الازدياد",
"""طلبت نسخة كاملة من عقد الازدياد منذ 10 أيام ولم أتسلمها إلى الآن بدعوى أن السجل عند المحكمة. أنا في حاجة ماسة إليها لملف جواز السفر. المرجو التدخل.""", {"charset": "iso-8859-6", "lang": "msa"}),

("circulation-transport", "information-request", "إشارة المرور",
"""السلام عليكم، علاش الضو الأحمر ديال مدارة الحسن الثاني حيدوه؟ ولات الفوضى والحوادث كل نهار. واش غادي يرجعوه؟""", {"lang": "darija-ar"}),

("travaux-voirie", "information-request", "travaux route",
"""Bonjour, الأشغال ديال الطريق الرئيسية ديال حي السلام بدات من 6 أشهر وباقي ما سالاتش. Quelle est la date prévue de fin des travaux et qui est l'entreprise ? شكرا""", {"lang": "mixed"}),

("hygiene-environnement", "suggestion", "Tri des déchets",
"""Bonjour,
je propose que la commune installe des bacs de tri (plastique, verre, papier) dans les écoles et devant les grandes surfaces, avec une petite campagne de sensibilisation. Plusieurs associations sont prêtes à aider bénévolement.
Sara""", {"lang": "fr"}),

("eau-assainissement", "complaint", "fuite d'eau",
"""Bonjour, كاين une fuite d'eau importante فالقنوات تحت الطروطوار ديال زنقة المدارس depuis une semaine. الما كيمشي خسارة والطريق بدات كتهبط. Merci d'intervenir.""", {"lang": "mixed"}),

("marches-publics", "correspondence", "Transmission caution définitive",
"""Monsieur le Président de la Commune,

Suite à la notification de l'approbation du marché n° 07/2026 relatif aux travaux d'aménagement de la place centrale, nous avons l'honneur de vous transmettre ci-joint l'original de la caution définitive n° 2026-88123 délivrée par notre banque.

Veuillez agréer, Monsieur le Président, l'expression de notre haute considération.

Le gérant
Société BTP Atlas SARL""", {"lang": "fr"}),

("ressources-humaines", "complaint", "ma khlsonach",
"""salam, 7na l3ommal l3aradiyin dyal nadafa w l7ada2i9 ma khlsonach 3 chhour hadi. 3ndna wlad w kra. kol mra kaygolo lina lmizania mazal. 3afakom chofo m3ana""", {"lang": "darija-lat"}),

("direction-services", "correspondence", "إحالة شكاية",
"""السيد رئيس جماعة ...
سلام تام بوجود مولانا الإمام المؤيد بالله،
وبعد، يشرفني أن أحيل عليكم طيه شكاية السيد محمد الكرومي في شأن تعثر ملفه الإداري، قصد دراستها واتخاذ ما ترونه مناسبا، وموافاتي بنتيجة البحث.
والسلام.
عن عامل الإقليم""", {"charset": "windows-1256", "lang": "msa"}),

("affaires-sociales", "complaint", "terrain de sport",
"""Salam, le terrain de proximité dyal 7ay lmanzah مسدود من شهرين, الحارس كيقول الجماعة قالت ليه ما يحلوش. Les jeunes ma 3ndhom fin yl3bo. Pourquoi ?""", {"lang": "mixed"}),

("espaces-verts", "correspondence", "Remerciements",
"""Bonjour,
je tenais à remercier l'équipe des espaces verts qui a réaménagé le jardin de la place Al Massira : nouvelles plantations, arrosage goutte à goutte, bancs réparés. Le jardin est redevenu un lieu agréable pour les familles. Bravo et merci.
Un habitant reconnaissant""", {"lang": "fr"}),
("police-administrative", "complaint", "قاعة الحفلات",
"""السلام عليكم
قاعة الحفلات اللي تحلات جديد فوسط الحي كتخدم كل ليلة حتى للصباح، الطبالة والغيطة والمفرقعات، والطوموبيلات كيسدو علينا الباب. عندنا مرضى وولاد قاريين. واش عندها رخصة؟ وشكون اللي عطاها ليهم فوسط السكنى؟""", {"charset": "iso-8859-6", "cte": "quoted-printable", "lang": "darija-ar"}),

]
