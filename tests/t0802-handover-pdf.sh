#!/bin/bash
# The handover record of a dispatch (berita acara serah terima, issue 14
# item 3), written through the document engine: letterhead, official number
# from [documents] handover_number, the parties, the count in words, the
# list of cards with holders' names, RT/RW and kelurahan and NIKs masked to
# their last four digits, and the signature blocks.  No full NIK anywhere in
# it; names only there (never in events); the file 0600; a record that
# cannot be written sends nothing.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"

test_require pdftotext
print_setup card1 || exit 1
cat >>"$BLANKO_CONF" <<'CONF'
office = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh
government = Pemerintah Kota Contoh
address = Jalan Merdeka Nomor 12, Kota Contoh 50111
city = Kota Contoh
head_name = Drs. Hadi Santoso, M.M.
head_nip = 19680808 199003 1 007
head_post = Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Contoh
[documents]
handover_number = 470/{seq:04}/BAST-Disdukcapil/{month:roman}/{year}
CONF
serial_of() { sqlite3 "$BLANKO_DB" "SELECT coalesce(serial, '') FROM request WHERE id = $1"; }

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv user add dist --role distribution >/dev/null
inv user set dist --full-name "Budi Prasetyo, S.Kom." --nip "19850101 201001 1 003" --post "Pengelola Distribusi KTP-el" >/dev/null
inv location add KEC01 --kind kecamatan --name "Kecamatan Pedurungan" >/dev/null
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001099 >/dev/null
pc printer add P1 --queue card1 --location RC1 >/dev/null
pc printer load P1 --serials KTP0001000-KTP0001009 >/dev/null
"$GEN" -n 3 -s 7 -o "$TMP/res" >/dev/null
expect_ok "import 3 residents" pc import "$TMP/res/residents.csv"
run pc run --once
check "3 cards printed" grep -q "Run ended: 3 printed, 0 spoiled, 0 suspect" "$TMP/out"
s1=$(serial_of 1) s3=$(serial_of 3)

# A record that cannot be written: nothing is sent.
expect_refused "a record into a missing folder sends nothing" 1 "" \
  inv --user dist dispatch --to KEC01 --ref BAST/001 --all -o "$TMP/no/such/dir/b.pdf"
check "... the cards are still issued" test "$(inv stock --location issued --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" = 3

expect_ok "dispatch the 3 cards with their record" inv --user dist dispatch --to KEC01 --ref BAST/001 --all -o "$TMP/bast.pdf"
check "the record is a PDF" sh -c "head -c 5 '$TMP/bast.pdf' | grep -q '%PDF-'"
check "the record's file is 0600 (it names residents)" test "$(stat -c %a "$TMP/bast.pdf")" = 600
pdftotext -layout "$TMP/bast.pdf" "$TMP/bast.txt"
year=$(TZ=Asia/Jakarta date +%Y)
roman=$(python3 -c "print(['I','II','III','IV','V','VI','VII','VIII','IX','X','XI','XII'][int('$(TZ=Asia/Jakarta date +%m)')-1])")
has() { if grep -Fq -- "$2" "$TMP/bast.txt"; then pass "$1"; else fail "$1 (no \"$2\" in the PDF's text)"; fi; }
has "the letterhead" "PEMERINTAH KOTA CONTOH"
has "the office" "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA CONTOH"
has "the title" "BERITA ACARA SERAH TERIMA"
has "the official number from [documents] handover_number" "Nomor: 470/0001/BAST-Disdukcapil/$roman/$year"
has "the first party by full name" "Budi Prasetyo, S.Kom."
has "... with NIP" "19850101 201001 1 003"
has "the first party" "PIHAK PERTAMA"
has "the second party" "PIHAK KEDUA"
has "the receiving place" "Kecamatan Pedurungan"
has "the count in words" "3 (tiga)"
has "the reference" "BAST/001"
has "the head of office acknowledges" "Mengetahui"
has "the head's name" "Drs. Hadi Santoso, M.M."
has "a page label" "Halaman 1 dari"
for i in 1 2 3; do
  name=$(sqlite3 "$BLANKO_DB" "SELECT name FROM request WHERE id = $i")
  nik=$(sqlite3 "$BLANKO_DB" "SELECT nik FROM request WHERE id = $i")
  rtrw=$(sqlite3 "$BLANKO_DB" "SELECT json_extract(fields, '$.rt_rw') FROM request WHERE id = $i")
  village=$(sqlite3 "$BLANKO_DB" "SELECT json_extract(fields, '$.village') FROM request WHERE id = $i")
  serial=$(serial_of $i)
  line=$(grep -F -- "$serial" "$TMP/bast.txt" | head -1)
  check "card $i's row: serial, name, masked NIK, RT/RW, kelurahan ($line)" \
    sh -c "echo \"\$1\" | grep -Fq -- \"\$2\" && echo \"\$1\" | grep -Fq -- '************${nik:12:4}' && echo \"\$1\" | grep -Fq -- \"\$3\" && echo \"\$1\" | grep -Fq -- \"\$4\"" \
    _ "$line" "$name" "$rtrw" "$village"
  check "card $i's full NIK is nowhere in the record's text" sh -c "! grep -Fq '$nik' '$TMP/bast.txt'"
  check "... nor in its bytes" sh -c "! grep -aFq '$nik' '$TMP/bast.pdf'"
  check "card $i's holder's name is in no event" test "$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM event WHERE detail LIKE '%' || (SELECT name FROM request WHERE id = $i) || '%' OR ref LIKE '%' || (SELECT name FROM request WHERE id = $i) || '%'")" = 0
  check "... nor the NIK" test "$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM event WHERE detail LIKE '%$nik%'")" = 0
  check "... nor in the handover row" test "$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM handover WHERE serials || ref || place LIKE '%$nik%'")" = 0
done
check "no file of the record left beside it" test "$(ls "$TMP" | grep -c 'bast.pdf')" = 1

# In English, and again from the ledger.
expect_ok "report handover writes the record again, in English" inv --user dist report handover BAST/001 --lang en -o "$TMP/bast-en.pdf"
pdftotext -layout "$TMP/bast-en.pdf" "$TMP/bast-en.txt"
check "the English title" grep -q "RECORD OF HANDOVER" "$TMP/bast-en.txt"
check "the same number" grep -Fq "Number: 470/0001/BAST-Disdukcapil/$roman/$year" "$TMP/bast-en.txt"
check "again 0600" test "$(stat -c %a "$TMP/bast-en.pdf")" = 600
expect_refused "report handover of an unknown reference" 1 "no handover has the reference NOPE" \
  inv --user dist report handover NOPE -o "$TMP/x.pdf"
expect_ok "verify" inv verify
test_done
