#!/bin/sh
# Day-end checkpoints: the head as it stood when a UTC day ended is signed
# by the first write after it (or by 'inventory anchor'); verify asks for
# one at every day's end from the first checkpoint on, so checkpoints
# removed along with a rewritten tail are noticed (issue 12, item 5).
. "$(dirname "$0")/lib/test-lib.sh"
test_require faketime

# on DAY USER ARGS...: run inventory at 10:00 UTC on DAY as USER.
on() { d=$1 u=$2; shift 2; TZ=UTC faketime "$d 10:00:00" "$INVENTORY" --user "$u" "$@"; }
forge() { python3 "$TOP/tests/lib/chain-forge.py" "$@"; }
marks() { sqlite3 "$BLANKO_DB" "SELECT event || ' ' || mark FROM anchor ORDER BY id" | tr '\n' ';'; }
last_event_before() { sqlite3 "$BLANKO_DB" "SELECT max(id) FROM event WHERE time < '$1'"; }

on 2026-12-01 root init >/dev/null
on 2026-12-01 root user add wh --role warehouse >/dev/null
on 2026-12-01 root location add GUDANG --kind store >/dev/null
on 2026-12-01 root location add RC1 --kind printroom >/dev/null
on 2026-12-01 wh receive --supplier Peruri --ref SJ-001 --serials KTP0001000-KTP0001999 --to GUDANG >/dev/null

# A ledger with no key: days go by, nothing is signed, verify asks for nothing.
on 2026-12-02 wh transfer --from GUDANG --to RC1 --count 10 >/dev/null
check "no key: the first write of a day signs nothing" test -z "$(marks)"
expect_ok "no key: verify passes" on 2026-12-02 root verify

# The key is made (by the first 'inventory anchor'), which also signs the day that ended.
expect_ok "anchor on 2026-12-03 (no write yet that day)" on 2026-12-03 root anchor
d2=$(last_event_before 2026-12-03)
check "it signed the end of 2026-12-02 and the head" test "$(marks)" = "$d2 day 2026-12-02;$d2 manual;"
on 2026-12-03 wh transfer --from GUDANG --to RC1 --count 10 >/dev/null
on 2026-12-03 wh transfer --from GUDANG --to RC1 --count 10 >/dev/null
check "writes on the same day sign nothing more" test "$(marks)" = "$d2 day 2026-12-02;$d2 manual;"

# The first write after midnight signs the end of 2026-12-03.
d3=$(last_event_before 2026-12-04)
TZ=UTC faketime "2026-12-04 00:00:05" "$INVENTORY" --user wh transfer --from GUDANG --to RC1 --count 1 >/dev/null
check "the first write after midnight signs the head the day ended with (event $d3)" \
  test "$(marks)" = "$d2 day 2026-12-02;$d2 manual;$d3 day 2026-12-03;"
on 2026-12-04 wh transfer --from GUDANG --to RC1 --count 1 >/dev/null
# Nothing on 2026-12-05; a write on 2026-12-06 signs the end of 2026-12-04 only.
d4=$(last_event_before 2026-12-05)
on 2026-12-06 wh transfer --from GUDANG --to RC1 --count 1 >/dev/null
check "a day with no events needs none; the last day with events is signed" \
  test "$(marks)" = "$d2 day 2026-12-02;$d2 manual;$d3 day 2026-12-03;$d4 day 2026-12-04;"
expect_ok "verify passes" on 2026-12-06 root verify
expect_out "it checked the four checkpoints" "^4 signed checkpoints checked: all still in the chain"

# A writer that cannot read the key signs nothing, and the write goes on;
# the next one that can signs the day missed.
cp "$BLANKO_DB" "$TMP/good.db"
mv "$BLANKO_DB.keys" "$TMP/keys.away"
expect_ok "without the key the first write of a day still works" on 2026-12-07 wh transfer --from GUDANG --to RC1 --count 1
mv "$TMP/keys.away" "$BLANKO_DB.keys"
check "nothing was signed" test "$(marks)" = "$d2 day 2026-12-02;$d2 manual;$d3 day 2026-12-03;$d4 day 2026-12-04;"
run on 2026-12-07 root verify
if [ "$rc" -eq 3 ] && grep -q "^FAILED: no checkpoint for the end of 2026-12-06 " "$TMP/out"; then
  pass "verify says which day's end was not signed: $(cat "$TMP/err")"
else
  fail "verify says which day's end was not signed (exit $rc: $(cat "$TMP/out" "$TMP/err"))"
fi
on 2026-12-08 wh transfer --from GUDANG --to RC1 --count 1 >/dev/null
check "the next write with the key signs the days missed" sh -c "echo '$(marks)' | grep -q 'day 2026-12-06;.*day 2026-12-07;'"
expect_ok "verify passes again" on 2026-12-08 root verify

# A forger rewrites the days from 2026-12-04 on and removes their checkpoints.
cp "$TMP/good.db" "$BLANKO_DB"; rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"
forge "$BLANKO_DB" "UPDATE event SET ref = 'X' WHERE id = $d4; DELETE FROM anchor WHERE event >= $d3"
run on 2026-12-06 root verify
if [ "$rc" -eq 3 ] && grep -q "^FAILED: no checkpoint for the end of 2026-12-03 .*checkpoints were removed" "$TMP/out"; then
  pass "verify catches checkpoints removed with a rewritten tail: $(cat "$TMP/err")"
else
  fail "verify catches checkpoints removed with a rewritten tail (exit $rc: $(cat "$TMP/out" "$TMP/err"))"
fi

test_done
