/*
 * The figures of `inventory report stock` (issue 10; issue 16's dashboard):
 * blanks per location and hopper, the use over the last 30 days, the days
 * the stock lasts at that rate, the office's stock at the end of each of
 * the last 60 days, the blanks needed (blanko/supply.h) and the warning.
 * Gathered and computed once here, for the report (text, PDF, JSON), the
 * web server's dashboard and its JSON API.
 *
 * Use of a location is every serial that left it (transfer, load, print,
 * spoil, write-off) in the window; use of the office is what left the
 * office's stock for good (issued, spoiled, lost), so that a transfer
 * between two stores is not counted as use twice.
 */

#include "db-private.h"
#include "blanko/shapes.h"
#include "blanko/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Is an account kind part of the office's stock? */
static bool
in_stock(inv_kind_t kind)		/* I - Account kind */
{
  return (kind == INV_KIND_STORE || kind == INV_KIND_PRINTROOM || kind == INV_KIND_HOPPER);
}


/* Keep a location or hopper. */
static void
stock_account(void                *ctx,	/* I - inv_stock_report_t */
              const inv_account_t *a)	/* I - Account */
{
  inv_stock_report_t	*s = ctx;
  inv_stock_loc_t	*list;

  if (!in_stock(a->kind))
    return;
  if ((list = realloc(s->locs, (s->nlocs + 1) * sizeof(inv_stock_loc_t))) == NULL)
  {
    s->failed = true;
    return;
  }
  s->locs = list;
  memset(list + s->nlocs, 0, sizeof(inv_stock_loc_t));
  snprintf(list[s->nlocs].code, sizeof(list[s->nlocs].code), "%s", a->code);
  list[s->nlocs].kind = a->kind;
  list[s->nlocs ++].blanks = a->balance;
  s->total += a->balance;
}


/* Movements in the use window. */
static void
stock_use(void              *ctx,	/* I - inv_stock_report_t */
          const inv_total_t *t)		/* I - Serials moved */
{
  inv_stock_report_t *s = ctx;

  if (t->to_kind == INV_KIND_SUPPLIER)	/* a receipt voided: never received, so never used */
    return;
  for (size_t i = 0; i < s->nlocs; i ++)
    if (!strcmp(s->locs[i].code, t->from))
      s->locs[i].used += t->serials;
  if (in_stock(t->from_kind) && !in_stock(t->to_kind))
  {
    s->consumed += t->serials;
    if (!strcmp(t->to, "issued"))
      s->issued += t->serials;
    else if (!strcmp(t->to, "spoiled"))
      s->spoiled += t->serials;
    else
      s->lost += t->serials;
  }
}


/* Movements in one of the chart's days: the net change of the office's stock. */
static void
stock_day(void              *ctx,	/* I - inv_stock_report_t */
          const inv_total_t *t)		/* I - Serials moved */
{
  inv_stock_report_t	*s = ctx;
  int64_t		delta = (in_stock(t->to_kind) ? t->serials : 0) - (in_stock(t->from_kind) ? t->serials : 0);

  s->net[s->day] += delta;
}


/* Average use per day over the window. */
double
invStockPerDay(int64_t used)		/* I - Serials used in the window */
{
  return ((double)used / INV_STOCK_WINDOW);
}


/* Days the blanks last at the window's rate: 0 nothing left, -1 no use
   (no end in sight). */
int64_t
invStockDaysLeft(int64_t blanks,	/* I - Held now */
                 int64_t used)		/* I - Used in the window */
{
  if (blanks <= 0)
    return (0);
  /* blanks / (used / WINDOW), floored, in integers: exact at whole days */
  return (used > 0 ? blanks * INV_STOCK_WINDOW / used : -1);
}


/* The office's stock at the end of chart day i. */
int64_t
invStockAt(const inv_stock_report_t *s,	/* I - Figures */
           int                      i)	/* I - Chart day, 0 .. INV_STOCK_CHART - 1 */
{
  int64_t v = s->total;

  for (int k = i + 1; k < INV_STOCK_CHART; k ++)
    v -= s->net[k];
  return (v);
}


/* Does the office need a warning: its stock lasts fewer than
   INV_STOCK_WARN days at the rate of use, or more blanks are needed than it
   holds (with no stock and no use, use alone says nothing)? */
bool
invStockWarning(const inv_stock_report_t *s)	/* I - Figures */
{
  int64_t left = invStockDaysLeft(s->total, s->consumed);

  return ((left >= 0 && left < INV_STOCK_WARN) || s->need.need > 0);
}


/* Gather the figures at time now, the need over horizon days; INV_REFUSED
   when the clock is outside the calendar.  Free with invStockReportFree. */
inv_status_t
invStockReport(inv_db_t           *db,		/* I - Ledger */
               time_t             now,		/* I - Now */
               int                horizon,	/* I - [supply] horizon_days */
               inv_stock_report_t *s)		/* O - Figures */
{
  inv_status_t	status = INV_OK;
  time_t	start = now - INV_STOCK_WINDOW * 86400;
  struct tm	tm;

  memset(s, 0, sizeof(*s));
  invDateLocalToday(now, s->today, sizeof(s->today));	/* the office's day */
  gmtime_r(&start, &tm);
  strftime(s->since, sizeof(s->since), "%Y-%m-%dT%H:%M:%S", &tm);
  /* The chart's days are the office's: each cut at its local midnight. */
  for (int i = 0; i <= INV_STOCK_CHART && status == INV_OK; i ++)
  {
    char	day[16];
    inv_date_t	d;

    if (!invDateAddDays(s->today, i - (INV_STOCK_CHART - 1), day, sizeof(day)) || !invDateParse(day, 0, &d, NULL, 0) ||
        !invDateLocalDayStart(&d, s->cuts[i], sizeof(s->cuts[i])))
      status = INV_REFUSED;
    else if (i < INV_STOCK_CHART)
      snprintf(s->days[i], sizeof(s->days[i]), "%.10s", day);
  }
  snprintf(s->chart_since, sizeof(s->chart_since), "%s", s->cuts[0]);
  if (status != INV_OK)
    return (status);
  if ((status = invAccountList(db, stock_account, s)) != INV_OK ||
      (status = invMovementTotals(db, s->since, NULL, false, stock_use, s)) != INV_OK ||
      (status = invSupplyNeed(db, now, horizon, &s->need)) != INV_OK)
    return (status);
  for (s->day = 0; s->day < INV_STOCK_CHART; s->day ++)
    if ((status = invMovementTotals(db, s->cuts[s->day], s->cuts[s->day + 1], false, stock_day, s)) != INV_OK)
      return (status);
  if (s->failed)
    return (_invDbNoMemory(db));
  return (INV_OK);
}


/* Free what invStockReport allocated. */
void
invStockReportFree(inv_stock_report_t *s)	/* I - Figures */
{
  free(s->locs);
  s->locs = NULL;
  s->nlocs = 0;
}


/* The blanks needed and the formula's inputs as JSON (report supply, report stock). */
json_t *
invSupplyNeedJson(const inv_supply_need_t *n)	/* I - The need */
{
  return (json_pack("{s:i,s:I,s:I,s:f,s:f,s:I,s:I,s:f,s:I,s:I,s:s}", "horizon_days", n->horizon, "backlog",
                    (json_int_t)n->backlog, "new_requests_8_weeks", (json_int_t)n->recent, "weekly_new_requests",
                    n->weekly, "expected_new_requests", n->expected, "issued_8_weeks", (json_int_t)n->issued,
                    "spoiled_8_weeks", (json_int_t)n->spoiled, "spoilage_rate", n->spoilage, "on_hand",
                    (json_int_t)n->on_hand, "blanks_needed", (json_int_t)n->need, "formula",
                    "ceil((backlog + expected_new_requests) * (1 + spoilage_rate) - on_hand), at least 0"));
}


/* inventory report stock --json: {office, date, locations: [{account, kind,
   blanks, used_30d, per_day, days_left}], total: {...}, warning, warn_days,
   history: [{day, blanks}], need}. */
json_t *
invStockReportJson(const inv_stock_report_t *s,		/* I - Figures */
                   const char               *office)	/* I - [site] office */
{
  json_t	*locs = json_array(), *history = json_array(), *obj;
  int64_t	left = invStockDaysLeft(s->total, s->consumed);

  for (size_t i = 0; i < s->nlocs; i ++)
  {
    const inv_stock_loc_t	*l = s->locs + i;
    int64_t			d = invStockDaysLeft(l->blanks, l->used);

    json_array_append_new(locs, json_pack("{s:s,s:s,s:I,s:I,s:f,s:o}", "account", l->code, "kind",
                                          invKindName(l->kind), "blanks", (json_int_t)l->blanks, "used_30d",
                                          (json_int_t)l->used, "per_day", invStockPerDay(l->used), "days_left",
                                          d < 0 ? json_null() : json_integer(d)));
  }
  for (int i = 0; i < INV_STOCK_CHART; i ++)
    json_array_append_new(history, json_pack("{s:s,s:I}", "day", s->days[i], "blanks", (json_int_t)invStockAt(s, i)));
  obj = json_pack("{s:s,s:s,s:o,s:{s:I,s:I,s:I,s:I,s:I,s:f,s:o},s:b,s:i,s:o}", "office",
                  office ? office : "",
                  "date", s->today, "locations", locs, "total", "blanks", (json_int_t)s->total, "used_30d",
                  (json_int_t)s->consumed, "issued_30d", (json_int_t)s->issued, "spoiled_30d",
                  (json_int_t)s->spoiled, "lost_30d", (json_int_t)s->lost, "per_day", invStockPerDay(s->consumed),
                  "days_left", left < 0 ? json_null() : json_integer(left),
                  "warning", invStockWarning(s), "warn_days", INV_STOCK_WARN, "history", history);
  if (obj)
    json_object_set_new(obj, "need", invSupplyNeedJson(&s->need));
  return (obj);
}
