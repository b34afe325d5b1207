"""The console's register at scale (issue 14: "pagination that stays fast at
100,000 entries"). Prints, for each page, the ratio of the baseline to the
console: the baseline is the same two SQL queries the page needs (its count
and its rows) run straight on the same database by Python's sqlite3, in the
same script; the console is the whole HTTP answer of `bureau web` (session
check, queries, HTML). A ratio of 0.5 means the console takes twice the time
of the bare queries.

  /usr/bin/python3 bench/web_bench.py [N]      (default N = 100000)

The register is filled by SQL (an ingest of 100,000 messages takes minutes
and is measured by bench/ingest_bench.py): entries with Arabic and French
subjects spread over 16 departments, 5 kinds and 4 statuses, the counter,
one shared original. Search is left out: its rows would have to be
normalised as the register's are (norm.h), and test_search measures it.
"""
import http.client
import os
import random
import re
import sqlite3
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "lib"))
from common import BIN, bureau, free_port, rmtree, tempdir, write_config  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
REPEAT = 20
work = tempdir("bureau-webbench-")
db = os.path.join(work, "bureau.db")
port = free_port()
conf = write_config(os.path.join(work, "bureau.conf"), db, extra=f"[web]\nlisten = 127.0.0.1:{port}\nmax_connections = 256\n")
assert bureau(conf, "init").returncode == 0
pw = os.path.join(work, "pw")
with open(pw, "w") as f:
    f.write("bench-password-1\n")
FAST = {"BUREAU_TEST_FAST_HASH": "1"}
assert bureau(conf, "user", "add", "b", "--name", "Bench", "--role", "clerk", "--password-file", pw,
              env=FAST).returncode == 0

DEPTS = ["urbanisme", "etat-civil", "travaux-voirie", "hygiene-environnement", "eau-assainissement",
         "eclairage-public", "espaces-verts", "circulation-transport", "police-administrative",
         "fiscalite", "patrimoine", "affaires-sociales", "ressources-humaines", "marches-publics",
         "direction-services", "urbanisme"]
KINDS = ["complaint", "information-request", "petition", "suggestion", "correspondence"]
STATUSES = ["registered", "routed", "in-progress", "answered"]
WORDS = ["شكاية", "رخصة", "البناء", "الطريق", "النفايات", "الإنارة", "réclamation", "lampadaire",
         "voirie", "demande", "information", "budget", "ماء", "حديقة", "marché"]

t0 = time.time()
con = sqlite3.connect(db)
rng = random.Random(7)
con.execute("INSERT INTO raw_messages (sha256, size, received_at, bytes) VALUES ('0'*64, 1, 0, x'00')"
            .replace("'0'*64", "'" + "0" * 64 + "'"))
raw_id = con.execute("SELECT id FROM raw_messages").fetchone()[0]
base = int(time.mktime((2026, 1, 1, 9, 0, 0, 0, 0, -1)))
rows = []
for i in range(1, N + 1):
    subj = " ".join(rng.choice(WORDS) for _ in range(5))
    at = base + i * (300 * 86400 // N)
    rows.append((i, f"2026/{i:06d}", 2026, i, at, f"c{i}@example.test", f"Citoyen {i}", subj,
                 "texte " + subj, rng.choice(KINDS), rng.choice(DEPTS), rng.choice(STATUSES),
                 time.strftime("%Y-%m-%d", time.localtime(at + 60 * 86400)), raw_id, "bench"))
con.executemany("INSERT INTO entries (id, number, year, seq, received_at, sender_addr, sender_name, "
                "subject, body, kind, department, status, due_date, raw_id, source) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
con.execute("INSERT OR REPLACE INTO counters (year, last) VALUES (2026, ?)", (N,))
con.commit()
print(f"{N} entries written in {time.time() - t0:.1f} s", flush=True)

# the baseline: the page's own two queries, straight on the database
SCOPE = " (0 = 0 OR e.department IN (SELECT department FROM user_departments WHERE user_id = 0)) "
COLS = ("SELECT e.id, e.number, e.received_at, e.sender_name, e.sender_addr, e.subject, e.kind, "
        "e.department, e.status, e.due_date, e.urgent, e.needs_triage FROM entries e")


def baseline(where, params, order, offset):
    t = time.perf_counter()
    for _ in range(REPEAT):
        con.execute("SELECT count(*) FROM entries e WHERE" + SCOPE + where, params).fetchone()
        con.execute(COLS + " WHERE" + SCOPE + where + order + f" LIMIT 50 OFFSET {offset}",
                    params).fetchall()
    return (time.perf_counter() - t) / REPEAT


server = subprocess.Popen([BIN, "-c", conf, "web"], stdout=subprocess.DEVNULL, env=dict(os.environ, **FAST))
cookies = {}


def req(method, path, body=None, headers=None):
    for _ in range(100):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            h = dict(headers or {})
            if cookies:
                h["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            data = r.read()
            for k, v in r.getheaders():
                if k.lower() == "set-cookie":
                    n, _, rest = v.partition("=")
                    cookies[n] = rest.split(";")[0]
            c.close()
            return r.status, data
        except ConnectionRefusedError:
            time.sleep(0.1)
    raise SystemExit("the console does not answer")


try:
    st, page = req("GET", "/login")
    tok = re.search(rb'name="token" value="([0-9a-f]+)"', page).group(1).decode()
    st, _ = req("POST", "/login", urllib.parse.urlencode({"token": tok, "login": "b",
                                                           "password": "bench-password-1"}).encode(),
                {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://127.0.0.1:{port}"})
    assert st == 303, st
    cases = [
        ("first page", "/register", "", (), " ORDER BY e.id DESC", 0),
        ("page 1000", "/register?page=1000", "", (), " ORDER BY e.id DESC", 49950),
        ("last page", f"/register?page={(N + 49) // 50}", "", (), " ORDER BY e.id DESC",
         ((N + 49) // 50 - 1) * 50),
        ("department + status", "/register?dept=urbanisme&status=routed",
         " AND e.department = ? AND e.status = ?", ("urbanisme", "routed"), " ORDER BY e.id DESC", 0),
        ("sorted by deadline", "/register?sort=due", "", (), " ORDER BY e.due_date DESC, e.id DESC", 0),
    ]
    print(f"{'page':28} {'baseline ms':>12} {'console ms':>11} {'ratio':>6}")
    for name, path, where, params, order, offset in cases:
        b = baseline(where, params, order, offset)
        req("GET", path)
        t = time.perf_counter()
        for _ in range(REPEAT):
            st, body = req("GET", path)
            assert st == 200, (path, st)
        w = (time.perf_counter() - t) / REPEAT
        print(f"{name:28} {b * 1000:12.2f} {w * 1000:11.2f} {b / w:6.2f}", flush=True)
    st, body = req("GET", "/")
    t = time.perf_counter()
    for _ in range(5):
        req("GET", "/")
    print(f"{'work queues (24 counts)':28} {'':12} {(time.perf_counter() - t) / 5 * 1000:11.2f}")

    # 20 concurrent clients, each with its own connections, on the register and entry pages
    import threading
    CLIENTS, EACH = 20, 25
    lat = {"register": [], "entry": []}
    lock = threading.Lock()

    def client(k):
        r2 = random.Random(k)
        for i in range(EACH):
            path = (f"/register?page={r2.randint(1, (N + 49) // 50)}" if i % 2 == 0
                    else f"/e/{r2.randint(1, N)}")
            t1 = time.perf_counter()
            st, _ = req("GET", path)
            d = time.perf_counter() - t1
            assert st == 200, (path, st)
            with lock:
                lat["register" if i % 2 == 0 else "entry"].append(d)

    floor = []
    for i in range(EACH * CLIENTS // 2):
        off = random.randint(0, N - 50)
        t1 = time.perf_counter()
        con.execute(COLS + " WHERE" + SCOPE + " ORDER BY e.id DESC LIMIT 50 OFFSET ?", (off,)).fetchall()
        floor.append(time.perf_counter() - t1)
    th = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]

    def status_kb(key):
        with open(f"/proc/{server.pid}/status") as f:
            return int([ln for ln in f if ln.startswith(key)][0].split()[1])

    anon_peak = [status_kb("RssAnon")]
    done = threading.Event()

    def sample():  # the console's own memory, apart from the mapped database file
        while not done.wait(0.01):
            anon_peak.append(status_kb("RssAnon"))

    sampler = threading.Thread(target=sample)
    sampler.start()
    t1 = time.perf_counter()
    for x in th:
        x.start()
    for x in th:
        x.join()
    wall = time.perf_counter() - t1
    done.set()
    sampler.join()

    def pct(v, q):
        v = sorted(v)
        return v[min(len(v) - 1, int(q * len(v)))] * 1000

    print(f"\n{CLIENTS} concurrent clients, {CLIENTS * EACH} requests in {wall:.1f} s")
    print(f"{'':28} {'median ms':>10} {'p95 ms':>8}")
    print(f"{'floor: the page query alone':28} {pct(floor, .5):10.2f} {pct(floor, .95):8.2f}")
    for k, v in lat.items():
        print(f"{k + ' page':28} {pct(v, .5):10.2f} {pct(v, .95):8.2f}")
    with open(f"/proc/{server.pid}/status") as f:
        hwm = [ln for ln in f if ln.startswith("VmHWM")][0].split()[1]
    print(f"console peak resident memory: {int(hwm) // 1024} MiB at {N} entries "
          f"(its own, anonymous: {max(anon_peak) // 1024} MiB at the most; the rest is the "
          f"database file mapped, {status_kb('RssFile') // 1024} MiB at the end, shared with "
          "the kernel's page cache)")
finally:
    server.terminate()
    server.wait(timeout=10)
    con.close()
    rmtree(work)
