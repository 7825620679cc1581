/*
 * report reconcile: for a period of UTC days, per account the opening
 * balance, serials in and out by kind, and the closing balance, with
 * opening + in - out = closing checked for every account; stocktakes that
 * differed; the records open at the period's end; and the chain head then.
 * "The period's end" is one cut of the chain for all of them, by event id:
 * the events before the first one recorded on or after the day after the
 * last day (UTC), and likewise for its start.  After a clock stepped back
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

#include <csv.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The report's own text in the language asked for (--lang), whatever the
   user's locale: neither language goes through gettext. */
#define T(en, id)	(lang_en ? (en) : (id))

enum { CAT_RECEIVED, CAT_TRANSFERRED, CAT_ISSUED, CAT_SPOILED, CAT_INVALID, CAT_DESTROYED, CAT_WRITTEN_OFF,
       CAT_REPORTED_LOST, CAT_VOIDED, CAT_OTHER, CAT_COUNT };

static const char * const cat_keys[CAT_COUNT] =
{ "received", "transferred", "issued", "spoiled", "invalid", "destroyed", "written_off", "reported_lost", "voided",
  "other" };

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
  if (!strcmp(t->kind, "receive.void"))
    return (CAT_VOIDED);
  if (!strcmp(t->to, "issued"))
    return (CAT_ISSUED);
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
    json_object_set_new(d, "time", json_string(e->time));
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


/* The day after a date (both YYYY-MM-DD, UTC). */
static void
next_day(const char *date, char *buf, size_t bufsize)
{
  struct tm	tm;
  time_t	t;

  memset(&tm, 0, sizeof(tm));
  tm.tm_year = atoi(date) - 1900;
  tm.tm_mon = atoi(date + 5) - 1;
  tm.tm_mday = atoi(date + 8) + 1;
  tm.tm_hour = 12;
  t = timegm(&tm);
  gmtime_r(&t, &tm);
  strftime(buf, bufsize, "%Y-%m-%d", &tm);
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
  return (json_pack("{s:s,s:s,s:s,s:o,s:O,s:O,s:{s:I,s:s},s:b}", "office", cliGetConfig(cli)->office, "from", from, "to", to,
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
                  const recon_t *r,	/* I - The report */
                  bool          lang_en)/* I - English, else Indonesian */
{
  char *text;

  if (!r->signed_)
  {
    fprintf(fp, "%s %s\n", T("Not signed:", "Tidak ditandatangani:"),
            r->unsigned_why[0] ? r->unsigned_why : T("no event to sign", "tidak ada peristiwa untuk ditandatangani"));
    return;
  }
  fprintf(fp, "%s\n", T("Signed checkpoint of this head (keep these lines; 'inventory verify --anchor FILE' checks them):",
                        "Titik periksa bertanda tangan untuk kepala ini (simpan baris-baris ini; 'inventory verify "
                        "--anchor BERKAS' memeriksanya):"));
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


/* The category names in a language. */
static const char *
cat_name(bool lang_en, int c)
{
  static const char * const en[CAT_COUNT] =
  { "received", "transferred", "issued", "spoiled", "invalid", "destroyed",
    "written off", "reported lost", "voided", "other" };
  static const char * const id[CAT_COUNT] =
  { "diterima", "dipindahkan", "dicetak", "rusak", "tidak valid", "dimusnahkan", "dihapusbukukan",
    "dilaporkan hilang", "dibatalkan", "lainnya" };

  return (lang_en ? en[c] : id[c]);
}


/* "received 10, transferred 5" for the non-zero categories. */
static void
cat_line(bool lang_en, const int64_t *v, char *buf, size_t bufsize)
{
  size_t n = 0;

  buf[0] = '\0';
  for (int c = 0; c < CAT_COUNT && n < bufsize; c ++)
    if (v[c])
      n += (size_t)snprintf(buf + n, bufsize - n, "%s%s %" PRId64, n ? ", " : "", cat_name(lang_en, c), v[c]);
  if (!buf[0])
    snprintf(buf, bufsize, "-");
}


/* The report as text. */
static void
recon_text(FILE *fp, cli_t *cli, const recon_t *r, const char *from, const char *to, bool lang_en)
{
  char		line[1024];
  size_t	i;
  json_t	*one;

  fprintf(fp, T("Reconciliation %s to %s (UTC days)\n", "Rekonsiliasi %s s.d. %s (hari UTC)\n"), from, to);
  if (cliGetConfig(cli)->office[0])
    fprintf(fp, "%s\n", cliGetConfig(cli)->office);
  fprintf(fp, "\n%-20s %-10s %10s %10s %10s %10s  %s\n", T("ACCOUNT", "AKUN"), T("KIND", "JENIS"),
          T("OPENING", "AWAL"), T("IN", "MASUK"), T("OUT", "KELUAR"), T("CLOSING", "AKHIR"), T("CHECK", "CEK"));
  for (i = 0; i < r->naccounts; i ++)
  {
    const racc_t *a = r->accounts + i;

    fprintf(fp, "%-20s %-10s %10" PRId64 " %10" PRId64 " %10" PRId64 " %10" PRId64 "  %s\n", a->code,
            invKindName(a->kind), a->before, sum(a->in), sum(a->out), a->balance - a->after,
            balanced(a) ? T("ok", "cocok") : T("DOES NOT RECONCILE", "TIDAK COCOK"));
  }
  fprintf(fp, "\n%s\n", T("In and out by kind:", "Masuk dan keluar menurut jenis:"));
  for (i = 0; i < r->naccounts; i ++)
  {
    const racc_t *a = r->accounts + i;

    if (!sum(a->in) && !sum(a->out))
      continue;
    cat_line(lang_en, a->in, line, sizeof(line));
    fprintf(fp, "  %-18s %s %s; ", a->code, T("in:", "masuk:"), line);
    cat_line(lang_en, a->out, line, sizeof(line));
    fprintf(fp, "%s %s\n", T("out:", "keluar:"), line);
  }
  fprintf(fp, "\n%s\n", T("Stocktakes that differed:", "Stock opname yang berselisih:"));
  if (!json_array_size(r->stocktakes))
    fprintf(fp, "  %s\n", T("none", "tidak ada"));
  json_array_foreach(r->stocktakes, i, one)
    fprintf(fp, T("  %s %s (event %" JSON_INTEGER_FORMAT "): counted %" JSON_INTEGER_FORMAT ", missing %"
                  JSON_INTEGER_FORMAT " [%s], unexpected %" JSON_INTEGER_FORMAT " [%s]\n",
                  "  %s %s (peristiwa %" JSON_INTEGER_FORMAT "): dihitung %" JSON_INTEGER_FORMAT ", kurang %"
                  JSON_INTEGER_FORMAT " [%s], lebih %" JSON_INTEGER_FORMAT " [%s]\n"),
            json_string_value(json_object_get(one, "time")), json_string_value(json_object_get(one, "location")),
            json_integer_value(json_object_get(one, "event")), json_integer_value(json_object_get(one, "counted")),
            json_integer_value(json_object_get(one, "missing_count")), json_string_value(json_object_get(one, "missing")),
            json_integer_value(json_object_get(one, "unexpected_count")),
            json_string_value(json_object_get(one, "unexpected")));
  repCorrectionsText(fp, &r->corr, lang_en);
  fprintf(fp, "\n%s\n", T("Records open at the end of the period:",
                          "Berita acara/penghapusan yang masih terbuka pada akhir periode:"));
  if (!json_array_size(r->open))
    fprintf(fp, "  %s\n", T("none", "tidak ada"));
  json_array_foreach(r->open, i, one)
  {
    char who[160];

    fprintf(fp, "  %s %" JSON_INTEGER_FORMAT " (%s): %" JSON_INTEGER_FORMAT " %s, %s %s\n",
            json_string_value(json_object_get(one, "type")), json_integer_value(json_object_get(one, "id")),
            json_string_value(json_object_get(one, "state")), json_integer_value(json_object_get(one, "count")),
            T("serials", "nomor seri"), T("prepared by", "disiapkan oleh"),
            repPerson(lang_en, json_string_value(json_object_get(one, "preparer")),
                      json_string_value(json_object_get(one, "preparer_via")), who, sizeof(who)));
  }
  fprintf(fp, "\n%s %" PRId64 " %s\n", T("Chain head at the end of the period: event", "Kepala rantai pada akhir periode: peristiwa"),
          r->head_id, r->head[0] ? r->head : "-");
  recon_text_anchor(fp, r, lang_en);
}


/* The PDF's table of balances: per account opening, in, out, closing and
 * whether they reconcile. */
static void
recon_pdf_balances(const rpdf_module_t *pw,	/* I - PDF writer */
                   rpdf_t              *pdf,	/* I - The PDF */
                   const recon_t       *r,	/* I - The report */
                   bool                lang_en)	/* I - English, else Indonesian */
{
  static const double	w6[7] = { 40, 22, 22, 22, 22, 22, 24 };
  const char		*head[7] = { T("Account", "Akun"), T("Kind", "Jenis"), T("Opening", "Awal"), T("In", "Masuk"),
                                     T("Out", "Keluar"), T("Closing", "Akhir"), T("Check", "Cek") };
  char			n[4][32];

  repPdfTable(pw, pdf, T("Balances", "Saldo"), 7, w6, head);
  for (size_t i = 0; i < r->naccounts; i ++)
  {
    const racc_t	*a = r->accounts + i;
    const char		*row[7] = { a->code, invKindName(a->kind), n[0], n[1], n[2], n[3],
                                    balanced(a) ? T("ok", "cocok") : T("DOES NOT RECONCILE", "TIDAK COCOK") };

    snprintf(n[0], sizeof(n[0]), "%" PRId64, a->before);
    snprintf(n[1], sizeof(n[1]), "%" PRId64, sum(a->in));
    snprintf(n[2], sizeof(n[2]), "%" PRId64, sum(a->out));
    snprintf(n[3], sizeof(n[3]), "%" PRId64, a->balance - a->after);
    pw->row(pdf, 7, w6, row, false);
  }
}


/* The PDF's in and out by kind, for the accounts that moved. */
static void
recon_pdf_kinds(const rpdf_module_t *pw,	/* I - PDF writer */
                rpdf_t              *pdf,	/* I - The PDF */
                const recon_t       *r,		/* I - The report */
                bool                lang_en)	/* I - English, else Indonesian */
{
  static const double	w2[2] = { 40, 134 };
  char			text[1200], in[512], out[512];

  pw->heading(pdf, T("In and out by kind", "Masuk dan keluar menurut jenis"));
  for (size_t i = 0; i < r->naccounts; i ++)
  {
    const racc_t	*a = r->accounts + i;
    const char		*row[2] = { a->code, text };

    if (!sum(a->in) && !sum(a->out))
      continue;
    cat_line(lang_en, a->in, in, sizeof(in));
    cat_line(lang_en, a->out, out, sizeof(out));
    snprintf(text, sizeof(text), "%s %.500s\n%s %.500s", T("in:", "masuk:"), in, T("out:", "keluar:"), out);
    pw->row(pdf, 2, w2, row, false);
  }
}


/* A stocktake that differed, as a line of the PDF. */
static void
stocktake_line(const json_t *one,	/* I - The stocktake */
               bool         lang_en,	/* I - English, else Indonesian */
               char         *buf,	/* O - The line */
               size_t       bufsize)	/* I - Size of buf */
{
  snprintf(buf, bufsize, T("%s at %s: counted %" JSON_INTEGER_FORMAT ", missing %" JSON_INTEGER_FORMAT
                           " (%s), unexpected %" JSON_INTEGER_FORMAT " (%s).",
                           "%s di %s: dihitung %" JSON_INTEGER_FORMAT ", kurang %" JSON_INTEGER_FORMAT
                           " (%s), lebih %" JSON_INTEGER_FORMAT " (%s)."),
           json_string_value(json_object_get(one, "time")), json_string_value(json_object_get(one, "location")),
           json_integer_value(json_object_get(one, "counted")), json_integer_value(json_object_get(one, "missing_count")),
           json_string_value(json_object_get(one, "missing")), json_integer_value(json_object_get(one, "unexpected_count")),
           json_string_value(json_object_get(one, "unexpected")));
}


/* A record open at the period's end, as a line of the PDF. */
static void
open_line(const json_t *one,		/* I - The record */
          bool         lang_en,		/* I - English, else Indonesian */
          char         *buf,		/* O - The line */
          size_t       bufsize)		/* I - Size of buf */
{
  char who[160];

  snprintf(buf, bufsize, "%s %" JSON_INTEGER_FORMAT " (%s): %" JSON_INTEGER_FORMAT " %s, %s %s",
           json_string_value(json_object_get(one, "type")), json_integer_value(json_object_get(one, "id")),
           json_string_value(json_object_get(one, "state")), json_integer_value(json_object_get(one, "count")),
           T("serials", "nomor seri"), T("prepared by", "disiapkan oleh"),
           repPerson(lang_en, json_string_value(json_object_get(one, "preparer")),
                     json_string_value(json_object_get(one, "preparer_via")), who, sizeof(who)));
}


/* A heading and a list of the PDF, one line each (made by line), or "None.". */
static void
recon_pdf_list(const rpdf_module_t *pw,		/* I - PDF writer */
               rpdf_t              *pdf,	/* I - The PDF */
               const char          *heading,	/* I - The heading */
               json_t              *list,	/* I - The list */
               bool                lang_en,	/* I - English, else Indonesian */
               void                (*line)(const json_t *one, bool lang_en, char *buf, size_t bufsize))
					/* I - Makes one's line */
{
  char		text[1200];
  size_t	i;
  json_t	*one;

  pw->heading(pdf, heading);
  if (!json_array_size(list))
    pw->text(pdf, T("None.", "Tidak ada."));
  json_array_foreach(list, i, one)
  {
    line(one, lang_en, text, sizeof(text));
    pw->text(pdf, text);
  }
}


/* The PDF's chain head at the period's end, which a later report must repeat. */
static void
recon_pdf_head(const rpdf_module_t *pw,		/* I - PDF writer */
               rpdf_t              *pdf,	/* I - The PDF */
               const recon_t       *r,		/* I - The report */
               bool                lang_en)	/* I - English, else Indonesian */
{
  char text[72];

  pw->heading(pdf, T("Chain head at the end of the period", "Kepala rantai pada akhir periode"));
  snprintf(text, sizeof(text), "%" PRId64, r->head_id);
  pw->field(pdf, T("Event", "Peristiwa"), text);
  pw->field_code(pdf, T("Hash (SHA-256)", "Hash (SHA-256)"), r->head[0] ? r->head : "-");
  pw->small(pdf, T("A later report of the same period must show the same hash: otherwise the past was rewritten.",
                   "Laporan berikutnya untuk periode yang sama harus menunjukkan hash yang sama; bila tidak, catatan "
                   "masa lalu telah diubah."));
  if (!r->signed_)
  {
    pw->field(pdf, T("Signature", "Tanda tangan"), T("none (the ledger has no signing key)",
                                                     "tidak ada (buku besar belum mempunyai kunci tanda tangan)"));
    return;
  }
  /* The anchor's lines (blanko-anchor-v1), for 'inventory verify --anchor'. */
  pw->field_code(pdf, T("Ledger", "Buku besar"), r->anchor.ledger);
  pw->field(pdf, T("Signed at (UTC)", "Ditandatangani (UTC)"), r->anchor.time);
  pw->field(pdf, T("Mark", "Tanda"), r->anchor.mark);
  pw->field_code(pdf, T("Key", "Kunci"), r->anchor.keyid);
  snprintf(text, sizeof(text), "%.64s", r->anchor.sig);
  pw->field_code(pdf, T("Signature (1/2)", "Tanda tangan (1/2)"), text);
  pw->field_code(pdf, T("Signature (2/2)", "Tanda tangan (2/2)"), r->anchor.sig + 64);
  pw->small(pdf, T("Keep this page off the machine: 'inventory verify --anchor FILE', with these values written as an "
                   "anchor file (see inventory(1)), shows whether the ledger still holds this head.",
                   "Simpan halaman ini di luar komputer: 'inventory verify --anchor BERKAS', dengan nilai-nilai ini "
                   "ditulis sebagai berkas jangkar (lihat inventory(1)), menunjukkan apakah buku besar masih memuat "
                   "kepala ini."));
}


/* The report as PDF, written with the PDF writer pw; false with the reason
 * in error when it could not be. */
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
  char		line[256];
  rpdf_t	*pdf;

  snprintf(line, sizeof(line), T("Period: %s to %s (UTC days, both included)", "Periode: %s s.d. %s (hari UTC, termasuk keduanya)"),
           from, to);
  if ((pdf = repPdfStart(cli, pw, fp, T("RECONCILIATION OF KTP-EL BLANKS", "REKONSILIASI BLANGKO KTP-EL"), line, error,
                         errorsize, "%s %s..%s", T("Reconciliation", "Rekonsiliasi"), from, to)) == NULL)
    return (false);
  recon_pdf_balances(pw, pdf, r, lang_en);
  recon_pdf_kinds(pw, pdf, r, lang_en);
  recon_pdf_list(pw, pdf, T("Stocktakes that differed", "Stock opname yang berselisih"), r->stocktakes, lang_en,
                 stocktake_line);
  repCorrectionsPdf(pw, pdf, &r->corr, lang_en);
  recon_pdf_list(pw, pdf, T("Records open at the end of the period", "Berita acara/penghapusan terbuka pada akhir periode"),
                 r->open, lang_en, open_line);
  recon_pdf_head(pw, pdf, r, lang_en);
  return (pw->finish(pdf, error, errorsize));
}


/* Write the reconciliation of a period. */
int
repReconcile(cli_t      *cli,		/* I - Command context */
             const char *from,		/* I - First day, YYYY-MM-DD */
             const char *to,		/* I - Last day, YYYY-MM-DD */
             const char *format,	/* I - text, pdf, csv or json */
             const char *lang,		/* I - id or en */
             const char *out)		/* I - File, or NULL/"-" for standard output */
{
  recon_t		r;
  inv_status_t		status;
  char			until[16], error[256];
  size_t		unbalanced = 0;
  json_t		*obj = NULL;
  blanko_out_t		output;
  const char		*why = NULL;
  int			result = CLI_OK;
  bool			lang_en = !strcmp(lang, "en");
  const rpdf_module_t	*pw = NULL;

  if ((status = invDateCheck(cliGetDb(cli), from)) != INV_OK || (status = invDateCheck(cliGetDb(cli), to)) != INV_OK)
    return (cliFailDb(cli, status));
  if (strcmp(from, to) > 0)
    return (cliFail(cli, CLI_REFUSED, _("--from %s is after --to %s"), from, to));
  next_day(to, until, sizeof(until));

  memset(&r, 0, sizeof(r));
  r.stocktakes = json_array();
  r.open = json_array();
  if ((status = invAccountList(cliGetDb(cli), recon_account, &r)) != INV_OK ||
      (status = invMovementTotals(cliGetDb(cli), NULL, from, false, total_before, &r)) != INV_OK ||
      (status = invMovementTotals(cliGetDb(cli), from, until, false, total_during, &r)) != INV_OK ||
      (status = invMovementTotals(cliGetDb(cli), until, NULL, false, total_after, &r)) != INV_OK ||
      (status = invEventsOfKind(cliGetDb(cli), "count", from, until, recon_count, &r)) != INV_OK ||
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
    recon_text(output.fp, cli, &r, from, to, lang_en);
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
