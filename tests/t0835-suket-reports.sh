#!/bin/sh
# Issue 15 item 4: reports of the suket.  printctl suket list and inventory
# report suket count those outstanding by kecamatan and those expiring
# within 30 days, and each state (text, JSON, CSV), never a NIK or a name;
# --list (a clerk) shows the expiring ones with the NIK masked to its last
# four digits; printctl suket export writes blanko's own documented CSV
# format (mode 0600), with every suket and its state on the day.
. "$(dirname "$0")/lib/test-lib.sh"

. "$TOP/tests/lib/requests.sh"
card_site_setup
new_ledger

# Five residents: kecamatan "Kec A" (1, 2, 3) and "Kec B" (4, 5).
"$GEN" -n 5 -s 85 -o "$TMP/r" >/dev/null
csv_columns "$TMP/r/residents.csv" "$TMP/r/set.csv" "district=Kec A|Kec A|Kec A|Kec B|Kec B"
pc import "$TMP/r/set.csv" >/dev/null
for i in 1 2 3 4 5; do pc suket issue --request $i --days 20 -o "$TMP/s$i.pdf" >/dev/null || fail "issue $i"; done
pc suket extend 1 --days 100 >/dev/null		# Kec A, not expiring soon
pc suket cancel 2 --reason "salah" >/dev/null	# not outstanding
q "UPDATE suket SET valid_until = '$(day -2)' WHERE id = 5"	# past its date (behind the programs' back)
NIK3=$(sed -n 4p "$TMP/r/set.csv" | cut -d, -f1)
NIK4=$(sed -n 5p "$TMP/r/set.csv" | cut -d, -f1)

# --- Counts ------------------------------------------------------------------------------------
expect_ok "suket list" pc suket list
expect_out "outstanding and expiring" "^Suket outstanding: 3; expiring within 30 days: 2\.$"
expect_out "by state" "^Issued 2, extended 1, retrieved 0, expired 1, cancelled 1\.$"
expect_out "Kec A" "^  Kec A +2$"
expect_out "Kec B" "^  Kec B +1$"
cut -d, -f1,2 "$TMP/r/set.csv" | tail -n +2 | tr , '\n' >"$TMP/personal"
check "no NIK or name in the counts" sh -c "! grep -q -F -f '$TMP/personal' '$TMP/out'"
expect_ok "suket list --json (the warehouse may read counts)" "$PRINTCTL" --user wh --json suket list
check "the JSON counts" test "$(json_get "j['outstanding'] == 3 and j['expiring_30_days'] == 2 and j['by_kecamatan'] == {'Kec A': 2, 'Kec B': 1} and j['expired'] == 1 and 'expiring' not in j")" = True
expect_ok "inventory report suket --format csv" inv report suket --format csv
check "the CSV counts" test "$(tr -d '\r' <"$TMP/out" | tr '\n' ' ')" = "kecamatan,outstanding \"Kec A\",2 \"Kec B\",1 total,3 expiring_30_days,2 "
expect_ok "inventory report suket (text)" inv report suket
expect_out "the same counts" "^Suket outstanding: 3; expiring within 30 days: 2\.$"
expect_refused "inventory report suket --format pdf" 1 "is not one of text, csv, json" inv report suket --format pdf

# --- A clerk's list ------------------------------------------------------------------------------
expect_refused "--list is for a clerk" 1 "--list needs the printroom, auditor or admin role" "$PRINTCTL" --user wh suket list --list
expect_ok "suket list --list" pc suket list --list
check "the two expiring, NIK masked" sh -c "grep -q '************$(echo $NIK3 | cut -c13-16)' '$TMP/out' && grep -q '************$(echo $NIK4 | cut -c13-16)' '$TMP/out'"
check "no whole NIK or name" sh -c "! grep -q -F -f '$TMP/personal' '$TMP/out'"

# --- Export -------------------------------------------------------------------------------------
expect_refused "export without -o" 2 "-o FILE.csv is required" pc suket export
expect_refused "export is for a clerk" 1 "needs the" "$PRINTCTL" --user wh suket export -o "$TMP/x.csv"
expect_ok "suket export" pc suket export -o "$TMP/e.csv"
expect_out "five written" "^5 suket written to "
check "the export is mode 0600" test "$(stat -c %a "$TMP/e.csv")" = 600
check "the documented header" test "$(head -n 1 "$TMP/e.csv" | tr -d '\r')" = "format,number,nik,state,issued,valid_until,kecamatan,request,suket"
python3 - "$TMP/e.csv" "$TMP/r/set.csv" "$TODAY" "$(day 99)" "$(day 19)" "$(day -2)" >"$TMP/check" <<'PY'
import csv, sys
e = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
src = list(csv.DictReader(open(sys.argv[2], newline='', encoding='utf-8')))
today, d99, d19, dm2 = sys.argv[3:7]
ok = len(e) == 5 and all(r['format'] == 'blanko-suket-1' for r in e)
ok = ok and [r['state'] for r in e] == ['extended', 'cancelled', 'issued', 'issued', 'expired']
ok = ok and [r['nik'] for r in e] == [s['nik'] for s in src]
ok = ok and [r['valid_until'] for r in e] == [d99, d19, d19, d19, dm2] and all(r['issued'] == today for r in e)
ok = ok and [r['kecamatan'] for r in e] == ['Kec A'] * 3 + ['Kec B'] * 2
ok = ok and [r['request'] for r in e] == ['1', '2', '3', '4', '5'] and [r['suket'] for r in e] == ['1', '2', '3', '4', '5']
ok = ok and all(r['number'].endswith('/SKT/' + {'01':'I','02':'II','03':'III','04':'IV','05':'V','06':'VI','07':'VII','08':'VIII','09':'IX','10':'X','11':'XI','12':'XII'}[today[5:7]] + '/' + today[:4]) for r in e)
print('ok' if ok else e)
PY
check "the export's rows: states on the day, NIKs, dates, kecamatan, ids ($(cat "$TMP/check"))" test "$(cat "$TMP/check")" = ok
check "the export and reports wrote nothing to the ledger's events" test "$(q "SELECT count(*) FROM event WHERE kind LIKE 'suket.%'")" = 7

test_done
