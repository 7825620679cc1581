#!/bin/sh
# make coverage's report: lines and branches per source file of a build made
# with --coverage (its .gcno, and the .gcda the test run left), read with
# gcov, written to DIR/report.txt, least-covered file first, with a closing
# total line; the total is printed too.
#
#   sh tests/coverage-report.sh build/coverage

set -eu
dir=${1:?usage: coverage-report.sh BUILD-DIR}
cd "$(dirname "$0")/.."
report="$dir/report.txt"

# One gcov summary per object of the programs and the PDF module (not of
# the tests' own code): "File 'SRC'", "Lines executed:P% of N",
# "Branches executed:...", "Taken at least once:P% of N".
find "$dir" -name '*.gcno' ! -path '*/tests/*' | sort | while read -r gcno; do
  obj=${gcno%.gcno}
  src=${obj#"$dir"/}
  src=${src#pic/}.c
  [ -f "$src" ] || continue
  gcov -b -n -o "$(dirname "$gcno")" "$src" 2>/dev/null | awk -v src="$src" '
    /^File / { f = $0; sub(/^File .?/, "", f); sub(/.$/, "", f); keep = (f == src) }
    keep && /^Lines executed:/ { split($0, a, /[:% ]+/); l = a[3]; ln = a[5] }
    keep && /^Taken at least once:/ { split($0, a, /[:% ]+/); b = a[5]; bn = a[7] }
    keep && /^No branches/ { b = 0; bn = 0 }
    END { if (ln != "") printf "%s %d %d %d %d\n", src, int(l * ln / 100 + 0.5), ln, int(b * bn / 100 + 0.5), bn }'
done | awk '
  # The same source built twice (e.g. also -fPIC) counts once: its best.
  { if (!($1 in n) || $2 > lh[$1]) { lh[$1] = $2; n[$1] = $3; bh[$1] = $4; bn[$1] = $5 } }
  END {
    for (f in n) {
      lt += n[f]; lc += lh[f]; bt += bn[f]; bc += bh[f]
      printf "%6.1f%% %5d/%-5d  %6s %5d/%-5d  %s\n", 100 * lh[f] / n[f], lh[f], n[f],
             bn[f] ? sprintf("%.1f%%", 100 * bh[f] / bn[f]) : "-", bh[f], bn[f], f | "sort -n"
    }
    close("sort -n")
    printf "TOTAL: lines %.1f%% (%d of %d), branches taken %.1f%% (%d of %d), %d files\n",
           100 * lc / lt, lc, lt, bt ? 100 * bc / bt : 0, bc, bt, length(n)
  }' >"$report.tmp"
{
  echo "# Coverage of the programs and the PDF module by make check's tests"
  echo "# lines: executed/total; branches: taken at least once/total; least covered first"
  echo "#  lines                  branches            file"
  cat "$report.tmp"
} >"$report"
rm -f "$report.tmp"
tail -n 1 "$report"
