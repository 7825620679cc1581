#!/bin/bash
# Foreign text shown safely (5.4): a CUPS printer-state message holding an
# escape sequence, a C1 control and a bidi override, and a stored printer
# reason holding the same, reach `printctl printer list` and `status` with
# '?' in their place; a pause reason holding a control is refused.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"

print_setup card1 || exit 1

new_ledger
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001099 >/dev/null
expect_ok "printer add P1" pc printer add P1 --queue card1 --location RC1

# no_controls DESC: the last run's stdout and stderr hold no control character
# (but newline) and no C1 or bidi control.
no_controls() {
  if LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$TMP/out" "$TMP/err" ||
     grep -q "$(printf '\302[\200-\237]\|\342\200[\252-\256]\|\342\201[\246-\251]')" "$TMP/out" "$TMP/err"; then
    fail "$1: a control character reached the terminal ($(od -c "$TMP/out" | head -5))"
  else
    pass "$1: no control character reached the terminal"
  fi
}

# A printer-state message from CUPS: an OSC title change, a colour, a C1 CSI
# and a right-to-left override.
MSG=$(printf 'Kartu macet\033]0;owned\007\033[31m merah\302\233 2J \342\200\256kiri')
cupsdisable -r "$MSG" card1 || fail "cupsdisable -r"
wait_for "CUPS shows the message" sh -c "lpstat -p card1 -l | grep -q merah"
expect_ok "printer list" pc printer list
check "the CUPS message is shown with '?' for its controls" grep -q "(Kartu macet?\]0;owned?.*\[31m merah? 2J ?kiri)" "$TMP/out"
no_controls "printer list"
expect_ok "printer list --json" pc printer list --json
check "the JSON message is the safe text" test "$(json_get '"\\x1b" not in j[0]["cups_message"] and j[0]["cups_message"].endswith("[31m merah? 2J ?kiri")')" = True
cupsenable card1

# A pause reason with a control is refused; one stored behind the program's
# back is shown safely.
expect_refused "pause --reason with an escape" 1 '^printctl printer pause: --reason holds a control character' \
  pc printer pause P1 --reason "$(printf 'ribbon\033[2J')"
expect_refused "pause --reason with a bidi override" 1 '--reason holds a bidirectional control character' \
  pc printer pause P1 --reason "$(printf 'ribbon \342\201\246x')"
expect_ok "pause P1" pc printer pause P1 --reason "ribbon out"
sqlite3 "$BLANKO_DB" "UPDATE printer SET reason = 'ribbon' || char(27) || '[2J' || char(133) || char(8238) || 'out' WHERE name = 'P1'"
expect_ok "printer list, stored reason" pc printer list
check "the stored reason is shown with '?'" grep -q "^ *ribbon?\[2J??out$" "$TMP/out"
no_controls "printer list, stored reason"
expect_ok "status" pc status
check "status shows the stored reason with '?'" grep -q "^ *ribbon?\[2J??out$" "$TMP/out"
no_controls "status"

test_done
