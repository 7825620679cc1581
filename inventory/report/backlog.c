/*
 * report backlog (issue 15): the residents waiting for their cards over
 * time, and how long the office needs to clear them.
 *
 * A weekly trend over the last BL_WEEKS weeks, each ending on an office
 * day (the last one today): how many requests were waiting at the week's
 * end (recorded by then and not yet printed, cancelled or superseded),
 * how many were recorded in the week, and how many printed.  Then the days
 * needed to clear today's backlog at the recent rates (the last
 * RATE_DAYS days): cards printed a day, and, when the blanks on hand do
 * not cover the backlog, the blanks received a day for the rest (the
 * slower of the two).  Counts only: never a name or NIK.  The PDF draws
 * the waiting count at each week's end as a chart.
 */

#include "report-private.h"
#include "blanko/date.h"
#include "blanko/request.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BL_WEEKS	12		/* Weeks in the trend */
#define RATE_DAYS	28		/* Days the rates are measured over (4 weeks) */

typedef struct bl_week_s		/* One week of the trend */
{
  char		first[11], last[11];	/* Its first and last office day */
  int64_t	waiting,		/* Waiting at its end */
		added,			/* Recorded in it */
		printed;		/* Printed in it */
} bl_week_t;

typedef struct backlog_s		/* The report */
{
  char		today[11], zone[16],
		rate_since[11],		/* First day of the rate window */
		rate_since_utc[32];	/* Its start (UTC), for the movements */
  bl_week_t	weeks[BL_WEEKS];
  int64_t	waiting,		/* Waiting now */
		printed_recent,		/* Printed in the rate window */
		blanks,			/* Blanks on hand (stores, print rooms, hoppers) */
		received_recent;	/* Blanks received in the rate window (net of voids) */
} backlog_t;


/* Count one request into the weeks and today's figures. */
static void
bl_span(void                     *ctx,	/* I - backlog_t */
        const inv_request_span_t *sp)	/* I - Its span */
{
  backlog_t *b = (backlog_t *)ctx;

  if (!*sp->ended)
    b->waiting ++;
  else if (sp->printed && strcmp(sp->ended, b->rate_since) >= 0)
    b->printed_recent ++;
  for (int i = 0; i < BL_WEEKS; i ++)
  {
    bl_week_t *w = b->weeks + i;

    if (strcmp(sp->recorded, w->last) <= 0 && (!*sp->ended || strcmp(sp->ended, w->last) > 0))
      w->waiting ++;
    if (strcmp(sp->recorded, w->first) >= 0 && strcmp(sp->recorded, w->last) <= 0)
      w->added ++;
    if (sp->printed && strcmp(sp->ended, w->first) >= 0 && strcmp(sp->ended, w->last) <= 0)
      w->printed ++;
  }
}


/* Blanks on hand: the office's stores, print rooms and hoppers. */
static void
bl_account(void                *ctx,	/* I - backlog_t */
           const inv_account_t *a)	/* I - Account */
{
  if (a->kind == INV_KIND_STORE || a->kind == INV_KIND_PRINTROOM || a->kind == INV_KIND_HOPPER)
    ((backlog_t *)ctx)->blanks += a->balance;
}


/* Blanks received in the rate window (a voided receipt goes back). */
static void
bl_supply(void              *ctx,	/* I - backlog_t */
          const inv_total_t *t)		/* I - Serials moved */
{
  backlog_t *b = (backlog_t *)ctx;

  if (t->from_kind == INV_KIND_SUPPLIER && t->to_kind != INV_KIND_SUPPLIER)
    b->received_recent += t->serials;
  else if (t->to_kind == INV_KIND_SUPPLIER && t->from_kind != INV_KIND_SUPPLIER)
    b->received_recent -= t->serials;
}


/* Rates a day over the window. */
static double
print_rate(const backlog_t *b)
{
  return ((double)b->printed_recent / RATE_DAYS);
}

static double
supply_rate(const backlog_t *b)
{
  return (b->received_recent > 0 ? (double)b->received_recent / RATE_DAYS : 0.0);
}


/* Days to clear today's backlog: the blanks on hand at the print rate,
 * the rest at the slower of the print and supply rates; -1 when it cannot
 * be cleared at these rates (nothing printed, or no blanks coming). */
static int64_t
clear_days(const backlog_t *b)
{
  double	pr = print_rate(b), sr = supply_rate(b), days;
  int64_t	covered = b->blanks < b->waiting ? (b->blanks > 0 ? b->blanks : 0) : b->waiting;

  if (!b->waiting)
    return (0);
  if (pr <= 0 || (covered < b->waiting && sr <= 0))
    return (-1);
  days = (double)covered / pr;
  if (covered < b->waiting)
    days += (double)(b->waiting - covered) / (sr < pr ? sr : pr);
  return ((int64_t)ceil(days));
}


/* The summary line, in the language of the messages. */
static void
summary_text(const backlog_t *b, char *buf, size_t bufsize)
{
  int64_t	d = clear_days(b);
  char		days[96], n[6][32];

  if (d < 0)
    snprintf(days, sizeof(days), "%s", _("not at these rates"));
  else
    i18nCount(d, days, sizeof(days));
  snprintf(buf, bufsize,
           _("Waiting now: %s. Printed in the last %d days: %s (%s a day). Blanks on hand: %s; received in the last "
             "%d days: %s (%s a day). Days to clear the backlog: %s."),
           i18nCount(b->waiting, n[0], sizeof(n[0])), RATE_DAYS, i18nCount(b->printed_recent, n[1], sizeof(n[1])),
           i18nDecimal(print_rate(b), 1, n[2], sizeof(n[2])), i18nCount(b->blanks, n[3], sizeof(n[3])), RATE_DAYS,
           i18nCount(b->received_recent, n[4], sizeof(n[4])), i18nDecimal(supply_rate(b), 1, n[5], sizeof(n[5])),
           days);
}


/* The report as JSON. */
static json_t *
backlog_json(cli_t *cli, const void *data)
{
  const backlog_t	*b = data;	/* The report */
  json_t	*weeks = json_array();
  int64_t	d = clear_days(b);

  for (int i = 0; i < BL_WEEKS; i ++)
    json_array_append_new(weeks, json_pack("{s:s,s:s,s:I,s:I,s:I}", "from", b->weeks[i].first, "to",
                                           b->weeks[i].last, "waiting", (json_int_t)b->weeks[i].waiting, "new",
                                           (json_int_t)b->weeks[i].added, "printed",
                                           (json_int_t)b->weeks[i].printed));
  return (json_pack("{s:s,s:s,s:I,s:i,s:I,s:f,s:I,s:I,s:f,s:o,s:o}", "office", cliGetConfig(cli)->office,
                    "date", b->today, "waiting", (json_int_t)b->waiting, "rate_days", RATE_DAYS,
                    "printed_recent", (json_int_t)b->printed_recent, "printed_per_day", print_rate(b),
                    "blanks", (json_int_t)b->blanks, "received_recent", (json_int_t)b->received_recent,
                    "received_per_day", supply_rate(b), "days_to_clear", d < 0 ? json_null() : json_integer(d),
                    "weeks", weeks));
}


/* The report as text, in the language of the messages. */
static void
backlog_text(FILE *fp, cli_t *cli, const void *data)
{
  const backlog_t	*b = data;	/* The report */
  char line[1024], n[3][32];

  fprintf(fp, _("Backlog on %s (%s)\n"), b->today, b->zone);
  if (cliGetConfig(cli)->office[0])
    fprintf(fp, "%s\n", cliGetConfig(cli)->office);
  summary_text(b, line, sizeof(line));
  fprintf(fp, "\n%s\n\n%-10s  %-10s %10s %8s %8s\n", line, _("FROM"), _("TO"), _("WAITING"), _("NEW"), _("PRINTED"));
  for (int i = 0; i < BL_WEEKS; i ++)
    fprintf(fp, "%-10s  %-10s %10s %8s %8s\n", b->weeks[i].first, b->weeks[i].last,
            i18nCount(b->weeks[i].waiting, n[0], sizeof(n[0])), i18nCount(b->weeks[i].added, n[1], sizeof(n[1])),
            i18nCount(b->weeks[i].printed, n[2], sizeof(n[2])));
}


/* The report as CSV: the weekly trend, then a blank line and today's
 * figures (days_to_clear empty when the backlog cannot be cleared at the
 * recent rates). */
static void
backlog_csv(FILE *fp, const void *data)
{
  const backlog_t	*b = data;	/* The report */
  int64_t	d = clear_days(b);
  char		days[32] = "";

  fputs("from,to,waiting,new,printed\n", fp);
  for (int i = 0; i < BL_WEEKS; i ++)
    fprintf(fp, "%s,%s,%" PRId64 ",%" PRId64 ",%" PRId64 "\n", b->weeks[i].first, b->weeks[i].last,
            b->weeks[i].waiting, b->weeks[i].added, b->weeks[i].printed);
  if (d >= 0)
    snprintf(days, sizeof(days), "%" PRId64, d);
  fprintf(fp, "\nwaiting,printed_%dd,blanks,received_%dd,days_to_clear\n%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64
          ",%s\n", RATE_DAYS, RATE_DAYS, b->waiting, b->printed_recent, b->blanks, b->received_recent, days);
}


/* The report as PDF, in the language of the messages; false with the reason in error when it could not be. */
static bool
backlog_pdf(FILE                *fp,	/* I - Output file */
            cli_t               *cli,	/* I - Command context */
            const rpdf_module_t *pw,	/* I - PDF writer */
            const void          *data,	/* I - The report */
            char                *error,	/* O - Why not */
            size_t              errorsize)	/* I - Size of error */
{
  const backlog_t	*b = data;	/* The report */
  static const double	w[5] = { 40, 40, 32, 28, 30 };
  const char		*head[5] = { _("From"), _("To"), _("Waiting at its end"), _("New"), _("Printed") };
  const char		*labels[BL_WEEKS];
  double		values[BL_WEEKS];
  char			text[1024], n[3][32];
  rpdf_t		*pdf;

  snprintf(text, sizeof(text), _("On %s (%s)"), b->today, b->zone);
  if ((pdf = repPdfStart(cli, pw, fp, _("BACKLOG OF KTP-EL REQUESTS"), text, error,
                         errorsize, "%s %s", _("Backlog"), b->today)) == NULL)
    return (false);
  summary_text(b, text, sizeof(text));
  pw->text(pdf, text);
  for (int i = 0; i < BL_WEEKS; i ++)
  {
    labels[i] = b->weeks[i].last;
    values[i] = (double)b->weeks[i].waiting;
  }
  pw->space(pdf, 4);
  snprintf(text, sizeof(text), _("Requests waiting at the end of each of the last %d weeks"), BL_WEEKS);
  pw->chart(pdf, text, labels, values, BL_WEEKS);
  pw->space(pdf, 4);
  repPdfTable(pw, pdf, _("Week by week"), 5, w, head);
  for (int i = 0; i < BL_WEEKS; i ++)
  {
    const char *row[5] = { b->weeks[i].first, b->weeks[i].last, n[0], n[1], n[2] };

    i18nCount(b->weeks[i].waiting, n[0], sizeof(n[0]));
    i18nCount(b->weeks[i].added, n[1], sizeof(n[1]));
    i18nCount(b->weeks[i].printed, n[2], sizeof(n[2]));
    pw->row(pdf, 5, w, row, false);
  }
  return (pw->finish(pdf, error, errorsize));
}


/* Its layouts, for repWrite */
static const rep_writer_t backlog_writer = { backlog_json, backlog_csv, backlog_text, backlog_pdf };


/* Write the backlog report. */
int
repBacklog(cli_t      *cli,		/* I - Command context */
           const char *format,		/* I - text, csv, pdf or json */
           const char *lang,		/* I - id or en; NULL: the user's (text), id (PDF) */
           const char *out)		/* I - File, or NULL */
{
  backlog_t		b;
  inv_status_t		status = INV_OK;
  time_t		now = time(NULL);
  struct tm		tm;
  inv_date_t		d;

  memset(&b, 0, sizeof(b));
  invDateLocalToday(now, b.today, sizeof(b.today));
  localtime_r(&now, &tm);
  strftime(b.zone, sizeof(b.zone), "%Z", &tm);
  for (int i = 0; i < BL_WEEKS; i ++)
    if (!invDateAddDays(b.today, -7 * (BL_WEEKS - 1 - i), b.weeks[i].last, sizeof(b.weeks[i].last)) ||
        !invDateAddDays(b.weeks[i].last, -6, b.weeks[i].first, sizeof(b.weeks[i].first)))
      status = INV_ERROR;
  if (status != INV_OK || !invDateAddDays(b.today, 1 - RATE_DAYS, b.rate_since, sizeof(b.rate_since)) ||
      !invDateParse(b.rate_since, 0, &d, NULL, 0) || !invDateLocalDayStart(&d, b.rate_since_utc, sizeof(b.rate_since_utc)))
    return (cliFail(cli, CLI_REFUSED, "%s", _("the clock is outside the calendar")));
  if ((status = invRequestSpans(cliGetDb(cli), bl_span, &b)) != INV_OK ||
      (status = invAccountList(cliGetDb(cli), bl_account, &b)) != INV_OK ||
      (status = invMovementTotals(cliGetDb(cli), b.rate_since_utc, NULL, false, bl_supply, &b)) != INV_OK)
    return (cliFailDb(cli, status));
  return (repWrite(cli, &backlog_writer, &b, format, lang, out));
}
