/*
 * Places and the distribution of printed cards (issue 14): kecamatan and
 * kelurahan accounts with their in-transit accounts, users limited to a
 * place, dispatches with their handover records and arrivals.  See
 * blanko/distribution.h.
 */

#include "chain-private.h"
#include "events-private.h"
#include "ledger-private.h"
#include "list-private.h"
#include "blanko/distribution.h"
#include "blanko/i18n.h"
#include "blanko/words.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


/* Copy a stored place into the public one. */
static void
place_copy(void                *ctx,	/* I - inv_place_t to fill */
           const store_place_t *p)	/* I - Stored place */
{
  inv_place_t *out = ctx;

  snprintf(out->code, sizeof(out->code), "%s", p->code);
  snprintf(out->parent, sizeof(out->parent), "%s", p->parent);
  snprintf(out->transit, sizeof(out->transit), "%s", p->transit);
  snprintf(out->name, sizeof(out->name), "%s", p->name);
}


/* Look up a place; INV_REFUSED when code is no kecamatan or kelurahan. */
inv_status_t
invPlaceGet(inv_db_t    *db,		/* I - Ledger */
            const char  *code,		/* I - Place code */
            inv_place_t *place)		/* O - The place */
{
  bool		found;
  inv_status_t	status;

  memset(place, 0, sizeof(*place));
  if ((status = storePlaceGet(db, code, place_copy, place, &found)) != INV_OK)
    return (status);
  if (!found || storeAccountFind(db, code, NULL, &place->kind, NULL) != INV_OK)
    return (_invDbSetError(db, INV_REFUSED, _("%s is not a kecamatan or kelurahan"), code));
  return (INV_OK);
}


/* Add a kecamatan (parent NULL) or a kelurahan (parent: its kecamatan) and
 * its in-transit account. */
inv_status_t
invPlaceAdd(inv_db_t   *db,		/* I - Ledger */
            const char *code,		/* I - Unique code */
            inv_kind_t kind,		/* I - INV_KIND_KECAMATAN or INV_KIND_KELURAHAN */
            const char *name,		/* I - Description or NULL */
            const char *parent)		/* I - A kelurahan's kecamatan, NULL for a kecamatan */
{
  inv_place_t	up;
  int64_t	id = 0, parent_id = 0, transit_id = 0;
  inv_status_t	status;
  char		transit[INV_PLACE_CODE_MAX + 16];

  if (!_invNameIsValid(code))
    return (_invDbSetError(db, INV_REFUSED, _("bad location code \"%s\": use 1-64 letters, digits, '.', '_' or '-'"),
                          code));
  if (kind != INV_KIND_KECAMATAN && kind != INV_KIND_KELURAHAN)
    return (_invDbSetError(db, INV_REFUSED, _("a place is a kecamatan or a kelurahan")));
  if (name && !chainTextIsClean(name, 200))
    return (_invDbSetError(db, INV_REFUSED, _("the name must be at most 200 characters with no control characters")));
  if (kind == INV_KIND_KELURAHAN && (!parent || !*parent))
    return (_invDbSetError(db, INV_REFUSED, _("a kelurahan needs its kecamatan: give --parent")));
  if (kind == INV_KIND_KECAMATAN && parent && *parent)
    return (_invDbSetError(db, INV_REFUSED, _("a kecamatan has no parent place")));
  if (parent && *parent)
  {
    if ((status = invPlaceGet(db, parent, &up)) != INV_OK)
      return (status);
    if (up.kind != INV_KIND_KECAMATAN)
      return (_invDbSetError(db, INV_REFUSED, _("the parent of a kelurahan must be a kecamatan, and %s is not"), parent));
    if ((status = storeAccountFind(db, parent, &parent_id, NULL, NULL)) != INV_OK)
      return (status);
  }
  snprintf(transit, sizeof(transit), "%s%s", INV_TRANSIT_PREFIX, code);
  if (storeAccountFind(db, code, NULL, NULL, NULL) == INV_OK)
    return (_invDbSetError(db, INV_REFUSED, _("%s exists already"), code));
  if (storeAccountFind(db, transit, NULL, NULL, NULL) == INV_OK)
    return (_invDbSetError(db, INV_REFUSED, _("%s exists already"), transit));

  if ((status = _invAccountAdd(db, code, kind, name, eventName(EV_LOCATION_ADD),
                               json_pack("{s:s,s:s,s:s,s:s,s:s}", "code", code, "kind", invKindName(kind),
                                         "name", name ? name : "", "parent", parent ? parent : "",
                                         "transit", transit))) != INV_OK ||
      (status = _invAccountAdd(db, transit, INV_KIND_TRANSIT, NULL, eventName(EV_ACCOUNT_ADD),
                               json_pack("{s:s,s:s}", "code", transit, "kind", invKindName(INV_KIND_TRANSIT)))) != INV_OK ||
      (status = storeAccountFind(db, code, &id, NULL, NULL)) != INV_OK ||
      (status = storeAccountFind(db, transit, &transit_id, NULL, NULL)) != INV_OK)
    return (status);
  return (storePlaceInsert(db, id, parent_id, transit_id));
}


/* The place a user is limited to, "" for none. */
inv_status_t
invUserGetPlace(inv_db_t   *db,		/* I - Ledger */
                const char *name,	/* I - User */
                char       *place,	/* O - Place code or "" */
                size_t     placesize)	/* I - Its size */
{
  return (storeUserGetPlace(db, name, place, placesize));
}


/* Limit a user to one place ("" or NULL: none). */
inv_status_t
invUserSetPlace(inv_db_t   *db,		/* I - Ledger */
                const char *name,	/* I - User */
                const char *place)	/* I - Place code, "" or NULL */
{
  unsigned	roles;
  inv_place_t	p;
  inv_status_t	status;
  char		old[INV_NAME_MAX + 1], *detail;

  if (!place)
    place = "";
  if ((status = invUserGetRoles(db, name, &roles)) != INV_OK ||
      (status = storeUserGetPlace(db, name, old, sizeof(old))) != INV_OK)
    return (status);
  if (*place && (status = invPlaceGet(db, place, &p)) != INV_OK)
    return (status);
  if (*place && roles != INV_ROLE_DISTRIBUTION)
    return (_invDbSetError(db, INV_REFUSED, _("%s is limited to the place %s and may have only the distribution role"),
                          name, place));
  if (!strcmp(old, place))
    return (_invDbSetError(db, INV_REFUSED, _("%s has this place already"), name));
  if ((status = storeUserSetPlace(db, name, place)) != INV_OK)
    return (status);
  detail = chainDetailCopy(json_pack("{s:s,s:s}", "name", name, "place", place));
  status = detail ? _invEventAppend(db, eventName(EV_USER_PLACE), name, detail, NULL) : _invDbNoMemory(db);
  free(detail);
  return (status);
}


/* Refuse when the acting user is limited to a place other than place. */
inv_status_t
invPlaceCheckActor(inv_db_t   *db,	/* I - Ledger (its actor) */
                   const char *place)	/* I - The place acted for, or "" for the office */
{
  char		mine[INV_NAME_MAX + 1];
  inv_status_t	status;

  if ((status = storeUserGetPlace(db, db->actor, mine, sizeof(mine))) != INV_OK)
    return (status);
  if (mine[0] && strcmp(mine, place ? place : ""))
    return (_invDbSetError(db, INV_REFUSED, _("%s acts only for %s, not for %s"), db->actor, mine,
                          place && *place ? place : _("the office")));
  return (INV_OK);
}


/* The office's format of handover numbers. */
void
invHandoverSetNumberFormat(inv_db_t   *db,	/* I - Ledger */
                           const char *format)	/* I - Format, NULL or "" for the default */
{
  if (db)
    snprintf(db->handover_format, sizeof(db->handover_format), "%s", format ? format : "");
}


/* State of collecting the printed cards of an area. */
typedef struct area_s
{
  inv_list_t	*list;
  bool		failed;
} area_t;

static int
area_serial(void       *ctx,		/* I - area_t */
            const char *serial)		/* I - A printed card's serial */
{
  area_t	*a = ctx;
  inv_range_t	r;

  if (invSerialParse(serial, &r) != INV_OK)	/* a request's serial is always well formed */
    return (0);
  if (invListAdd(a->list, &r) != INV_OK)
    a->failed = true;
  return (a->failed);
}


/* Choose what a dispatch sends: the serials named, the printed cards of an
 * area that the source holds, or everything the source holds. */
static inv_status_t
dispatch_choose(inv_db_t             *db,	/* I - Ledger */
                const inv_dispatch_t *d,	/* I - What to dispatch */
                const char           *from,	/* I - Source account */
                inv_list_t           *out)	/* O - Serials to send */
{
  inv_list_t	*held = NULL, *wanted = NULL, *absent = NULL;
  area_t	area = { NULL, false };
  inv_status_t	status;
  int		modes = (d->serials != NULL) + (d->all ? 1 : 0) +
			((d->kecamatan && *d->kecamatan) || (d->kelurahan && *d->kelurahan));

  invListClear(out);
  if (modes != 1)
    return (_invDbSetError(db, INV_USAGE, _("give the serials, a kecamatan or kelurahan, or all")));
  if (d->serials)
  {
    for (size_t i = 0; i < invListGetCount(d->serials); i ++)
      if (invListAdd(out, invListGetRange(d->serials, i)) != INV_OK)
        return (_invDbNoMemory(db));
    return (INV_OK);
  }
  if (d->all)
    return (invHoldingCopyList(db, from, out));

  if (!(held = invListNew()) || !(wanted = invListNew()) || !(absent = invListNew()))
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  area.list = wanted;
  if ((status = storeRequestPrintedIn(db, d->kecamatan ? d->kecamatan : "", d->kelurahan ? d->kelurahan : "",
                                      area_serial, &area)) != INV_OK ||
      (status = invHoldingCopyList(db, from, held)) != INV_OK)
    goto done;
  if (area.failed || invListSubtract(wanted, held, absent) != INV_OK || invListSubtract(wanted, absent, out) != INV_OK)
    status = _invDbNoMemory(db);

done:
  invListDelete(held);
  invListDelete(wanted);
  invListDelete(absent);
  return (status);
}


/* A handover looked up only to know that it exists. */
static void
handover_none(void                 *ctx,	/* I - Unused */
              const inv_handover_t *h)		/* I - Unused */
{
  (void)ctx;
  (void)h;
}


/* Dispatch printed cards to a place. */
inv_status_t
invDispatch(inv_db_t             *db,	/* I - Ledger */
            const inv_dispatch_t *d,	/* I - What, where, reference */
            inv_list_t           *sent,	/* O - Serials sent */
            int64_t              *id)	/* O - Handover id, or NULL */
{
  static const char default_format[] = "{seq:04}/BAST/{month:roman}/{year}";
  inv_place_t	to;
  const char	*from = d->from && *d->from ? d->from : "issued", *format;
  inv_kind_t	from_kind;
  bool		found;
  int64_t	seq, event = 0;
  char		number[INV_NUMBER_MAX], now[32], *serials = NULL, *detail = NULL;
  inv_status_t	status;
  inv_handover_t h;
  time_t	clock = time(NULL);
  struct tm	tm;

  if ((status = chainCheckText(db, _("the handover reference"), d->ref, true)) != INV_OK ||
      (status = invPlaceGet(db, d->to ? d->to : "", &to)) != INV_OK ||
      (status = storeAccountFind(db, from, NULL, &from_kind, NULL)) != INV_OK)
    return (status);
  if (strcmp(from, "issued") && (from_kind != INV_KIND_KECAMATAN || strcmp(to.parent, from)))
    return (_invDbSetError(db, INV_REFUSED, _("cards go to %s from issued or from its kecamatan, not from %s"), to.code,
                          from));
  if ((status = invPlaceCheckActor(db, strcmp(from, "issued") ? from : "")) != INV_OK ||
      (status = storeHandoverGet(db, d->ref, 0, handover_none, NULL, &found)) != INV_OK)
    return (status);
  if (found)
    return (_invDbSetError(db, INV_REFUSED, _("the handover reference %s was used already"), d->ref));
  if ((status = dispatch_choose(db, d, from, sent)) != INV_OK)
    return (status);
  if (invListGetSerialCount(sent) == 0)
    return (_invDbSetError(db, INV_REFUSED, _("%s holds no printed card to send to %s"), from, to.code));

  localtime_r(&clock, &tm);
  format = db->handover_format[0] ? db->handover_format : default_format;
  if ((status = storeHandoverNextSeq(db, tm.tm_year + 1900, &seq)) != INV_OK)
    return (status);
  if (!invNumberFormat(format, seq, tm.tm_year + 1900, tm.tm_mon + 1, number, sizeof(number)))
    return (_invDbSetError(db, INV_REFUSED, _("the number format \"%s\" is not usable"), format));
  if (!(serials = invListFormatCopy(sent)) ||
      !(detail = chainDetailCopy(json_pack("{s:s,s:s,s:s,s:s,s:I}", "handover", d->ref, "number", number, "place",
                                           to.code, "source", from, "count", (json_int_t)invListGetSerialCount(sent)))))
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  if ((status = _invMove(db, eventName(EV_DISPATCH), from, to.transit, sent, d->ref, detail, &event)) != INV_OK)
    goto done;
  chainTimeNow(now, sizeof(now));
  h = (inv_handover_t){ 0, d->ref, to.code, from, number, serials, db->actor, db->via, now,
                        invListGetSerialCount(sent), event };
  status = storeHandoverInsert(db, &h, tm.tm_year + 1900, seq, id);

done:
  free(serials);
  free(detail);
  return (status);
}


/* A handover copied out of its row (arrival). */
typedef struct handover_copy_s
{
  char		place[INV_PLACE_CODE_MAX + 1], number[INV_NUMBER_MAX], sender[INV_NAME_MAX + 1],
		sender_via[INV_NAME_MAX + 1];
  char		*serials;
  bool		failed;
} handover_copy_t;

static void
handover_copy(void                 *ctx,	/* I - handover_copy_t */
              const inv_handover_t *h)		/* I - Row */
{
  handover_copy_t *c = ctx;

  snprintf(c->place, sizeof(c->place), "%s", h->place);
  snprintf(c->number, sizeof(c->number), "%s", h->number);
  snprintf(c->sender, sizeof(c->sender), "%s", h->sender);
  snprintf(c->sender_via, sizeof(c->sender_via), "%s", h->sender_via);
  free(c->serials);
  if (!(c->serials = strdup(h->serials)))
    c->failed = true;
}


/* Confirm the arrival of a handover's cards at its place. */
inv_status_t
invArrive(inv_db_t         *db,		/* I - Ledger */
          const char       *ref,	/* I - Handover reference */
          int64_t          counted,	/* I - Cards counted at the place */
          const inv_list_t *missing,	/* I - Serials that did not arrive, or NULL */
          inv_arrival_t    *result)	/* O - What was found, or NULL */
{
  handover_copy_t hc;
  inv_place_t	place;
  inv_list_t	*sent = invListNew(), *transit = invListNew(), *gone = invListNew(), *pending = invListNew(),
		*arrived = invListNew(), *extra = invListNew();
  inv_arrival_t	r = { 0, 0, 0, 0 };
  bool		found;
  inv_status_t	status;
  char		*miss_text = NULL, *detail = NULL;
  const char	*sent_by, *recorded_by = db->via[0] ? db->via : db->actor;

  memset(&hc, 0, sizeof(hc));
  if (!sent || !transit || !gone || !pending || !arrived || !extra)
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  if ((status = chainCheckText(db, _("the handover reference"), ref, true)) != INV_OK ||
      (status = storeHandoverGet(db, ref, 0, handover_copy, &hc, &found)) != INV_OK)
    goto done;
  if (!found)
  {
    status = _invDbSetError(db, INV_REFUSED, _("no handover has the reference %s"), ref);
    goto done;
  }
  if (hc.failed || invListParse(sent, hc.serials) != INV_OK)
  {
    status = hc.failed ? _invDbNoMemory(db) : _invDbSetError(db, INV_ERROR, _("handover %s: its serials are unreadable"), ref);
    goto done;
  }
  if ((status = invPlaceGet(db, hc.place, &place)) != INV_OK ||
      (status = invPlaceCheckActor(db, hc.place)) != INV_OK)
    goto done;
  sent_by = hc.sender_via[0] ? hc.sender_via : hc.sender;
  if (!strcmp(hc.sender, db->actor) || !strcmp(sent_by, recorded_by))
  {
    status = _invDbSetError(db, INV_REFUSED, _("%s dispatched handover %s and may not record its receipt; another person "
                                               "with another account must"), sent_by, ref);
    goto done;
  }

  /* What of the handover is still on its way, and what arrived. */
  if ((status = invHoldingCopyList(db, place.transit, transit)) != INV_OK)
    goto done;
  if (invListSubtract(sent, transit, gone) != INV_OK || invListSubtract(sent, gone, pending) != INV_OK)
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  r.expected = invListGetSerialCount(pending);
  if (r.expected == 0)
  {
    status = _invDbSetError(db, INV_REFUSED, _("every card of handover %s has arrived already"), ref);
    goto done;
  }
  if (counted < 0 || counted > r.expected)
  {
    status = _invDbSetError(db, INV_REFUSED, _("counted %lld cards, but %lld of handover %s are on their way"),
                           (long long)counted, (long long)r.expected, ref);
    goto done;
  }
  if (missing && invListSubtract(missing, pending, extra) != INV_OK)
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  if (missing && invListGetSerialCount(extra) > 0)
  {
    char first[INV_RANGE_MAX];

    status = _invDbSetError(db, INV_REFUSED, _("serial %s is not on its way under handover %s"),
                           invRangeFormat(invListGetRange(extra, 0), first, sizeof(first)), ref);
    goto done;
  }
  r.missing = missing ? invListGetSerialCount(missing) : 0;
  if (r.expected - r.missing != counted)
  {
    status = _invDbSetError(db, INV_REFUSED,
                           r.missing ? _("counted %lld cards, but %lld were sent and %lld named missing: the figures "
                                         "do not add up")
                                     : _("counted %lld cards of the %lld sent: name the missing serials with --missing"),
                           (long long)counted, (long long)r.expected, (long long)r.missing);
    goto done;
  }
  if (invListSubtract(pending, missing ? missing : extra, arrived) != INV_OK ||
      !(miss_text = missing ? invListFormatCopy(missing) : strdup("")) ||
      !(detail = chainDetailCopy(json_pack("{s:s,s:s,s:s,s:I,s:I,s:I,s:s}", "handover", ref, "number", hc.number,
                                           "place", hc.place, "expected", (json_int_t)r.expected,
                                           "counted", (json_int_t)counted, "missing_count", (json_int_t)r.missing,
                                           "missing", miss_text))))
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  r.received = invListGetSerialCount(arrived);
  if (r.received)
    status = _invMove(db, eventName(EV_ARRIVE), place.transit, place.code, arrived, ref, detail, &r.event);
  else
    status = _invEventAppend(db, eventName(EV_ARRIVE), ref, detail, &r.event);
  if (status == INV_OK && result)
    *result = r;

done:
  free(hc.serials);
  free(miss_text);
  free(detail);
  invListDelete(sent);
  invListDelete(transit);
  invListDelete(gone);
  invListDelete(pending);
  invListDelete(arrived);
  invListDelete(extra);
  return (status);
}


/* One handover by reference (or by id when ref is NULL). */
inv_status_t
invHandoverGet(inv_db_t          *db,	/* I - Ledger */
               const char        *ref,	/* I - Reference, or NULL */
               int64_t           id,	/* I - Id when ref is NULL */
               inv_handover_cb_t cb,	/* I - Callback */
               void              *ctx)	/* I - Its context */
{
  bool		found;
  inv_status_t	status = storeHandoverGet(db, ref, id, cb, ctx, &found);

  if (status == INV_OK && !found)
    return (ref ? _invDbSetError(db, INV_REFUSED, _("no handover has the reference %s"), ref)
                : _invDbSetError(db, INV_REFUSED, _("there is no handover %lld"), (long long)id));
  return (status);
}


/* Every handover (to one place, or all), oldest first. */
inv_status_t
invHandoverList(inv_db_t          *db,	/* I - Ledger */
                const char        *place,/* I - Place or NULL */
                inv_handover_cb_t cb,	/* I - Callback */
                void              *ctx)	/* I - Its context */
{
  return (storeHandoverList(db, place, cb, ctx));
}


typedef struct print_days_s		/* invCardPrintDays: what is walked */
{
  inv_list_t	*ranges;		/* The account's serials */
  inv_print_day_cb_t cb;		/* The caller's callback */
  void		*ctx;			/* Its context */
  int64_t	found;			/* Cards of the range with a print day */
} print_days_t;


/* Pass one day's count of a range on, counting it as found. */
static void
print_days_day(void       *ctx,		/* I - print_days_t */
               const char *day,		/* I - Issue date */
               int64_t    count)	/* I - Cards printed that day */
{
  print_days_t *p = ctx;

  p->found += count;
  p->cb(p->ctx, day, count);
}


/*
 * The days the cards an account holds were printed (their requests' issue
 * dates, the office's days), counted by day: cb once or more per day, with
 * "" for cards no request was printed on.  One range query per range the
 * account holds (the request table's serial index), no scan per card.
 */
inv_status_t
invCardPrintDays(inv_db_t           *db,	/* I - Ledger */
                 const char         *account,	/* I - Account code */
                 inv_print_day_cb_t cb,		/* I - Callback */
                 void               *ctx)	/* I - Its context */
{
  print_days_t	p = { invListNew(), cb, ctx, 0 };
  inv_status_t	status;

  if (!p.ranges)
    return (_invDbNoMemory(db));
  if ((status = invHoldingCopyList(db, account, p.ranges)) == INV_OK)
    for (size_t i = 0; i < invListGetCount(p.ranges) && status == INV_OK; i ++)
    {
      const inv_range_t	*r = invListGetRange(p.ranges, i);
      char		first[INV_SERIAL_MAX], last[INV_SERIAL_MAX];

      p.found = 0;
      invSerialFormat(r->prefix, r->width, r->first, first, sizeof(first));
      invSerialFormat(r->prefix, r->width, r->last, last, sizeof(last));
      if ((status = storeRequestIssueDays(db, first, last, print_days_day, &p)) == INV_OK &&
          p.found < invRangeGetCount(r))
        cb(ctx, "", invRangeGetCount(r) - p.found);
    }
  invListDelete(p.ranges);
  return (status);
}
