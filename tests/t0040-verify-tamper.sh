#!/bin/sh
# verify replays the ledger and catches edits made behind the program's back.
. "$(dirname "$0")/lib/test-lib.sh"

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
W="inv --user wh"
$W receive --supplier Peruri --ref SJ-001 --serials KTP0001000-KTP0001999 --to GUDANG >/dev/null
$W transfer --from GUDANG --to RC1 --serials KTP0001100-KTP0001199 >/dev/null
$W transfer --from GUDANG --to RC1 --count 5 >/dev/null
$W transfer --from RC1 --to GUDANG --serials KTP0001150 >/dev/null

expect_ok "verify passes on an honest ledger" inv verify
expect_out "it prints OK, the event count and the chain head" "^OK: 10 events, chain head [0-9a-f]{64}; 1,000 blanks"
expect_ok "verify --json" inv verify --json
check "verify --json says ok" test "$(json_get 'j["ok"]')" = True
cp "$BLANKO_DB" "$TMP/good.db"

# tamper: tests/lib/test-lib.sh

tamper "a changed movement" "^FAILED: event 8 does not match its hash" \
  "UPDATE movement SET last = last + 1 WHERE event_id = 8"
tamper "a movement given to another account" "^FAILED: event 8 does not match its hash" \
  "UPDATE movement SET to_id = (SELECT id FROM account WHERE code = 'GUDANG') WHERE event_id = 8"
tamper "a movement numbered again (ids are unique by the program's numbering, not the table's key)" \
  "^FAILED: event 9 has a movement numbered 1 after movement" \
  "UPDATE movement SET id = 1 WHERE event_id = 9"
tamper "a changed event field" "^FAILED: event 7 does not match its hash" \
  "UPDATE event SET ref = 'SJ-999' WHERE id = 7"
tamper "a changed actor" "^FAILED: event 9 does not match its hash" \
  "UPDATE event SET actor = 'au' WHERE id = 9"
tamper "a deleted event" "^FAILED: event 9 is missing" \
  "PRAGMA foreign_keys = OFF; DELETE FROM movement WHERE event_id = 9; DELETE FROM event WHERE id = 9"
tamper "an inserted event" "^FAILED: event 9 does not match its hash" \
  "PRAGMA foreign_keys = OFF;
   UPDATE event SET id = id + 1000 WHERE id >= 9; UPDATE event SET id = id - 999 WHERE id >= 1000;
   UPDATE movement SET event_id = event_id + 1 WHERE event_id >= 9;
   INSERT INTO event(id, time, actor, via, kind, ref, detail, prev, hash)
     SELECT 9, time, 'wh', '', 'count', 'RC1', '{}', hash, hash FROM event WHERE id = 8"
# A forger who knows the canonical form gives the inserted event a valid
# hash of its own; the chain still breaks at the event after it.
forged_hash=$(sqlite3 "$TMP/good.db" "SELECT hash, time FROM event WHERE id = 8" | python3 -c '
import hashlib, sys
prev, time = sys.stdin.read().strip().split("|")
text = f"blanko-event 1\nid 9\nprev {prev}\ntime {time}\nactor wh\nvia \nkind count\nref RC1\ndetail {{}}\n"
print(hashlib.sha256(text.encode()).hexdigest())')
tamper "an inserted event with a valid hash of its own" "^FAILED: event 10 does not link to event 9" \
  "PRAGMA foreign_keys = OFF;
   UPDATE event SET id = id + 1000 WHERE id >= 9; UPDATE event SET id = id - 999 WHERE id >= 1000;
   UPDATE movement SET event_id = event_id + 1 WHERE event_id >= 9;
   INSERT INTO event(id, time, actor, via, kind, ref, detail, prev, hash)
     SELECT 9, time, 'wh', '', 'count', 'RC1', '{}', hash, '$forged_hash' FROM event WHERE id = 8"
tamper "an edited holding" "^FAILED: stored holding KTP0001100-KTP0001149 at GUDANG differs" \
  "UPDATE holding SET account_id = (SELECT id FROM account WHERE code = 'GUDANG') WHERE first = 1100"
tamper "a deleted holding" "^FAILED: stored holding .* differs|missing from the stored holdings" \
  "DELETE FROM holding WHERE first = 1100"
tamper "an edited balance" "^FAILED: account RC1: stored balance 1000, replayed 104" \
  "UPDATE account SET balance = 1000 WHERE code = 'RC1'"
tamper "a user added behind the program's back" "^FAILED: 1 user was not added by any event" \
  "INSERT INTO user(name, roles, since) VALUES('mallory', 15, 'now')"
tamper "a user's roles raised" "^FAILED: user wh differs from the events that made it" \
  "UPDATE user SET roles = 15 WHERE name = 'wh'"
tamper "an account added behind the program's back" "^FAILED: account VAULT was not made by any event" \
  "INSERT INTO account(code, kind) VALUES('VAULT', 'store')"
tamper "an account whose code holds a newline (the report stays one line)" \
  "^FAILED: account VA\?ULT was not made by any event" \
  "INSERT INTO account(code, kind) VALUES('VA' || char(10) || 'ULT', 'store')"
tamper "an orphan movement" "^FAILED: 1 movement rows belong to no event" \
  "PRAGMA foreign_keys = OFF; INSERT INTO movement(id, event_id, series_id, first, last, bucket, from_id, to_id)
     VALUES((SELECT max(id) + 1 FROM movement), 999, 1, 5, 5, 0, 1, 2)"
tamper "a movement's index entry changed" "^FAILED: event 7 has a movement whose index entry was changed" \
  "UPDATE movement SET bucket = 3 WHERE event_id = 7"

cp "$TMP/good.db" "$BLANKO_DB"
expect_ok "the untouched copy still verifies" inv verify

test_done
