/*
 * CUPS job module of the blanko print controller.
 *
 * One card = one CUPS job on one queue.  The controller's crash safety rests
 * on the order of calls this module offers:
 *
 *   cjJobCreate()        Create-Job; returns the CUPS job id.  The caller
 *                        stores it durably *before* sending the document.
 *   cjJobSendDocument()  streams the PDF (no temp files: it holds personal
 *                        data) and closes the job.
 *   cjJobQuery()         polls one job and classifies its outcome.
 *   cjJobFind()/cjJobsEach()  re-find jobs by job-name after a restart.
 *
 * The job-name must carry only a request id, never personal data: job names
 * are visible to every local user (lpstat).  Every job is sent with the ID-1
 * card size; without it CUPS scales the card onto the queue default (Letter).
 *
 * The cupsd is the one libcups finds the usual way (CUPS_SERVER, client.conf).
 * Printers opened on one cj_conn_t (cjPrinterOpen2) share its one
 * connection to cupsd, so that a controller driving hundreds of printers
 * takes one of cupsd's client slots (MaxClients), not one per printer;
 * cjPrinterOpen gives a printer a connection of its own.  Requests on a
 * connection run one at a time: while a document streams (inside
 * cjJobSendDocument) every other request on that connection is refused.
 * The connection is made on first use and made again, transparently, when
 * cupsd closed it or went away (a restart): a lost connection shows as
 * CJ_UNAVAILABLE on the request that met it, and the next request tries
 * again.  A connection and the printers on it belong to one thread.
 * Functions return a cj_status_t; on error the message is kept on the
 * printer object (cjPrinterErrmsg), like sqlite3_errmsg.
 *
 * A queue deleted (lpadmin -x) with jobs on it, as cupsd 2.4 does it (seen
 * on the test fixture's cupsd): a job that was printing ends canceled with
 * job-state-reasons job-canceled-by-user (job-impressions-completed may
 * already be 1: the card may have come out) and stays in the history, to be
 * read by Get-Job-Attributes on its job-uri (ipp://localhost/jobs/ID) or
 * with the old printer-uri, also after a cupsd restart; finished jobs of the
 * queue, completed ones included, are purged: Get-Job-Attributes answers
 * client-error-not-found, as for a job cupsd never had.  So a deleted queue
 * never proves that a card did or did not print.  cjPrinterOpenForJobs
 * follows the jobs of a queue that is gone.
 *
 * A job CUPS stops, as cupsd 2.4 does it (seen on the test fixture's cupsd,
 * 2.4.2 of Debian 12, default ErrorPolicy stop-printer):
 * - a filter fails (seen: pdftopdf, run as user lp, cannot open the spooled
 *   document in a 0700 folder; "PID ... (/usr/lib/cups/filter/pdftopdf)
 *   stopped with status 1"): cupsd logs "Job stopped due to filter errors";
 *   the job is job-state processing-stopped (6), job-state-reasons
 *   job-completed-with-errors, number-of-documents 1,
 *   job-printer-state-message "Filter failed", job-printer-state-reasons
 *   none.  The queue is NOT stopped: printer-state idle, reasons none,
 *   message "Filter failed", accepting.  Nothing moves on its own:
 *   cupsenable leaves the job stopped; Restart-Job (lp -i ID -H restart)
 *   prints it.
 * - a queue disabled (cupsdisable -r "why", or the stop-printer policy
 *   after a backend failure): printer-state stopped (5), reasons paused,
 *   printer-state-message "why", still accepting; a job on it is pending
 *   (3) with job-state-reasons none, its document kept, and nothing in its
 *   own attributes says why it waits.  cupsenable starts the queue and the
 *   job prints.
 * - a job held (lp -i ID -H indefinite): pending-held (4), job-state-reasons
 *   job-hold-until-specified (a job just made waits held with job-incoming
 *   instead, until its document comes); Release-Job (lp -i ID -H resume)
 *   lets it print.
 * cjJobQuery classifies each as CJ_OUTCOME_STOPPED: the card is not lost,
 * but only a person brings the job back.
 */

#ifndef BLANKO_CUPSJOB_H
#define BLANKO_CUPSJOB_H

#include <stdbool.h>
#include <stddef.h>

/* Function results. */
typedef enum cj_status_e
{
  CJ_OK = 0,			/* Done */
  CJ_ERROR = -1,		/* Failed; see cjPrinterErrmsg */
  CJ_NOT_FOUND = -2,		/* No such queue or job */
  CJ_UNAVAILABLE = -3		/* cupsd could not be reached: try again later */
} cj_status_t;

/* What became of a job, from the controller's point of view. */
typedef enum cj_outcome_e
{
  CJ_OUTCOME_UNKNOWN = 0,	/* cupsd does not know the job (any more) */
  CJ_OUTCOME_PENDING,		/* Queued, held or stopped: not printing yet */
  CJ_OUTCOME_PROCESSING,	/* Printing, or waiting for the printer (see wait) */
  CJ_OUTCOME_COMPLETED,		/* The card was printed */
  CJ_OUTCOME_CANCELED_BY_US,	/* Canceled, and we asked for it (cjJobCancel or
				   cjJobNoteCanceled on this object), before
				   cupsd started it: no card came out */
  CJ_OUTCOME_FAILED,		/* Aborted, or canceled at the printer (jam...)
				   or by the system: the card is spoiled (see
				   reason) */
  CJ_OUTCOME_SUSPECT,		/* The card's fate cannot be known; an operator
				   settles it (see reason):
				   - document-lost: cupsd was restarted mid-print;
				     the job stays pending with no document and
				     never prints again, though the printer may
				     have printed the card;
				   - media-jam etc.: cupsd says completed but the
				     printer reported a fault during the job;
				   - canceled-by-user: canceled, not by us (an
				     operator's cancel, the queue deleted), and
				     the card may have come out;
				   - canceled-while-printing: canceled by us,
				     but cupsd had started it (its document
				     came after all, e.g. a dead controller's
				     request read late): it may have printed. */
  CJ_OUTCOME_STOPPED		/* CUPS keeps the job from printing until a
				   person acts (see reason, message): its
				   document is there but the job is stopped
				   (job-stopped: a filter failed), held
				   (job-held), or its queue is stopped
				   (queue-stopped); the card may still print
				   when the job or queue is started again */
} cj_outcome_t;

/* Why a processing job is not moving, for status display. */
typedef enum cj_wait_e
{
  CJ_WAIT_NONE = 0,		/* Not waiting (printing, or not processing) */
  CJ_WAIT_MEDIA_EMPTY,		/* Printer out of cards: media-empty/media-needed */
  CJ_WAIT_OFFLINE,		/* Printer unreachable */
  CJ_WAIT_OTHER			/* Some other printer condition (see message) */
} cj_wait_t;

/* One job's state as cupsd reports it (Get-Job-Attributes). */
typedef struct cj_job_info_s
{
  int		id;			/* CUPS job-id */
  int		state;			/* job-state (ipp_jstate_t), 0 if unknown */
  cj_outcome_t	outcome;		/* Classification of the above */
  cj_wait_t	wait;			/* For PROCESSING: why it waits */
  int		documents;		/* number-of-documents */
  int		impressions;		/* job-impressions-completed (unreliable:
					   1 also after a jam) */
  bool		processed;		/* time-at-processing has a value: cupsd
					   started sending it to the printer, so a
					   card may have come out (kept after the
					   job ends; number-of-documents is not) */
  char		name[128];		/* job-name */
  char		reason[64];		/* For FAILED: the printer's reason
					   (media-jam, marker-supply-empty, ...);
					   for waits: the reason keyword */
  char		job_reasons[256];	/* job-state-reasons, comma-separated */
  char		printer_reasons[256];	/* job-printer-state-reasons */
  char		message[256];		/* job-printer-state-message; for a job
					   waiting on a stopped queue with no
					   message of its own, the queue's
					   printer-state-message */
  int		queue_state;		/* printer-state of the job's queue, asked
					   only for a job waiting with its document
					   (pending, held, stopped); else 0 */
} cj_job_info_t;

/* A queue's state for status display (Get-Printer-Attributes). */
typedef struct cj_queue_info_s
{
  int		state;			/* printer-state (ipp_pstate_t): 3 idle,
					   4 processing, 5 stopped */
  int		accepting;		/* printer-is-accepting-jobs */
  char		reasons[256];		/* printer-state-reasons, comma-separated */
  char		message[256];		/* printer-state-message */
} cj_queue_info_t;

typedef struct _cj_conn_s cj_conn_t;		/* A connection to cupsd */
typedef struct _cj_printer_s cj_printer_t;	/* A CUPS queue, opened */
typedef struct _cj_doc_s cj_doc_t;		/* A document being sent */

/* Producer of a document: writes it with cjDocWrite; returns 0, or -1 to
   give up (the job is then canceled). */
typedef int (*cj_produce_cb_t)(void *user_data, cj_doc_t *doc);

/* Called by cjJobsEach for each job on the queue; return 0 to go on. */
typedef int (*cj_job_cb_t)(void *user_data, int job_id, const char *job_name,
                           int job_state);

/* Make a connection to the default cupsd, for printers to share
   (cjPrinterOpen2).  Nothing is sent yet: it connects on first use, so it
   can be made while cupsd is down.  NULL only when out of memory. */
cj_conn_t	*cjConnNew(void);

/* Give up the caller's hold on a connection; it is closed and freed once
   no printer opened on it is open either.  NULL is fine. */
void		cjConnDelete(cj_conn_t *conn);

/* Open queue `queue` of the default cupsd on a connection of its own,
   acting as `user` (requesting-user-name): cjPrinterOpen2(NULL, ...). */
cj_status_t	cjPrinterOpen(const char *queue, const char *user,
		              cj_printer_t **printer);

/* Open queue `queue` on connection `conn` (NULL: a connection of its own),
   acting as `user`.  CJ_NOT_FOUND: cupsd has no such queue; CJ_ERROR: the
   queue has no ID-1 card size, or the connection is busy; CJ_UNAVAILABLE:
   cupsd could not be reached.  *printer is set even on failure (except when
   out of memory), so the error can be read; close it with cjPrinterClose. */
cj_status_t	cjPrinterOpen2(cj_conn_t *conn, const char *queue,
		               const char *user, cj_printer_t **printer);

/* Open an ordinary queue `queue` (an office printer: no ID-1 size needed)
   on a connection of its own, acting as `user`, to send A4 PDF documents
   (media=iso_a4_210x297mm): cjJobCreate and cjJobSendBuffer as for a card.
   Errors as cjPrinterOpen2. */
cj_status_t	cjPrinterOpenA4(const char *queue, const char *user, cj_printer_t **printer);

/* Open queue `queue` on connection `conn` (NULL: a connection of its own),
   acting as `user`, only to follow jobs already sent to it by their id:
   nothing is asked of cupsd, so the queue may be gone (deleted while the
   controller was stopped).  cjJobQuery asks for a job by its job-uri;
   cjJobNoteCanceled works; what sends to the queue (cjJobCreate,
   cjJobSendDocument, cjJobCancel) fails with CJ_ERROR.  *printer is set as
   for cjPrinterOpen2; close it with cjPrinterClose. */
cj_status_t	cjPrinterOpenForJobs(cj_conn_t *conn, const char *queue,
		                     const char *user, cj_printer_t **printer);

/* Close a queue and free it (and its connection, if it was its own or the
   last use of a deleted one); NULL is fine. */
void		cjPrinterClose(cj_printer_t *printer);

/* The message of the last error on this object ("" if none). */
const char	*cjPrinterErrmsg(const cj_printer_t *printer);

/* The queue's own name for its ID-1 size (cjPrinterOpen fails without one);
   every card is sent with media=iso_id-1_53.98x85.6mm, which cupsd maps to
   it by size. */
const char	*cjPrinterMedia(const cj_printer_t *printer);

/* Read the queue's state, reasons, message and whether it accepts jobs. */
cj_status_t	cjPrinterQuery(cj_printer_t *printer, cj_queue_info_t *info);

/* Resume-Printer: start a queue that cupsd stopped (its error policy stops
   a queue whose printer failed a job).  Needs cupsd's admin rights. */
cj_status_t	cjPrinterResume(cj_printer_t *printer);

/* Create-Job named `job_name` (a request id, no personal data); sets *job_id.
   Store the id durably, then call cjJobSendDocument.  Never retried inside:
   after CJ_UNAVAILABLE the job may or may not exist -- find it by name. */
cj_status_t	cjJobCreate(cj_printer_t *printer, const char *job_name,
		            int *job_id);

/* Stream the job's one PDF document from `produce` and close the job.
   On failure the job is canceled so that it cannot print half a card.
   While `produce` runs, the printer's connection is busy: no other request
   may use it until the document is finished. */
cj_status_t	cjJobSendDocument(cj_printer_t *printer, int job_id,
		                  cj_produce_cb_t produce, void *user_data);

/* Stream a PDF held in memory (a cjJobSendDocument shortcut). */
cj_status_t	cjJobSendBuffer(cj_printer_t *printer, int job_id,
		                const void *data, size_t len);

/* Write part of a document, from inside a cj_produce_cb_t. */
cj_status_t	cjDocWrite(cj_doc_t *doc, const void *data, size_t len);

/* Cancel-Job, and remember that we asked.  CJ_NOT_FOUND if cupsd does not
   know the job. */
cj_status_t	cjJobCancel(cj_printer_t *printer, int job_id);

/* Remember that we asked to cancel job_id (from the caller's durable record,
   after a restart): cupsd 2.4 reports a user's cancel and a printer's abort
   alike (state canceled, reasons processing-to-stop-point). */
cj_status_t	cjJobNoteCanceled(cj_printer_t *printer, int job_id);

/* Get-Job-Attributes of one job and classify it into info->outcome.  A job
   cupsd does not know gives CJ_OK with outcome CJ_OUTCOME_UNKNOWN. */
cj_status_t	cjJobQuery(cj_printer_t *printer, int job_id,
		           cj_job_info_t *info);

/* Classify a job from what cupsd said of it (state, documents,
   job_reasons, printer_reasons, message, queue_state): sets info->outcome,
   wait and reason.  canceled_by_us: we asked cupsd to cancel it (a canceled job is
   then CJ_OUTCOME_CANCELED_BY_US, or SUSPECT when info->processed says cupsd
   had started it).  cjJobQuery calls it. */
void		cjJobClassify(cj_job_info_t *info, int canceled_by_us);

/* Call `cb` for every job of the queue, finished ones included
   (Get-Jobs which-jobs=all), oldest first. */
cj_status_t	cjJobsEach(cj_printer_t *printer, cj_job_cb_t cb,
		           void *user_data);

/* Find the newest job named `job_name`; *job_id = 0 and CJ_NOT_FOUND if none. */
cj_status_t	cjJobFind(cj_printer_t *printer, const char *job_name,
		          int *job_id);

/* Name of an outcome, for logs ("completed", "failed", ...). */
const char	*cjOutcomeString(cj_outcome_t outcome);

#endif /* BLANKO_CUPSJOB_H */
