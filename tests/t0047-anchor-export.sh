#!/bin/sh
# Anchors kept off the machine: 'anchor export' writes the latest signed
# checkpoint, 'verify --anchor FILE' checks the ledger against it, so a
# rollback to an older copy, a rewritten chain (with the ledger's own
# checkpoints removed) and a truncation are caught (issue 12, item 5).
. "$(dirname "$0")/lib/test-lib.sh"

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
W="inv --user wh"
forge() { python3 "$TOP/tests/lib/chain-forge.py" "$@"; }
# restore FILE: put a copy in the ledger's place, as an intruder would.
restore() { cp "$1" "$BLANKO_DB" && rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"; }
# verify_anchor_fails DESCRIPTION PATTERN: verify --anchor exits 3 with one line saying PATTERN.
verify_anchor_fails() {
  run inv verify --anchor "$TMP/anchor.txt"
  if [ "$rc" -eq 3 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -Eq -- "$2" "$TMP/out"; then
    pass "verify --anchor catches $1: $(cat "$TMP/err")"
  else
    fail "verify --anchor catches $1 (exit $rc: $(cat "$TMP/out" "$TMP/err"))"
  fi
}

$W receive --supplier Peruri --ref SJ-001 --serials KTP0001000-KTP0001999 --to GUDANG >/dev/null
expect_refused "anchor export with no checkpoint yet" 1 "has no signed checkpoint yet \(run 'inventory anchor'\)" \
  inv anchor export -o "$TMP/none.txt"
check "no file was left" test ! -e "$TMP/none.txt"
inv --user au anchor >/dev/null
inv verify >/dev/null
cp "$BLANKO_DB" "$TMP/old.db"					# an older copy: 7 events

$W transfer --from GUDANG --to RC1 --serials KTP0001100-KTP0001199 >/dev/null
inv user add ex --role warehouse >/dev/null			# event 9
expect_ok "anchor: sign the head" inv --user au anchor
expect_ok "anchor export -o FILE" inv anchor export -o "$TMP/anchor.txt"
check "the file is the anchor text" grep -q "^blanko-anchor-v1$" "$TMP/anchor.txt"
check "it names event 9" grep -q "^event 9$" "$TMP/anchor.txt"
check "it has a key and a signature" grep -Eq "^signature [0-9a-f]{128}$" "$TMP/anchor.txt"
expect_ok "anchor export to standard output" inv anchor export
check "standard output holds the same anchor" cmp -s "$TMP/out" "$TMP/anchor.txt"
expect_ok "anchor export --json" inv anchor export --json
check "--json names event 9" test "$(json_get 'j["event"]')" = 9
expect_ok "verify --anchor on the ledger it came from" inv verify --anchor "$TMP/anchor.txt"
expect_out "it says the anchor is still in the chain" "^Anchor of .* \(event 9, \"manual\", key [0-9A-F]{16}\): still in the chain"
# A report or a mail that quotes the anchor among other lines is read too.
{ echo "Laporan rekonsiliasi"; cat "$TMP/anchor.txt"; echo "-- "; } >"$TMP/quoted.txt"
expect_ok "verify --anchor reads an anchor quoted in other text" inv verify --anchor "$TMP/quoted.txt"
# The reconciliation report signs the head it seals and prints the anchor's lines.
today=$(TZ=Asia/Jakarta date +%F)	# the office's day ([site] timezone, default Asia/Jakarta)
expect_ok "report reconcile (text) signs its head" inv --user au report reconcile --from "$today" --to "$today" -o "$TMP/recon.txt"
check "the report prints the anchor's lines" grep -q "^mark report reconcile $today $today$" "$TMP/recon.txt"
expect_ok "verify --anchor reads the anchor printed on the report" inv verify --anchor "$TMP/recon.txt"
expect_ok "report reconcile --json" inv --user au report reconcile --from "$today" --to "$today" --format json
check "--json: the checkpoint signs the report's head" \
  test "$(json_get 'j["checkpoint"]["head"] == j["chain_head"]["hash"] and j["checkpoint"]["event"] == j["chain_head"]["event"]')" = True
cp "$BLANKO_DB" "$TMP/good.db"

# --- Rollback to an older copy ---------------------------------------------------------------
restore "$TMP/old.db"
expect_ok "an older copy put back passes plain verify (its own checkpoints are older too)" inv verify
verify_anchor_fails "a rollback to an older copy" \
  "^FAILED: the checkpoint \"manual\" of .* names event 9, beyond the chain's head \(event 7\): the chain was truncated or rolled back to an older copy"
run inv verify --anchor "$TMP/recon.txt"
check "the anchor on the reconcile report catches it too (exit 3)" test "$rc" -eq 3

# --- Rewritten chain, the ledger's own checkpoints removed -----------------------------------
restore "$TMP/good.db"
forge "$BLANKO_DB" "UPDATE event SET ref = 'SJ-666' WHERE id = 7; DELETE FROM anchor"
expect_ok "a rewritten chain without its checkpoints passes plain verify" inv verify
verify_anchor_fails "a rewritten chain" \
  "^FAILED: event 9 no longer has the hash [0-9a-f]{16}\.\.\. that the checkpoint \"manual\" of .* signed: the chain was rewritten"

# --- Truncation ---------------------------------------------------------------------------------
restore "$TMP/good.db"
forge "$BLANKO_DB" "DELETE FROM event WHERE id = 9; DELETE FROM user WHERE name = 'ex'; DELETE FROM anchor"
expect_ok "a truncated chain without its checkpoints passes plain verify" inv verify
verify_anchor_fails "a truncated chain" "names event 9, beyond the chain's head \(event 8\)"

# --- Forged and foreign anchors -------------------------------------------------------------------
restore "$TMP/good.db"
sed 's/^head \(.\)/head f\1/; s/^head \(.\{64\}\).*/head \1/' "$TMP/anchor.txt" >"$TMP/forged.txt"
cp "$TMP/anchor.txt" "$TMP/anchor.keep"; cp "$TMP/forged.txt" "$TMP/anchor.txt"
verify_anchor_fails "an anchor whose head was altered" "has a bad signature: it was forged or altered"
cp "$TMP/anchor.keep" "$TMP/anchor.txt"
BLANKO_DB="$TMP/other.db" inv init >/dev/null
BLANKO_DB="$TMP/other.db" inv anchor >/dev/null
BLANKO_DB="$TMP/other.db" inv anchor export -o "$TMP/other.txt"
run inv verify --anchor "$TMP/other.txt"
if [ "$rc" -eq 3 ] && grep -q "not in this ledger's keyring" "$TMP/out"; then
  pass "an anchor of another ledger (another key) is refused: $(cat "$TMP/err")"
else
  fail "an anchor of another ledger is refused (exit $rc: $(cat "$TMP/out" "$TMP/err"))"
fi
expect_refused "verify --anchor with a damaged file" 1 "damaged.txt: the anchor is incomplete or damaged" \
  sh -c "grep -v '^signature' '$TMP/anchor.txt' >'$TMP/damaged.txt'; exec \"\$0\" verify --anchor '$TMP/damaged.txt'" "$INVENTORY"
expect_refused "verify --anchor with a file that holds none" 1 "no anchor in it" inv verify --anchor /etc/hostname
expect_refused "verify --anchor with no file" 1 "cannot read $TMP/missing.txt" inv verify --anchor "$TMP/missing.txt"
mkfifo "$TMP/anchor.fifo"
expect_refused "verify --anchor with a FIFO: refused at once, never waited on" 1 "anchor.fifo is not a regular file" \
  timeout 10 "$INVENTORY" verify --anchor "$TMP/anchor.fifo"
rm -f "$TMP/anchor.fifo"
expect_refused "verify --anchor with an empty path" 2 "the path is empty" inv verify --anchor ""
expect_ok "the honest ledger still verifies against its anchor" inv verify --anchor "$TMP/anchor.txt"

test_done
