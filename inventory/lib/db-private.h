/*
 * Private definitions for the ledger database handle.
 */

#ifndef BLANKO_DB_PRIVATE_H
#define BLANKO_DB_PRIVATE_H

#include "blanko/inventory.h"

#include <time.h>

#define INV_APPLICATION_ID	0x424c4b4f	/* "BLKO" in the SQLite header */
#define INV_NAME_MAX		64		/* Longest user or account code */
#define INV_DB_STMT_SLOTS	16		/* Store files with cached statements (store-private.h) */
#define INV_DB_IDS		16		/* Accounts and series whose ids the handle keeps */


typedef struct inv_db_ids_s		/* Ids found by code, kept on the handle (store-account.c) */
{
  int		naccounts, nseries;
  struct
  {
    char	code[INV_NAME_MAX + 1];
    int64_t	id;
    inv_kind_t	kind;
  }		accounts[INV_DB_IDS];	/* Accounts: code, id and kind never change */
  struct
  {
    char	prefix[INV_PREFIX_MAX + 1];
    int		width;
    int64_t	id;
  }		series[INV_DB_IDS];	/* Series: prefix and width never change */
} inv_db_ids_t;

/* The handle holds SQLite's types by their struct names: only db.c,
 * schema.c and the store files (store-private.h) include <sqlite3.h>. */

struct inv_db_s				/* An open ledger */
{
  struct sqlite3 *sql;		/* The SQLite connection */
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
  int64_t	tx_first_event;	/* First event the open transaction appended,
				 * 0 if none yet (chain.c) */
  inv_status_t	(*commit_hook)(struct inv_db_s *db);
				/* Runs before committing a transaction that
				 * appended events, or NULL (anchor.c: the
				 * day-end checkpoints) */
  char		number_format[2][128];
  char		handover_format[128];	/* [documents] handover_number, "" for the default */
  char		suket_format[128];	/* [documents] suket_number, "" for the default */
  bool		print_delivery;	/* invPrintNext in delivery order (invPrintSetOrder)? */
				/* Official number formats by record type,
				 * "" for the default (record.c) */
  inv_db_ids_t	*ids;		/* Account and series ids found, or NULL;
				 * forgotten on rollback (a row found may
				 * have been made by the rolled-back work) */
  struct sqlite3_stmt *tx_stmts[2];
				/* BEGIN IMMEDIATE and COMMIT, prepared on
				 * first use (db.c: one parse per handle, not
				 * per transaction) */
  struct sqlite3_stmt **stmts[INV_DB_STMT_SLOTS];
				/* Prepared statements by store file and statement,
				 * made on first use (store.c) */
};

extern inv_status_t	_invDbSetError(inv_db_t *db, inv_status_t status, const char *format, ...)
			__attribute__((format(printf, 3, 4)));
extern inv_status_t	_invDbNoMemory(inv_db_t *db);
extern inv_status_t	_invDbSqlError(inv_db_t *db, const char *what);
extern bool		_invNameIsValid(const char *name);
extern bool		_invDbInTransaction(inv_db_t *db);

/* The schema's SQL (schema.c), below db.c and called only by it */
extern int		_invSchemaVersion(void);
extern bool		_invSchemaRead(struct sqlite3 *sql, const char *query, int *value);
extern bool		_invSchemaMigrate(struct sqlite3 *sql, int from);

#endif /* BLANKO_DB_PRIVATE_H */
