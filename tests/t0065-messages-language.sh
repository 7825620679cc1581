#!/bin/sh
# One vocabulary, the last ends (issue 13 item 5): the messages of the
# commands group their counts the language's way ("5.700 blangko",
# "5,700 blanks"); report distribution and report suket follow the rule of
# the other reports (text in the user's language unless --lang; the PDF in
# Indonesian unless --lang en); and the Indonesian text the commands and
# reports write passes the glossary check (no bare English code word, no
# forbidden synonym).
. "$(dirname "$0")/lib/test-lib.sh"

test_require localedef python3 pdftotext
printf '[site]\noffice = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh\ntimezone = Asia/Jakarta\n' >"$BLANKO_CONF"

mkdir "$TMP/locale"
localedef -i id_ID -f UTF-8 "$TMP/locale/id_ID.UTF-8" >/dev/null 2>&1 || fail "localedef made id_ID.UTF-8"
ID="LOCPATH=$TMP/locale LANG=id_ID.UTF-8"
EN="LANG=C"
# in_lang SESSION COMMAND...: LC_ALL=C from test-lib.sh is dropped so that LANG counts.
in_lang() { lang=$1; shift; env -u LC_ALL -u LANGUAGE $lang "$@"; }
: >"$TMP/id-all.txt"
# keep: add stdout of the last run to the Indonesian text checked at the end.
keep() { cat "$TMP/out" >>"$TMP/id-all.txt"; }

inv init >/dev/null
inv user add wh --role warehouse >/dev/null
inv user add pr --role printroom >/dev/null
inv location add GUDANG --kind store >/dev/null
inv location add RC1 --kind printroom >/dev/null

# Counts in the commands' messages.
run in_lang "$ID" "$INVENTORY" --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0010000-KTP0015699 --to GUDANG
check "receive in Indonesian: 5.700 ($(cat "$TMP/out"))" grep -q "5\.700 blangko" "$TMP/out"; keep
run in_lang "$ID" "$INVENTORY" --user wh transfer --from GUDANG --to RC1 --count 1200
check "transfer in Indonesian: 1.200 ($(cat "$TMP/out"))" grep -q "1\.200 blangko" "$TMP/out"; keep
run in_lang "$ID" "$INVENTORY" --user pr spoil --serials KTP0010000-KTP0011000 --reason rusak
check "spoil in Indonesian: 1.001 blangko ($(cat "$TMP/out"))" grep -q "^1\.001 blangko dicatat rusak" "$TMP/out"; keep
run in_lang "$EN" "$INVENTORY" --user pr spoil --serials KTP0011001-KTP0011199 --reason damaged
check "spoil in English: 199 blanks ($(cat "$TMP/out"))" grep -q "^Spoiled 199 blanks" "$TMP/out"
run in_lang "$ID" "$INVENTORY" verify
check "verify in Indonesian: 5.700 blangko ($(cat "$TMP/out"))" grep -Eq "^OK: [0-9]+ kejadian, ujung rantai [0-9a-f]{64}; 5\.700 blangko" "$TMP/out"; keep
run in_lang "$EN" "$INVENTORY" verify
check "verify in English: 5,700 blanks ($(cat "$TMP/out"))" grep -Eq "^OK: [0-9]+ events, chain head [0-9a-f]{64}; 5,700 blanks held" "$TMP/out"
run in_lang "$ID" "$INVENTORY" --json verify
check "verify --json keeps plain numbers" test "$(json_get 'j["serials"]')" = 5700

# report distribution: the user's language unless --lang; the PDF Indonesian unless --lang en.
run in_lang "$EN" "$INVENTORY" report distribution
check "distribution in an English session is English" grep -q "^Distribution of printed cards on " "$TMP/out"
check "  ... with English headings" grep -q "PLACE .* PRINTED" "$TMP/out"
run in_lang "$ID" "$INVENTORY" report distribution
check "distribution in an Indonesian session is Indonesian" grep -q "^Distribusi KTP-el tercetak per " "$TMP/out"
check "  ... with Indonesian headings" grep -q "TEMPAT .* DICETAK" "$TMP/out"; keep
run in_lang "$EN" "$INVENTORY" report distribution --lang id
check "distribution --lang id in an English session" grep -q "^Distribusi KTP-el tercetak per " "$TMP/out"
run in_lang "$ID" "$INVENTORY" report distribution --lang en
check "distribution --lang en in an Indonesian session" grep -q "^Distribution of printed cards on " "$TMP/out"
run in_lang "$EN" "$INVENTORY" report distribution --format pdf -o "$TMP/d.pdf"
pdftotext -layout "$TMP/d.pdf" "$TMP/d.txt" 2>/dev/null
check "distribution PDF in an English session is Indonesian" grep -q "DISTRIBUSI KTP-EL TERCETAK" "$TMP/d.txt"
run in_lang "$ID" "$INVENTORY" report distribution --format pdf --lang en -o "$TMP/e.pdf"
pdftotext -layout "$TMP/e.pdf" "$TMP/e.txt" 2>/dev/null
check "distribution PDF --lang en is English" grep -q "DISTRIBUTION OF PRINTED KTP-EL" "$TMP/e.txt"
run in_lang "$ID" "$INVENTORY" report distribution --format csv
check "distribution CSV keeps its codes whatever the language" grep -q "^place,kind,kecamatan,printed" "$TMP/out"

# report suket: the same rule (text only).
run in_lang "$EN" "$INVENTORY" report suket
check "suket report in an English session is English" grep -q "^Suket outstanding: 0" "$TMP/out"
run in_lang "$ID" "$INVENTORY" report suket
check "suket report in an Indonesian session is Indonesian" grep -q "^Suket beredar: 0" "$TMP/out"; keep
run in_lang "$EN" "$INVENTORY" report suket --lang id
check "suket report --lang id in an English session" grep -q "^Suket beredar: 0" "$TMP/out"
run in_lang "$ID" "$INVENTORY" report suket --lang en
check "suket report --lang en in an Indonesian session" grep -q "^Suket outstanding: 0" "$TMP/out"

# The other reports and lists in Indonesian, for the glossary check.
# (not "location list": its first column is the accounts' codes, titled KODE)
for cmd in "report stock" "report supply" "report backlog" "stock" "history KTP0010000" \
    "report reconcile --from 2026-01-01 --to 2026-01-31"; do
  run in_lang "$ID" "$INVENTORY" $cmd
  check "$cmd in Indonesian" test "$rc" -eq 0; keep
done
run in_lang "$ID" "$PRINTCTL" status
check "printctl status in Indonesian" grep -q "^Antrean: 0 menunggu" "$TMP/out"; keep
run in_lang "$ID" "$PRINTCTL" backlog
check "printctl backlog in Indonesian" test "$rc" -eq 0; keep

run python3 "$TOP/tests/tools/glossary-check.py" "$TOP/etc/locale/GLOSSARY.md" text "$TMP/id-all.txt"
check "the Indonesian output follows GLOSSARY.md ($(head -c 1500 "$TMP/out"))" test "$rc" -eq 0
check "  ... and is not empty" test "$(wc -l <"$TMP/id-all.txt")" -gt 20

test_done
