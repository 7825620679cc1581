#!/bin/sh
# The serials moved per UTC hour (table movement_total, issue 13): kept
# with every event, it equals a recount from the events after receipts,
# transfers, prints, spoils, invalid cards, destructions and write-offs, a
# clock stepped back included; verify catches an edited row; the reports'
# totals, cuts and balances are the ones a direct sum over the movements
# gives (the code before the table); an old ledger gets the table when it
# is migrated.  Correctness only: the timings are in make bench.
. "$(dirname "$0")/lib/test-lib.sh"

test_require faketime sqlite3 nobody
TOOL="$TOP/build/ledger-tool"
# at DATE CMD...: run CMD with the clock at DATE (UTC), libfaketime preloaded
# without the faketime wrapper, whose semaphores collide with stale ones.
FAKELIB=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1)
[ -n "$FAKELIB" ] || fail "libfaketime.so.1 is not installed"
at() { d=$1; shift; env TZ=UTC LD_PRELOAD="$FAKELIB" FAKETIME="@$d" "$@"; }
on() { d=$1 u=$2; shift 2; at "$d" "$INVENTORY" --user "$u" "$@" >/dev/null; }
on_nobody() { d=$1; shift; runuser -u nobody -- env TZ=UTC LD_PRELOAD="$FAKELIB" FAKETIME="@$d" "$INVENTORY" "$@" >/dev/null; }
tool_on() { d=$1; shift; at "$d" "$TOOL" "$BLANKO_DB" "$@"; }

at "2026-09-01 08:00:00" "$INVENTORY" init >/dev/null
on "2026-09-01 08:01:00" root user add wh --role warehouse
on "2026-09-01 08:02:00" root user add pr --role printroom
on "2026-09-01 08:03:00" root user add au --role auditor
on "2026-09-01 08:04:00" root user add nobody --role auditor
second_person "" || fail "letting nobody approve"
on "2026-09-01 08:05:00" root location add GUDANG --kind store
on "2026-09-01 08:06:00" root location add RC1 --kind printroom
on "2026-09-15 09:10:00" wh receive --supplier Peruri --ref SJ-0915 --serials KTP0001000-KTP0002999 --to GUDANG
on "2026-09-15 09:40:00" wh transfer --from GUDANG --to RC1 --count 100
on "2026-09-15 10:05:00" wh transfer --from GUDANG --to RC1 --serials KTP0002000-KTP0002009,KTP0002020-KTP0002029
tool_on "2026-10-03 10:00:00" pr move print RC1 issued KTP0001000-KTP0001019,KTP0001030-KTP0001039
on "2026-10-03 10:30:00" pr spoil --serials KTP0001040-KTP0001044 --reason "printer jam"
on "2026-10-04 11:00:00" au invalid --serials KTP0001000-KTP0001002 --reason returned
on "2026-10-05 12:00:00" wh count RC1 --serials KTP0001020-KTP0001029,KTP0001045-KTP0001099,KTP0002000-KTP0002009,KTP0002020-KTP0002029
on "2026-10-06 09:00:00" au destroy prepare --all --method incineration --place "Halaman kantor"
on_nobody "2026-10-06 09:30:00" destroy approve 1
on "2026-10-06 10:00:00" au destroy execute 1 --witness "Budi; Camat; 1" --witness "Siti; Lurah; 2"
on "2026-10-07 09:00:00" au writeoff GUDANG --serials KTP0002995-KTP0002999 --reason "hilang"
on_nobody "2026-10-07 09:20:00" writeoff approve 2
# The clock steps back an hour and a half within the day: the next events
# are recorded before the last one's time.
on "2026-10-08 09:00:00" wh transfer --from GUDANG --to RC1 --count 7
on "2026-10-08 07:30:00" wh transfer --from GUDANG --to RC1 --count 3
on "2026-10-08 07:45:00" wh transfer --from RC1 --to GUDANG --serials KTP0002020
on "2026-10-08 11:00:00" wh transfer --from GUDANG --to RC1 --count 2
check "every step was recorded" test "$(sqlite3 "$BLANKO_DB" "SELECT count(*) FROM event")" -ge 25

# The table against a recount made here: each event filed under the hour of
# the latest time recorded up to it, events that move nothing counted once.
recount() {
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
moves = {}
for e, f, t, n in c.execute("SELECT event_id, from_id, to_id, last - first + 1 FROM movement"):
    moves.setdefault(e, {}).setdefault((f, t), 0)
    moves[e][(f, t)] += n
rows, latest = {}, ""
for eid, time, kind in c.execute("SELECT id, time, kind FROM event ORDER BY id"):
    latest = max(latest, time)
    for (f, t), n in moves.get(eid, {(0, 0): 1}).items():
        k = (latest[:13], kind, f, t)
        r = rows.setdefault(k, [0, eid])
        r[0] += n
stored = {(h, k, f, t): [n, fe] for h, k, f, t, n, fe in
          c.execute("SELECT hour, kind, from_id, to_id, serials, first_event FROM movement_total")}
if stored != rows:
    print("differ:", sorted(set(stored.items()) ^ set((k, tuple(v)) for k, v in rows.items())))
    sys.exit(1)
print(len(rows))
PY
}
check "the hours' totals equal a recount from the events" recount "$BLANKO_DB"
check "the stepped-back events are filed under the hour of the latest time (09)" \
  test "$(sqlite3 "$BLANKO_DB" "SELECT group_concat(hour || ':' || n, ' ') FROM (SELECT hour, sum(serials) AS n
    FROM movement_total WHERE hour LIKE '2026-10-08%' AND kind = 'transfer' GROUP BY hour ORDER BY hour)")" = \
  "2026-10-08T09:11 2026-10-08T11:2"
expect_ok "verify passes" inv verify
cp "$BLANKO_DB" "$TMP/good.db"

# log --since reads only the events after the hour's cut (schema 18 has no
# index of events by time): it still lists every event at or after the
# time, the stepped-back ones included (the office's zone is UTC+7 here).
ok=true
for t in 2026-09-01T00:00 2026-10-03T10:15 2026-10-08T07:40 2026-10-08T08:00 2026-10-08T09:00 2026-10-08T09:30 2026-10-09T00:00; do
  loc=$(date -u -d "${t%T*} ${t#*T} +0000 7 hours" +%Y-%m-%dT%H:%M)
  got=$("$INVENTORY" log --since "$loc" --json | python3 -c 'import json,sys; print(" ".join(str(e["event"]) for e in json.load(sys.stdin)))')
  want=$(sqlite3 "$BLANKO_DB" "SELECT group_concat(id, ' ') FROM (SELECT id FROM event WHERE time >= '$t' ORDER BY id DESC)")
  [ "$got" = "$want" ] || { ok=false; echo "log --since $loc: $got, events at or after $t: $want"; }
done
check "log --since lists the events at or after the time, the clock stepped back included" $ok

# The library's totals and cuts against the sums over movements the code
# before the table made (its SQL, here), for whole days, hours, times
# within an hour, the stepped-back hour, and open ends.
old_cut() { echo "(CASE WHEN '$1' = '' THEN 0 ELSE coalesce((SELECT min(+id) FROM event WHERE time >= '$1') - 1, (SELECT max(id) FROM event), 0) END)"; }
old_totals() {	# old_totals SINCE UNTIL DAY ("" and "9999" for the open ends)
  sqlite3 "$BLANKO_DB" "SELECT CASE WHEN $3 THEN substr(e.time, 1, 10) ELSE '' END AS day, e.kind, fa.code, ta.code,
    sum(m.last - m.first + 1) FROM event e JOIN movement m ON m.event_id = e.id
    JOIN account fa ON fa.id = m.from_id JOIN account ta ON ta.id = m.to_id
    WHERE e.id > $(old_cut "$1") AND e.id <= $(old_cut "$2") GROUP BY day, e.kind, m.from_id, m.to_id" | sort
  echo "head|$(sqlite3 "$BLANKO_DB" "SELECT coalesce(max(id), 0) FROM event WHERE id <= $(old_cut "$2")")"
}
same_totals() {	# same_totals SINCE UNTIL DAY
  "$TOOL" "$BLANKO_DB" root totals "${1:--}" "$( [ "$2" = 9999 ] && echo - || echo "$2")" "$3" >"$TMP/new" || return 1
  { grep -v '^head|' "$TMP/new" | sort; grep '^head|' "$TMP/new"; } >"$TMP/new.sorted"
  old_totals "$1" "$2" "$3" >"$TMP/old"
  [ -s "$TMP/old" ] && cmp -s "$TMP/old" "$TMP/new.sorted" ||
    { echo "since '$1' until '$2' day $3:"; diff "$TMP/old" "$TMP/new.sorted"; return 1; }
}
for day in 0 1; do
  for period in "|9999" "|2026-10-01" "2026-10-01|9999" "2026-10-03|2026-10-06" "2026-09-15T09|2026-09-15T10" \
      "2026-09-15T09:30|2026-09-15T10:06:00.000Z" "2026-10-03T10:15:00Z|2026-10-06T09:45" \
      "2026-10-08T08:00|2026-10-08T09:30" "2026-10-08T07:40|2026-10-08" "2026-10-08T09|2026-10-08T11:00:00.500Z" \
      "2026-10-08T10:59|2026-10-09" "2020-01-01|2020-02-01" "2027-01-01|9999"; do
    check "totals and head from '${period%|*}' to '${period#*|}' (by day: $day) are the old sums" \
      same_totals "${period%|*}" "${period#*|}" "$day"
  done
done

# The reports: opening and closing balances of every account, as the
# movements up to the cuts give them.
balance_at() {	# balance_at CUT-TIME CODE
  sqlite3 "$BLANKO_DB" "SELECT coalesce(sum(CASE WHEN a.code = '$2' AND m.to_id = a.id THEN m.last - m.first + 1
    WHEN a.code = '$2' AND m.from_id = a.id THEN -(m.last - m.first + 1) ELSE 0 END), 0)
    FROM movement m JOIN account a ON a.code = '$2' WHERE m.event_id <= $(old_cut "$1")"
}
expect_ok "report reconcile of 3 to 7 October" inv --user au report reconcile --from 2026-10-03 --to 2026-10-07 --format json
ok=true
for code in GUDANG RC1 issued spoiled invalid destroyed lost; do
  want="$(balance_at 2026-10-03 "$code") $(balance_at 2026-10-08 "$code")"
  got=$(json_get "' '.join(str(x) for a in j['accounts'] if a['account'] == '$code' for x in (a['opening'], a['closing']))")
  [ -z "$got" ] && [ "$want" = "0 0" ] && continue
  [ "$got" = "$want" ] || { ok=false; echo "$code: report $got, movements $want"; }
done
check "reconcile's opening and closing balances are the movements' sums" $ok
check "it balances" test "$(json_get 'j["balanced"]')" = True
# report stock on 9 October: the blanks held, and the cards issued in the
# 30 days before, from the movements.
at "2026-10-09 12:00:00" "$INVENTORY" --user au report stock --format json >"$TMP/out" 2>"$TMP/err"
check "report stock on 9 October" test $? -eq 0
check "report stock's blanks are the balances" test \
  "$(json_get "[a['blanks'] for a in j['locations'] if a['account'] == 'RC1'][0]")" = "$(balance_at 9999 RC1)"
check "report stock's cards issued in 30 days are the movements into issued" test "$(json_get "j['total']['issued_30d']")" = \
  "$(sqlite3 "$BLANKO_DB" "SELECT sum(m.last - m.first + 1) FROM movement m JOIN event e ON e.id = m.event_id
     JOIN account a ON a.id = m.to_id WHERE a.code = 'issued' AND e.time >= '2026-09-09T12'")"

# Edits behind the program's back: verify names the hour, in one line, exit 3.
tamper "a total raised" "^FAILED: the stored totals for hour 2026-09-15T09:00 UTC \(transfer\) differ from the events" \
  "UPDATE movement_total SET serials = serials + 1 WHERE hour = '2026-09-15T09' AND kind = 'transfer'"
tamper "a deleted total" "^FAILED: the stored totals for hour 2026-10-03T10:00 UTC \(print\) differ" \
  "DELETE FROM movement_total WHERE hour = '2026-10-03T10' AND kind = 'print'"
tamper "a total moved to another hour" "^FAILED: the stored totals for hour 2026-10-08T0[89]:00 UTC \(transfer\) differ" \
  "UPDATE movement_total SET hour = '2026-10-08T08' WHERE hour = '2026-10-08T09' AND kind = 'transfer'"
tamper "a total added" "^FAILED: the stored totals for hour 2026-11-01T00:00 UTC \(transfer\) differ" \
  "INSERT INTO movement_total VALUES('2026-11-01T00', 'transfer', 1, 2, 5, 99)"
tamper "a changed first event" "^FAILED: the stored totals for hour 2026-09-01T08:00 UTC \(init\) differ" \
  "UPDATE movement_total SET first_event = 2 WHERE kind = 'init'"
cp "$TMP/good.db" "$BLANKO_DB"; rm -f "$BLANKO_DB-wal" "$BLANKO_DB-shm"

# An old ledger: the migration builds the table from its events.
cp "$TOP/tests/data/ledger-v1.sqlite" "$TMP/v1.db"
check "the version 1 ledger has no totals table" test -z "$(sqlite3 "$TMP/v1.db" "SELECT name FROM sqlite_master WHERE name = 'movement_total'")"
expect_ok "the version 1 ledger migrates and verifies" inv --db "$TMP/v1.db" verify
check "its totals table was built and equals the recount" recount "$TMP/v1.db"
check "it has rows for its movements" test "$(sqlite3 "$TMP/v1.db" "SELECT count(*) FROM movement_total WHERE from_id != 0")" -gt 0
check "its events are all counted" test "$(sqlite3 "$TMP/v1.db" "SELECT (SELECT count(*) FROM event) = (SELECT count(DISTINCT e.id) FROM event e LEFT JOIN movement m ON m.event_id = e.id WHERE m.id IS NULL) + (SELECT count(DISTINCT event_id) FROM movement)")" = 1
inv --db "$TMP/v1.db" --user root location add RC9 --kind printroom >/dev/null 2>&1 || true
check "the migrated ledger keeps counting" recount "$TMP/v1.db"

test_done
