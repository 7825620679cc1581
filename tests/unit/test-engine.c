/*
 * Unit tests for the print engine (dispatch.h) against a scripted CUPS,
 * after SQLite's crash tests: no cupsd, the engine's table of CUPS
 * operations implemented here over a job table that lives in a MAP_SHARED
 * mapping, so that it survives the engine's process as cupsd would.
 *
 * A batch of BATCH cards is printed on one printer of a real ledger file.
 * Every call the engine makes to the scripted CUPS has two points, before
 * its effect and after it (the answer not yet returned).  For each point k:
 *
 *   crash:  a child process runs the engine and _exit()s at point k (its
 *           memory, connections and transactions thrown away); a fresh
 *           engine on the same ledger file then reconciles and runs the
 *           queue to its end;
 *   fail:   the call at point k answers CJ_UNAVAILABLE (before its effect:
 *           cupsd down; after it: the answer lost) or CJ_ERROR (before);
 *
 * and the ledger must come out exactly as the rules say -- every request
 * printed once (no card printed twice by CUPS), each blank issued, spoiled
 * or still in the hopper as many times as it should, and invVerify passes.
 * The loop goes on until a run reaches no point k: then every point was
 * covered.  Four batches are scripted: all cards print; the second card
 * jams (spoiled, printer paused, resumed by the "operator", printed
 * again); cupsd loses the third card's document mid-print (suspect); CUPS
 * stops the second card's job (a filter failed: the run ends, the printer
 * paused, the card still sent; the "administrator" restarts the job, the
 * operator resumes the printer, and the next run follows the card to its
 * end).
 *
 * Also: the job classifier's table (cjJobClassify), and the card context
 * shared with 'printctl render' (a failed site check keeps nothing: every
 * card is refused naming the missing setting).
 */

#include "test.h"
#include "../../printctl/dispatch.h"
#include "sample-record.h"
#include "blanko/request.h"

#include <cups/ipp.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define BATCH		3		/* Cards in the batch */
#define LOADED		6		/* Blanks in the hopper */
#define MAX_JOBS	64		/* Scripted cupsd's job table */
#define CRASHED		77		/* Exit status of a scripted crash */

/* --- The scripted CUPS ------------------------------------------------------------ */

typedef enum op_e			/* The operations, for the report */
{
  OP_OPEN, OP_CREATE, OP_SEND, OP_QUERY, OP_CANCEL, OP_NOTE, OP_FIND
} op_t;

static const char * const op_names[] = { "open", "create", "send", "query", "cancel", "note", "find" };

typedef struct sjob_s			/* One job of the scripted cupsd */
{
  int		id;
  char		name[128];
  int		state;			/* ipp_jstate_t */
  int		documents;
  int		polls;			/* Queries since its document came */
  bool		printed;		/* A card came out for it */
  bool		lost;			/* Its document was lost (cupsd restart) */
  bool		stopped;		/* CUPS stopped it (a filter failed) */
  bool		processed;		/* Started (time-at-processing) */
  int		late;			/* Its document is still in cupsd's
					   buffers (a late_mode), or 0 */
  char		printer_reasons[64];
} sjob_t;

typedef struct scups_s			/* Shared with the engine's process */
{
  int		njobs;
  sjob_t	jobs[MAX_JOBS];
  int		point;			/* Points passed so far */
  int		crash_at;		/* _exit at this point (0: never) */
  int		fail_at;		/* Fail at this point (0: never) */
  cj_status_t	fail_with;		/* ... with this */
  int		failed_op;		/* Which operation failed (-1: none) */
  bool		failed_before;		/* Before its effect? */
  int		jam_request;		/* Its first card jams (0: none) */
  int		lose_request;		/* Its first card's document is lost */
  int		stop_request;		/* Its first card's job is stopped */
  int		late_request;		/* Its first card's controller dies with
					   the document sent but not yet read */
  int		late_mode;		/* ... which cupsd reads after the next
					   query: LATE_PRINTED, LATE_PRINTING */
} scups_t;

#define LATE_PRINTED	1		/* The late card printed at once */
#define LATE_PRINTING	2		/* The late card is coming out */

typedef struct sprinter_s		/* A queue opened by the engine */
{
  scups_t	*cups;
  char		errmsg[128];
  int		canceled[MAX_JOBS];	/* Jobs we canceled (lost with the process) */
  int		ncanceled;
} sprinter_t;

static scups_t	*cups;			/* The mapping */
static bool	arm;			/* Points counted (in the engine's runs) */


/* Pass a point: crash or fail there when it is the one.  True to fail. */
static bool
point(sprinter_t *p, op_t op, bool before)
{
  int k;

  if (!arm)
    return (false);
  k = ++ cups->point;
  if (k == cups->crash_at)
    _exit(CRASHED);
  if (k == cups->fail_at)
  {
    cups->failed_op = (int)op;
    cups->failed_before = before;
    if (p)
      snprintf(p->errmsg, sizeof(p->errmsg), "scripted %s failure at point %d", op_names[op], k);
    return (true);
  }
  return (false);
}

static sjob_t *
find_job(int id)
{
  for (int i = 0; i < cups->njobs; i ++)
    if (cups->jobs[i].id == id)
      return (cups->jobs + i);
  return (NULL);
}

/* The request id in a job name ("blanko-XXXXXXXX-jJ-rR"). */
static int
job_request(const sjob_t *j)
{
  const char *r = strstr(j->name, "-r");

  return (r ? atoi(r + 2) : 0);
}

static cj_status_t
s_open(void *data, const char *queue, const char *user, bool for_jobs, void **printer)
{
  sprinter_t *p = calloc(1, sizeof(sprinter_t));

  (void)queue, (void)user, (void)for_jobs;
  *printer = p;
  if (!p)
    return (CJ_ERROR);
  p->cups = data;
  if (point(p, OP_OPEN, true))
    return (cups->fail_with);
  if (point(p, OP_OPEN, false))
    return (CJ_UNAVAILABLE);
  return (CJ_OK);
}

static void
s_close(void *printer)
{
  free(printer);
}

static const char *
s_errmsg(const void *printer)
{
  return (printer ? ((const sprinter_t *)printer)->errmsg : "out of memory");
}

static cj_status_t
s_create(void *printer, const char *job_name, int *job_id)
{
  sprinter_t	*p = printer;
  sjob_t	*j;

  if (point(p, OP_CREATE, true))
    return (cups->fail_with);
  if (cups->njobs == MAX_JOBS)
    return (CJ_ERROR);
  j = cups->jobs + cups->njobs ++;
  memset(j, 0, sizeof(*j));
  j->id = cups->njobs + 100;
  snprintf(j->name, sizeof(j->name), "%s", job_name);
  j->state = IPP_JSTATE_HELD;		/* (job-incoming: waits for its document) */
  *job_id = j->id;
  if (point(p, OP_CREATE, false))
    return (CJ_UNAVAILABLE);
  return (CJ_OK);
}

/* The scripted document sink: counts bytes. */
static bool
s_write(void *ctx, const unsigned char *data, size_t len)
{
  (void)data;
  *(size_t *)ctx += len;
  return (true);
}

static cj_status_t
s_send(void *printer, int job_id, dsp_produce_cb_t produce, void *ctx)
{
  sprinter_t	*p = printer;
  sjob_t	*j;
  size_t	bytes = 0;

  if (point(p, OP_SEND, true))
    return (cups->fail_with);
  if ((j = find_job(job_id)) == NULL || j->state != IPP_JSTATE_HELD)
  {
    snprintf(p->errmsg, sizeof(p->errmsg), "job %d cannot take a document", job_id);
    return (CJ_ERROR);
  }
  if (produce(ctx, s_write, &bytes) || bytes < 100)
  {
    j->state = IPP_JSTATE_CANCELED;	/* cjJobSendDocument cancels a half card */
    snprintf(p->errmsg, sizeof(p->errmsg), "the document was not made");
    return (CJ_ERROR);
  }
  if (arm && job_request(j) == cups->late_request)
  {
    /* The controller dies with the whole request written: cupsd has not
       read it yet, and will only after the next controller's first look. */
    cups->late_request = 0;
    j->late = cups->late_mode;
    _exit(CRASHED);
  }
  j->documents = 1;
  j->state = IPP_JSTATE_PENDING;
  if (point(p, OP_SEND, false))
    return (CJ_UNAVAILABLE);
  return (CJ_OK);
}

/* The printer works a job a step at each query: pending -> processing ->
 * completed (or aborted by a jam, or its document lost by a restart). */
static void
s_advance(sjob_t *j)
{
  int request = job_request(j);

  if (!j->documents || j->state >= IPP_JSTATE_CANCELED || j->state == IPP_JSTATE_STOPPED)
    return;				/* (a stopped job waits for a person) */
  if (j->state == IPP_JSTATE_PENDING)
  {
    j->state = IPP_JSTATE_PROCESSING;
    j->processed = true;
    return;
  }
  if (request == cups->jam_request)
  {
    cups->jam_request = 0;
    j->state = IPP_JSTATE_ABORTED;
    snprintf(j->printer_reasons, sizeof(j->printer_reasons), "media-jam-error");
    return;
  }
  if (request == cups->stop_request)
  {
    cups->stop_request = 0;
    j->stopped = true;			/* A filter failed: cupsd stops the job */
    j->state = IPP_JSTATE_STOPPED;
    return;
  }
  if (request == cups->lose_request)
  {
    cups->lose_request = 0;
    j->lost = true;			/* cupsd restarted while printing: the card
					   may have come out, the job never ends */
    j->printed = true;
    j->documents = 0;
    j->state = IPP_JSTATE_PENDING;
    return;
  }
  j->state = IPP_JSTATE_COMPLETED;
  j->printed = true;
}

static cj_status_t
s_query(void *printer, int job_id, cj_job_info_t *info)
{
  sprinter_t	*p = printer;
  sjob_t	*j;
  bool		ours = false;

  if (point(p, OP_QUERY, true))
    return (cups->fail_with);
  memset(info, 0, sizeof(*info));
  info->id = job_id;
  if ((j = find_job(job_id)) == NULL)
    info->outcome = CJ_OUTCOME_UNKNOWN;
  else
  {
    for (int i = 0; i < cups->njobs; i ++)
      s_advance(cups->jobs + i);	/* The printer works every job, looked at or not */
    info->state = j->state;
    info->documents = j->documents;
    snprintf(info->name, sizeof(info->name), "%s", j->name);
    snprintf(info->printer_reasons, sizeof(info->printer_reasons), "%s", j->printer_reasons);
    snprintf(info->job_reasons, sizeof(info->job_reasons), "%s",
             j->lost ? "job-printing" : j->state == IPP_JSTATE_HELD ? "job-incoming" :
             j->stopped ? "job-completed-with-errors" : "none");
    if (j->stopped)
      snprintf(info->message, sizeof(info->message), "Filter failed");
    if (j->documents && j->state < IPP_JSTATE_PROCESSING)
      info->queue_state = IPP_PSTATE_IDLE;	/* (asked for a waiting job, as cjJobQuery does) */
    info->processed = j->processed;
    for (int i = 0; i < p->ncanceled; i ++)
      ours |= p->canceled[i] == job_id;
    cjJobClassify(info, ours);
    if (j->late)
    {
      /* cupsd reads the dead controller's document now, just after
         answering that the job had none, and the printer takes it. */
      j->documents = 1;
      j->processed = j->printed = true;
      j->state = j->late == LATE_PRINTED ? IPP_JSTATE_COMPLETED : IPP_JSTATE_PROCESSING;
      j->late = 0;
    }
  }
  if (point(p, OP_QUERY, false))
    return (CJ_UNAVAILABLE);
  return (CJ_OK);
}

static cj_status_t
s_note(void *printer, int job_id)
{
  sprinter_t *p = printer;

  if (point(p, OP_NOTE, true))
    return (cups->fail_with);
  if (p->ncanceled < MAX_JOBS)
    p->canceled[p->ncanceled ++] = job_id;
  return (CJ_OK);
}

static cj_status_t
s_cancel(void *printer, int job_id)
{
  sprinter_t	*p = printer;
  sjob_t	*j;

  if (p->ncanceled < MAX_JOBS)
    p->canceled[p->ncanceled ++] = job_id;	/* noted before asking, as cupsjob.c */
  if (point(p, OP_CANCEL, true))
    return (cups->fail_with);
  if ((j = find_job(job_id)) == NULL)
    return (CJ_NOT_FOUND);
  if (j->state < IPP_JSTATE_CANCELED)
    j->state = IPP_JSTATE_CANCELED;
  if (point(p, OP_CANCEL, false))
    return (CJ_UNAVAILABLE);
  return (CJ_OK);
}

static cj_status_t
s_find(void *printer, const char *job_name, int *job_id)
{
  sprinter_t *p = printer;

  if (point(p, OP_FIND, true))
    return (cups->fail_with);
  *job_id = 0;
  for (int i = 0; i < cups->njobs; i ++)
    if (!strcmp(cups->jobs[i].name, job_name))
      *job_id = cups->jobs[i].id;
  if (point(p, OP_FIND, false))
    return (CJ_UNAVAILABLE);
  return (*job_id ? CJ_OK : CJ_NOT_FOUND);
}

static const dsp_cups_t scripted =
{
  s_open, s_close, s_errmsg, s_create, s_send, s_query, s_cancel, s_note, s_find
};


/* --- The engine's runs ----------------------------------------------------------- */

static blanko_config_t	config;		/* Settings of the runs */
static double		vclock;		/* The engine's clock (virtual seconds) */
static char		ledger[PATH_MAX];	/* The ledger under test */
static char		pristine[PATH_MAX];	/* Its state before any card */
static FILE		*engine_log;	/* Log lines (TEST_ENGINE_LOG=1), or NULL */
static bool		isolate;	/* Render each card in a child (dspSetIsolate) */

static double
v_clock(void *data)
{
  (void)data;
  return (vclock);
}


static bool	operator_resume(void);
static int64_t	sent_again;		/* Cards the runs since it was zeroed sent again
					   (their summaries' "sent again") */

/* Run the engine on the ledger as 'printctl run --once' does, to its end
 * (the clock let run past every wait); resumes: how many times the
 * operator resumes the printer under the same engine when it went idle.
 * The result, with its message. */
static dsp_status_t
run_engine(char   *message,		/* O - Its message */
           size_t msgsize,		/* I - Size of message */
           int    resumes)		/* I - Resumes while it runs */
{
  inv_db_t	*db;
  dsp_t		*d;
  dsp_status_t	status;
  bool		busy, started;
  int		idle = 0;

  snprintf(message, msgsize, "%s", "");
  if (invDbOpen(ledger, 0, &db) != INV_OK)
  {
    snprintf(message, msgsize, "cannot open the ledger");
    return (DSP_ERROR);
  }
  invDbSetActor(db, "tester", NULL);
  if ((d = dspNew(db, "tester", &config, engine_log, message, msgsize)) == NULL)
  {
    invDbClose(db);
    return (DSP_REFUSED);
  }
  dspSetCups(d, &scripted, cups);
  dspSetClock(d, v_clock, NULL);
  dspSetIsolate(d, isolate);
  if ((status = dspAddAllPrinters(d)) == DSP_OK && (status = dspLease(d)) == DSP_OK)
    status = dspReconcile(d);
  for (int i = 0; status == DSP_OK && i < 10000 && idle < 4; i ++)
  {
    status = dspStep(d, true, &busy, &started);
    idle = busy || started ? 0 : idle + 1;
    vclock += 1.0;
    if (idle == 4 && resumes > 0)
    {
      resumes --;
      idle = 0;
      operator_resume();
    }
  }
  if (status == DSP_OK)
    status = dspVerdict(d, false);
  if (status != DSP_OK)
    snprintf(message, msgsize, "%s", dspErrmsg(d));
  sent_again += dspStats(d)->resubmitted;
  dspDelete(d);
  invDbClose(db);
  return (status);
}


/* Start a scenario: the pristine ledger, an empty cupsd. */
static bool
scenario_reset(int jam_request, int lose_request, int stop_request)
{
  char side[PATH_MAX + 8];

  snprintf(side, sizeof(side), "%s-wal", ledger);
  unlink(side);
  snprintf(side, sizeof(side), "%s-shm", ledger);
  unlink(side);
  memset(cups, 0, sizeof(*cups));
  cups->failed_op = -1;
  cups->jam_request = jam_request;
  cups->lose_request = lose_request;
  cups->stop_request = stop_request;
  vclock = 1000.0;
  return (testCopyFile(pristine, ledger));
}


typedef struct outcome_s		/* What the ledger and cupsd say */
{
  int64_t	issued, spoiled, unsent, suspect, other;	/* Print jobs by outcome */
  int64_t	printed, pending, suspect_requests;		/* Requests by state */
  int64_t	hopper;						/* Blanks left */
  int		cups_printed[BATCH + 1];			/* Cards out, by request */
  char		printer_state[16];
  inv_status_t	verify;
  char		problem[512];
} outcome_t;

static void
count_job(void *ctx, const inv_print_job_t *j)
{
  outcome_t *o = ctx;

  if (!strcmp(j->state, "suspect"))
    o->suspect ++;
  else if (!strcmp(j->outcome, "issued"))
    o->issued ++;
  else if (!strcmp(j->outcome, "spoiled"))
    o->spoiled ++;
  else if (!strcmp(j->outcome, "unsent"))
    o->unsent ++;
  else
    o->other ++;
}


/* Read the outcome (ledger file and scripted cupsd). */
static bool
outcome_read(outcome_t *o)
{
  inv_db_t	*db;
  inv_printer_t	p;
  inv_verify_t	v;
  bool		ok;

  memset(o, 0, sizeof(*o));
  for (int i = 0; i < cups->njobs; i ++)
  {
    int r = job_request(cups->jobs + i);

    if (cups->jobs[i].printed && r >= 1 && r <= BATCH)
      o->cups_printed[r] ++;
  }
  if (invDbOpen(ledger, 0, &db) != INV_OK)
    return (false);
  ok = invDbBeginRead(db) == INV_OK && invPrintJobList(db, "P1", false, count_job, o) == INV_OK &&
       invRequestCount(db, "printed", &o->printed) == INV_OK && invRequestCount(db, "pending", &o->pending) == INV_OK &&
       invRequestCount(db, "suspect", &o->suspect_requests) == INV_OK && invPrinterGet(db, "P1", &p) == INV_OK;
  invDbEndRead(db);
  o->hopper = p.hopper_count;
  snprintf(o->printer_state, sizeof(o->printer_state), "%s", p.state);
  o->verify = invVerify(db, NULL, NULL, &v);
  snprintf(o->problem, sizeof(o->problem), "%s", v.problem);
  invDbClose(db);
  return (ok);
}


/* Resume the printer, as the operator does after a spoiled or unsent card. */
static bool
operator_resume(void)
{
  inv_db_t	*db;
  bool		ok;

  if (invDbOpen(ledger, 0, &db) != INV_OK)
    return (false);
  invDbSetActor(db, "tester", NULL);
  ok = invDbBegin(db) == INV_OK && invPrinterResume(db, "P1") == INV_OK && invDbCommit(db) == INV_OK;
  invDbClose(db);
  return (ok);
}


typedef struct expect_s			/* What a scenario must end with */
{
  int64_t	issued, spoiled, unsent, suspect;
  int		cups_printed[BATCH + 1];	/* Cards out, by request */
} expect_t;


/* Does the outcome match, to the blank?  Why not in why. */
static bool
outcome_check(const outcome_t *o, const expect_t *e, char *why, size_t whysize)
{
  int64_t used = e->issued + e->spoiled;

  *why = '\0';
  if (o->verify != INV_OK)
    snprintf(why, whysize, "verify: %s", o->problem);
  else if (o->issued != e->issued || o->spoiled != e->spoiled || o->unsent != e->unsent ||
           o->suspect != e->suspect || o->other)
    snprintf(why, whysize, "jobs: %lld issued, %lld spoiled, %lld unsent, %lld suspect, %lld other",
             (long long)o->issued, (long long)o->spoiled, (long long)o->unsent, (long long)o->suspect,
             (long long)o->other);
  else if (o->printed != e->issued || o->suspect_requests != e->suspect ||
           o->pending != BATCH - e->issued - e->suspect)
    snprintf(why, whysize, "requests: %lld printed, %lld pending, %lld suspect", (long long)o->printed,
             (long long)o->pending, (long long)o->suspect_requests);
  else if (o->hopper != LOADED - used)
    snprintf(why, whysize, "hopper holds %lld blanks, not %lld", (long long)o->hopper, (long long)(LOADED - used));
  else
    for (int r = 1; r <= BATCH; r ++)
      if (o->cups_printed[r] != e->cups_printed[r])
      {
        snprintf(why, whysize, "request #%d came out of the printer %d times, not %d", r, o->cups_printed[r],
                 e->cups_printed[r]);
        break;
      }
  return (!*why);
}


/* The administrator puts CUPS right: every job CUPS stopped starts again
 * (lp -i ID -H restart). */
static void
admin_restart(void)
{
  for (int i = 0; i < cups->njobs; i ++)
    if (cups->jobs[i].stopped && cups->jobs[i].state == IPP_JSTATE_STOPPED)
    {
      cups->jobs[i].stopped = false;
      cups->jobs[i].state = IPP_JSTATE_PENDING;
    }
}


/* Run a scenario to its end: the engine, then (after a spoiled, unsent or
 * stuck card) the administrator's restart of CUPS's stopped jobs, the
 * operator's resume and the engine again, until nothing is left that a run
 * can print.  False with why. */
static bool
run_to_end(char *why, size_t whysize)
{
  char		message[1024];
  dsp_status_t	status;

  for (int round = 0; round < 4; round ++)
  {
    outcome_t o;

    status = run_engine(message, sizeof(message), 0);
    if (status == DSP_OK)
      return (true);
    if (status != DSP_PROBLEM)
    {
      snprintf(why, whysize, "run: status %d: %.900s", (int)status, message);
      return (false);
    }
    if (!outcome_read(&o) || o.suspect)
      return (true);			/* The operator settles it: the run ends here */
    admin_restart();
    if (!operator_resume())
    {
      snprintf(why, whysize, "the printer cannot be resumed");
      return (false);
    }
  }
  snprintf(why, whysize, "the runs never ended: %.900s", message);
  return (false);
}


/* Crash the engine at every point of a scenario, reconcile, check.
 * Returns the number of crash points covered. */
static int
crash_every_point(const char *label, int jam_request, int lose_request, int stop_request, const expect_t *e)
{
  int	k, covered = 0, resent = 0;
  char	why[1024] = "";
  bool	ok = true;

  testBegin("%s: crash at every point, then a fresh engine reconciles", label);
  for (k = 1; ok && k < 1000; k ++)
  {
    pid_t	pid;
    int		wstatus;
    outcome_t	o;
    bool	ran;

    if (!scenario_reset(jam_request, lose_request, stop_request))
    {
      snprintf(why, sizeof(why), "cannot reset the ledger");
      ok = false;
      break;
    }
    cups->crash_at = k;
    if ((pid = fork()) < 0)
    {
      ok = false;
      break;
    }
    if (pid == 0)
    {
      arm = true;
      run_to_end(why, sizeof(why));
      _exit(0);
    }
    if (waitpid(pid, &wstatus, 0) != pid || !WIFEXITED(wstatus))
    {
      snprintf(why, sizeof(why), "point %d: the engine died (status %d)", k, wstatus);
      ok = false;
      break;
    }
    if (WEXITSTATUS(wstatus) != CRASHED)
      break;				/* No point k left: every one covered */
    covered ++;
    cups->crash_at = 0;
    sent_again = 0;
    ran = run_to_end(why, sizeof(why));
    if (ran && sent_again > 0)
      resent ++;			/* (a card whose document never reached cupsd) */
    if (!ran || !outcome_read(&o) || !outcome_check(&o, e, why, sizeof(why)))
    {
      char at[1100];

      snprintf(at, sizeof(at), "crash at point %d: %s", k, why);
      snprintf(why, sizeof(why), "%.1000s", at);
      ok = false;
    }
  }
  testEndMessage(ok && covered > 10 && resent > 0, "%d crash points, %d with a card sent again%s%s", covered, resent,
                 *why ? "; " : "", why);
  return (covered);
}


/* Fail the call at every point of the all-print scenario (cupsd down, or
 * the call refused), then check.  Returns the number of points. */
static int
fail_every_point(const char *label, cj_status_t with)
{
  int	k, covered = 0;
  char	why[1024] = "";
  bool	ok = true;

  testBegin("%s at every point", label);
  for (k = 1; ok && k < 1000; k ++)
  {
    outcome_t	o;
    expect_t	e = { BATCH, 0, 0, 0, { 0, 1, 1, 1 } };

    if (!scenario_reset(0, 0, 0))
    {
      ok = false;
      break;
    }
    cups->fail_at = k;
    cups->fail_with = with;
    arm = true;
    ok = run_to_end(why, sizeof(why));
    arm = false;
    if (cups->failed_op < 0)
      break;				/* No point k left */
    if (with == CJ_ERROR && !cups->failed_before)
      continue;				/* (a refusal comes before the effect) */
    covered ++;
    if (with == CJ_ERROR && (cups->failed_op == OP_OPEN || cups->failed_op == OP_CREATE))
      e.unsent = 1;			/* Refused before any document: not sent, the
					   printer paused; resumed, it prints */
    if (ok && (!outcome_read(&o) || !outcome_check(&o, &e, why, sizeof(why))))
      ok = false;
    if (!ok)
    {
      char at[1100];

      snprintf(at, sizeof(at), "%s failing at point %d: %s", op_names[cups->failed_op], k, why);
      snprintf(why, sizeof(why), "%.1000s", at);
    }
  }
  testEndMessage(ok && covered > 10, "%d points%s%s", covered, *why ? "; " : "", why);
  return (covered);
}


/*
 * A card's document reaches cupsd late: the controller is killed with the
 * whole Send-Document written but not yet read by cupsd (t0400's CI run,
 * 2026-12-06: request 55 came out twice), the next controller finds the
 * job without a document, and cupsd reads it just after that look.  The
 * card comes out of the printer once: followed to its end (printed at once)
 * or suspect (our cancel came while it printed), never sent again.
 */

static void
test_late_document(const char *label,	/* I - What happens */
                   int        mode,	/* I - LATE_PRINTED or LATE_PRINTING */
                   const expect_t *e)	/* I - What must come out */
{
  char		why[1024] = "";
  pid_t		pid;
  int		wstatus = 0;
  outcome_t	o;
  bool		ok;

  testBegin("a document read by cupsd after its controller died, %s: the card comes out once", label);
  ok = scenario_reset(0, 0, 0);
  cups->late_request = 1;
  cups->late_mode = mode;
  if (ok && (pid = fork()) == 0)
  {
    arm = true;
    run_to_end(why, sizeof(why));
    _exit(0);
  }
  ok = ok && pid > 0 && waitpid(pid, &wstatus, 0) == pid && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == CRASHED;
  if (!ok)
    snprintf(why, sizeof(why), "the first engine did not die sending (status %d)", wstatus);
  sent_again = 0;
  ok = ok && run_to_end(why, sizeof(why)) && outcome_read(&o) && outcome_check(&o, e, why, sizeof(why));
  if (ok && sent_again)
    snprintf(why, sizeof(why), "the run's summary says %lld sent again; none was", (long long)sent_again);
  testEndMessage(ok && !sent_again, "%s", why);
}


/* --- The job classifier's table ---------------------------------------------------- */

typedef struct classify_case_s
{
  int		state, documents, ours;
  const char	*job_reasons, *printer_reasons, *message;
  cj_outcome_t	outcome;
  cj_wait_t	wait;
  const char	*reason;
} classify_case_t;

static const classify_case_t classify_cases[] =
{
  { IPP_JSTATE_HELD, 0, 0, "job-incoming", "none", "", CJ_OUTCOME_PENDING, CJ_WAIT_NONE, "" },
  { IPP_JSTATE_PENDING, 1, 0, "none", "none", "", CJ_OUTCOME_PENDING, CJ_WAIT_NONE, "" },
  { IPP_JSTATE_STOPPED, 1, 0, "none", "paused", "", CJ_OUTCOME_STOPPED, CJ_WAIT_NONE, "job-stopped" },
  { IPP_JSTATE_PENDING, 0, 0, "job-printing", "none", "", CJ_OUTCOME_SUSPECT, CJ_WAIT_NONE, "document-lost" },
  { IPP_JSTATE_PENDING, 0, 0, "job-queued,job-printing", "none", "", CJ_OUTCOME_SUSPECT, CJ_WAIT_NONE, "document-lost" },
  { IPP_JSTATE_PENDING, 0, 0, "job-printing-x", "none", "", CJ_OUTCOME_PENDING, CJ_WAIT_NONE, "" },
  { IPP_JSTATE_PROCESSING, 1, 0, "job-printing", "none", "", CJ_OUTCOME_PROCESSING, CJ_WAIT_NONE, "" },
  { IPP_JSTATE_PROCESSING, 1, 0, "job-printing", "media-empty-error", "", CJ_OUTCOME_PROCESSING, CJ_WAIT_MEDIA_EMPTY,
    "media-empty" },
  { IPP_JSTATE_PROCESSING, 1, 0, "job-printing", "media-needed", "", CJ_OUTCOME_PROCESSING, CJ_WAIT_MEDIA_EMPTY,
    "media-empty" },
  { IPP_JSTATE_PROCESSING, 1, 0, "job-printing", "offline-report", "", CJ_OUTCOME_PROCESSING, CJ_WAIT_OFFLINE, "offline" },
  { IPP_JSTATE_PROCESSING, 1, 0, "job-printing", "connecting-to-device", "", CJ_OUTCOME_PROCESSING, CJ_WAIT_OFFLINE,
    "offline" },
  { IPP_JSTATE_PROCESSING, 1, 0, "job-printing", "none", "The printer is not responding.", CJ_OUTCOME_PROCESSING,
    CJ_WAIT_OFFLINE, "offline" },
  { IPP_JSTATE_COMPLETED, 1, 0, "job-completed-successfully", "none", "", CJ_OUTCOME_COMPLETED, CJ_WAIT_NONE, "" },
  { IPP_JSTATE_COMPLETED, 1, 0, "job-completed-successfully", "media-empty-warning", "", CJ_OUTCOME_COMPLETED,
    CJ_WAIT_NONE, "" },
  { IPP_JSTATE_COMPLETED, 1, 0, "job-completed-successfully", "media-jam-report", "", CJ_OUTCOME_SUSPECT, CJ_WAIT_NONE,
    "media-jam" },
  { IPP_JSTATE_COMPLETED, 1, 0, "job-completed-successfully", "other-report", "", CJ_OUTCOME_SUSPECT, CJ_WAIT_NONE,
    "other" },
  { IPP_JSTATE_COMPLETED, 1, 0, "none", "media-jammed", "", CJ_OUTCOME_COMPLETED, CJ_WAIT_NONE, "" },
  { IPP_JSTATE_CANCELED, 1, 1, "processing-to-stop-point", "none", "", CJ_OUTCOME_CANCELED_BY_US, CJ_WAIT_NONE, "" },
  { IPP_JSTATE_CANCELED, 1, 1, "job-canceled-by-user", "none", "", CJ_OUTCOME_CANCELED_BY_US, CJ_WAIT_NONE, "" },
  { IPP_JSTATE_CANCELED, 1, 0, "job-canceled-by-user", "none", "", CJ_OUTCOME_SUSPECT, CJ_WAIT_NONE, "canceled-by-user" },
  { IPP_JSTATE_CANCELED, 1, 0, "processing-to-stop-point", "none", "", CJ_OUTCOME_FAILED, CJ_WAIT_NONE,
    "job-canceled-at-device" },
  { IPP_JSTATE_CANCELED, 1, 0, "processing-to-stop-point", "cover-open-error", "", CJ_OUTCOME_FAILED, CJ_WAIT_NONE,
    "cover-open" },
  { IPP_JSTATE_ABORTED, 1, 0, "aborted-by-system", "none", "", CJ_OUTCOME_FAILED, CJ_WAIT_NONE, "aborted-by-system" },
  { IPP_JSTATE_ABORTED, 1, 0, "aborted-by-system", "media-jam-error", "", CJ_OUTCOME_FAILED, CJ_WAIT_NONE, "media-jam" },
  { IPP_JSTATE_ABORTED, 1, 0, "aborted-by-system", "media-jam-error,other-warning", "", CJ_OUTCOME_FAILED,
    CJ_WAIT_NONE, "media-jam" },
  { IPP_JSTATE_ABORTED, 1, 1, "aborted-by-system", "marker-supply-empty-error", "", CJ_OUTCOME_FAILED, CJ_WAIT_NONE,
    "marker-supply-empty" },
  { 0, 0, 0, "", "", "", CJ_OUTCOME_UNKNOWN, CJ_WAIT_NONE, "" },
  { 42, 1, 0, "none", "none", "", CJ_OUTCOME_UNKNOWN, CJ_WAIT_NONE, "" }
};


typedef struct queue_case_s		/* A case whose queue's state was asked */
{
  int			queue_state;	/* printer-state */
  classify_case_t	c;
} queue_case_t;

static const queue_case_t queue_cases[] =
{
  /* What cupsd 2.4 reports (see cupsjob.h): a filter failed; a job held by
     someone; a queue disabled; and what is not stuck. */
  { IPP_PSTATE_IDLE, { IPP_JSTATE_STOPPED, 1, 0, "job-completed-with-errors", "none", "Filter failed",
                       CJ_OUTCOME_STOPPED, CJ_WAIT_NONE, "job-stopped" } },
  { IPP_PSTATE_IDLE, { IPP_JSTATE_HELD, 1, 0, "job-hold-until-specified", "none", "", CJ_OUTCOME_STOPPED, CJ_WAIT_NONE,
                       "job-held" } },
  { IPP_PSTATE_STOPPED, { IPP_JSTATE_PENDING, 1, 0, "none", "none", "Ribbon being changed", CJ_OUTCOME_STOPPED,
                          CJ_WAIT_NONE, "queue-stopped" } },
  { IPP_PSTATE_STOPPED, { IPP_JSTATE_HELD, 0, 0, "job-incoming", "none", "", CJ_OUTCOME_PENDING, CJ_WAIT_NONE, "" } },
  { IPP_PSTATE_STOPPED, { IPP_JSTATE_PENDING, 0, 0, "job-printing", "none", "", CJ_OUTCOME_SUSPECT, CJ_WAIT_NONE,
                          "document-lost" } },
  { IPP_PSTATE_IDLE, { IPP_JSTATE_PENDING, 1, 0, "none", "none", "", CJ_OUTCOME_PENDING, CJ_WAIT_NONE, "" } },
  { IPP_PSTATE_STOPPED, { IPP_JSTATE_PROCESSING, 1, 0, "job-printing", "none", "", CJ_OUTCOME_PROCESSING, CJ_WAIT_NONE,
                          "" } }
};


/* Classify one case, its queue in queue_state (0: not asked). */
static void
classify_one(const classify_case_t *c,	/* I - The case */
             int                   queue_state)	/* I - printer-state */
{
  cj_job_info_t info;

  {
    memset(&info, 0, sizeof(info));
    info.id = 7;
    info.queue_state = queue_state;
    info.state = c->state;
    info.documents = c->documents;
    snprintf(info.job_reasons, sizeof(info.job_reasons), "%s", c->job_reasons);
    snprintf(info.printer_reasons, sizeof(info.printer_reasons), "%s", c->printer_reasons);
    snprintf(info.message, sizeof(info.message), "%s", c->message);
    snprintf(info.reason, sizeof(info.reason), "stale");
    cjJobClassify(&info, c->ours);
    testBegin("classify state %d, %d documents, %s, [%s] [%s]%s%s", c->state, c->documents,
              c->ours ? "canceled by us" : "not canceled by us", c->job_reasons, c->printer_reasons,
              c->message[0] ? " with a message" : "", queue_state == IPP_PSTATE_STOPPED ? ", queue stopped" : "");
    testEndMessage(info.outcome == c->outcome && info.wait == c->wait && !strcmp(info.reason, c->reason),
                   "%s wait %d \"%s\"", cjOutcomeString(info.outcome), (int)info.wait, info.reason);
  }
}


static void
test_classifier(void)
{
  for (size_t i = 0; i < sizeof(classify_cases) / sizeof(classify_cases[0]); i ++)
    classify_one(classify_cases + i, 0);
  for (size_t i = 0; i < sizeof(queue_cases) / sizeof(queue_cases[0]); i ++)
    classify_one(&queue_cases[i].c, queue_cases[i].queue_state);

  testBegin("classify a job we canceled after cupsd had started it (time-at-processing): suspect");
  {
    cj_job_info_t info;

    memset(&info, 0, sizeof(info));
    info.id = 7;
    info.state = IPP_JSTATE_CANCELED;
    info.processed = true;
    snprintf(info.job_reasons, sizeof(info.job_reasons), "job-canceled-by-user");
    cjJobClassify(&info, 1);
    testEndMessage(info.outcome == CJ_OUTCOME_SUSPECT && !strcmp(info.reason, "canceled-while-printing"),
                   "%s \"%s\"", cjOutcomeString(info.outcome), info.reason);
  }
}


/* --- Setting up ------------------------------------------------------------------- */

/* A ledger with a print room, printer P1 loaded with LOADED blanks, and
 * BATCH requests of the sample resident (NIKs of their own). */
static bool
make_ledger(void)
{
  inv_db_t	*db;
  inv_list_t	*list = invListNew();
  inv_import_t	import = { 0, 0, 0, 0, 0, "ktp-el", "00", NULL };
  sample_t	s;
  bool		ok;
  int64_t	id;

  if (!sampleInit(&s, true))
    return (false);
  ok = invDbOpen(ledger, INV_OPEN_CREATE, &db) == INV_OK;
  if (ok)
  {
    invDbSetActor(db, "tester", NULL);
    ok = invInit(db, "tester") == INV_OK && invLocationAdd(db, "S1", INV_KIND_STORE, NULL) == INV_OK &&
         invLocationAdd(db, "RC1", INV_KIND_PRINTROOM, NULL) == INV_OK && invListParse(list, "A0000-A0099") == INV_OK &&
         invReceive(db, "Peruri", "DN-1", list, "S1", NULL) == INV_OK && invTransfer(db, "S1", "RC1", list, NULL) == INV_OK &&
         invDbCommit(db) == INV_OK;
    invListClear(list);
    ok = ok && invDbBegin(db) == INV_OK && invPrinterAdd(db, "P1", "card1", "RC1") == INV_OK &&
         invListParse(list, "A0000-A0005") == INV_OK && invPrinterLoad(db, "P1", list, NULL) == INV_OK &&
         invDbCommit(db) == INV_OK;
    ok = ok && invDbBegin(db) == INV_OK;
    for (int i = 0; ok && i < BATCH; i ++)
    {
      char		nik[17], fields[2048];
      size_t		len = 0;
      inv_request_new_t	r = { .nik = nik, .name = "Warga", .template_name = "ktp-el", .fields = fields,
                              .photo = s.rec.photo, .photo_len = s.rec.photo_len, .photo_type = "image/jpeg" };

      snprintf(nik, sizeof(nik), "33740157089%05d", i + 1);
      len += (size_t)snprintf(fields, sizeof(fields), "{\"nik\":\"%s\"", nik);
      for (int f = 0; f < s.rec.num_fields; f ++)
        if (strcmp(s.fields[f].name, "nik") && strcmp(s.fields[f].name, "province") &&
            strcmp(s.fields[f].name, "regency") && strcmp(s.fields[f].name, "issue_city"))
          len += (size_t)snprintf(fields + len, sizeof(fields) - len, ",\"%s\":\"%s\"", s.fields[f].name,
                                  s.fields[f].value);
      snprintf(fields + len, sizeof(fields) - len, "}");
      ok = invRequestAdd(db, &r, &id) == INV_OK;
      if (!import.added ++)
        import.first = id;
      import.last = id;
    }
    ok = ok && invRequestImportRecord(db, &import, &id) == INV_OK && invDbCommit(db) == INV_OK;
    if (!ok)
      printf("  ledger: %s\n", invDbGetError(db));
    invDbClose(db);
  }
  invListDelete(list);
  sampleFree(&s);
  return (ok && testCopyFile(ledger, pristine));
}


/* The card context shared with 'printctl render': a template whose site
 * check failed is not kept, so every card of a run is refused naming the
 * missing setting (the engine once refused the second with ""). */
static void
test_card_context(void)
{
  char		*text = NULL, message[1024];
  size_t	size = 0;
  FILE		*log = open_memstream(&text, &size);
  blanko_config_t saved = config;
  int		named = 0;
  const char	*p;

  testBegin("a failed site check keeps nothing: every card is refused naming the missing setting");
  scenario_reset(0, 0, 0);
  config.province[0] = '\0';
  engine_log = log;
  run_engine(message, sizeof(message), 1);
  engine_log = NULL;
  config = saved;
  fclose(log);
  for (p = text; p && (p = strstr(p, "the card cannot be made: ")) != NULL; p ++)
    named += !strncmp(p + 25, "template ktp-el needs the site's province", 41);
  testEndMessage(named == 2 && !strstr(text, "the card cannot be made: \n"), "%d of 2 named it%s", named,
                 strstr(text, "the card cannot be made: \n") ? "; one was refused with an empty reason" : "");
  free(text);
}


/* A job CUPS stops (a filter failed) while its card is in flight: the
 * run ends at once with a line naming the printer and CUPS's message (it
 * once polled for ever), the printer paused, the card still sent; the job
 * restarted and the printer resumed, the next run prints it once. */
static void
test_stuck(void)
{
  char		message[1024], why[1024] = "";
  outcome_t	o;
  expect_t	all = { BATCH, 0, 0, 0, { 0, 1, 1, 1 } };
  dsp_status_t	status;
  double	t0;

  testBegin("a job CUPS stopped: the run ends, the printer paused, the card still sent");
  scenario_reset(0, 0, 2);
  t0 = vclock;
  status = run_engine(message, sizeof(message), 0);
  outcome_read(&o);
  testEndMessage(status == DSP_PROBLEM && strstr(message, "printer P1 is paused: CUPS stopped job 102 ") &&
                 strstr(message, "Filter failed") && strstr(message, "card A0001 stays sent") &&
                 !strcmp(o.printer_state, "paused") && o.printed == 1 && o.pending == 1 && o.hopper == LOADED - 1 &&
                 vclock - t0 < 100, "status %d after %.0f s: %s; printer %s, %lld printed, %lld pending, hopper %lld",
                 (int)status, vclock - t0, message, o.printer_state, (long long)o.printed, (long long)o.pending,
                 (long long)o.hopper);

  testBegin("restarted and resumed, the next runs print the card once and the rest");
  admin_restart();
  operator_resume();
  testEndMessage(run_to_end(why, sizeof(why)) && outcome_read(&o) && outcome_check(&o, &all, why, sizeof(why)), "%s",
                 why);
}


/* LeakSanitizer: fontconfig keeps its configuration for the process's life. */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
  return ("leak:libfontconfig.so\n");
}


int
main(void)
{
  char		dir[PATH_MAX], templates[PATH_MAX], why[1024];
  const char	*tmp = getenv("TMPDIR");
  int		points = 0;
  outcome_t	o;

  test_classifier();

  snprintf(dir, sizeof(dir), "%s/blanko-test-engineXXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(dir) || !realpath("etc/templates", templates))
  {
    puts("FAIL: a scratch folder and etc/templates (run from the top of the tree)");
    return (1);
  }
  snprintf(ledger, sizeof(ledger), "%.1000s/ledger.db", dir);
  snprintf(pristine, sizeof(pristine), "%.1000s/pristine.db", dir);
  config.busy_timeout = 5000;
  config.lease_expiry = 90;
  snprintf(config.province, sizeof(config.province), "Jawa Tengah");
  snprintf(config.regency, sizeof(config.regency), "Kota Semarang");
  snprintf(config.issue_city, sizeof(config.issue_city), "Kota Semarang");
  snprintf(config.templates, sizeof(config.templates), "%.1000s", templates);
  if (getenv("TEST_ENGINE_LOG"))
    engine_log = stderr;
  if ((cups = mmap(NULL, sizeof(scups_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0)) == MAP_FAILED)
    return (1);

  testBegin("a ledger with printer P1, %d blanks in its hopper and %d requests", LOADED, BATCH);
  testEnd(make_ledger());

  testBegin("the batch prints through the scripted CUPS, each card once");
  {
    expect_t	e = { BATCH, 0, 0, 0, { 0, 1, 1, 1 } };
    bool	ok;

    scenario_reset(0, 0, 0);
    arm = true;
    why[0] = '\0';
    ok = run_to_end(why, sizeof(why)) && outcome_read(&o) && outcome_check(&o, &e, why, sizeof(why));
    arm = false;
    testEndMessage(ok, "%d points%s%s", cups->point, why[0] ? "; " : "", why);
  }

  testBegin("the batch prints with each card rendered in a child that gave the group up (as a set-group-id controller)");
  {
    expect_t	e = { BATCH, 0, 0, 0, { 0, 1, 1, 1 } };
    bool	ok;

    scenario_reset(0, 0, 0);
    isolate = true;
    why[0] = '\0';
    ok = run_to_end(why, sizeof(why)) && outcome_read(&o) && outcome_check(&o, &e, why, sizeof(why));
    isolate = false;
    testEndMessage(ok, "%s", why);
  }

  {
    expect_t	all = { BATCH, 0, 0, 0, { 0, 1, 1, 1 } },
		jam = { BATCH, 1, 0, 0, { 0, 1, 1, 1 } },
		lost = { BATCH - 1, 0, 0, 1, { 0, 1, 1, 1 } };

    points += crash_every_point("all print", 0, 0, 0, &all);
    points += crash_every_point("the second card jams", 2, 0, 0, &jam);
    points += crash_every_point("cupsd loses the third card mid-print", 0, 3, 0, &lost);
    points += crash_every_point("CUPS stops the second card's job", 0, 0, 2, &all);
    printf("# %d crash points covered\n", points);
    points = fail_every_point("cupsd unreachable (before or after the call's effect)", CJ_UNAVAILABLE);
    points += fail_every_point("a call refused", CJ_ERROR);
    printf("# %d failure points covered\n", points);
  }

  {
    expect_t	printed = { BATCH, 0, 0, 0, { 0, 1, 1, 1 } },
		printing = { 0, 0, 0, 1, { 0, 1, 0, 0 } };	/* (the run ends at the suspect) */

    test_late_document("printed at once", LATE_PRINTED, &printed);
    test_late_document("printing when canceled", LATE_PRINTING, &printing);
  }
  test_stuck();
  test_card_context();

  munmap(cups, sizeof(scups_t));
  {
    char side[PATH_MAX + 16];

    unlink(pristine);
    unlink(ledger);
    snprintf(side, sizeof(side), "%s-wal", ledger);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", ledger);
    unlink(side);
    snprintf(side, sizeof(side), "%s.key", ledger);
    unlink(side);
    rmdir(dir);
  }
  return (testSummary());
}
