/*
 * printctl reprint, cancel, spoil and resolve: what the print room records
 * about single requests and cards.
 */

#include "commands.h"
#include "blanko/print.h"

#include <stdio.h>
#include <string.h>


/* Options of the commands, checked by cliMain before the ledger opens. */
const struct option cmdReasonOptions[] =
{
  { "reason", required_argument, NULL, 'r' },
  { NULL, 0, NULL, 0 }
};

const struct option cmdReprintOptions[] =
{
  { "reason", required_argument, NULL, 'r' },
  { "police-report", required_argument, NULL, 'n' },
  { NULL, 0, NULL, 0 }
};

const struct option cmdResolveOptions[] =
{
  { "printed", no_argument, NULL, 'p' },
  { "spoiled", no_argument, NULL, 's' },
  { "unused", no_argument, NULL, 'u' },
  { NULL, 0, NULL, 0 }
};


/* Options and the one argument: *reason from --reason, *flag from resolve,
 * --police-report in *flag for reprint. */
static int
parse(cli_t *cli, int argc, char *argv[], const char **reason, const char **flag, const char **arg)
{
  int c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR :
          return (CLI_USAGE);
      case 'r' :
          *reason = optarg;
          break;
      case 'n' :
          *flag = optarg;
          break;
      case 'p' :
      case 's' :
      case 'u' :
          if (*flag)
            return (cliUsage(cli, _("give one of --printed, --spoiled, --unused")));
          *flag = c == 'p' ? "printed" : c == 's' ? "spoiled" : "unused";
          break;
    }
  }
  if (optind != argc - 1)
    return (cliUsage(cli, _("give one argument")));
  *arg = argv[optind];
  return (CLI_OK);
}


/* A request id argument. */
static int
request_id(cli_t *cli, const char *text, int64_t *id)
{
  if (!cliParseCount(text, id) || *id < 1)
    return (cliUsage(cli, _("\"%s\" is not a request id"), text));
  return (CLI_OK);
}


/* printctl reprint REQUEST --reason TEXT [--police-report NO] */
int
cmdReprint(cli_t *cli, int argc, char *argv[])
{
  const char	*reason = NULL, *police = NULL, *arg;
  int64_t	id, new_id;
  int		result;
  inv_status_t	status;

  if ((result = parse(cli, argc, argv, &reason, &police, &arg)) != CLI_OK ||
      (result = request_id(cli, arg, &id)) != CLI_OK)
    return (result);
  if (!reason)
    return (cliUsage(cli, _("--reason is required")));
  if ((status = invRequestReprint(cliGetDb(cli), id, reason, police, &new_id)) != INV_OK)
    return (cliFailDb(cli, status));
  printf(_("Request #%lld is superseded; its reprint is request #%lld, pending.\n"), (long long)id,
         (long long)new_id);
  return (CLI_OK);
}


/* printctl cancel REQUEST */
int
cmdCancel(cli_t *cli, int argc, char *argv[])
{
  const char	*reason = NULL, *flag = NULL, *arg;
  int64_t	id;
  int		result;
  inv_status_t	status;

  if ((result = parse(cli, argc, argv, &reason, &flag, &arg)) != CLI_OK ||
      (result = request_id(cli, arg, &id)) != CLI_OK)
    return (result);
  if ((status = invRequestCancel(cliGetDb(cli), id)) != INV_OK)
    return (cliFailDb(cli, status));
  printf(_("Request #%lld cancelled.\n"), (long long)id);
  return (CLI_OK);
}


/* printctl spoil SERIAL --reason TEXT: an issued card, so an auditor's
 * (the command table's role) */
int
cmdCardSpoil(cli_t *cli, int argc, char *argv[])
{
  const char	*reason = NULL, *flag = NULL, *arg;
  int64_t	request;
  int		result;
  inv_status_t	status;

  if ((result = parse(cli, argc, argv, &reason, &flag, &arg)) != CLI_OK)
    return (result);
  if (!reason)
    return (cliUsage(cli, _("--reason is required")));
  if ((status = invCardSpoil(cliGetDb(cli), arg, reason, &request)) != INV_OK)
    return (cliFailDb(cli, status));
  printf(_("Card %s spoiled; request #%lld waits for a new card.\n"), arg, (long long)request);
  return (CLI_OK);
}


/* printctl resolve SERIAL --printed|--spoiled|--unused */
int
cmdResolve(cli_t *cli, int argc, char *argv[])
{
  const char	*reason = NULL, *flag = NULL, *arg;
  int64_t	job;
  int		result;
  inv_status_t	status;

  if ((result = parse(cli, argc, argv, &reason, &flag, &arg)) != CLI_OK)
    return (result);
  if (!flag)
    return (cliUsage(cli, _("give one of --printed, --spoiled, --unused")));
  if ((status = invPrintResolve(cliGetDb(cli), arg, flag, &job)) != INV_OK)
    return (cliFailDb(cli, status));
  printf(_("Card %s (print job %lld) resolved as %s.\n"), arg, (long long)job, flag);
  return (CLI_OK);
}
