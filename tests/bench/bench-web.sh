#!/bin/bash
# bench-web.sh RESULTS.md: printctl serve (issue 16), appending its section
# to RESULTS.md.  Called by run-bench.sh (make bench); timings live only here.
#
# Pages answered per second, two client processes on keep-alive connections
# (the machine's 2 cores are shared by the server and the client): the
# print room's board (/board, logged in; 1 printer, 200 requests queued),
# its JSON (/board.json), the resident's page (GET /) against the peer
# measured in the same run, the style sheet (/style.css: a static text
# served by the same server).  Then the server's memory (VmRSS) before and
# after 100,000 more requests.  BENCH_WEB_SECONDS (5) per page.
set -eu
cd "$(dirname "$0")/../.."
. tests/lib/env.sh
out=$1
SECS=${BENCH_WEB_SECONDS:-5}
dir=$(mktemp -d "${TMPDIR:-/tmp}/blanko-bench-web.XXXXXX")
pid=""
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
cat >"$dir/blanko.conf" <<CONF
[site]
province = Jawa Tengah
regency = Kota Semarang
issue_city = Kota Semarang
office = Disdukcapil Kota Semarang
CONF
export BLANKO_CONF="$dir/blanko.conf" BLANKO_DB="$dir/ledger.db" LC_ALL=C.UTF-8
bin/inventory init >/dev/null
bin/inventory user add pr --role printroom >/dev/null
bin/inventory user add wh --role warehouse >/dev/null
bin/inventory location add RC1 --kind printroom >/dev/null
bin/inventory --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001999 --to RC1 >/dev/null
bin/printctl --user pr printer add P1 --queue card1 --location RC1 --force >/dev/null
bin/printctl --user pr printer load P1 --serials KTP0001000-KTP0001099 >/dev/null
build/gen-residents -n 200 -p 1 -s 16 -o "$dir/res" >/dev/null
bin/printctl --user pr import "$dir/res/residents.csv" >/dev/null
printf 'Rahasia-kantor-2026\n' | bin/inventory user passwd pr >/dev/null
bin/printctl serve --staff 127.0.0.1:0 --public 127.0.0.1:0 >"$dir/serve.out" 2>"$dir/serve.err" &
pid=$!
for i in $(seq 50); do [ -s "$dir/serve.out" ] && break; sleep 0.1; done
staff=$(sed -n 's/^staff .* port \([0-9]*\), public .*/\1/p' "$dir/serve.out")
public=$(sed -n 's/.*, public .* port \([0-9]*\), .*/\1/p' "$dir/serve.out")
cookie=$(curl -s -D - -o /dev/null -d "user=pr&password=Rahasia-kantor-2026" "http://127.0.0.1:$staff/login" |
         sed -n 's/^Set-Cookie: \(blanko_session=[0-9a-f]*\);.*/\1/ip' | tr -d '\r')
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; }

cat >"$dir/load.py" <<'PY'
# load.py PORT PATH COOKIE SECONDS|-COUNT: requests per second (2 processes)
import http.client, multiprocessing, sys, time
port, path, cookie, amount = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
def worker(q):
    c = http.client.HTTPConnection("127.0.0.1", port)
    h = {"Cookie": cookie} if cookie else {}
    n, start = 0, time.monotonic()
    while (amount > 0 and time.monotonic() - start < amount) or (amount < 0 and n < -amount // 2):
        c.request("GET", path, headers=h)
        r = c.getresponse(); r.read()
        if r.status != 200:
            raise SystemExit("status %d for %s" % (r.status, path))
        n += 1
    q.put((n, time.monotonic() - start))
q = multiprocessing.Queue()
ps = [multiprocessing.Process(target=worker, args=(q,)) for _ in range(2)]
[p.start() for p in ps]; [p.join() for p in ps]
res = [q.get() for _ in ps]
print("%.0f" % sum(n / t for n, t in res))
PY
load() { python3 "$dir/load.py" "$@"; }
echo "bench: printctl serve, $SECS s per page" >&2
css=$(load "$staff" /style.css "" "$SECS")
board=$(load "$staff" /board "$cookie" "$SECS")
boardj=$(load "$staff" /board.json "$cookie" "$SECS")
resident=$(load "$public" / "" "$SECS")
rss0=$(rss)
load "$staff" /board "$cookie" -50000 >/dev/null
load "$public" / "" -50000 >/dev/null
rss1=$(rss)
load "$staff" /board "$cookie" -50000 >/dev/null
load "$public" / "" -50000 >/dev/null
rss2=$(rss)
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
cat >>"$out" <<EOF2

## printctl serve (issue 16)

$(date -u +%Y-%m-%d), $(uname -m), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'));
libmicrohttpd $(dpkg-query -W -f '${Version}' libmicrohttpd12t64 2>/dev/null || dpkg-query -W -f '${Version}' libmicrohttpd12 2>/dev/null || echo '?').
Two Python client processes on keep-alive connections, on the same 2 cores
as the server (the client costs as much CPU as the server: the figures are
a floor); $SECS s per page.  The board's ledger: 1 printer, 200 requests queued.

| page | pages/s | against /style.css (static, same server) |
|---|---|---|
| \`/style.css\` (static text, the peer) | $css | 1.00 |
| \`/board\` (logged in) | $board | $(ratio "$board" "$css") |
| \`/board.json\` (what the board's script polls each second) | $boardj | $(ratio "$boardj" "$css") |
| resident's page \`GET /\` | $resident | $(ratio "$resident" "$css") |

The resident's lookup (POST /) is limited to 5 tries per address per minute,
so its rate is that limit, not the server's.

Server memory (VmRSS): $rss0 KiB after the runs above, $rss1 KiB after
100,000 more requests (board and resident's page), $rss2 KiB after 100,000
more: the server keeps no per-request state beyond the fixed tables
(256 sessions, 4,096 rate-limit counters).
EOF2
