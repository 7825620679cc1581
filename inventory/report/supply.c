/*
 * report supply: the office's requests for blanks and what came of them
 * (asked, received, more than asked, lead times from the letter's date to
 * the first and the last receipt, in the office's days), the days of a
 * period at zero stock, and the blanks needed over [supply] horizon_days
 * with the formula's inputs (blanko/supply.h), as text, CSV, JSON or PDF.
 *
 * A day at zero stock is an office day (local midnight to midnight) that
 * began or ended with no blank in the office's stores, print rooms and
 * hoppers; the stock at a midnight is today's less what the hourly totals
 * moved in and out since.
 */

#include "report-private.h"
#include "blanko/shapes.h"
#include "blanko/date.h"
#include "blanko/supply.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PERIOD_DAYS	90		/* Default period: the last 90 days */
#define PERIOD_MAX	3660		/* Longest period, days */

typedef struct srow_s			/* One request, as shown */
{
  int64_t	id, quantity, received, receipts;
  char		date[11], state[20], first[11], last[11];
  char		*to, *ref, *basis;
  int		lead_first, lead_last;	/* Days, -1 when nothing came */
} srow_t;

typedef struct supply_s			/* The report */
{
  srow_t	*rows;
  size_t	nrows;
  int64_t	asked, received;	/* Over requests not cancelled */
  char		from[11], to[11], today[11];
  int		days, zero_days;	/* Days in the period, days at zero stock */
  char		(*zero)[11];		/* The days at zero stock */
  int64_t	*net;			/* Net change of the stock per day */
  int64_t	now_total;		/* Blanks in the office now */
  inv_supply_need_t need;
  bool		failed,			/* Out of memory */
		calendar;		/* A day outside the calendar */
} supply_t;


/* Days since 1970-01-01 of a date YYYY-MM-DD (checked). */
static long
day_number(const char *ymd)
{
  inv_date_t	d;
  long		y, m, era;
  unsigned	yoe, doy, doe;

  if (!invDateParse(ymd, 0, &d, NULL, 0))
    return (0);
  y = d.year - (d.month <= 2);
  m = d.month;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (unsigned)(y - era * 400);
  doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d.day - 1);
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (era * 146097 + (long)doe - 719468);
}


/* Keep one request. */
static void
supply_row(void *ctx, const inv_supply_t *s)
{
  supply_t	*r = ctx;
  srow_t	*rows, *row;

  if ((rows = realloc(r->rows, (r->nrows + 1) * sizeof(srow_t))) == NULL)
  {
    r->failed = true;
    return;
  }
  r->rows = rows;
  row = rows + r->nrows ++;
  memset(row, 0, sizeof(*row));
  row->id = s->id;
  row->quantity = s->quantity;
  row->received = s->received;
  row->receipts = s->receipts;
  snprintf(row->date, sizeof(row->date), "%s", s->date);
  snprintf(row->state, sizeof(row->state), "%s", s->state);
  row->lead_first = row->lead_last = -1;
  if (s->receipts)
  {
    invDateLocalDate(s->first_receipt, row->first, sizeof(row->first));
    invDateLocalDate(s->last_receipt, row->last, sizeof(row->last));
    row->lead_first = (int)(day_number(row->first) - day_number(row->date));
    row->lead_last = (int)(day_number(row->last) - day_number(row->date));
  }
  row->to = strdup(s->to);
  row->ref = strdup(s->ref);
  row->basis = strdup(s->basis);
  if (!row->to || !row->ref || !row->basis)
    r->failed = true;
  if (strcmp(s->state, "cancelled"))
  {
    r->asked += s->quantity;
    r->received += s->received;
  }
}


/* Net change of the office's stock: into the day's slot (ctx's net). */
static void
supply_net(void *ctx, const inv_total_t *t)
{
  int64_t	*net = ctx;
  bool		from = t->from_kind == INV_KIND_STORE || t->from_kind == INV_KIND_PRINTROOM || t->from_kind == INV_KIND_HOPPER,
		to = t->to_kind == INV_KIND_STORE || t->to_kind == INV_KIND_PRINTROOM || t->to_kind == INV_KIND_HOPPER;

  *net += (to ? t->serials : 0) - (from ? t->serials : 0);
}


/* Blanks in the office now. */
static void
supply_account(void *ctx, const inv_account_t *a)
{
  supply_t *r = ctx;

  if (a->kind == INV_KIND_STORE || a->kind == INV_KIND_PRINTROOM || a->kind == INV_KIND_HOPPER)
    r->now_total += a->balance;
}


/* Where office day "date" plus days begins (UTC cut). */
static bool
day_cut(const char *date, int days, char *cut, size_t cutsize)
{
  char		day[16];
  inv_date_t	d;

  return (invDateAddDays(date, days, day, sizeof(day)) && invDateParse(day, 0, &d, NULL, 0) &&
          invDateLocalDayStart(&d, cut, cutsize));
}


/* Count the period's days at zero stock. */
static inv_status_t
supply_zero_days(inv_db_t *db,		/* I - Ledger */
                 supply_t *r)		/* IO - The report */
{
  char		cut[32], next[32];
  int64_t	after = 0, stock;
  inv_status_t	status;

  if ((r->net = calloc((size_t)r->days, sizeof(int64_t))) == NULL ||
      (r->zero = calloc((size_t)r->days, sizeof(*r->zero))) == NULL)
  {
    r->failed = true;
    return (INV_OK);
  }
  if ((status = invAccountList(db, supply_account, r)) != INV_OK)
    return (status);
  for (int i = 0; i < r->days; i ++)
  {
    if (!day_cut(r->from, i, cut, sizeof(cut)) || !day_cut(r->from, i + 1, next, sizeof(next)))
    {
      r->calendar = true;
      return (INV_OK);
    }
    if ((status = invMovementTotals(db, cut, next, false, supply_net, r->net + i)) != INV_OK)
      return (status);
  }
  if ((status = invMovementTotals(db, next, NULL, false, supply_net, &after)) != INV_OK)
    return (status);
  /* Walk back from now: the stock at the end of the last day, then each start. */
  stock = r->now_total - after;
  for (int i = r->days - 1; i >= 0; i --)
  {
    int64_t start = stock - r->net[i];

    if (stock == 0 || start == 0)
      snprintf(r->zero[i], sizeof(r->zero[i]), "%s", "x");
    stock = start;
  }
  for (int i = 0; i < r->days; i ++)
    if (r->zero[i][0])
    {
      char day[16];

      invDateAddDays(r->from, i, day, sizeof(day));
      snprintf(r->zero[r->zero_days ++], sizeof(r->zero[0]), "%.10s", day);
    }
  return (INV_OK);
}


/* A lead time as JSON: days, or null when nothing came. */
static json_t *
lead_json(int days)
{
  return (days < 0 ? json_null() : json_integer(days));
}


/* The report as JSON. */
static json_t *
supply_json(cli_t *cli, const void *data)
{
  const supply_t	*r = data;	/* The report */
  json_t *rows = json_array(), *zero = json_array();

  for (size_t i = 0; i < r->nrows; i ++)
  {
    const srow_t *w = r->rows + i;

    json_array_append_new(rows, json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:s,s:s,s:s,s:o,s:o}", "id",
                                          (json_int_t)w->id, "date", w->date, "to", w->to, "ref", w->ref, "basis",
                                          w->basis, "asked", (json_int_t)w->quantity, "received",
                                          (json_int_t)w->received, "over",
                                          (json_int_t)(w->received > w->quantity ? w->received - w->quantity : 0),
                                          "receipts", (json_int_t)w->receipts, "state", w->state, "first_receipt",
                                          w->first, "last_receipt", w->last, "lead_days_first",
                                          lead_json(w->lead_first), "lead_days_last", lead_json(w->lead_last)));
  }
  for (int i = 0; i < r->zero_days; i ++)
    json_array_append_new(zero, json_string(r->zero[i]));
  return (json_pack("{s:s,s:s,s:s,s:s,s:o,s:{s:I,s:I},s:{s:i,s:i,s:o},s:o}", "office", cliGetConfig(cli)->office,
                    "date", r->today, "from", r->from, "to", r->to, "requests", rows, "total", "asked",
                    (json_int_t)r->asked, "received", (json_int_t)r->received, "zero_stock", "days", r->days,
                    "days_at_zero", r->zero_days, "dates", zero, "need", invSupplyNeedJson(&r->need)));
}


/* The report as CSV: one line per request, then the period and the need
   as "name,value" lines after an empty one. */
static void
supply_csv(FILE *fp, const void *data)
{
  const supply_t	*r = data;	/* The report */
  const inv_supply_need_t *n = &r->need;

  fputs("id,date,to,ref,basis,asked,received,over,receipts,state,first_receipt,last_receipt,lead_days_first,"
        "lead_days_last\r\n", fp);
  for (size_t i = 0; i < r->nrows; i ++)
  {
    const srow_t *w = r->rows + i;

    fprintf(fp, "%" PRId64 ",%s,", w->id, w->date);
    repCsvText(fp, w->to);
    fputc(',', fp);
    repCsvText(fp, w->ref);
    fputc(',', fp);
    repCsvText(fp, w->basis);
    fprintf(fp, ",%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64 ",%s,%s,%s,", w->quantity, w->received,
            w->received > w->quantity ? w->received - w->quantity : 0, w->receipts, w->state, w->first, w->last);
    if (w->lead_first >= 0)
      fprintf(fp, "%d,%d", w->lead_first, w->lead_last);
    else
      fputc(',', fp);
    fputs("\r\n", fp);
  }
  fprintf(fp, "\r\nname,value\r\nfrom,%s\r\nto,%s\r\ndays,%d\r\ndays_at_zero,%d\r\n", r->from, r->to, r->days,
          r->zero_days);
  fprintf(fp, "horizon_days,%d\r\nbacklog,%" PRId64 "\r\nnew_requests_8_weeks,%" PRId64 "\r\nweekly_new_requests,%.2f\r\n"
          "expected_new_requests,%.2f\r\nissued_8_weeks,%" PRId64 "\r\nspoiled_8_weeks,%" PRId64 "\r\nspoilage_rate,%.4f\r\n"
          "on_hand,%" PRId64 "\r\nblanks_needed,%" PRId64 "\r\n", n->horizon, n->backlog, n->recent, n->weekly, n->expected,
          n->issued, n->spoiled, n->spoilage, n->on_hand, n->need);
}


/* A request's state in the language of the messages (also supply list's). */
const char *
repSupplyState(const char *state)	/* I - Stored state: sent, partly-received, fulfilled, cancelled */
{
  if (!strcmp(state, "sent"))
    return (_("sent"));
  if (!strcmp(state, "partly-received"))
    return (_("partly received"));
  if (!strcmp(state, "fulfilled"))
    return (_("fulfilled"));
  return (_("cancelled"));
}


/* A lead time's text: "12" or "-". */
static const char *
lead_text(int days, char *buf, size_t bufsize)
{
  if (days < 0)
    snprintf(buf, bufsize, "-");
  else
    snprintf(buf, bufsize, "%d", days);
  return (buf);
}


/* The lines of the need in the language of the messages: the formula with
   its inputs, then the result. */
static void
need_lines(const inv_supply_need_t *n,	/* I - The need */
           char   *inputs,		/* O - The inputs */
           size_t inputsize,		/* I - Size of inputs */
           char   *result,		/* O - The formula and its result */
           size_t resultsize)		/* I - Size of result */
{
  char	v[9][32];

  snprintf(inputs, inputsize,
           _("Backlog %s requests; new requests in the last 8 weeks %s (%s a week), expected over %d days %s; "
             "spoilage %s spoiled per %s issued in 8 weeks = %s; blanks on hand %s."),
           i18nCount(n->backlog, v[0], sizeof(v[0])), i18nCount(n->recent, v[1], sizeof(v[1])),
           i18nDecimal(n->weekly, 2, v[2], sizeof(v[2])), n->horizon, i18nDecimal(n->expected, 2, v[3], sizeof(v[3])),
           i18nCount(n->spoiled, v[4], sizeof(v[4])), i18nCount(n->issued, v[5], sizeof(v[5])),
           i18nDecimal(n->spoilage, 4, v[6], sizeof(v[6])), i18nCount(n->on_hand, v[7], sizeof(v[7])));
  snprintf(result, resultsize, _("Blanks needed over %d days = (%s + %s) x (1 + %s) - %s = %s."), n->horizon,
           i18nCount(n->backlog, v[0], sizeof(v[0])), i18nDecimal(n->expected, 2, v[1], sizeof(v[1])),
           i18nDecimal(n->spoilage, 4, v[2], sizeof(v[2])), i18nCount(n->on_hand, v[3], sizeof(v[3])),
           i18nCount(n->need, v[4], sizeof(v[4])));
}


/* The report as text, in the language of the messages. */
static void
supply_text(FILE *fp, cli_t *cli, const void *data)
{
  const supply_t	*r = data;	/* The report */
  char	line[1024], line2[512], a[16], b[16], to[256], ref[256], n[5][32];

  fprintf(fp, _("Requests for blanks on %s\n"), r->today);
  if (cliGetConfig(cli)->office[0])
    fprintf(fp, "%s\n", cliGetConfig(cli)->office);
  fprintf(fp, "\n%6s  %-10s %-20s %-20s %10s %10s %8s  %-18s %6s %6s\n", _("ID"), _("DATE"),
          C_("addressee", "TO"), _("LETTER"), _("ASKED"), _("RECEIVED"), _("OVER"), _("STATE"), _("FIRST"), _("LAST"));
  for (size_t i = 0; i < r->nrows; i ++)
  {
    const srow_t *w = r->rows + i;

    fprintf(fp, "%6" PRId64 "  %-10s %-20s %-20s %10s %10s %8s  %-18s %6s %6s\n", w->id, w->date,
            invTextSafe(w->to, to, sizeof(to)), invTextSafe(w->ref, ref, sizeof(ref)),
            i18nCount(w->quantity, n[0], sizeof(n[0])), i18nCount(w->received, n[1], sizeof(n[1])),
            i18nCount(w->received > w->quantity ? w->received - w->quantity : 0, n[2], sizeof(n[2])),
            repSupplyState(w->state), lead_text(w->lead_first, a, sizeof(a)), lead_text(w->lead_last, b, sizeof(b)));
  }
  fprintf(fp, _("\nAsked %s, received %s (cancelled requests left out). Lead times: days from the letter to the "
                "first and the last receipt.\n"), i18nCount(r->asked, n[0], sizeof(n[0])),
          i18nCount(r->received, n[1], sizeof(n[1])));
  fprintf(fp, _("Days at zero stock from %s to %s: %d of %d.\n"), r->from, r->to, r->zero_days, r->days);
  need_lines(&r->need, line, sizeof(line), line2, sizeof(line2));
  fprintf(fp, "%s\n%s\n", line, line2);
}


/* The report as PDF, in the language of the messages; false with the
   reason in error when it could not be. */
static bool
supply_pdf(FILE                *fp,	/* I - Output file */
           cli_t               *cli,	/* I - Command context */
           const rpdf_module_t *pw,	/* I - PDF writer */
           const void          *data,	/* I - The report */
           char                *error,	/* O - Why not */
           size_t              errorsize)/* I - Size of error */
{
  const supply_t	*r = data;	/* The report */
  static const double	w[8] = { 12, 20, 34, 34, 18, 18, 24, 14 };
  const char		*head[8] = { _("No"), _("Date"), C_("addressee", "To"), _("Letter"), _("Asked"),
                                     _("Received"), _("State"), _("Lead") };
  char			text[1024], text2[512], a[32], b[32];
  rpdf_t		*pdf;

  snprintf(text, sizeof(text), _("On %s; period %s to %s"), r->today, r->from, r->to);
  if ((pdf = repPdfStart(cli, pw, fp, _("REQUESTS FOR KTP-EL BLANKS"), text, error, errorsize, "%s %s",
                         _("Supply"), r->today)) == NULL)
    return (false);
  repPdfTable(pw, pdf, _("Requests and receipts"), 8, w, head);
  for (size_t i = 0; i < r->nrows; i ++)
  {
    const srow_t	*s = r->rows + i;
    char		n[4][32];
    const char		*row[8] = { n[0], s->date, s->to, s->ref, n[1], n[2], repSupplyState(s->state), n[3] };

    snprintf(n[0], sizeof(n[0]), "%" PRId64, s->id);
    i18nCount(s->quantity, n[1], sizeof(n[1]));
    i18nCount(s->received, n[2], sizeof(n[2]));
    if (s->lead_first < 0)
      snprintf(n[3], sizeof(n[3]), "-");
    else
      snprintf(n[3], sizeof(n[3]), "%d/%d", s->lead_first, s->lead_last);
    pw->row(pdf, 8, w, row, false);
  }
  pw->space(pdf, 2);
  snprintf(text, sizeof(text), _("Asked %s, received %s. Lead: days from the letter to the first/last receipt."),
           i18nCount(r->asked, a, sizeof(a)), i18nCount(r->received, b, sizeof(b)));
  pw->text(pdf, text);
  pw->heading(pdf, _("Days at zero stock"));
  snprintf(text, sizeof(text), _("%d of %d days from %s to %s."), r->zero_days, r->days, r->from, r->to);
  pw->text(pdf, text);
  pw->heading(pdf, _("Blanks needed"));
  need_lines(&r->need, text, sizeof(text), text2, sizeof(text2));
  pw->text(pdf, text);
  pw->text(pdf, text2);
  return (pw->finish(pdf, error, errorsize));
}


/* Free the report. */
static void
supply_free(supply_t *r)
{
  for (size_t i = 0; i < r->nrows; i ++)
  {
    free(r->rows[i].to);
    free(r->rows[i].ref);
    free(r->rows[i].basis);
  }
  free(r->rows);
  free(r->zero);
  free(r->net);
}


/* Its layouts, for repWrite */
static const rep_writer_t supply_writer = { supply_json, supply_csv, supply_text, supply_pdf };


/* Write the supply report for the office days from..to (NULL: the last 90 days to today). */
int
repSupply(cli_t      *cli,		/* I - Command context */
          const char *from,		/* I - First day, or NULL */
          const char *to,		/* I - Last day, or NULL */
          const char *format,		/* I - text, csv, json or pdf */
          const char *lang,		/* I - id or en; NULL: the user's (text), id (PDF) */
          const char *out)		/* I - File, or NULL for stdout */
{
  supply_t		r;
  inv_status_t		status;
  time_t		now = time(NULL);
  int			result = CLI_OK;
  long			days;

  memset(&r, 0, sizeof(r));
  invDateLocalToday(now, r.today, sizeof(r.today));
  snprintf(r.to, sizeof(r.to), "%s", to ? to : r.today);
  if (from)
    snprintf(r.from, sizeof(r.from), "%s", from);
  else if (!invDateAddDays(r.to, 1 - PERIOD_DAYS, r.from, sizeof(r.from)))
    return (cliFail(cli, CLI_REFUSED, "%s", _("the clock is outside the calendar")));
  if ((status = invDateCheck(cliGetDb(cli), r.from)) != INV_OK || (status = invDateCheck(cliGetDb(cli), r.to)) != INV_OK)
    return (cliFailDb(cli, status));
  if (strcmp(r.from, r.to) > 0)
    return (cliFail(cli, CLI_REFUSED, _("--from %s is after --to %s"), r.from, r.to));
  if (strcmp(r.to, r.today) > 0)
    return (cliFail(cli, CLI_REFUSED, _("--to %s is after today (%s)"), r.to, r.today));
  if ((days = day_number(r.to) - day_number(r.from) + 1) > PERIOD_MAX)
    return (cliFail(cli, CLI_REFUSED, _("the period is longer than %d days"), PERIOD_MAX));
  r.days = (int)days;

  if ((status = invSupplyList(cliGetDb(cli), supply_row, &r)) != INV_OK ||
      (status = supply_zero_days(cliGetDb(cli), &r)) != INV_OK ||
      (status = invSupplyNeed(cliGetDb(cli), now, cliGetConfig(cli)->supply_horizon, &r.need)) != INV_OK)
    result = cliFailDb(cli, status);
  else if (r.failed)
    result = cliFailNoMemory(cli);
  else if (r.calendar)
    result = cliFail(cli, CLI_REFUSED, "%s", _("the clock is outside the calendar"));
  else
    result = repWrite(cli, &supply_writer, &r, format, lang, out);
  supply_free(&r);
  return (result);
}
