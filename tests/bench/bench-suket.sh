#!/bin/bash
# bench-suket.sh RESULTS.md: a week of temporary certificates (issue 15),
# appending its section to RESULTS.md.  Called by run-bench.sh (make
# bench); timings live only here.
#
# N residents (default 26,000: what some regencies issue in a week) are
# imported; N - 11 suket are issued through the library, one transaction
# each (build/bench-suket: the ledger's side, total and slowest); then 11
# more through the program, each with its A4 PDF and seal (`printctl suket
# issue --request ID -o FILE.pdf`), wall / CPU median, against the peer
# measured in the same run on the same ledger: `printctl receipt` (the
# resident's slip, a one-page cairo PDF).  Also `suket list` and `suket
# export` over the N suket.  Goal: one issue under 50 ms.  BENCH_SUKET_ROWS (N).
set -eu
cd "$(dirname "$0")/../.."
. tests/lib/env.sh
. tests/lib/bench-site.sh
out=$1
N=${BENCH_SUKET_ROWS:-26000}
# times COMMAND...: run it, appending "wall user system" (s) to $dir/times.
times() { /usr/bin/time -f "%e %U %S" -a -o "$dir/times" "$@" >/dev/null; }
# median: "wall / CPU" ms of the runs in $dir/times (then emptied).
median() {
  n=$(wc -l <"$dir/times"); m=$(( (n + 1) / 2 ))
  wall=$(awk '{ print $1 * 1000 }' "$dir/times" | sort -n | sed -n ${m}p)
  cpu=$(awk '{ print ($2 + $3) * 1000 }' "$dir/times" | sort -n | sed -n ${m}p)
  : >"$dir/times"
  echo "$wall / $cpu"
}

bench_site suket <<CONF
office = Dinas Kependudukan dan Pencatatan Sipil Kota Semarang
government = PEMERINTAH KOTA SEMARANG
address = Jl. Kanguru Raya No. 3, Semarang
city = Semarang
head_name = Kepala Dinas
head_post = Kepala Dinas Kependudukan dan Pencatatan Sipil
CONF
echo "bench: $N suket on one ledger" >&2
build/gen-residents -n "$N" -p 1 -s 16 -o "$dir/res" >/dev/null
bin/inventory init >/dev/null
bin/inventory user add pr --role printroom >/dev/null
bin/printctl --user pr import "$dir/res/residents.csv" >/dev/null
read -r lib_ms slow_ms < <(build/bench-suket "$BLANKO_DB" 1 $((N - 11)))
: >"$dir/times"
for r in $(seq $((N - 10)) "$N"); do times bin/printctl --user pr suket issue --request "$r" -o "$dir/s$r.pdf"; done
issue=$(median)
for r in $(seq 1 11); do
  nik=$(sed -n "$((r + 1))p" "$dir/res/residents.csv" | cut -d, -f1)
  times bin/printctl --user pr receipt "$nik" -o "$dir/r$r.pdf"
done
peer=$(median)
for i in 1 2 3 4 5; do times bin/printctl --user pr suket list; done
list=$(median)
for i in 1 2 3 4 5; do times bin/printctl --user pr suket export -o "$dir/e.csv"; done
export_t=$(median)
pages=$(pdfinfo "$dir/s$N.pdf" | sed -n 's/^Pages: *//p')
bytes=$(stat -c %s "$dir/s$N.pdf")
cat >>"$out" <<EOF2

## printctl suket (issue 15)

$N suket issued on one ledger: $((N - 11)) through the library (one transaction each, as the
program does) in $lib_ms ms, $(awk -v t="$lib_ms" -v n=$((N - 11)) 'BEGIN { printf "%.2f", t / n }') ms each, the slowest $slow_ms ms; then 11 more through
the program, each with its A4 PDF ($pages page, $bytes bytes) and SKT1 seal.  Wall / CPU
(user + system) ms, median; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores at the end.
Goal: one issue under 50 ms.

| command | wall / CPU ms |
|---|---|
| \`printctl suket issue --request ID -o FILE.pdf\` ($N suket in the ledger) | $issue |
| peer: \`printctl receipt NIK -o FILE.pdf\` (a one-page cairo PDF, same ledger) | $peer |
| \`printctl suket list\` ($N suket) | $list |
| \`printctl suket export -o FILE.csv\` ($N rows) | $export_t |
EOF2
