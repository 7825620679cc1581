#!/bin/bash
# bench-dist.sh RESULTS.md: the Scale paragraph of issue 14, appending its
# section to RESULTS.md (make bench; timings live only here).
#
# Through the programs, on ledgers made by build/bench-dist (the library):
#  - 40,000 printed cards dispatched to 16 kecamatan (16 `inventory
#    dispatch --kecamatan`, each with its handover PDF) and confirmed (16
#    `inventory arrive`, by another OS account), then a 40,000-row signed
#    list entered by `printctl handover --csv` (one transaction);
#  - `inventory report distribution` on a year of a large city (1.2 million
#    printed cards over 16 kecamatan and 128 kelurahan, dispatched,
#    confirmed, 60% handed over, 5% returned).
# Each write transaction's lock time comes from BLANKO_TX_LOG (db.c).  The
# peer, the peers' design (one status row per card updated in place, its
# own SQLite file, WAL, synchronous=FULL), does the same work in the same
# run (bench-dist peer-*).  Goals: each under 5 s, the lock under 1 s.
# BENCH_DIST_CARDS (40000) and BENCH_DIST_YEAR (1200000) change the sizes;
# BENCH_DIST_YEAR_DB names a year's ledger made before (bench-dist make DB
# 1200000 16 8 year: about 11 minutes at load 1) and BENCH_DIST_YEAR_S its making's s.
set -eu
cd "$(dirname "$0")/../.."
. tests/lib/env.sh			# the build tree's catalogs, templates and PDF writer
out=${1:-tests/bench/RESULTS.md}
N=${BENCH_DIST_CARDS:-40000}
Y=${BENCH_DIST_YEAR:-1200000}
KEC=16 KEL=8
dir=$(mktemp -d "${TMPDIR:-/tmp}/blanko-bench-dist.XXXXXX")
trap 'rm -rf "$dir"' EXIT
commas() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
export BLANKO_CONF=/dev/null LC_ALL=C.UTF-8
BD=build/bench-dist

# timed NAME COMMAND...: run it, adding its wall ms to $dir/NAME.wall and
# its CPU ms to $dir/NAME.cpu, its lock times to $dir/NAME.lock.
timed() {
  local name=$1; shift
  local s e
  s=$(date +%s%N)
  BLANKO_TX_LOG="$dir/$name.lock" /usr/bin/time -f "%U %S" -o "$dir/t" "$@" >/dev/null 2>"$dir/err" ||
    { cat "$dir/err" >&2; echo "bench-dist: $name failed" >&2; exit 1; }
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 )) >>"$dir/$name.wall"
  awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$dir/t" >>"$dir/$name.cpu"
  grep '^lock ' "$dir/err" | cut -d' ' -f2 >>"$dir/$name.lock" || true
}
sum() { awk '{ s += $1 } END { printf "%.2f", s / 1000 }' "$1"; }
max() { awk 'BEGIN { m = 0 } { v = ($2 != "" ? $2 : $1); if (v > m) m = v } END { printf "%.0f", m }' "$1"; }

echo "bench: distribution of $N printed cards to $KEC kecamatan (generating the ledger)" >&2
s=$(date +%s); $BD make "$dir/dist.db" "$N" $KEC $KEL; gen_s=$(( $(date +%s) - s ))
$BD peer-make "$dir/peer.db" "$N" $KEC $KEL
$BD csv "$N" "$dir/list.csv"
db="$dir/dist.db"
inv() { bin/inventory --db "$db" "$@"; }
inv --user bench user add dist --role distribution >/dev/null
inv --user bench user add nobody --role distribution >/dev/null
chgrp "$(id -gn nobody)" "$dir" "$db"* && chmod g+rwx "$dir" && chmod g+rw "$db"*
for k in $(seq -f %02g 1 $KEC); do
  timed dispatch bin/inventory --db "$db" --user dist dispatch --to "KEC$k" --ref "BAST-$k" --kecamatan "KEC$k" -o "$dir/bast-$k.pdf"
done
pages=$(pdfinfo "$dir/bast-01.pdf" | awk '/^Pages:/ { print $2 }')
total() { inv --user bench stock --location "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
for k in $(seq -f %02g 1 $KEC); do
  c=$(total "transit.KEC$k")
  timed arrive runuser -u nobody -- bin/inventory --db "$db" arrive --ref "BAST-$k" --count "$c"
done
timed handover bin/printctl --db "$db" --user dist handover --csv "$dir/list.csv"
[ "$(total delivered)" = "$N" ] ||
  { echo "bench-dist: not every card was handed over" >&2; exit 1; }
inv --user bench verify >/dev/null
timed peer_dispatch $BD peer-dispatch "$dir/peer.db" "$N" $KEC $KEL
timed peer_arrive $BD peer-arrive "$dir/peer.db" "$N" $KEC $KEL
timed peer_handover $BD peer-handover "$dir/peer.db" "$dir/list.csv"

echo "bench: a year of a large city, $Y printed cards (generating the ledger takes minutes)" >&2
s=$(date +%s)
if [ -n "${BENCH_DIST_YEAR_DB:-}" ]; then	# a year ledger made before by bench-dist make ... year
  cp "$BENCH_DIST_YEAR_DB" "$dir/year.db"; year_s=${BENCH_DIST_YEAR_S:-?}
else
  $BD make "$dir/year.db" "$Y" $KEC $KEL year; year_s=$(( $(date +%s) - s ))
fi
$BD peer-make "$dir/peer-year.db" "$Y" $KEC $KEL year
year_mb=$(du -m "$dir/year.db" | cut -f1)
for i in 1 2 3; do
  timed report bin/inventory --db "$dir/year.db" --user bench report distribution
  timed report_json bin/inventory --db "$dir/year.db" --user bench --json report distribution
  timed peer_report $BD peer-report "$dir/peer-year.db"
done
med() { sort -n "$1" | sed -n 2p; }

row() {	# row LABEL NAME PEER
  printf '| %s | %s / %s | %s | %s / %s | %s |\n' "$1" "$(sum "$dir/$2.wall")" "$(sum "$dir/$2.cpu")" \
    "$(max "$dir/$2.lock")" "$(sum "$dir/$3.wall")" "$(sum "$dir/$3.cpu")" "$(max "$dir/$3.lock")"
}
{
  echo
  echo "## Distribution at scale (issue 14)"
  echo
  echo "$(date -u +%F), $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')."
  echo "Ledgers made through the library by \`build/bench-dist\` ($(commas "$N") printed cards in $gen_s s;"
  echo "$(commas "$Y") in $year_s s, $year_mb MB), $KEC kecamatan of $KEL kelurahan each, residents' cards in"
  echo "blocks of 25 per kelurahan.  Through the programs; wall / CPU (user + system) seconds, summed"
  echo "over the commands of a row; the longest write lock of any one command (BLANKO_TX_LOG, ms)."
  echo "The peer: one status row per card updated in place (card(serial PRIMARY KEY, status, place,"
  echo "updated), its own SQLite file, WAL, synchronous=FULL), the same work in the same run."
  echo "Goals: each row under 5 s, the lock under 1 s."
  echo
  echo "| work | wall / CPU s | lock ms | peer wall / CPU s | peer lock ms |"
  echo "|---|---|---|---|---|"
  row "$KEC \`dispatch --kecamatan\` of about $(commas $((N / KEC))) cards each, PDF of $pages pages each" dispatch peer_dispatch
  row "$KEC \`arrive\` (another OS account)" arrive peer_arrive
  row "\`printctl handover --csv\`, $(commas "$N") rows, one transaction" handover peer_handover
  printf '| `report distribution` on %s cards (median of 3) | %s | - | %s (GROUP BY place, status) | - |\n' \
    "$(commas "$Y")" "$(echo "$(med "$dir/report.wall") $(med "$dir/report.cpu")" | awk '{ printf "%.2f / %.2f", $1 / 1000, $2 / 1000 }')" \
    "$(echo "$(med "$dir/peer_report.wall") $(med "$dir/peer_report.cpu")" | awk '{ printf "%.2f / %.2f", $1 / 1000, $2 / 1000 }')"
  printf '| `--json report distribution` (median of 3) | %s | - | | |\n' \
    "$(echo "$(med "$dir/report_json.wall") $(med "$dir/report_json.cpu")" | awk '{ printf "%.2f / %.2f", $1 / 1000, $2 / 1000 }')"
  echo
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
} >>"$out"
