/*
 * The print controller's engine.  See dispatch.h.
 *
 * Log lines name printers, jobs, requests, serials and CUPS job ids only:
 * never a resident's name or NIK.
 */

#include "dispatch.h"
#include "card/card.h"
#include "render/qrpayload.h"
#include "blanko/date.h"
#include "blanko/i18n.h"
#include "blanko/privilege.h"
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

typedef struct dsp_slot_s		/* One printer the controller drives */
{
  inv_printer_t	printer;		/* As last read */
  void		*cj;			/* Its CUPS queue (dsp_cups_t), opened
					   on first use on the engine's shared
					   connection */
  bool		held,			/* This controller holds its lease */
		lost;			/* Another controller took it over */
  int64_t	job;			/* Job in flight, 0 if none */
  double	next_poll;		/* When to poll it next (monotonic s) */
  char		wait[600];		/* Why it waits (offline, media-empty...), or "" */
  bool		stuck;			/* CUPS keeps its job from printing */
  cj_job_info_t	stuck_info;		/* What CUPS said of that job */
  char		stuck_serial[INV_SERIAL_MAX];	/* Its card */
} dsp_slot_t;

struct dsp_s				/* The engine */
{
  inv_db_t		*db;		/* The ledger */
  char			actor[65];	/* Who prints (CUPS requesting user) */
  const blanko_config_t	*config;	/* Settings (the caller's) */
  FILE			*log;		/* Log lines, or NULL */
  dsp_notice_cb_t	notice;		/* Lines for the operator, or NULL */
  void			*notice_data;
  dsp_clock_cb_t	clock;		/* Monotonic seconds */
  void			*clock_data;
  char			message[1024];	/* Why the last call failed */
  card_ctx_t		*card;		/* Site key, template, renderer */
  dsp_slot_t		*slots;
  size_t		nslots;
  dsp_stats_t		stats;
  const dsp_cups_t	*cups;		/* How CUPS is reached */
  void			*conn;		/* Its data: the one connection to
					   cupsd, shared by every printer's
					   queue */
  cj_conn_t		*own_conn;	/* The default's connection, made here */
  double		cups_retry;	/* cupsd was unreachable: no request
					   before this (monotonic s) */
  char			cups_why[512];	/* Why, for the printers that wait */
  inv_lease_t		lease;		/* This controller's lease: token, pid, host */
  double		next_beat;	/* Next heartbeat (monotonic s) */
  bool			fenced;		/* The last transaction's lease check failed */
  bool			isolate;	/* Render each card in a child that gave the
					   group up (a privileged controller) */
};


/* Monotonic seconds. */
double
dspNow(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (ts.tv_sec + ts.tv_nsec / 1e9);
}


static int	fail(dsp_t *d, int status, const char *format, ...) __attribute__((format(printf, 3, 4)));
static void	notice(dsp_t *d, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void	say(dsp_t *d, const char *format, ...) __attribute__((format(printf, 2, 3)));


/* The default clock: dspNow. */
static double
clock_default(void *data)		/* I - Unused */
{
  (void)data;
  return (dspNow());
}


/* The engine's clock (monotonic seconds). */
static double
now_s(const dsp_t *d)			/* I - Engine */
{
  return (d->clock(d->clock_data));
}


/* Fail with a message on the engine; returns status. */
static int
fail(dsp_t      *d,			/* I - Engine */
     int        status,			/* I - Status to return */
     const char *format,		/* I - printf-style message */
     ...)
{
  va_list ap;

  va_start(ap, format);
  vsnprintf(d->message, sizeof(d->message), format, ap);
  va_end(ap);
  return (status);
}


/* Fail with the ledger's own message (the ledger's status is ours). */
static int
fail_db(dsp_t        *d,		/* I - Engine */
        inv_status_t status)		/* I - Ledger status */
{
  return (fail(d, (int)status, "%s", invDbGetError(d->db)));
}


/* One line for the operator. */
static void
notice(dsp_t      *d,			/* I - Engine */
       const char *format,		/* I - printf-style line */
       ...)
{
  char		line[1200];
  va_list	ap;

  if (!d->notice)
    return;
  va_start(ap, format);
  vsnprintf(line, sizeof(line), format, ap);
  va_end(ap);
  d->notice(d->notice_data, line);
}


/* One log line (plain, with the office's time and zone). */
static void
say(dsp_t *d, const char *format, ...)
{
  va_list	ap;
  char		utc[32], when[48];
  time_t	now = time(NULL);
  struct tm	tm;

  if (!d->log)
    return;
  gmtime_r(&now, &tm);
  strftime(utc, sizeof(utc), "%Y-%m-%dT%H:%M:%SZ", &tm);
  fprintf(d->log, "%s ", invDateFormatLocal(utc, true, when, sizeof(when)));
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


/* Make an engine for a ledger and an actor; NULL with error on failure.
 * It reaches CUPS through dspCupsDefault until dspSetCups. */
dsp_t *
dspNew(inv_db_t              *db,	/* I - Ledger */
       const char            *actor,	/* I - Who prints */
       const blanko_config_t *config,	/* I - Settings, kept by the caller */
       FILE                  *log,	/* I - Log stream or NULL */
       char                  *error,	/* O - Why it failed */
       size_t                errsize)	/* I - Size of error */
{
  dsp_t *d = calloc(1, sizeof(dsp_t));

  if (!d)
  {
    snprintf(error, errsize, "%s", i18nNoMemory());
    return (NULL);
  }
  d->db = db;
  snprintf(d->actor, sizeof(d->actor), "%s", actor);
  d->config = config;
  d->log = log;
  d->clock = clock_default;
  d->cups = &dspCupsDefault;
  if ((d->conn = d->own_conn = cjConnNew()) == NULL)
  {
    snprintf(error, errsize, "%s", i18nNoMemory());
    free(d);
    return (NULL);
  }
  if ((d->card = cardCtxNew(config, invDbGetPath(db), error, errsize)) == NULL)
  {
    dspDelete(d);
    return (NULL);
  }
  d->isolate = cliPrivIsPrivileged();
  if (!lease_init(&d->lease))
  {
    snprintf(error, errsize, "%s", _("no random numbers for the printer lease"));
    dspDelete(d);
    return (NULL);
  }
  return (d);
}


/* Why the last call failed. */
const char *
dspErrmsg(const dsp_t *d)		/* I - Engine */
{
  return (d->message);
}


/* Send the lines for the operator to cb (else they are dropped). */
void
dspSetNotice(dsp_t           *d,	/* I - Engine */
             dsp_notice_cb_t cb,	/* I - Callback or NULL */
             void            *data)	/* I - Its data */
{
  d->notice = cb;
  d->notice_data = data;
}


/* Reach CUPS through another table of operations (before any printer is
 * added); data is the table's connection, kept by the caller. */
void
dspSetCups(dsp_t            *d,		/* I - Engine */
           const dsp_cups_t *cups,	/* I - Operations */
           void             *data)	/* I - Their connection */
{
  cjConnDelete(d->own_conn);
  d->own_conn = NULL;
  d->cups = cups;
  d->conn = data;
}


/* Wait by another clock (monotonic seconds); NULL for dspNow. */
void
dspSetClock(dsp_t          *d,		/* I - Engine */
            dsp_clock_cb_t cb,		/* I - Clock or NULL */
            void           *data)	/* I - Its data */
{
  d->clock = cb ? cb : clock_default;
  d->clock_data = data;
}


/* Render each card in a child process that gave the group up (see
   send_isolated); on by itself in a privileged controller. */
void
dspSetIsolate(dsp_t *d,			/* I - Engine */
              bool  isolate)		/* I - Render in a child? */
{
  d->isolate = isolate;
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
    if (d->slots[i].held && invDbBegin(d->db) == INV_OK)
    {
      if (invPrinterLeaseRelease(d->db, d->slots[i].printer.name, d->lease.token) != INV_OK ||
          invDbCommit(d->db) != INV_OK)
        invDbRollback(d->db);
    }
    d->cups->close(d->slots[i].cj);
  }
  cjConnDelete(d->own_conn);
  free(d->slots);
  cardCtxDelete(d->card);
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
  notice(d, "%s; %s", invDbGetError(d->db), _("this controller stops driving it"));
  say(d, _("printer %s: taken over by another controller; no longer driven here"), s->printer.name);
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
  if ((status = invDbBegin(d->db)) != INV_OK)
    return (status);
  if ((status = invPrinterLeaseCheck(d->db, s->printer.name, d->lease.token)) == INV_REFUSED)
    d->fenced = true;
  return (status);
}

static int
tx_end(dsp_t        *d,			/* I - Engine */
       dsp_slot_t   *s,			/* I - Printer written about */
       inv_status_t status)		/* I - The writes' status */
{
  if (status == INV_OK && (status = invDbCommit(d->db)) == INV_OK)
    return (DSP_OK);
  invDbRollback(d->db);
  if (d->fenced)
  {
    lease_lost(d, s);
    return (DSP_LOST);
  }
  return (fail_db(d, status));
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
dsp_status_t
dspAddPrinter(dsp_t      *d,		/* I - Engine */
              const char *name)		/* I - Printer */
{
  inv_printer_t	p;
  inv_status_t	status;

  for (size_t i = 0; i < d->nslots; i ++)
    if (!strcmp(d->slots[i].printer.name, name))
      return (DSP_OK);
  if ((status = invDbBeginRead(d->db)) == INV_OK)
  {
    status = invPrinterGet(d->db, name, &p);
    invDbEndRead(d->db);
  }
  if (status != INV_OK)
    return (fail_db(d, status));
  add_slot(d, &p);
  return (DSP_OK);
}


/* Drive every printer. */
dsp_status_t
dspAddAllPrinters(dsp_t *d)		/* I - Engine */
{
  inv_status_t status;

  if ((status = invDbBeginRead(d->db)) == INV_OK)
  {
    status = invPrinterList(d->db, add_slot, d);
    invDbEndRead(d->db);
  }
  return (status == INV_OK ? DSP_OK : fail_db(d, status));
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
  d->cups_retry = now_s(d) + DSP_RETRY_S;
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

  if (now_s(d) < d->cups_retry)
  {
    snprintf(s->wait, sizeof(s->wait), "%s", d->cups_why);
    s->next_poll = d->cups_retry;
    return (CJ_UNAVAILABLE);
  }
  if (s->cj)
    return (CJ_OK);
  if ((cs = d->cups->open(d->conn, s->printer.queue, d->actor, false, &s->cj)) != CJ_OK)
  {
    if (cs == CJ_UNAVAILABLE)
      cups_lost(d, s, d->cups->errmsg(s->cj));
    else
      snprintf(s->wait, sizeof(s->wait), "%s", d->cups->errmsg(s->cj));
    d->cups->close(s->cj);
    s->cj = NULL;
    return (cs);
  }
  if (j && j->canceled_cups_id)
    d->cups->note_canceled(s->cj, j->canceled_cups_id);
  return (CJ_OK);
}


/* cupsd went away under the slot's queue: close it (it is opened afresh,
 * capabilities and all, when cupsd is back) and let every printer wait. */
static void
slot_lost(dsp_t      *d,		/* I - Engine */
          dsp_slot_t *s)		/* I - Printer whose request failed */
{
  cups_lost(d, s, d->cups->errmsg(s->cj));
  d->cups->close(s->cj);
  s->cj = NULL;
}


/* A request on the slot's open queue failed (cs not CJ_OK): cupsd went
 * away (slot_lost), or the printer waits with the queue's error. */
static void
slot_failed(dsp_t       *d,		/* I - Engine */
            dsp_slot_t  *s,		/* I - Printer whose request failed */
            cj_status_t cs)		/* I - How it failed */
{
  if (cs == CJ_UNAVAILABLE)
    slot_lost(d, s);
  else
    snprintf(s->wait, sizeof(s->wait), "%s", d->cups->errmsg(s->cj));
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


/* Producer of the document: the request's card with its serial. */
typedef struct produce_s
{
  send_t		*send;
  const render_record_t	*rec;
} produce_t;

static int
produce(void              *ctx,		/* I - produce_t */
        render_write_cb_t write,	/* I - Writes into the CUPS request */
        void              *wctx)	/* I - Its context */
{
  produce_t *p = ctx;

  render_t *r = cardCtxRenderer(p->send->d->card);

  if (!renderCardPDF(r, p->rec, write, wctx))
  {
    p->send->render_failed = true;
    snprintf(p->send->error, sizeof(p->send->error), "%s", renderGetError(r));
    return (-1);
  }
  return (0);
}


/* The card record of a request, for the template it names (made current);
 * false with the reason on sd. */
static bool
card_record(send_t              *sd,	/* I - Sending */
            const inv_request_t *req,	/* I - Request with photo */
            card_record_t       *c)	/* O - Record (caller frees) */
{
  cardRecordInit(c);
  if (!cardCtxUse(sd->d->card, req->template_name))
  {
    sd->render_failed = true;
    snprintf(sd->error, sizeof(sd->error), "%s", cardCtxError(sd->d->card));
    return (false);
  }
  if (!cardRecordFromJSON(c, req->fields))
  {
    cardRecordFree(c);
    sd->render_failed = true;
    snprintf(sd->error, sizeof(sd->error), _("request #%lld holds damaged fields"), (long long)req->id);
    return (false);
  }
  cardRecordAddSite(c, cardCtxTemplate(sd->d->card), sd->d->config);
  c->rec.serial = sd->j->serial;
  c->rec.issue_date = sd->j->issue_date;
  c->rec.photo = req->photo;
  c->rec.photo_len = req->photo_len;
  c->rec.photo_type = req->photo_type[0] ? req->photo_type : NULL;
  return (true);
}


/*
 * A privileged controller (set-group-id, see blanko/privilege.h) makes each
 * card in a child process that has given the group up (cliPrivIsolate):
 * cairo, pango and fontconfig never run with the group, and what comes
 * back is the card's PDF, nothing else.
 */

typedef struct made_s			/* A card made in the child */
{
  send_t		*sd;		/* Sending */
  const inv_request_t	*req;		/* Its request */
  char			payload[QR_PAYLOAD_MAX];/* QR payload sealed by the parent */
  unsigned char		*pdf;		/* The PDF handed back */
  size_t		len, size;	/* Its length and allocation */
  bool			nomem;		/* Out of memory taking it */
} made_t;


/* The renderer's output, written back to the parent (in the child). */
static bool
made_write(void                *ctx,	/* I - cli_priv_chan_t */
           const unsigned char *data,	/* I - Bytes */
           size_t              len)	/* I - How many */
{
  return (cliPrivWrite(ctx, data, len));
}


/* In the child: the request's card, checked and rendered as PDF. */
static bool
made_child(void            *ctx,	/* I - made_t */
           cli_priv_chan_t *chan,	/* I - The way back */
           char            *error,	/* O - Why not */
           size_t          errsize)	/* I - Size of error */
{
  made_t	*m = ctx;
  card_record_t	c;
  render_t	*r;
  const char	*nik;
  bool		ok;

  if (!card_record(m->sd, m->req, &c))
  {
    snprintf(error, errsize, "%s", m->sd->error);
    return (false);
  }
  r = cardCtxRenderer(m->sd->d->card);
  /* The parent sealed the resident's NIK: the template must show that one. */
  if ((nik = renderGetQrNik(r, &c.rec)) != NULL && strcmp(nik, m->req->nik))
  {
    snprintf(error, errsize, "%s", _("the template's QR code names a field that is not the resident's NIK"));
    cardRecordFree(&c);
    return (false);
  }
  c.rec.qr_payload = nik ? m->payload : NULL;
  if (!(ok = renderCheckRecord(r, &c.rec) && renderCardPDF(r, &c.rec, made_write, chan)))
    snprintf(error, errsize, "%s", renderGetError(r));
  cardRecordFree(&c);
  return (ok);
}


/* Keep what the child hands back (in the parent). */
static bool
made_sink(void       *ctx,		/* I - made_t */
          const void *data,		/* I - Bytes */
          size_t     len)		/* I - How many */
{
  made_t *m = ctx;

  if (m->len + len > m->size)
  {
    size_t		size = (m->len + len) * 2;
    unsigned char	*pdf = realloc(m->pdf, size);

    if (!pdf)
    {
      m->nomem = true;
      return (false);
    }
    m->pdf = pdf;
    m->size = size;
  }
  memcpy(m->pdf + m->len, data, len);
  m->len += len;
  return (true);
}


/* Producer of the document from a card made in the child. */
static int
made_produce(void              *ctx,	/* I - made_t */
             render_write_cb_t write,	/* I - Writes into the CUPS request */
             void              *wctx)	/* I - Its context */
{
  made_t *m = ctx;

  return (write(wctx, m->pdf, m->len) ? 0 : -1);
}


/* Make the card of a request in a child that gave the group up, then
 * stream it. */
static void
send_isolated(send_t              *sd,	/* I - Sending */
              const inv_request_t *req)	/* I - Request with photo */
{
  made_t	m;
  char		error[512];

  memset(&m, 0, sizeof(m));
  m.sd = sd;
  m.req = req;
  /* The key stays here: the child gets the sealed payload, never the key. */
  if (!cardCtxSealNik(sd->d->card, sd->j->serial, req->nik, sd->j->issue_date, m.payload, sizeof(m.payload),
                      sd->error, sizeof(sd->error)))
  {
    sd->render_failed = true;
    return;
  }
  if (!cliPrivIsolate(made_child, &m, made_sink, &m, error, sizeof(error)))
  {
    sd->render_failed = true;
    snprintf(sd->error, sizeof(sd->error), "%s", m.nomem ? i18nNoMemory() : error);
  }
  else
    sd->status = sd->d->cups->send(sd->s->cj, sd->j->cups_job_id, made_produce, &m);
  if (m.pdf)
    explicit_bzero(m.pdf, m.size);	/* the card shows personal data */
  free(m.pdf);
}


/* Render and stream the card of a request (callback of invRequestGet: the
 * photo lives only while it runs); a privileged controller renders it in a
 * child (send_isolated, dspSetIsolate). */
static void
send_request(void                *ctx,	/* I - send_t */
             const inv_request_t *req)	/* I - Request with photo */
{
  send_t	*sd = ctx;
  card_record_t	c;
  produce_t	p;
  char		payload[QR_PAYLOAD_MAX];

  if (sd->d->isolate)
  {
    send_isolated(sd, req);
    return;
  }
  if (!card_record(sd, req, &c))
    return;
  if (!renderCheckRecord(cardCtxRenderer(sd->d->card), &c.rec))
  {
    sd->render_failed = true;
    snprintf(sd->error, sizeof(sd->error), "%s", renderGetError(cardCtxRenderer(sd->d->card)));
  }
  else if (!cardCtxSeal(sd->d->card, cardCtxRenderer(sd->d->card), &c.rec, payload, sizeof(payload), sd->error,
                        sizeof(sd->error)))
    sd->render_failed = true;
  else
  {
    p.send = sd;
    p.rec = &c.rec;
    sd->status = sd->d->cups->send(sd->s->cj, sd->j->cups_job_id, produce, &p);
  }
  cardRecordFree(&c);
}


/* Read a job in a short read transaction. */
static int
job_read(dsp_t *d, int64_t id, inv_print_job_t *j)
{
  inv_status_t status;

  if ((status = invDbBeginRead(d->db)) == INV_OK)
  {
    status = invPrintJobGet(d->db, id, j);
    invDbEndRead(d->db);
  }
  return (status == INV_OK ? DSP_OK : fail_db(d, status));
}


/* The job's CUPS name. */
static int
job_name(dsp_t *d, const inv_print_job_t *j, char *name, size_t size)
{
  inv_status_t status;

  if ((status = invDbBeginRead(d->db)) == INV_OK)
  {
    status = invPrintJobName(d->db, j, name, size);
    invDbEndRead(d->db);
  }
  return (status == INV_OK ? DSP_OK : fail_db(d, status));
}


/* Mark the job's CUPS job as never having got its document: record the
 * resubmission first, then cancel it in CUPS.  It counts as sent again
 * only when submit() makes its new CUPS job: find_canceled may find that
 * the canceled job got its document after all and follow it instead. */
static int
resubmit(dsp_t *d, dsp_slot_t *s, inv_print_job_t *j, const char *why)
{
  int result, cups_id = j->cups_job_id;

  if ((result = TX(d, s, invPrintResubmit(d->db, j->id, cups_id))) != DSP_OK)
    return (result);
  say(d, _("printer %s: job %lld (request #%lld, %s): CUPS job %d %s; sending again"), s->printer.name,
      (long long)j->id, (long long)j->request, j->serial, cups_id, why);
  if (cups_id && s->cj)
    d->cups->cancel(s->cj, cups_id);
  s->next_poll = 0;
  return (DSP_OK);
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

  if ((result = job_name(d, j, name, sizeof(name))) != DSP_OK)
    return (result);
  if ((cs = slot_open(d, s, j)) == CJ_UNAVAILABLE)
    return (DSP_OK);				/* cupsd down: try again */
  if (cs != CJ_OK)
  {
    /* The queue is gone or cannot take cards; nothing was sent (a job in
       intent never got a document): this printer stops, the others go on. */
    snprintf(why, sizeof(why), "%.159s", s->wait);
    say(d, _("printer %s: job %lld (request #%lld, %s) not sent: %s"), s->printer.name, (long long)j->id,
        (long long)j->request, j->serial, why);
    d->stats.unsent ++;
    s->job = 0;
    return (TX(d, s, invPrintUnsent(d->db, j->id, why)));
  }
  if ((cs = d->cups->create(s->cj, name, &cups_id)) == CJ_UNAVAILABLE)
  {
    /* CUPS may or may not have made it: find it by name next time. */
    slot_lost(d, s);
    return (DSP_OK);
  }
  if (cs != CJ_OK)
  {
    snprintf(why, sizeof(why), "%s", d->cups->errmsg(s->cj));
    say(d, _("printer %s: job %lld (request #%lld, %s) not sent: %s"), s->printer.name, (long long)j->id,
        (long long)j->request, j->serial, why);
    d->stats.unsent ++;
    s->job = 0;
    return (TX(d, s, invPrintUnsent(d->db, j->id, why)));
  }
  if ((result = TX(d, s, invPrintSubmitted(d->db, j->id, cups_id))) != DSP_OK)
  {
    /* Taken over while Create-Job ran: the job made has no document, so it
       cannot print.  It is not canceled here: the new holder may already
       follow it by its name, and a cancel it did not ask for would make it
       hold the card suspect; it resubmits the card (and cancels this job)
       itself, or cupsd ends the empty job. */
    return (result);
  }
  j->cups_job_id = cups_id;
  if (j->canceled_cups_id)
    d->stats.resubmitted ++;			/* A card sent again (resubmit()) */

  memset(&sd, 0, sizeof(sd));
  sd.d = d;
  sd.s = s;
  sd.j = j;
  sd.status = CJ_ERROR;
  if ((status = invDbBeginRead(d->db)) == INV_OK)
  {
    status = invRequestGet(d->db, j->request, send_request, &sd);
    invDbEndRead(d->db);
  }
  if (status != INV_OK)
    return (fail_db(d, status));
  if (sd.render_failed)
  {
    /* The card cannot be made: nothing printed, the request needs a look. */
    if (s->cj)
      d->cups->cancel(s->cj, cups_id);
    say(d, _("printer %s: job %lld (request #%lld): the card cannot be made: %s"), s->printer.name,
        (long long)j->id, (long long)j->request, sd.error);
    d->stats.unsent ++;
    s->job = 0;
    return (TX(d, s, invPrintUnsent(d->db, j->id, "the card cannot be rendered")));
  }
  if (sd.status == CJ_ERROR || sd.status == CJ_NOT_FOUND)
    return (resubmit(d, s, j, _("did not get the whole document")));
  if (sd.status == CJ_UNAVAILABLE)
    cups_lost(d, s, d->cups->errmsg(s->cj));	/* Polled when cupsd is back */
  s->job = j->id;
  s->next_poll = now_s(d) + DSP_POLL_MS / 1000.0;
  say(d, _("printer %s: job %lld: request #%lld on %s sent as CUPS job %d"), s->printer.name, (long long)j->id,
      (long long)j->request, j->serial, cups_id);
  return (DSP_OK);
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
        status = invPrintIssued(d->db, j->id);
        snprintf(why, sizeof(why), "queue %.40s is gone; card %.24s printed", s->printer.queue, j->serial);
        break;
    case GONE_SPOILED :
        status = invPrintSpoiled(d->db, j->id, reason);
        snprintf(why, sizeof(why), "queue %.40s is gone; card %.24s spoiled (%.40s)", s->printer.queue, j->serial,
                 reason);
        break;
    default :
        status = invPrintSuspect(d->db, j->id, reason);
        snprintf(why, sizeof(why), "queue %.40s is gone; card %.24s suspect (%.40s): resolve it", s->printer.queue,
                 j->serial, reason);
        break;
  }
  if (status != INV_OK)
    return (status);
  return (invPrinterPause(d->db, s->printer.name, why));
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
  void		*gone = NULL;
  cj_job_info_t	info;
  cj_status_t	cs;
  int		result;
  const char	*p = s->printer.name, *reason;

  if ((cs = d->cups->open(d->conn, s->printer.queue, d->actor, true, &gone)) == CJ_OK &&
      (!j->canceled_cups_id || (cs = d->cups->note_canceled(gone, j->canceled_cups_id)) == CJ_OK))
    cs = d->cups->query(gone, j->cups_job_id, &info);
  if (cs != CJ_OK)
  {
    if (cs == CJ_UNAVAILABLE)
      cups_lost(d, s, d->cups->errmsg(gone));
    else
      snprintf(s->wait, sizeof(s->wait), "%s", d->cups->errmsg(gone));
    d->cups->close(gone);
    return (DSP_OK);				/* Asked again at the next poll */
  }
  d->cups->close(gone);
  s->wait[0] = '\0';
  switch (info.outcome)
  {
    case CJ_OUTCOME_COMPLETED :
        s->job = 0;
        d->stats.issued ++;
        say(d, _("printer %s: job %lld: request #%lld printed on %s; queue %s is gone; printer paused"), p,
            (long long)j->id, (long long)j->request, j->serial, s->printer.queue);
        return (TX(d, s, gone_record(d, s, j, GONE_ISSUED, "")));
    case CJ_OUTCOME_FAILED :
        /* (Deleting the queue cancels its printing job with
           job-canceled-by-user: cupsjob.c makes that suspect, not failed.) */
        s->job = 0;
        d->stats.spoiled ++;
        say(d, _("printer %s: job %lld: %s spoiled (%s); request #%lld waits again; queue %s is gone; printer paused"),
            p, (long long)j->id, j->serial, info.reason, (long long)j->request, s->printer.queue);
        return (TX(d, s, gone_record(d, s, j, GONE_SPOILED, info.reason)));
    case CJ_OUTCOME_CANCELED_BY_US :
        return (resubmit(d, s, j, _("was canceled by the controller before printing")));
    case CJ_OUTCOME_PENDING :
        if (document_missing(&info))
          return (resubmit(d, s, j, _("never got its document")));
        /* FALLTHROUGH */
    default :
        reason = info.outcome == CJ_OUTCOME_SUSPECT ? info.reason : "queue-gone";
        s->job = 0;
        d->stats.suspect ++;
        if ((result = TX(d, s, gone_record(d, s, j, GONE_SUSPECT, reason))) != DSP_OK)
          return (result);
        say(d, _("printer %s: job %lld: %s is SUSPECT (%s; CUPS job %d %s%s%s); queue %s is gone; settle it with "
            "'printctl resolve %s'; printer paused"), p, (long long)j->id, j->serial, reason, j->cups_job_id,
            cjOutcomeString(info.outcome), info.job_reasons[0] ? " " : "", info.job_reasons, s->printer.queue,
            j->serial);
        return (DSP_OK);
  }
}


/* Pause a printer that is running, with a reason (one transaction's
 * writes); one paused already, or needing a check, is left as it is. */
static inv_status_t
stuck_pause(dsp_t            *d,	/* I - Engine */
            const dsp_slot_t *s,	/* I - Printer */
            const char       *why)	/* I - Reason */
{
  inv_printer_t	p;
  inv_status_t	status;

  if ((status = invPrinterGet(d->db, s->printer.name, &p)) != INV_OK || strcmp(p.state, "running"))
    return (status);
  return (invPrinterPause(d->db, s->printer.name, why));
}


/*
 * CUPS keeps a job in flight from printing until a person acts (a filter
 * failed and the job is stopped, someone holds it, or its queue is
 * stopped).  The card stays sent: it may still print when the job or the
 * queue is started again, so it is followed (every DSP_STUCK_S, and by the
 * next run).  The printer is paused with a reason naming CUPS's message, so
 * that no new card starts on it, and no longer counts as busy, so that
 * 'run --once' and a stop by signal end; dspVerdict says why.
 */

static int
stuck(dsp_t                 *d,		/* I - Engine */
      dsp_slot_t            *s,		/* I - Printer */
      const inv_print_job_t *j,		/* I - Its job */
      const cj_job_info_t   *info)	/* I - What CUPS said (CJ_OUTCOME_STOPPED) */
{
  char	message[sizeof(info->message)], why[160];
  int	result;

  s->next_poll = now_s(d) + DSP_STUCK_S;
  invTextSafe(info->message, message, sizeof(message));	/* CUPS's text */
  snprintf(s->wait, sizeof(s->wait), "%s%s%s", info->reason, message[0] ? ": " : "", message);
  if (s->stuck)
    return (DSP_OK);				/* Said and paused already */
  snprintf(why, sizeof(why), "CUPS %.20s: job %d, card %.24s%s%.60s", info->reason, j->cups_job_id, j->serial,
           message[0] ? ": " : "", message);
  if ((result = TX(d, s, stuck_pause(d, s, why))) != DSP_OK)
    return (result);
  s->stuck = true;
  s->stuck_info = *info;
  snprintf(s->stuck_serial, sizeof(s->stuck_serial), "%s", j->serial);
  d->stats.stuck ++;
  say(d, _("printer %s: job %lld: CUPS keeps %s from printing (%s, CUPS job %d%s%s); the card stays sent; printer paused"),
      s->printer.name, (long long)j->id, j->serial, info->reason, j->cups_job_id, message[0] ? ": " : "", message);
  return (DSP_OK);
}


/* Poll a job in flight and record how it ended. */
static int
follow(dsp_t *d, dsp_slot_t *s, inv_print_job_t *j)
{
  cj_job_info_t	info;
  cj_status_t	cs;
  const char	*p = s->printer.name;

  s->next_poll = now_s(d) + DSP_POLL_MS / 1000.0;
  if ((cs = slot_open(d, s, j)) != CJ_OK)
  {
    /* The queue is gone but the job was sent: it cannot be followed on
       its queue, and waiting would never end. */
    if (cs == CJ_NOT_FOUND && j->cups_job_id > 0)
      return (follow_gone(d, s, j));
    return (DSP_OK);
  }
  if ((cs = d->cups->query(s->cj, j->cups_job_id, &info)) != CJ_OK)
  {
    slot_failed(d, s, cs);
    return (DSP_OK);
  }
  s->wait[0] = '\0';
  if (s->stuck && info.outcome != CJ_OUTCOME_STOPPED)
  {
    s->stuck = false;
    say(d, _("printer %s: job %lld: CUPS lets %s print again (%s)"), p, (long long)j->id, j->serial,
        cjOutcomeString(info.outcome));
  }
  switch (info.outcome)
  {
    case CJ_OUTCOME_STOPPED :
        return (stuck(d, s, j, &info));
    case CJ_OUTCOME_COMPLETED :
        s->job = 0;
        d->stats.issued ++;
        say(d, _("printer %s: job %lld: request #%lld printed on %s"), p, (long long)j->id, (long long)j->request,
            j->serial);
        return (TX(d, s, invPrintIssued(d->db, j->id)));
    case CJ_OUTCOME_FAILED :
        s->job = 0;
        d->stats.spoiled ++;
        say(d, _("printer %s: job %lld: %s spoiled (%s); request #%lld waits again; printer paused"), p,
            (long long)j->id, j->serial, info.reason, (long long)j->request);
        return (TX(d, s, invPrintSpoiled(d->db, j->id, info.reason)));
    case CJ_OUTCOME_SUSPECT :
    case CJ_OUTCOME_UNKNOWN :
        s->job = 0;
        d->stats.suspect ++;
        say(d, _("printer %s: job %lld: %s is SUSPECT (%s); settle it with 'printctl resolve %s'; printer paused"),
            p, (long long)j->id, j->serial, info.outcome == CJ_OUTCOME_UNKNOWN ? "job-unknown" : info.reason,
            j->serial);
        return (TX(d, s, invPrintSuspect(d->db, j->id,
                                      info.outcome == CJ_OUTCOME_UNKNOWN ? "job-unknown" : info.reason)));
    case CJ_OUTCOME_CANCELED_BY_US :
        return (resubmit(d, s, j, _("was canceled by the controller before printing")));
    case CJ_OUTCOME_PENDING :
        if (document_missing(&info))
          return (resubmit(d, s, j, _("never got its document")));
        snprintf(s->wait, sizeof(s->wait), "queued%s%s", info.printer_reasons[0] ? ": " : "",
                 info.printer_reasons);
        return (DSP_OK);
    case CJ_OUTCOME_PROCESSING :
        if (info.wait != CJ_WAIT_NONE)
          snprintf(s->wait, sizeof(s->wait), "%s%s%s", info.reason, info.message[0] ? ": " : "", info.message);
        return (DSP_OK);
  }
  return (DSP_OK);
}


/*
 * The newest CUPS job of a job's name is the one the ledger says we
 * canceled because it had no document.  Cancel it (again: make sure it
 * never prints), then look at it: only a job cupsd never started may be
 * sent again (*cups_id 0).  Its document may have reached cupsd after the
 * look that found none -- a killed controller's last request still in
 * cupsd's buffers when the next controller asked -- and then the card may
 * have come out: the job is followed instead (*cups_id kept), and a cancel
 * that came too late makes it suspect.  *cups_id -1: look again later.
 */

static int
find_canceled(dsp_t           *d,	/* I - Engine */
              dsp_slot_t      *s,	/* I - Printer */
              inv_print_job_t *j,	/* I - Job in intent */
              int             *cups_id)	/* IO - The CUPS job found */
{
  cj_job_info_t	info;
  cj_status_t	cs;

  if ((cs = d->cups->cancel(s->cj, *cups_id)) == CJ_OK || cs == CJ_NOT_FOUND || cs == CJ_ERROR)
    cs = d->cups->query(s->cj, *cups_id, &info);
  if (cs != CJ_OK)
  {
    slot_failed(d, s, cs);
    *cups_id = -1;
    return (DSP_OK);
  }
  if (info.outcome == CJ_OUTCOME_CANCELED_BY_US)
    *cups_id = 0;				/* never started: no card came out */
  else if (info.outcome == CJ_OUTCOME_PENDING)
    *cups_id = -1;				/* the cancel not taken yet: later */
  else
    say(d, _("printer %s: job %lld (request #%lld, %s): CUPS job %d got its document after all (%s); "
             "following it, not sending again"), s->printer.name, (long long)j->id, (long long)j->request,
        j->serial, *cups_id, cjOutcomeString(info.outcome));
  return (DSP_OK);
}


/* Is the newest CUPS job of this name one we may follow? */
static int
find_job(dsp_t *d, dsp_slot_t *s, inv_print_job_t *j, int *cups_id)
{
  char		name[128];
  int		result;
  cj_status_t	cs;

  *cups_id = -1;
  if ((result = job_name(d, j, name, sizeof(name))) != DSP_OK)
    return (result);
  if ((cs = slot_open(d, s, j)) != CJ_OK)
  {
    /* No queue to look in: a job in intent never got its document, so
       submit() may settle it (not sent); cupsd down: later. */
    if (cs != CJ_UNAVAILABLE)
      *cups_id = 0;
    return (DSP_OK);
  }
  cs = d->cups->find(s->cj, name, cups_id);
  if (cs == CJ_OK && *cups_id == j->canceled_cups_id)
    return (find_canceled(d, s, j, cups_id));
  if (cs == CJ_NOT_FOUND)
    *cups_id = 0;
  else if (cs != CJ_OK)
  {
    slot_failed(d, s, cs);
    *cups_id = -1;
  }
  return (DSP_OK);
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
  if ((result = find_job(d, s, j, &cups_id)) != DSP_OK)
    return (result);
  if (cups_id < 0)
  {
    if (s->next_poll < now_s(d) + DSP_RETRY_S)
      s->next_poll = now_s(d) + DSP_RETRY_S;	/* CUPS not reachable: later */
    return (DSP_OK);
  }
  if (cups_id == 0)
    return (submit(d, s, j));
  say(d, _("printer %s: job %lld: found CUPS job %d by name"), s->printer.name, (long long)j->id, cups_id);
  if ((result = TX(d, s, invPrintSubmitted(d->db, j->id, cups_id))) != DSP_OK)
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
  return (d->config->lease_expiry / 3.0);
}


/*
 * Take the lease of every printer added: a printer another live controller
 * drives is dropped with one line on stderr ("printer X is driven by
 * another controller (pid, host, since when)"); DSP_REFUSED with that line
 * when no printer is left to drive.
 */

dsp_status_t
dspLease(dsp_t *d)			/* I - Engine */
{
  size_t	kept = 0;
  inv_lease_t	before;
  bool		taken = false;
  int		result;

  d->message[0] = '\0';
  d->fenced = false;
  for (size_t i = 0; i < d->nslots; i ++)
  {
    dsp_slot_t *s = d->slots + i;

    if (invDbBegin(d->db) != INV_OK)
      result = fail_db(d, INV_ERROR);
    else
      result = tx_end(d, s, invPrinterLeaseTake(d->db, s->printer.name, &d->lease, d->config->lease_expiry,
                                                &taken, &before));
    if (result != DSP_OK)
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
      if (d->message[0])
        notice(d, "%s", d->message);
      fail(d, DSP_REFUSED, _("printer %s is driven by another controller (pid %lld on %s, since %s)"),
              s->printer.name, (long long)before.pid, before.host, before.since);
      d->cups->close(s->cj);
      s->cj = NULL;
      continue;
    }
    if (before.token[0] && strcmp(before.token, d->lease.token))
      say(d, _("printer %s: taken over from controller pid %lld on %s (since %s): it is gone or its lease expired"),
          s->printer.name, (long long)before.pid, before.host, before.since);
    s->held = true;
    d->slots[kept ++] = *s;
  }
  d->nslots = kept;
  if (!kept && d->message[0])
    return (DSP_REFUSED);
  if (d->message[0])
    notice(d, "%s", d->message);
  d->message[0] = '\0';
  d->next_beat = now_s(d) + lease_beat(d);
  return (DSP_OK);
}


/* Renew the leases when their time has come (every third of the expiry);
 * a printer taken over meanwhile is dropped (DSP_LOST from the fence). */
static int
heartbeat(dsp_t *d)			/* I - Engine */
{
  int result;

  if (now_s(d) < d->next_beat)
    return (DSP_OK);
  for (size_t i = 0; i < d->nslots; i ++)
  {
    dsp_slot_t *s = d->slots + i;

    if (s->held && (result = TX(d, s, invPrinterLeaseRenew(d->db, s->printer.name, d->lease.token))) != DSP_OK &&
        result != DSP_LOST)
      return (result);
  }
  d->next_beat = now_s(d) + lease_beat(d);
  return (DSP_OK);
}


/* Reconcile every printer's open job with CUPS (before any new work). */
dsp_status_t
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
    if ((status = invDbBeginRead(d->db)) == INV_OK)
    {
      status = invPrintJobList(d->db, s->printer.name, true, first_open, &j);
      invDbEndRead(d->db);
    }
    if (status != INV_OK)
      return (fail_db(d, status));
    if (!j.id || !strcmp(j.state, "suspect"))
      continue;
    say(d, _("printer %s: reconciling job %lld (request #%lld, %s, %s, CUPS job %d)"), s->printer.name,
        (long long)j.id, (long long)j.request, j.serial, j.state, j.cups_job_id);
    if ((result = take_up(d, s, &j)) != DSP_OK && result != DSP_LOST)
      return (result);
  }
  return (DSP_OK);
}


/*
 * One round over the printers: poll jobs whose time has come, and (when
 * may_start) start the next card on each idle printer.  *busy: a job is in
 * flight; *started: a card was started this round.
 */

dsp_status_t
dspStep(dsp_t *d,			/* I - Engine */
        bool  may_start,		/* I - May new cards start? */
        bool  *busy,			/* O - Jobs in flight? */
        bool  *started)			/* O - Did one start? */
{
  double now = now_s(d);
  int	 result;

  *busy = *started = false;
  if ((result = heartbeat(d)) != DSP_OK)
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
        if ((result = job_read(d, s->job, &j)) != DSP_OK)
          return (result);
        if (!strcmp(j.state, "done") || !strcmp(j.state, "suspect"))
        {
          s->job = 0;				/* (settled by an operator) */
          s->stuck = false;
        }
        else if ((result = take_up(d, s, &j)) == DSP_LOST)
          continue;
        else if (result != DSP_OK)
          return (result);
      }
      if (s->job)
      {
        *busy |= !s->stuck;			/* (a stuck job waits for a person) */
        continue;
      }
    }
    if (!may_start || now_s(d) < d->cups_retry)
      continue;					/* (no new card while cupsd is down) */
    if ((result = TX(d, s, invPrintNext(d->db, s->printer.name, &j, &found))) == DSP_LOST)
      continue;
    if (result != DSP_OK)
      return (result);
    if (!found)
      continue;
    d->stats.started ++;
    *started = true;
    s->job = j.id;
    if ((result = submit(d, s, &j)) == DSP_LOST)
      continue;
    if (result != DSP_OK)
      return (result);
    if (s->job)
      *busy = true;
  }
  return (DSP_OK);
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


/* How many printers have a card in flight (sent, not yet settled). */
size_t
dspInFlight(const dsp_t *d)		/* I - Engine */
{
  size_t n = 0;

  for (size_t i = 0; i < d->nslots; i ++)
    n += d->slots[i].held && d->slots[i].job;
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
 * How the run ended: DSP_OK, or DSP_PROBLEM with one line (dspErrmsg) when a card or printer needs a person -- a card spoiled,
 * suspect or not sent, or (when the run was not limited by --max or a
 * signal) requests still waiting on a paused printer or empty hoppers
 * ("hopper empty: load blanks"); DSP_REFUSED when another controller took
 * a printer over (its line was said then).
 */

dsp_status_t
dspVerdict(dsp_t *d,			/* I - Engine */
           bool  limited)		/* I - Stopped by --max or a signal? */
{
  const dsp_stats_t	*st = &d->stats;
  verdict_t		v;
  int64_t		pending = 0;
  inv_status_t		status;

  if (st->lost)
    return (DSP_REFUSED);
  for (size_t i = 0; i < d->nslots; i ++)
  {
    const dsp_slot_t	*s = d->slots + i;
    const cj_job_info_t	*in = &s->stuck_info;
    char		what[300], message[sizeof(in->message)];

    if (!s->held || !s->job || !s->stuck)
      continue;
    if (!strcmp(in->reason, "job-stopped"))
      snprintf(what, sizeof(what), _("CUPS stopped job %d (restart it: lp -i %d -H restart)"), in->id, in->id);
    else if (!strcmp(in->reason, "job-held"))
      snprintf(what, sizeof(what), _("CUPS holds job %d (release it: lp -i %d -H resume)"), in->id, in->id);
    else
      snprintf(what, sizeof(what), _("CUPS queue %s is stopped (start it: printctl printer resume %s)"),
               s->printer.queue, s->printer.name);
    invTextSafe(in->message, message, sizeof(message));
    return (fail(d, DSP_PROBLEM, _("printer %s is paused: %s%s%s; its card %s stays sent and the next run follows it"),
                 s->printer.name, what, message[0] ? ": " : "", message, s->stuck_serial));
  }
  if (st->spoiled || st->suspect || st->unsent)
    return (fail(d, DSP_PROBLEM, _("cards need a person: %lld spoiled, %lld suspect, %lld not sent; see 'printctl status'"),
                    (long long)st->spoiled, (long long)st->suspect, (long long)st->unsent));
  if (limited)
    return (DSP_OK);
  memset(&v, 0, sizeof(v));
  v.d = d;
  if ((status = invDbBeginRead(d->db)) == INV_OK)
  {
    if ((status = invRequestCount(d->db, "pending", &pending)) == INV_OK && pending)
      status = invPrinterList(d->db, verdict_printer, &v);
    invDbEndRead(d->db);
  }
  if (status != INV_OK)
    return (fail_db(d, status));
  if (!pending)
    return (DSP_OK);
  if (v.stopped.name[0])
  {
    invTextSafe(v.stopped.reason, v.stopped.reason, sizeof(v.stopped.reason));	/* may hold CUPS's text */
    return (fail(d, DSP_PROBLEM, _("printer %s is %s (%s); %lld requests wait"), v.stopped.name, v.stopped.state,
                    v.stopped.reason, (long long)pending));
  }
  if (v.running && v.empty == v.running)
    return (fail(d, DSP_PROBLEM, _("hopper empty: load blanks (%lld requests wait)"), (long long)pending));
  return (DSP_OK);
}
