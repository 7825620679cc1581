/*
 * printctl receipt NIK -o FILE.pdf: the slip the recording desk hands a
 * resident: the office, the request number and date, and the code for the
 * resident's page (printctl serve).  Nothing else about the resident: not
 * the name, not the NIK.  A request made before codes existed is given one
 * (the only write).  cairo draws it after the group is given up.
 */

#include "commands.h"
#include "blanko/access.h"
#include "blanko/date.h"
#include "blanko/outfile.h"
#include "blanko/privilege.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <stdio.h>
#include <string.h>

#define MM(x) ((x) * 72.0 / 25.4)	/* Millimetres in PDF points */

/* Options of the command. */
const struct option cmdReceiptOptions[] =
{
  { "output", required_argument, NULL, 'o' | CLI_SHORT | CLI_PATH },
  { NULL, 0, NULL, 0 }
};

typedef struct receipt_s		/* The live request of the NIK */
{
  int64_t	id;
  char		created[32];
} receipt_t;


/* Keep the request's number and date (never its name or NIK). */
static void
receipt_request(void                *ctx,	/* I - receipt_t */
                const inv_request_t *r)		/* I - The live request */
{
  receipt_t *rc = ctx;

  rc->id = r->id;
  snprintf(rc->created, sizeof(rc->created), "%s", r->created);
}


/* cairo's writer: to the output file. */
static cairo_status_t
receipt_write(void                *closure,	/* I - FILE * */
              const unsigned char *data,	/* I - Bytes */
              unsigned int        len)		/* I - How many */
{
  return (fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR);
}


/* One line of text at y (mm), centred, in size points; bold or not. */
static void
receipt_line(cairo_t    *cr,		/* I - Drawing */
             double     y,		/* I - Baseline, mm from the top */
             const char *text,		/* I - UTF-8 text */
             double     size,		/* I - Points */
             bool       bold)		/* I - Bold? */
{
  cairo_text_extents_t e;

  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD
                                                                          : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_text_extents(cr, text, &e);
  cairo_move_to(cr, (MM(80) - e.x_advance) / 2, MM(y));
  cairo_show_text(cr, text);
}


/* Write the receipt slip of a NIK's live request. */
int
cmdReceipt(cli_t *cli,			/* I - Command context */
           int   argc,			/* I - Arguments */
           char  *argv[])
{
  const blanko_config_t	*conf = cliGetConfig(cli);
  const char		*file = NULL;
  receipt_t		rc = { 0, "" };
  char			code[INV_CODE_LEN + 1], error[1200], line[300], date[32];
  blanko_out_t		out;
  cairo_surface_t	*s;
  cairo_t		*cr;
  inv_status_t		status;
  bool			ok;
  int			c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    else if (c == ('o' | CLI_SHORT))
      file = optarg;
  if (optind != argc - 1)
    return (cliUsage(cli, "%s", _("give exactly one NIK")));
  if (!file)
    return (cliUsage(cli, "%s", _("-o FILE.pdf is required")));
  if ((status = invRequestGetLive(cliGetDb(cli), argv[optind], receipt_request, &rc)) != INV_OK ||
      (status = invRequestCodeGet(cliGetDb(cli), rc.id, true, code)) != INV_OK)
    return (cliFailDb(cli, status));
  if (!blankoOutOpen(&out, file, error, sizeof(error)))
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  if (!cliPrivDrop(error, sizeof(error)))	/* cairo runs without the group */
  {
    blankoOutClose(&out, false, error, sizeof(error));
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  }
  s = cairo_pdf_surface_create_for_stream(receipt_write, out.fp, MM(80), MM(100));
  cr = cairo_create(s);
  cairo_set_source_rgb(cr, 0, 0, 0);
  receipt_line(cr, 12, conf->government[0] ? conf->government : "", 9, true);
  receipt_line(cr, 18, conf->office[0] ? conf->office : "", 9, true);
  receipt_line(cr, 30, _("RECEIPT OF AN ID CARD REQUEST"), 10, true);
  snprintf(line, sizeof(line), _("Request no. %lld of %s"), (long long)rc.id,
           invDateLocalDate(rc.created, date, sizeof(date)));
  receipt_line(cr, 38, line, 9, false);
  receipt_line(cr, 52, _("Your code for checking the card:"), 9, false);
  receipt_line(cr, 66, code, 26, true);
  receipt_line(cr, 78, _("Enter your NIK and this code on the"), 8, false);
  receipt_line(cr, 83, _("office's \"Is my ID card ready?\" page."), 8, false);
  receipt_line(cr, 92, _("Keep this slip; do not share the code."), 8, false);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(s);
  if (!ok)
    snprintf(error, sizeof(error), "%s", _("cannot write the receipt"));
  if (!blankoOutClose(&out, ok, error, sizeof(error)))
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:s,s:s}", "request", (json_int_t)rc.id, "code", code, "file", file));
  else
    printf(_("Wrote the receipt of request #%lld to %s.\n"), (long long)rc.id, file);
  return (CLI_OK);
}
