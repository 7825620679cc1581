/*
 * A temporary certificate (surat keterangan, "suket", issue 15) as an A4
 * PDF through the document engine (repDoc*): the office's letterhead, the
 * title and official number, the resident's data from the card request,
 * the statement that the card is being made, the validity ("berlaku
 * sampai"), the sealed payload (SKT1, made by the caller with the office's
 * key) in the seal box as text and as a QR code, and the head of office's
 * signature.  The
 * resident's data appears here only: the file is made 0600 (blankoOutOpen).
 */

#include "report-private.h"
#include "blanko/date.h"
#include "blanko/request.h"
#include "blanko/suket.h"

#include <stdlib.h>
#include <string.h>


typedef struct skt_s			/* The certificate being built */
{
  rep_doc_t	d;			/* The document */
  inv_suket_t	s;			/* The suket (strings in d's pool) */
  bool		found, have_request;
  const char	*name, *nik, *fields;	/* The resident (in d's pool) */
} skt_t;


/* Keep the suket's row. */
static void
skt_suket(void              *ctx,	/* I - skt_t */
          const inv_suket_t *s)		/* I - Row */
{
  skt_t *k = ctx;

  k->found = true;
  k->s = *s;
  k->s.number = repDocText(&k->d, "%s", s->number);
  k->s.issued = repDocText(&k->d, "%s", s->issued);
  k->s.valid_until = repDocText(&k->d, "%s", s->valid_until);
  k->s.state = repDocText(&k->d, "%s", s->state);
}


/* Keep the resident's data from the request. */
static void
skt_request(void                *ctx,	/* I - skt_t */
            const inv_request_t *r)	/* I - Request */
{
  skt_t *k = ctx;

  k->have_request = true;
  k->name = repDocText(&k->d, "%s", r->name);
  k->nik = repDocText(&k->d, "%s", r->nik);
  k->fields = repDocText(&k->d, "%s", r->fields ? r->fields : "{}");
}


/* Lay the certificate out. */
static void
skt_body(skt_t                 *k,	/* I - Certificate */
         const blanko_config_t *config,	/* I - The office */
         const char            *payload)/* I - Sealed payload */
{
  static const double	widths[3] = { 46, 4, 120 };
  static const char * const labels[] =
  { N_("Name"), N_("NIK"), N_("Place/date of birth"), N_("Sex"), N_("Address"), N_("RT/RW"), N_("Kelurahan/desa"),
    N_("Kecamatan") };
  json_t		*f = json_loads(k->fields, 0, NULL);
  const char		*v[8], **c;
  rpdf_block_t		*t;
  inv_date_t		bd;
  char			why[64];

#define FIELD(n) (json_string_value(json_object_get(f, n)) ?: "-")
  v[0] = k->name;
  v[1] = k->nik;
  v[2] = invDateParse(FIELD("birth_date"), 0, &bd, why, sizeof(why)) ?
         repDocText(&k->d, "%s, %s", FIELD("birth_place"), repDocDate(&k->d, FIELD("birth_date"))) :
         repDocText(&k->d, "%s, %s", FIELD("birth_place"), FIELD("birth_date"));
  v[3] = repDocText(&k->d, "%s", FIELD("sex"));
  v[4] = repDocText(&k->d, "%s", FIELD("address"));
  v[5] = repDocText(&k->d, "%s", FIELD("rt_rw"));
  v[6] = repDocText(&k->d, "%s", FIELD("village"));
  v[7] = repDocText(&k->d, "%s", FIELD("district"));
#undef FIELD
  json_decref(f);

  k->d.doc.kop[0] = repDocUpper(&k->d, config->government);
  k->d.doc.kop[1] = repDocUpper(&k->d, config->office);
  k->d.doc.kop[2] = config->address;
  k->d.doc.footer = repDocText(&k->d, _("Temporary certificate number %s"), k->s.number);
  k->d.doc.page = _("Page");
  k->d.doc.of = _("of");

  t = repDocAdd(&k->d, RPDF_TITLE);
  t->text = repDocText(&k->d, "%s\n%s", _("CERTIFICATE"), _("IN PLACE OF THE KTP-EL"));
  t = repDocAdd(&k->d, RPDF_PARA);
  t->align = RPDF_CENTRE;
  t->text = repDocText(&k->d, _("Number: %s"), k->s.number);
  repDocAdd(&k->d, RPDF_SPACE)->mm = 3;
  repDocPara(&k->d, RPDF_JUSTIFY, repDocText(&k->d, _("The undersigned, %s of %s, certifies that:"),
                                             config->head_post[0] ? config->head_post : _("the head"), config->office));
  t = repDocAdd(&k->d, RPDF_TABLE);
  t->ncols = 3;
  t->widths = widths;
  t->nrows = 8;
  t->keep = true;
  t->cells = c = repDocCells(&k->d, 24);
  if (c)
    for (int i = 0; i < 8; i ++)
    {
      c[3 * i] = _(labels[i]);
      c[3 * i + 1] = ":";
      c[3 * i + 2] = v[i] ? v[i] : "-";
    }
  repDocPara(&k->d, RPDF_JUSTIFY,
             repDocText(&k->d, _("is a resident whose electronic identity card (KTP-el) has been recorded and is being "
                                 "made (card request #%lld). This certificate stands in for the KTP-el until the card is "
                                 "handed over, and is taken back then."), (long long)k->s.request));
  repDocPara(&k->d, RPDF_JUSTIFY, repDocText(&k->d, _("Valid until: %s"), repDocDate(&k->d, k->s.valid_until)));
  t = repDocAdd(&k->d, RPDF_BOX);
  t->text = _("Seal");
  t->nrows = 1;
  t->cells = c = repDocCells(&k->d, 2);
  if (c)
  {
    c[0] = _("Sealed payload");
    c[1] = repDocText(&k->d, "%s", payload);
  }
  t->note = _("Check it with: printctl verify-qr PAYLOAD");
  t->qr = payload;
  repDocAdd(&k->d, RPDF_SPACE)->mm = 2;
  repDocPara(&k->d, RPDF_RIGHT, repDocText(&k->d, "%s, %s", config->city, repDocDate(&k->d, k->s.issued)));
  t = repDocAdd(&k->d, RPDF_SIGNS);
  t->ncols = 1;
  t->nrows = 1;
  t->cells = c = repDocCells(&k->d, 3);
  if (c)
  {
    c[0] = repDocText(&k->d, "%s", config->head_post[0] ? config->head_post : _("Head of office"));
    c[1] = repDocText(&k->d, "%s", config->head_name[0] ? config->head_name : "..............................");
    c[2] = config->head_nip[0] ? repDocText(&k->d, _("NIP %s"), config->head_nip) : "";
  }
}


/* Write the PDF of a suket with the PDF writer pw into an output file
 * already open, and close it (removed on failure when this command made it). */
int
repSuketPdfTo(cli_t               *cli,	/* I - Command context */
              const rpdf_module_t *pw,	/* I - PDF writer */
              int64_t             id,	/* I - Suket id */
              const char          *payload,	/* I - Its sealed payload */
              blanko_out_t        *out)	/* I - Open output file */
{
  skt_t		k;
  rep_lang_t	saved;
  char		error[256];
  const char	*why = NULL;
  inv_status_t	status;
  int		result;

  memset(&k, 0, sizeof(k));
  repDocInit(&k.d);
  if ((status = invSuketGet(cliGetDb(cli), id, skt_suket, &k, NULL)) != INV_OK ||
      (k.found && (status = invRequestGet(cliGetDb(cli), k.s.request, skt_request, &k)) != INV_OK))
  {
    snprintf(error, sizeof(error), "%s", invDbGetError(cliGetDb(cli)));
    repDocFree(&k.d);
    return (repOutClose(cli, out, error));
  }
  if (!k.found || !k.have_request)
  {
    repDocFree(&k.d);
    return (repOutClose(cli, out, _("no such suket")));
  }
  repDocLangBegin(&saved, false);
  skt_body(&k, cliGetConfig(cli), payload);
  if (k.d.failed)
    why = _("out of memory");
  else if (!repDocWrite(&k.d, pw, out->fp, error, sizeof(error)))
    why = error;
  repDocLangEnd(&saved);
  result = repOutClose(cli, out, why);
  repDocFree(&k.d);
  return (result);
}
