# Labelled citizen messages, part I ('fresh7'): written after the sixth
# round of rule changes (2026-11-22 10:56), measured once, never tuned on.

I = [
("hygiene-environnement", "complaint", "ZBEL!!!",
"""ZBEL F KOLLA BLASSA F HAY ESSALAM. WACH NTOUMA BAYTIN?""", {}),

("travaux-voirie", "complaint", "Voirie",
"""Bonjour,
Rue 22 quartier Al Fath : la tranchée creusée pour la fibre optique n'a jamais été rebouchée correctement, il reste une bande de terre de 50 m au milieu du goudron.
Cordialement,
--
Envoyé de mon iPhone""", {}),

("eau-assainissement", "complaint", "انقطاع متكرر",
"""كل نهار كيتقطع علينا الما من الصباح حتى العشية بلا ما يعلمونا، وحنا فعز الصيف. الخزانات ديال الدوار خاويين.""", {}),

("eclairage-public", "complaint", "Éclairage public - boulevard Mohammed VI",
"""MONSIEUR LE PRESIDENT, LE BOULEVARD MOHAMMED VI EST DANS LE NOIR TOTAL DEPUIS 15 JOURS. C'EST LA ROUTE LA PLUS FREQUENTEE DE LA VILLE. MERCI DE REPARER LES LAMPADAIRES.""", {"charset": "iso-8859-1"}),

("urbanisme", "complaint", "Chantier sans panneau",
"""Au 14 rue Annakhil, un immeuble de quatre étages est en construction sur un terrain prévu pour des villas. Il n'y a aucun panneau indiquant le numéro de l'autorisation. Merci de vérifier la légalité de ce chantier.""", {}),

("etat-civil", "complaint", "Erreur sur l'acte de décès",
"""L'acte de décès de mon père mentionne une mauvaise date de naissance, ce qui bloque la succession chez le notaire. Je demande la rectification de cette erreur.""", {}),

("police-administrative", "complaint", "الكلاب ديال الحراسة فالمحل",
"""مول المحل ديال الحديد كيخلي الكلاب ديال الحراسة فالطروطوار، وكيهجمو على المارة. وزيد كيعمر الرصيف بالحديد والقضبان.""", {}),

("circulation-transport", "complaint", "Bus scolaire",
"""Le bus de ramassage scolaire de la commune passe à 6h30 au lieu de 7h15, les enfants attendent dans le noir et le froid. Merci de revoir les horaires.""", {}),

("fiscalite", "information-request", "TSC",
"""Bonjour, la taxe de services communaux est-elle incluse dans ma facture d'électricité ou dois-je la payer séparément à la commune ?""", {}),

("patrimoine", "complaint", "الكراء ديال الدكاكين",
"""الدكاكين ديال الجماعة اللي فالسوق البلدي كيكريوهم ناس ومكيخلصوش الكراء من سنين، وحنا اللي كنخلصو بانتظام كيزيدو علينا.""", {}),

("affaires-sociales", "complaint", "Foyer féminin fermé",
"""Le foyer féminin du quartier, où les femmes apprenaient la couture et l'alphabétisation, est fermé depuis le départ de la monitrice en juin. Nous demandons sa réouverture.""", {}),

("ressources-humaines", "information-request", "concours",
"""Slm, est-ce que la commune va recruter des techniciens en 2026 ? Je suis diplômé en électricité.""", {}),

("marches-publics", "complaint", "Délais de paiement",
"""Nous sommes une petite entreprise de BTP. Les situations de travaux que nous déposons restent des mois sans être payées. Nos ouvriers ne sont plus payés. Cette situation nous mène à la faillite.""", {}),

("direction-services", "complaint", "Rendez-vous annulé",
"""J'avais rendez-vous avec le directeur des services à 10h pour mon dossier. J'ai attendu jusqu'à 13h, personne ne m'a prévenu qu'il était absent. Je viens de loin.""", {}),

("espaces-verts", "complaint", "Arbres plantés trop près",
"""Les arbres plantés par la commune devant nos maisons sont des ficus dont les racines soulèvent déjà le dallage et menacent les canalisations. Il fallait choisir une autre espèce.""", {}),

("hygiene-environnement", "complaint", "fumée de la décharge",
"""slm, mtrah dial zbel li 7da douar kay7r9o fih kol lila, dokhan kaydkhol l dyour w drari mrad b 7asasiya. bghina l7al""", {}),

("eau-assainissement", "complaint", "Eau boueuse après travaux",
"""Depuis les travaux sur la conduite principale, l'eau qui sort de nos robinets est boueuse pendant plusieurs heures chaque matin.""", {}),

("travaux-voirie", "information-request", "مشروع تهيئة الحي",
"""سمعنا بلي كاين مشروع ديال تهيئة الحي ديالنا (الطرق والأرصفة). واش صحيح؟ وفوقاش غادي يبداو؟""", {}),

("urbanisme", "information-request", "Hauteur autorisée",
"""Bonjour, quelle est la hauteur maximale autorisée pour une construction dans le quartier Riad Salam ? Puis-je ajouter un deuxième étage à ma maison ?""", {}),

("police-administrative", "complaint", "محل الشواء",
"""محل ديال الشواء تحت الدار كيشوي فالزنقة بالفاخر، الدخان كيدخل للديور، والزبناء كيجلسو فالطروطوار حتى الوحدة ديال الليل.""", {}),

("circulation-transport", "complaint", "الحافلة ديال الجماعة",
"""الطوبيس اللي كيوصل للجامعة ديما عامر، الطلبة كيبقاو واقفين فالمحطة ساعة. خاص تزيدو حافلات فهاد الخط.""", {}),

("eclairage-public", "complaint", "ampoule",
"""salam, lampa dial poto 9dam jami3 mhrsa mn chhar, zn9a kamla dlam. chkoun ghadi ybdlha?""", {}),

("affaires-sociales", "petition", "Pétition pour une crèche communale",
"""Nous, 250 mères de famille du quartier Dakhla, signataires de cette pétition, demandons au conseil communal la création d'une crèche communale à tarif social.""", {}),

("etat-civil", "information-request", "نسخة موجزة",
"""سلام، واش نقدر نطلب نسخة موجزة من رسم الولادة عن طريق الإنترنت ونتوصل بيها فالدار؟""", {}),

("direction-services", "complaint", "Appels sans réponse",
"""Le standard téléphonique de la commune ne répond jamais. J'ai appelé 15 fois cette semaine à des heures différentes. Comment joindre vos services ?""", {}),

("hygiene-environnement", "suggestion", "Sensibilisation",
"""Je propose des campagnes de sensibilisation dans les écoles sur la propreté et le tri des déchets, avec des concours entre quartiers.""", {}),

("fiscalite", "complaint", "الذعائر",
"""خلصت الضريبة ديال الأرض فالوقت، والقباضة زادت عليا الذعائر حيت الوصل ما تسجلش فالسيستيم. عندي الوصل الأصلي.""", {}),

("espaces-verts", "information-request", "Fleurs pour le quartier",
"""Bonjour, est-ce que la pépinière communale peut donner des plants aux associations de quartier qui veulent embellir leurs rues ? Comment faire la demande ?""", {}),

("police-administrative", "complaint", "Fête foraine",
"""Une fête foraine s'est installée sur le terrain vague à côté des habitations, les manèges et la musique tournent jusqu'à 1h du matin depuis dix jours. A-t-elle une autorisation ?""", {}),

("marches-publics", "correspondence", "Envoi de documents administratifs",
"""Bonjour, suite à la demande de la commission, veuillez trouver ci-joint l'attestation fiscale, l'attestation CNSS et le registre de commerce de notre société pour le dossier de l'appel d'offres n° 12/2026.""", {}),
]
