"""Disk and I/O faults (issue 18 item 3): the register survives what the disk does.

A. An SQLite VFS shim (tests/tools/faultvfs.c, LD_PRELOAD) fails the N-th write, then
   the N-th fsync, for N over every write and fsync that one registration makes
   (`bureau ingest` of one message with acknowledgement and routing mail queued; every
   third write only in the ASan build, which is ten times slower), and
   once more as a full disk (SQLITE_FULL from the N-th write on). After each fault:
   the exit status is 75 (temporary) or 0 (the fault came after the commit), the
   database passes integrity_check, the entry is there whole or not at all; then the
   same message ingested again without faults leaves it registered exactly once,
   numbers 1..4 without a gap, its original bytes intact and one acknowledgement.
B. A real full disk: the database on a small tmpfs, filled to the last byte by a
   filler file, under `bureau fetch` (a private Dovecot with 30 messages, a third of
   them with 120 KB attachments), `bureau serve` and `bureau outbox send` (a private
   SMTP server). Every refusal is a clean temporary failure (fetch exits 75; serve keeps
   running), no number is skipped, nothing is moved on the server that was not
   committed; once the filler is removed everything completes exactly once.
Needs root (mount) and the faultvfs library from the build."""
import glob
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import (BIN, SRC, Tally, bureau, clean_up, db_rows, is_asan, skip,  # noqa: E402
                    tempdir, write_config)
from diskfull import Tmpfs, integrity  # noqa: E402
import dovecot  # noqa: E402
import smtpd  # noqa: E402

PW = "disk-Faults-77"
ENV = {"BUREAU_TEST_IMAP_PW": PW}
BUILD = os.environ.get("BUREAU_BUILD_DIR", os.path.join(SRC, "build"))


def faultvfs_lib():
    for p in (os.path.join(BUILD, "tests", "tools", "libfaultvfs.so"),):
        if os.path.exists(p):
            return p
    return None


def message(i, attach=0):
    from email.message import EmailMessage
    import email.policy
    m = EmailMessage(policy=email.policy.SMTP)
    m["From"] = f"citoyen{i}@citizen.test"
    m["To"] = "bo@commune.test"
    m["Subject"] = f"شكاية رقم {i} بخصوص الأزبال"
    m["Message-ID"] = f"<disk-{i}@citizen.test>"
    m["Date"] = "Tue, 01 Dec 2026 10:00:00 +0100"
    m.set_content(f"السلام عليكم، الأزبال متراكمة في الزنقة {i}. Merci.\n", charset="utf-8",
                  cte="base64")
    if attach:
        m.add_attachment(bytes((i * 7 + k) % 251 for k in range(attach)),
                         maintype="application", subtype="pdf", filename=f"scan-{i}.pdf")
    return m.as_bytes()


def seqs(db):
    return [r[0] for r in db_rows(db, "SELECT seq FROM entries ORDER BY seq")]


def config(work, db, accounts=(), smtp_port=9, extra=""):
    rules = smtpd.write_rules(os.path.join(work, "rules"))
    conf = os.path.join(work, "bureau.conf")
    write_config(conf, db, rules=rules, accounts=accounts, smtp={
        "url": f"smtp://127.0.0.1:{smtp_port}", "tls": "none", "from": "bo@commune.test",
        "max_auto_per_day": 1000}, extra=extra)
    return conf


# --- A: the N-th write or fsync fails ----------------------------------------

def run_faulty(conf, eml, lib, spec, count_file, extra_env=None):
    env = {"LD_PRELOAD": lib, "FAULTVFS_COUNT": count_file}
    if spec:
        env["FAULTVFS_FAIL"] = spec
    env.update(extra_env or {})
    if is_asan():
        env["ASAN_OPTIONS"] = os.environ.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0"
    p = bureau(conf, "ingest", eml, env=env)
    counts = {}
    if os.path.exists(count_file):
        w = open(count_file).read().split()
        counts = {w[k]: int(w[k + 1]) for k in range(0, len(w), 2)}
    return p, counts


def entry_of(db, msgid):
    return db_rows(db, "SELECT e.seq, r.bytes FROM entries e JOIN raw_messages r ON r.id = e.raw_id"
                   " WHERE e.message_id = ?", (msgid,))


def check_one_case(t, work, snap, conf_tpl, eml, raw, lib, spec, extra_env, label):
    """Restore the 3-entry snapshot, ingest with the fault, check, ingest again."""
    case = os.path.join(work, "case")
    shutil.rmtree(case, ignore_errors=True)
    os.makedirs(case)
    db = os.path.join(case, "bureau.db")
    shutil.copy(snap, db)
    conf = config(case, db)
    p, counts = run_faulty(conf, eml, lib, spec, os.path.join(case, "count"), extra_env)
    ok = t.check(counts.get("failed", 0) >= 1, f"{label}: the fault was injected ({counts})")
    ok &= t.check(p.returncode in (0, 75),
                  f"{label}: exit {p.returncode} is 0 or 75 (temporary): {p.stderr[-400:]}")
    ok &= t.eq(integrity(db), "ok", f"{label}: integrity_check after the fault")
    n = len(entry_of(db, "disk-4@citizen.test"))
    ok &= t.check(n in (0, 1), f"{label}: the entry is there whole or not at all ({n})")
    if p.returncode == 0:
        ok &= t.eq(n, 1, f"{label}: exit 0 means registered")
    again = bureau(conf, "ingest", eml)
    ok &= t.eq(again.returncode, 0, f"{label}: the retry succeeds: {again.stderr[-300:]}")
    ok &= t.eq(integrity(db), "ok", f"{label}: integrity_check after the retry")
    rows = entry_of(db, "disk-4@citizen.test")
    ok &= t.eq(len(rows), 1, f"{label}: registered exactly once after the retry")
    ok &= t.eq(seqs(db), [1, 2, 3, 4], f"{label}: numbers 1..4, no gap, no duplicate")
    if rows:
        ok &= t.check(hashlib.sha256(rows[0][1]).digest() == hashlib.sha256(raw).digest(),
                      f"{label}: the original bytes are intact")
    acks = db_rows(db, "SELECT count(*) FROM outbox o JOIN entries e ON e.id = o.entry_id "
                   "WHERE e.message_id = ? AND o.purpose = 'ack'", ("disk-4@citizen.test",))
    ok &= t.eq(acks[0][0], 1, f"{label}: one acknowledgement queued")
    return ok


def part_a(t, work, lib):
    base = os.path.join(work, "a")
    os.makedirs(base)
    db = os.path.join(base, "bureau.db")
    conf = config(base, db)
    t.eq(bureau(conf, "init").returncode, 0, "A: init")
    for i in range(1, 4):
        path = os.path.join(base, f"{i}.eml")
        with open(path, "wb") as f:
            f.write(message(i))
        t.eq(bureau(conf, "ingest", path).returncode, 0, f"A: ingest {i}")
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    snap = os.path.join(base, "snapshot.db")
    shutil.copy(db, snap)
    raw = message(4, attach=30000)
    eml = os.path.join(base, "4.eml")
    with open(eml, "wb") as f:
        f.write(raw)

    # how many writes and fsyncs one registration makes
    cdir = os.path.join(base, "count")
    os.makedirs(cdir)
    cdb = os.path.join(cdir, "bureau.db")
    shutil.copy(snap, cdb)
    p, counts = run_faulty(config(cdir, cdb), eml, lib, None, os.path.join(cdir, "n"))
    t.eq(p.returncode, 0, f"A: counting run registers: {p.stderr[-300:]}")
    writes, syncs = counts.get("writes", 0), counts.get("syncs", 0)
    t.check(writes >= 3 and syncs >= 1,
            f"A: one registration makes writes and fsyncs through the shim ({counts})")
    print(f"A: one registration = {writes} writes, {syncs} fsyncs", flush=True)

    bad = 0
    # every write in the release build; every third under ASan (10x slower), where
    # the sanitizers watch the same error paths
    stride = 3 if is_asan() else 1
    for n in range(1, writes + 1, stride):
        bad += not check_one_case(t, work, snap, None, eml, raw, lib, f"write:{n}", None,
                                  f"write {n}/{writes}")
    for n in range(1, syncs + 1):
        bad += not check_one_case(t, work, snap, None, eml, raw, lib, f"sync:{n}", None,
                                  f"fsync {n}/{syncs}")
    for n in range(1, writes + 1, max(1, writes // 8)):
        bad += not check_one_case(t, work, snap, None, eml, raw, lib, f"write:{n}",
                                  {"FAULTVFS_STICKY": "1", "FAULTVFS_ERR": "full"},
                                  f"disk full from write {n}/{writes}")
    print(f"A: {writes + syncs} single faults and the full-disk cases, {bad} bad", flush=True)


# --- B: a real full disk ------------------------------------------------------

def b_messages():
    return [message(100 + i, attach=120000 if i % 3 == 0 else 0) for i in range(30)]


def b_fetch(t, top):
    work = os.path.join(top, "b-fetch")
    os.makedirs(work)
    d = dovecot.Dovecot(work, users={"bo": PW})
    fs = Tmpfs(os.path.join(work, "fs-fetch"), "16m")
    try:
        d.start()
        db = os.path.join(fs.path, "bureau.db")
        conf = config(work, db, accounts=[dict(
            name="general", host="127.0.0.1", port=d.port, tls="none", user="bo",
            password_env="BUREAU_TEST_IMAP_PW", mailbox="INBOX", registered_folder="Registered",
            quarantine_folder="Quarantine", batch=5)])
        t.eq(bureau(conf, "init").returncode, 0, "B fetch: init")
        raws = b_messages()
        d.append_many("bo", raws[:4])
        t.eq(bureau(conf, "fetch", env=ENV).returncode, 0, "B fetch: a first pass with room")
        d.append_many("bo", raws[4:])
        fs.fill()
        p = bureau(conf, "fetch", env=ENV)
        t.eq(p.returncode, 75, f"B fetch: a full disk is a temporary failure: {p.stderr[-500:]}")
        fs.free()
        t.eq(integrity(db), "ok", "B fetch: integrity_check on the full disk")
        s = seqs(db)
        t.eq(s, list(range(1, len(s) + 1)), "B fetch: no gap after the full disk")
        reg = d.count("bo", "Registered")
        t.eq(reg, len(s), "B fetch: only what was committed was moved on the server")
        t.eq(reg + d.count("bo", "INBOX"), 30, "B fetch: nothing lost on the server")
        p = bureau(conf, "fetch", env=ENV)
        t.eq(p.returncode, 0, f"B fetch: with space back the pass completes: {p.stderr[-300:]}")
        t.eq(seqs(db), list(range(1, 31)), "B fetch: 30 entries, 1..30, once each")
        ids = db_rows(db, "SELECT count(DISTINCT message_id) FROM entries")[0][0]
        t.eq(ids, 30, "B fetch: every message registered exactly once")
        t.eq(d.count("bo", "INBOX"), 0, "B fetch: INBOX empty")
        t.eq(d.count("bo", "Registered"), 30, "B fetch: Registered holds the 30")
        t.eq(integrity(db), "ok", "B fetch: integrity_check at the end")
    finally:
        d.stop()
        fs.umount()


def wait_for(pred, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.2)
    return pred()


def b_serve_and_outbox(t, top):
    work = os.path.join(top, "b-serve")
    os.makedirs(work)
    d = dovecot.Dovecot(work, users={"bo": PW})
    s = smtpd.Smtpd(work)
    fs = Tmpfs(os.path.join(work, "fs-serve"), "16m")
    serve = None
    try:
        d.start()
        s.start()
        db = os.path.join(fs.path, "bureau.db")
        conf = config(work, db, smtp_port=s.port, accounts=[dict(
            name="general", host="127.0.0.1", port=d.port, tls="none", user="bo",
            password_env="BUREAU_TEST_IMAP_PW", mailbox="INBOX", registered_folder="Registered",
            quarantine_folder="Quarantine", batch=5, poll_interval="1s")])
        t.eq(bureau(conf, "init").returncode, 0, "B serve: init")
        raws = b_messages()
        log = open(os.path.join(work, "serve.log"), "wb")
        serve = subprocess.Popen([BIN, "-c", conf, "serve"], env=dict(os.environ, **ENV),
                                 stdout=log, stderr=subprocess.STDOUT)
        d.append_many("bo", raws[:4])
        t.check(wait_for(lambda: len(seqs(db)) == 4, 30), "B serve: the first 4 registered")
        fs.fill()
        d.append_many("bo", raws[4:])
        time.sleep(4)
        t.check(serve.poll() is None, "B serve: keeps running on a full disk")
        n_full = len(seqs(db))
        t.eq(d.count("bo", "Registered"), n_full,
             "B serve: only what was committed was moved while the disk was full")
        fs.free()
        t.check(wait_for(lambda: len(seqs(db)) == 30 and d.count("bo", "INBOX") == 0, 60),
                "B serve: once space is back all 30 are registered and moved")
        t.eq(seqs(db), list(range(1, 31)), "B serve: 1..30, no gap")
        t.eq(db_rows(db, "SELECT count(DISTINCT message_id) FROM entries")[0][0], 30,
             "B serve: each message once")
        t.check(wait_for(lambda: db_rows(db, "SELECT count(*) FROM outbox WHERE state "
                                         "NOT IN ('sent')")[0][0] == 0, 60),
                "B serve: the outbox drains once space is back")
        serve.send_signal(signal.SIGTERM)
        try:
            serve.wait(20)
        except subprocess.TimeoutExpired:
            serve.kill()
        t.eq(serve.returncode, 0, "B serve: stops cleanly")
        serve = None
        acks = s.messages()
        want = db_rows(db, "SELECT count(*) FROM outbox")[0][0]
        dups = db_rows(db, "SELECT coalesce(sum(possible_duplicates), 0) FROM outbox")[0][0]
        t.check(want <= len(acks) <= want + dups,
                f"B serve: every queued mail reached the SMTP server ({len(acks)} for {want}, "
                f"{dups} retried)")
        t.eq(integrity(db), "ok", "B serve: integrity_check")

        # outbox send on a full disk: a new batch of mail queued, the disk filled
        more = [message(200 + i) for i in range(5)]
        for i, raw in enumerate(more):
            path = os.path.join(work, f"more{i}.eml")
            with open(path, "wb") as f:
                f.write(raw)
            bureau(conf, "ingest", path)
        before = len(s.messages())
        fs.fill()
        p = bureau(conf, "outbox", "send")
        t.check(p.returncode in (0, 75),
                f"B outbox: send on a full disk exits 0 or 75 (temporary): {p.returncode} "
                f"{p.stderr[-300:]}")
        t.eq(integrity(db), "ok", "B outbox: integrity_check on the full disk")
        fs.free()
        p = bureau(conf, "outbox", "send")
        t.eq(p.returncode, 0, f"B outbox: send with space back: {p.stderr[-300:]}")
        left = db_rows(db, "SELECT count(*) FROM outbox WHERE state != 'sent'")[0][0]
        t.eq(left, 0, "B outbox: every row sent")
        got = len(s.messages()) - before
        t.check(10 <= got, f"B outbox: the 10 new mails arrived ({got})")
    finally:
        if serve:
            serve.kill()
        s.stop()
        d.stop()
        fs.umount()


def main():
    t = Tally("disk_faults")
    if os.geteuid() != 0:
        skip("needs root to mount a tmpfs")
    lib = faultvfs_lib()
    if not lib:
        t.check(False, f"libfaultvfs.so not built under {BUILD}")
        return t.finish()
    if not dovecot.available():
        skip("dovecot not installed")
    work = tempdir("bureau-disk-")
    try:
        part_a(t, work, lib)
        b_fetch(t, work)
        b_serve_and_outbox(t, work)
    finally:
        for m in glob.glob(os.path.join(work, "*", "fs-*")):
            subprocess.run(["umount", "-l", m], check=False, stderr=subprocess.DEVNULL)
    clean_up(t, work)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
