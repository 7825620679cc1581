/*
 * Backups of a ledger: its online copy and the check of a copy's file.
 * See blanko/inventory.h; the command (inventory backup) names the files,
 * verifies the copy and keeps the keys beside it.
 */

#include "db-private.h"
#include "store.h"


/* Copy the open ledger, as one snapshot, into path: an existing empty file
 * the caller made (its mode is the copy's).  The caller holds a read
 * transaction (invDbBeginRead); writers go on meanwhile. */
inv_status_t
invDbBackup(inv_db_t   *db,		/* I - Ledger, in a read transaction */
            const char *path)		/* I - Empty file to copy it into */
{
  return (storeBackupTo(db, path));
}


/* Check a ledger's file with SQLite's integrity check: INV_PROBLEM with
 * the first finding in problem when it is not sound. */
inv_status_t
invDbCheckIntegrity(inv_db_t *db,	/* I - Ledger */
                    char     *problem,	/* O - What is wrong, or "" */
                    size_t   problemsize)	/* I - Its size */
{
  bool		ok;
  inv_status_t	status = storeIntegrityCheck(db, &ok, problem, problemsize);

  return (status == INV_OK && !ok ? INV_PROBLEM : status);
}
