#!/usr/bin/env bash
# Installs the Debian 12 packages that bureau needs to build, test and run its demo.
# Idempotent: packages already present are skipped by apt.
set -euo pipefail
PKGS=(
  build-essential cmake pkg-config clang libclang-rt-14-dev valgrind
  libetpan-dev libcurl4-gnutls-dev libgnutls28-dev libpcre2-dev libsqlite3-dev libutf8proc-dev
  libmicrohttpd-dev libsodium-dev
  dovecot-core dovecot-imapd python3 python3-aiosmtpd isync openssl sqlite3 curl
  chromium chromium-driver python3-selenium
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
