/*
 * printctl printer add|list|remove|load|unload|check|pause|resume: card
 * printers (CUPS queues) and their hoppers (ledger accounts).
 */

#include "commands.h"
#include "../cups/cupsjob.h"
#include "blanko/print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Options of the printer commands, checked by cliMain before the ledger opens. */
const struct option cmdPrinterAddOptions[] =
{
  { "queue", required_argument, NULL, 'q' },
  { "location", required_argument, NULL, 'l' },
  { "force", no_argument, NULL, 'f' },
  { NULL, 0, NULL, 0 }
};

const struct option cmdPrinterLoadOptions[] =
{
  { "serials", required_argument, NULL, 's' },
  { NULL, 0, NULL, 0 }
};

const struct option cmdPrinterCheckOptions[] =
{
  { "next", required_argument, NULL, 'n' },
  { NULL, 0, NULL, 0 }
};

const struct option cmdPrinterPauseOptions[] =
{
  { "reason", required_argument, NULL, 'r' },
  { NULL, 0, NULL, 0 }
};


/* Parse options into vals (by option index); the one NAME argument. */
static int
parse(cli_t *cli, int argc, char *argv[], const char **vals, const char **name)
{
  int c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    for (int i = 0; cliGetOptions(cli) && cliGetOptions(cli)[i].name; i ++)
      if (cliGetOptions(cli)[i].val == c)
        vals[i] = optarg ? optarg : "";	/* "" for a flag */
  }
  if (optind != argc - 1)
    return (cliUsage(cli, _("give one printer NAME")));
  *name = argv[optind];
  return (CLI_OK);
}


/* Can CUPS queue `queue` take cards?  CLI_OK, or CLI_REFUSED with why:
 * no such queue, no ID-1 card size, or cupsd unreachable. */
static int
queue_check(cli_t      *cli,		/* I - Command context */
            const char *queue)		/* I - CUPS queue */
{
  cj_printer_t	*cj = NULL;
  cj_status_t	cs = cjPrinterOpen(queue, cliGetActor(cli), &cj);
  int		result = CLI_OK;

  if (cs == CJ_NOT_FOUND)
    result = cliFail(cli, CLI_REFUSED, _("CUPS has no queue %s (install it first, or add the printer with --force)"), queue);
  else if (cs == CJ_UNAVAILABLE)
    result = cliFail(cli, CLI_REFUSED, _("cannot check CUPS queue %s: CUPS unreachable: %s (or add the printer with --force)"),
                     queue, cjPrinterErrmsg(cj));
  else if (cs != CJ_OK)
    result = cliFail(cli, CLI_REFUSED, _("CUPS queue %s cannot take ID-1 cards: %s"), queue, cjPrinterErrmsg(cj));
  cjPrinterClose(cj);
  return (result);
}


/* printer add NAME --queue QUEUE --location PRINTROOM [--force]
 * (CLI_SELF: CUPS is asked about the queue before the write transaction,
 * so that no writer waits on CUPS) */
int
cmdPrinterAdd(cli_t *cli, int argc, char *argv[])
{
  const char	*v[3] = { NULL, NULL, NULL }, *name;
  int		result;
  inv_status_t	status;

  if ((result = parse(cli, argc, argv, v, &name)) != CLI_OK)
    return (result);
  if (!v[0] || !v[1])
    return (cliUsage(cli, _("--queue and --location are required")));
  if (!v[2] && (result = queue_check(cli, v[0])) != CLI_OK)
    return (result);
  if ((status = invDbBegin(cliGetDb(cli))) != INV_OK)
    return (cliFailDb(cli, status));
  if ((status = invPrinterAdd(cliGetDb(cli), name, v[0], v[1])) != INV_OK || (status = invDbCommit(cliGetDb(cli))) != INV_OK)
  {
    result = cliFailDb(cli, status);
    invDbRollback(cliGetDb(cli));
    return (result);
  }
  printf(_("Printer %s added: CUPS queue %s, hopper hopper.%s, print room %s.\n"), name, v[0], name, v[1]);
  return (CLI_OK);
}


/* printer remove NAME */
int
cmdPrinterRemove(cli_t *cli, int argc, char *argv[])
{
  const char	*name;
  int		result;
  inv_status_t	status;

  if ((result = parse(cli, argc, argv, NULL, &name)) != CLI_OK)
    return (result);
  if ((status = invPrinterRemove(cliGetDb(cli), name)) != INV_OK)
    return (cliFailDb(cli, status));
  printf(_("Printer %s removed.\n"), name);
  return (CLI_OK);
}


/* printer load NAME --serials LIST */
int
cmdPrinterLoad(cli_t *cli, int argc, char *argv[])
{
  const char	*v[1] = { NULL }, *name;
  inv_list_t	*list = NULL;
  int		result;
  inv_status_t	status;

  if ((result = parse(cli, argc, argv, v, &name)) != CLI_OK)
    return (result);
  if (!v[0])
    return (cliUsage(cli, _("--serials is required")));
  if ((result = cliParseList(cli, "--serials", v[0], &list)) == CLI_OK)
  {
    if ((status = invPrinterLoad(cliGetDb(cli), name, list, NULL)) != INV_OK)
      result = cliFailDb(cli, status);
    else
    {
      char n[32];				/* The count, grouped */

      printf(P_("Loaded %s blank into printer %s.\n", "Loaded %s blanks into printer %s.\n",
                invListGetSerialCount(list)), i18nCount(invListGetSerialCount(list), n, sizeof(n)), name);
    }
  }
  invListDelete(list);
  return (result);
}


/* printer unload NAME */
int
cmdPrinterUnload(cli_t *cli, int argc, char *argv[])
{
  const char	*name;
  inv_list_t	*moved = invListNew();
  char		*text;
  int		result;
  inv_status_t	status;

  if (!moved)
    return (cliFailNoMemory(cli));
  if ((result = parse(cli, argc, argv, NULL, &name)) == CLI_OK)
  {
    if ((status = invPrinterUnload(cliGetDb(cli), name, moved)) != INV_OK)
      result = cliFailDb(cli, status);
    else
    {
      char n[32];				/* The count, grouped */

      text = invListFormatCopy(moved);
      printf(P_("Returned %s blank from printer %s to its print room: %s\n",
                "Returned %s blanks from printer %s to its print room: %s\n", invListGetSerialCount(moved)),
             i18nCount(invListGetSerialCount(moved), n, sizeof(n)), name, text ? text : "");
      free(text);
    }
  }
  invListDelete(moved);
  return (result);
}


/* printer check NAME --next SERIAL */
int
cmdPrinterCheck(cli_t *cli, int argc, char *argv[])
{
  const char	*v[1] = { NULL }, *name;
  char		expected[INV_RANGE_MAX];
  bool		match;
  int		result;
  inv_status_t	status;

  if ((result = parse(cli, argc, argv, v, &name)) != CLI_OK)
    return (result);
  if (!v[0])
    return (cliUsage(cli, _("--next SERIAL is required")));
  if ((status = invPrinterCheck(cliGetDb(cli), name, v[0], &match, expected, sizeof(expected))) != INV_OK)
    return (cliFailDb(cli, status));
  if (match)
  {
    printf(_("Printer %s: the next card is %s, as the ledger expects.\n"), name, expected);
    return (CLI_OK);
  }
  /* The discrepancy is recorded (committed); the exit status says so. */
  return (cliFail(cli, CLI_PROBLEM, _("printer %s: the next card is %s but the ledger expects %s; the printer takes no work until a check matches"),
                  name, v[0], *expected ? expected : _("an empty hopper")));
}


/* printer pause NAME [--reason TEXT] */
int
cmdPrinterPause(cli_t *cli, int argc, char *argv[])
{
  const char	*v[1] = { NULL }, *name;
  int		result;
  inv_status_t	status;

  if ((result = parse(cli, argc, argv, v, &name)) != CLI_OK)
    return (result);
  if ((status = invPrinterPause(cliGetDb(cli), name, v[0])) != INV_OK)
    return (cliFailDb(cli, status));
  printf(_("Printer %s paused.\n"), name);
  return (CLI_OK);
}


/* printer resume NAME: also starts the CUPS queue (cupsd stops a queue
 * whose printer failed a job). */
int
cmdPrinterResume(cli_t *cli, int argc, char *argv[])
{
  const char	*name;
  inv_printer_t	p;
  cj_printer_t	*cj = NULL;
  int		result;
  inv_status_t	status;

  if ((result = parse(cli, argc, argv, NULL, &name)) != CLI_OK)
    return (result);
  if ((status = invPrinterGet(cliGetDb(cli), name, &p)) != INV_OK ||
      (status = invPrinterResume(cliGetDb(cli), name)) != INV_OK)
    return (cliFailDb(cli, status));
  if (cjPrinterOpen(p.queue, cliGetActor(cli), &cj) != CJ_OK || cjPrinterResume(cj) != CJ_OK)
    result = cliFail(cli, CLI_REFUSED, _("cannot start CUPS queue %s: %s"), p.queue, cjPrinterErrmsg(cj));
  else
    printf(_("Printer %s resumed.\n"), name);
  cjPrinterClose(cj);
  return (result);
}


/* State for printer list. */
typedef struct list_s
{
  cli_t		*cli;
  json_t	*all;
  inv_status_t	status;
  cj_conn_t	*conn;			/* One connection to cupsd for all the
					   printers (NULL: each its own) */
} list_t;


/* One printer of the list, with its CUPS state and its hopper. */
static void
list_one(void *ctx, const inv_printer_t *p)
{
  list_t	*l = ctx;
  cj_printer_t	*cj = NULL;
  cj_queue_info_t q;
  cj_status_t	cs;
  inv_list_t	*held = invListNew();
  char		*ranges = NULL, cups[700], reason[sizeof(p->reason) + 128], count[32];
  static const char * const pstates[] = { "?", "?", "?", "idle", "processing", "stopped" };

  memset(&q, 0, sizeof(q));
  if ((cs = cjPrinterOpen2(l->conn, p->queue, cliGetActor(l->cli), &cj)) == CJ_OK && (cs = cjPrinterQuery(cj, &q)) == CJ_OK)
  {
    invTextSafe(q.reasons, q.reasons, sizeof(q.reasons));	/* CUPS's text, shown safely */
    invTextSafe(q.message, q.message, sizeof(q.message));
    snprintf(cups, sizeof(cups), "%s%s%s%s%s", pstates[q.state >= 3 && q.state <= 5 ? q.state : 0],
             q.accepting ? "" : ", not accepting", q.reasons[0] && strcmp(q.reasons, "none") ? ", " : "",
             strcmp(q.reasons, "none") ? q.reasons : "", "");
  }
  else if (cs == CJ_NOT_FOUND)
    snprintf(cups, sizeof(cups), "no such queue");
  else if (cs == CJ_UNAVAILABLE)
    snprintf(cups, sizeof(cups), "unreachable: %s", cjPrinterErrmsg(cj));
  else
    snprintf(cups, sizeof(cups), "error: %s", cjPrinterErrmsg(cj));
  invTextSafe(cups, cups, sizeof(cups));
  cjPrinterClose(cj);
  if (held && (l->status = invHoldingCopyList(cliGetDb(l->cli), p->hopper, held)) == INV_OK)
    ranges = invListFormatCopy(held);
  invListDelete(held);
  if (cliGetJson(l->cli))
    json_array_append_new(l->all, json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:s,s:s,s:s}", "name", p->name, "queue", p->queue,
                                            "location", p->location, "state", p->state, "reason", p->reason,
                                            "hopper_count", (json_int_t)p->hopper_count, "hopper", ranges ? ranges : "",
                                            "cups", cups, "cups_message", q.message));
  else
    printf(_("%-12s %-12s %-10s %-13s hopper %s [%s] CUPS %s%s%s%s%s\n"), p->name, p->queue, p->location,
           invVocabLabel(INV_VOCAB_PRINTER_STATE, p->state),
           i18nCount(p->hopper_count, count, sizeof(count)), ranges ? ranges : "", cups, q.message[0] ? " (" : "", q.message,
           q.message[0] ? ")" : "", p->reason[0] ? "" : "");
  if (!cliGetJson(l->cli) && p->reason[0])
    printf("             %s\n", invTextSafe(invPrinterReasonText(p->reason, reason, sizeof(reason)), reason, sizeof(reason)));
  free(ranges);
}


/* printer list */
int
cmdPrinterList(cli_t *cli, int argc, char *argv[])
{
  list_t	l = { cli, json_array(), INV_OK, NULL };
  inv_status_t	status;

  if (optind < argc && cliGetOption(cli, argc, argv, NULL) == CLI_OPTION_ERROR)
    return (CLI_USAGE);
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument \"%s\""), argv[optind]));
  l.conn = cjConnNew();
  status = invPrinterList(cliGetDb(cli), list_one, &l);
  cjConnDelete(l.conn);
  if (status != INV_OK || (status = l.status) != INV_OK)
  {
    json_decref(l.all);
    return (cliFailDb(cli, status));
  }
  if (cliGetJson(cli))
    cliJsonPrint(l.all);
  else
    json_decref(l.all);
  return (CLI_OK);
}
