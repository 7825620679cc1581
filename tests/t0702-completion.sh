#!/bin/bash
# Bash completion for inventory and printctl (issue 12, item 6): commands,
# options per command, option values the usage names, and the locations,
# users and printers of the ledger.  The commands and options come from the
# programs' own table (the hidden global option --complete), so the
# completion is checked against it: every command and every option of every
# command is offered.  Each check sources etc/bash-completion/blanko, sets
# COMP_WORDS and COMP_CWORD, calls _blanko and reads COMPREPLY.
. "$(dirname "$0")/lib/test-lib.sh"

test_require bash
new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv location add VAULT-2 --kind store >/dev/null
"$PRINTCTL" --user pr printer add KARTU1 --queue nosuch --location RC1 --force >/dev/null 2>&1 ||
  fail "printer add KARTU1"
. "$TOP/etc/bash-completion/blanko"

# comp WORD...: complete the last WORD of the line; the offers, sorted, on one line.
comp() {
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMPREPLY=()
  _blanko 2>"$TMP/comp.err"
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
# offers DESCRIPTION EXPECTED WORD...: the offers are exactly EXPECTED (sorted).
offers() {
  local desc=$1 want got
  want=$(printf '%s\n' $2 | sort | tr '\n' ' ' | sed 's/ $//'); shift 2
  got=$(comp "$@")
  if [ "$got" = "$want" ] && [ ! -s "$TMP/comp.err" ]; then
    pass "$desc: $got"
  else
    fail "$desc (offered '$got', wanted '$want'; stderr: $(head -c 200 "$TMP/comp.err"))"
  fi
}

run "$INVENTORY" --complete
check "--complete lists the command table (first line: the global options)" \
  sh -c "head -1 '$TMP/out' | grep -q '^	--db=/ --user= --json --help --version	\$' && grep -q '^transfer	' '$TMP/out'"
run "$INVENTORY" --help
check "--complete is not in --help" sh -c "! grep -q complete '$TMP/out'"

I=$INVENTORY P=$PRINTCTL
offers "inventory: the first words of its commands" \
  "$("$I" --complete | cut -f1 | sed '/^$/d; s/ .*//' | sort -u)" "$I" ""
offers "a prefix" "destroy" "$I" "des"
offers "a two-word command's second words" "add disable enable list passwd set" "$I" user ""
offers "writeoff: its second words and the location its one-word form takes" \
  "approve cancel list show GUDANG RC1 VAULT-2" "$I" writeoff ""
offers "receive: the next word of its longer commands" "void" "$I" receive ""
offers "receive void: the third words (a three-word command)" "approve cancel list" "$I" receive void ""
offers "receive void approve's options" "--help --json" "$I" receive void approve --
offers "receive void's options" "--help --json --reason" "$I" receive void --
offers "the global options" "--db --help --json --user --version" "$I" --
offers "--user's values: the ledger's users" "au pr root wh" "$I" --user ""
offers "transfer's options" "--count --from --help --json --note --ref --serials --to" "$I" transfer --
offers "--to: locations (stores and print rooms, not states or hoppers)" "GUDANG RC1 VAULT-2" "$I" transfer --from GUDANG --to ""
offers "--to=VA (bash splits at =)" "VAULT-2" "$I" transfer --to = VA
offers "--db before the command names the ledger asked" "GUDANG RC1 VAULT-2" "$I" --db "$BLANKO_DB" transfer --to ""
offers "count's first argument: a location" "GUDANG RC1 VAULT-2" "$I" count ""
offers "user set's first argument: a user" "au pr root wh" "$I" user set ""
offers "--kind: the choices its usage names" "kecamatan kelurahan printroom store" "$I" location add X --kind ""
offers "--reason: the choices its usage names" "damaged found lost returned superseded wrong-data" \
  "$I" invalid --serials KTP1 --reason ""
offers "--role: the roles" "admin auditor distribution printroom warehouse" "$I" user add siti --role ""
offers "a path option completes files" "$TMP/out" "$I" report stock --output "$TMP/ou"
offers "  and its short form" "$TMP/out" "$I" report stock -o "$TMP/ou"
offers "an option's value is not taken for the first argument" "GUDANG RC1 VAULT-2" "$I" --json count ""
offers "printctl: printer load's first argument is a printer" "KARTU1" "$P" printer load ""
offers "printctl run --printer: printers" "KARTU1" "$P" run --printer ""
offers "printctl printer add --location: locations" "GUDANG RC1 VAULT-2" "$P" printer add X --queue q --location ""
offers "printctl render --format" "pdf png" "$P" render 3 --format ""
offers "no ledger: no names, and no message" "" "$I" --db "$TMP/none.db" transfer --to ""

# Every command and every option of the table is offered.
missing=""
for prog in "$I" "$P"; do
  while IFS= read -r line; do
    name=${line%%$'\t'*} opts=${line#*$'\t'}
    opts=${opts%%$'\t'*}
    [ -n "$name" ] || continue
    set -- $name
    case " $(comp "$prog" "") " in *" $1 "*) ;; *) missing="$missing $name" ;; esac
    [ $# -eq 2 ] && case " $(comp "$prog" "$1" "") " in *" $2 "*) ;; *) missing="$missing $name" ;; esac
    got=" $(comp "$prog" $name -) "
    for o in $opts; do
      o=${o%%=*}
      case $got in *" $o "*) ;; *) missing="$missing $name:$o" ;; esac
    done
  done < <("$prog" --complete)
done
check "every command and option of both tables is offered${missing:+ (missing:$missing)}" test -z "$missing"

test_done
