/*
 * report stock: blanks per location and hopper, the average daily use over
 * the last 30 days, and how many days the stock lasts at that rate: the
 * warning that comes before a blank shortage.  The warning also comes when
 * the blanks needed (blanko/supply.h: waiting and expected requests) are
 * more than the office holds, since with no stock and no use past use
 * alone forecasts nothing.  The PDF adds a chart of the
 * office's stock at the end of each of the last 60 days.
 *
 * Use of a location is every serial that left it (transfer, load, print,
 * spoil, write-off) in the window; use of the office is what left the
 * office's stock for good (issued, spoiled, lost), so that a transfer
 * between two stores is not counted as use twice.
 */

#include "report-private.h"
#include "blanko/date.h"
#include "blanko/labels.h"
#include "blanko/supply.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WINDOW_DAYS	30		/* Days of use averaged */
#define CHART_DAYS	60		/* Days in the chart */
#define WARN_DAYS	30		/* Warn when stock lasts fewer days */

typedef struct sloc_s			/* One location or hopper */
{
  char		code[65];
  inv_kind_t	kind;
  int64_t	blanks,			/* Held now */
		used;			/* Left it in the window */
} sloc_t;

typedef struct stock_s			/* The report */
{
  sloc_t	*locs;
  size_t	nlocs;
  int64_t	total,			/* Blanks held by locations and hoppers */
		consumed,		/* Left the office's stock in the window */
		issued, spoiled, lost;	/* ... by destination */
  char		since[32],		/* Start of the use window */
		chart_since[32],	/* Start of the chart */
		today[16];
  char		days[CHART_DAYS][11];	/* The chart's days (the office's) */
  char		cuts[CHART_DAYS + 1][32];/* Where each begins (UTC), and tomorrow */
  char		zone[16];		/* The office's zone, "WIB" */
  int		day;			/* The chart's day being summed */
  int64_t	net[CHART_DAYS];	/* Net change of the office's stock per day */
  inv_supply_need_t need;		/* Blanks needed over [supply] horizon_days */
  bool		failed;
} stock_t;


/* Is an account kind part of the office's stock? */
static bool
in_stock(inv_kind_t kind)
{
  return (kind == INV_KIND_STORE || kind == INV_KIND_PRINTROOM || kind == INV_KIND_HOPPER);
}


/* Keep a location or hopper. */
static void
stock_account(void *ctx, const inv_account_t *a)
{
  stock_t	*s = ctx;
  sloc_t	*list;

  if (!in_stock(a->kind))
    return;
  if ((list = realloc(s->locs, (s->nlocs + 1) * sizeof(sloc_t))) == NULL)
  {
    s->failed = true;
    return;
  }
  s->locs = list;
  memset(list + s->nlocs, 0, sizeof(sloc_t));
  snprintf(list[s->nlocs].code, sizeof(list[s->nlocs].code), "%s", a->code);
  list[s->nlocs].kind = a->kind;
  list[s->nlocs ++].blanks = a->balance;
  s->total += a->balance;
}


/* Movements in the use window. */
static void
stock_use(void *ctx, const inv_total_t *t)
{
  stock_t *s = ctx;

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


/* Movements in the chart's days: the net change of the office's stock. */
static void
stock_day(void *ctx, const inv_total_t *t)
{
  stock_t	*s = ctx;
  int64_t	delta = (in_stock(t->to_kind) ? t->serials : 0) - (in_stock(t->from_kind) ? t->serials : 0);

  s->net[s->day] += delta;
}


/* Average use per day and days left (0: nothing left; -1: no use, so no
 * end in sight). */
static double
per_day(int64_t used)
{
  return ((double)used / WINDOW_DAYS);
}

static int64_t
days_left(int64_t blanks, int64_t used)
{
  if (blanks <= 0)
    return (0);
  return (used > 0 ? (int64_t)floor((double)blanks / per_day(used)) : -1);
}


/* The office's stock at the end of chart day i. */
static int64_t
stock_at(const stock_t *s, int i)
{
  int64_t v = s->total;

  for (int k = i + 1; k < CHART_DAYS; k ++)
    v -= s->net[k];
  return (v);
}


/* Does the office need a warning: its stock lasts fewer than WARN_DAYS at
 * the rate of use, or more blanks are needed than it holds (the waiting
 * and expected requests: with no stock and no use, use alone says nothing)? */
static bool
warning_on(const stock_t *s)
{
  int64_t left = days_left(s->total, s->consumed);

  return ((left >= 0 && left < WARN_DAYS) || s->need.need > 0);
}


/* The report as JSON. */
static json_t *
stock_json(cli_t *cli, const stock_t *s)
{
  json_t	*locs = json_array(), *history = json_array(), *obj;
  int64_t	left = days_left(s->total, s->consumed);

  for (size_t i = 0; i < s->nlocs; i ++)
  {
    const sloc_t	*l = s->locs + i;
    int64_t		d = days_left(l->blanks, l->used);

    json_array_append_new(locs, json_pack("{s:s,s:s,s:I,s:I,s:f,s:o}", "account", l->code, "kind",
                                          invKindName(l->kind), "blanks", (json_int_t)l->blanks, "used_30d",
                                          (json_int_t)l->used, "per_day", per_day(l->used), "days_left",
                                          d < 0 ? json_null() : json_integer(d)));
  }
  for (int i = 0; i < CHART_DAYS; i ++)
    json_array_append_new(history, json_pack("{s:s,s:I}", "day", s->days[i], "blanks", (json_int_t)stock_at(s, i)));
  obj = json_pack("{s:s,s:s,s:o,s:{s:I,s:I,s:I,s:I,s:I,s:f,s:o},s:b,s:i,s:o}", "office", cliGetConfig(cli)->office,
                  "date", s->today, "locations", locs, "total", "blanks", (json_int_t)s->total, "used_30d",
                  (json_int_t)s->consumed, "issued_30d", (json_int_t)s->issued, "spoiled_30d",
                  (json_int_t)s->spoiled, "lost_30d", (json_int_t)s->lost, "per_day", per_day(s->consumed),
                  "days_left", left < 0 ? json_null() : json_integer(left),
                  "warning", warning_on(s), "warn_days", WARN_DAYS, "history", history);
  if (obj)
    json_object_set_new(obj, "need", repSupplyNeedJson(&s->need));
  return (obj);
}


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
  int64_t	left = days_left(s->total, s->consumed);
  char		n[5][32], pct[32];
  size_t	len;

  buf[0] = '\0';
  if (left > 0 && left < WARN_DAYS)
    snprintf(buf, bufsize,
             P_("WARNING: the office's blanks last about %s more day at the rate of the last %d days; order blanks "
                "now.",
                "WARNING: the office's blanks last about %s more days at the rate of the last %d days; order blanks "
                "now.", left), i18nCount(left, n[0], sizeof(n[0])), WINDOW_DAYS);
  else if (left == 0 && s->need.need <= 0)
    snprintf(buf, bufsize, "%s", _("WARNING: the office has no blanks left; order blanks now."));
  if (s->need.need <= 0)
    return;
  if ((len = strlen(buf)) > 0 && len + 1 < bufsize)
    buf[len ++] = ' ';
  snprintf(buf + len, bufsize - len,
           _("WARNING: %s more blanks are needed for the %s waiting requests and the %s expected over the next %d "
             "days (blanks on hand %s, spoilage %s%%); request blanks now ('inventory report supply')."),
           i18nCount(s->need.need, n[0], sizeof(n[0])), i18nCount(s->need.backlog, n[1], sizeof(n[1])),
           i18nDecimal(s->need.expected, 0, n[2], sizeof(n[2])), s->need.horizon,
           i18nCount(s->need.on_hand, n[3], sizeof(n[3])), i18nDecimal(100.0 * s->need.spoilage, 1, pct, sizeof(pct)));
}


/* The summary line. */
static void
summary_text(const stock_t *s, char *buf, size_t bufsize)
{
  int64_t	left = days_left(s->total, s->consumed);
  char		n[6][32], d[32], rate[32], lasts[128];

  if (left < 0)
    snprintf(lasts, sizeof(lasts), "%s", _("Days of stock left: none used, no end in sight."));
  else
    snprintf(lasts, sizeof(lasts), P_("Days of stock left: %s day.", "Days of stock left: %s days.", left),
             days_text(left, d, sizeof(d)));
  snprintf(buf, bufsize,
           P_("In the office: %s blank. Use over the last %d days: %s (issued %s, spoiled %s, lost %s), %s a day. %s",
              "In the office: %s blanks. Use over the last %d days: %s (issued %s, spoiled %s, lost %s), %s a day. %s",
              s->total),
           i18nCount(s->total, n[0], sizeof(n[0])), WINDOW_DAYS, i18nCount(s->consumed, n[1], sizeof(n[1])),
           i18nCount(s->issued, n[2], sizeof(n[2])), i18nCount(s->spoiled, n[3], sizeof(n[3])),
           i18nCount(s->lost, n[4], sizeof(n[4])), i18nDecimal(per_day(s->consumed), 1, rate, sizeof(rate)), lasts);
}


/* The report as text, in the language of the messages. */
static void
stock_text(FILE *fp, cli_t *cli, const stock_t *s)
{
  char		line[1024], d[32], blanks[32], rate[32], acct[160];
  int		w = 20;

  for (size_t i = 0; i < s->nlocs; i ++)
  {
    int len = (int)strlen(invAccountLabel(s->locs[i].code, s->locs[i].kind, acct, sizeof(acct)));

    if (len > w)
      w = len;
  }
  fprintf(fp, _("Stock on %s (%s)\n"), s->today, s->zone);
  if (cliGetConfig(cli)->office[0])
    fprintf(fp, "%s\n", cliGetConfig(cli)->office);
  fprintf(fp, "\n%-*s %-12s %10s %12s %10s\n", w, _("LOCATION"), _("KIND"), _("BLANKS"), _("USE/DAY"),
          _("DAYS LEFT"));
  for (size_t i = 0; i < s->nlocs; i ++)
  {
    const sloc_t *l = s->locs + i;

    fprintf(fp, "%-*s %-12s %10s %12s %10s\n", w, invAccountLabel(l->code, l->kind, acct, sizeof(acct)),
            invKindLabel(l->kind), i18nCount(l->blanks, blanks, sizeof(blanks)),
            i18nDecimal(per_day(l->used), 1, rate, sizeof(rate)), days_text(days_left(l->blanks, l->used), d, sizeof(d)));
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
  for (size_t i = 0; i < s->nlocs; i ++)
  {
    const sloc_t	*l = s->locs + i;
    const char		*row[5] = { invAccountLabel(l->code, l->kind, acct, sizeof(acct)), invKindLabel(l->kind),
                                    i18nCount(l->blanks, n[0], sizeof(n[0])),
                                    i18nDecimal(per_day(l->used), 1, n[1], sizeof(n[1])),
                                    days_text(days_left(l->blanks, l->used), n[2], sizeof(n[2])) };

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
    labels[i] = s->days[i];
    values[i] = (double)stock_at(s, i);
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
          const stock_t       *s,	/* I - The report */
          char                *error,	/* O - Why not */
          size_t              errorsize)/* I - Size of error */
{
  char		text[1024];
  rpdf_t	*pdf;

  snprintf(text, sizeof(text), _("On %s (%s)"), s->today, s->zone);
  if ((pdf = repPdfStart(cli, pw, fp, _("STOCK OF KTP-EL BLANKS"), text, error, errorsize, "%s %s", _("Stock"),
                         s->today)) == NULL)
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
  char			error[256];
  int			result = CLI_OK;
  bool			lang_en = lang && !strcmp(lang, "en");
  rep_lang_t		saved;
  const rpdf_module_t	*pw = NULL;
  blanko_out_t		output;
  const char		*why = NULL;

  memset(&s, 0, sizeof(s));
  invDateLocalToday(now, s.today, sizeof(s.today));	/* the office's day */
  localtime_r(&now, &tm);
  strftime(s.zone, sizeof(s.zone), "%Z", &tm);
  now -= WINDOW_DAYS * 86400;
  gmtime_r(&now, &tm);
  strftime(s.since, sizeof(s.since), "%Y-%m-%dT%H:%M:%S", &tm);
  /* The chart's days are the office's: each cut at its local midnight. */
  status = INV_OK;
  for (int i = 0; i <= CHART_DAYS && status == INV_OK; i ++)
  {
    char	day[16];
    inv_date_t	d;

    if (!invDateAddDays(s.today, i - (CHART_DAYS - 1), day, sizeof(day)) || !invDateParse(day, 0, &d, NULL, 0) ||
        !invDateLocalDayStart(&d, s.cuts[i], sizeof(s.cuts[i])))
      status = INV_ERROR;
    else if (i < CHART_DAYS)
      snprintf(s.days[i], sizeof(s.days[i]), "%.10s", day);
  }
  snprintf(s.chart_since, sizeof(s.chart_since), "%s", s.cuts[0]);

  if (status != INV_OK)
    result = cliFail(cli, CLI_REFUSED, "%s", _("the clock is outside the calendar"));
  else if ((status = invAccountList(cliGetDb(cli), stock_account, &s)) != INV_OK ||
           (status = invMovementTotals(cliGetDb(cli), s.since, NULL, false, stock_use, &s)) != INV_OK ||
           (status = invSupplyNeed(cliGetDb(cli), time(NULL), cliGetConfig(cli)->supply_horizon, &s.need)) != INV_OK)
    result = cliFailDb(cli, status);
  for (s.day = 0; result == CLI_OK && s.day < CHART_DAYS; s.day ++)
    if ((status = invMovementTotals(cliGetDb(cli), s.cuts[s.day], s.cuts[s.day + 1], false, stock_day, &s)) != INV_OK)
      result = cliFailDb(cli, status);
  if (result == CLI_OK && s.failed)
    result = cliFailNoMemory(cli);
  else if (result == CLI_OK && (strcmp(format, "pdf") || (result = repPdfLoad(cli, &pw)) == CLI_OK) &&
           (result = repOutOpen(cli, &output, out)) == CLI_OK)
  {
    if (!strcmp(format, "json"))
    {
      json_t *obj = stock_json(cli, &s);

      json_dumpf(obj, output.fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
      fputc('\n', output.fp);
      json_decref(obj);
    }
    else
    {
      /* A PDF is in the language asked for, Indonesian unless --lang en;
         the text in the user's, unless --lang says another. */
      bool switched = lang || !strcmp(format, "pdf");

      if (switched)
        repDocLangBegin(&saved, lang_en);
      if (!strcmp(format, "pdf") && !stock_pdf(output.fp, cli, pw, &s, error, sizeof(error)))
        why = error;
      else if (strcmp(format, "pdf"))
        stock_text(output.fp, cli, &s);
      if (switched)
        repDocLangEnd(&saved);
    }
    result = repOutClose(cli, &output, why);
  }
  free(s.locs);
  return (result);
}
