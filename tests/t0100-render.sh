#!/bin/sh
#
# Checks the card renderer's real output with real tools: pdfinfo (page
# size), pdftotext (text), pdfimages (photo passed through as JPEG, QR as a
# 1-bit stencil), zbarimg (the QR decodes and its payload verifies).
#
# Run from the top of the tree after building $BUILD/render-tool:
#   BUILD=build sh tests/t0100-render.sh
#

. "$(dirname "$0")/lib/test-lib.sh"
cd "$TOP" || exit 1
test_require pdfinfo pdftotext pdfimages zbarimg
BUILD="${BUILD:-build}"
TOOL="$BUILD/render-tool"
TEMPLATE="etc/templates/ktp-el.tmpl"
KEY=000102030405060708090a0b0c0d0e0f10111213141516171819
WRONGKEY=ff0102030405060708090a0b0c0d0e0f10111213141516171819

umask 077

# ok STATUS DESCRIPTION [DETAIL]: pass when STATUS (the last command's $?) is 0.
ok() { if [ "$1" = 0 ]; then pass "$2"; else fail "$2${3:+ ($3)}"; fi; }

# --- A printed card ---------------------------------------------------------

"$TOOL" card --key $KEY "$TEMPLATE" "$TMP/card.pdf" && "$TOOL" card --key $KEY "$TEMPLATE" "$TMP/card.png"
ok $? "render-tool renders the sample card as PDF and PNG"

size=$(pdfinfo "$TMP/card.pdf" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p')
awk -v s="$size" 'BEGIN { split(s, v, " "); exit !(v[1] != "" && (v[1] - 242.6) ^ 2 < 0.25 && (v[2] - 153.0) ^ 2 < 0.25) }'
ok $? "PDF page is 85.60 x 53.98 mm (242.6 x 153.0 pt)" "got $size pt"

pages=$(pdfinfo "$TMP/card.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" = 1 ]
ok $? "PDF of a one-sided template has one page" "got $pages"

pdftotext -layout "$TMP/card.pdf" "$TMP/card.txt"
missing=""
for text in "PROVINSI JAWA TENGAH" "KOTA SEMARANG" "NIK" "3374015708900001" "Nama" \
            "RATNA SARI WULANDARI" "Tempat/Tgl Lahir" "SEMARANG, 17-08-1990" "Jenis Kelamin" \
            "PEREMPUAN" "Gol. Darah" "Alamat" "JL. PANDANARAN RAYA NO. 17" "RT/RW" "Kel/Desa" \
            "Kecamatan" "Agama" "Status Perkawinan" "Pekerjaan" "Kewarganegaraan" \
            "Berlaku Hingga" "SEUMUR HIDUP" "27-11-2026" "KTP0001000"; do
  grep -qF "$text" "$TMP/card.txt" || missing="$missing [$text]"
done
[ -z "$missing" ]
ok $? "pdftotext shows the labels, the NIK, the name and the serial" "missing:$missing"

# The mark is diagonal: pdftotext gives it a letter a line, in order.
! pdftotext -raw "$TMP/card.pdf" - | tr -d '\n' | grep -q SPESIMEN
ok $? "a printed card has no SPESIMEN (preview) mark"

pdfimages -list "$TMP/card.pdf" >"$TMP/images.txt"
grep -Eq '^ *[0-9]+ +[0-9]+ +image +300 +400 +rgb +3 +8 +jpeg' "$TMP/images.txt"
ok $? "the JPEG photo is embedded as JPEG (not recompressed)" "$(tr '\n' '|' <"$TMP/images.txt")"
grep -Eq 'stencil +[0-9]+ +[0-9]+ +- +1 +1' "$TMP/images.txt"
ok $? "the QR code is one 1-bit stencil mask"

[ "$(stat -c %a "$TMP/card.pdf")" = 600 ] && [ "$(stat -c %a "$TMP/card.png")" = 600 ]
ok $? "output files are mode 0600"

payload=$(zbarimg --raw -q "$TMP/card.png" 2>/dev/null)
case "$payload" in
  KTP1:KTP0001000:3374015708900001:20261127:*) true ;;
  *) false ;;
esac
ok $? "zbarimg decodes the QR of the 300 dpi PNG" "got '$payload'"

out=$("$TOOL" verify --key $KEY "$payload")
[ $? = 0 ] && [ "$out" = "genuine KTP0001000" ]
ok $? "the payload verifies with the site key" "$out"

"$TOOL" verify --key $WRONGKEY "$payload" >/dev/null
[ $? = 1 ]
ok $? "the payload is rejected with another key"

altered=$(echo "$payload" | sed 's/:3374015708900001:/:3374015708900002:/')
"$TOOL" verify --key $KEY "$altered" >/dev/null
[ $? = 1 ] && [ "$altered" != "$payload" ]
ok $? "a payload with one NIK digit altered is rejected"

altered=$(echo "$payload" | sed 's/.$/A/; t; s/$//')
[ "$altered" = "$payload" ] && altered=$(echo "$payload" | sed 's/.$/B/')
"$TOOL" verify --key $KEY "$altered" >/dev/null
[ $? = 1 ]
ok $? "a payload with its check value altered is rejected"

# --- A preview (not printed yet) ---------------------------------------------

"$TOOL" card --preview --key $KEY "$TEMPLATE" "$TMP/preview.pdf" && "$TOOL" card --preview --key $KEY "$TEMPLATE" "$TMP/preview.png"
ok $? "render-tool renders a preview"

pdftotext -raw "$TMP/preview.pdf" - | tr -d '\n' >"$TMP/preview.txt"
grep -q SPESIMEN "$TMP/preview.txt" && grep -q RATNA "$TMP/preview.txt" && ! grep -q KTP0001000 "$TMP/preview.txt"
ok $? "a preview has the SPESIMEN mark (the card is Indonesian) and no serial"

payload=$(zbarimg --raw -q "$TMP/preview.png" 2>/dev/null)
out=$("$TOOL" verify --key $KEY "$payload")
[ $? = 0 ] && [ "$out" = "genuine preview" ]
ok $? "a preview's QR decodes to a genuine preview payload" "got '$payload' -> $out"

# --- Long values --------------------------------------------------------------

name="MUHAMMAD RIZKY PRATAMA ADITYA NUGROHO WIBOWO SETIAWAN HIDAYAT KUSUMA WARDHANA PU"
address="JL. PANGERAN DIPONEGORO GANG MAWAR MERAH NO. 123 BLOK C KOMPLEK PERUMAHAN GRIYA ASRI SEJAHTERA PERMAI KAVLING 45 DEKAT M"
"$TOOL" card --key $KEY --set "name=$name" --set "address=$address" "$TEMPLATE" "$TMP/long.pdf"
ok $? "an 80-character name and a 120-character address render" "${#name}, ${#address}"
pdftotext "$TMP/long.pdf" - | tr -s ' \n' '  ' | grep -qF "MUHAMMAD RIZKY PRATAMA"
ok $? "the long name is in the PDF"

# --- Generated residents -----------------------------------------------------

"$BUILD/gen-residents" -n 200 -p 5 -s 42 -o "$TMP/gen" && "$BUILD/gen-residents" -n 3 -p 1 --long -o "$TMP/genlong"
ok $? "gen-residents writes residents and photos"

# Each NIK: 16 digits, unique, DDMMYY of the birth date with day + 40 for women.
bad=$(awk -F, 'NR > 1 {
  split($4, d, "-"); day = d[3] + ($5 == "PEREMPUAN" ? 40 : 0)
  want = sprintf("%02d%s%s", day, d[2], substr(d[1], 3, 2))
  if (length($1) != 16 || $1 !~ /^[0-9]+$/ || substr($1, 7, 6) != want || seen[$1]++) print NR ": " $1 " " $4 " " $5
}' "$TMP/gen/residents.csv")
[ -z "$bad" ] && [ "$(wc -l <"$TMP/gen/residents.csv")" = 201 ]
ok $? "generated NIKs are valid and unique" "$bad"

[ -z "$(find "$TMP/gen" -type f ! -perm 600)" ] && [ -z "$(find "$TMP/gen" -type d ! -perm 700)" ]
ok $? "generated files are mode 0600, folders 0700"

long=$(sed -n 2p "$TMP/genlong/residents.csv")
lname=$(echo "$long" | cut -d, -f2)
laddr=$(echo "$long" | cut -d, -f7)
[ ${#lname} = 80 ] && [ ${#laddr} = 120 ] &&
  "$TOOL" card --key $KEY --photo "$TMP/genlong/photos/p000001.jpg" --set "nik=$(echo "$long" | cut -d, -f1)" \
    --set "name=$lname" --set "address=$laddr" "$TEMPLATE" "$TMP/genlong.png" &&
  zbarimg --raw -q "$TMP/genlong.png" 2>/dev/null | grep -q "^KTP1:KTP0001000:$(echo "$long" | cut -d, -f1):"
ok $? "a generated resident with an 80-character name and a 120-character address renders and scans"

# --- Two sides ----------------------------------------------------------------

sed 's/^sides = front$/sides = front back/' "$TEMPLATE" >"$TMP/two-sided.tmpl"
printf '\n[text back-note]\nside = back\nbox = 5 20 75.6 6\ntext = KARTU TANDA PENDUDUK ELEKTRONIK\nalign = center\n' >>"$TMP/two-sided.tmpl"
printf '\n[image png-logo]\nside = back\nbox = 5 30 20 12.6\nfile = %s\n' "$PWD/tests/data/ref-ktp-el.png" >>"$TMP/two-sided.tmpl"
printf '\n[image jpeg-logo]\nside = back\nbox = 30 30 9 12\nfile = %s\n' "$TMP/gen/photos/p000001.jpg" >>"$TMP/two-sided.tmpl"
"$TOOL" card --key $KEY "$TMP/two-sided.tmpl" "$TMP/two.pdf"
[ "$(pdfinfo "$TMP/two.pdf" | sed -n 's/^Pages: *//p')" = 2 ] && pdftotext -f 2 "$TMP/two.pdf" - | grep -q "KARTU TANDA PENDUDUK"
ok $? "a two-sided template gives a back page"
[ "$(pdfimages -f 2 -list "$TMP/two.pdf" | grep -c image)" = 2 ]
ok $? "template images (PNG and JPEG) are drawn" "$(pdfimages -f 2 -list "$TMP/two.pdf" | tr '\n' '|')"

# --- Template errors ----------------------------------------------------------

sed 's/^text = \${occupation}$/text = ${ocupation}/' "$TEMPLATE" >"$TMP/bad.tmpl"
line=$(grep -n '^text = \${ocupation}$' "$TMP/bad.tmpl" | cut -d: -f1)
out=$("$TOOL" card --key $KEY "$TMP/bad.tmpl" "$TMP/bad.pdf" 2>&1)
status=$?
[ $status = 1 ] && [ "$out" = "$TMP/bad.tmpl:$line: unknown field \"ocupation\" (not in [fields])" ] && [ ! -e "$TMP/bad.pdf" ]
ok $? "a template with an unknown field fails with FILE:LINE before rendering" "$out"

"$TOOL" check "$TEMPLATE"
ok $? "the default template checks clean"

test_done
