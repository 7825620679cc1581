#!/bin/sh
# Install the Debian 12 packages blanko needs to build, run and test, and
# bring every one of them to the archive's current version: a developer's
# machine then tests what a fresh machine gets.  As root it runs apt-get;
# otherwise it prints the exact command to run.

PACKAGES="gcc make pkg-config libc6-dev gettext locales
  libsqlite3-dev sqlite3 libssl-dev libjansson-dev libinih-dev libbsd-dev
  libcairo2-dev libpango1.0-dev libqrencode-dev libjpeg62-turbo-dev fonts-urw-base35
  libcups2-dev cups cups-daemon cups-client cups-ipp-utils cups-filters dbus
  libcsv-dev faketime poppler-utils zbar-tools python3 util-linux
  strace git systemd dpkg-dev debhelper fakeroot lintian adduser
  libmicrohttpd-dev libsodium-dev chromium chromium-driver python3-selenium tidy curl"

if [ "$(id -u)" -ne 0 ]; then
  missing=""
  for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  echo "install-deps: not root, so packages are neither installed nor upgraded; run:"
  echo "  sudo apt-get update && sudo apt-get install -y" $PACKAGES
  [ -z "$missing" ] || { echo "install-deps: missing:$missing"; exit 1; }
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing or upgrading:" $PACKAGES
apt-get update -qq || exit 1
# "install" on an installed package upgrades it to the candidate version;
# --only-upgrade is not used, since missing packages must come too.
apt-get install -y -qq -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  $PACKAGES || exit 1
# The installed versions, for the test log.
dpkg-query -W -f='install-deps: ${Package} ${Version}\n' cups-daemon libcups2 libsqlite3-0 2>/dev/null
