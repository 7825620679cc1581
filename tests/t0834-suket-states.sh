#!/bin/bash
# Issue 15 item 4: the life of a suket.  issued -> extended -> retrieved,
# or expired (computed from its date, recorded by suket expire) or
# cancelled (with a reason); every refusal leaves the ledger byte-identical
# with one line on stderr; each change is one suket.* event with ids,
# number and dates only; verify passes; verify-qr follows the state; and
# --print sends the A4 PDF to an ordinary queue of the private cupsd (as
# t0400) under a job name without personal data.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"

# office1 is an ordinary A4 printer: the fixture's simulated printer with
# its one media size made A4 (the fixture writes it, then it is changed).
CUPS_FIXTURE_MEDIA=iso_a4_210x297mm
eval "$(declare -f _cf_write_attrs | sed '1s/_cf_write_attrs/_cf_write_attrs_card/')"
_cf_write_attrs() { _cf_write_attrs_card "$@" && sed -i 's/5398/21000/g; s/8560/29700/g; s/cardstock/stationery/g' "$1"; }
print_setup office1 || exit 1
q() { sqlite3 "$BLANKO_DB" "$1"; }
TODAY=$(TZ=Asia/Jakarta date +%Y-%m-%d)
day() { TZ=Asia/Jakarta date -d "$TODAY $1 days" +%Y-%m-%d; }
printf 'office = Kantor Contoh\n[suket]\nvalid_days = 60\n' >>"$BLANKO_CONF"
new_ledger
"$GEN" -n 4 -s 84 -o "$TMP/r" >/dev/null
pc import "$TMP/r/residents.csv" >/dev/null
nik() { sed -n "$(($1 + 1))p" "$TMP/r/residents.csv" | cut -d, -f1; }
payload() { pdftotext -layout "$1" - | tr -d ' \n' | grep -o 'SKT1:[0-9]*:[0-9]*:[0-9]*:[0-9A-F]*:[A-Z2-7]\{103\}' | head -n 1; }

# Two clocks a day apart: the office in UTC-11 (west) and in UTC+14 (east).
# Suket 3 is issued in the west for one day, which is over in the east.
{ cat "$BLANKO_CONF"; printf '[site]\ntimezone = Pacific/Pago_Pago\n'; } >"$TMP/west.conf"
{ cat "$BLANKO_CONF"; printf '[site]\ntimezone = Pacific/Kiritimati\n'; } >"$TMP/east.conf"
pcw() { BLANKO_CONF="$TMP/west.conf" "$PRINTCTL" --user pr "$@"; }
pce() { BLANKO_CONF="$TMP/east.conf" "$PRINTCTL" --user pr "$@"; }
WEST=$(TZ=Pacific/Pago_Pago date +%Y-%m-%d)

for i in 1 2 3 4; do
  if [ $i = 3 ]; then pcw suket issue --request 3 --days 1 -o "$TMP/s3.pdf" >/dev/null || fail "issue suket 3"
  else pc suket issue --request $i -o "$TMP/s$i.pdf" >/dev/null || fail "issue suket $i"; fi
done
check "suket 3 is valid one day, the west's today" test "$(q "SELECT valid_until FROM suket WHERE id = 3")" = "$WEST"
check "[suket] valid_days = 60 is the default validity" test "$(q "SELECT valid_until FROM suket WHERE id = 1")" = "$(day 59)"

# --- Extend ------------------------------------------------------------------------------------
expect_ok "extend suket 1 by 90 days" pc suket extend 1 --days 90
expect_out "extended until" "^Suket .* is extended, valid until $(day 89)\.$"
expect_refused "an extension that shortens" 1 "is valid until $(day 89) already" pc suket extend 1 --days 30
expect_refused "no such suket" 1 "no suket has the id 99" pc suket extend 99
expect_refused "no id" 2 "give exactly one suket ID" pc suket extend
expect_refused "the auditor may not" 1 "needs the" "$PRINTCTL" --user au suket extend 1

# --- Cancel -------------------------------------------------------------------------------------
expect_refused "a cancel without reason" 2 "--reason is required" pc suket cancel 2
expect_ok "cancel suket 2" pc suket cancel 2 --reason "salah cetak"
expect_out "cancelled" "^Suket .* is cancelled"
expect_refused "cancel it again" 1 "is cancelled" pc suket cancel 2 --reason x
expect_refused "extend a cancelled one" 1 "is cancelled" pc suket extend 2
P2=$(payload "$TMP/s2.pdf")
run pc verify-qr "$P2"
check "verify-qr: a cancelled suket is genuine but not valid (exit 3)" test "$rc" -eq 3
expect_out "says cancelled" "genuine but no longer valid: temporary certificate .* of Kantor Contoh is cancelled"

# --- Retrieve (the card handed over) ------------------------------------------------------------
expect_refused "retrieve for a NIK without one" 1 "holds no live suket" sh -c "echo $(nik 2) | $PRINTCTL --user pr suket retrieve"
run sh -c "echo $(nik 1) | $PRINTCTL --user pr suket retrieve"
check "retrieve suket 1 by NIK (exit $rc: $(cat "$TMP/err"))" test "$rc" -eq 0
expect_out "retrieved" "^Suket .* is retrieved"
expect_refused "retrieve it again" 1 "holds no live suket" pc suket retrieve --request 1
expect_refused "extend a retrieved one" 1 "is retrieved" pc suket extend 1
run pc verify-qr "$(payload "$TMP/s1.pdf")"
check "verify-qr: a retrieved suket is not valid (exit 3)" test "$rc" -eq 3

# --- Expire: computed, then recorded -------------------------------------------------------------
# Suket 3's one day is over in the east (the table is never edited: verify
# replays it from the events): only the clock does it.
run pce --json suket list
check "a live suket past its date counts as expired" test "$(json_get "j['expired'] == 1 and j['outstanding'] == 1")" = True
expect_refused "extend an expired one" 1 "expired after $WEST" pce suket extend 3
run pce verify-qr "$(payload "$TMP/s3.pdf")"
check "verify-qr: an expired suket is not valid (exit 3)" test "$rc" -eq 3
expect_out "says expired" "is expired$"
expect_ok "suket expire" pce suket expire
expect_out "one recorded" "^1 suket past"
check "its state is recorded" test "$(q "SELECT state FROM suket WHERE id = 3")" = expired
expect_ok "suket expire again: nothing" pce suket expire
expect_out "none" "^0 suket past"
run sh -c "echo $(nik 3) | $PRINTCTL --user pr suket issue -o $TMP/s3b.pdf"
check "a new suket after the old one expired (exit $rc: $(cat "$TMP/err"))" test "$rc" -eq 0

# --- Events, verify ------------------------------------------------------------------------------
check "one event per change" test "$(q "SELECT group_concat(kind, ' ') FROM event WHERE kind LIKE 'suket.%'")" = \
  "suket.issue suket.issue suket.issue suket.issue suket.extend suket.cancel suket.retrieve suket.expire suket.issue"
cut -d, -f1,2 "$TMP/r/residents.csv" | tail -n +2 | tr , '\n' >"$TMP/personal"
check "no NIK or name in any event" sh -c "! sqlite3 '$BLANKO_DB' 'SELECT kind, ref, detail FROM event' | grep -q -F -f '$TMP/personal'"
check "the cancel's event has its reason and ids" test "$(q "SELECT json_extract(detail, '\$.suket') || ':' || json_extract(detail, '\$.request') || ':' || json_extract(detail, '\$.reason') FROM event WHERE kind = 'suket.cancel'")" = "2:2:salah cetak"
expect_ok "the ledger verifies" inv verify

# --- --print to an ordinary queue ----------------------------------------------------------------
expect_refused "--print to a queue that does not exist" 1 "cannot print on nosuch" pc suket issue --request 2 -o "$TMP/p0.pdf" --print nosuch
run pc suket cancel 5 --reason "cetak ulang"
run pc --json suket issue --request 3 -o "$TMP/p1.pdf" --print office1
check "issued and printed (exit $rc: $(cat "$TMP/err"))" test "$rc" -eq 0
check "a CUPS job id" test "$(json_get "j['cups_job'] > 0")" = True
wait_for "the queue printed it" sh -c "grep -q 'suket-6' '$CUPS_FIXTURE_DIR/printers/office1/kept.index'"
check "the job name has no personal data" sh -c "! cut -f2 '$CUPS_FIXTURE_DIR/printers/office1/kept.index' | grep -q -F -f '$TMP/personal'"
check "the printer got a PDF" grep -q "application/pdf" "$CUPS_FIXTURE_DIR/printers/office1/kept.index"
check "nothing left in TMPDIR" test -z "$(ls -A "$TMPDIR")"

test_done
