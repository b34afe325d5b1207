"""A hostile IMAP server on 127.0.0.1, for tests: enough IMAP4rev1 for a
login, a SELECT and a listing, then it misbehaves in the answer to the
download (UID FETCH ... BODY.PEEK[]) as `mode` says:

  flood       announces a literal of FLOOD bytes and streams it for as long
              as the client reads (a server that would exhaust its memory)
  flood_list  the same in the answer to the listing
  lie         lists every message at 300 bytes but sends a literal of
              LIE bytes for message 1
  garbage     answers the download with bytes that are not IMAP
  exists_in_move
              a new message arrives during the first MOVE, and the server
              announces it there ("* 4 EXISTS") and nowhere else: not in
              IDLE, which it answers with "+ idling" and then silence
  honest      behaves (a control)

Slow modes (a server that holds the client without end, issue 12 item 3):

  slow_greeting  sends its greeting (GREETING_PAD bytes long) at one byte
                 a second
  slow_login     answers LOGIN at one byte a second
  silent         accepts the connection and never says anything
  backlog        never accepts: its listen queue is filled at start, so a
                 connect to it hangs (SYNs dropped) instead of being refused

`connections` counts the connections accepted.

Messages: `messages` (list of bytes), UIDs 1..n. The server records what
it was asked in `commands` and the bytes it sent in `sent`."""
import re
import socket
import threading
import time

FLOOD = 1 << 40
LIE = 40 << 20
GREETING_PAD = 400


def uid_set(spec, last):
    """The UIDs of an IMAP set such as 1:3,7,9:* (at most last)."""
    out = []
    for part in spec.split(b","):
        lo, _, hi = part.partition(b":")
        lo = last if lo == b"*" else int(lo)
        hi = lo if not hi else (last if hi == b"*" else int(hi))
        out += range(min(lo, hi), max(lo, hi) + 1)
    return out


class HostileImap:
    def __init__(self, mode, messages):
        self.mode = mode
        self.messages = messages
        self.commands = []
        self.sent = 0
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.stopping = False
        self.arrived = False
        self.connections = 0
        self.fillers = []
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def start(self):
        if self.mode == "backlog":
            self._fill_backlog()
        else:
            self.thread.start()
        return self

    def _fill_backlog(self):
        """Listen queue of 0 (1 on Linux) filled by connections never accepted."""
        self.sock.listen(0)
        for _ in range(4):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            try:
                s.connect(("127.0.0.1", self.port))
            except BlockingIOError:
                pass
            self.fillers.append(s)

    def stop(self):
        self.stopping = True
        for s in self.fillers + [self.sock]:
            try:
                s.close()
            except OSError:
                pass

    def _trickle(self, conn, data):
        """One byte a second, for as long as the client listens."""
        for i in range(len(data)):
            if self.stopping:
                return
            self._send(conn, data[i:i + 1])
            time.sleep(1)

    def _silent(self, conn):
        """Reads and drops whatever comes; says nothing until the client leaves."""
        conn.settimeout(0.5)
        while not self.stopping:
            try:
                if not conn.recv(4096):
                    return
            except socket.timeout:
                continue

    def _accept(self):
        while not self.stopping:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _send(self, conn, data):
        conn.sendall(data)
        self.sent += len(data)

    def _flood(self, conn, head):
        self._send(conn, head + b" {%d}\r\n" % FLOOD)
        chunk = b"x" * (1 << 20)
        while not self.stopping:
            self._send(conn, chunk)

    def _listing(self, conn, tag):
        if self.mode == "flood_list":
            self._flood(conn, b"* 1 FETCH (UID 1 BODY[]")
        for i, m in enumerate(self.messages, 1):
            size = 300 if self.mode == "lie" else len(m)
            self._send(conn, b"* %d FETCH (UID %d RFC822.SIZE %d)\r\n" % (i, i, size))
        self._send(conn, tag + b" OK done\r\n")

    def _download(self, conn, tag, uids):
        if self.mode == "flood":
            self._flood(conn, b"* 1 FETCH (UID 1 BODY[]")
        if self.mode == "garbage":
            self._send(conn, b"\x00\xff garbage ((( {12\r\n" * 100)
            conn.close()
            return
        for u in uids:
            body = self.messages[u - 1]
            if self.mode == "lie" and u == 1:
                body = body + b"X" * (LIE - len(body))
            self._send(conn, b"* %d FETCH (UID %d BODY[] {%d}\r\n" % (u, u, len(body)) +
                       body + b")\r\n")
        self._send(conn, tag + b" OK done\r\n")

    def _serve(self, conn):
        try:
            greeting = b"* OK [CAPABILITY IMAP4rev1 LITERAL+ MOVE IDLE] hostile ready\r\n"
            if self.mode == "silent":
                return self._silent(conn)
            if self.mode == "slow_greeting":
                return self._trickle(conn, greeting[:-2] + b" " * GREETING_PAD + b"\r\n")
            self._send(conn, greeting)
            f = conn.makefile("rb")
            while not self.stopping:
                line = f.readline(65536)
                if not line:
                    return
                m = re.match(rb"(\S+) (.*?)\r?\n$", line)
                if not m:
                    return
                tag, cmd = m.group(1), m.group(2)
                self.commands.append(cmd.decode("ascii", "replace"))
                up = cmd.upper()
                if up.startswith(b"CAPABILITY"):
                    self._send(conn, b"* CAPABILITY IMAP4rev1 LITERAL+ MOVE IDLE\r\n" + tag + b" OK done\r\n")
                elif up.startswith(b"LOGIN") and self.mode == "slow_login":
                    self._trickle(conn, tag + b" OK logged in" + b" " * GREETING_PAD + b"\r\n")
                elif up.startswith(b"LOGIN"):
                    self._send(conn, tag + b" OK logged in\r\n")
                elif up.startswith(b"SELECT"):
                    self._send(conn, b"* %d EXISTS\r\n* OK [UIDVALIDITY 7] x\r\n"
                               b"* OK [UIDNEXT %d] x\r\n" % (len(self.messages),
                                                             len(self.messages) + 1) +
                               tag + b" OK [READ-WRITE] selected\r\n")
                elif up.startswith(b"UID FETCH") and b"RFC822.SIZE" in up:
                    self._listing(conn, tag)
                elif up.startswith(b"UID FETCH"):
                    uids = uid_set(cmd.split(b" ")[2], len(self.messages))
                    self._download(conn, tag, [u for u in uids if 1 <= u <= len(self.messages)])
                elif up.startswith(b"UID MOVE") and self.mode == "exists_in_move" \
                        and not self.arrived:
                    self.arrived = True
                    n = len(self.messages) + 1
                    self.messages.append(self.messages[0].replace(b"<hostile-1@", b"<hostile-%d@" % n))
                    self._send(conn, b"* %d EXISTS\r\n" % n + tag + b" OK done\r\n")
                elif up.startswith(b"UID MOVE") or up.startswith(b"CREATE"):
                    self._send(conn, tag + b" OK done\r\n")
                elif up.startswith(b"IDLE"):
                    self._send(conn, b"+ idling\r\n")
                    if f.readline(65536).strip().upper() != b"DONE":
                        return
                    self._send(conn, tag + b" OK idle done\r\n")
                elif up.startswith(b"LOGOUT"):
                    self._send(conn, b"* BYE\r\n" + tag + b" OK done\r\n")
                    return
                else:
                    self._send(conn, tag + b" NO not here\r\n")
        except OSError:
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass
