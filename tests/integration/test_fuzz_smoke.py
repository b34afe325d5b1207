"""A short libFuzzer run of every tests/fuzz/fuzz_*.c target, and the replay of
every kept regression input (tests/fuzz/regressions/<target>/*).

Fuzz build: $BUREAU_FUZZ_DIR if set, else SRC/build-fuzz when it exists, else
$BUREAU_BUILD_DIR/fuzz-smoke (or a temp dir), configured with clang,
-DBUREAU_FUZZ=ON and the library instrumented by CMake (-fsanitize=fuzzer-no-link,
address,undefined); the targets are (re)built in every case. Skipped (77)
only when clang is missing.

Each target runs FUZZ_SECONDS (env, default 30) seeded from ../shared/corpus
(every .eml, when present), tests/data and its regressions; a crash, a
sanitizer report, a leak or a timeout fails the test and leaves the input
in the artifacts dir printed."""
import glob
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from common import SHARED, SRC, Tally, rmtree, skip, tempdir  # noqa: E402

SECONDS = int(os.environ.get("FUZZ_SECONDS", "30"))


def targets():
    return sorted(os.path.basename(p)[:-2] for p in glob.glob(os.path.join(SRC, "tests", "fuzz",
                                                                              "fuzz_*.c")))


def build_dir(t, work):
    d = os.environ.get("BUREAU_FUZZ_DIR")
    if not d and os.path.isdir(os.path.join(SRC, "build-fuzz")):
        d = os.path.join(SRC, "build-fuzz")
    if not d:
        base = os.environ.get("BUREAU_BUILD_DIR")
        d = os.path.join(base, "fuzz-smoke") if base else os.path.join(work, "build")
    # configured again each time: a target added since the last run is then known
    args = (["cmake", "-S", SRC, "-B", d] if os.path.exists(os.path.join(d, "CMakeCache.txt"))
            else ["cmake", "-S", SRC, "-B", d, "-DCMAKE_C_COMPILER=clang", "-DBUREAU_FUZZ=ON",
                  "-DCMAKE_BUILD_TYPE=RelWithDebInfo"])
    p = subprocess.run(args, capture_output=True, text=True)
    if not t.check(p.returncode == 0, "cmake of the fuzz build: " + p.stderr[-1500:]):
        return None
    p = subprocess.run(["cmake", "--build", d, "-j2", "--target"] + targets(),
                       capture_output=True, text=True)
    if not t.check(p.returncode == 0, "building the fuzz targets: " + (p.stdout + p.stderr)[-2500:]):
        return None
    return d


def seeds(target, dest):
    os.makedirs(dest)
    srcs = glob.glob(os.path.join(SRC, "tests", "fuzz", "regressions", target, "*"))
    if target == "fuzz_rulefiles":  # even first byte: a model; odd: a .rules file
        for p in sorted(glob.glob(os.path.join(SRC, "rules", "*.rules"))):
            with open(p, "rb") as f:
                srcs.append(b"\x01" + f.read())
        srcs.append(b"\x00bureau-model 1\n# seed\nclasses 3\nclass eau-assainissement 4\n"
                    b"class eclairage-public 3\nclass urbanisme 2\nterms 4\n"
                    b"lampadaire\t1:3\nrue lampadaire\t1:1 2:1\nrukhsa\t2:2\n" +
                    "\u0645\u0627\u0621\t0:4\n".encode())
    elif target == "fuzz_config":  # the shipped example and one file of every section
        srcs.append(os.path.join(SRC, "docs", "bureau.conf.example"))
        srcs.append(b"[bureau]\ndatabase = x.db\n[reminders]\ndigest_time = 07:30\n"
                    b"due_soon_days = 5\n[limits]\nparsers = auto\nmax_message_size = 2M\n"
                    b"[account a]\nhost = 127.0.0.1\nport = 143\ntls = none\nuser = bo\n"
                    b"password_env = X\n[smtp]\nurl = smtp://127.0.0.1:25\ntls = none\n"
                    b"[web]\nlisten = 127.0.0.1:8080\n[approval]\nletter = head, director\n"
                    b"[staff]\nali = ali@commune.test\n")
    elif target == "fuzz_headmail":  # a head's reply: commands in both languages, a quote
        srcs.append(b"\x00Statut : en cours\nNote : vu avec le service\n\nLe 3 d\xc3\xa9c. "
                    b"2026, bo@commune.ma a \xc3\xa9crit :\n> texte\n")
        srcs.append("\x00الحالة: مرفوض hors-competence\nإعادة التوجيه: urbanisme لأن\n"
                    "-- \nsig\n".encode())
        srcs.append("\x00Réaffecter : eau-assainissement, parce que fuite\nRéponse : Bonjour, "
                    "la fuite est réparée.\n-----Original Message-----\nStatut : clos\n".encode())
    elif target == "fuzz_mime":
        srcs += glob.glob(os.path.join(SHARED, "corpus", "**", "*.eml"), recursive=True)
        srcs += glob.glob(os.path.join(SRC, "tests", "data", "**", "*.eml"), recursive=True)
    else:
        for p in glob.glob(os.path.join(SRC, "tests", "data", "**", "*.eml"), recursive=True):
            with open(p, "rb") as f:
                raw = f.read()
            head, _, body = raw.partition(b"\n\n")
            subj = re.search(rb"(?mi)^subject:(.*)$", head)
            frm = re.search(rb"(?mi)^from:(.*)$", head)
            srcs.append((b"\x00" + (subj.group(1).strip() if subj else b"") + b"\x00" +
                         body[:4000] + b"\x00" + (frm.group(1).strip() if frm else b"")))
    n = 0
    for s in srcs:
        n += 1
        out = os.path.join(dest, f"seed{n:05d}")
        if isinstance(s, bytes):
            with open(out, "wb") as f:
                f.write(s)
        elif os.path.isfile(s):
            shutil.copyfile(s, out)
    return n


def run_target(t, binary, target, work):
    corpus = os.path.join(work, target)
    n = seeds(target, corpus)
    art = os.path.join(work, "artifacts-" + target) + "/"
    os.makedirs(art)
    cmd = [binary, f"-max_total_time={SECONDS}", "-max_len=262144", "-timeout=20",
           "-rss_limit_mb=2048", "-print_final_stats=1", "-artifact_prefix=" + art, corpus]
    p = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                       timeout=SECONDS * 4 + 120)
    out = p.stdout + p.stderr
    runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", out)
    print(f"{target}: {n} seeds, {runs[-1] if runs else '?'} executions in {SECONDS} s, "
          f"exit {p.returncode}", flush=True)
    bad = p.returncode != 0 or "ERROR: " in out or "runtime error:" in out
    if bad:
        t.check(False, f"{target}: finding (artifacts in {art}, kept):\n{out[-4000:]}")
        return False
    t.check(True, f"{target} ran clean")
    return True


def replay(t, binary, target):
    files = sorted(glob.glob(os.path.join(SRC, "tests", "fuzz", "regressions", target, "*")))
    files = [f for f in files if os.path.isfile(f) and not f.endswith(".md")]
    if not files:
        return
    p = subprocess.run([binary, "-runs=1"] + files, capture_output=True, text=True,
                       errors="replace", timeout=600)
    out = p.stdout + p.stderr
    t.check(p.returncode == 0 and "ERROR: " not in out and "runtime error:" not in out,
            f"{target}: {len(files)} regression inputs replay clean:\n{out[-3000:]}")
    print(f"{target}: replayed {len(files)} regression inputs", flush=True)


def main():
    t = Tally("fuzz_smoke")
    if not shutil.which("clang"):
        skip("clang is missing")
    if not os.path.isdir(os.path.join(SHARED, "corpus")):
        print(f"note: {SHARED}/corpus absent: seeding from tests/ only", flush=True)
    work = tempdir("bureau-fuzz-")
    keep = False
    try:
        d = build_dir(t, work)
        if d:
            for target in targets():
                binary = os.path.join(d, target)
                if not t.check(os.access(binary, os.X_OK), f"{binary} built"):
                    continue
                replay(t, binary, target)
                if not run_target(t, binary, target, work):
                    keep = True
    finally:
        if keep:
            print("kept", work)
        else:
            rmtree(work)
    sys.exit(t.finish())


if __name__ == "__main__":
    main()
