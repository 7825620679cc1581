#!/bin/sh
# inventory init, users, roles, --help and usage errors.
. "$(dirname "$0")/lib/test-lib.sh"

for c in init "user add" "user set" "user list" "location add" "location list" receive transfer stock count history log verify \
    invalid spoil writeoff "writeoff approve" "writeoff cancel" "writeoff list" "writeoff show" \
    "destroy prepare" "destroy approve" "destroy execute" "destroy cancel" "destroy list" "destroy show" \
    "report destruction" "report reconcile" "report stock"; do
  # shellcheck disable=SC2086
  run inv $c --help
  if [ "$rc" -eq 0 ] && grep -q "^Usage: inventory $c" "$TMP/out" && [ ! -e "$BLANKO_DB" ]; then
    pass "'$c --help' prints usage without a ledger"
  else
    fail "'$c --help' (exit $rc)"
  fi
done
for c in init "user add" "user set" "user list" "location add" "location list" receive transfer stock count history log verify \
    invalid spoil writeoff "writeoff approve" "writeoff cancel" "writeoff list" "writeoff show" \
    "destroy prepare" "destroy approve" "destroy execute" "destroy cancel" "destroy list" "destroy show" \
    "report destruction" "report reconcile" "report stock"; do
  check "the man page documents '$c'" grep -q "^\\.SS \"*$c" "$TOP/inventory/inventory.1"
done

expect_refused "a command before init names init" 1 "run 'inventory init'" inv stock
expect_ok "init creates a ledger" inv init
expect_out "init names the admin" "root is its admin"
check "the ledger is mode 0660 (the office group may share it, others may not)" \
  test "$(stat -c %a "$BLANKO_DB")" = 660
expect_refused "a second init is refused" 1 "exists already" inv init

expect_refused "an unknown command is a usage error" 2 "unknown command 'frobnicate'" inv frobnicate
expect_refused "an unknown option is a usage error" 2 "unknown option --colour" inv stock --colour
expect_refused "a missing option value is a usage error" 2 "needs a value" inv receive --supplier
expect_refused "a missing required option is a usage error" 2 "required" inv user add alice

expect_ok "admin adds a warehouse user" inv user add wh --role warehouse
expect_ok "admin adds a user with two roles" inv user add au --role auditor,warehouse
expect_refused "a user is added once" 1 "exists already" inv user add wh --role auditor
expect_refused "an unknown role is refused" 1 "--role" inv user add x --role janitor
expect_refused "a bad user name is refused" 1 "bad user name" inv user add "a b" --role auditor
expect_refused "a non-admin cannot add users, and the message names the role" 1 "needs the admin role" \
  inv --user wh user add eve --role admin
expect_refused "an unregistered user can do nothing" 1 "not a registered user" inv --user ghost stock
expect_ok "admin changes a user's roles" inv user set au --role auditor,printroom
expect_refused "an admin cannot drop their own admin role" 1 "may not take the admin role from themselves" \
  inv user set root --role auditor
expect_refused "roles of an unknown user" 1 "ghost is not a registered user" inv user set ghost --role auditor
expect_refused "a non-admin cannot change roles" 1 "needs the admin role" inv --user wh user set wh --role admin
expect_ok "users are listed" inv user list --json
check "user list --json has the users and roles" \
  test "$(json_get '",".join(u["name"]+"="+u["roles"] for u in j)')" = "au=printroom,auditor,root=admin,wh=warehouse"

# Only root may act as another user.
if test_have nobody; then
  chmod 644 "$BLANKO_DB"			# nobody may read it (a ledger others may write is refused)
  run runuser -u nobody -- "$INVENTORY" --user wh stock
  if [ "$rc" -eq 1 ] && grep -q "only root may act as another user" "$TMP/err"; then
    pass "only root may act as another user"
  else
    fail "only root may act as another user (exit $rc: $(cat "$TMP/err"))"
  fi
  run runuser -u nobody -- "$INVENTORY" stock
  if [ "$rc" -eq 1 ] && grep -q "nobody is not a registered user" "$TMP/err"; then
    pass "an unregistered OS account is refused by name"
  else
    fail "an unregistered OS account is refused by name (exit $rc: $(cat "$TMP/err"))"
  fi
  chmod 660 "$BLANKO_DB"
fi

expect_ok "verify after role changes" inv verify
inv location add GUDANG --kind store >/dev/null
inv --user wh count GUDANG --serials A1 >/dev/null 2>&1
expect_ok "the log as JSON" inv --user wh log --json
check "root acting as wh is recorded as both" \
  test "$(json_get '[(e["actor"],e["via"]) for e in j if e["kind"]=="count"][0]')" = "('wh', 'root')"
check "events made by root itself carry no via" \
  test "$(json_get '[(e["actor"],e["via"]) for e in j if e["kind"]=="init"][0]')" = "('root', '')"

test_done
