/*
 * inventory writeoff, writeoff approve|cancel|list|show: stocktake losses
 * written off under dual control (cancel, list and show share their
 * bodies with destroy's, in record.c).
 */

#include "commands.h"
#include "../report/report-private.h"

#include <inttypes.h>
#include <stdio.h>


/* A stocktake loss at a location, waiting for another person's approval. */
int
cmdWriteoff(cli_t *cli,			/* I - Command context */
            int   argc,			/* I - Arguments */
            char  *argv[])
{
  const char	*location = NULL, *reason = NULL;
  inv_list_t	*list;
  int64_t	id = 0;
  inv_status_t	status;
  int		result;

  if ((result = cmdSerialArgs(cli, argc, argv, &location, &list, &reason, NULL, NULL)) == CLI_OK)
  {
    if ((status = invWriteoffPrepare(cliGetDb(cli), location, list, reason, &id)) != INV_OK)
      result = cliFailDb(cli, status);
    else if (cliGetJson(cli))
      cliJsonPrint(json_pack("{s:I,s:s,s:I}", "id", (json_int_t)id, "location", location, "count",
                             (json_int_t)invListGetSerialCount(list)));
    else
    {
      char n[32];				/* The count, grouped */

      printf(P_("Write-off %" PRId64 " prepared: %s blank at %s; another auditor or admin must approve it "
                "('inventory writeoff approve %" PRId64 "').\n",
                "Write-off %" PRId64 " prepared: %s blanks at %s; another auditor or admin must approve it "
                "('inventory writeoff approve %" PRId64 "').\n", invListGetSerialCount(list)),
             id, i18nCount(invListGetSerialCount(list), n, sizeof(n)), location, id);
    }
  }
  invListDelete(list);
  return (result);
}


/* Approve a write-off: its blanks move to "lost". */
int
cmdWriteoffApprove(cli_t *cli,		/* I - Command context */
                   int   argc,		/* I - Arguments */
                   char  *argv[])
{
  int64_t	id;
  int		result;
  rep_record_t	v;
  inv_status_t	status;

  if ((result = cmdRecordStep(cli, INV_RECORD_WRITEOFF, true, argc, argv, &id)) != CLI_OK)
    return (result);
  if ((status = repRecordLoad(cliGetDb(cli), INV_RECORD_WRITEOFF, id, &v)) != INV_OK)
  {
    repRecordFree(&v);
    return (cliFailDb(cli, status));
  }
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id, "state", "executed", "number", v.record->number));
  else
  {
    printf(_("Write-off %" PRId64 " approved; its blanks are now in 'lost'.\n"), id);
    printf(_("Official number: %s\n"), v.record->number);
  }
  repRecordFree(&v);
  return (CLI_OK);
}


/* writeoff cancel: cancel a write-off not yet approved. */
int
cmdWriteoffCancel(cli_t *cli,		/* I - Command context */
                  int   argc,		/* I - Arguments */
                  char  *argv[])
{
  return (cmdRecordCancel(cli, INV_RECORD_WRITEOFF, argc, argv));
}


/* writeoff list: list write-offs. */
int
cmdWriteoffList(cli_t *cli,		/* I - Command context */
                int   argc,		/* I - Arguments */
                char  *argv[])
{
  return (cmdRecordList(cli, INV_RECORD_WRITEOFF, argc, argv));
}


/* writeoff show: show one write-off. */
int
cmdWriteoffShow(cli_t *cli,		/* I - Command context */
                int   argc,		/* I - Arguments */
                char  *argv[])
{
  return (cmdRecordShow(cli, INV_RECORD_WRITEOFF, argc, argv));
}
