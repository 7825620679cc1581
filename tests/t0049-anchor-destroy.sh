#!/bin/sh
# destroy show checks the chain head sealed in the record too: it says so
# when that head is no longer in the chain (a chain rewritten with the
# recipe), and shows and checks the record's signed checkpoint (issue 12,
# item 5).
. "$(dirname "$0")/lib/test-lib.sh"

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
# Dual control needs two real accounts: the second auditor is the account nobody.
second_person auditor || fail "letting nobody approve"
W="inv --user wh" A="inv --user au" A2="$NOBODY_INV"
forge() { python3 "$TOP/tests/lib/chain-forge.py" "$@"; }
D='--method incineration --place Halaman'
WIT='--witness "Budi; Camat; 3201010101010001" --witness "Siti; Lurah; 3201010101010002"'

$W receive --supplier Peruri --ref SJ-001 --serials KTP0001000-KTP0001999 --to GUDANG >/dev/null
$A spoil --serials KTP0001000-KTP0001004 --reason "dropped" >/dev/null
# Record 1 is sealed before the ledger has a key: not signed.
$A destroy prepare --all $D >/dev/null && $A2 destroy approve 1 >/dev/null &&
  eval "$A destroy execute 1 $WIT" >/dev/null || fail "destroying record 1"
inv --user au anchor >/dev/null					# makes the key
$A spoil --serials KTP0001010-KTP0001011 --reason "bent" >/dev/null
$A destroy prepare --all $D >/dev/null && $A2 destroy approve 2 >/dev/null &&
  eval "$A destroy execute 2 $WIT" >/dev/null || fail "destroying record 2"

expect_ok "destroy show of a record sealed with a key" $A destroy show 2
expect_out "the record hash is checked" "^record hash: [0-9a-f]{64} \(checked\)"
expect_out "the head it seals is still in the chain" "^chain head at sealing: [0-9a-f]{64} \(still in the chain\)"
expect_out "its signed checkpoint is shown and checked" "^signed checkpoint: key [0-9A-F]{16}, .* \(checked\)"
expect_ok "destroy show of a record sealed before the key" $A destroy show 1
expect_out "it says it is not signed" "^signed checkpoint: none"
expect_ok "destroy show --json" $A --json destroy show 2
check "--json: head_in_chain" test "$(json_get 'j["head_in_chain"]')" = True
check "--json: the checkpoint names the head" test "$(json_get 'j["checkpoint"]["head"] == j["chain_head"]')" = True
expect_ok "anchor list shows the record's checkpoint" inv anchor list
expect_out "marked with the record" "record destruction 2$"
run $A --json destroy show 2
keyid=$(json_get 'j["checkpoint"]["key"]')
expect_ok "report destruction --format json" $A report destruction 2 --format json -o "$TMP/bap.json"
check "the record's JSON carries its checkpoint" \
  python3 -c "import json,sys; j=json.load(open('$TMP/bap.json')); sys.exit(j['checkpoint']['key'] != '$keyid')"
if test_have pdftotext; then
  expect_ok "report destruction --format pdf" $A report destruction 2 --format pdf -o "$TMP/bap.pdf"
  check "the PDF shows the key that signed the head it seals" sh -c "pdftotext '$TMP/bap.pdf' - | grep -q '$keyid'"
fi
cp "$BLANKO_DB" "$TMP/good.db"

# show_fails DESCRIPTION ID PATTERN: destroy show ID exits 3, stdout or its one stderr line saying PATTERN.
show_fails() {
  run $A destroy show "$2"
  if [ "$rc" -eq 3 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && cat "$TMP/out" "$TMP/err" | grep -Eq -- "$3"; then
    pass "destroy show $1: $(cat "$TMP/err")"
  else
    fail "destroy show $1 (exit $rc: $(cat "$TMP/out" "$TMP/err"))"
  fi
}

# The receipt's reference rewritten and every later hash recomputed: the
# record and its sealing event are untouched, so "(checked)" alone (the
# code before) passed; the head it seals is no longer in the chain.
forge "$BLANKO_DB" "UPDATE event SET ref = 'SJ-666' WHERE id = 7"
show_fails "of record 1 (not signed) after a rewrite" 1 "NO LONGER IN THE CHAIN"
show_fails "says which head and why" 1 "the chain head sealed in record 1 \(event [0-9]+, [0-9a-f]{16}\.\.\.\) is no longer in the chain: the chain was rewritten"
check "the record hash itself is still right" grep -q "^record hash: [0-9a-f]\{64\} (checked)" "$TMP/out"
show_fails "of record 2 (signed) after a rewrite" 2 "NO LONGER IN THE CHAIN"
run inv verify
check "verify fails too (exit 3)" test "$rc" -eq 3

# The head in the record rewritten to match (record hash, sealing event
# and all, with the recipe): only the signed checkpoint is left to say so.
restore() { cp "$1" "$BLANKO_DB" && rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"; }
restore "$TMP/good.db"
sqlite3 "$BLANKO_DB" "UPDATE anchor SET head = '$(printf '%064d' 0)' WHERE mark = 'record destruction 2'"
show_fails "of record 2 whose checkpoint was altered" 2 "has a bad signature: it was forged or altered"

restore "$TMP/good.db"
expect_ok "the untouched copy shows clean" $A destroy show 2
test_done
