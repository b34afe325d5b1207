"""Crash test of the service (issue 6, item 3, extended to `bureau serve`):
`serve` is killed with SIGKILL at random moments, KILLS times in a row, while
mail keeps arriving (a chunk before each start) and the outbox sends the
acknowledgements to a loopback SMTP server; then it runs to the end.

Checked: every message registered exactly once, numbers 1..N without gap,
nothing quarantined, INBOX empty and Registered holding N; one
acknowledgement queued per citizen, every outbox row sent and delivered,
every duplicate the SMTP server received inside the documented window
(possible_duplicates); PRAGMA integrity_check ok; and no process of a killed
serve outlives it (its parser fork server and parser leave when their
socket closes).

A timing test: run in the normal build only (scripts/test.sh).
Env: CRASH_SERVE_KILLS (default 12), CRASH_SERVE_SEED (default random,
printed so a failure can be replayed)."""
import collections
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import db_rows  # noqa: E402
from test_serve import Feed, _children, check_exactly_once, mid, wait_until  # noqa: E402
from test_serve_restart import all_done, deliveries, outbox_rows, run_with_servers  # noqa: E402

KILLS = int(os.environ.get("CRASH_SERVE_KILLS", "12"))
SEED = int(os.environ.get("CRASH_SERVE_SEED", str(random.randrange(1, 1 << 30))))
CHUNK = 100


def alive(pid):
    """Running (a zombie waiting for its reaper counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            st = f.read()
        return st[st.rindex(")") + 2] != "Z"
    except (OSError, ValueError):
        return False


def kill_rounds(t, env, rng, feed):
    """KILLS rounds of: a chunk of mail, serve started, SIGKILL at a random
    point of the registration (even rounds) or after a random delay. Returns
    the serves (for the logs) and the processes that outlived their serve."""
    serves, left, cut = [], [], 0
    for k in range(KILLS):
        n = feed(CHUNK)
        before = env.n_entries()
        s = env.serve()
        serves.append(s)
        if k % 2 == 0:  # at a random point of the registration
            target = before + rng.randint(1, CHUNK // 2)
            wait_until(lambda: env.n_entries() >= target, 10, 0.002)
        else:           # at a random moment: start-up, registration, outbox, idle
            time.sleep(rng.uniform(0.05, 1.5))
        family = _children(s.proc.pid)
        s.kill()
        gone, _ = wait_until(lambda: not any(alive(p) for p in family), 5, 0.05)
        if not gone:
            left += [p for p in family if alive(p)]
        after = env.n_entries()
        cut += before < after < n
        print(f"kill {k + 1}: {after} of {n} registered, {len(family)} child processes",
              flush=True)
    print(f"{cut} of {KILLS} kills landed in the middle of the registration", flush=True)
    t.check(cut >= KILLS // 4,
            f"the kills landed in the middle of the registration ({cut} of {KILLS})")
    return serves, left


def check_outbox(t, env, sm, n):
    rows = outbox_rows(env)
    acks = [r for r in rows if r[1] == "ack"]
    t.eq(sorted(r[2].lower() for r in acks),
         sorted(f"ccs{i}@example.test" for i in range(1, n + 1)),
         "one acknowledgement queued per citizen")
    t.eq([r[0] for r in rows if r[4] != "sent"], [], "every outbox row sent")
    got = collections.Counter(deliveries(sm))
    want = {(mid(r[3]), r[2].lower()): r[6] for r in rows}
    t.eq(sorted(set(want) - set(got)), [], "every outbox row reached the SMTP server")
    t.eq(sorted(set(got) - set(want)), [], "the SMTP server got nothing unexpected")
    dups = {k: c - 1 for k, c in got.items() if c > 1}
    outside = {k: c for k, c in dups.items() if want.get(k, 0) < c}
    print(f"outbox: {len(rows)} rows, {sum(got.values())} received, "
          f"{sum(dups.values())} duplicates, {sum(want.values())} counted as possible",
          flush=True)
    t.eq(outside, {}, "every duplicate is inside the documented window (possible_duplicates)")


def run(t, env, d, sm):
    rng = random.Random(SEED)
    print(f"CRASH_SERVE_SEED={SEED} CRASH_SERVE_KILLS={KILLS}", flush=True)
    feed = Feed(d, "cs")
    serves, left = kill_rounds(t, env, rng, feed)
    t.eq(left, [], "no fork server or parser outlives a killed serve")
    s = env.serve()
    serves.append(s)
    try:
        t.check(s.wait_log(r"serving 1 mailbox", 10), "the last serve started")
        got, waited = wait_until(lambda: all_done(env, d, feed.n), 120, 0.5)
        t.check(got, f"after the last start everything registered and sent ({waited:.1f} s)")
        rc, secs = s.stop()
        t.eq(rc, 0, f"the last serve exits 0 on SIGTERM ({secs:.1f} s)")
    finally:
        s.kill()
    check_exactly_once(t, env, feed.expected, f"serve killed {KILLS} times")
    t.eq(d.count("bo", "INBOX"), 0, "INBOX empty")
    t.eq(d.count("bo", "Registered"), feed.n, "every message in Registered exactly once")
    check_outbox(t, env, sm, feed.n)
    t.eq(db_rows(env.db, "PRAGMA integrity_check"), [("ok",)], "PRAGMA integrity_check")
    return serves


if __name__ == "__main__":
    run_with_servers("crash_serve", "bureau-crash-serve-", run, account_kw={"batch": 10},
                     kept_hint=f"; replay with CRASH_SERVE_SEED={SEED}")
