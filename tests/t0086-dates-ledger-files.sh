#!/bin/sh
# Dates (issue 10, 5.15): one check for every date, real calendar days and
# times, with reasons that say what is wrong.  The ledger's file and folder
# (5.17, 5.18): a symbolic link, a ledger or folder every account may
# write, an unreadable ledger, a read-only folder, a read-only copy with a
# WAL and no -shm: each says what is wrong and how to mend it, or opens.
# Each refusal: its exit code, one line on stderr, the words promised, and
# the ledger unchanged.
. "$(dirname "$0")/lib/test-lib.sh"

PRINTCTL="$BLANKO_BIN/printctl"
GEN="$TOP/build/gen-residents"
new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null

# --- 5.15: dates -------------------------------------------------------------------------------
expect_refused "log --since 2026-13-45: no month 13" 1 'bad time "2026-13-45": month 13 is not a month' \
  inv log --since 2026-13-45
expect_refused "log --since T25:99: no hour 25" 1 'bad time "2026-12-05T25:99": hour 25 is not an hour' \
  inv log --since 2026-12-05T25:99
expect_refused "log --since T23:60: no minute 60" 1 'minute 60 is not a minute' inv log --since 2026-12-05T23:60
expect_refused "log --since 2026-02-29: not a leap year" 1 'February 2026 has 28 days' inv log --since 2026-02-29
expect_refused "log --since in another pattern names the patterns" 1 'write YYYY-MM-DD, YYYY-MM-DDTHH:MM or' \
  inv log --since 05/12/2026
expect_ok "log --since 2024-02-29 (a leap year)" inv log --since 2024-02-29
expect_ok "log --since 2026-12-05T23:59:59" inv log --since 2026-12-05T23:59:59
expect_refused "reconcile --to 2026-02-30 says February has 28 days" 1 'bad date "2026-02-30": February 2026 has 28 days$' \
  inv --user au report reconcile --from 2026-02-01 --to 2026-02-30
check "  and does not tell to use the format it was given" sh -c "! grep -q 'use YYYY-MM-DD' '$TMP/err'"
expect_refused "reconcile --from 2026-04-31" 1 'April 2026 has 30 days' \
  inv --user au report reconcile --from 2026-04-31 --to 2026-05-31
inv --user au spoil --serials KTP0001000 --reason "printer jam" >/dev/null
expect_refused "destroy prepare --planned 2026-06-31" 1 'bad date "2026-06-31": June 2026 has 30 days' \
  inv --user au destroy prepare --all --method incineration --place Halaman --planned 2026-06-31

# The NIK's birth day, with and without birth_date.
export TMPDIR="$TMP/tmpdir"; mkdir -m 700 "$TMPDIR"
printf '[site]\nprovince = Jawa Tengah\nregency = Kota Semarang\nissue_city = Kota Semarang\n' >"$BLANKO_CONF"
"$GEN" -n 1 -s 2 -o "$TMP/res" >/dev/null
# resident FILE FIELD=VALUE...: the generated resident with fields changed.
resident() {
  out=$1; shift
  python3 - "$TMP/res/residents.csv" "$TMP/res/$out" "$@" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
head, row = rows[0], rows[1]
for kv in sys.argv[3:]:
    k, v = kv.split('=', 1)
    row[head.index(k)] = v
csv.writer(open(sys.argv[2], 'w', newline=''), lineterminator='\n').writerows([head, row])
PY
}
NIK=$(sed -n 2p "$TMP/res/residents.csv" | cut -d, -f1)
NIK_APR31=$(echo "$NIK" | sed 's/^\(......\)..../\13104/')	# 31 April
resident apr31.csv nik="$NIK_APR31" birth_date=
resident apr31b.csv nik="$NIK_APR31"
resident feb30.csv birth_date=1946-02-30
resident valid.csv valid_until=2031-02-29
imp() { "$PRINTCTL" --user pr import "$@"; }
expect_refused "a NIK born on 31 April, birth_date empty" 1 ':2: field "nik": digits 7-12 of a NIK are a birth date' \
  imp "$TMP/res/apr31.csv"
expect_refused "a NIK born on 31 April, birth_date given" 1 ':2: field "nik": digits 7-12 of a NIK are a birth date' \
  imp "$TMP/res/apr31b.csv"
expect_refused "birth_date 30 February: says what is wrong, not the date" 1 \
  ':2: field "birth_date": the day is past the end of its month' imp "$TMP/res/feb30.csv"
check "  and the date itself is not shown" sh -c "! grep -q '1946' '$TMP/err'"
expect_refused "valid_until 2031-02-29" 1 ':2: field "valid_until": .*the day is past the end of its month' \
  imp "$TMP/res/valid.csv"
: >"$BLANKO_CONF"

# --- 5.17: the ledger's file and folder ------------------------------------------------------
L="$BLANKO_DB"
ln -s "$L" "$TMP/link.db"
expect_refused "a ledger named through a symbolic link" 1 "link\.db is a symbolic link: give the ledger's own path \($L\)" \
  inv --db "$TMP/link.db" stock
expect_refused "a write through a symbolic link" 1 "link\.db is a symbolic link" \
  inv --db "$TMP/link.db" --user wh receive --supplier Peruri --ref SJ-2 --serials KTP0002000 --to GUDANG
chmod 666 "$L"
expect_refused "a ledger every account may write (0666)" 1 "is writable by every account \(mode 0666\).*run 'chmod o-w $L'" \
  inv --user wh receive --supplier Peruri --ref SJ-2 --serials KTP0002000 --to GUDANG
chmod 660 "$L"
mkdir "$TMP/open"; chmod 777 "$TMP/open"; cp "$L" "$TMP/open/l.db"
export BLANKO_DB="$TMP/open/l.db"
expect_refused "a ledger in a folder every account may write (0777)" 1 \
  "the folder $TMP/open is writable by every account.*run 'chmod o-w $TMP/open'" inv stock
expect_refused "init in a folder every account may write" 1 "the folder $TMP/open is writable by every account" \
  inv --db "$TMP/open/new.db" init
check "  and it left nothing" test ! -e "$TMP/open/new.db"
chmod 1777 "$TMP/open"
expect_ok "a folder every account may write with the sticky bit (like /tmp) is fine" inv stock
export BLANKO_DB="$L"

if id nobody >/dev/null 2>&1 && command -v runuser >/dev/null; then
  inv user add nobody --role warehouse,auditor >/dev/null
  # as_nobody LEDGER ARGS...: inventory run by the unprivileged account nobody.
  as_nobody() { db=$1; shift; runuser -u nobody -- env BLANKO_DB="$db" BLANKO_CONF="$BLANKO_CONF" "$INVENTORY" "$@"; }

  # Unreadable: the ledger's mode, or its folder's.
  mkdir "$TMP/private"; chmod 755 "$TMP/private"
  cp "$L" "$TMP/private/l.db"; chmod 640 "$TMP/private/l.db"
  export BLANKO_DB="$TMP/private/l.db"
  expect_refused "a ledger this account may not read" 1 "permission denied reading $TMP/private/l\.db \(mode 0640\)" \
    as_nobody "$BLANKO_DB" stock
  check "  and it does not suggest 'inventory init'" sh -c "! grep -q 'inventory init' '$TMP/err'"
  chmod 700 "$TMP/private"; chmod 660 "$TMP/private/l.db"
  expect_refused "a ledger in a folder this account may not enter" 1 \
    "permission denied reading $TMP/private/l\.db: this account may not enter the folder $TMP/private" \
    as_nobody "$BLANKO_DB" stock
  check "  and it does not suggest 'inventory init'" sh -c "! grep -q 'inventory init' '$TMP/err'"

  # A read-only folder: reads work, a write says why it cannot be made.
  mkdir "$TMP/rofolder"; cp "$L" "$TMP/rofolder/l.db"
  chown -R nobody "$TMP/rofolder"; chmod 660 "$TMP/rofolder/l.db"; chmod 555 "$TMP/rofolder"
  export BLANKO_DB="$TMP/rofolder/l.db"
  expect_ok "a ledger in a read-only folder can be read" as_nobody "$BLANKO_DB" stock
  expect_refused "a write in a read-only folder says the folder is not writable" 1 \
    "cannot create the journal beside the ledger in $TMP/rofolder: the folder is not writable" \
    as_nobody "$BLANKO_DB" receive --supplier Peruri --ref SJ-3 --serials KTP0003000 --to GUDANG

  # --- 5.18: a read-only copy with a -wal and no -shm ------------------------------------------
  # The copy is taken while another connection holds the ledger, so that its
  # last event (the user walonly) is only in the -wal.
  mkdir "$TMP/live"; cp "$L" "$TMP/live/l.db"
  rm -f "$TMP/live/l.db-wal" "$TMP/live/l.db-shm"
  python3 - "$TMP/live/l.db" "$INVENTORY" "$TMP/copy" <<'PY'
import os, shutil, sqlite3, subprocess, sys
db, inventory, copy = sys.argv[1:4]
c = sqlite3.connect(db)
c.execute("SELECT count(*) FROM event").fetchall()		# hold the ledger open
env = dict(os.environ, BLANKO_DB=db)
subprocess.run([inventory, "user", "add", "walonly", "--role", "auditor"], env=env, check=True, stdout=subprocess.DEVNULL)
os.mkdir(copy)
shutil.copy(db, copy + "/l.db")
shutil.copy(db + "-wal", copy + "/l.db-wal")
PY
  check "the copy has a -wal with content and no -shm" test -s "$TMP/copy/l.db-wal" -a ! -e "$TMP/copy/l.db-shm"
  chmod 444 "$TMP/copy/l.db" "$TMP/copy/l.db-wal"; chmod 555 "$TMP/copy"
  export BLANKO_DB="$TMP/copy/l.db"
  run as_nobody "$BLANKO_DB" user list
  check "a read-only copy with a -wal and no -shm opens, and reads the -wal (exit $rc: $(cat "$TMP/err"))" \
    sh -c "[ $rc -eq 0 ] && grep -q walonly '$TMP/out'"
  run as_nobody "$BLANKO_DB" verify
  check "  and verifies ($(cat "$TMP/out" "$TMP/err"))" test "$rc" -eq 0
  check "  and no -shm was made" test ! -e "$TMP/copy/l.db-shm"
  expect_refused "  a write to it is refused" 1 "nothing was changed" \
    as_nobody "$BLANKO_DB" receive --supplier Peruri --ref SJ-4 --serials KTP0004000 --to GUDANG
  # A folder its owner may still write: a writer could start, so it is not
  # read without locks; the message says what is missing and what to do.
  chmod 755 "$TMP/copy"
  expect_refused "a -wal without -shm in a folder its owner may write: the true reason" 1 \
    "its write-ahead log $TMP/copy/l\.db-wal needs $TMP/copy/l\.db-shm beside it, and this account cannot create files in $TMP/copy" \
    as_nobody "$BLANKO_DB" stock
  check "  and it is not called 'not a blanko database'" sh -c "! grep -q 'not a blanko database' '$TMP/err'"
  export BLANKO_DB="$L"
else
  echo "# SKIP unreadable and read-only ledgers: no account nobody or no runuser"
fi

expect_ok "the ledger verifies" inv verify
test_done
