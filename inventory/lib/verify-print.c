/*
 * Verification of printers and print jobs.  The printer and print_job rows are rebuilt
 * from the events print.c writes (see blanko/print.h) and compared with
 * the tables, column by column:
 *
 *   printer    name, queue, location and hopper (printer.add); removal
 *              (printer.remove); state and reason, which printer.pause and
 *              printer.resume hold, and which printer.check and
 *              print.suspect imply: print.c sets them there without an
 *              event of their own, from what those events hold.
 *   print_job  id, request_id, serial and printer (every job event holds
 *              them); state (the event's kind); outcome and reason (cut as
 *              print.c keeps them); cups_job_id (print.submitted sets it,
 *              print.resubmit clears it); canceled_cups_id (print.resubmit:
 *              the cups_job it holds, when not 0, is the CUPS job that the
 *              controller canceled.  The event does not name the canceled
 *              job apart: printctl passes the job's own CUPS id to
 *              invPrintResubmit, which is the one the event holds);
 *              issue_date (the local date when the intent was made, which
 *              job events hold since schema 5; that of a job made before
 *              is not checked: the event's time is UTC and the zone is not
 *              recorded).
 *
 * Not derivable, so not checked: printer.added, print_job.created and
 * print_job.updated (print.c reads the clock apart from the event's time).
 * The hopper's count is its account's balance, checked with the other
 * balances.  Job states go through the print job state machine
 * (stateJob), which print.c follows too.  See verify-private.h.
 */

#include "verify-private.h"
#include "print-private.h"
#include "states-private.h"
#include "blanko/print.h"

#include <stdlib.h>
#include <string.h>


typedef struct vprinter_s		/* A printer as its events make it */
{
  char		*name, *queue, *location, *hopper, *state, *reason;
  int64_t	added;			/* Event that added it, 0 once removed */
  bool		stored;			/* Met in the printer table? */
} vprinter_t;

typedef struct vjob_s			/* A print job as its events make it */
{
  int64_t	made,			/* First event naming it, 0 for no job */
		request,
		cups_job,		/* cups_job_id */
		canceled;		/* canceled_cups_id */
  char		serial[INV_SERIAL_MAX],
		printer[INV_PRINTER_NAME_MAX + 1],
		outcome[24];		/* As print.c keeps it (inv_print_job_t) */
  const char	*state;			/* intent, submitted, suspect, done */
  char		*reason;		/* As print.c keeps it, NULL for "" */
  char		issue_date[12];		/* From print.intent, "?" when it is too old to hold it */
  bool		stored;			/* Met in the print_job table? */
} vjob_t;

_Static_assert(sizeof(((vjob_t *)0)->outcome) == sizeof(((inv_print_job_t *)0)->outcome) &&
               sizeof(((vjob_t *)0)->serial) == sizeof(((inv_print_job_t *)0)->serial) &&
               sizeof(((vjob_t *)0)->printer) == sizeof(((inv_print_job_t *)0)->printer),
               "a replayed job keeps what print.c keeps");

struct verify_print_s			/* State of the printing replay */
{
  vprinter_t	*printers;		/* Printers the events made, removed ones too */
  size_t	nprinters;
  vjob_t	*jobs;			/* Print jobs the events made, by id */
  size_t	jobs_alloc;
};


/* Copy text into a buffer, cut to fit as snprintf would (cheaper than it,
 * for every job event). */
static void
text_copy(char       *dst,		/* O - Buffer */
          size_t     size,		/* I - Its size */
          const char *src)		/* I - Text */
{
  size_t n = strnlen(src, size - 1);

  memcpy(dst, src, n);
  dst[n] = '\0';
}


/* An integer as decimal text (cheaper than snprintf, for every job row);
 * returns buf. */
static const char *
int_text(int64_t v,			/* I - Value */
         char    buf[24])		/* O - Text */
{
  char		*p = buf + 23;
  uint64_t	u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

  *p = '\0';
  do
    *--p = (char)('0' + u % 10);
  while (u /= 10);
  if (v < 0)
    *--p = '-';
  return (p);
}


/* Replace text with a copy of at most max bytes of src ("" is kept as NULL). */
static void
text_set(char       **dst,		/* IO - Text */
         const char *src,		/* I - New text */
         size_t     max)		/* I - Most bytes kept */
{
  free(*dst);
  *dst = NULL;
  if (*src && (*dst = strndup(src, max)) == NULL)
    abort();				/* As node_new: nothing sane is left to do */
}


/* The replayed printer of a name, or NULL; with add, a new one (not yet
 * added) when there is none. */
static vprinter_t *
printer_find(verify_t   *v,		/* I - Verification */
             const char *name,		/* I - Printer name */
             bool       add)		/* I - Make one if it is not known? */
{
  verify_print_t	*ps = v->print;
  vprinter_t *p;

  for (size_t i = 0; i < ps->nprinters; i ++)
    if (!strcmp(ps->printers[i].name, name))
      return (ps->printers + i);
  if (!add)
    return (NULL);
  if ((p = realloc(ps->printers, (ps->nprinters + 1) * sizeof(vprinter_t))) == NULL)
    abort();
  ps->printers = p;
  p += ps->nprinters ++;
  memset(p, 0, sizeof(*p));
  text_set(&p->name, name, SIZE_MAX);
  return (p);
}


/* Set a replayed printer's state and reason. */
static void
printer_set_state(vprinter_t *p,	/* I - Printer */
                  const char *state,	/* I - running, paused, check-needed */
                  const char *reason)	/* I - Why, or "" */
{
  text_set(&p->state, state, SIZE_MAX);
  text_set(&p->reason, reason, SIZE_MAX);
}


/* Replay a printer.* event into its printer; false (the problem recorded)
 * when its detail lacks what its kind holds. */
static bool
replay_printer(verify_t   *v,		/* I - Verification */
               json_t     *d,		/* I - The event's detail */
               const char *name)	/* I - The printer it names */
{
  event_id_t	k = v->cur_kind;
  const char	*queue, *location, *hopper, *state, *reason, *read, *expected;
  vprinter_t	*p = printer_find(v, name, k == EV_PRINTER_ADD);
  int		match;
  char		why[160];		/* As invPrinterCheck's */

  if (k == EV_PRINTER_ADD)
  {
    if (json_unpack(d, "{s:s,s:s,s:s}", "queue", &queue, "location", &location, "hopper", &hopper))
      return (false);
    text_set(&p->queue, queue, SIZE_MAX);
    text_set(&p->location, location, SIZE_MAX);
    text_set(&p->hopper, hopper, SIZE_MAX);
    printer_set_state(p, "running", "");	/* The table's defaults */
    p->added = v->cur.id;
  }
  else if (!p || !p->added)
    return (true);			/* No row for it to change */
  else if (k == EV_PRINTER_REMOVE)
    p->added = 0;
  else if (k == EV_PRINTER_PAUSE || k == EV_PRINTER_RESUME)
  {
    if (json_unpack(d, "{s:s,s:s}", "state", &state, "reason", &reason))
      return (false);
    printer_set_state(p, state, reason);
  }
  else if (k == EV_PRINTER_CHECK)
  {
    if (json_unpack(d, "{s:s,s:s,s:b}", "read", &read, "expected", &expected, "match", &match))
      return (false);
    if (!match)
    {
      printReasonCheck(why, sizeof(why), read, expected);
      printer_set_state(p, "check-needed", why);
    }
    else if (p->state && !strcmp(p->state, "check-needed"))
      printer_set_state(p, "paused", PRINT_REASON_CHECKED);
  }
  return (true);
}


/* The replayed job of an id, the array grown to hold it; NULL for an id no
 * job can have (each job is made with an event, so ids stay below the
 * events'). */
static vjob_t *
job_at(verify_t   *v,			/* I - Verification */
       json_int_t id)			/* I - Job id */
{
  verify_print_t	*ps = v->print;

  if (id < 1 || id > v->total)
    return (NULL);
  if ((size_t)id >= ps->jobs_alloc)
  {
    size_t	n = (size_t)id * 2 + 64;
    vjob_t	*more;

    if (n > (size_t)v->total + 1)
      n = (size_t)v->total + 1;
    if ((more = realloc(ps->jobs, n * sizeof(vjob_t))) == NULL)
      abort();
    memset(more + ps->jobs_alloc, 0, (n - ps->jobs_alloc) * sizeof(vjob_t));
    ps->jobs = more;
    ps->jobs_alloc = n;
  }
  return (ps->jobs + id);
}


/* Replay a print.* event into its job (and its printer, for
 * print.suspect); false (the problem recorded) when its detail lacks
 * what every job event holds. */
static bool
replay_job(verify_t   *v,		/* I - Verification */
           json_t     *d,		/* I - The event's detail */
           const char *printer)		/* I - The printer it names */
{
  event_id_t	k = v->cur_kind;
  const char	*serial = NULL, *outcome = NULL, *reason = NULL, *issued = NULL, *key, *to, *refused;
  json_t	*value, *jid = NULL, *jrequest = NULL, *jcups = NULL;
  json_int_t	request, cups;
  vjob_t	*j;
  vprinter_t	*p;
  char		why[160];		/* As invPrintSuspect's */
  const size_t	reason_max = sizeof(((inv_print_job_t *)0)->reason) - 1;

  /* One pass over the detail's members: cheaper than a lookup of each (or
   * json_object_foreach, which looks each key up again), and this is every
   * job event */
  for (void *it = json_object_iter(d); it; it = json_object_iter_next(d, it))
  {
    key = json_object_iter_key(it);
    value = json_object_iter_value(it);
    if (!strcmp(key, "job"))
      jid = value;
    else if (!strcmp(key, "request"))
      jrequest = value;
    else if (!strcmp(key, "cups_job"))
      jcups = value;
    else if (!strcmp(key, "serial"))
      serial = json_string_value(value);
    else if (!strcmp(key, "reason"))
      reason = json_string_value(value);
    else if (!strcmp(key, "outcome"))
      outcome = json_string_value(value);
    else if (!strcmp(key, "issue_date"))
      issued = json_string_value(value);
  }
  if (!json_is_integer(jid) || !json_is_integer(jrequest) || !json_is_integer(jcups) || !serial ||
      (j = job_at(v, json_integer_value(jid))) == NULL)
    return (false);
  request = json_integer_value(jrequest);
  cups = json_integer_value(jcups);
  if ((to = stateJob(j->state ? j->state : "", k, &refused)) == NULL)
  {
    verifyFail(v, v->cur.id, _("event %" PRId64 " (%s) does not fit print job %" PRId64 ", which is %s: %s"), v->cur.id,
               v->cur.kind, (int64_t)json_integer_value(jid), j->state ? j->state : _("unknown"), _(refused));
    return (true);
  }
  if (k == EV_PRINT_INTENT)
  {
    free(j->reason);
    memset(j, 0, sizeof(*j));
    text_copy(j->issue_date, sizeof(j->issue_date), issued ? issued : "?");
  }
  if (!j->made)
    j->made = v->cur.id;
  j->request = request;
  j->cups_job = cups;
  text_copy(j->serial, sizeof(j->serial), serial);
  text_copy(j->printer, sizeof(j->printer), printer);

  j->state = to;
  if (k == EV_PRINT_RESUBMIT)
  {
    if (cups)
      j->canceled = cups;
    j->cups_job = 0;
  }
  else if (k == EV_PRINT_SUSPECT)
  {
    if (!reason)
      return (false);
    text_set(&j->reason, reason, reason_max);
    if ((p = printer_find(v, printer, false)) != NULL && p->added)
    {
      printReasonSuspect(why, sizeof(why), serial, reason);
      printer_set_state(p, "paused", why);
    }
  }
  else if (!strcmp(to, STATE_JOB_DONE))	/* issued, spoiled, unsent, resolve */
  {
    if (!outcome && k == EV_PRINT_UNSENT)
      outcome = "unsent";
    if (!outcome)
      return (false);
    text_copy(j->outcome, sizeof(j->outcome), outcome);
    if (reason)				/* resolve --unused keeps the job's */
      text_set(&j->reason, reason, reason_max);
  }
  return (true);
}




/* Compare one stored printer with the one its events make. */
static int
check_printer(void                      *ctx,	/* I - verify_t */
              const store_printer_row_t *row)	/* I - Stored printer */
{
  verify_t	*v = ctx;
  vprinter_t	*p = printer_find(v, row->name, false);
  char		name[96], have[96];

  verifyShown(row->name, name, sizeof(name));
  if (p && p->added)
  {
    const char *columns[][3] =		/* Column, stored, replayed */
    {
      { "queue", row->queue, p->queue }, { "location", row->location, p->location },
      { "hopper", row->hopper, p->hopper }, { "state", row->state, p->state }, { "reason", row->reason, p->reason }
    };

    p->stored = true;
    for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i ++)
      if (strcmp(columns[i][1], columns[i][2] ? columns[i][2] : ""))
        return (verifyFail(v, 0, _("printer %s: %s is \"%s\", but its events make it \"%s\""), name, columns[i][0],
                     verifyShown(columns[i][1], have, sizeof(have)), columns[i][2] ? columns[i][2] : ""));
    return (0);
  }
  return (verifyFail(v, 0, _("printer %s was not added by any event (or was removed)"), name));
}


/* Compare one stored print job with the one its events make. */
static int
check_job(void                  *ctx,	/* I - verify_t */
          const store_job_row_t *row)	/* I - Stored job */
{
  verify_t	*v = ctx;
  verify_print_t	*ps = v->print;
  vjob_t	*j = row->id >= 1 && (uint64_t)row->id < ps->jobs_alloc ? ps->jobs + row->id : NULL;
  char		request[24], cups[24], canceled[24], have[96];

  if (j && j->made)
  {
    const char *columns[][3] =		/* Column, stored, replayed */
    {
      { "request_id", row->request_id, int_text(j->request, request) }, { "serial", row->serial, j->serial },
      { "printer", row->printer, j->printer }, { "state", row->state, j->state ? j->state : "" },
      { "outcome", row->outcome, j->outcome }, { "reason", row->reason, j->reason ? j->reason : "" },
      { "cups_job_id", row->cups_job_id, int_text(j->cups_job, cups) },
      { "canceled_cups_id", row->canceled_cups_id, int_text(j->canceled, canceled) },
      { "issue_date", row->issue_date, strcmp(j->issue_date, "?") ? j->issue_date : row->issue_date }
    };

    j->stored = true;
    for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i ++)
      if (strcmp(columns[i][1], columns[i][2]))
        return (verifyFail(v, 0, _("print_job %" PRId64 ": %s is \"%s\", but its events make it \"%s\""), row->id,
                     columns[i][0], verifyShown(columns[i][1], have, sizeof(have)), columns[i][2]));
    return (0);
  }
  return (verifyFail(v, 0, _("print_job %" PRId64 " was not made by any print event"), row->id));
}


/* Compare the printer and print_job tables with the replay: every stored
 * row made by events and equal to what they make, and every row they make
 * stored. */
inv_status_t
verifyPrintCheck(verify_t *v)		/* I - Verification */
{
  verify_print_t	*ps = v->print;
  inv_status_t status;

  if ((status = storePrinterRows(v->db, check_printer, v)) != INV_OK || v->failed)
    return (status);
  for (size_t i = 0; i < ps->nprinters && !v->failed; i ++)
    if (ps->printers[i].added && !ps->printers[i].stored)
      verifyFail(v, 0, _("printer %s is missing (event %" PRId64 " added it)"), ps->printers[i].name, ps->printers[i].added);
  if (v->failed || (status = storeJobRows(v->db, check_job, v)) != INV_OK)
    return (status);
  for (size_t i = 1; i < ps->jobs_alloc && !v->failed; i ++)
    if (ps->jobs[i].made && !ps->jobs[i].stored)
      verifyFail(v, 0, _("print_job %zu is missing (event %" PRId64 " made it)"), i, ps->jobs[i].made);
  return (INV_OK);
}


/* Is a kind one of a printer's events (else of a print job's)? */
static bool
printer_event(event_id_t k)		/* I - Event kind */
{
  return (k == EV_PRINTER_ADD || k == EV_PRINTER_REMOVE || k == EV_PRINTER_LOAD || k == EV_PRINTER_UNLOAD ||
          k == EV_PRINTER_CHECK || k == EV_PRINTER_PAUSE || k == EV_PRINTER_RESUME);
}


/* Replay what printer and print job events say of the printer and
 * print_job rows. */
void
verifyPrintReplay(verify_t *v,		/* I - Verification */
                  json_t   *d)		/* I - The event's detail, or NULL */
{
  const char	*printer = json_string_value(json_object_get(d, "printer"));
  bool		ok;

  if (!printer)
    ok = false;
  else if (printer_event(v->cur_kind))
    ok = replay_printer(v, d, printer);
  else
    ok = replay_job(v, d, printer);
  if (!ok)
    verifyFail(v, v->cur.id, _("event %" PRId64 " has unreadable detail"), v->cur.id);
}


/* Start the printing replay; false when memory runs out. */
bool
verifyPrintNew(verify_t *v)		/* I - Verification */
{
  return ((v->print = calloc(1, sizeof(verify_print_t))) != NULL);
}


/* Free the printing replay. */
void
verifyPrintFree(verify_t *v)		/* I - Verification */
{
  verify_print_t *ps = v->print;

  if (!ps)
    return;
  for (size_t i = 0; i < ps->nprinters; i ++)
  {
    vprinter_t *p = ps->printers + i;

    free(p->name);
    free(p->queue);
    free(p->location);
    free(p->hopper);
    free(p->state);
    free(p->reason);
  }
  free(ps->printers);
  for (size_t i = 0; i < ps->jobs_alloc; i ++)
    free(ps->jobs[i].reason);
  free(ps->jobs);
  free(ps);
  v->print = NULL;
}
