"""`bureau serve`: SIGHUP reloads and the polling fallback (issue 5, Tests).

(4) The repository's rules/ are copied into the test directory with one extra
file routing a test word to a department. SIGHUP after a syntax error was
written into that file keeps the old rules (the last good ones, kept beside the
database): serve keeps running, logs at error level the reason with
file:line:col and that the new rules are refused, still registers mail and routes it with the old
rules (a rule that only exists in the broken file is not used). SIGHUP after
the file is fixed takes the new rules: the new word goes to another
department.
(6) A Dovecot that does not advertise IDLE (imap_capability without IDLE):
serve polls every poll_interval = 2s, registers each new message within 5 s,
and does not treat the missing IDLE as a connection error."""
import os
import re
import shutil
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, clean_up, tempdir  # noqa: E402
import dovecot  # noqa: E402
from test_serve import (RULES, USERS, Env, check_log_format, dump_on_failure,  # noqa: E402
                        make_message, require_environment, wait_until)

TRIAGE = "direction-services"
ALPHA, BETA = "qwxalphaword", "qwxbetaword"


def departments(rules_dir):
    out = []
    for name in sorted(os.listdir(rules_dir)):
        if name.endswith(".rules"):
            with open(os.path.join(rules_dir, name), encoding="utf-8") as f:
                out += re.findall(r"^department\s+(\S+)", f.read(), re.M)
    return out


def rule(name, dept, word):
    return (f"rule {name}\n  department: {dept}\n  weight: 50\n"
            f"  fields: subject, body\n  pattern: {word}\n")


def word_message(i, word):
    return make_message(i, "rl", subject=f"Objet {word}", body=f"Bonjour,\r\n{word}\r\n")


def register(env, d, i, word, timeout=15):
    """Append message i carrying word; wait for its entry; (seq, dept) or None."""
    d.append("bo", word_message(i, word))
    row, _ = wait_until(lambda: env.entry_by_mid(f"rl-{i}@example.test"), timeout, 0.1)
    return row


def reload_rules(t, work, d):
    rules = os.path.join(work, "rules")
    shutil.copytree(RULES, rules)
    depts = [x for x in departments(rules) if x != TRIAGE]
    if not t.check(len(depts) >= 2, f"the repository rules define two departments: {depts}"):
        return []
    dept_a, dept_b = depts[0], depts[-1]
    extra = os.path.join(rules, "90-serve-test.rules")
    with open(extra, "w", encoding="utf-8") as f:
        f.write("# serve reload test\n" + rule("serve-alpha", dept_a, ALPHA))
    env = Env(work, d, rules=rules)
    if not env.init(t):
        return []
    s = env.serve()
    try:
        t.check(s.wait_log(r"serving 1 mailbox", 10), "serve started")
        row = register(env, d, 1, ALPHA)
        t.check(row and row[1] == dept_a, f"initial rules route {ALPHA} to {dept_a}: {row}")

        # --- broken: a new rule and a syntax error in the same file ---
        good = "# serve reload test\n" + rule("serve-alpha", dept_a, ALPHA) + \
            rule("serve-beta", dept_b, BETA)
        broken = good + "rule serve-broken\n  department: " + dept_a + "\n  pattern: (unclosed\n"
        bad_line = broken.count("\n")          # the pattern line, 1-based
        with open(extra, "w", encoding="utf-8") as f:
            f.write(broken)
        off = len(s.log())
        s.send(signal.SIGHUP)
        t.check(s.wait_log(r"reload done", 10, off), "SIGHUP with broken rules: 'reload done'")
        after = s.log()[off:]
        t.check(re.search(r"bureau\[error\] bureau: the rules in \S+ do not check \(\d+ errors? "
                          r"above\) and are refused; running on the last good rules", after),
                f"the log says, at error level, the new rules are refused: {after[-800:]!r}")
        diag = re.search(re.escape(extra) + rf":{bad_line}:(\d+):", after)
        t.check(diag is not None, f"the reason is logged with {extra}:{bad_line}:COL: {after[-600:]!r}")
        t.check(re.search(r"bureau\[error\] reload: the new rules are refused .*keeping the last "
                          r"good rules", after) is not None, "the log says the old rules are kept")
        time.sleep(0.5)
        t.check(s.alive(), "serve still running after a failed reload")
        row = register(env, d, 2, ALPHA)
        t.check(row and row[1] == dept_a, f"old rules still route {ALPHA} to {dept_a}: {row}")
        row = register(env, d, 3, BETA)
        t.check(row is not None, "mail still registered after a failed reload")
        t.check(row and row[1] != dept_b,
                f"the rule of the rejected file is not used ({BETA} not routed to {dept_b}): {row}")

        # --- fixed: the new rule is taken ---
        with open(extra, "w", encoding="utf-8") as f:
            f.write(good)
        off = len(s.log())
        s.send(signal.SIGHUP)
        t.check(s.wait_log(r"reload done", 15, off), "SIGHUP with fixed rules: 'reload done'")
        t.check("reload failed" not in s.log()[off:], "no failure logged for the fixed rules")
        row = register(env, d, 4, BETA)
        t.check(row and row[1] == dept_b, f"new rules route {BETA} to {dept_b}: {row}")
        row = register(env, d, 5, ALPHA)
        t.check(row and row[1] == dept_a, f"{ALPHA} still routed to {dept_a}: {row}")
        seqs = [r[0] for r in env.entries()]
        t.eq(seqs, [1, 2, 3, 4, 5], "five entries numbered 1..5 across two reloads")

        # --- a broken configuration file is refused the same way ---
        with open(env.conf, encoding="utf-8") as f:
            conf = f.read()
        with open(env.conf, "a", encoding="utf-8") as f:
            f.write("[bureau]\nno_such_key = 1\n")
        off = len(s.log())
        s.send(signal.SIGHUP)
        t.check(s.wait_log(r"reload failed", 10, off), "SIGHUP with a broken config: 'reload failed'")
        t.check("no_such_key" in s.log()[off:], "the log names the bad configuration key")
        row = register(env, d, 6, BETA)
        t.check(row and row[1] == dept_b, f"serve keeps working with the rules in use: {row}")
        with open(env.conf, "w", encoding="utf-8") as f:
            f.write(conf)
        rc, secs = s.stop()
        t.eq(rc, 0, f"serve exits 0 on SIGTERM after reloads ({secs:.1f} s)")
        check_log_format(t, s, "reloads")
    finally:
        s.kill()
    return [s]


def capabilities(d):
    m = d.imap("bo")
    try:
        typ, data = m.capability()
        return set((data[0] or b"").decode().upper().split())
    finally:
        m.logout()


def polling(t, work):
    d = dovecot.Dovecot(os.path.join(work, "noidle"), users=USERS,
                        extra="protocol imap {\n  imap_capability = IMAP4rev1 LITERAL+ UIDPLUS MOVE\n}\n")
    os.makedirs(os.path.join(work, "noidle"), exist_ok=True)
    serves = []
    try:
        d.start()
        caps = capabilities(d)
        if not t.check("IDLE" not in caps and "MOVE" in caps,
                       f"test Dovecot advertises no IDLE: {sorted(caps)}"):
            return serves, d
        env = Env(os.path.join(work, "noidle"), d, account_kw={"poll_interval": "2s"})
        if not env.init(t):
            return serves, d
        s = env.serve()
        serves.append(s)
        try:
            t.check(s.wait_log(r"serving 1 mailbox", 10), "serve (polling) started")
            lat = []
            for i in range(1, 5):
                d.append("bo", make_message(i, "poll"))
                t0 = time.monotonic()
                got, _ = wait_until(lambda: env.n_entries() >= i, 10, 0.05)
                lat.append(time.monotonic() - t0)
                t.check(got, f"polled message {i} registered")
                time.sleep(0.7 * i)   # land at different points of the poll cycle
            print(f"polling latencies: {', '.join(f'{x:.2f}' for x in lat)} s", flush=True)
            t.check(max(lat) < 5.0, f"every message registered within 5 s with poll_interval 2s: {lat}")
            t.eq(d.count("bo", "INBOX"), 0, "INBOX empty (polling)")
            log = s.log()
            t.check(not re.search(r"reconnect|retrying|IDLE", log),
                    f"no IDLE error and no reconnect while polling: {log[-500:]!r}")
            rc, secs = s.stop()
            t.eq(rc, 0, "serve (polling) exits 0 on SIGTERM")
            check_log_format(t, s, "polling")
            t.check(secs < 10, f"serve (polling) stops promptly ({secs:.1f} s)")
        finally:
            s.kill()
    except BaseException:
        d.stop()
        raise
    return serves, d


def main():
    require_environment()
    t = Tally("serve_reload")
    work = tempdir("bureau-serve-reload-")
    d = d2 = None
    try:
        d = dovecot.Dovecot(work, users=USERS).start()
        before = t.failed
        serves = reload_rules(t, work, d)
        dump_on_failure(t, before, serves, d)
        d.stop()
        before = t.failed
        serves, d2 = polling(t, work)
        dump_on_failure(t, before, serves, d2)
    finally:
        for x in (d, d2):
            if x:
                x.stop()
        clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
