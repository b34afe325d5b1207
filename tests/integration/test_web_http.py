"""The console's HTTP side (issue 14, items 1-3): `bureau web` on loopback,
driven with http.client the way a hostile client would.

A fresh register with a clerk, a head of urbanisme, a director and an
admin-only account; varied mail ingested (Arabic, French, a hostile subject,
an HTML attachment with a quoted Arabic name, a CSV-formula subject, 120
bulk entries for the pages). Checked against the database each time:
- every answer carries the security headers (CSP with no inline script,
  frame-ancestors 'none', nosniff, same-origin referrer, no-store);
- login: the pre-login token (cookie and field, compared), a wrong password
  (401, recorded), throttling after 5 failures (429, even with the right
  password), the session cookie HttpOnly and SameSite=Strict;
- every POST without the session's CSRF token or from another Origin is
  refused (403) and changes nothing;
- a head sees only their department: another one's entry, its .eml and its
  attachment are 404, the CSV and the search hold only their entries;
- a director may assign but not close (403); an admin-only account reads no
  mail (404) and lands on /accounts;
- actions: the preview names the mail it causes and changes nothing; the
  confirmed action is the same history and outbox as the CLI's, under the
  person's display name;
- downloads: Content-Disposition attachment with an RFC 6266 name, an HTML
  attachment never served as text/html; the CSV defuses a formula;
- caps: an oversized body (413), too many fields (413), a long URL (414);
- quarantine: listed, its reason and header block and original; a director
  may not dismiss, a dismissal needs a reason and is recorded under the
  clerk's name; register anyway gives one entry, numbered without a gap,
  and a second attempt adds none;
- logout and disabling end the session on the server.
"""
import http.client
import os
import re
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, bureau, clean_up, db_rows, free_port, tempdir, write_config  # noqa: E402

FAST = {"BUREAU_TEST_FAST_HASH": "1"}
PW = "correct-horse-battery"
t = Tally("web_http")
work = tempdir()
db = os.path.join(work, "bureau.db")
port = free_port()
conf = write_config(os.path.join(work, "bureau.conf"), db,
                    smtp={"url": f"smtp://127.0.0.1:{free_port()}", "tls": "none",
                          "from": "bo@commune.test"},
                    extra=f"[web]\nlisten = 127.0.0.1:{port}\n")
ORIGIN = f"http://127.0.0.1:{port}"
t.eq(bureau(conf, "init").returncode, 0, "init")
pwfile = os.path.join(work, "pw")
with open(pwfile, "w") as f:
    f.write(PW + "\n")


def add_user(login, name, role, *extra):
    p = bureau(conf, "user", "add", login, "--name", name, "--role", role, *extra,
               "--password-file", pwfile, env=FAST, actor="Installateur")
    t.eq(p.returncode, 0, f"user add {login}: {p.stderr}")


add_user("amina", "Amina Clerc", "clerk")
add_user("karim", "كريم رئيس التعمير", "head", "--department", "urbanisme", "--lang", "ar")
add_user("driss", "Driss Directeur", "director")
add_user("root", "Admin Seul", "none", "--admin")
add_user("lina", "Lina Clerc", "clerk")
add_user("nadia", "Nadia Clerc", "clerk")

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 4 + b"\n%%EOF\n"


def mail(n, frm, subject, body, extra_parts=None):
    path = os.path.join(work, f"m{n}.eml")
    h = (f"From: {frm}\nTo: bo@commune.test\nSubject: {subject}\n"
         f"Date: Wed, 02 Dec 2026 10:{n % 60:02d}:00 +0000\nMessage-ID: <web{n}@example.test>\n"
         "MIME-Version: 1.0\n")
    if extra_parts:
        b = "BOUNDARY42"
        text = (h + f"Content-Type: multipart/mixed; boundary=\"{b}\"\n\n--{b}\n"
                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                + body + "\n")
        for ctype, name, data in extra_parts:
            import base64
            enc = base64.encodebytes(data).decode()
            text += (f"--{b}\nContent-Type: {ctype}\nContent-Disposition: attachment; "
                     f"filename*=UTF-8''{urllib.parse.quote(name)}\n"
                     f"Content-Transfer-Encoding: base64\n\n{enc}")
        text += f"--{b}--\n"
    else:
        text = h + "Content-Type: text/plain; charset=utf-8\n\n" + body + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


files = [
    mail(1, "Ahmed <ahmed@example.test>", "شكاية بخصوص رخصة البناء",
         "أطلب رخصة البناء للمنزل رقم 5 وقد تأخر الرد.",
         [("application/pdf", "تصميم \"البناء\".pdf", PDF),
          ("text/html", "page.html", b"<script>alert(1)</script>")]),
    mail(2, "Marie <marie@example.test>", "Lampadaire en panne, éclairage public",
         "Le lampadaire de la rue 5 est en panne depuis une semaine."),
    mail(4, "y@example.test", "pièce au nom piégé", "voir la pièce",
         [("application/pdf", "../../etc/passwd\r\nSet-Cookie: x=1.pdf", PDF)]),
    mail(3, "x@example.test", "=HYPERLINK(\"http://evil\") <img src=x onerror=alert(1)>",
         "texte"),
]
for i in range(120):
    files.append(mail(100 + i, f"bulk{i}@example.test", f"Demande numéro {i}", "Bonjour."))
p = bureau(conf, "ingest", *files)
t.eq(p.returncode, 0, f"ingest: {p.stderr[-300:]}")
BAD = os.path.join(work, "bad.eml")
with open(BAD, "wb") as f:
    f.write(b"garbage without any header\n")
EMPTY = os.path.join(work, "empty.eml")
open(EMPTY, "wb").close()
bureau(conf, "ingest", EMPTY, BAD)
qrows = dict(db_rows(db, "SELECT reason, id FROM quarantine"))
t.eq(len(qrows), 2, f"two messages quarantined ({qrows})")
ids = {n: i for i, n in db_rows(db, "SELECT id, number FROM entries")}
dept_of = dict(db_rows(db, "SELECT id, department FROM entries"))
e_urb = [i for i, d in dept_of.items() if d == "urbanisme"]
e_other = [i for i, d in dept_of.items() if d != "urbanisme"]
t.check(1 in e_urb, f"the Arabic building-permit complaint went to urbanisme ({dept_of.get(1)})")
t.check(len(e_other) > 100, "most entries are elsewhere")

server = subprocess.Popen([BIN, "-c", conf, "web"], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, env=dict(os.environ, **FAST))
deadline = time.time() + 20
up = False
while time.time() < deadline and not up:
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        c.request("GET", "/login")
        c.getresponse().read()
        up = True
    except OSError:
        time.sleep(0.1)
t.check(up, "the console answers on its port")


class Client:
    def __init__(self):
        self.cookies = {}

    def req(self, method, path, fields=None, origin=ORIGIN, body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if origin:
            h["Origin"] = origin
        if fields is not None:
            body = urllib.parse.urlencode(fields).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                val = rest.split(";")[0]
                if "Max-Age=0" in v:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = val
        r.body = data
        r.text = data.decode("utf-8", "replace")
        c.close()
        return r

    def get(self, path):
        return self.req("GET", path)

    def login(self, login, password=PW, expect=303):
        r = self.get("/login")
        tok = re.search(r'name="token" value="([0-9a-f]+)"', r.text).group(1)
        r = self.req("POST", "/login", {"token": tok, "login": login, "password": password})
        t.eq(r.status, expect, f"login {login}")
        return r

    def csrf(self, path="/"):
        r = self.get(path)
        m = re.search(r'name="csrf" value="([0-9a-f]+)"', r.text)
        return m.group(1) if m else ""


def count(sql, args=()):
    return db_rows(db, sql, args)[0][0]


try:
    # --- headers ---------------------------------------------------------------
    anon = Client()
    r = anon.get("/login")
    t.eq(r.status, 200, "login page")
    csp = r.getheader("Content-Security-Policy") or ""
    t.check("default-src 'none'" in csp and "frame-ancestors 'none'" in csp
            and "script-src" not in csp and "unsafe-inline" not in csp, f"CSP: {csp}")
    t.eq(r.getheader("X-Content-Type-Options"), "nosniff", "nosniff")
    t.eq(r.getheader("Referrer-Policy"), "same-origin", "referrer policy")
    t.eq(r.getheader("Cache-Control"), "no-store", "no-store")
    t.check("<script" not in r.text, "no script in the page")
    r = anon.get("/register")
    t.eq((r.status, r.getheader("Location")), (303, "/login"), "not logged in: to the login")
    r = anon.get("/e/1/eml")
    t.eq(r.status, 303, "no download without a session")

    # --- login ------------------------------------------------------------------
    bad = Client()
    r = bad.get("/login")
    tok = re.search(r'name="token" value="([0-9a-f]+)"', r.text).group(1)
    r = bad.req("POST", "/login", {"token": "0" * 64, "login": "amina", "password": PW})
    t.eq(r.status, 403, "login with a token that is not the cookie's: refused")
    t.check("bureau_sid" not in bad.cookies, "no session from a forged token")
    r = bad.req("POST", "/login", {"token": tok, "login": "amina", "password": PW},
                origin="http://evil.example")
    t.eq(r.status, 403, "login from another origin: refused")
    before = count("SELECT count(*) FROM login_attempts WHERE login = 'lina' AND ok = 0")
    for i in range(5):
        bad.login("lina", "wrong-password-" + str(i), expect=401)
    t.eq(count("SELECT count(*) FROM login_attempts WHERE login = 'lina' AND ok = 0"), before + 5,
         "each failure recorded")
    r = bad.login("lina", PW, expect=429)
    t.check("bureau_sid" not in bad.cookies, "throttled: the right password opens nothing")

    clerk = Client()
    r = clerk.login("amina")
    sc = [v for k, v in r.getheaders() if k.lower() == "set-cookie" and v.startswith("bureau_sid=")]
    t.check(sc and "HttpOnly" in sc[0] and "SameSite=Strict" in sc[0], f"session cookie flags: {sc}")
    sid = clerk.cookies.get("bureau_sid", "")
    t.check(re.fullmatch(r"[0-9a-f]{64}", sid) is not None, "256-bit session id")
    t.eq(count("SELECT count(*) FROM sessions WHERE id_hash = ?", (sid,)), 0,
         "the store keeps the id's hash, not the id")
    r = clerk.get("/")
    t.eq(r.status, 200, "queues")
    open_n = count("SELECT count(*) FROM entries WHERE status IN ('registered','routed','in-progress')")
    m = re.search(r'queue=handle"><span class="count" dir="ltr">(\d+)<', r.text)
    t.eq(int(m.group(1)) if m else None, open_n, "the to-handle count is the register's")

    # --- the register -------------------------------------------------------------
    r = clerk.get("/register")
    t.check(f'<span dir="ltr">{len(ids)}</span>' in r.text, "total of the register")
    t.eq(r.text.count("<tr><td><a href=\"/e/"), 50, "a page is 50 rows")
    r3 = clerk.get("/register?page=3")
    t.check("&lt;img src=x onerror=alert(1)&gt;" in r3.text and "<img" not in r3.text,
            "a hostile subject is escaped")
    t.eq(r3.text.count("<tr><td><a href=\"/e/"), len(ids) - 100, "page 3 holds the rest")
    r = clerk.get("/register?sort=number&dir=asc")
    first = re.search(r'<a href="/e/(\d+)">', r.text)
    t.eq(first and int(first.group(1)), min(ids.values()), "ascending order")
    r = clerk.get("/search?q=" + urllib.parse.quote("البناء"))
    t.check("/e/1\"" in r.text and '<span dir="ltr">1</span>' in r.text, "search folds Arabic")
    r = clerk.get("/search?q=" + urllib.parse.quote('"unbalanced AND OR ('))
    t.eq(r.status, 200, "FTS syntax typed in is read as words")
    r = clerk.get("/register.csv")
    t.eq(r.status, 200, "csv")
    t.check((r.getheader("Content-Disposition") or "").startswith("attachment"), "csv as download")
    t.check("'=HYPERLINK" in r.text, "a formula in the CSV is defused")
    t.eq(r.text.count("\r\n") - 1, len(ids), "every row in the CSV")

    # --- CSRF and Origin ------------------------------------------------------------
    token = clerk.csrf("/e/2")
    notes = count("SELECT count(*) FROM events WHERE action = 'note'")
    r = clerk.req("POST", "/e/2/note", {"note": "x", "confirm": "1"})
    t.eq(r.status, 403, "POST without the CSRF token")
    r = clerk.req("POST", "/e/2/note", {"csrf": "f" * 64, "note": "x", "confirm": "1"})
    t.eq(r.status, 403, "POST with another token")
    r = clerk.req("POST", "/e/2/note", {"csrf": token, "note": "x", "confirm": "1"},
                  origin="http://evil.example")
    t.eq(r.status, 403, "POST from another origin")
    r = clerk.req("POST", "/e/2/note", {"csrf": token, "note": "x", "confirm": "1"}, origin=None)
    t.eq(r.status, 403, "POST with neither Origin nor Referer")
    t.eq(count("SELECT count(*) FROM events WHERE action = 'note'"), notes, "nothing written")
    other = Client()
    other.login("nadia")
    r = other.req("POST", "/e/2/note", {"csrf": token, "note": "x", "confirm": "1"})
    t.eq(r.status, 403, "another session's token is refused")

    # --- actions: preview, then confirm ------------------------------------------------
    outbox0 = count("SELECT count(*) FROM outbox WHERE entry_id = 2")
    r = clerk.req("POST", "/e/2/assign", {"csrf": token, "dept": "travaux-voirie",
                                          "reason": "voirie"})
    t.eq(r.status, 200, "assign preview")
    t.check("travaux@commune.example" in r.text, "the preview names the head who gets the item")
    t.eq(dept_of[2] == count("SELECT department FROM entries WHERE id = 2"), True,
         "the preview changes nothing")
    r = clerk.req("POST", "/e/2/assign", {"csrf": token, "dept": "travaux-voirie",
                                          "reason": "voirie", "confirm": "1"})
    t.eq((r.status, r.getheader("Location")), (303, "/e/2?done=assign"), "assign confirmed")
    t.eq(count("SELECT department FROM entries WHERE id = 2"), "travaux-voirie", "assigned")
    t.eq(count("SELECT count(*) FROM events WHERE entry_id = 2 AND action = 'department' "
               "AND actor = 'Amina Clerc' AND detail LIKE '% -> travaux-voirie (voirie)'"), 1,
         "the event under the clerk's name, with the reason")
    t.eq(count("SELECT count(*) FROM outbox WHERE entry_id = 2 AND rcpt = "
               "'travaux@commune.example'"), 1, "the routed item queued to the new head")
    r = clerk.req("POST", "/e/2/status", {"csrf": token, "to": "in-progress",
                                          "note": "Nous traitons votre demande."})
    t.check("marie@example.test" in r.text, "the status preview names the citizen told")
    outbox1 = count("SELECT count(*) FROM outbox WHERE entry_id = 2")
    r = clerk.req("POST", "/e/2/status", {"csrf": token, "to": "in-progress", "confirm": "1",
                                          "note": "Nous traitons votre demande."})
    t.eq(r.status, 303, "status confirmed")
    t.eq(count("SELECT status FROM entries WHERE id = 2"), "in-progress", "status moved")
    t.eq(count("SELECT count(*) FROM outbox WHERE entry_id = 2 AND purpose = 'status' "
               "AND rcpt = 'marie@example.test'"), 1, "the citizen's status update queued")
    t.check(outbox1 > outbox0, "mail was queued by the assignment")
    r = clerk.req("POST", "/e/2/status", {"csrf": token, "to": "closed", "confirm": "1"})
    t.eq(r.status, 400, "an impossible move is refused")
    t.eq(count("SELECT status FROM entries WHERE id = 2"), "in-progress", "and changes nothing")
    r = clerk.req("POST", "/e/2/note", {"csrf": token, "note": "Appeler le service\nlundi",
                                        "confirm": "1"})
    t.eq(r.status, 303, "note")
    n_out = count("SELECT count(*) FROM outbox WHERE entry_id = 2")
    t.eq(count("SELECT count(*) FROM events WHERE entry_id = 2 AND action = 'note' AND "
               "detail = 'Appeler le service\nlundi' AND actor = 'Amina Clerc'"), 1,
         "the internal note, multi-line, under the clerk's name")
    t.eq(n_out, count("SELECT count(*) FROM outbox WHERE entry_id = 2"), "a note sends nothing")
    r = clerk.req("POST", "/e/2/note", {"csrf": token, "note": "bad \x1b[31m", "confirm": "1"})
    t.eq(r.status, 400, "control characters in a note are refused")
    p = bureau(conf, "show", "2026/000002")
    t.check("Amina Clerc" in p.stdout and "travaux-voirie" in p.stdout and "in-progress" in p.stdout,
            "bureau show sees the console's actions")
    p = bureau(conf, "reclassify", "2026/000002", "information-request", actor="Guichet CLI")
    r = clerk.get("/e/2")
    kind_shown = re.search(r'<dd id="kind">([^<]*)</dd>', r.text)
    t.check(p.returncode == 0 and "Guichet CLI" in r.text and kind_shown
            and kind_shown.group(1) != "Réclamation",
            f"the console sees the CLI's action ({p.returncode} {p.stderr}; kind {kind_shown and kind_shown.group(1)})")
    r = clerk.get("/e/2?done=note")
    t.check('id="done"' in r.text and "Amina Clerc" in r.text, "the entry page shows the history")

    # --- downloads ----------------------------------------------------------------------
    r = clerk.get("/e/1/att/1")
    cd = r.getheader("Content-Disposition") or ""
    t.eq(r.body, PDF, "the PDF attachment, byte for byte")
    t.check(re.fullmatch(r'attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8\'\'[A-Za-z0-9._%-]+',
                         cd) is not None, f"RFC 6266 name: {cd}")
    t.check(urllib.parse.quote("تصميم") in cd, "the Arabic name kept in filename*")
    r = clerk.get("/e/1/att/2")
    t.eq(r.getheader("Content-Type"), "application/octet-stream", "an HTML attachment is never HTML")
    t.check((r.getheader("Content-Disposition") or "").startswith("attachment"), "and downloaded")
    r = clerk.get("/e/1/eml")
    with open(files[0], "rb") as f:
        t.eq(r.body, f.read(), "the original .eml, byte for byte")
    t.eq(clerk.get("/e/1/att/9").status, 404, "no such attachment")
    e4 = count("SELECT id FROM entries WHERE subject = 'pièce au nom piégé'")
    r = clerk.get(f"/e/{e4}/att/1")
    cd = r.getheader("Content-Disposition") or ""
    t.eq(r.body, PDF, "the attachment with a hostile name")
    t.check("/" not in cd.split("filename*=")[0] and ".." not in cd and "\r" not in cd
            and "\n" not in cd and r.getheader("Set-Cookie") is None, f"no path, no header injection: {cd}")
    page = clerk.get(f"/e/{e4}").text
    atts = page.split('id="attachments"')[1].split("</ul>")[0]
    t.check("\r" not in atts and "\n" not in atts and "passwd" in atts,
            f"the name is shown as text, on one line: {atts[:200]!r}")
    t.eq(clerk.get("/e/99999").status, 404, "no such entry")

    # --- a head sees only their department ------------------------------------------------
    head = Client()
    head.login("karim")
    r = head.get("/")
    t.check('dir="rtl"' in r.text and 'lang="ar"' in r.text, "the head's console is Arabic")
    for path in (f"/e/{e_other[0]}", f"/e/{e_other[0]}/eml", "/e/2/att/1", "/quarantine",
                 "/accounts"):
        t.eq(head.get(path).status, 404, f"head: {path} does not exist")
    r = head.get("/register.csv")
    t.eq(r.text.count("\r\n") - 1, len(e_urb), "the head's CSV holds only their entries")
    r = head.get("/register")
    t.eq(sorted(int(x) for x in re.findall(r'<tr><td><a href="/e/(\d+)"', r.text)),
         sorted(e_urb)[:50], "the head's register")
    r = head.get("/search?q=Demande")
    t.check(re.search(r'<a href="/e/\d+"', r.text) is None, "the head's search finds nothing elsewhere")
    htok = head.csrf("/e/1")
    r = head.req("POST", f"/e/{e_other[0]}/note", {"csrf": htok, "note": "x", "confirm": "1"})
    t.eq(r.status, 404, "head: an action on another department's entry is 404")
    r = head.req("POST", "/e/1/reclassify", {"csrf": htok, "kind": "petition", "confirm": "1"})
    t.eq(r.status, 403, "head: reclassify is not theirs")
    r = head.req("POST", "/e/1/status", {"csrf": htok, "to": "in-progress", "confirm": "1"})
    t.eq(r.status, 303, "head: status on their entry")
    t.eq(count("SELECT count(*) FROM events WHERE entry_id = 1 AND action = 'status' AND "
               "actor = 'كريم رئيس التعمير'"), 1, "under the head's Arabic name")

    # --- director and admin-only -------------------------------------------------------------
    director = Client()
    director.login("driss")
    dtok = director.csrf("/e/3")
    r = director.req("POST", "/e/3/status", {"csrf": dtok, "to": "in-progress", "confirm": "1"})
    t.eq(r.status, 403, "director: no status change")
    r = director.req("POST", "/e/3/reclassify", {"csrf": dtok, "kind": "suggestion", "confirm": "1"})
    t.eq(r.status, 303, "director: reclassify")
    t.eq(count("SELECT kind FROM entries WHERE id = 3"), "suggestion", "reclassified")
    admin = Client()
    admin.login("root")
    r = admin.get("/")
    t.eq((r.status, r.getheader("Location")), (303, "/accounts"), "admin-only lands on accounts")
    t.eq(admin.get("/register").status, 404, "admin-only reads no mail")
    t.eq(admin.get("/e/1").status, 404, "admin-only: no entry")
    r = admin.get("/accounts")
    t.check("amina" in r.text and "karim" in r.text, "the accounts page")
    t.eq(clerk.get("/accounts").status, 404, "a clerk without admin has no accounts page")

    # --- caps -----------------------------------------------------------------------------------
    r = clerk.req("POST", "/e/2/note", body=b"csrf=" + token.encode() + b"&note=" + b"a" * 200000,
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    t.eq(r.status, 413, "an oversized form")
    many = "&".join(f"f{i}=1" for i in range(100)) + "&csrf=" + token
    r = clerk.req("POST", "/e/2/note", body=many.encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    t.eq(r.status, 413, "too many fields")
    t.eq(clerk.get("/register?q=" + "a" * 10000).status, 414, "a long URL")
    r = clerk.req("POST", "/e/2/note", body=b"<x/>", headers={"Content-Type": "text/xml"})
    t.eq(r.status, 415, "a body that is no form")
    t.eq(clerk.get("/").status, 200, "the server still answers after refusals")

    # --- quarantine ---------------------------------------------------------------------------------
    q_bad = qrows.get("no header fields")
    q_empty = qrows.get("empty message")
    r = clerk.get("/quarantine")
    t.check(f'href="/quarantine/{q_bad}"' in r.text and f'href="/quarantine/{q_empty}"' in r.text,
            "the quarantine lists both")
    r = clerk.get(f"/quarantine/{q_bad}")
    t.check("no header fields" in r.text and "garbage without any header" in r.text,
            "a quarantined message: its reason and its text as headers")
    r = clerk.get(f"/quarantine/{q_bad}/eml")
    t.eq(r.body, b"garbage without any header\n", "its original, byte for byte")
    t.eq(head.get(f"/quarantine/{q_bad}/eml").status, 404, "a head has no quarantine")
    ctok = clerk.csrf("/quarantine")
    r = director.req("POST", f"/quarantine/{q_empty}/dismiss", {"csrf": director.csrf("/quarantine"),
                                                                 "reason": "vide"})
    t.eq(r.status, 403, "a director cannot dismiss")
    r = clerk.req("POST", f"/quarantine/{q_empty}/dismiss", {"csrf": ctok, "reason": ""})
    t.eq(r.status, 400, "dismiss needs a reason")
    r = clerk.req("POST", f"/quarantine/{q_empty}/dismiss", {"csrf": ctok},
                  origin="http://evil.example")
    t.eq(r.status, 403, "dismiss from another origin")
    t.eq(count("SELECT status FROM quarantine WHERE id = ?", (q_empty,)), "held", "still held")
    r = clerk.req("POST", f"/quarantine/{q_empty}/dismiss", {"csrf": ctok, "reason": "message vide"})
    t.eq(r.status, 303, "dismissed")
    t.eq(count("SELECT status FROM quarantine WHERE id = ?", (q_empty,)), "dismissed", "the row says so")
    t.eq(count("SELECT count(*) FROM events WHERE quarantine_id = ? AND action = 'dismissed' AND "
               "actor = 'Amina Clerc' AND detail = 'message vide'", (q_empty,)), 1,
         "under the clerk's name, with the reason")
    n_entries = count("SELECT count(*) FROM entries")
    r = clerk.req("POST", f"/quarantine/{q_bad}/register", {"csrf": ctok})
    t.eq(r.status, 303, "register anyway")
    t.eq(count("SELECT status FROM quarantine WHERE id = ?", (q_bad,)), "registered",
         "the row says so")
    t.eq(count("SELECT count(*) FROM entries"), n_entries + 1, "one new entry")
    t.eq(count("SELECT max(seq) FROM entries WHERE year = 2026"),
         count("SELECT count(*) FROM entries WHERE year = 2026"), "numbers without a gap")
    t.eq(count("SELECT count(*) FROM events e JOIN quarantine q ON q.entry_id = e.entry_id "
               "WHERE q.id = ? AND e.actor = 'Amina Clerc'", (q_bad,)) > 0, True,
         "the new entry's history names the clerk")
    r = clerk.req("POST", f"/quarantine/{q_bad}/register", {"csrf": ctok})
    t.eq(count("SELECT count(*) FROM entries"), n_entries + 1, "a second register adds nothing")

    # --- an expired session ----------------------------------------------------------------------
    idle = Client()
    idle.login("nadia")
    t.eq(idle.get("/").status, 200, "a fresh session")
    con = __import__("sqlite3").connect(db)
    nadia_q = "SELECT count(*) FROM sessions JOIN users ON users.id = user_id WHERE login = 'nadia'"
    before = count(nadia_q)
    con.execute("UPDATE sessions SET last_seen = last_seen - 31 * 60 "
                "WHERE user_id = (SELECT id FROM users WHERE login = 'nadia')")
    con.commit()
    con.close()
    r = idle.get("/")
    t.eq((r.status, r.getheader("Location")), (303, "/login"), "idle 31 minutes: the session is refused")
    t.eq(count(nadia_q), before - 1, "and deleted")

    # --- logout and disabling -------------------------------------------------------------------
    old = dict(clerk.cookies)
    r = clerk.req("POST", "/logout", {"csrf": clerk.csrf()})
    t.eq((r.status, r.getheader("Location")), (303, "/login"), "logout")
    replay = Client()
    replay.cookies = old
    t.eq(replay.get("/").status, 303, "the old session id opens nothing after logout")
    p = bureau(conf, "user", "disable", "driss", actor="Installateur")
    t.eq(p.returncode, 0, "disable the director")
    t.eq(director.get("/").status, 303, "a disabled account's session ends at once")
finally:
    server.terminate()
    try:
        out = server.communicate(timeout=10)[0].decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        server.kill()
        out = server.communicate()[0].decode("utf-8", "replace")
    t.eq(server.returncode, 0, "SIGTERM stops the console cleanly")
    t.check(PW not in out, "no password in the log")

# --- serve runs the console beside the mailboxes ([web] configured) -------------------------
serve = subprocess.Popen([BIN, "-c", conf, "serve"], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, env=dict(os.environ, **FAST))


def answers():
    for _ in range(100):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/login")
            return c.getresponse().status
        except OSError:
            time.sleep(0.1)
    return None


try:
    t.eq(answers(), 200, "serve: the console answers")
    s2 = Client()
    s2.login("amina")
    t.eq(s2.get("/e/1").status, 200, "serve: a session works")
    serve.send_signal(1)  # SIGHUP: reload, the console restarts on the new configuration
    time.sleep(1)
    t.eq(answers(), 200, "serve: the console answers after SIGHUP")
    t.eq(s2.get("/e/1").status, 200, "serve: sessions survive a reload (kept in the register)")
finally:
    serve.terminate()
    try:
        serve.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        serve.kill()
        serve.communicate()
t.eq(serve.returncode, 0, "serve stops cleanly with its console")

clean_up(t, work)
sys.exit(t.finish())
