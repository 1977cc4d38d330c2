#!/usr/bin/env bash
# Builds the Debian package from an existing build (scripts/build.sh Release first):
#   scripts/package.sh [BUILD_DIR]   (default build/release) -> BUILD_DIR/gatepass_<version>_amd64.deb
# The web app comes from web/dist (GATEPASS_WEB_DIST=DIR for another one); without it the package
# is refused unless GATEPASS_WITH_WEB=0 (a server-only package). Runtime dependencies are computed
# by dpkg-shlibdeps (package dpkg-dev, which scripts/install-deps.sh installs).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build/release}
[ -f "$BUILD_DIR/CMakeCache.txt" ] || { echo "no build in $BUILD_DIR: run scripts/build.sh Release first" >&2; exit 1; }
command -v dpkg-shlibdeps >/dev/null || { echo "dpkg-shlibdeps is missing: apt-get install dpkg-dev" >&2; exit 1; }
WEB_DIST=$(realpath -m "${GATEPASS_WEB_DIST:-web/dist}")
if [ "${GATEPASS_WITH_WEB:-1}" = 1 ] && [ ! -f "$WEB_DIST/index.html" ]; then
  echo "no web app in $WEB_DIST (scripts/build.sh builds it; GATEPASS_WITH_WEB=0 packages the server alone)" >&2
  exit 1
fi
[ "${GATEPASS_WITH_WEB:-1}" = 1 ] || WEB_DIST=$(realpath -m "$BUILD_DIR/no-web-app")
cmake -S . -B "$BUILD_DIR" -DGATEPASS_WEB_DIST="$WEB_DIST" >/dev/null
rm -f "$BUILD_DIR"/gatepass_*.deb
(cd "$BUILD_DIR" && cpack -G DEB >/dev/null)
DEB=$(ls "$BUILD_DIR"/gatepass_*_amd64.deb)
echo "$DEB"
dpkg-deb --field "$DEB" Package Version Architecture Depends | sed 's/^/  /'
