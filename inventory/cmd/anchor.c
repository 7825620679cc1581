/*
 * inventory anchor [export|list]: the chain's signed checkpoints
 * (blanko/anchor.h, doc/anchors.md); inventory verify --anchor checks one
 * kept off the machine (verify.c).
 */

#include "commands.h"
#include "blanko/date.h"
#include "blanko/privilege.h"
#include "blanko/anchor.h"
#include "../report/report-private.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>


/* Options of anchor export, checked by cliMain before the ledger opens. */
const struct option cmdAnchorExportOptions[] =
{
  { "output", required_argument, NULL, 'o' | CLI_SHORT | CLI_PATH },
  { NULL, 0, NULL, 0 }
};


/* Take no arguments but the table's options; the -o value in *out. */
static int
anchor_args(cli_t      *cli,		/* I - Command context */
            int        argc,		/* I - Arguments */
            char       *argv[],
            const char **out)		/* O - -o FILE, or NULL */
{
  int c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    if (out)
      *out = optarg;
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  return (CLI_OK);
}


/* anchor: sign the chain head now (and the day ends due). */
int
cmdAnchor(cli_t *cli,			/* I - Command context */
          int   argc,			/* I - Arguments */
          char  *argv[])
{
  inv_anchor_t	a;
  inv_status_t	status;
  int		result;

  if ((result = anchor_args(cli, argc, argv, NULL)) != CLI_OK)
    return (result);
  if ((status = invAnchorMake(cliGetDb(cli), "manual", !cliPrivIsPrivileged(), &a)) != INV_OK)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
    cliJsonPrint(repAnchorJson(&a));
  else
  {
    char when[48];

    printf(_("Checkpoint signed: event %" PRId64 ", chain head %s, key %s, %s.\n"), a.event, a.head, a.keyid,
           invDateFormatLocal(a.time, true, when, sizeof(when)));
  }
  return (CLI_OK);
}


/* anchor export: write the latest checkpoint as a small text file. */
int
cmdAnchorExport(cli_t *cli,		/* I - Command context */
                int   argc,		/* I - Arguments */
                char  *argv[])
{
  const char	*path = NULL;
  inv_anchor_t	a;
  inv_status_t	status;
  blanko_out_t	out;
  bool		found;
  char		*text;
  int		result;

  if ((result = anchor_args(cli, argc, argv, &path)) != CLI_OK)
    return (result);
  if ((status = invAnchorLatest(cliGetDb(cli), &a, &found)) != INV_OK)
    return (cliFailDb(cli, status));
  if (!found)
    return (cliFail(cli, CLI_REFUSED, _("the ledger has no signed checkpoint yet (run 'inventory anchor')")));
  if (cliGetJson(cli) && !path)
  {
    cliJsonPrint(repAnchorJson(&a));
    return (CLI_OK);
  }
  if ((text = invAnchorFormatCopy(&a)) == NULL)
    return (cliFailNoMemory(cli));
  if ((result = repOutOpen(cli, &out, path)) == CLI_OK)
  {
    fputs(text, out.fp);
    result = repOutClose(cli, &out, NULL);
  }
  free(text);
  return (result);
}


/* One line of anchor list. */
static int
list_row(void *ctx, const inv_anchor_t *a)
{
  if (ctx)
    json_array_append_new(ctx, repAnchorJson(a));
  else
  {
    char when[48];

    printf("%8" PRId64 "  %.16s  %-24s  %s  %s\n", a->event, a->head, invDateFormatLocal(a->time, true, when, sizeof(when)),
           a->keyid, a->mark);
  }
  return (0);
}


/* anchor list: every stored checkpoint, by event. */
int
cmdAnchorList(cli_t *cli,		/* I - Command context */
              int   argc,		/* I - Arguments */
              char  *argv[])
{
  json_t	*list = NULL;
  int		result;

  if ((result = anchor_args(cli, argc, argv, NULL)) != CLI_OK)
    return (result);
  if (cliGetJson(cli) && (list = json_array()) == NULL)
    return (cliFailNoMemory(cli));
  if (!list)
    printf(_("   EVENT  HEAD              SIGNED                    KEY               MARK\n"));
  return (cliListDone(cli, invAnchorList(cliGetDb(cli), list_row, list), list));
}
