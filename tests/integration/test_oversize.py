"""Oversized mail reaches people (issue 13, item 5), against a private
Dovecot and SMTP server on loopback: a message over max_message_size is
quarantined unfetched with a warning in the log, its sender gets the
bilingual "oversize" notice (the limit, other ways to send), the triage
queue says it waits, and after the limit is raised `quarantine register`
downloads it from the quarantine folder, registers it (the citizen gets the
acknowledgement) and moves it to the registered folder."""
import base64
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, bureau, clean_up, db_rows, skip, tempdir, write_config  # noqa: E402
import smtpd  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
    import dovecot  # noqa: E402
except ImportError as e:
    skip(f"missing test helper or package: {e}")
if not dovecot.available():
    skip("dovecot cannot be run here")

PASSWORD = "over-Pw-7781"
ENV = {"BUREAU_TEST_IMAP_PW": PASSWORD}
t = Tally("oversize")
work = tempdir()
d = dovecot.Dovecot(work, users={"bo": PASSWORD})
s = smtpd.Smtpd(work)
db = os.path.join(work, "bureau.db")
rules = smtpd.write_rules(os.path.join(work, "rules"))
PHOTO = os.urandom(300 * 1024)


def config(limit):
    return write_config(
        os.path.join(work, "bureau.conf"), db, rules=rules,
        accounts=[{"name": "general", "host": "127.0.0.1", "port": d.port, "tls": "none",
                   "user": "bo", "password_env": "BUREAU_TEST_IMAP_PW", "mailbox": "INBOX",
                   "registered_folder": "Registered", "quarantine_folder": "Quarantine"}],
        smtp={"url": s.url(), "tls": "none", "from": "bo@commune.test"},
        extra=f"[limits]\nmax_message_size = {limit}\n")


def big_message():
    return ("From: =?utf-8?b?" + base64.b64encode("فاطمة الزهراء".encode()).decode()
            + "?= <fatima@citizen.test>\r\nTo: bo@commune.test\r\n"
            "Subject: =?utf-8?b?" + base64.b64encode("شكاية مع صور".encode()).decode() + "?=\r\n"
            "Message-ID: <big-1@citizen.test>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n"
            'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
            "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            "تراكم الأزبال في حي السلام، انظروا الصور\r\n--b\r\n"
            'Content-Type: image/jpeg; name="photo.jpg"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
            + base64.encodebytes(PHOTO).decode() + "--b--\r\n").encode()


def run(conf, *args):
    return bureau(conf, *args, env=ENV, timeout=300)


try:
    d.start()
    s.start()
    conf = config("100k")
    t.eq(run(conf, "init").returncode, 0, "init")
    d.append("bo", big_message())
    p = run(conf, "fetch")
    t.eq(p.returncode, 0, f"fetch: {p.stdout} {p.stderr}")
    t.check("quarantined #1" in p.stdout, f"quarantined: {p.stdout}")
    t.check("[warn]" in p.stderr and "quarantined as #1" in p.stderr and "max_message_size" in p.stderr,
            f"logged as a warning: {p.stderr}")
    t.eq(db_rows(db, "SELECT raw_id IS NULL FROM quarantine"), [(1,)], "bytes not downloaded")
    t.eq(d.count("bo", "Quarantine"), 1, "moved to the quarantine folder")

    p = run(conf, "outbox", "send")
    t.eq(p.returncode, 0, f"outbox send: {p.stderr}")
    got = [smtpd.parse(b) for _, r, b in s.messages() if r == ["fatima@citizen.test"]]
    t.eq(len(got), 1, "the citizen is told")
    if got:
        m = got[0]
        text = smtpd.parts_text(m, "plain")
        t.check("Votre message n'a pas été enregistré" in str(m["Subject"]) or "enregistr" in text,
                f"notice subject: {m['Subject']}")
        t.check("0.1 MB" in text and "الحد المقبول" in text and "déposer" in text and "إيداعها" in text,
                f"bilingual, names the limit and other ways to send: {text[:600]}")
        t.eq(m["In-Reply-To"], "<big-1@citizen.test>", "threads on the citizen's message")
        t.eq(m["Auto-Submitted"], "auto-replied", "Auto-Submitted")

    p = run(conf, "list", "--triage")
    t.check("1 message(s) held in quarantine" in p.stdout and "too large" in p.stdout,
            f"triage queue says it waits: {p.stdout}")
    p = run(conf, "quarantine", "register", "1")
    t.check(p.returncode != 0 and "still over max_message_size" in p.stderr,
            f"refused while the limit is unchanged: {p.returncode} {p.stderr}")
    t.eq(db_rows(db, "SELECT count(*) FROM entries")[0][0], 0, "no number given")

    conf = config("1M")
    p = run(conf, "quarantine", "register", "1")
    t.eq(p.returncode, 0, f"register after raising the limit: {p.stdout} {p.stderr}")
    year = time.localtime().tm_year
    t.check(f"registered {year}/000001 from quarantine #1" in p.stdout, p.stdout)
    e = run(conf, "--json", "show", "1")
    import json
    e = json.loads(e.stdout) if e.returncode == 0 else {}
    t.check(e.get("n_attachments") == 1 and "حي السلام" in (e.get("body") or ""), f"whole message: {e}")
    d1 = os.path.join(work, "att")
    p = run(conf, "attachments", "1", d1)
    t.check(p.returncode == 0 and open(os.path.join(d1, "01-photo.jpg"), "rb").read() == PHOTO,
            f"attachment intact: {p.stderr}")
    t.eq((d.count("bo", "Quarantine"), d.count("bo", "Registered")), (0, 1),
         "moved from the quarantine folder to the registered one")
    p = run(conf, "outbox", "send")
    acks = [smtpd.parse(b) for _, r, b in s.messages() if r == ["fatima@citizen.test"]]
    t.check(len(acks) == 2 and f"[BO {year}/000001]" in str(acks[-1]["Subject"]),
            "then the acknowledgement with its number")
    p = run(conf, "fetch")
    t.eq(db_rows(db, "SELECT count(*) FROM entries")[0][0], 1, "a later fetch registers nothing twice")
finally:
    s.stop()
    d.stop()
    clean_up(t, work)
sys.exit(t.finish())
