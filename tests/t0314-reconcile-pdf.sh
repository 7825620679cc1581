#!/bin/bash
# The reconcile PDF as an office signs it (issue 13): the letterhead and
# "Halaman X dari Y", numbers right-aligned and grouped ("1.000"), accounts
# and kinds named in Indonesian with the code in brackets where a code must
# appear, a printer's hopper shown as the printer (its loads "dimuat ke
# printer", never "lainnya"), a signature block for the one who made it and
# the head of office, and a period ending in the future refused.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib/test-lib.sh"
test_require faketime pdftotext python3

TOOL="$TOP/build/ledger-tool"
cat >"$BLANKO_CONF" <<'CONF'
[site]
office = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh
government = PEMERINTAH KOTA CONTOH
address = Jalan Merdeka Nomor 12, Kota Contoh 50111
city = Kota Contoh
head_name = Drs. Hadi Santoso, M.M.
head_nip = 19680808 199003 1 007
head_post = Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Contoh
timezone = Asia/Jakarta
CONF
on() { d=$1; shift; TZ=UTC faketime "$d" "$@"; }
FAKETIME_LIB=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1)
LD_PRELOAD=$FAKETIME_LIB FAKETIME="@2026-11-01 01:00:00" TZ=UTC new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
expect_ok "au's full name, NIP and post" \
  on "2026-11-01 01:30:00" "$INVENTORY" user set au --full-name "Rina Marlina, S.E." --nip "19850505 201001 2 015" --post "Pengadministrasi Umum"
on "2026-11-02 02:00:00" "$INVENTORY" --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0100000-KTP0101999 --to GUDANG >/dev/null
on "2026-11-03 02:00:00" "$INVENTORY" --user wh transfer --from GUDANG --to RC1 --serials KTP0100000-KTP0100999 >/dev/null
on "2026-11-03 03:00:00" "$TOOL" "$BLANKO_DB" pr hopper hopper.KARTU1 >/dev/null
on "2026-11-04 02:00:00" "$TOOL" "$BLANKO_DB" pr move printer.load RC1 hopper.KARTU1 KTP0100000-KTP0100099 >/dev/null
on "2026-11-05 02:00:00" "$TOOL" "$BLANKO_DB" pr move print hopper.KARTU1 issued KTP0100000-KTP0100009 >/dev/null

R="$INVENTORY --user au report reconcile --from 2026-11-01 --to 2026-11-30"
expect_ok "the PDF" on "2026-12-05 03:00:00" $R --format pdf -o "$TMP/rec.pdf"
pdftotext -layout "$TMP/rec.pdf" "$TMP/rec.txt"
pdftotext "$TMP/rec.pdf" - | tr -s ' \n' ' ' >"$TMP/flat.txt"
has() { check "$1" grep -Eq -- "$2" "$3"; }
has "the letterhead" "PEMERINTAH KOTA CONTOH" "$TMP/rec.txt"
has "the title" "REKONSILIASI BLANGKO KTP-EL" "$TMP/rec.txt"
has "pages as Halaman X dari Y" "Halaman 1 dari [0-9]+" "$TMP/rec.txt"
has "the store's opening and closing grouped and right-aligned under their heads" \
  "^ *GUDANG +gudang +0 +2\.000 +1\.000 +1\.000 +cocok" "$TMP/rec.txt"
pdftotext -bbox "$TMP/rec.pdf" "$TMP/rec.html"
check "numbers are right-aligned: in each of the four columns every number ends at the same x" python3 - "$TMP/rec.html" <<'PY'
import re, sys
words = [(float(x1), float(y0), float(x2), t) for x1, y0, x2, t in
         re.findall(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)</word>', open(sys.argv[1]).read())]
top = min(y for x1, y, x2, t in words if t == "Akun")
end = min(y for x1, y, x2, t in words if t == "Masuk" and y > top + 5 and x1 < 100)   # the next heading
nums = sorted(x2 for x1, y, x2, t in words if top < y < end and re.fullmatch(r"[0-9][0-9.]*", t) and x1 > 200)
cols, cur = [], [nums[0]]
for x in nums[1:]:
    if x - cur[-1] > 5:
        cols.append(cur); cur = [x]
    else:
        cur.append(x)
cols.append(cur)
assert len(cols) == 4 and all(len(c) == 7 and max(c) - min(c) < 0.5 for c in cols), cols
PY
has "a state in words with its code" "dikeluarkan \(issued\)" "$TMP/rec.txt"
has "the hopper as its printer's card hopper with its code" "baki kartu printer KARTU1 \(hopper\.KARTU1\)" "$TMP/flat.txt"
has "the kind of a hopper in words" "^baki kartu printer KARTU1 +baki kartu +0 +100 +10 +90 +cocok" "$TMP/rec.txt"
has "loads named as loads into printers" "^ +keluar: dimuat ke printer 100" "$TMP/rec.txt"
check "no 'lainnya'" sh -c "! grep -q lainnya '$TMP/rec.txt'"
check "no English account kinds" sh -c "! grep -Eq '(^| )(store|printroom|hopper|state)( |$)' '$TMP/rec.txt'"
has "the date line" "Kota Contoh, 5 Desember 2026" "$TMP/rec.txt"
has "Mengetahui for the head of office" "Mengetahui, Kepala Dinas Kependudukan" "$TMP/flat.txt"
has "the head's name and NIP" "Drs. Hadi Santoso, M.M. .*NIP 19680808 199003 1 007" "$TMP/flat.txt"
has "the one who made it, by full name and NIP" "Yang membuat, Pengadministrasi Umum .*Rina Marlina, S.E. .*NIP 19850505 201001 2 015" "$TMP/flat.txt"
has "the chain head box" "Ujung rantai pada akhir periode" "$TMP/flat.txt"
check "no UTC" sh -c "! grep -q UTC '$TMP/rec.txt'"

expect_ok "in English" on "2026-12-05 03:00:00" $R --format pdf --lang en -o "$TMP/en.pdf"
pdftotext -layout "$TMP/en.pdf" "$TMP/en.txt"
has "English: grouped with commas" "GUDANG +store +0 +2,000 +1,000 +1,000 +reconciles" "$TMP/en.txt"
has "English: the hopper as a printer's" "^hopper of printer KARTU1 +card hopper +0 +100 +10 +90 +reconciles" "$TMP/en.txt"
has "English: pages" "Page 1 of" "$TMP/en.txt"

sum=$(db_sum)
expect_refused "a period ending in the future" 1 "^inventory report reconcile: --to 2026-12-06 is in the future \(today is 2026-12-05\)" \
  on "2026-12-05 03:00:00" "$INVENTORY" --user au report reconcile --from 2026-12-01 --to 2026-12-06 --format pdf -o "$TMP/future.pdf"
check "one line" test "$(wc -l <"$TMP/err")" = 1
check "no file made" test ! -e "$TMP/future.pdf"
check "the ledger unchanged" test "$(db_sum)" = "$sum"
# WIB: at 2026-12-05 20:00 UTC it is already 6 December in the office.
expect_ok "a period ending today in the office's zone (WIB, the next UTC day)" \
  on "2026-12-05 20:00:00" "$INVENTORY" --user au report reconcile --from 2026-12-01 --to 2026-12-06 --format pdf -o "$TMP/today.pdf"
test_done
