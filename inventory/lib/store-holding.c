/*
 * The storage layer for holdings (which account holds which range): the
 * table holding, its SQL and its own statements, prepared once per
 * connection and cached on the handle (store.c).  See store.h.
 */

#include "store-private.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Holdings are disjoint ranges keyed by (series, first). */


typedef enum holding_stmt_e		/* This file's statements */
{
  STMT_HOLDING_OVERLAP,
  STMT_HOLDING_BEFORE,
  STMT_HOLDING_AT,
  STMT_HOLDING_INSERT,
  STMT_HOLDING_DELETE,
  STMT_HOLDING_SET_LAST,
  STMT_HOLDING_OF_ACCOUNT,
  STMT_HOLDING_ALL,
  STMT_HOLDING_OF_SERIES,
  HOLDING_STMT_COUNT
} holding_stmt_t;

static const char * const holding_sql[HOLDING_STMT_COUNT] =
{
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
  /* STMT_HOLDING_OF_ACCOUNT: by its index (of the v1 schema); without
     ANALYZE, SQLite took the primary key and walked the whole series for
     each account (report distribution: 4 s on 400,000 cards, issue 14) */
  [STMT_HOLDING_OF_ACCOUNT] = "SELECT series_id, first, last, account_id FROM holding INDEXED BY holding_account "
  "WHERE account_id = ?1 AND series_id = ?2 ORDER BY first",
  /* STMT_HOLDING_ALL */
  [STMT_HOLDING_ALL] = "SELECT series_id, first, last, account_id FROM holding ORDER BY series_id, first",
  /* STMT_HOLDING_OF_SERIES */
  [STMT_HOLDING_OF_SERIES] = "SELECT series_id, first, last, account_id FROM holding WHERE series_id = ?1 ORDER BY first"
};

static const store_sqlset_t holding_set =	/* Registered in the cache */
{
  STORE_SLOT_HOLDING, HOLDING_STMT_COUNT, holding_sql
};


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
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading holdings")));
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
  sqlite3_stmt *st = storeStmtGet(db, &holding_set, STMT_HOLDING_OVERLAP);

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
  inv_status_t status = storeStmtRow(db, st, found, _("reading holdings"));

  if (status != INV_OK)
    return (status);
  if (*found)
  {
    h->series = sqlite3_column_int64(st, 0);
    h->first = sqlite3_column_int64(st, 1);
    h->last = sqlite3_column_int64(st, 2);
    h->account = sqlite3_column_int64(st, 3);
  }
  storeStmtDone(st);
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
  sqlite3_stmt	*st = storeStmtGet(db, &holding_set, STMT_HOLDING_BEFORE);
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
  sqlite3_stmt *st = storeStmtGet(db, &holding_set, STMT_HOLDING_AT);

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
  sqlite3_stmt *st = storeStmtGet(db, &holding_set, STMT_HOLDING_INSERT);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, h->series);
  sqlite3_bind_int64(st, 2, h->first);
  sqlite3_bind_int64(st, 3, h->last);
  sqlite3_bind_int64(st, 4, h->account);
  return (storeStmtExec(db, st, _("adding a holding")));
}


/* Remove the holding row that starts at first. */
inv_status_t
storeHoldingDelete(inv_db_t *db,	/* I - Ledger */
                   int64_t  series,	/* I - Series */
                   int64_t  first)	/* I - Its first number */
{
  sqlite3_stmt *st = storeStmtGet(db, &holding_set, STMT_HOLDING_DELETE);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  sqlite3_bind_int64(st, 2, first);
  return (storeStmtExec(db, st, _("removing a holding")));
}


/* Change where the holding that starts at first ends. */
inv_status_t
storeHoldingSetLast(inv_db_t *db,	/* I - Ledger */
                    int64_t  series,	/* I - Series */
                    int64_t  first,	/* I - Its first number */
                    int64_t  last)	/* I - New last number */
{
  sqlite3_stmt *st = storeStmtGet(db, &holding_set, STMT_HOLDING_SET_LAST);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, series);
  sqlite3_bind_int64(st, 2, first);
  sqlite3_bind_int64(st, 3, last);
  return (storeStmtExec(db, st, _("shortening a holding")));
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
  sqlite3_stmt *st = storeStmtGet(db, &holding_set, STMT_HOLDING_OF_ACCOUNT);

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
  sqlite3_stmt *st = storeStmtGet(db, &holding_set, STMT_HOLDING_OF_SERIES);

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
  sqlite3_stmt *st = storeStmtGet(db, &holding_set, STMT_HOLDING_ALL);

  if (!st)
    return (INV_ERROR);
  return (holding_rows(db, st, cb, ctx));
}
