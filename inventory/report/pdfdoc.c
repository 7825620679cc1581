/*
 * What the reports' PDFs share (destruction, reconcile, stock): the
 * opening of the document and the heading of a table.  The PDF writer
 * itself is the module report-pdf.so (pdf.h); these only call it.
 */

#include "report-private.h"

#include <stdarg.h>
#include <string.h>


/*
 * Start a report's PDF on fp: every page's footer is the office, a dash
 * and the footer format's text; the document opens with the title, the
 * office as a second title and one line of text.  NULL with the reason in
 * error when the writer is out of memory.
 */
rpdf_t *
repPdfStart(cli_t               *cli,	/* I - Command context (the office) */
            const rpdf_module_t *pw,	/* I - PDF writer */
            FILE                *fp,	/* I - Output file */
            const char          *title,	/* I - The report's title */
            const char          *line,	/* I - The line under the office */
            char                *error,	/* O - Why not */
            size_t              errorsize,/* I - Size of error */
            const char          *footer,/* I - printf-style rest of the footer */
            ...)			/* I - Its arguments */
{
  const char	*office = cliGetConfig(cli)->office;
  char		text[1024];
  size_t	len;
  va_list	ap;
  rpdf_t	*pdf;

  snprintf(text, sizeof(text), "%s  \xe2\x80\x94  ", office);
  len = strlen(text);
  va_start(ap, footer);
  vsnprintf(text + len, sizeof(text) - len, footer, ap);
  va_end(ap);
  if ((pdf = pw->create(fp, text)) == NULL)
  {
    snprintf(error, errorsize, "%s", i18nNoMemory());
    return (NULL);
  }
  pw->title(pdf, title);
  pw->title(pdf, office);
  pw->text(pdf, line);
  return (pdf);
}


/* A heading and, under it, the bold row that heads a table's columns. */
void
repPdfTable(const rpdf_module_t *pw,	/* I - PDF writer */
            rpdf_t              *pdf,	/* I - The PDF */
            const char          *heading,/* I - The heading */
            int                 ncols,	/* I - Columns */
            const double        *widths,/* I - Their widths, mm */
            const char * const  *head)	/* I - Their titles */
{
  pw->heading(pdf, heading);
  pw->row(pdf, ncols, widths, head, true);
}
