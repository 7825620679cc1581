#!/bin/bash
# Official numbers (issue 13): each record type has the office's format
# ([documents] destruction_number, writeoff_number) and its own sequence
# that restarts each year (the office's year: WIB here); the number is given
# when the record is sealed (a destruction executed, a write-off approved),
# kept with it and shown by the command, JSON and the PDF; a bad format is
# refused; a record sealed before the upgrade keeps "BAP-000001".
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib/test-lib.sh"
test_require root nobody runuser faketime sqlite3 pdftotext

LIB=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1)
# at TIME CMD...: CMD with the clock starting at TIME (UTC); as_nobody TIME ARGS...
at() { t=$1; shift; env LD_PRELOAD="$LIB" FAKETIME="@$t" TZ=UTC "$@"; }
as_nobody() { t=$1; shift; runuser -u nobody -- env LD_PRELOAD="$LIB" FAKETIME="@$t" TZ=UTC "$INVENTORY" "$@"; }
cat >"$BLANKO_CONF" <<'CONF'
[site]
office = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh
timezone = Asia/Jakarta
[documents]
destruction_number = 470/{seq:04}/Disdukcapil/{month:roman}/{year}
writeoff_number = 470/{seq:03}/BAPH/{month:02}/{year}
CONF
LD_PRELOAD=$LIB FAKETIME="@2026-12-01 01:00:00" TZ=UTC new_ledger 2>/dev/null
second_person auditor || fail "letting nobody approve"
A="$INVENTORY --user au"
at "2026-12-01 02:00:00" $INVENTORY --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0100000-KTP0100999 --to RC1 >/dev/null

# destroy N TIME: spoil 2 blanks from N*10, prepare, approve, execute; the number in $TMP/out
destroy() {
  s=$(printf 'KTP%07d-KTP%07d' $((100000 + $1 * 10)) $((100000 + $1 * 10 + 1)))
  at "$2" $INVENTORY --user pr spoil --serials "$s" --reason media-jam >/dev/null &&
  at "$2" $A --json destroy prepare --serials "$s" --method shredding --place Gudang >"$TMP/prep" &&
  id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$TMP/prep") &&
  as_nobody "$2" destroy approve "$id" >/dev/null &&
  run at "$2" $A --json destroy execute "$id" --witness "Budi; Camat; 1" --witness "Siti; Lurah; 2"
}
# writeoff N TIME: write off 2 blanks from 500+N*10, approved by nobody
writeoff() {
  s=$(printf 'KTP%07d-KTP%07d' $((100500 + $1 * 10)) $((100500 + $1 * 10 + 1)))
  at "$2" $A writeoff RC1 --serials "$s" --reason "stock opname" >"$TMP/prep" &&
  id=$(sed -n 's/^Write-off \([0-9]*\) prepared.*/\1/p' "$TMP/prep") &&
  run as_nobody "$2" --json writeoff approve "$id"
}
num() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["number"])' "$TMP/out"; }

destroy 1 "2026-12-05 03:00:00"
check "the first destruction of 2026: 470/0001/Disdukcapil/XII/2026 ($(num))" test "$(num)" = 470/0001/Disdukcapil/XII/2026
writeoff 1 "2026-12-06 03:00:00"
check "the first write-off of 2026 has its own sequence: 470/001/BAPH/12/2026 ($(num))" test "$(num)" = 470/001/BAPH/12/2026
destroy 2 "2026-12-07 03:00:00"
check "the second destruction: 0002, not 0003 ($(num))" test "$(num)" = 470/0002/Disdukcapil/XII/2026
writeoff 2 "2026-12-08 03:00:00"
check "the second write-off: 002 ($(num))" test "$(num)" = 470/002/BAPH/12/2026
# 31 December 17:30 UTC is 1 January 00:30 in Jakarta: the office's new year.
destroy 3 "2026-12-31 17:30:00"
check "the first destruction of the office's 2027 starts again at 0001 ($(num))" test "$(num)" = 470/0001/Disdukcapil/I/2027
writeoff 3 "2027-01-02 03:00:00"
check "and the write-offs too ($(num))" test "$(num)" = 470/001/BAPH/01/2027
destroy 4 "2027-01-03 03:00:00"
check "then 0002 of 2027 ($(num))" test "$(num)" = 470/0002/Disdukcapil/I/2027

expect_ok "the text of execute says the number" at "2027-01-04 03:00:00" $A destroy show 1
expect_ok "report destruction --format json has the number" at "2027-01-04 03:00:00" $A report destruction 1 --format json -o "$TMP/1.json"
check "... the one given at sealing" test "$(python3 -c 'import json; print(json.load(open("'"$TMP/1.json"'"))["number"])')" = 470/0001/Disdukcapil/XII/2026
expect_ok "the PDF of record 3 (the second destruction)" at "2027-01-04 03:00:00" $A report destruction 3 --format pdf -o "$TMP/3.pdf"
check "the PDF shows the number" sh -c "pdftotext '$TMP/3.pdf' - | grep -q 'Nomor: 470/0002/Disdukcapil/XII/2026'"
s=$(printf 'KTP%07d-KTP%07d' 100900 100901)
at "2027-01-05 03:00:00" $INVENTORY --user pr spoil --serials "$s" --reason media-jam >/dev/null
expect_ok "a prepared record" at "2027-01-05 03:00:00" $A --json destroy prepare --serials "$s" --method shredding --place Gudang
pid=$(json_get 'j["id"]')
expect_ok "its JSON" at "2027-01-05 03:00:00" $A report destruction "$pid" --format json -o "$TMP/p.json"
check "has no number before it is sealed" test "$(python3 -c 'import json; print(repr(json.load(open("'"$TMP/p.json"'"))["number"]))')" = "''"
expect_ok "the ledger verifies" inv verify

# A bad format is refused, naming the setting.
cp "$BLANKO_CONF" "$TMP/good.conf"
sed -i 's|^destruction_number = .*|destruction_number = 470/{day}/{year}|' "$BLANKO_CONF"
expect_refused "a format with an unknown field" 1 "documents.destruction_number is not a number format: \{day\} is not one of" inv stock
sed -i 's|^destruction_number = .*|destruction_number = 470/Disdukcapil/{year}|' "$BLANKO_CONF"
expect_refused "a format without {seq}" 1 "documents.destruction_number is not a number format: it has no \{seq\}" inv stock
cp "$TMP/good.conf" "$BLANKO_CONF"

# A ledger of schema 7 (before numbers) with an executed record: made here
# by taking away again what schemas 8 to 18 added.  The record keeps BAP-000001; the first
# record sealed after the upgrade is the year's 0001.
export BLANKO_DB="$TMP/old.db"
LD_PRELOAD=$LIB FAKETIME="@2027-01-06 01:00:00" TZ=UTC new_ledger 2>/dev/null
second_person auditor || fail "letting nobody approve the old ledger's records"
at "2027-01-06 02:00:00" $INVENTORY --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0100000-KTP0100999 --to RC1 >/dev/null
destroy 1 "2027-01-06 03:00:00"
sqlite3 "$BLANKO_DB" "DROP INDEX event_ref; CREATE INDEX event_ref ON event(ref); CREATE INDEX event_time ON event(time);
  CREATE TABLE movement_old(id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES event(id),
  series_id INTEGER NOT NULL REFERENCES series(id), first INTEGER NOT NULL, last INTEGER NOT NULL, bucket INTEGER NOT NULL,
  from_id INTEGER NOT NULL REFERENCES account(id), to_id INTEGER NOT NULL REFERENCES account(id));
  INSERT INTO movement_old SELECT * FROM movement; DROP TABLE movement; ALTER TABLE movement_old RENAME TO movement;
  CREATE INDEX movement_event ON movement(event_id); CREATE INDEX movement_serial ON movement(series_id, bucket, first);
  DROP INDEX request_next; DROP INDEX request_next_delivery; DROP INDEX record_number; ALTER TABLE record DROP COLUMN number; ALTER TABLE record DROP COLUMN year;
  ALTER TABLE record DROP COLUMN seq; ALTER TABLE photo DROP COLUMN source; DROP TABLE movement_total;
  DROP TABLE place; DROP TABLE handover; ALTER TABLE user DROP COLUMN place;
  ALTER TABLE user DROP COLUMN web_password; DROP TABLE request_code;
  ALTER TABLE request DROP COLUMN recorded; ALTER TABLE request DROP COLUMN category;
  ALTER TABLE request DROP COLUMN priority; ALTER TABLE request DROP COLUMN priority_until; DROP TABLE suket;
  DROP TABLE api_token; DROP TABLE handover_person;
  PRAGMA user_version = 7;"
expect_ok "the old ledger opens (and migrates)" $A --json destroy show 1
check "its record keeps its old number BAP-000001" test "$(json_get 'j.get("number")')" = BAP-000001
expect_ok "the migrated ledger verifies" inv verify
destroy 2 "2027-01-07 03:00:00"
check "the first record sealed after the upgrade is the year's first ($(num))" test "$(num)" = 470/0001/Disdukcapil/I/2027
test_done
