"""A private SMTP server for the tests: Debian's aiosmtpd in a subprocess on
127.0.0.1, writing every accepted message (envelope + bytes) into a
directory. Optional STARTTLS with a throwaway certificate, AUTH PLAIN/LOGIN
with given credentials, scripted answers, and a delay (seconds) before each
DATA answer (a slow server). `cert` = (cert, key) paths replaces the
throwaway certificate (e.g. an expired one from a test CA).

    s = Smtpd(tmpdir, starttls=True, auth=("bo@commune.test", "secret"),
              script=[{"cmd": "RCPT", "reply": "451 4.3.0 try later", "times": 2},
                      {"cmd": "RCPT", "match": "bad@", "reply": "550 5.1.1 no such user"}])
    s.start(); ...; s.messages() -> [(mail_from, [rcpt, ...], bytes), ...]; s.stop()

A script rule answers the SMTP command cmd (MAIL, RCPT or DATA) with reply,
when match (a substring of the address; for DATA, of the envelope's
recipients) is absent or found, at most `times` times (default: always).
Run as a script (`python3 smtpd.py serve ...`) it is the server itself.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time

PY = "/usr/bin/python3"
HERE = os.path.abspath(__file__)


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_cert(directory, cn="localhost"):
    """A self-signed certificate for 127.0.0.1/localhost: (cert, key) paths."""
    cert = os.path.join(directory, "smtpd-cert.pem")
    key = os.path.join(directory, "smtpd-key.pem")
    if not os.path.exists(cert):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                        "-keyout", key, "-out", cert, "-days", "2", "-subj", f"/CN={cn}",
                        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


class Smtpd:
    def __init__(self, tmpdir, starttls=False, auth=None, script=None, port=None, delay=0,
                 cert=None):
        self.dir = os.path.join(tmpdir, "smtpd")
        self.maildir = os.path.join(self.dir, "mail")
        os.makedirs(self.maildir, exist_ok=True)
        self.port = port or _free_port()
        self.starttls = starttls
        self.auth = auth
        self.script = script or []
        self.delay = delay
        self.proc = None
        self.cert = None
        if starttls:
            self.cert, self.key = cert or make_cert(self.dir)

    def start(self, timeout=10):
        cfg = {"port": self.port, "maildir": self.maildir, "script": self.script,
               "auth": list(self.auth) if self.auth else None,
               "tls": [self.cert, self.key] if self.starttls else None,
               "delay": self.delay}
        cfg_path = os.path.join(self.dir, "config.json")
        with open(cfg_path, "w") as f:
            json.dump(cfg, f)
        log = open(os.path.join(self.dir, "server.log"), "ab")
        self.proc = subprocess.Popen([PY, HERE, "serve", cfg_path], stdout=log, stderr=log)
        log.close()
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("smtpd exited: see " + os.path.join(self.dir, "server.log"))
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(512).startswith(b"220"):
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("smtpd did not start")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None

    def messages(self):
        out = []
        names = sorted((n for n in os.listdir(self.maildir) if n.endswith(".json")),
                       key=lambda n: int(n.split(".")[0]))
        for n in names:
            with open(os.path.join(self.maildir, n)) as f:
                env = json.load(f)
            with open(os.path.join(self.maildir, n[:-5] + ".eml"), "rb") as f:
                out.append((env["mail_from"], env["rcpt_tos"], f.read()))
        return out

    def envelopes(self):
        """The stored envelope of every message, in order: dicts with mail_from,
        rcpt_tos, tls, auth and peer (the client's [host, port]: one port for
        several messages means one reused connection)."""
        names = sorted((n for n in os.listdir(self.maildir) if n.endswith(".json")),
                       key=lambda n: int(n.split(".")[0]))
        out = []
        for n in names:
            with open(os.path.join(self.maildir, n)) as f:
                out.append(json.load(f))
        return out

    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()



# --- helpers shared by the outgoing-mail tests -----------------------------

RULES = """# rules for the outgoing-mail tests
department direction-services
  name_fr: Direction des services
  name_ar: مديرية المصالح
  heads: ds@commune.test
department hygiene-environnement
  name_fr: Hygiène et environnement
  name_ar: حفظ الصحة والبيئة
  heads: chef.hygiene@commune.test, adjoint.hygiene@commune.test
kind complaint
  name_fr: Réclamation
  name_ar: شكاية
  deadline: 60 days
kind correspondence
  name_fr: Courrier
  name_ar: مراسلة
  deadline: none
rule zbel
  department: hygiene-environnement
  kind: complaint
  fields: subject, body
  weight: 10
  pattern: ازبال|زبل|ordures|شكاية
"""

HEADS = ["chef.hygiene@commune.test", "adjoint.hygiene@commune.test"]


def write_rules(directory):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "test.rules"), "w", encoding="utf-8") as f:
        f.write(RULES)
    return directory


def citizen_message(sender="fatima@citizen.test", name="فاطمة الزهراء",
                    subject="شكاية بخصوص تراكم الأزبال في حي السلام",
                    body="السلام عليكم، الأزبال متراكمة منذ أسبوع.\nMerci d'intervenir.",
                    msgid=None, headers=None, in_reply_to=None):
    """Bytes of a citizen's message (UTF-8, base64), CRLF line ends."""
    from email.message import EmailMessage
    from email.utils import formataddr, formatdate, make_msgid
    import email.policy
    m = EmailMessage(policy=email.policy.SMTP)
    m["From"] = formataddr((name, sender)) if name else sender
    m["To"] = "bo@commune.test"
    m["Subject"] = subject
    m["Date"] = formatdate(localtime=True)
    m["Message-ID"] = msgid or make_msgid(domain="citizen.test")
    if in_reply_to:
        m["In-Reply-To"] = in_reply_to
        m["References"] = in_reply_to
    for k, v in (headers or {}).items():
        m[k] = v
    m.set_content(body, charset="utf-8", cte="base64")
    return m.as_bytes()


def parse(raw):
    """An independent parse of received bytes (Python's email package)."""
    import email
    import email.policy
    return email.message_from_bytes(raw, policy=email.policy.default)


def parts_text(msg, subtype):
    for part in msg.walk():
        if part.get_content_type() == "text/" + subtype and not part.is_attachment():
            return part.get_content()
    return None

# --- the server process -----------------------------------------------------

def _serve(cfg_path):
    import asyncio
    import ssl
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    with open(cfg_path) as f:
        cfg = json.load(f)
    rules = [dict(r, used=0) for r in cfg["script"]]
    maildir = cfg["maildir"]
    counter = [len([n for n in os.listdir(maildir) if n.endswith(".json")])]

    def scripted(cmd, text):
        for r in rules:
            if r["cmd"] != cmd:
                continue
            if r.get("match") and r["match"] not in text:
                continue
            if r.get("times") is not None and r["used"] >= r["times"]:
                continue
            r["used"] += 1
            return r["reply"]
        return None

    class Handler:
        async def handle_MAIL(self, server, session, envelope, address, mail_options):
            reply = scripted("MAIL", address)
            if reply:
                return reply
            envelope.mail_from = address
            envelope.mail_options.extend(mail_options)
            return "250 OK"

        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            reply = scripted("RCPT", address)
            if reply:
                return reply
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            if cfg.get("delay"):
                await asyncio.sleep(cfg["delay"])
            reply = scripted("DATA", " ".join(envelope.rcpt_tos))
            if reply:
                return reply
            counter[0] += 1
            n = counter[0]
            base = os.path.join(maildir, str(n))
            with open(base + ".eml.tmp", "wb") as f:
                f.write(envelope.original_content or envelope.content)
            os.rename(base + ".eml.tmp", base + ".eml")
            with open(base + ".json.tmp", "w") as f:
                json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                           "auth": bool(session.authenticated),
                           "tls": session.ssl is not None,
                           "peer": list(session.peer) if session.peer else None}, f)
            os.rename(base + ".json.tmp", base + ".json")
            return "250 Message accepted"

    kwargs = {}
    if cfg["tls"]:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(cfg["tls"][0], cfg["tls"][1])
        kwargs.update(tls_context=ctx, require_starttls=True)
    if cfg["auth"]:
        user, password = cfg["auth"]

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and
                  auth_data.login.decode() == user and auth_data.password.decode() == password)
            return AuthResult(success=ok)

        kwargs.update(authenticator=authenticator, auth_required=True,
                      auth_require_tls=bool(cfg["tls"]))
    controller = Controller(Handler(), hostname="127.0.0.1", port=cfg["port"],
                            server_hostname="localhost", **kwargs)
    controller.start()
    stop = []
    signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
    signal.signal(signal.SIGINT, lambda *a: stop.append(1))
    while not stop:
        time.sleep(0.1)
    controller.stop()
    del asyncio


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "serve":
        _serve(sys.argv[2])
    else:
        sys.exit("usage: smtpd.py serve CONFIG.json")
