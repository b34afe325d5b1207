"""The demo behind scripts/demo.sh: real Dovecot and a real SMTP server on
loopback, sample mail in Arabic, French and Darija in several charsets."""
import email
import email.policy
import glob
import os
import sys
import time

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(SRC, "tests", "lib"))
os.environ.setdefault("BUREAU_BIN", os.path.join(SRC, "build", "bureau"))

import common  # noqa: E402
from dovecot import Dovecot  # noqa: E402
from smtpd import Smtpd  # noqa: E402


# The visa circuit of the demo: a complaint's answer is approved by the head
# of its department, then by the director; a spontaneous letter by the
# director alone.
APPROVAL = """
[approval]
default = head
complaint = head, director
letter = director
directors = Directeur DGS, dgs@commune.test

[staff]
chef.hygiene = hygiene@commune.example
"""


def banner(title):
    print("\n" + "=" * 78 + "\n" + title + "\n" + "=" * 78, flush=True)


def run(conf, *args):
    p = common.bureau(conf, *args, actor="demo-clerk")
    sys.stdout.write(p.stdout)
    if p.returncode:
        sys.stdout.write(p.stderr)
    return p


def paper(conf, work):
    """12b. A letter handed in at the counter: bureau register, its receipt."""
    scan = os.path.join(work, "lettre.pdf")
    with open(scan, "wb") as f:
        f.write(b"%PDF-1.4\n% a scanned letter\n%%EOF\n")
    banner("12b. bureau register — a letter handed in at the counter, with its scan")
    run(conf, "--as", "Fatima Zahra (greffe)", "register", "--from", "الحاج محمد بناني",
        "--address", "12, derb Lalla Aicha, Fès", "--subject", "طلب ربط المنزل بشبكة التطهير",
        "--summary", "يطلب ربط منزله بشبكة التطهير السائل بالحي.", "--letter-date",
        time.strftime("%Y-%m-%d"), "--letter-ref", "7/2026", "--attach", scan,
        "--receipt", os.path.join(work, "receipt.html"))
    size = os.path.getsize(os.path.join(work, "receipt.html"))
    print(f"the bilingual receipt to print and hand over: receipt.html ({size} bytes); "
          "no email address, so no acknowledgement mail")


def console(conf, work):
    """14. The clerks' console on loopback: two accounts, the queues and the
    register read through HTTP; with --console it stays up for a browser."""
    import html
    import re
    import subprocess
    import time
    import urllib.parse
    import urllib.request
    port = common.free_port()
    with open(conf, "a", encoding="utf-8") as f:
        f.write(f"\n[web]\nlisten = 127.0.0.1:{port}\n")
    pw = os.path.join(work, "console.pass")
    with open(pw, "w") as f:
        f.write("demo-password-2026\n")
    banner("14. the clerks' console: bureau user add, then bureau web")
    run(conf, "user", "add", "fatima", "--name", "Fatima Zahra (greffe)", "--role", "clerk",
        "--admin", "--password-file", pw)
    run(conf, "user", "add", "karim", "--name", "كريم (رئيس مصلحة حفظ الصحة)", "--role", "head",
        "--department", "hygiene-environnement", "--lang", "ar", "--password-file", pw)
    srv = subprocess.Popen([common.BIN, "-c", conf, "web"], stdout=subprocess.PIPE, text=True)
    try:
        print(srv.stdout.readline().strip())
        jar = urllib.request.HTTPCookieProcessor()
        web = urllib.request.build_opener(jar)
        base = f"http://127.0.0.1:{port}"
        page = web.open(base + "/login").read().decode()
        tok = re.search(r'name="token" value="([0-9a-f]+)"', page).group(1)
        form = urllib.parse.urlencode({"token": tok, "login": "fatima",
                                       "password": "demo-password-2026"}).encode()
        req = urllib.request.Request(base + "/login", data=form, headers={"Origin": base})
        page = web.open(req).read().decode()
        print("\nthe work queues of fatima (clerk):")
        for n, label in re.findall(r'<span class="count" dir="ltr">(\d+)</span><bdi dir="auto">'
                                   r'([^<]*)</bdi>', page):
            print(f"  {n:>4}  {html.unescape(label)}")
        page = web.open(base + "/register").read().decode()
        rows = re.findall(r'<tr><td><a href="/e/\d+"><span dir="ltr" class="ltr">([^<]+)</span>'
                          r'.*?<bdi dir="auto">[^<]*</bdi></td><td><bdi dir="auto">([^<]*)</bdi>',
                          page)
        print(f"\nthe register page ({len(rows)} rows), first ones:")
        for num, subj in rows[:5]:
            print(f"  {num}  {html.unescape(subj)[:60]}")
        page = web.open(base + "/paper").read().decode()
        print(f"\nthe paper-mail form: {len(re.findall(r'<label for=', page))} fields, "
              "scans as PDF or images (/paper)")
        if "--console" in sys.argv or "--web" in sys.argv:
            print(f"\nThe console runs on {base}/ — log in as fatima (clerk, French) or karim "
                  "(head, Arabic),\npassword demo-password-2026. Press Enter to stop.")
            try:
                input()
            except (EOFError, KeyboardInterrupt):
                pass
        else:
            print("\n(scripts/demo.sh --web keeps it running for a browser)")
    finally:
        srv.terminate()
        srv.wait(timeout=10)


def main():
    work = common.tempdir("bureau-demo-")
    dov = Dovecot(work)
    smtp = Smtpd(work)
    try:
        dov.start()
        smtp.start()
        samples = sorted(glob.glob(os.path.join(SRC, "tests", "data", "samples", "*.eml")))
        for f in samples:
            dov.append("bo", open(f, "rb").read())
        pw = os.path.join(work, "imap.pass")
        with open(pw, "w") as f:
            f.write("secret\n")
        conf = common.write_config(
            os.path.join(work, "bureau.conf"), os.path.join(work, "bureau.db"),
            accounts=[dict(name="general", host="127.0.0.1", port=dov.port, tls="none",
                           user="bo", password_file=pw)],
            smtp=dict(url=f"smtp://127.0.0.1:{smtp.port}", tls="none",
                      **{"from": "bo@commune.test"}, from_name="Bureau d'ordre — مكتب الضبط"),
            extra=APPROVAL)
        banner(f"1. {len(samples)} citizen messages wait in INBOX of a Dovecot on 127.0.0.1:{dov.port}")
        for f in samples:
            print("  ", os.path.basename(f))
        banner("2. bureau init, then bureau fetch — register, classify, move to 'Registered'")
        run(conf, "init")
        run(conf, "fetch")
        banner("3. bureau list — the arrival register")
        run(conf, "list")
        banner("4. bureau show 1 — one entry with its history")
        run(conf, "show", "1")
        banner("5. bureau search — Arabic and French folded")
        run(conf, "search", "شكايه")
        run(conf, "search", "reclamation")
        banner(f"6. bureau outbox send — to the SMTP server on 127.0.0.1:{smtp.port}")
        run(conf, "outbox", "send")
        banner("7. what the SMTP server received")
        first_ack = None
        for env_from, rcpts, data in smtp.messages():
            m = email.message_from_bytes(data, policy=email.policy.default)
            print(f"  to {', '.join(rcpts):32} {m['Subject']}")
            if first_ack is None and "Accusé" in str(m["Subject"]):
                first_ack = m
        if first_ack is not None:
            banner("7b. the first acknowledgement, as the citizen reads it (text part)")
            for h in ("From", "To", "Subject", "Date", "In-Reply-To", "Auto-Submitted"):
                print(f"{h}: {first_ack[h]}")
            print()
            print(first_ack.get_body(preferencelist=("plain",)).get_content())
        departures(conf, smtp, work)
        paper(conf, work)
        banner("13. bureau stats")
        run(conf, "stats")
        console(conf, work)
        print(f"\nEverything ran in {work} (deleted now).")
    finally:
        smtp.stop()
        dov.stop()
        common.rmtree(work)


def departures(conf, smtp, work):
    """The departure register: the hygiene complaint answered with the canned
    answer, approved by its head and the director, numbered and sent; a
    spontaneous letter; both registers exported and printed."""
    rows = common.bureau(conf, "list", "--department", "hygiene-environnement",
                         actor="demo-clerk", json_out=True)
    entries = rows.json or []
    if not entries:
        print("(no hygiene entry to answer)")
        return
    number = entries[0]["number"]
    banner(f"8. bureau reply {number} --code answered — the canned answer, drafted")
    p = common.bureau(conf, "reply", number, "--code", "answered", actor="demo-clerk",
                      json_out=True)
    sys.stdout.write(p.stdout if p.returncode == 0 else p.stderr)
    draft = str((p.json or {}).get("draft", ""))
    banner(f"9. bureau drafts approve {draft} — the head of hygiene, then the director")
    print(common.bureau(conf, "drafts", "approve", draft, actor="chef.hygiene").stdout, end="")
    print(common.bureau(conf, "drafts", "approve", draft, actor="dgs@commune.test").stdout,
          end="")
    text = os.path.join(work, "letter.txt")
    with open(text, "w", encoding="utf-8") as f:
        f.write("[subject]\nRéunion de coordination / اجتماع تنسيقي\n[ar]\n"
                "يشرفنا دعوتكم إلى اجتماع تنسيقي حول تدبير النفايات.\n[fr]\n"
                "Nous avons l'honneur de vous inviter à une réunion de coordination "
                "sur la gestion des déchets.\n")
    p = common.bureau(conf, "letter", "--to", "province@interieur.test", "--text", text,
                      "--department", "hygiene-environnement", actor="demo-clerk",
                      json_out=True)
    common.bureau(conf, "drafts", "approve", str((p.json or {}).get("draft", "")),
                  actor="dgs@commune.test")
    before = len(smtp.messages())
    run(conf, "outbox", "send")
    banner("10. the answer as the citizen receives it")
    for _f, rcpts, data in smtp.messages()[before:]:
        m = email.message_from_bytes(data, policy=email.policy.default)
        if "province" in ",".join(rcpts):
            continue
        for h in ("From", "To", "Subject", "In-Reply-To"):
            print(f"{h}: {m[h]}")
        print()
        print(m.get_body(preferencelist=("plain",)).get_content())
        break
    banner("11. bureau departures list — the departure register (سجل الصادرات)")
    run(conf, "departures", "list")
    banner("12. both registers for the period: CSV exports and print-ready pages")
    for what, args in (("arrivals.csv", ("export",)), ("departures.csv",
                                                     ("departures", "export"))):
        out = os.path.join(work, what)
        common.bureau(conf, *args, "-o", out, actor="demo-clerk")
        print(f"--- {what}")
        with open(out, encoding="utf-8-sig") as f:
            sys.stdout.write(f.read())
    today = __import__("datetime").date.today().isoformat()
    for reg in ("arrivals", "departures"):
        out = os.path.join(work, f"{reg}.html")
        p = common.bureau(conf, "print", reg, "--from", "2000-01-01", "--to", today,
                          "-o", out, actor="demo-clerk")
        sys.stdout.write(p.stderr)


if __name__ == "__main__":
    main()
