"""`bureau user` (issue 14, item 2): the console's accounts from the command line.

Drives the real binary on a fresh register: passwords from --password-file, from
a stdin pipe and from a terminal (a pty: asked twice, not echoed), never on the
command line (the running process's /proc/PID/cmdline is read while it waits
for the password); each stored hash is checked with libsodium's own
crypto_pwhash_str_verify (through ctypes). Then list (table and --json), role
changes, disable and enable (sessions ended), refusals (unknown department:
exit 64 and nothing written; mismatched passwords; a taken login), the audit
rows under the --as name, and one account hashed with the real argon2id limits.
"""
import ctypes
import ctypes.util
import os
import pty
import select
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import BIN, Tally, bureau, clean_up, db_rows, tempdir, write_config  # noqa: E402

FAST = {"BUREAU_TEST_FAST_HASH": "1"}
SECRET = "s3cret-horse-battery"

t = Tally("user_cli")
work = tempdir()
db = os.path.join(work, "bureau.db")
conf = write_config(os.path.join(work, "bureau.conf"), db)
t.eq(bureau(conf, "init").returncode, 0, "init")

lib = ctypes.util.find_library("sodium")
sodium = ctypes.CDLL(lib) if lib else None
if sodium:
    sodium.sodium_init()


def verifies(login, password):
    """Does the stored hash of login verify password (libsodium)?"""
    if not sodium:
        return None
    h = db_rows(db, "SELECT pw_hash FROM users WHERE login = ?", (login,))[0][0].encode()
    p = password.encode()
    return sodium.crypto_pwhash_str_verify(h, p, ctypes.c_ulonglong(len(p))) == 0


def user(*args, input=None, env=None, actor="Admin Principal", json_out=False):
    e = dict(FAST)
    e.update(env or {})
    return bureau(conf, "user", *args, input=input, env=e, actor=actor, json_out=json_out)


def accounts():
    p = bureau(conf, "user", "list", json_out=True)
    return {a["login"]: a for a in (p.json or [])}


# --- help -------------------------------------------------------------------------
for sub in ("add", "list", "passwd", "disable", "enable", "role"):
    p = user(sub, "--help")
    t.eq(p.returncode, 0, f"user {sub} --help")
    t.check(f"user {sub}" in p.stdout, f"user {sub} --help shows its usage")
t.eq(user().returncode, 64, "user without a subcommand: 64")
t.eq(user("frobnicate").returncode, 64, "unknown subcommand: 64")
t.eq(user("add", "x", "--name", "X", "--role", "clerk", "--password", SECRET).returncode, 64,
     "there is no --password option")

# --- add, password from a file ---------------------------------------------------------
pwfile = os.path.join(work, "pw")
with open(pwfile, "w") as f:
    f.write("password from a file\r\nsecond line ignored\n")
os.chmod(pwfile, 0o600)
p = user("add", "Amina", "--name", "Amina Alaoui", "--role", "clerk", "--admin",
         "--password-file", pwfile)
t.eq(p.returncode, 0, f"add from a file: {p.stderr}")
t.check("amina: clerk, admin" in p.stdout, f"says what was added: {p.stdout!r}")
t.eq(verifies("amina", "password from a file"), True, "the file's first line, CRLF stripped")
t.eq(verifies("amina", "password from a file\r"), False, "not with the CR")

# --- add, password from a stdin pipe, while ps shows the arguments ------------------------
env = dict(os.environ, **FAST)
cmd = [BIN, "-c", conf, "--as", "Admin Principal", "user", "add", "karim", "--name", "كريم بناني",
       "--role", "head", "--department", "urbanisme", "--department", "etat-civil", "--lang", "ar"]
proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, env=env)
time.sleep(0.3)  # it waits on stdin: its arguments are what ps shows
with open(f"/proc/{proc.pid}/cmdline", "rb") as f:
    cmdline = f.read()
t.check(b"karim" in cmdline and SECRET.encode() not in cmdline,
        "the running command's arguments hold no password")
out, err = proc.communicate(SECRET.encode() + b"\n", timeout=60)
t.eq(proc.returncode, 0, f"add from stdin: {err!r}")
t.eq(verifies("karim", SECRET), True, "stdin's first line is the password")

# --- add, password from a terminal (pty): asked twice, not echoed -----------------------
def on_tty(args, answers):
    """Runs bureau with a pty as stdin/stdout/stderr, answering each prompt."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([BIN, "-c", conf, "--as", "Admin Principal"] + args, stdin=slave,
                            stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    seen = b""
    pending = list(answers)
    deadline = time.time() + 60
    while time.time() < deadline:
        r, _, _ = select.select([master], [], [], 0.2)
        if r:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        if pending and seen.count(b": ") > len(answers) - len(pending):
            time.sleep(0.1)  # echo is turned off right after the prompt
            os.write(master, pending.pop(0).encode() + b"\n")
        if proc.poll() is not None and not r:
            break
    proc.wait(timeout=30)
    os.close(master)
    return proc.returncode, seen.decode("utf-8", "replace")


rc, seen = on_tty(["user", "add", "nadia", "--name", "Nadia", "--role", "director"],
                  ["typed on a terminal", "typed on a terminal"])
t.eq(rc, 0, f"add from a terminal: {seen!r}")
t.check("New password for nadia" in seen and "again" in seen, f"asks twice: {seen!r}")
t.check("typed on a terminal" not in seen, "the password is not echoed")
t.eq(verifies("nadia", "typed on a terminal"), True, "the typed password is stored")
rc, seen = on_tty(["user", "add", "omar", "--name", "Omar", "--role", "clerk"],
                  ["first one typed", "another one typed"])
t.eq(rc, 1, f"two different passwords: refused ({seen!r})")
t.check("differ" in seen, "says they differ")
t.check("omar" not in accounts(), "nothing added")

# --- refusals ---------------------------------------------------------------------------
n_users = len(db_rows(db, "SELECT id FROM users"))
n_events = len(db_rows(db, "SELECT id FROM account_events"))
p = user("add", "sara", "--name", "Sara", "--role", "head", "--department", "nowhere",
         input=SECRET + "\n")
t.eq(p.returncode, 64, "unknown department: exit 64")
t.check('unknown department "nowhere"' in p.stderr and "urbanisme" in p.stderr,
        f"names it and lists the valid ones: {p.stderr[:200]!r}")
p = user("add", "sara", "--name", "Sara", "--role", "head", input=SECRET + "\n")
t.eq(p.returncode, 1, "a head without department: refused")
p = user("add", "sara", "--name", "Sara", "--role", "clerk", "--department", "urbanisme",
         input=SECRET + "\n")
t.eq(p.returncode, 1, "a clerk with a department: refused")
p = user("add", "sara", "--name", "Sara", "--role", "boss", input=SECRET + "\n")
t.eq(p.returncode, 64, "unknown role: 64")
p = user("add", "AMINA", "--name", "Someone", "--role", "clerk", input=SECRET + "\n")
t.eq(p.returncode, 1, "a taken login (any case): refused")
t.check("taken" in p.stderr, f"says so: {p.stderr!r}")
p = user("add", "amina2", "--name", "Amina Alaoui", "--role", "clerk", input=SECRET + "\n")
t.eq(p.returncode, 1, "a taken display name: refused")
p = user("add", "sara", "--name", "Sara", "--role", "clerk", input="short\n")
t.eq(p.returncode, 1, "a short password: refused")
p = user("add", "sara", "--name", "Sara", "--role", "clerk", input="")
t.eq(p.returncode, 1, "no password at all: refused")
p = user("add", "sara", "--name", "Sa\x1bra", "--role", "clerk", input=SECRET + "\n")
t.eq(p.returncode, 1, "a display name with ESC: refused")
p = user("add", "sa ra", "--name", "Sara", "--role", "clerk", input=SECRET + "\n")
t.eq(p.returncode, 1, "a login with a space: refused")
p = user("add", "sara", "--name", "Sara", "--role", "clerk", "--password-file",
         os.path.join(work, "missing"))
t.eq(p.returncode, 1, "a missing password file: refused")
t.eq(len(db_rows(db, "SELECT id FROM users")), n_users, "no account was added by a refusal")
t.eq(len(db_rows(db, "SELECT id FROM account_events")), n_events, "nor any event")

# --- list ------------------------------------------------------------------------------
p = bureau(conf, "user", "list")
t.eq(p.returncode, 0, "list")
lines = p.stdout.splitlines()
t.check(lines and lines[0].split()[:3] == ["LOGIN", "ROLE", "ADMIN"], f"a header: {lines[:1]}")
karim = [ln for ln in lines if ln.startswith("karim ")]
t.check(karim and "head" in karim[0] and "etat-civil,urbanisme" in karim[0]
        and "كريم بناني" in karim[0] and " ar " in karim[0], f"karim's row: {karim}")
a = accounts()
t.eq(sorted(a), ["amina", "karim", "nadia"], "--json: every account")
t.eq((a["amina"]["role"], a["amina"]["admin"], a["amina"]["lang"]), ("clerk", True, "fr"),
     "amina's role, admin and language")
t.eq(a["karim"]["departments"], ["etat-civil", "urbanisme"], "karim's departments")
t.eq(a["karim"]["name"], "كريم بناني", "the display name as given")
t.check(all("pw_hash" not in x and "password" not in x for x in a.values()), "no hash in --json")
p = bureau(conf, "user", "list", "--json")
t.eq(len(__import__("json").loads(p.stdout)), 3, "--json after the subcommand too")

# --- role -------------------------------------------------------------------------------
p = user("role", "karim", "--role", "director")
t.eq(p.returncode, 0, f"head -> director: {p.stderr}")
t.eq((accounts()["karim"]["role"], accounts()["karim"]["departments"]), ("director", []),
     "a director has no departments")
p = user("role", "karim", "--role", "head")
t.eq(p.returncode, 1, "head again without a department: refused")
p = user("role", "karim", "--role", "head", "--department", "fiscalite", "--admin")
t.eq(p.returncode, 0, f"head of fiscalite, admin: {p.stderr}")
k = accounts()["karim"]
t.eq((k["role"], k["departments"], k["admin"]), ("head", ["fiscalite"], True), "changed")
p = user("role", "karim", "--no-admin")
t.eq(p.returncode, 0, "--no-admin alone")
k = accounts()["karim"]
t.eq((k["role"], k["departments"], k["admin"]), ("head", ["fiscalite"], False),
     "a head staying a head keeps the departments")
p = user("role", "karim", "--department", "ghost")
t.eq(p.returncode, 64, "role with an unknown department: 64")
t.eq(accounts()["karim"]["departments"], ["fiscalite"], "unchanged")
p = user("role", "nobody", "--role", "clerk")
t.eq(p.returncode, 1, "role of an unknown login: 1")
t.check('no account "nobody"' in p.stderr, "the unknown login is named in the error")
t.eq(user("role", "karim", "--admin", "--no-admin").returncode, 64, "--admin and --no-admin")

# --- passwd and disable end the sessions ---------------------------------------------------
def add_session(login, tag):
    import sqlite3
    con = sqlite3.connect(db)
    con.execute("INSERT INTO sessions (id_hash, csrf, user_id, created_at, last_seen) "
                "SELECT ?, ?, id, 1, 1 FROM users WHERE login = ?", (tag * 64, "0" * 64, login))
    con.commit()
    con.close()


def sessions(login):
    return db_rows(db, "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id "
                       "WHERE u.login = ?", (login,))[0][0]


add_session("amina", "a")
add_session("nadia", "b")
p = user("passwd", "amina", input="a brand new password\n")
t.eq(p.returncode, 0, f"passwd from stdin: {p.stderr}")
t.eq(verifies("amina", "a brand new password"), True, "the new password verifies")
t.eq(verifies("amina", "password from a file"), False, "the old one no longer")
t.eq(sessions("amina"), 0, "passwd ended amina's sessions")
t.eq(sessions("nadia"), 1, "not the others'")
t.eq(user("passwd", "nobody", input=SECRET + "\n").returncode, 1, "passwd of an unknown login")
p = user("passwd", "amina", input="amina\n")
t.eq(p.returncode, 1, "a 5-character password: refused")
t.eq(verifies("amina", "a brand new password"), True, "still the last good one")

p = user("disable", "nadia")
t.eq(p.returncode, 0, "disable")
t.eq(accounts()["nadia"]["disabled"], True, "listed as disabled")
t.eq(sessions("nadia"), 0, "disabling ended its sessions")
t.eq(user("disable", "nadia").returncode, 1, "disabling again: refused")
t.check("disabled" in bureau(conf, "user", "list").stdout, "the table says disabled")
t.eq(user("enable", "nadia").returncode, 0, "enable")
t.eq(accounts()["nadia"]["disabled"], False, "enabled again")

# --- the record --------------------------------------------------------------------------
ev = db_rows(db, "SELECT u.login, e.actor, e.action, coalesce(e.detail, '') FROM account_events e "
                 "JOIN users u ON u.id = e.user_id ORDER BY e.id")
actions = [(r[0], r[2]) for r in ev]
t.eq(actions, [("amina", "add"), ("karim", "add"), ("nadia", "add"), ("karim", "role"),
               ("karim", "role"), ("karim", "role"), ("amina", "passwd"), ("nadia", "disable"),
               ("nadia", "enable")], "every change recorded, in order")
t.check(all(r[1] == "Admin Principal" for r in ev), "under the --as name")
p = bureau(conf, "user", "disable", "karim", env=dict(FAST, BUREAU_CLERK="Clerk Env"))
t.eq(p.returncode, 0, "disable as $BUREAU_CLERK")
t.eq(db_rows(db, "SELECT actor FROM account_events ORDER BY id DESC LIMIT 1")[0][0], "Clerk Env",
     "$BUREAU_CLERK recorded")
everything = open(db, "rb").read()
for wal in ("-wal",):
    if os.path.exists(db + wal):
        everything += open(db + wal, "rb").read()
for pw in (SECRET, "password from a file", "a brand new password", "typed on a terminal"):
    t.check(pw.encode() not in everything, f"{pw!r} is nowhere in the database")

# --- the real limits ------------------------------------------------------------------------
p = bureau(conf, "user", "add", "real", "--name", "Real Limits", "--role", "none", "--admin",
           input=SECRET + "\n", env={"BUREAU_TEST_FAST_HASH": ""})
e_ok = p.returncode == 0
t.check(e_ok, f"add with the real limits: {p.stderr}")
h = db_rows(db, "SELECT pw_hash FROM users WHERE login = 'real'")
t.check(h and h[0][0].startswith("$argon2id$v=19$m=65536,t=2,p=1$"),
        f"argon2id, 64 MiB: {h[0][0][:32] if h else None}")
fast = db_rows(db, "SELECT pw_hash FROM users WHERE login = 'amina'")[0][0]
t.check(fast.startswith("$argon2id$v=19$m=8,t=1,p=1$"), "BUREAU_TEST_FAST_HASH=1: the minimum")
t.eq(verifies("real", SECRET), True, "the real hash verifies")
t.check(sodium is not None, "libsodium found for the verification")

clean_up(t, work)
sys.exit(t.finish())
