#!/bin/bash
# A ledger on a full disk (issue 10, 5.6 and 5.11), on a small tmpfs,
# never a device node: a write command whose commit fails prints nothing
# on stdout, exits 1 with one line and leaves the ledger as it was; read
# commands (stock, verify, log, report) still work on a disk 100 % full.
# And (5.9) a FIFO as the site key does not hang printctl.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib/test-lib.sh"

PRINTCTL="$BLANKO_BIN/printctl"
card_site_setup
new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0000001-KTP0001000 --to GUDANG >/dev/null
"$TOP/build/gen-residents" -n 40 -s 7 -o "$TMP/res" >/dev/null

# 5.9: a FIFO where the signing keys' "current" should be; printctl must not wait for a writer.
cp "$BLANKO_DB" "$TMP/fifo.db"
"$PRINTCTL" --db "$TMP/fifo.db" --user pr import "$TMP/res/residents.csv" >/dev/null
rm -rf "$TMP/fifo.db.keys"
mkdir -m 750 "$TMP/fifo.db.keys"
mkfifo -m 600 "$TMP/fifo.db.keys/current"
expect_refused "a FIFO as the signing keys' current is refused at once, not waited on" 1 "fifo.db.keys/current is not a key file" \
  timeout 20 "$PRINTCTL" --db "$TMP/fifo.db" --user pr render 1 -o "$TMP/card.pdf"
check "and no card was written" test ! -e "$TMP/card.pdf"

FULL="$TMP/full"
test_require tmpfs
small_disk "$FULL" 1m || { test_done; exit 1; }
cp "$BLANKO_DB" "$FULL/ledger.db"
export BLANKO_DB="$FULL/ledger.db"
dump() { sqlite3 "$BLANKO_DB" .dump >"$TMP/dump.$1"; sha256sum <"$TMP/dump.$1"; }
ledger_before=$(dump before)

# fill_leaving KB: fill the tmpfs but for KB kilobytes.
fill_leaving() {
  rm -f "$FULL/filler" "$FULL/spacer"
  head -c $(($1 * 1024)) /dev/zero >"$FULL/spacer"
  dd if=/dev/zero of="$FULL/filler" bs=4k 2>/dev/null
  rm -f "$FULL/spacer"
}

# 5.6: 40 KiB left: the readers' shared-memory index (32 KiB) fits, the
# transaction's pages do not: the commit fails.
fill_leaving 40
check "40 KiB are left on the tmpfs" test "$(df --output=avail "$FULL" | tail -1 | tr -d ' ')" -eq 40
expect_refused "receive whose commit meets a full disk exits 1 with one line" 1 "the disk is full while committing" \
  inv --user wh receive --supplier Peruri --ref SJ-2 --serials KTP0010001-KTP0014002 --to GUDANG
check "and prints nothing on stdout (no 'Received ...')" test ! -s "$TMP/out"
fill_leaving 40
expect_refused "import whose commit meets a full disk exits 1 with one line" 1 "the disk is full" \
  "$PRINTCTL" --user pr import "$TMP/res/residents.csv"
check "and prints nothing on stdout (no 'Imported ...')" test ! -s "$TMP/out"
fill_leaving 40
expect_refused "a JSON write command: nothing on stdout either" 1 "the disk is full while committing" \
  inv --json --user wh receive --supplier Peruri --ref SJ-3 --serials KTP0020001-KTP0024002 --to GUDANG
check "no JSON printed" test ! -s "$TMP/out"

# 5.11: 100 % full: reading still works.
fill_leaving 0
check "the tmpfs is full" test "$(df --output=avail "$FULL" | tail -1 | tr -d ' ')" -eq 0
rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"
expect_ok "stock reads a ledger on a full disk" inv stock
expect_out "with its balance" "GUDANG +store +1,000"
expect_ok "verify reads a ledger on a full disk" inv verify
expect_out "and says OK" "^OK: "
expect_ok "log reads it" inv log
expect_ok "a report to standard output reads it" inv --user au report stock
expect_ok "printctl requests reads it" "$PRINTCTL" --user pr requests
expect_refused "a write command still fails, in one line" 1 "the disk is full" \
  inv --user wh receive --supplier Peruri --ref SJ-4 --serials KTP0030001-KTP0030010 --to GUDANG
check "no read left a file behind it could not finish" test "$(df --output=avail "$FULL" | tail -1 | tr -d ' ')" -eq 0

rm -f "$FULL/filler"
check "after all that, the ledger holds exactly what it held before" test "$(dump after)" = "$ledger_before"
expect_ok "and verifies" inv verify
test_done
