#!/bin/bash
# Unclaimed printed cards (issue 14, item 5), with the clock moved by
# faketime: cards waiting at a kecamatan or kelurahan for [distribution]
# unclaimed_days (default 90) are listed, those newer are not; inventory
# return takes cards back to the office ("returned") with a reason, in
# English or Indonesian; unclaimed --invalidate makes the cards returned as
# unclaimed invalid_after_days (default 90) ago invalid (reason
# "unclaimed"), not those returned for another reason nor too recently;
# destroy prepare then takes them.  Every refusal is one line with the
# ledger byte-identical, and verify agrees.
. "$(dirname "$0")/lib/test-lib.sh"

test_require faketime
TOOL="$TOP/build/ledger-tool"	# stands in for the print controller
total() { inv stock --location "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
at() { local d=$1; shift; [ "$1" = inv ] && { shift; set -- "$INVENTORY" "$@"; }; faketime -f "+${d}d" "$@"; }

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv user add dist --role distribution >/dev/null
inv location add KEC01 --kind kecamatan >/dev/null
inv location add KEL0101 --kind kelurahan --parent KEC01 >/dev/null
second_person distribution || fail "letting nobody record receipts"
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001099 >/dev/null
"$TOOL" "$BLANKO_DB" pr move print RC1 issued KTP0001000-KTP0001019
D="inv --user dist"
expect_ok "dispatch 10 cards to KEC01" $D dispatch --to KEC01 --ref BAST-1 --serials KTP0001000-KTP0001009 -o "$TMP/b1.pdf"
expect_ok "KEC01 confirms them" $NOBODY_INV arrive --ref BAST-1 --count 10
expect_ok "dispatch 5 cards to KEL0101" $D dispatch --to KEL0101 --ref BAST-2 --serials KTP0001010-KTP0001014 -o "$TMP/b2.pdf"
expect_ok "KEL0101 confirms them" $NOBODY_INV arrive --ref BAST-2 --count 5

run inv --json unclaimed
check "today none is unclaimed" test "$(json_get 'len(j)')" = 0
expect_ok "91 days later, 5 more cards reach KEC01" at 91 $D dispatch --to KEC01 --ref BAST-3 --serials KTP0001015-KTP0001019 -o "$TMP/b3.pdf"
expect_ok "... confirmed" at 91 $NOBODY_INV arrive --ref BAST-3 --count 5
run at 91 inv --json unclaimed
check "91 days on, the 15 cards that waited 90 days or more are listed, not the 5 just come" \
  test "$(json_get 'sorted((r["place"], r["serials"], r["days"]) for r in j)')" = "[('KEC01', 'KTP0001000-KTP0001009', 91), ('KEL0101', 'KTP0001010-KTP0001014', 91)]"
run at 91 inv unclaimed --place KEL0101
expect_out "text: one place, its cards and days" "KEL0101 +KTP0001010-KTP0001014 +5 cards since .*\(91 days\)"
expect_out "... and the total" "^5 cards waiting 90 days or more"
printf '[distribution]\nunclaimed_days = 100\n' >>"$BLANKO_CONF"
run at 91 inv --json unclaimed
check "[distribution] unclaimed_days = 100: none yet" test "$(json_get 'len(j)')" = 0
run at 91 inv --json unclaimed --days 1
check "--days 1 overrides it: the 15 a day old or more" test "$(json_get 'sum(r["count"] for r in j)')" = 15
expect_refused "an unknown place" 1 "GUDANG is not a kecamatan or kelurahan" inv unclaimed --place GUDANG

# --- Return to the office -------------------------------------------------------------------
expect_refused "an unknown reason" 1 "not one of unclaimed, moved, wrong-data" \
  at 92 $D return --serials KTP0001000 --reason lost
expect_refused "a card not at a place" 1 "serial KTP0001050 is not at a kecamatan or kelurahan" \
  at 92 $D return --serials KTP0001050 --reason unclaimed
inv user add lurah --role distribution --place KEL0101 >/dev/null
expect_refused "a user limited to KEL0101 may not return KEC01's cards" 1 "lurah acts only for KEL0101, not for KEC01" \
  at 92 inv --user lurah return --serials KTP0001000 --reason unclaimed
expect_refused "the auditor may not return cards" 1 "role" at 92 inv --user au return --serials KTP0001000 --reason unclaimed
expect_ok "return 5 unclaimed cards (Indonesian: tidak diambil) and one of KEL0101" \
  at 92 $D return --serials KTP0001000-KTP0001004,KTP0001011 --reason "tidak diambil"
expect_ok "return one: the holder moved (pindah)" at 92 $D return --serials KTP0001005 --reason pindah
expect_ok "return one: wrong data (data salah)" at 92 $D return --serials KTP0001010 --reason "data salah"
check "returned holds 8, KEC01 9, KEL0101 3" test "$(total returned):$(total KEC01):$(total KEL0101)" = "8:9:3"
run inv --json log
check "one return event per place, with the reason's code" \
  test "$(json_get 'sorted(e["detail"]["reason"]+"@"+e["detail"]["place"] for e in j if e["kind"]=="return")')" = "['moved@KEC01', 'unclaimed@KEC01', 'unclaimed@KEL0101', 'wrong-data@KEL0101']"
expect_refused "a returned card cannot be returned again" 1 "serial KTP0001000 is not at a kecamatan or kelurahan" \
  at 92 $D return --serials KTP0001000 --reason unclaimed

# --- Invalid after invalid_after_days more ----------------------------------------------------
expect_refused "58 days after the return it is too early" 1 "no card was returned as unclaimed 90 days ago or more" \
  at 150 inv --user au unclaimed --invalidate
expect_refused "distribution staff may not make cards invalid" 1 "only an auditor or admin" \
  at 183 $D unclaimed --invalidate
expect_refused "invalid --reason unclaimed only takes returned cards" 1 "serial KTP0001006 is not returned" \
  inv --user au invalid --serials KTP0001006 --reason unclaimed
expect_ok "91 days after the return, --invalidate" at 183 inv --user au --json unclaimed --invalidate
check "it made the 6 returned as unclaimed invalid, not the moved or wrong-data ones" \
  test "$(json_get 'j["serials"]+":"+j["reason"]')" = "KTP0001000-KTP0001004,KTP0001011:unclaimed"
check "invalid holds 6, returned 2" test "$(total invalid):$(total returned)" = "6:2"
expect_ok "the office makes the wrong-data card invalid by hand" inv --user au invalid --serials KTP0001010 --reason wrong-data
expect_ok "destroy prepare accepts the unclaimed cards" \
  at 184 inv --user au destroy prepare --serials KTP0001000-KTP0001004,KTP0001011 --method shredding --place Gudang
today=$(TZ=Asia/Jakarta faketime -f +92d date +%F)
run at 184 inv --json report reconcile --from "$today" --to "$today"
check "reconcile: returned took in 8 cards as returned from places, and balances" \
  test "$(json_get '[(a["in"]["returned"], a["balanced"]) for a in j["accounts"] if a["account"] == "returned"][0]')" = "(8, True)"
expect_ok "verify: the books balance" at 184 inv verify
expect_out "verify says OK" "OK"
test_done
