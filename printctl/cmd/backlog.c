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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEES_PERSONAL	(INV_ROLE_PRINTROOM | INV_ROLE_AUDITOR | INV_ROLE_ADMIN)

typedef struct bl_row_s			/* One waiting request, as the backlog needs it */
{
  int64_t		id;		/* Request id */
  long			days;		/* Waiting days */
  char			recorded[11];	/* Day recorded */
  const char		*category;	/* Its category (static text) */
  char			*district;	/* Kecamatan, or "" */
  char			nik4[5];	/* Last four digits of the NIK (for --list) */
} bl_row_t;

typedef struct bl_s			/* The backlog being read */
{
  char			today[11];	/* Office's day */
  bl_row_t		*rows;
  size_t		count, alloc;
  bool			nomem;
} bl_t;

typedef struct bl_stats_s		/* Figures of a set of waiting requests */
{
  long			count, oldest, median, p90, overdue;
} bl_stats_t;


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


/* Keep one waiting request. */
static void
bl_add(void                *ctx,	/* I - bl_t */
       const inv_waiting_t *w)		/* I - Waiting request */
{
  bl_t		*b = (bl_t *)ctx;
  bl_row_t	*r;
  size_t	len;

  if (b->nomem)
    return;
  if (b->count == b->alloc)
  {
    size_t	n = b->alloc ? 2 * b->alloc : 1024;
    bl_row_t	*more = realloc(b->rows, n * sizeof(bl_row_t));

    if (!more)
    {
      b->nomem = true;
      return;
    }
    b->rows = more;
    b->alloc = n;
  }
  r = b->rows + b->count;
  memset(r, 0, sizeof(*r));
  r->id = w->id;
  snprintf(r->recorded, sizeof(r->recorded), "%s", w->recorded);
  if (!invDateDaysBetween(r->recorded, b->today, &r->days) || r->days < 0)
    r->days = 0;
  r->category = invRequestCategory(w->category);
  if (!r->category)
    r->category = "new";
  len = strlen(w->nik);
  snprintf(r->nik4, sizeof(r->nik4), "%s", len >= 4 ? w->nik + len - 4 : w->nik);
  if ((r->district = strdup(w->district)) == NULL)
  {
    b->nomem = true;
    return;
  }
  b->count ++;
}


/* Order of rows: by waiting days, longest first. */
static int
by_days(const void *a, const void *b)
{
  long da = ((const bl_row_t *)a)->days, db = ((const bl_row_t *)b)->days;

  return (da < db ? 1 : da > db ? -1 : 0);
}


/* Figures of rows[0..n-1] (sorted by days, longest first): nearest rank. */
static bl_stats_t
bl_stats(const bl_row_t *rows,		/* I - Rows, longest wait first */
         size_t         n,		/* I - How many */
         int            target)		/* I - Service target, days */
{
  bl_stats_t	s;

  memset(&s, 0, sizeof(s));
  s.count = (long)n;
  if (!n)
    return (s);
  s.oldest = rows[0].days;
  /* Ascending place k (1-based) is rows[n - k]; k = ceil(p * n) */
  s.median = rows[n - (n + 1) / 2].days;
  s.p90 = rows[n - (9 * n + 9) / 10].days;
  for (size_t i = 0; i < n && rows[i].days > target; i ++)
    s.overdue ++;
  return (s);
}


/* The figures as JSON, with a name when given. */
static json_t *
stats_json(const char       *key,	/* I - Member for name, or NULL */
           const char       *name,	/* I - Group */
           const bl_stats_t *s)		/* I - Figures */
{
  json_t *o = json_pack("{s:i,s:i,s:i,s:i,s:i}", "waiting", (int)s->count, "oldest_days", (int)s->oldest,
                        "median_days", (int)s->median, "p90_days", (int)s->p90, "overdue", (int)s->overdue);

  if (key)
    json_object_set_new(o, key, json_string(name));
  return (o);
}


/* A group's line of the text table. */
static void
stats_line(const char       *name,	/* I - Group */
           const bl_stats_t *s)		/* I - Figures */
{
  char safe[256];

  printf("%-24s %8ld %7ld %7ld %7ld %12ld\n", invTextSafe(name, safe, sizeof(safe)), s->count, s->oldest,
         s->median, s->p90, s->overdue);
}


/* Key of a row for a grouping: 0 kecamatan, 1 category. */
static const char *
row_key(const bl_row_t *r,		/* I - Row */
        int            group)		/* I - Grouping */
{
  return (group ? r->category : r->district);
}


static int sort_group;			/* Grouping qsort is ordering by */

/* Order of rows: by group key, then longest wait first. */
static int
by_group(const void *a, const void *b)
{
  int c = strcmp(row_key(a, sort_group), row_key(b, sort_group));

  return (c ? c : by_days(a, b));
}


/* The figures per group (kecamatan or category), as text or into a JSON array. */
static void
bl_groups(bl_t   *b,			/* I - Backlog (rows reordered) */
          int    group,			/* I - 0 kecamatan, 1 category */
          int    target,		/* I - Service target */
          json_t *array)		/* I - JSON array, or NULL for text */
{
  sort_group = group;
  qsort(b->rows, b->count, sizeof(bl_row_t), by_group);
  if (!array)
    printf("\n%-24s %8s %7s %7s %7s %12s\n", group ? _("CATEGORY") : _("KECAMATAN"), _("WAITING"), _("OLDEST"),
           _("MEDIAN"), _("P90"), _("PAST TARGET"));
  for (size_t i = 0, j; i < b->count; i = j)
  {
    const char	*key = row_key(b->rows + i, group);
    bl_stats_t	s;

    for (j = i + 1; j < b->count && !strcmp(row_key(b->rows + j, group), key); j ++);
    s = bl_stats(b->rows + i, j - i, target);
    if (array)
      json_array_append_new(array, stats_json(group ? "category" : "kecamatan", key, &s));
    else
      stats_line(*key ? key : "-", &s);
  }
}


/* The requests past the target, for a clerk: id, recorded day, days,
 * category, kecamatan and the NIK masked to its last four digits. */
static void
bl_list(bl_t   *b,			/* I - Backlog */
        int    target,			/* I - Service target */
        json_t *array)			/* I - JSON array, or NULL for text */
{
  qsort(b->rows, b->count, sizeof(bl_row_t), by_days);
  if (!array)
    printf("\n%8s  %-10s  %5s  %-16s  %-12s  %s\n", _("ID"), _("RECORDED"), _("DAYS"), _("NIK"), _("CATEGORY"),
           _("KECAMATAN"));
  for (size_t i = 0; i < b->count && b->rows[i].days > target; i ++)
  {
    const bl_row_t	*r = b->rows + i;
    char		masked[17], safe[256];

    snprintf(masked, sizeof(masked), "************%s", r->nik4);
    if (array)
      json_array_append_new(array, json_pack("{s:I,s:s,s:i,s:s,s:s,s:s}", "id", (json_int_t)r->id,
                                             "recorded", r->recorded, "days", (int)r->days, "nik", masked,
                                             "category", r->category, "kecamatan", r->district));
    else
      printf("%8lld  %-10s  %5ld  %-16s  %-12s  %s\n", (long long)r->id, r->recorded, r->days, masked,
             r->category, invTextSafe(r->district, safe, sizeof(safe)));
  }
}


/* printctl backlog [--list] */
int
cmdBacklog(cli_t *cli, int argc, char *argv[])
{
  bl_t		b;
  bool		list = false;
  int		c, target = cliGetConfig(cli)->target_days;
  inv_status_t	status;
  bl_stats_t	all;
  json_t	*out = NULL;

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

  memset(&b, 0, sizeof(b));
  invDateLocalToday(0, b.today, sizeof(b.today));
  if ((status = invRequestWaiting(cliGetDb(cli), b.today, bl_add, &b)) != INV_OK || b.nomem)
  {
    for (size_t i = 0; i < b.count; i ++)
      free(b.rows[i].district);
    free(b.rows);
    return (b.nomem ? cliFailNoMemory(cli) : cliFailDb(cli, status));
  }
  qsort(b.rows, b.count, sizeof(bl_row_t), by_days);
  all = bl_stats(b.rows, b.count, target);
  if (cliGetJson(cli))
  {
    json_t *groups;

    out = stats_json(NULL, NULL, &all);
    json_object_set_new(out, "today", json_string(b.today));
    json_object_set_new(out, "target_days", json_integer(target));
    json_object_set_new(out, "oldest_recorded", json_string(b.count ? b.rows[0].recorded : ""));
    bl_groups(&b, 0, target, groups = json_array());
    json_object_set_new(out, "by_kecamatan", groups);
    bl_groups(&b, 1, target, groups = json_array());
    json_object_set_new(out, "by_category", groups);
    if (list)
    {
      bl_list(&b, target, groups = json_array());
      json_object_set_new(out, "overdue_requests", groups);
    }
    cliJsonPrint(out);
    json_decref(out);
  }
  else
  {
    printf(_("Waiting requests on %s: %ld; past the service target of %d days: %ld.\n"), b.today, all.count, target,
           all.overdue);
    if (all.count)
      printf(_("Waiting days: oldest %ld (recorded %s), median %ld, 90th percentile %ld.\n"), all.oldest,
             b.rows[0].recorded, all.median, all.p90);
    bl_groups(&b, 0, target, NULL);
    bl_groups(&b, 1, target, NULL);
    if (list)
      bl_list(&b, target, NULL);
  }
  for (size_t i = 0; i < b.count; i ++)
    free(b.rows[i].district);
  free(b.rows);
  return (CLI_OK);
}


/* printctl prioritize (--nik NIK | --category CAT | --kecamatan NAME)...
 * --reason TEXT [--until DAY] [--level N] */
int
cmdPrioritize(cli_t *cli, int argc, char *argv[])
{
  inv_priority_t	p;
  int64_t		changed, level = 1;
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
    printf(P_("%lld request has priority %lld until %s.\n", "%lld requests have priority %lld until %s.\n", changed),
           (long long)changed, (long long)level, p.until);
  else
    printf(P_("%lld request has priority %lld.\n", "%lld requests have priority %lld.\n", changed),
           (long long)changed, (long long)level);
  return (CLI_OK);
}
