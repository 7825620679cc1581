/*
 * The event chain: every movement and administrative act is an event whose
 * SHA-256 hash covers the previous event's hash and the event's own
 * canonical content, movements included.
 *
 * The canonical content is a small line-oriented text, in the manner of a
 * git commit object; it names accounts by code and serials in full, so it
 * means the same to any reader of the file whatever the internal ids.
 * Fields are checked to hold no control characters, so a line is a field.
 */

#include "chain-private.h"
#include "events-private.h"
#include "blanko/i18n.h"

#include <inttypes.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


/* SHA-256, fetched once: an implicit fetch per digest costs as much as the
 * digest itself for short texts. */
static EVP_MD *chain_md = NULL;		/* Fetched once, never freed */

static void
chain_fetch(void)
{
  chain_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

static const EVP_MD *
chain_sha256(void)
{
  static pthread_once_t once = PTHREAD_ONCE_INIT;

  pthread_once(&once, chain_fetch);
  return (chain_md ? chain_md : EVP_sha256());
}


/* A growing text buffer for the canonical form.  verify hashes every
 * event, so this is built by hand rather than with printf. */
typedef struct chain_buf_s
{
  char		*data;
  size_t	len, alloc;
  char		stack[1024];		/* most events fit here */
} chain_buf_t;


/* Make room for n more bytes. */
static void
buf_reserve(chain_buf_t *b, size_t n)
{
  if (b->len + n <= b->alloc)
    return;

  size_t alloc = 2 * (b->alloc + n);
  char *data = b->data == b->stack ? malloc(alloc) : realloc(b->data, alloc);

  if (!data)
    abort();				/* no honest way to hash half an event */
  if (b->data == b->stack)
    memcpy(data, b->stack, b->len);
  b->data = data;
  b->alloc = alloc;
}


/* Append a string. */
static void
buf_str(chain_buf_t *b, const char *s)
{
  size_t n = strlen(s);

  buf_reserve(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
}


/* Append a number in decimal, zero-padded to at least width digits. */
static void
buf_num(chain_buf_t *b, int64_t v, int width)
{
  char		digits[24];
  int		n = 0;
  uint64_t	u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

  do
    digits[n ++] = (char)('0' + u % 10);
  while ((u /= 10) != 0);
  buf_reserve(b, (size_t)(n + width + 1));
  if (v < 0)
    b->data[b->len ++] = '-';
  for (int i = n; i < width; i ++)
    b->data[b->len ++] = '0';
  while (n > 0)
    b->data[b->len ++] = digits[-- n];
}


/* Compute the hash of an event: e->prev and its fields, and its moves. */
void
chainHash(const store_event_row_t *e,	/* I - Event (hash not read) */
          const chain_move_t      *moves,/* I - Its movements */
          size_t                  nmoves,/* I - How many */
          char                    hash[65])/* O - Hex SHA-256 */
{
  static const char hex[] = "0123456789abcdef";
  chain_buf_t	b = { NULL, 0, sizeof(b.stack), { 0 } };
  unsigned char	md[EVP_MAX_MD_SIZE];
  unsigned int	mdlen = 0;

  b.data = b.stack;
  buf_str(&b, "blanko-event 1\nid ");
  buf_num(&b, e->id, 0);
  buf_str(&b, "\nprev ");
  buf_str(&b, e->prev);
  buf_str(&b, "\ntime ");
  buf_str(&b, e->time);
  buf_str(&b, "\nactor ");
  buf_str(&b, e->actor);
  buf_str(&b, "\nvia ");
  buf_str(&b, e->via);
  buf_str(&b, "\nkind ");
  buf_str(&b, e->kind);
  buf_str(&b, "\nref ");
  buf_str(&b, e->ref);
  buf_str(&b, "\ndetail ");
  buf_str(&b, e->detail);
  buf_str(&b, "\n");
  for (size_t i = 0; i < nmoves; i ++)
  {
    const chain_move_t *m = moves + i;

    buf_str(&b, "move ");
    buf_str(&b, m->prefix);
    buf_num(&b, m->row.first, m->width);
    buf_str(&b, " ");
    buf_str(&b, m->prefix);
    buf_num(&b, m->row.last, m->width);
    buf_str(&b, " ");
    buf_str(&b, m->from);
    buf_str(&b, " ");
    buf_str(&b, m->to);
    buf_str(&b, "\n");
  }

  EVP_Digest(b.data, b.len, md, &mdlen, chain_sha256(), NULL);
  for (unsigned i = 0; i < mdlen && i < 32; i ++)
  {
    hash[2 * i] = hex[md[i] >> 4];
    hash[2 * i + 1] = hex[md[i] & 15];
  }
  hash[64] = '\0';
  if (b.data != b.stack)
    free(b.data);
}


/* The current UTC time as ISO 8601 with milliseconds. */
void
chainTimeNow(char   *buf,		/* O - Buffer, at least 25 bytes */
             size_t bufsize)		/* I - Its size */
{
  struct timespec	ts;
  struct tm		tm;

  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  snprintf(buf, bufsize, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900, tm.tm_mon + 1,
           tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000);
}


/* Is text valid UTF-8, free of control and bidirectional characters
   (invTextCheck) and at most maxlen bytes? */
bool
chainTextIsClean(const char *text,	/* I - Text */
                 size_t     maxlen)	/* I - Longest allowed */
{
  return (strnlen(text, maxlen + 1) <= maxlen && invTextCheck(text) == INV_TEXT_OK);
}


/* Serialise an event's detail compactly with sorted keys, releasing obj;
 * the caller frees the text (NULL when out of memory). */
char *
chainDetailCopy(json_t *obj)		/* I - JSON object (reference stolen) */
{
  char *s = obj ? json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII) : NULL;

  json_decref(obj);
  return (s);
}


/*
 * Add an event's movements to the hours' totals (store-total.c): one row
 * per pair of accounts the event moved serials between (one for an event
 * that moves nothing).  Each pair is summed here first, so that an event
 * of many ranges writes each row once.
 */

static inv_status_t
chain_totals(inv_db_t           *db,	/* I - Ledger */
             const char         *hour,	/* I - Hour it is filed under */
             const char         *kind,	/* I - Event kind */
             const chain_move_t *moves,	/* I - Its movements */
             size_t             nmoves,	/* I - How many */
             int64_t            event)	/* I - Its id */
{
  inv_status_t status = INV_OK;

  if (nmoves == 0)
    return (storeTotalAdd(db, hour, event, kind, 0, 0, 1));
  for (size_t i = 0; i < nmoves && status == INV_OK; i ++)
  {
    const store_move_row_t	*m = &moves[i].row;
    int64_t			serials = 0;
    bool			seen = false;

    for (size_t j = 0; j < i && !seen; j ++)	/* summed with an earlier one? */
      seen = moves[j].row.from == m->from && moves[j].row.to == m->to;
    if (seen)
      continue;
    for (size_t j = i; j < nmoves; j ++)
      if (moves[j].row.from == m->from && moves[j].row.to == m->to)
        serials += moves[j].row.last - moves[j].row.first + 1;
    status = storeTotalAdd(db, hour, event, kind, m->from, m->to, serials);
  }
  return (status);
}


/*
 * Append an event and its movements to the chain.  The movements' event
 * ids and ids (the newest movement's plus one, as a rowid would be) are
 * filled in here, and the event is added up in the hour of the latest time
 * recorded up to it: the chain's latest hour or its own, whichever is
 * later.  The caller holds the transaction.
 */

inv_status_t
chainAppend(inv_db_t     *db,		/* I - Ledger */
            const char   *kind,		/* I - Event kind */
            const char   *ref,		/* I - Reference or NULL */
            const char   *detail,	/* I - JSON object or NULL */
            chain_move_t *moves,	/* IO - Movements */
            size_t       nmoves,	/* I - How many */
            int64_t      *event_id)	/* O - New event id, or NULL */
{
  store_event_row_t	e;
  store_tail_t		tail;
  char			hash[65], now[32], hour[16];
  inv_status_t		status;

  if (!db->in_tx)
    return (_invDbSetError(db, INV_ERROR, _("internal error: a write outside a transaction")));
  if (!db->actor[0])
    return (_invDbSetError(db, INV_ERROR, _("internal error: no actor set")));
  if ((status = storeChainTail(db, &tail)) != INV_OK)
    return (status);
  if (!tail.event)
    memset(tail.hash, '0', 64), tail.hash[64] = '\0';

  chainTimeNow(now, sizeof(now));
  snprintf(hour, sizeof(hour), "%.13s", now);
  if (strcmp(tail.hour, hour) > 0)
    memcpy(hour, tail.hour, sizeof(hour));
  e.id = tail.event + 1;
  e.time = now;
  e.actor = db->actor;
  e.via = db->via;
  e.kind = kind;
  e.ref = ref ? ref : "";
  e.detail = detail ? detail : "";
  e.prev = tail.hash;
  for (size_t i = 0; i < nmoves; i ++)
  {
    moves[i].row.event = e.id;
    moves[i].row.id = tail.movement + 1 + (int64_t)i;
  }
  chainHash(&e, moves, nmoves, hash);
  e.hash = hash;

  if ((status = storeEventInsert(db, &e)) != INV_OK)
    return (status);
  for (size_t i = 0; i < nmoves; i ++)
    if ((status = storeMovementInsert(db, &moves[i].row)) != INV_OK)
      return (status);
  if ((status = chain_totals(db, hour, kind, moves, nmoves, e.id)) != INV_OK)
    return (status);
  if (!db->tx_first_event)
    db->tx_first_event = e.id;		/* for the commit hook (db.c) */
  if (event_id)
    *event_id = e.id;
  return (INV_OK);
}


/* Check a free-text argument (reference, supplier, event kind) for the chain. */
inv_status_t
chainCheckText(inv_db_t   *db,		/* I - Ledger */
               const char *what,	/* I - What it is, for the message */
               const char *text,	/* I - Text or NULL */
               bool       required)	/* I - Refuse NULL or ""? */
{
  if (!text || !*text)
    return (required ? _invDbSetError(db, INV_REFUSED, _("%s must not be empty"), what) : INV_OK);
  if (!chainTextIsClean(text, CHAIN_REF_MAX))
    return (_invDbSetError(db, INV_REFUSED, _("%s must be at most %d characters with no control characters"),
                          what, CHAIN_REF_MAX));
  return (INV_OK);
}


/* Refuse an event kind that the registry (events-private.h) does not
 * declare: verify would refuse the event. */
inv_status_t
chainCheckKind(inv_db_t   *db,		/* I - Ledger */
               const char *kind)	/* I - Event kind */
{
  if (eventFind(kind) == EV_UNKNOWN)
    return (_invDbSetError(db, INV_REFUSED, _("internal error: unknown event kind \"%s\""), kind ? kind : ""));
  return (INV_OK);
}


/* Record an event that moves nothing (an administrative act). */
inv_status_t
_invEventAppend(inv_db_t   *db,		/* I - Ledger */
                const char *kind,	/* I - Event kind */
                const char *ref,	/* I - Reference or NULL */
                const char *detail,	/* I - JSON object or NULL */
                int64_t    *event_id)	/* O - Event id, or NULL */
{
  inv_status_t status;

  if ((status = chainCheckKind(db, kind)) != INV_OK ||
      (status = chainCheckText(db, _("the reference"), ref, false)) != INV_OK)
    return (status);
  if (detail && !chainTextIsClean(detail, 1 << 24))
    return (_invDbSetError(db, INV_REFUSED, _("internal error: event detail has control characters")));
  return (chainAppend(db, kind, ref, detail, NULL, 0, event_id));
}
