"""Shared helpers for bureau's integration tests (Debian's python3, stdlib only).

Every test script: build a Tally, run checks with t.check(cond, what), end with
sys.exit(t.finish()). t.finish() prints 'N passed, N failed'. Exit 77 = skipped.
"""
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile

SRC = os.environ.get("BUREAU_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
BIN = os.environ.get("BUREAU_BIN", os.path.join(SRC, "build", "bureau"))
SHARED = os.path.abspath(os.path.join(SRC, "..", "shared"))
SKIP = 77


class Tally:
    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL [{self.name}] {what}", flush=True)
        return cond

    def eq(self, got, expected, what):
        ok = got == expected
        if not ok:
            what = f"{what}: got {got!r}, expected {expected!r}"
        return self.check(ok, what)

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed", flush=True)
        return 1 if self.failed or self.passed == 0 else 0


def is_asan(path=None):
    """Is the binary (default: bureau) built with AddressSanitizer?"""
    with open(path or BIN, "rb") as f:
        return b"__asan_init" in f.read()


def clean_up(t, work, hint=""):
    """The work directory goes when every check passed; else it is kept, and
    said (with hint)."""
    if t.failed == 0:
        rmtree(work)
    else:
        print(f"(work directory kept: {work}{hint})", flush=True)


def skip(reason):
    print(f"SKIPPED: {reason}", flush=True)
    sys.exit(SKIP)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tempdir(prefix="bureau-test-"):
    d = tempfile.mkdtemp(prefix=prefix)
    os.chmod(d, 0o755)
    return d


def write_config(path, db, rules=None, templates=None, holidays=None, accounts=(),
                 smtp=None, extra=""):
    """Write a bureau.conf. accounts: list of dicts with keys of an [account NAME]
    section (name=... required). smtp: dict of [smtp] keys or None."""
    rules = rules or os.path.join(SRC, "rules")
    templates = templates or os.path.join(SRC, "templates")
    holidays = holidays or os.path.join(SRC, "data", "holidays-ma.txt")
    lines = [
        "[bureau]",
        f"database = {db}",
        "organisation_fr = Commune de Test",
        "organisation_ar = جماعة الاختبار",
        f"rules = {rules}",
        f"templates = {templates}",
        f"holidays = {holidays}",
        "own_addresses = bo@commune.test",
        "log_level = info",
    ]
    for a in accounts:
        a = dict(a)
        lines.append(f"[account {a.pop('name')}]")
        lines += [f"{k} = {v}" for k, v in a.items()]
    if smtp:
        lines.append("[smtp]")
        lines += [f"{k} = {v}" for k, v in smtp.items()]
    lines.append(extra)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path


def bureau(config, *args, input=None, env=None, timeout=120, json_out=False, actor=None):
    """Run bureau; returns CompletedProcess (stdout/stderr as str). With json_out,
    --json is passed and .json holds the parsed stdout (None if unparsable)."""
    cmd = [BIN]
    if config:
        cmd += ["-c", config]
    if json_out:
        cmd.append("--json")
    if actor:
        cmd += ["--as", actor]
    cmd += list(args)
    e = dict(os.environ)
    if env:
        e.update(env)
    if isinstance(input, str):
        input = input.encode("utf-8")
    p = subprocess.run(cmd, input=input, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=e, timeout=timeout)
    p.stdout = p.stdout.decode("utf-8", "replace")
    p.stderr = p.stderr.decode("utf-8", "replace")
    p.json = None
    if json_out:
        try:
            p.json = json.loads(p.stdout)
        except ValueError:
            pass
    return p


def db_rows(db, sql, params=()):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def rmtree(d):
    shutil.rmtree(d, ignore_errors=True)
