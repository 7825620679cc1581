/*
 * printctl requests: list card requests.  Names and NIKs are personal
 * data: only printroom, auditor and admin users see them.
 */

#include "commands.h"
#include "blanko/date.h"

#include <stdio.h>
#include <string.h>

#define SEES_PERSONAL	(INV_ROLE_PRINTROOM | INV_ROLE_AUDITOR | INV_ROLE_ADMIN)

typedef struct list_s			/* Listing context */
{
  json_t	*array;			/* JSON output, or NULL for text */
  bool		personal;		/* Show names and NIKs? */
  long		count;
} list_t;


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdRequestsOptions[] =
{
  { "state", required_argument, NULL, 's' },
  { "nik", required_argument, NULL, 'n' },
  { NULL, 0, NULL, 0 }
};


/* One request as a line or a JSON object. */
static void
list_row(void                *ctx,	/* I - list_t */
         const inv_request_t *r)	/* I - Request */
{
  list_t *l = ctx;

  l->count ++;
  if (l->array)
  {
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)r->id, "state", r->state,
                          "template", r->template_name, "created", r->created, "updated", r->updated,
                          "serial", r->serial);

    if (r->supersedes)
      json_object_set_new(o, "supersedes", json_integer(r->supersedes));
    if (r->superseded_by)
      json_object_set_new(o, "superseded_by", json_integer(r->superseded_by));
    if (r->reason[0])
      json_object_set_new(o, "reason", json_string(r->reason));
    if (l->personal)
    {
      json_object_set_new(o, "nik", json_string(r->nik));
      json_object_set_new(o, "name", json_string(r->name));
    }
    json_array_append_new(l->array, o);
  }
  else if (l->personal)
  {
    char nik[64], name[1024],			/* stored text, shown safely */
	 created[48];

    printf("%8lld  %-10s  %-24s  %-16s  %s\n", (long long)r->id, r->state,
           invDateFormatLocal(r->created, true, created, sizeof(created)),
           invTextSafe(r->nik, nik, sizeof(nik)), invTextSafe(r->name, name, sizeof(name)));
  }
  else
  {
    char created[48], updated[48];		/* the office's time */

    printf("%8lld  %-10s  %-24s  %s\n", (long long)r->id, r->state,
           invDateFormatLocal(r->created, true, created, sizeof(created)),
           invDateFormatLocal(r->updated, true, updated, sizeof(updated)));
  }
}


/* List card requests. */
int
cmdRequests(cli_t *cli,			/* I - Command context */
            int   argc,			/* I - Arguments */
            char  *argv[])
{
  const char	*state = NULL, *nik = NULL;
  list_t	l;
  inv_status_t	status;
  int		c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    if (c == 's')
      state = optarg;
    else
      nik = optarg;
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));

  if (state && !invVocabCode(INV_VOCAB_REQUEST_STATE, state))
  {
    char choices[512];

    return (cliFail(cli, CLI_REFUSED, _("--state: unknown state \"%s\" (%s)"), state,
                    invVocabChoices(INV_VOCAB_REQUEST_STATE, choices, sizeof(choices))));
  }
  if (state)
    state = invVocabCode(INV_VOCAB_REQUEST_STATE, state);	/* "menunggu" is pending */
  memset(&l, 0, sizeof(l));
  l.personal = (cliGetRoles(cli) & SEES_PERSONAL) != 0;
  if (nik && !l.personal)
    return (cliFail(cli, CLI_REFUSED, _("--nik needs the printroom, auditor or admin role, which %s does not have"),
                    cliGetActor(cli)));
  l.array = cliGetJson(cli) ? json_array() : NULL;
  if (!l.array)
  {
    if (l.personal)
      printf("%8s  %-10s  %-24s  %-16s  %s\n", _("ID"), _("STATE"), _("CREATED"), _("NIK"), _("NAME"));
    else
      printf("%8s  %-10s  %-24s  %s\n", _("ID"), _("STATE"), _("CREATED"), _("UPDATED"));
  }
  status = invRequestList(cliGetDb(cli), state, nik, list_row, &l);
  return (cliListDone(cli, status, l.array));
}
