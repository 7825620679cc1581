/*
 * The storage layer's base: the cache of prepared statements and the
 * helpers every store file uses to run them.
 *
 * Each store file (store-account.c, store-event.c, ...) owns its tables,
 * its SQL and its own enum of statements, and registers them here as a
 * store_sqlset_t with a slot of its own; a statement is prepared on first
 * use and kept on the handle (db->stmts[slot][which]) until invDbClose.
 * This file knows no table.
 */

#include "store-private.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The cached statement "which" of a file's set, prepared on first use. */
sqlite3_stmt *
storeStmtGet(inv_db_t             *db,	/* I - Ledger */
             const store_sqlset_t *set,	/* I - The file's statements */
             int                  which)/* I - Statement, by the file's enum */
{
  sqlite3_stmt	**slot;

  if (which < 0 || which >= set->count || !set->sql[which] || set->slot < 0 || set->slot >= INV_DB_STMT_SLOTS)
  {
    _invDbSetError(db, INV_ERROR, _("internal error: statement %d has no SQL"), which);
    return (NULL);
  }
  if ((slot = db->stmts[set->slot]) == NULL &&
      (slot = db->stmts[set->slot] = calloc((size_t)set->count, sizeof(sqlite3_stmt *))) == NULL)
  {
    _invDbNoMemory(db);
    return (NULL);
  }
  if (!slot[which] &&
      sqlite3_prepare_v3(db->sql, set->sql[which], -1, SQLITE_PREPARE_PERSISTENT, &slot[which], NULL) != SQLITE_OK)
  {
    _invDbSqlError(db, _("preparing a statement"));
    return (NULL);
  }
  return (slot[which]);
}


/* Reset a statement after use so that it holds no locks or values. */
void
storeStmtDone(sqlite3_stmt *st)		/* I - Statement */
{
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
}


/* Run a statement that returns no rows; "what" names the work for messages. */
inv_status_t
storeStmtExec(inv_db_t     *db,		/* I - Ledger */
              sqlite3_stmt *st,		/* I - Statement, bound */
              const char   *what)	/* I - What is being done */
{
  int rc = sqlite3_step(st);

  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, what));
}


/* Bind text to parameter i, NULL as "". */
void
storeBindText(sqlite3_stmt *st,		/* I - Statement */
              int          i,		/* I - Parameter, from 1 */
              const char   *s)		/* I - Text or NULL */
{
  sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_STATIC);
}


/* Column i as text, never NULL. */
const char *
storeColText(sqlite3_stmt *st,		/* I - Statement */
             int          i)		/* I - Column, from 0 */
{
  const char *s = (const char *)sqlite3_column_text(st, i);

  return (s ? s : "");
}


/* Run a one-row lookup; *found says whether a row came back.  The statement
 * is left on the row for the caller to read, and must be reset with
 * storeStmtDone. */
inv_status_t
storeStmtRow(inv_db_t     *db,		/* I - Ledger */
             sqlite3_stmt *st,		/* I - Statement, bound */
             bool         *found,	/* O - Was there a row? */
             const char   *what)	/* I - What is being done */
{
  int rc = sqlite3_step(st);

  *found = (rc == SQLITE_ROW);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
  {
    inv_status_t status = _invDbSqlError(db, what);

    storeStmtDone(st);
    return (status);
  }
  return (INV_OK);
}
