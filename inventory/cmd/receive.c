/*
 * inventory receive: a shipment of blanks from a supplier.
 */

#include "commands.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdReceiveOptions[] =
{
  { "supplier", required_argument, NULL, 's' },
  { "ref", required_argument, NULL, 'r' },
  { "serials", required_argument, NULL, 'l' },
  { "to", required_argument, NULL, 't' },
  { "expect", required_argument, NULL, 'e' },
  { NULL, 0, NULL, 0 }
};


/* Receive blanks into a location. */
int
cmdReceive(cli_t *cli,			/* I - Command context */
           int   argc,			/* I - Arguments */
           char  *argv[])
{
  const char	*supplier = NULL, *ref = NULL, *serials = NULL, *to = NULL, *expect_text = NULL;
  inv_list_t	*list = NULL;
  int64_t	expect = -1, event = 0;
  inv_status_t	status;
  int		c, result;
  char		*ranges;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR : return (CLI_USAGE);
      case 's' : supplier = optarg; break;
      case 'r' : ref = optarg; break;
      case 'l' : serials = optarg; break;
      case 't' : to = optarg; break;
      case 'e' : expect_text = optarg; break;
    }
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!supplier || !ref || !serials || !to)
    return (cliUsage(cli, _("--supplier, --ref, --serials and --to are required")));
  if (expect_text && !cliParseCount(expect_text, &expect))
    return (cliFail(cli, CLI_REFUSED, _("--expect: \"%s\" is not a count"), expect_text));
  if ((result = cliParseList(cli, "--serials", serials, &list)) != CLI_OK)
    goto done;
  if (invListGetSerialCount(list) > cliGetConfig(cli)->max_receipt)
  {
    result = cliFail(cli, CLI_REFUSED,
                     _("--serials holds %" PRId64 " serials, more than one receipt may bring in (%lld, "
                       "[ledger] max_receipt in %s)"),
                     invListGetSerialCount(list), cliGetConfig(cli)->max_receipt,
                     cliGetConfig(cli)->file[0] ? cliGetConfig(cli)->file : _("the configuration"));
    goto done;
  }
  if (expect >= 0 && invListGetSerialCount(list) != expect)
  {
    result = cliFail(cli, CLI_REFUSED, P_("--serials holds %" PRId64 " serial but --expect says %" PRId64,
                                          "--serials holds %" PRId64 " serials but --expect says %" PRId64,
                                          invListGetSerialCount(list)),
                     invListGetSerialCount(list), expect);
    goto done;
  }
  if ((status = invReceive(cliGetDb(cli), supplier, ref, list, to, &event)) != INV_OK)
  {
    result = cliFailDb(cli, status);
    goto done;
  }

  ranges = invListFormatCopy(list);
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:I,s:s,s:s,s:s,s:s}", "event", (json_int_t)event, "count",
                           (json_int_t)invListGetSerialCount(list), "supplier", supplier, "ref", ref,
                           "to", to, "serials", ranges ? ranges : ""));
  else
    printf(P_("Received %" PRId64 " blank from %s (delivery note %s) into %s: %s (event %" PRId64 ").\n",
              "Received %" PRId64 " blanks from %s (delivery note %s) into %s: %s (event %" PRId64 ").\n",
              invListGetSerialCount(list)),
           invListGetSerialCount(list), supplier, ref, to, ranges ? ranges : "", event);
  free(ranges);

done:
  invListDelete(list);
  return (result);
}
