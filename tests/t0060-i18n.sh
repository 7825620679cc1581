#!/bin/sh
# Messages in the users' language: the Indonesian catalog is well formed,
# the programs find it (BLANKO_LOCALEDIR), and Indonesian users get Indonesian
# while everyone else gets English.
. "$(dirname "$0")/lib/test-lib.sh"

PO="$TOP/etc/locale/id.po"
MO="$TOP/build/locale/id/LC_MESSAGES/blanko.mo"

for tool in msgfmt localedef; do
  if ! command -v $tool >/dev/null 2>&1; then
    fail "$tool is not installed (gettext, libc-bin)"
    test_done
    exit 1
  fi
done

# The catalog: every printf format in id.po matches its msgid (msgfmt
# --check compares them, <PRId64> segments included), nothing is left
# untranslated or fuzzy, and make built it where bin/ looks for it.
run msgfmt --check --statistics -o "$TMP/id.mo" "$PO"
check "msgfmt --check passes on id.po ($(cat "$TMP/err"))" test "$rc" -eq 0
check "id.po has no untranslated or fuzzy messages" \
  sh -c '! grep -Eq "fuzzy|untranslated" "$1"' sh "$TMP/err"
check "make built $MO" test -s "$MO"

# A real Indonesian locale, made in the scratch folder so that nothing on
# the machine changes: LOCPATH points glibc at it.  (LANGUAGE alone is
# ignored in the plain C locale, so the checks below also use C.UTF-8.)
mkdir "$TMP/locale"
if localedef -i id_ID -f UTF-8 "$TMP/locale/id_ID.UTF-8" >"$TMP/localedef.log" 2>&1; then
  pass "localedef made id_ID.UTF-8"
else
  fail "localedef made id_ID.UTF-8 (the locales package?): $(head -c 300 "$TMP/localedef.log")"
fi

# Each language setting as an env(1) argument list; LC_ALL=C from
# test-lib.sh is dropped so that LANG counts.
ID_LANG="LOCPATH=$TMP/locale LANG=id_ID.UTF-8"
ID_LANGUAGE="LC_ALL=C.UTF-8 LANGUAGE=id"
EN_UTF8="LC_ALL=C.UTF-8"
EN_C="LC_ALL=C LANGUAGE=id"
in_lang() { lang=$1; shift; env -u LC_ALL -u LANGUAGE $lang "$@"; }

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }

# Run from the scratch folder: the catalog is found where BLANKO_LOCALEDIR
# says, not beside the working directory.
cd "$TMP" || exit 1

for lang in "$ID_LANG" "$ID_LANGUAGE"; do
  run in_lang "$lang" "$INVENTORY" --help
  check "--help is Indonesian with $lang" \
    grep -q "^Penggunaan: inventory \[--db BERKAS\]" "$TMP/out"
  check "--help's command table is Indonesian with $lang" \
    grep -q "^  receive --supplier NAMA --ref SURAT-JALAN --serials DAFTAR" "$TMP/out"
  check "a command without arguments shows no catalog header with $lang" \
    sh -c '! grep -q "Project-Id-Version" "$1"' sh "$TMP/out"

  expect_refused "a malformed serial list is refused in Indonesian with $lang" 1 \
    '^inventory receive: --serials: butir 2 "": nomor seri kosong$' \
    in_lang "$lang" "$INVENTORY" --user wh receive --supplier Peruri --ref SJ-001 \
      --to GUDANG --serials KTP0005000,,KTP0005002
done

for lang in "$EN_UTF8" "$EN_C"; do
  run in_lang "$lang" "$INVENTORY" --help
  check "--help is English with $lang" \
    grep -q "^Usage: inventory \[--db FILE\]" "$TMP/out"
  expect_refused "a malformed serial list is refused in English with $lang" 1 \
    '^inventory receive: --serials: item 2 "": empty serial$' \
    in_lang "$lang" "$INVENTORY" --user wh receive --supplier Peruri --ref SJ-001 \
      --to GUDANG --serials KTP0005000,,KTP0005002
done

# printf conversions survive translation: figures land in the right places
# (PRId64 and the reordered %2$s/%1$s of "location add").
expect_ok "a shipment is received in Indonesian" in_lang "$ID_LANGUAGE" \
  "$INVENTORY" --user wh receive --supplier Peruri --ref SJ-001 \
  --to GUDANG --serials KTP0001000-KTP0001999
expect_out "the receipt reports its figures in Indonesian" \
  '^Diterima 1\.000 blangko dari Peruri \(surat jalan SJ-001\) ke GUDANG: KTP0001000-KTP0001999 \(kejadian [0-9]+\)\.$'
expect_ok "a location is added in Indonesian" in_lang "$ID_LANGUAGE" \
  "$INVENTORY" location add RC2 --kind printroom
expect_out "its arguments are reordered as the translation says" '^Lokasi RC2 \(printroom\) ditambahkan\.$'

# The catalogs are where BLANKO_LOCALEDIR says (the harness names
# build/locale), wherever the program is; without it, the program looks in
# LOCALEDIR, not in a build/locale beside its bin/ (t0088).
mkdir -p "$TMP/tree/bin" "$TMP/tree/build"
cp "$INVENTORY" "$TMP/tree/bin/inventory"
ln -s "$TOP/build/locale" "$TMP/tree/build/locale"
run in_lang "$ID_LANGUAGE" "$TMP/tree/bin/inventory" --help
check "a program finds the catalogs BLANKO_LOCALEDIR names" grep -q "^Penggunaan:" "$TMP/out"
run in_lang "$ID_LANGUAGE" env -u BLANKO_LOCALEDIR "$TMP/tree/bin/inventory" --help
check "without BLANKO_LOCALEDIR it does not look beside its own bin/" grep -q "^Usage:" "$TMP/out"

# make install puts the catalog where the installed program looks.
run make -s -C "$TOP" install DESTDIR="$TMP/dest" PREFIX=/usr
check "make install puts blanko.mo under LOCALEDIR/id/LC_MESSAGES" \
  cmp -s "$MO" "$TMP/dest/usr/share/locale/id/LC_MESSAGES/blanko.mo"
check "make install puts the PDF writer under PREFIX/lib/blanko, mode 644" \
  test "$(stat -c %a "$TMP/dest/usr/lib/blanko/report-pdf.so" 2>/dev/null)" = 644

test_done
