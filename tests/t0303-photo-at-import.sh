#!/bin/sh
# Issue 17: photos stored once, at import, in the form the card uses.  A PNG
# and a JPEG larger than the photo box become a JPEG of the box's size at
# 300 dpi (230 x 307 pixels for ktp-el's 19.5 x 26.0 mm); a JPEG no larger
# is stored as given.  Every card's PDF embeds the stored JPEG unchanged
# (pdfimages: a DCT image of the box's pixel size, its bytes those stored).
# The photo row keeps the SHA-256 of the file given (photo.source) beside
# that of the bytes stored; verify checks the bytes against their digest,
# and the request's digest covers both, so a changed photo, a changed
# digest or a changed source digest is caught.
. "$(dirname "$0")/lib/test-lib.sh"
test_require pdfimages sha256sum

PRINTCTL="$BLANKO_BIN/printctl"
GEN="$TOP/build/gen-residents"
pc() { "$PRINTCTL" "$@"; }
card_site_setup
new_ledger

# Three residents: a PNG, a JPEG of 300 x 400 (larger than the box) and a PNG.
"$GEN" -n 3 -s 5 -m -o "$TMP/res" >/dev/null
check "the generated photos are two PNGs and a JPEG" \
  test "$(ls "$TMP/res/photos" | tr '\n' ' ')" = "p000001.png p000002.png p000003.jpg "
expect_ok "import of PNG and oversized JPEG photos" pc --user pr import "$TMP/res/residents.csv"

q() { sqlite3 "$BLANKO_DB" "$1"; }
check "three photo rows, all JPEG" test "$(q "SELECT count(*) FROM photo WHERE type = 'image/jpeg'")" = 3
for i in 1 2 3; do
  f=$(ls "$TMP/res/photos"/p00000$i.*)
  src=$(sha256sum "$f" | cut -c1-64)
  q "SELECT writefile('$TMP/stored$i.jpg', data) FROM photo p JOIN request r ON r.photo_id = p.id WHERE r.id = $i" >/dev/null
  check "photo $i: the row keeps the file's SHA-256 as its source" test "$(q "SELECT p.source FROM photo p JOIN request r ON r.photo_id = p.id WHERE r.id = $i")" = "$src"
  check "photo $i: the row's sha256 is that of the bytes stored" \
    test "$(q "SELECT p.sha256 FROM photo p JOIN request r ON r.photo_id = p.id WHERE r.id = $i")" = "$(sha256sum "$TMP/stored$i.jpg" | cut -c1-64)"
  check "photo $i: the bytes stored are not the file's" test "$(sha256sum "$TMP/stored$i.jpg" | cut -c1-64)" != "$src"
done

expect_ok "render every pending card to PDF" pc --user pr render --all-pending -o "$TMP/cards"
for i in 1 2 3; do
  pdfimages -list "$TMP/cards/request-$i.pdf" >"$TMP/list$i"
  check "card $i embeds a JPEG (DCT) photo of 230 x 307 pixels" \
    awk 'NR > 2 && $3 == "image" && $4 == 230 && $5 == 307 && $9 == "jpeg" { found = 1 } END { exit !found }' "$TMP/list$i"
  rm -rf "$TMP/img$i"; mkdir "$TMP/img$i"
  pdfimages -j "$TMP/cards/request-$i.pdf" "$TMP/img$i/x"
  check "card $i's JPEG is the stored bytes, unchanged" cmp -s "$TMP/img$i/x-000.jpg" "$TMP/stored$i.jpg"
done
expect_ok "verify after an import of converted photos" inv verify

# A JPEG no larger than the box (the stored one, 230 x 307) is stored as it is.
mkdir -p "$TMP/res2/photos"
cp "$TMP/stored3.jpg" "$TMP/res2/photos/small.jpg"
"$GEN" -n 1 -s 9 -o "$TMP/res2/gen" >/dev/null
python3 - "$TMP/res2/gen/residents.csv" "$TMP/res2/residents.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
rows[0]['photo'] = 'photos/small.jpg'
w = csv.DictWriter(open(sys.argv[2], 'w', newline=''), list(rows[0].keys()), lineterminator='\n')
w.writeheader(); w.writerows(rows)
PY
expect_ok "import of a JPEG of the box's size" pc --user pr import "$TMP/res2/residents.csv"
check "a JPEG of the box's size is the photo stored before (one row per content)" \
  test "$(q "SELECT count(*) FROM photo")" = 3
expect_ok "verify" inv verify

# A JPEG smaller than the box keeps its bytes and has no source digest.
"$GEN" -n 1 -s 11 -o "$TMP/res3" >/dev/null
q "SELECT writefile('$TMP/res3/photos/p000001.jpg', data) FROM photo WHERE id = 3" >/dev/null
python3 - "$TMP/res3/photos/p000001.jpg" <<'PY'
# Make it a different JPEG of the same size: a comment segment after SOI.
import sys
b = open(sys.argv[1], 'rb').read()
open(sys.argv[1], 'wb').write(b[:2] + b'\xff\xfe\x00\x06t0303' + b[2:])
PY
expect_ok "import of a small JPEG" pc --user pr import "$TMP/res3/residents.csv"
check "a small JPEG is stored as given, with no source digest" \
  test "$(q "SELECT sha256 || ':' || source FROM photo ORDER BY id DESC LIMIT 1")" = "$(sha256sum "$TMP/res3/photos/p000001.jpg" | cut -c1-64):"
expect_ok "verify" inv verify

# verify catches a changed photo, its digest or its source's digest.
sqlite3 "$BLANKO_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$BLANKO_DB" "$TMP/good.db"
tamper "a converted photo's bytes changed" "photo 1.*SHA-256" \
  "UPDATE photo SET data = zeroblob(10) || data WHERE id = 1"
tamper "two converted photos swapped, each with its digest" "request #1 differs" \
  "CREATE TEMP TABLE t AS SELECT id, data, sha256 FROM photo WHERE id IN (1, 2);
   UPDATE photo SET sha256 = 'x' || id WHERE id IN (1, 2);
   UPDATE photo SET data = (SELECT data FROM t WHERE t.id = 3 - photo.id),
     sha256 = (SELECT sha256 FROM t WHERE t.id = 3 - photo.id) WHERE id IN (1, 2)"
tamper "a photo's source digest changed" "request #1 differs" \
  "UPDATE photo SET source = '00' || substr(source, 3) WHERE id = 1"
tamper "a converted photo's source digest removed" "request #1 differs" \
  "UPDATE photo SET source = '' WHERE id = 1"
test_done
