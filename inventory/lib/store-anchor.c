/*
 * The storage layer for anchors, the chain's signed checkpoints: the
 * table anchor, its SQL and its own statements, prepared once per
 * connection and cached on the handle (store.c).  See store.h and
 * blanko/anchor.h.
 */

#include "store-private.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <string.h>

#define ANCHOR_COLUMNS "id, ledger, event, head, time, mark, keyid, sig"

typedef enum anchor_stmt_e		/* This file's statements */
{
  STMT_ANCHOR_INSERT,
  STMT_ANCHOR_LIST,
  STMT_ANCHOR_LATEST,
  STMT_ANCHOR_FIND,
  STMT_ANCHOR_FIRST,
  ANCHOR_STMT_COUNT
} anchor_stmt_t;

static const char * const anchor_sql[ANCHOR_STMT_COUNT] =
{
  /* STMT_ANCHOR_INSERT */
  [STMT_ANCHOR_INSERT] = "INSERT INTO anchor(ledger, event, head, time, mark, keyid, sig) "
  "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  /* STMT_ANCHOR_LIST: by event, then in the order they were made */
  [STMT_ANCHOR_LIST] = "SELECT " ANCHOR_COLUMNS " FROM anchor ORDER BY event, id",
  /* STMT_ANCHOR_LATEST: the highest event, the newest among equals */
  [STMT_ANCHOR_LATEST] = "SELECT " ANCHOR_COLUMNS " FROM anchor ORDER BY event DESC, id DESC LIMIT 1",
  /* STMT_ANCHOR_FIND: the newest with mark ?1 */
  [STMT_ANCHOR_FIND] = "SELECT " ANCHOR_COLUMNS " FROM anchor WHERE mark = ?1 ORDER BY id DESC LIMIT 1",
  /* STMT_ANCHOR_FIRST: the lowest event */
  [STMT_ANCHOR_FIRST] = "SELECT " ANCHOR_COLUMNS " FROM anchor ORDER BY event, id LIMIT 1"
};

static const store_sqlset_t anchor_set =	/* Registered in the cache */
{
  STORE_SLOT_ANCHOR, ANCHOR_STMT_COUNT, anchor_sql
};


/* Read a row's columns into a checkpoint (values cut to their fields). */
static void
anchor_columns(sqlite3_stmt *st,	/* I - Statement on a row */
               inv_anchor_t *a)		/* O - Checkpoint */
{
  memset(a, 0, sizeof(*a));
  a->id = sqlite3_column_int64(st, 0);
  snprintf(a->ledger, sizeof(a->ledger), "%s", storeColText(st, 1));
  a->event = sqlite3_column_int64(st, 2);
  snprintf(a->head, sizeof(a->head), "%s", storeColText(st, 3));
  snprintf(a->time, sizeof(a->time), "%s", storeColText(st, 4));
  snprintf(a->mark, sizeof(a->mark), "%s", storeColText(st, 5));
  snprintf(a->keyid, sizeof(a->keyid), "%s", storeColText(st, 6));
  snprintf(a->sig, sizeof(a->sig), "%s", storeColText(st, 7));
}


/* Store a checkpoint; its row id in *id (may be NULL). */
inv_status_t
storeAnchorInsert(inv_db_t           *db,	/* I - Ledger */
                  const inv_anchor_t *a,	/* I - Checkpoint */
                  int64_t            *id)	/* O - Row id, or NULL */
{
  sqlite3_stmt	*st = storeStmtGet(db, &anchor_set, STMT_ANCHOR_INSERT);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, a->ledger);
  sqlite3_bind_int64(st, 2, a->event);
  storeBindText(st, 3, a->head);
  storeBindText(st, 4, a->time);
  storeBindText(st, 5, a->mark);
  storeBindText(st, 6, a->keyid);
  storeBindText(st, 7, a->sig);
  if ((status = storeStmtExec(db, st, _("storing a checkpoint"))) == INV_OK && id)
    *id = sqlite3_last_insert_rowid(db->sql);
  return (status);
}


/* Call cb for every checkpoint, by event, until it returns non-zero. */
inv_status_t
storeAnchorList(inv_db_t        *db,	/* I - Ledger */
                inv_anchor_cb_t cb,	/* I - Callback */
                void            *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &anchor_set, STMT_ANCHOR_LIST);
  int		rc;

  if (!st)
    return (INV_ERROR);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    inv_anchor_t a;

    anchor_columns(st, &a);
    if (cb(ctx, &a))
    {
      rc = SQLITE_DONE;
      break;
    }
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading the checkpoints")));
}


/* Run one of the one-row lookups. */
static inv_status_t
anchor_one(inv_db_t      *db,		/* I - Ledger */
           anchor_stmt_t which,		/* I - Statement */
           const char    *mark,		/* I - Its ?1, or NULL */
           inv_anchor_t  *a,		/* O - Checkpoint */
           bool          *found)	/* O - Was there one? */
{
  sqlite3_stmt	*st = storeStmtGet(db, &anchor_set, which);
  inv_status_t	status;

  memset(a, 0, sizeof(*a));
  *found = false;
  if (!st)
    return (INV_ERROR);
  if (mark)
    storeBindText(st, 1, mark);
  if ((status = storeStmtRow(db, st, found, _("reading the checkpoints"))) != INV_OK)
    return (status);
  if (*found)
    anchor_columns(st, a);
  storeStmtDone(st);
  return (INV_OK);
}


/* The checkpoint with the highest event, the newest among equals. */
inv_status_t
storeAnchorLatest(inv_db_t     *db,	/* I - Ledger */
                  inv_anchor_t *a,	/* O - Checkpoint */
                  bool         *found)	/* O - Was there one? */
{
  return (anchor_one(db, STMT_ANCHOR_LATEST, NULL, a, found));
}


/* The newest checkpoint with a mark. */
inv_status_t
storeAnchorFind(inv_db_t     *db,	/* I - Ledger */
                const char   *mark,	/* I - Mark */
                inv_anchor_t *a,	/* O - Checkpoint */
                bool         *found)	/* O - Was there one? */
{
  return (anchor_one(db, STMT_ANCHOR_FIND, mark, a, found));
}


/* The checkpoint with the lowest event. */
inv_status_t
storeAnchorFirst(inv_db_t     *db,	/* I - Ledger */
                 inv_anchor_t *a,	/* O - Checkpoint */
                 bool         *found)	/* O - Was there one? */
{
  return (anchor_one(db, STMT_ANCHOR_FIRST, NULL, a, found));
}
