"""The citizen's tracking page (issue 16, item 5), end to end: mail in by
`bureau ingest`, the acknowledgement out through a real SMTP server on
loopback (aiosmtpd), its link followed over real HTTP to `bureau web`, the
Arabic page's direction checked in headless Chromium.

- the acknowledgement carries /suivi/NUMBER/TOKEN in its text and HTML
  parts, in both languages, only when [web] base_url is set; the register
  keeps only the BLAKE2b-256 hash of the 128-bit token, never the token;
- the page shows the number, kind, department, date received, deadline,
  status and the dates of public events (the extension with its reason), in
  French (ltr) and Arabic (rtl); grepped for the citizen's name, address,
  subject and words of the body: none;
- an unknown number, a wrong token, both, a malformed token answer
  identically, byte for byte apart from the Date header, for GET and POST;
- forms: none before an answer, and a forged POST is refused; after the
  answer a POST without the cookie or from another Origin is refused; the
  satisfaction is recorded once; re-opening works once (status back to
  in-progress, under actor "citizen", with the reason, flagged for the
  clerks), a second one is refused; 29 days after the answer it is offered,
  31 days after it is refused (reopen_days = 30), with reopen_days = 0
  never;
- `stats` (JSON, CSV, table) counts the citizen's re-opening and the
  satisfied / not satisfied answers;
- the rate limit trips per address (429, bilingual) while another address
  is still served;
- in Chromium: the Arabic page is rtl with the number ltr, the French one
  ltr; a third citizen answers "not satisfied" and re-opens through the
  forms (the browser's own cookie and Origin); the server's log has no
  sanitizer report.
"""
import atexit
import email
import email.policy
import hashlib
import http.client
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, SRC, Tally, bureau, clean_up, db_rows, free_port, skip, tempdir, write_config  # noqa: E402
import smtpd  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
except ImportError as e:
    skip(f"missing package: {e}")
if not os.access(BIN, os.X_OK):
    skip(f"{BIN} not built")

t = Tally("track")
work = tempdir()
db = os.path.join(work, "bureau.db")
sink = smtpd.Smtpd(work).start()
atexit.register(sink.stop)
port = free_port()
BASE = f"http://127.0.0.1:{port}"
SMTP = {"url": sink.url(), "tls": "none", "from": "bo@commune.test"}
WEB = (f"[web]\nlisten = 127.0.0.1:{port}\nbase_url = {BASE}/\ntrusted_proxy = 127.0.0.1\n"
       "reopen_days = 30\ntrack_per_minute = 10\n")
conf = write_config(os.path.join(work, "bureau.conf"), db, smtp=SMTP, extra=WEB)
t.eq(bureau(conf, "init").returncode, 0, "init")

NAME = "فاطمة الزهراء بنعلي"
ADDR = "fatima.zahra@citizen.test"
SUBJECT = "شكاية بخصوص تراكم الأزبال قرب المدرسة"
BODY = ("السلام عليكم، الأزبال متراكمة منذ أسبوع قرب المدرسة الابتدائية.\n"
        "Merci d'intervenir rapidement, quartier Essalamzitoune.")
SECRET_WORDS = [NAME, "فاطمة", "بنعلي", ADDR, "fatima", "citizen.test", "متراكمة", "المدرسة",
                "الابتدائية", "intervenir", "Essalamzitoune", "تراكم", "شكاية بخصوص"]


def write_mail(name, raw):
    path = os.path.join(work, name)
    with open(path, "wb") as f:
        f.write(raw)
    return path


m1 = write_mail("m1.eml", smtpd.citizen_message(sender=ADDR, name=NAME, subject=SUBJECT,
                                                body=BODY))
m2 = write_mail("m2.eml", smtpd.citizen_message(
    sender="karim@citizen.test", name="Karim Tazi",
    subject="Demande d'information sur le budget communal",
    body="Je demande la copie du budget 2026 (loi 31-13). Karim Tazi, rue des Orangers."))
p = bureau(conf, "ingest", m1, m2)
t.eq(p.returncode, 0, f"ingest: {p.stderr[-300:]}")
rows = db_rows(db, "SELECT id, number, sender_addr, kind, department, due_date, received_at "
                   "FROM entries ORDER BY id")
t.eq(len(rows), 2, "two entries")
E1, N1 = rows[0][0], rows[0][1]
E2, N2 = rows[1][0], rows[1][1]

p = bureau(conf, "outbox", "send")
t.eq(p.returncode, 0, f"outbox send: {p.stderr[-300:]}")
acks = {}
for frm, rcpts, raw in sink.messages():
    msg = smtpd.parse(raw)
    if rcpts and rcpts[0] in (ADDR, "karim@citizen.test") and "Accus" in str(msg["Subject"]):
        acks[rcpts[0]] = msg
t.check(ADDR in acks and "karim@citizen.test" in acks, f"both acknowledgements sent ({list(acks)})")
LINK_RE = re.compile(re.escape(BASE) + r"/suivi/([A-Za-z0-9-]+)/([0-9a-f]{32})")


def ack_links(msg):
    text = smtpd.parts_text(msg, "plain") or ""
    html = smtpd.parts_text(msg, "html") or ""
    return LINK_RE.findall(text), LINK_RE.findall(html), text


links = {}
for who, msg in acks.items():
    in_text, in_html, text = ack_links(msg)
    t.eq(len(in_text), 2, f"{who}: the link in the text part, Arabic and French")
    t.check(len(in_html) >= 2, f"{who}: the link in the HTML part ({len(in_html)})")
    t.check(len(set(in_text + in_html)) == 1, f"{who}: one and the same link")
    t.check("ne le partagez pas" in text and "لا تشاركوه" in text, f"{who}: told to keep it")
    if in_text:
        links[who] = in_text[0]
num1, tok1 = links.get(ADDR, ("x", "0" * 32))
num2, tok2 = links.get("karim@citizen.test", ("y", "0" * 32))
t.eq(num1, N1.replace("/", "-"), "the link's number is the registry number")
t.check(tok1 != tok2, "each entry its own token")
stored = dict(db_rows(db, "SELECT entry_id, token_hash FROM track_tokens"))
t.eq(stored.get(E1), hashlib.blake2b(tok1.encode(), digest_size=32).hexdigest(),
     "the register keeps the BLAKE2b-256 hash of the token")


def token_places(tok):
    """Every table.column of the register whose text (or bytes) holds tok."""
    found = []
    for (tab,) in db_rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                              "name NOT LIKE 'entries_fts%'"):
        for col in db_rows(db, f"PRAGMA table_info('{tab}')"):
            n = db_rows(db, f"SELECT count(*) FROM \"{tab}\" WHERE instr(CAST(\"{col[1]}\" AS "
                            "BLOB), CAST(? AS BLOB)) > 0", (tok,))[0][0]
            if n:
                found.append(f"{tab}.{col[1]}")
    return found


t.eq(token_places(stored.get(E1, "?")), ["track_tokens.token_hash"],
     "(the search finds the hash where it is)")
t.eq(token_places(tok1) + token_places(tok2), [],
     "once the acknowledgement is sent, the token itself is nowhere in the register")
ack_ids = [r[0] for r in db_rows(db, "SELECT id FROM outbox WHERE purpose = 'ack' AND "
                                     "entry_id = ? AND state = 'sent'", (E1,))]
shown = bureau(conf, "outbox", "show", str(ack_ids[0])).stdout if ack_ids else ""
shown_text = smtpd.parts_text(smtpd.parse(shown.encode()), "plain") or "" if shown else ""
t.check(f"{BASE}/suivi/{num1}/[token-removed-once-sent]" in shown_text and tok1 not in shown_text,
        "outbox show: the sent acknowledgement has the link with a mark for the token")

# without base_url: no link, no token
conf_nolink = write_config(os.path.join(work, "nolink.conf"), db, smtp=SMTP,
                           extra=f"[web]\nlisten = 127.0.0.1:{port}\n")
m3 = write_mail("m3.eml", smtpd.citizen_message(sender="nolink@citizen.test", name="Sans Lien",
                                                subject="Lampadaire en panne",
                                                body="Le lampadaire est en panne."))
before = len(sink.messages())
t.eq(bureau(conf_nolink, "ingest", m3).returncode, 0, "ingest without base_url")
bureau(conf_nolink, "outbox", "send")
new = [smtpd.parse(raw) for _, rc, raw in sink.messages()[before:] if rc == ["nolink@citizen.test"]]
t.check(new and not LINK_RE.findall(smtpd.parts_text(new[0], "plain") or "") and
        "/suivi/" not in (smtpd.parts_text(new[0], "plain") or ""),
        "without [web] base_url the acknowledgement has no link")
t.eq(db_rows(db, "SELECT count(*) FROM track_tokens")[0][0], 2, "and no token was issued")

# a third citizen, for the browser: answered before the server starts
m4 = write_mail("m4.eml", smtpd.citizen_message(sender="nora@citizen.test", name="Nora Idrissi",
                                                subject="Trou dans la chaussée",
                                                body="Un trou profond devant le numéro 12."))
before = len(sink.messages())
t.eq(bureau(conf, "ingest", m4).returncode, 0, "ingest the third mail")
bureau(conf, "outbox", "send")
link4 = [LINK_RE.findall(smtpd.parts_text(smtpd.parse(raw), "plain") or "")
         for _, rc, raw in sink.messages()[before:] if rc == ["nora@citizen.test"]]
PATH4 = "/suivi/%s/%s" % link4[0][0] if link4 and link4[0] else "/suivi/none/none"
N4 = db_rows(db, "SELECT number FROM entries WHERE sender_addr = 'nora@citizen.test'")[0][0]
E4 = db_rows(db, "SELECT id FROM entries WHERE number = ?", (N4,))[0][0]
t.eq(bureau(conf, "status", N4, "answered", actor="Amina Clerc").returncode, 0, "answer it")

# two more, answered 31 and 29 days ago (written as the register would have them)
old_paths = {}
for days in (31, 29):
    mail = write_mail(f"old{days}.eml", smtpd.citizen_message(
        sender=f"old{days}@citizen.test", name="Ancien", subject=f"Demande {days}",
        body="Bonjour."))
    before = len(sink.messages())
    bureau(conf, "ingest", mail)
    bureau(conf, "outbox", "send")
    found = [LINK_RE.findall(smtpd.parts_text(smtpd.parse(raw), "plain") or "")
             for _, rc, raw in sink.messages()[before:] if rc == [f"old{days}@citizen.test"]]
    old_paths[days] = "/suivi/%s/%s" % found[0][0] if found and found[0] else "/suivi/x/y"
    eid, st_old = db_rows(db, "SELECT id, status FROM entries WHERE sender_addr = ?",
                          (f"old{days}@citizen.test",))[0]
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE entries SET status = 'answered' WHERE id = ?", (eid,))
        con.execute("INSERT INTO events (entry_id, at, actor, action, detail) VALUES "
                    "(?, ?, 'Amina Clerc', 'status', ?)",
                    (eid, int(time.time()) - days * 86400, f"{st_old} -> answered"))
    con.close()

# --- the server ------------------------------------------------------------------------------
server_log = open(os.path.join(work, "web.log"), "wb")
server = subprocess.Popen([BIN, "-c", conf, "web"], stdout=server_log, stderr=subprocess.STDOUT)
servers = [server]


def stop_servers():
    for proc in servers:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


atexit.register(stop_servers)
_xff = [0]


def req(method, path, body=None, headers=None, xff=None):
    """One request; each from an address of its own unless xff is given."""
    if xff is None:
        _xff[0] += 1
        xff = f"10.1.{_xff[0] // 250}.{_xff[0] % 250 + 1}"
    h = {"X-Forwarded-For": xff}
    h.update(headers or {})
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, r.getheaders(), data


deadline = time.time() + 20
up = False
while time.time() < deadline and not up:
    try:
        req("GET", "/login", xff="10.9.9.9")
        up = True
    except OSError:
        time.sleep(0.1)
t.check(up, "bureau web answers")

PATH1 = f"/suivi/{num1}/{tok1}"
PATH2 = f"/suivi/{num2}/{tok2}"


def labels(rules_dir, what, ident):
    """name_fr and name_ar of a kind or department in the rules."""
    fr = ar = None
    for fn in sorted(os.listdir(rules_dir)):
        if not fn.endswith(".rules"):
            continue
        cur = None
        with open(os.path.join(rules_dir, fn), encoding="utf-8") as f:
            for line in f:
                if re.match(r"^\S", line):
                    cur = line.split()[:2]
                elif cur == [what, ident]:
                    m = re.match(r"\s+name_(fr|ar):\s*(.*\S)", line)
                    if m and m.group(1) == "fr":
                        fr = m.group(2)
                    elif m:
                        ar = m.group(2)
    return fr, ar


import html as htmlmod  # noqa: E402
RULES = os.path.join(SRC, "rules")
_, _, _, kind1, dept1, due1, rec1 = rows[0]
kind_fr, kind_ar = labels(RULES, "kind", kind1)
dept_fr, dept_ar = labels(RULES, "department", dept1)
st1 = db_rows(db, "SELECT status FROM entries WHERE id = ?", (E1,))[0][0]
STATUS_FR = {"registered": "Enregistré", "routed": "Transmis au service compétent",
             "in-progress": "En cours de traitement", "answered": "Réponse envoyée"}
STATUS_AR = {"registered": "مسجل", "routed": "محال على المصلحة المختصة",
             "in-progress": "في طور المعالجة", "answered": "تمت الإجابة"}

st, hd, fr_page = req("GET", PATH1)
fr_text = htmlmod.unescape(fr_page.decode())
t.eq(st, 200, "the tracking page answers")
t.check('<html lang="fr" dir="ltr">' in fr_text, "French by default, left to right")
t.check(N1 in fr_text, "it shows the number")
t.check(kind_fr and kind_fr in fr_text, f"it shows the kind ({kind_fr})")
t.check(dept_fr and dept_fr in fr_text, f"it shows the department ({dept_fr})")
t.check(time.strftime("%Y-%m-%d", time.localtime(rows[0][6])) in fr_text, "the date received")
t.check(due1 and due1 in fr_text, f"the legal deadline ({due1})")
t.check(STATUS_FR.get(st1, "?") in fr_text, f"the status ({st1})")
t.check("Enregistré au bureau d'ordre" in fr_text, "the registration among the events")
st, hd, ar_page = req("GET", PATH1 + "?lang=ar")
ar_text = htmlmod.unescape(ar_page.decode())
t.eq(st, 200, "the Arabic page answers")
t.check('<html lang="ar" dir="rtl">' in ar_text, "the Arabic page is right to left")
t.check(kind_ar and kind_ar in ar_text and dept_ar and dept_ar in ar_text,
        "the Arabic labels of kind and department")
t.check(STATUS_AR.get(st1, "?") in ar_text, "the Arabic status")
st, hd, al_page = req("GET", PATH1, headers={"Accept-Language": "ar-MA,ar;q=0.9,fr;q=0.8"})
t.check(b'dir="rtl"' in al_page, "Arabic when the browser asks for it first")
for page, lang in ((fr_text, "fr"), (ar_text, "ar")):
    leaked = [w for w in SECRET_WORDS if w in page]
    t.eq(leaked, [], f"{lang}: no name, address, subject or body on the page")
t.check("form-avis" not in fr_text and "form-rouvrir" not in fr_text,
        "no forms before an answer")
t.check(not any(k.lower() == "set-cookie" for k, _ in hd), "no cookie before an answer")

# --- identical answers -----------------------------------------------------------------------
wrong_tok = "".join(random.choice("0123456789abcdef") for _ in range(32))
while wrong_tok == tok1:
    wrong_tok = "".join(random.choice("0123456789abcdef") for _ in range(32))
unknown_num = num1.split("-")[0] + "-999999"
probes = {
    "wrong token": f"/suivi/{num1}/{wrong_tok}",
    "unknown number": f"/suivi/{unknown_num}/{tok1}",
    "both wrong": f"/suivi/{unknown_num}/{wrong_tok}",
    "another entry's token": f"/suivi/{num1}/{tok2}",
    "short token": f"/suivi/{num1}/{tok1[:20]}",
    "no token": f"/suivi/{num1}",
    "action on a wrong token (GET)": f"/suivi/{num1}/{wrong_tok}/avis",
}


def strip_date(headers):
    return sorted((k.lower(), v) for k, v in headers if k.lower() != "date")


answers = {what: req("GET", path) for what, path in probes.items()}
ref_status, ref_headers, ref_body = answers["unknown number"]
t.eq(ref_status, 404, "an unknown number is 404")
for what, (s_, h_, b_) in answers.items():
    t.check(s_ == ref_status and strip_date(h_) == strip_date(ref_headers) and b_ == ref_body,
            f"{what}: the same answer as an unknown number, byte for byte")
ar_answers = [req("GET", probes[k] + "?lang=ar") for k in ("wrong token", "unknown number")]
t.check(ar_answers[0][2] == ar_answers[1][2] and b'dir="rtl"' in ar_answers[0][2],
        "the same in Arabic (rtl)")
post_body = urllib.parse.urlencode({"csrf": "a" * 64, "lang": "fr", "answer": "yes"})
post_h = {"Content-Type": "application/x-www-form-urlencoded", "Origin": BASE,
          "Cookie": "bureau_track=" + "a" * 64}
pw = req("POST", f"/suivi/{num1}/{wrong_tok}/avis", post_body, post_h)
pu = req("POST", f"/suivi/{unknown_num}/{tok1}/avis", post_body, post_h)
t.check(pw[0] == 404 and pw[2] == pu[2] and pw[2] == ref_body,
        "a POST with a wrong token or an unknown number: the same 404")
t.check(not any(k.lower() == "set-cookie" for k, _ in ref_headers), "no cookie on the 404")


def events(entry, action):
    return db_rows(db, "SELECT actor, detail FROM events WHERE entry_id = ? AND action = ? "
                       "ORDER BY id", (entry, action))


# a forged opinion before the answer: refused on the server
s_, _, b_ = req("POST", PATH1 + "/avis", post_body, post_h)
t.eq(s_, 409, "no opinion before an answer (409)")
t.eq(events(E1, "satisfaction"), [], "and nothing recorded")

# --- after the answer ------------------------------------------------------------------------
p = bureau(conf, "status", N1, "answered", actor="Amina Clerc")
t.eq(p.returncode, 0, f"the clerk answers: {p.stderr}")
st, hd, page = req("GET", PATH1)
text = page.decode()
t.check('id="form-avis"' in text and 'id="form-rouvrir"' in text,
        "after the answer: the satisfaction and re-open forms")
t.check(STATUS_FR["answered"] in htmlmod.unescape(text), "the page says answered")
cookies = [v for k, v in hd if k.lower() == "set-cookie"]
t.check(cookies and "HttpOnly" in cookies[0] and "SameSite=Strict" in cookies[0],
        f"the form cookie is HttpOnly, SameSite=Strict ({cookies})")
ck = re.match(r"bureau_track=([0-9a-f]{64})", cookies[0] if cookies else "")
m = re.search(r'name="csrf" value="([0-9a-f]{64})"', text)
csrf = m.group(1) if m else ""
t.check(ck and ck.group(1) == csrf, "the form token is the cookie's")
cookie = f"bureau_track={csrf}"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def post(path, fields, origin=BASE, with_cookie=True):
    h = dict(FORM)
    if origin:
        h["Origin"] = origin
    if with_cookie:
        h["Cookie"] = cookie
    return req("POST", path, urllib.parse.urlencode(fields), h)


s_, _, _ = post(PATH1 + "/avis", {"csrf": csrf, "lang": "fr", "answer": "no"}, with_cookie=False)
t.eq(s_, 403, "an opinion without the cookie is refused")
s_, _, _ = post(PATH1 + "/avis", {"csrf": csrf, "lang": "fr", "answer": "no"},
                origin="http://evil.test")
t.eq(s_, 403, "an opinion from another Origin is refused")
s_, _, _ = post(PATH1 + "/avis", {"csrf": "b" * 64, "lang": "fr", "answer": "no"})
t.eq(s_, 403, "an opinion with another token is refused")
t.eq(events(E1, "satisfaction"), [], "none of them recorded")
s_, h_, _ = post(PATH1 + "/avis", {"csrf": csrf, "lang": "fr", "answer": "no"})
loc = dict((k.lower(), v) for k, v in h_).get("location", "")
t.check(s_ == 303 and loc.startswith(PATH1 + "?"), f"the opinion is taken ({s_} {loc})")
t.eq(events(E1, "satisfaction"), [("citizen", "not-satisfied")],
     "recorded once, under actor citizen")
s_, _, _ = post(PATH1 + "/avis", {"csrf": csrf, "lang": "fr", "answer": "yes"})
t.eq(s_, 409, "a second opinion is refused")
t.eq(len(events(E1, "satisfaction")), 1, "still one opinion")

s_, _, _ = post(PATH1 + "/rouvrir", {"csrf": csrf, "lang": "fr", "reason": ""})
t.eq(s_, 400, "re-opening needs a reason")
s_, _, _ = post(PATH1 + "/rouvrir", {"csrf": csrf, "lang": "fr", "reason": "x\x01y"})
t.eq(s_, 400, "a reason with a control character is refused")
s_, _, _ = post(PATH1 + "/rouvrir", {"csrf": csrf, "lang": "fr", "reason": "é" * 600})
t.eq(s_, 400, "a reason over 1000 bytes is refused")
t.eq(db_rows(db, "SELECT status FROM entries WHERE id = ?", (E1,))[0][0], "answered",
     "still answered")
REASON = "La réponse ne règle pas le problème : les ordures sont toujours là."
routed0 = db_rows(db, "SELECT count(*) FROM outbox WHERE entry_id = ? AND purpose = 'routed'",
                  (E1,))[0][0]
s_, h_, _ = post(PATH1 + "/rouvrir", {"csrf": csrf, "lang": "ar", "reason": REASON})
t.eq(s_, 303, "re-opened")
t.check(db_rows(db, "SELECT count(*) FROM outbox WHERE entry_id = ? AND purpose = 'routed'",
                (E1,))[0][0] > routed0, "the department head gets the item again")
last_routed = db_rows(db, "SELECT max(id) FROM outbox WHERE entry_id = ? AND purpose = 'routed'",
                      (E1,))[0][0]
shown = bureau(conf, "outbox", "show", str(last_routed)).stdout if last_routed else ""
plain = ""
for part in email.message_from_string(shown, policy=email.policy.default).walk():
    if part.get_content_type() == "text/plain" and not part.get_filename():
        plain += part.get_content()
t.check("RÉ-OUVERT" in plain and "les ordures sont toujours" in plain,
        "marked re-opened, with the citizen's reason")
row = db_rows(db, "SELECT status, attention FROM entries WHERE id = ?", (E1,))[0]
t.eq(row[0], "in-progress", "the entry is in progress again")
t.check(row[1] is not None, "and flagged for the clerks (attention)")
t.eq(events(E1, "citizen-reopen"), [("citizen", REASON)], "the re-opening with its reason")
t.check(("citizen", "answered -> in-progress") in events(E1, "status"),
        "the status move under actor citizen")
st, _, page = req("GET", PATH1 + "?lang=ar")
text = htmlmod.unescape(page.decode())
t.check("أعيد فتح الملف" in text and "form-rouvrir" not in text,
        "the page shows the re-opening and no more re-open form")
t.check(REASON not in text, "the citizen's reason is not on the page")
p = bureau(conf, "status", N1, "answered", actor="Amina Clerc")
t.eq(p.returncode, 0, f"answered again: {p.stderr}")
st, _, page = req("GET", PATH1)
text = page.decode()
t.check("form-rouvrir" not in text and "form-avis" not in text,
        "answered again: no second re-opening, no second opinion")
s_, _, _ = post(PATH1 + "/rouvrir", {"csrf": csrf, "lang": "fr", "reason": "encore"})
t.eq(s_, 409, "a second re-opening is refused")
t.eq(db_rows(db, "SELECT status FROM entries WHERE id = ?", (E1,))[0][0], "answered",
     "and the entry stays answered")

# the second entry: an information request extended with its reason, then satisfied
bureau(conf, "reclassify", N2, "information-request", actor="Amina Clerc")
EXT = "Documents à rassembler auprès de trois services"
p = bureau(conf, "extend", N2, "--reason", EXT, actor="Amina Clerc")
t.eq(p.returncode, 0, f"extend: {p.stderr}")
st, _, page = req("GET", PATH2)
text = htmlmod.unescape(page.decode())
t.check("Délai de réponse prorogé" in text and EXT in text, "the extension with its reason")
due2 = db_rows(db, "SELECT due_date FROM entries WHERE id = ?", (E2,))[0][0]
t.check(due2 in text, "the new deadline")
t.check("Karim" not in text and "Orangers" not in text and "2026 (loi" not in text,
        "nothing of the second citizen's mail either")
bureau(conf, "status", N2, "answered", actor="Amina Clerc")
s_, _, _ = post(PATH2 + "/avis", {"csrf": csrf, "lang": "fr", "answer": "yes"})
t.eq(s_, 303, "the second citizen is satisfied")

# the period: 30 days from the answer
st, _, page = req("GET", old_paths[29])
t.check(st == 200 and 'id="form-rouvrir"' in page.decode(), "answered 29 days ago: may re-open")
st, _, page = req("GET", old_paths[31])
text = page.decode()
t.check(st == 200 and "form-rouvrir" not in text and 'id="form-avis"' in text,
        "answered 31 days ago: no re-opening, but the opinion is still asked")
s_, _, _ = post(old_paths[31] + "/rouvrir", {"csrf": csrf, "lang": "fr", "reason": "trop tard"})
t.eq(s_, 409, "answered 31 days ago: re-opening refused")
t.eq(db_rows(db, "SELECT count(*) FROM events WHERE action = 'citizen-reopen'")[0][0], 1,
     "still the one re-opening")

# --- stats -----------------------------------------------------------------------------------
p = bureau(conf, "stats", json_out=True)
j = p.json or {}
t.eq(j.get("reopened_by_citizen"), 1, "stats: one re-opened by the citizen")
t.eq(j.get("satisfaction"), {"satisfied": 1, "not_satisfied": 1}, "stats: satisfaction")
t.check((j.get("reopened") or 0) >= 1, "stats: the re-opening is among the re-opened")
p = bureau(conf, "stats", "--csv")
t.check("reopened,by_citizen,,Rouverts par le citoyen,أعاد المواطن فتحها,1" in p.stdout and
        "satisfaction,satisfied,,Citoyens satisfaits,مواطنون راضون,1" in p.stdout and
        "satisfaction,not_satisfied,,Citoyens non satisfaits,مواطنون غير راضين,1" in p.stdout,
        "stats --csv: both figures")
p = bureau(conf, "stats")
t.check(re.search(r"Rouverts par le citoyen\s+أعاد المواطن فتحها\s+1", p.stdout) and
        re.search(r"Citoyens satisfaits\s+مواطنون راضون\s+1", p.stdout),
        "stats (table): both figures")

# --- the rate limit --------------------------------------------------------------------------
codes = [req("GET", probes["wrong token"], xff="10.7.7.7")[0] for _ in range(14)]
t.eq(codes[:10], [404] * 10, "ten requests a minute are served")
t.check(429 in codes[10:], f"then the rate limit trips ({codes})")
s_, _, b_ = req("GET", PATH1, xff="10.7.7.7")
t.check(s_ == 429 and "Trop de demandes" in b_.decode() and "طلبات كثيرة" in b_.decode(),
        "even the right link: 429, in French and Arabic")
s_, _, _ = req("GET", PATH1, xff="10.7.7.8")
t.eq(s_, 200, "another address is still served")

# --- the Arabic page in a real browser -------------------------------------------------------
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    from selenium.common.exceptions import (StaleElementReferenceException, TimeoutException,
                                            WebDriverException)
    have_browser = bool(shutil.which("chromedriver") and shutil.which("chromium"))
except ImportError:
    have_browser = False


def ok_text(d, expect):
    """The confirmation line once the page after the form has come (up to 20 s)."""
    def seen(drv):
        els = drv.find_elements(By.ID, "ok")
        try:
            return els[0].text if els and expect in els[0].text else False
        except StaleElementReferenceException:
            return False
        except WebDriverException as e:  # Chromium 156's word for the same race: the
            if "does not belong to the document" in str(e):  # element was of the page
                return False                                 # the form's answer replaced
            raise
    try:
        return WebDriverWait(d, 20).until(seen)
    except TimeoutException:
        els = d.find_elements(By.ID, "ok")
        return els[0].text if els else ""


if have_browser:
    o = Options()
    for f in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-dev-shm-usage", f"--user-data-dir={os.path.join(work, 'chrome')}",
              "--window-size=1000,900", "--lang=ar"):
        o.add_argument(f)
    o.binary_location = shutil.which("chromium")
    d = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=o)
    try:
        d.set_page_load_timeout(20)
        d.get(BASE + PATH1 + "?lang=ar")
        css = "return getComputedStyle(document.querySelector(arguments[0])).direction;"
        t.eq(d.execute_script(css, "body"), "rtl", "browser: the Arabic page is rtl")
        t.eq(d.execute_script(css, "#number .ltr"), "ltr", "browser: the number never flips")
        t.eq(d.find_element(By.TAG_NAME, "h1").text, "تتبع ملفكم", "browser: the Arabic title")
        d.find_element(By.ID, "other-lang").click()
        try:
            WebDriverWait(d, 20).until(
                lambda drv: drv.execute_script("return document.documentElement.lang") == "fr")
        except TimeoutException:
            pass
        t.eq(d.execute_script(css, "body"), "ltr", "browser: the French page is ltr")
        # the forms, as a citizen uses them (the cookie, the Origin the browser sends)
        d.get(BASE + PATH4 + "?lang=ar")
        d.find_element(By.ID, "not-satisfied").click()
        t.eq(ok_text(d, "شكرا"), "شكرا: تم تسجيل رأيكم.", "browser: the opinion is taken")
        t.eq(events(E4, "satisfaction"), [("citizen", "not-satisfied")],
             "browser: recorded under actor citizen")
        d.find_element(By.ID, "reason").send_keys("المشكل لم يحل بعد")
        d.find_element(By.ID, "reopen").click()
        t.check("أعيد فتح" in ok_text(d, "أعيد فتح"), "browser: re-opened")
        t.eq(db_rows(db, "SELECT status FROM entries WHERE id = ?", (E4,))[0][0], "in-progress",
             "browser: the entry is in progress again")
        t.eq(d.execute_script(css, "body"), "rtl", "browser: still the Arabic page")
        d.save_screenshot(os.path.join(work, "track-ar.png"))
    finally:
        d.quit()
else:
    print("(no chromium/chromedriver/selenium: browser checks skipped)")

server.terminate()
server.wait(10)

# --- reopen_days = 0: no re-opening at all ---------------------------------------------------
conf0 = write_config(os.path.join(work, "zero.conf"), db, smtp=SMTP,
                     extra=WEB.replace("reopen_days = 30", "reopen_days = 0"))
server = subprocess.Popen([BIN, "-c", conf0, "web"], stdout=server_log, stderr=subprocess.STDOUT)
servers.append(server)
up = False
deadline = time.time() + 20
while time.time() < deadline and not up:
    try:
        req("GET", "/login")
        up = True
    except OSError:
        time.sleep(0.1)
st, _, page = req("GET", PATH2)
t.check(st == 200 and "form-rouvrir" not in page.decode(), "reopen_days = 0: no re-open form")
s_, _, _ = post(PATH2 + "/rouvrir", {"csrf": csrf, "lang": "fr", "reason": "encore"})
t.eq(s_, 409, "reopen_days = 0: re-opening refused")

server.terminate()
server.wait(10)
server_log.close()
sink.stop()
with open(os.path.join(work, "web.log"), "rb") as f:
    log = f.read().decode("utf-8", "replace")
t.check("Sanitizer" not in log and "runtime error" not in log, "the server's log has no "
        "sanitizer report")
t.check("rate-limited for 10.7.7.7" in log, "the rate limit is logged with the address")
clean_up(t, work)
sys.exit(t.finish())
