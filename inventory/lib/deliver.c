/*
 * Printed cards handed to their holders and cards taken back (issue 14,
 * items 4 and 5): a card at a place (or issued at the office) moves to
 * "delivered" when its holder, or a proxy the office allows, takes it; an
 * unclaimed card moves back to "returned"; a returned card unclaimed for
 * long enough becomes invalid through invInvalidate.  See
 * blanko/distribution.h.
 *
 * Residents' personal data never enter an event: the holder's NIK is only
 * compared with the request's; a proxy's name, relation and NIK go to the
 * handover_person table (doc/security.md).
 */

#include "audit-private.h"
#include "ledger-private.h"
#include "list-private.h"
#include "blanko/distribution.h"
#include "blanko/request.h"
#include "blanko/suket.h"
#include "blanko/date.h"
#include "blanko/i18n.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


/* What a handover needs of the card's request (callback state). */
typedef struct deliver_req_s
{
  int64_t	id, supersedes;
  char		state[16];
  bool		nik_matches;
  const char	*nik;			/* NIK given, compared only */
} deliver_req_t;

static void
deliver_req(void                *ctx,	/* I - deliver_req_t */
            const inv_request_t *req)	/* I - Request */
{
  deliver_req_t *r = ctx;

  r->id = req->id;
  r->supersedes = req->supersedes;
  snprintf(r->state, sizeof(r->state), "%s", req->state);
  r->nik_matches = r->nik && !strcmp(req->nik, r->nik);
}


/* The serial of a request's card (callback). */
static void
request_serial(void                *ctx,	/* I - char[INV_RANGE_MAX] */
               const inv_request_t *req)	/* I - Request */
{
  snprintf(ctx, INV_RANGE_MAX, "%s", req->serial ? req->serial : "");
}


/* Is text a NIK's form: 16 digits? */
static bool
nik_form(const char *text)		/* I - Text */
{
  size_t i;

  for (i = 0; text && text[i]; i ++)
    if (!isdigit((unsigned char)text[i]))
      return (false);
  return (i == INV_NIK_LEN);
}


/* Is the account a kecamatan or kelurahan? */
static bool
is_place(inv_db_t   *db,		/* I - Ledger */
         const char *code)		/* I - Account */
{
  inv_kind_t kind;

  return (storeAccountFind(db, code, NULL, &kind, NULL) == INV_OK &&
          (kind == INV_KIND_KECAMATAN || kind == INV_KIND_KELURAHAN));
}


/* Hand a card to its holder or a proxy: its place (or issued) -> delivered. */
inv_status_t
invDeliver(inv_db_t             *db,	/* I - Ledger */
           const inv_delivery_t *d,	/* I - The handover */
           inv_delivered_t      *out)	/* O - What was recorded, or NULL */
{
  inv_range_t	r;
  inv_list_t	*list = NULL, *old = NULL;
  deliver_req_t	req;
  inv_date_t	date;
  bool		found = false, proxy = d->proxy_name && *d->proxy_name;
  char		holder[INV_PLACE_CODE_MAX + 16], received[16], why[200], old_serial[INV_RANGE_MAX] = "",
		old_holder[INV_PLACE_CODE_MAX + 16], *detail = NULL;
  int64_t	event = 0, suket = 0;
  inv_status_t	status;
  json_t	*obj;

  if (out)
    memset(out, 0, sizeof(*out));
  if (!d->serial || invSerialParse(d->serial, &r) != INV_OK || r.first != r.last)
    return (_invDbSetError(db, INV_USAGE, _("give one card's serial")));
  if (!nik_form(d->nik))
    return (_invDbSetError(db, INV_REFUSED, _("the holder's NIK must be 16 digits")));
  if ((status = invSerialHolder(db, d->serial, holder, sizeof(holder), NULL)) != INV_OK)
    return (status);

  /* A card reported lost is never handed over. */
  if (!strcmp(holder, "reported-lost"))
    return (_invDbSetError(db, INV_REFUSED, _("card %s was reported lost and can never be handed over"), d->serial));
  if (!strcmp(holder, "delivered"))
    return (_invDbSetError(db, INV_REFUSED, _("card %s was handed over already"), d->serial));
  if (strcmp(holder, "issued") && !is_place(db, holder))
    return (_invDbSetError(db, INV_REFUSED, _("card %s is in %s: only a card at a kecamatan or kelurahan, or issued at "
                                              "the office, can be handed over"), d->serial, holder));

  /* The card's request: printed, and of the NIK given. */
  memset(&req, 0, sizeof(req));
  req.nik = d->nik;
  if ((status = invRequestGetBySerial(db, d->serial, deliver_req, &req, &found)) != INV_OK)
    return (status);
  if (!found || strcmp(req.state, "printed"))
    return (_invDbSetError(db, INV_REFUSED, _("card %s is no printed card of a live request"), d->serial));
  if (!req.nik_matches)
    return (_invDbSetError(db, INV_REFUSED, _("the NIK given is not the holder's of card %s"), d->serial));

  /* A proxy, when the office allows one. */
  if (proxy)
  {
    if (!d->allow_proxy)
      return (_invDbSetError(db, INV_REFUSED, _("this office hands cards only to their holders ([distribution] "
                                                "allow_proxy = no)")));
    if ((status = auditCheckText(db, _("the proxy's name"), d->proxy_name, true)) != INV_OK ||
        (status = auditCheckText(db, _("the proxy's relation"), d->proxy_relation, true)) != INV_OK)
      return (status);
    if (!nik_form(d->proxy_nik))
      return (_invDbSetError(db, INV_REFUSED, _("the proxy's NIK must be 16 digits")));
    if (!strcmp(d->proxy_nik, d->nik))
      return (_invDbSetError(db, INV_REFUSED, _("the proxy's NIK is the holder's: the holder takes the card "
                                                "themselves")));
  }
  else if ((d->proxy_relation && *d->proxy_relation) || (d->proxy_nik && *d->proxy_nik))
    return (_invDbSetError(db, INV_USAGE, _("a proxy needs a name")));

  if (d->receipt_sha256 && *d->receipt_sha256)
  {
    size_t i;

    for (i = 0; isxdigit((unsigned char)d->receipt_sha256[i]); i ++);
    if (i != 64 || d->receipt_sha256[i])
      return (_invDbSetError(db, INV_REFUSED, _("the receipt's SHA-256 must be 64 hexadecimal digits")));
  }
  if (d->received && *d->received)
  {
    if (!invDateParse(d->received, 0, &date, why, sizeof(why)))
      return (_invDbSetError(db, INV_REFUSED, _("the day received: %s"), why));
    snprintf(received, sizeof(received), "%04d-%02d-%02d", date.year, date.month, date.day);
    if (strcmp(received, invDateLocalToday(time(NULL), why, sizeof(why))) > 0)
      return (_invDbSetError(db, INV_REFUSED, _("the day received, %s, is in the future"), received));
  }
  else
    invDateLocalToday(time(NULL), received, sizeof(received));

  /* Who may record it: the place's own staff, or the office's. */
  if ((status = invPlaceCheckActor(db, strcmp(holder, "issued") ? holder : "")) != INV_OK)
    return (status);

  /* The old card the holder brings back (a replacement's). */
  if (d->old_card_returned)
  {
    if (!req.supersedes)
      return (_invDbSetError(db, INV_REFUSED, _("request #%lld replaced no card: there is no old card to take back"),
                             (long long)req.id));
    if ((status = invRequestGet(db, req.supersedes, request_serial, old_serial)) != INV_OK)
      return (status);
    if (!old_serial[0])
      return (_invDbSetError(db, INV_REFUSED, _("request #%lld, which this card replaces, was never printed: there is "
                                                "no old card to take back"), (long long)req.supersedes));
    if ((status = invSerialHolder(db, old_serial, old_holder, sizeof(old_holder), NULL)) != INV_OK)
      return (status);
  }

  if (!(list = invListNew()) || invListAdd(list, &r) != INV_OK ||
      !(obj = json_pack("{s:I,s:s,s:s,s:s}", "request", (json_int_t)req.id, "place", holder, "by",
                        proxy ? "proxy" : "holder", "received", received)))
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  if (d->receipt_sha256 && *d->receipt_sha256)
    json_object_set_new(obj, "receipt_sha256", json_string(d->receipt_sha256));
  if (!(detail = chainDetailCopy(obj)))
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  if ((status = auditStateAccount(db, "delivered", _("Cards handed to their holders"))) != INV_OK ||
      (status = _invMove(db, eventName(EV_DELIVER), holder, "delivered", list, NULL, detail, &event)) != INV_OK)
    goto done;
  if (proxy && (status = storeHandoverPersonInsert(db, event, d->serial, d->proxy_name, d->proxy_relation,
                                                   d->proxy_nik)) != INV_OK)
    goto done;

  /* The old card: recorded as returned (invalid), or found when it had been
     reported lost. */
  if (d->old_card_returned)
  {
    inv_range_t or;

    if (invSerialParse(old_serial, &or) != INV_OK || !(old = invListNew()) || invListAdd(old, &or) != INV_OK)
    {
      status = _invDbNoMemory(db);
      goto done;
    }
    if ((status = invInvalidate(db, old, strcmp(old_holder, "reported-lost") ? "returned" : "found",
                                _("handed back when its replacement was handed over"), NULL, NULL)) != INV_OK)
      goto done;
  }

  /* The holder's live temporary certificate (suket, issue 15) is taken
     back with the card: it becomes "retrieved", in this transaction. */
  if ((status = invSuketRetrieve(db, req.id, &suket)) != INV_OK)
    goto done;

  if (out)
  {
    out->request = req.id;
    out->event = event;
    snprintf(out->place, sizeof(out->place), "%s", holder);
    snprintf(out->old_serial, sizeof(out->old_serial), "%s", d->old_card_returned ? old_serial : "");
    out->suket = suket;
  }

done:
  invListDelete(list);
  invListDelete(old);
  free(detail);
  return (status);
}


/* Take printed cards at places back to the office: -> "returned", one
 * "return" event per place they were at. */
inv_status_t
invReturn(inv_db_t         *db,		/* I - Ledger */
          const inv_list_t *serials,	/* I - Serials */
          const char       *reason,	/* I - unclaimed, moved, wrong-data (or the Indonesian words) */
          int64_t          *events)	/* O - Events made, or NULL */
{
  pieces_t	w;
  inv_list_t	*part = NULL;
  inv_status_t	status;
  const char	*code = invVocabCode(INV_VOCAB_RETURN_REASON, reason);
  char		choices[256], *detail = NULL;
  int64_t	made = 0;

  if (!code)
    return (_invDbSetError(db, INV_REFUSED, _("--reason: \"%s\" is not one of %s"), reason ? reason : "",
                          invVocabChoices(INV_VOCAB_RETURN_REASON, choices, sizeof(choices))));
  memset(&w, 0, sizeof(w));
  if ((status = auditPiecesGet(db, serials, &w)) != INV_OK)
    goto done;
  for (size_t i = 0; i < w.count; i ++)
  {
    const char *holder = auditPieceHolder(&w, w.p + i);

    if (!is_place(db, holder))
    {
      status = auditRefusePiece(db, &w, w.p + i, _("at a kecamatan or kelurahan"));
      goto done;
    }
    if ((status = invPlaceCheckActor(db, holder)) != INV_OK)
      goto done;
  }
  if ((status = auditStateAccount(db, "returned", _("Printed cards taken back from the places (unclaimed, moved, "
                                                    "wrong data)"))) != INV_OK)
    goto done;
  if (!(part = invListNew()))
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  for (size_t i = 0; i < w.count && status == INV_OK; i ++)
  {
    bool first = true;

    for (size_t j = 0; j < i; j ++)
      if (w.p[j].account == w.p[i].account)
        first = false;
    if (!first)
      continue;
    invListClear(part);
    for (size_t j = i; j < w.count; j ++)
      if (w.p[j].account == w.p[i].account && invListAdd(part, &w.p[j].range) != INV_OK)
      {
        status = _invDbNoMemory(db);
        goto done;
      }
    free(detail);
    if (!(detail = chainDetailCopy(json_pack("{s:s,s:s}", "reason", code, "place", auditPieceHolder(&w, w.p + i)))))
    {
      status = _invDbNoMemory(db);
      goto done;
    }
    status = _invMove(db, eventName(EV_RETURN), auditPieceHolder(&w, w.p + i), "returned", part, NULL, detail, NULL);
    made ++;
  }
  if (events)
    *events = made;

done:
  auditPiecesFree(&w);
  invListDelete(part);
  free(detail);
  return (status);
}


/* State of finding when the cards of one piece came into its account. */
typedef struct aged_s
{
  inv_db_t		*db;
  const piece_t		*piece;
  const char		*holder;
  int64_t		*left;		/* Pairs first,last not yet dated */
  size_t		nleft, alloc;
  time_t		now;
  int64_t		days;		/* Older than this many days */
  bool			unclaimed_only;	/* Only cards returned as unclaimed */
  inv_aged_cb_t		cb;
  void			*ctx;
  bool			failed;
} aged_t;


/* Seconds since the epoch of an event's UTC time, or 0. */
static time_t
event_time(const char *text)		/* I - YYYY-MM-DDTHH:MM:SS[.mmm]Z */
{
  struct tm tm;

  memset(&tm, 0, sizeof(tm));
  if (!text || sscanf(text, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                      &tm.tm_sec) != 6)
    return (0);
  tm.tm_year -= 1900;
  tm.tm_mon --;
  return (timegm(&tm));
}


/* Date the part of the piece a movement brought in (callback, newest first). */
static int
aged_movement(void       *ctx,		/* I - aged_t */
              int64_t    first,		/* I - Movement's first number */
              int64_t    last,		/* I - Its last */
              const char *time_text,	/* I - Its event's time */
              const char *detail)	/* I - Its event's detail */
{
  aged_t	*a = ctx;
  time_t	t = event_time(time_text);
  int64_t	age = t ? (int64_t)(a->now - t) / 86400 : 0;
  bool		wanted = age >= a->days;

  if (wanted && a->unclaimed_only)
  {
    json_t *d = json_loads(detail, 0, NULL);

    wanted = !strcmp(json_string_value(json_object_get(d, "reason")) ?: "", "unclaimed");
    json_decref(d);
  }
  for (size_t i = 0; i < a->nleft; i ++)
  {
    int64_t lf = a->left[2 * i], ll = a->left[2 * i + 1], of = first > lf ? first : lf, ol = last < ll ? last : ll;

    if (of > ol)
      continue;
    if (wanted)
    {
      inv_range_t	r = a->piece->range;
      inv_aged_t	g = { a->holder, &r, time_text, age };

      r.first = of;
      r.last = ol;
      a->cb(a->ctx, &g);
    }
    /* Keep what is left of [lf, ll] on either side of the overlap. */
    if (a->nleft + 1 >= a->alloc)
    {
      int64_t *p = realloc(a->left, (a->alloc * 2 + 4) * 2 * sizeof(int64_t));

      if (!p)
      {
        a->failed = true;
        return (1);
      }
      a->left = p;
      a->alloc = a->alloc * 2 + 4;
    }
    a->left[2 * i] = a->left[2 * (a->nleft - 1)];
    a->left[2 * i + 1] = a->left[2 * (a->nleft - 1) + 1];
    a->nleft --;
    if (lf < of)
    {
      a->left[2 * a->nleft] = lf;
      a->left[2 * a->nleft + 1] = of - 1;
      a->nleft ++;
    }
    if (ol < ll)
    {
      a->left[2 * a->nleft] = ol + 1;
      a->left[2 * a->nleft + 1] = ll;
      a->nleft ++;
    }
    i --;
  }
  return (a->nleft == 0);
}


/* Cards an account has held for at least days, by the newest movement
 * that brought each in. */
static inv_status_t
aged_in(inv_db_t      *db,		/* I - Ledger */
        const char    *account,		/* I - Account */
        int64_t       days,		/* I - At least this many days */
        bool          unclaimed_only,	/* I - Only those returned as unclaimed */
        inv_aged_cb_t cb,		/* I - Callback */
        void          *ctx)		/* I - Its context */
{
  inv_list_t	*held = invListNew();
  pieces_t	w;
  aged_t	a;
  inv_status_t	status;

  memset(&w, 0, sizeof(w));
  memset(&a, 0, sizeof(a));
  if (!held)
    return (_invDbNoMemory(db));
  if ((status = invHoldingCopyList(db, account, held)) != INV_OK || invListGetCount(held) == 0 ||
      (status = auditPiecesGet(db, held, &w)) != INV_OK)
    goto done;
  a.db = db;
  a.now = time(NULL);
  a.days = days;
  a.unclaimed_only = unclaimed_only;
  a.cb = cb;
  a.ctx = ctx;
  for (size_t i = 0; i < w.count && status == INV_OK; i ++)
  {
    a.piece = w.p + i;
    a.holder = auditPieceHolder(&w, w.p + i);
    if (!a.left && !(a.left = malloc(8 * sizeof(int64_t))))
    {
      status = _invDbNoMemory(db);
      break;
    }
    if (!a.alloc)
      a.alloc = 4;
    a.left[0] = w.p[i].range.first;
    a.left[1] = w.p[i].range.last;
    a.nleft = 1;
    status = storeMovementsIntoTime(db, w.p[i].account, w.p[i].series, w.p[i].range.first, w.p[i].range.last,
                                    aged_movement, &a);
    if (a.failed)
      status = _invDbNoMemory(db);
  }

done:
  free(a.left);
  auditPiecesFree(&w);
  invListDelete(held);
  return (status);
}


/* A place code (callback of storePlaceList). */
typedef struct aged_places_s
{
  inv_db_t	*db;
  const char	*only;
  int64_t	days;
  inv_aged_cb_t	cb;
  void		*ctx;
  inv_status_t	status;
} aged_places_t;

static void
aged_place(void                *ctx,	/* I - aged_places_t */
           const store_place_t *p)	/* I - A place */
{
  aged_places_t *ap = ctx;

  if (ap->status != INV_OK || (ap->only && strcmp(ap->only, p->code)))
    return;
  ap->status = aged_in(ap->db, p->code, ap->days, false, ap->cb, ap->ctx);
}


/* Printed cards waiting at places for at least days since they arrived. */
inv_status_t
invUnclaimedList(inv_db_t      *db,	/* I - Ledger */
                 const char    *place,	/* I - One place, or NULL for all */
                 int64_t       days,	/* I - At least this many days */
                 inv_aged_cb_t cb,	/* I - Callback, per range and arrival */
                 void          *ctx)	/* I - Its context */
{
  inv_place_t		p;
  aged_places_t		ap = { db, place, days, cb, ctx, INV_OK };
  inv_status_t		status;

  if (place && (status = invPlaceGet(db, place, &p)) != INV_OK)
    return (status);
  if ((status = storePlaceList(db, aged_place, &ap)) != INV_OK)
    return (status);
  return (ap.status);
}


/* Cards returned as unclaimed at least days ago (ready to be made invalid). */
inv_status_t
invUnclaimedExpired(inv_db_t      *db,	/* I - Ledger */
                    int64_t       days,	/* I - At least this many days in "returned" */
                    inv_aged_cb_t cb,	/* I - Callback */
                    void          *ctx)	/* I - Its context */
{
  if (storeAccountFind(db, "returned", NULL, NULL, NULL) != INV_OK)
    return (INV_OK);
  return (aged_in(db, "returned", days, true, cb, ctx));
}
