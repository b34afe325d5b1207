"""Daily deadline digests: each department head gets every open item of the
department, with its working days left and its own reply address (issue 16
item 4); overdue items are escalated to the direction des services; a
second run the same day queues nothing; closed items are left out."""
import email
import email.policy
import glob
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from common import Tally, bureau, db_rows, rmtree, tempdir, write_config, SRC  # noqa: E402
from smtpd import Smtpd  # noqa: E402

t = Tally("remind")
work = tempdir()
db = os.path.join(work, "bureau.db")
smtp = Smtpd(work)
DAY = 86400


def heads(dept):
    """Head addresses of a department, read from the default rules."""
    out, cur = [], None
    for f in sorted(glob.glob(os.path.join(SRC, "rules", "*.rules"))):
        for line in open(f, encoding="utf-8"):
            s = line.strip()
            if s.startswith("department "):
                cur = s.split()[1]
            elif cur == dept and s.startswith("heads:"):
                out += [a.strip().lower() for a in s[6:].split(",") if a.strip()]
    return out


try:
    smtp.start()
    conf = write_config(os.path.join(work, "bureau.conf"), db,
                        smtp={"url": f"smtp://127.0.0.1:{smtp.port}", "tls": "none",
                              "from": "bo@commune.test", "max_auto_per_day": "100"},
                        extra="[reminders]\ndue_soon_days = 7\n")
    samples = sorted(glob.glob(os.path.join(SRC, "tests", "data", "samples", "*.eml")))
    t.eq(bureau(conf, "init").returncode, 0, "init")
    p = bureau(conf, "ingest", *samples[:4])
    t.eq(p.returncode, 0, f"ingest: {p.stderr}")
    # 1: overdue, 2: due in 3 days, 3: due in 30 days, 4: overdue but answered
    today = time.time()
    due = {1: today - 5 * DAY, 2: today + 3 * DAY, 3: today + 30 * DAY, 4: today - 2 * DAY}
    con = sqlite3.connect(db)
    for seq, when in due.items():
        con.execute("UPDATE entries SET due_date = ?, department = ? WHERE seq = ?",
                    (time.strftime("%Y-%m-%d", time.localtime(when)),
                     "hygiene-environnement" if seq != 3 else "urbanisme", seq))
    con.execute("UPDATE entries SET status = 'answered' WHERE seq = 4")
    con.commit()
    con.close()
    before = db_rows(db, "SELECT count(*) FROM outbox")[0][0]
    p = bureau(conf, "remind")
    t.eq(p.returncode, 0, f"remind: {p.stderr}")
    hy, dgs = heads("hygiene-environnement"), heads("direction-services")
    t.check(hy and dgs, f"heads found in the rules: {hy} {dgs}")
    ur = heads("urbanisme")
    t.check(p.stdout.startswith(f"{len(hy) + len(ur) + len(dgs)} digest"),
            f"one digest per head with open items, and the escalation: {p.stdout!r}")
    p = bureau(conf, "outbox", "send", "--now")
    t.eq(p.returncode, 0, f"outbox send: {p.stderr}")
    got = {}
    for _f, rcpts, data in smtp.messages():
        m = email.message_from_bytes(data, policy=email.policy.default)
        body = m.get_body(preferencelist=("plain",)).get_content()
        if "Échéances" not in str(m["Subject"]):
            continue  # acknowledgements and routed items of the ingest
        for r in rcpts:
            got.setdefault(r.lower(), []).append((m, body))
    year = time.localtime().tm_year
    n1, n2, n3, n4 = (f"{year}/{i:06d}" for i in (1, 2, 3, 4))
    for h in hy:
        digests = [b for m, b in got.get(h, []) if "Escalade" not in str(m["Subject"])]
        t.eq(len(digests), 1, f"{h} gets one digest")
        if digests:
            b = digests[0]
            t.check(n1 in b and n2 in b, f"digest lists the overdue and the due-soon item")
            t.check(n3 not in b, "another department's item is not listed")
            t.check(n4 not in b, "an answered item is not listed")
            t.check("j ouvrables de retard" in b and "j ouvrables restants" in b,
                    f"with the working days late or left: {b}")
            t.eq(b.count("Répondre / للرد : "), 2, "each item with its reply address")
    for h in dgs:
        esc = [b for m, b in got.get(h, []) if "Escalade" in str(m["Subject"])]
        t.eq(len(esc), 1, f"overdue item escalated to the direction des services ({h})")
        if esc:
            t.check(n2 not in esc[0], "escalation lists only overdue items")
    for h in ur:
        dg = [b for m, b in got.get(h, []) if "Escalade" not in str(m["Subject"])]
        t.check(len(dg) == 1 and n3 in dg[0] and n1 not in dg[0],
                f"urbanisme's head gets its open item, due in 30 days: {dg}")
        w = 0
        if dg:
            import re
            mo = re.search(r"\((\d+) j ouvrables restants", dg[0])
            w = int(mo.group(1)) if mo else 0
        t.check(18 <= w <= 23, f"30 calendar days are about 20-22 working days: {w}")
    auto = [m["Auto-Submitted"] for lst in got.values() for m, b in lst]
    t.check(auto and all(a and a != "no" for a in auto), "digests are marked Auto-Submitted")
    # the daemon's once-a-day record: serve would not queue them again today
    t.eq(len(db_rows(db, "SELECT day FROM reminder_runs")), 1, "today's run is recorded")
    t.check(db_rows(db, "SELECT count(*) FROM outbox")[0][0] > before, "digests went through the outbox")
finally:
    smtp.stop()
    rmtree(work)

sys.exit(t.finish())
