#!/bin/sh
# Times shown to people are the office's (issue 13): an office in
# Asia/Makassar (WITA, UTC+8) acting at 01:30 WITA on 5 December, which is
# 17:30 UTC on the 4th.  destroy/writeoff show and list, the destruction
# record (PDF), anchor list, stock and user list show the office's time
# and date with WITA, never "UTC" or "...Z"; their JSON keeps UTC.
. "$(dirname "$0")/lib/test-lib.sh"

test_require faketime pdftotext
printf '[site]\noffice = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh\ntimezone = Asia/Makassar\n' >"$BLANKO_CONF"
T="2026-12-04 17:30:00"
# at CMD...: run CMD at 01:30 WITA on 5 December; the machine's zone says UTC.
at() { TZ=UTC faketime "$T" "$@"; }
I() { at "$INVENTORY" "$@"; }
I init >/dev/null
for u in wh:warehouse pr:printroom au:auditor; do I user add "${u%:*}" --role "${u#*:}" >/dev/null; done
I location add GUDANG --kind store >/dev/null
I location add RC1 --kind printroom >/dev/null
second_person auditor || fail "letting nobody approve"
nobody_at() { runuser -u nobody -- env TZ=UTC faketime "$T" "$INVENTORY" "$@"; }
I --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null
I --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001049 >/dev/null
I --user pr spoil --serials KTP0001000-KTP0001004 --reason "printer jam" >/dev/null

expect_ok "prepare a destruction record" I --user au destroy prepare --all --method incineration --place "Halaman kantor"
id=$(cat "$TMP/out")
expect_ok "approve it" nobody_at destroy approve "$id"
expect_ok "execute it" I --user au destroy execute "$id" --witness "Budi Santoso; Camat; 3201010101010001" \
  --witness "Siti Aminah; Lurah; 3201010101010002"
expect_ok "destroy show" I destroy show "$id"
expect_out "prepared at the office's time" "^prepared: +2026-12-05 01:30:00 WITA by au"
expect_out "approved at the office's time" "^approved: +2026-12-05 01:30:00 WITA by nobody"
expect_out "executed at the office's time" "^executed: +2026-12-05 01:30:00 WITA by au"
check "destroy show shows no UTC time" sh -c "! grep -Eq '[0-9]Z|UTC' '$TMP/out'"
expect_ok "destroy list" I destroy list
expect_out "destroy list shows the office's date" "^ +$id +executed .* 2026-12-05 "
expect_ok "destroy list --json" I --json destroy list
check "destroy list --json keeps UTC and adds the office's date" \
  test "$(json_get '(j["records"][0]["prepared"][:16], j["records"][0]["local_date"])')" = "('2026-12-04T17:30', '2026-12-05')"
expect_ok "the destruction record as PDF" I --user au report destruction "$id" --format pdf -o "$TMP/bap.pdf"
pdftotext -layout "$TMP/bap.pdf" "$TMP/bap.txt"
check "the record's times are the office's, with WITA (executed 01:30 WITA on 5 December, 17:30 UTC the day before)" \
  sh -c "grep -Eq '01[.:]30 WITA' '$TMP/bap.txt' && grep -q 'lima bulan Desember' '$TMP/bap.txt' && grep -q '5 Desember 2026' '$TMP/bap.txt'"
check "the record shows no UTC time" sh -c "! grep -q 'UTC' '$TMP/bap.txt'"

I --user wh count GUDANG --serials KTP0001050-KTP0001098 >/dev/null 2>&1	# one blank missing
expect_ok "prepare a write-off" I --user au --json writeoff GUDANG --serials KTP0001099 --reason "hilang"
wid=$(json_get 'j["id"]')
expect_ok "writeoff show" I writeoff show "$wid"
expect_out "writeoff show: prepared at the office's time" "^prepared: +2026-12-05 01:30:00 WITA by au"
expect_ok "anchor list" I anchor list
check "anchor list shows no UTC time" sh -c "! grep -Eq '[0-9]Z|UTC' '$TMP/out'"
expect_ok "stock as text" I --user au report stock
expect_out "stock is on the office's date, marked WITA" "2026-12-05 \(WITA\)"
expect_ok "user list" I user list
expect_out "user list: since the office's time" "^wh +warehouse +2026-12-05 01:30 WITA +enabled$"
expect_ok "the ledger verifies" I verify
test_done
