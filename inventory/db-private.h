/*
 * Private definitions for the ledger database handle.
 */

#ifndef BLANKO_DB_PRIVATE_H
#define BLANKO_DB_PRIVATE_H

#include "blanko/inventory.h"
#include "store.h"

#include <sqlite3.h>
#include <time.h>

#define INV_APPLICATION_ID	0x424c4b4f	/* "BLKO" in the SQLite header */
#define INV_NAME_MAX		64		/* Longest user or account code */

struct inv_db_s				/* An open ledger */
{
  sqlite3	*sql;		/* The SQLite connection */
  char		*path;		/* File name */
  char		error[512];	/* Why the last call failed */
  char		actor[INV_NAME_MAX + 1],
				/* Registered user acting */
		via[INV_NAME_MAX + 1];
				/* OS account acting for them, or "" */
  bool		in_tx;		/* Inside invDbBegin? */
  bool		readonly;	/* Opened read-only (file not writable) */
  char		readonly_why[512];
				/* Why writes are refused, "" for the file's mode */
  struct timespec tx_start,	/* When invDbBegin got the write lock */
		tx_end;		/* When the last commit released it */
  sqlite3_stmt	*stmts[STORE_STMT_COUNT];
				/* Prepared statements, made on first use */
};

extern inv_status_t	invDbSetError(inv_db_t *db, inv_status_t status, const char *format, ...)
			__attribute__((format(printf, 3, 4)));
extern inv_status_t	invDbNoMemory(inv_db_t *db);
extern inv_status_t	invDbSqlError(inv_db_t *db, const char *what);
extern bool		invNameIsValid(const char *name);

#endif /* BLANKO_DB_PRIVATE_H */
