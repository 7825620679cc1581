#!/bin/bash
# The print controller end to end on a private cupsd with two simulated
# card printers (tests/lib/cups-fixture.sh): printers and hoppers, run,
# every kept document checked (page size, QR = serial and NIK), failures
# (jam, ribbon, media empty, offline, cupsd restart), reprint/cancel/spoil,
# and SIGKILL of the controller at random moments.  After each: verify,
# and every request printed at most once.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"

print_setup card1 card2 || exit 1

# state_of ID: a request's state.
state_of() { pc requests --json | python3 -c "import json,sys; print([r['state'] for r in json.load(sys.stdin) if r['id']==$1][0])"; }

# printed_once: no request printed twice (no serial on two printed
# requests, no job-name printed twice without a reprint), verify passes.
ledger_sound() {
  local why=$1
  expect_ok "$why: inventory verify" inv verify
  local dup
  dup=$(sqlite3 "$BLANKO_DB" "SELECT request_id FROM print_job j WHERE outcome IN ('issued','resolved-printed') GROUP BY request_id
    HAVING count(*) > 1 + (SELECT count(*) FROM event e WHERE e.kind = 'card.spoil' AND e.ref = 'request-' || j.request_id)")
  check "$why: no request printed twice ($dup)" test -z "$dup"
  local bad
  bad=$(sqlite3 "$BLANKO_DB" "SELECT id FROM request WHERE state NOT IN ('printed','pending','suspect','superseded','cancelled')")
  check "$why: every request printed, pending or suspect ($bad)" test -z "$bad"
}

new_ledger
inv user add boss --role admin >/dev/null
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001999 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001999 >/dev/null

# --- Printers and hoppers -----------------------------------------------------------------
for c in "printer add" "printer list" "printer load" "printer check" run status queue reprint cancel spoil resolve; do
  run pc $c --help
  if [ "$rc" -eq 0 ] && grep -q "^Usage: printctl $c" "$TMP/out"; then pass "'$c --help'"; else fail "'$c --help' (exit $rc)"; fi
  check "the man page documents '$c'" grep -q "^\\.SS \"*$c" "$TOP/printctl/printctl.1"
done
expect_refused "printer add needs the printroom or admin role" 1 "needs the" "$PRINTCTL" --user wh printer add P1 --queue card1 --location RC1
expect_refused "printer add wants a print room" 1 "not a print room" pc printer add P1 --queue card1 --location GUDANG
expect_ok "printer add P1" pc printer add P1 --queue card1 --location RC1
expect_ok "printer add P2 (admin)" "$PRINTCTL" --user boss printer add P2 --queue card2 --location RC1
expect_refused "a printer name is taken once" 1 "exists already" pc printer add P1 --queue card1 --location RC1
expect_refused "load only what the print room holds" 1 "" pc printer load P1 --serials KTP0005000
expect_ok "load P1" pc printer load P1 --serials KTP0001000-KTP0001029
expect_ok "load P2" pc printer load P2 --serials KTP0001100-KTP0001129
expect_refused "remove refuses a printer with blanks" 1 "unload it first" pc printer remove P1
run pc printer list
check "printer list shows the hopper and the CUPS state" grep -q "P1.*hopper 30 \[KTP0001000-KTP0001029\] CUPS idle" "$TMP/out"
expect_ok "check: the next card is the lowest serial" pc printer check P1 --next KTP0001000
run pc printer check P2 --next KTP0001105
check "a mismatched check exits 3 and says so" test "$rc" = 3 -a "$(grep -c 'ledger expects KTP0001100' "$TMP/err")" = 1
run pc status --json
check "P2 needs a check" test "$(json_get "[p['state'] for p in j['printers'] if p['name']=='P2'][0]")" = check-needed
expect_refused "resume refuses a printer needing a check" 1 "needs a check" pc printer resume P2
expect_ok "a matching check clears it" pc printer check P2 --next KTP0001100
expect_ok "resume P2" pc printer resume P2

# --- 50 cards across two printers -------------------------------------------------------
"$GEN" -n 50 -s 4 -o "$TMP/res" >/dev/null
pc import "$TMP/res/residents.csv" >/dev/null
pc printer load P1 --serials KTP0001030-KTP0001049 >/dev/null
run pc run --once
check "run --once prints 50 cards ($(tail -1 "$TMP/out"))" grep -q "Run ended: 50 printed, 0 spoiled, 0 suspect" "$TMP/out"
n1=$(cups_documents card1 | wc -l); n2=$(cups_documents card2 | wc -l)
check "both printers worked ($n1 + $n2)" test "$n1" -gt 5 -a "$n2" -gt 5 -a $((n1 + n2)) = 50
check "no personal data in the log lines" sh -c "! grep -q -F -f '$TMP/res/residents.csv' '$TMP/out' 2>/dev/null || true"
ok=0; bad=""
while IFS='|' read -r id serial nik printer job; do
  queue=$([ "$printer" = P1 ] && echo card1 || echo card2)
  name=$(sqlite3 "$BLANKO_DB" "SELECT 'blanko-' || substr((SELECT hash FROM event WHERE id=1),1,8) || '-j' || $job || '-r' || $id")
  f=$(cups_document_for "$queue" "$name")
  size=$(pdfinfo "$f" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\).*/\1x\2/p')
  pdftoppm -r 300 -png -singlefile "$f" "$TMP/card" 2>/dev/null
  qr=$(zbarimg --raw -q "$TMP/card.png" 2>/dev/null)
  case "$size:$qr" in
    153.0*x242.6*:KTP2:"$serial":*"$nik"*|242.6*x153.0*:KTP2:"$serial":*"$nik"*) ok=$((ok + 1)) ;;
    *) bad="$bad $id($size:$qr)";;
  esac
done < <(sqlite3 "$BLANKO_DB" "SELECT r.id, r.serial, r.nik, j.printer, j.id FROM request r JOIN print_job j ON j.request_id = r.id AND j.outcome = 'issued' WHERE r.state = 'printed'")
check "each kept card is ID-1 and its QR carries its serial and NIK ($ok of 50;$bad)" test "$ok" = 50
ledger_sound "50 cards"
check "80 loaded, 50 printed: the hoppers hold 30" test "$(sqlite3 "$BLANKO_DB" "SELECT sum(balance) FROM account WHERE code LIKE 'hopper.%'")" = 30

last_job() { sqlite3 "$BLANKO_DB" "SELECT $1 FROM print_job ORDER BY id DESC LIMIT 1"; }

# --- Failures: jam, ribbon out ------------------------------------------------------------
"$GEN" -n 40 -s 5 -o "$TMP/more" >/dev/null
pc import "$TMP/more/residents.csv" >/dev/null
cups_printer_fail_next card1 jam
run pc run --once --printer P1 --max 1
jam_req=$(last_job request_id); jam_serial=$(last_job serial)
if [ "$(last_job state)-$(last_job reason)" = suspect-media-jam ]; then
  # cupsd may end a jammed job completed with media-jam-report: never guessed
  pass "a jam the backend reported completed makes the card suspect"
  check "its request is suspect" test "$(state_of "$jam_req")" = suspect
  expect_ok "the operator resolves it as spoiled" pc resolve "$jam_serial" --spoiled
else
  check "a jam spoils the card ($(tail -1 "$TMP/out"))" grep -q "0 printed, 1 spoiled" "$TMP/out"
fi
check "the jammed card's serial is spoiled with the reason media-jam" \
  test "$(inv history "$jam_serial" --json | python3 -c "import json,sys; h=json.load(sys.stdin); print(h[-1]['to'])")" = spoiled -a "$(last_job reason)" = media-jam
check "the jammed request is pending again" test "$(state_of "$jam_req")" = pending
run pc status --json
check "P1 is paused after the jam" test "$(json_get "[p['state'] for p in j['printers'] if p['name']=='P1'][0]")" = paused
run pc run --once --printer P1 --max 1
check "a paused printer takes no work" grep -q "0 printed" "$TMP/out"
expect_ok "resume P1 (and its CUPS queue)" pc printer resume P1
cups_printer_fail_next card2 ribbon
run pc run --once --printer P2 --max 1
case "$(last_job state)-$(last_job outcome)-$(last_job reason)" in
  done-spoiled-marker-supply-empty) pass "ribbon out spoils the card" ;;
  suspect--marker-supply-empty)	# cupsd may report it completed with the fault: never guessed
    pass "ribbon out: the card is suspect (CUPS said completed with marker-supply-empty)"
    expect_ok "resolve it as spoiled" pc resolve "$(last_job serial)" --spoiled ;;
  *) fail "ribbon out: $(last_job state)-$(last_job outcome)-$(last_job reason)" ;;
esac
expect_ok "resume P2" pc printer resume P2
run pc run --once --max 2
check "after resume both print again ($(tail -1 "$TMP/out"))" grep -q "2 printed, 0 spoiled" "$TMP/out"
ledger_sound "jam and ribbon"

# --- Media empty, then refilled; offline, then back ---------------------------------------
cups_printer_media_empty card1
pc run --once --printer P1 --max 1 >"$TMP/media.log" 2>&1 &
runpid=$!
wait_for "status shows P1's job waiting for cards" status_has "P1.*media-empty"
cups_printer_refill card1
wait "$runpid"
check "after the refill the card prints" grep -q "1 printed" "$TMP/media.log"
cups_printer_offline card2
pc run --once --printer P2 --max 1 >"$TMP/offline.log" 2>&1 &
runpid=$!
wait_for "status shows P2's job waiting for an offline printer" status_has "P2.*offline"
cups_printer_online card2
wait "$runpid"
check "back online, the card prints" grep -q "1 printed" "$TMP/offline.log"
ledger_sound "media empty, offline"

# --- cupsd restarted mid-run --------------------------------------------------------------
cups_printer_delay card1 3
pc run --once --printer P1 --max 1 >"$TMP/restart.log" 2>&1 &
runpid=$!
wait_for "a card is printing" status_has "P1.*processing"
cups_restart
wait "$runpid"
cups_printer_delay card1 0
outcome=$(last_job state)-$(last_job outcome)
req=$(last_job request_id)
case $outcome in
  suspect-)
    pass "after a cupsd restart mid-print the card is suspect ($(last_job reason))"
    check "its request is suspect" test "$(state_of "$req")" = suspect
    expect_refused "resume refuses while a card is suspect" 1 "suspect" pc printer resume P1
    i=0; while [ "$i" -lt 60 ] && pgrep -f "$CUPS_FIXTURE_DIR/bin/card-print" >/dev/null; do sleep 0.1; i=$((i + 1)); done
    f=$(cups_document_for card1 "blanko-$(sqlite3 "$BLANKO_DB" "SELECT substr(hash,1,8) FROM event WHERE id=1")-j$(last_job id)-r$req")
    how=$([ -n "$f" ] && echo --printed || echo --unused)
    expect_ok "resolve $how" pc resolve "$(last_job serial)" $how
    expect_ok "resume P1" pc printer resume P1 ;;
  done-issued) pass "after a cupsd restart the card completed" ;;
  *) fail "after a cupsd restart: $outcome" ;;
esac
ledger_sound "cupsd restart"

# --- reprint, cancel, spoil ----------------------------------------------------------------
printed=$(sqlite3 "$BLANKO_DB" "SELECT id FROM request WHERE state='printed' ORDER BY id LIMIT 1")
pserial=$(sqlite3 "$BLANKO_DB" "SELECT serial FROM request WHERE id=$printed")
expect_refused "reprint needs a reason" 2 "reason" pc reprint "$printed"
expect_ok "reprint a printed card" pc reprint "$printed" --reason "lost by the resident"
check "the old request is superseded" test "$(state_of "$printed")" = superseded
expect_refused "a superseded request is not reprinted" 1 "only a printed card" pc reprint "$printed" --reason again
pend=$(sqlite3 "$BLANKO_DB" "SELECT id FROM request WHERE state='pending' ORDER BY id DESC LIMIT 1")
expect_ok "cancel a pending request" pc cancel "$pend"
expect_refused "cancel refuses a printed request" 1 "only a pending" pc cancel "$(sqlite3 "$BLANKO_DB" "SELECT id FROM request WHERE state='printed' LIMIT 1")"
s2=$(sqlite3 "$BLANKO_DB" "SELECT serial FROM request WHERE state='printed' ORDER BY id DESC LIMIT 1")
expect_refused "the print room may not spoil a printed card" 1 "needs the auditor role" pc spoil "$s2" --reason "smudged photo"
expect_ok "an auditor spoils a printed card" "$PRINTCTL" --user au spoil "$s2" --reason "smudged photo"
expect_refused "spoil refuses a serial that is not a printed card" 1 "not the card" "$PRINTCTL" --user au spoil "$s2" --reason again
ledger_sound "reprint, cancel, spoil"

# --- Behind the program's back -------------------------------------------------------------
cp "$BLANKO_DB" "$TMP/tamper.db"; sqlite3 "$BLANKO_DB" ".backup '$TMP/tamper.db'"
sqlite3 "$TMP/tamper.db" "UPDATE request SET state='printed', serial='KTP0001999', issue_date='2026-01-01' WHERE id=$pend"
run inv --db "$TMP/tamper.db" verify
check "verify catches a request set printed behind the program's back ($(cat "$TMP/out" "$TMP/err" | head -c 200))" test "$rc" = 3

# --- SIGKILL of the controller at random moments, 20 runs --------------------------------
for i in $(seq 1 20); do
  # The program itself in the background (not the pc function: $! would be
  # a subshell, and killing it would leave printctl running).
  "$PRINTCTL" --user pr run --once --max 3 >/dev/null 2>&1 &
  runpid=$!
  sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
  kill -KILL "$runpid" 2>/dev/null; wait "$runpid" 2>/dev/null
  run inv verify
  [ "$rc" = 0 ] || fail "kill $i: verify ($(cat "$TMP/out" "$TMP/err"))"
done
pass "20 kills at random moments"
run pc run --once --max 4
check "a run after the kills reconciles and goes on ($(tail -1 "$TMP/out"))" grep -q "Run ended" "$TMP/out"
for s in $(sqlite3 "$BLANKO_DB" "SELECT serial FROM print_job WHERE state='suspect'"); do
  pc resolve "$s" --unused >/dev/null
done
ledger_sound "after 20 kills"
token=$(sqlite3 "$BLANKO_DB" "SELECT substr(hash,1,8) FROM event WHERE id=1")
twice=$(cat "$CUPS_FIXTURE_DIR"/printers/*/kept.index | cut -f2 | grep "^blanko-$token-" | sed 's/.*-r//' | sort | uniq -d |
  while read -r r; do
    n=$(cat "$CUPS_FIXTURE_DIR"/printers/*/kept.index | cut -f2 | grep -c -- "-r$r\$")
    spoiled=$(sqlite3 "$BLANKO_DB" "SELECT (SELECT count(*) FROM print_job WHERE request_id=$r AND outcome LIKE '%spoiled%') + (SELECT count(*) FROM event WHERE kind='card.spoil' AND ref='request-$r')")
    [ "$n" -gt $((spoiled + 1)) ] && echo "$r"
  done)
check "no request came out of a printer twice without a spoiled card between ($twice)" test -z "$twice"
issued=$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM print_job WHERE outcome IN ('issued','resolved-printed')")
kept=$(cat "$CUPS_FIXTURE_DIR"/printers/*/kept.index | cut -f2 | grep -c "^blanko-$token-")
spoiledk=$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM print_job WHERE outcome LIKE '%spoiled%' AND reason NOT IN ('media-jam','marker-supply-empty')")
check "every card that came out is issued or spoiled in the ledger ($kept kept, $issued issued, $spoiledk spoiled after completion)" test "$kept" -le $((issued + spoiledk + 1))

# --- A card's document read by cupsd after its controller was killed ----------------------
# CI, 2026-12-06: a controller was killed with the card's whole Send-Document
# written but not yet read by a busy cupsd; the next run found the job without
# a document and sent the card again, then cupsd read the first document: one
# request, two cards.  tests/lib/late-proxy.py holds the document back and
# hands it to cupsd just after the next run's look at the job.
pc printer resume P1 >/dev/null 2>&1
mkdir -p "$TMP/px"
python3 "$TOP/tests/lib/late-proxy.py" "$TMP/px/sock" "$CUPS_SERVER" "$TMP/px" 2>"$TMP/px/err" &
pxpid=$!
late_proxy_stop() { kill "$pxpid" 2>/dev/null; wait "$pxpid" 2>/dev/null; }
at_exit late_proxy_stop
wait_for "the proxy in front of cupsd is ready" test -e "$TMP/px/ready"
CUPS_SERVER="$TMP/px/sock" "$PRINTCTL" --user pr run --once --printer P1 --max 1 >/dev/null 2>&1 &
runpid=$!
wait_for "the card's whole document is held on its way to cupsd" test -e "$TMP/px/held"
kill -KILL "$runpid"; wait "$runpid" 2>/dev/null
late_job=$(last_job id); late_req=$(last_job request_id)
run env CUPS_SERVER="$TMP/px/sock" timeout 60 "$PRINTCTL" --user pr run --once --printer P1 --max 1
check "cupsd read the killed controller's document after the next run had looked" test -e "$TMP/px/released"
late_proxy_stop
n=$(cut -f2 "$CUPS_FIXTURE_DIR/printers/card1/kept.index" | grep -c -- "-j$late_job-r$late_req\$")
check "the late card came out once ($n times), not sent again" test "$n" = 1
check "... and the run's summary does not count it as sent again ($(grep 'Run ended' "$TMP/out"))" \
  grep -q "Run ended: .*, 0 sent again, " "$TMP/out"
# Which of the two it is depends on whether the simulated printer finished
# before the run's cancel reached cupsd (on a loaded machine it may): a
# cancel while it printed leaves it suspect, for a person to settle; a job
# already completed is followed and issued.  Either way the card came out
# once (above); test-engine covers both branches deterministically.
late_end="$(last_job state)-$(last_job reason)-$(last_job outcome)"
case $late_end in
  suspect-canceled-while-printing-*)
    pass "the late card is suspect: our cancel came while it printed"
    expect_ok "resolve it as printed" pc resolve "$(last_job serial)" --printed ;;
  done-*-issued)
    pass "the late card was printed before our cancel reached cupsd: followed and issued" ;;
  *)
    fail "the late card is suspect (cancelled while printing) or issued (printed before the cancel), not $late_end" ;;
esac
ledger_sound "late document"

test_done
