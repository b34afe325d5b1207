#!/bin/sh
# imap_vs_mbsync.sh — time listing + BODY.PEEK[] download of N small messages
# from a private loopback Dovecot with bureau's IMAP client alone
# (tests/tools/imaptool bench) and with mbsync (isync, FSync no, SSLType None),
# same mailbox, same machine. Loopback only; everything in a temp dir.
#   bench/imap_vs_mbsync.sh [N] [BATCH]     (defaults 10000 200; run as root)
# Then, when a bureau binary is found ($BUREAU_BIN, else $BUREAU_BUILD_DIR/bureau,
# else build/bureau), the whole ingest: `bureau init` + `bureau fetch` of the
# same mailbox (parse, classify, register, move), with its rate and peak RSS.
# Env: BUREAU_BUILD_DIR (to use its tests/tools/imaptool), KEEP=1 keeps the dir.
set -eu
N=${1:-10000}
BATCH=${2:-200}
HERE=$(cd "$(dirname "$0")/.." && pwd)
export BUREAU_SOURCE_DIR="$HERE"
exec /usr/bin/python3 - "$N" "$BATCH" <<'PY'
import os, shutil, subprocess, sys, time
sys.path.insert(0, os.path.join(os.environ["BUREAU_SOURCE_DIR"], "tests", "lib"))
from common import tempdir
import dovecot

n, batch = int(sys.argv[1]), int(sys.argv[2])
work = tempdir("bureau-bench-")
PW = "bench-pw"

def timed(cmd, env=None):
    """wall seconds and peak RSS (kB) of one child, via /usr/bin/time."""
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "BENCH-RSS %M"] + cmd, capture_output=True,
                       env=env)
    dt = time.monotonic() - t0
    err = p.stderr.decode(errors="replace")
    rss = [l.split()[1] for l in err.splitlines() if l.startswith("BENCH-RSS")]
    return p.returncode, p.stdout.decode(errors="replace"), err, dt, int(rss[-1]) if rss else -1

def msg(i):
    return (f"From: Citoyen {i} <c{i}@example.test>\r\nTo: bo@commune.test\r\n"
            f"Subject: =?utf-8?b?2LTZg9in2YrYqQ==?= {i}\r\nMessage-ID: <bench-{i}@example.test>\r\n"
            f"Date: Sun, 22 Nov 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            f"السلام عليكم، رسالة رقم {i}. Bonjour, message numéro {i}.\r\n" * 4).encode()

d = dovecot.Dovecot(work, users={"bo": PW})
d.start()
try:
    tool = dovecot.imaptool(work)
    raws = [msg(i) for i in range(n)]
    d.deliver_files("bo", raws)
    total = sum(len(r) for r in raws)
    # warm Dovecot's index (first SELECT syncs the Maildir) so both clients see the same server
    subprocess.run([tool, "--tls", "none", "--host", "127.0.0.1", "--port", str(d.port),
                    "--user", "bo", "list", "INBOX"], capture_output=True,
                   env=dict(os.environ, IMAPTOOL_PASSWORD=PW), check=True)
    print(f"mailbox: {n} messages, {total} bytes (avg {total // n} B), Dovecot {d.port}")
    env = dict(os.environ, IMAPTOOL_PASSWORD=PW)
    runs = [(b, None) for b in sorted({batch, 50, 1000})] + [(batch, "files")]
    for b, files in runs:
        extra = []
        if files:
            extra = [os.path.join(work, "imapfiles")]
            os.makedirs(extra[0])
        rc, out, err, dt, rss = timed([tool, "--tls", "none", "--host", "127.0.0.1", "--port",
                                       str(d.port), "--user", "bo", "bench", "INBOX", str(b)] + extra,
                                      env)
        if rc != 0:
            print("imaptool failed:", err); sys.exit(1)
        what = "+files" if files else "memory"
        print(f"bureau imap.c  batch {b:5d} {what}: {out.strip()}  wall_s {dt:.3f} "
              f"({n / dt:.0f} msg/s) maxrss_kb(time) {rss}")
    for rnd in (1, 2):
        mdir = os.path.join(work, f"mbsync{rnd}")
        os.makedirs(mdir)
        rc_path = os.path.join(work, f"mbsyncrc{rnd}")
        with open(rc_path, "w") as f:
            f.write(f"""FSync no
IMAPAccount bench
Host 127.0.0.1
Port {d.port}
User bo
Pass {PW}
SSLType None
AuthMechs LOGIN

IMAPStore remote
Account bench

MaildirStore local
Path {mdir}/
Inbox {mdir}/INBOX

Channel bench
Far :remote:
Near :local:
Patterns INBOX
Sync Pull
Create Near
SyncState *
""")
        os.chmod(rc_path, 0o600)
        rc, out, err, dt, rss = timed(["mbsync", "-q", "-c", rc_path, "bench"])
        got = len(os.listdir(os.path.join(mdir, "INBOX", "new"))) + \
            len(os.listdir(os.path.join(mdir, "INBOX", "cur")))
        if rc != 0:
            print("mbsync failed:", err[-500:])
        print(f"mbsync (isync) run {rnd}:     messages {got} wall_s {dt:.3f} "
              f"({got / dt:.0f} msg/s) maxrss_kb {rss}")
    bin_ = os.environ.get("BUREAU_BIN") or os.path.join(
        os.environ.get("BUREAU_BUILD_DIR") or os.path.join(os.environ["BUREAU_SOURCE_DIR"], "build"),
        "bureau")
    if os.access(bin_, os.X_OK):
        from common import write_config
        rules = os.path.join(work, "rules")
        os.makedirs(rules)
        with open(os.path.join(rules, "bench.rules"), "w", encoding="utf-8") as f:
            f.write("department direction-services\nkind complaint\n  deadline: 60 days\n"
                    "kind correspondence\n  deadline: none\n"
                    "rule x\n  department: direction-services\n  pattern: شكاية\n")
        conf = write_config(os.path.join(work, "bureau.conf"), os.path.join(work, "bureau.db"),
                            rules=rules, accounts=[{
                                "name": "bench", "host": "127.0.0.1", "port": d.port,
                                "tls": "none", "user": "bo", "password_env": "BENCH_PW"}])
        benv = dict(os.environ, BENCH_PW=PW)
        subprocess.run([bin_, "-c", conf, "init"], capture_output=True, env=benv, check=True)
        rc, out, err, dt, rss = timed([bin_, "-c", conf, "fetch"], benv)
        reg = sum(1 for l in out.splitlines() if l.startswith("registered"))
        print(f"bureau fetch (full ingest): exit {rc} registered {reg} wall_s {dt:.3f} "
              f"({reg / dt:.0f} msg/s) maxrss_kb {rss} db_bytes "
              f"{os.path.getsize(os.path.join(work, 'bureau.db'))}")
        if rc != 0:
            print(err[-800:])
    else:
        print(f"(no bureau binary at {bin_}: full-ingest figure skipped)")
finally:
    d.stop()
    if os.environ.get("KEEP"):
        print("kept", work)
    else:
        shutil.rmtree(work, ignore_errors=True)
PY
