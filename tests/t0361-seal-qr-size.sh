#!/bin/bash
# The KTP2 seal still scans at the card's size (issue 12, item 4): the
# longest payload (a 32-character serial: 184 characters) rendered on the
# default template to the 300 dpi PNG and to the PDF, the PDF rasterised at
# 300 dpi (pdftoppm -r 300, as a print preview or a scanner sees it), both
# decoded with zbarimg; the text must be the payload exactly, and it must
# verify (with the signing keys, and with the exported public key alone).
#
# The longest KTP2 payload is a version 8 code at level M (49 modules and
# the 4-module quiet zone on each side; KTP1's longest was version 4).  In
# ktp-el's old 9.5 mm box a module was 1.97 dots at 300 dpi, drawn as 1, 2
# or 3 dots: 21 of t0400's 50 printed cards did not scan.  The box is now
# 9.7 mm and the renderer draws each module as 2 whole dots (0.169 mm) on
# the 300 dpi grid.  The template's serial text (12 mm wide, under the
# QR code) cannot show 32 characters, so the card is rendered from a copy
# of ktp-el whose serial box alone is wider; the QR element is the same.
. "$(dirname "$0")/lib/test-lib.sh"

test_require zbarimg pdftoppm
card_site_setup
TOOL="$TOP/build/render-tool"
TEMPLATE="$TMP/ktp-el-wide-serial.tmpl"
sed 's/^box = 73.35 10.5 12.0 1.8$/box = 45.0 10.5 40.0 1.8/' "$TOP/etc/templates/ktp-el.tmpl" >"$TEMPLATE"
check "the copy differs from ktp-el only in the serial's box" \
  test "$(diff "$TOP/etc/templates/ktp-el.tmpl" "$TEMPLATE" | grep -c '^[<>]')" = 2
serial=KTP-0123456789.ABCDEFGHIJ-012345
check "the serial is the longest a payload takes (32 characters)" test "${#serial}" = 32

payload=$("$TOOL" card --ledger "$BLANKO_DB" --serial "$serial" --print-payload "$TEMPLATE" "$TMP/long.png") &&
  "$TOOL" card --payload "$payload" --serial "$serial" "$TEMPLATE" "$TMP/long.pdf"
check "render-tool seals and renders the card with the longest serial (PNG and PDF)" test $? = 0 -a -s "$TMP/long.pdf"
check "the payload is KTP2 and $((${#payload})) characters long (184 for a 32-character serial)" \
  sh -c "[ ${#payload} = 184 ] && case '$payload' in KTP2:$serial:*) true;; *) false;; esac"
pdftoppm -r 300 -png -singlefile "$TMP/long.pdf" "$TMP/long-pdf"
check "pdftoppm rasterised the PDF at 300 dpi" test -s "$TMP/long-pdf.png"

png=$(zbarimg --raw -q "$TMP/long.png" 2>/dev/null)
check "zbarimg decodes the 300 dpi PNG to exactly the payload" test "$png" = "$payload"
pdf=$(zbarimg --raw -q "$TMP/long-pdf.png" 2>/dev/null)
check "zbarimg decodes the PDF rasterised at 300 dpi to exactly the payload" test "$pdf" = "$payload"

run "$TOOL" verify --ledger "$BLANKO_DB" "$png"
check "the PNG's decoded payload verifies ($(cat "$TMP/out"))" test "$rc" = 0
run "$TOOL" verify --ledger "$BLANKO_DB" "$pdf"
check "the PDF's decoded payload verifies ($(cat "$TMP/out"))" test "$rc" = 0

# With the exported public key alone, as a bank would (exit 4: no ledger).
inv init >/dev/null
run "$BLANKO_BIN/printctl" key export -o "$TMP/pub.pem"
check "printctl key export writes the public key" test "$rc" = 0 -a -s "$TMP/pub.pem"
for f in png pdf; do
  eval "p=\$$f"
  run env -u BLANKO_DB BLANKO_STATEDIR="$TMP/none" "$BLANKO_BIN/printctl" verify-qr --public-key "$TMP/pub.pem" "$p"
  check "verify-qr --public-key on the $f's payload: genuine, validity unknown (exit $rc)" \
    sh -c "[ $rc = 4 ] && grep -q 'genuine seal for card $serial' '$TMP/out'"
done
test_done
