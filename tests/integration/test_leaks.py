"""valgrind --leak-check=full over `bureau parse` (in process and --isolated)
and `bureau ingest` of a sample of messages: ../shared/corpus (every
LEAK_STEP-th .eml, sorted; env LEAK_STEP, default 10) when present, and
the tests/data/mime and tests/data/samples messages. No block "definitely lost" whose allocation stack
passes through our code (service/*.c, include/bureau) may be reported, and
valgrind must find no invalid read/write/free nor use of uninitialised
memory (see memory_errors for the two library false positives left out).

Skipped (77) when valgrind is missing, or when BUREAU_BIN is an
AddressSanitizer build (valgrind cannot run those; LeakSanitizer does the
job there)."""
import glob
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from common import (BIN, SHARED, SRC, Tally, is_asan, rmtree, skip, tempdir,  # noqa: E402
                    write_config)

STEP = int(os.environ.get("LEAK_STEP", "10"))
VG = ["valgrind", "--leak-check=full", "--show-leak-kinds=definite",
      "--errors-for-leak-kinds=definite", "--error-exitcode=99", "--child-silent-after-fork=yes",
      "--num-callers=30"]
OURS = {os.path.basename(p) for p in glob.glob(os.path.join(SRC, "service", "*.c"))}


def sample():
    files = sorted(glob.glob(os.path.join(SRC, "tests", "data", "mime", "*.eml")) +
                   glob.glob(os.path.join(SRC, "tests", "data", "samples", "*.eml")))
    corpus = sorted(glob.glob(os.path.join(SHARED, "corpus", "**", "*.eml"), recursive=True))
    return files + corpus[::STEP], len(corpus[::STEP])


def records(out):
    return [re.sub(r"==\d+== ", "", r.strip()) for r in re.split(r"\n==\d+== \n", out)]


def ours(rec):
    frames = re.findall(r"\((?:in )?([^():]+?\.c):\d+\)", rec)
    return any(os.path.basename(f) in OURS for f in frames)


def definite_ours(out):
    """The 'definitely lost' records whose stack has a frame in our sources."""
    return [r[:1500] for r in records(out) if "definitely lost" in r and ours(r)]


def memory_errors(out):
    """Invalid accesses and uses of uninitialised memory, except those
    whose innermost frames are in the dynamic loader (glibc's dl-load
    reading past a strdup'd rpath while iconv_open loads a gconv module is
    a known valgrind false positive), and those raised inside anonymous
    code ('???': PCRE2's JIT-compiled patterns, which memcheck cannot
    follow)."""
    found = []
    for r in records(out):
        if not re.search(r"Invalid (?:read|write|free)|Mismatched free|uninitialised", r):
            continue
        top = re.findall(r"(?:at|by) 0x[0-9A-F]+: .*", r)[:3]
        if not top:
            continue
        if any(re.search(r"\(dl-[\w-]+\.c:|\(rtld\.c:|ld-linux", f) for f in top):
            continue
        if top and top[0].endswith(": ???"):
            continue
        found.append(r[:2500])
    return found


def run(t, what, cmd, ok_codes=(0,)):
    p = subprocess.run(VG + cmd, capture_output=True, text=True, errors="replace", timeout=900)
    leaks = definite_ours(p.stderr)
    t.check(not leaks, f"{what}: no definite leak through our code:\n" + "\n---\n".join(leaks[:3]))
    errs = memory_errors(p.stderr)
    t.check(not errs, f"{what}: valgrind reports no memory error:\n" + "\n---\n".join(errs[:3]))
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
        jobs = [(f"parse {os.path.relpath(f, os.path.dirname(SRC))}", [BIN, "parse", f, "--json"])
                for f in files]
        jobs += [(f"parse --isolated {os.path.relpath(f, os.path.dirname(SRC))}",
                  [BIN, "parse", f, "--json", "--isolated"]) for f in files[::12]]
        with ThreadPoolExecutor(max_workers=2) as ex:
            list(ex.map(lambda j: run(t, j[0], j[1], ok_codes=(0, 65, 1)), jobs))
        db = os.path.join(work, "bureau.db")
        conf = os.path.join(work, "bureau.conf")
        rules = os.path.join(SRC, "rules")
        write_config(conf, db, rules=rules)
        subprocess.run([BIN, "-c", conf, "init"], check=True, capture_output=True)
        for k in range(0, len(files), 100):
            part = files[k:k + 100]
            run(t, f"ingest of {len(part)} messages", [BIN, "-c", conf, "ingest"] + part,
                ok_codes=(0, 65))
    finally:
        rmtree(work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
