#!/bin/bash
# make bench, issue 14: the handover record's table (40,000 cards) through
# this tree's PDF writer module and a peer's, the pdf.c of BENCH_PDF_PEER
# (default: the commit before the table was made fast), built alike, in the
# same run, alternating; wall and CPU time (/usr/bin/time) of each.  Appends
# to RESULTS.md (the file given).
set -eu
cd "$(dirname "$0")/../.."
out=${1:-tests/bench/RESULTS.md}
rows=${BENCH_PDF_ROWS:-40000}
peer=${BENCH_PDF_PEER:-07b84b9}
dir=$(mktemp -d "${TMPDIR:-/tmp}/blanko-bench-pdf.XXXXXX")
trap 'rm -rf "$dir"' EXIT
flags="-O2 -fPIC -shared -D_GNU_SOURCE -Iinclude -I$dir $(pkg-config --cflags pangocairo)"
git show "$peer:inventory/report/pdf.c" >"$dir/pdf.c"
cp inventory/report/pdf.h "$dir/"
cc $flags -o "$dir/peer.so" "$dir/pdf.c" $(pkg-config --libs pangocairo)
cc -O2 -Iinclude -o "$dir/bench-pdf-table" tests/bench/bench-pdf-table.c -ldl
now=$PWD/build/lib/report-pdf.so
# one MODULE: "wall cpu" seconds
one() { /usr/bin/time -f "%e %U %S" -o "$dir/t" "$dir/bench-pdf-table" "$1" "$rows" "$dir/out.pdf" >/dev/null &&
        awk '{ printf "%.1f %.1f", $1, $2 + $3 }' "$dir/t"; }
echo "bench: the handover table of $rows rows, this tree against $peer (a few minutes)" >&2
n1=$(one "$now"); p1=$(one "$dir/peer.so"); n2=$(one "$now"); p2=$(one "$dir/peer.so")
pages=$(pdfinfo "$dir/out.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
{
  echo
  echo "## Handover record's table (issue 14)"
  echo
  echo "$(date +%F), $(uname -m), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg).  A document of"
  echo "$rows rows of six cells ($pages pages) through the PDF writer module; the peer is"
  echo "\`inventory/report/pdf.c\` of $peer built alike, in the same run, alternating (two rounds):"
  echo
  echo "| module | wall s (1st, 2nd) | CPU s (1st, 2nd) |"
  echo "|---|---|---|"
  echo "| this tree | ${n1% *}, ${n2% *} | ${n1#* }, ${n2#* } |"
  echo "| peer ($peer) | ${p1% *}, ${p2% *} | ${p1#* }, ${p2#* } |"
} >>"$out"
