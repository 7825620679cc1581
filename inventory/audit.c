/*
 * Taking cards out of use (spoiled, invalid), write-offs and destruction
 * under dual control.  See blanko/inventory.h.
 *
 * Where the reasons live: the reason a card was spoiled or made invalid is
 * in the detail of the event that moved it (so it is covered by the hash
 * chain).  When a destruction record is prepared, each of its ranges is
 * traced back to the movement that brought it into "spoiled" or "invalid"
 * and the record's items keep state and reason per range; the record is
 * sealed at execution with a SHA-256 hash of its canonical text, and that
 * hash is also in the sealing event, so a record edited behind the
 * program's back no longer matches either (invRecordCheck).
 */

#include "chain-private.h"
#include "events-private.h"
#include "ledger-private.h"
#include "list-private.h"
#include "names-private.h"
#include "blanko/date.h"
#include "blanko/i18n.h"

#include <ctype.h>
#include <inttypes.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MAX 200			/* Longest reason, place, note, witness */

static const char * const record_types[] = { "destruction", "writeoff" };
static const char * const invalid_reasons[] = { "returned", "damaged", "superseded", "wrong-data", "found", "lost" };
static const char * const methods[] = { "incineration", "shredding", "punching" };


/* The name of a record type. */
const char *
invRecordTypeName(inv_record_type_t type)	/* I - Type */
{
  return ((unsigned)type < 2 ? record_types[type] : "?");
}


/* Is text one of the words in list? */
static bool
one_of(const char *text, const char * const *list, size_t n)
{
  for (size_t i = 0; text && i < n; i ++)
    if (!strcmp(text, list[i]))
      return (true);
  return (false);
}


/* Check a free-text value. */
static inv_status_t
check_text(inv_db_t *db, const char *what, const char *text, bool required)
{
  if (!text || !*text)
    return (required ? invDbSetError(db, INV_REFUSED, _("%s must not be empty"), what) : INV_OK);
  if (!chainTextIsClean(text, TEXT_MAX))
    return (invDbSetError(db, INV_REFUSED, _("%s must be at most %d characters with no control characters"),
                          what, TEXT_MAX));
  return (INV_OK);
}


/* Check a UTC date, YYYY-MM-DD, with a real month and day (invDateParse). */
inv_status_t
invDateCheck(inv_db_t   *db,		/* I - Ledger (for the message) */
             const char *date)		/* I - Date */
{
  char why[160];

  if (!invDateParse(date, 0, NULL, why, sizeof(why)))
    return (invDbSetError(db, INV_REFUSED, _("bad date \"%s\": %s"), date ? date : "", why));
  return (INV_OK);
}


/*
 * Pieces: who holds each part of a list.
 */

typedef struct piece_s			/* Part of a list held by one account */
{
  int64_t	account;
  int64_t	series;
  inv_range_t	range;
} piece_t;

typedef struct pieces_s			/* A list cut by holder */
{
  piece_t	*p;
  size_t	count, alloc;
  inv_names_t	names;
  const inv_range_t *cur;		/* Range being cut */
  int64_t	series, next;		/* Its series, first serial not yet seen */
  bool		failed;
} pieces_t;


/* Collect the pieces of the current range from holding rows. */
static int
piece_row(void *ctx, const store_holding_t *h)
{
  pieces_t	*w = ctx;
  piece_t	*p;

  if (h->last < w->next)
    return (0);
  if (h->first > w->next)
    return (1);				/* a gap: never received */
  if (w->count == w->alloc)
  {
    size_t	alloc = w->alloc ? 2 * w->alloc : 16;
    piece_t	*list = realloc(w->p, alloc * sizeof(piece_t));

    if (!list)
    {
      w->failed = true;
      return (1);
    }
    w->p = list;
    w->alloc = alloc;
  }
  p = w->p + w->count ++;
  p->account = h->account;
  p->series = w->series;
  p->range = *w->cur;
  p->range.first = w->next;
  p->range.last = h->last < w->cur->last ? h->last : w->cur->last;
  w->next = p->range.last + 1;
  return (w->next > w->cur->last);
}


/* Cut a list into pieces by holder; refused when a serial was never received. */
static inv_status_t
pieces_get(inv_db_t *db, const inv_list_t *list, pieces_t *w)
{
  inv_status_t	status;
  char		serial[INV_SERIAL_MAX];

  memset(w, 0, sizeof(*w));
  if ((status = namesLoad(db, &w->names)) != INV_OK)
    return (status);
  for (size_t i = 0; i < list->count; i ++)
  {
    const inv_range_t *r = list->ranges + i;

    w->cur = r;
    w->next = r->first;
    if ((status = storeSeriesFind(db, r->prefix, r->width, false, &w->series)) != INV_OK)
      return (status);
    if (w->series && (status = storeHoldingOverlap(db, w->series, r->first, r->last, piece_row, w)) != INV_OK)
      return (status);
    if (w->failed)
      return (invDbSetError(db, INV_ERROR, _("out of memory")));
    if (w->next <= r->last)
      return (invDbSetError(db, INV_REFUSED, _("serial %s was never received"),
                            invSerialFormat(r->prefix, r->width, w->next, serial, sizeof(serial))));
  }
  return (INV_OK);
}


/* Free the pieces. */
static void
pieces_free(pieces_t *w)
{
  free(w->p);
  namesFree(&w->names);
}


/* The code of the account holding a piece. */
static const char *
piece_holder(const pieces_t *w, const piece_t *p)
{
  const store_account_t *a = namesAccount(&w->names, p->account);

  return (a ? a->code : "?");
}


/* Refuse a piece held by the wrong account, saying where it is; a
 * destroyed serial gets its own message. */
static inv_status_t
refuse_piece(inv_db_t *db, const pieces_t *w, const piece_t *p, const char *wanted)
{
  char		serial[INV_SERIAL_MAX];
  const char	*holder = piece_holder(w, p);

  invSerialFormat(p->range.prefix, p->range.width, p->range.first, serial, sizeof(serial));
  if (!strcmp(holder, "destroyed"))
    return (invDbSetError(db, INV_REFUSED, _("serial %s was destroyed; nothing may be done with a destroyed serial"),
                          serial));
  return (invDbSetError(db, INV_REFUSED, _("serial %s is not %s (it is at %s)"), serial, wanted, holder));
}


/* Refuse serials of a list that are in an open record (a new record's;
 * moves check their own, in ledger.c). */
static inv_status_t
check_not_open(inv_db_t *db, const pieces_t *w)
{
  inv_status_t status = INV_OK;

  for (size_t i = 0; i < w->count && status == INV_OK; i ++)
    status = ledgerCheckNotInRecord(db, &w->p[i].range, w->p[i].series);
  return (status);
}


/* Gather the pieces held by one account into a list. */
static inv_status_t
pieces_of(inv_db_t *db, const pieces_t *w, int64_t account, inv_list_t *out)
{
  invListClear(out);
  for (size_t i = 0; i < w->count; i ++)
    if (w->p[i].account == account && invListAdd(out, &w->p[i].range) != INV_OK)
      return (invDbSetError(db, INV_ERROR, "%s", invListGetError(out)));
  return (INV_OK);
}


/* Move the pieces to account "to", one event of kind per account they
 * come from (in the order first met); *made gets the events made. */
static inv_status_t
move_by_holder(inv_db_t       *db,	/* I - Ledger */
               const pieces_t *w,	/* I - The pieces, by holder */
               const char     *kind,	/* I - Event kind */
               const char     *to,	/* I - Destination account */
               const char     *detail,	/* I - Event detail */
               int64_t        *made,	/* O - Events made */
               int64_t        *event_id)/* O - Last event, or NULL */
{
  inv_list_t	*part = invListNew();
  inv_status_t	status = part ? INV_OK : invDbSetError(db, INV_ERROR, _("out of memory"));

  *made = 0;
  for (size_t i = 0; i < w->count && status == INV_OK; i ++)
  {
    bool first = true;

    for (size_t j = 0; j < i; j ++)
      if (w->p[j].account == w->p[i].account)
        first = false;
    if (!first)
      continue;
    if ((status = pieces_of(db, w, w->p[i].account, part)) == INV_OK)
      status = invMove(db, kind, piece_holder(w, w->p + i), to, part, NULL, detail, event_id);
    (*made) ++;
  }
  invListDelete(part);
  return (status);
}


/* Make a state account on first use, by an "account.add" event that
 * verify replays (as init makes the first ones). */
static inv_status_t
state_account(inv_db_t   *db,		/* I - Ledger */
              const char *code,		/* I - Account code */
              const char *name)		/* I - Its description */
{
  inv_status_t	status;
  char		*detail;

  if (storeAccountFind(db, code, NULL, NULL, NULL) == INV_OK)
    return (INV_OK);
  if ((status = storeAccountInsert(db, code, INV_KIND_STATE, name, NULL)) != INV_OK)
    return (status);
  detail = chainDetailCopy(json_pack("{s:s,s:s}", "code", code, "kind", "state"));
  status = detail ? invEventAppend(db, eventName(EV_ACCOUNT_ADD), code, detail, NULL)
                  : invDbSetError(db, INV_ERROR, _("out of memory"));
  free(detail);
  return (status);
}


/*
 * Blanks ruined in handling, from locations or hoppers, into "spoiled":
 * one event per account they came from.  *count gets the events made.
 */

inv_status_t
invSpoil(inv_db_t         *db,		/* I - Ledger */
         const inv_list_t *serials,	/* I - Serials */
         const char       *reason,	/* I - Why */
         int64_t          *events)	/* O - Events made, or NULL */
{
  pieces_t	w;
  inv_status_t	status;
  char		*detail = NULL;
  int64_t	made = 0;

  memset(&w, 0, sizeof(w));
  if ((status = check_text(db, _("the reason"), reason, true)) != INV_OK ||
      (status = pieces_get(db, serials, &w)) != INV_OK)
    goto done;
  for (size_t i = 0; i < w.count; i ++)
  {
    const store_account_t *a = namesAccount(&w.names, w.p[i].account);

    if (!a || (strcmp(a->kind, "store") && strcmp(a->kind, "printroom") && strcmp(a->kind, "hopper")))
    {
      status = refuse_piece(db, &w, w.p + i, _("in a location or hopper"));
      goto done;
    }
  }
  if (!(detail = chainDetailCopy(json_pack("{s:s}", "reason", reason))))
  {
    status = invDbSetError(db, INV_ERROR, _("out of memory"));
    goto done;
  }
  status = move_by_holder(db, &w, eventName(EV_SPOIL), "spoiled", detail, &made, NULL);
  if (events)
    *events = made;

done:
  pieces_free(&w);
  free(detail);
  return (status);
}


/*
 * Personalised cards taken out of use.  Each serial must be issued and
 * moves to invalid, except: "lost" (the holder reported the card lost)
 * moves it to "reported-lost", cards the office does not hold, never on
 * hand nor destroyed; "found" also takes a card back from reported-lost
 * into invalid, so that it can be destroyed.
 */

inv_status_t
invInvalidate(inv_db_t         *db,		/* I - Ledger */
              const inv_list_t *serials,	/* I - Serials */
              const char       *reason,		/* I - returned, damaged, superseded, wrong-data, found, lost */
              const char       *note,		/* I - Note or NULL */
              const char       *police_report,	/* I - Police loss report number (lost only), or NULL */
              int64_t          *event_id)	/* O - Event, or NULL */
{
  pieces_t	w;
  inv_status_t	status;
  json_t	*obj;
  char		*detail = NULL;
  bool		lost = reason && !strcmp(reason, "lost"), found = reason && !strcmp(reason, "found");
  int64_t	made;

  if (!one_of(reason, invalid_reasons, sizeof(invalid_reasons) / sizeof(invalid_reasons[0])))
    return (invDbSetError(db, INV_REFUSED,
                          _("--reason: \"%s\" is not one of returned, damaged, superseded, wrong-data, found, lost"),
                          reason ? reason : ""));
  if (police_report && *police_report && !lost)
    return (invDbSetError(db, INV_REFUSED, _("--police-report is only for --reason lost")));
  if ((status = check_text(db, _("the note"), note, false)) != INV_OK ||
      (status = check_text(db, _("the police report number"), police_report, false)) != INV_OK)
    return (status);
  if ((status = pieces_get(db, serials, &w)) == INV_OK)
  {
    for (size_t i = 0; i < w.count && status == INV_OK; i ++)
    {
      const char *holder = piece_holder(&w, w.p + i);

      if (strcmp(holder, "issued") && !(found && !strcmp(holder, "reported-lost")))
        status = refuse_piece(db, &w, w.p + i, found ? _("issued or reported lost") : _("issued"));
    }
  }
  if (status != INV_OK)
    goto done;
  obj = json_pack("{s:s}", "reason", reason);
  if (obj && note && *note)
    json_object_set_new(obj, "note", json_string(note));
  if (obj && police_report && *police_report)
    json_object_set_new(obj, "police_report", json_string(police_report));
  if (!(detail = chainDetailCopy(obj)))
    status = invDbSetError(db, INV_ERROR, _("out of memory"));
  else if (lost)
  {
    if ((status = state_account(db, "reported-lost",
                                _("Cards reported lost by their holders (not held by the office)"))) == INV_OK)
      status = invMove(db, eventName(EV_REPORT_LOST), "issued", "reported-lost", serials, NULL, detail, event_id);
  }
  else
    status = move_by_holder(db, &w, eventName(EV_INVALID), "invalid", detail, &made, event_id);

done:
  pieces_free(&w);
  free(detail);
  return (status);
}


/* Keep the detail of the newest movement into an account (callback). */
static int
newest_detail(void *ctx, int64_t first, int64_t last, const char *detail)
{
  (void)first; (void)last;
  *(char **)ctx = strdup(detail);
  return (1);
}


/*
 * The account holding one serial: its code in holder and, when detail is
 * not NULL, a copy of the detail of the event that brought it there (the
 * reason, the police report number; the caller frees it).  Refused when
 * the serial is not one or was never received.
 */

inv_status_t
invSerialHolder(inv_db_t   *db,		/* I - Ledger */
                const char *serial,	/* I - Serial */
                char       *holder,	/* O - Account code */
                size_t     holdersize,	/* I - Its size */
                char       **detail)	/* O - Detail of the move there, or NULL */
{
  inv_list_t	*list = invListNew();
  pieces_t	w;
  inv_status_t	status;

  memset(&w, 0, sizeof(w));
  *holder = '\0';
  if (detail)
    *detail = NULL;
  if (!list || invListParse(list, serial) != INV_OK || list->serials != 1)
    status = invDbSetError(db, INV_REFUSED, _("bad serial \"%s\""), serial);
  else if ((status = pieces_get(db, list, &w)) == INV_OK && w.count == 1)
  {
    snprintf(holder, holdersize, "%s", piece_holder(&w, w.p));
    if (detail)
      status = storeMovementsInto(db, w.p->account, w.p->series, w.p->range.first, w.p->range.last,
                                  newest_detail, detail);
  }
  pieces_free(&w);
  invListDelete(list);
  return (status);
}


/*
 * Records.
 */

typedef struct record_copy_s		/* A record read into owned strings */
{
  inv_record_t	r;
  char		*strings[18];
  bool		found;
} record_copy_t;


/* Keep a copy of a record from the store. */
static void
record_keep(void *ctx, const inv_record_t *r)
{
  record_copy_t	*c = ctx;
  const char	**fields[] = { &c->r.type, &c->r.state, &c->r.location, &c->r.method, &c->r.place,
                               &c->r.planned, &c->r.reason, &c->r.preparer, &c->r.prepared, &c->r.approver,
                               &c->r.approved, &c->r.executor, &c->r.executed, &c->r.cancelled,
                               &c->r.witnesses, &c->r.hash, &c->r.head };

  c->r = *r;
  for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i ++)
  {
    c->strings[i] = strdup(*fields[i] ? *fields[i] : "");
    *fields[i] = c->strings[i] ? c->strings[i] : "";
  }
  c->found = true;
}


/* Release a copied record. */
static void
record_free(record_copy_t *c)
{
  for (size_t i = 0; i < sizeof(c->strings) / sizeof(c->strings[0]); i ++)
    free(c->strings[i]);
  memset(c, 0, sizeof(*c));
}


/* Read a record of a type; refused when there is none. */
static inv_status_t
record_load(inv_db_t *db, inv_record_type_t type, int64_t id, record_copy_t *c)
{
  inv_status_t status;

  memset(c, 0, sizeof(*c));
  if ((status = storeRecordGet(db, invRecordTypeName(type), id, record_keep, c, &c->found)) != INV_OK)
    return (status);
  if (!c->found)
    return (invDbSetError(db, INV_REFUSED, type == INV_RECORD_DESTRUCTION ? _("no destruction record %" PRId64)
                                                                          : _("no write-off %" PRId64), id));
  return (INV_OK);
}


/* Refuse a record not in the wanted state. */
static inv_status_t
check_state(inv_db_t *db, const record_copy_t *c, const char *wanted)
{
  if (!strcmp(c->r.state, wanted))
    return (INV_OK);
  return (invDbSetError(db, INV_REFUSED, _("record %" PRId64 " is %s, not %s"), c->r.id, c->r.state, wanted));
}


/* The reference naming a record in events. */
static void
record_ref(inv_record_type_t type, int64_t id, char *buf, size_t bufsize)
{
  snprintf(buf, bufsize, "%s/%" PRId64, invRecordTypeName(type), id);
}


/* Dual control: the approver must be a registered user other than the preparer. */
static inv_status_t
check_other_person(inv_db_t *db, const record_copy_t *c)
{
  if (!strcmp(c->r.preparer, db->actor))
    return (invDbSetError(db, INV_REFUSED,
                          _("%s prepared record %" PRId64 " and may not approve it; another auditor or admin must"),
                          db->actor, c->r.id));
  return (INV_OK);
}


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
    t->status = invDbSetError(t->db, INV_ERROR, _("out of memory"));
  for (size_t i = 0; t->status == INV_OK && i < t->out->count; i ++)
  {
    store_item_t item = { t->record, t->piece->series, t->out->ranges[i].first, t->out->ranges[i].last,
                          t->state, reason ? reason : "", "" };

    if ((t->status = storeRecordItemInsert(t->db, &item)) == INV_OK && invListAdd(t->done, t->out->ranges + i) != INV_OK)
      t->status = invDbSetError(t->db, INV_ERROR, _("out of memory"));
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
    t.status = invDbSetError(db, INV_ERROR, _("out of memory"));
  for (size_t i = 0; i < w->count && t.status == INV_OK; i ++)
  {
    t.piece = w->p + i;
    t.state = piece_holder(w, t.piece);
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


static inv_status_t	record_serials(inv_db_t *db, int64_t id, const char *state, inv_list_t *out);


/* Add every range of src to dst. */
static inv_status_t
list_merge(inv_db_t *db, inv_list_t *dst, const inv_list_t *src)
{
  for (size_t j = 0; j < src->count; j ++)
    if (invListAdd(dst, src->ranges + j) != INV_OK)
      return (invDbSetError(db, INV_ERROR, "%s", invListGetError(dst)));
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
    status = invDbSetError(db, INV_ERROR, _("out of memory"));
  for (size_t i = 0; i < 2 && status == INV_OK; i ++)
    if ((status = invHoldingCopyList(db, states[i], part)) == INV_OK)
      status = list_merge(db, held, part);
  if (status == INV_OK && (status = storeRecordList(db, "destruction", open_record, &o)) == INV_OK && o.failed)
    status = invDbSetError(db, INV_ERROR, _("out of memory"));
  for (size_t i = 0; i < o.count && status == INV_OK; i ++)
    if ((status = record_serials(db, o.ids[i], NULL, part)) == INV_OK)
      status = list_merge(db, open, part);
  if (status == INV_OK && invListSubtract(held, open, out) != INV_OK)
    status = invDbSetError(db, INV_ERROR, _("out of memory"));
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
  if (!one_of(method, methods, sizeof(methods) / sizeof(methods[0])))
    return (invDbSetError(db, INV_REFUSED, _("--method: \"%s\" is not one of incineration, shredding, punching"),
                          method ? method : ""));
  if ((status = check_text(db, _("the place"), place, true)) != INV_OK ||
      (planned && *planned && (status = invDateCheck(db, planned)) != INV_OK))
    return (status);
  if (!serials)
  {
    if ((all = invListNew()) == NULL)
      return (invDbSetError(db, INV_ERROR, _("out of memory")));
    if ((status = destroyable_all(db, all)) != INV_OK)
      goto done;
    if (all->serials == 0)
    {
      status = invDbSetError(db, INV_REFUSED, _("no spoiled or invalid serials are waiting for destruction"));
      goto done;
    }
    serials = all;
  }
  if ((status = pieces_get(db, serials, &w)) != INV_OK)
    goto done;
  for (size_t i = 0; i < w.count; i ++)
  {
    const char *holder = piece_holder(&w, w.p + i);

    if (strcmp(holder, "spoiled") && strcmp(holder, "invalid"))
    {
      status = refuse_piece(db, &w, w.p + i, _("spoiled or invalid"));
      goto done;
    }
  }
  if ((status = check_not_open(db, &w)) != INV_OK)
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
  record_ref(INV_RECORD_DESTRUCTION, *id, ref, sizeof(ref));
  status = detail ? invEventAppend(db, eventName(EV_DESTROY_PREPARE), ref, detail, NULL)
                  : invDbSetError(db, INV_ERROR, _("out of memory"));

done:
  pieces_free(&w);
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

  if ((status = record_load(db, INV_RECORD_DESTRUCTION, id, &c)) != INV_OK ||
      (status = check_state(db, &c, "prepared")) != INV_OK ||
      (status = check_other_person(db, &c)) != INV_OK)
  {
    record_free(&c);
    return (status);
  }
  chainTimeNow(now, sizeof(now));
  c.r.state = "approved";
  c.r.approver = db->actor;
  c.r.approved = now;
  record_ref(INV_RECORD_DESTRUCTION, id, ref, sizeof(ref));
  detail = chainDetailCopy(json_pack("{s:I,s:s}", "id", (json_int_t)id, "preparer", c.r.preparer));
  if ((status = storeRecordUpdate(db, &c.r)) == INV_OK)
    status = detail ? invEventAppend(db, eventName(EV_DESTROY_APPROVE), ref, detail, NULL)
                    : invDbSetError(db, INV_ERROR, _("out of memory"));
  free(detail);
  record_free(&c);
  return (status);
}


/* A text buffer for the canonical form of a record. */
typedef struct canon_s
{
  FILE		*fp;
  char		*text;
  size_t	len;
  inv_names_t	names;
} canon_t;


/* One item line of the canonical form. */
static int
canon_item(void *ctx, const store_item_t *item)
{
  canon_t		*c = ctx;
  const store_series_t	*s = namesSeries(&c->names, item->series);
  inv_range_t		r = { "", s ? s->width : 1, item->first, item->last };
  char			text[INV_RANGE_MAX];

  if (s)
    snprintf(r.prefix, sizeof(r.prefix), "%s", s->prefix);
  fprintf(c->fp, "item %s %s %s %s\n", invRangeFormat(&r, text, sizeof(text)), item->state, item->nik[0] ? item->nik : "-",
          item->reason);
  return (0);
}


/*
 * The content hash of a record: SHA-256 of its canonical text (id, place,
 * method, times, people, witnesses, every range with its origin and
 * reason, and the chain head at sealing).
 */

static inv_status_t
record_hash(inv_db_t *db, const inv_record_t *r, char hash[65])
{
  static const char hex[] = "0123456789abcdef";
  canon_t	c;
  inv_status_t	status;
  unsigned char	md[EVP_MAX_MD_SIZE];
  unsigned	mdlen = 0;

  memset(&c, 0, sizeof(c));
  if ((status = namesLoad(db, &c.names)) != INV_OK)
    goto done;
  if ((c.fp = open_memstream(&c.text, &c.len)) == NULL)
  {
    status = invDbSetError(db, INV_ERROR, _("out of memory"));
    goto done;
  }
  fprintf(c.fp, "blanko-record 1\nid %" PRId64 "\ntype %s\nlocation %s\nmethod %s\nplace %s\nplanned %s\n"
                "reason %s\ncount %" PRId64 "\n", r->id, r->type, r->location, r->method, r->place, r->planned,
          r->reason, r->count);
  if ((status = storeRecordItems(db, r->id, canon_item, &c)) != INV_OK)
    goto done;
  fprintf(c.fp, "witnesses %s\npreparer %s %s\napprover %s %s\nexecutor %s %s\nhead %s\n", r->witnesses,
          r->preparer, r->prepared, r->approver, r->approved, r->executor, r->executed, r->head);
  fclose(c.fp);
  c.fp = NULL;
  EVP_Digest(c.text, c.len, md, &mdlen, EVP_sha256(), NULL);
  for (unsigned i = 0; i < mdlen && i < 32; i ++)
  {
    hash[2 * i] = hex[md[i] >> 4];
    hash[2 * i + 1] = hex[md[i] & 15];
  }
  hash[64] = '\0';

done:
  if (c.fp)
    fclose(c.fp);
  free(c.text);
  namesFree(&c.names);
  return (status);
}


/* Parse and tidy one witness, "NAME; POSITION; ID-NUMBER", into out. */
static inv_status_t
witness_parse(inv_db_t *db, const char *text, char *out, size_t outsize)
{
  char		parts[3][TEXT_MAX + 1];
  const char	*p = text;
  int		n = 0;

  if (!text || !chainTextIsClean(text, TEXT_MAX))
    return (invDbSetError(db, INV_REFUSED, _("--witness must be at most %d characters of UTF-8 text with no control characters"),
                          TEXT_MAX));
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
    return (invDbSetError(db, INV_REFUSED, _("--witness \"%s\": give \"NAME; POSITION; ID-NUMBER\", all three"),
                          text));
  snprintf(out, outsize, "%s; %s; %s", parts[0], parts[1], parts[2]);
  return (INV_OK);
}


/* Collect the items of a record by origin account into a list. */
typedef struct gather_s
{
  const char	*state;
  inv_list_t	*out;
  inv_names_t	*names;
  bool		failed;
} gather_t;

static int
gather_item(void *ctx, const store_item_t *item)
{
  gather_t		*g = ctx;
  const store_series_t	*s = namesSeries(g->names, item->series);
  inv_range_t		r = { "", s ? s->width : 1, item->first, item->last };

  if (g->state && strcmp(item->state, g->state))
    return (0);
  if (s)
    snprintf(r.prefix, sizeof(r.prefix), "%s", s->prefix);
  if (invListAdd(g->out, &r) != INV_OK)
    g->failed = true;
  return (g->failed);
}


/* The serials of a record that came from one account (NULL: all). */
static inv_status_t
record_serials(inv_db_t *db, int64_t id, const char *state, inv_list_t *out)
{
  inv_names_t	names;
  gather_t	g = { state, out, &names, false };
  inv_status_t	status;

  invListClear(out);
  if ((status = namesLoad(db, &names)) == INV_OK)
    status = storeRecordItems(db, id, gather_item, &g);
  namesFree(&names);
  if (status == INV_OK && g.failed)
    status = invDbSetError(db, INV_ERROR, _("out of memory"));
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
    status = invDbSetError(db, INV_ERROR, _("out of memory"));
    goto done;
  }
  if ((status = record_load(db, INV_RECORD_DESTRUCTION, id, &c)) != INV_OK)
    goto done;
  if (strcmp(c.r.state, "approved"))
  {
    status = invDbSetError(db, INV_REFUSED, _("record %" PRId64 " is %s; only an approved record may be executed"),
                           id, c.r.state);
    goto done;
  }
  if (nwitnesses < INV_WITNESS_MIN)
  {
    status = invDbSetError(db, INV_REFUSED, P_("a destruction needs at least %d witness (--witness), %zu given",
                                               "a destruction needs at least %d witnesses (--witness), %zu given",
                                               INV_WITNESS_MIN), INV_WITNESS_MIN, nwitnesses);
    goto done;
  }
  for (size_t i = 0; i < nwitnesses; i ++)
  {
    char w[3 * TEXT_MAX + 16];

    if ((status = witness_parse(db, witnesses[i], w, sizeof(w))) != INV_OK)
      goto done;
    for (size_t j = 0; j < json_array_size(list); j ++)
      if (!strncasecmp(json_string_value(json_array_get(list, j)), w, strcspn(w, ";") + 1))
      {
        status = invDbSetError(db, INV_REFUSED, _("witness \"%.*s\" is named twice; witnesses must be different people"),
                               (int)strcspn(w, ";"), w);
        goto done;
      }
    if (json_array_append_new(list, json_string(w)))
    {
      status = invDbSetError(db, INV_ERROR, _("out of memory"));
      goto done;
    }
  }

  record_ref(INV_RECORD_DESTRUCTION, id, ref, sizeof(ref));
  if (!(detail = chainDetailCopy(json_pack("{s:I}", "id", (json_int_t)id))))
  {
    status = invDbSetError(db, INV_ERROR, _("out of memory"));
    goto done;
  }
  for (size_t i = 0; i < 2 && status == INV_OK; i ++)
    if ((status = record_serials(db, id, states[i], part)) == INV_OK && part->serials)
      status = invMove(db, eventName(EV_DESTROY), states[i], "destroyed", part, ref, detail, NULL);
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
  if ((status = record_hash(db, &c.r, hash)) != INV_OK)
    goto done;
  c.r.hash = hash;
  detail = chainDetailCopy(json_pack("{s:I,s:s,s:s,s:O,s:I}", "id", (json_int_t)id, "hash", hash, "head", head,
                                     "witnesses", list, "count", (json_int_t)c.r.count));
  if (!detail)
    status = invDbSetError(db, INV_ERROR, _("out of memory"));
  else if ((status = invEventAppend(db, eventName(EV_DESTROY_EXECUTE), ref, detail, &c.r.seal_event)) == INV_OK)
    status = storeRecordUpdate(db, &c.r);

done:
  record_free(&c);
  invListDelete(part);
  json_decref(list);
  free(wtext);
  free(detail);
  return (status);
}


/* Cancel an open record (prepared or approved). */
inv_status_t
invRecordCancel(inv_db_t          *db,	/* I - Ledger */
                inv_record_type_t type,	/* I - Type */
                int64_t           id)	/* I - Record */
{
  record_copy_t	c;
  inv_status_t	status;
  char		now[32], ref[64], kind[32], *detail;

  if ((status = record_load(db, type, id, &c)) != INV_OK)
    goto done;
  if (strcmp(c.r.state, "prepared") && strcmp(c.r.state, "approved"))
  {
    status = invDbSetError(db, INV_REFUSED, _("record %" PRId64 " is %s; only an open record may be cancelled"), id,
                           c.r.state);
    goto done;
  }
  chainTimeNow(now, sizeof(now));
  c.r.state = "cancelled";
  c.r.cancelled = now;
  record_ref(type, id, ref, sizeof(ref));
  snprintf(kind, sizeof(kind), "%s", eventName(type == INV_RECORD_DESTRUCTION ? EV_DESTROY_CANCEL : EV_WRITEOFF_CANCEL));
  detail = chainDetailCopy(json_pack("{s:I}", "id", (json_int_t)id));
  if ((status = storeRecordUpdate(db, &c.r)) == INV_OK)
    status = detail ? invEventAppend(db, kind, ref, detail, NULL) : invDbSetError(db, INV_ERROR, _("out of memory"));
  free(detail);

done:
  record_free(&c);
  return (status);
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
  inv_kind_t	kind;
  inv_record_t	r;
  int64_t	loc_id;
  char		now[32], ref[64], *text = NULL, *detail = NULL;

  memset(&w, 0, sizeof(w));
  if ((status = check_text(db, _("the reason"), reason, true)) != INV_OK ||
      (status = storeAccountFind(db, location, &loc_id, &kind, NULL)) != INV_OK)
    return (status);
  if (kind != INV_KIND_STORE && kind != INV_KIND_PRINTROOM && kind != INV_KIND_HOPPER)
    return (invDbSetError(db, INV_REFUSED, _("%s is not a location"), location));
  if ((status = pieces_get(db, serials, &w)) != INV_OK)
    goto done;
  for (size_t i = 0; i < w.count; i ++)
    if (w.p[i].account != loc_id)
    {
      char wanted[128];

      snprintf(wanted, sizeof(wanted), _("at %s"), location);
      status = refuse_piece(db, &w, w.p + i, wanted);
      goto done;
    }
  if ((status = check_not_open(db, &w)) != INV_OK)
    goto done;

  chainTimeNow(now, sizeof(now));
  memset(&r, 0, sizeof(r));
  r.type = "writeoff";
  r.state = "prepared";
  r.location = location;
  r.reason = reason;
  r.preparer = db->actor;
  r.prepared = now;
  r.count = serials->serials;
  if ((status = storeRecordInsert(db, &r, id)) != INV_OK)
    goto done;
  for (size_t i = 0; i < w.count && status == INV_OK; i ++)
  {
    store_item_t item = { *id, w.p[i].series, w.p[i].range.first, w.p[i].range.last, location, reason, "" };

    status = storeRecordItemInsert(db, &item);
  }
  if (status != INV_OK)
    goto done;
  text = invListFormatCopy(serials);
  detail = text ? chainDetailCopy(json_pack("{s:I,s:s,s:s,s:I,s:s}", "id", (json_int_t)*id, "location", location,
                                            "reason", reason, "count", (json_int_t)r.count, "serials", text)) : NULL;
  record_ref(INV_RECORD_WRITEOFF, *id, ref, sizeof(ref));
  status = detail ? invEventAppend(db, eventName(EV_WRITEOFF_PREPARE), ref, detail, NULL)
                  : invDbSetError(db, INV_ERROR, _("out of memory"));

done:
  pieces_free(&w);
  free(text);
  free(detail);
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
  char		now[32], ref[64], *detail = NULL;

  if (!list)
    return (invDbSetError(db, INV_ERROR, _("out of memory")));
  if ((status = record_load(db, INV_RECORD_WRITEOFF, id, &c)) != INV_OK ||
      (status = check_state(db, &c, "prepared")) != INV_OK ||
      (status = check_other_person(db, &c)) != INV_OK ||
      (status = record_serials(db, id, NULL, list)) != INV_OK ||
      (status = state_account(db, "lost", _("Blanks written off at stocktake (lost from stock)"))) != INV_OK)
    goto done;
  record_ref(INV_RECORD_WRITEOFF, id, ref, sizeof(ref));
  if (!(detail = chainDetailCopy(json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id, "reason", c.r.reason,
                                           "preparer", c.r.preparer))))
  {
    status = invDbSetError(db, INV_ERROR, _("out of memory"));
    goto done;
  }
  if ((status = invMove(db, eventName(EV_WRITEOFF), c.r.location, "lost", list, ref, detail, &c.r.seal_event)) != INV_OK)
    goto done;
  chainTimeNow(now, sizeof(now));
  c.r.state = "executed";
  c.r.approver = c.r.executor = db->actor;
  c.r.approved = c.r.executed = now;
  status = storeRecordUpdate(db, &c.r);

done:
  record_free(&c);
  invListDelete(list);
  free(detail);
  return (status);
}


/* Call cb with one record; refused when there is none. */
inv_status_t
invRecordGet(inv_db_t          *db,	/* I - Ledger */
             inv_record_type_t type,	/* I - Type */
             int64_t           id,	/* I - Record */
             inv_record_cb_t   cb,	/* I - Callback */
             void              *ctx)	/* I - Its context */
{
  bool		found;
  inv_status_t	status = storeRecordGet(db, invRecordTypeName(type), id, cb, ctx, &found);

  if (status == INV_OK && !found)
    status = invDbSetError(db, INV_REFUSED, type == INV_RECORD_DESTRUCTION ? _("no destruction record %" PRId64)
                                                                           : _("no write-off %" PRId64), id);
  return (status);
}


/* Call cb for every record of a type, oldest first. */
inv_status_t
invRecordList(inv_db_t          *db,	/* I - Ledger */
              inv_record_type_t type,	/* I - Type */
              inv_record_cb_t   cb,	/* I - Callback */
              void              *ctx)	/* I - Its context */
{
  return (storeRecordList(db, invRecordTypeName(type), cb, ctx));
}


/* Bridge from stored items to the public callback. */
typedef struct items_s
{
  inv_record_item_cb_t cb;
  void		*ctx;
  inv_names_t	names;
} items_t;

static int
item_row(void *ctx, const store_item_t *item)
{
  items_t		*it = ctx;
  const store_series_t	*s = namesSeries(&it->names, item->series);
  inv_record_item_t	pub = { { "", s ? s->width : 1, item->first, item->last }, item->state, item->reason,
                                item->nik };

  if (s)
    snprintf(pub.range.prefix, sizeof(pub.range.prefix), "%s", s->prefix);
  it->cb(it->ctx, &pub);
  return (0);
}


/* Call cb for each item of a record (ranges with origin and reason), by
 * series and number. */
inv_status_t
invRecordItems(inv_db_t             *db,	/* I - Ledger */
               int64_t              id,		/* I - Record */
               inv_record_item_cb_t cb,		/* I - Callback */
               void                 *ctx)	/* I - Its context */
{
  items_t	it = { cb, ctx, { 0 } };
  inv_status_t	status;

  if ((status = namesLoad(db, &it.names)) == INV_OK)
    status = storeRecordItems(db, id, item_row, &it);
  namesFree(&it.names);
  return (status);
}


/* Bridge from stored holders to the public callback. */
typedef struct holders_s
{
  inv_holder_cb_t cb;
  void		*ctx;
  inv_names_t	names;
} holders_t;

/* One stored holder: the serial as a range of one, if it is of its series. */
static int
holder_row(void       *ctx,		/* I - Holders bridge */
           int64_t    series,		/* I - Series id of the record item */
           const char *serial,		/* I - Serial text of the request */
           const char *nik)		/* I - The request's NIK */
{
  holders_t		*h = ctx;
  const store_series_t	*s = namesSeries(&h->names, series);
  inv_range_t		r;

  /* The query matched the serial's text; keep it only when it parses as
   * a serial of the item's own series. */
  if (s && invSerialParse(serial, &r) == INV_OK && r.width == s->width && !strcmp(r.prefix, s->prefix))
    h->cb(h->ctx, &r, nik);
  return (0);
}


/*
 * Call cb for each invalid card of a destruction record that was printed
 * for a card request, with the NIK of that request, by serial.  The
 * binding is the request's serial, set when the print controller records
 * the card issued (or a suspect card resolved as printed); invalid cards
 * that were issued in any other way have no request and are not given.
 */

inv_status_t
invRecordHolders(inv_db_t        *db,	/* I - Ledger */
                 int64_t         id,	/* I - Record */
                 inv_holder_cb_t cb,	/* I - Callback (one serial, the holder's NIK) */
                 void            *ctx)	/* I - Its context */
{
  holders_t	h = { cb, ctx, { 0 } };
  inv_status_t	status;

  if ((status = namesLoad(db, &h.names)) == INV_OK)
    status = storeRecordHolders(db, id, holder_row, &h);
  namesFree(&h.names);
  return (status);
}


/* Keep the detail's hash of the sealing event. */
typedef struct seal_s
{
  char		kind[32], ref[64], hash[65];
} seal_t;

static int
seal_row(void *ctx, const store_event_row_t *e, int64_t moved)
{
  seal_t	*s = ctx;
  json_t	*d = json_loads(e->detail, 0, NULL);

  (void)moved;
  snprintf(s->kind, sizeof(s->kind), "%s", e->kind);
  snprintf(s->ref, sizeof(s->ref), "%s", e->ref);
  snprintf(s->hash, sizeof(s->hash), "%s", json_string_value(json_object_get(d, "hash")) ?: "");
  json_decref(d);
  return (0);
}


/*
 * Recheck a sealed destruction record: its content hash recomputed from
 * the stored record and items must equal the stored hash and the hash in
 * the event that sealed it.  INV_PROBLEM with the reason in problem when
 * they differ; INV_OK (problem "") when they agree or it is not sealed.
 */

inv_status_t
invRecordCheck(inv_db_t *db,		/* I - Ledger */
               int64_t  id,		/* I - Record */
               char     *problem,	/* O - What is wrong, or "" */
               size_t   problemsize)	/* I - Its size */
{
  record_copy_t	c;
  inv_status_t	status;
  seal_t	seal = { "", "", "" };
  char		hash[65], ref[64];

  *problem = '\0';
  if ((status = record_load(db, INV_RECORD_DESTRUCTION, id, &c)) != INV_OK)
    goto done;
  if (strcmp(c.r.state, "executed"))
    goto done;
  if ((status = record_hash(db, &c.r, hash)) != INV_OK ||
      (status = storeEventGet(db, c.r.seal_event, seal_row, &seal)) != INV_OK)
    goto done;
  record_ref(INV_RECORD_DESTRUCTION, id, ref, sizeof(ref));
  if (strcmp(hash, c.r.hash))
    snprintf(problem, problemsize, _("record %" PRId64 " was changed after sealing: its content hash is %s, sealed as %s"),
             id, hash, c.r.hash);
  else if (strcmp(seal.kind, eventName(EV_DESTROY_EXECUTE)) || strcmp(seal.ref, ref) || strcmp(seal.hash, hash))
    snprintf(problem, problemsize, _("record %" PRId64 " does not match the event that sealed it (event %" PRId64 ")"),
             id, c.r.seal_event);
  if (*problem)
    status = INV_PROBLEM;

done:
  record_free(&c);
  return (status);
}


/* Copy a record into one allocation; the caller frees it with free(). */
inv_record_t *
invRecordCopy(const inv_record_t *r)	/* I - Record */
{
  const char	*fields[] = { r->type, r->state, r->location, r->method, r->place, r->planned, r->reason,
                              r->preparer, r->prepared, r->approver, r->approved, r->executor, r->executed,
                              r->cancelled, r->witnesses, r->hash, r->head };
  size_t	n = sizeof(fields) / sizeof(fields[0]), size = sizeof(inv_record_t);
  inv_record_t	*c;
  char		*p;
  const char	**out[17];

  for (size_t i = 0; i < n; i ++)
    size += strlen(fields[i] ? fields[i] : "") + 1;
  if ((c = malloc(size)) == NULL)
    return (NULL);
  *c = *r;
  out[0] = &c->type; out[1] = &c->state; out[2] = &c->location; out[3] = &c->method; out[4] = &c->place;
  out[5] = &c->planned; out[6] = &c->reason; out[7] = &c->preparer; out[8] = &c->prepared;
  out[9] = &c->approver; out[10] = &c->approved; out[11] = &c->executor; out[12] = &c->executed;
  out[13] = &c->cancelled; out[14] = &c->witnesses; out[15] = &c->hash; out[16] = &c->head;
  p = (char *)(c + 1);
  for (size_t i = 0; i < n; i ++)
  {
    size_t len = strlen(fields[i] ? fields[i] : "") + 1;

    memcpy(p, fields[i] ? fields[i] : "", len);
    *out[i] = p;
    p += len;
  }
  return (c);
}
