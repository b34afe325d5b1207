"""The clerk's desk as the trial found it (issue 13, item 7): registry numbers
typed or pasted in every form, assign to the same department, filters with
unknown values, `bureau departments` / `kinds`, status codes and notes from
stdin. SMTP is configured so that mail is queued (and read back with
`bureau outbox show`); nothing is ever sent: the port is a closed one."""
import csv
import datetime
import email
import email.policy
import html.parser
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import (Tally, bureau, clean_up, db_rows, free_port, tempdir,  # noqa: E402
                    write_config)
from workdays import working_between  # noqa: E402

RULES = """\
department urbanisme
  name_fr: Urbanisme
  name_ar: التعمير
  heads: urba@commune.test
department travaux-voirie
  name_fr: Travaux et voirie
  name_ar: الأشغال والطرق
  heads: voirie@commune.test
department direction-services
  name_fr: Direction des services
  name_ar: مديرية المصالح
  heads: ds@commune.test
kind complaint
  name_fr: Réclamation
  name_ar: شكاية
  deadline: 60 days
kind information-request
  name_fr: Demande d'information
  name_ar: طلب الحصول على المعلومات
  deadline: 20 working days
  urgent: 3 days
  extension: 20 working days
kind correspondence
  name_fr: Courrier
  name_ar: مراسلة
  deadline: none
rule "reclamation"
  kind: complaint
  pattern: reclamation
  weight: 10
rule "information"
  kind: information-request
  pattern: information
  weight: 10
rule "permis"
  department: urbanisme
  pattern: permis
  weight: 10
rule "route"
  department: travaux-voirie
  pattern: route
  weight: 10
"""

YEAR = time.localtime().tm_year
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def message(i, subject, sender="ali@citizen.test", extra="", body="Bonjour,\r\nmerci.\r\n"):
    return (f"From: Ali <{sender}>\r\nTo: bo@commune.test\r\nSubject: {subject}\r\n"
            f"Message-ID: <m{i}-{time.time()}@citizen.test>\r\n"
            f"Date: Mon, 02 Mar 2026 10:00:00 +0000\r\n{extra}"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Transfer-Encoding: 8bit\r\n\r\n{body}").encode("utf-8")


def parts(msg):
    """The mail's own text and HTML (not those of an attached original)."""
    text = html = ""
    for part in msg.walk():
        if part.get_content_type() == "message/rfc822":
            break
        if part.get_content_type() == "text/plain" and not text:
            text = part.get_content()
        elif part.get_content_type() == "text/html" and not html:
            html = part.get_content()
    return text, html


def mails(conf, db, number, purpose):
    """(To, Subject, text part, html part) of each mail of that purpose about
    number, as `bureau outbox show` composes it."""
    rows = db_rows(db, "SELECT o.id FROM outbox o JOIN entries e ON e.id = o.entry_id "
                       "WHERE e.number = ? AND o.purpose = ? ORDER BY o.id", (number, purpose))
    out = []
    for (oid,) in rows:
        p = bureau(conf, "outbox", "show", str(oid))
        msg = email.message_from_bytes(p.stdout.encode("ascii", "replace"),
                                       policy=email.policy.default)
        text, html = parts(msg)
        out.append((str(msg["To"]), str(msg["Subject"]), text, html))
    return out


def events(db, number, action):
    return db_rows(db, "SELECT v.detail FROM events v JOIN entries e ON e.id = v.entry_id "
                       "WHERE e.number = ? AND v.action = ? ORDER BY v.id", (number, action))


def setup(t, d):
    rules = os.path.join(d, "rules")
    os.mkdir(rules)
    with open(os.path.join(rules, "test.rules"), "w", encoding="utf-8") as f:
        f.write(RULES)
    conf = write_config(os.path.join(d, "bureau.conf"), os.path.join(d, "bureau.db"),
                        rules=rules, smtp={"url": f"smtp://127.0.0.1:{free_port()}",
                                           "tls": "none", "from": "bo@commune.test"})
    with open(conf, encoding="utf-8") as f:
        text = f.read().replace("[bureau]\n", "[bureau]\ninternal_domains = commune.test\n", 1)
    with open(conf, "w", encoding="utf-8") as f:
        f.write(text)
    p = bureau(conf, "init")
    t.eq(p.returncode, 0, f"init: {p.stderr}")
    return conf, os.path.join(d, "bureau.db")


def ingest(t, conf, raw):
    p = bureau(conf, "ingest", input=raw)
    t.eq(p.returncode, 0, f"ingest: {p.stderr}")
    return p.stdout.split()[1] if p.stdout.startswith("registered") else None


def check_numbers(t, conf):
    """One parser for every NUMBER: year last, the pasted tag, Arabic-Indic
    digits, bidi marks, and it is the same parser in show, status, assign."""
    want = f"{YEAR}/000003"
    forms = [f"{YEAR}/3", f"3/{YEAR}", f"[BO {YEAR}/000003]", f"BO {YEAR}/000003",
             f"{YEAR}/3".translate(ARABIC_DIGITS), f"\u200f{YEAR}/000003\u200f", " 3 ",
             f"{YEAR}-3"]
    for form in forms:
        p = bureau(conf, "show", form, json_out=True)
        t.eq((p.json or {}).get("number"), want, f"show {form!r}: {p.stderr.strip()}")
    for bad in ["3/3", f"{YEAR}/", "/3", "0", f"{YEAR}/0", "BO", "٣x", "12345/67890"]:
        p = bureau(conf, "show", bad)
        t.check(p.returncode != 0 and "not a registry number" in p.stderr,
                f"show {bad!r} is refused as not a number: {p.stderr.strip()}")
    p = bureau(conf, "show", f"9/{YEAR}")
    t.check(p.returncode != 0 and f"{YEAR}/000009" in p.stderr,
            f"a number not in the register is named in its canonical form: {p.stderr.strip()}")
    p = bureau(conf, "status", f"[BO {YEAR}/000003]", "in-progress", actor="amina")
    t.eq(p.returncode, 0, f"status takes the pasted tag: {p.stderr}")
    p = bureau(conf, "assign", f"3/{YEAR}".translate(ARABIC_DIGITS), "travaux-voirie",
               actor="amina")
    t.eq(p.returncode, 0, f"assign takes Arabic-Indic digits, year last: {p.stderr}")


def check_assign_same(t, conf, db, number):
    before_ev = db_rows(db, "SELECT count(*) FROM events")[0][0]
    before_mail = db_rows(db, "SELECT count(*) FROM outbox")[0][0]
    p = bureau(conf, "assign", number, "urbanisme", actor="amina")
    t.eq(p.returncode, 1, f"assign to the same department is refused: {p.stdout} {p.stderr}")
    t.check("already" in p.stderr and "urbanisme" in p.stderr, f"says why: {p.stderr.strip()}")
    t.eq(db_rows(db, "SELECT count(*) FROM events")[0][0], before_ev, "no event recorded")
    t.eq(db_rows(db, "SELECT count(*) FROM outbox")[0][0], before_mail, "no mail to the head")


def check_triage_confirm(t, conf, db, number):
    """An entry awaiting triage in direction-services, assigned there: the
    triage is confirmed, the head is not mailed again."""
    before_mail = db_rows(db, "SELECT count(*) FROM outbox")[0][0]
    p = bureau(conf, "assign", number, "direction-services", actor="amina")
    t.eq(p.returncode, 0, f"confirming triage: {p.stderr}")
    t.eq(db_rows(db, "SELECT needs_triage FROM entries WHERE number = ?", (number,))[0][0], 0,
         "triage mark cleared")
    t.eq(db_rows(db, "SELECT count(*) FROM outbox")[0][0], before_mail,
         "no second routed mail on triage confirmation")


def check_filters(t, conf):
    for opt, bad, good in [("--status", "done", "in-progress"),
                           ("--department", "urbanism", "urbanisme"),
                           ("--kind", "complaints", "complaint")]:
        p = bureau(conf, "list", opt, bad)
        t.eq(p.returncode, 64, f"list {opt} {bad} is an error, not 0 entries: {p.stdout}")
        t.check(good in p.stderr and bad in p.stderr, f"the error lists {good}: {p.stderr!r}")
    p = bureau(conf, "list", "--department", "urbanism")
    t.check("التعمير" in p.stderr and "Urbanisme" in p.stderr,
            "unknown department: the valid ones with both names")
    p = bureau(conf, "overdue", "--department", "urbanism")
    t.eq(p.returncode, 64, "overdue --department with an unknown id")
    p = bureau(conf, "list", "--department", "urbanisme", json_out=True)
    t.eq(p.returncode, 0, f"a known department still lists: {p.stderr}")
    p = bureau(conf, "departments")
    t.eq(p.returncode, 0, f"bureau departments: {p.stderr}")
    line = [x for x in p.stdout.splitlines() if x.startswith("travaux-voirie")]
    t.check(line and "Travaux et voirie" in line[0] and "الأشغال والطرق" in line[0],
            f"departments: id, French and Arabic names on one line: {p.stdout!r}")
    p = bureau(conf, "departments", json_out=True)
    t.eq([(d["id"], d["name_ar"]) for d in p.json or []][:1], [("urbanisme", "التعمير")],
         "departments --json")
    t.eq((p.json or [{}])[0].get("heads"), ["urba@commune.test"], "departments --json heads")
    p = bureau(conf, "kinds", json_out=True)
    k = {x["id"]: x for x in p.json or []}
    t.eq(k.get("information-request", {}).get("name_fr"), "Demande d'information",
         "kinds --json names")
    t.eq(k.get("information-request", {}).get("deadline"), "20 working days", "kinds deadline")
    t.eq(k.get("correspondence", {}).get("deadline"), None, "no deadline is null")
    p = bureau(conf, "kinds")
    t.check(any(x.startswith("complaint") and "شكاية" in x for x in p.stdout.splitlines()),
            f"kinds text: {p.stdout!r}")


def check_status_code_and_note(t, conf, db, number):
    p = bureau(conf, "status", number, "rejected", "--code", "wrongcode", actor="amina")
    t.eq(p.returncode, 64, "unknown closure code refused")
    t.check("wrongcode" in p.stderr and "outside-remit" in p.stderr and "خارج اختصاص" in p.stderr,
            f"the error names the codes that exist: {p.stderr!r}")
    p = bureau(conf, "status", number, "answered", "--code", "outside-remit", actor="amina")
    t.eq(p.returncode, 64, "a code where none goes is refused")
    t.check("outside-remit" in p.stderr, f"and says so: {p.stderr!r}")
    note = "Votre permis est prêt.\nرخصتكم جاهزة."
    p = bureau(conf, "status", number, "answered", "--note", "-", input=note + "\n",
               actor="amina")
    t.eq(p.returncode, 0, f"status --note - : {p.stderr}")
    got = mails(conf, db, number, "status")
    text = got[-1][2] if got else ""
    t.check("Votre permis est prêt." in text and "رخصتكم جاهزة." in text,
            f"the note read from stdin reaches the citizen: {text[-300:]!r}")
    t.check("\n-\n" not in text, "no literal '-' sent as the note")
    ev = events(db, number, "status")
    t.check(ev and "رخصتكم جاهزة" in ev[-1][0], "the note is in the history")


def check_not_receivable(t, conf, db, number):
    """An open entry closed at once as not receivable: recorded, nobody told."""
    p = bureau(conf, "status", number, "closed", actor="amina")
    t.eq(p.returncode, 64, "an open entry cannot be closed without a code")
    t.check("not-receivable" in p.stderr, f"the error names not-receivable: {p.stderr!r}")
    p = bureau(conf, "status", number, "rejected", "--code", "not-receivable", actor="amina")
    t.eq(p.returncode, 64, "not-receivable is no ground for a rejection")
    before = len(mails(conf, db, number, "status"))
    p = bureau(conf, "status", number, "closed", "--code", "not-receivable", actor="amina")
    t.eq(p.returncode, 0, f"closed --code not-receivable: {p.stderr}")
    t.eq(db_rows(db, "SELECT status, closure_code FROM entries WHERE number = ?", (number,)),
         [("closed", "not-receivable")], "entry closed with the code")
    t.eq(len(mails(conf, db, number, "status")), before, "no status mail for robot mail")
    t.check(any("not-receivable" in (x[0] or "") for x in events(db, number, "closure_code")),
            "the closure is in the history")


class Rows(html.parser.HTMLParser):
    """Counts <tr> outside any <table>."""
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.rows = 0
        self.stray = 0

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.depth += 1
        elif tag == "tr":
            self.rows += 1
            self.stray += self.depth == 0

    def handle_endtag(self, tag):
        if tag == "table":
            self.depth -= 1


def no_terminal(t, what, text):
    t.check("bureau assign" not in text and "bureau status" not in text,
            f"{what}: a head is not told to run a command: {text[-400:]!r}")


def check_notices(t, conf, db, n_info, n_info2, n_rej, n_closed):
    """urgent tells the citizen and the head; the extension's subject names
    the notice; rejected and closed notices carry no deadline."""
    p = bureau(conf, "urgent", n_info, "--reason", "santé d'un enfant / صحة طفل", actor="amina")
    t.eq(p.returncode, 0, f"urgent: {p.stderr}")
    due = db_rows(db, "SELECT due_date FROM entries WHERE number = ?", (n_info,))[0][0]
    st = mails(conf, db, n_info, "status")
    t.eq(len(st), 1, "urgent: one notice to the citizen")
    if st:
        to, subj, text, _ = st[-1]
        t.check("ali@citizen.test" in to, f"the notice goes to the citizen: {to}")
        t.check("urgence" in subj and "الاستعجال" in subj, f"urgent notice subject: {subj!r}")
        t.check(due in text and "urgence" in text and "الاستعجال" in text,
                f"urgent notice: the new deadline in both languages: {text[:600]!r}")
    routed = mails(conf, db, n_info, "routed")
    t.eq(len(routed), 2, "urgent: the item goes to the head again")
    if routed:
        to, subj, text, html_part = routed[-1]
        t.check("urba@commune.test" in to, f"to the head: {to}")
        t.check("URGENT" in subj, f"routed subject says URGENT: {subj!r}")
        t.check("santé d'un enfant" in text and due in text and "مستعجل" in text,
                f"the head gets the reason and the deadline: {text[:700]!r}")
        no_terminal(t, "routed", text + html_part)

    p = bureau(conf, "extend", n_info2, "--reason", "Documents à réunir / وثائق", actor="amina")
    t.eq(p.returncode, 0, f"extend: {p.stderr}")
    st = mails(conf, db, n_info2, "status")
    subj = st[-1][1] if st else ""
    t.check("Prorogation" in subj and "تمديد" in subj, f"extension subject names it: {subj!r}")
    t.check("Transmis au service" not in subj and "Enregistr" not in subj,
            f"extension subject does not name the old status: {subj!r}")

    p = bureau(conf, "status", n_rej, "rejected", "--code", "outside-remit", actor="amina")
    t.eq(p.returncode, 0, f"rejected: {p.stderr}")
    p = bureau(conf, "status", n_closed, "closed", actor="amina")
    t.eq(p.returncode, 0, f"closed: {p.stderr}")
    for number, what in [(n_rej, "rejected"), (n_closed, "closed")]:
        st = mails(conf, db, number, "status")
        text = (st[-1][2] + st[-1][3]) if st else ""
        t.check(bool(st), f"{what}: a notice was queued")
        t.check("Délai légal" not in text and "الأجل القانوني" not in text,
                f"{what} notice shows no legal deadline: {text[:900]!r}")


def check_digest(t, conf, db, n_urgent, n_late):
    past = (datetime.date.today() - datetime.timedelta(days=5)).isoformat()
    with sqlite3.connect(db) as cx:
        cx.execute("UPDATE entries SET due_date = ? WHERE number = ?", (past, n_late))
    p = bureau(conf, "remind")
    t.eq(p.returncode, 0, f"remind: {p.stderr}")
    rows = db_rows(db, "SELECT id, rcpt FROM outbox WHERE purpose = 'digest' ORDER BY id")
    urba = [r for r in rows if r[1] == "urba@commune.test"]
    t.check(bool(urba), f"a digest for the urbanisme head: {rows}")
    if not urba:
        return
    p = bureau(conf, "outbox", "show", str(urba[-1][0]))
    msg = email.message_from_bytes(p.stdout.encode("ascii", "replace"), policy=email.policy.default)
    text, html_part = parts(msg)
    r = Rows()
    r.feed(html_part)
    t.check(r.rows >= 3, f"digest HTML has a header and the items: {r.rows} rows")
    t.eq(r.stray, 0, "no <tr> outside a <table> in the digest")
    late_line = [x for x in text.splitlines() if n_late in x]
    # the digest counts working days (data/holidays-ma.txt), counted here apart
    late = f"{working_between(datetime.date.fromisoformat(past), datetime.date.today())} " \
        "j ouvrables de retard"
    t.check(late_line and late in late_line[0],
            f"the digest says how many working days late ({late}): {late_line}")
    t.check(late in html_part, "days late in the HTML too")
    urgent_line = [x for x in text.splitlines() if n_urgent in x]
    t.check(urgent_line and "URGENT" in urgent_line[0], f"the digest shows urgency: {urgent_line}")
    t.check("مستعجل" in html_part, "urgency in the HTML, in Arabic too")
    no_terminal(t, "digest", text + html_part)


def check_stats_exclude(t, conf, db, n_nr):
    total = db_rows(db, "SELECT count(*) FROM entries")[0][0]
    p = bureau(conf, "stats", json_out=True)
    j = p.json or {}
    t.eq(j.get("not_receivable"), 1, f"stats counts the not-receivable entry apart: {p.stderr}")
    t.eq(j.get("entries"), total - 1, "and leaves it out of the entries")
    t.eq(sum(j.get("by_department", {}).values()), total - 1,
         "the figures by department leave it out")
    t.eq(j.get("by_status", {}).get("closed"), None, "no closed entry in the legal figures")
    p = bureau(conf, "stats", "--csv")
    t.check(any(r.startswith("total,not_receivable,") and r.endswith(",1")
                for r in p.stdout.splitlines()), "stats --csv row not_receivable")


def robot(i, header):
    return message(100 + i, f"Newsletter {i} reclamation permis", sender=f"news{i}@shop.test",
                   extra=header + "\r\n")


def check_robots(t, conf, db, rules_file):
    """With `automatic_mail: not-receivable` the rules close robot mail at
    once: a number, no acknowledgement, no routed item, not in triage."""
    p = bureau(conf, "ingest", input=robot(0, "Auto-Submitted: auto-generated"))
    n0 = p.stdout.split()[1] if p.stdout.startswith("registered") else None
    t.eq(db_rows(db, "SELECT status FROM entries WHERE number = ?", (n0,)), [("routed",)],
         "by default (route) robot mail is routed as before")
    with open(rules_file, "a", encoding="utf-8") as f:
        f.write("settings\n  automatic_mail: not-recevable\n")
    p = bureau(conf, "rules", "check")
    t.check(p.returncode != 0 and "automatic_mail" in p.stderr,
            f"a bad automatic_mail value is a rules error: {p.stderr.strip()}")
    with open(rules_file, "r+", encoding="utf-8") as f:
        text = f.read().replace("not-recevable", "not-receivable")
        f.seek(0)
        f.truncate()
        f.write(text)
    p = bureau(conf, "rules", "check")
    t.eq(p.returncode, 0, f"rules check with automatic_mail: {p.stderr}")
    for i, header in enumerate(["Auto-Submitted: auto-generated",
                                "List-Unsubscribe: <mailto:off@shop.test>",
                                "Precedence: bulk"], start=1):
        before = db_rows(db, "SELECT count(*) FROM outbox")[0][0]
        p = bureau(conf, "ingest", input=robot(i, header))
        t.eq(p.returncode, 0, f"robot {header}: {p.stderr}")
        number = p.stdout.split()[1] if p.stdout.startswith("registered") else None
        t.check(number is not None, f"robot mail keeps its number: {p.stdout!r}")
        t.eq(db_rows(db, "SELECT status, closure_code, needs_triage FROM entries "
                         "WHERE number = ?", (number,)), [("closed", "not-receivable", 0)],
             f"{header}: closed as not receivable")
        t.eq(db_rows(db, "SELECT count(*) FROM outbox")[0][0], before,
             f"{header}: no acknowledgement, no routed item")
        ev = events(db, number, "status")
        t.check(ev and "automatic mail" in ev[-1][0], f"the rules' closure is recorded: {ev}")
    before = db_rows(db, "SELECT count(*) FROM outbox")[0][0]
    n = ingest(t, conf, message(200, "Reclamation permis de construire",
                                sender="salma@citizen.test"))
    t.eq(db_rows(db, "SELECT status FROM entries WHERE number = ?", (n,)), [("routed",)],
         "a person's mail is still routed")
    t.eq(db_rows(db, "SELECT count(*) FROM outbox")[0][0], before + 2, "acknowledged and routed")


def check_internal(t, conf, db):
    """Mail from the commune's own departments: internal correspondence, no
    citizen acknowledgement, never routed back to its sender."""
    before = db_rows(db, "SELECT count(*) FROM outbox")[0][0]
    n_head = ingest(t, conf, message(300, "Reclamation permis : transmission du dossier",
                                     sender="urba@commune.test"))
    row = db_rows(db, "SELECT internal, kind, due_date FROM entries WHERE number = ?", (n_head,))
    t.eq(row, [(1, "correspondence", None)], "a head's mail is internal correspondence")
    t.eq(db_rows(db, "SELECT count(*) FROM outbox")[0][0], before,
         "no acknowledgement to the head, no routed item back to the head")
    ev = [x[0] for x in events(db, n_head, "ack-skipped")]
    t.check(any("internal" in x for x in ev), f"the skipped acknowledgement says why: {ev}")
    ev = [x[0] for x in events(db, n_head, "mail-refused")]
    t.check(any("sender" in x for x in ev), f"not routed back, and said: {ev}")
    p = bureau(conf, "show", n_head, json_out=True)
    t.eq((p.json or {}).get("internal"), True, "show --json: internal")
    p = bureau(conf, "show", n_head)
    t.check("internal" in p.stdout, "show says the entry is internal")

    before = db_rows(db, "SELECT count(*) FROM outbox")[0][0]
    n_dom = ingest(t, conf, message(301, "Route abimee devant la mairie annexe",
                                    sender="rh.service@annexe.commune.test"))
    row = db_rows(db, "SELECT internal, kind, department FROM entries WHERE number = ?", (n_dom,))
    t.eq(row, [(1, "correspondence", "travaux-voirie")],
         "an internal_domains (sub)domain is internal, still routed by the rules")
    rcpts = db_rows(db, "SELECT purpose, rcpt FROM outbox WHERE id > ? ORDER BY id", (before,))
    t.eq(rcpts, [("routed", "voirie@commune.test")], "routed to the head, no acknowledgement")
    p = bureau(conf, "status", n_dom, "answered", "--note", "fait", actor="amina")
    t.eq(p.returncode, 0, f"status on internal mail: {p.stderr}")
    t.eq(len(mails(conf, db, n_dom, "status")), 0, "no citizen status mail for internal mail")

    n_cit = ingest(t, conf, message(302, "Route abimee", sender="karim@commune-test.example"))
    t.eq(db_rows(db, "SELECT internal FROM entries WHERE number = ?", (n_cit,)), [(0,)],
         "a look-alike domain is not internal")


def export(conf, *args):
    p = bureau(conf, "export", *args)
    return p, list(csv.reader(p.stdout.lstrip("\ufeff").splitlines()))


def check_export(t, conf, db, n_rej):
    """The CSV names kinds, services and outcomes in the language asked, and
    gives the letter's date and reference when the message has them."""
    n_ref = ingest(t, conf, message(400, "Reclamation permis de construire",
                                    sender="hind@citizen.test",
                                    body="Réf : 77/DU/2026\r\nMonsieur le Président,\r\n"))
    n_aref = ingest(t, conf, message(401, "Reclamation permis",
                                     sender="omar@citizen.test",
                                     body="المرجع: ٤٥/٢٠٢٦\r\nالسيد الرئيس\r\n"))
    p, rows = export(conf, "--lang", "fr")
    t.eq(p.returncode, 0, f"export --lang fr: {p.stderr}")
    by = {r[0]: r for r in rows[1:]}
    r = by.get(n_ref, [""] * 12)
    t.eq((r[2], r[3]), ("2026-03-02", "77/DU/2026"), "letter date and reference")
    t.eq((r[7], r[8]), ("Réclamation", "Urbanisme"), "kind and service named in French")
    t.eq(by.get(n_aref, [""] * 12)[3], "٤٥/٢٠٢٦", "an Arabic reference")
    t.eq(by.get(f"{YEAR}/000001", [""] * 12)[3], "", "no reference in the text: empty, no guess")
    t.eq(by.get(n_rej, [""] * 12)[9], "Rejeté — Hors des attributions de la commune",
         "outcome named in French with its code")
    p, rows = export(conf, "--lang", "ar")
    by = {r[0]: r for r in rows[1:]}
    r = by.get(n_ref, [""] * 12)
    t.eq((r[7], r[8]), ("شكاية", "التعمير"), "kind and service named in Arabic")
    t.eq(by.get(n_rej, [""] * 12)[9], "مرفوض — خارج اختصاص الجماعة", "outcome in Arabic")
    p = bureau(conf, "export", "--lang", "en")
    t.eq(p.returncode, 64, "--lang en is refused")


def main():
    t = Tally("clerk_desk")
    d = tempdir()
    conf, db = setup(t, d)
    n1 = ingest(t, conf, message(1, "Reclamation permis de construire"))
    n2 = ingest(t, conf, message(2, "Demande d'information route"))
    n3 = ingest(t, conf, message(3, "Reclamation permis bruit"))
    n4 = ingest(t, conf, message(4, "Bonjour"))
    t.eq([n1, n2, n3, n4], [f"{YEAR}/{i:06d}" for i in range(1, 5)], "four entries")
    check_numbers(t, conf)
    check_assign_same(t, conf, db, n1)
    check_triage_confirm(t, conf, db, n4)
    check_filters(t, conf)
    check_status_code_and_note(t, conf, db, n1)
    check_not_receivable(t, conf, db, n2)
    check_stats_exclude(t, conf, db, n2)
    n5 = ingest(t, conf, message(5, "Demande d'information permis"))
    n6 = ingest(t, conf, message(6, "Demande d'information permis de lotir"))
    n7 = ingest(t, conf, message(7, "Reclamation permis refuse"))
    check_notices(t, conf, db, n5, n6, n7, n1)
    n8 = ingest(t, conf, message(8, "Reclamation permis en retard"))
    for number in (n4, n8):
        no_terminal(t, f"routed {number}", "".join(m[2] + m[3] for m in mails(conf, db, number,
                                                                              "routed")))
    check_digest(t, conf, db, n5, n8)
    check_robots(t, conf, db, os.path.join(d, "rules", "test.rules"))
    check_internal(t, conf, db)
    check_export(t, conf, db, n7)
    clean_up(t, d)
    sys.exit(t.finish())


main()
