# The Debian package (`scripts/package.sh`, or `cpack -G DEB` in the build directory):
# gatepass_<version>_amd64.deb with /usr/bin/gatepass, the web app in /usr/share/gatepass/web,
# the systemd unit, /etc/gatepass/gatepass.env (a conffile) and the maintainer scripts in
# packaging/debian. Runtime libraries become `Depends` through dpkg-shlibdeps (package dpkg-dev).
set(GATEPASS_WEB_DIST "${PROJECT_SOURCE_DIR}/web/dist" CACHE PATH
    "The built web app that goes into /usr/share/gatepass/web (scripts/build.sh builds web/dist)")

install(TARGETS gatepass RUNTIME DESTINATION bin COMPONENT gatepass)
# OPTIONAL: a server-only build (GATEPASS_WITH_WEB=0) has no web/dist; scripts/package.sh refuses
# to package without it unless told to.
install(DIRECTORY "${GATEPASS_WEB_DIST}/" DESTINATION share/gatepass/web COMPONENT gatepass OPTIONAL)
# Absolute destinations: where Debian keeps units and settings, whatever the prefix (/usr).
install(FILES packaging/gatepass.service DESTINATION /lib/systemd/system COMPONENT gatepass)
install(FILES packaging/gatepass.env DESTINATION /etc/gatepass COMPONENT gatepass
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)  # 0640; postinst makes the group gatepass
install(FILES README.md docs/operations.md DESTINATION share/doc/gatepass COMPONENT gatepass)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gatepass)
set(CPACK_PACKAGE_VENDOR "Gatepass")
set(CPACK_PACKAGE_CONTACT "Gatepass maintainers <gatepass@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Event registration, signed QR tickets and gate check-in")
set(CPACK_PACKAGE_DESCRIPTION
    "One server (gatepass) with the web app: registration with approval, tickets with\
 unforgeable QR codes, and fast, reliable check-in at the gate. SQLite by default, PostgreSQL\
 for several instances. Runs as the systemd service gatepass.service (user gatepass, data in\
 /var/lib/gatepass, settings in /etc/gatepass/gatepass.env).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)            # gatepass_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE amd64)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)             # libsqlite3-0, libpq5, libsodium23, … from the binary
# Not found by dpkg-shlibdeps: adduser (postinst), the fonts of the ticket PDFs (cairo, by name).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/packaging/debian/conffiles"
    "${PROJECT_SOURCE_DIR}/packaging/debian/postinst"
    "${PROJECT_SOURCE_DIR}/packaging/debian/prerm"
    "${PROJECT_SOURCE_DIR}/packaging/debian/postrm")
set(CPACK_STRIP_FILES ON)
set(CPACK_WARN_ON_ABSOLUTE_INSTALL_DESTINATION OFF)
include(CPack)
