/*
 * The PDF writer of the reports (pdf.c): A4 pages, text laid out
 * with pango.  It is a module of its own, report-pdf.so, that the inventory
 * program opens with dlopen() only when a report is asked for as PDF
 * (module.c), so that the other commands do not load cairo, pango
 * and glib at every start.
 *
 * The module exports one symbol, rpdfModule, a table of its functions.
 * Any change to this table or to what its functions take is a new
 * RPDF_MODULE_VERSION: a module of another version is refused.  The
 * version stays the first member, whatever else changes.
 *
 * This header is shared by the program and the module and needs nothing
 * but the C library.
 */

#ifndef BLANKO_REPORT_PDF_H
#define BLANKO_REPORT_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define RPDF_MODULE_VERSION	2	/* Of rpdf_module_t */
#define RPDF_MODULE_SYMBOL	"rpdfModule"
#define RPDF_MODULE_FILE	"report-pdf.so"

typedef struct rpdf_s rpdf_t;		/* A PDF being written */

typedef struct rpdf_module_s		/* What the module does, by version */
{
  unsigned	version;	/* RPDF_MODULE_VERSION it was built with */
  /* Start a PDF written to fp (opened by blankoOutOpen, closed by the
     caller after finish); footer goes on every page with its number;
     NULL: out of memory */
  rpdf_t	*(*create)(FILE *fp, const char *footer);
  /* Finish it; false with the reason when it or a write to fp failed */
  bool		(*finish)(rpdf_t *pdf, char *error, size_t errorsize);
  void		(*title)(rpdf_t *pdf, const char *text);
  void		(*heading)(rpdf_t *pdf, const char *text);
  void		(*text)(rpdf_t *pdf, const char *text);
  void		(*small)(rpdf_t *pdf, const char *text);
  void		(*field)(rpdf_t *pdf, const char *label, const char *value);
  void		(*field_code)(rpdf_t *pdf, const char *label, const char *value);
  void		(*row)(rpdf_t *pdf, int ncols, const double *widths, const char * const *cells, bool bold);
  void		(*flow)(rpdf_t *pdf, int ncols, const char * const *items, size_t nitems);
  void		(*signatures)(rpdf_t *pdf, int n, const char * const *captions, const char * const *names);
  void		(*chart)(rpdf_t *pdf, const char *title, const char * const *labels, const double *values, size_t n);
  void		(*space)(rpdf_t *pdf, double mm);
} rpdf_module_t;

extern const rpdf_module_t	rpdfModule;	/* In report-pdf.so */

#endif /* BLANKO_REPORT_PDF_H */
