/*
 * Accounts: the supplier, locations, hoppers and card states, and what
 * each holds.
 */

#include "chain-private.h"
#include "events-private.h"
#include "names-private.h"
#include "ledger-private.h"
#include "list-private.h"
#include "blanko/i18n.h"

#include <jansson.h>
#include <stdlib.h>

/* Add a location (store, print room) or a printer's hopper. */
inv_status_t
invLocationAdd(inv_db_t   *db,		/* I - Ledger */
               const char *code,	/* I - Unique code */
               inv_kind_t kind,		/* I - INV_KIND_STORE, _PRINTROOM or _HOPPER */
               const char *name)	/* I - Description or NULL */
{
  if (!_invNameIsValid(code))
    return (_invDbSetError(db, INV_REFUSED, _("bad location code \"%s\": use 1-64 letters, digits, '.', '_' or '-'"),
                          code));
  if (kind != INV_KIND_STORE && kind != INV_KIND_PRINTROOM && kind != INV_KIND_HOPPER)
    return (_invDbSetError(db, INV_REFUSED, _("a location is a store or a print room")));
  if (name && !chainTextIsClean(name, 200))
    return (_invDbSetError(db, INV_REFUSED, _("the name must be at most 200 characters with no control characters")));
  if (storeAccountFind(db, code, NULL, NULL, NULL) == INV_OK)
    return (_invDbSetError(db, INV_REFUSED, _("%s exists already"), code));

  return (_invAccountAdd(db, code, kind, name, eventName(EV_LOCATION_ADD),
                         json_pack("{s:s,s:s,s:s}", "code", code, "kind", invKindName(kind), "name", name ? name : "")));
}


/* Add an account (it must not exist yet) and the event that records it. */
inv_status_t
_invAccountAdd(inv_db_t   *db,		/* I - Ledger */
               const char *code,	/* I - Account code */
               inv_kind_t kind,		/* I - Its kind */
               const char *name,	/* I - Description or NULL */
               const char *event,	/* I - Event kind name (events-private.h) */
               json_t     *detail)	/* I - Event detail (reference stolen) */
{
  inv_status_t	status;
  char		*text;

  if ((status = storeAccountInsert(db, code, kind, name, NULL)) != INV_OK)
  {
    json_decref(detail);
    return (status);
  }
  text = chainDetailCopy(detail);
  status = text ? _invEventAppend(db, event, code, text, NULL) : _invDbNoMemory(db);
  free(text);
  return (status);
}


/* Look up one account's kind and balance. */
inv_status_t
invAccountGet(inv_db_t   *db,		/* I - Ledger */
              const char *code,		/* I - Account code */
              inv_kind_t *kind,		/* O - Kind, or NULL */
              int64_t    *balance)	/* O - Balance, or NULL */
{
  return (storeAccountFind(db, code, NULL, kind, balance));
}


/* Bridge from stored rows to the public account record. */
typedef struct account_bridge_s
{
  inv_account_cb_t cb;
  void		*ctx;
} account_bridge_t;

static void
account_row(void *ctx, const store_account_t *a)
{
  account_bridge_t	*b = ctx;
  inv_account_t		pub = { a->code, INV_KIND_STATE, a->name, a->balance };

  invKindParse(a->kind, &pub.kind);
  b->cb(b->ctx, &pub);
}


/* Call cb for every account, in the order they were made. */
inv_status_t
invAccountList(inv_db_t         *db,	/* I - Ledger */
               inv_account_cb_t cb,	/* I - Callback */
               void             *ctx)	/* I - Its context */
{
  account_bridge_t b = { cb, ctx };

  return (storeAccountList(db, account_row, &b));
}


/* State of a walk over holdings. */
typedef struct holding_walk_s
{
  inv_holding_cb_t cb;			/* Public callback, or NULL */
  void		*ctx;
  inv_list_t	*out;			/* List to fill, or NULL */
  const store_series_t *series;		/* Series being walked */
  inv_names_t	names;
  bool		failed;
} holding_walk_t;

static int
walk_holding(void *ctx, const store_holding_t *h)
{
  holding_walk_t	*w = ctx;
  const store_account_t	*a = namesAccount(&w->names, h->account);
  inv_range_t		r;

  snprintf(r.prefix, sizeof(r.prefix), "%s", w->series->prefix);
  r.width = w->series->width;
  r.first = h->first;
  r.last = h->last;
  if (w->cb)
    w->cb(w->ctx, a ? a->code : "?", &r);
  if (w->out && invListAdd(w->out, &r) != INV_OK)
    w->failed = true;
  return (w->failed);
}


/* Walk the holdings of one account (or all), series in order. */
static inv_status_t
holding_walk(inv_db_t *db, const char *account, holding_walk_t *w)
{
  int64_t	id = 0;
  inv_status_t	status;

  if ((!account || (status = storeAccountFind(db, account, &id, NULL, NULL)) == INV_OK) &&
      (status = namesLoad(db, &w->names)) == INV_OK)
  {
    for (size_t i = 0; i < w->names.nseries && status == INV_OK && !w->failed; i ++)
    {
      w->series = w->names.series + i;
      status = id ? storeHoldingOfAccount(db, id, w->series->id, walk_holding, w)
                  : storeHoldingOfSeries(db, w->series->id, walk_holding, w);
    }
  }
  namesFree(&w->names);
  if (status == INV_OK && w->failed)
    status = _invDbNoMemory(db);
  return (status);
}


/* Call cb for each holding range of an account (NULL: of every account). */
inv_status_t
invHoldingList(inv_db_t         *db,	/* I - Ledger */
               const char       *account,/* I - Account code or NULL */
               inv_holding_cb_t cb,	/* I - Callback */
               void             *ctx)	/* I - Its context */
{
  holding_walk_t w = { .cb = cb, .ctx = ctx };

  return (holding_walk(db, account, &w));
}


/* Fill out with everything an account holds. */
inv_status_t
invHoldingCopyList(inv_db_t   *db,	/* I - Ledger */
                   const char *account,	/* I - Account code */
                   inv_list_t *out)	/* O - Its serials */
{
  holding_walk_t w = { .out = out };

  invListClear(out);
  return (holding_walk(db, account, &w));
}
