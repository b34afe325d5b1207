"""A `password_env` password leaves the environment before any fork (issue 12
item 7): `bureau serve` with its IMAP and SMTP passwords in the environment
logs in to a private Dovecot and sends through a private SMTP server with
AUTH (so both passwords were read), and then neither variable nor either
password is in /proc/PID/environ of serve, of its parser fork server or of
the parser process (they handle hostile mail), while a harmless variable
set beside them still is (the reading works). After SIGHUP (a reload reads
the configuration again, the variables gone) serve still logs in. `bureau
fetch` likewise: logged in, and the variables gone from its environ while
it runs (held by a server that sends its greeting one byte a second; that
configuration has no [smtp], so only the IMAP variable is read and taken)."""
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, bureau, clean_up, tempdir, write_config  # noqa: E402
import dovecot  # noqa: E402
import hostile_imap  # noqa: E402
import smtpd  # noqa: E402
from test_serve import (Serve, _children, _parents, account, drop_files, make_message,  # noqa: E402
                        require_environment, wait_until)

try:
    import aiosmtpd  # noqa: F401
except ImportError:
    aiosmtpd = None

IMAP_PW = "imap-Env-Secret-5519"
SMTP_PW = "smtp-Env-Secret-8830"
ENV = {"BUREAU_TEST_IMAP_PW": IMAP_PW, "BUREAU_TEST_SMTP_PW": SMTP_PW,
       "BUREAU_TEST_CANARY": "still-here"}


def environ_of(pid):
    """The NUL-separated block of /proc/PID/environ, as bytes (None if gone)."""
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            return f.read()
    except OSError:
        return None


def check_clean(t, pid, what, secrets=(("BUREAU_TEST_IMAP_PW", IMAP_PW),
                                       ("BUREAU_TEST_SMTP_PW", SMTP_PW))):
    blob = environ_of(pid)
    if not t.check(blob is not None, f"{what} (pid {pid}) is running"):
        return
    names = [v.split(b"=", 1)[0] for v in blob.split(b"\0") if v]
    t.check(b"BUREAU_TEST_CANARY" in names, f"{what}: an ordinary variable is still there")
    for var, pw in secrets:
        t.check(var.encode() not in names, f"{what}: {var} is not in /proc/{pid}/environ")
        t.check(pw.encode() not in blob, f"{what}: no password in /proc/{pid}/environ")


def serve_case(t, work, d, server):
    db = os.path.join(work, "serve.db")
    conf = write_config(os.path.join(work, "serve.conf"), db,
                        rules=smtpd.write_rules(os.path.join(work, "rules")),
                        accounts=[account(d)],
                        smtp={"url": server.url(), "tls": "starttls", "ca_file": server.cert,
                              "user": "bo@commune.test", "password_env": "BUREAU_TEST_SMTP_PW",
                              "from": "bo@commune.test"})
    p = bureau(conf, "init", env=ENV)
    t.eq(p.returncode, 0, f"init: {p.stderr}")
    s = Serve(conf, os.path.join(work, "serve.log"), env=ENV)
    s.start()
    try:
        t.check(s.wait_log(r"serving 1 mailbox", 15), "serve starts")
        drop_files(d, [make_message(1, "envpw", subject="شكاية ازبال")])
        n, waited = wait_until(lambda: count(db) >= 1, 30)
        t.eq(count(db), 1, f"serve logged in to IMAP and registered the message ({waited:.1f} s)")
        got, _ = wait_until(lambda: len(server.envelopes()) >= 1, 30)
        envs = server.envelopes()
        t.check(envs and all(e["auth"] for e in envs),
                f"serve logged in to SMTP and sent ({len(envs)} mails)")
        parent = _parents()
        kids = [c for c, pp in parent.items() if pp == s.proc.pid]
        parsers = [c for c, pp in parent.items() if pp in kids]
        t.eq(len(kids), 1, "serve has its parser fork server")
        t.check(len(parsers) >= 1, "the fork server has a parser process")
        check_clean(t, s.proc.pid, "serve")
        for k in kids:
            check_clean(t, k, "the parser fork server")
        for k in parsers:
            check_clean(t, k, "the parser process")
        # a reload reads the configuration again: the variables are gone by now
        off = len(s.log())
        s.send(signal.SIGHUP)
        t.check(s.wait_log(r"reload done", 15, off), "SIGHUP: reload done (passwords kept)")
        drop_files(d, [make_message(2, "envpw", subject="شكاية ازبال")])
        n, waited = wait_until(lambda: count(db) >= 2, 30)
        t.eq(count(db), 2, f"after the reload serve still logs in ({waited:.1f} s)")
        for k in [s.proc.pid] + _children(s.proc.pid):
            check_clean(t, k, f"after the reload, process {k}")
        rc, _ = s.stop()
        t.eq(rc, 0, "serve stops")
        t.check(IMAP_PW not in s.log() and SMTP_PW not in s.log(), "no password in the log")
    finally:
        s.kill()
        if t.failed:
            print(s.log()[-3000:])


def count(db):
    import sqlite3
    try:
        con = sqlite3.connect(db)
        try:
            return con.execute("SELECT count(*) FROM entries").fetchone()[0]
        finally:
            con.close()
    except Exception:
        return 0


def fetch_case(t, work, d):
    db = os.path.join(work, "fetch.db")
    conf = write_config(os.path.join(work, "fetch.conf"), db, accounts=[account(d)])
    t.eq(bureau(conf, "init", env=ENV).returncode, 0, "init (fetch)")
    drop_files(d, [make_message(3, "envpw")])
    p = bureau(conf, "fetch", env=ENV)
    t.eq(p.returncode, 0, f"fetch logs in and registers: {p.stderr}")
    t.eq(count(db), 1, "fetch registered the message")
    # the environ of a running fetch: held by a greeting sent one byte a second
    srv = hostile_imap.HostileImap("slow_greeting", [])
    srv.start()
    conf2 = write_config(os.path.join(work, "fetch2.conf"), db,
                         accounts=[account(d, port=srv.port)])
    e = dict(os.environ)
    e.update(ENV)
    proc = subprocess.Popen([BIN, "-c", conf2, "fetch"], env=e, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: srv.connections >= 1, 10)
        t.check(srv.connections >= 1, "fetch connected to the slow server")
        check_clean(t, proc.pid, "fetch", (("BUREAU_TEST_IMAP_PW", IMAP_PW),))
    finally:
        proc.kill()
        proc.wait()
        srv.stop()


def main():
    require_environment()
    t = Tally("secret_env")
    work = tempdir("bureau-secret-env-")
    d = server = None
    try:
        d = dovecot.Dovecot(work, users={"bo": IMAP_PW}).start()
        if aiosmtpd:
            server = smtpd.Smtpd(work, starttls=True, auth=("bo@commune.test", SMTP_PW)).start()
            serve_case(t, work, d, server)
        else:
            print("python3-aiosmtpd missing: serve case not run", flush=True)
            t.check(False, "python3-aiosmtpd is installed")
        fetch_case(t, work, d)
    finally:
        if server:
            server.stop()
        if d:
            d.stop()
        clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
