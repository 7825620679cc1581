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

#define RPDF_MODULE_VERSION	4	/* Of rpdf_module_t */
#define RPDF_MODULE_SYMBOL	"rpdfModule"
#define RPDF_MODULE_FILE	"report-pdf.so"

typedef struct rpdf_s rpdf_t;		/* A PDF being written */

/*
 * An official document (berita acara, handover record, certificate) is
 * described, not drawn: its letterhead, footer and a list of blocks that
 * the module lays out (the "document" function below).  The module keeps
 * headings with what follows, moves a table row, a signature row or a
 * kept block to the next page as a whole, repeats a table's head rows on
 * each page, and numbers the pages "Halaman X dari Y" (it lays the
 * document out twice: the first time only to count the pages).
 */

typedef enum rpdf_kind_e		/* Kinds of block */
{
  RPDF_TITLE,				/* text: centred, bold, large; lines split at \n */
  RPDF_HEADING,				/* text: bold, kept with the next block */
  RPDF_PARA,				/* text: a paragraph, align as given */
  RPDF_TABLE,				/* cells: rows of ncols cells */
  RPDF_SIGNS,				/* cells: signers, 3 cells each (caption, name, under the name) */
  RPDF_BOX,				/* text: heading; cells: label and value rows (value in a
					   fixed-width font); note: small print; qr: drawn as a QR
					   code at the right; all in a ruled box */
  RPDF_BREAK,				/* A new page */
  RPDF_SPACE				/* mm of vertical space */
} rpdf_kind_t;

typedef enum rpdf_align_e		/* Alignment of a paragraph */
{
  RPDF_LEFT, RPDF_CENTRE, RPDF_RIGHT, RPDF_JUSTIFY
} rpdf_align_t;

typedef struct rpdf_block_s		/* One block of a document */
{
  rpdf_kind_t	kind;			/* What it is */
  const char	*text;			/* Its text (title, heading, paragraph, box heading) */
  const char	*note;			/* RPDF_BOX: small print under the rows */
  const char	*qr;			/* RPDF_BOX: text shown as a QR code (level M), or NULL */
  rpdf_align_t	align;			/* RPDF_PARA, RPDF_HEADING: alignment */
  bool		bold;			/* RPDF_PARA: in bold */
  double	mm;			/* RPDF_SPACE: height; RPDF_PARA, RPDF_TABLE: left indent */
  int		ncols;			/* RPDF_TABLE: columns; RPDF_SIGNS: signers per row (1-3) */
  const double	*widths;		/* RPDF_TABLE: column widths, mm */
  const char	*aligns;		/* RPDF_TABLE: per column 'l', 'c' or 'r' (NULL: all 'l') */
  const char * const *cells;		/* Rows of cells, row by row */
  size_t	nrows;			/* How many rows (RPDF_SIGNS: signers) */
  int		head,			/* RPDF_TABLE: head rows (bold, repeated on each page) */
		foot;			/* RPDF_TABLE: last rows in bold (totals) */
  bool		grid,			/* RPDF_TABLE: ruled cells */
		keep,			/* RPDF_TABLE: the whole table on one page when it fits */
		small;			/* RPDF_TABLE: in small print (long lists) */
} rpdf_block_t;

typedef struct rpdf_doc_s		/* A document */
{
  const char	*kop[3];		/* Letterhead: government, office, address ("" skipped),
					   on the first page over a double rule */
  const char	*footer;		/* On every page before the page number (the document's number) */
  const char	*page,			/* "Halaman" */
		*of;			/* "dari" */
  const rpdf_block_t *blocks;		/* What it says */
  size_t	nblocks;
} rpdf_doc_t;

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
  /* Write a whole document to fp (see rpdf_doc_t); false with the reason
     when a write to fp failed */
  bool		(*document)(FILE *fp, const rpdf_doc_t *doc, char *error, size_t errorsize);
} rpdf_module_t;

extern const rpdf_module_t	rpdfModule;	/* In report-pdf.so */

#endif /* BLANKO_REPORT_PDF_H */
