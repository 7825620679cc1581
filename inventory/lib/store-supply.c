/*
 * The storage layer's counts of card requests for the forecast of blanks
 * needed (supply.c, issue 15): how many wait for a card and how many were
 * recorded in a window.  They read the request table (store-request.c owns
 * its rows) and write nothing.  See store.h.
 */

#include "store-private.h"
#include "blanko/i18n.h"


typedef enum supply_stmt_e		/* This file's statements */
{
  STMT_REQUEST_WAITING,
  STMT_REQUEST_CREATED,
  SUPPLY_STMT_COUNT
} supply_stmt_t;

static const char * const supply_sql[SUPPLY_STMT_COUNT] =
{
  /* STMT_REQUEST_WAITING: requests still waiting for a card (the backlog) */
  [STMT_REQUEST_WAITING] = "SELECT count(*) FROM request WHERE state IN " REQUEST_WAITING,
  /* STMT_REQUEST_CREATED: requests recorded at or after ?1 and before ?2 (UTC times) */
  [STMT_REQUEST_CREATED] = "SELECT count(*) FROM request WHERE created >= ?1 AND created < ?2"
};

static const store_sqlset_t supply_set =	/* Registered in the cache */
{
  STORE_SLOT_SUPPLY, SUPPLY_STMT_COUNT, supply_sql
};


/* Run a count statement whose text parameters are bound already. */
static inv_status_t
count_row(inv_db_t     *db,		/* I - Ledger */
          sqlite3_stmt *st,		/* I - Statement */
          int64_t      *count)		/* O - Its count */
{
  inv_status_t	status;
  bool		found;

  if ((status = storeStmtRow(db, st, &found, _("counting card requests"))) != INV_OK)
    return (status);
  *count = found ? sqlite3_column_int64(st, 0) : 0;
  storeStmtDone(st);
  return (INV_OK);
}


/* How many requests wait for a card: pending, submitted, failed or suspect. */
inv_status_t
storeRequestWaitingCount(inv_db_t *db,	/* I - Ledger */
                    int64_t  *count)	/* O - Requests waiting */
{
  sqlite3_stmt *st = storeStmtGet(db, &supply_set, STMT_REQUEST_WAITING);

  return (st ? count_row(db, st, count) : INV_ERROR);
}


/* How many requests were recorded in [since, until) (UTC ISO 8601 times). */
inv_status_t
storeRequestCreated(inv_db_t   *db,	/* I - Ledger */
                    const char *since,	/* I - From (inclusive) */
                    const char *until,	/* I - To (exclusive) */
                    int64_t    *count)	/* O - Requests recorded */
{
  sqlite3_stmt *st = storeStmtGet(db, &supply_set, STMT_REQUEST_CREATED);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, since);
  storeBindText(st, 2, until);
  return (count_row(db, st, count));
}
