#!/bin/sh
# Install the Debian 12 packages blanko needs to build, run and test.
# As root it runs apt-get; otherwise it prints the exact command to run.

PACKAGES="gcc make pkg-config libc6-dev gettext locales
  libsqlite3-dev sqlite3 libssl-dev libjansson-dev libinih-dev libbsd-dev
  libcairo2-dev libpango1.0-dev libqrencode-dev libjpeg62-turbo-dev fonts-urw-base35
  libcups2-dev cups cups-client cups-ipp-utils cups-filters dbus
  libcsv-dev faketime poppler-utils zbar-tools python3 util-linux"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
  echo "install-deps: every package is installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing:$missing"
  echo "install-deps: run: sudo apt-get update && sudo apt-get install -y$missing"
  exit 1
fi
echo "install-deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq $missing
