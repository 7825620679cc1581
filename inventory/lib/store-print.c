/*
 * The storage layer for printers, print jobs and printer leases: the
 * tables printer, print_job and printer_lease, their SQL and their own
 * statements, prepared once per connection and cached on the handle
 * (store.c).  See store.h.
 */

#include "store-private.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PRINTER_COLUMNS \
  "p.name, p.queue, p.location, p.hopper, p.state, p.reason, " \
  "coalesce((SELECT a.balance FROM account a WHERE a.code = p.hopper), 0)"
#define JOB_COLUMNS \
  "id, request_id, serial, printer, issue_date, state, outcome, reason, created, updated, " \
  "cups_job_id, canceled_cups_id"


typedef enum print_stmt_e		/* This file's statements */
{
  STMT_PRINTER_INSERT,
  STMT_PRINTER_DELETE,
  STMT_PRINTER_GET,
  STMT_PRINTER_LIST,
  STMT_PRINTER_SET_STATE,
  STMT_JOB_INSERT,
  STMT_JOB_UPDATE,
  STMT_JOB_GET,
  STMT_JOB_LIST,
  STMT_JOB_LIST_OPEN,
  STMT_JOB_OPEN_BY_SERIAL,
  STMT_PRINTER_ROWS,
  STMT_JOB_ROWS,
  STMT_LEASE_GET,
  STMT_LEASE_PUT,
  STMT_LEASE_BEAT,
  STMT_LEASE_DROP,
  PRINT_STMT_COUNT
} print_stmt_t;

static const char * const print_sql[PRINT_STMT_COUNT] =
{
  /* STMT_PRINTER_INSERT */
  [STMT_PRINTER_INSERT] = "INSERT INTO printer(name, queue, location, hopper, added) VALUES(?1, ?2, ?3, ?4, ?5)",
  /* STMT_PRINTER_DELETE */
  [STMT_PRINTER_DELETE] = "DELETE FROM printer WHERE name = ?1",
  /* STMT_PRINTER_GET */
  [STMT_PRINTER_GET] = "SELECT " PRINTER_COLUMNS " FROM printer p WHERE p.name = ?1",
  /* STMT_PRINTER_LIST */
  [STMT_PRINTER_LIST] = "SELECT " PRINTER_COLUMNS " FROM printer p ORDER BY p.name",
  /* STMT_PRINTER_SET_STATE */
  [STMT_PRINTER_SET_STATE] = "UPDATE printer SET state = ?2, reason = ?3 WHERE name = ?1",
  /* STMT_JOB_INSERT */
  [STMT_JOB_INSERT] = "INSERT INTO print_job(request_id, serial, printer, issue_date, state, created, updated) "
  "VALUES(?1, ?2, ?3, ?4, 'intent', ?5, ?5)",
  /* STMT_JOB_UPDATE */
  [STMT_JOB_UPDATE] = "UPDATE print_job SET state = ?2, outcome = ?3, reason = ?4, cups_job_id = ?5, canceled_cups_id = ?6, "
  "updated = ?7 WHERE id = ?1",
  /* STMT_JOB_GET */
  [STMT_JOB_GET] = "SELECT " JOB_COLUMNS " FROM print_job WHERE id = ?1",
  /* STMT_JOB_LIST: ?1 printer or '' (every job, done ones too) */
  [STMT_JOB_LIST] = "SELECT " JOB_COLUMNS " FROM print_job WHERE ?1 = '' OR printer = ?1 ORDER BY id",
  /* STMT_JOB_LIST_OPEN: ?1 printer or ''.  Its own statement, with the
   * partial index's condition written as in the index, so that it reads the
   * few open jobs and not the years of done ones (every card asks). */
  [STMT_JOB_LIST_OPEN] = "SELECT " JOB_COLUMNS " FROM print_job INDEXED BY print_job_open "
  "WHERE state != 'done' AND (?1 = '' OR printer = ?1) ORDER BY id",
  /* STMT_JOB_OPEN_BY_SERIAL */
  [STMT_JOB_OPEN_BY_SERIAL] = "SELECT " JOB_COLUMNS " FROM print_job WHERE serial = ?1 AND state != 'done'",
  /* STMT_PRINTER_ROWS: every printer as stored, for verify */
  [STMT_PRINTER_ROWS] = "SELECT name, queue, location, hopper, state, reason FROM printer ORDER BY name",
  /* STMT_JOB_ROWS: every print job as stored, for verify (integers as text) */
  [STMT_JOB_ROWS] = "SELECT id, CAST(request_id AS TEXT), serial, printer, state, outcome, reason, "
  "CAST(cups_job_id AS TEXT), CAST(canceled_cups_id AS TEXT), issue_date FROM print_job ORDER BY id",
  /* STMT_LEASE_GET */
  [STMT_LEASE_GET] = "SELECT token, pid, host, since, heartbeat FROM printer_lease WHERE printer = ?1",
  /* STMT_LEASE_PUT: a new holder */
  [STMT_LEASE_PUT] = "INSERT OR REPLACE INTO printer_lease(printer, token, pid, host, since, heartbeat) "
  "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
  /* STMT_LEASE_BEAT: the holder's heartbeat (no row changed: not the holder) */
  [STMT_LEASE_BEAT] = "UPDATE printer_lease SET heartbeat = ?3 WHERE printer = ?1 AND token = ?2",
  /* STMT_LEASE_DROP */
  [STMT_LEASE_DROP] = "DELETE FROM printer_lease WHERE printer = ?1 AND token = ?2"
};

static const store_sqlset_t print_set =	/* Registered in the cache */
{
  STORE_SLOT_PRINT, PRINT_STMT_COUNT, print_sql
};


/* Copy text into a fixed buffer. */
static void
copy(char *dst, size_t size, const char *src)
{
  snprintf(dst, size, "%s", src ? src : "");
}


/* Read a printer row (PRINTER_COLUMNS). */
static void
printer_columns(sqlite3_stmt *st, inv_printer_t *p)
{
  memset(p, 0, sizeof(*p));
  copy(p->name, sizeof(p->name), storeColText(st, 0));
  copy(p->queue, sizeof(p->queue), storeColText(st, 1));
  copy(p->location, sizeof(p->location), storeColText(st, 2));
  copy(p->hopper, sizeof(p->hopper), storeColText(st, 3));
  copy(p->state, sizeof(p->state), storeColText(st, 4));
  copy(p->reason, sizeof(p->reason), storeColText(st, 5));
  p->hopper_count = sqlite3_column_int64(st, 6);
}


/* Read a job row (JOB_COLUMNS). */
static void
job_columns(sqlite3_stmt *st, inv_print_job_t *j)
{
  memset(j, 0, sizeof(*j));
  j->id = sqlite3_column_int64(st, 0);
  j->request = sqlite3_column_int64(st, 1);
  copy(j->serial, sizeof(j->serial), storeColText(st, 2));
  copy(j->printer, sizeof(j->printer), storeColText(st, 3));
  copy(j->issue_date, sizeof(j->issue_date), storeColText(st, 4));
  copy(j->state, sizeof(j->state), storeColText(st, 5));
  copy(j->outcome, sizeof(j->outcome), storeColText(st, 6));
  copy(j->reason, sizeof(j->reason), storeColText(st, 7));
  copy(j->created, sizeof(j->created), storeColText(st, 8));
  copy(j->updated, sizeof(j->updated), storeColText(st, 9));
  j->cups_job_id = sqlite3_column_int(st, 10);
  j->canceled_cups_id = sqlite3_column_int(st, 11);
}


/* Add a printer row. */
inv_status_t
storePrinterInsert(inv_db_t            *db,	/* I - Ledger */
                   const inv_printer_t *p,	/* I - Printer (name, queue, location, hopper) */
                   const char          *added)	/* I - Time */
{
  sqlite3_stmt *st = storeStmtGet(db, &print_set, STMT_PRINTER_INSERT);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, p->name);
  storeBindText(st, 2, p->queue);
  storeBindText(st, 3, p->location);
  storeBindText(st, 4, p->hopper);
  storeBindText(st, 5, added);
  return (storeStmtExec(db, st, _("adding a printer")));
}


/* Delete a printer row. */
inv_status_t
storePrinterDelete(inv_db_t   *db,	/* I - Ledger */
                   const char *name)	/* I - Printer */
{
  sqlite3_stmt *st = storeStmtGet(db, &print_set, STMT_PRINTER_DELETE);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, name);
  return (storeStmtExec(db, st, _("removing a printer")));
}


/* Read one printer. */
inv_status_t
storePrinterGet(inv_db_t      *db,	/* I - Ledger */
                const char    *name,	/* I - Printer */
                inv_printer_t *p,	/* O - Printer */
                bool          *found)	/* O - Is there one? */
{
  sqlite3_stmt	*st = storeStmtGet(db, &print_set, STMT_PRINTER_GET);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, name);
  if ((status = storeStmtRow(db, st, found, _("reading a printer"))) != INV_OK)
    return (status);
  if (*found)
    printer_columns(st, p);
  storeStmtDone(st);
  return (INV_OK);
}


/* Call cb for every printer, by name. */
inv_status_t
storePrinterList(inv_db_t         *db,	/* I - Ledger */
                 inv_printer_cb_t cb,	/* I - Callback */
                 void             *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &print_set, STMT_PRINTER_LIST);
  int		rc;

  if (!st)
    return (INV_ERROR);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    inv_printer_t p;

    printer_columns(st, &p);
    cb(ctx, &p);
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading printers")));
}


/* Set a printer's state and reason. */
inv_status_t
storePrinterSetState(inv_db_t   *db,	/* I - Ledger */
                     const char *name,	/* I - Printer */
                     const char *state,	/* I - running, paused, check-needed */
                     const char *reason)	/* I - Why, or "" */
{
  sqlite3_stmt *st = storeStmtGet(db, &print_set, STMT_PRINTER_SET_STATE);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, name);
  storeBindText(st, 2, state);
  storeBindText(st, 3, reason);
  return (storeStmtExec(db, st, _("changing a printer")));
}


/* Add a job in state intent (request, serial, printer, issue_date, created). */
inv_status_t
storeJobInsert(inv_db_t              *db,	/* I - Ledger */
               const inv_print_job_t *j,	/* I - Job */
               int64_t               *id)	/* O - Its id */
{
  sqlite3_stmt	*st = storeStmtGet(db, &print_set, STMT_JOB_INSERT);
  inv_status_t	status;

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, j->request);
  storeBindText(st, 2, j->serial);
  storeBindText(st, 3, j->printer);
  storeBindText(st, 4, j->issue_date);
  storeBindText(st, 5, j->created);
  if ((status = storeStmtExec(db, st, _("recording a print job"))) == INV_OK)
    *id = sqlite3_last_insert_rowid(db->sql);
  return (status);
}


/* Store a job's state, outcome, reason, CUPS ids and update time. */
inv_status_t
storeJobUpdate(inv_db_t              *db,	/* I - Ledger */
               const inv_print_job_t *j)	/* I - Job */
{
  sqlite3_stmt *st = storeStmtGet(db, &print_set, STMT_JOB_UPDATE);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, j->id);
  storeBindText(st, 2, j->state);
  storeBindText(st, 3, j->outcome);
  storeBindText(st, 4, j->reason);
  sqlite3_bind_int(st, 5, j->cups_job_id);
  sqlite3_bind_int(st, 6, j->canceled_cups_id);
  storeBindText(st, 7, j->updated);
  return (storeStmtExec(db, st, _("recording a print job")));
}


/* Read one job from a bound statement. */
static inv_status_t
job_one(inv_db_t *db, sqlite3_stmt *st, inv_print_job_t *j, bool *found)
{
  inv_status_t status;

  if ((status = storeStmtRow(db, st, found, _("reading a print job"))) != INV_OK)
    return (status);
  if (*found)
    job_columns(st, j);
  storeStmtDone(st);
  return (INV_OK);
}


/* Read a job by id. */
inv_status_t
storeJobGet(inv_db_t        *db,	/* I - Ledger */
            int64_t         id,		/* I - Job */
            inv_print_job_t *j,		/* O - Job */
            bool            *found)	/* O - Is there one? */
{
  sqlite3_stmt *st = storeStmtGet(db, &print_set, STMT_JOB_GET);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, id);
  return (job_one(db, st, j, found));
}


/* Read the open (not done) job of a serial. */
inv_status_t
storeJobOpenBySerial(inv_db_t        *db,	/* I - Ledger */
                     const char      *serial,	/* I - Serial */
                     inv_print_job_t *j,	/* O - Job */
                     bool            *found)	/* O - Is there one? */
{
  sqlite3_stmt *st = storeStmtGet(db, &print_set, STMT_JOB_OPEN_BY_SERIAL);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, serial);
  return (job_one(db, st, j, found));
}


/* Call cb for jobs by id, of one printer (or all) and open ones only (or all). */
inv_status_t
storeJobList(inv_db_t     *db,		/* I - Ledger */
             const char   *printer,	/* I - Printer or NULL */
             bool         open_only,	/* I - Only jobs not done? */
             inv_job_cb_t cb,		/* I - Callback */
             void         *ctx)		/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &print_set, open_only ? STMT_JOB_LIST_OPEN : STMT_JOB_LIST);
  int		rc;

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, printer);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    inv_print_job_t j;

    job_columns(st, &j);
    cb(ctx, &j);
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading print jobs")));
}


/* Call cb with every printer row as stored, by name, until it returns
 * non-zero. */
inv_status_t
storePrinterRows(inv_db_t               *db,	/* I - Ledger */
                 store_printer_row_cb_t cb,	/* I - Callback */
                 void                   *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &print_set, STMT_PRINTER_ROWS);
  int		rc;

  if (!st)
    return (INV_ERROR);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    store_printer_row_t p = { storeColText(st, 0), storeColText(st, 1), storeColText(st, 2), storeColText(st, 3),
                              storeColText(st, 4), storeColText(st, 5) };

    if (cb(ctx, &p))
    {
      rc = SQLITE_DONE;
      break;
    }
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading printers")));
}


/* Call cb with every print_job row as stored, by id, until it returns
 * non-zero. */
inv_status_t
storeJobRows(inv_db_t           *db,	/* I - Ledger */
             store_job_row_cb_t cb,	/* I - Callback */
             void               *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &print_set, STMT_JOB_ROWS);
  int		rc;

  if (!st)
    return (INV_ERROR);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    store_job_row_t j = { sqlite3_column_int64(st, 0), storeColText(st, 1), storeColText(st, 2), storeColText(st, 3),
                          storeColText(st, 4), storeColText(st, 5), storeColText(st, 6), storeColText(st, 7),
                          storeColText(st, 8), storeColText(st, 9) };

    if (cb(ctx, &j))
    {
      rc = SQLITE_DONE;
      break;
    }
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading print jobs")));
}


/* Read a printer's lease (schema 5). */
inv_status_t
storeLeaseGet(inv_db_t    *db,		/* I - Ledger */
              const char  *printer,	/* I - Printer */
              inv_lease_t *lease,	/* O - Its lease */
              bool        *found)	/* O - Is there one? */
{
  sqlite3_stmt	*st = storeStmtGet(db, &print_set, STMT_LEASE_GET);
  inv_status_t	status;

  memset(lease, 0, sizeof(*lease));
  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, printer);
  if ((status = storeStmtRow(db, st, found, _("reading a printer's lease"))) != INV_OK)
    return (status);
  if (*found)
  {
    copy(lease->token, sizeof(lease->token), storeColText(st, 0));
    lease->pid = sqlite3_column_int64(st, 1);
    copy(lease->host, sizeof(lease->host), storeColText(st, 2));
    copy(lease->since, sizeof(lease->since), storeColText(st, 3));
    lease->heartbeat = sqlite3_column_int64(st, 4);
  }
  storeStmtDone(st);
  return (INV_OK);
}


/* Give a printer's lease to a new holder. */
inv_status_t
storeLeasePut(inv_db_t          *db,		/* I - Ledger */
              const char        *printer,	/* I - Printer */
              const inv_lease_t *lease)		/* I - The new holder */
{
  sqlite3_stmt *st = storeStmtGet(db, &print_set, STMT_LEASE_PUT);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, printer);
  storeBindText(st, 2, lease->token);
  sqlite3_bind_int64(st, 3, lease->pid);
  storeBindText(st, 4, lease->host);
  storeBindText(st, 5, lease->since);
  sqlite3_bind_int64(st, 6, lease->heartbeat);
  return (storeStmtExec(db, st, _("taking a printer's lease")));
}


/* The holder's heartbeat; *held is false when the token is not the
 * printer's lease any more. */
inv_status_t
storeLeaseBeat(inv_db_t   *db,		/* I - Ledger */
               const char *printer,	/* I - Printer */
               const char *token,	/* I - The holder's token */
               int64_t    heartbeat,	/* I - Now, UTC seconds */
               bool       *held)	/* O - Still the holder? */
{
  sqlite3_stmt	*st = storeStmtGet(db, &print_set, STMT_LEASE_BEAT);
  inv_status_t	status;

  *held = false;
  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, printer);
  storeBindText(st, 2, token);
  sqlite3_bind_int64(st, 3, heartbeat);
  if ((status = storeStmtExec(db, st, _("renewing a printer's lease"))) == INV_OK)
    *held = sqlite3_changes(db->sql) > 0;
  return (status);
}


/* Give a printer's lease back (nothing when the token is not its lease). */
inv_status_t
storeLeaseDrop(inv_db_t   *db,		/* I - Ledger */
               const char *printer,	/* I - Printer */
               const char *token)	/* I - The holder's token */
{
  sqlite3_stmt *st = storeStmtGet(db, &print_set, STMT_LEASE_DROP);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, printer);
  storeBindText(st, 2, token);
  return (storeStmtExec(db, st, _("giving a printer's lease back")));
}
