# Setup shared by the tests of card requests (backlog, priorities, suket),
# sourced after tests/lib/test-lib.sh (and print-lib.sh where a printer is
# needed): residents made by gen-residents, printctl acting as the print
# room user "pr", the ledger's tables read with q, the office's today.

GEN="$TOP/build/gen-residents"
pc() { "$PRINTCTL" --user pr "$@"; }
q() { sqlite3 "$BLANKO_DB" "$1"; }
TODAY=$(TZ=Asia/Jakarta date +%Y-%m-%d)
# day N: the office's day N days from today (N may be negative).
day() { TZ=Asia/Jakarta date -d "$TODAY $1 days" +%Y-%m-%d; }

# days_ago N...: the days N days before today, as "DAY|DAY|..." for csv_columns.
days_ago() {
  local sep='' n
  for n in "$@"; do printf '%s%s' "$sep" "$(day "-$n")"; sep='|'; done
}

# csv_columns SRC DST NAME=V1|V2|...: the rows of the CSV file SRC with the
# column NAME set to one value per row (replaced where SRC has it, else
# added at the end), in the order given.
csv_columns() {
  python3 - "$@" <<'PY'
import csv, sys
src, dst, sets = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = list(csv.reader(open(src, newline='', encoding='utf-8')))
head, body = rows[0], [list(r) for r in rows[1:]]
for s in sets:
    name, values = s.split('=', 1)
    values = values.split('|')
    if name not in head:
        head.append(name)
        for r in body: r.append('')
    i = head.index(name)
    for r, v in zip(body, values): r[i] = v
csv.writer(open(dst, 'w', newline='', encoding='utf-8'), lineterminator='\n').writerows([head] + body)
PY
}

# printer_ready QUEUE LAST: blanks KTP0001000-KTP0001099 received into GUDANG
# and moved to RC1; printer P1 on QUEUE loaded with KTP0001000-LAST and its
# next card checked (KTP0001000), ready to print.
printer_ready() {
  inv --user wh receive --supplier Peruri --ref SJ-1 --serials KTP0001000-KTP0001099 --to GUDANG >/dev/null &&
  inv --user wh transfer --from GUDANG --to RC1 --serials KTP0001000-KTP0001099 >/dev/null &&
  pc printer add P1 --queue "$1" --location RC1 >/dev/null &&
  pc printer load P1 --serials "KTP0001000-$2" >/dev/null &&
  pc printer check P1 --next KTP0001000 >/dev/null
}
