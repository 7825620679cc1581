#!/bin/sh
# The configuration file and empty paths (issue 10, 5.13 and 5.14): a bad
# configuration names its first bad line with that line's own number and
# reason; a file that is not a blanko configuration is named without
# showing any of its content; an empty path (--db "", BLANKO_DB="",
# BLANKO_CONF="", -o "", --photos "", path =) is refused, never taken
# for the default.  Each refusal: its exit code, one line on stderr, the
# words promised, and the ledger unchanged.
. "$(dirname "$0")/lib/test-lib.sh"

PRINTCTL="$BLANKO_BIN/printctl"
new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
CONF=$(basename "$BLANKO_CONF")

# --- 5.13: each bad line with its own number ------------------------------------------------
printf '[site]\nfoo = 1\noffice = Kota Contoh\n\nbar = 2\n' >"$BLANKO_CONF"
expect_refused "two unknown settings: the first is named with its own line" 1 "$CONF:2: unknown setting site\.foo\$" \
  inv stock
printf '[site]\noffice = Kota Contoh\nthis line is junk\n\nbar = 2\n' >"$BLANKO_CONF"
expect_refused "a malformed line before an unknown setting: the malformed line (3) is named" 1 \
  "$CONF:3: not a valid INI line" inv stock
printf '[database]\ncolour = blue\nbusy_timeout = 100\njunk\n' >"$BLANKO_CONF"
expect_refused "an unknown setting before a malformed line: the setting (2) is named" 1 \
  "$CONF:2: unknown setting database\.colour\$" inv stock
printf '[database]\nbusy_timeout = 100\nbusy_timeout = soon\ncolour = blue\n' >"$BLANKO_CONF"
expect_refused "a bad value is named with its own line, not the last bad line's" 1 \
  "$CONF:3: busy_timeout must be 0 to 3600000 milliseconds\$" inv stock

# --- 5.13: a file that is not a blanko configuration shows nothing of itself ------------------
printf 'root:$y$j9T$QmFzZTY0c2VjcmV0$hash:19000:0:99999:7:::\nsitirahasia:!:19000:0:99999:7:::\n' >"$BLANKO_CONF"
expect_refused "a file in /etc/shadow's format is not a blanko configuration" 1 \
  "$CONF is not a blanko configuration" inv stock
check "  and no user name or hash of it is shown" sh -c "! grep -Eq 'root|sitirahasia|QmFz|19000' '$TMP/err'"
printf '[Desktop Entry]\nName=RahasiaKantor\n' >"$BLANKO_CONF"
expect_refused "another program's INI file is not a blanko configuration" 1 "$CONF is not a blanko configuration" \
  inv stock
check "  and none of its content is shown" sh -c "! grep -Eq 'Desktop|RahasiaKantor' '$TMP/err'"
printf 'office = Kota Contoh\n[site]\n' >"$BLANKO_CONF"
expect_refused "a setting before any section: not a blanko configuration" 1 "$CONF is not a blanko configuration" \
  inv stock
printf '; blanko\n# settings\n\n[site]\noffice = Kota Contoh\n' >"$BLANKO_CONF"
expect_ok "comments and blank lines before [site] are fine" inv stock
printf '\357\273\277[database]\nbusy_timeout = 100\n' >"$BLANKO_CONF"
expect_ok "a UTF-8 byte order mark before [database] is fine" inv stock
: >"$BLANKO_CONF"
expect_ok "an empty configuration holds the defaults" inv stock

# --- 5.14: empty paths ------------------------------------------------------------------------
mkdir "$TMP/cwd"
cd "$TMP/cwd" || exit 1
expect_refused "--db \"\" is refused" 2 "--db: the path is empty" inv --db "" stock
expect_refused "--db \"\" is refused for a write too" 2 "--db: the path is empty" \
  inv --db "" --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000 --to GUDANG
expect_refused "printctl --db \"\" is refused" 2 "--db: the path is empty" "$PRINTCTL" --db "" requests
expect_refused "BLANKO_DB=\"\" is refused" 1 "BLANKO_DB is set but empty" env BLANKO_DB= "$INVENTORY" stock
expect_refused "BLANKO_CONF=\"\" is refused" 1 "BLANKO_CONF is set but empty" env BLANKO_CONF= "$INVENTORY" stock
check "  and no ledger was made in the working folder" test ! -e "$TMP/cwd/blanko.db"
printf '[database]\npath =\n' >"$BLANKO_CONF"
expect_refused "an empty path = in the configuration is refused" 1 "$CONF:2: database\.path is empty" \
  env -u BLANKO_DB "$INVENTORY" stock
printf '[site]\ntemplates =\n' >"$BLANKO_CONF"
expect_refused "an empty templates = in the configuration is refused" 1 "$CONF:2: site\.templates is empty" inv stock
: >"$BLANKO_CONF"
check "  and still no ledger in the working folder" test ! -e "$TMP/cwd/blanko.db"
expect_refused "report -o \"\" is refused" 2 "--output: the path is empty" inv report stock -o ""
expect_refused "report --output= is refused" 2 "--output: the path is empty" inv report stock --output=
expect_refused "printctl render -o \"\" is refused" 2 "--output: the path is empty" \
  "$PRINTCTL" --user pr render 1 -o ""
printf 'nik,name\n' >"$TMP/r.csv"
expect_refused "printctl import --photos \"\" is refused" 2 "--photos: the path is empty" \
  "$PRINTCTL" --user pr import "$TMP/r.csv" --photos ""
expect_refused "printctl import \"\" is refused" 2 "the CSV FILE's path is empty" "$PRINTCTL" --user pr import ""
check "  and nothing was written in the working folder ($(ls -A "$TMP/cwd"))" test -z "$(ls -A "$TMP/cwd")"
cd "$TOP" || exit 1

expect_ok "the ledger verifies" inv verify
test_done
