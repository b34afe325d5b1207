"""The clerks' console in a real browser (issue 14): `bureau web` driven by
Debian's headless Chromium through selenium, the way a clerk and a head of
service use it, every outcome checked against the database.

A fresh register with a French clerk and an Arabic head of urbanisme; five
varied mails ingested (an Arabic building-permit complaint, a French broken
street-lamp one, a multipart/alternative HTML+text one, one with a PDF
attachment, one with a hostile subject). Then, in the browser:
- the clerk logs in through the form and lands on the queues; the
  "À traiter" count is the register's number of open entries;
- the register lists every entry; the hostile subject is text, no <img> in
  the table, and no alert ever opens (CSP, no inline script);
- reassigning the street-lamp entry to travaux-voirie: the confirmation page
  (the change, the mail it causes), then the entry again with the new
  service and the clerk's name in its history; the same in the database;
- an internal note: cancel first (nothing written), then confirmed; in the
  history and the events, and no mail queued by it;
- the attachment downloaded with the browser's session cookie: served as a
  download, byte for byte;
- the language button: the page turns Arabic (rtl), stays so on reload,
  stored on the account;
- a letter handed in at the counter, registered in Arabic through the paper
  form with a scan uploaded: one entry under the clerk's name, and its
  receipt with the Arabic column computed rtl and the French one ltr;
- logout leads to the login, and the queues then redirect to it;
- the head, in a fresh browser: Arabic from the login on, only urbanisme in
  the register, another service's entry is the 404 page, and a status change
  on their own entry recorded under their Arabic name.
"""
import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, bureau, clean_up, db_rows, free_port, skip, tempdir, write_config  # noqa: E402

try:
    from selenium import webdriver
    from selenium.common.exceptions import (NoAlertPresentException, TimeoutException,
                                            WebDriverException)
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    skip("python3-selenium is not installed")
if not shutil.which("chromedriver") or not shutil.which("chromium"):
    skip("chromium / chromedriver are not installed")

FAST = {"BUREAU_TEST_FAST_HASH": "1"}
PW = "correct-horse-battery"
CLERK_NAME = "Amina Clerc"
HEAD_NAME = "كريم رئيس التعمير"
HOSTILE = "<img src=x onerror=alert(1)>"
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
WAIT = 20          # seconds for any one page to come
GLOBAL = 300       # seconds for the whole test


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout(f"the whole test took more than {GLOBAL} s")


signal.signal(signal.SIGALRM, on_alarm)
signal.alarm(GLOBAL)
started = time.time()

t = Tally("web_browser")
work = tempdir()
db = os.path.join(work, "bureau.db")
port = free_port()
BASE = f"http://127.0.0.1:{port}"
conf = write_config(os.path.join(work, "bureau.conf"), db,
                    extra=f"[web]\nlisten = 127.0.0.1:{port}\n")
t.eq(bureau(conf, "init").returncode, 0, "init")
pwfile = os.path.join(work, "pw")
with open(pwfile, "w") as f:
    f.write(PW + "\n")
os.chmod(pwfile, 0o600)


def add_user(login, name, role, *extra):
    p = bureau(conf, "user", "add", login, "--name", name, "--role", role, *extra,
               "--password-file", pwfile, env=FAST, actor="admin")
    t.eq(p.returncode, 0, f"user add {login}: {p.stderr}")


add_user("amina", CLERK_NAME, "clerk", "--lang", "fr")
add_user("karim", HEAD_NAME, "head", "--department", "urbanisme", "--lang", "ar")


# --- the mail -------------------------------------------------------------------------------
def eml(name, frm, subject, mid, body_part):
    path = os.path.join(work, name)
    subj = subject
    if any(ord(c) > 127 for c in subject):
        subj = "=?UTF-8?B?" + base64.b64encode(subject.encode()).decode() + "?="
    text = (f"From: {frm}\r\nTo: bo@commune.test\r\nSubject: {subj}\r\n"
            f"Date: Thu, 03 Dec 2026 09:{len(name):02d}:00 +0000\r\nMessage-ID: <{mid}@example.test>\r\n"
            "MIME-Version: 1.0\r\n" + body_part)
    with open(path, "wb") as f:
        f.write(text.encode("utf-8"))
    return path


def plain(body):
    return ("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + body + "\r\n")


ALT_TEXT = "Je demande un certificat de residence, texte brut ALTPLAIN."
alt = ("Content-Type: multipart/alternative; boundary=\"ALT42\"\r\n\r\n"
       "--ALT42\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + ALT_TEXT + "\r\n"
       "--ALT42\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
       "<html><body><p>Je demande un <b>certificat</b> de residence, ALTHTML.</p></body></html>\r\n"
       "--ALT42--\r\n")
pdf_b64 = base64.encodebytes(PDF).decode().replace("\n", "\r\n")
mixed = ("Content-Type: multipart/mixed; boundary=\"MIX42\"\r\n\r\n"
         "--MIX42\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
         "Veuillez trouver ci-joint le plan de la parcelle.\r\n"
         "--MIX42\r\nContent-Type: application/pdf; name=\"plan.pdf\"\r\n"
         "Content-Disposition: attachment; filename=\"plan.pdf\"\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" + pdf_b64 + "--MIX42--\r\n")
files = {
    "ar": eml("a.eml", "Ahmed <ahmed@example.test>", "شكاية بخصوص رخصة البناء", "br1",
              plain("أطلب رخصة البناء للمنزل رقم 5 وقد تأخر الرد كثيرا.")),
    "fr": eml("bb.eml", "Marie <marie@example.test>", "Lampadaire en panne, éclairage public",
              "br2", plain("Le lampadaire de la rue 5 est en panne depuis une semaine, "
                           "l'éclairage public ne fonctionne plus.")),
    "alt": eml("ccc.eml", "Said <said@example.test>", "Certificat de résidence", "br3", alt),
    "pdf": eml("dddd.eml", "Nora <nora@example.test>", "Plan de la parcelle", "br4", mixed),
    "xss": eml("eeeee.eml", "x@example.test", "Objet " + HOSTILE, "br5", plain("texte")),
}
p = bureau(conf, "ingest", *files.values())
t.eq(p.returncode, 0, f"ingest: {p.stderr[-400:]}")
rows = db_rows(db, "SELECT e.id, e.number, e.department, e.subject, e.message_id FROM entries e")
t.eq(len(rows), 5, "five entries registered")
by = {}
for i, num, dept, subj, mid in rows:
    for k, mk in (("ar", "br1"), ("fr", "br2"), ("alt", "br3"), ("pdf", "br4"), ("xss", "br5")):
        if mid and mk in mid:
            by[k] = {"id": i, "number": num, "dept": dept, "subject": subj}
if len(by) != 5:  # no message_id column filled as expected: fall back on the subjects
    for i, num, dept, subj, mid in rows:
        for k, frag in (("ar", "رخصة"), ("fr", "Lampadaire"), ("alt", "Certificat"),
                        ("pdf", "Plan de"), ("xss", "onerror")):
            if subj and frag in subj:
                by[k] = {"id": i, "number": num, "dept": dept, "subject": subj}
t.eq(sorted(by), sorted(files), "each mail found in the register")
if len(by) != 5:
    print("cannot go on without the five entries", flush=True)
    clean_up(t, work)
    sys.exit(t.finish())
t.eq(by["ar"]["dept"], "urbanisme", "the Arabic building-permit complaint went to urbanisme")
t.eq(by["fr"]["dept"], "eclairage-public", "the street-lamp complaint went to eclairage-public")
URB = sorted(i for i, _, d, _, _ in rows if d == "urbanisme")
OTHER = sorted(i for i, _, d, _, _ in rows if d != "urbanisme")


def count(sql, args=()):
    return db_rows(db, sql, args)[0][0]


# --- the browser ----------------------------------------------------------------------------
def browser(tag, block_favicon=False):
    o = Options()
    for f in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
              "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
              f"--user-data-dir={os.path.join(work, 'chrome-' + tag)}", "--window-size=1400,1000",
              "--lang=fr-FR"):
        o.add_argument(f)
    o.binary_location = shutil.which("chromium")
    d = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=o)
    d.set_page_load_timeout(WAIT)
    if block_favicon:
        no_favicon(d)
    return d


def no_favicon(d):
    """Chromium asks for /favicon.ico after every page; see the first login."""
    d.execute_cdp_cmd("Network.enable", {})
    d.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/favicon.ico"]})


SHOTS = []


def shot(d, name):
    """A screenshot of the page into the work directory (kept when a check fails)."""
    path = os.path.join(work, name + ".png")
    if d.save_screenshot(path):
        SHOTS.append(name)


def wait(d, cond, what, timeout=WAIT):
    try:
        return WebDriverWait(d, timeout).until(cond)
    except TimeoutException:
        t.check(False, f"timed out waiting for {what} (at {d.current_url})")
        return None


def gone(el):
    """The page holding el was replaced (chromedriver may also answer "node
    does not belong to the document" while the new one comes)."""
    def cond(_):
        try:
            el.is_enabled()
            return False
        except WebDriverException:
            return True
    return cond


def css(d, sel):
    return d.find_elements(By.CSS_SELECTOR, sel)


def one(d, sel, what=None):
    """The element, waited for; None (and a failed check) when it never comes."""
    return wait(d, EC.presence_of_element_located((By.CSS_SELECTOR, sel)), what or sel)


def submit(d, el, then, what):
    """Click el (a submit button) and wait for the next page to hold `then`."""
    old = d.find_element(By.TAG_NAME, "html")
    el.click()
    wait(d, gone(old), f"the page after {what}")
    return one(d, then, f"{then} after {what}")


def goto(d, path, then="main"):
    d.get(BASE + path)
    return one(d, then, f"{then} on {path}")


def text_of(d, sel):
    e = css(d, sel)
    return e[0].text if e else None


def no_alert(d, what):
    try:
        a = d.switch_to.alert
        txt = a.text
        a.dismiss()
        t.check(False, f"an alert opened ({what}): {txt!r}")
    except NoAlertPresentException:
        t.check(True, "no alert")


def html_attrs(d):
    h = d.find_element(By.TAG_NAME, "html")
    return h.get_attribute("dir"), h.get_attribute("lang")


def login_once(d, user, lang=None):
    """Fill in and send the login form; the page after it is either the
    queues or the login again (with its error, returned)."""
    goto(d, "/login" + (f"?lang={lang}" if lang else ""), "#login")
    d.find_element(By.ID, "login").send_keys(user)
    d.find_element(By.ID, "password").send_keys(PW)
    btn = css(d, "form[action='/login'] button[type=submit]")
    if not t.check(bool(btn), "the login form has its submit button"):
        return "no button"
    old = d.find_element(By.TAG_NAME, "html")
    btn[0].click()
    wait(d, gone(old), f"the page after {user}'s login")
    wait(d, EC.presence_of_element_located((By.CSS_SELECTOR, "ul#queues, #login")),
         f"the queues or the login after {user}'s login")
    if css(d, "ul#queues"):
        return None
    return text_of(d, "p.error") or f"back on {d.current_url}"


def login(d, user, lang=None):
    err = login_once(d, user, lang)
    t.check(err is None, f"{user} logs in through the form: {err}")


def register_ids(d):
    ids = []
    for a in css(d, "table#register tbody tr td:first-child a"):
        href = a.get_attribute("href") or ""
        ids.append(int(href.rsplit("/", 1)[-1]))
    return sorted(ids)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kw):
        return None


opener = urllib.request.build_opener(NoRedirect)


def cookie_get(path, sid):
    """GET path with the session cookie sid; redirects are not followed."""
    req = urllib.request.Request(BASE + path, headers={"Cookie": f"bureau_sid={sid}"})
    try:
        with opener.open(req, timeout=WAIT) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


# --- the server ---------------------------------------------------------------------------------
log_path = os.path.join(work, "web.log")
log = open(log_path, "wb")
server = subprocess.Popen([BIN, "-c", conf, "web"], stdout=log, stderr=subprocess.STDOUT,
                          env=dict(os.environ, **FAST))
drivers = []
try:
    deadline = time.time() + 20
    up = False
    while time.time() < deadline and not up and server.poll() is None:
        with open(log_path, "rb") as f:
            up = b"console listening on" in f.read()
        if not up:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                up = True
            except OSError:
                time.sleep(0.1)
    t.check(up, f"the console listens on {port} (exit {server.poll()})")

    # --- 1. the clerk logs in and lands on the queues -----------------------------------------
    # A plain Chromium, as a clerk has it: it fetches /favicon.ico after the
    # login page, and that request (no session: redirected to /login) must not
    # spoil the form's pre-login token.
    d = browser("clerk", block_favicon=False)
    drivers.append(d)
    err = login_once(d, "amina")
    t.check(err is None, "the clerk logs in at the first try in a plain Chromium (the "
            f"/favicon.ico request must not replace the login form's token): {err!r}")
    if err is not None:  # go on with the rest, the favicon request blocked
        no_favicon(d)
        login(d, "amina")
    t.eq(d.current_url, BASE + "/", "after the login: the queues")
    t.eq(html_attrs(d), ("ltr", "fr"), "the clerk's console is French, left to right")
    t.check(d.get_cookie("bureau_sid") is not None, "the browser holds the session cookie")
    tiles = {}
    for a in css(d, "ul#queues li a"):
        c = a.find_elements(By.CSS_SELECTOR, "span.count")
        lab = a.find_elements(By.CSS_SELECTOR, "bdi")
        if c and lab:
            tiles[lab[0].text.strip()] = c[0].text.strip()
    open_n = count("SELECT count(*) FROM entries WHERE status IN ('registered','routed','in-progress')")
    t.eq(tiles.get("À traiter"), str(open_n), f"the 'À traiter' count is the open entries ({tiles})")
    t.check(open_n == 5, f"all five open at first ({open_n})")
    dtiles = {}
    for a in css(d, "ul#departments li a"):
        c = a.find_elements(By.CSS_SELECTOR, "span.count")
        lab = a.find_elements(By.CSS_SELECTOR, "bdi")
        if c and lab:
            dtiles[lab[0].text.strip()] = c[0].text.strip()
    t.eq(dtiles.get("Urbanisme"), str(len(URB)), f"the urbanisme tile ({dtiles})")

    shot(d, "01-queues-clerk-fr")

    # --- 2. the register, with the hostile subject as text -----------------------------------------
    goto(d, "/register", "table#register")
    t.eq(register_ids(d), sorted(i for i, *_ in rows), "the register lists every entry")
    total = text_of(d, "p#total") or ""
    t.check(total.startswith("5 "), f"the total: {total!r}")
    reg = d.find_element(By.ID, "register").text
    t.check(HOSTILE in reg, "the hostile subject is shown as text in the register")
    t.eq(len(css(d, "table#register img")), 0, "no <img> inside the register")
    t.eq(len(css(d, "script")), 0, "no script on the page")
    for n in (by[k]["number"] for k in by):
        t.check(n in reg, f"number {n} in the register")
    no_alert(d, "register")
    t.check(bool(css(d, "form#filters input[name=q]")) and bool(css(d, "a#csv")),
            "the filter form and the CSV link")
    # the filter form, typed into
    q = d.find_element(By.CSS_SELECTOR, "form#filters input[name=q]")
    q.send_keys("lampadaire")
    submit(d, d.find_element(By.CSS_SELECTOR, "form#filters button[type=submit]"),
           "table#register", "filtering")
    t.eq(register_ids(d), [by["fr"]["id"]], "filtering on 'lampadaire' finds the street lamp")
    goto(d, "/search?q=" + urllib.request.quote("البناء"), "table#register")
    t.eq(register_ids(d), [by["ar"]["id"]], "the search finds the Arabic complaint")
    # the hostile entry's own page
    goto(d, f"/e/{by['xss']['id']}", "dd#subject")
    t.check(HOSTILE in (text_of(d, "dd#subject") or ""), "the hostile subject is text on its page")
    t.eq(len(css(d, "main img")), 0, "no <img> on the hostile entry's page")
    no_alert(d, "hostile entry")
    # the multipart/alternative one shows its text part
    goto(d, f"/e/{by['alt']['id']}", "div#body")
    body = text_of(d, "div#body") or ""
    t.check("ALTPLAIN" in body and "ALTHTML" not in body and "<b>" not in body,
            f"multipart/alternative: the text part, not the HTML: {body!r}")

    shot(d, "02-entry-fr")

    # --- 3. reassign the street-lamp entry -----------------------------------------------------------
    fr = by["fr"]["id"]
    goto(d, f"/e/{fr}", "form#form-assign")
    t.eq(text_of(d, "dd#number"), by["fr"]["number"], "the entry's number")
    t.check("Lampadaire" in (text_of(d, "dd#subject") or ""), "the entry's subject")
    t.check("panne" in (text_of(d, "div#body") or ""), "the entry's text")
    out0 = count("SELECT count(*) FROM outbox WHERE entry_id = ?", (fr,))
    Select(d.find_element(By.ID, "assign-dept")).select_by_value("travaux-voirie")
    d.find_element(By.ID, "assign-reason").send_keys("la voirie s'en occupe")
    submit(d, d.find_element(By.ID, "do-assign"), "button#confirm", "the assign form")
    change = text_of(d, "ul#change") or ""
    t.check("Travaux et voirie" in change, f"the confirmation shows the change: {change!r}")
    t.check(bool(css(d, "ul#mail")) and bool(css(d, "a#cancel")),
            "the confirmation says what mail it causes, and can be cancelled")
    t.eq(count("SELECT department FROM entries WHERE id = ?", (fr,)), "eclairage-public",
         "the confirmation page changes nothing")
    submit(d, d.find_element(By.ID, "confirm"), "p#done", "confirming the assignment")
    t.eq(d.current_url, f"{BASE}/e/{fr}?done=assign", "back on the entry")
    t.eq(text_of(d, "dd#department"), "Travaux et voirie", "the entry's new service")
    hist = text_of(d, "ol#history") or ""
    t.check(CLERK_NAME in hist, f"the history names the clerk: {hist!r}")
    t.eq(count("SELECT department FROM entries WHERE id = ?", (fr,)), "travaux-voirie",
         "reassigned in the register")
    t.eq(count("SELECT count(*) FROM events WHERE entry_id = ? AND action = 'department' "
               "AND actor = ?", (fr, CLERK_NAME)), 1, "the event under the clerk's name")

    shot(d, "03-entry-after-reassign-fr")

    # --- 4. an internal note: cancelled, then confirmed -------------------------------------------------
    NOTE = "Appeler le citoyen lundi — dossier vérifié"
    notes0 = count("SELECT count(*) FROM events WHERE entry_id = ? AND action = 'note'", (fr,))
    out1 = count("SELECT count(*) FROM outbox WHERE entry_id = ?", (fr,))
    d.find_element(By.ID, "note-text").send_keys(NOTE)
    submit(d, d.find_element(By.ID, "do-note"), "a#cancel", "the note form")
    t.check("note interne" in (text_of(d, "ul#change") or ""), "the confirmation: a note is added")
    t.eq(text_of(d, "ul#mail"), "Aucun courriel.", "the confirmation: a note sends no mail")
    old = d.find_element(By.TAG_NAME, "html")
    d.find_element(By.ID, "cancel").click()
    wait(d, gone(old), "the page after cancelling")
    one(d, "form#form-note", "the entry after cancelling")
    t.eq(count("SELECT count(*) FROM events WHERE entry_id = ? AND action = 'note'", (fr,)), notes0,
         "cancelled: no note written")
    d.find_element(By.ID, "note-text").send_keys(NOTE)
    submit(d, d.find_element(By.ID, "do-note"), "button#confirm", "the note form again")
    submit(d, d.find_element(By.ID, "confirm"), "p#done", "confirming the note")
    t.check(NOTE in (text_of(d, "ol#history") or ""), "the note in the history")
    t.eq(count("SELECT count(*) FROM events WHERE entry_id = ? AND action = 'note' AND detail = ? "
               "AND actor = ?", (fr, NOTE, CLERK_NAME)), 1, "the note in the events")
    t.eq(count("SELECT count(*) FROM outbox WHERE entry_id = ?", (fr,)), out1, "a note sends nothing")
    t.eq(out1, out0, "no [smtp] configured: the assignment queued no mail either")

    # --- 8. the attachment, with the browser's session ------------------------------------------------
    pe = by["pdf"]["id"]
    goto(d, f"/e/{pe}", "ul#attachments")
    links = [a.get_attribute("href") for a in css(d, "ul#attachments a")]
    att = [h for h in links if f"/e/{pe}/att/" in (h or "")]
    t.check(bool(att), f"the attachment's link ({links})")
    t.check(any(h and h.endswith(f"/e/{pe}/eml") for h in links) and bool(css(d, "a#eml")),
            "the original's link")
    sid = (d.get_cookie("bureau_sid") or {}).get("value", "")
    if att:
        st, hd, data = cookie_get(att[0][len(BASE):], sid)
        t.eq(st, 200, "the attachment downloads with the session")
        cd = {k.lower(): v for k, v in hd.items()}.get("content-disposition", "")
        t.check(cd.startswith("attachment"), f"served as a download: {cd!r}")
        t.check(data == PDF, f"the PDF byte for byte ({len(data)} vs {len(PDF)} bytes)")
        st, _, _ = cookie_get(att[0][len(BASE):], "0" * 64)
        t.eq(st, 303, "no download without a real session: to the login")
    st, _, data = cookie_get(f"/e/{pe}/eml", sid)
    with open(files["pdf"], "rb") as f:
        t.check(st == 200 and data == f.read(), "the original .eml byte for byte")

    # --- 5. the language switch -------------------------------------------------------------------
    goto(d, f"/e/{fr}", "form[action='/lang'] button")
    btn = d.find_element(By.CSS_SELECTOR, "form[action='/lang'] button")
    submit(d, btn, "dd#number", "the language button")
    t.eq(html_attrs(d), ("rtl", "ar"), "after the switch the page is Arabic, right to left")
    t.eq(d.current_url, f"{BASE}/e/{fr}", "the switch comes back to the same page")
    t.eq(text_of(d, "dd#department"), "الأشغال والطرق", "the service named in Arabic")
    t.check(bool(css(d, "dd#number span[dir=ltr]")), "the number isolated left to right")
    t.check(bool(css(d, "dd#subject bdi[dir=auto]")), "the subject isolated in a <bdi>")
    # what the browser computes, not only the markup: the page right to left, the
    # French subject inside it left to right, the Arabic label beside it right to left
    direction = ("return getComputedStyle(document.querySelector(arguments[0])).direction;")
    t.eq(d.execute_script(direction, "body"), "rtl", "computed: the Arabic page is rtl")
    t.eq(d.execute_script(direction, "dd#subject bdi"), "ltr",
         "computed: the French subject inside the Arabic page is ltr")
    t.eq(d.execute_script(direction, "dd#number span[dir=ltr]"), "ltr",
         "computed: the registry number never flips")
    t.eq(d.execute_script(direction, "dd#due bdi#days-left"), "rtl",
         "computed: the working days left read right to left, isolated from the date")
    shot(d, "04-entry-fr-subject-in-ar")
    d.refresh()
    one(d, "dd#number", "the reloaded page")
    t.eq(html_attrs(d), ("rtl", "ar"), "Arabic after a reload")
    t.eq(count("SELECT lang FROM users WHERE login = 'amina'"), "ar", "stored on the account")
    goto(d, "/", "ul#queues")
    t.eq(html_attrs(d), ("rtl", "ar"), "the queues in Arabic too")

    shot(d, "05-queues-ar-rtl")

    # --- 9. a letter handed in at the counter, registered in Arabic --------------------------------
    scan = os.path.join(work, "scan.pdf")
    with open(scan, "wb") as f:
        f.write(b"%PDF-1.4\n" + b"0" * 5000 + b"\n%%EOF\n")
    n_before = count("SELECT count(*) FROM entries")
    goto(d, "/paper", "form.paper")
    t.eq(html_attrs(d), ("rtl", "ar"), "the paper form in Arabic")
    d.find_element(By.ID, "p-sender").send_keys("عبد الله الإدريسي")
    d.find_element(By.ID, "p-subject").send_keys("Demande de raccordement au réseau d'eau")
    d.find_element(By.ID, "p-summary").send_keys("يطلب ربط منزله بشبكة الماء الصالح للشرب.")
    d.find_element(By.ID, "p-letter_ref").send_keys("12/2026")
    Select(d.find_element(By.ID, "p-department")).select_by_value("eau-assainissement")
    d.find_element(By.ID, "p-scans").send_keys(scan)
    submit(d, d.find_element(By.ID, "p-submit"), "div.receipt", "the paper form")
    t.eq(count("SELECT count(*) FROM entries"), n_before + 1, "the letter is one new entry")
    last = db_rows(db, "SELECT id, number, department, n_attachments FROM entries "
                       "ORDER BY id DESC LIMIT 1")[0]
    t.eq((last[2], last[3]), ("eau-assainissement", 1), "its service and its scan")
    t.check(d.current_url.endswith(f"/e/{last[0]}/receipt"), f"on its receipt: {d.current_url}")
    t.eq(count("SELECT actor FROM events WHERE entry_id = ? AND action = 'registered'",
               (last[0],)), CLERK_NAME, "registered under the clerk's name")
    t.eq(d.execute_script(direction, "section.receipt-col[lang=ar]"), "rtl",
         "computed: the receipt's Arabic column is rtl")
    t.eq(d.execute_script(direction, "section.receipt-col[lang=fr]"), "ltr",
         "computed: its French column is ltr, in the Arabic page")
    t.check(last[1] in (text_of(d, "section.receipt-col[lang=ar]") or ""),
            "the number on the Arabic side")
    t.check(d.execute_script("return getComputedStyle(document.querySelector('header'))"
                             ".display;") != "none", "the console's header on screen")
    shot(d, "08-paper-receipt-ar")

    # --- 7. logout -----------------------------------------------------------------------------------
    sessions0 = count("SELECT count(*) FROM sessions")
    goto(d, f"/e/{by['fr']['id']}", "dd#subject")
    submit(d, d.find_element(By.ID, "logout"), "#login", "logout")
    t.eq(d.current_url.split("?")[0], BASE + "/login", "logout leads to the login")
    d.back()  # the entry's page was no-store: the browser asks again, and gets the login
    one(d, "#login", "the login after the back button")
    t.check(not d.find_elements(By.ID, "subject") and "Lampadaire en panne" not in d.page_source,
            f"the back button does not show the entry again ({d.current_url})")
    t.eq(count("SELECT count(*) FROM sessions"), sessions0 - 1, "the session ended on the server")
    d.get(BASE + "/")
    one(d, "#login", "the login after going back to /")
    t.eq(d.current_url.split("?")[0], BASE + "/login", "after logout / redirects to the login")
    st, _, _ = cookie_get("/", sid)
    t.eq(st, 303, "the old session id opens nothing after logout")
    d.quit()
    drivers.remove(d)

    # --- 6. the head of urbanisme, in a fresh browser -------------------------------------------------
    h = browser("head")
    drivers.append(h)
    goto(h, "/login?lang=ar", "#login")
    t.eq(html_attrs(h), ("rtl", "ar"), "the Arabic login form is right to left")
    login(h, "karim", lang="ar")
    t.eq(html_attrs(h), ("rtl", "ar"), "the head's console is Arabic, right to left")
    t.check(HEAD_NAME in (text_of(h, "header .who") or ""), "the head's name in the header")
    t.eq(len(css(h, "ul#departments li")), 1, "one department tile for the head")
    goto(h, "/register", "table#register")
    t.eq(register_ids(h), URB, "the head's register holds only urbanisme")
    shot(h, "06-register-head-ar")
    t.check(HOSTILE not in (h.find_element(By.ID, "register").text), "nothing from elsewhere")
    for other in OTHER[:2]:
        goto(h, f"/e/{other}", "h1")
        t.eq(text_of(h, "h1"), "غير موجود", f"another service's entry {other} does not exist")
        t.eq(len(css(h, "dd#number")), 0, "and shows nothing of it")
    ue = by["ar"]["id"]
    goto(h, f"/e/{ue}", "form#form-status")
    t.eq(text_of(h, "dd#department"), "التعمير", "their entry's service")
    Select(h.find_element(By.ID, "status-to")).select_by_value("in-progress")
    submit(h, h.find_element(By.ID, "do-status"), "button#confirm", "the status form")
    shot(h, "07-confirm-status-head-ar")
    t.check(bool(css(h, "ul#change")) and bool(css(h, "ul#mail")),
            "the confirmation shows the change and the mail")
    t.eq(html_attrs(h), ("rtl", "ar"), "the confirmation in Arabic")
    t.check(count("SELECT status FROM entries WHERE id = ?", (ue,)) != "in-progress",
            "the confirmation page changes nothing")
    submit(h, h.find_element(By.ID, "confirm"), "p#done", "confirming the status")
    t.eq(count("SELECT status FROM entries WHERE id = ?", (ue,)), "in-progress", "status moved")
    t.eq(count("SELECT count(*) FROM events WHERE entry_id = ? AND action = 'status' AND actor = ?",
               (ue, HEAD_NAME)), 1, "the event under the head's name")
    t.check(HEAD_NAME in (text_of(h, "ol#history") or ""), "the history names the head")
    t.eq(text_of(h, "dd#status"), "في طور المعالجة", "the new status shown, in Arabic")
    no_alert(h, "head")
    submit(h, h.find_element(By.ID, "logout"), "#login", "the head's logout")
    h.get(BASE + "/")
    one(h, "#login", "the login after the head's logout")
    t.eq(h.current_url.split("?")[0], BASE + "/login", "the head: / redirects to the login")
except Timeout as e:
    t.check(False, str(e))
except Exception as e:  # a broken page must fail the test, not hang or pass
    import traceback
    traceback.print_exc()
    t.check(False, f"unexpected {type(e).__name__}: {e}")
finally:
    signal.alarm(0)
    for d in drivers:
        try:
            d.quit()
        except Exception:
            pass
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    log.close()
    t.eq(server.returncode, 0, "SIGTERM stops the console cleanly")
    with open(log_path, "rb") as f:
        t.check(PW.encode() not in f.read(), "no password in the console's log")

print(f"({time.time() - started:.1f} s)", flush=True)
t.eq(len(SHOTS), 8, f"screenshots written: {', '.join(SHOTS)}")
if os.environ.get("BUREAU_KEEP_SHOTS"):  # to look at them: copied before the work directory goes
    shutil.copytree(work, os.environ["BUREAU_KEEP_SHOTS"], dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("chrome-*", "*.db*"))
clean_up(t, work, hint=f"; console log {log_path}")
sys.exit(t.finish())
