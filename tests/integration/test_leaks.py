"""valgrind --leak-check=full over `bureau parse` (in process and --isolated)
and `bureau ingest` of a sample of messages: ../shared/corpus (every
CORPUS_STEP-th .eml, sorted; env LEAK_STEP, default 6) when present, and
every tests/data .eml. No block "definitely lost" whose allocation stack
passes through our code (service/*.c, include/bureau) may be reported, and
valgrind must find no invalid reads/writes (exit code 99 on any error).

Skipped (77) when valgrind is missing, or when BUREAU_BIN is an
AddressSanitizer build (valgrind cannot run those; LeakSanitizer does the
job there)."""
import glob
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from common import BIN, SHARED, SRC, Tally, rmtree, skip, tempdir, write_config  # noqa: E402

STEP = int(os.environ.get("LEAK_STEP", "6"))
VG = ["valgrind", "--leak-check=full", "--show-leak-kinds=definite",
      "--errors-for-leak-kinds=definite", "--error-exitcode=99", "--child-silent-after-fork=yes",
      "--num-callers=30"]
OURS = {os.path.basename(p) for p in glob.glob(os.path.join(SRC, "service", "*.c"))}


def is_asan(path):
    with open(path, "rb") as f:
        return b"__asan_init" in f.read()


def sample():
    files = sorted(glob.glob(os.path.join(SRC, "tests", "data", "**", "*.eml"), recursive=True))
    corpus = sorted(glob.glob(os.path.join(SHARED, "corpus", "**", "*.eml"), recursive=True))
    return files + corpus[::STEP], len(corpus[::STEP])


def definite_ours(out):
    """The 'definitely lost' records whose stack has a frame in our sources."""
    found = []
    for rec in re.split(r"\n==\d+== \n", out):
        if "definitely lost" not in rec:
            continue
        frames = re.findall(r"\((?:in )?([^():]+?\.c):\d+\)", rec)
        if any(os.path.basename(f) in OURS for f in frames):
            found.append(re.sub(r"==\d+== ", "", rec.strip())[:1500])
    return found


def run(t, what, cmd, ok_codes=(0,)):
    p = subprocess.run(VG + cmd, capture_output=True, text=True, errors="replace", timeout=600)
    leaks = definite_ours(p.stderr)
    t.check(not leaks, f"{what}: no definite leak through our code:\n" + "\n---\n".join(leaks[:3]))
    errs = re.findall(r"Invalid (?:read|write|free)|Mismatched free|depends on uninitialised"
                      r"|points to uninitialised", p.stderr)
    t.check(not errs, f"{what}: valgrind reports no memory error:\n{p.stderr[-2500:]}")
    t.check(p.returncode in ok_codes or (p.returncode == 99 and not errs),
            f"{what}: exit {p.returncode}: {p.stderr[-800:]}")
    return p


def main():
    t = Tally("leaks")
    if not shutil.which("valgrind"):
        skip("valgrind is missing")
    if not os.access(BIN, os.X_OK):
        skip(f"no bureau binary at {BIN}")
    if is_asan(BIN):
        skip("AddressSanitizer build: LeakSanitizer checks leaks there")
    files, n_corpus = sample()
    print(f"{len(files)} messages ({n_corpus} from the shared corpus"
          f"{'' if n_corpus else ': absent'})", flush=True)
    work = tempdir("bureau-leaks-")
    try:
        for f in files:
            name = os.path.relpath(f, os.path.dirname(SRC))
            run(t, f"parse {name}", [BIN, "parse", f, "--json"], ok_codes=(0, 65, 1))
        for f in files[::4]:
            name = os.path.relpath(f, os.path.dirname(SRC))
            run(t, f"parse --isolated {name}", [BIN, "parse", f, "--json", "--isolated"],
                ok_codes=(0, 65, 1))
        db = os.path.join(work, "bureau.db")
        conf = os.path.join(work, "bureau.conf")
        rules = os.path.join(SRC, "rules")
        write_config(conf, db, rules=rules)
        subprocess.run([BIN, "-c", conf, "init"], check=True, capture_output=True)
        run(t, f"ingest of {len(files)} messages", [BIN, "-c", conf, "ingest"] + files,
            ok_codes=(0, 65))
    finally:
        rmtree(work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
