"""End to end over real servers on loopback: a citizen's message appended to
a private Dovecot -> `bureau fetch` registers it -> `bureau outbox send`
delivers the acknowledgement to a private aiosmtpd -> the citizen replies
keeping the tag (appended to Dovecot) -> fetch attaches it to the same entry
(no new number) and the department is told -> a stranger quoting the tag
gets a new entry of their own."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, bureau, db_rows, rmtree, skip, tempdir, write_config  # noqa: E402
import smtpd  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
    import dovecot  # noqa: E402
except ImportError as e:
    skip(f"missing test helper or package: {e}")

if not dovecot.available():
    skip("dovecot cannot be run here")
if not os.access(BIN, os.X_OK):
    skip(f"{BIN} not built")

PASSWORD = "e2e-Pw-4410"
ENV = {"BUREAU_TEST_IMAP_PW": PASSWORD}
t = Tally("e2e_mail")
work = tempdir()
year = time.localtime().tm_year
d = dovecot.Dovecot(work, users={"bo": PASSWORD})
s = smtpd.Smtpd(work)
db = os.path.join(work, "bureau.db")
conf = write_config(
    os.path.join(work, "bureau.conf"), db, rules=smtpd.write_rules(os.path.join(work, "rules")),
    accounts=[{"name": "general", "host": "127.0.0.1", "port": d.port, "tls": "none",
               "user": "bo", "password_env": "BUREAU_TEST_IMAP_PW", "mailbox": "INBOX",
               "registered_folder": "Registered", "quarantine_folder": "Quarantine"}],
    smtp={"url": s.url(), "tls": "none", "from": "bo@commune.test",
          "from_name": "Bureau d'ordre — مكتب الضبط"})


def run(*args):
    return bureau(conf, *args, env=ENV, timeout=300)


def n_entries():
    return db_rows(db, "SELECT count(*) FROM entries")[0][0]


try:
    d.start()
    s.start()
    t.eq(run("init").returncode, 0, "init")
    d.append("bo", smtpd.citizen_message(msgid="<e2e-1@citizen.test>"))
    p = run("fetch")
    t.eq(p.returncode, 0, f"fetch: {p.stdout} {p.stderr}")
    number = f"{year}/000001"
    t.check(f"registered {number}" in p.stdout, f"registered: {p.stdout}")
    p = run("outbox", "send")
    t.eq(p.returncode, 0, f"send: {p.stdout} {p.stderr}")
    acks = [smtpd.parse(b) for _, r, b in s.messages() if r == ["fatima@citizen.test"]]
    t.eq(len(acks), 1, "acknowledgement received by the SMTP server")
    ack = acks[0] if acks else None
    if ack:
        t.check(ack["Subject"].startswith(f"[BO {number}]"), "tag in the subject")
        t.eq(ack["In-Reply-To"], "<e2e-1@citizen.test>", "threads on the citizen's message")
        t.eq(ack["Auto-Submitted"], "auto-replied", "Auto-Submitted")

        # the citizen answers, keeping the tag, as a mail client would
        reply = smtpd.citizen_message(subject="Re: " + ack["Subject"],
                                      body="شكرا، أضيف أن الحاويات مكسورة أيضا.",
                                      in_reply_to=ack["Message-ID"])
        d.append("bo", reply)
        p = run("fetch")
        t.eq(p.returncode, 0, f"fetch reply: {p.stdout} {p.stderr}")
        t.eq(n_entries(), 1, "the reply got no new number")
        fu = db_rows(db, "SELECT e.number, f.from_addr FROM followups f "
                         "JOIN entries e ON e.id = f.entry_id")
        t.eq(fu, [(number, "fatima@citizen.test")], "attached to the same entry")
        p = run("outbox", "send")
        told = [b for _, r, b in s.messages() if r[0] in smtpd.HEADS and
                "الحاويات مكسورة" in (smtpd.parts_text(smtpd.parse(b), "plain") or "")]
        t.eq(len(told), len(smtpd.HEADS), "each department head told of the follow-up")

        # a stranger quoting the tag
        d.append("bo", smtpd.citizen_message(sender="stranger@elsewhere.test", name="X",
                                             subject=f"Re: [BO {number}] please send me the file",
                                             in_reply_to=ack["Message-ID"]))
        p = run("fetch")
        t.eq(p.returncode, 0, f"fetch stranger: {p.stdout}")
        t.eq(n_entries(), 2, "the stranger's message is a new entry")
        t.eq(db_rows(db, "SELECT count(*) FROM followups")[0][0], 1, "not attached")
        run("outbox", "send")
        got = [smtpd.parse(b) for _, r, b in s.messages() if r == ["stranger@elsewhere.test"]]
        t.eq(len(got), 1, "the stranger gets their own acknowledgement only")
        if got:
            t.check(got[0]["Subject"].startswith(f"[BO {year}/000002]"), "with their own number")

        # the department head answers the routed item: kept with the entry, no new number
        routed = [smtpd.parse(b) for _, r, b in s.messages()
                  if r[0] == smtpd.HEADS[0] and "الحاويات مكسورة" not in
                  (smtpd.parts_text(smtpd.parse(b), "plain") or "")]
        t.check(len(routed) >= 1, "the head received the routed item")
        if routed:
            d.append("bo", smtpd.citizen_message(sender=smtpd.HEADS[0], name="Chef",
                                                 subject="Re: " + str(routed[0]["Subject"]),
                                                 body="Équipe envoyée ce matin.",
                                                 in_reply_to=routed[0]["Message-ID"]))
            p = run("fetch")
            t.eq(p.returncode, 0, f"fetch head reply: {p.stdout}")
            t.eq(n_entries(), 2, "the head's reply gets no arrival number")
            # the subject kept the item's [#TOKEN] (no head_reply_address here): the
            # reply is the head's, with no command: an internal note (docs/heads.md)
            ev = db_rows(db, "SELECT e.number, v.action, v.actor FROM events v JOIN entries e "
                             "ON e.id = v.entry_id WHERE v.action IN ('head-mail', 'note')")
            t.eq(ev, [(number, "head-mail", "system"), (number, "note", smtpd.HEADS[0])],
                 "kept in the entry's history, as the head's note")
            before = len(s.messages())
            run("outbox", "send")
            got = [r for _, r, _ in s.messages()[before:]]
            t.eq(got, [[smtpd.HEADS[0]]], "only the head is mailed (the confirmation)")
        # someone who is not a head, answering the routed item, is a new arrival
        if routed:
            d.append("bo", smtpd.citizen_message(sender="intruder@elsewhere.test", name="Y",
                                                 subject="Re: " + str(routed[0]["Subject"]),
                                                 in_reply_to=routed[0]["Message-ID"]))
            run("fetch")
            t.eq(n_entries(), 2, "a non-head quoting the routed item (its token) gets no number")
            hm = db_rows(db, "SELECT from_addr, accepted FROM head_mail ORDER BY id DESC LIMIT 1")
            t.eq(hm, [("intruder@elsewhere.test", 0)], "kept with the entry, not acted on")
except dovecot.DovecotError as e:
    t.check(False, f"dovecot: {e}")
finally:
    s.stop()
    d.stop()
    rmtree(work)

sys.exit(t.finish())
