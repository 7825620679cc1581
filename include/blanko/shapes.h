/*
 * The ledger's figures as the JSON objects the programs print with --json
 * (inventory/lib/shapes.c), shared by the commands and the web server's
 * JSON API so that both give the same shape.
 */

#ifndef BLANKO_SHAPES_H
#define BLANKO_SHAPES_H

#include "blanko/inventory.h"
#include "blanko/supply.h"

#include <jansson.h>
#include <stdbool.h>

extern json_t	*invStockJson(inv_db_t *db, const char *only, bool ranges, inv_status_t *status);
extern json_t	*invBacklogJson(inv_db_t *db, int target, bool list, inv_status_t *status);

/* The figures of inventory report stock (inventory/lib/stockreport.c),
   shared by the report, the dashboard and the JSON API. */

#define INV_STOCK_WINDOW	30	/* Days of use averaged */
#define INV_STOCK_CHART		60	/* Days in the chart */
#define INV_STOCK_WARN		30	/* Warn when the stock lasts fewer days */

typedef struct inv_stock_loc_s		/* One location or hopper */
{
  char		code[65];		/* Account */
  inv_kind_t	kind;			/* Its kind */
  int64_t	blanks,			/* Held now */
		used;			/* Left it in the window */
} inv_stock_loc_t;

typedef struct inv_stock_report_s	/* The figures */
{
  inv_stock_loc_t *locs;		/* Locations and hoppers */
  size_t	nlocs;			/* How many */
  int64_t	total,			/* Blanks held by locations and hoppers */
		consumed,		/* Left the office's stock in the window */
		issued, spoiled, lost;	/* ... by destination */
  char		since[32],		/* Start of the use window (UTC) */
		chart_since[32],	/* Start of the chart (UTC) */
		today[16];		/* The office's day */
  char		days[INV_STOCK_CHART][11];	/* The chart's days (the office's) */
  char		cuts[INV_STOCK_CHART + 1][32];	/* Where each begins (UTC), and tomorrow */
  int		day;			/* The chart's day being summed */
  int64_t	net[INV_STOCK_CHART];	/* Net change of the office's stock per day */
  inv_supply_need_t need;		/* Blanks needed over [supply] horizon_days */
  bool		failed;			/* Out of memory */
} inv_stock_report_t;

extern inv_status_t	invStockReport(inv_db_t *db, time_t now, int horizon, inv_stock_report_t *s);
extern void		invStockReportFree(inv_stock_report_t *s);
extern double		invStockPerDay(int64_t used);
extern int64_t		invStockDaysLeft(int64_t blanks, int64_t used);
extern int64_t		invStockAt(const inv_stock_report_t *s, int i);
extern bool		invStockWarning(const inv_stock_report_t *s);
extern json_t		*invStockReportJson(const inv_stock_report_t *s, const char *office);
extern json_t		*invSupplyNeedJson(const inv_supply_need_t *n);

#endif /* BLANKO_SHAPES_H */
