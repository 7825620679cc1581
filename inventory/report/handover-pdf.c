/*
 * The handover record of a dispatch (berita acara serah terima, issue 14)
 * as an official PDF through the document engine (repDoc*): the office's
 * letterhead, the title and official number, the day and date in words, the
 * party that hands over (the dispatcher by full name, NIP and post) and the
 * place that receives, the count in words, the list of cards (serial,
 * holder's name, RT/RW, kelurahan and NIK masked to its last four digits)
 * and the signature blocks.  Residents' names and RT/RW appear here only:
 * never in events or logs; the file is made 0600 (blankoOutOpen).
 */

#include "report-private.h"
#include "blanko/date.h"
#include "blanko/distribution.h"
#include "blanko/request.h"
#include "blanko/words.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>


/* The record being built. */
typedef struct bast_s
{
  rep_doc_t		d;		/* The document */
  cli_t			*cli;		/* Command context */
  const blanko_config_t	*config;	/* The office */
  bool			lang_en;	/* English, else Indonesian */
  inv_handover_t	h;		/* The handover (strings in d's pool) */
  const char		*place_name;	/* The place's name, or its code */
  inv_kind_t		place_kind;	/* Kecamatan or kelurahan */
  const char		**rows;		/* Cells of the list, 6 a row */
  size_t		nrows, alloc;
  bool			failed;
} bast_t;


/* Keep the handover's row (its text copied into the document's pool). */
static void
bast_handover(void                 *ctx,	/* I - bast_t */
              const inv_handover_t *h)		/* I - Row */
{
  bast_t *b = ctx;

  b->h = *h;
  b->h.ref = repDocText(&b->d, "%s", h->ref);
  b->h.place = repDocText(&b->d, "%s", h->place);
  b->h.source = repDocText(&b->d, "%s", h->source);
  b->h.number = repDocText(&b->d, "%s", h->number);
  b->h.serials = repDocText(&b->d, "%s", h->serials);
  b->h.sender = repDocText(&b->d, "%s", h->sender);
  b->h.sender_via = repDocText(&b->d, "%s", h->sender_via);
  b->h.time = repDocText(&b->d, "%s", h->time);
}


/* Note that a handover exists. */
static void
bast_exists(void                 *ctx,	/* I - bool */
            const inv_handover_t *h)	/* I - Row */
{
  (void)h;
  *(bool *)ctx = true;
}


/* Keep the place's name. */
static void
bast_account(void                *ctx,	/* I - bast_t */
             const inv_account_t *a)	/* I - An account */
{
  bast_t *b = ctx;

  if (!strcmp(a->code, b->h.place))
  {
    b->place_name = repDocText(&b->d, "%s", a->name[0] ? a->name : a->code);
    b->place_kind = a->kind;
  }
}


/* One card's holder: a row of the list. */
static void
bast_holder(void                *ctx,	/* I - bast_t */
            const inv_request_t *r)	/* I - The request printed on the card */
{
  bast_t	*b = ctx;
  json_t	*fields = json_loads(r->fields, 0, NULL);
  char		masked[32];
  const char	**c;

  if (b->nrows + 1 >= b->alloc)
  {
    size_t n = b->alloc ? 2 * b->alloc : 64;
    const char **rows = realloc(b->rows, n * 6 * sizeof(char *));

    if (!rows)
    {
      b->failed = true;
      json_decref(fields);
      return;
    }
    b->rows = rows;
    b->alloc = n;
  }
  c = b->rows + 6 * (b->nrows + 1);
  repMaskNik(r->nik, masked, sizeof(masked));
  c[0] = repDocText(&b->d, "%zu", b->nrows + 1);
  c[1] = repDocText(&b->d, "%s", r->serial);
  c[2] = repDocText(&b->d, "%s", r->name);
  c[3] = repDocText(&b->d, "%s", masked);
  c[4] = repDocText(&b->d, "%s", json_string_value(json_object_get(fields, "rt_rw")) ?: "-");
  c[5] = repDocText(&b->d, "%s", json_string_value(json_object_get(fields, "village")) ?: "-");
  b->nrows ++;
  json_decref(fields);
}


/* The list of cards: each serial of the handover with its holder. */
static void
bast_list(bast_t *b)			/* I - Record being built */
{
  static const double	widths[6] = { 10, 30, 52, 30, 16, 36 };
  inv_list_t		*list = invListNew();
  rpdf_block_t		*t;

  if (!list || invListParse(list, b->h.serials) != INV_OK)
  {
    b->failed = true;
    invListDelete(list);
    return;
  }
  for (size_t i = 0; i < invListGetCount(list) && !b->failed; i ++)
  {
    const inv_range_t *r = invListGetRange(list, i);

    for (int64_t n = r->first; n <= r->last && !b->failed; n ++)
    {
      char	serial[INV_SERIAL_MAX];
      bool	found = false;
      size_t	before = b->nrows;

      invSerialFormat(r->prefix, r->width, n, serial, sizeof(serial));
      if (invRequestGetBySerial(cliGetDb(b->cli), serial, bast_holder, b, &found) != INV_OK)
        b->failed = true;
      else if (!found || b->nrows == before)	/* a card with no request: its serial alone */
      {
        inv_request_t none = { 0 };

        none.nik = "";
        none.name = "-";
        none.fields = "{}";
        none.serial = serial;
        bast_holder(b, &none);
      }
    }
  }
  invListDelete(list);
  if (b->failed || !b->rows)
  {
    b->failed = true;
    return;
  }
  b->rows[0] = _("No.");
  b->rows[1] = _("Serial");
  b->rows[2] = _("Name");
  b->rows[3] = _("NIK");
  b->rows[4] = _("RT/RW");
  b->rows[5] = _("Kelurahan");
  t = repDocAdd(&b->d, RPDF_TABLE);
  t->ncols = 6;
  t->widths = widths;
  t->aligns = "rlllcl";
  t->grid = true;
  t->small = true;
  t->head = 1;
  t->nrows = b->nrows + 1;
  t->cells = b->rows;
}


/* The head, the parties and the wording. */
static void
bast_body(bast_t *b)			/* I - Record being built */
{
  static const double	widths[4] = { 8, 22, 4, 136 };
  const char		*place = b->place_kind == INV_KIND_KECAMATAN ? _("District office (kecamatan)")
							  : _("Village office (kelurahan/desa)");
  inv_person_t		p;
  rpdf_block_t		*t;
  const char		**c;
  struct tm		tm;
  char			zone[16], day[INV_WORDS_MAX], year[INV_WORDS_MAX];
  const char		*weekday;

  b->d.doc.kop[0] = repDocUpper(&b->d, b->config->government);
  b->d.doc.kop[1] = repDocUpper(&b->d, b->config->office);
  b->d.doc.kop[2] = b->config->address;
  b->d.doc.footer = repDocText(&b->d, _("Handover number %s"), b->h.number);
  b->d.doc.page = _("Page");
  b->d.doc.of = _("of");

  t = repDocAdd(&b->d, RPDF_TITLE);
  t->text = repDocText(&b->d, "%s\n%s", _("RECORD OF HANDOVER"), _("OF PRINTED KTP-EL CARDS"));
  t = repDocAdd(&b->d, RPDF_PARA);
  t->align = RPDF_CENTRE;
  t->text = repDocText(&b->d, _("Number: %s"), b->h.number);
  repDocAdd(&b->d, RPDF_SPACE)->mm = 3;

  if (invDateToLocal(b->h.time, &tm, zone, sizeof(zone)))
  {
    repDocDayWords(&tm, b->lang_en, &weekday, day, year);
    repDocPara(&b->d, RPDF_JUSTIFY,
               repDocText(&b->d, _("On this day, %s, day %s of the month of %s of the year %s, we the undersigned:"),
                          weekday, day, repDocMonth(tm.tm_mon + 1), year));
  }

  repDocOfficial(b->cli, b->h.sender, b->h.sender_via, &p);
  t = repDocAdd(&b->d, RPDF_TABLE);
  t->ncols = 4;
  t->widths = widths;
  t->nrows = 8;
  t->keep = true;
  t->cells = c = repDocCells(&b->d, 32);
  if (c)
  {
    repDocParty(&b->d, c, "1.", &p, _("hereinafter called THE FIRST PARTY (who hands over);"));
    c[16] = "2.";
    c[17] = _("Name");
    c[18] = ":";
    c[19] = "..............................................";
    c[21] = _("Office");
    c[22] = ":";
    c[23] = strcmp(b->place_name, b->h.place) ? repDocText(&b->d, "%s (%s)", b->place_name, b->h.place)
                                              : repDocText(&b->d, "%s %s", place, b->h.place);
    c[27] = "";
    c[31] = _("hereinafter called THE SECOND PARTY (who receives).");
    for (int i = 0; i < 32; i ++)
      if (!c[i])
        c[i] = "";
  }
  repDocPara(&b->d, RPDF_JUSTIFY,
             repDocText(&b->d, _("THE FIRST PARTY hands over to THE SECOND PARTY, and THE SECOND PARTY receives, "
                                 "%s printed KTP-el cards under reference %s, for handing to their holders, as "
                                 "listed below. The NIK of each holder is shown by its last four digits only."),
                        repDocCount(&b->d, b->h.count, b->lang_en), b->h.ref));
}


/* The signature blocks: the receiving place, the dispatcher and the head. */
static void
bast_signatures(bast_t *b)		/* I - Record being built */
{
  const blanko_config_t	*config = b->config;
  inv_person_t		p;
  rpdf_block_t		*t;
  const char		**c;
  struct tm		tm;
  char			zone[16];

  repDocOfficial(b->cli, b->h.sender, b->h.sender_via, &p);
  repDocPara(&b->d, RPDF_JUSTIFY, _("This Record is made truthfully, to be used as is proper."));
  repDocAdd(&b->d, RPDF_SPACE)->mm = 2;
  if (invDateToLocal(b->h.time, &tm, zone, sizeof(zone)))
    repDocPlaceDate(&b->d, config->city, &tm);
  t = repDocAdd(&b->d, RPDF_SIGNS);
  t->ncols = 2;
  t->nrows = 2;
  t->cells = c = repDocCells(&b->d, 6);
  if (c)
  {
    c[0] = _("THE SECOND PARTY (receives),");
    c[1] = "..............................";
    c[2] = _("NIP ....................");
    c[3] = _("THE FIRST PARTY (hands over),");
    c[4] = repDocText(&b->d, "%s", p.full_name);
    c[5] = repDocText(&b->d, _("NIP %s"), p.nip[0] ? p.nip : "-");
  }
  repDocHeadSign(&b->d, config);
}


/* Write the PDF of a handover (by reference) with the PDF writer pw into
 * an output file already open, and close it (removed on failure when this
 * command made it). */
int
repHandoverPdfTo(cli_t               *cli,	/* I - Command context */
                 const rpdf_module_t *pw,	/* I - PDF writer */
                 const char          *ref,	/* I - Handover reference */
                 bool                lang_en,	/* I - English, else Indonesian */
                 blanko_out_t        *out)	/* I - Open output file */
{
  bast_t	b;
  rep_lang_t	saved;
  char		error[256];
  const char	*why = NULL;
  inv_status_t	status;
  int		result;

  memset(&b, 0, sizeof(b));
  repDocInit(&b.d);
  b.cli = cli;
  b.config = cliGetConfig(cli);
  b.lang_en = lang_en;
  if ((status = invHandoverGet(cliGetDb(cli), ref, 0, bast_handover, &b)) != INV_OK ||
      (status = invAccountList(cliGetDb(cli), bast_account, &b)) != INV_OK)
  {
    snprintf(error, sizeof(error), "%s", invDbGetError(cliGetDb(cli)));
    repDocFree(&b.d);
    return (repOutClose(cli, out, error));
  }
  if (!b.place_name)
    b.place_name = b.h.place;
  repDocLangBegin(&saved, lang_en);
  bast_body(&b);
  bast_list(&b);
  bast_signatures(&b);
  if (b.failed || b.d.failed)
    why = _("out of memory, or a card's serial could not be read");
  else if (!repDocWrite(&b.d, pw, out->fp, error, sizeof(error)))
    why = error;
  repDocLangEnd(&saved);
  result = repOutClose(cli, out, why);
  repDocFree(&b.d);
  free(b.rows);
  return (result);
}


/* The PDF of a handover (by reference), written with the PDF writer pw. */
int
repHandoverPdf(cli_t               *cli,	/* I - Command context */
               const rpdf_module_t *pw,		/* I - PDF writer */
               const char          *ref,	/* I - Handover reference */
               bool                lang_en,	/* I - English, else Indonesian */
               const char          *path)	/* I - Output file */
{
  blanko_out_t	out;
  bool		found = false;

  if (invHandoverGet(cliGetDb(cli), ref, 0, bast_exists, &found) != INV_OK)
    return (cliFailDb(cli, INV_REFUSED));
  if (repOutOpen(cli, &out, path) != CLI_OK)
    return (CLI_REFUSED);
  return (repHandoverPdfTo(cli, pw, ref, lang_en, &out));
}


/* Write the handover record of a dispatch (by reference) as a PDF. */
int
repHandover(cli_t      *cli,		/* I - Command context */
            const char *ref,		/* I - Handover reference */
            const char *lang,		/* I - "id" or "en" */
            const char *out)		/* I - Output file */
{
  const rpdf_module_t	*pw;
  int			result;

  if (!out || !strcmp(out, "-"))
    return (cliFail(cli, CLI_REFUSED, _("a PDF goes to a file, not standard output")));
  if ((result = repPdfLoad(cli, &pw)) != CLI_OK)
    return (result);
  return (repHandoverPdf(cli, pw, ref, !strcmp(lang, "en"), out));
}
