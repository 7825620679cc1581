#!/bin/sh
# Who may do what: every command of both programs, run by an account without
# the role it needs and by an unregistered account, is refused, says why, and
# changes nothing.  The commands and their roles are read from the programs'
# own --help, so commands added later are covered too.
. "$(dirname "$0")/lib/test-lib.sh"

PRINTCTL="$BLANKO_BIN/printctl"
new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv user add ad --role admin >/dev/null

# commands PROGRAM: one command (one or two words) per line, from --help.
commands() {
  "$1" --help | sed -n '/^Commands:/,/^$/p' | sed '1d;/^$/d' |
    awk '{ if ($2 ~ /^[a-z][a-z-]*$/) print $1 " " $2; else print $1 }'
}

# roles_of PROGRAM COMMAND...: the roles --help names, comma-separated ("" for
# any user, "-" for init).  --help says "a user with the printroom role." or
# "a user with any of the roles warehouse, auditor.".
roles_of() {
  prog=$1; shift
  who=$("$prog" "$@" --help | sed -n 's/^Who: //p')
  case "$who" in
    anyone*) echo - ;;
    "a user with any of the roles "*)
      echo "$who" | sed 's/^a user with any of the roles \([a-z, ]*\)\.$/\1/; s/, */,/g' ;;
    "a user with the "*" role.") echo "$who" | sed 's/^a user with the \([a-z]*\) role\.$/\1/' ;;
    *) echo "" ;;
  esac
}

# outsider ROLES: a registered user holding none of ROLES.
outsider() {
  for u in wh:warehouse pr:printroom au:auditor ad:admin; do
    case ",$1," in *",${u#*:},"*) ;; *) echo "${u%%:*}"; return ;; esac
  done
}

for prog in "$INVENTORY" "$PRINTCTL"; do
  name=${prog##*/}
  n=0
  commands "$prog" >"$TMP/commands"
  while read -r cmd; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    roles=$(roles_of "$prog" $cmd)
    # shellcheck disable=SC2086
    run "$prog" --user ghost $cmd --help
    if [ "$rc" -eq 0 ]; then pass "$name $cmd --help works for anyone"; else fail "$name $cmd --help (exit $rc)"; fi
    [ "$roles" = "-" ] && continue
    # shellcheck disable=SC2086
    expect_refused "$name $cmd: an unregistered account is refused" 1 "ghost is not a registered user" \
      "$prog" --user ghost $cmd
    [ -z "$roles" ] && continue
    who=$(outsider "$roles")
    # shellcheck disable=SC2086
    expect_refused "$name $cmd: $who lacks the role $roles" 1 "needs the $roles role, which $who does not have" \
      "$prog" --user "$who" $cmd
  done <"$TMP/commands"
  check "$name lists its commands in --help ($n)" test "$n" -ge 4
done

check "the ledger keeps other accounts out (mode 0660)" test "$(stat -c %a "$BLANKO_DB")" = 660
inv --user wh receive --supplier P --ref R --serials KTP1-KTP9 --to GUDANG >/dev/null
expect_ok "the ledger still verifies" inv verify

test_done
