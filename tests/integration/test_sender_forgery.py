"""A From comment must not choose the sender (issue 12, item 1), end to end:
`bureau ingest` -> register / follow-up -> `bureau outbox send` to a private
aiosmtpd on loopback.

- the follow-up forgery: `From: attacker@evil.test (<ali@citizen.test>)`
  with `Re: [BO N]` and In-Reply-To of Ali's acknowledgement is a new entry
  from attacker@evil.test, never attached to Ali's entry nor forwarded to
  the department as Ali's words;
- the acknowledgement redirection: `From: ali10@citizen.test (comment
  <victim@evil.test>)` is registered from ali10@citizen.test, and the
  acknowledgement goes there, nothing to victim@evil.test;
- the forged department reply: a head's address in a comment, answering
  the routed item, is not recorded as the department's reply (the routed
  subject carries the item's token, so the mail is kept with the entry as
  mail to its reply address and refused: the sender is not a head);
- a From with no usable sender (quoted local part naming Ali, or two From
  fields, a group) is registered without sender, never threaded, never
  acknowledged (the department still gets it routed).
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, bureau, clean_up, db_rows, skip, tempdir, write_config  # noqa: E402
import smtpd  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
except ImportError as e:
    skip(f"missing package: {e}")

t = Tally("sender_forgery")
work = tempdir()
year = time.localtime().tm_year
s = smtpd.Smtpd(work)
db = os.path.join(work, "bureau.db")
conf = write_config(os.path.join(work, "bureau.conf"), db,
                    rules=smtpd.write_rules(os.path.join(work, "rules")),
                    smtp={"url": s.url(), "tls": "none", "from": "bo@commune.test"})
seq = [0]


def mail(from_lines, subject, in_reply_to=None, body="الأزبال متراكمة في الزنقة."):
    seq[0] += 1
    h = [f"From: {f}" for f in from_lines]
    h += ["To: bo@commune.test", f"Subject: {subject}", f"Message-ID: <forge-{seq[0]}@test>",
          "Date: Mon, 2 Mar 2026 10:00:00 +0000", "MIME-Version: 1.0",
          "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
    if in_reply_to:
        h += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    path = os.path.join(work, f"m{seq[0]}.eml")
    with open(path, "wb") as f:
        f.write(("\r\n".join(h) + "\r\n\r\n" + body + "\r\n").encode())
    p = bureau(conf, "ingest", path)
    t.eq(p.returncode, 0, f"ingest {from_lines}: {p.stdout} {p.stderr}")
    return p.stdout


def sent_to(addr):
    return [smtpd.parse(b) for _, r, b in s.messages() if addr in r]


def entry(msgid):
    rows = db_rows(db, "SELECT number, sender_addr FROM entries WHERE message_id = ?", (msgid,))
    return rows[0] if rows else None


def followups():
    return db_rows(db, "SELECT e.number, f.from_addr FROM followups f "
                       "JOIN entries e ON e.id = f.entry_id")


try:
    s.start()
    t.eq(bureau(conf, "init").returncode, 0, "init")
    number = f"{year}/000001"
    mail(["Ali <ali@citizen.test>"], "شكاية الأزبال")
    t.eq(bureau(conf, "outbox", "send").returncode, 0, "send")
    acks = sent_to("ali@citizen.test")
    t.eq(len(acks), 1, "Ali acknowledged")
    routed = sent_to(smtpd.HEADS[0])
    t.eq(len(routed), 1, "the head got the routed item")
    ack_id = acks[0]["Message-ID"] if acks else "<none@x>"
    routed_id = routed[0]["Message-ID"] if routed else "<none@x>"
    n_msgs = len(s.messages())

    # 1. the follow-up forgery
    mail(["attacker@evil.test (<ali@citizen.test>)"], f"Re: [BO {number}] je retire ma plainte",
         in_reply_to=ack_id, body="Je retire ma plainte, fermez le dossier.")
    t.eq(followups(), [], "the forged follow-up is not attached to Ali's entry")
    e = entry("forge-2@test")
    t.check(e is not None and e[1] == "attacker@evil.test",
            f"it is a new entry from attacker@evil.test: {e}")
    ev = db_rows(db, "SELECT detail FROM events WHERE detail LIKE '%follow-up from%'")
    t.eq(ev, [], "no 'follow-up from ali' in any history")
    bureau(conf, "outbox", "send")
    told = [m[1] for m in s.messages()[n_msgs:]
            if "fermez le dossier" in m[2].decode("utf-8", "replace") and "Compl" in str(smtpd.parse(m[2])["Subject"])]
    t.eq(told, [], "the department is not sent the forged words as a follow-up")
    t.eq(len(sent_to("ali@citizen.test")), 1, "Ali is sent nothing more")

    # 2. the acknowledgement redirection
    mail(["ali10@citizen.test (comment <victim@evil.test>)"], "شكاية ثانية")
    e = entry("forge-3@test")
    t.check(e is not None and e[1] == "ali10@citizen.test", f"registered from ali10: {e}")
    bureau(conf, "outbox", "send")
    t.eq(len(sent_to("ali10@citizen.test")), 1, "the acknowledgement goes to ali10@citizen.test")
    t.eq(sent_to("victim@evil.test"), [], "nothing goes to victim@evil.test")

    # 3. the forged department reply
    mail([f"attacker@evil.test (<{smtpd.HEADS[0]}>)"], "Re: " + str(routed[0]["Subject"] if routed else ""),
         in_reply_to=routed_id, body="Dossier classé.")
    ev = db_rows(db, "SELECT count(*) FROM events WHERE action = 'department-reply'")[0][0]
    t.eq(ev, 0, "no department reply recorded")
    hm = db_rows(db, "SELECT from_addr, accepted, outcome FROM head_mail")
    t.check(len(hm) == 1 and hm[0][0] == "attacker@evil.test" and hm[0][1] == 0
            and "not a head" in hm[0][2], f"kept as mail to the reply address, not acted on: {hm}")
    t.eq(db_rows(db, "SELECT status FROM entries WHERE number = ?", (number,))[0][0], "routed",
         "Ali's entry is unchanged")

    # 4. no usable sender: registered, not threaded, not acknowledged
    bureau(conf, "outbox", "send")
    before = len(s.messages())
    for lines in (['"ali@citizen.test"@evil.test'], ["attacker@evil.test", "ali@citizen.test"],
                  ["<ali@citizen.test> attacker@evil.test"], ["g: ali@citizen.test;"]):
        out = mail(lines, f"Re: [BO {number}] suite", in_reply_to=ack_id)
        msgid = f"forge-{seq[0]}@test"
        e = entry(msgid)
        t.check(e is not None and e[1] is None, f"{lines}: registered without sender: {e} {out}")
        skipped = db_rows(db, "SELECT v.detail FROM events v JOIN entries e ON e.id = v.entry_id "
                              "WHERE e.message_id = ? AND v.action = 'ack-skipped'", (msgid,))
        t.check(len(skipped) == 1, f"{lines}: acknowledgement skipped: {skipped}")
    t.eq(followups(), [(number, "attacker@evil.test")],
         "none attached to Ali's entry (but the refused mail to its reply address)")
    bureau(conf, "outbox", "send")
    rcpts = sorted({r for _, rs, _ in s.messages()[before:] for r in rs})
    t.check(set(rcpts) <= set(smtpd.HEADS) | {"ds@commune.test"},
            f"only the departments are mailed (the routed items), no acknowledgement: {rcpts}")
finally:
    s.stop()
clean_up(t, work)
sys.exit(t.finish())
