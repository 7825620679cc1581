/*
 * inventory unclaimed|return: printed cards nobody collected (issue 14,
 * item 5).  unclaimed lists the cards waiting at a kecamatan or kelurahan
 * for [distribution] unclaimed_days or more; return takes cards back to
 * the office ("returned") with a reason; unclaimed --invalidate makes the
 * cards returned as unclaimed [distribution] invalid_after_days ago or
 * more invalid (reason "unclaimed", through inventory invalid's path), so
 * that they can be destroyed.
 */

#include "commands.h"

#include "blanko/config.h"
#include "blanko/date.h"
#include "blanko/distribution.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Options of unclaimed, checked by cliMain before the ledger opens. */
const struct option cmdUnclaimedOptions[] =
{
  { "place", required_argument, NULL, 'p' },
  { "days", required_argument, NULL, 'd' },
  { "invalidate", no_argument, NULL, 'i' },
  { NULL, 0, NULL, 0 }
};


/* Options of return. */
const struct option cmdReturnOptions[] =
{
  { "serials", required_argument, NULL, 'l' },
  { "reason", required_argument, NULL, 'r' },
  { NULL, 0, NULL, 0 }
};


/* What the listing collects. */
typedef struct unclaimed_s
{
  json_t	*rows;			/* --json rows, or NULL */
  inv_list_t	*list;			/* Serials found (--invalidate) */
  int64_t	count;			/* Cards */
  bool		failed;
} unclaimed_t;


/* One range of cards held since one arrival (callback). */
static void
unclaimed_row(void             *ctx,	/* I - unclaimed_t */
              const inv_aged_t *g)	/* I - The cards */
{
  unclaimed_t	*u = ctx;
  char		range[INV_RANGE_MAX * 2 + 2], since[64], count[32];
  int64_t	n = g->range->last - g->range->first + 1;

  u->count += n;
  if (u->list && invListAdd(u->list, g->range) != INV_OK)
    u->failed = true;
  if (u->list)
    return;
  invRangeFormat(g->range, range, sizeof(range));
  invDateFormatLocal(g->since, false, since, sizeof(since));
  if (u->rows)
    json_array_append_new(u->rows, json_pack("{s:s,s:s,s:I,s:s,s:I}", "place", g->account, "serials", range, "count",
                                             (json_int_t)n, "since", g->since, "days", (json_int_t)g->days));
  else
    printf(P_("%-20s %-30s %6s card  since %s (%" PRId64 " days)\n",
              "%-20s %-30s %6s cards since %s (%" PRId64 " days)\n", n), g->account, range,
           i18nCount(n, count, sizeof(count)), since, g->days);
}


/* List unclaimed cards, or make those returned long ago invalid. */
int
cmdUnclaimed(cli_t *cli,		/* I - Command context */
             int   argc,		/* I - Arguments */
             char  *argv[])
{
  const blanko_config_t *config = cliGetConfig(cli);
  const char	*place = NULL, *days_text = NULL;
  bool		invalidate = false;
  int64_t	days, event = 0;
  unclaimed_t	u;
  inv_status_t	status;
  int		c, result = CLI_OK;
  char		n[32];			/* A count, grouped */

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR : return (CLI_USAGE);
      case 'p' : place = optarg; break;
      case 'd' : days_text = optarg; break;
      default : invalidate = true; break;
    }
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (invalidate && place)
    return (cliUsage(cli, _("--invalidate takes the returned cards of every place: give no --place")));
  days = invalidate ? config->invalid_after_days : config->unclaimed_days;
  if (days_text && (!cliParseCount(days_text, &days) || days < 1))
    return (cliFail(cli, CLI_REFUSED, _("--days: \"%s\" is not a number of days"), days_text));
  if (invalidate && !(cliGetRoles(cli) & (INV_ROLE_AUDITOR | INV_ROLE_ADMIN)))
    return (cliFail(cli, CLI_REFUSED, "%s", _("only an auditor or admin may make cards invalid")));

  memset(&u, 0, sizeof(u));
  if (invalidate)
  {
    if (!(u.list = invListNew()))
      return (cliFailNoMemory(cli));
    status = invUnclaimedExpired(cliGetDb(cli), days, time(NULL), unclaimed_row, &u);
    if (status == INV_OK && u.failed)
      result = cliFailNoMemory(cli);
    else if (status != INV_OK)
      result = cliFailDb(cli, status);
    else if (u.count == 0)
      result = cliFail(cli, CLI_REFUSED, _("no card was returned as unclaimed %" PRId64 " days ago or more"), days);
    else if ((status = invInvalidate(cliGetDb(cli), u.list, "unclaimed", NULL, NULL, &event)) != INV_OK)
      result = cliFailDb(cli, status);
    else if (cliGetJson(cli))
      cmdMovedJson(u.list, "unclaimed", event);
    else
    {
      char *ranges = invListFormatCopy(u.list);

      printf(P_("Made %s unclaimed card invalid: %s.\n", "Made %s unclaimed cards invalid: %s.\n",
                u.count), i18nCount(u.count, n, sizeof(n)), ranges ? ranges : "");
      free(ranges);
    }
    invListDelete(u.list);
    return (result);
  }

  if (cliGetJson(cli) && !(u.rows = json_array()))
    return (cliFailNoMemory(cli));
  status = invUnclaimedList(cliGetDb(cli), place, days, time(NULL), unclaimed_row, &u);
  if (cliGetJson(cli))
    return (cliListDone(cli, status, u.rows));
  if (status != INV_OK)
    return (cliFailDb(cli, status));
  printf(P_("%s card waiting %" PRId64 " days or more.\n", "%s cards waiting %" PRId64
            " days or more.\n", u.count), i18nCount(u.count, n, sizeof(n)), days);
  return (CLI_OK);
}


/* Take cards back from their places to the office. */
int
cmdReturn(cli_t *cli,			/* I - Command context */
          int   argc,			/* I - Arguments */
          char  *argv[])
{
  const char	*reason = NULL, *code;
  inv_list_t	*list;
  int64_t	events = 0;
  inv_status_t	status;
  int		result;

  if ((result = cmdSerialArgs(cli, argc, argv, NULL, &list, &reason, NULL, NULL)) == CLI_OK)
  {
    code = invVocabCode(INV_VOCAB_RETURN_REASON, reason);
    if ((status = invReturn(cliGetDb(cli), list, reason, &events)) != INV_OK)
      result = cliFailDb(cli, status);
    else if (cliGetJson(cli))
      cmdMovedJson(list, code, 0);
    else
    {
      char	*ranges = invListFormatCopy(list);
      int64_t	count = invListGetSerialCount(list);
      char	n[32];				/* The count, grouped */

      printf(P_("Returned %s card to the office (%s): %s.\n",
                "Returned %s cards to the office (%s): %s.\n", count), i18nCount(count, n, sizeof(n)), code,
             ranges ? ranges : "");
      free(ranges);
    }
  }
  invListDelete(list);
  return (result);
}
