/*
 * inventory verify: prove the books are intact; with --anchor FILE, also
 * that the ledger still holds a checkpoint kept off the machine.
 */

#include "commands.h"
#include "blanko/date.h"
#include "blanko/privilege.h"
#include "blanko/anchor.h"
#include "../report/report-private.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* Options of verify, checked by cliMain before the ledger opens. */
const struct option cmdVerifyOptions[] =
{
  { "anchor", required_argument, NULL, 'a' | CLI_PATH },
  { NULL, 0, NULL, 0 }
};


/* Read an exported anchor from a file the user names (at most 64 KiB:
 * a report that prints one is read too). */
static int
read_anchor(cli_t        *cli,		/* I - Command context */
            const char   *path,		/* I - File */
            inv_anchor_t *a)		/* O - Checkpoint */
{
  static char	text[65536];
  char		error[256];
  struct stat	info;
  ssize_t	got;
  size_t	len = 0;
  int		fd;

  /* The user's file, with the user's own rights; a FIFO or a device is
     refused before anything is read. */
  if ((fd = cliPrivUserOpen(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0)) < 0)
    return (cliFail(cli, CLI_REFUSED, _("cannot read %s: %s"), path, strerror(errno)));
  if (fstat(fd, &info) || !S_ISREG(info.st_mode))
  {
    close(fd);
    return (cliFail(cli, CLI_REFUSED, _("%s is not a regular file"), path));
  }
  while (len < sizeof(text) - 1 && (got = read(fd, text + len, sizeof(text) - 1 - len)) > 0)
    len += (size_t)got;
  close(fd);
  text[len] = '\0';
  if (!invAnchorParse(text, a, error, sizeof(error)))
    return (cliFail(cli, CLI_REFUSED, "%s: %s", path, error));
  return (CLI_OK);
}


/* Check the anchor against the ledger; INV_PROBLEM with problem set. */
static inv_status_t
check_anchor(cli_t              *cli,	/* I - Command context */
             const inv_anchor_t *a,	/* I - Checkpoint */
             char               *problem,	/* O - What is wrong */
             size_t             size)	/* I - Its size */
{
  char		error[256];
  inv_keyring_t	*kr = invAnchorKeyring(cliGetDb(cli), error, sizeof(error));
  inv_status_t	status;

  if (!kr)
  {
    snprintf(problem, size, _("the anchor cannot be checked: %s"), error);
    return (INV_PROBLEM);
  }
  status = invAnchorCheck(cliGetDb(cli), kr, a, problem, size);
  invKeyringDelete(kr);
  return (status);
}


/* Replay the ledger and report. */
int
cmdVerify(cli_t *cli,			/* I - Command context */
          int   argc,			/* I - Arguments */
          char  *argv[])
{
  inv_verify_t	result;
  inv_status_t	status, astatus = INV_OK;
  inv_anchor_t	anchor;
  const char	*anchor_path = NULL;
  char		error[1200];
  int		c, r;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    anchor_path = optarg;
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (anchor_path && (r = read_anchor(cli, anchor_path, &anchor)) != CLI_OK)
    return (r);
  status = invVerify(cliGetDb(cli), cliProgress, (void *)_("verifying events"), &result);
  if (status != INV_OK && status != INV_PROBLEM)
    return (cliFailDb(cli, status));
  if (status == INV_OK && anchor_path)
  {
    if ((astatus = check_anchor(cli, &anchor, result.problem, sizeof(result.problem))) == INV_PROBLEM)
      status = INV_PROBLEM;
    else if (astatus != INV_OK)
      return (cliFailDb(cli, astatus));
  }

  /* The result, for the dashboard: a note beside the ledger, never an
     event (verify writes nothing into the chain). */
  if (!invVerifyRecord(invDbGetPath(cliGetDb(cli)), status == INV_OK, &result, error, sizeof(error)))
    fprintf(stderr, _("%s: warning: the result could not be kept in %s\n"), cliGetProgram(cli), error);

  if (cliGetJson(cli))
  {
    json_t *obj = json_pack("{s:b,s:I,s:s,s:I,s:I,s:I,s:s,s:I}", "ok", status == INV_OK, "events",
                            (json_int_t)result.events, "head", result.head, "serials", (json_int_t)result.serials,
                            "ranges", (json_int_t)result.ranges, "bad_event", (json_int_t)result.bad_event,
                            "problem", result.problem, "checkpoints", (json_int_t)result.anchors);

    if (anchor_path && status == INV_OK)
      json_object_set_new(obj, "anchor", repAnchorJson(&anchor));
    cliJsonPrint(obj);
  }
  else if (status == INV_OK)
  {
    char n[3][32];				/* Counts, grouped */

    printf(_("OK: %s events, chain head %s; %s blanks held in %s ranges.\n"),
           i18nCount(result.events, n[0], sizeof(n[0])), result.head, i18nCount(result.serials, n[1], sizeof(n[1])),
           i18nCount(result.ranges, n[2], sizeof(n[2])));
    if (result.anchors)
      printf(P_("%s signed checkpoint checked: still in the chain.\n",
                "%s signed checkpoints checked: all still in the chain.\n", result.anchors),
             i18nCount(result.anchors, n[0], sizeof(n[0])));
    if (anchor_path)
    {
      char when[48];

      printf(_("Anchor of %s (event %" PRId64 ", \"%s\", key %s): still in the chain.\n"),
             invDateFormatLocal(anchor.time, true, when, sizeof(when)), anchor.event, anchor.mark, anchor.keyid);
    }
  }
  else
    printf(_("FAILED: %s\n"), result.problem);

  if (status == INV_PROBLEM)
    return (cliFail(cli, CLI_PROBLEM, "%s", result.problem));
  return (CLI_OK);
}
