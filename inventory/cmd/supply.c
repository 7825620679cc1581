/*
 * inventory supply request|cancel|list: requests for blanks to the
 * supplier or a higher office (issue 15).  Receipts answer them with
 * 'receive --against ID' (receive.c); 'report supply' sums them up.
 */

#include "commands.h"
#include "../report/report-private.h"
#include "blanko/date.h"
#include "blanko/supply.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>


/* Options of supply request, checked by cliMain before the ledger opens. */
const struct option cmdSupplyRequestOptions[] =
{
  { "quantity", required_argument, NULL, 'q' },
  { "basis", required_argument, NULL, 'b' },
  { "ref", required_argument, NULL, 'r' },
  { "date", required_argument, NULL, 'd' },
  { "to", required_argument, NULL, 't' },
  { NULL, 0, NULL, 0 }
};


/* Options of supply cancel. */
const struct option cmdSupplyCancelOptions[] =
{
  { "reason", required_argument, NULL, 'r' },
  { NULL, 0, NULL, 0 }
};


/* supply request: record a request for blanks. */
int
cmdSupplyRequest(cli_t *cli,		/* I - Command context */
                 int   argc,		/* I - Arguments */
                 char  *argv[])
{
  const char	*quantity_text = NULL, *basis = NULL, *ref = NULL, *date = NULL, *to = NULL;
  int64_t	quantity, event = 0;
  inv_status_t	status;
  int		c;
  char		today[16];

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR : return (CLI_USAGE);
      case 'q' : quantity_text = optarg; break;
      case 'b' : basis = optarg; break;
      case 'r' : ref = optarg; break;
      case 'd' : date = optarg; break;
      case 't' : to = optarg; break;
    }
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!quantity_text || !ref || !to)
    return (cliUsage(cli, _("--quantity, --ref and --to are required")));
  if (!cliParseCount(quantity_text, &quantity))
    return (cliFail(cli, CLI_REFUSED, _("--quantity: \"%s\" is not a count"), quantity_text));
  if ((status = invSupplyRequest(cliGetDb(cli), quantity, basis, ref, date, to, &event)) != INV_OK)
    return (cliFailDb(cli, status));
  if (!date)
    date = invDateLocalToday(time(NULL), today, sizeof(today));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)event, "quantity", (json_int_t)quantity,
                           "basis", basis ? basis : "", "ref", ref, "date", date, "to", to, "state", "sent"));
  else
  {
    char n[32];					/* The quantity, grouped */

    printf(P_("Request %" PRId64 " for %s blank sent to %s (letter %s of %s).\n",
              "Request %" PRId64 " for %s blanks sent to %s (letter %s of %s).\n", quantity),
           event, i18nCount(quantity, n, sizeof(n)), to, ref, date);
  }
  return (CLI_OK);
}


/* supply cancel: cancel a request for blanks that is not fulfilled. */
int
cmdSupplyCancel(cli_t *cli,		/* I - Command context */
                int   argc,		/* I - Arguments */
                char  *argv[])
{
  const char	*reason;
  int64_t	id, event = 0;
  inv_status_t	status;
  int		result;

  if ((result = cmdReasonId(cli, argc, argv, _("give one request's number and --reason"), &id, &reason)) != CLI_OK)
    return (result);
  if (id == 0)
    return (cliFail(cli, CLI_REFUSED, _("\"%s\" is not a request number"), argv[optind]));
  if ((status = invSupplyCancel(cliGetDb(cli), id, reason, &event)) != INV_OK)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:I,s:s}", "id", (json_int_t)id, "event", (json_int_t)event, "state", "cancelled"));
  else
    printf(_("Request %" PRId64 " for blanks cancelled (event %" PRId64 ").\n"), id, event);
  return (CLI_OK);
}


/* Print or collect one request for blanks. */
static void
supply_row(void               *ctx,	/* I - JSON array, or NULL to print */
           const inv_supply_t *s)	/* I - The request */
{
  json_t	*array = ctx;
  char		to[256], ref[256];

  if (array)
  {
    json_t *obj = json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)s->id,
                            "date", s->date, "to", s->to, "ref", s->ref, "basis", s->basis, "quantity",
                            (json_int_t)s->quantity, "received", (json_int_t)s->received, "receipts",
                            (json_int_t)s->receipts, "state", s->state, "recorded", s->time, "recorded_by", s->actor,
                            "first_receipt", s->first_receipt, "last_receipt", s->last_receipt);

    if (obj && s->cancelled[0])
    {
      json_object_set_new(obj, "cancelled", json_string(s->cancelled));
      json_object_set_new(obj, "reason", json_string(s->reason));
    }
    json_array_append_new(array, obj);
  }
  else
  {
    char n[2][32];				/* Quantities, grouped */

    printf("%6" PRId64 "  %-10s %12s %12s  %-16s %-20s %s\n", s->id, s->date, i18nCount(s->quantity, n[0], sizeof(n[0])),
           i18nCount(s->received, n[1], sizeof(n[1])), repSupplyState(s->state), invTextSafe(s->to, to, sizeof(to)), invTextSafe(s->ref, ref, sizeof(ref)));
  }
}


/* supply list: every request for blanks with what came of it. */
int
cmdSupplyList(cli_t *cli,		/* I - Command context */
              int   argc,		/* I - Arguments */
              char  *argv[])
{
  json_t	*array;
  int		result;

  if ((result = cliListStart(cli, argc, argv, &array, "%6s  %-10s %12s %12s  %-16s %-20s %s\n",
                             _("ID"), _("DATE"), _("ASKED"), _("RECEIVED"), _("STATE"), _("TO"),
                             _("LETTER"))) != CLI_OK)
    return (result);
  return (cliListDone(cli, invSupplyList(cliGetDb(cli), supply_row, array), array));
}
