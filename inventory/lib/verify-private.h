/*
 * Verification, split by domain (private to the ledger library).
 *
 * verify.c is the frame: it walks the chain, checks every event's link
 * and hash, looks its kind up in the registry (events-private.h) and
 * hands it to the domains that replay it; at the end each domain
 * compares what it replayed with the tables.  Each domain keeps its own
 * state:
 *
 *   verify-holdings.c	movements, holdings, balances, accounts, users
 *   verify-requests.c	card requests: imports, seals, states
 *   verify-print.c	printers and print jobs
 *   verify-records.c	destruction and write-off records
 *   verify-totals.c	the hours' totals of movements
 *   verify-supply.c	requests for blanks
 *   verify-suket.c	temporary certificates (the suket table)
 *
 * The first problem is reported (verifyFail) and ends the check.
 */

#ifndef BLANKO_VERIFY_PRIVATE_H
#define BLANKO_VERIFY_PRIVATE_H

#include "chain-private.h"
#include "events-private.h"
#include "names-private.h"
#include "blanko/i18n.h"

#include <inttypes.h>
#include <jansson.h>

typedef struct verify_holdings_s verify_holdings_t;
typedef struct verify_requests_s verify_requests_t;
typedef struct verify_print_s verify_print_t;
typedef struct verify_records_s verify_records_t;
typedef struct verify_totals_s verify_totals_t;
typedef struct verify_supply_s verify_supply_t;
typedef struct verify_suket_s verify_suket_t;

typedef struct verify_s			/* The frame of one verification */
{
  inv_db_t	*db;
  inv_verify_t	*result;
  inv_progress_cb_t progress;
  void		*progress_ctx;
  int64_t	total;			/* Events expected, for progress */
  inv_names_t	names;			/* Accounts and series as stored */

  store_event_row_t cur;		/* Event being gathered */
  event_id_t	cur_kind;		/* Its kind in the registry */
  char		cur_text[9][256];	/* Short copies of its columns */
  char		*cur_detail;
  chain_move_t	*moves;			/* Its movements */
  size_t	nmoves, amoves;
  int64_t	rows_seen;		/* Movement rows met */

  verify_holdings_t *holdings;		/* The domains' own state */
  verify_requests_t *requests;
  verify_print_t *print;
  verify_records_t *records;
  verify_totals_t *totals;
  verify_supply_t *supply;
  verify_suket_t *suket;

  char		head[65];		/* Hash of the last good event */
  int64_t	last_id;
  int64_t	last_move;		/* Id of the last movement met */
  bool		failed;
} verify_t;

/* verify.c */
extern int		verifyFail(verify_t *v, int64_t event, const char *format, ...)
			__attribute__((format(printf, 3, 4)));
extern const char	*verifyShown(const char *s, char *buf, size_t size);
extern void		*verifyFind(const void *array, size_t count, size_t size, size_t offset, int64_t key);
extern bool		verifyGrow(verify_t *v, void **array, size_t *alloc, size_t count, size_t size);

/* verify-totals.c */
extern bool		verifyTotalsNew(verify_t *v);
extern inv_status_t	verifyTotalsReplay(verify_t *v);
extern inv_status_t	verifyTotalsCheck(verify_t *v);
extern void		verifyTotalsFree(verify_t *v);

/* verify-holdings.c */
extern bool		verifyHoldingsNew(verify_t *v);
extern void		verifyHoldingsReplay(verify_t *v, json_t *d);
extern inv_status_t	verifyHoldingsCheck(verify_t *v);
extern void		verifyHoldingsFree(verify_t *v);

/* verify-requests.c */
extern bool		verifyRequestsNew(verify_t *v);
extern void		verifyRequestsReplay(verify_t *v, json_t *d);
extern inv_status_t	verifyRequestsCheckIds(verify_t *v);
extern inv_status_t	verifyRequestsCheckRows(verify_t *v);
extern void		verifyRequestsFree(verify_t *v);

/* verify-print.c */
extern bool		verifyPrintNew(verify_t *v);
extern void		verifyPrintReplay(verify_t *v, json_t *d);
extern inv_status_t	verifyPrintCheck(verify_t *v);
extern void		verifyPrintFree(verify_t *v);

/* verify-records.c */
extern bool		verifySupplyNew(verify_t *v);
extern void		verifySupplyReplay(verify_t *v, json_t *d);
extern void		verifySupplyFree(verify_t *v);

/* verify-suket.c */
extern bool		verifySuketNew(verify_t *v);
extern void		verifySuketReplay(verify_t *v, json_t *d);
extern inv_status_t	verifySuketCheck(verify_t *v);
extern void		verifySuketFree(verify_t *v);

extern bool		verifyRecordsNew(verify_t *v);
extern void		verifyRecordsReplay(verify_t *v, json_t *d);
extern inv_status_t	verifyRecordsCheck(verify_t *v);
extern void		verifyRecordsFree(verify_t *v);

/* verify-anchor.c */
extern inv_status_t	verifyAnchors(verify_t *v);

#endif /* !BLANKO_VERIFY_PRIVATE_H */
