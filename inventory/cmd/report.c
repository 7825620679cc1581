/*
 * inventory report destruction|reconcile|stock|backlog|supply|suket|
 * distribution: one wrapper reads the options and checks the arguments and
 * the format by a table of the reports, then calls the report (report-*.c
 * lay them out).
 */

#include "commands.h"
#include "../report/report-private.h"
#include "blanko/distribution.h"

#include <stdlib.h>
#include <string.h>


/* Options of the report commands, checked by cliMain before the ledger opens. */
const struct option cmdReportOptions[] =
{
  { "format", required_argument, NULL, 'f' },
  { "lang", required_argument, NULL, 'L' },
  { "output", required_argument, NULL, 'o' | CLI_SHORT | CLI_PATH },
  { "from", required_argument, NULL, 'F' },
  { "to", required_argument, NULL, 'T' },
  { "delivery-list", required_argument, NULL, 'D' },
  { NULL, 0, NULL, 0 }
};


/* What a report was given */
typedef struct report_args_s
{
  const char	*format,	/* --format (or json with --json) */
		*lang,		/* --lang, or NULL */
		*out,		/* -o FILE, or NULL */
		*from, *to,	/* --from, --to, or NULL */
		*list;		/* --delivery-list, or NULL */
  int64_t	id;		/* The record's ID (REPORT_ID) */
} report_args_t;

#define REPORT_ID	1	/* Takes a record ID; --format and -o are required */
#define REPORT_PERIOD	2	/* --from and --to are required */

typedef struct report_s		/* One report command, after git's dispatch table */
{
  const char	*name;		/* The word after "report" */
  const char	*takes;		/* Its options (letters of cmdReportOptions) */
  const char	*formats;	/* Its formats, "a|b|c" */
  unsigned	flags;		/* REPORT_ID, REPORT_PERIOD */
  int		(*run)(cli_t *cli, const report_args_t *a);	/* What writes it */
} report_t;


/* Read the options of a report; those it does not take are usage errors.
 * The global --json stands for --format json; --format, if given, wins. */
static int
report_options(cli_t         *cli,	/* I - Command context */
               int           argc,	/* I - Arguments */
               char          *argv[],	/* I - Arguments */
               const char    *takes,	/* I - The options it takes (letters) */
               report_args_t *a)	/* IO - What it was given */
{
  int c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    if (!strchr(takes, c))
    {
      const struct option *o = cliGetOptions(cli);

      while (o->name && o->val != c)
        o ++;
      return (cliUsage(cli, _("%s does not take --%s"), cliGetCommandName(cli), o->name ? o->name : "?"));
    }
    switch (c)
    {
      case 'f' : a->format = optarg; break;
      case 'L' : a->lang = optarg; break;
      case 'o' :
      case 'o' | CLI_SHORT : a->out = optarg; break;
      case 'F' : a->from = optarg; break;
      case 'T' : a->to = optarg; break;
      case 'D' : a->list = optarg; break;
    }
  }
  if (a->lang && strcmp(a->lang, "id") && strcmp(a->lang, "en"))
    return (cliFail(cli, CLI_REFUSED, _("--lang: \"%s\" is neither id (Indonesian) nor en (English)"), a->lang));
  return (CLI_OK);
}


/* Is format one of the words in list ("a|b|c")? */
static bool
format_ok(const char *format, const char *list)
{
  size_t len = strlen(format);

  for (const char *p = list; *p; p += strcspn(p, "|"), p += *p == '|')
    if (strcspn(p, "|") == len && !strncmp(p, format, len))
      return (true);
  return (false);
}


/* The destruction record as PDF, CSV or JSON (Indonesian unless --lang). */
static int
run_destruction(cli_t *cli, const report_args_t *a)
{
  return (repDestruction(cli, a->id, a->format, a->lang ? a->lang : "id", a->out));
}


/* The reconciliation of a period. */
static int
run_reconcile(cli_t *cli, const report_args_t *a)
{
  return (repReconcile(cli, a->from, a->to, a->format, a->lang, a->out));
}


/* Stock per location, use and days left. */
static int
run_stock(cli_t *cli, const report_args_t *a)
{
  return (repStock(cli, a->format, a->lang, a->out));
}


/* The backlog of card requests week by week, and the days to clear it. */
static int
run_backlog(cli_t *cli, const report_args_t *a)
{
  return (repBacklog(cli, a->format, a->lang, a->out));
}


/* Requests for blanks, days at zero stock and blanks needed. */
static int
run_supply(cli_t *cli, const report_args_t *a)
{
  return (repSupply(cli, a->from, a->to, a->format, a->lang, a->out));
}


/* The suket outstanding by kecamatan and expiring within 30 days (counts). */
static int
run_suket(cli_t *cli, const report_args_t *a)
{
  rep_lang_t	saved;
  int		result;

  if (!a->lang || strcmp(a->format, "text"))	/* text in the user's language; CSV and JSON are data */
    return (repSuket(cli, a->format, false, a->out));
  repDocLangBegin(&saved, !strcmp(a->lang, "en"));
  result = repSuket(cli, a->format, false, a->out);
  repDocLangEnd(&saved);
  return (result);
}


/* Printed cards by kecamatan and kelurahan, or a kelurahan's delivery list. */
static int
run_distribution(cli_t *cli, const report_args_t *a)
{
  if (a->list && !(cliGetRoles(cli) & (INV_ROLE_DISTRIBUTION | INV_ROLE_AUDITOR | INV_ROLE_ADMIN)))
    return (cliFail(cli, CLI_REFUSED, _("--delivery-list needs the distribution, auditor or admin role, which %s does not have"),
                    cliGetActor(cli)));
  if (a->list && invPlaceCheckActor(cliGetDb(cli), a->list) != INV_OK)	/* staff of one place: that place only */
    return (cliFailDb(cli, INV_REFUSED));
  return (repDistribution(cli, a->format, a->lang, a->out, a->list));
}


static const report_t reports[] =	/* The report commands */
{
  { "destruction", "fLo", "pdf|csv|json", REPORT_ID, run_destruction },
  { "reconcile", "fLoFT", "text|pdf|csv|json", REPORT_PERIOD, run_reconcile },
  { "stock", "fLo", "text|pdf|json", 0, run_stock },
  { "backlog", "fLo", "text|pdf|csv|json", 0, run_backlog },
  { "supply", "fLoFT", "text|pdf|csv|json", 0, run_supply },
  { "suket", "fLo", "text|csv|json", 0, run_suket },
  { "distribution", "fLoD", "text|pdf|csv|json", 0, run_distribution }
};


/* Run a report command: its options and arguments checked by its entry in
 * reports, then its report written. */
int
cmdReport(cli_t *cli,			/* I - Command context */
          int   argc,			/* I - Arguments */
          char  *argv[])
{
  const char	*name = cliGetCommandName(cli) + strlen("report ");
  const report_t *r = reports;
  report_args_t	a;
  char		formats[64];
  int		result;

  while (r < reports + sizeof(reports) / sizeof(reports[0]) && strcmp(r->name, name))
    r ++;
  if (r == reports + sizeof(reports) / sizeof(reports[0]))
    abort();				/* A report command without its entry */
  memset(&a, 0, sizeof(a));
  a.format = cliGetJson(cli) ? "json" : (r->flags & REPORT_ID) ? NULL : "text";
  if ((result = report_options(cli, argc, argv, r->takes, &a)) != CLI_OK)
    return (result);
  if (r->flags & REPORT_ID)
  {
    if ((result = cmdRecordId(cli, argc, argv, &a.id)) != CLI_OK)
      return (result);
    if (!a.format || !a.out)
      return (cliUsage(cli, _("--format and -o FILE are required")));
  }
  else if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if ((r->flags & REPORT_PERIOD) && (!a.from || !a.to))
    return (cliUsage(cli, _("--from and --to are required")));
  if (!format_ok(a.format, r->formats))
  {
    size_t n = 0;

    for (const char *p = r->formats; *p && n < sizeof(formats) - 3; p ++)	/* "a|b" is said "a, b" */
      if (*p == '|')
      {
        formats[n ++] = ',';
        formats[n ++] = ' ';
      }
      else
        formats[n ++] = *p;
    formats[n] = '\0';
    return (cliFail(cli, CLI_REFUSED, _("--format: \"%s\" is not one of %s"), a.format, formats));
  }
  if (!strcmp(a.format, "pdf") && !a.out)
    return (cliUsage(cli, _("a PDF needs -o FILE")));
  return (r->run(cli, &a));
}
