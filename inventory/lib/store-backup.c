/*
 * The storage layer's copy of a whole ledger (SQLite's online backup) and
 * its integrity check.  See store.h.
 *
 * The copy is taken inside the caller's read transaction (invDbBeginRead):
 * the first read pins one snapshot, so every step copies the same ledger
 * and no step starts over when another connection (the print controller)
 * commits meanwhile.  A reader never blocks writers of a WAL ledger, and
 * the copy goes in steps, a short pause between them, so that the copy
 * does not take the disk from them either.
 */

#include "store-private.h"
#include "blanko/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define BACKUP_PAGES	1024		/* Pages copied per step (1 MB of 1 kB pages; 4 MB of a
					 * ledger made with 4 kB pages before issue 17) */
#define BACKUP_PAUSE	1		/* Milliseconds between steps */
#define BACKUP_BUSY_MAX	3000		/* Busy steps (10 ms apart) before giving up */


/* Copy the whole ledger into the SQLite file at path (existing and empty:
 * the caller made it, with its mode); the caller holds a read transaction. */
inv_status_t
storeBackupTo(inv_db_t   *db,		/* I - Ledger, in a read transaction */
              const char *path)		/* I - Empty file to copy it into */
{
  sqlite3		*dst = NULL;
  sqlite3_backup	*b;
  int			rc, busy = 0;
  inv_status_t		status = INV_OK;

  if (sqlite3_exec(db->sql, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK)	/* pin the snapshot */
    return (_invDbSqlError(db, _("reading the ledger to back it up")));
  if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
  {
    status = _invDbSetError(db, INV_ERROR, _("cannot open the backup %s: %s"), path,
                            dst ? sqlite3_errmsg(dst) : strerror(ENOMEM));
    sqlite3_close(dst);
    return (status);
  }
  if ((b = sqlite3_backup_init(dst, "main", db->sql, "main")) == NULL)
  {
    status = _invDbSetError(db, INV_ERROR, _("cannot back up the ledger to %s: %s"), path, sqlite3_errmsg(dst));
    sqlite3_close(dst);
    return (status);
  }
  do
  {
    rc = sqlite3_backup_step(b, BACKUP_PAGES);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
      sqlite3_sleep(10);
    else if (rc == SQLITE_OK)
      sqlite3_sleep(BACKUP_PAUSE);
  }
  while (rc == SQLITE_OK || ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++ busy < BACKUP_BUSY_MAX));
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE)
    status = _invDbSetError(db, INV_ERROR, _("cannot back up the ledger to %s: %s"), path, sqlite3_errstr(rc));
  if (sqlite3_close(dst) != SQLITE_OK && status == INV_OK)
    status = _invDbSetError(db, INV_ERROR, _("cannot finish the backup %s"), path);
  return (status);
}


/* SQLite's own check of the file (PRAGMA integrity_check): *ok, and what
 * it found first in problem. */
inv_status_t
storeIntegrityCheck(inv_db_t *db,	/* I - Ledger */
                    bool     *ok,	/* O - Did it say "ok"? */
                    char     *problem,	/* O - Its first finding, or "" */
                    size_t   problemsize)	/* I - Its size */
{
  sqlite3_stmt	*st;
  int		rc;

  *ok = false;
  *problem = '\0';
  if (sqlite3_prepare_v2(db->sql, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
    return (_invDbSqlError(db, _("checking the file's integrity")));
  if ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    const char *text = (const char *)sqlite3_column_text(st, 0);

    *ok = text && !strcmp(text, "ok");
    snprintf(problem, problemsize, "%s", *ok || !text ? "" : text);
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW)
    return (_invDbSqlError(db, _("checking the file's integrity")));
  return (INV_OK);
}
