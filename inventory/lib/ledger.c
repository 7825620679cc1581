/*
 * Movements: moving serial ranges between accounts.
 *
 * A move of [a, b] from F to T checks that F holds every serial of it
 * (for a receipt: that no serial of it was ever received), splits the
 * holdings it cuts, merges the moved range with T's neighbours, keeps the
 * balances and appends one event with its movements to the chain.  The
 * caller holds the transaction, so a refusal half-way leaves nothing.
 */

#include "chain-private.h"
#include "events-private.h"
#include "ledger-private.h"
#include "list-private.h"
#include "names-private.h"
#include "blanko/i18n.h"
#include "blanko/supply.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>



typedef struct ledger_account_s		/* An account taking part in a move */
{
  const char	*code;
  int64_t	id;
  inv_kind_t	kind;
} ledger_account_t;

typedef struct ledger_cut_s		/* Holdings a move cuts through */
{
  store_holding_t *rows;
  size_t	count, alloc;
  int64_t	next;			/* First serial not yet seen */
  int64_t	owner;			/* Account that must hold them */
  int64_t	missing;		/* First serial not held, or -1 */
  bool		received;		/* Any serial held at all (for receipts) */
  int64_t	first_held;		/* First serial found held */
  int64_t	last;			/* End of the range moved */
  int64_t	holder;			/* Who holds the missing serial, or 0 */
} ledger_cut_t;


/* Look up an account taking part in a move. */
static inv_status_t
account_get(inv_db_t *db, const char *code, ledger_account_t *a)
{
  a->code = code;
  return (storeAccountFind(db, code, &a->id, &a->kind, NULL));
}


/* Collect the holding rows a move cuts, checking they are held by owner. */
static int
collect_cut(void *ctx, const store_holding_t *h)
{
  ledger_cut_t *cut = ctx;

  if (h->last < cut->next)		/* the row before the range */
    return (0);
  if (!cut->received)
  {
    cut->received = true;
    cut->first_held = h->first > cut->next ? h->first : cut->next;
  }
  if (h->first > cut->next || h->account != cut->owner)
  {
    if (cut->missing < 0)
      cut->missing = cut->next;
    if (h->first <= cut->next)
      cut->holder = h->account;
    return (1);
  }
  if (cut->count == cut->alloc)
  {
    size_t		alloc = cut->alloc ? 2 * cut->alloc : 8;
    store_holding_t	*rows = realloc(cut->rows, alloc * sizeof(store_holding_t));

    if (!rows)
      return (1);
    cut->rows = rows;
    cut->alloc = alloc;
  }
  cut->rows[cut->count ++] = *h;
  cut->next = h->last + 1;
  return (cut->next > cut->last);
}


/*
 * Move one range of one series from one account to another in the
 * holdings table.  from->kind == INV_KIND_SUPPLIER means a receipt.
 */

static inv_status_t
move_range(inv_db_t               *db,	/* I - Ledger */
           const inv_range_t      *r,	/* I - Range */
           int64_t                series,/* I - Its series id */
           const ledger_account_t *from,/* I - Source */
           const ledger_account_t *to)	/* I - Destination */
{
  ledger_cut_t		cut = { NULL, 0, 0, r->first, from->id, -1, false, 0, r->last, 0 };
  store_holding_t	left, right;
  bool			have_left, have_right;
  inv_status_t		status;
  char			serial[INV_SERIAL_MAX];
  int64_t		new_last = r->last;

  if ((status = storeHoldingOverlap(db, series, r->first, r->last, collect_cut, &cut)) != INV_OK)
    goto done;

  if (from->kind == INV_KIND_SUPPLIER)
  {
    if (cut.received)
    {
      char ref[CHAIN_REF_MAX + 1] = "";
      bool found;

      invSerialFormat(r->prefix, r->width, cut.first_held, serial, sizeof(serial));
      if ((status = storeReceiptFind(db, series, cut.first_held, ref, sizeof(ref), &found)) == INV_OK)
        status = _invDbSetError(db, INV_REFUSED, _("serial %s was received already (delivery note %s)"),
                               serial, found ? ref : "?");
      goto done;
    }
    cut.count = 0;
  }
  else
  {
    if (cut.missing < 0 && cut.next <= r->last)
      cut.missing = cut.next;
    if (cut.missing >= 0)
    {
      int64_t destroyed = 0;

      invSerialFormat(r->prefix, r->width, cut.missing, serial, sizeof(serial));
      if (cut.holder && storeAccountFind(db, "destroyed", &destroyed, NULL, NULL) == INV_OK && cut.holder == destroyed)
        status = _invDbSetError(db, INV_REFUSED, _("serial %s was destroyed; nothing may be done with a destroyed serial"),
                               serial);
      else
        status = _invDbSetError(db, INV_REFUSED, _("%s does not hold serial %s"), from->code, serial);
      goto done;
    }
  }

  /* Cut the source's rows: keep what lies outside [first, last]. */
  for (size_t i = 0; i < cut.count && status == INV_OK; i ++)
  {
    store_holding_t *h = cut.rows + i;

    if (h->first < r->first)
      status = storeHoldingSetLast(db, series, h->first, r->first - 1);
    else
      status = storeHoldingDelete(db, series, h->first);
    if (status == INV_OK && h->last > r->last)
    {
      store_holding_t rest = { series, r->last + 1, h->last, h->account };

      status = storeHoldingInsert(db, &rest);
    }
  }
  if (status != INV_OK)
    goto done;

  /* Add the range to the destination, merged with its neighbours; serials
   * given back to the supplier (a receipt voided) are held by nobody.  A
   * neighbour left of the source's rows cut is the source's (not the
   * destination's): no need to look it up (issue 17). */
  if (to->kind == INV_KIND_SUPPLIER)
    goto done;
  have_right = have_left = false;
  if ((!cut.count || cut.rows[cut.count - 1].last <= r->last) &&
      (status = storeHoldingStartingAt(db, series, r->last + 1, &right, &have_right)) != INV_OK)
    goto done;
  if ((!cut.count || cut.rows[0].first >= r->first) &&
      (status = storeHoldingEndingAt(db, series, r->first - 1, &left, &have_left)) != INV_OK)
    goto done;
  if (have_right && right.account == to->id)
  {
    new_last = right.last;
    if ((status = storeHoldingDelete(db, series, right.first)) != INV_OK)
      goto done;
  }
  if (have_left && left.account == to->id)
    status = storeHoldingSetLast(db, series, left.first, new_last);
  else
  {
    store_holding_t h = { series, r->first, new_last, to->id };

    status = storeHoldingInsert(db, &h);
  }

done:
  free(cut.rows);
  return (status);
}


/* Say whether a move is a record's own: executing a destruction or
 * approving a write-off or a void moves the serials the record holds. */
static bool
record_own_move(const char *kind)	/* I - Event kind */
{
  return (!strcmp(kind, eventName(EV_DESTROY)) || !strcmp(kind, eventName(EV_WRITEOFF)) ||
          !strcmp(kind, eventName(EV_RECEIVE_VOID)));
}


/* Refuse serials that an open destruction record or write-off holds: they
 * wait for the record, and only its execution or its cancellation frees
 * them (a transfer or a printer load would take them from under it, a
 * second record would count them twice). */
inv_status_t
ledgerCheckNotInRecord(inv_db_t          *db,	/* I - Ledger */
                       const inv_range_t *r,	/* I - Serials */
                       int64_t           series)/* I - Their series */
{
  int64_t	record = 0, number = 0;
  char		serial[INV_SERIAL_MAX];
  inv_status_t	status;

  if ((status = storeRecordOverlap(db, series, r->first, r->last, &record, &number)) != INV_OK || !record)
    return (status);
  return (_invDbSetError(db, INV_REFUSED, _("serial %s is already in open record %" PRId64),
                        invSerialFormat(r->prefix, r->width, number, serial, sizeof(serial)), record));
}


/*
 * Move a list of serials and record one event.  The accounts' kinds have
 * been checked by the caller.
 */

static inv_status_t
move_list(inv_db_t               *db,	/* I - Ledger */
          const char             *kind,	/* I - Event kind */
          const ledger_account_t *from,	/* I - Source */
          const ledger_account_t *to,	/* I - Destination */
          const inv_list_t       *serials,/* I - What moves */
          const char             *ref,	/* I - Reference */
          const char             *detail,/* I - JSON detail */
          int64_t                *event_id)/* O - Event id */
{
  chain_move_t	*moves;
  inv_status_t	status = INV_OK;
  size_t	n = serials->count;

  if (n == 0)
    return (_invDbSetError(db, INV_REFUSED, _("no serials to move")));
  if (from->id == to->id)
    return (_invDbSetError(db, INV_REFUSED, _("source and destination are both %s"), to->code));
  if ((moves = calloc(n, sizeof(chain_move_t))) == NULL)
    return (_invDbNoMemory(db));

  for (size_t i = 0; i < n && status == INV_OK; i ++)
  {
    const inv_range_t	*r = serials->ranges + i;
    int64_t		series;

    status = storeSeriesFind(db, r->prefix, r->width, from->kind == INV_KIND_SUPPLIER, &series);
    if (status == INV_OK && !series)
    {
      char serial[INV_SERIAL_MAX];

      status = _invDbSetError(db, INV_REFUSED, _("%s does not hold serial %s"), from->code,
                             invSerialFormat(r->prefix, r->width, r->first, serial, sizeof(serial)));
    }
    if (status == INV_OK)
      status = move_range(db, r, series, from, to);
    if (status == INV_OK && from->kind != INV_KIND_SUPPLIER && !record_own_move(kind))
      status = ledgerCheckNotInRecord(db, r, series);
    moves[i].row = (store_move_row_t){ 0, 0, series, r->first, r->last, from->id, to->id, 0 };
    moves[i].prefix = r->prefix;
    moves[i].width = r->width;
    moves[i].from = from->code;
    moves[i].to = to->code;
  }

  if (status == INV_OK && from->kind != INV_KIND_SUPPLIER)
    status = storeAccountAddBalance(db, from->id, -serials->serials);
  if (status == INV_OK && to->kind != INV_KIND_SUPPLIER)
    status = storeAccountAddBalance(db, to->id, serials->serials);
  if (status == INV_OK)
    status = chainAppend(db, kind, ref, detail, moves, n, event_id);
  free(moves);
  return (status);
}


/* Receive a shipment from a supplier into a location; expected (or -1) is
 * the count on the delivery note when fewer arrived (a short shipment). */
static inv_status_t
receive_list(inv_db_t         *db,	/* I - Ledger */
             const char       *supplier,/* I - Supplier name */
             const char       *ref,	/* I - Delivery note */
             const inv_list_t *serials,	/* I - Serials received */
             const char       *to,	/* I - Location code */
             int64_t          expected,	/* I - Blanks on the delivery note, or -1 */
             int64_t          against,	/* I - Request for blanks it answers (supply.c), or 0 */
             int64_t          *event_id)/* O - Event id, or NULL */
{
  ledger_account_t	src, dst;
  inv_status_t		status;
  char			*detail;
  json_t		*obj;

  if ((status = chainCheckText(db, _("the supplier"), supplier, true)) != INV_OK ||
      (status = chainCheckText(db, _("the delivery note"), ref, true)) != INV_OK ||
      (status = account_get(db, "supplier", &src)) != INV_OK ||
      (status = account_get(db, to, &dst)) != INV_OK)
    return (status);
  if (dst.kind != INV_KIND_STORE && dst.kind != INV_KIND_PRINTROOM)
    return (_invDbSetError(db, INV_REFUSED, _("%s is not a store or print room"), to));
  if (expected >= 0 && expected <= serials->serials)
    return (_invDbSetError(db, INV_REFUSED, _("a short shipment brings fewer blanks than the delivery note says "
                                              "(%lld received, %lld expected)"),
                          (long long)serials->serials, (long long)expected));

  if (against && (status = _invSupplyCheckOpen(db, against)) != INV_OK)
    return (status);

  if (expected >= 0)
    obj = json_pack("{s:s,s:I,s:I,s:I}", "supplier", supplier, "count", (json_int_t)serials->serials,
                    "expected", (json_int_t)expected, "short", (json_int_t)(expected - serials->serials));
  else
    obj = json_pack("{s:s,s:I}", "supplier", supplier, "count", (json_int_t)serials->serials);
  if (obj && against)
    json_object_set_new(obj, "against", json_integer((json_int_t)against));
  detail = chainDetailCopy(obj);
  status = move_list(db, eventName(EV_RECEIVE), &src, &dst, serials, ref, detail, event_id);
  free(detail);
  return (status);
}


/* Receive a shipment from a supplier into a location. */
inv_status_t
invReceive(inv_db_t         *db,	/* I - Ledger */
           const char       *supplier,	/* I - Supplier name */
           const char       *ref,	/* I - Delivery note */
           const inv_list_t *serials,	/* I - Serials received */
           const char       *to,	/* I - Location code */
           int64_t          *event_id)	/* O - Event id, or NULL */
{
  return (receive_list(db, supplier, ref, serials, to, -1, 0, event_id));
}


/* Receive a short shipment: the delivery note says expected blanks, more
 * than arrived; the receipt records both. */
inv_status_t
invReceiveShort(inv_db_t         *db,	/* I - Ledger */
                const char       *supplier,	/* I - Supplier name */
                const char       *ref,	/* I - Delivery note */
                const inv_list_t *serials,	/* I - Serials received */
                const char       *to,	/* I - Location code */
                int64_t          expected,	/* I - Blanks on the delivery note */
                int64_t          *event_id)	/* O - Event id, or NULL */
{
  return (receive_list(db, supplier, ref, serials, to, expected, 0, event_id));
}


/* Receive a shipment that answers a request for blanks (supply.c):
 * expected is -1, or the count on a short delivery note; the request must
 * be sent or partly received, and a delivery above what is still owed is
 * allowed (the supply report shows it). */
inv_status_t
invReceiveAgainst(inv_db_t         *db,	/* I - Ledger */
                  const char       *supplier,	/* I - Supplier name */
                  const char       *ref,	/* I - Delivery note */
                  const inv_list_t *serials,	/* I - Serials received */
                  const char       *to,	/* I - Location code */
                  int64_t          expected,	/* I - Blanks on a short delivery note, or -1 */
                  int64_t          against,	/* I - The request for blanks (its event) */
                  int64_t          *event_id)	/* O - Event id, or NULL */
{
  return (receive_list(db, supplier, ref, serials, to, expected, against, event_id));
}


/* Give the serials of a voided receipt back to the supplier, as event
 * "kind": they leave the books as if never received (held by nobody, so
 * that the real shipment can be received again).  The record rules
 * (void.c) belong to the caller. */
inv_status_t
_invUnreceive(inv_db_t         *db,	/* I - Ledger */
              const char       *kind,	/* I - Event kind */
              const char       *from,	/* I - Location that received them */
              const inv_list_t *serials,/* I - Serials */
              const char       *ref,	/* I - Reference */
              const char       *detail,	/* I - JSON detail */
              int64_t          *event_id)/* O - Event id, or NULL */
{
  ledger_account_t	src, dst;
  inv_status_t		status;

  if ((status = account_get(db, from, &src)) != INV_OK ||
      (status = account_get(db, "supplier", &dst)) != INV_OK ||
      (status = chainCheckKind(db, kind)) != INV_OK)
    return (status);
  if (src.kind != INV_KIND_STORE && src.kind != INV_KIND_PRINTROOM)
    return (_invDbSetError(db, INV_REFUSED, _("%s is not a store or print room"), from));
  return (move_list(db, kind, &src, &dst, serials, ref, detail, event_id));
}


/* Look up the two ends of a transfer: both must be stores or print rooms. */
static inv_status_t
transfer_accounts(inv_db_t *db, const char *from, const char *to, ledger_account_t *src, ledger_account_t *dst)
{
  inv_status_t status;

  if ((status = account_get(db, from, src)) != INV_OK ||
      (status = account_get(db, to, dst)) != INV_OK)
    return (status);
  if (src->kind != INV_KIND_STORE && src->kind != INV_KIND_PRINTROOM)
    return (_invDbSetError(db, INV_REFUSED, _("%s is not a store or print room"), from));
  if (dst->kind != INV_KIND_STORE && dst->kind != INV_KIND_PRINTROOM)
    return (_invDbSetError(db, INV_REFUSED, _("%s is not a store or print room"), to));
  return (INV_OK);
}


/* Move serials between two locations (stores and print rooms). */
inv_status_t
invTransfer(inv_db_t         *db,	/* I - Ledger */
            const char       *from,	/* I - Source location */
            const char       *to,	/* I - Destination location */
            const inv_list_t *serials,	/* I - Serials */
            int64_t          *event_id)	/* O - Event id, or NULL */
{
  ledger_account_t	src, dst;
  inv_status_t		status;

  if ((status = transfer_accounts(db, from, to, &src, &dst)) != INV_OK)
    return (status);
  return (move_list(db, eventName(EV_TRANSFER), &src, &dst, serials, NULL, NULL, event_id));
}


/* Move the lowest count serials of one location to another; moved gets them. */
inv_status_t
invTransferCount(inv_db_t   *db,	/* I - Ledger */
                 const char *from,	/* I - Source location */
                 const char *to,	/* I - Destination location */
                 int64_t    count,	/* I - How many */
                 inv_list_t *moved,	/* O - The serials moved */
                 int64_t    *event_id)	/* O - Event id, or NULL */
{
  return (invTransferNoted(db, from, to, NULL, count, NULL, NULL, moved, event_id));
}


/* Move serials (the list, or the lowest count) between two locations with
 * a handover reference (a BAST number: the event's reference) and a note
 * (in its detail); moved gets the serials moved. */
inv_status_t
invTransferNoted(inv_db_t         *db,	/* I - Ledger */
                 const char       *from,	/* I - Source location */
                 const char       *to,	/* I - Destination location */
                 const inv_list_t *serials,	/* I - Serials, or NULL to take the lowest count */
                 int64_t          count,	/* I - How many when serials is NULL */
                 const char       *ref,	/* I - Handover reference, or NULL */
                 const char       *note,	/* I - Note, or NULL */
                 inv_list_t       *moved,	/* O - The serials moved when serials is NULL */
                 int64_t          *event_id)	/* O - Event id, or NULL */
{
  ledger_account_t	src, dst;
  inv_status_t		status;
  char			*detail = NULL;

  if ((status = chainCheckText(db, _("the reference"), ref, false)) != INV_OK ||
      (status = chainCheckText(db, _("the note"), note, false)) != INV_OK ||
      (status = transfer_accounts(db, from, to, &src, &dst)) != INV_OK)
    return (status);
  if (!serials && (status = _invTakeLowest(db, from, count, moved)) != INV_OK)
    return (status);
  if (note && *note && (detail = chainDetailCopy(json_pack("{s:s}", "note", note))) == NULL)
    return (_invDbNoMemory(db));
  status = move_list(db, eventName(EV_TRANSFER), &src, &dst, serials ? serials : moved, ref && *ref ? ref : NULL, detail,
                     event_id);
  free(detail);
  return (status);
}


/*
 * Move serials between any two accounts but the supplier, as event "kind";
 * the rules of who may move what where belong to the caller (printing,
 * spoiling, destruction).
 */

inv_status_t
_invMove(inv_db_t         *db,		/* I - Ledger */
         const char       *kind,	/* I - Event kind, one of the registry's */
         const char       *from,	/* I - Source account */
         const char       *to,		/* I - Destination account */
         const inv_list_t *serials,	/* I - Serials */
         const char       *ref,		/* I - Reference or NULL */
         const char       *detail,	/* I - JSON object or NULL */
         int64_t          *event_id)	/* O - Event id, or NULL */
{
  ledger_account_t	src, dst;
  inv_status_t		status;

  if ((status = chainCheckText(db, _("the event kind"), kind, true)) != INV_OK ||
      (status = chainCheckText(db, _("the reference"), ref, false)) != INV_OK ||
      (status = account_get(db, from, &src)) != INV_OK ||
      (status = account_get(db, to, &dst)) != INV_OK)
    return (status);
  if (src.kind == INV_KIND_SUPPLIER || dst.kind == INV_KIND_SUPPLIER)
    return (_invDbSetError(db, INV_REFUSED, _("serials come from the supplier only by a receipt")));
  if (!strcmp(from, "destroyed"))
    return (_invDbSetError(db, INV_REFUSED, _("nothing may be done with a destroyed serial")));
  if (detail && !chainTextIsClean(detail, 65536))
    return (_invDbSetError(db, INV_REFUSED, _("internal error: event detail has control characters")));
  if ((status = chainCheckKind(db, kind)) != INV_OK)
    return (status);
  return (move_list(db, kind, &src, &dst, serials, ref, detail, event_id));
}


/* State of a lowest-first walk over an account's holdings. */
typedef struct take_s
{
  inv_list_t	*out;
  int64_t	want;			/* Serials still wanted */
  const char	*prefix;
  int		width;
  bool		failed;
} take_t;


/* Take holdings into the list until enough are taken. */
static int
take_rows(void *ctx, const store_holding_t *h)
{
  take_t	*t = ctx;
  inv_range_t	r;

  snprintf(r.prefix, sizeof(r.prefix), "%s", t->prefix);
  r.width = t->width;
  r.first = h->first;
  r.last = h->last - h->first + 1 > t->want ? h->first + t->want - 1 : h->last;
  if (invListAdd(t->out, &r) != INV_OK)
    t->failed = true;
  t->want -= r.last - r.first + 1;
  return (t->want == 0 || t->failed);
}


/* Choose the lowest count serials an account holds (series by prefix and
 * width, then by number), into out. */
inv_status_t
_invTakeLowest(inv_db_t   *db,		/* I - Ledger */
               const char *account,	/* I - Account code */
               int64_t    count,	/* I - How many */
               inv_list_t *out)		/* O - The serials */
{
  inv_names_t	names;
  take_t	take = { out, count, NULL, 0, false };
  int64_t	id, balance;
  inv_status_t	status;

  invListClear(out);
  if (count <= 0)
    return (_invDbSetError(db, INV_REFUSED, _("the count must be a positive number")));
  if ((status = storeAccountFind(db, account, &id, NULL, &balance)) != INV_OK)
    return (status);
  if (balance < count)
    return (_invDbSetError(db, INV_REFUSED, P_("%s holds %lld blank, fewer than %lld", "%s holds %lld blanks, fewer than %lld",
                                              balance), account,
                          (long long)balance, (long long)count));
  if ((status = namesLoadSeries(db, &names)) == INV_OK)	/* not the accounts: a print takes one card */
  {
    for (size_t i = 0; i < names.nseries && take.want > 0 && status == INV_OK; i ++)
    {
      take.prefix = names.series[i].prefix;
      take.width = names.series[i].width;
      status = storeHoldingOfAccount(db, id, names.series[i].id, take_rows, &take);
    }
  }
  namesFree(&names);
  if (status == INV_OK && (take.failed || take.want > 0))
    status = _invDbSetError(db, INV_ERROR, _("%s: balance and holdings disagree (run 'inventory verify')"), account);
  return (status);
}


/*
 * Compare what was counted at a location with what it holds, writing
 * nothing (a stocktake's dry run, and the first half of invCount).
 */

inv_status_t
invCountCheck(inv_db_t         *db,		/* I - Ledger */
              const char       *location,	/* I - Location counted */
              const inv_list_t *counted,	/* I - Serials counted */
              inv_list_t       *missing,	/* O - Held but not counted */
              inv_list_t       *unexpected,	/* O - Counted but not held */
              int64_t          *held_count)	/* O - Serials held there, or NULL */
{
  inv_list_t	*held = invListNew();
  inv_status_t	status;
  inv_kind_t	kind;

  if (!held)
    return (_invDbNoMemory(db));
  if ((status = storeAccountFind(db, location, NULL, &kind, NULL)) != INV_OK)
    goto done;
  if (kind != INV_KIND_STORE && kind != INV_KIND_PRINTROOM && kind != INV_KIND_HOPPER)
  {
    status = _invDbSetError(db, INV_REFUSED, _("%s is not a location"), location);
    goto done;
  }
  if ((status = invHoldingCopyList(db, location, held)) != INV_OK)
    goto done;
  if (invListSubtract(held, counted, missing) != INV_OK || invListSubtract(counted, held, unexpected) != INV_OK)
    status = _invDbNoMemory(db);
  if (held_count)
    *held_count = held->serials;

done:
  invListDelete(held);
  return (status);
}


/*
 * A stocktake: compare what was counted at a location with what it holds
 * and record the count as an event.  It moves nothing; the caller reads
 * missing and unexpected to judge.
 */

inv_status_t
invCount(inv_db_t         *db,		/* I - Ledger */
         const char       *location,	/* I - Location counted */
         const inv_list_t *counted,	/* I - Serials counted */
         inv_list_t       *missing,	/* O - Held but not counted */
         inv_list_t       *unexpected,	/* O - Counted but not held */
         int64_t          *event_id)	/* O - Event id, or NULL */
{
  inv_status_t	status;
  int64_t	held = 0;
  char		*miss_text = NULL, *unexp_text = NULL, *detail = NULL;

  if ((status = invCountCheck(db, location, counted, missing, unexpected, &held)) != INV_OK)
    return (status);
  if (!(miss_text = invListFormatCopy(missing)) || !(unexp_text = invListFormatCopy(unexpected)))
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  detail = chainDetailCopy(json_pack("{s:s,s:I,s:I,s:I,s:I,s:s,s:s}", "location", location,
                                 "counted", (json_int_t)counted->serials, "held", (json_int_t)held,
                                 "missing_count", (json_int_t)missing->serials,
                                 "unexpected_count", (json_int_t)unexpected->serials,
                                 "missing", miss_text, "unexpected", unexp_text));
  status = detail ? _invEventAppend(db, eventName(EV_COUNT), location, detail, event_id)
                  : _invDbNoMemory(db);

done:
  free(miss_text);
  free(unexp_text);
  free(detail);
  return (status);
}
