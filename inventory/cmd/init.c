/*
 * inventory init: create a ledger.
 */

#include "commands.h"

#include <stdio.h>


/* Create the ledger; the acting account becomes its first admin. */
int
cmdInit(cli_t *cli,			/* I - Command context */
        int   argc,			/* I - Arguments */
        char  *argv[])
{
  inv_status_t status;

  if (argc > 1)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[1]));
  if ((status = invInit(cliGetDb(cli), cliGetActor(cli))) != INV_OK)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
  {
    cliJsonPrint(json_pack("{s:s,s:s,s:i}", "database", invDbGetPath(cliGetDb(cli)), "admin", cliGetActor(cli),
                           "schema", invDbGetSchemaVersion()));
  }
  else
    printf(_("Created ledger %s (schema %d); %s is its admin.\n"), invDbGetPath(cliGetDb(cli)),
           invDbGetSchemaVersion(), cliGetActor(cli));
  return (CLI_OK);
}
