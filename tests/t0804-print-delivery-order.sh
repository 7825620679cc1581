#!/bin/bash
# Issue 14 item 7: printctl run --order delivery (or [printer] order =
# delivery) takes the pending requests by kecamatan, kelurahan and RT/RW
# within a priority (private cupsd, as t0400); without it, by recorded day.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"

print_setup card1 || exit 1
q() { sqlite3 "$BLANKO_DB" "$1"; }
order() { q "SELECT group_concat(request_id) FROM (SELECT request_id FROM print_job ORDER BY id)"; }

new_ledger
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001099 >/dev/null
pc printer add P1 --queue card1 --location RC1 >/dev/null
pc printer load P1 --serials KTP0001000-KTP0001019 >/dev/null
pc printer check P1 --next KTP0001000 >/dev/null

# Six residents in import order (recorded oldest first): their kecamatan,
# kelurahan and RT/RW shuffled.  Delivery order: #4 (Kec A/Kel A 001/002),
# #2 (Kec A/Kel A 003/001), #6 (Kec A/Kel B), #1 (Kec B/Kel A 001/001),
# #5 (Kec B/Kel A 002/001), #3 (Kec C).
"$GEN" -n 6 -s 71 -o "$TMP/r" >/dev/null
python3 - "$TMP/r/residents.csv" "$TMP/r/set.csv" <<'PY'
import csv, sys, datetime
src, dst = sys.argv[1:3]
rows = list(csv.reader(open(src, newline='', encoding='utf-8')))
head, body = rows[0], rows[1:]
di, vi, ri = head.index('district'), head.index('village'), head.index('rt_rw')
places = [('KEC B', 'KEL A', '001/001'), ('Kec A', 'Kel A', '003/001'), ('Kec C', 'Kel Z', '001/001'),
          ('kec a', 'kel a', '001/002'), ('Kec B', 'Kel A', '002/001'), ('Kec A', 'Kel B', '001/001')]
out = [head + ['recorded']]
t = datetime.date.today()
for i, (r, p) in enumerate(zip(body, places)):
    r = list(r); r[di], r[vi], r[ri] = p
    out.append(r + [(t - datetime.timedelta(days=30 - i)).isoformat()])
csv.writer(open(dst, 'w', newline='', encoding='utf-8'), lineterminator='\n').writerows(out)
PY
pc import "$TMP/r/set.csv" >/dev/null

run pc run --help
check "run --help names --order" grep -q -- "--order delivery" "$TMP/out"
check "the man page documents --order" grep -q -- "order delivery" "$TOP/printctl/printctl.1"
expect_refused "an unknown order is a usage error" 2 "--order takes delivery or recorded" pc run --once --order street
check "nothing printed by the refusal" test "$(q "SELECT count(*) FROM print_job")" = 0

# #3 (Kec C) raised: priority comes before the delivery order.
pc prioritize --nik "$(sed -n 4p "$TMP/r/set.csv" | cut -d, -f1)" --reason "lansia" >/dev/null
run pc run --once --max 3 --order delivery
check "priority first, then kecamatan/kelurahan/RT-RW ($(order))" test "$(order)" = 3,4,2
check "the serials follow the same order" test "$(q "SELECT group_concat(serial) FROM (SELECT serial FROM request WHERE id IN (3,4,2) ORDER BY serial)")" = \
  "$(q "SELECT group_concat(serial) FROM (SELECT r.serial FROM print_job j JOIN request r ON r.id = j.request_id ORDER BY j.id)")"

# [printer] order = delivery in the configuration does the same without the option.
printf '[printer]\norder = delivery\n' >>"$BLANKO_CONF"
run pc run --once --max 1
check "the configuration's order: #6 next ($(order))" test "$(order)" = 3,4,2,6
expect_ok "--order recorded overrides the configuration" pc run --once --max 1 --order recorded
check "recorded order: #1 (the oldest) ($(order))" test "$(order)" = 3,4,2,6,1
expect_ok "the rest" pc run --once --order delivery
check "all six in that order ($(order))" test "$(order)" = 3,4,2,6,1,5
expect_ok "the ledger verifies" inv verify
test_done
