"""The demo behind scripts/demo.sh: real Dovecot and a real SMTP server on
loopback, sample mail in Arabic, French and Darija in several charsets."""
import email
import email.policy
import glob
import os
import sys

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(SRC, "tests", "lib"))
os.environ.setdefault("BUREAU_BIN", os.path.join(SRC, "build", "bureau"))

import common  # noqa: E402
from dovecot import Dovecot  # noqa: E402
from smtpd import Smtpd  # noqa: E402


def banner(title):
    print("\n" + "=" * 78 + "\n" + title + "\n" + "=" * 78, flush=True)


def run(conf, *args):
    p = common.bureau(conf, *args, actor="demo-clerk")
    sys.stdout.write(p.stdout)
    if p.returncode:
        sys.stdout.write(p.stderr)
    return p


def main():
    work = common.tempdir("bureau-demo-")
    dov = Dovecot(work)
    smtp = Smtpd(work)
    try:
        dov.start()
        smtp.start()
        samples = sorted(glob.glob(os.path.join(SRC, "tests", "data", "samples", "*.eml")))
        for f in samples:
            dov.append("bo", open(f, "rb").read())
        pw = os.path.join(work, "imap.pass")
        with open(pw, "w") as f:
            f.write("secret\n")
        conf = common.write_config(
            os.path.join(work, "bureau.conf"), os.path.join(work, "bureau.db"),
            accounts=[dict(name="general", host="127.0.0.1", port=dov.port, tls="none",
                           user="bo", password_file=pw)],
            smtp=dict(url=f"smtp://127.0.0.1:{smtp.port}", tls="none",
                      **{"from": "bo@commune.test"}, from_name="Bureau d'ordre — مكتب الضبط"))
        banner(f"1. {len(samples)} citizen messages wait in INBOX of a Dovecot on 127.0.0.1:{dov.port}")
        for f in samples:
            print("  ", os.path.basename(f))
        banner("2. bureau init, then bureau fetch — register, classify, move to 'Registered'")
        run(conf, "init")
        run(conf, "fetch")
        banner("3. bureau list — the arrival register")
        run(conf, "list")
        banner("4. bureau show 1 — one entry with its history")
        run(conf, "show", "1")
        banner("5. bureau search — Arabic and French folded")
        run(conf, "search", "شكايه")
        run(conf, "search", "reclamation")
        banner(f"6. bureau outbox send — to the SMTP server on 127.0.0.1:{smtp.port}")
        run(conf, "outbox", "send")
        banner("7. what the SMTP server received")
        first_ack = None
        for env_from, rcpts, data in smtp.messages():
            m = email.message_from_bytes(data, policy=email.policy.default)
            print(f"  to {', '.join(rcpts):32} {m['Subject']}")
            if first_ack is None and "Accusé" in str(m["Subject"]):
                first_ack = m
        if first_ack is not None:
            banner("7b. the first acknowledgement, as the citizen reads it (text part)")
            for h in ("From", "To", "Subject", "Date", "In-Reply-To", "Auto-Submitted"):
                print(f"{h}: {first_ack[h]}")
            print()
            print(first_ack.get_body(preferencelist=("plain",)).get_content())
        banner("8. bureau stats")
        run(conf, "stats")
        print(f"\nEverything ran in {work} (deleted now).")
    finally:
        smtp.stop()
        dov.stop()
        common.rmtree(work)


if __name__ == "__main__":
    main()
