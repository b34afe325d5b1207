"""A read-only database is named and permanent (issue 13 item 7).

Before: `ingest` as a user who may not write the register said "temporary
failure: attempt to write a readonly database" and exited 75 (retry later:
the MTA, serve and scripts retried for ever), without saying which file.
Now every command refuses it at open, with the path and "read-only" in the
message, and exits 78 (EX_CONFIG: the installation is wrong; serve is not
restarted by systemd for it) — except `ingest`, which keeps 75 so that the
MTA keeps the mail queued (several MTAs bounce on any other code, and a
bounce would lose a citizen's letter), but says it is a permanent fault.

The commands run as uid/gid 65534 (setpriv) when the test runs as root,
who may write any file."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, bureau, clean_up, skip, tempdir, write_config  # noqa: E402

MSG = (b"From: Citoyen <c@example.test>\r\nTo: bo@commune.test\r\nSubject: test\r\n"
       b"Message-ID: <ro-1@example.test>\r\n\r\nBonjour.\r\n")


def as_other(args, stdin=None, timeout=30):
    cmd = [BIN] + args
    if os.geteuid() == 0:
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + cmd
    try:
        return subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return subprocess.CompletedProcess(cmd, None, e.stdout or b"",
                                           (e.stderr or b"") + b"(still running: killed)")


def main():
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        skip("running as root without setpriv: cannot run as a user who may not write")
    t = Tally("db_readonly")
    work = tempdir("bureau-ro-")
    try:
        db = os.path.join(work, "bureau.db")
        conf = write_config(os.path.join(work, "bureau.conf"), db)
        t.eq(bureau(conf, "init").returncode, 0, "init")
        os.chmod(conf, 0o644)
        for f in os.listdir(work):
            os.chmod(os.path.join(work, f), 0o444 if f.startswith("bureau.db") else 0o644)
        for args, stdin, code in ((["ingest", "-"], MSG, 75), (["list"], None, 78),
                                  (["assign", "2026/1", "x"], None, 78),
                                  (["outbox", "send"], None, 78), (["serve"], None, 78)):
            p = as_other(["-c", conf] + args, stdin)
            err = p.stderr.decode("utf-8", "replace")
            what = " ".join(args)
            t.eq(p.returncode, code, f"{what}: exit {code} ({err.strip()[-300:]})")
            t.check(db in err and "read-only" in err,
                    f"{what}: the message names the database and says read-only")
            t.check("permanent" in err and "temporary" not in err,
                    f"{what}: called permanent, not temporary")
    finally:
        clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
