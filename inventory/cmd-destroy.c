/*
 * inventory destroy prepare|approve|execute|cancel|list|show: destruction
 * of spoiled and invalid cards under dual control.
 */

#include "report-private.h"

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

  while ((c = cliGetOption(cli, argc, argv, cli->cmd->opts)) != -1)
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
  if ((status = invDestroyPrepare(cli->db, list, method, place, planned, &id)) != INV_OK)
  {
    result = cliFailDb(cli, status);
    goto done;
  }
  if (cli->json)
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
  inv_status_t	status;
  int		result;

  if ((result = cmdRecordId(cli, argc, argv, &id)) != CLI_OK)
    return (result);
  if ((status = invDestroyApprove(cli->db, id)) != INV_OK)
    return (cliFailDb(cli, status));
  if (cli->json)
    cliJsonPrint(json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id, "state", "approved", "approver", cli->actor));
  else
    printf(_("Destruction record %" PRId64 " approved by %s.\n"), id, cli->actor);
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
    return (cliFail(cli, CLI_REFUSED, _("out of memory")));
  while ((c = cliGetOption(cli, argc, argv, cli->cmd->opts)) != -1)
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
  status = invDestroyExecute(cli->db, id, witnesses, n);
  free(witnesses);
  if (status != INV_OK)
    return (cliFailDb(cli, status));
  if ((status = repRecordLoad(cli->db, INV_RECORD_DESTRUCTION, id, &v)) != INV_OK)
  {
    repRecordFree(&v);
    return (cliFailDb(cli, status));
  }
  if (cli->json)
    cliJsonPrint(json_pack("{s:I,s:s,s:I,s:s,s:s}", "id", (json_int_t)id, "state", "executed", "count",
                           (json_int_t)v.record->count, "hash", v.record->hash, "chain_head", v.record->head));
  else
    printf(P_("Destruction record %" PRId64 " executed: %" PRId64 " card destroyed.\nRecord hash: %s\n",
              "Destruction record %" PRId64 " executed: %" PRId64 " cards destroyed.\nRecord hash: %s\n",
              v.record->count), id, v.record->count, v.record->hash);
  repRecordFree(&v);
  return (CLI_OK);
}


/* Cancel an open destruction record. */
int
cmdDestroyCancel(cli_t *cli,		/* I - Command context */
                 int   argc,		/* I - Arguments */
                 char  *argv[])
{
  int64_t	id;
  inv_status_t	status;
  int		result;

  if ((result = cmdRecordId(cli, argc, argv, &id)) != CLI_OK)
    return (result);
  if ((status = invRecordCancel(cli->db, INV_RECORD_DESTRUCTION, id)) != INV_OK)
    return (cliFailDb(cli, status));
  if (cli->json)
    cliJsonPrint(json_pack("{s:I,s:s}", "id", (json_int_t)id, "state", "cancelled"));
  else
    printf(_("Destruction record %" PRId64 " cancelled.\n"), id);
  return (CLI_OK);
}


/* One line (or object) of destroy list. */
static void
list_record(void *ctx, const inv_record_t *r)
{
  json_t *list = ctx;

  if (list)
    json_array_append_new(list, json_pack("{s:I,s:s,s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)r->id, "state",
                                          r->state, "count", (json_int_t)r->count, "method", r->method, "place",
                                          r->place, "preparer", r->preparer, "approver", r->approver, "prepared",
                                          r->prepared));
  else
    printf("%6" PRId64 "  %-10s %8" PRId64 "  %-12s %-10s %-10s %.10s  %s\n", r->id, r->state, r->count, r->method,
           r->preparer, r->approver[0] ? r->approver : "-", r->prepared, r->place);
}


/* List destruction records. */
int
cmdDestroyList(cli_t *cli,		/* I - Command context */
               int   argc,		/* I - Arguments */
               char  *argv[])
{
  json_t	*list = cli->json ? json_array() : NULL;
  inv_status_t	status;
  int		c;

  while ((c = cliGetOption(cli, argc, argv, cli->cmd->opts)) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!list)
    printf("%6s  %-10s %8s  %-12s %-10s %-10s %-10s  %s\n", _("ID"), _("STATE"), _("CARDS"), _("METHOD"),
           _("PREPARER"), _("APPROVER"), _("PREPARED"), _("PLACE"));
  if ((status = invRecordList(cli->db, INV_RECORD_DESTRUCTION, list_record, list)) != INV_OK)
  {
    json_decref(list);
    return (cliFailDb(cli, status));
  }
  if (list)
    cliJsonPrint(json_pack("{s:o}", "records", list));
  return (CLI_OK);
}


/* Show one destruction record, rechecking a sealed record's hash. */
int
cmdDestroyShow(cli_t *cli,		/* I - Command context */
               int   argc,		/* I - Arguments */
               char  *argv[])
{
  int64_t	id;
  inv_status_t	status, check;
  int		result;
  rep_record_t	v;
  char		problem[512];

  if ((result = cmdRecordId(cli, argc, argv, &id)) != CLI_OK)
    return (result);
  if ((status = repRecordLoad(cli->db, INV_RECORD_DESTRUCTION, id, &v)) != INV_OK)
  {
    repRecordFree(&v);
    return (cliFailDb(cli, status));
  }
  if ((check = invRecordCheck(cli->db, id, problem, sizeof(problem))) != INV_OK && check != INV_PROBLEM)
  {
    repRecordFree(&v);
    return (cliFailDb(cli, check));
  }
  if (cli->json)
  {
    json_t *obj = repRecordJson(&v);

    json_object_set_new(obj, "hash_ok", json_boolean(check == INV_OK));
    cliJsonPrint(obj);
  }
  else
  {
    const inv_record_t	*r = v.record;
    json_t		*w = json_loads(r->witnesses, 0, NULL);
    size_t		i;
    json_t		*one;

    printf(_("Destruction record %" PRId64 " (%s)\n"), r->id, r->state);
    printf(_("method:    %s\nplace:     %s\nplanned:   %s\n"), r->method, r->place, r->planned[0] ? r->planned : "-");
    printf(_("cards:     %" PRId64 " (spoiled %" PRId64 ", invalid %" PRId64 ")\n"), r->count, v.spoiled, v.invalid);
    printf(_("prepared:  %s by %s\n"), r->prepared, r->preparer);
    if (r->approver[0])
      printf(_("approved:  %s by %s\n"), r->approved, r->approver);
    if (r->executor[0])
      printf(_("executed:  %s by %s\n"), r->executed, r->executor);
    if (r->cancelled[0])
      printf(_("cancelled: %s\n"), r->cancelled);
    json_array_foreach(w, i, one)
      printf(_("witness:   %s\n"), json_string_value(one));
    json_decref(w);
    for (i = 0; i < v.ngroups; i ++)
    {
      char *text = invListFormatCopy(v.groups[i].serials);

      printf("%s / %s (%" PRId64 "): %s\n", v.groups[i].state, v.groups[i].reason,
             invListGetSerialCount(v.groups[i].serials), text ? text : "");
      free(text);
    }
    if (r->hash[0])
      printf(_("record hash: %s (%s)\nchain head at sealing: %s\n"), r->hash,
             check == INV_OK ? _("checked") : _("DOES NOT MATCH"), r->head);
  }
  repRecordFree(&v);
  if (check == INV_PROBLEM)
    return (cliFail(cli, CLI_PROBLEM, "%s", problem));
  return (CLI_OK);
}
