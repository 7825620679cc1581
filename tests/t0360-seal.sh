#!/bin/bash
# Seals anyone can check (issue 12, item 4), with cards really printed
# through the CUPS fixture:
#   - a genuine KTP2 card verifies (exit 0); one changed character anywhere
#     (NIK, serial, key id, signature) is refused (exit 1); a seal naming a
#     key the site does not have says so (exit 1);
#   - key export / list / rotate: rotate is for admins, is recorded in the
#     chain (key.rotate, detail: the new key id only), new cards carry the
#     new key id and old cards still verify;
#   - on a machine with no ledger (no BLANKO_DB, a state folder that does
#     not exist, an unregistered account), the exported public keys check
#     a genuine card (exit 4) and refuse a forged one (exit 1);
#   - a KTP1 card sealed the old way (HMAC with the old site key) still
#     verifies where that key is;
#   - a key file planted by another account is refused.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"

test_require nobody zbarimg
print_setup card1 || exit 1
TOOL="$TOP/build/render-tool"
OLDKEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f

serial_of() { sqlite3 "$BLANKO_DB" "SELECT coalesce(serial, '') FROM request WHERE id = $1"; }
nik_of() { sqlite3 "$BLANKO_DB" "SELECT nik FROM request WHERE id = $1"; }
qr_of() { pc render "$1" -o "$TMP/qr-$1.png" >/dev/null && zbarimg --raw -q "$TMP/qr-$1.png" 2>/dev/null; }
# change PAYLOAD INDEX: the payload with the character at INDEX replaced by
# another of its kind (a digit by a digit; in the signature, the last 103
# characters, a base32 character by another).
change() {
  python3 - "$1" "$2" <<'PY'
import sys
p, i = sys.argv[1], int(sys.argv[2])
c = p[i]
b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
alt = b32 if i >= len(p) - 103 or not c.isdigit() else "0123456789"
print(p[:i] + next(a for a in alt if a != c) + p[i + 1:])
PY
}
# expect_qr DESCRIPTION CODE PATTERN ARGS...: verify-qr exits CODE, stdout or stderr matches PATTERN.
expect_qr() {
  local desc=$1 code=$2 pattern=$3; shift 3
  run pc verify-qr "$@"
  if [ "$rc" -eq "$code" ] && cat "$TMP/out" "$TMP/err" | grep -Eq -- "$pattern"; then
    pass "$desc (exit $rc): $(cat "$TMP/out" "$TMP/err" | head -1)"
  else
    fail "$desc (exit $rc, wanted $code /$pattern/: $(cat "$TMP/out" "$TMP/err"))"
  fi
}

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv user add boss --role admin >/dev/null
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001019 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001019 >/dev/null
pc printer add P1 --queue card1 --location RC1 >/dev/null
pc printer load P1 --serials KTP0001000-KTP0001009 >/dev/null
"$GEN" -n 3 -s 36 -o "$TMP/res" >/dev/null
expect_ok "import 3 residents" pc import "$TMP/res/residents.csv"
run pc run --once --max 2
check "2 cards printed ($(tail -1 "$TMP/out"))" grep -q "Run ended: 2 printed" "$TMP/out"
s1=$(serial_of 1) q1=$(qr_of 1) q2=$(qr_of 2)
k1=$(pc key list --json | python3 -c 'import json,sys; print([k["key"] for k in json.load(sys.stdin) if k["current"]][0])')

# --- A genuine KTP2 card, and one character changed ------------------------------------------
case "$q1" in
  "KTP2:$s1:$(nik_of 1):"*":$k1:"*) pass "the printed card's QR is KTP2 with its serial, NIK and the key id $k1" ;;
  *) fail "printed QR: $q1 (key $k1)" ;;
esac
check "the payload keeps to the QR alphanumeric set" sh -c "printf %s '$q1' | grep -qx '[0-9A-Z:.-]*'"
expect_qr "a genuine KTP2 card verifies" 0 "genuine issued card $s1 \(request #1\)" "$q1"
run pc verify-qr --json "$q1"
check "verify-qr --json names the seal version and the key" \
  test "$(json_get '(j["seal"], j["key"], j["valid"])')" = "(2, '$k1', True)"
len=${#q1}
# The serial, the NIK, the date, the key id, the signature and its last character.
for i in 6 $((len - 140)) $((len - 125)) $((len - 110)) $((len - 60)) $((len - 1)); do
  bad=$(change "$q1" "$i")
  run pc verify-qr "$bad"
  if [ "$rc" = 1 ] && [ "$bad" != "$q1" ] && grep -Eq "forged|malformed" "$TMP/err"; then
    pass "character $i changed ($(printf %s "$q1" | cut -c$((i + 1)))): refused (exit 1): $(cat "$TMP/err")"
  else
    fail "character $i changed: exit $rc $(cat "$TMP/out" "$TMP/err")"
  fi
done
unknown=$(printf %s "$q1" | sed "s/:$k1:/:0123456789ABCDEF:/")
expect_qr "a seal naming a key this site does not have (exit 1)" 1 \
  "forged or unknown: sealed with key 0123456789ABCDEF, which is not one of this site's keys" "$unknown"

# --- key export, list, rotate --------------------------------------------------------------
expect_ok "key export writes the current public key" pc key export -o "$TMP/k1.pem"
check "the export starts with its key id and holds a PEM public key" \
  sh -c "head -1 '$TMP/k1.pem' | grep -qx '# key $k1' && grep -q 'BEGIN PUBLIC KEY' '$TMP/k1.pem' && ! grep -q PRIVATE '$TMP/k1.pem'"
check "key export to standard output gives the same" sh -c "pc() { \"$PRINTCTL\" --user pr \"\$@\"; }; pc key export | cmp -s - '$TMP/k1.pem'"
expect_refused "key rotate is for admins" 1 "admin" pc key rotate
run "$PRINTCTL" --user boss key rotate --json
k2=$(json_get 'j["key"]')
check "key rotate made a new key ($k2, exit $rc)" test "$rc" = 0 -a -n "$k2" -a "$k2" != "$k1"
run inv log --json
check "the rotation is in the chain: key.rotate, detail the new key id only" \
  test "$(json_get '[(e["kind"], e["detail"]) for e in j if e["kind"] == "key.rotate"]')" = "[('key.rotate', {'key': '$k2'})]"
expect_ok "the ledger still verifies" inv verify
run pc key list --json
check "key list: two keys, the new one current" \
  test "$(json_get 'sorted((k["key"], k["current"]) for k in j)')" = "$(python3 -c "print(sorted([('$k1', False), ('$k2', True)]))")"
expect_ok "key list in text" pc key list
expect_out "key list marks the current key" "$k2 .*current"
expect_qr "after rotation, the old card still verifies" 0 "genuine issued card $s1" "$q1"
run pc run --once --max 1
q3=$(qr_of 3)
case "$q3" in *":$k2:"*) pass "a card printed after rotation carries the new key id" ;; *) fail "new card: $q3" ;; esac
expect_qr "and verifies" 0 "genuine issued card $(serial_of 3)" "$q3"
expect_ok "key export --key of the old key" pc key export --key "$k1" -o "$TMP/k1-again.pem"
check "is the same public key" cmp -s "$TMP/k1.pem" "$TMP/k1-again.pem"
expect_ok "key export of the new key" pc key export -o "$TMP/k2.pem"
expect_refused "key export of a key that is not here" 1 "there is no key 0123456789ABCDEF" \
  pc key export --key 0123456789ABCDEF -o "$TMP/none.pem"

# --- A machine with no ledger: exported public keys only --------------------------------------
mkdir -m 755 "$TMP/bank"
cp "$TMP/k1.pem" "$TMP/k2.pem" "$TMP/bank/" && chmod 644 "$TMP/bank/"*.pem
bank() {
  (cd "$TMP/bank" && runuser -u nobody -- env -u BLANKO_DB -u BLANKO_CONF BLANKO_STATEDIR="$TMP/no-such-state" \
     "$PRINTCTL" verify-qr "$@" >"$TMP/out" 2>"$TMP/err")
  rc=$?
}
bank --public-key "$TMP/bank/k1.pem" --public-key "$TMP/bank/k2.pem" "$q1"
check "no ledger, another account: a genuine card with the public keys is genuine, validity unknown (exit $rc)" \
  sh -c "[ $rc = 4 ] && grep -q 'genuine seal for card $s1' '$TMP/out'"
bank --public-key "$TMP/bank/k1.pem" --public-key "$TMP/bank/k2.pem" "$q3"
check "and the card of the new key (exit $rc)" test "$rc" = 4
bank --public-key "$TMP/bank/k1.pem" --public-key "$TMP/bank/k2.pem" "$(change "$q1" $((len - 60)))"
check "a forged card is refused (exit $rc: $(cat "$TMP/err"))" sh -c "[ $rc = 1 ] && grep -q 'forged or altered' '$TMP/err'"
bank --public-key "$TMP/bank/k1.pem" "$q3"
check "a card of a key not given is refused, naming it (exit $rc: $(cat "$TMP/err"))" \
  sh -c "[ $rc = 1 ] && grep -q 'sealed with key $k2, which is none of the public keys given' '$TMP/err'"
bank --public-key "$TMP/bank/missing.pem" "$q1"
check "a public key file that is not there is refused (exit $rc)" sh -c "[ $rc = 1 ] && grep -q missing.pem '$TMP/err'"
mkfifo -m 644 "$TMP/fifo.pem"
(cd "$TMP/bank" && timeout 10 runuser -u nobody -- env -u BLANKO_DB "$PRINTCTL" verify-qr --public-key "$TMP/fifo.pem" "$q1" \
   >"$TMP/out" 2>"$TMP/err"); rc=$?
check "a FIFO given as the public key is refused at once, never waited on (exit $rc: $(cat "$TMP/err"))" \
  sh -c "[ $rc = 1 ] && grep -q 'fifo.pem is not a key file' '$TMP/err'"
rm -f "$TMP/fifo.pem"
check "nothing was made there" test ! -e "$TMP/no-such-state" -a "$(ls "$TMP/bank" | wc -l)" = 2

# --- A KTP1 card sealed the old way ------------------------------------------------------------
printf %s "$OLDKEY" | xxd -r -p >"$BLANKO_DB.key" && chmod 600 "$BLANKO_DB.key"
old=$("$TOOL" card --key "$OLDKEY" --set nik="$(nik_of 1)" --serial "$s1" --print-payload \
      "$TOP/etc/templates/ktp-el.tmpl" "$TMP/old.png")
check "a KTP1 fixture was made ($old)" test "${old#KTP1:$s1:}" != "$old"
expect_qr "a KTP1 card still verifies with the old site key" 0 "genuine issued card $s1" "$old"
expect_qr "an altered KTP1 card is refused" 1 "forged or altered: the check value" "$(change "$old" $((${#old} - 5)))"
expect_qr "a KTP1 card cannot be checked with public keys" 1 "KTP1.*only with the old site key" \
  --public-key "$TMP/k1.pem" "$old"
mv "$BLANKO_DB.key" "$TMP/oldkey.save"
expect_qr "without the old site key, a KTP1 card cannot be checked here" 1 "old site key .* is not present" "$old"
mv "$TMP/oldkey.save" "$BLANKO_DB.key"
check "no new HMAC key is ever made: rendering left the old key as it was" \
  test "$(xxd -p -c 64 "$BLANKO_DB.key")" = "$OLDKEY"

# --- A key planted by another account ----------------------------------------------------------
pem="$BLANKO_DB.keys/$k2.pem"
chown nobody "$pem"
expect_qr "a key file owned by another account is refused" 1 "belongs to another account.*refusing to trust" "$q1"
expect_refused "and nothing is sealed with it" 1 "belongs to another account" pc render 3 -o "$TMP/planted.png"
chown root "$pem"
chmod 664 "$pem"
expect_refused "a key file others may change is refused" 1 "may be changed by other accounts" pc key list
chmod 640 "$pem"
mv "$BLANKO_DB.keys/current" "$TMP/current.save"
ln -s "$TMP/current.save" "$BLANKO_DB.keys/current"
expect_refused "a symbolic link as current is refused" 1 "current is a symbolic link" pc key list
rm "$BLANKO_DB.keys/current"; mv "$TMP/current.save" "$BLANKO_DB.keys/current"
expect_qr "put back, the card verifies again" 0 "genuine issued card $s1" "$q1"
check "the keys' folder is 0750 and the keys 0640" \
  test "$(stat -c %a "$BLANKO_DB.keys") $(stat -c %a "$BLANKO_DB.keys"/*.pem | sort -u)" = "750 640"

test_done
