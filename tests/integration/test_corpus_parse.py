"""Every message of ../shared/corpus/*/ and tests/data/mime/ through
`bureau parse`: in-process (a parser bug shows as a signal) and --isolated
(the worker path, whose output must be identical). Exit status must be 0 or
65, never a signal or anything else; a 0 must come with valid JSON. CI also
runs this under ASan+UBSan, where a memory error makes the in-process run
die with a non-zero status. Skipped (77) only when ../shared/corpus is
absent."""
import glob
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import SHARED, SRC, Tally, bureau, skip  # noqa: E402


def run(path, *extra):
    p = bureau(None, "parse", path, "--json", *extra, timeout=300)
    doc = None
    if p.returncode == 0:
        try:
            doc = json.loads(p.stdout)
        except ValueError:
            doc = None
    return p, doc


def main():
    corpus_dir = os.path.join(SHARED, "corpus")
    if not os.path.isdir(corpus_dir):
        skip(f"{corpus_dir} absent")
    t = Tally("corpus_parse")
    files = sorted(glob.glob(os.path.join(corpus_dir, "*", "*.eml")))
    files += sorted(glob.glob(os.path.join(SRC, "tests", "data", "mime", "*.eml")))
    t.check(len(files) > 0, "corpus has messages")
    counts = {"parsed": 0, "rejected": 0}
    rejected = []
    for path in files:
        rel = os.path.relpath(path, os.path.dirname(corpus_dir))
        p, doc = run(path)
        q, qdoc = run(path, "--isolated")
        ok = p.returncode in (0, 65)
        t.check(ok, f"{rel}: in-process exit {p.returncode} {p.stderr.strip()[:300]}")
        t.check(q.returncode in (0, 65), f"{rel}: isolated exit {q.returncode} {q.stderr.strip()[:300]}")
        if p.returncode == 0:
            counts["parsed"] += 1
            t.check(doc is not None and "body" in doc and "attachments" in doc,
                    f"{rel}: JSON with body and attachments")
        elif p.returncode == 65:
            counts["rejected"] += 1
            rejected.append(f"{rel}: {p.stderr.strip()}")
            t.check(p.stderr.strip() != "", f"{rel}: rejection gives a reason")
        if ok:
            t.eq(q.returncode, p.returncode, f"{rel}: isolated and in-process agree on the outcome")
            if doc is not None:
                t.check(qdoc == doc, f"{rel}: isolated JSON identical to in-process JSON")
    for r in rejected:
        print(f"rejected: {r}")
    print(f"{len(files)} messages: {counts['parsed']} parsed, {counts['rejected']} rejected")
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
