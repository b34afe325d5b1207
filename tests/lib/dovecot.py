"""A private Dovecot on 127.0.0.1 for bureau's integration tests.

    d = Dovecot(tmpdir, tls=False | 'implicit' | 'starttls', users={'bo': 'secret'},
                cert_names=('127.0.0.1', 'localhost'), self_signed=False, extra='',
                expired=False)
    With tls, .ca_file is the throwaway CA (or the self-signed certificate),
    .port the IMAP port (STARTTLS offered), .imaps_port the implicit-TLS port.
    d.start(); d.append('bo', raw_bytes); d.count('bo'); d.stop()
    expired=True: the server's certificate is valid in January 2020 only.

Everything lives under tmpdir (config, base_dir, state, logs, maildirs,
throwaway CA and certificate); nothing in /etc/dovecot is read. The server
is stopped by the PID in base_dir/master.pid. Loopback only.
"""
import glob
import imaplib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import free_port  # noqa: E402

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
START_TIMEOUT = 15.0
STOP_TIMEOUT = 15.0


class DovecotError(RuntimeError):
    pass


def available():
    """True when dovecot and openssl can be run here (as root)."""
    return os.path.exists(DOVECOT) and os.geteuid() == 0


def _run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False,
                          timeout=60, **kw)


EXPIRED = ("20200101000000Z", "20200201000000Z")  # validity of an expired certificate


def _ext_file(path, names):
    with open(path, "w") as f:
        f.write(f"subjectAltName={','.join(_san(n) for n in names)}\nbasicConstraints=CA:FALSE\n"
                "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n")
    return path


def _csr(dirpath, prefix, cn):
    key = os.path.join(dirpath, prefix + ".key")
    csr = os.path.join(dirpath, prefix + ".csr")
    _must([OPENSSL, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
           "-nodes", "-keyout", key, "-out", csr, "-subj", f"/CN={cn}"])
    return key, csr


def _sign_backdated(dirpath, csr, cert, ext, ca=None):
    """`openssl ca` with explicit dates (openssl x509 -days cannot go back):
    signed by ca = (ca_pem, ca_key), or self-signed with the request's key."""
    db = os.path.join(dirpath, "ca-db")
    os.makedirs(db, exist_ok=True)
    open(os.path.join(db, "index.txt"), "a").close()
    conf = os.path.join(db, "ca.cnf")
    with open(conf, "w") as f:
        f.write(f"[ca]\ndefault_ca = t\n[t]\ndatabase = {db}/index.txt\n"
                f"new_certs_dir = {db}\nrand_serial = yes\ndefault_md = sha256\n"
                "policy = p\nunique_subject = no\n[p]\ncommonName = supplied\n")
    cmd = [OPENSSL, "ca", "-batch", "-notext", "-config", conf, "-in", csr, "-out", cert,
           "-startdate", EXPIRED[0], "-enddate", EXPIRED[1], "-extfile", ext]
    if ca:
        cmd += ["-cert", ca[0], "-keyfile", ca[1]]
    else:
        cmd += ["-selfsign", "-keyfile", csr[:-4] + ".key"]
    _must(cmd)


def make_ca(dirpath, names=("127.0.0.1", "localhost"), prefix="server", expired=False):
    """Throwaway CA (ca.pem, ca.key) in dirpath, reused if present, and a
    server certificate PREFIX.pem / PREFIX.key for the given host names or
    IP addresses, signed by it (valid in 2020 only when expired; the CA
    itself is valid). Returns (ca_pem, cert_pem, key_pem)."""
    ca_pem, ca_key = os.path.join(dirpath, "ca.pem"), os.path.join(dirpath, "ca.key")
    if not os.path.exists(ca_pem):
        _must([OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt",
               "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", ca_key, "-out", ca_pem,
               "-days", "3", "-subj", "/CN=bureau throwaway test CA",
               "-addext", "basicConstraints=critical,CA:TRUE",
               "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    key, csr = _csr(dirpath, prefix, names[0])
    cert = os.path.join(dirpath, prefix + ".pem")
    ext = _ext_file(os.path.join(dirpath, prefix + ".ext"), names)
    if expired:
        _sign_backdated(dirpath, csr, cert, ext, ca=(ca_pem, ca_key))
    else:
        _must([OPENSSL, "x509", "-req", "-in", csr, "-CA", ca_pem, "-CAkey", ca_key,
               "-CAcreateserial", "-out", cert, "-days", "2", "-extfile", ext])
    return ca_pem, cert, key


def make_self_signed(dirpath, names=("127.0.0.1", "localhost"), expired=False):
    """A self-signed server certificate (no CA): returns (cert_pem, key_pem);
    the certificate itself is what a client pins as its ca_file. expired:
    valid in 2020 only."""
    if expired:
        key, csr = _csr(dirpath, "self", names[0])
        cert = os.path.join(dirpath, "self.pem")
        _sign_backdated(dirpath, csr, cert, _ext_file(os.path.join(dirpath, "self.ext"), names))
        return cert, key
    key, cert = os.path.join(dirpath, "self.key"), os.path.join(dirpath, "self.pem")
    _must([OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
           "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", f"/CN={names[0]}",
           "-addext", "subjectAltName=" + ",".join(_san(n) for n in names),
           "-addext", "extendedKeyUsage=serverAuth"])
    return cert, key


def _san(name):
    return ("IP:" if re.fullmatch(r"[0-9.]+|[0-9a-fA-F:]+:[0-9a-fA-F:]*", name) else "DNS:") + name


def _must(cmd):
    p = _run(cmd)
    if p.returncode != 0:
        raise DovecotError(f"{' '.join(cmd[:3])}... failed: {p.stderr.decode(errors='replace')}")


class Dovecot:
    def __init__(self, tmpdir, tls=False, users=None, cert_names=("127.0.0.1", "localhost"),
                 fsync=False, extra="", self_signed=False, expired=False):
        if tls not in (False, None, "implicit", "starttls"):
            raise ValueError("tls must be False, 'implicit' or 'starttls'")
        self.dir = os.path.join(tmpdir, "dovecot")
        self.tls = tls or False
        self.users = dict(users or {"bo": "secret"})
        self.cert_names = tuple(cert_names)
        self.fsync = fsync
        self.extra = extra
        self.self_signed = self_signed
        self.expired = expired
        self.port = free_port()
        self.imaps_port = free_port() if self.tls else None
        self.base_dir = os.path.join(self.dir, "run")
        self.state_dir = os.path.join(self.dir, "state")
        self.mail_root = os.path.join(self.dir, "mail")
        self.log_path = os.path.join(self.dir, "dovecot.log")
        self.conf_path = os.path.join(self.dir, "dovecot.conf")
        self.ca_file = None
        self.nobody = pwd.getpwnam("nobody")
        self._setup()

    # ---- files ----
    def _setup(self):
        for d in (self.dir, self.base_dir, self.state_dir, self.mail_root):
            os.makedirs(d, exist_ok=True)
            os.chmod(d, 0o755)
        os.chown(self.mail_root, self.nobody.pw_uid, self.nobody.pw_gid)
        with open(os.path.join(self.dir, "passwd"), "w") as f:
            for u, p in self.users.items():
                f.write(f"{u}:{{PLAIN}}{p}::::::\n")
        if self.tls and self.self_signed:
            self.cert_file, self.key_file = make_self_signed(self.dir, self.cert_names,
                                                             expired=self.expired)
            self.ca_file = self.cert_file
        elif self.tls:
            self.ca_file, self.cert_file, self.key_file = make_ca(self.dir, self.cert_names,
                                                                   expired=self.expired)
        with open(self.conf_path, "w") as f:
            f.write(self._config())

    def _config(self):
        uid, gid = self.nobody.pw_uid, self.nobody.pw_gid
        ssl = "no"
        if self.tls:
            ssl = f"required\nssl_cert = <{self.cert_file}\nssl_key = <{self.key_file}"
        imaps = (f"inet_listener imaps {{\n    address = 127.0.0.1\n    port = {self.imaps_port}\n"
                 "    ssl = yes\n  }") if self.tls else "inet_listener imaps {\n    port = 0\n  }"
        return f"""# generated by tests/lib/dovecot.py
base_dir = {self.base_dir}
state_dir = {self.state_dir}
log_path = {self.log_path}
info_log_path = {self.log_path}
instance_name = bureau-test-{self.port}
protocols = imap
listen = 127.0.0.1
ssl = {ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:{self.mail_root}/%u/Maildir
mail_fsync = {"optimized" if self.fsync else "never"}
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.dir}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={self.mail_root}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  {imaps}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
{self.extra}
"""

    # ---- process ----
    def pid(self):
        try:
            with open(os.path.join(self.base_dir, "master.pid")) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def running(self):
        pid = self.pid()
        if not pid:
            return False
        try:
            os.kill(pid, 0)
            return True
        except ProcessLookupError:
            return False

    def log(self):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def _fail(self, what):
        raise DovecotError(f"{what}\n--- dovecot log ({self.log_path}) ---\n{self.log()[-4000:]}")

    def start(self):
        errpath = os.path.join(self.dir, "start.err")
        with open(errpath, "wb") as err:
            rc = subprocess.call([DOVECOT, "-c", self.conf_path], stdin=subprocess.DEVNULL,
                                 stdout=err, stderr=err, timeout=60)
        if rc != 0:
            with open(errpath, errors="replace") as f:
                self._fail(f"dovecot -c {self.conf_path} failed ({rc}): {f.read()}")
        ports = [self.port] + ([self.imaps_port] if self.tls else [])
        deadline = time.time() + START_TIMEOUT
        for port in ports:
            while not _accepts(port):
                if time.time() > deadline:
                    self._fail(f"dovecot did not accept connections on 127.0.0.1:{port}")
                time.sleep(0.05)
        return self

    def stop(self):
        pid = self.pid()
        if not pid:
            return
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.time() + STOP_TIMEOUT
        while time.time() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
        ports = [self.port] + ([self.imaps_port] if self.tls else [])
        deadline = time.time() + STOP_TIMEOUT
        while any(_accepts(p) for p in ports) and time.time() < deadline:
            time.sleep(0.05)

    def restart(self):
        self.stop()
        return self.start()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # ---- mailbox access (plain IMAP on loopback; STARTTLS with the test CA) ----
    def imap(self, user):
        m = imaplib.IMAP4("127.0.0.1", self.port, timeout=30)
        if self.tls:
            import ssl
            ctx = ssl.create_default_context(cafile=self.ca_file)
            ctx.check_hostname = False
            if self.expired:  # the test's own access: the expiry is what bureau must refuse
                ctx.verify_mode = ssl.CERT_NONE
            m.starttls(ssl_context=ctx)
        m.login(user, self.users[user])
        return m

    def append(self, user, raw, folder="INBOX", flags=None):
        """APPEND raw bytes; returns the new UID (UIDPLUS APPENDUID) or None."""
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        m = self.imap(user)
        try:
            self._create(m, folder)
            typ, data = m.append(_q(folder), flags, None, raw)
            if typ != "OK":
                raise DovecotError(f"APPEND to {folder} failed: {data}")
            mo = re.search(rb"APPENDUID \d+ (\d+)", data[0] or b"")
            return int(mo.group(1)) if mo else None
        finally:
            _logout(m)

    def append_many(self, user, raws, folder="INBOX"):
        """APPEND each message in order on one connection; returns the UIDs."""
        m = self.imap(user)
        uids = []
        try:
            self._create(m, folder)
            for raw in raws:
                if isinstance(raw, str):
                    raw = raw.encode("utf-8")
                typ, data = m.append(_q(folder), None, None, raw)
                if typ != "OK":
                    raise DovecotError(f"APPEND to {folder} failed: {data}")
                mo = re.search(rb"APPENDUID \d+ (\d+)", data[0] or b"")
                uids.append(int(mo.group(1)) if mo else None)
        finally:
            _logout(m)
        return uids

    def maildir(self, user, folder="INBOX"):
        root = os.path.join(self.mail_root, user, "Maildir")
        return root if folder.upper() == "INBOX" else os.path.join(root, "." + folder.replace("/", "."))

    def deliver_files(self, user, raws, folder="INBOX"):
        """Write messages straight into the Maildir new/ (fast, for big
        mailboxes); names sort in list order, so UIDs follow it."""
        d = self.maildir(user, folder)
        for sub in ("new", "cur", "tmp"):
            os.makedirs(os.path.join(d, sub), exist_ok=True)
        t = int(time.time())
        for i, raw in enumerate(raws):
            if isinstance(raw, str):
                raw = raw.encode("utf-8")
            with open(os.path.join(d, "new", f"{t}.M{i:09d}P{os.getpid()}.bureau-test"), "wb") as f:
                f.write(raw)
        _chown_tree(os.path.join(self.mail_root, user), self.nobody)

    def _create(self, m, folder):
        if folder.upper() != "INBOX":
            m.create(_q(folder))

    def status(self, user, folder, items):
        m = self.imap(user)
        try:
            typ, data = m.status(_q(folder), f"({items})")
        finally:
            _logout(m)
        if typ != "OK":
            return None
        return {k.decode(): int(v) for k, v in re.findall(rb"([A-Z]+) (\d+)", data[0])}

    def count(self, user, folder="INBOX"):
        """Messages in folder; 0 when the folder does not exist."""
        st = self.status(user, folder, "MESSAGES")
        return st["MESSAGES"] if st else 0

    def uidvalidity(self, user, folder="INBOX"):
        st = self.status(user, folder, "UIDVALIDITY")
        return st["UIDVALIDITY"] if st else None

    def list_folders(self, user):
        m = self.imap(user)
        try:
            typ, data = m.list()
        finally:
            _logout(m)
        out = []
        for line in data or []:
            mo = re.match(rb'\(.*?\) (?:"[^"]*"|NIL) (.*)$', line or b"")
            if mo:
                out.append(mo.group(1).decode().strip('"'))
        return sorted(out)

    def uids(self, user, folder="INBOX"):
        m = self.imap(user)
        try:
            typ, _ = m.select(_q(folder), readonly=True)
            if typ != "OK":
                return []
            typ, data = m.uid("SEARCH", None, "ALL")
        finally:
            _logout(m)
        return [int(x) for x in (data[0] or b"").split()]

    def messages(self, user, folder="INBOX"):
        """[(uid, raw bytes, flags)] of folder, by UID, without setting \\Seen."""
        m = self.imap(user)
        out = []
        try:
            typ, _ = m.select(_q(folder), readonly=True)
            if typ != "OK":
                return []
            typ, data = m.uid("FETCH", "1:*", "(UID FLAGS BODY.PEEK[])")
            for item in data or []:
                if isinstance(item, tuple):
                    uid = int(re.search(rb"UID (\d+)", item[0]).group(1))
                    flags = re.search(rb"FLAGS \(([^)]*)\)", item[0])
                    out.append((uid, item[1], flags.group(1).decode() if flags else ""))
        finally:
            _logout(m)
        return sorted(out)

    def copy(self, user, uid, src, dst):
        m = self.imap(user)
        try:
            m.select(_q(src))
            typ, data = m.uid("COPY", str(uid), _q(dst))
            if typ != "OK":
                raise DovecotError(f"UID COPY {uid} {src} -> {dst}: {data}")
        finally:
            _logout(m)

    def reset_uidvalidity(self, user, folder="INBOX"):
        """Make the server give folder a new UIDVALIDITY (and new UIDs) while
        keeping its messages: stop, delete Dovecot's UID list and indexes,
        start. Raises if UIDVALIDITY did not change. Returns the new value."""
        old = self.uidvalidity(user, folder)
        d = self.maildir(user, folder)
        root = os.path.join(self.mail_root, user, "Maildir")
        for attempt in range(4):
            self.stop()
            for f in glob.glob(os.path.join(d, "dovecot*")) + glob.glob(
                    os.path.join(root, "dovecot-uidvalidity*")):
                if os.path.isfile(f):
                    os.unlink(f)
            for sub in ("cur",):
                sd = os.path.join(d, sub)
                for name in os.listdir(sd) if os.path.isdir(sd) else []:
                    base = name.split(":2,")[0]
                    os.rename(os.path.join(sd, name), os.path.join(d, "new", base))
            self.start()
            new = self.uidvalidity(user, folder)
            if new != old:
                return new
            time.sleep(1.1)
        raise DovecotError(f"UIDVALIDITY of {folder} stayed {old}")


def _q(folder):
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _logout(m):
    try:
        m.logout()
    except Exception:
        pass


def _accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _chown_tree(top, pw):
    """Give the tree to Dovecot's user. A running Dovecot renames its own
    temporary files (dovecot-uidlist.tmp) between the listing and the chown:
    a file gone by then is none of ours to give."""
    for dirpath, dirnames, filenames in os.walk(top):
        for p in [dirpath] + [os.path.join(dirpath, n) for n in filenames]:
            try:
                os.chown(p, pw.pw_uid, pw.pw_gid)
            except FileNotFoundError:
                pass


def imaptool(workdir):
    """Path of the imaptool driver (tests/tools/imaptool.c): the one in
    $BUREAU_BUILD_DIR/tests/tools when built, else compiled into workdir
    from service/imap.c, util.c and log.c. None when no compiler."""
    src = os.environ.get("BUREAU_SOURCE_DIR",
                         os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
    build = os.environ.get("BUREAU_BUILD_DIR")
    if build and os.access(os.path.join(build, "tests", "tools", "imaptool"), os.X_OK):
        return os.path.join(build, "tests", "tools", "imaptool")
    cc = shutil.which("cc") or shutil.which("gcc")
    if not cc or not shutil.which("pkg-config"):
        return None
    out = os.path.join(workdir, "imaptool")
    flags = _run(["pkg-config", "--cflags", "--libs", "libetpan", "gnutls"]).stdout.decode().split()
    cmd = [cc, "-std=c11", "-D_GNU_SOURCE", "-O2", "-g", "-I", os.path.join(src, "include"), "-o", out,
           os.path.join(src, "tests", "tools", "imaptool.c")] + [
        os.path.join(src, "service", f) for f in ("imap.c", "util.c", "log.c")] + flags
    p = _run(cmd)
    if p.returncode != 0:
        raise DovecotError("building imaptool failed: " + p.stderr.decode(errors="replace"))
    return out
