"""Messages written only in arabizi reach the right department through rules
written only in Arabic script (the shadow, rules/README.md "Darija in both
scripts"): with `bureau rules test` on generated .eml, and with `bureau
ingest` into a register (the entry's department and its history). With
`shadow: off` the same messages go to triage, so the shadow is what routes
them."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import common  # noqa: E402

RULES = """department direction-services
  name_fr: Direction des services
  heads: ds@commune.example
department eclairage-public
  name_fr: Eclairage public
  heads: ep@commune.example
department travaux-voirie
  name_fr: Voirie
  heads: tv@commune.example
department hygiene-environnement
  name_fr: Hygiene
  heads: he@commune.example
kind complaint
  name_fr: Plainte
  deadline: 60 days
kind correspondence
  name_fr: Courrier
  deadline: none
settings
  threshold: 2
  kind_threshold: 1
rule "ضو"
  department: eclairage-public
  weight: 3
  pattern: (?:ال)?ضو\\s+(?:ال)?مقطوع|(?:ال)?بوطو\\s+(?:ال)?طايح
rule "حفرة"
  department: travaux-voirie
  weight: 3
  pattern: (?:ال)?حفرة|(?:ال)?طريق\\s+(?:ال)?مخسر
rule "زبل"
  department: hygiene-environnement
  weight: 3
  pattern: (?:ال)?زبل\\s+(?:ال)?معمر|(?:ال)?ريحة\\s+(?:ال)?خانزة
rule "شكاية"
  kind: complaint
  pattern: (?:ال)?شكاية|عافاكم
"""

MESSAGES = [
    ("eclairage-public", "ddaw ma9tou3", "salam, ddaw ma9tou3 f zen9a dyalna hadi 3 iyam. 3afakom"),
    ("eclairage-public", "dow m9tou3", "lpoto ta7 w dow m9tou3 f derb kaml, 3afakom"),
    ("eclairage-public", "daw", "daw mqtou3 men lbara7, ddrari kaykhafo f lil. 3afakom"),
    ("travaux-voirie", "l7efra", "kayna wa7ed l7efra kbira f tri9 dyal sbitar, 3afakom"),
    ("travaux-voirie", "tri9", "ttri9 mkhssra bzaf w tomobilat kaytfasdo, 3afakom"),
    ("hygiene-environnement", "zbel", "zbel m3mmer f lblasa w ri7a khanza, 3afakom"),
    ("hygiene-environnement", "ri7a", "rri7a khenza men zzbel lli m3mmer 7da dar, 3afakoum"),
]


def eml(subject, body, n):
    return ("From: <citoyen%d@example.net>\nTo: bo@commune.example\n"
            "Subject: %s\nDate: Mon, 17 Nov 2026 08:40:00 +0100\n"
            "Message-ID: <arabizi-%d@citizens.example>\nMIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=utf-8\n\n%s\n" % (n, subject, n, body))


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def make(tmp):
    rules, rules_off, data = (os.path.join(tmp, d) for d in ("rules", "rules_off", "data"))
    for d in (rules, rules_off, data):
        os.mkdir(d)
    write(os.path.join(rules, "10-all.rules"), RULES)
    write(os.path.join(rules_off, "10-all.rules"), RULES.replace(
        "  kind_threshold: 1\n", "  kind_threshold: 1\n  shadow: off\n"))
    labels, files = [], []
    for i, (dept, subj, body) in enumerate(MESSAGES):
        name = "%03d.eml" % i
        write(os.path.join(data, name), eml(subj, body, i))
        labels.append("%s\t%s\tcomplaint\n" % (name, dept))
        files.append(os.path.join(data, name))
    write(os.path.join(data, "labels.tsv"), "".join(labels))
    return rules, rules_off, data, files


def check_test(t, rules, rules_off, data):
    p = common.bureau(None, "rules", "test", data, "--rules", rules, json_out=True)
    t.check(p.json is not None, "rules test --json parses: " + p.stderr.strip())
    if p.json:
        t.eq(p.json["department_accuracy"], 100.0, "arabizi messages, Arabic-script rules: department")
        t.eq(p.json["kind_accuracy"], 100.0, "kind")
    p = common.bureau(None, "rules", "test", data, "--rules", rules_off, json_out=True)
    if t.check(p.json is not None, "rules test (shadow off) parses"):
        t.eq(p.json["department_accuracy"], 0.0, "without the shadow no department is reached")
    p = common.bureau(None, "rules", "explain", os.path.join(data, "000.eml"), "--rules", rules,
                      json_out=True)
    hits = (p.json or {}).get("hits", [])
    t.check(any(h["rule"] == "ضو" and h["shadow"] for h in hits),
            f"explain --json marks the shadow hit: {hits}")
    p = common.bureau(None, "rules", "explain", os.path.join(data, "000.eml"), "--rules", rules)
    t.check("[subject, shadow]" in p.stdout and "shadow body:" in p.stdout,
            "explain prints the shadow and marks the hit: " + p.stdout[:400])


def check_ingest(t, tmp, rules, files):
    db = os.path.join(tmp, "reg.db")
    conf = common.write_config(os.path.join(tmp, "bureau.conf"), db, rules=rules)
    if not t.eq(common.bureau(conf, "init").returncode, 0, "init"):
        return
    p = common.bureau(conf, "ingest", *files)
    t.eq(p.returncode, 0, "ingest the arabizi messages: " + p.stderr.strip())
    rows = common.db_rows(db, "SELECT number, department, needs_triage FROM entries ORDER BY id")
    t.eq([(r[1], r[2]) for r in rows], [(m[0], 0) for m in MESSAGES],
         "each entry in its department, none to triage")
    ev = common.db_rows(db, "SELECT detail FROM events WHERE entry_id = 1 AND action = 'classified'")
    t.check(ev and "ضو[subject, shadow]" in ev[0][0], f"the history says the shadow routed it: {ev}")


def main():
    t = common.Tally("arabizi_routing")
    if not os.path.exists(common.BIN):
        common.skip("bureau binary not built")
    tmp = common.tempdir()
    try:
        rules, rules_off, data, files = make(tmp)
        check_test(t, rules, rules_off, data)
        check_ingest(t, tmp, rules, files)
    finally:
        common.rmtree(tmp)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
