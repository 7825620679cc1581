/*
 * The storage layer for temporary certificates (issue 15): the suket
 * table, its SQL and its statements, prepared once per connection and
 * cached on the handle (store.c).  See store.h and blanko/suket.h.
 */

#include "store-private.h"
#include "blanko/i18n.h"


typedef enum suket_stmt_e		/* This file's statements */
{
  STMT_SUKET_INSERT,
  STMT_SUKET_NEXT_SEQ,
  STMT_SUKET_SET_STATE,
  STMT_SUKET_GET,
  STMT_SUKET_GET_LIVE,
  STMT_SUKET_LIST,
  SUKET_STMT_COUNT
} suket_stmt_t;

#define SUKET_COLUMNS \
  "id, request, nik, number, state, issued, valid_until, changed, district, reason"
#define SUKET_LIVE "('issued', 'extended')"

static const char * const suket_sql[SUKET_STMT_COUNT] =
{
  /* STMT_SUKET_INSERT */
  [STMT_SUKET_INSERT] = "INSERT INTO suket(request, nik, number, year, seq, state, issued, valid_until, changed,"
                        " district, reason) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, '')",
  /* STMT_SUKET_NEXT_SEQ: next number of a year's sequence */
  [STMT_SUKET_NEXT_SEQ] = STORE_NEXT_SEQ("suket", ""),
  /* STMT_SUKET_SET_STATE: ?2 state, ?3 valid_until (NULL keeps it), ?4 changed, ?5 reason (NULL keeps it) */
  [STMT_SUKET_SET_STATE] = "UPDATE suket SET state = ?2, valid_until = coalesce(?3, valid_until), changed = ?4,"
                           " reason = coalesce(?5, reason) WHERE id = ?1",
  /* STMT_SUKET_GET */
  [STMT_SUKET_GET] = "SELECT " SUKET_COLUMNS " FROM suket WHERE id = ?1",
  /* STMT_SUKET_GET_LIVE: by NIK (?1), or by the NIK of request ?2 when ?1 is NULL */
  [STMT_SUKET_GET_LIVE] = "SELECT " SUKET_COLUMNS " FROM suket WHERE state IN " SUKET_LIVE
                          " AND nik = coalesce(?1, (SELECT nik FROM request WHERE id = ?2))",
  /* STMT_SUKET_LIST: all (?1 NULL) or one stored state; ?2 non-NULL: live ones valid before ?2 */
  [STMT_SUKET_LIST] = "SELECT " SUKET_COLUMNS " FROM suket WHERE (?1 IS NULL OR state = ?1)"
                      " AND (?2 IS NULL OR (state IN " SUKET_LIVE " AND valid_until < ?2)) ORDER BY id"
};

static const store_sqlset_t suket_set =	/* Registered in the cache */
{
  STORE_SLOT_SUKET, SUKET_STMT_COUNT, suket_sql
};


/* Bind a text, or NULL when s is NULL. */
static void
bind_or_null(sqlite3_stmt *st,		/* I - Statement */
             int          i,		/* I - Parameter */
             const char   *s)		/* I - Text or NULL */
{
  if (s)
    storeBindText(st, i, s);
  else
    sqlite3_bind_null(st, i);
}


/* Add a suket row with its place in the year's sequence. */
inv_status_t
storeSuketInsert(inv_db_t          *db,	/* I - Ledger */
                 const inv_suket_t *s,	/* I - The suket (id ignored) */
                 int               year,/* I - Year of its number */
                 int64_t           seq,	/* I - Its place in the year */
                 int64_t           *id)	/* O - Its id */
{
  sqlite3_stmt *st = storeStmtGet(db, &suket_set, STMT_SUKET_INSERT);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, s->request);
  storeBindText(st, 2, s->nik);
  storeBindText(st, 3, s->number);
  sqlite3_bind_int(st, 4, year);
  sqlite3_bind_int64(st, 5, seq);
  storeBindText(st, 6, s->state);
  storeBindText(st, 7, s->issued);
  storeBindText(st, 8, s->valid_until);
  storeBindText(st, 9, s->changed);
  storeBindText(st, 10, s->district);
  return (storeStmtInsert(db, st, id, _("adding a suket")));
}


/* The next number of the suket sequence in a year (1 for the first). */
inv_status_t
storeSuketNextSeq(inv_db_t *db,		/* I - Ledger */
                  int      year,	/* I - Year */
                  int64_t  *seq)	/* O - Next number */
{
  return (storeNextSeq(db, storeStmtGet(db, &suket_set, STMT_SUKET_NEXT_SEQ), year, seq, _("numbering a suket")));
}


/* Change a suket's state (and its last valid day or reason when given). */
inv_status_t
storeSuketSetState(inv_db_t   *db,		/* I - Ledger */
                   int64_t    id,		/* I - Suket */
                   const char *state,		/* I - New state */
                   const char *valid_until,	/* I - New last valid day, or NULL */
                   const char *changed,		/* I - When (UTC) */
                   const char *reason)		/* I - Reason, or NULL */
{
  sqlite3_stmt *st = storeStmtGet(db, &suket_set, STMT_SUKET_SET_STATE);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  storeBindText(st, 2, state);
  bind_or_null(st, 3, valid_until);
  storeBindText(st, 4, changed);
  bind_or_null(st, 5, reason);
  return (storeStmtExec(db, st, _("changing a suket")));
}


/* Call cb for each row of a statement on suket. */
static inv_status_t
suket_rows(inv_db_t       *db,		/* I - Ledger */
           sqlite3_stmt   *st,		/* I - Bound statement */
           inv_suket_cb_t cb,		/* I - Callback */
           void           *ctx,		/* I - Its context */
           bool           *found)	/* O - Any row? (or NULL) */
{
  int rc;

  if (found)
    *found = false;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    inv_suket_t s =
    {
      sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), storeColText(st, 2), storeColText(st, 3),
      storeColText(st, 4), storeColText(st, 5), storeColText(st, 6), storeColText(st, 7), storeColText(st, 8),
      storeColText(st, 9)
    };

    if (found)
      *found = true;
    if (cb)
      cb(ctx, &s);
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading suket")));
}


/* Call cb with one suket by id. */
inv_status_t
storeSuketGet(inv_db_t       *db,	/* I - Ledger */
              int64_t        id,	/* I - Suket id */
              inv_suket_cb_t cb,	/* I - Callback */
              void           *ctx,	/* I - Its context */
              bool           *found)	/* O - Is there one? */
{
  sqlite3_stmt *st = storeStmtGet(db, &suket_set, STMT_SUKET_GET);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  return (suket_rows(db, st, cb, ctx, found));
}


/* Call cb with the live suket of a NIK, or of a request's NIK when nik is NULL. */
inv_status_t
storeSuketGetLive(inv_db_t       *db,	/* I - Ledger */
                  const char     *nik,	/* I - NIK, or NULL */
                  int64_t        request,/* I - Request whose NIK, when nik is NULL */
                  inv_suket_cb_t cb,	/* I - Callback */
                  void           *ctx,	/* I - Its context */
                  bool           *found)/* O - Is there one? */
{
  sqlite3_stmt *st = storeStmtGet(db, &suket_set, STMT_SUKET_GET_LIVE);

  if (!st)
    return (INV_ERROR);
  bind_or_null(st, 1, nik);
  sqlite3_bind_int64(st, 2, request);
  return (suket_rows(db, st, cb, ctx, found));
}


/* Call cb for every suket, or those in a stored state, or (before set) the
 * live ones whose last valid day is before that day; by id. */
inv_status_t
storeSuketList(inv_db_t       *db,	/* I - Ledger */
               const char     *state,	/* I - Stored state, or NULL */
               const char     *before,	/* I - YYYY-MM-DD, or NULL */
               inv_suket_cb_t cb,	/* I - Callback */
               void           *ctx)	/* I - Its context */
{
  sqlite3_stmt *st = storeStmtGet(db, &suket_set, STMT_SUKET_LIST);

  if (!st)
    return (INV_ERROR);
  bind_or_null(st, 1, state);
  bind_or_null(st, 2, before);
  return (suket_rows(db, st, cb, ctx, NULL));
}
