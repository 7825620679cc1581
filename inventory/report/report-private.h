/*
 * Reports of the inventory program: destruction records, reconciliation
 * and stock, as text, JSON, CSV and PDF (report-*.c).  The library gives
 * the data; these files only lay it out.
 */

#ifndef BLANKO_REPORT_PRIVATE_H
#define BLANKO_REPORT_PRIVATE_H

#include "blanko/anchor.h"
#include "blanko/cli.h"
#include "blanko/config.h"
#include "blanko/i18n.h"

#include <getopt.h>
#include <jansson.h>
#include "pdf.h"
#include "blanko/outfile.h"

#include <stdio.h>
#include <time.h>

typedef struct rep_group_s		/* Serials of a record with one origin and reason */
{
  char		state[65];	/* spoiled, invalid, or a location */
  char		reason[201];	/* Why */
  inv_list_t	*serials;	/* Merged ranges */
} rep_group_t;

typedef struct rep_record_s		/* A record with its serials, for showing */
{
  inv_record_t	*record;	/* The record (one allocation) */
  rep_group_t	*groups;	/* By origin and reason */
  size_t	ngroups;
  inv_list_t	*all;		/* Every serial */
  int64_t	spoiled,	/* Serials by origin */
		invalid;
  inv_anchor_t	anchor;		/* Signed checkpoint of the head it seals */
  bool		signed_;	/* Is there one? */
  bool		failed;		/* Out of memory while loading */
} rep_record_t;

extern inv_status_t	repRecordLoad(inv_db_t *db, inv_record_type_t type, int64_t id, rep_record_t *view);
extern void		repRecordFree(rep_record_t *view);
extern json_t		*repRecordJson(const rep_record_t *view);
extern const char	*repPerson(const char *name, const char *via, char *buf, size_t bufsize);
extern void		repMaskNik(const char *nik, char *out, size_t outsize);
extern void		repCsvText(FILE *fp, const char *text);

/* The PDF writer (report-pdf.so, see pdf.h), loaded on first use
   by module.c; CLI_REFUSED with the reason when it cannot be */
extern int		repPdfLoad(cli_t *cli, const rpdf_module_t **pw);

/* What the reports' PDFs share (pdfdoc.c): the opening (footer "OFFICE  -
   footer...", title, office, one line), NULL with the reason in error when
   out of memory; and a heading over a table's bold head row */
extern rpdf_t		*repPdfStart(cli_t *cli, const rpdf_module_t *pw, FILE *fp, const char *title,
			             const char *line, char *error, size_t errorsize, const char *footer, ...)
			__attribute__((format(printf, 8, 9)));
extern void		repPdfTable(const rpdf_module_t *pw, rpdf_t *pdf, const char *heading, int ncols,
			            const double *widths, const char * const *head);

/* An official document being built (pdfdoc.c): blocks for the PDF
   writer's "document" function, their text and cells kept in a pool */
typedef struct rep_doc_s
{
  rpdf_doc_t	doc;		/* Letterhead, footer, page labels; blocks set by repDocWrite */
  rpdf_block_t	*blocks;	/* The blocks */
  size_t	nblocks, ablocks;
  void		**pool;		/* Allocations freed with the document */
  size_t	npool, apool;
  bool		failed;		/* Out of memory somewhere */
} rep_doc_t;

typedef struct rep_lang_s	/* The user's language, saved while a document is written */
{
  bool		had_language;
  char		language[256];	/* $LANGUAGE */
  char		messages[256];	/* LC_MESSAGES */
} rep_lang_t;

extern void		repDocInit(rep_doc_t *d);
extern const char	*repDocText(rep_doc_t *d, const char *format, ...) __attribute__((format(printf, 2, 3)));
extern const char	**repDocCells(rep_doc_t *d, size_t n);
extern rpdf_block_t	*repDocAdd(rep_doc_t *d, rpdf_kind_t kind);
extern void		repDocPara(rep_doc_t *d, rpdf_align_t align, const char *text);
extern bool		repDocWrite(rep_doc_t *d, const rpdf_module_t *pw, FILE *fp, char *error, size_t errorsize);
extern void		repDocFree(rep_doc_t *d);
extern const char	*repDocUpper(rep_doc_t *d, const char *text);
extern const char	*repDocMonth(int month);
extern const char	*repDocDate(rep_doc_t *d, const char *ymd);
extern void		repDocLangBegin(rep_lang_t *saved, bool lang_en);
extern void		repDocLangEnd(const rep_lang_t *saved);
extern const char	*repDocCount(rep_doc_t *d, int64_t n, bool lang_en);
extern void		repDocOfficial(cli_t *cli, const char *user, const char *via, inv_person_t *p);
extern void		repDocDayWords(const struct tm *tm, bool lang_en, const char **weekday, char *day, char *year);
extern void		repDocPlaceDate(rep_doc_t *d, const char *city, const struct tm *tm);
extern void		repDocHeadSign(rep_doc_t *d, const blanko_config_t *config);
extern void		repDocParty(rep_doc_t *d, const char **c, const char *no, const inv_person_t *p, const char *called);
/* The corrections of a reconciliation's period (corrections.c): receipts
   voided, short shipments, transfers with a handover reference or note */
typedef struct rep_corrections_s
{
  json_t	*voided, *shorts, *transfers;	/* Arrays of objects */
} rep_corrections_t;

extern inv_status_t	repCorrectionsLoad(inv_db_t *db, const char *since, const char *until, rep_corrections_t *c);
extern void		repCorrectionsFree(rep_corrections_t *c);
extern void		repCorrectionsJson(json_t *obj, const rep_corrections_t *c);
extern void		repCorrectionsText(FILE *fp, const rep_corrections_t *c);
extern void		repCorrectionsDoc(rep_doc_t *d, const rep_corrections_t *c);

/* A signed checkpoint as JSON (anchor.c) */
extern json_t		*repAnchorJson(const inv_anchor_t *a);

/* A report's output file (blankoOutOpen/blankoOutClose), failures on cli */
extern int		repBacklog(cli_t *cli, const char *format, const char *lang, const char *out);
/* Printed cards by kecamatan and kelurahan, or a kelurahan's delivery list (distribution.c, issue 14) */
extern int		repDistribution(cli_t *cli, const char *format, const char *lang, const char *out, const char *list);
extern int		repOutOpen(cli_t *cli, blanko_out_t *out, const char *path);
extern int		repOutClose(cli_t *cli, blanko_out_t *out, const char *why);

/* A report's layouts, each given the report's data (module.c: repWrite) */
typedef struct rep_writer_s
{
  json_t	*(*json)(cli_t *cli, const void *data);	/* JSON object (reference handed over) */
  void		(*csv)(FILE *fp, const void *data);	/* CSV, or NULL: the report has none */
  void		(*text)(FILE *fp, cli_t *cli, const void *data);
  bool		(*pdf)(FILE *fp, cli_t *cli, const rpdf_module_t *pw, const void *data, char *error,
		       size_t errorsize);		/* false with the reason in error */
} rep_writer_t;

/* Write data as format (text, csv, json, pdf) to out: the PDF Indonesian
   unless lang is en, the text in the user's language unless lang says another */
extern int		repWrite(cli_t *cli, const rep_writer_t *w, const void *data, const char *format,
			         const char *lang, const char *out);

/* The handover record of a dispatch (handover-pdf.c, issue 14) */
extern int		repHandoverPdf(cli_t *cli, const rpdf_module_t *pw, const char *ref, bool lang_en, const char *path);
extern int		repHandoverPdfTo(cli_t *cli, const rpdf_module_t *pw, const char *ref, bool lang_en, blanko_out_t *out);
extern int		repHandover(cli_t *cli, const char *ref, const char *lang, const char *out);

/* A temporary certificate's PDF (suket-pdf.c, issue 15) */
extern int		repSuket(cli_t *cli, const char *format, bool list, const char *path);
extern int		repSuketExport(cli_t *cli, const char *out);
extern int		repSuketPdfTo(cli_t *cli, const rpdf_module_t *pw, int64_t id, const char *payload, blanko_out_t *out);

/* The destruction record's PDF (destruction-pdf.c) */
extern int		repDestructionPdf(cli_t *cli, const rpdf_module_t *pw, const rep_record_t *v, bool lang_en,
			                  const char *path);

/* The blanks needed with the formula's inputs as JSON (supply.c) */
struct inv_supply_need_s;
/* A request for blanks' state in the language of the messages (supply.c) */
extern const char	*repSupplyState(const char *state);

/* Report commands */
extern int	repDestruction(cli_t *cli, int64_t id, const char *format, const char *lang, const char *out);
extern int	repReconcile(cli_t *cli, const char *from, const char *to, const char *format, const char *lang, const char *out);
extern int	repStock(cli_t *cli, const char *format, const char *lang, const char *out);
extern int	repSupply(cli_t *cli, const char *from, const char *to, const char *format, const char *lang, const char *out);

#endif /* BLANKO_REPORT_PRIVATE_H */
