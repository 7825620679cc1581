/*
 * Verification of destruction records, write-offs and voids of receipts: each record's state
 * is replayed from its events through the record state machine
 * (stateRecord) and compared with the table, and every sealed destruction
 * record is checked against its hash and seal (invRecordCheck).  See
 * verify-private.h.
 */

#include "verify-private.h"
#include "audit-private.h"
#include "states-private.h"

#include <stdlib.h>
#include <string.h>


typedef struct vrecord_s		/* A record as its events make it */
{
  const char	*state;			/* NULL for none */
  int		type;		/* inv_record_type_t */
  int64_t	made;			/* Event that prepared it */
  bool		stored;			/* Met in the record table? */
} vrecord_t;

struct verify_records_s			/* State of the records' replay */
{
  vrecord_t	*records;		/* By id */
  size_t	alloc;
};


/* Start the records' replay; false when memory runs out. */
bool
verifyRecordsNew(verify_t *v)		/* I - Verification */
{
  return ((v->records = calloc(1, sizeof(verify_records_t))) != NULL);
}


/* Replay an event of a record through its state machine. */
void
verifyRecordsReplay(verify_t *v,	/* I - Verification */
                    json_t   *d)	/* I - The event's detail, or NULL */
{
  verify_records_t	*rs = v->records;
  event_id_t		k = v->cur_kind;
  int			type = k == EV_WRITEOFF_PREPARE || k == EV_WRITEOFF || k == EV_WRITEOFF_CANCEL ? INV_RECORD_WRITEOFF :
			       k == EV_RECEIVE_VOID_PREPARE || k == EV_RECEIVE_VOID || k == EV_RECEIVE_VOID_CANCEL ?
			       INV_RECORD_VOID : INV_RECORD_DESTRUCTION;
  json_int_t		id = 0;
  vrecord_t		*r;
  const char		*to, *why;

  if (!d || json_unpack(d, "{s:I}", "id", &id) || id < 1 || id > v->total)
  {
    verifyFail(v, v->cur.id, _("event %" PRId64 " has unreadable detail"), v->cur.id);
    return;
  }
  if ((size_t)id >= rs->alloc)
  {
    size_t	n = (size_t)id * 2 + 16;
    vrecord_t	*more = realloc(rs->records, n * sizeof(vrecord_t));

    if (!more)
    {
      verifyFail(v, 0, "%s", i18nNoMemory());
      return;
    }
    memset(more + rs->alloc, 0, (n - rs->alloc) * sizeof(vrecord_t));
    rs->records = more;
    rs->alloc = n;
  }
  r = rs->records + id;
  if ((to = stateRecord(r->state, k, &why)) == NULL || (r->state && r->type != type))
  {
    verifyFail(v, v->cur.id, _("event %" PRId64 " (%s) does not fit record %" PRId64 ", which is %s: %s"), v->cur.id,
               v->cur.kind, (int64_t)id, r->state ? r->state : _("unknown"),
               to ? _("it is a record of another type") : _(why));
    return;
  }
  if (!r->state)
  {
    r->type = type;
    r->made = v->cur.id;
  }
  r->state = to;
}


/* Compare one stored record with the one its events make. */
static void
check_record(void               *ctx,	/* I - verify_t */
             const inv_record_t *stored)	/* I - Stored record */
{
  verify_t		*v = ctx;
  verify_records_t	*rs = v->records;
  vrecord_t		*r = stored->id >= 1 && (size_t)stored->id < rs->alloc ? rs->records + stored->id : NULL;

  if (v->failed)
    return;
  if (!r || !r->state || strcmp(invRecordTypeName((inv_record_type_t)r->type), stored->type))
  {
    verifyFail(v, 0, _("record %" PRId64 " was not made by any event"), stored->id);
    return;
  }
  r->stored = true;
  if (strcmp(stored->state, r->state))
    verifyFail(v, 0, _("record %" PRId64 " is %s, but its events make it %s"), stored->id, stored->state, r->state);
}


/* Recheck every sealed destruction record against its hash and seal, and
 * every record's state against its events. */
inv_status_t
verifyRecordsCheck(verify_t *v)		/* I - Verification */
{
  verify_records_t	*rs = v->records;
  int64_t		*ids;
  size_t		nids;
  inv_status_t		status;
  char			problem[512];

  status = auditRecordIds(v->db, INV_RECORD_DESTRUCTION, STATE_REC_EXECUTED, &ids, &nids);
  for (size_t i = 0; i < nids && status == INV_OK && !v->failed; i ++)
  {
    if ((status = invRecordCheck(v->db, ids[i], problem, sizeof(problem))) == INV_PROBLEM)
    {
      verifyFail(v, 0, "%s", problem);
      status = INV_OK;
    }
  }
  free(ids);
  if (status != INV_OK || v->failed ||
      (status = storeRecordList(v->db, "destruction", check_record, v)) != INV_OK || v->failed ||
      (status = storeRecordList(v->db, "writeoff", check_record, v)) != INV_OK || v->failed ||
      (status = storeRecordList(v->db, "void", check_record, v)) != INV_OK)
    return (status);
  for (size_t i = 1; i < rs->alloc && !v->failed; i ++)
    if (rs->records[i].state && !rs->records[i].stored)
      verifyFail(v, 0, _("record %zu is missing (event %" PRId64 " made it)"), i, rs->records[i].made);
  return (INV_OK);
}


/* Free the records' replay. */
void
verifyRecordsFree(verify_t *v)		/* I - Verification */
{
  if (!v->records)
    return;
  free(v->records->records);
  free(v->records);
  v->records = NULL;
}
