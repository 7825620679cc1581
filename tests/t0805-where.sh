#!/bin/bash
# Issue 14 item 8: printctl where, the complaints desk's lookup.  The NIK is
# read from standard input, never from the command line (an argument is a
# usage error that does not echo it); each state (waiting, printed, in
# transit, at a kecamatan, at a kelurahan, a new card waiting after a loss,
# cancelled) in text and JSON; nothing about any other resident (no other
# NIK, name or serial) and not the resident's own name.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"
. "$TOP/tests/lib/dist.sh"

print_setup card1 || exit 1
nik_of() { sed -n "$(($1 + 1))p" "$TMP/res/residents.csv" | cut -d, -f1; }
# where N: printctl where for resident N's NIK on standard input (text, then JSON in $TMP/json).
where() { run sh -c "nik_line=\$(sed -n '$(($1 + 1))p' '$TMP/res/residents.csv' | cut -d, -f1); echo \"\$nik_line\" | $PRINTCTL --user pr where"; }
wherej() { nik_of "$1" | "$PRINTCTL" --user pr --json where >"$TMP/json"; }
jget() { python3 -c "import json,sys; j=json.load(open('$TMP/json')); print(j.get('$1',''))" 2>/dev/null; }

dist_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv location add KEC01 --kind kecamatan --name "Kecamatan Satu" >/dev/null
inv location add KEL0101 --kind kelurahan --parent KEC01 >/dev/null
dist_cards 7 9 "$TMP/res"
pc import "$TMP/res/residents.csv" >/dev/null
run pc run --once --max 5
check "5 cards printed" grep -q "Run ended: 5 printed" "$TMP/out"
D="inv --user dist"
$D dispatch --to KEC01 --ref B-1 --serials "$(serial_of 2)" -o "$TMP/b1.pdf" >/dev/null
$D dispatch --to KEC01 --ref B-2 --serials "$(serial_of 3),$(serial_of 4)" -o "$TMP/b2.pdf" >/dev/null
$CLERK arrive --ref B-2 --count 2 >/dev/null
$CLERK dispatch --from KEC01 --to KEL0101 --ref B-3 --serials "$(serial_of 4)" -o "$TMP/b3.pdf" >/dev/null
$D arrive --ref B-3 --count 1 >/dev/null
pc reprint 5 --reason lost >/dev/null
pc cancel 7 >/dev/null
today=$(TZ=Asia/Jakarta date +%F)

# --- The NIK never on the command line -----------------------------------------------------------
run pc where --help
check "where --help says the NIK comes from standard input" grep -q "standard input" "$TMP/out"
check "the man page documents where" grep -q '^\.SS "*where' "$TOP/printctl/printctl.1"
nik1=$(nik_of 1)
expect_refused "a NIK as an argument is a usage error" 2 "not from the command line" pc where "$nik1"
check "the refusal does not echo the NIK" sh -c "! grep -q '$nik1' '$TMP/err' '$TMP/out'"
run sh -c "echo 12345 | $PRINTCTL --user pr where"
check "a malformed NIK is refused (exit 1)" test "$rc" = 1
run sh -c "echo 9999999999999999 | $PRINTCTL --user pr where"
check "an unknown NIK: no card request (exit 1)" sh -c "[ $rc = 1 ] && grep -q 'no card request has this NIK' '$TMP/err'"

# --- Each state -------------------------------------------------------------------------------------
where 1; check "printed, at the office" grep -q "^Card $(serial_of 1) was printed on $today and is at the office\.$" "$TMP/out"
wherej 1; check "JSON: printed, account issued" test "$(jget state):$(jget account):$(jget serial)" = "printed:issued:$(serial_of 1)"
where 2; check "in transit to KEC01" grep -q "^Card $(serial_of 2) (printed $today) is in transit to KEC01 since $today\.$" "$TMP/out"
wherej 2; check "JSON: in-transit, place KEC01" test "$(jget state):$(jget place):$(jget account)" = "in-transit:KEC01:transit.KEC01"
where 3; check "at kecamatan KEC01" grep -q "is at kecamatan KEC01 since $today\.$" "$TMP/out"
wherej 3; check "JSON: at-place kecamatan" test "$(jget state):$(jget place):$(jget place_kind)" = "at-place:KEC01:kecamatan"
where 4; check "at kelurahan KEL0101" grep -q "is at kelurahan KEL0101 since $today\.$" "$TMP/out"
wherej 4; check "JSON: at-place kelurahan, since today" test "$(jget state):$(jget place_kind):$(jget since)" = "at-place:kelurahan:$today"
where 5; check "a card reported lost: the new request waits" grep -q "^Request #8 (recorded .*) is waiting to be printed\.$" "$TMP/out"
where 6; check "not printed yet: waiting" grep -q "^Request #6 (recorded .*) is waiting to be printed\.$" "$TMP/out"
wherej 6; check "JSON: pending, no serial" test "$(jget state):$(jget serial)" = "pending:"
where 7; check "cancelled" grep -q "^Request #7 .* was cancelled\.$" "$TMP/out"

# --- No other resident's data, not even the resident's name -----------------------------------------
: >"$TMP/all"
for i in 1 2 3 4 5 6 7; do where $i; cat "$TMP/out" >>"$TMP/all"; wherej $i; cat "$TMP/json" >>"$TMP/all"; done
tail -n +2 "$TMP/res/residents.csv" | cut -d, -f1,2 | tr , '\n' >"$TMP/personal"
check "no NIK or name in any answer" sh -c "! grep -q -F -f '$TMP/personal' '$TMP/all'"
where 2
others=$(for i in 1 3 4; do serial_of $i; done)
check "the answer for one resident names no other card" sh -c "! echo '$others' | grep -q -F -f - '$TMP/out'"
expect_ok "the ledger verifies" inv verify
test_done
