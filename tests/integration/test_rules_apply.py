"""`bureau rules apply` does what `reclassify` and `assign` do (issue 12 item 5).

Two pairs of twin entries are registered with one set of rules, then the rules
change. One twin of each pair is corrected by `rules apply`, the other by hand
(`reclassify`, `assign`). The two twins must end alike:
- a correspondence entry (no deadline) moved to complaint gets the complaint's
  due date (and shows up in `bureau due`), and the new department's head is
  queued the routed item, with the events recorded;
- a complaint moved to correspondence loses its 60-day deadline.
Before the fix `apply` only changed the columns: no due date, no routed mail,
the old 60-day deadline kept."""
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import SRC, Tally, bureau, clean_up, db_rows, tempdir, write_config  # noqa: E402

SMTP = {"url": "smtp://127.0.0.1:9", "tls": "none", "from": "bo@commune.test",
        "max_auto_per_day": "100"}

BEFORE = """rule "test: lampadaire"
  department: urbanisme
  kind: correspondence
  weight: 50
  pattern: lampadaire
rule "test: trottoir"
  department: travaux-voirie
  kind: complaint
  weight: 50
  pattern: trottoir
"""

AFTER = """rule "test: lampadaire"
  department: eclairage-public
  kind: complaint
  weight: 50
  pattern: lampadaire
rule "test: trottoir"
  department: travaux-voirie
  kind: correspondence
  weight: 50
  pattern: trottoir
"""


def rules_with(work, name, text):
    d = os.path.join(work, name)
    shutil.copytree(os.path.join(SRC, "rules"), d)
    with open(os.path.join(d, "99-test.rules"), "w", encoding="utf-8") as f:
        f.write(text)
    return d


def message(i, word):
    return (f"From: Citoyen {i} <c{i}@example.test>\r\nTo: bo@commune.test\r\n"
            f"Subject: Au sujet du {word}\r\nMessage-ID: <apply-{i}@example.test>\r\n"
            f"Date: Mon, 16 Nov 2026 10:00:00 +0000\r\n\r\nLe {word} devant chez moi.\r\n")


def entry(db, number):
    rows = db_rows(db, "SELECT id, kind, department, due_date, status FROM entries "
                       "WHERE number = ?", (number,))
    return rows[0] if rows else None


def routed_to(db, entry_id):
    return sorted(r[0] for r in db_rows(db, "SELECT rcpt FROM outbox WHERE entry_id = ? AND "
                                            "purpose = 'routed'", (entry_id,)))


def actions(db, entry_id):
    return sorted(r[0] for r in db_rows(db, "SELECT action FROM events WHERE entry_id = ? "
                                            "AND actor = 'amina'", (entry_id,)))


def main():
    t = Tally("rules_apply")
    work = tempdir("bureau-apply-")
    try:
        db = os.path.join(work, "bureau.db")
        conf = write_config(os.path.join(work, "before.conf"), db,
                            rules=rules_with(work, "before", BEFORE), smtp=SMTP)
        conf2 = write_config(os.path.join(work, "after.conf"), db,
                             rules=rules_with(work, "after", AFTER), smtp=SMTP)
        t.eq(bureau(conf, "init").returncode, 0, "init")
        for i, word in enumerate(("lampadaire", "lampadaire", "trottoir", "trottoir"), 1):
            p = bureau(conf, "ingest", "-", input=message(i, word))
            t.eq(p.returncode, 0, f"ingest {i}: {p.stderr}")
        a1, a2, c1, c2 = (entry(db, f"2026/00000{i}") for i in range(1, 5))
        t.eq((a1[1], a1[2], a1[3]), ("correspondence", "urbanisme", None),
             "before: the lampadaire entries are correspondence without deadline")
        t.check(c1[1] == "complaint" and c1[3], f"before: the trottoir entries are complaints "
                f"with a deadline ({c1})")

        # by hand, on the second twin of each pair
        for args in (("reclassify", "2026/000002", "complaint"),
                     ("assign", "2026/000002", "eclairage-public"),
                     ("reclassify", "2026/000004", "correspondence")):
            p = bureau(conf2, *args, actor="amina")
            t.eq(p.returncode, 0, f"{' '.join(args)}: {p.stderr}")
        # by the rules, on the first
        p = bureau(conf2, "rules", "apply", "2026/000001", "2026/000003", actor="amina")
        t.eq(p.returncode, 0, f"rules apply: {p.stderr}")
        t.check("2 entries changed" in p.stdout, f"rules apply: two changes: {p.stdout!r}")

        a1, a2, c1, c2 = (entry(db, f"2026/00000{i}") for i in range(1, 5))
        t.eq((a1[1], a1[2]), ("complaint", "eclairage-public"), "apply: kind and department")
        t.check(a2[3] is not None, f"reclassify gave the complaint a due date ({a2})")
        t.eq(a1[3], a2[3], "apply: correspondence -> complaint gets the due date reclassify gives")
        t.eq(a1[4], a2[4], "apply: the same status as assign leaves")
        t.eq(routed_to(db, a1[0]), routed_to(db, a2[0]),
             "apply: the routed items queued are those assign queues")
        t.check("eclairage@commune.example" in routed_to(db, a1[0]),
                f"apply: the new department's head is sent the item ({routed_to(db, a1[0])})")
        t.check({"kind", "due_date", "department"} <= set(actions(db, a1[0])),
                f"apply: kind, due date and department events ({actions(db, a1[0])})")
        p = bureau(conf2, "due", "--within", "90d")
        t.check("2026/000001" in p.stdout, f"apply: the entry is in `due --within 90d`: "
                f"{p.stdout!r} {p.stderr!r}")
        t.eq(c1[1], "correspondence", "apply: complaint -> correspondence")
        t.eq(c1[3], None, "apply: the 60-day deadline is gone")
        t.eq(c1[3], c2[3], "apply: as reclassify leaves it")
        p = bureau(conf2, "rules", "apply", "--all", actor="amina")
        t.check("0 entries changed" in p.stdout, f"apply again changes nothing: {p.stdout!r}")
    finally:
        clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
