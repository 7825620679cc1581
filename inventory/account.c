/*
 * Accounts: the supplier, locations, hoppers and card states, and what
 * each holds.
 */

#include "chain-private.h"
#include "list-private.h"
#include "blanko/i18n.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char * const kind_names[] =	/* By inv_kind_t */
{
  "supplier", "store", "printroom", "hopper", "state"
};


/* The name of an account kind. */
const char *
invKindName(inv_kind_t kind)		/* I - Kind */
{
  return ((unsigned)kind < sizeof(kind_names) / sizeof(kind_names[0]) ? kind_names[kind] : "?");
}


/* Parse an account kind's name. */
inv_status_t
invKindParse(const char *text,		/* I - Name */
             inv_kind_t *kind)		/* O - Kind */
{
  for (size_t i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i ++)
    if (!strcmp(text, kind_names[i]))
    {
      *kind = (inv_kind_t)i;
      return (INV_OK);
    }
  return (INV_REFUSED);
}


/* Add a location (store, print room) or a printer's hopper. */
inv_status_t
invLocationAdd(inv_db_t   *db,		/* I - Ledger */
               const char *code,	/* I - Unique code */
               inv_kind_t kind,		/* I - INV_KIND_STORE, _PRINTROOM or _HOPPER */
               const char *name)	/* I - Description or NULL */
{
  inv_status_t	status;
  char		*detail;

  if (!invNameIsValid(code))
    return (invDbSetError(db, INV_REFUSED, _("bad location code \"%s\": use 1-64 letters, digits, '.', '_' or '-'"),
                          code));
  if (kind != INV_KIND_STORE && kind != INV_KIND_PRINTROOM && kind != INV_KIND_HOPPER)
    return (invDbSetError(db, INV_REFUSED, _("a location is a store or a print room")));
  if (name && !chainTextIsClean(name, 200))
    return (invDbSetError(db, INV_REFUSED, _("the name must be at most 200 characters with no control characters")));
  if (storeAccountFind(db, code, NULL, NULL, NULL) == INV_OK)
    return (invDbSetError(db, INV_REFUSED, _("%s exists already"), code));

  if ((status = storeAccountInsert(db, code, kind, name, NULL)) != INV_OK)
    return (status);
  detail = chainDetailCopy(json_pack("{s:s,s:s,s:s}", "code", code, "kind", invKindName(kind), "name", name ? name : ""));
  status = detail ? invEventAppend(db, "location.add", code, detail, NULL)
                  : invDbSetError(db, INV_ERROR, _("out of memory"));
  free(detail);
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


/* State of a walk over holdings: names for ids. */
typedef struct holding_walk_s
{
  inv_holding_cb_t cb;			/* Public callback, or NULL */
  void		*ctx;
  inv_list_t	*out;			/* List to fill, or NULL */
  int64_t	account;		/* Only this account, or 0 */
  int64_t	*account_ids;		/* Id -> code table */
  char		**account_codes;
  size_t	naccounts;
  store_series_t *series;		/* Id -> series table */
  char		**series_names;
  size_t	nseries;
  bool		failed;
} holding_walk_t;

static void
walk_account(void *ctx, const store_account_t *a)
{
  holding_walk_t *w = ctx;
  int64_t	*ids = realloc(w->account_ids, (w->naccounts + 1) * sizeof(int64_t));
  char		**codes = realloc(w->account_codes, (w->naccounts + 1) * sizeof(char *));

  if (ids)
    w->account_ids = ids;
  if (codes)
    w->account_codes = codes;
  if (!ids || !codes || !(w->account_codes[w->naccounts] = strdup(a->code)))
  {
    w->failed = true;
    return;
  }
  w->account_ids[w->naccounts ++] = a->id;
}

static void
walk_series(void *ctx, const store_series_t *s)
{
  holding_walk_t *w = ctx;
  store_series_t *items = realloc(w->series, (w->nseries + 1) * sizeof(store_series_t));
  char		**names = realloc(w->series_names, (w->nseries + 1) * sizeof(char *));

  if (items)
    w->series = items;
  if (names)
    w->series_names = names;
  if (!items || !names || !(w->series_names[w->nseries] = strdup(s->prefix)))
  {
    w->failed = true;
    return;
  }
  w->series[w->nseries] = *s;
  w->series[w->nseries].prefix = w->series_names[w->nseries];
  w->nseries ++;
}

static int
walk_holding(void *ctx, const store_holding_t *h)
{
  holding_walk_t	*w = ctx;
  inv_range_t		r;
  const char		*code = "?";
  size_t		i;

  if (w->account && h->account != w->account)
    return (0);
  for (i = 0; i < w->nseries && w->series[i].id != h->series; i ++);
  if (i == w->nseries)
    return (0);
  snprintf(r.prefix, sizeof(r.prefix), "%s", w->series[i].prefix);
  r.width = w->series[i].width;
  r.first = h->first;
  r.last = h->last;
  for (i = 0; i < w->naccounts; i ++)
    if (w->account_ids[i] == h->account)
      code = w->account_codes[i];
  if (w->cb)
    w->cb(w->ctx, code, &r);
  if (w->out && invListAdd(w->out, &r) != INV_OK)
    w->failed = true;
  return (w->failed);
}


/* Walk the holdings of one account (or all), series in order. */
static inv_status_t
holding_walk(inv_db_t *db, const char *account, holding_walk_t *w)
{
  inv_status_t status = INV_OK;

  if (account && (status = storeAccountFind(db, account, &w->account, NULL, NULL)) != INV_OK)
    return (status);
  if ((status = storeAccountList(db, walk_account, w)) == INV_OK &&
      (status = storeSeriesList(db, walk_series, w)) == INV_OK && !w->failed)
  {
    for (size_t i = 0; i < w->nseries && status == INV_OK && !w->failed; i ++)
      status = w->account ? storeHoldingOfAccount(db, w->account, w->series[i].id, walk_holding, w)
                          : storeHoldingOfSeries(db, w->series[i].id, walk_holding, w);
  }
  for (size_t i = 0; i < w->naccounts; i ++)
    free(w->account_codes[i]);
  for (size_t i = 0; i < w->nseries; i ++)
    free(w->series_names[i]);
  free(w->account_ids);
  free(w->account_codes);
  free(w->series);
  free(w->series_names);
  if (status == INV_OK && w->failed)
    status = invDbSetError(db, INV_ERROR, _("out of memory"));
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
