"""Urgent information requests recognised by the rules and flagged for the
clerk (issue 17, item 5; loi 31-13: 3 days when a person's life, safety or
freedom is at stake).

- `rules check`: a rule marked `urgent: yes` needs no department or kind; a
  bad value and a rule with no target that is not urgent are refused;
- information requests in French, Arabic and Darija that speak of a danger
  to life, a collapse or a detention are registered with the attention
  "possibly urgent" (in list --triage and show), still with their normal
  20-working-day deadline and not urgent: the rules never decide it;
- a complaint with the same words is not flagged (complaints have no urgent
  deadline), nor an information request without them;
- `rules explain` says "possibly urgent" (text and --json);
- the clerk confirms one (`bureau urgent --reason`): urgent, the 3-day
  deadline, the flag gone, the citizen told; clears another (`--off`): the
  flag gone, nothing else changed, no mail queued.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, bureau, clean_up, db_rows, free_port, tempdir, write_config  # noqa: E402

t = Tally("urgent_hint")
work = tempdir()
db = os.path.join(work, "bureau.db")
conf = write_config(os.path.join(work, "bureau.conf"), db,
                    smtp={"url": f"smtp://127.0.0.1:{free_port()}", "tls": "none",
                          "from": "bo@commune.test"})
t.eq(bureau(conf, "init").returncode, 0, "init")

# --- the rule syntax ---------------------------------------------------------------
rdir = os.path.join(work, "r")
os.makedirs(rdir)


def check(text):
    with open(os.path.join(rdir, "x.rules"), "w", encoding="utf-8") as f:
        f.write("department direction-services\n  name_fr: D\n  name_ar: د\n"
                "kind correspondence\n  name_fr: C\n  name_ar: م\n" + text)
    return bureau(None, "rules", "check", "--rules", rdir)


t.eq(check('rule "u"\n  urgent: yes\n  pattern: danger\n').returncode, 0,
     "an urgent rule needs no department or kind")
p = check('rule "u"\n  urgent: peut-etre\n  pattern: danger\n')
t.check(p.returncode == 1 and "bad urgent" in p.stdout + p.stderr, f"a bad value: {p.stderr}")
p = check('rule "u"\n  weight: 2\n  pattern: danger\n')
t.check(p.returncode == 1 and "no department, no kind" in p.stdout + p.stderr,
        f"no target and not urgent: refused ({p.stderr})")

# --- registration ------------------------------------------------------------------------
MAILS = [
    ("fr", "Demande d'information", "Je voudrais savoir si le rapport d'expertise de notre immeuble "
     "existe : il y a un risque d'effondrement et nos vies sont en danger de mort.", True),
    ("ar", "طلب الحصول على المعلومات", "أطلب الحصول على معلومات حول وضعية ابني المعتقل منذ "
     "ثلاثة أيام، حياته في خطر.", True),
    ("darija", "bghit n3rf", "salam, bghit n3rf wach kayn chi taqrir 3la l3imara dyalna, "
     "khatar 3la l7ayat dyal drari.", True),
    ("darija-ar", "بغيت نعرف", "سلام، بغيت نعرف فين وصل الملف ديال خويا المعتقل من سيمانة، "
     "حياته في خطر.", True),
    ("complaint", "Réclamation", "Je porte plainte : le mur du voisin menace de s'effondrer, "
     "risque d'effondrement sur la rue, danger de mort.", False),
    ("plain", "Demande d'information", "Je voudrais savoir quelles sont les pièces à fournir "
     "pour un certificat de résidence.", False),
]
paths = []
for i, (tag, subj, body, _) in enumerate(MAILS):
    pth = os.path.join(work, f"{tag}.eml")
    with open(pth, "w", encoding="utf-8") as f:
        f.write(f"From: c{i}@citizen.test\nTo: bo@commune.test\nSubject: {subj}\n"
                f"Message-ID: <urg{i}@citizen.test>\nDate: Wed, 02 Dec 2026 10:00:00 +0000\n"
                "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" + body + "\n")
    paths.append(pth)
p = bureau(conf, "ingest", *paths)
t.eq(p.returncode, 0, f"ingest: {p.stderr}")
rows = db_rows(db, "SELECT id, number, kind, urgent, due_date, attention FROM entries ORDER BY id")
by = {MAILS[i][0]: r for i, r in enumerate(rows)}
for tag, _, _, flagged in MAILS:
    eid, num, kind, urgent, due, att = by[tag]
    if flagged:
        t.eq(kind, "information-request", f"{tag}: an information request")
        t.check(att and att.startswith("possibly urgent"), f"{tag}: flagged ({att})")
        t.eq(urgent, 0, f"{tag}: not made urgent by the rules")
    else:
        t.eq(att, None, f"{tag}: not flagged ({kind})")
t.eq(by["complaint"][2], "complaint", "the complaint is a complaint")
p = bureau(conf, "list", "--triage")
t.check(by["fr"][1] in p.stdout and "possibly urgent" in p.stdout, "list --triage shows the flag")
t.check(not any(by["plain"][1] in ln and "possibly urgent" in ln for ln in p.stdout.splitlines()),
        "and not the plain request")
normal_due = by["fr"][4]
t.check(normal_due is not None, "the normal deadline is set")

p = bureau(conf, "rules", "explain", paths[0])
t.check("possibly urgent (rule" in p.stdout, "explain says it")
p = bureau(conf, "--json", "rules", "explain", paths[0])
t.check(json.loads(p.stdout).get("possibly_urgent"), "explain --json: possibly_urgent")
p = bureau(conf, "--json", "rules", "explain", paths[4])
t.eq(json.loads(p.stdout).get("possibly_urgent"), None, "explain --json: null for the plain one")

# --- the clerk decides ------------------------------------------------------------------
out0 = db_rows(db, "SELECT count(*) FROM outbox")[0][0]
p = bureau(conf, "urgent", by["ar"][1], "--reason", "détenu depuis trois jours", actor="Amina")
t.eq(p.returncode, 0, f"confirm: {p.stderr}")
eid, num, kind, urgent, due, att = db_rows(
    db, "SELECT id, number, kind, urgent, due_date, attention FROM entries WHERE id = ?",
    (by["ar"][0],))[0]
t.eq((urgent, att), (1, None), "confirmed: urgent, the flag gone")
t.check(due < by["ar"][4], f"the 3-day deadline ({due} < {by['ar'][4]})")
t.check(db_rows(db, "SELECT count(*) FROM outbox")[0][0] > out0, "the citizen is told")
out1 = db_rows(db, "SELECT count(*) FROM outbox")[0][0]
p = bureau(conf, "urgent", by["darija"][1], "--off", "--reason", "pas de danger immédiat",
           actor="Amina")
t.eq(p.returncode, 0, f"clear: {p.stderr}")
t.check("flag is removed" in p.stdout, p.stdout)
row = db_rows(db, "SELECT urgent, due_date, attention FROM entries WHERE id = ?",
              (by["darija"][0],))[0]
t.eq(row, (0, by["darija"][4], None), "cleared: not urgent, same deadline, no flag")
t.eq(db_rows(db, "SELECT count(*) FROM outbox")[0][0], out1, "nobody mailed")
ev = db_rows(db, "SELECT actor, detail FROM events WHERE entry_id = ? AND action = 'attention' "
                 "ORDER BY id", (by["darija"][0],))
t.check(len(ev) == 2 and ev[1][0] == "Amina" and "pas de danger" in ev[1][1],
        f"the history: flagged by the rules, cleared by the clerk with her reason ({ev})")
p = bureau(conf, "urgent", by["plain"][1], "--off", "--reason", "x")
t.eq(p.returncode, 1, "--off on an entry neither urgent nor flagged: refused")
clean_up(t, work)
sys.exit(t.finish())
