#!/bin/bash
# Dispatch and arrival of printed cards (issue 14, items 1-3), with real
# cards printed through the CUPS fixture: cards sent by serials and by the
# residents' kecamatan (their request's data), an arrival with the right
# count and one with a short count (the missing serials named in an event
# and left in transit), a receipt refused when recorded by the dispatch's
# own account, every refusal one line with the ledger byte-identical;
# verify agrees, and stock, history and reconcile show the places.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"
. "$TOP/tests/lib/dist.sh"

print_setup card1 || exit 1

dist_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv location add KEC01 --kind kecamatan --name "Kecamatan Satu" >/dev/null
inv location add KEL0101 --kind kelurahan --parent KEC01 >/dev/null
inv location add KEC02 --kind kecamatan >/dev/null
dist_cards 8 5 "$TMP/res"
expect_ok "import 8 residents" pc import "$TMP/res/residents.csv"
run pc run --once
check "8 cards printed" grep -q "Run ended: 8 printed, 0 spoiled, 0 suspect" "$TMP/out"
D="inv --user dist"

# --- By serials ---------------------------------------------------------------------------
s1=$(serial_of 1) s2=$(serial_of 2)
expect_refused "a serial not printed is not sent" 1 "issued does not hold serial KTP0001050" \
  $D dispatch --to KEC02 --ref BAST-1 --serials KTP0001050 -o "$TMP/x.pdf"
expect_refused "a destination that is no place" 1 "GUDANG is not a kecamatan or kelurahan" \
  $D dispatch --to GUDANG --ref BAST-1 --serials "$s1" -o "$TMP/x.pdf"
expect_refused "no reference" 2 "--to, --ref and -o FILE are required" $D dispatch --to KEC02 --serials "$s1" -o "$TMP/x.pdf"
expect_refused "two ways of choosing" 2 "give one of --serials" $D dispatch --to KEC02 --ref B --serials "$s1" --all -o "$TMP/x.pdf"
expect_ok "dispatch two cards by serial to KEC02" $D dispatch --to KEC02 --ref BAST-1 --serials "$s1,$s2" -o "$TMP/b1.pdf"
check "they wait in transit.KEC02" test "$(total transit.KEC02)" = 2
expect_refused "a reference is used once" 1 "the handover reference BAST-1 was used already" \
  $D dispatch --to KEC02 --ref BAST-1 --all -o "$TMP/x.pdf"
expect_refused "the dispatch's own account may not record the receipt" 1 "dist.*root.*may not record its receipt|root dispatched handover BAST-1" \
  inv --user dist arrive --ref BAST-1 --count 2
expect_refused "a count larger than what was sent" 1 "counted 3 cards, but 2 of handover BAST-1 are on their way" \
  $CLERK arrive --ref BAST-1 --count 3
expect_refused "a short count without the missing serials" 1 "name the missing serials with --missing" \
  $CLERK arrive --ref BAST-1 --count 1
expect_refused "a missing serial not in the handover" 1 "serial KTP0001050 is not on its way under handover BAST-1" \
  $CLERK arrive --ref BAST-1 --count 1 --missing KTP0001050
expect_ok "KEC02 confirms both" $CLERK arrive --ref BAST-1 --count 2
check "KEC02 holds 2, transit.KEC02 none" test "$(total KEC02):$(total transit.KEC02)" = 2:0
expect_refused "a second arrival of the same handover" 1 "every card of handover BAST-1 has arrived already" \
  $CLERK arrive --ref BAST-1 --count 0

# --- By kecamatan, from the residents' data -------------------------------------------------
kec=$(sqlite3 "$BLANKO_DB" "SELECT json_extract(fields, '$.district') FROM request WHERE id = 3")
want=$(sqlite3 "$BLANKO_DB" "SELECT group_concat(serial, ' ') FROM (SELECT serial FROM request WHERE state = 'printed' AND json_extract(fields, '$.district') = '$kec' AND id > 2 ORDER BY serial)")
n=$(echo $want | wc -w)
expect_ok "dispatch the printed cards of kecamatan $kec to KEC01 ($n cards)" \
  $D --json dispatch --to KEC01 --ref BAST-2 --kecamatan "$(echo "$kec" | tr 'A-Z' 'a-z')" -o "$TMP/b2.pdf"
check "it sent exactly the cards of residents of $kec not sent before" test "$(json_get 'j["count"]')" = "$n"
check "transit.KEC01 holds them" test "$(total transit.KEC01)" = "$n"
expect_refused "nothing left of that kecamatan" 1 "issued holds no printed card to send to KEC01" \
  $D dispatch --to KEC01 --ref BAST-3 --kecamatan "$kec" -o "$TMP/x.pdf"
first=$(echo $want | cut -d' ' -f1)
if [ "$n" -ge 2 ]; then
  expect_ok "KEC01 counts one card short and names it" $CLERK --json arrive --ref BAST-2 --count $((n - 1)) --missing "$first"
  check "the arrival says 1 missing" test "$(json_get 'j["missing"]')" = 1
  check "the missing card stays in transit" test "$(total transit.KEC01):$(total KEC01)" = "1:$((n - 1))"
  run inv --json log
  check "the arrive event names the missing serial" test "$(json_get '[e["detail"]["missing"] for e in j if e["kind"]=="arrive"][0]')" = "$first"
  expect_ok "the card turns up: a later arrival takes it in" $CLERK arrive --ref BAST-2 --count 1
else
  expect_ok "KEC01 confirms it" $CLERK arrive --ref BAST-2 --count 1
fi

# --- All not yet sent, and forwarding to a kelurahan -----------------------------------------
left=$(total issued)
expect_ok "dispatch all printed cards not yet sent to KEL0101 ($left)" $D dispatch --to KEL0101 --ref BAST-4 --all -o "$TMP/b4.pdf"
check "issued is empty" test "$(total issued)" = 0
expect_ok "KEL0101 confirms a short count of 0 with all missing" $CLERK arrive --ref BAST-4 --count 0 --missing "$(sqlite3 "$BLANKO_DB" "SELECT serials FROM handover WHERE ref = 'BAST-4'")"
check "all stay in transit.KEL0101" test "$(total transit.KEL0101)" = "$left"
expect_ok "KEC01 forwards its cards to its kelurahan" $CLERK dispatch --from KEC01 --to KEL0101 --ref BAST-5 --all -o "$TMP/b5.pdf"
expect_ok "root for dist records that receipt" inv --user dist arrive --ref BAST-5 --count "$n"

# --- Refusals leave the ledger unchanged; verify, stock, history, reconcile --------------------
expect_refused "an unknown handover" 1 "no handover has the reference NOPE" $CLERK arrive --ref NOPE --count 1
expect_ok "verify: the books balance with the places" inv verify
expect_out "verify says OK" "OK"
run inv --json stock
check "stock shows the places and transit accounts with their kinds" test "$(json_get '" ".join(sorted(a["account"]+":"+a["kind"] for a in j["accounts"] if a["account"] in ("KEC01","KEL0101","transit.KEL0101")))')" = "KEC01:kecamatan KEL0101:kelurahan transit.KEL0101:transit"
run inv stock
expect_out "stock (text) lists KEL0101 and transit.KEL0101" "transit\.KEL0101"
run inv history "$first"
expect_out "history shows issued -> transit.KEC01 -> KEC01 -> transit.KEL0101 -> KEL0101" "dispatch.*issued.*transit\.KEC01"
expect_out "... and the forward" "transit\.KEL0101.*KEL0101|KEL0101"
today=$(TZ=Asia/Jakarta date +%F)
run inv report reconcile --from "$today" --to "$today" --lang en
expect_out "reconcile balances KEL0101" "^KEL0101 +village office .* reconciles$"
expect_out "... and its transit account" "^transit\.KEL0101 +in transit .* reconciles$"
expect_out "... and names the dispatches" "dispatched to places"
run inv report reconcile --from "$today" --to "$today" --json
check "reconcile JSON: what arrived at KEC01" test "$(json_get '[a["in"]["arrived"] for a in j["accounts"] if a["account"]=="KEC01"][0]')" = "$n"

# --- Handover rows are checked against their dispatch events ------------------------------
sqlite3 "$BLANKO_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$BLANKO_DB" "$TMP/good.db"
tamper_handover() {
  cp "$TMP/good.db" "$BLANKO_DB"; rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"
  sqlite3 "$BLANKO_DB" "$2"
  run inv verify
  check "verify catches $1 (exit $rc)" sh -c "[ $rc -eq 3 ] && grep -Eq '$3' '$TMP/out' '$TMP/err'"
}
tamper_handover "a handover's number changed" "UPDATE handover SET number = 'X' WHERE ref = 'BAST-1'" \
  "handover BAST-1 differs from the dispatch event"
tamper_handover "a handover's serials changed" "UPDATE handover SET serials = 'KTP0001050' WHERE ref = 'BAST-1'" \
  "handover BAST-1 differs"
tamper_handover "a handover row deleted" "DELETE FROM handover WHERE ref = 'BAST-2'" "has no handover record"
cp "$TMP/good.db" "$BLANKO_DB"; rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"
expect_ok "the untouched ledger verifies" inv verify
test_done
