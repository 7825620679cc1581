#!/bin/sh
# report stock with no blanks and no use (issue 15): past use alone
# forecast "no use, no end in sight" and no warning while residents
# waited; the warning now uses the blanks needed (report supply's
# formula) and says how many, in text, JSON and PDF.
. "$(dirname "$0")/lib/test-lib.sh"

test_require faketime
GEN="$TOP/build/gen-residents"
card_site_setup
NOW="2026-10-31 12:00:00"
on() { d=$1; shift; TZ=UTC faketime "$d" "$@" >/dev/null; }
report() { TZ=UTC faketime "$NOW" "$INVENTORY" "$@"; }

on "2026-09-01 08:00:00" "$INVENTORY" init
on "2026-09-01 08:01:00" "$INVENTORY" user add pr --role printroom
on "2026-09-01 08:02:00" "$INVENTORY" location add GUDANG --kind store
"$GEN" -n 20 -s 1 -o "$TMP/res" >/dev/null
# 20 requests recorded on 2026-10-20: all waiting, none printed, no blank in the office.
on "2026-10-20 10:00:00" "$PRINTCTL" --user pr import "$TMP/res/residents.csv"

# backlog 20; 20 new in 8 weeks = 2.5 a week, 60 days ahead 2.5 x 60 / 7 = 21.43;
# no spoilage; nothing on hand: need = ceil(41.43) = 42.
R="report --user pr report stock"
expect_ok "stock with nothing on hand and nothing used" $R --format json
check "no blanks" test "$(json_get '(j["total"]["blanks"], j["total"]["used_30d"])')" = "(0, 0)"
check "no stock means no days left (not 'no end in sight')" test "$(json_get 'j["total"]["days_left"]')" = 0
check "the warning is on" test "$(json_get 'j["warning"]')" = True
check "42 blanks needed, with the inputs" test "$(json_get '(j["need"]["blanks_needed"], j["need"]["backlog"], j["need"]["new_requests_8_weeks"], j["need"]["horizon_days"], j["need"]["on_hand"])')" = \
  "(42, 20, 20, 60, 0)"
expect_ok "the text" $R --lang id
expect_out "text: no days left" "Sisa persediaan: 0 hari"
expect_out "text: blanks are needed, with the number" "PERINGATAN: dibutuhkan 42 blangko lagi"
expect_ok "the English text" $R --lang en
expect_out "English: blanks are needed, with the number" "WARNING: 42 more blanks are needed"
expect_ok "the PDF" $R --format pdf -o "$TMP/stock.pdf" --lang en
check "the PDF warns with the number" sh -c "pdftotext '$TMP/stock.pdf' - | tr -s ' \n' ' ' | grep -q 'WARNING: 42 more blanks are needed'"

# The horizon is the office's: [supply] horizon_days.
printf '[supply]\nhorizon_days = 14\n' >>"$BLANKO_CONF"
expect_ok "with a 14-day horizon" $R --format json
check "need = ceil(20 + 2.5 x 2) = 25" test "$(json_get '(j["need"]["blanks_needed"], j["need"]["horizon_days"])')" = "(25, 14)"
printf '[supply]\nhorizon_days = 0\n' >"$TMP/bad.conf"
expect_refused "a horizon of 0 days is refused" 1 "horizon_days must be 1 to 3650 days" \
  env BLANKO_CONF="$TMP/bad.conf" "$INVENTORY" report stock
test_done
