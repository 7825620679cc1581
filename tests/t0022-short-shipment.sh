#!/bin/sh
# A short shipment is recorded against its delivery note (issue 13):
# receive --expect N --short takes a delivery note of N blanks of which
# fewer arrived; the receipt event carries both, and reconcile shows the
# short shipments of its period (expected, received, missing) in text,
# JSON, CSV-free PDF and English.
. "$(dirname "$0")/lib/test-lib.sh"
test_require root

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }

expect_refused "--expect alone still refuses a count that differs" 1 "--serials holds 90 serials but --expect says 100" \
  inv --user wh receive --supplier Peruri --ref SJ-10 --serials KTP0000001-KTP0000090 --to GUDANG --expect 100
expect_refused "--short needs --expect" 2 "--short needs --expect" \
  inv --user wh receive --supplier Peruri --ref SJ-10 --serials KTP0000001-KTP0000090 --to GUDANG --short
expect_refused "--short with as many as expected is refused" 1 "a short shipment brings fewer blanks" \
  inv --user wh receive --supplier Peruri --ref SJ-10 --serials KTP0000001-KTP0000090 --to GUDANG --expect 90 --short
expect_refused "--short with more than expected is refused" 1 "a short shipment brings fewer blanks" \
  inv --user wh receive --supplier Peruri --ref SJ-10 --serials KTP0000001-KTP0000090 --to GUDANG --expect 80 --short

expect_ok "a short shipment: 100 on the note, 90 arrived" \
  inv --user wh receive --supplier Peruri --ref SJ-10 --serials KTP0000001-KTP0000090 --to GUDANG --expect 100 --short
expect_out "it says 10 are missing" "Short shipment: the delivery note says 100; 10 blanks are missing"
expect_ok "a short shipment, --json" \
  inv --user wh --json receive --supplier Peruri --ref SJ-11 --serials KTP0000101-KTP0000149 --to GUDANG --expect 50 --short
check "--json carries expected and short" test "$(json_get 'str((j["count"], j["expected"], j["short"]))')" = "(49, 50, 1)"
expect_ok "a full shipment" inv --user wh receive --supplier Peruri --ref SJ-12 --serials KTP0000200-KTP0000209 --to GUDANG
expect_ok "the log" inv --json log --limit 3
check "the receipt event carries expected, received and short" \
  test "$(json_get '[(e["detail"]["expected"], e["detail"]["count"], e["detail"]["short"]) for e in j if e["ref"]=="SJ-10"][0]')" = "(100, 90, 10)"
expect_ok "stock counts what arrived" inv --json stock
check "GUDANG holds 149" test "$(json_get '[a["blanks"] for a in j["accounts"] if a["account"]=="GUDANG"][0]')" = 149

expect_ok "reconcile, JSON" inv --user au report reconcile --from 2000-01-01 --to 2099-12-31 --format json
check "reconcile lists the two short shipments (expected, received, missing)" \
  test "$(json_get '[(s["delivery_note"], s["expected"], s["received"], s["missing"]) for s in j["short_shipments"]]')" = \
  "[('SJ-10', 100, 90, 10), ('SJ-11', 50, 49, 1)]"
expect_ok "reconcile, text (Indonesian)" inv --user au report reconcile --from 2000-01-01 --to 2099-12-31 --lang id
expect_out "text: the heading" "^Pengiriman kurang:"
expect_out "text: SJ-10's line" "surat jalan SJ-10 dari Peruri .*seharusnya 100, diterima 90, kurang 10"
expect_ok "reconcile, text (English)" inv --user au report reconcile --from 2000-01-01 --to 2099-12-31 --lang en
expect_out "English: SJ-11's line" "delivery note SJ-11 from Peruri .*expected 50, received 49, missing 1"
expect_ok "a period before the shipments" inv --user au report reconcile --from 2000-01-01 --to 2000-01-31 --format json
check "no short shipment in it" test "$(json_get 'len(j["short_shipments"])')" = 0
expect_ok "the ledger verifies" inv verify
test_done
