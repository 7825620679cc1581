#!/bin/sh
# make bench: run the benchmarks and write tests/bench/RESULTS.md with the
# machine and the date.  Timings live here, never in pass/fail tests.
set -eu
cd "$(dirname "$0")/../.."
EVENTS=${BENCH_EVENTS:-1000000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/blanko-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
out=tests/bench/RESULTS.md

# median_ms COMMAND...: median wall time of 11 runs, in milliseconds.
median_ms() {
  for i in 1 2 3 4 5 6 7 8 9 10 11; do
    s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
    echo $(( (e - s) / 1000 ))
  done | sort -n | sed -n 6p | awk '{ printf "%.1f", $1 / 1000 }'
}

echo "bench: the ledger against the naive design ($EVENTS events; a few minutes)" >&2
BENCH_KEEP=1 build/bench-ledger "$dir" "$EVENTS" >"$dir/ledger.md"
db="$dir/bench-ledger.db"
export BLANKO_CONF=/dev/null
stock_ms=$(median_ms bin/inventory --db "$db" --user bench stock)
hist_ms=$(median_ms bin/inventory --db "$db" --user bench history KTP0000007900)
s=$(date +%s%N); bin/inventory --db "$db" --user bench verify >/dev/null; e=$(date +%s%N)
verify_s=$(echo "$s $e" | awk '{ printf "%.2f", ($2 - $1) / 1e9 }')

{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` ($(date -u +%Y-%m-%d), $(uname -m), $(nproc) cores,"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"
  echo "SQLite $(sqlite3 --version | cut -d' ' -f1), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo))."
  echo "Both designs run in the same process on the same disk, WAL mode, synchronous=FULL."
  echo
  echo "## The ledger (issue: foundation)"
  echo
  cat "$dir/ledger.md"
  echo
  echo "The same large ledger through the \`inventory\` program (process start, opening"
  echo "and schema check included; median of 11 runs):"
  echo
  echo "| command | wall time |"
  echo "|---|---|"
  echo "| \`inventory stock\` | $stock_ms ms |"
  echo "| \`inventory history KTP0000007900\` | $hist_ms ms |"
  echo "| \`inventory verify\` | $verify_s s |"
} >"$out"
sh tests/bench/bench-render.sh "$out"
cat "$out"
