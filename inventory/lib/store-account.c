/*
 * The storage layer for accounts and series: the tables account and
 * series, their SQL and their own statements, prepared once per connection
 * and cached on the handle (store.c).  See store.h.
 */

#include "store-private.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


typedef enum account_stmt_e		/* This file's statements */
{
  STMT_ACCOUNT_FIND,
  STMT_ACCOUNT_INSERT,
  STMT_ACCOUNT_BALANCE,
  STMT_ACCOUNT_LIST,
  STMT_ACCOUNT_CODE,
  STMT_SERIES_FIND,
  STMT_SERIES_INSERT,
  STMT_SERIES_LIST,
  ACCOUNT_STMT_COUNT
} account_stmt_t;

static const char * const account_sql[ACCOUNT_STMT_COUNT] =
{
  /* STMT_ACCOUNT_FIND */
  [STMT_ACCOUNT_FIND] = "SELECT id, kind, balance FROM account WHERE code = ?1",
  /* STMT_ACCOUNT_INSERT */
  [STMT_ACCOUNT_INSERT] = "INSERT INTO account(code, kind, name) VALUES(?1, ?2, ?3)",
  /* STMT_ACCOUNT_BALANCE */
  [STMT_ACCOUNT_BALANCE] = "UPDATE account SET balance = balance + ?2 WHERE id = ?1",
  /* STMT_ACCOUNT_LIST */
  [STMT_ACCOUNT_LIST] = "SELECT id, code, kind, name, balance FROM account ORDER BY id",
  /* STMT_ACCOUNT_CODE */
  [STMT_ACCOUNT_CODE] = "SELECT code FROM account WHERE id = ?1",
  /* STMT_SERIES_FIND */
  [STMT_SERIES_FIND] = "SELECT id FROM series WHERE prefix = ?1 AND width = ?2",
  /* STMT_SERIES_INSERT */
  [STMT_SERIES_INSERT] = "INSERT INTO series(prefix, width) VALUES(?1, ?2)",
  /* STMT_SERIES_LIST */
  [STMT_SERIES_LIST] = "SELECT id, prefix, width FROM series ORDER BY prefix, width"
};

static const store_sqlset_t account_set =	/* Registered in the cache */
{
  STORE_SLOT_ACCOUNT, ACCOUNT_STMT_COUNT, account_sql
};


/* The handle's ids, made on first use; NULL when out of memory (the
 * caller then asks SQLite every time). */
static inv_db_ids_t *
ids_get(inv_db_t *db)			/* I - Ledger */
{
  if (!db->ids)
    db->ids = calloc(1, sizeof(inv_db_ids_t));
  return (db->ids);
}


/*
 * Find an account by code: INV_REFUSED (with a message) when there is none.
 * An account's id and kind never change once made, so the handle keeps
 * them (issue 17: a single move looked both accounts up each time); the
 * balance is read from the table whenever it is asked for.  What the
 * handle keeps is forgotten on rollback (invDbRollback).
 */

inv_status_t
storeAccountFind(inv_db_t   *db,	/* I - Ledger */
                 const char *code,	/* I - Account code */
                 int64_t    *id,	/* O - Its id, or NULL */
                 inv_kind_t *kind,	/* O - Its kind, or NULL */
                 int64_t    *balance)	/* O - Its balance, or NULL */
{
  sqlite3_stmt	*st;
  bool		found;
  inv_status_t	status;
  inv_db_ids_t	*ids = db->ids;
  inv_kind_t	k = INV_KIND_STORE;
  int64_t	i64 = 0;

  if (ids && !balance)
    for (int i = 0; i < ids->naccounts; i ++)
      if (!strcmp(ids->accounts[i].code, code))
      {
        if (id)
          *id = ids->accounts[i].id;
        if (kind)
          *kind = ids->accounts[i].kind;
        return (INV_OK);
      }

  if (!(st = storeStmtGet(db, &account_set, STMT_ACCOUNT_FIND)))
    return (INV_ERROR);
  storeBindText(st, 1, code);
  if ((status = storeStmtRow(db, st, &found, _("finding an account"))) != INV_OK)
    return (status);
  if (found)
  {
    i64 = sqlite3_column_int64(st, 0);
    if (invKindParse(storeColText(st, 1), &k) != INV_OK)
    {
      found = !kind;			/* as before: a kind unknown is an error only when asked for */
      ids = NULL;
    }
    else
      ids = ids_get(db);
    if (id)
      *id = i64;
    if (kind)
      *kind = k;
    if (balance)
      *balance = sqlite3_column_int64(st, 2);
  }
  storeStmtDone(st);
  if (!found)
    return (_invDbSetError(db, INV_REFUSED, _("unknown location or account \"%s\""), code));
  if (ids && ids->naccounts < INV_DB_IDS && strlen(code) <= INV_NAME_MAX)
  {
    snprintf(ids->accounts[ids->naccounts].code, sizeof(ids->accounts[0].code), "%s", code);
    ids->accounts[ids->naccounts].id = i64;
    ids->accounts[ids->naccounts ++].kind = k;
  }
  return (INV_OK);
}


/* The code of the account with an id; INV_REFUSED when there is none. */
inv_status_t
storeAccountCode(inv_db_t *db,		/* I - Ledger */
                 int64_t  id,		/* I - Account id */
                 char     *code,	/* O - Its code */
                 size_t   codesize)	/* I - Its size */
{
  sqlite3_stmt	*st = storeStmtGet(db, &account_set, STMT_ACCOUNT_CODE);
  bool		found;
  inv_status_t	status;

  *code = '\0';
  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
  if ((status = storeStmtRow(db, st, &found, _("finding an account"))) != INV_OK)
    return (status);
  if (found)
    snprintf(code, codesize, "%s", storeColText(st, 0));
  storeStmtDone(st);
  return (found ? INV_OK : _invDbSetError(db, INV_REFUSED, _("no account has the id %lld"), (long long)id));
}


/* Add an account row. */
inv_status_t
storeAccountInsert(inv_db_t   *db,	/* I - Ledger */
                   const char *code,	/* I - Unique code */
                   inv_kind_t kind,	/* I - Kind */
                   const char *name,	/* I - Description */
                   int64_t    *id)	/* O - New id, or NULL */
{
  sqlite3_stmt	*st = storeStmtGet(db, &account_set, STMT_ACCOUNT_INSERT);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, code);
  storeBindText(st, 2, invKindName(kind));
  storeBindText(st, 3, name);
  if ((status = storeStmtExec(db, st, _("adding an account"))) == INV_OK && id)
    *id = sqlite3_last_insert_rowid(db->sql);
  return (status);
}


/* Change an account's balance by delta. */
inv_status_t
storeAccountAddBalance(inv_db_t *db,	/* I - Ledger */
                       int64_t  id,	/* I - Account */
                       int64_t  delta)	/* I - Serials in (+) or out (-) */
{
  sqlite3_stmt *st = storeStmtGet(db, &account_set, STMT_ACCOUNT_BALANCE);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  sqlite3_bind_int64(st, 2, delta);
  return (storeStmtExec(db, st, _("updating a balance")));
}


/* Call cb for every account, in the order they were made. */
inv_status_t
storeAccountList(inv_db_t           *db,	/* I - Ledger */
                 store_account_cb_t cb,		/* I - Callback */
                 void               *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &account_set, STMT_ACCOUNT_LIST);
  int		rc;

  if (!st)
    return (INV_ERROR);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    store_account_t a = { sqlite3_column_int64(st, 0), storeColText(st, 1), storeColText(st, 2),
                          storeColText(st, 3), sqlite3_column_int64(st, 4) };

    cb(ctx, &a);
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("listing accounts")));
}


/* Find (or, with create, make) the id of a series; the handle keeps the
 * ids it found or made (forgotten on rollback). */
inv_status_t
storeSeriesFind(inv_db_t   *db,		/* I - Ledger */
                const char *prefix,	/* I - Prefix */
                int        width,	/* I - Digits */
                bool       create,	/* I - Make it when missing? */
                int64_t    *id)		/* O - Id, 0 when missing */
{
  sqlite3_stmt	*st;
  bool		found;
  inv_status_t	status;
  inv_db_ids_t	*ids = db->ids;

  *id = 0;
  if (ids)
    for (int i = 0; i < ids->nseries; i ++)
      if (ids->series[i].width == width && !strcmp(ids->series[i].prefix, prefix))
      {
        *id = ids->series[i].id;
        return (INV_OK);
      }
  if (!(st = storeStmtGet(db, &account_set, STMT_SERIES_FIND)))
    return (INV_ERROR);
  storeBindText(st, 1, prefix);
  sqlite3_bind_int(st, 2, width);
  if ((status = storeStmtRow(db, st, &found, _("finding a serial series"))) != INV_OK)
    return (status);
  if (found)
    *id = sqlite3_column_int64(st, 0);
  storeStmtDone(st);
  if (!found && create)
  {
    if (!(st = storeStmtGet(db, &account_set, STMT_SERIES_INSERT)))
      return (INV_ERROR);
    storeBindText(st, 1, prefix);
    sqlite3_bind_int(st, 2, width);
    if ((status = storeStmtExec(db, st, _("adding a serial series"))) != INV_OK)
      return (status);
    *id = sqlite3_last_insert_rowid(db->sql);
  }
  if (*id && (ids = ids_get(db)) != NULL && ids->nseries < INV_DB_IDS && strlen(prefix) <= INV_PREFIX_MAX)
  {
    snprintf(ids->series[ids->nseries].prefix, sizeof(ids->series[0].prefix), "%s", prefix);
    ids->series[ids->nseries].width = width;
    ids->series[ids->nseries ++].id = *id;
  }
  return (INV_OK);
}


/* Call cb for every series, ordered by prefix and width. */
inv_status_t
storeSeriesList(inv_db_t          *db,	/* I - Ledger */
                store_series_cb_t cb,	/* I - Callback */
                void              *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &account_set, STMT_SERIES_LIST);
  int		rc;

  if (!st)
    return (INV_ERROR);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    store_series_t s = { sqlite3_column_int64(st, 0), storeColText(st, 1), sqlite3_column_int(st, 2) };

    cb(ctx, &s);
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("listing serial series")));
}
