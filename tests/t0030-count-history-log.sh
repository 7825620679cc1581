#!/bin/sh
# Stocktakes, the history of a serial and the event log.
. "$(dirname "$0")/lib/test-lib.sh"

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv --user wh receive --supplier Peruri --ref SJ-001 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001010-KTP0001019 >/dev/null
inv --user wh transfer --from RC1 --to GUDANG --serials KTP0001015 >/dev/null

expect_ok "a stocktake that matches exits 0" inv --user wh count RC1 --serials KTP0001010-KTP0001014,KTP0001016-KTP0001019
expect_out "it says so" "matches"
before=$(db_sum)
run inv --user au count RC1 --serials KTP0001010-KTP0001013,KTP0001016-KTP0001019,KTP0001050
if [ "$rc" -eq 3 ] && grep -q "missing (1): KTP0001014" "$TMP/out" && grep -q "unexpected (1): KTP0001050" "$TMP/out"; then
  pass "a stocktake that differs exits 3 and lists missing and unexpected serials"
else
  fail "a stocktake that differs (exit $rc: $(cat "$TMP/out" "$TMP/err"))"
fi
check "a differing stocktake is still recorded" test "$before" != "$(db_sum)"
expect_ok "stock is unchanged by a stocktake" inv stock --json
check "RC1 still holds 9" test "$(json_get '[a["blanks"] for a in j["accounts"] if a["account"]=="RC1"][0]')" = 9
expect_refused "a stocktake by the wrong role" 1 "needs the warehouse,auditor role" \
  inv --user pr count RC1 --serials KTP0001010
expect_refused "a stocktake of a card state" 1 "not a location" inv --user au count issued --serials KTP0001010
expect_refused "a stocktake without a location" 2 "give one location" inv --user au count --serials KTP0001010

expect_ok "the history of a serial" inv history KTP0001015 --json
check "history lists every movement of the serial, oldest first" \
  test "$(json_get '[(m["kind"],m["from"],m["to"]) for m in j]')" = \
  "[('receive', 'supplier', 'GUDANG'), ('transfer', 'GUDANG', 'RC1'), ('transfer', 'RC1', 'GUDANG')]"
expect_ok "history of a serial moved in a range" inv history KTP0001011
check "history shows the range that moved" sh -c "grep -q 'KTP0001010-KTP0001019' '$TMP/out'"
expect_ok "history of a serial only received" inv history KTP0001099 --json
check "a serial in a large receipt has one movement" test "$(json_get 'len(j)')" = 1
expect_refused "history of a serial never received" 1 "never received" inv history KTP0009999
expect_refused "history of a malformed serial" 1 "not a serial" inv history KTP-1

expect_ok "the log, newest first" inv log --json
check "the log holds every event, newest first" \
  test "$(json_get '[e["kind"] for e in j][:4]')" = "['count', 'count', 'transfer', 'transfer']"
check "a stocktake's finding is in its event" \
  test "$(json_get '[e["detail"]["missing"] for e in j if e["kind"]=="count"][0]')" = KTP0001014
expect_ok "log --limit" inv log --limit 2 --json
check "--limit keeps the newest N" test "$(json_get 'len(j)')" = 2
expect_ok "log --since today" inv log --since "$(TZ=Asia/Jakarta date +%Y-%m-%d)" --json
check "--since today keeps today's events" test "$(json_get 'len(j)')" -ge 10
expect_ok "log --since tomorrow" inv log --since "$(TZ=Asia/Jakarta date -d tomorrow +%Y-%m-%dT00:00)" --json
check "--since tomorrow keeps nothing" test "$(json_get 'len(j)')" = 0
expect_refused "a malformed --since" 1 "bad time" inv log --since yesterday
expect_refused "a malformed --limit" 1 "--limit" inv log --limit -3

test_done
