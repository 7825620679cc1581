/*
 * Distribution of printed cards (issue 14): places, users limited to a
 * place, dispatches (berita acara serah terima) and arrivals.
 *
 * Places are accounts like stores: a kecamatan (district office) and a
 * kelurahan/desa (village office, with its kecamatan as parent).  Each place
 * has an in-transit account, "transit.<PLACE>" (kind transit), that holds
 * the cards on their way there.  Printed cards move
 *
 *   issued -> transit.KEC -> KEC [-> transit.KEL -> KEL] -> delivered
 *                                                   (or -> returned)
 *
 * each step an event with its serials, under the conservation law of
 * design.md section 3: stock, history, verify and reconcile see them as
 * they see blanks.  Handing a card to its holder ("delivered") and taking an
 * unclaimed card back ("returned") are later parts of issue 14; they move
 * from a place with _invMove under kinds of their own.
 *
 * Cards that a place reports missing when it confirms an arrival stay in
 * its in-transit account: the arrival event names them (missing), nothing
 * is hidden, and a later arrival under the same reference can still take
 * them in when they turn up.  Cards "lost in transit" are exactly the
 * serials a transit account holds with an arrival that named them missing.
 *
 * Conventions as in blanko/inventory.h: a status, the message on the handle,
 * the caller holds the transaction for writes.
 */

#ifndef BLANKO_DISTRIBUTION_H
#define BLANKO_DISTRIBUTION_H

#include "blanko/inventory.h"

#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define INV_TRANSIT_PREFIX	"transit."	/* In-transit account of a place: prefix + code */
#define INV_PLACE_CODE_MAX	64		/* Longest place code */

typedef struct inv_place_s		/* A kecamatan or kelurahan */
{
  char		code[INV_PLACE_CODE_MAX + 1];	/* Its account code */
  inv_kind_t	kind;			/* INV_KIND_KECAMATAN or INV_KIND_KELURAHAN */
  char		parent[INV_PLACE_CODE_MAX + 1];	/* The kelurahan's kecamatan, "" for a kecamatan */
  char		transit[INV_PLACE_CODE_MAX + 16];	/* Its in-transit account */
  char		name[256];		/* Its name (location add --name), may be "" */
} inv_place_t;

typedef struct inv_handover_s		/* One dispatch (berita acara serah terima) */
{
  int64_t	id;			/* Number, from 1 */
  const char	*ref,			/* Handover reference (unique) */
		*place,			/* Destination place */
		*source,		/* Where the cards came from: "issued" or a kecamatan */
		*number,		/* Official number ([documents] handover_number) */
		*serials,		/* Serials sent, as ranges */
		*sender,		/* Registered user who dispatched */
		*sender_via,		/* OS account that acted for them, or "" */
		*time;			/* When, UTC ISO 8601 */
  int64_t	count;			/* Cards sent */
  int64_t	event;			/* The dispatch event */
} inv_handover_t;

typedef void (*inv_handover_cb_t)(void *ctx, const inv_handover_t *handover);

typedef struct inv_dispatch_s		/* What to dispatch (invDispatch) */
{
  const char	*to;			/* Destination place */
  const char	*from;			/* "issued" (NULL) or the destination's kecamatan */
  const char	*ref;			/* Handover reference, required, unique */
  const inv_list_t *serials;		/* These serials, or NULL */
  const char	*kecamatan,		/* Or: printed cards of residents of this kecamatan */
		*kelurahan;		/* ... and/or kelurahan (request fields district, village) */
  bool		all;			/* Or: everything the source holds */
} inv_dispatch_t;

typedef struct inv_arrival_s		/* What an arrival found (invArrive) */
{
  int64_t	expected;		/* Cards of the handover still on their way */
  int64_t	received;		/* Cards taken in now */
  int64_t	missing;		/* Cards reported missing (they stay in transit) */
  int64_t	event;			/* The arrive event */
} inv_arrival_t;

typedef struct inv_delivery_s		/* A card handed to its holder (invDeliver) */
{
  const char	*serial;		/* The card */
  const char	*nik;			/* The holder's NIK: compared with the request's, never stored */
  const char	*proxy_name,		/* A proxy who takes it, or NULL for the holder */
		*proxy_relation,	/* Their relation to the holder */
		*proxy_nik;		/* Their NIK (kept in handover_person, never in an event) */
  bool		allow_proxy;		/* The office's rule ([distribution] allow_proxy) */
  const char	*received;		/* Day received (YYYY-MM-DD), NULL for today */
  const char	*receipt_sha256;	/* Hex SHA-256 of the scanned signed receipt, or NULL */
  bool		old_card_returned;	/* The holder brought back the card this one replaces */
} inv_delivery_t;

typedef struct inv_delivered_s		/* What invDeliver recorded */
{
  int64_t	request;		/* The card's request */
  int64_t	event;			/* The deliver event */
  char		place[INV_PLACE_CODE_MAX + 16];	/* Where it was: a place or "issued" */
  char		old_serial[64];		/* Old card recorded as returned, or "" */
  int64_t	suket;			/* The holder's suket made retrieved, 0 none */
} inv_delivered_t;

typedef struct inv_deliver_card_s	/* One row of a handover list, checked (invDeliverCheck) */
{
  inv_range_t	range;			/* The card's serial (first == last) */
  char		place[INV_PLACE_CODE_MAX + 16];	/* Where it is: a place or "issued" */
  char		received[16];		/* Day received, YYYY-MM-DD */
  int64_t	request;		/* Its request */
  const char	*proxy_name,		/* The proxy (the caller's strings), or NULL for the holder */
		*proxy_relation,
		*proxy_nik;
  bool		twice;			/* Its serial is on an earlier row too (invDeliverTwice) */
} inv_deliver_card_t;

typedef struct inv_aged_s		/* Cards held since one arrival (unclaimed lists) */
{
  const char	*account;		/* Where they are */
  const inv_range_t *range;		/* Which */
  const char	*since;			/* When they came, UTC ISO 8601 */
  int64_t	days;			/* Whole days since */
} inv_aged_t;

typedef void (*inv_aged_cb_t)(void *ctx, const inv_aged_t *aged);

typedef enum inv_where_state_e		/* Where a resident's card is (invCardWhere) */
{
  INV_WHERE_NONE,			/* No card request has the NIK */
  INV_WHERE_CANCELLED,			/* The request was cancelled */
  INV_WHERE_PENDING,			/* Waiting to be printed (or being printed) */
  INV_WHERE_OFFICE,			/* Printed, at the office (account issued) */
  INV_WHERE_TRANSIT,			/* On its way to a place */
  INV_WHERE_PLACE,			/* At a kecamatan or kelurahan */
  INV_WHERE_DELIVERED,			/* Handed to its holder */
  INV_WHERE_RETURNED,			/* Taken back to the office */
  INV_WHERE_LOST,			/* Recorded lost */
  INV_WHERE_OTHER			/* Another end: spoiled, invalid, destroyed, ... */
} inv_where_state_t;

typedef struct inv_where_s		/* Where a resident's card is now (invCardWhere) */
{
  inv_where_state_t state;		/* The answer */
  int64_t	request;		/* The NIK's latest live request (else latest), 0 none */
  char		request_state[32],	/* Its state: "pending", "submitted", "printed", ... */
		recorded[16],		/* Day recorded (office's) */
		updated[32],		/* Its last change of state, UTC */
		serial[64],		/* Its card, or "" */
		printed[16],		/* Print day (issue date), or "" */
		account[INV_PLACE_CODE_MAX + 16],	/* Account holding the card, or "" */
		since[32];		/* When the card came there, UTC, or "" */
  inv_place_t	place;			/* The place (in transit: its destination); code "" none */
} inv_where_t;

typedef struct inv_delivery_sum_s	/* Delivery figures (invDeliverySummary) */
{
  int64_t	undelivered,		/* Printed cards not yet handed over (office, transit, places) */
		office,			/* At the office, not dispatched */
		transit,		/* In transit to places */
		kecamatan,		/* At kecamatan */
		kelurahan,		/* At kelurahan */
		delivered_recent,	/* Handed over in the last `days' days */
		unclaimed;		/* At places longer than the office's limit */
  int		days,			/* Window of delivered_recent, days */
		limit;			/* The limit of unclaimed, days */
} inv_delivery_sum_t;

/* Add a kecamatan (parent NULL) or a kelurahan (parent: its kecamatan) and
   its in-transit account (location.add and account.add events). */
extern inv_status_t	invPlaceAdd(inv_db_t *db, const char *code, inv_kind_t kind, const char *name, const char *parent);
/* Look up a place; INV_REFUSED when code is no kecamatan or kelurahan. */
extern inv_status_t	invPlaceGet(inv_db_t *db, const char *code, inv_place_t *place);
/* Limit a user to one place ("" or NULL: none); such a user has only the
   distribution role and acts only for that place (a user.place event). */
extern inv_status_t	invUserSetPlace(inv_db_t *db, const char *name, const char *place);
/* The place a user is limited to, "" for none. */
extern inv_status_t	invUserGetPlace(inv_db_t *db, const char *name, char *place, size_t placesize);
/* Refuse (INV_REFUSED) when the acting user is limited to a place other
   than place. */
extern inv_status_t	invPlaceCheckActor(inv_db_t *db, const char *place);

/* The office's format of handover numbers ([documents] handover_number). */
extern void		invHandoverSetNumberFormat(inv_db_t *db, const char *format);
/* Dispatch printed cards to a place: one "dispatch" event (source ->
   transit.<to>) and a handover row with its official number; sent gets the
   serials, *id the handover. */
extern inv_status_t	invDispatch(inv_db_t *db, const inv_dispatch_t *d, inv_list_t *sent, int64_t *id);
/* Confirm at the place that counted cards of handover ref arrived; missing
   names the serials that did not (required when counted is short), which
   stay in transit.  Recorded by another person and account than the
   dispatch's.  One "arrive" event. */
extern inv_status_t	invArrive(inv_db_t *db, const char *ref, int64_t counted, const inv_list_t *missing, inv_arrival_t *result);
/* One handover by reference (or by id when ref is NULL). */
extern inv_status_t	invHandoverGet(inv_db_t *db, const char *ref, int64_t id, inv_handover_cb_t cb, void *ctx);
/* Every handover (to one place, or all when place is NULL), oldest first. */
extern inv_status_t	invHandoverList(inv_db_t *db, const char *place, inv_handover_cb_t cb, void *ctx);

/* Hand a card to its holder (or an allowed proxy): from its place, or
   issued, to "delivered" (one "deliver" event); refused for a card
   reported lost, a NIK that is not the holder's, a proxy the office does
   not allow.  With old_card_returned the card it replaces is made invalid
   (reason returned; found when it had been reported lost). */
extern inv_status_t	invDeliver(inv_db_t *db, const inv_delivery_t *d, inv_delivered_t *out);
/* A signed handover list in bulk: invDeliverCheck checks one row as
   invDeliver does, writing nothing (in a read snapshot, before the write
   lock; no old card in a list); invDeliverTwice marks the rows whose card
   is on an earlier row (their count); invDeliverList records the rows
   checked, in the write transaction: one "deliver.list" event per place,
   day received and taker (holder or proxy) carrying its cards as serial
   ranges, each card's suket retrieved, a proxy's data in handover_person. */
extern inv_status_t	invDeliverCheck(inv_db_t *db, const inv_delivery_t *d, inv_deliver_card_t *card);
extern size_t		invDeliverTwice(inv_deliver_card_t *cards, size_t n);
extern inv_status_t	invDeliverList(inv_db_t *db, inv_deliver_card_t *cards, size_t n, const char *receipt_sha256,
			               int64_t *events);
/* Take printed cards at places back to the office, "returned" (one
   "return" event per place); reason unclaimed, moved or wrong-data. */
extern inv_status_t	invReturn(inv_db_t *db, const inv_list_t *serials, const char *reason, int64_t *events);
/* Cards at places (one, or all when place is NULL) for at least days at
   time now. */
extern inv_status_t	invUnclaimedList(inv_db_t *db, const char *place, int64_t days, time_t now, inv_aged_cb_t cb,
			                 void *ctx);
/* Cards returned as unclaimed at least days ago at time now. */
extern inv_status_t	invUnclaimedExpired(inv_db_t *db, int64_t days, time_t now, inv_aged_cb_t cb, void *ctx);
/* The print days of the cards an account holds (the office's days of
   their requests' issue dates), counted by day; "" for cards without one. */
typedef void (*inv_print_day_cb_t)(void *ctx, const char *day, int64_t count);
extern inv_status_t	invCardPrintDays(inv_db_t *db, const char *account, inv_print_day_cb_t cb, void *ctx);

/* Where a resident's card is now, by NIK: the NIK's latest live request
   (else its latest), the card's last move and the place it is at or on its
   way to.  where->state INV_WHERE_NONE when no request has the NIK. */
extern inv_status_t	invCardWhere(inv_db_t *db, const char *nik, inv_where_t *where);
/* The delivery figures of the office at time now: cards printed and not
   handed over, in transit, at kecamatan and kelurahan, delivered in the
   last days days, at places longer than limit days (unclaimed). */
extern inv_status_t	invDeliverySummary(inv_db_t *db, time_t now, int days, int limit, inv_delivery_sum_t *sum);

#ifdef __cplusplus
}
#endif

#endif /* !BLANKO_DISTRIBUTION_H */
