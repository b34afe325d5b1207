"""The departure register (issue 15): an answer drafted, approved through
its circuit (head of the entry's department, then a director), numbered in
its own gap-free sequence and sent through the outbox; the mail the citizen
receives (real loopback SMTP, parsed by Python's email) is threaded to
their message, in both languages, with the departure number, the closure
code in words, the attachment byte-identical and, for a refused information
request, the remedies of loi 31-13. Also: an answer is refused while another
awaits approval; a head cannot approve for another department; a discarded
draft and a rolled-back approval leave no gap; canned answers render every
variable in both languages and a canned answer with an unknown variable is
refused when loaded."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, clean_up, db_rows, skip, tempdir  # noqa: E402
import smtpd  # noqa: E402
from deptest import Setup  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
except ImportError:
    skip("python3-aiosmtpd is not installed")

t = Tally("departures")
work = tempdir()
S = Setup(work)
run = S.run
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"

TEXT = """[ar]
نخبركم أن مصالح النظافة قامت بجمع الأزبال من حي السلام يوم الاثنين.
[fr]
Les services d'hygiène ont ramassé les ordures du quartier Salam lundi.
"""


def received():
    return [smtpd.parse(raw) for _f, _to, raw in S.server.messages()]


def text_of(m):
    return smtpd.parts_text(m, "plain") or ""


try:
    S.server.start()
    t.eq(run("init").returncode, 0, "init")
    msgid = "<plainte-1@citizen.test>"
    n1 = S.ingest(sender="fatima@citizen.test", msgid=msgid)
    n2 = S.ingest(sender="ali@citizen.test", name="Ali",
                  subject="طلب الحصول على معلومات حول ميزانية الجماعة",
                  body="أطلب نسخة من الميزانية.")
    kinds = dict(db_rows(S.db, "SELECT number, kind FROM entries"))
    t.eq(kinds.get(n2), "information-request", "the second entry is an information request")
    p = run("outbox", "send")
    before = len(S.server.messages())

    pdf = os.path.join(work, "lettre signée.pdf")
    with open(pdf, "wb") as f:
        f.write(PDF)
    text = S.write("answer.txt", TEXT)
    p = run("reply", n1, "--text", text, "--attach", pdf, actor="agent1", json_out=True)
    t.eq(p.returncode, 0, f"reply drafts the answer: {p.stderr}")
    d1 = (p.json or {}).get("draft")
    t.eq((p.json or {}).get("circuit"), "head,director", "complaints need head then director")

    # nothing is numbered nor sent while the draft waits
    t.eq(db_rows(S.db, "SELECT count(*) FROM departures")[0][0], 0, "no departure at draft time")
    p = run("reply", n1, "--text", text, actor="agent2")
    t.check(p.returncode != 0 and "awaiting approval" in p.stderr,
            f"a second answer is refused while one awaits approval: {p.stderr}")
    p = run("status", n1, "answered", actor="agent2")
    t.check(p.returncode != 0 and "awaiting approval" in p.stderr,
            f"status answered is refused while an answer awaits approval: {p.stderr}")

    # the circuit: a head of another department, then the right head, then a director
    p = run("drafts", "approve", str(d1), actor="voirie")
    t.check(p.returncode != 0 and "not a head of hygiene-environnement" in p.stderr,
            f"a head cannot approve for another department: {p.stderr}")
    p = run("drafts", "approve", str(d1), actor="Directeur")
    t.check(p.returncode != 0 and "not a head" in p.stderr,
            f"the director cannot give the head's visa: {p.stderr}")
    p = run("drafts", "approve", str(d1), actor="chef")
    t.check(p.returncode == 0 and "further approval" in p.stdout, f"head's visa: {p.stderr}")
    p = run("drafts", "approve", str(d1), actor="chef")
    t.check(p.returncode != 0 and "not a director" in p.stderr,
            f"the head cannot give the director's visa too: {p.stderr}")
    t.eq(db_rows(S.db, "SELECT count(*) FROM outbox WHERE purpose = 'departure'")[0][0], 0,
         "nothing queued before the last approval")
    p = run("drafts", "approve", str(d1), actor="Directeur", json_out=True)
    t.eq(p.returncode, 0, f"director's visa: {p.stderr}")
    dnum = (p.json or {}).get("departure") or ""
    t.check(dnum.endswith("/D000001"), f"the first departure number: {dnum}")

    ent = db_rows(S.db, "SELECT status, reply_number FROM entries WHERE number = ?", (n1,))[0]
    t.eq(ent, ("answered", dnum), "the arrival is answered with the departure's number")
    ev = db_rows(S.db, "SELECT actor, action FROM events e JOIN entries n ON n.id = e.entry_id "
                 "WHERE n.number = ? AND action LIKE 'draft%' ORDER BY e.id", (n1,))
    t.eq(ev, [("agent1", "drafted"), ("chef", "draft-approved"),
              ("Directeur", "draft-approved")], "every step is an event with its person")
    p = run("drafts", "approve", str(d1), actor="Directeur")
    t.check(p.returncode != 0, "an approved draft is not approved twice")

    p = run("outbox", "send")
    t.eq(p.returncode, 0, f"outbox send: {p.stderr}")
    msgs = S.server.messages()[before:]
    t.eq(len(msgs), 1, "one mail left for the departure")
    stored = db_rows(S.db, "SELECT bytes FROM departure_mails")[0][0]
    if msgs:
        _frm, rcpts, raw = msgs[0]
        t.eq(rcpts, ["fatima@citizen.test"], "to the citizen's address")
        t.eq(raw.replace(b"\r\n", b"\n"), stored.replace(b"\r\n", b"\n"),
             "the bytes kept are the bytes that left")
        m = smtpd.parse(raw)
        t.eq(m["In-Reply-To"], msgid, "In-Reply-To the citizen's message")
        t.check(msgid in (m["References"] or ""), "References the citizen's message")
        t.check(f"[BO {n1}]" in m["Subject"] and dnum in m["Subject"],
                f"subject has the tag and departure number: {m['Subject']}")
        body = text_of(m)
        t.check(dnum in body and "الصادر رقم" in body and "Départ n°" in body,
                "departure number in both languages")
        t.check("الأزبال" in body and "ordures" in body, "the text in both languages")
        t.check("Réponse apportée" in body and "تمت الإجابة" in body,
                "closure code in words in both languages")
        t.check("تمت الإجابة — تمت الإجابة" not in body and
                "Réponse envoyée — Réponse apportée" not in body,
                "the outcome is said once, not status and code twice")
        t.check("CDAI" not in body, "no remedies for an answered complaint")
        atts = [pt for pt in m.walk() if pt.get_filename()]
        t.eq([a.get_filename() for a in atts], ["lettre signée.pdf"], "attachment name")
        t.check(atts and atts[0].get_payload(decode=True) == PDF,
                "the attachment is byte-identical")
        t.eq(atts[0].get_content_type() if atts else None, "application/pdf", "its type")

    # a refused information request: canned answer, the remedies in the mail
    p = run("reply", n2, "--code", "info-exception", actor="agent1", json_out=True)
    t.eq(p.returncode, 0, f"canned refusal drafted: {p.stderr}")
    d2 = (p.json or {}).get("draft")
    p = run("drafts", "show", str(d2), json_out=True)
    dj = p.json or {}
    t.check("{{" not in (dj.get("body_ar") or "{{") + (dj.get("body_fr") or "{{"),
            "canned answer rendered in both languages")
    t.check(n2 in (dj.get("body_ar") or "") and n2 in (dj.get("body_fr") or ""),
            "with the entry's number in both")
    p = run("drafts", "approve", str(d2), actor="chef", json_out=True)
    t.eq(p.returncode, 0, f"head approves the information answer: {p.stderr}")
    d2num = (p.json or {}).get("departure") or ""
    t.check(d2num.endswith("/D000002"), f"second departure: {d2num}")
    t.eq(db_rows(S.db, "SELECT status, closure_code FROM entries WHERE number = ?", (n2,))[0],
         ("rejected", "info-exception"), "a refusal rejects the request with its code")
    run("outbox", "send")
    m = received()[-1]
    body = text_of(m)
    t.check("CDAI" in body and "20" in body and "رئيس الهيئة" in body and
            "chef de l'organisme" in body, "the refusal states the remedies in both languages")
    t.check("article 7" in body, "and the reason")
    t.check(body.count("السيد(ة) Ali") == 1 and body.count("Madame, Monsieur Ali") == 1,
            "the canned answer greets the citizen once per language (the letter's own greeting)")
    t.check("Rejet" in body and body.count("— ") >= 1, "a refusal states the status and the code")


    # a discarded draft, then a rolled-back approval, leave no gap
    letter = S.write("letter.txt", "[fr]\nConvocation à la réunion.\n[ar]\nدعوة للاجتماع.\n")
    p = run("letter", "--to", "service@province.test", "--subject", "Réunion",
            "--text", letter, json_out=True)
    d3 = (p.json or {}).get("draft")
    t.eq(run("drafts", "cancel", str(d3)).returncode, 0, "a letter's draft is thrown away")
    p = run("letter", "--to", "service@province.test", "--subject", "Réunion",
            "--text", letter, json_out=True)
    d4 = (p.json or {}).get("draft")
    p = run("drafts", "approve", str(d4), env={"BUREAU_TEST_FAIL_DEPARTURE": "1"})
    t.check(p.returncode != 0, "the approval's transaction fails")
    t.eq(db_rows(S.db, "SELECT last FROM departure_counters")[0][0], 2,
         "the failed approval took no number")
    p = run("drafts", "approve", str(d4), json_out=True)
    d4num = (p.json or {}).get("departure") or ""
    t.check(d4num.endswith("/D000003"), f"spontaneous letter numbered next, no gap: {d4num}")
    seqs = [r[0] for r in db_rows(S.db, "SELECT seq FROM departures ORDER BY seq")]
    t.eq(seqs, [1, 2, 3], "departure numbers 1..3")

    # the register is an archive
    for sql in ("DELETE FROM departures", "UPDATE departures SET seq = 9",
                "UPDATE departure_mails SET bytes = X'00'"):
        try:
            db_rows(S.db, sql)
            t.check(False, f"{sql} must be refused")
        except Exception as e:  # sqlite3.IntegrityError
            t.check("never" in str(e), f"{sql}: {e}")

    # canned answers: a return, an edit, and a broken canned answer
    n3 = S.ingest(sender="karim@citizen.test", name=None, subject="شكاية حول الأزبال")
    p = run("reply", n3, "--code", "answered", actor="agent1", json_out=True)
    t.check(p.returncode != 0 and "sender_name" not in (p.stderr or "x") or p.returncode == 0,
            "a canned answer without the citizen's name still renders (conditional)")
    d5 = (p.json or {}).get("draft")
    p = run("drafts", "return", str(d5), "--comment", "Préciser la date", actor="chef")
    t.eq(p.returncode, 0, f"returned with a comment: {p.stderr}")
    p = run("drafts", "approve", str(d5), actor="chef")
    t.check(p.returncode != 0 and "edit it first" in p.stderr, "a returned draft is edited first")
    p = run("drafts", "edit", str(d5), "--text", text, actor="agent1")
    t.eq(p.returncode, 0, f"edited: {p.stderr}")
    p = run("drafts", "show", str(d5), json_out=True)
    acts = [e["action"] for e in (p.json or {}).get("events", [])]
    t.eq(acts, ["drafted", "draft-returned", "draft-edited"], "the draft's history")
    run("drafts", "cancel", str(d5))
    with open(os.path.join(S.templates, "replies", "complaint.answered.reply"), "a",
              encoding="utf-8") as f:
        f.write("Votre dossier {{numero}}.\n")
    p = run("reply", n3, "--code", "answered")
    t.check(p.returncode != 0 and "complaint.answered.reply:" in p.stderr and
            "unknown variable 'numero'" in p.stderr,
            f"an unknown variable is a load-time error with file:line:col: {p.stderr}")
    t.eq(db_rows(S.db, "SELECT count(*) FROM drafts WHERE entry_id = (SELECT id FROM entries "
                 "WHERE number = ?) AND state = 'pending'", (n3,))[0][0], 0, "and no draft")
    # one answer closing two arrivals
    n4 = S.ingest(sender="salwa@citizen.test", subject="شكاية الأزبال مرة أخرى")
    n5 = S.ingest(sender="salwa@citizen.test", subject="شكاية الأزبال للمرة الثالثة")
    p = run("reply", n4, "--also", n5, "--text", text, json_out=True)
    t.eq(p.returncode, 0, f"one answer for two arrivals: {p.stderr}")
    d6 = (p.json or {}).get("draft")
    p = run("reply", n5, "--text", text)
    t.check(p.returncode != 0 and "awaiting approval" in p.stderr,
            "the second arrival is pending too")
    run("drafts", "approve", str(d6), actor="chef@x.test")
    p = run("drafts", "approve", str(d6), actor="chef")
    p = run("drafts", "approve", str(d6), actor="dgs@commune.test", json_out=True)
    d6num = (p.json or {}).get("departure") or ""
    t.eq(db_rows(S.db, "SELECT number, status, reply_number FROM entries WHERE number IN "
                 "(?, ?) ORDER BY id", (n4, n5)),
         [(n4, "answered", d6num), (n5, "answered", d6num)],
         "both arrivals answered by the one departure (director by address)")
    run("outbox", "send")
    body = text_of(received()[-1])
    t.check(n4 in body and n5 in body, "the mail names both arrivals")
    p = run("departures", "show", d6num, json_out=True)
    t.eq((p.json or {}).get("answers"), f"{n4}, {n5}", "departures show: the arrivals answered")
    t.eq(((p.json or {}).get("mails") or [{}])[0].get("state"), "sent", "and its mail, sent")
    p = run("departures", "show", d6num, "--eml")
    kept = db_rows(S.db, "SELECT m.bytes FROM departure_mails m JOIN departures d ON "
                   "d.id = m.departure_id WHERE d.number = ?", (d6num,))[0][0]
    t.check(p.stdout.encode() == kept and b"In-Reply-To:" in kept,
            "show --eml: the mail as it left")
    t.eq(db_rows(S.db, "PRAGMA integrity_check")[0][0], "ok", "integrity_check")
finally:
    S.server.stop()

clean_up(t, work)
sys.exit(t.finish())
