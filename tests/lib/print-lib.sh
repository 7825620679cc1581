# Setup shared by the print controller's shell tests (bash), sourced after
# tests/lib/test-lib.sh: printctl acting as the print-room user "pr", a
# private TMPDIR (so that files left behind can be looked for), the site
# fields the card template needs, and a private cupsd with the simulated
# card printers named as arguments (stopped when the test ends).
#
#   print_setup card1 card2 || exit 1

. "$TOP/tests/lib/cups-fixture.sh"

PRINTCTL="$BLANKO_BIN/printctl"
GEN="$TOP/build/gen-residents"
pc() { "$PRINTCTL" --user pr "$@"; }

# wait_for DESC COMMAND...: poll (bounded, 30 s) until COMMAND succeeds.
wait_for() {
  local desc=$1 i=0; shift
  until "$@" >/dev/null 2>&1; do
    i=$((i + 1)); [ "$i" -ge 300 ] && { fail "$desc (timed out)"; return 1; }
    sleep 0.1
  done
  pass "$desc"
}
# status_has PATTERN: printctl status shows PATTERN.
status_has() { pc status | grep -q "$1"; }

print_setup() {
  test_require root cupsd ippeveprinter lpadmin dbus-daemon
  card_site_setup
  at_exit cups_stop
  mkdir -p "$TMP/cups"
  cups_start "$TMP/cups" || { fail "start the CUPS fixture"; test_done; return 1; }
  for p in "$@"; do
    cups_add_printer "$p" || { fail "add the simulated printer $p"; test_done; return 1; }
  done
}
