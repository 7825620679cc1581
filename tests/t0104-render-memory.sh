#!/bin/sh
# Issue 17: printctl render --all-pending's memory does not grow with the
# number of cards.  The same residents (a distinct photo each, a 60 KB
# file stored as the photo box's JPEG, about 5 KB) rendered from a ledger
# of N and one of 4N pending requests, one thread each: the peak resident
# set of the second may be larger by less than BOUND.  Before the fix every command
# opened the ledger with a 64 MB page cache, which kept each page read, so
# the peak grew with the ledger (about 7 KB a card here: 6.9 MB from 300 to
# 1,200 cards; 0.67 KB a card in the benchmark's ledger, 99 MB at 100,000).
# Memory only: no timing is measured.
. "$(dirname "$0")/lib/test-lib.sh"
test_require python3

GEN="$TOP/build/gen-residents"
N=300
BOUND=3072				# KB
card_site_setup

"$GEN" -n $((4 * N)) -p $((4 * N)) -b 60000 -s 11 -o "$TMP/res" >/dev/null
head -n $((N + 1)) "$TMP/res/residents.csv" >"$TMP/res/first.csv"

# peak CSV: import CSV into a new ledger, render every pending card with one
# thread, print the render's peak RSS in KB (from wait4) and the cards made.
peak() {
  export BLANKO_DB="$TMP/$1.db"
  rm -rf "$TMP/cards"
  new_ledger && "$PRINTCTL" --user pr import "$TMP/res/$1.csv" >/dev/null || return 1
  python3 - "$PRINTCTL" --user pr render --all-pending --jobs 1 -o "$TMP/cards" <<'PY' || return 1
import os, sys
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
sys.exit(1) if status else print(usage.ru_maxrss)
PY
  ls "$TMP/cards" | grep -c '^request-[0-9]*\.pdf$'
}

set -- $(peak first) $(peak residents)
if [ $# -ne 4 ]; then
  fail "render --all-pending of $N and $((4 * N)) cards ($*)"
elif [ "$2" -ne $N ] || [ "$4" -ne $((4 * N)) ]; then
  fail "render --all-pending made $2 and $4 cards, not $N and $((4 * N))"
elif [ $(($3 - $1)) -lt $BOUND ]; then
  pass "peak RSS $1 KB at $N cards, $3 KB at $((4 * N)): grows by less than $BOUND KB"
else
  fail "peak RSS $1 KB at $N cards, $3 KB at $((4 * N)): grows by $(($3 - $1)) KB, not less than $BOUND KB"
fi
test_done
