#!/bin/bash
# The office server's security model (issue 12, doc/security.md) with real
# OS accounts: a build with scratch paths compiled in, installed
# set-group-id to a test group (the stand-in for "blanko"), a state folder
# owned by a test service account, and staff accounts that are not in the
# group.  Staff reach the ledger only through the programs: they cannot
# read it, write it, replace it or plant a key; the programs record the
# real account, ignore --db and the environment, open the files a user
# names with the user's rights, and load the PDF module only after giving
# the group up.  The scratch build takes about a minute.
. "$(dirname "$0")/lib/test-lib.sh"

test_require root runuser useradd flock sqlite3 python3 pdfinfo pdftoppm zbarimg openssl
. "$TOP/tests/lib/accounts.sh"

GEN="$TOP/build/gen-residents"
PROBE="$TOP/build/unit/test-privilege"
[ -x "$GEN" ] && [ -x "$PROBE" ] || { fail "build/gen-residents and build/unit/test-privilege are built (make unit check)"; test_done; exit 1; }

# --- A scratch build with its paths compiled in, installed set-group-id ---------------
S="$TMP/s"				# prefix, state folder and service files
ETC="$S/usr/etc/blanko"
STATE="$S/var/lib/blanko"
DB="$STATE/blanko.db"
start=$(date +%s)
if ! make -C "$TOP" -j1 --no-print-directory BUILD="$S/build" BIN="$S/bin" PREFIX="$S/usr" \
     LOCALSTATEDIR="$S/var" install >"$TMP/build.log" 2>&1; then
  fail "the scratch build (log: $(tail -n 5 "$TMP/build.log"))"; test_done; exit 1
fi
echo "# scratch build and install: $(( $(date +%s) - start )) s"
rm -rf "$S/build"			# not needed any more: 40 MB

acct_group grp || { fail "making the test group"; test_done; exit 1; }; G=$acct_name
acct_user svc "$G" && SVC=$acct_name
acct_user wh && WH=$acct_name
acct_user pr1 && PR1=$acct_name
acct_user pr2 && PR2=$acct_name
[ -n "${PR2:-}" ] || { fail "making the test accounts"; test_done; exit 1; }

INV="$S/usr/bin/inventory"
PC="$S/usr/bin/printctl"
chgrp "$G" "$INV" "$PC" && chmod 2755 "$INV" "$PC"
install -d -o "$SVC" -g "$G" -m 2770 "$STATE"
check "the programs are set-group-id $G" test "$(stat -c %A:%G "$INV")" = "-rwxr-sr-x:$G"

# The tests' own variables point at the build tree; this test runs the
# installed programs, so only the office's ledger is named (for db_sum).
unset BLANKO_CONF BLANKO_LOCALEDIR BLANKO_PKGLIBDIR BLANKO_TEMPLATEDIR BLANKO_STATEDIR
export BLANKO_DB="$DB"
export TMPDIR="$TMP"
sinv() { "$INV" "$@"; }			# root, through the installed program
spc() { "$PC" "$@"; }
as() { u=$1; shift; as_acct "$u" "$@"; }

# A staff account cannot make the office's ledger (and become its admin).
expect_refused "init by a staff account is refused" 1 "only root or the service's account may make the office's ledger" \
  as "$WH" "$INV" init
check "and no ledger was made" test ! -e "$DB"
# Root sets the office up through the installed programs; the service owns it.
run sinv init
[ "$rc" -eq 0 ] || fail "root's init (exit $rc: $(cat "$TMP/err"))"
sinv user add "$WH" --role warehouse >/dev/null && sinv user add "$PR1" --role printroom >/dev/null &&
  sinv user add "$PR2" --role printroom >/dev/null && sinv location add GUDANG --kind store >/dev/null &&
  sinv location add RC1 --kind printroom >/dev/null || fail "setting the ledger up"
chown -R "$SVC:$G" "$STATE"
check "the ledger is the service's, group $G, mode 0660" test "$(stat -c %U:%G:%a "$DB")" = "$SVC:$G:660"

# Homes of the staff: their own folders.
for u in "$WH" "$PR1" "$PR2"; do install -d -o "$u" -m 700 "$TMP/home-$u"; done
H_WH="$TMP/home-$WH" H1="$TMP/home-$PR1" H2="$TMP/home-$PR2"
# A folder only the group may read, as a district's secrets might be kept.
GDIR="$TMP/group-only"
install -d -o root -g "$G" -m 0750 "$GDIR"

# --- The warehouse account works through the programs, as itself ---------------------
expect_ok "the warehouse account receives through the program" \
  as "$WH" "$INV" receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG --expect 100
expect_ok "and transfers to the print room" as "$WH" "$INV" transfer --from GUDANG --to RC1 --count 50
run sinv log --json
check "the actor recorded is the real account, not via anyone" \
  python3 -c "import json,sys; e=[x for x in json.load(open(sys.argv[1])) if x.get('kind')=='receive'][0]; sys.exit(0 if e.get('actor')==sys.argv[2] and not e.get('via') else 1)" "$TMP/out" "$WH"
expect_refused "a staff account may not act as another (--user)" 1 "only root may act as another user" \
  as "$WH" "$INV" --user "$PR1" stock

# --- Nobody but the programs reads or changes the ledger -------------------------------
sum0=$(db_sum)
run as "$WH" sqlite3 "$DB" "select nik from requests"
check "the warehouse account cannot read the ledger with sqlite3 ($(head -c 80 "$TMP/err"))" \
  sh -c "[ $rc -ne 0 ] && grep -qi 'unable to open\|permission denied' '$TMP/err'"
run as "$WH" cat "$DB"
check "nor with cat (permission denied)" sh -c "[ $rc -ne 0 ] && grep -q 'Permission denied' '$TMP/err'"
run as "$WH" sh -c "echo x >>'$DB'"
check "it cannot open the ledger for writing" sh -c "[ $rc -ne 0 ] && grep -q 'Permission denied' '$TMP/err'"
run as "$WH" sh -c "echo x >>'$DB-wal'"
check "nor its write-ahead log" sh -c "[ $rc -ne 0 ] && grep -q 'Permission denied' '$TMP/err'"
cp "$DB" "$H_WH/old.db"; chown "$WH" "$H_WH/old.db"
run as "$WH" cp "$H_WH/old.db" "$DB"
check "a rollback (an older copy over the ledger) is impossible" sh -c "[ $rc -ne 0 ]"
run as "$WH" mv "$H_WH/old.db" "$DB"
check "so is replacing the file" sh -c "[ $rc -ne 0 ]"
# The forged admin and the forged destruction of the issue: a correctly
# hashed event appended with sqlite3.  The file cannot be opened at all.
run as "$WH" sqlite3 "$DB" "insert into events(kind, actor, detail) values ('user.add', '$WH', '{\"role\":\"admin\"}')"
check "the forged admin cannot be written" sh -c "[ $rc -ne 0 ] && grep -qi 'unable to open' '$TMP/err'"
run as "$WH" sqlite3 "$DB" "insert into events(kind, actor, detail) values ('destroy', 'rina', '{}')"
check "nor the forged destruction" sh -c "[ $rc -ne 0 ] && grep -qi 'unable to open' '$TMP/err'"
run as "$WH" python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('pragma journal_mode'); c.execute('delete from events')" "$DB"
check "nor a chain rewrite" sh -c "[ $rc -ne 0 ] && grep -qi 'unable to open' '$TMP/err'"
check "the ledger is unchanged to the byte" test "$sum0" = "$(db_sum)"

# --- --db and the environment are not the caller's to choose ---------------------------
printf 'not a blanko configuration\n' >"$TMP/bad.conf"; chmod 644 "$TMP/bad.conf"
expect_refused "--db is refused when privileged, naming the office's ledger" 1 "--db is not allowed.*$DB" \
  as "$WH" "$INV" --db "$H_WH/mine.db" stock
check "and no ledger was made there" test ! -e "$H_WH/mine.db"
run as "$WH" env BLANKO_DB="$H_WH/other.db" BLANKO_CONF="$TMP/bad.conf" BLANKO_STATEDIR="$H_WH" \
  BLANKO_PKGLIBDIR="$H_WH" BLANKO_LOCALEDIR="$H_WH" CUPS_SERVER="$H_WH/cups.sock" "$INV" stock --json
check "BLANKO_DB, BLANKO_CONF and the other variables are ignored: the office's stock ($(head -c 100 "$TMP/err"))" \
  sh -c "[ $rc -eq 0 ] && grep -q '100\|50' '$TMP/out' && [ ! -e '$H_WH/other.db' ]"
# A receive with BLANKO_DB pointing elsewhere lands in the office's ledger.
run as "$WH" env BLANKO_DB="$H_WH/other.db" "$INV" receive --supplier Peruri --ref SJ-2 --serials KTP0002000-KTP0002009 --to GUDANG --expect 10
run sinv history KTP0002005
check "a write with BLANKO_DB set elsewhere goes to the office's ledger" grep -q GUDANG "$TMP/out"

# --- Cards: two print-room accounts, one key through the group ------------------------
# Staff accounts cannot write a font cache; they read the system's, which a
# root process with umask 077 may have left unreadable (fontconfig writes it
# with the process's umask): put it as a Debian install leaves it.
if command -v fc-cache >/dev/null; then
  (umask 022; fc-cache -s >/dev/null 2>&1); chmod a+r /var/cache/fontconfig/* 2>/dev/null
fi
"$GEN" -n 3 -s 1 -o "$H1/batch" >/dev/null && chown -R "$PR1" "$H1/batch"
cp -r "$H1/batch" "$GDIR/batch"; chgrp -R "$G" "$GDIR/batch"; chmod -R g+rX,o-rwx "$GDIR/batch"
expect_refused "import of a CSV only the group may read is refused (the user's own rights)" 1 "Permission denied" \
  as "$PR1" "$PC" import "$GDIR/batch/residents.csv"
expect_ok "the print room imports its own CSV" as "$PR1" "$PC" import "$H1/batch/residents.csv"
# The signing keys are the service's: a staff member cannot make the first
# one (it would be theirs); root makes it, and it is the group's.
# (A staff run gives the group up after opening the ledger, so it cannot
# remove the -wal when it closes; checkpoint it here, so that the byte
# comparison of expect_refused sees only what a command writes.)
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
expect_refused "a print-room account cannot make the first signing key" 1 "root or the service account makes the first key" \
  as "$PR1" "$PC" render 1 -o "$H1/card0.png"
sinv user set "$PR1" --role printroom,admin >/dev/null
expect_refused "nor can an admin, with key rotate" 1 "signing keys are made by root or the service account" \
  as "$PR1" "$PC" key rotate
sinv user set "$PR1" --role printroom >/dev/null
check "and no keys folder was made" test ! -e "$DB.keys"
expect_ok "root makes the first key" spc key rotate
current_key() { echo "$DB.keys/$(cat "$DB.keys/current" 2>/dev/null).pem"; }
KEY=$(current_key)
check "root's key is the group's: mode 0640, group $G ($(stat -c %a:%G "$KEY" 2>&1))" \
  test "$(stat -c %a:%G "$KEY" 2>&1)" = "640:$G"
expect_ok "the first print-room account renders a card" as "$PR1" "$PC" render 1 -o "$H1/card1.png"
expect_ok "the second renders with the same key (through the group)" as "$PR2" "$PC" render 2 -o "$H2/card2.pdf"
check "the card is a PDF" sh -c "pdfinfo '$H2/card2.pdf' >/dev/null 2>&1"
check "an output is the user's, with the user's group (made after the group was given up)" \
  test "$(stat -c %U:%G:%a "$H2/card2.pdf")" = "$PR2:users:600"
expect_refused "an -o output into a folder only the group may write is refused" 1 "Permission denied" \
  as "$PR1" "$PC" render 1 -o "$GDIR/card.pdf"
chmod 0770 "$GDIR"
expect_refused "even one the group may write" 1 "Permission denied" as "$PR1" "$PC" render 1 -o "$GDIR/card.pdf"
expect_refused "a report's -o likewise" 1 "Permission denied" \
  as "$WH" "$INV" report stock --format pdf -o "$GDIR/stock.pdf"
chmod 0750 "$GDIR"
check "nothing was written there" test -z "$(ls "$GDIR" | grep -v batch)"
# FONTCONFIG_FILE naming a broken file: honoured, fontconfig would complain on stderr.
printf '<fontconfig><broken\n' >"$TMP/fonts.conf"; chmod 644 "$TMP/fonts.conf"
run as "$PR1" env FONTCONFIG_FILE="$TMP/fonts.conf" FONTCONFIG_PATH="$TMP" GIO_EXTRA_MODULES="$TMP" "$PC" render 3 -o "$H1/card3.pdf"
check "fontconfig's variables are cleared (no complaint about $TMP/fonts.conf)" \
  sh -c "[ $rc -eq 0 ] && ! grep -q fonts.conf '$TMP/err'"

# --- Printing: two print-room accounts through the system's cupsd address -------------
# A privileged printctl ignores CUPS_SERVER and talks to the system's
# default, /run/cups/cups.sock: the fixture's cupsd listens there too, under
# the machine-wide lock, when the machine has no cupsd of its own.
print_cleanup() {
  cups_stop
  rm -f /run/cups/cups.sock
  [ -n "${made_run_cups:-}" ] && rmdir /run/cups 2>/dev/null
  exec 9>&-				# the machine-wide lock, before the accounts go
}
if [ -e /run/cups/cups.sock ] || ! test_have cupsd ippeveprinter lpadmin dbus-daemon; then
  [ -e /run/cups/cups.sock ] && echo "# SKIP printing as staff: this machine runs a cupsd of its own (/run/cups/cups.sock)"
else
  exec 9>"$ACCT_LOCK"; flock 9
  [ -d /run/cups ] || { mkdir -m 755 /run/cups && made_run_cups=1; }
  . "$TOP/tests/lib/cups-fixture.sh"
  at_exit print_cleanup
  CUPS_FIXTURE_LISTEN=/run/cups/cups.sock
  mkdir -p "$TMP/cups"
  if cups_start "$TMP/cups" && cups_add_printer card1; then
    "$GEN" -n 2 -s 7 -o "$H2/batch" >/dev/null && chown -R "$PR2" "$H2/batch"
    as "$PR2" "$PC" import "$H2/batch/residents.csv" >/dev/null || fail "the second account imports"
    spc --user "$PR1" printer add P1 --queue card1 --location RC1 >/dev/null &&
      spc --user "$PR1" printer load P1 --serials KTP0001000-KTP0001009 >/dev/null || fail "a printer with a hopper"
    # The controller keeps the group (the ledger) but renders in a child that
    # gave it up: a template only the group may read is out of the child's reach.
    TPL="$ETC/templates/ktp-el.tmpl"
    chgrp "$G" "$TPL"; chmod 0640 "$TPL"
    run as "$PR1" "$PC" run --once --max 1
    chmod 0644 "$TPL"
    check "run renders each card without the group: a group-only template is out of its reach (exit $rc)" \
      sh -c "[ $rc -eq 3 ] && grep -q 'ktp-el' '$TMP/out' '$TMP/err'"
    spc --user "$PR1" printer resume P1 >/dev/null || fail "resume P1"
    run as "$PR1" env CUPS_SERVER=/nonexistent/cups.sock "$PC" run --once --max 3
    check "the first print-room account prints, through the system's address (exit $rc: $(head -c 200 "$TMP/err"))" \
      test "$rc" -eq 0
    run as "$PR2" "$PC" run --once
    check "the second prints the rest (exit $rc: $(head -c 200 "$TMP/err"))" test "$rc" -eq 0
    run spc --user "$PR1" requests --json
    check "every request is printed" \
      python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if len(r) == 5 and all(x['state']=='printed' for x in r) else 1)" "$TMP/out"
    pdfs=0; docs=0
    for f in $(cups_documents card1); do
      docs=$((docs + 1)); head -c 5 "$f" | grep -q '%PDF' && pdfs=$((pdfs + 1))
    done
    check "the printer got a PDF per card ($pdfs of $docs), each rendered in a child that gave the group up" \
      test "$docs:$pdfs" = "5:5"
    # The child got only the payload the parent sealed: the printed QR code
    # is genuine, and any account (the warehouse's too) can check it.
    first=$(cups_documents card1 | head -n 1)
    if [ -n "$first" ] && pdftoppm -r 300 -png -singlefile "$first" "$TMP/printed" 2>/dev/null &&
       payload=$(zbarimg --raw -q "$TMP/printed.png" 2>/dev/null) && [ -n "$payload" ]; then
      run as "$WH" "$PC" verify-qr "$payload"
      check "a printed card's seal is genuine, checked by the warehouse account (exit $rc: $(head -c 200 "$TMP/out" "$TMP/err"))" \
        sh -c "[ $rc -eq 0 ] && case '$payload' in KTP2:*) true;; *) false;; esac"
    else
      fail "reading the QR code of a printed card"
    fi
  else
    fail "the CUPS fixture on /run/cups/cups.sock"
  fi
  print_cleanup
fi

# --- Keys: nobody plants one; root's works for everyone --------------------------------
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$H1/planted.pem" 2>/dev/null
chown "$PR1" "$H1/planted.pem"
run as "$PR1" cp "$H1/planted.pem" "$KEY"
check "a staff account cannot put a key in place of the signing key" sh -c "[ $rc -ne 0 ]"
run as "$PR1" sh -c "cp '$H1/planted.pem' '$DB.keys/0123456789ABCDEF.pem'"
check "nor add one to the keys folder" sh -c "[ $rc -ne 0 ]"
run as "$PR1" sh -c "cp '$H1/planted.pem' '$STATE/new.key'"
check "nor write anything into the state folder" sh -c "[ $rc -ne 0 ]"
old_key=$KEY
expect_ok "root rotates the key (through the program)" spc key rotate
KEY=$(current_key)
check "root's new key is the group's too (0640, group $G)" \
  sh -c "[ '$KEY' != '$old_key' ] && [ \"\$(stat -c %a:%G '$KEY' 2>&1)\" = '640:$G' ]"
expect_ok "and the print room uses it" as "$PR2" "$PC" render 1 -o "$H2/again.pdf"

# --- The PDF module and the renderer run without the group -----------------------------
# Made readable by the group only, the PDF module cannot be loaded: the
# program gave the group up before opening it.  Readable by all, it loads.
MOD="$S/usr/lib/blanko/report-pdf.so"
chgrp "$G" "$MOD"; chmod 0640 "$MOD"
expect_refused "the PDF module is opened after the group was given up" 1 "cannot load the PDF writer" \
  as "$WH" "$INV" report stock --format pdf -o "$H_WH/stock.pdf"
chmod 0644 "$MOD"
expect_ok "readable by everyone, the report is made" as "$WH" "$INV" report stock --format pdf -o "$H_WH/stock.pdf"
check "it is the user's file" test "$(stat -c %U:%G "$H_WH/stock.pdf")" = "$WH:users"
# Likewise a template only the group may read: rendering starts after the drop.
TPL="$ETC/templates/ktp-el.tmpl"
chgrp "$G" "$TPL"; chmod 0640 "$TPL"
run as "$PR1" "$PC" render 1 -o "$H1/late.pdf"
check "a card is rendered without the group (a group-only template is out of reach)" \
  sh -c "[ $rc -ne 0 ] && grep -q 'ktp-el' '$TMP/err'"
chmod 0644 "$TPL"

# The privilege module itself, set-group-id and run by a staff account: its
# rendering child has given the group up, the parent keeps it, a file the
# user names is opened with the user's rights, and the drop is for good.
cp "$PROBE" "$S/probe"; chgrp "$G" "$S/probe"; chmod 2755 "$S/probe"
echo secret >"$GDIR/secret"; chgrp "$G" "$GDIR/secret"; chmod 0640 "$GDIR/secret"
run as "$PR1" "$S/probe" "$GDIR/secret"
check "the privilege module, set-group-id, as a staff account ($(grep -c PASS "$TMP/out") checks: $(grep FAIL "$TMP/out" | head -n 3))" \
  sh -c "[ $rc -eq 0 ] && grep -q '^9 passed, 0 failed' '$TMP/out'"

test_done
