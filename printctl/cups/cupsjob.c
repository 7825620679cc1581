/*
 * CUPS job module of the blanko print controller: submit one card per job,
 * follow it, find it again after a restart.  See cupsjob.h.
 */

#include "cupsjob-private.h"
#include "blanko/i18n.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Keep a printf-style error message on the printer object. */
static void
cj_set_error(cj_printer_t *p, const char *format, ...)
{
  va_list ap;

  va_start(ap, format);
  vsnprintf(p->errmsg, sizeof(p->errmsg), format, ap);
  va_end(ap);
}

/* Map the last IPP error to a status and keep "what: why" as the message. */
static cj_status_t
cj_ipp_failure(cj_printer_t *p, const char *what)
{
  ipp_status_t status = cupsLastError();

  cj_set_error(p, "%s: %s", what, cupsLastErrorString());
  if (status == IPP_STATUS_ERROR_NOT_FOUND)
    return (CJ_NOT_FOUND);
  /* libcups reports a dead or refused connection as service-unavailable
     or as an internal error with the connection in error. */
  if (status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE ||
      (status == IPP_STATUS_ERROR_INTERNAL && (!p->conn->http || httpError(p->conn->http))))
    return (CJ_UNAVAILABLE);
  return (CJ_ERROR);
}

/* Requests carry the controller's user name (cupsUser() is per thread). */
static void
cj_as_user(cj_printer_t *p)
{
  cupsSetUser(p->user);
}

/* Make a connection; see cupsjob.h.  The maker holds it once. */
cj_conn_t *
cjConnNew(void)
{
  cj_conn_t *c = calloc(1, sizeof(cj_conn_t));

  if (c)
    c->refs = 1;
  return (c);
}


/* Give up one hold on a connection; the last closes and frees it. */
static void
cj_conn_release(cj_conn_t *c)		/* I - Connection or NULL */
{
  if (!c || -- c->refs > 0)
    return;
  httpClose(c->http);
  free(c);
}


/* Give up the maker's hold; see cupsjob.h. */
void
cjConnDelete(cj_conn_t *c)		/* I - Connection or NULL */
{
  cj_conn_release(c);
}


/* Get the printer's connection ready for a request: refused while a
   document streams on it; made if it is not yet; made again if cupsd
   closed it while it lay idle (a restart, cupsd's idle timeout): an idle
   connection with something to read has been closed at the other end.
   Returns CJ_OK, CJ_ERROR (busy) or CJ_UNAVAILABLE, with the message set. */
static cj_status_t
cj_conn_ready(cj_printer_t *p)		/* I - Printer whose request comes */
{
  cj_conn_t	*c = p->conn;
  struct pollfd	pfd;

  if (c->streaming)
  {
    cj_set_error(p, "%s", _("The connection to the print server is busy sending a card."));
    return (CJ_ERROR);
  }
  cj_as_user(p);
  if (!c->http)
  {
    if ((c->http = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1, 30000,
                                NULL)) == NULL)
    {
      cj_set_error(p, _("Unable to connect to the print server %s: %s"), cupsServer(), strerror(errno));
      return (CJ_UNAVAILABLE);
    }
    return (CJ_OK);
  }
  pfd.fd = httpGetFd(c->http);
  pfd.events = POLLIN;
  pfd.revents = 0;
  if (pfd.fd >= 0 && httpGetState(c->http) == HTTP_STATE_WAITING && !httpIsEncrypted(c->http) &&
      poll(&pfd, 1, 0) > 0 && httpReconnect2(c->http, 30000, NULL))
  {
    cj_set_error(p, _("Unable to connect to the print server %s: %s"), cupsServer(),
                 strerror(httpError(c->http)));
    return (CJ_UNAVAILABLE);
  }
  return (CJ_OK);
}


/* Send an idempotent request; reconnect and retry once if cupsd went away
   (it may have been restarted).  Returns the response or NULL. */
static ipp_t *
cj_do_read_request(cj_printer_t *p,	/* I - Printer (its connection) */
                   ipp_t        *request,	/* I - Request, freed */
                   const char   *resource)	/* I - HTTP resource */
{
  ipp_t *response;
  ipp_t *again = ippNew();

  ippCopyAttributes(again, request, 0, NULL, NULL);	/* deep: request is freed */
  ippSetOperation(again, ippGetOperation(request));
  ippSetRequestId(again, ippGetRequestId(request) + 1);

  cj_as_user(p);
  response = cupsDoRequest(p->conn->http, request, resource);
  if (!response && cj_ipp_failure(p, "") == CJ_UNAVAILABLE &&
      httpReconnect2(p->conn->http, 30000, NULL) == 0)
    response = cupsDoRequest(p->conn->http, again, resource);
  else
    ippDelete(again);
  return (response);
}


/* Open the queue on its own connection; see cupsjob.h. */
cj_status_t
cjPrinterOpen(const char   *queue,	/* I - Queue name */
              const char   *user,	/* I - requesting-user-name */
              cj_printer_t **printer)	/* O - The opened queue */
{
  return (cjPrinterOpen2(NULL, queue, user, printer));
}


/* Make a printer object for `queue` on `conn` (NULL: a connection of its
   own), acting as `user`, without asking cupsd anything: *printer is set
   (except when out of memory), even on failure, so the error can be read. */
static cj_status_t
cj_printer_new(cj_conn_t    *conn,	/* I - Connection, NULL for its own */
               const char   *queue,	/* I - Queue name */
               const char   *user,	/* I - requesting-user-name */
               cj_printer_t **printer)	/* O - The printer object */
{
  cj_printer_t	*p;

  if (!printer)
    return (CJ_ERROR);
  if ((*printer = p = calloc(1, sizeof(cj_printer_t))) == NULL)
    return (CJ_ERROR);
  if (!queue || !*queue || !user || !*user)
  {
    cj_set_error(p, "%s", _("A print queue and a user name are needed."));
    return (CJ_ERROR);
  }
  if ((p->queue = strdup(queue)) == NULL || (p->user = strdup(user)) == NULL)
  {
    cj_set_error(p, "%s", strerror(ENOMEM));
    return (CJ_ERROR);
  }
  if (conn)
    conn->refs ++;			/* The printer's hold */
  else if ((conn = cjConnNew()) == NULL)	/* Its own: the maker's hold is the printer's */
  {
    cj_set_error(p, "%s", strerror(ENOMEM));
    return (CJ_ERROR);
  }
  p->conn = conn;
  httpAssembleURIf(HTTP_URI_CODING_ALL, p->uri, sizeof(p->uri), "ipp", NULL,
                   "localhost", ippPort(), "/printers/%s", queue);
  return (CJ_OK);
}


/* Open a queue for its jobs only; see cupsjob.h.  Nothing is asked of
   cupsd: the queue may be gone. */
cj_status_t
cjPrinterOpenForJobs(cj_conn_t    *conn,	/* I - Connection, NULL for its own */
                     const char   *queue,	/* I - Queue name, perhaps deleted */
                     const char   *user,	/* I - requesting-user-name */
                     cj_printer_t **printer)	/* O - The printer object */
{
  return (cj_printer_new(conn, queue, user, printer));
}


/* A printer opened by cjPrinterOpenForJobs has no queue to send to: refuse
   what needs one.  Returns 1 if p has its queue, else 0 with the message. */
static int
cj_has_dest(cj_printer_t *p)		/* I - Printer */
{
  if (p->dest)
    return (1);
  cj_set_error(p, _("The print queue \"%s\" was opened only to follow its jobs."), p->queue);
  return (0);
}


static cj_status_t cj_printer_open(cj_conn_t *conn, const char *queue, const char *user, int a4,
                                   cj_printer_t **printer);


/* Open the queue on a connection; see cupsjob.h. */
cj_status_t
cjPrinterOpen2(cj_conn_t    *conn,	/* I - Connection, NULL for its own */
               const char   *queue,	/* I - Queue name */
               const char   *user,	/* I - requesting-user-name */
               cj_printer_t **printer)	/* O - The opened queue */
{
  return (cj_printer_open(conn, queue, user, 0, printer));
}


/* Open an ordinary queue for A4 documents; see cupsjob.h. */
cj_status_t
cjPrinterOpenA4(const char   *queue,	/* I - Queue name */
                const char   *user,	/* I - requesting-user-name */
                cj_printer_t **printer)	/* O - The opened queue */
{
  return (cj_printer_open(NULL, queue, user, 1, printer));
}


/* Open a queue: for cards (its ID-1 size checked) or A4 documents. */
static cj_status_t
cj_printer_open(cj_conn_t    *conn,	/* I - Connection, NULL for its own */
                const char   *queue,	/* I - Queue name */
                const char   *user,	/* I - requesting-user-name */
                int          a4,	/* I - A4 documents, not cards? */
                cj_printer_t **printer)	/* O - The opened queue */
{
  static const char * const wanted[] = { "printer-name" };
  cj_printer_t	*p;
  cups_size_t	size;
  ipp_t		*request, *response;
  cj_status_t	status;

  if ((status = cj_printer_new(conn, queue, user, printer)) != CJ_OK)
    return (status);
  p = *printer;
  conn = p->conn;
  if ((status = cj_conn_ready(p)) != CJ_OK)
    return (status);

  /* Ask for the queue by its URI first: cupsGetNamedDest cannot tell a
     queue cupsd does not have from a cupsd it could not reach, and for a
     name cupsd does not know it goes on to look on the network (a second
     connection, and a second's wait). */
  request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, p->uri);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, p->user);
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                (int)(sizeof(wanted) / sizeof(wanted[0])), NULL, wanted);
  if ((response = cj_do_read_request(p, request, "/")) != NULL &&
      ippGetStatusCode(response) == IPP_STATUS_ERROR_NOT_FOUND)
  {
    ippDelete(response);
    cj_set_error(p, _("There is no print queue named \"%s\"."), queue);
    return (CJ_NOT_FOUND);
  }
  if (!response || ippGetStatusCode(response) > IPP_STATUS_OK_CONFLICTING)
  {
    ippDelete(response);
    return (cj_ipp_failure(p, _("Unable to look up the print queue")));
  }
  ippDelete(response);

  if ((p->dest = cupsGetNamedDest(conn->http, queue, NULL)) == NULL)
  {
    if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND ||
        cupsLastError() == IPP_STATUS_OK)
    {
      cj_set_error(p, _("There is no print queue named \"%s\"."), queue);
      return (CJ_NOT_FOUND);
    }
    return (cj_ipp_failure(p, _("Unable to look up the print queue")));
  }
  if ((p->dinfo = cupsCopyDestInfo(conn->http, p->dest)) == NULL)
    return (cj_ipp_failure(p, _("Unable to read the print queue's capabilities")));

  /* The queue must have a card-sized media: the PWG ID-1 name, or its own
     name for a size within tolerance (a PPD's "53.98x85.6mm.Borderless"
     shows as custom_53.98x85.6mm_..., vendor drivers call it CR80).  Jobs
     are still sent with the PWG name; cupsd maps it by size.  An A4
     document goes to whatever paper the queue has. */
  p->a4 = a4;
  if (a4)
    snprintf(p->media, sizeof(p->media), "%s", CJ_A4_MEDIA);
  else if (cupsCheckDestSupported(conn->http, p->dest, p->dinfo, CUPS_MEDIA, CJ_ID1_MEDIA))
    snprintf(p->media, sizeof(p->media), "%s", CJ_ID1_MEDIA);
  else if (cupsGetDestMediaBySize(conn->http, p->dest, p->dinfo, CJ_ID1_WIDTH,
                                  CJ_ID1_LENGTH, CUPS_MEDIA_FLAGS_DEFAULT, &size))
    snprintf(p->media, sizeof(p->media), "%s", size.media);
  else
  {
    cj_set_error(p, _("The print queue \"%s\" has no ID-1 card size."), queue);
    return (CJ_ERROR);
  }
  return (CJ_OK);
}


/* Close the queue; see cupsjob.h. */
void
cjPrinterClose(cj_printer_t *p)		/* I - Printer or NULL */
{
  if (!p)
    return;
  if (p->conn && p->conn->streaming == p)
    p->conn->streaming = NULL;		/* (libcups starts the next request afresh) */
  cupsFreeDestInfo(p->dinfo);
  cupsFreeDests(p->dest ? 1 : 0, p->dest);
  cj_conn_release(p->conn);
  free(p->queue);
  free(p->user);
  free(p->canceled);
  free(p);
}


/* Last error message; see cupsjob.h. */
const char *
cjPrinterErrmsg(const cj_printer_t *p)
{
  return (p ? p->errmsg : _("Out of memory."));
}

/* Media keyword; see cupsjob.h. */
const char *
cjPrinterMedia(const cj_printer_t *p)
{
  return (p->media);
}

/* Copy all values of a string attribute, comma-separated. */
static void
cj_join(ipp_attribute_t *attr, char *buf, size_t bufsize)
{
  buf[0] = '\0';
  if (attr)
    ippAttributeString(attr, buf, bufsize);
}

/* Queue state; see cupsjob.h. */
cj_status_t
cjPrinterQuery(cj_printer_t *p, cj_queue_info_t *info)
{
  static const char * const wanted[] = { "printer-state", "printer-state-reasons",
    "printer-state-message", "printer-is-accepting-jobs" };
  ipp_t *request, *response;
  cj_status_t status;

  memset(info, 0, sizeof(*info));
  if ((status = cj_conn_ready(p)) != CJ_OK)
    return (status);
  request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, p->uri);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, p->user);
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                (int)(sizeof(wanted) / sizeof(wanted[0])), NULL, wanted);

  if ((response = cj_do_read_request(p, request, "/")) == NULL ||
      ippGetStatusCode(response) > IPP_STATUS_OK_CONFLICTING)
  {
    ippDelete(response);
    return (cj_ipp_failure(p, _("Unable to read the print queue's state")));
  }
  info->state = ippGetInteger(ippFindAttribute(response, "printer-state", IPP_TAG_ENUM), 0);
  info->accepting = ippGetBoolean(ippFindAttribute(response, "printer-is-accepting-jobs",
                                                   IPP_TAG_BOOLEAN), 0);
  cj_join(ippFindAttribute(response, "printer-state-reasons", IPP_TAG_KEYWORD),
          info->reasons, sizeof(info->reasons));
  cj_join(ippFindAttribute(response, "printer-state-message", IPP_TAG_TEXT),
          info->message, sizeof(info->message));
  ippDelete(response);
  return (CJ_OK);
}

/* Resume-Printer; see cupsjob.h. */
cj_status_t
cjPrinterResume(cj_printer_t *p)
{
  ipp_t *request, *response;
  cj_status_t status;

  if ((status = cj_conn_ready(p)) != CJ_OK)
    return (status);
  request = ippNewRequest(IPP_OP_RESUME_PRINTER);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, p->uri);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, p->user);
  response = cupsDoRequest(p->conn->http, request, "/admin/");
  if (!response || ippGetStatusCode(response) > IPP_STATUS_OK_CONFLICTING)
  {
    ippDelete(response);
    return (cj_ipp_failure(p, _("Unable to start the print queue")));
  }
  ippDelete(response);
  return (CJ_OK);
}

/* Create-Job; see cupsjob.h. */
cj_status_t
cjJobCreate(cj_printer_t *p, const char *job_name, int *job_id)
{
  cups_option_t *options = NULL;
  int num_options = 0;
  ipp_status_t status;
  cj_status_t ready;

  *job_id = 0;
  if (!cj_has_dest(p))
    return (CJ_ERROR);
  if (!job_name || !*job_name || strlen(job_name) > 127)
  {
    cj_set_error(p, "%s", _("A job name of 1 to 127 characters is needed."));
    return (CJ_ERROR);
  }
  if ((ready = cj_conn_ready(p)) != CJ_OK)
    return (ready);
  /* Always the card size: without media= CUPS scales onto Letter.  (A4
     for a document queue.) */
  num_options = cupsAddOption(CUPS_MEDIA, p->a4 ? CJ_A4_MEDIA : CJ_ID1_MEDIA, num_options, &options);
  status = cupsCreateDestJob(p->conn->http, p->dest, p->dinfo, job_id, job_name,
                             num_options, options);
  cupsFreeOptions(num_options, options);
  if (status > IPP_STATUS_OK_CONFLICTING || *job_id <= 0)
  {
    *job_id = 0;
    return (cj_ipp_failure(p, _("Unable to create the print job")));
  }
  return (CJ_OK);
}

/* Write part of a document; see cupsjob.h. */
cj_status_t
cjDocWrite(cj_doc_t *doc, const void *data, size_t len)
{
  if (doc->failed)
    return (CJ_ERROR);
  if (doc->printer->conn->streaming != doc->printer)
  {
    doc->failed = 1;			/* Not inside its cjJobSendDocument */
    cj_set_error(doc->printer, "%s", _("The card document is not being sent."));
    return (CJ_ERROR);
  }
  if (len && cupsWriteRequestData(doc->printer->conn->http, data, len) != HTTP_STATUS_CONTINUE)
  {
    doc->failed = 1;
    cj_set_error(doc->printer, _("Unable to send the card to the print server: %s"),
                 cupsLastErrorString());
    return (CJ_ERROR);
  }
  return (CJ_OK);
}

/* Break off a half-sent document and cancel its job: cupsd must never see a
   complete request for a partial card.  The message already set stays. */
static void
cj_abandon(cj_printer_t *p, int job_id)
{
  char keep[sizeof(p->errmsg)];

  memcpy(keep, p->errmsg, sizeof(keep));
  p->conn->streaming = NULL;
  httpShutdown(p->conn->http);		/* Drop the unfinished request */
  httpReconnect2(p->conn->http, 30000, NULL);
  cjJobCancel(p, job_id);		/* Noted as ours */
  memcpy(p->errmsg, keep, sizeof(keep));
}

/* Stream the document and close the job; see cupsjob.h. */
cj_status_t
cjJobSendDocument(cj_printer_t *p, int job_id, cj_produce_cb_t produce, void *user_data)
{
  cj_doc_t doc = { p, 0 };
  http_status_t hstatus;
  cj_status_t status;
  int failed;

  if (!cj_has_dest(p))
    return (CJ_ERROR);
  if ((status = cj_conn_ready(p)) != CJ_OK)
    return (status);
  /* document-name says nothing about the holder either. */
  hstatus = cupsStartDestDocument(p->conn->http, p->dest, p->dinfo, job_id, "card.pdf",
                                  CUPS_FORMAT_PDF, 0, NULL, 1);
  if (hstatus != HTTP_STATUS_CONTINUE)
  {
    status = cj_ipp_failure(p, _("Unable to start sending the card"));
    if (status != CJ_UNAVAILABLE)
      cj_abandon(p, job_id);
    return (status);
  }
  /* The connection is the document's until it is finished or abandoned. */
  p->conn->streaming = p;
  failed = produce(user_data, &doc) != 0 || doc.failed;
  p->conn->streaming = NULL;
  if (failed)
  {
    if (!doc.failed)
      cj_set_error(p, "%s", _("The card document could not be produced."));
    cj_abandon(p, job_id);
    return (CJ_ERROR);
  }
  if (cupsFinishDestDocument(p->conn->http, p->dest, p->dinfo) > IPP_STATUS_OK_CONFLICTING)
    return (cj_ipp_failure(p, _("The print server did not accept the card")));
  return (CJ_OK);
}

/* A buffer and its length, for cj_produce_buffer. */
typedef struct
{
  const void *data;
  size_t len;
} cj_buffer_t;

/* Producer that writes one buffer. */
static int
cj_produce_buffer(void *user_data, cj_doc_t *doc)
{
  cj_buffer_t *b = user_data;

  return (cjDocWrite(doc, b->data, b->len) == CJ_OK ? 0 : -1);
}

/* Stream a buffer; see cupsjob.h. */
cj_status_t
cjJobSendBuffer(cj_printer_t *p, int job_id, const void *data, size_t len)
{
  cj_buffer_t b = { data, len };

  return (cjJobSendDocument(p, job_id, cj_produce_buffer, &b));
}

/* Remember a job we asked to cancel; see cupsjob.h. */
cj_status_t
cjJobNoteCanceled(cj_printer_t *p, int job_id)
{
  size_t i;

  for (i = 0; i < p->num_canceled; i ++)
    if (p->canceled[i] == job_id)
      return (CJ_OK);
  if (p->num_canceled == p->alloc_canceled)
  {
    size_t n = p->alloc_canceled ? 2 * p->alloc_canceled : 16;
    int *c = realloc(p->canceled, n * sizeof(int));

    if (!c)
    {
      cj_set_error(p, "%s", strerror(ENOMEM));
      return (CJ_ERROR);
    }
    p->canceled = c;
    p->alloc_canceled = n;
  }
  p->canceled[p->num_canceled ++] = job_id;
  return (CJ_OK);
}

/* Did we ask to cancel this job? */
static int
cj_we_canceled(const cj_printer_t *p, int job_id)
{
  size_t i;

  for (i = 0; i < p->num_canceled; i ++)
    if (p->canceled[i] == job_id)
      return (1);
  return (0);
}

/* Cancel-Job; see cupsjob.h.  Noted before asking, so that a cancel whose
   answer is lost still counts as ours. */
cj_status_t
cjJobCancel(cj_printer_t *p, int job_id)
{
  cj_status_t status;

  if (cjJobNoteCanceled(p, job_id) != CJ_OK || !cj_has_dest(p))
    return (CJ_ERROR);
  if ((status = cj_conn_ready(p)) != CJ_OK)
    return (status);
  if (cupsCancelDestJob(p->conn->http, p->dest, job_id) > IPP_STATUS_OK_CONFLICTING)
    return (cj_ipp_failure(p, _("Unable to cancel the print job")));
  return (CJ_OK);
}

/* Is `word` one of the comma-separated keywords in `list`, with or without
   an -error/-warning/-report suffix? */
static int
cj_has_reason(const char *list, const char *word)
{
  size_t len = strlen(word);
  const char *s;

  for (s = list; (s = strstr(s, word)) != NULL; s += len)
  {
    const char *end = s + len;

    if (s != list && s[-1] != ',')
      continue;
    if (!*end || *end == ',' || !strncmp(end, "-error", 6) ||
        !strncmp(end, "-warning", 8) || !strncmp(end, "-report", 7))
      return (1);
  }
  return (0);
}

/* The printer faults that spoil a card, most specific first. */
static const char * const cj_faults[] =
{
  "media-jam", "marker-supply-empty", "toner-empty", "cover-open", "door-open",
  "input-tray-missing", "media-empty", "marker-waste-full", "interlock-open",
  "other"				/* keep last: the vaguest */
};

/* Messages of the CUPS ipp backend while it cannot reach the printer; it
   sets no reason that stays (connecting-to-device comes and goes), so the
   message (in cupsd's locale, English by default) is the only sign. */
static const char * const cj_offline_messages[] =
{
  "The printer may not exist or is unavailable at this time.",
  "The printer is unreachable at this time.",
  "The printer is in use.",		/* ECONNREFUSED: nobody listening */
  "The printer is not responding."
};

/* Set the job's outcome and the reason given for it. */
static void
cj_set_outcome(cj_job_info_t *info,	/* I - Job */
               cj_outcome_t  outcome,	/* I - Its outcome */
               const char    *reason)	/* I - Why, a word such as "offline" */
{
  info->outcome = outcome;
  snprintf(info->reason, sizeof(info->reason), "%s", reason);
}


/* A job not yet printing (pending, held or stopped). */
static void
cj_classify_waiting(cj_job_info_t *info)	/* I - Job */
{
  const char *why;

  /* A job cupsd was printing when it stopped comes back pending,
     still job-printing, with its document deleted: it never prints
     again.  A job just created waits for its document held with
     job-incoming instead. */
  if (info->documents == 0 && cj_has_reason(info->job_reasons, "job-printing"))
  {
    cj_set_outcome(info, CJ_OUTCOME_SUSPECT, "document-lost");
    return;
  }
  /* With its document, a job stopped (a filter failed), held by
     someone (not job-incoming: that is ours, waiting for the
     document) or waiting on a stopped queue never prints until a
     person acts (see cupsjob.h). */
  info->outcome = CJ_OUTCOME_PENDING;
  if (info->documents <= 0)
    return;
  why = info->state == IPP_JSTATE_STOPPED ? "job-stopped" :
        info->state == IPP_JSTATE_HELD && !cj_has_reason(info->job_reasons, "job-incoming") ?
        "job-held" : info->queue_state == IPP_PSTATE_STOPPED ? "queue-stopped" : NULL;
  if (why)
    cj_set_outcome(info, CJ_OUTCOME_STOPPED, why);
}


/* A job printing: is the printer waiting for cards or offline? */
static void
cj_classify_processing(cj_job_info_t *info)	/* I - Job */
{
  size_t i;

  info->outcome = CJ_OUTCOME_PROCESSING;
  if (cj_has_reason(info->printer_reasons, "media-empty") ||
      cj_has_reason(info->printer_reasons, "media-needed"))
  {
    info->wait = CJ_WAIT_MEDIA_EMPTY;
    snprintf(info->reason, sizeof(info->reason), "media-empty");
    return;
  }
  if (cj_has_reason(info->printer_reasons, "offline") ||
      cj_has_reason(info->printer_reasons, "connecting-to-device") ||
      cj_has_reason(info->printer_reasons, "timed-out"))
  {
    info->wait = CJ_WAIT_OFFLINE;
    snprintf(info->reason, sizeof(info->reason), "offline");
    return;
  }
  for (i = 0; i < sizeof(cj_offline_messages) / sizeof(cj_offline_messages[0]); i ++)
    if (!strcmp(info->message, cj_offline_messages[i]))
    {
      info->wait = CJ_WAIT_OFFLINE;
      snprintf(info->reason, sizeof(info->reason), "offline");
      return;
    }
}


/* A job completed: trusted unless the printer reports a fault. */
static void
cj_classify_completed(cj_job_info_t *info)	/* I - Job */
{
  size_t i;

  /* The ipp backend can miss a printer's abort and report a jammed
     card completed (seen: media-jam-report on a completed job, and
     other-report after a printer error).  A completed job with any
     fault but media-empty (the printer waits for cards; the card in
     hand is fine) is not trusted: an operator settles it. */
  info->outcome = CJ_OUTCOME_COMPLETED;
  for (i = 0; i < sizeof(cj_faults) / sizeof(cj_faults[0]); i ++)
    if (strcmp(cj_faults[i], "media-empty") &&
        cj_has_reason(info->printer_reasons, cj_faults[i]))
    {
      cj_set_outcome(info, CJ_OUTCOME_SUSPECT, cj_faults[i]);
      return;
    }
}


/* A job aborted, or canceled by the printer: a failed card, with the
   printer's fault as the reason when it gives one. */
static void
cj_classify_failed(cj_job_info_t *info)	/* I - Job */
{
  size_t i;

  for (i = 0; i < sizeof(cj_faults) / sizeof(cj_faults[0]); i ++)
    if (cj_has_reason(info->printer_reasons, cj_faults[i]))
    {
      cj_set_outcome(info, CJ_OUTCOME_FAILED, cj_faults[i]);
      return;
    }
  cj_set_outcome(info, CJ_OUTCOME_FAILED, info->state == IPP_JSTATE_CANCELED ? "job-canceled-at-device"
                                                                          : "aborted-by-system");
}


/* A job canceled: by us, by someone else, or by the printer. */
static void
cj_classify_canceled(cj_job_info_t *info,	/* I - Job */
                     int           canceled_by_us)	/* I - Does our record say we canceled it? */
{
  /* cupsd 2.4 does not say who canceled: a Cancel-Job and a
     printer's abort ("Print job canceled at printer.") both end
     canceled with processing-to-stop-point.  Only our own record
     tells them apart.  job-canceled-by-user is no proof that we did:
     any user's cancel, and a queue deleted under the job (lpadmin -x),
     say it too, possibly after the card came out, so such a job is
     suspect (neither sent again nor spoiled: either could give one
     resident two cards); a printer's abort says only
     processing-to-stop-point and is a failed card. */
  if (canceled_by_us && !info->processed)
    info->outcome = CJ_OUTCOME_CANCELED_BY_US;
  else if (canceled_by_us)
    /* Our cancel came after cupsd had started the job (its document
       reached cupsd after we took it for missing, e.g. a dead
       controller's request still in cupsd's buffers): the card may have
       come out, so it is not sent again. */
    cj_set_outcome(info, CJ_OUTCOME_SUSPECT, "canceled-while-printing");
  else if (cj_has_reason(info->job_reasons, "job-canceled-by-user"))
    /* Someone else's cancel, or the queue deleted: the card may have
       come out (seen: a deleted queue's printer finished its card). */
    cj_set_outcome(info, CJ_OUTCOME_SUSPECT, "canceled-by-user");
  else
    cj_classify_failed(info);
}


/* Classify a job from its state, documents, reasons and message; see
   cupsjob.h. */
void
cjJobClassify(cj_job_info_t *info,	/* IO - Job: state and reasons in, outcome out */
              int           canceled_by_us)	/* I - Does our record say we canceled it? */
{
  info->wait = CJ_WAIT_NONE;
  info->reason[0] = '\0';
  switch (info->state)
  {
    case IPP_JSTATE_PENDING :
    case IPP_JSTATE_HELD :
    case IPP_JSTATE_STOPPED :
        cj_classify_waiting(info);
        break;
    case IPP_JSTATE_PROCESSING :
        cj_classify_processing(info);
        break;
    case IPP_JSTATE_COMPLETED :
        cj_classify_completed(info);
        break;
    case IPP_JSTATE_CANCELED :
        cj_classify_canceled(info, canceled_by_us);
        break;
    case IPP_JSTATE_ABORTED :
        cj_classify_failed(info);
        break;
    default :
        info->outcome = CJ_OUTCOME_UNKNOWN;
        break;
  }
}

/* Get-Job-Attributes and classify; see cupsjob.h. */
cj_status_t
cjJobQuery(cj_printer_t *p, int job_id, cj_job_info_t *info)
{
  static const char * const wanted[] = { "job-id", "job-name", "job-state",
    "job-state-reasons", "job-printer-state-reasons", "job-printer-state-message",
    "job-impressions-completed", "number-of-documents", "time-at-processing" };
  ipp_t *request, *response;
  cj_status_t status;

  memset(info, 0, sizeof(*info));
  info->id = job_id;
  if ((status = cj_conn_ready(p)) != CJ_OK)
    return (status);
  request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
  if (p->dest)
  {
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, p->uri);
    ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  }
  else
  {
    /* The queue may be gone: ask for the job by its own URI. */
    char job_uri[1024];

    httpAssembleURIf(HTTP_URI_CODING_ALL, job_uri, sizeof(job_uri), "ipp", NULL, "localhost",
                     ippPort(), "/jobs/%d", job_id);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, job_uri);
  }
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, p->user);
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                (int)(sizeof(wanted) / sizeof(wanted[0])), NULL, wanted);

  response = cj_do_read_request(p, request, "/jobs/");
  if (response && ippGetStatusCode(response) == IPP_STATUS_ERROR_NOT_FOUND)
  {
    ippDelete(response);
    info->outcome = CJ_OUTCOME_UNKNOWN;
    return (CJ_OK);
  }
  if (!response || ippGetStatusCode(response) > IPP_STATUS_OK_CONFLICTING)
  {
    ippDelete(response);
    return (cj_ipp_failure(p, _("Unable to read the print job's state")));
  }
  info->state = ippGetInteger(ippFindAttribute(response, "job-state", IPP_TAG_ENUM), 0);
  info->documents = ippGetInteger(ippFindAttribute(response, "number-of-documents",
                                                   IPP_TAG_INTEGER), 0);
  info->impressions = ippGetInteger(ippFindAttribute(response, "job-impressions-completed",
                                                     IPP_TAG_INTEGER), 0);
  /* no-value until cupsd starts the job (then an integer, kept after it
     ends, whatever its end) */
  info->processed = ippGetInteger(ippFindAttribute(response, "time-at-processing", IPP_TAG_INTEGER), 0) > 0;
  cj_join(ippFindAttribute(response, "job-name", IPP_TAG_NAME), info->name, sizeof(info->name));
  cj_join(ippFindAttribute(response, "job-state-reasons", IPP_TAG_KEYWORD),
          info->job_reasons, sizeof(info->job_reasons));
  cj_join(ippFindAttribute(response, "job-printer-state-reasons", IPP_TAG_KEYWORD),
          info->printer_reasons, sizeof(info->printer_reasons));
  cj_join(ippFindAttribute(response, "job-printer-state-message", IPP_TAG_TEXT),
          info->message, sizeof(info->message));
  ippDelete(response);
  if (p->dest && info->documents > 0 && (info->state == IPP_JSTATE_PENDING || info->state == IPP_JSTATE_HELD ||
                                         info->state == IPP_JSTATE_STOPPED))
  {
    /* A waiting job does not say that its queue is stopped: ask the queue. */
    cj_queue_info_t queue;

    if ((status = cjPrinterQuery(p, &queue)) != CJ_OK)
      return (status);
    info->queue_state = queue.state;
    if (queue.state == IPP_PSTATE_STOPPED && !info->message[0])
      snprintf(info->message, sizeof(info->message), "%s", queue.message);
  }
  cjJobClassify(info, cj_we_canceled(p, info->id));
  return (CJ_OK);
}

/* Get-Jobs which-jobs=all; see cupsjob.h.  Only job-id, job-name and
   job-state are asked for: cupsd answers those from its job cache, without
   loading each job, and so does not cut the answer at 500 jobs. */
cj_status_t
cjJobsEach(cj_printer_t *p, cj_job_cb_t cb, void *user_data)
{
  static const char * const wanted[] = { "job-id", "job-name", "job-state" };
  ipp_t *request, *response;
  ipp_attribute_t *attr;
  cj_status_t status;

  if ((status = cj_conn_ready(p)) != CJ_OK)
    return (status);
  request = ippNewRequest(IPP_OP_GET_JOBS);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, p->uri);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, p->user);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", NULL, "all");
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                (int)(sizeof(wanted) / sizeof(wanted[0])), NULL, wanted);

  if ((response = cj_do_read_request(p, request, "/")) == NULL ||
      ippGetStatusCode(response) > IPP_STATUS_OK_CONFLICTING)
  {
    ippDelete(response);
    return (cj_ipp_failure(p, _("Unable to list the print jobs")));
  }

  /* Walk the job groups; each ends at a separator (no name) or the end. */
  for (attr = ippFirstAttribute(response); attr; attr = ippNextAttribute(response))
  {
    int id = 0, state = 0;
    const char *name = "";

    if (ippGetGroupTag(attr) != IPP_TAG_JOB)
      continue;
    for (; attr && ippGetGroupTag(attr) == IPP_TAG_JOB && ippGetName(attr);
         attr = ippNextAttribute(response))
    {
      const char *an = ippGetName(attr);

      if (!strcmp(an, "job-id"))
        id = ippGetInteger(attr, 0);
      else if (!strcmp(an, "job-state"))
        state = ippGetInteger(attr, 0);
      else if (!strcmp(an, "job-name"))
        name = ippGetString(attr, 0, NULL);
    }
    if (id > 0 && cb(user_data, id, name, state))
      break;
    if (!attr)
      break;
  }
  ippDelete(response);
  return (CJ_OK);
}

/* Search state for cjJobFind. */
typedef struct
{
  const char *name;
  int id;
} cj_find_t;

/* cjJobsEach callback keeping the newest job with the wanted name. */
static int
cj_find_cb(void *user_data, int job_id, const char *job_name, int job_state)
{
  cj_find_t *f = user_data;

  (void)job_state;
  if (job_name && !strcmp(job_name, f->name) && job_id > f->id)
    f->id = job_id;
  return (0);
}

/* Find a job by name; see cupsjob.h. */
cj_status_t
cjJobFind(cj_printer_t *p, const char *job_name, int *job_id)
{
  cj_find_t f = { job_name, 0 };
  cj_status_t status;

  *job_id = 0;
  if ((status = cjJobsEach(p, cj_find_cb, &f)) != CJ_OK)
    return (status);
  if ((*job_id = f.id) == 0)
  {
    cj_set_error(p, _("No print job named \"%s\"."), job_name);
    return (CJ_NOT_FOUND);
  }
  return (CJ_OK);
}

/* Name of an outcome; see cupsjob.h. */
const char *
cjOutcomeString(cj_outcome_t outcome)
{
  switch (outcome)
  {
    case CJ_OUTCOME_PENDING :       return ("pending");
    case CJ_OUTCOME_PROCESSING :    return ("processing");
    case CJ_OUTCOME_COMPLETED :     return ("completed");
    case CJ_OUTCOME_CANCELED_BY_US : return ("canceled-by-us");
    case CJ_OUTCOME_FAILED :        return ("failed");
    case CJ_OUTCOME_SUSPECT :       return ("suspect");
    case CJ_OUTCOME_STOPPED :       return ("stopped");
    default :                       return ("unknown");
  }
}
