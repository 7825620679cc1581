#!/bin/sh
# report reconcile after the clock stepped back (issue 10, 5.12): the chain
# head "at the end of the period" seals exactly the events the balances
# count, one cut of the chain by event id for both; the next period opens
# where this one closed; a later run shows the same figures.
. "$(dirname "$0")/lib/test-lib.sh"

if ! command -v faketime >/dev/null; then
  fail "faketime is needed to step the clock back (make deps)"; test_done; exit 1
fi
# on DATE USER ARGS...: run inventory as USER at DATE (UTC).
on() { d=$1 u=$2; shift 2; TZ=UTC faketime "$d" "$INVENTORY" --user "$u" "$@" >/dev/null; }
printf '[site]\ntimezone = UTC\n' >"$BLANKO_CONF"	# the office keeps UTC days, as the dates below

TZ=UTC faketime "2026-09-01 08:00:00" "$INVENTORY" init >/dev/null
on "2026-09-01 08:01:00" root user add wh --role warehouse
on "2026-09-01 08:02:00" root location add GUDANG --kind store
on "2026-10-15 09:00:00" wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG
on "2026-10-31 23:50:00" wh receive --supplier Peruri --ref SJ-2 --serials KTP0001100-KTP0001199 --to GUDANG
# The clock steps back 10 minutes: the next event has a higher id and an earlier time.
on "2026-10-31 23:40:00" wh receive --supplier Peruri --ref SJ-3 --serials KTP0001200-KTP0001249 --to GUDANG

# reconcile FROM TO: the report as JSON in $TMP/out; sets head, closing (GUDANG)
# and sealed: GUDANG's balance replayed from the chain up to the head.
reconcile() {
  run inv report reconcile --from "$1" --to "$2" --format json
  head=$(json_get 'j["chain_head"]["event"]')
  closing=$(json_get '[a["closing"] for a in j["accounts"] if a["account"] == "GUDANG"][0]')
  opening=$(json_get '[a["opening"] for a in j["accounts"] if a["account"] == "GUDANG"][0]')
  sealed=$(sqlite3 "$BLANKO_DB" "SELECT coalesce(sum(CASE WHEN m.to_id = a.id THEN m.last - m.first + 1 ELSE 0 END)
    - sum(CASE WHEN m.from_id = a.id THEN m.last - m.first + 1 ELSE 0 END), 0)
    FROM movement m, account a WHERE a.code = 'GUDANG' AND m.event_id <= ${head:-0}")
}

reconcile 2026-10-01 2026-10-31
check "October, clock stepped back within it: exit 0 (exit $rc: $(cat "$TMP/err"))" test "$rc" -eq 0
check "October: the chain head (event $head) seals the $closing blanks the balances count ($sealed)" \
  test "$closing" = "$sealed" -a "$closing" = 250

# Midnight passes, then the clock steps back across it: an event of
# November, then one stamped October 31 with a higher id.
on "2026-11-01 00:10:00" wh receive --supplier Peruri --ref SJ-4 --serials KTP0001250-KTP0001259 --to GUDANG
on "2026-10-31 23:55:00" wh receive --supplier Peruri --ref SJ-5 --serials KTP0001260-KTP0001269 --to GUDANG

reconcile 2026-10-01 2026-10-31
oct_head=$head oct_closing=$closing
check "October again, the clock stepped back across its end: exit 0 (exit $rc: $(cat "$TMP/err"))" test "$rc" -eq 0
check "October again: the chain head (event $head) seals the $closing blanks the balances count ($sealed)" \
  test "$closing" = "$sealed"
check "October again: the same head and figures as before November began ($head, $closing)" \
  test "$closing" = 250 -a "$head" = "$(sqlite3 "$BLANKO_DB" "SELECT id FROM event WHERE ref = 'SJ-3'")"
run inv report reconcile --from 2026-10-01 --to 2026-10-31 --lang en
expect_out "the text report names the same head" "^Chain head at the end of the period: event $oct_head "

reconcile 2026-11-01 2026-11-30
check "November opens where October closed ($opening = $oct_closing)" test "$opening" = "$oct_closing"
check "November: the chain head (event $head) seals the $closing blanks the balances count ($sealed)" \
  test "$closing" = "$sealed" -a "$closing" = 270

expect_ok "the ledger verifies" inv verify
test_done
