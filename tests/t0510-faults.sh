#!/bin/bash
# Faults, one after another, each ending with verify passing and no request
# printed twice:
#   kill -9 of printctl import, printctl run and inventory destroy execute at
#   random moments (import and destruction all-or-nothing); the disk full
#   (a tmpfs of a few MB); the ledger made read-only while an unprivileged
#   registered account writes; cupsd stopped and restarted during a run; a
#   printer that disappears (its queue deleted; its ippeveprinter killed for
#   good; its queue deleted while the controller was down with a card sent);
#   a clock that jumps backwards (faketime).
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"

print_setup card1 card2 || exit 1

new_ledger || { fail "set up a ledger"; test_done; exit 1; }
inv user add au2 --role auditor >/dev/null
# Dual control needs two real accounts (issue 12): the second auditor is the account nobody.
second_person auditor,warehouse || fail "letting nobody approve"
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0009999 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001999 >/dev/null
pc printer add P1 --queue card1 --location RC1 >/dev/null
pc printer add P2 --queue card2 --location RC1 >/dev/null
pc printer load P1 --serials KTP0001000-KTP0001099 >/dev/null
pc printer load P2 --serials KTP0001100-KTP0001199 >/dev/null
TOKEN=$(sqlite3 "$BLANKO_DB" "SELECT substr(hash,1,8) FROM event WHERE id=1")

state_of() { sqlite3 "$BLANKO_DB" "SELECT state FROM request WHERE id = $1"; }
count() { sqlite3 "$BLANKO_DB" "$1"; }
bal() { count "SELECT coalesce(sum(balance), 0) FROM account WHERE code = '$1'"; }

# stop_bounded PID SECONDS: wait for PID at most SECONDS, then KILL it and
# its children (PID is often timeout(1), whose printctl would live on and,
# holding its printer's lease, keep the next run off that printer).
stop_bounded() {
  local i=0
  while kill -0 "$1" 2>/dev/null && [ "$i" -lt $(($2 * 10)) ]; do sleep 0.1; i=$((i + 1)); done
  pkill -KILL -P "$1" 2>/dev/null
  kill -KILL "$1" 2>/dev/null
  wait "$1" 2>/dev/null
}

# kept_count REQUEST: how many documents the printers kept for the request.
kept_count() { cat "$CUPS_FIXTURE_DIR"/printers/*/kept.index | cut -f2 | grep -c -- "^blanko-$TOKEN-j[0-9]*-r$1\$"; }
# kept_job JOB: how many documents the printers kept for one print job.
kept_job() { cat "$CUPS_FIXTURE_DIR"/printers/*/kept.index | cut -f2 | grep -c -- "^blanko-$TOKEN-j$1-r[0-9]*\$"; }

# resolve_suspects: once the printers are idle, settle every suspect card by
# what the printer kept (the operator looks at the output tray).
resolve_suspects() {
  local i=0 s id req f how
  while [ "$i" -lt 300 ] && pgrep -f "$CUPS_FIXTURE_DIR/bin/card-print" >/dev/null; do sleep 0.1; i=$((i + 1)); done
  count "SELECT id || ' ' || request_id || ' ' || serial || ' ' || printer FROM print_job WHERE state = 'suspect'" |
  while read -r id req s printer; do
    f=$(cat "$CUPS_FIXTURE_DIR"/printers/*/kept.index | cut -f2 | grep -c -- "^blanko-$TOKEN-j$id-r$req\$")
    how=$([ "$f" -gt 0 ] && echo --printed || echo --unused)
    pc resolve "$s" $how >/dev/null 2>"$TMP/resolve.err" || echo "resolve $s $how: $(cat "$TMP/resolve.err")"
  done >"$TMP/resolve.fail"
  check "every suspect card resolved by what the printer kept $(cat "$TMP/resolve.fail")" test ! -s "$TMP/resolve.fail"
  # A printer paused by a failure is resumed by the operator.
  for printer in ${RESUME:-P1 P2}; do pc printer resume "$printer" >/dev/null 2>&1; done
}

# ledger_sound WHY: verify passes; no request printed twice (in the ledger
# or at the printers); every request in a known state.
ledger_sound() {
  local why=$1 dup twice bad
  expect_ok "$why: inventory verify" inv verify
  dup=$(count "SELECT request_id FROM print_job j WHERE outcome IN ('issued','resolved-printed') GROUP BY request_id
    HAVING count(*) > 1 + (SELECT count(*) FROM event e WHERE e.kind = 'card.spoil' AND e.ref = 'request-' || j.request_id)")
  check "$why: no request printed twice in the ledger ($dup)" test -z "$dup"
  # A request may come out again only after a card of it was spoiled.
  twice=$(cat "$CUPS_FIXTURE_DIR"/printers/*/kept.index | cut -f2 | grep "^blanko-$TOKEN-" | sed 's/.*-r//' | sort | uniq -d |
    while read -r r; do
      n=$(kept_count "$r")
      sp=$(count "SELECT (SELECT count(*) FROM print_job WHERE request_id=$r AND outcome LIKE '%spoiled%') + (SELECT count(*) FROM event WHERE kind='card.spoil' AND ref='request-$r')")
      [ "$n" -gt $((sp + 1)) ] && echo "$r"
    done | tr '\n' ' ')
  check "$why: no request came out of a printer twice without a spoiled card between ($twice)" test -z "$twice"
  bad=$(count "SELECT id || ':' || state FROM request WHERE state NOT IN ('printed','pending','suspect','superseded','cancelled')")
  check "$why: every request printed, pending or suspect ($bad)" test -z "$bad"
}

# --- kill -9 of printctl import: all or nothing ------------------------------------------
"$GEN" -n 300 -s 9811 -o "$TMP/imp0" >/dev/null
t0=$(date +%s%N); pc import "$TMP/imp0/residents.csv" >/dev/null; t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000)); [ "$ms" -ge 5 ] || ms=5
nothing=0 all=0
for k in 1 2 3 4; do
  "$GEN" -n 300 -s $((9811 + k)) -o "$TMP/imp$k" >/dev/null
  before=$(count "SELECT count(*) FROM request")
  "$PRINTCTL" --user pr import "$TMP/imp$k/residents.csv" >/dev/null 2>&1 &	# not pc: kill the program itself
  p=$!
  sleep "$(awk -v r=$RANDOM -v m="$ms" 'BEGIN { printf "%.3f", r / 32768 * m / 1000 }')"
  kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null
  after=$(count "SELECT count(*) FROM request")
  case $((after - before)) in
    0) nothing=$((nothing + 1)) ;;
    300) all=$((all + 1)) ;;
    *) fail "import kill $k: $((after - before)) of 300 requests imported" ;;
  esac
  run inv verify
  [ "$rc" = 0 ] || fail "import kill $k: verify ($(cat "$TMP/out" "$TMP/err"))"
  if [ "$after" = "$before" ]; then
    expect_ok "import kill $k: the same file imports afterwards" pc import "$TMP/imp$k/residents.csv"
  fi
done
pass "4 imports (~$ms ms each) killed at random: $nothing left nothing, $all were complete, none half"
ledger_sound "after the import kills"

# --- kill -9 of printctl run --------------------------------------------------------------
cups_printer_delay card1 0.5
cups_printer_delay card2 0.5
for k in 1 2 3 4; do
  "$PRINTCTL" --user pr run --once --max 4 >/dev/null 2>&1 &
  p=$!
  sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 0.2 + r / 32768 * 2.5 }')"
  kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null
  run inv verify
  [ "$rc" = 0 ] || fail "run kill $k: verify ($(cat "$TMP/out" "$TMP/err"))"
done
pass "4 print runs killed at random"
run timeout -k 5 120 "$PRINTCTL" --user pr run --once --max 2
check "a run afterwards reconciles and goes on ($(tail -1 "$TMP/out"))" grep -q "Run ended" "$TMP/out"
resolve_suspects
ledger_sound "after the run kills"

# --- kill -9 of inventory destroy execute: all or nothing ----------------------------------
executed=0 untouched=0
for k in 1 2 3 4; do
  base=$((3000 + k * 1000))
  list=$(python3 -c "import sys; b=int(sys.argv[1]); print(','.join('KTP%07d' % i for i in range(b, b + 1000, 2)))" "$base")
  inv --user au spoil --serials "$list" --reason "fault test" >/dev/null
  run inv --user au --json destroy prepare --all --method shredding --place Gudang
  id=$(json_get 'j["id"]')
  $NOBODY_INV destroy approve "$id" >/dev/null
  before=$(bal destroyed)
  "$INVENTORY" --user au destroy execute "$id" --witness "Budi Santoso; Camat; 1" --witness "Siti Aminah; Lurah; 2" >/dev/null 2>&1 &
  p=$!
  sleep "0.00$((RANDOM % 10))$((RANDOM % 10))"
  kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null
  st=$(count "SELECT state FROM record WHERE id = $id")
  d=$(($(bal destroyed) - before))
  case "$st:$d" in
    executed:500) executed=$((executed + 1)) ;;
    approved:0)
      untouched=$((untouched + 1))
      expect_ok "destroy kill $k: the record executes afterwards" \
        inv --user au destroy execute "$id" --witness "Budi Santoso; Camat; 1" --witness "Siti Aminah; Lurah; 2"
      check "destroy kill $k: then all 500 are destroyed" test $(($(bal destroyed) - before)) = 500 ;;
    *) fail "destroy kill $k: record $st with $d of 500 cards destroyed" ;;
  esac
  run inv verify
  [ "$rc" = 0 ] || fail "destroy kill $k: verify ($(cat "$TMP/out" "$TMP/err"))"
done
pass "4 destructions of 500 scattered serials killed at random: $executed complete, $untouched untouched, none half"

# --- The disk full ------------------------------------------------------------------------
mkdir "$TMP/full"
# The ledger's size and 2 MB more (tmpfs rounds to pages).
size=$(( $(stat -c %s "$BLANKO_DB") / 1024 + 2048 ))k
if test_have tmpfs && small_disk "$TMP/full" "$size" 0755; then
  sqlite3 "$BLANKO_DB" ".backup '$TMP/full/ledger.db'"
  cp -rp "$BLANKO_DB.keys" "$TMP/full/ledger.db.keys"
  chmod 660 "$TMP/full/ledger.db"
  F="$TMP/full/ledger.db"
  "$GEN" -n 300 -s 9821 -o "$TMP/imp-full" >/dev/null
  dd if=/dev/zero of="$TMP/full/fill" bs=4k 2>/dev/null	# until the disk is full
  req_before=$(count "SELECT count(*) FROM request" )
  run inv --db "$F" --user wh receive --supplier Peruri --ref SJ-FULL --serials KTP0200000-KTP0200999 --to GUDANG
  check "disk full: receive fails with one clear line (exit $rc: $(cat "$TMP/err"))" \
    test "$rc" != 0 -a "$(wc -l <"$TMP/err")" = 1 -a "$(grep -c 'disk is full' "$TMP/err")" = 1
  # Room for small writes but not for 300 photos.
  rm -f "$TMP/full/fill"
  dd if=/dev/zero of="$TMP/full/fill" bs=4k 2>/dev/null
  truncate -s -256K "$TMP/full/fill"
  run pc --db "$F" import "$TMP/imp-full/residents.csv"
  check "disk nearly full: an import fails with one clear line (exit $rc: $(cat "$TMP/err"))" \
    test "$rc" != 0 -a "$(wc -l <"$TMP/err")" = 1 -a "$(grep -c 'disk is full' "$TMP/err")" = 1
  check "disk nearly full: nothing of it was imported" \
    test "$(sqlite3 "$F" "SELECT count(*) FROM request")" = "$req_before"
  run inv --db "$F" verify
  check "disk still full: verify reads the ledger ($(cat "$TMP/out" "$TMP/err"))" test "$rc" = 0
  rm -f "$TMP/full/fill"
  expect_ok "space back: verify passes" inv --db "$F" verify
  expect_ok "space back: the receive succeeds" inv --db "$F" --user wh receive --supplier Peruri --ref SJ-FULL --serials KTP0200000-KTP0200999 --to GUDANG
  expect_ok "space back: the import succeeds" pc --db "$F" import "$TMP/imp-full/residents.csv"
  expect_ok "space back: verify passes after the writes" inv --db "$F" verify
  umount "$TMP/full"
fi

# --- The ledger made read-only under a writer that is not root ---------------------------------
if test_have nobody; then
  mkdir "$TMP/ro"
  R="$TMP/ro/ledger.db"
  sqlite3 "$BLANKO_DB" ".backup '$R'"
  # The copy's checkpoints are checked with its keys: they go with it.
  [ ! -d "$BLANKO_DB.keys" ] || cp -a "$BLANKO_DB.keys" "$R.keys"
  chown -R nobody "$TMP/ro"; chmod 660 "$R"
  as_nobody() { runuser -u nobody -- env BLANKO_DB="$R" BLANKO_CONF="$BLANKO_CONF" "$INVENTORY" "$@"; }
  # 30 receives of one serial each; the file is made read-only after the
  # 10th has started, and writable again after the 20th.
  : >"$TMP/ro.log"
  for k in $(seq 1 30); do
    as_nobody receive --supplier Peruri --ref "SJ-RO$k" --serials "$(printf 'KTP03%05d' "$k")" --to GUDANG \
      >/dev/null 2>"$TMP/ro.err" &
    p=$!
    [ "$k" = 10 ] && chmod 444 "$R"
    [ "$k" = 20 ] && chmod 660 "$R"
    wait "$p"; echo "$k $? $(wc -l <"$TMP/ro.err") $(head -1 "$TMP/ro.err")" >>"$TMP/ro.log"
  done
  ok=$(awk '$2 == 0' "$TMP/ro.log" | wc -l)
  refused=$(awk '$2 == 1 && $3 == 1 && /read-only|cannot be written/' "$TMP/ro.log" | wc -l)
  other=$(awk '!($2 == 0 && $3 == 0) && !($2 == 1 && $3 == 1 && /read-only|cannot be written/)' "$TMP/ro.log")
  check "read-only mid-run: $ok written, $refused refused with one line ($(awk '$2 == 1 { $1 = $2 = $3 = ""; print; exit }' "$TMP/ro.log"))" \
    test "$refused" -ge 9 -a "$ok" -ge 10
  check "read-only mid-run: no other failure ($other)" test -z "$other"
  run as_nobody verify
  check "read-only mid-run: verify passes ($(cat "$TMP/out" "$TMP/err"))" test "$rc" = 0
  check "read-only mid-run: every acknowledged receive is in the ledger" \
    test "$(sqlite3 "$R" "SELECT count(*) FROM event WHERE kind LIKE 'receive%' AND ref LIKE 'SJ-RO%'")" = "$ok"
fi

# --- cupsd stopped and started again during a run -------------------------------------------
cups_printer_delay card1 1
cups_printer_delay card2 1
run_before=$(count "SELECT count(*) FROM request WHERE state = 'printed'")
timeout -k 5 180 "$PRINTCTL" --user pr run --once --max 6 >"$TMP/cupsdown.log" 2>&1 &
p=$!
wait_for "a card is printing" status_has "processing"
cups_cupsd_stop
sleep 3		# CUPS is down for a while (this is the fault, not a wait)
check "cupsd is down" sh -c "! lpstat -r 2>/dev/null | grep -q 'is running'"
cups_restart
stop_bounded "$p" 180
check "the run ended after cupsd came back ($(tail -1 "$TMP/cupsdown.log"))" grep -q "Run ended" "$TMP/cupsdown.log"
resolve_suspects
ledger_sound "cupsd stopped and restarted"
check "cards were printed around the outage" test "$(count "SELECT count(*) FROM request WHERE state = 'printed'")" -gt "$run_before"

# --- A printer whose ippeveprinter is killed for good ---------------------------------------
cups_printer_delay card1 0
# The printer is gone before the card reaches it: the job waits in cupsd.
cups_printer_offline card1
timeout -k 5 120 "$PRINTCTL" --user pr run --once --printer P1 --max 1 >"$TMP/gone.log" 2>&1 &
p=$!
wait_for "status shows P1 waiting for a printer that is gone" status_has "P1.*offline"
gone_job=$(count "SELECT id FROM print_job WHERE printer = 'P1' ORDER BY id DESC LIMIT 1")
gone_req=$(count "SELECT request_id FROM print_job WHERE id = $gone_job")
check "the card waits (submitted, not printed)" test "$(count "SELECT state FROM print_job WHERE id = $gone_job")" = submitted
kill -TERM "$p" 2>/dev/null
stop_bounded "$p" 5
# The operator gives up on the printer: the cupsd job is cancelled.
cancel -a card1 2>/dev/null
pc printer pause P1 --reason "printer gone" >/dev/null
run timeout -k 5 60 "$PRINTCTL" --user pr run --once --printer P1 --max 1
check "a later run reconciles the lost card ($(tail -1 "$TMP/out"))" grep -q "Run ended" "$TMP/out"
st=$(count "SELECT state || '/' || coalesce(outcome, '') FROM print_job WHERE id = $gone_job")
case $st in
  suspect/*|done/spoiled*) pass "the card on the vanished printer is $st, never issued" ;;
  *) fail "the card on the vanished printer is $st" ;;
esac
check "its card did not come out ($gone_req: $(state_of "$gone_req"), kept $(kept_job "$gone_job"))" test "$(state_of "$gone_req")" != printed -a "$(kept_job "$gone_job")" = 0
RESUME=P2		# P1 stays paused: its printer is gone
resolve_suspects
ledger_sound "printer killed for good"

# --- A queue deleted (lpadmin -x) while its card prints ---------------------------------------
cups_printer_delay card2 2
timeout -k 5 120 "$PRINTCTL" --user pr run --once --printer P2 --max 1 >"$TMP/deleted.log" 2>&1 &
p=$!
wait_for "P2's card is printing" status_has "P2.*processing"
del_job=$(count "SELECT id FROM print_job WHERE printer = 'P2' ORDER BY id DESC LIMIT 1")
del_req=$(count "SELECT request_id FROM print_job WHERE id = $del_job")
lpadmin -x card2
stop_bounded "$p" 120
check "the run ended after the queue was deleted ($(tail -1 "$TMP/deleted.log"))" grep -q "Run ended" "$TMP/deleted.log"
st=$(count "SELECT state || '/' || coalesce(outcome, '') FROM print_job WHERE id = $del_job")
case $st in
  suspect/*|done/spoiled*|done/issued) pass "the card on the deleted queue is $st" ;;
  *) fail "the card on the deleted queue is $st" ;;
esac
run timeout -k 5 60 "$PRINTCTL" --user pr run --once --printer P2 --max 1
check "a run on the deleted queue prints nothing and ends ($rc: $(tail -1 "$TMP/out") $(head -1 "$TMP/err"))" \
  sh -c "! grep -q 'Run ended: [1-9]' '$TMP/out'"
resolve_suspects
check "the card on the deleted queue came out at most once ($(kept_job "$del_job"))" test "$(kept_job "$del_job")" -le 1
ledger_sound "queue deleted"

# --- A queue deleted (lpadmin -x) while the controller is down, a card sent on it ---------
# The next run cannot open the queue to follow the card: it follows the job by
# its CUPS id alone, settles it by what cupsd says (a printing job of a deleted
# queue ends canceled by a user while the printer may still finish the card,
# and a job cupsd forgot: suspect; aborted: spoiled; issued only if cupsd says
# completed) and ends, the printer paused naming the queue.
cups_add_printer card3 || fail "add the simulated printer card3"
cups_printer_delay card3 5
pc printer add P3 --queue card3 --location RC1 >/dev/null
pc printer load P3 --serials KTP0001200-KTP0001219 >/dev/null
"$PRINTCTL" --user pr run --once --printer P3 --max 1 >"$TMP/gonestart.log" 2>&1 &	# not pc: kill the program itself
p=$!
wait_for "P3's card is printing" status_has "P3.*processing"
kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null
gq_job=$(count "SELECT id FROM print_job WHERE printer = 'P3' ORDER BY id DESC LIMIT 1")
gq_req=$(count "SELECT request_id FROM print_job WHERE id = $gq_job")
check "the killed run left its card in flight (job $gq_job: $(count "SELECT state || ' CUPS ' || cups_job_id FROM print_job WHERE id = $gq_job"))" \
  test "$(count "SELECT state FROM print_job WHERE id = $gq_job AND cups_job_id > 0")" = submitted
lpadmin -x card3
run timeout -k 5 60 "$PRINTCTL" --user pr run --once --printer P3 --max 1
check "a run with the queue gone ends by itself (exit $rc: $(tail -1 "$TMP/out") $(head -1 "$TMP/err"))" \
  sh -c "[ $rc != 124 ] && [ $rc != 137 ] && grep -q 'Run ended' '$TMP/out'"
st=$(count "SELECT state || '/' || outcome || '/' || reason FROM print_job WHERE id = $gq_job")
case $st in
  suspect/*|done/spoiled/*) pass "the card sent on the gone queue is settled: $st" ;;
  *) fail "the card sent on the gone queue is $st (never issued: cupsd did not say completed)" ;;
esac
check "its request is not printed ($gq_req: $(state_of "$gq_req"))" test "$(state_of "$gq_req")" != printed
# cupsd cancels the printing job of a deleted queue, but the printer may
# finish the card: one that came out must not be recorded spoiled.
# (Wait for the print command itself: ippeveprinter's own command line names it too.)
i=0
while [ "$i" -lt 150 ] && pgrep -f "sh $CUPS_FIXTURE_DIR/bin/card-print" >/dev/null; do sleep 0.1; i=$((i + 1)); done
check "a card that came out at the printer is not recorded spoiled ($st, kept $(kept_job "$gq_job"))" \
  sh -c "[ $(kept_job "$gq_job") = 0 ] || [ '${st%%/*}' = suspect ]"
pst=$(count "SELECT state || ': ' || reason FROM printer WHERE name = 'P3'")
check "P3 is paused with the reason naming the queue ($pst)" sh -c "echo '$pst' | grep -q '^paused: queue card3 is gone'"
check "the run's log names the gone queue" grep -q "queue card3 is gone" "$TMP/out"
run timeout -k 5 60 "$PRINTCTL" --user pr run --once --printer P3 --max 1
check "a run after it starts no card on P3 and ends (exit $rc: $(tail -1 "$TMP/out"))" \
  sh -c "[ $rc != 124 ] && [ $rc != 137 ] && grep -q 'Run ended: 0 printed' '$TMP/out'"
RESUME=P2
resolve_suspects
check "the card on the gone queue came out at most once ($(kept_job "$gq_job"))" test "$(kept_job "$gq_job")" -le 1
ledger_sound "queue deleted while the controller was down"

# --- A clock that jumps backwards -----------------------------------------------------------
last=$(count "SELECT max(id) FROM event")
expect_ok "a receive a year in the past" faketime '2025-11-01 08:00:00' "$INVENTORY" --user wh receive \
  --supplier Peruri --ref SJ-PAST --serials KTP0400000-KTP0400099 --to GUDANG
expect_ok "a transfer in the past" faketime '2025-11-01 08:01:00' "$INVENTORY" --user wh transfer \
  --from GUDANG --to RC1 --serials KTP0400000-KTP0400049
"$GEN" -n 3 -s 9831 -o "$TMP/past" >/dev/null
expect_ok "an import in the past" faketime '2025-11-01 08:02:00' "$PRINTCTL" --user pr import "$TMP/past/residents.csv"
expect_ok "a transfer now" inv --user wh transfer --from GUDANG --to RC1 --serials KTP0400050-KTP0400059
expect_ok "a transfer back in the past again" faketime '2025-10-01 08:00:00' "$INVENTORY" --user wh transfer \
  --from GUDANG --to RC1 --serials KTP0400060-KTP0400069
ids=$(count "SELECT group_concat(id, ' ') FROM event WHERE id > $last")
times=$(count "SELECT group_concat(substr(at, 1, 10), ' ') FROM event WHERE id > $last" 2>/dev/null ||
  count "SELECT group_concat(substr(time, 1, 10), ' ') FROM event WHERE id > $last")
check "the events are numbered in order of writing ($ids; dates $times)" \
  test "$ids" = "$(seq $((last + 1)) $(count "SELECT max(id) FROM event") | tr '\n' ' ' | sed 's/ $//')"
run inv --json log --limit 5
check "the log lists them by id, newest first" \
  test "$(json_get "' '.join(str(e['event']) for e in j)")" = \
  "$(count "SELECT group_concat(id, ' ') FROM (SELECT id FROM event ORDER BY id DESC LIMIT 5)")"
ledger_sound "clock backwards"

test_done
