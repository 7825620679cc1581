/*
 * inventory report destruction|reconcile|stock: the auditors' reports.
 * The layouts are in report-*.c.
 */

#include "commands.h"
#include "../report/report-private.h"
#include "blanko/distribution.h"

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


/* Read the options of a report; those it does not take are usage errors.
 * The global --json stands for --format json; --format, if given, wins. */
static int
report_options(cli_t *cli, int argc, char *argv[], const char *takes, const char **format, const char **lang,
               const char **out, const char **from, const char **to, const char **list)
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
      case 'f' : *format = optarg; break;
      case 'L' : *lang = optarg; break;
      case 'o' :
      case 'o' | CLI_SHORT : *out = optarg; break;
      case 'F' : *from = optarg; break;
      case 'T' : *to = optarg; break;
      case 'D' : *list = optarg; break;
    }
  }
  if (*lang && strcmp(*lang, "id") && strcmp(*lang, "en"))
    return (cliFail(cli, CLI_REFUSED, _("--lang: \"%s\" is neither id (Indonesian) nor en (English)"), *lang));
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


/* The destruction record as PDF, CSV or JSON. */
int
cmdReportDestruction(cli_t *cli,	/* I - Command context */
                     int   argc,	/* I - Arguments */
                     char  *argv[])
{
  const char	*format = NULL, *lang = NULL, *out = NULL, *from = NULL, *to = NULL, *list = NULL;
  int64_t	id;
  int		result;

  if ((result = report_options(cli, argc, argv, "fLo", &format, &lang, &out, &from, &to, &list)) != CLI_OK ||
      (result = cmdRecordId(cli, argc, argv, &id)) != CLI_OK)
    return (result);
  if (!format && cliGetJson(cli))
    format = "json";
  if (!format || !out)
    return (cliUsage(cli, _("--format and -o FILE are required")));
  if (!format_ok(format, "pdf|csv|json"))
    return (cliFail(cli, CLI_REFUSED, _("--format: \"%s\" is not one of pdf, csv, json"), format));
  return (repDestruction(cli, id, format, lang ? lang : "id", out));
}


/* The reconciliation of a period. */
int
cmdReportReconcile(cli_t *cli,		/* I - Command context */
                   int   argc,		/* I - Arguments */
                   char  *argv[])
{
  const char	*format = cliGetJson(cli) ? "json" : "text", *lang = NULL, *out = NULL, *from = NULL, *to = NULL, *list = NULL;
  int		result;

  if ((result = report_options(cli, argc, argv, "fLoFT", &format, &lang, &out, &from, &to, &list)) != CLI_OK)
    return (result);
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!from || !to)
    return (cliUsage(cli, _("--from and --to are required")));
  if (!format_ok(format, "text|pdf|csv|json"))
    return (cliFail(cli, CLI_REFUSED, _("--format: \"%s\" is not one of text, pdf, csv, json"), format));
  if (!strcmp(format, "pdf") && !out)
    return (cliUsage(cli, _("a PDF needs -o FILE")));
  return (repReconcile(cli, from, to, format, lang, out));
}


/* Stock per location, use and days left. */
int
cmdReportStock(cli_t *cli,		/* I - Command context */
               int   argc,		/* I - Arguments */
               char  *argv[])
{
  const char	*format = cliGetJson(cli) ? "json" : "text", *lang = NULL, *out = NULL, *from = NULL, *to = NULL, *list = NULL;
  int		result;

  if ((result = report_options(cli, argc, argv, "fLo", &format, &lang, &out, &from, &to, &list)) != CLI_OK)
    return (result);
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!format_ok(format, "text|pdf|json"))
    return (cliFail(cli, CLI_REFUSED, _("--format: \"%s\" is not one of text, pdf, json"), format));
  if (!strcmp(format, "pdf") && !out)
    return (cliUsage(cli, _("a PDF needs -o FILE")));
  return (repStock(cli, format, lang, out));
}


/* The backlog of card requests week by week, and the days to clear it. */
int
cmdReportBacklog(cli_t *cli,		/* I - Command context */
                 int   argc,		/* I - Arguments */
                 char  *argv[])
{
  const char	*format = cliGetJson(cli) ? "json" : "text", *lang = NULL, *out = NULL, *from = NULL, *to = NULL, *list = NULL;
  int		result;

  if ((result = report_options(cli, argc, argv, "fLo", &format, &lang, &out, &from, &to, &list)) != CLI_OK)
    return (result);
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!format_ok(format, "text|pdf|csv|json"))
    return (cliFail(cli, CLI_REFUSED, _("--format: \"%s\" is not one of text, pdf, csv, json"), format));
  if (!strcmp(format, "pdf") && !out)
    return (cliUsage(cli, _("a PDF needs -o FILE")));
  return (repBacklog(cli, format, lang, out));
}


/* Requests for blanks, days at zero stock and blanks needed. */
int
cmdReportSupply(cli_t *cli,		/* I - Command context */
                int   argc,		/* I - Arguments */
                char  *argv[])
{
  const char	*format = cliGetJson(cli) ? "json" : "text", *lang = NULL, *out = NULL, *from = NULL, *to = NULL, *list = NULL;
  int		result;

  if ((result = report_options(cli, argc, argv, "fLoFT", &format, &lang, &out, &from, &to, &list)) != CLI_OK)
    return (result);
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!format_ok(format, "text|pdf|csv|json"))
    return (cliFail(cli, CLI_REFUSED, _("--format: \"%s\" is not one of text, pdf, csv, json"), format));
  if (!strcmp(format, "pdf") && !out)
    return (cliUsage(cli, _("a PDF needs -o FILE")));
  return (repSupply(cli, from, to, format, lang, out));
}


/* The suket outstanding by kecamatan and expiring within 30 days (counts). */
int
cmdReportSuket(cli_t *cli,		/* I - Command context */
               int   argc,		/* I - Arguments */
               char  *argv[])
{
  const char	*format = cliGetJson(cli) ? "json" : "text", *lang = NULL, *out = NULL, *from = NULL, *to = NULL, *list = NULL;
  int		result;
  rep_lang_t	saved;

  if ((result = report_options(cli, argc, argv, "fLo", &format, &lang, &out, &from, &to, &list)) != CLI_OK)
    return (result);
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!format_ok(format, "text|csv|json"))
    return (cliFail(cli, CLI_REFUSED, _("--format: \"%s\" is not one of text, csv, json"), format));
  if (!lang || strcmp(format, "text"))		/* text in the user's language; CSV and JSON are data */
    return (repSuket(cli, format, false, out));
  repDocLangBegin(&saved, !strcmp(lang, "en"));
  result = repSuket(cli, format, false, out);
  repDocLangEnd(&saved);
  return (result);
}


/* Printed cards by kecamatan and kelurahan, or a kelurahan's delivery list. */
int
cmdReportDistribution(cli_t *cli,	/* I - Command context */
                      int   argc,	/* I - Arguments */
                      char  *argv[])
{
  const char	*format = cliGetJson(cli) ? "json" : "text", *lang = NULL, *out = NULL, *from = NULL, *to = NULL,
		*list = NULL;
  int		result;

  if ((result = report_options(cli, argc, argv, "fLoD", &format, &lang, &out, &from, &to, &list)) != CLI_OK)
    return (result);
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!format_ok(format, "text|pdf|csv|json"))
    return (cliFail(cli, CLI_REFUSED, _("--format: \"%s\" is not one of text, pdf, csv, json"), format));
  if (!strcmp(format, "pdf") && !out)
    return (cliUsage(cli, _("a PDF needs -o FILE")));
  if (list && !(cliGetRoles(cli) & (INV_ROLE_DISTRIBUTION | INV_ROLE_AUDITOR | INV_ROLE_ADMIN)))
    return (cliFail(cli, CLI_REFUSED, _("--delivery-list needs the distribution, auditor or admin role, which %s does not have"),
                    cliGetActor(cli)));
  if (list && invPlaceCheckActor(cliGetDb(cli), list) != INV_OK)	/* staff of one place: that place only */
    return (cliFailDb(cli, INV_REFUSED));
  return (repDistribution(cli, format, lang, out, list));
}
