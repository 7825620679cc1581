/*
 * report destruction: the destruction record (berita acara pemusnahan) as
 * PDF (Indonesian, or English with --lang en), CSV (every serial with its
 * origin and reason) or JSON.
 *
 * The PDF, the official record itself, is destruction-pdf.c.
 */

#include "report-private.h"
#include "blanko/request.h"
#include "blanko/date.h"

#include <csv.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Write one CSV row of text cells, every field quoted by libcsv and
   neutralised against formulas (repCsvText). */
static void
csv_row(FILE *fp, int n, const char *const *fields)
{
  for (int i = 0; i < n; i ++)
  {
    if (i)
      fputc(',', fp);
    repCsvText(fp, fields[i]);
  }
  fputs("\r\n", fp);
}


/* One invalid card of the record and its holder's NIK, masked. */
typedef struct holder_s
{
  char		serial[INV_SERIAL_MAX];
  char		nik[INV_NIK_LEN + 1];	/* Masked but for the last 4 digits */
} holder_t;

/* The holders of a record's invalid cards, sorted by serial. */
typedef struct holders_s
{
  holder_t	*list;
  size_t	count, alloc;
  bool		failed;
} holders_t;


/* Keep one holder, masking the NIK at once: the full NIK goes no further. */
static void
holder_keep(void              *ctx,	/* I - Holders */
            const inv_range_t *serial,	/* I - The card's serial */
            const char        *nik)	/* I - The NIK of its request */
{
  holders_t	*h = ctx;
  holder_t	*one;

  if (h->count == h->alloc)
  {
    size_t	alloc = h->alloc ? 2 * h->alloc : 64;
    holder_t	*list = realloc(h->list, alloc * sizeof(holder_t));

    if (!list)
    {
      h->failed = true;
      return;
    }
    h->list = list;
    h->alloc = alloc;
  }
  one = h->list + h->count ++;
  invSerialFormat(serial->prefix, serial->width, serial->first, one->serial, sizeof(one->serial));
  repMaskNik(nik, one->nik, sizeof(one->nik));
}


/* Order holders by serial text. */
static int
holder_compare(const void *a,		/* I - One holder (the key, for bsearch) */
               const void *b)		/* I - Another */
{
  return (strcmp(((const holder_t *)a)->serial, ((const holder_t *)b)->serial));
}


/* Load the holders of a record's invalid cards (see invRecordHolders). */
static inv_status_t
holders_load(cli_t     *cli,		/* I - Command context */
             int64_t   id,		/* I - Record */
             holders_t *h)		/* O - Holders, sorted; free h->list */
{
  inv_status_t status;

  memset(h, 0, sizeof(*h));
  if ((status = invRecordHolders(cliGetDb(cli), id, holder_keep, h)) == INV_OK && h->failed)
    status = INV_ERROR;
  if (status == INV_OK && h->count > 1)
    qsort(h->list, h->count, sizeof(holder_t), holder_compare);
  return (status);
}


/* Fail a report whose holders could not be read. */
static int
holders_fail(cli_t        *cli,		/* I - Command context */
             inv_status_t status)	/* I - What holders_load returned */
{
  return (status == INV_ERROR && !invDbGetError(cliGetDb(cli))[0] ? cliFailNoMemory(cli)
                                                            : cliFailDb(cli, status));
}


/* State of writing the CSV. */
typedef struct csv_out_s
{
  FILE		*fp;
  char		id[32];
  const holders_t *holders;
} csv_out_t;


/* One row: the serials first..last of an item, with a masked NIK or "". */
static void
csv_range(csv_out_t               *c,	/* I - CSV being written */
          const inv_record_item_t *item,/* I - The item */
          int64_t                 first,/* I - First number */
          int64_t                 last,	/* I - Last number */
          const char              *nik)	/* I - Masked NIK or "" */
{
  char		from[INV_SERIAL_MAX], to[INV_SERIAL_MAX], count[32];
  const char	*row[7] = { c->id, from, to, count, item->state, item->reason, nik };

  invSerialFormat(item->range.prefix, item->range.width, first, from, sizeof(from));
  invSerialFormat(item->range.prefix, item->range.width, last, to, sizeof(to));
  snprintf(count, sizeof(count), "%" PRId64, last - first + 1);
  csv_row(c->fp, 7, row);
}


/* The index of the first holder whose serial sorts at or after text. */
static size_t
holder_lower_bound(const holders_t *h,	/* I - Holders, sorted */
                   const char      *text)/* I - Serial */
{
  size_t lo = 0, hi = h->count;

  while (lo < hi)
  {
    size_t mid = lo + (hi - lo) / 2;

    if (strcmp(h->list[mid].serial, text) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return (lo);
}


/* One item as rows of consecutive serials (a range per row, so that the
 * file grows with the ranges, not the serials); an invalid card printed
 * for a request gets a row of its own with its holder's NIK, masked. */
static void
csv_item(void *ctx, const inv_record_item_t *item)
{
  csv_out_t		*c = ctx;
  const holders_t	*h = c->holders;
  char			lo[INV_SERIAL_MAX], hi[INV_SERIAL_MAX];
  int64_t		from = item->range.first;
  inv_range_t		one;

  if (!strcmp(item->state, "invalid") && h->count)
  {
    /* Serials of one prefix and width sort as text as they do as numbers. */
    invSerialFormat(item->range.prefix, item->range.width, item->range.first, lo, sizeof(lo));
    invSerialFormat(item->range.prefix, item->range.width, item->range.last, hi, sizeof(hi));
    for (size_t i = holder_lower_bound(h, lo); i < h->count && strcmp(h->list[i].serial, hi) <= 0; i ++)
    {
      if (invSerialParse(h->list[i].serial, &one) != INV_OK || strcmp(one.prefix, item->range.prefix) ||
          one.width != item->range.width || one.first < from || one.first > item->range.last)
        continue;
      if (one.first > from)
        csv_range(c, item, from, one.first - 1, "");
      csv_range(c, item, one.first, one.first, h->list[i].nik);
      from = one.first + 1;
    }
  }
  if (from <= item->range.last)
    csv_range(c, item, from, item->range.last, "");
}


/* The CSV: every serial once, in rows of consecutive serials with their
 * origin and reason; an invalid printed card alone, with its masked NIK. */
static int
write_csv(cli_t *cli, const rep_record_t *v, const char *path)
{
  static const char * const header[7] = { "record", "first", "last", "count", "origin", "reason", "nik_masked" };
  csv_out_t	c;
  holders_t	h;
  inv_status_t	status;
  blanko_out_t	out;
  int		result;

  if ((status = holders_load(cli, v->record->id, &h)) != INV_OK)
  {
    free(h.list);
    return (holders_fail(cli, status));
  }
  if (repOutOpen(cli, &out, path) != CLI_OK)
  {
    free(h.list);
    return (CLI_REFUSED);
  }
  c.fp = out.fp;
  snprintf(c.id, sizeof(c.id), "%" PRId64, v->record->id);
  c.holders = &h;
  csv_row(c.fp, 7, header);
  status = invRecordItems(cliGetDb(cli), v->record->id, csv_item, &c);
  free(h.list);
  if (status != INV_OK)
  {
    result = cliFailDb(cli, status);
    repOutClose(cli, &out, invDbGetError(cliGetDb(cli)));
    return (result);
  }
  return (repOutClose(cli, &out, NULL));
}


/* The JSON: the record, its groups and ranges, the masked NIK of each
 * invalid card printed for a request (by serial), and the office. */
static int
write_json(cli_t *cli, const rep_record_t *v, const char *path)
{
  json_t	*obj, *niks;
  blanko_out_t	out;
  holders_t	h;
  inv_status_t	status;

  if ((status = holders_load(cli, v->record->id, &h)) != INV_OK)
  {
    free(h.list);
    return (holders_fail(cli, status));
  }
  obj = repRecordJson(v);
  niks = json_object();
  for (size_t i = 0; i < h.count; i ++)
    json_object_set_new(niks, h.list[i].serial, json_string(h.list[i].nik));
  free(h.list);
  json_object_set_new(obj, "nik_masked", niks);
  json_object_set_new(obj, "office", json_string(cliGetConfig(cli)->office));
  if (repOutOpen(cli, &out, path) != CLI_OK)
  {
    json_decref(obj);
    return (CLI_REFUSED);
  }
  json_dumpf(obj, out.fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  fputc('\n', out.fp);
  json_decref(obj);
  return (repOutClose(cli, &out, NULL));
}


/* Write the destruction record in a format. */
int
repDestruction(cli_t      *cli,		/* I - Command context */
               int64_t    id,		/* I - Record */
               const char *format,	/* I - pdf, csv or json */
               const char *lang,	/* I - id or en */
               const char *out)		/* I - File, "-" for standard output */
{
  rep_record_t		v;
  inv_status_t		status;
  int			result;
  const rpdf_module_t	*pw;

  if ((status = repRecordLoad(cliGetDb(cli), INV_RECORD_DESTRUCTION, id, &v)) != INV_OK)
  {
    repRecordFree(&v);
    return (status == INV_ERROR && !invDbGetError(cliGetDb(cli))[0] ? cliFailNoMemory(cli)
                                                                : cliFailDb(cli, status));
  }
  if (!strcmp(format, "csv"))
    result = write_csv(cli, &v, out);
  else if (!strcmp(format, "json"))
    result = write_json(cli, &v, out);
  else if (!strcmp(out, "-"))
    result = cliFail(cli, CLI_REFUSED, _("a PDF goes to a file, not standard output"));
  else if ((result = repPdfLoad(cli, &pw)) == CLI_OK)
    result = repDestructionPdf(cli, pw, &v, !strcmp(lang, "en"), out);
  repRecordFree(&v);
  return (result);
}
