#!/bin/sh
# Issue 15: printctl backlog on a known set of waiting requests: count,
# oldest, median and 90th percentile waiting days (nearest rank), those
# past [service] target_days, by kecamatan and category, exactly; --json;
# counts only (no names, no NIKs); --list masks the NIK to its last four
# digits and is only for a clerk.
. "$(dirname "$0")/lib/test-lib.sh"

. "$TOP/tests/lib/requests.sh"
card_site_setup
printf '[service]\ntarget_days = 4\n' >>"$BLANKO_CONF"
new_ledger

for c in backlog prioritize; do
  run pc $c --help
  if [ "$rc" -eq 0 ] && grep -q "^Usage: printctl $c" "$TMP/out"; then pass "'$c --help' prints usage"; else fail "'$c --help' (exit $rc)"; fi
  check "the man page documents '$c'" grep -q "^\\.SS \"*$c" "$TOP/printctl/printctl.1"
done

run pc backlog --json
check "an empty backlog: 0 waiting" test "$(json_get "(j['waiting'], j['overdue'], j['oldest_days'])")" = "(0, 0, 0)"

# Eleven residents: waiting 0 1 2 3 5 7 10 20 30 60 days (and one cancelled,
# 90 days), kecamatan A for 0 5 20 60, B for the rest; categories mixed.
"$GEN" -n 11 -s 51 -o "$TMP/r" >/dev/null
csv_columns "$TMP/r/residents.csv" "$TMP/r/set.csv" "district=Kec A|Kec B|Kec B|Kec B|Kec A|Kec B|Kec B|Kec A|Kec B|Kec A|Kec B" \
  "recorded=$(days_ago 0 1 2 3 5 7 10 20 30 60 90)" \
  "category=baru|hilang|baru|rusak|pindah|baru|perubahan data|hilang|baru|baru|baru"
pc import "$TMP/r/set.csv" >/dev/null
expect_ok "cancel the 90-day request (no longer waiting)" pc cancel 11

run pc backlog --json
check "waiting, oldest, median, p90, past target" \
  test "$(json_get "(j['waiting'], j['oldest_days'], j['median_days'], j['p90_days'], j['overdue'], j['target_days'])")" = "(10, 60, 5, 30, 6, 4)"
check "the oldest recorded day" test "$(json_get "j['oldest_recorded']")" = "$(TZ=Asia/Jakarta date -d "$TODAY -60 days" +%Y-%m-%d)"
check "by kecamatan" test "$(json_get "[(g['kecamatan'], g['waiting'], g['oldest_days'], g['median_days'], g['p90_days'], g['overdue']) for g in j['by_kecamatan']]")" = \
  "[('Kec A', 4, 60, 5, 60, 3), ('Kec B', 6, 30, 3, 30, 3)]"
check "by category" test "$(json_get "[(g['category'], g['waiting'], g['overdue']) for g in j['by_category']]")" = \
  "[('damaged', 1, 0), ('data-change', 1, 1), ('lost', 2, 1), ('moved', 1, 1), ('new', 5, 3)]"
check "the JSON holds no NIK" sh -c "! grep -q -E '[0-9]{16}' '$TMP/out'"

run pc backlog
expect_out "text: the totals" "Waiting requests on $TODAY: 10; past the service target of 4 days: 6\."
expect_out "text: the days" "oldest 60 \(recorded [0-9-]+\), median 5, 90th percentile 30\."
expect_out "text: a kecamatan's line" "^Kec B +6 +30 +3 +30 +3$"
# No names, no NIKs, in any output but --list's masked one
names=$(python3 -c "import csv,sys; print('\n'.join(r['name'] for r in csv.DictReader(open(sys.argv[1]))))" "$TMP/r/set.csv")
echo "$names" >"$TMP/names"
cut -d, -f1 "$TMP/r/set.csv" | tail -n +2 >"$TMP/niks"
check "text: no names" sh -c "! grep -q -F -f '$TMP/names' '$TMP/out'"
check "text: no NIKs" sh -c "! grep -q -F -f '$TMP/niks' '$TMP/out'"

# --- --list: the overdue, NIK masked, a clerk only -------------------------------------------
run pc backlog --list --json
check "--list: the six past the target, longest first" \
  test "$(json_get "[r['days'] for r in j['overdue_requests']]")" = "[60, 30, 20, 10, 7, 5]"
last4=$(sed -n 10p "$TMP/niks" | cut -c13-16)
check "--list: the NIK masked to its last four digits" test "$(json_get "j['overdue_requests'][0]['nik']")" = "************$last4"
check "--list: no full NIK, no name" sh -c "! grep -q -F -f '$TMP/niks' '$TMP/out' && ! grep -q -F -f '$TMP/names' '$TMP/out'"
run pc backlog --list
expect_out "--list text: a masked line" "^ +10  [0-9-]{10}  +60  \*{12}$last4  new +Kec A$"
expect_refused "--list is for a clerk (not the warehouse)" 1 "needs the printroom, auditor or admin role" \
  "$PRINTCTL" --user wh backlog --list
expect_ok "the warehouse sees the counts" "$PRINTCTL" --user wh backlog

# --- The target from the configuration --------------------------------------------------------
printf '[service]\ntarget_days = 25\n' >"$TMP/other.conf"
cat "$BLANKO_CONF" | grep -v target_days >>"$TMP/other.conf"
run env BLANKO_CONF="$TMP/other.conf" "$PRINTCTL" --user pr backlog --json
check "target_days = 25: two past it" test "$(json_get "(j['overdue'], j['target_days'])")" = "(2, 25)"
printf '[service]\ntarget_days = 0\n' >"$TMP/bad.conf"
run env BLANKO_CONF="$TMP/bad.conf" "$PRINTCTL" --user pr backlog
check "target_days = 0 is refused (exit $rc)" sh -c "[ $rc = 1 ] && grep -q 'target_days must be 1 to 3650 days' '$TMP/err'"
test_done
