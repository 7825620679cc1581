#!/bin/sh
# A mistyped receipt is voided in the open (issue 13): an admin prepares
# the void, a second person (another real account) approves it, and the
# receipt's serials leave the books as if never received, so that the real
# shipment can be received with the same serials.  Refused for one account
# acting twice (root for both included), once a serial has moved on, and
# more than [ledger] void_days after the receipt.
. "$(dirname "$0")/lib/test-lib.sh"
test_require root nobody runuser faketime sqlite3 pdftotext

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
second_person auditor || { fail "letting nobody write the ledger"; test_done; exit 1; }

# The receipt mistyped: 1000 serials into the wrong store, with the wrong note.
inv --user wh receive --supplier Peruri --ref SJ-TYPO --serials KTP0001000-KTP0001999 --to RC1 >/dev/null
# receipt_of SERIAL: the event of the serial's latest receipt (history --json).
receipt_of() {
  inv --json history "$1" | python3 -c 'import json,sys; print([e["event"] for e in json.load(sys.stdin) if e["kind"] == "receive"][-1])'
}
receipt=$(receipt_of KTP0001000)
inv --user wh receive --supplier Peruri --ref SJ-2 --serials KTP0005000-KTP0005009 --to GUDANG >/dev/null

expect_refused "a warehouse user may not void a receipt" 1 "." inv --user wh receive void "$receipt" --reason "salah ketik"
expect_refused "a void needs a reason" 2 "reason" inv receive void "$receipt"
expect_refused "only a receipt can be voided" 1 "event 1 is not a receipt" inv receive void 1 --reason "salah"
expect_refused "no such event" 1 "event 999 is not a receipt" inv receive void 999 --reason "salah"

expect_ok "root (an admin) prepares the void" inv receive void "$receipt" --reason "salah ketik nomor surat jalan"
expect_out "it says who must approve" "Void 1 of receipt $receipt prepared"
expect_refused "a second void of the same receipt is refused while the first is open" 1 "already in open record 1" \
  inv receive void "$receipt" --reason "lagi"
expect_refused "the void's serials may not move while it is open" 1 "already in open record 1" \
  inv --user wh transfer --from RC1 --to GUDANG --serials KTP0001000
expect_ok "reconcile while the void is open" inv --user au report reconcile --from 2026-01-01 --to 2099-12-31 --format json
check "reconcile lists the open void among the open records" \
  test "$(json_get '[(r["type"], r["id"], r["state"], r["count"]) for r in j["open_records"]]')" = "[('void', 1, 'prepared', 1000)]"
expect_refused "the preparer may not approve it" 1 "root prepared record 1 and may not approve it" \
  inv receive void approve 1
expect_refused "root for both (approving as au) is refused" 1 "the account root prepared record 1 \(as root\) and may not approve it \(as au\)" \
  inv --user au receive void approve 1
expect_ok "receive void list" inv --json receive void list
check "the list shows the void prepared" test "$(json_get '[(r["id"], r["state"], r["count"], r["location"]) for r in j["records"]]')" = "[(1, 'prepared', 1000, 'RC1')]"

expect_ok "the second person (another real account) approves it" $NOBODY_INV receive void approve 1
expect_out "approve says the serials left the books" "Void 1 approved"
expect_ok "stock" inv --json stock
check "RC1 holds nothing: the void's serials left the books" \
  test "$(json_get '[a["blanks"] for a in j["accounts"] if a["account"]=="RC1"][0]')" = 0
expect_ok "report stock" inv --user au report stock --format json
check "report stock: RC1 holds nothing and the void is no use of blanks" \
  test "$(json_get 'str([(l["blanks"], l["used_30d"]) for l in j["locations"] if l["account"]=="RC1"][0] + (j["total"]["used_30d"],))')" = "(0, 0, 0)"
expect_ok "history of a voided serial" inv history KTP0001500
expect_out "history shows the receipt" "receive .*SJ-TYPO"
expect_out "history shows the void" "receive.void .*RC1 .*-> supplier .*void/1"
expect_ok "the log shows the void" inv log
expect_out "log: receive.void" "receive.void"
expect_out "log: receive.void.prepare" "receive.void.prepare"
expect_ok "the ledger verifies after the void" inv verify
cp "$BLANKO_DB" "$TMP/good.db"

expect_ok "the real shipment is received with the same serials" \
  inv --user wh receive --supplier Peruri --ref SJ-REAL --serials KTP0001000-KTP0001999 --to GUDANG
expect_refused "received twice is still refused, naming the real delivery note" 1 "received already \(delivery note SJ-REAL\)" \
  inv --user wh receive --supplier Peruri --ref SJ-3 --serials KTP0001000 --to GUDANG
expect_refused "a voided void cannot be approved again" 1 "record 1 is executed" $NOBODY_INV receive void approve 1
expect_ok "the ledger verifies after the re-receipt" inv verify

# Moved on: refused.
real=$(receipt_of KTP0001000)
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001999 >/dev/null
expect_refused "a receipt one of whose serials moved on may not be voided" 1 \
  "a serial of receipt $real \(KTP0001000...\) moved on in event" inv receive void "$real" --reason "salah"

# Cancel: the receipt stands.
sj2=$(receipt_of KTP0005000)
expect_ok "prepare a void of SJ-2" inv receive void "$sj2" --reason "uji"
expect_ok "cancel it" inv receive void cancel 2
expect_out "cancel says the receipt stands" "Void 2 cancelled"
expect_ok "GUDANG still holds SJ-2" inv --json stock
check "GUDANG holds SJ-2 and the real shipment (less one moved)" \
  test "$(json_get '[a["blanks"] for a in j["accounts"] if a["account"]=="GUDANG"][0]')" = 1009

# Too late: more than void_days (7 by default; 2 configured) after the receipt.
TZ=UTC faketime "2026-01-01 10:00:00" "$INVENTORY" --user wh receive --supplier Peruri --ref SJ-OLD \
  --serials KTP0009000-KTP0009004 --to GUDANG >/dev/null
old=$(receipt_of KTP0009000)
expect_refused "8 days after the receipt: refused (default 7 days)" 1 "more than 7 days old" \
  faketime "2026-01-09 10:00:01" "$INVENTORY" receive void "$old" --reason "telat"
expect_ok "6 days after: prepared" faketime "2026-01-07 10:00:00" "$INVENTORY" receive void "$old" --reason "tepat waktu"
printf '[ledger]\nvoid_days = 2\n' >"$BLANKO_CONF"
expect_refused "approval after void_days (2) is refused too" 1 "more than 2 days old" \
  faketime "2026-01-07 11:00:00" runuser -u nobody -- "$INVENTORY" receive void approve 3
printf '[ledger]\nvoid_days = 9999\n' >"$BLANKO_CONF"
expect_refused "void_days beyond 3650 is refused in the configuration" 1 "void_days must be 0 to 3650" inv stock
: >"$BLANKO_CONF"
expect_ok "the ledger verifies at the end" inv verify

# Reconcile shows the void: RC1's blanks out as voided, and the voided receipt listed.
expect_ok "reconcile, JSON" inv --user au report reconcile --from 2026-01-01 --to 2099-12-31 --format json
check "RC1: 1000 in as received (and 1 transferred), 1000 out as voided, balanced" \
  test "$(json_get '[(a["in"]["received"], a["in"]["transferred"], a["out"]["voided"], a["balanced"]) for a in j["accounts"] if a["account"]=="RC1"][0]')" = "(1000, 1, 1000, True)"
check "reconcile lists the voided receipt" \
  test "$(json_get '[(v["receipt"], v["delivery_note"], v["count"], v["preparer"], v["approver"]) for v in j["voided_receipts"]]')" = \
  "[($receipt, 'SJ-TYPO', 1000, 'root', 'nobody')]"
expect_ok "reconcile, text" inv --user au report reconcile --from 2026-01-01 --to 2099-12-31 --lang id
expect_out "text: voided in the kinds" "RC1 .*keluar: penerimaan yang dibatalkan 1\.000"
expect_out "text: the voided receipt" "penerimaan $receipt \(surat jalan SJ-TYPO\): 1\.000 blangko dibatalkan \(pembatalan 1, .*disiapkan oleh root, disetujui oleh nobody: salah ketik"
expect_ok "reconcile, PDF" inv --user au report reconcile --from 2026-01-01 --to "$(TZ=Asia/Jakarta date +%F)" --format pdf -o "$TMP/rec.pdf"
check "the PDF lists the voided receipt" sh -c "pdftotext '$TMP/rec.pdf' - | tr '\n' ' ' | grep -q 'Penerimaan yang dibatalkan.*SJ-TYPO'"
expect_ok "reconcile, CSV" inv --user au report reconcile --from 2026-01-01 --to 2099-12-31 --format csv
expect_out "CSV has the voided columns" "in_voided.*out_voided"

# Tampering: verify catches a void edited behind the program's back.
tamper "a void whose record was set back to prepared" "record 1 is prepared, but its events make it executed" \
  "UPDATE record SET state = 'prepared' WHERE id = 1"
tamper "voided serials put back into a holding" "differs from the replay|missing from the stored holdings|replay" \
  "INSERT INTO holding(series_id, first, last, account_id) SELECT series_id, 1000, 1999, (SELECT id FROM account WHERE code = 'RC1') FROM holding LIMIT 1"
tamper "a transfer rewritten to give serials back to the supplier" "." \
  "UPDATE movement SET to_id = (SELECT id FROM account WHERE code = 'supplier') WHERE event_id = (SELECT max(id) FROM event WHERE kind = 'receive')"
test_done
