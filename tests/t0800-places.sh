#!/bin/sh
# Places and the distribution role (issue 14, items 1-2): a kecamatan and a
# kelurahan (with its kecamatan as parent) beside stores and print rooms,
# each with its in-transit account; the distribution role; a user limited
# to one place acts only for that place; every refusal one line, the ledger
# unchanged; verify agrees with the places and the users' places.
. "$(dirname "$0")/lib/test-lib.sh"

TOOL="$TOP/build/ledger-tool"
new_ledger || { fail "setting up a ledger"; test_done; exit 1; }

# --- Places ------------------------------------------------------------------------------
expect_ok "add a kecamatan" inv location add KEC01 --kind kecamatan --name "Kecamatan Pedurungan"
expect_ok "add a kelurahan under it" inv location add KEL0101 --kind kelurahan --parent KEC01 --name "Kelurahan Tlogosari Kulon"
expect_ok "add a second kecamatan" inv location add KEC02 --kind kecamatan --name "Kecamatan Tembalang"
run inv --json location list
check "location list shows the kecamatan, the kelurahan and their transit accounts" \
  test "$(json_get '" ".join(a["code"]+":"+a["kind"] for a in j if a["code"] in ("KEC01","KEL0101","transit.KEC01","transit.KEL0101"))')" = \
  "KEC01:kecamatan transit.KEC01:transit KEL0101:kelurahan transit.KEL0101:transit"
expect_refused "a kelurahan needs its kecamatan" 1 "needs its kecamatan" inv location add KEL9 --kind kelurahan
expect_refused "a kelurahan's parent must be a kecamatan" 1 "must be a kecamatan, and KEL0101 is not" \
  inv location add KEL9 --kind kelurahan --parent KEL0101
expect_refused "a parent that is a store is no place" 1 "GUDANG is not a kecamatan or kelurahan" \
  inv location add KEL9 --kind kelurahan --parent GUDANG
expect_refused "--parent only for a kelurahan" 2 "--parent is for a kelurahan" inv location add KEC9 --kind kecamatan --parent KEC01
expect_refused "an unknown kind" 1 "is not store, printroom, kecamatan or kelurahan" inv location add X1 --kind village
expect_refused "a code taken" 1 "KEC01 exists already" inv location add KEC01 --kind kecamatan
expect_refused "only an admin adds places" 1 "needs the admin role" inv --user wh location add KEC9 --kind kecamatan

# --- People: the distribution role, a user limited to a place ----------------------------
expect_ok "add a distribution user for the office" inv user add dist --role distribution
expect_ok "add a kelurahan clerk limited to KEL0101" inv user add lurah1 --role distribution --place KEL0101
run inv --json user list
check "user list shows the distribution role" test "$(json_get '[u["roles"] for u in j if u["name"]=="dist"][0]')" = distribution
expect_refused "a place-limited user has only the distribution role" 1 "may have only the distribution role" \
  inv user add camat --role distribution,warehouse --place KEC01
expect_refused "... and may not be given another role later" 1 "limited to the place KEL0101 and may have only the distribution role" \
  inv user set lurah1 --role distribution,auditor
expect_refused "a place that is a store" 1 "GUDANG is not a kecamatan or kelurahan" inv user set dist --place GUDANG
expect_refused "a user's place is given by an admin" 1 "needs the admin role" inv --user wh user set dist --place KEC01
# The KEC01 clerk is the OS account nobody: a receipt needs another account than the dispatch's.
second_person "" || fail "letting nobody write the ledger"
expect_ok "limit a second user (the account nobody) to KEC01" inv user add nobody --role distribution --place KEC01
expect_refused "setting the same place again" 1 "has this place already" inv user set nobody --place KEC01
CAMAT=$NOBODY_INV

# A place-limited user acts only for that place.
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001049 >/dev/null
"$TOOL" "$BLANKO_DB" pr move print RC1 issued KTP0001000-KTP0001019
expect_refused "a kelurahan clerk may not dispatch from the office" 1 "lurah1 acts only for KEL0101, not for the office" \
  inv --user lurah1 dispatch --to KEL0101 --ref BAST-X --serials KTP0001000 -o "$TMP/x.pdf"
test ! -e "$TMP/x.pdf" && pass "no record left by a refused dispatch" || fail "a refused dispatch left $TMP/x.pdf"
expect_refused "a warehouse user may not dispatch" 1 "needs the distribution role" \
  inv --user wh dispatch --to KEC01 --ref BAST-X --serials KTP0001000 -o "$TMP/x.pdf"
expect_refused "a place-limited user runs no other command" 1 "needs the warehouse role" \
  inv --user lurah1 transfer --from GUDANG --to RC1 --serials KTP0001060
expect_ok "an office distribution user dispatches to KEC01" \
  inv --user dist dispatch --to KEC01 --ref BAST-1 --serials KTP0001000-KTP0001004 -o "$TMP/b1.pdf"
expect_refused "the KEL0101 clerk may not record KEC01's receipt" 1 "lurah1 acts only for KEL0101, not for KEC01" \
  inv --user lurah1 arrive --ref BAST-1 --count 5
expect_ok "the KEC01 clerk records it" $CAMAT arrive --ref BAST-1 --count 5
expect_refused "a kecamatan clerk may not send its cards to another kecamatan's kelurahan" 1 \
  "cards go to KEC02 from issued or from its kecamatan, not from KEC01" \
  $CAMAT dispatch --from KEC01 --to KEC02 --ref BAST-2 --all -o "$TMP/x.pdf"
expect_refused "the KEC01 clerk may not dispatch from the office" 1 "nobody acts only for KEC01, not for the office" \
  $CAMAT dispatch --to KEC01 --ref BAST-2 --serials KTP0001010 -o "$TMP/x.pdf"
expect_ok "the KEC01 clerk forwards to its kelurahan" \
  $CAMAT dispatch --from KEC01 --to KEL0101 --ref BAST-2 --all -o "$TMP/b2.pdf"
expect_ok "the kelurahan clerk records the arrival" inv --user lurah1 arrive --ref BAST-2 --count 5
check "KEL0101 holds the 5 cards" test "$(inv stock --location KEL0101 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" = 5
expect_ok "take the place from a user" inv user set lurah1 --place ""
expect_ok "then give them another role" inv user set lurah1 --role distribution,warehouse

expect_ok "verify: places, transit accounts and users' places agree with the events" inv verify
# Tampering: a place's parent or a user's place changed behind the program's back.
cp "$BLANKO_DB" "$TMP/good.db"; rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"
sqlite3 "$TMP/good.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$TMP/good.db" "$BLANKO_DB"
sqlite3 "$BLANKO_DB" "UPDATE place SET parent_id = (SELECT id FROM account WHERE code = 'KEC02') WHERE account_id = (SELECT id FROM account WHERE code = 'KEL0101')"
run inv verify
check "verify catches a kelurahan moved to another kecamatan (exit $rc)" sh -c "[ $rc -eq 3 ] && grep -q 'place KEL0101' '$TMP/out' '$TMP/err'"
cp "$TMP/good.db" "$BLANKO_DB"
sqlite3 "$BLANKO_DB" "UPDATE user SET place = 'KEC02' WHERE name = 'nobody'"
run inv verify
check "verify catches a user's place changed (exit $rc)" sh -c "[ $rc -eq 3 ] && grep -q 'user nobody: the place' '$TMP/out' '$TMP/err'"
cp "$TMP/good.db" "$BLANKO_DB"

# --- An old ledger migrates and takes places ---------------------------------------------
cp "$TOP/tests/data/ledger-v1.sqlite" "$TMP/old.db"
expect_ok "an old ledger opens and verifies" env BLANKO_DB="$TMP/old.db" "$INVENTORY" verify
expect_ok "... and takes a kecamatan" env BLANKO_DB="$TMP/old.db" "$INVENTORY" location add KEC01 --kind kecamatan
expect_ok "... and still verifies" env BLANKO_DB="$TMP/old.db" "$INVENTORY" verify
test_done
