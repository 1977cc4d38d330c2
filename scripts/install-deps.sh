#!/usr/bin/env bash
# Installs the build and run dependencies from Debian 12 packages; with --test also what the test
# suites need (PostgreSQL server, Chromium, ffmpeg, ZXing, wrk and haproxy for the benchmarks, clang for
# the fuzzers); with
# --fuzz what scripts/fuzz.sh needs. Idempotent: installed packages
# are not fetched again. Uses sudo when not run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential dpkg-dev cmake ninja-build ccache pkg-config git curl
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libboost-context1.81-dev  # fibers for the hot write routes (src/http/commit_fiber.cpp)
  libsqlite3-dev libpq-dev libsodium-dev libjwt-dev liboath-dev libqrencode-dev libpng-dev libcairo2-dev fonts-dejavu-core
  libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libzxing-dev libcurl4-openssl-dev libarchive-dev libssl-dev
  libjemalloc-dev
  libhowardhinnant-date-dev tzdata  # events' time zones: date-tz reads the system's tz database
)
WEB=0
[ -f web/package.json ] && [ "${GATEPASS_WITH_WEB:-1}" = 1 ] && WEB=1
if [ "${1:-}" = "--test" ]; then
  PACKAGES+=(postgresql wrk haproxy sqlite3 clang libclang-rt-14-dev poppler-utils python3-aiosmtpd oathtool)
  [ $WEB = 1 ] && PACKAGES+=(chromium ffmpeg libnss3-tools)  # certutil: the HTTPS e2e trusts the venue CA like a phone
fi
# scripts/fuzz.sh: libFuzzer comes with clang's runtime libraries.
[ "${1:-}" = "--fuzz" ] && PACKAGES+=(clang libclang-rt-14-dev)
# Node: the machine image ships Node 20; Debian's own nodejs (18) is only a fallback.
[ $WEB = 1 ] && ! command -v node >/dev/null && PACKAGES+=(nodejs npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "dependencies: all installed"
fi
# promtool checks the /metrics text in tests/api/metrics_test.cpp (without it the test uses its own
# strict reader). Only the binary from Debian's `prometheus` package (19 MB download), unpacked:
# installing the package would bring a daemon and web assets the tests do not need.
if [ "${1:-}" = "--test" ] && ! command -v promtool >/dev/null; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  tmp=$(mktemp -d)
  if (cd "$tmp" && apt-get download prometheus >/dev/null 2>&1 && dpkg-deb -x prometheus_*.deb x); then
    $SUDO install -m 755 "$tmp/x/usr/bin/promtool" /usr/local/bin/promtool && echo "installed: promtool"
  else
    echo "promtool: not available (the metrics test falls back to its own reader)" >&2
  fi
  rm -rf "$tmp"
fi

if [ $WEB = 1 ]; then
  # Vite 8 needs Node >= 20.19. Say so plainly rather than failing inside the build.
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    echo "Node $(node --version) is too old for the web app (needs >= 20.19)." >&2
    echo "Install a newer Node, or set GATEPASS_WITH_WEB=0 to build and test the server alone." >&2
    exit 1
  fi
fi
