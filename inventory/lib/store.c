/*
 * The storage layer: every SQL statement of the ledger, prepared once per
 * connection and cached on the handle.  See store.h.
 */

#include "db-private.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <string.h>


/*
 * The statements, indexed by store_stmt_t.
 *
 * Holdings are disjoint ranges keyed by (series, first).  Movements carry
 * a "bucket", floor(log2(length)), so that the movements containing one
 * serial are found by one index seek per bucket: a range of length in
 * [2^k, 2^(k+1)) that contains n starts within 2^(k+1) - 2 below n.
 */

#define BUCKETS \
  "WITH RECURSIVE b(k) AS (VALUES(0) UNION ALL SELECT k + 1 FROM b WHERE k < 61) "
#define BUCKET_MATCH \
  "m.series_id = ?1 AND m.bucket = b.k AND " \
  "m.first BETWEEN ?2 - (1 << (b.k + 1)) + 2 AND ?2 AND m.last >= ?2"
#define RECORD_COLUMNS \
  "id, type, state, location, method, place, planned, reason, preparer, prepared, approver, approved, " \
  "executor, executed, cancelled, witnesses, hash, head, count, seal_event"
#define EVENT_COLUMNS \
  "e.id, e.time, e.actor, e.via, e.kind, e.ref, e.detail, e.prev, e.hash"
/* The chain cut at time T: the id of the last event before the first event
 * recorded at or after T (all of them if none is; none for T = "").
 * Reports split the chain there, by id, so that what a period counts is
 * exactly the chain up to its head, even when the clock stepped back; once
 * an event at or after T is recorded, the cut never moves again.  "+id"
 * makes SQLite read the event_time index from T on (a recent period: a
 * short range) rather than every event in id order. */
#define EVENT_CUT(t) \
  "(CASE WHEN " t " = '' THEN 0 ELSE coalesce((SELECT min(+id) FROM event WHERE time >= " t ") - 1, " \
  "(SELECT max(id) FROM event), 0) END)"

static const char * const store_sql[STORE_REQUEST_FIRST] =
{
  /* STMT_ACCOUNT_FIND */
  [STMT_ACCOUNT_FIND] = "SELECT id, kind, balance FROM account WHERE code = ?1",
  /* STMT_ACCOUNT_INSERT */
  [STMT_ACCOUNT_INSERT] = "INSERT INTO account(code, kind, name) VALUES(?1, ?2, ?3)",
  /* STMT_ACCOUNT_BALANCE */
  [STMT_ACCOUNT_BALANCE] = "UPDATE account SET balance = balance + ?2 WHERE id = ?1",
  /* STMT_ACCOUNT_LIST */
  [STMT_ACCOUNT_LIST] = "SELECT id, code, kind, name, balance FROM account ORDER BY id",
  /* STMT_SERIES_FIND */
  [STMT_SERIES_FIND] = "SELECT id FROM series WHERE prefix = ?1 AND width = ?2",
  /* STMT_SERIES_INSERT */
  [STMT_SERIES_INSERT] = "INSERT INTO series(prefix, width) VALUES(?1, ?2)",
  /* STMT_SERIES_LIST */
  [STMT_SERIES_LIST] = "SELECT id, prefix, width FROM series ORDER BY prefix, width",
  /* STMT_HOLDING_OVERLAP: from the row holding ?2 (or the first after it) up to ?3 */
  [STMT_HOLDING_OVERLAP] = "SELECT series_id, first, last, account_id FROM holding "
  "WHERE series_id = ?1 AND first <= ?3 AND first >= "
  "coalesce((SELECT max(first) FROM holding WHERE series_id = ?1 AND first <= ?2), ?2) "
  "ORDER BY first",
  /* STMT_HOLDING_BEFORE */
  [STMT_HOLDING_BEFORE] = "SELECT series_id, first, last, account_id FROM holding "
  "WHERE series_id = ?1 AND first <= ?2 ORDER BY first DESC LIMIT 1",
  /* STMT_HOLDING_AT */
  [STMT_HOLDING_AT] = "SELECT series_id, first, last, account_id FROM holding WHERE series_id = ?1 AND first = ?2",
  /* STMT_HOLDING_INSERT */
  [STMT_HOLDING_INSERT] = "INSERT INTO holding(series_id, first, last, account_id) VALUES(?1, ?2, ?3, ?4)",
  /* STMT_HOLDING_DELETE */
  [STMT_HOLDING_DELETE] = "DELETE FROM holding WHERE series_id = ?1 AND first = ?2",
  /* STMT_HOLDING_SET_LAST */
  [STMT_HOLDING_SET_LAST] = "UPDATE holding SET last = ?3 WHERE series_id = ?1 AND first = ?2",
  /* STMT_HOLDING_OF_ACCOUNT */
  [STMT_HOLDING_OF_ACCOUNT] = "SELECT series_id, first, last, account_id FROM holding "
  "WHERE account_id = ?1 AND series_id = ?2 ORDER BY first",
  /* STMT_HOLDING_ALL */
  [STMT_HOLDING_ALL] = "SELECT series_id, first, last, account_id FROM holding ORDER BY series_id, first",
  /* STMT_HOLDING_OF_SERIES */
  [STMT_HOLDING_OF_SERIES] = "SELECT series_id, first, last, account_id FROM holding WHERE series_id = ?1 ORDER BY first",
  /* STMT_MOVEMENT_INSERT */
  [STMT_MOVEMENT_INSERT] = "INSERT INTO movement(event_id, series_id, first, last, bucket, from_id, to_id) "
  "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  /* STMT_MOVEMENT_RECEIPT: the receipt that brought serial ?2 of series ?1 */
  [STMT_MOVEMENT_RECEIPT] = BUCKETS "SELECT e.ref FROM b JOIN movement m ON " BUCKET_MATCH " "
  "JOIN event e ON e.id = m.event_id JOIN account a ON a.id = m.from_id "
  "WHERE a.kind = 'supplier' ORDER BY m.id LIMIT 1",
  /* STMT_EVENT_HEAD */
  [STMT_EVENT_HEAD] = "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1",
  /* STMT_EVENT_INSERT */
  [STMT_EVENT_INSERT] = "INSERT INTO event(id, time, actor, via, kind, ref, detail, prev, hash) "
  "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
  /* STMT_EVENT_LOG: newest first */
  [STMT_EVENT_LOG] = "SELECT " EVENT_COLUMNS ", "
  "(SELECT coalesce(sum(m.last - m.first + 1), 0) FROM movement m WHERE m.event_id = e.id) "
  "FROM event e WHERE e.time >= ?1 ORDER BY e.id DESC LIMIT ?2",
  /* STMT_EVENT_SCAN: every event with its movements, in order */
  [STMT_EVENT_SCAN] = "SELECT " EVENT_COLUMNS ", m.id, m.series_id, m.first, m.last, m.bucket, m.from_id, m.to_id, "
  "(SELECT count(*) FROM movement) "
  "FROM event e LEFT JOIN movement m ON m.event_id = e.id ORDER BY e.id, m.id",
  /* STMT_HISTORY: every movement containing serial ?2 of series ?1, oldest first */
  [STMT_HISTORY] = BUCKETS "SELECT " EVENT_COLUMNS ", m.id, m.series_id, m.first, m.last, m.bucket, m.from_id, m.to_id, 0 "
  "FROM b JOIN movement m ON " BUCKET_MATCH " JOIN event e ON e.id = m.event_id ORDER BY m.id",
  /* STMT_USER_GET */
  [STMT_USER_GET] = "SELECT roles FROM user WHERE name = ?1",
  /* STMT_USER_INSERT */
  [STMT_USER_INSERT] = "INSERT INTO user(name, roles, since) VALUES(?1, ?2, ?3)",
  /* STMT_USER_LIST */
  [STMT_USER_LIST] = "SELECT name, roles, since FROM user ORDER BY name",
  /* STMT_USER_SET */
  [STMT_USER_SET] = "UPDATE user SET roles = ?2 WHERE name = ?1",
  /* STMT_EVENT_GET */
  [STMT_EVENT_GET] = "SELECT " EVENT_COLUMNS ", 0 FROM event e WHERE e.id = ?1",
  /* STMT_EVENT_HEAD_AT: the last event of the chain cut at time ?1 (EVENT_CUT) */
  [STMT_EVENT_HEAD_AT] = "SELECT id, hash FROM event WHERE id <= " EVENT_CUT("?1") " ORDER BY id DESC LIMIT 1",
  /* STMT_EVENTS_OF_KIND: events of kind ?1 between the cuts at ?2 and ?3, oldest first */
  [STMT_EVENTS_OF_KIND] = "SELECT " EVENT_COLUMNS ", 0 FROM event e WHERE e.id > " EVENT_CUT("?2") " AND e.id <= "
  EVENT_CUT("?3") " AND e.kind = ?1 ORDER BY e.id",
  /* STMT_MOVEMENT_TOTALS: serials moved between the cuts at ?1 and ?2, by kind and accounts (and day when ?3) */
  [STMT_MOVEMENT_TOTALS] = "SELECT CASE WHEN ?3 THEN substr(e.time, 1, 10) ELSE '' END AS day, e.kind, m.from_id, m.to_id, "
  "sum(m.last - m.first + 1) FROM event e JOIN movement m ON m.event_id = e.id "
  "WHERE e.id > " EVENT_CUT("?1") " AND e.id <= " EVENT_CUT("?2") " GROUP BY day, e.kind, m.from_id, m.to_id ORDER BY day",
  /* STMT_MOVEMENTS_INTO: movements into account ?4 overlapping [?2, ?3] of series ?1, newest first */
  [STMT_MOVEMENTS_INTO] = "WITH RECURSIVE b(k) AS (VALUES(0) UNION ALL SELECT k + 1 FROM b WHERE k < 61) "
  "SELECT m.first, m.last, e.detail FROM b JOIN movement m ON m.series_id = ?1 AND m.bucket = b.k AND "
  "m.first BETWEEN ?2 - (1 << (b.k + 1)) + 2 AND ?3 AND m.last >= ?2 "
  "JOIN event e ON e.id = m.event_id WHERE m.to_id = ?4 ORDER BY m.id DESC",
  /* STMT_RECORD_INSERT */
  [STMT_RECORD_INSERT] = "INSERT INTO record(type, state, location, method, place, planned, reason, preparer, prepared, count) "
  "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
  /* STMT_RECORD_UPDATE */
  [STMT_RECORD_UPDATE] = "UPDATE record SET state = ?2, approver = ?3, approved = ?4, executor = ?5, executed = ?6, cancelled = ?7, "
  "witnesses = ?8, hash = ?9, head = ?10, seal_event = ?11 WHERE id = ?1",
  /* STMT_RECORD_GET */
  [STMT_RECORD_GET] = "SELECT " RECORD_COLUMNS " FROM record WHERE id = ?1 AND type = ?2",
  /* STMT_RECORD_LIST */
  [STMT_RECORD_LIST] = "SELECT " RECORD_COLUMNS " FROM record WHERE type = ?1 ORDER BY id",
  /* STMT_RECORD_ITEM_INSERT */
  [STMT_RECORD_ITEM_INSERT] = "INSERT INTO record_item(record_id, series_id, first, last, state, reason, nik) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  /* STMT_RECORD_ITEMS: by series prefix and width, then number */
  [STMT_RECORD_ITEMS] = "SELECT i.record_id, i.series_id, i.first, i.last, i.state, i.reason, i.nik FROM record_item i "
  "JOIN series s ON s.id = i.series_id WHERE i.record_id = ?1 ORDER BY s.prefix, s.width, i.first",
  /* STMT_RECORD_OVERLAP: an open record holding a serial of [?2, ?3] of series ?1 */
  [STMT_RECORD_OVERLAP] = "SELECT r.id, max(i.first, ?2) FROM record_item i JOIN record r ON r.id = i.record_id "
  "WHERE i.series_id = ?1 AND i.first <= ?3 AND i.last >= ?2 AND r.state IN ('prepared', 'approved') "
  "ORDER BY i.first LIMIT 1",
  /* STMT_RECORD_HOLDERS: the requests printed on the invalid serials of record ?1 (request.serial is
   * the card's serial, text: prefix and zero-padded number), one index range per item */
  [STMT_RECORD_HOLDERS] = "SELECT i.series_id, r.serial, r.nik FROM record_item i JOIN series s ON s.id = i.series_id "
  "JOIN request r ON r.serial BETWEEN printf('%s%0*d', s.prefix, s.width, i.first) "
  "AND printf('%s%0*d', s.prefix, s.width, i.last) AND length(r.serial) = length(s.prefix) + s.width "
  "WHERE i.record_id = ?1 AND i.state = 'invalid' ORDER BY s.prefix, s.width, r.serial",
  /* STMT_RECORD_OPEN_AT: the records open (prepared, not executed or cancelled) by the events of the
   * chain cut at time ?1 (EVENT_CUT), as they stood then (RECORD_COLUMNS, state approved when approved
   * by then) */
  [STMT_RECORD_OPEN_AT] = "SELECT r.id, r.type, CASE WHEN x.was_approved THEN 'approved' ELSE 'prepared' END, r.location, "
  "r.method, r.place, r.planned, r.reason, r.preparer, r.prepared, "
  "CASE WHEN x.was_approved THEN r.approver ELSE '' END, CASE WHEN x.was_approved THEN r.approved ELSE '' END, "
  "'', '', '', '[]', '', '', r.count, 0 "
  "FROM (SELECT ref, max(kind = 'destroy.approve') AS was_approved FROM event "
  "WHERE id <= " EVENT_CUT("?1") " AND kind IN ('destroy.prepare', 'destroy.approve', 'destroy.execute', 'destroy.cancel', "
  "'writeoff.prepare', 'writeoff', 'writeoff.cancel') GROUP BY ref "
  "HAVING max(kind IN ('destroy.prepare', 'writeoff.prepare')) "
  "AND NOT max(kind IN ('destroy.execute', 'destroy.cancel', 'writeoff', 'writeoff.cancel'))) x "
  "JOIN record r ON r.id = CAST(substr(x.ref, instr(x.ref, '/') + 1) AS INTEGER) AND x.ref = r.type || '/' || r.id "
  "ORDER BY r.type, r.id"
};


/* Return the cached statement, preparing it on first use. */
static sqlite3_stmt *
stmt_get(inv_db_t     *db,		/* I - Ledger */
         store_stmt_t which)		/* I - Statement */
{
  const char *sql = which < STORE_REQUEST_FIRST ? store_sql[which] :
                    which < STORE_PRINT_FIRST ? storeRequestSql[which - STORE_REQUEST_FIRST] :
                    storePrintSql[which - STORE_PRINT_FIRST];

  if (!sql)
  {
    invDbSetError(db, INV_ERROR, _("internal error: statement %d has no SQL"), (int)which);
    return (NULL);
  }
  if (!db->stmts[which] &&
      sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT,
                         &db->stmts[which], NULL) != SQLITE_OK)
  {
    invDbSqlError(db, _("preparing a statement"));
    return (NULL);
  }
  return (db->stmts[which]);
}


/* Reset a statement after use so that it holds no locks or values. */
static void
stmt_done(sqlite3_stmt *st)
{
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
}


/* Run a statement that returns no rows. */
static inv_status_t
stmt_exec(inv_db_t *db, sqlite3_stmt *st, const char *what)
{
  int rc = sqlite3_step(st);

  stmt_done(st);
  return (rc == SQLITE_DONE ? INV_OK : invDbSqlError(db, what));
}


/* Bind text, with NULL stored as "". */
static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
  sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_STATIC);
}


/* Column as text, never NULL. */
static const char *
col_text(sqlite3_stmt *st, int i)
{
  const char *s = (const char *)sqlite3_column_text(st, i);

  return (s ? s : "");
}


/* Run a one-row lookup; *found says whether a row came back.  The statement
 * is left on the row for the caller to read, and must be reset with stmt_done. */
static inv_status_t
stmt_row(inv_db_t *db, sqlite3_stmt *st, bool *found, const char *what)
{
  int rc = sqlite3_step(st);

  *found = (rc == SQLITE_ROW);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
  {
    inv_status_t status = invDbSqlError(db, what);

    stmt_done(st);
    return (status);
  }
  return (INV_OK);
}


/* Find an account by code: INV_REFUSED (with a message) when there is none. */
inv_status_t
storeAccountFind(inv_db_t   *db,	/* I - Ledger */
                 const char *code,	/* I - Account code */
                 int64_t    *id,	/* O - Its id, or NULL */
                 inv_kind_t *kind,	/* O - Its kind, or NULL */
                 int64_t    *balance)	/* O - Its balance, or NULL */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_ACCOUNT_FIND);
  bool		found;
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  bind_text(st, 1, code);
  if ((status = stmt_row(db, st, &found, _("finding an account"))) != INV_OK)
    return (status);
  if (found)
  {
    if (id)
      *id = sqlite3_column_int64(st, 0);
    if (kind && invKindParse(col_text(st, 1), kind) != INV_OK)
      found = false;
    if (balance)
      *balance = sqlite3_column_int64(st, 2);
  }
  stmt_done(st);
  if (!found)
    return (invDbSetError(db, INV_REFUSED, _("unknown location or account \"%s\""), code));
  return (INV_OK);
}


/* Add an account row. */
inv_status_t
storeAccountInsert(inv_db_t   *db,	/* I - Ledger */
                   const char *code,	/* I - Unique code */
                   inv_kind_t kind,	/* I - Kind */
                   const char *name,	/* I - Description */
                   int64_t    *id)	/* O - New id, or NULL */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_ACCOUNT_INSERT);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  bind_text(st, 1, code);
  bind_text(st, 2, invKindName(kind));
  bind_text(st, 3, name);
  if ((status = stmt_exec(db, st, _("adding an account"))) == INV_OK && id)
    *id = sqlite3_last_insert_rowid(db->sql);
  return (status);
}


/* Change an account's balance by delta. */
inv_status_t
storeAccountAddBalance(inv_db_t *db,	/* I - Ledger */
                       int64_t  id,	/* I - Account */
                       int64_t  delta)	/* I - Serials in (+) or out (-) */
{
  sqlite3_stmt *st = stmt_get(db, STMT_ACCOUNT_BALANCE);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  sqlite3_bind_int64(st, 2, delta);
  return (stmt_exec(db, st, _("updating a balance")));
}


/* Call cb for every account, in the order they were made. */
inv_status_t
storeAccountList(inv_db_t           *db,	/* I - Ledger */
                 store_account_cb_t cb,		/* I - Callback */
                 void               *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_ACCOUNT_LIST);
  int		rc;

  if (!st)
    return (INV_ERROR);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    store_account_t a = { sqlite3_column_int64(st, 0), col_text(st, 1), col_text(st, 2),
                          col_text(st, 3), sqlite3_column_int64(st, 4) };

    cb(ctx, &a);
  }
  stmt_done(st);
  return (rc == SQLITE_DONE ? INV_OK : invDbSqlError(db, _("listing accounts")));
}


/* Find (or, with create, make) the id of a series. */
inv_status_t
storeSeriesFind(inv_db_t   *db,		/* I - Ledger */
                const char *prefix,	/* I - Prefix */
                int        width,	/* I - Digits */
                bool       create,	/* I - Make it when missing? */
                int64_t    *id)		/* O - Id, 0 when missing */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_SERIES_FIND);
  bool		found;
  inv_status_t	status;

  *id = 0;
  if (!st)
    return (INV_ERROR);
  bind_text(st, 1, prefix);
  sqlite3_bind_int(st, 2, width);
  if ((status = stmt_row(db, st, &found, _("finding a serial series"))) != INV_OK)
    return (status);
  if (found)
    *id = sqlite3_column_int64(st, 0);
  stmt_done(st);
  if (found || !create)
    return (INV_OK);

  if (!(st = stmt_get(db, STMT_SERIES_INSERT)))
    return (INV_ERROR);
  bind_text(st, 1, prefix);
  sqlite3_bind_int(st, 2, width);
  if ((status = stmt_exec(db, st, _("adding a serial series"))) == INV_OK)
    *id = sqlite3_last_insert_rowid(db->sql);
  return (status);
}


/* Call cb for every series, ordered by prefix and width. */
inv_status_t
storeSeriesList(inv_db_t          *db,	/* I - Ledger */
                store_series_cb_t cb,	/* I - Callback */
                void              *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_SERIES_LIST);
  int		rc;

  if (!st)
    return (INV_ERROR);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    store_series_t s = { sqlite3_column_int64(st, 0), col_text(st, 1), sqlite3_column_int(st, 2) };

    cb(ctx, &s);
  }
  stmt_done(st);
  return (rc == SQLITE_DONE ? INV_OK : invDbSqlError(db, _("listing serial series")));
}


/* Step a holding query, calling cb for each row until it returns non-zero. */
static inv_status_t
holding_rows(inv_db_t *db, sqlite3_stmt *st, store_holding_cb_t cb, void *ctx)
{
  int rc;

  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    store_holding_t h = { sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                          sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3) };

    if (cb(ctx, &h))
    {
      rc = SQLITE_DONE;
      break;
    }
  }
  stmt_done(st);
  return (rc == SQLITE_DONE ? INV_OK : invDbSqlError(db, _("reading holdings")));
}


/* Call cb for each holding of a series that may overlap [first, last], in
 * order; the first row may end before first. */
inv_status_t
storeHoldingOverlap(inv_db_t           *db,	/* I - Ledger */
                    int64_t            series,	/* I - Series */
                    int64_t            first,	/* I - Range start */
                    int64_t            last,	/* I - Range end */
                    store_holding_cb_t cb,	/* I - Callback */
                    void               *ctx)	/* I - Its context */
{
  sqlite3_stmt *st = stmt_get(db, STMT_HOLDING_OVERLAP);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  sqlite3_bind_int64(st, 2, first);
  sqlite3_bind_int64(st, 3, last);
  return (holding_rows(db, st, cb, ctx));
}


/* Read one holding row from a one-row statement. */
static inv_status_t
holding_one(inv_db_t *db, sqlite3_stmt *st, store_holding_t *h, bool *found)
{
  inv_status_t status = stmt_row(db, st, found, _("reading holdings"));

  if (status != INV_OK)
    return (status);
  if (*found)
  {
    h->series = sqlite3_column_int64(st, 0);
    h->first = sqlite3_column_int64(st, 1);
    h->last = sqlite3_column_int64(st, 2);
    h->account = sqlite3_column_int64(st, 3);
  }
  stmt_done(st);
  return (INV_OK);
}


/* Find the holding that ends exactly at number last. */
inv_status_t
storeHoldingEndingAt(inv_db_t        *db,	/* I - Ledger */
                     int64_t         series,	/* I - Series */
                     int64_t         last,	/* I - Last number */
                     store_holding_t *h,	/* O - The row */
                     bool            *found)	/* O - Was there one? */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_HOLDING_BEFORE);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  sqlite3_bind_int64(st, 2, last);
  if ((status = holding_one(db, st, h, found)) == INV_OK && *found && h->last != last)
    *found = false;
  return (status);
}


/* Find the holding that starts exactly at number first. */
inv_status_t
storeHoldingStartingAt(inv_db_t        *db,	/* I - Ledger */
                       int64_t         series,	/* I - Series */
                       int64_t         first,	/* I - First number */
                       store_holding_t *h,	/* O - The row */
                       bool            *found)	/* O - Was there one? */
{
  sqlite3_stmt *st = stmt_get(db, STMT_HOLDING_AT);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  sqlite3_bind_int64(st, 2, first);
  return (holding_one(db, st, h, found));
}


/* Add a holding row. */
inv_status_t
storeHoldingInsert(inv_db_t              *db,	/* I - Ledger */
                   const store_holding_t *h)	/* I - Row */
{
  sqlite3_stmt *st = stmt_get(db, STMT_HOLDING_INSERT);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, h->series);
  sqlite3_bind_int64(st, 2, h->first);
  sqlite3_bind_int64(st, 3, h->last);
  sqlite3_bind_int64(st, 4, h->account);
  return (stmt_exec(db, st, _("adding a holding")));
}


/* Remove the holding row that starts at first. */
inv_status_t
storeHoldingDelete(inv_db_t *db,	/* I - Ledger */
                   int64_t  series,	/* I - Series */
                   int64_t  first)	/* I - Its first number */
{
  sqlite3_stmt *st = stmt_get(db, STMT_HOLDING_DELETE);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  sqlite3_bind_int64(st, 2, first);
  return (stmt_exec(db, st, _("removing a holding")));
}


/* Change where the holding that starts at first ends. */
inv_status_t
storeHoldingSetLast(inv_db_t *db,	/* I - Ledger */
                    int64_t  series,	/* I - Series */
                    int64_t  first,	/* I - Its first number */
                    int64_t  last)	/* I - New last number */
{
  sqlite3_stmt *st = stmt_get(db, STMT_HOLDING_SET_LAST);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  sqlite3_bind_int64(st, 2, first);
  sqlite3_bind_int64(st, 3, last);
  return (stmt_exec(db, st, _("shortening a holding")));
}


/* Call cb for an account's holdings of one series, lowest first, until
 * it returns non-zero. */
inv_status_t
storeHoldingOfAccount(inv_db_t           *db,		/* I - Ledger */
                      int64_t            account,	/* I - Account */
                      int64_t            series,	/* I - Series */
                      store_holding_cb_t cb,		/* I - Callback */
                      void               *ctx)		/* I - Its context */
{
  sqlite3_stmt *st = stmt_get(db, STMT_HOLDING_OF_ACCOUNT);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, account);
  sqlite3_bind_int64(st, 2, series);
  return (holding_rows(db, st, cb, ctx));
}


/* Call cb for every holding of one series, lowest first. */
inv_status_t
storeHoldingOfSeries(inv_db_t           *db,	/* I - Ledger */
                     int64_t            series,	/* I - Series */
                     store_holding_cb_t cb,	/* I - Callback */
                     void               *ctx)	/* I - Its context */
{
  sqlite3_stmt *st = stmt_get(db, STMT_HOLDING_OF_SERIES);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  return (holding_rows(db, st, cb, ctx));
}


/* Call cb for every holding, ordered by series id and first number. */
inv_status_t
storeHoldingAll(inv_db_t           *db,	/* I - Ledger */
                store_holding_cb_t cb,	/* I - Callback */
                void               *ctx)/* I - Its context */
{
  sqlite3_stmt *st = stmt_get(db, STMT_HOLDING_ALL);

  if (!st)
    return (INV_ERROR);
  return (holding_rows(db, st, cb, ctx));
}


/* The id and hash of the newest event (0 and "" in an empty chain). */
inv_status_t
storeEventHead(inv_db_t *db,		/* I - Ledger */
               int64_t  *id,		/* O - Newest id */
               char     hash[65])	/* O - Its hash */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_EVENT_HEAD);
  bool		found;
  inv_status_t	status;

  *id = 0;
  hash[0] = '\0';
  if (!st)
    return (INV_ERROR);
  if ((status = stmt_row(db, st, &found, _("reading the event chain"))) != INV_OK)
    return (status);
  if (found)
  {
    *id = sqlite3_column_int64(st, 0);
    strncpy(hash, col_text(st, 1), 64);
    hash[64] = '\0';
  }
  stmt_done(st);
  return (INV_OK);
}


/* Append an event row. */
inv_status_t
storeEventInsert(inv_db_t                *db,	/* I - Ledger */
                 const store_event_row_t *e)	/* I - Row */
{
  sqlite3_stmt *st = stmt_get(db, STMT_EVENT_INSERT);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, e->id);
  bind_text(st, 2, e->time);
  bind_text(st, 3, e->actor);
  bind_text(st, 4, e->via);
  bind_text(st, 5, e->kind);
  bind_text(st, 6, e->ref);
  bind_text(st, 7, e->detail);
  bind_text(st, 8, e->prev);
  bind_text(st, 9, e->hash);
  return (stmt_exec(db, st, _("appending an event")));
}


/* Length bucket of a range: floor(log2(last - first + 1)). */
static int
range_bucket(int64_t first, int64_t last)
{
  return (63 - __builtin_clzll((unsigned long long)(last - first + 1)));
}


/* Append a movement row. */
inv_status_t
storeMovementInsert(inv_db_t               *db,	/* I - Ledger */
                    const store_move_row_t *m)	/* I - Row (id ignored) */
{
  sqlite3_stmt *st = stmt_get(db, STMT_MOVEMENT_INSERT);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, m->event);
  sqlite3_bind_int64(st, 2, m->series);
  sqlite3_bind_int64(st, 3, m->first);
  sqlite3_bind_int64(st, 4, m->last);
  sqlite3_bind_int(st, 5, range_bucket(m->first, m->last));
  sqlite3_bind_int64(st, 6, m->from);
  sqlite3_bind_int64(st, 7, m->to);
  return (stmt_exec(db, st, _("recording a movement")));
}


/* Find the reference (delivery note) of the receipt that brought a serial. */
inv_status_t
storeReceiptFind(inv_db_t *db,		/* I - Ledger */
                 int64_t  series,	/* I - Series */
                 int64_t  number,	/* I - Serial number */
                 char     *ref,		/* O - Reference */
                 size_t   refsize,	/* I - Its size */
                 bool     *found)	/* O - Was there a receipt? */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_MOVEMENT_RECEIPT);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  sqlite3_bind_int64(st, 2, number);
  if ((status = stmt_row(db, st, found, _("finding a receipt"))) != INV_OK)
    return (status);
  if (*found)
    snprintf(ref, refsize, "%s", col_text(st, 0));
  stmt_done(st);
  return (INV_OK);
}


/* Read the event columns of a row (shared by the event statements). */
static void
event_columns(sqlite3_stmt *st, store_event_row_t *e)
{
  e->id = sqlite3_column_int64(st, 0);
  e->time = col_text(st, 1);
  e->actor = col_text(st, 2);
  e->via = col_text(st, 3);
  e->kind = col_text(st, 4);
  e->ref = col_text(st, 5);
  e->detail = col_text(st, 6);
  e->prev = col_text(st, 7);
  e->hash = col_text(st, 8);
}


/* Call cb for events at or after since, newest first, at most limit. */
inv_status_t
storeEventLog(inv_db_t         *db,	/* I - Ledger */
              const char       *since,	/* I - Earliest time, or NULL */
              int64_t          limit,	/* I - Most events, <0 for all */
              store_event_cb_t cb,	/* I - Callback */
              void             *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_EVENT_LOG);
  int		rc;

  if (!st)
    return (INV_ERROR);
  bind_text(st, 1, since);
  sqlite3_bind_int64(st, 2, limit);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    store_event_row_t e;

    event_columns(st, &e);
    if (cb(ctx, &e, sqlite3_column_int64(st, 9)))
    {
      rc = SQLITE_DONE;
      break;
    }
  }
  stmt_done(st);
  return (rc == SQLITE_DONE ? INV_OK : invDbSqlError(db, _("reading the event log")));
}


/*
 * Step a statement of events joined with movements, calling cb once per
 * row (m->id is 0 for an event that moved nothing) until it returns
 * non-zero.  *movements, when given, gets the number of movement rows.
 */

static inv_status_t
scan_rows(inv_db_t *db, sqlite3_stmt *st, store_scan_cb_t cb, void *ctx, int64_t *movements)
{
  int rc;

  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    store_event_row_t	e;
    store_move_row_t	m;

    event_columns(st, &e);
    m.id = sqlite3_column_int64(st, 9);
    m.series = sqlite3_column_int64(st, 10);
    m.first = sqlite3_column_int64(st, 11);
    m.last = sqlite3_column_int64(st, 12);
    m.event = e.id;
    m.bucket = sqlite3_column_int(st, 13);
    m.from = sqlite3_column_int64(st, 14);
    m.to = sqlite3_column_int64(st, 15);
    if (movements)
      *movements = sqlite3_column_int64(st, 16);
    if (cb(ctx, &e, &m))
    {
      rc = SQLITE_DONE;
      break;
    }
  }
  stmt_done(st);
  return (rc == SQLITE_DONE ? INV_OK : invDbSqlError(db, _("reading the event log")));
}


/* Call cb for every event in order, once per movement (once with m->id 0
 * for an event that moved nothing); *movements gets the number of movement
 * rows in the table, so that rows joined to no event can be noticed. */
inv_status_t
storeEventScan(inv_db_t        *db,		/* I - Ledger */
               store_scan_cb_t cb,		/* I - Callback */
               void            *ctx,		/* I - Its context */
               int64_t         *movements)	/* O - Movement rows */
{
  sqlite3_stmt *st = stmt_get(db, STMT_EVENT_SCAN);

  *movements = 0;
  if (!st)
    return (INV_ERROR);
  return (scan_rows(db, st, cb, ctx, movements));
}


/* Call cb for every movement that contains one serial, oldest first. */
inv_status_t
storeHistory(inv_db_t        *db,	/* I - Ledger */
             int64_t         series,	/* I - Series */
             int64_t         number,	/* I - Serial number */
             store_scan_cb_t cb,	/* I - Callback */
             void            *ctx)	/* I - Its context */
{
  sqlite3_stmt *st = stmt_get(db, STMT_HISTORY);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  sqlite3_bind_int64(st, 2, number);
  return (scan_rows(db, st, cb, ctx, NULL));
}


/* Look up a user's roles. */
inv_status_t
storeUserGet(inv_db_t   *db,		/* I - Ledger */
             const char *name,		/* I - User */
             unsigned   *roles,		/* O - Role bits */
             bool       *found)		/* O - Registered? */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_USER_GET);
  inv_status_t	status;

  *roles = 0;
  if (!st)
    return (INV_ERROR);
  bind_text(st, 1, name);
  if ((status = stmt_row(db, st, found, _("reading users"))) != INV_OK)
    return (status);
  if (*found)
    *roles = (unsigned)sqlite3_column_int(st, 0);
  stmt_done(st);
  return (INV_OK);
}


/* Add a user row. */
inv_status_t
storeUserInsert(inv_db_t   *db,		/* I - Ledger */
                const char *name,	/* I - User */
                unsigned   roles,	/* I - Role bits */
                const char *since)	/* I - Time added */
{
  sqlite3_stmt *st = stmt_get(db, STMT_USER_INSERT);

  if (!st)
    return (INV_ERROR);
  bind_text(st, 1, name);
  sqlite3_bind_int(st, 2, (int)roles);
  bind_text(st, 3, since);
  return (stmt_exec(db, st, _("adding a user")));
}


/* Call cb for every user, by name. */
inv_status_t
storeUserList(inv_db_t      *db,	/* I - Ledger */
              inv_user_cb_t cb,		/* I - Callback */
              void          *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_USER_LIST);
  int		rc;

  if (!st)
    return (INV_ERROR);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    cb(ctx, col_text(st, 0), (unsigned)sqlite3_column_int(st, 1), col_text(st, 2));
  stmt_done(st);
  return (rc == SQLITE_DONE ? INV_OK : invDbSqlError(db, _("listing users")));
}


/* Change a user's roles. */
inv_status_t
storeUserSetRoles(inv_db_t   *db,	/* I - Ledger */
                  const char *name,	/* I - User */
                  unsigned   roles)	/* I - New role bits */
{
  sqlite3_stmt *st = stmt_get(db, STMT_USER_SET);

  if (!st)
    return (INV_ERROR);
  bind_text(st, 1, name);
  sqlite3_bind_int(st, 2, (int)roles);
  return (stmt_exec(db, st, _("changing a user's roles")));
}


/* The cached statement "which", prepared on first use (for store-request.c). */
sqlite3_stmt *
storeStmtGet(inv_db_t     *db,		/* I - Ledger */
             store_stmt_t which)	/* I - Statement */
{
  return (stmt_get(db, which));
}


/* Reset a statement after use. */
void
storeStmtDone(sqlite3_stmt *st)		/* I - Statement */
{
  stmt_done(st);
}


/* Run a statement that returns no rows; "what" names the work for messages. */
inv_status_t
storeStmtExec(inv_db_t     *db,		/* I - Ledger */
              sqlite3_stmt *st,		/* I - Statement, bound */
              const char   *what)	/* I - What is being done */
{
  return (stmt_exec(db, st, what));
}


/* Step a one-row lookup, leaving the statement on its row (see stmt_row). */
inv_status_t
storeStmtRow(inv_db_t     *db,		/* I - Ledger */
             sqlite3_stmt *st,		/* I - Statement, bound */
             bool         *found,	/* O - Was there a row? */
             const char   *what)	/* I - What is being done */
{
  return (stmt_row(db, st, found, what));
}


/* Bind text to parameter i, NULL as "". */
void
storeBindText(sqlite3_stmt *st,		/* I - Statement */
              int          i,		/* I - Parameter, from 1 */
              const char   *s)		/* I - Text or NULL */
{
  bind_text(st, i, s);
}


/* Column i as text, never NULL. */
const char *
storeColText(sqlite3_stmt *st,		/* I - Statement */
             int          i)		/* I - Column, from 0 */
{
  return (col_text(st, i));
}


/* Call cb with one event by id (moved is 0); nothing when there is none. */
inv_status_t
storeEventGet(inv_db_t         *db,	/* I - Ledger */
              int64_t          id,	/* I - Event id */
              store_event_cb_t cb,	/* I - Callback */
              void             *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_EVENT_GET);
  bool		found;
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  if ((status = stmt_row(db, st, &found, _("reading an event"))) != INV_OK)
    return (status);
  if (found)
  {
    store_event_row_t e;

    event_columns(st, &e);
    cb(ctx, &e, 0);
  }
  stmt_done(st);
  return (INV_OK);
}


/* The id and hash of the last event of the chain cut at a time (EVENT_CUT; 0 and "" if none). */
inv_status_t
storeEventHeadAt(inv_db_t   *db,	/* I - Ledger */
                 const char *until,	/* I - Time, exclusive */
                 int64_t    *id,	/* O - Event id */
                 char       hash[65])	/* O - Its hash */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_EVENT_HEAD_AT);
  bool		found;
  inv_status_t	status;

  *id = 0;
  hash[0] = '\0';
  if (!st)
    return (INV_ERROR);
  bind_text(st, 1, until);
  if ((status = stmt_row(db, st, &found, _("reading the event chain"))) != INV_OK)
    return (status);
  if (found)
  {
    *id = sqlite3_column_int64(st, 0);
    snprintf(hash, 65, "%s", col_text(st, 1));
  }
  stmt_done(st);
  return (INV_OK);
}


/* Call cb for events of one kind between the chain cuts at since and until (EVENT_CUT), oldest first. */
inv_status_t
storeEventsOfKind(inv_db_t         *db,	/* I - Ledger */
                  const char       *kind,	/* I - Event kind */
                  const char       *since,	/* I - From (inclusive) */
                  const char       *until,	/* I - To (exclusive) */
                  store_event_cb_t cb,		/* I - Callback */
                  void             *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_EVENTS_OF_KIND);
  int		rc;

  if (!st)
    return (INV_ERROR);
  bind_text(st, 1, kind);
  bind_text(st, 2, since);
  bind_text(st, 3, until);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    store_event_row_t e;

    event_columns(st, &e);
    if (cb(ctx, &e, 0))
    {
      rc = SQLITE_DONE;
      break;
    }
  }
  stmt_done(st);
  return (rc == SQLITE_DONE ? INV_OK : invDbSqlError(db, _("reading the event log")));
}


/* Call cb with the serials moved between the chain cuts at since and until (EVENT_CUT), summed by
 * event kind and pair of accounts (and UTC day when by_day). */
inv_status_t
storeMovementTotals(inv_db_t         *db,	/* I - Ledger */
                    const char       *since,	/* I - From (inclusive) */
                    const char       *until,	/* I - To (exclusive) */
                    bool             by_day,	/* I - Group by day too? */
                    store_total_cb_t cb,	/* I - Callback */
                    void             *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_MOVEMENT_TOTALS);
  int		rc;

  if (!st)
    return (INV_ERROR);
  bind_text(st, 1, since);
  bind_text(st, 2, until);
  sqlite3_bind_int(st, 3, by_day);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    cb(ctx, col_text(st, 0), col_text(st, 1), sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
       sqlite3_column_int64(st, 4));
  stmt_done(st);
  return (rc == SQLITE_DONE ? INV_OK : invDbSqlError(db, _("adding up movements")));
}


/* Call cb for each movement into an account that overlaps [first, last]
 * of a series, newest first, with its event's detail, until cb says stop. */
inv_status_t
storeMovementsInto(inv_db_t        *db,		/* I - Ledger */
                   int64_t         account,	/* I - Destination account */
                   int64_t         series,	/* I - Series */
                   int64_t         first,	/* I - Range start */
                   int64_t         last,	/* I - Range end */
                   store_into_cb_t cb,		/* I - Callback */
                   void            *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_MOVEMENTS_INTO);
  int		rc;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  sqlite3_bind_int64(st, 2, first);
  sqlite3_bind_int64(st, 3, last);
  sqlite3_bind_int64(st, 4, account);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    if (cb(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), col_text(st, 2)))
    {
      rc = SQLITE_DONE;
      break;
    }
  stmt_done(st);
  return (rc == SQLITE_DONE ? INV_OK : invDbSqlError(db, _("reading movements")));
}


/* Add a record (type, state, location, method, place, planned, reason,
 * preparer, prepared, count); *id gets its number. */
inv_status_t
storeRecordInsert(inv_db_t           *db,	/* I - Ledger */
                  const inv_record_t *r,	/* I - Record */
                  int64_t            *id)	/* O - Its id */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_RECORD_INSERT);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  bind_text(st, 1, r->type);
  bind_text(st, 2, r->state);
  bind_text(st, 3, r->location);
  bind_text(st, 4, r->method);
  bind_text(st, 5, r->place);
  bind_text(st, 6, r->planned);
  bind_text(st, 7, r->reason);
  bind_text(st, 8, r->preparer);
  bind_text(st, 9, r->prepared);
  sqlite3_bind_int64(st, 10, r->count);
  if ((status = stmt_exec(db, st, _("adding a record"))) == INV_OK)
    *id = sqlite3_last_insert_rowid(db->sql);
  return (status);
}


/* Store a record's changing columns (state, approval, execution, seal). */
inv_status_t
storeRecordUpdate(inv_db_t           *db,	/* I - Ledger */
                  const inv_record_t *r)	/* I - Record */
{
  sqlite3_stmt *st = stmt_get(db, STMT_RECORD_UPDATE);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, r->id);
  bind_text(st, 2, r->state);
  bind_text(st, 3, r->approver);
  bind_text(st, 4, r->approved);
  bind_text(st, 5, r->executor);
  bind_text(st, 6, r->executed);
  bind_text(st, 7, r->cancelled);
  bind_text(st, 8, r->witnesses);
  bind_text(st, 9, r->hash);
  bind_text(st, 10, r->head);
  sqlite3_bind_int64(st, 11, r->seal_event);
  return (stmt_exec(db, st, _("updating a record")));
}


/* Read the record columns of a row. */
static void
record_columns(sqlite3_stmt *st, inv_record_t *r)
{
  r->id = sqlite3_column_int64(st, 0);
  r->type = col_text(st, 1);
  r->state = col_text(st, 2);
  r->location = col_text(st, 3);
  r->method = col_text(st, 4);
  r->place = col_text(st, 5);
  r->planned = col_text(st, 6);
  r->reason = col_text(st, 7);
  r->preparer = col_text(st, 8);
  r->prepared = col_text(st, 9);
  r->approver = col_text(st, 10);
  r->approved = col_text(st, 11);
  r->executor = col_text(st, 12);
  r->executed = col_text(st, 13);
  r->cancelled = col_text(st, 14);
  r->witnesses = col_text(st, 15);
  r->hash = col_text(st, 16);
  r->head = col_text(st, 17);
  r->count = sqlite3_column_int64(st, 18);
  r->seal_event = sqlite3_column_int64(st, 19);
}


/* Call cb with one record of a type; *found says whether there is one. */
inv_status_t
storeRecordGet(inv_db_t        *db,	/* I - Ledger */
               const char      *type,	/* I - "destruction" or "writeoff" */
               int64_t         id,	/* I - Record id */
               inv_record_cb_t cb,	/* I - Callback */
               void            *ctx,	/* I - Its context */
               bool            *found)	/* O - Was there one? */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_RECORD_GET);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  bind_text(st, 2, type);
  if ((status = stmt_row(db, st, found, _("reading a record"))) != INV_OK)
    return (status);
  if (*found)
  {
    inv_record_t r;

    record_columns(st, &r);
    cb(ctx, &r);
  }
  stmt_done(st);
  return (INV_OK);
}


/* Call cb for every record of a type, oldest first. */
inv_status_t
storeRecordList(inv_db_t        *db,	/* I - Ledger */
                const char      *type,	/* I - "destruction" or "writeoff" */
                inv_record_cb_t cb,	/* I - Callback */
                void            *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_RECORD_LIST);
  int		rc;

  if (!st)
    return (INV_ERROR);
  bind_text(st, 1, type);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    inv_record_t r;

    record_columns(st, &r);
    cb(ctx, &r);
  }
  stmt_done(st);
  return (rc == SQLITE_DONE ? INV_OK : invDbSqlError(db, _("listing records")));
}


/* Add one item (a range with its origin) to a record. */
inv_status_t
storeRecordItemInsert(inv_db_t           *db,	/* I - Ledger */
                      const store_item_t *item)	/* I - Item */
{
  sqlite3_stmt *st = stmt_get(db, STMT_RECORD_ITEM_INSERT);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, item->record);
  sqlite3_bind_int64(st, 2, item->series);
  sqlite3_bind_int64(st, 3, item->first);
  sqlite3_bind_int64(st, 4, item->last);
  bind_text(st, 5, item->state);
  bind_text(st, 6, item->reason);
  bind_text(st, 7, item->nik);
  return (stmt_exec(db, st, _("adding a record's serials")));
}


/* Call cb for a record's items, by series and number, until it says stop. */
inv_status_t
storeRecordItems(inv_db_t        *db,	/* I - Ledger */
                 int64_t         id,	/* I - Record */
                 store_item_cb_t cb,	/* I - Callback */
                 void            *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_RECORD_ITEMS);
  int		rc;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    store_item_t i = { sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
                       sqlite3_column_int64(st, 3), col_text(st, 4), col_text(st, 5), col_text(st, 6) };

    if (cb(ctx, &i))
    {
      rc = SQLITE_DONE;
      break;
    }
  }
  stmt_done(st);
  return (rc == SQLITE_DONE ? INV_OK : invDbSqlError(db, _("reading a record's serials")));
}


/* Find an open record (prepared or approved) holding a serial of
 * [first, last]: *record gets its id (0 if none), *serial the number. */
inv_status_t
storeRecordOverlap(inv_db_t *db,	/* I - Ledger */
                   int64_t  series,	/* I - Series */
                   int64_t  first,	/* I - Range start */
                   int64_t  last,	/* I - Range end */
                   int64_t  *record,	/* O - Open record, or 0 */
                   int64_t  *serial)	/* O - First serial in it */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_RECORD_OVERLAP);
  bool		found;
  inv_status_t	status;

  *record = 0;
  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  sqlite3_bind_int64(st, 2, first);
  sqlite3_bind_int64(st, 3, last);
  if ((status = stmt_row(db, st, &found, _("reading records"))) != INV_OK)
    return (status);
  if (found)
  {
    *record = sqlite3_column_int64(st, 0);
    *serial = sqlite3_column_int64(st, 1);
  }
  stmt_done(st);
  return (INV_OK);
}


/* Call cb for each invalid serial of a record that a card request was
 * printed on (the request's serial), with the request's NIK, by serial;
 * cb returns non-zero to stop. */
inv_status_t
storeRecordHolders(inv_db_t          *db,	/* I - Ledger */
                   int64_t           id,	/* I - Record */
                   store_holder_cb_t cb,	/* I - Callback (series id, serial, NIK) */
                   void              *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_RECORD_HOLDERS);
  int		rc;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    if (cb(ctx, sqlite3_column_int64(st, 0), col_text(st, 1), col_text(st, 2)))
    {
      rc = SQLITE_DONE;
      break;
    }
  stmt_done(st);
  return (rc == SQLITE_DONE ? INV_OK : invDbSqlError(db, _("reading a record's serials")));
}


/* Call cb for every record (destruction records, then write-offs, by id)
 * that was open at a time: prepared by an event before it and neither
 * executed nor cancelled by one.  The record is given as it stood then:
 * state prepared or approved, no execution, cancellation or seal. */
inv_status_t
storeRecordOpenAt(inv_db_t        *db,	/* I - Ledger */
                  const char      *until,/* I - Time (exclusive), UTC ISO time or date */
                  inv_record_cb_t cb,	/* I - Callback */
                  void            *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = stmt_get(db, STMT_RECORD_OPEN_AT);
  int		rc;

  if (!st)
    return (INV_ERROR);
  bind_text(st, 1, until);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    inv_record_t r;

    record_columns(st, &r);
    cb(ctx, &r);
  }
  stmt_done(st);
  return (rc == SQLITE_DONE ? INV_OK : invDbSqlError(db, _("listing records")));
}
