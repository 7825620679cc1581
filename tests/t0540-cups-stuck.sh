#!/bin/bash
# CUPS keeps a card from printing while it is in flight, and the controller
# must never hang (an office runs it unattended):
#   - a filter fails (pdftopdf, run as lp, cannot read the spooled document:
#     the spool made 0700); cupsd 2.4 stops the job (processing-stopped,
#     job-completed-with-errors, "Filter failed");
#   - the queue is disabled (cupsdisable -r) with the card sent to it;
# 'run --once' ends with exit 3 and one line naming the printer and CUPS's
# message, the printer paused, the card left sent; a SIGTERM ends a run
# whose only card is stuck; once CUPS is put right (the job restarted, the
# queue started) the next run follows the card to its end: printed exactly
# once.  A second SIGTERM ends a run at once, its card in flight left sent
# and followed by the next run.  Every run is bounded (timeout), so that a
# hang fails instead of blocking.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"

print_setup card1 card2 || exit 1

new_ledger || { fail "set up a ledger"; test_done; exit 1; }
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001999 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001199 >/dev/null
pc printer add P1 --queue card1 --location RC1 >/dev/null
pc printer add P2 --queue card2 --location RC1 >/dev/null
pc printer load P1 --serials KTP0001000-KTP0001019 >/dev/null
pc printer load P2 --serials KTP0001100-KTP0001119 >/dev/null
"$GEN" -n 6 -s 5401 -o "$TMP/res" >/dev/null
pc import "$TMP/res/residents.csv" >/dev/null || fail "import 6 residents"
TOKEN=$(sqlite3 "$BLANKO_DB" "SELECT substr(hash,1,8) FROM event WHERE id=1")

q() { sqlite3 "$BLANKO_DB" "$1"; }
# kept_job JOB: how many documents the printers kept for one print job.
kept_job() { cat "$CUPS_FIXTURE_DIR"/printers/*/kept.index | cut -f2 | grep -c -- "^blanko-$TOKEN-j$1-r[0-9]*\$"; }
# open_job PRINTER: the printer's open print job: "id cups_job_id state".
open_job() { q "SELECT id || ' ' || cups_job_id || ' ' || state FROM print_job WHERE printer = '$1' AND state != 'done'"; }
pauses() { q "SELECT count(*) FROM event WHERE kind = 'printer.pause' AND detail LIKE '%\"printer\":\"$1\"%'"; }
# once PRINTER: printctl run --once on one printer, bounded: a hang is exit 124.
once() { run timeout -k 5 40 "$PRINTCTL" --user pr run --once --printer "$1"; }
# every_request_once: no print job printed twice, in the ledger or at the printers.
every_request_once() {
  local twice
  twice=$(cat "$CUPS_FIXTURE_DIR"/printers/*/kept.index | cut -f2 | grep "^blanko-$TOKEN-" | sort | uniq -d | tr '\n' ' ')
  check "$1: no card came out twice ($twice)" test -z "$twice"
  twice=$(q "SELECT request_id FROM print_job WHERE outcome = 'issued' GROUP BY request_id HAVING count(*) > 1")
  check "$1: no request issued twice in the ledger ($twice)" test -z "$twice"
  expect_ok "$1: inventory verify" inv verify
}

# --- A filter fails: cupsd stops the job --------------------------------------------------
chmod 0700 "$CUPS_FIXTURE_DIR/spool"		# lp's filters cannot read the document
t0=$(date +%s)
once P1
check "a job CUPS stopped: run --once ends, exit 3 (exit $rc, $(($(date +%s) - t0)) s)" test "$rc" = 3
check "one line on stderr names the printer and CUPS's message ($(cat "$TMP/err"))" \
  test "$(wc -l <"$TMP/err")" = 1 -a "$(grep -c 'printer P1 is paused: CUPS stopped job [0-9]* .*Filter failed' "$TMP/err")" = 1
read -r JOB1 CUPS1 STATE1 <<<"$(open_job P1)"
check "the card stays sent (job ${JOB1:-?} $STATE1, CUPS job ${CUPS1:-?})" test "$STATE1" = submitted
check "P1 is paused with CUPS's reason ($(q "SELECT state || ': ' || reason FROM printer WHERE name='P1'"))" \
  test "$(q "SELECT state FROM printer WHERE name='P1' AND reason LIKE 'CUPS job-stopped: job $CUPS1, card KTP0001000: Filter failed%'")" = paused
check "no other card started on P1" test "$(q "SELECT count(*) FROM print_job WHERE printer='P1'")" = 1
expect_ok "inventory verify, the card in flight" inv verify
once P1
check "still stopped: the next run ends too, exit 3 ($rc)" test "$rc" = 3
check "and pauses the printer once only ($(pauses P1) pause events)" test "$(pauses P1)" = 1
check "and still leaves the card sent" test "$(open_job P1)" = "$JOB1 $CUPS1 submitted"

chmod 0711 "$CUPS_FIXTURE_DIR/spool"		# the administrator puts CUPS right ...
lp -i "$CUPS1" -H restart >/dev/null 2>&1 || fail "lp -H restart"	# ... and restarts the job, as the line says
once P1
check "the next run follows the card to its end ($(tail -1 "$TMP/out"))" grep -q "Run ended: 1 printed" "$TMP/out"
check "the card was issued ($(q "SELECT state || '/' || outcome FROM print_job WHERE id=$JOB1"))" \
  test "$(q "SELECT outcome FROM print_job WHERE id=$JOB1")" = issued
check "and printed exactly once ($(kept_job "$JOB1"))" test "$(kept_job "$JOB1")" = 1
check "P1 stays paused, the run says so (exit $rc: $(cat "$TMP/err"))" test "$rc" = 3 -a "$(grep -c 'printer P1 is paused' "$TMP/err")" = 1
expect_ok "the operator resumes P1" pc printer resume P1
once P1
check "P1 prints again (exit $rc: $(tail -1 "$TMP/out"))" test "$rc" = 0
every_request_once "after the filter failure"

# --- The queue is disabled with the card sent ---------------------------------------------
cupsdisable -r "Ribbon being changed" card2 || fail "cupsdisable"
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001200-KTP0001209 >/dev/null
"$GEN" -n 2 -s 5402 -o "$TMP/res2" >/dev/null
pc import "$TMP/res2/residents.csv" >/dev/null || fail "import 2 residents"
once P2
check "a stopped queue: run --once ends, exit 3 ($rc)" test "$rc" = 3
check "one line names the printer, the queue and its message ($(cat "$TMP/err"))" \
  test "$(wc -l <"$TMP/err")" = 1 -a "$(grep -c 'printer P2 is paused: CUPS queue card2 is stopped .*Ribbon being changed' "$TMP/err")" = 1
read -r JOB2 CUPS2 STATE2 <<<"$(open_job P2)"
check "the card stays sent (job ${JOB2:-?} $STATE2)" test "$STATE2" = submitted

"$PRINTCTL" --user pr run --printer P2 >"$TMP/bg.out" 2>"$TMP/bg.err" &
pid=$!
wait_for "a run without --once follows the stuck card" grep -q "CUPS keeps" "$TMP/bg.out"
kill -TERM "$pid" 2>/dev/null
i=0; while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then
  fail "one SIGTERM ends a run whose only card is stuck (still running after 10 s)"
  kill -KILL "$pid"; wait "$pid" 2>/dev/null
else
  wait "$pid"; rc=$?
  check "one SIGTERM ends a run whose only card is stuck, exit 3 ($rc: $(cat "$TMP/bg.err"))" test "$rc" = 3
fi
check "the card still stays sent" test "$(open_job P2)" = "$JOB2 $CUPS2 submitted"

cupsenable card2 || fail "cupsenable"		# the administrator starts the queue
once P2
check "after cupsenable the next run follows the card to its end ($(tail -1 "$TMP/out"))" \
  test "$(q "SELECT outcome FROM print_job WHERE id=$JOB2")" = issued
check "printed exactly once ($(kept_job "$JOB2"))" test "$(kept_job "$JOB2")" = 1
expect_ok "the operator resumes P2" pc printer resume P2
every_request_once "after the stopped queue"

# --- A second SIGTERM ends a run at once ----------------------------------------------------
"$GEN" -n 2 -s 5403 -o "$TMP/res3" >/dev/null
pc import "$TMP/res3/residents.csv" >/dev/null || fail "import 2 residents"
cups_printer_offline card1			# the card waits for the printer: in flight
"$PRINTCTL" --user pr run --printer P1 >"$TMP/bg.out" 2>"$TMP/bg.err" &
pid=$!
wait_for "a card is in flight on P1" sh -c "sqlite3 '$BLANKO_DB' \"SELECT state FROM print_job WHERE printer='P1' AND state != 'done'\" | grep -q submitted"
read -r JOB3 CUPS3 STATE3 <<<"$(open_job P1)"
kill -TERM "$pid" 2>/dev/null
sleep 1
check "after one SIGTERM the run goes on following its card" kill -0 "$pid"
kill -TERM "$pid" 2>/dev/null
i=0; while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then
  fail "a second SIGTERM ends the run at once (still running after 5 s)"
  kill -KILL "$pid"; wait "$pid" 2>/dev/null
else
  wait "$pid"; rc=$?
  check "a second SIGTERM ends the run at once (exit $rc)" test "$rc" = 0
  check "it says so in one line on stderr ($(cat "$TMP/bg.err"))" \
    test "$(wc -l <"$TMP/bg.err")" = 1 -a "$(grep -c 'stopped at once; 1 cards in flight stay recorded as sent' "$TMP/bg.err")" = 1
fi
check "the card stays recorded as sent" test "$(open_job P1)" = "$JOB3 $CUPS3 submitted"
cups_printer_online card1 || fail "printer back"
once P1
check "the next run follows it to its end (exit $rc: $(tail -1 "$TMP/out"))" \
  test "$rc" = 0 -a "$(q "SELECT outcome FROM print_job WHERE id=${JOB3:-0}")" = issued
check "printed exactly once ($(kept_job "${JOB3:-0}"))" test "$(kept_job "${JOB3:-0}")" = 1
every_request_once "after two SIGTERMs"

test_done
