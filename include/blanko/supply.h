/*
 * Requests for blanks (issue 15): what the office asked of its supplier or
 * a higher office, what came of it, and how many blanks it needs.
 *
 * A request is one "supply.request" event (its id is the event's): the
 * quantity, the basis (free text, "print-ready count 27140"), the letter's
 * reference (the event's reference), its date and to whom it went.
 * Receipts name it (inventory receive --against: the receive event's
 * "against"), a "supply.cancel" event cancels it.  Its state is derived
 * from those events alone, never stored, so that the chain is its proof:
 *
 *   sent -> partly-received -> fulfilled;  sent | partly-received -> cancelled
 *
 * A voided receipt (receive.void) no longer counts for its request.
 *
 * Blanks needed over a horizon of H days (invSupplyNeed):
 *
 *   need = ceil((backlog + weekly x H / 7) x (1 + spoilage) - on hand), at least 0
 *
 * backlog: card requests waiting (pending, submitted, suspect); weekly:
 * requests recorded in the last 8 weeks / 8; spoilage: blanks spoiled per
 * card issued in the last 8 weeks (0 when none was issued); on hand: the
 * blanks of stores, print rooms and hoppers.
 *
 * Conventions as in blanko/inventory.h.
 */

#ifndef BLANKO_SUPPLY_H
#define BLANKO_SUPPLY_H

#include "blanko/inventory.h"

#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define INV_SUPPLY_HORIZON	60	/* Default horizon of the need, days ([supply] horizon_days) */
#define INV_SUPPLY_WEEKS	8	/* Weeks of new requests and spoilage measured */
#define INV_SUPPLY_MAX		1000000000000LL	/* Most blanks one request may ask */

typedef struct inv_supply_s		/* One request for blanks, as the events make it */
{
  int64_t	id;		/* Its supply.request event */
  const char	*time,		/* When it was recorded (UTC) */
		*actor,		/* Who recorded it */
		*date,		/* The letter's date, YYYY-MM-DD */
		*to,		/* Supplier or office asked */
		*ref,		/* The letter's reference */
		*basis,		/* Why so many, or "" */
		*state,		/* sent, partly-received, fulfilled, cancelled */
		*first_receipt,	/* Time of the first receipt that counts (UTC), or "" */
		*last_receipt,	/* ... of the last one, or "" */
		*cancelled,	/* When it was cancelled (UTC), or "" */
		*reason;	/* Why, or "" */
  int64_t	quantity,	/* Blanks asked */
		received,	/* Blanks received against it (voided receipts left out) */
		receipts;	/* Receipts that count */
} inv_supply_t;

typedef struct inv_supply_need_s	/* The need and its inputs */
{
  int		horizon;	/* Days ahead */
  int64_t	backlog,	/* Card requests waiting */
		recent,		/* Requests recorded in the last 8 weeks */
		issued,		/* Blanks issued in the last 8 weeks */
		spoiled,	/* Blanks spoiled in the last 8 weeks */
		on_hand,	/* Blanks in stores, print rooms and hoppers */
		need;		/* Blanks needed, >= 0 */
  double	weekly,		/* recent / 8 */
		expected,	/* weekly x horizon / 7 */
		spoilage;	/* spoiled / issued, or 0 */
  char		since[32];	/* Start of the 8 weeks measured (UTC) */
} inv_supply_need_t;

typedef void (*inv_supply_cb_t)(void *ctx, const inv_supply_t *supply);

extern inv_status_t	invSupplyRequest(inv_db_t *db, int64_t quantity, const char *basis, const char *ref, const char *date, const char *to, int64_t *event_id);
extern inv_status_t	invSupplyCancel(inv_db_t *db, int64_t id, const char *reason, int64_t *event_id);
extern inv_status_t	invSupplyList(inv_db_t *db, inv_supply_cb_t cb, void *ctx);
extern inv_status_t	invSupplyGet(inv_db_t *db, int64_t id, inv_supply_cb_t cb, void *ctx);
extern inv_status_t	invReceiveAgainst(inv_db_t *db, const char *supplier, const char *ref, const inv_list_t *serials, const char *to, int64_t expected, int64_t against, int64_t *event_id);
extern inv_status_t	invRequestWaitingCount(inv_db_t *db, int64_t *count);
extern inv_status_t	invSupplyNeed(inv_db_t *db, time_t now, int horizon, inv_supply_need_t *need);

#ifdef __cplusplus
}
#endif

#endif /* BLANKO_SUPPLY_H */
