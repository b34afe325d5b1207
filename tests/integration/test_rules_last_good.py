"""A typo in a rule file does not stop the desk (issue 13 item 3).

The rules that load are kept beside the database (bureau.db.last-good-rules).
Then a rule file gets a typo (and a new rule that routes a test word
elsewhere), and:
- the clerk commands work: list, show, search, assign (its department id
  checked against the last good rules: a wrong one is still refused, listing
  the valid ones), reclassify, status, urgent, departments, kinds, due,
  overdue, stats, export, outbox list, drafts list, departures list — each
  exits 0; those that read the rules print every error as file:line:col and
  that they run on the last good rules;
- ingest (it classifies) registers with the last good rules: the rule of the
  broken file is not used; the warning names the file and line;
- rules explain and rules apply are about the files: refused, exit 78;
- `serve` starts on the last good rules against a private Dovecot, logs at
  error level the refused file:line:col and that it runs on the last good
  rules, and registers mail routed by them; SIGTERM exits 0;
- fixed, the files are used again, silently, and become the last good rules;
- with no copy kept, or a damaged one, a command that needs the rules says so
  (exit 78) — nothing half-loaded.
Before the fix assign, status, reclassify, urgent, departments, kinds and
stats exited 78 (or went on without labels) and serve did not start."""
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import SRC, Tally, bureau, clean_up, db_rows, tempdir  # noqa: E402
from test_serve import ENV, Env, dump_on_failure, make_message, require_environment, wait_until  # noqa: E402
import dovecot  # noqa: E402

ALPHA, BETA = "qwxalphaword", "qwxbetaword"
DEPT_A, DEPT_B = "eclairage-public", "espaces-verts"


def rule(name, dept, word):
    return (f"rule {name}\n  department: {dept}\n  weight: 50\n"
            f"  fields: subject, body\n  pattern: {word}\n")


GOOD = "# test rules\n" + rule("t-alpha", DEPT_A, ALPHA)
FIXED = GOOD + rule("t-beta", DEPT_B, BETA)
BROKEN = FIXED + "rule t-broken\n  department: " + DEPT_A + "\n  patern: x\n"
BAD_LINE = BROKEN.count("\n")  # the misspelt key, 1-based


def message(i, word):
    return make_message(i, "lg", subject=f"Objet {word}", body=f"Bonjour,\r\n{word}\r\n")


def dept_of(db, i):
    rows = db_rows(db, "SELECT department FROM entries WHERE message_id IN (?, ?)",
                   (f"lg-{i}@example.test", f"<lg-{i}@example.test>"))
    return rows[0][0] if rows else None


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


WARN = re.compile(r"running on the last good rules")


def clerk_commands(t, env, extra):
    """With the broken file on disk, every clerk command works."""
    diag = re.escape(extra) + rf":{BAD_LINE}:\d+: unknown key 'patern'"
    cmds = [("list",), ("show", "1"), ("search", ALPHA), ("assign", "1", "travaux-voirie"),
            ("reclassify", "1", "information-request"),
            ("status", "1", "in-progress", "--note", "vu"), ("extend", "1", "--reason", "test"),
            ("urgent", "1", "--reason", "test"), ("departments",), ("kinds",),
            ("due", "--within", "90d"), ("overdue",), ("stats",), ("export",),
            ("outbox", "list"), ("drafts", "list"), ("departures", "list")]
    for args in cmds:
        p = bureau(env.conf, *args, env=ENV, actor="amina")
        t.eq(p.returncode, 0, f"{' '.join(args)} works with a broken rule file: {p.stderr[-400:]}")
        if WARN.search(p.stderr):
            t.check(re.search(diag, p.stderr), f"{args[0]}: the error is named file:line:col: "
                    f"{p.stderr[-400:]!r}")
    for args in [("assign", "1", "travaux-voirie"), ("status", "1", "in-progress"),
                 ("departments",), ("reclassify", "1", "complaint")]:
        p = bureau(env.conf, *args, env=ENV, actor="amina")
        t.check(WARN.search(p.stderr) and re.search(diag, p.stderr),
                f"{args[0]} says it runs on the last good rules, naming {extra}:{BAD_LINE}: "
                f"{p.stderr[-400:]!r}")
    rows = db_rows(env.db, "SELECT department, kind, status FROM entries WHERE seq = 1")
    t.eq(rows, [("travaux-voirie", "complaint", "in-progress")],
         "assign, reclassify and status took effect")
    p = bureau(env.conf, "assign", "1", "urbanism", env=ENV)
    t.eq(p.returncode, 64, "assign to an unknown department is still refused")
    t.check("eclairage-public" in p.stdout + p.stderr,
            f"the valid ids come from the last good rules: {p.stderr[-300:]!r}")
    p = bureau(env.conf, "departments", env=ENV, json_out=True)
    t.check(p.returncode == 0 and DEPT_A in p.stdout, "departments --json from the last good rules")
    for args in [("rules", "apply", "1"), ("rules", "explain", "1")]:
        p = bureau(env.conf, *args, env=ENV)
        t.eq(p.returncode, 78, f"{' '.join(args)} is about the files: refused")
        t.check(re.search(diag, p.stderr) and "nothing was done" in p.stderr,
                f"{args[1]} names the error: {p.stderr[-300:]!r}")


def ingest_on_last_good(t, env, extra):
    p = bureau(env.conf, "ingest", input=message(2, BETA), env=ENV)
    t.eq(p.returncode, 0, f"ingest registers with the rules broken: {p.stderr[-300:]}")
    t.check(WARN.search(p.stderr) and re.search(re.escape(extra) + rf":{BAD_LINE}:", p.stderr),
            f"ingest warns, naming the file and line: {p.stderr[-300:]!r}")
    t.check(dept_of(env.db, 2) not in (None, DEPT_B),
            f"the rule of the refused file is not used ({BETA} not routed to {DEPT_B}): "
            f"{dept_of(env.db, 2)}")
    p = bureau(env.conf, "ingest", input=message(3, ALPHA), env=ENV)
    t.eq(dept_of(env.db, 3), DEPT_A, f"the last good rules route {ALPHA} to {DEPT_A}")


def serve_on_last_good(t, env, d, extra):
    s = env.serve()
    try:
        t.check(s.wait_log(r"serving 1 mailbox", 10), f"serve starts with a broken rule file: "
                f"{s.log()[-600:]!r}")
        log = s.log()
        t.check(re.search(r"bureau\[error\] " + re.escape(extra) + rf":{BAD_LINE}:\d+: ", log),
                f"serve logs the refused file:line:col at error level: {log[-800:]!r}")
        t.check(re.search(r"bureau\[error\] bureau: the rules in \S+ do not check .*refused; "
                          r"running on the last good rules", log), "serve says, at error level, "
                "it runs on the last good rules")
        t.check(re.search(r"bureau\[warn\] running on the last good rules", log),
                "and repeats it once serving")
        d.append("bo", message(4, ALPHA))
        d.append("bo", message(5, BETA))
        wait_until(lambda: dept_of(env.db, 5), 15)
        t.eq(dept_of(env.db, 4), DEPT_A, "serve routes by the last good rules")
        t.check(dept_of(env.db, 5) not in (None, DEPT_B), "not by the refused file")
        rc, secs = s.stop()
        t.eq(rc, 0, f"serve exits 0 on SIGTERM ({secs:.1f} s)")
    finally:
        s.kill()
    return s


def fixed_again(t, env, extra, good_file):
    write(extra, FIXED)
    before = read_bytes(good_file)
    p = bureau(env.conf, "assign", "1", "urbanisme", env=ENV)
    t.eq(p.returncode, 0, "assign with the fixed rules")
    t.eq(p.stderr, "", "nothing said once the files are fixed")
    after = read_bytes(good_file)
    t.check(after != before and b"t-beta" in after, "the fixed rules become the last good ones")
    p = bureau(env.conf, "ingest", input=message(6, BETA), env=ENV)
    t.eq(dept_of(env.db, 6), DEPT_B, f"the fixed rules route {BETA} to {DEPT_B}")


def without_copy(t, env, extra, good_file):
    write(extra, BROKEN)
    data = read_bytes(good_file)
    write_bytes(good_file, data[:len(data) // 2])
    p = bureau(env.conf, "assign", "1", "eclairage-public", env=ENV)
    t.eq(p.returncode, 78, "a damaged copy is not used")
    t.check("damaged" in p.stderr and re.search(re.escape(extra) + rf":{BAD_LINE}:", p.stderr),
            f"the reason and the files' error are said: {p.stderr[-300:]!r}")
    os.unlink(good_file)
    p = bureau(env.conf, "status", "1", "answered", env=ENV)
    t.eq(p.returncode, 78, "no copy kept: a command that needs the rules refuses")
    t.check("no last good rules are kept" in p.stderr, f"and says why: {p.stderr[-300:]!r}")
    p = bureau(env.conf, "list", env=ENV)
    t.eq(p.returncode, 0, "list still works without any rules")
    t.check(not os.path.exists(good_file), "a broken rule set is never kept")


def read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return b""


def write_bytes(path, data):
    with open(path, "wb") as f:
        f.write(data)


def main():
    require_environment()
    t = Tally("rules_last_good")
    work = tempdir("bureau-lastgood-")
    d = None
    serves = []
    try:
        d = dovecot.Dovecot(work, users={"bo": ENV["BUREAU_TEST_IMAP_PW"]}).start()
        rules = os.path.join(work, "rules")
        shutil.copytree(os.path.join(SRC, "rules"), rules)
        extra = os.path.join(rules, "90-test.rules")
        write(extra, GOOD)
        env = Env(work, d, rules=rules, smtp={"url": "smtp://127.0.0.1:9", "tls": "none",
                                              "from": "bo@commune.test"})
        good_file = env.db + ".last-good-rules"
        if not env.init(t):
            return t.finish()
        t.check(os.path.exists(good_file), f"init keeps the rules that load in {good_file}")
        p = bureau(env.conf, "ingest", input=message(1, ALPHA), env=ENV)
        t.eq(p.returncode, 0, f"first message registered: {p.stderr}")
        t.eq(dept_of(env.db, 1), DEPT_A, f"{ALPHA} routed to {DEPT_A}")
        t.check(os.path.exists(good_file) and os.stat(good_file).st_mode & 0o007 == 0,
                "the copy is not readable by others")
        write(extra, BROKEN)
        p = bureau(env.conf, "rules", "check", env=ENV)
        t.eq(p.returncode, 1, "rules check reports the typo")
        t.check(re.search(re.escape(extra) + rf":{BAD_LINE}:\d+: unknown key", p.stderr) and
                "meanwhile the other commands and serve run on the last good rules" in p.stdout,
                f"rules check names the error and what runs meanwhile: {p.stdout!r}")
        clerk_commands(t, env, extra)
        ingest_on_last_good(t, env, extra)
        serves.append(serve_on_last_good(t, env, d, extra))
        fixed_again(t, env, extra, good_file)
        without_copy(t, env, extra, good_file)
    finally:
        dump_on_failure(t, 0, serves, d)
        if d:
            d.stop()
        clean_up(t, work)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
