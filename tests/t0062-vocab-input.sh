#!/bin/bash
# One vocabulary (issue 13 item 5): input takes the Indonesian word or the
# code for methods, reasons and states, and stores the code; an unknown word
# is refused with one line and the ledger unchanged.  printctl run and
# status speak Indonesian with no bare English code word (checked against
# etc/locale/GLOSSARY.md), and English in LANG=C.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"

print_setup card1 || exit 1
test_require python3 localedef
GLOSSARY="$TOP/etc/locale/GLOSSARY.md"
CHECK="$TOP/tests/tools/glossary-check.py"
mkdir "$TMP/locale"
localedef -i id_ID -f UTF-8 "$TMP/locale/id_ID.UTF-8" >/dev/null 2>&1 || fail "localedef made id_ID.UTF-8"
id_() { env -u LC_ALL -u LANGUAGE LOCPATH="$TMP/locale" LANG=id_ID.UTF-8 "$@"; }
sql() { sqlite3 "$BLANKO_DB" "$1"; }

new_ledger
inv user add au2 --role auditor >/dev/null
second_person auditor || fail "letting nobody approve"
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001099 >/dev/null
expect_ok "printer add P1" pc printer add P1 --queue card1 --location RC1
expect_ok "load P1" pc printer load P1 --serials KTP0001000-KTP0001009

# --- printctl run and status in Indonesian: no English code word ------------------------
"$GEN" -n 3 -s 4 -o "$TMP/res" >/dev/null
pc import "$TMP/res/residents.csv" >/dev/null
run id_ "$PRINTCTL" --user pr status
cp "$TMP/out" "$TMP/status-id.txt"
check "status in Indonesian says the queue in Indonesian ($(head -c 300 "$TMP/out"))" \
  grep -q "^Antrean: 3 menunggu, 0 di printer, 0 diragukan" "$TMP/out"
check "status in Indonesian names the printer's state and hopper in Indonesian" \
  grep -q "^P1 *berjalan *baki kartu 10 *menganggur" "$TMP/out"
run python3 "$CHECK" "$GLOSSARY" text "$TMP/status-id.txt"
check "status in Indonesian has no bare English code word ($(cat "$TMP/out"))" test "$rc" -eq 0
run id_ "$PRINTCTL" --user pr printer list
check "printer list in Indonesian names the state and hopper in Indonesian ($(cat "$TMP/out"))" \
  grep -q "^P1 .* berjalan *baki kartu 10 " "$TMP/out"
run id_ "$PRINTCTL" --user pr run --once
cat "$TMP/out" "$TMP/err" >"$TMP/run-id.txt"
check "run in Indonesian prints its lines in Indonesian ($(head -c 400 "$TMP/run-id.txt"))" \
  grep -q "pekerjaan cetak 1: permohonan #1 pada KTP0001000 dikirim sebagai pekerjaan CUPS" "$TMP/run-id.txt"
check "run in Indonesian ends in Indonesian" grep -q "^Pencetakan selesai: 3 dicetak, 0 rusak, 0 diragukan" "$TMP/run-id.txt"
run python3 "$CHECK" "$GLOSSARY" text "$TMP/run-id.txt"
check "run in Indonesian has no bare English code word ($(cat "$TMP/out"))" test "$rc" -eq 0

# ... and English in LANG=C.
"$GEN" -n 1 -s 5 -o "$TMP/res2" >/dev/null
pc import "$TMP/res2/residents.csv" >/dev/null
run pc status
check "status in LANG=C is English" grep -q "^Queue: 1 pending, 0 at printers, 0 suspect" "$TMP/out"
check "status in LANG=C names the state and hopper in English" grep -q "^P1 *running *hopper 7 *idle" "$TMP/out"
run pc run --once
check "run in LANG=C is English" grep -q "sent as CUPS job" "$TMP/out"
check "run in LANG=C ends in English" grep -q "^Run ended: 1 printed, 0 spoiled, 0 suspect" "$TMP/out"

# --- Indonesian words as input, codes stored -------------------------------------------
run pc requests --state dicetak --json
check "requests --state dicetak lists the printed requests" test "$(json_get 'len(j)')" = 4
run pc requests --state printed --json
check "  ... as --state printed does" test "$(json_get 'len(j)')" = 4
sum=$(db_sum)
expect_refused "an unknown state word is refused with one line" 1 'unknown state "tercetak"' pc requests --state tercetak
check "  ... on one line" test "$(wc -l <"$TMP/err")" = 1

expect_ok "invalid --reason rusak (damaged)" inv --user au invalid --serials KTP0001000 --reason rusak
check "the event stores the code damaged" test "$(sql "SELECT json_extract(detail,'$.reason') FROM event WHERE kind='invalid' ORDER BY id DESC LIMIT 1")" = damaged
expect_ok "invalid --reason Dikembalikan (returned, case ignored)" inv --user au invalid --serials KTP0001001 --reason Dikembalikan
check "the event stores the code returned" test "$(sql "SELECT json_extract(detail,'$.reason') FROM event WHERE kind='invalid' ORDER BY id DESC LIMIT 1")" = returned
expect_ok "invalid --reason hilang (lost)" inv --user au invalid --serials KTP0001002 --reason hilang
check "  ... the card is reported lost, as with --reason lost" test "$(sql "SELECT json_extract(detail,'$.reason') FROM event WHERE kind='report-lost' ORDER BY id DESC LIMIT 1")" = lost
sum=$(db_sum)
expect_refused "an unknown reason is refused with one line" 1 'not one of returned, damaged' \
  inv --user au invalid --serials KTP0001003 --reason dicuri
check "  ... on one line" test "$(wc -l <"$TMP/err")" = 1
check "  ... and the ledger is unchanged" test "$(db_sum)" = "$sum"
run id_ "$INVENTORY" --user au invalid --serials KTP0001003 --reason dicuri
check "  ... in Indonesian the choices are the Indonesian words with their codes ($(cat "$TMP/err"))" \
  grep -q 'dikembalikan (returned), rusak (damaged), diganti (superseded), data-salah (wrong-data), ditemukan (found), hilang (lost)' "$TMP/err"

expect_ok "destroy prepare --method pembakaran (incineration)" \
  inv --user au destroy prepare --serials KTP0001000-KTP0001001 --method pembakaran --place Halaman
check "the record stores the code incineration" test "$(sql "SELECT method FROM record ORDER BY id DESC LIMIT 1")" = incineration
check "  ... and so does its event" \
  test "$(sql "SELECT json_extract(detail,'$.method') FROM event WHERE kind='destroy.prepare' ORDER BY id DESC LIMIT 1")" = incineration
expect_ok "destroy cancel" inv --user au destroy cancel 1
expect_ok "destroy prepare --method shredding (the code)" \
  inv --user au destroy prepare --serials KTP0001000 --method shredding --place Halaman
sum=$(db_sum)
expect_refused "an unknown method is refused with one line" 1 'not one of incineration, shredding, punching' \
  inv --user au destroy prepare --serials KTP0001001 --method dikubur --place Halaman
check "  ... on one line" test "$(wc -l <"$TMP/err")" = 1
check "  ... and the ledger is unchanged" test "$(db_sum)" = "$sum"

expect_ok "reprint --reason rusak (damaged)" pc reprint 1 --reason rusak
check "the new request stores the code damaged" test "$(sql "SELECT reason FROM request ORDER BY id DESC LIMIT 1")" = damaged

# --- --help and the man pages list both --------------------------------------------------
run id_ "$INVENTORY" invalid --help
check "invalid --help in Indonesian lists the Indonesian reasons" grep -q 'dikembalikan' "$TMP/out"
check "inventory.1 lists the Indonesian methods" grep -q 'pembakaran' "$TOP/inventory/inventory.1"
check "printctl.1 lists the Indonesian states" grep -q 'menunggu' "$TOP/printctl/printctl.1"

test_done
