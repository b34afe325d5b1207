#!/usr/bin/python3
"""gen_everyday.py — the "everyday" mix of bench/gen_mail.py: mail as a commune really
receives it (issue 18), deterministic, stdlib only.

    import gen_everyday
    raw = gen_everyday.message(i, seed=1)    # bytes, CRLF; same (i, seed), same bytes

The mix (per message, independent draws):
- language: French 34% (ISO-8859-1 or UTF-8), MSA 33% (UTF-8 or windows-1256), Darija in
  Arabic script 16% (UTF-8 or windows-1256), Darija in Latin script 17% (UTF-8);
- structure: 15% multipart/alternative (text/plain + text/html), 8% HTML only, the rest
  text/plain; HTML parts are 5-40 KB (median about 13 KB) of Gmail or Outlook markup (tables, inline styles,
  entities, conditional comments, <o:p>, gmail_quote blocks);
- body transfer encoding: base64 40%, quoted-printable 50%, 8bit 10%;
- 20% are replies carrying a quoted thread of 2-7 earlier messages (">" levels in text,
  nested blockquotes in HTML), with In-Reply-To and References;
- 35% end with a signature; HTML ones with a signature carry an inline logo half of the
  time (multipart/related, a 4-24 KB image by Content-ID);
- 10% carry one attachment of 50-200 KB as encoded (PDF or JPEG, base64, RFC 2231 name).
"""
import base64
import html
import quopri
import random
from email.header import Header
from urllib.parse import quote

import gen_mail as g

LANGS = [("fr", 34, ["iso-8859-1", "utf-8"]), ("ar", 33, ["utf-8", "windows-1256"]),
         ("darija-ar", 16, ["utf-8", "windows-1256"]), ("darija-lat", 17, ["utf-8"])]
SIG_FR = ["{name}\nTechnicien, Société Atlas Services\nTél. : {tel}",
          "Cordialement,\n{name}\n{place}",
          "--\n{name}\nEnvoyé de mon iPhone"]
SIG_AR = ["{name}\nالهاتف: {tel}", "مع خالص التحيات،\n{name}\n{place}"]
QUOTE_HEAD_FR = "Le {day} nov. 2026 à {hh}:{mm}, {who} <{addr}> a écrit :"
QUOTE_HEAD_AR = "في {day} نونبر 2026 {hh}:{mm}، كتب {who} <{addr}>:"
OUTLOOK_STYLE = (
    "<style><!--\r\n/* Font Definitions */\r\n"
    "@font-face\r\n\t{font-family:\"Cambria Math\";\r\n\tpanose-1:2 4 5 3 5 4 6 3 2 4;}\r\n"
    "@font-face\r\n\t{font-family:Calibri;\r\n\tpanose-1:2 15 5 2 2 2 4 3 2 4;}\r\n"
    "/* Style Definitions */\r\np.MsoNormal, li.MsoNormal, div.MsoNormal\r\n"
    "\t{margin:0cm;\r\n\tfont-size:11.0pt;\r\n\tfont-family:\"Calibri\",sans-serif;}\r\n"
    "a:link, span.MsoHyperlink\r\n\t{mso-style-priority:99;\r\n\tcolor:#0563C1;\r\n"
    "\ttext-decoration:underline;}\r\nspan.EmailStyle17\r\n\t{mso-style-type:personal-compose;"
    "\r\n\tfont-family:\"Calibri\",sans-serif;\r\n\tcolor:windowtext;}\r\n.MsoChpDefault\r\n"
    "\t{mso-style-type:export-only;\r\n\tfont-family:\"Calibri\",sans-serif;}\r\n"
    "@page WordSection1\r\n\t{size:612.0pt 792.0pt;\r\n\tmargin:70.85pt 70.85pt 70.85pt 70.85pt;}"
    "\r\ndiv.WordSection1\r\n\t{page:WordSection1;}\r\n--></style>"
    "<!--[if gte mso 9]><xml>\r\n<o:shapedefaults v:ext=\"edit\" spidmax=\"1026\" />\r\n"
    "</xml><![endif]--><!--[if gte mso 9]><xml>\r\n<o:shapelayout v:ext=\"edit\">\r\n"
    "<o:idmap v:ext=\"edit\" data=\"1\" />\r\n</o:shapelayout></xml><![endif]-->")
TABLE_LABELS_FR = ["Référence", "Date du constat", "Lieu", "Nature", "Pièces jointes",
                   "Numéro de dossier", "Arrondissement"]
TABLE_LABELS_AR = ["المرجع", "تاريخ المعاينة", "المكان", "الموضوع", "المرفقات", "رقم الملف",
                   "المقاطعة"]


def _rng(i, seed):
    return random.Random(f"bureau-everyday:{seed}:{i}")


def _is_ar(lang):
    return lang in ("ar", "darija-ar")


def _entities(text, rng):
    """HTML-escape, as mailers do: &nbsp; before French punctuation, named accents
    (Outlook), numeric references for some Arabic letters (a charset that lacks them)."""
    t = html.escape(text)
    t = t.replace(" :", "&nbsp;:").replace(" ;", "&nbsp;;")
    if rng.random() < 0.5:
        t = t.replace("é", "&eacute;").replace("è", "&egrave;").replace("à", "&agrave;")
    if rng.random() < 0.2:
        t = "".join(f"&#{ord(c)};" if "\u0621" <= c <= "\u064a" and rng.random() < 0.3 else c
                    for c in t)
    return t


def _thread(rng, lang, depth):
    """The quoted history of a reply: a list of (header line, text) oldest last."""
    out = []
    for k in range(depth):
        subject, body, name = g._text(rng, lang)
        addr = "agent%d@commune.test" % rng.randint(1, 40) if k % 2 == 0 else \
            "citoyen%d@gmail.com" % rng.randint(1, 9999)
        fmt = QUOTE_HEAD_AR if _is_ar(lang) else QUOTE_HEAD_FR
        head = fmt.format(day=rng.randint(1, 28), hh="%02d" % rng.randint(7, 22),
                          mm="%02d" % rng.randint(0, 59), who=name, addr=addr)
        out.append((head, body))
    return out


def _quote_text(thread):
    """Plain-text quoting: each older message one more '>' deep."""
    lines = []
    for level, (head, body) in enumerate(thread, 1):
        prefix = ">" * (level - 1) + (" " if level > 1 else "")
        lines.append(prefix + head)
        for ln in body.split("\n"):
            lines.append((">" * level + " " + ln).rstrip())
        lines.append(">" * level)
    return "\n".join(lines) + "\n"


def _table(rng, lang, rows):
    labels = TABLE_LABELS_AR if _is_ar(lang) else TABLE_LABELS_FR
    cells = []
    for r in range(rows):
        label = labels[r % len(labels)]
        val = "%s-%05d" % (rng.choice(["REC", "DAI", "BO", "PV"]), rng.randint(1, 99999))
        cells.append(
            f"<tr><td style=\"border:solid #BFBFBF 1.0pt;padding:0cm 5.4pt 0cm 5.4pt;"
            f"background:#F2F2F2\" width=\"180\" valign=\"top\"><p class=\"MsoNormal\"><b>"
            f"<span style=\"font-size:10.0pt\">{html.escape(label)}<o:p></o:p></span></b></p>"
            f"</td><td style=\"border:solid #BFBFBF 1.0pt;border-left:none;padding:0cm 5.4pt"
            f" 0cm 5.4pt\" width=\"420\" valign=\"top\"><p class=\"MsoNormal\"><span style=\""
            f"font-size:10.0pt\">{val}<o:p></o:p></span></p></td></tr>")
    return ("<table class=\"MsoTableGrid\" border=\"1\" cellspacing=\"0\" cellpadding=\"0\" "
            "style=\"border-collapse:collapse;border:none\"><tbody>" + "".join(cells) +
            "</tbody></table>")


def _paras_outlook(text, rng):
    return "".join(
        f"<p class=\"MsoNormal\"><span style='font-size:11.0pt;font-family:\"Calibri\","
        f"sans-serif;color:#1F497D'>{_entities(p, rng)}<o:p></o:p></span></p>"
        "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>"
        for p in text.split("\n\n") if p.strip())


def _paras_gmail(text, rng):
    return "".join(f"<div>{_entities(p, rng).replace(chr(10), '<br>')}</div><div><br></div>"
                   for p in text.split("\n\n") if p.strip())


def _quote_html(thread, rng, gmail):
    inner = ""
    for head, body in reversed(thread):  # the oldest is the innermost
        paras = _paras_gmail(body, rng) if gmail else _paras_outlook(body, rng)
        if gmail:
            inner = (f"<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">"
                     f"{_entities(head, rng)}<br></div><blockquote class=\"gmail_quote\" "
                     f"style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);"
                     f"padding-left:1ex\">{paras}{inner}</blockquote></div>")
        else:
            inner = (f"<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm "
                     f"0cm 0cm\"><p class=\"MsoNormal\"><b><span lang=\"FR\">De&nbsp;:</span></b>"
                     f"<span lang=\"FR\"> {_entities(head, rng)}<o:p></o:p></span></p></div>"
                     f"{paras}{inner}")
    return inner


def _html(rng, lang, body, thread, sig, logo_cid, charset):
    gmail = rng.random() < 0.55
    target = int((5 + 35 * rng.random() ** 2) * 1024)  # 5-40 KB, most near the low end
    rtl = " dir=\"rtl\"" if _is_ar(lang) else ""
    main = _paras_gmail(body, rng) if gmail else _paras_outlook(body, rng)
    parts = [main]
    # a details table, grown until the part reaches its size (newsletters and forms do)
    rows = 4
    logo = (f"<img src=\"cid:{logo_cid}\" width=\"120\" height=\"40\" alt=\"logo\" "
            f"style=\"width:1.25in;height:.41in\">" if logo_cid else "")
    sig_html = ""
    if sig:
        cls = "gmail_signature" if gmail else "MsoNormal"
        sig_html = (f"<div dir=\"ltr\" class=\"{cls}\"><span style=\"color:#888888\">"
                    f"{_entities(sig, rng).replace(chr(10), '<br>')}</span><br>{logo}</div>")
    quoted = _quote_html(thread, rng, gmail) if thread else ""
    while True:
        table = _table(rng, lang, rows)
        if gmail:
            doc = (f"<div dir=\"ltr\"{rtl}>{''.join(parts)}{table}<br clear=\"all\"><div><br>"
                   f"</div>-- <br>{sig_html}</div><br>{quoted}\r\n")
            doc = f"<html><head></head><body>{doc}</body></html>"
        else:
            doc = (f"<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-"
                   f"microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:"
                   f"word\" xmlns=\"http://www.w3.org/TR/REC-html40\"><head><meta http-equiv="
                   f"\"Content-Type\" content=\"text/html; charset={charset}\"><meta name="
                   f"\"Generator\" content=\"Microsoft Word 15 (filtered medium)\">"
                   f"{OUTLOOK_STYLE}</head><body lang=\"FR\" link=\"#0563C1\" vlink=\"#954F72\""
                   f" style=\"word-wrap:break-word\"{rtl}><div class=\"WordSection1\">"
                   f"{''.join(parts)}{table}{sig_html}{quoted}</div></body></html>\r\n")
        if len(doc.encode("utf-8")) >= target or rows > 400:
            return doc
        rows += max(2, (target - len(doc)) // 700)


def _encode(rng, text, charset):
    raw = text.encode(charset, errors="xmlcharrefreplace")
    r = rng.random()
    if r < 0.4:
        return "base64", g._crlf(base64.encodebytes(raw))
    if r < 0.9:
        return "quoted-printable", quopri.encodestring(g._crlf(raw))
    return "8bit", g._crlf(raw)


def _leaf(rng, ctype, text, charset):
    cte, payload = _encode(rng, text, charset)
    return (f"Content-Type: {ctype}; charset=\"{charset}\"\r\n"
            f"Content-Transfer-Encoding: {cte}\r\n\r\n").encode() + payload


def _multipart(subtype, boundary, parts, extra=""):
    out = f"Content-Type: multipart/{subtype}; boundary=\"{boundary}\"{extra}\r\n\r\n".encode()
    for p in parts:
        out += f"--{boundary}\r\n".encode() + p + b"\r\n"
    return out + f"--{boundary}--\r\n".encode()


def _logo(rng, cid):
    size = rng.randint(4 * 1024, 24 * 1024)
    data = b"\x89PNG\r\n\x1a\n" + rng.randbytes(size - 8)
    return (f"Content-Type: image/png; name=\"image001.png\"\r\nContent-ID: <{cid}>\r\n"
            "Content-Disposition: inline; filename=\"image001.png\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n").encode() + \
        g._crlf(base64.encodebytes(data))


def _attachment(rng):
    size = rng.randint(50 * 1024, 200 * 1024) * 3 // 4  # 50-200 KB as it travels (base64)
    name = rng.choice(g.ATT_NAMES)
    ctype = "application/pdf" if name.endswith(".pdf") else "image/jpeg"
    head = b"%PDF-1.4\n" if ctype == "application/pdf" else b"\xff\xd8\xff\xe0\x00\x10JFIF"
    q = quote(name, safe="")
    return (f"Content-Type: {ctype}; name*=utf-8''{q}\r\n"
            f"Content-Disposition: attachment; filename*=utf-8''{q}\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n").encode() + \
        g._crlf(base64.encodebytes(head + rng.randbytes(size - len(head))))


def _headers(rng, i, seed, lang, subject, name, charset, reply_to_ids):
    addr = "citoyen%d.%d@%s" % (i, rng.randint(1, 999), rng.choice(g.DOMAINS))
    day = 1 + (i % 28)
    date = f"{['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][i % 7]}, {day:02d} Nov 2026 " \
           f"{(i // 60) % 24:02d}:{i % 60:02d}:00 +0100"
    hcs = "utf-8" if rng.random() < 0.6 else charset
    try:
        enc_subject = Header(subject, hcs, maxlinelen=76).encode(linesep="\r\n")
        enc_name = Header(name, hcs).encode(linesep="\r\n")
    except UnicodeEncodeError:
        enc_subject = Header(subject, "utf-8", maxlinelen=76).encode(linesep="\r\n")
        enc_name = Header(name, "utf-8").encode(linesep="\r\n")
    hs = [f"Return-Path: <{addr}>",
          "Received: from mail-wr1-f41.google.com (mail-wr1-f41.google.com [209.85.221.41])"
          f"\r\n\tby mx.commune.test (Postfix) with ESMTPS; {date}",
          "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=gmail.com; s=20230601;"
          "\r\n\th=to:subject:message-id:date:from:mime-version; bh=" +
          base64.b64encode(rng.randbytes(32)).decode() + ";\r\n\tb=" +
          base64.b64encode(rng.randbytes(96)).decode(),
          f"From: {enc_name} <{addr}>", "To: bo@commune.test", f"Subject: {enc_subject}",
          f"Date: {date}", f"Message-ID: <{g.message_id(i, seed)}>", "MIME-Version: 1.0"]
    if reply_to_ids:
        hs.append(f"In-Reply-To: <{reply_to_ids[-1]}>")
        hs.append("References: " + "\r\n ".join(f"<{m}>" for m in reply_to_ids))
    return ("\r\n".join(hs) + "\r\n").encode("utf-8")


def message(i, seed=1):
    """Message number i of the everyday stream seed, as bytes with CRLF."""
    rng = _rng(i, seed)
    lang = rng.choices([x[0] for x in LANGS], weights=[x[1] for x in LANGS])[0]
    subject, body, name = g._text(rng, lang)
    charset = rng.choice([c for x in LANGS if x[0] == lang for c in x[2]])
    try:
        (subject + body + name).encode(charset)
    except UnicodeEncodeError:
        charset = "utf-8"
    r = rng.random()
    shape = "alternative" if r < 0.15 else "html" if r < 0.23 else "plain"
    thread = _thread(rng, lang, rng.randint(2, 7)) if rng.random() < 0.2 else []
    sig = None
    if rng.random() < 0.35:
        tpl = rng.choice(SIG_AR if _is_ar(lang) else SIG_FR)
        sig = tpl.format(name=name, tel="06%08d" % rng.randint(0, 99999999),
                         place=rng.choice(g.PLACES_AR if _is_ar(lang) else g.PLACES_FR))
    logo_cid = None
    if sig and shape != "plain" and rng.random() < 0.5:
        logo_cid = "image001.png@01DB%08X.%08X" % (rng.getrandbits(32), rng.getrandbits(32))
    with_att = rng.random() < 0.1
    ids = [f"thread-{seed}-{i}-{k}@gmail.com" for k in range(len(thread))]
    if thread:
        subject = ("رد: " if _is_ar(lang) else "RE: " if rng.random() < 0.5 else "Re: ") + subject

    text = body + ("\n-- \n" + sig + "\n" if sig else "") + \
        ("\n" + _quote_text(thread) if thread else "")
    b = "=_ev_%d_%d" % (seed, i)
    if shape == "plain":
        body_part = _leaf(rng, "text/plain", text, charset)
    else:
        doc = _html(rng, lang, body, thread, sig, logo_cid, charset)
        html_part = _leaf(rng, "text/html", doc, charset)
        if logo_cid:
            html_part = _multipart("related", b + "_rel", [html_part, _logo(rng, logo_cid)],
                                   "; type=\"text/html\"")
        body_part = html_part if shape == "html" else \
            _multipart("alternative", b + "_alt",
                       [_leaf(rng, "text/plain", text, charset), html_part])
    top = _headers(rng, i, seed, lang, subject, name, charset, ids)
    if not with_att:
        return top + body_part
    return top + _multipart("mixed", b + "_mix", [body_part, _attachment(rng)])
