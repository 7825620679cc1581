/*
 * inventory receive: a shipment of blanks from a supplier (a short one
 * with --expect N --short); receive void, void approve|cancel|list: a
 * mistaken receipt voided under dual control (cancel and list share their
 * bodies with destroy's, in record.c).
 */

#include "commands.h"
#include "blanko/supply.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdReceiveOptions[] =
{
  { "supplier", required_argument, NULL, 's' },
  { "ref", required_argument, NULL, 'r' },
  { "serials", required_argument, NULL, 'l' },
  { "to", required_argument, NULL, 't' },
  { "expect", required_argument, NULL, 'e' },
  { "short", no_argument, NULL, 'S' },
  { "against", required_argument, NULL, 'a' },
  { NULL, 0, NULL, 0 }
};


/* Options of receive void. */
const struct option cmdReceiveVoidOptions[] =
{
  { "reason", required_argument, NULL, 'r' },
  { NULL, 0, NULL, 0 }
};


/* Say what a receipt did to the request for blanks it answers. */
static void
receive_state(void               *ctx,	/* I - Unused */
              const inv_supply_t *s)	/* I - The request */
{
  char n[3][32];				/* counts grouped for people */

  (void)ctx;
  i18nCount(s->received, n[0], sizeof(n[0]));
  i18nCount(s->quantity, n[1], sizeof(n[1]));
  if (s->received > s->quantity)
    printf(_("Request %" PRId64 ": %s of %s blanks received, %s more than asked; fulfilled.\n"), s->id, n[0], n[1],
           i18nCount(s->received - s->quantity, n[2], sizeof(n[2])));
  else if (s->received == s->quantity)
    printf(_("Request %" PRId64 ": %s of %s blanks received; fulfilled.\n"), s->id, n[0], n[1]);
  else
    printf(_("Request %" PRId64 ": %s of %s blanks received; %s still owed.\n"), s->id, n[0], n[1],
           i18nCount(s->quantity - s->received, n[2], sizeof(n[2])));
}


/* Print the state of the request a receipt answered (after the write). */
static void
receive_against_text(cli_t   *cli,	/* I - Command context */
                     int64_t against)	/* I - The request */
{
  invSupplyGet(cliGetDb(cli), against, receive_state, NULL);
}


/* Receive blanks into a location. */
int
cmdReceive(cli_t *cli,			/* I - Command context */
           int   argc,			/* I - Arguments */
           char  *argv[])
{
  const char	*supplier = NULL, *ref = NULL, *serials = NULL, *to = NULL, *expect_text = NULL, *against_text = NULL;
  inv_list_t	*list = NULL;
  int64_t	expect = -1, event = 0, against = 0;
  inv_status_t	status;
  int		c, result;
  bool		short_ = false;
  char		*ranges;
  char		n[2][32];			/* counts grouped for people */

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR : return (CLI_USAGE);
      case 's' : supplier = optarg; break;
      case 'r' : ref = optarg; break;
      case 'l' : serials = optarg; break;
      case 't' : to = optarg; break;
      case 'e' : expect_text = optarg; break;
      case 'S' : short_ = true; break;
      case 'a' : against_text = optarg; break;
    }
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!supplier || !ref || !serials || !to)
    return (cliUsage(cli, _("--supplier, --ref, --serials and --to are required")));
  if (short_ && !expect_text)
    return (cliUsage(cli, _("--short needs --expect, the count on the delivery note")));
  if (expect_text && !cliParseCount(expect_text, &expect))
    return (cliFail(cli, CLI_REFUSED, _("--expect: \"%s\" is not a count"), expect_text));
  if (against_text && (!cliParseCount(against_text, &against) || against == 0))
    return (cliFail(cli, CLI_REFUSED, _("--against: \"%s\" is not a request number"), against_text));
  if ((result = cliParseList(cli, "--serials", serials, &list)) != CLI_OK)
    goto done;
  if (invListGetSerialCount(list) > cliGetConfig(cli)->max_receipt)
  {
    result = cliFail(cli, CLI_REFUSED,
                     _("--serials holds %" PRId64 " serials, more than one receipt may bring in (%lld, "
                       "[ledger] max_receipt in %s)"),
                     invListGetSerialCount(list), cliGetConfig(cli)->max_receipt,
                     cliGetConfig(cli)->file[0] ? cliGetConfig(cli)->file : _("the configuration"));
    goto done;
  }
  if (expect >= 0 && !short_ && invListGetSerialCount(list) != expect)
  {
    result = cliFail(cli, CLI_REFUSED, P_("--serials holds %" PRId64 " serial but --expect says %" PRId64,
                                          "--serials holds %" PRId64 " serials but --expect says %" PRId64,
                                          invListGetSerialCount(list)),
                     invListGetSerialCount(list), expect);
    goto done;
  }
  if ((status = against ? invReceiveAgainst(cliGetDb(cli), supplier, ref, list, to, short_ ? expect : -1, against, &event)
               : short_ ? invReceiveShort(cliGetDb(cli), supplier, ref, list, to, expect, &event)
                        : invReceive(cliGetDb(cli), supplier, ref, list, to, &event)) != INV_OK)
  {
    result = cliFailDb(cli, status);
    goto done;
  }

  ranges = invListFormatCopy(list);
  if (cliGetJson(cli))
  {
    json_t *obj = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s}", "event", (json_int_t)event, "count",
                            (json_int_t)invListGetSerialCount(list), "supplier", supplier, "ref", ref,
                            "to", to, "serials", ranges ? ranges : "");

    if (obj && against)
      json_object_set_new(obj, "against", json_integer((json_int_t)against));
    if (obj && short_)
    {
      json_object_set_new(obj, "expected", json_integer((json_int_t)expect));
      json_object_set_new(obj, "short", json_integer((json_int_t)(expect - invListGetSerialCount(list))));
    }
    cliJsonPrint(obj);
  }
  else
    printf(P_("Received %s blank from %s (delivery note %s) into %s: %s (event %" PRId64 ").\n",
              "Received %s blanks from %s (delivery note %s) into %s: %s (event %" PRId64 ").\n",
              invListGetSerialCount(list)),
           i18nCount(invListGetSerialCount(list), n[0], sizeof(n[0])), supplier, ref, to, ranges ? ranges : "", event);
  if (short_ && !cliGetJson(cli))
    printf(P_("Short shipment: the delivery note says %s; %s blank is missing.\n",
              "Short shipment: the delivery note says %s; %s blanks are missing.\n",
              expect - invListGetSerialCount(list)),
           i18nCount(expect, n[0], sizeof(n[0])), i18nCount(expect - invListGetSerialCount(list), n[1], sizeof(n[1])));
  if (against && !cliGetJson(cli))
    receive_against_text(cli, against);
  free(ranges);

done:
  invListDelete(list);
  return (result);
}


/* receive void: prepare the void of a mistaken receipt. */
int
cmdReceiveVoid(cli_t *cli,		/* I - Command context */
               int   argc,		/* I - Arguments */
               char  *argv[])
{
  const char	*reason;
  int64_t	receipt, id = 0;
  inv_status_t	status;
  int		result;

  if ((result = cmdReasonId(cli, argc, argv, _("give one receipt's event number and --reason"), &receipt, &reason)) !=
      CLI_OK)
    return (result);
  if (receipt == 0)
    return (cliFail(cli, CLI_REFUSED, _("\"%s\" is not an event number"), argv[optind]));
  if ((status = invReceiveVoidPrepare(cliGetDb(cli), receipt, reason, cliGetConfig(cli)->void_days, &id)) != INV_OK)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:I,s:s}", "id", (json_int_t)id, "receipt", (json_int_t)receipt, "state", "prepared"));
  else
    printf(_("Void %" PRId64 " of receipt %" PRId64 " prepared; another auditor or admin must approve it "
             "('inventory receive void approve %" PRId64 "').\n"), id, receipt, id);
  return (CLI_OK);
}


/* receive void approve: the receipt's serials leave the books. */
int
cmdReceiveVoidApprove(cli_t *cli,	/* I - Command context */
                      int   argc,	/* I - Arguments */
                      char  *argv[])
{
  int64_t	id;
  int		result;

  if ((result = cmdRecordStep(cli, INV_RECORD_VOID, true, argc, argv, &id)) != CLI_OK)
    return (result);
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:s}", "id", (json_int_t)id, "state", "executed"));
  else
    printf(_("Void %" PRId64 " approved; the receipt's serials have left the books as if never received.\n"), id);
  return (CLI_OK);
}


/* receive void cancel: cancel a void not yet approved. */
int
cmdReceiveVoidCancel(cli_t *cli,	/* I - Command context */
                     int   argc,	/* I - Arguments */
                     char  *argv[])
{
  return (cmdRecordCancel(cli, INV_RECORD_VOID, argc, argv));
}


/* receive void list: list voids of receipts. */
int
cmdReceiveVoidList(cli_t *cli,		/* I - Command context */
                   int   argc,		/* I - Arguments */
                   char  *argv[])
{
  return (cmdRecordList(cli, INV_RECORD_VOID, argc, argv));
}
