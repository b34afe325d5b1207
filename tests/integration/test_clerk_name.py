"""The clerk name that goes into the audit trail is validated (issue 12,
item 10; issue 13: `--as ""` is refused).

Names with a newline, ESC, a bidi override, a zero-width joiner, invalid
UTF-8, leading or trailing space, an empty one and a 100,000-character one,
given by --as, $BUREAU_CLERK or $USER, make bureau exit 64 with a clear
message before anything is recorded; ordinary names (Arabic, with a space
or a dot, 64 characters) are recorded as given.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, bureau, clean_up, db_rows, tempdir, write_config  # noqa: E402

BAD = [b"amina\nroot", b"amina\x1b[2J", b"a\xe2\x80\xaeanima", b"ami\xe2\x80\x8dna", b"\xff\xfe",
       b" amina", b"amina ", b"", b"x" * 100000, b"a" * 65, b"tab\there", b"c1\xc2\x9bx"]
GOOD = ["amina", "أمينة العلوي", "A. Benali", "é" * 64]

t = Tally("clerk_name")
work = tempdir()
db = os.path.join(work, "bureau.db")
conf = write_config(os.path.join(work, "bureau.conf"), db)
t.eq(bureau(conf, "init").returncode, 0, "init")
msg = os.path.join(work, "m.eml")
with open(msg, "wb") as f:
    f.write(b"From: a@citizen.test\r\nSubject: test\r\nMessage-ID: <clerk@test>\r\n\r\nbody\r\n")
t.eq(bureau(conf, "ingest", msg).returncode, 0, "ingest")


def n_events():
    return db_rows(db, "SELECT count(*) FROM events")[0][0]


def run(args, env_extra=None):
    env = dict(os.environ)
    env.pop("BUREAU_CLERK", None)
    env.update(env_extra or {})
    return subprocess.run([os.fsencode(BIN), b"-c", conf.encode()] + args, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)


before = n_events()
for name in BAD:
    for how in ("--as", "BUREAU_CLERK", "USER"):
        if how != "--as" and (name == b"" or b"\x00" in name):
            continue  # an empty variable means "not set": the next one is used
        if how == "--as":
            p = run([b"--as", name, b"status", b"1", b"in-progress", b"--note", b"x"])
        else:
            extra = {os.fsdecode(how.encode()): os.fsdecode(name)}
            if how == "USER":
                extra["BUREAU_CLERK"] = ""
            p = run([b"status", b"1", b"in-progress", b"--note", b"x"], extra)
        t.eq(p.returncode, 64, f"{how} {name[:20]!r}: exit 64 ({p.stderr[-200:]!r})")
        t.check(b"clerk name" in p.stderr, f"{how} {name[:20]!r}: says why")
t.eq(n_events(), before, "nothing was recorded under a refused name")
for name, dept in zip(GOOD, ["urbanisme", "etat-civil", "travaux-voirie", "espaces-verts"]):
    p = bureau(conf, "assign", "1", dept, actor=name)
    t.eq(p.returncode, 0, f"--as {name!r} accepted: {p.stderr}")
actors = [r[0] for r in db_rows(db, "SELECT DISTINCT actor FROM events WHERE id > ?", (before,))]
for name in GOOD:
    t.check(name in actors, f"{name!r} recorded as given ({actors})")
clean_up(t, work)
sys.exit(t.finish())
