/*
 * Requests for blanks and their fulfilment, and the blanks the office
 * needs (issue 15).  See blanko/supply.h.
 *
 * A request lives in the chain only: its supply.request event, the
 * receipts whose detail names it ("against"), the voids of those receipts
 * and its supply.cancel event.  Every read replays them, so that what
 * verify checks (the chain) is all there is to trust.
 */

#include "chain-private.h"
#include "events-private.h"
#include "ledger-private.h"
#include "blanko/date.h"
#include "blanko/i18n.h"
#include "blanko/supply.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

typedef struct sreceipt_s		/* A receipt against a request */
{
  int64_t	event,			/* The receive event */
		request,		/* The request it answers */
		count;			/* Blanks it brought */
  char		time[32];		/* When (UTC) */
  bool		voided;			/* A receive.void gave them back */
} sreceipt_t;

typedef struct sitem_s			/* A request being replayed */
{
  inv_supply_t	pub;
  char		*strings[8];		/* What pub's text points at (owned) */
  char		first[32], last[32];	/* Receipt times */
} sitem_t;

typedef struct sset_s			/* Every request, replayed */
{
  sitem_t	*items;
  size_t	count, alloc;
  sreceipt_t	*receipts;
  size_t	nreceipts, ralloc;
  bool		failed;			/* Out of memory */
} sset_t;


/* A copy of a JSON member's text ("" when absent), kept in the item. */
static const char *
item_text(sitem_t *it, int slot, json_t *obj, const char *key)
{
  const char *s = json_string_value(json_object_get(obj, key));

  it->strings[slot] = strdup(s ? s : "");
  return (it->strings[slot] ? it->strings[slot] : "");
}


/* Find a request by id, or NULL. */
static sitem_t *
set_find(sset_t *set, int64_t id)
{
  for (size_t i = 0; i < set->count; i ++)
    if (set->items[i].pub.id == id)
      return (set->items + i);
  return (NULL);
}


/* Keep a supply.request event. */
static int
set_request(void *ctx, const store_event_row_t *e, int64_t moved)
{
  sset_t	*set = ctx;
  sitem_t	*it;
  json_t	*d = json_loads(e->detail, 0, NULL);

  (void)moved;
  if (set->count == set->alloc)
  {
    size_t	alloc = set->alloc ? 2 * set->alloc : 16;
    sitem_t	*items = realloc(set->items, alloc * sizeof(sitem_t));

    if (!items)
    {
      json_decref(d);
      set->failed = true;
      return (1);
    }
    set->items = items;
    set->alloc = alloc;
  }
  it = set->items + set->count ++;
  memset(it, 0, sizeof(*it));
  it->pub.id = e->id;
  it->pub.quantity = (int64_t)json_integer_value(json_object_get(d, "quantity"));
  it->pub.date = item_text(it, 0, d, "date");
  it->pub.to = item_text(it, 1, d, "to");
  it->pub.basis = item_text(it, 2, d, "basis");
  it->strings[3] = strdup(e->ref ? e->ref : "");
  it->strings[4] = strdup(e->time);
  it->strings[5] = strdup(e->actor);
  it->pub.ref = it->strings[3] ? it->strings[3] : "";
  it->pub.time = it->strings[4] ? it->strings[4] : "";
  it->pub.actor = it->strings[5] ? it->strings[5] : "";
  it->pub.cancelled = it->pub.reason = "";
  json_decref(d);
  if (!it->strings[0] || !it->strings[1] || !it->strings[2] || !it->strings[3] || !it->strings[4] || !it->strings[5])
    set->failed = true;
  return (set->failed);
}


/* Apply a supply.cancel event. */
static int
set_cancel(void *ctx, const store_event_row_t *e, int64_t moved)
{
  sset_t	*set = ctx;
  json_t	*d = json_loads(e->detail, 0, NULL);
  sitem_t	*it = set_find(set, (int64_t)json_integer_value(json_object_get(d, "request")));

  (void)moved;
  if (it)
  {
    it->pub.reason = item_text(it, 6, d, "reason");
    it->strings[7] = strdup(e->time);
    it->pub.cancelled = it->strings[7] ? it->strings[7] : "";
    if (!it->strings[6] || !it->strings[7])
      set->failed = true;
  }
  json_decref(d);
  return (set->failed);
}


/* Keep a receive event that names a request. */
static int
set_receipt(void *ctx, const store_event_row_t *e, int64_t moved)
{
  sset_t	*set = ctx;
  json_t	*d;
  int64_t	against;

  (void)moved;
  if (!e->detail || !strstr(e->detail, "\"against\""))
    return (0);
  d = json_loads(e->detail, 0, NULL);
  if ((against = (int64_t)json_integer_value(json_object_get(d, "against"))) > 0)
  {
    if (set->nreceipts == set->ralloc)
    {
      size_t	alloc = set->ralloc ? 2 * set->ralloc : 16;
      sreceipt_t *r = realloc(set->receipts, alloc * sizeof(sreceipt_t));

      if (!r)
      {
        json_decref(d);
        set->failed = true;
        return (1);
      }
      set->receipts = r;
      set->ralloc = alloc;
    }
    set->receipts[set->nreceipts].event = e->id;
    set->receipts[set->nreceipts].request = against;
    set->receipts[set->nreceipts].count = (int64_t)json_integer_value(json_object_get(d, "count"));
    snprintf(set->receipts[set->nreceipts].time, sizeof(set->receipts[0].time), "%s", e->time);
    set->receipts[set->nreceipts ++].voided = false;
  }
  json_decref(d);
  return (0);
}


/* Apply a receive.void event: its receipt no longer counts. */
static int
set_void(void *ctx, const store_event_row_t *e, int64_t moved)
{
  sset_t	*set = ctx;
  json_t	*d = json_loads(e->detail, 0, NULL);
  int64_t	receipt = (int64_t)json_integer_value(json_object_get(d, "receipt"));

  (void)moved;
  for (size_t i = 0; i < set->nreceipts; i ++)
    if (set->receipts[i].event == receipt)
      set->receipts[i].voided = true;
  json_decref(d);
  return (0);
}


/* Free a replayed set. */
static void
set_free(sset_t *set)
{
  for (size_t i = 0; i < set->count; i ++)
    for (int k = 0; k < 8; k ++)
      free(set->items[i].strings[k]);
  free(set->items);
  free(set->receipts);
  memset(set, 0, sizeof(*set));
}


/* Replay every request for blanks from the chain. */
static inv_status_t
set_load(inv_db_t *db,			/* I - Ledger */
         sset_t   *set)			/* O - The requests */
{
  inv_status_t status;

  memset(set, 0, sizeof(*set));
  if ((status = storeEventsOfKind(db, eventName(EV_SUPPLY_REQUEST), "", "9999", set_request, set)) != INV_OK ||
      (!set->failed && set->count &&
       ((status = storeEventsOfKind(db, eventName(EV_SUPPLY_CANCEL), "", "9999", set_cancel, set)) != INV_OK ||
        (status = storeEventsOfKind(db, eventName(EV_RECEIVE), "", "9999", set_receipt, set)) != INV_OK ||
        (status = storeEventsOfKind(db, eventName(EV_RECEIVE_VOID), "", "9999", set_void, set)) != INV_OK)))
  {
    set_free(set);
    return (status);
  }
  if (set->failed)
  {
    set_free(set);
    return (_invDbNoMemory(db));
  }
  for (size_t i = 0; i < set->nreceipts; i ++)
  {
    sreceipt_t	*r = set->receipts + i;
    sitem_t	*it = set_find(set, r->request);

    if (!it || r->voided)
      continue;
    it->pub.received += r->count;
    if (!it->pub.receipts ++)
      snprintf(it->first, sizeof(it->first), "%s", r->time);
    snprintf(it->last, sizeof(it->last), "%s", r->time);
  }
  for (size_t i = 0; i < set->count; i ++)
  {
    sitem_t *it = set->items + i;

    it->pub.first_receipt = it->first;
    it->pub.last_receipt = it->last;
    it->pub.state = it->pub.cancelled[0] ? "cancelled" : it->pub.received >= it->pub.quantity ? "fulfilled" :
                    it->pub.received > 0 ? "partly-received" : "sent";
  }
  return (INV_OK);
}


/* Record a request for blanks to a supplier or a higher office. */
inv_status_t
invSupplyRequest(inv_db_t   *db,	/* I - Ledger */
                 int64_t    quantity,	/* I - Blanks asked */
                 const char *basis,	/* I - Why so many (free text), or NULL */
                 const char *ref,	/* I - The letter's reference */
                 const char *date,	/* I - The letter's date (YYYY-MM-DD), or NULL for today */
                 const char *to,	/* I - Supplier or office asked */
                 int64_t    *event_id)	/* O - Event id (the request's id), or NULL */
{
  char		today[16], why[160];
  char		*detail;
  inv_status_t	status;

  if ((status = chainCheckText(db, _("the letter's reference"), ref, true)) != INV_OK ||
      (status = chainCheckText(db, _("the supplier or office"), to, true)) != INV_OK ||
      (status = chainCheckText(db, _("the basis"), basis, false)) != INV_OK)
    return (status);
  if (quantity <= 0 || quantity > INV_SUPPLY_MAX)
    return (_invDbSetError(db, INV_REFUSED, _("the quantity must be 1 to %lld blanks"), (long long)INV_SUPPLY_MAX));
  invDateLocalToday(time(NULL), today, sizeof(today));
  if (!date)
    date = today;
  else if (!invDateParse(date, 0, NULL, why, sizeof(why)))
    return (_invDbSetError(db, INV_REFUSED, _("bad date \"%s\": %s"), date, why));
  else if (strcmp(date, today) > 0)
    return (_invDbSetError(db, INV_REFUSED, _("the letter's date %s is after today (%s)"), date, today));
  if ((detail = chainDetailCopy(json_pack("{s:I,s:s,s:s,s:s}", "quantity", (json_int_t)quantity, "basis",
                                          basis ? basis : "", "to", to, "date", date))) == NULL)
    return (_invDbNoMemory(db));
  status = _invEventAppend(db, eventName(EV_SUPPLY_REQUEST), ref, detail, event_id);
  free(detail);
  return (status);
}


/* Find one request in a replayed set, refusing an unknown id. */
static inv_status_t
set_get(inv_db_t *db, sset_t *set, int64_t id, sitem_t **it)
{
  if ((*it = set_find(set, id)) == NULL)
    return (_invDbSetError(db, INV_REFUSED, _("there is no request for blanks %" PRId64), id));
  return (INV_OK);
}


/* Refuse a request for blanks that is unknown, cancelled or fulfilled
 * (a receipt against it, or its cancellation). */
inv_status_t
_invSupplyCheckOpen(inv_db_t *db,	/* I - Ledger */
                    int64_t  id)	/* I - The request */
{
  sset_t	set;
  sitem_t	*it;
  inv_status_t	status;

  if ((status = set_load(db, &set)) != INV_OK)
    return (status);
  if ((status = set_get(db, &set, id, &it)) == INV_OK && strcmp(it->pub.state, "sent") &&
      strcmp(it->pub.state, "partly-received"))
    status = _invDbSetError(db, INV_REFUSED, _("request for blanks %" PRId64 " is %s already"), id,
                            !strcmp(it->pub.state, "cancelled") ? _("cancelled") : _("fulfilled"));
  set_free(&set);
  return (status);
}


/* Cancel a request for blanks that is sent or partly received. */
inv_status_t
invSupplyCancel(inv_db_t   *db,		/* I - Ledger */
                int64_t    id,		/* I - The request */
                const char *reason,	/* I - Why */
                int64_t    *event_id)	/* O - Event id, or NULL */
{
  char		ref[32], *detail;
  inv_status_t	status;

  if ((status = chainCheckText(db, _("the reason"), reason, true)) != INV_OK ||
      (status = _invSupplyCheckOpen(db, id)) != INV_OK)
    return (status);
  snprintf(ref, sizeof(ref), "supply-%" PRId64, id);
  if ((detail = chainDetailCopy(json_pack("{s:I,s:s}", "request", (json_int_t)id, "reason", reason))) == NULL)
    return (_invDbNoMemory(db));
  status = _invEventAppend(db, eventName(EV_SUPPLY_CANCEL), ref, detail, event_id);
  free(detail);
  return (status);
}


/* Call cb for every request for blanks, oldest first. */
inv_status_t
invSupplyList(inv_db_t        *db,	/* I - Ledger */
              inv_supply_cb_t cb,	/* I - Callback */
              void            *ctx)	/* I - Its context */
{
  sset_t	set;
  inv_status_t	status;

  if ((status = set_load(db, &set)) != INV_OK)
    return (status);
  for (size_t i = 0; i < set.count; i ++)
    cb(ctx, &set.items[i].pub);
  set_free(&set);
  return (INV_OK);
}


/* Call cb for one request for blanks; refused when there is none. */
inv_status_t
invSupplyGet(inv_db_t        *db,	/* I - Ledger */
             int64_t         id,	/* I - The request */
             inv_supply_cb_t cb,	/* I - Callback */
             void            *ctx)	/* I - Its context */
{
  sset_t	set;
  sitem_t	*it;
  inv_status_t	status;

  if ((status = set_load(db, &set)) != INV_OK)
    return (status);
  if ((status = set_get(db, &set, id, &it)) == INV_OK)
    cb(ctx, &it->pub);
  set_free(&set);
  return (status);
}


/* How many card requests wait for a card (pending, submitted, failed, suspect): the backlog. */
inv_status_t
invRequestWaitingCount(inv_db_t *db,	/* I - Ledger */
                       int64_t  *count)	/* O - Requests waiting */
{
  return (storeRequestWaitingCount(db, count));
}


/* Sum what left the office's stock for issued and spoiled cards. */
static void
need_use(void *ctx, const inv_total_t *t)
{
  inv_supply_need_t	*n = ctx;
  bool			from_stock = t->from_kind == INV_KIND_STORE || t->from_kind == INV_KIND_PRINTROOM ||
                                     t->from_kind == INV_KIND_HOPPER;

  if (from_stock && !strcmp(t->to, "issued"))
    n->issued += t->serials;
  else if (from_stock && !strcmp(t->to, "spoiled"))
    n->spoiled += t->serials;
}


/* Sum the blanks on hand. */
static void
need_account(void *ctx, const inv_account_t *a)
{
  inv_supply_need_t *n = ctx;

  if (a->kind == INV_KIND_STORE || a->kind == INV_KIND_PRINTROOM || a->kind == INV_KIND_HOPPER)
    n->on_hand += a->balance;
}


/* The blanks the office needs over the next horizon days, with its inputs
 * (the formula is in blanko/supply.h). */
inv_status_t
invSupplyNeed(inv_db_t          *db,	/* I - Ledger */
              time_t            now,	/* I - Now */
              int               horizon,/* I - Days ahead (1 or more) */
              inv_supply_need_t *need)	/* O - The need and its inputs */
{
  time_t	since = now - INV_SUPPLY_WEEKS * 7 * 86400;
  struct tm	tm;
  inv_status_t	status;
  double	v;

  memset(need, 0, sizeof(*need));
  need->horizon = horizon;
  gmtime_r(&since, &tm);
  strftime(need->since, sizeof(need->since), "%Y-%m-%dT%H:%M:%S", &tm);
  if ((status = storeRequestWaitingCount(db, &need->backlog)) != INV_OK ||
      (status = storeRequestCreated(db, need->since, "9999", &need->recent)) != INV_OK ||
      (status = invMovementTotals(db, need->since, NULL, false, need_use, need)) != INV_OK ||
      (status = invAccountList(db, need_account, need)) != INV_OK)
    return (status);
  need->weekly = (double)need->recent / INV_SUPPLY_WEEKS;
  need->expected = need->weekly * horizon / 7.0;
  need->spoilage = need->issued > 0 ? (double)need->spoiled / (double)need->issued : 0.0;
  v = ((double)need->backlog + need->expected) * (1.0 + need->spoilage) - (double)need->on_hand;
  if (v > 1e-9)				/* rounded up, without libm (the library links none) */
  {
    need->need = (int64_t)v;
    need->need += (double)need->need < v - 1e-9;
  }
  return (INV_OK);
}
