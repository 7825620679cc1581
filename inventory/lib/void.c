/*
 * Voids of receipts: a mistyped receipt is taken back, in the open.  An
 * admin prepares the void (a record of type "void", event
 * receive.void.prepare) and another person approves it, under the same
 * dual control as write-offs (auditCheckOtherPerson); the approval
 * (receive.void) gives the receipt's serials back to the supplier, so that
 * they leave the books as if never received and the real shipment can be
 * received again with the same serials.  Refused once any serial of the
 * receipt has moved on, and more than [ledger] void_days after the
 * receipt.  See blanko/inventory.h.
 */

#include "audit-private.h"
#include "events-private.h"
#include "ledger-private.h"
#include "list-private.h"
#include "blanko/i18n.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


typedef struct receipt_s		/* A receipt read with its movements */
{
  inv_names_t	names;			/* Names of the ledger */
  inv_list_t	*serials;		/* What it received */
  char		kind[CHAIN_REF_MAX + 1],	/* The event's kind */
		time[40],		/* Its time, UTC */
		ref[CHAIN_REF_MAX + 1];	/* Its delivery note */
  int64_t	to;			/* The account that received them */
  bool		found, failed;
} receipt_t;


/* Keep one row of the receipt: the event, and each of its movements. */
static int
receipt_row(void                   *ctx,	/* I - receipt_t */
            const store_event_row_t *e,	/* I - The event */
            const store_move_row_t  *m)	/* I - One movement, id 0 for none */
{
  receipt_t		*rc = ctx;
  const store_series_t	*s = namesSeries(&rc->names, m->series);

  rc->found = true;
  snprintf(rc->kind, sizeof(rc->kind), "%s", e->kind);
  snprintf(rc->time, sizeof(rc->time), "%s", e->time);
  snprintf(rc->ref, sizeof(rc->ref), "%s", e->ref);
  if (m->id && s)
  {
    inv_range_t r = { "", s->width, m->first, m->last };

    snprintf(r.prefix, sizeof(r.prefix), "%s", s->prefix);
    rc->to = m->to;
    if (invListAdd(rc->serials, &r) != INV_OK)
      rc->failed = true;
  }
  return (0);
}


/* Free a receipt read by receipt_check. */
static void
receipt_free(receipt_t *rc)		/* I - Receipt */
{
  namesFree(&rc->names);
  invListDelete(rc->serials);
}


/*
 * Read a receipt and check that it may still be voided: it is a receipt,
 * no more than void_days old, and no serial of it has moved since.
 */

static inv_status_t
receipt_check(inv_db_t  *db,		/* I - Ledger */
              int64_t   id,		/* I - The receipt's event */
              int       void_days,	/* I - [ledger] void_days */
              receipt_t *rc)		/* O - The receipt (free with receipt_free) */
{
  inv_status_t	status;
  struct tm	tm;
  int		y, mo, d, h, mi, s;

  memset(rc, 0, sizeof(*rc));
  if ((rc->serials = invListNew()) == NULL)
    return (_invDbNoMemory(db));
  if ((status = namesLoad(db, &rc->names)) != INV_OK ||
      (status = storeEventMoves(db, id, receipt_row, rc)) != INV_OK)
    return (status);
  if (rc->failed)
    return (_invDbNoMemory(db));
  if (!rc->found || strcmp(rc->kind, eventName(EV_RECEIVE)) || !rc->serials->count)
    return (_invDbSetError(db, INV_REFUSED, _("event %" PRId64 " is not a receipt"), id));

  /* The age of the receipt, from its UTC time. */
  memset(&tm, 0, sizeof(tm));
  if (sscanf(rc->time, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6)
    return (_invDbSetError(db, INV_ERROR, _("event %" PRId64 " has a bad time \"%s\""), id, rc->time));
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  if (difftime(time(NULL), timegm(&tm)) > (double)void_days * 86400.0)
    return (_invDbSetError(db, INV_REFUSED,
                          P_("receipt %" PRId64 " (%s) is more than %d day old and may no longer be voided "
                             "([ledger] void_days)",
                             "receipt %" PRId64 " (%s) is more than %d days old and may no longer be voided "
                             "([ledger] void_days)", void_days), id, rc->time, void_days));

  /* Every serial still where the receipt put it: no later movement. */
  for (size_t i = 0; i < rc->serials->count; i ++)
  {
    const inv_range_t	*r = rc->serials->ranges + i;
    int64_t		series, later = 0;
    char		serial[INV_SERIAL_MAX];

    if ((status = storeSeriesFind(db, r->prefix, r->width, false, &series)) != INV_OK ||
        (status = storeMovementLater(db, id, series, r->first, r->last, &later)) != INV_OK)
      return (status);
    if (later)
      return (_invDbSetError(db, INV_REFUSED, _("a serial of receipt %" PRId64 " (%s...) moved on in event %" PRId64
                                                "; only a receipt whose serials have not moved may be voided"),
                            id, invSerialFormat(r->prefix, r->width, r->first, serial, sizeof(serial)), later));
  }
  return (INV_OK);
}


/* Prepare the void of a receipt (an admin), to be approved by another
 * person. */
inv_status_t
invReceiveVoidPrepare(inv_db_t   *db,	/* I - Ledger */
                      int64_t    receipt,	/* I - The receipt's event */
                      const char *reason,	/* I - Why */
                      int        void_days,	/* I - [ledger] void_days */
                      int64_t    *id)	/* O - Void record id */
{
  receipt_t		rc;
  pieces_t		w;
  inv_status_t		status;
  inv_record_t		r;
  const store_account_t	*to;
  char			number[32];

  memset(&rc, 0, sizeof(rc));
  memset(&w, 0, sizeof(w));
  memset(&r, 0, sizeof(r));
  if ((status = auditCheckText(db, _("the reason"), reason, true)) != INV_OK ||
      (status = receipt_check(db, receipt, void_days, &rc)) != INV_OK)
    goto done;
  if ((to = namesAccount(&rc.names, rc.to)) == NULL)
  {
    status = _invDbSetError(db, INV_ERROR, _("event %" PRId64 " is not a receipt"), receipt);
    goto done;
  }
  snprintf(number, sizeof(number), "%" PRId64, receipt);
  r.location = to->code;
  r.method = rc.ref;
  r.place = number;
  r.reason = reason;
  if ((status = auditPiecesGet(db, rc.serials, &w)) == INV_OK &&
      (status = auditCheckNotOpen(db, &w)) == INV_OK)
    status = auditRecordPrepare(db, INV_RECORD_VOID, EV_RECEIVE_VOID_PREPARE, rc.serials, &w, auditItemsInsert, &r,
                                json_pack("{s:I,s:s,s:s,s:s}", "receipt", (json_int_t)receipt, "location", r.location,
                                          "delivery_note", r.method, "reason", r.reason), id);

done:
  auditPiecesFree(&w);
  receipt_free(&rc);
  return (status);
}


/* Approve a void (another person): the receipt's serials go back to the
 * supplier, off the books. */
inv_status_t
invReceiveVoidApprove(inv_db_t *db,	/* I - Ledger */
                      int64_t  id,	/* I - Void record */
                      int      void_days)	/* I - [ledger] void_days */
{
  record_copy_t	c;
  receipt_t	rc;
  inv_status_t	status;
  int64_t	receipt;
  char		now[32], ref[64], *detail = NULL;

  memset(&rc, 0, sizeof(rc));
  if ((status = auditRecordLoad(db, INV_RECORD_VOID, id, &c)) != INV_OK ||
      (status = auditRecordStep(db, &c.r, EV_RECEIVE_VOID)) != INV_OK ||
      (status = auditCheckOtherPerson(db, &c)) != INV_OK)
    goto done;
  receipt = strtoll(c.r.place, NULL, 10);
  if ((status = receipt_check(db, receipt, void_days, &rc)) != INV_OK)
    goto done;
  auditRecordRef(INV_RECORD_VOID, id, ref, sizeof(ref));
  if (!(detail = chainDetailCopy(json_pack("{s:I,s:I,s:s,s:I,s:s,s:s}", "id", (json_int_t)id, "receipt",
                                           (json_int_t)receipt, "delivery_note", c.r.method, "count",
                                           (json_int_t)rc.serials->serials, "reason", c.r.reason,
                                           "preparer", c.r.preparer))))
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  if ((status = _invUnreceive(db, eventName(EV_RECEIVE_VOID), c.r.location, rc.serials, ref, detail,
                              &c.r.seal_event)) != INV_OK)
    goto done;
  chainTimeNow(now, sizeof(now));
  c.r.approver = c.r.executor = db->actor;
  c.r.approved = c.r.executed = now;
  status = storeRecordUpdate(db, &c.r);

done:
  auditRecordFree(&c);
  receipt_free(&rc);
  free(detail);
  return (status);
}
