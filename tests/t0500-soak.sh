#!/bin/bash
# Concurrency soak: four processes share one ledger for a bounded time
# (SOAK_SECONDS, default 40):
#   (a) the warehouse receives new serial ranges and transfers them to the
#       print room;
#   (b) the print room imports a second batch of residents and runs the
#       controller on two simulated printers (no delay);
#   (c) an auditor spoils blanks, marks printed cards invalid, and prepares,
#       has a second auditor approve, and executes destructions;
#   (d) a reader runs stock and verify.
# Every command's exit status and stderr are kept; none may fail (no
# "database is locked", no refusal), and afterwards verify passes and the
# counts add up.  Then: no resident's NIK or name in CUPS's job attributes,
# control files and logs, in the controller's output, in files left in /tmp
# or $TMPDIR, or in any command line seen during the run; and the modes of
# the files the programs create.
. "$(dirname "$0")/lib/test-lib.sh"
. "$TOP/tests/lib/print-lib.sh"

SOAK_SECONDS=${SOAK_SECONDS:-40}
: >"$TMP/start-marker"
print_setup card1 card2 || exit 1
cups_printer_delay card1 0
cups_printer_delay card2 0

new_ledger || { fail "set up a ledger"; test_done; exit 1; }
inv user add au2 --role auditor >/dev/null
# Dual control needs two real accounts (issue 12): the second auditor is the account nobody.
second_person auditor || fail "letting nobody approve"
inv location add VAULT --kind store >/dev/null
inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001999 --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001299 >/dev/null
inv --user wh receive --supplier Peruri --ref SJ-V --serials KTP0900000-KTP0900299 --to VAULT >/dev/null
pc printer add P1 --queue card1 --location RC1 >/dev/null
pc printer add P2 --queue card2 --location RC1 >/dev/null
pc printer load P1 --serials KTP0001000-KTP0001099 >/dev/null
pc printer load P2 --serials KTP0001100-KTP0001199 >/dev/null
# Seeds no other test uses: the privacy checks below grep /tmp for them.
"$GEN" -n 120 -s 9701 -o "$TMP/res1" >/dev/null
"$GEN" -n 60 -s 9702 -o "$TMP/res2" >/dev/null
expect_ok "import the first batch" pc import "$TMP/res1/residents.csv"

# --- The four processes ----------------------------------------------------------------------
W="$TMP/soak"
mkdir -p "$W"
for f in wh.received wh.transferred au.done pr.log; do : >"$W/$f"; done
END=$(($(date +%s) + SOAK_SECONDS))
alive() { [ "$(date +%s)" -lt "$END" ]; }

# step NAME COMMAND...: run it, count it, keep a failure (status and stderr)
# in $W/NAME.fail; stdout in $W/NAME.out.
step() {
  local name=$1 rc; shift
  "$@" >"$W/$name.out" 2>"$W/$name.err"
  rc=$?
  echo "$rc" >>"$W/$name.rcs"
  if [ "$rc" -ne 0 ] || grep -qi "locked\|busy" "$W/$name.err"; then
    { echo "exit $rc: $*"; cat "$W/$name.err"; } >>"$W/$name.fail"
  fi
  cat "$W/$name.err" >>"$W/$name.stderr"
  return "$rc"
}

warehouse() {
  local i=0 first last
  while alive && [ "$i" -lt 400 ]; do
    first=$(printf 'KTP%07d' $((2000000 + i * 50)))
    last=$(printf 'KTP%07d' $((2000000 + i * 50 + 49)))
    step wh inv --user wh receive --supplier Peruri --ref "SJ-S$i" --serials "$first-$last" --to GUDANG &&
      echo "$i" >>"$W/wh.received"
    step wh inv --user wh transfer --from GUDANG --to RC1 --serials "$first-$last" &&
      echo "$i" >>"$W/wh.transferred"
    i=$((i + 1))
  done
}

printroom() {
  local i=0
  step pr pc import "$TMP/res2/residents.csv"
  while alive && [ "$i" -lt 200 ]; do
    step pr pc run --once --max 4
    cat "$W/pr.out" >>"$W/pr.log"
    i=$((i + 1))
  done
}

# The first serial of an account's first range (empty when it holds none).
first_serial() {
  "$INVENTORY" --json stock --location "$1" --ranges 2>>"$W/au.stderr" | python3 -c '
import json, sys
r = [x for a in json.load(sys.stdin)["accounts"] for x in a.get("ranges", [])]
print(r[0].split("-")[0] if r else "")'
}

auditor() {
  local i=0 s id
  while alive && [ "$i" -lt 300 ]; do		# VAULT holds 300 blanks: one spoil a turn
    step au inv --user au spoil --serials "$(printf 'KTP%07d' $((900000 + i)))" --reason "soak: dropped" &&
      echo spoil >>"$W/au.done"
    s=$(first_serial issued)
    if [ -n "$s" ]; then
      step au inv --user au invalid --serials "$s" --reason damaged && echo invalid >>"$W/au.done"
    fi
    if [ $((i % 3)) = 2 ]; then
      if step au inv --user au --json destroy prepare --all --method incineration --place Halaman; then
        id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$W/au.out")
        step au $NOBODY_INV destroy approve "$id" &&
          step au inv --user au destroy execute "$id" --witness "Budi Santoso; Camat; 1" \
            --witness "Siti Aminah; Lurah; 2" && echo destroy >>"$W/au.done"
      fi
    fi
    i=$((i + 1))
  done
}

reader() {
  local i=0
  while alive && [ "$i" -lt 2000 ]; do
    step rd inv stock
    step rd inv verify
    i=$((i + 1))
  done
}

# Command lines seen during the run (for personal data).
ps_sampler() {
  while alive; do ps -eo args >>"$W/ps.txt" 2>/dev/null; sleep 0.2; done
}

pids=""
stop_soak() { for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; :; }
at_exit stop_soak
t0=$(date +%s)
warehouse & pids="$pids $!"
printroom & pids="$pids $!"
auditor & pids="$pids $!"
reader & pids="$pids $!"
ps_sampler & pids="$pids $!"
# Each loop stops by itself at END; wait for them, bounded (a command in
# flight at END finishes; a print run follows at most 4 cards).
for p in $pids; do
  i=0
  while kill -0 "$p" 2>/dev/null && [ "$i" -lt $(((SOAK_SECONDS + 120) * 10)) ]; do sleep 0.1; i=$((i + 1)); done
  kill -0 "$p" 2>/dev/null && fail "process $p did not stop by itself"
done
for p in $pids; do wait "$p" 2>/dev/null; done
pids=""
t1=$(date +%s)

for who in wh pr au rd; do
  n=$(wc -l <"$W/$who.rcs" 2>/dev/null || echo 0)
  if [ -s "$W/$who.fail" ]; then
    fail "$who: $n commands, failures: $(head -c 600 "$W/$who.fail")"
  else
    pass "$who: $n commands in $((t1 - t0)) s, none failed"
  fi
done
check "no command said 'database is locked'" sh -c "! grep -qi 'database is locked' '$W'/*.stderr"
check "the controller stayed quiet on stderr" test ! -s "$W/pr.stderr"

# --- The books afterwards -----------------------------------------------------------------
expect_ok "verify after the soak" inv verify
received=$(wc -l <"$W/wh.received" 2>/dev/null || echo 0)
spoils=$(grep -c spoil "$W/au.done" 2>/dev/null); invalids=$(grep -c invalid "$W/au.done" 2>/dev/null)
destroys=$(grep -c destroy "$W/au.done" 2>/dev/null)
printed=$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM request WHERE state = 'printed'")
pspoiled=$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM print_job WHERE outcome LIKE '%spoiled%'")
suspect=$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM print_job WHERE state = 'suspect'")
bal() { sqlite3 "$BLANKO_DB" "SELECT coalesce(sum(balance), 0) FROM account WHERE $1"; }
echo "# soak: $received ranges received, $printed printed, $spoils spoiled, $invalids invalid, $destroys destructions"
check "work was done by all (received $received, printed $printed, spoiled $spoils, invalid $invalids, destructions $destroys)" \
  test "$received" -gt 0 -a "$printed" -gt 0 -a "$spoils" -gt 0 -a "$invalids" -gt 0 -a "$destroys" -gt 0
run inv --json stock
check "total blanks = everything received ($(json_get 'j["total"]'))" test "$(json_get 'j["total"]')" = $((1000 + 300 + received * 50))
check "GUDANG holds what was not transferred" test "$(bal "code = 'GUDANG'")" = 700
check "VAULT holds 300 less the spoiled" test "$(bal "code = 'VAULT'")" = $((300 - spoils))
check "issued = printed requests less those marked invalid ($(bal "code = 'issued'"))" \
  test "$(bal "code = 'issued'")" = $((printed - invalids))
check "spoiled + invalid + destroyed = what the auditor and the printers took out" \
  test "$(bal "code IN ('spoiled', 'invalid', 'destroyed')")" = $((spoils + invalids + pspoiled))
check "print room and hoppers = 300 + transferred - printed - spoiled by printers - suspect" \
  test "$(bal "code = 'RC1' OR code LIKE 'hopper.%'")" = $((300 + received * 50 - printed - pspoiled - suspect))
dup=$(sqlite3 "$BLANKO_DB" "SELECT request_id FROM print_job WHERE outcome IN ('issued','resolved-printed') GROUP BY request_id HAVING count(*) > 1")
check "no request printed twice ($dup)" test -z "$dup"
destroyed=$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM record WHERE state = 'executed'")
check "every executed destruction is a sealed record ($destroyed)" test "$destroyed" = "$destroys"

# --- Personal data ------------------------------------------------------------------------
# Patterns: every NIK and every full name of both batches.
python3 - "$TMP/res1/residents.csv" "$TMP/res2/residents.csv" >"$TMP/pii" <<'PY'
import csv, sys
for f in sys.argv[1:]:
    for r in csv.DictReader(open(f, encoding='utf-8')):
        print(r['nik']); print(r['name']); print(r['name'].upper())
PY
# leaks WHAT FILE...: the files hold none of the patterns.
leaks() {
  local what=$1 hits; shift
  hits=$(grep -a -o -F -f "$TMP/pii" "$@" 2>/dev/null | head -3 | tr '\n' ' ')
  check "no NIK or name in $what${hits:+ (found: $hits)}" test -z "$hits"
}
lpstat -W all -o >"$TMP/lpstat.txt" 2>&1
check "lpstat lists the jobs" test -s "$TMP/lpstat.txt"
leaks "lpstat -W all -o" "$TMP/lpstat.txt"
cat >"$TMP/get-jobs.test" <<'EOF'
{
  OPERATION Get-Jobs
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR name requesting-user-name root
  ATTR keyword which-jobs all
  ATTR keyword requested-attributes all
  STATUS successful-ok
}
EOF
for q in card1 card2; do
  ipptool -tv "ipp://127.0.0.1:$CUPS_FIXTURE_PORT/printers/$q" "$TMP/get-jobs.test" >>"$TMP/ipp-jobs.txt" 2>&1
done
check "Get-Jobs shows job-name and job-originating-user-name" \
  sh -c "grep -q 'job-name (nameWithoutLanguage) = blanko-' '$TMP/ipp-jobs.txt' && grep -q 'job-originating-user-name' '$TMP/ipp-jobs.txt'"
leaks "the jobs' IPP attributes (Get-Jobs, all)" "$TMP/ipp-jobs.txt"
ctl=$(find "$CUPS_FIXTURE_DIR/spool" -maxdepth 1 -name 'c*' -type f | wc -l)
check "cupsd keeps job control files ($ctl)" test "$ctl" -gt 0
leaks "cupsd's job control files" "$CUPS_FIXTURE_DIR"/spool/c*
docs=$(find "$CUPS_FIXTURE_DIR/spool" -maxdepth 1 -name 'd*' -type f | wc -l)
check "cupsd kept no documents in its spool ($docs)" test "$docs" = 0
leaks "cupsd's error, access and page logs" "$CUPS_FIXTURE_DIR"/log/*
leaks "ippeveprinter's logs" "$CUPS_FIXTURE_DIR"/printers/*/ippeveprinter.log
leaks "the controller's output (stdout, stderr)" "$W/pr.log" "$W/pr.stderr" "$W"/*.stderr
check "ps was sampled during the run ($(grep -c 'printctl' "$W/ps.txt") printctl lines)" grep -q "printctl" "$W/ps.txt"
leaks "command lines during the run (ps)" "$W/ps.txt"
left=$(find "$TMPDIR" -mindepth 1 | head -5)
check "nothing left in \$TMPDIR ($left)" test -z "$left"
# Files in /tmp made during the run, outside every test's own scratch folder
# (tests of other checkouts may run at the same time; names repeat across
# generated batches, so here the NIKs, which do not, are looked for).
grep -E '^[0-9]{16}$' "$TMP/pii" >"$TMP/niks"
find /tmp -xdev -type f -newer "$TMP/start-marker" ! -path "*/blanko-test.*" ! -path "$TMP/*" \
  -size -20M 2>/dev/null >"$TMP/tmpfiles"
hits=""
while IFS= read -r f; do
  grep -a -q -F -f "$TMP/niks" "$f" 2>/dev/null && hits="$hits $f"
done <"$TMP/tmpfiles"
check "no file left in /tmp holds a NIK ($(wc -l <"$TMP/tmpfiles") new files;$hits)" test -z "$hits"

# --- Modes of what the programs create ---------------------------------------------------
check "the ledger is 0660 ($(stat -c %a "$BLANKO_DB"))" test "$(stat -c %a "$BLANKO_DB")" = 660
check "the signing keys are 0640 ($(stat -c %a "$BLANKO_DB.keys"/*.pem 2>&1))" \
  test "$(stat -c %a "$BLANKO_DB.keys"/*.pem 2>/dev/null | sort -u)" = 640
for f in "$BLANKO_DB-wal" "$BLANKO_DB-shm"; do
  [ -e "$f" ] && check "$(basename "$f") is not readable by others ($(stat -c %a "$f"))" \
    test "$(( 0$(stat -c %a "$f") & 07 ))" = 0
done
req=$(sqlite3 "$BLANKO_DB" "SELECT id FROM request WHERE state = 'pending' LIMIT 1")
[ -n "$req" ] || req=$(sqlite3 "$BLANKO_DB" "SELECT id FROM request LIMIT 1")
expect_ok "render one card" pc render "$req" -o "$TMP/one.pdf"
check "a rendered PDF is 0600 ($(stat -c %a "$TMP/one.pdf"))" test "$(stat -c %a "$TMP/one.pdf")" = 600
expect_ok "render one preview" pc render "$req" -o "$TMP/one.png"
check "a rendered PNG is 0600 ($(stat -c %a "$TMP/one.png"))" test "$(stat -c %a "$TMP/one.png")" = 600
mkdir "$TMP/all"
expect_ok "render all pending" pc render --all-pending -o "$TMP/all"
bad=$(find "$TMP/all" -type f ! -perm 0600 | head -3)
check "every file of --all-pending is 0600 ($(find "$TMP/all" -type f | wc -l) files;$bad)" \
  test -z "$bad" -a "$(find "$TMP/all" -type f | wc -l)" -gt 0

test_done
