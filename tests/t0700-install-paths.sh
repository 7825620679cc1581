#!/bin/sh
# make install and make uninstall (issue 12, item 6): the programs installed
# have the install's paths compiled in, whatever the build used (a default
# build, then "make install PREFIX=... SYSCONFDIR=... LOCALSTATEDIR=..."):
# with no BLANKO_* variable the installed inventory finds its catalogue
# (Indonesian), its PDF writer, its configuration file and its default
# ledger in LOCALSTATEDIR/lib/blanko, and printctl its card template.  The
# default ledger is never in the working folder (nor a relative [database]
# path).  make uninstall removes what install put, keeping a changed
# configuration file and the state folder with its ledger.
. "$(dirname "$0")/lib/test-lib.sh"

test_require strings strace make
# installed COMMAND...: run COMMAND with no BLANKO_* variable.
installed() {
  env -u BLANKO_DB -u BLANKO_CONF -u BLANKO_STATEDIR -u BLANKO_LOCALEDIR -u BLANKO_PKGLIBDIR \
    -u BLANKO_TEMPLATEDIR "$@"
}
mk() { make -s --no-print-directory -C "$TOP" "$@" >"$TMP/make.out" 2>&1; }

P=$TMP/p E=$TMP/e V=$TMP/v
SCRATCH="PREFIX=$P SYSCONFDIR=$E LOCALSTATEDIR=$V"

# --- the build keeps its own paths; the install has its own ---------------------------------
check "the build tree's programs have the default paths compiled in" \
  sh -c "strings '$INVENTORY' | grep -q '/usr/local/var/lib/blanko'"
if mk install $SCRATCH; then pass "make install $SCRATCH"; else fail "make install ($(tail -5 "$TMP/make.out"))"; fi
for prog in inventory printctl; do
  check "the installed $prog has the install's state folder $V/lib/blanko compiled in" \
    sh -c "strings '$P/bin/$prog' | grep -q '$V/lib/blanko\$'"
  check "  and the install's configuration $E/blanko/blanko.conf, and no /usr/local path" \
    sh -c "strings '$P/bin/$prog' | grep -q '$E/blanko/blanko.conf\$' && ! strings '$P/bin/$prog' | grep -q '/usr/local/'"
done
check "the build tree's programs keep the default paths after the install" \
  sh -c "strings '$INVENTORY' | grep -q '/usr/local/var/lib/blanko' && ! strings '$INVENTORY' | grep -q '$V'"

# --- the installed programs find their files with no BLANKO_* variable ---------------------
mkdir "$TMP/cwd" && cd "$TMP/cwd" || exit 1
run installed "$P/bin/inventory" init
check "init makes the default ledger in the state folder $V/lib/blanko ($(cat "$TMP/out" "$TMP/err"))" \
  test "$rc" = 0 -a -f "$V/lib/blanko/blanko.db"
check "  and nothing in the working folder" test -z "$(ls -A "$TMP/cwd")"
cd /tmp || exit 1
expect_ok "from another folder the same ledger is found" installed "$P/bin/inventory" user add siti --role printroom,auditor
cd "$TMP/cwd" || exit 1
installed "$P/bin/inventory" location add GUDANG --kind store >/dev/null
run installed LC_ALL=C.UTF-8 LANGUAGE=id "$P/bin/inventory" --help
check "the installed catalogue: --help in Indonesian under LANGUAGE=id" grep -q "^Penggunaan: inventory" "$TMP/out"
run installed "$P/bin/inventory" --user siti report stock --format pdf -o "$TMP/stock.pdf"
check "the installed PDF writer: a PDF report ($rc: $(cat "$TMP/err"))" \
  sh -c "test $rc = 0 && head -c 5 '$TMP/stock.pdf' | grep -q '%PDF-'"
printf 'nik,name\n' >"$TMP/r.csv"
strace -f -qq -e trace=openat -o "$TMP/tmpl.trace" env -u BLANKO_DB -u BLANKO_CONF -u BLANKO_STATEDIR \
  -u BLANKO_LOCALEDIR -u BLANKO_PKGLIBDIR -u BLANKO_TEMPLATEDIR "$P/bin/printctl" --user siti import "$TMP/r.csv" >/dev/null 2>&1
check "the installed card template: printctl opens $E/blanko/templates/ktp-el.tmpl" \
  grep -Eq "\"$E/blanko/templates/ktp-el.tmpl\", [^)]*\) = [0-9]" "$TMP/tmpl.trace"
cp "$E/blanko/blanko.conf" "$TMP/conf.orig"
printf '[site]\nwarna = biru\n' >>"$E/blanko/blanko.conf"
expect_refused "the installed configuration file is read (a bad line in it is named)" 1 \
  "^inventory: $E/blanko/blanko.conf:[0-9]+: unknown setting site.warna" installed "$P/bin/inventory" stock
printf '[database]\npath = other.db\n' >"$E/blanko/blanko.conf"
expect_ok "a relative [database] path: init" installed "$P/bin/inventory" init
check "  makes the ledger in the state folder, not the working folder" \
  test -f "$V/lib/blanko/other.db" -a ! -e "$TMP/cwd/other.db"
cp "$TMP/conf.orig" "$E/blanko/blanko.conf"

# --- a second install with other paths, into a DESTDIR ---------------------------------------
if mk install DESTDIR="$TMP/root" PREFIX=/usr SYSCONFDIR=/etc LOCALSTATEDIR=/var; then
  pass "make install DESTDIR=... PREFIX=/usr SYSCONFDIR=/etc LOCALSTATEDIR=/var"
else
  fail "make install into DESTDIR ($(tail -5 "$TMP/make.out"))"
fi
for prog in inventory printctl; do
  check "$prog installed for /usr: /var/lib/blanko, /etc/blanko/blanko.conf, /usr/lib/blanko and /usr/share/locale" \
    sh -c "strings '$TMP/root/usr/bin/$prog' >'$TMP/strings' && grep -q '/var/lib/blanko\$' '$TMP/strings' &&
           grep -q '/etc/blanko/blanko.conf\$' '$TMP/strings' && grep -q '/usr/lib/blanko\$' '$TMP/strings' &&
           grep -q '/usr/share/locale\$' '$TMP/strings'"
  check "  with neither /usr/local nor the scratch install's paths" \
    sh -c "! strings '$TMP/root/usr/bin/$prog' | grep -Eq '/usr/local/|$TMP'"
done
for f in usr/lib/blanko/report-pdf.so usr/share/locale/id/LC_MESSAGES/blanko.mo etc/blanko/blanko.conf \
         etc/blanko/templates/ktp-el.tmpl usr/lib/systemd/system/blanko-printctl.service \
         usr/share/bash-completion/completions/inventory usr/share/bash-completion/completions/printctl; do
  check "  installed: /$f" test -e "$TMP/root/$f"
done
check "  the state folder is made, empty" test -d "$TMP/root/var/lib/blanko" -a -z "$(ls -A "$TMP/root/var/lib/blanko")"
check "  the units name the install's paths" \
  grep -q "^ExecStart=/usr/bin/printctl run\$" "$TMP/root/usr/lib/systemd/system/blanko-printctl.service"
check "a relative path is refused at make time" \
  sh -c "! make -s -C '$TOP' install DESTDIR='$TMP/rel' LOCALSTATEDIR=var >'$TMP/rel.out' 2>&1 && grep -q 'not an absolute path' '$TMP/rel.out' && test ! -e '$TMP/rel'"

# --- uninstall --------------------------------------------------------------------------------
if mk uninstall DESTDIR="$TMP/root" PREFIX=/usr SYSCONFDIR=/etc LOCALSTATEDIR=/var; then
  pass "make uninstall (DESTDIR, /usr)"
else
  fail "make uninstall ($(tail -5 "$TMP/make.out"))"
fi
check "  removes every file install put ($(find "$TMP/root" ! -type d | head -3))" test -z "$(find "$TMP/root" ! -type d)"
check "  and the folders of its own (/usr/lib/blanko, /etc/blanko, the empty state folder)" \
  test ! -e "$TMP/root/usr/lib/blanko" -a ! -e "$TMP/root/etc/blanko" -a ! -e "$TMP/root/var/lib/blanko"

printf '[site]\noffice = Kantor Kita\n' >>"$E/blanko/blanko.conf"
if mk uninstall $SCRATCH; then pass "make uninstall $SCRATCH"; else fail "make uninstall ($(tail -5 "$TMP/make.out"))"; fi
check "  removes the programs, the PDF writer, catalogue, templates, units, completions and man pages" \
  test -z "$(find "$P" ! -type d)" -a ! -e "$E/blanko/templates"
check "  keeps the changed configuration file, and says so" \
  sh -c "grep -q 'Kantor Kita' '$E/blanko/blanko.conf' && grep -q 'kept $E/blanko/blanko.conf' '$TMP/make.out'"
check "  keeps the state folder with the ledgers, and says so" \
  sh -c "test -f '$V/lib/blanko/blanko.db' -a -f '$V/lib/blanko/other.db' && grep -q 'kept the state folder' '$TMP/make.out'"

test_done
