"""service/imap.c against a real Dovecot on 127.0.0.1, through tests/tools/imaptool:
listing by UID (with the 'n:*' quirk), BODY.PEEK[] fetch byte for byte without
\\Seen, moving with MOVE and with COPY + \\Deleted + UID EXPUNGE (never touching
other \\Deleted messages), IDLE, login failures, and no password in traces."""
import base64
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, skip, tempdir, rmtree  # noqa: E402
import dovecot  # noqa: E402

PASSWORD = "s3cr3t-Pa55-q7"


def msg(i, body="Bonjour", extra=b""):
    return (f"From: Citoyen {i} <c{i}@example.test>\r\nTo: bo@commune.test\r\n"
            f"Subject: message {i}\r\nMessage-ID: <m{i}@example.test>\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Transfer-Encoding: 8bit\r\n\r\n{body} {i}\r\n").encode() + extra


class Tool:
    def __init__(self, path, d):
        self.path, self.d = path, d

    def run(self, *args, tls="none", port=None, password=PASSWORD, env=None, timeout=60):
        e = dict(os.environ, IMAPTOOL_PASSWORD=password)
        e.update(env or {})
        cmd = [self.path, "--tls", tls, "--host", "127.0.0.1",
               "--port", str(port or self.d.port), "--user", "bo"] + list(args)
        return subprocess.run(cmd, capture_output=True, env=e, timeout=timeout)

    def listing(self, mailbox="INBOX", frm=None):
        p = self.run("list", mailbox, *([str(frm)] if frm else []))
        lines = p.stdout.decode().splitlines()
        if p.returncode != 0 or not lines:
            return None, p
        return [tuple(int(x) for x in ln.split()) for ln in lines[1:]], p


def test_list_fetch(t, tool, d, work):
    got, p = tool.listing()
    t.eq(got, [], f"empty INBOX lists nothing ({p.stderr!r})")
    raws = [msg(i) for i in range(1, 6)]
    raws.append(msg(6, "مرحبا، شكاية بخصوص الإنارة العمومية"))
    raws.append(msg(7, "x", extra="Ligne en windows-1256: ".encode() + bytes(range(0xc1, 0xdb)) + b"\r\n"))
    uids = d.append_many("bo", raws)
    got, p = tool.listing()
    t.eq([u for u, _ in got or []], sorted(uids), "list gives every UID, ascending")
    t.eq([s for _, s in got or []], [len(r) for r in raws], "list gives RFC822.SIZE")
    got, _ = tool.listing(frm=uids[4])
    t.eq([u for u, _ in got or []], uids[4:], "list from a UID gives that UID and later")
    got, _ = tool.listing(frm=uids[-1] + 1)
    t.eq(got, [], "list past the last UID is empty (the 'n:*' quirk is filtered)")
    got, _ = tool.listing(frm=uids[-1] + 1000)
    t.eq(got, [], "list far past the last UID is empty")

    out = os.path.join(work, "fetched")
    os.makedirs(out, exist_ok=True)
    want = [uids[6], uids[0], uids[5], uids[2]]
    p = tool.run("fetch", "INBOX", out, *[str(u) for u in want])
    t.eq(p.returncode, 0, f"fetch succeeds ({p.stderr!r})")
    for u in want:
        path = os.path.join(out, f"{u}.eml")
        data = open(path, "rb").read() if os.path.exists(path) else None
        t.eq(data, raws[uids.index(u)], f"UID {u} fetched byte for byte")
    t.eq(len(os.listdir(out)), len(want), "only the asked UIDs are delivered")
    flags = {u: f for u, _, f in d.messages("bo")}
    t.check(all("\\Seen" not in flags[u] for u in want), f"BODY.PEEK[] sets no \\Seen: {flags}")
    p = tool.run("fetch", "INBOX", out, str(uids[-1] + 50))
    t.eq(p.returncode, 0, "fetching a UID that does not exist is not an error")
    return uids


def test_move(t, tool, d, uids):
    p = tool.run("move", "INBOX", "Registered", str(uids[0]), str(uids[1]), str(uids[3]))
    t.eq(p.returncode, 0, f"UID MOVE succeeds ({p.stderr!r})")
    t.check("Registered" in d.list_folders("bo"), "missing folder is created")
    t.eq(d.count("bo", "Registered"), 3, "three messages in Registered")
    t.eq(sorted(d.uids("bo")), sorted(set(uids) - {uids[0], uids[1], uids[3]}),
         "exactly the moved UIDs left INBOX")
    p = tool.run("move", "INBOX", "Registered", str(uids[2]))
    t.eq(p.returncode, 0, "moving into an existing folder succeeds")
    t.eq(d.count("bo", "Registered"), 4, "four messages in Registered")


def mutf7(name):
    """RFC 3501 modified UTF-7, written independently of imap.c."""
    out, run = [], []

    def flush():
        if run:
            b = base64.b64encode("".join(run).encode("utf-16-be")).decode()
            out.append("&" + b.rstrip("=").replace("/", ",") + "-")
            run.clear()
    for ch in name:
        if 0x20 <= ord(ch) <= 0x7e:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            run.append(ch)
    flush()
    return "".join(out)


def test_utf8_folder(t, tool, d):
    uid = d.append("bo", msg(77))
    name = "المسجلة & Réclamations 📨"
    p = tool.run("move", "INBOX", name, str(uid))
    t.eq(p.returncode, 0, f"move into a UTF-8 folder name ({p.stderr!r})")
    t.check(mutf7(name) in d.list_folders("bo"),
            f"folder created under its modified UTF-7 name: {d.list_folders('bo')}")
    t.eq(d.count("bo", mutf7(name)), 1, "the message is in it")
    p = tool.run("list", name)
    t.check(p.returncode == 0 and len(p.stdout.decode().splitlines()) == 2,
            "SELECT of the UTF-8 name finds the same folder")
    for bad in (os.fsdecode(b"bad\xffname"), "bad\x01name", "x" * 300):
        p = tool.run("move", "INBOX", bad, "1")
        t.check(p.returncode == 1 and b"mailbox name" in p.stderr,
                f"folder name {bad[:20]!r} (invalid UTF-8, control char, too long) refused")


def test_copy_expunge(t, tool, work):
    """A server without MOVE: COPY + STORE \\Deleted + UID EXPUNGE of exactly ours."""
    d = dovecot.Dovecot(work, users={"bo": PASSWORD},
                        extra="imap_capability = IMAP4rev1 LITERAL+ UIDPLUS IDLE\n")
    d.start()
    try:
        tl = Tool(tool.path, d)
        uids = d.append_many("bo", [msg(i) for i in range(1, 6)])
        m = d.imap("bo")
        m.select("INBOX")
        m.uid("STORE", str(uids[4]), "+FLAGS.SILENT", r"(\Deleted)")
        m.logout()
        p = tl.run("check")
        t.eq(p.returncode, 0, f"server without MOVE accepts the login ({p.stderr!r})")
        p = tl.run("move", "INBOX", "Archive", str(uids[0]), str(uids[2]),
                   env={"BUREAU_IMAP_TRACE": "1"})
        t.eq(p.returncode, 0, f"COPY/EXPUNGE move succeeds ({p.stderr[-300:]!r})")
        trace = p.stderr.decode(errors="replace")
        t.check("UID COPY" in trace and "UID EXPUNGE" in trace and "UID MOVE" not in trace,
                "moved with UID COPY + UID EXPUNGE, not MOVE")
        t.check("Deleted" in trace and "FLAGS.SILENT" in trace, "flagged \\Deleted silently")
        t.eq(d.count("bo", "Archive"), 2, "two messages copied to Archive")
        left = d.uids("bo")
        t.eq(sorted(left), [uids[1], uids[3], uids[4]],
             "another client's \\Deleted message was not expunged")
    finally:
        d.stop()


def test_idle(t, tool, d):
    p = tool.run("idle", "INBOX", "2")
    t.eq(p.stdout.decode().split(), ["idling", "timeout"], f"IDLE times out ({p.stderr!r})")
    e = dict(os.environ, IMAPTOOL_PASSWORD=PASSWORD)
    proc = subprocess.Popen([tool.path, "--tls", "none", "--host", "127.0.0.1", "--port",
                             str(d.port), "--user", "bo", "idle", "INBOX", "30"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e)
    first = proc.stdout.readline()
    t0 = time.time()
    time.sleep(0.3)
    d.append("bo", msg(99))
    try:
        out, err = proc.communicate(timeout=40)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    took = time.time() - t0
    t.eq((first + out).decode().split(), ["idling", "changed"], f"IDLE reports a new message ({err!r})")
    t.check(took < 5, f"IDLE woke within seconds ({took:.1f}s)")


def test_idle_stop_flag(t, tool, d):
    e = dict(os.environ, IMAPTOOL_PASSWORD=PASSWORD)
    proc = subprocess.Popen([tool.path, "--tls", "none", "--host", "127.0.0.1", "--port",
                             str(d.port), "--user", "bo", "idle", "INBOX", "60"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e)
    proc.stdout.readline()
    t0 = time.time()
    proc.send_signal(signal.SIGTERM)
    try:
        out, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    t.eq((out.decode().split(), proc.returncode), (["stopped"], 0),
         f"the stop flag ends IDLE cleanly ({err!r})")
    t.check(time.time() - t0 < 5, "and within seconds")


def test_idle_stop_on_restart(t, tool, d):
    """The server going away during IDLE is an error, not a hang."""
    e = dict(os.environ, IMAPTOOL_PASSWORD=PASSWORD)
    proc = subprocess.Popen([tool.path, "--tls", "none", "--host", "127.0.0.1", "--port",
                             str(d.port), "--user", "bo", "idle", "INBOX", "60"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e)
    proc.stdout.readline()
    t0 = time.time()
    d.stop()
    try:
        out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    d.start()
    t.check(time.time() - t0 < 20, "IDLE returns soon after the server goes away")
    t.check(proc.returncode != 0 or b"changed" in out,
            f"server shutdown during IDLE is reported ({out!r} {err!r})")


def test_login(t, tool, d):
    p = tool.run("check", password="wrong-password-zz")
    t.eq(p.returncode, 1, "a wrong password fails")
    t.check(b"LOGIN" in p.stderr and b"wrong-password-zz" not in p.stderr,
            f"the error names LOGIN without the password ({p.stderr!r})")
    p = tool.run("check", env={"BUREAU_IMAP_TRACE": "1"})
    err = p.stderr.decode(errors="replace")
    t.eq(p.returncode, 0, "login succeeds with tracing on")
    t.check("CAPABILITY" in err and "withheld" in err, "trace shows the protocol")
    t.check(PASSWORD not in err, "the password never appears in the trace")
    p = tool.run("check", port=dovecot.free_port())
    t.eq(p.returncode, 1, "no server: connection fails")
    t.check(b"cannot connect" in p.stderr, f"connection error is explained ({p.stderr!r})")
    p = tool.run("list", "Nonexistent")
    t.check(p.returncode == 1 and b"SELECT" in p.stderr, "selecting a missing mailbox fails")


def main():
    if not dovecot.available():
        skip("dovecot not installed or not root")
    t = Tally("imap_client")
    work = tempdir()
    try:
        path = dovecot.imaptool(work)
        if not path:
            skip("no C compiler to build imaptool")
        d = dovecot.Dovecot(work, users={"bo": PASSWORD})
        d.start()
        tool = Tool(path, d)
        try:
            uids = test_list_fetch(t, tool, d, work)
            test_move(t, tool, d, uids)
            test_idle(t, tool, d)
            test_idle_stop_flag(t, tool, d)
            test_utf8_folder(t, tool, d)
            test_login(t, tool, d)
            test_idle_stop_on_restart(t, tool, d)
        finally:
            d.stop()
        test_copy_expunge(t, tool, os.path.join(work, "nomove"))
    except dovecot.DovecotError as e:
        t.check(False, f"dovecot: {e}")
    finally:
        rmtree(work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
