#!/bin/bash
# bench-print.sh RESULTS.md: the print controller's own cost per card (issue
# "The print controller", its Speed section), appending its section to
# RESULTS.md.  Called by run-bench.sh (make bench); timings live only here.
#
# On a private cupsd (tests/lib/cups-fixture.sh) with K queues, all of them
# stopped (cupsdisable: jobs are accepted and held, nothing prints), a
# ledger with K printers, each with R blanks in its hopper, and N = K x R
# imported requests (build/gen-residents, invented people):
#   - the controller (build/bench-print: the real engine, dispatch.c) starts
#     one card per printer per round, R rounds: intent committed,
#     Create-Job, CUPS job id committed, card rendered and streamed.  No job
#     completes, so no printing is counted.  Round 1 also opens the K CUPS
#     queues (on the engine's one connection to cupsd) and loads the
#     template: reported apart;
#   - lp -d QUEUE -o media=iso_id-1_53.98x85.6mm FILE.pdf, once per card,
#     on the same N cards rendered beforehand (printctl render --all-pending,
#     untimed), the queues taken in turn.
# Needs root (cupsd runs its filters as lp) and the fixture's packages.
# BENCH_PRINT_QUEUES (K, default 200) and BENCH_PRINT_ROUNDS (R, default 6);
# BENCH_PRINT_BIN runs another build of the controller (an older one, to compare).
set -eu
cd "$(dirname "$0")/../.."
. tests/lib/env.sh			# the build tree's catalogs, templates and PDF writer
out=$1
K=${BENCH_PRINT_QUEUES:-200}
R=${BENCH_PRINT_ROUNDS:-6}
CTL=${BENCH_PRINT_BIN:-build/bench-print}
N=$((K * R))
MEDIA=iso_id-1_53.98x85.6mm
TOP=$(pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/blanko-bench-print.XXXXXX")
. tests/lib/cups-fixture.sh
trap 'cups_stop; rm -rf "$dir"' EXIT

cat >"$dir/blanko.conf" <<'CONF'
[site]
province = Jawa Tengah
regency = Kota Semarang
issue_city = Kota Semarang
CONF
export BLANKO_CONF="$dir/blanko.conf" BLANKO_DB="$dir/ledger.db" LC_ALL=C.UTF-8
inv() { bin/inventory "$@"; }
pc() { bin/printctl --user pr "$@"; }
q() { printf 'card%03d\n' "$1"; }
serial() { printf 'KTP%07d' $((1000000 + $1)); }
commas() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
# cupsd's CPU seconds so far (user + system).
cupsd_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15) / hz }' "/proc/$(cat "$CUPS_FIXTURE_DIR/cupsd.pid")/stat"
}

# --- CUPS: one simulated printer, K stopped queues -----------------------------------------
echo "bench: print controller, $K stopped CUPS queues, $N cards (setup takes a minute)" >&2
# cupsd with its default MaxClients (100): the engine drives all K queues
# over one connection.
cups_start "$dir/cups"
cups_add_printer "$(q 0)"
uri=$(lpstat -v "$(q 0)" | sed 's/^[^:]*: *//')
ppd="$CUPS_FIXTURE_DIR/etc/ppd/$(q 0).ppd"
for i in $(seq 1 $((K - 1))); do
  # (lpadmin warns that -P drivers are deprecated: only failures are shown)
  lpadmin -p "$(q "$i")" -v "$uri" -P "$ppd" -E 2>"$dir/lpadmin.err" || { cat "$dir/lpadmin.err" >&2; exit 1; }
done
queues=$(for i in $(seq 0 $((K - 1))); do q "$i"; done)
# shellcheck disable=SC2086
cupsdisable $queues
stopped=$(lpstat -p | grep -c 'disabled')
[ "$stopped" = "$K" ] || { echo "bench: $stopped of $K queues stopped" >&2; exit 1; }

# --- The ledger: K printers with R blanks each, N requests ------------------------------
inv init >/dev/null
inv user add wh --role warehouse >/dev/null
inv user add pr --role printroom >/dev/null
inv location add GUDANG --kind store --name "Gudang" >/dev/null
inv location add RC1 --kind printroom >/dev/null
inv --user wh receive --supplier Peruri --ref SJ-1 --serials "$(serial 0)-$(serial $((N - 1)))" --to GUDANG >/dev/null
inv --user wh transfer --from GUDANG --to RC1 --serials "$(serial 0)-$(serial $((N - 1)))" >/dev/null
for i in $(seq 0 $((K - 1))); do
  pc printer add "P$i" --queue "$(q "$i")" --location RC1 >/dev/null
  pc printer load "P$i" --serials "$(serial $((i * R)))-$(serial $((i * R + R - 1)))" >/dev/null
done
build/gen-residents -n "$N" -s 11 -p 1000 -o "$dir/res" >/dev/null
pc import "$dir/res/residents.csv" >/dev/null
rm -rf "$dir/res"
# The same cards as PDF files for lp (untimed; previews, no serial yet).
pc render --all-pending --format pdf -o "$dir/cards" >/dev/null
made=$(find "$dir/cards" -name 'request-*.pdf' | wc -l)
[ "$made" = "$N" ] || { echo "bench: rendered $made cards of $N" >&2; exit 1; }
pdf_kb=$(du -sk "$dir/cards" | awk -v n="$N" '{ printf "%.0f", $1 / n }')

# --- The controller --------------------------------------------------------------------
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench: the controller, $R rounds of $K cards" >&2
cpu0=$(cupsd_cpu)
timeout 600 /usr/bin/time -f '%U %S' -o "$dir/ctl.cpu" "$CTL" --user pr bench --rounds "$R" >"$dir/ctl.out"
cpu1=$(cupsd_cpu)
fig() { awk -v k="$1" '$1 == k { print $2 }' "$dir/ctl.out"; }
jobs_held=$(lpstat -o | wc -l)
[ "$jobs_held" = "$N" ] || { echo "bench: $jobs_held CUPS jobs held, expected $N" >&2; exit 1; }
open_jobs=$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM print_job WHERE state = 'submitted' AND cups_job_id > 0")
[ "$open_jobs" = "$K" ] || { echo "bench: $open_jobs jobs in flight in the ledger, expected $K" >&2; exit 1; }
inv verify >/dev/null

# --- lp on the same cards ----------------------------------------------------------------
echo "bench: lp, $N cards" >&2
cancel -a -x 2>/dev/null || cancel -a
i=0
cpu2=$(cupsd_cpu)
s=$(date +%s%N)
for f in "$dir"/cards/request-*.pdf; do
  lp -d "$(q $((i % K)))" -o media=$MEDIA "$f" >/dev/null
  i=$((i + 1))
done
e=$(date +%s%N)
cpu3=$(cupsd_cpu)
lp_jobs=$(lpstat -o | wc -l)
[ "$lp_jobs" = "$N" ] || { echo "bench: $lp_jobs lp jobs held, expected $N" >&2; exit 1; }
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- Figures -------------------------------------------------------------------------------
lp_s=$(echo "$s $e" | awk '{ printf "%.3f", ($2 - $1) / 1e9 }')
read -r ctl_user ctl_sys <"$dir/ctl.cpu"
first_n=$(fig first_cards); first_s=$(fig first_s)
steady_n=$(fig steady_cards); steady_s=$(fig steady_s)
all_n=$((first_n + steady_n))
all_s=$(awk -v a="$first_s" -v b="$steady_s" 'BEGIN { printf "%.4f", a + b }')
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
ms() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.2f", 1000 * s / n }'; }
pct() { awk -v p="$(fig "$1_$2_s")" -v t="$(fig "$1_s")" 'BEGIN { printf "%.0f%%", 100 * p / t }'; }
lp_rate=$(rate "$N" "$lp_s")
ratio=$(awk -v a="$(rate "$steady_n" "$steady_s")" -v b="$lp_rate" 'BEGIN { printf "%.1f", a / b }')
ratio_all=$(awk -v a="$(rate "$all_n" "$all_s")" -v b="$lp_rate" 'BEGIN { printf "%.1f", a / b }')
issued_ms=$(ms "$(fig issued_cards)" "$(fig issued_s)")
poll_ms=$(ms "$(fig polled_jobs)" "$(fig poll_s)")
cups_ctl=$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { printf "%.2f", b - a }')
cups_lp=$(awk -v a="$cpu2" -v b="$cpu3" 'BEGIN { printf "%.2f", b - a }')
steady_rate=$(rate "$steady_n" "$steady_s")
goal=$(awk -v r="$steady_rate" 'BEGIN { print (r >= 200 ? "met" : "NOT met") }')

{
  echo
  echo "## The print controller (issue: print controller)"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"
  echo "CUPS $(cups-config --version).  A private cupsd (\`tests/lib/cups-fixture.sh\`) with"
  echo "K = $K queues, all stopped (\`cupsdisable\`: jobs accepted and held, nothing prints), in"
  echo "front of one simulated printer; a ledger with $K printers, $R blanks in each hopper and"
  echo "N = $(commas "$N") imported requests (invented residents, 1,000 distinct photos).  The real"
  echo "engine (\`dispatch.c\`, driven by \`build/bench-print\`) starts one card per printer per"
  echo "\`dspStep\`, $R steps: intent committed (\`invPrintNext\`), Create-Job, CUPS job id"
  echo "committed, card rendered and streamed into the request (about $pdf_kb KB of PDF).  As no"
  echo "job completes, only the controller's own work and cupsd's accepting of the jobs are"
  echo "timed.  cupsd keeps its default \`MaxClients\` (100): the engine drives all $K queues"
  echo "over one connection to cupsd."
  echo "Between steps, untimed, the ledger is told the cards were printed and the"
  echo "engine's poll interval is let pass.  Step 1 also opens the $K CUPS queues on that"
  echo "connection (the queue, its destination and its capabilities) and loads the template."
  echo "Then, in the same run and on the same cupsd (its jobs purged first),"
  echo "\`lp -d QUEUE -o media=$MEDIA FILE.pdf\` once"
  echo "per card on the same $(commas "$N") cards, rendered beforehand (untimed), queues in turn."
  echo
  echo "| what | cards | wall | cards/s | ms/card |"
  echo "|---|---|---|---|---|"
  echo "| controller, step 1 (opening $K queues, template) | $first_n | $first_s s | $(rate "$first_n" "$first_s") | $(ms "$first_n" "$first_s") |"
  echo "| controller, steps 2–$R (steady) | $steady_n | $steady_s s | **$steady_rate** | $(ms "$steady_n" "$steady_s") |"
  echo "| controller, all $R steps | $all_n | $all_s s | $(rate "$all_n" "$all_s") | $(ms "$all_n" "$all_s") |"
  echo "| \`lp\`, one process per card (PDF already made) | $N | $lp_s s | $lp_rate | $(ms "$N" "$lp_s") |"
  echo
  echo "Controller against \`lp\`: **${ratio}×** (steady), ${ratio_all}× (all steps, opening"
  echo "included), although the controller also renders each card and commits two ledger"
  echo "transactions for it.  Goal ≥ 200 cards/s: $goal ($steady_rate cards/s)."
  echo
  echo "Where the steady steps' time went (timed through a table of the engine's CUPS"
  echo "operations wrapping the real one; \"ledger and the rest\" is what remains: the two write transactions,"
  echo "the request read with its photo, its fields, the job name, the per-printer job read):"
  echo "rendering $(pct steady render), CUPS (Create-Job, document sent, cupsd's answers) $(pct steady cups),"
  echo "ledger and the rest $(pct steady rest).  In step 1: rendering $(pct first render), CUPS $(pct first cups)"
  echo "(opening the queues), the rest $(pct first rest)."
  echo
  echo "Beside the start of a card, per card: committing it printed (\`invPrintIssued\`, what"
  echo "the engine does when CUPS reports it completed) took $issued_ms ms; one poll of a job in"
  echo "flight (Get-Job-Attributes, every $(awk '/define DSP_POLL_MS/ { print $3 }' printctl/dispatch.h) ms while a card prints) $poll_ms ms.  CPU:"
  echo "the controller process $ctl_user s user + $ctl_sys s system over the whole run (setup"
  echo "steps, naps and the poll included); cupsd $cups_ctl s while the controller ran and"
  echo "$cups_lp s during the \`lp\` loop.  Load average before/after: $load_before / $load_after."
  echo "Polling is the engine's other per-card cost: one Get-Job-Attributes per printer every"
  echo "$(awk '/define DSP_POLL_MS/ { print $3 }' printctl/dispatch.h) ms while it prints, so $K printers busy at once would spend"
  echo "$(awk -v k="$K" -v ms="$poll_ms" -v p="$(awk '/define DSP_POLL_MS/ { print $3 }' printctl/dispatch.h)" 'BEGIN { printf "%.0f", 100 * k * (1000 / p) * ms / 1000 }')% of the controller's wall time polling at the figure above (one"
  echo "measurement over the $K jobs, cupsd answering with $(commas "$N") jobs on record)."
  echo "The machine is shared: one run, no repetition, so take each figure to ±20% or so;"
  echo "the ratio to \`lp\` is the more stable figure, both running back to back on one cupsd."
} >>"$out"
