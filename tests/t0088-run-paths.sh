#!/bin/sh
# Run-time paths (issue 11, item 7): the configuration, the catalogs, the
# PDF writer module, the templates and the default ledger's folder are
# compiled in (where "make install" puts them), each overridable by an
# environment variable (BLANKO_CONF, BLANKO_LOCALEDIR, BLANKO_PKGLIBDIR,
# BLANKO_TEMPLATEDIR, BLANKO_STATEDIR).  An unset variable falls back to
# the compiled-in path (never to a build/ beside the program); an empty one
# is refused; a set-group-id program ignores them all.
. "$(dirname "$0")/lib/test-lib.sh"

test_require root nobody strace msgfmt groupadd flock
new_ledger || { fail "setting up a ledger"; test_done; exit 1; }

# compiled NAME: the Makefile's value of NAME, the path compiled in.
compiled() { make -s --no-print-directory -C "$TOP" --eval "print-path: ; @echo \$($1)" print-path; }
LOCALEDIR=$(compiled LOCALEDIR)
PKGLIBDIR=$(compiled PKGLIBDIR)
SYSCONFDIR=$(compiled SYSCONFDIR)
TEMPLATEDIR=$(compiled TEMPLATEDIR)
STATEDIR=$(compiled STATEDIR)
check "the Makefile names the compiled-in paths ($LOCALEDIR $PKGLIBDIR $SYSCONFDIR $TEMPLATEDIR $STATEDIR)" \
  test -n "$LOCALEDIR" -a -n "$PKGLIBDIR" -a -n "$SYSCONFDIR" -a -n "$TEMPLATEDIR" -a -n "$STATEDIR"

# A fake Indonesian catalog whose --help starts with "PALSU".
mkdir -p "$TMP/fake/id/LC_MESSAGES"
cat >"$TMP/fake.po" <<'PO'
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"

msgid "Usage: %s [--db FILE] [--user NAME] [--json] COMMAND [ARGS]\n\nCommands:\n"
msgstr "PALSU %s\n\nCommands:\n"
PO
msgfmt -o "$TMP/fake/id/LC_MESSAGES/blanko.mo" "$TMP/fake.po" || fail "msgfmt of the fake catalog"
chmod -R a+rX "$TMP/fake"
in_id() { env -u LC_ALL LC_ALL=C.UTF-8 LANGUAGE=id "$@"; }
printf 'nik,name\n' >"$TMP/r.csv"

# traced FILE COMMAND...: run COMMAND under strace, its file look-ups in FILE.
traced() { out=$1; shift; strace -f -qq -e trace=openat,access,stat,newfstatat -o "$out" "$@" >/dev/null 2>&1; }

# --- the overrides are used -------------------------------------------------------------------
run in_id env BLANKO_LOCALEDIR="$TMP/fake" "$INVENTORY" --help
check "BLANKO_LOCALEDIR: the catalogs there are used" grep -q "^PALSU inventory" "$TMP/out"
expect_refused "BLANKO_PKGLIBDIR: the PDF writer is looked for there" 1 \
  "cannot load the PDF writer: $TMP/nolib/report-pdf.so: cannot open shared object file" \
  env BLANKO_PKGLIBDIR="$TMP/nolib" "$INVENTORY" --user pr report stock --format pdf -o "$TMP/s.pdf"
expect_refused "BLANKO_TEMPLATEDIR: the templates are looked for there" 1 \
  "no card template \"ktp-el\" \(looked for $TMP/tmpl/ktp-el\.tmpl\)" \
  env BLANKO_TEMPLATEDIR="$TMP/tmpl" "$PRINTCTL" --user pr import "$TMP/r.csv"
mkdir "$TMP/state"
expect_ok "BLANKO_STATEDIR: the default ledger is made there" \
  env -u BLANKO_DB BLANKO_STATEDIR="$TMP/state" "$INVENTORY" init
check "  as blanko.db" test -s "$TMP/state/blanko.db"
printf '[site]\noffice = Kota Contoh\n' >"$TMP/other.conf"
run env BLANKO_CONF="$TMP/other.conf" "$INVENTORY" --json stock
check "BLANKO_CONF: that configuration is read (exit $rc)" test "$rc" -eq 0
expect_ok "with the harness's variables, the PDF writer and templates of the build tree are found" \
  "$INVENTORY" --user pr report stock --format pdf -o "$TMP/s.pdf"

# --- an unset override falls back to the compiled-in path --------------------------------------
traced "$TMP/locale.trace" env -u LC_ALL -u BLANKO_LOCALEDIR LC_ALL=C.UTF-8 LANGUAGE=id "$INVENTORY" --help
check "BLANKO_LOCALEDIR unset: the catalog is looked for in $LOCALEDIR" \
  grep -q "\"$LOCALEDIR/id/LC_MESSAGES/blanko.mo\"" "$TMP/locale.trace"
check "  and not in a build/locale beside the program" sh -c "! grep -q '/build/locale' '$TMP/locale.trace'"
traced "$TMP/pkglib.trace" env -u BLANKO_PKGLIBDIR "$INVENTORY" --user pr report stock --format pdf -o "$TMP/u.pdf"
check "BLANKO_PKGLIBDIR unset: the PDF writer is looked for as $PKGLIBDIR/report-pdf.so" \
  grep -q "\"$PKGLIBDIR/report-pdf.so\"" "$TMP/pkglib.trace"
check "  and not in a build/lib beside the program" sh -c "! grep -q '/build/lib' '$TMP/pkglib.trace'"
traced "$TMP/conf.trace" env -u BLANKO_CONF "$INVENTORY" stock
check "BLANKO_CONF unset: the configuration is looked for as $SYSCONFDIR/blanko/blanko.conf" \
  grep -q "\"$SYSCONFDIR/blanko/blanko.conf\"" "$TMP/conf.trace"
check "  and not in an etc/ beside the program" sh -c "! grep -q '/etc/blanko.conf\"' '$TMP/conf.trace'"
run env -u BLANKO_TEMPLATEDIR "$PRINTCTL" --user pr import "$TMP/r.csv"
if [ -r "$TEMPLATEDIR/ktp-el.tmpl" ]; then
  pass "BLANKO_TEMPLATEDIR unset: (skipped the message: $TEMPLATEDIR/ktp-el.tmpl is installed)"
else
  check "BLANKO_TEMPLATEDIR unset: the template is looked for in $TEMPLATEDIR" \
    grep -q "looked for $TEMPLATEDIR/ktp-el\.tmpl" "$TMP/err"
fi
traced "$TMP/state.trace" env -u BLANKO_DB -u BLANKO_STATEDIR "$INVENTORY" stock
check "BLANKO_STATEDIR unset: the default ledger is $STATEDIR/blanko.db" \
  grep -q "\"$STATEDIR/blanko.db\"" "$TMP/state.trace"

# --- an empty override is refused, never taken for the default ------------------------------------
for v in BLANKO_LOCALEDIR BLANKO_PKGLIBDIR BLANKO_TEMPLATEDIR BLANKO_STATEDIR; do
  expect_refused "$v=\"\" is refused" 1 "^inventory: $v is set but empty: unset it, or set it to a folder\$" \
    env "$v=" "$INVENTORY" stock
done

# --- a set-group-id program ignores them ----------------------------------------------------------
# A group of its own for the copy, made and removed under the machine-wide
# lock that tests making accounts share.
LOCK=/run/lock/blanko-test-accounts.lock
GROUP="blk88-$$"
drop_group() { flock "$LOCK" groupdel "$GROUP" 2>/dev/null; }
if flock "$LOCK" groupadd "$GROUP"; then
  at_exit drop_group
  mkdir -m 755 "$TMP/sgid" "$TMP/plain"
  cp "$INVENTORY" "$TMP/sgid/inventory"
  cp "$INVENTORY" "$TMP/plain/inventory"
  chgrp "$GROUP" "$TMP/sgid/inventory"
  chmod 2755 "$TMP/sgid/inventory"
  as_nobody() { runuser -u nobody -- "$@"; }
  check "the copy is set-group-id ($(stat -c '%A %G' "$TMP/sgid/inventory"))" test -g "$TMP/sgid/inventory"
  run as_nobody env LC_ALL=C.UTF-8 LANGUAGE=id BLANKO_LOCALEDIR="$TMP/fake" "$TMP/plain/inventory" --help
  check "nobody running a plain copy: BLANKO_LOCALEDIR is honoured" grep -q "^PALSU inventory" "$TMP/out"
  run as_nobody env LC_ALL=C.UTF-8 LANGUAGE=id BLANKO_LOCALEDIR="$TMP/fake" "$TMP/sgid/inventory" --help
  check "nobody running the set-group-id copy: BLANKO_LOCALEDIR is ignored (exit $rc)" \
    sh -c "[ $rc -eq 0 ] && ! grep -q PALSU '$TMP/out' && grep -q '^Usage: inventory' '$TMP/out'"
  printf '[Desktop Entry]\nName=x\n' >"$TMP/foreign.conf"
  chmod 644 "$TMP/foreign.conf"
  run as_nobody env BLANKO_CONF="$TMP/foreign.conf" "$TMP/plain/inventory" stock
  check "nobody running a plain copy: BLANKO_CONF is honoured" grep -q "foreign.conf is not a blanko configuration" "$TMP/err"
  run as_nobody env -u BLANKO_DB BLANKO_CONF="$TMP/foreign.conf" BLANKO_STATEDIR="$TMP/fake" \
    "$TMP/sgid/inventory" stock
  check "the set-group-id copy ignores BLANKO_CONF and BLANKO_STATEDIR ($(cat "$TMP/err"))" \
    sh -c "! grep -q 'foreign.conf' '$TMP/err' && grep -q '$STATEDIR/blanko.db' '$TMP/err'"
  run as_nobody env BLANKO_LOCALEDIR= BLANKO_PKGLIBDIR= "$TMP/sgid/inventory" --help
  check "the set-group-id copy ignores even empty ones (exit $rc)" test "$rc" -eq 0
else
  fail "groupadd $GROUP"
fi

test_done
