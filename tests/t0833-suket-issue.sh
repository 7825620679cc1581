#!/bin/sh
# Issue 15 item 4: printctl suket issue.  Refused without a live request
# (and for a printed or cancelled one); at most one live suket per NIK;
# the NIK is read from standard input, never the command line; the A4 PDF
# of the document engine carries the number, the resident's data, the
# validity and the sealed SKT1 payload, and is made 0600; no NIK or name in
# events, and verify-qr recognises the certificate (valid until, office)
# and rejects a tampered payload; the seal box carries the payload as a QR
# code that zbarimg reads from the rendered page and verify-qr accepts.
. "$(dirname "$0")/lib/test-lib.sh"

test_require pdftotext pdftoppm zbarimg
GEN="$TOP/build/gen-residents"
pc() { "$PRINTCTL" --user pr "$@"; }
q() { sqlite3 "$BLANKO_DB" "$1"; }
card_site_setup
cat >>"$BLANKO_CONF" <<'CONF'
office = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh
government = PEMERINTAH KOTA CONTOH
address = Jl. Pemuda No. 1, Kota Contoh
city = Kota Contoh
head_name = Dra. Siti Aminah, M.Si
head_nip = 196805121990032004
head_post = Kepala Dinas
[documents]
suket_number = 470/{seq:04}/SKT/{month:roman}/{year}
CONF
new_ledger
TODAY=$(TZ=Asia/Jakarta date +%Y-%m-%d)
YEAR=${TODAY%%-*}
"$GEN" -n 3 -s 83 -o "$TMP/r" >/dev/null
pc import "$TMP/r/residents.csv" >/dev/null
NIK1=$(sed -n 2p "$TMP/r/residents.csv" | cut -d, -f1)
NAME1=$(sed -n 2p "$TMP/r/residents.csv" | cut -d, -f2)
NIK3=$(sed -n 4p "$TMP/r/residents.csv" | cut -d, -f1)
pc cancel 3 >/dev/null

# --- Refusals change nothing ------------------------------------------------------------------
expect_refused "a NIK with no request" 1 "no live card request" sh -c "echo 9999999999999999 | $PRINTCTL --user pr suket issue -o $TMP/x.pdf"
expect_refused "a cancelled request's NIK" 1 "no live card request" sh -c "echo $NIK3 | $PRINTCTL --user pr suket issue -o $TMP/x.pdf"
expect_refused "a request id that is not waiting" 1 "only for a resident whose card waits" pc suket issue --request 3 -o "$TMP/x.pdf"
expect_refused "no such request" 1 "no card request #99" pc suket issue --request 99 -o "$TMP/x.pdf"
expect_refused "a NIK on the command line" 2 "never the command line" pc suket issue "$NIK1" -o "$TMP/x.pdf"
expect_refused "a malformed NIK" 1 "a NIK is 16 digits" sh -c "echo 12345 | $PRINTCTL --user pr suket issue -o $TMP/x.pdf"
expect_refused "no -o" 2 "-o FILE.pdf is required" pc suket issue --request 1
expect_refused "the warehouse may not" 1 "needs the" sh -c "echo $NIK1 | $PRINTCTL --user wh suket issue -o $TMP/x.pdf"
check "no file left by the refusals" test ! -e "$TMP/x.pdf"

# --- Issue by NIK on standard input -----------------------------------------------------------
run sh -c "echo $NIK1 | $PRINTCTL --user pr suket issue -o $TMP/s1.pdf"
check "issued by NIK on stdin (exit $rc: $(cat "$TMP/err"))" test "$rc" -eq 0
expect_out "says the number and validity" "^Suket 470/0001/SKT/[IVXLC]+/$YEAR \(#1\) issued for request #1, valid until "
check "the PDF is mode 0600" test "$(stat -c %a "$TMP/s1.pdf")" = 600
pdftotext -layout "$TMP/s1.pdf" "$TMP/s1.txt"
check "the PDF has the number" grep -q "470/0001/SKT/" "$TMP/s1.txt"
check "the PDF has the letterhead" grep -q "PEMERINTAH KOTA CONTOH" "$TMP/s1.txt"
check "the PDF has the resident's name and NIK" sh -c "grep -q -F '$NAME1' '$TMP/s1.txt' && grep -q '$NIK1' '$TMP/s1.txt'"
check "the PDF says it stands in for the KTP-el" grep -qi "KTP-el" "$TMP/s1.txt"
check "the PDF says berlaku sampai" grep -qi "berlaku sampai" "$TMP/s1.txt"
check "the PDF has the head's signature" sh -c "grep -q 'Dra. Siti Aminah' '$TMP/s1.txt' && grep -q 'NIP 196805121990032004' '$TMP/s1.txt'"
PAY=$(tr -d ' \n' <"$TMP/s1.txt" | grep -o 'SKT1:[0-9]*:[0-9]*:[0-9]*:[0-9A-F]*:[A-Z2-7]\{103\}' | head -n 1)
check "the PDF carries a sealed SKT1 payload" test -n "$PAY"
UNTIL=$(q "SELECT valid_until FROM suket WHERE id = 1")
check "valid 180 days by default" test "$UNTIL" = "$(TZ=Asia/Jakarta date -d "$TODAY 179 days" +%Y-%m-%d)"

# --- One live suket per NIK -------------------------------------------------------------------
expect_refused "a second suket for the same NIK" 1 "holds suket 470/0001/SKT/.* already" pc suket issue --request 1 -o "$TMP/x.pdf"
check "no file left" test ! -e "$TMP/x.pdf"
expect_ok "a suket by request id (--days 30, --json)" pc --json suket issue --request 2 --days 30 -o "$TMP/s2.pdf"
check "its JSON" test "$(json_get "j['number'].startswith('470/0002/SKT/') and j['request'] == 2")" = True
expect_refused "--days 0" 2 "--days is 1 to 366" pc suket issue --request 2 --days 0 -o "$TMP/x.pdf"

# --- No personal data in events, argv or leftovers --------------------------------------------
cut -d, -f1,2 "$TMP/r/residents.csv" | tail -n +2 | tr , '\n' >"$TMP/personal"
check "no NIK or name in any event" sh -c "! sqlite3 '$BLANKO_DB' 'SELECT kind, ref, detail FROM event' | grep -q -F -f '$TMP/personal'"
check "two suket.issue events naming request, number and dates" \
  test "$(q "SELECT group_concat(json_extract(detail, '\$.request') || ':' || json_extract(detail, '\$.valid_until'), ' ') FROM event WHERE kind = 'suket.issue'")" = "1:$UNTIL 2:$(TZ=Asia/Jakarta date -d "$TODAY 29 days" +%Y-%m-%d)"
check "nothing left in TMPDIR" test -z "$(ls -A "$TMPDIR")"
expect_ok "the ledger verifies" inv verify

# --- verify-qr --------------------------------------------------------------------------------
run "$PRINTCTL" --user pr verify-qr "$PAY"
check "verify-qr: genuine, exit 0 (exit $rc: $(cat "$TMP/err"))" test "$rc" -eq 0
expect_out "a temporary certificate with its validity and office" "^genuine temporary certificate 470/0001/SKT/.* \(suket #1\) of Dinas Kependudukan dan Pencatatan Sipil Kota Contoh, valid until $UNTIL$"
run "$PRINTCTL" --user pr --json verify-qr "$PAY"
check "verify-qr --json: kind suket" test "$(json_get "j['kind'] == 'suket' and j['valid'] and j['valid_until'] == '$UNTIL'")" = True
BAD=$(echo "$PAY" | sed "s/:$NIK1:/:$NIK3:/")
expect_refused "a tampered NIK" 1 "forged or altered" "$PRINTCTL" --user pr verify-qr "$BAD"
BAD=$(echo "$PAY" | sed 's/^SKT1:1:/SKT1:2:/')
expect_refused "a tampered suket id" 1 "forged or altered" "$PRINTCTL" --user pr verify-qr "$BAD"
expect_refused "a malformed SKT1" 1 "malformed: not a valid SKT1" "$PRINTCTL" --user pr verify-qr "SKT1:1:2:3"
# --- The QR code in the seal box ---------------------------------------------------------------
pdftoppm -r 150 -gray -png "$TMP/s1.pdf" "$TMP/page"
QR=$(zbarimg -q --raw "$TMP"/page-1.png 2>/dev/null | sed 's/^QR-Code://')
check "the page has one QR code: the sealed payload (got '$QR')" test "$QR" = "$PAY"
run "$PRINTCTL" --user pr verify-qr "$QR"
check "verify-qr accepts what the QR code says (exit $rc: $(cat "$TMP/err"))" test "$rc" -eq 0
expect_out "as a temporary certificate" "^genuine temporary certificate 470/0001/SKT/"
rm -f "$TMP"/page-*.png
"$PRINTCTL" --user pr key export -o "$TMP/pub.pem" >/dev/null
run "$PRINTCTL" verify-qr --public-key "$TMP/pub.pem" "$PAY"
check "checked with the public key alone: exit 4 (exit $rc: $(cat "$TMP/err"))" test "$rc" -eq 4
expect_out "genuine, state unknown" "genuine temporary certificate \(suket #1\) .* valid until $UNTIL; its state is unknown"

test_done
