/*
 * Verification of requests for blanks (issue 15): their state is kept in
 * no table, only in the chain (supply.c), so verify replays the same rules
 * the writers follow: a receipt names a request that was made before it
 * and is neither cancelled nor fulfilled; a cancellation names an open
 * one; a voided receipt no longer counts for its request.  See
 * verify-private.h.
 */

#include "verify-private.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>


typedef struct vsupply_s		/* A request as its events make it */
{
  int64_t	id,			/* Its supply.request event */
		quantity,		/* Blanks asked */
		received;		/* Blanks received (voided receipts left out) */
  bool		cancelled;
} vsupply_t;

typedef struct vreceipt_s		/* A receipt against a request */
{
  int64_t	event, request, count;
} vreceipt_t;

struct verify_supply_s			/* State of the replay */
{
  vsupply_t	*requests;		/* By event id, ascending */
  size_t	nrequests, arequests;
  vreceipt_t	*receipts;		/* By event id, ascending */
  size_t	nreceipts, areceipts;
};


/* Start the replay; false when memory runs out. */
bool
verifySupplyNew(verify_t *v)		/* I - Verification */
{
  return ((v->supply = calloc(1, sizeof(verify_supply_t))) != NULL);
}


/* Find a request by its event id, or NULL. */
static vsupply_t *
find_request(verify_supply_t *s, int64_t id)
{
  return (verifyFind(s->requests, s->nrequests, sizeof(vsupply_t), offsetof(vsupply_t, id), id));
}


/* An open request named by the current event, or NULL after a failure. */
static vsupply_t *
open_request(verify_t *v, int64_t id)
{
  vsupply_t *r = find_request(v->supply, id);

  if (!r)
    verifyFail(v, v->cur.id, _("event %" PRId64 " (%s) names request for blanks %" PRId64 ", which was never made"),
               v->cur.id, v->cur.kind, id);
  else if (r->cancelled || r->received >= r->quantity)
    verifyFail(v, v->cur.id, _("event %" PRId64 " (%s) names request for blanks %" PRId64 ", which was %s already"),
               v->cur.id, v->cur.kind, id, r->cancelled ? _("cancelled") : _("fulfilled"));
  else
    return (r);
  return (NULL);
}


/* Replay an event that makes, answers or cancels a request for blanks. */
void
verifySupplyReplay(verify_t *v,		/* I - Verification */
                   json_t   *d)		/* I - The event's detail, or NULL */
{
  verify_supply_t	*s = v->supply;
  json_int_t		n = 0, id = 0;
  vsupply_t		*r;
  vreceipt_t		*rc;

  switch (v->cur_kind)
  {
    case EV_SUPPLY_REQUEST :
      if (!d || json_unpack(d, "{s:I}", "quantity", &n) || n < 1)
      {
        verifyFail(v, v->cur.id, _("event %" PRId64 " has unreadable detail"), v->cur.id);
        return;
      }
      if (!verifyGrow(v, (void **)&s->requests, &s->arequests, s->nrequests, sizeof(vsupply_t)))
        return;
      s->requests[s->nrequests ++] = (vsupply_t){ v->cur.id, n, 0, false };
      break;

    case EV_SUPPLY_CANCEL :
      if (!d || json_unpack(d, "{s:I}", "request", &id))
      {
        verifyFail(v, v->cur.id, _("event %" PRId64 " has unreadable detail"), v->cur.id);
        return;
      }
      if ((r = open_request(v, id)) != NULL)
        r->cancelled = true;
      break;

    case EV_RECEIVE :
      if (!d || !json_object_get(d, "against"))
        return;
      if (json_unpack(d, "{s:I,s:I}", "against", &id, "count", &n))
      {
        verifyFail(v, v->cur.id, _("event %" PRId64 " has unreadable detail"), v->cur.id);
        return;
      }
      if ((r = open_request(v, id)) == NULL)
        return;
      if (!verifyGrow(v, (void **)&s->receipts, &s->areceipts, s->nreceipts, sizeof(vreceipt_t)))
        return;
      r->received += n;
      s->receipts[s->nreceipts ++] = (vreceipt_t){ v->cur.id, id, n };
      break;

    case EV_RECEIVE_VOID :
      if (d && !json_unpack(d, "{s:I}", "receipt", &id) &&
          (rc = verifyFind(s->receipts, s->nreceipts, sizeof(vreceipt_t), offsetof(vreceipt_t, event), id)) != NULL &&
          (r = find_request(s, rc->request)) != NULL)
      {
        r->received -= rc->count;
        rc->count = 0;
      }
      break;

    default :
      break;
  }
}


/* Free the replay. */
void
verifySupplyFree(verify_t *v)		/* I - Verification */
{
  if (v->supply)
  {
    free(v->supply->requests);
    free(v->supply->receipts);
    free(v->supply);
    v->supply = NULL;
  }
}
