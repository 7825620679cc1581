#!/bin/sh
# The main job as a demo, on the embedded default: a SQLite ledger in
# ./demo/ in the working folder.  Warehouse staff receive a shipment, move
# blanks to a print room, count them; an auditor checks the books.
set -eu

cd "$(dirname "$0")/.."
inv() { echo "\$ inventory $*"; ./bin/inventory "$@"; echo; }
me=$(id -un)
mkdir -p demo
export BLANKO_DB="$PWD/demo/blanko.db"
rm -f "$BLANKO_DB" "$BLANKO_DB-wal" "$BLANKO_DB-shm"

inv init
inv location add GUDANG --kind store --name "Gudang blangko"
inv location add RUANG-CETAK --kind printroom --name "Ruang cetak 1"
if [ "$(id -u)" -eq 0 ]; then
  # root may act for registered users: one person per role.
  inv user add siti --role warehouse
  inv user add budi --role auditor
  W="--user siti" A="--user budi"
else
  # not root: this account takes every role.
  inv user set "$me" --role admin,warehouse,auditor
  W="" A=""
fi
# shellcheck disable=SC2086
{
  inv $W receive --supplier "Perum Peruri" --ref SJ-2026-0117 \
      --serials KTP0001000-KTP0010999 --to GUDANG --expect 10000
  inv $W transfer --from GUDANG --to RUANG-CETAK --count 500
  inv $W count RUANG-CETAK --serials KTP0001000-KTP0001499
  inv stock --ranges
  inv history KTP0001250
  inv log --limit 5
  inv $A verify
}
echo "The demo ledger is $BLANKO_DB."
