#!/bin/sh
# The store: foreign files, newer schemas, read-only ledgers, a busy writer,
# the configuration file.
. "$(dirname "$0")/lib/test-lib.sh"

echo "hello" >"$BLANKO_DB"
expect_refused "a text file is not a ledger" 1 "is not a blanko database" inv stock
rm -f "$BLANKO_DB"; sqlite3 "$BLANKO_DB" "CREATE TABLE photos(id INTEGER)"
expect_refused "another program's SQLite file is not a ledger" 1 "is not a blanko database" inv stock
rm -f "$BLANKO_DB"; : >"$BLANKO_DB"
expect_refused "an empty file holds no ledger yet" 1 "holds no ledger yet" inv stock
expect_refused "init will not overwrite a file" 1 "exists already" inv init
rm -f "$BLANKO_DB"
mkdir "$TMP/dir.db"
expect_refused "a folder is not a ledger" 1 "not a blanko database" inv --db "$TMP/dir.db" stock

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv user add nobody --role warehouse,auditor >/dev/null
inv --user wh receive --supplier Peruri --ref SJ-001 --serials KTP0001000-KTP0001999 --to GUDANG >/dev/null
cp "$BLANKO_DB" "$TMP/good.db"

sqlite3 "$BLANKO_DB" "PRAGMA user_version = 99"
expect_refused "a ledger from a newer blanko is refused" 1 "newer blanko \(schema 99; this program knows [0-9]+\)" inv stock
cp "$TMP/good.db" "$BLANKO_DB"

# A read-only ledger: reads and verify still work, writes are refused.
if test_have nobody; then
  chmod 644 "$BLANKO_DB"
  as_nobody() { runuser -u nobody -- env BLANKO_DB="$BLANKO_DB" BLANKO_CONF="$BLANKO_CONF" "$INVENTORY" "$@"; }
  expect_ok "a read-only ledger can be read" as_nobody stock
  expect_ok "a read-only ledger can be verified" as_nobody verify
  expect_refused "a write to a read-only ledger is refused" 1 "read-only for this account; nothing was changed" \
    as_nobody receive --supplier Peruri --ref SJ-002 --serials KTP0002000 --to GUDANG
  chmod 660 "$BLANKO_DB"
fi

# Another writer holds the ledger for a while: we wait, then succeed.
hold_lock() {		# hold_lock SECONDS: keep a write transaction open
  python3 - "$BLANKO_DB" "$1" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[1] + ".held", "w").close()
time.sleep(float(sys.argv[2]))
c.execute("COMMIT")
PY
  lock_pid=$!
  while [ ! -e "$BLANKO_DB.held" ]; do sleep 0.05; done
  rm -f "$BLANKO_DB.held"
}
hold_lock 1.5
start=$(date +%s%N)
expect_ok "a write waits for another writer, then succeeds" \
  inv --user wh receive --supplier Peruri --ref SJ-002 --serials KTP0002000-KTP0002099 --to GUDANG
waited=$(( ($(date +%s%N) - start) / 1000000 ))
check "it waited for the other writer ($waited ms)" test "$waited" -ge 1000
wait "$lock_pid"

printf '[database]\nbusy_timeout = 200\n' >"$BLANKO_CONF"
hold_lock 3
expect_refused "a writer that waits too long gives up and changes nothing" 1 "locked by another program" \
  inv --user wh receive --supplier Peruri --ref SJ-003 --serials KTP0003000 --to GUDANG
wait "$lock_pid"

# The configuration file.
printf '[database]\npath = %s\n' "$TMP/from-config.db" >"$BLANKO_CONF"
expect_ok "the configuration names the ledger" env -u BLANKO_DB "$INVENTORY" init
check "the ledger was made where the configuration says" test -f "$TMP/from-config.db"
expect_ok "--db wins over the configuration" env -u BLANKO_DB "$INVENTORY" --db "$BLANKO_DB" stock
printf '[database]\npath = x.db\ncolour = blue\n' >"$BLANKO_CONF"
expect_refused "an unknown setting is named with file and line" 1 "blanko.conf:3: unknown setting database.colour" inv stock
printf '[database]\nbusy_timeout = soon\n' >"$BLANKO_CONF"
expect_refused "a bad value is named with file and line" 1 "blanko.conf:2: busy_timeout" inv stock
printf 'no section here\n' >"$BLANKO_CONF"
expect_refused "a file without a section is not a blanko configuration" 1 "blanko.conf is not a blanko configuration" inv stock
printf '[database]\nno value here\n' >"$BLANKO_CONF"
expect_refused "a malformed line is named with file and line" 1 "blanko.conf:2: not a valid INI line" inv stock
expect_refused "a missing configuration file named by BLANKO_CONF" 1 "cannot read" \
  env BLANKO_CONF="$TMP/none.conf" "$INVENTORY" stock
: >"$BLANKO_CONF"

# A folder we cannot write.
if test_have nobody; then
  mkdir "$TMP/locked"; chmod 755 "$TMP/locked"
  run runuser -u nobody -- env BLANKO_CONF="$BLANKO_CONF" "$INVENTORY" --db "$TMP/locked/l.db" init
  if [ "$rc" -eq 1 ] && grep -q "cannot create" "$TMP/err" && [ ! -e "$TMP/locked/l.db" ]; then
    pass "init in a folder it cannot write says so and leaves nothing"
  else
    fail "init in an unwritable folder (exit $rc: $(cat "$TMP/err"))"
  fi
fi

cp "$TMP/good.db" "$BLANKO_DB"
expect_ok "the ledger verifies after all of it" inv verify

test_done
