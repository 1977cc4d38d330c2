#!/usr/bin/env bash
# The Debian package as an operator uses it: `apt-get install ./gatepass_*.deb`, the files, user,
# data directory and settings file it makes, then the systemd unit's own ExecStart (read from the
# installed gatepass.service) run by hand as the gatepass user with the settings file's
# environment, since CI has no systemd: against a temporary data directory and a free port. It
# checks /api/health/ready and the web app at /, that the first admin made with the README's
# command can log in, a clean stop, and that `apt-get remove` and then purge leave the data
# directory alone. Needs root (or sudo, like scripts/install-deps.sh); refuses to run where the
# gatepass package is already installed (it would replace and then remove it).
# Usage: package_test.sh path/to/gatepass_<version>_amd64.deb [report-dir]
set -u
DEB=$(realpath "${1:?usage: package_test.sh path/to/gatepass_VERSION_amd64.deb [report-dir]}")
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
# shellcheck disable=SC2206  # SUDO is empty or "sudo"
APT=($SUDO env DEBIAN_FRONTEND=noninteractive apt-get)   # through sudo too (it drops the environment)
UNIT=/lib/systemd/system/gatepass.service
ENV_FILE=/etc/gatepass/gatepass.env
WAS_INSTALLED=0
dpkg-query -W -f='${Status}' gatepass 2>/dev/null | grep -q "ok installed" && WAS_INSTALLED=1
HAD_USER=0
getent passwd gatepass >/dev/null && HAD_USER=1
HAD_VAR_LIB=0
[ -e /var/lib/gatepass ] && HAD_VAR_LIB=1

# Before lib.sh (which insists on an installed binary): the package itself and its install.
PRE_CHECKS=()   # "ok|what" or "FAIL|what|details"
if [ $WAS_INSTALLED = 1 ]; then
  PRE_CHECKS+=("FAIL|the gatepass package is already installed here: the test would replace and remove it (apt-get remove gatepass first)|")
else
  fields=$(dpkg-deb --field "$DEB" Package Version Architecture Depends 2>&1)
  VERSION=$(dpkg-deb --field "$DEB" Version 2>/dev/null)
  name_ok=0
  [ "$(basename "$DEB")" = "gatepass_${VERSION}_amd64.deb" ] && grep -q '^Package: gatepass$' <<<"$fields" &&
    grep -q '^Architecture: amd64$' <<<"$fields" && name_ok=1
  [ $name_ok = 1 ] && PRE_CHECKS+=("ok|$(basename "$DEB"): package gatepass, version $VERSION, amd64") ||
    PRE_CHECKS+=("FAIL|the file is gatepass_<version>_amd64.deb of package gatepass, amd64|$fields")
  deps_ok=1
  for lib in libsqlite3-0 libpq5 libsodium23 libjwt0 liboath0 libqrencode4 libcairo2 libarchive13 libcurl4 adduser; do
    grep -q "$lib" <<<"$fields" || deps_ok=0
  done
  [ $deps_ok = 1 ] && PRE_CHECKS+=("ok|Depends names the runtime libraries (dpkg-shlibdeps) and adduser") ||
    PRE_CHECKS+=("FAIL|Depends names the runtime libraries and adduser|$fields")
  out=$("${APT[@]}" install -y -q "$DEB" 2>&1)
  [ $? = 0 ] && PRE_CHECKS+=("ok|apt-get install -y ./$(basename "$DEB")") ||
    PRE_CHECKS+=("FAIL|apt-get install -y ./$(basename "$DEB")|$(tail -20 <<<"$out")")
fi

source "$(dirname "$0")/../cli/lib.sh" package /usr/bin/gatepass "${2:-}"
for c in "${PRE_CHECKS[@]}"; do
  IFS='|' read -r state what details <<<"$c"
  [ "$state" = ok ] && pass "$what" || fail "$what" "$details"
done
DATA=""
uninstall() {
  [ -n "$DATA" ] && $SUDO rm -rf "$DATA"
  if [ $WAS_INSTALLED = 0 ]; then
    dpkg-query -W -f='${Status}' gatepass 2>/dev/null | grep -q "ok installed" &&
      "${APT[@]}" remove -y -q gatepass >/dev/null 2>&1
    # What this test made and removal leaves on purpose: not kept on a machine that lacked them.
    dpkg-query -W -f='${Status}' gatepass 2>/dev/null | grep -q "config-files" && $SUDO dpkg --purge gatepass >/dev/null 2>&1
    [ $HAD_VAR_LIB = 0 ] && $SUDO rm -rf /var/lib/gatepass
    [ $HAD_USER = 0 ] && getent passwd gatepass >/dev/null && $SUDO deluser --system --quiet gatepass >/dev/null 2>&1
    [ $HAD_USER = 0 ] && getent group gatepass >/dev/null && $SUDO delgroup --system --quiet gatepass >/dev/null 2>&1
  fi
}
trap 'cleanup; uninstall' EXIT
[ $WAS_INSTALLED = 1 ] && { finish; exit 1; }

# The files, user, data directory and settings file.
expect_exit 0 "/usr/bin/gatepass version" /usr/bin/gatepass version
expect_contains "$LAST_OUTPUT" "gatepass $VERSION" "... prints the package's version"
# GATEPASS_WITH_WEB=0 (scripts/package.sh then packages the server alone): no web app checks.
WEB=${GATEPASS_WITH_WEB:-1}
if [ "$WEB" = 1 ]; then
  [ -f /usr/share/gatepass/web/index.html ] && pass "the web app is in /usr/share/gatepass/web" ||
    fail "the web app is in /usr/share/gatepass/web" "$(ls -la /usr/share/gatepass/web 2>&1)"
fi
[ -f "$UNIT" ] && pass "the unit is $UNIT" || fail "the unit is $UNIT"
unit=$(cat "$UNIT" 2>/dev/null)
for line in "User=gatepass" "EnvironmentFile=$ENV_FILE" "StateDirectory=gatepass" "NoNewPrivileges=yes" \
            "ProtectSystem=strict" "ReadWritePaths=/var/lib/gatepass" "PrivateTmp=yes" "Restart=on-failure"; do
  grep -qxF "$line" <<<"$unit" && pass "unit: $line" || fail "unit: $line" "$unit"
done
EXEC=$(sed -n 's/^ExecStart=//p' <<<"$unit")
[ "$EXEC" = "/usr/bin/gatepass serve --data-dir /var/lib/gatepass --web-root /usr/share/gatepass/web" ] &&
  pass "unit: ExecStart=$EXEC" || fail "unit: ExecStart serves /var/lib/gatepass with the packaged web app" "$EXEC"
pw=$(getent passwd gatepass)
IFS=: read -r _ _ uid gid _ home shell <<<"$pw"
[ -n "$pw" ] && [ "$uid" -lt 1000 ] && [ "$shell" = /usr/sbin/nologin ] && [ "$home" = /var/lib/gatepass ] && [ "$(getent group gatepass | cut -d: -f3)" = "$gid" ] &&
  pass "postinst made the system user and group gatepass (uid $uid, home /var/lib/gatepass, no login shell)" ||
  fail "postinst made the system user and group gatepass" "$pw"
[ "$(stat -c '%U:%G %a' /var/lib/gatepass 2>&1)" = "gatepass:gatepass 700" ] &&
  pass "/var/lib/gatepass is gatepass:gatepass 0700" || fail "/var/lib/gatepass is gatepass:gatepass 0700" "$(stat -c '%U:%G %a' /var/lib/gatepass 2>&1)"
[ "$(stat -c '%U:%G %a' "$ENV_FILE" 2>&1)" = "root:gatepass 640" ] &&
  pass "$ENV_FILE is root:gatepass 0640" || fail "$ENV_FILE is root:gatepass 0640" "$(stat -c '%U:%G %a' "$ENV_FILE" 2>&1)"
grep -qxF "$ENV_FILE" /var/lib/dpkg/info/gatepass.conffiles 2>/dev/null && pass "$ENV_FILE is a conffile" ||
  fail "$ENV_FILE is a conffile"

# The unit's command by hand, as systemd would run it: user gatepass, only the settings file's
# environment (NAME=value lines), working directory = data directory; a temporary one, a free port.
DATA=$(mktemp -d /tmp/gatepass-package-data.XXXXXX)
$SUDO chown gatepass:gatepass "$DATA"
$SUDO chmod 700 "$DATA"
ENVV=()
while IFS= read -r line; do
  case "$line" in ''|'#'*) ;; *=*) ENVV+=("$line") ;; esac
done < <($SUDO cat "$ENV_FILE")
PORT=$(free_port)
ENVV+=("GATEPASS_PORT=$PORT")
# The unit's User=, Group= and NoNewPrivileges= (setpriv execs: the pid is the server's own).
if [ "$(id -u)" = 0 ]; then AS=(setpriv --reuid=gatepass --regid=gatepass --init-groups --no-new-privs)
else AS=(sudo -u gatepass); fi
# The README's first admin (its /var/lib/gatepass here the temporary directory).
expect_exit 0 "as gatepass: gatepass user add --data-dir DATA --username admin --role admin" bash -c \
  "echo package-password-123 | $(printf '%q ' "${AS[@]}") env -C '$DATA' /usr/bin/gatepass user add --data-dir '$DATA' --username admin --role admin --password-stdin"
# shellcheck disable=SC2086  # ExecStart is split into words, as systemd does
start_server "$WORK/serve.log" "$WORK/serve.err" "${AS[@]}" env -i -C "$DATA" "${ENVV[@]}" ${EXEC//\/var\/lib\/gatepass/$DATA}
if wait_healthy "$PORT" "$SERVER_PID"; then pass "the unit's ExecStart serves on port $PORT (GATEPASS_PORT over the settings file)"
else fail "the unit's ExecStart serves" "$(cat "$WORK/serve.log" "$WORK/serve.err")"; fi
code=$(curl -s -o "$WORK/ready" -w '%{http_code}' "http://127.0.0.1:$PORT/api/health/ready")
[ "$code" = 200 ] && pass "GET /api/health/ready: 200" || fail "GET /api/health/ready: 200 (got $code)" "$(cat "$WORK/ready")"
if [ "$WEB" = 1 ]; then
  curl -s -o "$WORK/index" "http://127.0.0.1:$PORT/"
  cmp -s "$WORK/index" /usr/share/gatepass/web/index.html && pass "GET / serves the packaged web app's index.html" ||
    fail "GET / serves the packaged web app's index.html" "$(head -c 400 "$WORK/index")"
  curl -s -o "$WORK/scan" "http://127.0.0.1:$PORT/scan"
  cmp -s "$WORK/scan" /usr/share/gatepass/web/index.html && pass "GET /scan (an app route) serves it too" ||
    fail "GET /scan (an app route) serves it too" "$(head -c 400 "$WORK/scan")"
fi
code=$(curl -s -o "$WORK/login" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"package-password-123"}' "http://127.0.0.1:$PORT/api/auth/login")
[ "$code" = 200 ] && pass "the admin made by user add logs in (same data directory)" ||
  fail "the admin made by user add logs in (got $code)" "$(cat "$WORK/login")"
owners=$($SUDO stat -c '%n %U %a' "$DATA/secret.key" "$DATA/gatepass.db" 2>&1)
[ "$(awk '{print $2 $3}' <<<"$owners" | sort -u)" = "gatepass600" ] &&
  pass "secret.key and gatepass.db belong to gatepass, 0600" || fail "secret.key and gatepass.db belong to gatepass, 0600" "$owners"
grep -q "can be read by other users" "$WORK/serve.err" && fail "no warning about the data directory's permissions" "$(cat "$WORK/serve.err")" ||
  pass "no warning about the data directory's permissions"
stop_server "$SERVER_PID" && pass "... stops cleanly on SIGTERM (exit 0)" || fail "... did not stop cleanly" "$(cat "$WORK/serve.err")"

# Removal leaves the data alone; purge removes the settings file and still not the data.
$SUDO sh -c 'echo kept > /var/lib/gatepass/package-test-marker'
expect_exit 0 "apt-get remove -y gatepass" "${APT[@]}" remove -y -q gatepass
[ ! -e /usr/bin/gatepass ] && pass "... /usr/bin/gatepass is gone" || fail "... /usr/bin/gatepass is gone"
[ ! -e "$UNIT" ] && pass "... the unit is gone" || fail "... the unit is gone"
$SUDO test -f /var/lib/gatepass/package-test-marker && pass "... /var/lib/gatepass and its files are left in place" ||
  fail "... /var/lib/gatepass and its files are left in place" "$($SUDO ls -la /var/lib/gatepass 2>&1)"
[ -f "$ENV_FILE" ] && pass "... $ENV_FILE is kept (a conffile)" || fail "... $ENV_FILE is kept (a conffile)"
getent passwd gatepass >/dev/null && pass "... the user gatepass is kept (owns the data)" || fail "... the user gatepass is kept"
expect_exit 0 "dpkg --purge gatepass" $SUDO dpkg --purge gatepass
[ ! -e "$ENV_FILE" ] && [ ! -e /etc/gatepass ] && pass "... purge removes $ENV_FILE and /etc/gatepass" ||
  fail "... purge removes $ENV_FILE and /etc/gatepass" "$(ls -la /etc/gatepass 2>&1)"
$SUDO test -f /var/lib/gatepass/package-test-marker && pass "... purge still leaves /var/lib/gatepass" ||
  fail "... purge still leaves /var/lib/gatepass"
$SUDO rm -f /var/lib/gatepass/package-test-marker
finish
