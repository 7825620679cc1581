#!/bin/sh
# One vocabulary (issue 13 item 5): etc/locale/GLOSSARY.md names one
# Indonesian term per concept; the catalogue uses no synonym it forbids and
# leaves no English code word bare inside an Indonesian sentence (codes
# appear only as "label (code)", as option values and in commands).
. "$(dirname "$0")/lib/test-lib.sh"
test_require python3

GLOSSARY="$TOP/etc/locale/GLOSSARY.md"
CHECK="$TOP/tests/tools/glossary-check.py"

# The glossary parses: it forbids synonyms and lists the code words.
check "GLOSSARY.md exists" test -s "$GLOSSARY"
for term in kejadian "ujung rantai" blangko antrean pemusnahan penghapusan "tidak sah" \
    "dikeluarkan | " "| pending | menunggu" "| incineration | pembakaran" "| damaged | rusak"; do
  check "GLOSSARY.md has \"$term\"" grep -qF "$term" "$GLOSSARY"
done

# The checker itself: it finds a synonym and a bare code, and lets the
# "label (code)" form, options, value lists and commands through.
cat >"$TMP/bad.txt" <<'TXT'
Antrean: 14 pending, 0 suspect
Siapkan berita acara untuk kartu spoiled dan invalid
nomor peristiwa tidak sah
kepala rantai: %s
TXT
cat >"$TMP/good.txt" <<'TXT'
Antrean: 14 menunggu, 0 diragukan
akun dikeluarkan (issued) dan baki kartu (hopper)
--kind store|printroom [--name TEKS]
jalankan 'printctl resolve --spoiled' dulu; --state pending
ujung rantai: %s, kejadian %<PRId64>
TXT
run python3 "$CHECK" "$GLOSSARY" text "$TMP/bad.txt"
check "the checker refuses bare codes and synonyms" test "$rc" -eq 1
check "  ... each bad line is named" test "$(cut -d: -f2 "$TMP/out" | sort -u | wc -l)" -eq 4
run python3 "$CHECK" "$GLOSSARY" text "$TMP/good.txt"
check "the checker accepts labels with codes, options and commands ($(head -c 300 "$TMP/out"))" test "$rc" -eq 0

# The catalogue follows the glossary.
run python3 "$CHECK" "$GLOSSARY" po "$TOP/etc/locale/id.po"
check "id.po follows GLOSSARY.md ($(wc -l <"$TMP/out") offences: $(head -c 1500 "$TMP/out"))" test "$rc" -eq 0

test_done
