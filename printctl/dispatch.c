/*
 * The print controller's engine.  See dispatch.h.
 *
 * Log lines name printers, jobs, requests, serials and CUPS job ids only:
 * never a resident's name or NIK.
 */

#include "dispatch.h"
#include "card/card.h"
#include "card/sitekey.h"
#include "blanko/i18n.h"
#include "blanko/request.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#define DSP_LOST	(-100)		/* A write was fenced: another controller
					   drives the printer now (never returned
					   beyond this file) */

struct dsp_s				/* The engine */
{
  cli_t			*cli;
  FILE			*log;		/* Log lines, or NULL */
  blanko_config_t	config;
  unsigned char		key[SITEKEY_LEN];
  tmpl_t		*t;		/* Template loaded last */
  render_t		*r;		/* Its renderer */
  dsp_slot_t		*slots;
  size_t		nslots;
  dsp_stats_t		stats;
  cj_conn_t		*conn;		/* The one connection to cupsd, shared
					   by every printer's queue */
  double		cups_retry;	/* cupsd was unreachable: no request
					   before this (monotonic s) */
  char			cups_why[512];	/* Why, for the printers that wait */
  inv_lease_t		lease;		/* This controller's lease: token, pid, host */
  double		next_beat;	/* Next heartbeat (monotonic s) */
  bool			fenced;		/* The last transaction's lease check failed */
};


/* Monotonic seconds. */
double
dspNow(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (ts.tv_sec + ts.tv_nsec / 1e9);
}


/* One log line (plain, with a UTC time). */
static void
say(dsp_t *d, const char *format, ...)
{
  va_list	ap;
  char		when[32];
  time_t	now = time(NULL);
  struct tm	tm;

  if (!d->log)
    return;
  gmtime_r(&now, &tm);
  strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
  fprintf(d->log, "%s ", when);
  va_start(ap, format);
  vfprintf(d->log, format, ap);
  va_end(ap);
  fputc('\n', d->log);
  fflush(d->log);
}


/* This controller's lease: a random token, its pid and host. */
static bool
lease_init(inv_lease_t *l)		/* O - The lease */
{
  unsigned char	r[16];

  memset(l, 0, sizeof(*l));
  if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
    return (false);
  for (size_t i = 0; i < sizeof(r); i ++)
    snprintf(l->token + 2 * i, 3, "%02x", r[i]);
  l->pid = (int64_t)getpid();
  gethostname(l->host, sizeof(l->host) - 1);
  return (true);
}


/* Make an engine for the command's ledger and actor. */
dsp_t *
dspNew(cli_t  *cli,			/* I - Command (ledger, actor) */
       FILE   *log,			/* I - Log stream or NULL */
       char   *error,			/* O - Why it failed */
       size_t errsize)			/* I - Size of error */
{
  dsp_t *d = calloc(1, sizeof(dsp_t));

  if (!d)
  {
    snprintf(error, errsize, "%s", i18nNoMemory());
    return (NULL);
  }
  d->cli = cli;
  d->log = log;
  if ((d->conn = cjConnNew()) == NULL)
  {
    snprintf(error, errsize, "%s", i18nNoMemory());
    free(d);
    return (NULL);
  }
  if (!blankoConfigLoad(&d->config))
  {
    snprintf(error, errsize, "%s", d->config.error);
    cjConnDelete(d->conn);
    free(d);
    return (NULL);
  }
  if (!siteKeyLoad(invDbGetPath(cli->db), true, d->key, error, errsize))
  {
    cjConnDelete(d->conn);
    free(d);
    return (NULL);
  }
  if (!lease_init(&d->lease))
  {
    snprintf(error, errsize, "%s", _("no random numbers for the printer lease"));
    dspDelete(d);
    return (NULL);
  }
  return (d);
}


/* Free the engine, close its queues and its connection to cupsd. */
void
dspDelete(dsp_t *d)			/* I - Engine */
{
  if (!d)
    return;
  for (size_t i = 0; i < d->nslots; i ++)
  {
    /* Give the printer back; a failure leaves a lease that ends with this
       process (same host) or at its expiry. */
    if (d->slots[i].held && invDbBegin(d->cli->db) == INV_OK)
    {
      if (invPrinterLeaseRelease(d->cli->db, d->slots[i].printer.name, d->lease.token) != INV_OK ||
          invDbCommit(d->cli->db) != INV_OK)
        invDbRollback(d->cli->db);
    }
    cjPrinterClose(d->slots[i].cj);
  }
  cjConnDelete(d->conn);
  free(d->slots);
  renderDelete(d->r);
  tmplDelete(d->t);
  explicit_bzero(d->key, sizeof(d->key));
  free(d);
}


/* What the run did. */
const dsp_stats_t *
dspStats(const dsp_t *d)		/* I - Engine */
{
  return (&d->stats);
}


/* Another controller drives the printer now: say so in one line, stop
 * driving it (its job is the new holder's to follow). */
static void
lease_lost(dsp_t      *d,		/* I - Engine */
           dsp_slot_t *s)		/* I - The printer */
{
  fprintf(stderr, "%s %s: %s; %s\n", d->cli->prog, d->cli->cmd->name, invDbGetError(d->cli->db),
          _("this controller stops driving it"));
  say(d, "printer %s: taken over by another controller; no longer driven here", s->printer.name);
  s->held = false;
  s->lost = true;
  s->job = 0;
  d->stats.lost ++;
}


/*
 * Run one ledger write about printer s in its own transaction, fenced: the
 * transaction first checks that this controller's lease is still the
 * printer's.  When it is not, nothing is written, the printer is dropped
 * with one line on stderr, and DSP_LOST is returned.
 */

#define TX(d, s, call) tx_end((d), (s), tx_begin((d), (s)) == INV_OK ? (call) : INV_ERROR)

static inv_status_t
tx_begin(dsp_t      *d,			/* I - Engine */
         dsp_slot_t *s)			/* I - Printer written about */
{
  inv_status_t status;

  d->fenced = false;
  if ((status = invDbBegin(d->cli->db)) != INV_OK)
    return (status);
  if ((status = invPrinterLeaseCheck(d->cli->db, s->printer.name, d->lease.token)) == INV_REFUSED)
    d->fenced = true;
  return (status);
}

static int
tx_end(dsp_t        *d,			/* I - Engine */
       dsp_slot_t   *s,			/* I - Printer written about */
       inv_status_t status)		/* I - The writes' status */
{
  if (status == INV_OK && (status = invDbCommit(d->cli->db)) == INV_OK)
    return (CLI_OK);
  invDbRollback(d->cli->db);
  if (d->fenced)
  {
    lease_lost(d, s);
    return (DSP_LOST);
  }
  return (cliFailDb(d->cli, status));
}


/* Add one printer to drive (read in a short read transaction). */
static void
add_slot(void *ctx, const inv_printer_t *p)
{
  dsp_t		*d = ctx;
  dsp_slot_t	*s = realloc(d->slots, (d->nslots + 1) * sizeof(dsp_slot_t));

  if (!s)
    return;
  d->slots = s;
  s += d->nslots ++;
  memset(s, 0, sizeof(*s));
  s->printer = *p;
}


/* Drive one named printer. */
int
dspAddPrinter(dsp_t      *d,		/* I - Engine */
              const char *name)		/* I - Printer */
{
  inv_printer_t	p;
  inv_status_t	status;

  for (size_t i = 0; i < d->nslots; i ++)
    if (!strcmp(d->slots[i].printer.name, name))
      return (CLI_OK);
  if ((status = invDbBeginRead(d->cli->db)) == INV_OK)
  {
    status = invPrinterGet(d->cli->db, name, &p);
    invDbEndRead(d->cli->db);
  }
  if (status != INV_OK)
    return (cliFailDb(d->cli, status));
  add_slot(d, &p);
  return (CLI_OK);
}


/* Drive every printer. */
int
dspAddAllPrinters(dsp_t *d)		/* I - Engine */
{
  inv_status_t status;

  if ((status = invDbBeginRead(d->cli->db)) == INV_OK)
  {
    status = invPrinterList(d->cli->db, add_slot, d);
    invDbEndRead(d->cli->db);
  }
  return (status == INV_OK ? CLI_OK : cliFailDb(d->cli, status));
}


/* Note that cupsd could not be reached (a request met CJ_UNAVAILABLE):
 * the printers share its one connection, so none of them asks again for
 * DSP_RETRY_S seconds -- a dead or restarting cupsd costs one try a round,
 * not one per printer -- and this one waits with the reason. */
static void
cups_lost(dsp_t      *d,		/* I - Engine */
          dsp_slot_t *s,		/* I - Printer that met it */
          const char *why)		/* I - The error */
{
  d->cups_retry = dspNow() + DSP_RETRY_S;
  snprintf(d->cups_why, sizeof(d->cups_why), "%s", why);
  snprintf(s->wait, sizeof(s->wait), "%s", why);
  s->next_poll = d->cups_retry;
}


/* Make the slot ready for a CUPS request: cupsd not known to be down, and
 * the printer's queue open on the shared connection.  CJ_UNAVAILABLE:
 * cupsd is down, ask again at s->next_poll; CJ_NOT_FOUND (no such queue) or
 * CJ_ERROR (no ID-1 card size, ...): the queue cannot take cards; s->wait
 * says why. */
static cj_status_t
slot_open(dsp_t           *d,		/* I - Engine */
          dsp_slot_t      *s,		/* I - Printer */
          inv_print_job_t *j)		/* I - Its open job or NULL */
{
  cj_status_t cs;

  if (dspNow() < d->cups_retry)
  {
    snprintf(s->wait, sizeof(s->wait), "%s", d->cups_why);
    s->next_poll = d->cups_retry;
    return (CJ_UNAVAILABLE);
  }
  if (s->cj)
    return (CJ_OK);
  if ((cs = cjPrinterOpen2(d->conn, s->printer.queue, d->cli->actor, &s->cj)) != CJ_OK)
  {
    if (cs == CJ_UNAVAILABLE)
      cups_lost(d, s, cjPrinterErrmsg(s->cj));
    else
      snprintf(s->wait, sizeof(s->wait), "%s", cjPrinterErrmsg(s->cj));
    cjPrinterClose(s->cj);
    s->cj = NULL;
    return (cs);
  }
  if (j && j->canceled_cups_id)
    cjJobNoteCanceled(s->cj, j->canceled_cups_id);
  return (CJ_OK);
}


/* cupsd went away under the slot's queue: close it (it is opened afresh,
 * capabilities and all, when cupsd is back) and let every printer wait. */
static void
slot_lost(dsp_t      *d,		/* I - Engine */
          dsp_slot_t *s)		/* I - Printer whose request failed */
{
  cups_lost(d, s, cjPrinterErrmsg(s->cj));
  cjPrinterClose(s->cj);
  s->cj = NULL;
}


/* Make sure the renderer is for the named template. */
static bool
use_template(dsp_t *d, const char *name, char *error, size_t errsize)
{
  if (d->t && !strcmp(tmplGetName(d->t), name))
    return (true);
  renderDelete(d->r);
  tmplDelete(d->t);
  d->r = NULL;
  if ((d->t = cardTemplateLoad(&d->config, name, error, errsize)) == NULL ||
      !cardSiteCheck(d->t, &d->config, error, errsize))
    return (false);
  if ((d->r = renderNew(d->t, d->key, sizeof(d->key))) == NULL)
  {
    snprintf(error, errsize, "%s", i18nNoMemory());
    return (false);
  }
  return (true);
}


/* Sending one card: the job, where it goes, and how it went. */
typedef struct send_s
{
  dsp_t			*d;
  dsp_slot_t		*s;
  const inv_print_job_t	*j;
  cj_status_t		status;		/* cjJobSendDocument's answer */
  bool			render_failed;	/* The card could not be made */
  char			error[512];
} send_t;


/* Renderer output straight into the CUPS request. */
static bool
write_doc(void *ctx, const unsigned char *data, size_t len)
{
  return (cjDocWrite((cj_doc_t *)ctx, data, len) == CJ_OK);
}


/* Producer of the document: the request's card with its serial. */
typedef struct produce_s
{
  send_t		*send;
  const render_record_t	*rec;
} produce_t;

static int
produce(void *ctx, cj_doc_t *doc)
{
  produce_t *p = ctx;

  if (!renderCardPDF(p->send->d->r, p->rec, write_doc, doc))
  {
    p->send->render_failed = true;
    snprintf(p->send->error, sizeof(p->send->error), "%s", renderGetError(p->send->d->r));
    return (-1);
  }
  return (0);
}


/* Render and stream the card of a request (callback of invRequestGet: the
 * photo lives only while it runs). */
static void
send_request(void                *ctx,	/* I - send_t */
             const inv_request_t *req)	/* I - Request with photo */
{
  send_t	*sd = ctx;
  card_record_t	c;
  produce_t	p;

  if (!use_template(sd->d, req->template_name, sd->error, sizeof(sd->error)))
  {
    sd->render_failed = true;
    return;
  }
  cardRecordInit(&c);
  if (!cardRecordFromJSON(&c, req->fields))
  {
    cardRecordFree(&c);
    sd->render_failed = true;
    snprintf(sd->error, sizeof(sd->error), _("request #%lld holds damaged fields"), (long long)req->id);
    return;
  }
  cardRecordAddSite(&c, sd->d->t, &sd->d->config);
  c.rec.serial = sd->j->serial;
  c.rec.issue_date = sd->j->issue_date;
  c.rec.photo = req->photo;
  c.rec.photo_len = req->photo_len;
  c.rec.photo_type = req->photo_type[0] ? req->photo_type : NULL;
  if (!renderCheckRecord(sd->d->r, &c.rec))
  {
    sd->render_failed = true;
    snprintf(sd->error, sizeof(sd->error), "%s", renderGetError(sd->d->r));
  }
  else
  {
    p.send = sd;
    p.rec = &c.rec;
    sd->status = cjJobSendDocument(sd->s->cj, sd->j->cups_job_id, produce, &p);
  }
  cardRecordFree(&c);
}


/* Read a job in a short read transaction. */
static int
job_read(dsp_t *d, int64_t id, inv_print_job_t *j)
{
  inv_status_t status;

  if ((status = invDbBeginRead(d->cli->db)) == INV_OK)
  {
    status = invPrintJobGet(d->cli->db, id, j);
    invDbEndRead(d->cli->db);
  }
  return (status == INV_OK ? CLI_OK : cliFailDb(d->cli, status));
}


/* The job's CUPS name. */
static int
job_name(dsp_t *d, const inv_print_job_t *j, char *name, size_t size)
{
  inv_status_t status;

  if ((status = invDbBeginRead(d->cli->db)) == INV_OK)
  {
    status = invPrintJobName(d->cli->db, j, name, size);
    invDbEndRead(d->cli->db);
  }
  return (status == INV_OK ? CLI_OK : cliFailDb(d->cli, status));
}


/* Mark the job's CUPS job as never having got its document: record the
 * resubmission first, then cancel it in CUPS. */
static int
resubmit(dsp_t *d, dsp_slot_t *s, inv_print_job_t *j, const char *why)
{
  int result, cups_id = j->cups_job_id;

  if ((result = TX(d, s, invPrintResubmit(d->cli->db, j->id, cups_id))) != CLI_OK)
    return (result);
  say(d, "printer %s: job %lld (request #%lld, %s): CUPS job %d %s; sending again", s->printer.name,
      (long long)j->id, (long long)j->request, j->serial, cups_id, why);
  d->stats.resubmitted ++;
  if (cups_id && s->cj)
    cjJobCancel(s->cj, cups_id);
  s->next_poll = 0;
  return (CLI_OK);
}


/*
 * Submit a job in state intent: Create-Job, store the CUPS id, stream the
 * document.  Reached for a new job and for one a reconciliation found CUPS
 * never got.
 */

static int
submit(dsp_t *d, dsp_slot_t *s, inv_print_job_t *j)
{
  char		name[128], why[160];
  int		cups_id, result;
  cj_status_t	cs;
  send_t	sd;
  inv_status_t	status;

  if ((result = job_name(d, j, name, sizeof(name))) != CLI_OK)
    return (result);
  if ((cs = slot_open(d, s, j)) == CJ_UNAVAILABLE)
    return (CLI_OK);				/* cupsd down: try again */
  if (cs != CJ_OK)
  {
    /* The queue is gone or cannot take cards; nothing was sent (a job in
       intent never got a document): this printer stops, the others go on. */
    snprintf(why, sizeof(why), "%.159s", s->wait);
    say(d, "printer %s: job %lld (request #%lld, %s) not sent: %s", s->printer.name, (long long)j->id,
        (long long)j->request, j->serial, why);
    d->stats.unsent ++;
    s->job = 0;
    return (TX(d, s, invPrintUnsent(d->cli->db, j->id, why)));
  }
  if ((cs = cjJobCreate(s->cj, name, &cups_id)) == CJ_UNAVAILABLE)
  {
    /* CUPS may or may not have made it: find it by name next time. */
    slot_lost(d, s);
    return (CLI_OK);
  }
  if (cs != CJ_OK)
  {
    snprintf(why, sizeof(why), "%s", cjPrinterErrmsg(s->cj));
    say(d, "printer %s: job %lld (request #%lld, %s) not sent: %s", s->printer.name, (long long)j->id,
        (long long)j->request, j->serial, why);
    d->stats.unsent ++;
    s->job = 0;
    return (TX(d, s, invPrintUnsent(d->cli->db, j->id, why)));
  }
  if ((result = TX(d, s, invPrintSubmitted(d->cli->db, j->id, cups_id))) != CLI_OK)
  {
    /* Taken over while Create-Job ran: the job made has no document, so it
       cannot print.  It is not canceled here: the new holder may already
       follow it by its name, and a cancel it did not ask for would make it
       hold the card suspect; it resubmits the card (and cancels this job)
       itself, or cupsd ends the empty job. */
    return (result);
  }
  j->cups_job_id = cups_id;

  memset(&sd, 0, sizeof(sd));
  sd.d = d;
  sd.s = s;
  sd.j = j;
  sd.status = CJ_ERROR;
  if ((status = invDbBeginRead(d->cli->db)) == INV_OK)
  {
    status = invRequestGet(d->cli->db, j->request, send_request, &sd);
    invDbEndRead(d->cli->db);
  }
  if (status != INV_OK)
    return (cliFailDb(d->cli, status));
  if (sd.render_failed)
  {
    /* The card cannot be made: nothing printed, the request needs a look. */
    if (s->cj)
      cjJobCancel(s->cj, cups_id);
    say(d, "printer %s: job %lld (request #%lld): the card cannot be made: %s", s->printer.name,
        (long long)j->id, (long long)j->request, sd.error);
    d->stats.unsent ++;
    s->job = 0;
    return (TX(d, s, invPrintUnsent(d->cli->db, j->id, "the card cannot be rendered")));
  }
  if (sd.status == CJ_ERROR || sd.status == CJ_NOT_FOUND)
    return (resubmit(d, s, j, "did not get the whole document"));
  if (sd.status == CJ_UNAVAILABLE)
    cups_lost(d, s, cjPrinterErrmsg(s->cj));	/* Polled when cupsd is back */
  s->job = j->id;
  s->next_poll = dspNow() + DSP_POLL_MS / 1000.0;
  say(d, "printer %s: job %lld: request #%lld on %s sent as CUPS job %d", s->printer.name, (long long)j->id,
      (long long)j->request, j->serial, cups_id);
  return (CLI_OK);
}


/* Has cupsd got the job's document?  (PENDING with none, not printing) */
static bool
document_missing(const cj_job_info_t *info)
{
  return (info->outcome == CJ_OUTCOME_PENDING && info->documents == 0 &&
          !strstr(info->job_reasons, "job-printing"));
}


/* How follow_gone settles a job. */
typedef enum gone_e
{
  GONE_ISSUED,				/* CUPS says completed */
  GONE_SPOILED,				/* CUPS says aborted, or canceled by others */
  GONE_SUSPECT				/* Anything else: an operator settles it */
} gone_t;


/* Record how a job on a queue that is gone ended, and pause its printer
 * with a reason naming the queue (one transaction's writes). */
static inv_status_t
gone_record(dsp_t                 *d,	/* I - Engine */
            const dsp_slot_t      *s,	/* I - Printer */
            const inv_print_job_t *j,	/* I - The job */
            gone_t                how,	/* I - Its outcome */
            const char            *reason)	/* I - CUPS's reason (spoiled, suspect) */
{
  inv_status_t	status;
  char		why[160];

  switch (how)
  {
    case GONE_ISSUED :
        status = invPrintIssued(d->cli->db, j->id);
        snprintf(why, sizeof(why), "queue %.40s is gone; card %.24s printed", s->printer.queue, j->serial);
        break;
    case GONE_SPOILED :
        status = invPrintSpoiled(d->cli->db, j->id, reason);
        snprintf(why, sizeof(why), "queue %.40s is gone; card %.24s spoiled (%.40s)", s->printer.queue, j->serial,
                 reason);
        break;
    default :
        status = invPrintSuspect(d->cli->db, j->id, reason);
        snprintf(why, sizeof(why), "queue %.40s is gone; card %.24s suspect (%.40s): resolve it", s->printer.queue,
                 j->serial, reason);
        break;
  }
  if (status != INV_OK)
    return (status);
  return (invPrinterPause(d->cli->db, s->printer.name, why));
}


/*
 * Settle a job whose queue is gone (deleted while the controller was
 * stopped, or while cupsd was away): follow it by its CUPS id alone and
 * record what CUPS says, never more.  Completed -> issued; aborted, or
 * canceled at the printer -> spoiled; our own cancel, or no document ->
 * sent again (submit() then finds no queue: not sent); anything else ->
 * suspect: canceled with job-canceled-by-user (how cupsd 2.4 ends the job
 * that was printing when its queue was deleted, though the printer may
 * finish the card), unknown to cupsd (it purges a deleted queue's finished
 * jobs, completed ones too), or still shown queued or printing.  The printer is paused
 * with a reason naming the queue either way, so that the run ends.
 */

static int
follow_gone(dsp_t           *d,		/* I - Engine */
            dsp_slot_t      *s,		/* I - Printer whose queue is gone */
            inv_print_job_t *j)		/* I - Its job, with a CUPS id */
{
  cj_printer_t	*gone;
  cj_job_info_t	info;
  cj_status_t	cs;
  int		result;
  const char	*p = s->printer.name, *reason;

  if ((cs = cjPrinterOpenForJobs(d->conn, s->printer.queue, d->cli->actor, &gone)) == CJ_OK &&
      (!j->canceled_cups_id || (cs = cjJobNoteCanceled(gone, j->canceled_cups_id)) == CJ_OK))
    cs = cjJobQuery(gone, j->cups_job_id, &info);
  if (cs != CJ_OK)
  {
    if (cs == CJ_UNAVAILABLE)
      cups_lost(d, s, cjPrinterErrmsg(gone));
    else
      snprintf(s->wait, sizeof(s->wait), "%s", cjPrinterErrmsg(gone));
    cjPrinterClose(gone);
    return (CLI_OK);				/* Asked again at the next poll */
  }
  cjPrinterClose(gone);
  s->wait[0] = '\0';
  switch (info.outcome)
  {
    case CJ_OUTCOME_COMPLETED :
        s->job = 0;
        d->stats.issued ++;
        say(d, "printer %s: job %lld: request #%lld printed on %s; queue %s is gone; printer paused", p,
            (long long)j->id, (long long)j->request, j->serial, s->printer.queue);
        return (TX(d, s, gone_record(d, s, j, GONE_ISSUED, "")));
    case CJ_OUTCOME_FAILED :
        /* (Deleting the queue cancels its printing job with
           job-canceled-by-user: cupsjob.c makes that suspect, not failed.) */
        s->job = 0;
        d->stats.spoiled ++;
        say(d, "printer %s: job %lld: %s spoiled (%s); request #%lld waits again; queue %s is gone; printer paused",
            p, (long long)j->id, j->serial, info.reason, (long long)j->request, s->printer.queue);
        return (TX(d, s, gone_record(d, s, j, GONE_SPOILED, info.reason)));
    case CJ_OUTCOME_CANCELED_BY_US :
        return (resubmit(d, s, j, "was canceled by the controller before printing"));
    case CJ_OUTCOME_PENDING :
        if (document_missing(&info))
          return (resubmit(d, s, j, "never got its document"));
        /* FALLTHROUGH */
    default :
        reason = info.outcome == CJ_OUTCOME_SUSPECT ? info.reason : "queue-gone";
        s->job = 0;
        d->stats.suspect ++;
        if ((result = TX(d, s, gone_record(d, s, j, GONE_SUSPECT, reason))) != CLI_OK)
          return (result);
        say(d, "printer %s: job %lld: %s is SUSPECT (%s; CUPS job %d %s%s%s); queue %s is gone; settle it with "
            "'printctl resolve %s'; printer paused", p, (long long)j->id, j->serial, reason, j->cups_job_id,
            cjOutcomeString(info.outcome), info.job_reasons[0] ? " " : "", info.job_reasons, s->printer.queue,
            j->serial);
        return (CLI_OK);
  }
}


/* Poll a job in flight and record how it ended. */
static int
follow(dsp_t *d, dsp_slot_t *s, inv_print_job_t *j)
{
  cj_job_info_t	info;
  cj_status_t	cs;
  const char	*p = s->printer.name;

  s->next_poll = dspNow() + DSP_POLL_MS / 1000.0;
  if ((cs = slot_open(d, s, j)) != CJ_OK)
  {
    /* The queue is gone but the job was sent: it cannot be followed on
       its queue, and waiting would never end. */
    if (cs == CJ_NOT_FOUND && j->cups_job_id > 0)
      return (follow_gone(d, s, j));
    return (CLI_OK);
  }
  if ((cs = cjJobQuery(s->cj, j->cups_job_id, &info)) != CJ_OK)
  {
    if (cs == CJ_UNAVAILABLE)
      slot_lost(d, s);
    else
      snprintf(s->wait, sizeof(s->wait), "%s", cjPrinterErrmsg(s->cj));
    return (CLI_OK);
  }
  s->wait[0] = '\0';
  switch (info.outcome)
  {
    case CJ_OUTCOME_COMPLETED :
        s->job = 0;
        d->stats.issued ++;
        say(d, "printer %s: job %lld: request #%lld printed on %s", p, (long long)j->id, (long long)j->request,
            j->serial);
        return (TX(d, s, invPrintIssued(d->cli->db, j->id)));
    case CJ_OUTCOME_FAILED :
        s->job = 0;
        d->stats.spoiled ++;
        say(d, "printer %s: job %lld: %s spoiled (%s); request #%lld waits again; printer paused", p,
            (long long)j->id, j->serial, info.reason, (long long)j->request);
        return (TX(d, s, invPrintSpoiled(d->cli->db, j->id, info.reason)));
    case CJ_OUTCOME_SUSPECT :
    case CJ_OUTCOME_UNKNOWN :
        s->job = 0;
        d->stats.suspect ++;
        say(d, "printer %s: job %lld: %s is SUSPECT (%s); settle it with 'printctl resolve %s'; printer paused",
            p, (long long)j->id, j->serial, info.outcome == CJ_OUTCOME_UNKNOWN ? "job-unknown" : info.reason,
            j->serial);
        return (TX(d, s, invPrintSuspect(d->cli->db, j->id,
                                      info.outcome == CJ_OUTCOME_UNKNOWN ? "job-unknown" : info.reason)));
    case CJ_OUTCOME_CANCELED_BY_US :
        return (resubmit(d, s, j, "was canceled by the controller before printing"));
    case CJ_OUTCOME_PENDING :
        if (document_missing(&info))
          return (resubmit(d, s, j, "never got its document"));
        snprintf(s->wait, sizeof(s->wait), "queued%s%s", info.printer_reasons[0] ? ": " : "",
                 info.printer_reasons);
        return (CLI_OK);
    case CJ_OUTCOME_PROCESSING :
        if (info.wait != CJ_WAIT_NONE)
          snprintf(s->wait, sizeof(s->wait), "%s%s%s", info.reason, info.message[0] ? ": " : "", info.message);
        return (CLI_OK);
  }
  return (CLI_OK);
}


/* Is the newest CUPS job of this name one we may follow? */
static int
find_job(dsp_t *d, dsp_slot_t *s, inv_print_job_t *j, int *cups_id)
{
  char		name[128];
  int		result;
  cj_status_t	cs;

  *cups_id = -1;
  if ((result = job_name(d, j, name, sizeof(name))) != CLI_OK)
    return (result);
  if ((cs = slot_open(d, s, j)) != CJ_OK)
  {
    /* No queue to look in: a job in intent never got its document, so
       submit() may settle it (not sent); cupsd down: later. */
    if (cs != CJ_UNAVAILABLE)
      *cups_id = 0;
    return (CLI_OK);
  }
  cs = cjJobFind(s->cj, name, cups_id);
  if (cs == CJ_NOT_FOUND || (cs == CJ_OK && *cups_id == j->canceled_cups_id))
  {
    if (cs == CJ_OK)
      cjJobCancel(s->cj, *cups_id);		/* ours: make sure it never prints */
    *cups_id = 0;
  }
  else if (cs != CJ_OK)
  {
    if (cs == CJ_UNAVAILABLE)
      slot_lost(d, s);
    else
      snprintf(s->wait, sizeof(s->wait), "%s", cjPrinterErrmsg(s->cj));
    *cups_id = -1;
  }
  return (CLI_OK);
}


/* Take up a job the ledger has open (reconciliation, or after CUPS was
 * unreachable): intent -> find by name, then follow or submit. */
static int
take_up(dsp_t *d, dsp_slot_t *s, inv_print_job_t *j)
{
  int result, cups_id;

  s->job = j->id;
  if (!strcmp(j->state, "submitted"))
    return (follow(d, s, j));
  if ((result = find_job(d, s, j, &cups_id)) != CLI_OK)
    return (result);
  if (cups_id < 0)
  {
    if (s->next_poll < dspNow() + DSP_RETRY_S)
      s->next_poll = dspNow() + DSP_RETRY_S;	/* CUPS not reachable: later */
    return (CLI_OK);
  }
  if (cups_id == 0)
    return (submit(d, s, j));
  say(d, "printer %s: job %lld: found CUPS job %d by name", s->printer.name, (long long)j->id, cups_id);
  if ((result = TX(d, s, invPrintSubmitted(d->cli->db, j->id, cups_id))) != CLI_OK)
    return (result);
  j->cups_job_id = cups_id;
  snprintf(j->state, sizeof(j->state), "submitted");
  return (follow(d, s, j));
}


/* The first open job of a printer. */
static void
first_open(void *ctx, const inv_print_job_t *j)
{
  inv_print_job_t *o = ctx;

  if (!o->id)
    *o = *j;
}


/* Seconds between heartbeats: a third of the expiry. */
static double
lease_beat(const dsp_t *d)		/* I - Engine */
{
  return (d->config.lease_expiry / 3.0);
}


/*
 * Take the lease of every printer added: a printer another live controller
 * drives is dropped with one line on stderr ("printer X is driven by
 * another controller (pid, host, since when)"); CLI_REFUSED with that line
 * when no printer is left to drive.
 */

int
dspLease(dsp_t *d)			/* I - Engine */
{
  size_t	kept = 0;
  inv_lease_t	before;
  bool		taken = false;
  int		result;

  d->cli->message[0] = '\0';
  d->fenced = false;
  for (size_t i = 0; i < d->nslots; i ++)
  {
    dsp_slot_t *s = d->slots + i;

    if (invDbBegin(d->cli->db) != INV_OK)
      result = cliFailDb(d->cli, INV_ERROR);
    else
      result = tx_end(d, s, invPrinterLeaseTake(d->cli->db, s->printer.name, &d->lease, d->config.lease_expiry,
                                                &taken, &before));
    if (result != CLI_OK)
    {
      /* Keep the printers not looked at yet, so that dspDelete closes each
         queue handle once. */
      for (size_t k = i; k < d->nslots; k ++)
        d->slots[kept ++] = d->slots[k];
      d->nslots = kept;
      return (result);
    }
    if (!taken)
    {
      /* One line per printer left alone; the last is the refusal when no
         printer is left. */
      if (d->cli->message[0])
        fprintf(stderr, "%s %s: %s\n", d->cli->prog, d->cli->cmd->name, d->cli->message);
      cliFail(d->cli, CLI_REFUSED, _("printer %s is driven by another controller (pid %lld on %s, since %s)"),
              s->printer.name, (long long)before.pid, before.host, before.since);
      cjPrinterClose(s->cj);
      s->cj = NULL;
      continue;
    }
    if (before.token[0] && strcmp(before.token, d->lease.token))
      say(d, "printer %s: taken over from controller pid %lld on %s (since %s): it is gone or its lease expired",
          s->printer.name, (long long)before.pid, before.host, before.since);
    s->held = true;
    d->slots[kept ++] = *s;
  }
  d->nslots = kept;
  if (!kept && d->cli->message[0])
    return (CLI_REFUSED);
  if (d->cli->message[0])
    fprintf(stderr, "%s %s: %s\n", d->cli->prog, d->cli->cmd->name, d->cli->message);
  d->cli->message[0] = '\0';
  d->next_beat = dspNow() + lease_beat(d);
  return (CLI_OK);
}


/* Renew the leases when their time has come (every third of the expiry);
 * a printer taken over meanwhile is dropped (DSP_LOST from the fence). */
static int
heartbeat(dsp_t *d)			/* I - Engine */
{
  int result;

  if (dspNow() < d->next_beat)
    return (CLI_OK);
  for (size_t i = 0; i < d->nslots; i ++)
  {
    dsp_slot_t *s = d->slots + i;

    if (s->held && (result = TX(d, s, invPrinterLeaseRenew(d->cli->db, s->printer.name, d->lease.token))) != CLI_OK &&
        result != DSP_LOST)
      return (result);
  }
  d->next_beat = dspNow() + lease_beat(d);
  return (CLI_OK);
}


/* Reconcile every printer's open job with CUPS (before any new work). */
int
dspReconcile(dsp_t *d)			/* I - Engine */
{
  for (size_t i = 0; i < d->nslots; i ++)
  {
    dsp_slot_t		*s = d->slots + i;
    inv_print_job_t	j;
    inv_status_t	status;
    int			result;

    if (!s->held)
      continue;
    memset(&j, 0, sizeof(j));
    if ((status = invDbBeginRead(d->cli->db)) == INV_OK)
    {
      status = invPrintJobList(d->cli->db, s->printer.name, true, first_open, &j);
      invDbEndRead(d->cli->db);
    }
    if (status != INV_OK)
      return (cliFailDb(d->cli, status));
    if (!j.id || !strcmp(j.state, "suspect"))
      continue;
    say(d, "printer %s: reconciling job %lld (request #%lld, %s, %s, CUPS job %d)", s->printer.name,
        (long long)j.id, (long long)j.request, j.serial, j.state, j.cups_job_id);
    if ((result = take_up(d, s, &j)) != CLI_OK && result != DSP_LOST)
      return (result);
  }
  return (CLI_OK);
}


/*
 * One round over the printers: poll jobs whose time has come, and (when
 * may_start) start the next card on each idle printer.  *busy: a job is in
 * flight; *started: a card was started this round.
 */

int
dspStep(dsp_t *d,			/* I - Engine */
        bool  may_start,		/* I - May new cards start? */
        bool  *busy,			/* O - Jobs in flight? */
        bool  *started)			/* O - Did one start? */
{
  double now = dspNow();
  int	 result;

  *busy = *started = false;
  if ((result = heartbeat(d)) != CLI_OK)
    return (result);
  for (size_t i = 0; i < d->nslots; i ++)
  {
    dsp_slot_t		*s = d->slots + i;
    inv_print_job_t	j;
    bool		found;

    if (!s->held)
      continue;
    if (s->job)
    {
      if (now >= s->next_poll)
      {
        if ((result = job_read(d, s->job, &j)) != CLI_OK)
          return (result);
        if (!strcmp(j.state, "done") || !strcmp(j.state, "suspect"))
          s->job = 0;
        else if ((result = take_up(d, s, &j)) == DSP_LOST)
          continue;
        else if (result != CLI_OK)
          return (result);
      }
      if (s->job)
      {
        *busy = true;
        continue;
      }
    }
    if (!may_start || dspNow() < d->cups_retry)
      continue;					/* (no new card while cupsd is down) */
    if ((result = TX(d, s, invPrintNext(d->cli->db, s->printer.name, &j, &found))) == DSP_LOST)
      continue;
    if (result != CLI_OK)
      return (result);
    if (!found)
      continue;
    d->stats.started ++;
    *started = true;
    s->job = j.id;
    if ((result = submit(d, s, &j)) == DSP_LOST)
      continue;
    if (result != CLI_OK)
      return (result);
    if (s->job)
      *busy = true;
  }
  return (CLI_OK);
}


/* How many printers this controller still drives. */
size_t
dspHeld(const dsp_t *d)			/* I - Engine */
{
  size_t n = 0;

  for (size_t i = 0; i < d->nslots; i ++)
    n += d->slots[i].held;
  return (n);
}


/* A printer's state for dspVerdict: the first driven printer paused or
 * needing a check, and whether every running one has an empty hopper. */
typedef struct verdict_s
{
  const dsp_t	*d;
  inv_printer_t	stopped;		/* First one paused or check-needed */
  int		running, empty;		/* Running ones, and those with no blanks */
} verdict_t;

static void
verdict_printer(void *ctx, const inv_printer_t *p)
{
  verdict_t *v = ctx;

  for (size_t i = 0; i < v->d->nslots; i ++)
    if (v->d->slots[i].held && !strcmp(v->d->slots[i].printer.name, p->name))
    {
      if (strcmp(p->state, "running"))
      {
        if (!v->stopped.name[0])
          v->stopped = *p;
      }
      else
      {
        v->running ++;
        v->empty += !p->hopper_count;
      }
    }
}


/*
 * How the run ended, as its exit status: CLI_OK, or CLI_PROBLEM with one line
 * (cli->message) when a card or printer needs a person -- a card spoiled,
 * suspect or not sent, or (when the run was not limited by --max or a
 * signal) requests still waiting on a paused printer or empty hoppers
 * ("hopper empty: load blanks"); CLI_REFUSED when another controller took
 * a printer over (its line was said then).
 */

int
dspVerdict(dsp_t *d,			/* I - Engine */
           bool  limited)		/* I - Stopped by --max or a signal? */
{
  const dsp_stats_t	*st = &d->stats;
  verdict_t		v;
  int64_t		pending = 0;
  inv_status_t		status;

  if (st->lost)
    return (CLI_REFUSED);
  if (st->spoiled || st->suspect || st->unsent)
    return (cliFail(d->cli, CLI_PROBLEM, _("cards need a person: %lld spoiled, %lld suspect, %lld not sent; see 'printctl status'"),
                    (long long)st->spoiled, (long long)st->suspect, (long long)st->unsent));
  if (limited)
    return (CLI_OK);
  memset(&v, 0, sizeof(v));
  v.d = d;
  if ((status = invDbBeginRead(d->cli->db)) == INV_OK)
  {
    if ((status = invRequestCount(d->cli->db, "pending", &pending)) == INV_OK && pending)
      status = invPrinterList(d->cli->db, verdict_printer, &v);
    invDbEndRead(d->cli->db);
  }
  if (status != INV_OK)
    return (cliFailDb(d->cli, status));
  if (!pending)
    return (CLI_OK);
  if (v.stopped.name[0])
  {
    invTextSafe(v.stopped.reason, v.stopped.reason, sizeof(v.stopped.reason));	/* may hold CUPS's text */
    return (cliFail(d->cli, CLI_PROBLEM, _("printer %s is %s (%s); %lld requests wait"), v.stopped.name, v.stopped.state,
                    v.stopped.reason, (long long)pending));
  }
  if (v.running && v.empty == v.running)
    return (cliFail(d->cli, CLI_PROBLEM, _("hopper empty: load blanks (%lld requests wait)"), (long long)pending));
  return (CLI_OK);
}
