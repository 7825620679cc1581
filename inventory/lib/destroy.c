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

static const char * const methods[] = { "incineration", "shredding", "punching" };


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
trace_row(void *ctx, int64_t first, int64_t last, const char *detail)
{
  trace_t	*t = ctx;
  inv_range_t	r = t->piece->range;
  json_t	*d = json_loads(detail, 0, NULL);
  const char	*reason = json_string_value(json_object_get(d, "reason"));

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
trace_items(inv_db_t *db, const pieces_t *w, int64_t record)
{
  trace_t	t = { db, NULL, NULL, record, invListNew(), invListNew(), invListNew(), INV_OK };

  if (!t.done || !t.cand || !t.out)
    t.status = _invDbNoMemory(db);
  for (size_t i = 0; i < w->count && t.status == INV_OK; i ++)
  {
    t.piece = w->p + i;
    t.state = auditPieceHolder(w, t.piece);
    invListClear(t.done);
    if ((t.status = storeMovementsInto(db, t.piece->account, t.piece->series, t.piece->range.first,
                                       t.piece->range.last, trace_row, &t)) != INV_OK)
      break;
    if (t.status == INV_OK && t.done->serials < invRangeGetCount(&t.piece->range))
    {
      /* Serials with no movement into the state: not possible in a ledger
       * that verifies; keep them, with no reason. */
      trace_row(&t, t.piece->range.first, t.piece->range.last, "{}");
    }
  }
  invListDelete(t.done);
  invListDelete(t.cand);
  invListDelete(t.out);
  return (t.status);
}


/* Collect the ids of open destruction records. */
typedef struct open_ids_s
{
  int64_t	*ids;
  size_t	count;
  bool		failed;
} open_ids_t;

static void
open_record(void *ctx, const inv_record_t *r)
{
  open_ids_t	*o = ctx;
  int64_t	*ids;

  if (strcmp(r->state, "prepared") && strcmp(r->state, "approved"))
    return;
  if ((ids = realloc(o->ids, (o->count + 1) * sizeof(int64_t))) == NULL)
  {
    o->failed = true;
    return;
  }
  o->ids = ids;
  o->ids[o->count ++] = r->id;
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
  open_ids_t	o = { NULL, 0, false };
  inv_status_t	status = INV_OK;
  const char	*states[] = { "spoiled", "invalid" };

  invListClear(out);
  if (!held || !open || !part)
    status = _invDbNoMemory(db);
  for (size_t i = 0; i < 2 && status == INV_OK; i ++)
    if ((status = invHoldingCopyList(db, states[i], part)) == INV_OK)
      status = list_merge(db, held, part);
  if (status == INV_OK && (status = storeRecordList(db, "destruction", open_record, &o)) == INV_OK && o.failed)
    status = _invDbNoMemory(db);
  for (size_t i = 0; i < o.count && status == INV_OK; i ++)
    if ((status = auditRecordSerials(db, o.ids[i], NULL, part)) == INV_OK)
      status = list_merge(db, open, part);
  if (status == INV_OK && invListSubtract(held, open, out) != INV_OK)
    status = _invDbNoMemory(db);
  free(o.ids);
  invListDelete(held);
  invListDelete(open);
  invListDelete(part);
  return (status);
}


/*
 * Prepare a destruction record of spoiled and invalid serials (NULL: all
 * of them that are in no open record).  *id gets its number.
 */

inv_status_t
invDestroyPrepare(inv_db_t         *db,		/* I - Ledger */
                  const inv_list_t *serials,	/* I - Serials, or NULL for all */
                  const char       *method,	/* I - incineration, shredding, punching */
                  const char       *place,	/* I - Where */
                  const char       *planned,	/* I - Planned date YYYY-MM-DD, or NULL */
                  int64_t          *id)		/* O - Record id */
{
  inv_list_t	*all = NULL;
  pieces_t	w;
  inv_status_t	status;
  inv_record_t	r;
  char		now[32], ref[64], *text = NULL, *detail = NULL;

  memset(&w, 0, sizeof(w));
  if (!auditOneOf(method, methods, sizeof(methods) / sizeof(methods[0])))
    return (_invDbSetError(db, INV_REFUSED, _("--method: \"%s\" is not one of incineration, shredding, punching"),
                          method ? method : ""));
  if ((status = auditCheckText(db, _("the place"), place, true)) != INV_OK ||
      (planned && *planned && (status = invDateCheck(db, planned)) != INV_OK))
    return (status);
  if (!serials)
  {
    if ((all = invListNew()) == NULL)
      return (_invDbNoMemory(db));
    if ((status = destroyable_all(db, all)) != INV_OK)
      goto done;
    if (all->serials == 0)
    {
      status = _invDbSetError(db, INV_REFUSED, _("no spoiled or invalid serials are waiting for destruction"));
      goto done;
    }
    serials = all;
  }
  if ((status = auditPiecesGet(db, serials, &w)) != INV_OK)
    goto done;
  for (size_t i = 0; i < w.count; i ++)
  {
    const char *holder = auditPieceHolder(&w, w.p + i);

    if (strcmp(holder, "spoiled") && strcmp(holder, "invalid"))
    {
      status = auditRefusePiece(db, &w, w.p + i, _("spoiled or invalid"));
      goto done;
    }
  }
  if ((status = auditCheckNotOpen(db, &w)) != INV_OK)
    goto done;

  chainTimeNow(now, sizeof(now));
  memset(&r, 0, sizeof(r));
  r.type = "destruction";
  r.state = "prepared";
  r.method = method;
  r.place = place;
  r.planned = planned ? planned : "";
  r.preparer = db->actor;
  r.prepared = now;
  r.count = serials->serials;
  if ((status = storeRecordInsert(db, &r, id)) != INV_OK ||
      (status = trace_items(db, &w, *id)) != INV_OK)
    goto done;
  text = invListFormatCopy(serials);
  detail = text ? chainDetailCopy(json_pack("{s:I,s:s,s:s,s:s,s:I,s:s}", "id", (json_int_t)*id, "method", method,
                                            "place", place, "planned", r.planned, "count", (json_int_t)r.count,
                                            "serials", text)) : NULL;
  auditRecordRef(INV_RECORD_DESTRUCTION, *id, ref, sizeof(ref));
  status = detail ? _invEventAppend(db, eventName(EV_DESTROY_PREPARE), ref, detail, NULL)
                  : _invDbNoMemory(db);

done:
  auditPiecesFree(&w);
  invListDelete(all);
  free(text);
  free(detail);
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
      (status = auditRecordCheckState(db, &c, "prepared")) != INV_OK ||
      (status = auditCheckOtherPerson(db, &c)) != INV_OK)
  {
    auditRecordFree(&c);
    return (status);
  }
  chainTimeNow(now, sizeof(now));
  c.r.state = "approved";
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
  static const char * const states[] = { "spoiled", "invalid" };
  record_copy_t	c;
  inv_status_t	status;
  inv_list_t	*part = invListNew();
  json_t	*list = json_array();
  char		now[32], ref[64], head[65], hash[65], *wtext = NULL, *detail = NULL;
  int64_t	head_id;

  memset(&c, 0, sizeof(c));
  if (!part || !list)
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  if ((status = auditRecordLoad(db, INV_RECORD_DESTRUCTION, id, &c)) != INV_OK)
    goto done;
  if (strcmp(c.r.state, "approved"))
  {
    status = _invDbSetError(db, INV_REFUSED, _("record %" PRId64 " is %s; only an approved record may be executed"),
                           id, c.r.state);
    goto done;
  }
  if (nwitnesses < INV_WITNESS_MIN)
  {
    status = _invDbSetError(db, INV_REFUSED, P_("a destruction needs at least %d witness (--witness), %zu given",
                                               "a destruction needs at least %d witnesses (--witness), %zu given",
                                               INV_WITNESS_MIN), INV_WITNESS_MIN, nwitnesses);
    goto done;
  }
  for (size_t i = 0; i < nwitnesses; i ++)
  {
    char w[3 * AUDIT_TEXT_MAX + 16];

    if ((status = witness_parse(db, witnesses[i], w, sizeof(w))) != INV_OK)
      goto done;
    for (size_t j = 0; j < json_array_size(list); j ++)
      if (!strncasecmp(json_string_value(json_array_get(list, j)), w, strcspn(w, ";") + 1))
      {
        status = _invDbSetError(db, INV_REFUSED, _("witness \"%.*s\" is named twice; witnesses must be different people"),
                               (int)strcspn(w, ";"), w);
        goto done;
      }
    if (json_array_append_new(list, json_string(w)))
    {
      status = _invDbNoMemory(db);
      goto done;
    }
  }

  auditRecordRef(INV_RECORD_DESTRUCTION, id, ref, sizeof(ref));
  if (!(detail = chainDetailCopy(json_pack("{s:I}", "id", (json_int_t)id))))
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  for (size_t i = 0; i < 2 && status == INV_OK; i ++)
    if ((status = auditRecordSerials(db, id, states[i], part)) == INV_OK && part->serials)
      status = _invMove(db, eventName(EV_DESTROY), states[i], "destroyed", part, ref, detail, NULL);
  free(detail);
  detail = NULL;
  if (status != INV_OK || (status = storeEventHead(db, &head_id, head)) != INV_OK)
    goto done;

  chainTimeNow(now, sizeof(now));
  wtext = json_dumps(list, JSON_COMPACT | JSON_ENSURE_ASCII);
  c.r.state = "executed";
  c.r.executor = db->actor;
  c.r.executed = now;
  c.r.witnesses = wtext ? wtext : "[]";
  c.r.head = head;
  if ((status = auditRecordHash(db, &c.r, hash)) != INV_OK)
    goto done;
  c.r.hash = hash;
  detail = chainDetailCopy(json_pack("{s:I,s:s,s:s,s:O,s:I}", "id", (json_int_t)id, "hash", hash, "head", head,
                                     "witnesses", list, "count", (json_int_t)c.r.count));
  if (!detail)
    status = _invDbNoMemory(db);
  else if ((status = _invEventAppend(db, eventName(EV_DESTROY_EXECUTE), ref, detail, &c.r.seal_event)) == INV_OK)
    status = storeRecordUpdate(db, &c.r);

done:
  auditRecordFree(&c);
  invListDelete(part);
  json_decref(list);
  free(wtext);
  free(detail);
  return (status);
}
