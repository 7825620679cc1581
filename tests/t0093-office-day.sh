#!/bin/sh
# The office's day (issue 13): an office in Asia/Jayapura (WIT, UTC+9) at
# 08:00 local, which is 23:00 UTC the day before.  The ledger keeps UTC;
# history and log show the office's time marked WIT; reconcile --from/--to
# the office's date takes the event in (and the UTC date's period leaves it
# out); JSON keeps UTC and adds the office's local_date; the card's issue
# date (in the QR payload and under the photo) is the office's date, not
# the machine's; the caller's TZ changes nothing.
. "$(dirname "$0")/lib/test-lib.sh"

test_require faketime zbarimg pdftotext
GEN="$TOP/build/gen-residents"
pc() { "$PRINTCTL" "$@"; }
card_site_setup
printf 'timezone = Asia/Jayapura\n' >>"$BLANKO_CONF"
# at UTC-TIME CMD...: run CMD with the clock at UTC-TIME; the machine's own zone says UTC.
at() { t=$1; shift; TZ=UTC faketime "$t" "$@"; }

at "2026-12-04 22:50:00" "$INVENTORY" init >/dev/null
at "2026-12-04 22:51:00" "$INVENTORY" user add wh --role warehouse >/dev/null
at "2026-12-04 22:51:00" "$INVENTORY" user add au --role auditor >/dev/null
at "2026-12-04 22:51:00" "$INVENTORY" user add pr --role printroom >/dev/null
at "2026-12-04 22:52:00" "$INVENTORY" location add GUDANG --kind store >/dev/null
expect_ok "a receipt at 08:00 WIT on 5 December (23:00 UTC on the 4th)" \
  at "2026-12-04 23:00:00" "$INVENTORY" --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001009 --to GUDANG
check "the ledger keeps UTC" test "$(sqlite3 "$BLANKO_DB" "SELECT substr(time, 1, 16) FROM event WHERE kind = 'receive'")" = "2026-12-04T23:00"

expect_ok "history" env TZ=Europe/Berlin "$INVENTORY" history KTP0001005
expect_out "history shows the office's time, marked WIT" "^ +[0-9]+  2026-12-05 08:00:[0-9]{2} WIT +receive "
expect_ok "log" "$INVENTORY" log
expect_out "log shows the office's time, marked WIT" "^ +[0-9]+  2026-12-05 08:00:[0-9]{2} WIT +wh +receive "
check "no UTC time is shown" sh -c "! grep -Eq '[0-9]Z|UTC' '$TMP/out'"
expect_ok "log --json" "$INVENTORY" --json log
check "log --json keeps the UTC time and adds the office's date" \
  test "$(json_get '[(e["time"][:16], e["local_date"]) for e in j if e["kind"] == "receive"][0]')" = "('2026-12-04T23:00', '2026-12-05')"
expect_ok "history --json" "$INVENTORY" --json history KTP0001005
check "history --json has local_date" test "$(json_get 'j[0]["local_date"]')" = 2026-12-05
expect_ok "log --since the office's 08:00" "$INVENTORY" --json log --since 2026-12-05T08:00
check "--since is the office's time: the receipt is in" test "$(json_get 'len([e for e in j if e["kind"] == "receive"])')" = 1
expect_ok "log --since the office's 08:01" "$INVENTORY" --json log --since 2026-12-05T08:01
check "and a minute later it is not" test "$(json_get 'len(j)')" = 0

expect_ok "reconcile the office's 5 December" \
  at "2026-12-05 09:00:00" "$INVENTORY" --user au --json report reconcile --from 2026-12-05 --to 2026-12-05
check "the receipt is in the office's day" \
  test "$(json_get '[a["in"]["received"] for a in j["accounts"] if a["account"] == "GUDANG"][0]')" = 10
check "the report names the office's zone" test "$(json_get 'j["timezone"]')" = Asia/Jayapura
expect_ok "reconcile the office's 4 December" \
  at "2026-12-05 09:00:00" "$INVENTORY" --user au --json report reconcile --from 2026-12-04 --to 2026-12-04
check "the receipt is not in the UTC date's day" \
  test "$(json_get '[a["in"]["received"] for a in j["accounts"] if a["account"] == "GUDANG"][0]')" = 0
expect_ok "reconcile as text" at "2026-12-05 09:00:00" "$INVENTORY" --user au report reconcile --from 2026-12-05 --to 2026-12-05
expect_out "the text says the days are the office's (WIT)" "2026-12-05 .* 2026-12-05 .*WIT"
expect_ok "stock today" at "2026-12-04 23:30:00" "$INVENTORY" --json report stock
check "stock's today is the office's date" test "$(json_get 'j["date"]')" = 2026-12-05
check "the chart's last day is the office's and holds the receipt" \
  test "$(json_get '(j["history"][-1]["day"], j["history"][-1]["blanks"], j["history"][-2]["blanks"])')" = "('2026-12-05', 10, 0)"

# The card: rendered at 08:10 WIT, its issue date is the office's 5 December.
"$GEN" -n 1 -s 7 -o "$TMP/res" >/dev/null
expect_ok "import a resident" at "2026-12-04 23:05:00" "$PRINTCTL" --user pr import "$TMP/res/residents.csv"
expect_ok "render the card at 08:10 WIT (23:10 UTC on the 4th)" \
  at "2026-12-04 23:10:00" "$PRINTCTL" --user pr render 1 -o "$TMP/card.png"
payload=$(zbarimg --raw -q "$TMP/card.png" 2>/dev/null)
case "$payload" in
  KTP2:PREVIEW:*:20261205:*) pass "the QR payload's date is the office's (20261205)";;
  *) fail "the QR payload's date is the office's: $payload";;
esac
expect_ok "render as PDF" at "2026-12-04 23:10:00" "$PRINTCTL" --user pr render 1 -o "$TMP/card.pdf"
check "the card's issue date is the office's date" sh -c "pdftotext '$TMP/card.pdf' - | grep -q '05-12-2026'"
check "and not the UTC date" sh -c "! pdftotext '$TMP/card.pdf' - | grep -q '04-12-2026'"

expect_ok "the ledger verifies" "$INVENTORY" verify
test_done
