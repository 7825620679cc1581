#!/bin/sh
# Issue 15: a request carries the day the resident was recorded (the
# import's optional "recorded" column, else the import's day) and a
# category (English codes, Indonesian words accepted; the reprint reasons
# are the same list).  A bad day or category refuses the file, naming the
# row and the field, and leaves the ledger unchanged.
. "$(dirname "$0")/lib/test-lib.sh"

. "$TOP/tests/lib/requests.sh"
card_site_setup
new_ledger

"$GEN" -n 6 -s 41 -o "$TMP/a" >/dev/null
"$GEN" -n 6 -s 42 -o "$TMP/b" >/dev/null
"$GEN" -n 3 -s 43 -o "$TMP/c" >/dev/null

# --- Bad days and categories: refused, the row and field named, nothing written -----------
csv_columns "$TMP/a/residents.csv" "$TMP/a/badday.csv" "recorded=2026-11-01|2026-02-30|||2026-11-02|"
expect_refused "a day that is not a day" 1 'badday\.csv:3: field "recorded": the day is past the end of its month; nothing was imported' \
  pc import "$TMP/a/badday.csv"
csv_columns "$TMP/a/residents.csv" "$TMP/a/future.csv" "recorded=|||||2999-01-01"
expect_refused "a recorded day after today" 1 'future\.csv:7: field "recorded": the day is after today' pc import "$TMP/a/future.csv"
csv_columns "$TMP/a/residents.csv" "$TMP/a/words.csv" "recorded=|||||01-11-2026"
expect_refused "a day not written YYYY-MM-DD" 1 'words\.csv:7: field "recorded": ' pc import "$TMP/a/words.csv"
csv_columns "$TMP/a/residents.csv" "$TMP/a/badcat.csv" "category=baru|baru|curi|||"
expect_refused "an unknown category" 1 'badcat\.csv:4: field "category": not one of new, lost, damaged, data-change, moved' pc import "$TMP/a/badcat.csv"
check "the refused files added nothing" test "$(q 'SELECT count(*) FROM request')" = 0
check "no value is repeated in a message" sh -c "! grep -q -e 2999 -e curi '$TMP/err'"

# --- With the columns: both languages, any case --------------------------------------------
csv_columns "$TMP/a/residents.csv" "$TMP/a/good.csv" "recorded=2026-06-01|2026-07-15||2026-11-30|2026-12-01|2025-12-31" \
  "category=baru|HILANG|rusak|Perubahan Data|pindah|"
expect_ok "an import with recorded days and categories" pc import "$TMP/a/good.csv"
check "recorded days as given, empty = the import's day" \
  test "$(q "SELECT group_concat(recorded, ' ') FROM (SELECT recorded FROM request ORDER BY id)")" = \
       "2026-06-01 2026-07-15 $TODAY 2026-11-30 2026-12-01 2025-12-31"
check "categories stored in English, empty = new" \
  test "$(q "SELECT group_concat(category, ' ') FROM (SELECT category FROM request ORDER BY id)")" = \
       "new lost damaged data-change moved new"
check "the columns are not card fields" test "$(q "SELECT count(*) FROM request WHERE fields LIKE '%recorded%' OR fields LIKE '%category%'")" = 0

# --- Without them: the import's day, new ----------------------------------------------------
expect_ok "an import without the columns" pc import "$TMP/b/residents.csv"
check "rows without the columns: today, new" \
  test "$(q "SELECT count(*) FROM request WHERE id > 6 AND recorded = '$TODAY' AND category = 'new'")" = 6

# --- A reprint's reason is its category; Indonesian words for --replace -------------------
expect_ok "a reprint import with --replace hilang" pc import "$TMP/b/residents.csv" --replace hilang
check "the reprints are category lost, reason lost" \
  test "$(q "SELECT count(*) FROM request WHERE id > 12 AND category = 'lost' AND reason = 'lost' AND supersedes IS NOT NULL")" = 6
expect_refused "--replace takes no category that is not a reprint's reason" 2 'one of lost, damaged, data-change' \
  pc import "$TMP/b/residents.csv" --replace pindah

# --- Sealed: verify notices an edited day or category ----------------------------------------
expect_ok "the ledger verifies" inv verify
cp "$BLANKO_DB" "$TMP/t.db"
sqlite3 "$TMP/t.db" "UPDATE request SET recorded = '2026-01-01' WHERE id = 2"
run inv --db "$TMP/t.db" verify
check "verify catches a changed recorded day (exit $rc)" sh -c "[ $rc = 3 ] && grep -q 'card request #2 differs' '$TMP/err'"
cp "$BLANKO_DB" "$TMP/t.db"
sqlite3 "$TMP/t.db" "UPDATE request SET category = 'new' WHERE id = 2"
run inv --db "$TMP/t.db" verify
check "verify catches a changed category (exit $rc)" sh -c "[ $rc = 3 ] && grep -q 'card request #2 differs' '$TMP/err'"

# --- An old ledger migrates: its requests have none, and still verify ------------------------
cp "$TOP/tests/data/ledger-v1.sqlite" "$TMP/v1.db"
expect_ok "an old ledger migrates and verifies" inv --db "$TMP/v1.db" verify
check "its schema is the current one (18)" test "$(sqlite3 "$TMP/v1.db" 'PRAGMA user_version')" = 18
test_done
