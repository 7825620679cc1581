# The web server in tests (issue 16): start printctl serve on free ports,
# stop it when the test ends.  Sourced after test-lib.sh.
#
#   web_start [SERVE ARGS...]   sets WEB_PID, STAFF_PORT, PUBLIC_PORT, STAFF
#                               and PUBLIC (base URLs on 127.0.0.1); the
#                               staff side listens on ${WEB_STAFF_LISTEN:-127.0.0.1:0}
#   web_stop                    stops it (also at exit)
#   http OUT ARGS...            curl ARGS, body to $TMP/OUT, headers to
#                               $TMP/OUT.h, status in $code
#
# Browser tests (headless Chromium, WebDriver; tests/lib/browser.py):
#   browser_require NAME [TOOLS...]
#                               test_require curl, chromium, chromedriver and
#                               TOOLS, finds the python3 with selenium
#                               (SELENIUM_PY), gives the browser a HOME under
#                               $TMP, makes ART, the test's empty artefacts
#                               folder (build/artefacts/NAME or under
#                               $BLANKO_ARTEFACTS); the test
#                               ends when a prerequisite is missing (a failure
#                               under CI=true, as test_require)
#   browser_run ARGS...         runs the WebDriver script on standard input
#                               with ARGS, output in $TMP/browser.out and
#                               $TMP/browser.err, exit status in $rc
#   browser_done                counts the script's PASS:/FAIL: lines and
#                               checks that it ran to its end

WEB_PID=""

web_start() {
  rm -f "$TMP/serve.out"
  "$PRINTCTL" serve --staff "${WEB_STAFF_LISTEN:-127.0.0.1:0}" --public 127.0.0.1:0 "$@" \
    >"$TMP/serve.out" 2>"$TMP/serve.err" &
  WEB_PID=$!
  _ws_i=0
  while [ ! -s "$TMP/serve.out" ] && [ "$_ws_i" -lt 100 ] && kill -0 "$WEB_PID" 2>/dev/null; do
    sleep 0.1; _ws_i=$((_ws_i + 1))
  done
  STAFF_PORT=$(sed -n 's/^staff .* port \([0-9]*\), public .*/\1/p' "$TMP/serve.out")
  PUBLIC_PORT=$(sed -n 's/.*, public .* port \([0-9]*\), .*/\1/p' "$TMP/serve.out")
  _ws_scheme=$(sed -n 's/.*, \(https*\)$/\1/p' "$TMP/serve.out")
  STAFF="$_ws_scheme://127.0.0.1:$STAFF_PORT"
  PUBLIC="$_ws_scheme://127.0.0.1:$PUBLIC_PORT"
  [ -n "$STAFF_PORT" ] && [ -n "$PUBLIC_PORT" ]
}

web_stop() {
  if [ -n "$WEB_PID" ]; then
    kill "$WEB_PID" 2>/dev/null
    wait "$WEB_PID" 2>/dev/null
    WEB_PID=""
  fi
}
at_exit web_stop

http() {
  _h_out=$1; shift
  code=$(curl -s -k -o "$TMP/$_h_out" -D "$TMP/$_h_out.h" -w '%{http_code}' "$@")
}

browser_require() {
  _br_name=$1; shift
  test_require curl chromium chromedriver python3 "$@"
  # Debian's python3-selenium is for the system's python3 (not another one first on the PATH)
  SELENIUM_PY=""
  for _br_p in /usr/bin/python3 python3; do
    "$_br_p" -c 'import selenium' 2>/dev/null && { SELENIUM_PY=$_br_p; break; }
  done
  [ -n "$SELENIUM_PY" ] || { test_have python3-selenium; test_done; exit; }
  export HOME="$TMP/home"
  mkdir -p "$HOME"
  ART="${BLANKO_ARTEFACTS:-$TOP/build/artefacts}/$_br_name"
  rm -rf "$ART" && mkdir -p "$ART"
}

browser_run() {
  PYTHONPATH="$TOP/tests/lib${PYTHONPATH:+:$PYTHONPATH}" "$SELENIUM_PY" - "$@" \
    >"$TMP/browser.out" 2>"$TMP/browser.err"
  rc=$?
}

browser_done() {
  cat "$TMP/browser.out"
  grep -q "^FAIL" "$TMP/browser.out" && test_failed=$((test_failed + $(grep -c "^FAIL" "$TMP/browser.out")))
  test_passed=$((test_passed + $(grep -c "^PASS" "$TMP/browser.out")))
  check "the browser script ran to its end (exit $rc$(tail -n 3 "$TMP/browser.err" | tr '\n' ' '))" test "$rc" -eq 0
  [ "$rc" -eq 0 ] || cp "$TMP/browser.err" "$ART/browser.err"	# the whole trace, kept with the screenshots
}
