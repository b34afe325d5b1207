"""Decoding checked against an independent decoder: Python's email package.

For our own Arabic/French messages in tests/data/mime/ and every message of
../shared/corpus/*/, `bureau parse FILE --json` must agree with
email.policy.default on the subject, the From display name and the body text
(get_body(preferencelist=('plain', 'html')); HTML reduced to text by a small
html.parser extractor), after whitespace normalisation.

Where bureau deliberately overrides the declared charset (charset_guessed),
Python's body bytes are decoded with the charset bureau chose and compared
again. Messages Python cannot decode, that bureau rejects (caps, broken
structure) or where the two disagree are listed separately. Own messages
must all agree; corpus messages must agree on at least MIN_CORPUS_SHARE.
"""
import email
import email.policy
import glob
import html.parser
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import SHARED, SRC, Tally, bureau, skip  # noqa: E402

MIN_CORPUS_SHARE = 0.85
OWN_DIR = os.path.join(SRC, "tests", "data", "mime")
OWN_REJECTED = {"deep_nesting.eml", "many_parts.eml", "long_header.eml"}
BODY_CMP_MAX = 200000  # compare at most this many characters of body text


class TextOut(html.parser.HTMLParser):
    SKIP = {"script", "style", "title", "noscript", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_text(s):
    p = TextOut()
    try:
        p.feed(s)
        p.close()
    except Exception:  # noqa: BLE001 - hostile HTML
        pass
    return "".join(p.parts)


def norm(s):
    s = unicodedata.normalize("NFC", s or "")
    s = s.replace("\u00a0", " ").replace("\ufeff", "").replace("\x00", "")
    return " ".join(s.split())


STRUCTURAL_DEFECTS = (
    "StartBoundaryNotFoundDefect", "CloseBoundaryNotFoundDefect", "NoBoundaryInMultipartDefect",
    "MultipartInvariantViolationDefect", "MissingHeaderBodySeparatorDefect",
    "FirstHeaderLineIsContinuationDefect", "MisplacedEnvelopeHeaderDefect",
    "InvalidMultipartContentTransferEncodingDefect", "InvalidBase64PaddingDefect",
    "InvalidBase64LengthDefect",
)


def structural_defects(m):
    found = set()
    for part in m.walk():
        for d in part.defects:
            if type(d).__name__ in STRUCTURAL_DEFECTS:
                found.add(type(d).__name__)
    return sorted(found)


def same(ours, theirs):
    """Equal after whitespace normalisation; else equal with all whitespace
    removed; else equal where Python put U+FFFD for bytes it could not
    decode and bureau recovered a character set. Returns '' when different,
    'exact', 'spacing' or 'recovered'."""
    a, b = norm(ours), norm(theirs)
    if a == b:
        return "exact"
    a2, b2 = "".join(a.split()), "".join(b.split())
    if a2 == b2:
        return "spacing"
    if "\ufffd" in b2 and "\ufffd" not in a2 and len(b2) < 20000:
        pat = "".join(".{1,4}?" if c == "\ufffd" else re.escape(c) for c in b2)
        pat = re.sub(r"(\.\{1,4\}\?)+", ".+?", pat)
        if re.fullmatch(pat, a2, re.S):
            return "recovered"
    return ""


def python_view(raw):
    """(subject, from_name, body_text, body_bytes, is_html) or raises."""
    m = email.message_from_bytes(raw, policy=email.policy.default)
    subject = str(m["subject"]) if m["subject"] is not None else ""
    name = ""
    if len(m.get_all("from") or []) > 1:
        pass  # two From fields: no sender, by design (address.h; Python takes the first)
    elif m["from"] is not None:
        addrs = m["from"].addresses
        if addrs:
            name = addrs[0].display_name or ""
    body = m.get_body(preferencelist=("plain", "html"))
    text, raw_bytes, is_html = "", b"", False
    if body is not None:
        is_html = body.get_content_type() == "text/html"
        raw_bytes = body.get_payload(decode=True) or b""
        try:
            text = body.get_content()
        except LookupError:
            text = None  # a charset label Python does not know
        if is_html and text is not None:
            text = html_text(text)
    return subject, name, text, raw_bytes, is_html, structural_defects(m)


def has_surrogates(s):
    return any(0xDC80 <= ord(c) <= 0xDCFF for c in s)


def compare(path, t, own):
    """Returns one of: agree, agree-guessed, rejected, python-failed, disagree."""
    with open(path, "rb") as f:
        raw = f.read()
    p = bureau(None, "parse", path, "--json")
    if p.returncode == 65:
        return "rejected", p.stderr.strip()
    if p.returncode != 0:
        return "crashed", f"exit {p.returncode}: {p.stderr.strip()[:200]}"
    try:
        got = __import__("json").loads(p.stdout)
    except ValueError:
        return "crashed", "unparsable JSON"
    try:
        subject, name, text, body_bytes, is_html, defects = python_view(raw)
    except Exception as e:  # noqa: BLE001 - Python's own failure is data
        return "python-failed", f"{type(e).__name__}: {e}"[:200]
    if has_surrogates(subject) or has_surrogates(name):
        return "python-failed", "Python left undecodable 8-bit header bytes"
    bad, how = [], set()
    for field, ours, theirs in (("subject", got["subject"], subject),
                                ("from_name", got["from_name"], name)):
        r = same(ours, theirs)
        if not r and "=?" in theirs and "=?" not in (ours or ""):
            return "python-failed", f"Python left {field} encoded: {theirs[:80]!r}"
        if not r:
            bad.append(f"{field} {ours!r} vs {theirs!r}")
        how.add(r)
    body = (got["body"] or "")[:BODY_CMP_MAX]
    r = same(body, (text or "")[:BODY_CMP_MAX]) if text is not None else ""
    if not r and (got["charset_guessed"] or text is None):
        alt = body_bytes.decode(got["body_charset"], "replace").replace("\r\n", "\n")
        r = same(body, (html_text(alt) if is_html else alt)[:BODY_CMP_MAX])
        r = r and "recovered"
    how.add(r)
    if not r:
        a, b = norm(body), norm(text)
        i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
        bad.append(f"body differs at {i}: {a[max(0, i - 30):i + 40]!r} vs {b[max(0, i - 30):i + 40]!r}")
    if bad and defects:
        return "broken", f"Python reports {', '.join(defects)}; " + "; ".join(bad)
    if bad:
        return "disagree", "; ".join(bad)
    return ("agree-recovered" if "recovered" in how else "agree"), ""


def main():
    t = Tally("decode_python")
    own = sorted(glob.glob(os.path.join(OWN_DIR, "*.eml")))
    t.check(len(own) >= 15, f"own test messages present ({len(own)})")
    for path in own:
        name = os.path.basename(path)
        kind, why = compare(path, t, True)
        if name in OWN_REJECTED:
            t.eq(kind, "rejected", f"{name} rejected by a cap ({why})")
        else:
            t.check(kind in ("agree", "agree-recovered"), f"{name}: {kind}: {why}")
            print(f"own {name}: {kind}")
    corpus_dir = os.path.join(SHARED, "corpus")
    if not os.path.isdir(corpus_dir):
        print(f"{corpus_dir} absent: corpus comparison skipped")
        if not own:
            skip("no messages")
        sys.exit(t.finish())
    files = sorted(glob.glob(os.path.join(corpus_dir, "*", "*.eml")))
    buckets = {}
    for path in files:
        kind, why = compare(path, t, False)
        buckets.setdefault(kind, []).append((os.path.relpath(path, corpus_dir), why))
    for kind in ("rejected", "python-failed", "broken", "disagree", "crashed", "agree-recovered"):
        for rel, why in buckets.get(kind, []):
            print(f"{kind:14} {rel}: {why}")
    comparable = len(files) - sum(len(buckets.get(k, [])) for k in ("rejected", "python-failed", "broken"))
    agreed = len(buckets.get("agree", [])) + len(buckets.get("agree-recovered", []))
    share = agreed / comparable if comparable else 0.0
    print(f"corpus: {len(files)} files, {agreed} agree "
          f"({len(buckets.get('agree-recovered', []))} after charset recovery), "
          f"{len(buckets.get('disagree', []))} disagree, {len(buckets.get('rejected', []))} rejected, "
          f"{len(buckets.get('python-failed', []))} Python failed, "
          f"{len(buckets.get('broken', []))} broken (Python reports structural defects), "
          f"{len(buckets.get('crashed', []))} crashed; agreement {share:.1%} of comparable")
    t.check(len(files) > 0, "corpus has messages")
    t.eq(len(buckets.get("crashed", [])), 0, "no corpus message crashes bureau parse")
    t.check(share >= MIN_CORPUS_SHARE, f"corpus agreement {share:.1%} >= {MIN_CORPUS_SHARE:.0%}")
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
