"""The register through the CLI, without servers: ingest from stdin, files and
a Maildir; numbering; de-duplication; quarantine; list/show/search/export;
attachments saved under safe names; clerk corrections with their history."""
import csv
import glob
import io
import hashlib
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from common import Tally, bureau, db_rows, rmtree, tempdir, write_config, SRC  # noqa: E402

t = Tally("register_cli")
work = tempdir()
db = os.path.join(work, "bureau.db")
conf = write_config(os.path.join(work, "bureau.conf"), db,
                    extra="[limits]\nmax_message_size = 64k\n")
samples = sorted(glob.glob(os.path.join(SRC, "tests", "data", "samples", "*.eml")))
year = time.localtime().tm_year

try:
    p = bureau(conf, "init")
    t.eq(p.returncode, 0, f"init: {p.stderr}")

    # stdin (the MTA pipe), then files
    p = bureau(conf, "ingest", input=open(samples[0], "rb").read())
    t.eq(p.returncode, 0, f"ingest stdin: {p.stderr}")
    t.check(p.stdout.startswith(f"registered {year}/000001"), f"stdin gets number 1: {p.stdout!r}")
    p = bureau(conf, "ingest", *samples[1:])
    t.eq(p.returncode, 0, f"ingest files: {p.stderr}")
    n = len(samples)
    rows = db_rows(db, "SELECT seq, number FROM entries ORDER BY seq")
    t.eq([r[0] for r in rows], list(range(1, n + 1)), "numbers 1..N, no gap")
    t.eq(rows[-1][1], f"{year}/{n:06d}", "number format YYYY/NNNNNN")

    # the same bytes again are recognised, never registered twice
    p = bureau(conf, "ingest", samples[2])
    t.eq(p.returncode, 0, "duplicate ingest exit 0")
    t.check(p.stdout.startswith("duplicate " + f"{year}/000003"), f"duplicate names the entry: {p.stdout!r}")
    t.eq(db_rows(db, "SELECT count(*) FROM entries")[0][0], n, "still N entries")

    # decoded fields
    p = bureau(conf, "show", "1", json_out=True)
    e = p.json or {}
    t.eq(e.get("subject"), "شكاية بخصوص تراكم الأزبال في حي السلام", "Arabic subject decoded")
    t.eq(e.get("sender_name"), "فاطمة الزهراء", "Arabic display name decoded")
    t.eq(e.get("sender_addr"), "fatima@citizen.test", "sender address")
    t.check("الروائح الكريهة" in (e.get("body") or ""), "Arabic base64 body decoded")
    t.check(any(ev["action"] == "registered" for ev in e.get("events", [])), "history has the registration")
    t.check(any(ev["action"] == "classified" for ev in e.get("events", [])), "history has the rules' decision")
    p = bureau(conf, "show", f"{year}/2", json_out=True)
    t.eq((p.json or {}).get("subject"), "Réclamation : nid-de-poule dangereux avenue Hassan II",
         "Latin-1 QP subject decoded")
    t.check("très dangereux" in ((p.json or {}).get("body") or ""), "Latin-1 QP body decoded")
    p = bureau(conf, "show", "4", json_out=True)
    t.check("الحصول على المعلومات" in ((p.json or {}).get("body") or ""), "windows-1256 body decoded")
    p = bureau(conf, "show", "5", json_out=True)
    t.check("بناء عشوائي" in ((p.json or {}).get("body") or ""), "ISO-8859-6 body decoded")
    p = bureau(conf, "show", "8", json_out=True)
    t.check("رشوة" in ((p.json or {}).get("body") or ""),
            "windows-1256 mislabelled as ISO-8859-1 recovered")
    p = bureau(conf, "show", "999")
    t.check(p.returncode != 0 and "999" in p.stderr, "unknown number is a clear error")

    # list and filters
    p = bureau(conf, "list", json_out=True)
    t.eq(len(p.json or []), n, "list --json gives every entry")
    p = bureau(conf, "list", "--year", str(year), "--from", time.strftime("%Y-%m-%d"), json_out=True)
    t.eq(len(p.json or []), n, "list by year and period")
    p = bureau(conf, "list", "--year", "1999", json_out=True)
    t.eq(p.json, [], "list of another year is empty")
    p = bureau(conf, "list")
    t.check(f"{year}/000001" in p.stdout and "(%d entries)" % n in p.stdout, "readable list")

    # search over the normalised text
    def found(*words):
        r = bureau(conf, "search", *words, json_out=True)
        return sorted(x["seq"] for x in (r.json or []))
    t.eq(found("شكايه"), found("شكاية"), "ta marbuta folded in search")
    t.check(1 in found("شكايه"), "شكايه finds شكاية")
    t.check(1 in found("شَكاية"), "vowelled شَكاية finds شكاية")
    t.check(2 in found("reclamation"), "reclamation finds Réclamation")
    t.check(2 in found("RECLAMATION"), "search ignores Latin case")
    t.check(5 in found("أخبركم"), "hamza forms folded (أخبركم)")
    t.check(1 in found("أزبال"), "أزبال finds الأزبال (the article is not part of the word)")
    t.check(1 in found("والأزبال"), "والأزبال finds الأزبال")
    t.check(1 in found("روائح", "كريهة"), "روائح كريهة finds الروائح الكريهة")
    t.check(1 in found("السلام"), "a word searched with its article still finds it")
    t.check(1 not in found("ازبالي"), "a stem is a whole word, not a prefix")
    t.eq(found("e-mail"), [], "a hyphen in the query is not an FTS5 syntax error")
    t.eq(found('"'), [], "a lone quote is harmless")

    # export: UTF-8 with BOM, one row per entry, formulas defused
    out = os.path.join(work, "register.csv")
    p = bureau(conf, "export", "--from", "2000-01-01", "--to", "2100-01-01", "-o", out)
    t.eq(p.returncode, 0, f"export: {p.stderr}")
    raw = open(out, "rb").read()
    t.check(raw.startswith(b"\xef\xbb\xbf"), "CSV starts with a BOM")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    t.eq(len(rows), n + 1, "header + one row per entry")
    t.eq(rows[1][0], f"{year}/000001", "first column is the number")
    t.check("شكاية" in rows[1][5], "Arabic subject in the CSV")

    # quarantine: over the size cap (kept), then registered anyway by a clerk
    big = (b"From: big@citizen.test\r\nSubject: big\r\nMessage-ID: <big@x>\r\n\r\n"
           + b"x" * 100 * 1024 + b"\r\n")
    p = bureau(conf, "ingest", input=big)
    t.eq(p.returncode, 0, f"oversized message is accepted into quarantine: {p.stderr}")
    t.check(p.stdout.startswith("quarantined #1"), f"quarantined: {p.stdout!r}")
    raw_q = db_rows(db, "SELECT r.bytes FROM quarantine q JOIN raw_messages r ON r.id = q.raw_id")
    t.check(raw_q and bytes(raw_q[0][0]) == big, "quarantine keeps the original bytes")
    huge = b"From: x@y\r\n\r\n" + b"y" * 300 * 1024
    p = bureau(conf, "ingest", input=huge)
    t.eq(p.returncode, 65, "more than 4x the cap on stdin is refused with EX_DATAERR")
    p = bureau(conf, "ingest", samples[0], input=None)
    p = bureau(conf, "quarantine", "list", json_out=True)
    t.eq([q["status"] for q in (p.json or [])], ["held"], "one held message")
    p = bureau(conf, "quarantine", "show", "1")
    t.check(p.stdout.encode() == big or "big@citizen.test" in p.stdout, "quarantine show gives the original")
    p = bureau(conf, "quarantine", "dismiss", "1")
    t.check(p.returncode != 0 and "--reason" in p.stderr, "dismiss needs a reason")
    p = bureau(conf, "quarantine", "register", "1", actor="amina")
    t.eq(p.returncode, 0, f"register from quarantine: {p.stderr}")
    t.check(f"{year}/{n+1:06d}" in p.stdout, f"it gets the next number: {p.stdout!r}")
    p = bureau(conf, "quarantine", "register", "1")
    t.check(p.returncode != 0, "cannot register the same quarantined message twice")
    ev = db_rows(db, "SELECT actor FROM events WHERE action = 'from-quarantine'")
    t.eq(ev, [("amina",)], "who registered it is recorded")

    # a Maildir
    md = os.path.join(work, "Maildir")
    for sub in ("new", "cur", "tmp"):
        os.makedirs(os.path.join(md, sub))
    for i in range(3):
        with open(os.path.join(md, "new", f"m{i}"), "wb") as f:
            f.write(f"From: md{i}@citizen.test\r\nSubject: maildir {i}\r\nMessage-ID: <md{i}@x>\r\n\r\nbody {i}\r\n".encode())
    p = bureau(conf, "ingest", "--maildir", md)
    t.eq(p.returncode, 0, f"maildir ingest: {p.stderr}")
    t.eq(db_rows(db, "SELECT count(*) FROM entries")[0][0], n + 4, "maildir messages registered")

    # attachments: hostile names are made safe, files never overwritten
    att = ("From: a@citizen.test\r\nSubject: pieces\r\nMessage-ID: <att@x>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=BB\r\n\r\n--BB\r\nContent-Type: text/plain\r\n\r\nvoir pj\r\n"
           "--BB\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"../../etc/passwd\"\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n"
           "--BB\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=utf-8''%D8%B9%D9%82%D8%AF.pdf\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0x\r\n--BB--\r\n").encode()
    p = bureau(conf, "ingest", input=att)
    num = p.stdout.split()[1]
    d = os.path.join(work, "pj")
    p = bureau(conf, "attachments", num, d)
    t.eq(p.returncode, 0, f"attachments saved: {p.stderr}")
    names = sorted(os.listdir(d))
    t.eq(names, ["01-passwd", "02-عقد.pdf"], "safe names, RFC 2231 name decoded")
    t.eq(open(os.path.join(d, "01-passwd"), "rb").read(), b"hello", "decoded content")
    p = bureau(conf, "attachments", num, d)
    t.check(p.returncode != 0, "existing files are not overwritten")
    t.eq(open(os.path.join(d, "02-عقد.pdf"), "rb").read(), b"%PDF-1", "second attachment decoded")
    # the register keeps name, size and digest; the bytes are cut from the
    # original again and must match the digest
    rows = db_rows(db, "SELECT a.idx, length(a.bytes), a.size, a.sha256 FROM attachments a "
                       "JOIN entries e ON e.id = a.entry_id WHERE e.number = ? ORDER BY a.idx",
                   (num,))
    t.eq([(r[0], r[1], r[2]) for r in rows], [(1, 0, 5), (2, 0, 6)],
         "no second copy of the attachments in the database")
    t.eq(rows[0][3], hashlib.sha256(b"hello").hexdigest(), "digest of the decoded bytes kept")
    shown = bureau(conf, "show", num, json_out=True).json or {}
    t.eq([(a.get("index"), a.get("size"), a.get("sha256")) for a in shown.get("attachments", [])],
         [(1, 5, rows[0][3]), (2, 6, rows[1][3])], "show --json gives each part's size and digest")
    eid = db_rows(db, "SELECT id FROM entries WHERE number = ?", (num,))[0][0]
    with sqlite3.connect(db) as cx:
        cx.execute("UPDATE attachments SET sha256 = ? WHERE entry_id = ? AND idx = 2",
                   ("0" * 64, eid))
    d2 = os.path.join(work, "pj2")
    p = bureau(conf, "attachments", num, d2)
    t.check(p.returncode != 0 and "no longer decodes to the registered bytes" in p.stderr,
            f"a part that no longer matches its digest is refused: {p.stderr.strip()}")
    t.eq(sorted(os.listdir(d2)), ["01-passwd"], "the parts that match are still saved")
    with sqlite3.connect(db) as cx:  # a row from before migration 006 keeps its bytes
        cx.execute("UPDATE attachments SET bytes = ?, size = 3 WHERE entry_id = ? AND idx = 2",
                   (b"old", eid))
    d3 = os.path.join(work, "pj3")
    p = bureau(conf, "attachments", num, d3)
    t.eq(p.returncode, 0, f"rows with their bytes are served from them: {p.stderr}")
    t.eq(open(os.path.join(d3, "02-عقد.pdf"), "rb").read(), b"old", "old row's bytes")

    # clerk corrections are events with the clerk's name
    p = bureau(conf, "assign", "2", "urbanisme", actor="karim")  # entry 2 is travaux-voirie
    t.eq(p.returncode, 0, f"assign: {p.stderr}")
    p = bureau(conf, "assign", "2", "no-such-department")
    t.check(p.returncode != 0, "unknown department refused")
    p = bureau(conf, "reclassify", "4", "information-request", actor="karim")
    t.eq(p.returncode, 0, f"reclassify: {p.stderr}")
    e = bureau(conf, "show", "4", json_out=True).json or {}
    t.eq(e.get("kind"), "information-request", "kind changed")
    t.check(bool(e.get("due_date")), "due date recomputed")
    acts = [(ev["actor"], ev["action"]) for ev in bureau(conf, "show", "2", json_out=True).json["events"]]
    t.check(("karim", "department") in acts, f"assignment in the history: {acts}")
finally:
    rmtree(work)

sys.exit(t.finish())
