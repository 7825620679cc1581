/*
 * The storage layer: the only place that speaks SQL.
 *
 * One file per family of tables (store-account.c, store-holding.c,
 * store-event.c, store-user.c, store-record.c, store-request.c,
 * store-print.c), each owning its tables' SQL; store.c caches their
 * prepared statements on the handle.  The functions here know tables and
 * columns, not ledger rules; the rules (what may move where, the hash
 * chain) live above, in ledger.c, chain.c and verify*.c, which see no
 * SQLite type, so that another SQL engine needs only this layer (and db.c,
 * schema.c) rewritten.  The store calls nothing above it.
 */

#ifndef BLANKO_STORE_H
#define BLANKO_STORE_H

#include "blanko/inventory.h"
#include "blanko/request.h"
#include "blanko/distribution.h"
#include "blanko/access.h"
#include "blanko/suket.h"

typedef struct store_holding_s		/* One stored holding row */
{
  int64_t	series,		/* Series id */
		first,		/* First number */
		last,		/* Last number */
		account;	/* Account id */
} store_holding_t;

typedef struct store_account_s		/* One stored account row */
{
  int64_t	id;
  const char	*code;
  const char	*kind;
  const char	*name;
  int64_t	balance;
} store_account_t;

typedef struct store_series_s		/* One stored series row */
{
  int64_t	id;
  const char	*prefix;
  int		width;
} store_series_t;

typedef struct store_event_row_s	/* One event, as stored */
{
  int64_t	id;
  const char	*time, *actor, *via, *kind, *ref, *detail, *prev, *hash;
} store_event_row_t;

typedef struct store_move_row_s		/* One movement, as stored */
{
  int64_t	id,
		event,
		series,
		first,
		last,
		from,
		to;
  int		bucket;		/* Length bucket, as stored */
} store_move_row_t;

typedef void (*store_account_cb_t)(void *ctx, const store_account_t *a);
typedef void (*store_series_cb_t)(void *ctx, const store_series_t *s);
typedef int (*store_holding_cb_t)(void *ctx, const store_holding_t *h);
typedef int (*store_event_cb_t)(void *ctx, const store_event_row_t *e, int64_t moved);
typedef int (*store_scan_cb_t)(void *ctx, const store_event_row_t *e, const store_move_row_t *m);

/* Accounts and series (store-account.c) */
extern inv_status_t	storeAccountFind(inv_db_t *db, const char *code, int64_t *id, inv_kind_t *kind, int64_t *balance);
extern inv_status_t	storeAccountCode(inv_db_t *db, int64_t id, char *code, size_t codesize);
extern inv_status_t	storeAccountInsert(inv_db_t *db, const char *code, inv_kind_t kind, const char *name, int64_t *id);
extern inv_status_t	storeAccountAddBalance(inv_db_t *db, int64_t id, int64_t delta);
extern inv_status_t	storeAccountList(inv_db_t *db, store_account_cb_t cb, void *ctx);
extern inv_status_t	storeSeriesFind(inv_db_t *db, const char *prefix, int width, bool create, int64_t *id);
extern inv_status_t	storeSeriesList(inv_db_t *db, store_series_cb_t cb, void *ctx);

/* Holdings (store-holding.c) */
extern inv_status_t	storeHoldingOverlap(inv_db_t *db, int64_t series, int64_t first, int64_t last, store_holding_cb_t cb, void *ctx);
extern inv_status_t	storeHoldingEndingAt(inv_db_t *db, int64_t series, int64_t last, store_holding_t *h, bool *found);
extern inv_status_t	storeHoldingStartingAt(inv_db_t *db, int64_t series, int64_t first, store_holding_t *h, bool *found);
extern inv_status_t	storeHoldingInsert(inv_db_t *db, const store_holding_t *h);
extern inv_status_t	storeHoldingDelete(inv_db_t *db, int64_t series, int64_t first);
extern inv_status_t	storeHoldingSetLast(inv_db_t *db, int64_t series, int64_t first, int64_t last);
extern inv_status_t	storeHoldingOfAccount(inv_db_t *db, int64_t account, int64_t series, store_holding_cb_t cb, void *ctx);
extern inv_status_t	storeHoldingOfSeries(inv_db_t *db, int64_t series, store_holding_cb_t cb, void *ctx);
extern inv_status_t	storeHoldingAll(inv_db_t *db, store_holding_cb_t cb, void *ctx);

/* Events and movements (store-event.c) */
typedef struct store_tail_s		/* The end of the chain, where events are appended */
{
  int64_t	event;			/* Newest event id, 0 when none */
  char		hash[65];		/* Its hash, "" when none */
  char		hour[16];		/* Latest hour recorded (movement_total), "" when none */
  int64_t	movement;		/* Newest movement id, 0 when none */
} store_tail_t;
extern inv_status_t	storeChainTail(inv_db_t *db, store_tail_t *tail);
extern inv_status_t	storeEventHead(inv_db_t *db, int64_t *id, char hash[65]);
extern inv_status_t	storeEventInsert(inv_db_t *db, const store_event_row_t *e);
extern inv_status_t	storeMovementInsert(inv_db_t *db, const store_move_row_t *m);
extern inv_status_t	storeReceiptFind(inv_db_t *db, int64_t series, int64_t number, char *ref, size_t refsize, bool *found);
extern inv_status_t	storeEventLog(inv_db_t *db, const char *since, int64_t limit, store_event_cb_t cb, void *ctx);
extern inv_status_t	storeEventScan(inv_db_t *db, store_scan_cb_t cb, void *ctx, int64_t *movements);
extern inv_status_t	storeHistory(inv_db_t *db, int64_t series, int64_t number, store_scan_cb_t cb, void *ctx);
extern inv_status_t	storeEventFirstHash(inv_db_t *db, char hash[65]);

/* Movements into an account, totals, events of a kind (spoil.c, destroy.c, totals.c) */
typedef int (*store_into_time_cb_t)(void *ctx, int64_t first, int64_t last, const char *time, const char *detail);
typedef void (*store_total_cb_t)(void *ctx, const char *day, const char *kind, int64_t from, int64_t to, int64_t serials);
extern inv_status_t	storeEventGet(inv_db_t *db, int64_t id, store_event_cb_t cb, void *ctx);
extern inv_status_t	storeEventMoves(inv_db_t *db, int64_t id, store_scan_cb_t cb, void *ctx);
extern inv_status_t	storeMovementLater(inv_db_t *db, int64_t after, int64_t series, int64_t first, int64_t last, int64_t *event);
extern inv_status_t	storeEventHeadAt(inv_db_t *db, const char *until, int64_t *id, char hash[65]);
extern inv_status_t	storeEventsOfKind(inv_db_t *db, const char *kind, const char *since, const char *until, store_event_cb_t cb, void *ctx);
extern inv_status_t	storeTotalAdd(inv_db_t *db, const char *hour, int64_t event, const char *kind, int64_t from, int64_t to, int64_t serials);
typedef struct store_total_row_s	/* One row of movement_total */
{
  const char	*hour;			/* "YYYY-MM-DDTHH" (UTC) */
  const char	*kind;			/* Event kind */
  int64_t	from, to;		/* Accounts (0 and 0: events that move nothing) */
  int64_t	serials;		/* Serials moved (events, for 0 and 0) */
  int64_t	first_event;		/* The row's first event */
} store_total_row_t;
extern inv_status_t	storeTotalRowNext(inv_db_t *db, bool *found, store_total_row_t *row);
extern void		storeTotalRowsDone(inv_db_t *db);
extern inv_status_t	storeMovementTotals(inv_db_t *db, const char *since, const char *until, bool by_day, store_total_cb_t cb, void *ctx);

/* Records (destruction, write-off) and their items (store-record.c) */
typedef struct store_item_s		/* One stored record item */
{
  int64_t	record, series, first, last;
  const char	*state, *reason, *nik;
} store_item_t;
typedef int (*store_item_cb_t)(void *ctx, const store_item_t *item);
extern inv_status_t	storeRecordInsert(inv_db_t *db, const inv_record_t *r, int64_t *id);
extern inv_status_t	storeRecordUpdate(inv_db_t *db, const inv_record_t *r);
extern inv_status_t	storeRecordNextSeq(inv_db_t *db, const char *type, int year, int64_t *seq);
extern inv_status_t	storeRecordSetNumber(inv_db_t *db, int64_t id, int year, int64_t seq, const char *number);
extern inv_status_t	storeRecordGet(inv_db_t *db, const char *type, int64_t id, inv_record_cb_t cb, void *ctx, bool *found);
extern inv_status_t	storeRecordList(inv_db_t *db, const char *type, inv_record_cb_t cb, void *ctx);
extern inv_status_t	storeRecordItemInsert(inv_db_t *db, const store_item_t *item);
extern inv_status_t	storeRecordItems(inv_db_t *db, int64_t id, store_item_cb_t cb, void *ctx);
extern inv_status_t	storeRecordOverlap(inv_db_t *db, int64_t series, int64_t first, int64_t last, int64_t *record, int64_t *serial);
typedef int (*store_holder_cb_t)(void *ctx, int64_t series, const char *serial, const char *nik);
extern inv_status_t	storeRecordHolders(inv_db_t *db, int64_t id, store_holder_cb_t cb, void *ctx);
extern inv_status_t	storeRecordOpenAt(inv_db_t *db, const char *until, inv_record_cb_t cb, void *ctx);

/* Places and handovers (store-place.c, issue 14) */
typedef struct store_place_s		/* A kecamatan or kelurahan as stored */
{
  const char	*code;			/* Its account code */
  const char	*parent;		/* Its parent's code, or "" */
  const char	*transit;		/* Its in-transit account's code */
  const char	*name;			/* Its name, or "" */
} store_place_t;
typedef void (*store_place_cb_t)(void *ctx, const store_place_t *p);
extern inv_status_t	storePlaceInsert(inv_db_t *db, int64_t account, int64_t parent, int64_t transit);
extern inv_status_t	storePlaceGet(inv_db_t *db, const char *code, store_place_cb_t cb, void *ctx, bool *found);
extern inv_status_t	storePlaceList(inv_db_t *db, store_place_cb_t cb, void *ctx);
extern inv_status_t	storeHandoverInsert(inv_db_t *db, const inv_handover_t *h, int year, int64_t seq, int64_t *id);
extern inv_status_t	storeHandoverNextSeq(inv_db_t *db, int year, int64_t *seq);
extern inv_status_t	storeHandoverGet(inv_db_t *db, const char *ref, int64_t id, inv_handover_cb_t cb, void *ctx, bool *found);
extern inv_status_t	storeHandoverList(inv_db_t *db, const char *place, inv_handover_cb_t cb, void *ctx);
extern inv_status_t	storeHandoverPersonInsert(inv_db_t *db, int64_t event, const char *serial, const char *name, const char *relation, const char *nik);
extern inv_status_t	storeMovementsIntoTime(inv_db_t *db, int64_t account, int64_t series, int64_t first, int64_t last, store_into_time_cb_t cb, void *ctx);

/* Temporary certificates (store-suket.c, issue 15) */
extern inv_status_t	storeSuketInsert(inv_db_t *db, const inv_suket_t *s, int year, int64_t seq, int64_t *id);
extern inv_status_t	storeSuketNextSeq(inv_db_t *db, int year, int64_t *seq);
extern inv_status_t	storeSuketSetState(inv_db_t *db, int64_t id, const char *state, const char *valid_until, const char *changed, const char *reason);
extern inv_status_t	storeSuketGet(inv_db_t *db, int64_t id, inv_suket_cb_t cb, void *ctx, bool *found);
extern inv_status_t	storeSuketGetLive(inv_db_t *db, const char *nik, int64_t request, inv_suket_cb_t cb, void *ctx, bool *found);
extern inv_status_t	storeSuketList(inv_db_t *db, const char *state, const char *before, inv_suket_cb_t cb, void *ctx);

/* Users (store-user.c) */
extern inv_status_t	storeUserGet(inv_db_t *db, const char *name, unsigned *roles, bool *disabled, bool *found);
extern inv_status_t	storeUserInsert(inv_db_t *db, const char *name, unsigned roles, const char *since);
extern inv_status_t	storeUserSetRoles(inv_db_t *db, const char *name, unsigned roles);
extern inv_status_t	storeUserList(inv_db_t *db, inv_user_cb_t cb, void *ctx);
extern inv_status_t	storeBackupTo(inv_db_t *db, const char *path);
extern inv_status_t	storeIntegrityCheck(inv_db_t *db, bool *ok, char *problem, size_t problemsize);
extern inv_status_t	storeUserSetDisabled(inv_db_t *db, const char *name, const char *since);
extern inv_status_t	storeUserOtherAdmins(inv_db_t *db, const char *name, int64_t *count);
extern inv_status_t	storeUserGetPerson(inv_db_t *db, const char *name, inv_person_t *person, bool *found);
extern inv_status_t	storeUserSetPerson(inv_db_t *db, const char *name, const inv_person_t *person);
extern inv_status_t	storeUserGetPlace(inv_db_t *db, const char *name, char *place, size_t placesize);
extern inv_status_t	storeUserSetPlace(inv_db_t *db, const char *name, const char *place);

/* store-web.c: web password hashes and request codes (issue 16) */
extern inv_status_t	storeWebPasswordGet(inv_db_t *db, const char *name, char *hash, size_t hashsize, unsigned *roles, bool *disabled, bool *found);
extern inv_status_t	storeWebPasswordSet(inv_db_t *db, const char *name, const char *hash);
extern inv_status_t	storeWebCodeGet(inv_db_t *db, int64_t request, char *code, size_t codesize);
extern inv_status_t	storeWebCodePut(inv_db_t *db, int64_t request, const char *code);
extern inv_status_t	storeTokenGet(inv_db_t *db, const char *name, char *revoked, size_t revsize, bool *found);
extern inv_status_t	storeTokenAdd(inv_db_t *db, const char *name, const char *sha256, const char *created, const char *by);
extern inv_status_t	storeTokenRevoke(inv_db_t *db, const char *name, const char *when);
extern inv_status_t	storeTokenList(inv_db_t *db, inv_token_cb_t cb, void *ctx);
extern inv_status_t	storeTokenFind(inv_db_t *db, const char *sha256, char *name, size_t namesize);
extern inv_status_t	storeWebCodeByNik(inv_db_t *db, const char *nik, int64_t *request, char *code, size_t codesize);

/* Requests and photos (store-request.c) */
extern inv_status_t	storePhotoPut(inv_db_t *db, const char *sha256, const char *type, const unsigned char *data, size_t len, const char *source, const char *staged, int64_t *id, bool *added, char row_source[65]);
extern inv_status_t	storePhotoLink(inv_db_t *db, int64_t id);
extern inv_status_t	storePhotoLinked(inv_db_t *db, int64_t first, int64_t last);
extern inv_status_t	storePhotoUnstage(inv_db_t *db, int64_t id);
extern inv_status_t	storePhotoSweep(inv_db_t *db, const char *before);
extern inv_status_t	storeRequestInsert(inv_db_t *db, const inv_request_t *r, int64_t photo_id, int64_t *id);
extern inv_status_t	storeRequestFindLive(inv_db_t *db, const char *nik, int64_t *id, char *state, size_t statesize, bool *found);
extern inv_status_t	storeRequestSetState(inv_db_t *db, int64_t id, const char *state, const char *updated);
extern inv_status_t	storeRequestGet(inv_db_t *db, int64_t id, inv_request_cb_t cb, void *ctx, bool *found);
extern inv_status_t	storeRequestGetLive(inv_db_t *db, const char *nik, inv_request_cb_t cb, void *ctx, bool *found);
extern inv_status_t	storeRequestBySerial(inv_db_t *db, const char *serial, inv_request_cb_t cb, void *ctx, bool *found);
extern inv_status_t	storeRequestList(inv_db_t *db, const char *state, const char *nik, inv_request_cb_t cb, void *ctx);
extern inv_status_t	storeRequestIds(inv_db_t *db, int (*cb)(void *ctx, int64_t id), void *ctx);
extern inv_status_t	storeRequestSetDigest(inv_db_t *db, int64_t id, const char *digest);
extern inv_status_t	storeRequestDigests(inv_db_t *db, int64_t first, int64_t last, void (*cb)(void *ctx, const char *digest), void *ctx);
extern inv_status_t	storeRequestIssueDays(inv_db_t *db, const char *first, const char *last, void (*cb)(void *ctx, const char *day, int64_t count), void *ctx);
extern inv_status_t	storeRequestNextPending(inv_db_t *db, const char *today, bool delivery, int64_t *id, bool *found);
extern inv_status_t	storeRequestBind(inv_db_t *db, int64_t id, const char *state, const char *serial, const char *issue_date, const char *updated);
extern inv_status_t	storeRequestCopy(inv_db_t *db, int64_t id, const char *reason, const char *created, const char *recorded, const char *category, int64_t *new_id);
extern inv_status_t	storeRequestWaiting(inv_db_t *db, const char *today, inv_waiting_cb_t cb, void *ctx);
extern inv_status_t	storeRequestSpans(inv_db_t *db, inv_request_span_cb_t cb, void *ctx);
extern inv_status_t	storeRequestChosen(inv_db_t *db, const inv_priority_t *p, void (*cb)(void *ctx, int64_t id), void *ctx);
extern inv_status_t	storeRequestSetPriority(inv_db_t *db, int64_t id, int64_t priority, const char *until);
extern inv_status_t	storeRequestCount(inv_db_t *db, const char *state, int64_t *count);
extern inv_status_t	storeRequestQueue(inv_db_t *db, const char *today, int max, inv_waiting_cb_t cb, void *ctx);
extern inv_status_t	storeRequestPrintedSince(inv_db_t *db, const char *since, int64_t *count);
extern inv_status_t	storeRequestPrintedIn(inv_db_t *db, const char *district, const char *village, int (*cb)(void *ctx, const char *serial), void *ctx);

typedef struct store_request_row_s	/* A request as verify reads it */
{
  inv_request_t	r;			/* Its columns, with its photo's bytes */
  const char	*digest;		/* The digest stored with it, or "" */
  int64_t	photo_id;		/* Its photo_id, 0 for none */
  bool		photo_found;		/* Is that photo row there? */
} store_request_row_t;

extern inv_status_t	storeRequestRows(inv_db_t *db, int (*cb)(void *ctx, const store_request_row_t *row), void *ctx);
extern inv_status_t	storeRequestNextId(inv_db_t *db, int64_t *id);
extern inv_status_t	storeBatchBegin(inv_db_t *db);
extern inv_status_t	storeBatchClear(inv_db_t *db);
extern inv_status_t	storeBatchAdd(inv_db_t *db, int64_t seq, const inv_request_t *r, int64_t photo_id);
extern inv_status_t	storeBatchRows(inv_db_t *db, void (*cb)(void *ctx, int64_t seq, const inv_request_t *r), void *ctx);
extern inv_status_t	storeBatchNumber(inv_db_t *db, int64_t seq, int64_t id, const char *digest);
extern inv_status_t	storeBatchDrop(inv_db_t *db, int64_t seq);
extern inv_status_t	storeBatchConflict(inv_db_t *db, int64_t *seq, int64_t *live, char *state, size_t statesize, bool *found);
extern inv_status_t	storeBatchPhotoGone(inv_db_t *db, int64_t *seq, bool *found);
extern inv_status_t	storeBatchKeys(inv_db_t *db, bool on);
extern inv_status_t	storeBatchLink(inv_db_t *db, const char *created, int64_t *added);

/* Printers, print jobs and leases (store-print.c) */
#include "blanko/print.h"
extern inv_status_t	storePrinterInsert(inv_db_t *db, const inv_printer_t *p, const char *added);
extern inv_status_t	storePrinterDelete(inv_db_t *db, const char *name);
extern inv_status_t	storePrinterGet(inv_db_t *db, const char *name, inv_printer_t *p, bool *found);
extern inv_status_t	storePrinterList(inv_db_t *db, inv_printer_cb_t cb, void *ctx);
extern inv_status_t	storePrinterSetState(inv_db_t *db, const char *name, const char *state, const char *reason);
extern inv_status_t	storeJobInsert(inv_db_t *db, const inv_print_job_t *j, int64_t *id);
extern inv_status_t	storeJobUpdate(inv_db_t *db, const inv_print_job_t *j);
extern inv_status_t	storeJobGet(inv_db_t *db, int64_t id, inv_print_job_t *j, bool *found);
extern inv_status_t	storeJobList(inv_db_t *db, const char *printer, bool open_only, inv_job_cb_t cb, void *ctx);
extern inv_status_t	storeJobOpenBySerial(inv_db_t *db, const char *serial, inv_print_job_t *j, bool *found);
extern inv_status_t	storeLeaseGet(inv_db_t *db, const char *printer, inv_lease_t *lease, bool *found);
extern inv_status_t	storeLeasePut(inv_db_t *db, const char *printer, const inv_lease_t *lease);
extern inv_status_t	storeLeaseBeat(inv_db_t *db, const char *printer, const char *token, int64_t heartbeat, bool *held);
extern inv_status_t	storeLeaseDrop(inv_db_t *db, const char *printer, const char *token);

/* Printer and print job rows as stored, every column verify can check
 * (store-print.c); integers as their stored text, so that a value of
 * another type is seen as it is */
typedef struct store_printer_row_s	/* One printer row */
{
  const char	*name, *queue, *location, *hopper, *state, *reason;
} store_printer_row_t;
typedef struct store_job_row_s		/* One print_job row */
{
  int64_t	id;
  const char	*request_id, *serial, *printer, *state, *outcome, *reason, *cups_job_id, *canceled_cups_id,
		*issue_date;
} store_job_row_t;
typedef int (*store_printer_row_cb_t)(void *ctx, const store_printer_row_t *p);
typedef int (*store_job_row_cb_t)(void *ctx, const store_job_row_t *j);
extern inv_status_t	storePrinterRows(inv_db_t *db, store_printer_row_cb_t cb, void *ctx);
extern inv_status_t	storeJobRows(inv_db_t *db, store_job_row_cb_t cb, void *ctx);

/* Signed checkpoints of the chain (store-anchor.c) */
#include "blanko/anchor.h"
extern inv_status_t	storeAnchorInsert(inv_db_t *db, const inv_anchor_t *a, int64_t *id);
extern inv_status_t	storeAnchorList(inv_db_t *db, inv_anchor_cb_t cb, void *ctx);
extern inv_status_t	storeAnchorLatest(inv_db_t *db, inv_anchor_t *a, bool *found);
extern inv_status_t	storeAnchorFind(inv_db_t *db, const char *mark, inv_anchor_t *a, bool *found);
extern inv_status_t	storeAnchorFirst(inv_db_t *db, inv_anchor_t *a, bool *found);
extern inv_status_t	storeEventDays(inv_db_t *db, int64_t from, const char *before, void (*cb)(void *ctx, const char *day),
			               void *ctx);

/* Counts of card requests for the supply forecast (store-supply.c) */
extern inv_status_t	storeRequestWaitingCount(inv_db_t *db, int64_t *count);
extern inv_status_t	storeRequestCreated(inv_db_t *db, const char *since, const char *until, int64_t *count);

#endif /* BLANKO_STORE_H */
