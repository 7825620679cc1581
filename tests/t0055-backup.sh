#!/bin/sh
# inventory backup (issue 12): a copy taken while another program writes,
# verified before it is named, mode 0600 in a 0700 folder of the state
# folder; only root names another DEST; never over a file; the signing keys
# copied apart; a refused or failed backup leaves nothing.  Then the restore
# procedure of inventory(1), as written there, into a fresh folder.
. "$(dirname "$0")/lib/test-lib.sh"
test_require nobody

run inv backup --help
check "'backup --help' prints usage" grep -q "^Usage: inventory backup \[DEST\]" "$TMP/out"
check "the man page documents 'backup'" grep -q '^\.SS "*backup' "$TOP/inventory/inventory.1"
check "the man page has the restore procedure" grep -q '^\.SH BACKUP AND RESTORE' "$TOP/inventory/inventory.1"

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0000001-KTP0005000 --to GUDANG >/dev/null
i=0
while [ $i -lt 200 ]; do		# many ranges: a ledger of some size
  inv --user wh transfer --from GUDANG --to RC1 --serials "$(printf 'KTP%07d' $((1 + i * 2)))" >/dev/null
  i=$((i + 1))
done

# The default place, names and modes.
expect_ok "a backup into the state folder" inv backup
B=$(sed -n 's/^Backed up the ledger to \(.*\) (mode 0600) and verified.*/\1/p' "$TMP/out")
check "it is in the state folder's backup folder, named by the time" \
  sh -c "echo '$B' | grep -Eq '^$TMP/backup/blanko-[0-9]{8}-[0-9]{6}\\.db\$'"
check "the backup is a regular file, mode 0600, owned by the process" test "$(stat -c '%F %a %U' "$B")" = "regular file 600 root"
check "the backup folder is 0700" test "$(stat -c %a "$TMP/backup")" = 700
expect_out "it says it verified the copy" "verified the copy: 20[0-9] events, chain head [0-9a-f]{64}"
expect_out "it says there was no key to keep" "no signing key beside the ledger"
check "nothing but the backup is left in the folder" test "$(ls -A "$TMP/backup" | wc -l)" = 1
expect_ok "the backup verifies as a ledger" inv --db "$B" verify

# DEST: root only, never over a file, the keys apart.
mkdir -m 700 "$TMP/keys-demo" "$BLANKO_DB.keys"
echo "-----BEGIN PRIVATE KEY----- test" >"$BLANKO_DB.keys/0123456789ABCDEF.pem"
echo 0123456789ABCDEF >"$BLANKO_DB.keys/current"
echo "old site key" >"$BLANKO_DB.key"
chmod 640 "$BLANKO_DB.keys/"*; chmod 600 "$BLANKO_DB.key"
expect_ok "root names a DEST (--json)" inv --json backup "$TMP/dest.db"
check "--json: the path, verified, the keys' folder and its files" \
  test "$(json_get 'j["backup"]+"|"+str(j["verified"])+"|"+j["keys"]+"|"+str(j["key_files"])')" = "$TMP/dest.db|True|$TMP/dest.db.keys|3"
check "the keys' folder is 0700 and its files 0600" \
  test "$(stat -c %a "$TMP/dest.db.keys") $(stat -c %a "$TMP/dest.db.keys/"* | sort -u)" = "700 600"
check "the keyring's files and the old key are copied as they are" \
  sh -c "cmp -s '$BLANKO_DB.keys/current' '$TMP/dest.db.keys/current' &&
         cmp -s '$BLANKO_DB.keys/0123456789ABCDEF.pem' '$TMP/dest.db.keys/0123456789ABCDEF.pem' &&
         cmp -s '$BLANKO_DB.key' '$TMP/dest.db.keys/ledger.db.key'"
expect_ok "a text backup says where the keys went" inv backup "$TMP/dest2.db"
expect_out "the keys were backed up separately" "signing keys were backed up separately, to $TMP/dest2.db.keys \\(3 files"
sum=$(sha256sum <"$TMP/dest.db")
expect_refused "never over an existing file" 1 "dest.db exists already; a backup never overwrites a file" \
  inv backup "$TMP/dest.db"
check "the existing file is untouched" test "$(sha256sum <"$TMP/dest.db")" = "$sum"
: >"$TMP/only-keys.db.keys"
expect_refused "nor over an existing keys' name" 1 "only-keys.db.keys exists already" inv backup "$TMP/only-keys.db"
check "and no copy was left" test ! -e "$TMP/only-keys.db"
expect_refused "into a folder that is not there" 1 "cannot create" inv backup "$TMP/none/x.db"
second_person admin || fail "letting nobody be an admin"
expect_refused "only root may name a DEST" 1 "only root may name where a backup goes" $NOBODY_INV backup "$TMP/mine.db"
check "nothing was written" test ! -e "$TMP/mine.db"
inv user set nobody --role warehouse >/dev/null
expect_refused "a warehouse account that does not own the state folder may not back up" 1 \
  "needs the admin role, or the service account that owns the state folder" $NOBODY_INV backup
inv user set nobody --role admin >/dev/null
check "no temporary file is left anywhere" test -z "$(find "$TMP" -name '*.tmp-*')"
if test_have tmpfs && small_disk "$TMP/small" 64k 0755; then
  expect_refused "a disk too small for the copy: refused" 1 "backup" inv backup "$TMP/small/x.db"
  check "and nothing is left on it" test -z "$(ls -A "$TMP/small")"
  umount "$TMP/small"
fi

# A backup while another program writes: receive loops in the background.
rm -rf "$BLANKO_DB.keys" "$BLANKO_DB.key"
( n=0; while [ ! -e "$TMP/stop" ] && [ $n -lt 400 ]; do
    "$INVENTORY" --user wh receive --supplier Peruri --ref "SJ-L$n" --serials "$(printf 'KTP%07d' $((100000 + n)))" \
      --to GUDANG >/dev/null 2>>"$TMP/loop.err" || echo "receive $n failed" >>"$TMP/loop.err"
    n=$((n + 1)); echo $n >"$TMP/loop.n"
  done ) &
loop=$!
while [ "$(cat "$TMP/loop.n" 2>/dev/null || echo 0)" -lt 5 ]; do sleep 0.1; done
expect_ok "a backup while receive loops" inv --json backup "$TMP/live.db"
during=$(cat "$TMP/loop.n")
events=$(json_get 'j["events"]') head=$(json_get 'j["head"]')
sleep 1; touch "$TMP/stop"; wait "$loop"
check "every receive of the loop succeeded" test ! -s "$TMP/loop.err"
check "the loop went on writing after the backup" test "$(cat "$TMP/loop.n")" -gt "$during"

# The restore procedure of inventory(1), into a fresh folder.
mkdir -m 2770 "$TMP/restore"
R="$TMP/restore/ledger.db"
rm -f "$R-wal" "$R-shm"
install -o root -g root -m 0660 "$TMP/live.db" "$R"
expect_ok "the restored ledger verifies" inv --db "$R" --json verify
check "it holds the events the backup said" test "$(json_get 'str(j["events"])+" "+j["head"]')" = "$events $head"
check "its chain is the live ledger's up to that event" \
  test "$(sqlite3 "$BLANKO_DB" "SELECT hash FROM event WHERE id = $events")" = "$head"
check "its stock is the live ledger's at that event, less what came after" \
  test "$(inv --db "$R" --json stock --location GUDANG | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" = \
  "$(( $(inv --json stock --location GUDANG | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])') - \
      $(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM event WHERE kind = 'receive' AND id > $events") ))"
expect_ok "the restored ledger takes writes" inv --db "$R" --user wh transfer --from GUDANG --to RC1 --serials KTP0005000
test_done
