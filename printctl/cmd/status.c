/*
 * printctl status and printctl queue: per printer its state, current job
 * (with what CUPS says of it: waiting for cards, offline...) and hopper
 * count; the queue length and the backlog waiting for blanks.  queue also
 * lists the open jobs and the next pending requests.  Read-only.
 */

#include "commands.h"
#include "../cups/cupsjob.h"
#include "blanko/print.h"

#include <stdio.h>
#include <string.h>

typedef struct status_s
{
  cli_t		*cli;
  json_t	*printers;
  int64_t	blanks;			/* In hoppers of running printers */
  cj_conn_t	*conn;			/* One connection to cupsd for all the
					   printers (NULL: each its own) */
} status_t;


/* The open job of a printer. */
static void
first_open(void *ctx, const inv_print_job_t *j)
{
  inv_print_job_t *o = ctx;

  if (!o->id)
    *o = *j;
}


/* One printer: ledger state, open job and its CUPS state. */
static void
status_one(void *ctx, const inv_printer_t *p)
{
  status_t		*s = ctx;
  inv_print_job_t	j;
  cj_printer_t		*cj = NULL;
  cj_job_info_t		info;
  char			cups[700] = "", reason[sizeof(p->reason) + 128];
  json_t		*o;

  memset(&j, 0, sizeof(j));
  memset(&info, 0, sizeof(info));
  invPrintJobList(cliGetDb(s->cli), p->name, true, first_open, &j);
  if (!strcmp(p->state, "running"))
    s->blanks += p->hopper_count;
  if (j.id && j.cups_job_id)
  {
    if (cjPrinterOpen2(s->conn, p->queue, cliGetActor(s->cli), &cj) == CJ_OK &&
        cjJobQuery(cj, j.cups_job_id, &info) == CJ_OK)
      snprintf(cups, sizeof(cups), "%s%s%s%s%s", cjOutcomeString(info.outcome), info.reason[0] ? " (" : "",
               info.reason, info.message[0] ? ": " : "", info.message);
    else
      snprintf(cups, sizeof(cups), _("unknown: %s"), cjPrinterErrmsg(cj));
    if (info.reason[0] && strlen(cups) < sizeof(cups) - 2 && strchr(cups, '('))
      strcat(cups, ")");
    invTextSafe(cups, cups, sizeof(cups));	/* CUPS's text, shown safely */
    cjPrinterClose(cj);
  }
  o = json_pack("{s:s,s:s,s:s,s:I}", "name", p->name, "state", p->state, "reason", p->reason,
                "hopper_count", (json_int_t)p->hopper_count);
  if (j.id)
    json_object_set_new(o, "job", json_pack("{s:I,s:I,s:s,s:s,s:i,s:s}", "id", (json_int_t)j.id,
                                            "request", (json_int_t)j.request, "serial", j.serial, "state", j.state,
                                            "cups_job", j.cups_job_id, "cups", cups));
  json_array_append_new(s->printers, o);
  if (!cliGetJson(s->cli))
  {
    /* The states as labels in the user's language; JSON keeps the codes. */
    printf(_("%-12s %-13s hopper %-6lld"), p->name, invVocabLabel(INV_VOCAB_PRINTER_STATE, p->state),
           (long long)p->hopper_count);
    if (j.id)
      printf(_(" job %lld: request #%lld on %s, %s, CUPS job %d %s"), (long long)j.id, (long long)j.request, j.serial,
             invVocabLabel(INV_VOCAB_JOB_STATE, j.state), j.cups_job_id, cups);
    else
      printf(" %s", _("idle"));
    putchar('\n');
    if (p->reason[0])
      printf("             %s\n", invTextSafe(invPrinterReasonText(p->reason, reason, sizeof(reason)), reason, sizeof(reason)));
  }
}


/* The next pending request ids (queue). */
static void
pending_id(void *ctx, const inv_request_t *r)
{
  json_t *a = ctx;

  if (json_array_size(a) < 20)
    json_array_append_new(a, json_integer(r->id));
}


/* status and queue share this; queue adds the pending ids. */
static int
show(cli_t *cli, int argc, char *argv[], bool queue)
{
  status_t	s = { cli, json_array(), 0, NULL };
  int64_t	pending = 0, submitted = 0, suspect = 0;
  json_t	*next = json_array(), *out;
  inv_status_t	status;

  if (cliGetOption(cli, argc, argv, NULL) == CLI_OPTION_ERROR)
    return (CLI_USAGE);
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument \"%s\""), argv[optind]));
  s.conn = cjConnNew();
  status = invPrinterList(cliGetDb(cli), status_one, &s);
  cjConnDelete(s.conn);
  if (status != INV_OK ||
      (status = invRequestCount(cliGetDb(cli), "pending", &pending)) != INV_OK ||
      (status = invRequestCount(cliGetDb(cli), "submitted", &submitted)) != INV_OK ||
      (status = invRequestCount(cliGetDb(cli), "suspect", &suspect)) != INV_OK ||
      (queue && (status = invRequestList(cliGetDb(cli), "pending", NULL, pending_id, next)) != INV_OK))
  {
    json_decref(s.printers);
    json_decref(next);
    return (cliFailDb(cli, status));
  }
  if (cliGetJson(cli))
  {
    out = json_pack("{s:o,s:I,s:I,s:I,s:I}", "printers", s.printers, "pending", (json_int_t)pending,
                    "at_printers", (json_int_t)submitted, "suspect", (json_int_t)suspect,
                    "backlog_without_blanks", (json_int_t)(pending > s.blanks ? pending - s.blanks : 0));
    if (queue)
      json_object_set_new(out, "next", next);
    else
      json_decref(next);
    cliJsonPrint(out);
    return (CLI_OK);
  }
  json_decref(s.printers);
  printf(_("Queue: %lld pending, %lld at printers, %lld suspect; %lld waiting for blanks.\n"), (long long)pending,
         (long long)submitted, (long long)suspect, (long long)(pending > s.blanks ? pending - s.blanks : 0));
  if (queue && json_array_size(next))
  {
    size_t	i;
    json_t	*v;

    printf(_("Next requests:"));
    json_array_foreach(next, i, v)
      printf(" #%lld", (long long)json_integer_value(v));
    putchar('\n');
  }
  json_decref(next);
  return (CLI_OK);
}


/* printctl status */
int
cmdStatus(cli_t *cli, int argc, char *argv[])
{
  return (show(cli, argc, argv, false));
}


/* printctl queue */
int
cmdQueue(cli_t *cli, int argc, char *argv[])
{
  return (show(cli, argc, argv, true));
}
