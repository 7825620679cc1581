#!/usr/bin/env python3
# The forger's tool for the anchor tests: recompute every event's prev and
# hash with the chain's recipe (inventory/lib/chain.c, chainHash) after an
# edit behind the programs' back, so that the chain is consistent again
# and plain verify replays it; and the hours' totals counted again.
#
#   python3 tests/lib/chain-forge.py LEDGER [SQL]
#
# SQL (optional) is run first, in the same transaction.
import hashlib
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA foreign_keys = OFF")
if len(sys.argv) > 2:
    db.executescript(sys.argv[2])
prev = "0" * 64
events = db.execute("SELECT id, time, actor, via, kind, ref, detail FROM event ORDER BY id").fetchall()
for (eid, time, actor, via, kind, ref, detail) in events:
    text = (f"blanko-event 1\nid {eid}\nprev {prev}\ntime {time}\nactor {actor}\nvia {via}\n"
            f"kind {kind}\nref {ref}\ndetail {detail}\n")
    for (prefix, width, first, last, src, dst) in db.execute(
            "SELECT s.prefix, s.width, m.first, m.last, a.code, b.code FROM movement m"
            " JOIN series s ON s.id = m.series_id JOIN account a ON a.id = m.from_id"
            " JOIN account b ON b.id = m.to_id WHERE m.event_id = ? ORDER BY m.id", (eid,)):
        text += f"move {prefix}{first:0{width}d} {prefix}{last:0{width}d} {src} {dst}\n"
    h = hashlib.sha256(text.encode()).hexdigest()
    db.execute("UPDATE event SET prev = ?, hash = ? WHERE id = ?", (prev, h, eid))
    prev = h
# The hours' totals (schema 10) are derived data with no secret: the forger
# counts them again from the events, as the migration does.
if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'movement_total'").fetchone():
    db.executescript(
        "DELETE FROM movement_total;"
        "INSERT INTO movement_total(hour, kind, from_id, to_id, serials, first_event)"
        " SELECT e.hour, e.kind, coalesce(m.from_id, 0) AS f, coalesce(m.to_id, 0) AS t,"
        " sum(CASE WHEN m.id IS NULL THEN 1 ELSE m.last - m.first + 1 END), min(e.id)"
        " FROM (SELECT id, kind, substr(max(time) OVER (ORDER BY id), 1, 13) AS hour FROM event) e"
        " LEFT JOIN movement m ON m.event_id = e.id GROUP BY e.hour, e.kind, f, t;")
db.commit()
