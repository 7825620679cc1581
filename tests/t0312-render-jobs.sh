#!/bin/sh
# printctl render --all-pending with worker threads: the same files whatever
# --jobs is, modes, the --json listing in id order, the first failing request
# by id, and the usage errors of --jobs.  (Speed is measured by make bench.)
. "$(dirname "$0")/lib/test-lib.sh"
test_require zbarimg

PRINTCTL="$BLANKO_BIN/printctl"
pc() { "$PRINTCTL" "$@"; }
card_site_setup

new_ledger
"$TOP/build/gen-residents" -n 60 -s 31 -o "$TMP/res" >/dev/null
# A card's seal is an ECDSA signature, made with a fresh random number each
# time (Debian 12's OpenSSL 3.0 has no deterministic ECDSA), so two
# renderings of one card differ in their QR codes by design.  The
# byte-for-byte comparisons use a copy of ktp-el without its QR code; the
# seals of two renderings are compared apart, at the end.
mkdir -m 755 "$TMP/tpl"
python3 - "$TOP/etc/templates/ktp-el.tmpl" "$TMP/tpl/ktp-el.tmpl" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
out = re.sub(r'(?ms)^\[qr\]\n.*?(?=^\[)', '', text)
assert out != text
open(sys.argv[2], 'w').write(out)
PY
export BLANKO_TEMPLATEDIR="$TMP/tpl"
expect_ok "60 residents import" pc --user pr import "$TMP/res/residents.csv"

# same_cards DIR1 DIR2: the same file names and, file by file, the same
# bytes.  A PDF's /CreationDate (cairo writes the clock's second, in the
# office's zone: "Z" or "+07'00'") is the one part set to a fixed value
# before comparing.
same_cards() {
  python3 - "$1" "$2" <<'PY'
import os, re, sys
a, b = sys.argv[1:3]
na, nb = sorted(os.listdir(a)), sorted(os.listdir(b))
if na != nb or not na:
    sys.exit("different files: %d and %d" % (len(na), len(nb)))
date = re.compile(rb"/CreationDate \(D:[0-9]+(Z|[+-][0-9]{2}'[0-9]{2}'?)?\)")
for n in na:
    x, y = (date.sub(b'/CreationDate ()', open(os.path.join(d, n), 'rb').read()) for d in (a, b))
    if x != y:
        sys.exit("%s differs" % n)
PY
}

for fmt in pdf png; do
  expect_ok "--jobs 1 renders every pending request ($fmt)" pc --user pr render --all-pending --jobs 1 --format $fmt -o "$TMP/j1-$fmt"
  expect_out "and says how many" "Rendered 60 pending requests"
  expect_ok "--jobs 2 renders every pending request ($fmt)" pc --user pr render --all-pending --jobs 2 --format $fmt -o "$TMP/j2-$fmt"
  expect_out "and says how many" "Rendered 60 pending requests"
  check "--jobs 1 and --jobs 2 make the same $fmt files, byte for byte" same_cards "$TMP/j1-$fmt" "$TMP/j2-$fmt"
  check "60 $fmt files named request-ID.$fmt" test "$(ls "$TMP/j2-$fmt" | grep -c "^request-[0-9]*\.$fmt\$")" = 60
  check "every $fmt file is mode 0600" test "$(stat -c %a "$TMP/j2-$fmt"/* | sort -u)" = 600
done
check "a PNG differs from request to request (the comparison can fail)" \
  sh -c "! cmp -s '$TMP/j1-png/request-1.png' '$TMP/j1-png/request-2.png'"
expect_ok "the single-request path makes the same card" pc --user pr render 17 -o "$TMP/one.png"
check "a request rendered alone is the same PNG as from --all-pending --jobs 2" cmp -s "$TMP/one.png" "$TMP/j2-png/request-17.png"
mkdir -m 700 "$TMP/one" "$TMP/j2-one"
pc --user pr render 17 -o "$TMP/one/request-17.pdf" >/dev/null
cp "$TMP/j2-pdf/request-17.pdf" "$TMP/j2-one/"
check "and the same PDF" same_cards "$TMP/one" "$TMP/j2-one"

expect_ok "the default number of threads" pc --user pr render --all-pending -o "$TMP/jd" --json
check "--json lists the 60 cards in id order" \
  test "$(json_get '[r["id"] for r in j] == list(range(1, 61)) and all(r["file"].endswith("/request-%d.pdf" % r["id"]) and r["preview"] for r in j)')" = True
check "the default makes the same files" same_cards "$TMP/j1-pdf" "$TMP/jd"

expect_refused "--jobs 0 is refused" 2 "--jobs is a number of threads from 1 to 64" pc --user pr render --all-pending --jobs 0 -o "$TMP/x"
expect_refused "--jobs 65 is refused" 2 "--jobs is a number of threads from 1 to 64" pc --user pr render --all-pending --jobs 65 -o "$TMP/x"
expect_refused "--jobs two is refused" 2 "--jobs is a number" pc --user pr render --all-pending --jobs two -o "$TMP/x"
expect_refused "--jobs goes with --all-pending" 2 "--jobs goes with --all-pending" pc --user pr render 3 --jobs 2 -o "$TMP/x.pdf"

# Damaged requests, two of them side by side: the lowest id is reported, in one line, whatever
# thread met it first; earlier cards are made, the failed one is not.
sqlite3 -cmd ".timeout 5000" "$BLANKO_DB" "UPDATE request SET fields = '{broken' WHERE id IN (23, 24, 41)"
for j in 1 2; do
  expect_refused "a damaged request stops --jobs $j at the first by id" 1 '^printctl render: request #23 holds damaged fields$' \
    pc --user pr render --all-pending --jobs $j -o "$TMP/bad$j"
  check "cards before it were made (--jobs $j)" test "$(ls "$TMP/bad$j" | grep -c '^request-\([1-9]\|1[0-9]\|2[0-2]\)\.pdf$')" = 22
  check "no card for the damaged request (--jobs $j)" test ! -e "$TMP/bad$j/request-23.pdf"
done

# With the QR code: each rendering carries its own signature over the same
# fields, and both are genuine.
export BLANKO_TEMPLATEDIR="$TOP/etc/templates"
pc --user pr render 17 -o "$TMP/seal1.png" >/dev/null && pc --user pr render 17 -o "$TMP/seal2.png" >/dev/null
pc key export -o "$TMP/pub.pem" >/dev/null
p1=$(zbarimg --raw -q "$TMP/seal1.png" 2>/dev/null) p2=$(zbarimg --raw -q "$TMP/seal2.png" 2>/dev/null)
check "two renderings of a card carry the same fields, each its own signature" \
  sh -c "[ -n '$p1' ] && [ '$p1' != '$p2' ] && [ '${p1%:*}' = '${p2%:*}' ]"
for p in "$p1" "$p2"; do
  run pc verify-qr --public-key "$TMP/pub.pem" "$p"
  check "and each seal is genuine: a preview's (exit $rc: $(cat "$TMP/out" "$TMP/err"))" \
    sh -c "[ $rc = 3 ] && grep -q 'genuine preview' '$TMP/out' '$TMP/err'"
done

check "no temporary files are left in TMPDIR" test -z "$(ls -A "$TMPDIR")"
test_done
