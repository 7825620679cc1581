#!/bin/sh
# printctl import, requests, render and verify-qr against a real ledger:
# generated residents, every kind of bad row, reprints, roles, file modes,
# real PDF/PNG checked with pdfinfo, pdftotext and zbarimg.
. "$(dirname "$0")/lib/test-lib.sh"

PRINTCTL="$BLANKO_BIN/printctl"
GEN="$TOP/build/gen-residents"
pc() { "$PRINTCTL" "$@"; }

# Personal data must not be left in temporary files: printctl runs with
# its own empty TMPDIR, checked at the end.
card_site_setup

for c in import requests render verify-qr; do
  run pc $c --help
  if [ "$rc" -eq 0 ] && grep -q "^Usage: printctl $c" "$TMP/out"; then pass "'$c --help' prints usage"; else fail "'$c --help' (exit $rc)"; fi
  check "the man page documents '$c'" grep -q "^\\.SS \"*$c" "$TOP/printctl/printctl.1"
done

new_ledger
"$GEN" -n 20 -s 1 -o "$TMP/good" >/dev/null
"$GEN" -n 5 -s 2 -o "$TMP/bad" >/dev/null
"$GEN" -n 3 -s 3 --long -o "$TMP/long" >/dev/null

# variant NAME FIELD VALUE: a CSV with the first resident of $TMP/bad, FIELD
# set to VALUE (bytes; "-" drops the column).
variant() { csv_variant "$TMP/bad/residents.csv" "$TMP/bad/$1.csv" "$2" "$3"; }
first_field() { python3 -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print(r[0][sys.argv[2]])" "$1" "$2"; }
NIK=$(first_field "$TMP/bad/residents.csv" nik)
SEX=$(first_field "$TMP/bad/residents.csv" sex)
OTHER_SEX=PEREMPUAN; [ "$SEX" = PEREMPUAN ] && OTHER_SEX=LAKI-LAKI
NIK_MONTH13=$(echo "$NIK" | sed 's/^\(........\)../\113/')

# --- Every bad input is refused with its reason, and changes nothing -------------------
variant nik15 nik "$(echo "$NIK" | cut -c1-15)"
variant nikx nik "$(echo "$NIK" | cut -c1-15)X"
variant nikdate nik "$NIK_MONTH13"
variant niksex sex "$OTHER_SEX"
variant bdate birth_date 1990-02-30
variant noname name ""
variant nocol name -
variant utf8 name "$(printf 'Bud\377i')"
variant longname name "$(printf 'A%.0s' $(seq 81))"
variant longaddr address "$(printf 'Jl. %.0s' $(seq 31))"
variant nophoto photo photos/nothere.jpg
variant escape photo ../../etc/passwd
printf '\377\330\377\340 this is not really a JPEG' >"$TMP/bad/photos/broken.jpg"
printf 'just text\n' >"$TMP/bad/photos/text.jpg"
variant badjpeg photo photos/broken.jpg
variant textphoto photo photos/text.jpg
variant sexword sex W
variant valid valid_until SOMETIME
head -2 "$TMP/bad/residents.csv" >"$TMP/bad/dup.csv"; sed -n 2p "$TMP/bad/residents.csv" >>"$TMP/bad/dup.csv"
printf 'nik,name\n"unclosed,quote\n' >"$TMP/bad/malformed.csv"
: >"$TMP/bad/empty.csv"

imp() { pc --user pr import "$@"; }
expect_refused "a NIK of 15 digits" 1 'nik15\.csv:2: field "nik": a NIK is 16 digits; nothing was imported$' imp "$TMP/bad/nik15.csv"
expect_refused "a NIK with a letter" 1 ':2: field "nik": a NIK is 16 digits' imp "$TMP/bad/nikx.csv"
expect_refused "a NIK with an impossible date" 1 ':2: field "nik": digits 7-12 of a NIK are a birth date' imp "$TMP/bad/nikdate.csv"
expect_refused "a NIK whose day + 40 does not match the sex" 1 ":2: field \"nik\": a (man|woman)'s NIK" imp "$TMP/bad/niksex.csv"
expect_refused "an impossible birth date" 1 ':2: field "birth_date": the day is past the end of its month' imp "$TMP/bad/bdate.csv"
expect_refused "an empty required field" 1 ':2: field "name" is missing or empty' imp "$TMP/bad/noname.csv"
expect_refused "a missing column" 1 ':1: the header lacks the field "name"' imp "$TMP/bad/nocol.csv"
expect_refused "invalid UTF-8" 1 ':2: field "name" is not valid UTF-8' imp "$TMP/bad/utf8.csv"
expect_refused "a name over 80 characters" 1 ':2: field "name" is longer than 80' imp "$TMP/bad/longname.csv"
expect_refused "an address over 120 characters" 1 ':2: field "address" is longer than 120' imp "$TMP/bad/longaddr.csv"
expect_refused "a missing photo" 1 ':2: field "photo": the photo file cannot be read' imp "$TMP/bad/nophoto.csv"
expect_refused "a photo outside the photos folder" 1 ':2: field "photo": must be a file name under' imp "$TMP/bad/escape.csv"
expect_refused "an undecodable JPEG" 1 ':2: field "photo": the photo cannot be decoded' imp "$TMP/bad/badjpeg.csv"
expect_refused "a photo that is no image" 1 ':2: field "photo": the photo is neither JPEG nor PNG' imp "$TMP/bad/textphoto.csv"
expect_refused "an unknown sex" 1 ':2: field "sex": sex is LAKI-LAKI or PEREMPUAN' imp "$TMP/bad/sexword.csv"
expect_refused "a bad valid_until" 1 ':2: field "valid_until"' imp "$TMP/bad/valid.csv"
expect_refused "the same NIK twice in a file" 1 ':3: field "nik": the same NIK is on line 2' imp "$TMP/bad/dup.csv"
expect_refused "malformed CSV" 1 'not valid CSV' imp "$TMP/bad/malformed.csv"
expect_refused "an empty file" 1 'no header row' imp "$TMP/bad/empty.csv"
expect_refused "a bad --replace reason" 2 'one of lost, damaged, data-change' imp --replace stolen "$TMP/bad/residents.csv"
mv "$BLANKO_CONF" "$TMP/conf.save"; : >"$BLANKO_CONF"
expect_refused "the site's fields must be configured" 1 'template ktp-el needs the site.s province: set \[site\] province' \
  imp "$TMP/good/residents.csv"
mv "$TMP/conf.save" "$BLANKO_CONF"
expect_refused "a warehouse user cannot import" 1 "'import' needs the printroom role" \
  pc --user wh import "$TMP/good/residents.csv"
for f in nik15 utf8 longname nophoto badjpeg; do
  if grep -q -F "$(first_field "$TMP/bad/residents.csv" name)" "$TMP/err"; then fail "no personal value in the message ($f)"; fi
done
pass "messages name fields and lines, not values"

# Several bad rows: one line each, then a summary; still nothing imported.
cat "$TMP/bad/residents.csv" >"$TMP/bad/many.csv"
tail -n +2 "$TMP/bad/nik15.csv" >>"$TMP/bad/many.csv"
tail -n +2 "$TMP/bad/utf8.csv" >>"$TMP/bad/many.csv"
before=$(db_sum)
run imp "$TMP/bad/many.csv"
if [ "$rc" -eq 1 ] && [ "$(wc -l <"$TMP/err")" -eq 3 ] && grep -q ':7: field "nik"' "$TMP/err" &&
   grep -q ':8: field "name" is not valid UTF-8' "$TMP/err" && tail -1 "$TMP/err" | grep -q "2 of 7 records have errors; nothing was imported" &&
   [ "$before" = "$(db_sum)" ]; then
  pass "every bad row gets its line, then a summary; the ledger is unchanged"
else
  fail "several bad rows (exit $rc: $(cat "$TMP/err"))"
fi

# --- Good imports ------------------------------------------------------------------------
expect_ok "20 generated residents import" imp --json "$TMP/good/residents.csv"
check "the import added requests 1-20" test "$(json_get '(j["added"],j["first"],j["last"])')" = "(20, 1, 20)"
check "the import seals nothing, so it makes no key (KTP2: no site key any more)" \
  test ! -e "$BLANKO_DB.key" -a ! -e "$BLANKO_DB.keys"
expect_ok "values as long as the template allows import" imp "$TMP/long/residents.csv"
expect_ok "the log shows the imports" inv log --json
check "an import is one request.import event with counts" \
  test "$(json_get '[(e["detail"]["added"],e["detail"]["first"],e["detail"]["last"]) for e in j if e["kind"]=="request.import"]')" = "[(3, 21, 23), (20, 1, 20)]"
if python3 -c "import csv,sys; [print(r['nik'] + '\n' + r['name']) for r in csv.DictReader(open(sys.argv[1]))]" "$TMP/good/residents.csv" |
   grep -q -F -f - "$TMP/out"; then
  fail "the event log holds no names or NIKs"
else
  pass "the event log holds no names or NIKs"
fi
expect_ok "the chain verifies after imports" inv verify

# RFC 4180: a BOM, CRLF, quoted commas, quotes and newlines.  A newline
# is parsed as part of its quoted field, and then refused as a control
# character (cells are one line: see t0080); without it the row imports.
for f in rfc-nl rfc; do
python3 - "$TMP/bad/residents.csv" "$TMP/bad/$f.csv" "$f" <<'PY'
import csv, io, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
head, row = rows[0], rows[2]
row[head.index('name')] = 'Siti "Ani" Rahayu, S.Pd'
row[head.index('address')] = 'Jl. Merdeka, Gg. "Mawar"' + ('\nNo. 7' if sys.argv[3] == 'rfc-nl' else ' No. 7')
out = io.StringIO()
csv.writer(out, lineterminator='\r\n', quoting=csv.QUOTE_ALL).writerows([head, row])
open(sys.argv[2], 'wb').write(b'\xef\xbb\xbf' + out.getvalue().encode('utf-8'))
PY
done
RFC_NIK=$(python3 -c "import csv,sys; print(list(csv.reader(open(sys.argv[1])))[2][0])" "$TMP/bad/residents.csv")
expect_refused "a quoted newline is kept in its field, which is then refused" 1 \
  'rfc-nl\.csv:2: field "address" holds a control character' imp "$TMP/bad/rfc-nl.csv"
expect_ok "a CSV with a BOM, CRLF and quoted commas and quotes imports" imp "$TMP/bad/rfc.csv"
expect_ok "the request is listed by NIK" pc --user pr requests --nik "$RFC_NIK" --json
check "quotes and commas survive the import" test "$(json_get 'j[0]["name"]')" = 'Siti "Ani" Rahayu, S.Pd'

# One NIK, one card.
cut -d, -f1 "$TMP/good/residents.csv" | sed -n 2p >"$TMP/nik1"
head -2 "$TMP/good/residents.csv" >"$TMP/good/again.csv"
expect_refused "a NIK with a pending request is refused" 1 \
  ':2: field "nik": this NIK already has a pending request \(#1\); a reprint needs --replace' imp "$TMP/good/again.csv"
expect_ok "a reprint with --replace lost is accepted" imp --replace lost --json "$TMP/good/again.csv"
check "the reprint is counted" test "$(json_get 'j["replaced"]')" = 1
expect_ok "requests by NIK" pc --user pr requests --nik "$(cat "$TMP/nik1")" --json
check "the old request is superseded by the new, which records it and why" \
  test "$(json_get '[(r["id"],r["state"],r.get("supersedes"),r.get("superseded_by"),r.get("reason")) for r in j]')" = \
  "[(1, 'superseded', None, 25, None), (25, 'pending', 1, None, 'lost')]"

# --skip-invalid: good rows in, bad rows reported, exit 1.
cp "$TMP/bad/many.csv" "$TMP/bad/skip.csv"
sed -i '3d' "$TMP/bad/skip.csv"		# the rfc.csv resident (line 3) is already in
run imp --skip-invalid "$TMP/bad/skip.csv"
if [ "$rc" -eq 1 ] && [ "$(wc -l <"$TMP/err")" -eq 3 ] && tail -1 "$TMP/err" | grep -q "2 of 6 records have errors and were skipped; 4 imported" &&
   grep -q "Imported 4 card requests" "$TMP/out"; then
  pass "--skip-invalid imports the good rows and exits 1"
else
  fail "--skip-invalid (exit $rc: $(cat "$TMP/out" "$TMP/err"))"
fi
expect_ok "the log after --skip-invalid" inv log --json --limit 1
check "the event records the skipped rows" test "$(json_get '(j[0]["detail"]["added"],j[0]["detail"]["skipped"])')" = "(4, 2)"

# A bad row after many good ones: the one transaction keeps none of them.
"$GEN" -n 300 -s 9 -p 5 -o "$TMP/big" >/dev/null
tail -n +2 "$TMP/bad/utf8.csv" >>"$TMP/big/residents.csv"
expect_refused "a bad last row undoes 300 good ones" 1 ':302: field "name" is not valid UTF-8' imp "$TMP/big/residents.csv"

# --- Requests and roles ------------------------------------------------------------------
expect_ok "a warehouse user lists requests" pc --user wh requests --json
check "a warehouse user sees ids and states" test "$(json_get 'len(j) > 20 and all("id" in r and "state" in r for r in j)')" = True
check "a warehouse user sees no names or NIKs" test "$(json_get 'any("nik" in r or "name" in r for r in j)')" = False
expect_ok "a warehouse user lists requests as text" pc --user wh requests
if grep -q -F "$(cat "$TMP/nik1")" "$TMP/out"; then fail "no NIK in the warehouse listing"; else pass "no NIK in the warehouse listing"; fi
expect_refused "a warehouse user cannot search by NIK" 1 "--nik needs the printroom" pc --user wh requests --nik "$(cat "$TMP/nik1")"
expect_ok "an auditor sees names" pc --user au requests --state pending --json
check "an auditor sees NIKs and names" test "$(json_get 'all("nik" in r and "name" in r for r in j)')" = True
expect_refused "an unknown state" 1 'unknown state' pc --user pr requests --state lost

# --- Render --------------------------------------------------------------------------------
expect_refused "a warehouse user cannot render" 1 "'render' needs the printroom role" pc --user wh render 2 -o "$TMP/c.pdf"
expect_refused "render needs -o" 2 "-o FILE" pc --user pr render 2
expect_refused "render knows its formats" 2 "ends in .pdf or .png" pc --user pr render 2 -o "$TMP/c.gif"
expect_refused "a superseded request makes no card" 1 "request #1 is superseded" pc --user pr render 1 -o "$TMP/c.pdf"
expect_refused "an unknown request" 1 "no card request #999" pc --user pr render 999 -o "$TMP/c.pdf"
expect_ok "render a request to PDF" pc --user pr render 2 -o "$TMP/c.pdf"
size=$(pdfinfo "$TMP/c.pdf" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p')
check "the PDF is card size (242.6 x 153.0 pt, got $size)" \
  awk -v s="$size" 'BEGIN { split(s, v, " "); exit !(v[1] != "" && (v[1] - 242.6) ^ 2 < 0.25 && (v[2] - 153.0) ^ 2 < 0.25) }'
NAME2=$(python3 -c "import csv,sys; print(list(csv.DictReader(open(sys.argv[1])))[1]['name'].upper())" "$TMP/good/residents.csv")
pdftotext -raw "$TMP/c.pdf" - | tr -d '\n' >"$TMP/c.txt"
check "the PDF shows the name" grep -q -F "$NAME2" "$TMP/c.txt"
check "the PDF of a pending request carries the SPESIMEN (preview) mark" grep -q SPESIMEN "$TMP/c.txt"
check "the PDF is mode 0600" test "$(stat -c %a "$TMP/c.pdf")" = 600
expect_ok "render by NIK to PNG" pc --user pr render --nik "$(cat "$TMP/nik1")" -o "$TMP/c.png"
check "the PNG is mode 0600" test "$(stat -c %a "$TMP/c.png")" = 600
check "the PNG is 300 dpi card size" test "$(python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print(struct.unpack('>II', d[16:24]))" "$TMP/c.png")" = "(1011, 638)"

check "rendering made the signing keys: folder 0750, key 0640" \
  test "$(stat -c %a "$BLANKO_DB.keys") $(stat -c %a "$BLANKO_DB.keys"/*.pem)" = "750 640"
payload=$(zbarimg --raw -q "$TMP/c.png" 2>/dev/null)
case "$payload" in KTP2:PREVIEW:"$(cat "$TMP/nik1")":*) pass "the PNG's QR decodes to a preview payload";; *) fail "QR payload: $payload";; esac
run pc --user wh verify-qr "$payload"
check "verify-qr: a genuine preview payload is not a valid card (exit 3)" test "$rc" = 3
expect_out "verify-qr says it is a preview" "genuine preview"
altered=$(echo "$payload" | sed 's/:\([0-9]\{15\}\)\([0-9]\):/:\1X:/; s/X/9/')
[ "$altered" = "$payload" ] && altered=$(echo "$payload" | sed 's/:\([0-9]\{15\}\)\([0-9]\):/:\18:/')
expect_refused "verify-qr rejects an altered NIK" 1 "forged or altered" pc --user wh verify-qr "$altered"
badcheck=$(python3 -c "import sys; p=sys.argv[1]; i=len(p)-20; print(p[:i] + ('B' if p[i] != 'B' else 'C') + p[i+1:])" "$payload")
expect_refused "verify-qr rejects an altered check value" 1 "forged or altered" pc --user wh verify-qr "$badcheck"
expect_refused "verify-qr rejects a malformed payload" 1 "malformed" pc --user wh verify-qr "KTP1:nonsense"
"$TOP/build/render-tool" verify --ledger "$TMP/other.db" KTP1:x >/dev/null 2>&1	# makes other.db.keys
mv "$BLANKO_DB.keys" "$TMP/keys.save"; cp -rp "$TMP/other.db.keys" "$BLANKO_DB.keys"
expect_refused "a payload sealed with another site's key is rejected" 1 "forged or unknown" pc --user wh verify-qr "$payload"
rm -rf "$BLANKO_DB.keys"; mv "$TMP/keys.save" "$BLANKO_DB.keys"; chmod 644 "$BLANKO_DB.keys"/*.pem
expect_refused "a key file others may read is refused" 1 "must be 0640" pc --user wh verify-qr "$payload"
chmod 640 "$BLANKO_DB.keys"/*.pem

"$GEN" -n 1 -s 4 -o "$TMP/pngp" >/dev/null
cp "$TMP/c.png" "$TMP/pngp/photos/p000001.png"
sed -i 's/p000001\.jpg/p000001.png/' "$TMP/pngp/residents.csv"
expect_ok "a PNG photo imports" imp --json "$TMP/pngp/residents.csv"
expect_ok "and its card renders" pc --user pr render "$(json_get 'j["first"]')" -o "$TMP/pngphoto.pdf"

# A printed card, until the print controller lands: bind a serial to request 2
# the way it will (state printed, serial, issue date) and check the lookup.
sqlite3 -cmd ".timeout 5000" "$BLANKO_DB" "UPDATE request SET state = 'printed', serial = 'KTP0001000', issue_date = '2026-11-20' WHERE id = 2"
expect_ok "render a printed request" pc --user pr render 2 -o "$TMP/printed.png"
expect_out "it is not a preview" "printed card"
printed=$(zbarimg --raw -q "$TMP/printed.png" 2>/dev/null)
case "$printed" in KTP2:KTP0001000:*:20261120:*) pass "a printed card's QR carries its serial and issue date";; *) fail "printed QR: $printed";; esac
pc --user pr render 2 -o "$TMP/printed.pdf" >/dev/null
pdftotext -raw "$TMP/printed.pdf" - | tr -d '\n' >"$TMP/printed.txt"
check "a printed card has its serial and no SPESIMEN mark" sh -c "grep -q KTP0001000 '$TMP/printed.txt' && ! grep -q SPESIMEN '$TMP/printed.txt'"
# Bound by hand, the blank was never issued in the ledger (never even
# received): genuine check value, but not a valid card (exit 3).  The
# valid case (exit 0) is in t0340-lost.sh, with cards really printed.
run pc --user wh verify-qr "$printed"
check "verify-qr on a card the ledger never issued exits 3" test "$rc" = 3
expect_out "verify-qr says no card was issued on that blank here" "no card of this holder was issued on blank KTP0001000 here"
sed -n '1p;3p' "$TMP/good/residents.csv" >"$TMP/good/damaged.csv"
expect_refused "a printed card's NIK is refused without --replace" 1 "already has a printed request \(#2\)" imp "$TMP/good/damaged.csv"
expect_ok "a reprint of a damaged card" imp --replace damaged "$TMP/good/damaged.csv"
run pc --user wh verify-qr "$printed"
check "verify-qr on the replaced card exits 3 (no longer valid)" test "$rc" = 3
expect_out "verify-qr says it is superseded now" "genuine but no longer valid: card KTP0001000 \(request #2\) is superseded by request #"

pending=$(pc --user pr requests --state pending --json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
expect_ok "render every pending request to PNG" pc --user pr render --all-pending -o "$TMP/cards" --format png
check "one PNG per pending request ($pending)" test "$(ls "$TMP/cards" | grep -c '^request-[0-9]*\.png$')" = "$pending"
check "the folder is 0700 and every card 0600" \
  test "$(stat -c %a "$TMP/cards")-$(stat -c %a "$TMP"/cards/* | sort -u)" = "700-600"
if ls "$TMP/cards" | grep -q -F -f "$TMP/nik1"; then fail "file names carry no NIK"; else pass "file names carry no NIK"; fi

check "no temporary files are left in TMPDIR" test -z "$(ls -A "$TMPDIR")"
run inv verify
check "verify catches the card bound by hand, not by the print controller" \
  sh -c "[ $rc = 3 ] && grep -q 'card request #2 is bound to serial KTP0001000, but its events bind it to none' '$TMP/err'"
sqlite3 -cmd ".timeout 5000" "$BLANKO_DB" "UPDATE request SET serial = NULL, issue_date = NULL WHERE id = 2"
expect_ok "the ledger verifies again once the hand binding is undone" inv verify

# --- All or nothing when killed mid-import -------------------------------------------------
"$GEN" -n 3000 -s 11 -p 3 -o "$TMP/huge" >/dev/null
top=$(pc --user pr requests --json | python3 -c "import json,sys; print(max(r['id'] for r in json.load(sys.stdin)))")
"$PRINTCTL" --user pr import "$TMP/huge/residents.csv" >/dev/null 2>&1 &
pid=$!
sleep 0.3
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
n=$(pc --user pr requests --json | python3 -c "import json,sys; print(sum(1 for r in json.load(sys.stdin) if r['id'] > $top))")
check "a killed import left all or nothing ($n of 3000 new requests)" test "$n" = 0 -o "$n" = 3000
expect_ok "the ledger verifies after the kill" inv verify

# --- Requests added behind the program's back are caught by verify -------------------------
sqlite3 -cmd ".timeout 5000" "$BLANKO_DB" "INSERT INTO request(nik, name, state, template, fields, created, updated) SELECT nik, name, 'cancelled', template, fields, created, updated FROM request WHERE id = 3"
run inv verify
if [ "$rc" -eq 3 ] && grep -q "card request #[0-9]* was not added by any import event" "$TMP/out" "$TMP/err"; then
  pass "verify catches a request added behind the program's back"
else
  fail "verify and a smuggled request (exit $rc: $(cat "$TMP/out" "$TMP/err"))"
fi

# --- Migration from schema 1 ---------------------------------------------------------------
# The columns of schema 1 (schema 6 gave user a column, disabled; schema 7 full_name, nip, post).
v1_columns() { if [ "$1" = user ]; then echo "name, roles, since"; else echo "*"; fi; }
cp "$TOP/tests/data/ledger-v1.sqlite" "$TMP/v1.db"
for t in meta user account series event movement holding; do sqlite3 "$TMP/v1.db" "SELECT $(v1_columns $t) FROM $t ORDER BY 1"; done >"$TMP/v1.before"
expect_ok "a schema-1 ledger opens and verifies (migrated)" inv --db "$TMP/v1.db" verify
check "it is now the current schema (18)" test "$(sqlite3 "$TMP/v1.db" 'PRAGMA user_version')" = 18
for t in meta user account series event movement holding; do sqlite3 "$TMP/v1.db" "SELECT $(v1_columns $t) FROM $t ORDER BY 1"; done >"$TMP/v1.after"
check "the old data is intact" cmp -s "$TMP/v1.before" "$TMP/v1.after"
inv --db "$TMP/v1.db" user add pr --role printroom >/dev/null
expect_ok "the migrated ledger takes an import" pc --db "$TMP/v1.db" --user pr import "$TMP/long/residents.csv"
expect_ok "and still verifies" inv --db "$TMP/v1.db" verify
# Schema 18 rebuilt movement keyed by its event: its ids go on as the rowids did.
check "schema 18: movement WITHOUT ROWID by event, no movement_event or event_time, event_ref partial" test \
  "$(sqlite3 "$TMP/v1.db" "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE tbl_name IN ('event', 'movement')
     AND type = 'index' ORDER BY name); SELECT sql LIKE '%PRIMARY KEY(event_id, id)) WITHOUT ROWID' FROM sqlite_master WHERE name = 'movement';
     SELECT sql LIKE '%WHERE ref <> ''''' FROM sqlite_master WHERE name = 'event_ref'")" = "$(printf 'event_ref movement_serial\n1\n1')"
check "its foreign keys hold" test -z "$(sqlite3 "$TMP/v1.db" 'PRAGMA foreign_key_check')"
inv --db "$TMP/v1.db" --user wh transfer --from GUDANG --to RC1 --serials KTP0001100-KTP0001109,KTP0001200 >/dev/null
head=$(sqlite3 "$TMP/v1.db" 'SELECT max(id) FROM event')
check "a move on the migrated ledger numbers its movements after the old ones" test \
  "$(sqlite3 "$TMP/v1.db" "SELECT group_concat(id || ':' || event_id, ' ') FROM (SELECT id, event_id FROM movement ORDER BY id)")" = \
  "1:6 2:7 3:$head 4:$head"
expect_ok "and it verifies" inv --db "$TMP/v1.db" verify

test_done
