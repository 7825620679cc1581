#!/bin/sh
# Invalid and spoiled cards, write-offs, and destruction under dual control:
# each rule refused with one clear line and the ledger unchanged.
. "$(dirname "$0")/lib/test-lib.sh"

TOOL="$TOP/build/ledger-tool"	# stands in for the print controller
new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv user add au2 --role auditor >/dev/null
inv user add boss --role admin >/dev/null
W="inv --user wh" P="inv --user pr" A="inv --user au" A2="inv --user au2"
# Dual control needs two real accounts (issue 12): the second auditor is the account nobody.
second_person auditor || fail "letting nobody approve"
A2=$NOBODY_INV
$W receive --supplier Peruri --ref SJ-001 --serials KTP0001000-KTP0001999 --to GUDANG >/dev/null
$W transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001199 >/dev/null
"$TOOL" "$BLANKO_DB" pr hopper PRN1-HOP >/dev/null
"$TOOL" "$BLANKO_DB" pr move transfer RC1 PRN1-HOP KTP0001100-KTP0001149
"$TOOL" "$BLANKO_DB" pr move print RC1 issued KTP0001000-KTP0001049
check "the stand-in printer issued 50 cards" test "$(inv stock --location issued --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" = 50

# invalid
expect_refused "invalid: a card that is not issued" 1 "serial KTP0001050 is not issued \(it is at RC1\)" \
  $A invalid --serials KTP0001040-KTP0001060 --reason damaged
expect_refused "invalid: an unknown reason" 1 'not one of returned, damaged, superseded, wrong-data, found, lost' \
  $A invalid --serials KTP0001000 --reason stolen
expect_refused "invalid: a serial never received" 1 "serial KTP0009000 was never received" \
  $A invalid --serials KTP0009000 --reason damaged
expect_refused "invalid: the wrong role" 1 "needs the auditor role" \
  $W invalid --serials KTP0001000 --reason damaged
expect_refused "invalid: no --reason" 2 "--serials and --reason are required" $A invalid --serials KTP0001000
expect_ok "invalid: returned cards" $A invalid --serials KTP0001000-KTP0001009 --reason returned --note "dikembalikan kecamatan"
expect_ok "invalid: superseded cards" $A --json invalid --serials KTP0001020-KTP0001024 --reason superseded
check "invalid --json counts the cards" test "$(json_get 'j["count"]')" = 5

# spoil
expect_ok "spoil: blanks from a print room and a hopper in one command (print room staff)" \
  $P spoil --serials KTP0001060-KTP0001064,KTP0001100-KTP0001101 --reason "printer jam"
expect_ok "spoil: blanks from a store (auditor)" $A spoil --serials KTP0001500 --reason "dropped in water"
expect_refused "spoil: an issued card is not a blank" 1 "serial KTP0001030 is not in a location or hopper \(it is at issued\)" \
  $P spoil --serials KTP0001030 --reason misprint
expect_refused "spoil: the wrong role" 1 "needs the printroom,auditor role" $W spoil --serials KTP0001070 --reason x
expect_refused "spoil: an empty reason" 1 "reason must not be empty" $P spoil --serials KTP0001070 --reason ""
check "spoiled holds 8" test "$(inv stock --location spoiled --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" = 8
check "the hopper gave 2" test "$(inv stock --location PRN1-HOP --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" = 48

# destroy prepare
D="--method incineration --place Halaman-kantor"
expect_refused "prepare: a serial that is not spoiled or invalid" 1 \
  "serial KTP0001010 is not spoiled or invalid \(it is at issued\)" $A destroy prepare --serials KTP0001000-KTP0001030 $D
expect_refused "prepare: an unknown method" 1 "not one of incineration, shredding, punching" \
  $A destroy prepare --all --method burying --place X
expect_refused "prepare: a bad planned date" 1 'bad date "2026-13-01"' $A destroy prepare --all $D --planned 2026-13-01
expect_refused "prepare: both --serials and --all" 2 "either --serials or --all" \
  $A destroy prepare --all --serials KTP0001000 $D
expect_refused "prepare: no place" 2 "--method and --place are required" $A destroy prepare --all --method shredding
expect_refused "prepare: the wrong role" 1 "needs the auditor role" $P destroy prepare --all $D
expect_ok "prepare: some serials" $A destroy prepare --serials KTP0001000-KTP0001004,KTP0001060-KTP0001061 $D --planned 2026-12-01
id1=$(cat "$TMP/out")
check "prepare prints the record's number" test "$id1" = 1
expect_refused "prepare: a serial already in an open record" 1 "serial KTP0001003 is already in open record 1" \
  $A destroy prepare --serials KTP0001003-KTP0001008 $D
expect_ok "prepare: --all takes what no open record holds" $A2 --json destroy prepare --all --method shredding --place Gudang
id2=$(json_get 'j["id"]')
check "prepare --json gives the id" test "$id2" = 2
expect_ok "show the second record" $A --json destroy show "$id2"
check "--all left out the first record's serials" test "$(json_get 'j["count"]')" = 16
expect_refused "prepare --all when nothing is left" 1 "no spoiled or invalid serials are waiting" $A destroy prepare --all $D

# approve
expect_refused "approve: by the preparer" 1 "au prepared record 1 and may not approve it" $A destroy approve 1
expect_refused "approve: by a print room user" 1 "needs the admin,auditor role" $P destroy approve 1
expect_refused "approve: an unknown record" 1 "no destruction record 9" $A2 destroy approve 9
expect_refused "approve: not a number" 1 '"x9" is not a record number' $A2 destroy approve x9
expect_refused "execute: a record not approved" 1 "record 1 is prepared; only an approved record may be executed" \
  $A destroy execute 1 --witness "Budi Santoso; Camat; 3201010101010001" --witness "Siti Aminah; Lurah; 3201010101010002"
expect_ok "approve: by another auditor" $A2 destroy approve 1
expect_refused "approve: twice" 1 "record 1 is approved, not prepared" inv --user boss destroy approve 1
expect_ok "approve: by an admin" inv --user boss destroy approve 2

# execute
expect_refused "execute: no witnesses" 1 "at least 2 witnesses \(--witness\), 0 given" $A destroy execute 1
expect_refused "execute: one witness" 1 "at least 2 witnesses \(--witness\), 1 given" \
  $A destroy execute 1 --witness "Budi Santoso; Camat; 3201010101010001"
expect_refused "execute: a witness without an ID number" 1 'give "NAME; POSITION; ID-NUMBER", all three' \
  $A destroy execute 1 --witness "Budi Santoso; Camat" --witness "Siti Aminah; Lurah; 3201010101010002"
expect_refused "execute: the same witness twice" 1 'witness "budi santoso" is named twice' \
  $A destroy execute 1 --witness "Budi Santoso; Camat; 1" --witness "budi santoso; Lurah; 2"
expect_ok "execute: two witnesses" $A destroy execute 1 --witness " Budi Santoso ; Camat;3201010101010001" \
  --witness "Siti Aminah; Lurah; 3201010101010002"
expect_out "execute prints the record hash" "Record hash: [0-9a-f]{64}"
expect_refused "execute: twice" 1 "record 1 is executed; only an approved record may be executed" \
  $A destroy execute 1 --witness "A; B; C" --witness "D; E; F"
expect_refused "cancel: an executed record" 1 "record 1 is executed; only an open record may be cancelled" \
  $A destroy cancel 1
expect_ok "show: a sealed record" $A --json destroy show 1
check "show: the witnesses are kept tidy" test "$(json_get 'j["witnesses"][0]')" = "Budi Santoso; Camat; 3201010101010001"
check "show: the hash checks" test "$(json_get 'j["hash_ok"]')" = True
check "show: counts by origin" test "$(json_get '(j["spoiled"], j["invalid"])')" = "(2, 5)"
check "show: reasons by range" test "$(json_get '[(g["state"], g["reason"], g["serials"]) for g in j["by_reason"]]')" = \
  "[('invalid', 'returned', 'KTP0001000-KTP0001004'), ('spoiled', 'printer jam', 'KTP0001060-KTP0001061')]"

# Nothing at all may be done with a destroyed serial.
DMSG="serial KTP0001002 was destroyed; nothing may be done with a destroyed serial"
expect_refused "destroyed: invalid" 1 "$DMSG" $A invalid --serials KTP0001002 --reason found
expect_refused "destroyed: spoil" 1 "$DMSG" $P spoil --serials KTP0001002 --reason jam
expect_refused "destroyed: destroy again" 1 "$DMSG" $A destroy prepare --serials KTP0001002 $D
expect_refused "destroyed: write-off" 1 "$DMSG" $A writeoff RC1 --serials KTP0001002 --reason lost
expect_refused "destroyed: transfer" 1 "serial KTP0001000 was destroyed" $W transfer --from RC1 --to GUDANG --serials KTP0001000-KTP0001005
expect_refused "destroyed: a move by the printer" 1 "$DMSG" "$TOOL" "$BLANKO_DB" pr move print RC1 issued KTP0001002
expect_refused "destroyed: a move out of destroyed" 1 "nothing may be done with a destroyed serial" \
  "$TOOL" "$BLANKO_DB" pr move undo destroyed RC1 KTP0001002

# cancel frees the serials
expect_ok "cancel an approved record" $A destroy cancel 2
expect_ok "its serials can go into a new record" $A destroy prepare --all $D
check "the new record is number 3" test "$(cat "$TMP/out")" = 3
expect_ok "list records" $A --json destroy list
check "list shows each state" test "$(json_get '[r["state"] for r in j["records"]]')" = "['executed', 'cancelled', 'prepared']"

# write-off
expect_refused "write-off: serials not at the location" 1 "serial KTP0001500 is not at GUDANG \(it is at spoiled\)" \
  $A writeoff GUDANG --serials KTP0001499-KTP0001500 --reason "stock opname"
expect_refused "write-off: not a location" 1 "issued is not a location" \
  $A writeoff issued --serials KTP0001030 --reason "stock opname"
expect_ok "write-off: prepared" $A writeoff GUDANG --serials KTP0001900-KTP0001909 --reason "stock opname 2026-11"
wid=$(sed -n 's/^Write-off \([0-9]*\) prepared.*/\1/p' "$TMP/out")
check "write-offs and destruction records share one sequence of numbers" test "$wid" = 4
expect_ok "writeoff list: the prepared write-off" $A --json writeoff list
check "writeoff list --json gives its fields" \
  test "$(json_get '[(r["id"], r["state"], r["count"], r["location"], r["reason"], r["preparer"], r["approver"]) for r in j["records"]]')" = \
  "[(4, 'prepared', 10, 'GUDANG', 'stock opname 2026-11', 'au', '')]"
expect_ok "writeoff list: text (admin)" inv --user boss writeoff list
expect_out "writeoff list: a header" "^ +ID +STATE +BLANKS +LOCATION +PREPARER +APPROVER +PREPARED +REASON$"
expect_out "writeoff list: a line per write-off" "^ +$wid +prepared +10 +GUDANG +au \(via root\) +- +[0-9]{4}-[0-9]{2}-[0-9]{2} +stock opname 2026-11$"
check "writeoff list: one write-off, no destruction record" test "$(wc -l <"$TMP/out")" = 2
expect_ok "destroy list: no write-off" $A --json destroy list
check "destroy list still has its 3 records" test "$(json_get '[r["id"] for r in j["records"]]')" = "[1, 2, 3]"
expect_ok "writeoff show: text" $A writeoff show "$wid"
expect_out "writeoff show: the title" "^Write-off $wid \(prepared\)$"
expect_out "writeoff show: the location" "^location: +GUDANG$"
expect_out "writeoff show: the reason" "^reason: +stock opname 2026-11$"
expect_out "writeoff show: the count" "^blanks: +10$"
expect_out "writeoff show: the preparer" "^prepared: +[0-9-]+ [0-9:]+ WIB by au \(via root\)$"
expect_out "writeoff show: the serials" "^GUDANG / stock opname 2026-11 \(10\): KTP0001900-KTP0001909$"
expect_ok "writeoff show: --json" $A --json writeoff show "$wid"
check "writeoff show --json: its fields" \
  test "$(json_get '(j["type"], j["state"], j["count"], j["location"], j["reason"], j["preparer"], j["ranges"], j["hash_ok"])')" = \
  "('writeoff', 'prepared', 10, 'GUDANG', 'stock opname 2026-11', 'au', ['KTP0001900-KTP0001909'], True)"
expect_refused "writeoff show: a destruction record is not a write-off" 1 "no write-off 1" $A writeoff show 1
expect_refused "destroy show: a write-off is not a destruction record" 1 "no destruction record $wid" $A destroy show "$wid"
expect_refused "writeoff show: the wrong role" 1 "needs the admin,auditor role" $W writeoff show "$wid"
expect_refused "write-off: a serial already in an open write-off" 1 "serial KTP0001905 is already in open record $wid" \
  $A writeoff GUDANG --serials KTP0001905 --reason again
expect_refused "write-off: approved by its preparer" 1 "au prepared record $wid and may not approve it" $A writeoff approve "$wid"
expect_refused "write-off: root acting as the preparer is still the preparer" 1 "au prepared record $wid" \
  inv --user au writeoff approve "$wid"
expect_ok "write-off: approved by another auditor" $A2 writeoff approve "$wid"
check "the blanks are in lost" test "$(inv stock --location lost --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" = 10
expect_refused "write-off: approved twice" 1 "record $wid is executed, not prepared" inv --user boss writeoff approve "$wid"
expect_refused "writeoff cancel: an approved write-off" 1 "record $wid is executed; only an open record may be cancelled" \
  $A writeoff cancel "$wid"

for word in approve cancel list show; do
  expect_refused "location add: '$word' (writeoff $word is a command)" 1 \
    "\"$word\" would not work as a location: 'writeoff $word' is a command" inv location add "$word" --kind store
done

# writeoff cancel frees the serials
expect_ok "write-off: another, by mistake" $A --json writeoff GUDANG --serials KTP0001910-KTP0001919 --reason "salah hitung"
wid2=$(json_get 'j["id"]')
expect_refused "spoil: a serial in an open write-off" 1 "serial KTP0001915 is already in open record $wid2" \
  $A spoil --serials KTP0001915 --reason dropped
expect_refused "transfer: serials in an open write-off stay where the record counts them" 1 \
  "serial KTP0001912 is already in open record $wid2" $W transfer --from GUDANG --to RC1 --serials KTP0001912-KTP0001914
all=$(inv stock --location GUDANG --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
expect_refused "transfer --count: nor taken as the lowest" 1 "is already in open record $wid2" \
  $W transfer --from GUDANG --to RC1 --count "$all"
expect_refused "writeoff cancel: an unknown write-off" 1 "no write-off 99" $A writeoff cancel 99
expect_refused "writeoff cancel: a destruction record's number (one sequence, two types)" 1 "no write-off 3" \
  $A writeoff cancel 3
expect_refused "destroy cancel: a write-off's number" 1 "no destruction record $wid2" $A destroy cancel "$wid2"
expect_refused "writeoff cancel: not a number" 1 '"x1" is not a record number' $A writeoff cancel x1
expect_refused "writeoff cancel: no number" 2 "give one record number" $A writeoff cancel
expect_refused "writeoff cancel: the warehouse may not" 1 "needs the admin,auditor role, which wh does not have" \
  $W writeoff cancel "$wid2"
expect_refused "writeoff cancel: nor the print room" 1 "needs the admin,auditor role, which pr does not have" \
  $P writeoff cancel "$wid2"
expect_ok "writeoff cancel: by its preparer (as destroy cancel allows)" $A writeoff cancel "$wid2"
expect_out "writeoff cancel says so" "^Write-off $wid2 cancelled\.$"
expect_refused "writeoff cancel: twice" 1 "record $wid2 is cancelled; only an open record may be cancelled" \
  inv --user boss writeoff cancel "$wid2"
expect_ok "the cancel is one event in the chain" inv log --limit 1 --json
check "the last event is writeoff.cancel of the write-off" \
  test "$(json_get '(j[0]["kind"], j[0]["ref"], j[0]["moved"])')" = "('writeoff.cancel', 'writeoff/$wid2', 0)"
check "the cancelled write-off moved nothing" test "$(inv stock --location lost --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" = 10
expect_ok "writeoff show: a cancelled write-off" $A writeoff show "$wid2"
expect_out "writeoff show: its state" "^Write-off $wid2 \(cancelled\)$"
expect_out "writeoff show: when it was cancelled" "^cancelled: +[0-9-]+ [0-9:]+ WIB$"
expect_ok "its serials can be written off again" $A --json writeoff GUDANG --serials KTP0001910-KTP0001919 --reason "stock opname ulang"
wid3=$(json_get 'j["id"]')
expect_ok "writeoff cancel: by an admin, --json" inv --user boss --json writeoff cancel "$wid3"
check "writeoff cancel --json gives id and state" test "$(json_get '(j["id"], j["state"])')" = "($wid3, 'cancelled')"
expect_ok "its serials can be moved again" $A spoil --serials KTP0001915 --reason dropped
expect_ok "and transferred again" $W transfer --from GUDANG --to RC1 --serials KTP0001912
expect_ok "writeoff list: each state" $A --json writeoff list
check "writeoff list shows executed, cancelled, cancelled" \
  test "$(json_get '[(r["id"], r["state"], r["approver"]) for r in j["records"]]')" = \
  "[($wid, 'executed', 'nobody'), ($wid2, 'cancelled', ''), ($wid3, 'cancelled', '')]"
today=$(TZ=Asia/Jakarta date +%Y-%m-%d)	# the office's day: [site] timezone, default Asia/Jakarta
expect_ok "report reconcile: today" $A report reconcile --from "$today" --to "$today" --format json
check "report reconcile: a cancelled write-off is not open, the prepared destruction record is" \
  test "$(json_get '[(o["type"], o["id"]) for o in j["open_records"]]')" = "[('destruction', 3)]"

expect_ok "verify replays all of it (the lost account included)" inv verify
expect_out "verify says OK" "^OK: .* 1,000 blanks held"

# A sealed record changed behind the program's back no longer matches its seal.
cp "$BLANKO_DB" "$TMP/good.db"
sqlite3 "$BLANKO_DB" "UPDATE record SET place = 'elsewhere' WHERE id = 1"
expect_refused "show: a changed record is reported (exit 3)" 3 "record 1 was changed after sealing" $A destroy show 1
expect_refused "verify: a changed record is reported too" 3 "record 1 was changed after sealing" inv verify
cp "$TMP/good.db" "$BLANKO_DB"
sqlite3 "$BLANKO_DB" "UPDATE record_item SET reason = 'found' WHERE record_id = 1 AND first = 1000"
expect_refused "show: a changed reason is reported" 3 "record 1 was changed after sealing" $A destroy show 1
cp "$TMP/good.db" "$BLANKO_DB"
sqlite3 "$BLANKO_DB" "UPDATE record SET hash = '$(printf '%064d' 0)' WHERE id = 1"
expect_refused "show: a replaced hash is reported" 3 "record 1 was changed after sealing" $A destroy show 1
cp "$TMP/good.db" "$BLANKO_DB"
# Change the place and store the hash that matches the changed record: the
# sealing event (in the hash chain) still holds the true hash.
sqlite3 "$BLANKO_DB" "UPDATE record SET place = 'elsewhere' WHERE id = 1"
$A destroy show 1 >/dev/null 2>"$TMP/why"
forged=$(sed -n 's/.*its content hash is \([0-9a-f]*\),.*/\1/p' "$TMP/why")
sqlite3 "$BLANKO_DB" "UPDATE record SET hash = '$forged' WHERE id = 1"
expect_refused "show: a record resealed by hand does not match its sealing event" 3 \
  "record 1 does not match the event that sealed it" $A destroy show 1
cp "$TMP/good.db" "$BLANKO_DB"
# A record's state set behind the program's back: its events make it
# what it is (verify replays records through their state machine).
sqlite3 "$BLANKO_DB" "UPDATE record SET state = 'cancelled' WHERE id = 3"
expect_refused "verify: a record whose state was changed by hand" 3 \
  "record 3 is cancelled, but its events make it prepared" inv verify
cp "$TMP/good.db" "$BLANKO_DB"
sqlite3 "$BLANKO_DB" "DELETE FROM record_item WHERE record_id = 3; DELETE FROM record WHERE id = 3"
expect_refused "verify: a record deleted by hand" 3 "record 3 is missing .event 28 made it" inv verify
cp "$TMP/good.db" "$BLANKO_DB"

# A schema-1 ledger is migrated and can destroy cards.
cp "$TOP/tests/data/ledger-v1.sqlite" "$TMP/v1.db"
expect_ok "a schema-1 ledger opens (and is migrated)" inv --db "$TMP/v1.db" stock
check "it is at the current schema" test "$(sqlite3 "$TMP/v1.db" 'PRAGMA user_version')" -ge 2
check "the record tables exist" test "$(sqlite3 "$TMP/v1.db" "SELECT count(*) FROM record_item")" = 0
expect_ok "the migrated ledger verifies" inv --db "$TMP/v1.db" verify

test_done
