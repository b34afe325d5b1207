#!/usr/bin/python3
"""gen_mail.py — deterministic generator of realistic citizen mail for benchmarks
and load tests (Debian's python3, stdlib only).

Languages: Arabic (MSA), French, Darija in Arabic script and in Latin script
("arabizi": 3, 7, 9 for ع, ح, ق). Charsets: UTF-8, windows-1256, ISO-8859-6,
ISO-8859-1 (a text that the chosen charset cannot hold falls back to UTF-8).
Transfer encodings: base64, quoted-printable (and 8bit for a few). About 10%
of messages carry one attachment of 50-200 KB (PDF or JPEG bytes, base64,
RFC 2231 file names); some bodies are HTML only.

The same (index, seed) always gives the same bytes, independently of the
other messages, so a test can regenerate any message to compare.

    import gen_mail
    raw = gen_mail.message(i, seed=1)         # bytes, CRLF line ends
    raws = gen_mail.generate(n, seed=1)       # list of bytes
    gen_mail.message_id(i, seed=1)            # its Message-ID, no brackets

Two mixes. "classic" (the default, what the tests use) is the above. "everyday"
(`message(i, seed, mix="everyday")`, `--mix everyday`) is the mix a commune really
receives, as issue 18 measured it on an independent generator: 15% multipart/alternative
(text + HTML of 5-40 KB: tables, inline styles, entities, Outlook and Gmail markup), 8%
HTML only, base64 and quoted-printable text bodies, about a fifth replying with a long
quoted thread, Gmail/Outlook signatures with an inline logo (multipart/related), 10% with
a 50-200 KB attachment, about 22 KB on average; a third French (ISO-8859-1 or UTF-8),
Arabic in UTF-8 and windows-1256.

Command line: gen_mail.py -n N [--seed S] [--mix classic|everyday] [--out DIR]
(writes DIR/000001.eml...; without --out prints a summary: count, bytes, charsets,
encodings, structures).
"""
import argparse
import base64
import os
import quopri
import random
import sys
from email.header import Header

DOMAINS = ["gmail.com", "yahoo.fr", "hotmail.com", "menara.ma", "outlook.fr", "example.ma"]
FIRST_AR = ["محمد", "فاطمة", "يوسف", "خديجة", "عبد الله", "سعيد", "نعيمة", "إبراهيم", "زينب", "الحسين"]
LAST_AR = ["أيت باها", "الإدريسي", "بنعلي", "أوعلي", "الصديقي", "التازي", "أمزيان"]
FIRST_LAT = ["Mohamed", "Fatima", "Youssef", "Khadija", "Said", "Naima", "Brahim", "Zineb", "Hassan"]
LAST_LAT = ["Ait Baha", "El Idrissi", "Benali", "Oulaid", "Seddiki", "Tazi", "Amzian"]
PLACES_AR = ["حي النهضة", "حي الفتح", "دوار أكادير أوزرو", "شارع الحسن الثاني", "زنقة المسيرة"]
PLACES_FR = ["quartier Nahda", "quartier El Fath", "douar Agadir Ouzrou", "avenue Hassan II",
             "rue de la Marche Verte"]

AR = {
    "subject": ["شكاية بخصوص {topic}", "طلب الحصول على معلومات حول {topic}", "عريضة سكان {place}",
                "طلب رخصة {permit}", "ملتمس بخصوص {topic}", "اقتراح لتحسين {topic}"],
    "topic": ["الإنارة العمومية", "تراكم الأزبال", "حفرة في الطريق", "انقطاع الماء",
              "الضجيج الليلي", "الكلاب الضالة", "الميزانية السنوية للجماعة", "محضر الدورة العادية"],
    "permit": ["البناء", "الإصلاح", "فتح محل تجاري", "الربط بالكهرباء"],
    "lines": [
        "السلام عليكم ورحمة الله وبركاته،",
        "أتشرف بأن أتقدم إليكم بهذه {kind} بخصوص {topic} في {place}.",
        "منذ {n} أيام ونحن نعاني من هذا المشكل دون أي تدخل من المصالح المختصة.",
        "أطلب منكم التدخل العاجل لإيجاد حل لهذا الوضع الذي يضر بصحة الساكنة.",
        "طبقا للقانون رقم 31.13 المتعلق بالحق في الحصول على المعلومات، أرجو تمكيني من نسخة من الوثائق.",
        "رقم البطاقة الوطنية: {cin}، رقم الهاتف: {tel}.",
        "وتقبلوا فائق عبارات التقدير والاحترام.",
        "مرفق طيه نسخة من الوثائق المطلوبة.",
    ],
    "kind": ["الشكاية", "الرسالة", "العريضة", "الملتمس"],
}
FR = {
    "subject": ["Réclamation : {topic}", "Demande d'accès à l'information – {topic}",
                "Pétition des habitants du {place}", "Demande d'autorisation de {permit}",
                "Suggestion concernant {topic}", "Plainte urgente : {topic}"],
    "topic": ["éclairage public défaillant", "dépôt sauvage d'ordures", "nid-de-poule dangereux",
              "coupure d'eau", "bruit nocturne", "chiens errants", "budget prévisionnel 2026",
              "procès-verbal de la session ordinaire"],
    "permit": ["construire", "réfection de façade", "ouverture d'un commerce", "raccordement"],
    "lines": [
        "Madame, Monsieur le Président du Conseil communal,",
        "J'ai l'honneur de vous adresser la présente {kind} au sujet : {topic}, {place}.",
        "Depuis {n} jours, la situation s'aggrave et aucune intervention n'a été constatée.",
        "Je vous prie de bien vouloir intervenir dans les meilleurs délais ; merci d'avance.",
        "Conformément à la loi n° 31-13 relative au droit d'accès à l'information, "
        "je sollicite la communication des documents suivants.",
        "CIN : {cin} – téléphone : {tel}.",
        "Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
        "Vous trouverez ci-joint les pièces justificatives (plan, photos, reçu).",
    ],
    "kind": ["réclamation", "demande", "pétition", "lettre"],
}
DARIJA_AR = {
    "subject": ["عندي مشكل ف {topic}", "عافاكم شوفو {topic}", "بغيت نعرف على {topic}"],
    "topic": ["الزبل لي ف الزنقة", "الضو ديال الزنقة طافي", "الحفرة لي قدام الدار", "الما مقطوع"],
    "lines": [
        "السلام عليكم،",
        "عافاكم كاين واحد المشكل ف {place}: {topic}.",
        "هادي {n} أيام و حنا كنتسناو و حتى واحد ما جا.",
        "الدراري الصغار ما بقاوش كيقدرو يدوزو، و الريحة خايبة بزاف.",
        "الله يخليكم ديرو شي حل، راه الناس عياو.",
        "شكرا بزاف، {name}.",
    ],
}
DARIJA_LAT = {
    "subject": ["salam, 3andi mochkil f {topic}", "3afakom chofo {topic}", "bghit n3ref 3la {topic}"],
    "topic": ["zbel li f zanqa", "do dial zanqa tafi", "l7ofra li 9dam dar", "lma m9to3"],
    "lines": [
        "salam 3alaykom,",
        "3afakom kayn wa7d lmochkil f {place}: {topic}.",
        "hadi {n} iyam w 7na kantsennaw w 7ta wa7ed ma ja.",
        "drari sghar ma b9awch kay9edro ydouzo, w ri7a khayba bzaf.",
        "lah ykhellikom diro chi 7al, rah nass 3yaw.",
        "chokran bzaf, {name}.",
    ],
}

# (language, weight, charsets to pick from)
LANGS = [
    ("ar", 35, ["utf-8", "utf-8", "windows-1256", "iso-8859-6"]),
    ("fr", 35, ["utf-8", "iso-8859-1", "iso-8859-1", "windows-1256"]),
    ("darija-ar", 15, ["utf-8", "windows-1256", "iso-8859-6"]),
    ("darija-lat", 15, ["utf-8", "iso-8859-1"]),
]
ATT_NAMES = ["وثيقة.pdf", "plan_maison.pdf", "photo décharge.jpg", "صورة.jpg", "reçu.pdf",
             "CIN.jpg", "شهادة السكنى.pdf"]


def _rng(i, seed):
    return random.Random(f"bureau-gen:{seed}:{i}")


def message_id(i, seed=1):
    return f"gen-{seed}-{i}@bench.example"


def _fill(rng, s, table, name, place):
    return s.format(topic=rng.choice(table["topic"]), place=place, n=rng.randint(2, 40),
                    permit=rng.choice(table.get("permit", ["-"])),
                    kind=rng.choice(table.get("kind", ["-"])),
                    cin="%s%06d" % (rng.choice(["J", "JH", "JK", "BK"]), rng.randint(0, 999999)),
                    tel="06%08d" % rng.randint(0, 99999999), name=name)


def _text(rng, lang):
    if lang in ("ar", "darija-ar"):
        table = AR if lang == "ar" else DARIJA_AR
        name = f"{rng.choice(FIRST_AR)} {rng.choice(LAST_AR)}"
        place = rng.choice(PLACES_AR)
    else:
        table = FR if lang == "fr" else DARIJA_LAT
        name = f"{rng.choice(FIRST_LAT)} {rng.choice(LAST_LAT)}"
        place = rng.choice(PLACES_FR)
    subject = _fill(rng, rng.choice(table["subject"]), table, name, place)
    lines = table["lines"]
    body = [lines[0]]
    for _ in range(rng.randint(2, 9)):
        body.append(_fill(rng, rng.choice(lines[1:-1]), table, name, place))
    body.append(_fill(rng, lines[-1], table, name, place))
    if rng.random() < 0.5:
        body.append(name)
    return subject, "\n\n".join(body) + "\n", name


def _charset_for(rng, lang, subject, body, name):
    choices = [c for l, _, cs in LANGS if l == lang for c in cs]
    cs = rng.choice(choices)
    try:
        (subject + body + name).encode(cs)
        return cs
    except UnicodeEncodeError:
        return "utf-8"


def _crlf(b):
    return b.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def _encode_body(rng, text, charset):
    raw = text.encode(charset)
    r = rng.random()
    if r < 0.45:
        return "base64", base64.encodebytes(raw)
    if r < 0.9:
        return "quoted-printable", quopri.encodestring(_crlf(raw))
    return "8bit", raw


def _attachment(rng, boundary):
    size = rng.randint(50 * 1024, 200 * 1024)
    name = rng.choice(ATT_NAMES)
    ctype = "application/pdf" if name.endswith(".pdf") else "image/jpeg"
    head = b"%PDF-1.4\n" if ctype == "application/pdf" else b"\xff\xd8\xff\xe0\x00\x10JFIF"
    data = head + rng.randbytes(size - len(head))
    from urllib.parse import quote
    fn = "filename*=utf-8''" + quote(name, safe="")
    return (f"--{boundary}\r\nContent-Type: {ctype}; name*=utf-8''{quote(name, safe='')}\r\n"
            f"Content-Disposition: attachment; {fn}\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n").encode() + \
        _crlf(base64.encodebytes(data))


def _html(text):
    import html
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return f"<html><head><meta charset=\"utf-8\"></head><body dir=\"auto\">{paras}</body></html>\n"


def message(i, seed=1, mix="classic"):
    """Message number i (any int) of the stream seed, as bytes with CRLF."""
    if mix == "everyday":
        import gen_everyday  # it builds on this file's texts and tables
        return gen_everyday.message(i, seed)
    if mix != "classic":
        raise ValueError(f"unknown mix {mix!r}")
    rng = _rng(i, seed)
    lang = rng.choices([l for l, _, _ in LANGS], weights=[w for _, w, _ in LANGS])[0]
    subject, body, name = _text(rng, lang)
    charset = _charset_for(rng, lang, subject, body, name)
    html_only = rng.random() < 0.1
    with_att = rng.random() < 0.1
    local = "citoyen%d.%d" % (i, rng.randint(1, 999))
    addr = f"{local}@{rng.choice(DOMAINS)}"
    day = 1 + (i % 28)
    date = f"{['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][i % 7]}, {day:02d} Nov 2026 " \
           f"{(i // 60) % 24:02d}:{i % 60:02d}:00 +0100"
    hcs = "utf-8" if rng.random() < 0.5 else charset
    try:
        enc_subject = Header(subject, hcs, maxlinelen=76).encode(linesep="\r\n")
        enc_name = Header(name, hcs).encode(linesep="\r\n")
    except UnicodeEncodeError:
        enc_subject = Header(subject, "utf-8", maxlinelen=76).encode(linesep="\r\n")
        enc_name = Header(name, "utf-8").encode(linesep="\r\n")
    if charset == "iso-8859-1" and rng.random() < 0.3:
        enc_subject = subject  # raw 8-bit header, as some old clients send
    headers = [
        f"Return-Path: <{addr}>",
        "Received: from mx.example.ma (mx.example.ma [192.0.2.10]) by imap.commune.example;"
        f" {date}",
        f"From: {enc_name} <{addr}>",
        "To: bo@commune.test",
        f"Subject: {enc_subject}",
        f"Date: {date}",
        f"Message-ID: <{message_id(i, seed)}>",
        "MIME-Version: 1.0",
    ]
    text = _html(body) if html_only else body
    ctype = "text/html" if html_only else "text/plain"
    cte, payload = _encode_body(rng, text, charset)
    part_head = (f"Content-Type: {ctype}; charset=\"{charset}\"\r\n"
                 f"Content-Transfer-Encoding: {cte}\r\n").encode()
    hdr_cs = "iso-8859-1" if charset == "iso-8859-1" else "utf-8"
    top = "\r\n".join(headers).encode(hdr_cs, errors="replace") + b"\r\n"
    if not with_att:
        return top + part_head + b"\r\n" + _crlf(payload)
    boundary = "=_bureau_%d_%d" % (seed, i)
    return (top + f"Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n".encode() +
            b"This is a multi-part message in MIME format.\r\n" +
            f"--{boundary}\r\n".encode() + part_head + b"\r\n" + _crlf(payload) + b"\r\n" +
            _attachment(rng, boundary) + f"\r\n--{boundary}--\r\n".encode())


def generate(n, seed=1, start=1, mix="classic"):
    return [message(i, seed, mix) for i in range(start, start + n)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mix", choices=["classic", "everyday"], default="classic")
    ap.add_argument("--out")
    a = ap.parse_args()
    total = 0
    stats = {}
    if a.out:
        os.makedirs(a.out, exist_ok=True)
    for i in range(1, a.n + 1):
        raw = message(i, a.seed, a.mix)
        total += len(raw)
        for key in (b"multipart/alternative", b"multipart/related", b"text/html",
                    b"gmail_quote", b"MsoNormal"):
            if key in raw:
                stats[key.decode()] = stats.get(key.decode(), 0) + 1
        for key in (b"charset=\"", b"Content-Transfer-Encoding: "):
            p = raw.find(key)
            if p >= 0:
                v = raw[p + len(key):raw.find(b"\r\n", p)].strip(b"\"").decode()
                stats[v] = stats.get(v, 0) + 1
        if b"Content-Disposition: attachment" in raw:
            stats["attachment"] = stats.get("attachment", 0) + 1
        if a.out:
            with open(os.path.join(a.out, f"{i:06d}.eml"), "wb") as f:
                f.write(raw)
    print(f"{a.n} messages, {total} bytes, {total / max(a.n, 1) / 1024:.1f} KB on average")
    for k in sorted(stats):
        print(f"  {k}: {stats[k]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
