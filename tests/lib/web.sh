# The web server in tests (issue 16): start printctl serve on free ports,
# stop it when the test ends.  Sourced after test-lib.sh.
#
#   web_start [SERVE ARGS...]   sets WEB_PID, STAFF_PORT, PUBLIC_PORT, STAFF
#                               and PUBLIC (base URLs on 127.0.0.1); the
#                               staff side listens on ${WEB_STAFF_LISTEN:-127.0.0.1:0}
#   web_stop                    stops it (also at exit)
#   http OUT ARGS...            curl ARGS, body to $TMP/OUT, headers to
#                               $TMP/OUT.h, status in $code

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
