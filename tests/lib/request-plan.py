# request-plan.py PRINTCTL LEDGER: printctl run's next-card statements,
# read from the program itself, and EXPLAIN QUERY PLAN of each on LEDGER:
# each walks its schema 17 index (request_next, request_next_delivery) by
# priority in force (>) and priority 0 (=) without sorting, and never scans
# request.  The statements and the indexes are written from the same
# expressions (inventory/lib/request-order.h); SQLite uses an expression
# index only for the same text.  Prints the indexes found, or what is
# wrong (exit 1).
import re, sqlite3, sys
binary, db = sys.argv[1], sys.argv[2]
stmts = re.findall(rb"SELECT id FROM \(SELECT id FROM request INDEXED BY (request_next\w*) ([^\0]*)", open(binary, "rb").read())
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
bad, names = [], sorted(i.decode() for i, _ in stmts)
for index, rest in stmts:
    index = index.decode()
    try:
        rows = con.execute("EXPLAIN QUERY PLAN SELECT id FROM (SELECT id FROM request INDEXED BY %s %s" % (index, rest.decode()), ("2026-12-06",)).fetchall()
    except sqlite3.Error as e:
        bad.append("%s: %s" % (index, e)); continue
    detail = {r[0]: r[3] for r in rows}
    for op in ("=", ">"):
        found = [r for r in rows if re.fullmatch(r"SEARCH (TABLE )?request USING INDEX %s \(priority%s\?\)" % (index, op), r[3])
                 and detail.get(r[1], "").startswith("CO-ROUTINE")
                 and not any("TEMP B-TREE" in s[3] for s in rows if s[1] == r[1])]
        if not found:
            bad.append("%s: no sort-free search by priority%s: %s" % (index, op, [r[3] for r in rows]))
    if any(re.match(r"SCAN (TABLE )?request\b", r[3]) for r in rows):
        bad.append("%s: a scan of request" % index)
print("; ".join(bad) or " ".join(names))
sys.exit(1 if bad or names != ["request_next", "request_next_delivery"] else 0)
