# Labelled citizen messages, part G ('fresh5'): written after the fourth
# round of rule changes (2026-11-22 10:47) and measured once, no tuning.

G = [
("hygiene-environnement", "complaint", "Nettoyage après le souk",
"""Chaque jeudi soir après le souk, la place reste couverte de sacs plastiques, de restes de légumes et de cartons jusqu'au lundi. Le vent emporte tout dans nos jardins. La commune encaisse les droits du souk mais ne nettoie pas.""", {}),

("travaux-voirie", "complaint", "الزنقة ديالنا بلا زفت",
"""من نهار تبنى الحي والزنقة ديالنا تراب، فالصيف الغبرة وفالشتا الغيس. الزناقي اللي حدانا كاملين تزفتو غير حنا. علاش هاد الحكرة؟""", {}),

("eau-assainissement", "complaint", "Regard qui déborde",
"""Le regard d'assainissement devant la boulangerie déborde à chaque averse, l'eau sale envahit le trottoir et entre dans le magasin. Cela dure depuis l'hiver dernier.""", {}),

("eclairage-public", "complaint", "lampadaire allumé le jour",
"""Bonjour, sur la route de l'aéroport les lampadaires restent allumés toute la journée depuis une semaine alors que le quartier Al Massira n'a aucun éclairage la nuit. Un peu de logique svp.""", {}),

("urbanisme", "complaint", "ghadi ybni 4 tab9at",
"""salam, jarna bda ybni 4 tab9at f terrain sghir, w l plan dial l7ay kaygoul R+2. l3mal khdamin bllil. chkoun 3tah rokhsa?""", {}),

("etat-civil", "complaint", "مصادقة",
"""مشيت نصادق على عقد كراء، الموظف قالي خاص المكتري والمكري يحضرو بجوج، واخا القانون ما كيقولش هكا. ضيعت نهار ديال الخدمة.""", {}),

("police-administrative", "complaint", "Étal de poissons",
"""Un vendeur de poissons s'installe tous les matins devant notre immeuble avec sa charrette, l'eau et les déchets de poisson restent sur la chaussée. L'odeur est horrible et il bloque l'entrée du garage.""", {}),

("circulation-transport", "complaint", "تغيير خط الطوبيس",
"""بدلو الطريق ديال الطوبيس رقم 7 وولى ما كيدوزش من الحي الصناعي، والخدامة ديال المعامل ولاو كيمشيو 3 كيلو على رجليهم فالصباح. خاص يرجعو الخط كيف كان.""", {}),

("fiscalite", "information-request", "Exonération taxe d'habitation",
"""Bonjour, les personnes handicapées ou les retraités à faible revenu bénéficient-ils d'une exonération ou d'une réduction de la taxe d'habitation ? Quels justificatifs faut-il fournir ?""", {}),

("patrimoine", "complaint", "كراء المحلات ديال الجماعة",
"""الجماعة كرات المحلات ديال السوق النموذجي لناس ما عندهومش علاقة بالتجارة وكيعاودو يكريوها بالضعف، وحنا الباعة ديال الحي بقينا فالزنقة.""", {}),

("affaires-sociales", "complaint", "Terrain de sport payant",
"""Le terrain de proximité du quartier est géré par une association qui fait payer 100 dirhams l'heure aux jeunes du quartier. Ce terrain a été construit avec l'argent public, il doit être gratuit pour les enfants.""", {}),

("ressources-humaines", "complaint", "الأجرة ديال الحراس",
"""حنا الحراس ديال المرافق الجماعية كنخدمو 12 ساعة فالنهار بأقل من الحد الأدنى للأجور، والشركة اللي مشغلانا ما كتصرحش بينا فالضمان الاجتماعي. الجماعة مسؤولة.""", {}),

("marches-publics", "correspondence", "Transmission de facture",
"""Madame, Monsieur, veuillez trouver ci-joint notre facture n° 2026-118 relative à la fourniture de gasoil pour le parc automobile de la commune (bon de commande n° 88/2026), ainsi que le bon de livraison signé.""", {}),

("direction-services", "complaint", "ما كاين حتى جواب",
"""صيفطت ثلاث رسائل بالبريد الإلكتروني للجماعة هاد العام وما جاني حتى جواب، حتى رسالة ديال التوصل. واش هاد العنوان خدام ولا غير ديكور؟""", {}),

("espaces-verts", "complaint", "Arbres morts",
"""Trois grands arbres morts menacent de tomber sur l'aire de jeux du parc Ennasr. Les enfants y jouent tous les jours. Il faut les abattre en urgence.""", {}),

("hygiene-environnement", "complaint", "l7mam w lfiran",
"""salam, dar mhjoura 7dana wllat fiha lfiran w l9tat w l7mam, w kayrmiw fiha zbel. ri7a w l7acharat dakhla lina. 3afakom tdkhlo""", {}),

("eau-assainissement", "information-request", "Assainissement autonome",
"""Bonjour, ma maison est hors du réseau d'égouts. Quelles sont les normes pour construire une fosse septique et faut-il une autorisation de la commune ?""", {}),

("travaux-voirie", "complaint", "Bordures cassées",
"""Les bordures du trottoir de l'avenue Hassan I ont été arrachées par les camions du chantier voisin et n'ont jamais été remises. Les voitures montent sur le trottoir.""", {}),

("circulation-transport", "information-request", "فين نخلص المخالفة",
"""حطو ليا ورقة ديال المخالفة ديال الوقوف فالطوموبيل، فين نقدر نخلصها وشحال عندي ديال الوقت؟""", {}),

("police-administrative", "complaint", "Location de chevaux sur la plage",
"""Des loueurs de chevaux et de quads occupent la promenade de la plage, les quads roulent au milieu des familles et les chevaux laissent leur crottin partout.""", {}),

("eclairage-public", "complaint", "الضو ديال الملعب",
"""الملعب ديال الحي ما فيهش الضو، والدراري كيلعبو فالظلام حتى كيتضربو. وزيد الطريق اللي كتوصل ليه حتى هي مظلمة.""", {}),

("urbanisme", "correspondence", "Dépôt plans modificatifs",
"""Madame, Monsieur, suite aux observations de la commission d'instruction, nous vous transmettons les plans modificatifs de la villa (dossier n° 412/2026), avec la façade corrigée et le retrait de 3 mètres respecté.""", {}),

("etat-civil", "information-request", "deces",
"""bonjour, mon pere est decede a l'hopital hier. quelles sont les demarches pour declarer le deces et obtenir le permis d'inhumer ? merci""", {}),

("affaires-sociales", "suggestion", "نادي للمسنين",
"""أقترح إحداث نادي للمسنين فالمركز الاجتماعي، فيه لعب ديال الضامة والقراية وشي أنشطة، لأن الشيوخ ديال الحي ما عندهم فين يمشيو غير القهوة.""", {}),

("direction-services", "correspondence", "Rapport annuel de la Cour des comptes",
"""Monsieur le Président, j'ai l'honneur de vous faire parvenir la copie du rapport de la Cour régionale des comptes relatif au contrôle de la gestion de la commune, pour vos observations dans un délai de deux mois.""", {}),

("hygiene-environnement", "complaint", "مرحاض عمومي",
"""المراحيض العمومية اللي فالمحطة مسدودة من شهور والناس ولاو كيديرو حوايجهم فالحيوط، والريحة ما تطاقش فكل المحطة.""", {}),

("fiscalite", "complaint", "ta9 3la 7anout msdoud",
"""slm, jatni waraqa dyal dariba 3la l7anout li sddito mn 2022 w 3tit lihom chahada dyal tawa9of 3an nachat. 3lach mazal kay7sbo 3liya?""", {}),

("espaces-verts", "suggestion", "Toits verts",
"""Proposition : planter des arbres fruitiers dans les cours des écoles et dans le jardin de la mairie, avec l'aide des élèves, pour sensibiliser à l'environnement.""", {}),

("marches-publics", "information-request", "Appel à manifestation d'intérêt",
"""Bonjour, le site des marchés publics mentionne un appel à manifestation d'intérêt de la commune pour une étude de circulation. Où peut-on retirer les termes de référence ?""", {}),

("eau-assainissement", "complaint", "عداد الماء",
"""بدلو ليا العداد ديال الماء بلا ما يعلموني، ومن داك النهار الفاتورة تضاعفات. بغيت نعرف علاش وبغيت تصحيح الفاتورة.""", {}),
]
