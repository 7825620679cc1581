#!/bin/sh
# inventory supply request|cancel|list and receive --against (issue 15):
# a request for blanks is sent, partly received, fulfilled (more than
# asked allowed and shown) or cancelled; its state comes from the chain's
# events alone; refusals leave the ledger byte-identical; verify passes.
. "$(dirname "$0")/lib/test-lib.sh"

test_require root nobody runuser

for c in "supply request" "supply cancel" "supply list" "report supply"; do
  run inv $c --help
  check "'$c --help' prints usage" grep -q "^Usage: inventory $c" "$TMP/out"
  check "the man page documents '$c'" grep -q "^\\.SS \"*$c" "$TOP/inventory/inventory.1"
done

new_ledger
W="inv --user wh"

expect_ok "a request for 20000 blanks" $W supply request --quantity 20000 --basis "print-ready count 27140" \
  --ref "470/123/Disdukcapil/2026" --date 2026-01-05 --to "Ditjen Dukcapil" --json
ID=$(json_get 'j["id"]')
check "it is sent" test "$(json_get 'j["state"]')" = sent
expect_ok "a second request" $W supply request --quantity 500 --ref "470/124/Disdukcapil/2026" --to Peruri
ID2=$(inv supply list --json | python3 -c "import json,sys; print(json.load(sys.stdin)[-1]['id'])")
expect_ok "the event log holds the request" inv log --json
check "as a supply.request event with its reference" test "$(json_get "[e['kind'] + ' ' + e['ref'] for e in j if e['event'] == $ID][0]")" = \
  "supply.request 470/123/Disdukcapil/2026"

# Refusals: each one line, the ledger unchanged.
expect_refused "no quantity" 2 "--quantity, --ref and --to are required" $W supply request --ref X --to Y
expect_refused "a quantity that is no count" 1 'not a count' $W supply request --quantity -5 --ref X --to Y
expect_refused "a zero quantity" 1 'quantity must be 1 to' $W supply request --quantity 0 --ref X --to Y
expect_refused "a bad date" 1 'bad date' $W supply request --quantity 5 --ref X --to Y --date 2026-02-30
expect_refused "a date after today" 1 'after today' $W supply request --quantity 5 --ref X --to Y --date 2999-01-01
expect_refused "a control character in the basis" 1 'basis' $W supply request --quantity 5 --ref X --to Y \
  --basis "$(printf 'a\033b')"
expect_refused "a print room user may not" 1 "needs the" inv --user pr supply request --quantity 5 --ref X --to Y
expect_refused "receive against no request" 1 "there is no request for blanks 999" $W receive --supplier Peruri \
  --ref SJ-1 --serials KTP0001000-KTP0001009 --to GUDANG --against 999
expect_refused "receive against a word" 1 'not a request number' $W receive --supplier Peruri \
  --ref SJ-1 --serials KTP0001000-KTP0001009 --to GUDANG --against abc

# Partly received, then fulfilled with more than asked.
expect_ok "4000 received against it" $W receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0004999 --to GUDANG --against "$ID"
expect_out "the receipt says what is still owed" "Request $ID: 4,000 of 20,000 blanks received; 16,000 still owed"
run inv supply list --json
check "partly received, 4000 of 20000" test "$(json_get "[(r['state'], r['received'], r['receipts']) for r in j if r['id'] == $ID][0]")" = \
  "('partly-received', 4000, 1)"
expect_ok "an ordinary receipt does not count" $W receive --supplier Peruri --ref SJ-X --serials KTP0100000-KTP0100009 --to GUDANG
expect_ok "16005 more against it" $W receive --supplier Peruri --ref SJ-2 --serials KTP0010000-KTP0026004 --to GUDANG --against "$ID" --json
check "the receipt's JSON names the request" test "$(json_get 'j["against"]')" = "$ID"
run inv supply list
check "the list shows it fulfilled" grep -Eq "^ +$ID +2026-01-05 +20,000 +20,005 +fulfilled +Ditjen Dukcapil +470/123" "$TMP/out"
expect_ok "the receipt's detail names the request" inv log --json
check "receive event with against" test "$(json_get "len([e for e in j if e['kind'] == 'receive' and e['detail'].get('against') == $ID])")" = 2
expect_refused "nothing more against a fulfilled request" 1 "is fulfilled already" $W receive --supplier Peruri \
  --ref SJ-3 --serials KTP0030000-KTP0030009 --to GUDANG --against "$ID"
expect_refused "a fulfilled request is not cancelled" 1 "is fulfilled already" $W supply cancel "$ID" --reason "salah"

# Cancel.
expect_refused "cancel needs a reason" 2 "give one request's number and --reason" $W supply cancel "$ID2"
expect_refused "cancel of no request" 1 "there is no request for blanks 77" $W supply cancel 77 --reason x
expect_ok "cancel the second" $W supply cancel "$ID2" --reason "diganti surat 470/130"
run inv supply list --json
check "it is cancelled, with the reason" test "$(json_get "[(r['state'], r['reason']) for r in j if r['id'] == $ID2][0]")" = \
  "('cancelled', 'diganti surat 470/130')"
expect_refused "a cancelled request is not cancelled again" 1 "is cancelled already" $W supply cancel "$ID2" --reason x
expect_refused "nothing is received against a cancelled request" 1 "is cancelled already" $W receive --supplier Peruri \
  --ref SJ-4 --serials KTP0040000-KTP0040009 --to GUDANG --against "$ID2"

# A voided receipt no longer counts for its request.
expect_ok "a third request" $W supply request --quantity 100 --ref "470/200" --to Peruri --json
ID3=$(json_get 'j["id"]')
expect_ok "100 received against it" $W receive --supplier Peruri --ref SJ-5 --serials KTP0050000-KTP0050099 --to GUDANG --against "$ID3" --json
R5=$(json_get 'j["event"]')
second_person auditor || { fail "letting nobody write the ledger"; test_done; exit 1; }
expect_ok "the receipt's void prepared" inv receive void "$R5" --reason "salah surat jalan"
VOID=$(inv receive void list --json | python3 -c "import json,sys; print(json.load(sys.stdin)['records'][-1]['id'])")
expect_ok "and approved by another" $NOBODY_INV receive void approve "$VOID"
run inv supply list --json
check "the request is sent again, nothing received" test "$(json_get "[(r['state'], r['received']) for r in j if r['id'] == $ID3][0]")" = \
  "('sent', 0)"

expect_ok "verify passes" inv verify

# The state lives in the chain only, and verify replays the writers' rules:
# a forger who appends a well-hashed cancellation of the fulfilled request
# (as no program would write) is caught by the replay.
cp "$BLANKO_DB" "$TMP/forged.db"
sqlite3 "$TMP/forged.db" "PRAGMA wal_checkpoint" >/dev/null 2>&1
last=$(sqlite3 "$TMP/forged.db" "SELECT id || '|' || hash || '|' || time FROM event ORDER BY id DESC LIMIT 1")
detail="{\"request\":$ID,\"reason\":\"x\"}"
forged=$(printf '%s' "$last" | python3 -c '
import hashlib, sys
i, prev, time = sys.stdin.read().strip().split("|")
d = sys.argv[1]
text = f"blanko-event 1\nid {int(i) + 1}\nprev {prev}\ntime {time}\nactor wh\nvia \nkind supply.cancel\nref supply-x\ndetail {d}\n"
print(hashlib.sha256(text.encode()).hexdigest())' "$detail")
sqlite3 "$TMP/forged.db" "INSERT INTO event(id, time, actor, via, kind, ref, detail, prev, hash)
  SELECT id + 1, time, 'wh', '', 'supply.cancel', 'supply-x', '$detail', hash, '$forged' FROM event ORDER BY id DESC LIMIT 1"
run inv --db "$TMP/forged.db" verify
check "verify finds the cancellation of a fulfilled request (exit $rc)" sh -c \
  "test $rc = 3 && grep -q 'names request for blanks $ID, which was fulfilled already' '$TMP/out' '$TMP/err'"
test_done
