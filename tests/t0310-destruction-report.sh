#!/bin/sh
# report destruction: the PDF opens and shows ranges, counts and hash; a
# record of 10,000 serials over many ranges stays readable; the CSV lists
# every serial exactly once.
. "$(dirname "$0")/lib/test-lib.sh"

TOOL="$TOP/build/ledger-tool"
printf '[site]\noffice = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh\n' >"$BLANKO_CONF"
new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv user add au2 --role auditor >/dev/null
W="inv --user wh" A="inv --user au" A2="inv --user au2"
$W receive --supplier Peruri --ref SJ-001 --serials KTP0100000-KTP0119999 --to GUDANG >/dev/null
$W transfer --from GUDANG --to RC1 --serials KTP0100000-KTP0119999 >/dev/null

# 1,000 ranges of 5 spoiled blanks and 1,000 ranges of 5 invalid cards, a gap after each.
lists=$(python3 -c '
s = ["KTP%07d-KTP%07d" % (100000 + 6 * i, 100000 + 6 * i + 4) for i in range(1000)]
v = ["KTP%07d-KTP%07d" % (110000 + 6 * i, 110000 + 6 * i + 4) for i in range(1000)]
print(",".join(s)); print(",".join(v))')
spoil_list=$(echo "$lists" | sed -n 1p)
inv_list=$(echo "$lists" | sed -n 2p)
expect_ok "spoil 5,000 blanks in 1,000 ranges" inv --user pr spoil --serials "$spoil_list" --reason "printer jam"
"$TOOL" "$BLANKO_DB" pr move print RC1 issued "$inv_list"
expect_ok "make 5,000 cards invalid in 1,000 ranges" $A invalid --serials "$inv_list" --reason wrong-data
expect_ok "prepare a record of all of them" $A destroy prepare --all --method incineration --place "Halaman belakang kantor" --planned 2026-12-01
id=$(cat "$TMP/out")

# A draft before execution.
expect_ok "a draft PDF of a prepared record" $A report destruction "$id" --format pdf -o "$TMP/draft.pdf"
check "the draft says it is a draft" sh -c "pdftotext '$TMP/draft.pdf' - | grep -q 'DRAF BERITA ACARA'"
check "the draft is not sealed" sh -c "pdftotext '$TMP/draft.pdf' - | grep -q 'belum disegel'"

expect_ok "approve" $A2 destroy approve "$id"
expect_ok "execute" $A destroy execute "$id" --witness "Budi Santoso; Camat Contoh; 3201010101010001" \
  --witness "Siti Aminah; Lurah Sukamaju; 3201010101010002" --witness "Agus Salim; Polsek; NRP 12345678"
hash=$(sed -n 's/^Record hash: //p' "$TMP/out")

expect_ok "the PDF, in Indonesian" $A report destruction "$id" --format pdf -o "$TMP/bap.pdf"
pdftotext -layout "$TMP/bap.pdf" "$TMP/bap.txt"
check "pdfinfo reads it" sh -c "pdfinfo '$TMP/bap.pdf' >/dev/null"
pages=$(pdfinfo "$TMP/bap.pdf" | sed -n 's/^Pages: *//p')
check "10,000 serials over 2,000 ranges fit in a sensible number of pages ($pages)" test "$pages" -ge 3 -a "$pages" -le 20
check "it has the Indonesian title" grep -q "BERITA ACARA PEMUSNAHAN BLANGKO KTP-EL" "$TMP/bap.txt"
check "it names the office" grep -q "Dinas Kependudukan dan Pencatatan Sipil Kota Contoh" "$TMP/bap.txt"
check "it shows the total" grep -Eq "Jumlah seluruhnya +10000" "$TMP/bap.txt"
check "it shows the count of spoiled blanks" grep -Eq "blangko rusak +printer jam +5000" "$TMP/bap.txt"
check "it shows the count of invalid cards" grep -Eq "KTP-el tidak valid +salah data +5000" "$TMP/bap.txt"
check "it says how many ranges" grep -q "Daftar nomor seri (2000 rentang)" "$TMP/bap.txt"
for r in KTP0100000-KTP0100004 KTP0105994-KTP0105998 KTP0110000-KTP0110004 KTP0115994-KTP0115998; do
  check "it lists range $r" grep -q -- "$r" "$TMP/bap.txt"
done
check "it lists every range" test "$(grep -Eo 'KTP[0-9]{7}-KTP[0-9]{7}' "$TMP/bap.txt" | sort -u | wc -l)" = 2000
check "it shows the record hash" grep -q "$hash" "$TMP/bap.txt"
check "it names the witnesses" grep -q "Siti Aminah" "$TMP/bap.txt"
check "it has the method and place" sh -c "grep -q pembakaran '$TMP/bap.txt' && grep -q 'Halaman belakang kantor' '$TMP/bap.txt'"

expect_ok "the PDF, in English" $A report destruction "$id" --format pdf --lang en -o "$TMP/en.pdf"
check "it has the English title" sh -c "pdftotext '$TMP/en.pdf' - | grep -q 'RECORD OF THE DESTRUCTION OF KTP-EL CARDS'"

expect_ok "the CSV" $A report destruction "$id" --format csv -o "$TMP/bap.csv"
check "the CSV lists every serial exactly once, with its reason" python3 - "$TMP/bap.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
want = {"KTP%07d" % (100000 + 6 * i + k): ("spoiled", "printer jam") for i in range(1000) for k in range(5)}
want.update({"KTP%07d" % (110000 + 6 * i + k): ("invalid", "wrong-data") for i in range(1000) for k in range(5)})
got = [r["serial"] for r in rows]
assert len(got) == 10000 and len(set(got)) == 10000, len(got)
assert {r["serial"]: (r["origin"], r["reason"]) for r in rows} == want
assert all(r["nik_masked"] == "" for r in rows)
PY

expect_ok "the JSON" $A report destruction "$id" --format json -o "$TMP/bap.json"
check "the JSON has the count, the hash and the ranges" python3 -c "
import json; j = json.load(open('$TMP/bap.json'))
assert j['count'] == 10000 and j['hash'] == '$hash' and len(j['ranges']) == 2000 and len(j['witnesses']) == 3
assert j['office'].startswith('Dinas')"

expect_refused "a format it does not know" 1 'not one of pdf, csv, json' $A report destruction "$id" --format xls -o "$TMP/x"
expect_refused "no -o" 2 "--format and -o FILE are required" $A report destruction "$id" --format pdf
expect_refused "an unknown record" 1 "no destruction record 99" $A report destruction 99 --format pdf -o "$TMP/x.pdf"
expect_refused "an unknown language" 1 '--lang: "fr"' $A report destruction "$id" --format pdf --lang fr -o "$TMP/x.pdf"
expect_refused "a folder that does not exist" 1 "cannot write" $A report destruction "$id" --format csv -o "$TMP/no/x.csv"
expect_refused "a print room user may not" 1 "needs the admin,auditor role" inv --user pr report destruction "$id" --format csv -o "$TMP/x.csv"
expect_ok "verify" inv verify
echo "# the record of 10,000 serials has $pages pages"

test_done
