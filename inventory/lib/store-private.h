/*
 * Private definitions shared by the store files (store.c, store-*.c): the
 * only code that knows SQLite.  Nothing above the store includes this.
 */

#ifndef BLANKO_STORE_PRIVATE_H
#define BLANKO_STORE_PRIVATE_H

#include "db-private.h"
#include "store.h"

#include <sqlite3.h>

/* The states of a card request still waiting for its card: the backlog
 * (printctl backlog, report backlog, report supply's need), one rule. */
#define REQUEST_WAITING "('pending', 'submitted', 'failed', 'suspect')"

typedef enum store_slot_e		/* Each store file's place in the cache */
{
  STORE_SLOT_ACCOUNT,			/* store-account.c */
  STORE_SLOT_HOLDING,			/* store-holding.c */
  STORE_SLOT_EVENT,			/* store-event.c */
  STORE_SLOT_USER,			/* store-user.c */
  STORE_SLOT_RECORD,			/* store-record.c */
  STORE_SLOT_REQUEST,			/* store-request.c */
  STORE_SLOT_PRINT,			/* store-print.c */
  STORE_SLOT_ANCHOR,			/* store-anchor.c */
  STORE_SLOT_TOTAL,			/* store-total.c */
  STORE_SLOT_SUPPLY,			/* store-supply.c */
  STORE_SLOT_PLACE,			/* store-place.c */
  STORE_SLOT_WEB,			/* store-web.c */
  STORE_SLOT_SUKET,			/* store-suket.c */
  STORE_SLOT_COUNT
} store_slot_t;

_Static_assert(STORE_SLOT_COUNT <= INV_DB_STMT_SLOTS, "db-private.h: INV_DB_STMT_SLOTS is too small");

typedef struct store_sqlset_s		/* One store file's statements */
{
  store_slot_t	slot;			/* Its slot on the handle */
  int		count;			/* How many statements */
  const char * const *sql;		/* Their SQL, by the file's own enum */
} store_sqlset_t;

/*
 * The chain cut at time T: the id of the last event before the first event
 * recorded at or after T (all of them if none is; none for T = "").
 * Reports split the chain there, by id, so that what a period counts is
 * exactly the chain up to its head, even when the clock stepped back; once
 * an event at or after T is recorded, the cut never moves again.
 *
 * It is found in movement_total (store-total.c, schema version 7), whose
 * rows are filed under the hour of the running maximum of event times:
 * TOTAL_HOUR_CUT(">=", H) is the last event filed before hour H (H a UTC
 * "YYYY-MM-DDTHH" or a shorter prefix such as a date), TOTAL_HOUR_CUT(">",
 * H) the last one filed in H or before; the cut at T then lies between
 * the two for T's hour, and only the events of that one hour are read.
 * (store-event.c, store-record.c, store-total.c)
 */

#define TOTAL_HOUR_CUT(op, h) \
  "coalesce((SELECT min(first_event) - 1 FROM movement_total WHERE hour = " \
  "(SELECT min(hour) FROM movement_total WHERE hour " op " " h ")), (SELECT max(id) FROM event), 0)"

#define EVENT_CUT(t) \
  "(CASE WHEN " t " = '' THEN 0 ELSE coalesce((SELECT id - 1 FROM event WHERE id > " \
  TOTAL_HOUR_CUT(">=", "substr(" t ", 1, 13)") " AND id <= " TOTAL_HOUR_CUT(">", "substr(" t ", 1, 13)") \
  " AND +time >= " t " ORDER BY id LIMIT 1), " TOTAL_HOUR_CUT(">", "substr(" t ", 1, 13)") ") END)"

/* An official number's yearly sequence (handover, suket, record): the next
 * number in the year ?1 of a table with the columns year and seq; "and"
 * narrows it further (or is ""), its parameters from ?2.  Run with
 * storeNextSeq. */
#define STORE_NEXT_SEQ(table, and) \
  "SELECT coalesce(max(seq), 0) + 1 FROM " table " WHERE year = ?1" and

/* The cache and the helpers (store.c) */
extern sqlite3_stmt	*storeStmtGet(inv_db_t *db, const store_sqlset_t *set, int which);
extern void		storeStmtDone(sqlite3_stmt *st);
extern inv_status_t	storeStmtExec(inv_db_t *db, sqlite3_stmt *st, const char *what);
extern inv_status_t	storeStmtRow(inv_db_t *db, sqlite3_stmt *st, bool *found, const char *what);
extern inv_status_t	storeStmtExecText(inv_db_t *db, sqlite3_stmt *st, const char *what, int n, ...);
extern inv_status_t	storeStmtInsert(inv_db_t *db, sqlite3_stmt *st, int64_t *id, const char *what);
extern inv_status_t	storeStmtText(inv_db_t *db, sqlite3_stmt *st, char *buf, size_t bufsize, bool *found, const char *what);
extern inv_status_t	storeStmtInt64(inv_db_t *db, sqlite3_stmt *st, int64_t *value, const char *what);
extern inv_status_t	storeNextSeq(inv_db_t *db, sqlite3_stmt *st, int year, int64_t *seq, const char *what);
extern void		storeBindText(sqlite3_stmt *st, int i, const char *s);
extern const char	*storeColText(sqlite3_stmt *st, int i);

#endif /* BLANKO_STORE_PRIVATE_H */
