# Labelled citizen messages, part A. Each entry: (department, kind, subject, body, opts)
# opts: charset (utf-8 default), cte (8bit/base64/quoted-printable), html (bool).
# Written to read like real mail to a commune: typos, mixed scripts and all.

A = [
("urbanisme", "complaint", "شكاية بخصوص بناء عشوائي",
"""السلام عليكم
أتقدم إليكم بهذه الشكاية ضد جاري الذي قام ببناء طابق ثالث فوق منزله بدون رخصة، وقد تسبب ذلك في حجب الضوء والتهوية عن منزلنا. كما أن الأشغال تتم ليلا لتفادي المراقبة.
المرجو التدخل العاجل وإيفاد لجنة للمعاينة.
حي النهضة، زنقة 14 رقم 8
وتقبلوا فائق الاحترام""", {}),

("urbanisme", "information-request", "Demande d'information sur le plan d'aménagement",
"""Monsieur le Président,
Je souhaiterais savoir si le terrain situé au lieu-dit Ait Melloul, titre foncier n° 45821/09, est classé en zone constructible (R+2) ou en zone d'équipement selon le nouveau plan d'aménagement homologué.
Pourriez-vous également m'indiquer où consulter le plan ?
Avec mes respects,
Rachid Amzil""", {"charset": "iso-8859-1", "cte": "quoted-printable"}),

("urbanisme", "complaint", "rokhsa dial lbni",
"""salam, 3andi 3 chhour mn nhar d3t dossier dial rokhsat lbna f lbaladiya w mazal majawbouni. kol mara kaygoulou sir w aji. wach had chi m39oul? bghit n3ref fin wsel dossier dyali. numero dial dossier 2026/1187""", {}),

("urbanisme", "complaint", "جاري زاد طابق",
"""جاري زاد طابق فوق الدار ديالو وبدا كيبني بلا رخصة، والحيط ديالنا بدا كيتشقق. عيطنا للقايد وقالو سيرو للجماعة. عافاكم صيفطو شي لجنة تشوف""", {"charset": "windows-1256"}),

("urbanisme", "information-request", "Lotissement Al Wifaq - réception provisoire",
"""Bonjour,
Nous sommes propriétaires de lots dans le lotissement Al Wifaq. Le lotisseur affirme que la réception provisoire a été prononcée mais nous n'avons aucun document. Conformément à la loi 31-13, je demande copie du procès-verbal de réception des travaux du lotissement.
Cordialement""", {}),

("urbanisme", "complaint", "تجاوز خط التصفيف",
"""السيد رئيس المجلس الجماعي المحترم
يشرفني أن أحيطكم علما بأن صاحب العمارة الجديدة بشارع الحسن الثاني تجاوز خط التصفيف المحدد في تصميم التهيئة بأكثر من مترين، مما ضيق الرصيف على المارة. نلتمس منكم التدخل لإيقاف الأشغال وفرض احترام القانون.""", {"charset": "iso-8859-6", "cte": "base64"}),

("urbanisme", "correspondence", "Dépôt de dossier - permis de construire R+1",
"""Madame, Monsieur,
Veuillez trouver ci-joint le dossier de demande de permis de construire pour une habitation R+1 sur le lot n° 112, lotissement Riad. Le dossier comprend les plans visés par l'architecte, le certificat de propriété et la note de renseignements.
Bien à vous,
Cabinet d'architecture Idrissi""", {}),

("urbanisme", "complaint", "Construction anarchique sur terrain vague",
"""Depuis deux semaines des gens construisent des baraques sur le terrain vague derrière l'école Ibn Khaldoun. Ils travaillent le week-end. Personne ne réagit. Est-ce qu'ils ont une autorisation ?? Je pense que non. Merci de faire quelque chose avant que ce soit trop tard""", {}),

("urbanisme", "information-request", "wach l9ita3a dyali fiha lbni?",
"""slm, bghit nsowel wach l ard li 3andi f douar tamaght dakhla f tasmim tahyi2a, wach n9der nbni fiha wla la. chno lwata2i9 li khasni bach ndir talab rokhsa? chokran""", {}),

("urbanisme", "complaint", "هدم الجدار المشترك",
"""مساء الخير، الجار ديالي هدم الحيط المشترك باش يوسع الكاراج ديالو بلا ما يشاور معانا وبلا رخصة ديال الجماعة. دابا الدار ديالنا مفتوحة على الزنقة. شنو خاصني ندير؟ واش الجماعة تقدر توقفو؟""", {}),

("etat-civil", "complaint", "خطأ في الاسم بعقد الازدياد",
"""السلام عليكم ورحمة الله
ابني ولد في 12 مارس، وعند تسلمي لنسخة موجزة من رسم الولادة وجدت أن اسمه كتب "محمد أمين" بدل "محمد الأمين" كما صرحت به. أطلب تصحيح هذا الخطأ في سجلات الحالة المدنية في أقرب الآجال لأنني أحتاج الوثيقة للتسجيل في المدرسة.""", {}),

("etat-civil", "complaint", "Légalisation de signature - attente interminable",
"""Bonjour, ce matin j'ai attendu 3 heures au bureau de légalisation pour faire légaliser une signature. Un seul guichet ouvert sur quatre, les agents discutent entre eux. C'est inadmissible. Je demande qu'on ouvre plus de guichets pour la légalisation et la copie conforme.""", {"charset": "iso-8859-1"}),

("etat-civil", "information-request", "livret de famille perdu",
"""Bonsoir, j'ai perdu mon livret de famille lors d'un déménagement. Quelles sont les pièces à fournir pour obtenir un duplicata et combien de temps ça prend ? Merci""", {}),

("etat-civil", "complaint", "copie conforme",
"""slam 3likom, mchit l moqata3a bach ndir copie conforme dial diplome, galou liya lmowadaf ghayb w sir tal ghda. rj3t ghda w nafs lklam. 3afakom chi 7al""", {}),

("etat-civil", "information-request", "طلب نسخة من رسم الوفاة",
"""سلام، بغيت نعرف كيفاش نجيب نسخة من رسم الوفاة ديال جدي اللي توفى في 1998، واش خاصني نمشي بنفسي ولا يقدر شي واحد من العائلة ينوب عليا؟ أنا ساكن فالخارج.""", {"charset": "windows-1256", "cte": "quoted-printable"}),

("etat-civil", "complaint", "تأخر في تسليم عقد الازدياد",
"""المرجو التدخل لأنني طلبت عقد ازدياد منذ أسبوعين عبر الشباك ولم أتسلمه بعد، والموظف يقول إن السجل غير موجود. هذا غير معقول.""", {}),

("etat-civil", "correspondence", "Transcription d'un acte de naissance étranger",
"""Monsieur l'officier de l'état civil,
Suite à notre échange téléphonique, je vous transmets en pièce jointe la copie de l'acte de naissance de ma fille, née à Lyon, délivré par la mairie, ainsi que sa traduction certifiée, en vue de sa transcription sur les registres de l'état civil.
Respectueusement""", {}),

("etat-civil", "information-request", "tasji7 smiya",
"""salam, wld khoya tsjjel b smiya ghalta f 7ala madaniya, lkniya mktouba b "Ait Baha" w hiya "Ait Bha". chno lmasatir bach nsl7ouha? wach khass 7okm mn lma7kama?""", {}),

("etat-civil", "complaint", "Mauvais accueil au service de l'état civil",
"""Objet : comportement d'un agent
J'ai été mal reçue hier au service état civil, l'agent m'a parlé de façon humiliante parce que je ne comprenais pas le formulaire de l'extrait d'acte de naissance. Je veux que ce comportement soit sanctionné.""", {}),

("travaux-voirie", "complaint", "حفرة كبيرة وسط الطريق",
"""هناك حفرة كبيرة في وسط الطريق المؤدية إلى السوق الأسبوعي قرب محطة البنزين، سقطت فيها دراجة نارية البارحة وأصيب صاحبها. نطلب ترميم الطريق بسرعة قبل وقوع كارثة.""", {}),

("travaux-voirie", "complaint", "Nids-de-poule avenue Mohammed V",
"""Bonjour,
L'avenue Mohammed V est devenue impraticable : des nids de poule partout depuis les pluies de novembre. Ma voiture a eu le pneu éclaté mardi. Quand est-ce que la commune compte refaire le goudron ?
Un contribuable excédé""", {"charset": "iso-8859-1", "cte": "quoted-printable"}),

("travaux-voirie", "complaint", "tri9 mhersa",
"""salam, tri9 dial 7ay l9od mhersa bzaf, kolha 7fer, mli katjı ch ta ma katb9ach tban. lwlad kaytay7o f l7ofra. 3afakom jibou goudron""", {}),

("travaux-voirie", "complaint", "أشغال متوقفة منذ شهور",
"""الأشغال ديال تبليط الزنقة 7 فحي السلام تحفرات وتخلات هكاك من 4 شهور، التراب والحجر فكل بلاصة والعيالات ما بقاوش يقدرو يدوزو. شكون المسؤول على هاد الورش المهجور؟""", {}),

("travaux-voirie", "complaint", "Trottoir défoncé",
"""Le trottoir devant la pharmacie centrale est complètement défoncé, les dalles sont cassées, une personne âgée est tombée la semaine dernière. Merci de réparer.""", {}),

("travaux-voirie", "suggestion", "اقتراح تهيئة ممر للراجلين",
"""أقترح على المجلس الجماعي إحداث ممر للراجلين وممهلات أمام مدرسة الفتح، لأن الطريق هناك واسعة والسيارات تمر بسرعة، ويمكن أيضا تبليط الممر المؤدي إلى المدرسة. مع الشكر.""", {}),

("travaux-voirie", "complaint", "route goudronnée détruite",
"""La route qui mène au douar Tighza a été goudronnée il y a seulement 6 mois et elle est déjà détruite. Le goudron part en morceaux. On veut savoir qui est l'entreprise et pourquoi il n'y a pas de contrôle. Les citoyens ne sont pas des idiots.""", {}),

("travaux-voirie", "information-request", "طلب معلومات حول مشروع تهيئة الطرق",
"""في إطار القانون 31.13 المتعلق بالحق في الحصول على المعلومات، أطلب منكم مدي بمعلومات حول برنامج تهيئة الطرق والأزقة بالجماعة لسنة 2026: الأحياء المعنية، الكلفة، وآجال الإنجاز.""", {"charset": "iso-8859-6"}),

("travaux-voirie", "complaint", "zen9a mhfoura",
"""3lach zen9a dialna bqat m7foura mn nhar jaw ydiro lwad l7ar ? sddo lqanawat w khlaw l7fra. ljiran kaytl9o fiha tomobilat""", {}),

("hygiene-environnement", "complaint", "الأزبال متراكمة في الحي",
"""السلام عليكم، الأزبال متراكمة في حي الأمل منذ أكثر من أسبوع، شاحنة جمع النفايات لم تمر، والروائح الكريهة لا تطاق خاصة مع الحرارة. الأطفال يلعبون قرب الحاويات. نرجو التدخل.""", {}),

("hygiene-environnement", "complaint", "zbel f zen9a",
"""salam 3likom, zbel 3amer zen9a dyalna, lkamiyo ma dazch hadi 10 ayam, rri7a khanza w nmous w lfirane. wach ma kaynach chi 7al???""", {}),

("hygiene-environnement", "complaint", "Chiens errants près de l'école",
"""Madame, Monsieur,
Une meute de chiens errants rôde tous les matins autour de l'école primaire Al Massira. Hier un enfant a été mordu. Les parents ont peur. Nous demandons une intervention rapide du service d'hygiène.
L'association des parents d'élèves""", {}),

("hygiene-environnement", "complaint", "الكلاب الضالة",
"""الكلاب الضالة ولات كتجول بالعشرات فالحي ديالنا بالليل والنهار، والناس خايفين على وليداتهم. عافاكم شوفو شي حل""", {"charset": "windows-1256", "cte": "base64"}),

("hygiene-environnement", "complaint", "Décharge sauvage",
"""Bonjour
Une décharge sauvage s'est formée à l'entrée du quartier industriel : gravats, déchets ménagers, pneus. Des gens y mettent le feu la nuit, la fumée est toxique. Merci d'envoyer une équipe de nettoyage et de mettre des panneaux d'interdiction.""", {}),

("hygiene-environnement", "complaint", "مطعم لا يحترم شروط النظافة",
"""أشعركم بأن المطعم الموجود قرب المحطة الطرقية يقدم أطعمة في ظروف غير صحية، اللحم مكشوف والذباب في كل مكان، وقد أصيب أخي بتسمم بعد تناول وجبة هناك. أطالب بإرسال لجنة المراقبة الصحية.""", {}),

("hygiene-environnement", "complaint", "Moustiques",
"""Les moustiques sont insupportables cette année dans le quartier Lmanar à cause de l'eau stagnante près de l'oued. Est-ce que la commune prévoit une campagne de démoustication ? Les enfants sont couverts de piqûres.""", {"charset": "iso-8859-1"}),

("hygiene-environnement", "suggestion", "fikra 3la tri dial zbel",
"""salam, 3ndi wa7ed lfikra: 3lach ma ndirouch des poubelles dial tri (plastique, carton, verre) f l7ayat w ndirou compagne tawiya m3a jam3iyat? hadchi ghadi ynf3 lbi2a w y9ll mn zbel""", {}),

("hygiene-environnement", "complaint", "رائحة كريهة من المجزرة",
"""الرائحة الكريهة المنبعثة من المجزرة الجماعية أصبحت لا تحتمل، خصوصا في الصيف، كما أن بقايا الذبائح ترمى في الخلاء وتجلب الكلاب والحشرات.""", {}),

("eau-assainissement", "complaint", "الواد الحار خارج فالزنقة",
"""الواد الحار خارج فالزنقة ديالنا من الصباح، القادوس تسد والما الخانز داخل للديور. عيطنا للشركة وقالو ماشي شغلهم. شكون غادي يحل هاد المشكل؟""", {}),

("eau-assainissement", "complaint", "Coupure d'eau depuis 3 jours",
"""Bonjour,
Le quartier Hay Salam est privé d'eau potable depuis trois jours sans aucune information. Nous avons des personnes âgées et des enfants. Quand l'eau sera-t-elle rétablie ? Personne ne répond au téléphone.
Merci""", {}),

("eau-assainissement", "complaint", "lma m9tou3",
"""lma m9tou3 3lina mn lbare7 f douar ouled ali, w makayn 7ta chi i3lan. kanchriw lma f9r3a. fin hiya lbaladia ?""", {}),

("eau-assainissement", "complaint", "Regard d'égout sans couvercle",
"""Il y a un regard d'égout sans couvercle au coin de la rue Ibn Sina et de la rue Al Qods. C'est extrêmement dangereux, surtout la nuit. Un enfant pourrait tomber dedans.""", {"cte": "quoted-printable"}),

("eau-assainissement", "complaint", "تسرب مياه الشرب",
"""يوجد تسرب كبير لمياه الشرب من القناة الرئيسية بشارع المقاومة منذ أزيد من أسبوع، المياه تضيع في الشارع بينما بعض الأحياء تعاني من الانقطاع. نرجو إصلاح العطب.""", {"charset": "iso-8859-6", "cte": "quoted-printable"}),

("eau-assainissement", "complaint", "فيضانات عند كل شتاء",
"""كل عام مع أول شتا كيتغرق الحي ديالنا، البالوعات مسدودة والما كيدخل للديور. هاد العام تخسرو لينا الفرش والماكينات. واش ما كاينش شي حل نهائي لقنوات الصرف؟""", {}),

("eau-assainissement", "information-request", "Raccordement au réseau d'assainissement",
"""Bonjour, j'habite au douar Ait Lahcen qui n'est pas raccordé au réseau d'assainissement. Pouvez-vous m'informer si un projet de raccordement est prévu, et dans quels délais ?""", {}),

("eau-assainissement", "complaint", "l9adous msdoud",
"""salamo 3alaykom, l9adous dial zen9a msdoud w lwad l7ar tal3 l berra, ri7a kat9tel. 3yytna l radeema w galo machi 3andhom. chkoun li mssoul?""", {}),

("eclairage-public", "complaint", "الضو مقطوع فالزنقة",
"""الضو مقطوع فالزنقة ديالنا هادي شهر، الزنقة ظلمة بالليل والشفارة كيستغلو الفرصة. البارح تسرقات بنت الجيران. عافاكم صلحو البوطوات""", {}),

("eclairage-public", "complaint", "Éclairage public en panne",
"""Monsieur le Président,
Depuis plus d'un mois, les lampadaires de la rue 12 du quartier Al Farah sont éteints. La rue est plongée dans le noir et plusieurs agressions ont eu lieu. J'ai déjà signalé le problème par téléphone sans résultat.
Veuillez agréer...""", {"charset": "iso-8859-1", "cte": "base64"}),

("eclairage-public", "complaint", "dow m9tou3",
"""salam, dow m9tou3 f zn9a 5 7ay nahda mn chhar, ddlam ka7el bllil, lbnat kaykhafo ydouzo. 3afakom chi wa7ed yji ysla7""", {}),

("eclairage-public", "complaint", "عمود كهربائي آيل للسقوط",
"""نحيطكم علما أن أحد أعمدة الإنارة العمومية بشارع محمد السادس مائل بشكل خطير وأسلاكه مكشوفة، ويشكل خطرا على المارة والأطفال خاصة عند هطول الأمطار.""", {}),

("eclairage-public", "suggestion", "Suggestion : lampadaires solaires",
"""Bonjour, je suggère à la commune d'installer des lampadaires solaires LED dans les douars et les ruelles non éclairées. Cela réduirait la facture d'électricité et améliorerait la sécurité. Plusieurs communes l'ont déjà fait.""", {}),

("eclairage-public", "complaint", "الإنارة شاعلة بالنهار",
"""لاحظت أن مصابيح الإنارة العمومية في الطريق الرئيسية تبقى مشتعلة طوال النهار منذ أسبوعين، وهذا تبذير للمال العام. في المقابل أحياء أخرى تعيش في الظلام.""", {"charset": "windows-1256"}),

("espaces-verts", "complaint", "Jardin public abandonné",
"""Le jardin public en face de la poste est à l'abandon : gazon sec, bancs cassés, arbres non taillés, les jeux pour enfants sont dangereux. C'était le seul espace vert du quartier. Que comptez-vous faire ?""", {}),

("espaces-verts", "complaint", "قطع الأشجار",
"""استنكر سكان حي الرياض قطع أشجار النخيل والأوكالبتوس على طول الشارع بدون أي مبرر، ونطالب بمعرفة الجهة التي رخصت لذلك وبغرس أشجار بديلة.""", {}),

("espaces-verts", "suggestion", "اقتراح إحداث حديقة",
"""السلام عليكم، نقترح تحويل البقعة الفارغة قرب المسجد إلى حديقة صغيرة فيها شجر وكراسي وألعاب للأطفال، لأن الحي ما فيه حتى مساحة خضراء. ومستعدين نساهمو فالسقي والتنظيف.""", {}),

("espaces-verts", "complaint", "chjer ghadi ytiح",
"""salam, kayna wa7ed chjra kbira f jnan l3omomi 9rib l dar dyalna, mayla w ghadi tti7 3la chi 7ed. 9ad9adtha ri7 lbar7. 3afakom sifto chi wa7ed y9ttaha wla y9ssha""", {}),

("espaces-verts", "complaint", "Arrosage des espaces verts",
"""Bonjour, les espaces verts du boulevard sont arrosés en plein midi avec l'eau potable, alors qu'on nous demande d'économiser l'eau. Par ailleurs les palmiers de la place centrale sont en train de mourir faute d'entretien.""", {}),

("espaces-verts", "complaint", "الحديقة ولات مرتع للمنحرفين",
"""الجردة اللي حدا الحي ولات مهملة، العشب يبس والكراسي مهرسة، وبالليل كيجلسو فيها المنحرفين. بغينا تعاودو تهيئة الحديقة وتحطو فيها الضو والحارس.""", {}),

("circulation-transport", "complaint", "Sabot de Denver abusif",
"""Bonjour,
Ma voiture a été immobilisée par un sabot alors que j'avais payé le ticket de stationnement (j'ai la photo du ticket). L'agent a refusé de m'écouter et m'a demandé de payer 50 dirhams. Je demande le remboursement.""", {}),

("circulation-transport", "complaint", "الطاكسيات كيرفضو يهزو الناس",
"""سائقي سيارات الأجرة الصغيرة كيرفضو يوصلو الناس لحي السلام وكيطلبو ثمن زايد، والطوبيس ما كيدوزش من تما. بغينا حل لمشكل النقل فالحي.""", {}),

("circulation-transport", "complaint", "feu rouge en panne",
"""le feu rouge du carrefour de la gare est en panne depuis dix jours, c'est le chaos aux heures de pointe, il y a eu deux accidents. Personne pour régler la circulation.""", {}),

("circulation-transport", "suggestion", "اقتراح إحداث خط للحافلات",
"""نقترح على المجلس الجماعي التنسيق مع شركة النقل الحضري من أجل إحداث خط حافلات يربط الأحياء الجديدة بوسط المدينة والجامعة، لأن الطلبة يعانون يوميا من غياب وسائل النقل.""", {"charset": "iso-8859-6", "cte": "base64"}),

("circulation-transport", "complaint", "tobis ma kaydouzch",
"""salam, tobis ra9m 12 ma b9ach kaydouz mn 7ay l amal, lkhdama w tlamid kayt3tlo kol nhar. w taxiyat kaytl9o 10 drahm. wach hadi 3adala?""", {}),

("circulation-transport", "complaint", "Stationnement anarchique",
"""Le stationnement anarchique devant le souk bloque complètement la circulation le jeudi. Les voitures se garent en double file, les camions de livraison sur les trottoirs. Il faut des panneaux et un parking organisé.""", {"charset": "windows-1252"}),

("circulation-transport", "complaint", "علامات التشوير",
"""علامات التشوير الطرقي غائبة تماما في المدار الجديد، ولا توجد علامة قف ولا ممر راجلين، والسائقون لا يعرفون الأسبقية. وقعت عدة حوادث سير.""", {}),

("police-administrative", "complaint", "احتلال الملك العمومي",
"""أصحاب المقاهي بشارع الجيش الملكي احتلوا الرصيف بالكامل بالكراسي والطاولات، ولم يعد للمارة مكان للمشي، ونضطر للمشي وسط الطريق مع السيارات. نطالب بتحرير الملك العمومي.""", {}),

("police-administrative", "complaint", "الفراشة",
"""الفراشة عمرو الزنقة كاملة قدام باب الدار، ما بقيناش قادرين نخرجو الطوموبيل، والصداع والزبل ديالهم كل نهار. شكون غادي يدير معاهم شي حل؟""", {}),

("police-administrative", "complaint", "Nuisances sonores d'un café",
"""Madame, Monsieur,
Le café situé au rez-de-chaussée de notre immeuble diffuse de la musique à plein volume jusqu'à 2h du matin, avec des clients qui crient dans la rue. Malgré nos plaintes auprès du gérant, rien ne change. Nous demandons le respect des horaires de fermeture.""", {}),

("police-administrative", "complaint", "dar ghadi ttih",
"""salam 3likom, kayna wa7ed dar 9dima f derb sidi bouzid mchakka w ghadi tti7 3la rasna, fiha 3 3a2ilat. 3lmna lmo9ata3a mn chhar w walou. 3afakom 9bel ma tw9e3 kariita""", {}),

("police-administrative", "information-request", "Rokhsa dial ma7al",
"""Bonjour, je veux ouvrir un petit snack dans mon garage. Quelles sont les démarches pour obtenir l'autorisation d'exploitation du local commercial auprès de la commune, et quels documents fournir ? Merci d'avance""", {}),

("police-administrative", "complaint", "ورشة نجارة وسط الحي",
"""صاحب ورشة النجارة اللي فالحي خدام بالماكينات من 7 ديال الصباح حتى 10 ديال الليل، الصداع والغبرة. واش عندو رخصة يحل ورشة وسط السكنى؟""", {"charset": "windows-1256", "cte": "quoted-printable"}),

("police-administrative", "complaint", "Vendeurs ambulants",
"""Les vendeurs ambulants occupent toute la place devant la mosquée, les charrettes bloquent l'accès, les déchets de légumes restent sur place le soir. Les commerçants qui paient leurs impôts sont pénalisés.""", {}),
]
