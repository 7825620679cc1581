#!/bin/bash
# Issue 15: inventory report backlog on a known set: the weekly trend
# (waiting at each week's end, recorded and printed in it) and the days to
# clear today's backlog at the last 28 days' print rate and blank supply,
# as text, CSV, JSON and PDF (pdftotext shows the figures); no names.
# Four cards are printed through the private cupsd fixture, as in t0400.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"
. "$TOP/tests/lib/requests.sh"

test_require pdftotext
print_setup card1 || exit 1

new_ledger
printer_ready card1 KTP0001009

run inv report backlog --help
check "'report backlog --help' prints usage" grep -q "^Usage: inventory report backlog" "$TMP/out"
check "the man page documents 'report backlog'" grep -q '^\.SS "*report backlog' "$TOP/inventory/inventory.1"

# Ten residents recorded 0 3 8 10 15 22 40 50 60 100 days ago; the four
# oldest are printed today, the one of 22 days cancelled: 5 wait.
"$GEN" -n 10 -s 71 -o "$TMP/r" >/dev/null
csv_columns "$TMP/r/residents.csv" "$TMP/r/set.csv" "recorded=$(days_ago 0 3 8 10 15 22 40 50 60 100)"
pc import "$TMP/r/set.csv" >/dev/null
pc cancel 6 >/dev/null
run pc run --once --max 4
check "four cards printed" grep -q "Run ended: 4 printed" "$TMP/out"

run inv report backlog --json
check "JSON: waiting, printed and blanks" \
  test "$(json_get "(j['waiting'], j['printed_recent'], j['blanks'], j['received_recent'], j['rate_days'])")" = "(5, 4, 96, 100, 28)"
check "JSON: days to clear = ceil(5 / (4/28)) = 35" test "$(json_get "j['days_to_clear']")" = 35
check "JSON: the last three weeks (waiting at the end, new, printed)" \
  test "$(json_get "[(w['waiting'], w['new'], w['printed']) for w in j['weeks'][-3:]]")" = "[(6, 1, 0), (8, 2, 0), (5, 2, 4)]"
check "JSON: twelve weeks, the last ending today" test "$(json_get "(len(j['weeks']), j['weeks'][-1]['to'])")" = "(12, '$TODAY')"

run inv report backlog --lang en
expect_out "text: the summary" "Waiting now: 5\. Printed in the last 28 days: 4 \(0\.1 a day\)\. Blanks on hand: 96; received in the last 28 days: 100 \(3\.6 a day\)\. Days to clear the backlog: 35\."
expect_out "text: this week's line" "^[0-9-]{10}  $TODAY +5 +2 +4$"
run inv report backlog --lang id
expect_out "text in Indonesian" "Hari untuk menyelesaikan antrean: 35\."

run inv report backlog --format csv
check "CSV: header and twelve weeks" test "$(sed -n 1p "$TMP/out"),$(sed -n 2,13p "$TMP/out" | wc -l)" = "from,to,waiting,new,printed,12"
check "CSV: this week" grep -q "^[0-9-]*,$TODAY,5,2,4$" "$TMP/out"
check "CSV: today's figures" test "$(tail -1 "$TMP/out")" = "5,4,96,100,35"

expect_ok "PDF" inv report backlog --format pdf -o "$TMP/b.pdf"
pdftotext -layout "$TMP/b.pdf" "$TMP/b.txt"
check "PDF: the title" grep -q "ANTREAN PERMOHONAN KTP-EL" "$TMP/b.txt"
check "PDF: the days to clear" sh -c "tr '\n' ' ' <'$TMP/b.txt' | grep -q 'menyelesaikan antrean: 35'"
check "PDF: the chart's title" grep -q "Permohonan menunggu pada akhir setiap minggu" "$TMP/b.txt"
check "PDF: this week's row" grep -q "$TODAY *5 *2 *4" "$TMP/b.txt"
expect_refused "a PDF needs -o" 2 "a PDF needs -o FILE" inv report backlog --format pdf

cut -d, -f1,2 "$TMP/r/set.csv" | tail -n +2 | tr , '\n' >"$TMP/personal"
for f in "$TMP/out" "$TMP/b.txt"; do
  check "no NIK or name in $(basename "$f")" sh -c "! grep -q -F -f '$TMP/personal' '$f'"
done
test_done
