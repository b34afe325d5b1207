"""TLS to IMAP (implicit and STARTTLS) against a private Dovecot whose certificate
comes from a throwaway CA made with openssl at test time: refused by default
with an error naming certificate verification, accepted with ca_file pointing
at the CA or with insecure = yes, a certificate for another host name refused
even with the CA, and no downgrade when STARTTLS is missing. Checked through
the IMAP client alone (tests/tools/imaptool) and through `bureau fetch`."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, bureau, db_rows, rmtree, skip, tempdir, write_config  # noqa: E402
import dovecot  # noqa: E402

PASSWORD = "tls-Pa55-9931"
MSG = (b"From: Citoyenne <c@example.test>\r\nTo: bo@commune.test\r\n"
       b"Subject: =?utf-8?b?2LTZg9in2YrYqQ==?=\r\nMessage-ID: <tls-%d@example.test>\r\n"
       b"Content-Type: text/plain; charset=utf-8\r\n\r\nTest TLS %d\r\n")

RULES = """department direction-services
  name_fr: Direction des services
  name_ar: مديرية المصالح
department voirie
  name_fr: Voirie
kind complaint
  deadline: 60 days
kind information-request
  deadline: 20 working days
  urgent: 3 days
  extension: 20 working days
kind petition
  deadline: 3 months
kind correspondence
  deadline: none
rule eclairage
  department: voirie
  kind: complaint
  pattern: eclairage|الانارة
"""


def rules_dir(work):
    """A minimal rules directory, so that these tests do not depend on the
    shipped rules (classification is not what they check)."""
    d = os.path.join(work, "rules")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "test.rules"), "w", encoding="utf-8") as f:
        f.write(RULES)
    return d


def tool(path, d, mode, host="127.0.0.1", ca=None, insecure=False):
    port = d.imaps_port if mode == "implicit" else d.port
    cmd = [path, "--tls", mode, "--host", host, "--port", str(port), "--user", "bo"]
    if ca:
        cmd += ["--ca", ca]
    if insecure:
        cmd.append("--insecure")
    return subprocess.run(cmd + ["check"], capture_output=True, timeout=60,
                          env=dict(os.environ, IMAPTOOL_PASSWORD=PASSWORD))


def auth_attempts(d):
    """Number of 'auth attempt' records Dovecot logged (login tried)."""
    log = d.log()
    return log.count("Login: user=") + log.count("auth failed")


def client_checks(t, path, d, bad, plain, selfsigned):
    for mode in ("implicit", "starttls"):
        before = auth_attempts(d)
        p = tool(path, d, mode)
        err = p.stderr.decode(errors="replace")
        t.eq(p.returncode, 1, f"{mode}: throwaway-CA certificate refused by default")
        t.check("certificate verification failed" in err, f"{mode}: error names verification: {err!r}")
        t.eq(auth_attempts(d), before, f"{mode}: no login attempted before verification")
        p = tool(path, d, mode, ca=d.ca_file)
        t.eq(p.returncode, 0, f"{mode}: accepted with ca_file = the CA ({p.stderr!r})")
        p = tool(path, d, mode, host="localhost", ca=d.ca_file)
        t.eq(p.returncode, 0, f"{mode}: host name 'localhost' matches its SAN ({p.stderr!r})")
        p = tool(path, d, mode, insecure=True)
        t.eq(p.returncode, 0, f"{mode}: accepted with insecure ({p.stderr!r})")
        p = tool(path, bad, mode, ca=bad.ca_file)
        err = p.stderr.decode(errors="replace")
        t.eq(p.returncode, 1, f"{mode}: certificate for another host refused even with the CA")
        t.check("verification failed" in err and "127.0.0.1" in err,
                f"{mode}: wrong-host error names verification and the host: {err!r}")
    p = tool(path, d, "starttls", ca=bad.ca_file)
    t.eq(p.returncode, 1, "a ca_file holding another CA does not make the server trusted")
    for mode in ("implicit", "starttls"):
        p = tool(path, selfsigned, mode)
        t.eq(p.returncode, 1, f"{mode}: self-signed certificate refused by default")
        p = tool(path, selfsigned, mode, ca=selfsigned.ca_file)
        t.eq(p.returncode, 0, f"{mode}: self-signed certificate accepted when it is the ca_file "
             f"({p.stderr!r})")
    p = tool(path, plain, "starttls", ca=d.ca_file)
    err = p.stderr.decode(errors="replace")
    t.check(p.returncode == 1 and "STARTTLS" in err,
            f"tls = starttls against a server without STARTTLS is refused, no downgrade: {err!r}")
    p = tool(path, d, "starttls", ca="/nonexistent/ca.pem")
    t.check(p.returncode == 1 and "ca_file" in p.stderr.decode(errors="replace"),
            "an unreadable ca_file is reported")


def bureau_fetch(work, name, d, mode, **acct):
    db = os.path.join(work, f"{name}.db")
    conf = os.path.join(work, f"{name}.conf")
    a = {"name": "general", "host": acct.pop("host", "127.0.0.1"),
         "port": d.imaps_port if mode == "implicit" else d.port, "tls": mode, "user": "bo",
         "password_env": "BUREAU_TEST_IMAP_PW"}
    a.update(acct)
    write_config(conf, db, rules=rules_dir(work), accounts=[a])
    bureau(conf, "init", env={"BUREAU_TEST_IMAP_PW": PASSWORD})
    p = bureau(conf, "fetch", env={"BUREAU_TEST_IMAP_PW": PASSWORD})
    return p, db


def count_entries(db):
    try:
        return db_rows(db, "SELECT count(*) FROM entries")[0][0]
    except Exception:
        return None


def cli_checks(t, work, d, bad):
    n = 0
    for mode in ("implicit", "starttls"):
        n += 1
        d.append("bo", MSG % (n, n))
        p, db = bureau_fetch(work, f"{mode}-default", d, mode)
        t.eq(p.returncode, 1, f"bureau fetch {mode}: refused by default, as a permanent failure")
        t.check("verification" in p.stderr, f"bureau fetch {mode}: says why: {p.stderr[-300:]!r}")
        t.check(PASSWORD not in p.stderr + p.stdout, f"bureau fetch {mode}: password not printed")
        t.eq(d.count("bo"), 1, f"bureau fetch {mode}: message left in INBOX when refused")
        p, db = bureau_fetch(work, f"{mode}-wronghost", bad, mode, ca_file=bad.ca_file)
        t.check(p.returncode != 0 and "verification" in p.stderr,
                f"bureau fetch {mode}: wrong host refused even with ca_file ({p.stderr[-300:]!r})")
        p, db = bureau_fetch(work, f"{mode}-ca", d, mode, ca_file=d.ca_file)
        t.eq(p.returncode, 0, f"bureau fetch {mode} with ca_file: exit 0 ({p.stderr[-300:]!r})")
        t.eq(count_entries(db), 1, f"bureau fetch {mode} with ca_file: one entry registered")
        t.eq(d.count("bo"), 0, f"bureau fetch {mode} with ca_file: INBOX emptied")
        n += 1
        d.append("bo", MSG % (n, n))
        p, db = bureau_fetch(work, f"{mode}-insecure", d, mode, insecure="yes")
        t.eq(p.returncode, 0, f"bureau fetch {mode} insecure = yes: exit 0 ({p.stderr[-300:]!r})")
        t.eq(count_entries(db), 1, f"bureau fetch {mode} insecure: one entry registered")


def main():
    if not dovecot.available():
        skip("dovecot not installed or not root")
    t = Tally("tls")
    work = tempdir()
    servers = []
    try:
        path = dovecot.imaptool(work)
        d = dovecot.Dovecot(os.path.join(work, "good"), tls="implicit",
                            users={"bo": PASSWORD}).start()
        servers.append(d)
        bad = dovecot.Dovecot(os.path.join(work, "bad"), tls="implicit", users={"bo": PASSWORD},
                              cert_names=("mail.example.test",)).start()
        servers.append(bad)
        plain = dovecot.Dovecot(os.path.join(work, "plain"), users={"bo": PASSWORD}).start()
        servers.append(plain)
        selfsigned = dovecot.Dovecot(os.path.join(work, "self"), tls="implicit",
                                     users={"bo": PASSWORD}, self_signed=True).start()
        servers.append(selfsigned)
        if path:
            client_checks(t, path, d, bad, plain, selfsigned)
        else:
            print("note: no C compiler, client-level checks not run", flush=True)
        if os.access(BIN, os.X_OK):
            cli_checks(t, work, d, bad)
        else:
            print(f"note: {BIN} not built, bureau fetch checks not run", flush=True)
    except dovecot.DovecotError as e:
        t.check(False, f"dovecot: {e}")
    finally:
        for s in servers:
            s.stop()
        rmtree(work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
