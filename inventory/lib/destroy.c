/*
 * Destruction of spoiled and invalid cards under dual control: prepare,
 * approve (another person), execute before witnesses.  See
 * blanko/inventory.h.
 *
 * When a destruction record is prepared, each of its ranges is traced back
 * to the movement that brought it into "spoiled" or "invalid" and the
 * record's items keep state and reason per range; execution seals the
 * record with its content hash (auditRecordHash, record.c).
 */

#include "anchor-private.h"
#include "audit-private.h"
#include "events-private.h"
#include "ledger-private.h"
#include "list-private.h"
#include "blanko/i18n.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



/* State of tracing a range back to the movements that brought it in. */
typedef struct trace_s
{
  inv_db_t	*db;
  const piece_t	*piece;
  const char	*state;
  int64_t	record;
  inv_list_t	*done, *cand, *out;	/* Serials given a reason; scratch */
  inv_status_t	status;
} trace_t;


/* Write items for the part of a movement's range not yet given a reason. */
static int
trace_row(void *ctx, int64_t first, int64_t last, const char *time, const char *detail)
{
  trace_t	*t = ctx;
  inv_range_t	r = t->piece->range;
  json_t	*d = json_loads(detail, 0, NULL);
  const char	*reason = json_string_value(json_object_get(d, "reason"));

  (void)time;

  r.first = first > r.first ? first : r.first;
  r.last = last < r.last ? last : r.last;
  invListClear(t->cand);
  if (invListAdd(t->cand, &r) != INV_OK || invListSubtract(t->cand, t->done, t->out) != INV_OK)
    t->status = _invDbNoMemory(t->db);
  for (size_t i = 0; t->status == INV_OK && i < t->out->count; i ++)
  {
    store_item_t item = { t->record, t->piece->series, t->out->ranges[i].first, t->out->ranges[i].last,
                          t->state, reason ? reason : "", "" };

    if ((t->status = storeRecordItemInsert(t->db, &item)) == INV_OK && invListAdd(t->done, t->out->ranges + i) != INV_OK)
      t->status = _invDbNoMemory(t->db);
  }
  json_decref(d);
  return (t->status != INV_OK || t->done->serials == invRangeGetCount(&t->piece->range));
}


/* Write a destruction record's items: each piece with its state and the
 * reason from the event that brought it into that state. */
static inv_status_t
trace_items(inv_db_t           *db,	/* I - Ledger */
            const pieces_t     *w,	/* I - Serials by holder */
            const inv_record_t *r)	/* I - The record */
{
  trace_t	t = { db, NULL, NULL, r->id, invListNew(), invListNew(), invListNew(), INV_OK };

  if (!t.done || !t.cand || !t.out)
    t.status = _invDbNoMemory(db);
  for (size_t i = 0; i < w->count && t.status == INV_OK; i ++)
  {
    t.piece = w->p + i;
    t.state = auditPieceHolder(w, t.piece);
    invListClear(t.done);
    if ((t.status = storeMovementsIntoTime(db, t.piece->account, t.piece->series, t.piece->range.first,
                                           t.piece->range.last, trace_row, &t)) != INV_OK)
      break;
    if (t.status == INV_OK && t.done->serials < invRangeGetCount(&t.piece->range))
    {
      /* Serials with no movement into the state: not possible in a ledger
       * that verifies; keep them, with no reason. */
      trace_row(&t, t.piece->range.first, t.piece->range.last, NULL, "{}");
    }
  }
  invListDelete(t.done);
  invListDelete(t.cand);
  invListDelete(t.out);
  return (t.status);
}


/* Add every range of src to dst. */
static inv_status_t
list_merge(inv_db_t *db, inv_list_t *dst, const inv_list_t *src)
{
  for (size_t j = 0; j < src->count; j ++)
    if (invListAdd(dst, src->ranges + j) != INV_OK)
      return (_invDbSetError(db, INV_ERROR, "%s", invListGetError(dst)));
  return (INV_OK);
}


/* Everything spoiled or invalid and in no open destruction record. */
static inv_status_t
destroyable_all(inv_db_t *db, inv_list_t *out)
{
  inv_list_t	*held = invListNew(), *open = invListNew(), *part = invListNew();
  int64_t	*ids = NULL;
  size_t	nids = 0;
  inv_status_t	status = INV_OK;
  const char	*states[] = { "spoiled", "invalid" };

  invListClear(out);
  if (!held || !open || !part)
    status = _invDbNoMemory(db);
  for (size_t i = 0; i < 2 && status == INV_OK; i ++)
    if ((status = invHoldingCopyList(db, states[i], part)) == INV_OK)
      status = list_merge(db, held, part);
  if (status == INV_OK)
    status = auditRecordIds(db, INV_RECORD_DESTRUCTION, NULL, &ids, &nids);
  for (size_t i = 0; i < nids && status == INV_OK; i ++)
    if ((status = auditRecordSerials(db, ids[i], NULL, part)) == INV_OK)
      status = list_merge(db, open, part);
  if (status == INV_OK && invListSubtract(held, open, out) != INV_OK)
    status = _invDbNoMemory(db);
  free(ids);
  invListDelete(held);
  invListDelete(open);
  invListDelete(part);
  return (status);
}


/* Refuse a destruction's method, place or planned date that is not right. */
static inv_status_t
prepare_check(inv_db_t   *db,		/* I - Ledger */
              const char *method,	/* I - incineration, shredding, punching */
              const char *place,	/* I - Where */
              const char *planned)	/* I - Planned date YYYY-MM-DD, or NULL */
{
  inv_status_t status;

  char choices[256];

  if (!invVocabCode(INV_VOCAB_METHOD, method))
    return (_invDbSetError(db, INV_REFUSED, _("--method: \"%s\" is not one of %s"), method ? method : "",
                          invVocabChoices(INV_VOCAB_METHOD, choices, sizeof(choices))));
  if ((status = auditCheckText(db, _("the place"), place, true)) != INV_OK ||
      (planned && *planned && (status = invDateCheck(db, planned)) != INV_OK))
    return (status);
  return (INV_OK);
}


/* The serials to destroy: those given, or (NULL) every spoiled or invalid
 * one in no open record, which go to all; refused when there are none. */
static inv_status_t
prepare_serials(inv_db_t         *db,	/* I - Ledger */
                const inv_list_t **serials,	/* IO - Serials given, then to destroy */
                inv_list_t       **all)	/* O - Every destroyable serial, or NULL (free it) */
{
  inv_status_t status;

  *all = NULL;
  if (*serials)
    return (INV_OK);
  if ((*all = invListNew()) == NULL)
    return (_invDbNoMemory(db));
  if ((status = destroyable_all(db, *all)) != INV_OK)
    return (status);
  if ((*all)->serials == 0)
    return (_invDbSetError(db, INV_REFUSED, _("no spoiled or invalid serials are waiting for destruction")));
  *serials = *all;
  return (INV_OK);
}


/* Cut the serials by holder: every one spoiled or invalid, in no open record. */
static inv_status_t
prepare_pieces(inv_db_t         *db,	/* I - Ledger */
               const inv_list_t *serials,	/* I - Serials to destroy */
               pieces_t         *w)	/* O - Them by holder (free with auditPiecesFree) */
{
  inv_status_t status;

  if ((status = auditPiecesGet(db, serials, w)) != INV_OK)
    return (status);
  for (size_t i = 0; i < w->count; i ++)
  {
    const char *holder = auditPieceHolder(w, w->p + i);

    if (strcmp(holder, "spoiled") && strcmp(holder, "invalid"))
      return (auditRefusePiece(db, w, w->p + i, _("spoiled or invalid")));
  }
  return (auditCheckNotOpen(db, w));
}


/*
 * Prepare a destruction record of spoiled and invalid serials (NULL: all
 * of them that are in no open record).  *id gets its number.
 */

inv_status_t
invDestroyPrepare(inv_db_t         *db,		/* I - Ledger */
                  const inv_list_t *serials,	/* I - Serials, or NULL for all */
                  const char       *method,	/* I - incineration, shredding, punching, or its Indonesian word */
                  const char       *place,	/* I - Where */
                  const char       *planned,	/* I - Planned date YYYY-MM-DD, or NULL */
                  int64_t          *id)		/* O - Record id */
{
  inv_list_t	*all = NULL;
  pieces_t	w;
  inv_status_t	status;
  inv_record_t	r;

  memset(&w, 0, sizeof(w));
  memset(&r, 0, sizeof(r));
  r.method = invVocabCode(INV_VOCAB_METHOD, method);	/* Stored as the code; NULL refused below */
  r.place = place;
  r.planned = planned ? planned : "";
  if ((status = prepare_check(db, method, place, planned)) == INV_OK &&
      (status = prepare_serials(db, &serials, &all)) == INV_OK &&
      (status = prepare_pieces(db, serials, &w)) == INV_OK)
    status = auditRecordPrepare(db, INV_RECORD_DESTRUCTION, EV_DESTROY_PREPARE, serials, &w, trace_items, &r,
                                json_pack("{s:s,s:s,s:s}", "method", r.method, "place", r.place,
                                          "planned", r.planned), id);
  auditPiecesFree(&w);
  invListDelete(all);
  return (status);
}


/* Approve a prepared record (destruction): by someone other than the preparer. */
inv_status_t
invDestroyApprove(inv_db_t *db,		/* I - Ledger */
                  int64_t  id)		/* I - Record */
{
  record_copy_t	c;
  inv_status_t	status;
  char		now[32], ref[64], *detail;

  if ((status = auditRecordLoad(db, INV_RECORD_DESTRUCTION, id, &c)) != INV_OK ||
      (status = auditRecordStep(db, &c.r, EV_DESTROY_APPROVE)) != INV_OK ||
      (status = auditCheckOtherPerson(db, &c)) != INV_OK)
  {
    auditRecordFree(&c);
    return (status);
  }
  chainTimeNow(now, sizeof(now));
  c.r.approver = db->actor;
  c.r.approved = now;
  auditRecordRef(INV_RECORD_DESTRUCTION, id, ref, sizeof(ref));
  detail = chainDetailCopy(json_pack("{s:I,s:s}", "id", (json_int_t)id, "preparer", c.r.preparer));
  if ((status = storeRecordUpdate(db, &c.r)) == INV_OK)
    status = detail ? _invEventAppend(db, eventName(EV_DESTROY_APPROVE), ref, detail, NULL)
                    : _invDbNoMemory(db);
  free(detail);
  auditRecordFree(&c);
  return (status);
}


/* Parse and tidy one witness, "NAME; POSITION; ID-NUMBER", into out. */
static inv_status_t
witness_parse(inv_db_t *db, const char *text, char *out, size_t outsize)
{
  char		parts[3][AUDIT_TEXT_MAX + 1];
  const char	*p = text;
  int		n = 0;

  if (!text || !chainTextIsClean(text, AUDIT_TEXT_MAX))
    return (_invDbSetError(db, INV_REFUSED, _("--witness must be at most %d characters of UTF-8 text with no control characters"),
                          AUDIT_TEXT_MAX));
  while (n < 3)
  {
    size_t len = strcspn(p, ";");

    while (len > 0 && isspace((unsigned char)*p))
      p ++, len --;
    while (len > 0 && isspace((unsigned char)p[len - 1]))
      len --;
    snprintf(parts[n], sizeof(parts[n]), "%.*s", (int)len, p);
    n ++;
    p += strcspn(p, ";");
    if (!*p)
      break;
    p ++;
  }
  if (n != 3 || *p || strchr(text, ';') == strrchr(text, ';') || !parts[0][0] || !parts[1][0] || !parts[2][0])
    return (_invDbSetError(db, INV_REFUSED, _("--witness \"%s\": give \"NAME; POSITION; ID-NUMBER\", all three"),
                          text));
  snprintf(out, outsize, "%s; %s; %s", parts[0], parts[1], parts[2]);
  return (INV_OK);
}


/* Parse the witnesses into list: enough of them, each well formed and a
 * different person. */
static inv_status_t
execute_witnesses(inv_db_t           *db,	/* I - Ledger */
                  const char * const *witnesses,/* I - "NAME; POSITION; ID-NUMBER" each */
                  size_t             nwitnesses,/* I - How many */
                  json_t             *list)	/* O - Them tidied, as JSON strings */
{
  inv_status_t status;

  if (nwitnesses < INV_WITNESS_MIN)
    return (_invDbSetError(db, INV_REFUSED, P_("a destruction needs at least %d witness (--witness), %zu given",
                                              "a destruction needs at least %d witnesses (--witness), %zu given",
                                              INV_WITNESS_MIN), INV_WITNESS_MIN, nwitnesses));
  for (size_t i = 0; i < nwitnesses; i ++)
  {
    char w[3 * AUDIT_TEXT_MAX + 16];

    if ((status = witness_parse(db, witnesses[i], w, sizeof(w))) != INV_OK)
      return (status);
    for (size_t j = 0; j < json_array_size(list); j ++)
      if (!strncasecmp(json_string_value(json_array_get(list, j)), w, strcspn(w, ";") + 1))
        return (_invDbSetError(db, INV_REFUSED, _("witness \"%.*s\" is named twice; witnesses must be different people"),
                              (int)strcspn(w, ";"), w));
    if (json_array_append_new(list, json_string(w)))
      return (_invDbNoMemory(db));
  }
  return (INV_OK);
}


/* Move a record's spoiled and invalid serials to "destroyed", one destroy
 * event for each origin that has any. */
static inv_status_t
execute_moves(inv_db_t   *db,		/* I - Ledger */
              int64_t    id,		/* I - Record */
              const char *ref)		/* I - Its reference */
{
  static const char * const states[] = { "spoiled", "invalid" };
  inv_list_t	*part = invListNew();
  char		*detail = chainDetailCopy(json_pack("{s:I}", "id", (json_int_t)id));
  inv_status_t	status = part && detail ? INV_OK : _invDbNoMemory(db);

  for (size_t i = 0; i < 2 && status == INV_OK; i ++)
    if ((status = auditRecordSerials(db, id, states[i], part)) == INV_OK && part->serials)
      status = _invMove(db, eventName(EV_DESTROY), states[i], "destroyed", part, ref, detail, NULL);
  invListDelete(part);
  free(detail);
  return (status);
}


/* Seal an executed record: the chain head now, its executor, witnesses
 * and content hash, in the record and in its destroy.execute event. */
static inv_status_t
execute_seal(inv_db_t     *db,		/* I - Ledger */
             inv_record_t *r,		/* IO - The record, executed */
             json_t       *list,	/* I - Its witnesses */
             const char   *ref)		/* I - Its reference */
{
  inv_status_t	status;
  int64_t	head_id;
  char		now[32], head[65], hash[65], *wtext = NULL, *detail = NULL, number[INV_NUMBER_MAX];

  if ((status = storeEventHead(db, &head_id, head)) != INV_OK ||
      (status = _invRecordNumber(db, INV_RECORD_DESTRUCTION, r, number)) != INV_OK)
    return (status);
  chainTimeNow(now, sizeof(now));
  wtext = json_dumps(list, JSON_COMPACT | JSON_ENSURE_ASCII);
  r->executor = db->actor;
  r->executed = now;
  r->witnesses = wtext ? wtext : "[]";
  r->head = head;
  if ((status = auditRecordHash(db, r, hash)) != INV_OK)
    goto done;
  r->hash = hash;
  detail = chainDetailCopy(json_pack("{s:I,s:s,s:s,s:O,s:I,s:s}", "id", (json_int_t)r->id, "hash", hash, "head", head,
                                     "witnesses", list, "count", (json_int_t)r->count, "number", number));
  if (!detail)
    status = _invDbNoMemory(db);
  else if ((status = _invEventAppend(db, eventName(EV_DESTROY_EXECUTE), ref, detail, &r->seal_event)) == INV_OK &&
           (status = storeRecordUpdate(db, r)) == INV_OK)
  {
    char mark[INV_ANCHOR_MARK_MAX + 1];

    snprintf(mark, sizeof(mark), "record destruction %" PRId64, r->id);
    status = _invAnchorSeal(db, head_id, head, mark);	/* the head it seals, signed */
  }

done:
  free(wtext);
  free(detail);
  return (status);
}


/*
 * Execute an approved destruction before witnesses: its serials move to
 * "destroyed" and the record is sealed with its content hash and the
 * event-chain head at sealing.
 */

inv_status_t
invDestroyExecute(inv_db_t          *db,	/* I - Ledger */
                  int64_t           id,		/* I - Record */
                  const char * const *witnesses,/* I - "NAME; POSITION; ID-NUMBER" each */
                  size_t            nwitnesses)	/* I - How many */
{
  record_copy_t	c;
  inv_status_t	status;
  json_t	*list = json_array();
  char		ref[64];

  memset(&c, 0, sizeof(c));
  auditRecordRef(INV_RECORD_DESTRUCTION, id, ref, sizeof(ref));
  if (!list)
    status = _invDbNoMemory(db);
  else if ((status = auditRecordLoad(db, INV_RECORD_DESTRUCTION, id, &c)) == INV_OK &&
           (status = auditRecordStep(db, &c.r, EV_DESTROY_EXECUTE)) == INV_OK &&
           (status = execute_witnesses(db, witnesses, nwitnesses, list)) == INV_OK &&
           (status = execute_moves(db, id, ref)) == INV_OK)
    status = execute_seal(db, &c.r, list, ref);
  auditRecordFree(&c);
  json_decref(list);
  return (status);
}
