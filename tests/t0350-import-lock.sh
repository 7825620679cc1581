#!/bin/sh
# printctl import and the write lock (issue 10, findings 5.10 and 5.9):
# rows and photos are read and checked outside any write transaction,
# photos stored in short transactions, and one last transaction links the
# rows, so another writer with a short busy timeout gets through while a
# 3,000-row import with 3,000 photos runs (each its own: gen-residents -b
# pads the drawn faces, which may repeat, with random bytes).  A refused import leaves no
# request and no photo of its own.  A photo that is not a regular file
# (FIFO, folder, socket, symbolic link) is refused at once, never waited on.
. "$(dirname "$0")/lib/test-lib.sh"

PRINTCTL="$BLANKO_BIN/printctl"
GEN="$TOP/build/gen-residents"
pc() { "$PRINTCTL" "$@"; }
imp() { pc --user pr import "$@"; }
ROWS=3000

card_site_setup
cat >>"$BLANKO_CONF" <<'CONF'
[database]
busy_timeout = 3000
CONF
new_ledger
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0000001 --to GUDANG >/dev/null
"$GEN" -n $ROWS -p $ROWS -b 8000 -s 11 -o "$TMP/a" >/dev/null
count() { sqlite3 "$BLANKO_DB" "SELECT count(*) FROM $1"; }

# --- Another writer gets through while a large import runs -------------------------------
BLANKO_TX_LOG="$TMP/tx-a.log" imp "$TMP/a/residents.csv" >"$TMP/imp.out" 2>"$TMP/imp.err" &
pid=$!
n=0 bad=0 serial=1000
while kill -0 "$pid" 2>/dev/null; do
  serial=$((serial + 1))
  if inv --user wh receive --supplier Peruri --ref "SJ-$serial" --serials "KTP000$serial" --to GUDANG \
       >/dev/null 2>"$TMP/recv.err"; then
    n=$((n + 1))
  else
    bad=$((bad + 1)); cp "$TMP/recv.err" "$TMP/recv.bad"
  fi
done
wait "$pid"; irc=$?
check "the import of $ROWS rows with $ROWS photos succeeds (exit $irc: $(head -c 200 "$TMP/imp.err"))" test "$irc" -eq 0
check "it says so after the commit (counts grouped: 3,000)" grep -q "Imported 3,000 card requests" "$TMP/imp.out"
check "receives ran beside it ($n)" test "$n" -ge 3
longest=$(sort -k2 -n "$TMP/tx-a.log" | tail -1 | cut -d' ' -f2)
check "no receive failed while the import ran ($bad failed$( [ "$bad" -gt 0 ] && echo ": $(cat "$TMP/recv.bad")"); the import's longest transaction: $longest ms)" \
  test "$bad" -eq 0
check "every photo is stored once and linked" test "$(count photo)" = "$ROWS" -a \
  "$(sqlite3 "$BLANKO_DB" 'SELECT count(*) FROM photo WHERE id NOT IN (SELECT photo_id FROM request)')" = 0
expect_ok "the ledger verifies" inv verify

# --- A refused import leaves nothing: a bad row at the end ---------------------------------
"$GEN" -n $ROWS -p $ROWS -s 12 -o "$TMP/b" >/dev/null
python3 - "$TMP/b/residents.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
rows[-1][rows[0].index('nik')] = rows[-1][rows[0].index('nik')][:15]
csv.writer(open(sys.argv[1], 'w', newline=''), lineterminator='\n').writerows(rows)
PY
expect_refused "a bad last row refuses the import, and nothing is kept" 1 \
  "residents\\.csv:$((ROWS + 1)): field \"nik\": a NIK is 16 digits; nothing was imported" imp "$TMP/b/residents.csv"

# --- A refused import after its photos were stored removes them again ---------------------
# While import C checks its rows, import D (one row) takes C's first NIK:
# C is refused when it links, after storing its photos.
"$GEN" -n $ROWS -p $ROWS -b 8000 -s 13 -o "$TMP/c" >/dev/null
"$GEN" -n 1 -p 1 -b 8000 -s 14 -o "$TMP/d" >/dev/null
python3 - "$TMP/c/residents.csv" "$TMP/d/residents.csv" <<'PY'
import csv, sys
c = list(csv.reader(open(sys.argv[1], newline='')))
d = list(csv.reader(open(sys.argv[2], newline='')))
i = c[0].index('nik')
d[1][i] = c[1][i]
for col in ('birth_date', 'sex'):
    d[1][c[0].index(col)] = c[1][c[0].index(col)]
csv.writer(open(sys.argv[2], 'w', newline=''), lineterminator='\n').writerows(d)
PY
photos_before=$(count photo) requests_before=$(count request)
BLANKO_TX_LOG="$TMP/tx.log" imp "$TMP/c/residents.csv" >"$TMP/imp.out" 2>"$TMP/imp.err" &
pid=$!
sleep 1
expect_ok "a one-row import takes C's first NIK while C runs" imp "$TMP/d/residents.csv"
wait "$pid"; irc=$?
check "C is refused (exit $irc) with one line naming its row 2" \
  test "$irc" -eq 1 -a "$(wc -l <"$TMP/imp.err")" -eq 1
check "C's message names its line 2 and the NIK field: $(cat "$TMP/imp.err")" \
  grep -Eq 'residents\.csv:2: field "nik": this NIK already has a pending request.*nothing was imported$' "$TMP/imp.err"
check "C had stored its photos before it was refused" test "$(wc -l <"$TMP/tx.log")" -ge 3
check "only D's request was added" test "$(count request)" = "$((requests_before + 1))"
check "only D's photo is left: C's $ROWS photos are gone" test "$(count photo)" = "$((photos_before + 1))"
expect_ok "the ledger verifies after the refused import" inv verify
# The bytes of C's photos are not left readable in the file's free pages
# (secure_delete): 64 of the random bytes in C's last photo, looked for in the
# ledger once its WAL is checkpointed into it and emptied.
sqlite3 "$BLANKO_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
check "no bytes of C's removed photos are left in the ledger file" python3 - "$BLANKO_DB" "$(ls "$TMP/c/photos"/*.jpg | tail -1)" <<'PY'
import sys
photo = open(sys.argv[2], 'rb').read()
com = photo.find(b'\xff\xfe')		# the comment of random bytes gen-residents -b adds
probe = photo[com + 100:com + 164] if com >= 0 else b''
if len(probe) != 64:
    sys.exit(2)
sys.exit(1 if probe in open(sys.argv[1], 'rb').read() else 0)
PY

# --- Photos left by a killed import are removed by a later one, once an hour old ---------
"$GEN" -n $ROWS -p $ROWS -b 8000 -s 16 -o "$TMP/k" >/dev/null
photos_before=$(count photo)
rm -f "$TMP/tx.log"
BLANKO_TX_LOG="$TMP/tx.log" "$PRINTCTL" --user pr import "$TMP/k/residents.csv" >/dev/null 2>&1 &
pid=$!
# Kill it once it has stored a batch of photos (the sweep, then a batch).
while kill -0 "$pid" 2>/dev/null && [ "$(cat "$TMP/tx.log" 2>/dev/null | wc -l)" -lt 2 ]; do sleep 0.05; done
kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
orphans=$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM photo_stage s WHERE NOT EXISTS (SELECT 1 FROM request r WHERE r.photo_id = s.photo_id)")
check "the killed import left staged photos no request uses ($orphans)" test "$orphans" -gt 0
check "... and no request" test "$(count request)" = "$((requests_before + 1))"
expect_ok "the ledger verifies with them there" inv verify
"$GEN" -n 1 -p 1 -b 8000 -s 17 -o "$TMP/l" >/dev/null
expect_ok "an import within the hour" imp "$TMP/l/residents.csv"
check "leaves them (they may be another import's)" test "$(count photo)" = "$((photos_before + orphans + 1))"
sqlite3 "$BLANKO_DB" "UPDATE photo_stage SET since = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-61 minutes')"
"$GEN" -n 1 -p 1 -b 8000 -s 18 -o "$TMP/m" >/dev/null
expect_ok "an import an hour later" imp "$TMP/m/residents.csv"
check "removes them" test "$(count photo)" = "$((photos_before + 2))" -a "$(count photo_stage)" = 0
expect_ok "the ledger verifies after the sweep" inv verify

# --- Photos that are not regular files are refused at once ----------------------------------
"$GEN" -n 1 -s 15 -o "$TMP/e" >/dev/null
one() {
  python3 - "$TMP/e/residents.csv" "$TMP/e/$1.csv" "$2" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
rows[1][rows[0].index('photo')] = sys.argv[3]
csv.writer(open(sys.argv[2], 'w', newline=''), lineterminator='\n').writerows(rows)
PY
}
mkfifo "$TMP/e/photos/fifo.jpg"
mkdir "$TMP/e/photos/dir.jpg"
ln -s fifo.jpg "$TMP/e/photos/tofifo.jpg"
ln -s p000001.jpg "$TMP/e/photos/link.jpg"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$TMP/e/photos/sock.jpg"
one fifo photos/fifo.jpg; one dir photos/dir.jpg; one tofifo photos/tofifo.jpg
one link photos/link.jpg; one sock photos/sock.jpg
expect_refused "a FIFO as a photo, at once" 1 'fifo\.csv:2: field "photo": the photo file is not a regular file \(a FIFO\); nothing was imported$' \
  timeout 20 "$PRINTCTL" --user pr import "$TMP/e/fifo.csv"
expect_refused "a folder as a photo" 1 'dir\.csv:2: field "photo": the photo file is not a regular file \(a folder\)' \
  timeout 20 "$PRINTCTL" --user pr import "$TMP/e/dir.csv"
expect_refused "a symbolic link to a FIFO" 1 'tofifo\.csv:2: field "photo": the photo file is not a regular file \(a symbolic link\)' \
  timeout 20 "$PRINTCTL" --user pr import "$TMP/e/tofifo.csv"
expect_refused "a symbolic link to a photo" 1 'link\.csv:2: field "photo": the photo file is not a regular file \(a symbolic link\)' \
  timeout 20 "$PRINTCTL" --user pr import "$TMP/e/link.csv"
expect_refused "a socket as a photo" 1 'sock\.csv:2: field "photo": the photo file is not a regular file \(a socket\)' \
  timeout 20 "$PRINTCTL" --user pr import "$TMP/e/sock.csv"
expect_ok "the same row with its own photo is imported" timeout 20 "$PRINTCTL" --user pr import "$TMP/e/residents.csv"
# --- ... and with --skip-invalid only that row is left out ----------------------------------
# The rows are linked in one statement (ids given before the transaction):
# the row whose NIK was taken is left out and the others keep consecutive ids.
"$GEN" -n $ROWS -p $ROWS -b 8000 -s 21 -o "$TMP/s" >/dev/null
"$GEN" -n 1 -p 1 -b 8000 -s 22 -o "$TMP/t" >/dev/null
python3 - "$TMP/s/residents.csv" "$TMP/t/residents.csv" <<'PY'
import csv, sys
c = list(csv.reader(open(sys.argv[1], newline='')))
d = list(csv.reader(open(sys.argv[2], newline='')))
for col in ('nik', 'birth_date', 'sex'):
    d[1][c[0].index(col)] = c[3][c[0].index(col)]
csv.writer(open(sys.argv[2], 'w', newline=''), lineterminator='\n').writerows(d)
PY
photos_before=$(count photo) requests_before=$(count request)
imp --skip-invalid "$TMP/s/residents.csv" >"$TMP/imp.out" 2>"$TMP/imp.err" &
pid=$!
sleep 1
expect_ok "a one-row import takes S's third NIK while S runs" imp "$TMP/t/residents.csv"
wait "$pid"; irc=$?
check "S with --skip-invalid exits 1 naming line 4 ($(head -c 300 "$TMP/imp.err"))" \
  sh -c "[ $irc = 1 ] && grep -Eq 'residents\.csv:4: field \"nik\": this NIK already has a pending request' '$TMP/imp.err' && grep -q '1 of $ROWS records has errors and was skipped; $((ROWS - 1)) imported' '$TMP/imp.err'"
check "S added the other $((ROWS - 1)) rows, with consecutive ids" \
  test "$(sqlite3 "$BLANKO_DB" "SELECT count(*), max(id) - min(id) + 1 FROM request WHERE id > $requests_before + 1")" = "$((ROWS - 1))|$((ROWS - 1))"
check "only the left-out row's photo is gone" test "$(count photo)" = "$((photos_before + ROWS))" -a "$(count photo_stage)" = 0
expect_ok "the ledger verifies after the import with a row left out" inv verify

check "nothing was left in TMPDIR" test -z "$(ls -A "$TMPDIR")"

test_done
