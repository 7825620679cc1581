#!/bin/bash
# Handing printed cards to their holders (issue 14, item 4), with cards
# really printed through the CUPS fixture: by serial and the holder's NIK
# (read from standard input, never the command line), by the scanned QR
# (its seal verified; a changed character or another card's serial
# refused), a proxy refused while [distribution] allow_proxy = no and taken
# once yes (the proxy's data in handover_person, never in an event), the
# receipt scan's SHA-256 recorded, a wrong NIK refused, a card reported
# lost refused, an old card taken back with its replacement; every refusal
# one line with the ledger byte-identical; verify agrees; no NIK in any
# event.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"
. "$TOP/tests/lib/dist.sh"

test_require zbarimg
print_setup card1 || exit 1
qr_of() { pc render "$1" -o "$TMP/qr-$1.png" >/dev/null && zbarimg --raw -q "$TMP/qr-$1.png" 2>/dev/null; }

dist_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv location add KEC01 --kind kecamatan >/dev/null
dist_cards 8 7 "$TMP/res"
dist_print 8 "$TMP/res"
expect_ok "dispatch cards 1-6 to KEC01" inv --user dist dispatch --to KEC01 --ref BAST-1 --serials "$s1,$s2,$s3,$s4,$s5,$s6" -o "$TMP/b1.pdf"
expect_ok "KEC01 confirms 6" $NOBODY_INV arrive --ref BAST-1 --count 6
H="$PRINTCTL --user dist handover"

# --- By serial and NIK -----------------------------------------------------------------------
expect_refused "a NIK on the command line is refused" 2 "NIK is read from standard input" $H --serial "$s1" "$n1"
expect_refused "a wrong NIK is refused" 1 "the NIK given is not the holder's of card $s1" $H --serial "$s1" <<<"$n2"
check "... and the message does not show it" sh -c "! grep -q '$n2' '$TMP/err'"
expect_refused "no NIK at all" 1 "no NIK on standard input" $H --serial "$s1" </dev/null
expect_refused "a card not printed" 1 "no printed card|KTP0001050" $H --serial KTP0001050 <<<"$n1"
printf 'signed receipt scan\n' >"$TMP/receipt.jpg"
expect_ok "card 1 handed to its holder by serial and NIK, with the receipt scan" \
  $H --serial "$s1" --receipt "$TMP/receipt.jpg" <<<"$n1"
check "it moved KEC01 -> delivered" test "$(total KEC01):$(total delivered)" = "5:1"
run inv --json log
check "the deliver event records the receipt's SHA-256" \
  test "$(json_get '[e["detail"].get("receipt_sha256","") for e in j if e["kind"]=="deliver"][0]')" = "$(sha256sum "$TMP/receipt.jpg" | cut -c1-64)"
check "... by the holder, from KEC01" test "$(json_get '[e["detail"]["by"]+":"+e["detail"]["place"] for e in j if e["kind"]=="deliver"][0]')" = "holder:KEC01"
expect_refused "a card handed over twice" 1 "card $s1 was handed over already" $H --serial "$s1" <<<"$n1"

# --- By the scanned QR -----------------------------------------------------------------------
q2=$(qr_of 2)
case "$q2" in KTP2:"$s2":*) pass "card 2's QR read" ;; *) fail "card 2's QR: $q2" ;; esac
bad=$(python3 -c 'import sys; p=sys.argv[1]; i=len(p)-5; print(p[:i]+("A" if p[i]!="A" else "B")+p[i+1:])' "$q2")
expect_refused "an altered QR is refused" 1 "forged|altered|malformed" $H --qr <<<"$bad"
expect_refused "a QR of another card than --serial" 1 "the QR is card $s2's, not card $s3's" $H --qr --serial "$s3" <<<"$q2"
expect_ok "card 2 handed over by its QR" $H --qr <<<"$q2"
check "card 2 is delivered" test "$(total delivered)" = 2

# --- A proxy --------------------------------------------------------------------------------
expect_refused "a proxy while the office allows none" 1 "allow_proxy = no" \
  $H --serial "$s3" --proxy-name "Siti Aminah" --proxy-relation istri <<<"$n3
3374010101010001"
printf '[distribution]\nallow_proxy = yes\n' >>"$BLANKO_CONF"
expect_refused "the proxy's NIK is needed" 1 "no proxy's NIK" $H --serial "$s3" --proxy-name "Siti Aminah" --proxy-relation istri <<<"$n3"
expect_refused "the proxy cannot be the holder" 1 "the proxy's NIK is the holder's" \
  $H --serial "$s3" --proxy-name "Siti Aminah" --proxy-relation istri <<<"$n3
$n3"
expect_ok "card 3 handed to a proxy once allowed" $H --serial "$s3" --proxy-name "Siti Aminah" --proxy-relation istri <<<"$n3
3374010101010001"
check "handover_person holds the proxy" \
  test "$(sqlite3 "$BLANKO_DB" "SELECT serial || ':' || name || ':' || relation || ':' || nik FROM handover_person")" = "$s3:Siti Aminah:istri:3374010101010001"
run inv --json log
check "the event says only 'proxy'" test "$(json_get 'sorted(e["detail"]["by"] for e in j if e["kind"]=="deliver")')" = "['holder', 'holder', 'proxy']"
check "no proxy's name or NIK in any event" sh -c "! grep -Eq 'Siti|Aminah|3374010101010001|\\\"istri\\\"' '$TMP/out'"

# --- A card reported lost -------------------------------------------------------------------
expect_ok "card 7 (issued at the office) is reported lost: reprint --reason lost" pc reprint 7 --reason lost
expect_refused "a card reported lost is never handed over" 1 "card $s7 was reported lost and can never be handed over" \
  $H --serial "$s7" <<<"$n7"

# --- An old card taken back with its replacement --------------------------------------------
expect_ok "card 4 handed over" $H --serial "$s4" <<<"$n4"
expect_ok "card 4 damaged: a replacement requested" pc reprint 4 --reason damaged
run pc run --once
new=$(sqlite3 "$BLANKO_DB" "SELECT serial FROM request WHERE supersedes = 4")
check "the replacement printed ($new)" test -n "$new"
expect_refused "--old-card-returned for a card that replaced none" 1 "replaced no card" \
  $H --serial "$s5" --old-card-returned <<<"$n5"
expect_ok "the replacement handed over (from issued), the old card brought back" \
  $H --serial "$new" --old-card-returned <<<"$n4"
run inv history "$s4"
expect_out "the old card is invalid, reason returned" "invalid"
run pc verify-qr "$q2"
check "verify-qr calls a delivered card genuine and valid (exit $rc)" test "$rc" = 0

# --- verify, and no NIK anywhere in the events -------------------------------------------------
today=$(TZ=Asia/Jakarta date +%F)
run inv --json report reconcile --from "$today" --to "$today"
check "reconcile: delivered took in 5 cards as handed to holders, and balances" \
  test "$(json_get '[(a["in"]["delivered"], a["balanced"]) for a in j["accounts"] if a["account"] == "delivered"][0]')" = "(5, True)"
expect_ok "verify: the books balance with delivered" inv verify
expect_out "verify says OK" "OK"
run inv --json log
leaked=0
for n in "$n1" "$n2" "$n3" "$n4" "$n5" "$n6" "$n7" "$n8"; do grep -q "$n" "$TMP/out" && leaked=1; done
check "no resident's NIK in any event" test "$leaked" = 0
test_done
