/*
 * Reading the ledger for reports: serials moved in a time window, events
 * of one kind, the chain head at a moment, and the records open at a
 * moment.  See blanko/inventory.h.
 */

#include "names-private.h"
#include "blanko/i18n.h"

#include <stdlib.h>
#include <string.h>


/* Bridge from stored totals to the public record, with account codes. */
typedef struct totals_s
{
  inv_total_cb_t cb;
  void		*ctx;
  inv_names_t	names;
} totals_t;

static void
total_row(void *ctx, const char *day, const char *kind, int64_t from, int64_t to, int64_t serials)
{
  totals_t		*t = ctx;
  const store_account_t	*f = namesAccount(&t->names, from), *d = namesAccount(&t->names, to);
  inv_total_t		pub = { day, kind, f ? f->code : "?", d ? d->code : "?", INV_KIND_STATE, INV_KIND_STATE,
                                serials };

  if (f)
    invKindParse(f->kind, &pub.from_kind);
  if (d)
    invKindParse(d->kind, &pub.to_kind);
  t->cb(t->ctx, &pub);
}


/* Call cb with the serials moved between the chain's cuts at since and
 * until (UTC ISO times or dates; NULL: from the start, to the end; the cut
 * at a time is the chain before the first event recorded at or after it,
 * so that a clock stepped back never splits the chain), summed by event
 * kind and pair of accounts, and by UTC day when by_day. */
inv_status_t
invMovementTotals(inv_db_t       *db,	/* I - Ledger */
                  const char     *since,/* I - From (inclusive) or NULL */
                  const char     *until,/* I - To (exclusive) or NULL */
                  bool           by_day,/* I - Per day too? */
                  inv_total_cb_t cb,	/* I - Callback */
                  void           *ctx)	/* I - Its context */
{
  totals_t	t = { cb, ctx, { 0 } };
  inv_status_t	status;

  if ((status = namesLoad(db, &t.names)) == INV_OK)
    status = storeMovementTotals(db, since ? since : "", until ? until : "9999", by_day, total_row, &t);
  namesFree(&t.names);
  return (status);
}


/* The last event of the chain cut at a time (NULL: the newest of all):
 * its id (0 when none) and hash.  The events before the cut are exactly
 * those invMovementTotals counts up to that time. */
inv_status_t
invChainHeadAt(inv_db_t   *db,		/* I - Ledger */
               const char *until,	/* I - Time (exclusive) or NULL */
               int64_t    *id,		/* O - Event id */
               char       hash[65])	/* O - Its hash */
{
  return (storeEventHeadAt(db, until ? until : "9999", id, hash));
}


/*
 * Call cb for every destruction record and write-off that was open at a
 * time (NULL: now): its preparing event is before it, and no event before
 * it executed or cancelled it.  Destruction records come first, each kind
 * by id.  The record is given as it stood then: state "prepared" or
 * "approved" (the approval event before the time too), with no execution,
 * cancellation, witnesses or seal.  The cut is the one of invChainHeadAt.
 */

inv_status_t
invRecordsOpenAt(inv_db_t        *db,	/* I - Ledger */
                 const char      *until,/* I - Time (exclusive) or NULL */
                 inv_record_cb_t cb,	/* I - Callback */
                 void            *ctx)	/* I - Its context */
{
  return (storeRecordOpenAt(db, until ? until : "9999", cb, ctx));
}
