#!/bin/sh
# Receiving and transferring blanks, and every malformed or unlawful request.
. "$(dirname "$0")/lib/test-lib.sh"

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
W="inv --user wh"

expect_ok "a shipment is received" $W receive --supplier Peruri --ref SJ-001 \
  --serials KTP0001000-KTP0001999 --to GUDANG --expect 1000
expect_out "receive reports count and ranges" "Received 1,000 blanks .* KTP0001000-KTP0001999"

# Malformed lists: each refused, exit 1, one line naming the item, nothing changed.
r() { $W receive --supplier Peruri --ref SJ-002 --to GUDANG --serials "$1"; }
expect_refused "a reversed range" 1 'item 1 "KTP0005999-KTP0005000": range is reversed' r KTP0005999-KTP0005000
expect_refused "a range with mixed prefixes" 1 "same prefix" r KTP0005000-KTX0005999
expect_refused "a range with mixed widths" 1 "number of digits" r KTP0005000-KTP005999
expect_refused "non-digits" 1 'item 2 "KTP00O5001"' r KTP0005000,KTP00O5001
expect_refused "an empty list" 1 "empty serial list" r ""
expect_refused "an empty item" 1 "item 2" r KTP0005000,,KTP0005002
expect_refused "numeric overflow" 1 "too many digits" r KTP12345678901234567890
expect_refused "whitespace" 1 "whitespace" r "KTP0005000, KTP0005001"
expect_refused "a lowercase prefix" 1 "uppercase" r ktp0005000
expect_refused "overlap within one list" 1 "KTP0005010 is listed twice" r KTP0005000-KTP0005020,KTP0005010
expect_refused "a receipt overlapping an earlier shipment names serial and shipment" 1 \
  "serial KTP0001999 was received already \(delivery note SJ-001\)" r KTP0001999-KTP0002100
expect_refused "--expect that differs" 1 "holds 11 serials but --expect says 10" \
  $W receive --supplier Peruri --ref SJ-002 --to GUDANG --serials KTP0005000-KTP0005010 --expect 10
expect_refused "--expect that is not a number" 1 "--expect" \
  $W receive --supplier Peruri --ref SJ-002 --to GUDANG --serials KTP0005000 --expect ten
expect_refused "an unknown location" 1 'unknown location or account "NOWHERE"' \
  $W receive --supplier Peruri --ref SJ-002 --to NOWHERE --serials KTP0005000
expect_refused "receiving into a card state" 1 "not a store or print room" \
  $W receive --supplier Peruri --ref SJ-002 --to issued --serials KTP0005000
expect_refused "an empty delivery note" 1 "delivery note must not be empty" \
  $W receive --supplier Peruri --ref "" --to GUDANG --serials KTP0005000
expect_refused "the wrong role" 1 "needs the warehouse role, which pr does not have" \
  inv --user pr receive --supplier Peruri --ref SJ-002 --to GUDANG --serials KTP0005000
expect_refused "an unknown user" 1 "ghost is not a registered user" \
  inv --user ghost receive --supplier Peruri --ref SJ-002 --to GUDANG --serials KTP0005000

expect_ok "a second shipment of another series" $W receive --supplier Peruri --ref SJ-002 \
  --serials B00100-B00199,KTP0005000-KTP0005009 --to GUDANG

# Transfers.
expect_ok "transfer the lowest 10" $W transfer --from GUDANG --to RC1 --count 10
expect_out "--count takes the lowest serials (series by prefix, then number)" "B00100-B00109"
expect_ok "transfer named serials" $W transfer --from GUDANG --to RC1 --serials KTP0001500,KTP0001502-KTP0001503
expect_ok "stock with ranges" inv stock --ranges --json
check "holdings are split and kept as ranges" test "$(json_get '[a["ranges"] for a in j["accounts"] if a["account"]=="RC1"][0]')" \
  = "['B00100-B00109', 'KTP0001500', 'KTP0001502-KTP0001503']"
check "stock counts each account" test "$(json_get '[(a["account"],a["blanks"]) for a in j["accounts"] if a["blanks"]]')" \
  = "[('GUDANG', 1097), ('RC1', 13)]"
check "the total is everything received" test "$(json_get 'j["total"]')" = 1110
expect_ok "moving back merges the ranges again" $W transfer --from RC1 --to GUDANG --serials KTP0001500,KTP0001502-KTP0001503
expect_ok "stock of one location" inv stock --location GUDANG --ranges --json
check "GUDANG's ranges are merged" test "$(json_get 'j["accounts"][0]["ranges"]')" \
  = "['B00110-B00199', 'KTP0001000-KTP0001999', 'KTP0005000-KTP0005009']"

expect_refused "a transfer of serials not held names the first missing one" 1 "RC1 does not hold serial B00110" \
  $W transfer --from RC1 --to GUDANG --serials B00108-B00112
expect_refused "a transfer of serials never received" 1 "does not hold serial KTP0009000" \
  $W transfer --from GUDANG --to RC1 --serials KTP0009000
expect_refused "a transfer of an unknown series" 1 "does not hold serial ZZ01" \
  $W transfer --from GUDANG --to RC1 --serials ZZ01
expect_refused "a count above the balance" 1 "RC1 holds 10 blanks, fewer than 11" \
  $W transfer --from RC1 --to GUDANG --count 11
expect_refused "a count of zero" 1 "--count" $W transfer --from RC1 --to GUDANG --count 0
expect_refused "a transfer to the same place" 1 "both RC1" $W transfer --from RC1 --to RC1 --count 1
expect_refused "a transfer from an unknown location" 1 'unknown location or account "NOPE"' \
  $W transfer --from NOPE --to RC1 --count 1
expect_refused "a transfer out of a card state" 1 "not a store or print room" \
  $W transfer --from issued --to RC1 --count 1
expect_refused "both --serials and --count" 2 "either --serials or --count" \
  $W transfer --from GUDANG --to RC1 --count 1 --serials KTP0001000
expect_refused "a transfer with a malformed list" 1 "--serials: item 1" \
  $W transfer --from GUDANG --to RC1 --serials KTP0001000-
expect_ok "verify after all of it" inv verify
expect_out "verify says OK" "^OK: .* 1,110 blanks held"

test_done
