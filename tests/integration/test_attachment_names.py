"""Attachment names that disguise themselves (issue 12 item 8): a citizen's
mail whose attachments are named with U+202E ("07-evil<RLO>txt.exe" reads
"07-evilexe.txt"), U+200D, U+2066, a soft hyphen, a BOM and trailing dots and
spaces. The register keeps the names as sent; `bureau attachments` saves
the files under names where every such character is '_' (and without the
trailing dots or spaces), `show` prints those names, `show --json` gives
them as "filename" and the name as sent as "filename_original", `parse`
likewise. No file name, no line of `show` and no JSON "filename" holds a
bidi control or format character."""
import os
import sys
import unicodedata
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from common import Tally, bureau, clean_up, db_rows, tempdir, write_config  # noqa: E402

NAMES = [  # (as sent, as saved after "NN-", as shown)
    ("evil\u202etxt.exe", "evil_txt.exe"),
    ("fac\u200dture.pdf", "fac_ture.pdf"),
    ("\u2066rapport\u2069.pdf", "_rapport_.pdf"),
    ("note.txt. . ", "note.txt"),
    ("\ufeffdevis\u00ad.odt", "_devis_.odt"),
    ("شكاية الأزبال.pdf", "شكاية الأزبال.pdf"),  # an honest Arabic name is kept
]


def hidden(s):
    return [c for c in s if unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp")]


def message(subject="pieces", msgid="names@citizen.test"):
    parts = []
    for i, (name, _) in enumerate(NAMES):
        enc = urllib.parse.quote(name, safe="")
        parts.append("--BB\r\nContent-Type: application/octet-stream\r\n"
                     f"Content-Disposition: attachment; filename*=utf-8''{enc}\r\n"
                     "Content-Transfer-Encoding: base64\r\n\r\n"
                     + ["cGFydDA=", "cGFydDE=", "cGFydDI=", "cGFydDM=", "cGFydDQ=", "cGFydDU="][i]
                     + "\r\n")
    return ("From: Citoyen <evil@citizen.test>\r\nTo: bo@commune.test\r\n"
            f"Subject: {subject}\r\nMessage-ID: <{msgid}>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=BB\r\n\r\n--BB\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\nvoir les pièces jointes\r\n"
            + "".join(parts) + "--BB--\r\n").encode("utf-8")


def followup_case(t, work, conf, num):
    """The same names on a follow-up's attachments: show lists them cleaned,
    `attachments --all` saves them as rID-NN-cleaned."""
    p = bureau(conf, "ingest", input=message(f"Re: [BO {num}] pieces", "names-2@citizen.test"))
    t.eq(p.returncode, 0, f"ingest the follow-up: {p.stderr}")
    j = bureau(conf, "show", num, json_out=True).json or {}
    fus = j.get("followups") or []
    t.eq(len(fus), 1, "the follow-up is attached to the entry")
    if not fus:
        return
    t.eq([a.get("filename") for a in fus[0].get("attachments", [])], [s for _, s in NAMES],
         "show --json: the follow-up's attachment names cleaned")
    p = bureau(conf, "show", num)
    t.eq(hidden(p.stdout.replace("\n", "")), [], "show (with the follow-up) prints no hidden character")
    out = os.path.join(work, "pj-all")
    p = bureau(conf, "attachments", num, out, "--all")
    t.eq(p.returncode, 0, f"attachments --all: {p.stderr}")
    raw = fus[0].get("raw_id")
    got = sorted(n for n in os.listdir(out) if n.startswith("r")) if os.path.isdir(out) else []
    t.eq(got, sorted(f"r{raw}-{i + 1:02d}-{s}" for i, (_, s) in enumerate(NAMES)),
         "the follow-up's attachments saved under cleaned names")


def main():
    t = Tally("attachment_names")
    work = tempdir("bureau-attnames-")
    try:
        db = os.path.join(work, "bureau.db")
        conf = write_config(os.path.join(work, "bureau.conf"), db)
        t.eq(bureau(conf, "init").returncode, 0, "init")
        raw = message()
        p = bureau(conf, "ingest", input=raw)
        t.eq(p.returncode, 0, f"ingest: {p.stderr}")
        num = p.stdout.split()[1] if p.stdout.split()[1:] else "1"
        kept = [r[0] for r in db_rows(db, "SELECT filename FROM attachments ORDER BY idx")]
        t.eq(kept, [n for n, _ in NAMES], "the register keeps every name as sent")

        out = os.path.join(work, "pj")
        p = bureau(conf, "attachments", num, out)
        t.eq(p.returncode, 0, f"attachments: {p.stderr}")
        want = sorted(f"{i + 1:02d}-{s}" for i, (_, s) in enumerate(NAMES))
        got = sorted(os.listdir(out)) if os.path.isdir(out) else []
        t.eq(got, want, "saved under the cleaned names")
        for name in got:
            t.eq(hidden(name), [], f"no hidden character in the saved name {name!r}")
        for i in range(len(NAMES)):
            path = os.path.join(out, want[[w[:3] for w in want].index(f"{i + 1:02d}-")])
            with open(path, "rb") as f:
                t.eq(f.read(), f"part{i}".encode(), f"attachment {i + 1}: its bytes")

        p = bureau(conf, "show", num)
        t.eq(p.returncode, 0, "show")
        t.eq(hidden(p.stdout.replace("\n", "")), [], "show prints no hidden character")
        for i, (_, s) in enumerate(NAMES):
            t.check(f"  {i + 1}. {s} (" in p.stdout, f"show lists attachment {i + 1} as {s!r}")

        j = bureau(conf, "show", num, json_out=True).json or {}
        atts = j.get("attachments", [])
        t.eq([a.get("filename") for a in atts], [s for _, s in NAMES],
             "show --json: filename is the cleaned name")
        t.eq([a.get("filename_original") for a in atts],
             [n if n != s else None for n, s in NAMES],
             "show --json: filename_original is the name as sent, only where it differs")

        eml = os.path.join(work, "m.eml")
        with open(eml, "wb") as f:
            f.write(raw)
        p = bureau(conf, "parse", eml)
        t.eq(hidden(p.stdout.replace("\n", "")), [], "parse prints no hidden character")
        pj = bureau(conf, "parse", eml, json_out=True).json or {}
        t.eq([a.get("filename") for a in pj.get("attachments", [])], [s for _, s in NAMES],
             "parse --json: filename is the cleaned name")
        followup_case(t, work, conf, num)
    finally:
        clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
