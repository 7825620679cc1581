#!/bin/sh
# make bench, issue 13: report stock and report reconcile on long books
# (1,000,000 and 10,000,000 events) through this tree's program, against the
# program of the last commit before the hours' totals (the peer, built from
# git archive into the cache), in the same run on copies of the same
# ledger; and single-serial moves per second, each a transaction, for both.
# Appends its section to the results file given (tests/bench/RESULTS.md).
#
# The books are made once by the peer's bench-books (tests/bench/bench-books.c)
# with the clock stepped 31 s per event (libfaketime), so that 10,000,000
# events span ten years, and kept in BENCH_CACHE (default
# ~/.cache/blanko-bench, outside the tree); this program's copy is migrated
# (the table built from the events) before it is measured.
set -eu
out=$1
cd "$(dirname "$0")/../.."
top=$PWD
. tests/lib/env.sh
cache=${BENCH_CACHE:-$HOME/.cache/blanko-bench}
peer_rev=${BENCH_PEER:-0849786b234abac94b6f89193f638a2274395816}	# main before issue 13's totals
sizes=${BENCH_REPORT_EVENTS:-1000000 10000000}
runs=${BENCH_REPORT_RUNS:-5}
peer=$cache/peer-$peer_rev
dir=$(mktemp -d "${TMPDIR:-/tmp}/blanko-bench-reports.XXXXXX")
trap 'rm -rf "$dir"' EXIT
fakelib=$(ls /usr/lib/*/faketime/libfaketime.so.1 | head -1)
export BLANKO_CONF=/dev/null

# The peer: today's implementation, built once.
if [ ! -x "$peer/bin/inventory" ] || [ ! -x "$peer/build/bench-books" ]; then
  echo "bench: building the peer ($peer_rev) in $peer" >&2
  rm -rf "$peer"; mkdir -p "$peer"
  git archive "$peer_rev" | tar -x -C "$peer"
  cp tests/bench/bench-books.c "$peer/tests/bench/"
  make -C "$peer" -j1 -f Makefile -f "$top/tests/bench/bench.mk" bin/inventory build/bench-books >"$peer/build.log" 2>&1
fi

# median_ms CMD...: median wall time of $runs runs, in milliseconds.
median_ms() {
  i=0
  while [ $i -lt "$runs" ]; do
    s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
    echo $(( (e - s) / 1000 )); i=$((i + 1))
  done | sort -n | sed -n "$(( (runs + 1) / 2 ))p" | awk '{ printf "%.1f", $1 / 1000 }'
}

rows=""
for n in $sizes; do
  books=$cache/books-$n.db
  if [ ! -s "$books" ]; then
    # 31 s an event: the books end about now.
    start=$(date -u -d "@$(( $(date +%s) - n * 31 - 86400 ))" '+%Y-%m-%d %H:%M:%S')
    echo "bench: making $n events of books from $start into $books (once; 10,000,000 take ten minutes or more)" >&2
    rm -rf "$cache/gen-$n"; mkdir -p "$cache/gen-$n"
    s=$(date +%s)
    env TZ=UTC LD_PRELOAD="$fakelib" FAKETIME="@$start i31" "$peer/build/bench-books" "$cache/gen-$n" "$n" 2>/dev/null
    sqlite3 "$cache/gen-$n/books.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    mv "$cache/gen-$n/books.db" "$books"; rm -rf "$cache/gen-$n"
    echo "$(( $(date +%s) - s ))" >"$books.seconds"
  fi
  echo "bench: reports on $n events" >&2
  cp "$books" "$dir/peer.db"; cp "$books" "$dir/new.db"
  s=$(date +%s%N); bin/inventory --db "$dir/new.db" --user bench stock >/dev/null; e=$(date +%s%N)
  migrate_s=$(echo "$s $e" | awk '{ printf "%.1f", ($2 - $1) / 1e9 }')
  events=$(sqlite3 "$dir/peer.db" "SELECT max(id) FROM event")
  first=$(sqlite3 "$dir/peer.db" "SELECT substr(min(time), 1, 10) FROM event")
  last=$(sqlite3 "$dir/peer.db" "SELECT max(time) FROM event")
  hours=$(sqlite3 "$dir/new.db" "SELECT count(*) FROM movement_total")
  # The reports are asked an hour after the last event (the clock faked for
  # both programs): the last full month, the last twelve months, everything.
  now=$(date -u -d "$last 1 hour" '+%Y-%m-%d %H:%M:%S')
  m_to=$(date -u -d "$(date -u -d "$last" +%Y-%m-01) 1 day ago" +%Y-%m-%d)
  m_from=$(date -u -d "$m_to" +%Y-%m-01)
  y_from=$(date -u -d "$m_to 1 year ago 1 day" +%Y-%m-%d)
  at() { env TZ=UTC LD_PRELOAD="$fakelib" FAKETIME="@$now" "$@"; }
  for prog in peer new; do
    p=$top/bin/inventory; [ $prog = peer ] && p=$peer/bin/inventory
    eval "${prog}_stock=\$(median_ms at \"\$p\" --db \"\$dir/$prog.db\" --user bench report stock --format json)"
    eval "${prog}_month=\$(median_ms at \"\$p\" --db \"\$dir/$prog.db\" --user bench report reconcile --from $m_from --to $m_to --format json)"
    eval "${prog}_year=\$(median_ms at \"\$p\" --db \"\$dir/$prog.db\" --user bench report reconcile --from $y_from --to $m_to --format json)"
    eval "${prog}_all=\$(median_ms at \"\$p\" --db \"\$dir/$prog.db\" --user bench report reconcile --from $first --to $m_to --format json)"
  done
  # The same answers from both programs (JSON without the program's own lines).
  for args in "report stock --format json" "report reconcile --from $m_from --to $m_to --format json"; do
    at "$peer/bin/inventory" --db "$dir/peer.db" --user bench $args | grep -v '"anchor\|"signed\|"generated' >"$dir/a"
    at bin/inventory --db "$dir/new.db" --user bench $args | grep -v '"anchor\|"signed\|"generated' >"$dir/b"
    cmp -s "$dir/a" "$dir/b" || { echo "bench: the programs disagree on $args ($n events)" >&2; diff "$dir/a" "$dir/b" | head >&2; exit 1; }
  done
  peer_mb=$(stat -c %s "$dir/peer.db" | awk '{ printf "%.0f", $1 / 1048576 }')
  new_mb=$(stat -c %s "$dir/new.db" | awk '{ printf "%.0f", $1 / 1048576 }')
  rows="$rows
| $events | \`report stock\`, JSON | $peer_stock ms | $new_stock ms |
| $events | \`report reconcile\`, $m_from to $m_to | $peer_month ms | $new_month ms |
| $events | \`report reconcile\`, $y_from to $m_to | $peer_year ms | $new_year ms |
| $events | \`report reconcile\`, $first to $m_to (all) | $peer_all ms | $new_all ms |"
  notes="${notes:-}
- $events events from $first to ${last%%T*} ($hours rows of hourly totals): made once in $(cat "$books.seconds") s;
  the migration that builds the table took $migrate_s s; the file grew from $peer_mb to $new_mb MB."
  rm -f "$dir/peer.db"* "$dir/new.db"*
done

# Single-serial moves, one transaction each (synchronous=FULL), alternating.
echo "bench: single moves" >&2
peer_moves="" new_moves=""
for round in 1 2 3; do
  mkdir -p "$dir/m"
  peer_moves="$peer_moves $("$peer/build/bench-books" --moves 20000 "$dir/m")"
  new_moves="$new_moves $(build/bench-books --moves 20000 "$dir/m")"
done

{
  echo
  echo "## Reports on ten years of books (issue 13: hourly totals)"
  echo
  echo "$(date -u +%Y-%m-%d), $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"
  echo "load $(cut -d' ' -f1-3 /proc/loadavg) at the end.  The program before the hourly totals ($(echo $peer_rev | cut -c1-7), the"
  echo "peer) and this one, through \`inventory\` on copies of the same books (single serials moved between"
  echo "a store and two print rooms, 31 s apart), median of $runs runs each, the clock set an hour after the"
  echo "last event; both programs give the same JSON."
  echo
  echo "| events | command | before | hourly totals |"
  echo "|---|---|---|---|$rows"
  echo "$notes"
  echo
  echo "Single-serial moves, one transaction each (20,000, three rounds alternating): before$peer_moves"
  echo "moves/s, with the hourly totals$new_moves moves/s."
} >>"$out"
