#!/bin/sh
# Reports in the reader's language (issue 13 item 5): the text of `report
# stock` and `report reconcile` comes out in English in an English session
# and in Indonesian in an Indonesian one (--lang picks either), through the
# catalogue; counts grouped the language's way ("5.689" / "5,689") and
# decimals with its point ("3,3" / "3.3"); accounts and kinds in words, the
# code in brackets where one must appear ("dikeluarkan (issued)", a hopper
# as its printer's); JSON and CSV keep the codes and plain numbers.
. "$(dirname "$0")/lib/test-lib.sh"

test_require faketime localedef
TOOL="$TOP/build/ledger-tool"
printf '[site]\noffice = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh\ntimezone = Asia/Jakarta\n' >"$BLANKO_CONF"
on() { d=$1; shift; TZ=UTC faketime "$d" "$@" >"$TMP/on.out" 2>&1 || echo "setup failed: $* $(cat "$TMP/on.out")"; }
NOW="2026-10-31 12:00:00"

mkdir "$TMP/locale"
localedef -i id_ID -f UTF-8 "$TMP/locale/id_ID.UTF-8" >/dev/null 2>&1 || fail "localedef made id_ID.UTF-8"
# Each session as env(1) arguments; LC_ALL=C from test-lib.sh is dropped so that LANG counts.
ID="LOCPATH=$TMP/locale LANG=id_ID.UTF-8"
EN_C="LANG=C"
EN_US="LANG=en_US.UTF-8"
in_lang() { lang=$1; shift; env -u LC_ALL -u LANGUAGE $lang TZ=UTC faketime "$NOW" "$INVENTORY" "$@"; }

# 5,700 received, 100 of them to the print room, 11 spoiled in the last 30
# days; a hopper loaded with 20 (5,689 left in the office: the hopper is part of it).
on "2026-09-01 08:00:00" "$INVENTORY" init
on "2026-09-01 08:01:00" "$INVENTORY" user add wh --role warehouse
on "2026-09-01 08:02:00" "$INVENTORY" user add pr --role printroom
on "2026-09-01 08:03:00" "$INVENTORY" user add au --role auditor
on "2026-09-01 08:05:00" "$INVENTORY" location add GUDANG --kind store
on "2026-09-01 08:06:00" "$INVENTORY" location add RC1 --kind printroom
on "2026-10-05 02:00:00" "$INVENTORY" --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0010000-KTP0015699 --to GUDANG
on "2026-10-06 02:00:00" "$INVENTORY" --user wh transfer --from GUDANG --to RC1 --count 100
on "2026-10-07 02:00:00" "$TOOL" "$BLANKO_DB" pr hopper hopper.KARTU1
on "2026-10-07 03:00:00" "$TOOL" "$BLANKO_DB" pr move printer.load RC1 hopper.KARTU1 KTP0010000-KTP0010019
on "2026-10-08 02:00:00" "$INVENTORY" --user pr spoil --serials KTP0010020-KTP0010030 --reason "printer jam"

# report stock
for lang in "$EN_C" "$EN_US"; do
  run in_lang "$lang" --user pr report stock
  check "stock in English with $lang" grep -q "^Stock on 2026-10-31 (WIB)" "$TMP/out"
  check "English: counts grouped with commas with $lang" grep -q "^In the office: 5,689 blanks\. Use over the last 30 days: 11 (issued 0, spoiled 11, lost 0), 0.4 a day\. Days of stock left: 15,515 days\.$" "$TMP/out"
  check "English: the store's row, decimal point with $lang" grep -Eq "^GUDANG +store +5,600 +3\.3 +1,680$" "$TMP/out"
  check "English: a hopper as its printer's with $lang" grep -Eq "^hopper of printer KARTU1 \(hopper\.KARTU1\) +card hopper +20 +0\.0 +-$" "$TMP/out"
  check "no Indonesian with $lang" sh -c "! grep -Eq 'Persediaan|blangko|hari' '$TMP/out'"
done
run in_lang "$ID" --user pr report stock
check "stock in Indonesian with id_ID" grep -q "^Persediaan blangko per 2026-10-31 (WIB)" "$TMP/out"
check "Indonesian: counts grouped with points" grep -q "^Di kantor: 5\.689 blangko\. Pemakaian 30 hari terakhir: 11 (dikeluarkan 0, rusak 11, hilang 0), 0,4 per hari\. Sisa persediaan: 15\.515 hari\.$" "$TMP/out"
check "Indonesian: the store's row, decimal comma" grep -Eq "^GUDANG +gudang +5\.600 +3,3 +1\.680$" "$TMP/out"
check "Indonesian: the print room's kind in words" grep -Eq "^RC1 +ruang cetak +69 +" "$TMP/out"
check "Indonesian: a hopper as its printer's card hopper" grep -Eq "^baki kartu printer KARTU1 \(hopper\.KARTU1\) +baki kartu +20 +0,0 +-$" "$TMP/out"
check "no English words" sh -c "! grep -Eq '(^| )(store|printroom|hopper|blanks|days|issued|spoiled)( |$)' '$TMP/out'"
run in_lang "$EN_C" --user pr report stock --lang id
check "--lang id in an English session" grep -q "^Di kantor: 5\.689 blangko" "$TMP/out"
run in_lang "$ID" --user pr report stock --lang en
check "--lang en in an Indonesian session" grep -q "^In the office: 5,689 blanks" "$TMP/out"
run in_lang "$ID" --user pr report stock --format json
check "JSON: codes and plain numbers, whatever the language" python3 -c "
import json, sys
j = json.load(open('$TMP/out'))
assert j['total']['blanks'] == 5689 and j['total']['used_30d'] == 11, j['total']
g = [l for l in j['locations'] if l['account'] == 'GUDANG'][0]
assert g['kind'] == 'store' and g['blanks'] == 5600 and abs(g['per_day'] - 100 / 30) < 1e-9 and g['days_left'] == 1680, g
h = [l for l in j['locations'] if l['account'] == 'hopper.KARTU1'][0]
assert h['kind'] == 'hopper', h"

# report reconcile
REC="--user au report reconcile --from 2026-10-01 --to 2026-10-31"
run in_lang "$EN_C" $REC
check "reconcile in English with LANG=C" grep -q "^Reconciliation 2026-10-01 to 2026-10-31 (days in WIB)" "$TMP/out"
check "English: the store's balances grouped" grep -Eq "^GUDANG +store +0 +5,700 +100 +5,600  reconciles$" "$TMP/out"
check "English: a state account by its code" grep -Eq "^spoiled +card state +0 +11 +0 +11  reconciles$" "$TMP/out"
check "English: in and out by kind" grep -Eq "^  GUDANG +in: received 5,700; out: transferred 100$" "$TMP/out"
check "English: printer loads named" grep -Eq "^  RC1 +in: transferred 100; out: spoiled blanks 11, loaded into printers 20$" "$TMP/out"
check "no Indonesian" sh -c "! grep -Eq 'Rekonsiliasi|cocok|kejadian|tidak ada' '$TMP/out'"
run in_lang "$ID" $REC
check "reconcile in Indonesian with id_ID" grep -q "^Rekonsiliasi 2026-10-01 s\.d\. 2026-10-31 (hari menurut WIB)" "$TMP/out"
check "Indonesian: the store's balances grouped with points" grep -Eq "^GUDANG +gudang +0 +5\.700 +100 +5\.600  cocok$" "$TMP/out"
check "Indonesian: a state in words with its code" grep -Eq "^rusak \(spoiled\) +status kartu +0 +11 +0 +11  cocok$" "$TMP/out"
check "Indonesian: a hopper as its printer's" grep -Eq "^baki kartu printer KARTU1 \(hopper\.KARTU1\) +baki kartu +0 +20 +0 +20  cocok$" "$TMP/out"
check "Indonesian: loads into printers, never 'lainnya'" sh -c "grep -Eq '^  RC1 +masuk: dipindahkan 100; keluar: rusak 11, dimuat ke printer 20$' '$TMP/out' && ! grep -q lainnya '$TMP/out'"
check "Indonesian: one word per concept (kejadian, ujung rantai)" sh -c "grep -q '^Ujung rantai pada akhir periode: kejadian ' '$TMP/out' && ! grep -Eq 'peristiwa|Kepala rantai|Stock opname' '$TMP/out'"
check "no English words" sh -c "! grep -Eq '(^| )(store|printroom|hopper|state|spoiled|issued|invalid|none|event)( |$)' '$TMP/out'"
run in_lang "$ID" $REC --format csv
check "CSV: codes" sh -c "head -1 '$TMP/out' | grep -q '^account,kind,opening,in_received' && grep -q '^\"GUDANG\",store,0,5700,' '$TMP/out'"
run in_lang "$ID" $REC --format json
check "JSON: codes and plain numbers" python3 -c "
import json
j = json.load(open('$TMP/out'))
g = [a for a in j['accounts'] if a['account'] == 'GUDANG'][0]
assert g['kind'] == 'store' and g['in']['received'] == 5700 and g['closing'] == 5600, g
r = [a for a in j['accounts'] if a['account'] == 'RC1'][0]
assert r['out']['loaded'] == 20 and r['out']['other'] == 0, r"

test_done
