/*
 * inventory destroy prepare|approve|execute|cancel|list|show: destruction
 * of spoiled and invalid cards under dual control (cancel, list and show
 * share their bodies with writeoff's, in record.c).
 */

#include "commands.h"
#include "../report/report-private.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Options of the commands, checked by cliMain before the ledger opens. */
const struct option cmdDestroyPrepareOptions[] =
{
  { "serials", required_argument, NULL, 'l' },
  { "all", no_argument, NULL, 'a' },
  { "method", required_argument, NULL, 'm' },
  { "place", required_argument, NULL, 'p' },
  { "planned", required_argument, NULL, 'd' },
  { NULL, 0, NULL, 0 }
};

const struct option cmdDestroyExecuteOptions[] =
{
  { "witness", required_argument, NULL, 'w' },
  { NULL, 0, NULL, 0 }
};


/* Create a destruction record of spoiled and invalid serials. */
int
cmdDestroyPrepare(cli_t *cli,		/* I - Command context */
                  int   argc,		/* I - Arguments */
                  char  *argv[])
{
  const char	*serials = NULL, *method = NULL, *place = NULL, *planned = NULL;
  bool		all = false;
  inv_list_t	*list = NULL;
  int64_t	id = 0;
  inv_status_t	status;
  int		c, result = CLI_OK;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR : return (CLI_USAGE);
      case 'l' : serials = optarg; break;
      case 'a' : all = true; break;
      case 'm' : method = optarg; break;
      case 'p' : place = optarg; break;
      case 'd' : planned = optarg; break;
    }
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!serials == !all)
    return (cliUsage(cli, _("give either --serials or --all")));
  if (!method || !place)
    return (cliUsage(cli, _("--method and --place are required")));
  if (serials && (result = cliParseList(cli, "--serials", serials, &list)) != CLI_OK)
    goto done;
  if ((status = invDestroyPrepare(cliGetDb(cli), list, method, place, planned, &id)) != INV_OK)
  {
    result = cliFailDb(cli, status);
    goto done;
  }
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:s}", "id", (json_int_t)id, "state", "prepared"));
  else
    printf("%" PRId64 "\n", id);

done:
  invListDelete(list);
  return (result);
}


/* Approve a prepared destruction record (not its preparer). */
int
cmdDestroyApprove(cli_t *cli,		/* I - Command context */
                  int   argc,		/* I - Arguments */
                  char  *argv[])
{
  int64_t	id;
  int		result;
  char		who[160];

  if ((result = cmdRecordStep(cli, INV_RECORD_DESTRUCTION, true, argc, argv, &id)) != CLI_OK)
    return (result);
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)id, "state", "approved", "approver", cliGetActor(cli),
                           "approver_via", cliGetVia(cli)));
  else
    printf(_("Destruction record %" PRId64 " approved by %s.\n"), id,
           invPersonFormat(cliGetActor(cli), cliGetVia(cli), who, sizeof(who)));
  return (CLI_OK);
}


/* Destroy before witnesses and seal the record. */
int
cmdDestroyExecute(cli_t *cli,		/* I - Command context */
                  int   argc,		/* I - Arguments */
                  char  *argv[])
{
  const char	**witnesses = calloc((size_t)argc + 1, sizeof(char *));
  size_t	n = 0;
  int64_t	id;
  inv_status_t	status;
  int		c, result;
  rep_record_t	v;

  if (!witnesses)
    return (cliFailNoMemory(cli));
  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    if (c == CLI_OPTION_ERROR)
    {
      free(witnesses);
      return (CLI_USAGE);
    }
    witnesses[n ++] = optarg;
  }
  if ((result = cmdRecordId(cli, argc, argv, &id)) != CLI_OK)
  {
    free(witnesses);
    return (result);
  }
  status = invDestroyExecute(cliGetDb(cli), id, witnesses, n);
  free(witnesses);
  if (status != INV_OK)
    return (cliFailDb(cli, status));
  if ((status = repRecordLoad(cliGetDb(cli), INV_RECORD_DESTRUCTION, id, &v)) != INV_OK)
  {
    repRecordFree(&v);
    return (cliFailDb(cli, status));
  }
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:s,s:I,s:s,s:s,s:s}", "id", (json_int_t)id, "state", "executed", "count",
                           (json_int_t)v.record->count, "hash", v.record->hash, "chain_head", v.record->head,
                           "number", v.record->number));
  else
  {
    char count[32];				/* The count, grouped */

    printf(P_("Destruction record %" PRId64 " executed: %s card destroyed.\nRecord hash: %s\n",
              "Destruction record %" PRId64 " executed: %s cards destroyed.\nRecord hash: %s\n",
              v.record->count), id, i18nCount(v.record->count, count, sizeof(count)), v.record->hash);
    printf(_("Official number: %s\n"), v.record->number);
  }
  repRecordFree(&v);
  return (CLI_OK);
}


/* destroy cancel: cancel an open destruction record. */
int
cmdDestroyCancel(cli_t *cli,		/* I - Command context */
                 int   argc,		/* I - Arguments */
                 char  *argv[])
{
  return (cmdRecordCancel(cli, INV_RECORD_DESTRUCTION, argc, argv));
}


/* destroy list: list destruction records. */
int
cmdDestroyList(cli_t *cli,		/* I - Command context */
               int   argc,		/* I - Arguments */
               char  *argv[])
{
  return (cmdRecordList(cli, INV_RECORD_DESTRUCTION, argc, argv));
}


/* destroy show: show one destruction record. */
int
cmdDestroyShow(cli_t *cli,		/* I - Command context */
               int   argc,		/* I - Arguments */
               char  *argv[])
{
  return (cmdRecordShow(cli, INV_RECORD_DESTRUCTION, argc, argv));
}
