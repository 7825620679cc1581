/*
 * The print engine's way to CUPS by default: its table of operations
 * (dsp_cups_t, see dispatch.h) over the CUPS job module (cupsjob.h).  The
 * table's data is the cj_conn_t every queue is opened on.
 */

#include "dispatch.h"


/* Open a queue on the shared connection: to send to it, or only to follow
 * the jobs already sent to it. */
static cj_status_t
cups_open(void       *cups,		/* I - cj_conn_t */
          const char *queue,		/* I - Queue name */
          const char *user,		/* I - requesting-user-name */
          bool       for_jobs,		/* I - Only to follow jobs? */
          void       **printer)		/* O - cj_printer_t */
{
  cj_printer_t	*p = NULL;
  cj_status_t	status = for_jobs ? cjPrinterOpenForJobs(cups, queue, user, &p) : cjPrinterOpen2(cups, queue, user, &p);

  *printer = p;
  return (status);
}


/* Close a queue; NULL is fine. */
static void
cups_close(void *printer)		/* I - cj_printer_t or NULL */
{
  cjPrinterClose(printer);
}


/* The queue's last error. */
static const char *
cups_errmsg(const void *printer)	/* I - cj_printer_t or NULL */
{
  return (cjPrinterErrmsg(printer));
}


/* Create-Job. */
static cj_status_t
cups_create(void       *printer,	/* I - cj_printer_t */
            const char *job_name,	/* I - Job name */
            int        *job_id)		/* O - CUPS job id */
{
  return (cjJobCreate(printer, job_name, job_id));
}


/* A producer of the engine, given the cj_doc_t to write into. */
typedef struct cups_send_s
{
  dsp_produce_cb_t	produce;	/* The engine's producer */
  void			*ctx;		/* Its context */
} cups_send_t;


/* Write part of the document into the CUPS request. */
static bool
cups_write(void                *doc,	/* I - cj_doc_t */
           const unsigned char *data,	/* I - Bytes */
           size_t              len)	/* I - How many */
{
  return (cjDocWrite(doc, data, len) == CJ_OK);
}


/* cj_produce_cb_t: run the engine's producer with cups_write. */
static int
cups_produce(void     *user_data,	/* I - cups_send_t */
             cj_doc_t *doc)		/* I - Document being sent */
{
  cups_send_t *cs = user_data;

  return (cs->produce(cs->ctx, cups_write, doc));
}


/* Stream the job's document and close the job. */
static cj_status_t
cups_send(void             *printer,	/* I - cj_printer_t */
          int              job_id,	/* I - CUPS job id */
          dsp_produce_cb_t produce,	/* I - Producer of the document */
          void             *ctx)	/* I - Its context */
{
  cups_send_t cs = { produce, ctx };

  return (cjJobSendDocument(printer, job_id, cups_produce, &cs));
}


/* Get-Job-Attributes, classified. */
static cj_status_t
cups_query(void          *printer,	/* I - cj_printer_t */
           int           job_id,	/* I - CUPS job id */
           cj_job_info_t *info)		/* O - Its state */
{
  return (cjJobQuery(printer, job_id, info));
}


/* Cancel-Job. */
static cj_status_t
cups_cancel(void *printer,		/* I - cj_printer_t */
            int  job_id)		/* I - CUPS job id */
{
  return (cjJobCancel(printer, job_id));
}


/* Remember a cancel of ours (from the ledger, after a restart). */
static cj_status_t
cups_note_canceled(void *printer,	/* I - cj_printer_t */
                   int  job_id)		/* I - CUPS job id */
{
  return (cjJobNoteCanceled(printer, job_id));
}


/* The newest job of a name. */
static cj_status_t
cups_find(void       *printer,		/* I - cj_printer_t */
          const char *job_name,		/* I - Job name */
          int        *job_id)		/* O - CUPS job id, 0 if none */
{
  return (cjJobFind(printer, job_name, job_id));
}


const dsp_cups_t dspCupsDefault =	/* CUPS through cupsjob.c */
{
  cups_open, cups_close, cups_errmsg, cups_create, cups_send, cups_query, cups_cancel, cups_note_canceled,
  cups_find
};
