"""kill -9 during a schema migration (issue 12, "also not yet tried").

A register at schema 1 (sql/001 only, as the first release left it) with
entries, history, a quarantined message and FTS rows is opened by today's
bureau, which runs every later migration. The process is killed (SIGKILL)
1. inside each migration's transaction in turn (BUREAU_TEST_KILL_MIGRATION=N:
   SQL applied, user_version set, not committed), one crash after another on
   the same file, and
2. after random delays while the whole upgrade runs, each on a fresh copy.
After every kill the file must be exactly at one migration level (its schema
the one sql/001..N give, nothing half applied), the data and numbers intact;
the next run must finish the upgrade (schema = a fresh `bureau init`'s) and
the next registration take the next number."""
import glob
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, bureau, clean_up, db_rows, is_asan, tempdir, write_config  # noqa: E402
import smtpd  # noqa: E402

SRC = os.environ.get("BUREAU_SOURCE_DIR",
                     os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
YEAR = time.localtime().tm_year
N_ENTRIES = 400 if is_asan() else 2000
RANDOM_KILLS = 12 if is_asan() else 25


def migrations():
    out = []
    for path in sorted(glob.glob(os.path.join(SRC, "sql", "[0-9][0-9][0-9]_*.sql"))):
        with open(path, encoding="utf-8") as f:
            out.append((int(os.path.basename(path)[:3]), f.read()))
    return out


def apply(db, migs):
    con = sqlite3.connect(db, isolation_level=None)
    for v, sql in migs:
        con.executescript(f"BEGIN IMMEDIATE;\n{sql}\n;PRAGMA user_version = {v};\nCOMMIT;")
    con.close()


def schema(db):
    return sorted(db_rows(db, "SELECT type, name, tbl_name, sql FROM sqlite_master"))


def version(db):
    return db_rows(db, "PRAGMA user_version")[0][0]


def references(work, migs):
    """The schema after each level, built by SQLite from the sql/ files."""
    ref = {}
    for i, (v, _) in enumerate(migs):
        db = os.path.join(work, f"ref-{v:03d}.db")
        apply(db, migs[:i + 1])
        ref[v] = schema(db)
    return ref


def old_register(path, migs):
    """Schema 1 with N_ENTRIES entries (numbers 1..N), their originals,
    one event each, FTS rows and one held quarantined message."""
    apply(path, migs[:1])
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN")
    now = int(time.time()) - 86400
    for i in range(1, N_ENTRIES + 1):
        raw = f"From: c{i}@citizen.test\r\nSubject: plainte {i}\r\n\r\nbody {i}\r\n".encode()
        con.execute("INSERT INTO raw_messages (id, sha256, size, received_at, bytes) "
                    "VALUES (?, ?, ?, ?, ?)", (i, f"{i:064x}", len(raw), now, raw))
        con.execute("INSERT INTO entries (id, number, year, seq, received_at, sender_addr, "
                    "subject, body, kind, department, raw_id, source) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'complaint', 'proprete', ?, 'stdin')",
                    (i, f"{YEAR}/{i:06d}", YEAR, i, now, f"c{i}@citizen.test", f"plainte {i}",
                     f"body {i}", i))
        con.execute("INSERT INTO events (entry_id, at, actor, action, detail) "
                    "VALUES (?, ?, 'system', 'registered', ?)", (i, now, f"{YEAR}/{i:06d}"))
        con.execute("INSERT INTO entries_fts (rowid, subject, body, sender, attachments) "
                    "VALUES (?, ?, ?, ?, '')", (i, f"plainte {i}", f"body {i}", f"c{i}@citizen.test"))
    con.execute("INSERT INTO counters (year, last) VALUES (?, ?)", (YEAR, N_ENTRIES))
    con.execute("INSERT INTO quarantine (raw_id, size, received_at, reason, source) "
                "VALUES (1, 10, ?, 'too large', 'stdin')", (now,))
    con.execute("COMMIT")
    con.close()


def data(db):
    """What must survive every crash, unchanged."""
    return (db_rows(db, "SELECT id, number, year, seq, sender_addr, subject, raw_id FROM entries "
                        "ORDER BY id"),
            db_rows(db, "SELECT year, last FROM counters"),
            db_rows(db, "SELECT count(*), sum(length(bytes)) FROM raw_messages"),
            db_rows(db, "SELECT entry_id, action, detail FROM events WHERE action = 'registered' "
                        "ORDER BY id"),
            db_rows(db, "SELECT id, raw_id, reason, status FROM quarantine"),
            db_rows(db, "SELECT rowid FROM entries_fts WHERE entries_fts MATCH 'plainte' "
                        "ORDER BY rowid"))


def at_a_level(t, db, ref, want, what):
    v = version(db)
    t.check(v in ref, f"{what}: user_version {v} is a migration level")
    t.check(v in ref and schema(db) == ref[v],
            f"{what}: the schema is exactly level {v}'s, nothing half applied")
    t.eq(data(db), want, f"{what}: entries, numbers, originals, history, quarantine intact")
    return v


def finish(t, conf, db, ref, want, fresh, what):
    p = bureau(conf, "show", f"{YEAR}/000001")
    t.eq(p.returncode, 0, f"{what}: the next run upgrades and works ({p.stderr.strip()[-300:]})")
    t.eq(version(db), max(ref), f"{what}: at the last level")
    t.check(schema(db) == fresh, f"{what}: the schema is a fresh init's")
    t.eq(data(db), want, f"{what}: data intact after the upgrade")


def chain(t, work, ref, want, fresh, template):
    """One crash inside each migration in turn, on the same file."""
    d = os.path.join(work, "chain")
    os.makedirs(d)
    db = os.path.join(d, "bureau.db")
    shutil.copy(template, db)
    conf = write_config(os.path.join(d, "bureau.conf"), db,
                        rules=smtpd.write_rules(os.path.join(d, "rules")))
    levels = sorted(ref)
    for prev, v in zip(levels, levels[1:]):
        p = bureau(conf, "show", f"{YEAR}/000001", env={"BUREAU_TEST_KILL_MIGRATION": str(v)})
        t.eq(p.returncode, -signal.SIGKILL, f"killed inside migration {v}")
        got = at_a_level(t, db, ref, want, f"after the kill in migration {v}")
        t.eq(got, prev, f"migration {v} rolled back whole: still at {prev}")
    finish(t, conf, db, ref, want, fresh, "after the chain of kills")
    ingest_next(t, conf, db, "after the chain of kills")


def ingest_next(t, conf, db, what):
    p = bureau(conf, "ingest", input=smtpd.citizen_message(sender="new@citizen.test"))
    t.eq(p.returncode, 0, f"{what}: ingest ({p.stderr.strip()[-300:]})")
    nums = [r[0] for r in db_rows(db, "SELECT seq FROM entries WHERE year = ? ORDER BY seq",
                                  (YEAR,))]
    t.eq(nums, list(range(1, N_ENTRIES + 2)), f"{what}: the new entry takes the next number")


def timed_upgrade(work, template):
    d = os.path.join(work, "timing")
    os.makedirs(d)
    db = os.path.join(d, "bureau.db")
    shutil.copy(template, db)
    conf = write_config(os.path.join(d, "bureau.conf"), db,
                        rules=smtpd.write_rules(os.path.join(d, "rules")))
    t0 = time.monotonic()
    bureau(conf, "show", f"{YEAR}/000001")
    return conf, time.monotonic() - t0


def random_kills(t, work, ref, want, fresh, template):
    conf_t, took = timed_upgrade(work, template)
    print(f"a whole upgrade from level 1 takes {took * 1000:.0f} ms", flush=True)
    rng = random.Random(12)
    seen = {}
    for k in range(RANDOM_KILLS):
        d = os.path.join(work, f"kill{k}")
        os.makedirs(d)
        db = os.path.join(d, "bureau.db")
        shutil.copy(template, db)
        conf = write_config(os.path.join(d, "bureau.conf"), db,
                            rules=smtpd.write_rules(os.path.join(d, "rules")))
        delay = rng.uniform(0, took)
        proc = subprocess.Popen([BIN, "-c", conf, "show", f"{YEAR}/000001"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        v = at_a_level(t, db, ref, want, f"random kill {k} after {delay * 1000:.0f} ms")
        seen[v] = seen.get(v, 0) + 1
        finish(t, conf, db, ref, want, fresh, f"random kill {k}")
        shutil.rmtree(d)
    print(f"levels found after the random kills: {dict(sorted(seen.items()))}", flush=True)


def main():
    t = Tally("kill_migration")
    work = tempdir("bureau-kill-migration-")
    try:
        migs = migrations()
        ref = references(work, migs)
        d = os.path.join(work, "fresh")
        os.makedirs(d)
        fdb = os.path.join(d, "bureau.db")
        fconf = write_config(os.path.join(d, "bureau.conf"), fdb)
        t.eq(bureau(fconf, "init").returncode, 0, "init a fresh register")
        fresh = schema(fdb)
        t.check(fresh == ref[max(ref)], "the sql/ files give the schema bureau init creates")
        template = os.path.join(work, "level1.db")
        old_register(template, migs)
        want = data(template)
        t.eq(len(want[0]), N_ENTRIES, "the old register holds its entries")
        chain(t, work, ref, want, fresh, template)
        random_kills(t, work, ref, want, fresh, template)
    finally:
        clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
