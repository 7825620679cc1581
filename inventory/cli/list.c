/*
 * The end of a listing command, one way for all.  See blanko/cli.h.
 */

#include "blanko/cli.h"

#include <jansson.h>


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
