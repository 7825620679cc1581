/*
 * report reconcile: for a period of the office's days, per account the opening
 * balance, serials in and out by kind, and the closing balance, with
 * opening + in - out = closing checked for every account; stocktakes that
 * differed; the records open at the period's end; and the chain head then.
 * "The period's end" is one cut of the chain for all of them, by event id:
 * the events before the first one recorded on or after the day after the
 * last day (cut at the office's local midnight, invDateLocalDayStart), and
 * likewise for its start.  After a clock stepped back
 * an event may carry a time outside its period, but the balances always
 * count exactly the events the chain head seals.
 *
 * The three figures are found independently, so the check means something:
 * the opening balance adds up every movement before the period, in and out
 * add up the movements in it, and the closing balance is the stored balance
 * less what moved after the period.  A stored balance that disagrees with
 * the movements breaks the equation.
 */

#include "report-private.h"
#include "blanko/anchor.h"
#include "blanko/date.h"
#include "blanko/labels.h"
#include "blanko/words.h"

#include <csv.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { CAT_RECEIVED, CAT_TRANSFERRED, CAT_ISSUED, CAT_SPOILED, CAT_INVALID, CAT_DESTROYED, CAT_WRITTEN_OFF,
       CAT_REPORTED_LOST, CAT_LOADED, CAT_UNLOADED, CAT_VOIDED, CAT_DISPATCHED, CAT_ARRIVED,
       CAT_DELIVERED, CAT_RETURNED, CAT_OTHER, CAT_COUNT };

static const char * const cat_keys[CAT_COUNT] =
{ "received", "transferred", "issued", "spoiled", "invalid", "destroyed", "written_off", "reported_lost", "loaded",
  "unloaded", "voided", "dispatched", "arrived", "delivered", "returned", "other" };

static const char * const cat_names[CAT_COUNT] =	/* The same for people */
{ N_("received"), N_("transferred"), N_("issued cards"), N_("spoiled blanks"), N_("invalid cards"),
  N_("destroyed cards"), N_("written off"), N_("reported lost"), N_("loaded into printers"),
  N_("taken out of printers"), N_("voided receipts"), N_("dispatched to places"), N_("arrived at places"),
  N_("handed to holders"), N_("returned from places"), N_("other movements") };

typedef struct racc_s			/* One account's figures */
{
  char		code[65];
  inv_kind_t	kind;
  int64_t	balance,		/* Stored, now */
		before,			/* Net of movements before the period */
		after,			/* Net of movements after it */
		in[CAT_COUNT],
		out[CAT_COUNT];
} racc_t;

typedef struct recon_s			/* The whole report */
{
  racc_t	*accounts;
  size_t	naccounts;
  json_t	*stocktakes;		/* Counts that differed */
  json_t	*open;			/* Records open at the period's end */
  rep_corrections_t corr;		/* Voids, short shipments, noted transfers */
  int64_t	head_id;
  char		head[65];
  inv_anchor_t	anchor;			/* The head signed (anchor.c) */
  bool		signed_;		/* Was it? */
  char		unsigned_why[256];	/* Why not */
  char		zone[16];		/* The office's zone, "WIB" */
  bool		failed;
} recon_t;


/* The category of a movement: by event kind, and by destination for issue. */
static int
category(const inv_total_t *t)
{
  if (!strcmp(t->kind, "receive"))
    return (CAT_RECEIVED);
  if (!strcmp(t->kind, "transfer"))
    return (CAT_TRANSFERRED);
  if (!strcmp(t->kind, "spoil"))
    return (CAT_SPOILED);
  if (!strcmp(t->kind, "invalid"))
    return (CAT_INVALID);
  if (!strcmp(t->kind, "destroy"))
    return (CAT_DESTROYED);
  if (!strcmp(t->kind, "writeoff"))
    return (CAT_WRITTEN_OFF);
  if (!strcmp(t->kind, "report-lost"))
    return (CAT_REPORTED_LOST);
  if (!strcmp(t->kind, "printer.load"))
    return (CAT_LOADED);
  if (!strcmp(t->kind, "printer.unload"))
    return (CAT_UNLOADED);
  if (!strcmp(t->kind, "receive.void"))
    return (CAT_VOIDED);
  if (!strcmp(t->kind, "dispatch"))
    return (CAT_DISPATCHED);
  if (!strcmp(t->kind, "arrive"))
    return (CAT_ARRIVED);
  if (!strcmp(t->kind, "deliver") || !strcmp(t->kind, "deliver.list"))
    return (CAT_DELIVERED);
  if (!strcmp(t->kind, "return"))
    return (CAT_RETURNED);
  if (!strcmp(t->to, "issued"))
    return (CAT_ISSUED);
  if (!strcmp(t->to, "spoiled"))		/* print.spoiled: ruined in the printer */
    return (CAT_SPOILED);
  return (CAT_OTHER);
}


/* Keep one account. */
static void
recon_account(void *ctx, const inv_account_t *a)
{
  recon_t	*r = ctx;
  racc_t	*list;

  if (a->kind == INV_KIND_SUPPLIER)
    return;
  if ((list = realloc(r->accounts, (r->naccounts + 1) * sizeof(racc_t))) == NULL)
  {
    r->failed = true;
    return;
  }
  r->accounts = list;
  memset(list + r->naccounts, 0, sizeof(racc_t));
  snprintf(list[r->naccounts].code, sizeof(list[r->naccounts].code), "%s", a->code);
  list[r->naccounts].kind = a->kind;
  list[r->naccounts ++].balance = a->balance;
}


/* Find an account's figures. */
static racc_t *
recon_find(recon_t *r, const char *code)
{
  for (size_t i = 0; i < r->naccounts; i ++)
    if (!strcmp(r->accounts[i].code, code))
      return (r->accounts + i);
  return (NULL);
}


/* Movements before the period. */
static void
total_before(void *ctx, const inv_total_t *t)
{
  racc_t *f = recon_find(ctx, t->from), *d = recon_find(ctx, t->to);

  if (f)
    f->before -= t->serials;
  if (d)
    d->before += t->serials;
}


/* Movements after the period. */
static void
total_after(void *ctx, const inv_total_t *t)
{
  racc_t *f = recon_find(ctx, t->from), *d = recon_find(ctx, t->to);

  if (f)
    f->after -= t->serials;
  if (d)
    d->after += t->serials;
}


/* Movements in the period, by category. */
static void
total_during(void *ctx, const inv_total_t *t)
{
  racc_t	*f = recon_find(ctx, t->from), *d = recon_find(ctx, t->to);
  int		c = category(t);

  if (f)
    f->out[c] += t->serials;
  if (d)
    d->in[c] += t->serials;
}


/* A stocktake in the period: keep it when it differed. */
static void
recon_count(void *ctx, const inv_event_t *e)
{
  recon_t	*r = ctx;
  json_t	*d = json_loads(e->detail, 0, NULL);

  if (json_integer_value(json_object_get(d, "missing_count")) || json_integer_value(json_object_get(d, "unexpected_count")))
  {
    json_object_set_new(d, "event", json_integer(e->id));
    char day[16];

    json_object_set_new(d, "time", json_string(e->time));
    json_object_set_new(d, "local_date", json_string(invDateLocalDate(e->time, day, sizeof(day))));
    json_object_set_new(d, "actor", json_string(e->actor));
    json_array_append(r->stocktakes, d);
  }
  json_decref(d);
}


/* A record open at the period's end, in its state then (prepared or approved). */
static void
recon_record(void *ctx, const inv_record_t *rec)
{
  recon_t *r = ctx;

  json_array_append_new(r->open, json_pack("{s:s,s:I,s:s,s:I,s:s,s:s,s:s,s:s}", "type", rec->type, "id",
                                           (json_int_t)rec->id, "state", rec->state, "count", (json_int_t)rec->count,
                                           "preparer", rec->preparer, "preparer_via", rec->preparer_via,
                                           "prepared", rec->prepared, "location", rec->location));
}


/* Where an office-local day (YYYY-MM-DD, checked) begins, plus days
   (0 or 1), as a ledger time: a cut of the period. */
static bool
day_cut(const char *date,		/* I - Day */
        int        days,		/* I - Days to add */
        char       *buf,		/* O - UTC timestamp */
        size_t     bufsize)		/* I - Size of buf */
{
  inv_date_t	d;
  char		day[16];

  return (invDateAddDays(date, days, day, sizeof(day)) && invDateParse(day, 0, &d, NULL, 0) &&
          invDateLocalDayStart(&d, buf, bufsize));
}


/* The sums of an account. */
static int64_t
sum(const int64_t *v)
{
  int64_t s = 0;

  for (int i = 0; i < CAT_COUNT; i ++)
    s += v[i];
  return (s);
}


/* Does an account reconcile? */
static bool
balanced(const racc_t *a)
{
  return (a->before + sum(a->in) - sum(a->out) == a->balance - a->after);
}


/* The report as JSON. */
static json_t *
recon_json(cli_t *cli, const recon_t *r, const char *from, const char *to, size_t *unbalanced)
{
  json_t *accounts = json_array();

  *unbalanced = 0;
  for (size_t i = 0; i < r->naccounts; i ++)
  {
    const racc_t	*a = r->accounts + i;
    json_t		*in = json_object(), *out = json_object();

    for (int c = 0; c < CAT_COUNT; c ++)
    {
      json_object_set_new(in, cat_keys[c], json_integer(a->in[c]));
      json_object_set_new(out, cat_keys[c], json_integer(a->out[c]));
    }
    if (!balanced(a))
      (*unbalanced) ++;
    json_array_append_new(accounts, json_pack("{s:s,s:s,s:I,s:o,s:I,s:o,s:I,s:I,s:b}", "account", a->code, "kind",
                                              invKindName(a->kind), "opening", (json_int_t)a->before, "in", in,
                                              "in_total", (json_int_t)sum(a->in), "out", out, "out_total",
                                              (json_int_t)sum(a->out), "closing", (json_int_t)(a->balance - a->after),
                                              "balanced", balanced(a)));
  }
  return (json_pack("{s:s,s:s,s:s,s:s,s:o,s:O,s:O,s:{s:I,s:s},s:b}", "office", cliGetConfig(cli)->office, "from", from,
                    "to", to, "timezone", cliGetConfig(cli)->timezone,
                    "accounts", accounts, "stocktakes_differing", r->stocktakes, "open_records", r->open,
                    "chain_head", "event", (json_int_t)r->head_id, "hash", r->head, "balanced", *unbalanced == 0));
}


/* The report's JSON with the signed checkpoint of its head (null when unsigned). */
static json_t *
recon_json_signed(cli_t         *cli,	/* I - Command context */
                  const recon_t *r,	/* I - The report */
                  const char    *from,	/* I - First day */
                  const char    *to,	/* I - Last day */
                  size_t        *unbalanced)	/* O - Accounts that do not reconcile */
{
  json_t *obj = recon_json(cli, r, from, to, unbalanced);

  if (obj)
    repCorrectionsJson(obj, &r->corr);
  if (obj)
    json_object_set_new(obj, "checkpoint", r->signed_ ? repAnchorJson(&r->anchor) : json_null());
  return (obj);
}


/* The signed checkpoint of the head, as text: the anchor's own lines, so
 * that they can be kept and checked with 'inventory verify --anchor'. */
static void
recon_text_anchor(FILE          *fp,	/* I - Output */
                  const recon_t *r)	/* I - The report */
{
  char *text;

  if (!r->signed_)
  {
    fprintf(fp, "%s %s\n", _("Not signed:"), r->unsigned_why[0] ? r->unsigned_why : _("no event to sign"));
    return;
  }
  fprintf(fp, "%s\n", _("Signed checkpoint of this head (keep these lines; 'inventory verify --anchor FILE' checks "
                        "them):"));
  if ((text = invAnchorFormatCopy(&r->anchor)) != NULL)
    fputs(text, fp);
  free(text);
}


/* Write the CSV: one row per account. */
static void
recon_csv(FILE *fp, const recon_t *r)
{
  char num[32];

  fputs("account,kind,opening", fp);
  for (int c = 0; c < CAT_COUNT; c ++)
    fprintf(fp, ",in_%s", cat_keys[c]);
  for (int c = 0; c < CAT_COUNT; c ++)
    fprintf(fp, ",out_%s", cat_keys[c]);
  fputs(",closing,balanced\r\n", fp);
  for (size_t i = 0; i < r->naccounts; i ++)
  {
    const racc_t *a = r->accounts + i;

    repCsvText(fp, a->code);
    fprintf(fp, ",%s,%" PRId64, invKindName(a->kind), a->before);
    for (int c = 0; c < CAT_COUNT; c ++)
      fprintf(fp, ",%" PRId64, a->in[c]);
    for (int c = 0; c < CAT_COUNT; c ++)
      fprintf(fp, ",%" PRId64, a->out[c]);
    snprintf(num, sizeof(num), "%" PRId64, a->balance - a->after);
    fprintf(fp, ",%s,%s\r\n", num, balanced(a) ? "yes" : "no");
  }
}


/* A record open at the period's end, in the language of the messages:
 * "write-off 4 (prepared): 5 serials, prepared by rina". */
static const char *
open_line(const json_t *one,		/* I - The record (recon_record) */
          char         *buf,		/* O - Line */
          size_t       bufsize)		/* I - Size of buf */
{
  const char	*type = json_string_value(json_object_get(one, "type")),
		*state = json_string_value(json_object_get(one, "state"));
  int64_t	count = (int64_t)json_integer_value(json_object_get(one, "count"));
  char		who[300], n[48];

  snprintf(buf, bufsize, P_("%s %" PRId64 " (%s): %s serial, prepared by %s",
                            "%s %" PRId64 " (%s): %s serials, prepared by %s", count),
           !strcmp(type, "destruction") ? _("destruction record") : !strcmp(type, "void") ? _("receipt void") :
           _("write-off"), (int64_t)json_integer_value(json_object_get(one, "id")),
           !strcmp(state, "prepared") ? _("prepared") : !strcmp(state, "approved") ? _("approved") : state,
           i18nCount(count, n, sizeof(n)),
           repPerson(json_string_value(json_object_get(one, "preparer")),
                     json_string_value(json_object_get(one, "preparer_via")), who, sizeof(who)));
  return (buf);
}


/* "received 10, transferred 5" for the non-zero categories, in the
 * language of the messages, numbers grouped ("1.250"). */
static void
cat_line(const int64_t *v,		/* I - Figures by category */
         char          *buf,		/* O - Line */
         size_t        bufsize)		/* I - Size of buf */
{
  size_t	n = 0;
  char		num[48];

  buf[0] = '\0';
  for (int c = 0; c < CAT_COUNT && n < bufsize; c ++)
    if (v[c])
      n += (size_t)snprintf(buf + n, bufsize - n, "%s%s %s", n ? ", " : "", _(cat_names[c]),
                            i18nCount(v[c], num, sizeof(num)));
  if (!buf[0])
    snprintf(buf, bufsize, "-");
}


/* The report as text, in the language of the messages. */
static void
recon_text(FILE *fp, cli_t *cli, const recon_t *r, const char *from, const char *to)
{
  char		line[1024], when[48], acct[160], num[4][48];
  size_t	i;
  int		w = 20;
  json_t	*one;

  for (i = 0; i < r->naccounts; i ++)
  {
    int len = (int)strlen(invAccountLabel(r->accounts[i].code, r->accounts[i].kind, acct, sizeof(acct)));

    if (len > w)
      w = len;
  }
  fprintf(fp, _("Reconciliation %s to %s (days in %s)\n"), from, to, r->zone);
  if (cliGetConfig(cli)->office[0])
    fprintf(fp, "%s\n", cliGetConfig(cli)->office);
  fprintf(fp, "\n%-*s %-12s %10s %10s %10s %10s  %s\n", w, _("ACCOUNT"), _("KIND"), _("OPENING"), _("IN"), _("OUT"),
          _("CLOSING"), _("CHECK"));
  for (i = 0; i < r->naccounts; i ++)
  {
    const racc_t *a = r->accounts + i;

    fprintf(fp, "%-*s %-12s %10s %10s %10s %10s  %s\n", w, invAccountLabel(a->code, a->kind, acct, sizeof(acct)),
            invKindLabel(a->kind), i18nCount(a->before, num[0], sizeof(num[0])),
            i18nCount(sum(a->in), num[1], sizeof(num[1])), i18nCount(sum(a->out), num[2], sizeof(num[2])),
            i18nCount(a->balance - a->after, num[3], sizeof(num[3])),
            balanced(a) ? _("reconciles") : _("DOES NOT RECONCILE"));
  }
  fprintf(fp, "\n%s\n", _("In and out by kind:"));
  for (i = 0; i < r->naccounts; i ++)
  {
    const racc_t *a = r->accounts + i;

    if (!sum(a->in) && !sum(a->out))
      continue;
    cat_line(a->in, line, sizeof(line));
    fprintf(fp, "  %-*s %s %s; ", w, invAccountLabel(a->code, a->kind, acct, sizeof(acct)), _("in:"), line);
    cat_line(a->out, line, sizeof(line));
    fprintf(fp, "%s %s\n", _("out:"), line);
  }
  fprintf(fp, "\n%s\n", _("Stocktakes that differed:"));
  if (!json_array_size(r->stocktakes))
    fprintf(fp, "  %s\n", _("none"));
  json_array_foreach(r->stocktakes, i, one)
    fprintf(fp, _("  %s %s (event %s): counted %s, missing %s [%s], unexpected %s [%s]\n"),
            invDateFormatLocal(json_string_value(json_object_get(one, "time")), false, when, sizeof(when)),
            json_string_value(json_object_get(one, "location")),
            i18nCount(json_integer_value(json_object_get(one, "event")), num[0], sizeof(num[0])),
            i18nCount(json_integer_value(json_object_get(one, "counted")), num[1], sizeof(num[1])),
            i18nCount(json_integer_value(json_object_get(one, "missing_count")), num[2], sizeof(num[2])),
            json_string_value(json_object_get(one, "missing")),
            i18nCount(json_integer_value(json_object_get(one, "unexpected_count")), num[3], sizeof(num[3])),
            json_string_value(json_object_get(one, "unexpected")));
  repCorrectionsText(fp, &r->corr);
  fprintf(fp, "\n%s\n", _("Records open at the end of the period:"));
  if (!json_array_size(r->open))
    fprintf(fp, "  %s\n", _("none"));
  json_array_foreach(r->open, i, one)
    fprintf(fp, "  %s\n", open_line(one, line, sizeof(line)));
  fprintf(fp, "\n%s %" PRId64 " %s\n", _("Chain head at the end of the period: event"), r->head_id,
          r->head[0] ? r->head : "-");
  recon_text_anchor(fp, r);
}


/* The report as PDF, an official document (rpdf_doc_t): letterhead, title,
 * the balances with numbers right-aligned, in and out by kind, stocktakes
 * that differed, records open, the signature of the one who made it and
 * of the head of office, and the chain head with its signed checkpoint in
 * a box.  False with the reason in error. */
static bool
recon_pdf(FILE                *fp,	/* I - Output file */
          cli_t               *cli,	/* I - Command context */
          const rpdf_module_t *pw,	/* I - PDF writer */
          const recon_t       *r,	/* I - The report */
          const char          *from,	/* I - First day */
          const char          *to,	/* I - Last day */
          bool                lang_en,	/* I - English, else Indonesian */
          char                *error,	/* O - Why not */
          size_t              errorsize)/* I - Size of error */
{
  static const double	wb[7] = { 60, 24, 16, 16, 16, 16, 26 }, wk[2] = { 60, 114 };
  const blanko_config_t	*config = cliGetConfig(cli);
  rep_doc_t		d;
  rep_lang_t		saved;
  rpdf_block_t		*t;
  const char		**c;
  size_t		i, rows = 0;
  json_t		*one;
  inv_person_t		maker;
  char			today[16], when[64], num[4][48], acct[160], line[1024], line2[1024];
  bool			ok;

  repDocInit(&d);
  repDocLangBegin(&saved, lang_en);
  d.doc.kop[0] = repDocUpper(&d, config->government);
  d.doc.kop[1] = repDocUpper(&d, config->office);
  d.doc.kop[2] = config->address;
  d.doc.footer = repDocText(&d, _("Reconciliation %s to %s"), from, to);
  d.doc.page = _("Page");
  d.doc.of = _("of");
  t = repDocAdd(&d, RPDF_TITLE);
  t->text = _("RECONCILIATION OF KTP-EL BLANKS");
  t = repDocAdd(&d, RPDF_PARA);
  t->align = RPDF_CENTRE;
  t->text = repDocText(&d, _("Period: %s to %s (the office's days, both included)"), from, to);

  /* Balances: numbers right-aligned. */
  t = repDocAdd(&d, RPDF_HEADING);
  t->text = _("Balances");
  t = repDocAdd(&d, RPDF_TABLE);
  t->ncols = 7;
  t->widths = wb;
  t->aligns = "llrrrrl";
  t->grid = true;
  t->head = 1;
  t->nrows = r->naccounts + 1;
  t->cells = c = repDocCells(&d, 7 * (r->naccounts + 1));
  if (c)
  {
    c[0] = _("Account");
    c[1] = _("Kind");
    c[2] = _("Opening");
    c[3] = _("In");
    c[4] = _("Out");
    c[5] = _("Closing");
    c[6] = _("Check");
    for (i = 0; i < r->naccounts; i ++)
    {
      const racc_t	*a = r->accounts + i;
      const char	**row = c + 7 * (i + 1);

      row[0] = repDocText(&d, "%s", invAccountLabel(a->code, a->kind, acct, sizeof(acct)));
      row[1] = invKindLabel(a->kind);
      row[2] = repDocText(&d, "%s", i18nCount(a->before, num[0], sizeof(num[0])));
      row[3] = repDocText(&d, "%s", i18nCount(sum(a->in), num[1], sizeof(num[1])));
      row[4] = repDocText(&d, "%s", i18nCount(sum(a->out), num[2], sizeof(num[2])));
      row[5] = repDocText(&d, "%s", i18nCount(a->balance - a->after, num[3], sizeof(num[3])));
      row[6] = balanced(a) ? _("reconciles") : _("DOES NOT RECONCILE");
    }
  }

  /* In and out by kind, for the accounts that moved. */
  for (i = 0; i < r->naccounts; i ++)
    rows += sum(r->accounts[i].in) || sum(r->accounts[i].out);
  t = repDocAdd(&d, RPDF_HEADING);
  t->text = _("In and out by kind");
  t = repDocAdd(&d, RPDF_TABLE);
  t->ncols = 2;
  t->widths = wk;
  t->grid = true;
  t->nrows = rows;
  t->cells = c = repDocCells(&d, 2 * (rows ? rows : 1));
  for (i = 0, rows = 0; c && i < r->naccounts; i ++)
  {
    const racc_t *a = r->accounts + i;

    if (!sum(a->in) && !sum(a->out))
      continue;
    c[2 * rows] = repDocText(&d, "%s", invAccountLabel(a->code, a->kind, acct, sizeof(acct)));
    cat_line(a->in, line, sizeof(line));
    cat_line(a->out, line2, sizeof(line2));
    c[2 * rows + 1] = repDocText(&d, _("in: %s\nout: %s"), line, line2);
    rows ++;
  }

  /* Stocktakes that differed, and records open at the end. */
  t = repDocAdd(&d, RPDF_HEADING);
  t->text = _("Stocktakes that differed");
  if (!json_array_size(r->stocktakes))
    repDocPara(&d, RPDF_LEFT, _("None."));
  json_array_foreach(r->stocktakes, i, one)
    repDocPara(&d, RPDF_LEFT,
               repDocText(&d, _("%s at %s: counted %s, missing %s (%s), unexpected %s (%s)."),
                          invDateFormatLocal(json_string_value(json_object_get(one, "time")), false, when, sizeof(when)),
                          json_string_value(json_object_get(one, "location")),
                          i18nCount(json_integer_value(json_object_get(one, "counted")), num[0], sizeof(num[0])),
                          i18nCount(json_integer_value(json_object_get(one, "missing_count")), num[1], sizeof(num[1])),
                          json_string_value(json_object_get(one, "missing")),
                          i18nCount(json_integer_value(json_object_get(one, "unexpected_count")), num[2], sizeof(num[2])),
                          json_string_value(json_object_get(one, "unexpected"))));
  repCorrectionsDoc(&d, &r->corr);
  t = repDocAdd(&d, RPDF_HEADING);
  t->text = _("Records open at the end of the period");
  if (!json_array_size(r->open))
    repDocPara(&d, RPDF_LEFT, _("None."));
  json_array_foreach(r->open, i, one)
    repDocPara(&d, RPDF_LEFT, repDocText(&d, "%s.", open_line(one, line, sizeof(line))));

  /* Signatures: the one who made the report, and the head of office. */
  memset(&maker, 0, sizeof(maker));
  if (invUserGetPerson(cliGetDb(cli), cliGetActor(cli), &maker) != INV_OK || !maker.full_name[0])
    snprintf(maker.full_name, sizeof(maker.full_name), "%s", cliGetActor(cli));
  invDateLocalToday(0, today, sizeof(today));
  repDocAdd(&d, RPDF_SPACE)->mm = 4;
  repDocPara(&d, RPDF_RIGHT, repDocText(&d, "%s, %s", config->city[0] ? config->city : config->office,
                                        repDocDate(&d, today)));
  t = repDocAdd(&d, RPDF_SIGNS);
  t->ncols = 2;
  t->nrows = 2;
  t->cells = c = repDocCells(&d, 6);
  if (c)
  {
    c[0] = repDocText(&d, _("Acknowledged,\n%s"), config->head_post);
    c[1] = config->head_name;
    c[2] = config->head_nip[0] ? repDocText(&d, _("NIP %s"), config->head_nip) : "";
    c[3] = repDocText(&d, _("Made by,\n%s"), maker.post);
    c[4] = repDocText(&d, "%s", maker.full_name);
    c[5] = maker.nip[0] ? repDocText(&d, _("NIP %s"), maker.nip) : "";
  }

  /* The chain head at the period's end and its signed checkpoint. */
  t = repDocAdd(&d, RPDF_BOX);
  t->text = _("Chain head at the end of the period");
  t->cells = c = repDocCells(&d, 2 * 7);
  if (c)
  {
    c[0] = _("Event");
    c[1] = repDocText(&d, "%" PRId64, r->head_id);
    c[2] = _("Hash (SHA-256)");
    c[3] = r->head[0] ? r->head : "-";
    t->nrows = 2;
    if (r->signed_)
    {
      c[4] = _("Ledger");
      c[5] = r->anchor.ledger;
      c[6] = _("Signed at");
      c[7] = repDocText(&d, "%s", invDateFormatLocal(r->anchor.time, false, when, sizeof(when)));
      c[8] = _("Mark");
      c[9] = r->anchor.mark;
      c[10] = _("Key");
      c[11] = r->anchor.keyid;
      c[12] = _("Signature");
      c[13] = r->anchor.sig;
      t->nrows = 7;
    }
  }
  t->note = r->signed_ ? _("A later report of the same period must show the same hash: otherwise the past was "
                           "rewritten. Keep this page off the machine: 'inventory verify --anchor FILE', with these "
                           "values written as an anchor file (see inventory(1)), shows whether the ledger still "
                           "holds this head.")
                       : _("A later report of the same period must show the same hash: otherwise the past was "
                           "rewritten. Not signed: the ledger has no signing key.");
  ok = repDocWrite(&d, pw, fp, error, errorsize);
  repDocLangEnd(&saved);
  repDocFree(&d);
  return (ok);
}


/* Write the reconciliation of a period. */
int
repReconcile(cli_t      *cli,		/* I - Command context */
             const char *from,		/* I - First day, YYYY-MM-DD */
             const char *to,		/* I - Last day, YYYY-MM-DD */
             const char *format,	/* I - text, pdf, csv or json */
             const char *lang,		/* I - id or en; NULL: the user's (text), id (PDF) */
             const char *out)		/* I - File, or NULL/"-" for standard output */
{
  recon_t		r;
  inv_status_t		status;
  char			start[32], until[32], error[256], today[16];
  struct tm		tm;
  size_t		unbalanced = 0;
  json_t		*obj = NULL;
  blanko_out_t		output;
  const char		*why = NULL;
  int			result = CLI_OK;
  bool			lang_en = lang && !strcmp(lang, "en");
  rep_lang_t		saved;
  const rpdf_module_t	*pw = NULL;

  if ((status = invDateCheck(cliGetDb(cli), from)) != INV_OK || (status = invDateCheck(cliGetDb(cli), to)) != INV_OK)
    return (cliFailDb(cli, status));
  if (strcmp(from, to) > 0)
    return (cliFail(cli, CLI_REFUSED, _("--from %s is after --to %s"), from, to));
  if (!strcmp(format, "pdf") && strcmp(to, invDateLocalToday(0, today, sizeof(today))) > 0)
    return (cliFail(cli, CLI_REFUSED, _("--to %s is in the future (today is %s): a signed reconciliation covers days "
                                        "that have ended or are under way"), to, today));

  memset(&r, 0, sizeof(r));
  if (!day_cut(from, 0, start, sizeof(start)) || !day_cut(to, 1, until, sizeof(until)) ||
      !invDateToLocal(start, &tm, r.zone, sizeof(r.zone)))
    return (cliFail(cli, CLI_REFUSED, _("--from %s or --to %s is outside the calendar"), from, to));
  r.stocktakes = json_array();
  r.open = json_array();
  if ((status = invAccountList(cliGetDb(cli), recon_account, &r)) != INV_OK ||
      (status = invMovementTotals(cliGetDb(cli), NULL, start, false, total_before, &r)) != INV_OK ||
      (status = invMovementTotals(cliGetDb(cli), start, until, false, total_during, &r)) != INV_OK ||
      (status = invMovementTotals(cliGetDb(cli), until, NULL, false, total_after, &r)) != INV_OK ||
      (status = invEventsOfKind(cliGetDb(cli), "count", start, until, recon_count, &r)) != INV_OK ||
      (status = invRecordsOpenAt(cliGetDb(cli), until, recon_record, &r)) != INV_OK ||
      (status = repCorrectionsLoad(cliGetDb(cli), from, until, &r.corr)) != INV_OK ||
      (status = invChainHeadAt(cliGetDb(cli), until, &r.head_id, r.head)) != INV_OK)
    result = cliFailDb(cli, status);
  else if (r.failed)
    result = cliFailNoMemory(cli);
  else if (r.head_id > 0)
  {
    char mark[INV_ANCHOR_MARK_MAX + 1];

    snprintf(mark, sizeof(mark), "report reconcile %s %s", from, to);
    if ((status = invAnchorSignHead(cliGetDb(cli), r.head_id, r.head, mark, &r.anchor, &r.signed_, r.unsigned_why,
                                    sizeof(r.unsigned_why))) != INV_OK)
      result = cliFailDb(cli, status);
  }
  if (result != CLI_OK)
    goto done;

  obj = recon_json_signed(cli, &r, from, to, &unbalanced);
  if (!strcmp(format, "pdf") && (result = repPdfLoad(cli, &pw)) != CLI_OK)
    goto done;
  if ((result = repOutOpen(cli, &output, out)) != CLI_OK)
    goto done;
  if (!strcmp(format, "pdf"))
    why = recon_pdf(output.fp, cli, pw, &r, from, to, lang_en, error, sizeof(error)) ? NULL : error;
  else if (!strcmp(format, "json"))
  {
    json_dumpf(obj, output.fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', output.fp);
  }
  else if (!strcmp(format, "csv"))
    recon_csv(output.fp, &r);
  else
  {
    if (lang)				/* the text in the user's language, unless --lang says another */
      repDocLangBegin(&saved, lang_en);
    recon_text(output.fp, cli, &r, from, to);
    if (lang)
      repDocLangEnd(&saved);
  }
  if ((result = repOutClose(cli, &output, why)) != CLI_OK)
    goto done;
  if (unbalanced)
    result = cliFail(cli, CLI_PROBLEM, P_("%zu account does not reconcile for %s to %s (run 'inventory verify')",
                                          "%zu accounts do not reconcile for %s to %s (run 'inventory verify')",
                                          unbalanced), unbalanced, from, to);

done:
  json_decref(obj);
  json_decref(r.stocktakes);
  json_decref(r.open);
  repCorrectionsFree(&r.corr);
  free(r.accounts);
  return (result);
}
