"""`bureau fetch` against a private Dovecot on 127.0.0.1 (docs/DESIGN.md CLI contract):
N varied messages give N entries numbered 1..N in UID order and all move to the
registered folder; a re-run registers nothing; a message committed but not moved
when the process died (BUREAU_TEST_CRASH_AFTER_COMMIT=1: _exit(9) after the commit)
is not registered again; a copy of a registered message put back is a duplicate;
a UIDVALIDITY reset registers nothing twice; an oversized and an unparsable
(MIME nesting past the cap) message are quarantined and moved to the quarantine
folder while the others are still registered, gap-free."""
import email.policy
import hashlib
import os
import sys
from email.header import Header
from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, bureau, db_rows, rmtree, skip, tempdir, write_config  # noqa: E402
import dovecot  # noqa: E402

PASSWORD = "fetch-Pw-5521"
ENV = {"BUREAU_TEST_IMAP_PW": PASSWORD}
MAX_SIZE = 200 * 1024
CRLF = email.policy.compat32.clone(linesep="\r\n")

SAMPLES = [
    ("utf-8", "شكاية بخصوص الإنارة العمومية", "السلام عليكم، أتقدم بشكاية بخصوص انقطاع الإنارة في حي النهضة."),
    ("windows-1256", "طلب الحصول على معلومات", "أطلب الحصول على نسخة من محضر الدورة العادية للمجلس."),
    ("iso-8859-1", "Réclamation : éclairage public défaillant", "Madame, Monsieur, je signale une panne d'éclairage près de l'école."),
    ("utf-8", "Demande d'accès à l'information – budget 2026", "Je souhaite obtenir le budget prévisionnel, conformément à la loi 31-13."),
    ("iso-8859-6", "عريضة من سكان الحي", "نحن سكان الحي نطالب بتهيئة الطريق."),
    ("us-ascii", "salam, 3andi mochkil f la route", "salam, kayn wa7d l7ofra kbira f zanqa dyalna, 3afakom."),
    ("utf-8", "Suggestion : espaces verts / اقتراح", "Bonjour, je propose un jardin public. شكرا"),
    ("windows-1252", "Plainte – bruit nocturne “urgent”", "Le café fait du bruit après minuit… merci d'intervenir."),
]

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


def make_message(i):
    charset, subject, body = SAMPLES[i % len(SAMPLES)]
    body = f"{body}\n\nRéf. test {i}\n" if charset not in ("us-ascii", "iso-8859-6", "windows-1256") \
        else f"{body}\n\nref {i}\n"
    kind = i % 4
    if kind == 3:
        m = MIMEMultipart("mixed")
        m.attach(MIMEText(body, "plain", charset))
        att = EmailMessage()
        att.set_content(b"%PDF-1.4\n% test " + str(i).encode() + b"\n", maintype="application",
                        subtype="pdf", filename="وثيقة.pdf")
        m.attach(att)
    elif kind == 2:
        html = "<html><body><p>" + body.replace("\n", "<br>") + "</p></body></html>"
        m = MIMEText(html, "html", charset)
    else:
        m = MIMEText(body, "plain", charset)
    m["Subject"] = Header(subject + f" #{i}", charset if charset != "us-ascii" else "us-ascii")
    m["From"] = Header(f"مواطن {i}" if i % 2 else f"Citoyen {i}", "utf-8").encode() + \
        f" <c{i}@example.test>"
    m["To"] = "bo@commune.test"
    m["Date"] = "Sun, 22 Nov 2026 10:%02d:00 +0100" % (i % 60)
    m["Message-ID"] = f"<fetch-{i}@example.test>"
    return m.as_bytes(policy=CRLF)


def nested(depth):
    parts = ["From: x@example.test\r\nTo: bo@commune.test\r\nSubject: deep\r\n"
             "Message-ID: <deep@example.test>\r\nMIME-Version: 1.0\r\n"]
    tail = []
    for k in range(depth):
        parts.append(f'Content-Type: multipart/mixed; boundary="b{k}"\r\n\r\n--b{k}\r\n')
        tail.insert(0, f"\r\n--b{k}--\r\n")
    parts.append("Content-Type: text/plain\r\n\r\ndeep\r\n")
    return ("".join(parts) + "".join(tail)).encode()


def oversized():
    body = ("x" * 76 + "\r\n") * (MAX_SIZE // 78 + 200)
    return ("From: big@example.test\r\nTo: bo@commune.test\r\nSubject: big\r\n"
            "Message-ID: <big@example.test>\r\n\r\n" + body).encode()


class Env:
    def __init__(self, work, d):
        self.d = d
        self.db = os.path.join(work, "bureau.db")
        self.conf = os.path.join(work, "bureau.conf")
        write_config(self.conf, self.db, rules=rules_dir(work), accounts=[{
            "name": "general", "host": "127.0.0.1", "port": d.port, "tls": "none",
            "user": "bo", "password_env": "BUREAU_TEST_IMAP_PW", "mailbox": "INBOX",
            "registered_folder": "Registered", "quarantine_folder": "Quarantine", "batch": 7}],
            extra=f"[limits]\nmax_message_size = {MAX_SIZE}\nmax_mime_depth = 16\n")

    def fetch(self, env=None):
        e = dict(ENV)
        e.update(env or {})
        return bureau(self.conf, "fetch", env=e, timeout=300)

    def entries(self):
        return db_rows(self.db, "SELECT seq, number, message_id, raw_id FROM entries ORDER BY seq")

    def n_entries(self):
        return db_rows(self.db, "SELECT count(*) FROM entries")[0][0]

    def quarantined(self):
        return db_rows(self.db, "SELECT id, reason FROM quarantine ORDER BY id")


def mid(s):
    return (s or "").strip().strip("<>")


def gap_free(t, env, what):
    seqs = [r[0] for r in env.entries()]
    t.eq(seqs, list(range(1, len(seqs) + 1)), f"{what}: numbers are gap-free 1..{len(seqs)}")


def first_run(t, env, d, n):
    raws = [make_message(i) for i in range(1, n + 1)]
    uids = d.append_many("bo", raws)
    p = env.fetch()
    t.eq(p.returncode, 0, f"first fetch exits 0 ({p.stderr[-500:]!r})")
    rows = env.entries()
    t.eq(len(rows), n, f"{n} messages give {n} entries")
    t.eq([r[0] for r in rows], list(range(1, n + 1)), "entries numbered 1..N")
    t.eq([mid(r[2]) for r in rows], [f"fetch-{i}@example.test" for i in range(1, n + 1)],
         "numbers follow UID order")
    year = db_rows(env.db, "SELECT DISTINCT year FROM entries")
    t.check(len(year) == 1 and all(r[1] == f"{year[0][0]}/{r[0]:06d}" for r in rows),
            f"default number format YEAR/000001: {[r[1] for r in rows[:2]]}")
    t.eq(d.count("bo", "INBOX"), 0, "INBOX is empty after the fetch")
    t.eq(d.count("bo", "Registered"), n, "every message moved to Registered")
    shas = {r[0] for r in db_rows(env.db, "SELECT sha256 FROM raw_messages")}
    t.check(all(hashlib.sha256(r).hexdigest() in shas for r in raws),
            "raw messages stored byte for byte (SHA-256 of what was appended)")
    moved = d.messages("bo", "Registered")
    t.check(all("\\Seen" not in f for _, _, f in moved), "fetched with PEEK: no \\Seen set")
    seen = db_rows(env.db, "SELECT count(*) FROM imap_seen WHERE account='general'")[0][0]
    t.eq(seen, n, "every UID recorded in imap_seen")
    p = env.fetch()
    t.eq(p.returncode, 0, "second fetch exits 0")
    t.eq(env.n_entries(), n, "a second run registers nothing")
    t.check("registered " not in p.stdout, f"second run prints no registration: {p.stdout!r}")
    return uids


def crash_after_commit(t, env, d, n):
    d.append_many("bo", [make_message(i) for i in (n + 1, n + 2)])
    p = env.fetch(env={"BUREAU_TEST_CRASH_AFTER_COMMIT": "1"})
    t.eq(p.returncode, 9, f"crash hook kills fetch after the commit (exit {p.returncode})")
    t.eq(env.n_entries(), n + 2, "both messages committed before the crash")
    t.eq(d.count("bo", "INBOX"), 2, "and not moved")
    p = env.fetch()
    t.eq(p.returncode, 0, f"fetch after the crash exits 0 ({p.stderr[-300:]!r})")
    t.eq(env.n_entries(), n + 2, "committed-but-unmoved messages are not registered again")
    t.eq(d.count("bo", "INBOX"), 0, "and are moved now")
    t.eq(d.count("bo", "Registered"), n + 2, "into Registered")
    return n + 2


def failed_commit(t, env, d, n):
    """A commit that fails (BUREAU_TEST_FAIL_COMMIT=2: the second batch's)
    leaves its messages unregistered and unmoved, and nothing of it is
    shown: only the first batch's lines are printed. The next run registers
    the rest, each once, the numbers going on without a gap."""
    d.append_many("bo", [make_message(i) for i in range(n + 1, n + 21)])  # batches of 7
    p = env.fetch(env={"BUREAU_TEST_FAIL_COMMIT": "2"})
    t.eq(p.returncode, 75, f"a failed commit exits 75, to be retried ({p.stderr[-300:]!r})")
    shown = [line for line in p.stdout.splitlines() if line.startswith("registered ")]
    t.eq(len(shown), 7, f"only the committed batch is shown as registered: {shown}")
    t.eq(env.n_entries(), n + 7, "only the first batch is registered")
    numbers = {r[1] for r in env.entries()}
    t.check(all(line.split()[1] in numbers for line in shown),
            f"every number shown is in the register: {shown}")
    t.eq(d.count("bo", "INBOX"), 13, "the other 13 stay in INBOX")
    p = env.fetch()
    t.eq(p.returncode, 0, f"the next run exits 0 ({p.stderr[-300:]!r})")
    t.eq(env.n_entries(), n + 20, "and registers the 13 others")
    t.eq(len({r[2] for r in env.entries()}), n + 20, "each message once")
    t.eq(d.count("bo", "INBOX"), 0, "INBOX is empty")
    gap_free(t, env, "after a failed commit")
    return n + 20


def copy_back(t, env, d, n):
    uid = d.uids("bo", "Registered")[0]
    d.copy("bo", uid, "Registered", "INBOX")
    p = env.fetch()
    t.eq(p.returncode, 0, "fetch of a copied-back message exits 0")
    t.eq(env.n_entries(), n, "the same bytes under a new UID are not registered twice")
    t.check("duplicate" in p.stdout, f"reported as duplicate: {p.stdout!r}")
    t.eq(d.count("bo", "INBOX"), 0, "the duplicate does not stay in INBOX")


def uidvalidity_reset(t, env, d, n):
    d.append_many("bo", [make_message(i) for i in (n + 1, n + 2, n + 3)])
    p = env.fetch(env={"BUREAU_TEST_CRASH_AFTER_COMMIT": "1"})
    t.eq(env.n_entries(), n + 3, "three committed, left in INBOX by the crash")
    old = d.uidvalidity("bo")
    new = d.reset_uidvalidity("bo")
    t.check(new != old, f"UIDVALIDITY changed {old} -> {new}")
    d.append("bo", make_message(n + 4))
    p = env.fetch()
    t.eq(p.returncode, 0, f"fetch after the UIDVALIDITY reset exits 0 ({p.stderr[-300:]!r})")
    rows = env.entries()
    t.eq(len(rows), n + 4, "after the reset only the new message is registered")
    t.eq(mid(rows[-1][2]), f"fetch-{n + 4}@example.test", "the new one gets the next number")
    t.eq(d.count("bo", "INBOX"), 0, "INBOX empty after the reset fetch")
    p = env.fetch()
    t.eq(env.n_entries(), n + 4, "and a further run adds nothing")
    return n + 4


def quarantine(t, env, d, n):
    raws = [make_message(n + 1), oversized(), make_message(n + 2), nested(60),
            make_message(n + 3)]
    d.append_many("bo", raws)
    p = env.fetch()
    t.eq(p.returncode, 0, f"fetch with bad messages exits 0 ({p.stderr[-300:]!r})")
    q = env.quarantined()
    t.eq(len(q), 2, f"oversized and unparsable messages quarantined: {q}")
    t.check(any("size" in (r or "").lower() for _, r in q), f"a reason names the size: {q}")
    t.eq(env.n_entries(), n + 3, "the three good messages are registered")
    rows = env.entries()
    t.eq([mid(r[2]) for r in rows[-3:]], [f"fetch-{n + i}@example.test" for i in (1, 2, 3)],
         "the messages after the bad ones are registered, in order")
    t.eq(d.count("bo", "Quarantine"), 2, "both bad messages moved to Quarantine")
    t.eq(d.count("bo", "INBOX"), 0, "INBOX is empty")
    p = bureau(env.conf, "quarantine", "list", json_out=True, env=ENV)
    t.check(p.returncode == 0 and isinstance(p.json, list) and len(p.json) == 2,
            f"`bureau --json quarantine list` shows both ({p.stdout[:200]!r})")
    p = env.fetch()
    t.eq(len(env.quarantined()), 2, "a re-run quarantines nothing twice")
    gap_free(t, env, "after quarantine")


def start_failures(t, env, d, n, work):
    """The login runs beside the start-up (fetch_login_start): its failures
    still give their exit codes, a broken start-up abandons a login that
    succeeded, and none of them registers or moves anything."""
    d.append_many("bo", [make_message(n + 4)])
    p = env.fetch(env={"BUREAU_TEST_IMAP_PW": "wrong-Pw"})
    t.eq(p.returncode, 1, f"a refused login exits 1 ({p.stderr[-300:]!r})")
    t.check("login refused" in p.stderr, f"... and says so ({p.stderr[-300:]!r})")
    broken = os.path.join(work, "broken.conf")
    with open(env.conf, encoding="utf-8") as f:
        conf = f.read()
    rules = os.path.join(work, "broken-rules")
    os.makedirs(rules, exist_ok=True)
    with open(os.path.join(rules, "x.rules"), "w", encoding="utf-8") as f:
        f.write("rule r\n  pattern: (unclosed\n")
    with open(broken, "w", encoding="utf-8") as f:
        f.write(conf.replace(f"rules = {rules_dir(work)}", f"rules = {rules}"))
    # with the last good rules kept, fetch would run on them (test_rules_last_good);
    # without any, the start-up fails
    good = env.db + ".last-good-rules"
    kept = open(good, "rb").read() if os.path.exists(good) else None
    if kept is not None:
        os.unlink(good)
    p = bureau(broken, "fetch", env=ENV, timeout=60)
    t.eq(p.returncode, 78, f"rules that do not check, with no last good rules kept, exit 78 "
         f"while the login succeeds ({p.stderr[-300:]!r})")
    if kept is not None:
        with open(good, "wb") as f:
            f.write(kept)
    t.eq(env.n_entries(), n + 3, "nothing registered by the failed runs")
    t.eq(d.count("bo", "INBOX"), 1, "nothing moved by the failed runs")
    p = env.fetch()
    t.eq(p.returncode, 0, f"then a good run exits 0 ({p.stderr[-300:]!r})")
    t.eq(env.n_entries(), n + 4, "... and registers the message")
    gap_free(t, env, "after the failed starts")


def cli_list(t, env, n):
    p = bureau(env.conf, "list", json_out=True, env=ENV)
    ok = p.returncode == 0 and isinstance(p.json, list)
    t.check(ok, f"`bureau --json list` works ({p.stderr[-200:]!r})")
    if ok:
        t.eq(sorted(e.get("seq") for e in p.json), list(range(1, n + 1)),
             "`bureau --json list` shows every entry")


def main():
    if not dovecot.available():
        skip("dovecot not installed or not root")
    if not os.access(BIN, os.X_OK):
        skip(f"{BIN} not built")
    t = Tally("fetch")
    work = tempdir()
    d = dovecot.Dovecot(work, users={"bo": PASSWORD})
    try:
        d.start()
        env = Env(work, d)
        p = bureau(env.conf, "init", env=ENV)
        t.eq(p.returncode, 0, f"bureau init ({p.stderr[-300:]!r})")
        n = 25
        first_run(t, env, d, n)
        n = crash_after_commit(t, env, d, n)
        n = failed_commit(t, env, d, n)
        copy_back(t, env, d, n)
        n = uidvalidity_reset(t, env, d, n)
        gap_free(t, env, "after the UIDVALIDITY reset")
        cli_list(t, env, n)
        quarantine(t, env, d, n)
        start_failures(t, env, d, n, work)
    except dovecot.DovecotError as e:
        t.check(False, f"dovecot: {e}")
    finally:
        d.stop()
        rmtree(work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
