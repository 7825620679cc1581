/*
 * Verification: replay every event from an empty ledger.
 *
 * verify recomputes each event's hash from its stored columns and
 * movements and checks the chain link; looks its kind up in the registry
 * of event kinds (events-private.h), refusing a kind that is not there;
 * and hands the event to the domains that replay it (verify-private.h):
 * holdings, card requests, printing, records, requests for blanks and
 * temporary certificates.  At the end each domain
 * compares what it replayed with the tables.  The first problem is
 * reported and ends the check.
 */

#include "verify-private.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>


/* Check the gathered event: its place in the chain, its hash, its kind;
 * then replay it in every domain its kind names. */
static int
finish_event(verify_t *v)
{
  char		hash[65];
  unsigned	domains;
  json_t	*d = NULL;

  if (v->cur.id != v->last_id + 1)
    return (verifyFail(v, v->last_id + 1, _("event %" PRId64 " is missing (the next stored event is %" PRId64 ")"),
                       v->last_id + 1, v->cur.id));
  if (strcmp(v->cur.prev, v->head))
    return (verifyFail(v, v->cur.id, _("event %" PRId64 " does not link to event %" PRId64 " (its previous hash differs)"),
                       v->cur.id, v->last_id));
  chainHash(&v->cur, v->moves, v->nmoves, hash);
  if (strcmp(hash, v->cur.hash))
    return (verifyFail(v, v->cur.id, _("event %" PRId64 " does not match its hash (its content or movements were changed)"),
                       v->cur.id));
  if ((v->cur_kind = eventFind(v->cur.kind)) == EV_UNKNOWN)
    return (verifyFail(v, v->cur.id, _("event %" PRId64 " is of a kind no program writes (\"%s\")"), v->cur.id,
                       v->cur.kind));

  domains = eventDomains(v->cur_kind);
  if (domains & ~EVENT_HOLDINGS)			/* Read once for all */
    d = json_loads(v->cur.detail, 0, NULL);
  verifyHoldingsReplay(v, d);				/* Every event's movements */
  if (!v->failed && domains & EVENT_REQUESTS)
    verifyRequestsReplay(v, d);
  if (!v->failed && domains & EVENT_PRINTING)
    verifyPrintReplay(v, d);
  if (!v->failed && domains & EVENT_RECORDS)
    verifyRecordsReplay(v, d);
  if (!v->failed && domains & EVENT_SUPPLY)
    verifySupplyReplay(v, d);
  if (!v->failed && domains & EVENT_SUKET)
    verifySuketReplay(v, d);
  json_decref(d);
  if (!v->failed && verifyTotalsReplay(v) != INV_OK)
    return (verifyFail(v, 0, "%s", invDbGetError(v->db)));
  if (v->failed)
    return (1);

  memcpy(v->head, hash, sizeof(hash));
  v->last_id = v->cur.id;
  v->result->events ++;
  if (v->progress && (v->last_id & 0xffff) == 0)
    v->progress(v->progress_ctx, v->last_id, v->total);
  return (0);
}


/* Keep a short copy of a column of the event being gathered (a longer
 * value is cut, and then fails its hash as it should). */
static const char *
keep(verify_t *v, int i, const char *s)
{
  size_t n = strnlen(s, sizeof(v->cur_text[i]) - 1);

  memcpy(v->cur_text[i], s, n);
  v->cur_text[i][n] = '\0';
  return (v->cur_text[i]);
}


/* One row of events joined with movements. */
static int
scan_row(void *ctx, const store_event_row_t *e, const store_move_row_t *m)
{
  verify_t *v = ctx;

  if (e->id != v->cur.id)
  {
    if (v->cur.id && finish_event(v))
      return (1);
    free(v->cur_detail);
    v->cur = *e;
    v->cur.time = keep(v, 0, e->time);
    v->cur.actor = keep(v, 1, e->actor);
    v->cur.via = keep(v, 2, e->via);
    v->cur.kind = keep(v, 3, e->kind);
    v->cur.ref = keep(v, 4, e->ref);
    v->cur.prev = keep(v, 5, e->prev);
    v->cur.hash = keep(v, 6, e->hash);
    v->cur.detail = v->cur_detail = strdup(e->detail);
    v->nmoves = 0;
  }
  if (m->id)
  {
    const store_series_t	*s = namesSeries(&v->names, m->series);
    const store_account_t	*from = namesAccount(&v->names, m->from), *to = namesAccount(&v->names, m->to);

    v->rows_seen ++;
    /* ids rise with the chain: the table's key (event, id) does not make
       them unique, the program's numbering does (schema 18) */
    if (m->id <= v->last_move)
      return (verifyFail(v, e->id, _("event %" PRId64 " has a movement numbered %" PRId64 " after movement %" PRId64),
                         e->id, m->id, v->last_move));
    v->last_move = m->id;
    if (!s || !from || !to || m->first > m->last)
      return (verifyFail(v, e->id, _("event %" PRId64 " has a movement with an unknown series or account"), e->id));
    if (m->bucket != 63 - __builtin_clzll((unsigned long long)(m->last - m->first + 1)))
      return (verifyFail(v, e->id, _("event %" PRId64 " has a movement whose index entry was changed"), e->id));
    if (v->nmoves == v->amoves)
    {
      size_t		alloc = v->amoves ? 2 * v->amoves : 16;
      chain_move_t	*moves = realloc(v->moves, alloc * sizeof(chain_move_t));

      if (!moves)
        return (verifyFail(v, e->id, "%s", i18nNoMemory()));
      v->moves = moves;
      v->amoves = alloc;
    }
    v->moves[v->nmoves ++] = (chain_move_t){ *m, s->prefix, s->width, from->code, to->code };
  }
  return (0);
}


/*
 * Verify the whole ledger.  Returns INV_OK when all is well, INV_PROBLEM
 * with result->problem (and result->bad_event where an event is to blame)
 * when something is wrong, or an error status when the file can't be read.
 */

inv_status_t
invVerify(inv_db_t          *db,	/* I - Ledger */
          inv_progress_cb_t cb,		/* I - Progress callback or NULL */
          void              *ctx,	/* I - Its context */
          inv_verify_t      *result)	/* O - What was found */
{
  verify_t	v;
  inv_status_t	status;
  int64_t	movements = 0;
  char		dummy[65];
  bool		own_read;

  memset(result, 0, sizeof(*result));
  memset(&v, 0, sizeof(v));
  v.db = db;
  v.result = result;
  v.progress = cb;
  v.progress_ctx = ctx;
  memset(v.head, '0', 64);

  /* One read transaction, so that the tables are seen at one moment
   * (the caller's, if it holds one). */
  own_read = !_invDbInTransaction(db);
  if (own_read && (status = invDbBeginRead(db)) != INV_OK)
    return (status);

  if ((status = storeEventHead(db, &v.total, dummy)) != INV_OK ||
      (status = namesLoad(db, &v.names)) != INV_OK)
    goto done;
  if (!verifyHoldingsNew(&v) || !verifyRequestsNew(&v) || !verifyPrintNew(&v) || !verifyRecordsNew(&v) ||
      !verifyTotalsNew(&v) || !verifySupplyNew(&v) || !verifySuketNew(&v))
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  if ((status = storeEventScan(db, scan_row, &v, &movements)) != INV_OK)
    goto done;
  if (!v.failed && v.cur.id)
    finish_event(&v);
  if (!v.failed && v.rows_seen != movements)
    verifyFail(&v, 0, _("%" PRId64 " movement rows belong to no event"), movements - v.rows_seen);

  /* Each domain compares its replay with the tables */
  if (!v.failed && (status = verifyHoldingsCheck(&v)) != INV_OK)
    goto done;
  if (!v.failed && (status = verifyTotalsCheck(&v)) != INV_OK)
    goto done;
  if (!v.failed && (status = verifyRequestsCheckIds(&v)) != INV_OK)
    goto done;
  if (!v.failed && (status = verifyRecordsCheck(&v)) != INV_OK)
    goto done;
  if (!v.failed && (status = verifyRequestsCheckRows(&v)) != INV_OK)
    goto done;
  if (!v.failed && (status = verifyPrintCheck(&v)) != INV_OK)
    goto done;
  if (!v.failed && (status = verifySuketCheck(&v)) != INV_OK)
    goto done;
  if (!v.failed && (status = verifyAnchors(&v)) != INV_OK)
    goto done;
  memcpy(result->head, v.head, sizeof(result->head));
  if (cb)
    cb(ctx, v.total, v.total);

done:
  if (own_read)
    invDbEndRead(db);
  verifyHoldingsFree(&v);
  verifyRequestsFree(&v);
  verifyPrintFree(&v);
  verifyRecordsFree(&v);
  verifyTotalsFree(&v);
  verifySupplyFree(&v);
  verifySuketFree(&v);
  namesFree(&v.names);
  free(v.moves);
  free(v.cur_detail);
  if (status != INV_OK)
    return (status);
  return (v.failed ? INV_PROBLEM : INV_OK);
}
