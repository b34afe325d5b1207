# Labelled citizen messages, part E ('fresh3'): written after the last rule
# change and measured once; its figure is the honest estimate for mail
# nobody has seen.

E = [
("hygiene-environnement", "complaint", "Objet : demande urgente",
"""Monsieur le Président du Conseil Communal,
J'ai l'honneur de porter à votre connaissance que depuis l'ouverture du nouveau marché de gros, les commerçants jettent chaque soir les cageots, les fruits pourris et les cartons sur le terrain d'à côté. Le tas atteint maintenant deux mètres, les chats et les chiens y fouillent toute la nuit, et les mouches envahissent nos maisons. Nos enfants jouent à côté.
Je vous prie de bien vouloir ordonner l'enlèvement de ce dépôt et d'interdire ces pratiques.
Veuillez agréer, Monsieur le Président, l'expression de mes salutations distinguées.""", {}),

("travaux-voirie", "complaint", "الطريق ديال المقبرة",
"""السلام عليكم، الطريق اللي كتمشي للمقبرة كلها حجر وتراب، ومني كنمشيو ندفنو شي واحد كنعانيو، الطوموبيلات كيتقلبو والشيوخ ما كيقدروش يمشيو. واش ما كاينش شي برنامج باش تتصاوب؟""", {}),

("eau-assainissement", "complaint", "Fwd: ma kayn lma f robinet",
"""salam, 3 ayam hadi w robinet nachf, ghir lil kayji chwiya d lma. 3ndna drari sghar w lmra mrida. tlfonna l numero vert w 7ta wa7d ma jawb. 3afakom chofo m3a charika""", {}),

("eclairage-public", "complaint", "lumière",
"""Bonsoir, la lumière de notre impasse ne fonctionne plus depuis le passage des ouvriers de la commune qui ont changé les poteaux. Ils ont laissé les anciens câbles pendre du mur. Merci de terminer le travail.""", {}),

("urbanisme", "complaint", "شكاية من أجل خرق قانون التعمير",
"""السيد الرئيس المحترم،
أتشرف بإحاطتكم علما أن المسمى (...) شرع في تشييد محل تجاري بالطابق الأرضي مع فتح نوافذ مطلة مباشرة على منزلي في خرق سافر لضوابط البناء، ودون أي ترخيص معلق بالورش. وقد سبق أن أشعرت السلطة المحلية دون جدوى.
لذا ألتمس منكم إيفاد اللجنة المختصة لمعاينة المخالفة واتخاذ الإجراءات القانونية.
وتقبلوا فائق التقدير والاحترام""", {"charset": "windows-1256", "cte": "base64"}),

("etat-civil", "information-request", "Mariage mixte",
"""Bonjour, je suis marocaine et je vais épouser un ressortissant belge. Quels documents d'état civil dois-je demander à la commune pour constituer le dossier de mariage, et est-ce que les extraits doivent être traduits ?""", {}),

("police-administrative", "complaint", "الكلاب ديال الجار",
"""الجار ديالنا عندو جوج كلاب كبار كيخليهم فالسطح، كينبحو الليل كامل وكيخوفو الدراري فالزنقة، وبزاف ديال المرات هربو ليه وتبعو الناس. كلمناه وما بغاش يفهم.""", {}),

("circulation-transport", "complaint", "accès handicapés bus",
"""Les nouveaux bus de la ligne 4 n'ont pas de rampe pour les fauteuils roulants, et les chauffeurs ne s'arrêtent pas aux arrêts quand ils voient une personne handicapée. Mon fils ne peut plus aller au centre de rééducation.""", {}),

("fiscalite", "complaint", "Erreur sur la surface taxée",
"""Bonjour, l'avis de la taxe sur les terrains non bâtis mentionne une superficie de 1200 m² alors que mon terrain fait 400 m² selon le certificat de propriété ci-joint. Je demande la rectification et le remboursement du trop-perçu des trois dernières années.""", {"charset": "iso-8859-1", "cte": "quoted-printable"}),

("patrimoine", "information-request", "Utilisation de la salle des fêtes communale",
"""Bonjour, est-ce que la salle des fêtes qui appartient à la commune peut être louée par des particuliers pour un mariage ? Quel est le tarif et comment réserver ?""", {}),

("affaires-sociales", "complaint", "الجمعيات المستفيدة",
"""كل عام نفس الجمعيات كتاخد الدعم ديال الجماعة، وحنا جمعية ديال الحي خدامين مع الدراري بلا حتى درهم. بغينا نعرفو المعايير ديال التوزيع، هادشي فيه المحسوبية.""", {}),

("ressources-humaines", "correspondence", "Demande de mise en disponibilité",
"""Monsieur le Président, je soussigné, technicien de 2e grade au service des travaux, ai l'honneur de solliciter une mise en disponibilité d'un an pour convenances personnelles à compter du 1er janvier.""", {}),

("marches-publics", "information-request", "نتائج طلب العروض",
"""السلام عليكم، شاركنا فطلب العروض ديال النظافة ديال المؤسسات الجماعية، وبغينا نعرفو فوقاش غادي تخرج النتائج والمحضر ديال لجنة فتح الأظرفة.""", {}),

("direction-services", "complaint", "Fonctionnaire désagréable",
"""Ce matin au bureau des certificats, l'employé a jeté mon dossier sur le comptoir en me disant de revenir quand j'aurai « appris à remplir un formulaire ». Je suis un retraité de 72 ans. Je demande des excuses et que ce comportement cesse.""", {}),

("espaces-verts", "complaint", "Les arbres de l'avenue",
"""On a abattu une dizaine de jacarandas centenaires sur l'avenue des FAR pour élargir le parking d'un café. Qui a donné cette autorisation ? Ces arbres faisaient partie du patrimoine de la ville.""", {}),

("hygiene-environnement", "complaint", "b9 f dar",
"""salam, dar li 7dana fiha bezzaf dyal lb9 w sraser, mol dar mat w bqat msdouda, w daba kolchi dakhl l ddar dyalna. bghina chi wa7ed yji yrchech""", {}),

("eau-assainissement", "complaint", "مطمورة",
"""المطمورة ديال الجار عامرة وكتسيل فالزنقة، والريحة ما تطاقش، والدوار ما مربوطش بالواد الحار. شكون اللي خاصو يتدخل؟""", {"charset": "iso-8859-6"}),

("travaux-voirie", "complaint", "Dos d'âne sauvages",
"""Des habitants ont construit eux-mêmes des dos d'âne en ciment dans la rue principale du lotissement, très hauts et sans signalisation. Plusieurs voitures ont cassé leur carter. Il faut les démolir et faire des ralentisseurs aux normes.""", {}),

("urbanisme", "information-request", "رخصة الإصلاح",
"""بغيت نصلح السقف ديال الدار ونبدل الزليج، واش خاصني رخصة من الجماعة ولا لا؟ وإلا خاص، شنو الوراق؟""", {}),

("police-administrative", "complaint", "Nuisances d'un hammam",
"""Le hammam de notre rue rejette sa fumée noire directement sur nos fenêtres à cause d'une cheminée trop basse, et les clients garent leurs motos devant nos portes. Ce hammam a-t-il une autorisation ?""", {}),

("circulation-transport", "information-request", "Carte de stationnement résident",
"""Bonjour, j'habite dans la zone bleue du centre. Existe-t-il une carte de stationnement pour les résidents et comment l'obtenir ?""", {}),

("eclairage-public", "suggestion", "Éclairage du stade",
"""Je me permets de suggérer l'installation de projecteurs sur le terrain du quartier pour que les jeunes puissent jouer le soir pendant le Ramadan au lieu de traîner dans les rues sombres.""", {}),

("etat-civil", "complaint", "الاسم ديال الوالد",
"""فعقد الازدياد ديالي الاسم ديال الوالد مكتوب "احماد" وفالبطاقة الوطنية ديالو "أحمد"، والإدارة ديال الجوازات رفضات الملف. هادي 3 شهور وأنا كنمشي ونجي.""", {}),

("affaires-sociales", "information-request", "Subvention sport",
"""Bonjour, notre club de karaté vient d'être créé. Peut-il bénéficier d'une aide de la commune en matériel ou en salle d'entraînement ? Quelle est la procédure ?""", {}),

("hygiene-environnement", "petition", "Pétition : camion poubelle",
"""Les habitants des rues 5, 6 et 7 du quartier Al Qods (liste de 112 signatures jointe) demandent le retour du passage quotidien du camion de ramassage, supprimé depuis le changement de prestataire.""", {}),

("direction-services", "suggestion", "اقتراح بخصوص الاستقبال",
"""نقترح تخصيص شباك خاص بكبار السن والنساء الحوامل والأشخاص في وضعية إعاقة في بهو الجماعة، ووضع كراسي للانتظار وأرقام للترتيب.""", {}),

("fiscalite", "information-request", "taxe de séjour",
"""Bonjour, je viens d'ouvrir une maison d'hôtes. Dois-je collecter la taxe de séjour auprès de mes clients et comment la reverser à la commune ?""", {}),

("patrimoine", "complaint", "Logement communal insalubre",
"""J'occupe avec ma famille un logement de fonction appartenant à la commune depuis 2010. Le toit s'effrite et l'eau entre à chaque pluie. Malgré nos demandes, aucune réparation n'a été faite.""", {}),

("eau-assainissement", "complaint", "ضغط الماء",
"""الماء كيوصل ضعيف بزاف للطابق الثاني، وفالصيف كيتقطع من 10 ديال الصباح حتى 8 ديال الليل. خلصنا الفاتورة كاملة وما كنستافدوش.""", {}),

("travaux-voirie", "complaint", "piste de douar",
"""salam, triq li katrbet douar ait 3mira m3a goudron kolha 7jar w ma b9atch katdouz lhata lbhayem. lkar dyal tlamd ma b9ach kayji. 3afakom diro liha chi 7al""", {}),

("marches-publics", "complaint", "Retenue de garantie",
"""Madame, Monsieur, la réception définitive du marché n° 07/2023 a été prononcée il y a huit mois, mais la retenue de garantie de 7% ne nous a toujours pas été restituée. Nous vous prions de procéder à sa libération.""", {}),

("espaces-verts", "complaint", "المنتزه الجماعي",
"""المنتزه الجماعي ولى مهجور، النافورة خاسرة والما فيها خانز، والعشب يبس، والحراس ما كاينينش. كان هو المتنفس الوحيد للعائلات فالمدينة.""", {}),

("circulation-transport", "complaint", "رخص الطاكسيات",
"""كنشوفو طاكسيات صغار كيخدمو بلا رخصة الثقة وبلا عداد، وبعضهم كيسوقو بسرعة كبيرة وسط الأحياء. خاص المراقبة.""", {}),

("affaires-sociales", "petition", "3arida dar chabab",
"""salam, 7na chabab dwar tamsoult, jm3na 230 twa9i3 bach tdiro lina dar chabab wla markaz sosyo riyadi. ghadi nsifto lkom l3arida b lwarq m3a lbta9at.""", {}),

("urbanisme", "complaint", "Antennes relais",
"""Une antenne de téléphonie a été installée sur le toit de l'immeuble voisin, à 5 mètres de nos chambres, sans aucune information des habitants. A-t-elle reçu une autorisation de la commune ?""", {}),

("ressources-humaines", "complaint", "حرمان من التعويضات",
"""أنا موظف بمصلحة النظافة منذ 2015، ولم أستفد من التعويض عن الأشغال الشاقة والملوثة رغم أنني أعمل في جمع النفايات، بينما يستفيد منه زملاء في المكاتب. أطالب بإنصافي.""", {}),

("hygiene-environnement", "complaint", "Feux de déchets verts",
"""Chaque week-end, le jardinier de la villa voisine brûle des tas de feuilles et de branches, la fumée entre dans toutes les maisons. Une voisine asthmatique a dû aller aux urgences.""", {}),

("direction-services", "information-request", "Suivi réclamation 2026/000512",
"""Bonjour, j'ai déposé une réclamation le 3 octobre (n° 2026/000512) concernant un branchement. Pouvez-vous m'indiquer à quel service elle a été transmise et où en est son traitement ?""", {}),

("police-administrative", "complaint", "محل بيع المتلاشيات",
"""واحد فتح محل ديال المتلاشيات (الخردة) وسط الحي، عامر الزنقة بالحديد والبطاريات القديمة والصداع ديال التقطاع من الصباح حتى لليل.""", {}),
]
