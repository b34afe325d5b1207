"""Department heads act by replying (issue 16, items 2-4), over real servers
on loopback: the heads' replies are appended to a private Dovecot and
fetched by `bureau fetch` (which acts on them after its pass); everything
bureau sends goes through `bureau outbox send` to a private aiosmtpd.

- each command, in French and in Arabic, moves the entry as asked, under
  the head's name, and the head gets the confirmation;
- refused, the entry unchanged and the sender told why: the right token from
  an address that is not a head of the department; a head with a wrong
  token, or with the token voided by a re-routing; a stranger quoting the
  registry number; a forged From of a head without the token; a command
  in the quoted part (not read: the reply is a note);
- automatic mail reaching the reply address (an out-of-office of the head,
  a bounce) is kept, never acted on, never answered;
- the digest lists each open item with its working days left and its own
  reply address, which works."""
import os
import re
import sys
import time
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
import email.policy

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, bureau, clean_up, db_rows, skip, tempdir, write_config  # noqa: E402
import smtpd  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
    import dovecot  # noqa: E402
except ImportError as e:
    skip(f"missing test helper or package: {e}")
if not dovecot.available():
    skip("dovecot cannot be run here")
if not os.access(BIN, os.X_OK):
    skip(f"{BIN} not built")

RULES = smtpd.RULES + """
department urbanisme
  name_fr: Urbanisme
  name_ar: التعمير
  heads: chef.urba@commune.test
"""
CHEF, ADJ, URBA = "chef.hygiene@commune.test", "adjoint.hygiene@commune.test", "chef.urba@commune.test"
STRANGER = "curieux@elsewhere.test"
PASSWORD = "hm-Pw-2207"
ENV = {"BUREAU_TEST_IMAP_PW": PASSWORD}

t = Tally("headmail_acts")
work = tempdir()
year = time.localtime().tm_year
d = dovecot.Dovecot(work, users={"bo": PASSWORD})
s = smtpd.Smtpd(work)
db = os.path.join(work, "bureau.db")
rules = os.path.join(work, "rules")
os.makedirs(rules)
with open(os.path.join(rules, "test.rules"), "w", encoding="utf-8") as f:
    f.write(RULES)
conf = write_config(
    os.path.join(work, "bureau.conf"), db, rules=rules,
    accounts=[{"name": "general", "host": "127.0.0.1", "port": d.port, "tls": "none",
               "user": "bo", "password_env": "BUREAU_TEST_IMAP_PW", "mailbox": "INBOX",
               "registered_folder": "Registered", "quarantine_folder": "Quarantine"}],
    smtp={"url": s.url(), "tls": "none", "from": "bo@commune.test", "from_name": "Bureau d'ordre"},
    extra="[bureau]\nhead_reply_address = bo+{number}-{token}@commune.test\n"
          "[staff]\nNadia Chef = chef.hygiene@commune.test\n")
seen = [0]
log = []   # the round trip and the refusals, as the mails show them (printed at the end)


def run(*args, **kw):
    return bureau(conf, *args, env=ENV, timeout=300, **kw)


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


def text(m):
    return smtpd.parts_text(m, "plain") or ""


def mail(sender, rcpt, subject, body, irt=None, refs=None, headers=None, name=None):
    m = EmailMessage(policy=email.policy.SMTP)
    m["From"] = f"{name} <{sender}>" if name else sender
    m["To"] = rcpt
    m["Subject"] = subject
    m["Date"] = formatdate(localtime=True)
    m["Message-ID"] = make_msgid(domain="commune.test")
    if irt:
        m["In-Reply-To"] = irt
    if refs:
        m["References"] = refs
    for k, v in (headers or {}).items():
        m[k] = v
    m.set_content(body, charset="utf-8", cte="quoted-printable")
    return m.as_bytes()


def deliver(raw, what):
    d.append("bo", raw)
    p = run("fetch")
    t.eq(p.returncode, 0, f"fetch {what}: {p.stdout} {p.stderr}")
    return p


def entry(number):
    return run("show", number, json_out=True).json or {}


def state(number):
    """What a refusal must leave as it was."""
    e = entry(number)
    ev = db_rows(db, "SELECT count(*) FROM events v JOIN entries e ON e.id = v.entry_id "
                     "WHERE e.number = ? AND v.action IN ('status', 'department', 'note', "
                     "'closure_code')", (number,))[0][0]
    dr = db_rows(db, "SELECT count(*) FROM drafts")[0][0]
    return (e.get("status"), e.get("department"), ev, dr)


def routed(mails, head):
    """(reply address, token, Message-ID, References) of the routed mail to head."""
    r = to(mails, head)
    if not r:
        return None, None, None, None
    m = r[-1]
    rt = str(m["Reply-To"] or "").strip("<>")
    mo = re.fullmatch(r"bo\+[0-9-]+-([0-9a-f]{32})@commune\.test", rt)
    return rt, mo.group(1) if mo else None, str(m["Message-ID"]), str(m["References"] or "")


def reply(head, addr, mid, refs, subject, body, **kw):
    """A head's reply as a mail client writes it: to the Reply-To, threaded."""
    return mail(head, addr, "Re: " + subject, body, irt=mid, refs=f"{refs} {mid}", **kw)


QUOTE = ("\n\nLe {d}, Bureau d'ordre <bo@commune.test> a écrit :\n"
         "> Pour agir : répondez à ce message.\n>     Statut : traité\n"
         ">     Réaffecter : urbanisme — motif\n")


def raw_subject(raw):
    return smtpd.parse(raw)["Subject"]


def citizen(n, subject):
    raw = smtpd.citizen_message(msgid=f"<c{n}@citizen.test>", subject=subject)
    deliver(raw, f"citizen {n}")
    mails = sent()
    return mails


def history(number, actor):
    return db_rows(db, "SELECT v.action, v.detail FROM events v JOIN entries e ON "
                       "e.id = v.entry_id WHERE e.number = ? AND v.actor = ? ORDER BY v.id",
                   (number, actor))


try:
    d.start()
    s.start()
    t.eq(run("init").returncode, 0, "init")

    # --- 1. a head's round trip, French: note + status, then a re-routing ---------------
    n1 = f"{year}/000001"
    mails = citizen(1, "شكاية: تراكم الأزبال في حي السلام")
    addr1, tok1, mid1, refs1 = routed(mails, CHEF)
    t.check(tok1, f"routed with a reply address: {addr1}")
    subj1 = str(to(mails, CHEF)[0]["Subject"]) if tok1 else ""
    log.append(f"routed to {CHEF}: Reply-To <{addr1}>, References {refs1}")
    body = "Bonjour,\nNote : équipe passée lundi, dépôt constaté\nStatut : en cours" + QUOTE.format(d="mar. 3 déc. 2026")
    deliver(reply(CHEF, addr1, mid1, refs1, subj1, body), "head note+status")
    e = entry(n1)
    t.eq(e.get("status"), "in-progress", "Statut : en cours moved the entry")
    h = history(n1, "Nadia Chef")
    t.check(("note", "équipe passée lundi, dépôt constaté") in h, f"the note under the head's name: {h}")
    t.check(any(a == "status" and "routed -> in-progress" in dt for a, dt in h),
            f"the status event names the head ([staff] name): {h}")
    mails = sent()
    conf_mail = to(mails, CHEF)
    t.eq(len(conf_mail), 1, "one confirmation to the head")
    ct = text(conf_mail[0]) if conf_mail else ""
    t.check("En cours de traitement" in ct and "في طور المعالجة" in ct and "Note" in ct,
            f"the confirmation says what was done and the new state: {ct}")
    t.check(conf_mail and str(conf_mail[0]["Auto-Submitted"]) == "auto-replied"
            and str(conf_mail[0]["In-Reply-To"]).strip("<>") in db_rows(
                db, "SELECT message_id FROM head_mail")[0][0], "threaded on the head's mail, auto-replied")
    again = str(conf_mail[0]["Reply-To"] or "").strip("<>") if conf_mail else ""
    t.check(re.fullmatch(rf"bo\+{year}-000001-[0-9a-f]{{32}}@commune\.test", again) and again != addr1,
            f"the confirmation carries the item's reply address again, with a fresh token: {again}")
    t.eq(len(to(mails, "fatima@citizen.test")), 1, "the citizen gets the status update")
    t.eq(to(mails, ADJ), [], "the other head is not mailed")
    log.append(f"{CHEF} replied 'Note : …' + 'Statut : en cours' above the quote → entry "
               f"{e.get('status')}; confirmation {conf_mail[0]['Subject'] if conf_mail else None!r}")
    raws = db_rows(db, "SELECT f.raw_id FROM followups f JOIN entries e ON e.id = f.entry_id WHERE e.number = ?", (n1,))
    t.eq(len(raws), 1, "the head's mail is kept with the entry")

    before = state(n1)
    # the re-routing, with its reason: the token of hygiene is void, urbanisme gets one
    body = "Réaffecter : urbanisme — construction sans autorisation, pas de déchets" + QUOTE.format(d="mer. 4 déc. 2026")
    deliver(reply(CHEF, addr1, mid1, refs1, subj1, body), "head re-routes")
    e = entry(n1)
    t.eq(e.get("department"), "urbanisme", "Réaffecter moved it to urbanisme")
    h = history(n1, "Nadia Chef")
    t.check(any(a == "department" and "hygiene-environnement -> urbanisme (construction sans autorisation" in dt
                for a, dt in h), f"the department event, with the reason, under the head: {h}")
    v = db_rows(db, "SELECT department, voided_at IS NOT NULL FROM head_tokens ORDER BY id")
    t.check(v and v[-1] == ("urbanisme", 0) and all(x == ("hygiene-environnement", 1) for x in v[:-1]),
            f"hygiene's tokens void (routed mail and confirmation), urbanisme's valid: {v}")
    mails = sent()
    ua, utok, umid, urefs = routed(mails, URBA)
    t.check(utok and utok != tok1, "urbanisme's head gets the routed item with a new token")
    cm = to(mails, CHEF)
    t.check(cm and "Urbanisme" in text(cm[0]) and "n'est plus valable" in text(cm[0]),
            f"the confirmation names the new department: {text(cm[0]) if cm else None}")
    t.check(cm and cm[0]["Reply-To"] is None, "after the re-routing, no reply address for the old head")
    t.eq(db_rows(db, "SELECT count(*) FROM head_tokens h JOIN entries e ON e.id = h.entry_id "
                     "WHERE e.number = ? AND h.department = 'hygiene-environnement' "
                     "AND h.voided_at IS NULL", (n1,))[0][0], 0,
         "every token hygiene had for the item is void (the confirmation's too)")
    log.append(f"{CHEF} replied 'Réaffecter : urbanisme — …' → department {e.get('department')}; "
               f"{URBA} receives the item with Reply-To <{ua}>")

    # voided token: the same head, the same (old) reply address → refused
    before = state(n1)
    deliver(reply(CHEF, addr1, mid1, refs1, subj1, "Statut : traité" + QUOTE.format(d="jeu.")), "voided token")
    t.eq(state(n1), before, "voided token: the entry is unchanged")
    mails = sent()
    rf = to(mails, CHEF)
    t.check(rf and "Non pris en compte" in str(rf[0]["Subject"]) and "réaffecté" in text(rf[0]),
            f"voided token: the head is told why: {text(rf[0]) if rf else None}")
    log.append(f"voided token ({CHEF} via the old address after the re-routing) → refused: "
               f"{text(rf[0]).split('Motif : ')[1].splitlines()[0] if rf else None}")

    # --- 2. Arabic: the urbanisme head answers with a draft ------------------------------
    body = "الجواب: السيدة فاطمة، نحيطكم علما بأن المصلحة ستقوم بمعاينة البناء يوم الاثنين.\nمع التحية\n\nفي الخميس، 4 ديسمبر 2026، كتب مكتب الضبط <bo@commune.test>:\n> الحالة: تمت المعالجة\n"
    deliver(reply(URBA, ua, umid, urefs, subj1, body), "urbanisme answers (Arabic)")
    dr = db_rows(db, "SELECT state, drafter, body_ar, body_fr FROM drafts")
    t.check(len(dr) == 1 and dr[0][0] == "pending" and dr[0][1] == URBA
            and "معاينة البناء" in (dr[0][2] or "") and dr[0][3] is None and "تمت المعالجة" not in dr[0][2],
            f"الجواب: a draft in the departure register, by the head, the quote left out: {dr}")
    t.eq(db_rows(db, "SELECT count(*) FROM outbox WHERE purpose = 'departure'")[0][0], 0,
         "the draft is not sent to the citizen")
    mails = sent()
    cm = to(mails, URBA)
    t.check(cm and "مشروع جواب" in text(cm[0]), f"the Arabic confirmation: {text(cm[0]) if cm else None}")
    t.eq(to(mails, "fatima@citizen.test"), [], "nothing reaches the citizen")
    log.append(f"{URBA} replied 'الجواب: …' → draft {dr[0][:2] if dr else None}, nothing to the citizen")

    # --- 3. Arabic status, and rejection with a code -------------------------------------
    n2 = f"{year}/000002"
    mails = citizen(2, "شكاية ثانية: الأزبال")
    a2, tok2, mid2, refs2 = routed(mails, ADJ)
    subj2 = str(to(mails, ADJ)[0]["Subject"]) if tok2 else ""
    deliver(reply(ADJ, a2, mid2, refs2, subj2, "الحالة : تمت المعالجة\nملاحظة: تم رفع الأزبال"), "Arabic status")
    t.eq(entry(n2).get("status"), "answered", "الحالة: تمت المعالجة moved it to answered")
    h = history(n2, ADJ)
    t.check(("note", "تم رفع الأزبال") in h and any(a == "status" for a, _ in h),
            f"history names the head (address, not in [staff]): {h}")
    mails = sent()
    cm = to(mails, ADJ)
    t.check(cm and "تمت الإجابة" in text(cm[0]), "the confirmation gives the new state")
    n3 = f"{year}/000003"
    mails = citizen(3, "شكاية ثالثة: ordures")
    a3, tok3, mid3, refs3 = routed(mails, CHEF)
    subj3 = str(to(mails, CHEF)[0]["Subject"]) if tok3 else ""
    deliver(reply(CHEF, a3, mid3, refs3, subj3, "Statut\u00a0: rejeté outside-remit"), "rejected with code")
    e = entry(n3)
    t.check(e.get("status") == "rejected" and e.get("closure_code") == "outside-remit",
            f"Statut : rejeté CODE: {e.get('status')} {e.get('closure_code')}")
    sent()

    # --- 4. the refusals on entry 4: each leaves it as it was ----------------------------
    n4 = f"{year}/000004"
    mails = citizen(4, "شكاية رابعة: الأزبال أمام المدرسة")
    a4, tok4, mid4, refs4 = routed(mails, CHEF)
    subj4 = str(to(mails, CHEF)[0]["Subject"]) if tok4 else ""
    before = state(n4)
    t.eq(before[0], "routed", "entry 4 is routed")

    def refused(raw, what, sender, want_reason, new_entry=False):
        n_entries = db_rows(db, "SELECT count(*) FROM entries")[0][0]
        deliver(raw, what)
        t.eq(state(n4), before, f"{what}: the entry is unchanged")
        if not new_entry:
            t.eq(db_rows(db, "SELECT count(*) FROM entries")[0][0], n_entries, f"{what}: no new entry")
        mails = sent()
        rm = to(mails, sender)
        body = text(rm[0]) if rm else ""
        t.check(len(rm) == 1 and "Non pris en compte" in str(rm[0]["Subject"]) and want_reason in body,
                f"{what}: the sender is told why ({want_reason}): {body}")
        own = str(raw_subject(raw))
        t.check("فاطمة" not in body and "fatima" not in body and "متراكمة" not in body
                and "Réclamation" not in body.replace(own, ""),
                f"{what}: the refusal gives nothing of the entry but the sender's own words: {body}")
        others = [r for r, _ in mails if sender not in r]
        t.eq(others, [], f"{what}: nobody else is mailed")
        reason = body.split("Motif : ")[1].splitlines()[0] if "Motif : " in body else None
        log.append(f"{what} → entry unchanged; {sender} told: {reason}")

    refused(reply(STRANGER, a4, mid4, refs4, subj4, "Statut : traité"),
            "the right token from a stranger", STRANGER, "n'est pas chef du service")
    refused(reply(URBA, a4, mid4, refs4, subj4, "Statut : traité"),
            "the right token from the head of another department", URBA, "n'est pas chef du service")
    wrong = "0123456789abcdef0123456789abcdef"
    refused(mail(CHEF, f"bo+{year}-000004-{wrong}@commune.test", "Re: " + subj4, "Statut : traité"),
            "a head with a wrong token", CHEF, "n'est pas celui de ce dossier")
    refused(mail(STRANGER, f"bo+{year}-000004-{wrong}@commune.test", f"Re: [BO {n4}]",
                 "Statut : traité\nRéaffecter : urbanisme — x"),
            "a stranger quoting the number in the reply address", STRANGER, "n'est pas celui de ce dossier")
    refused(mail(CHEF, "bo@commune.test", f"Re: [BO {n4}] dossier", "Statut : traité"),
            "a forged From of a head without the token", CHEF, "jeton absent")
    # a stranger quoting the registry number to the registry's address: their own new entry
    nb = db_rows(db, "SELECT count(*) FROM entries")[0][0]
    deliver(mail(STRANGER, "bo@commune.test", f"Re: [BO {n4}] شكاية", "Statut : traité"), "stranger, [BO] tag")
    t.eq(state(n4), before, "a stranger quoting [BO number]: the entry is unchanged")
    t.eq(db_rows(db, "SELECT count(*) FROM entries")[0][0], nb + 1, "their mail is a new entry of their own")
    mails = sent()
    st = to(mails, STRANGER)
    t.check(len(st) == 1 and f"[BO {year}/000005]" in str(st[0]["Subject"]),
            f"the stranger is acknowledged with their own number: {[str(m['Subject']) for m in st]}")
    log.append(f"a stranger writing to bo@ with [BO {n4}] and 'Statut : traité' → entry unchanged; "
               f"registered as their own {year}/000005, acknowledged: {st[0]['Subject'] if st else None!r}")

    # a command in the quoted part is not read: the reply is a note
    deliver(reply(CHEF, a4, mid4, refs4, subj4, "Bien reçu, je regarde." + QUOTE.format(d="ven.")),
            "command in the quote")
    e = entry(n4)
    t.check(e.get("status") == "routed" and e.get("department") == "hygiene-environnement",
            f"the quoted Statut / Réaffecter are not acted on: {e.get('status')} {e.get('department')}")
    h = history(n4, "Nadia Chef")
    t.eq([a for a, _ in h], ["note", "head-mail-done"], f"only an internal note: {h}")
    t.check(h and h[0][1] == "Bien reçu, je regarde.", f"the note is the text above the quote: {h}")
    mails = sent()
    cm = to(mails, CHEF)
    t.check(cm and "Pris en compte" in str(cm[0]["Subject"]) and "Statut : traité" not in text(cm[0]).split("Fait")[1],
            "the confirmation lists the note only")
    log.append("a command in the quoted part → not read; the text above became an internal note")
    before = state(n4)

    # automatic mail reaching the reply address: kept, never acted on, never answered
    ooo = reply(CHEF, a4, mid4, refs4, subj4, "Statut : traité\nJe suis absent jusqu'au 10 décembre.",
                headers={"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"})
    bounce = mail("MAILER-DAEMON@commune.test", a4, "Undelivered Mail Returned to Sender",
                  "Statut : traité\nThis is the mail system.", headers={"Auto-Submitted": "auto-replied"})
    for raw, what in ((ooo, "the head's out-of-office"), (bounce, "a bounce")):
        deliver(raw, what)
        t.eq(state(n4), before, f"{what}: not a command")
        mails = sent()
        t.eq([r for r, _ in mails], [], f"{what}: nobody is answered")
        log.append(f"{what} to the reply address → kept, not acted on, not answered")
    out = db_rows(db, "SELECT outcome FROM head_mail ORDER BY id DESC LIMIT 2")
    t.check(all(o[0].startswith("automatic mail") for o in out), f"their outcome says why: {out}")
    kept = db_rows(db, "SELECT count(*) FROM followups f JOIN entries e ON e.id = f.entry_id WHERE e.number = ?", (n4,))[0][0]
    t.eq(kept, 8, "every mail that reached entry 4 (all but the one registered anew) is kept with it")

    # --- 5. the digest: each open item, its working days left, its own reply address ---
    p = run("remind")
    t.eq(p.returncode, 0, f"remind: {p.stdout} {p.stderr}")
    mails = sent()
    dg = [m for m in to(mails, CHEF) if "Échéances" in str(m["Subject"])]
    t.eq(len(dg), 1, "the head gets the digest")
    dt = text(dg[0]).replace("\r\n", "\n") if dg else ""
    items = re.findall(r"^- (\S+) .*\((\d+) j ouvrables restants.*\n    Répondre / للرد : (\S+)$", dt, re.M)
    t.check(any(n == n4 for n, _, _ in items), f"the digest lists entry 4 with its days and address: {dt}")
    t.check(n1 not in dt and n2 not in dt, "not the items that left the department or are answered")
    da = [a for n, _, a in items if n == n4]
    t.check(da and da[0] != a4 and re.fullmatch(rf"bo\+{year}-000004-[0-9a-f]{{32}}@commune\.test", da[0]),
            f"a fresh reply address for the item: {da}")
    html = smtpd.parts_text(dg[0], "html") if dg else ""
    t.check(da and f'href="mailto:{da[0]}"' in html, "the HTML digest links it")
    if da:
        deliver(mail(CHEF, da[0], "Dossier " + n4, "Statut : en cours"), "reply from the digest")
        t.eq(entry(n4).get("status"), "in-progress", "a reply to the digest's address acts on the item")
        cm = to(sent(), CHEF)
        t.check(cm and "Pris en compte" in str(cm[0]["Subject"]), "and is confirmed")
        log.append(f"the digest lists {n4} with its working days left and <{da[0]}>; "
                   f"'Statut : en cours' sent there → {entry(n4).get('status')}")

    # every head_mail row is done; list shows them
    t.eq(db_rows(db, "SELECT count(*) FROM head_mail WHERE state = 'pending'")[0][0], 0, "nothing pending")
    p = run("headmail", "list", json_out=True)
    t.check(p.returncode == 0 and p.json and len(p.json) == db_rows(db, "SELECT count(*) FROM head_mail")[0][0],
            f"headmail list: {p.stdout[:300]} {p.stderr}")
    p = run("headmail", "process")
    t.check(p.returncode == 0 and "0 acted on" in p.stdout, f"headmail process: nothing left: {p.stdout}")
finally:
    s.stop()
    d.stop()
    for line in log:
        print("  " + line)
    clean_up(t, work)
sys.exit(t.finish())
