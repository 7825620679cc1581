/*
 * inventory token add|revoke|list: read-only tokens for the province's
 * systems, which read the web server's JSON API (printctl serve).  A token
 * is shown once, by add; the ledger keeps only its SHA-256.
 */

#include "commands.h"
#include "blanko/access.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>


/* token add NAME: make a token and print it once. */
int
cmdTokenAdd(cli_t *cli,			/* I - Command context */
            int   argc,			/* I - Arguments */
            char  *argv[])
{
  char		token[INV_TOKEN_LEN + 1];
  inv_status_t	status;
  int		result;

  if ((result = cliOneArgument(cli, argc, argv, _("give exactly one token NAME"))) != CLI_OK)
    return (result);
  if ((status = invTokenAdd(cliGetDb(cli), argv[optind], token)) != INV_OK)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:s,s:s}", "name", argv[optind], "token", token));
  else
  {
    printf("%s\n", token);
    fprintf(stderr, _("Token %s made.  It is shown this once: give it to its system now (HTTP header "
                      "\"Authorization: Bearer TOKEN\").\n"), argv[optind]);
  }
  sodium_memzero(token, sizeof(token));
  return (CLI_OK);
}


/* token revoke NAME */
int
cmdTokenRevoke(cli_t *cli,		/* I - Command context */
               int   argc,		/* I - Arguments */
               char  *argv[])
{
  inv_status_t	status;
  int		result;

  if ((result = cliOneArgument(cli, argc, argv, _("give exactly one token NAME"))) != CLI_OK)
    return (result);
  if ((status = invTokenRevoke(cliGetDb(cli), argv[optind])) != INV_OK)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:s,s:s}", "name", argv[optind], "state", "revoked"));
  else
    printf(_("Revoked token %s: it no longer opens the API.\n"), argv[optind]);
  return (CLI_OK);
}


typedef struct token_list_s		/* What token list prints */
{
  json_t	*array;			/* JSON output, or NULL */
} token_list_t;


/* One token's line or object. */
static void
token_row(void              *ctx,	/* I - token_list_t */
          const inv_token_t *t)		/* I - Token */
{
  token_list_t *tl = ctx;

  if (tl->array)
    json_array_append_new(tl->array, json_pack("{s:s,s:s,s:s,s:s}", "name", t->name, "created", t->created,
                                               "created_by", t->created_by, "revoked", t->revoked));
  else
    printf("%-24s %-26s %-16s %s\n", t->name, t->created, t->created_by, t->revoked[0] ? t->revoked : _("works"));
}


/* token list */
int
cmdTokenList(cli_t *cli,		/* I - Command context */
             int   argc,		/* I - Arguments */
             char  *argv[])
{
  token_list_t	tl;
  int		result;

  if ((result = cliListStart(cli, argc, argv, &tl.array, "%-24s %-26s %-16s %s\n",
                             _("TOKEN"), _("MADE"), _("BY"), _("REVOKED"))) != CLI_OK)
    return (result);
  return (cliListDone(cli, invTokenList(cliGetDb(cli), token_row, &tl), tl.array));
}
