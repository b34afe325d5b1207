"""`bureau serve` against a private Dovecot on 127.0.0.1 (issue 5, Tests).

This file: (1) a message appended while serving is registered within seconds
(IDLE, with poll_interval far too long to explain it); (5) a second instance on
the same database is refused (exit 75, message naming the lock) while the first
keeps working; (3) SIGTERM in the middle of a 300-message batch exits 0 within
10 s and loses nothing: after a restart every message is registered exactly
once, numbered 1..N without gap, and INBOX is empty; SIGTERM while in IDLE
exits 0 within 10 s.

The helpers here (Serve, make_message, wait_until, ...) are imported by
test_serve_restart.py (Dovecot and SMTP restarts) and test_serve_reload.py
(SIGHUP, polling fallback)."""
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import (BIN, SRC, Tally, bureau, clean_up, db_rows, skip, tempdir,  # noqa: E402
                    write_config)
import dovecot  # noqa: E402

PASSWORD = "serve-Pw-7731"
ENV = {"BUREAU_TEST_IMAP_PW": PASSWORD}
USERS = {"bo": PASSWORD}
RULES = os.path.join(SRC, "rules")

SUBJECTS = [
    "Réclamation : éclairage public défaillant",
    "شكاية بخصوص الإنارة العمومية",
    "salam, 3andi mochkil f la route",
    "Demande d'accès à l'information – budget",
    "عريضة من سكان الحي",
]


def require_environment():
    if not os.access(BIN, os.X_OK):
        skip(f"no bureau binary at {BIN}")
    if not dovecot.available():
        skip("dovecot is not installed or not running as root")
    if not os.path.isdir(RULES) or not any(n.endswith(".rules") for n in os.listdir(RULES)):
        skip(f"no *.rules in {RULES}")


def make_message(i, tag="serve", subject=None, body=None):
    """A small citizen mail: unique sender c{tag}{i}@example.test and
    Message-ID <{tag}-{i}@example.test>."""
    subject = subject or f"{SUBJECTS[i % len(SUBJECTS)]} #{i}"
    body = body or f"Bonjour,\r\nmessage de test numéro {i}.\r\nMerci.\r\n"
    return (f"From: Citoyen {i} <c{tag}{i}@example.test>\r\n"
            f"To: bo@commune.test\r\n"
            f"Subject: =?utf-8?b?{_b64(subject)}?=\r\n"
            f"Date: Sun, 22 Nov 2026 10:{i % 60:02d}:00 +0100\r\n"
            f"Message-ID: <{tag}-{i}@example.test>\r\n"
            f"MIME-Version: 1.0\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n"
            f"Content-Transfer-Encoding: 8bit\r\n\r\n{body}").encode("utf-8")


def _b64(s):
    import base64
    return base64.b64encode(s.encode("utf-8")).decode()


_seq = [0]


def drop_files(d, raws, user="bo"):
    """Write messages straight into the INBOX Maildir new/ with names that never
    collide (dovecot.deliver_files reuses names within one second), whether or
    not Dovecot is running."""
    box = d.maildir(user)
    for sub in ("new", "cur", "tmp"):
        os.makedirs(os.path.join(box, sub), exist_ok=True)
    # the folders Dovecot's user must write to are its own before the first
    # file lands: else, while serve runs, its MOVE copies a message and
    # cannot unlink it from a root-owned new/ (it says OK all the same), and
    # the next pass moves it again (seen once in test_serve_restart)
    dovecot._chown_tree(os.path.join(d.mail_root, user), d.nobody)
    for raw in raws:
        _seq[0] += 1
        name = f"{int(time.time())}.M{_seq[0]:09d}P{os.getpid()}.serve-test"
        tmp = os.path.join(box, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(raw)
        os.chown(tmp, d.nobody.pw_uid, d.nobody.pw_gid)
        os.rename(tmp, os.path.join(box, "new", name))


class Feed:
    """Mail for INBOX in numbered chunks: feed(count) drops the next count
    messages (make_message with tag) and returns how many were dropped in
    all; .expected lists their Message-IDs."""

    def __init__(self, d, tag):
        self.d, self.tag = d, tag
        self.n = 0
        self.expected = []

    def __call__(self, count):
        first, self.n = self.n + 1, self.n + count
        drop_files(self.d, [make_message(i, self.tag) for i in range(first, self.n + 1)])
        self.expected.extend(f"{self.tag}-{i}@example.test" for i in range(first, self.n + 1))
        return self.n


def _parents():
    """{pid: parent pid} of every process (from /proc)."""
    parent = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    st = f.read()
                parent[int(name)] = int(st[st.rindex(")") + 2:].split()[1])
            except (OSError, ValueError):
                pass
    return parent


def _children(pid):
    """PIDs of every descendant of pid (from /proc)."""
    parent = _parents()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parent.items() if pp == p]
        out += kids
        todo += kids
    return out


def dovecot_down(d):
    """Stop Dovecot for real: the master and every process it started (its
    imap processes may otherwise outlive the master and keep the client's
    connection open). Only descendants of our own Dovecot's master are killed,
    by PID."""
    master = d.pid()
    kids = _children(master) if master else []
    d.stop()
    for k in kids:
        try:
            os.kill(k, signal.SIGKILL)
        except ProcessLookupError:
            pass


def wait_until(pred, timeout, interval=0.1):
    """Poll pred() until truthy or timeout; returns (value, seconds waited)."""
    t0 = time.monotonic()
    while True:
        v = pred()
        if v or time.monotonic() - t0 >= timeout:
            return v, time.monotonic() - t0
        time.sleep(interval)


def account(d, **kw):
    a = {"name": "general", "host": "127.0.0.1", "port": d.port, "tls": "none", "user": "bo",
         "password_env": "BUREAU_TEST_IMAP_PW", "mailbox": "INBOX",
         "registered_folder": "Registered", "quarantine_folder": "Quarantine",
         "poll_interval": "600s", "batch": 50}
    a.update(kw)
    return a


class Serve:
    """`bureau serve` as a subprocess, stderr (the log) captured to a file."""

    def __init__(self, conf, log_path, env=None):
        self.conf = conf
        self.log_path = log_path
        self.env = dict(os.environ)
        self.env.update(ENV)
        self.env.update(env or {})
        self.proc = None

    def start(self):
        log = open(self.log_path, "ab")
        try:
            self.proc = subprocess.Popen([BIN, "-c", self.conf, "serve"], stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=log, env=self.env)
        finally:
            log.close()
        return self

    def log(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def wait_log(self, pattern, timeout=10, after=0):
        """Wait until the log (from offset `after`) matches regex pattern."""
        rx = re.compile(pattern)
        v, _ = wait_until(lambda: rx.search(self.log()[after:]) or not self.alive(), timeout)
        return bool(rx.search(self.log()[after:]))

    def send(self, sig):
        if self.alive():
            os.kill(self.proc.pid, sig)

    def stop(self, sig=signal.SIGTERM, timeout=10):
        """Send sig and wait; returns (exit code or None if still running, seconds)."""
        if not self.proc:
            return None, 0.0
        t0 = time.monotonic()
        self.send(sig)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            rc = None
        return rc, time.monotonic() - t0

    def kill(self):
        if self.alive():
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


class Env:
    def __init__(self, work, d, smtp=None, rules=None, account_kw=None, extra=""):
        self.work = work
        self.d = d
        self.db = os.path.join(work, "bureau.db")
        self.conf = os.path.join(work, "bureau.conf")
        write_config(self.conf, self.db, rules=rules,
                     accounts=[account(d, **(account_kw or {}))], smtp=smtp,
                     extra="[reminders]\ndigest_time = 23:59\n" + extra)
        self.n_serve = 0

    def init(self, t):
        p = bureau(self.conf, "init", env=ENV)
        return t.check(p.returncode == 0, f"bureau init: {p.stderr}")

    def serve(self):
        self.n_serve += 1
        return Serve(self.conf, os.path.join(self.work, f"serve{self.n_serve}.log")).start()

    def n_entries(self):
        try:
            return db_rows(self.db, "SELECT count(*) FROM entries")[0][0]
        except Exception:
            return 0

    def entries(self):
        return db_rows(self.db, "SELECT seq, message_id, department FROM entries ORDER BY seq")

    def entry_by_mid(self, mid):
        rows = db_rows(self.db, "SELECT seq, department, kind FROM entries WHERE message_id IN (?, ?)",
                       (mid, f"<{mid}>"))
        return rows[0] if rows else None


def mid(s):
    return (s or "").strip().strip("<>")


def check_exactly_once(t, env, expected_mids, what):
    """Every expected Message-ID registered exactly once, nothing else, 1..N."""
    rows = env.entries()
    got = [mid(r[1]) for r in rows]
    t.eq(len(got), len(expected_mids), f"{what}: number of entries")
    dups = sorted({m for m in got if got.count(m) > 1})
    t.eq(dups, [], f"{what}: no message registered twice")
    t.eq(sorted(set(expected_mids) - set(got)), [], f"{what}: no message lost")
    t.eq(sorted(set(got) - set(expected_mids)), [], f"{what}: no unexpected entry")
    t.eq([r[0] for r in rows], list(range(1, len(rows) + 1)), f"{what}: numbers 1..N without gap")
    q = db_rows(env.db, "SELECT count(*) FROM quarantine")[0][0]
    t.eq(q, 0, f"{what}: nothing quarantined")


LOG_LINE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d bureau\[(debug|info|warn|error)\] \S")


def check_log_format(t, s, what):
    """One line per event, each with a timestamp and a level; no secret."""
    log = s.log()
    bad = [ln for ln in log.splitlines() if ln.strip() and not LOG_LINE.match(ln)]
    t.eq(bad, [], f"{what}: every log line has a timestamp and a level")
    t.check(PASSWORD not in log, f"{what}: the IMAP password never appears in the log")


def dump_on_failure(t, before, serves, d):
    if t.failed > before:
        for s in serves:
            print(f"--- {s.log_path} (tail) ---\n{s.log()[-3000:]}", flush=True)
        if d:
            print(f"--- dovecot log (tail) ---\n{d.log()[-1500:]}", flush=True)


# --- the checks of this file -------------------------------------------------

def idle_latency(t, env, d):
    """(1) + (5) + SIGTERM while idle."""
    s = env.serve()
    s2 = None
    try:
        t.check(s.wait_log(r"serving 1 mailbox", 10), "serve logs 'serving 1 mailbox(es)'")
        d.append("bo", make_message(1, "idle"))
        _, waited = wait_until(lambda: env.n_entries() >= 1, 15)
        t.eq(env.n_entries(), 1, f"first message registered (after {waited:.1f} s)")
        # the parser is forked by the account's fork server, itself forked
        # before any thread started: never straight from the threaded service
        parent = _parents()
        kids = [p for p, pp in parent.items() if pp == s.proc.pid]
        parsers = [p for p, pp in parent.items() if pp in kids]
        t.eq(len(kids), 1, "serve has one child: the parser's fork server (one per mailbox)")
        t.check(len(parsers) == 1, f"the parser is the fork server's child ({parsers})")
        latencies = []
        for i in range(2, 6):
            time.sleep(1.0)   # back in IDLE
            d.append("bo", make_message(i, "idle"))
            t0 = time.monotonic()
            n, _ = wait_until(lambda: env.n_entries() >= i, 15, 0.05)
            latencies.append(time.monotonic() - t0)
        print(f"IDLE latencies: {', '.join(f'{x:.2f}' for x in latencies)} s", flush=True)
        t.check(max(latencies) < 5.0, f"every message appended while idling registered within 5 s "
                f"(poll_interval 600 s): {latencies}")
        t.eq(d.count("bo", "INBOX"), 0, "INBOX empty after IDLE pick-ups")
        t.eq(d.count("bo", "Registered"), 5, "5 messages in Registered")

        # (5) a second instance on the same database is refused
        s2 = env.serve()
        try:
            rc2 = s2.proc.wait(15)
        except subprocess.TimeoutExpired:
            rc2 = None
        t.eq(rc2, 75, "second serve on the same database exits 75")
        log2 = s2.log()
        t.check("lock" in log2 and env.db + ".lock" in log2 and "already running" in log2,
                f"second serve names the lock file: {log2.strip()[-300:]!r}")
        t.check(s.alive(), "first serve still running after the refused second one")
        d.append("bo", make_message(6, "idle"))
        _, waited = wait_until(lambda: env.n_entries() >= 6, 10, 0.05)
        t.eq(env.n_entries(), 6, f"first serve still registers mail ({waited:.1f} s)")
        check_exactly_once(t, env, [f"idle-{i}@example.test" for i in range(1, 7)], "IDLE run")

        # SIGTERM while in IDLE
        time.sleep(1.5)
        rc, secs = s.stop(signal.SIGTERM, 15)
        t.eq(rc, 0, "serve exits 0 on SIGTERM while idling")
        t.check(secs < 10, f"serve stops promptly on SIGTERM while idling ({secs:.1f} s)")
        t.check(re.search(r"bureau\[\w+\] stopped", s.log()) is not None, "serve logs 'stopped'")
        gone, _ = wait_until(lambda: not any(os.path.exists(f"/proc/{p}") for p in kids + parsers),
                             5, 0.05)
        t.check(gone, "the fork server and the parser leave with serve")
        check_log_format(t, s, "IDLE run")
    finally:
        for x in (s, s2):
            if x:
                x.kill()
    return [s] + ([s2] if s2 else [])


def sigterm_mid_batch(t, env, d, n=300):
    """(3) SIGTERM while a batch of n messages is being registered."""
    base = env.n_entries()
    expected = [mid(r[1]) for r in env.entries()]
    s = env.serve()
    s2 = None
    try:
        t.check(s.wait_log(r"serving 1 mailbox", 10), "serve (batch run) started")
        time.sleep(1.0)
        drop_files(d, [make_message(i, "batch") for i in range(1, n + 1)])
        expected += [f"batch-{i}@example.test" for i in range(1, n + 1)]
        got, waited = wait_until(lambda: env.n_entries() > base, 20, 0.02)
        t.check(got, f"batch starts being registered ({waited:.1f} s)")
        rc, secs = s.stop(signal.SIGTERM, 15)
        mid_count = env.n_entries() - base
        print(f"SIGTERM after {mid_count} of {n} registered; exit {rc} in {secs:.2f} s", flush=True)
        t.eq(rc, 0, "serve exits 0 on SIGTERM in the middle of a batch")
        t.check(secs < 10, f"serve stops within 10 s in the middle of a batch ({secs:.1f} s)")
        t.check(0 < mid_count < n, f"SIGTERM really came mid-batch ({mid_count} of {n} registered)")
        left = d.count("bo", "INBOX")
        t.eq(d.count("bo", "Registered") - base, mid_count,
             "every message committed before the stop was also moved (the batch in hand finished)")
        t.check(left + d.count("bo", "Registered") == base + n,
                f"no message vanished from the server ({left} left in INBOX)")
        s2 = env.serve()
        got, waited = wait_until(lambda: env.n_entries() >= base + n and d.count("bo", "INBOX") == 0,
                                 90, 0.5)
        t.check(got, f"after restart every message registered and INBOX empty ({waited:.1f} s)")
        time.sleep(1.0)
        check_exactly_once(t, env, expected, "SIGTERM mid-batch")
        t.eq(d.count("bo", "INBOX"), 0, "INBOX empty at the end")
        t.eq(d.count("bo", "Registered"), base + n, "every message in Registered exactly once")
        rc, secs = s2.stop(signal.SIGINT, 15)
        t.eq(rc, 0, f"serve exits 0 on SIGINT ({secs:.1f} s)")
    finally:
        for x in (s, s2):
            if x:
                x.kill()
    return [s] + ([s2] if s2 else [])


def main():
    require_environment()
    t = Tally("serve")
    work = tempdir("bureau-serve-")
    d = None
    try:
        d = dovecot.Dovecot(work, users=USERS).start()
        env = Env(work, d)
        if env.init(t):
            before = t.failed
            serves = idle_latency(t, env, d)
            dump_on_failure(t, before, serves, d)
            before = t.failed
            serves = sigterm_mid_batch(t, env, d)
            dump_on_failure(t, before, serves, d)
    finally:
        if d:
            d.stop()
        clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
