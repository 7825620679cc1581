/*
 * inventory stock: blanks per account, and their ranges on request.
 */

#include "commands.h"
#include "blanko/labels.h"
#include "blanko/shapes.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>


typedef struct stock_s			/* What stock is printing */
{
  const char	*only;			/* One account, or NULL */
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
  char label[160], n[32];

  s->total += a->balance;
  printf("%-*s %-12s %12s\n", s->width, invAccountLabel(a->code, a->kind, label, sizeof(label)),
         invKindLabel(a->kind), i18nCount(a->balance, n, sizeof(n)));
}


/* One range of one account. */
static void
stock_range(void *ctx, const char *account, const inv_range_t *r)
{
  char text[INV_RANGE_MAX];

  (void)ctx;
  invRangeFormat(r, text, sizeof(text));
  printf("%-20s %s\n", account, text);
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
  stock_t	s = { NULL, 0, 20 };
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
  {
    json_t *out = invStockJson(cliGetDb(cli), s.only, ranges, &status);

    if (!out)
      return (cliFailDb(cli, status));
    cliJsonPrint(out);
    return (CLI_OK);
  }
  if ((status = invAccountList(cliGetDb(cli), stock_width, &s)) != INV_OK)
    return (cliFailDb(cli, status));
  else
    printf("%-*s %-12s %12s\n", s.width, _("ACCOUNT"), _("KIND"), _("BLANKS"));
  if ((status = invAccountList(cliGetDb(cli), stock_account, &s)) == INV_OK && !s.only)
  {
    char n[32];

    printf("%-*s %-12s %12s\n", s.width, _("total"), "", i18nCount(s.total, n, sizeof(n)));
  }
  if (status == INV_OK && ranges)
  {
    printf("\n%-20s %s\n", _("ACCOUNT"), _("RANGE"));
    status = invHoldingList(cliGetDb(cli), s.only, stock_range, &s);
  }
  if (status != INV_OK)
    return (cliFailDb(cli, status));
  return (CLI_OK);
}
