"""`bureau fetch` while `bureau serve` runs on the same register and the same
mailbox (issue 12, "also not yet tried"). Mail arrives in chunks while fetch
is run again and again beside serve. fetch takes serve's lock: it is refused
(exit 75, naming the lock, nothing done) while serve runs. Before, both
claimed the same INBOX; the register stayed exactly-once, but both sessions
MOVEd the same messages (Registered held 210 and 234 copies of 180) and a
message expunged by the other session was quarantined as "empty message".
At the end every message is registered exactly once, numbered 1..N without
gap, nothing lost, INBOX empty and each message in Registered exactly once;
fetch works again once serve has stopped."""
import os
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, bureau, clean_up, tempdir  # noqa: E402
import dovecot  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_serve import (ENV, USERS, Env, Feed, check_exactly_once, dump_on_failure,  # noqa: E402
                        require_environment, wait_until)

CHUNKS = 6
PER_CHUNK = 30


def fetch_loop(conf, stop, results):
    while not stop.is_set():
        p = bureau(conf, "fetch", env=ENV, timeout=120)
        results.append((p.returncode, p.stdout, p.stderr[-300:]))


def main():
    require_environment()
    t = Tally("fetch_while_serve")
    work = tempdir("bureau-fetch-serve-")
    d = None
    s = None
    try:
        d = dovecot.Dovecot(work, users=USERS).start()
        env = Env(work, d, account_kw={"poll_interval": "2s", "batch": 10})
        if not env.init(t):
            sys.exit(t.finish())
        feed = Feed(d, "fws")
        s = env.serve()
        t.check(s.wait_log(r"serving 1 mailbox", 10), "serve started")
        stop, results = threading.Event(), []
        fetchers = [threading.Thread(target=fetch_loop, args=(env.conf, stop, results))
                    for _ in range(2)]
        for f in fetchers:
            f.start()
        for _ in range(CHUNKS):
            feed(PER_CHUNK)
            time.sleep(0.7)
        n = CHUNKS * PER_CHUNK
        got, waited = wait_until(lambda: env.n_entries() >= n and d.count("bo", "INBOX") == 0,
                                 60, 0.3)
        stop.set()
        for f in fetchers:
            f.join(120)
        print(f"{len(results)} fetch runs beside serve; all {n} in after {waited:.1f} s; "
              f"exit codes {sorted({r[0] for r in results})}", flush=True)
        t.check(got, f"every message registered and INBOX emptied ({env.n_entries()} of {n})")
        t.check(len(results) >= 4, f"fetch really ran beside serve ({len(results)} runs)")
        lock = env.db + ".lock"
        bad = [r for r in results if r[0] != 75 or lock not in r[2] or "refused" not in r[2]]
        t.eq(bad[:3], [], "every fetch beside serve is refused: exit 75 naming the lock")
        t.eq([r[1] for r in results if r[1]], [], "... having done nothing (no account report)")
        t.check(s.alive(), "serve still running after the concurrent fetches")
        rc, secs = s.stop(signal.SIGTERM, 15)
        t.eq(rc, 0, f"serve exits 0 ({secs:.1f} s)")
        p = bureau(env.conf, "fetch", env=ENV)
        t.eq(p.returncode, 0, f"a last fetch alone: exit 0 ({p.stderr[-200:]})")
        check_exactly_once(t, env, feed.expected, "fetch beside serve")
        t.eq(d.count("bo", "INBOX"), 0, "INBOX empty at the end")
        t.eq(d.count("bo", "Registered"), n, "every message in Registered exactly once")
        dump_on_failure(t, 0, [s], d)
    finally:
        if s:
            s.kill()
        if d:
            d.stop()
        clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
