/*
 * inventory invalid, spoil, writeoff, writeoff approve: taking cards and
 * blanks out of use.
 */

#include "commands.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Options of the commands, checked by cliMain before the ledger opens. */
const struct option cmdInvalidOptions[] =
{
  { "serials", required_argument, NULL, 'l' },
  { "reason", required_argument, NULL, 'r' },
  { "note", required_argument, NULL, 'n' },
  { "police-report", required_argument, NULL, 'p' },
  { NULL, 0, NULL, 0 }
};

const struct option cmdSpoilOptions[] =
{
  { "serials", required_argument, NULL, 'l' },
  { "reason", required_argument, NULL, 'r' },
  { NULL, 0, NULL, 0 }
};


/* Read --serials, --reason, --note and --police-report; returns CLI_OK or
 * the failure. */
static int
audit_options(cli_t      *cli,		/* I - Command context */
              int        argc,		/* I - Arguments */
              char       *argv[],
              const char **serials,	/* O - --serials */
              const char **reason,	/* O - --reason */
              const char **note,	/* O - --note, or NULL when not an option */
              const char **police)	/* O - --police-report, or NULL when not an option */
{
  int c;

  while ((c = cliGetOption(cli, argc, argv, cli->cmd->opts)) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR : return (CLI_USAGE);
      case 'l' : *serials = optarg; break;
      case 'r' : *reason = optarg; break;
      case 'n' : if (note) *note = optarg; break;
      case 'p' : if (police) *police = optarg; break;
    }
  }
  if (!*serials || !*reason)
    return (cliUsage(cli, _("--serials and --reason are required")));
  return (CLI_OK);
}


/* Print what was moved. */
static void
audit_report(cli_t *cli, bool invalid, const inv_list_t *list, const char *reason, int64_t event)
{
  char *ranges = invListFormatCopy(list);

  if (cli->json)
    cliJsonPrint(json_pack("{s:I,s:I,s:s,s:s}", "event", (json_int_t)event, "count",
                           (json_int_t)invListGetSerialCount(list), "reason", reason, "serials", ranges ? ranges : ""));
  else if (invalid && !strcmp(reason, "lost"))
    printf(P_("Recorded %" PRId64 " card as reported lost (not held by the office): %s.\n",
              "Recorded %" PRId64 " cards as reported lost (not held by the office): %s.\n",
              invListGetSerialCount(list)), invListGetSerialCount(list), ranges ? ranges : "");
  else if (invalid)
    printf(P_("Made %" PRId64 " card invalid (%s): %s.\n", "Made %" PRId64 " cards invalid (%s): %s.\n",
              invListGetSerialCount(list)), invListGetSerialCount(list), reason, ranges ? ranges : "");
  else
    printf(P_("Spoiled %" PRId64 " blank (%s): %s.\n", "Spoiled %" PRId64 " blanks (%s): %s.\n",
              invListGetSerialCount(list)), invListGetSerialCount(list), reason, ranges ? ranges : "");
  free(ranges);
}


/* Personalised cards taken out of use: issued -> invalid (lost: ->
 * reported-lost; found: also reported-lost -> invalid). */
int
cmdInvalid(cli_t *cli,			/* I - Command context */
           int   argc,			/* I - Arguments */
           char  *argv[])
{
  const char	*serials = NULL, *reason = NULL, *note = NULL, *police = NULL;
  inv_list_t	*list = NULL;
  int64_t	event = 0;
  inv_status_t	status;
  int		result;

  if ((result = audit_options(cli, argc, argv, &serials, &reason, &note, &police)) != CLI_OK)
    return (result);
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if ((result = cliParseList(cli, "--serials", serials, &list)) == CLI_OK)
  {
    if ((status = invInvalidate(cli->db, list, reason, note, police, &event)) != INV_OK)
      result = cliFailDb(cli, status);
    else
      audit_report(cli, true, list, reason, event);
  }
  invListDelete(list);
  return (result);
}


/* Blanks ruined in handling, from locations or hoppers, into spoiled. */
int
cmdSpoil(cli_t *cli,			/* I - Command context */
         int   argc,			/* I - Arguments */
         char  *argv[])
{
  const char	*serials = NULL, *reason = NULL;
  inv_list_t	*list = NULL;
  int64_t	events = 0;
  inv_status_t	status;
  int		result;

  if ((result = audit_options(cli, argc, argv, &serials, &reason, NULL, NULL)) != CLI_OK)
    return (result);
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if ((result = cliParseList(cli, "--serials", serials, &list)) == CLI_OK)
  {
    if ((status = invSpoil(cli->db, list, reason, &events)) != INV_OK)
      result = cliFailDb(cli, status);
    else
      audit_report(cli, false, list, reason, 0);
  }
  invListDelete(list);
  return (result);
}


/* A stocktake loss at a location, waiting for another person's approval. */
int
cmdWriteoff(cli_t *cli,			/* I - Command context */
            int   argc,			/* I - Arguments */
            char  *argv[])
{
  const char	*serials = NULL, *reason = NULL;
  inv_list_t	*list = NULL;
  int64_t	id = 0;
  inv_status_t	status;
  int		result;

  if ((result = audit_options(cli, argc, argv, &serials, &reason, NULL, NULL)) != CLI_OK)
    return (result);
  if (optind != argc - 1)
    return (cliUsage(cli, _("give one location")));
  if ((result = cliParseList(cli, "--serials", serials, &list)) == CLI_OK)
  {
    if ((status = invWriteoffPrepare(cli->db, argv[optind], list, reason, &id)) != INV_OK)
      result = cliFailDb(cli, status);
    else if (cli->json)
      cliJsonPrint(json_pack("{s:I,s:s,s:I}", "id", (json_int_t)id, "location", argv[optind], "count",
                             (json_int_t)invListGetSerialCount(list)));
    else
      printf(P_("Write-off %" PRId64 " prepared: %" PRId64 " blank at %s; another auditor or admin must approve it "
                "('inventory writeoff approve %" PRId64 "').\n",
                "Write-off %" PRId64 " prepared: %" PRId64 " blanks at %s; another auditor or admin must approve it "
                "('inventory writeoff approve %" PRId64 "').\n", invListGetSerialCount(list)),
             id, invListGetSerialCount(list), argv[optind], id);
  }
  invListDelete(list);
  return (result);
}


/* Read the options (none but the table's) and the one record id of a command. */
int
cmdRecordId(cli_t   *cli,		/* I - Command context */
            int     argc,		/* I - Arguments */
            char    *argv[],
            int64_t *id)		/* O - Record id */
{
  int c;

  while ((c = cliGetOption(cli, argc, argv, cli->cmd->opts)) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
  if (optind != argc - 1)
    return (cliUsage(cli, _("give one record number")));
  if (!cliParseCount(argv[optind], id) || *id == 0)
    return (cliFail(cli, CLI_REFUSED, _("\"%s\" is not a record number"), argv[optind]));
  return (CLI_OK);
}


/* Approve a write-off: its blanks move to "lost". */
int
cmdWriteoffApprove(cli_t *cli,		/* I - Command context */
                   int   argc,		/* I - Arguments */
                   char  *argv[])
{
  int64_t	id;
  inv_status_t	status;
  int		result;

  if ((result = cmdRecordId(cli, argc, argv, &id)) != CLI_OK)
    return (result);
  if ((status = invWriteoffApprove(cli->db, id)) != INV_OK)
    return (cliFailDb(cli, status));
  if (cli->json)
    cliJsonPrint(json_pack("{s:I,s:s}", "id", (json_int_t)id, "state", "executed"));
  else
    printf(_("Write-off %" PRId64 " approved; its blanks are now in 'lost'.\n"), id);
  return (CLI_OK);
}
