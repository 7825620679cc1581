/*
 * report stock: blanks per location and hopper, the average daily use over
 * the last 30 days, and how many days the stock lasts at that rate: the
 * warning that comes before a blank shortage.  The warning also comes when
 * the blanks needed (blanko/supply.h: waiting and expected requests) are
 * more than the office holds, since with no stock and no use past use
 * alone forecasts nothing.  The PDF adds a chart of the
 * office's stock at the end of each of the last 60 days.
 *
 * The figures are the library's (invStockReport, inventory/lib/stockreport.c),
 * the same the web server's dashboard and JSON API show; this file writes
 * them as text and PDF, and as JSON with invStockReportJson.
 */

#include "report-private.h"
#include "blanko/date.h"
#include "blanko/labels.h"
#include "blanko/shapes.h"
#include "blanko/supply.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WINDOW_DAYS	INV_STOCK_WINDOW	/* Days of use averaged */
#define CHART_DAYS	INV_STOCK_CHART		/* Days in the chart */
#define WARN_DAYS	INV_STOCK_WARN		/* Warn when stock lasts fewer days */

typedef inv_stock_loc_t sloc_t;		/* One location or hopper */

typedef struct stock_s			/* The report */
{
  inv_stock_report_t	f;		/* The library's figures */
  char			zone[16];	/* The office's zone, "WIB" */
} stock_t;



/* A location's days left for people ("1.234"), or "-" when nothing is used. */
static const char *
days_text(int64_t d, char *buf, size_t bufsize)
{
  if (d < 0)
    snprintf(buf, bufsize, "-");
  else
    i18nCount(d, buf, bufsize);
  return (buf);
}


/* The warning line, or "" when the stock lasts. */
static void
warning_text(const stock_t *s, char *buf, size_t bufsize)
{
  int64_t	left = invStockDaysLeft(s->f.total, s->f.consumed);
  char		n[5][32], pct[32];
  size_t	len;

  buf[0] = '\0';
  if (left > 0 && left < WARN_DAYS)
    snprintf(buf, bufsize,
             P_("WARNING: the office's blanks last about %s more day at the rate of the last %d days; order blanks "
                "now.",
                "WARNING: the office's blanks last about %s more days at the rate of the last %d days; order blanks "
                "now.", left), i18nCount(left, n[0], sizeof(n[0])), WINDOW_DAYS);
  else if (left == 0 && s->f.need.need <= 0)
    snprintf(buf, bufsize, "%s", _("WARNING: the office has no blanks left; order blanks now."));
  if (s->f.need.need <= 0)
    return;
  if ((len = strlen(buf)) > 0 && len + 1 < bufsize)
    buf[len ++] = ' ';
  snprintf(buf + len, bufsize - len,
           _("WARNING: %s more blanks are needed for the %s waiting requests and the %s expected over the next %d "
             "days (blanks on hand %s, spoilage %s%%); request blanks now ('inventory report supply')."),
           i18nCount(s->f.need.need, n[0], sizeof(n[0])), i18nCount(s->f.need.backlog, n[1], sizeof(n[1])),
           i18nDecimal(s->f.need.expected, 0, n[2], sizeof(n[2])), s->f.need.horizon,
           i18nCount(s->f.need.on_hand, n[3], sizeof(n[3])), i18nDecimal(100.0 * s->f.need.spoilage, 1, pct, sizeof(pct)));
}


/* The summary line. */
static void
summary_text(const stock_t *s, char *buf, size_t bufsize)
{
  int64_t	left = invStockDaysLeft(s->f.total, s->f.consumed);
  char		n[6][32], d[32], rate[32], lasts[128];

  if (left < 0)
    snprintf(lasts, sizeof(lasts), "%s", _("Days of stock left: none used, no end in sight."));
  else
    snprintf(lasts, sizeof(lasts), P_("Days of stock left: %s day.", "Days of stock left: %s days.", left),
             days_text(left, d, sizeof(d)));
  snprintf(buf, bufsize,
           P_("In the office: %s blank. Use over the last %d days: %s (issued %s, spoiled %s, lost %s), %s a day. %s",
              "In the office: %s blanks. Use over the last %d days: %s (issued %s, spoiled %s, lost %s), %s a day. %s",
              s->f.total),
           i18nCount(s->f.total, n[0], sizeof(n[0])), WINDOW_DAYS, i18nCount(s->f.consumed, n[1], sizeof(n[1])),
           i18nCount(s->f.issued, n[2], sizeof(n[2])), i18nCount(s->f.spoiled, n[3], sizeof(n[3])),
           i18nCount(s->f.lost, n[4], sizeof(n[4])), i18nDecimal(invStockPerDay(s->f.consumed), 1, rate, sizeof(rate)), lasts);
}


/* The report as text, in the language of the messages. */
static void
stock_text(FILE *fp, cli_t *cli, const void *data)
{
  const stock_t	*s = data;	/* The report */
  char		line[1024], d[32], blanks[32], rate[32], acct[160];
  int		w = 20;

  for (size_t i = 0; i < s->f.nlocs; i ++)
  {
    int len = (int)strlen(invAccountLabel(s->f.locs[i].code, s->f.locs[i].kind, acct, sizeof(acct)));

    if (len > w)
      w = len;
  }
  fprintf(fp, _("Stock on %s (%s)\n"), s->f.today, s->zone);
  if (cliGetConfig(cli)->office[0])
    fprintf(fp, "%s\n", cliGetConfig(cli)->office);
  fprintf(fp, "\n%-*s %-12s %10s %12s %10s\n", w, _("LOCATION"), _("KIND"), _("BLANKS"), _("USE/DAY"),
          _("DAYS LEFT"));
  for (size_t i = 0; i < s->f.nlocs; i ++)
  {
    const sloc_t *l = s->f.locs + i;

    fprintf(fp, "%-*s %-12s %10s %12s %10s\n", w, invAccountLabel(l->code, l->kind, acct, sizeof(acct)),
            invKindLabel(l->kind), i18nCount(l->blanks, blanks, sizeof(blanks)),
            i18nDecimal(invStockPerDay(l->used), 1, rate, sizeof(rate)), days_text(invStockDaysLeft(l->blanks, l->used), d, sizeof(d)));
  }
  summary_text(s, line, sizeof(line));
  fprintf(fp, "\n%s\n", line);
  warning_text(s, line, sizeof(line));
  if (line[0])
    fprintf(fp, "%s\n", line);
}


/* The PDF's table of stock by location, with each one's use and days left. */
static void
stock_pdf_locations(const rpdf_module_t *pw,	/* I - PDF writer */
                    rpdf_t              *pdf,	/* I - The PDF */
                    const stock_t       *s)	/* I - The report */
{
  static const double	w[5] = { 50, 30, 30, 32, 32 };
  const char		*head[5] = { _("Location"), _("Kind"), _("Blanks"), _("Use a day"), _("Days left") };
  char			n[3][32], acct[160];

  repPdfTable(pw, pdf, _("Stock by location"), 5, w, head);
  for (size_t i = 0; i < s->f.nlocs; i ++)
  {
    const sloc_t	*l = s->f.locs + i;
    const char		*row[5] = { invAccountLabel(l->code, l->kind, acct, sizeof(acct)), invKindLabel(l->kind),
                                    i18nCount(l->blanks, n[0], sizeof(n[0])),
                                    i18nDecimal(invStockPerDay(l->used), 1, n[1], sizeof(n[1])),
                                    days_text(invStockDaysLeft(l->blanks, l->used), n[2], sizeof(n[2])) };

    pw->row(pdf, 5, w, row, false);
  }
}


/* The PDF's chart of the office's stock at the end of each chart day. */
static void
stock_pdf_chart(const rpdf_module_t *pw,	/* I - PDF writer */
                rpdf_t              *pdf,	/* I - The PDF */
                const stock_t       *s)		/* I - The report */
{
  const char	*labels[CHART_DAYS];
  double	values[CHART_DAYS];
  char		text[1024];

  for (int i = 0; i < CHART_DAYS; i ++)
  {
    labels[i] = s->f.days[i];
    values[i] = (double)invStockAt(&s->f, i);
  }
  pw->space(pdf, 4);
  snprintf(text, sizeof(text), _("Blanks in the office at the end of each of the last %d days"), CHART_DAYS);
  pw->chart(pdf, text, labels, values, CHART_DAYS);
}


/* The report as PDF, written with the PDF writer pw; false with the reason
 * in error when it could not be. */
static bool
stock_pdf(FILE                *fp,	/* I - Output file */
          cli_t               *cli,	/* I - Command context */
          const rpdf_module_t *pw,	/* I - PDF writer */
          const void          *data,	/* I - The report */
          char                *error,	/* O - Why not */
          size_t              errorsize)/* I - Size of error */
{
  const stock_t	*s = data;	/* The report */
  char		text[1024];
  rpdf_t	*pdf;

  snprintf(text, sizeof(text), _("On %s (%s)"), s->f.today, s->zone);
  if ((pdf = repPdfStart(cli, pw, fp, _("STOCK OF KTP-EL BLANKS"), text, error, errorsize, "%s %s", _("Stock"),
                         s->f.today)) == NULL)
    return (false);
  warning_text(s, text, sizeof(text));
  if (text[0])
  {
    pw->heading(pdf, _("Warning"));
    pw->text(pdf, text);
  }
  stock_pdf_locations(pw, pdf, s);
  summary_text(s, text, sizeof(text));
  pw->space(pdf, 2);
  pw->text(pdf, text);
  stock_pdf_chart(pw, pdf, s);
  return (pw->finish(pdf, error, errorsize));
}


/* The report as JSON (the library's). */
static json_t *
stock_json(cli_t *cli, const void *data)
{
  const stock_t	*s = data;	/* The report */

  return (invStockReportJson(&s->f, cliGetConfig(cli)->office));
}


/* Its layouts, for repWrite */
static const rep_writer_t stock_writer = { stock_json, NULL, stock_text, stock_pdf };


/* Write the stock report. */
int
repStock(cli_t      *cli,		/* I - Command context */
         const char *format,		/* I - text, pdf or json */
         const char *lang,		/* I - id or en; NULL: the user's (text), id (PDF) */
         const char *out)		/* I - File (PDF), or NULL */
{
  stock_t		s;
  inv_status_t		status;
  time_t		now = time(NULL);
  struct tm		tm;
  int			result = CLI_OK;

  memset(&s, 0, sizeof(s));
  localtime_r(&now, &tm);
  strftime(s.zone, sizeof(s.zone), "%Z", &tm);
  status = invStockReport(cliGetDb(cli), now, cliGetConfig(cli)->supply_horizon, &s.f);
  if (status == INV_REFUSED)
    result = cliFail(cli, CLI_REFUSED, "%s", _("the clock is outside the calendar"));
  else if (status != INV_OK)
    result = cliFailDb(cli, status);
  else
    result = repWrite(cli, &stock_writer, &s, format, lang, out);
  invStockReportFree(&s.f);
  return (result);
}
