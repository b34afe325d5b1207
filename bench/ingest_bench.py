#!/usr/bin/python3
"""ingest_bench.py — bureau fetch against mbsync on the same loopback mailbox.

For each N: a private Dovecot (tests/lib/dovecot.py) in a temp dir gets N
messages from bench/gen_mail.py written straight into its Maildir; its index
is warmed by one SELECT; then, in the same run and on the same mailbox:
  (a) mbsync (isync) downloads INBOX into a local Maildir (FSync no,
      SSLType None, Sync Pull: the server is left as it was);
  (b) `bureau fetch` registers every message: decoding, classification,
      durable storage in SQLite, acknowledgements queued (an [smtp] section
      is configured; nothing is sent) and the move to "Registered".
Wall time, messages/s, MB/s (raw message bytes / wall / 10^6) and peak RSS
(GNU time's %M: ru_maxrss of the process) are measured for each, and the ratio
b/a of messages/s. Each run is checked: mbsync wrote N files, bureau holds N
entries and INBOX is empty; a failed check makes the exit status 1.

    sudo /usr/bin/python3 bench/ingest_bench.py [-n 1000,10000] [--seed 1]
         [--mix everyday|classic] [--batch 200] [--parsers auto|1-4] [--repeat 3] [--csv FILE] [--bureau PATH]
The mailbox is gen_mail.py's "everyday" mix by default (HTML, multipart/alternative,
quoted threads, signatures with logos, ~21 KB a message: see gen_everyday.py), or the
"classic" mix that sessions 1-5 measured. Each bureau row also gives fetch's own account
of its time: downloading, registering (of it waiting for the parser), committing, moving.
Each size is run --repeat times, each time on a freshly loaded mailbox
(mbsync then bureau); the summary gives the medians. --durable also times
mbsync with FSync yes (every file flushed, as bureau flushes every commit
before it moves a batch on the server) and gives that ratio as well.
Env: BUREAU_BIN (default build/bureau), KEEP=1 keeps the temp dirs, BENCH_PERF=PREFIX
records each fetch with `perf record -g` into PREFIX.N.RUN (timings then include perf's).
Needs root (Dovecot runs its mail processes as nobody), dovecot, mbsync.
"""
import argparse
import csv
import imaplib
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.abspath(os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(SRC, "tests", "lib"))
sys.path.insert(0, HERE)
import dovecot  # noqa: E402
import gen_mail  # noqa: E402
from common import db_rows, tempdir, write_config  # noqa: E402

PW = "bench-Pw-3301"


def run_measured(cmd, env=None):
    """(returncode, wall seconds, peak RSS kB, stderr tail) of one child.
    Peak RSS comes from /usr/bin/time (GNU time, %M): the child is forked
    from that small process, not from this Python, whose pages a fork would
    otherwise count in the child's high-water mark."""
    # start from a quiet disk: the writeback of what came before (the
    # mailbox load, the other tool's output) is not charged to this run
    os.sync()
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "BENCH-RSS %M"] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, env=env)
    dt = time.monotonic() - t0
    err = p.stderr.decode("utf-8", "replace")
    rss = [int(l.split()[1]) for l in err.splitlines() if l.startswith("BENCH-RSS ")]
    return p.returncode, dt, rss[-1] if rss else -1, err[-800:]


def rules_dir(work):
    src = os.path.join(SRC, "rules")
    if os.path.isdir(src) and any(n.endswith(".rules") for n in os.listdir(src)):
        return src
    d = os.path.join(work, "rules")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "00-min.rules"), "w", encoding="utf-8") as f:
        f.write("department direction-services\nkind complaint\n  deadline: 60 days\n"
                "kind correspondence\n  deadline: none\n")
    return d


def mbsync(work, port, fsync=False):
    mdir = os.path.join(work, "mbsync-fsync" if fsync else "mbsync")
    os.makedirs(mdir)
    rc_path = os.path.join(work, "mbsyncrc-fsync" if fsync else "mbsyncrc")
    with open(rc_path, "w") as f:
        f.write(f"""FSync {"yes" if fsync else "no"}
IMAPAccount bench
Host 127.0.0.1
Port {port}
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
    rc, dt, rss, err = run_measured(["mbsync", "-q", "-c", rc_path, "bench"])
    got = sum(len(os.listdir(os.path.join(mdir, "INBOX", s))) for s in ("new", "cur"))
    return rc, dt, rss, err, got


def one(n, seed, batch, bureau_bin, results, run=1, durable=False, mix="everyday",
        parsers=None):
    work = tempdir("bureau-ingest-bench-")
    d = dovecot.Dovecot(work, users={"bo": PW})
    ok = True
    try:
        d.start()
        t0 = time.monotonic()
        raws = gen_mail.generate(n, seed=seed, mix=mix)
        total = sum(len(r) for r in raws)
        d.deliver_files("bo", raws)
        del raws
        m = imaplib.IMAP4("127.0.0.1", d.port)
        m.login("bo", PW)
        m.select("INBOX")
        m.logout()
        print(f"N={n}: {total / 1e6:.1f} MB generated and loaded in "
              f"{time.monotonic() - t0:.1f} s", flush=True)

        rc, dt, rss, err, got = mbsync(work, d.port)
        if rc != 0 or got != n:
            print(f"  mbsync: rc {rc}, {got}/{n} messages: {err}")
            ok = False
        results.append(dict(n=n, run=run, tool="mbsync", seconds=round(dt, 3),
                            msgs_per_s=round(n / dt, 1), mb_per_s=round(total / 1e6 / dt, 2),
                            peak_rss_kb=rss, bytes=total))
        if durable:  # the same download, each file fsync'd as bureau's commits are
            rc, dt, rss, err, got = mbsync(work, d.port, fsync=True)
            if rc != 0 or got != n:
                print(f"  mbsync (FSync yes): rc {rc}, {got}/{n} messages: {err}")
                ok = False
            results.append(dict(n=n, run=run, tool="mbsync fsync", seconds=round(dt, 3),
                                msgs_per_s=round(n / dt, 1),
                                mb_per_s=round(total / 1e6 / dt, 2), peak_rss_kb=rss,
                                bytes=total))

        db = os.path.join(work, "bureau.db")
        conf = os.path.join(work, "bureau.conf")
        write_config(conf, db, rules=rules_dir(work), accounts=[{
            "name": "general", "host": "127.0.0.1", "port": d.port, "tls": "none", "user": "bo",
            "password_env": "BENCH_IMAP_PW", "mailbox": "INBOX",
            "registered_folder": "Registered", "quarantine_folder": "Quarantine",
            "batch": batch}],
            smtp={"url": "smtp://127.0.0.1:9", "tls": "none", "from": "bo@commune.test",
                  "max_auto_per_day": 100000},
            extra=f"[limits]\nparsers = {parsers}" if parsers else "")
        env = dict(os.environ, BENCH_IMAP_PW=PW)
        subprocess.run([bureau_bin, "-c", conf, "init"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        cmd = [bureau_bin, "-c", conf, "fetch"]
        if os.environ.get("BENCH_PERF"):  # a profile of this fetch (its time then counts perf's)
            cmd = ["perf", "record", "-g", "-q", "-o", f"{os.environ['BENCH_PERF']}.{n}.{run}",
                   "--"] + cmd
        rc, dt, rss, err = run_measured(cmd, env=env)
        phases = {}
        for line in err.splitlines():  # where bureau's time went, by its own account
            if "s downloading" in line:
                print("  bureau:", line.split(": ", 1)[-1], flush=True)
                phases = parse_phases(line)
        entries = db_rows(db, "SELECT count(*) FROM entries")[0][0]
        quarantined = db_rows(db, "SELECT count(*) FROM quarantine")[0][0]
        left = d.count("bo", "INBOX")
        if rc != 0 or entries + quarantined != n or left != 0:
            print(f"  bureau fetch: rc {rc}, {entries} entries, {quarantined} quarantined, "
                  f"{left} left in INBOX: {err}")
            ok = False
        results.append(dict(n=n, run=run, tool="bureau fetch", seconds=round(dt, 3),
                            msgs_per_s=round(n / dt, 1), mb_per_s=round(total / 1e6 / dt, 2),
                            peak_rss_kb=rss, bytes=total, **phases))
    finally:
        d.stop()
        if os.environ.get("KEEP"):
            print("  kept", work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return ok


PHASES = ["download", "register", "parse_wait", "commit", "move"]


def parse_phases(line):
    """fetch's own account of a pass: '… in 0.71 s downloading, 1.65 s registering (0.15 s
    of it waiting for the parser), 0.70 s committing, 0.45 s moving' -> seconds by phase."""
    got = re.findall(r"([0-9.]+) s (downloading|registering|of it waiting|committing|moving)",
                     line)
    names = {"downloading": "download", "registering": "register",
             "of it waiting": "parse_wait", "committing": "commit", "moving": "move"}
    return {names[k]: float(v) for v, k in got}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", default="1000,10000", help="comma-separated mailbox sizes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--mix", choices=["everyday", "classic"], default="everyday",
                    help="gen_mail.py's mix: everyday (what a commune receives; issue 18) "
                         "or classic (sessions 1-5's figures)")
    ap.add_argument("--parsers", default=None,
                    help="[limits] parsers of bureau's configuration: 1-4 or auto (unset: the "
                         "service's default, auto)")
    ap.add_argument("--durable", action="store_true",
                    help="also time mbsync with FSync yes (a durable download, as "
                         "bureau's is) and give that ratio too")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs per size, each on a freshly loaded mailbox (median reported)")
    ap.add_argument("--csv", default="ingest_bench.csv")
    ap.add_argument("--bureau", default=os.environ.get("BUREAU_BIN",
                                                       os.path.join(SRC, "build", "bureau")))
    a = ap.parse_args()
    if os.geteuid() != 0 or not shutil.which("mbsync"):
        sys.exit("needs root, dovecot and mbsync (isync)")
    results = []
    ok = True
    sizes = [int(x) for x in a.n.split(",")]
    for n in sizes:
        for run in range(1, a.repeat + 1):
            ok = one(n, a.seed, a.batch, a.bureau, results, run, a.durable, a.mix,
                     a.parsers) and ok
    print()
    print(f"mix: {a.mix}, seed {a.seed}")
    print(f"{'N':>6} {'run':>3} {'tool':<13} {'seconds':>9} {'msg/s':>9} {'MB/s':>7} "
          f"{'peak RSS MB':>12} {'b/a':>6}  bureau's phases (s): download register "
          f"(parse wait) commit move")
    by = {(r["n"], r["run"], r["tool"]): r for r in results}
    for r in results:
        ratio = ""
        a_row = by.get((r["n"], r["run"], "mbsync"))
        f_row = by.get((r["n"], r["run"], "mbsync fsync"))
        if r["tool"] == "bureau fetch" and a_row:
            r["ratio_vs_mbsync"] = round(r["msgs_per_s"] / a_row["msgs_per_s"], 3)
            ratio = f"{r['ratio_vs_mbsync']:.3f}"
        if r["tool"] == "bureau fetch" and f_row:
            r["ratio_vs_mbsync_fsync"] = round(r["msgs_per_s"] / f_row["msgs_per_s"], 3)
        print(f"{r['n']:>6} {r['run']:>3} {r['tool']:<13} {r['seconds']:>9.2f} "
              f"{r['msgs_per_s']:>9.1f} {r['mb_per_s']:>7.2f} {r['peak_rss_kb'] / 1024:>12.1f} "
              f"{ratio:>6}  " + " ".join(
                  f"{r[p]:.2f}" if p != "parse_wait" else f"({r[p]:.2f})"
                  for p in PHASES if p in r))
    # the machine is shared and mbsync's 0.3-0.8 s runs are noisy: the
    # summary is the median of the runs, each tool's and the ratios'
    print()
    print(f"{'N':>6} {'runs':>4} {'mbsync msg/s':>13} {'bureau msg/s':>13} "
          f"{'bureau MB/s':>12} {'max RSS MB':>11} {'median b/a':>11}")
    for n in sizes:
        rows = [r for r in results if r["n"] == n]
        mb = [r["msgs_per_s"] for r in rows if r["tool"] == "mbsync"]
        bu = [r for r in rows if r["tool"] == "bureau fetch"]
        ratios = [r["ratio_vs_mbsync"] for r in bu if "ratio_vs_mbsync" in r]
        if not mb or not bu:
            continue
        fr = [r["ratio_vs_mbsync_fsync"] for r in bu if "ratio_vs_mbsync_fsync" in r]
        print(f"{n:>6} {len(bu):>4} {statistics.median(mb):>13.1f} "
              f"{statistics.median(r['msgs_per_s'] for r in bu):>13.1f} "
              f"{statistics.median(r['mb_per_s'] for r in bu):>12.2f} "
              f"{max(r['peak_rss_kb'] for r in bu) / 1024:>11.1f} "
              f"{statistics.median(ratios) if ratios else 0:>11.3f}")
        if fr:
            mf = [r["msgs_per_s"] for r in rows if r["tool"] == "mbsync fsync"]
            print(f"{'':>11} mbsync with FSync yes: {statistics.median(mf):.1f} msg/s, "
                  f"median b/a {statistics.median(fr):.3f}")
    with open(a.csv, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["n", "run", "tool", "seconds", "msgs_per_s", "mb_per_s",
                                          "peak_rss_kb", "bytes", "ratio_vs_mbsync",
                                          "ratio_vs_mbsync_fsync"] + PHASES)
        w.writeheader()
        for r in results:
            w.writerow(r)
    print(f"CSV: {a.csv}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
