# Labelled citizen messages, part C: written AFTER the default rules were
# tuned, and never used to tune them (split 'fresh'). Their accuracy is the
# honest estimate for unseen mail.

C = [
("hygiene-environnement", "complaint", "نداء من سكان حي القدس",
"""السلام عليكم، كنكتب ليكم حيت ما بقيناش قادرين نعيشو فهاد الحالة: الكونطونير اللي فراس الدرب عامر وطايح والقطط والكلاب كيقلبو فيه، والبلاستيك طاير فكل بلاصة. الشركة ديال النظافة ما كتدوزش غير مرة فالسيمانة.""", {}),

("travaux-voirie", "complaint", "Etat de la rue Al Amal",
"""Bonjour, la rue Al Amal est dans un état lamentable, la chaussée est pleine de crevasses et quand il pleut c'est un lac de boue. Les taxis refusent d'y entrer. Nous payons nos impôts comme tout le monde.""", {}),

("eau-assainissement", "complaint", "ma kaynch lma",
"""salam, f douar ait bouzid ma kaynch lma mn 5 ayam, sonda dial douar khassra w 7ta wa7d ma ja. lbhayem w nas 3ata9. 3afakom""", {}),

("eclairage-public", "complaint", "Quartier dans l'obscurité",
"""Madame, Monsieur, toute la cité Al Inbiaat est sans lumière la nuit depuis la tempête. Les candélabres ne fonctionnent plus. Les femmes n'osent plus sortir après la prière d'al icha.""", {}),

("urbanisme", "complaint", "Surélévation illégale",
"""Monsieur le Président, le propriétaire de la maison n° 45 rue Tarik a entrepris une surélévation de deux niveaux sans aucun panneau de chantier ni autorisation affichée. Les fondations de l'ancienne maison ne peuvent pas supporter ce poids.""", {}),

("etat-civil", "information-request", "نسخة كاملة",
"""السلام عليكم، أريد الحصول على نسخة كاملة من رسم الولادة لإتمام ملف الزواج، هل يمكن طلبها عبر الإنترنت أم يجب الحضور شخصيا؟""", {}),

("police-administrative", "complaint", "Boucherie en pleine rue",
"""Un boucher du quartier expose la viande sur le trottoir et égorge des moutons dans la rue le vendredi. C'est dangereux et sale. Il a transformé le passage public en annexe de son magasin.""", {}),

("circulation-transport", "complaint", "grands taxis",
"""slm, grand taxi dial tiznit-agadir kaychargiw 7 dnas f tomobil w kaykhlsouna zyada. w lmo7ta dial taxiyat ma fiha la ddow la mra7id. chkoun kay contrôler hadchi?""", {}),

("fiscalite", "complaint", "رسم الخدمات الجماعية مرتين",
"""أديت رسم الخدمات الجماعية مع فاتورة الكهرباء، ومع ذلك توصلت بإنذار من الجماعة بأداء نفس الرسم مرة أخرى. هذا أداء مزدوج أطلب إلغاءه.""", {"charset": "windows-1256"}),

("affaires-sociales", "correspondence", "Demande de salle",
"""Bonjour, l'association des femmes artisanes Tiwizi sollicite la mise à disposition de la salle de conférences de la commune le 20 décembre pour une exposition-vente des produits du terroir. Merci par avance.""", {}),

("espaces-verts", "complaint", "الشجرة دالزنقة",
"""الشجرة الكبيرة اللي فالزنقة 9 الجدور ديالها هرسو الرصيف ودخلو لقنوات الدار، والفروع كيضربو فالشراجم. بغيناكم تجيو تشوفو.""", {}),

("ressources-humaines", "information-request", "stage",
"""Bonjour, je suis étudiant en licence de gestion et je cherche un stage de fin d'études de deux mois au sein de la commune. À quel service dois-je déposer ma demande ?""", {}),

("direction-services", "complaint", "Guichet fermé à 11h",
"""Je suis venu à 11h pour retirer un document et le bureau était fermé, le fonctionnaire était parti prendre le petit-déjeuner. On m'a dit de revenir demain. Ce n'est pas la première fois. Qui contrôle la présence du personnel ?""", {}),

("marches-publics", "information-request", "Consultation architecturale",
"""Madame, Monsieur, notre bureau d'études souhaiterait retirer le dossier de la consultation architecturale relative au complexe sportif. Pouvez-vous nous indiquer les modalités et la date limite de dépôt des plis ?""", {}),

("patrimoine", "complaint", "الحانوت ديال الجماعة",
"""كنكري حانوت من عند الجماعة فالسوق المغطى من 20 عام، ودابا بغاو يخرجوني ويعطيوه لواحد آخر بلا سبب. عندي الوصولات ديال الكراء كاملين.""", {}),

("hygiene-environnement", "complaint", "Poulailler dans un appartement",
"""Notre voisin du 2e étage élève des poules et des pigeons sur la terrasse de l'immeuble. L'odeur est infecte, il y a des plumes et des fientes partout, et des puces sont apparues dans la cage d'escalier.""", {}),

("eau-assainissement", "complaint", "الماء كيخرج من الأرض",
"""كاين واحد البلاصة فالشارع الرئيسي الماء كيخرج من تحت الأرض من شهر، ولا كيتجمع ويدير البرك. الظاهر أن الجعبة ديال الماء مهرسة.""", {"charset": "iso-8859-6", "cte": "base64"}),

("urbanisme", "information-request", "certificat administratif",
"""bonjour, je vends un terrain et le notaire me demande une note de renseignements urbanistiques. Combien de jours faut-il pour l'obtenir et quel est le coût ?""", {}),

("travaux-voirie", "suggestion", "Trottoirs accessibles",
"""Je propose que les nouveaux trottoirs soient construits avec des rampes pour les fauteuils roulants et les poussettes, comme le prévoit la loi sur l'accessibilité.""", {}),

("police-administrative", "complaint", "صاحب الكراج",
"""صاحب المحل ديال غسيل الطوموبيلات كيخلي الما والصابون يجري فالزنقة كل نهار، والزنقة ولات زلاقة وطاحو فيها جوج ديال الشيوخ. وكيدير الطوموبيلات فوق الطروطوار.""", {}),

("etat-civil", "complaint", "حالة مدنية",
"""مشيت نسجل بنتي فالحالة المدنية قالو ليا خاص شهادة الولادة من السبيطار، جبتها قالو خاص شهادة السكنى، جبتها قالو المسؤول ماكاينش. هادي تالت مرة.""", {}),

("circulation-transport", "suggestion", "idée pour le souk",
"""Pourquoi ne pas interdire la circulation des camions au centre-ville le jour du souk et créer un parking provisoire à l'entrée de la ville ? Ça règlerait une bonne partie des bouchons.""", {}),

("eclairage-public", "complaint", "poto tay7",
"""salam, poto dial dow ta7 f zen9a 3 mn lbare7 w lkhyout dial trisinti m9tou3in f l2ard. kayn drari kay l3bou 7dah. khatar bzaf!!""", {}),

("espaces-verts", "suggestion", "إحداث مشتل جماعي",
"""أقترح إحداث مشتل جماعي لإنتاج الشتلات وتوزيعها على الساكنة والمدارس، مما سيساهم في تخضير المدينة بتكلفة منخفضة.""", {}),

("fiscalite", "information-request", "taxe sur les débits de boissons",
"""Bonjour, j'ouvre un café le mois prochain. Quelles taxes communales dois-je payer et à quelle fréquence ? Y a-t-il une déclaration à faire ?""", {"charset": "iso-8859-1", "cte": "quoted-printable"}),

("affaires-sociales", "complaint", "Transport scolaire",
"""Le minibus de transport scolaire offert par la commune à notre association ne circule plus depuis la rentrée faute de carburant et de chauffeur. 40 élèves du douar ne vont plus au collège.""", {}),

("direction-services", "complaint", "شكاية ضد موظف",
"""أتقدم بشكاية ضد الموظف المكلف بمكتب الضبط الذي رفض تسلم طلبي وتكلم معي بطريقة غير لائقة أمام الناس، بدعوى أن الملف ناقص دون أن يبين لي ما هو الناقص.""", {}),

("marches-publics", "complaint", "ما خلصوناش",
"""حنا مقاولة صغيرة خدمنا مع الجماعة فتجهيز المدرسة بالطاولات، وسلمنا السلعة من 8 شهور وما زال ما خلصوناش. كل مرة يقولو ليك الخازن ما وقعش.""", {}),

("hygiene-environnement", "petition", "Pétition contre l'usine",
"""Les 230 habitants signataires de la présente pétition demandent la fermeture ou la mise aux normes de l'unité de traitement de poisson installée près des habitations, dont les rejets et les odeurs rendent la vie impossible.""", {}),

("urbanisme", "complaint", "kaybni f lkhla",
"""salam, kayn chi nas kaybniw dyour f l ard lfala7iya mora lwad, bla 7ta wra9a. lmo9adem ka ychouf w saket. had lbni ghadi ydi3 lmdina""", {}),

("eau-assainissement", "suggestion", "réutilisation des eaux usées",
"""Je suggère que la commune étudie la réutilisation des eaux usées traitées de la station d'épuration pour l'arrosage des espaces verts et du terrain de golf, au lieu de l'eau potable.""", {}),

("circulation-transport", "complaint", "موقف الحافلات",
"""موقف الحافلات اللي قدام الثانوية ما فيه لا سقف لا كراسي، والتلاميذ كيتسناو تحت الشتا. وزيد الحافلة كتعطل بالساعة.""", {}),

("police-administrative", "complaint", "Chiens de garde et moutons sur la terrasse",
"""Un voisin garde des moutons dans son garage en pleine ville, avec le fumier qui coule dans la rue. En plus il occupe la ruelle avec une charrette de foin.""", {}),

("ressources-humaines", "complaint", "Avancement bloqué",
"""Je suis agent communal depuis 14 ans et mon avancement d'échelon est bloqué depuis 2021 alors que mes collègues ont été promus. Mon dossier administratif est complet. Je demande la régularisation de ma situation.""", {}),

("travaux-voirie", "complaint", "الدرج ديال الحي",
"""الدروج اللي كيطلعو للحي العالي تهرسو والحجر طايح، والشيوخ والعيالات ما بقاوش قادرين يطلعو. خاصهم يتعاودو.""", {}),

("etat-civil", "correspondence", "Procuration",
"""Bonjour, suite à votre demande je vous fais parvenir la procuration signée par ma mère, qui autorise mon frère à retirer en son nom les copies intégrales. Bien cordialement.""", {}),

("patrimoine", "information-request", "السوق الأسبوعي",
"""بغيت نعرف شكون اللي كيكري السوق الأسبوعي من عند الجماعة، وشحال كيخلص فالعام؟ حيت الصنك كيطلعو كل عام.""", {}),

("espaces-verts", "complaint", "Terrain de jeux",
"""L'aire de jeux du jardin Al Massira est dangereuse : toboggan rouillé, balançoire cassée, sol en béton. Un enfant s'est ouvert le front dimanche.""", {}),

("direction-services", "suggestion", "ملاحظة حول الموقع الإلكتروني",
"""ملاحظة بسيطة: الموقع الإلكتروني ديال الجماعة ما كيتحدثش، والأرقام ديال الهاتف اللي فيه ما كيجاوبش حتى واحد. يا ريت تحطو رقم واتساب للتواصل.""", {}),

("eclairage-public", "information-request", "Programme d'éclairage",
"""Bonjour, je voudrais savoir si le douar Ighil est inclus dans le programme d'extension de l'éclairage public de cette année, et à quelle date les travaux sont prévus.""", {}),
]
