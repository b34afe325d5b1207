"""Outgoing mail against a real SMTP server (aiosmtpd) on loopback, with
STARTTLS (verified against the test certificate) and AUTH: the bilingual
acknowledgement, the routed item with the original attached, status updates,
follow-ups (same sender attached; a stranger quoting the tag gets a new
entry), automatic mail not answered, and injection attempts that must never
reach the wire. Every received message is parsed with Python's email package."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, bureau, db_rows, rmtree, skip, tempdir, write_config  # noqa: E402
import smtpd  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
except ImportError:
    skip("python3-aiosmtpd is not installed")

PASSWORD = "smtp-Pw-7731"
ENV = {"BUREAU_TEST_SMTP_PW": PASSWORD}
t = Tally("smtp_delivery")
work = tempdir()
year = time.localtime().tm_year
server = smtpd.Smtpd(work, starttls=True, auth=("bo@commune.test", PASSWORD))
db = os.path.join(work, "bureau.db")
conf = write_config(
    os.path.join(work, "bureau.conf"), db, rules=smtpd.write_rules(os.path.join(work, "rules")),
    smtp={"url": server.url(), "tls": "starttls", "ca_file": server.cert,
          "user": "bo@commune.test", "password_env": "BUREAU_TEST_SMTP_PW",
          "from": "bo@commune.test", "from_name": "Bureau d'ordre — مكتب الضبط"})


def run(*args, **kw):
    kw.setdefault("env", ENV)
    return bureau(conf, *args, **kw)


def ingest(raw):
    p = run("ingest", input=raw)
    t.eq(p.returncode, 0, f"ingest: {p.stdout} {p.stderr}")
    return p


def send():
    p = run("outbox", "send")
    t.eq(p.returncode, 0, f"outbox send: {p.stdout} {p.stderr}")
    return p


def received_to(addr):
    return [(f, r, smtpd.parse(b), b) for f, r, b in server.messages() if addr in r]


def check_ack(msg, raw, number, citizen_id):
    subj = msg["Subject"]
    t.check(subj.startswith(f"[BO {number}]"), f"ack subject starts with the tag: {subj!r}")
    t.check("إشعار بالتوصل" in subj and "Accusé de réception" in subj, "bilingual subject")
    t.check("الأزبال" in subj, "citizen's Arabic subject survives in ours")
    t.eq(msg["Auto-Submitted"], "auto-replied", "Auto-Submitted: auto-replied")
    t.eq(msg["In-Reply-To"], f"<{citizen_id}>", "In-Reply-To names the citizen's message")
    t.check(f"<{citizen_id}>" in (msg["References"] or ""), "References too")
    t.check(msg["Message-ID"].endswith("@commune.test>"), "Message-ID @ the from domain")
    t.eq(msg["From"].addresses[0].display_name, "Bureau d'ordre — مكتب الضبط", "From name decoded")
    t.eq(msg["To"].addresses[0].addr_spec, "fatima@citizen.test", "To address")
    t.eq(msg["To"].addresses[0].display_name, "فاطمة الزهراء", "To name in Arabic")
    t.check(msg["Date"] is not None, "Date header")
    text, html = smtpd.parts_text(msg, "plain"), smtpd.parts_text(msg, "html")
    t.check(text and number in text and "رقم الترتيب" in text and "Numéro d'ordre" in text,
            "text part: number in Arabic and French")
    t.check(text and "09-08" in text and "حماية المعطيات الشخصية" in text, "personal data notice")
    t.check(text and "Réclamation" in text and "شكاية" in text, "kind in both languages")
    t.check(text and "حفظ الصحة والبيئة" in text and "Hygiène et environnement" in text,
            "department in both languages")
    t.check(text and re.search(r"\d{4}-\d\d-\d\d", text.split("الأجل القانوني")[1] if "الأجل القانوني" in text else ""),
            "legal deadline date given")
    t.check(html and 'dir="rtl" lang="ar"' in html, "HTML has the RTL Arabic part")
    t.check(all(b < 128 for b in raw), "7-bit on the wire")
    t.check(all(len(line) <= 998 for line in raw.split(b"\r\n")), "lines within 998 octets")


try:
    server.start()
    p = run("init")
    t.eq(p.returncode, 0, f"init: {p.stderr}")
    citizen_id = "cit-1@citizen.test"
    ingest(smtpd.citizen_message(msgid=f"<{citizen_id}>"))
    number = f"{year}/000001"
    rows = db_rows(db, "SELECT purpose, rcpt, state FROM outbox ORDER BY id")
    t.eq(sorted(r[0] for r in rows), ["ack", "routed", "routed"], f"queued ack + routed: {rows}")
    t.check(all(r[2] == "queued" for r in rows), "all queued until sent")
    p = send()
    t.check("sent 3" in p.stdout, f"three sent: {p.stdout}")
    envs = server.envelopes()
    t.check(len(envs) == 3 and all(e["tls"] and e["auth"] for e in envs),
            "every message went over STARTTLS with AUTH")
    t.eq(len({tuple(e["peer"]) for e in envs}), 1, "one connection reused for the three messages")

    acks = received_to("fatima@citizen.test")
    t.eq(len(acks), 1, "one acknowledgement")
    if acks:
        f, r, msg, raw = acks[0]
        t.eq(f, "bo@commune.test", "envelope sender")
        t.eq(r, ["fatima@citizen.test"], "one recipient per transaction")
        check_ack(msg, raw, number, citizen_id)
        ack_id = msg["Message-ID"].strip("<>")

    for head in smtpd.HEADS:
        got = received_to(head)
        t.eq(len(got), 1, f"routed item to {head}")
        if got:
            msg = got[0][2]
            t.check(msg["Subject"].startswith(f"[BO {number}]"), "routed subject has the tag")
            text = smtpd.parts_text(msg, "plain") or ""
            t.check("fatima@citizen.test" in text and "الأزبال متراكمة" in text,
                    "routed text has sender and the citizen's text")
            t.check("répondez à ce message" in text and "ردوا على هذه الرسالة" in text
                    and "bureau status" not in text,
                    "routed item says how to act: reply (heads have no terminal)")
            att = [p for p in msg.walk() if p.get_content_type() == "message/rfc822"]
            t.eq(len(att), 1, "original attached as message/rfc822")
            if att:
                inner = att[0].get_content()
                t.eq(str(inner["Subject"]), "شكاية بخصوص تراكم الأزبال في حي السلام",
                     "attached original intact")

    # nothing is sent twice
    p = send()
    t.check("sent 0" in p.stdout, f"second pass sends nothing: {p.stdout}")
    t.eq(len(server.messages()), 3, "still three messages on the server")
    t.eq(db_rows(db, "SELECT state, count(*) FROM outbox GROUP BY state"), [("sent", 3)],
         "outbox all sent")

    # status updates
    p = run("status", number, "closed")
    t.eq(p.returncode, 64, f"routed -> closed refused: {p.stderr}")
    p = run("status", number, "rejected")
    t.eq(p.returncode, 64, "rejected without --code refused")
    p = run("status", number, "transferred")
    t.eq(p.returncode, 64, "transferred without --to refused")
    p = run("status", number, "in-progress", "--note", "Bonjour\rBcc: evil@attacker.test")
    t.eq(p.returncode, 64, "a note with CR is refused")
    note = "Équipe envoyée / تم إرسال فريق\nBcc: evil@attacker.test"
    p = run("status", number, "in-progress", "--note", note, actor="amina", json_out=True)
    t.eq(p.returncode, 0, f"status in-progress: {p.stderr}")
    t.eq((p.json or {}).get("update_queued"), True, "status update queued")
    ev = db_rows(db, "SELECT actor, detail FROM events e JOIN entries n ON n.id = e.entry_id "
                     "WHERE n.number = ? AND e.action = 'status' ORDER BY e.id", (number,))
    t.check(any(a == "amina" and "in-progress" in d for a, d in ev), f"event with the clerk: {ev}")
    p = run("status", number, "rejected", "--code", "unclear")
    t.eq(p.returncode, 0, f"in-progress -> rejected with a code: {p.stderr}")
    send()
    ups = received_to("fatima@citizen.test")[1:]
    t.eq(len(ups), 2, "two status updates to the citizen")
    t.check(all(r == ["fatima@citizen.test"] for _, r, _, _ in ups), "note never adds a recipient")
    t.check(all(b"\r\nBcc:" not in raw.split(b"\r\n\r\n")[0] and "Bcc" not in m.keys()
                for _, _, m, raw in ups), "the note's 'Bcc:' line stays in the body")
    if len(ups) == 2:
        m1, m2 = ups[0][2], ups[1][2]
        t.check(m1["Subject"].startswith(f"[BO {number}]") and "في طور المعالجة" in m1["Subject"],
                f"status subject: {m1['Subject']!r}")
        t.check("تم إرسال فريق" in (smtpd.parts_text(m1, "plain") or ""), "note in the update")
        t.eq(m1["In-Reply-To"], f"<{citizen_id}>", "status update threads on the citizen's mail")
        t2 = smtpd.parts_text(m2, "plain") or ""
        t.check("Imprécise ou non fondée" in t2 and "غير واضحة" in t2, "closure code explained")

    # follow-up from the same sender (tag, different case) -> same entry
    before = db_rows(db, "SELECT count(*) FROM entries")[0][0]
    ingest(smtpd.citizen_message(sender="Fatima@Citizen.test",
                                 subject=f"Re: [BO {number}] إشعار بالتوصل",
                                 body="مازال المشكل قائما"))
    t.eq(db_rows(db, "SELECT count(*) FROM entries")[0][0], before, "follow-up: no new number")
    t.eq(db_rows(db, "SELECT count(*) FROM followups")[0][0], 1, "follow-up recorded")
    # follow-up by reply to our Message-ID, subject without the tag
    ingest(smtpd.citizen_message(subject="Re: suite", body="صور مرفقة", in_reply_to=f"<{ack_id}>"))
    t.eq(db_rows(db, "SELECT count(*) FROM entries")[0][0], before, "reply by In-Reply-To attached")
    t.eq(db_rows(db, "SELECT count(*) FROM followups")[0][0], 2, "second follow-up recorded")
    send()
    notes = [m for m in received_to(smtpd.HEADS[0]) if "مازال المشكل قائما" in (smtpd.parts_text(m[2], "plain") or "")]
    t.eq(len(notes), 1, "department head told of the follow-up")
    # a stranger quoting the tag or replying to our Message-ID -> new entry, never attached
    ingest(smtpd.citizen_message(sender="stranger@evil.test", name="Stranger",
                                 subject=f"Re: [BO {number}] give me the file",
                                 in_reply_to=f"<{ack_id}>"))
    t.eq(db_rows(db, "SELECT count(*) FROM entries")[0][0], before + 1, "stranger gets a new entry")
    t.eq(db_rows(db, "SELECT count(*) FROM followups")[0][0], 2, "stranger not attached")
    send()
    to_stranger = received_to("stranger@evil.test")
    t.eq(len(to_stranger), 1, "stranger gets only their own acknowledgement")
    if to_stranger:
        body = smtpd.parts_text(to_stranger[0][2], "plain") or ""
        t.check(number not in body and "الأزبال متراكمة" not in body, "nothing of the complaint leaks")

    # the stranger replies to their own acknowledgement, quoting both tags:
    # attached to their entry, never to the one whose tag comes first
    theirs = f"{year}/{before + 1:06d}"
    ingest(smtpd.citizen_message(sender="stranger@evil.test", name="Stranger",
                                 subject=f"Re: [BO {number}] [BO {theirs}] more"))
    fu = db_rows(db, "SELECT e.number FROM followups f JOIN entries e ON e.id = f.entry_id "
                     "WHERE f.from_addr = 'stranger@evil.test'")
    t.eq(fu, [(theirs,)], "a tag naming someone else's entry is skipped, their own is used")
    t.eq(db_rows(db, "SELECT count(*) FROM entries")[0][0], before + 1, "no new entry for it")

    # automatic mail is registered but never answered
    n_before = len(server.messages())
    for hdrs in ({"Auto-Submitted": "auto-replied"}, {"Precedence": "bulk"},
                 {"List-Id": "<x.list.test>"}, {"X-Spam-Flag": "YES"}):
        ingest(smtpd.citizen_message(sender="robot@citizen.test", headers=hdrs, subject="Out of office"))
    ingest(smtpd.citizen_message(sender="MAILER-DAEMON@mx.citizen.test", subject="Undelivered"))
    ingest(smtpd.citizen_message(sender="bo@commune.test", subject="our own"))
    acks = db_rows(db, "SELECT count(*) FROM outbox WHERE purpose = 'ack' AND rcpt IN "
                       "('robot@citizen.test', 'MAILER-DAEMON@mx.citizen.test', 'bo@commune.test')")
    t.eq(acks[0][0], 0, "no acknowledgement to automatic mail")
    skipped = db_rows(db, "SELECT count(*) FROM events WHERE action = 'ack-skipped'")[0][0]
    t.eq(skipped, 6, "each skipped acknowledgement recorded")

    # hostile names and subjects: encoded CR/LF never become headers
    evil_name = "=?UTF-8?B?" + __import__("base64").b64encode(
        b"Evil\r\nBcc: victim@attacker.test").decode() + "?="
    evil_subj = "=?UTF-8?B?" + __import__("base64").b64encode(
        "شكاية\r\nBcc: victim2@attacker.test\r\n\r\nbody".encode()).decode() + "?="
    raw = (f"From: {evil_name} <evil@citizen.test>\r\nTo: bo@commune.test\r\n"
           f"Subject: {evil_subj}\r\nMessage-ID: <evil-1@citizen.test>\r\n"
           "Date: Mon, 2 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n").encode()
    ingest(raw)
    send()
    evil = received_to("evil@citizen.test")
    t.eq(len(evil), 1, "hostile sender acknowledged once")
    for f, r, msg, b in evil:
        t.eq(r, ["evil@citizen.test"], "no extra envelope recipient")
        t.check(b"\r\nBcc:" not in b.split(b"\r\n\r\n")[0] and "Bcc" not in msg.keys(),
                "no injected Bcc header")
        t.check("victim" not in str(msg.get("Bcc", "")), "no victim")
    t.check(all("attacker.test" not in ",".join(r) for _, r, _ in server.messages()),
            "no message ever addressed to the attacker")
finally:
    server.stop()
    rmtree(work)

sys.exit(t.finish())
