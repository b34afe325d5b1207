"""The routing model (issue 17, item 4): a second opinion for what the
rules cannot place, trained by `bureau rules train`, data beside the rules.

- training is deterministic: the labelled set gives the same file twice,
  byte for byte; the file checks with the rules (`rules check`), and a
  damaged one is refused with its file and line;
- a register where clerks re-routed weekly-market mail to patrimoine by hand
  (the rules know nothing of it): a model trained on the labelled set and
  the register proposes patrimoine for a new market mail that the rules
  leave to triage;
- above its confidence the entry is routed by the model (ingest: the parser
  worker's classification carries it) and its history says "routed by
  model", with p and the words; below, it stays in triage with the proposal
  in its history; for every message tried, a proposal below the confidence
  never routes (explain --json: model.p, model.routed);
- `model: off` in the settings silences it; without a .model file nothing
  changes.
"""
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import SRC, Tally, bureau, clean_up, db_rows, tempdir, write_config  # noqa: E402
from market import MARKET  # noqa: E402

t = Tally("rules_model")
work = tempdir()
LAB = os.path.join(SRC, "tests", "data", "labelled")

# --- deterministic training ---------------------------------------------------------
a, b = os.path.join(work, "a.model"), os.path.join(work, "b.model")
p = bureau(None, "rules", "train", LAB, "--output", a)
t.eq(p.returncode, 0, f"train: {p.stderr}")
t.check("routing model of" in p.stdout, p.stdout)
bureau(None, "rules", "train", LAB, "--output", b)
ba, bb = open(a, "rb").read(), open(b, "rb").read()
t.check(len(ba) > 1000 and ba == bb, "the same data gives the same model, byte for byte")
t.check(ba.startswith(b"bureau-model 1\n"), "its magic line")
rdir = os.path.join(work, "rules")
shutil.copytree(os.path.join(SRC, "rules"), rdir)
shutil.copy(a, os.path.join(rdir, "routing.model"))
p = bureau(None, "rules", "check", "--rules", rdir)
t.eq(p.returncode, 0, f"the model checks with the rules: {p.stdout}{p.stderr}")
bad = os.path.join(work, "bad")
shutil.copytree(rdir, bad)
lines = ba.decode().split("\n")
ti = next(i for i, ln in enumerate(lines) if ln.startswith("terms "))
lines[ti + 1], lines[ti + 2] = lines[ti + 2], lines[ti + 1]
with open(os.path.join(bad, "routing.model"), "w") as f:
    f.write("\n".join(lines))
p = bureau(None, "rules", "check", "--rules", bad)
t.check(p.returncode == 1 and re.search(rf"routing\.model:{ti + 3}:1: terms out of order",
                                         p.stdout + p.stderr),
        f"a damaged model: refused with its line ({p.stdout}{p.stderr})")
with open(os.path.join(bad, "routing.model"), "w") as f:
    f.write("hello\n")
p = bureau(None, "rules", "check", "--rules", bad)
t.check(p.returncode == 1 and "not a routing model" in p.stdout + p.stderr, "not a model: refused")
shutil.copy(a, os.path.join(bad, "second.model"))
shutil.copy(a, os.path.join(bad, "routing.model"))
p = bureau(None, "rules", "check", "--rules", bad)
t.check(p.returncode == 1 and "second routing model" in p.stdout + p.stderr, "two models: refused")

# --- a register that teaches it ------------------------------------------------------------
db = os.path.join(work, "bureau.db")
conf = write_config(os.path.join(work, "bureau.conf"), db)
t.eq(bureau(conf, "init").returncode, 0, "init")


def mail(name, subject, body):
    pth = os.path.join(work, name + ".eml")
    with open(pth, "w", encoding="utf-8") as f:
        f.write(f"From: {name}@example.test\nTo: bo@commune.test\nSubject: {subject}\n"
                f"Message-ID: <{name}@example.test>\nDate: Wed, 02 Dec 2026 10:00:00 +0000\n"
                "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" + body + "\n")
    return pth


paths = [mail(f"m{i}", s, bd) for i, (s, bd) in enumerate(MARKET)]
t.eq(bureau(conf, "ingest", *paths).returncode, 0, "ingest the market mail")
for num, in db_rows(db, "SELECT number FROM entries ORDER BY id"):
    t.eq(bureau(conf, "assign", num, "patrimoine", actor="Amina").returncode, 0, f"assign {num}")
mdl = os.path.join(work, "learnt.model")
p = bureau(conf, "rules", "train", LAB, "--register", "--output", mdl)
t.eq(p.returncode, 0, f"train on the labelled set and the register: {p.stderr}")
t.check(f"({len(open(os.path.join(LAB, 'labels.tsv')).read().splitlines()) - 1} labelled, "
        f"{len(MARKET)} from the register)" in p.stdout, p.stdout)


def rules_with(confidence=None, model=True, off=False):
    d = os.path.join(work, f"r-{confidence}-{model}-{off}")
    shutil.copytree(os.path.join(SRC, "rules"), d)
    if model:
        shutil.copy(mdl, os.path.join(d, "routing.model"))
    extra = ""
    if confidence is not None:
        extra += f"  model_confidence: {confidence}\n"
    if off:
        extra += "  model: off\n"
    if extra:
        with open(os.path.join(d, "01-model.rules"), "w") as f:
            f.write("settings\n" + extra)
    return d


new = mail("new", "Réclamation : le souk hebdomadaire",
           "Je porte réclamation contre le désordre du souk hebdomadaire de samedi.")
plain = mail("plain", "Bonjour", "Bonjour, merci de me répondre rapidement au sujet de ma demande.")
r0 = rules_with(model=False)
p = bureau(None, "--json", "rules", "explain", new, "--rules", r0)
j0 = json.loads(p.stdout)
t.eq((j0["department"], j0.get("model")), ("direction-services", None),
     "without a model: triage, no proposal")
r6 = rules_with(0.6)
j = json.loads(bureau(None, "--json", "rules", "explain", new, "--rules", r6).stdout)
m = j.get("model") or {}
t.eq(m.get("department"), "patrimoine", f"the model proposes patrimoine: {m}")
t.check(m.get("routed") and j["department"] == "patrimoine" and not j["needs_triage"],
        f"at p = {m.get('p')} >= 0.6 it routes")
t.check("souk" in (m.get("words") or "") or "hebdomadaire" in (m.get("words") or ""),
        f"its words: {m.get('words')}")
p = bureau(None, "rules", "explain", new, "--rules", r6)
t.check("model: patrimoine, p = " in p.stdout and "routed" in p.stdout, "explain text: the model")

# every proposal below the confidence stays in triage
tried = 0
below = 0
conf_hi = 0.999
rhi = rules_with(conf_hi)
extra_msgs = [new, plain] + [os.path.join(LAB, n) for n in sorted(os.listdir(LAB))[:60]
                             if n.endswith(".eml")]
for pth in extra_msgs:
    for d, c in ((r6, 0.6), (rhi, conf_hi)):
        jj = json.loads(bureau(None, "--json", "rules", "explain", pth, "--rules", d).stdout)
        mm = jj.get("model")
        if not mm:
            continue
        tried += 1
        if mm["p"] < c:
            below += 1
            t.check(not mm["routed"] and jj["department"] == "direction-services",
                    f"{os.path.basename(pth)}: p {mm['p']:.3f} < {c} does not route")
        else:
            t.check(mm["routed"] and jj["department"] == mm["department"],
                    f"{os.path.basename(pth)}: p {mm['p']:.3f} >= {c} routes")
t.check(tried >= 4 and below >= 1, f"proposals tried: {tried}, below the confidence: {below}")

# the register: above the confidence routed, with its history
conf6 = write_config(os.path.join(work, "b6.conf"), os.path.join(work, "b6.db"), rules=r6)
bureau(conf6, "init")
t.eq(bureau(conf6, "ingest", new).returncode, 0, "ingest with the model")
row = db_rows(os.path.join(work, "b6.db"),
              "SELECT e.department, e.needs_triage, v.detail FROM entries e JOIN events v "
              "ON v.entry_id = e.id AND v.action = 'classified'")[0]
t.eq(row[:2], ("patrimoine", 0), "routed by the model")
t.check("routed by model: patrimoine, p = " in row[2] and "words:" in row[2],
        f"the history says so: {row[2]}")
conf1 = write_config(os.path.join(work, "b1.conf"), os.path.join(work, "b1.db"),
                     rules=rules_with(1.0))
bureau(conf1, "init")
bureau(conf1, "ingest", new)
row = db_rows(os.path.join(work, "b1.db"),
              "SELECT e.department, e.needs_triage, v.detail FROM entries e JOIN events v "
              "ON v.entry_id = e.id AND v.action = 'classified'")[0]
t.eq(row[:2], ("direction-services", 1), "below the confidence (1.0): triage")
t.check("the model proposes (below its confidence) patrimoine" in row[2],
        f"with the proposal for the clerk: {row[2]}")
roff = rules_with(0.6, off=True)
jo = json.loads(bureau(None, "--json", "rules", "explain", new, "--rules", roff).stdout)
t.eq((jo["department"], jo.get("model")), ("direction-services", None), "model: off silences it")
p = bureau(None, "rules", "check", "--rules", rules_with(0.3))
t.check(p.returncode == 1 and "model_confidence" in p.stdout + p.stderr,
        "a confidence below 0.5 is refused")
clean_up(t, work)
sys.exit(t.finish())
