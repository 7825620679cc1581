#!/bin/bash
# Issue 14 item 6: inventory report distribution on a known ledger (cards
# printed on the private cupsd, as t0801): by kecamatan (its whole area)
# and kelurahan, printed, in transit, at the place, delivered, returned,
# lost, the delivery rate against [distribution] delivery_target, the ages
# since printing in buckets with faketime (0-7, 8-30, 31-90, over 90 office
# days) and the oldest; text, CSV, JSON and PDF; --delivery-list by RT/RW
# with the NIK masked to its last four digits.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"
. "$TOP/tests/lib/dist.sh"

print_setup card1 || exit 1
test_require faketime pdftotext
TODAY=$(TZ=Asia/Jakarta date +%F)
later() { TZ=Asia/Jakarta date -d "$TODAY $1 days 12:00" "+%Y-%m-%d %H:%M:%S"; }

dist_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv location add KEC01 --kind kecamatan >/dev/null
inv location add KEL0101 --kind kelurahan --parent KEC01 >/dev/null
inv location add KEL0102 --kind kelurahan --parent KEC01 >/dev/null
inv location add KEC02 --kind kecamatan >/dev/null
dist_cards 10 31 "$TMP/r"
# Residents 1-3 live in RT/RW 003/001, 001/002, 001/001 (the delivery list's order: 3, 2, 1).
python3 - "$TMP/r/residents.csv" "$TMP/r/set.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
head, body = rows[0], rows[1:]
ri = head.index('rt_rw')
for r, rw in zip(body, ['003/001', '001/002', '001/001']):
    r[ri] = rw
csv.writer(open(sys.argv[2], 'w', newline='', encoding='utf-8'), lineterminator='\n').writerows([head] + body)
PY
pc import "$TMP/r/set.csv" >/dev/null
run pc run --once
check "10 cards printed" grep -q "Run ended: 10 printed" "$TMP/out"
D="inv --user dist"
# KEC01: 4 cards; it forwards 3 (residents 1-3) to KEL0101.  KEL0102: 2 from the
# office, one missing on arrival.  KEC02: 2 on their way.  2 stay at the office.
$D dispatch --to KEC01 --ref B-1 --serials "$(serial_of 1),$(serial_of 2),$(serial_of 3),$(serial_of 4)" -o "$TMP/b1.pdf" >/dev/null
$CLERK arrive --ref B-1 --count 4 >/dev/null
$CLERK dispatch --from KEC01 --to KEL0101 --ref B-2 --serials "$(serial_of 1),$(serial_of 2),$(serial_of 3)" -o "$TMP/b2.pdf" >/dev/null
$D arrive --ref B-2 --count 3 >/dev/null
$D dispatch --to KEL0102 --ref B-3 --serials "$(serial_of 5),$(serial_of 6)" -o "$TMP/b3.pdf" >/dev/null
$CLERK arrive --ref B-3 --count 1 --missing "$(serial_of 6)" >/dev/null
$D dispatch --to KEC02 --ref B-4 --serials "$(serial_of 7),$(serial_of 8)" -o "$TMP/b4.pdf" >/dev/null
check "the ledger verifies" inv verify

run inv report distribution --help
check "--help names --delivery-list" grep -q -- "--delivery-list KELURAHAN" "$TMP/out"
check "the man page documents report distribution" grep -q '^\.SS "*report distribution' "$TOP/inventory/inventory.1"

# --- The figures (JSON) ---------------------------------------------------------------------------
run inv report distribution --json
row() { python3 -c "
import json,sys
j=json.load(open('$TMP/out'))
rows={r['place']:r for r in j['places']}; rows['office']=j['not_dispatched']; rows['total']=j['total']
r=rows['$1']
print(r['printed'],r['in_transit'],r['at_place'],r['delivered'],r['returned'],r['lost'],r['delivery_rate'],r['below_target'],r['ages']['0-7'],r['ages']['8-30'],r['ages']['31-90'],r['ages']['over-90'],r['oldest'])"; }
check "KEC01's area: 6 printed, 1 in transit, 5 at places, rate 0 ($(row KEC01))" test "$(row KEC01)" = "6 1 5 0 0 0 0.0 True 6 0 0 0 $TODAY"
check "KEL0101: 3 printed, 3 there ($(row KEL0101))" test "$(row KEL0101)" = "3 0 3 0 0 0 0.0 True 3 0 0 0 $TODAY"
check "KEL0102: 2 printed, 1 still in transit (missing), 1 there ($(row KEL0102))" test "$(row KEL0102)" = "2 1 1 0 0 0 0.0 True 2 0 0 0 $TODAY"
check "KEC02: 2 on their way ($(row KEC02))" test "$(row KEC02)" = "2 2 0 0 0 0 0.0 True 2 0 0 0 $TODAY"
check "the office: 2 not dispatched ($(row office))" test "$(row office)" = "2 0 2 0 0 0 0.0 False 2 0 0 0 $TODAY"
check "the total: 10 printed ($(row total))" test "$(row total)" = "10 3 7 0 0 0 0.0 True 10 0 0 0 $TODAY"
check "places in order: kecamatan, then its kelurahan" test "$(json_get '" ".join(r["place"] for r in j["places"])')" = "KEC01 KEL0101 KEL0102 KEC02"
check "the default target is 90%" test "$(json_get 'j["delivery_target"]')" = 90

# --- Ages with faketime: the buckets' edges -------------------------------------------------------
age() { TZ=Asia/Jakarta faketime "$(later "$1")" "$INVENTORY" --user wh report distribution --json >"$TMP/age.json" 2>"$TMP/err" &&
        python3 -c "import json; a=json.load(open('$TMP/age.json'))['total']['ages']; print(a['0-7'],a['8-30'],a['31-90'],a['over-90'])"; }
# days after printing:the buckets 0-7, 8-30, 31-90, over 90:the check's name
while IFS=: read -r days want name; do
  got=$(age "$days")
  check "$name ($got)" test "$got" = "$want"
done <<'AGES'
7:10 0 0 0:7 days after printing: 0-7
8:0 10 0 0:8 days: 8-30
30:0 10 0 0:30 days: 8-30
31:0 0 10 0:31 days: 31-90
90:0 0 10 0:90 days: 31-90
91:0 0 0 10:91 days: over 90
AGES

# --- Target from the configuration; text, CSV, PDF --------------------------------------------------
printf '[distribution]\ndelivery_target = 75\n' >>"$BLANKO_CONF"
run inv report distribution --lang en
check "text: target 75%" grep -q "delivery target 75%" "$TMP/out"
check "text: KEL0102's row" grep -Eq "^  KEL0102 +kelurahan +2 +1 +1 +0 +0 +0 +0\.0 +2 +0 +0 +0 +$TODAY +below target" "$TMP/out"
check "text: the total" grep -Eq "^TOTAL +10 +3 +7 " "$TMP/out"
printf '[distribution]\ndelivery_target = 0\n' >>"$BLANKO_CONF"
expect_refused "a target of 0 is refused" 1 "delivery_target must be 1 to 100 percent" inv report distribution
sed -i '$d' "$BLANKO_CONF"; sed -i '$d' "$BLANKO_CONF"
expect_ok "CSV" inv report distribution --format csv -o "$TMP/d.csv"
check "CSV header" test "$(head -1 "$TMP/d.csv")" = "place,kind,kecamatan,printed,in_transit,at_place,delivered,returned,lost,delivery_rate,target,age_0_7,age_8_30,age_31_90,age_over_90,oldest"
tr -d '"' <"$TMP/d.csv" >"$TMP/d.plain"
check "CSV: KEL0101 under KEC01" grep -qx "KEL0101,kelurahan,KEC01,3,0,3,0,0,0,0.0,75,3,0,0,0,$TODAY" "$TMP/d.plain"
check "CSV: the total" grep -qx "total,,,10,3,7,0,0,0,0.0,75,10,0,0,0,$TODAY" "$TMP/d.plain"
expect_ok "PDF" inv report distribution --format pdf -o "$TMP/d.pdf"
pdftotext -layout "$TMP/d.pdf" "$TMP/d.txt"
check "PDF: title and places" sh -c "grep -q 'DISTRIBUSI KTP-EL TERCETAK' '$TMP/d.txt' && grep -q KEL0102 '$TMP/d.txt' && grep -q JUMLAH '$TMP/d.txt'"
expect_refused "a PDF needs -o" 2 "a PDF needs -o FILE" inv report distribution --format pdf

# --- The delivery list ---------------------------------------------------------------------------------
nik() { sed -n "$(($1 + 1))p" "$TMP/r/set.csv" | cut -d, -f1; }
name() { sed -n "$(($1 + 1))p" "$TMP/r/set.csv" | cut -d, -f2; }
expect_ok "delivery list of KEL0101 (CSV)" inv report distribution --delivery-list KEL0101 --format csv -o "$TMP/l.csv"
check "by RT/RW: residents 3, 2, 1 ($(cut -d, -f1 "$TMP/l.csv" | tr '\n' ' '))" test "$(cut -d, -f1 "$TMP/l.csv" | tail -n +2 | tr -d '"' | tr '\n' ' ')" = "001/001 001/002 003/001 "
check "names and serials in that order" test "$(tail -n +2 "$TMP/l.csv" | awk -F, '{print $(NF-1)}' | tr '\n' ' ')" = "$(serial_of 3) $(serial_of 2) $(serial_of 1) "
check "the NIK masked to its last four digits" grep -q "\*\{12\}$(nik 3 | cut -c13-16)" "$TMP/l.csv"
check "no full NIK in the list" sh -c "! grep -q -e '$(nik 1)' -e '$(nik 2)' -e '$(nik 3)' '$TMP/l.csv'"
run inv report distribution --delivery-list KEL0101 --json
check "JSON: 3 cards, the first resident 3's" test "$(json_get 'str(j["count"]) + " " + j["cards"][0]["serial"]')" = "3 $(serial_of 3)"
run inv report distribution --delivery-list KEL0101 --lang en
check "text: the name of resident 1" grep -qF "$(name 1)" "$TMP/out"
check "text: no other kelurahan's resident" sh -c "! grep -qF '$(name 5)' '$TMP/out'"
expect_ok "delivery list as PDF" inv report distribution --delivery-list KEL0101 --format pdf -o "$TMP/l.pdf"
pdftotext -layout "$TMP/l.pdf" "$TMP/l.txt"
check "PDF list: the masked NIK and the serial" sh -c "grep -q '$(nik 2 | cut -c13-16)' '$TMP/l.txt' && grep -q '$(serial_of 2)' '$TMP/l.txt'"
expect_refused "the warehouse may not see the delivery list" 1 "needs the distribution, auditor or admin role" \
  inv --user wh report distribution --delivery-list KEL0101
expect_ok "the distribution role may" inv --user dist report distribution --delivery-list KEL0101
expect_refused "a kecamatan has no delivery list" 1 "KEC01 is not a kelurahan" inv report distribution --delivery-list KEC01
expect_refused "an unknown place" 1 "" inv report distribution --delivery-list NOPE
test_done
