#!/bin/sh
# The person behind each user (issue 13): an admin sets the full name, NIP
# and post documents show; user list shows them (--json too); each change is
# a user.person event with the three values, which verify replays, so a hand
# edit of the user table is caught; a non-admin and a bad NIP are refused;
# an old ledger migrates and takes them.
. "$(dirname "$0")/lib/test-lib.sh"

new_ledger
expect_ok "an admin sets wh's full name, NIP and post" \
  inv user set wh --full-name "Rina Wulandari, S.Kom." --nip "19850312 201001 2 015" --post "Pengelola Gudang Blangko"
expect_out "the change is said" "Rina Wulandari, S.Kom\\., NIP 19850312 201001 2 015, Pengelola Gudang Blangko"
expect_ok "user list" inv user list
expect_out "user list shows the person under the user" "^ +Rina Wulandari, S\\.Kom\\., NIP 19850312 201001 2 015, Pengelola Gudang Blangko$"
expect_ok "user list --json" inv --json user list
check "user list --json has full_name, nip and post" \
  test "$(json_get '[(u["full_name"], u["nip"], u["post"]) for u in j if u["name"] == "wh"][0]')" = \
       "('Rina Wulandari, S.Kom.', '19850312 201001 2 015', 'Pengelola Gudang Blangko')"
check "a user without details has empty ones" test "$(json_get '[u["full_name"] + u["nip"] for u in j if u["name"] == "au"][0]')" = ""

expect_ok "an option left out keeps its value" inv user set wh --post "Kepala Gudang"
expect_ok "user list --json" inv --json user list
check "only the post changed" \
  test "$(json_get '[(u["full_name"], u["post"]) for u in j if u["name"] == "wh"][0]')" = "('Rina Wulandari, S.Kom.', 'Kepala Gudang')"
expect_ok "roles and details in one command" inv user set au --role auditor,warehouse --full-name "Budi Santoso" --nip 196901011990031001
expect_ok "user set --json" inv --json user set au --post "Auditor Internal"
check "user set --json says the person" test "$(json_get 'j["roles"] + "|" + j["full_name"] + "|" + j["post"]')" = "warehouse,auditor|Budi Santoso|Auditor Internal"

expect_ok "the events" inv --json log
check "each change is a user.person event with the three values" \
  test "$(json_get 'len([e for e in j if e["kind"] == "user.person"])')" = 4
check "the event's detail names the user, full name, NIP and post" \
  test "$(json_get '[sorted(e["detail"].keys()) for e in j if e["kind"] == "user.person"][0]')" = "['full_name', 'name', 'nip', 'post']"

expect_refused "a non-admin may not set details" 1 "admin" inv --user wh user set au --post "Kepala"
expect_refused "a NIP of 17 digits is refused" 1 "NIP" inv user set wh --nip "19850312 201001 2 01"
expect_refused "a NIP with letters is refused" 1 "NIP" inv user set wh --nip "19850312A01001201 5"
expect_refused "an unregistered user is refused" 1 "not a registered user" inv user set zed --full-name "Zed"
expect_refused "no option is a usage error" 2 "--role" inv user set wh
expect_refused "the same details again are refused" 1 "already" inv user set wh --post "Kepala Gudang"
expect_refused "a control character in a name is refused" 1 "control" inv user set wh --full-name "$(printf 'Rina\tW')"

expect_ok "the ledger verifies" inv verify
cp "$BLANKO_DB" "$TMP/good.db"
sqlite3 "$TMP/good.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
tamper "a full name edited by hand" "wh: full name, NIP or post differs" "UPDATE user SET full_name = 'Orang Lain' WHERE name = 'wh'"
tamper "a NIP edited by hand" "wh: full name, NIP or post differs" "UPDATE user SET nip = '199001012015011001' WHERE name = 'wh'"
tamper "details given without an event" "pr: full name, NIP or post differs" "UPDATE user SET post = 'Kepala' WHERE name = 'pr'"
tamper "a changed user.person event" "hash|chain" \
  "UPDATE event SET detail = replace(detail, 'Kepala Gudang', 'Kepala Dinas') WHERE kind = 'user.person'"

# An old ledger (schema 1) migrates: empty details, then set and verified.
cp "$TOP/tests/data/ledger-v1.sqlite" "$TMP/v1.db"
expect_ok "a schema-1 ledger opens and verifies (migrated)" inv --db "$TMP/v1.db" verify
check "it has the columns, empty" test "$(sqlite3 "$TMP/v1.db" "SELECT count(*) FROM user WHERE full_name = '' AND nip = '' AND post = ''")" = \
  "$(sqlite3 "$TMP/v1.db" "SELECT count(*) FROM user")"
admin=$(sqlite3 "$TMP/v1.db" "SELECT name FROM user WHERE roles & 1 LIMIT 1")
expect_ok "the migrated ledger takes details" inv --db "$TMP/v1.db" --user "$admin" user set "$admin" --full-name "Sri Wahyuningsih"
expect_ok "and still verifies" inv --db "$TMP/v1.db" verify

test_done
