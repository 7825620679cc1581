#!/bin/bash
# The destruction record as an office signs it (issue 13): letterhead,
# official number, the standard Indonesian wording with the day, date and
# counts in words, the officials by full name, NIP and post, the witnesses
# with name, post and NIP on their own lines, "Mengetahui" for the head of
# office, the annex of ranges, "Halaman X dari Y" and the seal in a box on
# the last page.  Every page is checked with pdftotext; page 1 is compared
# with a reference rendering (tests/data/ref-berita-acara-1.png) as the
# card test compares the card.  REGEN=1 rewrites the reference and the
# pictures in doc/.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib/test-lib.sh"
test_require root nobody runuser faketime pdftotext pdftoppm pdfinfo python3

REF="$TOP/tests/data/ref-berita-acara-1.png"
# The whole story on Saturday 5 December 2026 at 10:00 WIB (03:00 UTC):
# every program of the test under libfaketime, its clock running from then.
FAKETIME_LIB=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1)
check "libfaketime is there" test -n "$FAKETIME_LIB"
export LD_PRELOAD="$FAKETIME_LIB" FAKETIME="@2026-12-05 03:00:00" TZ=UTC
cat >"$BLANKO_CONF" <<'CONF'
[site]
office = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh
government = Pemerintah Kota Contoh
address = Jalan Merdeka Nomor 12, Kota Contoh 50111, Telepon (024) 555-0100
city = Kota Contoh
head_name = Drs. Hadi Santoso, M.M.
head_nip = 19680808 199003 1 007
head_post = Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Contoh
timezone = Asia/Jakarta
[documents]
destruction_number = 470/{seq:04}/Disdukcapil/{month:roman}/{year}
CONF
new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
second_person auditor || fail "letting nobody approve"
A="inv --user au" A2=$NOBODY_INV
expect_ok "au's full name, NIP and post" \
  inv user set au --full-name "Dra. Sri Wahyuningsih, M.Si." --nip "19700412 199503 2 004" \
  --post "Kepala Bidang Pelayanan Pendaftaran Penduduk"
expect_ok "nobody's full name, NIP and post" \
  inv user set nobody --full-name "Agus Prasetyo, S.E." --nip "19810623 200604 1 011" --post "Kepala Seksi Identitas Penduduk"
inv --user wh receive --supplier Peruri --ref SJ-001 --serials KTP0100000-KTP0119999 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0100000-KTP0119999 >/dev/null

# 30 ranges of spoiled blanks (a printer code as the reason) and 30 of
# invalid cards with two reasons, a gap after each: enough for an annex
# beyond the first page.
lists=$(python3 -c '
s = ["KTP%07d-KTP%07d" % (100000 + 4 * i, 100000 + 4 * i + 2) for i in range(30)]
v = ["KTP%07d-KTP%07d" % (110000 + 4 * i, 110000 + 4 * i + 2) for i in range(30)]
print(",".join(s)); print(",".join(v[:15])); print(",".join(v[15:]))')
expect_ok "spoil 90 blanks in 30 ranges (media-jam)" inv --user pr spoil --serials "$(echo "$lists" | sed -n 1p)" --reason media-jam
"$TOP/build/ledger-tool" "$BLANKO_DB" pr move print RC1 issued "$(echo "$lists" | sed -n 2p),$(echo "$lists" | sed -n 3p)"
expect_ok "45 invalid cards (wrong data)" $A invalid --serials "$(echo "$lists" | sed -n 2p)" --reason wrong-data
expect_ok "45 invalid cards (damaged)" $A invalid --serials "$(echo "$lists" | sed -n 3p)" --reason damaged
expect_ok "prepare" $A destroy prepare --all --method incineration \
  --place "halaman Kantor Dinas Kependudukan dan Pencatatan Sipil Kota Contoh"
id=$(cat "$TMP/out")
expect_ok "approve (the second official)" $A2 destroy approve "$id"
expect_ok "execute before two witnesses" $A destroy execute "$id" \
  --witness "Bambang Susilo, S.H.; Kepala Seksi Penegakan Perda, Satpol PP Kota Contoh; 19750101 200003 1 002" \
  --witness "Rina Marlina, S.E.; Auditor Muda, Inspektorat Kota Contoh; 19850505 201001 2 015"
hash=$(sed -n 's/^Record hash: //p' "$TMP/out")
expect_out "execute gives the official number" "470/0001/Disdukcapil/XII/2026"

expect_ok "the PDF" $A report destruction "$id" --format pdf -o "$TMP/ba.pdf"
pages=$(pdfinfo "$TMP/ba.pdf" | sed -n 's/^Pages: *//p')
check "it has at least two pages ($pages)" test "${pages:-0}" -ge 2
for p in $(seq 1 "${pages:-0}"); do
  pdftotext -layout -f "$p" -l "$p" "$TMP/ba.pdf" "$TMP/p$p.txt"
  check "page $p says \"Halaman $p dari $pages\"" grep -q "Halaman $p dari $pages" "$TMP/p$p.txt"
  check "page $p has the number in its footer" grep -q "470/0001/Disdukcapil/XII/2026" "$TMP/p$p.txt"
done
pdftotext -layout "$TMP/ba.pdf" "$TMP/all.txt"
pdftotext "$TMP/ba.pdf" "$TMP/flow.txt"	# in reading order, for sentences across lines
tr -s ' \n' ' ' <"$TMP/flow.txt" >"$TMP/flat.txt"
has() { check "$1" grep -q -- "$2" "$3"; }
has "page 1: the letterhead's government" "PEMERINTAH KOTA CONTOH" "$TMP/p1.txt"
has "page 1: the letterhead's office" "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA CONTOH" "$TMP/p1.txt"
has "page 1: the letterhead's address" "Jalan Merdeka Nomor 12, Kota Contoh 50111" "$TMP/p1.txt"
has "page 1: the title" "BERITA ACARA PEMUSNAHAN" "$TMP/p1.txt"
has "page 1: what was destroyed (both kinds)" "KTP-EL RUSAK/INVALID DAN BLANGKO KTP-EL RUSAK" "$TMP/p1.txt"
has "page 1: the number" "Nomor: 470/0001/Disdukcapil/XII/2026" "$TMP/p1.txt"
has "the opening with the day and date in words and the local time" \
  "Pada hari ini Sabtu tanggal lima bulan Desember tahun dua ribu dua puluh enam, pukul 10.00 WIB" "$TMP/flat.txt"
has "the first official by full name" "Dra. Sri Wahyuningsih, M.Si." "$TMP/all.txt"
has "the first official's NIP" "19700412 199503 2 004" "$TMP/all.txt"
has "the first official's post" "Kepala Bidang Pelayanan Pendaftaran Penduduk" "$TMP/all.txt"
has "the destroying party" "PIHAK YANG MEMUSNAHKAN" "$TMP/all.txt"
has "the second official" "Agus Prasetyo, S.E." "$TMP/all.txt"
has "the approving party" "PIHAK YANG MENYETUJUI" "$TMP/all.txt"
has "the method" "dengan cara dibakar" "$TMP/flat.txt"
has "invalid cards counted in words" "90 (sembilan puluh) keping" "$TMP/all.txt"
has "spoiled blanks counted in words" "Blangko KTP-el rusak dalam pencetakan" "$TMP/all.txt"
has "the total in words" "180 (seratus delapan puluh) keping" "$TMP/all.txt"
has "the closing" "Demikian Berita Acara ini dibuat" "$TMP/flat.txt"
has "the copies in words" "rangkap 3 (tiga)" "$TMP/flat.txt"
has "city and date" "Kota Contoh, 5 Desember 2026" "$TMP/all.txt"
has "the witnesses' heading" "Saksi-saksi" "$TMP/all.txt"
has "witness 1's name on its own line" "^ *1\. *Bambang Susilo, S\.H\. *$\|1\. *Bambang Susilo, S\.H\. *1\. \.\.\." "$TMP/all.txt"
has "witness 1's post" "Kepala Seksi Penegakan Perda, Satpol PP Kota Contoh" "$TMP/all.txt"
has "witness 1's NIP" "NIP 19750101 200003 1 002" "$TMP/all.txt"
has "witness 2" "Rina Marlina, S.E." "$TMP/all.txt"
has "witness 2's NIP" "NIP 19850505 201001 2 015" "$TMP/all.txt"
has "Mengetahui" "Mengetahui," "$TMP/all.txt"
has "the head of office's post" "Mengetahui, Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Contoh" "$TMP/flat.txt"
has "the head of office" "Drs. Hadi Santoso, M.M." "$TMP/all.txt"
has "the head's NIP" "NIP 19680808 199003 1 007" "$TMP/all.txt"
has "the annex" "LAMPIRAN BERITA ACARA PEMUSNAHAN" "$TMP/all.txt"
has "the annex lists a range" "KTP0110004 *KTP0110006" "$TMP/all.txt"
has "reasons in the clerk's words" "macet di printer" "$TMP/all.txt"
has "the seal's hash" "$hash" "$TMP/p$pages.txt"
has "the seal is on the last page" "Segel berita acara" "$TMP/p$pages.txt"
check "no semicolon between a name, a post and a NIP" sh -c "! grep -Eq ';[[:space:]]*[A-Z0-9]' '$TMP/all.txt'"
check "no UTC" sh -c "! grep -q 'UTC' '$TMP/all.txt'"
check "no raw reason code" sh -c "! grep -Eq 'media-jam|wrong-data' '$TMP/all.txt'"
check "no login names as officials" sh -c "! grep -Eq '(^| )(au|nobody)( |$)' '$TMP/all.txt'"
check "no 'Status dilaksanakan' line" sh -c "! grep -qi 'status' '$TMP/all.txt'"

# The seal's box is whole on one page: its heading and its note's last words.
check "the seal box is not split" sh -c "grep -q 'Segel berita acara' '$TMP/p$pages.txt' && grep -q 'dengan buku besar' '$TMP/flow.txt'"

# Page 1 against the reference rendering (100 dpi, grey).
pdftoppm -r 100 -gray -png -f 1 -l 1 -singlefile "$TMP/ba.pdf" "$TMP/page1"
if [ -n "${REGEN:-}" ]; then
  cp "$TMP/page1.png" "$REF"
  pdftoppm -r 80 -png -f 1 -l 2 "$TMP/ba.pdf" "$TMP/doc"
  cp "$TMP"/doc-1.png "$TOP/doc/berita-acara-1.png"; cp "$TMP"/doc-2.png "$TOP/doc/berita-acara-2.png"
fi
run python3 "$TOP/tests/lib/png-compare.py" "$REF" "$TMP/page1.png" 1.0 40
check "page 1 matches the reference rendering ($(cat "$TMP/out"))" test "$rc" -eq 0

# Only spoiled blanks: the title and the table say so, nothing of invalid cards.
inv --user wh receive --supplier Peruri --ref SJ-002 --serials KTP0200000-KTP0200009 --to RC1 >/dev/null
expect_ok "spoil 3 more" inv --user pr spoil --serials KTP0200000-KTP0200002 --reason "tinta luntur"
expect_ok "prepare a record of spoiled blanks only" $A destroy prepare --all --method shredding --place Gudang
id2=$(cat "$TMP/out")
expect_ok "approve it" $A2 destroy approve "$id2"
expect_ok "execute it" $A destroy execute "$id2" --witness "Budi; Camat; 19700101 199001 1 001" --witness "Siti; Lurah; NRP 12345678"
expect_out "the year's second number" "470/0002/Disdukcapil/XII/2026"
expect_ok "its PDF" $A report destruction "$id2" --format pdf -o "$TMP/spoiled.pdf"
pdftotext "$TMP/spoiled.pdf" - | tr -s ' \n' ' ' >"$TMP/spoiled.txt"
has "the title says spoiled blanks only" "BERITA ACARA PEMUSNAHAN BLANGKO KTP-EL RUSAK Nomor" "$TMP/spoiled.txt"
check "nothing of invalid cards" sh -c "! grep -q 'KTP-el invalid' '$TMP/spoiled.txt'"
has "3 (tiga) keping" "3 (tiga) keping" "$TMP/spoiled.txt"
has "the clerk's own reason" "tinta luntur" "$TMP/spoiled.txt"
has "a witness with another kind of number" "Siti Lurah NRP 12345678" "$TMP/spoiled.txt"

# English with --lang en.
expect_ok "the PDF in English" $A report destruction "$id" --format pdf --lang en -o "$TMP/en.pdf"
pdftotext "$TMP/en.pdf" - | tr -s ' \n' ' ' >"$TMP/en.txt"
has "English: the title" "RECORD OF DESTRUCTION" "$TMP/en.txt"
has "English: the opening" "On this day, Saturday, day five of the month of December of the year two thousand twenty-six" "$TMP/en.txt"
has "English: counts in words" "90 (ninety) pieces" "$TMP/en.txt"
has "English: pages" "Page 1 of" "$TMP/en.txt"
check "English: no Indonesian opening" sh -c "! grep -q 'Pada hari ini' '$TMP/en.txt'"

expect_ok "verify" inv verify
test_done
