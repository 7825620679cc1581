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


/* The checks of one handover, writing nothing: the card, its place, its
 * request and holder's NIK, the proxy, the receipt, the day received and
 * who records it; card filled, req the card's request. */
static inv_status_t
deliver_check(inv_db_t             *db,	/* I - Ledger */
              const inv_delivery_t *d,	/* I - The handover */
              inv_deliver_card_t   *card,	/* O - What to record */
              deliver_req_t        *req)	/* O - The card's request */
{
  inv_date_t	date;
  bool		found = false, proxy = d->proxy_name && *d->proxy_name;
  char		why[200];
  inv_status_t	status;

  memset(card, 0, sizeof(*card));
  if (!d->serial || invSerialParse(d->serial, &card->range) != INV_OK || card->range.first != card->range.last)
    return (_invDbSetError(db, INV_USAGE, _("give one card's serial")));
  if (!nik_form(d->nik))
    return (_invDbSetError(db, INV_REFUSED, _("the holder's NIK must be 16 digits")));
  if ((status = invSerialHolder(db, d->serial, card->place, sizeof(card->place), NULL)) != INV_OK)
    return (status);

  /* A card reported lost is never handed over. */
  if (!strcmp(card->place, "reported-lost"))
    return (_invDbSetError(db, INV_REFUSED, _("card %s was reported lost and can never be handed over"), d->serial));
  if (!strcmp(card->place, "delivered"))
    return (_invDbSetError(db, INV_REFUSED, _("card %s was handed over already"), d->serial));
  if (strcmp(card->place, "issued") && !is_place(db, card->place))
    return (_invDbSetError(db, INV_REFUSED, _("card %s is in %s: only a card at a kecamatan or kelurahan, or issued at "
                                              "the office, can be handed over"), d->serial, card->place));

  /* The card's request: printed, and of the NIK given. */
  memset(req, 0, sizeof(*req));
  req->nik = d->nik;
  if ((status = invRequestGetBySerial(db, d->serial, deliver_req, req, &found)) != INV_OK)
    return (status);
  if (!found || strcmp(req->state, "printed"))
    return (_invDbSetError(db, INV_REFUSED, _("card %s is no printed card of a live request"), d->serial));
  if (!req->nik_matches)
    return (_invDbSetError(db, INV_REFUSED, _("the NIK given is not the holder's of card %s"), d->serial));
  card->request = req->id;

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
    card->proxy_name = d->proxy_name;
    card->proxy_relation = d->proxy_relation;
    card->proxy_nik = d->proxy_nik;
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
    snprintf(card->received, sizeof(card->received), "%04d-%02d-%02d", date.year, date.month, date.day);
    if (strcmp(card->received, invDateLocalToday(time(NULL), why, sizeof(why))) > 0)
      return (_invDbSetError(db, INV_REFUSED, _("the day received, %s, is in the future"), card->received));
  }
  else
    invDateLocalToday(time(NULL), card->received, sizeof(card->received));

  /* Who may record it: the place's own staff, or the office's. */
  return (invPlaceCheckActor(db, strcmp(card->place, "issued") ? card->place : ""));
}


/* Hand a card to its holder or a proxy: its place (or issued) -> delivered. */
inv_status_t
invDeliver(inv_db_t             *db,	/* I - Ledger */
           const inv_delivery_t *d,	/* I - The handover */
           inv_delivered_t      *out)	/* O - What was recorded, or NULL */
{
  inv_deliver_card_t card;
  inv_range_t	r;
  inv_list_t	*list = NULL, *old = NULL;
  deliver_req_t	req;
  bool		proxy = d->proxy_name && *d->proxy_name;
  char		*holder = card.place, *received = card.received, old_serial[INV_RANGE_MAX] = "",
		old_holder[INV_PLACE_CODE_MAX + 16], *detail = NULL;
  int64_t	event = 0, suket = 0;
  inv_status_t	status;
  json_t	*obj;

  if (out)
    memset(out, 0, sizeof(*out));
  if ((status = deliver_check(db, d, &card, &req)) != INV_OK)
    return (status);
  r = card.range;

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


/* Check one row of a handover list as invDeliver checks a handover,
 * writing nothing (no old card: a list has none). */
inv_status_t
invDeliverCheck(inv_db_t             *db,	/* I - Ledger */
                const inv_delivery_t *d,	/* I - The row */
                inv_deliver_card_t   *card)	/* O - What to record */
{
  deliver_req_t req;

  if (d->old_card_returned)
    return (_invDbSetError(db, INV_USAGE, _("an old card is taken back one handover at a time, not in a list")));
  return (deliver_check(db, d, card, &req));
}


/* Order rows by serial, then as listed (qsort). */
static int
card_by_serial(const void *a,		/* I - inv_deliver_card_t ** */
               const void *b)		/* I - Another */
{
  const inv_deliver_card_t	*x = *(inv_deliver_card_t * const *)a, *y = *(inv_deliver_card_t * const *)b;
  int				c = _invRangeCompare(&x->range, &y->range);

  return (c ? c : x < y ? -1 : x > y);
}


/* Order rows by event (place, day, holder or proxy), then by serial (qsort). */
static int
card_by_event(const void *a,		/* I - inv_deliver_card_t ** */
              const void *b)		/* I - Another */
{
  const inv_deliver_card_t	*x = *(inv_deliver_card_t * const *)a, *y = *(inv_deliver_card_t * const *)b;
  int				c = strcmp(x->place, y->place);

  if (!c)
    c = strcmp(x->received, y->received);
  if (!c)
    c = (x->proxy_name != NULL) - (y->proxy_name != NULL);
  return (c ? c : _invRangeCompare(&x->range, &y->range));
}


/* Rows in an order (NULL when out of memory). */
static inv_deliver_card_t **
cards_sorted(inv_deliver_card_t *cards,	/* I - Rows */
             size_t             n,	/* I - How many */
             int                (*compare)(const void *, const void *))
{
  inv_deliver_card_t **p = malloc((n ? n : 1) * sizeof(*p));

  if (!p)
    return (NULL);
  for (size_t i = 0; i < n; i ++)
    p[i] = cards + i;
  qsort(p, n, sizeof(*p), compare);
  return (p);
}


/* Mark the rows whose card is on an earlier row too (twice); their count,
 * or (size_t)-1 when out of memory. */
size_t
invDeliverTwice(inv_deliver_card_t *cards,	/* I - Rows */
                size_t             n)		/* I - How many */
{
  inv_deliver_card_t	**p = cards_sorted(cards, n, card_by_serial);
  size_t		twice = 0;

  if (!p)
    return ((size_t)-1);
  for (size_t i = 1; i < n; i ++)
    if (!_invRangeCompare(&p[i - 1]->range, &p[i]->range))
    {
      p[i]->twice = true;
      twice ++;
    }
  free(p);
  return (twice);
}


/* Record one event's rows, first .. first + count - 1 of p (same place,
 * day and taker): the move, the proxies' rows and the sukets retrieved. */
static inv_status_t
deliver_event(inv_db_t           *db,	/* I - Ledger */
              inv_deliver_card_t **p,	/* I - Rows, in event order */
              size_t             count,	/* I - How many */
              const char         *receipt_sha256,	/* I - Receipt's SHA-256, or NULL */
              int64_t            *event)	/* O - The event */
{
  inv_list_t	*list = invListNew();
  json_t	*obj = json_pack("{s:s,s:s,s:s,s:I}", "place", p[0]->place, "received", p[0]->received, "by",
				 p[0]->proxy_name ? "proxy" : "holder", "count", (json_int_t)count);
  char		*detail = NULL, serial[INV_SERIAL_MAX];
  inv_status_t	status = INV_OK;
  int64_t	suket;

  for (size_t i = 0; list && i < count && status == INV_OK; i ++)
    if (invListAdd(list, &p[i]->range) != INV_OK)
      status = _invDbSetError(db, INV_REFUSED, "%s", invListGetError(list));
  if (obj && receipt_sha256 && *receipt_sha256)
    json_object_set_new(obj, "receipt_sha256", json_string(receipt_sha256));
  if (status == INV_OK && (!list || !obj || !(detail = chainDetailCopy(obj))))
    status = _invDbNoMemory(db);
  json_decref(obj);
  if (status == INV_OK)
    status = _invMove(db, eventName(EV_DELIVER_LIST), p[0]->place, "delivered", list, NULL, detail, event);
  for (size_t i = 0; i < count && status == INV_OK; i ++)
  {
    if (p[i]->proxy_name)
    {
      invSerialFormat(p[i]->range.prefix, p[i]->range.width, p[i]->range.first, serial, sizeof(serial));
      status = storeHandoverPersonInsert(db, *event, serial, p[i]->proxy_name, p[i]->proxy_relation, p[i]->proxy_nik);
    }
    if (status == INV_OK)		/* the holder's live suket is taken back with the card */
      status = invSuketRetrieve(db, p[i]->request, &suket);
  }
  invListDelete(list);
  free(detail);
  return (status);
}


/* Record a handover list checked by invDeliverCheck (and no card twice),
 * in the caller's write transaction: one "deliver.list" event per place,
 * day received and taker; the move itself refuses a card that left its
 * place since it was checked. */
inv_status_t
invDeliverList(inv_db_t           *db,	/* I - Ledger */
               inv_deliver_card_t *cards,	/* I - Rows checked */
               size_t             n,	/* I - How many */
               const char         *receipt_sha256,	/* I - SHA-256 of the list's scan, or NULL */
               int64_t            *events)	/* O - Events written, or NULL */
{
  inv_deliver_card_t	**p;
  inv_status_t		status = INV_OK;
  size_t		first = 0, written = 0;
  int64_t		event = 0;

  if (events)
    *events = 0;
  if (invDeliverTwice(cards, n) != 0)
    return (_invDbSetError(db, INV_REFUSED, _("a card is twice in the list")));
  if ((status = auditStateAccount(db, "delivered", _("Cards handed to their holders"))) != INV_OK)
    return (status);
  if (!(p = cards_sorted(cards, n, card_by_event)))
    return (_invDbNoMemory(db));
  for (size_t i = 1; i <= n && status == INV_OK; i ++)
    if (i == n || strcmp(p[first]->place, p[i]->place) || strcmp(p[first]->received, p[i]->received) ||
        !p[first]->proxy_name != !p[i]->proxy_name)
    {
      status = deliver_event(db, p + first, i - first, receipt_sha256, &event);
      first = i;
      written ++;
    }
  free(p);
  if (events && status == INV_OK)
    *events = (int64_t)written;
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
        time_t        now,		/* I - Now: ages are counted to it */
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
  a.now = now;
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
  time_t	now;
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
  ap->status = aged_in(ap->db, p->code, ap->days, ap->now, false, ap->cb, ap->ctx);
}


/* Printed cards waiting at places for at least days since they arrived,
   counted to now. */
inv_status_t
invUnclaimedList(inv_db_t      *db,	/* I - Ledger */
                 const char    *place,	/* I - One place, or NULL for all */
                 int64_t       days,	/* I - At least this many days */
                 time_t        now,	/* I - Now */
                 inv_aged_cb_t cb,	/* I - Callback, per range and arrival */
                 void          *ctx)	/* I - Its context */
{
  inv_place_t		p;
  aged_places_t		ap = { db, place, days, now, cb, ctx, INV_OK };
  inv_status_t		status;

  if (place && (status = invPlaceGet(db, place, &p)) != INV_OK)
    return (status);
  if ((status = storePlaceList(db, aged_place, &ap)) != INV_OK)
    return (status);
  return (ap.status);
}


/* Cards returned as unclaimed at least days ago (ready to be made invalid),
   counted to now. */
inv_status_t
invUnclaimedExpired(inv_db_t      *db,	/* I - Ledger */
                    int64_t       days,	/* I - At least this many days in "returned" */
                    time_t        now,	/* I - Now */
                    inv_aged_cb_t cb,	/* I - Callback */
                    void          *ctx)	/* I - Its context */
{
  if (storeAccountFind(db, "returned", NULL, NULL, NULL) != INV_OK)
    return (INV_OK);
  return (aged_in(db, "returned", days, now, true, cb, ctx));
}
