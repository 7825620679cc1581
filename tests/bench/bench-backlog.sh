#!/bin/bash
# bench-backlog.sh RESULTS.md: printctl backlog on Semarang's backlog (issue
# 15), appending its section to RESULTS.md.  Called by run-bench.sh (make
# bench); timings live only here.
#
# N residents (default 50,780) recorded over the last 18 months (days drawn
# at random, more of them recent), categories mixed, imported by `printctl
# import` (one shared photo: the backlog reads no photo).  Timed, median of
# 5 runs each: `printctl backlog` (text, --json, --list) and `inventory
# report backlog` (text, PDF) against the peer
# measured in the same run, `printctl requests --state pending --json`
# (what an office had to count its backlog with before).  Goal: < 1 s.
# BENCH_BACKLOG_ROWS (N).
set -eu
cd "$(dirname "$0")/../.."
. tests/lib/env.sh
. tests/lib/bench-site.sh
out=$1
N=${BENCH_BACKLOG_ROWS:-50780}
ms() { echo $(( $(date +%s%N) / 1000000 )); }
# median_ms COMMAND...: "wall / CPU" ms, the median of 5 runs of each (CPU
# = user + system: on a machine shared with other builds the wall time
# mostly measures the others).
median_ms() {
  for i in 1 2 3 4 5; do
    /usr/bin/time -f "%e %U %S" -o "$dir/time" "$@" >/dev/null
    cat "$dir/time"
  done >"$dir/times"
  wall=$(awk '{ print $1 * 1000 }' "$dir/times" | sort -n | sed -n 3p)
  cpu=$(awk '{ print ($2 + $3) * 1000 }' "$dir/times" | sort -n | sed -n 3p)
  echo "$wall / $cpu"
}

bench_site backlog <<CONF
[service]
target_days = 4
CONF
echo "bench: backlog of $N residents recorded over 18 months" >&2
build/gen-residents -n "$N" -p 1 -s 15 -o "$dir/res" >/dev/null
python3 - "$dir/res/residents.csv" "$dir/res/backlog.csv" <<'PY'
import csv, datetime, random, sys
random.seed(15)
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
today = datetime.date.today() - datetime.timedelta(days=1)
cats = ['baru'] * 6 + ['hilang', 'rusak', 'perubahan data', 'pindah']
out = [rows[0] + ['recorded', 'category']]
for r in rows[1:]:
    d = int(548 * random.random() ** 2)	# 18 months, more of them recent
    out.append(r + [(today - datetime.timedelta(days=d)).isoformat(), random.choice(cats)])
csv.writer(open(sys.argv[2], 'w', newline='', encoding='utf-8'), lineterminator='\n').writerows(out)
PY
bin/inventory init >/dev/null
bin/inventory user add pr --role printroom >/dev/null
s=$(ms)
bin/printctl --user pr import "$dir/res/backlog.csv" >/dev/null
import_s=$(echo "$s $(ms)" | awk '{ printf "%.1f", ($2 - $1) / 1000 }')
pc() { bin/printctl --user pr "$@"; }
text_ms=$(median_ms bin/printctl --user pr backlog)
json_ms=$(median_ms bin/printctl --user pr backlog --json)
list_ms=$(median_ms bin/printctl --user pr backlog --list)
report_ms=$(median_ms bin/inventory report backlog)
report_pdf_ms=$(median_ms bin/inventory report backlog --format pdf -o "$dir/backlog.pdf")
peer_ms=$(median_ms bin/printctl --user pr requests --state pending --json)
figures=$(pc backlog --json | python3 -c 'import json,sys; j=json.load(sys.stdin); print("%d waiting, oldest %d days, median %d, p90 %d, %d past 4 days, %d kecamatan" % (j["waiting"], j["oldest_days"], j["median_days"], j["p90_days"], j["overdue"], len(j["by_kecamatan"])))')
cat >>"$out" <<EOF2

## printctl backlog (issue 15)

$N requests recorded over 18 months ($figures), imported in $import_s s.
Median of 5 runs through the programs, goal < 1 s; wall / CPU (user + system) ms, load average
$(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores at the end:

| command | wall / CPU ms |
|---|---|
| \`printctl backlog\` | $text_ms |
| \`printctl backlog --json\` | $json_ms |
| \`printctl backlog --list\` | $list_ms |
| \`inventory report backlog\` | $report_ms |
| \`inventory report backlog --format pdf\` | $report_pdf_ms |
| peer: \`printctl requests --state pending --json\` | $peer_ms |
EOF2
