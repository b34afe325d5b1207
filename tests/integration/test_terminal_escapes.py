"""No escape sequence from a stranger's mail reaches the clerk's terminal
(issue 12, item 4).

A message carries OSC 0 (window title), OSC 52 (clipboard write), CSI clear
screen, backspaces, BEL, DEL and C1 controls (U+009B is CSI on many
terminals) in its subject (raw and RFC 2047-encoded), sender name, body and
attachment name; a second one, too large, is quarantined. Every command
that prints mail-derived text (show, list, search, due, overdue, rules
explain, outbox list/show, quarantine list/show, parse, attachments) must
print no control character but newline and tab, on stdout and on stderr;
the escapes must be visible (as \\x1b, \\u009b). `quarantine show` and
`outbox show` into a pipe or file give the exact bytes; on a terminal (a
pty) they are cleaned too.
"""
import os
import pty
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, bureau, clean_up, tempdir, write_config  # noqa: E402
import smtpd  # noqa: E402

OSC_TITLE = b"\x1b]0;PWNED\x07"
OSC_CLIP = b"\x1b]52;c;ZWNobyBwd25lZA==\x07"
CLEAR = b"\x1b[2J\x1b[H"
C1_CSI = "\u009b31m".encode()
HOSTILE = OSC_TITLE + OSC_CLIP + CLEAR + b"\x08\x08\x08 \x7f" + C1_CSI + "\u0085".encode()


def bad_controls(data):
    """The control characters (other than LF and TAB) in data."""
    text = data.decode("utf-8", "surrogateescape")
    return sorted({hex(ord(ch)) for ch in text
                   if (ord(ch) < 0x20 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F})


def message(subject_extra, size=0):
    att = "07-evil\x1b[2J\u202etxt.exe".encode()
    lines = [
        b"From: =?utf-8?q?Ali=1B]0;x=07?= <ali@citizen.test>",
        b"To: bo@commune.test",
        b"Subject: " + "شكاية ".encode() + subject_extra + b" =?utf-8?q?enc=1B[2J=07?=",
        b"Message-ID: <esc-%d@test>" % size,
        b"Date: Mon, 2 Mar 2026 10:00:00 +0000",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="b"',
        b"",
        b"--b",
        b"Content-Type: text/plain; charset=utf-8",
        b"Content-Transfer-Encoding: 8bit",
        b"",
        "الأزبال ".encode() + HOSTILE + b" end of body" + b"x" * size,
        b"--b",
        b"Content-Type: application/octet-stream",
        b"Content-Disposition: attachment; filename*=utf-8''" +
        b"".join(b"%%%02X" % c for c in att),
        b"Content-Transfer-Encoding: base64",
        b"",
        b"aGVsbG8=",
        b"--b--",
        b"",
    ]
    return b"\r\n".join(lines)


def on_pty(args):
    """stdout of bureau run on a terminal."""
    master, slave = pty.openpty()
    p = subprocess.Popen([BIN] + args, stdout=slave, stderr=subprocess.DEVNULL,
                         stdin=subprocess.DEVNULL)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    p.wait(timeout=60)
    os.close(master)
    return out


def raw_run(args):
    return subprocess.run([BIN] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)


def main():
    t = Tally("terminal_escapes")
    work = tempdir()
    db = os.path.join(work, "bureau.db")
    conf = write_config(os.path.join(work, "bureau.conf"), db,
                        rules=smtpd.write_rules(os.path.join(work, "rules")),
                        smtp={"url": "smtp://127.0.0.1:9", "tls": "none", "from": "bo@commune.test"},
                        extra="[limits]\nmax_message_size = 64k\n")
    t.eq(bureau(conf, "init").returncode, 0, "init")
    small = os.path.join(work, "small.eml")
    big = os.path.join(work, "big.eml")
    with open(small, "wb") as f:
        f.write(message(HOSTILE))
    big_bytes = message(HOSTILE, size=70000)
    with open(big, "wb") as f:
        f.write(big_bytes)
    p = raw_run(["-c", conf, "ingest", small, big])
    t.eq(p.returncode, 0, f"ingest: {p.stderr!r}")
    t.check(b"quarantined" in p.stdout, f"the large one is quarantined: {p.stdout!r}")
    attdir = os.path.join(work, "att")
    os.mkdir(attdir)
    commands = [
        ["show", "1"], ["list"], ["search", "end"], ["search", "الأزبال"], ["due", "--within", "90d"],
        ["overdue"], ["rules", "explain", "1"], ["outbox", "list"], ["quarantine", "list"],
        ["parse", small], ["attachments", "1", attdir], ["outbox", "show", "1"],
        ["quarantine", "show", "1"],
    ]
    for cmd in commands:
        p = raw_run(["-c", conf] + cmd)
        t.check(p.returncode == 0, f"{cmd}: exit {p.returncode} {p.stderr[-300:]!r}")
        if cmd[0] in ("outbox", "quarantine") and cmd[1] == "show":
            continue  # the exact bytes, checked below
        t.eq(bad_controls(p.stdout), [], f"{' '.join(cmd)}: no control character on stdout")
        t.eq(bad_controls(p.stderr), [], f"{' '.join(cmd)}: no control character on stderr")
    p = raw_run(["-c", conf, "show", "1"])
    t.check(b"\\x1b]52;c;" in p.stdout and b"\\x07" in p.stdout and b"\\u009b31m" in p.stdout
            and b"\\x08" in p.stdout and b"\\x7f" in p.stdout,
            f"show makes the escapes visible: {p.stdout[-400:]!r}")
    p = raw_run(["-c", conf, "quarantine", "show", "1"])
    t.check(p.stdout == big_bytes, "quarantine show into a pipe: the original bytes, unchanged")
    tty = on_pty(["-c", conf, "quarantine", "show", "1"])
    t.check(len(tty) > 70000, f"quarantine show on a terminal prints the message ({len(tty)} bytes)")
    t.eq(bad_controls(tty.replace(b"\r\n", b"\n")), [], "quarantine show on a terminal: cleaned")
    tty = on_pty(["-c", conf, "show", "1"])
    t.eq(bad_controls(tty.replace(b"\r\n", b"\n")), [], "show on a terminal: cleaned")
    p = raw_run(["-c", conf, "--json", "show", "1"])
    t.eq(bad_controls(p.stdout), [], "--json show: controls escaped (C1 too)")
    t.check("\x1b]52;c;".encode() in __import__("json").loads(p.stdout)["body"].encode(),
            "--json keeps the exact text")
    clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
