/*
 * Temporary certificates (surat keterangan, "suket", issue 15 item 4): a
 * paper the office gives a resident whose card request waits, valid for
 * [suket] valid_days (180 by default) and taken back when the card is
 * handed over.  A suket is a row of the suket table (schema 15) with its
 * official number ([documents] suket_number, a yearly sequence), the
 * request it was issued for, and its state:
 *
 *   issued -> extended (-> extended ...) -> retrieved | expired | cancelled
 *
 * A NIK has at most one live suket (issued or extended).  A live suket
 * whose valid_until is past is expired (invSuketState computes it;
 * invSuketExpire records it).  Each change is one event (suket.issue,
 * suket.extend, suket.retrieve, suket.expire, suket.cancel) whose detail
 * holds the request id, the suket id, its number and dates: never a NIK or
 * a name.
 *
 * Conventions as in blanko/inventory.h: status returned, message on the
 * handle; writes expect the caller's transaction (invDbBegin/invDbCommit).
 */

#ifndef BLANKO_SUKET_H
#define BLANKO_SUKET_H

#include "blanko/inventory.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INV_SUKET_DAYS		180	/* Default validity, days ([suket] valid_days) */
#define INV_SUKET_DAYS_MAX	366	/* Longest validity one issue or extension gives */

typedef struct inv_suket_s		/* One suket, as read */
{
  int64_t	id;			/* Suket id, from 1 */
  int64_t	request;		/* Card request it was issued for */
  const char	*nik,			/* The resident's NIK (for a clerk's masked list) */
		*number,		/* Official number */
		*state,			/* As stored: issued, extended, retrieved,
					 * expired, cancelled (see invSuketState) */
		*issued,		/* Office's day of issue, YYYY-MM-DD */
		*valid_until,		/* Last valid day, YYYY-MM-DD */
		*changed,		/* Last change of state (UTC) */
		*district,		/* Kecamatan of the request, or "" */
		*reason;		/* Why cancelled, or "" */
} inv_suket_t;

typedef void (*inv_suket_cb_t)(void *ctx, const inv_suket_t *suket);

/* The office's format of suket numbers ([documents] suket_number); NULL or
   "" for the default "{seq:04}/SKT/{month:roman}/{year}". */
extern void		invSuketSetNumberFormat(inv_db_t *db, const char *format);
/* The state a suket is in on an office day (YYYY-MM-DD): "expired" for a
   live one whose valid_until is before today, else its stored state. */
extern const char	*invSuketState(const inv_suket_t *suket, const char *today);
/* Is a state live (issued or extended)? */
extern bool		invSuketStateIsLive(const char *state);
/* Issue a suket for a live card request (pending, submitted, failed or
   suspect); refused when its NIK has a live suket already (one past its
   date is recorded expired first).  valid_days 0 takes INV_SUKET_DAYS. */
extern inv_status_t	invSuketIssue(inv_db_t *db, int64_t request, int valid_days, int64_t *id);
/* Extend a live suket: valid valid_days (0: INV_SUKET_DAYS) from today. */
extern inv_status_t	invSuketExtend(inv_db_t *db, int64_t id, int valid_days);
/* Cancel a live suket, with a reason (text, no personal data). */
extern inv_status_t	invSuketCancel(inv_db_t *db, int64_t id, const char *reason);
/* Record every live suket past its date as expired; *count how many. */
extern inv_status_t	invSuketExpire(inv_db_t *db, int64_t *count);
/* The card of a request was handed over: its resident's live suket (the
   one of the request's NIK, even past its date) becomes retrieved.  *id
   gets the suket's id, 0 when the resident held none (not an error).
   Call it in the handover's own transaction. */
extern inv_status_t	invSuketRetrieve(inv_db_t *db, int64_t request, int64_t *id);
/* The same by NIK (16 digits). */
extern inv_status_t	invSuketRetrieveNik(inv_db_t *db, const char *nik, int64_t *id);
/* Call cb with one suket by id; *found says whether there is one. */
extern inv_status_t	invSuketGet(inv_db_t *db, int64_t id, inv_suket_cb_t cb, void *ctx, bool *found);
/* Call cb with the live suket of a NIK, if any. */
extern inv_status_t	invSuketGetLive(inv_db_t *db, const char *nik, inv_suket_cb_t cb, void *ctx, bool *found);
/* Call cb for every suket (state NULL) or those stored in a state, by id. */
extern inv_status_t	invSuketList(inv_db_t *db, const char *state, inv_suket_cb_t cb, void *ctx);

#ifdef __cplusplus
}
#endif

#endif /* BLANKO_SUKET_H */
