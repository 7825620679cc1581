#!/bin/sh
# inventory user disable / enable (issue 12): a disabled user can run no
# command, reading included, in either program; the last enabled admin
# cannot be disabled; user list shows the state; the state is in the chain,
# and verify catches it changed behind the program's back.
. "$(dirname "$0")/lib/test-lib.sh"

for c in "user disable" "user enable"; do
  # shellcheck disable=SC2086
  run inv $c --help
  check "'$c --help' prints usage" grep -q "^Usage: inventory $c NAME" "$TMP/out"
  check "the man page documents '$c'" grep -q "^\\.SS \"*$c" "$TOP/inventory/inventory.1"
done

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv user add boss --role admin >/dev/null
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0000001-KTP0000100 --to GUDANG >/dev/null

expect_ok "an admin disables a user" inv user disable au
expect_out "it says so" "Disabled user au"
expect_ok "user list" inv user list
expect_out "user list: a STATE column" "^USER +ROLES +SINCE +STATE$"
expect_out "user list: au is disabled" "^au +auditor +[0-9-]+ [0-9:]+ WI[BT]A? +disabled$"
expect_out "user list: wh is enabled" "^wh +warehouse +[0-9-]+ [0-9:]+ WI[BT]A? +enabled$"
expect_ok "user list --json" inv --json user list
check "user list --json gives each user's state" \
  test "$(json_get '",".join(u["name"]+"="+u["state"] for u in j)')" = "au=disabled,boss=enabled,pr=enabled,root=enabled,wh=enabled"
check "user list --json says when au was disabled" test "$(json_get 'j[0]["disabled"][:2]')" = 20

# A disabled user can do nothing: writes, approvals and reads.
for args in "stock" "user list" "verify" "log" "history KTP0000001" "destroy list" \
    "spoil --serials KTP0000001 --reason x" "count GUDANG --serials KTP0000001-KTP0000100" \
    "destroy approve 1" "writeoff GUDANG --serials KTP0000002 --reason x"; do
  # shellcheck disable=SC2086
  expect_refused "a disabled user cannot run '$args'" 1 "user au is disabled in .* and may do nothing" inv --user au $args
done
expect_refused "nor run printctl" 1 "user au is disabled" "$PRINTCTL" --user au requests
expect_refused "a disabled user is refused with --json too" 1 "user au is disabled" inv --user au --json stock

expect_refused "disable twice" 1 "user au is disabled already" inv user disable au
expect_refused "enable a user who is not disabled" 1 "user wh is not disabled" inv user enable wh
expect_refused "disable an unknown user" 1 "ghost is not a registered user" inv user disable ghost
expect_refused "only an admin may disable" 1 "needs the admin role" inv --user wh user disable pr
expect_refused "only an admin may enable" 1 "needs the admin role" inv --user wh user enable au
expect_refused "disable needs a name" 2 "give exactly one user NAME" inv user disable
expect_ok "an admin enables the user again" inv --json user enable au
check "enable --json" test "$(json_get 'j["name"]+"="+j["state"]')" = "au=enabled"
expect_ok "the enabled user acts again" inv --user au spoil --serials KTP0000001 --reason "jatuh"

# The last enabled admin.
expect_ok "an admin disables another admin" inv user disable boss
expect_refused "the last enabled admin cannot be disabled" 1 "root is the last enabled admin and cannot be disabled" \
  inv user disable root
expect_ok "enable the other admin" inv user enable boss
expect_ok "an admin may disable another while one stays" inv --user boss user disable root
expect_refused "root, as a disabled user, can do nothing as itself" 1 "user root is disabled" inv stock
expect_refused "and boss cannot be disabled now" 1 "boss is the last enabled admin" inv --user boss user disable boss
expect_ok "boss enables root again" inv --user boss user enable root
expect_ok "a user with roles beyond admin is still an admin for the count" inv user set boss --role admin,auditor

# The chain.
expect_ok "log --json" inv --json log --limit 100
check "the chain holds the user.disable and user.enable events" \
  test "$(json_get '" ".join(e["kind"] for e in reversed(j) if e["kind"].startswith("user.") and e["kind"] not in ("user.add","user.set"))')" = \
  "user.disable user.enable user.disable user.enable user.disable user.enable"
expect_ok "the ledger verifies" inv verify
inv user disable pr >/dev/null
expect_ok "the ledger verifies with a user disabled" inv verify
sqlite3 "$BLANKO_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$BLANKO_DB" "$TMP/good.db"
tamper "a disabled user enabled by hand" "user pr differs from the events" "UPDATE user SET disabled = '' WHERE name = 'pr'"
tamper "a user disabled by hand" "user wh differs from the events" \
  "UPDATE user SET disabled = '2026-12-05T00:00:00Z' WHERE name = 'wh'"

# An old ledger migrates: every user enabled, and it verifies.
cp "$TOP/tests/data/ledger-v1.sqlite" "$TMP/v1.db"
chmod 660 "$TMP/v1.db"
expect_ok "an old ledger opens (and migrates)" inv --db "$TMP/v1.db" --json user list
check "its users are all enabled" test "$(json_get 'set(u["state"] for u in j)')" = "{'enabled'}"
expect_ok "an old ledger's user is disabled" inv --db "$TMP/v1.db" user disable "$(json_get '[u["name"] for u in j if "admin" not in u["roles"]][0]')"
expect_ok "and the old ledger verifies" inv --db "$TMP/v1.db" verify
test_done
