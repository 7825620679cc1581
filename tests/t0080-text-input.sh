#!/bin/sh
# Text from outside: every argument of both programs, imported cells and
# settings must be valid UTF-8 with no control or bidirectional characters
# (refused with one line naming the option or field, the ledger unchanged);
# stored text is shown safely ('?'); destruction witnesses must be valid;
# CSV report cells that a spreadsheet would take for a formula are
# neutralised; an import's valid_until may not lie in the past.
. "$(dirname "$0")/lib/test-lib.sh"

PRINTCTL="$BLANKO_BIN/printctl"
GEN="$TOP/build/gen-residents"
pc() { "$PRINTCTL" --user pr "$@"; }

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv user add au2 --role auditor >/dev/null
W="inv --user wh" P="inv --user pr" A="inv --user au" A2="inv --user au2"
# Dual control needs two real accounts (issue 12): the second auditor is the account nobody.
second_person auditor || fail "letting nobody approve"
A2=$NOBODY_INV
$W receive --supplier Peruri --ref SJ-001 --serials KTP0001000-KTP0001999 --to GUDANG >/dev/null
$W transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001099 >/dev/null

BAD=$(printf 'PT \377Peruri')			# not UTF-8
OVERLONG=$(printf 'a\300\257b')			# overlong "/"
SURROGATE=$(printf 'a\355\240\200b')		# U+D800 in UTF-8
ESC=$(printf 'SJ\033[31m-9')			# an ANSI escape sequence
NL=$(printf 'SJ\nInjected: line')		# a newline
TAB=$(printf 'SJ\t9')				# a tab
C1=$(printf 'SJ\302\2039')			# U+0083, a C1 control
RLO=$(printf 'SJ\342\200\2569-JS')		# U+202E right-to-left override
LRI=$(printf 'SJ\342\201\2469')			# U+2066 left-to-right isolate
GOOD=$(printf 'Perum Peruri \342\200\224 Karawang')	# an em dash is fine

# --- 5.5: text that is not UTF-8, in every argument -------------------------------------
r() { $W receive --supplier "$1" --ref "$2" --serials KTP0005000 --to GUDANG; }
expect_refused "receive --supplier not UTF-8" 1 '^inventory receive: --supplier is not valid UTF-8 text$' r "$BAD" SJ-9
expect_refused "receive --ref not UTF-8" 1 '^inventory receive: --ref is not valid UTF-8 text$' r Peruri "$BAD"
expect_refused "--ref=VALUE not UTF-8 names the option" 1 '^inventory receive: --ref is not valid UTF-8 text$' \
  $W receive --supplier Peruri "--ref=$BAD" --serials KTP0005000 --to GUDANG
expect_refused "an overlong UTF-8 form" 1 '--ref is not valid UTF-8' r Peruri "$OVERLONG"
expect_refused "a UTF-16 surrogate in UTF-8" 1 '--ref is not valid UTF-8' r Peruri "$SURROGATE"
expect_refused "transfer --from not UTF-8" 1 '^inventory transfer: --from is not valid UTF-8 text$' \
  $W transfer --from "$BAD" --to RC1 --count 1
expect_refused "an operand not UTF-8" 1 '^inventory destroy approve: argument 1 is not valid UTF-8 text$' \
  $A destroy approve "$BAD"
expect_refused "history of a serial not UTF-8" 1 '^inventory history: argument 1 is not valid UTF-8' inv history "$BAD"
expect_refused "location add --name not UTF-8" 1 '--name is not valid UTF-8' inv location add RC9 --kind printroom --name "$BAD"
expect_refused "global --user not UTF-8" 1 '^inventory: --user is not valid UTF-8 text$' inv --user "$BAD" stock
expect_refused "global --db not UTF-8" 1 '^inventory: --db is not valid UTF-8 text$' inv --db "$TMP/$BAD.db" stock
check "a refused --db made no file" test -z "$(find "$TMP" -maxdepth 1 -name '*.db' ! -name ledger.db)"
expect_refused "printctl: an option not UTF-8" 1 '^printctl requests: --state is not valid UTF-8 text$' pc requests --state "$BAD"
expect_refused "printctl: an operand not UTF-8" 1 '^printctl import: argument 1 is not valid UTF-8 text$' pc import "$TMP/$BAD.csv"
expect_refused "an unknown command is echoed safely" 2 "^inventory: unknown command 'st\?ock'" inv "$(printf 'st\033ock')"
if grep -q "$(printf '\033')" "$TMP/err"; then fail "the unknown command's escape reached the terminal"; else pass "no escape on stderr"; fi
expect_ok "UTF-8 text is fine" r "$GOOD" SJ-9
expect_ok "the log as JSON" inv log --json
check "the receipt is in the log, supplier and reference intact" \
  test "$(json_get '[e["ref"] for e in j if e["kind"]=="receive" and e["ref"]=="SJ-9"]')" = "['SJ-9']"
expect_ok "history --json of the serial" inv history KTP0005000 --json
check "history --json shows the receipt" test "$(json_get 'len(j)')" = 1

# --- 5.4: control and bidirectional characters in arguments ------------------------------
for v in ESC NL TAB C1; do
  eval "val=\$$v"
  expect_refused "--ref with $v" 1 '^inventory receive: --ref holds a control character' r Peruri "$val"
done
for v in RLO LRI; do
  eval "val=\$$v"
  expect_refused "--ref with $v" 1 '^inventory receive: --ref holds a bidirectional control character' r Peruri "$val"
done
expect_refused "location add --name with a newline" 1 '^inventory location add: --name holds a control character' \
  inv location add RC9 --kind printroom --name "$NL"
expect_refused "spoil --reason with an escape" 1 '^inventory spoil: --reason holds a control character' \
  $P spoil --serials KTP0001000 --reason "$ESC"

# --- 5.1: destruction witnesses must be valid text ---------------------------------------
$P spoil --serials KTP0001000-KTP0001003 --reason "=HYPERLINK(\"http://x\",\"klik\")" >/dev/null
$P spoil --serials KTP0001004 --reason "+62 811 0000" >/dev/null
$P spoil --serials KTP0001005 --reason "-1+2" >/dev/null
$P spoil --serials KTP0001006 --reason "@SUM(A1)" >/dev/null
$P spoil --serials KTP0001007 --reason "printer jam" >/dev/null
$A destroy prepare --all --method incineration --place "=cmd|' /C calc'!A0" >/dev/null
$A2 destroy approve 1 >/dev/null
W1="Budi Santoso; Camat; 3201010101010001" W2="Siti Aminah; Lurah; 3201010101010002"
expect_refused "execute: two witnesses that are not UTF-8" 1 '^inventory destroy execute: --witness is not valid UTF-8 text$' \
  $A destroy execute 1 --witness "$(printf 'Bud\377i; Camat; 1')" --witness "$(printf 'Sit\377i; Lurah; 2')"
expect_refused "execute: one good witness, one not UTF-8" 1 '--witness is not valid UTF-8 text' \
  $A destroy execute 1 --witness "$W1" --witness "$(printf 'Sit\377i; Lurah; 2')"
expect_refused "execute: a witness with an escape" 1 '--witness holds a control character' \
  $A destroy execute 1 --witness "$W1" --witness "$(printf 'Siti\033[8m; Lurah; 2')"
expect_ok "the record is still approved" $A --json destroy show 1
check "nothing was sealed" test "$(json_get '(j["state"], j["witnesses"])')" = "('approved', [])"
expect_ok "execute with two valid witnesses" $A destroy execute 1 --witness "$W1" --witness "$W2"
expect_ok "the sealed record" $A --json destroy show 1
check "it names both witnesses" test "$(json_get 'len(j["witnesses"])')" = 2

# --- 5.3: CSV cells neutralised against formulas -----------------------------------------
expect_ok "the destruction CSV" $A report destruction 1 --format csv -o "$TMP/bap.csv"
reasons=$(python3 -c "import csv,sys; print('|'.join(sorted(set(r['reason'] for r in csv.DictReader(open(sys.argv[1], newline=''))))))" "$TMP/bap.csv")
check "formula-like reasons get a leading apostrophe ($reasons)" test "$reasons" = \
  "'+62 811 0000|'-1+2|'=HYPERLINK(\"http://x\",\"klik\")|'@SUM(A1)|printer jam"
check "the record, range and origin columns are as they were" grep -Eq '^"1","KTP0001000","KTP000100[0-9]","[0-9]+","spoiled",' "$TMP/bap.csv"
expect_ok "the reconcile CSV" $A report reconcile --from 2000-01-01 --to 2100-12-31 --format csv -o "$TMP/rec.csv"
check "its numbers stay unquoted numbers" grep -Eq '^"GUDANG",store(,-?[0-9]+)+,yes' "$TMP/rec.csv"

# --- Stored text is shown safely (written behind the program's back) ---------------------
cp "$BLANKO_DB" "$TMP/good.db"
sqlite3 "$BLANKO_DB" "UPDATE account SET name = 'Ruang' || char(27) || '[2J' || char(10) || 'cetak' || char(8238) WHERE code = 'RC1';
                      UPDATE event SET ref = 'SJ' || char(27) || ']0;pwn' || char(7) WHERE id = (SELECT max(id) FROM event WHERE kind = 'receive');
                      UPDATE record SET place = 'Halaman' || char(155) || '31m' WHERE id = 1;"
expect_ok "location list" inv location list
check "a stored name is shown with '?' for its controls" grep -q "Ruang?\[2J?cetak?$" "$TMP/out"
expect_ok "log" inv log
check "a stored reference is shown with '?'" grep -q "SJ?\]0;pwn?" "$TMP/out"
sqlite3 "$BLANKO_DB" "UPDATE event SET ref = CAST(X'534AFF39' AS TEXT) WHERE id = (SELECT min(id) FROM event WHERE kind = 'receive')"
expect_ok "log --json" inv log --json
check "an event whose stored reference is not UTF-8 is listed, with '?'" \
  test "$(json_get '[e["ref"] for e in j if e["kind"]=="receive"]')" = "['SJ?]0;pwn?', 'SJ?9']"
expect_ok "history --json" inv history KTP0001000 --json
check "history --json lists the receipt, with '?'" test "$(json_get '[e["ref"] for e in j][0]')" = "SJ?9"
run $A destroy show 1
check "destroy show finds the sealed record changed (exit $rc)" test "$rc" = 3
check "a stored place with a C1 control is shown with '?'" grep -q "Halaman?31m" "$TMP/out"
run inv verify
check "verify still reports the edited event in one safe line" grep -q "^FAILED" "$TMP/out"
for f in out err; do
  if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$TMP/$f"; then fail "no control characters on std$f"; fi
done
cp "$TMP/good.db" "$BLANKO_DB"; rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"

# --- Settings ------------------------------------------------------------------------------
printf '[site]\noffice = Disdukcapil\033[31m Kota\n' >"$BLANKO_CONF"
expect_refused "a setting with an escape" 1 'blanko.conf:2: the value of site.office holds a control character' inv stock
printf '[site]\noffice = Disdukcapil \377\n' >"$BLANKO_CONF"
expect_refused "a setting not UTF-8" 1 'blanko.conf:2: the value of site.office is not valid UTF-8' inv stock
: >"$BLANKO_CONF"

# --- printctl import: cells, header, valid_until -------------------------------------------
card_site_setup
"$GEN" -n 3 -s 2 -o "$TMP/res" >/dev/null
# variant NAME FIELD VALUE: the first resident with FIELD set to VALUE (bytes).
variant() { csv_variant "$TMP/res/residents.csv" "$TMP/res/$1.csv" "$2" "$3"; }
variant esc name "$(printf 'BUDI\033[2J SANTOSO')"
variant nl address "$(printf 'JL. MERDEKA 1\nRT 01')"
variant tab name "$(printf 'BUDI\tSANTOSO')"
variant c1 name "$(printf 'BUDI\302\233SANTOSO')"
variant bidi name "$(printf 'BUDI \342\200\256OSOTNAS')"
variant occ occupation "$(printf 'PNS\033[8m')"
variant head header:occupation "$(printf 'occ\033upation')"
variant past valid_until 2020-01-01
variant today valid_until "$(TZ=Asia/Jakarta date +%Y-%m-%d)"	# the office's today ([site] timezone, default Asia/Jakarta)
imp() { pc import "$@"; }
expect_refused "import: a name with an escape" 1 'esc\.csv:2: field "name" holds a control character.*; nothing was imported$' imp "$TMP/res/esc.csv"
expect_refused "import: an address with a newline" 1 ':2: field "address" holds a control character' imp "$TMP/res/nl.csv"
expect_refused "import: a name with a tab" 1 ':2: field "name" holds a control character' imp "$TMP/res/tab.csv"
expect_refused "import: a name with a C1 control" 1 ':2: field "name" holds a control character' imp "$TMP/res/c1.csv"
expect_refused "import: a name with a bidi override" 1 ':2: field "name" holds a bidirectional control character' imp "$TMP/res/bidi.csv"
expect_refused "import: a cell not drawn on the card" 1 ':2: field "occupation" holds a control character' imp "$TMP/res/occ.csv"
expect_refused "import: a header with an escape" 1 ":1: the header's field [0-9]+ holds a control character" imp "$TMP/res/head.csv"
if grep -q "$(printf '\033')" "$TMP/err"; then fail "the header's escape reached the terminal"; else pass "no escape on stderr"; fi
expect_refused "import: valid_until in the past (5.16)" 1 ':2: field "valid_until": valid_until is in the past' imp "$TMP/res/past.csv"
expect_ok "import: valid_until today is fine" imp "$TMP/res/today.csv"
expect_ok "import: the rest" imp "$TMP/res/residents.csv" --replace data-change

# Stored names shown safely by printctl requests.
sqlite3 "$BLANKO_DB" "UPDATE request SET name = 'BUDI' || char(27) || '[2J' || char(133) || char(8238) || 'X' WHERE id = 1"
expect_ok "requests" pc requests
check "a stored name with controls is shown with '?'" grep -q "BUDI?\[2J??X" "$TMP/out"
if grep -q "$(printf '\033')" "$TMP/out"; then fail "requests printed the escape"; else pass "requests printed no escape"; fi

test_done
