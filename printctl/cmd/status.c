/*
 * printctl status and printctl queue: per printer its state, current job
 * (with what CUPS says of it: waiting for cards, offline...) and hopper
 * count; the queue length and the backlog waiting for blanks.  queue also
 * lists the open jobs and the next pending requests.  Read-only.
 */

#include "commands.h"
#include "../dispatch.h"
#include "blanko/print.h"

#include <stdio.h>
#include <string.h>

/* One printer's lines, from the status object's row. */
static void
status_text(json_t *p)			/* I - A printer of dspStatusJson */
{
  json_t	*j = json_object_get(p, "job");
  char		reason[700];

  /* The states as labels in the user's language; JSON keeps the codes. */
  printf(_("%-12s %-13s hopper %-6lld"), json_string_value(json_object_get(p, "name")),
         invVocabLabel(INV_VOCAB_PRINTER_STATE, json_string_value(json_object_get(p, "state"))),
         (long long)json_integer_value(json_object_get(p, "hopper_count")));
  if (j)
    printf(_(" job %lld: request #%lld on %s, %s, CUPS job %d %s"), (long long)json_integer_value(json_object_get(j, "id")),
           (long long)json_integer_value(json_object_get(j, "request")), json_string_value(json_object_get(j, "serial")),
           invVocabLabel(INV_VOCAB_JOB_STATE, json_string_value(json_object_get(j, "state"))),
           (int)json_integer_value(json_object_get(j, "cups_job")), json_string_value(json_object_get(j, "cups")));
  else
    printf(" %s", _("idle"));
  putchar('\n');
  if (json_string_length(json_object_get(p, "reason")))
    printf("             %s\n", invTextSafe(invPrinterReasonText(json_string_value(json_object_get(p, "reason")), reason, sizeof(reason)), reason, sizeof(reason)));
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
  json_t	*next = json_array(), *out, *p;
  inv_status_t	status;
  size_t	i;
  char		num[4][32];		/* Counts, grouped */

  if (cliGetOption(cli, argc, argv, NULL) == CLI_OPTION_ERROR)
    return (CLI_USAGE);
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument \"%s\""), argv[optind]));
  if ((out = dspStatusJson(cliGetDb(cli), cliGetActor(cli), &status)) == NULL ||
      (queue && (status = invRequestList(cliGetDb(cli), "pending", NULL, pending_id, next)) != INV_OK))
  {
    json_decref(out);
    json_decref(next);
    return (cliFailDb(cli, status));
  }
  if (cliGetJson(cli))
  {
    if (queue)
      json_object_set_new(out, "next", next);
    else
      json_decref(next);
    cliJsonPrint(out);
    return (CLI_OK);
  }
  json_array_foreach(json_object_get(out, "printers"), i, p)
    status_text(p);
  printf(_("Queue: %s pending, %s at printers, %s suspect; %s waiting for blanks.\n"),
         i18nCount(json_integer_value(json_object_get(out, "pending")), num[0], sizeof(num[0])),
         i18nCount(json_integer_value(json_object_get(out, "at_printers")), num[1], sizeof(num[1])),
         i18nCount(json_integer_value(json_object_get(out, "suspect")), num[2], sizeof(num[2])),
         i18nCount(json_integer_value(json_object_get(out, "backlog_without_blanks")), num[3], sizeof(num[3])));
  json_decref(out);
  if (queue && json_array_size(next))
  {
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
