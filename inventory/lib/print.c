/*
 * Printers, hoppers and print jobs: the rules of the print controller's
 * ledger side.  See blanko/print.h.  Every change appends one event whose
 * detail names jobs, requests, serials, printers and CUPS job ids only.
 */

#include "chain-private.h"
#include "ledger-private.h"
#include "print-private.h"
#include "states-private.h"
#include "blanko/print.h"
#include "blanko/request.h"
#include "blanko/date.h"
#include "blanko/i18n.h"
#include "blanko/access.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>


/* The reason a printer needs a check: what it read against what the
 * ledger expects (print-private.h). */
void
printReasonCheck(char       *buf,		/* O - Reason */
                 size_t     bufsize,		/* I - Its size */
                 const char *read,		/* I - Serial the printer read */
                 const char *expected)		/* I - Serial expected, or "" for an empty hopper */
{
  snprintf(buf, bufsize, "check: read %s, the ledger expects %s", read, *expected ? expected : "an empty hopper");
}


/* The reason a printer is paused on a suspect card (print-private.h). */
void
printReasonSuspect(char       *buf,		/* O - Reason */
                   size_t     bufsize,		/* I - Its size */
                   const char *serial,		/* I - The card's serial */
                   const char *reason)		/* I - Why it is suspect */
{
  snprintf(buf, bufsize, "card %s suspect (%s): resolve it", serial, reason);
}


/* A printer's stored reason for people, in the language of the messages:
 * the reasons blanko writes itself (in English, the stored value, which
 * never changes) are translated at display; an operator's own text is shown
 * as it was typed (the caller shows it safely). */
const char *
invPrinterReasonText(const char *stored,	/* I - Stored reason */
                     char       *buf,		/* O - Text */
                     size_t     bufsize)	/* I - Its size */
{
  char		a[128], b[256];
  size_t	len = strlen(stored ? stored : ""), tail = strlen("): resolve it");

  if (!stored)
    stored = "";
  if (!strcmp(stored, "paused by an operator"))
    snprintf(buf, bufsize, "%s", _("paused by an operator"));
  else if (!strcmp(stored, PRINT_REASON_CHECKED))
    snprintf(buf, bufsize, "%s", _("checked; resume to print"));
  else if (sscanf(stored, "check: read %127[^,], the ledger expects %255[^\n]", a, b) == 2)
    snprintf(buf, bufsize, _("check: read %s, the ledger expects %s"), a,
             strcmp(b, "an empty hopper") ? b : _("an empty hopper"));
  else if (sscanf(stored, "card %127s suspect (%255[^\n]", a, b) == 2 && len > tail &&
           !strcmp(stored + len - tail, "): resolve it") && strlen(b) >= tail - 1)
  {
    b[strlen(b) - (tail - 1)] = '\0';				/* the inner reason, as stored */
    snprintf(buf, bufsize, _("card %s suspect (%s): resolve it"), a, b);
  }
  else if (sscanf(stored, "card %127s spoiled: %255[^\n]", a, b) == 2)
    snprintf(buf, bufsize, _("card %s spoiled: %s"), a, b);
  else if (!strncmp(stored, "not sent: ", 10))
    snprintf(buf, bufsize, _("not sent: %s"), stored + 10);
  else
    snprintf(buf, bufsize, "%s", stored);
  return (buf);
}


/* Append an event with a JSON detail built by json_pack (reference stolen);
 * moves serials from -> to when serials is not NULL. */
static inv_status_t
print_event(inv_db_t         *db,	/* I - Ledger */
            event_id_t       kind,	/* I - Event kind */
            const char       *ref,	/* I - Reference */
            json_t           *obj,	/* I - Detail (stolen) */
            const char       *from,	/* I - Source account, or NULL */
            const char       *to,	/* I - Destination account */
            const inv_list_t *serials)	/* I - What moves, or NULL */
{
  char		*detail = chainDetailCopy(obj);
  inv_status_t	status;

  if (!detail)
    return (_invDbNoMemory(db));
  status = serials ? _invMove(db, eventName(kind), from, to, serials, ref, detail, NULL)
                   : _invEventAppend(db, eventName(kind), ref, detail, NULL);
  free(detail);
  return (status);
}


/* A job's detail: job, request, serial, printer, CUPS job, the issue date
 * printed on the card (which print.issued gives the request), and more. */
static json_t *
job_detail(const inv_print_job_t *j)	/* I - Job */
{
  return (json_pack("{s:I,s:I,s:s,s:s,s:i,s:s}", "job", (json_int_t)j->id, "request", (json_int_t)j->request,
                    "serial", j->serial, "printer", j->printer, "cups_job", j->cups_job_id,
                    "issue_date", j->issue_date));
}


/* A one-serial list. */
static inv_list_t *
serial_list(inv_db_t *db, const char *serial)
{
  inv_list_t *l = invListNew();

  if (!l || invListParse(l, serial) != INV_OK)
  {
    _invDbSetError(db, INV_REFUSED, _("bad serial \"%s\""), serial);
    invListDelete(l);
    return (NULL);
  }
  return (l);
}


/* Read a printer; INV_REFUSED when there is none. */
inv_status_t
invPrinterGet(inv_db_t      *db,	/* I - Ledger */
              const char    *name,	/* I - Printer */
              inv_printer_t *p)		/* O - Printer */
{
  bool		found;
  inv_status_t	status = storePrinterGet(db, name, p, &found);

  if (status == INV_OK && !found)
    status = _invDbSetError(db, INV_REFUSED, _("no printer named \"%s\""), name);
  return (status);
}


/* Call cb for every printer, by name. */
inv_status_t
invPrinterList(inv_db_t         *db,	/* I - Ledger */
               inv_printer_cb_t cb,	/* I - Callback */
               void             *ctx)	/* I - Its context */
{
  return (storePrinterList(db, cb, ctx));
}


/*
 * Add a printer: a CUPS queue served from a print room, with a new hopper
 * account "hopper.<NAME>" (or the one a removed printer of that name left).
 */

inv_status_t
invPrinterAdd(inv_db_t   *db,		/* I - Ledger */
              const char *name,		/* I - Printer name */
              const char *queue,	/* I - CUPS queue */
              const char *location)	/* I - Print room */
{
  inv_printer_t	p;
  inv_kind_t	kind;
  bool		found;
  inv_status_t	status;
  char		now[32];

  memset(&p, 0, sizeof(p));
  if (!name || strlen(name) > INV_PRINTER_NAME_MAX || !_invNameIsValid(name))
    return (_invDbSetError(db, INV_REFUSED, _("bad printer name \"%s\": use 1-%d letters, digits, '.', '_' or '-'"),
                          name ? name : "", INV_PRINTER_NAME_MAX));
  if (!queue || !*queue || strlen(queue) >= sizeof(p.queue) || !_invNameIsValid(queue))
    return (_invDbSetError(db, INV_REFUSED, _("bad CUPS queue name \"%s\""), queue ? queue : ""));
  if ((status = storePrinterGet(db, name, &p, &found)) != INV_OK)
    return (status);
  if (found)
    return (_invDbSetError(db, INV_REFUSED, _("printer %s exists already"), name));
  if ((status = invAccountGet(db, location, &kind, NULL)) != INV_OK)
    return (status);
  if (kind != INV_KIND_PRINTROOM)
    return (_invDbSetError(db, INV_REFUSED, _("%s is not a print room"), location));

  snprintf(p.name, sizeof(p.name), "%s", name);
  snprintf(p.queue, sizeof(p.queue), "%s", queue);
  snprintf(p.location, sizeof(p.location), "%s", location);
  snprintf(p.hopper, sizeof(p.hopper), "hopper.%s", name);
  if (invAccountGet(db, p.hopper, &kind, NULL) == INV_OK)
  {
    if (kind != INV_KIND_HOPPER)
      return (_invDbSetError(db, INV_REFUSED, _("%s exists already and is not a hopper"), p.hopper));
  }
  else if ((status = invLocationAdd(db, p.hopper, INV_KIND_HOPPER, name)) != INV_OK)
    return (status);
  chainTimeNow(now, sizeof(now));
  if ((status = storePrinterInsert(db, &p, now)) != INV_OK)
    return (status);
  return (print_event(db, EV_PRINTER_ADD, name, json_pack("{s:s,s:s,s:s,s:s}", "printer", name, "queue", queue,
                                                            "location", location, "hopper", p.hopper), NULL, NULL, NULL));
}


/* Remove a printer whose hopper is empty (its account stays, empty). */
inv_status_t
invPrinterRemove(inv_db_t   *db,	/* I - Ledger */
                 const char *name)	/* I - Printer */
{
  inv_printer_t	p;
  inv_status_t	status;

  if ((status = invPrinterGet(db, name, &p)) != INV_OK)
    return (status);
  if (p.hopper_count)
    return (_invDbSetError(db, INV_REFUSED, P_("printer %s still holds %lld blank; unload it first",
                                              "printer %s still holds %lld blanks; unload it first", p.hopper_count), name,
                          (long long)p.hopper_count));
  if ((status = storePrinterDelete(db, name)) != INV_OK)
    return (status);
  return (print_event(db, EV_PRINTER_REMOVE, name, json_pack("{s:s}", "printer", name), NULL, NULL, NULL));
}


/* Is a job open on the printer?  (*open gets its id, or 0) */
typedef struct open_s
{
  int64_t	id;
  char		state[16];
} open_t;

static void
first_open(void *ctx, const inv_print_job_t *j)
{
  open_t *o = ctx;

  if (!o->id)
  {
    o->id = j->id;
    snprintf(o->state, sizeof(o->state), "%s", j->state);
  }
}


/* Load blanks from the printer's print room into its hopper. */
inv_status_t
invPrinterLoad(inv_db_t         *db,		/* I - Ledger */
               const char       *name,		/* I - Printer */
               const inv_list_t *serials,	/* I - Serials */
               int64_t          *event_id)	/* O - Event, or NULL */
{
  inv_printer_t	p;
  char		*detail;
  inv_status_t	status;

  if ((status = invPrinterGet(db, name, &p)) != INV_OK)
    return (status);
  if (!(detail = chainDetailCopy(json_pack("{s:s}", "printer", name))))
    return (_invDbNoMemory(db));
  status = _invMove(db, eventName(EV_PRINTER_LOAD), p.location, p.hopper, serials, name, detail, event_id);
  free(detail);
  return (status);
}


/* Return what is left in the hopper to the print room; refused while a
 * card is at the printer (a job not done). */
inv_status_t
invPrinterUnload(inv_db_t   *db,	/* I - Ledger */
                 const char *name,	/* I - Printer */
                 inv_list_t *moved)	/* O - What was returned */
{
  inv_printer_t	p;
  open_t	o = { 0, "" };
  char		*detail;
  inv_status_t	status;

  invListClear(moved);
  if ((status = invPrinterGet(db, name, &p)) != INV_OK ||
      (status = storeJobList(db, name, true, first_open, &o)) != INV_OK)
    return (status);
  if (o.id)
    return (_invDbSetError(db, INV_REFUSED, _("printer %s has print job %lld %s; it must end (or be resolved) first"),
                          name, (long long)o.id, o.state));
  if (!p.hopper_count)
    return (_invDbSetError(db, INV_REFUSED, _("printer %s's hopper is empty"), name));
  if ((status = invHoldingCopyList(db, p.hopper, moved)) != INV_OK)
    return (status);
  if (!(detail = chainDetailCopy(json_pack("{s:s}", "printer", name))))
    return (_invDbNoMemory(db));
  status = _invMove(db, eventName(EV_PRINTER_UNLOAD), p.hopper, p.location, moved, name, detail, NULL);
  free(detail);
  return (status);
}


/* Set a printer's state with an event. */
static inv_status_t
printer_state(inv_db_t   *db,		/* I - Ledger */
              const char *name,		/* I - Printer */
              event_id_t kind,		/* I - Event kind */
              const char *state,	/* I - New state */
              const char *reason)	/* I - Why */
{
  inv_status_t status;

  if ((status = storePrinterSetState(db, name, state, reason)) != INV_OK)
    return (status);
  return (print_event(db, kind, name, json_pack("{s:s,s:s,s:s}", "printer", name, "state", state, "reason", reason),
                      NULL, NULL, NULL));
}


/*
 * The operator read the next physical card in the hopper: a match clears
 * a check-needed printer (it becomes paused: resume it to print); a
 * mismatch is a discrepancy, recorded, and the printer takes no work until
 * a later check matches.
 */

inv_status_t
invPrinterCheck(inv_db_t   *db,		/* I - Ledger */
                const char *name,	/* I - Printer */
                const char *serial,	/* I - Serial read on the next card */
                bool       *match,	/* O - Did it match? */
                char       *expected,	/* O - The lowest serial in the hopper, or "" */
                size_t     expsize)	/* I - Size of expected */
{
  inv_printer_t	p;
  inv_list_t	*lowest, *read;
  char		reason[160];
  inv_status_t	status;

  *match = false;
  if (expsize)
    expected[0] = '\0';
  if ((status = invPrinterGet(db, name, &p)) != INV_OK)
    return (status);
  if (!(read = serial_list(db, serial)))
    return (INV_REFUSED);
  if (invListGetSerialCount(read) != 1)
  {
    invListDelete(read);
    return (_invDbSetError(db, INV_REFUSED, _("--next takes one serial")));
  }
  if (!(lowest = invListNew()))
  {
    invListDelete(read);
    return (_invDbNoMemory(db));
  }
  if (p.hopper_count && (status = _invTakeLowest(db, p.hopper, 1, lowest)) != INV_OK)
    goto done;
  if (invListGetCount(lowest))
  {
    const inv_range_t *a = invListGetRange(lowest, 0), *b = invListGetRange(read, 0);

    invRangeFormat(a, expected, expsize);
    *match = !strcmp(a->prefix, b->prefix) && a->width == b->width && a->first == b->first;
  }
  status = print_event(db, EV_PRINTER_CHECK, name, json_pack("{s:s,s:s,s:s,s:b}", "printer", name, "read", serial,
                                                              "expected", expected, "match", *match), NULL, NULL, NULL);
  if (status == INV_OK && !*match)
  {
    printReasonCheck(reason, sizeof(reason), serial, expected);
    status = storePrinterSetState(db, name, "check-needed", reason);
  }
  else if (status == INV_OK && !strcmp(p.state, "check-needed"))
    status = storePrinterSetState(db, name, "paused", PRINT_REASON_CHECKED);

done:
  invListDelete(lowest);
  invListDelete(read);
  return (status);
}


/* Pause a printer (an operator, or the controller after a failure). */
inv_status_t
invPrinterPause(inv_db_t   *db,		/* I - Ledger */
                const char *name,	/* I - Printer */
                const char *reason)	/* I - Why */
{
  inv_printer_t	p;
  inv_status_t	status;

  if ((status = invPrinterGet(db, name, &p)) != INV_OK)
    return (status);
  if (!strcmp(p.state, "check-needed"))
    return (_invDbSetError(db, INV_REFUSED, _("printer %s needs a check first (%s)"), name, p.reason));
  return (printer_state(db, name, EV_PRINTER_PAUSE, "paused", reason && *reason ? reason : "paused by an operator"));
}


/* Resume a paused printer; refused while it needs a check or a job of
 * its is suspect. */
inv_status_t
invPrinterResume(inv_db_t   *db,	/* I - Ledger */
                 const char *name)	/* I - Printer */
{
  inv_printer_t	p;
  open_t	o = { 0, "" };
  inv_status_t	status;

  if ((status = invPrinterGet(db, name, &p)) != INV_OK ||
      (status = storeJobList(db, name, true, first_open, &o)) != INV_OK)
    return (status);
  if (!strcmp(p.state, "check-needed"))
    return (_invDbSetError(db, INV_REFUSED, _("printer %s needs a check first (%s)"), name, p.reason));
  if (o.id && !strcmp(o.state, STATE_JOB_SUSPECT))
    return (_invDbSetError(db, INV_REFUSED, _("printer %s has suspect print job %lld; settle it with 'printctl resolve' first"),
                          name, (long long)o.id));
  if (!strcmp(p.state, "running"))
    return (_invDbSetError(db, INV_REFUSED, _("printer %s is running already"), name));
  return (printer_state(db, name, EV_PRINTER_RESUME, "running", ""));
}


/*
 * Leases: a printer is driven by at most one controller at a time.  The
 * lease (table printer_lease, outside the hash chain) names its holder and
 * a random token; a controller takes a printer whose lease is free,
 * expired (no heartbeat for `expiry` seconds) or held by a process of
 * this host that is gone, and every write it then makes about the
 * printer's jobs checks its token in the same transaction.
 */

/* Has process pid of this host ended?  It does not exist, or it is a
 * zombie no parent has reaped (an orphan of a killed timeout(1) under an
 * init that does not reap): it drives nothing either way. */
static bool
pid_gone(pid_t pid)			/* I - Process */
{
  char	path[64], stat[512], *paren;
  FILE	*fp;
  bool	zombie = false;

  if (kill(pid, 0) < 0)
    return (errno == ESRCH);
  snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
  if ((fp = fopen(path, "re")) != NULL)
  {
    if (fgets(stat, sizeof(stat), fp) && (paren = strrchr(stat, ')')) != NULL)
      zombie = paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X');
    fclose(fp);
  }
  return (zombie);
}


/* Is the holder gone?  Its heartbeat is older than expiry, or it was a
 * process of this host that has ended. */
static bool
lease_dead(const inv_lease_t *l,	/* I - The lease */
           int               expiry,	/* I - Seconds without heartbeat */
           int64_t           now)	/* I - UTC seconds */
{
  char host[65] = "";

  if (now - l->heartbeat > expiry)
    return (true);
  gethostname(host, sizeof(host) - 1);
  return (!strcmp(host, l->host) && l->pid > 0 && pid_gone((pid_t)l->pid));
}


/* The message for a printer driven by another controller. */
static inv_status_t
lease_refused(inv_db_t          *db,	/* I - Ledger */
              const char        *name,	/* I - Printer */
              const inv_lease_t *l,	/* I - The holder's lease, or NULL */
              bool              found)	/* I - Is there a lease? */
{
  if (!found)
    return (_invDbSetError(db, INV_REFUSED, _("printer %s is no longer driven by this controller"), name));
  return (_invDbSetError(db, INV_REFUSED, _("printer %s is driven by another controller (pid %lld on %s, since %s)"),
                        name, (long long)l->pid, l->host, l->since));
}


/* Take a printer's lease, or learn who holds it (*taken false, *holder
 * set).  mine->token, pid and host are the caller's; since and heartbeat
 * are set here.  *holder is also the previous holder when one was taken
 * over (token "" when the printer was free). */
inv_status_t
invPrinterLeaseTake(inv_db_t    *db,	/* I - Ledger */
                    const char  *name,	/* I - Printer */
                    inv_lease_t *mine,	/* IO - The caller's lease */
                    int         expiry,	/* I - Seconds a heartbeat holds */
                    bool        *taken,	/* O - Is it the caller's now? */
                    inv_lease_t *holder)	/* O - The holder before */
{
  inv_printer_t	p;
  bool		found;
  int64_t	now = (int64_t)time(NULL);
  inv_status_t	status;

  *taken = false;
  if ((status = invPrinterGet(db, name, &p)) != INV_OK ||
      (status = storeLeaseGet(db, name, holder, &found)) != INV_OK)
    return (status);
  if (found && strcmp(holder->token, mine->token) && !lease_dead(holder, expiry, now))
    return (INV_OK);
  if (!found || strcmp(holder->token, mine->token))
    chainTimeNow(mine->since, sizeof(mine->since));
  mine->heartbeat = now;
  if ((status = storeLeasePut(db, name, mine)) == INV_OK)
    *taken = true;
  return (status);
}


/* Fencing: INV_REFUSED unless token is the printer's lease.  Called in
 * the transaction of every write the controller makes about the printer. */
inv_status_t
invPrinterLeaseCheck(inv_db_t   *db,	/* I - Ledger */
                     const char *name,	/* I - Printer */
                     const char *token)	/* I - The caller's token */
{
  inv_lease_t	l;
  bool		found;
  inv_status_t	status;

  if ((status = storeLeaseGet(db, name, &l, &found)) != INV_OK)
    return (status);
  if (!found || strcmp(l.token, token))
    return (lease_refused(db, name, &l, found));
  return (INV_OK);
}


/* The holder's heartbeat; INV_REFUSED when another controller has taken
 * the printer. */
inv_status_t
invPrinterLeaseRenew(inv_db_t   *db,	/* I - Ledger */
                     const char *name,	/* I - Printer */
                     const char *token)	/* I - The holder's token */
{
  bool		held;
  inv_status_t	status;

  if ((status = storeLeaseBeat(db, name, token, (int64_t)time(NULL), &held)) != INV_OK)
    return (status);
  return (held ? INV_OK : invPrinterLeaseCheck(db, name, token));
}


/* Give a printer back (nothing when it is not the caller's any more). */
inv_status_t
invPrinterLeaseRelease(inv_db_t   *db,	/* I - Ledger */
                       const char *name,	/* I - Printer */
                       const char *token)	/* I - The holder's token */
{
  return (storeLeaseDrop(db, name, token));
}


/* The states a print event gives a job and its request (states.c): a
 * request held by a job is submitted while the job is open and suspect
 * while the job is.  INV_REFUSED when either machine refuses. */
static inv_status_t
next_states(inv_db_t   *db,		/* I - Ledger */
            const char *job,		/* I - The job's state, "" before print.intent */
            const char *request,	/* I - Its request's state */
            event_id_t event,		/* I - The event */
            bool       printed,		/* I - print.resolve: resolved as printed? */
            char       job_to[16],	/* O - The job's new state */
            const char **request_to)	/* O - The request's new state, NULL when it keeps its own */
{
  const char	*why, *to = stateJob(job, event, &why);
  bool		of_request = (eventDomains(event) & EVENT_REQUESTS) != 0;	/* Does it change the request? */

  *request_to = NULL;
  if (to && of_request && (*request_to = stateRequest(request, event, printed, &why)) == NULL)
    to = NULL;
  if (!to)
    return (_invDbSetError(db, INV_REFUSED, _("%s refused: %s"), eventName(event), _(why)));
  snprintf(job_to, 16, "%s", to);
  return (INV_OK);
}


/* Today's date, YYYY-MM-DD, in the office's time zone: the date printed on the card. */
static void
today(char date[11])
{
  invDateLocalToday(0, date, 11);
}


/* Take pending requests in delivery order within a priority (true) or by
   recorded day (false, the default). */
void
invPrintSetOrder(inv_db_t *db,		/* I - Ledger */
                 bool     delivery)	/* I - Delivery order? */
{
  db->print_delivery = delivery;
}


/*
 * The next card for a printer: the pending request with the highest
 * priority in force today (in delivery order: then kecamatan, kelurahan
 * and RT/RW), then the oldest recorded (storeRequestNextPending), on the lowest
 * serial in its hopper, recorded as an intent (request -> submitted)
 * before CUPS hears of it.  *found is false when the printer is not
 * running, has a job open, an empty hopper, or nothing is pending.
 */

inv_status_t
invPrintNext(inv_db_t        *db,	/* I - Ledger */
             const char      *printer,	/* I - Printer */
             inv_print_job_t *job,	/* O - The job */
             bool            *found)	/* O - Was one made? */
{
  inv_printer_t	p;
  open_t	o = { 0, "" };
  inv_list_t	*lowest;
  int64_t	request;
  bool		pending;
  const char	*rq_state;
  char		day[11];
  inv_status_t	status;

  *found = false;
  memset(job, 0, sizeof(*job));
  if ((status = invPrinterGet(db, printer, &p)) != INV_OK ||
      (status = storeJobList(db, printer, true, first_open, &o)) != INV_OK)
    return (status);
  if (strcmp(p.state, "running") || o.id || !p.hopper_count)
    return (INV_OK);
  today(day);
  if ((status = storeRequestNextPending(db, day, db->print_delivery, &request, &pending)) != INV_OK || !pending)
    return (status);
  if (!(lowest = invListNew()))
    return (_invDbNoMemory(db));
  if ((status = _invTakeLowest(db, p.hopper, 1, lowest)) == INV_OK &&
      (status = next_states(db, "", STATE_REQ_PENDING, EV_PRINT_INTENT, false, job->state, &rq_state)) == INV_OK)
  {
    invRangeFormat(invListGetRange(lowest, 0), job->serial, sizeof(job->serial));
    job->request = request;
    snprintf(job->printer, sizeof(job->printer), "%s", printer);
    today(job->issue_date);
    chainTimeNow(job->created, sizeof(job->created));
    snprintf(job->updated, sizeof(job->updated), "%s", job->created);
    if ((status = storeJobInsert(db, job, &job->id)) == INV_OK &&
        (status = storeRequestBind(db, request, rq_state, "", "", job->created)) == INV_OK &&
        (status = print_event(db, EV_PRINT_INTENT, printer, job_detail(job), NULL, NULL, NULL)) == INV_OK)
      *found = true;
  }
  invListDelete(lowest);
  return (status);
}


/* Read an open job for a change by an event: the job's new state goes to
 * j->state and its request's to *rq_state (NULL for none); INV_REFUSED
 * when the job's state machine refuses the event (stateJob). */
static inv_status_t
open_job(inv_db_t        *db,		/* I - Ledger */
         int64_t         id,		/* I - Job */
         event_id_t      event,		/* I - The event to come */
         bool            printed,	/* I - print.resolve: resolved as printed? */
         inv_print_job_t *j,		/* O - The job */
         const char      **rq_state)	/* O - Its request's new state, or NULL */
{
  inv_status_t	status = invPrintJobGet(db, id, j);
  char		was[sizeof(j->state)];

  if (status != INV_OK)
    return (status);
  if (!strcmp(j->state, STATE_JOB_DONE))
    return (_invDbSetError(db, INV_REFUSED, _("print job %lld has ended already (%s)"), (long long)id, j->outcome));
  memcpy(was, j->state, sizeof(was));
  if ((status = next_states(db, was, strcmp(was, STATE_JOB_SUSPECT) ? STATE_REQ_SUBMITTED : STATE_REQ_SUSPECT,
                            event, printed, j->state, rq_state)) == INV_OK)
    chainTimeNow(j->updated, sizeof(j->updated));
  return (status);
}


/* open_job, then bind the job's request in its new state: to the card's
 * serial when it was issued, else to none. */
static inv_status_t
open_job_bind(inv_db_t        *db,	/* I - Ledger */
              int64_t         id,	/* I - Job */
              event_id_t      event,	/* I - The event to come */
              bool            printed,	/* I - print.resolve: resolved as printed? */
              bool            issued,	/* I - Was the card issued? */
              inv_print_job_t *j)	/* O - The job */
{
  const char	*rq_state;
  inv_status_t	status;

  if ((status = open_job(db, id, event, printed, j, &rq_state)) != INV_OK)
    return (status);
  return (storeRequestBind(db, j->request, rq_state, issued ? j->serial : "", issued ? j->issue_date : "",
                           j->updated));
}


/* A job's event: its detail, with one more text field (key NULL: none). */
static inv_status_t
job_event(inv_db_t              *db,	/* I - Ledger */
          const inv_print_job_t *j,	/* I - Job */
          event_id_t            kind,	/* I - Event kind */
          const char            *key,	/* I - Field added, or NULL */
          const char            *value)	/* I - Its value */
{
  json_t *d = job_detail(j);

  if (key)
    json_object_set_new(d, key, json_string(value));
  return (print_event(db, kind, j->printer, d, NULL, NULL, NULL));
}


/* CUPS answered Create-Job: store its id at once. */
inv_status_t
invPrintSubmitted(inv_db_t *db,		/* I - Ledger */
                  int64_t  id,		/* I - Job */
                  int      cups_job_id)	/* I - CUPS job id */
{
  inv_print_job_t	j;
  const char		*rq_state;
  inv_status_t		status;

  if ((status = open_job(db, id, EV_PRINT_SUBMITTED, false, &j, &rq_state)) != INV_OK)
    return (status);
  j.cups_job_id = cups_job_id;
  if ((status = storeJobUpdate(db, &j)) != INV_OK)
    return (status);
  return (job_event(db, &j, EV_PRINT_SUBMITTED, NULL, NULL));
}


/* CUPS never got the card's document: the controller canceled that CUPS
 * job (remembered, so a restart does not take it for a printer's abort)
 * and the same serial goes again. */
inv_status_t
invPrintResubmit(inv_db_t *db,			/* I - Ledger */
                 int64_t  id,			/* I - Job */
                 int      canceled_cups_id)	/* I - CUPS job canceled, or 0 */
{
  inv_print_job_t	j;
  const char		*rq_state;
  inv_status_t		status;
  json_t		*d;

  if ((status = open_job(db, id, EV_PRINT_RESUBMIT, false, &j, &rq_state)) != INV_OK)
    return (status);
  d = job_detail(&j);
  if (canceled_cups_id)
    j.canceled_cups_id = canceled_cups_id;
  j.cups_job_id = 0;
  if ((status = storeJobUpdate(db, &j)) != INV_OK)
  {
    json_decref(d);
    return (status);
  }
  return (print_event(db, EV_PRINT_RESUBMIT, j.printer, d, NULL, NULL, NULL));
}


/* End a job (its state set by open_job): an outcome and reason. */
static inv_status_t
job_done(inv_db_t *db, inv_print_job_t *j, const char *outcome, const char *reason)
{
  snprintf(j->outcome, sizeof(j->outcome), "%s", outcome);
  if (reason != j->reason)			/* resolve keeps the job's own */
    snprintf(j->reason, sizeof(j->reason), "%s", reason ? reason : "");
  return (storeJobUpdate(db, j));
}


/* Move the job's serial out of the hopper and end the job. */
static inv_status_t
job_move(inv_db_t        *db,		/* I - Ledger */
         inv_print_job_t *j,		/* I - Job */
         event_id_t      kind,		/* I - Event kind */
         const char      *to,		/* I - issued or spoiled */
         const char      *reason,	/* I - Why, or "" */
         const char      *outcome)	/* I - The job's outcome */
{
  inv_printer_t	p;
  inv_list_t	*serials;
  json_t	*d = job_detail(j);
  char		ref[32];
  inv_status_t	status;

  if ((status = invPrinterGet(db, j->printer, &p)) != INV_OK || !(serials = serial_list(db, j->serial)))
  {
    json_decref(d);
    return (status != INV_OK ? status : INV_REFUSED);
  }
  json_object_set_new(d, "reason", json_string(reason ? reason : ""));
  json_object_set_new(d, "outcome", json_string(outcome));
  snprintf(ref, sizeof(ref), "request-%lld", (long long)j->request);
  if ((status = job_done(db, j, outcome, reason)) == INV_OK)
    status = print_event(db, kind, ref, d, p.hopper, to, serials);
  else
    json_decref(d);
  invListDelete(serials);
  return (status);
}


/* The card came out: serial hopper -> issued, the request printed on it. */
inv_status_t
invPrintIssued(inv_db_t *db,		/* I - Ledger */
               int64_t  id)		/* I - Job */
{
  inv_print_job_t	j;
  inv_status_t		status;

  if ((status = open_job_bind(db, id, EV_PRINT_ISSUED, false, true, &j)) != INV_OK)
    return (status);
  return (job_move(db, &j, EV_PRINT_ISSUED, "issued", "", "issued"));
}


/* The printer failed the card: serial hopper -> spoiled with its reason,
 * the request back to pending, the printer paused. */
inv_status_t
invPrintSpoiled(inv_db_t   *db,		/* I - Ledger */
                int64_t    id,		/* I - Job */
                const char *reason)	/* I - The printer's reason */
{
  inv_print_job_t	j;
  char			why[160];
  inv_status_t		status;

  if ((status = open_job_bind(db, id, EV_PRINT_SPOILED, false, false, &j)) != INV_OK ||
      (status = job_move(db, &j, EV_PRINT_SPOILED, "spoiled", reason, "spoiled")) != INV_OK)
    return (status);
  snprintf(why, sizeof(why), "card %s spoiled: %s", j.serial, reason);
  return (printer_state(db, j.printer, EV_PRINTER_PAUSE, "paused", why));
}


/* CUPS refused the job before anything printed: the serial stays in the
 * hopper, the request goes back to pending, the printer is paused. */
inv_status_t
invPrintUnsent(inv_db_t   *db,		/* I - Ledger */
               int64_t    id,		/* I - Job */
               const char *reason)	/* I - Why */
{
  inv_print_job_t	j;
  char			why[160];
  inv_status_t		status;

  if ((status = open_job_bind(db, id, EV_PRINT_UNSENT, false, false, &j)) != INV_OK ||
      (status = job_done(db, &j, "unsent", reason)) != INV_OK ||
      (status = job_event(db, &j, EV_PRINT_UNSENT, "reason", reason)) != INV_OK)
    return (status);
  snprintf(why, sizeof(why), "not sent: %s", reason);
  return (printer_state(db, j.printer, EV_PRINTER_PAUSE, "paused", why));
}


/* The card's fate cannot be known: request suspect, serial kept in the
 * hopper under the job, printer paused until resolve. */
inv_status_t
invPrintSuspect(inv_db_t   *db,		/* I - Ledger */
                int64_t    id,		/* I - Job */
                const char *reason)	/* I - Why */
{
  inv_print_job_t	j;
  char			why[160];
  inv_status_t		status;

  if ((status = open_job_bind(db, id, EV_PRINT_SUSPECT, false, false, &j)) != INV_OK)
    return (status);
  snprintf(j.reason, sizeof(j.reason), "%s", reason);
  if ((status = storeJobUpdate(db, &j)) != INV_OK ||
      (status = job_event(db, &j, EV_PRINT_SUSPECT, "reason", reason)) != INV_OK)
    return (status);
  printReasonSuspect(why, sizeof(why), j.serial, reason);
  return (storePrinterSetState(db, j.printer, "paused", why));
}


/*
 * An operator settles a suspect card: printed (it came out good: issued,
 * bound to its request), spoiled (it came out bad, or was eaten), unused
 * (never left the hopper: it stays there, the request goes back to pending).
 */

inv_status_t
invPrintResolve(inv_db_t   *db,		/* I - Ledger */
                const char *serial,	/* I - The card's serial */
                const char *outcome,	/* I - printed, spoiled, unused */
                int64_t    *job)	/* O - Its job */
{
  inv_print_job_t	j;
  bool			found, printed = !strcmp(outcome, "printed");
  inv_status_t		status;
  char			resolved[24];

  *job = 0;
  if ((status = storeJobOpenBySerial(db, serial, &j, &found)) != INV_OK)
    return (status);
  if (!found || strcmp(j.state, STATE_JOB_SUSPECT))
    return (_invDbSetError(db, INV_REFUSED, _("no suspect print job holds serial %s"), serial));
  *job = j.id;
  if (!printed && strcmp(outcome, "spoiled") && strcmp(outcome, "unused"))
    return (_invDbSetError(db, INV_USAGE, _("a suspect card is resolved as printed, spoiled or unused")));
  if ((status = open_job_bind(db, j.id, EV_PRINT_RESOLVE, printed, printed, &j)) != INV_OK)
    return (status);
  snprintf(resolved, sizeof(resolved), "resolved-%s", outcome);
  if (printed)
    return (job_move(db, &j, EV_PRINT_RESOLVE, "issued", j.reason, resolved));
  if (!strcmp(outcome, "spoiled"))
    return (job_move(db, &j, EV_PRINT_RESOLVE, "spoiled", j.reason, resolved));
  if ((status = job_done(db, &j, resolved, j.reason)) != INV_OK)
    return (status);
  return (job_event(db, &j, EV_PRINT_RESOLVE, "outcome", resolved));
}


/* Read a job; INV_REFUSED when there is none. */
inv_status_t
invPrintJobGet(inv_db_t        *db,	/* I - Ledger */
               int64_t         id,	/* I - Job */
               inv_print_job_t *job)	/* O - Job */
{
  bool		found;
  inv_status_t	status = storeJobGet(db, id, job, &found);

  if (status == INV_OK && !found)
    status = _invDbSetError(db, INV_REFUSED, _("no print job %lld"), (long long)id);
  return (status);
}


/* Call cb for jobs by id, of one printer (or all), open ones only or all. */
inv_status_t
invPrintJobList(inv_db_t     *db,	/* I - Ledger */
                const char   *printer,	/* I - Printer or NULL */
                bool         open_only,	/* I - Only jobs not done? */
                inv_job_cb_t cb,	/* I - Callback */
                void         *ctx)	/* I - Its context */
{
  return (storeJobList(db, printer, open_only, cb, ctx));
}


/*
 * The CUPS job-name of a job: "blanko-<ledger>-j<job>-r<request>", where
 * <ledger> is the first 8 hex digits of the ledger's first event hash, so
 * that two ledgers on one cupsd never take each other's jobs.  No personal
 * data: job names are visible to every local user.
 */

inv_status_t
invPrintJobName(inv_db_t              *db,	/* I - Ledger */
                const inv_print_job_t *job,	/* I - Job */
                char                  *name,	/* O - Job name */
                size_t                namesize)	/* I - Size of name */
{
  char		hash[65];
  inv_status_t	status;

  if ((status = storeEventFirstHash(db, hash)) != INV_OK)
    return (status);
  snprintf(name, namesize, "blanko-%.8s-j%lld-r%lld", hash, (long long)job->id, (long long)job->request);
  return (INV_OK);
}


/* A request's state, for the rules below. */
typedef struct req_state_s
{
  bool		found;
  char		state[16];
  char		serial[INV_SERIAL_MAX];
  int64_t	id;
  char		digest[65];		/* Its digest, when read with get_digest */
} req_state_t;


/* Compute a request's digest as read (requestDigest). */
static void
get_digest(void *ctx, const inv_request_t *r)
{
  requestDigest(r, ((req_state_t *)ctx)->digest);
}

static void
get_state(void *ctx, const inv_request_t *r)
{
  req_state_t *s = ctx;

  s->found = true;
  s->id = r->id;
  snprintf(s->state, sizeof(s->state), "%s", r->state);
  snprintf(s->serial, sizeof(s->serial), "%s", r->serial);
}


/* Cancel a pending (or failed) request: it will not be printed. */
inv_status_t
invRequestCancel(inv_db_t *db,		/* I - Ledger */
                 int64_t  id)		/* I - Request */
{
  req_state_t	s = { false, "", "", 0, "" };
  const char	*to, *why;
  char		now[32];
  inv_status_t	status;

  if ((status = invRequestGet(db, id, get_state, &s)) != INV_OK)
    return (status);
  if ((to = stateRequest(s.state, EV_REQUEST_CANCEL, false, &why)) == NULL)
    return (_invDbSetError(db, INV_REFUSED, _("request #%lld is %s; only a pending request can be cancelled"),
                          (long long)id, s.state));
  chainTimeNow(now, sizeof(now));
  if ((status = storeRequestBind(db, id, to, "", "", now)) != INV_OK)
    return (status);
  return (print_event(db, EV_REQUEST_CANCEL, NULL, json_pack("{s:I}", "request", (json_int_t)id), NULL, NULL, NULL));
}


/* Reprint a printed card: the request (and its issued card) is recorded
 * as superseded, and a pending copy of it made, which records why; the
 * event seals the copy's digest (rows_sha256, as an import's).  Reason
 * "lost": the old card moves to reported-lost (with the police report
 * number, if given). */
inv_status_t
invRequestReprint(inv_db_t   *db,		/* I - Ledger */
                  int64_t    id,		/* I - Printed request */
                  const char *reason,		/* I - Why: lost, damaged, data-change (or the Indonesian word), or a text */
                  const char *police_report,	/* I - Police loss report number, or NULL */
                  int64_t    *new_id)		/* O - The new request */
{
  req_state_t	s = { false, "", "", 0, "" };
  const char	*to, *why, *category = invRequestCategory(reason);
  char		now[32], sealed[65], day[11] = "";
  inv_status_t	status;

  *new_id = 0;
  if (category)				/* A reason the categories know: its copy waits from today */
    today(day);
  if (!reason || !*reason || !chainTextIsClean(reason, 200))
    return (_invDbSetError(db, INV_REFUSED, _("--reason needs 1-200 characters with no control characters")));
  if (invVocabCode(INV_VOCAB_REPRINT_REASON, reason))
    reason = invVocabCode(INV_VOCAB_REPRINT_REASON, reason);	/* "hilang" is stored as lost */
  if ((status = invRequestGet(db, id, get_state, &s)) != INV_OK)
    return (status);
  if ((to = stateRequest(s.state, EV_REQUEST_REPRINT, false, &why)) == NULL)
    return (_invDbSetError(db, INV_REFUSED, _("request #%lld is %s; only a printed card is reprinted"),
                          (long long)id, s.state));
  chainTimeNow(now, sizeof(now));
  if (police_report && *police_report && strcmp(reason, "lost"))
    return (_invDbSetError(db, INV_REFUSED, _("--police-report is only for --reason lost")));
  if ((status = storeRequestSetState(db, id, to, now)) != INV_OK ||
      (status = storeRequestCopy(db, id, reason, now, day, category ? category : "", new_id)) != INV_OK ||
      (status = invRequestCodeCarry(db, id, *new_id)) != INV_OK ||
      (status = invRequestGet(db, *new_id, get_digest, &s)) != INV_OK ||
      (status = storeRequestSetDigest(db, *new_id, s.digest)) != INV_OK ||
      (status = requestSealRows(db, *new_id, *new_id, sealed)) != INV_OK ||
      (!strcmp(reason, "lost") && (status = invRequestReportLost(db, id, police_report)) != INV_OK))
    return (status);
  return (print_event(db, EV_REQUEST_REPRINT, s.serial,
                      json_pack("{s:I,s:I,s:s,s:s,s:s}", "request", (json_int_t)id, "new", (json_int_t)*new_id,
                                "serial", s.serial, "reason", reason, "rows_sha256", sealed), NULL, NULL, NULL));
}


/* A card that came out bad after completion: issued -> spoiled; its
 * request goes back to pending for a new card. */
inv_status_t
invCardSpoil(inv_db_t   *db,		/* I - Ledger */
             const char *serial,	/* I - The card */
             const char *reason,	/* I - Why */
             int64_t    *request)	/* O - Its request */
{
  req_state_t	s = { false, "", "", 0, "" };
  inv_list_t	*serials;
  const char	*to = NULL, *why;
  char		now[32], ref[32];
  bool		found;
  inv_status_t	status;

  *request = 0;
  if (!reason || !*reason || !chainTextIsClean(reason, 200))
    return (_invDbSetError(db, INV_REFUSED, _("--reason needs 1-200 characters with no control characters")));
  if (!(serials = serial_list(db, serial)))
    return (INV_REFUSED);
  if ((status = invRequestGetBySerial(db, serial, get_state, &s, &found)) != INV_OK)
    goto done;
  if (!found || (to = stateRequest(s.state, EV_CARD_SPOIL, false, &why)) == NULL)
  {
    status = _invDbSetError(db, INV_REFUSED, _("%s is not the card of a printed request"), serial);
    goto done;
  }
  *request = s.id;
  chainTimeNow(now, sizeof(now));
  snprintf(ref, sizeof(ref), "request-%lld", (long long)s.id);
  if ((status = storeRequestBind(db, s.id, to, "", "", now)) == INV_OK)
    status = print_event(db, EV_CARD_SPOIL, ref, json_pack("{s:I,s:s,s:s}", "request", (json_int_t)s.id,
                                                            "serial", serial, "reason", reason),
                         "issued", "spoiled", serials);
done:
  invListDelete(serials);
  return (status);
}


/* How many requests are in a state. */
inv_status_t
invRequestCount(inv_db_t   *db,		/* I - Ledger */
                const char *state,	/* I - State */
                int64_t    *count)	/* O - How many */
{
  return (storeRequestCount(db, state, count));
}


/* The first max pending requests in the order printctl run takes them
 * (the board's queue): id, day recorded and priority only, never a NIK. */
inv_status_t
invRequestQueue(inv_db_t         *db,	/* I - Ledger */
                const char       *today,/* I - Office's day, YYYY-MM-DD */
                int              max,	/* I - Requests at most */
                inv_waiting_cb_t cb,	/* I - Callback */
                void             *ctx)	/* I - Its context */
{
  return (storeRequestQueue(db, today, max, cb, ctx));
}


/* How many requests were printed since a time (a count in the store, not
 * a scan of the printed requests). */
inv_status_t
invRequestCountPrintedSince(inv_db_t   *db,	/* I - Ledger */
                            const char *since,	/* I - UTC time, ISO 8601 */
                            int64_t    *count)	/* O - How many */
{
  return (storeRequestPrintedSince(db, since, count));
}
