#!/bin/sh
# The web pages in a real browser (issue 16): headless Chromium driven by
# WebDriver (python3-selenium, chromedriver) against printctl serve: a staff
# member logs in and the board shows a printer; the resident's page answers
# for the right NIK and code and says not found otherwise.  Screenshots and
# the pages' HTML are kept under build/artefacts/t0902/ (BLANKO_ARTEFACTS);
# every page passes tidy -e without errors, has a lang attribute and a
# label for each input.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/web.sh"

browser_require t0902 tidy

GEN="$TOP/build/gen-residents"
PW='Rahasia-kantor-2026'
card_site_setup
printf 'office = Disdukcapil Kota Contoh\n' >>"$BLANKO_CONF"
new_ledger
"$PRINTCTL" --user pr printer add P1 --queue card1 --location RC1 --force >/dev/null
printf '%s\n' "$PW" | inv user passwd pr >/dev/null
"$GEN" -n 2 -s 9 -o "$TMP/res" >/dev/null
run "$PRINTCTL" --user pr --json import "$TMP/res/residents.csv"
CODE=$(json_get 'j["codes"][0]["code"]')
NIK=$(python3 -c "import csv,sys; print(list(csv.DictReader(open(sys.argv[1])))[0]['nik'])" "$TMP/res/residents.csv")
check "printctl serve starts" web_start

browser_run "$STAFF" "$PUBLIC" "$ART" "$PW" "$NIK" "$CODE" <<'PY'
import sys
from selenium.webdriver.common.by import By
from browser import start, result, submit, keep as keep_in

staff, public, art, pw, nik, code = sys.argv[1:7]
d = start(1000, 800)

def keep(name):
    keep_in(d, art, name)

def labelled(name):
    lang = d.find_element(By.TAG_NAME, "html").get_attribute("lang")
    inputs = d.find_elements(By.CSS_SELECTOR, "input")
    ok = all(d.find_elements(By.CSS_SELECTOR, f'label[for="{i.get_attribute("id")}"]') for i in inputs)
    result(f"{name}: lang=\"{lang}\", every input has a label", lang == "id" and ok)

try:
    d.get(staff + "/board")
    result("the board without login goes to the login page", d.current_url.endswith("/login"))
    keep("login")
    labelled("login page")
    d.find_element(By.ID, "user").send_keys("pr")
    d.find_element(By.ID, "password").send_keys(pw)
    submit(d)
    result("logging in opens the board", d.current_url.endswith("/board"))
    cells = [c.text for c in d.find_elements(By.CSS_SELECTOR, "tbody td")]
    result("the board shows printer P1 with its hopper count", "P1" in cells and "0" in cells)
    result("the board shows the queue count", d.find_element(By.ID, "queue").text == "2")
    keep("board")
    cookies = d.get_cookies()
    result("the browser holds the session cookie as HttpOnly, SameSite=Strict",
           any(c["name"] == "blanko_session" and c["httpOnly"] and c.get("sameSite") == "Strict" for c in cookies))

    d.get(public + "/")
    keep("resident")
    labelled("resident's page")
    d.find_element(By.ID, "nik").send_keys(nik)
    d.find_element(By.ID, "code").send_keys(code)
    submit(d)
    answer = d.find_element(By.CSS_SELECTOR, ".answer").text
    result("the resident's page answers for the right pair: " + answer, "masih dalam antrean" in answer)
    result("... without the NIK", nik not in d.page_source)
    keep("resident-answer")
    d.find_element(By.ID, "nik").send_keys(nik)
    d.find_element(By.ID, "code").send_keys("ZZZZZZZZ" if code != "ZZZZZZZZ" else "YYYYYYYY")
    submit(d)
    answer = d.find_element(By.CSS_SELECTOR, ".answer").text
    result("a wrong code is not found: " + answer, "tidak ditemukan" in answer)
    keep("resident-not-found")
finally:
    d.quit()
PY
browser_done
for s in login board resident resident-answer resident-not-found; do
  check "screenshot $s.png kept" sh -c 'head -c 8 "$1" | od -c | grep -q "P   N   G"' - "$ART/$s.png"
done
# tidy on the server's own bytes (the browser's DOM is reserialised)
http l "$STAFF/login"
http r "$PUBLIC/"
http ra -d "nik=$NIK&code=$CODE" "$PUBLIC/"
cookie=$(curl -s -D - -o /dev/null -d "user=pr&password=$PW" "$STAFF/login" | sed -n 's/^Set-Cookie: \(blanko_session=[0-9a-f]*\);.*/\1/ip' | tr -d '\r')
http b -H "Cookie: $cookie" "$STAFF/board"
for p in l r ra b; do
  tidy -e -q "$TMP/$p" >"$TMP/$p.tidy" 2>&1
  cp "$TMP/$p" "$ART/served-$p.html"
  check "page $p passes tidy -e with no errors" sh -c '! grep -qi "error" "$1"' - "$TMP/$p.tidy"
  check "page $p has a lang attribute" grep -q '<html lang="' "$TMP/$p"
done
web_stop

test_done
