"""Legal deadlines end to end: entries registered with `bureau ingest` get the
due date of their kind (checked against an independent Python computation
over data/holidays-ma.txt); after moving them to chosen dates (received_at
rewritten in SQLite, due date recomputed by `bureau reclassify`), `bureau due`,
`overdue`, `extend` and `stats` (JSON, CSV, table) are checked against values
computed here from the scenario."""
import csv
import email
import email.policy
import datetime as dt
import io
import json
import os
import sqlite3
import sys
import time
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import (SRC, BIN, Tally, skip, tempdir, rmtree, write_config, bureau, db_rows,  # noqa: E402
                    free_port)
from workdays import working  # noqa: E402

TZ = "Africa/Casablanca"
TODAY = dt.date(2026, 3, 16)  # a Monday; passed as --today

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
kind petition
  name_fr: Pétition
  name_ar: عريضة
  deadline: 3 months
kind suggestion
  name_fr: Suggestion
  name_ar: اقتراح
  deadline: none
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
rule "petition"
  kind: petition
  pattern: petition
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

# number -> (subject, kind, department, received date, urgent, status,
#            [(date, old, new)] status events written with chosen times)
SCENARIO = [
    ("Reclamation permis de construire", "complaint", "urbanisme", dt.date(2026, 1, 5), 0,
     "closed", [(dt.date(2026, 2, 20), "registered", "answered"),
                (dt.date(2026, 2, 25), "answered", "closed")]),
    ("Reclamation route abimee", "complaint", "travaux-voirie", dt.date(2026, 1, 10), 0,
     "registered", []),
    ("Demande d'information permis", "information-request", "urbanisme", dt.date(2026, 3, 2), 0,
     "in-progress", [(dt.date(2026, 3, 3), "registered", "in-progress")]),
    ("Demande d'information route", "information-request", "travaux-voirie",
     dt.date(2026, 2, 16), 0, "routed", []),
    ("Petition route du souk", "petition", "travaux-voirie", dt.date(2025, 12, 31), 0,
     "routed", []),
    ("Bonjour", "correspondence", "direction-services", dt.date(2026, 3, 10), 0,
     "registered", []),
    ("Reclamation route inondee", "complaint", "travaux-voirie", dt.date(2025, 11, 20), 0,
     "in-progress", [(dt.date(2026, 1, 25), "registered", "answered"),
                     (dt.date(2026, 2, 1), "answered", "in-progress")]),
    ("Demande d'information urgente permis", "information-request", "urbanisme",
     dt.date(2026, 3, 13), 1, "in-progress", []),
    ("Reclamation permis refuse", "complaint", "urbanisme", dt.date(2026, 2, 1), 0,
     "registered", []),  # rejected below through `bureau status`
    ("Reclamation permis bruit", "complaint", "urbanisme", dt.date(2026, 1, 20), 0,
     "answered", [(dt.date(2026, 3, 21), "routed", "answered")]),  # answered on its due date
    ("Demande d'information permis de lotir", "information-request", "urbanisme",
     dt.date(2026, 5, 20), 0, "registered", []),  # Eid al-Adha inside its 20 working days
]
CLOSED = {"answered", "closed", "rejected", "transferred"}


# --- independent deadline arithmetic ---------------------------------------
def add_working(d, n):
    while n > 0:
        d += dt.timedelta(days=1)
        if working(d):
            n -= 1
    return d


def add_months(d, n):
    idx = d.year * 12 + d.month - 1 + n
    y, m = divmod(idx, 12)
    m += 1
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, min(d.day, last))


def py_due(kind, received, urgent=0, extended=0):
    if kind == "complaint":
        return received + dt.timedelta(days=60)
    if kind == "information-request":
        if urgent:
            return received + dt.timedelta(days=3)
        return add_working(received, 40 if extended else 20)
    if kind == "petition":
        return add_months(received, 3)
    return None


def epoch(d, hour=11):
    return int(time.mktime((d.year, d.month, d.day, hour, 0, 0, 0, 0, -1)))


def local_date(t):
    return dt.date.fromtimestamp(t)


def message(i, subject):
    return (f"From: Citoyen {i} <citoyen{i}@example.test>\r\nTo: bo@commune.test\r\n"
            f"Subject: {subject}\r\nMessage-ID: <dl{i}.{os.getpid()}@example.test>\r\n"
            f"Date: Mon, 2 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{subject}, merci.\r\n").encode()


def display_width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


# --- the checks ------------------------------------------------------------
def setup(t, d):
    rules = os.path.join(d, "rules")
    os.mkdir(rules)
    with open(os.path.join(rules, "test.rules"), "w", encoding="utf-8") as f:
        f.write(RULES)
    # SMTP is configured so that notices are queued; nothing is ever sent
    # (no `outbox send`), the port is a closed loopback one.
    conf = write_config(os.path.join(d, "bureau.conf"), os.path.join(d, "bureau.db"),
                        rules=rules, smtp={"url": f"smtp://127.0.0.1:{free_port()}",
                                           "tls": "none", "from": "bo@commune.test"})
    p = bureau(conf, "init")
    if not t.check(p.returncode == 0, f"bureau init: {p.stderr}"):
        return None
    numbers = []
    for i, (subject, kind, dept, *_rest) in enumerate(SCENARIO):
        path = os.path.join(d, f"m{i}.eml")
        with open(path, "wb") as f:
            f.write(message(i, subject))
        p = bureau(conf, "ingest", path)
        if not t.check(p.returncode == 0, f"ingest m{i}: rc {p.returncode} {p.stderr}"):
            return None
    rows = db_rows(os.path.join(d, "bureau.db"),
                   "SELECT number, kind, department, received_at, due_date FROM entries ORDER BY id")
    t.eq(len(rows), len(SCENARIO), "entries registered")
    for (number, kind, dept, received, due), sc in zip(rows, SCENARIO):
        numbers.append(number)
        t.eq((kind, dept), (sc[1], sc[2]), f"{number} classified")
        want = py_due(kind, local_date(received))
        t.eq(due, want.isoformat() if want else None, f"{number} due date at registration")
    return conf, numbers


def move_to_scenario(t, conf, db, numbers):
    con = sqlite3.connect(db)
    for number, (subject, kind, dept, received, urgent, status, events) in zip(numbers, SCENARIO):
        con.execute("UPDATE entries SET received_at = ?, urgent = ?, status = ? WHERE number = ?",
                    (epoch(received), urgent, status, number))
        eid = con.execute("SELECT id FROM entries WHERE number = ?", (number,)).fetchone()[0]
        for day, old, new in events:
            con.execute("INSERT INTO events (entry_id, at, actor, action, detail) "
                        "VALUES (?, ?, 'test', 'status', ?)", (eid, epoch(day, 15), f"{old} -> {new}"))
    con.commit()
    con.close()
    for number, sc in zip(numbers, SCENARIO):
        p = bureau(conf, "reclassify", number, sc[1])
        t.check(p.returncode == 0, f"reclassify {number}: {p.stderr}")
    plain = received = SCENARIO[10][3]
    for _ in range(20):
        plain += dt.timedelta(days=1)
        while plain.weekday() >= 5:
            plain += dt.timedelta(days=1)
    t.check(py_due("information-request", received) > plain,
            "the scenario has a holiday inside a working-day deadline")
    got = dict(db_rows(db, "SELECT number, due_date FROM entries"))
    for number, sc in zip(numbers, SCENARIO):
        want = py_due(sc[1], sc[3], sc[4])
        t.eq(got[number], want.isoformat() if want else None, f"{number} due date recomputed")
    # a complaint rejected through the real life-cycle command
    p = bureau(conf, "status", numbers[8], "rejected", "--code", "outside-remit")
    t.check(p.returncode == 0, f"status rejected: {p.stdout} {p.stderr}")


def expected_open(numbers, lo, hi, dept=None):
    out = []
    for number, sc in zip(numbers, SCENARIO):
        status = "rejected" if number == numbers[8] else sc[5]
        due = py_due(sc[1], sc[3], sc[4])
        if due and status not in CLOSED and lo <= due <= hi and (dept is None or dept == sc[2]):
            out.append((due.isoformat(), number))
    return [n for _, n in sorted(out)]


def check_due(t, conf, numbers):
    for within, days in (("7d", 7), ("15", 15), ("2w", 14)):
        p = bureau(conf, "due", "--within", within, "--today", TODAY.isoformat(), json_out=True)
        if not t.check(p.returncode == 0 and isinstance(p.json, list), f"due {within}: {p.stderr}"):
            continue
        want = expected_open(numbers, TODAY, TODAY + dt.timedelta(days=days))
        t.eq([r["number"] for r in p.json], want, f"due --within {within}")
        for r in p.json:
            left = (dt.date.fromisoformat(r["due_date"]) - TODAY).days
            t.eq(r["days_left"], left, f"days_left of {r['number']}")
    p = bureau(conf, "due", "--within", "30d", "--department", "urbanisme", "--today",
               TODAY.isoformat(), "--json")
    got = json.loads(p.stdout) if p.returncode == 0 else None
    t.eq([r["number"] for r in got or []],
         expected_open(numbers, TODAY, TODAY + dt.timedelta(days=30), "urbanisme"),
         "due --department urbanisme (--json after the command)")
    p = bureau(conf, "due", "--within", "7d", "--today", TODAY.isoformat())
    t.check(p.returncode == 0 and numbers[2] not in p.stdout and numbers[3] in p.stdout,
            f"due table: {p.stdout}")
    # hostile subject: terminal escapes and bidi overrides never reach the table
    con = sqlite3.connect(os.path.join(os.path.dirname(conf), "bureau.db"))
    con.execute("UPDATE entries SET subject = ? WHERE number = ?",
                ("\x1b]0;pwned\x07\x1b[31mrouge\u202e\r\nX" + "ش" * 300, numbers[3]))
    con.commit()
    con.close()
    p = bureau(conf, "due", "--within", "7d", "--today", TODAY.isoformat())
    t.check(p.returncode == 0 and "\x1b" not in p.stdout and "\u202e" not in p.stdout
            and "\x07" not in p.stdout and "rouge" in p.stdout, f"table is terminal-safe: {p.stdout!r}")
    widths = [display_width(ln) for ln in p.stdout.splitlines()[:3]]
    t.check(max(widths) < 200, f"long subjects are cut: {widths}")
    p = bureau(conf, "due", "--within", "soon")
    t.eq(p.returncode, 64, "due --within soon is a usage error")


def check_overdue(t, conf, numbers):
    p = bureau(conf, "overdue", "--today", TODAY.isoformat(), json_out=True)
    if t.check(p.returncode == 0 and isinstance(p.json, list), f"overdue: {p.stderr}"):
        want = expected_open(numbers, dt.date(1900, 1, 1), TODAY - dt.timedelta(days=1))
        t.eq([r["number"] for r in p.json], want, "overdue items, oldest first")
        t.check(len(want) >= 2, "scenario has overdue items")
        for r in p.json:
            late = (TODAY - dt.date.fromisoformat(r["due_date"])).days
            t.eq(r["days_overdue"], late, f"days_overdue of {r['number']}")
    p = bureau(conf, "overdue", "--department", "urbanisme", "--today", TODAY.isoformat(),
               json_out=True)
    t.eq([r["number"] for r in p.json or []],
         expected_open(numbers, dt.date(1900, 1, 1), TODAY - dt.timedelta(days=1), "urbanisme"),
         "overdue --department urbanisme")
    p = bureau(conf, "overdue", "--today", "2026-02-30")
    t.eq(p.returncode, 64, "overdue with an impossible date")


def status_mails(conf, db, number):
    """The text of each status mail queued about number, as `bureau outbox
    show` composes it (composed messages are 7-bit)."""
    rows = db_rows(db, "SELECT o.id FROM outbox o JOIN entries e ON e.id = o.entry_id "
                       "WHERE e.number = ? AND o.purpose = 'status' ORDER BY o.id", (number,))
    out = []
    for (oid,) in rows:
        p = bureau(conf, "outbox", "show", str(oid))
        if p.returncode != 0:
            raise AssertionError(f"outbox show {oid}: {p.stderr}")
        msg = email.message_from_bytes(p.stdout.encode("ascii"), policy=email.policy.default)
        out.append("\n".join(part.get_content() for part in msg.walk()
                             if part.get_content_type() == "text/plain"))
    return out


def check_extend(t, conf, db, numbers):
    info = numbers[2]
    mails_before = status_mails(conf, db, info)
    p = bureau(conf, "extend", info, actor="clerk-amina")
    t.eq(p.returncode, 64, "extend without --reason")
    p = bureau(conf, "extend", info, "--reason", "Documents à réunir auprès de l'ONEE / وثائق",
               actor="clerk-amina")
    t.check(p.returncode == 0, f"extend: {p.stdout} {p.stderr}")
    want = py_due("information-request", SCENARIO[2][3], extended=1)
    got = db_rows(db, "SELECT due_date FROM entries WHERE number = ?", (info,))[0][0]
    t.eq(got, want.isoformat(), "extended due date = 40 working days")
    ev = db_rows(db, "SELECT actor, detail FROM events e JOIN entries n ON n.id = e.entry_id "
                     "WHERE n.number = ? AND action = 'extended'", (info,))
    t.eq(ev, [("clerk-amina", "Documents à réunir auprès de l'ONEE / وثائق")], "extension event")
    mails = status_mails(conf, db, info)
    t.eq(len(mails), len(mails_before) + 1, "one notice queued to the requester")
    if mails:
        t.check(want.isoformat() in mails[-1] and "auprès de l'ONEE" in mails[-1],
                f"notice gives the new deadline and the reason: {mails[-1][:400]}")
    p = bureau(conf, "extend", info, "--reason", "again")
    t.check(p.returncode != 0 and "already" in p.stderr, f"second extension refused: {p.stderr}")
    t.eq(db_rows(db, "SELECT due_date FROM entries WHERE number = ?", (info,))[0][0],
         want.isoformat(), "second extension changed nothing")
    for n, why in ((numbers[1], "complaint"), (numbers[7], "urgent"), (numbers[8], "rejected")):
        before = db_rows(db, "SELECT due_date FROM entries WHERE number = ?", (n,))[0][0]
        p = bureau(conf, "extend", n, "--reason", "x")
        t.check(p.returncode != 0, f"extend of a {why} refused")
        t.eq(db_rows(db, "SELECT due_date FROM entries WHERE number = ?", (n,))[0][0], before,
             f"{why}: due date unchanged")
    p = bureau(conf, "extend", "2026/999999", "--reason", "x")
    t.check(p.returncode != 0, "extend of an unknown number fails")
    p = bureau(conf, "extend", numbers[3], "--reason", "line\nbreak")
    t.eq(p.returncode, 64, "a reason with a newline is refused")


def expected_stats(numbers, lo, hi):
    """The figures, computed from the scenario (not from the database)."""
    ex = {"entries": 0, "by_kind": {}, "by_department": {}, "by_status": {}, "answered": 0,
          "answered_on_time": 0, "answered_late": 0, "pending_overdue": 0, "reopened": 0}
    delays, comp, codes = [], {}, {}
    for number, (subject, kind, dept, received, urgent, status, events) in zip(numbers, SCENARIO):
        if not lo <= received <= hi:
            continue
        if number == numbers[8]:
            status = "rejected"
            codes["outside-remit"] = codes.get("outside-remit", 0) + 1
        due = py_due(kind, received, urgent, extended=number == numbers[2])
        ex["entries"] += 1
        for key, val in (("by_kind", kind), ("by_department", dept), ("by_status", status)):
            ex[key][val] = ex[key].get(val, 0) + 1
        answers = [d for d, old, new in events if new in ("answered", "closed")]
        if answers:
            ex["answered"] += 1
            delays.append((answers[0] - received).days)
            if due:
                ex["answered_on_time" if answers[0] <= due else "answered_late"] += 1
        elif status not in CLOSED and due and due < TODAY:
            ex["pending_overdue"] += 1
        ex["reopened"] += any(old in CLOSED and new not in CLOSED for _, old, new in events)
        if kind == "complaint":
            c = comp.setdefault(dept, {"total": 0, "answered": 0, "rejected": 0,
                                       "transferred": 0, "pending": 0})
            c["total"] += 1
            c["answered" if status in ("answered", "closed") else
              status if status in ("rejected", "transferred") else "pending"] += 1
    den = ex["answered_on_time"] + ex["answered_late"] + ex["pending_overdue"]
    ex["on_time_share"] = ex["answered_on_time"] / den if den else None
    delays.sort()
    n = len(delays)
    ex["days"] = {"count": n, "average": sum(delays) / n if n else None,
                  "median": (delays[n // 2] if n % 2 else (delays[n // 2 - 1] + delays[n // 2]) / 2)
                  if n else None}
    ex["complaints"] = comp
    ex["codes"] = codes
    return ex


def close(a, b):
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 0.01)


def check_stats_json(t, conf, numbers, lo, hi):
    p = bureau(conf, "stats", "--from", lo.isoformat(), "--to", hi.isoformat(), "--today",
               TODAY.isoformat(), json_out=True)
    if not t.check(p.returncode == 0 and isinstance(p.json, dict), f"stats json: {p.stderr}"):
        return None
    j, ex = p.json, expected_stats(numbers, lo, hi)
    what = f"stats {lo}..{hi}"
    for key in ("entries", "by_kind", "by_department", "by_status", "answered",
                "answered_on_time", "answered_late", "pending_overdue", "reopened"):
        t.eq(j.get(key), ex[key], f"{what}: {key}")
    t.check(close(j.get("on_time_share"), ex["on_time_share"]),
            f"{what}: on_time_share {j.get('on_time_share')} vs {ex['on_time_share']}")
    d = j.get("days_to_answer", {})
    t.eq(d.get("count"), ex["days"]["count"], f"{what}: days_to_answer count")
    t.check(close(d.get("average"), ex["days"]["average"]), f"{what}: average {d}")
    t.check(close(d.get("median"), ex["days"]["median"]), f"{what}: median {d}")
    t.eq(j.get("complaints", {}).get("by_department"), ex["complaints"],
         f"{what}: complaints by department and outcome")
    t.eq(j.get("complaints", {}).get("rejected_by_code"), ex["codes"], f"{what}: rejected by code")
    return j


def check_stats(t, conf, numbers):
    j = check_stats_json(t, conf, numbers, dt.date(2025, 11, 1), dt.date(2026, 3, 31))
    check_stats_json(t, conf, numbers, dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    check_stats_json(t, conf, numbers, dt.date(2026, 3, 13), dt.date(2026, 3, 13))
    if j:
        t.eq(j["labels"]["kind"]["complaint"], {"fr": "Réclamation", "ar": "شكاية"},
             "stats labels from the rules")
        t.check(j["reopened"] == 1 and j["answered"] == 3, "scenario anchors: 1 reopened, 3 answered")
    p = bureau(conf, "stats", "--from", "2025-11-01", "--to", "2026-03-31", "--today",
               TODAY.isoformat(), "--csv")
    raw = p.stdout
    t.check(p.returncode == 0 and raw.startswith("\ufeff"), "stats csv starts with a BOM")
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff"))))
    t.eq(rows[0] if rows else None, ["section", "key", "sub", "label_fr", "label_ar", "value"],
         "csv header")
    cells = {(r[0], r[1], r[2]): r for r in rows[1:] if len(r) == 6}
    if j:
        t.eq(int(cells.get(("total", "entries", ""), [0] * 6)[5]), j["entries"], "csv total")
        t.eq(int(cells.get(("kind", "complaint", ""), [0] * 6)[5]), j["by_kind"]["complaint"],
             "csv complaints")
        t.eq(cells.get(("kind", "complaint", ""), [""] * 6)[4], "شكاية", "csv Arabic label")
        t.eq(int(cells.get(("complaints", "urbanisme", "rejected"), [0] * 6)[5]),
             j["complaints"]["by_department"]["urbanisme"]["rejected"], "csv complaints outcome")
        t.check(abs(float(cells.get(("timeliness", "on_time_share", ""), ["0"] * 6)[5]) -
                    j["on_time_share"]) < 0.001, "csv on-time share")
    p = bureau(conf, "stats", "--from", "2025-11-01", "--to", "2026-03-31", "--today",
               TODAY.isoformat())
    t.check(p.returncode == 0 and "شكاية" in p.stdout and "Réclamation" in p.stdout,
            "stats table has Arabic and French labels")
    check_alignment(t, p.stdout)
    p = bureau(conf, "stats", "--from", "2026-03-31", "--to", "2026-01-01")
    t.eq(p.returncode, 64, "stats with --to before --from")


def check_alignment(t, text):
    """In the 'by kind' section the right-aligned count column must end at the
    same display column on every row, whatever the Arabic labels' byte length."""
    lines = text.splitlines()
    try:
        start = next(i for i, ln in enumerate(lines) if ln.startswith("Par type"))
    except StopIteration:
        t.check(False, "stats table has a 'Par type' section")
        return
    ends = set()
    rows = 0
    for ln in lines[start + 1:]:
        if not ln.startswith("  "):
            break
        rows += 1
        parts = ln.rstrip().rsplit("  ", 1)
        ends.add(display_width(parts[0].rstrip()))
    t.check(rows >= 3 and len(ends) == 1, f"counts aligned by display width ({rows} rows, {ends})")


def check_urgent(t, conf, db, numbers):
    """`bureau urgent` (when the command is registered in main.c)."""
    p = bureau(conf, "urgent", "--help")
    if p.returncode != 0:
        print("note: `bureau urgent` is not registered; its checks are skipped", flush=True)
        return

    def due_of(n):
        return db_rows(db, "SELECT due_date, urgent FROM entries WHERE number = ?", (n,))[0]

    info, received = numbers[10], SCENARIO[10][3]
    p = bureau(conf, "urgent", info, "--reason", "Santé d'un enfant", actor="clerk-omar")
    t.check(p.returncode == 0, f"urgent: {p.stderr}")
    t.eq(due_of(info), ((received + dt.timedelta(days=3)).isoformat(), 1), "urgent: 3 days")
    ev = db_rows(db, "SELECT actor, detail FROM events e JOIN entries n ON n.id = e.entry_id "
                     "WHERE n.number = ? AND action = 'urgent'", (info,))
    t.eq(ev, [("clerk-omar", "Santé d'un enfant")], "urgent event with the reason")
    p = bureau(conf, "urgent", info, "--reason", "again")
    t.eq(p.returncode, 1, "already urgent")
    p = bureau(conf, "urgent", info, "--off", "--reason", "erreur")
    t.eq(due_of(info), (py_due("information-request", received).isoformat(), 0),
         "urgent --off restores 20 working days")
    p = bureau(conf, "urgent", numbers[2], "--reason", "danger")
    t.eq(due_of(numbers[2]), ((SCENARIO[2][3] + dt.timedelta(days=3)).isoformat(), 1),
         "urgent replaces an extended deadline")
    p = bureau(conf, "urgent", numbers[2], "--off", "--reason", "fin")
    t.eq(due_of(numbers[2])[0], py_due("information-request", SCENARIO[2][3], extended=1).isoformat(),
         "urgent --off restores the extension")
    before = due_of(numbers[1])
    p = bureau(conf, "urgent", numbers[1], "--reason", "x")
    t.check(p.returncode == 1 and due_of(numbers[1]) == before, "a complaint has no urgent deadline")


def main():
    t = Tally("deadlines")
    if not os.access(BIN, os.X_OK):
        skip(f"no bureau binary at {BIN}")
    os.environ["TZ"] = TZ
    time.tzset()
    d = tempdir()
    try:
        res = setup(t, d)
        if res:
            conf, numbers = res
            db = os.path.join(d, "bureau.db")
            move_to_scenario(t, conf, db, numbers)
            check_due(t, conf, numbers)
            check_overdue(t, conf, numbers)
            check_extend(t, conf, db, numbers)
            check_stats(t, conf, numbers)
            check_urgent(t, conf, db, numbers)
    finally:
        rmtree(d)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
