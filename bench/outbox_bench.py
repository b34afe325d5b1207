#!/usr/bin/python3
"""outbox_bench.py — `bureau outbox send` against curl, same messages, same server.

N generated messages (bench/gen_mail.py) are registered with `bureau ingest`
under a configuration with an [smtp] section, which queues their
acknowledgements (and the routing notices to the departments' heads, when
the rules name heads) in the outbox. Then, to one private aiosmtpd on
127.0.0.1 (tests/lib/smtpd.py):
  (a) curl sends the very same M queued messages (envelope from the outbox
      table, bytes as `bureau outbox show ID` composes them: a row keeps a
      recipe, composed when it is sent), in one curl process reading a -K config with
      one URL per message separated by `next`, so that curl can reuse one
      connection;
  (b) `bureau outbox send --now` delivers the M rows (one reused connection,
      each row marked sending/sent in SQLite around its SMTP transaction).
Wall time, messages/s, peak RSS (GNU time) and the ratio b/a. Checked: the
server received M messages from each, every row ends 'sent'.

    sudo /usr/bin/python3 bench/outbox_bench.py [-n 1000] [--seed 1] [--csv FILE]
Env: BUREAU_BIN (default build/bureau), KEEP=1 keeps the temp dir.
"""
import argparse
import csv
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.abspath(os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(SRC, "tests", "lib"))
sys.path.insert(0, HERE)
import gen_mail  # noqa: E402
from common import db_rows, tempdir, write_config  # noqa: E402
from ingest_bench import rules_dir, run_measured  # noqa: E402
from smtpd import Smtpd  # noqa: E402

FROM = "bo@commune.test"


def received(s):
    return len([n for n in os.listdir(s.maildir) if n.endswith(".json")])


def queue(work, n, seed, bureau_bin, smtp_url):
    db = os.path.join(work, "bureau.db")
    conf = os.path.join(work, "bureau.conf")
    write_config(conf, db, rules=rules_dir(work),
                 smtp={"url": smtp_url, "tls": "none", "from": FROM,
                       "max_auto_per_day": 100000})
    eml = os.path.join(work, "in")
    os.makedirs(eml)
    paths = []
    for i in range(1, n + 1):
        p = os.path.join(eml, f"{i:06d}.eml")
        with open(p, "wb") as f:
            f.write(gen_mail.message(i, seed))
        paths.append(p)
    subprocess.run([bureau_bin, "-c", conf, "init"], check=True, stdout=subprocess.DEVNULL)
    t0 = time.monotonic()
    for k in range(0, len(paths), 200):
        p = subprocess.run([bureau_bin, "-c", conf, "ingest"] + paths[k:k + 200],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if p.returncode not in (0, 65):
            sys.exit("bureau ingest failed: " + p.stderr.decode(errors="replace")[-800:])
    print(f"registered {n} messages in {time.monotonic() - t0:.1f} s", flush=True)
    return conf, db


def composed(bureau_bin, conf, oid):
    """The bytes bureau will send for outbox row oid."""
    return subprocess.run([bureau_bin, "-c", conf, "outbox", "show", str(oid)],
                          stdout=subprocess.PIPE, check=True).stdout


def curl_config(work, rows, url):
    d = os.path.join(work, "curl")
    os.makedirs(d)
    lines = []
    for k, (rcpt, data) in enumerate(rows):
        path = os.path.join(d, f"{k}.eml")
        with open(path, "wb") as f:
            f.write(data)
        if lines:
            lines.append("next")
        lines += [f'url = "{url}"', f'mail-from = "{FROM}"', f'mail-rcpt = "{rcpt}"',
                  f'upload-file = "{path}"', "silent", "show-error"]
    cfg = os.path.join(work, "curl.conf")
    with open(cfg, "w") as f:
        f.write("\n".join(lines) + "\n")
    return cfg


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--csv", default="outbox_bench.csv")
    ap.add_argument("--bureau", default=os.environ.get("BUREAU_BIN",
                                                       os.path.join(SRC, "build", "bureau")))
    a = ap.parse_args()
    if not shutil.which("curl"):
        sys.exit("needs curl")
    work = tempdir("bureau-outbox-bench-")
    s = Smtpd(work)
    ok = True
    results = []
    try:
        s.start()
        conf, db = queue(work, a.n, a.seed, a.bureau, s.url())
        rows = [(rcpt, composed(a.bureau, conf, oid)) for oid, rcpt in
                db_rows(db, "SELECT id, rcpt FROM outbox WHERE state = 'queued' ORDER BY id")]
        m = len(rows)
        size = sum(len(r[1]) for r in rows)
        purposes = dict(db_rows(db, "SELECT purpose, count(*) FROM outbox GROUP BY 1"))
        print(f"outbox: {m} queued messages ({purposes}), {size / 1e6:.2f} MB", flush=True)
        cfg = curl_config(work, rows, s.url())

        before = received(s)
        rc, dt, rss, err = run_measured(["curl", "-K", cfg])
        got = received(s) - before
        if rc != 0 or got != m:
            print(f"curl: rc {rc}, server got {got}/{m}: {err}")
            ok = False
        results.append(dict(n=m, tool="curl", seconds=round(dt, 3), msgs_per_s=round(m / dt, 1),
                            peak_rss_kb=rss))

        before = received(s)
        rc, dt, rss, err = run_measured([a.bureau, "-c", conf, "outbox", "send", "--now"])
        got = received(s) - before
        sent = db_rows(db, "SELECT count(*) FROM outbox WHERE state = 'sent'")[0][0]
        if rc != 0 or got != m or sent != m:
            print(f"bureau outbox send: rc {rc}, server got {got}/{m}, {sent} rows sent: {err}")
            ok = False
        results.append(dict(n=m, tool="bureau outbox", seconds=round(dt, 3),
                            msgs_per_s=round(m / dt, 1), peak_rss_kb=rss))
    finally:
        s.stop()
        if os.environ.get("KEEP"):
            print("kept", work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if len(results) == 2:
        results[1]["ratio_vs_curl"] = round(results[1]["msgs_per_s"] / results[0]["msgs_per_s"], 3)
    print()
    print(f"{'M':>6} {'tool':<14} {'seconds':>9} {'msg/s':>9} {'peak RSS MB':>12} {'b/a':>6}")
    for r in results:
        ratio = f"{r['ratio_vs_curl']:.3f}" if "ratio_vs_curl" in r else ""
        print(f"{r['n']:>6} {r['tool']:<14} {r['seconds']:>9.2f} {r['msgs_per_s']:>9.1f} "
              f"{r['peak_rss_kb'] / 1024:>12.1f} {ratio:>6}")
    with open(a.csv, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["n", "tool", "seconds", "msgs_per_s", "peak_rss_kb",
                                          "ratio_vs_curl"])
        w.writeheader()
        for r in results:
            w.writerow(r)
    print(f"CSV: {a.csv}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
