#!/bin/sh
# Issue 15 item 4: verify replays the suket table from the suket.* events
# and catches a row edited, added or removed behind the programs' back
# (exit 3, one line naming the suket and what differs).
. "$(dirname "$0")/lib/test-lib.sh"

GEN="$TOP/build/gen-residents"
pc() { "$PRINTCTL" --user pr "$@"; }
card_site_setup
new_ledger
"$GEN" -n 3 -s 86 -o "$TMP/r" >/dev/null
pc import "$TMP/r/residents.csv" >/dev/null
for i in 1 2 3; do pc suket issue --request $i -o "$TMP/s$i.pdf" >/dev/null || fail "issue suket $i"; done
pc suket extend 1 --days 200 >/dev/null || fail "extend suket 1"
pc suket cancel 2 --reason "salah cetak" >/dev/null || fail "cancel suket 2"

expect_ok "verify passes with issued, extended and cancelled suket" inv verify
cp "$BLANKO_DB" "$TMP/good.db"

# tamper: tests/lib/test-lib.sh
tamper "a suket's state changed" "suket 2 \(.*\): its state in the table differs from its events" \
  "UPDATE suket SET state = 'issued' WHERE id = 2"
tamper "a suket's state made retrieved" "suket 3 \(.*\): its state in the table differs" \
  "UPDATE suket SET state = 'retrieved' WHERE id = 3"
tamper "a suket's last day moved" "suket 1 \(.*\): its valid_until in the table differs" \
  "UPDATE suket SET valid_until = '2099-12-31' WHERE id = 1"
tamper "a suket's day of issue moved" "suket 3 \(.*\): its issued in the table differs" \
  "UPDATE suket SET issued = '2020-01-01' WHERE id = 3"
tamper "a suket moved to another request" "suket 3 \(.*\): its request in the table differs" \
  "UPDATE suket SET request = 1 WHERE id = 3"
tamper "a suket's number changed" "suket 1 \(.*\): its number in the table differs" \
  "UPDATE suket SET number = 'X/1' WHERE id = 1"
tamper "a cancellation's reason changed" "suket 2 \(.*\): its reason in the table differs" \
  "UPDATE suket SET reason = 'lain' WHERE id = 2"
tamper "a suket row deleted" "suket 3 \(.*\) was issued but is missing from the table" \
  "DELETE FROM suket WHERE id = 3"
tamper "a suket row added" "suket 4 \(X/4\) is in the table but no event issued it" \
  "INSERT INTO suket(request, nik, number, year, seq, state, issued, valid_until, changed)
     SELECT request, nik, 'X/4', year, 99, 'cancelled', issued, valid_until, changed FROM suket WHERE id = 2"
cp "$TMP/good.db" "$BLANKO_DB"
rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"
expect_ok "the untouched copy still verifies" inv verify

test_done
