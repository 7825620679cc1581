/*
 * Write-offs: blanks lost from stock at a stocktake, prepared by one person
 * and approved by another, when they move to "lost".  See
 * blanko/inventory.h.
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


/* Cut the serials by holder: every one held at the location (an account
 * of a place, not a state), in no open record. */
static inv_status_t
prepare_pieces(inv_db_t         *db,	/* I - Ledger */
               const char       *location,	/* I - Where they were lost */
               const inv_list_t *serials,	/* I - Serials */
               pieces_t         *w)	/* O - Them by holder (free with auditPiecesFree) */
{
  inv_status_t	status;
  inv_kind_t	kind;
  int64_t	loc_id;

  if ((status = storeAccountFind(db, location, &loc_id, &kind, NULL)) != INV_OK)
    return (status);
  if (kind != INV_KIND_STORE && kind != INV_KIND_PRINTROOM && kind != INV_KIND_HOPPER)
    return (_invDbSetError(db, INV_REFUSED, _("%s is not a location"), location));
  if ((status = auditPiecesGet(db, serials, w)) != INV_OK)
    return (status);
  for (size_t i = 0; i < w->count; i ++)
    if (w->p[i].account != loc_id)
    {
      char wanted[128];

      snprintf(wanted, sizeof(wanted), _("at %s"), location);
      return (auditRefusePiece(db, w, w->p + i, wanted));
    }
  return (auditCheckNotOpen(db, w));
}


/* A stocktake loss at a location, to be approved by another person. */
inv_status_t
invWriteoffPrepare(inv_db_t         *db,	/* I - Ledger */
                   const char       *location,	/* I - Where they were lost */
                   const inv_list_t *serials,	/* I - Serials */
                   const char       *reason,	/* I - Why */
                   int64_t          *id)	/* O - Write-off id */
{
  pieces_t	w;
  inv_status_t	status;
  inv_record_t	r;

  memset(&w, 0, sizeof(w));
  memset(&r, 0, sizeof(r));
  r.location = location;
  r.reason = reason;
  if ((status = auditCheckText(db, _("the reason"), reason, true)) == INV_OK &&
      (status = prepare_pieces(db, location, serials, &w)) == INV_OK)
    status = auditRecordPrepare(db, INV_RECORD_WRITEOFF, EV_WRITEOFF_PREPARE, serials, &w, auditItemsInsert, &r,
                                json_pack("{s:s,s:s}", "location", r.location, "reason", r.reason), id);
  auditPiecesFree(&w);
  return (status);
}


/* Approve a write-off (another person): its serials move to "lost". */
inv_status_t
invWriteoffApprove(inv_db_t *db,	/* I - Ledger */
                   int64_t  id)		/* I - Write-off */
{
  record_copy_t	c;
  inv_status_t	status;
  inv_list_t	*list = invListNew();
  char		now[32], ref[64], *detail = NULL, number[INV_NUMBER_MAX];

  if (!list)
    return (_invDbNoMemory(db));
  if ((status = auditRecordLoad(db, INV_RECORD_WRITEOFF, id, &c)) != INV_OK ||
      (status = auditRecordStep(db, &c.r, EV_WRITEOFF)) != INV_OK ||
      (status = auditCheckOtherPerson(db, &c)) != INV_OK ||
      (status = auditRecordSerials(db, id, NULL, list)) != INV_OK ||
      (status = auditStateAccount(db, "lost", _("Blanks written off at stocktake (lost from stock)"))) != INV_OK ||
      (status = _invRecordNumber(db, INV_RECORD_WRITEOFF, &c.r, number)) != INV_OK)
    goto done;
  auditRecordRef(INV_RECORD_WRITEOFF, id, ref, sizeof(ref));
  if (!(detail = chainDetailCopy(json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)id, "reason", c.r.reason,
                                           "preparer", c.r.preparer, "number", number))))
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  if ((status = _invMove(db, eventName(EV_WRITEOFF), c.r.location, "lost", list, ref, detail, &c.r.seal_event)) != INV_OK)
    goto done;
  chainTimeNow(now, sizeof(now));
  c.r.approver = c.r.executor = db->actor;
  c.r.approved = c.r.executed = now;
  status = storeRecordUpdate(db, &c.r);

done:
  auditRecordFree(&c);
  invListDelete(list);
  free(detail);
  return (status);
}
