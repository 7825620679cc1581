#!/bin/sh
# Anchors in the ledger: verify checks every signed checkpoint, so a chain
# rewritten with the hash recipe, a truncated chain and a forged checkpoint
# are caught (issue 12, item 5).
. "$(dirname "$0")/lib/test-lib.sh"

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
W="inv --user wh"
forge() { python3 "$TOP/tests/lib/chain-forge.py" "$@"; }

$W receive --supplier Peruri --ref SJ-001 --serials KTP0001000-KTP0001999 --to GUDANG >/dev/null
$W transfer --from GUDANG --to RC1 --serials KTP0001100-KTP0001199 >/dev/null
$W transfer --from GUDANG --to RC1 --count 5 >/dev/null
inv user add ex --role warehouse >/dev/null			# event 10

# --- A ledger with no key: no checkpoint, and nothing asked of it ----------------------
expect_ok "verify passes on a ledger that never had a key" inv verify
check "and says nothing of checkpoints" sh -c "! grep -q checkpoint '$TMP/out'"
check "no key was made by the writes" test ! -e "$BLANKO_DB.keys"

# The hole anchors close: a past event rewritten and every later hash
# recomputed with the recipe from the source passes plain verify.
cp "$BLANKO_DB" "$TMP/nokey.db"
forge "$TMP/nokey.db" "UPDATE event SET ref = 'SJ-666' WHERE id = 7"
expect_ok "without checkpoints a rewritten chain still passes verify (the hole)" inv --db "$TMP/nokey.db" verify

# --- Signed checkpoints ---------------------------------------------------------------------
expect_refused "anchor: warehouse staff may not sign" 1 "needs the admin,auditor role" $W anchor
expect_ok "anchor: an auditor signs the head (the key is made on first use)" inv --user au anchor
expect_out "it names the event, the head and the key" "^Checkpoint signed: event 10, chain head [0-9a-f]{64}, key [0-9A-F]{16}, "
check "the key folder is beside the ledger" test -d "$BLANKO_DB.keys"
inv user add ex2 --role warehouse >/dev/null			# event 11
expect_ok "verify passes with a checkpoint" inv verify
expect_out "it says the checkpoint was checked" "^1 signed checkpoint checked: still in the chain"
expect_ok "verify --json" inv verify --json
check "verify --json counts it" test "$(json_get 'j["checkpoints"]')" = 1
expect_ok "anchor list --json" inv anchor list --json
check "anchor list names event 10" test "$(json_get 'j[0]["event"]')" = 10
check "anchor list says it was made on demand" test "$(json_get 'j[0]["mark"]')" = manual
cp "$BLANKO_DB" "$TMP/good.db"

# tamper: tests/lib/test-lib.sh (verify must exit 3 with one line)
# The forger rewrites event 7's reference and recomputes every later hash.
cp "$TMP/good.db" "$BLANKO_DB"; rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"
forge "$BLANKO_DB" "UPDATE event SET ref = 'SJ-666' WHERE id = 7"
run inv verify
if [ "$rc" -eq 3 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] &&
   grep -Eq "^FAILED: event 10 no longer has the hash [0-9a-f]{16}\.\.\. that the checkpoint \"manual\" of .* signed: the chain was rewritten" "$TMP/out"; then
  pass "verify catches a chain rewritten with the recipe: $(cat "$TMP/err")"
else
  fail "verify catches a chain rewritten with the recipe (exit $rc: $(cat "$TMP/out" "$TMP/err"))"
fi

# The forger also writes the new hash into the checkpoint: its signature fails.
cp "$TMP/good.db" "$BLANKO_DB"; rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"
forge "$BLANKO_DB" "UPDATE event SET ref = 'SJ-666' WHERE id = 7"
sqlite3 "$BLANKO_DB" "UPDATE anchor SET head = (SELECT hash FROM event WHERE id = 10)"
run inv verify
if [ "$rc" -eq 3 ] && grep -Eq "^FAILED: the checkpoint \"manual\" of .* \(event 10\) has a bad signature: it was forged or altered" "$TMP/out"; then
  pass "verify catches a checkpoint re-pointed at the rewritten chain: $(cat "$TMP/err")"
else
  fail "verify catches a checkpoint re-pointed at the rewritten chain (exit $rc: $(cat "$TMP/out" "$TMP/err"))"
fi

tamper "a forged signature" "^FAILED: the checkpoint \"manual\" of .* has a bad signature: it was forged or altered" \
  "UPDATE anchor SET sig = substr('0123456789abcdef', (instr('0123456789abcdef', substr(sig, 1, 1)) % 16) + 1, 1) || substr(sig, 2)"
tamper "a checkpoint given another time" "has a bad signature" \
  "UPDATE anchor SET time = '2026-01-01T00:00:00.000Z'"
tamper "a checkpoint signed by a key the ledger does not have" \
  "^FAILED: the checkpoint \"manual\" of .* is signed by key 0123456789ABCDEF, which is not in this ledger's keyring" \
  "UPDATE anchor SET keyid = '0123456789ABCDEF'"
# A truncation by the forger's tool (which counts the hours' totals again:
# derived data, no secret in them).
cp "$TMP/good.db" "$BLANKO_DB"; rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"
forge "$BLANKO_DB" "DELETE FROM event WHERE id >= 10; DELETE FROM user WHERE name IN ('ex', 'ex2')"
run inv verify
check "verify catches a truncated chain (the events from 10 on removed) (exit $rc: $(cat "$TMP/out" "$TMP/err"))" \
  sh -c "[ $rc -eq 3 ] && grep -Eq '^FAILED: the checkpoint \"manual\" of .* names event 10, beyond the chain.s head \(event 9\): the chain was truncated or rolled back' '$TMP/out'"

# Without the key, checkpoints cannot be checked: verify says so.
cp "$TMP/good.db" "$BLANKO_DB"; rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"
mv "$BLANKO_DB.keys" "$TMP/keys.away"
run inv verify
if [ "$rc" -eq 3 ] && grep -q "^FAILED: the ledger has 1 signed checkpoints, but its keys cannot be read to check them" "$TMP/out"; then
  pass "verify fails when the keys are gone: $(cat "$TMP/err")"
else
  fail "verify fails when the keys are gone (exit $rc: $(cat "$TMP/out" "$TMP/err"))"
fi
mv "$TMP/keys.away" "$BLANKO_DB.keys"

cp "$TMP/good.db" "$BLANKO_DB"; rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"
expect_ok "the untouched copy still verifies" inv verify

test_done
