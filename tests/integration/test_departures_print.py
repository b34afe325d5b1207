"""The printable registers (issue 15): `bureau print arrivals|departures`
for a period, opened in headless Chromium (selenium): right to left in
Arabic, left to right in French, every entry of the period present once and
in order, none from outside it, the closing line with the count, a print
stylesheet with page numbers; Chromium prints it to PDF. The screenshot is
kept (BUREAU_BUILD_DIR/test-artifacts/, else the work directory). Also the
CSV exports: the arrival register's reply columns and the departure
register, and `bureau stats` counting the answer on the departure's date."""
import base64
import csv
import io
import json
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, clean_up, db_rows, skip, tempdir  # noqa: E402
from deptest import Setup  # noqa: E402

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
except ImportError:
    skip("python3-selenium is not installed")
if not shutil.which("chromedriver") or not shutil.which("chromium"):
    skip("chromium / chromedriver are not installed")

t = Tally("departures_print")
work = tempdir()
S = Setup(work, default="none", smtp=False)
run = S.run
keep = os.path.join(os.environ.get("BUREAU_BUILD_DIR", work), "test-artifacts")
os.makedirs(keep, exist_ok=True)


def browser():
    o = Options()
    for f in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
              "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync",
              f"--user-data-dir={os.path.join(work, 'chrome')}", "--window-size=1400,1000"):
        o.add_argument(f)
    o.binary_location = shutil.which("chromium")
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=o)


t.eq(run("init").returncode, 0, "init")
nums = [S.ingest(sender=f"p{i}@citizen.test", subject=f"شكاية رقم {i} حول الأزبال")
        for i in range(5)]
text = S.write("a.txt", "[ar]\nتمت المعالجة.\n[fr]\nTraité.\n")
p = run("reply", nums[1], "--text", text, json_out=True)
p = run("drafts", "approve", str(p.json["draft"]), json_out=True)
dnum = p.json["departure"]
p = run("letter", "--addressee", "عمالة تيزنيت", "--subject", "مراسلة <b>إدارية</b>",
        "--text", text, json_out=True)
run("drafts", "approve", str(p.json["draft"]))
today = time.strftime("%Y-%m-%d")

# the CSV exports
out = os.path.join(work, "arr.csv")
t.eq(run("export", "--from", today, "--to", today, "-o", out).returncode, 0, "export")
rows = list(csv.reader(io.StringIO(open(out, "rb").read().decode("utf-8-sig"))))
row = [r for r in rows if r[0] == nums[1]]
t.check(row and row[0][-2] == dnum and row[0][-1] == today,
        f"the arrival export has the reply's departure number and date: {row}")
out = os.path.join(work, "dep.csv")
t.eq(run("departures", "export", "-o", out).returncode, 0, "departures export")
raw = open(out, "rb").read()
t.check(raw.startswith(b"\xef\xbb\xbf"), "departure CSV with a BOM")
drows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
t.eq([r[0] for r in drows[1:]], [dnum, dnum[:-1] + "2"], "one row per departure, in order")
t.eq(drows[1][6], nums[1], "with the arrival it answers")
t.check(drows[1][5] == "Hygiène et environnement" and drows[1][7] == "Réponse apportée",
        f"service and outcome named in French, not ids: {drows[1][5:8]}")
out = os.path.join(work, "dep-ar.csv")
t.eq(run("departures", "export", "--lang", "ar", "-o", out).returncode, 0, "export --lang ar")
arows = list(csv.reader(io.StringIO(open(out, "rb").read().decode("utf-8-sig"))))
t.check(arows[1][5] == "حفظ الصحة والبيئة" and arows[1][7] == "تمت الإجابة",
        f"and in Arabic with --lang ar: {arows[1][5:8]}")
t.check(run("departures", "export", "--lang", "en").returncode == 64, "--lang en refused")
p = run("departures", "list", json_out=True)
t.eq([d["number"] for d in p.json or []], [r[0] for r in drows[1:]], "departures list --json")
p = run("stats", "--from", today, "--to", today, json_out=True)
t.check(p.returncode == 0 and "\"answered\": 1" in p.stdout.replace("\n", " ") or
        (p.json or {}).get("answered") == 1 or '"answered": 1' in json.dumps(p.json),
        f"stats counts the answer: {p.stdout[:300]}")

d = None
try:
    d = browser()
    for which, lang, expect in (("arrivals", "ar", nums), ("departures", "fr", None),
                                ("departures", "ar", None)):
        html = os.path.join(work, f"{which}-{lang}.html")
        p = run("print", which, "--from", today, "--to", today, "--lang", lang, "-o", html)
        t.eq(p.returncode, 0, f"print {which} {lang}: {p.stderr}")
        d.get("file://" + html)
        dirn = d.execute_script("return getComputedStyle(document.querySelector('table'))"
                                ".direction")
        t.eq(dirn, "rtl" if lang == "ar" else "ltr", f"{which} {lang}: table direction")
        t.eq(d.execute_script("return document.documentElement.lang"), lang, "lang")
        got = d.execute_script("return [...document.querySelectorAll('tr.entry')]"
                               ".map(r => r.dataset.number)")
        want = expect or [r[0] for r in db_rows(S.db, "SELECT number FROM departures "
                                                "ORDER BY seq")]
        t.eq(got, want, f"{which} {lang}: every entry of the period, once, in order")
        closing = d.execute_script("return document.getElementById('closing').textContent")
        t.check(str(len(want)) in closing, f"closing line with the count: {closing}")
        t.check("<b>" not in d.execute_script("return document.body.innerHTML")
                or which == "arrivals", "values are escaped")
        css = open(html, encoding="utf-8").read()
        t.check("counter(page)" in css and "@page" in css, "page numbers in the stylesheet")
        shot = os.path.join(keep, f"register-{which}-{lang}.png")
        d.save_screenshot(shot)
        t.check(os.path.getsize(shot) > 1000, f"screenshot kept: {shot}")
        pdf = base64.b64decode(d.print_page())
        t.check(pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 1,
                f"{which} {lang}: Chromium prints it to PDF")
    # a period without the entries: none of them present
    html = os.path.join(work, "empty.html")
    run("print", "arrivals", "--from", "2000-01-01", "--to", "2000-01-31", "-o", html)
    d.get("file://" + html)
    t.eq(d.execute_script("return document.querySelectorAll('tr.entry').length"), 0,
         "a period with no entry prints none")
finally:
    if d:
        d.quit()

clean_up(t, work)
sys.exit(t.finish())
