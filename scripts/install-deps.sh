#!/usr/bin/env bash
# Installs every build, test and run dependency from Debian 12 packages (and Node for the web
# app). Idempotent: packages already installed are not fetched again.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git curl
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libsodium-dev libjwt-dev libqrencode-dev libpng-dev
  libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev libzxing-dev
  postgresql wrk sqlite3
)
cd "$(dirname "$0")/.."
# The web app's build and browser tests (only once web/ exists).
if [ -f web/package.json ] && [ "${GATEPASS_WITH_WEB:-1}" = 1 ]; then PACKAGES+=(nodejs npm chromium ffmpeg); fi

missing=()
for p in "${PACKAGES[@]}"; do
  # node/npm may come from elsewhere (the image ships Node 20): only install if the command is absent.
  case "$p" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "dependencies: all installed"; exit 0; }

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
