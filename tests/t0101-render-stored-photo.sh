#!/bin/sh
# Issue 17: a card made from the photo stored at import (the photo box's
# JPEG at 300 dpi) looks as the card made from the file given: rasterised
# at 300 dpi, every pixel outside the photo box is the same and inside it
# the two differ only by the JPEG's own loss (mean difference under 3 of
# 255 per channel).  The reference image of the renderer (tests/data/
# ref-ktp-el.png, checked by the unit test test-render) is unchanged.  A
# preview PDF (translucent PREVIEW mark over the photo) embeds the stored
# JPEG as it is, with no image fallback of cairo's.
. "$(dirname "$0")/lib/test-lib.sh"
test_require pdfimages pdftoppm python3

PRINTCTL="$BLANKO_BIN/printctl"
GEN="$TOP/build/gen-residents"
TOOL="$TOP/build/render-tool"
TEMPLATE="$TOP/etc/templates/ktp-el.tmpl"
KEY=000102030405060708090a0b0c0d0e0f10111213141516171819
card_site_setup
new_ledger

"$GEN" -n 3 -s 5 -m -o "$TMP/res" >/dev/null
expect_ok "import of two PNG photos and a JPEG larger than the box" "$PRINTCTL" --user pr import "$TMP/res/residents.csv"

# compare A.ppm B.ppm: pixels differing outside the photo box, and the mean
# difference inside it (ktp-el: box 62.8 12.4 19.5 26.0 mm, at 300 dpi).
compare() {
  python3 - "$1" "$2" <<'PY'
import sys
def ppm(path):
    b = open(path, 'rb').read()
    parts, pos = [], 0
    while len(parts) < 4:
        while b[pos:pos + 1].isspace(): pos += 1
        end = pos
        while not b[end:end + 1].isspace(): end += 1
        parts.append(b[pos:end]); pos = end
    return int(parts[1]), int(parts[2]), b[pos + 1:]
wa, ha, a = ppm(sys.argv[1]); wb, hb, b = ppm(sys.argv[2])
assert (wa, ha) == (wb, hb), 'sizes differ'
mm = 300 / 25.4
x0, y0, x1, y1 = int(62.8 * mm) - 1, int(12.4 * mm) - 1, int((62.8 + 19.5) * mm) + 2, int((12.4 + 26.0) * mm) + 2
outside = inside_n = inside_sum = 0
for y in range(ha):
    row_a, row_b = a[y * wa * 3:(y + 1) * wa * 3], b[y * wa * 3:(y + 1) * wa * 3]
    if row_a == row_b:
        if y0 <= y < y1: inside_n += (x1 - x0) * 3
        continue
    for x in range(wa):
        pa, pb = row_a[x * 3:x * 3 + 3], row_b[x * 3:x * 3 + 3]
        if x0 <= x < x1 and y0 <= y < y1:
            inside_n += 3
            inside_sum += sum(abs(pa[i] - pb[i]) for i in range(3))
        elif pa != pb:
            outside += 1
print(outside, '%.2f' % (inside_sum / max(inside_n, 1)))
PY
}

for i in 1 2 3; do
  f=$(ls "$TMP/res/photos"/p00000$i.*)
  sqlite3 "$BLANKO_DB" "SELECT writefile('$TMP/stored$i.jpg', data) FROM photo p JOIN request r ON r.photo_id = p.id WHERE r.id = $i" >/dev/null
  "$TOOL" card --key $KEY --serial KTP0000001 --photo "$f" "$TEMPLATE" "$TMP/given$i.pdf" &&
    "$TOOL" card --key $KEY --serial KTP0000001 --photo "$TMP/stored$i.jpg" "$TEMPLATE" "$TMP/stored$i.pdf" &&
    pdftoppm -r 300 "$TMP/given$i.pdf" "$TMP/given$i" && pdftoppm -r 300 "$TMP/stored$i.pdf" "$TMP/stored$i"
  check "card $i rendered from the file given and from the photo stored" test $? = 0
  set -- $(compare "$TMP/given$i-1.ppm" "$TMP/stored$i-1.ppm")
  check "card $i: no pixel differs outside the photo box (got ${1:-?})" test "${1:-x}" = 0
  check "card $i: inside the box the mean difference is under 3/255 (got ${2:-?})" \
    awk -v d="${2:-99}" 'BEGIN { exit !(d < 3) }'
done

# A preview (no serial yet) embeds the stored JPEG and nothing else but the QR.
expect_ok "render the pending cards (previews) to PDF" "$PRINTCTL" --user pr render --all-pending -o "$TMP/cards"
for i in 1 2 3; do
  pdfimages -list "$TMP/cards/request-$i.pdf" | awk 'NR > 2' >"$TMP/list$i"
  check "preview $i: the photo is the stored JPEG, 230 x 307, and the only other image is the QR's mask" \
    awk '$3 == "image" && $4 == 230 && $5 == 307 && $9 == "jpeg" { j ++ } $3 == "stencil" { s ++ } END { exit !(j == 1 && s == 1 && NR == 2) }' "$TMP/list$i"
done

test_done
