#!/bin/bash
# More printers than cupsd serves clients at once.  A private cupsd with
# MaxClients 8 and 12 queues: card1 and card2 (simulated card printers,
# ippeveprinter) and q03..q12 (card1's driver, each sending to its own port of
# a sink that takes every job and notes its size).  printctl run must print on
# all 12 over one connection to cupsd and end, bounded by timeout; then again
# with cupsd restarted mid-run; then with a queue deleted and a queue that never
# existed among them: those two printers are paused, the others print on.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"

MAXC=8			# cupsd's MaxClients
K=12			# queues, more than MAXC

print_setup card1 card2 || exit 1
echo "MaxClients $MAXC" >>"$CUPS_FIXTURE_DIR/etc/cupsd.conf"
cups_restart || { fail "restart cupsd with MaxClients $MAXC"; test_done; exit 1; }
check "cupsd serves at most $MAXC clients" grep -q "Configured for up to $MAXC clients" "$CUPS_FIXTURE_DIR/log/error_log"

# The sink: one listening port per extra queue; each connection (one job)
# is read to its end and logged as "port bytes".
cat >"$TMP/sink.py" <<'EOF'
import socket, sys, threading
log = open(sys.argv[1], "a", buffering=1)
def take(conn, port):
    n = 0
    with conn:
        while True:
            b = conn.recv(65536)
            if not b:
                break
            n += len(b)
    log.write("%d %d\n" % (port, n))
def serve(s, port):
    while True:
        conn, _ = s.accept()
        threading.Thread(target=take, args=(conn, port), daemon=True).start()
for p in sys.argv[2:]:
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", int(p)))
    s.listen(16)
    threading.Thread(target=serve, args=(s, int(p)), daemon=True).start()
print("ready", flush=True)
threading.Event().wait()
EOF
q() { if [ "$1" -le 2 ]; then echo "card$1"; else printf 'q%02d\n' "$1"; fi; }
ports=""
for i in $(seq 3 $K); do
  p=$(_cf_free_port)
  while case " $ports " in *" $p "*) true ;; *) false ;; esac; do p=$(_cf_free_port); done
  ports="$ports $p"
done
# shellcheck disable=SC2086
python3 "$TMP/sink.py" "$TMP/sink.log" $ports >"$TMP/sink.out" 2>&1 &
sink_pid=$!
stop_sink() { _cf_kill "$sink_pid"; }
at_exit stop_sink
_cf_wait grep -q ready "$TMP/sink.out" || fail "the sink listens"
ppd="$CUPS_FIXTURE_DIR/etc/ppd/card1.ppd"
i=3
for p in $ports; do
  # (lpadmin warns that -P drivers are deprecated: only failures are shown)
  lpadmin -p "$(q $i)" -v "socket://127.0.0.1:$p/?snmp=false" -P "$ppd" -E 2>"$TMP/lpadmin.err" ||
    fail "add queue $(q $i): $(cat "$TMP/lpadmin.err")"
  i=$((i + 1))
done
check "$K queues accept jobs" test "$(lpstat -a | grep -c 'accepting requests')" = "$K"

new_ledger
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0009999 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0009999 >/dev/null
P() { printf 'P%02d' "$1"; }
# load I FROM TO: blanks FROM..TO (0-9) of printer I's block into its hopper.
load() { pc printer load "$(P "$1")" --serials "$(printf 'KTP000%02d0%d-KTP000%02d0%d' "$((10 + $1))" "$2" "$((10 + $1))" "$3")" >/dev/null; }
for i in $(seq 1 $K); do
  pc printer add "$(P "$i")" --queue "$(q "$i")" --location RC1 >/dev/null
  load "$i" 0 1				# 2 blanks: 2 cards on every printer
done
check "$K printers in the ledger" test "$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM printer")" = "$K"

# run_bounded LOG SECONDS [ARGS...]: printctl run --once ARGS under timeout,
# in the background; the most sockets it held at once go to $max_socks, its
# exit status to $run_rc.  $DURING, if set, is called once while it runs.
run_bounded() {
  local log=$1 secs=$2 tpid pid n during=${DURING:-}
  shift 2
  timeout -k 5 "$secs" "$PRINTCTL" --user pr run --once "$@" >"$log" 2>&1 &
  tpid=$!
  max_socks=0
  while kill -0 "$tpid" 2>/dev/null; do
    pid=$(pgrep -P "$tpid" -x printctl | head -1)
    if [ -n "$pid" ]; then
      n=$(find "/proc/$pid/fd" -lname 'socket:*' 2>/dev/null | wc -l)
      [ "$n" -gt "$max_socks" ] && max_socks=$n
    fi
    if [ -n "$during" ]; then "$during"; during=; fi
    sleep 0.05
  done
  wait "$tpid"
  run_rc=$?
}
issued_on() { sqlite3 "$BLANKO_DB" "SELECT count(*) FROM print_job WHERE printer = '$1' AND outcome = 'issued' AND cups_job_id > 0"; }

# --- 12 printers, MaxClients 8 ------------------------------------------------------------
"$GEN" -n $((2 * K)) -s 42 -o "$TMP/res1" >/dev/null
pc import "$TMP/res1/residents.csv" >/dev/null
cups_printer_delay card1 1
cups_printer_delay card2 1
run_bounded "$TMP/run1.log" 90
check "run --once on $K printers ends before the timeout (exit $run_rc: $(tail -1 "$TMP/run1.log"))" test "$run_rc" = 0
check "it printed all $((2 * K)) cards" grep -q "Run ended: $((2 * K)) printed, 0 spoiled, 0 suspect, 0 sent again, 0 not sent" "$TMP/run1.log"
short=""
for i in $(seq 1 $K); do [ "$(issued_on "$(P "$i")")" = 2 ] || short="$short $(P "$i"):$(issued_on "$(P "$i")")"; done
check "every printer printed its 2 cards as CUPS jobs of its own queue ($short)" test -z "$short"
check "the card printers kept 2 cards each" test "$(cups_documents card1 | wc -l)-$(cups_documents card2 | wc -l)" = 2-2
got=$(awk '$2 > 1000 { n[$1]++ } END { for (p in n) if (n[p] == 2) k++; print k + 0 }' "$TMP/sink.log" 2>/dev/null)
check "each of the $((K - 2)) other queues sent its 2 cards to its device ($got)" test "$got" = $((K - 2))
check "the controller held one socket, its connection to cupsd (at most $max_socks at once)" test "$max_socks" = 1
check "cupsd never ran out of client slots" sh -c "! grep -qi 'max clients reached' '$CUPS_FIXTURE_DIR/log/error_log'"
expect_ok "verify" inv verify

# --- cupsd restarted while all 12 print ----------------------------------------------------
for i in $(seq 1 $K); do load "$i" 2 9; done
"$GEN" -n $K -s 43 -o "$TMP/res2" >/dev/null
pc import "$TMP/res2/residents.csv" >/dev/null
cups_printer_delay card1 3
cups_printer_delay card2 3
# Once both card printers have a card, restart cupsd.
restart_when_printing() {
  local i=0
  until [ "$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM print_job WHERE state = 'submitted' AND cups_job_id > 0 AND printer IN ('P01', 'P02')")" = 2 ]; do
    i=$((i + 1)); [ "$i" -ge 300 ] && return 1
    sleep 0.1
  done
  sleep 0.5
  cups_restart
}
DURING=restart_when_printing run_bounded "$TMP/run2.log" 120
# Exit 0, or 3 with its one line when the restart cost a card (spoiled or
# suspect: a person settles it).
check "after a cupsd restart mid-run the run ends before the timeout (exit $run_rc: $(tail -1 "$TMP/run2.log"))" \
  sh -c "[ $run_rc = 0 ] && ! grep -q 'need a person' '$TMP/run2.log' || { [ $run_rc = 3 ] && grep -q 'Run ended: [0-9]* printed, [0-9]* spoiled' '$TMP/run2.log' && ! grep -q 'Run ended: [0-9]* printed, 0 spoiled, 0 suspect' '$TMP/run2.log' && grep -q 'cards need a person' '$TMP/run2.log'; }"
check "cupsd was restarted while cards printed" test "$(grep -c "Configured for up to $MAXC clients" "$CUPS_FIXTURE_DIR/log/error_log")" -ge 2
open=$(sqlite3 "$BLANKO_DB" "SELECT group_concat(printer || ':' || state) FROM print_job WHERE state NOT IN ('done', 'suspect')")
check "no job is left open ($open)" test -z "$open"
check "the run printed ($(tail -1 "$TMP/run2.log"))" grep -q "Run ended: [1-9]" "$TMP/run2.log"
# A card cupsd was printing when it stopped is suspect (document-lost), or
# spoiled if cupsd ended its job: a suspect card is settled by what the
# printer kept, then the paused printers are resumed.
i=0; while [ "$i" -lt 100 ] && pgrep -f "$CUPS_FIXTURE_DIR/bin/card-print" >/dev/null; do sleep 0.1; i=$((i + 1)); done
token=$(sqlite3 "$BLANKO_DB" "SELECT substr(hash,1,8) FROM event WHERE id=1")
sqlite3 "$BLANKO_DB" "SELECT id || ' ' || request_id || ' ' || serial || ' ' || printer FROM print_job WHERE state = 'suspect'" |
while read -r id req serial printer; do
  kept=$(cat "$CUPS_FIXTURE_DIR"/printers/*/kept.index | cut -f2 | grep -c -- "^blanko-$token-j$id-r$req\$")
  pc resolve "$serial" "$([ "$kept" -gt 0 ] && echo --printed || echo --unused)" >/dev/null
done
check "every suspect card settled" test "$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM print_job WHERE state = 'suspect'")" = 0
for p in $(sqlite3 "$BLANKO_DB" "SELECT name FROM printer WHERE state = 'paused'"); do pc printer resume "$p" >/dev/null; done
cups_printer_delay card1 0
cups_printer_delay card2 0
run_bounded "$TMP/run2b.log" 90
check "a run afterwards prints what was left ($(tail -1 "$TMP/run2b.log"))" \
  test "$run_rc" = 0 -a "$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM request WHERE state = 'pending'")" = 0
expect_ok "verify" inv verify

# --- A queue deleted and a queue that never existed -----------------------------------------
# P12's queue is deleted, P99's never existed; they come first, so that each
# takes a card before P01 and P03 do.
lpadmin -x "$(q $K)"
pc printer add P99 --queue no-such-queue --location RC1 --force >/dev/null	# a queue never installed
pc printer load P99 --serials KTP0009900-KTP0009901 >/dev/null
"$GEN" -n 6 -s 44 -o "$TMP/res3" >/dev/null
pc import "$TMP/res3/residents.csv" >/dev/null
run_bounded "$TMP/run3.log" 90 --printer "$(P $K)" --printer P99 --printer P01 --printer P03
check "with two queues missing the run ends before the timeout, exit 3: two cards need a person (exit $run_rc: $(tail -1 "$TMP/run3.log"))" \
  test "$run_rc" = 3 -a "$(grep -c "cards need a person: 0 spoiled, 0 suspect, 2 not sent" "$TMP/run3.log")" = 1
check "the two cards for missing queues were not sent, the others printed all 6" \
  grep -q "Run ended: 6 printed, 0 spoiled, 0 suspect, 0 sent again, 2 not sent" "$TMP/run3.log"
run pc status --json
check "$(P $K) (queue deleted) and P99 (no queue) are paused, the others not" \
  test "$(json_get "' '.join(sorted(p['name'] for p in j['printers'] if p['state'] == 'paused'))")" = "$(P $K) P99"
check "P99's reason names its missing queue" \
  test "$(json_get "'no-such-queue' in [p['reason'] for p in j['printers'] if p['name'] == 'P99'][0]")" = True
check "no request waits" test "$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM request WHERE state = 'pending'")" = 0
expect_ok "verify" inv verify

test_done
