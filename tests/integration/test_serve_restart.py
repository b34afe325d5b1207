"""`bureau serve` rides out two Dovecot restarts (one in the middle of a
fetch, one while idling) and an SMTP server restart while mail is arriving
(issue 5, Tests): every appended message ends registered
exactly once, numbered 1..N without gap, INBOX empty; every outbox row
(acknowledgements to the citizens, routed items) is delivered exactly once to
the SMTP server (counted there by Message-ID and recipient), none is marked as
a possible duplicate, and both outages were really hit (account reconnect and
outbox deferral in the log)."""
import collections
import email
import os
import re
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, clean_up, db_rows, tempdir  # noqa: E402
import dovecot  # noqa: E402
from smtpd import Smtpd  # noqa: E402
from test_serve import (USERS, Env, Feed, check_exactly_once, check_log_format,  # noqa: E402
                        dovecot_down, dump_on_failure, mid, require_environment, wait_until)


def outbox_rows(env):
    return db_rows(env.db, "SELECT id, purpose, rcpt, message_id, state, attempts, "
                           "possible_duplicates, last_error FROM outbox ORDER BY id")


def n_sent(env):
    try:
        return db_rows(env.db, "SELECT count(*) FROM outbox WHERE state = 'sent'")[0][0]
    except Exception:
        return 0


def all_done(env, d, n):
    if env.n_entries() < n or d.count("bo", "INBOX") != 0:
        return False
    rows = outbox_rows(env)
    return rows and all(r[4] in ("sent", "failed") for r in rows)


def deliveries(sm):
    """[(message-id, rcpt)] of every mail the SMTP server accepted."""
    out = []
    for _frm, rcpts, raw in sm.messages():
        m = email.message_from_bytes(raw)
        for r in rcpts:
            out.append((mid(m.get("Message-ID")), r.lower()))
    return out


def run(t, env, d, sm):
    s = env.serve()
    feed = Feed(d, "rs")

    try:
        t.check(s.wait_log(r"serving 1 mailbox", 10), "serve started")
        # --- Dovecot stops in the middle of a batch, mail keeps arriving ---
        # the mail is dropped by a second thread, so that the stop lands while
        # messages are still arriving and being registered, at any speed
        feeder = threading.Thread(target=feed, args=(800,))
        feeder.start()
        got, _ = wait_until(lambda: env.n_entries() >= 3, 20, 0.02)
        t.check(got, "first messages registered before the Dovecot stop")
        at_stop = env.n_entries()   # registered when the stop begins
        dovecot_down(d)
        feeder.join()
        print(f"Dovecot stopped after {at_stop} of {feed.n} registered", flush=True)
        t.check(at_stop < feed.n,
                f"Dovecot stopped in the middle of the run ({at_stop} of {feed.n})")
        feed(20)
        time.sleep(3)
        d.start()
        feed(10)
        # --- the SMTP server stops while acknowledgements are being sent ---
        got, _ = wait_until(lambda: n_sent(env) >= 3, 30, 0.1)
        t.check(got, "outbox sending before the SMTP stop")
        sm.stop()
        print(f"SMTP server stopped after {n_sent(env)} sent", flush=True)
        feed(20)
        got, _ = wait_until(lambda: db_rows(env.db, "SELECT count(*) FROM outbox WHERE "
                                             "state = 'queued' AND last_error IS NOT NULL")[0][0],
                            20, 0.2)
        t.check(got, "an outbox row was deferred while the SMTP server was down")
        time.sleep(1)
        sm.start()
        feed(10)
        # --- Dovecot stops while serve is idling (during the outbox backoff) ---
        # precondition only: the second outage should find serve idling. A miss
        # here once meant new mail announced in the answer to a MOVE, which IDLE
        # never announced again (client side, fixed in session 5: imap_idle, and
        # test_hostile_imap's exists_in_move); noted, the final checks still apply.
        got, waited = wait_until(lambda: env.n_entries() >= feed.n and d.count("bo", "INBOX") == 0,
                                 40, 0.2)
        if not got:
            print(f"NOTE: only {env.n_entries()} of {feed.n} registered after {waited:.0f} s "
                  "(an IDLE notification was missed?); second Dovecot stop not while idle",
                  flush=True)
        time.sleep(1.0)
        dovecot_down(d)
        feed(10)
        time.sleep(3)
        d.start()
        feed(10)
        got, waited = wait_until(lambda: all_done(env, d, feed.n), 110, 0.5)
        t.check(got, f"everything registered and every outbox row settled ({waited:.1f} s)")
        time.sleep(0.5)
        log = s.log()
        outages = len(re.findall(r"account general: .*reconnecting in", log))
        t.check(outages >= 2, f"both Dovecot outages were noticed ({outages} reconnects)")
        t.check(re.search(r"outbox: \d+ sent, [1-9]\d* deferred", log) is not None,
                "the SMTP outage was noticed (outbox rows deferred)")
        t.check(s.alive(), "serve still running after both outages")
        check_exactly_once(t, env, feed.expected, "Dovecot and SMTP restarts")
        t.eq(d.count("bo", "INBOX"), 0, "INBOX empty")
        t.eq(d.count("bo", "Registered"), feed.n, "every message in Registered exactly once")

        rows = outbox_rows(env)
        acks = [r for r in rows if r[1] == "ack"]
        t.eq(sorted(r[2].lower() for r in acks),
             sorted(f"crs{i}@example.test" for i in range(1, feed.n + 1)),
             "one acknowledgement queued per citizen")
        t.eq([r for r in rows if r[4] != "sent"], [], "every outbox row sent")
        t.eq(sum(r[6] for r in rows), 0, "no outbox row counted as a possible duplicate")
        got = deliveries(sm)
        count = collections.Counter(got)
        want = collections.Counter((mid(r[3]), r[2].lower()) for r in rows)
        dups = {k: v for k, v in count.items() if v > 1}
        t.eq(dups, {}, "no mail delivered twice to the SMTP server")
        t.eq(sorted(set(want) - set(count)), [], "every outbox row reached the SMTP server")
        t.eq(sorted(set(count) - set(want)), [], "the SMTP server got nothing unexpected")
        t.eq(len(got), len(rows), f"deliveries == outbox rows ({len(rows)})")
        rc, secs = s.stop()
        t.eq(rc, 0, f"serve exits 0 on SIGTERM ({secs:.1f} s)")
        check_log_format(t, s, "restarts")
    finally:
        s.kill()
    return [s]


def run_with_servers(name, prefix, run, account_kw=None, kept_hint=""):
    """Dovecot and an SMTP server on 127.0.0.1, an initialised Env sending
    through that server, then run(t, env, d, sm) -> the serves it ran (their
    logs are shown on failure). Exits with the tally."""
    require_environment()
    t = Tally(name)
    work = tempdir(prefix)
    d = sm = None
    try:
        d = dovecot.Dovecot(work, users=USERS).start()
        sm = Smtpd(work).start()
        env = Env(work, d, smtp={"url": sm.url(), "tls": "none", "from": "bo@commune.test",
                                 "max_auto_per_day": 5}, account_kw=account_kw)
        if env.init(t):
            before = t.failed
            serves = run(t, env, d, sm)
            dump_on_failure(t, before, serves, d)
    finally:
        if sm:
            sm.stop()
        if d:
            d.stop()
        clean_up(t, work, kept_hint)
    sys.exit(t.finish())


if __name__ == "__main__":
    run_with_servers("serve_restart", "bureau-serve-restart-", run)
