/*
 * inventory location add|list: stores and print rooms.
 */

#include "commands.h"
#include "blanko/labels.h"

#include "blanko/distribution.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdLocationAddOptions[] =
{
  { "kind", required_argument, NULL, 'k' },
  { "name", required_argument, NULL, 'n' },
  { "parent", required_argument, NULL, 'p' },
  { NULL, 0, NULL, 0 }
};


/* Say whether a code is a word that follows "writeoff" in a command's name
 * ("writeoff list" ...): "writeoff CODE" would run that command instead. */
static bool
shadowed_by_command(const cli_t *cli,	/* I - Command context (its table) */
                    const char  *code)	/* I - Location code */
{
  for (const cli_cmd_t *c = cliGetCommands(cli); c && c->name; c ++)
    if (!strncmp(c->name, "writeoff ", 9) && !strcmp(c->name + 9, code))
      return (true);
  return (false);
}


/* Add a store or print room. */
int
cmdLocationAdd(cli_t *cli,		/* I - Command context */
               int   argc,		/* I - Arguments */
               char  *argv[])
{
  const char	*kind_text = NULL, *name = NULL, *parent = NULL;
  inv_kind_t	kind;
  inv_status_t	status;
  int		c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    if (c == 'k')
      kind_text = optarg;
    else if (c == 'p')
      parent = optarg;
    else
      name = optarg;
  }
  if (optind != argc - 1)
    return (cliUsage(cli, _("give exactly one location CODE")));
  if (!kind_text)
    return (cliUsage(cli, _("--kind is required")));
  if (invKindParse(kind_text, &kind) != INV_OK ||
      (kind != INV_KIND_STORE && kind != INV_KIND_PRINTROOM && kind != INV_KIND_KECAMATAN && kind != INV_KIND_KELURAHAN))
    return (cliFail(cli, CLI_REFUSED, _("--kind: \"%s\" is not store, printroom, kecamatan or kelurahan"), kind_text));
  if (parent && kind != INV_KIND_KELURAHAN)
    return (cliUsage(cli, _("--parent is for a kelurahan (its kecamatan)")));
  if (shadowed_by_command(cli, argv[optind]))
    return (cliFail(cli, CLI_REFUSED, _("\"%s\" would not work as a location: 'writeoff %s' is a command; choose another code"),
                    argv[optind], argv[optind]));
  if (kind == INV_KIND_KECAMATAN || kind == INV_KIND_KELURAHAN)
    status = invPlaceAdd(cliGetDb(cli), argv[optind], kind, name, parent);
  else
    status = invLocationAdd(cliGetDb(cli), argv[optind], kind, name);
  if (status != INV_OK)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:s,s:s,s:s,s:s}", "code", argv[optind], "kind", kind_text, "name", name ? name : "",
                           "parent", parent ? parent : ""));
  else
    printf(_("Added %s %s.\n"), kind_text, argv[optind]);
  return (CLI_OK);
}


/* Print or collect one account. */
static void
location_row(void *ctx, const inv_account_t *a)
{
  json_t *array = ctx;

  if (a->kind == INV_KIND_SUPPLIER)
    return;
  if (array)
    json_array_append_new(array, json_pack("{s:s,s:s,s:s,s:I}", "code", a->code, "kind", invKindName(a->kind),
                                           "name", a->name, "blanks", (json_int_t)a->balance));
  else
  {
    char name[512], n[32];		/* stored text, shown safely */

    printf("%-20s %-12s %12s  %s\n", a->code, invKindLabel(a->kind), i18nCount(a->balance, n, sizeof(n)),
           invTextSafe(a->name, name, sizeof(name)));
  }
}


/* List locations and the other accounts. */
int
cmdLocationList(cli_t *cli,		/* I - Command context */
                int   argc,		/* I - Arguments */
                char  *argv[])
{
  json_t	*array;
  int		result;

  if ((result = cliListStart(cli, argc, argv, &array, "%-20s %-12s %12s  %s\n",
                             _("CODE"), _("KIND"), _("BLANKS"), _("NAME"))) != CLI_OK)
    return (result);
  return (cliListDone(cli, invAccountList(cliGetDb(cli), location_row, array), array));
}
