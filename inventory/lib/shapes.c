/*
 * The ledger's figures as the JSON objects the programs print with --json,
 * built once here for the command and for the web server's JSON API
 * (printctl/web/), so the two give the same shape: inventory stock,
 * printctl backlog.
 */

#include "db-private.h"
#include "blanko/shapes.h"

#include "blanko/date.h"
#include "blanko/request.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
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


/*
 * printctl backlog --json (issue 15): the waiting requests (pending,
 * submitted, failed): how many, the oldest, median and 90th percentile
 * waiting days (nearest rank), those past the service target, in all, by
 * kecamatan and by category; with list, the requests past the target,
 * the NIK masked to its last four digits.
 */

typedef struct bl_row_s			/* One waiting request, as the backlog needs it */
{
  int64_t		id;		/* Request id */
  long			days;		/* Waiting days */
  char			recorded[11];	/* Day recorded */
  const char		*category;	/* Its category (static text) */
  char			*district;	/* Kecamatan, or "" */
  char			nik4[5];	/* Last four digits of the NIK (for --list) */
} bl_row_t;

typedef struct bl_s			/* The backlog being read */
{
  char			today[11];	/* Office's day */
  bl_row_t		*rows;
  size_t		count, alloc;
  bool			nomem;
} bl_t;

typedef struct bl_stats_s		/* Figures of a set of waiting requests */
{
  long			count, oldest, median, p90, overdue;
} bl_stats_t;


/* Keep one waiting request. */
static void
bl_add(void                *ctx,	/* I - bl_t */
       const inv_waiting_t *w)		/* I - Waiting request */
{
  bl_t		*b = (bl_t *)ctx;
  bl_row_t	*r;
  size_t	len;

  if (b->nomem)
    return;
  if (b->count == b->alloc)
  {
    size_t	n = b->alloc ? 2 * b->alloc : 1024;
    bl_row_t	*more = realloc(b->rows, n * sizeof(bl_row_t));

    if (!more)
    {
      b->nomem = true;
      return;
    }
    b->rows = more;
    b->alloc = n;
  }
  r = b->rows + b->count;
  memset(r, 0, sizeof(*r));
  r->id = w->id;
  snprintf(r->recorded, sizeof(r->recorded), "%s", w->recorded);
  if (!invDateDaysBetween(r->recorded, b->today, &r->days) || r->days < 0)
    r->days = 0;
  r->category = invRequestCategory(w->category);
  if (!r->category)
    r->category = "new";
  len = strlen(w->nik);
  snprintf(r->nik4, sizeof(r->nik4), "%s", len >= 4 ? w->nik + len - 4 : w->nik);
  if ((r->district = strdup(w->district)) == NULL)
  {
    b->nomem = true;
    return;
  }
  b->count ++;
}


/* Order of rows: by waiting days, longest first. */
static int
by_days(const void *a, const void *b)
{
  long da = ((const bl_row_t *)a)->days, db = ((const bl_row_t *)b)->days;

  return (da < db ? 1 : da > db ? -1 : 0);
}


/* Figures of rows[0..n-1] (sorted by days, longest first): nearest rank. */
static bl_stats_t
bl_stats(const bl_row_t *rows,		/* I - Rows, longest wait first */
         size_t         n,		/* I - How many */
         int            target)		/* I - Service target, days */
{
  bl_stats_t	s;

  memset(&s, 0, sizeof(s));
  s.count = (long)n;
  if (!n)
    return (s);
  s.oldest = rows[0].days;
  /* Ascending place k (1-based) is rows[n - k]; k = ceil(p * n) */
  s.median = rows[n - (n + 1) / 2].days;
  s.p90 = rows[n - (9 * n + 9) / 10].days;
  for (size_t i = 0; i < n && rows[i].days > target; i ++)
    s.overdue ++;
  return (s);
}


/* The figures as JSON, with a name when given. */
static json_t *
stats_json(const char       *key,	/* I - Member for name, or NULL */
           const char       *name,	/* I - Group */
           const bl_stats_t *s)		/* I - Figures */
{
  json_t *o = json_pack("{s:i,s:i,s:i,s:i,s:i}", "waiting", (int)s->count, "oldest_days", (int)s->oldest,
                        "median_days", (int)s->median, "p90_days", (int)s->p90, "overdue", (int)s->overdue);

  if (key)
    json_object_set_new(o, key, json_string(name));
  return (o);
}


/* Key of a row for a grouping: 0 kecamatan, 1 category. */
static const char *
row_key(const bl_row_t *r,		/* I - Row */
        int            group)		/* I - Grouping */
{
  return (group ? r->category : r->district);
}


static int sort_group;			/* Grouping qsort is ordering by */

/* Order of rows: by group key, then longest wait first. */
static int
by_group(const void *a, const void *b)
{
  int c = strcmp(row_key(a, sort_group), row_key(b, sort_group));

  return (c ? c : by_days(a, b));
}


/* The figures per group (kecamatan or category), into a JSON array. */
static void
bl_groups(bl_t   *b,			/* I - Backlog (rows reordered) */
          int    group,			/* I - 0 kecamatan, 1 category */
          int    target,		/* I - Service target */
          json_t *array)		/* I - JSON array */
{
  sort_group = group;
  qsort(b->rows, b->count, sizeof(bl_row_t), by_group);
  for (size_t i = 0, j; i < b->count; i = j)
  {
    const char	*key = row_key(b->rows + i, group);
    bl_stats_t	s;

    for (j = i + 1; j < b->count && !strcmp(row_key(b->rows + j, group), key); j ++);
    s = bl_stats(b->rows + i, j - i, target);
    json_array_append_new(array, stats_json(group ? "category" : "kecamatan", key, &s));
  }
}


/* The requests past the target, for a clerk: id, recorded day, days,
 * category, kecamatan and the NIK masked to its last four digits. */
static void
bl_list(bl_t   *b,			/* I - Backlog */
        int    target,			/* I - Service target */
        json_t *array)			/* I - JSON array */
{
  qsort(b->rows, b->count, sizeof(bl_row_t), by_days);
  for (size_t i = 0; i < b->count && b->rows[i].days > target; i ++)
  {
    const bl_row_t	*r = b->rows + i;
    char		masked[17];

    snprintf(masked, sizeof(masked), "************%s", r->nik4);
    json_array_append_new(array, json_pack("{s:I,s:s,s:i,s:s,s:s,s:s}", "id", (json_int_t)r->id,
                                           "recorded", r->recorded, "days", (int)r->days, "nik", masked,
                                           "category", r->category, "kecamatan", r->district));
  }
}



/* printctl backlog --json: {waiting, oldest_days, median_days, p90_days,
   overdue, today, target_days, oldest_recorded, by_kecamatan, by_category
   [, overdue_requests]}; NULL and the status on an error. */
json_t *
invBacklogJson(inv_db_t     *db,	/* I - Ledger */
               int          target,	/* I - Service target, days */
               bool         list,	/* I - With the overdue requests (masked NIK)? */
               inv_status_t *status)	/* O - INV_OK or why not */
{
  bl_t		b;
  bl_stats_t	all;
  json_t	*out = NULL, *groups;

  memset(&b, 0, sizeof(b));
  invDateLocalToday(0, b.today, sizeof(b.today));
  if ((*status = invRequestWaiting(db, b.today, bl_add, &b)) == INV_OK && b.nomem)
    *status = _invDbNoMemory(db);
  if (*status == INV_OK)
  {
    qsort(b.rows, b.count, sizeof(bl_row_t), by_days);
    all = bl_stats(b.rows, b.count, target);
    out = stats_json(NULL, NULL, &all);
    json_object_set_new(out, "today", json_string(b.today));
    json_object_set_new(out, "target_days", json_integer(target));
    json_object_set_new(out, "oldest_recorded", json_string(b.count ? b.rows[0].recorded : ""));
    bl_groups(&b, 0, target, groups = json_array());
    json_object_set_new(out, "by_kecamatan", groups);
    bl_groups(&b, 1, target, groups = json_array());
    json_object_set_new(out, "by_category", groups);
    if (list)
    {
      bl_list(&b, target, groups = json_array());
      json_object_set_new(out, "overdue_requests", groups);
    }
  }
  for (size_t i = 0; i < b.count; i ++)
    free(b.rows[i].district);
  free(b.rows);
  return (out);
}
