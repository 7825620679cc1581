#!/bin/sh
# report supply on a known ledger (issue 15): asked vs received per
# request, lead times in the office's days, days at zero stock in a
# period, and the blanks needed with the formula's inputs, exactly, as
# JSON, text, CSV and PDF.  Dates are set with faketime; the office is
# in WIB (UTC+7, the default zone).
. "$(dirname "$0")/lib/test-lib.sh"

test_require faketime pdftotext
TOOL="$TOP/build/ledger-tool"
GEN="$TOP/build/gen-residents"
card_site_setup
printf 'office = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh\n' >>"$BLANKO_CONF"
on() { d=$1 u=$2; shift 2; TZ=UTC faketime "$d" "$INVENTORY" --user "$u" "$@" >"$TMP/on.out"; }
tool_on() { d=$1; shift; TZ=UTC faketime "$d" "$TOOL" "$BLANKO_DB" "$@"; }
NOW="2026-10-31 12:00:00"
report() { TZ=UTC faketime "$NOW" "$INVENTORY" "$@"; }
last_id() { python3 -c "import json; print(json.load(open('$TMP/on.out'))['id'])"; }

TZ=UTC faketime "2026-09-01 08:00:00" "$INVENTORY" init >/dev/null
on "2026-09-01 08:01:00" root user add wh --role warehouse
on "2026-09-01 08:02:00" root user add pr --role printroom
on "2026-09-01 08:05:00" root location add GUDANG --kind store
on "2026-09-01 08:06:00" root location add RC1 --kind printroom
on "2026-09-01 09:00:00" wh supply request --quantity 1000 --basis "print-ready count 1200" --ref "470/01/2026" \
  --date 2026-09-01 --to "Ditjen Dukcapil" --json
A=$(last_id)
on "2026-09-05 09:00:00" wh supply request --quantity 500 --ref "470/02/2026" --date 2026-09-05 --to Peruri --json
B=$(last_id)
# 400 on 2026-09-10 16:00 WIB: 9 days after the letter.
on "2026-09-10 09:00:00" wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001399 --to GUDANG --against "$A"
# 700 on 2026-09-19 18:00 UTC, which is 2026-09-20 01:00 WIB: 19 office days after the letter; 100 more than asked.
on "2026-09-19 18:00:00" wh receive --supplier Peruri --ref SJ-2 --serials KTP0001400-KTP0002099 --to GUDANG --against "$A"
on "2026-09-25 10:00:00" wh transfer --from GUDANG --to RC1 --count 1100
tool_on "2026-09-26 10:00:00" pr move print RC1 issued KTP0001000-KTP0001999
on "2026-09-27 10:00:00" pr spoil --serials KTP0002000-KTP0002049 --reason "printer jam"
tool_on "2026-09-28 10:00:00" pr move print RC1 issued KTP0002050-KTP0002099
on "2026-10-01 09:00:00" wh supply cancel "$B" --reason "diganti surat 470/03/2026"
on "2026-10-15 09:00:00" wh supply request --quantity 300 --ref "470/03/2026" --date 2026-10-15 --to Peruri --json
C=$(last_id)
"$GEN" -n 21 -s 3 -o "$TMP/res" >/dev/null
TZ=UTC faketime "2026-10-20 10:00:00" "$PRINTCTL" --user pr import "$TMP/res/residents.csv" >/dev/null

R="report --user pr report supply --from 2026-09-01 --to 2026-10-31"
expect_ok "the report as JSON" $R --format json
check "per request: asked, received, over, state" test "$(json_get '[(r["id"], r["asked"], r["received"], r["over"], r["state"]) for r in j["requests"]]')" = \
  "[($A, 1000, 1100, 100, 'fulfilled'), ($B, 500, 0, 0, 'cancelled'), ($C, 300, 0, 0, 'sent')]"
check "lead times in office days: 9 to the first receipt, 19 to the last" test \
  "$(json_get '[(r["first_receipt"], r["last_receipt"], r["lead_days_first"], r["lead_days_last"]) for r in j["requests"]]')" = \
  "[('2026-09-10', '2026-09-20', 9, 19), ('', '', None, None), ('', '', None, None)]"
check "totals leave the cancelled request out" test "$(json_get '(j["total"]["asked"], j["total"]["received"])')" = "(1300, 1100)"
# Zero from 09-01 to 09-10 (the first receipt came that afternoon), 09-28 (the last 50 printed), 09-29 to 10-31.
check "44 of 61 days at zero stock" test "$(json_get '(j["zero_stock"]["days"], j["zero_stock"]["days_at_zero"])')" = "(61, 44)"
check "the days at zero" test "$(json_get '(j["zero_stock"]["dates"][9], j["zero_stock"]["dates"][10], j["zero_stock"]["dates"][11], j["zero_stock"]["dates"][-1])')" = \
  "('2026-09-10', '2026-09-28', '2026-09-29', '2026-10-31')"
# backlog 21; 21 new in 8 weeks = 2.625 a week, x 60 / 7 = 22.5; spoilage 50 / 1050; on hand 0:
# (21 + 22.5) x (1 + 0.047619) - 0 = 45.57 -> 46.
check "the need's inputs" test "$(json_get '(j["need"]["backlog"], j["need"]["new_requests_8_weeks"], j["need"]["weekly_new_requests"], j["need"]["expected_new_requests"], j["need"]["issued_8_weeks"], j["need"]["spoiled_8_weeks"], round(j["need"]["spoilage_rate"], 6), j["need"]["on_hand"], j["need"]["horizon_days"])')" = \
  "(21, 21, 2.625, 22.5, 1050, 50, 0.047619, 0, 60)"
check "46 blanks needed" test "$(json_get 'j["need"]["blanks_needed"]')" = 46

expect_ok "the text" $R --lang id
expect_out "text: the fulfilled request" "^ +$A +2026-09-01 +Ditjen Dukcapil +470/01/2026 +1\\.000 +1\\.100 +100 +terpenuhi +9 +19$"
expect_out "text: the cancelled one" "^ +$B +2026-09-05 +Peruri +470/02/2026 +500 +0 +0 +dibatalkan +- +-$"
expect_out "text: days at zero stock" "Hari tanpa persediaan 2026-09-01 s.d. 2026-10-31: 44 dari 61"
expect_out "text: the formula with its inputs" "Kebutuhan blangko 60 hari = \\(21 \\+ 22,50\\) x \\(1 \\+ 0,0476\\) - 0 = 46\\."
expect_ok "the CSV" $R --format csv -o "$TMP/supply.csv"
check "CSV: the header and the fulfilled request" sh -c "head -2 '$TMP/supply.csv' | tr -d '\r' | tail -1 | grep -qx '$A,2026-09-01,\"Ditjen Dukcapil\",\"470/01/2026\",\"print-ready count 1200\",1000,1100,100,2,fulfilled,2026-09-10,2026-09-20,9,19'"
check "CSV: the sent request has no lead time" sh -c "tr -d '\r' <'$TMP/supply.csv' | grep -qx '$C,2026-10-15,\"Peruri\",\"470/03/2026\",\"\",300,0,0,0,sent,,,,'"
check "CSV: the need's inputs" sh -c "tr -d '\r' <'$TMP/supply.csv' | tr '\n' ' ' | grep -q 'days_at_zero,44 horizon_days,60 backlog,21 new_requests_8_weeks,21 weekly_new_requests,2.62 expected_new_requests,22.50 issued_8_weeks,1050 spoiled_8_weeks,50 spoilage_rate,0.0476 on_hand,0 blanks_needed,46'"
expect_ok "the PDF" $R --format pdf --lang en -o "$TMP/supply.pdf"
check "the PDF opens" sh -c "pdfinfo '$TMP/supply.pdf' >/dev/null"
check "the PDF has the title, the request, the days at zero and the need" sh -c \
  "pdftotext '$TMP/supply.pdf' - | tr -s ' \n' ' ' | grep -q 'REQUESTS FOR KTP-EL BLANKS.*470/01/2026.*fulfilled.*9/19.*44 of 61 days.*Blanks needed over 60 days = (21 + 22.50) x (1 + 0.0476) - 0 = 46'"
check "the PDF is one page" sh -c "pdfinfo '$TMP/supply.pdf' | grep -q '^Pages: *1$'"

# The default period is the last 90 days; a period after today or reversed is refused.
expect_ok "the default period" report --user pr report supply --json
check "90 days to today" test "$(json_get '(j["from"], j["to"], j["zero_stock"]["days"])')" = "('2026-08-03', '2026-10-31', 90)"
expect_refused "--to after today" 1 "after today" report --user pr report supply --to 2026-11-02
expect_refused "--from after --to" 1 "is after --to" report --user pr report supply --from 2026-10-02 --to 2026-10-01
expect_refused "a bad date" 1 "bad date" report --user pr report supply --from 2026-02-30
expect_refused "a format it does not know" 1 "not one of text, pdf, csv, json" report --user pr report supply --format xml
expect_ok "verify passes" inv verify
test_done
