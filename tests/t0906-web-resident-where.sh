#!/bin/bash
# The resident's page in a real browser answers where a printed card is
# (issue 16 item 4, with issue 14's distribution): a card printed on a
# private cupsd, dispatched to a kecamatan and on to a kelurahan and
# arrived there; the page names the kelurahan and the day the card came
# ("sudah dicetak, dapat diambil di Kelurahan Kuningan sejak 6 Desember
# 2026"; on its way before, over HTTP), the answer printctl where gives the
# desk (invCardWhere); after
# printctl handover it says the card was handed over, on that day.  A wrong
# code gives the same answer as an unknown NIK.  Screenshots under
# build/artefacts/t0906/ (BLANKO_ARTEFACTS).
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"
. "$TOP/tests/lib/web.sh"
. "$TOP/tests/lib/dist.sh"

browser_require t0906

print_setup card1 || exit 1
printf 'office = Disdukcapil Kota Contoh\n' >>"$BLANKO_CONF"
dist_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv location add KEC01 --kind kecamatan --name "Kecamatan Setiabudi" >/dev/null
inv location add KEL0101 --kind kelurahan --parent KEC01 --name "Kuningan" >/dev/null
dist_cards 2 13 "$TMP/res"
run pc --json import "$TMP/res/residents.csv"
CODE=$(json_get 'j["codes"][0]["code"]')
NIK=$(sqlite3 "$BLANKO_DB" "SELECT nik FROM request WHERE id = 1")
run pc run --once --max 1
check "card 1 printed" grep -q "Run ended: 1 printed" "$TMP/out"
SERIAL=$(sqlite3 "$BLANKO_DB" "SELECT coalesce(serial, '') FROM request WHERE id = 1")
expect_ok "dispatch the card to KEC01" inv --user dist dispatch --to KEC01 --ref B-1 --serials "$SERIAL" -o "$TMP/b1.pdf"
expect_ok "KEC01 confirms it" $CLERK arrive --ref B-1 --count 1
expect_ok "KEC01 sends it on to KEL0101" $CLERK dispatch --from KEC01 --to KEL0101 --ref B-2 --serials "$SERIAL" -o "$TMP/b2.pdf"
# Today in Indonesian words, in the office's zone (the moves were today)
TODAY=$(TZ=Asia/Jakarta python3 -c 'import time; t=time.localtime(); print("%d %s %d" % (t.tm_mday, ["Januari","Februari","Maret","April","Mei","Juni","Juli","Agustus","September","Oktober","November","Desember"][t.tm_mon - 1], t.tm_year))')
printf '%s\n' 'Rahasia-kantor-2026' | inv user passwd au >/dev/null
check "printctl serve starts" web_start
http transit -d "nik=$NIK&code=$CODE" "$PUBLIC/"
check "on its way: the page names the kelurahan and the day it was sent" \
  grep -q "<p class=\"answer\" role=\"status\">KTP-el Anda sudah dicetak dan sedang dikirim ke Kelurahan Kuningan (dikirim pada $TODAY).</p>" "$TMP/transit"
expect_ok "KEL0101 confirms it" inv --user dist arrive --ref B-2 --count 1
run sh -c "echo $NIK | $PRINTCTL --user pr where"
check "printctl where: at kelurahan KEL0101" grep -q "is at kelurahan KEL0101 since" "$TMP/out"
cookie=$(curl -s -D - -o /dev/null -d "user=au&password=Rahasia-kantor-2026" "$STAFF/login" | sed -n 's/^Set-Cookie: \(blanko_session=[0-9a-f]*\);.*/\1/ip' | tr -d '\r')
http dash1 -H "Cookie: $cookie" "$STAFF/dashboard"
check "the dashboard counts the card at a kelurahan, not yet handed over" sh -c \
  'grep -q "<dd id=\"at-kelurahan\">1</dd>" "$1" && grep -q "<dd id=\"undelivered\">1</dd>" "$1" && grep -q "<dd id=\"delivered-recent\">0</dd>" "$1"' - "$TMP/dash1"

# ask STEP NIK CODE: the browser asks the resident's page; the answer in $TMP/STEP.answer
ask() {
  browser_run "$PUBLIC" "$ART" "$1" "$2" "$3" <<'PY'
import sys
from selenium.webdriver.common.by import By
from browser import start, result, submit, keep

public, art, step, nik, code = sys.argv[1:6]
d = start(1000, 700)
try:
    d.get(public + "/")
    d.find_element(By.ID, "nik").send_keys(nik)
    d.find_element(By.ID, "code").send_keys(code)
    submit(d)
    with open(f"{art}/{step}.answer", "w") as f:
        f.write(d.find_element(By.CSS_SELECTOR, ".answer").text)
    result(f"{step}: the page does not show the NIK", nik not in d.page_source)
    keep(d, art, step)
finally:
    d.quit()
PY
  browser_done
}

ask at-kelurahan "$NIK" "$CODE"
answer=$(cat "$ART/at-kelurahan.answer" 2>/dev/null)
check "the page names the kelurahan and the day the card came: $answer" \
  test "$answer" = "KTP-el Anda sudah dicetak; dapat diambil di Kelurahan Kuningan sejak $TODAY."
WRONG=ZZZZZZZZ; [ "$CODE" = ZZZZZZZZ ] && WRONG=YYYYYYYY
ask wrong-code "$NIK" "$WRONG"
ask unknown-nik 9999999999999999 "$CODE"
check "a wrong code is not found" grep -q "tidak ditemukan" "$ART/wrong-code.answer"
check "... in the same words as an unknown NIK" cmp -s "$ART/wrong-code.answer" "$ART/unknown-nik.answer"

expect_ok "printctl handover gives the card to its holder" $PRINTCTL --user dist handover --serial "$SERIAL" <<<"$NIK"
ask delivered "$NIK" "$CODE"
answer=$(cat "$ART/delivered.answer" 2>/dev/null)
check "after the handover the page says it was handed over, today: $answer" \
  test "$answer" = "KTP-el Anda sudah diserahkan pada $TODAY."
http dash2 -H "Cookie: $cookie" "$STAFF/dashboard"
check "the dashboard counts it handed over in the last 30 days" sh -c \
  'grep -q "<dd id=\"delivered-recent\">1</dd>" "$1" && grep -q "<dd id=\"undelivered\">0</dd>" "$1" && grep -q "<dd id=\"at-kelurahan\">0</dd>" "$1"' - "$TMP/dash2"
for s in at-kelurahan wrong-code delivered; do
  check "screenshot $s.png kept" sh -c 'head -c 8 "$1" | od -c | grep -q "P   N   G"' - "$ART/$s.png"
done
# The board's script groups counts for the page's language (no other test
# has a count over 999 on the board): 1,200 more blanks in P1's hopper make
# 1,219; the board is drawn on the server, then redrawn by /board.js from
# /board.json's plain numbers.
inv --user wh receive --supplier Peruri --ref SJ-2 --serials KTP0002000-KTP0003199 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0002000-KTP0003199 >/dev/null
expect_ok "1,200 more blanks loaded into P1" pc printer load P1 --serials KTP0002000-KTP0003199
printf '%s\n' 'Rahasia-kantor-2026' | inv user passwd pr >/dev/null
browser_run "$STAFF" "$ART" <<'PY'
import sys, time
from selenium.webdriver.common.by import By
from browser import start, result, keep, submit

staff, art = sys.argv[1:3]
for lang, want in (("id", "1.219"), ("en", "1,219")):
    d = start(1000, 800, lang)
    try:
        d.get(staff + "/login")
        d.find_element(By.ID, "user").send_keys("pr")
        d.find_element(By.ID, "password").send_keys("Rahasia-kantor-2026")
        submit(d)	# waits for the board to replace the login page
        def hopper():	# P1's hopper cell, or None when the page has no printers table
            cells = d.find_elements(By.CSS_SELECTOR, "#printers tr td")
            return cells[2].text if len(cells) > 2 else None
        result(f"board ({lang}): P1's hopper drawn by the server as {want} ({hopper()})", hopper() == want)
        end = time.monotonic() + 10	# /board.js redraws every second and stamps #updated
        while time.monotonic() < end and not d.find_element(By.ID, "updated").text:
            time.sleep(0.1)
        redrawn = d.find_element(By.ID, "updated").text != ""
        result(f"board ({lang}): the script redrew it, still {want} ({hopper()})", redrawn and hopper() == want)
        keep(d, art, "board-" + lang)
    finally:
        d.quit()
PY
browser_done
expect_ok "inventory verify" inv verify
web_stop
check "the server's error output is empty" test ! -s "$TMP/serve.err"
test_done
