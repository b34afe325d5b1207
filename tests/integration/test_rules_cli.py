"""bureau rules check|explain|test|apply from the command line.

Accuracy bars on tests/data/labelled (measured 2026-12-04 with the default
rules after the vocabulary round: department 94.3%, kind 89.9% over all 601
messages; held-out split 95.2% / 95.2%; fresh9-11, written before that round
and unseen by it, 93.2% / 80.2%; after the kind round of the same day,
branch kind: 94.5% / 92.7% over all 601, fresh9-11 93.8% / 89.5%, which
that round had seen; fresh12-14, harder batches written after both rounds
and seen by neither: 80.2% / 84.6%, the whole set of 763 then 91.5% / 91.0%;
see tests/data/labelled/README.md). Each 'freshN' split was written after a round of rule
changes and measured once before the next round; pooled first looks of
fresh2-fresh8 (229 messages): department 72.5%, kind 74.2%, which is what
to expect on mail nobody has seen. The bars are the current measurement
minus a margin, so that a rule change that loses accuracy fails here.
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import common  # noqa: E402

DEPT_BAR = 89.0
KIND_BAR = 88.0
HELDOUT_DEPT_BAR = 88.0
# fresh9-11 by language (first looks, 2026-12-04; kinds raised after the kind
# round, which saw these batches): (department, kind) bars
FRESH_BARS = {"fr": (86.0, 78.0), "msa": (87.0, 86.0), "darija-ar": (80.0, 84.0),
              "darija-lat": (82.0, 85.0), "mixed": (85.0, 86.0)}
# fresh12-14 (N-P, written 2026-12-04 without reading the rules, first looks
# against 9828492: department 80.2%, kind 82.7%; after the kind round, which
# never saw them: 80.2% / 84.6%): (department, kind) bars, measured minus ~5
FRESH12_BARS = {"fr": (81.0, 79.0), "msa": (88.0, 83.0), "darija-ar": (60.0, 81.0),
                "darija-lat": (58.0, 72.0), "mixed": (80.0, 80.0)}

LABELLED = os.path.join(common.SRC, "tests", "data", "labelled")
RULES = os.path.join(common.SRC, "rules")


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def check_errors(t, tmp):
    bad = os.path.join(tmp, "bad")
    os.mkdir(bad)
    write(os.path.join(bad, "10-a.rules"),
          "department voirie\n  name_fr: Voirie\n"
          "rule \"trou\"\n  department: voiri\n  weight: lourd\n  pattern: (حفرة\n"
          "  colour: red\n")
    write(os.path.join(bad, "20-b.rules"), "department voirie\nrule x\n  kind: k\n  pattern: زبل|*\n")
    p = common.bureau(None, "rules", "check", "--rules", bad)
    t.eq(p.returncode, 1, "rules check on broken files exits 1")
    a = os.path.join(bad, "10-a.rules")
    b = os.path.join(bad, "20-b.rules")
    want = [
        f"{a}:4:15: unknown department 'voiri' in rule 'trou'",
        f"{a}:5:11: bad weight 'lourd' (a whole number from -100 to 100, not 0)",
        f"{a}:6:17: invalid pattern: missing closing parenthesis",
        f"{a}:7:3: unknown key 'colour'",
        f"{b}:1:12: duplicate department 'voirie' (first at {a}:1)",
        f"{b}:3:9: unknown kind 'k' in rule 'x'",
        f"{b}:4:16: invalid pattern: quantifier does not follow a repeatable item",
    ]
    got = [l for l in p.stderr.splitlines() if l.startswith(bad)]
    t.eq(got, want, "every error of every file, as file:line:col, in order")
    p = common.bureau(None, "rules", "check", "--rules", RULES)
    t.eq(p.returncode, 0, "the default rules check")
    t.check("15 departments, 5 kinds" in p.stdout, "check summary counts: " + p.stdout.strip())


def check_explain(t):
    eml = os.path.join(LABELLED, "031.eml")   # stray dogs, Arabic, windows-1256 base64
    p = common.bureau(None, "rules", "explain", eml, "--rules", RULES, json_out=True)
    t.eq(p.returncode, 0, "explain --json exits 0")
    j = p.json or {}
    for k in ("department", "kind", "needs_triage", "dept_score", "kind_score", "hits", "normalised"):
        t.check(k in j, f"explain --json has {k}")
    t.eq(j.get("department"), "hygiene-environnement", "explain department")
    t.eq(j.get("kind"), "complaint", "explain kind")
    t.eq(j.get("needs_triage"), False, "explain needs_triage")
    hits = j.get("hits") or []
    t.check(any(h.get("rule") == "chiens errants" and h.get("matched") for h in hits),
            "the stray-dog rule fired with its matched text")
    t.eq(j.get("dept_score"), sum(h["weight"] for h in hits
                                  if h.get("department") == "hygiene-environnement"),
         "dept_score is the sum of the winning department's hits")
    t.check("ه" in (j.get("normalised") or {}).get("subject", "") and
            "ة" not in (j.get("normalised") or {}).get("subject", "x"),
            "normalised subject has ta marbuta folded")
    p = common.bureau(None, "rules", "explain", eml, "--rules", RULES)
    t.check("decision: department=hygiene-environnement" in p.stdout, "explain text decision")


BATCHES = "abcdefghijklmnop"  # messages_a.py ... messages_p.py, numbered in this order by gen.py


def fresh_languages(letters):
    """file name -> language tag ('lang' of the batch's opts) of the batches
    given by letter (e.g. "klm"); gen.py numbers every list in order."""
    sys.path.insert(0, LABELLED)
    import importlib
    out, at = {}, 0
    for letter in BATCHES:
        entries = getattr(importlib.import_module(f"messages_{letter}"), letter.upper())
        if letter in letters:
            for i, entry in enumerate(entries):
                out[f"{at + i:03d}.eml"] = entry[4].get("lang", "?")
        at += len(entries)
    return out


def check_fresh_by_language(t, j, label, letters, bars, count):
    """Fresh batches by language: department and kind accuracy at or above
    the bars (measured minus a margin)."""
    langs = fresh_languages(letters)
    wrong_d = {m["file"] for m in j.get("misrouted", []) if m["department"] != m["expected_department"]}
    wrong_k = {m["file"] for m in j.get("misrouted", []) if m["kind"] != m["expected_kind"]}
    for lang in sorted(set(langs.values())):
        files = [f for f, lg in langs.items() if lg == lang]
        dep = 100.0 * sum(f not in wrong_d for f in files) / len(files)
        kin = 100.0 * sum(f not in wrong_k for f in files) / len(files)
        print(f"{label} {lang:10} {len(files):3} messages: department {dep:.1f}%, kind {kin:.1f}%",
              flush=True)
        bar_d, bar_k = bars.get(lang, (0, 0))
        t.check(dep >= bar_d, f"{label} {lang}: department {dep:.1f}% >= {bar_d}")
        t.check(kin >= bar_k, f"{label} {lang}: kind {kin:.1f}% >= {bar_k}")
    t.eq(len(langs), count, f"{count} messages in {label}, each with its language")


def check_test(t):
    p = common.bureau(None, "rules", "test", LABELLED, "--rules", RULES, json_out=True)
    t.eq(p.returncode, 0, "rules test exits 0")
    j = p.json or {}
    print(f"labelled set: {j.get('total')} messages, department {j.get('department_accuracy'):.1f}%, "
          f"kind {j.get('kind_accuracy'):.1f}%; splits {j.get('splits')}", flush=True)
    t.check(j.get("total", 0) >= 150, "at least 150 labelled messages")
    t.check(j.get("department_accuracy", 0) >= DEPT_BAR, f"department accuracy >= {DEPT_BAR}")
    t.check(j.get("kind_accuracy", 0) >= KIND_BAR, f"kind accuracy >= {KIND_BAR}")
    held = (j.get("splits") or {}).get("heldout") or {}
    t.check(held.get("department_accuracy", 0) >= HELDOUT_DEPT_BAR,
            f"held-out department accuracy >= {HELDOUT_DEPT_BAR}")
    t.check(isinstance(j.get("misrouted"), list), "misrouted list present")
    check_fresh_by_language(t, j, "fresh9-11", "klm", FRESH_BARS, 162)
    check_fresh_by_language(t, j, "fresh12-14", "nop", FRESH12_BARS, 162)
    p = common.bureau(None, "rules", "test", LABELLED, "--rules", RULES)
    t.check("department confusion" in p.stdout and "misrouted:" in p.stdout,
            "text report has the confusion tables and misrouted list")


def check_apply(t, tmp):
    db = os.path.join(tmp, "b.db")
    rules2 = os.path.join(tmp, "rules2")
    shutil.copytree(RULES, rules2)
    conf = common.write_config(os.path.join(tmp, "bureau.conf"), db)
    if common.bureau(conf, "init").returncode != 0:
        t.check(False, "bureau init")
        return
    files = [os.path.join(LABELLED, f) for f in ("031.eml", "100.eml")]
    p = common.bureau(conf, "ingest", *files)
    t.eq(p.returncode, 0, "ingest two labelled messages: " + p.stderr.strip())
    p = common.bureau(conf, "rules", "explain", "1", json_out=True)
    t.eq((p.json or {}).get("department"), "hygiene-environnement", "explain NUMBER")
    p = common.bureau(conf, "rules", "apply", "--all")
    t.check("0 entries changed" in p.stdout, "apply with unchanged rules changes nothing: " + p.stdout)
    write(os.path.join(rules2, "99-test.rules"),
          "rule \"test: chiens vers espaces verts\"\n  department: espaces-verts\n  weight: 50\n"
          "  pattern: كلاب\n")
    conf2 = common.write_config(os.path.join(tmp, "bureau2.conf"), db, rules=rules2)
    p = common.bureau(conf2, "rules", "apply", "--all", actor="amina")
    t.eq(p.returncode, 0, "apply exits 0: " + p.stderr.strip())
    t.check("department hygiene-environnement -> espaces-verts" in p.stdout,
            "apply prints the change: " + p.stdout.strip())
    rows = common.db_rows(db, "SELECT department FROM entries WHERE number = '2026/000001'")
    t.eq(rows, [("espaces-verts",)], "entry department updated")
    ev = common.db_rows(db, "SELECT actor, action, detail FROM events WHERE entry_id = 1 "
                            "AND action = 'department'")
    t.check(len(ev) == 1 and ev[0][0] == "amina" and "test: chiens vers espaces verts" in (ev[0][2] or ""),
            f"event records clerk and the rules that fired: {ev}")
    rows = common.db_rows(db, "SELECT department FROM entries WHERE number = '2026/000002'")
    t.check(rows and rows[0][0] != "espaces-verts", "the other entry is untouched")


def main():
    t = common.Tally("rules_cli")
    if not os.path.exists(common.BIN):
        common.skip("bureau binary not built")
    tmp = common.tempdir()
    try:
        check_errors(t, tmp)
        check_explain(t)
        check_test(t)
        check_apply(t, tmp)
    finally:
        common.rmtree(tmp)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
