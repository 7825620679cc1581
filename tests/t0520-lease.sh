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
# The issue's reproduction (12 requests) four times, then shorter trials.
for kind in plain:12 plain:12 intent:12 plain:12 submitted:4 stalled:4 plain:4 intent:4 submitted:4 stalled:4 \
            plain:4 intent:4 submitted:4 stalled:4 plain:4 plain:4 intent:4 submitted:4 stalled:4 plain:4; do
  trial "${kind%:*}" "${kind#*:}"
done
check "20 trials: every request on paper exactly once ($bad trials bad, $(( $(date +%s) - t_start )) s)" test "$bad" = 0

test_done
