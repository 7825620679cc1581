/*
 * The storage layer for the chain (events and their movements): the tables
 * event and movement, their SQL and their own statements, prepared once
 * per connection and cached on the handle (store.c).  See store.h.
 */

#include "store-private.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Movements carry a "bucket", floor(log2(length)), so that the movements
 * containing one serial are found by one index seek per bucket: a range of
 * length in [2^k, 2^(k+1)) that contains n starts within 2^(k+1) - 2 below n.
 */

#define BUCKETS \
  "WITH RECURSIVE b(k) AS (VALUES(0) UNION ALL SELECT k + 1 FROM b WHERE k < 61) "
#define BUCKET_MATCH \
  "m.series_id = ?1 AND m.bucket = b.k AND " \
  "m.first BETWEEN ?2 - (1 << (b.k + 1)) + 2 AND ?2 AND m.last >= ?2"
#define EVENT_COLUMNS \
  "e.id, e.time, e.actor, e.via, e.kind, e.ref, e.detail, e.prev, e.hash"


typedef enum event_stmt_e		/* This file's statements */
{
  STMT_MOVEMENT_INSERT,
  STMT_MOVEMENT_RECEIPT,
  STMT_EVENT_HEAD,
  STMT_EVENT_NEWEST,
  STMT_EVENT_INSERT,
  STMT_EVENT_LOG,
  STMT_EVENT_SCAN,
  STMT_HISTORY,
  STMT_EVENT_GET,
  STMT_EVENT_HEAD_AT,
  STMT_EVENTS_OF_KIND,
  STMT_EVENT_FIRST_HASH,
  STMT_EVENT_DAYS,
  STMT_EVENT_MOVES,
  STMT_MOVEMENT_LATER,
  STMT_MOVEMENTS_INTO_TIME,
  EVENT_STMT_COUNT
} event_stmt_t;

static const char * const event_sql[EVENT_STMT_COUNT] =
{
  /* STMT_MOVEMENT_INSERT */
  [STMT_MOVEMENT_INSERT] = "INSERT INTO movement(event_id, series_id, first, last, bucket, from_id, to_id, id) "
  "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  /* STMT_MOVEMENT_RECEIPT: the receipt that brought serial ?2 of series ?1 */
  [STMT_MOVEMENT_RECEIPT] = BUCKETS "SELECT e.ref FROM b JOIN movement m ON " BUCKET_MATCH " "
  "JOIN event e ON e.id = m.event_id JOIN account a ON a.id = m.from_id "
  "WHERE a.kind = 'supplier' ORDER BY m.id DESC LIMIT 1",
  /* STMT_EVENT_HEAD: the chain's end: the newest event's id and hash, the latest hour recorded (the end
   * of movement_total's key) and the newest movement's id (the last row in movement's key order) */
  [STMT_EVENT_HEAD] = "SELECT id, hash, (SELECT max(hour) FROM movement_total), "
  "(SELECT id FROM movement ORDER BY event_id DESC, id DESC LIMIT 1) FROM event ORDER BY id DESC LIMIT 1",
  /* STMT_EVENT_NEWEST: the newest event's id and hash */
  [STMT_EVENT_NEWEST] = "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1",
  /* STMT_EVENT_INSERT */
  [STMT_EVENT_INSERT] = "INSERT INTO event(id, time, actor, via, kind, ref, detail, prev, hash) "
  "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
  /* STMT_EVENT_LOG: newest first; an event at or after ?1 is filed in ?1's hour or later (the running
   * maximum), so after the hour's cut: the events before it are not read */
  [STMT_EVENT_LOG] = "SELECT " EVENT_COLUMNS ", "
  "(SELECT coalesce(sum(m.last - m.first + 1), 0) FROM movement m WHERE m.event_id = e.id) "
  "FROM event e WHERE e.id > (CASE WHEN ?1 = '' THEN 0 ELSE " TOTAL_HOUR_CUT(">=", "substr(?1, 1, 13)") " END) "
  "AND e.time >= ?1 ORDER BY e.id DESC LIMIT ?2",
  /* STMT_EVENT_SCAN: every event with its movements, in order */
  [STMT_EVENT_SCAN] = "SELECT " EVENT_COLUMNS ", m.id, m.series_id, m.first, m.last, m.bucket, m.from_id, m.to_id, "
  "(SELECT count(*) FROM movement) "
  "FROM event e LEFT JOIN movement m ON m.event_id = e.id ORDER BY e.id, m.id",
  /* STMT_HISTORY: every movement containing serial ?2 of series ?1, oldest first */
  [STMT_HISTORY] = BUCKETS "SELECT " EVENT_COLUMNS ", m.id, m.series_id, m.first, m.last, m.bucket, m.from_id, m.to_id, 0 "
  "FROM b JOIN movement m ON " BUCKET_MATCH " JOIN event e ON e.id = m.event_id ORDER BY m.id",
  /* STMT_EVENT_GET */
  [STMT_EVENT_GET] = "SELECT " EVENT_COLUMNS ", 0 FROM event e WHERE e.id = ?1",
  /* STMT_EVENT_HEAD_AT: the last event of the chain cut at time ?1 (EVENT_CUT) */
  [STMT_EVENT_HEAD_AT] = "SELECT id, hash FROM event WHERE id <= " EVENT_CUT("?1") " ORDER BY id DESC LIMIT 1",
  /* STMT_EVENTS_OF_KIND: events of kind ?1 between the cuts at ?2 and ?3, oldest first; only the hours
   * whose totals (movement_total) hold that kind are read, from their first event of it on (CROSS JOIN: the
   * hours first) */
  [STMT_EVENTS_OF_KIND] = "SELECT " EVENT_COLUMNS ", 0 FROM (SELECT hour, min(first_event) AS fe FROM movement_total "
  "WHERE kind = ?1 AND hour >= substr(?2, 1, 13) AND hour <= substr(?3, 1, 13) GROUP BY hour) h "
  "CROSS JOIN event e ON e.id >= h.fe AND e.id <= " TOTAL_HOUR_CUT(">", "h.hour") " "
  "WHERE e.id > " EVENT_CUT("?2") " AND e.id <= " EVENT_CUT("?3") " AND e.kind = ?1 ORDER BY e.id",
  /* STMT_MOVEMENTS_INTO_TIME: movements into account ?4 overlapping [?2, ?3] of series ?1, newest first,
     with each event's time and detail */
  [STMT_MOVEMENTS_INTO_TIME] = "WITH RECURSIVE b(k) AS (VALUES(0) UNION ALL SELECT k + 1 FROM b WHERE k < 61) "
  "SELECT m.first, m.last, e.time, e.detail FROM b JOIN movement m ON m.series_id = ?1 AND m.bucket = b.k AND "
  "m.first BETWEEN ?2 - (1 << (b.k + 1)) + 2 AND ?3 AND m.last >= ?2 "
  "JOIN event e ON e.id = m.event_id WHERE m.to_id = ?4 ORDER BY m.id DESC",
  /* STMT_EVENT_FIRST_HASH */
  [STMT_EVENT_FIRST_HASH] = "SELECT hash FROM event WHERE id = 1",
  /* STMT_EVENT_DAYS: the UTC days of the events from id ?1 on, before day ?2 */
  [STMT_EVENT_DAYS] = "SELECT DISTINCT substr(time, 1, 10) AS day FROM event WHERE id >= ?1 AND day < ?2 ORDER BY day",
  /* STMT_EVENT_MOVES: one event with its movements */
  [STMT_EVENT_MOVES] = "SELECT " EVENT_COLUMNS ", m.id, m.series_id, m.first, m.last, m.bucket, m.from_id, m.to_id, 0 "
  "FROM event e LEFT JOIN movement m ON m.event_id = e.id WHERE e.id = ?1 ORDER BY m.id",
  /* STMT_MOVEMENT_LATER: the first event after ?1 that moved a serial of [?3, ?4] of series ?2 */
  [STMT_MOVEMENT_LATER] = "SELECT m.event_id FROM movement m WHERE m.event_id > ?1 AND m.series_id = ?2 AND "
  "m.first <= ?4 AND m.last >= ?3 ORDER BY m.event_id LIMIT 1"
};

static const store_sqlset_t event_set =	/* Registered in the cache */
{
  STORE_SLOT_EVENT, EVENT_STMT_COUNT, event_sql
};


/* One event's id and hash from a statement of id and hash (0 and "" if
 * none). */
static inv_status_t
event_id_hash(inv_db_t     *db,		/* I - Ledger */
              int          stmt,	/* I - STMT_EVENT_NEWEST or STMT_EVENT_HEAD_AT */
              const char   *until,	/* I - STMT_EVENT_HEAD_AT's time, or NULL */
              int64_t      *id,		/* O - Event id */
              char         hash[65])	/* O - Its hash */
{
  sqlite3_stmt	*st = storeStmtGet(db, &event_set, stmt);
  bool		found;
  inv_status_t	status;

  *id = 0;
  hash[0] = '\0';
  if (!st)
    return (INV_ERROR);
  if (until)
    storeBindText(st, 1, until);
  if ((status = storeStmtRow(db, st, &found, _("reading the event chain"))) != INV_OK)
    return (status);
  if (found)
  {
    *id = sqlite3_column_int64(st, 0);
    snprintf(hash, 65, "%s", storeColText(st, 1));
  }
  storeStmtDone(st);
  return (INV_OK);
}


/* The end of the chain, where the next event is appended: the newest
 * event's id and hash, the latest hour recorded and the newest movement's
 * id (0, "", "" and 0 in an empty chain). */
inv_status_t
storeChainTail(inv_db_t     *db,	/* I - Ledger */
               store_tail_t *tail)	/* O - The chain's end */
{
  sqlite3_stmt	*st = storeStmtGet(db, &event_set, STMT_EVENT_HEAD);
  bool		found;
  inv_status_t	status;

  memset(tail, 0, sizeof(*tail));
  if (!st)
    return (INV_ERROR);
  if ((status = storeStmtRow(db, st, &found, _("reading the event chain"))) != INV_OK)
    return (status);
  if (found)
  {
    tail->event = sqlite3_column_int64(st, 0);
    strncpy(tail->hash, storeColText(st, 1), sizeof(tail->hash) - 1);
    strncpy(tail->hour, storeColText(st, 2), sizeof(tail->hour) - 1);
    tail->movement = sqlite3_column_int64(st, 3);
  }
  storeStmtDone(st);
  return (INV_OK);
}


/* The id and hash of the newest event (0 and "" in an empty chain). */
inv_status_t
storeEventHead(inv_db_t *db,		/* I - Ledger */
               int64_t  *id,		/* O - Newest id */
               char     hash[65])	/* O - Its hash */
{
  return (event_id_hash(db, STMT_EVENT_NEWEST, NULL, id, hash));
}


/* Append an event row. */
inv_status_t
storeEventInsert(inv_db_t                *db,	/* I - Ledger */
                 const store_event_row_t *e)	/* I - Row */
{
  sqlite3_stmt *st = storeStmtGet(db, &event_set, STMT_EVENT_INSERT);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, e->id);
  storeBindText(st, 2, e->time);
  storeBindText(st, 3, e->actor);
  storeBindText(st, 4, e->via);
  storeBindText(st, 5, e->kind);
  storeBindText(st, 6, e->ref);
  storeBindText(st, 7, e->detail);
  storeBindText(st, 8, e->prev);
  storeBindText(st, 9, e->hash);
  return (storeStmtExec(db, st, _("appending an event")));
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
                    const store_move_row_t *m)	/* I - Row, with its id */
{
  sqlite3_stmt *st = storeStmtGet(db, &event_set, STMT_MOVEMENT_INSERT);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, m->event);
  sqlite3_bind_int64(st, 2, m->series);
  sqlite3_bind_int64(st, 3, m->first);
  sqlite3_bind_int64(st, 4, m->last);
  sqlite3_bind_int(st, 5, range_bucket(m->first, m->last));
  sqlite3_bind_int64(st, 6, m->from);
  sqlite3_bind_int64(st, 7, m->to);
  sqlite3_bind_int64(st, 8, m->id);
  return (storeStmtExec(db, st, _("recording a movement")));
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
  sqlite3_stmt	*st = storeStmtGet(db, &event_set, STMT_MOVEMENT_RECEIPT);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  sqlite3_bind_int64(st, 2, number);
  if ((status = storeStmtRow(db, st, found, _("finding a receipt"))) != INV_OK)
    return (status);
  if (*found)
    snprintf(ref, refsize, "%s", storeColText(st, 0));
  storeStmtDone(st);
  return (INV_OK);
}


/* Read the event columns of a row (shared by the event statements). */
static void
event_columns(sqlite3_stmt *st, store_event_row_t *e)
{
  e->id = sqlite3_column_int64(st, 0);
  e->time = storeColText(st, 1);
  e->actor = storeColText(st, 2);
  e->via = storeColText(st, 3);
  e->kind = storeColText(st, 4);
  e->ref = storeColText(st, 5);
  e->detail = storeColText(st, 6);
  e->prev = storeColText(st, 7);
  e->hash = storeColText(st, 8);
}


/* Call cb for events at or after since, newest first, at most limit. */
inv_status_t
storeEventLog(inv_db_t         *db,	/* I - Ledger */
              const char       *since,	/* I - Earliest time, or NULL */
              int64_t          limit,	/* I - Most events, <0 for all */
              store_event_cb_t cb,	/* I - Callback */
              void             *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &event_set, STMT_EVENT_LOG);
  int		rc;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, since);
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
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading the event log")));
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
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading the event log")));
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
  sqlite3_stmt *st = storeStmtGet(db, &event_set, STMT_EVENT_SCAN);

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
  sqlite3_stmt *st = storeStmtGet(db, &event_set, STMT_HISTORY);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  sqlite3_bind_int64(st, 2, number);
  return (scan_rows(db, st, cb, ctx, NULL));
}


/* Call cb once per movement of one event (once with m->id 0 when it
 * moved nothing); nothing when there is no such event. */
inv_status_t
storeEventMoves(inv_db_t        *db,	/* I - Ledger */
                int64_t         id,	/* I - Event id */
                store_scan_cb_t cb,	/* I - Callback */
                void            *ctx)	/* I - Its context */
{
  sqlite3_stmt *st = storeStmtGet(db, &event_set, STMT_EVENT_MOVES);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  return (scan_rows(db, st, cb, ctx, NULL));
}


/* The first event after one that moved a serial of a range (0: none). */
inv_status_t
storeMovementLater(inv_db_t *db,	/* I - Ledger */
                   int64_t  after,	/* I - Event id */
                   int64_t  series,	/* I - Series */
                   int64_t  first,	/* I - First serial number */
                   int64_t  last,	/* I - Last serial number */
                   int64_t  *event)	/* O - The later event, or 0 */
{
  sqlite3_stmt *st = storeStmtGet(db, &event_set, STMT_MOVEMENT_LATER);

  if (st)
  {
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int64(st, 2, series);
    sqlite3_bind_int64(st, 3, first);
    sqlite3_bind_int64(st, 4, last);
  }
  return (storeStmtInt64(db, st, event, _("reading the movements")));
}


/* Call cb with one event by id (moved is 0); nothing when there is none. */
inv_status_t
storeEventGet(inv_db_t         *db,	/* I - Ledger */
              int64_t          id,	/* I - Event id */
              store_event_cb_t cb,	/* I - Callback */
              void             *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &event_set, STMT_EVENT_GET);
  bool		found;
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  if ((status = storeStmtRow(db, st, &found, _("reading an event"))) != INV_OK)
    return (status);
  if (found)
  {
    store_event_row_t e;

    event_columns(st, &e);
    cb(ctx, &e, 0);
  }
  storeStmtDone(st);
  return (INV_OK);
}


/* The id and hash of the last event of the chain cut at a time (EVENT_CUT; 0 and "" if none). */
inv_status_t
storeEventHeadAt(inv_db_t   *db,	/* I - Ledger */
                 const char *until,	/* I - Time, exclusive */
                 int64_t    *id,	/* O - Event id */
                 char       hash[65])	/* O - Its hash */
{
  return (event_id_hash(db, STMT_EVENT_HEAD_AT, until, id, hash));
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
  sqlite3_stmt	*st = storeStmtGet(db, &event_set, STMT_EVENTS_OF_KIND);
  int		rc;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, kind);
  storeBindText(st, 2, since);
  storeBindText(st, 3, until);
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
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading the event log")));
}


/* Call cb for each movement into an account overlapping [first, last] of
 * a series, newest first, with its event's time (UTC) and detail; cb
 * returns non-zero to stop. */
inv_status_t
storeMovementsIntoTime(inv_db_t             *db,	/* I - Ledger */
                       int64_t              account,	/* I - Destination account */
                       int64_t              series,	/* I - Series */
                       int64_t              first,	/* I - Range start */
                       int64_t              last,	/* I - Range end */
                       store_into_time_cb_t cb,		/* I - Callback */
                       void                 *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &event_set, STMT_MOVEMENTS_INTO_TIME);
  int		rc;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  sqlite3_bind_int64(st, 2, first);
  sqlite3_bind_int64(st, 3, last);
  sqlite3_bind_int64(st, 4, account);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    if (cb(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), storeColText(st, 2), storeColText(st, 3)))
    {
      rc = SQLITE_DONE;
      break;
    }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading movements")));
}


/* The hash of the first event (init): a token naming this ledger. */
inv_status_t
storeEventFirstHash(inv_db_t *db,	/* I - Ledger */
                    char     hash[65])	/* O - Hex hash, "" if none */
{
  return (storeStmtText(db, storeStmtGet(db, &event_set, STMT_EVENT_FIRST_HASH), hash, 65, NULL, _("reading the log")));
}


/* Call cb with each UTC day (YYYY-MM-DD) on which events from id "from"
 * on were recorded, before the day "before", in order. */
inv_status_t
storeEventDays(inv_db_t   *db,		/* I - Ledger */
               int64_t    from,		/* I - First event id */
               const char *before,	/* I - Day, exclusive */
               void       (*cb)(void *ctx, const char *day),
					/* I - Callback */
               void       *ctx)		/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &event_set, STMT_EVENT_DAYS);
  int		rc;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, from);
  storeBindText(st, 2, before);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    cb(ctx, storeColText(st, 0));
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading the event log")));
}
