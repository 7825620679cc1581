#!/bin/bash
# A signed paper handover list entered in one go (issue 14, item 4), with
# cards really printed through the CUPS fixture: printctl handover --csv
# takes serial,nik,received_date[,proxy_name,proxy_relation,proxy_nik];
# a list with bad rows records nothing and names every bad row by its line
# (wrong NIK, unknown serial, a card twice, a bad date, a proxy the office
# does not allow, a wrong field count), without showing any NIK; the same
# list corrected records every row in one transaction.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"
. "$TOP/tests/lib/dist.sh"

print_setup card1 || exit 1

dist_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv location add KEC01 --kind kecamatan >/dev/null
dist_cards 6 11 "$TMP/res"
dist_print 6 "$TMP/res"
expect_ok "dispatch all to KEC01" inv --user dist dispatch --to KEC01 --ref BAST-1 --all -o "$TMP/b1.pdf"
expect_ok "KEC01 confirms 6" $NOBODY_INV arrive --ref BAST-1 --count 6
H="$PRINTCTL --user dist handover"
today=$(TZ=Asia/Jakarta date +%F)

cat >"$TMP/bad.csv" <<CSV
serial,nik,received_date
$s1,$n1,$today
$s2,$n3,$today
KTP0001077,$n3,$today
$s1,$n1,$today
$s4,$n4,2026-13-45
$s5,$n5,$today,Budi,suami,3374010101010002
$s6,$n6
CSV
before=$(db_sum)
run $H --csv "$TMP/bad.csv"
after=$(db_sum)
check "a list with bad rows is refused (exit $rc)" test "$rc" = 1
check "... and records nothing: the ledger is byte-identical" test "$before" = "$after"
check "line 3 named: the wrong NIK" grep -q "line 3: the NIK given is not the holder's of card $s2" "$TMP/err"
check "line 4 named: a serial never printed" grep -q "line 4: " "$TMP/err"
check "line 5 named: the card already handed over in this list" grep -q "line 5: card $s1 was handed over already" "$TMP/err"
check "line 6 named: the bad date" grep -q "line 6: the day received" "$TMP/err"
check "line 7 named: a proxy the office does not allow" grep -q "line 7: .*allow_proxy = no" "$TMP/err"
check "line 8 named: two fields" grep -q "line 8: 2 fields" "$TMP/err"
check "line 2 (good) is not named" sh -c "! grep -q 'line 2:' '$TMP/err'"
check "the last line says nothing was recorded" sh -c "tail -1 '$TMP/err' | grep -q '6 bad rows: nothing was recorded'"
leaked=0
for n in "$n1" "$n2" "$n3" "$n4" "$n5" "$n6"; do grep -q "$n" "$TMP/err" "$TMP/out" && leaked=1; done
check "no NIK in the messages" test "$leaked" = 0
check "nothing delivered" sh -c "! inv stock --location delivered >/dev/null 2>&1 || test \"\$(inv stock --location delivered --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"total\"])')\" = 0"

printf '[distribution]\nallow_proxy = yes\n' >>"$BLANKO_CONF"
cat >"$TMP/good.csv" <<CSV
serial,nik,received_date,proxy_name,proxy_relation,proxy_nik
$s1,$n1,$today,,,
$s2,$n2,$today,,,
$s3,$n3,$today,,,
$s4,$n4,$today,,,
$s5,$n5,$today,Budi,suami,3374010101010002
$s6,$n6,$today,,,
CSV
printf 'scan of the signed list\n' >"$TMP/list.pdf"
expect_ok "the corrected list (with one proxy) records every row" $H --csv "$TMP/good.csv" --receipt "$TMP/list.pdf"
expect_out "it says how many" "Recorded 6 cards handed over"
check "KEC01 empty, delivered 6" test "$(total KEC01):$(total delivered)" = "0:6"
run inv --json log
check "one deliver.list event per place, day and taker (5 by their holders, 1 by a proxy), each with the list scan's SHA-256" \
  test "$(json_get 'sorted((e["detail"]["place"], e["detail"]["by"], e["detail"]["count"]) for e in j if e["kind"]=="deliver.list" and e["detail"]["receipt_sha256"]=="'"$(sha256sum "$TMP/list.pdf" | cut -c1-64)"'")')" = "[('KEC01', 'holder', 5), ('KEC01', 'proxy', 1)]"
check "no card's own deliver event" test "$(json_get 'len([e for e in j if e["kind"]=="deliver"])')" = 0
check "the received day recorded" test "$(json_get 'sorted(set(e["detail"]["received"] for e in j if e["kind"]=="deliver.list"))')" = "['$today']"
check "the proxy kept out of the events" sh -c "! grep -Eq 'Budi|3374010101010002' '$TMP/out'"
check "... and in handover_person" test "$(sqlite3 "$BLANKO_DB" "SELECT serial || ':' || name FROM handover_person")" = "$s5:Budi"
run inv --json report reconcile --from "$today" --to "$today"
check "reconcile: delivered took in the list's 6 cards as handed to holders, and balances" \
  test "$(json_get '[(a["in"]["delivered"], a["balanced"]) for a in j["accounts"] if a["account"] == "delivered"][0]')" = "(6, True)"
expect_ok "verify agrees" inv verify

# The bulk event's serials are under its hash: a serial forged into it, or
# one taken out, is caught.
cp "$BLANKO_DB" "$TMP/good.db"
bulk=$(sqlite3 "$BLANKO_DB" "SELECT id FROM event WHERE kind = 'deliver.list' AND detail LIKE '%holder%'")
tamper "a serial forged into a deliver.list event" "^FAILED: event $bulk (does not match its hash|has a movement whose index)" \
  "UPDATE movement SET last = last + 1 WHERE event_id = $bulk"
tamper "a serial taken out of a deliver.list event" "^FAILED: event $bulk (does not match its hash|has a movement whose index)" \
  "UPDATE movement SET first = first + 1 WHERE event_id = $bulk AND last > first"
tamper "a deliver.list event's count changed" "^FAILED: event $bulk does not match its hash" \
  "UPDATE event SET detail = replace(detail, '\"count\":5', '\"count\":6') WHERE id = $bulk"
test_done
