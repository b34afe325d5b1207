# Labelled citizen messages, part H ('fresh6'): written after the fifth
# round of rule changes (2026-11-22 10:49), measured once, never tuned on.

H = [
("hygiene-environnement", "complaint", "Re: Re: toujours rien",
"""Bonjour,
Je relance pour la troisième fois. Le container de la rue Oued Ziz n'a pas été vidé depuis 12 jours. Les sacs s'entassent autour, les chiens les éventrent.
> Le 02/11, Service communication a écrit :
> Votre message a bien été transmis au service compétent.
Transmis à qui ? Rien n'a bougé.""", {}),

("travaux-voirie", "complaint", "الطريق الرابطة بين الدواوير",
"""السيد رئيس الجماعة المحترم،
تحية طيبة وبعد، نحن ساكنة دواوير آيت عمر وتيغرمت وإمي ن تكاديرت، نعاني منذ سنوات من الحالة المزرية للمسلك الطرقي الرابط بين دواويرنا والطريق الجهوية، حيث تحول إلى أخاديد بفعل السيول، مما يعرقل تنقل التلاميذ والمرضى ويعزلنا تماما خلال فصل الشتاء.
لذا نلتمس منكم برمجة إصلاح هذا المسلك ضمن أولويات الجماعة.
والسلام""", {"charset": "iso-8859-6", "cte": "quoted-printable"}),

("eau-assainissement", "complaint", "lwad l7ar f dar",
"""lwad l7ar kaytl3 mn lbalo3a dyal lkouzina w lbit lma, kolchi m3ffen. jat charika w galo lmochkil f ra9ba dyal zn9a machi f dar. 3afakom""", {}),

("eclairage-public", "complaint", "Quartier Hay Mohammadi – éclairage",
"""Bonsoir, les trois quarts des lampes de la cité sont grillées. Ça fait des mois. Les agressions se multiplient. Faites quelque chose.""", {}),

("urbanisme", "complaint", "كراج تحول لمسكن",
"""الجار حول الكراج لشقة وفتح باب على الزنقة وزاد فوقها غرفة، وكلشي بلا رخصة. ودابا المجاري ديالو كيصبو عندنا.""", {}),

("etat-civil", "information-request", "Changement de prénom",
"""Bonjour, mon fils s'appelle Wassim mais tout le monde l'appelle Adam. Est-il possible de changer son prénom dans l'acte de naissance et quelle est la procédure ?""", {}),

("police-administrative", "complaint", "الشقة ولات مقهى",
"""واحد كرا شقة فالطابق الأول فالعمارة وردها مقهى ديال الشيشة، الدخان والصداع حتى للفجر، والناس الغرباء طالعين هابطين فالدروج. واش عندو الحق؟""", {}),

("circulation-transport", "complaint", "parking de l'hôpital",
"""Il est impossible de se garer devant l'hôpital provincial : les gardiens exigent 10 dirhams et les taxis occupent toutes les places. Les malades doivent marcher 500 mètres.""", {}),

("fiscalite", "complaint", "Relance injustifiée",
"""J'ai reçu une lettre de relance pour la taxe sur les terrains non bâtis de 2019 alors que j'ai la quittance de paiement datée du 12 mars 2019. Je joins la copie. Merci de mettre à jour vos registres.""", {}),

("patrimoine", "information-request", "Achat d'un terrain communal",
"""Bonjour, est-il possible d'acheter le petit terrain communal qui jouxte ma maison (environ 80 m²) ? À qui dois-je adresser ma demande ?""", {}),

("affaires-sociales", "correspondence", "Bilan des activités",
"""Monsieur le Président, conformément à la convention signée avec la commune, l'association Al Amal vous transmet ci-joint le rapport d'activités et le rapport financier de l'année 2025.""", {}),

("ressources-humaines", "complaint", "Heures supplémentaires",
"""Les agents de l'état civil travaillent le samedi depuis le début de l'année pour le recensement, sans aucune compensation ni récupération. Nous demandons que ces heures soient payées ou récupérées.""", {}),

("marches-publics", "complaint", "Attribution du marché de nettoyage",
"""Le marché de nettoyage des bâtiments communaux a été attribué à une société créée deux semaines avant l'ouverture des plis, dont le gérant est le cousin d'un conseiller. Nous demandons l'annulation de l'appel d'offres.""", {}),

("direction-services", "complaint", "شكاية",
"""السلام، كنشكي بالمسؤول على مكتب الشواهد الإدارية اللي كيطلب من الناس يرجعو كل نهار وكيقضي غير لي كيعرفهم. هادي الحكرة.""", {}),

("espaces-verts", "complaint", "النخلات",
"""النخلات اللي مغروسين فالشارع الكبير كلهم ناشفين، ما كيسقيهومش حتى واحد. صرفو عليهم الملايين وخلاوهم يموتو.""", {}),

("hygiene-environnement", "complaint", "Mouches et odeur - abattoir clandestin",
"""Dans la maison abandonnée du derb, quelqu'un égorge des moutons et des chèvres la nuit et laisse les peaux et les abats. Il y a des mouches partout.""", {}),

("eau-assainissement", "information-request", "Tarifs de l'eau",
"""Bonjour, où peut-on consulter les tarifs de l'eau et de l'assainissement appliqués dans la commune, par tranche de consommation ?""", {}),

("travaux-voirie", "complaint", "trottoir zellige",
"""On vient de refaire les trottoirs de notre rue en carrelage lisse : quand il pleut c'est une patinoire, trois personnes âgées sont déjà tombées. Qui a choisi ce matériau ?""", {}),

("circulation-transport", "suggestion", "Sens unique",
"""Pour désengorger la rue du marché, je suggère de la mettre en sens unique le matin et d'interdire le stationnement d'un côté.""", {}),

("urbanisme", "information-request", "رخصة التسوية",
"""سمعت بلي كاين إمكانية ديال تسوية الوضعية ديال البنايات اللي تبنات بلا رخصة. واش هادشي صحيح؟ وشنو الشروط؟""", {}),

("police-administrative", "complaint", "Haut-parleurs d'un magasin",
"""Un magasin de téléphones diffuse de la publicité par haut-parleurs sur le trottoir toute la journée. C'est insupportable pour les riverains et les élèves de l'école d'à côté.""", {}),

("etat-civil", "complaint", "الدفتر العائلي",
"""طلبت نسخة من الدفتر العائلي من شهر، وكل مرة كيقولو ليا السيستيم طايح. واش معقول؟""", {}),

("affaires-sociales", "information-request", "Aide pour une association de handicapés",
"""Bonjour, nous sommes une association qui accompagne des enfants autistes. La commune peut-elle mettre un local à notre disposition ? Quelles sont les conditions ?""", {}),

("eclairage-public", "complaint", "poteau électrique penché",
"""Le poteau électrique de la ruelle 9 est penché depuis qu'un camion l'a heurté, les fils touchent presque le balcon du premier étage.""", {}),

("fiscalite", "information-request", "شهادة الإبراء",
"""بغيت شهادة الإبراء باش نبيع الأرض، واش كتعطاوها نفس النهار ولا خاص نتسنى؟""", {}),

("direction-services", "suggestion", "Horaires d'ouverture",
"""Suggestion : ouvrir les guichets de la commune jusqu'à 18h au moins un jour par semaine pour les personnes qui travaillent.""", {}),

("hygiene-environnement", "complaint", "الطيور والحمام",
"""الجار عامر السطح بالحمام، كتر من 200 حمامة، والزبل ديالهم طايح على السطوح والصابة ديالنا، وريحة كتجيب الأمراض.""", {}),

("marches-publics", "information-request", "Liste des marchés 2025",
"""Bonjour, conformément à la loi 31-13, merci de me communiquer la liste des marchés publics attribués par la commune en 2025 avec les montants et les attributaires.""", {}),

("espaces-verts", "complaint", "Jardin transformé en parking",
"""Le petit jardin de la place Al Massira a été bétonné pour en faire un parking. Les habitants n'ont jamais été consultés. Nous voulons récupérer notre jardin.""", {}),

("travaux-voirie", "complaint", "الضوص ديال الطريق",
"""الدوص اللي فالطريق قدام السبيطار عالي بزاف وبلا صباغة، وبزاف ديال الطوموبيلات كيتخربو فيه بالليل.""", {}),
]
