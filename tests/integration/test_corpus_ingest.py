"""Every message of ../shared/corpus through the whole pipeline (`bureau
ingest`: parse in the isolated worker, classify, register): each one ends
registered or quarantined with its original bytes, none twice, numbers without
a gap. Run in the normal and in the ASan+UBSan build. Skipped (77) when
../shared/corpus is absent."""
import glob
import hashlib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from common import SHARED, Tally, bureau, db_rows, rmtree, skip, tempdir, write_config  # noqa: E402

corpus = sorted(glob.glob(os.path.join(SHARED, "corpus", "*", "*.eml")))
if not corpus:
    skip(f"{SHARED}/corpus is absent")

t = Tally("corpus_ingest")
work = tempdir()
db = os.path.join(work, "bureau.db")
conf = write_config(os.path.join(work, "bureau.conf"), db)
try:
    t.eq(bureau(conf, "init").returncode, 0, "init")
    p = bureau(conf, "ingest", *corpus, timeout=600)
    t.check(p.returncode in (0, 65), f"ingest exit {p.returncode}: {p.stderr[-2000:]}")
    t.check(p.returncode >= 0, "no signal")
    digests = {}
    for f in corpus:
        data = open(f, "rb").read()
        digests.setdefault(hashlib.sha256(data).hexdigest(), []).append(f)
    stored = {h: (n, bytes(b)) for h, n, b in
              db_rows(db, "SELECT sha256, id, bytes FROM raw_messages")}
    missing = [fs[0] for h, fs in digests.items() if h not in stored]
    t.eq(missing, [], "every distinct corpus message is stored")
    same = all(hashlib.sha256(b).hexdigest() == h for h, (n, b) in stored.items())
    t.check(same, "the stored originals are the bytes read, unaltered")
    entries = {r[0] for r in db_rows(db, "SELECT raw_id FROM entries")}
    quarantined = {r[0] for r in db_rows(db, "SELECT raw_id FROM quarantine")}
    t.eq(entries & quarantined, set(), "nothing is both registered and quarantined")
    ids = {n for n, _ in stored.values()}
    t.eq(ids - entries - quarantined, set(), "each original ends registered or quarantined")
    seqs = [r[0] for r in db_rows(db, "SELECT seq FROM entries ORDER BY seq")]
    t.eq(seqs, list(range(1, len(seqs) + 1)), "numbers 1..N without a gap")
    t.eq(len(db_rows(db, "SELECT raw_id FROM entries GROUP BY raw_id HAVING count(*) > 1")), 0,
         "no original registered twice")
    print(f"{len(corpus)} files, {len(digests)} distinct: {len(entries)} registered, "
          f"{len(quarantined)} quarantined", flush=True)
    again = bureau(conf, "ingest", *corpus, timeout=600)
    t.eq(db_rows(db, "SELECT count(*) FROM entries")[0][0], len(entries),
         "ingesting the corpus again registers nothing")
    t.check(again.returncode in (0, 65), "second ingest exits normally")
finally:
    rmtree(work)

sys.exit(t.finish())
