#!/bin/sh
# make bench: run the benchmarks and write tests/bench/RESULTS.md with the
# machine and the date.  Timings live here, never in pass/fail tests.
set -eu
cd "$(dirname "$0")/../.."
. tests/lib/env.sh			# the build tree's catalogs, templates and PDF writer
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

# Issue 5: the auditors' reports on the same ledger.  A destruction record of
# 10,000 serials in 2,000 ranges is made first (spoiled, prepared, approved,
# executed by two auditors), which adds a few events.
echo "bench: reports on the large ledger" >&2
inv_b() { bin/inventory --db "$db" "$@"; }
inv_b --user bench user add aud1 --role auditor >/dev/null
inv_b --user bench user add aud2 --role auditor >/dev/null
spoil_list=$(inv_b --user bench stock --location STORE --ranges --json | python3 -c '
import json, re, sys
out = []
for r in json.load(sys.stdin)["accounts"][0]["ranges"]:
    m = re.match(r"([A-Z]*)(\d+)(?:-[A-Z]*(\d+))?$", r)
    p, a = m.group(1), int(m.group(2)); b = int(m.group(3) or a); w = len(m.group(2))
    if b - a >= 4:
        out.append("%s%0*d-%s%0*d" % (p, w, a, p, w, a + 4))
    if len(out) == 2000:
        break
print(",".join(out))')
inv_b --user aud1 spoil --serials "$spoil_list" --reason "bench jam" >/dev/null
rec=$(inv_b --user aud1 destroy prepare --all --method incineration --place Bench)
# Dual control needs two real accounts (issue 12): root acted for aud1, so the
# approval is made by the account nobody, let into the ledger's folder by its group.
inv_b --user bench user add nobody --role auditor >/dev/null
chgrp "$(id -gn nobody)" "$dir" "$db"* && chmod g+rwx "$dir" && chmod g+rw "$db"*
runuser -u nobody -- bin/inventory --db "$db" destroy approve "$rec" >/dev/null
inv_b --user aud1 destroy execute "$rec" --witness "A; B; 1" --witness "C; D; 2" >/dev/null
today=$(date -u +%Y-%m-%d)
events_now=$(inv_b --user bench log --limit 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["event"])')
spoiled_n=$(echo "$spoil_list" | tr ',' '\n' | wc -l)
rep_pdf_ms=$(median_ms inv_b --user aud1 report destruction "$rec" --format pdf -o "$dir/bap.pdf")
rep_pages=$(pdfinfo "$dir/bap.pdf" | sed -n 's/^Pages: *//p')
rep_csv_ms=$(median_ms inv_b --user aud1 report destruction "$rec" --format csv -o "$dir/bap.csv")
show_ms=$(median_ms inv_b --user aud1 destroy show "$rec")
recon_ms=$(median_ms inv_b --user aud1 report reconcile --from "$today" --to "$today" --format json)
recon_pdf_ms=$(median_ms inv_b --user aud1 report reconcile --from "$today" --to "$today" --format pdf -o "$dir/rec.pdf")
recon_old_ms=$(median_ms inv_b --user aud1 report reconcile --from 2020-01-01 --to 2020-01-31 --format json)
stockrep_ms=$(median_ms inv_b --user aud1 report stock --format json)
stockpdf_ms=$(median_ms inv_b --user aud1 report stock --format pdf -o "$dir/stock.pdf")

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
  echo
  echo "## Reports (issue 5: destruction records, reconciliation, stock)"
  echo
  echo "The same ledger, now $events_now events, with a sealed destruction record of"
  echo "$((spoiled_n * 5)) serials in $spoiled_n ranges; through the \`inventory\` program, median of 11 runs:"
  echo
  echo "| command | wall time | goal |"
  echo "|---|---|---|"
  echo "| \`report destruction --format pdf\` ($rep_pages pages) | $rep_pdf_ms ms | seconds |"
  echo "| \`report destruction --format csv\` (every serial) | $rep_csv_ms ms | seconds |"
  echo "| \`destroy show\` (hash rechecked) | $show_ms ms | seconds |"
  echo "| \`report reconcile\`, a period holding all $events_now events, JSON | $recon_ms ms | seconds |"
  echo "| \`report reconcile\`, the same as PDF | $recon_pdf_ms ms | seconds |"
  echo "| \`report reconcile\`, an empty period before the ledger began | $recon_old_ms ms | seconds |"
  echo "| \`report stock\` (30-day use, 60-day history), JSON | $stockrep_ms ms | seconds |"
  echo "| \`report stock\` as PDF with its chart | $stockpdf_ms ms | seconds |"
} >"$out"
sh tests/bench/bench-render.sh "$out"
bash tests/bench/bench-print.sh "$out"
bash tests/bench/bench-import.sh "$out"
bash tests/bench/bench-backlog.sh "$out"		# issue 15: the backlog of 50,780 residents
bash tests/bench/bench-suket.sh "$out"		# issue 15: a week of suket (26,000)
bash tests/bench/bench-pdf-table.sh "$out"	# issue 14: the handover record of 40,000 cards
bash tests/bench/bench-dist.sh "$out"		# issue 14: dispatch, arrival, handover lists, report distribution at scale
sh tests/bench/bench-reports.sh "$out"		# issue 13: reports on ten years of books
bash tests/bench/bench-web.sh "$out"		# issue 16: printctl serve
cat "$out"
