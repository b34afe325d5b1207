# Labelled citizen messages, part J ('fresh8'): written after the seventh
# round of rule changes (2026-11-22 10:57), measured once, never tuned on.

J = [
("hygiene-environnement", "complaint", "Bac à ordures brûlé",
"""Le bac à ordures de la rue des Orangers a brûlé il y a un mois et n'a jamais été remplacé. Depuis, les habitants déposent leurs sacs par terre.""", {}),

("travaux-voirie", "complaint", "Caniveau bouché et route inondée",
"""La route principale du quartier industriel est inondée à chaque pluie car les avaloirs sont obstrués par la terre depuis les travaux de terrassement. Les camions passent et abîment encore plus la chaussée.""", {}),

("eau-assainissement", "complaint", "ريحة الواد الحار",
"""الريحة ديال الواد الحار خارجة من البالوعات ديال الشارع كامل، خصوصا فالعشية. الناس ما بقاوش كيحلو الشراجم.""", {}),

("eclairage-public", "complaint", "Lampadaires arrachés",
"""Suite à l'accident de la semaine dernière, deux lampadaires ont été arrachés à l'entrée de la ville et gisent toujours sur le bas-côté, câbles apparents.""", {}),

("urbanisme", "complaint", "La villa d'à côté",
"""Notre voisin construit une piscine et un local technique collés à notre mur de clôture, sans respecter le recul obligatoire. Les vibrations ont déjà fissuré notre mur.""", {}),

("etat-civil", "complaint", "شهادة الحياة",
"""الوالدة عندها 85 عام وما تقدرش تمشي، وبغينا شهادة الحياة ديالها للمعاش، قالو لينا خاصها تحضر بنفسها. واش ما كاينش حل؟""", {}),

("police-administrative", "complaint", "Déménagement bruyant d'un entrepôt",
"""Un entrepôt de matériaux de construction s'est installé dans notre rue résidentielle : chargement et déchargement de camions dès 5h du matin, poussière de ciment et klaxons.""", {}),

("circulation-transport", "complaint", "طاكسي رفض",
"""السلام، البارح مع 11 ديال الليل بقيت ساعة كنتسنى طاكسي، جوج رفضو يهزوني حيت الطريق قريبة. هادشي ما مقبولش.""", {}),

("fiscalite", "complaint", "Double taxation",
"""On me demande de payer la taxe d'habitation sur mon appartement alors que je paie déjà la taxe de services communaux sur la facture d'eau et d'électricité pour le même logement. Je ne comprends pas.""", {}),

("patrimoine", "complaint", "Box attribué à un autre",
"""Le box n° 31 du marché aux poissons, que j'exploite depuis 2009 avec un contrat de location, a été attribué à un autre commerçant pendant mon hospitalisation.""", {}),

("affaires-sociales", "information-request", "دعم الأسر",
"""واش الجماعة كتعطي شي مساعدة للأرامل اللي عندهم ولاد صغار؟ أنا أرملة وعندي 3 ديال الدراري وما عندي حتى دخل.""", {}),

("ressources-humaines", "complaint", "Affectation injuste",
"""Après 20 ans au service de l'état civil, j'ai été affecté du jour au lendemain au service du parc auto sans explication. Je demande à connaître les raisons de cette mutation.""", {}),

("marches-publics", "information-request", "Bon de commande en attente",
"""Bonjour, nous avons livré les fournitures scolaires le 2 octobre. Pouvez-vous nous dire où en est le traitement de notre facture et la date prévisible de paiement ?""", {}),

("direction-services", "complaint", "Accueil téléphonique",
"""Quand on appelle la commune, on tombe sur des agents qui raccrochent ou qui répondent qu'ils ne sont pas concernés. Personne ne sait orienter les citoyens.""", {}),

("espaces-verts", "complaint", "جنان الحي",
"""الجنان ديال الحي ولاو كيرعاو فيه الغنم ديال واحد الراجل، كلاو الورد والعشب، وحتى الشجيرات الصغار اللي غرسوهم الدراري فيوم البيئة.""", {}),

("hygiene-environnement", "complaint", "Eaux de lavage",
"""Le garage de lavage auto déverse ses eaux sales pleines d'huile et de savon dans le terrain vague derrière nos maisons, cela forme une mare puante.""", {}),

("eau-assainissement", "information-request", "Branchement au réseau",
"""Bonjour, quels sont les frais de branchement au réseau d'eau potable pour une maison neuve dans le lotissement Al Amal, et quel est le délai de raccordement ?""", {}),

("travaux-voirie", "complaint", "تشققات الطريق الجديدة",
"""الطريق اللي تزفتات هادي 3 شهور بدات كتشقق وكتهبط فبزاف ديال البلايص. فين هي المراقبة ديال الجماعة على المقاول؟""", {}),

("circulation-transport", "suggestion", "Parking relais",
"""Proposition : aménager un parking à l'entrée de la ville avec une navette vers le centre, pour réduire les embouteillages de l'été.""", {}),

("police-administrative", "complaint", "Chantier sur la voie publique",
"""Un entrepreneur a déposé sable, gravier et briques sur la chaussée devant le chantier de la rue 5 depuis trois semaines, la rue est à moitié bloquée. A-t-il une autorisation d'occupation temporaire ?""", {}),

("etat-civil", "information-request", "Légalisation pour l'étranger",
"""Bonjour, je réside en France. Puis-je faire légaliser ma signature au consulat ou dois-je venir à la commune ?""", {}),

("urbanisme", "complaint", "بناء فوق السطح",
"""صاحب العمارة اللي حدانا طلع بيوت فوق السطح وكراهم، والعمارة أصلا قديمة ومشققة. خايفين تطيح علينا.""", {}),

("eclairage-public", "suggestion", "LED",
"""Je suggère de remplacer les vieilles lampes à sodium de l'éclairage public par des LED, plus économiques. L'économie pourrait financer l'éclairage des quartiers oubliés.""", {}),

("affaires-sociales", "complaint", "دار الشباب",
"""المدير ديال دار الشباب كيمنع الجمعيات ديال الحي من القاعات وكيعطيها غير للجمعيات ديال صحابو.""", {}),

("fiscalite", "information-request", "Paiement de la taxe en plusieurs fois",
"""Est-il possible d'échelonner le paiement de la taxe sur les terrains non bâtis ? Le montant est trop élevé pour moi en une seule fois.""", {}),

("direction-services", "correspondence", "Transmission d'une plainte du Médiateur",
"""Monsieur le Président, l'institution du Médiateur du Royaume vous transmet ci-joint la plainte de M. Hassan B. enregistrée sous le n° 2026/4412, et vous prie de lui faire connaître la suite réservée dans les délais légaux.""", {}),

("hygiene-environnement", "complaint", "nmous",
"""nmous bzaf had l3am f 7ay nahda, drari kolhom m9rsin, w ma jatch 7ta chi 7amla dyal rch. lma dyal lwad wa9f.""", {}),

("espaces-verts", "information-request", "Arbre à abattre",
"""Bonjour, un arbre de la commune gêne l'accès à mon garage. Puis-je demander son abattage ou son déplacement, et à quel service ?""", {}),

("police-administrative", "complaint", "الباعة فباب المدرسة",
"""الباعة ديال الحلوى والسجائر بالتقسيط واقفين فباب المدرسة كل نهار، وكيبيعو للدراري حتى المعجون. خاص يتحيدو من تما.""", {}),

("marches-publics", "complaint", "Exclusion d'un appel d'offres",
"""Notre offre a été écartée de l'appel d'offres n° 15/2026 pour « pièce manquante » alors que l'attestation figurait bien dans le pli. Nous demandons le réexamen de notre offre.""", {}),
]
