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
 */

#ifndef BLANKO_DISPATCH_H
#define BLANKO_DISPATCH_H

#include "blanko/cli.h"
#include "blanko/print.h"
#include "cups/cupsjob.h"

#include <stdio.h>

#define DSP_POLL_MS	500		/* How often a job in flight is polled */
#define DSP_RETRY_S	2		/* Seconds between tries to reach cupsd */

typedef struct dsp_s dsp_t;

typedef struct dsp_slot_s		/* One printer the controller drives */
{
  inv_printer_t	printer;		/* As last read */
  cj_printer_t	*cj;			/* Its CUPS queue, opened on first use
					   on the engine's shared connection */
  bool		held,			/* This controller holds its lease */
		lost;			/* Another controller took it over */
  int64_t	job;			/* Job in flight, 0 if none */
  double	next_poll;		/* When to poll it next (monotonic s) */
  char		wait[600];		/* Why it waits (offline, media-empty...), or "" */
} dsp_slot_t;

typedef struct dsp_stats_s		/* What a run did */
{
  int64_t	started, issued, spoiled, suspect, resubmitted, unsent,
		lost;			/* Printers another controller took over */
} dsp_stats_t;

extern dsp_t	*dspNew(cli_t *cli, FILE *log, char *error, size_t errsize);
extern void	dspDelete(dsp_t *d);
extern int	dspAddPrinter(dsp_t *d, const char *name);
extern int	dspAddAllPrinters(dsp_t *d);
extern int	dspLease(dsp_t *d);
extern int	dspReconcile(dsp_t *d);
extern int	dspStep(dsp_t *d, bool may_start, bool *busy, bool *started);
extern const dsp_stats_t *dspStats(const dsp_t *d);
extern size_t	dspHeld(const dsp_t *d);
extern int	dspVerdict(dsp_t *d, bool limited);
extern double	dspNow(void);

#endif /* BLANKO_DISPATCH_H */
