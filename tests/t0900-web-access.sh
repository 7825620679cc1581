#!/bin/sh
# Staff access to the web pages (issue 16): inventory user passwd keeps only
# an Argon2id hash, never in an event nor on a command line; printctl serve's
# login, sessions, cookie flags, roles, rate limit; staff login refused over
# plain HTTP from another machine; the Secure flag over HTTPS.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/web.sh"

test_require curl sqlite3 openssl

PW='Rahasia-kantor-2026'
new_ledger
"$PRINTCTL" --user pr printer add P1 --queue card1 --location RC1 --force >/dev/null

for c in "user passwd"; do
  run inv $c --help
  check "'$c --help' prints usage" grep -q "^Usage: inventory $c" "$TMP/out"
  check "the man page documents '$c'" grep -q "^\\.SS \"*$c" "$TOP/inventory/inventory.1"
done
check "'serve --help' prints usage" sh -c '"$1" serve --help | grep -q "^Usage: printctl serve"' - "$PRINTCTL"
check "the man page documents 'serve'" grep -q '^\.SS "*serve' "$TOP/printctl/printctl.1"

# --- The password: from standard input, hashed, never in an event -------------------
before=$(db_sum)
expect_refused "a password on the command line is a usage error" 2 "" inv user passwd pr "$PW"
check "... and the ledger is unchanged" test "$(db_sum)" = "$before"
run sh -c 'printf "kurang\n" | "$1" user passwd pr' - "$INVENTORY"
check "a password shorter than 10 characters is refused (exit 1)" test "$rc" -eq 1
check "... and the ledger is unchanged" test "$(db_sum)" = "$before"
run sh -c 'printf "%s\n" "$2" | "$1" --user pr user passwd au' - "$INVENTORY" "$PW"
check "only an admin sets a web password (exit 1)" test "$rc" -eq 1
run sh -c 'printf "%s\n" "$2" | "$1" user passwd nosuch' - "$INVENTORY" "$PW"
check "an unknown user is refused (exit 1)" test "$rc" -eq 1
for u in pr wh root; do
  run sh -c 'printf "%s\n" "$2" | "$1" user passwd "$3"' - "$INVENTORY" "$PW" "$u"
  check "user passwd $u (exit $rc)" test "$rc" -eq 0
done
check "the stored password is an Argon2id hash" \
  test "$(sqlite3 "$BLANKO_DB" "SELECT substr(web_password, 1, 10) FROM user WHERE name = 'pr'")" = '$argon2id$'
check "the password itself is nowhere in the ledger's bytes" \
  sh -c '! cat "$1" "$1-wal" 2>/dev/null | grep -aq "$2"' - "$BLANKO_DB" "$PW"
run inv log --json
check "each passwd is a user.passwd event naming the user and nothing else" \
  test "$(json_get '[sorted(e["detail"].keys()) for e in j if e["kind"] == "user.passwd"]')" = "[['name'], ['name'], ['name']]"
check "no event holds the hash" sh -c '! sqlite3 "$1" "SELECT detail FROM event" | grep -q argon2' - "$BLANKO_DB"
expect_ok "verify agrees with the chain" inv verify

# --- Login, sessions, cookies, roles -------------------------------------------------
check "printctl serve starts" web_start
http p1 "$STAFF/board"
check "the board without login sends to the login page (303)" \
  sh -c '[ "$1" = 303 ] && grep -qi "^Location: /login" "$2"' - "$code" "$TMP/p1.h"
http p2 -d "user=pr&password=wrong-password-x" "$STAFF/login"
check "a wrong password is refused (403), without a cookie" \
  sh -c '[ "$1" = 403 ] && ! grep -qi "^Set-Cookie: blanko_session=[0-9a-f]" "$2"' - "$code" "$TMP/p2.h"
http p3 -d "user=nosuch&password=$PW" "$STAFF/login"
check "an unknown user gets the same page as a wrong password" cmp -s "$TMP/p2" "$TMP/p3"
http p4 -d "user=pr&password=$PW" "$STAFF/login"
check "the right password logs in (303 to /board)" \
  sh -c '[ "$1" = 303 ] && grep -qi "^Location: /board" "$2"' - "$code" "$TMP/p4.h"
cookie=$(sed -n 's/^Set-Cookie: \(blanko_session=[0-9a-f]*\);.*/\1/ip' "$TMP/p4.h" | tr -d '\r')
check "the session cookie is a 256-bit random token" sh -c 'echo "$1" | grep -Eq "^blanko_session=[0-9a-f]{64}$"' - "$cookie"
check "the cookie is HttpOnly and SameSite=Strict" \
  sh -c 'grep -i "^Set-Cookie" "$1" | grep -q "HttpOnly" && grep -i "^Set-Cookie" "$1" | grep -q "SameSite=Strict"' - "$TMP/p4.h"
check "over plain HTTP the cookie is not marked Secure" sh -c '! grep -i "^Set-Cookie" "$1" | grep -q Secure' - "$TMP/p4.h"
http p5 -H "Cookie: $cookie" "$STAFF/board"
check "the board shows the printer to the print room (200)" sh -c '[ "$1" = 200 ] && grep -q ">P1<" "$2"' - "$code" "$TMP/p5"
check "the board page says its language" grep -q '<html lang="id">' "$TMP/p5"
http p6 -H "Cookie: blanko_session=$(printf '%064d' 0)" "$STAFF/board"
check "a made-up token is no session (303)" test "$code" = 303
http p7 -d "user=wh&password=$PW" "$STAFF/login"
whcookie=$(sed -n 's/^Set-Cookie: \(blanko_session=[0-9a-f]*\);.*/\1/ip' "$TMP/p7.h" | tr -d '\r')
http p8 -H "Cookie: $whcookie" "$STAFF/board"
check "a warehouse member may not see the print room's board (403)" test "$code" = 403
inv user disable pr >/dev/null
http p8c -H "Cookie: $cookie" "$STAFF/board"
check "disabling a user ends their session at once (303)" test "$code" = 303
http p9 -d "user=pr&password=$PW" "$STAFF/login"
check "a disabled user cannot log in (403)" test "$code" = 403
inv user enable pr >/dev/null
http p4 -d "user=pr&password=$PW" "$STAFF/login"
cookie=$(sed -n 's/^Set-Cookie: \(blanko_session=[0-9a-f]*\);.*/\1/ip' "$TMP/p4.h" | tr -d '\r')
inv user set pr --role warehouse >/dev/null
http p9b -H "Cookie: $cookie" "$STAFF/board"
check "a role taken away counts at once (403)" test "$code" = 403
inv user set pr --role printroom >/dev/null
http p10 -X POST -H "Cookie: $cookie" "$STAFF/logout"
check "logout clears the cookie" sh -c 'grep -i "^Set-Cookie" "$1" | grep -q "Max-Age=0"' - "$TMP/p10.h"
http p11 -H "Cookie: $cookie" "$STAFF/board"
check "after logout the old token is no session (303)" test "$code" = 303

# --- Staff login over plain HTTP only from this machine ------------------------------
web_stop
ext=$(ip -4 -o addr show scope global 2>/dev/null | sed -n 's/.* inet \([0-9.]*\)\/.*/\1/p' | head -n 1)
if [ -n "$ext" ] && WEB_STAFF_LISTEN="0.0.0.0:0" web_start; then
  http q1 -d "user=pr&password=$PW" "http://$ext:$STAFF_PORT/login"
  check "plain-HTTP login from a non-loopback address ($ext) is refused (403, no cookie)" \
    sh -c '[ "$1" = 403 ] && ! grep -qi "^Set-Cookie: blanko_session=[0-9a-f]" "$2" && grep -q HTTPS "$3"' - "$code" "$TMP/q1.h" "$TMP/q1"
  http q2 -d "user=pr&password=$PW" "http://127.0.0.1:$STAFF_PORT/login"
  check "... and allowed from the loopback (303)" test "$code" = 303
  web_stop
else
  fail "no non-loopback IPv4 address to test a plain-HTTP login from another machine"
fi

# --- HTTPS: the cookie is Secure -----------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout "$TMP/key.pem" -out "$TMP/cert.pem" \
  >/dev/null 2>&1
printf '[web]\ntls_cert = %s\ntls_key = %s\n' "$TMP/cert.pem" "$TMP/key.pem" >>"$BLANKO_CONF"
check "printctl serve starts with HTTPS" web_start
check "... and says so" grep -q "https$" "$TMP/serve.out"
http t1 -d "user=pr&password=$PW" "$STAFF/login"
check "over HTTPS the session cookie is Secure, HttpOnly and SameSite=Strict" \
  sh -c '[ "$1" = 303 ] && grep -i "^Set-Cookie" "$2" | grep "HttpOnly" | grep "SameSite=Strict" | grep -q "Secure"' - "$code" "$TMP/t1.h"

# --- Login attempts are rate-limited (10 per address per 10 minutes) -----------------
n=0
while [ $n -lt 10 ]; do
  http r -d "user=wh&password=wrong-password-$n" "$STAFF/login"
  n=$((n + 1))
done
http r -d "user=pr&password=$PW" "$STAFF/login"
check "the 11th attempt within 10 minutes is refused even with the right password (429)" test "$code" = 429
web_stop
check "the server's error output is empty" test ! -s "$TMP/serve.err"

test_done
