/*
 * Reports of the inventory program: destruction records, reconciliation
 * and stock, as text, JSON, CSV and PDF (report-*.c).  The library gives
 * the data; these files only lay it out.
 */

#ifndef BLANKO_REPORT_PRIVATE_H
#define BLANKO_REPORT_PRIVATE_H

#include "commands.h"

#include <stdio.h>

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
  bool		failed;		/* Out of memory while loading */
} rep_record_t;

extern inv_status_t	repRecordLoad(inv_db_t *db, inv_record_type_t type, int64_t id, rep_record_t *view);
extern void		repRecordFree(rep_record_t *view);
extern json_t		*repRecordJson(const rep_record_t *view);
extern void		repMaskNik(const char *nik, char *out, size_t outsize);

/* The PDF writer (report-pdf.c): A4 pages, text laid out with pango */
typedef struct rpdf_s rpdf_t;

extern rpdf_t		*rpdfCreate(const char *path, const char *footer);
extern bool		rpdfFinish(rpdf_t *pdf, char *error, size_t errorsize);
extern void		rpdfTitle(rpdf_t *pdf, const char *text);
extern void		rpdfHeading(rpdf_t *pdf, const char *text);
extern void		rpdfText(rpdf_t *pdf, const char *text);
extern void		rpdfSmall(rpdf_t *pdf, const char *text);
extern void		rpdfField(rpdf_t *pdf, const char *label, const char *value);
extern void		rpdfFieldCode(rpdf_t *pdf, const char *label, const char *value);
extern void		rpdfRow(rpdf_t *pdf, int ncols, const double *widths, const char * const *cells, bool bold);
extern void		rpdfFlow(rpdf_t *pdf, int ncols, const char * const *items, size_t nitems);
extern void		rpdfSignatures(rpdf_t *pdf, int n, const char * const *captions, const char * const *names);
extern void		rpdfChart(rpdf_t *pdf, const char *title, const char * const *labels, const double *values, size_t n);
extern void		rpdfSpace(rpdf_t *pdf, double mm);

/* Report commands */
extern int	repDestruction(cli_t *cli, int64_t id, const char *format, const char *lang, const char *out);
extern int	repReconcile(cli_t *cli, const char *from, const char *to, const char *format, const char *lang, const char *out);
extern int	repStock(cli_t *cli, const char *format, const char *lang, const char *out);

#endif /* BLANKO_REPORT_PRIVATE_H */
