/*
 * Reading the record: the history of one serial and the event log.
 */

#include "names-private.h"
#include "blanko/date.h"
#include "blanko/i18n.h"

#include <stdlib.h>
#include <string.h>


/* Fill the public event record from a stored row. */
static void
event_public(const store_event_row_t *e, int64_t moved, inv_event_t *pub)
{
  pub->id = e->id;
  pub->time = e->time;
  pub->actor = e->actor;
  pub->via = e->via;
  pub->kind = e->kind;
  pub->ref = e->ref;
  pub->detail = e->detail;
  pub->hash = e->hash;
  pub->moved = moved;
}


/* State of a history walk. */
typedef struct history_s
{
  inv_movement_cb_t cb;
  void		*ctx;
  inv_names_t	names;
  const inv_range_t *serial;
  int64_t	count;
} history_t;

/* The code of an account, "?" for an id that names none. */
static const char *
account_code(const inv_names_t *names, int64_t id)
{
  const store_account_t *a = namesAccount(names, id);

  return (a ? a->code : "?");
}


static int
history_row(void *ctx, const store_event_row_t *e, const store_move_row_t *m)
{
  history_t	*h = ctx;
  inv_event_t	ev;
  inv_movement_t mv;

  event_public(e, m->last - m->first + 1, &ev);
  mv.event = &ev;
  mv.from = account_code(&h->names, m->from);
  mv.to = account_code(&h->names, m->to);
  mv.range = *h->serial;
  mv.range.first = m->first;
  mv.range.last = m->last;
  h->cb(h->ctx, &mv);
  h->count ++;
  return (0);
}


/* Call cb for every movement of one serial, oldest first; refused when
 * the serial was never received. */
inv_status_t
invHistory(inv_db_t          *db,	/* I - Ledger */
           const char        *serial,	/* I - Serial, e.g. "KTP0001000" */
           inv_movement_cb_t cb,	/* I - Callback */
           void              *ctx)	/* I - Its context */
{
  inv_range_t	r;
  int64_t	series;
  history_t	h = { .cb = cb, .ctx = ctx, .serial = &r };
  inv_status_t	status;

  if (invSerialParse(serial, &r) != INV_OK)
    return (_invDbSetError(db, INV_REFUSED, _("\"%s\" is not a serial"), serial));
  if ((status = storeSeriesFind(db, r.prefix, r.width, false, &series)) != INV_OK)
    return (status);
  if (series && (status = namesLoad(db, &h.names)) == INV_OK)
    status = storeHistory(db, series, r.first, history_row, &h);
  namesFree(&h.names);
  if (status == INV_OK && h.count == 0)
    status = _invDbSetError(db, INV_REFUSED, _("serial %s was never received"), serial);
  return (status);
}


/* Bridge from stored event rows to the public callback (invLog,
 * invEventsOfKind). */
typedef struct log_s
{
  inv_event_cb_t cb;
  void		*ctx;
} log_t;

static int
log_row(void *ctx, const store_event_row_t *e, int64_t moved)
{
  log_t		*l = ctx;
  inv_event_t	ev;

  event_public(e, moved, &ev);
  l->cb(l->ctx, &ev);
  return (0);
}


/* Call cb for events at or after since (UTC, "YYYY-MM-DD[THH:MM[:SS]]"),
 * newest first, at most limit of them (limit < 0: all). */
inv_status_t
invLog(inv_db_t       *db,		/* I - Ledger */
       const char     *since,		/* I - Earliest time or NULL */
       int64_t        limit,		/* I - Most events */
       inv_event_cb_t cb,		/* I - Callback */
       void           *ctx)		/* I - Its context */
{
  log_t		l = { cb, ctx };
  char		why[160], cut[32];
  inv_date_t	d;

  if (since && !invDateParse(since, INV_DATE_TIME, &d, why, sizeof(why)))
    return (_invDbSetError(db, INV_REFUSED, _("bad time \"%s\": %s"), since, why));
  if (since && !invDateLocalToUtc(&d, cut, sizeof(cut)))	/* the office's time */
    return (_invDbSetError(db, INV_REFUSED, _("bad time \"%s\": %s"), since, _("outside the calendar")));
  return (storeEventLog(db, since ? cut : NULL, limit, log_row, &l));
}


/* Call cb for the events of one kind between the chain's cuts at since and until, oldest first. */
inv_status_t
invEventsOfKind(inv_db_t       *db,	/* I - Ledger */
                const char     *kind,	/* I - Event kind, e.g. "count" */
                const char     *since,	/* I - From (inclusive) or NULL */
                const char     *until,	/* I - To (exclusive) or NULL */
                inv_event_cb_t cb,	/* I - Callback */
                void           *ctx)	/* I - Its context */
{
  log_t	l = { cb, ctx };

  return (storeEventsOfKind(db, kind, since ? since : "", until ? until : "9999", log_row, &l));
}
