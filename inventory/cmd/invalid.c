/*
 * inventory invalid: personalised cards taken out of use.
 */

#include "commands.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdInvalidOptions[] =
{
  { "serials", required_argument, NULL, 'l' },
  { "reason", required_argument, NULL, 'r' },
  { "note", required_argument, NULL, 'n' },
  { "police-report", required_argument, NULL, 'p' },
  { NULL, 0, NULL, 0 }
};


/* Personalised cards taken out of use: issued -> invalid (lost: ->
 * reported-lost; found: also reported-lost -> invalid). */
int
cmdInvalid(cli_t *cli,			/* I - Command context */
           int   argc,			/* I - Arguments */
           char  *argv[])
{
  const char	*reason = NULL, *note = NULL, *police = NULL;
  inv_list_t	*list;
  int64_t	event = 0;
  inv_status_t	status;
  int		result;

  if ((result = cmdSerialArgs(cli, argc, argv, NULL, &list, &reason, &note, &police)) == CLI_OK)
  {
    if (invVocabCode(INV_VOCAB_INVALID_REASON, reason))
      reason = invVocabCode(INV_VOCAB_INVALID_REASON, reason);	/* "hilang" is lost */
    if ((status = invInvalidate(cliGetDb(cli), list, reason, note, police, &event)) != INV_OK)
      result = cliFailDb(cli, status);
    else if (cliGetJson(cli))
      cmdMovedJson(list, reason, event);
    else
    {
      char	*ranges = invListFormatCopy(list);
      int64_t	count = invListGetSerialCount(list);
      char	n[32];				/* The count, grouped */

      i18nCount(count, n, sizeof(n));
      if (!strcmp(reason, "lost"))
        printf(P_("Recorded %s card as reported lost (not held by the office): %s.\n",
                  "Recorded %s cards as reported lost (not held by the office): %s.\n", count), n,
               ranges ? ranges : "");
      else
        printf(P_("Made %s card invalid (%s): %s.\n", "Made %s cards invalid (%s): %s.\n", count),
               n, reason, ranges ? ranges : "");
      free(ranges);
    }
  }
  invListDelete(list);
  return (result);
}
