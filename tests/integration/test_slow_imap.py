"""A slow IMAP server must not hold `fetch` or `serve` (issue 12 item 3).

Before: a greeting sent at one byte a second kept `fetch` running past 190 s
(libetpan's timeout is per read, and each byte restarts it), and `serve`
logged "stopping" and was still running a minute later. Now every phase of
a connection has an overall deadline ([account] timeout, 2 s here) and
serve's stop flag cuts whatever is in progress two seconds after SIGTERM.

Servers (tests/lib/hostile_imap.py): slow_greeting (one byte a second),
slow_login (the LOGIN answer at one byte a second), silent (accepts, says
nothing), backlog (never accepts: the connect hangs), honest (for IDLE).

- fetch gives up within the deadline (+ a margin), exits 75, and the cause
  names the phase (connect, greeting, login) and says it timed out;
- serve (default 60 s deadlines) exits 0 within a few seconds of SIGTERM
  while connecting, waiting for the greeting, logging in, or idling (the
  IDLE case already held: a control);
- the connect's causes (issue 13 item 7): a host that does not resolve
  (`nonexistent.invalid`) is reported as a resolution failure, not as
  "connection refused" (what libetpan said for any cause); a closed port
  is "connection refused"."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import (BIN, Tally, bureau, clean_up, free_port, skip, tempdir,  # noqa: E402
                    write_config)
from hostile_imap import HostileImap  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_serve import Serve, wait_until  # noqa: E402

ENV = {"BUREAU_TEST_IMAP_PW": "slow-Pw-1"}
DEADLINE = 2      # [account] timeout for the fetch cases
MARGIN = 4        # seconds allowed past it (a loaded machine, ASan)
STOP_WITHIN = 6   # seconds serve may take to exit after SIGTERM
KILL_AFTER = 30   # the fetch is killed (a failure) past this


def setup(work, name, port, **account):
    d = os.path.join(work, name)
    os.makedirs(d)
    a = {"name": "slow", "host": "127.0.0.1", "port": port, "tls": "none", "user": "bo",
         "password_env": "BUREAU_TEST_IMAP_PW", "mailbox": "INBOX",
         "registered_folder": "Registered", "quarantine_folder": "Quarantine",
         "poll_interval": "600s"}
    a.update(account)
    db = os.path.join(d, "bureau.db")
    conf = write_config(os.path.join(d, "bureau.conf"), db, accounts=[a])
    p = bureau(conf, "init", env=ENV)
    return d, conf, p.returncode == 0


def message():
    return (b"From: Citoyen <c@example.test>\r\nTo: bo@commune.test\r\nSubject: lent\r\n"
            b"Message-ID: <slow-1@example.test>\r\n\r\nBonjour.\r\n")


def fetch_case(t, work, mode, phase):
    h = HostileImap(mode, [message()]).start()
    try:
        d, conf, ok = setup(work, "fetch-" + mode, h.port, timeout=f"{DEADLINE}s")
        if not t.check(ok, f"{mode}: init"):
            return
        env = dict(os.environ)
        env.update(ENV)
        t0 = time.monotonic()
        try:
            p = subprocess.run([BIN, "-c", conf, "fetch"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env, timeout=KILL_AFTER)
            rc, err = p.returncode, p.stderr.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            rc, err = None, f"(still running after {KILL_AFTER} s: killed)"
        took = time.monotonic() - t0
        print(f"{mode}: fetch exit {rc} in {took:.1f} s", flush=True)
        t.eq(rc, 75, f"{mode}: fetch gives up, exit 75 (temporary) ({err[-300:]})")
        t.check(took < DEADLINE + MARGIN, f"{mode}: within the {DEADLINE} s deadline "
                f"(+{MARGIN}): {took:.1f} s")
        t.check(phase in err and "timed out" in err,
                f"{mode}: the cause names the phase ({phase!r}) and the timeout: {err[-300:]}")
    finally:
        h.stop()


def connect_causes(t, work):
    # implicit TLS: tls = none is refused for a host that is not loopback,
    # and the name must fail to resolve before any TLS is tried
    for host, port, want, not_want in (("nonexistent.invalid", 993, "cannot resolve host "
                                        "nonexistent.invalid", "refused"),
                                       ("127.0.0.1", free_port(), "connection refused",
                                        "resolve")):
        tls = "none" if host == "127.0.0.1" else "implicit"
        d, conf, ok = setup(work, "cause-" + host, port, host=host, tls=tls,
                            timeout=f"{DEADLINE}s")
        p = bureau(conf, "fetch", env=ENV, timeout=KILL_AFTER)
        t.eq(p.returncode, 75, f"{host}: fetch exits 75")
        t.check(want in p.stderr and not_want not in p.stderr,
                f"{host}: the cause says {want!r}: {p.stderr[-300:]}")


def serve_case(t, work, mode, ready, what):
    """serve against mode; SIGTERM once ready(h) holds; it must exit soon."""
    h = HostileImap(mode, [message()]).start()
    s = None
    try:
        d, conf, ok = setup(work, "serve-" + mode, h.port)
        if not t.check(ok, f"serve {mode}: init"):
            return
        s = Serve(conf, os.path.join(d, "serve.log"), env=ENV).start()
        t.check(s.wait_log(r"serving 1 mailbox", 20), f"serve {mode}: started")
        got, _ = wait_until(lambda: ready(h), 10)
        t.check(got, f"serve {mode}: reached the point where it is {what}")
        time.sleep(0.5)
        rc, took = s.stop(timeout=KILL_AFTER)
        print(f"serve {mode}: exit {rc} {took:.1f} s after SIGTERM", flush=True)
        t.eq(rc, 0, f"serve {mode}: exits 0 after SIGTERM while {what} ({s.log()[-300:]})")
        t.check(took < STOP_WITHIN, f"serve {mode}: within {STOP_WITHIN} s ({took:.1f} s)")
    finally:
        if s:
            s.kill()
        h.stop()


def main():
    if not os.access(BIN, os.X_OK):
        skip(f"no bureau binary at {BIN}")
    t = Tally("slow_imap")
    work = tempdir("bureau-slow-")
    try:
        fetch_case(t, work, "slow_greeting", "greeting")
        fetch_case(t, work, "slow_login", "login")
        fetch_case(t, work, "silent", "greeting")
        fetch_case(t, work, "backlog", "connect")
        connect_causes(t, work)
        serve_case(t, work, "backlog", lambda h: time.sleep(0.5) or True, "connecting")
        serve_case(t, work, "slow_greeting", lambda h: h.connections >= 1,
                   "waiting for the greeting")
        serve_case(t, work, "slow_login", lambda h: any(c.upper().startswith("LOGIN")
                                                        for c in h.commands), "logging in")
        serve_case(t, work, "honest", lambda h: any(c.upper() == "IDLE" for c in h.commands),
                   "idling")
    finally:
        clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
