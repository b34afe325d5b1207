"""SIGTERM stops serve's outbox pass between two mails (issue 13 item 7).

Before: serve waited for the whole pass (4,600 mails took 11 s), so systemd
could reach its stop timeout and SIGKILL it. Here 40 registrations queue
120 mails, and the SMTP server (aiosmtpd on 127.0.0.1) takes 0.1 s per
DATA: a pass lasts ~12 s. SIGTERM once a few are sent: serve exits 0 within
3 s, no row is left 'sending', every mail the server received is marked
sent (and only those), nothing was received twice; `outbox send` then
delivers the rest, each once."""
import collections
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import Tally, bureau, clean_up, db_rows, skip, tempdir, write_config  # noqa: E402
import smtpd  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_serve import Serve, wait_until  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
except ImportError:
    skip("python3-aiosmtpd is not installed")

N = 40            # registrations: 3 mails each (ack + 2 heads)
STOP_WITHIN = 3   # seconds


def states(db):
    """The rows of the ingest's mails (serve may also queue the heads' daily
    digest when it starts past digest_time: not what this test counts)."""
    return dict(db_rows(db, "SELECT state, count(*) FROM outbox WHERE purpose != 'digest' "
                            "GROUP BY state"))


def received(server):
    """The ingest's mails the server received (the daily digest left aside)."""
    return [m for m in server.messages() if "Échéances" not in str(smtpd.parse(m[2])["Subject"])]


def main():
    t = Tally("outbox_stop")
    work = tempdir("bureau-outbox-stop-")
    server = smtpd.Smtpd(os.path.join(work, "smtp"), delay=0.1)
    s = None
    try:
        server.start()
        db = os.path.join(work, "bureau.db")
        conf = write_config(os.path.join(work, "bureau.conf"), db,
                            rules=smtpd.write_rules(os.path.join(work, "rules")),
                            smtp={"url": server.url(), "tls": "none",
                                  "from": "bo@commune.test", "timeout": "10"})
        t.eq(bureau(conf, "init").returncode, 0, "init")
        files = []
        for i in range(N):
            f = os.path.join(work, f"m{i}.eml")
            with open(f, "wb") as o:
                o.write(smtpd.citizen_message(sender=f"c{i}@citizen.test"))
            files.append(f)
        p = bureau(conf, "ingest", *files)
        t.eq(p.returncode, 0, f"ingest {N} messages ({p.stderr[-200:]})")
        total = states(db).get("queued", 0)
        t.eq(total, 3 * N, "three mails queued per registration")
        s = Serve(conf, os.path.join(work, "serve.log")).start()
        got, _ = wait_until(lambda: len(received(server)) >= 5, 20)
        t.check(got, "serve is sending")
        rc, took = s.stop(timeout=30)
        print(f"serve exit {rc} {took:.1f} s after SIGTERM, "
              f"{len(received(server))} of {total} sent", flush=True)
        t.eq(rc, 0, f"serve exits 0 ({s.log()[-300:]})")
        t.check(took < STOP_WITHIN, f"... within {STOP_WITHIN} s of SIGTERM ({took:.1f} s), "
                f"not after the whole pass")
        st = states(db)
        t.eq(st.get("sending", 0), 0, f"no row left 'sending': {st}")
        t.eq(st.get("sent", 0), len(received(server)), f"the rows marked sent are those received: {st}")
        t.check(st.get("queued", 0) > 0, f"the rest stays queued: {st}")
        p = bureau(conf, "outbox", "send")
        t.eq(p.returncode, 0, f"outbox send: the rest ({p.stdout.strip()})")
        t.eq(states(db), {"sent": total}, "all sent in the end")
        ids = collections.Counter(smtpd.parse(b)["Message-ID"] for _, _, b in received(server))
        t.check(len(ids) == total and max(ids.values()) == 1,
                f"each of the {total} mails received once ({len(ids)} distinct)")
        dup = db_rows(db, "SELECT sum(possible_duplicates) FROM outbox")[0][0]
        t.eq(dup or 0, 0, "none counted as a possible duplicate")
    finally:
        if s:
            s.kill()
        server.stop()
        clean_up(t, work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
