# Labelled citizen messages, part P ('fresh14'): written on 2026-12-04
# without reading the rules, against the rules of main at 9828492 (after the
# vocabulary round), measured once, never tuned on. Harder than K-M on
# purpose (see messages_n.py); more letters from bodies and companies.
# opts 'lang' tags the language for reporting (fr, msa, darija-ar,
# darija-lat, mixed); gen.py ignores it.

P = [
("urbanisme", "complaint", "JAR DYALI ZAD TABA9 BLA RO5SA",
"""SALAM 3LIKOM. JAR DYALI F ZN9A 11 HAY SALAM ZAD TABA9 TALT W DABA KAYBNI TABA9 RAB3 FO9 SS9F, W L7AYT DYALO RAKB 3LA L7AYT DYALI, BDAW YBANO CHO9O9 F LBIT DYAL LWLAD. 9ALO LIA HADCHI MAMNO3 F L7OMA DYALNA. 3AFAKOM SIFTO LJANA TCHOF""", {"lang": "darija-lat"}),

("urbanisme", "information-request", "Dossier Rokhas 2026-08812 - ou en est-il ?",
"""Bonjour,

J'ai depose le 3 juillet sur la plateforme un dossier de demande d'autorisation de construire pour une maison individuelle R+1 (ref. 2026-08812). Le statut affiche "en cours d'instruction" depuis plus de quatre mois, sans aucune remarque. L'architecte n'a rien recu non plus.

Pourriez-vous m'indiquer a quelle etape se trouve le dossier, s'il manque une piece, et quand la commission doit l'examiner ?

Merci d'avance,
Younes El Fassi""", {"charset": "iso-8859-1", "lang": "fr"}),

("urbanisme", "information-request", "طلب الحصول على نسخة من مقرر المجلس",
"""السيد رئيس المجلس الجماعي،
في إطار ممارسة الحق في الحصول على المعلومات المكفول بالفصل 27 من الدستور والقانون رقم 31.13، يشرفني أن ألتمس منكم تسليمي نسخة من مقرر المجلس المتعلق بالموافقة على مشروع إعادة هيكلة دوار الحاجب، والتصميم المرفق به، ولائحة الأسر المعنية بالترحيل إن وجدت.
وتقبلوا عبارات التقدير""", {"charset": "windows-1256", "lang": "msa"}),

("urbanisme", "correspondence", "Transmission avis - dossier de lotissement Al Baraka",
"""Royaume du Maroc
Agence Urbaine

Monsieur le President de la Commune,

J'ai l'honneur de vous transmettre ci-joint l'avis de l'Agence relatif au projet de lotissement "Al Baraka" (titre foncier 22317/S), examine lors de la reunion de la commission du 24 novembre 2026, ainsi que le plan vise. L'avis est favorable sous reserve du respect de l'emprise de la voie de 20 m prevue au plan d'amenagement.

Veuillez agreer, Monsieur le President, l'assurance de ma consideration distinguee.
Le Directeur""", {"lang": "fr"}),

("urbanisme", "complaint", "chantier sans panneau / الشقوق",
"""Salam, a cote de chez nous il y a un chantier, ils creusent un sous-sol de 3 metres b la pelleteuse, sans panneau, sans rien. Depuis une semaine ظهرو الشقوق فالحيط ديال الصالة وفالدروج، et le carrelage de la cour s'est souleve. L'ingenieur du chantier m'a dit "ce n'est pas nous". J'ai peur que la maison tombe. Qui controle ces chantiers ?""", {"lang": "mixed"}),

("etat-civil", "information-request", "الوالدة مريضة وما تقدرش تجي",
"""السلام عليكم، الوالدة ديالي عندها 84 عام وراقدة فالفراش، وخاصها تصني على واحد الوكالة باش خويا يبيع الأرض فالبلاد. هي ما تقدرش تجي للمقاطعة. واش كاين شي موظف يقدر يجي للدار يصادق على الإمضاء ديالها؟ وشنو خاصنا نوجدو؟ عافاكم جاوبوني""", {"lang": "darija-ar"}),

("etat-civil", "suggestion", "Prise de rendez-vous en ligne",
"""Bonjour,
Une suggestion simple : permettre de demander les extraits d'acte de naissance et les copies integrales par internet ou par WhatsApp, avec un numero de retrait, et venir seulement les chercher. Aujourd'hui on perd une matinee dans la file pour un papier de 5 minutes. D'autres communes le font deja.
Bonne journee""", {"lang": "fr"}),

("etat-civil", "complaint", "رفض تسليم نسخة كاملة من رسم الولادة",
"""السيد رئيس الجماعة المحترم،
أنا أم مطلقة حاضنة لابني القاصر بموجب حكم قضائي، وقد توجهت إلى مكتب الحالة المدنية للحصول على نسخة كاملة من رسم ولادته لإتمام ملف التسجيل بالمدرسة، فرفض الضابط تسليمها لي بدعوى أن الأب وحده من له الحق في ذلك، رغم أنني أدليت بحكم الحضانة. وهذا يحرم ابني من حقه في الدراسة.
أرجو التدخل لتمكيني من الوثيقة.
مع التحية""", {"charset": "iso-8859-6", "lang": "msa"}),

("travaux-voirie", "information-request", "برنامج تهيئة الطرق لسنة 2026",
"""السيد الرئيس المحترم،
بناء على مقتضيات القانون 31.13، نرجو من سيادتكم موافاتنا بلائحة الأزقة والشوارع المبرمجة للتبليط والتعبيد ضمن ميزانية سنة 2026 وسنة 2027، والاعتمادات المرصودة لكل حي، وذلك لأن جمعيتنا تتوصل بأسئلة كثيرة من الساكنة ولا نملك جوابا.
جمعية الوحدة للتنمية والتضامن""", {"charset": "windows-1256", "cte": "base64", "lang": "msa"}),

("travaux-voirie", "suggestion", "قبل ما تجي الشتا",
"""سلام عليكم، عندي اقتراح: الطريق ديال التراب لي كتطلع للدواوير ديال الجبل، إلا دوزتو فيها الطراكس (الكريدر) ودرتو شي قواديس صغار تحتها للما قبل ما تجي الشتا، غادي تبقى كتدوز العام كامل. كل عام كتقطع وكنبقاو محبوسين سيمانة. ما خاصهاش الزفت، غير تسوية""", {"lang": "darija-ar"}),

("travaux-voirie", "complaint", "Demande de dedommagement",
"""Monsieur le President,

Le 14 novembre vers 21h, en rentrant du travail par le boulevard Al Qods, j'ai roule dans un trou invisible (il n'y a pas de lumiere a cet endroit et il etait rempli d'eau). Resultat : deux jantes tordues, un pneu eclate et le train avant a refaire, devis du garagiste 6 800 DH. Je ne suis pas le seul, le garagiste m'a dit qu'il voit trois voitures par semaine pour ce trou. J'ai des photos et le devis.

Je vous demande de reparer cette chaussee et de m'indiquer comment obtenir le remboursement des degats.
Mehdi Alaoui""", {"charset": "windows-1252", "cte": "quoted-printable", "lang": "fr"}),

("travaux-voirie", "complaint", "zn9a m7foura",
"""slm, chi charika 7fret zn9a dyalna (zn9a 5 l9ods) bach ydwzo chi tiyo w sdat b ttrab w mchat, w daba wllat ghir ghbra f sif w ghiss f chta, w tomobil dyal jar tgl3at f lhfra. hadi 3 chhor. kaygolo lina la commune hiya li 3ndha l7e9 tsayb. fin hiya la commune??""", {"lang": "darija-lat"}),

("hygiene-environnement", "petition", "عريضة ضد إحداث مطرح للنفايات قرب الدوار",
"""إلى السيد رئيس مجلس الجماعة الترابية
الموضوع: عريضة
نحن الموقعين أسفله، سكان دواوير أيت عمر وتالوين وإفرخسن، البالغ عددهم 187 مواطنا ومواطنة مسجلين باللوائح الانتخابية للجماعة، نتقدم بهذه العريضة طبقا للقانون التنظيمي 113.14، ونطالب بإدراج نقطة بجدول أعمال الدورة المقبلة للتراجع عن اختيار الموقع المحاذي للبئر الجماعي لإحداث مطرح مراقب للنفايات، لما يشكله من خطر على الفرشة المائية وصحة الأطفال والماشية.
وكيل العريضة: عبد الله أيت بلا
المرفقات: لائحة التوقيعات""", {"charset": "windows-1256", "lang": "msa"}),

("hygiene-environnement", "information-request", "Jours de passage du camion",
"""Bonjour,
Nous venons d'emmenager a la residence Les Jardins 3. Les voisins nous disent des choses differentes sur le ramassage : certains disent tous les jours, d'autres un jour sur deux, et le camion passe a des heures differentes. Pouvez-vous nous donner le calendrier et l'heure de passage dans notre secteur, et nous dire qui est la societe qui s'en occupe pour qu'on puisse l'appeler directement ? Et pour les encombrants (vieux matelas, meubles) comment faire ?
Merci
Famille Bennani""", {"lang": "fr"}),

("hygiene-environnement", "complaint", "الحاوية",
"""السلام عليكم، الحاوية الكبيرة لي كانت فراس الدرب حيدوها من شهر وما رجعوهاش، ودابا الناس ولاو كيلوحو الميكا فالأرض فنفس البلاصة، والمشاش والكلاب كيفرقوه على الزنقة كاملة. الشركة كدوز مرة فالسيمانة. عافاكم رجعو لينا الحاوية ولا دبرو شي حل""", {"charset": "iso-8859-6", "lang": "darija-ar"}),

("hygiene-environnement", "complaint", "ryacha f zn9a / l'abattage",
"""Bonjour, f zn9a dyalna kayn wa7d lma7al dyal ryacha (volailles vivantes) li kaydbe7 djaj dakhl w kaylo7 dmm w rich f regard dyal zn9a. Ri7a khaiba bzaf surtout f sif, w dban partout. Pas de frigo, les poulets sont par terre. On achete la viande la-bas, c'est dangereux pour la sante. Merci de controler.""", {"lang": "mixed"}),

("eau-assainissement", "correspondence", "إشعار بانقطاع الماء الصالح للشرب",
"""الشركة الجهوية متعددة الخدمات
المديرية الإقليمية
إلى السيد رئيس الجماعة
الموضوع: إشعار بانقطاع مبرمج للتزويد بالماء الصالح للشرب
تحية طيبة وبعد، يشرفنا أن نخبركم بأنه في إطار أشغال تجديد القناة الرئيسية بشارع المقاومة، سيتم قطع التزويد بالماء الصالح للشرب عن أحياء السلام والنصر والمسيرة يوم الأربعاء 16 دجنبر 2026 من الساعة الثامنة صباحا إلى الساعة السادسة مساء. نرجو منكم تعميم هذا الإشعار على الساكنة.
وتقبلوا فائق التقدير""", {"lang": "msa"}),

("eau-assainissement", "information-request", "lma dyal l3in",
"""salam, f douar ighrem kanchrbo mn lma dyal l3in li jabetha ljma3a f tiyawat l sbala. mn chi chhr wla lma lonou sfr chwiya w fih ta3m. wach kayn chi ta7lil (analyse) dyal lma? wach salih l chrb wla la? w chkon li kaytb3 had lma? bghina n3rfo 9bel ma ymrdo drari""", {"lang": "darija-lat"}),

("eau-assainissement", "complaint", "Collecteur casse - eaux usees dans les jardins",
"""Monsieur le President,

Le gros tuyau en beton qui passe sous l'oued a la sortie du quartier Ait Baha est casse depuis les crues d'octobre. Toutes les eaux usees du quartier se deversent maintenant dans le lit de l'oued et dans les parcelles de menthe et de legumes juste en aval. Les agriculteurs continuent d'arroser avec cette eau et vendent au souk. Je pense que c'est grave pour la sante de tous.

Je joins une video.
Abdelhak, agriculteur""", {"lang": "fr"}),

("eau-assainissement", "complaint", "الما ما كيطلعش للطبقة",
"""سلام، من شي شهرين والما ولا كيجي ضعيف بزاف فالنهار، ما كيطلعش حتى للطبقة الأولى، كنبقاو كنتسناو حتى للوحدة ديال الليل باش نعمرو البيدوزات. ونخلصو الفاتورة كاملة. الجيران ديال الطبقات كاملين بحالي. شنو المشكل؟""", {"lang": "darija-ar"}),

("eclairage-public", "petition", "عريضة ديال الدوار على الضو فالطريق",
"""السيد الرئيس والأعضاء ديال المجلس،
حنا سكان دوار أكرض والدواوير لي حداه، وقعنا 142 واحد وكلنا مسجلين فاللوائح، وكنطلبو من المجلس يدرج فجدول الأعمال ديال الدورة ديال فبراير تركيب الأعمدة ديال الضو على الطريق لي كتربط الدوار بالمركز، حيت فيها 3 كيلومتر ظلام، والدراري ديال الإعدادية كيرجعو فالليل فالشتا، وتعرضو لكريساج.
الوكيل: الحسين أوعدي""", {"charset": "windows-1256", "lang": "darija-ar"}),

("eclairage-public", "information-request", "Suivi de mon signalement",
"""Bonjour,
J'ai signale le 2 octobre par telephone, puis par ecrit le 9 octobre (recu n 2026/005102), que trois lampadaires de la rue Al Mansour ne fonctionnaient plus. Pouvez-vous me dire ou en est ce signalement, s'il a ete transmis a l'entreprise de maintenance et s'il y a une date prevue pour l'intervention ?
Cordialement,
Hamza""", {"lang": "fr"}),

("eclairage-public", "complaint", "تقطع الإنارة",
"""السيد رئيس الجماعة،
منذ حوالي شهر، أصبحت مصابيح شارع ابن تومرت تشتعل وتنطفئ بشكل متواصل طيلة الليل، بشكل يزعج السائقين ويتعب الأعين، كما يصدر عن الصندوق الكهربائي المثبت قرب المسجد صوت طنين وشرارات أحيانا، والصندوق مفتوح ويمكن للأطفال لمسه.
نرجو إيفاد تقنيين في أقرب الآجال.
والسلام عليكم""", {"lang": "msa"}),

("eclairage-public", "complaint", "",
"""slm, lampa dial zn9a tafya mn 3id, w l3mod l akhor kayche3l w kaytfa. ana mra w kan rje3 mn lkhdma m3a 10 d lil, kankhaf. dhow makaynch f zn9a 3 (7ay ennasr) kamla. merci""", {"lang": "darija-lat"}),

("espaces-verts", "petition", "Petition - non au lotissement sur le parc Al Andalous",
"""A Monsieur le President du Conseil communal

Objet : petition (loi organique 113-14)

Nous, soussignes, 274 habitants inscrits sur les listes electorales de la commune, demandons l'inscription a l'ordre du jour de la prochaine session d'un point relatif au maintien en espace vert public du parc Al Andalous, dont une partie serait, selon des informations publiees, destinee a des lots a batir. C'est le dernier poumon du quartier : arbres de plus de 40 ans, aire de jeux, terrain de petanque.

Mandataire : M. Rachid Eddahbi
Pieces jointes : signatures, copies CIN""", {"charset": "windows-1252", "lang": "fr"}),

("espaces-verts", "correspondence", "دعوة للمشاركة في حملة التشجير",
"""المملكة المغربية
وزارة التربية الوطنية
مدرسة الفتح الابتدائية
إلى السيد رئيس المجلس الجماعي
الموضوع: دعوة
سلام تام بوجود مولانا الإمام،
وبعد، يسعدني أن أدعوكم للمشاركة في حملة التشجير التي تنظمها المدرسة بشراكة مع جمعية آباء وأولياء التلاميذ يوم السبت 12 دجنبر 2026 على الساعة التاسعة صباحا بمحيط المؤسسة، كما نلتمس منكم تمكيننا من 60 شتلة وإيفاد تقني لمصاحبة التلاميذ.
والسلام
المدير""", {"charset": "iso-8859-6", "lang": "msa"}),

("espaces-verts", "complaint", "الشجرة لي قدام الدار",
"""السلام عليكم، الشجرة ديال الفيكوس لي فالطروطوار قدام دارنا كبرات بزاف، الغصان دخلو للسرجم ديال البيت وكيضربو فالزاج مع الريح، والجذور هرسو الزليج ديال الباب. والحشرات والطيور كيوسخو كلشي. ما بغيناش نقطعوها حنا باش ما نتخالفوش، عافاكم صيفطو شي حد يقصها""", {"lang": "darija-ar"}),

("circulation-transport", "petition", "عريضة من أجل خط للحافلات",
"""إلى السيد رئيس مجلس الجماعة
تبعا لمقتضيات القانون التنظيمي رقم 113.14 المتعلق بالجماعات، نتقدم نحن الموقعين أسفله، وعددنا 206 من الناخبات والناخبين، بهذه العريضة الرامية إلى إدراج نقطة في جدول أعمال المجلس تتعلق بإحداث خط للنقل الحضري يربط حي العودة والدواوير المجاورة بوسط المدينة والمستشفى، إذ يضطر السكان إلى استعمال النقل السري بأثمنة مرتفعة وفي ظروف غير آمنة.
وكيلة العريضة: السيدة حنان البوعزاوي""", {"charset": "windows-1256", "cte": "quoted-printable", "lang": "msa"}),

("circulation-transport", "information-request", "blasa dyal handicap",
"""salam, baba 3ndo handicap w kaymchi b kursi, w ana kanswwe9 bih dima. bghit nsowl kifach nakhdo autorisation dyal blasa dyal wqouf 9dam dar (rue 18 hay riad) ola chi badge dyal handicape bach ma ykhlsch f parking. chno lwra9 w fin nmchi?""", {"lang": "darija-lat"}),

("circulation-transport", "complaint", "CAMIONS DANS UNE RUE RESIDENTIELLE",
"""MONSIEUR,
DEPUIS L OUVERTURE DE LA CARRIERE, DES DIZAINES DE CAMIONS DE SABLE ET DE GRAVIER PASSENT NUIT ET JOUR PAR LA RUE DES ECOLES, QUI EST UNE RUE D HABITATION, AU LIEU DE PRENDRE LA ROCADE. ILS ROULENT VITE, LES MAISONS TREMBLENT, LES ENFANTS SONT EN DANGER A LA SORTIE DES CLASSES. IL N Y A AUCUN PANNEAU D INTERDICTION. NOUS DEMANDONS UNE INTERDICTION AUX POIDS LOURDS.
LES HABITANTS""", {"charset": "iso-8859-1", "lang": "fr"}),

("circulation-transport", "complaint", "la station des grands taxis",
"""Salam, la station des grands taxis jdida li dartoha 7da lmarché, c'est le chaos : ma kaynch tartib, chaque chauffeur kaydir li bgha, ils bloquent la route principale, w les rabatteurs kaytjabdo m3a nas. Le soir ma kaynch taxi l douar w ila l9iti kaytlb 3la jouj. Il faut organiser ça, des panneaux, des quais, un responsable.""", {"lang": "mixed"}),

("police-administrative", "suggestion", "مقترح بشأن الباعة المتجولين",
"""السيد رئيس المجلس،
بدلا من حملات الإخلاء المتكررة التي لا تدوم نتائجها سوى أيام، أقترح تخصيص الساحة الفارغة المجاورة للمحطة الطرقية لإحداث سوق نموذجي للباعة المتجولين، بمربعات مرقمة ورسوم رمزية، مع منع البيع في الأرصفة المجاورة بعد ذلك. فهذا يحفظ كرامة الباعة ويحرر الطريق للمارة.
مواطن غيور""", {"lang": "msa"}),

("police-administrative", "information-request", "Ouvrir un snack : quelles autorisations ?",
"""Bonjour,

Je loue un local au boulevard Mohammed VI et je veux ouvrir un petit snack (sandwichs, jus), avec deux tables devant si possible. Quelles autorisations faut-il demander a la commune, quels documents et combien de temps ca prend ? Et est-ce que je peux commencer les travaux d'amenagement en attendant ?

Merci pour votre aide,
Ilyas""", {"lang": "fr"}),

("police-administrative", "complaint", "الخردة عامرة الزنقة",
"""السلام عليكم، واحد مول الخردة حل مخزن فالزنقة ديالنا وعمر الطريق كاملة بالحديد والعجلات والطوموبيلات المهرسة، ما بقاتش كتدوز الطوموبيل، وكيضرب بالمطرقة من الصباح. ومرة شعلات العافية فالعجلات. حنا ساكنين تما، هادا ماشي حي صناعي. شكون عطاه الحق يعمر الزنقة؟""", {"charset": "iso-8859-6", "cte": "base64", "lang": "darija-ar"}),

("police-administrative", "complaint", "frrachat 9dam l7anout",
"""salamou 3alaykoum, ana 3ndi 7anout dyal tjara f zn9at souk, w kol nhar kayjiw frrachat kayferchou lblastik 9dam lbab dyali ma b9atch kat ban l7anout ga3, w ila hdrt m3ahom kaysbouni. ana kankhlss dariba w kra w homa la. 3afakom nedmou lmachakil""", {"lang": "darija-lat"}),

("fiscalite", "suggestion", "payer en ligne / الأداء عبر الأنترنيت",
"""Bonjour, suggestion: pourquoi on ne peut pas payer la taxe d'habitation w taxe dyal services communaux en ligne, par carte ou par l'application de la banque? F kol 3am kanw9fo f sf l9ba9a saa3at. Ce serait plus simple pour tout le monde w ghadi tdkhel lflous ktar.""", {"lang": "mixed"}),

("fiscalite", "information-request", "استفسار حول الإعفاء",
"""السلام عليكم ورحمة الله
أنا متقاعد وأسكن في منزل أملكه وحدي منذ سنة 1990، وقد سمعت أن السكن الرئيسي معفى من الرسم، غير أنني توصلت هذه السنة بإشعار بالأداء. أرجو إفادتي بشروط الإعفاء، والوثائق المطلوبة لإثبات أن المنزل سكن رئيسي، وهل يمكن استرجاع ما أديته في السنوات الماضية.
وشكرا""", {"charset": "windows-1256", "lang": "msa"}),

("fiscalite", "complaint", "Saisie sur mon compte bancaire",
"""Monsieur,

Ma banque m'informe qu'un avis a tiers detenteur a ete notifie sur mon compte a la demande du service de recouvrement pour des taxes locales "2017 a 2021" sur un local au quartier industriel. Je n'ai jamais recu le moindre avis ni rappel. De plus ce local a ete vendu en 2016 (acte notarie dont je dispose) et ce n'est plus a moi. 14 300 DH ont ete bloques alors que c'est l'argent du loyer et des medicaments.

Je vous demande de lever cette saisie et de corriger le nom du redevable.
Driss Hamdouchi""", {"lang": "fr"}),

("patrimoine", "petition", "عريضة ضد بيع أرض السوق القديم",
"""إلى السيد رئيس المجلس الجماعي
حنا التجار والسكان ديال الحي القديم، 176 مسجلين فاللوائح الانتخابية، كنقدمو هاد العريضة باش المجلس يدرج فالدورة الجاية نقطة التراجع على بيع الأرض ديال السوق القديم لشي منعش، حيت هاد البلاصة ديال الجماعة من زمان، وفيها السوق الأسبوعي لي عايشين منو. بغيناها تبقى للجماعة وتصاوب كسوق.
الوكيل: مولاي أحمد العلوي
التوقيعات مرفقة""", {"lang": "darija-ar"}),

("patrimoine", "information-request", "Achat du logement communal que nous occupons",
"""Monsieur le President,

Mon pere, ancien agent de la commune decede en 2019, occupait depuis 1986 un logement appartenant a la commune, rue de l'Hopital, ou nous vivons toujours, ma mere et moi, et dont nous payons le loyer. On nous a dit que certaines communes cedent ces logements aux occupants. Est-ce possible chez vous ? Si oui, quelle est la procedure, qui fixe le prix et quels papiers faut-il ?

Veuillez agreer mes salutations.
Naima Zerouali""", {"charset": "iso-8859-1", "lang": "fr"}),

("affaires-sociales", "correspondence", "Invitation - Festival Tifawin des arts amazighs",
"""Monsieur le President,

L'Association Tifawin pour la culture et le developpement a le plaisir de vous inviter a la ceremonie d'ouverture de la 7e edition du festival des arts amazighs, le vendredi 18 decembre 2026 a 17h, place de la Municipalite.

Nous saisissons cette occasion pour remercier la commune pour son soutien et vous adressons ci-joint le programme.

Le President de l'association""", {"lang": "fr"}),

("affaires-sociales", "information-request", "حجز الملعب لدوري رمضاني",
"""السيد الرئيس،
تعتزم جمعيتنا تنظيم دوري رمضاني في كرة القدم لفائدة شباب الأحياء الشعبية خلال شهر رمضان المقبل. نرجو إفادتنا بالإجراءات المتبعة لحجز الملعب البلدي أو ملعب القرب في الفترة الليلية، والجهة التي نتقدم إليها بالطلب، وهل يتطلب ذلك أداء أي واجب.
مع جزيل الشكر""", {"lang": "msa"}),

("affaires-sociales", "information-request", "lmediatheque",
"""slm, wach lmediatheque dyal ljma3a f centre m7lola f l3otla dyal chta? w kifach n9iyd wldi (12 3am) bach ykhrj lktoba l dar? ch7al taman dyal l'inscription w chno lwra9? w wach kayn chi atelier d lma3loumiyat l drari?""", {"lang": "darija-lat"}),

("affaires-sociales", "complaint", "Subventions / الدعم ديال الجمعيات",
"""Bonjour, je suis president d'une association de quartier qui travaille avec les enfants depuis 12 ans. Cette annee on n'a rien recu, zero, alors que des associations creees il y a 6 mois et qui n'ont rien fait ont eu 30 000 DH. الكل كيعرف علاش: they are close to certains elus. On n'a eu aucune explication, aucun PV, aucune liste publiee. Nous demandons la transparence et qu'on revoie la repartition.""", {"lang": "mixed"}),

("ressources-humaines", "correspondence", "طلب ترشيح لمنصب",
"""السيد رئيس الجماعة المحترم
الموضوع: طلب عمل
تحية طيبة، وبعد، يشرفني أن أضع بين أيديكم طلب ترشيحي للعمل بمصالح الجماعة، بصفتي حاصلة على الإجازة في القانون العام سنة 2021 وماستر في تدبير الشأن المحلي سنة 2024، ولدي تدريب لمدة ستة أشهر بقسم الشؤون القانونية بإحدى الجماعات، وأتقن الأمازيغية والفرنسية والإعلاميات.
رفقته: السيرة الذاتية ونسخ الشواهد.
وتقبلوا فائق الاحترام
سناء إدعلي""", {"charset": "windows-1256", "lang": "msa"}),

("ressources-humaines", "information-request", "Dossier de ma defunte epoux",
"""Bonjour,
Mon mari travaillait a la commune (service de l'eclairage) depuis 1997. Il est decede le mois dernier. On m'a dit que j'avais droit a un capital deces et a une pension de reversion mais personne ne m'explique quels papiers deposer, a quel bureau, ni si c'est la commune ou la caisse qui paie. J'ai trois enfants scolarises. Merci de m'orienter.
Mme veuve Assou""", {"lang": "fr"}),

("ressources-humaines", "complaint", "الساعات الإضافية ما كيتخلصوش",
"""السلام عليكم السيد الرئيس، أنا عون ديال الحراسة فالجماعة من 2012، كنخدم 12 ساعة فالنهار وحتى نهار الأحد والعطل، وما عمرني خلصت على الساعات الزايدة، وفالعيد كنخدم. طلبت الرخصة السنوية ديالي عامين هادي وما عطاونيهاش. الشاف ديالي كيقول ليا ما كاينش لي يعوضك. هادا ظلم""", {"lang": "darija-ar"}),

("marches-publics", "correspondence", "Marche 14/2026 - demande d'ordre d'arret",
"""Monsieur le President,

Objet : Marche n 14/2026 - travaux d'amenagement du souk hebdomadaire

Suite aux fortes pluies enregistrees depuis le 22 novembre, qui rendent impossible l'execution des travaux de terrassement et de beton, nous avons l'honneur de solliciter la notification d'un ordre de service d'arret des travaux a compter de cette date, conformement au CCAG-T, et de le lever des que les conditions le permettront.

Veuillez agreer, Monsieur le President, nos salutations distinguees.
STE TAMRI BTP""", {"charset": "windows-1252", "lang": "fr"}),

("marches-publics", "information-request", "طلب لائحة الصفقات المبرمة",
"""السيد رئيس المجلس الجماعي،
عملا بأحكام القانون رقم 31.13، أرجو موافاتي بلائحة الصفقات وسندات الطلب التي أبرمتها الجماعة خلال سنة 2025، مع بيان موضوع كل صفقة ومبلغها واسم نائل الصفقة، وكذا التقارير المتعلقة بتنفيذها إن وجدت.
وتفضلوا بقبول التحية
باحث في المالية المحلية""", {"charset": "iso-8859-6", "lang": "msa"}),

("marches-publics", "complaint", "bon de commande tlgha",
"""salam, ana fournisseur sghir, jani bon de commande mn 3ndkom f septembre dyal 40 korsi w 10 tabla l salle dyal ljma3a, chrit sl3a w jbtha w wqe3 lmowadaf 3la livraison. daba galo lia bon de commande tlgha w khassni nrj3 sl3a dyali?! ana dfe3t flousi w 3ndi kridi. chkon ghadi ykhlsni?""", {"lang": "darija-lat"}),

("direction-services", "information-request", "PV de la session d'octobre",
"""Monsieur le President,

En application de la loi 31-13, je souhaite obtenir une copie du proces-verbal de la session ordinaire d'octobre 2026 du conseil, la liste des presences des conseillers a cette session et aux deux precedentes, ainsi que le texte des decisions adoptees.

Je vous remercie de me les adresser par courriel.
Hajar Boutaleb, citoyenne""", {"lang": "fr"}),

("direction-services", "correspondence", "استدعاء لحضور جلسة",
"""المملكة المغربية
المحكمة الإدارية
كتابة الضبط
إلى السيد رئيس جماعة، بصفته ممثلا قانونيا للجماعة
الموضوع: استدعاء
في الملف عدد 812/7112/2026، بين المدعي السيد عمر بنعلي والجماعة، يشرفني أن أخبركم بأن القضية أدرجت بجلسة يوم 7 يناير 2027 على الساعة العاشرة صباحا، ونرجو منكم الإدلاء بمذكرتكم الجوابية قبل التاريخ المذكور.
رئيس كتابة الضبط""", {"charset": "windows-1256", "lang": "msa"}),

("direction-services", "complaint", "المكاتب خاوية",
"""السلام عليكم، جيت للجماعة نهار الخميس مع الجوج ونص ديال العشية، لقيت المكاتب مسدودة والموظفين مشاو، وكاتب على الباب الخدمة حتى للرابعة ونص. وعيطت للتيليفون ديال الجماعة شحال من مرة وما كيهزش حتى واحد. أنا جيت من الدوار وخسرت النهار. شكون كيراقب هادشي؟""", {"lang": "darija-ar"}),

("direction-services", "complaint", "dossier perdu / الملف ضاع",
"""Bonjour, en mars j'ai depose un dossier complet au bureau d'ordre (j'ai le recu). Depuis, chaque service me renvoie a un autre: "ma wslnach", "sir l service lakhor", "rah 3nd le chef". Aujourd'hui on me dit que le dossier est introuvable et qu'il faut tout refaire. 9 mois perdus. Je veux savoir qui l'a perdu w 3lach ma kaynch 7ta suivi.""", {"lang": "mixed"}),
]
