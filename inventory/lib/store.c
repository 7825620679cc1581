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

#include <stdarg.h>
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


/* Run a statement that returns no rows whose parameters ?1 ... ?n are all
 * texts (NULL as ""); st NULL (storeStmtGet failed) is INV_ERROR. */
inv_status_t
storeStmtExecText(inv_db_t     *db,	/* I - Ledger */
                  sqlite3_stmt *st,	/* I - Statement, or NULL */
                  const char   *what,	/* I - What is being done */
                  int          n,	/* I - How many texts */
                  ...)			/* I - The texts (const char *) */
{
  va_list ap;

  if (!st)
    return (INV_ERROR);
  va_start(ap, n);
  for (int i = 1; i <= n; i ++)
    storeBindText(st, i, va_arg(ap, const char *));
  va_end(ap);
  return (storeStmtExec(db, st, what));
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
 * storeStmtDone; on an error it is reset here.  st NULL (storeStmtGet
 * failed, and said why) is INV_ERROR with no row. */
inv_status_t
storeStmtRow(inv_db_t     *db,		/* I - Ledger */
             sqlite3_stmt *st,		/* I - Statement, bound, or NULL */
             bool         *found,	/* O - Was there a row? */
             const char   *what)	/* I - What is being done */
{
  int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

  *found = (rc == SQLITE_ROW);
  if (!st)
    return (INV_ERROR);			/* storeStmtGet said why */
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
  {
    inv_status_t status = _invDbSqlError(db, what);

    storeStmtDone(st);
    return (status);
  }
  return (INV_OK);
}


/* Run an INSERT; *id (when not NULL) gets the new row's id. */
inv_status_t
storeStmtInsert(inv_db_t     *db,	/* I - Ledger */
                sqlite3_stmt *st,	/* I - Statement, bound */
                int64_t      *id,	/* O - New row's id, or NULL */
                const char   *what)	/* I - What is being done */
{
  inv_status_t status = storeStmtExec(db, st, what);

  if (status == INV_OK && id)
    *id = sqlite3_last_insert_rowid(db->sql);
  return (status);
}


/* Run a lookup of one number (column 0 of its one row); *value is 0 when
 * no row came back, or when st is NULL (storeStmtGet failed: INV_ERROR). */
inv_status_t
storeStmtInt64(inv_db_t     *db,	/* I - Ledger */
               sqlite3_stmt *st,	/* I - Statement, bound, or NULL */
               int64_t      *value,	/* O - The number */
               const char   *what)	/* I - What is being done */
{
  bool		found;			/* Was there a row? */
  inv_status_t	status = storeStmtRow(db, st, &found, what);

  *value = found ? sqlite3_column_int64(st, 0) : 0;
  if (status == INV_OK)
    storeStmtDone(st);
  return (status);
}


/* Run a lookup of one text (column 0 of its one row); it is "" when no
 * row came back, or when st is NULL (storeStmtGet failed: INV_ERROR). */
inv_status_t
storeStmtText(inv_db_t     *db,		/* I - Ledger */
              sqlite3_stmt *st,		/* I - Statement, bound, or NULL */
              char         *buf,	/* O - The text */
              size_t       bufsize,	/* I - Its size */
              bool         *found,	/* O - Was there a row? (or NULL) */
              const char   *what)	/* I - What is being done */
{
  bool		row;			/* Was there a row? */
  inv_status_t	status = storeStmtRow(db, st, &row, what);

  snprintf(buf, bufsize, "%s", row ? storeColText(st, 0) : "");
  if (found)
    *found = row;
  if (status == INV_OK)
    storeStmtDone(st);
  return (status);
}


/* The next number of an official number's yearly sequence (1 for the
 * first): st is the table's STORE_NEXT_SEQ statement, the year is bound
 * here at ?1, anything else the caller bound. */
inv_status_t
storeNextSeq(inv_db_t     *db,		/* I - Ledger */
             sqlite3_stmt *st,		/* I - STORE_NEXT_SEQ statement, or NULL */
             int          year,		/* I - Year of the sequence */
             int64_t      *seq,		/* O - Next number */
             const char   *what)	/* I - What is being numbered */
{
  if (st)
    sqlite3_bind_int(st, 1, year);
  return (storeStmtInt64(db, st, seq, what));
}
