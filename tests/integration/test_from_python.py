"""The sender bureau takes from a From line, checked against Python's
email.headerregistry (email.policy.default) on generated hostile lines
(issue 12, item 1).

Several hundred From values are generated from a fixed seed: comments
holding <addr>, nested and unbalanced comments and quotes, quoted strings
with \\" < > @ and commas, groups, obsolete routes, several mailboxes,
encoded words, missing angle brackets, CR / LF / NUL, very long lines, two
From fields, and random specials dropped into valid lines. Each becomes one
message, all are ingested in one `bureau ingest`, and the sender_addr of
each entry is compared with what Python reads:

- agree: bureau's address is the one address Python reads (domain compared
  without case), or
- no sender: bureau registered the message without a sender address (or
  quarantined it).

Anything else is a failure. A set of ordinary From lines must all give an
address (a parser that refused everything would "agree" too), and the
figures are printed: N agree + M no sender of N+M.
"""
import email
import email.policy
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, bureau, clean_up, db_rows, tempdir, write_config  # noqa: E402

SEED = 12
N_RANDOM = 400

ADDRS = ["ali@citizen.test", "Ali.Ben@Citizen.TEST", "victim@evil.test", "x+tag@sub.example.ma",
         "o'neil@citizen.test", "head-urbanisme@commune.test", "a_b-c@x-y.test"]
NAMES = ["Ali", "Ali Ben", "John Q. Public", "Fatima-Zahra", "=?utf-8?b?2YHYp9i32YXYqQ==?=",
         "=?iso-8859-1?q?R=E9clamation?=", "=?utf-8?q?victim=40evil.test?=",
         "محمد العلوي", "O'Neil"]
QUOTED = ['"Ali, Ben"', '"\\"<victim@evil.test>\\""', '"a@b.test <c@d.test>"', '"x\\\\y"',
          '"(not a comment)"', '"Ali \\"the\\" Ben"', '""', '"<>"', '"=?utf-8?q?a?="']
COMMENTS = ["(Ali)", "(<victim@evil.test>)", "(comment <victim@evil.test>)", "((nested) <a@b.test>)",
            "(a \\) <victim@evil.test>)", "(\\(<victim@evil.test>)", "()", "(((((deep)))))",
            "(" * 40 + ")" * 40, "(\"quoted <victim@evil.test>\")", "(=?utf-8?q?x?=)"]
BENIGN = [
    "ali@citizen.test", "<ali@citizen.test>", "Ali <ali@citizen.test>", "Ali Ben <Ali.Ben@Citizen.TEST>",
    '"Ben, Ali" <ali@citizen.test>', "John Q. Public <jqp@x.test>", "ali@citizen.test (Ali Ben)",
    "=?utf-8?b?2YHYp9i32YXYqQ==?= <fatima@citizen.test>", "=?iso-8859-1?q?R=E9mi?= <remi@x.test>",
    "محمد <m@citizen.test>", '"Ali \\"the\\" Ben" <ali@citizen.test>', "  ali@citizen.test  ",
    "Ali\r\n <ali@citizen.test>", "Ali <ali@citizen.test>\r\n\t(comment)", "ali@citizen.test,",
    "(c) Ali <ali@citizen.test>", "x+tag@sub.example.ma", "o'neil@citizen.test",
]


def rnd_addr(r):
    return r.choice(ADDRS)


def piece(r):
    """One hostile From value."""
    a, v = rnd_addr(r), rnd_addr(r)
    forms = [
        lambda: f"{a} {r.choice(COMMENTS)}",
        lambda: f"{r.choice(COMMENTS)} {a}",
        lambda: f"{r.choice(NAMES)} <{a}> {r.choice(COMMENTS)}",
        lambda: f"{r.choice(QUOTED)} <{a}>",
        lambda: f"{r.choice(QUOTED)}@evil.test",
        lambda: f'"{v}"@evil.test',
        lambda: f"{a}, {v}",
        lambda: f"{r.choice(NAMES)} <{a}>, {r.choice(NAMES)} <{v}>",
        lambda: "undisclosed:;",
        lambda: f"g: {a}, {v};",
        lambda: f"g: {a};",
        lambda: f"{r.choice(NAMES)}: <{a}>;",
        lambda: f"<@route.test:{a}>",
        lambda: f"{r.choice(NAMES)} <@r1.test,@r2.test:{a}>",
        lambda: f"{a} <{v}>",
        lambda: f"<{a}> {v}",
        lambda: f"{r.choice(NAMES)} <{a}",
        lambda: f"{r.choice(NAMES)} {a}>",
        lambda: f"{a}>",
        lambda: f"({a} <{v}>",
        lambda: f'"{a} <{v}>',
        lambda: f"{a})",
        lambda: f"{a}@{v}",
        lambda: f"=?utf-8?q?{a.split('@')[0]}?=@evil.test",
        lambda: f"=?utf-8?q?{a.replace('@', '=40')}?=",
        lambda: f"{a.split('@')[0]} . x@{a.split('@')[1]}",
        lambda: f"{a.split('@')[0]}@ {a.split('@')[1].replace('.', ' . ')}",
        lambda: f"{a.split('@')[0]}@[192.0.2.1]",
        lambda: f"{a} (x)\r\n <{v}>",
        lambda: f"{a}\r<{v}>",
        lambda: f"{a}\n<{v}>",
        lambda: f"{a}\x00<{v}>",
        lambda: f"{a}\x00",
        lambda: f"{r.choice(NAMES)} \x1b[2J<{a}>",
        lambda: f"{'A' * r.randint(500, 6000)} <{a}>",
        lambda: f"{a} ({'x' * r.randint(500, 6000)} <{v}>)",
        lambda: " ".join(["w"] * r.randint(100, 1500)) + f" <{a}>",
        lambda: f"{r.choice(NAMES)}\r\n\t<{a}>",
        lambda: f"\"{'q' * 40}\\\"{v}\" <{a}>",
        lambda: f"{a.split('@')[0]}.@{a.split('@')[1]}",
        lambda: f"..{a}",
        lambda: f"{a}..",
        lambda: f"@{a}",
        lambda: f"{a}@",
        lambda: "",
        lambda: f"{r.choice(NAMES)} <>",
        lambda: f"<{a}>, <{v}>",
        lambda: f"{r.choice(NAMES)} <{a}>;",
        lambda: f"{r.choice(NAMES)} <{a} >",
        lambda: f"{r.choice(NAMES)} < {a} (c) >",
    ]
    return r.choice(forms)()


def mutate(r, s):
    """Drop a few specials, quotes, parens or line breaks into s."""
    s = list(s)
    for _ in range(r.randint(1, 3)):
        ch = r.choice(list('<>()",;:@\\.[]') + ["\r\n ", "\t", "=?", "\\\"", "(<victim@evil.test>)"])
        s.insert(r.randint(0, len(s)), ch)
    return "".join(s)


def cases():
    r = random.Random(SEED)
    out = [("benign", b) for b in BENIGN]
    out += [("attack", "attacker@evil.test (<ali@citizen.test>)"),
            ("attack", "ali10@citizen.test (comment <victim@evil.test>)")]
    while len(out) < len(BENIGN) + 2 + N_RANDOM:
        k = r.random()
        if k < 0.6:
            out.append(("hostile", piece(r)))
        elif k < 0.9:
            out.append(("mutated", mutate(r, r.choice(BENIGN + [piece(r)]))))
        else:
            out.append(("two-from", f"{piece(r)}\r\nFrom: {rnd_addr(r)}"))
    return out


def message(i, value):
    head = (f"Message-ID: <case-{i}@from.test>\r\nSubject: case {i}\r\n"
            "Date: Mon, 2 Mar 2026 10:00:00 +0000\r\nTo: bo@commune.test\r\n")
    return head.encode() + b"From: " + value.encode("utf-8") + b"\r\n\r\nbody\r\n"


def python_sender(raw):
    """The one address Python reads from the first From field, domain
    lower-cased; None when it reads none, several, or fails."""
    try:
        m = email.message_from_bytes(raw, policy=email.policy.default)
        h = m["from"]
        if h is None:
            return None
        addrs = h.addresses
        if len(addrs) != 1:
            return None
        spec = addrs[0].addr_spec
    except Exception:  # noqa: BLE001 - Python's own failure means: no sender
        return None
    local, at, dom = spec.rpartition("@")
    return f"{local}@{dom.lower()}" if at and local else None


def main():
    t = Tally("from_python")
    work = tempdir()
    db = os.path.join(work, "bureau.db")
    conf = write_config(os.path.join(work, "bureau.conf"), db)
    t.eq(bureau(conf, "init").returncode, 0, "init")
    all_cases = cases()
    files = []
    for i, (_, value) in enumerate(all_cases):
        path = os.path.join(work, f"{i:04d}.eml")
        with open(path, "wb") as f:
            f.write(message(i, value))
        files.append(path)
    p = bureau(conf, "ingest", *files, timeout=600)
    t.eq(p.returncode, 0, f"ingest: {p.stderr[-500:]}")
    got = {mid: addr for mid, addr in db_rows(db, "SELECT message_id, sender_addr FROM entries")}
    agree = nosender = 0
    per_kind = {}
    for i, (kind, value) in enumerate(all_cases):
        with open(files[i], "rb") as f:
            raw = f.read()
        ours = got.get(f"case-{i}@from.test")
        theirs = python_sender(raw)
        k = per_kind.setdefault(kind, [0, 0, 0])
        if ours is None:
            nosender += 1
            k[1] += 1
            if kind == "benign":
                t.check(False, f"benign From {value!r} gives no sender (Python: {theirs!r})")
        elif ours == theirs:
            agree += 1
            k[0] += 1
        else:
            k[2] += 1
            t.check(False, f"case {i} ({kind}) From {value[:120]!r}: bureau {ours!r}, Python {theirs!r}")
    total = len(all_cases)
    print(f"From agreement with Python: {agree} same address + {nosender} no sender = "
          f"{agree + nosender} of {total} (seed {SEED})")
    for kind, (a, n, d) in sorted(per_kind.items()):
        print(f"  {kind}: {a} same, {n} no sender, {d} different")
    t.eq(agree + nosender, total, "every From line agrees with Python or gives no sender")
    t.check(per_kind.get("attack", [0])[0] == 2, "the two attack lines give Python's address")
    clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
