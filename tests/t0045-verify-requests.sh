#!/bin/bash
# verify covers the card requests, their photos and the accounts: requests
# imported, printed on a private cupsd, reprinted, replaced by a second
# import and cancelled; then each column a request must keep (nik, name,
# template, fields, photo, supersedes, reason, serial, issue_date, state),
# its photo row and bytes, and the account rows are edited on a copy
# behind the program's back: verify must exit 3 with one line naming the
# request (or account).  The untouched copy passes, no event holds a NIK or
# a name, and a schema-1 ledger still migrates and verifies.
# The CUPS fixture is bash: run as "sh t0045-verify-requests.sh", it goes again under bash.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"

print_setup card1 || exit 1

new_ledger
inv location add EMPTY --kind store --name "Gudang kosong" >/dev/null	# an account no movement names
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001099 >/dev/null
pc printer add P1 --queue card1 --location RC1 >/dev/null
pc printer load P1 --serials KTP0001000-KTP0001019 >/dev/null

"$GEN" -n 6 -s 11 -o "$TMP/res" >/dev/null
pc import "$TMP/res/residents.csv" >/dev/null			# requests 1-6
run pc run --once --printer P1 --max 3
check "three cards printed ($(tail -1 "$TMP/out"))" grep -q "Run ended: 3 printed" "$TMP/out"
pc reprint 1 --reason "hilang" >/dev/null			# request 7 supersedes 1
{ head -1 "$TMP/res/residents.csv"; sed -n 3p "$TMP/res/residents.csv"; } >"$TMP/res/again.csv"
pc import "$TMP/res/again.csv" --replace damaged >/dev/null	# request 8 supersedes 2
pc cancel 6 >/dev/null

q() { sqlite3 "$BLANKO_DB" "$1"; }
check "the ledger has what the cases need" \
  test "$(q "SELECT group_concat(id || ':' || state || ':' || coalesce(supersedes, 0), ' ') FROM request")" = \
  "1:superseded:0 2:superseded:0 3:printed:0 4:pending:0 5:pending:0 6:cancelled:0 7:pending:1 8:pending:2"
expect_ok "verify passes on the honest ledger" inv verify
check "no event holds a NIK or a name" test -z "$(q "SELECT e.id FROM event e, request r
  WHERE instr(e.detail, r.nik) OR instr(e.detail, r.name) OR instr(e.ref, r.nik)")"
sqlite3 "$BLANKO_DB" ".backup '$TMP/good.db'"

# tamper: tests/lib/test-lib.sh

tamper "a printed request's name changed" "card request #3 differs from what event [0-9]+ sealed" \
  "UPDATE request SET name = 'MALLORY' WHERE id = 3"
tamper "a request's NIK changed" "card request #4 differs from what event [0-9]+ sealed" \
  "UPDATE request SET nik = '3374010101900009' WHERE id = 4"
tamper "a request's fields changed" "card request #5 differs from what event [0-9]+ sealed" \
  "UPDATE request SET fields = replace(fields, '\"address\":\"', '\"address\":\"X') WHERE id = 5"
tamper "a request's template changed" "card request #3 differs from what event [0-9]+ sealed" \
  "UPDATE request SET template = 'other' WHERE id = 3"
tamper "a request given another's photo" "card request #4 differs from what event [0-9]+ sealed" \
  "UPDATE request SET photo_id = (SELECT photo_id FROM request WHERE id = 5) WHERE id = 4"
tamper "a reprint's reason changed" "card request #7 differs from what event [0-9]+ sealed" \
  "UPDATE request SET reason = 'data-change' WHERE id = 7"
tamper "a reprint's supersedes changed" "card request #(1|3|7) " \
  "UPDATE request SET supersedes = 3 WHERE id = 7"
tamper "a replacement's supersedes changed" "card request #(2|8) " \
  "UPDATE request SET supersedes = NULL WHERE id = 8"
tamper "a printed card's serial changed" "card request #3 is bound to serial KTP0001099" \
  "UPDATE request SET serial = 'KTP0001099' WHERE id = 3"
tamper "a printed card's issue_date changed" "card request #3: issue_date is \"2001-01-01\", but its events make it" \
  "UPDATE request SET issue_date = '2001-01-01' WHERE id = 3"
tamper "an issue_date given to a pending request" "card request #4: issue_date is \"2001-01-01\", but its events make it \"\"" \
  "UPDATE request SET issue_date = '2001-01-01' WHERE id = 4"
tamper "a pending request made superseded" "card request #4 is superseded, but no request replaces it" \
  "UPDATE request SET state = 'superseded' WHERE id = 4"
tamper "a superseded request made cancelled" "card request #1 is cancelled, but its events make it superseded" \
  "UPDATE request SET state = 'cancelled' WHERE id = 1"
tamper "a photo row deleted" "card request #5: its photo \\(photo [0-9]+\\) is missing" \
  "DELETE FROM photo WHERE id = (SELECT photo_id FROM request WHERE id = 5)"
tamper "a photo's bytes changed" "card request #5: the bytes of its photo \\(photo [0-9]+\\) do not match their SHA-256" \
  "UPDATE photo SET data = data || x'00' WHERE id = (SELECT photo_id FROM request WHERE id = 5)"
other_sha=$(sqlite3 "$TMP/good.db" "SELECT hex(data) FROM photo WHERE id = (SELECT photo_id FROM request WHERE id = 5)" |
  python3 -c 'import hashlib, sys; print(hashlib.sha256(bytes.fromhex(sys.stdin.read().strip()) + b"\0").hexdigest())')
tamper "a photo's bytes and SHA-256 changed together" "card request #5 differs from what event [0-9]+ sealed" \
  "UPDATE photo SET data = data || x'00', sha256 = '$other_sha' WHERE id = (SELECT photo_id FROM request WHERE id = 5)"

# A forger who knows the canonical form (documented in request.c) edits a
# row and stores its new digest: the import's seal over all its rows breaks.
row_digest() {	# row_digest ID NAME: the digest of request ID in good.db, with NAME for its name
  sqlite3 -separator $'\t' "$TMP/good.db" "SELECT r.id, r.nik, '$2', r.template, r.fields,
      coalesce(p.sha256, ''), coalesce(p.type, ''), coalesce(r.supersedes, 0), r.reason, coalesce(p.source, ''),
      r.recorded, r.category
    FROM request r LEFT JOIN photo p ON p.id = r.photo_id WHERE r.id = $1" | python3 -c '
import hashlib, sys
id, nik, name, tmpl, fields, sha, ptype, sup, reason, source, recorded, category = sys.stdin.read().rstrip("\n").split("\t")
def t(k, v): b = v.encode(); return f"{k} {len(b)}:".encode() + b + b"\n"
text = f"blanko-request 1\nid {id}\n".encode() + t("nik", nik) + t("name", name) + t("template", tmpl) + \
  t("fields", fields) + t("photo", sha) + t("photo_type", ptype) + (t("photo_source", source) if sha and source else b"") + \
  f"supersedes {sup}\n".encode() + t("reason", reason) + \
  ((t("recorded", recorded) + t("category", category)) if category else b"")
print(hashlib.sha256(text).hexdigest())'
}
check "a row's stored digest is the documented canonical form's" \
  test "$(row_digest 4 "$(q "SELECT name FROM request WHERE id = 4")")" = "$(q "SELECT digest FROM request WHERE id = 4")"
forged=$(row_digest 4 MALLORY)
tamper "an edited request with a recomputed digest" "card requests #1-#6 differ from what event [0-9]+ sealed" \
  "UPDATE request SET name = 'MALLORY', digest = '$forged' WHERE id = 4"

# Accounts: every account an event made must be stored as it made it.
tamper "a location's account row deleted" "account EMPTY is missing \\(event [0-9]+ made it\\)" \
  "DELETE FROM account WHERE code = 'EMPTY'"
tamper "the invalid state account deleted" "account invalid is missing \\(event 1 made it\\)" \
  "DELETE FROM account WHERE code = 'invalid'"
tamper "an account added" "account VAULT was not made by any event" \
  "INSERT INTO account(code, kind) VALUES('VAULT', 'store')"
tamper "an account's name changed" "account GUDANG: name is \"Gudang lain\", but its events make it \"Gudang utama\"" \
  "UPDATE account SET name = 'Gudang lain' WHERE code = 'GUDANG'"
tamper "an account's kind changed" "account EMPTY was not made by any event \\(or its kind was changed\\)" \
  "UPDATE account SET kind = 'printroom' WHERE code = 'EMPTY'"

cp "$TMP/good.db" "$BLANKO_DB"
rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"
expect_ok "the untouched copy still verifies" inv verify

# --- A ledger of schema 1 still migrates and verifies --------------------------------------
cp "$TOP/tests/data/ledger-v1.sqlite" "$TMP/v1.db"
expect_ok "a schema-1 ledger migrates and verifies" inv --db "$TMP/v1.db" verify
inv --db "$TMP/v1.db" user add pr --role printroom >/dev/null
expect_ok "it takes an import" pc --db "$TMP/v1.db" import "$TMP/res/residents.csv"
expect_ok "and then verifies" inv --db "$TMP/v1.db" verify
sqlite3 "$TMP/v1.db" "UPDATE request SET name = 'MALLORY' WHERE id = 2"
run inv --db "$TMP/v1.db" verify
check "and catches an edited request there too (exit $rc: $(cat "$TMP/err"))" \
  grep -q "card request #2 differs from what event [0-9]* sealed" "$TMP/err"

test_done
