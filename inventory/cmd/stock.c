/*
 * inventory stock: blanks per account, and their ranges on request.
 */

#include "commands.h"
#include "blanko/labels.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>


typedef struct stock_s			/* What stock is printing */
{
  const char	*only;			/* One account, or NULL */
  json_t	*accounts;		/* JSON output, or NULL */
  int64_t	total;			/* Blanks in all accounts */
  int		width;			/* Of the account column (text) */
} stock_t;


/* Widen the account column to an account's label. */
static void
stock_width(void *ctx, const inv_account_t *a)
{
  stock_t	*s = ctx;
  char		label[160];
  int		len;

  if (a->kind == INV_KIND_SUPPLIER || (s->only && strcmp(s->only, a->code)))
    return;
  if ((len = (int)strlen(invAccountLabel(a->code, a->kind, label, sizeof(label)))) > s->width)
    s->width = len;
}


/* One account's line or object. */
static void
stock_account(void *ctx, const inv_account_t *a)
{
  stock_t *s = ctx;

  if (a->kind == INV_KIND_SUPPLIER || (s->only && strcmp(s->only, a->code)))
    return;
  s->total += a->balance;
  if (s->accounts)
    json_array_append_new(s->accounts, json_pack("{s:s,s:s,s:I,s:[]}", "account", a->code, "kind",
                                                 invKindName(a->kind), "blanks", (json_int_t)a->balance,
                                                 "ranges"));
  else
  {
    char label[160], n[32];

    printf("%-*s %-12s %12s\n", s->width, invAccountLabel(a->code, a->kind, label, sizeof(label)),
           invKindLabel(a->kind), i18nCount(a->balance, n, sizeof(n)));
  }
}


/* One range of one account. */
static void
stock_range(void *ctx, const char *account, const inv_range_t *r)
{
  stock_t	*s = ctx;
  char		text[INV_RANGE_MAX];
  size_t	i;
  json_t	*a;

  invRangeFormat(r, text, sizeof(text));
  if (!s->accounts)
  {
    printf("%-20s %s\n", account, text);
    return;
  }
  json_array_foreach(s->accounts, i, a)
    if (!strcmp(json_string_value(json_object_get(a, "account")), account))
      json_array_append_new(json_object_get(a, "ranges"), json_string(text));
}


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdStockOptions[] =
{
  { "location", required_argument, NULL, 'l' },
  { "ranges", no_argument, NULL, 'r' },
  { NULL, 0, NULL, 0 }
};


/* Show stock. */
int
cmdStock(cli_t *cli,			/* I - Command context */
         int   argc,			/* I - Arguments */
         char  *argv[])
{
  stock_t	s = { NULL, NULL, 0, 20 };
  bool		ranges = false;
  inv_status_t	status;
  int		c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    if (c == 'l')
      s.only = optarg;
    else
      ranges = true;
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (s.only && (status = invAccountGet(cliGetDb(cli), s.only, NULL, NULL)) != INV_OK)
    return (cliFailDb(cli, status));

  if (cliGetJson(cli))
    s.accounts = json_array();
  else if ((status = invAccountList(cliGetDb(cli), stock_width, &s)) != INV_OK)
    return (cliFailDb(cli, status));
  else
    printf("%-*s %-12s %12s\n", s.width, _("ACCOUNT"), _("KIND"), _("BLANKS"));
  if ((status = invAccountList(cliGetDb(cli), stock_account, &s)) == INV_OK && !cliGetJson(cli) && !s.only)
  {
    char n[32];

    printf("%-*s %-12s %12s\n", s.width, _("total"), "", i18nCount(s.total, n, sizeof(n)));
  }
  if (status == INV_OK && ranges)
  {
    if (!cliGetJson(cli))
      printf("\n%-20s %s\n", _("ACCOUNT"), _("RANGE"));
    status = invHoldingList(cliGetDb(cli), s.only, stock_range, &s);
  }
  if (status != INV_OK)
  {
    json_decref(s.accounts);
    return (cliFailDb(cli, status));
  }
  if (cliGetJson(cli))
  {
    json_t *out = json_pack("{s:o,s:I}", "accounts", s.accounts, "total", (json_int_t)s.total);

    if (!ranges)
    {
      size_t i;
      json_t *a;

      json_array_foreach(s.accounts, i, a)
        json_object_del(a, "ranges");
    }
    cliJsonPrint(out);
  }
  return (CLI_OK);
}
