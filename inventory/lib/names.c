/*
 * Names for ids.  See names-private.h.
 */

#include "names-private.h"
#include "blanko/i18n.h"

#include <stdlib.h>
#include <string.h>


/* Append a copy of one account. */
static void
names_account(void *ctx, const store_account_t *a)
{
  inv_names_t		*n = ctx;
  store_account_t	*list = realloc(n->accounts, (n->naccounts + 1) * sizeof(store_account_t));
  store_account_t	copy = { a->id, strdup(a->code), strdup(a->kind), strdup(a->name), a->balance };

  if (!list || !copy.code || !copy.kind || !copy.name)
  {
    free((char *)copy.code);
    free((char *)copy.kind);
    free((char *)copy.name);
    if (list)
      n->accounts = list;
    n->failed = true;
    return;
  }
  n->accounts = list;
  n->accounts[n->naccounts ++] = copy;
}


/* Append a copy of one series. */
static void
names_series(void *ctx, const store_series_t *s)
{
  inv_names_t		*n = ctx;
  store_series_t	*list = realloc(n->series, (n->nseries + 1) * sizeof(store_series_t));
  store_series_t	copy = { s->id, strdup(s->prefix), s->width };

  if (list)
    n->series = list;
  if (!list || !copy.prefix)
  {
    free((char *)copy.prefix);
    n->failed = true;
    return;
  }
  n->series[n->nseries ++] = copy;
}


/* Load every account and series; free with namesFree in every case. */
inv_status_t
namesLoad(inv_db_t    *db,		/* I - Ledger */
          inv_names_t *names)		/* O - Names */
{
  inv_status_t status;

  memset(names, 0, sizeof(*names));
  if ((status = storeAccountList(db, names_account, names)) != INV_OK ||
      (status = storeSeriesList(db, names_series, names)) != INV_OK)
    return (status);
  return (names->failed ? _invDbNoMemory(db) : INV_OK);
}


/* Load only the series (no account): for a walk that names no account. */
inv_status_t
namesLoadSeries(inv_db_t    *db,		/* I - Ledger */
                inv_names_t *names)	/* O - Names (accounts none) */
{
  inv_status_t status;

  memset(names, 0, sizeof(*names));
  if ((status = storeSeriesList(db, names_series, names)) != INV_OK)
    return (status);
  return (names->failed ? _invDbNoMemory(db) : INV_OK);
}


/* Free what namesLoad made. */
void
namesFree(inv_names_t *names)		/* I - Names */
{
  for (size_t i = 0; i < names->naccounts; i ++)
  {
    free((char *)names->accounts[i].code);
    free((char *)names->accounts[i].kind);
    free((char *)names->accounts[i].name);
  }
  for (size_t i = 0; i < names->nseries; i ++)
    free((char *)names->series[i].prefix);
  free(names->accounts);
  free(names->series);
  memset(names, 0, sizeof(*names));
}


/* The account with an id (they are loaded in id order), or NULL. */
const store_account_t *
namesAccount(const inv_names_t *names,	/* I - Names */
             int64_t           id)	/* I - Account id */
{
  size_t lo = 0, hi = names->naccounts;

  while (lo < hi)
  {
    size_t mid = (lo + hi) / 2;

    if (names->accounts[mid].id == id)
      return (names->accounts + mid);
    if (names->accounts[mid].id < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  return (NULL);
}


/* The series with an id, or NULL. */
const store_series_t *
namesSeries(const inv_names_t *names,	/* I - Names */
            int64_t           id)	/* I - Series id */
{
  for (size_t i = 0; i < names->nseries; i ++)
    if (names->series[i].id == id)
      return (names->series + i);
  return (NULL);
}
