/*
 * inventory verify: prove the books are intact.
 */

#include "commands.h"

#include <inttypes.h>
#include <stdio.h>


/* Replay the ledger and report. */
int
cmdVerify(cli_t *cli,			/* I - Command context */
          int   argc,			/* I - Arguments */
          char  *argv[])
{
  inv_verify_t	result;
  inv_status_t	status;

  if (argc > 1)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[1]));
  status = invVerify(cliGetDb(cli), cliProgress, (void *)_("verifying events"), &result);
  if (status != INV_OK && status != INV_PROBLEM)
    return (cliFailDb(cli, status));

  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:b,s:I,s:s,s:I,s:I,s:I,s:s}", "ok", status == INV_OK, "events",
                           (json_int_t)result.events, "head", result.head, "serials", (json_int_t)result.serials,
                           "ranges", (json_int_t)result.ranges, "bad_event", (json_int_t)result.bad_event,
                           "problem", result.problem));
  else if (status == INV_OK)
    printf(_("OK: %" PRId64 " events, chain head %s; %" PRId64 " blanks held in %" PRId64 " ranges.\n"),
           result.events, result.head, result.serials, result.ranges);
  else
    printf(_("FAILED: %s\n"), result.problem);

  if (status == INV_PROBLEM)
    return (cliFail(cli, CLI_PROBLEM, "%s", result.problem));
  return (CLI_OK);
}
