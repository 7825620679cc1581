#!/bin/sh
# count --dry-run (issue 13): checks and prints what a stocktake would
# record and writes nothing: the ledger stays byte-identical, no count
# event appears, and reconcile shows no stocktake for it.
. "$(dirname "$0")/lib/test-lib.sh"
test_require root sqlite3

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0000001-KTP0000100 --to GUDANG >/dev/null

sum_before=$(db_sum)
events_before=$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM event")
expect_ok "a dry run that matches" inv --user wh count GUDANG --serials KTP0000001-KTP0000100 --dry-run
expect_out "it says nothing was written" "Dry run: a count of 100 blanks at GUDANG would be recorded; nothing was written"
expect_out "it says the count matches" "The count matches the ledger"
run inv --user wh count GUDANG --serials KTP0000001-KTP0000090,KTP0000500 --dry-run
check "a dry run that differs exits 3" test "$rc" -eq 3
expect_out "it lists the missing serials" "missing \(10\): KTP0000091-KTP0000100"
expect_out "it lists the unexpected serial" "unexpected \(1\): KTP0000500"
run inv --user wh --json count GUDANG --serials KTP0000001-KTP0000090 --dry-run
check "--json says dry_run and no event" test "$(json_get 'str((j["dry_run"], j["event"], j["missing_count"]))')" = "(True, 0, 10)"
check "the ledger is byte-identical after the dry runs" test "$(db_sum)" = "$sum_before"
check "no count event was recorded" test "$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM event")" = "$events_before"
expect_refused "a dry run of a place that is not a location is refused" 1 "is not a location" \
  inv --user wh count issued --serials KTP0000001 --dry-run
expect_ok "reconcile" inv --user au report reconcile --from 2000-01-01 --to 2099-12-31 --format json
check "no stocktake in reconcile" test "$(json_get 'len(j["stocktakes_differing"])')" = 0
expect_ok "a real count still records" inv --user wh count GUDANG --serials KTP0000001-KTP0000100
expect_out "with its event" "Counted 100 blanks at GUDANG \(event [0-9]+\)"
expect_ok "the ledger verifies" inv verify
test_done
