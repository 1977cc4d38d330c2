# Every dependency is a Debian bookworm package; scripts/install-deps.sh installs them.
find_package(Threads REQUIRED)
find_package(Boost 1.81 CONFIG REQUIRED COMPONENTS json url context)  # context: http/commit_fiber.cpp
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(PNG REQUIRED)
find_package(CURL REQUIRED)  # SMTP for the mail outbox
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(JWT REQUIRED IMPORTED_TARGET libjwt)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo-pdf)
pkg_check_modules(OATH REQUIRED IMPORTED_TARGET liboath)  # TOTP (RFC 6238) for two-factor sign-in
pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)  # tar.gz archives of `gatepass backup`
# The server's allocator (not under the sanitizers, which bring their own): glibc's malloc and
# free were 13 % of the instructions of an approval and 15 % of a check-in; jemalloc takes 7-11 %
# off the whole request (callgrind, docs/benchmarks.md).
if(NOT GATEPASS_SANITIZE)
  pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
endif()
# Events' time zones (app/time_zones.cpp): date-tz built on the system's tz database (tzdata).
find_package(date CONFIG REQUIRED)
find_path(CLI11_INCLUDE_DIR CLI/CLI.hpp REQUIRED)
find_package(OpenSSL 3 REQUIRED)  # HTTPS (Beast's ssl_stream) and the venue CA of `gatepass tls init`
