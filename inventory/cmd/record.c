/*
 * What the command files share: the bodies of destroy cancel|list|show and
 * writeoff cancel|list|show (destroy.c, writeoff.c), reading a
 * record number, and the --serials/--reason options and JSON answer of
 * the commands that move serials out of use (invalid.c, spoil.c,
 * writeoff.c).
 *
 * One body per record command takes the record type, so that destruction
 * records and write-offs are listed, shown and cancelled alike; only the
 * fields of their own differ (a destruction record's method and place, a
 * write-off's location and reason).
 */

#include "commands.h"
#include "blanko/labels.h"
#include "blanko/anchor.h"
#include "blanko/date.h"
#include "../report/report-private.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Cancel an open record of a type. */
int
cmdRecordCancel(cli_t             *cli,	/* I - Command context */
                inv_record_type_t type,	/* I - Record type */
                int               argc,	/* I - Arguments */
                char              *argv[])
{
  int64_t	id;
  int		result;

  if ((result = cmdRecordStep(cli, type, false, argc, argv, &id)) != CLI_OK)
    return (result);
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:s}", "id", (json_int_t)id, "state", "cancelled"));
  else if (type == INV_RECORD_DESTRUCTION)
    printf(_("Destruction record %" PRId64 " cancelled.\n"), id);
  else if (type == INV_RECORD_VOID)
    printf(_("Void %" PRId64 " cancelled; the receipt stands.\n"), id);
  else
    printf(_("Write-off %" PRId64 " cancelled.\n"), id);
  return (CLI_OK);
}


typedef struct list_s			/* What list_record adds to */
{
  inv_record_type_t type;		/* Type listed */
  json_t	*json;			/* --json: the array; else NULL */
} list_t;


/* One line (or object) of a record list: a destruction record's method and
 * place, or a write-off's location and reason, where the other has its own. */
static void
list_record(void *ctx, const inv_record_t *r)
{
  const list_t	*list = ctx;
  bool		destruction = list->type == INV_RECORD_DESTRUCTION;
  const char	*what = destruction ? r->method : r->location,	/* code: JSON */
		*note = destruction ? r->place : r->reason;

  char		day[16],			/* the office's local date of preparing */
		method[128];			/* the method in words, with its code */

  invDateLocalDate(r->prepared, day, sizeof(day));
  if (list->json)
    json_array_append_new(list->json, json_pack("{s:I,s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)r->id,
                                                "state", r->state, "count", (json_int_t)r->count,
                                                destruction ? "method" : "location", what,
                                                destruction ? "place" : "reason", note, "preparer", r->preparer,
                                                "preparer_via", r->preparer_via, "approver", r->approver,
                                                "approver_via", r->approver_via, "prepared", r->prepared,
                                                "local_date", day));
  else
  {
    char safe[512],			/* stored text, shown safely */
	 prep[160], appr[160];

    printf("%6" PRId64 "  %-12s %8" PRId64 "  %-12s %-10s %-10s %.10s  %s\n", r->id,
           invVocabLabel(INV_VOCAB_RECORD_STATE, r->state), r->count,
           destruction ? invVocabTerm(INV_VOCAB_METHOD, what, method, sizeof(method)) : what,
           invPersonFormat(r->preparer, r->preparer_via, prep, sizeof(prep)),
           r->approver[0] ? invPersonFormat(r->approver, r->approver_via, appr, sizeof(appr)) : "-", day,
           invTextSafe(note, safe, sizeof(safe)));
  }
}


/* List the records of a type, oldest first. */
int
cmdRecordList(cli_t             *cli,	/* I - Command context */
              inv_record_type_t type,	/* I - Record type */
              int               argc,	/* I - Arguments */
              char              *argv[])
{
  list_t	list = { type, cliGetJson(cli) ? json_array() : NULL };
  inv_status_t	status;
  int		c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!list.json && type == INV_RECORD_DESTRUCTION)
    printf("%6s  %-12s %8s  %-12s %-10s %-10s %-10s  %s\n", _("ID"), _("STATE"), _("CARDS"), _("METHOD"),
           _("PREPARER"), _("APPROVER"), _("PREPARED"), _("PLACE"));
  else if (!list.json)
    printf("%6s  %-12s %8s  %-12s %-10s %-10s %-10s  %s\n", _("ID"), _("STATE"), _("BLANKS"), _("LOCATION"),
           _("PREPARER"), _("APPROVER"), _("PREPARED"), _("REASON"));
  if ((status = invRecordList(cliGetDb(cli), type, list_record, &list)) != INV_OK)
  {
    json_decref(list.json);
    return (cliFailDb(cli, status));
  }
  if (list.json)
    cliJsonPrint(json_pack("{s:o}", "records", list.json));
  return (CLI_OK);
}


/* Find and check the signed checkpoint of a destruction record's head:
 * INV_OK (*found false when there is none), INV_PROBLEM with problem set. */
static inv_status_t
record_signed(cli_t        *cli,	/* I - Command context */
              int64_t      id,		/* I - Record */
              inv_anchor_t *a,		/* O - Its checkpoint */
              bool         *found,	/* O - Is there one? */
              char         *problem,	/* O - What is wrong */
              size_t       size)	/* I - Its size */
{
  char		mark[INV_ANCHOR_MARK_MAX + 1], error[256];
  inv_keyring_t	*kr;
  inv_status_t	status;

  snprintf(mark, sizeof(mark), "record destruction %" PRId64, id);
  if ((status = invAnchorFind(cliGetDb(cli), mark, a, found)) != INV_OK || !*found)
    return (status);
  if ((kr = invAnchorKeyring(cliGetDb(cli), error, sizeof(error))) == NULL)
  {
    snprintf(problem, size, _("the checkpoint of record %" PRId64 " cannot be checked: %s"), id, error);
    return (INV_PROBLEM);
  }
  status = invAnchorCheck(cliGetDb(cli), kr, a, problem, size);
  invKeyringDelete(kr);
  return (status);
}


/* Show one record with its serials, rechecking a sealed record's hash (only
 * destruction records are sealed; a write-off has no hash to check). */
int
cmdRecordShow(cli_t             *cli,	/* I - Command context */
              inv_record_type_t type,	/* I - Record type */
              int               argc,	/* I - Arguments */
              char              *argv[])
{
  int64_t	id;
  inv_status_t	status, check, head = INV_OK, sig = INV_OK;
  int		result;
  rep_record_t	v;
  char		problem[512] = "", head_problem[512] = "";
  inv_anchor_t	anchor;
  bool		signed_ = false;

  if ((result = cmdRecordId(cli, argc, argv, &id)) != CLI_OK)
    return (result);
  if ((status = repRecordLoad(cliGetDb(cli), type, id, &v)) != INV_OK)
  {
    repRecordFree(&v);
    return (cliFailDb(cli, status));
  }
  check = type == INV_RECORD_DESTRUCTION ? invRecordCheck(cliGetDb(cli), id, problem, sizeof(problem)) : INV_OK;
  if (check == INV_OK || check == INV_PROBLEM)
    head = type == INV_RECORD_DESTRUCTION ? invRecordCheckHead(cliGetDb(cli), id, head_problem, sizeof(head_problem))
                                          : INV_OK;
  if (check == INV_OK && head == INV_OK && v.record->hash[0])
    sig = record_signed(cli, id, &anchor, &signed_, problem, sizeof(problem));
  if ((check != INV_OK && check != INV_PROBLEM) || (head != INV_OK && head != INV_PROBLEM) ||
      (sig != INV_OK && sig != INV_PROBLEM))
  {
    repRecordFree(&v);
    return (cliFailDb(cli, check != INV_OK && check != INV_PROBLEM ? check : head != INV_OK && head != INV_PROBLEM ? head
                                                                                                             : sig));
  }
  if (cliGetJson(cli))
  {
    json_t *obj = repRecordJson(&v);

    json_object_set_new(obj, "hash_ok", json_boolean(check == INV_OK || (head == INV_PROBLEM && !strcmp(problem, head_problem))));
    json_object_set_new(obj, "head_in_chain", json_boolean(head == INV_OK));
    cliJsonPrint(obj);
  }
  else
  {
    const inv_record_t	*r = v.record;
    json_t		*w = json_loads(r->witnesses, 0, NULL);
    size_t		i;
    char		safe[1024];		/* stored text, shown safely */
    json_t		*one;
    char		who[160];			/* a person, "rina (via root)" */
    char		when[48];			/* a time, the office's */
    char		n[3][32];			/* counts, grouped */

    if (type == INV_RECORD_DESTRUCTION)
    {
      printf(_("Destruction record %" PRId64 " (%s)\n"), r->id, invVocabLabel(INV_VOCAB_RECORD_STATE, r->state));
      printf(_("method:    %s\nplace:     %s\nplanned:   %s\n"), invVocabTerm(INV_VOCAB_METHOD, r->method, who, sizeof(who)),
             invTextSafe(r->place, safe, sizeof(safe)),
             r->planned[0] ? r->planned : "-");
      printf(_("cards:     %s (spoiled %s, invalid %s)\n"), i18nCount(r->count, n[0], sizeof(n[0])),
             i18nCount(v.spoiled, n[1], sizeof(n[1])), i18nCount(v.invalid, n[2], sizeof(n[2])));
    }
    else
    {
      printf(_("Write-off %" PRId64 " (%s)\n"), r->id, invVocabLabel(INV_VOCAB_RECORD_STATE, r->state));
      printf(_("location:  %s\nreason:    %s\nblanks:    %s\n"), r->location,
             invTextSafe(r->reason, safe, sizeof(safe)), i18nCount(r->count, n[0], sizeof(n[0])));
    }
    printf(_("prepared:  %s by %s\n"), invDateFormatLocal(r->prepared, true, when, sizeof(when)), invPersonFormat(r->preparer, r->preparer_via, who, sizeof(who)));
    if (r->approver[0])
      printf(_("approved:  %s by %s\n"), invDateFormatLocal(r->approved, true, when, sizeof(when)), invPersonFormat(r->approver, r->approver_via, who, sizeof(who)));
    if (r->executor[0])
      printf(_("executed:  %s by %s\n"), invDateFormatLocal(r->executed, true, when, sizeof(when)), invPersonFormat(r->executor, r->executor_via, who, sizeof(who)));
    if (r->cancelled[0])
      printf(_("cancelled: %s\n"), invDateFormatLocal(r->cancelled, true, when, sizeof(when)));
    json_array_foreach(w, i, one)
      printf(_("witness:   %s\n"), invTextSafe(json_string_value(one), safe, sizeof(safe)));
    json_decref(w);
    for (i = 0; i < v.ngroups; i ++)
    {
      char *text = invListFormatCopy(v.groups[i].serials);
      char label[160];

      printf("%s / %s (%s): %s\n", invAccountLabel(v.groups[i].state, INV_KIND_STATE, label, sizeof(label)),
             invTextSafe(v.groups[i].reason, safe, sizeof(safe)),
             i18nCount(invListGetSerialCount(v.groups[i].serials), n[0], sizeof(n[0])), text ? text : "");
      free(text);
    }
    if (r->hash[0])
    {
      bool hash_ok = check == INV_OK || (head == INV_PROBLEM && !strcmp(problem, head_problem));

      printf(_("record hash: %s (%s)\n"), r->hash, hash_ok ? _("checked") : _("DOES NOT MATCH"));
      printf(_("chain head at sealing: %s (%s)\n"), r->head,
             head == INV_OK ? _("still in the chain") : _("NO LONGER IN THE CHAIN"));
      if (signed_ && sig == INV_OK)
        printf(_("signed checkpoint: key %s, %s (checked)\n"), anchor.keyid,
               invDateFormatLocal(anchor.time, true, when, sizeof(when)));
      else if (signed_)
        printf(_("signed checkpoint: key %s, %s (DOES NOT MATCH)\n"), anchor.keyid,
               invDateFormatLocal(anchor.time, true, when, sizeof(when)));
      else if (check == INV_OK)
        printf(_("signed checkpoint: none (the ledger had no signing key when it was sealed)\n"));
    }
  }
  repRecordFree(&v);
  if (check == INV_PROBLEM || sig == INV_PROBLEM)
    return (cliFail(cli, CLI_PROBLEM, "%s", problem));
  return (CLI_OK);
}


/* Read the options (none but the table's) and the one record id of a command. */
int
cmdRecordId(cli_t   *cli,		/* I - Command context */
            int     argc,		/* I - Arguments */
            char    *argv[],
            int64_t *id)		/* O - Record id */
{
  int result;

  if ((result = cliOneArgument(cli, argc, argv, _("give one record number"))) != CLI_OK)
    return (result);
  if (!cliParseCount(argv[optind], id) || *id == 0)
    return (cliFail(cli, CLI_REFUSED, _("\"%s\" is not a record number"), argv[optind]));
  return (CLI_OK);
}


/* Read the --reason and the one number of a command that voids or cancels
 * (receive void, supply cancel): CLI_USAGE with usage when either is
 * missing; else CLI_OK, *id 0 when argv[optind] is not a number (the
 * caller says what it should be). */
int
cmdReasonId(cli_t      *cli,		/* I - Command context */
            int        argc,		/* I - Arguments */
            char       *argv[],
            const char *usage,		/* I - Usage message when one is missing (translated) */
            int64_t    *id,		/* O - The number, or 0 */
            const char **reason)	/* O - --reason */
{
  int c;

  *reason = NULL;
  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    *reason = optarg;
  }
  if (optind != argc - 1 || !*reason)
    return (cliUsage(cli, "%s", usage));
  if (!cliParseCount(argv[optind], id))
    *id = 0;
  return (CLI_OK);
}


/* Read a command's record id and approve or cancel that record of a type
 * (invDestroyApprove, invWriteoffApprove, invReceiveVoidApprove,
 * invRecordCancel); the caller
 * answers.  A refusal is reported here. */
int
cmdRecordStep(cli_t             *cli,	/* I - Command context */
              inv_record_type_t type,	/* I - Record type */
              bool              approve,	/* I - Approve it (else cancel)? */
              int               argc,	/* I - Arguments */
              char              *argv[],
              int64_t           *id)	/* O - Record id */
{
  inv_db_t	*db = cliGetDb(cli);
  inv_status_t	status;
  int		result;

  if ((result = cmdRecordId(cli, argc, argv, id)) != CLI_OK)
    return (result);
  if (!approve)
    status = invRecordCancel(db, type, *id);
  else if (type == INV_RECORD_DESTRUCTION)
    status = invDestroyApprove(db, *id);
  else if (type == INV_RECORD_VOID)
    status = invReceiveVoidApprove(db, *id, cliGetConfig(cli)->void_days);
  else
    status = invWriteoffApprove(db, *id);
  return (status != INV_OK ? cliFailDb(cli, status) : CLI_OK);
}


/* Options of spoil and writeoff, checked by cliMain before the ledger
 * opens (invalid has its own, with --note and --police-report). */
const struct option cmdSerialReasonOptions[] =
{
  { "serials", required_argument, NULL, 'l' },
  { "reason", required_argument, NULL, 'r' },
  { NULL, 0, NULL, 0 }
};


/* Read --serials, --reason, --note and --police-report, the one location
 * of a command that takes it (writeoff) or none, and the --serials list;
 * returns CLI_OK or the failure (free *list in either case). */
int
cmdSerialArgs(cli_t      *cli,		/* I - Command context */
              int        argc,		/* I - Arguments */
              char       *argv[],
              const char **location,	/* O - The location, or NULL when the command takes none */
              inv_list_t **list,	/* O - --serials */
              const char **reason,	/* O - --reason */
              const char **note,	/* O - --note, or NULL when not an option */
              const char **police)	/* O - --police-report, or NULL when not an option */
{
  const char	*serials = NULL;
  int		c;

  *list = NULL;
  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR : return (CLI_USAGE);
      case 'l' : serials = optarg; break;
      case 'r' : *reason = optarg; break;
      case 'n' : if (note) *note = optarg; break;
      case 'p' : if (police) *police = optarg; break;
    }
  }
  if (!serials || !*reason)
    return (cliUsage(cli, _("--serials and --reason are required")));
  if (!location && optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (location && optind != argc - 1)
    return (cliUsage(cli, _("give one location")));
  if (location)
    *location = argv[optind];
  return (cliParseList(cli, "--serials", serials, list));
}


/* The --json answer of a command that moved serials out of use. */
void
cmdMovedJson(const inv_list_t *list,	/* I - Serials moved */
             const char       *reason,	/* I - Why */
             int64_t          event)	/* I - Event, or 0 when several */
{
  char *ranges = invListFormatCopy(list);

  cliJsonPrint(json_pack("{s:I,s:I,s:s,s:s}", "event", (json_int_t)event, "count",
                         (json_int_t)invListGetSerialCount(list), "reason", reason, "serials", ranges ? ranges : ""));
  free(ranges);
}
