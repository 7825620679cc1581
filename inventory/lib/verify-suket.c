/*
 * Verification of temporary certificates (suket, issue 15): the suket
 * table is replayed from the suket.* events (suket.c writes one per
 * change) and compared row by row: the request, number, state, day of
 * issue, last valid day and a cancellation's reason.  A change of state
 * must find the suket live (issued or extended).  See verify-private.h.
 */

#include "verify-private.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>


typedef struct vsuket_s			/* A suket as its events make it */
{
  int64_t	id,			/* Suket id */
		request;		/* Its card request */
  char		*number,		/* Official number */
		*reason;		/* Why cancelled, or NULL */
  const char	*state;			/* issued, extended, retrieved, expired, cancelled */
  char		issued[16],		/* Day of issue */
		valid_until[16];	/* Last valid day */
} vsuket_t;

struct verify_suket_s			/* State of the replay */
{
  vsuket_t	*sukets;		/* By id, ascending (ids are given in order) */
  size_t	nsukets, asukets;
  size_t	next;			/* The check's next replayed suket */
};


/* Start the replay; false when memory runs out. */
bool
verifySuketNew(verify_t *v)		/* I - Verification */
{
  return ((v->suket = calloc(1, sizeof(verify_suket_t))) != NULL);
}


/* Copy a YYYY-MM-DD day; false when it is not one. */
static bool
copy_day(char *dst, const char *src)
{
  if (!src || strlen(src) != 10)
    return (false);
  memcpy(dst, src, 11);
  return (true);
}


/* Replay a suket.* event. */
void
verifySuketReplay(verify_t *v,		/* I - Verification */
                  json_t   *d)		/* I - The event's detail, or NULL */
{
  verify_suket_t	*s = v->suket;
  json_int_t		id = 0, request = 0;
  const char		*number = NULL, *issued = NULL, *until = NULL, *reason = NULL;
  vsuket_t		*k;

  if (!d || json_unpack(d, "{s:I,s:I,s:s,s?s,s?s,s?s}", "suket", &id, "request", &request, "number", &number,
                        "issued", &issued, "valid_until", &until, "reason", &reason))
  {
    verifyFail(v, v->cur.id, _("event %" PRId64 " has unreadable detail"), v->cur.id);
    return;
  }
  if (v->cur_kind == EV_SUKET_ISSUE)
  {
    if ((s->nsukets && s->sukets[s->nsukets - 1].id >= id) || !issued || !until)
    {
      verifyFail(v, v->cur.id, _("event %" PRId64 " (%s) issues suket %" PRId64 " out of order or without its dates"),
                 v->cur.id, v->cur.kind, (int64_t)id);
      return;
    }
    if (!verifyGrow(v, (void **)&s->sukets, &s->asukets, s->nsukets, sizeof(vsuket_t)))
      return;
    k = s->sukets + s->nsukets;
    memset(k, 0, sizeof(*k));
    k->id = id;
    k->request = request;
    k->state = "issued";
    if (!(k->number = strdup(number)))
    {
      verifyFail(v, 0, "%s", i18nNoMemory());
      return;
    }
    s->nsukets ++;
    if (!copy_day(k->issued, issued) || !copy_day(k->valid_until, until))
      verifyFail(v, v->cur.id, _("event %" PRId64 " has unreadable detail"), v->cur.id);
    return;
  }

  if ((k = verifyFind(s->sukets, s->nsukets, sizeof(vsuket_t), offsetof(vsuket_t, id), id)) == NULL)
  {
    verifyFail(v, v->cur.id, _("event %" PRId64 " (%s) names suket %" PRId64 ", which was never issued"), v->cur.id,
               v->cur.kind, (int64_t)id);
    return;
  }
  if (strcmp(k->state, "issued") && strcmp(k->state, "extended"))
  {
    verifyFail(v, v->cur.id, _("event %" PRId64 " (%s) names suket %s, which was %s already"), v->cur.id,
               v->cur.kind, k->number, k->state);
    return;
  }
  switch (v->cur_kind)
  {
    case EV_SUKET_EXTEND :
      k->state = "extended";
      if (!copy_day(k->valid_until, until))
        verifyFail(v, v->cur.id, _("event %" PRId64 " has unreadable detail"), v->cur.id);
      break;
    case EV_SUKET_RETRIEVE :
      k->state = "retrieved";
      break;
    case EV_SUKET_EXPIRE :
      k->state = "expired";
      break;
    case EV_SUKET_CANCEL :
      k->state = "cancelled";
      if (reason && !(k->reason = strdup(reason)))
        verifyFail(v, 0, "%s", i18nNoMemory());
      break;
    default :
      break;
  }
}


/* Compare one row of the suket table with the replay (storeSuketList's callback). */
static void
check_row(void              *ctx,	/* I - Verification */
          const inv_suket_t *row)	/* I - Stored row */
{
  verify_t		*v = ctx;
  verify_suket_t	*s = v->suket;
  vsuket_t		*k = s->next < s->nsukets ? s->sukets + s->next : NULL;
  const char		*field = NULL;

  if (v->failed)
    return;
  if (!k || k->id != row->id)
  {
    verifyFail(v, 0, _("suket %" PRId64 " (%s) is in the table but no event issued it"), row->id, row->number);
    return;
  }
  s->next ++;
  if (row->request != k->request)
    field = "request";
  else if (strcmp(row->number, k->number))
    field = "number";
  else if (strcmp(row->state, k->state))
    field = "state";
  else if (strcmp(row->issued, k->issued))
    field = "issued";
  else if (strcmp(row->valid_until, k->valid_until))
    field = "valid_until";
  else if (strcmp(row->reason, k->reason ? k->reason : ""))
    field = "reason";
  if (field)
    verifyFail(v, 0, _("suket %" PRId64 " (%s): its %s in the table differs from its events"), row->id, k->number,
               field);
}


/* Compare the suket table with the replay. */
inv_status_t
verifySuketCheck(verify_t *v)		/* I - Verification */
{
  verify_suket_t	*s = v->suket;
  inv_status_t		status;

  s->next = 0;
  if ((status = storeSuketList(v->db, NULL, NULL, check_row, v)) != INV_OK)
    return (status);
  if (!v->failed && s->next < s->nsukets)
    verifyFail(v, 0, _("suket %" PRId64 " (%s) was issued but is missing from the table"), s->sukets[s->next].id,
               s->sukets[s->next].number);
  return (INV_OK);
}


/* Free the replay. */
void
verifySuketFree(verify_t *v)		/* I - Verification */
{
  if (v->suket)
  {
    for (size_t i = 0; i < v->suket->nsukets; i ++)
    {
      free(v->suket->sukets[i].number);
      free(v->suket->sukets[i].reason);
    }
    free(v->suket->sukets);
    free(v->suket);
    v->suket = NULL;
  }
}
