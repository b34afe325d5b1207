"""The parser worker classifies what `bureau fetch` registers (beside the
parse, in the worker process); `bureau ingest` classifies in the main
process. The same labelled messages (tests/data/labelled) through both, with
the default rules and a mailbox default kind, must end with the same
department, kind, triage flag and rule hits, message by message."""
import glob
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, SRC, Tally, bureau, db_rows, rmtree, skip, tempdir, write_config  # noqa: E402
import dovecot  # noqa: E402

if not dovecot.available():
    skip("dovecot cannot be run here")
if not os.access(BIN, os.X_OK):
    skip(f"{BIN} not built")

PW = "classify-Pw-77"
ENV = {"PW_BO": PW}
QUERY = ("SELECT e.message_id, e.department, e.kind, e.needs_triage, v.detail "
         "FROM entries e JOIN events v ON v.entry_id = e.id AND v.action = 'classified'")


def outcome(db):
    # the 'classified' event names the rules that fired, with their fields
    # and weights
    rows = {}
    for mid, dept, kind, triage, detail in db_rows(db, QUERY):
        rules = detail.split("; rules: ", 1)[1] if "; rules: " in detail else ""
        rows[mid] = (dept, kind, triage, rules)
    return rows


t = Tally("classify_worker")
work = tempdir()
d = dovecot.Dovecot(work, users={"bo": PW})
files = sorted(glob.glob(os.path.join(SRC, "tests", "data", "labelled", "*.eml")))
try:
    d.start()
    raws = [open(f, "rb").read() for f in files]
    d.deliver_files("bo", raws)
    fetched_db = os.path.join(work, "fetched.db")
    conf = write_config(os.path.join(work, "fetched.conf"), fetched_db, accounts=[{
        "name": "general", "host": "127.0.0.1", "port": d.port, "tls": "none", "user": "bo",
        "password_env": "PW_BO", "default_kind": "complaint", "batch": 50}])
    t.eq(bureau(conf, "init").returncode, 0, "init fetched.db")
    p = bureau(conf, "fetch", env=ENV)
    t.eq(p.returncode, 0, f"fetch: {p.stderr[-300:]}")
    ingested_db = os.path.join(work, "ingested.db")
    conf2 = write_config(os.path.join(work, "ingested.conf"), ingested_db)
    # ingest has no mailbox: its default kind is the rules' own; compare the
    # complaint default separately below
    t.eq(bureau(conf2, "init").returncode, 0, "init ingested.db")
    p = bureau(conf2, "ingest", *files)
    t.eq(p.returncode, 0, f"ingest: {p.stderr[-300:]}")
    a, b = outcome(fetched_db), outcome(ingested_db)
    t.check(len(a) >= 400, f"the labelled set was registered by fetch ({len(a)})")
    t.eq(sorted(a), sorted(b), "the same messages in both registers")
    same, differ = 0, []
    for mid in a:
        fa, fb = a[mid], b.get(mid)
        if fb is None:
            continue
        # the mailbox default kind applies only where no kind rule fired
        kind_b = "complaint" if fb[1] == "correspondence" and fa[1] == "complaint" else fb[1]
        if (fa[0], fa[1], fa[3]) == (fb[0], kind_b, fb[3]):
            same += 1
        else:
            differ.append((mid, fa, fb))
    for x in differ[:5]:
        print("differs:", x)
    t.eq(same, len(a), "department, kind and rule hits the same, message by message")
    defaulted = sum(1 for m in a if m in b and b[m][1] == "correspondence" and a[m][1] == "complaint")
    t.check(defaulted > 0, f"the mailbox default kind applied in the worker ({defaulted} messages)")
    with_hits = sum(1 for v in a.values() if v[3])
    t.check(with_hits > len(a) // 2, f"rule hits came back from the worker ({with_hits})")
    triage_a = sum(1 for v in a.values() if v[2])
    triage_b = sum(1 for v in b.values() if v[2])
    t.check(triage_a > 0 and triage_a == triage_b,
            f"the same messages need triage ({triage_a} and {triage_b})")
except dovecot.DovecotError as e:
    t.check(False, f"dovecot: {e}")
finally:
    d.stop()
    rmtree(work)

sys.exit(t.finish())
