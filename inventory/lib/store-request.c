/*
 * The storage layer for card requests and their photos: the tables
 * request, photo, photo_stage and the connection's temp.request_batch,
 * their SQL and their own statements, prepared once per connection and
 * cached on the handle (store.c).  See store.h.
 */

#include "store-private.h"
#include "request-order.h"
#include "blanko/i18n.h"
#include "blanko/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The states of a request still waiting for its card (the backlog) */

/* A request's category: a row from before schema 13 has its reprint
 * reason's, or "new" */
#define REQUEST_CATEGORY \
  "(CASE WHEN category != '' THEN category WHEN reason IN ('lost', 'damaged', 'data-change') THEN reason ELSE 'new' END)"

#define REQUEST_COLUMNS \
  "r.id, r.nik, r.name, r.state, r.template, r.fields, r.created, r.updated, " \
  "coalesce(r.serial, ''), coalesce(r.issue_date, ''), r.reason, coalesce(r.supersedes, 0), " \
  "coalesce((SELECT max(s.id) FROM request s WHERE s.supersedes = r.id), 0), " \
  "coalesce((SELECT h.sha256 FROM photo h WHERE h.id = r.photo_id), ''), " \
  "coalesce((SELECT h.source FROM photo h WHERE h.id = r.photo_id), ''), " \
  "r.recorded, r.category, r.priority, r.priority_until"


typedef enum request_stmt_e		/* This file's statements */
{
  STMT_PHOTO_FIND,
  STMT_PHOTO_INSERT,
  STMT_PHOTO_STAGE,
  STMT_PHOTO_LINK,
  STMT_PHOTO_LINKED,
  STMT_PHOTO_UNSTAGE,
  STMT_PHOTO_SWEEP,
  STMT_PHOTO_SWEEP_STAGE,
  STMT_REQUEST_INSERT,
  STMT_REQUEST_LIVE,
  STMT_REQUEST_SET_STATE,
  STMT_REQUEST_GET,
  STMT_REQUEST_LIVE_GET,
  STMT_REQUEST_BY_SERIAL,
  STMT_REQUEST_LIST,
  STMT_REQUEST_IDS,
  STMT_REQUEST_SET_DIGEST,
  STMT_REQUEST_DIGESTS,
  STMT_REQUEST_ROWS,
  STMT_REQUEST_NEXT_ID,
  STMT_BATCH_MEMORY,
  STMT_BATCH_CREATE,
  STMT_BATCH_CLEAR,
  STMT_BATCH_ADD,
  STMT_BATCH_ROWS,
  STMT_BATCH_NUMBER,
  STMT_REQUEST_PRINTED_IN,
  STMT_BATCH_DROP,
  STMT_BATCH_CONFLICT,
  STMT_BATCH_LINK,
  STMT_BATCH_PHOTO_GONE,
  STMT_BATCH_KEYS_OFF,
  STMT_BATCH_KEYS_ON,
  STMT_REQUEST_NEXT_PENDING,
  STMT_REQUEST_NEXT_DELIVERY,
  STMT_REQUEST_BIND,
  STMT_REQUEST_COPY,
  STMT_REQUEST_COUNT,
  STMT_REQUEST_WAITING,
  STMT_REQUEST_CHOSEN,
  STMT_REQUEST_SET_PRIORITY,
  STMT_REQUEST_SPANS,
  STMT_REQUEST_ISSUE_DAYS,
  STMT_REQUEST_QUEUE,
  STMT_REQUEST_PRINTED_SINCE,
  REQUEST_STMT_COUNT
} request_stmt_t;

/* The order printctl run takes pending requests in (request-order.h: the
   same expressions as schema 17's indexes request_next and
   request_next_delivery): a priority is in force on ?1 (today) while
   priority_until is '' or not past; then the recorded day, or for
   delivery order kecamatan, kelurahan and RT/RW first. */
#define REQUEST_IN_FORCE "(priority_until = '' OR priority_until >= ?1)"
#define REQUEST_PLACE_AS REQUEST_DISTRICT " AS k1, " REQUEST_VILLAGE " AS k2, " REQUEST_RT_RW " AS k3"

static const char * const request_sql[REQUEST_STMT_COUNT] =
{
  /* STMT_PHOTO_FIND */
  [STMT_PHOTO_FIND] = "SELECT id, source FROM photo WHERE sha256 = ?1",
  /* STMT_PHOTO_INSERT */
  [STMT_PHOTO_INSERT] = "INSERT INTO photo(sha256, type, data, source) VALUES(?1, ?2, ?3, ?4)",
  /* STMT_PHOTO_STAGE: a photo stored ahead of its requests (schema 5) */
  [STMT_PHOTO_STAGE] = "INSERT INTO photo_stage(photo_id, since) VALUES(?1, ?2)",
  /* STMT_PHOTO_LINK: a request uses it now */
  [STMT_PHOTO_LINK] = "DELETE FROM photo_stage WHERE photo_id = ?1",
  /* STMT_PHOTO_LINKED: requests ?1..?2 use theirs now */
  [STMT_PHOTO_LINKED] = "DELETE FROM photo_stage WHERE photo_id IN "
  "(SELECT photo_id FROM request WHERE id BETWEEN ?1 AND ?2)",
  /* STMT_PHOTO_UNSTAGE: a staged photo no request uses (photo_stage cascades) */
  [STMT_PHOTO_UNSTAGE] = "DELETE FROM photo WHERE id = ?1 "
  "AND EXISTS (SELECT 1 FROM photo_stage WHERE photo_id = ?1) AND NOT EXISTS (SELECT 1 FROM request WHERE photo_id = ?1)",
  /* STMT_PHOTO_SWEEP: photos staged before ?1 that no request uses */
  [STMT_PHOTO_SWEEP] = "DELETE FROM photo WHERE id IN (SELECT photo_id FROM photo_stage WHERE since < ?1) "
  "AND NOT EXISTS (SELECT 1 FROM request r WHERE r.photo_id = photo.id)",
  /* STMT_PHOTO_SWEEP_STAGE: ... and the marks of those a request uses */
  [STMT_PHOTO_SWEEP_STAGE] = "DELETE FROM photo_stage WHERE since < ?1",
  /* STMT_REQUEST_INSERT */
  [STMT_REQUEST_INSERT] = "INSERT INTO request(nik, name, state, template, fields, photo_id, supersedes, reason, created, updated, "
  "recorded, category) VALUES(?1, ?2, 'pending', ?3, ?4, nullif(?5, 0), nullif(?6, 0), ?7, ?8, ?8, ?9, ?10)",
  /* STMT_REQUEST_LIVE */
  [STMT_REQUEST_LIVE] = "SELECT id, state FROM request WHERE nik = ?1 AND state NOT IN ('cancelled', 'superseded')",
  /* STMT_REQUEST_SET_STATE */
  [STMT_REQUEST_SET_STATE] = "UPDATE request SET state = ?2, updated = ?3 WHERE id = ?1",
  /* STMT_REQUEST_GET: with the photo */
  [STMT_REQUEST_GET] = "SELECT " REQUEST_COLUMNS ", coalesce(p.type, ''), p.data FROM request r "
  "LEFT JOIN photo p ON p.id = r.photo_id WHERE r.id = ?1",
  /* STMT_REQUEST_LIVE_GET: with the photo */
  [STMT_REQUEST_LIVE_GET] = "SELECT " REQUEST_COLUMNS ", coalesce(p.type, ''), p.data FROM request r "
  "LEFT JOIN photo p ON p.id = r.photo_id WHERE r.nik = ?1 AND r.state NOT IN ('cancelled', 'superseded')",
  /* STMT_REQUEST_BY_SERIAL: without the photo */
  [STMT_REQUEST_BY_SERIAL] = "SELECT " REQUEST_COLUMNS ", '', NULL FROM request r WHERE r.serial = ?1",
  /* STMT_REQUEST_LIST: without photos; ?1 state or '', ?2 NIK or '' */
  [STMT_REQUEST_LIST] = "SELECT " REQUEST_COLUMNS ", '', NULL FROM request r "
  "WHERE (?1 = '' OR r.state = ?1) AND (?2 = '' OR r.nik = ?2) ORDER BY r.id",
  /* STMT_REQUEST_IDS */
  [STMT_REQUEST_IDS] = "SELECT id FROM request ORDER BY id",
  /* STMT_REQUEST_SET_DIGEST */
  [STMT_REQUEST_SET_DIGEST] = "UPDATE request SET digest = ?2 WHERE id = ?1",
  /* STMT_REQUEST_DIGESTS: ?1 first, ?2 last */
  [STMT_REQUEST_DIGESTS] = "SELECT digest FROM request WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
  /* STMT_REQUEST_ROWS: every request with its photo, for verify */
  [STMT_REQUEST_ROWS] = "SELECT " REQUEST_COLUMNS ", coalesce(p.type, ''), p.data, r.digest, "
  "coalesce(r.photo_id, 0), p.id IS NOT NULL FROM request r LEFT JOIN photo p ON p.id = r.photo_id ORDER BY r.id",
  /* STMT_REQUEST_NEXT_ID: the id the next request gets */
  [STMT_REQUEST_NEXT_ID] = "SELECT coalesce(max(id), 0) + 1 FROM request",
  /* STMT_BATCH_MEMORY: a batch of requests (a large import's rows) is
   * personal data: held in memory, never in a temporary file */
  [STMT_BATCH_MEMORY] = "PRAGMA temp_store = MEMORY",
  /* STMT_BATCH_CREATE: the batch, this connection's only (a TEMP table:
   * filling it takes no lock on the ledger, and it dies with the connection) */
  [STMT_BATCH_CREATE] = "CREATE TEMP TABLE IF NOT EXISTS request_batch(seq INTEGER PRIMARY KEY,"
  " id INTEGER NOT NULL DEFAULT 0, nik TEXT NOT NULL, name TEXT NOT NULL, template TEXT NOT NULL, fields TEXT NOT NULL,"
  " photo_id INTEGER NOT NULL, photo_sha256 TEXT NOT NULL, photo_type TEXT NOT NULL, digest TEXT NOT NULL DEFAULT '',"
  " photo_source TEXT NOT NULL DEFAULT '', recorded TEXT NOT NULL DEFAULT '', category TEXT NOT NULL DEFAULT '')",
  /* STMT_BATCH_CLEAR */
  [STMT_BATCH_CLEAR] = "DELETE FROM temp.request_batch",
  /* STMT_BATCH_ADD */
  [STMT_BATCH_ADD] = "INSERT INTO temp.request_batch(seq, nik, name, template, fields, photo_id, photo_sha256, "
  "photo_type, photo_source, recorded, category) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
  /* STMT_BATCH_ROWS: in the order they become requests */
  [STMT_BATCH_ROWS] = "SELECT seq, nik, name, template, fields, photo_sha256, photo_type, photo_source, recorded, category "
  "FROM temp.request_batch ORDER BY seq",
  /* STMT_BATCH_NUMBER: a row's request id and digest */
  [STMT_BATCH_NUMBER] = "UPDATE temp.request_batch SET id = ?2, digest = ?3 WHERE seq = ?1",
  /* STMT_BATCH_DROP */
  [STMT_BATCH_DROP] = "DELETE FROM temp.request_batch WHERE seq = ?1",
  /* STMT_BATCH_CONFLICT: the first row whose NIK has a live request now */
  [STMT_BATCH_CONFLICT] = "SELECT b.seq, r.id, r.state FROM temp.request_batch b JOIN request r "
  "ON r.nik = b.nik AND r.state NOT IN ('cancelled', 'superseded') ORDER BY b.seq LIMIT 1",
  /* STMT_BATCH_LINK: the rows become pending requests, ?1 the time */
  [STMT_BATCH_LINK] = "INSERT INTO request(id, nik, name, state, template, fields, photo_id, supersedes, reason, "
  "created, updated, digest, recorded, category) SELECT id, nik, name, 'pending', template, fields, nullif(photo_id, 0), NULL, '', "
  "?1, ?1, digest, recorded, category "
  "FROM temp.request_batch ORDER BY seq",
  /* STMT_BATCH_PHOTO_GONE: the first batch row whose photo is not there
   * (removed meanwhile); a photo still marked staged is there (photo_stage
   * cascades), others are looked up through the photo index only ("+":
   * never the photo table's own pages, which hold the bytes) */
  [STMT_BATCH_PHOTO_GONE] = "SELECT b.seq FROM temp.request_batch b WHERE b.photo_id != 0 "
  "AND NOT EXISTS (SELECT 1 FROM photo_stage s WHERE s.photo_id = b.photo_id) AND NOT EXISTS "
  "(SELECT 1 FROM photo p WHERE p.sha256 = b.photo_sha256 AND +p.id = b.photo_id) ORDER BY b.seq LIMIT 1",
  /* STMT_BATCH_KEYS_OFF, STMT_BATCH_KEYS_ON: outside a transaction */
  [STMT_BATCH_KEYS_OFF] = "PRAGMA foreign_keys = OFF",
  [STMT_BATCH_KEYS_ON] = "PRAGMA foreign_keys = ON",
  /* STMT_REQUEST_NEXT_PENDING: by the index request_next (schema 17): the
     priorities in force first, else the first of the priority-0 rows and
     of those whose priority has expired (both count as 0) */
  [STMT_REQUEST_NEXT_PENDING] = "SELECT id FROM (SELECT id FROM request INDEXED BY request_next WHERE state = 'pending' "
  "AND priority > 0 AND " REQUEST_IN_FORCE " ORDER BY priority DESC, " REQUEST_DAY ", id LIMIT 1) "
  "UNION ALL SELECT id FROM (SELECT id, d FROM (SELECT id, " REQUEST_DAY " AS d FROM request "
  "WHERE state = 'pending' AND priority = 0 ORDER BY priority DESC, " REQUEST_DAY ", id LIMIT 1) "
  "UNION ALL SELECT id, " REQUEST_DAY " FROM request INDEXED BY request_next WHERE state = 'pending' "
  "AND priority > 0 AND NOT "
  REQUEST_IN_FORCE " ORDER BY 2, 1 LIMIT 1) LIMIT 1",
  /* STMT_REQUEST_NEXT_DELIVERY: within a priority, by kecamatan, kelurahan
     and RT/RW (request fields district, village, rt_rw), then recorded; as
     STMT_REQUEST_NEXT_PENDING, by the index request_next_delivery */
  [STMT_REQUEST_NEXT_DELIVERY] = "SELECT id FROM (SELECT id FROM request INDEXED BY request_next_delivery WHERE state = 'pending' "
  "AND priority > 0 AND " REQUEST_IN_FORCE " ORDER BY priority DESC, " REQUEST_PLACE ", " REQUEST_DAY ", id LIMIT 1) "
  "UNION ALL SELECT id FROM (SELECT id, k1, k2, k3, d FROM (SELECT id, " REQUEST_PLACE_AS ", " REQUEST_DAY " AS d "
  "FROM request WHERE state = 'pending' AND priority = 0 ORDER BY priority DESC, " REQUEST_PLACE ", " REQUEST_DAY
  ", id LIMIT 1) UNION ALL SELECT id, " REQUEST_PLACE ", " REQUEST_DAY " FROM request INDEXED BY request_next_delivery "
  "WHERE state = 'pending' AND priority > 0 AND NOT " REQUEST_IN_FORCE " ORDER BY 2, 3, 4, 5, 1 LIMIT 1) LIMIT 1",
  /* STMT_REQUEST_BIND */
  [STMT_REQUEST_BIND] = "UPDATE request SET state = ?2, serial = nullif(?3, ''), issue_date = nullif(?4, ''), updated = ?5 "
  "WHERE id = ?1",
  /* STMT_REQUEST_COPY: a reprint of ?1, pending */
  [STMT_REQUEST_COPY] = "INSERT INTO request(nik, name, state, template, fields, photo_id, supersedes, reason, created, updated, "
  "recorded, category) SELECT nik, name, 'pending', template, fields, photo_id, id, ?2, ?3, ?3, ?4, ?5 FROM request WHERE id = ?1",
  /* STMT_REQUEST_COUNT */
  [STMT_REQUEST_COUNT] = "SELECT count(*) FROM request WHERE state = ?1",
  /* STMT_REQUEST_QUEUE: the first ?2 pending requests in the order
     printctl run takes them (STMT_REQUEST_NEXT_PENDING's), ?1 today; no NIK */
  [STMT_REQUEST_QUEUE] = "SELECT id, recorded, created, "
  "CASE WHEN priority_until = '' OR priority_until >= ?1 THEN priority ELSE 0 END AS p "
  "FROM request WHERE state = 'pending' "
  "ORDER BY p DESC, CASE WHEN recorded = '' THEN substr(created, 1, 10) ELSE recorded END, id LIMIT ?2",
  /* STMT_REQUEST_PRINTED_SINCE: printed requests updated (bound) since ?1 */
  [STMT_REQUEST_PRINTED_SINCE] = "SELECT count(*) FROM request WHERE state = 'printed' AND updated >= ?1",
  /* STMT_REQUEST_WAITING: the backlog (not yet printed), ?1 today */
  [STMT_REQUEST_WAITING] = "SELECT id, nik, recorded, created, " REQUEST_CATEGORY ", "
  "coalesce(json_extract(fields, '$.district'), ''), "
  "CASE WHEN priority_until = '' OR priority_until >= ?1 THEN priority ELSE 0 END "
  "FROM request WHERE state IN " REQUEST_WAITING " ORDER BY id",
  /* STMT_REQUEST_CHOSEN: waiting requests by NIK, category, kecamatan ('' any) */
  [STMT_REQUEST_CHOSEN] = "SELECT id FROM request WHERE state IN " REQUEST_WAITING " "
  "AND (?1 = '' OR nik = ?1) AND (?2 = '' OR " REQUEST_CATEGORY " = ?2) "
  "AND (?3 = '' OR upper(trim(coalesce(json_extract(fields, '$.district'), ''))) = upper(trim(?3))) ORDER BY id",
  /* STMT_REQUEST_SET_PRIORITY */
  [STMT_REQUEST_SET_PRIORITY] = "UPDATE request SET priority = ?2, priority_until = ?3 WHERE id = ?1",
  /* STMT_REQUEST_SPANS: every request's recorded day and how it stopped waiting */
  [STMT_REQUEST_SPANS] = "SELECT recorded, created, coalesce(issue_date, ''), state, updated FROM request",
  /* STMT_REQUEST_PRINTED_IN: serials of printed cards whose resident lives in
   * kecamatan ?1 and kelurahan ?2 ('' for any), as the request's fields say */
  [STMT_REQUEST_PRINTED_IN] = "SELECT serial FROM request WHERE state = 'printed' AND serial IS NOT NULL"
  " AND (?1 = '' OR json_extract(fields, '$.district') = ?1 COLLATE NOCASE)"
  " AND (?2 = '' OR json_extract(fields, '$.village') = ?2 COLLATE NOCASE) ORDER BY serial",
  /* STMT_REQUEST_ISSUE_DAYS: cards printed on serials ?1 to ?2 (one
     series: same prefix and width ?3, so text order is number order), by
     issue date */
  [STMT_REQUEST_ISSUE_DAYS] = "SELECT issue_date, count(*) FROM request WHERE serial IS NOT NULL "
  "AND serial BETWEEN ?1 AND ?2 AND length(serial) = ?3 AND coalesce(issue_date, '') <> '' GROUP BY issue_date",
};

static const store_sqlset_t request_set =	/* Registered in the cache */
{
  STORE_SLOT_REQUEST, REQUEST_STMT_COUNT, request_sql
};


/* Read a request row (REQUEST_COLUMNS, then photo type and data). */
static void
request_columns(sqlite3_stmt  *st,	/* I - Statement on a row */
                inv_request_t *r)	/* O - Request (points into the row) */
{
  memset(r, 0, sizeof(*r));
  r->id = sqlite3_column_int64(st, 0);
  r->nik = storeColText(st, 1);
  r->name = storeColText(st, 2);
  r->state = storeColText(st, 3);
  r->template_name = storeColText(st, 4);
  r->fields = storeColText(st, 5);
  r->created = storeColText(st, 6);
  r->updated = storeColText(st, 7);
  r->serial = storeColText(st, 8);
  r->issue_date = storeColText(st, 9);
  r->reason = storeColText(st, 10);
  r->supersedes = sqlite3_column_int64(st, 11);
  r->superseded_by = sqlite3_column_int64(st, 12);
  r->photo_sha256 = storeColText(st, 13);
  r->photo_source = storeColText(st, 14);
  r->recorded = storeColText(st, 15);
  r->category = storeColText(st, 16);
  r->priority = sqlite3_column_int64(st, 17);
  r->priority_until = storeColText(st, 18);
  r->photo_type = storeColText(st, 19);
  r->photo = sqlite3_column_blob(st, 20);
  r->photo_len = (size_t)sqlite3_column_bytes(st, 20);
}


/* Step a request query, calling cb for each row. */
static inv_status_t
request_rows(inv_db_t         *db,	/* I - Ledger */
             sqlite3_stmt     *st,	/* I - Bound statement */
             inv_request_cb_t cb,	/* I - Callback */
             void             *ctx,	/* I - Its context */
             bool             *found)	/* O - Any row? or NULL */
{
  int rc;

  if (found)
    *found = false;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    inv_request_t r;

    request_columns(st, &r);
    if (found)
      *found = true;
    cb(ctx, &r);
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading card requests")));
}


/* Store a photo once per content; *id gets the row that holds it, *added
 * whether this call stored it.  A photo stored with staged (a time) is
 * marked as waiting for its requests (storePhotoLink).  source is the
 * digest of the file it was made from ("" for that file's own bytes); the
 * row's own (which differs only if another file made the same bytes
 * before) goes to row_source when given. */
inv_status_t
storePhotoPut(inv_db_t            *db,	/* I - Ledger */
              const char          *sha256,	/* I - Hex SHA-256 of data */
              const char          *type,	/* I - MIME type */
              const unsigned char *data,	/* I - Bytes */
              size_t              len,	/* I - Length */
              const char          *source,	/* I - Digest of its source file, or "" */
              const char          *staged,	/* I - Time it is staged, or NULL */
              int64_t             *id,	/* O - Photo id */
              bool                *added,	/* O - Stored now? or NULL */
              char                row_source[65])	/* O - The row's source, or NULL */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_PHOTO_FIND);
  bool		found;
  inv_status_t	status;

  if (added)
    *added = false;
  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, sha256);
  if ((status = storeStmtRow(db, st, &found, _("finding a photo"))) != INV_OK)
    return (status);
  if (found)
  {
    *id = sqlite3_column_int64(st, 0);
    if (row_source)
      snprintf(row_source, 65, "%s", storeColText(st, 1));
  }
  storeStmtDone(st);
  if (found)
    return (INV_OK);

  if (!(st = storeStmtGet(db, &request_set, STMT_PHOTO_INSERT)))
    return (INV_ERROR);
  storeBindText(st, 1, sha256);
  storeBindText(st, 2, type);
  sqlite3_bind_blob64(st, 3, data, len, SQLITE_STATIC);
  storeBindText(st, 4, source);
  if ((status = storeStmtExec(db, st, _("storing a photo"))) != INV_OK)
    return (status);
  *id = sqlite3_last_insert_rowid(db->sql);
  if (added)
    *added = true;
  if (row_source && row_source != source)
    snprintf(row_source, 65, "%s", source);
  if (!staged)
    return (INV_OK);
  if (!(st = storeStmtGet(db, &request_set, STMT_PHOTO_STAGE)))
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, *id);
  storeBindText(st, 2, staged);
  return (storeStmtExec(db, st, _("storing a photo")));
}


/* A request uses a photo: it is staged no more. */
inv_status_t
storePhotoLink(inv_db_t *db,		/* I - Ledger */
               int64_t  id)		/* I - Photo */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_PHOTO_LINK);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  return (storeStmtExec(db, st, _("linking a photo")));
}


/* Requests first..last use their photos: drop the photos' staged marks. */
inv_status_t
storePhotoLinked(inv_db_t *db,		/* I - Ledger */
                 int64_t  first,	/* I - First request */
                 int64_t  last)		/* I - Last request */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_PHOTO_LINKED);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, first);
  sqlite3_bind_int64(st, 2, last);
  return (storeStmtExec(db, st, _("linking a photo")));
}


/* Delete a staged photo that no request uses; drop the mark of one in use. */
inv_status_t
storePhotoUnstage(inv_db_t *db,		/* I - Ledger */
                  int64_t  id)		/* I - Photo */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_PHOTO_UNSTAGE);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  if ((status = storeStmtExec(db, st, _("removing a photo"))) != INV_OK)
    return (status);
  return (storePhotoLink(db, id));
}


/* Delete the photos staged before a time that no request uses, and drop
 * the marks of those in use. */
inv_status_t
storePhotoSweep(inv_db_t   *db,		/* I - Ledger */
                const char *before)	/* I - UTC time, ISO 8601 */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_PHOTO_SWEEP);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, before);
  if ((status = storeStmtExec(db, st, _("removing a photo"))) != INV_OK)
    return (status);
  if (!(st = storeStmtGet(db, &request_set, STMT_PHOTO_SWEEP_STAGE)))
    return (INV_ERROR);
  storeBindText(st, 1, before);
  return (storeStmtExec(db, st, _("removing a photo")));
}


/* Add a pending request row; r->supersedes and r->reason may be 0 and "". */
inv_status_t
storeRequestInsert(inv_db_t            *db,		/* I - Ledger */
                   const inv_request_t *r,		/* I - Request (id, state ignored) */
                   int64_t             photo_id,	/* I - Photo, 0 for none */
                   int64_t             *id)		/* O - New id */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_REQUEST_INSERT);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, r->nik);
  storeBindText(st, 2, r->name);
  storeBindText(st, 3, r->template_name);
  storeBindText(st, 4, r->fields);
  sqlite3_bind_int64(st, 5, photo_id);
  sqlite3_bind_int64(st, 6, r->supersedes);
  storeBindText(st, 7, r->reason);
  storeBindText(st, 8, r->created);
  storeBindText(st, 9, r->recorded ? r->recorded : "");
  storeBindText(st, 10, r->category ? r->category : "");
  if ((status = storeStmtExec(db, st, _("adding a card request"))) == INV_OK)
    *id = sqlite3_last_insert_rowid(db->sql);
  return (status);
}


/* Find the live request of a NIK (any state but cancelled, superseded). */
inv_status_t
storeRequestFindLive(inv_db_t   *db,	/* I - Ledger */
                     const char *nik,	/* I - NIK */
                     int64_t    *id,	/* O - Its id */
                     char       *state,	/* O - Its state */
                     size_t     statesize,	/* I - Size of state */
                     bool       *found)	/* O - Is there one? */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_REQUEST_LIVE);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, nik);
  if ((status = storeStmtRow(db, st, found, _("finding a card request"))) != INV_OK)
    return (status);
  if (*found)
  {
    *id = sqlite3_column_int64(st, 0);
    snprintf(state, statesize, "%s", storeColText(st, 1));
  }
  storeStmtDone(st);
  return (INV_OK);
}


/* Change a request's state. */
inv_status_t
storeRequestSetState(inv_db_t   *db,	/* I - Ledger */
                     int64_t    id,	/* I - Request */
                     const char *state,	/* I - New state */
                     const char *updated)	/* I - Time of the change */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_REQUEST_SET_STATE);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  storeBindText(st, 2, state);
  storeBindText(st, 3, updated);
  return (storeStmtExec(db, st, _("changing a card request")));
}


/* Call cb with one request and its photo. */
inv_status_t
storeRequestGet(inv_db_t         *db,	/* I - Ledger */
                int64_t          id,	/* I - Request */
                inv_request_cb_t cb,	/* I - Callback */
                void             *ctx,	/* I - Its context */
                bool             *found)	/* O - Was there one? */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_REQUEST_GET);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  return (request_rows(db, st, cb, ctx, found));
}


/* Call cb with the live request of a NIK and its photo. */
inv_status_t
storeRequestGetLive(inv_db_t         *db,	/* I - Ledger */
                    const char       *nik,	/* I - NIK */
                    inv_request_cb_t cb,	/* I - Callback */
                    void             *ctx,	/* I - Its context */
                    bool             *found)	/* O - Was there one? */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_REQUEST_LIVE_GET);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, nik);
  return (request_rows(db, st, cb, ctx, found));
}


/* Call cb with the request printed on a serial (without its photo). */
inv_status_t
storeRequestBySerial(inv_db_t         *db,	/* I - Ledger */
                     const char       *serial,	/* I - Blank's serial */
                     inv_request_cb_t cb,	/* I - Callback */
                     void             *ctx,	/* I - Its context */
                     bool             *found)	/* O - Was there one? */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_REQUEST_BY_SERIAL);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, serial);
  return (request_rows(db, st, cb, ctx, found));
}


/* Call cb for requests (without photos) by id, optionally of one state
 * and one NIK. */
inv_status_t
storeRequestList(inv_db_t         *db,	/* I - Ledger */
                 const char       *state,	/* I - State or NULL for all */
                 const char       *nik,	/* I - NIK or NULL for all */
                 inv_request_cb_t cb,	/* I - Callback */
                 void             *ctx)	/* I - Its context */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_REQUEST_LIST);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, state);
  storeBindText(st, 2, nik);
  return (request_rows(db, st, cb, ctx, NULL));
}


/* Call cb with every request id in order, until it returns non-zero
 * (verify checks each was added by an import event). */
inv_status_t
storeRequestIds(inv_db_t *db,				/* I - Ledger */
                int      (*cb)(void *ctx, int64_t id),	/* I - Callback */
                void     *ctx)				/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_REQUEST_IDS);
  int		rc;

  if (!st)
    return (INV_ERROR);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    if (cb(ctx, sqlite3_column_int64(st, 0)))
    {
      rc = SQLITE_DONE;
      break;
    }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading card requests")));
}


/* Store the digest of a request's canonical content (requestDigest). */
inv_status_t
storeRequestSetDigest(inv_db_t   *db,	/* I - Ledger */
                      int64_t    id,	/* I - Request */
                      const char *digest)	/* I - Hex SHA-256 */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_REQUEST_SET_DIGEST);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  storeBindText(st, 2, digest);
  return (storeStmtExec(db, st, _("changing a card request")));
}


/* Call cb with the stored digest of each request first..last, by id (the
 * rows an event seals). */
inv_status_t
storeRequestDigests(inv_db_t *db,	/* I - Ledger */
                    int64_t  first,	/* I - First request */
                    int64_t  last,	/* I - Last request */
                    void     (*cb)(void *ctx, const char *digest),	/* I - Callback */
                    void     *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_REQUEST_DIGESTS);
  int		rc;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, first);
  sqlite3_bind_int64(st, 2, last);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    cb(ctx, storeColText(st, 0));
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading card requests")));
}


/* Call cb with every request, by id, with its photo's bytes, its stored
 * digest and whether its photo row is there, until cb returns non-zero
 * (verify recomputes the digests; one pass, so its cost is linear). */
inv_status_t
storeRequestRows(inv_db_t *db,		/* I - Ledger */
                 int      (*cb)(void *ctx, const store_request_row_t *row),	/* I - Callback */
                 void     *ctx)		/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_REQUEST_ROWS);
  int		rc;

  if (!st)
    return (INV_ERROR);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    store_request_row_t row;

    request_columns(st, &row.r);
    row.digest = storeColText(st, 21);
    row.photo_id = sqlite3_column_int64(st, 22);
    row.photo_found = sqlite3_column_int(st, 23) != 0;
    if (cb(ctx, &row))
    {
      rc = SQLITE_DONE;
      break;
    }
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading card requests")));
}


/* The id the next request added gets (one more than the largest). */
inv_status_t
storeRequestNextId(inv_db_t *db,	/* I - Ledger */
                   int64_t  *id)	/* O - Next id */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_REQUEST_NEXT_ID);
  bool		found;
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  if ((status = storeStmtRow(db, st, &found, _("reading card requests"))) != INV_OK)
    return (status);
  *id = found ? sqlite3_column_int64(st, 0) : 1;
  storeStmtDone(st);
  return (INV_OK);
}


/* Make this connection's batch of requests (in memory), empty. */
inv_status_t
storeBatchBegin(inv_db_t *db)		/* I - Ledger */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_BATCH_MEMORY);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  if ((status = storeStmtExec(db, st, _("preparing card requests"))) != INV_OK)
    return (status);
  if (!(st = storeStmtGet(db, &request_set, STMT_BATCH_CREATE)))
    return (INV_ERROR);
  if ((status = storeStmtExec(db, st, _("preparing card requests"))) != INV_OK)
    return (status);
  return (storeBatchClear(db));
}


/* Empty the batch. */
inv_status_t
storeBatchClear(inv_db_t *db)		/* I - Ledger */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_BATCH_CLEAR);

  if (!st)
    return (INV_ERROR);
  return (storeStmtExec(db, st, _("preparing card requests")));
}


/* Add a row to the batch: r's nik, name, template_name, fields,
 * photo_sha256, photo_type and photo_source (NULL for ""). */
inv_status_t
storeBatchAdd(inv_db_t            *db,	/* I - Ledger */
              int64_t             seq,	/* I - Its place (rows become requests by seq) */
              const inv_request_t *r,	/* I - Request */
              int64_t             photo_id)	/* I - Photo, 0 for none */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_BATCH_ADD);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, seq);
  storeBindText(st, 2, r->nik);
  storeBindText(st, 3, r->name);
  storeBindText(st, 4, r->template_name);
  storeBindText(st, 5, r->fields);
  sqlite3_bind_int64(st, 6, photo_id);
  storeBindText(st, 7, r->photo_sha256);
  storeBindText(st, 8, r->photo_type);
  storeBindText(st, 9, r->photo_source ? r->photo_source : "");
  storeBindText(st, 10, r->recorded ? r->recorded : "");
  storeBindText(st, 11, r->category ? r->category : "");
  return (storeStmtExec(db, st, _("preparing card requests")));
}


/* Call cb with each row of the batch by seq (nik, name, template_name,
 * fields, photo_sha256, photo_type, photo_source set). */
inv_status_t
storeBatchRows(inv_db_t *db,		/* I - Ledger */
               void     (*cb)(void *ctx, int64_t seq, const inv_request_t *r),	/* I - Callback */
               void     *ctx)		/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_BATCH_ROWS);
  int		rc;

  if (!st)
    return (INV_ERROR);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    inv_request_t r;

    memset(&r, 0, sizeof(r));
    r.nik = storeColText(st, 1);
    r.name = storeColText(st, 2);
    r.template_name = storeColText(st, 3);
    r.fields = storeColText(st, 4);
    r.photo_sha256 = storeColText(st, 5);
    r.photo_type = storeColText(st, 6);
    r.photo_source = storeColText(st, 7);
    r.recorded = storeColText(st, 8);
    r.category = storeColText(st, 9);
    r.reason = "";
    cb(ctx, sqlite3_column_int64(st, 0), &r);
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("preparing card requests")));
}


/* Give a batch row the request id it will have and its digest. */
inv_status_t
storeBatchNumber(inv_db_t   *db,	/* I - Ledger */
                 int64_t    seq,	/* I - Row */
                 int64_t    id,		/* I - Its request id */
                 const char *digest)	/* I - Its digest */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_BATCH_NUMBER);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, seq);
  sqlite3_bind_int64(st, 2, id);
  storeBindText(st, 3, digest);
  return (storeStmtExec(db, st, _("preparing card requests")));
}


/* Leave a row out of the batch. */
inv_status_t
storeBatchDrop(inv_db_t *db,		/* I - Ledger */
               int64_t  seq)		/* I - Row */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_BATCH_DROP);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, seq);
  return (storeStmtExec(db, st, _("preparing card requests")));
}


/* The first batch row (by seq) whose NIK has a live request, in one query. */
inv_status_t
storeBatchConflict(inv_db_t *db,	/* I - Ledger */
                   int64_t  *seq,	/* O - The row */
                   int64_t  *live,	/* O - The live request */
                   char     *state,	/* O - Its state */
                   size_t   statesize,	/* I - Size of state */
                   bool     *found)	/* O - Is there one? */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_BATCH_CONFLICT);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  if ((status = storeStmtRow(db, st, found, _("finding a card request"))) != INV_OK)
    return (status);
  if (*found)
  {
    *seq = sqlite3_column_int64(st, 0);
    *live = sqlite3_column_int64(st, 1);
    snprintf(state, statesize, "%s", storeColText(st, 2));
  }
  storeStmtDone(st);
  return (INV_OK);
}


/* Add every batch row as a pending request under the id it was given, with
 * its digest: one statement. */
inv_status_t
storeBatchLink(inv_db_t   *db,		/* I - Ledger */
               const char *created,	/* I - Time */
               int64_t    *added)	/* O - Requests added */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_BATCH_LINK);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, created);
  if ((status = storeStmtExec(db, st, _("adding a card request"))) == INV_OK)
    *added = sqlite3_changes64(db->sql);
  return (status);
}


/* The first batch row (by seq) whose photo row is gone, by the photo
 * index alone. */
inv_status_t
storeBatchPhotoGone(inv_db_t *db,	/* I - Ledger */
                    int64_t  *seq,	/* O - The row */
                    bool     *found)	/* O - Is there one? */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_BATCH_PHOTO_GONE);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  if ((status = storeStmtRow(db, st, found, _("finding a photo"))) != INV_OK)
    return (status);
  if (*found)
    *seq = sqlite3_column_int64(st, 0);
  storeStmtDone(st);
  return (INV_OK);
}


/* Turn this connection's foreign key checks on or off (outside a
 * transaction; see invRequestBatchKeys). */
inv_status_t
storeBatchKeys(inv_db_t *db,		/* I - Ledger */
               bool     on)		/* I - On? */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, on ? STMT_BATCH_KEYS_ON : STMT_BATCH_KEYS_OFF);

  if (!st)
    return (INV_ERROR);
  return (storeStmtExec(db, st, _("preparing card requests")));
}


/* The pending request to print next, if any: the highest priority in
 * force on today, then (in delivery order) kecamatan, kelurahan and RT/RW,
 * then the oldest recorded day, then the lowest id. */
inv_status_t
storeRequestNextPending(inv_db_t   *db,	/* I - Ledger */
                        const char *today,	/* I - Office's day, YYYY-MM-DD */
                        bool       delivery,	/* I - In delivery order (kecamatan, kelurahan, RT/RW) within a priority? */
                        int64_t    *id,		/* O - Request */
                        bool       *found)	/* O - Is there one? */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, delivery ? STMT_REQUEST_NEXT_DELIVERY : STMT_REQUEST_NEXT_PENDING);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, today);
  if ((status = storeStmtRow(db, st, found, _("reading card requests"))) != INV_OK)
    return (status);
  if (*found)
    *id = sqlite3_column_int64(st, 0);
  storeStmtDone(st);
  return (INV_OK);
}


/* Set a request's state with its serial and issue date ("" for none). */
inv_status_t
storeRequestBind(inv_db_t   *db,		/* I - Ledger */
                 int64_t    id,			/* I - Request */
                 const char *state,		/* I - New state */
                 const char *serial,		/* I - Serial or "" */
                 const char *issue_date,	/* I - YYYY-MM-DD or "" */
                 const char *updated)		/* I - Time */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_REQUEST_BIND);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  storeBindText(st, 2, state);
  storeBindText(st, 3, serial);
  storeBindText(st, 4, issue_date);
  storeBindText(st, 5, updated);
  return (storeStmtExec(db, st, _("changing a card request")));
}


/* Add a pending copy of a request that supersedes it (a reprint). */
inv_status_t
storeRequestCopy(inv_db_t   *db,	/* I - Ledger */
                 int64_t    id,		/* I - Request copied */
                 const char *reason,	/* I - Why */
                 const char *created,	/* I - Time */
                 const char *recorded,	/* I - Day recorded (office's) */
                 const char *category,	/* I - Its category */
                 int64_t    *new_id)	/* O - New request */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_REQUEST_COPY);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  storeBindText(st, 2, reason);
  storeBindText(st, 3, created);
  storeBindText(st, 4, recorded);
  storeBindText(st, 5, category);
  if ((status = storeStmtExec(db, st, _("adding a card request"))) == INV_OK)
    *new_id = sqlite3_last_insert_rowid(db->sql);
  return (status);
}


/* How many requests are in a state. */
inv_status_t
storeRequestCount(inv_db_t   *db,	/* I - Ledger */
                  const char *state,	/* I - State */
                  int64_t    *count)	/* O - Count */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_REQUEST_COUNT);

  if (st)
    storeBindText(st, 1, state);
  return (storeStmtInt64(db, st, count, _("counting card requests")));
}


/* Call cb with the first max pending requests in the order the
 * controller takes them (priority in force today, day recorded, id); the
 * NIK, category and kecamatan are not read ("" in the callback). */
inv_status_t
storeRequestQueue(inv_db_t         *db,	/* I - Ledger */
                  const char       *today,	/* I - Office's day, YYYY-MM-DD */
                  int              max,	/* I - Requests at most */
                  inv_waiting_cb_t cb,	/* I - Callback */
                  void             *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_REQUEST_QUEUE);
  int		rc;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, today);
  sqlite3_bind_int(st, 2, max);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    inv_waiting_t	w;
    char		day[11];

    w.id = sqlite3_column_int64(st, 0);
    w.nik = "";
    w.recorded = storeColText(st, 1);
    if (!*w.recorded)
      w.recorded = invDateLocalDate(storeColText(st, 2), day, sizeof(day));
    w.category = "";
    w.district = "";
    w.priority = sqlite3_column_int64(st, 3);
    cb(ctx, &w);
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading card requests")));
}


/* Count the requests printed since a time (their binding's time). */
inv_status_t
storeRequestPrintedSince(inv_db_t   *db,	/* I - Ledger */
                         const char *since,	/* I - UTC time, ISO 8601 */
                         int64_t    *count)	/* O - Count */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_REQUEST_PRINTED_SINCE);

  if (st)
    storeBindText(st, 1, since);
  return (storeStmtInt64(db, st, count, _("counting card requests")));
}


/* Call cb with each waiting request (pending, submitted, failed), by id:
 * its recorded day (the office's day of created for a row from before
 * schema 13), category, kecamatan and the priority in force on today. */
inv_status_t
storeRequestWaiting(inv_db_t         *db,	/* I - Ledger */
                    const char       *today,	/* I - Office's day, YYYY-MM-DD */
                    inv_waiting_cb_t cb,	/* I - Callback */
                    void             *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_REQUEST_WAITING);
  int		rc;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, today);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    inv_waiting_t	w;
    char		day[11];

    w.id = sqlite3_column_int64(st, 0);
    w.nik = storeColText(st, 1);
    w.recorded = storeColText(st, 2);
    if (!*w.recorded)
      w.recorded = invDateLocalDate(storeColText(st, 3), day, sizeof(day));
    w.category = storeColText(st, 4);
    w.district = storeColText(st, 5);
    w.priority = sqlite3_column_int64(st, 6);
    cb(ctx, &w);
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading card requests")));
}


/* Call cb with the id of each waiting request p chooses (its NIK,
 * category and kecamatan, each when given; the kecamatan in any case). */
inv_status_t
storeRequestChosen(inv_db_t             *db,	/* I - Ledger */
                   const inv_priority_t *p,	/* I - Which */
                   void                 (*cb)(void *ctx, int64_t id),	/* I - Callback */
                   void                 *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_REQUEST_CHOSEN);
  int		rc;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, p->nik ? p->nik : "");
  storeBindText(st, 2, p->category ? p->category : "");
  storeBindText(st, 3, p->district ? p->district : "");
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    cb(ctx, sqlite3_column_int64(st, 0));
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading card requests")));
}


/* Set a request's priority and its last day ("" for no end). */
inv_status_t
storeRequestSetPriority(inv_db_t   *db,	/* I - Ledger */
                        int64_t    id,		/* I - Request */
                        int64_t    priority,	/* I - Priority, 0 none */
                        const char *until)	/* I - YYYY-MM-DD or "" */
{
  sqlite3_stmt *st = storeStmtGet(db, &request_set, STMT_REQUEST_SET_PRIORITY);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  sqlite3_bind_int64(st, 2, priority);
  storeBindText(st, 3, until);
  return (storeStmtExec(db, st, _("changing a card request")));
}


/* Call cb with every request's span: its recorded day, and the day it
 * stopped waiting (its card's issue date; the office's day of its last
 * change when cancelled or superseded unprinted), "" while it waits. */
inv_status_t
storeRequestSpans(inv_db_t              *db,	/* I - Ledger */
                  inv_request_span_cb_t cb,	/* I - Callback */
                  void                  *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_REQUEST_SPANS);
  int		rc;

  if (!st)
    return (INV_ERROR);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    inv_request_span_t	s;
    char		rday[11], eday[11];
    const char		*state = storeColText(st, 3), *issued = storeColText(st, 2);

    s.recorded = storeColText(st, 0);
    if (!*s.recorded)
      s.recorded = invDateLocalDate(storeColText(st, 1), rday, sizeof(rday));
    s.printed = *issued != '\0';
    if (s.printed)
      s.ended = issued;
    else if (!strcmp(state, "cancelled") || !strcmp(state, "superseded"))
      s.ended = invDateLocalDate(storeColText(st, 4), eday, sizeof(eday));
    else
      s.ended = "";
    cb(ctx, &s);
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading card requests")));
}


/* Call cb with the serial of every printed card whose resident lives in a
 * kecamatan and kelurahan (their request's district and village fields,
 * compared without case; "" for any). */
inv_status_t
storeRequestPrintedIn(inv_db_t   *db,		/* I - Ledger */
                      const char *district,	/* I - Kecamatan or "" */
                      const char *village,	/* I - Kelurahan or "" */
                      int        (*cb)(void *ctx, const char *serial),
						/* I - Callback, non-zero to stop */
                      void       *ctx)		/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_REQUEST_PRINTED_IN);
  int		rc;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, district);
  storeBindText(st, 2, village);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    if (cb(ctx, storeColText(st, 0)))
    {
      rc = SQLITE_DONE;
      break;
    }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading card requests")));
}


/* Call cb with each issue date of the cards printed on serials first to
 * last (one series, same width) and how many were printed that day. */
inv_status_t
storeRequestIssueDays(inv_db_t   *db,		/* I - Ledger */
                      const char *first,	/* I - First serial */
                      const char *last,		/* I - Last serial */
                      void       (*cb)(void *ctx, const char *day, int64_t count),	/* I - Callback */
                      void       *ctx)		/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &request_set, STMT_REQUEST_ISSUE_DAYS);
  int		rc;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, first);
  storeBindText(st, 2, last);
  sqlite3_bind_int64(st, 3, (sqlite3_int64)strlen(first));
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    cb(ctx, storeColText(st, 0), sqlite3_column_int64(st, 1));
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading card requests")));
}
