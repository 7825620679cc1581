#!/bin/sh
# The web server's JSON API for the province's systems (issue 16, second
# round): read-only tokens made with inventory token add (printed once,
# kept only as a SHA-256, never in an event), used as "Authorization:
# Bearer TOKEN"; /api/stock, /api/backlog and /api/status answer the same
# JSON as inventory stock --json, printctl backlog --json and printctl
# status --json; no token, a wrong one and a revoked one get 401.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/web.sh"

test_require curl python3 sqlite3
GEN="$TOP/build/gen-residents"
card_site_setup
new_ledger
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001049 >/dev/null
"$PRINTCTL" --user pr printer add P1 --queue card1 --location RC1 --force >/dev/null
"$GEN" -n 3 -s 7 -o "$TMP/res" >/dev/null
"$PRINTCTL" --user pr import "$TMP/res/residents.csv" >/dev/null

# --- Tokens ---------------------------------------------------------------------------------
for c in "token add" "token revoke" "token list"; do
  run inv $c --help
  check "inventory $c --help" test "$rc" = 0
done
expect_refused "only an admin makes a token" 1 "needs the" inv --user wh token add prov
run inv token add prov
TOKEN=$(cat "$TMP/out")
check "token add prints a 64-hex token once" sh -c 'printf %s "$1" | grep -Eqx "[0-9a-f]{64}"' - "$TOKEN"
expect_refused "a token name is used once" 1 "exists already" inv token add prov
expect_refused "a bad token name is refused" 1 "bad token name" inv token add "a b"
HASH=$(printf %s "$TOKEN" | sha256sum | cut -d' ' -f1)
check "the ledger keeps its SHA-256 only" test "$(sqlite3 "$BLANKO_DB" "SELECT sha256 FROM api_token WHERE name='prov'")" = "$HASH"
check "the token itself is nowhere in the ledger file" sh -c '! grep -q "$1" "$2"' - "$TOKEN" "$BLANKO_DB"
check "the event token.add names the token and nothing else" \
  test "$(sqlite3 "$BLANKO_DB" "SELECT detail FROM event WHERE kind='token.add'")" = '{"name":"prov"}'
run inv --user au --json token list
check "an auditor lists the tokens, without value or hash" \
  sh -c 'grep -q "\"prov\"" "$1" && ! grep -q "$2" "$1" && ! grep -q "$3" "$1"' - "$TMP/out" "$TOKEN" "$HASH"
expect_refused "a warehouse user may not list them" 1 "needs" inv --user wh token list

# --- The API --------------------------------------------------------------------------------
check "printctl serve starts" web_start

# same NAME CLI-OUT API-OUT: the two JSON documents are equal
same() {
  check "$1: the API's JSON equals the command's --json" python3 -c '
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
sys.exit(0 if a == b else 1)' "$2" "$3"
}
http stock -H "Authorization: Bearer $TOKEN" "$STAFF/api/stock"
check "GET /api/stock with the token: 200 ($code)" test "$code" = 200
check "  as application/json" grep -qi "^Content-Type: application/json" "$TMP/stock.h"
inv --json stock >"$TMP/stock.cli"
same "stock" "$TMP/stock.cli" "$TMP/stock"
http backlog -H "Authorization: Bearer $TOKEN" "$STAFF/api/backlog"
check "GET /api/backlog: 200 ($code)" test "$code" = 200
"$PRINTCTL" --user pr --json backlog >"$TMP/backlog.cli"
same "backlog" "$TMP/backlog.cli" "$TMP/backlog"
check "the backlog lists no request (no NIK, not even masked)" sh -c '! grep -q "overdue_requests\|nik" "$1"' - "$TMP/backlog"
http status -H "Authorization: Bearer $TOKEN" "$STAFF/api/status"
check "GET /api/status: 200 ($code)" test "$code" = 200
"$PRINTCTL" --user pr --json status >"$TMP/status.cli"
same "status" "$TMP/status.cli" "$TMP/status"

http none "$STAFF/api/stock"
check "no token: 401 ($code)" test "$code" = 401
check "  asking for a bearer token" grep -qi "^WWW-Authenticate: Bearer" "$TMP/none.h"
http wrong -H "Authorization: Bearer $(printf %s "$TOKEN" | tr 0-9a-f 1-9a-f0)" "$STAFF/api/stock"
check "a wrong token: 401 ($code)" test "$code" = 401
http bad -H "Authorization: Bearer '; DROP TABLE api_token; --" "$STAFF/api/stock"
check "a malformed token: 401 ($code)" test "$code" = 401
http pub -H "Authorization: Bearer $TOKEN" "$PUBLIC/api/stock"
check "the API is not on the resident's site (404: $code)" test "$code" = 404
cookie_less=$(curl -s -o /dev/null -w '%{http_code}' "$STAFF/board.json")
check "the board's JSON needs a staff login, not a token (303: $cookie_less)" test "$cookie_less" = 303

expect_ok "token revoke" inv token revoke prov
http revoked -H "Authorization: Bearer $TOKEN" "$STAFF/api/stock"
check "a revoked token: 401 at once, the server still running ($code)" test "$code" = 401
expect_refused "a token is revoked once" 1 "revoked already" inv token revoke prov
expect_refused "revoking an unknown token" 1 "no token" inv token revoke nosuch
check "no event holds the token or its hash" \
  sh -c '! sqlite3 "$1" "SELECT detail FROM event" | grep -q -e "$2" -e "$3"' - "$BLANKO_DB" "$TOKEN" "$HASH"
run inv token list
check "token list shows it revoked" grep -Eq "^prov .* 20[0-9-]+T[0-9:.]+Z$" "$TMP/out"
expect_ok "inventory verify" inv verify
web_stop
check "the server's error output is empty" test ! -s "$TMP/serve.err"

test_done
