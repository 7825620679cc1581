/*
 * inventory count: a stocktake.
 */

#include "commands.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdCountOptions[] =
{
  { "serials", required_argument, NULL, 'l' },
  { "dry-run", no_argument, NULL, 'd' },
  { NULL, 0, NULL, 0 }
};


/* Compare counted serials with a location's holdings and record the count. */
int
cmdCount(cli_t *cli,			/* I - Command context */
         int   argc,			/* I - Arguments */
         char  *argv[])
{
  const char	*serials = NULL, *location;
  inv_list_t	*counted = NULL, *missing = invListNew(), *unexpected = invListNew();
  int64_t	event = 0;
  inv_status_t	status;
  int		c, result;
  bool		dry_run = false;
  char		*miss_text, *unexp_text;
  char		n[32];				/* a count grouped for people */

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    if (c == CLI_OPTION_ERROR)
    {
      result = CLI_USAGE;
      goto done;
    }
    if (c == 'd')
      dry_run = true;
    else
      serials = optarg;
  }
  if (optind != argc - 1 || !serials)
  {
    result = cliUsage(cli, _("give one location and --serials"));
    goto done;
  }
  location = argv[optind];
  if ((result = cliParseList(cli, "--serials", serials, &counted)) != CLI_OK)
    goto done;
  if (!missing || !unexpected)
  {
    result = cliFailNoMemory(cli);
    goto done;
  }
  if ((status = dry_run ? invCountCheck(cliGetDb(cli), location, counted, missing, unexpected, NULL)
                        : invCount(cliGetDb(cli), location, counted, missing, unexpected, &event)) != INV_OK)
  {
    result = cliFailDb(cli, status);
    goto done;
  }

  result = (invListGetSerialCount(missing) || invListGetSerialCount(unexpected)) ? CLI_PROBLEM : CLI_OK;
  miss_text = invListFormatCopy(missing);
  unexp_text = invListFormatCopy(unexpected);
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:b,s:s,s:I,s:b,s:I,s:s,s:I,s:s}", "event", (json_int_t)event, "dry_run", dry_run,
                           "location", location,
                           "counted", (json_int_t)invListGetSerialCount(counted), "matches", result == CLI_OK,
                           "missing_count", (json_int_t)invListGetSerialCount(missing),
                           "missing", miss_text ? miss_text : "",
                           "unexpected_count", (json_int_t)invListGetSerialCount(unexpected),
                           "unexpected", unexp_text ? unexp_text : ""));
  else
  {
    if (dry_run)
      printf(P_("Dry run: a count of %s blank at %s would be recorded; nothing was written.\n",
                "Dry run: a count of %s blanks at %s would be recorded; nothing was written.\n",
                invListGetSerialCount(counted)), i18nCount(invListGetSerialCount(counted), n, sizeof(n)), location);
    else
      printf(P_("Counted %s blank at %s (event %" PRId64 ").\n",
                "Counted %s blanks at %s (event %" PRId64 ").\n", invListGetSerialCount(counted)),
             i18nCount(invListGetSerialCount(counted), n, sizeof(n)), location, event);
    if (result == CLI_OK)
      printf(_("The count matches the ledger.\n"));
    else
    {
      printf(_("missing (%s): %s\n"), i18nCount(invListGetSerialCount(missing), n, sizeof(n)),
             miss_text ? miss_text : "");
      printf(_("unexpected (%s): %s\n"), i18nCount(invListGetSerialCount(unexpected), n, sizeof(n)),
             unexp_text ? unexp_text : "");
    }
  }
  free(miss_text);
  free(unexp_text);
  if (result == CLI_PROBLEM)
    cliFail(cli, CLI_PROBLEM, _("the count at %s differs from the ledger"), location);

done:
  invListDelete(counted);
  invListDelete(missing);
  invListDelete(unexpected);
  return (result);
}
