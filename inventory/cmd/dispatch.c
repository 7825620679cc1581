/*
 * inventory dispatch|arrive|report handover: printed cards sent to a
 * kecamatan or kelurahan with their handover record (berita acara serah
 * terima, a PDF), and their arrival confirmed at the place (issue 14).
 */

#include "commands.h"
#include "../report/report-private.h"

#include "blanko/distribution.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Options of dispatch, checked by cliMain before the ledger opens. */
const struct option cmdDispatchOptions[] =
{
  { "to", required_argument, NULL, 't' },
  { "from", required_argument, NULL, 'f' },
  { "ref", required_argument, NULL, 'r' },
  { "serials", required_argument, NULL, 'l' },
  { "kecamatan", required_argument, NULL, 'K' },
  { "kelurahan", required_argument, NULL, 'L' },
  { "all", no_argument, NULL, 'a' },
  { "lang", required_argument, NULL, 'g' },
  { "output", required_argument, NULL, 'o' | CLI_SHORT | CLI_PATH },
  { NULL, 0, NULL, 0 }
};

/* Options of arrive. */
const struct option cmdArriveOptions[] =
{
  { "ref", required_argument, NULL, 'r' },
  { "count", required_argument, NULL, 'n' },
  { "missing", required_argument, NULL, 'm' },
  { NULL, 0, NULL, 0 }
};

/* Options of report handover. */
const struct option cmdReportHandoverOptions[] =
{
  { "lang", required_argument, NULL, 'g' },
  { "output", required_argument, NULL, 'o' | CLI_SHORT | CLI_PATH },
  { NULL, 0, NULL, 0 }
};


/* Send printed cards to a place and write the handover record. */
int
cmdDispatch(cli_t *cli,			/* I - Command context */
            int   argc,			/* I - Arguments */
            char  *argv[])
{
  inv_dispatch_t d;
  const rpdf_module_t *pw = NULL;
  blanko_out_t	file;
  char		why[1024];
  const char	*serials = NULL, *lang = "id", *out = NULL;
  inv_list_t	*list = NULL, *sent = invListNew();
  int64_t	id = 0;
  inv_status_t	status;
  int		c, result = CLI_OK;
  char		*ranges = NULL;
  char		num[1][32];		/* The count, grouped */

  memset(&d, 0, sizeof(d));
  if (!sent)
    return (cliFailNoMemory(cli));
  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR : invListDelete(sent); return (CLI_USAGE);
      case 't' : d.to = optarg; break;
      case 'f' : d.from = optarg; break;
      case 'r' : d.ref = optarg; break;
      case 'l' : serials = optarg; break;
      case 'K' : d.kecamatan = optarg; break;
      case 'L' : d.kelurahan = optarg; break;
      case 'a' : d.all = true; break;
      case 'g' : lang = optarg; break;
      default : out = optarg; break;
    }
  }
  if (optind < argc)
    result = cliUsage(cli, _("unexpected argument '%s'"), argv[optind]);
  else if (!d.to || !d.ref || !out)
    result = cliUsage(cli, _("--to, --ref and -o FILE are required"));
  else if ((serials != NULL) + d.all + (d.kecamatan || d.kelurahan) != 1)
    result = cliUsage(cli, _("give one of --serials, --kecamatan/--kelurahan or --all"));
  else if (strcmp(lang, "id") && strcmp(lang, "en"))
    result = cliFail(cli, CLI_REFUSED, _("--lang: \"%s\" is neither id nor en"), lang);
  if (result != CLI_OK)
    goto done;
  if (serials && (result = cliParseList(cli, "--serials", serials, &list)) != CLI_OK)
    goto done;
  d.serials = list;
  if (!strcmp(out, "-"))
  {
    result = cliFail(cli, CLI_REFUSED, _("a PDF goes to a file, not standard output"));
    goto done;
  }

  /* The record's file is opened first (with the user's own rights), so that
     a file that cannot be made sends nothing; the dispatch is committed in
     its own short transaction, and the record is drawn after, without
     holding the ledger's write lock (it reads the committed handover). */
  if ((result = repOutOpen(cli, &file, out)) != CLI_OK)
    goto done;
  if ((status = invDbBegin(cliGetDb(cli))) != INV_OK ||
      (status = invDispatch(cliGetDb(cli), &d, sent, &id)) != INV_OK ||
      (status = invDbCommit(cliGetDb(cli))) != INV_OK)
  {
    result = cliFailDb(cli, status);
    invDbRollback(cliGetDb(cli));
    blankoOutClose(&file, false, why, sizeof(why));	/* removes the file it made */
    goto done;
  }
  if ((result = repPdfLoad(cli, &pw)) != CLI_OK)
    blankoOutClose(&file, false, why, sizeof(why));	/* removes the file it made */
  else
    result = repHandoverPdfTo(cli, pw, d.ref, !strcmp(lang, "en"), &file);	/* closes it */
  if (result != CLI_OK)
  {
    result = cliFail(cli, CLI_REFUSED, _("handover %s was recorded, but its record could not be written to %s: write it "
                                         "with 'inventory report handover %s -o FILE'"), d.ref, out, d.ref);
    goto done;
  }
  ranges = invListFormatCopy(sent);
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:s,s:s,s:s,s:I,s:s}", "handover", (json_int_t)id, "ref", d.ref, "to", d.to,
                           "from", d.from ? d.from : "issued", "count", (json_int_t)invListGetSerialCount(sent),
                           "serials", ranges ? ranges : ""));
  else
    printf(P_("Sent %s card to %s under %s: %s (handover record %s).\n",
              "Sent %s cards to %s under %s: %s (handover record %s).\n", invListGetSerialCount(sent)),
           i18nCount(invListGetSerialCount(sent), num[0], sizeof(num[0])), d.to, d.ref, ranges ? ranges : "", out);

done:
  free(ranges);
  invListDelete(list);
  invListDelete(sent);
  return (result);
}


/* Confirm at a place how many cards of a handover arrived. */
int
cmdArrive(cli_t *cli,			/* I - Command context */
          int   argc,			/* I - Arguments */
          char  *argv[])
{
  const char	*ref = NULL, *count_text = NULL, *missing_text = NULL;
  inv_list_t	*missing = NULL;
  inv_arrival_t	r;
  int64_t	count = 0;
  inv_status_t	status;
  int		c, result;
  char		num[3][32];		/* Counts, grouped */

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR : return (CLI_USAGE);
      case 'r' : ref = optarg; break;
      case 'n' : count_text = optarg; break;
      default : missing_text = optarg; break;
    }
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!ref || !count_text)
    return (cliUsage(cli, _("--ref and --count are required")));
  if (!cliParseCount(count_text, &count))
    return (cliFail(cli, CLI_REFUSED, _("--count: \"%s\" is not a count"), count_text));
  if (missing_text && (result = cliParseList(cli, "--missing", missing_text, &missing)) != CLI_OK)
    return (result);
  status = invArrive(cliGetDb(cli), ref, count, missing, &r);
  invListDelete(missing);
  if (status != INV_OK)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:s,s:I,s:I,s:I,s:I}", "ref", ref, "expected", (json_int_t)r.expected,
                           "received", (json_int_t)r.received, "missing", (json_int_t)r.missing,
                           "event", (json_int_t)r.event));
  else if (r.missing)
    printf(_("Received %s of %s cards of %s; %s missing, recorded and left in transit "
             "(event %" PRId64 ").\n"), i18nCount(r.received, num[0], sizeof(num[0])),
           i18nCount(r.expected, num[1], sizeof(num[1])), ref, i18nCount(r.missing, num[2], sizeof(num[2])), r.event);
  else
    printf(_("Received all %s cards of %s (event %" PRId64 ").\n"), i18nCount(r.received, num[0], sizeof(num[0])), ref,
           r.event);
  return (CLI_OK);
}


/* Write a handover's record again (a copy of the PDF). */
int
cmdReportHandover(cli_t *cli,		/* I - Command context */
                  int   argc,		/* I - Arguments */
                  char  *argv[])
{
  const char	*lang = "id", *out = NULL;
  int		c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    if (c == 'g')
      lang = optarg;
    else
      out = optarg;
  }
  if (optind != argc - 1 || !out)
    return (cliUsage(cli, _("give one handover REF and -o FILE")));
  if (strcmp(lang, "id") && strcmp(lang, "en"))
    return (cliFail(cli, CLI_REFUSED, _("--lang: \"%s\" is neither id nor en"), lang));
  return (repHandover(cli, argv[optind], lang, out));
}
