/*
 * Taking cards out of use: blanks spoiled in handling, personalised cards
 * made invalid or reported lost (and found again), and who holds a serial.
 * See blanko/inventory.h.
 *
 * The reason a card was spoiled or made invalid is in the detail of the
 * event that moved it, so it is covered by the hash chain; a destruction
 * record traces it back from there (destroy.c).
 */

#include "audit-private.h"
#include "events-private.h"
#include "ledger-private.h"
#include "list-private.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>



/* Check a free-text value (a reason, place, note or police report number). */
inv_status_t
auditCheckText(inv_db_t   *db,		/* I - Ledger (for the message) */
               const char *what,		/* I - What it is, for the message */
               const char *text,		/* I - Text, or NULL */
               bool       required)	/* I - Refuse an empty one? */
{
  if (!text || !*text)
    return (required ? _invDbSetError(db, INV_REFUSED, _("%s must not be empty"), what) : INV_OK);
  if (!chainTextIsClean(text, AUDIT_TEXT_MAX))
    return (_invDbSetError(db, INV_REFUSED, _("%s must be at most %d characters with no control characters"),
                          what, AUDIT_TEXT_MAX));
  return (INV_OK);
}


/*
 * Pieces: who holds each part of a list.
 */


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
inv_status_t
auditPiecesGet(inv_db_t         *db,	/* I - Ledger */
               const inv_list_t *list,	/* I - Serials */
               pieces_t         *w)	/* O - Its pieces (free with auditPiecesFree) */
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
      return (_invDbNoMemory(db));
    if (w->next <= r->last)
      return (_invDbSetError(db, INV_REFUSED, _("serial %s was never received"),
                            invSerialFormat(r->prefix, r->width, w->next, serial, sizeof(serial))));
  }
  return (INV_OK);
}


/* Free the pieces. */
void
auditPiecesFree(pieces_t *w)		/* I - Pieces */
{
  free(w->p);
  namesFree(&w->names);
}


/* The code of the account holding a piece. */
const char *
auditPieceHolder(const pieces_t *w,	/* I - Pieces */
                 const piece_t  *p)	/* I - One of them */
{
  const store_account_t *a = namesAccount(&w->names, p->account);

  return (a ? a->code : "?");
}


/* Refuse a piece held by the wrong account, saying where it is; a
 * destroyed serial gets its own message. */
inv_status_t
auditRefusePiece(inv_db_t       *db,	/* I - Ledger */
                 const pieces_t *w,	/* I - Pieces */
                 const piece_t  *p,	/* I - The one refused */
                 const char     *wanted)	/* I - Where it should be, for the message */
{
  char		serial[INV_SERIAL_MAX];
  const char	*holder = auditPieceHolder(w, p);

  invSerialFormat(p->range.prefix, p->range.width, p->range.first, serial, sizeof(serial));
  if (!strcmp(holder, "destroyed"))
    return (_invDbSetError(db, INV_REFUSED, _("serial %s was destroyed; nothing may be done with a destroyed serial"),
                          serial));
  return (_invDbSetError(db, INV_REFUSED, _("serial %s is not %s (it is at %s)"), serial, wanted, holder));
}


/* Refuse serials of a list that are in an open record (a new record's;
 * moves check their own, in ledger.c). */
inv_status_t
auditCheckNotOpen(inv_db_t       *db,	/* I - Ledger */
                  const pieces_t *w)	/* I - Pieces */
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
      return (_invDbSetError(db, INV_ERROR, "%s", invListGetError(out)));
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
  inv_status_t	status = part ? INV_OK : _invDbNoMemory(db);

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
      status = _invMove(db, kind, auditPieceHolder(w, w->p + i), to, part, NULL, detail, event_id);
    (*made) ++;
  }
  invListDelete(part);
  return (status);
}


/* Make a state account on first use, by an "account.add" event that
 * verify replays (as init makes the first ones). */
inv_status_t
auditStateAccount(inv_db_t   *db,		/* I - Ledger */
              const char *code,		/* I - Account code */
              const char *name)		/* I - Its description */
{
  if (storeAccountFind(db, code, NULL, NULL, NULL) == INV_OK)
    return (INV_OK);
  return (_invAccountAdd(db, code, INV_KIND_STATE, name, eventName(EV_ACCOUNT_ADD),
                         json_pack("{s:s,s:s}", "code", code, "kind", "state")));
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
  if ((status = auditCheckText(db, _("the reason"), reason, true)) != INV_OK ||
      (status = auditPiecesGet(db, serials, &w)) != INV_OK)
    goto done;
  for (size_t i = 0; i < w.count; i ++)
  {
    const store_account_t *a = namesAccount(&w.names, w.p[i].account);

    if (!a || (strcmp(a->kind, "store") && strcmp(a->kind, "printroom") && strcmp(a->kind, "hopper")))
    {
      status = auditRefusePiece(db, &w, w.p + i, _("in a location or hopper"));
      goto done;
    }
  }
  if (!(detail = chainDetailCopy(json_pack("{s:s}", "reason", reason))))
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  status = move_by_holder(db, &w, eventName(EV_SPOIL), "spoiled", detail, &made, NULL);
  if (events)
    *events = made;

done:
  auditPiecesFree(&w);
  free(detail);
  return (status);
}


/*
 * Personalised cards taken out of use.  Each serial must be issued (or
 * delivered to its holder, or returned from a place: issue 14) and moves
 * to invalid ("unclaimed": only returned cards), except: "lost" (the holder reported the card lost)
 * moves it to "reported-lost", cards the office does not hold, never on
 * hand nor destroyed; "found" also takes a card back from reported-lost
 * into invalid, so that it can be destroyed.
 */

inv_status_t
invInvalidate(inv_db_t         *db,		/* I - Ledger */
              const inv_list_t *serials,	/* I - Serials */
              const char       *reason,		/* I - returned, damaged, superseded, wrong-data, found, lost (or the Indonesian word) */
              const char       *note,		/* I - Note or NULL */
              const char       *police_report,	/* I - Police loss report number (lost only), or NULL */
              int64_t          *event_id)	/* O - Event, or NULL */
{
  pieces_t	w;
  inv_status_t	status;
  json_t	*obj;
  char		*detail = NULL;
  const char	*code = invVocabCode(INV_VOCAB_INVALID_REASON, reason);
  bool		lost = code && !strcmp(code, "lost"), found = code && !strcmp(code, "found"),
		unclaimed = code && !strcmp(code, "unclaimed");
  int64_t	made;
  char		choices[256];

  if (!code)
    return (_invDbSetError(db, INV_REFUSED, _("--reason: \"%s\" is not one of %s"), reason ? reason : "",
                          invVocabChoices(INV_VOCAB_INVALID_REASON, choices, sizeof(choices))));
  reason = code;						/* Stored as the code */
  if (police_report && *police_report && !lost)
    return (_invDbSetError(db, INV_REFUSED, _("--police-report is only for --reason lost")));
  if ((status = auditCheckText(db, _("the note"), note, false)) != INV_OK ||
      (status = auditCheckText(db, _("the police report number"), police_report, false)) != INV_OK)
    return (status);
  if ((status = auditPiecesGet(db, serials, &w)) == INV_OK)
  {
    for (size_t i = 0; i < w.count && status == INV_OK; i ++)
    {
      const char *holder = auditPieceHolder(&w, w.p + i);

      /* A card handed over (delivered) is its holder's as an issued one
         is; a card taken back from a place (returned) can be made
         invalid, and "unclaimed" is only for those (issue 14). */
      if (unclaimed ? strcmp(holder, "returned") :
          strcmp(holder, "issued") && strcmp(holder, "delivered") && (lost || strcmp(holder, "returned")) &&
          !(found && !strcmp(holder, "reported-lost")))
        status = auditRefusePiece(db, &w, w.p + i, unclaimed ? C_("required state", "returned") :
                                                   found ? _("issued or reported lost") : C_("required state", "issued"));
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
    status = _invDbNoMemory(db);
  else if (lost)
  {
    if ((status = auditStateAccount(db, "reported-lost",
                                _("Cards reported lost by their holders (not held by the office)"))) == INV_OK)
      status = move_by_holder(db, &w, eventName(EV_REPORT_LOST), "reported-lost", detail, &made, event_id);
  }
  else
    status = move_by_holder(db, &w, eventName(EV_INVALID), "invalid", detail, &made, event_id);

done:
  auditPiecesFree(&w);
  free(detail);
  return (status);
}


/* Keep the one holding row that holds a serial (callback). */
static int
one_holding(void *ctx, const store_holding_t *h)
{
  *(store_holding_t *)ctx = *h;
  return (1);
}


/* Keep the detail of the newest movement into an account (callback). */
static int
newest_detail(void *ctx, int64_t first, int64_t last, const char *time, const char *detail)
{
  (void)first; (void)last; (void)time;
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
  store_holding_t h = { 0, 0, 0, 0 };
  const inv_range_t *r;
  int64_t	series = 0;
  inv_status_t	status;

  /* One holding row at most: looked up alone, not through the pieces
     (which load every account's name: a handover list of 40,000 cards
     asks this 40,000 times, issue 14 "Scale"). */
  *holder = '\0';
  if (detail)
    *detail = NULL;
  if (!list || invListParse(list, serial) != INV_OK || list->serials != 1)
    status = _invDbSetError(db, INV_REFUSED, _("bad serial \"%s\""), serial);
  else if ((status = storeSeriesFind(db, (r = list->ranges)[0].prefix, list->ranges[0].width, false, &series)) == INV_OK &&
           (!series || (status = storeHoldingOverlap(db, series, r->first, r->first, one_holding, &h)) == INV_OK))
  {
    char buf[INV_SERIAL_MAX];

    if (!h.account || h.last < r->first)	/* none, or one ending before it: a gap */
      status = _invDbSetError(db, INV_REFUSED, _("serial %s was never received"),
                              invSerialFormat(r->prefix, r->width, r->first, buf, sizeof(buf)));
    else if ((status = storeAccountCode(db, h.account, holder, holdersize)) == INV_OK && detail)
      status = storeMovementsIntoTime(db, h.account, series, r->first, r->first, newest_detail, detail);
  }
  invListDelete(list);
  return (status);
}
