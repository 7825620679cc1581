#!/bin/sh
# The resident's page (issue 16): each request gets a random code at import
# (listed for the recording desk, never in an event), printed on a receipt
# slip; the page shows one card's state for the right NIK and code only,
# the same bytes for a wrong code as for an unknown NIK, limits tries per
# address and per NIK, and no page served without login shows a name or NIK.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/web.sh"

test_require curl sqlite3 pdftotext

GEN="$TOP/build/gen-residents"
card_site_setup
printf 'office = Disdukcapil Kota Contoh\n' >>"$BLANKO_CONF"
new_ledger
"$GEN" -n 4 -s 7 -o "$TMP/res" >/dev/null
field() { python3 -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print(r[int(sys.argv[2])][sys.argv[3]])" "$TMP/res/residents.csv" "$1" "$2"; }

# --- Codes at import -----------------------------------------------------------------
run "$PRINTCTL" --user pr --json import "$TMP/res/residents.csv"
check "import succeeds" test "$rc" -eq 0
check "import lists a code per request" test "$(json_get 'len(j["codes"])')" = 4
check "codes are 8 characters without look-alikes (0 O 1 I L)" \
  test "$(json_get 'all(__import__("re").fullmatch("[2-9A-HJKMNP-Z]{8}", c["code"]) for c in j["codes"])')" = True
check "codes differ" test "$(json_get 'len(set(c["code"] for c in j["codes"]))')" = 4
CODE1=$(json_get 'j["codes"][0]["code"]')
CODE2=$(json_get 'j["codes"][1]["code"]')
NIK1=$(field 0 nik) NIK2=$(field 1 nik)
check "no event holds a code" sh -c '! sqlite3 "$1" "SELECT detail FROM event" | grep -q "$2"' - "$BLANKO_DB" "$CODE1"
"$GEN" -n 1 -s 8 -o "$TMP/one" >/dev/null
run "$PRINTCTL" --user pr import "$TMP/one/residents.csv"
check "the text output lists the codes for the recording desk" grep -Eq '^  #5 +[2-9A-HJKMNP-Z]{8}$' "$TMP/out"
expect_ok "verify agrees" inv verify

# --- The receipt slip ----------------------------------------------------------------
expect_ok "printctl receipt writes the slip" "$PRINTCTL" --user pr receipt "$NIK1" -o "$TMP/slip.pdf"
pdftotext "$TMP/slip.pdf" "$TMP/slip.txt"
check "the slip shows the code and the office" sh -c 'grep -q "$2" "$1" && grep -q "Disdukcapil Kota Contoh" "$1"' - "$TMP/slip.txt" "$CODE1"
check "the slip shows neither the NIK nor the name" \
  sh -c '! grep -q "$2" "$1" && ! grep -qi "$3" "$1"' - "$TMP/slip.txt" "$NIK1" "$(field 0 name)"
check "the slip is mode 0600" test "$(stat -c %a "$TMP/slip.pdf")" = 600
expect_refused "a receipt for an unknown NIK is refused" 1 "" "$PRINTCTL" --user pr receipt 1234567890123456 -o "$TMP/x.pdf"

# --- The page ------------------------------------------------------------------------
check "printctl serve starts" web_start
http a1 "$PUBLIC/"
check "the page is Indonesian by default, with labels" \
  sh -c '[ "$1" = 200 ] && grep -q "<html lang=\"id\">" "$2" && grep -q "<label for=\"nik\">" "$2" && grep -q "<label for=\"code\">" "$2"' - "$code" "$TMP/a1"
http a2 -d "nik=$NIK1&code=$CODE1" "$PUBLIC/"
check "the right pair shows the card's state in plain Indonesian" grep -q "masih dalam antrean" "$TMP/a2"
check "... and nothing of the resident" sh -c '! grep -q "$2" "$1" && ! grep -qi "$3" "$1"' - "$TMP/a2" "$NIK1" "$(field 0 name)"
http a3 -H "Accept-Language: en-GB,en;q=0.8" -d "nik=$NIK1&code=$(echo "$CODE1" | tr A-Z a-z)" "$PUBLIC/"
check "English by the browser's preference; the code in small letters works" \
  sh -c 'grep -q "<html lang=\"en\">" "$1" && grep -q "still in the print queue" "$1"' - "$TMP/a3"
http a4 -d "nik=$NIK1&code=$CODE2" "$PUBLIC/"
http a5 -d "nik=9999999999999999&code=$CODE1" "$PUBLIC/"
check "a wrong code and an unknown NIK give byte-identical bodies" cmp -s "$TMP/a4" "$TMP/a5"
check "... saying not found" grep -q "tidak ditemukan" "$TMP/a4"
check "... with the same status" test "$(head -n 1 "$TMP/a4.h")" = "$(head -n 1 "$TMP/a5.h")"
# 4 tries from 127.0.0.1 so far this minute: the 5th answers, the 6th is refused
http a6 -d "nik=$NIK1&code=$CODE1" "$PUBLIC/"
check "the 5th try in a minute from one address answers" grep -q "antrean" "$TMP/a6"
http a7 -d "nik=$NIK1&code=$CODE1" "$PUBLIC/"
check "the 6th try in a minute from one address is refused (429)" \
  sh -c '[ "$1" = 429 ] && ! grep -q "antrean" "$2"' - "$code" "$TMP/a7"
# The same NIK from other addresses (other loopback addresses): 10 per hour
n=0
for a in 2 3 4; do
  for i in 1 2 3 4; do
    [ $n -lt 8 ] || break
    http b --interface "127.0.0.$a" -d "nik=$NIK2&code=AAAAAAAA" "$PUBLIC/"
    n=$((n + 1))
  done
done
http b9 --interface 127.0.0.5 -d "nik=$NIK2&code=$CODE2" "$PUBLIC/"
http b10 --interface 127.0.0.5 -d "nik=$NIK2&code=$CODE2" "$PUBLIC/"
check "the 10th try for a NIK within the hour still answers" grep -q "antrean" "$TMP/b10"
http b11 --interface 127.0.0.6 -d "nik=$NIK2&code=$CODE2" "$PUBLIC/"
check "the 11th try for a NIK within the hour is refused, whatever the address (429)" test "$code" = 429

# --- No page without login shows a name or a NIK -------------------------------------
for p in / /login /board /style.css /nosuch; do
  http "s$(echo "$p" | tr -dc a-z)" "$STAFF$p"
  http "p$(echo "$p" | tr -dc a-z)" "$PUBLIC$p"
done
python3 - "$TMP/res/residents.csv" "$TMP"/[sp]* "$TMP"/a[0-9] "$TMP"/b* "$TMP/serve.out" "$TMP/serve.err" >"$TMP/leaks" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for f in sys.argv[2:]:
    try:
        text = open(f, encoding="utf-8", errors="replace").read()
    except IsADirectoryError:
        continue
    for r in rows:
        for v in (r["nik"], r["name"]):
            if v and v.lower() in text.lower():
                print(f, v)
PY
check "no page served without login, and nothing the server wrote, holds a name or NIK" test ! -s "$TMP/leaks"
http c1 "$STAFF/board"
check "the board needs a login" test "$code" = 303
web_stop
check "the server's error output is empty" test ! -s "$TMP/serve.err"

test_done
