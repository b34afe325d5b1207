"""The installation an administrator follows (issue 13 item 4), into a scratch
root: `cmake --install` with DESTDIR, then scripts/install.sh as root with
the scratch directories and a service user, group and clerk created for the
test (unique names, removed at the end). Then, against a private Dovecot:
- the permissions: /etc/bureau root:GROUP 0750, bureau.conf 0640,
  /var/lib/bureau SVC:GROUP 2770, the register 0660, nothing for others;
- init, fetch and show as the service user, and as a clerk in the group
  (fetch, show, assign): the -wal and -shm stay the group's;
- an account not in the group is refused: exit 78, "permission denied", the
  path, its group and the fix (usermod -aG), for the configuration and for
  the register;
- init with a missing register directory names it and the fix;
- the installed unit passes systemd-analyze verify (when installed).
Skipped (77) only when not run as root: it must create users."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import SRC, Tally, clean_up, db_rows, skip, tempdir, write_config  # noqa: E402
import dovecot  # noqa: E402
from test_serve import make_message  # noqa: E402

BUILD = os.environ.get("BUREAU_BUILD_DIR", os.path.join(SRC, "build"))
PW = "install-Pw-5521"


def run(*cmd, input=None):
    p = subprocess.run(list(cmd), input=input, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.out = p.stdout.decode("utf-8", "replace")
    p.err = p.stderr.decode("utf-8", "replace")
    return p


def mode(path):
    return os.stat(path).st_mode & 0o7777


def owner(path):
    import grp
    import pwd
    st = os.stat(path)
    return f"{pwd.getpwuid(st.st_uid).pw_name}:{grp.getgrgid(st.st_gid).gr_name}"


class Box:
    def __init__(self, root, svc):
        self.root, self.svc = root, svc
        self.prefix = os.path.join(root, "usr", "local")
        self.etc = os.path.join(root, "etc", "bureau")
        self.state = os.path.join(root, "var", "lib", "bureau")
        self.bin = os.path.join(self.prefix, "bin", "bureau")
        self.conf = os.path.join(self.etc, "bureau.conf")
        self.db = os.path.join(self.state, "bureau.db")

    def bureau(self, user, *args):
        return run("runuser", "-u", user, "--", self.bin, "-c", self.conf, *args)


def permissions(t, b, svc):
    t.eq((owner(b.etc), oct(mode(b.etc))), (f"root:{svc}", "0o750"), "/etc/bureau root:GROUP 0750")
    t.eq((owner(b.conf), oct(mode(b.conf))), (f"root:{svc}", "0o640"), "bureau.conf 0640")
    rules = os.path.join(b.etc, "rules")
    t.check(all(mode(os.path.join(rules, f)) == 0o640 for f in os.listdir(rules)) and
            mode(rules) == 0o750, "the rules are the group's to read, nobody else's")
    t.eq((owner(b.state), oct(mode(b.state))), (f"{svc}:{svc}", "0o2770"),
         "/var/lib/bureau SVC:GROUP 2770")
    t.eq((owner(b.db), oct(mode(b.db))), (f"{svc}:{svc}", "0o660"), "the register 0660")


def configure(b, d, svc):
    """What the administrator does next: the account and its password file."""
    pw = os.path.join(b.etc, "imap.pass")
    with open(pw, "w") as f:
        f.write(PW + "\n")
    shutil.chown(pw, "root", svc)
    os.chmod(pw, 0o640)
    share = os.path.join(b.prefix, "share", "bureau")
    with open(b.conf, encoding="utf-8") as f:
        shipped = f.read()
    write_config(b.conf, b.db, rules=os.path.join(b.etc, "rules"),
                 templates=os.path.join(share, "templates"),
                 holidays=os.path.join(b.etc, "holidays-ma.txt"),
                 accounts=[{"name": "general", "host": "127.0.0.1", "port": d.port,
                            "tls": "none", "user": "bo", "password_file": pw,
                            "mailbox": "INBOX", "registered_folder": "Registered",
                            "quarantine_folder": "Quarantine"}])
    return shipped


def as_users(t, b, d, svc, clerk):
    p = b.bureau(svc, "init")
    t.eq(p.returncode, 0, f"init as the service user: {p.err}")
    p = b.bureau(clerk, "init")
    t.eq(p.returncode, 0, f"init as a clerk (nothing to migrate): {p.err}")
    d.append("bo", make_message(1, "inst"))
    p = b.bureau(svc, "fetch")
    t.eq(p.returncode, 0, f"fetch as the service user: {p.err[-400:]}")
    t.check("1 registered" in p.out, f"one registered: {p.out}")
    d.append("bo", make_message(2, "inst"))
    p = b.bureau(clerk, "fetch")
    t.eq(p.returncode, 0, f"fetch as a clerk in the group: {p.err[-400:]}")
    t.check("1 registered" in p.out, f"one registered by the clerk: {p.out}")
    for user, n in ((svc, "1"), (clerk, "2"), (clerk, "1")):
        p = b.bureau(user, "show", n)
        t.eq(p.returncode, 0, f"show {n} as {user}: {p.err[-300:]}")
        t.check("inst-" in p.out or "Citoyen" in p.out, f"show {n} as {user} shows the entry")
    p = run("runuser", "-u", clerk, "--", b.bin, "-c", b.conf, "--as", "amina", "assign", "1",
            "travaux-voirie")
    t.eq(p.returncode, 0, f"assign as a clerk (a write): {p.err[-300:]}")
    t.eq(db_rows(b.db, "SELECT count(*) FROM entries")[0][0], 2, "two entries")
    for name in os.listdir(b.state):
        path = os.path.join(b.state, name)
        t.check(mode(path) & 0o007 == 0, f"{name}: nothing for others ({oct(mode(path))})")
        t.check(owner(path).endswith(":" + svc), f"{name}: the group's ({owner(path)})")
    wal = b.db + "-wal"
    if os.path.exists(wal):
        t.eq(oct(mode(wal)), "0o660", "the -wal is the group's to write")


def outsider(t, b, other):
    p = b.bureau(other, "show", "1")
    t.eq(p.returncode, 78, "an account not in the group: refused")
    t.check("permission denied" in p.err and b.etc in p.err and "usermod -aG" in p.err,
            f"it is told why and the fix (configuration): {p.err[-400:]!r}")
    conf = os.path.join(b.root, "other.conf")
    shutil.copy(b.conf, conf)
    os.chmod(conf, 0o644)
    p = run("runuser", "-u", other, "--", b.bin, "-c", conf, "show", "1")
    t.eq(p.returncode, 78, "with a configuration it can read: still refused")
    t.check("permission denied" in p.err and b.state in p.err and "usermod -aG" in p.err,
            f"it is told why and the fix (register): {p.err[-400:]!r}")
    os.unlink(conf)


def missing_dir(t, b, svc):
    conf = os.path.join(b.root, "nodir.conf")
    write_config(conf, os.path.join(b.root, "var", "lib", "nodir", "bureau.db"))
    p = run(b.bin, "-c", conf, "init")
    t.eq(p.returncode, 78, "init with no register directory fails")
    t.check("does not exist" in p.err and "nodir" in p.err and "install -d" in p.err,
            f"naming the directory and the fix: {p.err!r}")


def verify_unit(t, b):
    unit = os.path.join(b.prefix, "lib", "systemd", "system", "bureau.service")
    t.check(os.path.exists(unit), "the unit is installed")
    if not os.path.exists(unit) or not shutil.which("systemd-analyze"):
        return
    text = open(unit, encoding="utf-8").read()
    t.check("RestartPreventExitStatus=78" in text and "ProtectSystem=strict" in text and
            "NoNewPrivileges=yes" in text, "the unit has the restart rule and the hardening")
    copy = os.path.join(b.root, "bureau.service")
    with open(copy, "w", encoding="utf-8") as f:
        f.write(text.replace("/usr/local/bin/bureau", b.bin))
    p = run("systemd-analyze", "verify", copy)
    t.eq(p.returncode, 0, f"systemd-analyze verify: {p.err}")


def main():
    if os.geteuid() != 0:
        skip("not root: this test creates a system user, a group and clerks' accounts")
    if not dovecot.available():
        skip("dovecot is not installed")
    t = Tally("install")
    tag = f"bt{os.getpid() % 100000}"
    svc, clerk, other = tag + "s", tag + "c", tag + "o"
    work = tempdir("bureau-install-")
    root = os.path.join(work, "root")
    made, d = [], None
    try:
        for u in (clerk, other):
            p = run("useradd", "--no-create-home", "--shell", "/bin/sh", u)
            if t.check(p.returncode == 0, f"useradd {u}: {p.err}"):
                made.append(u)
        env = dict(os.environ, DESTDIR=root)
        p = subprocess.run(["cmake", "--install", BUILD], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
        t.eq(p.returncode, 0, f"cmake --install with DESTDIR: {p.stderr.decode()[-300:]}")
        b = Box(root, svc)
        t.check(os.access(b.bin, os.X_OK), "bin/bureau installed")
        p = run(os.path.join(SRC, "scripts", "install.sh"), "--prefix", b.prefix,
                "--sysconfdir", b.etc, "--statedir", b.state, "--user", svc, "--clerk", clerk)
        made.insert(0, svc)
        t.eq(p.returncode, 0, f"install.sh: {p.err[-500:]}")
        if p.returncode != 0:
            return t.finish()
        t.check("is ready" in p.out, "install.sh ran init as the service user")
        permissions(t, b, svc)
        p = run(os.path.join(SRC, "scripts", "install.sh"), "--prefix", b.prefix,
                "--sysconfdir", b.etc, "--statedir", b.state, "--user", svc, "--no-init")
        t.eq(p.returncode, 0, "install.sh runs again")
        d = dovecot.Dovecot(os.path.join(work, "dovecot"), users={"bo": PW})
        os.makedirs(os.path.join(work, "dovecot"), exist_ok=True)
        d.start()
        configure(b, d, svc)
        as_users(t, b, d, svc, clerk)
        outsider(t, b, other)
        missing_dir(t, b, svc)
        verify_unit(t, b)
    finally:
        if d:
            d.stop()
        for u in made:
            run("userdel", u)
        if run("getent", "group", svc).returncode == 0:
            run("groupdel", svc)
        clean_up(t, work)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
