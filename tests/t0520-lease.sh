#!/bin/bash
# One controller per printer (issue 10, section 2): several `printctl run`
# started together on one printer, with and without a holder killed (-9,
# its job in intent or submitted) or stalled (SIGSTOP past the lease's
# expiry, then SIGCONT).  After every trial each request is on paper exactly
# once (documents the simulated printer kept == requests, job names
# distinct), no blank is spoiled, and inventory verify passes.  The lease
# expires after 3 s here ([printer] lease_expiry), so stalls stay short.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"

print_setup card1 || exit 1
cat >>"$BLANKO_CONF" <<'CONF'
[database]
busy_timeout = 2000
[printer]
lease_expiry = 3
CONF
EXPIRY=3

count() { sqlite3 "$BLANKO_DB" "$1"; }
kept() { wc -l <"$CUPS_FIXTURE_DIR/printers/card1/kept.index" 2>/dev/null || echo 0; }

new_ledger
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001999 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001999 >/dev/null
expect_ok "printer add P1" pc printer add P1 --queue card1 --location RC1

# until_state STATE: poll (bounded, 20 s) until a job of P1 is in STATE.
until_state() {
  local i=0
  until [ "$(count "SELECT count(*) FROM print_job WHERE state = '$1'")" -gt 0 ]; do
    i=$((i + 1)); [ "$i" -ge 400 ] && return 1
    sleep 0.05
  done
}

# start_runs N TAG: N controllers on P1 started together (within a few ms).
start_runs() {
  local i
  pids=""
  for i in $(seq 1 "$1"); do
    timeout -k 5 90 "$PRINTCTL" --user pr run --once --printer P1 >"$TMP/$2.$i.out" 2>"$TMP/$2.$i.err" &
    pids="$pids $!"
  done
}

# wait_runs: wait for the controllers started; rcs gets their exit codes.
wait_runs() {
  local p r
  rcs=""
  for p in $pids; do wait "$p"; r=$?; rcs="$rcs $r"; done
}

trial=0 bad=0 dup_total=0 spoiled_total=0
# trial KIND N: one trial (plain, intent, submitted, stalled), N requests, 20 blanks.
trial() {
  local kind=$1 n=$2 base d0 p0 a k why=""
  trial=$((trial + 1))
  "$GEN" -n "$n" -s $((700 + trial)) -o "$TMP/res$trial" >/dev/null
  pc import "$TMP/res$trial/residents.csv" >/dev/null || { fail "trial $trial: import"; bad=$((bad + 1)); return; }
  [ "$(count "SELECT balance FROM account WHERE code = 'hopper.P1'")" -gt 0 ] && pc printer unload P1 >/dev/null
  base=$((1000 + trial * 20))
  pc printer load P1 --serials "KTP000${base}-KTP000$((base + 19))" >/dev/null || { fail "trial $trial: load"; bad=$((bad + 1)); return; }
  d0=$(kept); p0=$(count "SELECT count(*) FROM request WHERE state = 'printed'")
  case $kind in
    plain)
      start_runs $((3 + trial % 2)) "t$trial" ;;
    intent)		# cupsd away: the job stays in intent
      cups_cupsd_stop
      "$PRINTCTL" --user pr run --once --printer P1 >"$TMP/t$trial.a.out" 2>&1 &
      a=$!
      until_state intent || why="$why no intent;"
      kill -KILL "$a"; wait "$a" 2>/dev/null
      cups_restart
      start_runs 2 "t$trial" ;;
    submitted)		# a slow card: the job is submitted and printing
      cups_printer_delay card1 1
      "$PRINTCTL" --user pr run --once --printer P1 >"$TMP/t$trial.a.out" 2>&1 &
      a=$!
      until_state submitted || why="$why no submitted;"
      kill -KILL "$a"; wait "$a" 2>/dev/null
      cups_printer_delay card1 0
      start_runs 3 "t$trial" ;;
    stalled)		# the holder stops past the expiry; the others take over
      cups_printer_delay card1 1
      "$PRINTCTL" --user pr run --once --printer P1 >"$TMP/t$trial.a.out" 2>"$TMP/t$trial.a.err" &
      a=$!
      until_state submitted || why="$why no submitted;"
      kill -STOP "$a"
      cups_printer_delay card1 0
      sleep $((EXPIRY + 1))
      start_runs 2 "t$trial"
      sleep 1.5
      kill -CONT "$a"
      wait "$a"; k=$?
      grep -q "driven by another controller" "$TMP/t$trial.a.err" || why="$why the stalled holder did not say it lost P1 (exit $k: $(head -c 300 "$TMP/t$trial.a.err"));" ;;
  esac
  wait_runs
  local docs=$(( $(kept) - d0 )) printed=$(( $(count "SELECT count(*) FROM request WHERE state = 'printed'") - p0 ))
  local pending dups spoiled
  pending=$(count "SELECT count(*) FROM request WHERE state NOT IN ('printed','superseded','cancelled')")
  dups=$(cut -f2 "$CUPS_FIXTURE_DIR/printers/card1/kept.index" | sed 's/-j[0-9]*-/-/' | sort | uniq -d | wc -l)
  spoiled=$(count "SELECT coalesce(sum(balance), 0) FROM account WHERE code = 'spoiled'")
  [ "$docs" = "$n" ] || why="$why $docs documents for $n requests;"
  [ "$printed" = "$n" ] || why="$why $printed printed;"
  [ "$pending" = 0 ] || why="$why $pending not printed;"
  [ "$dups" = 0 ] || why="$why $dups requests on paper twice;"
  [ "$spoiled" = 0 ] || why="$why $spoiled spoiled;"
  inv verify >/dev/null 2>&1 || why="$why verify failed;"
  if [ -n "$why" ]; then
    fail "trial $trial ($kind, exits$rcs):$why"
    bad=$((bad + 1))
    # Put the ledger right for the next trial.
    pc printer resume P1 >/dev/null 2>&1
  else
    pass "trial $trial ($kind, exits$rcs): $n requests, $n documents, none twice, none spoiled, verify OK"
  fi
}

# --- Several controllers together, with and without a killed or stalled holder ------------
t_start=$(date +%s)
# The issue's reproduction (12 requests) twice, then shorter trials (a card
# takes the simulated printer about 1.5 s).
for kind in plain:12 intent:12 submitted:2 stalled:2 plain:2 intent:2 submitted:2 stalled:2 plain:2 intent:2 \
            submitted:2 stalled:2 plain:2 plain:2 intent:2 submitted:2 stalled:2 plain:2 plain:2 intent:2; do
  trial "${kind%:*}" "${kind#*:}"
done
check "20 trials: every request on paper exactly once ($bad trials bad, $(( $(date +%s) - t_start )) s)" test "$bad" = 0

# --- A second run on a busy printer: one line, exit 1; the first keeps it ------------------
"$GEN" -n 2 -s 901 -o "$TMP/busy" >/dev/null
pc import "$TMP/busy/residents.csv" >/dev/null
cups_printer_delay card1 2
"$PRINTCTL" --user pr run --once --printer P1 >"$TMP/busy.out" 2>&1 &
a=$!
until_state submitted
run pc run --once --printer P1
check "a second run on a driven printer exits 1 with one line naming the holder ($rc: $(cat "$TMP/err"))" \
  test "$rc" = 1 -a "$(wc -l <"$TMP/err")" = 1 -a "$(grep -c "printer P1 is driven by another controller (pid $a on " "$TMP/err")" = 1
wait "$a"; k=$?
cups_printer_delay card1 0
check "the holder printed both cards and exited 0 ($k: $(tail -1 "$TMP/busy.out"))" test "$k" = 0 -a "$(grep -c "Run ended: 2 printed" "$TMP/busy.out")" = 1
check "a clean exit gives the lease back" test "$(count "SELECT count(*) FROM printer_lease")" = 0
expect_ok "verify after the leases" inv verify

# --- Exit status of run (5.21): 3 when a card or a printer needs a person ------------------
"$GEN" -n 3 -s 902 -o "$TMP/need" >/dev/null
pc import "$TMP/need/residents.csv" >/dev/null
pc printer unload P1 >/dev/null
run pc run --once --printer P1
check "run with requests and an empty hopper exits 3: hopper empty: load blanks ($rc: $(cat "$TMP/err"))" \
  test "$rc" = 3 -a "$(wc -l <"$TMP/err")" = 1 -a "$(grep -c "hopper empty: load blanks (3 requests wait)" "$TMP/err")" = 1
pc printer load P1 --serials KTP0001900-KTP0001909 >/dev/null
cups_printer_fail_next card1 jam
run pc run --once --printer P1
check "a run that spoils a card (or leaves it suspect) exits 3 ($rc: $(cat "$TMP/err"))" \
  test "$rc" = 3 -a "$(wc -l <"$TMP/err")" = 1 -a "$(grep -c "cards need a person: " "$TMP/err")" = 1
s=$(count "SELECT serial FROM print_job WHERE state = 'suspect'")
[ -n "$s" ] && pc resolve "$s" --spoiled >/dev/null
run pc run --once --printer P1
check "a run on a paused printer with requests waiting exits 3 ($rc: $(cat "$TMP/err"))" \
  test "$rc" = 3 -a "$(wc -l <"$TMP/err")" = 1 -a "$(grep -c "printer P1 is paused (" "$TMP/err")" = 1
pc printer resume P1 >/dev/null
run pc run --once --printer P1
check "a run that prints every request exits 0 ($rc: $(tail -1 "$TMP/out"))" test "$rc" = 0 -a ! -s "$TMP/err"
run pc run --once --printer P1 --max 1
check "nothing pending: exit 0" test "$rc" = 0

# --- printer add checks the CUPS queue (5.20) ----------------------------------------------
before=$(db_sum)
expect_refused "printer add refuses a queue CUPS does not have" 1 "CUPS has no queue nosuch" \
  pc printer add PX --queue nosuch --location RC1
check "the refused add left the ledger as it was" test "$(db_sum)" = "$before"
if lpadmin -p plainq -E -v "ipp://127.0.0.1:$CUPS_FIXTURE_PORT/printers/card1" -m raw 2>/dev/null; then
  expect_refused "printer add refuses a queue that takes no ID-1 card" 1 "cannot take ID-1 cards" \
    pc printer add PR --queue plainq --location RC1
  lpadmin -x plainq
fi
expect_ok "--force adds a printer not installed yet" pc printer add PX --queue nosuch --location RC1 --force
run pc printer list
check "printer list says no such queue for it, not unreachable" \
  sh -c "grep '^PX ' '$TMP/out' | grep -q 'CUPS no such queue' && ! grep '^PX ' '$TMP/out' | grep -q unreachable"
check "and shows the real queue as before" grep -q "^P1 .*CUPS idle" "$TMP/out"

test_done
