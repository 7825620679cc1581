/*
 * The storage layer for destruction and write-off records: the tables
 * record and record_item, their SQL and their own statements, prepared
 * once per connection and cached on the handle (store.c).  See store.h.
 */

#include "store-private.h"
#include "events-private.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECORD_COLUMNS \
  "id, type, state, location, method, place, planned, reason, preparer, prepared, approver, approved, " \
  "executor, executed, cancelled, witnesses, hash, head, count, seal_event, " RECORD_VIAS ", number"

/*
 * Who acted for the record's people (the "via" of its events: the OS
 * account, root, that acted for a registered user with --user), from the
 * events themselves: the preparer's is the record's first event's, the
 * approver's that of its approval (?20 destroy.approve, ?21 writeoff,
 * bound by name from the registry: bind_via_kinds), the executor's that
 * of the sealing event.  '' when the person acted for themselves.
 */
#define RECORD_REF "record.type || '/' || record.id"
#define RECORD_VIAS \
  "coalesce((SELECT via FROM event WHERE ref = " RECORD_REF " AND ref <> '' ORDER BY id LIMIT 1), ''), " \
  "CASE WHEN approver = '' THEN '' ELSE coalesce((SELECT via FROM event WHERE ref = " RECORD_REF \
  " AND ref <> '' AND kind IN (?20, ?21, ?22) ORDER BY id LIMIT 1), '') END, " \
  "CASE WHEN seal_event = 0 THEN '' ELSE coalesce((SELECT via FROM event WHERE id = record.seal_event), '') END"


typedef enum record_stmt_e		/* This file's statements */
{
  STMT_RECORD_INSERT,
  STMT_RECORD_UPDATE,
  STMT_RECORD_GET,
  STMT_RECORD_LIST,
  STMT_RECORD_ITEM_INSERT,
  STMT_RECORD_ITEMS,
  STMT_RECORD_OVERLAP,
  STMT_RECORD_HOLDERS,
  STMT_RECORD_OPEN_AT,
  STMT_RECORD_NEXT_SEQ,
  STMT_RECORD_NUMBER,
  RECORD_STMT_COUNT
} record_stmt_t;

static const char * const record_sql[RECORD_STMT_COUNT] =
{
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
   * by then).  The record kinds are bound by name from the registry (OPEN_AT_KINDS): ?2 destroy.prepare,
   * ?3 destroy.approve, ?4 destroy.execute, ?5 destroy.cancel, ?6 writeoff.prepare, ?7 writeoff,
   * ?8 writeoff.cancel, ?9 receive.void.prepare, ?10 receive.void, ?11 receive.void.cancel.  The events
   * are found from the records, by reference (event_ref), not by a scan of the chain */
  [STMT_RECORD_OPEN_AT] = "SELECT r.id, r.type, CASE WHEN x.was_approved THEN 'approved' ELSE 'prepared' END, r.location, "
  "r.method, r.place, r.planned, r.reason, r.preparer, r.prepared, "
  "CASE WHEN x.was_approved THEN r.approver ELSE '' END, CASE WHEN x.was_approved THEN r.approved ELSE '' END, "
  "'', '', '', '[]', '', '', r.count, 0, "
  "coalesce((SELECT via FROM event WHERE ref = x.ref AND ref <> '' ORDER BY id LIMIT 1), ''), "
  "CASE WHEN x.was_approved THEN coalesce((SELECT via FROM event WHERE ref = x.ref AND ref <> '' AND kind IN (?3, ?7) "
  "ORDER BY id LIMIT 1), '') ELSE '' END, '', '' "
  "FROM (SELECT e.ref, max(e.kind = ?3) AS was_approved FROM record k JOIN event e ON e.ref = k.type || '/' || k.id AND e.ref <> '' "
  "WHERE +e.id <= " EVENT_CUT("?1") " AND e.kind IN (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) GROUP BY e.ref "
  "HAVING max(e.kind IN (?2, ?6, ?9)) AND NOT max(e.kind IN (?4, ?5, ?7, ?8, ?10, ?11))) x "
  "JOIN record r ON r.id = CAST(substr(x.ref, instr(x.ref, '/') + 1) AS INTEGER) AND x.ref = r.type || '/' || r.id "
  "ORDER BY r.type, r.id",
  /* STMT_RECORD_NEXT_SEQ: the next number of a type's yearly sequence */
  [STMT_RECORD_NEXT_SEQ] = STORE_NEXT_SEQ("record", " AND type = ?2"),
  /* STMT_RECORD_NUMBER */
  [STMT_RECORD_NUMBER] = "UPDATE record SET year = ?2, seq = ?3, number = ?4 WHERE id = ?1"
};

static const event_id_t open_at_kinds[] =	/* STMT_RECORD_OPEN_AT's ?2 ... ?11 */
{
  EV_DESTROY_PREPARE, EV_DESTROY_APPROVE, EV_DESTROY_EXECUTE, EV_DESTROY_CANCEL,
  EV_WRITEOFF_PREPARE, EV_WRITEOFF, EV_WRITEOFF_CANCEL,
  EV_RECEIVE_VOID_PREPARE, EV_RECEIVE_VOID, EV_RECEIVE_VOID_CANCEL
};

static const store_sqlset_t record_set =	/* Registered in the cache */
{
  STORE_SLOT_RECORD, RECORD_STMT_COUNT, record_sql
};


/* Add a record (type, state, location, method, place, planned, reason,
 * preparer, prepared, count); *id gets its number. */
inv_status_t
storeRecordInsert(inv_db_t           *db,	/* I - Ledger */
                  const inv_record_t *r,	/* I - Record */
                  int64_t            *id)	/* O - Its id */
{
  sqlite3_stmt *st = storeStmtGet(db, &record_set, STMT_RECORD_INSERT);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, r->type);
  storeBindText(st, 2, r->state);
  storeBindText(st, 3, r->location);
  storeBindText(st, 4, r->method);
  storeBindText(st, 5, r->place);
  storeBindText(st, 6, r->planned);
  storeBindText(st, 7, r->reason);
  storeBindText(st, 8, r->preparer);
  storeBindText(st, 9, r->prepared);
  sqlite3_bind_int64(st, 10, r->count);
  return (storeStmtInsert(db, st, id, _("adding a record")));
}


/* Store a record's changing columns (state, approval, execution, seal). */
inv_status_t
storeRecordUpdate(inv_db_t           *db,	/* I - Ledger */
                  const inv_record_t *r)	/* I - Record */
{
  sqlite3_stmt *st = storeStmtGet(db, &record_set, STMT_RECORD_UPDATE);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, r->id);
  storeBindText(st, 2, r->state);
  storeBindText(st, 3, r->approver);
  storeBindText(st, 4, r->approved);
  storeBindText(st, 5, r->executor);
  storeBindText(st, 6, r->executed);
  storeBindText(st, 7, r->cancelled);
  storeBindText(st, 8, r->witnesses);
  storeBindText(st, 9, r->hash);
  storeBindText(st, 10, r->head);
  sqlite3_bind_int64(st, 11, r->seal_event);
  return (storeStmtExec(db, st, _("updating a record")));
}


/* Read the record columns of a row. */
static void
record_columns(sqlite3_stmt *st, inv_record_t *r)
{
  r->id = sqlite3_column_int64(st, 0);
  r->type = storeColText(st, 1);
  r->state = storeColText(st, 2);
  r->location = storeColText(st, 3);
  r->method = storeColText(st, 4);
  r->place = storeColText(st, 5);
  r->planned = storeColText(st, 6);
  r->reason = storeColText(st, 7);
  r->preparer = storeColText(st, 8);
  r->prepared = storeColText(st, 9);
  r->approver = storeColText(st, 10);
  r->approved = storeColText(st, 11);
  r->executor = storeColText(st, 12);
  r->executed = storeColText(st, 13);
  r->cancelled = storeColText(st, 14);
  r->witnesses = storeColText(st, 15);
  r->hash = storeColText(st, 16);
  r->head = storeColText(st, 17);
  r->count = sqlite3_column_int64(st, 18);
  r->seal_event = sqlite3_column_int64(st, 19);
  r->preparer_via = storeColText(st, 20);
  r->approver_via = storeColText(st, 21);
  r->executor_via = storeColText(st, 22);
  r->number = storeColText(st, 23);
}


/* The next number of a type's sequence in a year (1 for the first). */
inv_status_t
storeRecordNextSeq(inv_db_t   *db,	/* I - Ledger */
                   const char *type,	/* I - Record type */
                   int        year,	/* I - Year */
                   int64_t    *seq)	/* O - Next number */
{
  sqlite3_stmt *st = storeStmtGet(db, &record_set, STMT_RECORD_NEXT_SEQ);

  if (st)
    storeBindText(st, 2, type);
  return (storeNextSeq(db, st, year, seq, _("numbering a record")));
}


/* Store a record's official number with its year and place in the year's sequence. */
inv_status_t
storeRecordSetNumber(inv_db_t   *db,	/* I - Ledger */
                     int64_t    id,	/* I - Record */
                     int        year,	/* I - Year of the sequence */
                     int64_t    seq,	/* I - Number in it */
                     const char *number)/* I - Official number */
{
  sqlite3_stmt *st = storeStmtGet(db, &record_set, STMT_RECORD_NUMBER);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  sqlite3_bind_int(st, 2, year);
  sqlite3_bind_int64(st, 3, seq);
  storeBindText(st, 4, number);
  return (storeStmtExec(db, st, _("numbering a record")));
}


/* Bind the kinds RECORD_VIAS names (?20 destroy.approve, ?21 writeoff). */
static void
bind_via_kinds(sqlite3_stmt *st)	/* I - Statement with RECORD_COLUMNS */
{
  storeBindText(st, 20, eventName(EV_DESTROY_APPROVE));
  storeBindText(st, 21, eventName(EV_WRITEOFF));
  storeBindText(st, 22, eventName(EV_RECEIVE_VOID));
}


/* Step a bound record query, calling cb for each row. */
static inv_status_t
record_rows(inv_db_t        *db,	/* I - Ledger */
            sqlite3_stmt    *st,	/* I - Statement, bound */
            inv_record_cb_t cb,		/* I - Callback */
            void            *ctx)	/* I - Its context */
{
  int rc;

  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    inv_record_t r;

    record_columns(st, &r);
    cb(ctx, &r);
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("listing records")));
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
  sqlite3_stmt	*st = storeStmtGet(db, &record_set, STMT_RECORD_GET);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  storeBindText(st, 2, type);
  bind_via_kinds(st);
  if ((status = storeStmtRow(db, st, found, _("reading a record"))) != INV_OK)
    return (status);
  if (*found)
  {
    inv_record_t r;

    record_columns(st, &r);
    cb(ctx, &r);
  }
  storeStmtDone(st);
  return (INV_OK);
}


/* Call cb for every record of a type, oldest first. */
inv_status_t
storeRecordList(inv_db_t        *db,	/* I - Ledger */
                const char      *type,	/* I - "destruction" or "writeoff" */
                inv_record_cb_t cb,	/* I - Callback */
                void            *ctx)	/* I - Its context */
{
  sqlite3_stmt *st = storeStmtGet(db, &record_set, STMT_RECORD_LIST);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, type);
  bind_via_kinds(st);
  return (record_rows(db, st, cb, ctx));
}


/* Add one item (a range with its origin) to a record. */
inv_status_t
storeRecordItemInsert(inv_db_t           *db,	/* I - Ledger */
                      const store_item_t *item)	/* I - Item */
{
  sqlite3_stmt *st = storeStmtGet(db, &record_set, STMT_RECORD_ITEM_INSERT);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, item->record);
  sqlite3_bind_int64(st, 2, item->series);
  sqlite3_bind_int64(st, 3, item->first);
  sqlite3_bind_int64(st, 4, item->last);
  storeBindText(st, 5, item->state);
  storeBindText(st, 6, item->reason);
  storeBindText(st, 7, item->nik);
  return (storeStmtExec(db, st, _("adding a record's serials")));
}


/* Call cb for a record's items, by series and number, until it says stop. */
inv_status_t
storeRecordItems(inv_db_t        *db,	/* I - Ledger */
                 int64_t         id,	/* I - Record */
                 store_item_cb_t cb,	/* I - Callback */
                 void            *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &record_set, STMT_RECORD_ITEMS);
  int		rc;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    store_item_t i = { sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
                       sqlite3_column_int64(st, 3), storeColText(st, 4), storeColText(st, 5), storeColText(st, 6) };

    if (cb(ctx, &i))
    {
      rc = SQLITE_DONE;
      break;
    }
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading a record's serials")));
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
  sqlite3_stmt	*st = storeStmtGet(db, &record_set, STMT_RECORD_OVERLAP);
  bool		found;
  inv_status_t	status;

  *record = 0;
  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  sqlite3_bind_int64(st, 2, first);
  sqlite3_bind_int64(st, 3, last);
  if ((status = storeStmtRow(db, st, &found, _("reading records"))) != INV_OK)
    return (status);
  if (found)
  {
    *record = sqlite3_column_int64(st, 0);
    *serial = sqlite3_column_int64(st, 1);
  }
  storeStmtDone(st);
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
  sqlite3_stmt	*st = storeStmtGet(db, &record_set, STMT_RECORD_HOLDERS);
  int		rc;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    if (cb(ctx, sqlite3_column_int64(st, 0), storeColText(st, 1), storeColText(st, 2)))
    {
      rc = SQLITE_DONE;
      break;
    }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading a record's serials")));
}


/* Call cb for every record (destruction records, voids, then write-offs, by id)
 * that was open at a time: prepared by an event before it and neither
 * executed nor cancelled by one.  The record is given as it stood then:
 * state prepared or approved, no execution, cancellation or seal. */
inv_status_t
storeRecordOpenAt(inv_db_t        *db,	/* I - Ledger */
                  const char      *until,/* I - Time (exclusive), UTC ISO time or date */
                  inv_record_cb_t cb,	/* I - Callback */
                  void            *ctx)	/* I - Its context */
{
  sqlite3_stmt *st = storeStmtGet(db, &record_set, STMT_RECORD_OPEN_AT);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, until);
  for (size_t i = 0; i < sizeof(open_at_kinds) / sizeof(open_at_kinds[0]); i ++)
    storeBindText(st, (int)i + 2, eventName(open_at_kinds[i]));
  return (record_rows(db, st, cb, ctx));
}
