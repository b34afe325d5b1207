# Labelled citizen messages, part F ('fresh4'): written after the last rule
# change (2026-11-22 10:46) and measured once, without tuning.

F = [
("hygiene-environnement", "complaint", "الناموس والضفادع",
"""البركة اللي جنب الحي الجديد ولات مصدر ديال الناموس والضفادع، الما راكد فيها من الشتا اللي فاتت، ووليداتنا كلهم مقرصين. عافاكم ردمو هاد البركة ولا رشو الدوا.""", {}),

("travaux-voirie", "complaint", "Effondrement de la chaussée",
"""Bonjour, une partie de la chaussée s'est effondrée devant l'école Ibn Rochd après les travaux de la semaine dernière. Un trou d'un mètre de profondeur, simplement entouré d'une corde. C'est un danger pour les élèves.""", {}),

("eau-assainissement", "complaint", "l'eau a une couleur jaune",
"""Depuis hier l'eau du robinet est jaunâtre et sent le chlore, impossible de la boire. Nous avons des bébés à la maison. Le distributeur ne répond pas. Que doit-on faire ?""", {}),

("eclairage-public", "complaint", "3amoud dyal dow",
"""salam, 3amoud dial dow li 9ddam dar 8 f zn9a lwifa9 kaykhrj mno chrara mli katchta, w drari kaydwzo 7dah. 3afakom sifto chi electricien 9bl ma tw9a3 chi 7aja""", {}),

("urbanisme", "complaint", "Construction sur la servitude",
"""Le propriétaire du lot 54 a construit un mur et une pièce sur la servitude de passage prévue au plan du lotissement, ce qui bloque l'accès à nos maisons. Nous demandons l'arrêt de ces travaux illégaux.""", {}),

("etat-civil", "information-request", "رسم الزواج",
"""السلام عليكم، بغيت نعرف واش يمكن ليا ناخد نسخة من رسم الزواج ديال الواليدين من الجماعة ولا خاصني نمشي للمحكمة؟""", {}),

("police-administrative", "complaint", "Poulets et moutons sur le trottoir",
"""Un commerçant de volailles abat les poulets devant sa boutique et jette les plumes et le sang dans le caniveau. En plus ses cages occupent tout le trottoir.""", {}),

("circulation-transport", "complaint", "الضو الأحمر",
"""الضو الأحمر ديال المدار اللي قدام السوق ما خدامش من شهر، والبوليس ما كاينش، والطوموبيلات داخلين فبعضياتهم. البارح وقعت كسيدة.""", {}),

("fiscalite", "complaint", "ضريبة الخدمات",
"""كنخلص رسم الخدمات الجماعية مع فاتورة الضو، وجاتني ورقة من الجماعة كتطالبني بخلاص نفس الرسم على دار مسكونة. هادشي زايد.""", {"charset": "windows-1256"}),

("patrimoine", "complaint", "Souk hebdomadaire",
"""Le concessionnaire du souk hebdomadaire réclame aux marchands 50 dirhams par emplacement alors que l'arrêté fixe 10 dirhams. La commune, propriétaire du souk, doit contrôler son concessionnaire.""", {}),

("affaires-sociales", "information-request", "Colonie de vacances",
"""Bonjour, la commune organise-t-elle des colonies de vacances pour les enfants des familles modestes cet été ? Comment inscrire mes enfants ?""", {}),

("ressources-humaines", "information-request", "Attestation de salaire",
"""Bonjour, je suis agent de la commune et j'ai besoin d'une attestation de salaire pour un crédit logement. À quel bureau dois-je m'adresser et quel est le délai ?""", {}),

("marches-publics", "complaint", "خلاص المورد",
"""سلمنا للجماعة 300 كرسي و50 طاولة للمدارس بسند طلب، وهادي 6 شهور ما توصلناش بالخلاص. الخازن كيقول الملف ما وصلوش.""", {}),

("direction-services", "complaint", "Permanence non assurée",
"""Le samedi matin, la permanence annoncée sur la porte de la commune n'est jamais assurée. J'ai fait 40 km pour rien deux fois de suite.""", {}),

("espaces-verts", "suggestion", "Jardin partagé",
"""Bonjour, je propose de créer un jardin potager partagé sur le terrain vague derrière la maison de jeunes, géré par les habitants. Nous avons besoin seulement d'un accès à l'eau.""", {}),

("hygiene-environnement", "complaint", "zbala 3amra",
"""zbala dyal l7ay 3amra 3la 9ennha, lbrakes m3mrin w ta7in, lmachina dyal zbel ma dazt mn nhar lkhmis. ri7a w ddban.""", {}),

("travaux-voirie", "suggestion", "Pavés au lieu du goudron",
"""Pour la médina, je suggère d'utiliser des pavés en pierre plutôt que du goudron lors de la rénovation des ruelles, pour préserver le cachet historique.""", {}),

("eau-assainissement", "complaint", "المياه العادمة فالواد",
"""المياه العادمة ديال الحي كتخوا مباشرة فالواد اللي كيسقيو منو الفلاحة الخضرة. هادشي خطر على الصحة.""", {}),

("urbanisme", "information-request", "Certificat de propriété et permis",
"""Bonjour, j'ai hérité d'un terrain en indivision avec mes frères. Puis-je demander un permis de construire seul ou faut-il l'accord de tous les héritiers ?""", {}),

("police-administrative", "complaint", "الكراج ديال الميكانيك",
"""الميكانيسيان اللي فالزنقة عامر الطريق بالطوموبيلات الخاسرين والزيت سايل فكل بلاصة، ودابا بدا كيصبغ الطوموبيلات فالزنقة والريحة ديال الصباغة قاتلة.""", {}),

("circulation-transport", "suggestion", "Navette",
"""Il serait utile de mettre en place une navette entre les douars et le souk le jeudi, les gens paient 30 dirhams le transport clandestin.""", {}),

("etat-civil", "complaint", "Livret de famille non remis",
"""J'ai déposé la demande de livret de famille il y a deux mois, on me répète chaque semaine qu'il n'est pas signé. J'en ai besoin pour l'allocation.""", {}),

("affaires-sociales", "complaint", "المكتبة مسدودة",
"""المكتبة الجماعية مسدودة فالعطلة بالضبط فاش كيحتاجوها التلاميذ، وحتى فالأيام العادية كتحل غير جوج سوايع. بغينا توقيت معقول.""", {}),

("eclairage-public", "information-request", "Facture d'électricité de l'éclairage",
"""Bonjour, dans le cadre du droit d'accès à l'information, je souhaite connaître le montant annuel de la facture d'électricité de l'éclairage public de la commune pour 2024 et 2025.""", {}),

("direction-services", "complaint", "التوقيع ديال الرئيس",
"""الوثيقة ديالي كتسنى التوقيع ديال الرئيس من 3 سيمانات، وكل مرة يقولو ليا الرئيس مسافر. واش ما كاينش نائب يوقع؟""", {}),

("espaces-verts", "complaint", "Herbes hautes",
"""Les herbes sèches font plus d'un mètre sur le terre-plein central du boulevard, c'est un risque d'incendie en été et on ne voit plus les voitures arriver.""", {}),

("fiscalite", "information-request", "3la ch7al dariba",
"""slm, chrit terrain f lotissement w ma bnitouch mazal, ch7al ghadi nkhlss dariba 3la lard li ma mbniyach? w wach kayna chi mohla?""", {}),

("hygiene-environnement", "suggestion", "Poubelles de rue",
"""Ce serait bien d'installer des poubelles le long de la corniche et à côté des arrêts de bus : les gens jettent tout par terre faute de corbeilles.""", {}),

("marches-publics", "information-request", "Programme d'achats",
"""Notre entreprise locale de fournitures de bureau souhaite connaître le programme prévisionnel des achats de la commune pour 2026 afin de pouvoir soumissionner.""", {}),

("police-administrative", "petition", "عريضة ضد المقهى",
"""نحن سكان عمارة النصر الموقعين أسفله (87 توقيعا) نطالب بإغلاق المقهى اللي فتح فالطابق السفلي بلا ما يحترم شروط السلامة، والدخان والصداع ديالو كيطلع للشقق.""", {}),
]
