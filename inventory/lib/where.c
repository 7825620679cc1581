/*
 * Where a resident's card is (issue 14 item 8, issue 16 item 4): the one
 * answer of the complaints desk (printctl where) and of the resident's web
 * page; and the office's delivery figures for the dashboard.  See
 * blanko/distribution.h.
 *
 * Nothing here touches a resident's name or address: the NIK finds the
 * request, the request its card, the card's last move its place.
 */

#include "ledger-private.h"
#include "blanko/distribution.h"
#include "blanko/request.h"
#include "blanko/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>


/* Keep the latest live request of the NIK (else the latest of all). */
static void
where_request(void                *ctx,	/* I - inv_where_t */
              const inv_request_t *r)	/* I - One of the NIK's requests */
{
  inv_where_t	*w = ctx;
  bool		live = strcmp(r->state, "cancelled") && strcmp(r->state, "superseded"),
		had_live = w->request && strcmp(w->request_state, "cancelled") &&
		           strcmp(w->request_state, "superseded");

  if (had_live && !live)
    return;
  w->request = r->id;
  snprintf(w->request_state, sizeof(w->request_state), "%s", r->state);
  snprintf(w->updated, sizeof(w->updated), "%s", r->updated ? r->updated : "");
  snprintf(w->serial, sizeof(w->serial), "%s", r->serial ? r->serial : "");
  snprintf(w->printed, sizeof(w->printed), "%s", r->issue_date ? r->issue_date : "");
  snprintf(w->recorded, sizeof(w->recorded), "%s", r->recorded && *r->recorded ? r->recorded : "");
  if (!w->recorded[0])
    invDateLocalDate(r->created, w->recorded, sizeof(w->recorded));
}


/* Keep the card's last move (history is oldest first). */
static void
where_move(void                 *ctx,	/* I - inv_where_t */
           const inv_movement_t *m)	/* I - One move of the serial */
{
  inv_where_t *w = ctx;

  snprintf(w->account, sizeof(w->account), "%s", m->to);
  snprintf(w->since, sizeof(w->since), "%s", m->event->time);
}


/* Where a resident's card is now, by NIK. */
inv_status_t
invCardWhere(inv_db_t    *db,		/* I - Ledger */
             const char  *nik,		/* I - The resident's NIK */
             inv_where_t *w)		/* O - The answer */
{
  const char	*to;
  inv_status_t	status;

  memset(w, 0, sizeof(*w));
  if ((status = invRequestList(db, NULL, nik, where_request, w)) != INV_OK)
    return (status);
  if (!w->request)
    return (INV_OK);				/* INV_WHERE_NONE */
  if (!strcmp(w->request_state, "printed") && w->serial[0] &&
      (status = invHistory(db, w->serial, where_move, w)) != INV_OK)
    return (status);

  if (!strcmp(w->request_state, "cancelled"))
    w->state = INV_WHERE_CANCELLED;
  else if (strcmp(w->request_state, "printed") || !w->account[0])
    w->state = INV_WHERE_PENDING;
  else if (!strcmp(w->account, "issued"))
    w->state = INV_WHERE_OFFICE;
  else if (!strcmp(w->account, "delivered"))
    w->state = INV_WHERE_DELIVERED;
  else if (!strcmp(w->account, "returned"))
    w->state = INV_WHERE_RETURNED;
  else if (!strcmp(w->account, "lost") || !strcmp(w->account, "reported-lost"))
    w->state = INV_WHERE_LOST;
  else
  {
    bool transit = !strncmp(w->account, INV_TRANSIT_PREFIX, strlen(INV_TRANSIT_PREFIX));

    to = transit ? w->account + strlen(INV_TRANSIT_PREFIX) : w->account;
    if (invPlaceGet(db, to, &w->place) == INV_OK)
      w->state = transit ? INV_WHERE_TRANSIT : INV_WHERE_PLACE;
    else
    {
      memset(&w->place, 0, sizeof(w->place));
      w->state = INV_WHERE_OTHER;		/* spoiled, invalid, destroyed, ... */
    }
  }
  return (INV_OK);
}


/* Sum the balances of the accounts by kind. */
static void
sum_account(void                *ctx,	/* I - inv_delivery_sum_t */
            const inv_account_t *a)	/* I - Account */
{
  inv_delivery_sum_t *s = ctx;

  if (!strcmp(a->code, "issued"))
    s->office += a->balance;
  else if (a->kind == INV_KIND_TRANSIT)
    s->transit += a->balance;
  else if (a->kind == INV_KIND_KECAMATAN)
    s->kecamatan += a->balance;
  else if (a->kind == INV_KIND_KELURAHAN)
    s->kelurahan += a->balance;
}


/* Count the cards handed to their holders. */
static void
sum_delivered(void              *ctx,	/* I - inv_delivery_sum_t */
              const inv_total_t *t)	/* I - Serials moved */
{
  inv_delivery_sum_t *s = ctx;

  if (!strcmp(t->to, "delivered") && strcmp(t->from, "delivered"))
    s->delivered_recent += t->serials;
  else if (!strcmp(t->from, "delivered") && strcmp(t->to, "delivered"))
    s->delivered_recent -= t->serials;		/* a correction taken back */
}


/* Count the cards held too long at a place. */
static void
sum_unclaimed(void             *ctx,	/* I - inv_delivery_sum_t */
              const inv_aged_t *a)	/* I - Cards since one arrival */
{
  inv_delivery_sum_t *s = ctx;

  s->unclaimed += a->range->last - a->range->first + 1;
}


/* The office's delivery figures: balances of the accounts, the hourly
   totals of the last days days and the unclaimed list; never a scan per
   card. */
inv_status_t
invDeliverySummary(inv_db_t           *db,	/* I - Ledger */
                   time_t             now,	/* I - Now */
                   int                days,	/* I - Window of delivered_recent, days */
                   int                limit,	/* I - Days at a place before unclaimed */
                   inv_delivery_sum_t *s)	/* O - Figures */
{
  time_t	from = now - (time_t)days * 86400;
  struct tm	tm;
  char		since[32];
  inv_status_t	status;

  memset(s, 0, sizeof(*s));
  s->days = days;
  s->limit = limit;
  gmtime_r(&from, &tm);
  strftime(since, sizeof(since), "%Y-%m-%dT%H:%M:%S.000Z", &tm);
  if ((status = invAccountList(db, sum_account, s)) != INV_OK ||
      (status = invMovementTotals(db, since, NULL, false, sum_delivered, s)) != INV_OK ||
      (status = invUnclaimedList(db, NULL, limit, now, sum_unclaimed, s)) != INV_OK)
    return (status);
  s->undelivered = s->office + s->transit + s->kecamatan + s->kelurahan;
  return (INV_OK);
}
