#!/bin/sh
# Labels for people where codes showed (issue 13 item 5): in an Indonesian
# session `inventory log` and `history` show event kinds and accounts in
# words with the code in brackets ("penerimaan (receive)", "rusak
# (spoiled)"), `destroy list/show` the record's state and method in words;
# in an English session (LANG=C) the codes stay; JSON keeps the codes
# whatever the language.  One list for request categories and reprint
# reasons: the refusals name the choices in the reader's language.
. "$(dirname "$0")/lib/test-lib.sh"

test_require localedef
TOOL="$TOP/build/ledger-tool"
mkdir "$TMP/locale"
localedef -i id_ID -f UTF-8 "$TMP/locale/id_ID.UTF-8" >/dev/null 2>&1 || fail "localedef made id_ID.UTF-8"
id_inv() { env -u LC_ALL -u LANGUAGE LOCPATH="$TMP/locale" LANG=id_ID.UTF-8 "$INVENTORY" "$@"; }

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
second_person auditor || fail "letting nobody approve"
inv --user wh receive --supplier Peruri --ref SJ-001 --serials KTP0001000-KTP0001999 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001199 >/dev/null
"$TOOL" "$BLANKO_DB" pr move print RC1 issued KTP0001000-KTP0001009
inv --user pr spoil --serials KTP0001010-KTP0001012 --reason "printer jam" >/dev/null
inv --user au destroy prepare --all --method incineration --place Halaman >/dev/null
$NOBODY_INV --user nobody destroy approve 1 >/dev/null 2>&1 || fail "nobody approved the destruction"

# log: event kinds in words in Indonesian, codes in English and JSON
run id_inv log
expect_out "log (id): a receipt in words with its code" "penerimaan \(receive\)"
expect_out "log (id): a transfer" "pemindahan \(transfer\)"
expect_out "log (id): the destruction prepared" "pemusnahan: disiapkan \(destroy\.prepare\)"
expect_out "log (id): a count grouped the Indonesian way" "penerimaan \(receive\) +1\.000 "
run inv log
expect_out "log (C): the kind as its code" "  receive +1,000 +SJ-001"
check "log (C): no Indonesian label" sh -c "! grep -q 'penerimaan' '$TMP/out'"
run id_inv log --json
check "log JSON (id): kinds stay codes" sh -c "python3 -c 'import json,sys; k=[e[\"kind\"] for e in json.load(open(sys.argv[1]))]; assert \"receive\" in k and \"destroy.prepare\" in k, k' '$TMP/out'"

# history: the kind and the accounts in words
run id_inv history KTP0001010
expect_out "history (id): the spoil in words" "blangko rusak \(spoil\)"
expect_out "history (id): the spoiled account with its code" "-> rusak \(spoiled\)"
run inv history KTP0001010
expect_out "history (C): the codes" "spoil +RC1 +-> spoiled "
run id_inv history KTP0001010 --json
check "history JSON (id): codes" test "$(json_get '[(m["kind"], m["to"]) for m in j][-1]')" = "('spoil', 'spoiled')"

# destroy list and show: the state and the method in words
run id_inv destroy list
expect_out "destroy list (id): the state and method in words" "^ +1  disetujui +3 +pembakaran \(incineration\) "
run inv destroy list
expect_out "destroy list (C): the state as its code" "^ +1  approved +3 +incineration"
run id_inv destroy show 1
expect_out "destroy show (id): the state in words" "\(disetujui\)"
check "destroy show (id): no bare state code" sh -c "! grep -qw 'approved' '$TMP/out'"
run inv destroy show 1
expect_out "destroy show (C): the state" "^Destruction record 1 \(approved\)"
run id_inv destroy list --json
check "destroy list JSON (id): the codes" test "$(json_get '(j["records"][0]["state"], j["records"][0]["method"])')" = "('approved', 'incineration')"

# one list for request categories and reprint reasons
printf 'nik,name\n3201010101010001,Budi\n' >"$TMP/one.csv"
run env -u LC_ALL -u LANGUAGE LOCPATH="$TMP/locale" LANG=id_ID.UTF-8 "$PRINTCTL" --user pr import --replace stolen "$TMP/one.csv"
check "--replace (id): the reasons in Indonesian with their codes" \
  grep -q 'hilang (lost), rusak (damaged), perubahan-data (data-change)' "$TMP/err"
check "--replace (id): no category that is not a reason" sh -c "! grep -q 'baru' '$TMP/err'"

run inv verify
check "verify passes" test "$rc" = 0
test_done
