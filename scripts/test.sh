#!/usr/bin/env bash
# The test suite: installs the Debian packages, builds twice (release and
# AddressSanitizer+UBSan), runs every unit and integration test in both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

# Sanitizer build: the same tests (mail parsing of the whole corpus included)
# under ASan+UBSan; LeakSanitizer on for our programs. Left out there: the
# fuzz smoke run and the valgrind leak check (they bring their own
# instrumentation) and the kill -9 crash tests (timing tests, run above).
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DBUREAU_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" \
  -E 'integration\.test_(fuzz_smoke|leaks|crash|crash_serve)$'

