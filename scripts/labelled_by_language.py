#!/usr/bin/python3
"""Score the labelled set by language: runs `bureau rules test DIR --json`
and groups the messages by a heuristic language guess (MSA, Darija in
Arabic script, French, Darija in Latin script / arabizi, mixed).

usage: scripts/labelled_by_language.py BUREAU [RULES_DIR] [LABELLED_DIR]
The guess is a heuristic (letters counted by script, a few Darija marker
words, digits 2/3/5/7/9 inside Latin words); it is for reporting only."""
import email, email.policy, json, os, re, subprocess, sys

DARIJA_AR = set("ديال ديالي ديالنا ديالهم كاين كاينة كاينين ماكاينش واش بغيت بغينا بزاف "
                "هادشي هادي هاد فين علاش شحال دابا خاصهم خاص مازال والو كنطلبو كنتمنى "
                "ماشي غير راه حتى كيدوزو".split())
DARIJA_LAT = set("dyal dial dyali dialna dyalna kayn kayna kaynin makaynch wach bghit bghina "
                 "bzaf hadchi hadi had fin 3lach ch7al daba khass khasshom mazal walo rah "
                 "machi ghir ta wla mn bach kan kanet".split())


def text_of(path):
    with open(path, "rb") as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    parts = [str(m.get("Subject", ""))]
    for p in m.walk():
        if p.get_content_maintype() == "text":
            try:
                parts.append(p.get_content())
            except Exception:
                pass
    return "\n".join(parts)


def language(t):
    ar = len(re.findall(r"[\u0600-\u06ff]", t))
    la = len(re.findall(r"[A-Za-zÀ-ÿ]", t))
    words = re.findall(r"[\w']+", t.lower())
    if ar and la and min(ar, la) > 0.15 * (ar + la):
        return "mixed"
    if ar > la:
        return "darija-ar" if sum(w in DARIJA_AR for w in words) >= 1 else "msa"
    arabizi = sum(bool(re.search(r"[a-z][2379]|[2379][a-z]", w)) or w in DARIJA_LAT for w in words)
    return "darija-lat" if arabizi >= 2 else "french"


def main():
    bureau = sys.argv[1]
    rules = sys.argv[2] if len(sys.argv) > 2 else "rules"
    ddir = sys.argv[3] if len(sys.argv) > 3 else "tests/data/labelled"
    out = subprocess.run([bureau, "--json", "rules", "test", ddir, "--rules", rules],
                         capture_output=True, text=True)
    rep = json.loads(out.stdout)
    bad = {m["file"]: m for m in rep["misrouted"]}
    labels = [l.split("\t") for l in open(os.path.join(ddir, "labels.tsv"), encoding="utf-8")
              if l.strip() and not l.startswith("#")]
    by = {}
    for row in labels:
        f = row[0]
        lang = language(text_of(os.path.join(ddir, f)))
        m = bad.get(f)
        d = not m or m["department"] == m["expected_department"]
        k = not m or m["kind"] == m["expected_kind"]
        for key in (lang, "all"):
            s = by.setdefault(key, [0, 0, 0])
            s[0] += 1
            s[1] += d
            s[2] += k
    for key in ("msa", "darija-ar", "french", "darija-lat", "mixed", "all"):
        if key in by:
            n, d, k = by[key]
            print(f"{key:11s} {n:4d} messages  department {100.0 * d / n:5.1f}% ({d})  "
                  f"kind {100.0 * k / n:5.1f}% ({k})")


if __name__ == "__main__":
    main()
