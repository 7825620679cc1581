#!/bin/sh
# bench-render.sh RESULTS.md: the card-rendering benchmark (issue
# "Personalised cards", its Speed section), appending its section to
# RESULTS.md.  Called by run-bench.sh (make bench); timings live only here.
#
# In one run, on the same generated residents (build/gen-residents, invented
#   people, synthetic photos, 1,000 distinct, two in three PNG (-m)):
#   - gLabels' batch renderer (glabels-3-batch, Debian package glabels) on
#     tests/bench/ktp-glabels.glabels at 1,000 records (never more: its time
#     and memory grow with the square of the records), its PDF checked with
#     pdfinfo (one page per record) and pdftotext (the text is there), since
#     it exits 0 on errors;
#   - printctl at 1,000, 10,000 and 100,000 records: import, then
#     render --all-pending --format pdf (one PDF per card, default --jobs),
#     timed apart, with peak RSS and CPU time from /usr/bin/time -v.
#
# gLabels is needed only here, not to build or test: as root the script
# installs it (apt-get install -y glabels), otherwise it says how and skips
# that row.  /usr/bin/time (package time) likewise.
# BENCH_RENDER_SIZES overrides the sizes ("1000 10000"; make bench-large runs
# 100000 alone, about 10 minutes on a shared machine), BENCH_RENDER_GLABELS=0
# leaves gLabels out.  Each row notes the load average before and after it
# (the machine may be shared: the figures are only as good as that).
set -eu
cd "$(dirname "$0")/../.."
. tests/lib/env.sh			# the build tree's catalogs, templates and PDF writer
out=$1
SIZES=${BENCH_RENDER_SIZES:-1000 10000}
GL_RECORDS=1000
TOP=$(pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/blanko-bench-render.XXXXXX")
trap 'rm -rf "$dir"' EXIT

# need PROGRAM PACKAGE: true when PROGRAM is there, installing PACKAGE as root.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bench: installing $2 for $1" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null 2>&1 || :
  fi
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "bench: $1 is missing; install it with: sudo apt-get install $2" >&2
  return 1
}

# timed LOG COMMAND...: run COMMAND under /usr/bin/time -v into LOG; fail if it fails.
timed() {
  log=$1; shift
  /usr/bin/time -v -o "$log" "$@" >"$log.out" 2>"$log.err"
}

# tv LOG FIELD: a figure of a /usr/bin/time -v log (seconds, or KB for RSS).
tv() {
  awk -F': ' -v f="$2" '
    function secs(s,   n, p, i, t) { n = split(s, p, ":"); t = 0; for (i = 1; i <= n; i++) t = t * 60 + p[i]; return t }
    index($0, f) { v = $NF; if (f ~ /Elapsed/) v = secs(v); print v; exit }' "$1"
}

# load: the 1-minute load average.
load() { cut -d' ' -f1 /proc/loadavg; }

# commas N: 100000 -> 100,000.
commas() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

# figures LOG N: wall s, cards/s, CPU (user+sys)/wall, peak RSS MB, CPU ms per card.
figures() {
  wall=$(tv "$1" "Elapsed (wall clock)"); user=$(tv "$1" "User time"); sys=$(tv "$1" "System time")
  rss=$(tv "$1" "Maximum resident set size")
  awk -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v n="$2" \
    'BEGIN { if (w <= 0) w = 0.01; printf "%.2f %.0f %.2f %.1f %.2f\n", w, n / w, (u + s) / w, r / 1024, 1000 * (u + s) / n }'
}

need /usr/bin/time time || exit 1
cat >"$dir/blanko.conf" <<'CONF'
[site]
province = Jawa Tengah
regency = Kota Semarang
issue_city = Kota Semarang
CONF
export BLANKO_CONF="$dir/blanko.conf" LC_ALL=C.UTF-8

# --- gLabels at 1,000 records -------------------------------------------------------------
gl_row="| gLabels 3 (\`glabels-3-batch\`) | 1,000 | - | not run (glabels missing) | | | | | |"
gl_rate=
if [ "${BENCH_RENDER_GLABELS:-1}" = 0 ]; then
  gl_row=
elif need glabels-3-batch glabels && need pdfinfo poppler-utils; then
  echo "bench: gLabels, $GL_RECORDS records" >&2
  build/gen-residents -n "$GL_RECORDS" -s 7 -p 1000 -m -o "$dir/gl" >/dev/null
  # The same residents, plus what the card shows beyond the CSV: the site's
  # fields, the photo's absolute path and a payload like ours for the QR.
  python3 - "$dir/gl/residents.csv" "$dir/gl/residents-glabels.csv" <<'PY'
import base64, csv, hashlib, os, sys
src, dst = sys.argv[1:3]
base = os.path.dirname(os.path.abspath(src))
rows = list(csv.DictReader(open(src, newline='', encoding='utf-8')))
head = list(rows[0].keys()) + ['province', 'regency', 'issue_city', 'photo_path', 'payload']
with open(dst, 'w', newline='', encoding='utf-8') as f:
    w = csv.DictWriter(f, head, lineterminator='\n')
    w.writeheader()
    for r in rows:
        r.update(province='JAWA TENGAH', regency='KOTA SEMARANG', issue_city='KOTA SEMARANG',
                 photo_path=os.path.join(base, r['photo']))
        check = base64.b32encode(hashlib.sha256(r['nik'].encode()).digest())[:26].decode()
        r['payload'] = 'KTP1:PREVIEW:%s:%s:%s' % (r['nik'], r['birth_date'].replace('-', ''), check)
        w.writerow(r)
PY
  cp tests/bench/ktp-glabels.glabels "$dir/gl/"
  l0=$(load)
  if (cd "$dir/gl" && timed "$dir/gl.time" glabels-3-batch -o "$dir/gl/cards.pdf" ktp-glabels.glabels); then
    pages=$(pdfinfo "$dir/gl/cards.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    niks=$(pdftotext "$dir/gl/cards.pdf" - 2>/dev/null | grep -c '^NIK : [0-9]\{16\}$' || :)
    if [ "${pages:-0}" = "$GL_RECORDS" ] && [ "$niks" = "$GL_RECORDS" ]; then
      set -- $(figures "$dir/gl.time" "$GL_RECORDS")
      gl_rate=$2
      gl_row="| gLabels 3 (\`glabels-3-batch\`), one PDF of 1,000 pages | 1,000 | - | $1 s | $2 | $3 | $5 ms | $4 MB | $l0 / $(load) |"
    else
      gl_row="| gLabels 3 | 1,000 | - | failed: ${pages:-no} pages, $niks with text (exit 0 all the same) | | | | | |"
    fi
  else
    gl_row="| gLabels 3 | 1,000 | - | failed: $(tail -1 "$dir/gl.time.err") | | | | | |"
  fi
  rm -rf "$dir/gl"
fi

# --- printctl at each size -------------------------------------------------------------------
rows=
first_rate=
ours_1000=
for n in $SIZES; do
  echo "bench: printctl, $n records" >&2
  run="$dir/n$n"
  mkdir -p "$run"
  export BLANKO_DB="$run/ledger.db"
  bin/inventory init >/dev/null
  bin/inventory user add pr --role printroom >/dev/null
  build/gen-residents -n "$n" -s 7 -p 1000 -m -o "$run/res" >/dev/null
  timed "$run/import.time" bin/printctl --user pr import "$run/res/residents.csv"
  import_s=$(tv "$run/import.time" "Elapsed (wall clock)")
  rm -rf "$run/res"
  l0=$(load)
  timed "$run/render.time" bin/printctl --user pr render --all-pending --format pdf -o "$run/cards"
  made=$(find "$run/cards" -name 'request-*.pdf' | wc -l)
  if [ "$made" != "$n" ]; then
    echo "bench: printctl made $made cards of $n" >&2
    exit 1
  fi
  pdfinfo "$run/cards/request-$n.pdf" | grep -q '^Pages: *1$'
  set -- $(figures "$run/render.time" "$n")
  [ -z "$first_rate" ] && first_rate=$2 first_n=$n first_rss=$4
  last_rate=$2 last_n=$n last_rss=$4
  [ "$n" = "$GL_RECORDS" ] && ours_1000=$2
  rows="$rows| blanko \`printctl render --all-pending\`, one PDF per card | $(commas "$n") | $import_s s | $1 s | $2 | $3 | $5 ms | $4 MB | $l0 / $(load) |
"
  rm -rf "$run"
done

{
  echo
  echo "## Card rendering (issue: personalised cards)"
  echo
  echo "The same generated residents (1,000 distinct synthetic photos, two in three PNG, the rest JPEG) merged into a"
  echo "KTP-el CR80 card with text, the photo and a QR code: gLabels' batch renderer on"
  echo "\`tests/bench/ktp-glabels.glabels\` ($(dpkg-query -W -f '${Version}' glabels 2>/dev/null || echo '?'))"
  echo "against \`printctl import\` then \`printctl render --all-pending --format pdf\`"
  echo "(default \`--jobs\`: $(nproc) threads).  Render time, CPU and peak RSS from"
  echo "\`/usr/bin/time -v\`; import is timed apart.  gLabels is not run above 1,000 records:"
  echo "its time and memory grow with the square of the records."
  echo
  echo "| renderer | records | import | render wall | cards/s | CPU (user+sys)/wall | CPU per card | peak RSS | load before / after |"
  echo "|---|---|---|---|---|---|---|---|---|"
  [ -n "$gl_row" ] && echo "$gl_row"
  printf "%s" "$rows"
  echo
  if [ -n "$gl_rate" ] && [ -n "$ours_1000" ]; then
    echo "At 1,000 records blanko renders $(awk -v a="$ours_1000" -v b="$gl_rate" 'BEGIN { printf "%.1f", a / b }')× gLabels' rate (goal: at least 10×)."
  fi
  echo "From $(commas "$first_n") to $(commas "$last_n") records the render rate went from $first_rate to $last_rate cards/s"
  echo "($(awk -v a="$last_rate" -v b="$first_rate" 'BEGIN { printf "%.0f", 100 * a / b }')% of the first; time linear in the records means a constant rate) and peak"
  echo "RSS from $first_rss to $last_rss MB (goal: under 100 MB at 100,000).  CPU above 1 means more"
  echo "than one core was busy; at 100,000 cards (about 3 GB of PDFs in one folder) the"
  echo "disk's writeback, not the CPUs, may set the pace, and other work on a shared"
  echo "machine moves every figure here."
} >>"$out"
