/*
 * Printers, hoppers and print jobs (schema 3): the ledger's side of the
 * print controller.  See doc/design.md sections 3 and 4.
 *
 * A printer is a CUPS queue with a hopper account "hopper.<NAME>", filled
 * from its print room.  The controller assumes the printer takes the lowest
 * serial in its hopper first, and gives a printer one card at a time, so the
 * lowest serial is the card in the printer.
 *
 * One card is one print job, and every step is an event in the chain (its
 * detail carries job, request, serial, printer and CUPS job ids, never names
 * or NIKs):
 *
 *   print.intent     job made, request -> submitted (before Create-Job)
 *   print.submitted  CUPS answered Create-Job with cups_job
 *   print.resubmit   CUPS never got the document; the same serial goes again
 *   print.issued     serial hopper -> issued; request -> printed, bound to it
 *   print.spoiled    serial hopper -> spoiled (reason); request -> pending;
 *                    printer paused
 *   print.unsent     CUPS refused the job before printing: serial stays in
 *                    the hopper; request -> pending; printer paused
 *   print.suspect    the card's fate cannot be known: request -> suspect,
 *                    serial stays in the hopper, printer paused until an
 *                    operator settles it with invPrintResolve
 *   print.resolve    printed (-> issued), spoiled (-> spoiled) or unused
 *                    (stays in the hopper)
 *
 * Conventions as in blanko/inventory.h: inv_status_t, message on the db
 * handle, writes inside the caller's transaction.
 */

#ifndef BLANKO_PRINT_H
#define BLANKO_PRINT_H

#include "blanko/inventory.h"
#include "blanko/request.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INV_PRINTER_NAME_MAX	32	/* Longest printer name */

typedef struct inv_printer_s		/* One printer */
{
  char		name[INV_PRINTER_NAME_MAX + 1],
		queue[128],		/* CUPS queue */
		location[65],		/* Its print room */
		hopper[48],		/* Hopper account, "hopper.<NAME>" */
		state[16],		/* running, paused, check-needed */
		reason[160];		/* Why paused or check-needed, or "" */
  int64_t	hopper_count;		/* Blanks in the hopper */
} inv_printer_t;

typedef struct inv_print_job_s		/* One card at a printer */
{
  int64_t	id,			/* Job id, from 1 */
		request;		/* Card request */
  char		serial[INV_SERIAL_MAX],	/* Blank it is printed on */
		printer[INV_PRINTER_NAME_MAX + 1],
		issue_date[11],		/* YYYY-MM-DD on the card */
		state[16],		/* intent, submitted, suspect, done */
		outcome[24],		/* done: issued, spoiled, unsent, resolved-... */
		reason[64],		/* The printer's reason, or "" */
		created[32],
		updated[32];
  int		cups_job_id,		/* CUPS job id, 0 until Create-Job answers */
		canceled_cups_id;	/* A CUPS job we canceled ourselves, or 0 */
} inv_print_job_t;

typedef struct inv_lease_s		/* Who drives a printer (schema 5) */
{
  char		token[33],		/* Random, new with every holder */
		host[65],		/* The holder's host name */
		since[32];		/* When it took the printer (UTC) */
  int64_t	pid,			/* The holder's process */
		heartbeat;		/* Its last heartbeat, UTC seconds */
} inv_lease_t;

typedef void (*inv_printer_cb_t)(void *ctx, const inv_printer_t *printer);
typedef void (*inv_job_cb_t)(void *ctx, const inv_print_job_t *job);

/* Printers and hoppers */
extern inv_status_t	invPrinterAdd(inv_db_t *db, const char *name, const char *queue, const char *location);
extern inv_status_t	invPrinterRemove(inv_db_t *db, const char *name);
extern inv_status_t	invPrinterGet(inv_db_t *db, const char *name, inv_printer_t *printer);
extern inv_status_t	invPrinterList(inv_db_t *db, inv_printer_cb_t cb, void *ctx);
extern inv_status_t	invPrinterLoad(inv_db_t *db, const char *name, const inv_list_t *serials, int64_t *event_id);
extern inv_status_t	invPrinterUnload(inv_db_t *db, const char *name, inv_list_t *moved);
extern inv_status_t	invPrinterCheck(inv_db_t *db, const char *name, const char *serial, bool *match, char *expected, size_t expsize);
extern inv_status_t	invPrinterPause(inv_db_t *db, const char *name, const char *reason);
extern inv_status_t	invPrinterResume(inv_db_t *db, const char *name);
/* A printer's stored reason in the language of the messages (blanko's own
   reasons translated, an operator's text as typed) */
extern const char	*invPrinterReasonText(const char *stored, char *buf, size_t bufsize);

/* Who drives a printer: one controller at a time (see print.c) */
extern inv_status_t	invPrinterLeaseTake(inv_db_t *db, const char *name, inv_lease_t *mine, int expiry, bool *taken, inv_lease_t *holder);
extern inv_status_t	invPrinterLeaseCheck(inv_db_t *db, const char *name, const char *token);
extern inv_status_t	invPrinterLeaseRenew(inv_db_t *db, const char *name, const char *token);
extern inv_status_t	invPrinterLeaseRelease(inv_db_t *db, const char *name, const char *token);

/* Print jobs */
/* Take pending requests in delivery order (kecamatan, kelurahan, RT/RW of
   the residents' data) within a priority, or (false) by recorded day. */
extern void		invPrintSetOrder(inv_db_t *db, bool delivery);
extern inv_status_t	invPrintNext(inv_db_t *db, const char *printer, inv_print_job_t *job, bool *found);
extern inv_status_t	invPrintSubmitted(inv_db_t *db, int64_t job, int cups_job_id);
extern inv_status_t	invPrintResubmit(inv_db_t *db, int64_t job, int canceled_cups_id);
extern inv_status_t	invPrintIssued(inv_db_t *db, int64_t job);
extern inv_status_t	invPrintSpoiled(inv_db_t *db, int64_t job, const char *reason);
extern inv_status_t	invPrintUnsent(inv_db_t *db, int64_t job, const char *reason);
extern inv_status_t	invPrintSuspect(inv_db_t *db, int64_t job, const char *reason);
extern inv_status_t	invPrintResolve(inv_db_t *db, const char *serial, const char *outcome, int64_t *job);
extern inv_status_t	invPrintJobGet(inv_db_t *db, int64_t id, inv_print_job_t *job);
extern inv_status_t	invPrintJobList(inv_db_t *db, const char *printer, bool open_only, inv_job_cb_t cb, void *ctx);
extern inv_status_t	invPrintJobName(inv_db_t *db, const inv_print_job_t *job, char *name, size_t namesize);

/* Requests at the print room */
extern inv_status_t	invRequestCancel(inv_db_t *db, int64_t id);
extern inv_status_t	invRequestReprint(inv_db_t *db, int64_t id, const char *reason, const char *police_report, int64_t *new_id);
extern inv_status_t	invCardSpoil(inv_db_t *db, const char *serial, const char *reason, int64_t *request);
extern inv_status_t	invRequestCount(inv_db_t *db, const char *state, int64_t *count);
extern inv_status_t	invRequestQueue(inv_db_t *db, const char *today, int max, inv_waiting_cb_t cb, void *ctx);
extern inv_status_t	invRequestCountPrintedSince(inv_db_t *db, const char *since, int64_t *count);

#ifdef __cplusplus
}
#endif

#endif /* BLANKO_PRINT_H */
