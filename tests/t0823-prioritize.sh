#!/bin/bash
# Issue 15: printctl prioritize raises waiting requests (by NIK, category
# or kecamatan, until a day, with a reason), each change a request.priority
# event with no personal data; printctl run (on the private cupsd, as
# t0400) prints the highest priority in force first, then the oldest
# recorded day; a priority whose last day has passed no longer counts.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"
. "$TOP/tests/lib/requests.sh"

print_setup card1 || exit 1

new_ledger
inv user add boss --role admin >/dev/null
printer_ready card1 KTP0001019

# Five residents recorded 30, 20, 10, 5 and 1 days ago; the one of 5 days in
# kecamatan "Kec X", the rest in "Kec Y".
"$GEN" -n 5 -s 61 -o "$TMP/r" >/dev/null
csv_columns "$TMP/r/residents.csv" "$TMP/r/set.csv" "district=Kec Y|Kec Y|Kec Y|Kec X|Kec Y" \
  "recorded=$(days_ago 30 20 10 5 1)" "category=baru|baru|rusak|baru|baru"
pc import "$TMP/r/set.csv" >/dev/null
NIK5=$(sed -n 6p "$TMP/r/set.csv" | cut -d, -f1)

# --- Refusals change nothing ------------------------------------------------------------------
expect_refused "nothing chosen" 2 "choose the requests with --nik, --category or --kecamatan" pc prioritize --reason x
expect_refused "no reason" 2 "--reason is required" pc prioritize --kecamatan "Kec X"
expect_refused "a past --until" 1 "--until is past" pc prioritize --kecamatan "Kec X" --reason x --until "$(day -1)"
expect_refused "an unknown category" 1 "--category is one of" pc prioritize --category stolen --reason x
expect_refused "no waiting request matches" 1 "no waiting request matches" pc prioritize --kecamatan "Kec Z" --reason x
expect_refused "a level above 9" 2 "--level is 0 to 9" pc prioritize --kecamatan "Kec X" --reason x --level 10
expect_refused "the warehouse may not" 1 "needs the" "$PRINTCTL" --user wh prioritize --kecamatan "Kec X" --reason x

# --- Prioritize: events with ids only ---------------------------------------------------------
expect_ok "prioritize a kecamatan (any case) until in 5 days" pc prioritize --kecamatan "kec x" --reason "lansia" --until "$(day 5)"
expect_out "one request" "^1 request has priority 1 until $(day 5)\.$"
expect_ok "prioritize a NIK at level 2 until today (admin)" "$PRINTCTL" --user boss prioritize --nik "$NIK5" --level 2 --reason "darurat" --until "$TODAY"
expect_ok "prioritize a category (Indonesian word)" pc prioritize --category rusak --reason "rusak berat"
check "three request.priority events" test "$(q "SELECT count(*) FROM event WHERE kind = 'request.priority'")" = 3
check "their details name request ids" test "$(q "SELECT group_concat(json_extract(detail, '\$.request') || ':' || json_extract(detail, '\$.priority'), ' ') FROM event WHERE kind = 'request.priority'")" = "4:1 5:2 3:1"
cut -d, -f1,2 "$TMP/r/set.csv" | tail -n +2 | tr , '\n' >"$TMP/personal"
check "no NIK or name in any event" sh -c "! sqlite3 '$BLANKO_DB' 'SELECT detail FROM event' | grep -q -F -f '$TMP/personal'"
expect_ok "the ledger verifies" inv verify

# --- run: priority first (the NIK's level 2 has expired), then the oldest --------------------
q "UPDATE request SET priority_until = '$(day -1)' WHERE id = 5"	# its last day has passed
run pc run --once --max 1
check "first card: #3, priority 1 and recorded before #4 (#5's level 2 expired) ($(q "SELECT group_concat(request_id) FROM (SELECT request_id FROM print_job ORDER BY id)"))" \
  test "$(q "SELECT group_concat(request_id) FROM (SELECT request_id FROM print_job ORDER BY id)")" = 3
run pc run --once --max 1
check "second: #4, priority 1, before the older #1 and #2" test "$(q "SELECT group_concat(request_id) FROM (SELECT request_id FROM print_job ORDER BY id)")" = 3,4
run pc run --once --max 2
check "then the oldest recorded: #1, #2 ($(q "SELECT group_concat(request_id) FROM (SELECT request_id FROM print_job ORDER BY id)"))" test "$(q "SELECT group_concat(request_id) FROM (SELECT request_id FROM print_job ORDER BY id)")" = 3,4,1,2
expect_ok "prioritize --level 0 takes it back" pc prioritize --nik "$NIK5" --level 0 --reason "selesai"
expect_refused "a printed request is no longer waiting" 1 "no waiting request matches" pc prioritize --kecamatan "Kec X" --reason x
plan=$(python3 "$TOP/tests/lib/request-plan.py" "$PRINTCTL" "$BLANKO_DB" 2>&1); plan_rc=$?
check "the next card by index: schema 17's indexes serve printctl run's statements (${plan:0:300})" test "$plan_rc" = 0
expect_ok "the ledger verifies at the end" inv verify
test_done
