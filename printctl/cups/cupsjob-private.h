/*
 * Private structures of the CUPS job module.
 */

#ifndef BLANKO_CUPSJOB_PRIVATE_H
#define BLANKO_CUPSJOB_PRIVATE_H

#include <cups/cups.h>
#include "cupsjob.h"

/* The PWG name of an ID-1 card (portrait, 53.98 x 85.6 mm). */
#define CJ_ID1_MEDIA	"iso_id-1_53.98x85.6mm"
#define CJ_A4_MEDIA	"iso_a4_210x297mm"	/* Documents on an ordinary queue (cjPrinterOpenA4) */
#define CJ_ID1_WIDTH	5398		/* hundredths of mm */
#define CJ_ID1_LENGTH	8560

struct _cj_conn_s
{
  http_t	*http;			/* Connection to cupsd, NULL until made */
  int		refs;			/* Holders: its maker and each printer */
  cj_printer_t	*streaming;		/* Printer whose document is being sent
					   (the connection is busy), or NULL */
};

struct _cj_printer_s
{
  cj_conn_t	*conn;			/* Connection, perhaps shared */
  cups_dest_t	*dest;			/* The queue */
  cups_dinfo_t	*dinfo;			/* Its capabilities */
  char		*queue;			/* Queue name */
  char		*user;			/* requesting-user-name */
  char		uri[1024];		/* ipp://localhost/printers/queue */
  char		media[128];		/* Media keyword sent with every card */
  int		a4;			/* Opened by cjPrinterOpenA4: A4 documents, not cards */
  char		errmsg[512];		/* Last error */
  int		*canceled;		/* Jobs we asked to cancel: cupsd does
					   not say who canceled a job */
  size_t	num_canceled, alloc_canceled;
};

struct _cj_doc_s
{
  cj_printer_t	*printer;		/* Queue */
  int		failed;			/* A write failed */
};

#endif /* BLANKO_CUPSJOB_PRIVATE_H */
