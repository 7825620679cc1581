/*
 * Finding the PDF writer of the reports (report-pdf.h).
 */

#include "report-private.h"


/* The PDF writer; CLI_OK, or CLI_REFUSED with the reason. */
int
repPdfLoad(cli_t               *cli,	/* I - Command context */
           const rpdf_module_t **pw)	/* O - The writer */
{
  (void)cli;
  *pw = &rpdfModule;
  return (CLI_OK);
}
