"""The register is one whole file, and no command starts a second one
(issue 12 item 2, issue 13 item 2).

- A config whose `database =` names a file that does not exist: every command
  but `init` exits 78 naming the path and creates no file; `fetch` against a
  real Dovecot moves nothing out of the INBOX; `serve` does not start.
- After registrations by `ingest`, `fetch` and `serve`, bureau.db copied alone
  (without its -wal) holds every entry: commands checkpoint when done, serve
  periodically.
- A database with no schema, or whose counter is behind its entries, or whose
  history refers to an entry it does not hold, is refused (exit 78, path
  named) and left as it was: no number is given again.
- `bureau backup FILE` while another process registers: one self-contained
  file (no -wal, rollback journal), integrity ok, its counters agree with its
  entries, usable as a register; the live database itself is refused as FILE."""
import os
import shutil
import sqlite3
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, bureau, clean_up, db_rows, tempdir, write_config  # noqa: E402
import dovecot  # noqa: E402
from test_serve import ENV, USERS, Env, account, make_message, wait_until  # noqa: E402

CONFIG_EXIT = 78
TEMP_EXIT = 75


def expected_exit(command):
    """78 (EX_CONFIG); ingest keeps its MTA contract: 75, the MTA keeps the mail
    queued and retries once the configuration is fixed."""
    return TEMP_EXIT if command == "ingest" else CONFIG_EXIT


def message(i, tag="whole"):
    return (f"From: Citoyen {i} <c{tag}{i}@example.test>\r\nTo: bo@commune.test\r\n"
            f"Subject: Réclamation {tag} {i}\r\nMessage-ID: <{tag}-{i}@example.test>\r\n"
            f"Date: Mon, 16 Nov 2026 10:00:00 +0000\r\n\r\nTexte {i}.\r\n")


def alone_count(db, work):
    """Entries in a copy of bureau.db made without its -wal (what a naive backup
    keeps), read by SQLite; None when the copy holds no register at all."""
    copy = os.path.join(work, "alone-copy.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(copy + suffix):
            os.unlink(copy + suffix)
    shutil.copyfile(db, copy)
    try:
        return db_rows(copy, "SELECT count(*) FROM entries")[0][0]
    except sqlite3.Error:
        return None


def missing_database(t, work):
    db = os.path.join(work, "typo", "bureau.dbb")
    os.makedirs(os.path.dirname(db))
    conf = write_config(os.path.join(work, "typo.conf"), db)
    commands = [("list",), ("show", "1"), ("search", "route"), ("ingest", "-"),
                ("assign", "1", "voirie"), ("status", "1", "in-progress"), ("due",),
                ("overdue",), ("stats",), ("outbox", "list"), ("quarantine", "list"),
                ("rules", "apply", "--all"), ("export",), ("backup", os.path.join(work, "b.db")),
                ("serve",)]
    for cmd in commands:
        try:
            p = bureau(conf, *cmd, input=message(1), timeout=20)
        except subprocess.TimeoutExpired:
            t.check(False, f"missing database: {' '.join(cmd)} still running after 20 s")
            continue
        t.eq(p.returncode, expected_exit(cmd[0]), f"missing database: {' '.join(cmd)} exit code")
        t.check(db in p.stderr, f"missing database: {' '.join(cmd)} names {db}: {p.stderr!r}")
    t.eq(os.listdir(os.path.dirname(db)), [], "missing database: no file was created")
    t.check(not os.path.exists(os.path.join(work, "b.db")), "missing database: no backup written")


def fetch_missing_then_whole(t, work, d):
    """fetch on a missing database moves nothing; after init it registers, and
    bureau.db alone then holds the entries."""
    sub = os.path.join(work, "fetch")
    os.makedirs(sub)
    db = os.path.join(sub, "bureau.db")
    conf = write_config(os.path.join(sub, "bureau.conf"), db, accounts=[account(d)])
    for i in range(3):
        d.append("bo", message(i, "fetch").encode())
    p = bureau(conf, "fetch", env=ENV, timeout=60)
    t.eq(p.returncode, CONFIG_EXIT, "fetch, missing database: exit 78")
    t.check(db in p.stderr, f"fetch, missing database: names the path: {p.stderr!r}")
    t.eq(sorted(os.listdir(sub)), ["bureau.conf"], "fetch, missing database: no file created")
    t.eq(d.count("bo", "INBOX"), 3, "fetch, missing database: the INBOX keeps its 3 messages")
    t.check("Registered" not in d.list_folders("bo") or d.count("bo", "Registered") == 0,
            "fetch, missing database: nothing moved to Registered")
    t.eq(bureau(conf, "init").returncode, 0, "fetch: init")
    p = bureau(conf, "fetch", env=ENV, timeout=60)
    t.eq(p.returncode, 0, f"fetch after init: {p.stderr}")
    t.eq(alone_count(db, sub), 3, "fetch: bureau.db copied alone holds the 3 entries")


def ingest_whole(t, work):
    sub = os.path.join(work, "ingest")
    os.makedirs(sub)
    db = os.path.join(sub, "bureau.db")
    conf = write_config(os.path.join(sub, "bureau.conf"), db)
    t.eq(bureau(conf, "init").returncode, 0, "ingest: init")
    for i in range(4):
        p = bureau(conf, "ingest", "-", input=message(i, "ingest"))
        t.eq(p.returncode, 0, f"ingest {i}: {p.stderr}")
    t.eq(alone_count(db, sub), 4, "ingest: bureau.db copied alone holds the 4 entries")
    return conf, db


def refused(t, work, name, db, what):
    """A register at db (built by the caller) is refused by ingest and list,
    and is left with the numbers it had."""
    conf = write_config(os.path.join(work, name + ".conf"), db)
    before = db_rows(db, "SELECT count(*) FROM sqlite_master")[0][0]
    for cmd in (("ingest", "-"), ("list",), ("status", "1", "in-progress")):
        p = bureau(conf, *cmd, input=message(99, name))
        t.eq(p.returncode, expected_exit(cmd[0]), f"{what}: {cmd[0]} exit code ({p.stdout!r})")
        t.check(db in p.stderr, f"{what}: {cmd[0]} names the path: {p.stderr!r}")
        if cmd[0] == "ingest":
            t.check("registered" not in p.stdout, f"{what}: ingest registers nothing")
    t.eq(db_rows(db, "SELECT count(*) FROM sqlite_master")[0][0], before,
         f"{what}: the file's schema is as it was (not re-created)")


def damaged_copies(t, work, db):
    # a file that exists but holds no register (what bureau.db alone used to be)
    empty = os.path.join(work, "empty.db")
    con = sqlite3.connect(empty)
    con.execute("PRAGMA page_size=16384")
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    refused(t, work, "empty", empty, "no schema")

    behind = os.path.join(work, "behind.db")
    t.eq(bureau(write_config(os.path.join(work, "src.conf"), db), "backup", behind).returncode,
         0, "damaged: backup for the counter copy")
    con = sqlite3.connect(behind)
    con.execute("UPDATE counters SET last = 2")
    con.commit()
    con.close()
    refused(t, work, "behind", behind, "counter behind its entries")

    orphan = os.path.join(work, "orphan.db")
    shutil.copyfile(behind, orphan)
    con = sqlite3.connect(orphan)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("DROP TRIGGER entries_no_delete")
    con.execute("DELETE FROM entries WHERE seq IN (3, 4)")
    con.execute("UPDATE counters SET last = 2")
    con.commit()
    con.close()
    refused(t, work, "orphan", orphan, "history refers to missing entries")


def backup_under_writes(t, work, conf, db):
    stop = threading.Event()
    done = []

    def writer():
        i = 100
        while not stop.is_set() and i < 140:
            p = bureau(conf, "ingest", "-", input=message(i, "bk"))
            done.append(p.returncode)
            i += 1

    th = threading.Thread(target=writer)
    th.start()
    out = os.path.join(work, "backups", "bureau-copy.db")
    os.makedirs(os.path.dirname(out))
    results = []
    for _ in range(3):
        results.append(bureau(conf, "backup", out))
    stop.set()
    th.join()
    t.eq([p.returncode for p in results], [0, 0, 0], "backup while ingest runs: exit 0 "
         + " ".join(p.stderr for p in results))
    t.check(all("integrity ok" in p.stdout for p in results), "backup: reports integrity ok")
    t.eq(set(done), {0}, "backup: the concurrent ingests all succeeded")
    t.eq(sorted(os.listdir(os.path.dirname(out))), ["bureau-copy.db"],
         "backup: one self-contained file, no -wal, no temp file left")
    t.eq(db_rows(out, "PRAGMA journal_mode")[0][0], "delete", "backup: rollback-journal mode")
    t.eq(db_rows(out, "PRAGMA integrity_check")[0][0], "ok", "backup: integrity_check ok")
    last, top, n = db_rows(out, "SELECT (SELECT last FROM counters), max(seq), count(*) "
                                "FROM entries")[0]
    t.check(last == top == n and n >= 4, f"backup: counter {last} = last number {top} = {n} entries")
    bconf = write_config(os.path.join(work, "restored.conf"), out)
    p = bureau(bconf, "list")
    t.eq(p.returncode, 0, f"backup: the copy is usable as a register: {p.stderr}")
    p = bureau(conf, "backup", db)
    t.check(p.returncode != 0 and "database itself" in p.stderr,
            f"backup: the live database as FILE is refused: {p.stderr!r}")
    t.eq(db_rows(db, "PRAGMA integrity_check")[0][0], "ok", "backup: the live database intact")


def serve_checkpoints(t, work, d):
    os.makedirs(os.path.join(work, "serve"))
    env = Env(os.path.join(work, "serve"), d)
    if not env.init(t):
        return
    for i in range(3):
        d.append("bo", make_message(i, "ckpt"))
    s = env.serve()
    try:
        ok, _ = wait_until(lambda: env.n_entries() >= 3, 30)
        t.check(ok, "serve: 3 messages registered")
        n, secs = wait_until(lambda: alone_count(env.db, env.work) == 3, 20, interval=0.5)
        t.check(n, f"serve: bureau.db copied alone holds the 3 entries while serve runs "
                   f"(waited {secs:.1f} s, got {alone_count(env.db, env.work)})")
    finally:
        rc, _ = s.stop()
        t.eq(rc, 0, "serve: clean stop")


def main():
    t = Tally("register_whole")
    work = tempdir("bureau-whole-")
    d = None
    try:
        missing_database(t, work)
        conf, db = ingest_whole(t, work)
        damaged_copies(t, work, db)
        backup_under_writes(t, work, conf, db)
        if dovecot.available():
            d = dovecot.Dovecot(work, users=USERS).start()
            fetch_missing_then_whole(t, work, d)
            serve_checkpoints(t, work, d)
        else:
            t.check(False, "dovecot is needed for the fetch and serve cases")
    finally:
        if d:
            d.stop()
        clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
