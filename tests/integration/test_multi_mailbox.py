"""Several mailboxes: a general address and a dedicated complaints address on
the same Dovecot, each [account] with its own folders and default kind. One
`bureau fetch` registers both into one gap-free register; a message no kind
rule recognises takes its mailbox's default kind; each mailbox's mail is moved
to its own registered folder; --account limits a pass to one mailbox."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, bureau, db_rows, rmtree, skip, tempdir, write_config  # noqa: E402
import dovecot  # noqa: E402

if not dovecot.available():
    skip("dovecot cannot be run here")
if not os.access(BIN, os.X_OK):
    skip(f"{BIN} not built")

PW = {"bo": "general-Pw-1", "plaintes": "plaintes-Pw-2"}
ENV = {"PW_GENERAL": PW["bo"], "PW_PLAINTES": PW["plaintes"]}


def message(i, who):
    # a plain note that no kind rule recognises: the mailbox decides the kind
    return (f"From: citoyen{i}@citizen.test\r\nTo: {who}@commune.test\r\n"
            f"Subject: Message {i}\r\nMessage-ID: <mm-{who}-{i}@citizen.test>\r\n"
            f"Date: Mon, 16 Nov 2026 10:00:00 +0100\r\n\r\nBonjour, voici ma lettre {i}.\r\n"
            ).encode()


t = Tally("multi_mailbox")
work = tempdir()
d = dovecot.Dovecot(work, users=PW)
db = os.path.join(work, "bureau.db")
accounts = [
    {"name": "general", "host": "127.0.0.1", "port": d.port, "tls": "none", "user": "bo",
     "password_env": "PW_GENERAL", "registered_folder": "Enregistre"},
    {"name": "plaintes", "host": "127.0.0.1", "port": d.port, "tls": "none", "user": "plaintes",
     "password_env": "PW_PLAINTES", "registered_folder": "Plaintes-enregistrees",
     "default_kind": "complaint"},
]
conf = write_config(os.path.join(work, "bureau.conf"), db, accounts=accounts)
try:
    d.start()
    for i in range(1, 4):
        d.append("bo", message(i, "bo"))
        d.append("plaintes", message(i, "plaintes"))
    t.eq(bureau(conf, "init").returncode, 0, "init")
    p = bureau(conf, "fetch", "--account", "plaintes", env=ENV)
    t.eq(p.returncode, 0, f"fetch --account plaintes: {p.stderr}")
    t.eq(d.count("bo"), 3, "--account leaves the other mailbox alone")
    t.eq(d.count("plaintes"), 0, "the complaints mailbox is emptied")
    t.eq(d.count("plaintes", "Plaintes-enregistrees"), 3, "moved to its own registered folder")
    p = bureau(conf, "fetch", env=ENV)
    t.eq(p.returncode, 0, f"fetch all: {p.stderr}")
    t.eq(d.count("bo"), 0, "the general mailbox is emptied")
    t.eq(d.count("bo", "Enregistre"), 3, "moved to the general registered folder")
    rows = db_rows(db, "SELECT seq, account, kind FROM entries ORDER BY seq")
    t.eq([r[0] for r in rows], list(range(1, 7)), "one register, numbers 1..6 without a gap")
    kinds = {(a, k) for _, a, k in rows}
    t.eq(kinds, {("plaintes", "complaint"), ("general", "correspondence")},
         "each mailbox's default kind applies to what no rule recognises")
    p = bureau(conf, "fetch", "--account", "nope", env=ENV)
    t.check(p.returncode != 0 and "nope" in p.stderr, "an unknown account is a clear error")
except dovecot.DovecotError as e:
    t.check(False, f"dovecot: {e}")
finally:
    d.stop()
    rmtree(work)

sys.exit(t.finish())
