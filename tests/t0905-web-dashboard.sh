#!/bin/sh
# The dashboard (issue 16, second round): for admins and auditors who log
# in, stock per place with a chart drawn on the server (SVG), the backlog's
# figures (printctl backlog's) and the last signed checkpoint; it passes
# tidy -e, and no page served without login shows a name or a NIK.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/web.sh"

test_require curl tidy python3
GEN="$TOP/build/gen-residents"
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
ART="${BLANKO_ARTEFACTS:-$TOP/build/artefacts}/t0905"
mkdir -p "$ART" && cp "$TMP/d" "$ART/dashboard.html"

# No page served without login shows a name or a NIK
python3 - "$TMP/res/residents.csv" >"$TMP/people" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    print(r["nik"]); print(r["name"])
PY
for p in / /login /board /board.json /board.js /dashboard /style.css /api/stock /api/status /api/backlog; do
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
