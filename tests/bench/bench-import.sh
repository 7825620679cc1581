#!/bin/bash
# bench-import.sh RESULTS.md: a large import and the write lock (issue 10,
# finding 5.10), appending its section to RESULTS.md.  Called by
# run-bench.sh (make bench); timings live only here.
#
# N residents (default 50,780: Semarang's backlog), each with a photo of its
# own of about 30 KB (build/gen-residents -b: a drawn face padded with random
# bytes), imported by `printctl import` while `inventory receive` runs in a
# loop beside it with a short busy timeout.  Every write transaction's lock
# time is logged (BLANKO_TX_LOG, see db.c); the goal is that none holds the
# lock over 1 s and that no receive fails.
# BENCH_IMPORT_ROWS (N) and BENCH_IMPORT_PHOTO (bytes, default 30000).
set -eu
cd "$(dirname "$0")/../.."
. tests/lib/env.sh			# the build tree's catalogs, templates and PDF writer
. tests/lib/bench-site.sh
out=$1
N=${BENCH_IMPORT_ROWS:-50780}
BYTES=${BENCH_IMPORT_PHOTO:-30000}
BUSY=2000
commas() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
ms() { echo $(( $(date +%s%N) / 1000000 )); }

bench_site import <<CONF
[database]
busy_timeout = $BUSY
CONF
inv() { bin/inventory "$@"; }

echo "bench: import of $N residents with photos of $BYTES bytes (generating them takes a few minutes)" >&2
build/gen-residents -n "$N" -p "$N" -b "$BYTES" -s 7 -o "$dir/res" >/dev/null
photo_mb=$(du -sm "$dir/res/photos" | cut -f1)
inv init >/dev/null
inv user add wh --role warehouse >/dev/null
inv user add pr --role printroom >/dev/null
inv location add GUDANG --kind store >/dev/null

s=$(ms)
BLANKO_TX_LOG="$dir/import-tx.log" bin/printctl --user pr import "$dir/res/residents.csv" >"$dir/import.out" 2>&1 &
pid=$!
# A writer beside it: one receipt after another, each timed.
i=0 bad=0 worst=0
: >"$dir/recv.ms"
while kill -0 "$pid" 2>/dev/null; do
  i=$((i + 1))
  a=$(ms)
  if inv --user wh receive --supplier Peruri --ref "SJ-$i" --serials "$(printf 'KTP%07d' "$i")" --to GUDANG \
       >/dev/null 2>>"$dir/recv.err"; then
    echo $(( $(ms) - a )) >>"$dir/recv.ms"
  else
    bad=$((bad + 1))
  fi
  sleep 0.2
done
rc=0; wait "$pid" || rc=$?
e=$(ms)
if [ "$rc" -ne 0 ]; then
  echo "bench-import: the import failed (exit $rc): $(cat "$dir/import.out")" >&2
  exit 1
fi
s_verify=$(ms); inv verify >/dev/null; e_verify=$(ms)

txs=$(wc -l <"$dir/import-tx.log")
max_tx=$(sort -k2 -n "$dir/import-tx.log" | tail -1 | cut -d' ' -f2)
link_tx=$(tail -1 "$dir/import-tx.log" | cut -d' ' -f2)
stage_max=$(head -n -1 "$dir/import-tx.log" | sort -k2 -n | tail -1 | cut -d' ' -f2)
recv_n=$(wc -l <"$dir/recv.ms")
recv_max=$(sort -n "$dir/recv.ms" | tail -1)
recv_med=$(sort -n "$dir/recv.ms" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
db_mb=$(du -sm "$BLANKO_DB" | cut -f1)
load=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo
  echo "## A large import and the write lock (issue 10)"
  echo
  echo "\`printctl import\` of $(commas "$N") residents (Semarang's backlog), each with a photo of"
  echo "its own of $BYTES bytes ($photo_mb MB in all; \`gen-residents -b\`: a drawn 300x400 face padded"
  echo "with a JPEG comment of random bytes, so the decoding cost is that of the small face),"
  echo "while \`inventory receive\` of one serial runs in a loop beside it (every 0.2 s, busy"
  echo "timeout $BUSY ms).  Lock times from \`BLANKO_TX_LOG\` (BEGIN IMMEDIATE getting the lock to"
  echo "the commit releasing it).  Run $(date -u +%Y-%m-%d) on $(uname -m), $(nproc) cores,"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average at the end $load:"
  echo
  echo "| measure | value | goal |"
  echo "|---|---|---|"
  echo "| import, wall time (check, stage photos, link) | $(( (e - s) / 1000 )) s | minutes |"
  echo "| the import's write transactions | $txs | |"
  echo "| longest of them | $max_tx ms | < 1000 ms |"
  echo "| the final one, linking $(commas "$N") rows and the event | $link_tx ms | < 1000 ms |"
  echo "| longest photo-staging transaction (4 MB or 1,000 photos) | $stage_max ms | < 1000 ms |"
  echo "| receipts during the import: done / failed | $recv_n / $bad | all done |"
  echo "| receipt wall time, median / worst | $recv_med / $recv_max ms | < $BUSY ms |"
  echo "| \`inventory verify\` afterwards | $(( e_verify - s_verify )) ms | |"
  echo "| ledger size | $db_mb MB | |"
} >>"$out"
