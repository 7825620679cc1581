# The distribution tests' shared setup (issue 14: t0801, t0803, t0805,
# t0810, t0811), sourced after tests/lib/print-lib.sh and print_setup:
#
#     dist_ledger || { fail "setting up a ledger"; test_done; exit 1; }
#     inv location add KEC01 --kind kecamatan >/dev/null	# the test's places
#     dist_cards 8 5 "$TMP/res"
#
# dist_ledger: a new ledger with the distribution clerk dist.
# dist_cards N SEED DIR [ROLE]: the OS account nobody with ROLE (default
# distribution: the places' clerk, $CLERK: a receipt needs another account
# than the dispatch's; t0340 makes it its second auditor); blanks
# KTP0001000-KTP0001099 received and moved to RC1; printer P1 (queue
# card1) at RC1 loaded with KTP0001000-KTP0001019; N residents made by
# gen-residents with SEED in DIR (DIR/residents.csv), not yet imported.
# dist_print N DIR: those imported and printed (below).

# total ACCOUNT: the cards an account holds.
total() { inv stock --location "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
# serial_of ID: the serial printed for request ID ("" when none).
serial_of() { sqlite3 "$BLANKO_DB" "SELECT coalesce(serial, '') FROM request WHERE id = $1"; }
# nik_of ID: request ID's NIK.
nik_of() { sqlite3 "$BLANKO_DB" "SELECT nik FROM request WHERE id = $1"; }

dist_ledger() {
  new_ledger || return 1
  inv user add dist --role distribution >/dev/null
}

dist_cards() {
  second_person "${4:-distribution}" || fail "letting nobody act as ${4:-distribution}"
  CLERK=$NOBODY_INV
  inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null
  inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001099 >/dev/null
  pc printer add P1 --queue card1 --location RC1 >/dev/null
  pc printer load P1 --serials KTP0001000-KTP0001019 >/dev/null
  "$GEN" -n "$1" -s "$2" -o "$3" >/dev/null
}

# dist_print N DIR: import DIR/residents.csv's N residents, print their
# cards (one run) and name them: $s1.. their serials, $n1.. their NIKs.
dist_print() {
  expect_ok "import $1 residents" pc import "$2/residents.csv"
  run pc run --once
  check "$1 cards printed" grep -q "Run ended: $1 printed" "$TMP/out"
  for _dp_i in $(seq 1 "$1"); do eval "s$_dp_i=\$(serial_of $_dp_i) n$_dp_i=\$(nik_of $_dp_i)"; done
}
