#!/bin/bash
# The card context the engine and 'printctl render' share (issue 11): a
# template whose site check fails is not kept half-loaded.  With the
# configuration's [site] province taken away after the import, every card
# of a run is refused naming the missing setting -- the second one too
# (the engine's own cache once kept the template without its renderer, and
# refused the next card with an empty reason) -- and 'printctl render'
# says the same for each request.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"

print_setup card1 card2 || exit 1

new_ledger
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001099 >/dev/null
pc printer add P1 --queue card1 --location RC1 >/dev/null
pc printer add P2 --queue card2 --location RC1 >/dev/null
pc printer load P1 --serials KTP0001000-KTP0001009 >/dev/null
pc printer load P2 --serials KTP0001010-KTP0001019 >/dev/null
"$GEN" -n 2 -s 7 -o "$TMP/res" >/dev/null
expect_ok "import two requests (the site is complete)" pc import "$TMP/res/residents.csv"

# The site loses its province: no card can be made.
sed -i '/^province/d' "$BLANKO_CONF"
run pc run --once
check "run ends with a problem (exit $rc)" test "$rc" = 3
check "run says 2 not sent ($(grep 'Run ended' "$TMP/out"))" grep -q "Run ended: 0 printed, 0 spoiled, 0 suspect, 0 sent again, 2 not sent" "$TMP/out"
n=$(grep -c "the card cannot be made: template ktp-el needs the site's province" "$TMP/out")
check "both cards are refused naming the missing setting ($n of 2)" test "$n" = 2
check "no card is refused with an empty reason" sh -c "! grep -q 'the card cannot be made: *\$' '$TMP/out'"
expect_ok "inventory verify" inv verify

for id in 1 2; do
  expect_refused "render of request #$id names the missing setting" 1 "needs the site's province" \
    pc render "$id" -o "$TMP/card-$id.pdf"
done
mkdir -p "$TMP/all"
expect_refused "render --all-pending names the missing setting" 1 "needs the site's province" \
  pc render --all-pending -o "$TMP/all"

test_done
