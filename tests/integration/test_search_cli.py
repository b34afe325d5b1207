"""Search as clerks type it (issue 13, item 1): several Arabic words, the
article, singular/plural, prefixes and FTS5's own syntax never give an SQL
error, through `bureau search` and `bureau list --text`."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from common import Tally, bureau, clean_up, tempdir, write_config  # noqa: E402

t = Tally("search_cli")
work = tempdir()
db = os.path.join(work, "bureau.db")
conf = write_config(os.path.join(work, "bureau.conf"), db)

MAILS = [
    ("fatima@citizen.test", "شكاية", "تراكم النفايات في حي السلام منذ أسبوع"),
    ("ali@citizen.test", "الواد الحار", "الواد الحار خارج فالزنقة، ما كاين حتى حل"),
    ("marie@citizen.test", "Réclamation", "Les marchés couverts sont sales."),
    ("said@citizen.test", "Le marcher", "Je voudrais marcher dans le parc."),
]


def mail(sender, subject, body):
    from email.header import Header
    return (f"From: {sender}\r\nTo: bo@commune.test\r\nSubject: {Header(subject, 'utf-8').encode()}\r\n"
            f"Message-ID: <{abs(hash(body))}@citizen.test>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n").encode("utf-8")


def found(*args, cmd="search"):
    p = bureau(conf, cmd, *args, json_out=True)
    ok = p.returncode == 0 and p.json is not None
    t.check(ok, f"{cmd} {args!r} runs: rc={p.returncode} {p.stderr.strip()}")
    return sorted(e["sender_addr"].split("@")[0] for e in (p.json or []))


try:
    t.eq(bureau(conf, "init").returncode, 0, "init")
    for m in MAILS:
        p = bureau(conf, "ingest", input=mail(*m))
        t.eq(p.returncode, 0, f"ingest {m[0]}: {p.stderr}")

    t.eq(found("حي", "السلام"), ["fatima"], "search حي السلام")
    t.eq(found("الواد الحار"), ["ali"], "search \"الواد الحار\"")
    t.eq(found("تراكم", "النفايات"), ["fatima"], "search تراكم النفايات")
    t.eq(found("--text", "حي السلام", cmd="list"), ["fatima"], "list --text \"حي السلام\"")
    t.eq(found("نفاية"), ["fatima"], "نفاية finds النفايات")
    t.eq(found("marche"), ["marie"], "marche finds marchés")
    t.eq(found("march*"), ["marie", "said"], "march* is a prefix")
    t.eq(found("الما"), [], "الما does not match the particle ما")
    t.eq(found("ما"), ["ali"], "ما itself is found")
    p = bureau(conf, "search", "\"", "-", "*", "(", ")", ":")
    t.check(p.returncode != 0 and "nothing to search for" in p.stderr and "fts5" not in p.stderr,
            f"only syntax: nothing to search for: {p.returncode} {p.stderr!r}")
    for q in ["حي OR", "AND السلام", "NEAR(حي", "\"حي", "-حي", "حي) (", "subject:حي", "*حي*"]:
        p = bureau(conf, "search", q)
        t.check(p.returncode == 0 and "fts5" not in p.stderr, f"search {q!r}: {p.returncode} {p.stderr!r}")
finally:
    clean_up(t, work)
sys.exit(t.finish())
