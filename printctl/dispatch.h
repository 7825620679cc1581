/*
 * The print controller's engine: one card at a time per printer, every
 * step committed to the ledger before the next is taken, so that a
 * controller killed at any moment is put right by the next one's
 * reconciliation (dspReconcile) without guessing.
 *
 *   start:   intent committed (invPrintNext) -> Create-Job -> CUPS job id
 *            committed -> document streamed from the renderer
 *   follow:  Get-Job-Attributes every DSP_POLL_MS until the job ends;
 *            completed -> issued; failed -> spoiled (printer paused);
 *            suspect or unknown -> suspect (printer paused); a job CUPS
 *            holds without its document -> canceled and resubmitted with
 *            the same serial
 *   reconcile (on start): intent without a CUPS id -> find the job by its
 *            name; found -> follow it, not found -> submit it; a job sent
 *            on a queue that is gone (deleted while the controller was
 *            down) -> followed by its CUPS id alone and settled at once
 *            (completed -> issued, aborted -> spoiled, else suspect), the
 *            printer paused naming the queue
 *   stuck:   a job CUPS keeps from printing until a person acts (stopped
 *            by a failed filter, held, or its queue stopped) -> the
 *            printer paused with CUPS's message, the card left sent (it
 *            may still print; followed every DSP_STUCK_S and by the next
 *            run), and the printer no longer counts as busy, so that
 *            'run --once' and a stop by signal end (dspVerdict says why)
 *
 * A printer is driven by one controller at a time (dspLease): the ledger
 * holds a lease per printer with a random token and a heartbeat, renewed
 * every third of [printer] lease_expiry while the run goes on.  A printer
 * whose lease is held by a live controller is left alone; an expired lease,
 * or one whose holder on this host is gone, is taken over, and the job the
 * dead holder left is reconciled by the new one.  Every write about a
 * printer's jobs checks the token in the same transaction (fencing), so a
 * controller that was taken over (stalled past the expiry) writes nothing
 * more: it says so in one line and stops driving that printer.
 *
 * A dsp_t belongs to one thread.  All its printers' queues share one
 * connection to cupsd (cjConnNew), so the number of printers is not bound
 * by cupsd's MaxClients; requests go one at a time, and a card's document
 * is streamed whole before the connection serves another printer.  When
 * cupsd cannot be reached every printer waits DSP_RETRY_S seconds and no
 * new card starts; a queue that is missing or takes no ID-1 cards stops
 * its own printer (not sent, paused), not the others.
 *
 * The engine knows no command line: it is made from the ledger handle,
 * the actor, the settings and a log stream; its functions return a
 * dsp_status_t with the message on the engine (dspErrmsg), and lines meant
 * for the operator (a printer left to another controller) go to a notice
 * callback (dspSetNotice).  It reaches CUPS only through a table of
 * operations (dsp_cups_t): dspCupsDefault, over cupsjob.c, unless
 * dspSetCups gives another (a test's scripted CUPS, a benchmark's timing
 * wrapper); and it waits by a clock that dspSetClock may replace.
 */

#ifndef BLANKO_DISPATCH_H
#define BLANKO_DISPATCH_H

#include "blanko/config.h"
#include "blanko/print.h"
#include "cups/cupsjob.h"
#include "render/render.h"

#include <stdio.h>

#define DSP_POLL_MS	500		/* How often a job in flight is polled */
#define DSP_RETRY_S	2		/* Seconds between tries to reach cupsd */
#define DSP_STUCK_S	5		/* Seconds between polls of a job CUPS keeps
					   from printing */

typedef enum dsp_status_e		/* Engine results (the values of the
					   ledger's inv_status_t) */
{
  DSP_OK = 0,				/* Done */
  DSP_REFUSED = 1,			/* Refused (see dspErrmsg) */
  DSP_USAGE = 2,			/* A ledger call was malformed */
  DSP_PROBLEM = 3,			/* Cards or printers need a person */
  DSP_ERROR = 4				/* The ledger failed (see dspErrmsg) */
} dsp_status_t;

typedef struct dsp_s dsp_t;

typedef struct dsp_stats_s		/* What a run did */
{
  int64_t	started, issued, spoiled, suspect,
		resubmitted,		/* Cards sent again: a new CUPS job made for a job whose
					   last one we canceled (not one followed after all) */
		unsent,
		lost,			/* Printers another controller took over */
		stuck;			/* Cards CUPS kept from printing */
} dsp_stats_t;

/* A line for the operator (stderr), without a newline. */
typedef void (*dsp_notice_cb_t)(void *data, const char *line);

/* The engine's clock: monotonic seconds. */
typedef double (*dsp_clock_cb_t)(void *data);

/* Producer of a card's document for dsp_cups_t.send: writes the whole
 * document with write(wctx, ...); returns 0, or -1 to give up. */
typedef int (*dsp_produce_cb_t)(void *ctx, render_write_cb_t write, void *wctx);

typedef struct dsp_cups_s		/* How the engine reaches CUPS; each
					   call as the cupsjob.h function named */
{
  /* Open queue `queue` as `user` on the connection `cups` (the table's
     data): for_jobs, only to follow jobs already sent (cjPrinterOpenForJobs),
     else to send to it (cjPrinterOpen2).  *printer is set even on failure
     (except when out of memory), so that errmsg can read why. */
  cj_status_t	(*open)(void *cups, const char *queue, const char *user, bool for_jobs, void **printer);
  void		(*close)(void *printer);	/* cjPrinterClose; NULL is fine */
  const char	*(*errmsg)(const void *printer);	/* cjPrinterErrmsg */
  cj_status_t	(*create)(void *printer, const char *job_name, int *job_id);	/* cjJobCreate */
  cj_status_t	(*send)(void *printer, int job_id, dsp_produce_cb_t produce, void *ctx);	/* cjJobSendDocument */
  cj_status_t	(*query)(void *printer, int job_id, cj_job_info_t *info);	/* cjJobQuery */
  cj_status_t	(*cancel)(void *printer, int job_id);	/* cjJobCancel */
  cj_status_t	(*note_canceled)(void *printer, int job_id);	/* cjJobNoteCanceled */
  cj_status_t	(*find)(void *printer, const char *job_name, int *job_id);	/* cjJobFind */
} dsp_cups_t;

extern const dsp_cups_t	dspCupsDefault;	/* Over cupsjob.c; its data is a cj_conn_t */

extern dsp_t	*dspNew(inv_db_t *db, const char *actor, const blanko_config_t *config, FILE *log, char *error,
		        size_t errsize);
extern void	dspDelete(dsp_t *d);
extern const char *dspErrmsg(const dsp_t *d);
extern void	dspSetNotice(dsp_t *d, dsp_notice_cb_t cb, void *data);
extern void	dspSetCups(dsp_t *d, const dsp_cups_t *cups, void *data);
extern void	dspSetClock(dsp_t *d, dsp_clock_cb_t cb, void *data);
extern void	dspSetIsolate(dsp_t *d, bool isolate);
extern dsp_status_t dspAddPrinter(dsp_t *d, const char *name);
extern dsp_status_t dspAddAllPrinters(dsp_t *d);
extern dsp_status_t dspLease(dsp_t *d);
extern dsp_status_t dspReconcile(dsp_t *d);
extern dsp_status_t dspStep(dsp_t *d, bool may_start, bool *busy, bool *started);
extern const dsp_stats_t *dspStats(const dsp_t *d);
extern size_t	dspHeld(const dsp_t *d);
extern size_t	dspInFlight(const dsp_t *d);
extern dsp_status_t dspVerdict(dsp_t *d, bool limited);
extern double	dspNow(void);

/* The printers' status, the shape of printctl status --json (dispatch-status.c) */
#include <jansson.h>
extern json_t		*dspStatusJson(inv_db_t *db, const char *actor, inv_status_t *status);

#endif /* BLANKO_DISPATCH_H */
