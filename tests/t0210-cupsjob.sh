#!/bin/bash
#
# Runs the CUPS job module's C test (tests/unit/test-cupsjob.c) against a
# private cupsd with two simulated card printers, card1 and card2.
# TEST_CUPSJOB names the built test programs (default build/test-cupsjob and
# its ASan + UBSan build, build/asan-cups/test-cupsjob); each runs against a
# fixture of its own, and the closing line adds up their checks.

. "$(dirname "$0")/lib/test-lib.sh"
cd "$TOP" || exit 1
test_require root cupsd ippeveprinter lpadmin dbus-daemon
. tests/lib/cups-fixture.sh

progs=${TEST_CUPSJOB:-build/test-cupsjob build/asan-cups/test-cupsjob}
for prog in $progs; do
  [ -x "$prog" ] || { fail "$prog not built"; test_done; exit 1; }
done
export LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export CUPS_FIXTURE_LIB="$PWD/tests/lib/cups-fixture.sh"
at_exit cups_stop	# also on failure: no process may outlive the test

status=0
for prog in $progs; do
  echo "# $prog"
  if ! { cups_start tests/tmp && cups_add_printer card1 && cups_add_printer card2; }; then
    fail "start the CUPS fixture for $prog"
    cups_stop
    continue
  fi
  "$prog" >"$TMP/prog.out" 2>&1
  rc=$?
  grep -Ev '^[0-9]+ passed, [0-9]+ failed$' "$TMP/prog.out"
  cups_stop
  # Its closing line goes into this test's count (one closing line in all).
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$TMP/prog.out" | tail -n 1)
  if [ -n "$line" ]; then
    test_passed=$((test_passed + ${line%% passed*}))
    test_failed=$((test_failed + $(echo "$line" | sed 's/.*, \([0-9]*\) failed/\1/')))
  fi
  if [ -z "$line" ] || [ "$rc" -ne 0 ]; then
    status=1
    echo "NOTE: $prog exited $rc; logs kept in $CUPS_FIXTURE_DIR"
  else
    cups_remove_scratch
  fi
done
[ "$status" -eq 0 ] || [ "$test_failed" -gt 0 ] || fail "a CUPS job test program ended badly"
test_done
