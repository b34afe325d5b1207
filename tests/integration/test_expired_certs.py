"""Expired certificates on both sides (issue 12, "also not yet tried").

Certificates valid in January 2020 only (`openssl ca -startdate/-enddate`,
tests/lib/dovecot.py): a self-signed one and one issued by a throwaway CA
that is itself valid. IMAP (Dovecot, implicit TLS and STARTTLS) and SMTP
(aiosmtpd, STARTTLS): bureau must refuse by default, still refuse with the
certificate pinned or its CA trusted as ca_file, say why (IMAP: "expired";
SMTP: "certificate verification failed", all curl says), log in to nothing,
register and send nothing, lose nothing (the message stays in INBOX, the
mail stays queued). Control: the same servers
with insecure = yes work, so what is refused is the certificate alone."""
import collections
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, bureau, clean_up, db_rows, skip, tempdir, write_config  # noqa: E402
import dovecot  # noqa: E402
import smtpd  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_tls import MSG, PASSWORD, auth_attempts, bureau_fetch, count_entries  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
except ImportError:
    aiosmtpd = None


def imap_refused(t, work, name, d, mode, **acct):
    before = auth_attempts(d)
    p, db = bureau_fetch(work, name, d, mode, **acct)
    logins = auth_attempts(d)
    err = p.stderr
    t.check(p.returncode != 0, f"imap {name}: fetch refused (exit {p.returncode})")
    t.check("verification failed" in err and "expired" in err,
            f"imap {name}: the error names verification and the expiry: {err[-300:]!r}")
    t.eq(count_entries(db), 0, f"imap {name}: nothing registered")
    t.eq(d.count("bo"), 1, f"imap {name}: the message stays in INBOX")
    t.eq(logins, before, f"imap {name}: no login attempted")
    t.check(PASSWORD not in err + p.stdout, f"imap {name}: the password is not printed")


def imap_checks(t, work):
    selfexp = dovecot.Dovecot(os.path.join(work, "imap-self"), tls="implicit",
                              users={"bo": PASSWORD}, self_signed=True, expired=True).start()
    caexp = dovecot.Dovecot(os.path.join(work, "imap-ca"), tls="starttls",
                            users={"bo": PASSWORD}, expired=True).start()
    try:
        for n, d in enumerate((selfexp, caexp), 1):
            d.append("bo", MSG % (n, n))
        imap_refused(t, work, "self-signed-default", selfexp, "implicit")
        imap_refused(t, work, "self-signed-pinned", selfexp, "implicit", ca_file=selfexp.ca_file)
        imap_refused(t, work, "ca-trusted-implicit", caexp, "implicit", ca_file=caexp.ca_file)
        imap_refused(t, work, "ca-trusted-starttls", caexp, "starttls", ca_file=caexp.ca_file)
        for name, d, mode in (("self", selfexp, "implicit"), ("ca", caexp, "starttls")):
            p, db = bureau_fetch(work, f"{name}-insecure", d, mode, insecure="yes")
            t.eq(p.returncode, 0, f"imap {name} insecure = yes: the server works ({p.stderr[-300:]!r})")
            t.eq(count_entries(db), 1, f"imap {name} insecure = yes: its one message registered")
    finally:
        selfexp.stop()
        caexp.stop()


def smtp_states(db):
    return dict(db_rows(db, "SELECT state, count(*) FROM outbox GROUP BY state"))


def smtp_register(t, work, name, port, **tls):
    d = os.path.join(work, name)
    os.makedirs(d)
    db = os.path.join(d, "bureau.db")
    smtp = {"url": f"smtp://127.0.0.1:{port}", "tls": "starttls", "from": "bo@commune.test",
            "timeout": "10"}
    smtp.update(tls)
    conf = write_config(os.path.join(d, "bureau.conf"), db,
                        rules=smtpd.write_rules(os.path.join(d, "rules")), smtp=smtp)
    t.eq(bureau(conf, "init").returncode, 0, f"smtp {name}: init")
    p = bureau(conf, "ingest", input=smtpd.citizen_message(sender=f"c@{name}.test"))
    t.eq(p.returncode, 0, f"smtp {name}: ingest")
    return conf, db


def smtp_refused(t, work, name, server, **tls):
    conf, db = smtp_register(t, work, name, server.port, **tls)
    queued = smtp_states(db)
    t.check(queued.get("queued", 0) >= 2 and list(queued) == ["queued"],
            f"smtp {name}: the ack and the routed mail queued: {queued}")
    p = bureau(conf, "outbox", "send", "--now")
    t.eq(p.returncode, 75, f"smtp {name}: outbox send defers, exit 75 ({p.stdout} {p.stderr})")
    t.eq(smtp_states(db), queued, f"smtp {name}: every mail still queued, none sent or 'sending'")
    # curl's GnuTLS backend (7.88) says "server certificate verification
    # failed" for every cause, the expiry too, and fills CURLINFO_CERTINFO
    # only after a verification that passed: the refusal is named, not why
    errs = [r[0] or "" for r in db_rows(db, "SELECT last_error FROM outbox WHERE attempts > 0")]
    t.check(errs and all("certificate verification failed" in e for e in errs),
            f"smtp {name}: the recorded error names the certificate verification: {errs}")
    t.eq(len(server.messages()), 0, f"smtp {name}: the server received nothing")
    return conf, db, queued


def smtp_checks(t, work):
    cdir = os.path.join(work, "smtp-ca")
    os.makedirs(cdir)
    ca, cert, key = dovecot.make_ca(cdir, expired=True)
    sdir = os.path.join(work, "smtp-self")
    os.makedirs(sdir)
    scert, skey = dovecot.make_self_signed(sdir, expired=True)
    caexp = smtpd.Smtpd(os.path.join(work, "smtpd-ca"), starttls=True, cert=(cert, key))
    selfexp = smtpd.Smtpd(os.path.join(work, "smtpd-self"), starttls=True, cert=(scert, skey))
    caexp.start()
    selfexp.start()
    try:
        smtp_refused(t, work, "self-signed-default", selfexp)
        smtp_refused(t, work, "self-signed-pinned", selfexp, ca_file=scert)
        conf, db, queued = smtp_refused(t, work, "ca-trusted", caexp, ca_file=ca)
        # the same register, once the administrator accepts the risk: each mail once
        text = open(conf).read().replace(f"ca_file = {ca}", "insecure = yes")
        with open(conf, "w") as f:
            f.write(text)
        p = bureau(conf, "outbox", "send", "--now")
        t.eq(p.returncode, 0, f"smtp insecure = yes: sent ({p.stdout} {p.stderr})")
        t.eq(smtp_states(db), {"sent": sum(queued.values())}, "smtp insecure = yes: all sent")
        ids = collections.Counter(smtpd.parse(b)["Message-ID"] for _, _, b in caexp.messages())
        t.check(len(ids) == sum(queued.values()) and max(ids.values()) == 1,
                f"smtp insecure = yes: each mail received exactly once: {ids}")
    finally:
        caexp.stop()
        selfexp.stop()


def main():
    if not dovecot.available():
        skip("dovecot not installed or not root")
    if aiosmtpd is None:
        skip("python3-aiosmtpd is not installed")
    t = Tally("expired_certs")
    work = tempdir("bureau-certs-")  # not "expired": paths are in errors
    try:
        imap_checks(t, work)
        smtp_checks(t, work)
    except dovecot.DovecotError as e:
        t.check(False, f"dovecot: {e}")
    finally:
        clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
