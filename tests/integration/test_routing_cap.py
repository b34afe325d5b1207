"""The per-sender cap on routed mail (issue 12 item 12a), against a private
SMTP server on 127.0.0.1: 200 messages from one sender, 3 from another.
Every message is registered. With [routing] per_sender_routed = 20 each of
the department's two heads gets 20 routed mails for the flooding sender
(not 200), 3 for the other, and, after the daily digest run (`bureau
remind`), one digest listing the 180 held entries, which are then 'routed';
a second run sends nothing more. The acknowledgements to the flooding
sender stay within their own cap ([smtp] max_auto_per_day)."""
import email
import email.policy
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from common import Tally, bureau, clean_up, db_rows, tempdir, write_config  # noqa: E402
import smtpd  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
except ImportError:
    aiosmtpd = None

FLOOD, CAP, ACK_CAP = 200, 20, 5


def subjects_by_rcpt(server):
    out = {}
    for _f, rcpts, data in server.messages():
        m = email.message_from_bytes(data, policy=email.policy.default)
        for r in rcpts:
            out.setdefault(r.lower(), []).append(m)
    return out


def main():
    t = Tally("routing_cap")
    if not aiosmtpd:
        print("python3-aiosmtpd is not installed", flush=True)
        sys.exit(1)
    work = tempdir("bureau-routecap-")
    server = smtpd.Smtpd(work)
    try:
        server.start()
        db = os.path.join(work, "bureau.db")
        conf = write_config(
            os.path.join(work, "bureau.conf"), db,
            rules=smtpd.write_rules(os.path.join(work, "rules")),
            smtp={"url": server.url(), "tls": "none", "from": "bo@commune.test",
                  "max_auto_per_day": str(ACK_CAP)},
            extra=f"[routing]\nper_sender_routed = {CAP}\n[reminders]\ndigest_time = 00:00\n")
        t.eq(bureau(conf, "init").returncode, 0, "init")
        mails = os.path.join(work, "in")
        os.makedirs(mails)
        files = []
        for i in range(FLOOD):
            f = os.path.join(mails, f"flood{i:03d}.eml")
            with open(f, "wb") as fh:
                fh.write(smtpd.citizen_message(sender="Flood@Citizen.test", name="Flood",
                                               subject=f"شكاية ازبال {i}",
                                               msgid=f"<flood{i}@citizen.test>"))
            files.append(f)
        for i in range(3):
            f = os.path.join(mails, f"honest{i}.eml")
            with open(f, "wb") as fh:
                fh.write(smtpd.citizen_message(sender=f"honest{i}@citizen.test",
                                               subject=f"شكاية ازبال honest {i}",
                                               msgid=f"<honest{i}@citizen.test>"))
            files.append(f)
        t0 = time.monotonic()
        p = bureau(conf, "ingest", *files, timeout=300)
        t.eq(p.returncode, 0, f"ingest: {p.stderr[-500:]}")
        print(f"ingest of {len(files)} messages: {time.monotonic() - t0:.1f} s", flush=True)
        t.eq(db_rows(db, "SELECT count(*) FROM entries")[0][0], FLOOD + 3, "every message registered")
        held = db_rows(db, "SELECT count(*) FROM events WHERE action = 'routing-held'")[0][0]
        t.eq(held, FLOOD - CAP, "the entries past the cap are held, each with an event")

        p = bureau(conf, "outbox", "send", "--now", timeout=300)
        t.eq(p.returncode, 0, f"outbox send: {p.stderr[-500:]}")
        got = subjects_by_rcpt(server)
        for h in smtpd.HEADS:
            routed = [m for m in got.get(h, []) if "Imputation /" in str(m["Subject"])]
            flood = [m for m in routed if "شكاية ازبال honest" not in str(m["Subject"])]
            t.eq(len(flood), CAP, f"{h}: {CAP} routed mails for the flooding sender, not {FLOOD}")
            t.eq(len(routed) - len(flood), 3, f"{h}: the other senders' 3 routed as usual")
        t.eq(len(got.get("flood@citizen.test", [])), ACK_CAP,
             "acknowledgements to the flooding sender within their own cap")
        t.eq(sum(len(got.get(f"honest{i}@citizen.test", [])) for i in range(3)), 3,
             "the other senders acknowledged")

        before = len(server.messages())
        p = bureau(conf, "remind")
        t.eq(p.returncode, 0, f"remind: {p.stderr}")
        p = bureau(conf, "outbox", "send", "--now", timeout=120)
        t.eq(p.returncode, 0, f"outbox send (digests): {p.stderr}")
        got = subjects_by_rcpt(server)
        year = time.localtime().tm_year
        numbers = [r[0] for r in db_rows(db, "SELECT number FROM entries WHERE lower(sender_addr) "
                                             "= 'flood@citizen.test' ORDER BY seq")]
        t.eq(len(numbers), FLOOD, "the flooding sender's entries")
        for h in smtpd.HEADS:
            dg = [m for m in got.get(h, []) if "Imputations groupées" in str(m["Subject"])]
            t.eq(len(dg), 1, f"{h}: one digest of the held entries")
            if dg:
                body = dg[0].get_body(preferencelist=("plain",)).get_content()
                if h == smtpd.HEADS[0]:
                    print(f"--- {dg[0]['Subject']}\n{body[:700]}\n---", flush=True)
                listed = [n for n in numbers if n in body]
                t.eq(listed, numbers[CAP:], f"{h}: the digest lists the {FLOOD - CAP} held "
                     "entries and only them")
                t.check("flood@citizen.test" in str(dg[0]["Subject"]),
                        f"the digest names the sender: {dg[0]['Subject']}")
            daily = [m for m in got.get(h, []) if "Échéances" in str(m["Subject"])]
            t.eq(len(daily), 1, f"{h}: the daily reminder of the open items, apart")
            total = len(got.get(h, []))
            print(f"{h}: {total} mails in all for {FLOOD + 3} entries", flush=True)
            t.eq(total, CAP + 3 + 2, f"{h}: {CAP} + 3 routed + the held entries' digest "
                 "+ the daily reminder in all")
        t.eq(len(server.messages()) - before, 2 * len(smtpd.HEADS),
             "the digest run sent two mails per head (held entries, daily reminder)")
        st = db_rows(db, "SELECT status, count(*) FROM entries GROUP BY status")
        t.eq(st, [("routed", FLOOD + 3)], "every entry routed after the digest")
        t.check(numbers and f"{year}/" in numbers[0], "numbers of this year")
        after = len(server.messages())
        bureau(conf, "remind")  # forced: the daily reminders again, the held entries not
        bureau(conf, "outbox", "send", "--now")
        again = [smtpd.parse(b)["Subject"] for _, _, b in server.messages()[after:]]
        t.eq(len(again), len(smtpd.HEADS), f"a second run: one reminder per head ({again})")
        t.check(not any("Imputations groupées" in str(x) for x in again),
                "a second run digests no held entry again")
    finally:
        server.stop()
        clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
