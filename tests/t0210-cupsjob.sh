#!/bin/bash
#
# Runs the CUPS job module's C test (tests/unit/test-cupsjob.c) against a
# private cupsd with two simulated card printers, card1 and card2.
# TEST_CUPSJOB names the built test program (default build/test-cupsjob).

. "$(dirname "$0")/lib/test-lib.sh"
cd "$TOP" || exit 1
test_require root cupsd ippeveprinter lpadmin dbus-daemon
. tests/lib/cups-fixture.sh

prog=${TEST_CUPSJOB:-build/test-cupsjob}
[ -x "$prog" ] || { fail "$prog not built"; test_done; exit 1; }

at_exit cups_stop	# also on failure: no process may outlive the test
if ! { cups_start tests/tmp && cups_add_printer card1 && cups_add_printer card2; }; then
  fail "start the CUPS fixture"
  test_done
  exit 1
fi
export CUPS_FIXTURE_LIB="$PWD/tests/lib/cups-fixture.sh"

"$prog"
rc=$?
cups_stop
if [ "$rc" -eq 0 ]; then cups_remove_scratch; else echo "NOTE: logs kept in $CUPS_FIXTURE_DIR"; fi
exit "$rc"
