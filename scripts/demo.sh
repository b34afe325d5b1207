#!/usr/bin/env bash
# The demo: a throwaway Dovecot and SMTP server on 127.0.0.1 loaded with
# sample citizen mail; bureau fetches, registers, classifies, and sends the
# acknowledgements and routed items; the register and the mails are shown.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
exec /usr/bin/python3 scripts/demo.py "$@"
