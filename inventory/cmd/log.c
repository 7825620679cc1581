/*
 * inventory log: the event log.
 */

#include "commands.h"
#include "blanko/date.h"

#include <inttypes.h>
#include <stdio.h>


/* One event as a line or a JSON object. */
static void
log_row(void *ctx, const inv_event_t *e)
{
  json_t	*array = ctx;
  char		ref[512],		/* stored text, shown safely (and JSON
					   drops what is not UTF-8) */
		when[48], day[16];	/* the office's local time and date */

  invTextSafe(e->ref, ref, sizeof(ref));
  if (array)
  {
    json_t *detail = e->detail[0] ? json_loads(e->detail, 0, NULL) : NULL;

    json_array_append_new(array, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:o?,s:I,s:s}", "event", (json_int_t)e->id,
                                           "time", e->time, "local_date", invDateLocalDate(e->time, day, sizeof(day)),
                                           "actor", e->actor, "via", e->via, "kind", e->kind,
                                           "ref", ref, "detail", detail, "moved", (json_int_t)e->moved,
                                           "hash", e->hash));
  }
  else
  {
    char kind[128], moved[32], via[160] = "";	/* the kind in words (JSON keeps the code) */

    if (e->via[0])
      snprintf(via, sizeof(via), _("  via %s"), e->via);
    printf("%8" PRId64 "  %-24s  %-12s %-14s %10s  %s%s\n", e->id,
           invDateFormatLocal(e->time, true, when, sizeof(when)), e->actor,
           invVocabTerm(INV_VOCAB_EVENT_KIND, e->kind, kind, sizeof(kind)), i18nCount(e->moved, moved, sizeof(moved)),
           ref, via);
  }
}


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdLogOptions[] =
{
  { "since", required_argument, NULL, 's' },
  { "limit", required_argument, NULL, 'l' },
  { NULL, 0, NULL, 0 }
};


/* Show the event log, newest first. */
int
cmdLog(cli_t *cli,			/* I - Command context */
       int   argc,			/* I - Arguments */
       char  *argv[])
{
  const char	*since = NULL;
  int64_t	limit = -1;
  json_t	*array;
  inv_status_t	status;
  int		c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    if (c == 's')
      since = optarg;
    else if (!cliParseCount(optarg, &limit))
      return (cliFail(cli, CLI_REFUSED, _("--limit: \"%s\" is not a count"), optarg));
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  array = cliGetJson(cli) ? json_array() : NULL;
  if (!array)
    printf("%8s  %-24s  %-12s %-14s %10s  %s\n", _("EVENT"), _("TIME"), _("ACTOR"), _("KIND"), _("MOVED"),
           _("REFERENCE"));
  status = invLog(cliGetDb(cli), since, limit, log_row, array);
  return (cliListDone(cli, status, array));
}
