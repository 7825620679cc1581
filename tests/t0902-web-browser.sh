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

test_require curl chromium chromedriver tidy python3
# Debian's python3-selenium is for the system's python3 (not another one first on the PATH)
SELENIUM_PY=""
for p in /usr/bin/python3 python3; do
  "$p" -c 'import selenium' 2>/dev/null && { SELENIUM_PY=$p; break; }
done
[ -n "$SELENIUM_PY" ] || { test_have python3-selenium; test_done; exit; }

ART="${BLANKO_ARTEFACTS:-$TOP/build/artefacts}/t0902"
rm -rf "$ART" && mkdir -p "$ART"
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

export HOME="$TMP/home"
mkdir -p "$HOME"
"$SELENIUM_PY" - "$STAFF" "$PUBLIC" "$ART" "$PW" "$NIK" "$CODE" >"$TMP/browser.out" 2>"$TMP/browser.err" <<'PY'
import sys
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from selenium.webdriver.support import expected_conditions as EC

staff, public, art, pw, nik, code = sys.argv[1:7]
opts = webdriver.ChromeOptions()
# A profile of its own: two browser tests running at once must not share
# Chromium's default profile (the second instance exits at start).
import tempfile
opts.add_argument("--user-data-dir=" + tempfile.mkdtemp(prefix="chromium-"))
opts.binary_location = "/usr/bin/chromium"
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=id",
          "--window-size=1000,800"):
    opts.add_argument(a)
opts.add_experimental_option("prefs", {"intl.accept_languages": "id,en"})
# Chromium now and then exits while starting on a loaded machine ("session
# not created: Chrome instance exited"): start it again, at most three times.
for attempt in range(3):
    try:
        d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        break
    except Exception as e:
        if attempt == 2 or "session not created" not in str(e):
            raise
d.set_page_load_timeout(30)

def result(name, ok):
    print(("PASS: " if ok else "FAIL: ") + name)

def keep(name):
    d.save_screenshot(f"{art}/{name}.png")
    with open(f"{art}/{name}.html", "w") as f:
        f.write(d.page_source)

def submit():
    # Submit the form and wait until the next page has replaced this one,
    # so that no element of the old page is read while the new one loads.
    old = d.find_element(By.TAG_NAME, "html")
    d.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(d, 15).until(EC.staleness_of(old))
    WebDriverWait(d, 15).until(lambda drv: drv.execute_script("return document.readyState") == "complete")

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
    submit()
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
    submit()
    answer = d.find_element(By.CSS_SELECTOR, ".answer").text
    result("the resident's page answers for the right pair: " + answer, "masih dalam antrean" in answer)
    result("... without the NIK", nik not in d.page_source)
    keep("resident-answer")
    d.find_element(By.ID, "nik").send_keys(nik)
    d.find_element(By.ID, "code").send_keys("ZZZZZZZZ" if code != "ZZZZZZZZ" else "YYYYYYYY")
    submit()
    answer = d.find_element(By.CSS_SELECTOR, ".answer").text
    result("a wrong code is not found: " + answer, "tidak ditemukan" in answer)
    keep("resident-not-found")
finally:
    d.quit()
PY
rc=$?
cat "$TMP/browser.out"
grep -q "^FAIL" "$TMP/browser.out" && test_failed=$((test_failed + $(grep -c "^FAIL" "$TMP/browser.out")))
test_passed=$((test_passed + $(grep -c "^PASS" "$TMP/browser.out")))
check "the browser script ran to its end (exit $rc$(grep -m1 -E "Exception|Error" "$TMP/browser.err" | tr '\n' ' '))" test "$rc" -eq 0
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
