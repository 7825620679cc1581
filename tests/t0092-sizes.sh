#!/bin/sh
# Sizes beyond reason (issue 10, 5.8): one receipt brings in at most
# [ledger] max_receipt blanks (default 10,000,000; --expect does not lift
# it), and the destruction CSV grows with the record's ranges, not its
# serials.  And (5.22) the fuzz replay leaves no file in /tmp.
. "$(dirname "$0")/lib/test-lib.sh"

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
W="inv --user wh" A="inv --user au"

expect_refused "a receipt of 10^15 serials is refused" 1 \
  "holds 1000000000000000 serials, more than one receipt may bring in \(10000000, \[ledger\] max_receipt" \
  $W receive --supplier Peruri --ref SJ-1 --serials KTP0000000000000001-KTP1000000000000000 --to GUDANG
expect_refused "--expect does not lift the limit" 1 "more than one receipt may bring in" \
  $W receive --supplier Peruri --ref SJ-1 --serials KTP0000000000000001-KTP1000000000000000 --expect 1000000000000000 --to GUDANG
expect_refused "10,000,001 blanks are one too many" 1 "holds 10000001 serials" \
  $W receive --supplier Peruri --ref SJ-1 --serials KTP00000001-KTP10000001 --to GUDANG
expect_ok "10,000,000 blanks in one receipt are taken" \
  $W receive --supplier Peruri --ref SJ-1 --serials KTP00000001-KTP10000000 --to GUDANG
printf '[ledger]\nmax_receipt = 500\n' >"$BLANKO_CONF"
expect_refused "the limit is set in the configuration" 1 "holds 501 serials, more than one receipt may bring in \(500, \[ledger\] max_receipt in $BLANKO_CONF\)" \
  $W receive --supplier Peruri --ref SJ-2 --serials KTP20000001-KTP20000501 --to GUDANG
expect_ok "500 are taken then" $W receive --supplier Peruri --ref SJ-2 --serials KTP20000001-KTP20000500 --to GUDANG
for bad in 0 -1 abc 1000000000001 ""; do
  printf '[ledger]\nmax_receipt = %s\n' "$bad" >"$BLANKO_CONF"
  expect_refused "max_receipt = '$bad' is refused" 1 "max_receipt must be 1 to 1000000000000 blanks" inv stock
done
: >"$BLANKO_CONF"

# A destruction record of 10,000,000 spoiled blanks: its CSV is a row, not 10^7.
$W transfer --from GUDANG --to RC1 --serials KTP00000001-KTP10000000 >/dev/null
inv --user pr spoil --serials KTP00000001-KTP10000000 --reason "water damage" >/dev/null
id=$($A destroy prepare --all --method shredding --place Gudang)
expect_ok "the CSV of a record of 10,000,000 serials" $A report destruction "$id" --format csv -o "$TMP/big.csv"
check "is 2 lines (header and one range), not 10,000,001" test "$(wc -l <"$TMP/big.csv")" -eq 2
check "the row holds the range and its count" \
  grep -q '^"'"$id"'","KTP00000001","KTP10000000","10000000","spoiled","water damage",""' "$TMP/big.csv"
check "and is small ($(wc -c <"$TMP/big.csv") bytes)" test "$(wc -c <"$TMP/big.csv")" -lt 1000

test_done
