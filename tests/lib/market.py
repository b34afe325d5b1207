"""Mail about the weekly market (السوق الأسبوعي / le souk), which the default
rules do not know and clerks re-route by hand to patrimoine: the register
that test_rules_suggest and test_rules_model learn from. (subject, body)."""

MARKET = [
    ("السوق الأسبوعي", "نطلب تنظيم السوق الأسبوعي فالأحد، الفوضى كبيرة."),
    ("Souk hebdomadaire", "Le souk hebdomadaire du dimanche manque d'organisation."),
    ("مشكل السوق الأسبوعي", "السوق الأسبوعي بلا تنظيم والباعة في كل مكان."),
    ("Le souk hebdomadaire", "Les places du souk hebdomadaire sont attribuées sans règle."),
    ("souk dyal l7ed", "salam, souk hebdomadaire dyal l7ed kaybda m3a lfjer w lfawda."),
    ("نقل السوق الأسبوعي", "نطالب بنقل السوق الأسبوعي بعيدا عن المساكن."),
    ("Rénovation du souk hebdomadaire", "Demande de rénovation des abris du souk hebdomadaire."),
    ("السوق الأسبوعي متسخ", "أرضية السوق الأسبوعي في حالة سيئة."),
]
