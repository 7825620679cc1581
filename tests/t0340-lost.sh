#!/bin/bash
# Cards reported lost (issue 10, section 4) and spoiling an issued card
# (finding 5.19), with real cards printed through the CUPS fixture:
#   - a lost card is recorded in "reported-lost" (with the police loss
#     report number), never counted on hand, never in a destruction record;
#     reconcile shows it as reported lost; its seal checks as reported lost;
#   - a reprint with reason lost (printctl reprint, import --replace lost)
#     moves the old card there;
#   - a card found again goes reported-lost -> invalid -> destroyed;
#   - spoiling an issued card needs an auditor;
#   - verify-qr's exit codes 0..4;
#   - an old (schema 1) ledger takes the new account and still verifies.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"
. "$TOP/tests/lib/dist.sh"

print_setup card1 || exit 1
TOOL="$TOP/build/ledger-tool"
A="inv --user au" A2="inv --user au2"
today=$(TZ=Asia/Jakarta date +%F)	# the office's day ([site] timezone, default Asia/Jakarta)

# qr_of ID: the QR payload of a request's card, read back from its render.
qr_of() { pc render "$1" -o "$TMP/qr-$1.png" >/dev/null && zbarimg --raw -q "$TMP/qr-$1.png" 2>/dev/null; }
# on_hand: blanks in locations and hoppers (report stock).
on_hand() { inv report stock --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["blanks"])'; }
# expect_qr DESCRIPTION CODE PATTERN PAYLOAD...: verify-qr exits CODE, stdout matches PATTERN.
expect_qr() {
  local desc=$1 code=$2 pattern=$3; shift 3
  run pc verify-qr "$@"
  if [ "$rc" -eq "$code" ] && grep -Eq -- "$pattern" "$TMP/out"; then
    pass "$desc (exit $rc): $(cat "$TMP/out")"
  else
    fail "$desc (exit $rc, wanted $code /$pattern/: $(cat "$TMP/out" "$TMP/err"))"
  fi
}

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv user add au2 --role auditor >/dev/null
# Dual control needs two real accounts (issue 12): the second auditor is the account nobody.
# Blanks, printer P1 and 5 residents: the distribution tests' setup (tests/lib/dist.sh).
dist_cards 5 11 "$TMP/res" auditor
A2=$NOBODY_INV
expect_ok "import 5 residents" pc import "$TMP/res/residents.csv"
run pc run --once
check "5 cards printed ($(tail -1 "$TMP/out"))" grep -q "Run ended: 5 printed, 0 spoiled, 0 suspect" "$TMP/out"
for i in 1 2 3 4 5; do eval "s$i=\$(serial_of $i) q$i=\$(qr_of $i)"; done
check "each card has a serial and a QR payload ($s1 $s5)" test -n "$s5" -a -n "$q5" -a "${q1#KTP2:$s1:}" != "$q1"

# --- verify-qr: exit 0 for a valid card, 1 forged, 2 usage ------------------------------
expect_qr "verify-qr: an issued card is valid" 0 "genuine issued card $s1 \(request #1\)" "$q1"
altered=$(echo "$q1" | sed 's/:\([0-9]\)\([0-9]*\):\([0-9]\{8\}\):/:\2\1:\3:/')
expect_refused "verify-qr: an altered payload is forged (exit 1)" 1 "forged or altered" pc verify-qr "$altered"
expect_refused "verify-qr: a malformed payload (exit 1)" 1 "malformed" pc verify-qr "KTP1:nonsense"
expect_refused "verify-qr: no payload is a usage error (exit 2)" 2 "give exactly one PAYLOAD" pc verify-qr
expect_refused "verify-qr: two payloads are a usage error (exit 2)" 2 "give exactly one PAYLOAD" pc verify-qr "$q1" "$q2"

# --- A card reported lost -----------------------------------------------------------------
onhand0=$(on_hand)
expect_refused "--police-report is only for --reason lost" 1 "only for --reason lost" \
  $A invalid --serials "$s2" --reason damaged --police-report LP/1/XII/2026
expect_refused "the print room may not report a card lost" 1 "needs the auditor role" \
  inv --user pr invalid --serials "$s1" --reason lost
expect_ok "report card 1 lost, with the police report" \
  $A invalid --serials "$s1" --reason lost --police-report "LP/123/XII/2026/Polrestabes"
expect_out "it says the card is reported lost" "reported lost \(not held by the office\): $s1"
check "the card is in reported-lost" test "$(total reported-lost)" = 1
check "... not in invalid" test "$(total invalid)" = 0
check "... not on hand: report stock's total is unchanged ($onhand0)" test "$(on_hand)" = "$onhand0"
run inv history "$s1" --json
check "its history ends in reported-lost, by a report-lost event" \
  test "$(json_get 'j[-1]["kind"] + " " + j[-1]["to"]')" = "report-lost reported-lost"
lost_event=$(json_get 'j[-1]["event"]')
run inv log --json
check "the event holds the police report number" \
  test "$(json_get '[e["detail"]["police_report"] for e in j if e["event"] == '"$lost_event"'][0]')" = \
  "LP/123/XII/2026/Polrestabes"
expect_qr "verify-qr: a lost card is reported lost (exit 3)" 3 \
  "no longer valid: card $s1 was reported lost \(police report LP/123/XII/2026/Polrestabes\)" "$q1"
run pc verify-qr --json "$q1"
check "verify-qr --json: genuine, not valid, reported-lost" \
  test "$(json_get 'str(j["genuine"]) + str(j["valid"]) + j["card"]')" = "TrueFalsereported-lost"
expect_refused "a lost card cannot be reported lost twice" 1 "is not issued \(it is at reported-lost\)" \
  $A invalid --serials "$s1" --reason lost

# The destruction record: a returned card is destroyable; the lost one is not.
expect_ok "card 2 is returned (invalid)" $A invalid --serials "$s2" --reason returned
expect_qr "verify-qr: an invalid card (exit 3)" 3 "no longer valid: card $s2 was made invalid \(returned\)" "$q2"
expect_ok "destroy prepare --all" $A --json destroy prepare --all --method incineration --place Halaman
rec1=$(json_get 'j["id"]')
run $A --json destroy show "$rec1"
check "the record lists card 2 only, not the lost card ($(json_get 'j["count"]'))" \
  test "$(json_get 'j["count"]')" = 1
check "the lost card is not among its serials" sh -c "! grep -q '$s1' '$TMP/out'"
expect_refused "a lost card cannot be put in a destruction record by serial" 1 \
  "is not spoiled or invalid \(it is at reported-lost\)" \
  $A destroy prepare --serials "$s1" --method incineration --place Halaman
expect_ok "approve record $rec1" $A2 destroy approve "$rec1"
expect_ok "execute record $rec1" $A destroy execute "$rec1" --witness "Budi; Satpol PP; 1" --witness "Siti; Inspektorat; 2"
expect_qr "verify-qr: a destroyed card (exit 3)" 3 "no longer valid: card $s2 was destroyed" "$q2"
check "the lost card is still reported lost" test "$(total reported-lost)" = 1

# --- Reprints with reason lost --------------------------------------------------------------
expect_refused "reprint: --police-report is only for reason lost" 1 "only for --reason lost" \
  pc reprint 3 --reason damaged --police-report LP/9
expect_ok "reprint request 3, lost, with the police report" pc reprint 3 --reason lost --police-report LP/124/XII/2026
check "its old card moved to reported-lost" test "$(total reported-lost)" = 2
expect_qr "verify-qr: the old card of a lost reprint (exit 3)" 3 \
  "card $s3 was reported lost \(police report LP/124/XII/2026\)" "$q3"
sed -n '1p;5p' "$TMP/res/residents.csv" >"$TMP/res/again.csv"
expect_ok "import request 4's resident again with --replace lost" pc import --replace lost "$TMP/res/again.csv"
check "its old card moved to reported-lost" test "$(total reported-lost)" = 3
expect_qr "verify-qr: the old card of an imported lost reprint (exit 3)" 3 "card $s4 was reported lost$" "$q4"
check "none of them is on hand ($onhand0 less the 2 reprints' blanks still in the hopper: unchanged)" \
  test "$(on_hand)" = "$onhand0"
expect_ok "reconcile today" $A --json report reconcile --from "$today" --to "$today"
check "reconcile: reported-lost took in 3 cards, as reported lost" \
  test "$(json_get '[(a["kind"], a["in"]["reported_lost"], a["closing"], a["balanced"]) for a in j["accounts"] if a["account"] == "reported-lost"][0]')" = "('state', 3, 3, True)"
check "reconcile: issued gave out 3 as reported lost, 1 as invalid" \
  test "$(json_get '[(a["out"]["reported_lost"], a["out"]["invalid"]) for a in j["accounts"] if a["account"] == "issued"][0]')" = "(3, 1)"
expect_ok "reconcile as text" $A report reconcile --from "$today" --to "$today" --lang en
expect_out "the text names them reported lost" "reported lost \(reported-lost\) +in: reported lost 3"
expect_ok "verify after reports of loss" inv verify

# --- Found again: reported-lost -> invalid -> destroyed -------------------------------------
expect_ok "card 1 is found again" $A invalid --serials "$s1" --reason found --note "diserahkan warga"
check "it left reported-lost" test "$(total reported-lost)" = 2
check "it is invalid, to be destroyed" test "$(total invalid)" = 1
expect_qr "verify-qr: a found card is invalid (exit 3)" 3 "card $s1 was made invalid \(found\)" "$q1"
expect_ok "destroy prepare --all takes the found card" $A --json destroy prepare --all --method shredding --place Gudang
rec2=$(json_get 'j["id"]')
run $A --json destroy show "$rec2"
check "record $rec2 holds the found card only" sh -c "[ '$(json_get 'j["count"]')' = 1 ] && grep -q '$s1' '$TMP/out' && ! grep -q '$s3' '$TMP/out'"
expect_ok "approve record $rec2" $A2 destroy approve "$rec2"
expect_ok "execute record $rec2" $A destroy execute "$rec2" --witness "Budi; Satpol PP; 1" --witness "Siti; Inspektorat; 2"
expect_qr "verify-qr: the found card, destroyed (exit 3)" 3 "card $s1 was destroyed" "$q1"
expect_ok "verify after the found card's destruction" inv verify

# --- Spoiling an issued card needs an auditor (5.19) ----------------------------------------
expect_ok "print the two reprints" pc run --once
check "2 more cards printed ($(tail -1 "$TMP/out"))" grep -q "Run ended: 2 printed, 0 spoiled, 0 suspect" "$TMP/out"
expect_refused "the print room may not spoil an issued card" 1 "needs the auditor role" \
  pc spoil "$s5" --reason smudged
expect_qr "... and the card stays valid" 0 "genuine issued card $s5" "$q5"
check "... and its request stays printed" test "$(sqlite3 "$BLANKO_DB" "SELECT state FROM request WHERE id = 5")" = printed
expect_refused "the print room may not spoil an issued card through inventory either" 1 \
  "is not in a location or hopper \(it is at issued\)" inv --user pr spoil --serials "$s5" --reason smudged
expect_ok "the print room spoils a blank in the hopper" inv --user pr spoil --serials KTP0001019 --reason "printer jam"
expect_ok "an auditor spoils the issued card" "$PRINTCTL" --user au spoil "$s5" --reason smudged
expect_qr "verify-qr: the spoiled card (exit 3)" 3 "card $s5 was spoiled \(smudged\)" "$q5"
expect_ok "print request 5 again" pc run --once
n5=$(serial_of 5)
check "request 5 has a new card ($n5)" test -n "$n5" -a "$n5" != "$s5"
expect_qr "the new card is valid" 0 "genuine issued card $n5" "$(qr_of 5)"
expect_qr "the spoiled first card still is not" 3 "card $s5 was spoiled" "$q5"

# --- verify-qr: exit 3 for previews and superseded cards, 4 without the ledger --------------
"$GEN" -n 1 -s 12 -o "$TMP/one" >/dev/null
pc import "$TMP/one/residents.csv" >/dev/null
pid=$(sqlite3 "$BLANKO_DB" "SELECT max(id) FROM request")
expect_qr "verify-qr: a preview is not a card (exit 3)" 3 "genuine preview" "$(qr_of "$pid")"
expect_ok "reprint request 5 (damaged)" pc reprint 5 --reason damaged
expect_qr "verify-qr: a superseded card (exit 3)" 3 "card $n5 \(request #5\) is superseded by request #" "$(zbarimg --raw -q "$TMP/qr-5.png")"
expect_qr "verify-qr --offline: validity unknown (exit 4)" 4 "validity unknown: checked without the ledger" --offline "$q5"
mkdir -m 700 "$TMP/away"
cp -rp "$BLANKO_DB.keys" "$TMP/away/copy.db.keys"
run "$PRINTCTL" --db "$TMP/away/copy.db" --user stranger verify-qr --offline "$q1"
check "verify-qr --offline needs only the keys: no ledger, no registered user (exit $rc)" \
  sh -c "[ $rc = 4 ] && grep -q 'validity unknown' '$TMP/out' && [ ! -e '$TMP/away/copy.db' ]"
run "$PRINTCTL" --db "$TMP/away/copy.db" --user stranger verify-qr --offline "$altered"
check "verify-qr --offline still refuses a forged payload (exit $rc)" sh -c "[ $rc = 1 ] && grep -q forged '$TMP/err'"
expect_ok "verify at the end" inv verify

# --- An old ledger takes the new account ----------------------------------------------------
cp "$TOP/tests/data/ledger-v1.sqlite" "$TMP/old.db"
OLD="inv --db $TMP/old.db"
"$TOOL" "$TMP/old.db" wh move print RC1 issued KTP0001000-KTP0001001 >/dev/null 2>&1
check "the old ledger has 2 issued cards" test "$($OLD stock --location issued --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" = 2
expect_ok "an old ledger: report a card lost" $OLD --user au invalid --serials KTP0001000 --reason lost
expect_ok "an old ledger: it verifies" $OLD verify
expect_ok "an old ledger: the card is found again" $OLD --user au invalid --serials KTP0001000 --reason found
expect_ok "an old ledger: it still verifies" $OLD verify
check "no temporary files are left in TMPDIR" test -z "$(ls -A "$TMPDIR")"

test_done
