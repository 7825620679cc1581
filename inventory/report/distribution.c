/*
 * report distribution (issue 14 item 6): printed cards by kecamatan and
 * kelurahan.  For each place: the cards sent to it (printed for it), in
 * transit to it, at the place, delivered, returned and lost; the delivery
 * rate against [distribution] delivery_target; the ages since printing of
 * the cards not yet handed over (0-7, 8-30, 31-90, over 90 office days)
 * and the oldest print day.  A kecamatan's row is its whole area (itself
 * and its kelurahan); the office's row holds the printed cards not yet
 * dispatched; the total, every printed card.
 *
 * Fast on a large ledger: the figures come from the accounts' balances
 * and the hourly movement totals (movement_total), the ages from one range
 * query per range held (invCardPrintDays), never a scan per card.
 *
 * --delivery-list KELURAHAN: the cards waiting at a kelurahan by RT/RW and
 * name, for door-to-door teams: serial, name, NIK masked to its last four
 * digits, address, RT/RW, print day (one look-up per card held there).
 *
 * The accounts "delivered" and "returned" (handover to residents, issue 14
 * items 4-5) count when they exist, else as zero; "lost" and
 * "reported-lost" count as lost.
 */

#include "report-private.h"
#include "blanko/date.h"
#include "blanko/distribution.h"
#include "blanko/request.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DIST_AGES	4		/* Age buckets: 0-7, 8-30, 31-90, over 90 days */

typedef struct dist_row_s		/* One place (or the office, or the total) */
{
  char		code[INV_PLACE_CODE_MAX + 1],	/* Account code ("" office/total) */
		parent[INV_PLACE_CODE_MAX + 1],	/* A kelurahan's kecamatan */
		transit[INV_PLACE_CODE_MAX + 16];	/* Its in-transit account */
  inv_kind_t	kind;			/* Kecamatan, kelurahan, or STATE (office/total) */
  int64_t	sent,			/* Cards sent to it (net of any sent back) */
		from_office,		/* Of those, sent from the office (issued) */
		transit_n,		/* In transit to it */
		at,			/* At the place */
		delivered,		/* Handed to residents there */
		returned,		/* Returned to the office from there */
		lost;			/* Lost there or on the way */
  int64_t	ages[DIST_AGES];	/* Undelivered cards by age since printing */
  char		oldest[11];		/* Oldest print day of those, "" none */
} dist_row_t;

typedef struct dist_s			/* The report */
{
  cli_t		*cli;			/* Command context */
  char		today[11], zone[16];	/* The office's day and zone */
  int		target;			/* Delivery target, percent */
  dist_row_t	*rows;			/* Places, kecamatan each before its kelurahan */
  size_t	nrows, arows;
  dist_row_t	office, total;		/* Not dispatched; everything */
  int64_t	printed;		/* Cards ever printed (into issued, net) */
  bool		failed;			/* Out of memory */
} dist_t;

typedef struct dist_card_s		/* One card of the delivery list */
{
  char		serial[INV_SERIAL_MAX], nik[32], name[256], address[256], rt_rw[32], printed[16];
} dist_card_t;

typedef struct dist_list_s		/* The delivery list of a kelurahan */
{
  const char	*kelurahan;		/* The place */
  const char	*today;			/* The office's day */
  dist_card_t	*cards;
  size_t	ncards, acards;
  bool		failed;
} dist_list_t;


/* Collect the places and the office's balance. */
static void
dist_account(void                *ctx,	/* I - dist_t */
             const inv_account_t *a)	/* I - Account */
{
  dist_t	*d = ctx;
  dist_row_t	*r;

  if (!strcmp(a->code, "issued"))
    d->office.at = a->balance;
  if (a->kind != INV_KIND_KECAMATAN && a->kind != INV_KIND_KELURAHAN)
    return;
  if (d->nrows == d->arows)
  {
    size_t	n = d->arows ? 2 * d->arows : 32;
    dist_row_t	*rows = realloc(d->rows, n * sizeof(dist_row_t));

    if (!rows)
    {
      d->failed = true;
      return;
    }
    d->rows = rows;
    d->arows = n;
  }
  r = d->rows + d->nrows ++;
  memset(r, 0, sizeof(*r));
  snprintf(r->code, sizeof(r->code), "%s", a->code);
  r->kind = a->kind;
  r->at = a->balance;
}


/* The row of a place or its in-transit account, or NULL. */
static dist_row_t *
dist_find(dist_t     *d,		/* I - Report */
          const char *account,		/* I - Account code */
          bool       *transit)		/* O - Is it the in-transit account? */
{
  *transit = !strncmp(account, INV_TRANSIT_PREFIX, strlen(INV_TRANSIT_PREFIX));
  if (*transit)
    account += strlen(INV_TRANSIT_PREFIX);
  for (size_t i = 0; i < d->nrows; i ++)
    if (!strcmp(d->rows[i].code, account))
      return (d->rows + i);
  return (NULL);
}


/* Is an account where lost cards go? */
static bool
dist_is_lost(const char *account)	/* I - Account code */
{
  return (!strcmp(account, "lost") || !strcmp(account, "reported-lost"));
}


/* Count one total of moves (all time) into the places' figures. */
static void
dist_total(void              *ctx,	/* I - dist_t */
           const inv_total_t *t)	/* I - Serials moved */
{
  dist_t	*d = ctx;
  bool		from_transit, to_transit;
  dist_row_t	*from = dist_find(d, t->from, &from_transit), *to = dist_find(d, t->to, &to_transit);

  if (!strcmp(t->to, "issued") && t->from_kind == INV_KIND_HOPPER)
    d->printed += t->serials;
  else if (!strcmp(t->from, "issued") && t->to_kind == INV_KIND_HOPPER)
    d->printed -= t->serials;
  if (to && to_transit && !(from == to))
  {
    to->sent += t->serials;
    if (!strcmp(t->from, "issued"))
      to->from_office += t->serials;
  }
  if (!from || (to == from))
    return;
  if (!strcmp(t->to, "delivered"))
    from->delivered += t->serials;
  else if (!strcmp(t->to, "returned"))
    from->returned += t->serials;
  else if (dist_is_lost(t->to))
    from->lost += t->serials;
  else if (from_transit && (!to || !to_transit))
  {
    if (!strcmp(t->to, "issued") || (to && !to_transit && strcmp(to->code, from->code)))
    {					/* sent back to where it came from */
      from->sent -= t->serials;
      if (!strcmp(t->to, "issued"))
        from->from_office -= t->serials;
    }
  }
  else if (!from_transit && !strcmp(t->to, "issued"))
    from->sent -= t->serials, from->from_office -= t->serials;
}


/* Count cards of one print day into a row's age buckets. */
static void
dist_age(void       *ctx,		/* I - dist_row_t */
         const char *day,		/* I - Print day, "" unknown */
         int64_t    count)		/* I - Cards */
{
  dist_row_t	*r = ctx;
  long		days = 0;
  char		today[11];

  if (!*day)
    return;
  invDateLocalToday(time(NULL), today, sizeof(today));
  if (!invDateDaysBetween(day, today, &days))
    return;
  r->ages[days <= 7 ? 0 : days <= 30 ? 1 : days <= 90 ? 2 : 3] += count;
  if (!r->oldest[0] || strcmp(day, r->oldest) < 0)
    snprintf(r->oldest, sizeof(r->oldest), "%s", day);
}


/* Add row b's figures into a (an area or the total). */
static void
dist_add(dist_row_t       *a,		/* I - Sum */
         const dist_row_t *b)		/* I - Row added */
{
  a->transit_n += b->transit_n;
  a->at += b->at;
  a->delivered += b->delivered;
  a->returned += b->returned;
  a->lost += b->lost;
  for (int i = 0; i < DIST_AGES; i ++)
    a->ages[i] += b->ages[i];
  if (b->oldest[0] && (!a->oldest[0] || strcmp(b->oldest, a->oldest) < 0))
    snprintf(a->oldest, sizeof(a->oldest), "%s", b->oldest);
}


/* Order: kecamatan by code, each followed by its kelurahan by code. */
static int
dist_compare(const void *a,		/* I - One row */
             const void *b)		/* I - Another */
{
  const dist_row_t	*ra = a, *rb = b;
  const char		*ka = ra->kind == INV_KIND_KECAMATAN ? ra->code : ra->parent,
			*kb = rb->kind == INV_KIND_KECAMATAN ? rb->code : rb->parent;
  int			c = strcmp(ka, kb);

  if (c)
    return (c);
  if (ra->kind != rb->kind)
    return (ra->kind == INV_KIND_KECAMATAN ? -1 : 1);
  return (strcmp(ra->code, rb->code));
}


/* Gather the report's figures. */
static inv_status_t
dist_load(dist_t *d)			/* I - Report */
{
  inv_db_t	*db = cliGetDb(d->cli);
  inv_status_t	status;
  inv_place_t	p;

  if ((status = invAccountList(db, dist_account, d)) != INV_OK)
    return (status);
  if (d->failed)
    return (INV_ERROR);
  for (size_t i = 0; i < d->nrows; i ++)
  {
    dist_row_t	*r = d->rows + i;
    int64_t	balance = 0;
    inv_kind_t	kind;

    if ((status = invPlaceGet(db, r->code, &p)) != INV_OK ||
        (status = invAccountGet(db, p.transit, &kind, &balance)) != INV_OK)
      return (status);
    snprintf(r->parent, sizeof(r->parent), "%s", p.parent);
    snprintf(r->transit, sizeof(r->transit), "%s", p.transit);
    r->transit_n = balance;
    if ((status = invCardPrintDays(db, r->code, dist_age, r)) != INV_OK ||
        (status = invCardPrintDays(db, r->transit, dist_age, r)) != INV_OK)
      return (status);
  }
  if ((status = invCardPrintDays(db, "issued", dist_age, &d->office)) != INV_OK ||
      (status = invMovementTotals(db, NULL, NULL, false, dist_total, d)) != INV_OK)
    return (status);
  qsort(d->rows, d->nrows, sizeof(dist_row_t), dist_compare);

  /* A kecamatan's row: its area (its kelurahan added), printed for it
     what the office sent to it and to its kelurahan directly. */
  for (size_t i = 0; i < d->nrows; i ++)
  {
    dist_row_t *k = d->rows + i;

    if (k->kind != INV_KIND_KECAMATAN)
      continue;
    k->sent = k->from_office;
    for (size_t j = i + 1; j < d->nrows && d->rows[j].kind == INV_KIND_KELURAHAN &&
                           !strcmp(d->rows[j].parent, k->code); j ++)
    {
      dist_add(k, d->rows + j);
      k->sent += d->rows[j].from_office;
    }
  }
  d->total.kind = d->office.kind = INV_KIND_STATE;
  d->total.sent = d->printed;
  d->office.sent = d->office.at;
  dist_add(&d->total, &d->office);
  for (size_t i = 0; i < d->nrows; i ++)
    if (d->rows[i].kind == INV_KIND_KECAMATAN || !d->rows[i].parent[0])
      dist_add(&d->total, d->rows + i);
  return (INV_OK);
}


/* The delivery rate of a row in percent (delivered of printed), -1 for none printed. */
static double
dist_rate(const dist_row_t *r)
{
  return (r->sent > 0 ? 100.0 * (double)r->delivered / (double)r->sent : -1.0);
}


/* A row's name for people: the code, "office" or "total". */
static const char *
dist_name(const dist_t     *d,		/* I - Report */
          const dist_row_t *r)		/* I - Row */
{
  if (r == &d->office)
    return (_("(office, not dispatched)"));
  if (r == &d->total)
    return (_("TOTAL"));
  return (r->code);
}


/* A row's kind: its code (the same word in Indonesian). */
static const char *
dist_kind(const dist_row_t *r)		/* I - Row */
{
  return (r->kind == INV_KIND_KECAMATAN ? "kecamatan" : r->kind == INV_KIND_KELURAHAN ? "kelurahan" : "");
}


/* Every row in order: the places, the office, the total. */
static const dist_row_t *
dist_row(const dist_t *d,		/* I - Report */
         size_t       i)		/* I - Index, 0 to nrows + 1 */
{
  return (i < d->nrows ? d->rows + i : i == d->nrows ? &d->office : &d->total);
}


/* The rate as text: "87.5" (CSV), "87,5" for people in Indonesian, or "-". */
static const char *
dist_rate_text(const dist_row_t *r,	/* I - Row */
               bool             human,	/* I - For people (the language's decimal point)? */
               char             *buf,	/* O - Text */
               size_t           bufsize)/* I - Size of buf */
{
  double rate = dist_rate(r);

  if (rate < 0)
    snprintf(buf, bufsize, "-");
  else if (human)
    i18nDecimal(rate, 1, buf, bufsize);
  else
    snprintf(buf, bufsize, "%.1f", rate);
  return (buf);
}


/* The report as text. */
static void
dist_text(FILE *fp, cli_t *cli, const void *data)
{
  const dist_t	*d = data;	/* The report */
  char rate[16];

  fprintf(fp, _("Distribution of printed cards on %s (%s); delivery target %d%%\n"), d->today, d->zone, d->target);
  if (cliGetConfig(cli)->office[0])
    fprintf(fp, "%s\n", cliGetConfig(cli)->office);
  fprintf(fp, "\n%-26s %-10s %8s %8s %8s %8s %8s %6s %7s %6s %6s %6s %6s %-10s\n", _("PLACE"),
          _("KIND"), _("PRINTED"), _("TRANSIT"), _("AT"),
          _("DELIVERD"), _("RETURNED"), _("LOST"), _("RATE%"),
          "0-7", "8-30", "31-90", ">90", _("OLDEST"));
  for (size_t i = 0; i < d->nrows + 2; i ++)
  {
    const dist_row_t	*r = dist_row(d, i);
    char		name[80];

    snprintf(name, sizeof(name), "%s%s", r->kind == INV_KIND_KELURAHAN && r->parent[0] ? "  " : "",
             dist_name(d, r));
    char		n[10][32];	/* Counts, grouped */

    fprintf(fp, "%-26s %-10s %8s %8s %8s %8s %8s %6s %7s %6s %6s %6s %6s %-10s%s\n",
            name, dist_kind(r), i18nCount(r->sent, n[0], sizeof(n[0])), i18nCount(r->transit_n, n[1], sizeof(n[1])),
            i18nCount(r->at, n[2], sizeof(n[2])), i18nCount(r->delivered, n[3], sizeof(n[3])),
            i18nCount(r->returned, n[4], sizeof(n[4])), i18nCount(r->lost, n[5], sizeof(n[5])),
            dist_rate_text(r, true, rate, sizeof(rate)), i18nCount(r->ages[0], n[6], sizeof(n[6])),
            i18nCount(r->ages[1], n[7], sizeof(n[7])), i18nCount(r->ages[2], n[8], sizeof(n[8])),
            i18nCount(r->ages[3], n[9], sizeof(n[9])),
            r->oldest[0] ? r->oldest : "-",
            r != &d->office && dist_rate(r) >= 0 && dist_rate(r) < d->target ? _("  below target") : "");
  }
}


/* The report as CSV: one line per row. */
static void
dist_csv(FILE *fp, const void *data)
{
  const dist_t	*d = data;	/* The report */
  char rate[16];

  fputs("place,kind,kecamatan,printed,in_transit,at_place,delivered,returned,lost,delivery_rate,target,"
        "age_0_7,age_8_30,age_31_90,age_over_90,oldest\n", fp);
  for (size_t i = 0; i < d->nrows + 2; i ++)
  {
    const dist_row_t *r = dist_row(d, i);

    repCsvText(fp, r == &d->office ? "office" : r == &d->total ? "total" : r->code);
    fprintf(fp, ",%s,", r == &d->office || r == &d->total ? "" : dist_kind(r));
    repCsvText(fp, r->parent);
    dist_rate_text(r, false, rate, sizeof(rate));
    fprintf(fp, ",%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64 ",%s,%d,%" PRId64 ",%"
            PRId64 ",%" PRId64 ",%" PRId64 ",%s\n", r->sent, r->transit_n, r->at, r->delivered, r->returned,
            r->lost, strcmp(rate, "-") ? rate : "", d->target, r->ages[0], r->ages[1], r->ages[2], r->ages[3],
            r->oldest);
  }
}


/* One row as JSON. */
static json_t *
dist_row_json(const dist_t *d, const dist_row_t *r)
{
  double	rate = dist_rate(r);
  json_t	*j = json_pack("{s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:o,s:b,s:{s:I,s:I,s:I,s:I},s:o}",
                               "place", r == &d->office ? "office" : r == &d->total ? "total" : r->code,
                               "kind", r == &d->office || r == &d->total ? "" : dist_kind(r),
                               "kecamatan", r->parent,
                               "printed", (json_int_t)r->sent, "in_transit", (json_int_t)r->transit_n,
                               "at_place", (json_int_t)r->at, "delivered", (json_int_t)r->delivered,
                               "returned", (json_int_t)r->returned, "lost", (json_int_t)r->lost,
                               "delivery_rate", rate < 0 ? json_null() : json_real(rate),
                               "below_target", r != &d->office && rate >= 0 && rate < d->target,
                               "ages", "0-7", (json_int_t)r->ages[0], "8-30", (json_int_t)r->ages[1],
                               "31-90", (json_int_t)r->ages[2], "over-90", (json_int_t)r->ages[3],
                               "oldest", r->oldest[0] ? json_string(r->oldest) : json_null());

  return (j);
}


/* The report as JSON. */
static json_t *
dist_json(cli_t *cli, const void *data)
{
  const dist_t	*d = data;	/* The report */
  json_t *places = json_array();

  for (size_t i = 0; i < d->nrows; i ++)
    json_array_append_new(places, dist_row_json(d, d->rows + i));
  return (json_pack("{s:s,s:s,s:i,s:o,s:o,s:o}", "office", cliGetConfig(cli)->office, "date", d->today,
                    "delivery_target", d->target, "places", places, "not_dispatched", dist_row_json(d, &d->office),
                    "total", dist_row_json(d, &d->total)));
}


/* The report as PDF; false with the reason in error. */
static bool
dist_pdf(FILE *fp, cli_t *cli, const rpdf_module_t *pw, const void *data, char *error, size_t errorsize)
{
  const dist_t		*d = data;	/* The report */
  static const double	w[13] = { 30, 14, 14, 14, 14, 14, 12, 13, 11, 11, 11, 11, 20 };
  const char		*head[13] = { _("Place"), _("Printed"), _("In transit"),
                                      _("At place"), _("Delivered"), _("Returned"),
                                      _("Lost"), _("Rate %"), "0-7", "8-30", "31-90", ">90",
                                      _("Oldest") };
  char			text[512], n[12][32];
  rpdf_t		*pdf;

  snprintf(text, sizeof(text), _("On %s (%s); delivery target %d%%"),
           d->today, d->zone, d->target);
  if ((pdf = repPdfStart(cli, pw, fp, _("DISTRIBUTION OF PRINTED KTP-EL"), text,
                         error, errorsize, "%s %s", _("Distribution"), d->today)) == NULL)
    return (false);
  repPdfTable(pw, pdf, _("By kecamatan and kelurahan (ages in days since printing, of cards not yet handed over)"),
              13, w, head);
  for (size_t i = 0; i < d->nrows + 2; i ++)
  {
    const dist_row_t	*r = dist_row(d, i);
    char		name[96];
    const char		*row[13] = { name, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9], n[10],
                                     r->oldest[0] ? r->oldest : "-" };

    snprintf(name, sizeof(name), "%s%s", r->kind == INV_KIND_KELURAHAN && r->parent[0] ? "  " : "",
             dist_name(d, r));
    i18nCount(r->sent, n[0], sizeof(n[0]));
    i18nCount(r->transit_n, n[1], sizeof(n[1]));
    i18nCount(r->at, n[2], sizeof(n[2]));
    i18nCount(r->delivered, n[3], sizeof(n[3]));
    i18nCount(r->returned, n[4], sizeof(n[4]));
    i18nCount(r->lost, n[5], sizeof(n[5]));
    dist_rate_text(r, true, n[6], sizeof(n[6]));
    for (int a = 0; a < DIST_AGES; a ++)
      i18nCount(r->ages[a], n[7 + a], sizeof(n[7 + a]));
    pw->row(pdf, 13, w, row, r == &d->total);
  }
  return (pw->finish(pdf, error, errorsize));
}


/* One card at the kelurahan: its holder's line of the list. */
static void
dist_list_card(void                *ctx,	/* I - dist_list_t */
               const inv_request_t *rq)		/* I - The request printed on it */
{
  dist_list_t	*l = ctx;
  dist_card_t	*c = l->cards + l->ncards - 1;
  json_t	*fields = json_loads(rq->fields, 0, NULL);

  repMaskNik(rq->nik, c->nik, sizeof(c->nik));
  snprintf(c->name, sizeof(c->name), "%s", rq->name);
  snprintf(c->address, sizeof(c->address), "%s", json_string_value(json_object_get(fields, "address")) ?: "");
  snprintf(c->rt_rw, sizeof(c->rt_rw), "%s", json_string_value(json_object_get(fields, "rt_rw")) ?: "");
  snprintf(c->printed, sizeof(c->printed), "%s", rq->issue_date ? rq->issue_date : "");
  json_decref(fields);
}


/* Order the list by RT/RW, then name, then serial. */
static int
dist_card_compare(const void *a, const void *b)
{
  const dist_card_t	*ca = a, *cb = b;
  int			c;

  if ((c = strcmp(ca->rt_rw, cb->rt_rw)) != 0 || (c = strcmp(ca->name, cb->name)) != 0)
    return (c);
  return (strcmp(ca->serial, cb->serial));
}


/* The cards waiting at a kelurahan with their holders, by RT/RW. */
static inv_status_t
dist_list_load(cli_t       *cli,	/* I - Command context */
               const char  *kelurahan,	/* I - Place */
               dist_list_t *l)		/* O - The list */
{
  inv_db_t	*db = cliGetDb(cli);
  inv_place_t	p;
  inv_list_t	*held = invListNew();
  inv_status_t	status;

  if (!held)
    return (INV_ERROR);
  if ((status = invPlaceGet(db, kelurahan, &p)) == INV_OK && p.kind != INV_KIND_KELURAHAN)
    status = INV_REFUSED;
  if (status == INV_OK)
    status = invHoldingCopyList(db, p.code, held);
  for (size_t i = 0; status == INV_OK && i < invListGetCount(held); i ++)
  {
    const inv_range_t *r = invListGetRange(held, i);

    for (int64_t n = r->first; n <= r->last && status == INV_OK; n ++)
    {
      bool found = false;

      if (l->ncards == l->acards)
      {
        size_t		an = l->acards ? 2 * l->acards : 64;
        dist_card_t	*cards = realloc(l->cards, an * sizeof(dist_card_t));

        if (!cards)
        {
          status = INV_ERROR;
          break;
        }
        l->cards = cards;
        l->acards = an;
      }
      memset(l->cards + l->ncards, 0, sizeof(dist_card_t));
      invSerialFormat(r->prefix, r->width, n, l->cards[l->ncards].serial, sizeof(l->cards[0].serial));
      l->ncards ++;
      status = invRequestGetBySerial(db, l->cards[l->ncards - 1].serial, dist_list_card, l, &found);
    }
  }
  invListDelete(held);
  if (status == INV_OK)
    qsort(l->cards, l->ncards, sizeof(dist_card_t), dist_card_compare);
  return (status);
}


/* The delivery list as JSON. */
static json_t *
dist_list_json(cli_t *cli, const void *data)
{
  const dist_list_t	*l = data;	/* The list */
  json_t		*cards = json_array();

  (void)cli;
  for (size_t i = 0; i < l->ncards; i ++)
    json_array_append_new(cards, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "serial", l->cards[i].serial,
                                           "name", l->cards[i].name, "nik", l->cards[i].nik, "address",
                                           l->cards[i].address, "rt_rw", l->cards[i].rt_rw, "printed",
                                           l->cards[i].printed));
  return (json_pack("{s:s,s:s,s:I,s:o}", "kelurahan", l->kelurahan, "date", l->today, "count",
                    (json_int_t)l->ncards, "cards", cards));
}


/* The delivery list as CSV. */
static void
dist_list_csv(FILE *fp, const void *data)
{
  const dist_list_t *l = data;		/* The list */

  fputs("rt_rw,name,nik,address,serial,printed\n", fp);
  for (size_t i = 0; i < l->ncards; i ++)
  {
    repCsvText(fp, l->cards[i].rt_rw);
    fputc(',', fp);
    repCsvText(fp, l->cards[i].name);
    fprintf(fp, ",%s,", l->cards[i].nik);
    repCsvText(fp, l->cards[i].address);
    fprintf(fp, ",%s,%s\n", l->cards[i].serial, l->cards[i].printed);
  }
}


/* The delivery list as PDF; false with the reason in error. */
static bool
dist_list_pdf(FILE *fp, cli_t *cli, const rpdf_module_t *pw, const void *data, char *error, size_t errorsize)
{
  const dist_list_t	*l = data;	/* The list */
  static const double	w[6] = { 16, 42, 32, 40, 26, 22 };
  const char		*head[6] = { "RT/RW", _("Name"), "NIK", _("Address"),
                                     _("Serial"), _("Printed") };
  char			line[256], count[32];
  rpdf_t		*pdf;

  snprintf(line, sizeof(line), P_("Kelurahan %s, %s: %s card to hand over", "Kelurahan %s, %s: %s cards to hand over",
                                  l->ncards), l->kelurahan, l->today, i18nCount((int64_t)l->ncards, count, sizeof(count)));
  if ((pdf = repPdfStart(cli, pw, fp, _("DELIVERY LIST OF KTP-EL"), line, error, errorsize, "%s %s",
                         _("Delivery list"), l->kelurahan)) == NULL)
    return (false);
  repPdfTable(pw, pdf, _("By RT/RW"), 6, w, head);
  for (size_t i = 0; i < l->ncards; i ++)
  {
    const char *row[6] = { l->cards[i].rt_rw, l->cards[i].name, l->cards[i].nik, l->cards[i].address,
                           l->cards[i].serial, l->cards[i].printed };

    pw->row(pdf, 6, w, row, false);
  }
  return (pw->finish(pdf, error, errorsize));
}


/* The delivery list as text. */
static void
dist_list_text(FILE *fp, cli_t *cli, const void *data)
{
  const dist_list_t	*l = data;	/* The list */
  char			count[32];

  (void)cli;
  fprintf(fp, P_("Delivery list of kelurahan %s on %s: %s card\n\n",
                 "Delivery list of kelurahan %s on %s: %s cards\n\n", l->ncards),
          l->kelurahan, l->today, i18nCount((int64_t)l->ncards, count, sizeof(count)));
  fprintf(fp, "%-9s %-30s %-16s %-14s %-10s %s\n", "RT/RW", _("NAME"), "NIK", _("SERIAL"),
          _("PRINTED"), _("ADDRESS"));
  for (size_t i = 0; i < l->ncards; i ++)
    fprintf(fp, "%-9s %-30s %-16s %-14s %-10s %s\n", l->cards[i].rt_rw, l->cards[i].name, l->cards[i].nik,
            l->cards[i].serial, l->cards[i].printed, l->cards[i].address);
}


/* The delivery list's layouts, for repWrite */
static const rep_writer_t dist_list_writer = { dist_list_json, dist_list_csv, dist_list_text, dist_list_pdf };


/* Write the delivery list of a kelurahan. */
static int
dist_list(cli_t      *cli,		/* I - Command context */
          const char *kelurahan,	/* I - Place */
          const char *format,		/* I - text, csv, pdf or json */
          const char *lang,		/* I - id or en; NULL: the user's (text), id (PDF) */
          const char *out,		/* I - File, or NULL */
          const char *today)		/* I - Office's day */
{
  dist_list_t	l;
  inv_status_t	status;
  int		result;

  memset(&l, 0, sizeof(l));
  l.kelurahan = kelurahan;
  l.today = today;
  if ((status = dist_list_load(cli, kelurahan, &l)) != INV_OK)
  {
    free(l.cards);
    if (status == INV_REFUSED)
      return (cliFail(cli, CLI_REFUSED, _("%s is not a kelurahan"), kelurahan));
    return (cliFailDb(cli, status));
  }
  result = repWrite(cli, &dist_list_writer, &l, format, lang, out);
  free(l.cards);
  return (result);
}


/* Its layouts, for repWrite */
static const rep_writer_t dist_writer = { dist_json, dist_csv, dist_text, dist_pdf };


/* Write the distribution report (or, with list, a kelurahan's delivery list). */
int
repDistribution(cli_t      *cli,	/* I - Command context */
                const char *format,	/* I - text, csv, pdf or json */
                const char *lang,	/* I - id or en; NULL: the user's (text), id (PDF) */
                const char *out,	/* I - File, or NULL */
                const char *list)	/* I - --delivery-list KELURAHAN, or NULL */
{
  dist_t		d;
  time_t		now = time(NULL);
  struct tm		tm;
  inv_status_t		status;
  int			result;

  memset(&d, 0, sizeof(d));
  d.cli = cli;
  d.target = cliGetConfig(cli)->delivery_target ? cliGetConfig(cli)->delivery_target : BLANKO_DELIVERY_TARGET;
  invDateLocalToday(now, d.today, sizeof(d.today));
  localtime_r(&now, &tm);
  strftime(d.zone, sizeof(d.zone), "%Z", &tm);
  if (list)
    return (dist_list(cli, list, format, lang, out, d.today));
  if ((status = dist_load(&d)) != INV_OK)
  {
    free(d.rows);
    return (d.failed ? cliFailNoMemory(cli) : cliFailDb(cli, status));
  }
  result = repWrite(cli, &dist_writer, &d, format, lang, out);
  free(d.rows);
  return (result);
}
