/*
 * The ledger's figures as the JSON objects the programs print with --json,
 * built once here for the command and for the web server's JSON API
 * (printctl/web/), so the two give the same shape: inventory stock.
 */

#include "db-private.h"
#include "blanko/shapes.h"

#include <jansson.h>
#include <string.h>

typedef struct shape_stock_s		/* What the stock object gathers */
{
  const char	*only;			/* One account, or NULL */
  json_t	*accounts;
  int64_t	total;
} shape_stock_t;


/* One account's object (no supplier). */
static void
stock_account(void                *ctx,	/* I - shape_stock_t */
              const inv_account_t *a)	/* I - Account */
{
  shape_stock_t *s = ctx;

  if (a->kind == INV_KIND_SUPPLIER || (s->only && strcmp(s->only, a->code)))
    return;
  s->total += a->balance;
  json_array_append_new(s->accounts, json_pack("{s:s,s:s,s:I,s:[]}", "account", a->code, "kind",
                                               invKindName(a->kind), "blanks", (json_int_t)a->balance, "ranges"));
}


/* One range of one account, into its object. */
static void
stock_range(void              *ctx,	/* I - shape_stock_t */
            const char        *account,	/* I - Account */
            const inv_range_t *r)	/* I - Range */
{
  shape_stock_t	*s = ctx;
  char		text[INV_RANGE_MAX];
  size_t	i;
  json_t	*a;

  invRangeFormat(r, text, sizeof(text));
  json_array_foreach(s->accounts, i, a)
    if (!strcmp(json_string_value(json_object_get(a, "account")), account))
      json_array_append_new(json_object_get(a, "ranges"), json_string(text));
}


/* inventory stock --json: {accounts: [{account, kind, blanks[, ranges]}],
   total}; NULL and the status on an error. */
json_t *
invStockJson(inv_db_t     *db,		/* I - Ledger */
             const char   *only,	/* I - One account, or NULL */
             bool         ranges,	/* I - With each account's ranges? */
             inv_status_t *status)	/* O - INV_OK or why not */
{
  shape_stock_t	s = { only, json_array(), 0 };

  if ((*status = invAccountList(db, stock_account, &s)) == INV_OK && ranges)
    *status = invHoldingList(db, only, stock_range, &s);
  if (*status != INV_OK || !s.accounts)
  {
    json_decref(s.accounts);
    if (*status == INV_OK)
      *status = _invDbNoMemory(db);
    return (NULL);
  }
  if (!ranges)
  {
    size_t	i;
    json_t	*a;

    json_array_foreach(s.accounts, i, a)
      json_object_del(a, "ranges");
  }
  return (json_pack("{s:o,s:I}", "accounts", s.accounts, "total", (json_int_t)s.total));
}
