#!/bin/bash
# The main job as a demo, on the embedded default: a SQLite ledger in
# ./demo/ and, when no real card printer is configured, a simulated one — a
# private cupsd with an ippeveprinter that declares ID-1 cards and keeps what
# it prints (tests/lib/cups-fixture.sh), stopped again when the demo ends.
#
# The story: warehouse staff receive a shipment and move blanks to the print
# room; print-room staff load a printer, import the (invented) residents and
# run the queue; then status, stock, the history of one card and verify.
#
# Set BLANKO_QUEUE to a real CUPS queue (and CUPS_SERVER if need be) to
# print on it instead.  The simulated printer needs root (cupsd runs its
# filters as lp).
set -eu

cd "$(dirname "$0")/.."
TOP=$PWD
DEMO=$TOP/demo
. tests/lib/env.sh			# the build tree's catalogs, templates and PDF writer
say() { printf '\n== %s\n' "$*"; }
inv() { echo "\$ inventory $*"; "$TOP/bin/inventory" "$@"; }
pc() { echo "\$ printctl $*"; "$TOP/bin/printctl" "$@"; }

rm -rf "$DEMO"
mkdir -p "$DEMO"
export BLANKO_DB="$DEMO/blanko.db"
export BLANKO_CONF="$TOP/etc/blanko.conf"

queue=${BLANKO_QUEUE:-}
if [ -z "$queue" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "demo: the simulated card printer needs root (a private cupsd); run 'make demo' as root," >&2
    echo "demo: or set BLANKO_QUEUE to a real CUPS queue." >&2
    exit 1
  fi
  . "$TOP/tests/lib/cups-fixture.sh"
  trap cups_stop EXIT
  echo "Starting a simulated card printer (private cupsd + ippeveprinter) in $DEMO/cups ..."
  # If the simulated printer cannot start, stop here with the fixture's
  # message: a demo without a printer shows nothing worth seeing.
  if ! cups_start "$DEMO/cups" >/dev/null || ! cups_add_printer KARTU1 >/dev/null; then
    echo "demo: the simulated card printer did not start (see the line above); stopping." >&2
    exit 1
  fi
  queue=KARTU1
fi

say "Warehouse: a shipment of 10,000 blanks arrives and 500 go to the print room"
inv init
inv location add GUDANG --kind store --name "Gudang blangko"
inv location add RUANG-CETAK --kind printroom --name "Ruang cetak 1"
if [ "$(id -u)" -eq 0 ]; then
  # root acts for registered users: one person per role, as in an office.
  inv user add siti --role warehouse
  inv user add budi --role printroom
  inv user add ani --role auditor
  W="--user siti" P="--user budi" A="--user ani"
else
  inv user set "$(id -un)" --role admin,warehouse,printroom,auditor
  W="" P="" A=""
fi
inv $W receive --supplier "Perum Peruri" --ref SJ-2026-0117 \
    --serials KTP0001000-KTP0010999 --to GUDANG --expect 10000
inv $W transfer --from GUDANG --to RUANG-CETAK --count 500

say "Print room: a card printer, loaded with 20 blanks"
pc $P printer add KARTU1 --queue "$queue" --location RUANG-CETAK
pc $P printer load KARTU1 --serials KTP0001000-KTP0001019

say "Print room: residents' data (invented) and a preview"
"$TOP/build/gen-residents" -n 8 -s 2026 -o "$DEMO/residents" >/dev/null
pc $P import "$DEMO/residents/residents.csv"
pc $P requests
pc $P render 1 -o "$DEMO/preview-1.png"

say "Print room: run the queue until it is empty"
pc $P run --once

say "Status, stock, one card's history, and the books verified"
pc $P status
inv stock
inv history KTP0001003
inv $A verify

# The demo succeeds only when every resident's card was printed (and, on the
# simulated printer, came out as a document), and verify said OK above.
printed=$("$TOP/bin/printctl" requests --state printed --json | grep -o '"id"' | wc -l)
if [ "$printed" -ne 8 ]; then
  echo "demo: $printed of 8 cards printed" >&2
  exit 1
fi
if command -v cups_documents >/dev/null 2>&1; then
  docs=$(cups_documents KARTU1 | wc -l)
  echo
  echo "The simulated printer kept $docs card documents."
  [ "$docs" -eq 8 ] || { echo "demo: the printer kept $docs documents for 8 cards" >&2; exit 1; }
fi
echo "The demo ledger is $BLANKO_DB; a preview is $DEMO/preview-1.png."
