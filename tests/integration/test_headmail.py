"""Department heads act from their mailbox (issue 16, items 1-4), over a
real SMTP server on loopback (aiosmtpd) for everything bureau sends and the
MTA path (`bureau ingest`) for what comes back.

1. the routed mail carries a Reply-To with a token bound to the entry and
   the department; only its hash is stored; the citizen never sees it;
   re-routing voids it."""
import os
import re
import sys
import time
from email.utils import formatdate

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, bureau, clean_up, db_rows, skip, tempdir, write_config  # noqa: E402
import smtpd  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
except ImportError as e:
    skip(f"missing package: {e}")
if not os.access(BIN, os.X_OK):
    skip(f"{BIN} not built")

RULES = smtpd.RULES + """
department urbanisme
  name_fr: Urbanisme
  name_ar: التعمير
  heads: chef.urba@commune.test
"""
CHEF, ADJ, URBA = "chef.hygiene@commune.test", "adjoint.hygiene@commune.test", "chef.urba@commune.test"

t = Tally("headmail")
work = tempdir()
year = time.localtime().tm_year
s = smtpd.Smtpd(work)
db = os.path.join(work, "bureau.db")
rules = os.path.join(work, "rules")
os.makedirs(rules)
with open(os.path.join(rules, "test.rules"), "w", encoding="utf-8") as f:
    f.write(RULES)


def config(pattern):
    extra = f"[bureau]\nhead_reply_address = {pattern}\n" if pattern else ""
    return write_config(os.path.join(work, "bureau.conf"), db, rules=rules,
                        smtp={"url": s.url(), "tls": "none", "from": "bo@commune.test",
                              "from_name": "Bureau d'ordre"}, extra=extra)


conf = config("bo+{number}-{token}@commune.test")
seen = [0]


def run(*args, **kw):
    return bureau(conf, *args, timeout=300, **kw)


def ingest(raw, what="ingest"):
    p = run("ingest", input=raw)
    t.eq(p.returncode, 0, f"{what}: {p.stdout} {p.stderr}")
    return p


def sent():
    """Send the outbox; the mails that arrived since the last call (parsed)."""
    p = run("outbox", "send")
    t.eq(p.returncode, 0, f"outbox send: {p.stdout} {p.stderr}")
    msgs = s.messages()
    new = msgs[seen[0]:]
    seen[0] = len(msgs)
    return [(rcpts, smtpd.parse(raw)) for _, rcpts, raw in new]


def to(mails, addr):
    return [m for rcpts, m in mails if addr in rcpts]


def show(number):
    return run("show", number, json_out=True).json or {}


try:
    s.start()
    t.eq(run("init").returncode, 0, "init")
    ingest(smtpd.citizen_message(msgid="<c1@citizen.test>"), "citizen 1")
    number = f"{year}/000001"
    mails = sent()
    routed = to(mails, CHEF)
    ack = to(mails, "fatima@citizen.test")
    t.eq(len(routed), 1, "one routed mail to the head")
    t.eq(len(ack), 1, "one acknowledgement")
    rt = routed[0]["Reply-To"] if routed else ""
    m = re.fullmatch(rf"<?bo\+{year}-000001-([0-9a-f]{{32}})@commune\.test>?", str(rt))
    t.check(m, f"Reply-To is the item's reply address: {rt!r}")
    token = m.group(1) if m else "x" * 32
    adj = to(mails, ADJ)
    t.check(adj and token in str(adj[0]["Reply-To"]), "both heads of the department get it")
    refs = str(routed[0]["References"]) if routed else ""
    t.check(f"hm.{year}-000001.{token}@commune.test" in refs, f"token in References: {refs}")
    text = smtpd.parts_text(routed[0], "plain") if routed else ""
    t.check(f"bo+{year}-000001-{token}@commune.test" in text and "Statut : traité" in text
            and "الحالة: تمت المعالجة" in text and "Réaffecter" in text and "Réponse :" in text,
            "the routed mail names the reply address and shows the commands")
    ackraw = b"".join(raw for _, r, raw in s.messages() if "fatima@citizen.test" in r)
    t.check(token.encode() not in ackraw and b"\nReply-To:" not in ackraw,
            "the citizen's acknowledgement carries neither the token nor a Reply-To")
    rows = db_rows(db, "SELECT department, token_hash, voided_at FROM head_tokens")
    t.eq(len(rows), 1, "one token stored")
    t.check(rows and rows[0][0] == "hygiene-environnement" and rows[0][2] is None
            and len(rows[0][1]) == 64 and token not in rows[0][1], f"stored hashed: {rows}")
    t.check(token.encode() not in db_rows(db, "SELECT group_concat(token_hash) FROM head_tokens")[0][0].encode(),
            "the token itself is not in head_tokens")

    # re-routing voids it: assign to urbanisme, a new token for that department
    p = run("assign", number, "urbanisme", actor="amina")
    t.eq(p.returncode, 0, f"assign: {p.stderr}")
    mails = sent()
    ur = to(mails, URBA)
    t.eq(len(ur), 1, "the new department gets the routed mail")
    rt2 = str(ur[0]["Reply-To"]) if ur else ""
    t.check(rt2 and token not in rt2 and f"bo+{year}-000001-" in rt2, f"with a new token: {rt2}")
    rows = db_rows(db, "SELECT department, voided_at IS NOT NULL, voided_why FROM head_tokens ORDER BY id")
    t.eq([(r[0], r[1]) for r in rows], [("hygiene-environnement", 1), ("urbanisme", 0)],
         "the first token is void, the new one valid")
    t.check(rows and "amina" in (rows[0][2] or ""), f"voided with the reason: {rows}")

    # without plus-addressing: the token travels in the subject and References
    conf = config(None)
    ingest(smtpd.citizen_message(msgid="<c2@citizen.test>", subject="شكاية ثانية: الأزبال"), "citizen 2")
    mails = sent()
    r2 = to(mails, CHEF)
    t.eq(len(r2), 1, "routed without a pattern")
    subj = str(r2[0]["Subject"]) if r2 else ""
    m2 = re.search(r"\[#([0-9a-f]{32})\]", subj)
    t.check(m2 and r2[0]["Reply-To"] is None, f"token in the subject, no Reply-To: {subj}")
    t.check(m2 and f".{m2.group(1)}@commune.test" in str(r2[0]["References"]), "and in References")
    conf = config("bo+{number}-{token}@commune.test")
finally:
    s.stop()
    clean_up(t, work)
sys.exit(t.finish())
