"""Paper and hand-delivered mail (issue 14): `bureau register` and the
console's /paper form put a letter in the same gap-free numbering as mail.

Against a real SMTP server on loopback and the console on a free port:
- the CLI registers a letter with an email address, scans (a PDF, a PNG with
  an Arabic name, a JPEG whose name tries a path and a header), the letter's
  date and reference, and a kind and department chosen by the clerk: the
  entry, its paper row, its history under the clerk's name, the scans cut
  back from its original byte for byte, the export's date and reference
  columns; the outbox sends the bilingual acknowledgement to the citizen
  and the routed item (with the scans) to the department head;
- a letter without an address or a chosen department is routed by the rules
  like mail, nobody is mailed but the head, and its receipt (both languages,
  the number, the deadline, a hostile subject escaped) is written;
- a subject quoting an existing number is a new letter, not a follow-up;
- every refused field (no sender, a bad address, a date after today, an
  unknown department, a GIF, a control character, a summary over the cap)
  exits 64, stores nothing and uses no number: mail ingested between and the
  next letter follow without a gap;
- the console: a head and a director get 404 for /paper, a POST without the
  CSRF token is refused and registers nothing, a refused field shows the
  form again with what was typed (escaped) and registers nothing, a good
  form (multipart, two scans) registers one entry under the clerk's display
  name and lands on its receipt; the entry page shows the paper facts and
  the scan downloads byte for byte.
"""
import hashlib
import http.client
import json
import os
import re
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import smtpd  # noqa: E402
from common import BIN, Tally, bureau, clean_up, db_rows, free_port, tempdir, write_config  # noqa: E402

FAST = {"BUREAU_TEST_FAST_HASH": "1"}
PW = "paper-Pw-2026-x"
t = Tally("paper")
work = tempdir()
year = time.localtime().tm_year
today = time.strftime("%Y-%m-%d")
db = os.path.join(work, "bureau.db")
s = smtpd.Smtpd(work)
port = free_port()
conf = write_config(os.path.join(work, "bureau.conf"), db,
                    smtp={"url": s.url(), "tls": "none", "from": "bo@commune.test",
                          "from_name": "Bureau d'ordre"},
                    extra=f"[web]\nlisten = 127.0.0.1:{port}\nbase_url = http://127.0.0.1:{port}\n")
ORIGIN = f"http://127.0.0.1:{port}"
TRACK = re.compile(r"http://127\.0\.0\.1:\d+/suivi/[0-9-]+/[0-9a-f]{32}")

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + os.urandom(3000)
JPEG = b"\xff\xd8\xff\xe0" + os.urandom(70000)
GIF = b"GIF89a" + b"\0" * 50


def path(name, data):
    p = os.path.join(work, name)
    with open(p, "wb") as f:
        f.write(data)
    return p


def entries():
    return db_rows(db, "SELECT seq, number, source FROM entries ORDER BY seq")


def event(eid, action):
    return db_rows(db, "SELECT actor, detail FROM events WHERE entry_id = ? AND action = ?",
                   (eid, action))


def reg(*args, actor="Karima Guichet", **kw):
    return bureau(conf, "register", *args, actor=actor, **kw)


server = None
try:
    s.start()
    t.eq(bureau(conf, "init").returncode, 0, "init")
    os.makedirs(os.path.join(work, "scans"))
    pdf = path("scans/demande.pdf", PDF)
    png = path("scans/تصميم.png", PNG)
    jpg = path("scans/x.jpg", JPEG)
    weird = os.path.join(work, "scans", "..%2f..%2fetc%2fpasswd.jpg")
    os.link(jpg, weird)

    # --- a letter with everything ----------------------------------------------
    p = reg("--from", "محمد العلوي", "--email", "m.alaoui@citizen.test",
            "--address", "12, rue Ibn Khaldoun\nFès", "--subject", "Demande de permis de construire",
            "--summary", "Le requérant demande un permis de construire pour une maison.\nPlans joints.",
            "--letter-date", "2026-11-30", "--letter-ref", "45/DU/2026",
            "--kind", "information-request", "--department", "urbanisme",
            "--attach", pdf, "--attach", png, "--attach", weird, json_out=True)
    t.eq(p.returncode, 0, f"register: {p.stderr}")
    j = p.json or {}
    first = f"{year}/000001"
    t.eq(j.get("number"), first, "the first number of the year")
    t.eq((j.get("kind"), j.get("department"), j.get("needs_triage")),
         ("information-request", "urbanisme", False), "the clerk's kind and department, no triage")
    t.eq(j.get("acknowledged_by_mail"), True, "acknowledged by mail")
    e = db_rows(db, "SELECT id, sender_name, sender_addr, subject, body, source, n_attachments, "
                    "date(sent_at, 'unixepoch', 'localtime'), status FROM entries WHERE number = ?",
                (first,))[0]
    eid = e[0]
    t.eq(e[1:4], ("محمد العلوي", "m.alaoui@citizen.test", "Demande de permis de construire"),
         "sender and subject")
    t.check(e[4].startswith("Le requérant demande"), "the summary is the entry's text")
    t.eq((e[5], e[6], e[7]), ("paper:counter", 3, "2026-11-30"),
         "source, three scans, the letter's date as its sent date")
    t.eq(e[8], "routed", "routed at once")
    t.eq(db_rows(db, "SELECT channel, postal_address, letter_date, letter_ref, registered_by "
                     "FROM paper_letters WHERE entry_id = ?", (eid,)),
         [("counter", "12, rue Ibn Khaldoun\nFès", "2026-11-30", "45/DU/2026", "Karima Guichet")],
         "the paper row")
    t.eq([a for a, _ in event(eid, "registered")], ["Karima Guichet"], "registered under the clerk")
    cls = event(eid, "classified")
    t.check(cls and "chosen at registration by Karima Guichet" in cls[0][1],
            f"the choice is in the history: {cls}")
    t.check(event(eid, "paper") and "45/DU/2026" in event(eid, "paper")[0][1], "paper event")
    out = os.path.join(work, "att")
    p = bureau(conf, "attachments", first, out)
    t.eq(p.returncode, 0, f"attachments: {p.stderr}")
    got = sorted(os.listdir(out))
    t.eq(len(got), 3, f"three files saved: {got}")
    t.eq([hashlib.sha256(open(os.path.join(out, n), "rb").read()).hexdigest() for n in got],
         [hashlib.sha256(x).hexdigest() for x in (PDF, PNG, JPEG)],
         "the scans come back byte for byte from the original")
    t.check(any("تصميم" in n for n in got), f"the Arabic name is kept: {got}")
    t.check(all("/" not in n and not n.startswith(".") for n in got), "no path in a name")
    p = bureau(conf, "show", first)
    t.check("45/DU/2026" in p.stdout and "handed in at the counter" in p.stdout
            and "    Fès" not in p.stdout and "  Fès" in p.stdout, "show: the letter's facts")
    p = bureau(conf, "--json", "show", first)
    t.eq(json.loads(p.stdout).get("paper", {}).get("letter_ref"), "45/DU/2026", "show --json")
    p = bureau(conf, "export", "--from", f"{year}-01-01", "--to", f"{year}-12-31")
    row = [ln for ln in p.stdout.splitlines() if ln.startswith(first)]
    t.check(row and ",2026-11-30,45/DU/2026,محمد العلوي <m.alaoui@citizen.test>," in row[0],
            f"export: the letter's date and reference: {row}")

    p = bureau(conf, "outbox", "send")
    t.eq(p.returncode, 0, f"outbox send: {p.stderr}")
    msgs = s.messages()
    acks = [smtpd.parse(b) for _, r, b in msgs if r == ["m.alaoui@citizen.test"]]
    t.eq(len(acks), 1, "one acknowledgement to the citizen")
    if acks:
        text = smtpd.parts_text(acks[0], "plain")
        t.check(first in text and "أجل" in text and "délai" in text.lower(),
                "the acknowledgement: number and deadline in both languages")
    heads = [(r, smtpd.parse(b)) for _, r, b in msgs if r != ["m.alaoui@citizen.test"]]
    t.eq(len(heads), 1, f"one routed mail ({[r for r, _ in heads]})")
    if heads:
        raw = [b for _, r, b in msgs if r == heads[0][0]][0]
        t.check(f"filename={first.replace('/', '-')}.eml".encode() in raw
                and b"Content-Type: application/pdf" in raw and b"Content-Type: image/png" in raw,
                "the routed item carries the letter's record with its scans")

    # --- no address, the rules decide ---------------------------------------------
    before = len(s.messages())
    rc_path = os.path.join(work, "receipt.html")
    p = reg("--from", "Ahmed <script>", "--post", "--subject", "الضو مقطوع فالزنقة <img src=x onerror=1>",
            "--summary", "الإنارة العمومية معطلة في الزنقة 5 منذ أسبوع، الضو مقطوع",
            "--receipt", rc_path)
    t.eq(p.returncode, 0, f"register without address: {p.stderr}")
    second = f"{year}/000002"
    t.check(second in p.stdout and "receipt" in p.stdout, f"says to hand over the receipt: {p.stdout}")
    e2 = db_rows(db, "SELECT id, department, sender_addr, source FROM entries WHERE number = ?",
                 (second,))[0]
    t.eq(e2[1:], ("eclairage-public", None, "paper:post"), "routed by the rules, by post")
    t.check(event(e2[0], "ack-skipped"), "no acknowledgement mail")
    t.check("no email address" in event(e2[0], "paper")[0][1], "the history says why")
    bureau(conf, "outbox", "send")
    new = [r for _, r, _ in s.messages()[before:]]
    t.eq(len(new), 1, f"only the head is mailed: {new}")
    html = open(rc_path, encoding="utf-8").read()
    t.check(second in html and "Récépissé" in html and "وصل إيداع" in html, "receipt: both languages")
    due = db_rows(db, "SELECT due_date FROM entries WHERE number = ?", (second,))[0][0]
    t.check(due and due in html, "receipt: the deadline")
    t.check("<img" not in html and "&lt;img src=x" in html and "&lt;script&gt;" in html,
            "receipt: hostile text escaped")
    links = set(TRACK.findall(html))
    t.eq(len(links), 1, f"a letter without an address: its tracking link on the receipt ({links})")
    receipt_link = links.pop() if links else ""
    p = bureau(conf, "receipt", second)
    t.check(p.returncode == 0 and "Récépissé" in p.stdout and not TRACK.search(p.stdout),
            "bureau receipt writes the page again, without a link (only its hash is kept)")
    p = bureau(conf, "receipt", second, "--track")
    new_links = TRACK.findall(p.stdout)
    t.check(p.returncode == 0 and len(set(new_links)) == 1 and new_links[0] != receipt_link,
            "receipt --track: a fresh link")
    fresh_link = new_links[0] if new_links else ""
    p = bureau(conf, "receipt", "999999")
    t.check(p.returncode != 0, "receipt of an unknown number refused")

    # --- a subject with a number is a new letter ------------------------------------
    p = reg("--from", "Fatima", "--subject", f"Rappel [BO {first}]", "--summary", "Je relance.")
    t.eq(p.returncode, 0, "a reminder on paper")
    t.eq(len(entries()), 3, "a new entry, not a follow-up")

    # --- refusals -----------------------------------------------------------------
    n_before = len(entries())
    raw_before = db_rows(db, "SELECT count(*) FROM raw_messages")[0][0]
    gif = path("scans/x.gif", GIF)
    big = path("summary.txt", b"a" * 20001)
    cases = [
        ("no sender", ["--subject", "x", "--summary", "y"]),
        ("bad address", ["--from", "A", "--email", "a@b@c", "--subject", "x", "--summary", "y"]),
        ("date after today", ["--from", "A", "--letter-date", f"{year + 1}-01-01",
                              "--subject", "x", "--summary", "y"]),
        ("not a date", ["--from", "A", "--letter-date", "30/11/2026", "--subject", "x",
                        "--summary", "y"]),
        ("unknown department", ["--from", "A", "--department", "nowhere", "--subject", "x",
                                "--summary", "y"]),
        ("unknown kind", ["--from", "A", "--kind", "nothing", "--subject", "x", "--summary", "y"]),
        ("a GIF", ["--from", "A", "--subject", "x", "--summary", "y", "--attach", gif]),
        ("control character", ["--from", "A", "--subject", "x\x1by", "--summary", "y"]),
        ("summary over the cap", ["--from", "A", "--subject", "x", "--summary-file", big]),
        ("blank summary", ["--from", "A", "--subject", "x", "--summary", "  \n "]),
    ]
    for what, args in cases:
        p = reg(*args)
        t.check(p.returncode == 64 and p.stderr.strip(), f"{what}: refused ({p.returncode} {p.stderr})")
    t.eq(len(entries()), n_before, "nothing registered by a refusal")
    t.eq(db_rows(db, "SELECT count(*) FROM raw_messages")[0][0], raw_before, "nothing stored")
    mail = path("m.eml", ("From: Marie <marie@citizen.test>\nTo: bo@commune.test\n"
                          "Subject: Lampadaire en panne\nMessage-ID: <paper-1@citizen.test>\n"
                          "Date: Wed, 02 Dec 2026 10:00:00 +0000\n\nLe lampadaire est en panne.\n")
                .encode())
    t.eq(bureau(conf, "ingest", mail).returncode, 0, "mail between the letters")
    t.eq(reg("--from", "B", "--subject", "Suggestion", "--summary", "Un jardin.").returncode, 0,
         "the next letter")
    seqs = [sq for sq, _, _ in entries()]
    t.eq(seqs, list(range(1, len(seqs) + 1)), f"numbers without a gap: {seqs}")
    t.eq([src for _, _, src in entries()][-2:], ["file:" + mail, "paper:counter"],
         "mail and paper in one numbering")
    p = bureau(conf, "receipt", f"{year}/{seqs[-2]:06d}")
    t.eq(p.returncode, 65, "no receipt for a mail")

    # --- the console ----------------------------------------------------------------
    pwfile = path("pw", (PW + "\n").encode())
    for login, name, role, *extra in [("amina", "Amina Clerc", "clerk"),
                                      ("karim", "Karim Chef", "head", "--department", "urbanisme"),
                                      ("driss", "Driss Directeur", "director")]:
        p = bureau(conf, "user", "add", login, "--name", name, "--role", role, *extra,
                   "--password-file", pwfile, env=FAST)
        t.eq(p.returncode, 0, f"user add {login}: {p.stderr}")
    log = open(os.path.join(work, "web.log"), "wb")
    server = subprocess.Popen([BIN, "-c", conf, "web"], stdout=log,
                              stderr=subprocess.STDOUT, env=dict(os.environ, **FAST))
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/login")
            c.getresponse().read()
            break
        except OSError:
            time.sleep(0.1)

    class Client:
        def __init__(self):
            self.cookies = {}

        def req(self, method, url, body=None, ctype=None, origin=ORIGIN):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            h = {"Origin": origin} if origin else {}
            if self.cookies:
                h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            if ctype:
                h["Content-Type"] = ctype
            c.request(method, url, body=body, headers=h)
            r = c.getresponse()
            r.body = r.read()
            r.text = r.body.decode("utf-8", "replace")
            for k, v in r.getheaders():
                if k.lower() == "set-cookie":
                    name, _, rest = v.partition("=")
                    self.cookies[name] = rest.split(";")[0]
            c.close()
            return r

        def login(self, login):
            import urllib.parse
            r = self.req("GET", "/login")
            tok = re.search(r'name="token" value="([0-9a-f]+)"', r.text).group(1)
            r = self.req("POST", "/login", urllib.parse.urlencode(
                {"token": tok, "login": login, "password": PW}).encode(),
                "application/x-www-form-urlencoded")
            t.eq(r.status, 303, f"login {login}")

    def multipart(fields, files):
        b = "----paper" + uuid.uuid4().hex
        out = b""
        for k, v in fields.items():
            out += (f"--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").encode()
        for k, name, data, ct in files:
            out += (f"--{b}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\n"
                    f"Content-Type: {ct}\r\n\r\n").encode() + data + b"\r\n"
        return out + f"--{b}--\r\n".encode(), f"multipart/form-data; boundary={b}"

    def status_of(url):
        path = url.split(str(port), 1)[1] if url else "/suivi/x/y"
        return Client().req("GET", path).status

    t.eq(status_of(fresh_link), 200, "the fresh link opens the citizen's page")
    t.eq(status_of(receipt_link), 404, "the link it replaced opens nothing")

    for login in ("karim", "driss"):
        other = Client()
        other.login(login)
        t.eq(other.req("GET", "/paper").status, 404, f"{login}: no paper form (404)")
        t.check('href="/paper"' not in other.req("GET", "/").text, f"{login}: no paper link")
    clerk = Client()
    clerk.login("amina")
    r = clerk.req("GET", "/paper")
    t.eq(r.status, 200, "the clerk's paper form")
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', r.text)
    csrf = csrf.group(1) if csrf else ""
    t.check('enctype="multipart/form-data"' in r.text and 'name="scans"' in r.text,
            "a multipart form with a file input")
    good = {"channel": "counter", "sender": "Khadija Bennani", "email": "khadija@citizen.test",
            "address": "Douar Ouled Ali\r\nCommune X", "letter_date": "2026-12-01",
            "letter_ref": "R-77", "subject": "Demande d'extrait d'acte de naissance",
            "summary": "Demande un extrait\r\nd'acte de naissance.", "kind": "",
            "department": "etat-civil"}
    n0 = len(entries())
    body, ct = multipart(dict(good), [("scans", "lettre.pdf", PDF, "application/pdf")])
    r = clerk.req("POST", "/paper", body, ct)
    t.eq(r.status, 403, "no CSRF token: refused")
    body, ct = multipart(dict(good, csrf=csrf), [("scans", "lettre.pdf", PDF, "application/pdf")])
    r = clerk.req("POST", "/paper", body, ct, origin="http://evil.example")
    t.eq(r.status, 403, "another origin: refused")
    bad = dict(good, csrf=csrf, email="not an address", subject="<b>objet</b>")
    body, ct = multipart(bad, [("scans", "lettre.gif", GIF, "image/gif")])
    r = clerk.req("POST", "/paper", body, ct)
    t.eq(r.status, 400, "a refused field: 400")
    t.check('id="error"' in r.text and 'value="&lt;b&gt;objet&lt;/b&gt;"' in r.text
            and "<b>objet" not in r.text, "the form again, what was typed kept and escaped")
    t.eq(len(entries()), n0, "nothing registered by the refusals")
    body, ct = multipart(dict(good, csrf=csrf),
                         [("scans", "lettre.pdf", PDF, "application/pdf"),
                          ("scans", "../../etc/photo.png", PNG, "image/png"),
                          ("scans", "", b"", "application/octet-stream")])
    r = clerk.req("POST", "/paper", body, ct)
    loc = r.getheader("Location") or ""
    t.check(r.status == 303 and re.fullmatch(r"/e/\d+/receipt", loc), f"registered: {r.status} {loc}")
    t.eq(len(entries()), n0 + 1, "one entry")
    row = db_rows(db, "SELECT id, number, department, kind, n_attachments FROM entries "
                      "ORDER BY id DESC LIMIT 1")[0]
    t.eq((row[2], row[4]), ("etat-civil", 2), "the clerk's department, two scans (the empty part skipped)")
    t.eq([a for a, _ in event(row[0], "registered")], ["Amina Clerc"],
         "registered under the clerk's display name")
    t.eq(db_rows(db, "SELECT postal_address FROM paper_letters WHERE entry_id = ?", (row[0],)),
         [("Douar Ouled Ali\nCommune X",)], "the address's line ends as the CLI's")
    r = clerk.req("GET", loc)
    t.check(r.status == 200 and row[1] in r.text and "وصل إيداع" in r.text and "Récépissé" in r.text,
            "the receipt page")
    r = clerk.req("GET", f"/e/{row[0]}")
    t.check('id="paper"' in r.text and "R-77" in r.text and "/receipt" in r.text,
            "the entry page shows the paper facts and the receipt link")
    r = clerk.req("GET", f"/e/{row[0]}/att/2")
    t.eq((r.status, hashlib.sha256(r.body).hexdigest()), (200, hashlib.sha256(PNG).hexdigest()),
         "the scan downloads byte for byte")
    cd = r.getheader("Content-Disposition") or ""
    t.check("etc" not in cd and ".." not in cd and "photo.png" in cd,
            f"the scan's name without its path: {cd}")
    r = clerk.req("GET", f"/e/{row[0]}/receipt")
    t.check('id="track-link"' in r.text and not TRACK.search(r.text),
            "the receipt page: no link, a button to print one")
    r = clerk.req("POST", f"/e/{row[0]}/receipt", b"", "application/x-www-form-urlencoded")
    t.eq(r.status, 403, "the link button without the CSRF token: refused")
    r = clerk.req("POST", f"/e/{row[0]}/receipt", f"csrf={csrf}".encode(),
                  "application/x-www-form-urlencoded")
    web_links = TRACK.findall(r.text)
    t.check(r.status == 200 and len(set(web_links)) == 1, f"the receipt with its link ({r.status})")
    if web_links:
        t.eq(status_of(web_links[0]), 200, "the console's link opens the citizen's page")
    head = Client()
    head.login("karim")
    t.eq(head.req("GET", f"/e/{row[0]}/receipt").status, 404,
         "a head of another department: no receipt (404)")
    t.eq(head.req("GET", f"/e/{eid}/receipt").status, 200, "the head of urbanisme: its receipt")
    seqs = [sq for sq, _, _ in entries()]
    t.eq(seqs, list(range(1, len(seqs) + 1)), "still without a gap")
except Exception as e:  # a crashed console must fail the test with its log
    import traceback
    traceback.print_exc()
    t.check(False, f"unexpected {type(e).__name__}: {e}")
finally:
    if server:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    if t.failed:
        with open(os.path.join(work, "web.log"), "rb") as f:
            print(f.read().decode("utf-8", "replace")[-6000:])
    s.stop()
clean_up(t, work)
sys.exit(t.finish())
