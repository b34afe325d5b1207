"""The outbox when SMTP goes wrong, against a real aiosmtpd on loopback:
server down then back (nothing lost, nothing doubled), 4xx then success,
5xx permanent (visible, retry, cancel), a crash between 'sending' and 'sent'
(requeued and counted as a possible duplicate), wrong credentials (retried,
not failed), a burst from one sender capped per day, and a DSN about one of
our messages marking that row failed instead of becoming an entry."""
import collections
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, bureau, db_rows, rmtree, skip, tempdir, write_config  # noqa: E402
import smtpd  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
except ImportError:
    skip("python3-aiosmtpd is not installed")

t = Tally("smtp_faults")
work = tempdir()
CAP = 3


def setup(name, server, **smtp):
    d = os.path.join(work, name)
    os.makedirs(d)
    db = os.path.join(d, "bureau.db")
    cfg = {"url": server.url(), "tls": "none", "from": "bo@commune.test",
           "from_name": "Bureau d'ordre", "max_auto_per_day": str(CAP), "timeout": "5"}
    env = smtp.pop("_env", None)
    cfg.update(smtp)
    conf = write_config(os.path.join(d, "bureau.conf"), db,
                        rules=smtpd.write_rules(os.path.join(d, "rules")), smtp=cfg)
    p = bureau(conf, "init", env=env)
    t.eq(p.returncode, 0, f"{name}: init {p.stderr}")
    return conf, db


def states(db):
    return dict(db_rows(db, "SELECT state, count(*) FROM outbox GROUP BY state"))


def no_doubles(server, what):
    ids = collections.Counter(smtpd.parse(b)["Message-ID"] for _, _, b in server.messages())
    t.check(ids and max(ids.values()) == 1, f"{what}: every Message-ID received once: {ids}")


servers = []
try:
    # --- server down, then back ---------------------------------------------
    s1 = smtpd.Smtpd(os.path.join(work, "s1"))
    servers.append(s1)
    conf, db = setup("down", s1)
    for i in range(2):
        bureau(conf, "ingest", input=smtpd.citizen_message(sender=f"c{i}@citizen.test"))
    queued = states(db).get("queued", 0)
    t.eq(queued, 6, "two entries: 2 acks + 4 routed queued")
    p = bureau(conf, "outbox", "send")
    t.eq(p.returncode, 75, f"server down: exit 75 ({p.stdout} {p.stderr})")
    t.eq(states(db), {"queued": 6}, "nothing lost, nothing failed while down")
    att = db_rows(db, "SELECT max(attempts), max(next_attempt_at) - strftime('%s','now'), "
                      "max(last_error IS NOT NULL) FROM outbox")[0]
    t.check(att[0] == 1 and att[1] > 30 and att[2] == 1, f"first row backed off: {att}")
    t.eq(db_rows(db, "SELECT count(*) FROM outbox WHERE attempts > 0")[0][0], 1,
         "a refused connection stops the pass (the others keep their turn)")
    p = bureau(conf, "outbox", "send")
    t.eq(p.returncode, 75, "still down: exit 75")
    t.eq(db_rows(db, "SELECT count(*), max(attempts) FROM outbox WHERE attempts > 0")[0], (2, 1),
         "backoff respected: the backed-off row is not retried, the next one is tried")
    s1.start()
    p = bureau(conf, "outbox", "send")
    t.eq(p.returncode, 0, f"back up: exit 0 ({p.stdout})")
    t.check("sent 4" in p.stdout, f"the rows that were not tried go at once: {p.stdout}")
    p = bureau(conf, "outbox", "send", "--now")
    t.check("sent 2" in p.stdout, f"--now sends the backed-off rows: {p.stdout}")
    t.eq(states(db), {"sent": 6}, "all sent")
    t.eq(len(s1.messages()), 6, "six messages received")
    no_doubles(s1, "down/up")
    s1.stop()
    p = bureau(conf, "outbox", "send")
    t.eq(p.returncode, 0, "nothing due: no connection needed, exit 0")

    # --- a crash between 'sending' and 'sent' --------------------------------
    s1.start()
    bureau(conf, "ingest", input=smtpd.citizen_message(sender="crash@citizen.test"))
    rid = db_rows(db, "SELECT id FROM outbox WHERE rcpt = 'crash@citizen.test'")[0][0]
    import sqlite3
    con = sqlite3.connect(db)
    con.execute("UPDATE outbox SET state = 'sending', claim_pid = 999999, claimed_at = "
                "strftime('%s','now'), attempts = 1 WHERE id = ?", (rid,))
    con.commit()
    con.close()
    p = bureau(conf, "outbox", "send")
    t.check("requeued after interruption 1" in p.stdout, f"interrupted row requeued: {p.stdout}")
    row = db_rows(db, "SELECT state, possible_duplicates FROM outbox WHERE id = ?", (rid,))[0]
    t.eq(row, ("sent", 1), "sent, counted as a possible duplicate")
    p = bureau(conf, "outbox", "list", json_out=True)
    t.check(any(r["id"] == rid and r["possible_duplicates"] == 1 for r in p.json or []),
            "list --json shows possible_duplicates")
    s1.stop()

    # --- 4xx then success, 5xx permanent -------------------------------------
    s2 = smtpd.Smtpd(os.path.join(work, "s2"), script=[
        {"cmd": "RCPT", "match": "bad@", "reply": "550 5.1.1 no such user"},
        {"cmd": "RCPT", "match": "slow@", "reply": "451 4.3.0 try again later", "times": 1},
        {"cmd": "DATA", "match": "later@", "reply": "452 4.3.1 insufficient storage", "times": 1}])
    servers.append(s2)
    s2.start()
    conf, db = setup("codes", s2)
    for who in ("bad", "slow", "later"):
        bureau(conf, "ingest", input=smtpd.citizen_message(sender=f"{who}@citizen.test"))
    p = bureau(conf, "outbox", "send")
    t.eq(p.returncode, 75, f"4xx: exit 75: {p.stdout}")
    t.check("sent 6, deferred 2, failed 1" in p.stdout, f"tally: {p.stdout}")
    rows = dict(db_rows(db, "SELECT rcpt, state FROM outbox WHERE purpose = 'ack'"))
    t.eq(rows, {"bad@citizen.test": "failed", "slow@citizen.test": "queued",
                "later@citizen.test": "queued"}, "550 failed, 451/452 queued")
    err = db_rows(db, "SELECT last_error FROM outbox WHERE rcpt = 'bad@citizen.test'")[0][0]
    t.check("550" in err, f"the server's code is kept: {err}")
    p = bureau(conf, "outbox", "send", "--now")
    t.eq(p.returncode, 0, f"retry after 4xx succeeds: {p.stdout}")
    t.eq(states(db), {"sent": 8, "failed": 1}, "4xx rows sent on retry")
    no_doubles(s2, "4xx")
    p = bureau(conf, "outbox", "list", "--state", "failed", json_out=True)
    failed = p.json or []
    t.eq([r["rcpt"] for r in failed], ["bad@citizen.test"], "failed list shows the 5xx row")
    fid = failed[0]["id"] if failed else 0
    p = bureau(conf, "outbox", "list", "--state", "failed")
    t.check("bad@citizen.test" in p.stdout and "550" in p.stdout, "readable list shows the error")
    p = bureau(conf, "outbox", "retry", str(fid), actor="karim")
    t.eq(p.returncode, 0, f"retry: {p.stderr}")
    p = bureau(conf, "outbox", "send")
    t.eq(states(db).get("failed"), 1, "still refused by the server: failed again")
    p = bureau(conf, "outbox", "cancel", str(fid), actor="karim")
    t.eq(p.returncode, 0, f"cancel: {p.stderr}")
    t.eq(states(db).get("cancelled"), 1, "cancelled")
    p = bureau(conf, "outbox", "cancel", str(fid))
    t.eq(p.returncode, 1, "cancelling twice is an error")
    p = bureau(conf, "outbox", "retry", "999")
    t.eq(p.returncode, 1, "unknown id is an error")
    ev = db_rows(db, "SELECT actor, action FROM events WHERE action LIKE 'mail-%' AND actor = 'karim'")
    t.eq(sorted(a for _, a in ev), ["mail-cancelled", "mail-retry"], "clerk actions in history")
    s2.stop()

    # --- wrong credentials: retried, never failed -----------------------------
    s3 = smtpd.Smtpd(os.path.join(work, "s3"), auth=("bo@commune.test", "right"))
    servers.append(s3)
    s3.start()
    conf, db = setup("auth", s3, user="bo@commune.test", password_env="BUREAU_TEST_SMTP_PW",
                     _env={"BUREAU_TEST_SMTP_PW": "wrong"})
    bureau(conf, "ingest", input=smtpd.citizen_message(), env={"BUREAU_TEST_SMTP_PW": "wrong"})
    p = bureau(conf, "outbox", "send", env={"BUREAU_TEST_SMTP_PW": "wrong"})
    t.eq(p.returncode, 75, f"wrong password: temporary ({p.stdout})")
    t.check("failed" not in states(db), "no row failed for a configuration problem")
    t.check("wrong" not in p.stdout + p.stderr, "the password is not printed")
    p = bureau(conf, "outbox", "send", "--now", env={"BUREAU_TEST_SMTP_PW": "right"})
    t.eq(p.returncode, 0, f"right password: sent ({p.stdout})")
    t.eq(len(s3.messages()), 3, "all three received after the fix")
    s3.stop()

    # --- a burst from one sender --------------------------------------------
    s4 = smtpd.Smtpd(os.path.join(work, "s4"))
    servers.append(s4)
    s4.start()
    conf, db = setup("burst", s4)
    for i in range(8):
        bureau(conf, "ingest", input=smtpd.citizen_message(sender="burst@citizen.test",
                                                           subject=f"شكاية رقم {i}"))
    t.eq(db_rows(db, "SELECT count(*) FROM entries")[0][0], 8, "every message registered")
    t.eq(db_rows(db, "SELECT count(*) FROM outbox WHERE purpose = 'ack'")[0][0], CAP,
         f"only {CAP} acknowledgements queued")
    t.eq(db_rows(db, "SELECT count(*) FROM events WHERE action = 'ack-skipped' "
                     "AND detail LIKE '%cap%'")[0][0], 8 - CAP, "the others recorded as capped")
    bureau(conf, "outbox", "send")
    t.eq(len([1 for _, r, _ in s4.messages() if r == ["burst@citizen.test"]]), CAP,
         f"{CAP} acknowledgements received")
    t.eq(len([1 for _, r, _ in s4.messages() if r[0] in smtpd.HEADS]), 16,
         "every routed item still goes to the department")

    # --- a DSN about our acknowledgement -------------------------------------
    ack_id, n_entries = db_rows(db, "SELECT message_id, (SELECT count(*) FROM entries) FROM outbox "
                                    "WHERE purpose = 'ack' ORDER BY id LIMIT 1")[0]
    dsn = ("From: Mail Delivery System <MAILER-DAEMON@mx.citizen.test>\r\n"
           "To: bo@commune.test\r\nSubject: Undelivered Mail Returned to Sender\r\n"
           "Message-ID: <dsn-1@mx.citizen.test>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n"
           "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
           "--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
           "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.citizen.test\r\n\r\n"
           "Final-Recipient: rfc822; burst@citizen.test\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
           "--B\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: bo@commune.test\r\n"
           f"To: burst@citizen.test\r\nMessage-ID: <{ack_id}>\r\nSubject: x\r\n\r\n--B--\r\n")
    p = bureau(conf, "ingest", input=dsn.encode())
    t.eq(p.returncode, 0, f"DSN handled: {p.stdout} {p.stderr}")
    t.eq(db_rows(db, "SELECT count(*) FROM entries")[0][0], n_entries, "the DSN is not a new entry")
    row = db_rows(db, "SELECT state, last_error, dsn_raw_id IS NOT NULL FROM outbox "
                      "WHERE message_id = ?", (ack_id,))[0]
    t.check(row[0] == "failed" and "delivery status" in row[1] and row[2] == 1,
            f"our row marked failed with the DSN kept: {row}")
    s4.stop()
finally:
    for s in servers:
        s.stop()
    rmtree(work)

sys.exit(t.finish())
