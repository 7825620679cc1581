/*
 * Loading the PDF writer of the reports, report-pdf.so (see pdf.h),
 * when a report is asked for as PDF.  cairo, pango and glib are mapped and
 * relocated then, and not at every start of the program: the dynamic
 * loader's work on their forty-odd libraries was most of the time of a
 * short command such as "inventory stock".
 *
 * It is PKGLIBDIR/report-pdf.so, or in $BLANKO_PKGLIBDIR (blankoPath): the
 * tests and an uninstalled build use build/lib.  A set-group-id run gives
 * the group up for good before loading it (the report's data are read by
 * then; the ledger stays readable through the files already open).
 */

#include "report-private.h"
#include "blanko/privilege.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const rpdf_module_t *rpdf_loaded;	/* Once loaded, for the rest of the run */


/* The PDF writer, loaded on first use; CLI_OK, or CLI_REFUSED with what
 * is missing and where. */
int
repPdfLoad(cli_t               *cli,	/* I - Command context */
           const rpdf_module_t **pw)	/* O - The writer */
{
  char			path[PATH_MAX + 64];
  void			*handle;
  const rpdf_module_t	*module;
  const char		*why;

  if ((*pw = rpdf_loaded) != NULL)
    return (CLI_OK);
  if (!cliPrivDrop(path, sizeof(path)))	/* never with the group: see blanko/privilege.h */
    return (cliFail(cli, CLI_REFUSED, "%s", path));
  snprintf(path, sizeof(path), "%s/%s", blankoPath(BLANKO_PATH_PKGLIB), RPDF_MODULE_FILE);
  if ((handle = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL)
  {
    why = dlerror();
    return (cliFail(cli, CLI_REFUSED, _("cannot load the PDF writer: %s"), why ? why : path));
  }
  if ((module = dlsym(handle, RPDF_MODULE_SYMBOL)) == NULL)
  {
    why = dlerror();
    cliFail(cli, CLI_REFUSED, _("cannot load the PDF writer: %s"), why ? why : path);
    dlclose(handle);
    return (CLI_REFUSED);
  }
  if (module->version != RPDF_MODULE_VERSION)
  {
    cliFail(cli, CLI_REFUSED, _("cannot load the PDF writer: %s is version %u, this program needs version %u"),
            path, module->version, (unsigned)RPDF_MODULE_VERSION);
    dlclose(handle);
    return (CLI_REFUSED);
  }
  *pw = rpdf_loaded = module;		/* the handle stays open until exit */
  return (CLI_OK);
}


/* Open a report's output file ("-" or NULL: standard output) with
 * blankoOutOpen; CLI_OK, or CLI_REFUSED with the reason on cli. */
int
repOutOpen(cli_t        *cli,		/* I - Command context */
           blanko_out_t *out,		/* O - The open file */
           const char   *path)		/* I - File, "-" or NULL */
{
  char error[1024];

  if (!blankoOutOpen(out, path ? path : "-", error, sizeof(error)))
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  return (CLI_OK);
}


/* Close a report's output with blankoOutClose.  why is the writer's own
 * failure (NULL: it wrote everything); CLI_OK, or CLI_REFUSED with the
 * reason on cli, the file removed if this command made it. */
int
repOutClose(cli_t        *cli,		/* I - Command context */
            blanko_out_t *out,		/* I - The file */
            const char   *why)		/* I - The writer's failure or NULL */
{
  char error[1024];

  if (why)
    snprintf(error, sizeof(error), _("cannot write %s: %s"), out->path, why);
  if (!blankoOutClose(out, why == NULL, error, sizeof(error)))
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  return (CLI_OK);
}


/* Write a report's data in the format asked for, with the layouts in w:
 * the PDF writer loaded first when it is a PDF, the file opened with
 * repOutOpen and closed with repOutClose.  A PDF is in the language asked
 * for, Indonesian unless lang is en; the text in the user's, unless lang
 * says another; JSON and CSV are data.  CLI_OK, or a failure on cli. */
int
repWrite(cli_t              *cli,	/* I - Command context */
         const rep_writer_t *w,		/* I - The report's layouts */
         const void         *data,	/* I - The report */
         const char         *format,	/* I - text, csv, json or pdf (checked by the command) */
         const char         *lang,	/* I - id or en; NULL: the user's (text), id (PDF) */
         const char         *out)	/* I - File, "-" or NULL */
{
  const rpdf_module_t	*pw = NULL;
  blanko_out_t		output;
  char			error[256];
  const char		*why = NULL;
  bool			pdf = !strcmp(format, "pdf");
  int			result;
  rep_lang_t		saved;

  if ((pdf && (result = repPdfLoad(cli, &pw)) != CLI_OK) || (result = repOutOpen(cli, &output, out)) != CLI_OK)
    return (result);
  if (!strcmp(format, "json"))
  {
    json_t *obj = w->json(cli, data);

    json_dumpf(obj, output.fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', output.fp);
    json_decref(obj);
  }
  else if (!strcmp(format, "csv") && w->csv)
    w->csv(output.fp, data);
  else
  {
    bool switched = lang || pdf;

    if (switched)
      repDocLangBegin(&saved, lang && !strcmp(lang, "en"));
    if (pdf && !w->pdf(output.fp, cli, pw, data, error, sizeof(error)))
      why = error;
    else if (!pdf)
      w->text(output.fp, cli, data);
    if (switched)
      repDocLangEnd(&saved);
  }
  return (repOutClose(cli, &output, why));
}
