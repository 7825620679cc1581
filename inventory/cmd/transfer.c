/*
 * inventory transfer: move blanks between locations.
 */

#include "commands.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdTransferOptions[] =
{
  { "from", required_argument, NULL, 'f' },
  { "to", required_argument, NULL, 't' },
  { "serials", required_argument, NULL, 'l' },
  { "count", required_argument, NULL, 'n' },
  { "ref", required_argument, NULL, 'r' },
  { "note", required_argument, NULL, 'N' },
  { NULL, 0, NULL, 0 }
};


/* Move serials, named or the lowest N, from one location to another. */
int
cmdTransfer(cli_t *cli,			/* I - Command context */
            int   argc,			/* I - Arguments */
            char  *argv[])
{
  const char	*from = NULL, *to = NULL, *serials = NULL, *count_text = NULL, *ref = NULL, *note = NULL;
  inv_list_t	*list = NULL;
  int64_t	count = 0, event = 0;
  inv_status_t	status;
  int		c, result = CLI_OK;
  char		*ranges;
  char		n[32];				/* the count grouped for people */

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR : return (CLI_USAGE);
      case 'f' : from = optarg; break;
      case 't' : to = optarg; break;
      case 'l' : serials = optarg; break;
      case 'n' : count_text = optarg; break;
      case 'r' : ref = optarg; break;
      case 'N' : note = optarg; break;
    }
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!from || !to)
    return (cliUsage(cli, _("--from and --to are required")));
  if (!serials == !count_text)
    return (cliUsage(cli, _("give either --serials or --count")));

  if (serials)
  {
    if ((result = cliParseList(cli, "--serials", serials, &list)) != CLI_OK)
      goto done;
    status = invTransferNoted(cliGetDb(cli), from, to, list, 0, ref, note, NULL, &event);
  }
  else if (!cliParseCount(count_text, &count) || count == 0)
    return (cliFail(cli, CLI_REFUSED, _("--count: \"%s\" is not a positive count"), count_text));
  else if ((list = invListNew()) == NULL)
    return (cliFailNoMemory(cli));
  else
    status = invTransferNoted(cliGetDb(cli), from, to, NULL, count, ref, note, list, &event);
  if (status != INV_OK)
  {
    result = cliFailDb(cli, status);
    goto done;
  }
  ranges = invListFormatCopy(list);
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s}", "event", (json_int_t)event, "count",
                           (json_int_t)invListGetSerialCount(list), "from", from, "to", to,
                           "serials", ranges ? ranges : "", "ref", ref ? ref : "", "note", note ? note : ""));
  else
    printf(P_("Moved %s blank from %s to %s: %s (event %" PRId64 ").\n",
              "Moved %s blanks from %s to %s: %s (event %" PRId64 ").\n", invListGetSerialCount(list)),
           i18nCount(invListGetSerialCount(list), n, sizeof(n)),
           from, to, ranges ? ranges : "", event);
  free(ranges);

done:
  invListDelete(list);
  return (result);
}
