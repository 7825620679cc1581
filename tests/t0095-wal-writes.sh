#!/bin/bash
# The WAL written in one piece per commit (issue 17, db.c's "blanko" VFS):
# a single move writes the -wal file with at most 2 pwrite calls; a reader
# on SQLite's own VFS (the sqlite3 program) sees every acknowledged move;
# writers killed (SIGKILL) at random moments leave a ledger that verifies
# and holds every move that was reported; a disk filling while a move's
# frames are written leaves the ledger as it was, with one line on stderr.
# (tests/unit/test-ledger.c's WAL cases look from inside the COMMIT.)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib/test-lib.sh"
test_require root sqlite3 strace tmpfs

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
W="inv --user wh"
$W receive --supplier Peruri --ref SJ-1 --serials KTP0000001-KTP0002000 --to GUDANG >/dev/null

# sql QUERY: the sqlite3 program's answer (waiting for a writer up to 5 s).
sql() { sqlite3 -cmd ".timeout 5000" "$BLANKO_DB" "$1"; }
# held ACCOUNT: serials ACCOUNT holds, as the sqlite3 program reads them.
held() {
  sql "SELECT coalesce(sum(h.last - h.first + 1), 0) FROM holding h JOIN account a ON a.id = h.account_id
                        WHERE a.code = '$1'"
}
# total: serials held in all; has_event N: 1 if event N is in the ledger.
total() { sql "SELECT coalesce(sum(last - first + 1), 0) FROM holding"; }
has_event() { sql "SELECT count(*) FROM event WHERE id = $1"; }
# move FROM TO: one serial moved; prints its event number.
move() { $W transfer --from "$1" --to "$2" --count 1 | sed -n 's/.*(event \([0-9]*\))\.$/\1/p'; }

# wal_writes: the pwrite calls on the -wal file of one move, traced.
wal_writes() {
  strace -f -qq -y -e trace=pwrite64 -o "$TMP/trace" "$INVENTORY" --user wh transfer --from GUDANG --to RC1 --count 1 >/dev/null
  grep -c 'pwrite64([0-9]*<[^>]*-wal>' "$TMP/trace"
}

# 1. A single move's frames: one pwrite (two when the WAL is new: its header).
n=$(wal_writes)
check "a single move writes the WAL with at most 2 pwrite calls (it made $n)" test "$n" -ge 1 -a "$n" -le 2
# ... and with a WAL kept by another connection (a reader holding it open).
sqlite3 "$BLANKO_DB" >/dev/null 2>&1 <<SQL &
BEGIN; SELECT count(*) FROM event; COMMIT;
.shell sleep 4
SQL
holder=$!
sleep 0.5
$W transfer --from GUDANG --to RC1 --count 1 >/dev/null
n=$(wal_writes)
check "a single move into a WAL that is there already: 1 pwrite (it made $n)" test "$n" -eq 1
wait "$holder"

# 2. A reader on SQLite's own VFS after each acknowledged move.
in_rc1=$(held RC1) bad=0
for i in $(seq 1 30); do
  if [ $((i % 3)) -eq 0 ]; then e=$(move RC1 GUDANG); in_rc1=$((in_rc1 - 1)); else e=$(move GUDANG RC1); in_rc1=$((in_rc1 + 1)); fi
  [ -n "$e" ] && [ "$(has_event "$e")" = 1 ] && [ "$(held RC1)" = "$in_rc1" ] && [ "$(total)" = 2000 ] || bad=$((bad + 1))
done
check "30 moves, each seen at once by a reader on SQLite's own VFS ($bad not)" test "$bad" -eq 0

# 3. Writers killed (SIGKILL) at random moments, 25 times, between moves
#    that were reported: every reported move is kept, verify passes.
: >"$TMP/acked"
killed=0
for i in $(seq 1 25); do
  e=$(move GUDANG RC1) && [ -n "$e" ] && echo "$e" >>"$TMP/acked"
  "$INVENTORY" --user wh transfer --from RC1 --to GUDANG --count 1 >/dev/null 2>&1 &
  victim=$!				# the program itself, not a shell around it
  sleep "$(printf "0.%03d" $((RANDOM % 40 + 1)))"	# 1 to 40 ms: a move takes about 30
  kill -9 "$victim" 2>/dev/null
  wait "$victim" 2>/dev/null
  [ $? -ne 137 ] || killed=$((killed + 1))
done
lost=0
while read -r e; do [ "$(has_event "$e")" = 1 ] || lost=$((lost + 1)); done <"$TMP/acked"
check "25 writers killed at random ($killed before they ended): all $(wc -l <"$TMP/acked") moves reported are in the ledger ($lost lost)" \
  test "$lost" -eq 0 -a "$(wc -l <"$TMP/acked")" -eq 25
check "and the serials are all there" test "$(total)" = 2000
expect_ok "and verify passes" inv verify

# 4. The disk fills while a move's frames are written (one pwrite cut short).
FULL="$TMP/full"
small_disk "$FULL" 1m || { test_done; exit 1; }
cp "$BLANKO_DB" "$FULL/ledger.db"
export BLANKO_DB="$FULL/ledger.db"
rm -f "$FULL/filler"
# 36 KB kept free: the -shm file takes 32 KB, the WAL gets one 4 KB page of
# the tmpfs, less than a move's frames (about 7-9 frames of 1 kB pages).
head -c $((36 * 1024)) /dev/zero >"$FULL/spacer"
dd if=/dev/zero of="$FULL/filler" bs=4k 2>/dev/null
rm -f "$FULL/spacer"
expect_refused "a move whose WAL write meets a full disk exits 1 with one line" 1 "the disk is full" \
  $W transfer --from GUDANG --to RC1 --count 1
rm -f "$FULL/filler"
expect_ok "with room again the move is made" $W transfer --from GUDANG --to RC1 --count 1
expect_ok "and verify passes" inv verify
check "the serials are all there" test "$(total)" = 2000

test_done
