/*
 * Reading an import file: RFC 4180 CSV parsed with libcsv (quoted fields
 * holding commas, quotes and newlines; CRLF or LF; an optional UTF-8 BOM).
 * The whole file is read into memory, with the line each record starts on
 * and the file's SHA-256 (recorded in the import's event).
 */

#ifndef BLANKO_CSVFILE_H
#define BLANKO_CSVFILE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct csv_row_s		/* One record */
{
  int		line;			/* Line it starts on, from 1 */
  int		nfields;		/* Number of fields */
  char		**fields;		/* Their values, NUL-terminated */
  bool		has_nul;		/* A field held a NUL byte */
} csv_row_t;

typedef struct csv_file_s		/* A parsed file */
{
  csv_row_t	*rows;			/* Records; rows[0] is the header */
  size_t	nrows;
  char		sha256[65];		/* Hex SHA-256 of the file's bytes */
  char		error[512];		/* Why reading failed */
} csv_file_t;

extern bool	csvFileRead(const char *path, csv_file_t *f);
extern void	csvFileFree(csv_file_t *f);

#endif /* BLANKO_CSVFILE_H */
