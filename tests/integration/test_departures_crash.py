"""Departure numbers under concurrency and crashes (issue 15).
1. Two processes approve 20 drafts at the same time: numbers 1..20 of the
   year, each once, each draft numbered once.
2. kill -9 at random moments of approval-and-send, 30 times: `bureau drafts
   approve` and `bureau outbox send` are started together and killed after a
   random delay; a draft left unapproved is approved again. At the end every
   approved answer is numbered once (1..50, no gap), its mail was received
   once (or twice when the outbox counted it a possible duplicate: its
   documented window), each arrival was answered once, integrity_check ok."""
import os
import random
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, clean_up, db_rows, skip, tempdir  # noqa: E402
import smtpd  # noqa: E402
from deptest import Setup  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
except ImportError:
    skip("python3-aiosmtpd is not installed")

t = Tally("departures_crash")
work = tempdir()
S = Setup(work, default="none")
run = S.run
rnd = random.Random(int(os.environ.get("BUREAU_CRASH_SEED", "1515")))
N_CONC, N_CRASH = 20, 30


def draft_letter(i):
    p = run("letter", "--to", f"service{i}@province.test", "--subject", f"Lettre {i}",
            "--text", S.letter, json_out=True)
    assert p.returncode == 0, p.stderr
    return p.json["draft"]


def approver(ids, errors):
    for d in ids:
        p = run("drafts", "approve", str(d))
        if p.returncode != 0:
            errors.append(p.stderr)


def popen(*args):
    return subprocess.Popen([BIN, "-c", S.conf] + list(args), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


try:
    S.server.start()
    t.eq(run("init").returncode, 0, "init")
    S.letter = S.write("letter.txt", "[fr]\nCourrier.\n[ar]\nمراسلة.\n")

    # 1. two processes approving at the same time
    ids = [draft_letter(i) for i in range(N_CONC)]
    errors = []
    th = [threading.Thread(target=approver, args=(ids[k::2], errors)) for k in range(2)]
    for x in th:
        x.start()
    for x in th:
        x.join()
    t.eq(errors, [], "every concurrent approval succeeded")
    seqs = [r[0] for r in db_rows(S.db, "SELECT seq FROM departures ORDER BY seq")]
    t.eq(seqs, list(range(1, N_CONC + 1)), "numbers 1..N, each once, under two processes")
    t.eq(db_rows(S.db, "SELECT count(DISTINCT draft_id) FROM departures")[0][0], N_CONC,
         "each draft numbered once")

    # 2. kill -9 during approval and sending
    files = []
    for i in range(N_CRASH):
        path = os.path.join(work, f"m{i}.eml")
        with open(path, "wb") as f:
            f.write(smtpd.citizen_message(sender=f"c{i}@citizen.test",
                                          msgid=f"<c{i}@citizen.test>"))
        files.append(path)
    t.eq(run("ingest", *files).returncode, 0, "30 complaints registered")
    run("outbox", "send")
    numbers = [r[0] for r in db_rows(S.db, "SELECT number FROM entries ORDER BY id")]
    text = S.write("answer.txt", "[ar]\nتمت المعالجة.\n[fr]\nTraité.\n")
    killed = 0
    for i, num in enumerate(numbers):
        p = run("reply", num, "--text", text, json_out=True)
        if not t.check(p.returncode == 0, f"reply {num}: {p.stderr}"):
            continue
        d = p.json["draft"]
        a = popen("drafts", "approve", str(d))
        o = popen("outbox", "send")
        time.sleep(rnd.uniform(0, 0.4))
        for proc in (a, o):
            if proc.poll() is None:
                proc.kill()
                killed += 1
            proc.wait()
        state = db_rows(S.db, "SELECT state FROM drafts WHERE id = ?", (d,))[0][0]
        if state != "approved":
            p = run("drafts", "approve", str(d))
            t.eq(p.returncode, 0, f"approved again after the kill: {p.stderr}")
    for _ in range(3):
        run("outbox", "send", "--now")
    print(f"processes killed: {killed} of {2 * N_CRASH}", flush=True)

    total = N_CONC + N_CRASH
    seqs = [r[0] for r in db_rows(S.db, "SELECT seq FROM departures ORDER BY seq")]
    t.eq(seqs, list(range(1, total + 1)), "numbers 1..N with no gap after the kills")
    t.eq(db_rows(S.db, "SELECT count(*), count(DISTINCT draft_id) FROM departures")[0],
         (total, total), "every approved draft numbered once")
    answered = db_rows(S.db, "SELECT e.number, count(v.id) FROM entries e LEFT JOIN events v "
                       "ON v.entry_id = e.id AND v.action = 'status' AND v.detail LIKE "
                       "'% -> answered%' GROUP BY e.id")
    t.check(all(n == 1 for _num, n in answered) and len(answered) == N_CRASH,
            f"each arrival answered exactly once: {[a for a in answered if a[1] != 1]}")
    t.eq(db_rows(S.db, "SELECT count(*) FROM entries WHERE status = 'answered' AND "
                 "reply_number LIKE '%/D%'")[0][0], N_CRASH, "each with its reply number")
    rows = db_rows(S.db, "SELECT message_id, state, possible_duplicates FROM outbox WHERE "
                   "purpose = 'departure'")
    t.eq(len(rows), total, "one outbox row per departure mail")
    t.check(all(r[1] == "sent" for r in rows), "every departure mail sent")
    got = {}
    for _f, _to, raw in S.server.messages():
        mid = smtpd.parse(raw)["Message-ID"].strip("<>")
        got[mid] = got.get(mid, 0) + 1
    dups = 0
    for mid, _state, pdup in rows:
        n = got.get(mid.strip("<>"), 0)
        ok = n == 1 or (n == 2 and pdup > 0)
        dups += n == 2
        t.check(ok, f"{mid}: received {n} times, possible duplicates {pdup}")
    print(f"departure mails received twice inside the duplicate window: {dups}", flush=True)
    t.eq(db_rows(S.db, "PRAGMA integrity_check")[0][0], "ok", "integrity_check")
finally:
    S.server.stop()

clean_up(t, work)
sys.exit(t.finish())
