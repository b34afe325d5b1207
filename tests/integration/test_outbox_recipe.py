"""Queued mail is kept as its recipe and composed when sent (sql/007):
`bureau outbox show` composes the same bytes every time and they are the
bytes the SMTP server receives; a template edited on disk after a mail was
queued changes only the mails queued after the edit (mail_templates keeps
each version, and refuses to change one); a recipe that cannot be composed
fails its own row, with the reason, and the rows after it still go out."""
import os
import shutil
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, SRC, Tally, bureau, db_rows, rmtree, skip, tempdir, write_config  # noqa: E402
import smtpd  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
except ImportError:
    skip("python3-aiosmtpd is not installed")

MARK = "Ligne ajoutée après la mise en file — سطر مضاف"
t = Tally("outbox_recipe")
work = tempdir()
server = smtpd.Smtpd(work)
db = os.path.join(work, "bureau.db")
tmpl_dir = os.path.join(work, "templates")
shutil.copytree(os.path.join(SRC, "templates"), tmpl_dir)
conf = write_config(
    os.path.join(work, "bureau.conf"), db, rules=smtpd.write_rules(os.path.join(work, "rules")),
    templates=tmpl_dir,
    smtp={"url": server.url(), "tls": "none", "from": "bo@commune.test"})


def run(*args, **kw):
    return bureau(conf, *args, **kw)


def show_raw(oid):
    """(exit status, stdout bytes, stderr) of `bureau outbox show oid`."""
    p = subprocess.run([BIN, "-c", conf, "outbox", "show", str(oid)], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def show(oid):
    rc, out, err = show_raw(oid)
    t.eq(rc, 0, f"outbox show {oid}: {err}")
    return out


def ack_rows():
    return db_rows(db, "SELECT id, rcpt FROM outbox WHERE purpose = 'ack' ORDER BY id")


def edit_ack_template():
    path = os.path.join(tmpl_dir, "ack.tmpl")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    t.check("[text]\n" in text, "ack.tmpl has a [text] section")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("[text]\n", "[text]\n" + MARK + "\n", 1))


try:
    server.start()
    t.eq(run("init").returncode, 0, "init")
    p = run("ingest", input=smtpd.citizen_message(sender="first@citizen.test"))
    t.eq(p.returncode, 0, f"ingest 1: {p.stderr}")

    rows = db_rows(db, "SELECT id, length(bytes), length(recipe) FROM outbox ORDER BY id")
    t.eq(len(rows), 3, f"ack + two routed items queued: {rows}")
    t.check(all(r[1] == 0 and r[2] and r[2] < 8192 for r in rows),
            f"rows hold a recipe of a few KB, no composed bytes: {rows}")
    first = {r[0]: show(r[0]) for r in rows}
    t.check(all(first[i] == show(i) for i in first), "outbox show composes the same bytes twice")
    first_ack = ack_rows()[0][0]
    t.check(MARK.encode() not in first[first_ack], "first ack without the later line")

    time.sleep(1.1)  # a later Date for the second mail than the first
    edit_ack_template()
    p = run("ingest", input=smtpd.citizen_message(sender="second@citizen.test",
                                                   subject="طلب معلومات حول رخصة البناء"))
    t.eq(p.returncode, 0, f"ingest 2: {p.stderr}")
    acks = ack_rows()
    t.eq([r[1] for r in acks], ["first@citizen.test", "second@citizen.test"], "two acks queued")
    t.eq(show(first_ack), first[first_ack], "the first ack is unchanged by the template edit")
    stored = db_rows(db, "SELECT name, count(*) FROM mail_templates GROUP BY name ORDER BY name")
    t.eq(stored, [("ack", 2), ("routed", 1)], "each template version kept once")
    try:
        c = sqlite3.connect(db)
        c.execute("UPDATE mail_templates SET text = 'x' WHERE name = 'ack'")
        c.commit()
        t.check(False, "a stored template can be changed")
    except sqlite3.DatabaseError as e:
        t.check("never change" in str(e), f"stored templates are immutable: {e}")
    finally:
        c.close()

    # a recipe that cannot be composed fails alone
    bad = db_rows(db, "SELECT id FROM outbox WHERE purpose = 'routed' ORDER BY id DESC LIMIT 1")[0][0]
    c = sqlite3.connect(db)
    c.execute("UPDATE outbox SET recipe = X'726563697065003200' WHERE id = ?", (bad,))
    c.commit()
    c.close()
    p = show_raw(bad)
    t.check(p[0] != 0 and "recipe" in p[2], f"show of a broken recipe says why: {p[2]}")

    p = run("outbox", "send")
    t.eq(p.returncode, 0, f"send: {p.stdout} {p.stderr}")
    t.check("sent 5" in p.stdout and "failed 1" in p.stdout, f"5 sent, 1 failed: {p.stdout}")
    state = db_rows(db, "SELECT state, last_error FROM outbox WHERE id = ?", (bad,))[0]
    t.eq(state[0], "failed", "the broken row is failed")
    t.check(state[1] and "recipe" in state[1], f"with the reason: {state[1]}")
    ev = db_rows(db, "SELECT count(*) FROM events e JOIN outbox o ON o.entry_id = e.entry_id "
                     "WHERE o.id = ? AND e.action = 'mail-failed'", (bad,))[0][0]
    t.eq(ev, 1, "and an event on its entry")

    got = {tuple(r): raw for _, r, raw in server.messages()}
    for oid, rcpt in acks:
        want = show(oid)
        raw = got.get((rcpt,))
        t.check(raw is not None, f"ack to {rcpt} received")
        if raw is not None:
            t.eq(raw.rstrip(b"\r\n"), want.rstrip(b"\r\n"),
                 f"received bytes of the ack to {rcpt} are the composed bytes")
            text = smtpd.parts_text(smtpd.parse(raw), "plain") or ""
            t.eq(MARK in text, rcpt.startswith("second"),
                 f"the template edit shows only in mail queued after it ({rcpt})")
    routed = [raw for _, r, raw in server.messages() if r == [smtpd.HEADS[0]]]
    t.eq(len(routed), 2, "both routed items to the first head")
    for raw in routed:
        att = [x for x in smtpd.parse(raw).walk() if x.get_content_type() == "message/rfc822"]
        t.eq(len(att), 1, "routed item carries the original, put in when sent")
finally:
    server.stop()
    rmtree(work)

sys.exit(t.finish())
