/*
 * Records (destruction records and write-offs): reading, listing,
 * cancelling, and the content hash that seals a destruction record.  See
 * blanko/inventory.h.
 *
 * A destruction record is sealed at execution with a SHA-256 hash of its
 * canonical text, and that hash is also in the sealing event, so a record
 * edited behind the program's back no longer matches either
 * (invRecordCheck).
 */

#include "audit-private.h"
#include "events-private.h"
#include "list-private.h"
#include "states-private.h"
#include "blanko/date.h"
#include "blanko/i18n.h"

#include <inttypes.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char * const record_types[] = { "destruction", "writeoff", "void" };


/* The name of a record type. */
const char *
invRecordTypeName(inv_record_type_t type)	/* I - Type */
{
  return ((unsigned)type < sizeof(record_types) / sizeof(record_types[0]) ? record_types[type] : "?");
}


/* Check a UTC date, YYYY-MM-DD, with a real month and day (invDateParse). */
inv_status_t
invDateCheck(inv_db_t   *db,		/* I - Ledger (for the message) */
             const char *date)		/* I - Date */
{
  char why[160];

  if (!invDateParse(date, 0, NULL, why, sizeof(why)))
    return (_invDbSetError(db, INV_REFUSED, _("bad date \"%s\": %s"), date ? date : "", why));
  return (INV_OK);
}


/* Point fields at the text fields of a record, always in this order. */
static void
record_fields(inv_record_t *r,		/* I - Record */
              const char   **fields[AUDIT_RECORD_TEXTS])
					/* O - Its text fields */
{
  const char	**all[AUDIT_RECORD_TEXTS] = { &r->type, &r->state, &r->location, &r->method, &r->place,
                                              &r->planned, &r->reason, &r->preparer, &r->prepared, &r->approver,
                                              &r->approved, &r->executor, &r->executed, &r->cancelled,
                                              &r->witnesses, &r->hash, &r->head, &r->preparer_via,
                                              &r->approver_via, &r->executor_via, &r->number };

  memcpy(fields, all, sizeof(all));
}


/* The office's format of a type's official numbers. */
void
invRecordSetNumberFormat(inv_db_t          *db,	/* I - Ledger */
                         inv_record_type_t type,	/* I - Record type */
                         const char        *format)	/* I - Format, NULL or "" for the default */
{
  if (db && (unsigned)type < 2)
    snprintf(db->number_format[type], sizeof(db->number_format[type]), "%s", format ? format : "");
}


/*
 * Give a record being sealed its official number: the next of its type's
 * sequence in this year (the office's year: the process's time zone is the
 * office's), formatted with the office's format.  The caller holds the
 * transaction and stores the number (r->number points at number).
 */
inv_status_t
_invRecordNumber(inv_db_t          *db,		/* I - Ledger */
                 inv_record_type_t type,	/* I - Record type */
                 inv_record_t      *r,		/* IO - The record */
                 char              number[INV_NUMBER_MAX])
						/* O - Its number */
{
  static const char * const defaults[2] =
  {
    "{seq:04}/BAP/{month:roman}/{year}",	/* Berita Acara Pemusnahan */
    "{seq:04}/BAPH/{month:roman}/{year}"	/* Berita Acara Penghapusan */
  };
  const char	*format = db->number_format[type][0] ? db->number_format[type] : defaults[type];
  time_t	now = time(NULL);
  struct tm	tm;
  int64_t	seq;
  inv_status_t	status;

  localtime_r(&now, &tm);
  if ((status = storeRecordNextSeq(db, invRecordTypeName(type), tm.tm_year + 1900, &seq)) != INV_OK)
    return (status);
  if (!invNumberFormat(format, seq, tm.tm_year + 1900, tm.tm_mon + 1, number, INV_NUMBER_MAX))
    return (_invDbSetError(db, INV_REFUSED, _("the number format \"%s\" is not usable"), format));
  r->number = number;
  return (storeRecordSetNumber(db, r->id, tm.tm_year + 1900, seq, number));
}


/* Refuse a record that is not there. */
static inv_status_t
record_missing(inv_db_t          *db,	/* I - Ledger */
               inv_record_type_t type,	/* I - Type */
               int64_t           id)	/* I - Record */
{
  return (_invDbSetError(db, INV_REFUSED, type == INV_RECORD_DESTRUCTION ? _("no destruction record %" PRId64) :
                                          type == INV_RECORD_VOID ? _("no void of a receipt %" PRId64)
                                                                  : _("no write-off %" PRId64), id));
}


/* The range of a stored record item, named by its series. */
static inv_range_t
item_range(const inv_names_t  *names,	/* I - Names of the ledger */
           const store_item_t *item)	/* I - Item */
{
  const store_series_t	*s = namesSeries(names, item->series);
  inv_range_t		r = { "", s ? s->width : 1, item->first, item->last };

  if (s)
    snprintf(r.prefix, sizeof(r.prefix), "%s", s->prefix);
  return (r);
}


/* Keep a copy of a record from the store. */
static void
record_keep(void *ctx, const inv_record_t *r)
{
  record_copy_t	*c = ctx;
  const char	**fields[AUDIT_RECORD_TEXTS];

  c->r = *r;
  record_fields(&c->r, fields);
  for (size_t i = 0; i < AUDIT_RECORD_TEXTS; i ++)
  {
    c->strings[i] = strdup(*fields[i] ? *fields[i] : "");
    *fields[i] = c->strings[i] ? c->strings[i] : "";
  }
  c->found = true;
}


/* Release a copied record. */
void
auditRecordFree(record_copy_t *c)	/* I - Record */
{
  for (size_t i = 0; i < sizeof(c->strings) / sizeof(c->strings[0]); i ++)
    free(c->strings[i]);
  memset(c, 0, sizeof(*c));
}


/* Read a record of a type; refused when there is none. */
inv_status_t
auditRecordLoad(inv_db_t          *db,	/* I - Ledger */
                inv_record_type_t type,	/* I - Type */
                int64_t           id,	/* I - Record */
                record_copy_t     *c)	/* O - Copy (free with auditRecordFree) */
{
  inv_status_t status;

  memset(c, 0, sizeof(*c));
  if ((status = storeRecordGet(db, invRecordTypeName(type), id, record_keep, c, &c->found)) != INV_OK)
    return (status);
  if (!c->found)
    return (record_missing(db, type, id));
  return (INV_OK);
}


/*
 * Take a record through an event with the record state machine
 * (stateRecord): its new state goes to r->state (r->state "" for a record
 * not yet made).  Refused, in the words each command has always used, when
 * the machine does not allow the event in the record's state.
 */

inv_status_t
auditRecordStep(inv_db_t     *db,	/* I - Ledger */
                inv_record_t *r,	/* IO - Record */
                event_id_t   event)	/* I - The event to come */
{
  const char	*why, *to = stateRecord(r->state, event, &why);

  if (to)
  {
    r->state = to;
    return (INV_OK);
  }
  switch (event)
  {
    case EV_DESTROY_APPROVE :
    case EV_WRITEOFF :
    case EV_RECEIVE_VOID :
        return (_invDbSetError(db, INV_REFUSED, _("record %" PRId64 " is %s, not %s"), r->id, r->state,
                              STATE_REC_PREPARED));
    case EV_DESTROY_EXECUTE :
        return (_invDbSetError(db, INV_REFUSED, _("record %" PRId64 " is %s; only an approved record may be executed"),
                              r->id, r->state));
    case EV_DESTROY_CANCEL :
    case EV_WRITEOFF_CANCEL :
    case EV_RECEIVE_VOID_CANCEL :
        return (_invDbSetError(db, INV_REFUSED, _("record %" PRId64 " is %s; only an open record may be cancelled"),
                              r->id, r->state));
    default :
        return (_invDbSetError(db, INV_REFUSED, _("%s refused: %s"), eventName(event), _(why)));
  }
}


/* Is a record open (prepared or approved): may it still be cancelled? */
bool
auditRecordIsOpen(const inv_record_t *r)	/* I - Record */
{
  const char *why;

  return (stateRecord(r->state, !strcmp(r->type, invRecordTypeName(INV_RECORD_WRITEOFF)) ? EV_WRITEOFF_CANCEL
                                                                                          : EV_DESTROY_CANCEL,
                      &why) != NULL);
}


/* The reference naming a record in events. */
void
auditRecordRef(inv_record_type_t type,	/* I - Type */
               int64_t           id,	/* I - Record */
               char              *buf,	/* O - Reference, "destruction/1" */
               size_t            bufsize)	/* I - Its size */
{
  snprintf(buf, bufsize, "%s/%" PRId64, invRecordTypeName(type), id);
}


/* Write a prepared record's items (audit_items_cb_t) as write-offs and
 * voids keep them: each piece at the record's location, for its reason. */
inv_status_t
auditItemsInsert(inv_db_t           *db,	/* I - Ledger */
                 const pieces_t     *w,		/* I - Serials by holder */
                 const inv_record_t *r)		/* I - The record */
{
  inv_status_t	status = INV_OK;

  for (size_t i = 0; i < w->count && status == INV_OK; i ++)
  {
    store_item_t item = { r->id, w->p[i].series, w->p[i].range.first, w->p[i].range.last, r->location, r->reason, "" };

    status = storeRecordItemInsert(db, &item);
  }
  return (status);
}


/* Write a prepared record: the record (prepared now by the actor, as many
 * serials as given), its items, and its prepare event, whose detail gets
 * the record's id, count and serials. */
inv_status_t
auditRecordPrepare(inv_db_t          *db,	/* I - Ledger */
                   inv_record_type_t type,	/* I - Type */
                   event_id_t        event,	/* I - Its prepare event */
                   const inv_list_t  *serials,	/* I - Serials */
                   const pieces_t    *w,	/* I - Them by holder */
                   audit_items_cb_t  items,	/* I - Writes the record's items */
                   inv_record_t      *r,	/* IO - Record: its own fields set; id set here */
                   json_t            *detail,	/* I - Event detail, its own fields (reference stolen) */
                   int64_t           *id)	/* O - Record id */
{
  inv_status_t	status;
  char		now[32], ref[64], *text = NULL, *copy = NULL;

  chainTimeNow(now, sizeof(now));
  r->type = invRecordTypeName(type);
  r->state = "";
  r->preparer = db->actor;
  r->prepared = now;
  r->count = serials->serials;
  if ((status = auditRecordStep(db, r, event)) == INV_OK &&
      (status = storeRecordInsert(db, r, id)) == INV_OK)
  {
    r->id = *id;
    status = items(db, w, r);
  }
  if (status != INV_OK)
  {
    json_decref(detail);
    return (status);
  }
  text = invListFormatCopy(serials);
  if (text && detail &&
      !json_object_set_new(detail, "id", json_integer((json_int_t)*id)) &&
      !json_object_set_new(detail, "count", json_integer((json_int_t)r->count)) &&
      !json_object_set_new(detail, "serials", json_string(text)))
    copy = chainDetailCopy(detail);
  else
    json_decref(detail);
  auditRecordRef(type, *id, ref, sizeof(ref));
  status = copy ? _invEventAppend(db, eventName(event), ref, copy, NULL) : _invDbNoMemory(db);
  free(text);
  free(copy);
  return (status);
}


/* What record_id collects. */
typedef struct record_ids_s
{
  const char	*state;			/* State wanted, or NULL for any open one */
  int64_t	*ids;			/* Ids collected */
  size_t	count;			/* How many */
  bool		failed;			/* Out of memory? */
} record_ids_t;

/* Collect one record's id when it is in the state wanted. */
static void
record_id(void *ctx, const inv_record_t *r)
{
  record_ids_t	*o = ctx;
  int64_t	*ids;

  if (o->state ? strcmp(r->state, o->state) != 0 : !auditRecordIsOpen(r))
    return;
  if ((ids = realloc(o->ids, (o->count + 1) * sizeof(int64_t))) == NULL)
  {
    o->failed = true;
    return;
  }
  o->ids = ids;
  o->ids[o->count ++] = r->id;
}


/* The ids of the records of a type in a state (NULL: every open one),
 * oldest first; free *ids. */
inv_status_t
auditRecordIds(inv_db_t          *db,	/* I - Ledger */
               inv_record_type_t type,	/* I - Type */
               const char        *state,	/* I - State, or NULL for open */
               int64_t           **ids,	/* O - Their ids (free it) */
               size_t            *count)	/* O - How many */
{
  record_ids_t	o = { state, NULL, 0, false };
  inv_status_t	status = storeRecordList(db, invRecordTypeName(type), record_id, &o);

  if (status == INV_OK && o.failed)
    status = _invDbNoMemory(db);
  *ids = o.ids;
  *count = o.count;
  return (status);
}


/*
 * Dual control: the approver must be a registered user other than the
 * preparer, and a different real account: the OS account that ran the
 * command (root, when root acted for a user with --user) may not be the
 * one that prepared the record, so root cannot be both people.
 */

inv_status_t
auditCheckOtherPerson(inv_db_t            *db,	/* I - Ledger (its actor approves) */
                      const record_copy_t *c)	/* I - Record */
{
  const char	*prepared_by = c->r.preparer_via[0] ? c->r.preparer_via : c->r.preparer,
		*approved_by = db->via[0] ? db->via : db->actor;

  if (!strcmp(c->r.preparer, db->actor))
    return (_invDbSetError(db, INV_REFUSED,
                          _("%s prepared record %" PRId64 " and may not approve it; another auditor or admin must"),
                          db->actor, c->r.id));
  if (!strcmp(prepared_by, approved_by))
    return (_invDbSetError(db, INV_REFUSED,
                          _("the account %s prepared record %" PRId64 " (as %s) and may not approve it (as %s): dual control "
                            "needs two people, so another account must approve"),
                          approved_by, c->r.id, c->r.preparer, db->actor));
  return (INV_OK);
}


/* A record's person as documents name them: "rina", or "rina (via root)"
 * when another account (root) acted for them. */
const char *
invPersonFormat(const char *name,	/* I - Registered user */
                const char *via,	/* I - Account that acted for them, or "" or NULL */
                char       *buf,	/* O - Text */
                size_t     bufsize)	/* I - Its size */
{
  if (via && *via)
    snprintf(buf, bufsize, _("%s (via %s)"), name, via);
  else
    snprintf(buf, bufsize, "%s", name);
  return (buf);
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
  canon_t	*c = ctx;
  inv_range_t	r = item_range(&c->names, item);
  char		text[INV_RANGE_MAX];

  fprintf(c->fp, "item %s %s %s %s\n", invRangeFormat(&r, text, sizeof(text)), item->state, item->nik[0] ? item->nik : "-",
          item->reason);
  return (0);
}


/*
 * The content hash of a record: SHA-256 of its canonical text (id, place,
 * method, times, people, witnesses, every range with its origin and
 * reason, and the chain head at sealing).
 */

inv_status_t
auditRecordHash(inv_db_t           *db,	/* I - Ledger */
                const inv_record_t *r,	/* I - Record */
                char               hash[65])	/* O - SHA-256 in hex */
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
    status = _invDbNoMemory(db);
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
  gather_t	*g = ctx;
  inv_range_t	r = item_range(g->names, item);

  if (g->state && strcmp(item->state, g->state))
    return (0);
  if (invListAdd(g->out, &r) != INV_OK)
    g->failed = true;
  return (g->failed);
}


/* The serials of a record that came from one account (NULL: all). */
inv_status_t
auditRecordSerials(inv_db_t   *db,		/* I - Ledger */
                   int64_t    id,		/* I - Record */
                   const char *state,	/* I - Origin account, or NULL for all */
                   inv_list_t *out)		/* O - Serials */
{
  inv_names_t	names;
  gather_t	g = { state, out, &names, false };
  inv_status_t	status;

  invListClear(out);
  if ((status = namesLoad(db, &names)) == INV_OK)
    status = storeRecordItems(db, id, gather_item, &g);
  namesFree(&names);
  if (status == INV_OK && g.failed)
    status = _invDbNoMemory(db);
  return (status);
}


/* Cancel an open record (prepared or approved). */
inv_status_t
invRecordCancel(inv_db_t          *db,	/* I - Ledger */
                inv_record_type_t type,	/* I - Type */
                int64_t           id)	/* I - Record */
{
  event_id_t	kind = type == INV_RECORD_DESTRUCTION ? EV_DESTROY_CANCEL :
                   type == INV_RECORD_VOID ? EV_RECEIVE_VOID_CANCEL : EV_WRITEOFF_CANCEL;
  record_copy_t	c;
  inv_status_t	status;
  char		now[32], ref[64], *detail;

  if ((status = auditRecordLoad(db, type, id, &c)) != INV_OK ||
      (status = auditRecordStep(db, &c.r, kind)) != INV_OK)
    goto done;
  chainTimeNow(now, sizeof(now));
  c.r.cancelled = now;
  auditRecordRef(type, id, ref, sizeof(ref));
  detail = chainDetailCopy(json_pack("{s:I}", "id", (json_int_t)id));
  if ((status = storeRecordUpdate(db, &c.r)) == INV_OK)
    status = detail ? _invEventAppend(db, eventName(kind), ref, detail, NULL) : _invDbNoMemory(db);
  free(detail);

done:
  auditRecordFree(&c);
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
    status = record_missing(db, type, id);
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
  inv_record_item_t	pub = { item_range(&it->names, item), item->state, item->reason, item->nik };

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


/* Keep the sealing event's kind, reference, detail's hash and chain hash. */
typedef struct seal_s
{
  char		kind[32], ref[64], hash[65];
  char		event_hash[65];		/* The event's own chain hash */
} seal_t;

static int
seal_row(void *ctx, const store_event_row_t *e, int64_t moved)
{
  seal_t	*s = ctx;
  json_t	*d = json_loads(e->detail, 0, NULL);

  (void)moved;
  snprintf(s->kind, sizeof(s->kind), "%s", e->kind);
  snprintf(s->ref, sizeof(s->ref), "%s", e->ref);
  snprintf(s->event_hash, sizeof(s->event_hash), "%s", e->hash);
  snprintf(s->hash, sizeof(s->hash), "%s", json_string_value(json_object_get(d, "hash")) ?: "");
  json_decref(d);
  return (0);
}


/*
 * Check that the chain head sealed in an executed destruction record is
 * still in the chain: the hash of the event before its sealing event.
 * INV_PROBLEM with the reason in problem when it is not; INV_OK (problem
 * "") when it is or the record is not sealed.
 */

inv_status_t
invRecordCheckHead(inv_db_t *db,	/* I - Ledger */
                   int64_t  id,		/* I - Record */
                   char     *problem,	/* O - What is wrong, or "" */
                   size_t   problemsize)/* I - Its size */
{
  record_copy_t	c;
  inv_status_t	status;
  seal_t	before = { "", "", "", "" };

  *problem = '\0';
  if ((status = auditRecordLoad(db, INV_RECORD_DESTRUCTION, id, &c)) == INV_OK &&
      !strcmp(c.r.state, STATE_REC_EXECUTED) && c.r.seal_event > 1 &&
      (status = storeEventGet(db, c.r.seal_event - 1, seal_row, &before)) == INV_OK &&
      strcmp(before.event_hash, c.r.head))
  {
    snprintf(problem, problemsize, _("the chain head sealed in record %" PRId64 " (event %" PRId64 ", %.16s...) is no "
                                     "longer in the chain: the chain was rewritten or truncated"),
             id, c.r.seal_event - 1, c.r.head);
    status = INV_PROBLEM;
  }
  auditRecordFree(&c);
  return (status);
}


/*
 * Recheck a sealed destruction record: its content hash recomputed from
 * the stored record and items must equal the stored hash and the hash in
 * the event that sealed it, and the chain head it seals must still be in
 * the chain (invRecordCheckHead).  INV_PROBLEM with the reason in problem when
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
  seal_t	seal = { "", "", "", "" };
  char		hash[65], ref[64];

  *problem = '\0';
  if ((status = auditRecordLoad(db, INV_RECORD_DESTRUCTION, id, &c)) != INV_OK)
    goto done;
  if (strcmp(c.r.state, STATE_REC_EXECUTED))
    goto done;
  if ((status = auditRecordHash(db, &c.r, hash)) != INV_OK ||
      (status = storeEventGet(db, c.r.seal_event, seal_row, &seal)) != INV_OK)
    goto done;
  auditRecordRef(INV_RECORD_DESTRUCTION, id, ref, sizeof(ref));
  if (strcmp(hash, c.r.hash))
    snprintf(problem, problemsize, _("record %" PRId64 " was changed after sealing: its content hash is %s, sealed as %s"),
             id, hash, c.r.hash);
  else if (strcmp(seal.kind, eventName(EV_DESTROY_EXECUTE)) || strcmp(seal.ref, ref) || strcmp(seal.hash, hash))
    snprintf(problem, problemsize, _("record %" PRId64 " does not match the event that sealed it (event %" PRId64 ")"),
             id, c.r.seal_event);
  else
  {
    auditRecordFree(&c);
    return (invRecordCheckHead(db, id, problem, problemsize));
  }
  if (*problem)
    status = INV_PROBLEM;

done:
  auditRecordFree(&c);
  return (status);
}


/* Copy a record into one allocation; the caller frees it with free(). */
inv_record_t *
invRecordCopy(const inv_record_t *r)	/* I - Record */
{
  inv_record_t	in = *r, *c;
  const char	**fields[AUDIT_RECORD_TEXTS];
  size_t	size = sizeof(inv_record_t);
  char		*p;

  record_fields(&in, fields);
  for (size_t i = 0; i < AUDIT_RECORD_TEXTS; i ++)
    size += strlen(*fields[i] ? *fields[i] : "") + 1;
  if ((c = malloc(size)) == NULL)
    return (NULL);
  *c = *r;
  record_fields(c, fields);
  p = (char *)(c + 1);
  for (size_t i = 0; i < AUDIT_RECORD_TEXTS; i ++)
  {
    const char	*text = *fields[i] ? *fields[i] : "";
    size_t	len = strlen(text) + 1;

    memcpy(p, text, len);
    *fields[i] = p;
    p += len;
  }
  return (c);
}
