#!/bin/bash
#
# Runs the CUPS job module's C test (tests/unit/test-cupsjob.c) against a
# private cupsd with two simulated card printers, card1 and card2.
# TEST_CUPSJOB names the built test program (default build/test-cupsjob).

cd "$(dirname "$0")/.." || exit 1
. tests/lib/cups-fixture.sh

prog=${TEST_CUPSJOB:-build/test-cupsjob}
[ -x "$prog" ] || { echo "FAIL: $prog not built"; echo "0 passed, 1 failed"; exit 1; }

trap cups_stop EXIT	# also on failure: no process may outlive the test
if ! { cups_start tests/tmp && cups_add_printer card1 && cups_add_printer card2; }; then
  echo "FAIL: start the CUPS fixture"
  echo "0 passed, 1 failed"
  exit 1
fi
export CUPS_FIXTURE_LIB="$PWD/tests/lib/cups-fixture.sh"

"$prog"
rc=$?
cups_stop
if [ "$rc" -eq 0 ]; then cups_remove_scratch; else echo "NOTE: logs kept in $CUPS_FIXTURE_DIR"; fi
exit "$rc"
