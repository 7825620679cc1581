/*
 * inventory spoil: blanks ruined in handling.
 */

#include "commands.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>


/* Blanks ruined in handling, from locations or hoppers, into spoiled. */
int
cmdSpoil(cli_t *cli,			/* I - Command context */
         int   argc,			/* I - Arguments */
         char  *argv[])
{
  const char	*reason = NULL;
  inv_list_t	*list;
  int64_t	events = 0;
  inv_status_t	status;
  int		result;

  if ((result = cmdSerialArgs(cli, argc, argv, NULL, &list, &reason, NULL, NULL)) == CLI_OK)
  {
    if ((status = invSpoil(cliGetDb(cli), list, reason, &events)) != INV_OK)
      result = cliFailDb(cli, status);
    else if (cliGetJson(cli))
      cmdMovedJson(list, reason, 0);
    else
    {
      char	*ranges = invListFormatCopy(list);
      int64_t	count = invListGetSerialCount(list);
      char	n[32];				/* The count, grouped */

      printf(P_("Spoiled %s blank (%s): %s.\n", "Spoiled %s blanks (%s): %s.\n", count), i18nCount(count, n, sizeof(n)),
             reason, ranges ? ranges : "");
      free(ranges);
    }
  }
  invListDelete(list);
  return (result);
}
