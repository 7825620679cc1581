#!/bin/sh
# The dashboard (issue 16, second round): for admins and auditors who log
# in, stock per place with a chart drawn on the server (SVG), the backlog's
# figures (printctl backlog's) and the last signed checkpoint; it passes
# tidy -e, and no page served without login shows a name or a NIK.
# Issue 16's gaps: the days of stock left and the warning (the figures of
# inventory report stock, one implementation), the last verify result
# (a note beside the ledger: verify leaves the ledger itself untouched),
# and the latest official records with their numbers and dates.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/web.sh"

test_require curl tidy python3
GEN="$TOP/build/gen-residents"
TOOL="$TOP/build/ledger-tool"
PW='Rahasia-kantor-2026'
card_site_setup
new_ledger
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001029 >/dev/null
"$GEN" -n 3 -s 5 -o "$TMP/res" >/dev/null
"$PRINTCTL" --user pr import "$TMP/res/residents.csv" >/dev/null
inv --user au anchor >/dev/null
printf '%s\n' "$PW" | inv user passwd au >/dev/null
printf '%s\n' "$PW" | inv user passwd pr >/dev/null
check "printctl serve starts" web_start

# login USER: a session cookie
login() { curl -s -D - -o /dev/null -d "user=$1&password=$PW" "$STAFF/login" | sed -n 's/^Set-Cookie: \(blanko_session=[0-9a-f]*\);.*/\1/ip' | tr -d '\r'; }

http anon "$STAFF/dashboard"
check "without login the dashboard sends to the login page ($code)" sh -c '[ "$1" = 303 ] && grep -qi "^Location: /login" "$2"' - "$code" "$TMP/anon.h"
cookie=$(login pr)
http pr -H "Cookie: $cookie" "$STAFF/dashboard"
check "a printroom user may not see it (403: $code)" test "$code" = 403
cookie=$(login au)
http d -H "Cookie: $cookie" "$STAFF/dashboard"
check "an auditor sees the dashboard (200: $code)" test "$code" = 200
check "it has the stock chart as SVG drawn on the server" grep -q '<svg id="stock-chart"' "$TMP/d"
check "  with a bar and the count of GUDANG (70) and RC1 (30)" sh -c 'grep -q "<rect " "$1" && grep -q ">70</text>" "$1" && grep -q ">30</text>" "$1"' - "$TMP/d"
check "it shows the backlog's waiting requests as printctl backlog counts them (3)" grep -q '<dd id="waiting">3</dd>' "$TMP/d"
"$PRINTCTL" --user pr --json backlog >"$TMP/bl.json"
check "  and the same figure as printctl backlog --json" \
  test "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["waiting"])' "$TMP/bl.json")" = 3
check "it shows the last signed checkpoint" grep -q '<p id="anchor">.*2026\|<p id="anchor">.*[0-9]\{4\}-' "$TMP/d"
tidy -e -q "$TMP/d" >"$TMP/d.tidy" 2>&1
check "the dashboard passes tidy -e with no errors ($(head -c 300 "$TMP/d.tidy"))" sh -c '! grep -qi "error" "$1"' - "$TMP/d.tidy"
check "it has a lang attribute" grep -q '<html lang="' "$TMP/d"
check "every place has its use and days left: GUDANG gave RC1 30 (1 a day, 70 days), RC1 used none (-)" sh -c \
  'grep -q "<td>GUDANG</td><td>store</td><td>70</td><td>1,0</td><td class=\"days-left\">70</td>" "$1" && grep -q "<td>RC1</td><td>printroom</td><td>30</td><td>0,0</td><td class=\"days-left\">-</td>" "$1"' - "$TMP/d"
check "  and the office's: none used, so no end in sight" grep -q '<dd id="days-left">-</dd>' "$TMP/d"
check "  and no warning" sh -c '! grep -q "stock-warning" "$1"' - "$TMP/d"
check "no verify recorded yet: it says to run inventory verify" grep -q '<p id="verify">.*inventory verify' "$TMP/d"

# Low stock: 60 blanks used in the last 30 days, 40 left: 20 days.
"$TOOL" "$BLANKO_DB" pr move print RC1 issued KTP0001000-KTP0001029 >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001030-KTP0001059 >/dev/null
"$TOOL" "$BLANKO_DB" pr move print RC1 issued KTP0001030-KTP0001059 >/dev/null
inv --user au --json report stock >"$TMP/rs.json"
http low -H "Cookie: $cookie" "$STAFF/dashboard"
check "low stock: the office's days left are report stock's (20)" sh -c \
  '[ "$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[\"total\"][\"days_left\"])" "$2")" = 20 ] && grep -q "<dd id=\"days-left\">20</dd>" "$1"' - "$TMP/low" "$TMP/rs.json"
check "  RC1: 0 blanks, 2 a day (with the decimal comma), 0 days left" grep -q '<td>RC1</td><td>printroom</td><td>0</td><td>2,0</td><td class="days-left">0</td>' "$TMP/low"
check "  the warning is shown, in Indonesian" grep -q '<p id="stock-warning"><strong>Peringatan: .*20' "$TMP/low"
http api -H "Authorization: Bearer nothing" "$STAFF/api/stock-report"
check "  /api/stock-report needs a token ($code)" test "$code" = 401
tidy -e -q "$TMP/low" >"$TMP/low.tidy" 2>&1
check "  the page still passes tidy -e ($(head -c 300 "$TMP/low.tidy"))" sh -c '! grep -qi "error" "$1"' - "$TMP/low.tidy"

# The last verify: a note beside the ledger, the chain untouched.
before=$(db_sum)
expect_ok "inventory verify" inv verify
check "verify leaves the ledger byte-identical" test "$(db_sum)" = "$before"
check "its result is kept beside the ledger, mode 0640" test "$(stat -c %a "$BLANKO_DB.verified" 2>/dev/null)" = 640
check "  with no problem text, only the figures" python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["ok"] and j["events"] > 0 and len(j["head"]) == 64 and set(j) == {"time","ok","events","head","bad_event","checkpoints"}' "$BLANKO_DB.verified"
http v -H "Cookie: $cookie" "$STAFF/dashboard"
check "the dashboard shows the last check: good" grep -q '<p id="verify">Pemeriksaan terakhir: 20[0-9-]* [0-9:]* [A-Z]* .* baik' "$TMP/v"
check "  and the last signed checkpoint" grep -q '<p id="anchor">Titik periksa bertanda tangan terakhir: .*2026\|<p id="anchor">.*[0-9]\{4\}-' "$TMP/v"

# The latest official records: a write-off (two people) and a handover.
check "no records yet: none listed" grep -q '<ul id="writeoffs">' "$TMP/v"
second_person auditor
$NOBODY_INV writeoff GUDANG --serials KTP0001090-KTP0001094 --reason hilang >/dev/null 2>"$TMP/wo.err"
check "a write-off approved by a second person" sh -c '"$1" --user au --json writeoff approve 1 >"$2"' - "$INVENTORY" "$TMP/wo.json"
inv user add dist --role distribution >/dev/null
inv location add KEC01 --kind kecamatan --name "Kecamatan Pedurungan" >/dev/null
expect_ok "a handover to a kecamatan" inv --user dist dispatch --to KEC01 --ref BAST-1 --serials KTP0001000-KTP0001004 -o "$TMP/bast.pdf"
wo=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["number"])' "$TMP/wo.json")
http r -H "Cookie: $cookie" "$STAFF/dashboard"
check "the write-off is listed with its official number ($wo)" sh -c '[ -n "$2" ] && grep -qF "<li><strong class=\"number\">$2</strong>" "$1" && grep -q "inventory writeoff show 1" "$1"' - "$TMP/r" "$wo"
check "the handover is listed with its number and the command that prints it" sh -c \
  'sed -n "/<ul id=\"handovers\">/,/<\/ul>/p" "$1" | grep -q "<strong class=\"number\">.*inventory report handover BAST-1 -o FILE"' - "$TMP/r"
check "no destruction record yet" sh -c 'sed -n "/<ul id=\"destructions\">/,/<\/ul>/p" "$1" | grep -q "<li>Belum ada.</li>"' - "$TMP/r"
tidy -e -q "$TMP/r" >"$TMP/r.tidy" 2>&1
check "  the page passes tidy -e ($(head -c 300 "$TMP/r.tidy"))" sh -c '! grep -qi "error" "$1"' - "$TMP/r.tidy"
cp "$TMP/r" "$TMP/d"

# Delivery of printed cards (issue 14's figures, invDeliverySummary): 60
# printed, 5 of them dispatched to KEC01 and on their way.
check "delivery: 60 printed cards not yet handed over" grep -q '<dd id="undelivered">60</dd>' "$TMP/r"
check "  55 at the office, 5 in transit, none at kecamatan or kelurahan" sh -c \
  'grep -q "<dd id=\"at-office\">55</dd>" "$1" && grep -q "<dd id=\"in-transit\">5</dd>" "$1" && grep -q "<dd id=\"at-kecamatan\">0</dd>" "$1" && grep -q "<dd id=\"at-kelurahan\">0</dd>" "$1"' - "$TMP/r"
check "  none handed over in the last 30 days, none unclaimed beyond 90 days" sh -c \
  'grep -q "<dd id=\"delivered-recent\">0</dd>" "$1" && grep -q "<dd id=\"unclaimed\">0</dd>" "$1" && grep -q "30 hari terakhir" "$1"' - "$TMP/r"

# Counts grouped for the language, plain numbers in the JSON API: 2,000
# more blanks make the stock 2,035 (GUDANG 2,000 + 35 + RC1 0).
inv --user wh receive --supplier Peruri --ref SJ-2 --serials KTP0002000-KTP0003999 --to GUDANG >/dev/null
http g -H "Cookie: $cookie" "$STAFF/dashboard"
http ge -H "Cookie: $cookie" -H "Accept-Language: en" "$STAFF/dashboard"
check "Indonesian: the total is grouped with a dot (2.035)" grep -q '<dd id="total">2\.035</dd>' "$TMP/g"
check "  and in the chart and the table (GUDANG 2.035)" sh -c 'grep -q ">2\.035</text>" "$1" && grep -q "<td>GUDANG</td><td>store</td><td>2\.035</td>" "$1"' - "$TMP/g"
check "English: with a comma (2,035)" grep -q '<dd id="total">2,035</dd>' "$TMP/ge"
token=$(inv token add dash 2>/dev/null | tail -n 1 | grep -o '[0-9a-f]\{64\}')
http gj -H "Authorization: Bearer $token" "$STAFF/api/stock-report"
check "the JSON API keeps plain numbers (2035)" \
  test "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"]["blanks"])' "$TMP/gj" 2>&1)" = 2035

ART="${BLANKO_ARTEFACTS:-$TOP/build/artefacts}/t0905"
mkdir -p "$ART" && cp "$TMP/d" "$ART/dashboard.html"

# No page served without login shows a name or a NIK
python3 - "$TMP/res/residents.csv" >"$TMP/people" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    print(r["nik"]); print(r["name"])
PY
for p in / /login /board /board.json /board.js /dashboard /style.css /api/stock /api/stock-report /api/status /api/backlog; do
  http np "$STAFF$p"
  check "GET $p without login ($code): no name or NIK" sh -c '! grep -qF -f "$1" "$2"' - "$TMP/people" "$TMP/np"
done
for p in / /style.css; do
  http np "$PUBLIC$p"
  check "public GET $p ($code): no name or NIK" sh -c '! grep -qF -f "$1" "$2"' - "$TMP/people" "$TMP/np"
done
http dd -H "Cookie: $cookie" "$STAFF/dashboard"
check "even logged in, the dashboard shows no name or NIK" sh -c '! grep -qF -f "$1" "$2"' - "$TMP/people" "$TMP/dd"
web_stop
check "the server's error output is empty" test ! -s "$TMP/serve.err"

test_done
