/*
 * inventory history: every movement of one serial.
 */

#include "commands.h"
#include "blanko/date.h"
#include "blanko/labels.h"

#include <inttypes.h>
#include <stdio.h>


typedef struct history_s		/* What the rows need */
{
  inv_db_t	*db;			/* Ledger, for the accounts' kinds */
  json_t	*array;			/* JSON rows, or NULL for text */
} history_t;


/* An account for people (invAccountLabel), by its kind in the ledger. */
static const char *
history_account(inv_db_t   *db,		/* I - Ledger */
                const char *code,	/* I - Account code */
                char       *buf,	/* O - Label */
                size_t     bufsize)	/* I - Size of buf */
{
  inv_kind_t	kind;
  int64_t	balance;

  if (invAccountGet(db, code, &kind, &balance) != INV_OK)
    kind = INV_KIND_STORE;		/* a location: shown by its code */
  return (invAccountLabel(code, kind, buf, bufsize));
}


/* One movement as a line or a JSON object; a transfer's note (--note)
 * follows its reference. */
static void
history_row(void *ctx, const inv_movement_t *m)
{
  history_t	*h = ctx;
  json_t	*array = h->array, *d = m->event->detail[0] ? json_loads(m->event->detail, 0, NULL) : NULL;
  const char	*note = json_string_value(json_object_get(d, "note"));
  char		range[INV_RANGE_MAX], ref[512], safe_note[512], when[48], day[16];

  invRangeFormat(&m->range, range, sizeof(range));
  invTextSafe(m->event->ref, ref, sizeof(ref));	/* stored text, shown safely */
  invTextSafe(note, safe_note, sizeof(safe_note));
  if (array)
    json_array_append_new(array, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "event",
                                           (json_int_t)m->event->id, "time", m->event->time, "local_date",
                                           invDateLocalDate(m->event->time, day, sizeof(day)), "kind",
                                           m->event->kind, "from", m->from, "to", m->to, "range", range,
                                           "actor", m->event->actor, "via", m->event->via,
                                           "ref", ref, "note", safe_note));
  else
  {
    char	kind[128], from[160], to[160];	/* words for people; JSON keeps the codes */

    printf("%8" PRId64 "  %-24s  %-10s %-14s -> %-14s %-12s %s  %s%s%s\n", m->event->id,
           invDateFormatLocal(m->event->time, true, when, sizeof(when)),
           invVocabTerm(INV_VOCAB_EVENT_KIND, m->event->kind, kind, sizeof(kind)),
           history_account(h->db, m->from, from, sizeof(from)), history_account(h->db, m->to, to, sizeof(to)),
           m->event->actor, range, ref, safe_note[0] ? "  " : "", safe_note);
  }
  json_decref(d);
}


/* Show the history of a serial. */
int
cmdHistory(cli_t *cli,			/* I - Command context */
           int   argc,			/* I - Arguments */
           char  *argv[])
{
  json_t	*array;
  inv_status_t	status;
  int		c;
  history_t	h;

  while ((c = cliGetOption(cli, argc, argv, NULL)) != -1)
    return (CLI_USAGE);
  if (optind != argc - 1)
    return (cliUsage(cli, _("give exactly one SERIAL")));
  array = cliGetJson(cli) ? json_array() : NULL;
  if (!array)
    printf("%8s  %-24s  %-10s %-14s    %-14s %-12s %s  %s\n", _("EVENT"), _("TIME"), _("KIND"),
           _("FROM"), _("TO"), _("ACTOR"), _("MOVED RANGE"), _("REFERENCE"));
  h.db = cliGetDb(cli);
  h.array = array;
  status = invHistory(cliGetDb(cli), argv[optind], history_row, &h);
  return (cliListDone(cli, status, array));
}
