/*
 * The printers' status as one JSON object, the shape of printctl status
 * --json: per printer its state in the ledger, hopper count and open job
 * with what CUPS says of it; the queue's counts.  Shared by printctl status
 * and queue and the web server's JSON API (printctl/web/, which may not
 * reach CUPS but through the engine).  Read-only.
 */

#include "dispatch.h"
#include "blanko/i18n.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

typedef struct dsp_gather_s		/* What the status gathers */
{
  inv_db_t	*db;
  const char	*actor;			/* requesting-user-name for CUPS */
  json_t	*printers;
  int64_t	blanks;			/* In hoppers of running printers */
  cj_conn_t	*conn;			/* One connection to cupsd for all the
					   printers (NULL: each its own) */
} dsp_gather_t;


/* The open job of a printer. */
static void
first_open(void                  *ctx,	/* I - inv_print_job_t */
           const inv_print_job_t *j)	/* I - An open job */
{
  inv_print_job_t *o = ctx;

  if (!o->id)
    *o = *j;
}


/* One printer: ledger state, open job and its CUPS state. */
static void
status_one(void                *ctx,	/* I - dsp_gather_t */
           const inv_printer_t *p)	/* I - Printer */
{
  dsp_gather_t		*s = ctx;
  inv_print_job_t	j;
  cj_printer_t		*cj = NULL;
  cj_job_info_t		info;
  char			cups[700] = "";
  json_t		*o;

  memset(&j, 0, sizeof(j));
  memset(&info, 0, sizeof(info));
  invPrintJobList(s->db, p->name, true, first_open, &j);
  if (!strcmp(p->state, "running"))
    s->blanks += p->hopper_count;
  if (j.id && j.cups_job_id)
  {
    if (cjPrinterOpen2(s->conn, p->queue, s->actor, &cj) == CJ_OK &&
        cjJobQuery(cj, j.cups_job_id, &info) == CJ_OK)
      snprintf(cups, sizeof(cups), "%s%s%s%s%s", cjOutcomeString(info.outcome), info.reason[0] ? " (" : "",
               info.reason, info.message[0] ? ": " : "", info.message);
    else
      snprintf(cups, sizeof(cups), _("unknown: %s"), cjPrinterErrmsg(cj));
    if (info.reason[0] && strlen(cups) < sizeof(cups) - 2 && strchr(cups, '('))
      strcat(cups, ")");
    invTextSafe(cups, cups, sizeof(cups));	/* CUPS's text, shown safely */
    cjPrinterClose(cj);
  }
  o = json_pack("{s:s,s:s,s:s,s:I}", "name", p->name, "state", p->state, "reason", p->reason,
                "hopper_count", (json_int_t)p->hopper_count);
  if (j.id)
    json_object_set_new(o, "job", json_pack("{s:I,s:I,s:s,s:s,s:i,s:s}", "id", (json_int_t)j.id,
                                            "request", (json_int_t)j.request, "serial", j.serial, "state", j.state,
                                            "cups_job", j.cups_job_id, "cups", cups));
  json_array_append_new(s->printers, o);
}


/* The status object: {printers: [...], pending, at_printers, suspect,
   backlog_without_blanks}; NULL and the ledger's status on an error. */
json_t *
dspStatusJson(inv_db_t     *db,		/* I - Ledger */
              const char   *actor,	/* I - Who asks (CUPS's requesting-user-name) */
              inv_status_t *status)	/* O - INV_OK or the ledger's error */
{
  dsp_gather_t	s = { db, actor, json_array(), 0, NULL };
  int64_t	pending = 0, submitted = 0, suspect = 0;

  s.conn = cjConnNew();
  *status = invPrinterList(db, status_one, &s);
  cjConnDelete(s.conn);
  if (*status != INV_OK ||
      (*status = invRequestCount(db, "pending", &pending)) != INV_OK ||
      (*status = invRequestCount(db, "submitted", &submitted)) != INV_OK ||
      (*status = invRequestCount(db, "suspect", &suspect)) != INV_OK)
  {
    json_decref(s.printers);
    return (NULL);
  }
  return (json_pack("{s:o,s:I,s:I,s:I,s:I}", "printers", s.printers, "pending", (json_int_t)pending,
                    "at_printers", (json_int_t)submitted, "suspect", (json_int_t)suspect,
                    "backlog_without_blanks", (json_int_t)(pending > s.blanks ? pending - s.blanks : 0)));
}
