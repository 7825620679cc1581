/*
 * The storage layer for places and handovers (issue 14): the tables place
 * and handover, their SQL and their own statements, prepared once per
 * connection and cached on the handle (store.c).  See store.h.
 */

#include "store-private.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


typedef enum place_stmt_e		/* This file's statements */
{
  STMT_PLACE_INSERT,
  STMT_PLACE_GET,
  STMT_PLACE_LIST,
  STMT_HANDOVER_INSERT,
  STMT_HANDOVER_NEXT_SEQ,
  STMT_HANDOVER_GET,
  STMT_HANDOVER_LIST,
  STMT_PERSON_INSERT,
  PLACE_STMT_COUNT
} place_stmt_t;

#define PLACE_SELECT \
  "SELECT a.code, coalesce(p2.code, ''), t.code, a.name FROM place p JOIN account a ON a.id = p.account_id " \
  "LEFT JOIN account p2 ON p2.id = p.parent_id JOIN account t ON t.id = p.transit_id"
#define HANDOVER_COLUMNS \
  "id, ref, place, source, number, serials, sender, sender_via, time, count, event"

static const char * const place_sql[PLACE_STMT_COUNT] =
{
  /* STMT_PLACE_INSERT */
  [STMT_PLACE_INSERT] = "INSERT INTO place(account_id, parent_id, transit_id) VALUES(?1, ?2, ?3)",
  /* STMT_PLACE_GET */
  [STMT_PLACE_GET] = PLACE_SELECT " WHERE a.code = ?1",
  /* STMT_PLACE_LIST */
  [STMT_PLACE_LIST] = PLACE_SELECT " ORDER BY p.account_id",
  /* STMT_HANDOVER_INSERT */
  [STMT_HANDOVER_INSERT] = "INSERT INTO handover(ref, place, source, number, year, seq, count, serials, sender,"
  " sender_via, time, event) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
  /* STMT_HANDOVER_NEXT_SEQ: the next number of a year's sequence */
  [STMT_HANDOVER_NEXT_SEQ] = STORE_NEXT_SEQ("handover", ""),
  /* STMT_HANDOVER_GET: by reference, or by id when ?1 is NULL */
  [STMT_HANDOVER_GET] = "SELECT " HANDOVER_COLUMNS " FROM handover WHERE (?1 IS NULL AND id = ?2) OR ref = ?1",
  /* STMT_HANDOVER_LIST: to one place, or all when ?1 is NULL */
  [STMT_HANDOVER_LIST] = "SELECT " HANDOVER_COLUMNS " FROM handover WHERE ?1 IS NULL OR place = ?1 ORDER BY id",
  /* STMT_PERSON_INSERT: the proxy who took a card (schema 16) */
  [STMT_PERSON_INSERT] = "INSERT INTO handover_person(event, serial, name, relation, nik) VALUES(?1, ?2, ?3, ?4, ?5)"
};

static const store_sqlset_t place_set =	/* Registered in the cache */
{
  STORE_SLOT_PLACE, PLACE_STMT_COUNT, place_sql
};


/* Add a place row: an account, its parent (0 for none) and its in-transit account. */
inv_status_t
storePlaceInsert(inv_db_t *db,		/* I - Ledger */
                 int64_t  account,	/* I - The place's account */
                 int64_t  parent,	/* I - Its parent's account, or 0 */
                 int64_t  transit)	/* I - Its in-transit account */
{
  sqlite3_stmt *st = storeStmtGet(db, &place_set, STMT_PLACE_INSERT);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, account);
  sqlite3_bind_int64(st, 2, parent);
  sqlite3_bind_int64(st, 3, transit);
  return (storeStmtExec(db, st, _("adding a place")));
}


/* Call cb for each row of a statement on places. */
static inv_status_t
place_rows(inv_db_t         *db,	/* I - Ledger */
           sqlite3_stmt     *st,	/* I - Bound statement */
           store_place_cb_t cb,		/* I - Callback */
           void             *ctx,	/* I - Its context */
           bool             *found)	/* O - Any row? (or NULL) */
{
  int rc;

  if (found)
    *found = false;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    store_place_t p = { storeColText(st, 0), storeColText(st, 1), storeColText(st, 2), storeColText(st, 3) };

    if (found)
      *found = true;
    cb(ctx, &p);
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading places")));
}


/* Call cb with a place by its code; *found says whether there is one. */
inv_status_t
storePlaceGet(inv_db_t         *db,	/* I - Ledger */
              const char       *code,	/* I - Place code */
              store_place_cb_t cb,	/* I - Callback */
              void             *ctx,	/* I - Its context */
              bool             *found)	/* O - Is it a place? */
{
  sqlite3_stmt *st = storeStmtGet(db, &place_set, STMT_PLACE_GET);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, code);
  return (place_rows(db, st, cb, ctx, found));
}


/* Call cb for every place, in the order they were made. */
inv_status_t
storePlaceList(inv_db_t         *db,	/* I - Ledger */
               store_place_cb_t cb,	/* I - Callback */
               void             *ctx)	/* I - Its context */
{
  sqlite3_stmt *st = storeStmtGet(db, &place_set, STMT_PLACE_LIST);

  if (!st)
    return (INV_ERROR);
  return (place_rows(db, st, cb, ctx, NULL));
}


/* Add a handover row with its place in the year's sequence; *id gets its number. */
inv_status_t
storeHandoverInsert(inv_db_t             *db,	/* I - Ledger */
                    const inv_handover_t *h,	/* I - The handover */
                    int                  year,	/* I - Year of its number */
                    int64_t              seq,	/* I - Its place in the year */
                    int64_t              *id)	/* O - Its id */
{
  sqlite3_stmt *st = storeStmtGet(db, &place_set, STMT_HANDOVER_INSERT);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, h->ref);
  storeBindText(st, 2, h->place);
  storeBindText(st, 3, h->source);
  storeBindText(st, 4, h->number);
  sqlite3_bind_int(st, 5, year);
  sqlite3_bind_int64(st, 6, seq);
  sqlite3_bind_int64(st, 7, h->count);
  storeBindText(st, 8, h->serials);
  storeBindText(st, 9, h->sender);
  storeBindText(st, 10, h->sender_via);
  storeBindText(st, 11, h->time);
  sqlite3_bind_int64(st, 12, h->event);
  return (storeStmtInsert(db, st, id, _("adding a handover")));
}


/* The next number of the handovers' sequence in a year (1 for the first). */
inv_status_t
storeHandoverNextSeq(inv_db_t *db,	/* I - Ledger */
                     int      year,	/* I - Year */
                     int64_t  *seq)	/* O - Next number */
{
  return (storeNextSeq(db, storeStmtGet(db, &place_set, STMT_HANDOVER_NEXT_SEQ), year, seq,
                       _("numbering a handover")));
}


/* Call cb for each row of a statement on handovers. */
static inv_status_t
handover_rows(inv_db_t          *db,	/* I - Ledger */
              sqlite3_stmt      *st,	/* I - Bound statement */
              inv_handover_cb_t cb,	/* I - Callback */
              void              *ctx,	/* I - Its context */
              bool              *found)	/* O - Any row? (or NULL) */
{
  int rc;

  if (found)
    *found = false;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    inv_handover_t h =
    {
      sqlite3_column_int64(st, 0), storeColText(st, 1), storeColText(st, 2), storeColText(st, 3),
      storeColText(st, 4), storeColText(st, 5), storeColText(st, 6), storeColText(st, 7), storeColText(st, 8),
      sqlite3_column_int64(st, 9), sqlite3_column_int64(st, 10)
    };

    if (found)
      *found = true;
    cb(ctx, &h);
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading handovers")));
}


/* Call cb with one handover, by reference (or by id when ref is NULL). */
inv_status_t
storeHandoverGet(inv_db_t          *db,	/* I - Ledger */
                 const char        *ref,	/* I - Reference, or NULL */
                 int64_t           id,	/* I - Id when ref is NULL */
                 inv_handover_cb_t cb,	/* I - Callback */
                 void              *ctx,	/* I - Its context */
                 bool              *found)	/* O - Is there one? */
{
  sqlite3_stmt *st = storeStmtGet(db, &place_set, STMT_HANDOVER_GET);

  if (!st)
    return (INV_ERROR);
  if (ref)
    storeBindText(st, 1, ref);
  else
    sqlite3_bind_null(st, 1);
  sqlite3_bind_int64(st, 2, id);
  return (handover_rows(db, st, cb, ctx, found));
}


/* Call cb for every handover to a place (all when place is NULL), oldest first. */
inv_status_t
storeHandoverList(inv_db_t          *db,	/* I - Ledger */
                  const char        *place,	/* I - Place or NULL */
                  inv_handover_cb_t cb,		/* I - Callback */
                  void              *ctx)	/* I - Its context */
{
  sqlite3_stmt *st = storeStmtGet(db, &place_set, STMT_HANDOVER_LIST);

  if (!st)
    return (INV_ERROR);
  if (place)
    storeBindText(st, 1, place);
  else
    sqlite3_bind_null(st, 1);
  return (handover_rows(db, st, cb, ctx, NULL));
}


/* Record the proxy who took a handed-over card (never in the event). */
inv_status_t
storeHandoverPersonInsert(inv_db_t   *db,		/* I - Ledger */
                          int64_t    event,		/* I - The deliver event */
                          const char *serial,		/* I - The card */
                          const char *name,		/* I - Proxy's name */
                          const char *relation,	/* I - Their relation to the holder */
                          const char *nik)		/* I - Their NIK */
{
  sqlite3_stmt *st = storeStmtGet(db, &place_set, STMT_PERSON_INSERT);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, event);
  storeBindText(st, 2, serial);
  storeBindText(st, 3, name);
  storeBindText(st, 4, relation);
  storeBindText(st, 5, nik);
  return (storeStmtExec(db, st, _("recording who took a card")));
}
