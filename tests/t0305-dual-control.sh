#!/bin/sh
# Dual control means two people: the preparer and the approver of a
# destruction record or write-off must be two different real accounts (the
# OS account that ran the command: root, when root acts for a user with
# --user).  Root acting for both is refused; whenever root acts for a user,
# the record and its documents say so ("au (via root)").
. "$(dirname "$0")/lib/test-lib.sh"
test_require root nobody useradd groupadd flock runuser pdftotext
. "$TOP/tests/lib/accounts.sh"

# Two real OS accounts, registered as auditors, in a group that may write
# the ledger's folder.
acct_group office || { fail "making a group"; test_done; exit 1; }
GRP=$acct_name
acct_user a "$GRP" || { fail "making account a"; test_done; exit 1; }
UA=$acct_name
acct_user b "$GRP" || { fail "making account b"; test_done; exit 1; }
UB=$acct_name
mkdir "$TMP/office"
chgrp "$GRP" "$TMP/office"
chmod 2770 "$TMP/office"
export BLANKO_DB="$TMP/office/ledger.db"
new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
chgrp "$GRP" "$BLANKO_DB"
inv user add au2 --role auditor >/dev/null
inv user add "$UA" --role auditor >/dev/null
inv user add "$UB" --role auditor >/dev/null
asA() { as_acct "$UA" "$INVENTORY" "$@"; }
asB() { as_acct "$UB" "$INVENTORY" "$@"; }
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0000001-KTP0000999 --to GUDANG >/dev/null
inv --user au spoil --serials KTP0000001-KTP0000050 --reason "printer jam" >/dev/null
D="--method incineration --place Halaman"
W1="Budi Santoso; Camat; 3201010101010001" W2="Siti Aminah; Lurah; 3201010101010002"

# Root for both: refused (before issue 12 this was accepted: the names differ).
inv --user au destroy prepare --serials KTP0000001-KTP0000010 $D >/dev/null
expect_refused "root prepared as au, root approves as au2: one real account, refused" 1 \
  "the account root prepared record 1 \(as au\) and may not approve it \(as au2\)" inv --user au2 destroy approve 1
expect_refused "root as itself (an admin) cannot approve what it prepared for au either" 1 \
  "the account root prepared record 1" inv destroy approve 1
expect_ok "show the record" inv destroy show 1
expect_out "destroy show says root acted for the preparer" "prepared: .* by au \(via root\)"
inv --user au writeoff GUDANG --serials KTP0000100-KTP0000104 --reason "hilang" >/dev/null
expect_refused "write-off: root prepared as au, root approves as au2: refused" 1 \
  "the account root prepared record 2 \(as au\)" inv --user au2 writeoff approve 2

# Two real accounts: accepted, and nobody acted for anyone.
expect_ok "a real account prepares" asA destroy prepare --serials KTP0000011-KTP0000020 $D
expect_refused "root acting as the real preparer is refused by name" 1 \
  "$UA prepared record 3 and may not approve it" inv --user "$UA" destroy approve 3
expect_ok "another real account approves" asB destroy approve 3
expect_ok "show it" inv --json destroy show 3
check "no via when each acted for themselves" \
  test "$(json_get 'j["preparer"]+"|"+j["preparer_via"]+"|"+j["approver"]+"|"+j["approver_via"]')" = "$UA||$UB|"

# Root acts for one person, a real account is the other: accepted, and said.
expect_ok "the real account b approves what root prepared for au" asB destroy approve 1
expect_ok "root (for au) executes it" inv --user au destroy execute 1 --witness "$W1" --witness "$W2"
expect_ok "show it" inv destroy show 1
expect_out "show: prepared via root" "prepared: .* by au \(via root\)"
expect_out "show: approved by the real account, no via" "approved: .* by $UB\$"
expect_out "show: executed via root" "executed: .* by au \(via root\)"
expect_ok "show --json" inv --json destroy show 1
check "--json: preparer_via and executor_via are root, approver_via is empty" \
  test "$(json_get 'j["preparer_via"]+"|"+j["approver_via"]+"|"+j["executor_via"]+"|"+str(j["hash_ok"])')" = "root||root|True"
expect_ok "the record's PDF (Indonesian)" inv --user au report destruction 1 --format pdf -o "$TMP/bap.pdf"
check "the PDF says root acted for the preparer" sh -c "pdftotext '$TMP/bap.pdf' - | grep -q 'au (melalui akun root)'"
expect_ok "the record's PDF (English)" inv --user au report destruction 1 --format pdf --lang en -o "$TMP/bap-en.pdf"
check "the English PDF says 'via root'" sh -c "pdftotext '$TMP/bap-en.pdf' - | grep -q 'au (via root)'"
expect_ok "the record's JSON report" inv --user au report destruction 1 --format json -o "$TMP/bap.json"
check "the JSON report names root as acting for the preparer" \
  python3 -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(j['preparer_via']!='root')" "$TMP/bap.json"

# A real preparer, root approves for another user: accepted, and said.
expect_ok "a real account prepares a write-off" asA writeoff GUDANG --serials KTP0000200 --reason "hilang"
expect_ok "root approves it as au2" inv --user au2 writeoff approve 4
expect_ok "writeoff show" inv writeoff show 4
expect_out "writeoff show: approved by au2 via root" "approved: .* by au2 \(via root\)"
expect_ok "writeoff list --json" inv --json writeoff list
check "writeoff list --json carries the vias" \
  test "$(json_get '[r["approver_via"] for r in j["records"] if r["id"]==4][0]')" = root
expect_ok "root's write-off 2 is approved by a real account" asB writeoff approve 2
expect_ok "destroy approve by root for au2 of a record b prepared" asB destroy prepare --serials KTP0000021-KTP0000030 $D
expect_ok "root approves it as au2" inv --user au2 destroy approve 5
expect_out "approve says who acted" "approved by au2 \(via root\)"

# The reconcile report names root with the open record's preparer.
inv --user au destroy prepare --serials KTP0000031-KTP0000040 $D >/dev/null
expect_ok "reconcile today" inv --user au report reconcile --from 2000-01-01 --to 2099-12-31 --lang id
expect_out "reconcile's open records say via root" "disiapkan oleh au \(melalui akun root\)"
expect_ok "reconcile today, in English" inv --user au report reconcile --from 2000-01-01 --to 2099-12-31 --lang en
expect_out "reconcile's open records say via root" "prepared by au \(via root\)"

expect_ok "the ledger verifies" inv verify
test_done
