# Shell test library for blanko, sourced by tests/t*.sh (in the manner of
# git's t/test-lib.sh).  Each check prints "PASS: ..." or "FAIL: ...";
# test_done prints "N passed, N failed" and sets the exit status.
#
# Every test gets a scratch folder ($TMP, removed on exit), its own ledger
# ($BLANKO_DB) and an empty configuration, so that nothing outside leaks in;
# the programs find the build tree's catalogs, PDF writer and templates
# through the variables tests/lib/env.sh sets.

set -u

TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/tests/lib/env.sh"
INVENTORY="$BLANKO_BIN/inventory"
PRINTCTL="$BLANKO_BIN/printctl"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/blanko-test.XXXXXX")
chmod 755 "$TMP"			# other accounts' tests (nobody) must reach it
export BLANKO_DB="$TMP/ledger.db"
export BLANKO_CONF="$TMP/blanko.conf"
export BLANKO_STATEDIR="$TMP"
: >"$BLANKO_CONF"
export LC_ALL=C

test_passed=0
test_failed=0
test_cleanups=""

# Remove the scratch folder and run registered cleanups, even on failure.
test_cleanup() {
  for c in $test_cleanups; do "$c" || :; done
  [ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"
}
trap test_cleanup EXIT
trap 'exit 130' INT TERM

# at_exit FUNCTION: run FUNCTION when the test ends.
at_exit() { test_cleanups="$1 $test_cleanups"; }

pass() { echo "PASS: $*"; test_passed=$((test_passed + 1)); }
fail() { echo "FAIL: $*"; test_failed=$((test_failed + 1)); }

# check DESCRIPTION COMMAND...: pass when COMMAND succeeds.
check() {
  desc=$1; shift
  if "$@"; then pass "$desc"; else fail "$desc"; fi
}

# run COMMAND...: run it; stdout in $TMP/out, stderr in $TMP/err, status in $rc.
run() {
  "$@" >"$TMP/out" 2>"$TMP/err"
  rc=$?
}

# inv ARGS...: the inventory program (as root, acting as whoever --user says).
inv() { "$INVENTORY" "$@"; }

# db_sum: a fingerprint of the ledger's bytes, WAL included.
db_sum() { cat "$BLANKO_DB" "$BLANKO_DB-wal" 2>/dev/null | sha256sum | cut -c1-64; }

# expect_ok DESCRIPTION COMMAND...: exit 0.
expect_ok() {
  desc=$1; shift
  run "$@"
  if [ "$rc" -eq 0 ]; then
    pass "$desc"
  else
    fail "$desc (exit $rc: $(head -c 300 "$TMP/err"))"
  fi
}

# expect_refused DESCRIPTION CODE PATTERN COMMAND...: exit CODE, exactly one
# line on stderr matching PATTERN (grep -E), and the ledger unchanged to the byte.
expect_refused() {
  desc=$1 code=$2 pattern=$3; shift 3
  before=$(db_sum)
  run "$@"
  after=$(db_sum)
  lines=$(wc -l <"$TMP/err")
  if [ "$rc" -ne "$code" ]; then
    fail "$desc (exit $rc, wanted $code: $(head -c 300 "$TMP/err"))"
  elif [ "$lines" -ne 1 ]; then
    fail "$desc ($lines lines on stderr: $(head -c 300 "$TMP/err"))"
  elif ! grep -Eq -- "$pattern" "$TMP/err"; then
    fail "$desc (stderr lacks /$pattern/: $(cat "$TMP/err"))"
  elif [ "$before" != "$after" ]; then
    fail "$desc (the ledger changed)"
  else
    pass "$desc: $(cat "$TMP/err")"
  fi
}

# expect_out DESCRIPTION PATTERN: the last run's stdout matches PATTERN.
expect_out() {
  if grep -Eq -- "$2" "$TMP/out"; then pass "$1"; else fail "$1 (stdout lacks /$2/: $(head -c 400 "$TMP/out"))"; fi
}

# json_get EXPR: evaluate a Python expression on the last run's stdout as JSON (j).
# (prints JSON-ERROR when stdout is not JSON, so that no comparison passes by accident).
json_get() {
  python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($1)" "$TMP/out" 2>/dev/null || echo JSON-ERROR
}

# no_pdf_writer: print the path of a command that runs the inventory program
# with no PDF writer (report-pdf.so): its BLANKO_PKGLIBDIR is an empty
# $TMP/no-pdf/build/lib.
no_pdf_writer() {
  mkdir -p "$TMP/no-pdf/bin" "$TMP/no-pdf/build/lib" &&
  printf '#!/bin/sh\nBLANKO_PKGLIBDIR="%s" exec "%s" "$@"\n' "$TMP/no-pdf/build/lib" "$INVENTORY" \
    >"$TMP/no-pdf/bin/inventory" &&
  chmod 755 "$TMP/no-pdf/bin/inventory" &&
  echo "$TMP/no-pdf/bin/inventory"
}

# card_site_setup: what printctl's card tests run with: a private, empty
# TMPDIR (so that personal data left behind can be looked for) and the site
# fields the card template prints.
card_site_setup() {
  export TMPDIR="$TMP/tmpdir"
  mkdir -m 700 "$TMPDIR"
  cat >"$BLANKO_CONF" <<'CONF'
[site]
province = Jawa Tengah
regency = Kota Semarang
issue_city = Kota Semarang
CONF
}

# tamper DESCRIPTION PATTERN SQL: edit a copy of $TMP/good.db with sqlite3
# behind the programs' back; verify must exit 3 with one line on stderr, and
# its report (stdout, or that line) must match PATTERN.
tamper() {
  cp "$TMP/good.db" "$BLANKO_DB"
  rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"
  if ! sqlite3 "$BLANKO_DB" "$3"; then
    fail "$1 (the edit itself failed)"
    return
  fi
  run inv verify
  if [ "$rc" -eq 3 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && cat "$TMP/out" "$TMP/err" | grep -Eq -- "$2"; then
    pass "verify catches $1: $(cat "$TMP/err")"
  else
    fail "verify catches $1 (exit $rc: $(cat "$TMP/out" "$TMP/err"))"
  fi
}

# second_person ROLES: the account nobody, registered with ROLES and let
# write the ledger (its folder and files given to nobody's group): the
# second person of dual control, since root acting for both the preparer
# and the approver is refused (issue 12).  Run commands as it with
# $NOBODY_INV (runuser keeps the test's environment).  ROLES "": the test
# registers nobody itself.
second_person() {
  _sp_dir=$(dirname "$BLANKO_DB") _sp_grp=$(id -gn nobody)
  chgrp "$_sp_grp" "$_sp_dir" "$BLANKO_DB" &&
  for _sp_f in "$BLANKO_DB-wal" "$BLANKO_DB-shm"; do [ ! -e "$_sp_f" ] || chgrp "$_sp_grp" "$_sp_f" || return 1; done &&
  chmod g+rwxs "$_sp_dir" && chmod g+rw "$BLANKO_DB" &&
  { [ -z "$1" ] || inv user add nobody --role "$1" >/dev/null; }
}
NOBODY_INV="runuser -u nobody -- $INVENTORY"

# new_ledger: a ledger with users for each role and two locations.
new_ledger() {
  inv init >/dev/null &&
  inv user add wh --role warehouse >/dev/null &&
  inv user add pr --role printroom >/dev/null &&
  inv user add au --role auditor >/dev/null &&
  inv location add GUDANG --kind store --name "Gudang utama" >/dev/null &&
  inv location add RC1 --kind printroom >/dev/null
}

# test_have PREREQ...: does every prerequisite hold?  root; nobody (the
# account and runuser, to act as someone unprivileged); tmpfs (this test
# may mount one); any other word is a command on the PATH.  A missing one is
# said on a "# SKIP" line naming the test and what is missing; under
# CI=true it is a failure instead, so that CI can never pass by skipping.
test_have() {
  _missing=""
  for _p in "$@"; do
    case $_p in
      root)   [ "$(id -u)" -eq 0 ] || _missing="$_missing root" ;;
      nobody) { id nobody >/dev/null 2>&1 && command -v runuser >/dev/null; } || _missing="$_missing nobody" ;;
      tmpfs)  _test_tmpfs_ok || _missing="$_missing tmpfs" ;;
      *)      command -v "$_p" >/dev/null 2>&1 || _missing="$_missing $_p" ;;
    esac
  done
  [ -z "$_missing" ] && return 0
  if [ "${CI:-}" = true ]; then
    fail "$(basename "$0"): prerequisite missing:$_missing (under CI=true a skip is a failure)"
  else
    echo "# SKIP $(basename "$0"): prerequisite missing:$_missing"
  fi
  return 1
}

# test_require PREREQ...: as test_have, but the whole test ends here when a
# prerequisite is missing.
test_require() {
  test_have "$@" && return 0
  test_done
  exit
}

# May this process mount a tmpfs (root, and not forbidden by the sandbox)?
_test_tmpfs_ok() {
  [ "$(id -u)" -eq 0 ] || return 1
  mkdir -p "$TMP/.tmpfs-probe" &&
  mount -t tmpfs -o size=64k tmpfs "$TMP/.tmpfs-probe" 2>/dev/null &&
  umount "$TMP/.tmpfs-probe" && rmdir "$TMP/.tmpfs-probe"
}

# csv_variant SRC DST FIELD VALUE: DST is SRC's header and first record with
# FIELD set to VALUE (bytes, written as given); VALUE "-" drops the column;
# FIELD "header:NAME" puts VALUE in place of the header NAME.
csv_variant() {
  python3 - "$@" <<'PY'
import csv, io, sys
src, dst, field, value = sys.argv[1:5]
rows = list(csv.reader(open(src, newline='', encoding='utf-8', errors='surrogateescape')))
head, row = rows[0], rows[1]
if field.startswith('header:'):
    head[head.index(field[7:])] = value
elif value == '-':
    i = head.index(field); del head[i]; del row[i]
else:
    row[head.index(field)] = value
out = io.StringIO()
csv.writer(out, lineterminator='\n').writerows([head, row])
open(dst, 'wb').write(out.getvalue().encode('utf-8', 'surrogateescape'))
PY
}

# small_disk DIR SIZE [MODE]: mount a tmpfs of SIZE (e.g. 64k) on DIR (made
# here), unmounted when the test ends; a test that fills a disk fills this,
# never a device.  Fails the test (and returns 1) when it cannot.
small_disk() {
  mkdir -p "$1" || return 1
  if ! mount -t tmpfs -o "size=$2,mode=${3:-700}" blanko-small "$1" 2>"$TMP/mount.err"; then
    fail "mount a $2 tmpfs on $1: $(cat "$TMP/mount.err")"
    return 1
  fi
  _small_disks="$1 ${_small_disks:-}"
  at_exit _small_disks_unmount
}
_small_disks_unmount() {
  for _d in ${_small_disks:-}; do umount "$_d" 2>/dev/null || umount -l "$_d" 2>/dev/null; done
  _small_disks=""
}

# test_done: the closing line and the exit status.
test_done() {
  echo "$test_passed passed, $test_failed failed"
  [ "$test_failed" -eq 0 ]
}
