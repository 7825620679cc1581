/*
 * printctl backlog and printctl prioritize (issue 15): the residents
 * waiting for their cards, and who goes first.
 *
 * backlog counts the waiting requests (pending, submitted, failed): how
 * many, the oldest, median and 90th percentile waiting days (nearest
 * rank: the value at place ceil(p * n) of the sorted days), those past the
 * office's service target ([service] target_days), in all, by kecamatan
 * and by category.  A waiting day is an office day from the day the
 * resident was recorded to today.  Counts only, never names; --list shows
 * a clerk (printroom, auditor, admin) the requests past the target, the
 * NIK masked to its last four digits.
 *
 * prioritize gives the waiting requests of a NIK, a category and/or a
 * kecamatan a priority until a day; printctl run takes the highest
 * priority in force first, then the oldest recorded day.  One
 * request.priority event per request, naming its id only.
 */

#include "commands.h"
#include "blanko/date.h"
#include "blanko/shapes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEES_PERSONAL	(INV_ROLE_PRINTROOM | INV_ROLE_AUDITOR | INV_ROLE_ADMIN)

/* Options of the commands, checked by cliMain before the ledger opens. */
const struct option cmdBacklogOptions[] =
{
  { "list", no_argument, NULL, 'l' },
  { NULL, 0, NULL, 0 }
};

const struct option cmdPrioritizeOptions[] =
{
  { "nik", required_argument, NULL, 'n' },
  { "category", required_argument, NULL, 'c' },
  { "kecamatan", required_argument, NULL, 'k' },
  { "until", required_argument, NULL, 'u' },
  { "reason", required_argument, NULL, 'r' },
  { "level", required_argument, NULL, 'L' },
  { NULL, 0, NULL, 0 }
};


/* A group's lines of the text table (by_kecamatan or by_category). */
static void
text_groups(json_t     *out,		/* I - The backlog's object */
            const char *member,		/* I - by_kecamatan or by_category */
            const char *key,		/* I - kecamatan or category */
            const char *title)		/* I - Column title, translated */
{
  size_t	i;
  json_t	*g;
  char		safe[256];

  printf("\n%-24s %8s %7s %7s %7s %12s\n", title, _("WAITING"), _("OLDEST"), _("MEDIAN"), _("P90"), _("PAST TARGET"));
  json_array_foreach(json_object_get(out, member), i, g)
  {
    const char *name = json_string_value(json_object_get(g, key));
    char	n[2][32];			/* Counts, grouped */

    printf("%-24s %8s %7ld %7ld %7ld %12s\n", invTextSafe(name && *name ? name : "-", safe, sizeof(safe)),
           i18nCount(json_integer_value(json_object_get(g, "waiting")), n[0], sizeof(n[0])),
           (long)json_integer_value(json_object_get(g, "oldest_days")),
           (long)json_integer_value(json_object_get(g, "median_days")),
           (long)json_integer_value(json_object_get(g, "p90_days")),
           i18nCount(json_integer_value(json_object_get(g, "overdue")), n[1], sizeof(n[1])));
  }
}


/* printctl backlog [--list]: the figures of invBacklogJson, as JSON or text. */
int
cmdBacklog(cli_t *cli, int argc, char *argv[])
{
  bool		list = false;
  int		c, target = cliGetConfig(cli)->target_days;
  inv_status_t	status;
  json_t	*out, *r;
  size_t	i;
  char		num[2][32];		/* Counts, grouped */

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    list = true;
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (list && !(cliGetRoles(cli) & SEES_PERSONAL))
    return (cliFail(cli, CLI_REFUSED, _("--list needs the printroom, auditor or admin role, which %s does not have"),
                    cliGetActor(cli)));
  if ((out = invBacklogJson(cliGetDb(cli), target, list, &status)) == NULL)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
  {
    cliJsonPrint(out);
    return (CLI_OK);
  }
  printf(_("Waiting requests on %s: %s; past the service target of %d days: %s.\n"),
         json_string_value(json_object_get(out, "today")),
         i18nCount(json_integer_value(json_object_get(out, "waiting")), num[0], sizeof(num[0])),
         target, i18nCount(json_integer_value(json_object_get(out, "overdue")), num[1], sizeof(num[1])));
  if (json_integer_value(json_object_get(out, "waiting")))
    printf(_("Waiting days: oldest %ld (recorded %s), median %ld, 90th percentile %ld.\n"),
           (long)json_integer_value(json_object_get(out, "oldest_days")),
           json_string_value(json_object_get(out, "oldest_recorded")),
           (long)json_integer_value(json_object_get(out, "median_days")),
           (long)json_integer_value(json_object_get(out, "p90_days")));
  text_groups(out, "by_kecamatan", "kecamatan", _("KECAMATAN"));
  text_groups(out, "by_category", "category", _("CATEGORY"));
  if (list)
  {
    char safe[256];

    printf("\n%8s  %-10s  %5s  %-16s  %-12s  %s\n", _("ID"), _("RECORDED"), _("DAYS"), _("NIK"), _("CATEGORY"),
           _("KECAMATAN"));
    json_array_foreach(json_object_get(out, "overdue_requests"), i, r)
      printf("%8lld  %-10s  %5ld  %-16s  %-12s  %s\n", (long long)json_integer_value(json_object_get(r, "id")),
             json_string_value(json_object_get(r, "recorded")), (long)json_integer_value(json_object_get(r, "days")),
             json_string_value(json_object_get(r, "nik")), json_string_value(json_object_get(r, "category")),
             invTextSafe(json_string_value(json_object_get(r, "kecamatan")), safe, sizeof(safe)));
  }
  json_decref(out);
  return (CLI_OK);
}


/* printctl prioritize (--nik NIK | --category CAT | --kecamatan NAME)...
 * --reason TEXT [--until DAY] [--level N] */
int
cmdPrioritize(cli_t *cli, int argc, char *argv[])
{
  inv_priority_t	p;
  int64_t		changed, level = 1;
  char			num[32];	/* The count, grouped */
  int			c;
  inv_status_t		status;

  memset(&p, 0, sizeof(p));
  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR :
          return (CLI_USAGE);
      case 'n' :
          p.nik = optarg;
          break;
      case 'c' :
          p.category = optarg;
          break;
      case 'k' :
          p.district = optarg;
          break;
      case 'u' :
          p.until = optarg;
          break;
      case 'r' :
          p.reason = optarg;
          break;
      case 'L' :
          if (!cliParseCount(optarg, &level) || level > 9)
            return (cliUsage(cli, "%s", _("--level is 0 to 9")));
          break;
    }
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!p.reason)
    return (cliUsage(cli, "%s", _("--reason is required")));
  p.priority = level;
  if ((status = invRequestPrioritize(cliGetDb(cli), &p, &changed)) != INV_OK)
    return (cliFailDb(cli, status));
  if (p.until && *p.until)
    printf(P_("%s request has priority %lld until %s.\n", "%s requests have priority %lld until %s.\n", changed),
           i18nCount(changed, num, sizeof(num)), (long long)level, p.until);
  else
    printf(P_("%s request has priority %lld.\n", "%s requests have priority %lld.\n", changed),
           i18nCount(changed, num, sizeof(num)), (long long)level);
  return (CLI_OK);
}
