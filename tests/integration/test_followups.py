"""Follow-ups and department replies can be read (issue 13, item 6): `show`
gives the text of each, `attachments --raw ID` / `--all` saves theirs, and a
citizen writing again about a closed entry flags it for the clerks."""
import base64
import os
import sys
from email.header import Header

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from common import Tally, bureau, clean_up, db_rows, tempdir, write_config  # noqa: E402

t = Tally("followups")
work = tempdir()
db = os.path.join(work, "bureau.db")
conf = write_config(os.path.join(work, "bureau.conf"), db,
                    smtp={"url": "smtp://127.0.0.1:9", "tls": "none", "from": "bo@commune.test"})
PHOTO = bytes(range(256)) * 7
REPORT = b"%PDF-1.4 rapport du service\n" * 40


def mail(sender, subject, body, mid, irt=None, att=None):
    h = [f"From: {sender}", "To: bo@commune.test", f"Subject: {Header(subject, 'utf-8').encode()}",
         f"Message-ID: <{mid}>", "Date: Mon, 2 Mar 2026 10:00:00 +0000", "MIME-Version: 1.0"]
    if irt:
        h.append(f"In-Reply-To: {irt}")
    text = ("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + base64.encodebytes(body.encode()).decode())
    if not att:
        return ("\r\n".join(h) + "\r\n" + text).encode()
    name, data, ctype = att
    h.append('Content-Type: multipart/mixed; boundary="b1"')
    return ("\r\n".join(h) + "\r\n\r\n--b1\r\n" + text + "\r\n--b1\r\n"
            f'Content-Type: {ctype}; name="{name}"\r\nContent-Disposition: attachment; filename="{name}"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(data).decode()
            + "\r\n--b1--\r\n").encode()


def ingest(data):
    p = bureau(conf, "ingest", input=data)
    t.eq(p.returncode, 0, f"ingest: {p.stdout} {p.stderr}")
    return p


try:
    t.eq(bureau(conf, "init").returncode, 0, "init")
    ingest(mail("fatima@citizen.test", "شكاية: تراكم النفايات والأزبال في حي السلام",
                "تراكم الأزبال والنفايات أمام المنزل منذ أسبوع والروائح الكريهة", "c1@citizen.test"))
    e = bureau(conf, "show", "1", json_out=True).json or {}
    number, dept = e.get("number"), e.get("department")
    t.check(number and not e.get("needs_triage"), f"registered and routed: {e.get('department')}")
    head = db_rows(db, "SELECT rcpt, message_id FROM outbox WHERE purpose = 'routed'")
    t.check(len(head) == 1, f"one routed item: {head}")

    # the citizen's follow-up with a photo, the head's reply with a report
    ingest(mail("fatima@citizen.test", f"Re: [BO {number}] صورة إضافية",
                "FOLLOWUP-TEXT هذه صورة الأزبال", "c2@citizen.test", att=("photo.jpg", PHOTO, "image/jpeg")))
    if head:
        rcpt, mid = head[0]
        ingest(mail(rcpt, f"Re: [BO {number}] routed", "REPLY-TEXT تم التدخل يوم الاثنين",
                    "h1@commune.example", irt=f"<{mid.strip('<>')}>",
                    att=("rapport.pdf", REPORT, "application/pdf")))
    raws = [r[0] for r in db_rows(db, "SELECT raw_id FROM followups ORDER BY id")]
    t.eq(len(raws), 2, "a follow-up and a reply kept with the entry")

    p = bureau(conf, "show", number)
    t.check("FOLLOWUP-TEXT" in p.stdout and "REPLY-TEXT" in p.stdout,
            f"show gives the text of the follow-up and the reply: {p.stdout[-1500:]}")
    t.check("photo.jpg" in p.stdout and "rapport.pdf" in p.stdout, "show names their attachments")
    fj = (bureau(conf, "show", number, json_out=True).json or {}).get("followups") or []
    t.eq([f.get("kind") for f in fj], ["followup", "department-reply"], "show --json followups kinds")
    t.check(len(fj) == 2 and "REPLY-TEXT" in (fj[1].get("body") or "")
            and fj[1]["attachments"][0]["filename"] == "rapport.pdf", f"show --json: {fj}")

    if len(raws) == 2:
        d1 = os.path.join(work, "one")
        p = bureau(conf, "attachments", number, d1, "--raw", str(raws[1]))
        t.eq(p.returncode, 0, f"attachments --raw: {p.stderr}")
        t.eq(sorted(os.listdir(d1)) if os.path.isdir(d1) else None, [f"r{raws[1]}-01-rapport.pdf"],
             "--raw saves the reply's attachment only")
        d2 = os.path.join(work, "all")
        p = bureau(conf, "attachments", number, d2, "--all")
        t.eq(p.returncode, 0, f"attachments --all: {p.stderr}")
        got = sorted(os.listdir(d2)) if os.path.isdir(d2) else []
        t.eq(got, [f"r{raws[0]}-01-photo.jpg", f"r{raws[1]}-01-rapport.pdf"], "--all saves every one")
        if got:
            t.check(open(os.path.join(d2, got[0]), "rb").read() == PHOTO, "the photo's exact bytes")
        p = bureau(conf, "attachments", number, d2, "--raw", "999")
        t.check(p.returncode != 0 and "999" in p.stderr, f"--raw of another message refused: {p.stderr}")

    # the entry is answered and closed; the citizen writes again: flagged
    for st in ("answered", "closed"):
        p = bureau(conf, "status", number, st, "--note", "تمت إزالة الأزبال", actor="amina")
        t.eq(p.returncode, 0, f"status {st}: {p.stderr}")
    tri = lambda: [x["number"] for x in (bureau(conf, "list", "--triage", json_out=True).json or [])]  # noqa: E731
    t.eq(tri(), [], "not in triage before")
    ingest(mail("fatima@citizen.test", f"Re: [BO {number}] لم يتم أي شيء",
                "CONTEST-TEXT الأزبال ما زالت هنا", "c3@citizen.test"))
    e = bureau(conf, "show", number, json_out=True).json or {}
    t.check("closed" in (e.get("attention") or ""), f"flagged for the clerk: {e.get('attention')!r}")
    t.check(any(ev["action"] == "attention" for ev in e.get("events", [])), "an event records it")
    t.eq(tri(), [number], "list --triage shows the contested entry")
    t.check("CONTEST-TEXT" in bureau(conf, "show", number).stdout, "its text is shown")
    p = bureau(conf, "status", number, "in-progress", "--note", "سنعيد المعاينة", actor="amina")
    t.eq(p.returncode, 0, f"re-opened: {p.stderr}")
    t.eq(tri(), [], "a status change clears the flag")
finally:
    clean_up(t, work)
sys.exit(t.finish())
