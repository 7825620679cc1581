/*
 * The start and end of a listing command, one way for all.  See blanko/cli.h.
 */

#include "blanko/cli.h"
#include "blanko/i18n.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>


/*
 * End a listing: on failure drop the --json array and report the ledger's
 * message; else print the array (--json; NULL when the rows were printed).
 */

int
cliListDone(cli_t        *cli,		/* I - Command context */
            inv_status_t status,	/* I - The listing's status */
            json_t       *array)	/* I - --json: the rows (reference stolen); else NULL */
{
  if (status != INV_OK)
  {
    json_decref(array);
    return (cliFailDb(cli, status));
  }
  if (array)
    cliJsonPrint(array);
  return (CLI_OK);
}


/*
 * Begin a listing that takes no arguments: CLI_USAGE on one; else CLI_OK
 * with *array a new --json array, or NULL and the header line printed.
 */

int
cliListStart(cli_t      *cli,		/* I - Command context */
             int        argc,		/* I - Arguments */
             char       *argv[],	/* I - Arguments */
             json_t     **array,	/* O - --json: the array for the rows; else NULL */
             const char *header,	/* I - printf format of the header line (without --json) */
             ...)			/* I - Its arguments */
{
  va_list ap;

  *array = NULL;
  if (argc > 1)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[1]));
  if (cliGetJson(cli))
    *array = json_array();
  else
  {
    va_start(ap, header);
    vprintf(header, ap);
    va_end(ap);
  }
  return (CLI_OK);
}
