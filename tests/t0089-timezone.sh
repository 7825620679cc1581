#!/bin/sh
# The office's time zone (issue 13): [site] timezone, an IANA name, default
# Asia/Jakarta (WIB); Asia/Makassar (WITA) and Asia/Jayapura (WIT) each show
# their own time; the caller's TZ does not count (the configuration
# decides); an unknown zone, or a name that is not one, is refused with the
# setting's line number.  The other [site] settings of the office are read,
# a bad head_nip refused with its line.
. "$(dirname "$0")/lib/test-lib.sh"

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
CONF=$(basename "$BLANKO_CONF")
since=$(sqlite3 "$BLANKO_DB" "SELECT since FROM user WHERE name = 'wh'")
epoch=$(date -u -d "$(echo "$since" | sed 's/T/ /; s/\..*//')" +%s)

# local ZONE: wh's registration time in ZONE, as user list shows it.
local_time() { TZ=":$1" date -d "@$epoch" '+%Y-%m-%d %H:%M'; }

: >"$BLANKO_CONF"
expect_ok "no timezone setting" env TZ=UTC "$INVENTORY" user list
expect_out "the default zone is Asia/Jakarta (WIB), whatever TZ says" "^wh +warehouse +$(local_time Asia/Jakarta) WIB +enabled$"
for z in Asia/Jakarta:WIB Asia/Makassar:WITA Asia/Jayapura:WIT; do
  printf '[site]\noffice = Kota Contoh\ntimezone = %s\n' "${z%:*}" >"$BLANKO_CONF"
  expect_ok "timezone = ${z%:*}" env TZ=America/New_York "$INVENTORY" user list
  expect_out "${z%:*}: times are the office's, marked ${z#*:}" "^wh +warehouse +$(local_time "${z%:*}") ${z#*:} +enabled$"
done

printf '[site]\noffice = Kota Contoh\n\ntimezone = Asia/Atlantis\n' >"$BLANKO_CONF"
expect_refused "an unknown zone is refused with its line" 1 "$CONF:4: site\.timezone: Asia/Atlantis is not a known time zone" inv stock
printf '[site]\ntimezone = ../../etc/passwd\n' >"$BLANKO_CONF"
expect_refused "a path is not a zone" 1 "$CONF:2: site\.timezone is not a time zone's name" inv stock
printf '[site]\ntimezone = /usr/share/zoneinfo/Asia/Jakarta\n' >"$BLANKO_CONF"
expect_refused "an absolute path is not a zone" 1 "$CONF:2: site\.timezone" inv stock
printf '[site]\ntimezone =\n' >"$BLANKO_CONF"
expect_refused "an empty zone is refused" 1 "$CONF:2: site\.timezone" inv stock

cat >"$BLANKO_CONF" <<'CONF'
[site]
government = PEMERINTAH KOTA CONTOH
office = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh
address = Jl. Pemuda No. 1, Kota Contoh 50000
city = Kota Contoh
head_name = Dra. Sri Wahyuningsih, M.Si.
head_nip = 19700412 199503 2 004
head_post = Kepala Dinas Kependudukan dan Pencatatan Sipil
timezone = Asia/Makassar
CONF
expect_ok "the office's settings are read" inv stock
printf '[site]\ncity = Kota Contoh\nhead_nip = 19700412 199503 2 00\n' >"$BLANKO_CONF"
expect_refused "a head_nip of 17 digits is refused with its line" 1 "$CONF:3: site\.head_nip must be a NIP" inv stock
printf '[site]\nhead_nip = 19700412-199503-2-004\n' >"$BLANKO_CONF"
expect_refused "a head_nip with dashes is refused" 1 "$CONF:2: site\.head_nip must be a NIP" inv stock

test_done
