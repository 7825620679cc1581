/*
 * Opening and closing the ledger, its transactions and its error message.
 *
 * One SQLite file is the system of record: WAL so that readers never wait
 * for the writer, synchronous=FULL so that an acknowledged write survives a
 * power cut, a busy timeout so that several processes share it, and
 * foreign keys on.
 */

#include "db-private.h"
#include "blanko/i18n.h"

#include <sqlite3.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define DEFAULT_BUSY_MSEC 30000		/* Wait this long for another writer */


/* Record why the last call failed and return status. */
inv_status_t
_invDbSetError(inv_db_t     *db,		/* I - Ledger */
               inv_status_t status,		/* I - Status to return */
               const char   *format,		/* I - printf-style message */
               ...)
{
  va_list ap;

  va_start(ap, format);
  vsnprintf(db->error, sizeof(db->error), format, ap);
  va_end(ap);
  return (status);
}


/* Out of memory: set the handle's error to the one message; INV_ERROR. */
inv_status_t
_invDbNoMemory(inv_db_t *db)		/* I - Ledger */
{
  return (_invDbSetError(db, INV_ERROR, "%s", i18nNoMemory()));
}


/* Did the last call on the handle fail for a full disk?  One met while
 * making the WAL or shared-memory file shows as an I/O error. */
static bool
db_disk_full(inv_db_t *db)		/* I - Ledger */
{
  int rc = sqlite3_extended_errcode(db->sql);

  return ((rc & 0xff) == SQLITE_FULL ||
          ((rc & 0xff) == SQLITE_IOERR &&
           (sqlite3_system_errno(db->sql) == ENOSPC || sqlite3_system_errno(db->sql) == EDQUOT)));
}


/* Record a failure of SQLite while doing "what", in words a user can act on. */
inv_status_t
_invDbSqlError(inv_db_t   *db,		/* I - Ledger */
               const char *what)	/* I - What was being done */
{
  int rc = db_disk_full(db) ? SQLITE_FULL : sqlite3_extended_errcode(db->sql);

  switch (rc & 0xff)
  {
    case SQLITE_READONLY :
    case SQLITE_PERM :
    case SQLITE_CANTOPEN :
        return (_invDbSetError(db, INV_ERROR, _("%s cannot be written (read-only file or folder) while %s"),
                              db->path, what));
    case SQLITE_BUSY :
    case SQLITE_LOCKED :
        return (_invDbSetError(db, INV_ERROR, _("%s is locked by another program; gave up while %s"),
                              db->path, what));
    case SQLITE_FULL :
        return (_invDbSetError(db, INV_ERROR, _("%s: the disk is full while %s"), db->path, what));
    case SQLITE_NOTADB :
        return (_invDbSetError(db, INV_REFUSED, _("%s is not a blanko database"), db->path));
    case SQLITE_CORRUPT :
        return (_invDbSetError(db, INV_ERROR, _("%s is damaged (%s) while %s"), db->path,
                              sqlite3_errmsg(db->sql), what));
    default :
        return (_invDbSetError(db, INV_ERROR, _("%s: %s while %s"), db->path, sqlite3_errmsg(db->sql), what));
  }
}


/* Why the last call on this handle failed. */
const char *
invDbGetError(inv_db_t *db)		/* I - Ledger */
{
  return (db ? db->error : i18nNoMemory());
}


/* The file name of the ledger. */
const char *
invDbGetPath(inv_db_t *db)		/* I - Ledger */
{
  return (db->path);
}


/* Run SQL that returns nothing. */
static inv_status_t
db_exec(inv_db_t *db, const char *sql, const char *what)
{
  if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
    return (_invDbSqlError(db, what));
  return (INV_OK);
}


typedef struct walbuf_file_s walbuf_file_t;
static walbuf_file_t	*walbuf_arm(sqlite3 *sql);
static void		walbuf_disarm(walbuf_file_t *f, bool committed);


/* Run BEGIN IMMEDIATE (which 0) or COMMIT (1) from a statement prepared
 * once per handle: a single move is a transaction, and parsing these two
 * anew with sqlite3_exec was a measurable part of it (issue 17).  what
 * is translated only when it is said (an error): not twice per move. */
static inv_status_t
db_exec_tx(inv_db_t *db, int which, const char *what)
{
  static const char * const sql[2] = { "BEGIN IMMEDIATE", "COMMIT" };
  sqlite3_stmt	*st = db->tx_stmts[which];
  walbuf_file_t	*wal;
  inv_status_t	status;
  int		rc;

  if (!st && sqlite3_prepare_v3(db->sql, sql[which], -1, SQLITE_PREPARE_PERSISTENT, &db->tx_stmts[which], NULL) != SQLITE_OK)
    return (_invDbSqlError(db, _(what)));
  st = db->tx_stmts[which];
  wal = which ? walbuf_arm(db->sql) : NULL;	/* the COMMIT's frames in one write */
  rc = sqlite3_step(st);
  walbuf_disarm(wal, rc == SQLITE_DONE);
  status = rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _(what));
  sqlite3_reset(st);
  return (status);
}


/* The schema version this program writes. */
int
invDbGetSchemaVersion(void)
{
  return (_invSchemaVersion());
}


/*
 * Check that an existing file is a blanko ledger this program can use,
 * migrating an older one in place in one transaction (schema.c).
 */

static inv_status_t
db_schema_check(inv_db_t *db)		/* I - Ledger */
{
  int		app, version, current = invDbGetSchemaVersion();
  inv_status_t	status;

  if (!_invSchemaRead(db->sql, "PRAGMA application_id", &app))
    return (_invDbSetError(db, INV_REFUSED, _("%s is not a blanko database"), db->path));
  if (app != INV_APPLICATION_ID)
  {
    int tables = 0;

    _invSchemaRead(db->sql, "SELECT count(*) FROM sqlite_master", &tables);
    if (app == 0 && tables == 0)
      return (_invDbSetError(db, INV_REFUSED, _("%s holds no ledger yet (run 'inventory init')"), db->path));
    return (_invDbSetError(db, INV_REFUSED, _("%s is not a blanko database"), db->path));
  }
  if (!_invSchemaRead(db->sql, "PRAGMA user_version", &version))
    return (_invDbSqlError(db, _("reading the file header")));
  if (version > current)
    return (_invDbSetError(db, INV_REFUSED,
                          _("%s was written by a newer blanko (schema %d; this program knows %d)"),
                          db->path, version, current));
  if (version == current)
    return (INV_OK);

  if ((status = invDbBegin(db)) != INV_OK)
    return (status);
  if (!_invSchemaMigrate(db->sql, version))
  {
    status = _invDbSqlError(db, _("updating the schema"));
    invDbRollback(db);
    return (status);
  }
  return (invDbCommit(db));
}


/* Make a "file:" URI of a path with the given query ("immutable=1"). */
static void
db_uri(char       *uri,			/* O - URI */
       size_t     size,			/* I - Size of uri */
       const char *path,		/* I - File name */
       const char *query)		/* I - Query, without '?' */
{
  char *u = uri;

  u += snprintf(u, size, "file:");
  for (const char *p = path; *p && u < uri + size - strlen(query) - 8; p ++)
    if (*p == '%' || *p == '?' || *p == '#')
      u += snprintf(u, 4, "%%%02X", (unsigned char)*p);
    else
      *u++ = *p;
  snprintf(u, size - (size_t)(u - uri), "?%s", query);
}


/* The folder a path is in ("." for a bare name). */
static void
db_folder(char       *dir,		/* O - Folder */
          size_t     size,		/* I - Size of dir */
          const char *path)		/* I - File name */
{
  const char *slash = strrchr(path, '/');

  if (!slash)
    snprintf(dir, size, ".");
  else if (slash == path)
    snprintf(dir, size, "/");
  else
    snprintf(dir, size, "%.*s", (int)(slash - path), path);
}


/*
 * Can nobody write this ledger, its write-ahead log or its folder (a
 * read-only medium, or a copy with every write bit taken off)?  Only then
 * may it be read without locks: no writer can start while it is read.
 */

static bool
db_is_fixed_copy(const char *path,	/* I - Ledger */
                 const char *wal,	/* I - Its write-ahead log */
                 const char *dir)	/* I - Its folder */
{
  struct statvfs	fs;
  struct stat		f, w, d;

  if (!statvfs(dir, &fs) && (fs.f_flag & ST_RDONLY))
    return (true);
  return (!stat(path, &f) && !stat(wal, &w) && !stat(dir, &d) &&
          !((f.st_mode | w.st_mode | d.st_mode) & (S_IWUSR | S_IWGRP | S_IWOTH)));
}


/*
 * Open a ledger this account may not write, so that reading and verifying
 * a write-protected copy still works.  A cleanly closed ledger has no WAL
 * content, so it can be opened immutable (no -shm needed); one with a
 * live WAL must be read through it, with the -shm index SQLite keeps
 * beside it.  A copy with a WAL and no -shm, in a folder where this
 * account cannot make one, is read with the index in memory (the
 * "unix-none" VFS in exclusive locking mode, which never uses -shm), but
 * only when nobody can write it; otherwise say so.
 */

static inv_status_t
open_readonly(inv_db_t   *d,		/* I - Ledger being opened */
              const char *dir)		/* I - Its folder */
{
  char		uri[2200], wal[1100], shm[1100];
  struct stat	info;

  snprintf(wal, sizeof(wal), "%s-wal", d->path);
  snprintf(shm, sizeof(shm), "%s-shm", d->path);
  d->readonly = true;
  if (!stat(wal, &info) && info.st_size > 0)
  {
    if (stat(shm, &info) && eaccess(dir, W_OK | X_OK))
    {
      if (!db_is_fixed_copy(d->path, wal, dir))
        return (_invDbSetError(d, INV_REFUSED, _("cannot read %s: its write-ahead log %s needs %s beside it, and this account "
                                                "cannot create files in %s; run any inventory command on it once as an "
                                                "account that may write there (that folds the log into the ledger), or "
                                                "make the copy read-only for everyone (chmod a-w) to read it as it is"),
                              d->path, wal, shm, dir));
      db_uri(uri, sizeof(uri), d->path, "mode=ro&vfs=unix-none");
      if (sqlite3_open_v2(uri, &d->sql, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
          sqlite3_exec(d->sql, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL) != SQLITE_OK)
        return (INV_ERROR);
      return (INV_OK);
    }
    return (sqlite3_open_v2(d->path, &d->sql, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK ? INV_OK : INV_ERROR);
  }
  db_uri(uri, sizeof(uri), d->path, "immutable=1");
  return (sqlite3_open_v2(uri, &d->sql, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK
          ? INV_OK : INV_ERROR);
}


/*
 * Open a ledger for reading on a full disk.  A WAL ledger's readers share
 * an index in the -shm file, which SQLite makes and sizes at the first
 * read: on a full disk that fails.  In exclusive locking mode SQLite keeps
 * the index in memory instead and writes nothing (nor checkpoints at
 * close); the price, a lock that
 * keeps writers out until this command ends, is paid only here, when
 * writers fail on the full disk anyway.
 */

static inv_status_t
open_full_disk(inv_db_t *d)
{
  sqlite3_close(d->sql);
  d->sql = NULL;
  d->readonly = true;			/* invDbBegin refuses: this command only reads */
  /* Read-write: the exclusive lock needs a file open for writing. */
  if (sqlite3_open_v2(d->path, &d->sql, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL) !=
      SQLITE_OK)
    return (d->sql ? _invDbSqlError(d, _("opening")) : _invDbNoMemory(d));
  sqlite3_extended_result_codes(d->sql, 1);
  sqlite3_db_config(d->sql, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);	/* no write at close either */
  sqlite3_busy_timeout(d->sql, DEFAULT_BUSY_MSEC);
  return (db_exec(d, "PRAGMA locking_mode = EXCLUSIVE; PRAGMA foreign_keys = ON;", _("opening")));
}


/*
 * Check where a ledger is, before SQLite opens it, and say what is wrong
 * and how to mend it: not there, a symbolic link, not a file, writable by
 * every account (or in a folder every account may write without the
 * sticky bit), or unreadable for this account.  For a new ledger (create)
 * only the folder is checked.
 */

static inv_status_t
db_check_place(inv_db_t   *d,		/* I - Ledger being opened */
               const char *dir,		/* I - Its folder */
               bool       create)	/* I - Making it? */
{
  struct stat	info, folder;
  char		real[PATH_MAX];

  if (!stat(dir, &folder) && (folder.st_mode & S_IWOTH) && !(folder.st_mode & S_ISVTX))
    return (_invDbSetError(d, INV_REFUSED, _("the folder %s is writable by every account, so anyone could replace the ledger: "
                                            "run 'chmod o-w %s'"), dir, dir));
  if (create)
    return (INV_OK);
  if (lstat(d->path, &info))
  {
    if (errno == ENOENT)
      return (_invDbSetError(d, INV_REFUSED, _("cannot open %s: %s (run 'inventory init' to make a ledger)"),
                            d->path, strerror(errno)));
    if (errno == EACCES)
      return (_invDbSetError(d, INV_REFUSED, _("permission denied reading %s: this account may not enter the folder %s"),
                            d->path, dir));
    return (_invDbSetError(d, INV_REFUSED, _("cannot open %s: %s"), d->path, strerror(errno)));
  }
  if (S_ISLNK(info.st_mode))
    return (_invDbSetError(d, INV_REFUSED, _("%s is a symbolic link: give the ledger's own path (%s)"), d->path,
                          realpath(d->path, real) ? real : _("it points nowhere")));
  if (!S_ISREG(info.st_mode))
    return (_invDbSetError(d, INV_REFUSED, _("%s is not a blanko database"), d->path));
  if (info.st_mode & S_IWOTH)
    return (_invDbSetError(d, INV_REFUSED, _("%s is writable by every account (mode %04o), so anyone could change it: "
                                            "run 'chmod o-w %s'"), d->path, (unsigned)(info.st_mode & 07777), d->path));
  if (eaccess(d->path, R_OK))
    return (_invDbSetError(d, INV_REFUSED, _("permission denied reading %s (mode %04o): run as its owner or a member "
                                            "of its group"), d->path, (unsigned)(info.st_mode & 07777)));
  return (INV_OK);
}


/*
 * SQLite calls this after each commit, once the write lock is released:
 * note when (for tx_log), then checkpoint as SQLite's own hook does (a
 * passive checkpoint once the WAL holds 1,000 pages, which other writers
 * do not wait for).  The cache is 64 MB (invDbOpen) so that one large
 * transaction, an import's, does not spill pages to the WAL as it goes.
 */

static int
wal_hook(void       *ctx,		/* I - Ledger */
         sqlite3    *sql,		/* I - Connection */
         const char *name,		/* I - Database name */
         int        frames)		/* I - Pages in the WAL */
{
  inv_db_t *db = ctx;

  clock_gettime(CLOCK_MONOTONIC, &db->tx_end);
  if (frames >= 1000)
    sqlite3_wal_checkpoint_v2(sql, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  return (SQLITE_OK);
}


/*
 * The WAL written in one piece per commit (issue 17).  SQLite writes each
 * frame of the write-ahead log as two pwrite calls, its 24-byte header and
 * its page: a single move commits about 10 pages, 20 system calls that
 * were a fifth of its CPU.  The "blanko" VFS wraps the default one; a WAL
 * file opened through it gathers consecutive writes in a buffer written
 * with one pwrite, but only while db_exec_tx runs this handle's COMMIT
 * (walbuf_arm): every other write (pages a large transaction spills before
 * its COMMIT, a statement's, a checkpoint's) goes to the file at once, as
 * without the VFS.  Checked against SQLite's wal.c (walFrames,
 * walWriteToLog, walRewriteChecksums):
 *
 * - the buffer is written when the commit frame (a frame header whose
 *   "database size after commit", bytes 4-7, is not 0) has its page, so
 *   before walFrames syncs the file or publishes the frames in the shared
 *   index (-shm): no other connection, and no crash after COMMIT returned,
 *   can meet a frame that is only in the buffer;
 * - it is written too when a write does not follow it or would overflow
 *   it, and before any other call on the file (read, sync, truncate, size,
 *   lock, file control, close);
 * - a write below the highest byte written since the WAL header (walFrames
 *   overwriting a page the transaction spilled, then walRewriteChecksums
 *   rewriting the headers from there to the commit frame's) goes to the
 *   file at once: nothing is left in the buffer when walFrames returns;
 * - nothing is gathered when SQLite pads a commit to a sector boundary (a
 *   ledger without SQLITE_IOCAP_POWERSAFE_OVERWRITE), where walWriteToLog
 *   splits a frame around a sync;
 * - a failed write fails the call SQLite made (SQLITE_FULL, SQLITE_IOERR:
 *   the commit fails as without the VFS) and its bytes are dropped; what a
 *   failed COMMIT leaves is dropped when it returns, so no frame of a
 *   transaction rolled back is written once the write lock is given up.
 */

#define WALBUF_SIZE	(120 * 1024)	/* Bytes gathered at most: the unix VFS cuts a
					 * write's size to 17 bits (seekAndWriteFd) */
#define WALBUF_HEADER	24		/* SQLite's WAL frame header */

struct walbuf_file_s			/* A WAL file opened through the "blanko" VFS */
{
  sqlite3_file		base;		/* Methods: walbuf_methods */
  sqlite3_file		*real;		/* The default VFS's file, after this struct */
  unsigned char		*buf;		/* Writes gathered, or NULL */
  sqlite3_int64		start;		/* File offset of buf[0] */
  sqlite3_int64		end;		/* Highest byte written + 1 since the WAL header */
  int			len;		/* Bytes in buf */
  bool			armed;		/* A COMMIT runs: gather */
  bool			commit;		/* The last write was a commit frame's header */
};

static sqlite3_vfs	walbuf_vfs;	/* The "blanko" VFS */
static sqlite3_vfs	*walbuf_parent;	/* The default VFS it wraps */


/* Write out the gathered bytes (dropped if that fails); the real file's status. */
static int
walbuf_flush(walbuf_file_t *f)		/* I - WAL file */
{
  int rc;

  if (!f->len)
    return (SQLITE_OK);
  rc = f->real->pMethods->xWrite(f->real, f->buf, f->len, f->start);
  f->len = 0;
  return (rc);
}


/* Write to a WAL file: gathered while armed and appending, else at once. */
static int
walbuf_write(sqlite3_file  *file,	/* I - WAL file */
             const void    *data,	/* I - Bytes */
             int           amount,	/* I - How many */
             sqlite3_int64 offset)	/* I - Where */
{
  walbuf_file_t		*f = (walbuf_file_t *)file;
  const unsigned char	*bytes = data;
  int			rc;
  bool			header = amount == WALBUF_HEADER,
			last = !header && f->commit,	/* the commit frame's page */
			direct;

  if (!offset)				/* a WAL header: the log starts anew */
    f->end = 0;
  direct = !f->armed || offset < f->end || amount > WALBUF_SIZE;
  if (offset + amount > f->end)
    f->end = offset + amount;
  f->commit = header && (bytes[4] | bytes[5] | bytes[6] | bytes[7]);
  if (f->len && (direct || offset != f->start + f->len || f->len + amount > WALBUF_SIZE) &&
      (rc = walbuf_flush(f)) != SQLITE_OK)
    return (rc);
  if (direct || (!f->buf && (f->buf = malloc(WALBUF_SIZE)) == NULL))
    return (f->real->pMethods->xWrite(f->real, data, amount, offset));
  if (!f->len)
    f->start = offset;
  memcpy(f->buf + f->len, data, (size_t)amount);
  f->len += amount;
  return (last ? walbuf_flush(f) : SQLITE_OK);
}


/* Close a WAL file, writing out what is gathered (nothing, between COMMITs). */
static int
walbuf_close(sqlite3_file *file)	/* I - WAL file */
{
  walbuf_file_t	*f = (walbuf_file_t *)file;
  int		rc = walbuf_flush(f), rc2 = f->real->pMethods->xClose(f->real);

  free(f->buf);
  f->buf = NULL;
  return (rc != SQLITE_OK ? rc : rc2);
}


/* Read a WAL file (the frames a transaction spilled, a checkpoint's, a
 * recovery's), after writing out what is gathered. */
static int
walbuf_read(sqlite3_file  *file,	/* I - WAL file */
            void          *data,	/* O - Bytes */
            int           amount,	/* I - How many */
            sqlite3_int64 offset)	/* I - Where */
{
  walbuf_file_t	*f = (walbuf_file_t *)file;
  int		rc = walbuf_flush(f);

  return (rc != SQLITE_OK ? rc : f->real->pMethods->xRead(f->real, data, amount, offset));
}


/* Truncate a WAL file (checkpoint TRUNCATE, journal_size_limit), after
 * writing out what is gathered. */
static int
walbuf_truncate(sqlite3_file  *file,	/* I - WAL file */
                sqlite3_int64 size)	/* I - New size */
{
  walbuf_file_t	*f = (walbuf_file_t *)file;
  int		rc = walbuf_flush(f);

  if (f->end > size)
    f->end = size;
  return (rc != SQLITE_OK ? rc : f->real->pMethods->xTruncate(f->real, size));
}


/* Sync a WAL file, after writing out what is gathered. */
static int
walbuf_sync(sqlite3_file *file,		/* I - WAL file */
            int          flags)		/* I - SQLITE_SYNC_* */
{
  walbuf_file_t	*f = (walbuf_file_t *)file;
  int		rc = walbuf_flush(f);

  return (rc != SQLITE_OK ? rc : f->real->pMethods->xSync(f->real, flags));
}


/* A WAL file's size, after writing out what is gathered. */
static int
walbuf_size(sqlite3_file  *file,	/* I - WAL file */
            sqlite3_int64 *size)	/* O - Bytes */
{
  walbuf_file_t	*f = (walbuf_file_t *)file;
  int		rc = walbuf_flush(f);

  return (rc != SQLITE_OK ? rc : f->real->pMethods->xFileSize(f->real, size));
}


/* Lock a WAL file (SQLite locks the database file, not its WAL), after
 * writing out what is gathered. */
static int
walbuf_lock(sqlite3_file *file,		/* I - WAL file */
            int          level)		/* I - SQLITE_LOCK_* */
{
  walbuf_file_t	*f = (walbuf_file_t *)file;
  int		rc = walbuf_flush(f);

  return (rc != SQLITE_OK ? rc : f->real->pMethods->xLock(f->real, level));
}


/* Unlock a WAL file, after writing out what is gathered. */
static int
walbuf_unlock(sqlite3_file *file,	/* I - WAL file */
              int          level)	/* I - SQLITE_LOCK_* */
{
  walbuf_file_t	*f = (walbuf_file_t *)file;
  int		rc = walbuf_flush(f);

  return (rc != SQLITE_OK ? rc : f->real->pMethods->xUnlock(f->real, level));
}


/* Is a WAL file locked by another connection (passed on). */
static int
walbuf_reserved(sqlite3_file *file,	/* I - WAL file */
                int          *out)	/* O - 1 if locked */
{
  walbuf_file_t *f = (walbuf_file_t *)file;

  return (f->real->pMethods->xCheckReservedLock(f->real, out));
}


/* A file control on a WAL file (wal.c sends none), after writing out what
 * is gathered. */
static int
walbuf_control(sqlite3_file *file,	/* I - WAL file */
               int          op,		/* I - SQLITE_FCNTL_* */
               void         *arg)	/* IO - Its argument */
{
  walbuf_file_t	*f = (walbuf_file_t *)file;
  int		rc = walbuf_flush(f);

  return (rc != SQLITE_OK ? rc : f->real->pMethods->xFileControl(f->real, op, arg));
}


/* A WAL file's sector size (passed on). */
static int
walbuf_sector(sqlite3_file *file)	/* I - WAL file */
{
  walbuf_file_t *f = (walbuf_file_t *)file;

  return (f->real->pMethods->xSectorSize(f->real));
}


/* A WAL file's device characteristics (passed on). */
static int
walbuf_device(sqlite3_file *file)	/* I - WAL file */
{
  walbuf_file_t *f = (walbuf_file_t *)file;

  return (f->real->pMethods->xDeviceCharacteristics(f->real));
}


/* Version 1 methods: SQLite keeps a WAL's shared memory on the database
 * file, not on the WAL, and never maps a WAL (xFetch). */
static const sqlite3_io_methods walbuf_methods =
{
  1, walbuf_close, walbuf_read, walbuf_write, walbuf_truncate, walbuf_sync, walbuf_size, walbuf_lock,
  walbuf_unlock, walbuf_reserved, walbuf_control, walbuf_sector, walbuf_device,
  NULL, NULL, NULL, NULL, NULL, NULL
};


/* Open a file: WAL files through the buffer, every other file as the
 * default VFS opens it. */
static int
walbuf_open(sqlite3_vfs *vfs,		/* I - The "blanko" VFS */
            const char  *name,		/* I - File name */
            sqlite3_file *file,		/* I - Room for the file (szOsFile) */
            int         flags,		/* I - SQLITE_OPEN_* */
            int         *out_flags)	/* O - Flags the file got */
{
  walbuf_file_t	*f = (walbuf_file_t *)file;
  int		rc;

  (void)vfs;
  if (!(flags & SQLITE_OPEN_WAL))
    return (walbuf_parent->xOpen(walbuf_parent, name, file, flags, out_flags));
  memset(f, 0, sizeof(walbuf_file_t));
  f->real = (sqlite3_file *)(f + 1);
  if ((rc = walbuf_parent->xOpen(walbuf_parent, name, f->real, flags, out_flags)) == SQLITE_OK)
    f->base.pMethods = &walbuf_methods;
  else if (f->real->pMethods)		/* SQLite closes a file whose open failed only if it has methods */
    f->real->pMethods->xClose(f->real);	/* (ours are NULL): close the real one here */
  return (rc);
}


/* Register the "blanko" VFS once (not the default one). */
static void
walbuf_register(void)
{
  if ((walbuf_parent = sqlite3_vfs_find(NULL)) == NULL)
    return;
  walbuf_vfs = *walbuf_parent;
  walbuf_vfs.zName = "blanko";
  walbuf_vfs.pNext = NULL;
  walbuf_vfs.szOsFile = (int)sizeof(walbuf_file_t) + walbuf_parent->szOsFile;
  walbuf_vfs.xOpen = walbuf_open;
  sqlite3_vfs_register(&walbuf_vfs, 0);
}


/* Let a ledger's WAL file gather the writes of the COMMIT about to run;
 * the file armed, or NULL (another VFS, no WAL, or SQLite would pad the
 * commit to a sector boundary). */
static walbuf_file_t *
walbuf_arm(sqlite3 *sql)		/* I - Connection */
{
  sqlite3_file	*wal = NULL, *main_db = NULL;

  if (sqlite3_file_control(sql, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) != SQLITE_OK || !wal ||
      wal->pMethods != &walbuf_methods ||
      sqlite3_file_control(sql, "main", SQLITE_FCNTL_FILE_POINTER, &main_db) != SQLITE_OK || !main_db ||
      !main_db->pMethods || !(main_db->pMethods->xDeviceCharacteristics(main_db) & SQLITE_IOCAP_POWERSAFE_OVERWRITE))
    return (NULL);
  ((walbuf_file_t *)wal)->armed = true;
  return ((walbuf_file_t *)wal);
}


/* Stop gathering once the COMMIT returned.  After a COMMIT the buffer is
 * empty (the commit frame's page wrote it); what a failed one left is of
 * a transaction rolled back and is dropped, not written without the lock. */
static void
walbuf_disarm(walbuf_file_t *f,		/* I - WAL file from walbuf_arm or NULL */
              bool          committed)	/* I - The COMMIT succeeded */
{
  if (!f)
    return;
  f->armed = false;
  if (committed)
    walbuf_flush(f);			/* nothing to write: the rule above */
  f->len = 0;
  f->commit = false;
}


/*
 * SQLite's process-wide settings, made once before its first use (issue
 * 17): no memory statistics, which nothing here reads and which take a
 * global mutex on every allocation (a few microseconds of a single move;
 * too late when the program used SQLite before: it says SQLITE_MISUSE,
 * and the default stays, which only costs speed); then the "blanko" VFS.
 */

static void
db_configure(void)
{
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  walbuf_register();
}


/*
 * Open a ledger.  *db is set even on failure (like sqlite3_open), so that
 * invDbGetError can say why; close it with invDbClose in every case.
 * With INV_OPEN_CREATE the file must not exist: it is created with mode
 * 0660 (the office's group may share it, other accounts may not) and given
 * an empty schema; the caller then records the first event.  With
 * INV_OPEN_READ (a command that only reads) a ledger on a full disk is
 * still opened, read-only (open_full_disk), and the page cache stays at
 * SQLite's default size, so that a reader's memory does not grow with
 * the ledger.
 */

inv_status_t
invDbOpen(const char *path,		/* I - File name */
          int        flags,		/* I - INV_OPEN_CREATE, INV_OPEN_READ or 0 */
          inv_db_t   **db)		/* O - Handle */
{
  inv_db_t	*d;
  inv_status_t	status;
  char		dir[1024];

  static pthread_once_t once = PTHREAD_ONCE_INIT;

  pthread_once(&once, db_configure);
  if ((*db = d = calloc(1, sizeof(inv_db_t))) == NULL)
    return (INV_ERROR);
  if ((d->path = strdup(path)) == NULL)
    return (_invDbNoMemory(d));

  db_folder(dir, sizeof(dir), path);
  if ((status = db_check_place(d, dir, (flags & INV_OPEN_CREATE) != 0)) != INV_OK)
    return (status);
  if (flags & INV_OPEN_CREATE)
  {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0660);

    if (fd < 0)
      return (_invDbSetError(d, INV_REFUSED, errno == EEXIST ? _("%s exists already") : _("cannot create %s: %s"),
                            path, strerror(errno)));
    fchmod(fd, 0660);			/* whatever the umask */
    close(fd);
  }

  if (!(flags & INV_OPEN_CREATE) && eaccess(path, W_OK))
    status = open_readonly(d, dir);
  else if (!(flags & INV_OPEN_CREATE) && eaccess(dir, W_OK | X_OK))
  {
    /* SQLite keeps its journal (-wal, -shm) beside the ledger: without
       them no write can be made, but the ledger can still be read. */
    snprintf(d->readonly_why, sizeof(d->readonly_why),
             _("cannot create the journal beside the ledger in %s: the folder is not writable; nothing was changed"), dir);
    status = open_readonly(d, dir);
  }
  else
    status = sqlite3_open_v2(path, &d->sql, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX,
                             walbuf_parent ? "blanko" : NULL) == SQLITE_OK ? INV_OK : INV_ERROR;
  if (status == INV_REFUSED)
    return (status);
  if (status != INV_OK)
  {
    if (!d->sql)
      return (_invDbNoMemory(d));
    return (_invDbSqlError(d, _("opening")));
  }
  sqlite3_extended_result_codes(d->sql, 1);
  sqlite3_busy_timeout(d->sql, DEFAULT_BUSY_MSEC);

  /* secure_delete: what is deleted (a refused import's photos) is
     overwritten, not left readable in free pages.  The 64 MB page cache
     is for writers' large transactions (an import), so they do not spill;
     a command that only reads keeps SQLite's default (2 MB): the cache
     keeps every page read up to its limit, and a reader streaming every
     request (render --all-pending) would grow with the ledger.  Setting
     cache_size reads the schema, so a full disk (no -shm file) shows here,
     where open_full_disk can take over, not at the first query. */
  status = db_exec(d, d->readonly ? "PRAGMA foreign_keys = ON" :
                   (flags & INV_OPEN_READ) ? "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -2000;"
                                             " PRAGMA secure_delete = ON;" :
                   "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536;"
                   " PRAGMA secure_delete = ON;",
                   _("opening"));
  if (status != INV_OK && (flags & INV_OPEN_READ) && !d->readonly && db_disk_full(d))
    status = open_full_disk(d);		/* the first read failed to make the -shm file */
  if (status != INV_OK)
    return (status);
  if (!d->readonly)
    sqlite3_wal_hook(d->sql, wal_hook, d);

  if (flags & INV_OPEN_CREATE)
  {
    /* Pages of 1 kB, not SQLite's default 4 kB: the ledger's rows are
       small and most transactions change a few rows in a dozen B-trees,
       each change a whole page in the WAL, checksummed, written and
       synced; a single move writes 12 kB instead of 48 kB (issue 17;
       tests/bench/RESULTS.md "Speed, step 6").  A ledger made before
       keeps its 4 kB pages (the size is fixed once the file has a WAL). */
    if ((status = db_exec(d, "PRAGMA page_size = 1024; PRAGMA journal_mode = WAL;",
                          _("creating the ledger"))) != INV_OK)
      return (status);
    if ((status = invDbBegin(d)) != INV_OK)
      return (status);
    if (!_invSchemaMigrate(d->sql, 0))
    {
      status = _invDbSqlError(d, _("updating the schema"));
      invDbRollback(d);
      return (status);
    }
    return (INV_OK);			/* still in the transaction: init adds the first event */
  }
  return (db_schema_check(d));
}


/* Close a ledger, rolling back any open transaction. */
void
invDbClose(inv_db_t *db)		/* I - Ledger or NULL */
{
  if (!db)
    return;
  if (db->in_tx)
    invDbRollback(db);
  for (sqlite3_stmt *st; db->sql && (st = sqlite3_next_stmt(db->sql, NULL)) != NULL; )
    sqlite3_finalize(st);		/* the store's cached statements */
  for (int i = 0; i < INV_DB_STMT_SLOTS; i ++)
    free(db->stmts[i]);
  free(db->ids);
  sqlite3_close(db->sql);
  free(db->path);
  free(db);
}


/* Wait at most msec for another writer (default 30 s). */
void
invDbSetBusyTimeout(inv_db_t *db,	/* I - Ledger */
                    int      msec)	/* I - Milliseconds */
{
  sqlite3_busy_timeout(db->sql, msec);
}


/* Say who is acting: the registered user, and the OS account acting for
 * them when that differs (root with --user). */
void
invDbSetActor(inv_db_t   *db,		/* I - Ledger */
              const char *actor,	/* I - Registered user */
              const char *via)		/* I - Acting OS account or NULL */
{
  snprintf(db->actor, sizeof(db->actor), "%s", actor ? actor : "");
  snprintf(db->via, sizeof(db->via), "%s", via ? via : "");
}


/*
 * With BLANKO_TX_LOG naming a file, append one line per write transaction:
 * the process id, the milliseconds it held the write lock (from BEGIN
 * IMMEDIATE getting it to COMMIT or ROLLBACK) and how it ended.  For
 * benchmarks (make bench); the line holds no data of the ledger.
 */

static void
tx_log(inv_db_t   *db,			/* I - Ledger */
       const char *how)			/* I - "commit" or "rollback" */
{
  const char		*path = secure_getenv("BLANKO_TX_LOG");
  struct timespec	now;
  char			line[96];
  int			fd, len;

  if (!path || !*path || !db->in_tx)
    return;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (!strcmp(how, "commit") && (db->tx_end.tv_sec > db->tx_start.tv_sec ||
                                 (db->tx_end.tv_sec == db->tx_start.tv_sec && db->tx_end.tv_nsec >= db->tx_start.tv_nsec)))
    now = db->tx_end;			/* the lock went before the checkpoint */
  len = snprintf(line, sizeof(line), "%ld %.3f %s\n", (long)getpid(),
                 (double)(now.tv_sec - db->tx_start.tv_sec) * 1e3 + (double)(now.tv_nsec - db->tx_start.tv_nsec) / 1e6,
                 how);
  if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600)) >= 0)
  {
    ssize_t written = write(fd, line, (size_t)len);	/* a benchmark's log: a short write is its loss */

    (void)written;
    close(fd);
  }
}


/* Start a write transaction, waiting for other writers up to the timeout. */
inv_status_t
invDbBegin(inv_db_t *db)		/* I - Ledger */
{
  inv_status_t status;

  if (db->in_tx)
    return (_invDbSetError(db, INV_ERROR, _("a transaction is open already")));
  if (db->readonly && db->readonly_why[0])
    return (_invDbSetError(db, INV_REFUSED, "%s", db->readonly_why));
  if (db->readonly)
    return (_invDbSetError(db, INV_REFUSED, _("%s is read-only for this account; nothing was changed"), db->path));
  if ((status = db_exec_tx(db, 0, N_("starting a transaction"))) == INV_OK)
  {
    db->in_tx = true;
    db->tx_first_event = 0;
    clock_gettime(CLOCK_MONOTONIC, &db->tx_start);
  }
  return (status);
}


/* Is a transaction (read or write, this handle's or its caller's) open? */
bool
_invDbInTransaction(inv_db_t *db)	/* I - Ledger */
{
  return (sqlite3_get_autocommit(db->sql) == 0);
}


/* Start a read transaction, so that a command's several queries see the
 * ledger at one moment while writers go on (WAL). */
inv_status_t
invDbBeginRead(inv_db_t *db)		/* I - Ledger */
{
  if (_invDbInTransaction(db))
    return (_invDbSetError(db, INV_ERROR, _("a transaction is open already")));
  return (db_exec(db, "BEGIN", _("starting to read")));
}


/* End a read transaction. */
void
invDbEndRead(inv_db_t *db)		/* I - Ledger */
{
  if (_invDbInTransaction(db))
    sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
}


/* Commit the open transaction, after the commit hook (when the
 * transaction appended events and a hook is set). */
inv_status_t
invDbCommit(inv_db_t *db)		/* I - Ledger */
{
  inv_status_t status = INV_OK;

  if (db->in_tx && db->tx_first_event && db->commit_hook)
    status = db->commit_hook(db);
  db->tx_first_event = 0;
  if (status == INV_OK)
    status = db_exec_tx(db, 1, N_("committing"));

  if (status != INV_OK)
    invDbRollback(db);
  else
    tx_log(db, "commit");
  db->in_tx = false;
  return (status);
}


/* Undo the open transaction; the message on the handle is kept. */
void
invDbRollback(inv_db_t *db)		/* I - Ledger */
{
  if (_invDbInTransaction(db))
    sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
  free(db->ids);			/* ids it found may be of rows undone */
  db->ids = NULL;
  tx_log(db, "rollback");
  db->in_tx = false;
}


/* Is name usable as a user name or account code: 1 to 64 bytes of
 * letters, digits, '.', '_' and '-', starting with a letter or digit? */
bool
_invNameIsValid(const char *name)	/* I - Name */
{
  size_t i;

  if (!name || !*name || strlen(name) > INV_NAME_MAX || name[0] == '-' || name[0] == '.')
    return (false);
  for (i = 0; name[i]; i ++)
  {
    char c = name[i];

    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c == '.' || c == '_' || c == '-'))
      return (false);
  }
  return (true);
}
