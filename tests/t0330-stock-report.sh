#!/bin/sh
# report stock: stock per location, average daily use over the last 30
# days, days of stock left and the warning before a shortage; the PDF
# has a chart of stock over time.  Dates are set with faketime.
. "$(dirname "$0")/lib/test-lib.sh"

test_require faketime
TOOL="$TOP/build/ledger-tool"
printf '[site]\noffice = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh\n' >"$BLANKO_CONF"
on() { d=$1 u=$2; shift 2; TZ=UTC faketime "$d" "$INVENTORY" --user "$u" "$@" >/dev/null; }
tool_on() { d=$1; shift; TZ=UTC faketime "$d" "$TOOL" "$BLANKO_DB" "$@"; }
NOW="2026-10-31 12:00:00"
report() { TZ=UTC faketime "$NOW" "$INVENTORY" "$@"; }

TZ=UTC faketime "2026-09-01 08:00:00" "$INVENTORY" init >/dev/null
on "2026-09-01 08:01:00" root user add wh --role warehouse
on "2026-09-01 08:02:00" root user add pr --role printroom
on "2026-09-01 08:05:00" root location add GUDANG --kind store
on "2026-09-01 08:06:00" root location add RC1 --kind printroom
on "2026-09-05 09:00:00" wh receive --supplier Peruri --ref SJ-0905 --serials KTP0001000-KTP0001999 --to GUDANG
on "2026-09-10 09:00:00" wh transfer --from GUDANG --to RC1 --count 100
tool_on "2026-09-20 10:00:00" pr move print RC1 issued KTP0001000-KTP0001049
# The last 30 days (from 2026-10-01 12:00): 200 moved to RC1, 150 printed, 30 spoiled.
on "2026-10-02 09:00:00" wh transfer --from GUDANG --to RC1 --count 200
tool_on "2026-10-03 10:00:00" pr move print RC1 issued KTP0001050-KTP0001079
tool_on "2026-10-08 10:00:00" pr move print RC1 issued KTP0001080-KTP0001109
tool_on "2026-10-14 10:00:00" pr move print RC1 issued KTP0001110-KTP0001139
tool_on "2026-10-20 10:00:00" pr move print RC1 issued KTP0001140-KTP0001169
tool_on "2026-10-27 10:00:00" pr move print RC1 issued KTP0001170-KTP0001199
on "2026-10-28 11:00:00" pr spoil --serials KTP0001200-KTP0001229 --reason "printer jam"

R="report --user pr report stock"
expect_ok "a print room user may see stock" $R --format json
check "total in the office: 1000 less 50 + 150 printed and 30 spoiled" test "$(json_get 'j["total"]["blanks"]')" = 770
check "use over 30 days: 150 issued, 30 spoiled" test "$(json_get '(j["total"]["used_30d"], j["total"]["issued_30d"], j["total"]["spoiled_30d"])')" = "(180, 150, 30)"
check "6 a day" test "$(json_get 'j["total"]["per_day"]')" = 6.0
check "days left: 770 / 6 = 128" test "$(json_get 'j["total"]["days_left"]')" = 128
check "no warning" test "$(json_get 'j["warning"]')" = False
check "per location: blanks, use and days left" test "$(json_get '[(l["account"], l["blanks"], l["used_30d"], l["days_left"]) for l in j["locations"]]')" = \
  "[('GUDANG', 700, 200, 105), ('RC1', 70, 180, 11)]"
check "60 days of history, ending with today's stock" test "$(json_get '(len(j["history"]), j["history"][-1]["day"], j["history"][-1]["blanks"])')" = "(60, '2026-10-31', 770)"
check "the history before the first shipment is empty" test "$(json_get '[h["blanks"] for h in j["history"] if h["day"] in ("2026-09-04", "2026-09-05", "2026-09-20", "2026-10-28")]')" = \
  "[0, 1000, 950, 770]"
expect_ok "the text form (in Indonesian: the session is LC_ALL=C)" $R --lang id
expect_out "text: the days left" "Sisa persediaan: 128 hari"
expect_out "text: RC1's line, its kind in words, the decimal comma" "^RC1 +ruang cetak +70 +6,0 +11"
expect_ok "the text form into a file" $R --lang id -o "$TMP/stock.txt"
check "the file has the days left" grep -q "Sisa persediaan: 128 hari" "$TMP/stock.txt"
expect_ok "the PDF" $R --format pdf -o "$TMP/stock.pdf" --lang en
check "the PDF opens" sh -c "pdfinfo '$TMP/stock.pdf' >/dev/null"
check "the PDF has its title, the table and the chart's caption" sh -c "pdftotext '$TMP/stock.pdf' - | tr -s ' \n' ' ' | grep -q 'STOCK OF KTP-EL BLANKS.*RC1.*Blanks in the office at the end of each of the last 60 days'"

# A busy week: the warning comes before the shortage.
tool_on "2026-10-29 10:00:00" pr move print RC1 issued KTP0001230-KTP0001269
on "2026-10-29 12:00:00" wh transfer --from GUDANG --to RC1 --count 600
tool_on "2026-10-30 10:00:00" pr move print RC1 issued KTP0001270-KTP0001829
expect_ok "stock after a busy week" $R --format json
check "days left: 170 / 26 = 6" test "$(json_get '(j["total"]["blanks"], j["total"]["days_left"])')" = "(170, 6)"
check "the warning is on" test "$(json_get 'j["warning"]')" = True
expect_ok "the text warns" $R --lang id
expect_out "text: the warning" "PERINGATAN: blangko kantor hanya cukup untuk sekitar 6 hari lagi"
expect_ok "the English text warns" $R --lang en
expect_out "text: the warning in English" "WARNING: the office's blanks last about 6 more days"

expect_refused "an unregistered user may not" 1 "ghost is not a registered user" report --user ghost report stock
expect_refused "a format it does not know" 1 'not one of text, pdf, json' $R --format csv
expect_refused "a PDF needs a file" 2 "a PDF needs -o FILE" $R --format pdf
expect_refused "stock takes no --from" 2 "does not take --from" $R --from 2026-10-01

# The PDF writer is a module (build/lib/report-pdf.so) opened only to write a
# PDF, so that the program starts without cairo, pango and glib.  Without it
# a PDF is refused on one line, naming what is missing and where, and nothing
# is written; the other forms do not need it.
check "the program does not link cairo, pango or glib" sh -c \
  "ldd '$INVENTORY' >'$TMP/ldd' && grep -q libsqlite3 '$TMP/ldd' && ! grep -Eq 'lib(cairo|pango|glib|gobject)' '$TMP/ldd'"
NOPDF=$(no_pdf_writer)
echo "kept" >"$TMP/kept.pdf"
expect_refused "without the PDF writer a PDF is refused, saying what is missing and where" 1 \
  "^inventory report stock: cannot load the PDF writer: $TMP/no-pdf/build/lib/report-pdf.so: cannot open shared object file" \
  env TZ=UTC faketime "$NOW" "$NOPDF" --user pr report stock --format pdf -o "$TMP/kept.pdf"
check "a file already at -o is left as it was" test "$(cat "$TMP/kept.pdf")" = kept
expect_refused "so is a new file, which is not made" 1 "cannot load the PDF writer" \
  env TZ=UTC faketime "$NOW" "$NOPDF" --user pr report stock --format pdf -o "$TMP/none.pdf"
check "no file was made" test ! -e "$TMP/none.pdf"
expect_ok "without the PDF writer the text form works" env TZ=UTC faketime "$NOW" "$NOPDF" --user pr report stock --lang id
expect_out "text: the warning, without the PDF writer" "PERINGATAN: blangko kantor hanya cukup untuk sekitar 6 hari lagi"
expect_ok "and so does the JSON form" env TZ=UTC faketime "$NOW" "$NOPDF" --user pr report stock --format json
check "JSON: the days left, without the PDF writer" test "$(json_get 'j["total"]["days_left"]')" = 6
if command -v cc >/dev/null; then
  printf 'const struct { unsigned version; } rpdfModule = { 999 };\n' >"$TMP/stale.c"
  cc -shared -fPIC -o "$TMP/no-pdf/build/lib/report-pdf.so" "$TMP/stale.c"
  expect_refused "a PDF writer of another version is refused" 1 \
    "cannot load the PDF writer: $TMP/no-pdf/build/lib/report-pdf.so is version 999, this program needs version [0-9]+$" \
    env TZ=UTC faketime "$NOW" "$NOPDF" --user pr report stock --format pdf -o "$TMP/none.pdf"
  check "and no file was made" test ! -e "$TMP/none.pdf"
fi

test_done
