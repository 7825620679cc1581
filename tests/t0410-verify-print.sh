#!/bin/bash
# verify checks the printer and print_job rows against the print events:
# a few cards printed on a private cupsd (one of them jammed), a printer
# left needing a check, one paused, one added and removed; then each edit
# made to a copy behind the program's back must be caught (exit 3, one line
# naming the table, the row and the column), and the untouched copy passes.
# The CUPS fixture is bash: run as "sh t0410-verify-print.sh", it goes again under bash.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"

print_setup card1 || exit 1

new_ledger
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001099 >/dev/null
pc printer add P1 --queue card1 --location RC1 >/dev/null
pc printer add P2 --queue card1 --location RC1 >/dev/null
pc printer add P3 --queue card1 --location RC1 >/dev/null
pc printer remove P3 >/dev/null
pc printer load P1 --serials KTP0001000-KTP0001019 >/dev/null
pc printer load P2 --serials KTP0001050-KTP0001054 >/dev/null
pc printer check P2 --next KTP0001051 >/dev/null 2>&1	# a mismatch: P2 needs a check
pc printer check P1 --next KTP0001000 >/dev/null

"$GEN" -n 6 -s 7 -o "$TMP/res" >/dev/null
pc import "$TMP/res/residents.csv" >/dev/null
cups_printer_fail_next card1 jam
pc run --once --printer P1 --max 1 >/dev/null 2>&1
jam=$(sqlite3 "$BLANKO_DB" "SELECT serial FROM print_job WHERE state = 'suspect'")
[ -z "$jam" ] || pc resolve "$jam" --spoiled >/dev/null	# cupsd may report a jam completed: suspect
pc printer resume P1 >/dev/null
run pc run --once --printer P1
check "six cards printed after a jam ($(tail -1 "$TMP/out"))" grep -q "Run ended: 6 printed" "$TMP/out"
pc printer pause P1 --reason "ribbon change" >/dev/null

q() { sqlite3 "$BLANKO_DB" "$1"; }
check "the ledger has what the cases need" test "$(q "SELECT count(*) FROM print_job WHERE outcome = 'issued'")" = 6 \
  -a "$(q "SELECT count(*) FROM print_job WHERE outcome LIKE '%spoiled' AND reason = 'media-jam'")" = 1 \
  -a "$(q "SELECT state FROM printer WHERE name = 'P2'")" = check-needed \
  -a "$(q "SELECT state || '/' || reason FROM printer WHERE name = 'P1'")" = "paused/ribbon change" \
  -a "$(q "SELECT count(*) FROM printer WHERE name = 'P3'")" = 0
expect_ok "verify passes on the honest ledger" inv verify
sqlite3 "$BLANKO_DB" ".backup '$TMP/good.db'"
job=$(q "SELECT min(id) FROM print_job WHERE outcome = 'issued'")
last=$(q "SELECT max(id) FROM print_job")
jammed=$(q "SELECT id FROM print_job WHERE reason = 'media-jam'")
other_req=$(q "SELECT min(id) FROM request WHERE id != (SELECT request_id FROM print_job WHERE id = $job)")

# tamper: tests/lib/test-lib.sh

tamper "a print job's state changed" "print_job $job: state is \"submitted\", but its events make it \"done\"" \
  "UPDATE print_job SET state = 'submitted' WHERE id = $job"
tamper "a print job's outcome changed" "print_job $job: outcome is \"spoiled\", but its events make it \"issued\"" \
  "UPDATE print_job SET outcome = 'spoiled' WHERE id = $job"
tamper "a print job's serial changed" "print_job $job: serial is \"KTP0001099\"" \
  "UPDATE print_job SET serial = 'KTP0001099' WHERE id = $job"
tamper "a print job's request changed" "print_job $job: request_id is \"$other_req\"" \
  "UPDATE print_job SET request_id = $other_req WHERE id = $job"
tamper "a print job's printer changed" "print_job $job: printer is \"P2\", but its events make it \"P1\"" \
  "UPDATE print_job SET printer = 'P2' WHERE id = $job"
tamper "a print job's CUPS job id changed" "print_job $job: cups_job_id is \"[0-9]+\", but its events make it" \
  "UPDATE print_job SET cups_job_id = cups_job_id + 100 WHERE id = $job"
tamper "a CUPS job id stored as text" "print_job $job: cups_job_id is \"x[0-9]+\"" \
  "UPDATE print_job SET cups_job_id = 'x' || cups_job_id WHERE id = $job"
tamper "a print job's canceled CUPS job set" "print_job $job: canceled_cups_id is \"7\", but its events make it \"0\"" \
  "UPDATE print_job SET canceled_cups_id = 7 WHERE id = $job"
tamper "a print job's reason changed" "print_job $jammed: reason is \"operator error\", but its events make it \"media-jam\"" \
  "UPDATE print_job SET reason = 'operator error' WHERE id = $jammed"
tamper "a print job's issue_date changed" "print_job $job: issue_date is \"2001-01-01\", but its events make it \"[0-9-]{10}\"" \
  "UPDATE print_job SET issue_date = '2001-01-01' WHERE id = $job"
tamper "a print job row deleted" "print_job $last is missing \\(event [0-9]+ made it\\)" \
  "DELETE FROM print_job WHERE id = $last"
tamper "a print job row inserted" "print_job $((last + 1)) was not made by any print event" \
  "INSERT INTO print_job(request_id, serial, printer, issue_date, state, outcome, created, updated)
     SELECT request_id, 'KTP0001019', printer, issue_date, 'done', 'issued', created, updated FROM print_job WHERE id = $job"
tamper "a printer's queue changed" "printer P1: queue is \"card9\", but its events make it \"card1\"" \
  "UPDATE printer SET queue = 'card9' WHERE name = 'P1'"
tamper "a printer's print room changed" "printer P1: location is \"GUDANG\", but its events make it \"RC1\"" \
  "UPDATE printer SET location = 'GUDANG' WHERE name = 'P1'"
tamper "a printer's hopper changed" "printer P1: hopper is \"hopper.X\", but its events make it \"hopper.P1\"" \
  "UPDATE printer SET hopper = 'hopper.X' WHERE name = 'P1'"
tamper "a printer's state changed" "printer P2: state is \"running\", but its events make it \"check-needed\"" \
  "UPDATE printer SET state = 'running', reason = '' WHERE name = 'P2'"
tamper "a printer's reason changed" "printer P1: reason is \"fine\", but its events make it \"ribbon change\"" \
  "UPDATE printer SET reason = 'fine' WHERE name = 'P1'"
tamper "a printer row deleted" "printer P2 is missing \\(event [0-9]+ added it\\)" \
  "DELETE FROM printer WHERE name = 'P2'"
tamper "a printer row added" "printer P9 was not added by any event" \
  "INSERT INTO printer(name, queue, location, hopper, added) VALUES('P9', 'card1', 'RC1', 'hopper.P9', 'now')"
tamper "a removed printer put back" "printer P3 was not added by any event \\(or was removed\\)" \
  "INSERT INTO printer(name, queue, location, hopper, added) VALUES('P3', 'card1', 'RC1', 'hopper.P3', 'now')"

cp "$TMP/good.db" "$BLANKO_DB"
rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"
expect_ok "the untouched copy still verifies" inv verify

test_done
