/*
 * Anchors: checkpoints of the hash chain signed with the service's key
 * (blanko/anchor.h, doc/anchors.md).
 *
 * A checkpoint is made
 *   - for each UTC day's end: the head as it stood when the day ended,
 *     signed by the commit of the first write transaction after it
 *     (anchor_commit_hook, attached by the command-line frame), by the
 *     print controller's loop (invAnchorDayEnd) or by 'inventory anchor';
 *     days missed (a writer that could not read the key) are signed by
 *     the next of these;
 *   - for each executed destruction record, of the head it seals;
 *   - on demand ('inventory anchor'), of the head now.
 * A ledger with no key gets none and is not asked for any.  Checkpoints
 * are stored in the table anchor, outside the chain (store-anchor.c).
 */

#include "anchor-private.h"
#include "chain-private.h"
#include "blanko/i18n.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


/* Write bytes as lower-case hex. */
static void
anchor_hex(const unsigned char *data,	/* I - Bytes */
           size_t              len,	/* I - How many */
           char                *hex)	/* O - 2 * len + 1 chars */
{
  static const char digits[] = "0123456789abcdef";

  for (size_t i = 0; i < len; i ++)
  {
    hex[2 * i] = digits[data[i] >> 4];
    hex[2 * i + 1] = digits[data[i] & 15];
  }
  hex[2 * len] = '\0';
}


/* Read hex into bytes; the number of bytes, or 0 when it is not hex of at most size bytes. */
static size_t
anchor_unhex(const char    *hex,	/* I - Hex text */
             unsigned char *data,	/* O - Bytes */
             size_t        size)	/* I - Room in data */
{
  size_t len = strlen(hex);

  if (len % 2 || len / 2 > size)
    return (0);
  for (size_t i = 0; i < len; i ++)
  {
    int c = hex[i], v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
                        c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

    if (v < 0)
      return (0);
    if (i % 2)
      data[i / 2] = (unsigned char)(data[i / 2] | v);
    else
      data[i / 2] = (unsigned char)(v << 4);
  }
  return (len / 2);
}


/* Is text n lower-case hex digits? */
static bool
anchor_is_hex(const char *text,		/* I - Text */
              size_t     n)		/* I - Digits wanted */
{
  if (strlen(text) != n)
    return (false);
  for (size_t i = 0; i < n; i ++)
    if (!((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f')))
      return (false);
  return (true);
}


/* The canonical (signed) text of a checkpoint. */
void
invAnchorText(const inv_anchor_t *a,	/* I - Checkpoint */
              char               *buf,	/* O - Text */
              size_t             size)	/* I - Its size (512 is plenty) */
{
  snprintf(buf, size, "blanko-anchor-v1\nledger %s\nevent %" PRId64 "\nhead %s\ntime %s\nmark %s\n", a->ledger,
           a->event, a->head, a->time, a->mark);
}


/* An exported anchor: the canonical text, the key and the signature. */
char *
invAnchorFormatCopy(const inv_anchor_t *a)	/* I - Checkpoint */
{
  char text[512], *copy;

  invAnchorText(a, text, sizeof(text));
  if (asprintf(&copy, "%skey %s\nsignature %s\n", text, a->keyid, a->sig) < 0)
    return (NULL);
  return (copy);
}


/* Read an exported anchor: the lines from "blanko-anchor-v1" to the
 * signature, each once; lines before it and after it are ignored (a
 * report that prints one). */
bool
invAnchorParse(const char   *text,	/* I - Text */
               inv_anchor_t *a,		/* O - Checkpoint */
               char         *error,	/* O - Why not */
               size_t       errsize)	/* I - Its size */
{
  const char	*p = text;
  unsigned	seen = 0, bad = 0;
  char		event[24] = "";
  struct
  {
    const char	*key;			/* "ledger " */
    char	*value;			/* Where it goes */
    size_t	size;			/* Its size */
  }		fields[] =
  {
    { "ledger ", a->ledger, sizeof(a->ledger) }, { "event ", event, sizeof(event) },
    { "head ", a->head, sizeof(a->head) }, { "time ", a->time, sizeof(a->time) },
    { "mark ", a->mark, sizeof(a->mark) }, { "key ", a->keyid, sizeof(a->keyid) },
    { "signature ", a->sig, sizeof(a->sig) }
  };
  const unsigned all = (1u << (sizeof(fields) / sizeof(fields[0]))) - 1;

  memset(a, 0, sizeof(*a));
  while (p && strncmp(p, "blanko-anchor-v1", 16) && (p = strchr(p, '\n')) != NULL)
    p ++;
  for (p = p ? strchr(p, '\n') : NULL; p && *p && seen != all; )
  {
    const char	*line = p + 1, *end = strchr(line, '\n');
    size_t	len = end ? (size_t)(end - line) : strlen(line), klen;
    unsigned	k;

    p = end;
    if (len && line[len - 1] == '\r')
      len --;
    for (k = 0; k < sizeof(fields) / sizeof(fields[0]); k ++)
      if (!strncmp(line, fields[k].key, strlen(fields[k].key)))
        break;
    if (k == sizeof(fields) / sizeof(fields[0]) || (seen & (1u << k)))
      break;
    seen |= 1u << k;
    klen = strlen(fields[k].key);
    if (len < klen || len - klen >= fields[k].size)
      bad |= 1u << k;
    else
    {
      memcpy(fields[k].value, line + klen, len - klen);
      fields[k].value[len - klen] = '\0';
    }
  }
  if (!seen)
  {
    snprintf(error, errsize, _("no anchor in it (no \"blanko-anchor-v1\" line)"));
    return (false);
  }
  a->event = event[0] && strspn(event, "0123456789") == strlen(event) ? strtoll(event, NULL, 10) : 0;
  if (seen != all || bad || a->event < 1 || !anchor_is_hex(a->ledger, 64) || !anchor_is_hex(a->head, 64) ||
      !anchor_is_hex(a->sig, 2 * INV_SIG_LEN) || strlen(a->keyid) != INV_KEYID_LEN)
  {
    snprintf(error, errsize, _("the anchor is incomplete or damaged: it needs the lines ledger, event, head, time, "
                               "mark, key and signature, once each"));
    return (false);
  }
  return (true);
}


/* Open the ledger's keyring to check signatures. */
inv_keyring_t *
invAnchorKeyring(inv_db_t *db,		/* I - Ledger */
                 char     *error,	/* O - Why not */
                 size_t   errsize)	/* I - Its size */
{
  return (invKeyringOpen(invDbGetPath(db), INV_KEYRING_READ, error, errsize));
}


/* Sign a checkpoint of (event, head) now with mark; INV_REFUSED when the
 * key fails (the message on the handle). */
static inv_status_t
anchor_sign(inv_db_t      *db,		/* I - Ledger */
            inv_keyring_t *kr,		/* I - Its keyring */
            int64_t       event,	/* I - Event */
            const char    *head,	/* I - Its hash */
            const char    *mark,	/* I - Why */
            inv_anchor_t  *a)		/* O - Checkpoint */
{
  unsigned char	sig[INV_SIG_LEN];
  char		text[512], error[256];
  inv_status_t	status;

  memset(a, 0, sizeof(*a));
  if ((status = storeEventFirstHash(db, a->ledger)) != INV_OK)
    return (status);
  a->event = event;
  snprintf(a->head, sizeof(a->head), "%s", head);
  chainTimeNow(a->time, sizeof(a->time));
  snprintf(a->mark, sizeof(a->mark), "%s", mark);
  invAnchorText(a, text, sizeof(text));
  if (!invKeyringSign(kr, text, strlen(text), sig, a->keyid, error, sizeof(error)))
    return (_invDbSetError(db, INV_REFUSED, _("cannot sign the checkpoint: %s"), error));
  anchor_hex(sig, sizeof(sig), a->sig);
  return (INV_OK);
}


/* The UTC day after day (YYYY-MM-DD). */
static void
anchor_next_day(const char *day,	/* I - Day */
                char       next[11])	/* O - The day after */
{
  struct tm	tm;
  time_t	t;

  memset(&tm, 0, sizeof(tm));
  if (sscanf(day, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
  {
    snprintf(next, 11, "%s", "9999-12-31");
    return;
  }
  tm.tm_year -= 1900;
  tm.tm_mon --;
  tm.tm_hour = 12;
  t = timegm(&tm) + 86400;
  gmtime_r(&t, &tm);
  strftime(next, 11, "%Y-%m-%d", &tm);
}


typedef struct anchor_days_s		/* Days gathered by storeEventDays */
{
  char		(*days)[11];
  size_t	count, alloc;
  bool		nomem;
} anchor_days_t;

static void
add_day(void *ctx, const char *day)
{
  anchor_days_t *d = ctx;

  if (d->count == d->alloc)
  {
    size_t	alloc = d->alloc ? 2 * d->alloc : 16;
    char	(*days)[11] = realloc(d->days, alloc * sizeof(*days));

    if (!days)
    {
      d->nomem = true;
      return;
    }
    d->days = days;
    d->alloc = alloc;
  }
  snprintf(d->days[d->count ++], 11, "%.10s", day);
}


/*
 * Sign the day-end checkpoints due before the UTC day "before": for each
 * day with events since the latest checkpoint (or, in a ledger with none,
 * the last day before "before"), the head when it ended, unless it has
 * one.  The caller holds the transaction.
 */

static inv_status_t
anchor_day_ends(inv_db_t      *db,	/* I - Ledger */
                inv_keyring_t *kr,	/* I - Its keyring */
                const char    *before,	/* I - Day (YYYY-MM-DD), exclusive */
                bool          *made)	/* O - Was one made?  May be NULL */
{
  inv_anchor_t	latest, a;
  anchor_days_t	d = { NULL, 0, 0, false };
  inv_status_t	status;
  bool		found;
  int64_t	from, id;
  char		hash[65];

  if ((status = storeAnchorLatest(db, &latest, &found)) != INV_OK)
    return (status);
  if (found)
    from = latest.event;
  else if ((status = storeEventHeadAt(db, before, &from, hash)) != INV_OK || from == 0)
    return (status);
  if ((status = storeEventDays(db, from, before, add_day, &d)) != INV_OK)
    goto done;
  if (d.nomem)
  {
    status = _invDbNoMemory(db);
    goto done;
  }
  for (size_t i = 0; i < d.count && status == INV_OK; i ++)
  {
    char mark[32], next[11];

    snprintf(mark, sizeof(mark), "day %s", d.days[i]);
    if ((status = storeAnchorFind(db, mark, &a, &found)) != INV_OK || found)
      continue;
    anchor_next_day(d.days[i], next);
    if ((status = storeEventHeadAt(db, next, &id, hash)) != INV_OK || id == 0)
      continue;
    if ((status = anchor_sign(db, kr, id, hash, mark, &a)) == INV_OK &&
        (status = storeAnchorInsert(db, &a, NULL)) == INV_OK && made)
      *made = true;
  }

done:
  free(d.days);
  return (status);
}


/* Keep an event's time (storeEventGet). */
static int
event_time(void *ctx, const store_event_row_t *e, int64_t moved)
{
  (void)moved;
  snprintf(ctx, 11, "%.10s", e->time);
  return (0);
}


/*
 * Before a write transaction that appended events commits: when its first
 * event is the first of a new UTC day, sign the day-end checkpoints due.
 * No key (a ledger that never had one, or a writer that cannot read it):
 * nothing is signed, and the write goes on.
 */

static inv_status_t
anchor_commit_hook(inv_db_t *db)	/* I - Ledger */
{
  char		before[11] = "", now[11] = "", error[256];
  int64_t	head;
  char		hash[65];
  inv_keyring_t	*kr;
  inv_status_t	status;

  if (db->tx_first_event < 2)
    return (INV_OK);
  if ((status = storeEventGet(db, db->tx_first_event - 1, event_time, before)) != INV_OK ||
      (status = storeEventHead(db, &head, hash)) != INV_OK ||
      (status = storeEventGet(db, head, event_time, now)) != INV_OK)
    return (status);
  if (strcmp(before, now) >= 0)
    return (INV_OK);			/* the same day: nothing is due */
  if ((kr = invKeyringOpen(db->path, INV_KEYRING_READ, error, sizeof(error))) == NULL)
    return (INV_OK);
  if ((status = anchor_day_ends(db, kr, now, NULL)) == INV_REFUSED)
    status = INV_OK;			/* the key failed, not the ledger: the write goes on */
  invKeyringDelete(kr);
  return (status);
}


/* Sign day-end checkpoints on each commit of a write (invDbCommit). */
void
invAnchorAttach(inv_db_t *db)		/* I - Ledger */
{
  if (db)
    db->commit_hook = anchor_commit_hook;
}


/* Today, UTC (YYYY-MM-DD). */
static void
anchor_today(char today[11])
{
  char now[32];

  chainTimeNow(now, sizeof(now));
  snprintf(today, 11, "%.10s", now);
}


/*
 * Sign the day-end checkpoints due now: when the chain's last event is
 * of an earlier UTC day than today and that day has no checkpoint yet.
 * Runs in a transaction of its own unless the caller holds one.
 */

inv_status_t
invAnchorDayEnd(inv_db_t *db,		/* I - Ledger */
                bool     *made)		/* O - Was one made?  May be NULL */
{
  char		today[11], last[11] = "", mark[32], hash[65], error[256];
  int64_t	head;
  inv_anchor_t	a;
  bool		found, own = !db->in_tx;
  inv_keyring_t	*kr;
  inv_status_t	status;

  if (made)
    *made = false;
  anchor_today(today);
  if ((status = storeEventHead(db, &head, hash)) != INV_OK || head == 0 ||
      (status = storeEventGet(db, head, event_time, last)) != INV_OK || strcmp(last, today) >= 0)
    return (status);
  snprintf(mark, sizeof(mark), "day %s", last);
  if ((status = storeAnchorFind(db, mark, &a, &found)) != INV_OK || found)
    return (status);
  if ((kr = invKeyringOpen(db->path, INV_KEYRING_READ, error, sizeof(error))) == NULL)
    return (INV_OK);			/* no key: no checkpoint */
  if (own && (status = invDbBegin(db)) != INV_OK)
  {
    invKeyringDelete(kr);
    return (status);
  }
  status = anchor_day_ends(db, kr, today, made);
  invKeyringDelete(kr);
  if (own)
  {
    if (status == INV_OK)
      status = invDbCommit(db);
    else
      invDbRollback(db);
  }
  return (status);
}


/* Sign (event, head) with mark and store it, after the day ends due;
 * kr NULL opens the ledger's keyring (none: nothing, INV_OK). */
static inv_status_t
anchor_seal(inv_db_t      *db,		/* I - Ledger */
            inv_keyring_t *kr,		/* I - Keyring */
            int64_t       event,	/* I - Event */
            const char    *head,	/* I - Its hash */
            const char    *mark,	/* I - Why */
            inv_anchor_t  *a)		/* O - Checkpoint */
{
  char		today[11];
  inv_status_t	status;

  if (!db->in_tx)
    return (_invDbSetError(db, INV_ERROR, _("internal error: a write outside a transaction")));
  anchor_today(today);
  if ((status = anchor_day_ends(db, kr, today, NULL)) != INV_OK ||
      (status = anchor_sign(db, kr, event, head, mark, a)) != INV_OK)
    return (status);
  return (storeAnchorInsert(db, a, &a->id));
}


/* Sign and store a checkpoint of (event, head) when the ledger has a key. */
inv_status_t
_invAnchorSeal(inv_db_t   *db,		/* I - Ledger */
               int64_t    event,	/* I - Event */
               const char *head,	/* I - Its hash */
               const char *mark)	/* I - Why */
{
  char		error[256];
  inv_keyring_t	*kr = invKeyringOpen(db->path, INV_KEYRING_READ, error, sizeof(error));
  inv_anchor_t	a;
  inv_status_t	status;

  if (!kr)
    return (INV_OK);			/* no key: not signed (destroy show says so) */
  if ((status = anchor_seal(db, kr, event, head, mark, &a)) == INV_REFUSED)
    status = INV_OK;			/* the key failed: not signed (destroy show says so) */
  invKeyringDelete(kr);
  return (status);
}


/* Sign the chain head now with mark and store it ('inventory anchor'). */
inv_status_t
invAnchorMake(inv_db_t     *db,		/* I - Ledger */
              const char   *mark,	/* I - Why */
              bool         create_key,	/* I - Make a first key if none? */
              inv_anchor_t *a)		/* O - Checkpoint */
{
  char		error[256], hash[65];
  int64_t	head;
  inv_keyring_t	*kr;
  inv_status_t	status;

  if ((status = storeEventHead(db, &head, hash)) != INV_OK)
    return (status);
  if (!head)
    return (_invDbSetError(db, INV_REFUSED, _("the ledger has no events to sign")));
  if ((kr = invKeyringOpen(db->path, create_key ? INV_KEYRING_CREATE : INV_KEYRING_READ, error, sizeof(error))) ==
      NULL)
    return (_invDbSetError(db, INV_REFUSED, _("cannot sign: %s"), error));
  status = anchor_seal(db, kr, head, hash, mark, a);
  invKeyringDelete(kr);
  return (status);
}


/* Sign a head without storing it (a report's). */
inv_status_t
invAnchorSignHead(inv_db_t     *db,	/* I - Ledger */
                  int64_t      event,	/* I - Event */
                  const char   *head,	/* I - Its hash */
                  const char   *mark,	/* I - Why */
                  inv_anchor_t *a,	/* O - Checkpoint */
                  bool         *made,	/* O - Signed? */
                  char         *why,	/* O - Why not */
                  size_t       whysize)	/* I - Its size */
{
  inv_keyring_t	*kr = invKeyringOpen(db->path, INV_KEYRING_READ, why, whysize);
  inv_status_t	status;

  *made = false;
  memset(a, 0, sizeof(*a));
  if (!kr)
    return (INV_OK);
  if ((status = anchor_sign(db, kr, event, head, mark, a)) == INV_OK)
    *made = true;
  else if (status == INV_REFUSED)
  {
    snprintf(why, whysize, "%s", invDbGetError(db));
    status = INV_OK;
  }
  invKeyringDelete(kr);
  return (status);
}


/* The stored checkpoint with the highest event. */
inv_status_t
invAnchorLatest(inv_db_t     *db,	/* I - Ledger */
                inv_anchor_t *a,	/* O - Checkpoint */
                bool         *found)	/* O - Is there one? */
{
  return (storeAnchorLatest(db, a, found));
}


/* The newest stored checkpoint with a mark. */
inv_status_t
invAnchorFind(inv_db_t     *db,		/* I - Ledger */
              const char   *mark,	/* I - Mark */
              inv_anchor_t *a,		/* O - Checkpoint */
              bool         *found)	/* O - Is there one? */
{
  return (storeAnchorFind(db, mark, a, found));
}


/* Every stored checkpoint, by event. */
inv_status_t
invAnchorList(inv_db_t        *db,	/* I - Ledger */
              inv_anchor_cb_t cb,	/* I - Callback */
              void            *ctx)	/* I - Its context */
{
  return (storeAnchorList(db, cb, ctx));
}


/* Keep an event's hash (storeEventGet). */
static int
event_hash(void *ctx, const store_event_row_t *e, int64_t moved)
{
  (void)moved;
  snprintf(ctx, 65, "%s", e->hash);
  return (0);
}


/*
 * Check one checkpoint against the ledger: made by a key of kr over its
 * text, for this ledger, and the chain still holds its event with its
 * hash.  INV_PROBLEM with one line in problem when not.
 */

inv_status_t
invAnchorCheck(inv_db_t           *db,	/* I - Ledger */
               inv_keyring_t      *kr,	/* I - Keys to check with */
               const inv_anchor_t *a,	/* I - Checkpoint */
               char               *problem,	/* O - What is wrong, or "" */
               size_t             problemsize)	/* I - Its size */
{
  unsigned char	sig[INV_SIG_LEN];
  char		text[512], ledger[65], hash[65] = "", head_hash[65];
  size_t	siglen = anchor_unhex(a->sig, sig, sizeof(sig));
  int64_t	head;
  inv_status_t	status;

  *problem = '\0';
  invAnchorText(a, text, sizeof(text));
  switch (siglen ? invKeyringVerify(kr, a->keyid, text, strlen(text), sig, siglen) : INV_SIG_MALFORMED)
  {
    case INV_SIG_GOOD :
        break;
    case INV_SIG_UNKNOWN_KEY :
        snprintf(problem, problemsize, _("the checkpoint \"%s\" of %s (event %" PRId64 ") is signed by key %s, which is "
                                         "not in this ledger's keyring"), a->mark, a->time, a->event, a->keyid);
        return (INV_PROBLEM);
    default :
        snprintf(problem, problemsize, _("the checkpoint \"%s\" of %s (event %" PRId64 ") has a bad signature: it was "
                                         "forged or altered"), a->mark, a->time, a->event);
        return (INV_PROBLEM);
  }
  if ((status = storeEventFirstHash(db, ledger)) != INV_OK || (status = storeEventHead(db, &head, head_hash)) != INV_OK)
    return (status);
  if (strcmp(ledger, a->ledger))
  {
    snprintf(problem, problemsize, _("the checkpoint \"%s\" of %s is of ledger %.16s..., but this ledger's first event "
                                     "hashes to %.16s...: another ledger, or its chain was rewritten from the start"),
             a->mark, a->time, a->ledger, ledger);
    return (INV_PROBLEM);
  }
  if (a->event > head)
  {
    snprintf(problem, problemsize, _("the checkpoint \"%s\" of %s names event %" PRId64 ", beyond the chain's head "
                                     "(event %" PRId64 "): the chain was truncated or rolled back to an older copy"),
             a->mark, a->time, a->event, head);
    return (INV_PROBLEM);
  }
  if ((status = storeEventGet(db, a->event, event_hash, hash)) != INV_OK)
    return (status);
  if (strcmp(hash, a->head))
  {
    snprintf(problem, problemsize, _("event %" PRId64 " no longer has the hash %.16s... that the checkpoint \"%s\" of %s "
                                     "signed: the chain was rewritten"), a->event, a->head, a->mark, a->time);
    return (INV_PROBLEM);
  }
  return (INV_OK);
}
