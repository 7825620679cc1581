/*
 * Temporary certificates (suket, issue 15 item 4).  See blanko/suket.h.
 *
 * The suket table holds each one's state; every change is a suket.* event
 * in the same transaction, whose detail names the suket, its request, its
 * number and dates, never the resident.
 */

#include "chain-private.h"
#include "events-private.h"
#include "ledger-private.h"
#include "store.h"
#include "blanko/date.h"
#include "blanko/i18n.h"
#include "blanko/request.h"
#include "blanko/suket.h"
#include "blanko/words.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>


typedef struct suket_copy_s		/* One suket copied out of its row */
{
  int64_t	id, request;
  char		nik[INV_NIK_LEN + 1], number[INV_NUMBER_MAX], state[16], issued[16], valid_until[16];
} suket_copy_t;


/* Copy a suket row (callback). */
static void
suket_copy(void              *ctx,	/* I - suket_copy_t */
           const inv_suket_t *s)	/* I - Row */
{
  suket_copy_t *c = ctx;

  c->id = s->id;
  c->request = s->request;
  snprintf(c->nik, sizeof(c->nik), "%s", s->nik);
  snprintf(c->number, sizeof(c->number), "%s", s->number);
  snprintf(c->state, sizeof(c->state), "%s", s->state);
  snprintf(c->issued, sizeof(c->issued), "%s", s->issued);
  snprintf(c->valid_until, sizeof(c->valid_until), "%s", s->valid_until);
}


/* The office's format of suket numbers. */
void
invSuketSetNumberFormat(inv_db_t   *db,	/* I - Ledger */
                        const char *format)	/* I - Format, NULL or "" for the default */
{
  if (db)
    snprintf(db->suket_format, sizeof(db->suket_format), "%s", format ? format : "");
}


/* Is a state live? */
bool
invSuketStateIsLive(const char *state)	/* I - Stored state */
{
  return (state && (!strcmp(state, "issued") || !strcmp(state, "extended")));
}


/* The state of a suket on an office day. */
const char *
invSuketState(const inv_suket_t *s,	/* I - Suket */
              const char        *today)	/* I - Office day, YYYY-MM-DD */
{
  if (invSuketStateIsLive(s->state) && today && strcmp(s->valid_until, today) < 0)
    return ("expired");
  return (s->state);
}


/* Append a suket event: kind, the suket, and what changed. */
static inv_status_t
suket_event(inv_db_t           *db,	/* I - Ledger */
            event_id_t         kind,	/* I - EV_SUKET_* */
            const suket_copy_t *c,	/* I - The suket */
            const char         *valid_until,	/* I - Last valid day, or NULL */
            const char         *reason)	/* I - Reason, or NULL */
{
  json_t	*o = json_pack("{s:I,s:I,s:s}", "suket", (json_int_t)c->id, "request", (json_int_t)c->request,
			       "number", c->number);
  char		*detail;
  inv_status_t	status;

  if (o && kind == EV_SUKET_ISSUE)
    json_object_set_new(o, "issued", json_string(c->issued));
  if (o && valid_until)
    json_object_set_new(o, "valid_until", json_string(valid_until));
  if (o && reason)
    json_object_set_new(o, "reason", json_string(reason));
  if (!(detail = chainDetailCopy(o)))
    return (_invDbNoMemory(db));
  status = _invEventAppend(db, eventName(kind), c->number, detail, NULL);
  free(detail);
  return (status);
}


/* Move a suket to a new state with its event. */
static inv_status_t
suket_change(inv_db_t           *db,	/* I - Ledger */
             const suket_copy_t *c,	/* I - The suket */
             event_id_t         kind,	/* I - Event */
             const char         *state,	/* I - New state */
             const char         *valid_until,	/* I - New last day, or NULL */
             const char         *reason)	/* I - Reason, or NULL */
{
  char		now[32];
  inv_status_t	status;

  chainTimeNow(now, sizeof(now));
  if ((status = storeSuketSetState(db, c->id, state, valid_until, now, reason)) != INV_OK)
    return (status);
  return (suket_event(db, kind, c, kind == EV_SUKET_EXPIRE ? c->valid_until : valid_until, reason));
}


/* Find a live suket by id, refusing otherwise. */
static inv_status_t
suket_live(inv_db_t     *db,		/* I - Ledger */
           int64_t      id,		/* I - Suket id */
           suket_copy_t *c)		/* O - The suket */
{
  bool		found;
  inv_status_t	status;
  char		today[16];

  memset(c, 0, sizeof(*c));
  if ((status = storeSuketGet(db, id, suket_copy, c, &found)) != INV_OK)
    return (status);
  if (!found)
    return (_invDbSetError(db, INV_REFUSED, _("no suket has the id %lld"), (long long)id));
  if (!invSuketStateIsLive(c->state))
    return (_invDbSetError(db, INV_REFUSED, _("suket %s is %s"), c->number, c->state));
  invDateLocalToday(0, today, sizeof(today));
  if (strcmp(c->valid_until, today) < 0)
    return (_invDbSetError(db, INV_REFUSED, _("suket %s expired after %s"), c->number, c->valid_until));
  return (INV_OK);
}


/* What a request tells a suket (callback of invRequestGet). */
typedef struct suket_req_s
{
  bool		found;
  char		nik[INV_NIK_LEN + 1], state[16], district[128];
} suket_req_t;

static void
suket_req(void                *ctx,	/* I - suket_req_t */
          const inv_request_t *r)	/* I - Request */
{
  suket_req_t	*q = ctx;
  json_t	*f = json_loads(r->fields ? r->fields : "{}", 0, NULL);
  const char	*d = json_string_value(json_object_get(f, "district"));

  q->found = true;
  snprintf(q->nik, sizeof(q->nik), "%s", r->nik);
  snprintf(q->state, sizeof(q->state), "%s", r->state);
  snprintf(q->district, sizeof(q->district), "%s", d ? d : "");
  json_decref(f);
}


/* The validity asked, or a refusal. */
static inv_status_t
suket_days(inv_db_t *db,		/* I - Ledger */
           int      *days)		/* IO - Days (0: the default) */
{
  if (*days == 0)
    *days = INV_SUKET_DAYS;
  if (*days < 1 || *days > INV_SUKET_DAYS_MAX)
    return (_invDbSetError(db, INV_USAGE, _("a suket is valid 1 to %d days"), INV_SUKET_DAYS_MAX));
  return (INV_OK);
}


/* Issue a suket for a live card request. */
inv_status_t
invSuketIssue(inv_db_t *db,		/* I - Ledger */
              int64_t  request,		/* I - Card request */
              int      valid_days,	/* I - Days valid, 0 for INV_SUKET_DAYS */
              int64_t  *id)		/* O - Suket id, or NULL */
{
  static const char default_format[] = "{seq:04}/SKT/{month:roman}/{year}";
  suket_req_t	q;
  suket_copy_t	old, c;
  bool		found;
  inv_status_t	status;
  int64_t	seq;
  char		today[16], until[16], now[32];
  const char	*format;
  time_t	clock = time(NULL);
  struct tm	tm;

  memset(&q, 0, sizeof(q));
  memset(&old, 0, sizeof(old));
  if ((status = suket_days(db, &valid_days)) != INV_OK ||
      (status = invRequestGet(db, request, suket_req, &q)) != INV_OK)
    return (status);
  if (!q.found)
    return (_invDbSetError(db, INV_REFUSED, _("no card request has the id %lld"), (long long)request));
  if (strcmp(q.state, "pending") && strcmp(q.state, "submitted") && strcmp(q.state, "failed") && strcmp(q.state, "suspect"))
    return (_invDbSetError(db, INV_REFUSED, _("request #%lld is %s: a suket is only for a resident whose card waits"),
                          (long long)request, q.state));
  if ((status = storeSuketGetLive(db, q.nik, 0, suket_copy, &old, &found)) != INV_OK)
    return (status);
  invDateLocalToday(clock, today, sizeof(today));
  if (found && strcmp(old.valid_until, today) >= 0)
    return (_invDbSetError(db, INV_REFUSED, _("this resident holds suket %s already, valid until %s"), old.number,
                          old.valid_until));
  if (found && (status = suket_change(db, &old, EV_SUKET_EXPIRE, "expired", NULL, NULL)) != INV_OK)
    return (status);

  localtime_r(&clock, &tm);
  format = db->suket_format[0] ? db->suket_format : default_format;
  if ((status = storeSuketNextSeq(db, tm.tm_year + 1900, &seq)) != INV_OK)
    return (status);
  memset(&c, 0, sizeof(c));
  if (!invNumberFormat(format, seq, tm.tm_year + 1900, tm.tm_mon + 1, c.number, sizeof(c.number)))
    return (_invDbSetError(db, INV_REFUSED, _("the number format \"%s\" is not usable"), format));
  if (!invDateAddDays(today, valid_days - 1, until, sizeof(until)))
    return (_invDbSetError(db, INV_ERROR, _("cannot compute the last valid day")));
  chainTimeNow(now, sizeof(now));
  c.request = request;
  snprintf(c.issued, sizeof(c.issued), "%s", today);
  {
    inv_suket_t s = { 0, request, q.nik, c.number, "issued", today, until, now, q.district, "" };

    if ((status = storeSuketInsert(db, &s, tm.tm_year + 1900, seq, &c.id)) != INV_OK)
      return (status);
  }
  if (id)
    *id = c.id;
  return (suket_event(db, EV_SUKET_ISSUE, &c, until, NULL));
}


/* Extend a live suket. */
inv_status_t
invSuketExtend(inv_db_t *db,		/* I - Ledger */
               int64_t  id,		/* I - Suket */
               int      valid_days)	/* I - Days from today, 0 for INV_SUKET_DAYS */
{
  suket_copy_t	c;
  inv_status_t	status;
  char		today[16], until[16];

  if ((status = suket_days(db, &valid_days)) != INV_OK || (status = suket_live(db, id, &c)) != INV_OK)
    return (status);
  invDateLocalToday(0, today, sizeof(today));
  if (!invDateAddDays(today, valid_days - 1, until, sizeof(until)))
    return (_invDbSetError(db, INV_ERROR, _("cannot compute the last valid day")));
  if (strcmp(until, c.valid_until) <= 0)
    return (_invDbSetError(db, INV_REFUSED, _("suket %s is valid until %s already"), c.number, c.valid_until));
  return (suket_change(db, &c, EV_SUKET_EXTEND, "extended", until, NULL));
}


/* Cancel a live suket. */
inv_status_t
invSuketCancel(inv_db_t   *db,		/* I - Ledger */
               int64_t    id,		/* I - Suket */
               const char *reason)	/* I - Why (no personal data) */
{
  suket_copy_t	c;
  inv_status_t	status;

  if (!reason || !*reason || !chainTextIsClean(reason, 200))
    return (_invDbSetError(db, INV_REFUSED, _("--reason needs 1-200 characters with no control characters")));
  if ((status = suket_live(db, id, &c)) != INV_OK)
    return (status);
  return (suket_change(db, &c, EV_SUKET_CANCEL, "cancelled", NULL, reason));
}


/* Collect the ids of live suket past their date (callback). */
typedef struct suket_ids_s
{
  int64_t	*ids;
  size_t	count, alloc;
  bool		nomem;
} suket_ids_t;

static void
suket_id(void              *ctx,	/* I - suket_ids_t */
         const inv_suket_t *s)		/* I - Row */
{
  suket_ids_t *l = ctx;

  if (l->count == l->alloc)
  {
    size_t	alloc = l->alloc ? 2 * l->alloc : 64;
    int64_t	*ids = realloc(l->ids, alloc * sizeof(int64_t));

    if (!ids)
    {
      l->nomem = true;
      return;
    }
    l->ids = ids;
    l->alloc = alloc;
  }
  l->ids[l->count ++] = s->id;
}


/* Record every live suket past its date as expired. */
inv_status_t
invSuketExpire(inv_db_t *db,		/* I - Ledger */
               int64_t  *count)		/* O - How many */
{
  suket_ids_t	l = { NULL, 0, 0, false };
  char		today[16];
  inv_status_t	status;

  *count = 0;
  invDateLocalToday(0, today, sizeof(today));
  if ((status = storeSuketList(db, NULL, today, suket_id, &l)) == INV_OK && l.nomem)
    status = _invDbNoMemory(db);
  for (size_t i = 0; status == INV_OK && i < l.count; i ++)
  {
    suket_copy_t	c;
    bool		found;

    memset(&c, 0, sizeof(c));
    if ((status = storeSuketGet(db, l.ids[i], suket_copy, &c, &found)) == INV_OK &&
        (status = suket_change(db, &c, EV_SUKET_EXPIRE, "expired", NULL, NULL)) == INV_OK)
      (*count) ++;
  }
  free(l.ids);
  return (status);
}


/* The live suket of a NIK or of a request's NIK becomes retrieved. */
static inv_status_t
suket_retrieve(inv_db_t   *db,		/* I - Ledger */
               const char *nik,		/* I - NIK, or NULL */
               int64_t    request,	/* I - Request, when nik is NULL */
               int64_t    *id)		/* O - Suket id, 0 when none */
{
  suket_copy_t	c;
  bool		found;
  inv_status_t	status;

  if (id)
    *id = 0;
  memset(&c, 0, sizeof(c));
  if ((status = storeSuketGetLive(db, nik, request, suket_copy, &c, &found)) != INV_OK || !found)
    return (status);
  if ((status = suket_change(db, &c, EV_SUKET_RETRIEVE, "retrieved", NULL, NULL)) == INV_OK && id)
    *id = c.id;
  return (status);
}


/* The card of a request was handed over: take back its resident's suket. */
inv_status_t
invSuketRetrieve(inv_db_t *db,		/* I - Ledger */
                 int64_t  request,	/* I - Request whose card was handed over */
                 int64_t  *id)		/* O - Suket retrieved, 0 when none */
{
  return (suket_retrieve(db, NULL, request, id));
}


/* The same by NIK. */
inv_status_t
invSuketRetrieveNik(inv_db_t   *db,	/* I - Ledger */
                    const char *nik,	/* I - NIK (16 digits) */
                    int64_t    *id)	/* O - Suket retrieved, 0 when none */
{
  if (!nik || strlen(nik) != INV_NIK_LEN || strspn(nik, "0123456789") != INV_NIK_LEN)
    return (_invDbSetError(db, INV_REFUSED, _("a NIK is 16 digits")));
  return (suket_retrieve(db, nik, 0, id));
}


/* Call cb with one suket by id. */
inv_status_t
invSuketGet(inv_db_t       *db,		/* I - Ledger */
            int64_t        id,		/* I - Suket id */
            inv_suket_cb_t cb,		/* I - Callback */
            void           *ctx,	/* I - Its context */
            bool           *found)	/* O - Is there one? */
{
  return (storeSuketGet(db, id, cb, ctx, found));
}


/* Call cb with the live suket of a NIK. */
inv_status_t
invSuketGetLive(inv_db_t       *db,	/* I - Ledger */
                const char     *nik,	/* I - NIK */
                inv_suket_cb_t cb,	/* I - Callback */
                void           *ctx,	/* I - Its context */
                bool           *found)	/* O - Is there one? */
{
  if (!nik || strlen(nik) != INV_NIK_LEN || strspn(nik, "0123456789") != INV_NIK_LEN)
    return (_invDbSetError(db, INV_REFUSED, _("a NIK is 16 digits")));
  return (storeSuketGetLive(db, nik, 0, cb, ctx, found));
}


/* Call cb for every suket, or those stored in a state. */
inv_status_t
invSuketList(inv_db_t       *db,	/* I - Ledger */
             const char     *state,	/* I - Stored state, or NULL */
             inv_suket_cb_t cb,		/* I - Callback */
             void           *ctx)	/* I - Its context */
{
  return (storeSuketList(db, state, NULL, cb, ctx));
}
