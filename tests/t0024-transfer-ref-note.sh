#!/bin/sh
# transfer --ref REF --note TEXT (issue 13): the handover reference (a BAST
# number) is the event's reference and the note is in its detail; both are
# shown by history and by reconcile (text and JSON), and checked as text.
. "$(dirname "$0")/lib/test-lib.sh"
test_require root

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0000001-KTP0000100 --to GUDANG >/dev/null

expect_ok "a transfer with a BAST number and a note" \
  inv --user wh transfer --from GUDANG --to RC1 --serials KTP0000001-KTP0000010 --ref BAST/017/XII/2026 --note "diserahkan ke ruang cetak"
expect_ok "a transfer by count with a note only, --json" \
  inv --user wh --json transfer --from GUDANG --to RC1 --count 5 --note "tambahan"
check "--json answers the ref and note" test "$(json_get 'j["ref"] + "|" + j["note"]')" = "|tambahan"
expect_ok "a plain transfer" inv --user wh transfer --from GUDANG --to RC1 --serials KTP0000050
expect_refused "a note with a control character is refused" 1 "note" \
  inv --user wh transfer --from GUDANG --to RC1 --serials KTP0000051 --note "$(printf 'a\tb')"

expect_ok "history" inv history KTP0000001
expect_out "history shows the BAST number and the note" "transfer .*GUDANG .*RC1 .*BAST/017/XII/2026  diserahkan ke ruang cetak"
expect_ok "history --json" inv --json history KTP0000001
check "history --json has ref and note" \
  test "$(json_get '[m["ref"] + "|" + m["note"] for m in j if m["kind"] == "transfer"][0]')" = "BAST/017/XII/2026|diserahkan ke ruang cetak"

expect_ok "reconcile, JSON" inv --user au report reconcile --from 2000-01-01 --to 2099-12-31 --format json
check "reconcile lists the two noted transfers, not the plain one" \
  test "$(json_get '[(t["ref"], t["note"]) for t in j["transfers_noted"]]')" = \
  "[('BAST/017/XII/2026', 'diserahkan ke ruang cetak'), ('', 'tambahan')]"
expect_ok "reconcile, text" inv --user au report reconcile --from 2000-01-01 --to 2099-12-31 --lang id
expect_out "text: the heading" "^Pemindahan dengan nomor BAST atau catatan:"
expect_out "text: the BAST line" "pemindahan \(kejadian [0-9]+\) oleh wh: nomor BAST BAST/017/XII/2026; catatan: diserahkan ke ruang cetak"
expect_ok "reconcile, English" inv --user au report reconcile --from 2000-01-01 --to 2099-12-31 --lang en
expect_out "English: the note-only line" "transfer \(event [0-9]+\) by wh: handover reference -; note: tambahan"
expect_ok "the ledger verifies" inv verify
test_done
