#!/bin/sh
# report reconcile: a scripted month of activity (dated with faketime)
# reconciles; a stocktake that differs is reported; the records open at the
# period's end are listed in their state then, whatever became of them
# later; a stored balance that disagrees with the movements does not
# reconcile; a later report of the same period shows the same chain head.
. "$(dirname "$0")/lib/test-lib.sh"

test_require faketime
TOOL="$TOP/build/ledger-tool"
printf '[site]\noffice = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh\ntimezone = UTC\n' >"$BLANKO_CONF"	# UTC days, as the dates below
# on DATE USER ARGS...: run inventory as USER at DATE (UTC).
on() { d=$1 u=$2; shift 2; TZ=UTC faketime "$d" "$INVENTORY" --user "$u" "$@" >/dev/null; }
# (each step's success is checked by the figures below)
on_nobody() { d=$1; shift; runuser -u nobody -- env TZ=UTC faketime "$d" "$INVENTORY" "$@" >/dev/null; }
tool_on() { d=$1; shift; TZ=UTC faketime "$d" "$TOOL" "$BLANKO_DB" "$@"; }

TZ=UTC faketime "2026-09-01 08:00:00" "$INVENTORY" init >/dev/null
on "2026-09-01 08:01:00" root user add wh --role warehouse
on "2026-09-01 08:02:00" root user add pr --role printroom
on "2026-09-01 08:03:00" root user add au --role auditor
on "2026-09-01 08:04:00" root user add au2 --role auditor
# Dual control needs two real accounts (issue 12): au2's approvals are made by the account nobody.
on "2026-09-01 08:04:30" root user add nobody --role auditor
second_person "" || fail "letting nobody approve"
on "2026-09-01 08:05:00" root location add GUDANG --kind store
on "2026-09-01 08:06:00" root location add RC1 --kind printroom
on "2026-09-15 09:00:00" wh receive --supplier Peruri --ref SJ-0915 --serials KTP0001000-KTP0002999 --to GUDANG
on "2026-09-20 09:00:00" wh transfer --from GUDANG --to RC1 --count 100

# October: the month reported, day by day.
on "2026-10-01 08:00:00" wh receive --supplier Peruri --ref SJ-1001 --serials KTP0003000-KTP0003999 --to GUDANG
on "2026-10-02 08:00:00" wh transfer --from GUDANG --to RC1 --count 50
tool_on "2026-10-03 10:00:00" pr move print RC1 issued KTP0001000-KTP0001059
on "2026-10-05 08:00:00" wh transfer --from GUDANG --to RC1 --count 50
on "2026-10-08 08:00:00" wh transfer --from GUDANG --to RC1 --count 50
tool_on "2026-10-09 10:00:00" pr move print RC1 issued KTP0001060-KTP0001199
on "2026-10-10 11:00:00" pr spoil --serials KTP0001240-KTP0001244 --reason "printer jam"
on "2026-10-11 11:00:00" au invalid --serials KTP0001000-KTP0001009 --reason returned
on "2026-10-12 08:00:00" wh transfer --from GUDANG --to RC1 --count 50
on "2026-10-14 11:00:00" au invalid --serials KTP0001100 --reason wrong-data
on "2026-10-15 08:00:00" wh transfer --from GUDANG --to RC1 --count 50
tool_on "2026-10-16 10:00:00" pr move print RC1 issued KTP0001200-KTP0001239,KTP0001245-KTP0001304
on "2026-10-17 15:00:00" wh count RC1 --serials KTP0001305-KTP0001349
check "a stocktake that matches" test $? -eq 0
on "2026-10-18 15:00:00" au spoil --serials KTP0001305 --reason dropped
on "2026-10-19 08:00:00" wh transfer --from GUDANG --to RC1 --count 50
# The forced discrepancy: GUDANG is counted 5 short.
gudang=$("$INVENTORY" stock --location GUDANG --ranges --json | python3 -c 'import json,sys; print(",".join(json.load(sys.stdin)["accounts"][0]["ranges"]))')
short=$(python3 -c "
import sys
r = '$gudang'.split(',')
first = r[0].split('-')[0]
n = int(first[3:]) + 5
r[0] = 'KTP%07d-%s' % (n, r[0].split('-')[1])
print(','.join(r))")
TZ=UTC faketime "2026-10-20 15:00:00" "$INVENTORY" --user wh count GUDANG --serials "$short" >/dev/null 2>&1
check "the short stocktake exits 3" test $? -eq 3
on "2026-10-21 09:00:00" au writeoff GUDANG --serials KTP0002995-KTP0002999 --reason "stock opname 2026-10-20"
on_nobody "2026-10-22 09:00:00" writeoff approve 1
on "2026-10-22 10:00:00" wh transfer --from GUDANG --to RC1 --count 50
on "2026-10-26 08:00:00" wh transfer --from GUDANG --to RC1 --count 50
on "2026-10-27 09:00:00" au destroy prepare --all --method incineration --place "Halaman kantor"
on_nobody "2026-10-28 09:00:00" destroy approve 2
on "2026-10-28 10:00:00" au destroy execute 2 --witness "Budi; Camat; 1" --witness "Siti; Lurah; 2"
on "2026-10-30 09:00:00" au invalid --serials KTP0001200-KTP0001201 --reason damaged
on "2026-10-31 23:59:00" au destroy prepare --serials KTP0001200-KTP0001201 --method shredding --place Gudang
on "2026-10-31 23:59:30" au writeoff GUDANG --serials KTP0002990-KTP0002994 --reason "hilang"
last_oct=$("$INVENTORY" log --limit 1 --json | python3 -c 'import json,sys; e=json.load(sys.stdin)[0]; print(e["event"], e["hash"])')

R="inv --user au report reconcile --from 2026-10-01 --to 2026-10-31"
expect_ok "October reconciles" $R --format json
cp "$TMP/out" "$TMP/oct-1.json"
expect_ok "the global --json gives the same report" inv --user au --json report reconcile --from 2026-10-01 --to 2026-10-31
check "--json is --format json" cmp -s "$TMP/out" "$TMP/oct-1.json"
check "every account balances" test "$(json_get 'all(a["balanced"] for a in j["accounts"]) and j["balanced"]')" = True
acct() { json_get "[a for a in j['accounts'] if a['account'] == '$1'][0]$2"; }
check "GUDANG: opening is September's 2000 less 100" test "$(acct GUDANG '["opening"]')" = 1900
check "GUDANG: received 1000 in October" test "$(acct GUDANG '["in"]["received"]')" = 1000
check "GUDANG: out 400 transferred" test "$(acct GUDANG '["out"]["transferred"]')" = 400
check "GUDANG: out written off 5" test "$(acct GUDANG '["out"]["written_off"]')" = 5
check "GUDANG: closing 2495" test "$(acct GUDANG '["closing"]')" = 2495
check "RC1: opening 100, in 400, out 300 issued and 6 spoiled, closing 194" \
  test "$(json_get "[(a['opening'], a['in_total'], a['out']['issued'], a['out']['spoiled'], a['closing']) for a in j['accounts'] if a['account'] == 'RC1'][0]")" = \
  "(100, 400, 300, 6, 194)"
check "issued: 300 in, 13 out to invalid" test "$(json_get "[(a['in']['issued'], a['out']['invalid'], a['closing']) for a in j['accounts'] if a['account'] == 'issued'][0]")" = "(300, 13, 287)"
check "destroyed: 17 in (6 spoiled and 11 invalid)" test "$(acct destroyed '["in"]["destroyed"]')" = 17
check "invalid: closing 2 (in the open record)" test "$(acct invalid '["closing"]')" = 2
check "lost: 5 written off" test "$(acct lost '["closing"]')" = 5
check "the stocktake that differed is reported, the one that matched is not" \
  test "$(json_get '[(s["location"], s["missing_count"], s["unexpected_count"]) for s in j["stocktakes_differing"]]')" = \
  "[('GUDANG', 5, 0)]"
# Open at the end of October: destruction 3 and write-off 4, both prepared
# on its last day; not writeoff 1 (approved on the 22nd) nor destruction 2
# (executed on the 28th).
open_oct="[('destruction', 3, 'prepared', 2), ('writeoff', 4, 'prepared', 5)]"
open_records() { json_get '[(o["type"], o["id"], o["state"], o["count"]) for o in j["open_records"]]'; }
check "the records open at the end of October are reported" test "$(open_records)" = "$open_oct"
check "the chain head is October's last event" test "$(json_get 'str(j["chain_head"]["event"]) + " " + j["chain_head"]["hash"]')" = "$last_oct"

# November happens: October's open records are approved and executed, and
# another is prepared; October's report does not change.
on "2026-11-03 09:00:00" wh receive --supplier Peruri --ref SJ-1103 --serials KTP0004000-KTP0004499 --to GUDANG
on "2026-11-04 09:00:00" wh transfer --from GUDANG --to RC1 --count 20
on_nobody "2026-11-05 09:00:00" destroy approve 3
on "2026-11-06 09:00:00" au destroy execute 3 --witness "Budi; Camat; 1" --witness "Siti; Lurah; 2"
on_nobody "2026-11-06 10:00:00" writeoff approve 4
on "2026-11-07 09:00:00" au invalid --serials KTP0001202 --reason damaged
on "2026-11-08 09:00:00" au destroy prepare --serials KTP0001202 --method shredding --place Gudang
on "2026-11-09 09:00:00" au writeoff GUDANG --serials KTP0003990-KTP0003994 --reason "salah hitung"
on_nobody "2026-11-12 09:00:00" writeoff cancel 6
expect_ok "the records changed state in November" inv destroy list --json
check "destruction 3 is executed now, 5 prepared" \
  test "$(json_get '[(r["id"], r["state"]) for r in j["records"] if r["id"] in (3, 5)]')" = "[(3, 'executed'), (5, 'prepared')]"
expect_ok "October again, after November" $R --format json
check "the same balances, chain head and open records" python3 -c "
import json
a, b = json.load(open('$TMP/oct-1.json')), json.load(open('$TMP/out'))
assert a['accounts'] == b['accounts'] and a['chain_head'] == b['chain_head'] and a['stocktakes_differing'] == b['stocktakes_differing']
assert a['open_records'] == b['open_records']"
check "October still lists destruction 3 and write-off 4 as prepared, not the one prepared in November" \
  test "$(open_records)" = "$open_oct"
expect_ok "the first days of November" inv --user au report reconcile --from 2026-11-01 --to 2026-11-05 --format json
check "at the end of 5 November destruction 3 is approved and write-off 4 prepared" \
  test "$(open_records)" = "[('destruction', 3, 'approved', 2), ('writeoff', 4, 'prepared', 5)]"
expect_ok "November to the 10th" inv --user au report reconcile --from 2026-11-01 --to 2026-11-10 --format json
check "on 10 November write-off 6 is open (cancelled on the 12th)" \
  test "$(open_records)" = "[('destruction', 5, 'prepared', 1), ('writeoff', 6, 'prepared', 5)]"
expect_ok "November" inv --user au report reconcile --from 2026-11-01 --to 2026-11-30 --format json
check "at the end of November only destruction 5 is open (write-off 6 was cancelled)" \
  test "$(open_records)" = "[('destruction', 5, 'prepared', 1)]"
check "November balances (the cancelled write-off moved nothing)" test "$(json_get 'j["balanced"]')" = True
expect_ok "the text form" $R
expect_out "text: the stocktake" "GUDANG .*missing 5|GUDANG .*kurang 5"
expect_out "text: the chain head" "$(echo "$last_oct" | cut -d' ' -f2)"
expect_out "text: destruction 3, open at the period's end" "destruction record 3 \(prepared\): 2 serials"
expect_out "text: write-off 4, open at the period's end" "write-off 4 \(prepared\): 5 serials"
expect_ok "the CSV form" $R --format csv -o "$TMP/oct.csv"
check "the CSV has a row per account, all balanced" python3 -c "
import csv; rows = list(csv.DictReader(open('$TMP/oct.csv', newline='')))
assert len(rows) == 7 and all(r['balanced'] == 'yes' for r in rows), rows"
expect_ok "the PDF form" $R --format pdf -o "$TMP/oct.pdf"
check "the PDF shows the title, the stocktake and the chain head" sh -c "pdftotext '$TMP/oct.pdf' - | tr -s ' \n' ' ' >'$TMP/oct.txt' &&
  grep -q 'REKONSILIASI BLANGKO KTP-EL' '$TMP/oct.txt' && grep -q 'GUDANG: dihitung' '$TMP/oct.txt' && grep -q '$(echo "$last_oct" | cut -d' ' -f2 | cut -c1-40)' '$TMP/oct.txt'"
expect_ok "an empty period" inv --user au report reconcile --from 2026-08-01 --to 2026-08-31 --format json
check "an empty period has nothing but zeros" test "$(json_get 'sum(a["opening"] + a["in_total"] + a["closing"] for a in j["accounts"])')" = 0

expect_refused "a bad date" 1 'bad date "2026-10-32"' inv --user au report reconcile --from 2026-10-01 --to 2026-10-32
expect_refused "from after to" 1 "--from 2026-11-01 is after --to 2026-10-01" inv --user au report reconcile --from 2026-11-01 --to 2026-10-01
expect_refused "no --to" 2 "--from and --to are required" inv --user au report reconcile --from 2026-10-01
expect_refused "a PDF needs a file" 2 "a PDF needs -o FILE" $R --format pdf
expect_refused "without the PDF writer module the PDF is refused" 1 \
  "cannot load the PDF writer: .*/no-pdf/build/lib/report-pdf.so: cannot open shared object file" \
  "$(no_pdf_writer)" --user au report reconcile --from 2026-10-01 --to 2026-10-31 --format pdf -o "$TMP/nopdf.pdf"
check "and no file was made" test ! -e "$TMP/nopdf.pdf"
expect_refused "the warehouse may not" 1 "needs the admin,auditor role" inv --user wh report reconcile --from 2026-10-01 --to 2026-10-31

# A stored balance changed behind the program's back does not reconcile.
sqlite3 "$BLANKO_DB" "UPDATE account SET balance = balance + 7 WHERE code = 'RC1'"
expect_refused "a changed balance does not reconcile (exit 3)" 3 "1 account does not reconcile" $R --format json
check "the report names the account" test "$(json_get '[a["account"] for a in j["accounts"] if not a["balanced"]]')" = "['RC1']"

test_done
