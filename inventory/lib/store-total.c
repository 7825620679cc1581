/*
 * The storage layer for the serials moved per hour (table movement_total,
 * schema version 7): kept in the transaction of every event (chain.c),
 * added up by the reports (totals.c) and compared with the events by
 * verify (verify-totals.c).  Its SQL and
 * statements, cached on the handle (store.c).  See store.h.
 */

#include "store-private.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <string.h>


/* The movements of the events between the hour cut and the cut at time
 * T, with the sign s: what the hours before T's hour leave out of T
 * (none when T is an hour or a date). */
#define TOTAL_EDGE(s, t) \
  "SELECT CASE WHEN ?3 THEN substr(" t ", 1, 10) ELSE '' END, e.kind, m.from_id, m.to_id, " \
  s "(m.last - m.first + 1) FROM event e JOIN movement m ON m.event_id = e.id WHERE e.id > " \
  TOTAL_HOUR_CUT(">=", "substr(" t ", 1, 13)") " AND e.id <= " EVENT_CUT(t)


typedef enum total_stmt_e		/* This file's statements */
{
  STMT_TOTAL_ADD,
  STMT_TOTAL_PERIOD,
  STMT_TOTAL_ALL,
  TOTAL_STMT_COUNT
} total_stmt_t;

static const char * const total_sql[TOTAL_STMT_COUNT] =
{
  /* STMT_TOTAL_ADD: ?4 serials of kind ?1 from ?2 to ?3 by event ?5, in hour ?6 */
  [STMT_TOTAL_ADD] = "INSERT INTO movement_total(hour, kind, from_id, to_id, serials, first_event) "
  "VALUES(?6, ?1, ?2, ?3, ?4, ?5) "
  "ON CONFLICT(hour, kind, from_id, to_id) DO UPDATE SET serials = serials + excluded.serials",
  /* STMT_TOTAL_PERIOD: serials moved between the cuts at ?1 and ?2 by kind and accounts (and day when ?3):
   * the hours from ?1's to ?2's, less the edge of ?1's hour, plus the edge of ?2's */
  [STMT_TOTAL_PERIOD] = "SELECT day, kind, f, t, sum(n) AS s FROM ("
  "SELECT CASE WHEN ?3 THEN substr(hour, 1, 10) ELSE '' END AS day, kind, from_id AS f, to_id AS t, serials AS n "
  "FROM movement_total WHERE hour >= substr(?1, 1, 13) AND hour < substr(?2, 1, 13) AND from_id != 0 "
  "UNION ALL " TOTAL_EDGE("-", "?1") " UNION ALL " TOTAL_EDGE("+", "?2") ") "
  "GROUP BY day, kind, f, t HAVING s != 0 ORDER BY day, kind, f, t",
  /* STMT_TOTAL_ALL: every row in order (verify) */
  [STMT_TOTAL_ALL] = "SELECT hour, kind, from_id, to_id, serials, first_event FROM movement_total "
  "ORDER BY hour, kind, from_id, to_id"
};

static const store_sqlset_t total_set =	/* Registered in the cache */
{
  STORE_SLOT_TOTAL, TOTAL_STMT_COUNT, total_sql
};


/* Add the serials one event moved from one account to another (from and
 * to 0: an event that moves nothing, counted once) to the hour of the
 * latest time recorded up to the event (the running maximum: the chain's
 * latest hour or the event's own, storeChainTail, chainAppend). */
inv_status_t
storeTotalAdd(inv_db_t   *db,		/* I - Ledger */
              const char *hour,		/* I - Hour, "YYYY-MM-DDTHH" (UTC) */
              int64_t    event,		/* I - Event id */
              const char *kind,		/* I - Event kind */
              int64_t    from,		/* I - Source account, or 0 */
              int64_t    to,		/* I - Destination account, or 0 */
              int64_t    serials)	/* I - Serials moved (1 when none) */
{
  sqlite3_stmt *st = storeStmtGet(db, &total_set, STMT_TOTAL_ADD);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, kind);
  sqlite3_bind_int64(st, 2, from);
  sqlite3_bind_int64(st, 3, to);
  sqlite3_bind_int64(st, 4, serials);
  sqlite3_bind_int64(st, 5, event);
  storeBindText(st, 6, hour);
  return (storeStmtExec(db, st, _("adding up movements")));
}


/* Call cb with the serials moved between the chain cuts at since and until (EVENT_CUT), summed by
 * event kind and pair of accounts (and UTC day when by_day), from the hours' totals. */
inv_status_t
storeMovementTotals(inv_db_t         *db,	/* I - Ledger */
                    const char       *since,	/* I - From (inclusive) */
                    const char       *until,	/* I - To (exclusive) */
                    bool             by_day,	/* I - Group by day too? */
                    store_total_cb_t cb,	/* I - Callback */
                    void             *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &total_set, STMT_TOTAL_PERIOD);
  int		rc;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, since);
  storeBindText(st, 2, until);
  sqlite3_bind_int(st, 3, by_day);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    cb(ctx, storeColText(st, 0), storeColText(st, 1), sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
       sqlite3_column_int64(st, 4));
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("adding up movements")));
}


/* Step through the table in order (hour, kind, accounts), one row a call:
 * *found false at the end.  The row's text stays valid until the next call;
 * storeTotalRowsDone ends the walk. */
inv_status_t
storeTotalRowNext(inv_db_t          *db,	/* I - Ledger */
                  bool              *found,	/* O - Was there a row? */
                  store_total_row_t *row)	/* O - The row */
{
  sqlite3_stmt	*st = storeStmtGet(db, &total_set, STMT_TOTAL_ALL);
  int		rc;

  *found = false;
  if (!st)
    return (INV_ERROR);
  if ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    *found = true;
    row->hour = storeColText(st, 0);
    row->kind = storeColText(st, 1);
    row->from = sqlite3_column_int64(st, 2);
    row->to = sqlite3_column_int64(st, 3);
    row->serials = sqlite3_column_int64(st, 4);
    row->first_event = sqlite3_column_int64(st, 5);
    return (INV_OK);
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading the totals")));
}


/* End a walk of storeTotalRowNext (none open: nothing happens). */
void
storeTotalRowsDone(inv_db_t *db)	/* I - Ledger */
{
  sqlite3_stmt *st = storeStmtGet(db, &total_set, STMT_TOTAL_ALL);

  if (st)
    storeStmtDone(st);
}
