/*
 * report destruction: the destruction record (berita acara pemusnahan) as
 * PDF (Indonesian, or English with --lang en), CSV (every serial with its
 * origin and reason) or JSON.
 *
 * The Indonesian text of the PDF is the legal form of the record and is
 * written here, and so is the English text: a report is in exactly the
 * language asked for (--lang), whatever the user's locale, so neither goes
 * through gettext.
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

#define T(en, id)	(lang_en ? (en) : (id))


/* A word of the record (method, reason, origin) in the report's language. */
static const char *
word(bool lang_en, const char *w)
{
  static const char * const words[][3] =
  {
    { "incineration", "incineration", "pembakaran" },
    { "shredding", "shredding", "pencacahan" },
    { "punching", "punching", "pelubangan" },
    { "returned", "returned", "dikembalikan" },
    { "damaged", "damaged", "rusak" },
    { "superseded", "superseded", "diganti (cetak ulang)" },
    { "wrong-data", "wrong data", "salah data" },
    { "found", "found again", "ditemukan kembali" },
    { "spoiled", "spoiled blank", "blangko rusak" },
    { "invalid", "invalid card", "KTP-el tidak valid" },
    { "prepared", "prepared", "disiapkan" },
    { "approved", "approved", "disetujui" },
    { "executed", "executed", "dilaksanakan" },
    { "cancelled", "cancelled", "dibatalkan" }
  };

  for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i ++)
    if (!strcmp(w, words[i][0]))
      return (lang_en ? words[i][1] : words[i][2]);
  return (w);
}


/* A ledger time as the office's "DD-MM-YYYY HH:MM WIB" (a date alone,
   YYYY-MM-DD, as "DD-MM-YYYY"). */
static const char *
when(const char *iso, char *buf, size_t bufsize)
{
  struct tm	tm;
  char		zone[16], text[32];

  if (!iso || strlen(iso) < 10)
    snprintf(buf, bufsize, "-");
  else if (invDateToLocal(iso, &tm, zone, sizeof(zone)))
  {
    strftime(text, sizeof(text), "%d-%m-%Y %H:%M", &tm);
    snprintf(buf, bufsize, "%s %s", text, zone);
  }
  else
    snprintf(buf, bufsize, "%.2s-%.2s-%.4s", iso + 8, iso + 5, iso);
  return (buf);
}


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


/* The destruction record's PDF being written (write_pdf and its steps). */
typedef struct bap_s
{
  const rpdf_module_t	*pw;		/* PDF writer */
  rpdf_t		*pdf;		/* The PDF */
  const rep_record_t	*v;		/* The record with its serials */
  const inv_record_t	*r;		/* ... the record itself */
  const char		*office;	/* The office */
  bool			lang_en;	/* English, else Indonesian */
  bool			sealed;		/* Executed, so sealed */
  const char		*title;		/* The record's title */
  char			number[64],	/* "BAP-000001" */
			line[96];	/* "Number: BAP-000001" */
  json_t		*witnesses;	/* Witnesses, "name; position; id number" */
  size_t		nw,		/* How many */
			nranges;	/* Ranges of serials */
  char			**ranges;	/* The ranges as text */
  const char		**caps,		/* Captions of the signatures */
			**names;	/* Names under them */
  char			(*capbuf)[64];	/* The witnesses' captions */
} bap_t;


/* Prepare a record's PDF: what it says, and room for its lists; false
 * when out of memory (free with bap_free either way). */
static bool
bap_init(bap_t               *b,	/* O - PDF to write */
         cli_t               *cli,	/* I - Command context */
         const rpdf_module_t *pw,	/* I - PDF writer */
         const rep_record_t  *v,	/* I - The record */
         bool                lang_en)	/* I - English, else Indonesian */
{
  memset(b, 0, sizeof(*b));
  b->pw = pw;
  b->v = v;
  b->r = v->record;
  b->office = cliGetConfig(cli)->office;
  b->lang_en = lang_en;
  b->sealed = !strcmp(b->r->state, "executed");
  b->title = b->sealed ? T("RECORD OF THE DESTRUCTION OF KTP-EL CARDS", "BERITA ACARA PEMUSNAHAN BLANGKO KTP-EL")
                       : T("DRAFT RECORD OF THE DESTRUCTION OF KTP-EL CARDS (NOT EXECUTED)",
                           "DRAF BERITA ACARA PEMUSNAHAN BLANGKO KTP-EL (BELUM DILAKSANAKAN)");
  snprintf(b->number, sizeof(b->number), "BAP-%06" PRId64, b->r->id);
  snprintf(b->line, sizeof(b->line), T("Number: %s", "Nomor: %s"), b->number);
  b->witnesses = json_loads(b->r->witnesses, 0, NULL);
  b->nw = json_array_size(b->witnesses);
  b->nranges = invListGetCount(v->all);
  b->ranges = calloc(b->nranges + 1, sizeof(char *));
  b->caps = calloc(b->nw + 3, sizeof(char *));
  b->names = calloc(b->nw + 3, sizeof(char *));
  b->capbuf = calloc(b->nw + 3, 64);
  return (b->ranges && b->caps && b->names && b->capbuf);
}


/* Free what bap_init and the steps allocated. */
static void
bap_free(bap_t *b)			/* I - PDF written */
{
  for (size_t i = 0; b->ranges && i < b->nranges; i ++)
    free(b->ranges[i]);
  free(b->ranges), free(b->caps), free(b->names), free(b->capbuf);
  json_decref(b->witnesses);
}


/* The opening paragraph: what was destroyed, or what is to be. */
static void
bap_opening(const bap_t *b)		/* I - PDF being written */
{
  const inv_record_t	*r = b->r;
  bool			lang_en = b->lang_en;
  char			text[2048], d1[64];

  if (b->sealed)
    snprintf(text, sizeof(text),
             T("On %s, at %s, %" PRId64 " spoiled blanks and invalid KTP-el cards were destroyed by %s before the "
               "witnesses named below, as listed in this record.",
               "Pada %s, bertempat di %s, telah dimusnahkan %" PRId64 " keping blangko rusak dan KTP-el tidak valid "
               "dengan cara %s di hadapan para saksi yang tersebut di bawah ini, dengan rincian sebagai berikut."),
             when(r->executed, d1, sizeof(d1)), r->place, r->count, word(lang_en, r->method));
  else
    snprintf(text, sizeof(text),
             T("This record is %s and not yet executed: %" PRId64 " cards are to be destroyed by %s at %s.",
               "Berita acara ini berstatus %s dan belum dilaksanakan: %" PRId64 " keping akan dimusnahkan dengan cara "
               "%s di %s."),
             word(lang_en, r->state), r->count, word(lang_en, r->method), r->place);
  b->pw->space(b->pdf, 2);
  b->pw->text(b->pdf, text);
}


/* A field "NAME (when)" of one of the record's people, "NAME (via root)
 * (when)" when another account acted for them. */
static void
bap_person(const bap_t *b,		/* I - PDF being written */
           const char  *label,		/* I - The field's label */
           const char  *name,		/* I - The person */
           const char  *via,		/* I - The account that acted for them, or "" */
           const char  *time)		/* I - When they did it */
{
  char text[2048], d1[64], who[160];

  snprintf(text, sizeof(text), "%s (%s)", repPerson(b->lang_en, name, via, who, sizeof(who)),
           when(time, d1, sizeof(d1)));
  b->pw->field(b->pdf, label, text);
}


/* The particulars: office, number, state, dates, place, method, people. */
static void
bap_particulars(const bap_t *b)		/* I - PDF being written */
{
  const rpdf_module_t	*pw = b->pw;
  const inv_record_t	*r = b->r;
  bool			lang_en = b->lang_en;
  char			text[2048], d1[64], d2[64];

  pw->heading(b->pdf, T("Particulars", "Keterangan"));
  pw->field(b->pdf, T("Office", "Kantor"), b->office);
  pw->field(b->pdf, T("Record number", "Nomor berita acara"), b->number);
  pw->field(b->pdf, T("State", "Status"), word(lang_en, r->state));
  pw->field(b->pdf, T("Date of destruction", "Tanggal pemusnahan"), when(r->executed[0] ? r->executed : NULL, d1, sizeof(d1)));
  pw->field(b->pdf, T("Planned date", "Rencana tanggal"), r->planned[0] ? when(r->planned, d2, sizeof(d2)) : "-");
  pw->field(b->pdf, T("Place", "Tempat"), r->place);
  pw->field(b->pdf, T("Method", "Cara pemusnahan"), word(lang_en, r->method));
  snprintf(text, sizeof(text), "%" PRId64, r->count);
  pw->field(b->pdf, T("Number of cards", "Jumlah keping"), text);
  bap_person(b, T("Prepared by", "Disiapkan oleh"), r->preparer, r->preparer_via, r->prepared);
  bap_person(b, T("Approved by", "Disetujui oleh"), r->approver[0] ? r->approver : "-", r->approver_via, r->approved);
  if (r->executor[0])
    bap_person(b, T("Executed by", "Dilaksanakan oleh"), r->executor, r->executor_via, r->executed);
}


/* The table of cards by origin and reason, with the total. */
static void
bap_reasons(const bap_t *b)		/* I - PDF being written */
{
  static const double	cw[3] = { 60, 80, 34 };
  bool			lang_en = b->lang_en;
  const rep_record_t	*v = b->v;
  char			count[32];
  const char		*head[3] = { T("Origin", "Asal"), T("Reason", "Alasan"), T("Cards", "Jumlah") };

  repPdfTable(b->pw, b->pdf, T("Cards by reason", "Jumlah menurut alasan"), 3, cw, head);
  for (size_t i = 0; i < v->ngroups; i ++)
  {
    const char *row[3] = { word(lang_en, v->groups[i].state), word(lang_en, v->groups[i].reason), count };

    snprintf(count, sizeof(count), "%" PRId64, invListGetSerialCount(v->groups[i].serials));
    b->pw->row(b->pdf, 3, cw, row, false);
  }
  snprintf(count, sizeof(count), "%" PRId64, b->r->count);
  {
    const char *total[3] = { T("Total", "Jumlah seluruhnya"), "", count };

    b->pw->row(b->pdf, 3, cw, total, true);
  }
}


/* Every range of serials, in four columns. */
static void
bap_serials(bap_t *b)			/* I - PDF being written */
{
  bool	lang_en = b->lang_en;
  char	text[128];

  snprintf(text, sizeof(text), T(b->nranges == 1 ? "Serial numbers (%zu range)" : "Serial numbers (%zu ranges)",
                                  "Daftar nomor seri (%zu rentang)"), b->nranges);
  b->pw->heading(b->pdf, text);
  for (size_t i = 0; i < b->nranges; i ++)
  {
    char one[INV_RANGE_MAX];

    b->ranges[i] = strdup(invRangeFormat(invListGetRange(b->v->all, i), one, sizeof(one)));
  }
  b->pw->flow(b->pdf, 4, (const char *const *)b->ranges, b->nranges);
}


/* Split a witness "name; position; id number" into its three parts. */
static void
witness_parts(const char *s,		/* I - The witness, or NULL */
              char       parts[3][256])	/* O - Name, position, id number */
{
  for (int k = 0; k < 3 && s; k ++)
  {
    size_t len = strcspn(s, ";");

    snprintf(parts[k], sizeof(parts[k]), "%.*s", (int)len, s);
    s += len;
    s += (*s == ';') + (*s == ';' && s[1] == ' ');
  }
}


/* The table of witnesses, or that there are none yet. */
static void
bap_witnesses(const bap_t *b)		/* I - PDF being written */
{
  static const double	ww[4] = { 10, 64, 52, 48 };
  bool			lang_en = b->lang_en;
  const char		*head[4] = { T("No.", "No."), T("Name", "Nama"), T("Position", "Jabatan"),
                                     T("Identity number", "Nomor identitas") };
  size_t		i;
  json_t		*one;

  if (!b->nw)
  {
    b->pw->heading(b->pdf, T("Witnesses", "Saksi-saksi"));
    b->pw->text(b->pdf, T("None yet: the record has not been executed.", "Belum ada: berita acara belum dilaksanakan."));
    return;
  }
  repPdfTable(b->pw, b->pdf, T("Witnesses", "Saksi-saksi"), 4, ww, head);
  json_array_foreach(b->witnesses, i, one)
  {
    char	parts[3][256] = { "", "", "" }, no[24];
    const char	*row[4] = { no, parts[0], parts[1], parts[2] };

    witness_parts(json_string_value(one), parts);
    snprintf(no, sizeof(no), "%zu", i + 1);
    b->pw->row(b->pdf, 4, ww, row, false);
  }
}


/* The signatures: preparer, approver, executor and every witness. */
static void
bap_signatures(bap_t *b)		/* I - PDF being written */
{
  const inv_record_t	*r = b->r;
  bool			lang_en = b->lang_en;
  int			nsig = 0;

  b->pw->heading(b->pdf, T("Signatures", "Tanda tangan"));
  b->caps[nsig] = T("Prepared by", "Yang menyiapkan");
  b->names[nsig ++] = r->preparer;
  b->caps[nsig] = T("Approved by", "Yang menyetujui");
  b->names[nsig ++] = r->approver[0] ? r->approver : "";
  b->caps[nsig] = T("Executed by", "Yang melaksanakan");
  b->names[nsig ++] = r->executor[0] ? r->executor : "";
  for (size_t i = 0; i < b->nw; i ++)
  {
    const char *s = json_string_value(json_array_get(b->witnesses, i));

    snprintf(b->capbuf[i], 64, T("Witness %zu", "Saksi %zu"), i + 1);
    b->caps[nsig] = b->capbuf[i];
    b->names[nsig ++] = s ? s : "";
  }
  b->pw->signatures(b->pdf, nsig, b->caps, b->names);
}


/* The seal: the record's hash and the chain head it was sealed at. */
static void
bap_seal(const bap_t *b)		/* I - PDF being written */
{
  const rpdf_module_t	*pw = b->pw;
  const inv_record_t	*r = b->r;
  bool			lang_en = b->lang_en;
  char			text[2048];

  pw->heading(b->pdf, T("Seal", "Segel"));
  if (!b->sealed)
  {
    pw->text(b->pdf, T("Not sealed: the record has not been executed.", "Belum disegel: berita acara belum dilaksanakan."));
    return;
  }
  pw->field_code(b->pdf, T("Record hash (SHA-256)", "Hash berita acara (SHA-256)"), r->hash);
  pw->field_code(b->pdf, T("Event chain head at sealing", "Kepala rantai peristiwa saat disegel"), r->head);
  snprintf(text, sizeof(text), "%" PRId64, r->seal_event);
  pw->field(b->pdf, T("Sealing event", "Peristiwa penyegelan"), text);
  if (b->v->signed_)
  {
    /* The head signed with the service's key (anchor.c): a copy of this
       page kept off the machine catches a ledger rewritten later. */
    pw->field_code(b->pdf, T("Signed by key", "Ditandatangani dengan kunci"), b->v->anchor.keyid);
    snprintf(text, sizeof(text), "%.64s", b->v->anchor.sig);
    pw->field_code(b->pdf, T("Signature (1/2)", "Tanda tangan (1/2)"), text);
    pw->field_code(b->pdf, T("Signature (2/2)", "Tanda tangan (2/2)"), b->v->anchor.sig + 64);
    pw->field(b->pdf, T("Signed at", "Ditandatangani"), when(b->v->anchor.time, text, sizeof(text)));
  }
  snprintf(text, sizeof(text),
           T("The hash covers the whole record: every range with its origin and reason, the people, the witnesses "
             "and the times. 'inventory destroy show %" PRId64 "' recomputes it and compares it with the ledger.",
             "Hash mencakup seluruh isi berita acara: setiap rentang nomor seri beserta asal dan alasannya, para "
             "petugas, para saksi dan waktunya. Perintah 'inventory destroy show %" PRId64 "' menghitungnya ulang "
             "dan membandingkannya dengan buku besar."), r->id);
  pw->small(b->pdf, text);
}


/* The PDF: the official record, written with the PDF writer pw. */
static int
write_pdf(cli_t               *cli,	/* I - Command context */
          const rpdf_module_t *pw,	/* I - PDF writer */
          const rep_record_t  *v,	/* I - The record */
          bool                lang_en,	/* I - English, else Indonesian */
          const char          *path)	/* I - Output file */
{
  bap_t		b;
  blanko_out_t	out;
  char		error[256];
  const char	*why = NULL;

  if (!bap_init(&b, cli, pw, v, lang_en))
  {
    bap_free(&b);
    return (cliFailNoMemory(cli));
  }
  if (repOutOpen(cli, &out, path) != CLI_OK)
  {
    bap_free(&b);
    return (CLI_REFUSED);
  }
  if ((b.pdf = repPdfStart(cli, pw, out.fp, b.title, b.line, error, sizeof(error), "%s  \xe2\x80\x94  %.16s", b.number,
                           b.r->hash[0] ? b.r->hash : T("not sealed", "belum disegel"))) == NULL)
    why = error;
  else
  {
    bap_opening(&b);
    bap_particulars(&b);
    bap_reasons(&b);
    bap_serials(&b);
    bap_witnesses(&b);
    bap_signatures(&b);
    bap_seal(&b);
    if (!pw->finish(b.pdf, error, sizeof(error)))
      why = error;
  }
  bap_free(&b);
  return (repOutClose(cli, &out, why));
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
    result = write_pdf(cli, pw, &v, !strcmp(lang, "en"), out);
  repRecordFree(&v);
  return (result);
}
