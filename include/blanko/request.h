/*
 * Card requests: one resident's personalisation data waiting to be printed,
 * kept in the ledger (schema 2) with its photo.  See doc/design.md
 * section 3 for the life of a request:
 *
 *   pending -> submitted -> printed | failed (-> pending); suspect;
 *   cancelled; superseded (a reprint replaced it)
 *
 * One NIK, one card: a NIK has at most one live request (any state but
 * cancelled and superseded).  A reprint (--replace lost|damaged|data-change)
 * supersedes the live one and records which it replaced and why.
 *
 * Conventions as in blanko/inventory.h: every call returns inv_status_t
 * with the message on the db handle; writes expect the caller's
 * transaction.  Messages never carry names or NIKs, only ids and fields.
 */

#ifndef BLANKO_REQUEST_H
#define BLANKO_REQUEST_H

#include "blanko/inventory.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INV_NIK_LEN	16		/* Digits in a NIK */
#define INV_PHOTO_STAGE_MAX 3600	/* Seconds a staged photo no request
					 * uses may stay (a killed import) */

typedef struct inv_request_s		/* One request, as read */
{
  int64_t		id;		/* Request id, from 1 */
  const char		*nik,		/* 16 digits */
			*name,		/* Resident's name */
			*state,		/* "pending", "printed", ... */
			*template_name,	/* Card template, e.g. "ktp-el" */
			*fields,	/* JSON object: field name -> value */
			*created,	/* UTC, ISO 8601 */
			*updated,	/* Last change of state, UTC */
			*serial,	/* Blank printed on, or "" */
			*issue_date,	/* YYYY-MM-DD printed, or "" */
			*reason;	/* Why it replaced another, or "" */
  int64_t		supersedes;	/* Request it replaced, 0 if none */
  int64_t		superseded_by;	/* Request that replaced it, 0 if none */
  const unsigned char	*photo;		/* Photo bytes (invRequestGet only), or NULL */
  size_t		photo_len;
  const char		*photo_type;	/* "image/jpeg" or "image/png", or "" */
  const char		*photo_sha256;	/* Hex SHA-256 of the photo as stored, or "" */
  const char		*photo_source;	/* Hex SHA-256 of the file it was made from at
					 * import (schema 7), or "" when stored as given */
  const char		*recorded;	/* Day the resident was recorded (office's,
					 * YYYY-MM-DD), or "" (before schema 11) */
  const char		*category;	/* new|lost|damaged|data-change|moved, or ""
					 * (before schema 11) */
  int64_t		priority;	/* Priority set by printctl prioritize, 0 none */
  const char		*priority_until;/* Last day it counts (YYYY-MM-DD), "" no end */
} inv_request_t;

typedef struct inv_request_new_s	/* A request to add */
{
  const char		*nik;		/* 16 digits, already checked */
  const char		*name;		/* Resident's name */
  const char		*template_name;	/* Card template */
  const char		*fields;	/* JSON object of the record */
  const unsigned char	*photo;		/* Photo bytes, or NULL */
  size_t		photo_len;
  const char		*photo_type;	/* "image/jpeg" or "image/png" */
  const char		*replace;	/* NULL, or lost|damaged|data-change */
  int64_t		photo_id;	/* Or a photo stored before with
					 * invRequestPhotoStage (photo unused;
					 * then call invRequestPhotoLinked) */
  const char		*photo_sha256;	/* Its hex SHA-256, when photo_id */
  const char		*photo_source;	/* The row's source digest, when photo_id
					 * (invRequestPhotoStageFrom), or NULL */
  const char		*recorded;	/* Day recorded (YYYY-MM-DD), NULL for today */
  const char		*category;	/* Category code (invRequestCategory), NULL
					 * for the reprint's reason, else "new" */
} inv_request_new_t;

typedef struct inv_import_s		/* What one import did, for its event */
{
  int64_t		added;		/* Requests added */
  int64_t		first, last;	/* Their id range (0 when none) */
  int64_t		replaced;	/* Of them, reprints superseding another */
  int64_t		skipped;	/* Bad rows left out (--skip-invalid) */
  const char		*template_name;	/* Template */
  const char		*file_sha256;	/* Hex SHA-256 of the file imported */
  const char		*rows_sha256;	/* Seal of the rows, when known (a batch's), or NULL */
} inv_import_t;

typedef struct inv_request_batch_s	/* New requests prepared before the
					 * write transaction that adds them (a
					 * large import; see invRequestBatchBegin) */
{
  int64_t		count;		/* Rows in it */
  int64_t		base;		/* Id its first row is numbered with */
  bool			numbered;	/* Ids, digests and seal made for base? */
  char			rows_sha256[65];/* Seal of its rows as numbered */
} inv_request_batch_t;

typedef void (*inv_request_cb_t)(void *ctx, const inv_request_t *request);

typedef struct inv_waiting_s		/* One waiting request, for the backlog */
{
  int64_t		id;		/* Request id */
  const char		*nik;		/* Its NIK (for a clerk's masked list) */
  const char		*recorded;	/* Day recorded, office's (created's day when "") */
  const char		*category;	/* Its category (from the reason when "") */
  const char		*district;	/* Kecamatan (the fields' "district"), or "" */
  int64_t		priority;	/* Priority in force on the day asked, 0 none */
} inv_waiting_t;

typedef void (*inv_waiting_cb_t)(void *ctx, const inv_waiting_t *waiting);

typedef struct inv_request_span_s	/* When a request waited, for the backlog's trend */
{
  const char		*recorded;	/* Day recorded (office's; created's when "") */
  const char		*ended;		/* Day it stopped waiting: printed (issue
					 * date), cancelled or superseded; "" waiting */
  bool			printed;	/* Ended by a printed card */
} inv_request_span_t;

typedef void (*inv_request_span_cb_t)(void *ctx, const inv_request_span_t *span);

typedef struct inv_priority_s		/* printctl prioritize: which and how */
{
  const char		*nik;		/* This NIK's live request, or NULL */
  const char		*category;	/* Requests of this category, or NULL */
  const char		*district;	/* Requests of this kecamatan, or NULL */
  int64_t		priority;	/* Priority to give (1 or more; 0 ends it) */
  const char		*until;		/* Last day it counts, "" or NULL no end */
  const char		*reason;	/* Why (text, no personal data) */
} inv_priority_t;

extern const char	*invRequestCategory(const char *word);
extern bool		invRequestReasonIsValid(const char *reason);
extern bool		invRequestStateIsValid(const char *state);
extern inv_status_t	invRequestFindLive(inv_db_t *db, const char *nik, int64_t *id, char *state, size_t statesize);
extern inv_status_t	invRequestAdd(inv_db_t *db, const inv_request_new_t *req, int64_t *id);
extern void		invRequestPhotoDigest(const unsigned char *data, size_t len, char hex[65]);
extern inv_status_t	invRequestPhotoStage(inv_db_t *db, const unsigned char *data, size_t len, const char *type, const char *sha256, int64_t *id, bool *added);
extern inv_status_t	invRequestPhotoStageFrom(inv_db_t *db, const unsigned char *data, size_t len, const char *type, const char *sha256, const char *source, int64_t *id, bool *added, char row_source[65]);
extern inv_status_t	invRequestPhotoLinked(inv_db_t *db, int64_t first, int64_t last);
extern inv_status_t	invRequestPhotoUnstage(inv_db_t *db, int64_t id);
extern inv_status_t	invRequestPhotoSweep(inv_db_t *db);
extern inv_status_t	invRequestBatchBegin(inv_db_t *db, inv_request_batch_t *batch);
extern inv_status_t	invRequestBatchAdd(inv_db_t *db, inv_request_batch_t *batch, int64_t seq, const inv_request_new_t *req);
extern inv_status_t	invRequestBatchNumber(inv_db_t *db, inv_request_batch_t *batch);
extern inv_status_t	invRequestBatchDrop(inv_db_t *db, inv_request_batch_t *batch, int64_t seq);
extern inv_status_t	invRequestBatchKeys(inv_db_t *db, bool own);
extern inv_status_t	invRequestBatchLink(inv_db_t *db, inv_request_batch_t *batch, int64_t *seq, const char **field);
extern void		invRequestBatchEnd(inv_db_t *db, inv_request_batch_t *batch);
extern inv_status_t	invRequestImportRecord(inv_db_t *db, const inv_import_t *import, int64_t *event_id);
extern inv_status_t	invRequestGet(inv_db_t *db, int64_t id, inv_request_cb_t cb, void *ctx);
extern inv_status_t	invRequestReportLost(inv_db_t *db, int64_t id, const char *police_report);
extern inv_status_t	invRequestGetLive(inv_db_t *db, const char *nik, inv_request_cb_t cb, void *ctx);
extern inv_status_t	invRequestGetBySerial(inv_db_t *db, const char *serial, inv_request_cb_t cb, void *ctx, bool *found);
extern inv_status_t	invRequestList(inv_db_t *db, const char *state, const char *nik, inv_request_cb_t cb, void *ctx);
extern inv_status_t	invRequestWaiting(inv_db_t *db, const char *today, inv_waiting_cb_t cb, void *ctx);
extern inv_status_t	invRequestSpans(inv_db_t *db, inv_request_span_cb_t cb, void *ctx);
extern inv_status_t	invRequestPrioritize(inv_db_t *db, const inv_priority_t *p, int64_t *changed);

#ifdef __cplusplus
}
#endif

#endif /* BLANKO_REQUEST_H */
