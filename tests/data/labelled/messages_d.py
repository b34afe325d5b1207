# Labelled citizen messages, part D: written after the second round of rule
# changes and measured once, never used to tune (split 'fresh2').

D = [
("hygiene-environnement", "complaint", "tla3 lina lhal",
"""salam 3alikom, 3ndna mochkil kbir f derb lkhir: nass kaylo7o lkhodra w l7out l9dim f wst zn9a, w lbarakat dial lma lkhanz, lhchrat wlat katdkhl ldyour. bghina tjiw tnqiw""", {}),

("travaux-voirie", "complaint", "مدخل الدوار",
"""الطريق غير المعبدة المؤدية لدوار تاسيلا أصبحت غير صالحة للاستعمال بعد الأمطار الأخيرة، سيارة الإسعاف لم تستطع الوصول لامرأة حامل. نطلب تهيئة هذا المسلك بشكل عاجل.""", {}),

("eau-assainissement", "complaint", "Odeurs d'égout dans la maison",
"""Depuis que la commune a refait la rue, les eaux usées remontent par les siphons de notre maison. L'odeur est insupportable et nous craignons pour la santé de nos enfants. Les travaux ont dû endommager le collecteur.""", {}),

("eclairage-public", "complaint", "الزنقة كحلة",
"""الزنقة ديالنا كحلة بالليل، الضو ما كيشعلش من الصيف، والمشاكل كثرو: سرقة، شفارة، ودراري كيكميو. راه خاص تصلحوها""", {"charset": "windows-1256", "cte": "quoted-printable"}),

("urbanisme", "complaint", "Garage transformé en café",
"""Mon voisin a cassé le mur de sa façade pour ouvrir une grande porte et il a construit une mezzanine, le tout sans permis. Les travaux ont fragilisé notre mur commun. Merci de venir constater.""", {}),

("etat-civil", "complaint", "تصحيح تاريخ الازدياد",
"""تاريخ الازدياد ديالي مكتوب غلط فالسجل، مكتوب 1985 والصحيح 1983، وهادشي خلق ليا مشاكل فالتقاعد. بغيت نعرف شنو المسطرة ديال التصحيح.""", {}),

("police-administrative", "complaint", "Chantier de nuit",
"""Un chantier privé de construction d'immeuble travaille de nuit avec une bétonnière et des marteaux-piqueurs, de 22h à 3h du matin. Impossible de dormir. Qui délivre les autorisations d'horaires de travail ?""", {}),

("circulation-transport", "complaint", "Passage à niveau",
"""Les véhicules roulent à contresens dans la rue Ibn Battouta depuis qu'on a retiré le panneau de sens interdit. Il faut remettre la signalisation avant qu'il y ait un mort.""", {}),

("fiscalite", "complaint", "ضريبة على أرض فلاحية",
"""توصلت بمطالبة بأداء الرسم على الأراضي الحضرية غير المبنية عن أرض فلاحية أحرثها كل سنة وخارج المدار الحضري. أطلب إلغاء هذا الرسم.""", {}),

("patrimoine", "complaint", "Kiosque démoli",
"""Le kiosque que je loue à la commune depuis 15 ans a été démoli sans préavis pendant les travaux de la place. J'ai toujours payé mes loyers. Je demande une indemnisation ou un nouvel emplacement.""", {}),

("affaires-sociales", "information-request", "القافلة الطبية",
"""السلام عليكم، سمعت أن الجماعة غادي تنظم قافلة طبية فالدواوير. فوقاش وفين؟ وشنو خاص نجيب معايا؟ عندي الوالدة مريضة بالسكر.""", {}),

("ressources-humaines", "complaint", "الإنعاش الوطني",
"""حنا عمال الإنعاش الوطني خدامين فالجماعة من 10 سنين بـ 1500 درهم فالشهر بلا تغطية صحية بلا والو. بغينا الإدماج ولا على الأقل نزيدو فالأجرة.""", {}),

("marches-publics", "correspondence", "Attestation de référence",
"""Monsieur le Président, notre société ayant réalisé en 2024 les travaux d'aménagement de la place municipale, nous sollicitons la délivrance d'une attestation de référence pour nos dossiers de soumission.""", {}),

("direction-services", "complaint", "رئيس المصلحة ما كيجاوبش",
"""جيت للجماعة 5 ديال المرات باش نقابل رئيس المصلحة وكل مرة يقولو ليا ما كاينش، فاجتماع، رجع غدا. المواطن ما عندو قيمة عندكم.""", {}),

("espaces-verts", "complaint", "Palmiers desséchés",
"""Les palmiers plantés l'année dernière sur l'avenue principale sont tous morts faute d'arrosage. Des milliers de dirhams jetés. Qui est responsable de l'entretien ?""", {}),

("hygiene-environnement", "complaint", "Animaux morts",
"""Un âne mort est abandonné depuis trois jours au bord de l'oued à côté des maisons. Les chiens le dévorent et l'odeur arrive jusqu'à l'école. Merci d'envoyer quelqu'un pour l'enlever.""", {"charset": "iso-8859-1"}),

("eau-assainissement", "information-request", "branchement",
"""salam, chrit dar jdida f lotissement annour w bghit ndkhl lma w trisinti. chno lwra9 li khasni w fin nmchi, l jma3a wla l wakala?""", {}),

("travaux-voirie", "petition", "عريضة تعبيد الطريق",
"""نحن سكان حي الوفاق الموقعين على هذه العريضة وعددنا 164 نطالب المجلس الجماعي بإدراج تعبيد الطرق الداخلية للحي في برنامج عمله، بعد 12 سنة من الانتظار.""", {}),

("police-administrative", "complaint", "Terrasse de café",
"""Le café Al Andalous a installé une terrasse fermée en aluminium sur tout le trottoir et même une partie de la chaussée. Les piétons avec poussettes doivent marcher au milieu des voitures.""", {}),

("circulation-transport", "suggestion", "ممرات الراجلين",
"""نقترح صباغة ممرات الراجلين أمام المدارس والمستشفى ووضع إشارات ضوئية، فالسيارات لا تتوقف للمارة.""", {}),

("urbanisme", "information-request", "Délai pour le permis",
"""Bonjour, j'ai déposé ma demande d'autorisation de construire sur la plateforme Rokhas il y a 45 jours. Le statut est toujours "en instruction". Quel est le délai normal et à qui dois-je m'adresser ?""", {}),

("etat-civil", "correspondence", "تحويل ملف",
"""السيد ضابط الحالة المدنية، أوجه إليكم رفقته نسخة من الحكم القضائي القاضي بتصحيح الاسم العائلي قصد تضمينه بطرة رسم الولادة.""", {"charset": "iso-8859-6"}),

("hygiene-environnement", "suggestion", "compost",
"""Bonjour, je suggère d'installer des composteurs collectifs dans les quartiers pour les déchets organiques, et de former les habitants. Cela réduirait le volume envoyé à la décharge.""", {}),

("eclairage-public", "complaint", "ضو الشارع شاعل ومطفي",
"""الضو ديال الشارع كيشعل وكيطفا طول الليل، وفيه صوت ديال الكهرباء. خايفين يطرا شي حادث للدراري اللي كيلعبو تحتو.""", {}),

("espaces-verts", "information-request", "adoption d'un espace vert",
"""Bonjour, notre association de quartier voudrait prendre en charge l'entretien du petit square de la rue 7. Existe-t-il une convention type avec la commune pour ce genre d'initiative ?""", {}),

("fiscalite", "information-request", "شهادة عدم الخضوع",
"""بغيت شهادة عدم الخضوع للرسم على الأراضي غير المبنية، شنو الوثائق المطلوبة وشحال كتاخد ديال الوقت؟""", {}),

("patrimoine", "complaint", "سكن وظيفي",
"""موظف سابق ف الجماعة تقاعد من 6 سنين ومازال ساكن فالسكن الوظيفي التابع للجماعة، والموظفين الجدد ما لقاو فين يسكنو.""", {}),

("affaires-sociales", "complaint", "Maison de jeunes sans animateurs",
"""La maison de jeunes de notre quartier est ouverte mais vide : pas d'animateurs, pas d'activités, le matériel informatique a disparu. Les jeunes traînent dans la rue.""", {}),

("ressources-humaines", "information-request", "Résultats du concours",
"""Salam, j'ai passé l'examen d'aptitude professionnelle le mois dernier. Les résultats sont-ils affichés quelque part ?""", {}),

("marches-publics", "complaint", "Entreprise qui ne travaille pas",
"""L'entreprise qui a gagné le marché de construction du marché couvert n'a plus mis les pieds sur le chantier depuis 6 mois. Est-ce que la commune applique les pénalités de retard prévues au cahier des charges ?""", {}),

("direction-services", "complaint", "Dossier perdu",
"""J'ai déposé un dossier complet il y a deux mois, avec récépissé. Aujourd'hui on me dit qu'il est introuvable et qu'il faut tout recommencer. C'est la deuxième fois que cela m'arrive avec vos services.""", {}),

("hygiene-environnement", "complaint", "Rejet de margines",
"""Pendant la saison des olives, la maâsra du douar rejette les margines directement dans le ruisseau. L'eau devient noire et les poissons meurent. Les bêtes qui boivent tombent malades.""", {}),

("eau-assainissement", "complaint", "l9adous t9ada",
"""lwad l7ar dayr lkarita f zn9a 12, kolchi ghar9an f lma lkhanz mn lbar7. ladarisat ma b9awch kaymchiw lmdrasa""", {}),

("circulation-transport", "complaint", "Taxi compteur",
"""Les petits taxis de la ville refusent d'utiliser le compteur et imposent un prix fixe de 15 dirhams même pour 1 km. Quand on refuse, ils nous font descendre.""", {"charset": "windows-1252", "cte": "quoted-printable"}),

("police-administrative", "complaint", "فران تقليدي",
"""الفران التقليدي اللي تحت الدار كيشعل العافية من 4 ديال الصباح، والدخان والحرارة كيطلعو للديور، والشقوق بانو فالسقف. واش عندو رخصة؟""", {}),

("travaux-voirie", "complaint", "Plaque d'égout surélevée",
"""Après le goudronnage de la rue Zerktouni, les plaques d'égout sont restées 10 cm plus bas que la route, ce qui crée de véritables pièges pour les voitures et les motos.""", {}),

("direction-services", "correspondence", "Invitation à une réunion",
"""Monsieur le Président, le Caïd de l'annexe administrative n° 3 vous invite à la réunion de coordination concernant la préparation de la rentrée scolaire, mardi à 10h au siège du caïdat.""", {}),

("etat-civil", "complaint", "légalisation refusée",
"""Le fonctionnaire du bureau de légalisation a refusé de légaliser ma signature sur un contrat de bail parce que le document est en français. Je ne vois aucun texte qui interdit cela.""", {}),

("espaces-verts", "suggestion", "اقتراح جردة",
"""نقترح استغلال الأرض المهملة جنب الملعب ديال الحي وتحويلها لجردة فيها شجر وكراسي ولعب ديال الدراري.""", {}),

("affaires-sociales", "petition", "Pétition - terrain de foot",
"""Nous, 140 jeunes et parents du quartier Ennakhil, signons cette pétition pour demander l'aménagement du terrain vague en terrain de football de proximité.""", {}),
]
