#!/bin/bash
# The print-room board live in a real browser (issue 16, second round):
# headless Chromium on the board while printctl run prints on a private
# cupsd with a simulated printer (tests/lib/cups-fixture.sh).  Without the
# page being loaded again, the board shows the card in flight (request
# number and serial), then the card printed (printed today up, queue down)
# within 2 s of the run's end; a jam pauses the printer and the board shows
# it, with the reason, within 2 s.  No resident's name or NIK on the board.
# Screenshots under build/artefacts/t0903/ (BLANKO_ARTEFACTS).
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"
. "$TOP/tests/lib/web.sh"

browser_require t0903

print_setup card1 || exit 1
PW='Rahasia-kantor-2026'
printf 'office = Disdukcapil Kota Contoh\n' >>"$BLANKO_CONF"
new_ledger
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001099 >/dev/null
pc printer add P1 --queue card1 --location RC1 >/dev/null
pc printer load P1 --serials KTP0001000-KTP0001009 >/dev/null
printf '%s\n' "$PW" | inv user passwd pr >/dev/null
"$GEN" -n 3 -s 11 -o "$TMP/res" >/dev/null
pc import "$TMP/res/residents.csv" >/dev/null
cups_printer_delay card1 4		# the card stays in flight long enough to be seen
check "printctl serve starts" web_start

browser_run "$STAFF" "$ART" "$PW" "$TMP/res/residents.csv" "$CUPS_FIXTURE_DIR/printers/card1" "$PRINTCTL" <<'PY'
import csv, os, subprocess, sys, time
from selenium.webdriver.common.by import By
from browser import start, result, submit

staff, art, pw, residents, printer_dir, printctl = sys.argv[1:7]
people = list(csv.DictReader(open(residents)))
d = start(1000, 900)
run = [printctl, "--user", "pr", "run", "--once", "--printer", "P1", "--max", "1"]

def text(i):
    return d.find_element(By.ID, i).text

def row():
    cells = d.find_elements(By.CSS_SELECTOR, "#printers tr td")
    return [c.text for c in cells]

def wait(cond, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if cond():
                return True
        except Exception:
            pass
        time.sleep(0.1)
    return False

def no_personal(name):
    src = d.page_source
    result(name + ": no resident's NIK or name on the board",
           not any(p["nik"] in src or p["name"] in src for p in people))

try:
    d.get(staff + "/login")
    d.find_element(By.ID, "user").send_keys("pr")
    d.find_element(By.ID, "password").send_keys(pw)
    submit(d)	# waits for the board to replace the login page
    result("logging in opens the board", d.current_url.endswith("/board"))
    d.execute_script("window.blankoMark = 42;")	# gone if the page is loaded again
    result("the board shows 3 in the queue, 0 printed today", text("queue") == "3" and text("printed-today") == "0")
    result("the queue lists the requests by number", [c.text for c in d.find_elements(By.CSS_SELECTOR, "#next td")][0] == "#1")
    result("P1 running, 10 blanks, lowest serial KTP0001000, idle",
           row()[:4] == ["P1", "berjalan", "10", "KTP0001000"])
    d.save_screenshot(f"{art}/board-before.png")

    proc = subprocess.Popen(run, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    result("the card in flight shows: request #1 on KTP0001000",
           wait(lambda: row()[4] == "#1 KTP0001000", 15))
    d.save_screenshot(f"{art}/board-in-flight.png")
    no_personal("in flight")
    err = proc.communicate(timeout=60)[1]
    result("printctl run printed the card (exit %d %s)" % (proc.returncode, err[-200:]), proc.returncode == 0)
    result("within 2 s the board shows it printed (printed today 1, queue 2, P1 idle, 9 blanks)",
           wait(lambda: text("printed-today") == "1" and text("queue") == "2" and row()[2] == "9"
                and row()[4] == "menganggur", 2.0))
    d.save_screenshot(f"{art}/board-printed.png")

    open(os.path.join(printer_dir, "fail-next"), "w").write("jam\n")
    proc = subprocess.Popen(run, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proc.wait(timeout=60)
    result("within 2 s of the jam the board shows P1 paused with the reason",
           wait(lambda: row()[1].startswith("dijeda") and "jam" in row()[1], 2.0))
    d.save_screenshot(f"{art}/board-jam.png")
    no_personal("after the jam")
    result("the page was never loaded again (the script redrew it)",
           d.execute_script("return window.blankoMark;") == 42)
finally:
    d.quit()
PY
browser_done
for s in board-before board-in-flight board-printed board-jam; do
  check "screenshot $s.png kept" sh -c 'head -c 8 "$1" | od -c | grep -q "P   N   G"' - "$ART/$s.png"
done
run pc status --json
check "status agrees: P1 paused" test "$(json_get "j['printers'][0]['state']")" = paused
expect_ok "inventory verify" inv verify
web_stop
check "the server's error output is empty" test ! -s "$TMP/serve.err"

test_done
