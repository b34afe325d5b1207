"""An SMTP server that accepts the connection and never answers (issue 12,
"also not yet tried"): no greeting at all, and a real aiosmtpd that stalls
forever after DATA. `outbox send` must give up within its timeout and leave
every mail queued for retry (none lost, none 'sending', none sent twice once
a working server is back); `serve` stuck in such a pass must still stop on
SIGTERM within a few seconds."""
import collections
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, bureau, clean_up, db_rows, skip, tempdir, write_config  # noqa: E402
import smtpd  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_serve import Serve  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
except ImportError:
    skip("python3-aiosmtpd is not installed")

TIMEOUT = 2        # [smtp] timeout, seconds
STOP_WITHIN = 5    # seconds from SIGTERM to serve's exit


class Silent:
    """Accepts every connection on 127.0.0.1 and never writes a byte."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.held = []
        self.accepted = 0
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            self.held.append(c)

    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def close(self):
        for c in self.held:
            c.close()
        self.sock.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        self.sock.close()


def states(db):
    """The test's own mails (serve may also queue the heads' daily digest
    when it starts past digest_time: not what this test counts)."""
    return dict(db_rows(db, "SELECT state, count(*) FROM outbox WHERE purpose != 'digest' "
                            "GROUP BY state"))


def setup(t, work, name, port, timeout=TIMEOUT):
    d = os.path.join(work, name)
    os.makedirs(d)
    db = os.path.join(d, "bureau.db")
    conf = write_config(os.path.join(d, "bureau.conf"), db,
                        rules=smtpd.write_rules(os.path.join(d, "rules")),
                        smtp={"url": f"smtp://127.0.0.1:{port}", "tls": "none",
                              "from": "bo@commune.test", "timeout": str(timeout)})
    t.eq(bureau(conf, "init").returncode, 0, f"{name}: init")
    for i in range(2):
        p = bureau(conf, "ingest", input=smtpd.citizen_message(sender=f"c{i}@{name}.test"))
        t.eq(p.returncode, 0, f"{name}: ingest {i}")
    t.eq(states(db), {"queued": 6}, f"{name}: 2 acks + 4 routed mails queued")
    return conf, db


def timed_send(conf):
    t0 = time.monotonic()
    p = bureau(conf, "outbox", "send", timeout=60)
    return p, time.monotonic() - t0


def check_requeued(t, db, what):
    st = states(db)
    t.eq(st, {"queued": 6}, f"{what}: all six still queued, none 'sending', none lost: {st}")
    row = db_rows(db, "SELECT count(*), max(attempts), max(next_attempt_at) - strftime('%s','now'), "
                      "max(last_error) FROM outbox WHERE attempts > 0")[0]
    t.check(row[0] >= 1 and row[1] == 1 and row[2] > 0 and row[3],
            f"{what}: the tried row counts an attempt, backs off, keeps an error: {row}")
    return row


def deliver_once(t, conf, db, port, work, name, dup_ok):
    """A working server on the same port: every mail delivered exactly once."""
    good = smtpd.Smtpd(os.path.join(work, name + "-good"), port=port)
    try:
        good.start()
        p = bureau(conf, "outbox", "send", "--now")
        t.eq(p.returncode, 0, f"{name}: send once the server works ({p.stdout} {p.stderr})")
        t.eq(states(db), {"sent": 6}, f"{name}: all sent in the end")
        ids = collections.Counter(m["Message-ID"] for m in map(smtpd.parse, (b for _, _, b in good.messages()))
                                  if "Échéances" not in str(m["Subject"]))  # the daily digest aside
        t.check(len(ids) == 6 and max(ids.values()) == 1,
                f"{name}: six distinct mails, each received once: {ids}")
        if not dup_ok:
            dup = db_rows(db, "SELECT sum(possible_duplicates) FROM outbox")[0][0]
            t.eq(dup or 0, 0, f"{name}: no possible duplicate counted without a DATA")
    finally:
        good.stop()


def no_greeting(t, work):
    silent = Silent()
    port = silent.port
    conf, db = setup(t, work, "nogreet", port)
    p, took = timed_send(conf)
    print(f"no greeting: exit {p.returncode} after {took:.1f} s", flush=True)
    t.eq(p.returncode, 75, f"no greeting: exit 75, try later ({p.stdout} {p.stderr})")
    t.check(took < TIMEOUT * 6, f"no greeting: gives up within the timeout ({took:.1f} s)")
    t.check(silent.accepted >= 1, "no greeting: the connection was made")
    err = check_requeued(t, db, "no greeting")[3]
    t.check("tim" in err.lower() or "greet" in err.lower(),
            f"no greeting: the error names the timeout: {err!r}")
    serve_stops(t, work, conf, db, "no greeting", silent)
    silent.close()
    deliver_once(t, conf, db, port, work, "nogreet", dup_ok=False)


def serve_stops(t, work, conf, db, what, server):
    """serve in a pass against the silent server, with a long timeout: SIGTERM
    must stop it within STOP_WITHIN s, the mail in hand left queued."""
    long_conf = conf + ".long"
    with open(conf) as f:
        text = f.read()
    with open(long_conf, "w") as f:
        f.write(text.replace(f"timeout = {TIMEOUT}", "timeout = 60"))
    import sqlite3
    con = sqlite3.connect(db)
    con.execute("UPDATE outbox SET next_attempt_at = 0")
    con.commit()
    con.close()
    before = server.accepted if hasattr(server, "accepted") else None
    s = Serve(long_conf, os.path.join(work, what.replace(" ", "_") + "-serve.log")).start()
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if "sending" in states(db) or (before is not None and server.accepted > before):
                break
            time.sleep(0.1)
        time.sleep(1)
        rc, took = s.stop(timeout=30)
        print(f"{what}: serve exit {rc} {took:.1f} s after SIGTERM", flush=True)
        t.eq(rc, 0, f"{what}: serve exits 0 on SIGTERM ({s.log()[-300:]})")
        t.check(took < STOP_WITHIN, f"{what}: serve stops within {STOP_WITHIN} s of SIGTERM "
                f"while the server is silent ({took:.1f} s)")
    finally:
        s.kill()
    st = states(db)
    t.eq(st, {"queued": 6}, f"{what}: after serve's stop all six queued, none 'sending': {st}")


def stall_after_data(t, work):
    server = smtpd.Smtpd(os.path.join(work, "stall-srv"), delay=3600)
    server.start()
    port = server.port
    conf, db = setup(t, work, "stall", port)
    p, took = timed_send(conf)
    print(f"stall after DATA: exit {p.returncode} after {took:.1f} s", flush=True)
    t.eq(p.returncode, 75, f"stall after DATA: exit 75, try later ({p.stdout} {p.stderr})")
    t.check(took < TIMEOUT * 10, f"stall after DATA: gives up within the timeout ({took:.1f} s)")
    t.eq(len(server.messages()), 0, "stall after DATA: the server stored nothing")
    check_requeued(t, db, "stall after DATA")
    serve_stops(t, work, conf, db, "stall after DATA", server)
    server.stop()
    deliver_once(t, conf, db, port, work, "stall", dup_ok=True)


def main():
    t = Tally("smtp_silent")
    work = tempdir("bureau-smtp-silent-")
    try:
        no_greeting(t, work)
        stall_after_data(t, work)
    finally:
        clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
