/*
 * Card requests: the rules (one NIK, one live request; reprints supersede;
 * one event per import).  See blanko/request.h.
 */

#include "chain-private.h"
#include "events-private.h"
#include "blanko/request.h"
#include "blanko/i18n.h"
#include "blanko/access.h"
#include "blanko/date.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The category code a word names (a code, or its Indonesian word, in any
 * case), or NULL: the list is vocab.c's, one for imports and reprints. */
const char *
invRequestCategory(const char *word)	/* I - Code or Indonesian word */
{
  return (invVocabCode(INV_VOCAB_CATEGORY, word));
}


/* Is reason a reprint's reason (lost, damaged, data-change, or its
 * Indonesian word): a category marked so in vocab.c? */
bool
invRequestReasonIsValid(const char *reason)	/* I - Reason */
{
  return (invVocabCode(INV_VOCAB_REPRINT_REASON, reason) != NULL);
}


/* Is state the code of a request state? */
bool
invRequestStateIsValid(const char *state)	/* I - State */
{
  const char *code = invVocabCode(INV_VOCAB_REQUEST_STATE, state);

  return (code && !strcmp(code, state));
}


/* Is text exactly 16 digits? */
static bool
nik_is_digits(const char *nik)
{
  size_t i;

  for (i = 0; nik && nik[i]; i ++)
    if (nik[i] < '0' || nik[i] > '9')
      return (false);
  return (nik && i == INV_NIK_LEN);
}


/* Find the live request of a NIK: *id is 0 (and state "") when none. */
inv_status_t
invRequestFindLive(inv_db_t   *db,	/* I - Ledger */
                   const char *nik,	/* I - NIK */
                   int64_t    *id,	/* O - Request id or 0 */
                   char       *state,	/* O - Its state, or "" */
                   size_t     statesize)	/* I - Size of state */
{
  bool		found;
  inv_status_t	status;

  *id = 0;
  if (statesize)
    state[0] = '\0';
  if (!nik_is_digits(nik))
    return (_invDbSetError(db, INV_REFUSED, _("a NIK is 16 digits")));
  if ((status = storeRequestFindLive(db, nik, id, state, statesize, &found)) == INV_OK && !found)
    *id = 0;
  return (status);
}


/* Bytes as lower-case hex. */
static void
hex_text(const unsigned char *bin, unsigned len, char hex[65])
{
  static const char digits[] = "0123456789abcdef";

  for (unsigned i = 0; i < len && i < 32; i ++)
  {
    hex[2 * i] = digits[bin[i] >> 4];
    hex[2 * i + 1] = digits[bin[i] & 15];
  }
  hex[64] = '\0';
}


/* Hex SHA-256 of a photo's bytes (as the photo table keys it). */
void
invRequestPhotoDigest(const unsigned char *data,	/* I - Bytes */
                      size_t              len,		/* I - Length */
                      char                hex[65])	/* O - Hex SHA-256 */
{
  unsigned char	md[EVP_MAX_MD_SIZE];
  unsigned	mdlen = 0;

  EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
  hex_text(md, mdlen, hex);
}


/* Add one line "key <n>:<value>" of the canonical content to a digest. */
static void
digest_text(EVP_MD_CTX *md,		/* I - Digest being made */
            const char *key,		/* I - Column name */
            const char *value)		/* I - Its value */
{
  char		head[64];
  size_t	len = strlen(value);

  EVP_DigestUpdate(md, head, (size_t)snprintf(head, sizeof(head), "%s %zu:", key, len));
  EVP_DigestUpdate(md, value, len);
  EVP_DigestUpdate(md, "\n", 1);
}


/*
 * The digest of a card request: the hex SHA-256 of its canonical content,
 * a text of lines (with n the length in bytes of the value that follows
 * the colon, so that any bytes, newlines too, are read one way only):
 *
 *   blanko-request 1\n
 *   id <id>\n
 *   nik <n>:<nik>\n
 *   name <n>:<name>\n
 *   template <n>:<template>\n
 *   fields <n>:<fields, the JSON text as stored>\n
 *   photo <n>:<hex SHA-256 of the photo, as the photo row holds it, or "">\n
 *   photo_type <n>:<its type, or "">\n
 *   [photo_source <n>:<hex SHA-256 of the file it was made from>\n: schema 9, only then]
 *   supersedes <id, 0 for none>\n
 *   reason <n>:<reason>\n
 *   [recorded <n>:<YYYY-MM-DD>\n category <n>:<code>\n: schema 13, when category is set]
 *
 * These columns never change once the row is written.  The rest is the
 * request's life, which verify replays from the events instead: state (and
 * superseded, which the row that replaces it implies), serial and
 * issue_date (held by the print events).  The photo's bytes are checked
 * against the photo row's SHA-256.  A photo made at import from another
 * file (schema 9) adds a line "photo_source" with that file's SHA-256;
 * other rows' digests are as before.
 *
 * No salt: the digest sits beside the row it is made of (the column, and
 * the events' rows_sha256 over such digests), and whoever reads the event
 * table reads the request table too (one file).  A digest covers the name,
 * the whole record and the photo, so it cannot be searched by trying NIKs;
 * it tells nothing the rows do not.  A salt kept outside the ledger would
 * make verify need that secret; one kept inside would hide nothing.
 */

void
requestDigest(const inv_request_t *r,	/* I - Request (photo_sha256 and photo_type set) */
              char                digest[65])	/* O - Hex SHA-256 */
{
  EVP_MD_CTX	*md = EVP_MD_CTX_new();
  unsigned char	bin[EVP_MAX_MD_SIZE];
  unsigned	len = 0;
  char		line[64];

  if (!md || !EVP_DigestInit_ex(md, EVP_sha256(), NULL))
    abort();				/* as chainHash: nothing honest to write */
  EVP_DigestUpdate(md, line, (size_t)snprintf(line, sizeof(line), "blanko-request 1\nid %lld\n", (long long)r->id));
  digest_text(md, "nik", r->nik);
  digest_text(md, "name", r->name);
  digest_text(md, "template", r->template_name);
  digest_text(md, "fields", r->fields);
  digest_text(md, "photo", r->photo_sha256 ? r->photo_sha256 : "");
  digest_text(md, "photo_type", r->photo_sha256 && *r->photo_sha256 && r->photo_type ? r->photo_type : "");
  if (r->photo_sha256 && *r->photo_sha256 && r->photo_source && *r->photo_source)
    digest_text(md, "photo_source", r->photo_source);	/* schema 9: only for a converted photo */
  EVP_DigestUpdate(md, line, (size_t)snprintf(line, sizeof(line), "supersedes %lld\n", (long long)r->supersedes));
  digest_text(md, "reason", r->reason);
  if (r->category && *r->category)
  {					/* schema 13: only rows that have them */
    digest_text(md, "recorded", r->recorded ? r->recorded : "");
    digest_text(md, "category", r->category);
  }
  EVP_DigestFinal_ex(md, bin, &len);
  EVP_MD_CTX_free(md);
  hex_text(bin, len, digest);
}


/*
 * The seal of rows: SHA-256 over the hex digests of requests first..last,
 * in id order, written one after the other (64 characters each, nothing
 * between).  An event that makes rows holds it as "rows_sha256": one
 * value whatever the number of rows, and verify recomputes it in the same
 * pass over the rows.  Whatever writes request rows stores requestDigest
 * of each (invRequestAdd, invRequestReprint) and seals them with
 * requestSealRows in the event that makes them.
 */

/* Begin a seal; false when out of memory. */
bool
requestSealBegin(request_seal_t *seal)	/* O - Seal */
{
  EVP_MD_CTX *md = EVP_MD_CTX_new();

  if (md && !EVP_DigestInit_ex(md, EVP_sha256(), NULL))
  {
    EVP_MD_CTX_free(md);
    md = NULL;
  }
  seal->md = md;
  return (md != NULL);
}

/* Add the next row's digest to a seal. */
void
requestSealAdd(request_seal_t *seal,	/* I - Seal */
               const char     *digest)	/* I - The next row's digest */
{
  EVP_DigestUpdate(seal->md, digest, strlen(digest));
}

/* End a seal, giving its hex SHA-256 and releasing it. */
void
requestSealEnd(request_seal_t *seal,	/* I - Seal (released) */
               char           sealed[65])	/* O - Hex SHA-256 */
{
  unsigned char	bin[EVP_MAX_MD_SIZE];
  unsigned	len = 0;

  EVP_DigestFinal_ex(seal->md, bin, &len);
  EVP_MD_CTX_free(seal->md);
  seal->md = NULL;
  hex_text(bin, len, sealed);
}


/* Add a stored digest to a seal (storeRequestDigests callback). */
static void
seal_stored(void *ctx, const char *digest)
{
  requestSealAdd(ctx, digest);
}


/* The seal of the rows first..last as stored, for the event that made them. */
inv_status_t
requestSealRows(inv_db_t *db,		/* I - Ledger */
                int64_t  first,		/* I - First request */
                int64_t  last,		/* I - Last request */
                char     sealed[65])	/* O - Hex SHA-256 */
{
  request_seal_t	seal;
  inv_status_t		status;

  if (!requestSealBegin(&seal))
    return (_invDbNoMemory(db));
  status = storeRequestDigests(db, first, last, seal_stored, &seal);
  requestSealEnd(&seal, sealed);
  return (status);
}


/*
 * Store a photo ahead of the requests that will use it, in a short
 * transaction of the caller's (a large import links its rows later, in one
 * transaction that need not carry the photos' bytes).  sha256 is the digest
 * the caller checked the photo under: bytes that differ from it now are
 * refused.  The photo is staged until requests using it are added
 * (inv_request_new_t.photo_id) and invRequestPhotoLinked is called; a
 * refused import removes it with invRequestPhotoUnstage.  *added says whether this call
 * stored it (it may be there already).
 */

inv_status_t
invRequestPhotoStage(inv_db_t            *db,		/* I - Ledger */
                     const unsigned char *data,		/* I - Bytes */
                     size_t              len,		/* I - Length */
                     const char          *type,		/* I - "image/jpeg" or "image/png" */
                     const char          *sha256,	/* I - Digest it was checked under */
                     int64_t             *id,		/* O - Photo id */
                     bool                *added)	/* O - Stored by this call? */
{
  return (invRequestPhotoStageFrom(db, data, len, type, sha256, NULL, id, added, NULL));
}


/*
 * invRequestPhotoStage for a photo made at import from a file (issue 17):
 * data are the bytes made (sha256 their digest), source the hex SHA-256 of
 * the file they were made from (NULL or "" when data are that file's own
 * bytes).  row_source gets the source the photo row holds, which the
 * request's photo_source must be: another file may have made the same
 * bytes before.
 */

inv_status_t
invRequestPhotoStageFrom(inv_db_t            *db,		/* I - Ledger */
                         const unsigned char *data,		/* I - Bytes */
                         size_t              len,		/* I - Length */
                         const char          *type,		/* I - "image/jpeg" or "image/png" */
                         const char          *sha256,	/* I - Digest it was checked under */
                         const char          *source,	/* I - Digest of its source file, or NULL */
                         int64_t             *id,		/* O - Photo id */
                         bool                *added,	/* O - Stored by this call? */
                         char                row_source[65])	/* O - The row's source, or NULL */
{
  char	sha[65], now[32];

  invRequestPhotoDigest(data, len, sha);
  if (strcmp(sha, sha256))
    return (_invDbSetError(db, INV_REFUSED, _("the photo file changed while it was imported")));
  chainTimeNow(now, sizeof(now));
  return (storePhotoPut(db, sha, type, data, len, source ? source : "", now, id, added, row_source));
}


/* The requests first..last (just added, in the caller's transaction) use
 * the photos they were given by id: those are staged no more.  (A staged
 * photo that vanished meanwhile, removed by another import that was
 * refused, makes invRequestAdd fail on the photo's foreign key.) */
inv_status_t
invRequestPhotoLinked(inv_db_t *db,	/* I - Ledger */
                      int64_t  first,	/* I - First request */
                      int64_t  last)	/* I - Last request */
{
  return (storePhotoLinked(db, first, last));
}


/* Remove a photo invRequestPhotoStage stored, unless a request uses it. */
inv_status_t
invRequestPhotoUnstage(inv_db_t *db,	/* I - Ledger */
                       int64_t  id)	/* I - Photo */
{
  return (storePhotoUnstage(db, id));
}


/* Remove photos staged more than INV_PHOTO_STAGE_MAX seconds ago that no
 * request uses: left by an import that was killed before it finished. */
inv_status_t
invRequestPhotoSweep(inv_db_t *db)	/* I - Ledger */
{
  time_t	t = time(NULL) - INV_PHOTO_STAGE_MAX;
  struct tm	tm;
  char		before[32];

  gmtime_r(&t, &tm);
  strftime(before, sizeof(before), "%Y-%m-%dT%H:%M:%S.000Z", &tm);
  return (storePhotoSweep(db, before));
}


/* A new request's recorded day and category: given ones checked (a real
 * day, not after today; a category code or word), else today and the
 * reprint's reason or "new".  Refused with a message naming the field,
 * never the value. */
static inv_status_t
request_new_backlog(inv_db_t                *db,	/* I - Ledger */
                    const inv_request_new_t *req,	/* I - Request */
                    char                    recorded[11],	/* O - YYYY-MM-DD */
                    const char              **category)	/* O - Its code */
{
  char		today[11], why[128];
  inv_date_t	d;

  invDateLocalToday(0, today, sizeof(today));
  if (!req->recorded || !*req->recorded)
    snprintf(recorded, 11, "%s", today);
  else if (!invDateParse(req->recorded, INV_DATE_QUIET, &d, why, sizeof(why)))
    return (_invDbSetError(db, INV_REFUSED, _("field \"recorded\": %s"), why));
  else if (snprintf(recorded, 11, "%04d-%02d-%02d", d.year, d.month, d.day), strcmp(recorded, today) > 0)
    return (_invDbSetError(db, INV_REFUSED, _("field \"recorded\": the day is after today")));
  if (req->category && *req->category)
    *category = invRequestCategory(req->category);
  else
    *category = req->replace ? invRequestCategory(req->replace) : "new";
  if (!*category)
  {
    char choices[256];

    return (_invDbSetError(db, INV_REFUSED, _("field \"category\": not one of %s"),
                           invVocabChoices(INV_VOCAB_CATEGORY, choices, sizeof(choices))));
  }
  return (INV_OK);
}


/*
 * Add a pending request.  A NIK that has a live request (pending, printed,
 * ...) is refused unless req->replace gives the reason of a reprint; then
 * the live request becomes superseded and the new one records it.  The
 * row is written with its digest (requestDigest).  The caller holds the
 * transaction and records the import with
 * invRequestImportRecord.
 */

inv_status_t
invRequestAdd(inv_db_t                *db,	/* I - Ledger */
              const inv_request_new_t *req,	/* I - Request */
              int64_t                 *id)	/* O - New request id */
{
  inv_request_t	row;
  int64_t	live, photo_id = 0;
  char		state[16], now[32], sha[65], source[65] = "", digest[65], recorded[11];
  const char	*category;
  inv_status_t	status;

  if (!nik_is_digits(req->nik))
    return (_invDbSetError(db, INV_REFUSED, _("a NIK is 16 digits")));
  if (req->replace && !invRequestReasonIsValid(req->replace))
  {
    char choices[256];

    return (_invDbSetError(db, INV_REFUSED, _("a reprint's reason is one of %s"),
                           invVocabChoices(INV_VOCAB_REPRINT_REASON, choices, sizeof(choices))));
  }
  if ((status = request_new_backlog(db, req, recorded, &category)) != INV_OK)
    return (status);
  if (!req->fields || !req->template_name || !*req->template_name)
    return (_invDbSetError(db, INV_USAGE, _("a request needs its fields and template")));
  if ((status = invRequestFindLive(db, req->nik, &live, state, sizeof(state))) != INV_OK)
    return (status);
  if (live && !req->replace)
    return (_invDbSetError(db, INV_REFUSED,
                          _("this NIK already has a %s request (#%lld); a reprint needs --replace lost|damaged|data-change"),
                          state, (long long)live));
  if (live && (!strcmp(state, "submitted") || !strcmp(state, "suspect")))
    return (_invDbSetError(db, INV_REFUSED, _("this NIK's request #%lld is %s at a printer; settle it before a reprint"),
                          (long long)live, state));

  chainTimeNow(now, sizeof(now));
  if (live && (status = storeRequestSetState(db, live, "superseded", now)) != INV_OK)
    return (status);
  if (live && !strcmp(invRequestCategory(req->replace), "lost") && (status = invRequestReportLost(db, live, NULL)) != INV_OK)
    return (status);
  if (req->photo_id)
  {
    photo_id = req->photo_id;		/* staged: invRequestPhotoLinked ends that */
    snprintf(sha, sizeof(sha), "%s", req->photo_sha256 ? req->photo_sha256 : "");
    snprintf(source, sizeof(source), "%s", req->photo_source ? req->photo_source : "");
  }
  else if (req->photo && req->photo_len)
  {
    invRequestPhotoDigest(req->photo, req->photo_len, sha);
    if ((status = storePhotoPut(db, sha, req->photo_type, req->photo, req->photo_len, "", NULL, &photo_id, NULL, source)) != INV_OK ||
        (status = storePhotoLink(db, photo_id)) != INV_OK)
      return (status);
  }
  memset(&row, 0, sizeof(row));
  row.nik = req->nik;
  row.name = req->name ? req->name : "";
  row.template_name = req->template_name;
  row.fields = req->fields;
  row.supersedes = live;
  row.reason = live ? invRequestCategory(req->replace) : "";
  row.created = now;
  row.recorded = recorded;
  row.category = category;
  row.photo_sha256 = photo_id ? sha : "";
  row.photo_type = photo_id ? req->photo_type : "";
  row.photo_source = photo_id ? source : "";
  if ((status = storeRequestInsert(db, &row, photo_id, id)) != INV_OK)
    return (status);
  row.id = *id;
  requestDigest(&row, digest);
  return (storeRequestSetDigest(db, *id, digest));
}


/*
 * A batch: new requests (no reprints) prepared before the write transaction
 * that adds them, so that a large import holds the write lock briefly
 * (issue 10).  The rows wait in a table of this connection's own, in
 * memory (filling it takes no lock on the ledger); invRequestBatchNumber
 * gives them, outside the lock, the ids they will have and their digests
 * (requestDigest) and seal (requestSealRows' value); invRequestBatchLink,
 * in the caller's transaction, checks every NIK against the live requests
 * in one query and adds every row in one statement, numbering them again
 * only if another writer added requests meanwhile.  The rows and their
 * digests are those invRequestAdd would have written.
 */

/* Begin an empty batch. */
inv_status_t
invRequestBatchBegin(inv_db_t            *db,	/* I - Ledger */
                     inv_request_batch_t *batch)	/* O - Batch */
{
  memset(batch, 0, sizeof(*batch));
  return (storeBatchBegin(db));
}


/* Add a new request to a batch (no reprint: req->replace NULL); rows
 * become requests in the order of seq. */
inv_status_t
invRequestBatchAdd(inv_db_t                *db,	/* I - Ledger */
                   inv_request_batch_t     *batch,	/* I - Batch */
                   int64_t                 seq,	/* I - Its place */
                   const inv_request_new_t *req)	/* I - Request (photo by photo_id) */
{
  inv_request_t	row;
  inv_status_t	status;
  char		recorded[11];
  const char	*category;

  if (!nik_is_digits(req->nik))
    return (_invDbSetError(db, INV_REFUSED, _("a NIK is 16 digits")));
  if ((status = request_new_backlog(db, req, recorded, &category)) != INV_OK)
    return (status);
  if (req->replace || !req->fields || !req->template_name || !*req->template_name || (req->photo && !req->photo_id))
    return (_invDbSetError(db, INV_USAGE, _("a request needs its fields and template")));
  memset(&row, 0, sizeof(row));
  row.nik = req->nik;
  row.name = req->name ? req->name : "";
  row.template_name = req->template_name;
  row.fields = req->fields;
  row.photo_sha256 = req->photo_id && req->photo_sha256 ? req->photo_sha256 : "";
  row.photo_type = req->photo_id && req->photo_type ? req->photo_type : "";
  row.photo_source = req->photo_id && req->photo_source ? req->photo_source : "";
  row.recorded = recorded;
  row.category = category;
  if ((status = storeBatchAdd(db, seq, &row, req->photo_id)) == INV_OK)
  {
    batch->count ++;
    batch->numbered = false;
  }
  return (status);
}


typedef struct batch_number_s		/* Numbering a batch */
{
  int64_t		id;		/* Id of the next row */
  request_seal_t	seal;		/* Seal being made */
  struct batch_row_s			/* Each row's seq and digest */
  {
    int64_t		seq;
    char		digest[65];
  }			*rows;
  int64_t		count;		/* Rows seen */
} batch_number_t;

/* Number one row (storeBatchRows callback). */
static void
batch_number_row(void                *ctx,	/* I - batch_number_t */
                 int64_t             seq,	/* I - Row */
                 const inv_request_t *r)	/* I - Its columns */
{
  batch_number_t	*n = ctx;
  inv_request_t		row = *r;

  row.id = n->id ++;
  n->rows[n->count].seq = seq;
  requestDigest(&row, n->rows[n->count].digest);
  requestSealAdd(&n->seal, n->rows[n->count].digest);
  n->count ++;
}


/* Give a batch's rows the ids they get when added now (the next request
 * ids, in seq order), their digests and seal; nothing to do when they
 * have them already. */
inv_status_t
invRequestBatchNumber(inv_db_t            *db,	/* I - Ledger */
                      inv_request_batch_t *batch)	/* I - Batch */
{
  batch_number_t	n;
  int64_t		next;
  inv_status_t		status;

  if ((status = storeRequestNextId(db, &next)) != INV_OK)
    return (status);
  if (batch->numbered && batch->base == next)
    return (INV_OK);
  memset(&n, 0, sizeof(n));
  n.id = next;
  if ((n.rows = calloc((size_t)batch->count + 1, sizeof(*n.rows))) == NULL || !requestSealBegin(&n.seal))
  {
    free(n.rows);
    return (_invDbNoMemory(db));
  }
  /* storeBatchRows calls back at most batch->count times (the rows added) */
  status = storeBatchRows(db, batch_number_row, &n);
  requestSealEnd(&n.seal, batch->rows_sha256);
  for (int64_t i = 0; i < n.count && status == INV_OK; i ++)
    status = storeBatchNumber(db, n.rows[i].seq, next + i, n.rows[i].digest);
  free(n.rows);
  if (status == INV_OK && n.count != batch->count)
    status = _invDbSetError(db, INV_ERROR, "%s", _("adding a card request"));
  batch->base = next;
  batch->numbered = status == INV_OK;
  return (status);
}


/* Leave a row out of a batch (its NIK was taken, --skip-invalid). */
inv_status_t
invRequestBatchDrop(inv_db_t            *db,	/* I - Ledger */
                    inv_request_batch_t *batch,	/* I - Batch */
                    int64_t             seq)	/* I - Row */
{
  inv_status_t status = storeBatchDrop(db, seq);

  if (status == INV_OK)
  {
    batch->count --;
    batch->numbered = false;
  }
  return (status);
}


/*
 * In the caller's transaction, add every row of a batch as a pending
 * request: ids batch->base.. (count rows), sealed by batch->rows_sha256.
 * A row whose NIK has a live request now (another import took it), or
 * whose photo is gone (another import that stored it was refused), refuses
 * the batch, nothing added: *seq and *field name that row and field and
 * the message says why, as invRequestAdd does; the caller may drop it and
 * try again.
 */

inv_status_t
invRequestBatchLink(inv_db_t            *db,	/* I - Ledger */
                    inv_request_batch_t *batch,	/* I - Batch */
                    int64_t             *seq,	/* O - Row refused */
                    const char          **field)	/* O - Its field refused: "nik" or "photo" */
{
  int64_t	live = 0, added = 0;
  char		state[16], now[32];
  bool		found;
  inv_status_t	status;

  *seq = 0;
  *field = "nik";
  if ((status = storeBatchConflict(db, seq, &live, state, sizeof(state), &found)) != INV_OK)
    return (status);
  if (found)
    return (_invDbSetError(db, INV_REFUSED,
                          _("this NIK already has a %s request (#%lld); a reprint needs --replace lost|damaged|data-change"),
                          state, (long long)live));
  if ((status = storeBatchPhotoGone(db, seq, &found)) != INV_OK)
    return (status);
  if (found)
  {
    *field = "photo";
    return (_invDbSetError(db, INV_REFUSED, "%s", _("the photo was removed while it was imported")));
  }
  if ((status = invRequestBatchNumber(db, batch)) != INV_OK)
    return (status);
  chainTimeNow(now, sizeof(now));
  if ((status = storeBatchLink(db, now, &added)) == INV_OK && added != batch->count)
    status = _invDbSetError(db, INV_ERROR, "%s", _("adding a card request"));
  return (status);
}


/*
 * Before the transaction that links a batch, turn the connection's foreign
 * key checks off (own false), and on again after it (own true).  The only
 * key the batch's rows need is their photo's: invRequestBatchLink checks
 * it for all rows in one query through the photo index, where SQLite's own
 * check reads, for each row, the page holding the photo's bytes (with
 * 50,780 photos of 30 KB, seconds of the write lock).
 */

inv_status_t
invRequestBatchKeys(inv_db_t *db,	/* I - Ledger (no transaction open) */
                    bool     own)	/* I - The batch checks them (keys off)? */
{
  return (storeBatchKeys(db, !own));
}


/* Empty a batch (its rows hold personal data). */
void
invRequestBatchEnd(inv_db_t            *db,	/* I - Ledger */
                   inv_request_batch_t *batch)	/* I - Batch */
{
  storeBatchClear(db);
  memset(batch, 0, sizeof(*batch));
}


/* Keep the serial of a request (callback). */
static void
serial_cb(void                *ctx,	/* I - Buffer of INV_SERIAL_MAX */
          const inv_request_t *req)	/* I - Request */
{
  snprintf(ctx, INV_SERIAL_MAX, "%s", req->serial ? req->serial : "");
}


/*
 * The card printed for a request was reported lost (a reprint with reason
 * lost): when it is still issued it moves to reported-lost, never to be
 * counted on hand or destroyed.  A request never printed, or a card
 * already out of use, is left as it is.
 */

inv_status_t
invRequestReportLost(inv_db_t   *db,		/* I - Ledger */
                     int64_t    id,		/* I - Request whose card was lost */
                     const char *police_report)	/* I - Police loss report number, or NULL */
{
  char		serial[INV_SERIAL_MAX] = "", holder[65], note[64];
  inv_list_t	*list;
  inv_status_t	status;

  if ((status = invRequestGet(db, id, serial_cb, serial)) != INV_OK || !serial[0] ||
      (status = invSerialHolder(db, serial, holder, sizeof(holder), NULL)) != INV_OK || strcmp(holder, "issued"))
    return (status);
  if ((list = invListNew()) == NULL || invListParse(list, serial) != INV_OK)
  {
    invListDelete(list);
    return (_invDbNoMemory(db));
  }
  snprintf(note, sizeof(note), "reprint of request #%lld", (long long)id);
  status = invInvalidate(db, list, "lost", note, police_report, NULL);
  invListDelete(list);
  return (status);
}


/* Record one import as a "request.import" event: counts, the id range, the
 * template, the file's hash and the seal of the rows it added
 * (rows_sha256, see requestSealRows); never names or NIKs (every role
 * reads the log). */
inv_status_t
invRequestImportRecord(inv_db_t           *db,		/* I - Ledger */
                       const inv_import_t *import,	/* I - What the import did */
                       int64_t            *event_id)	/* O - Event id, or NULL */
{
  char		*detail, sealed[65];
  inv_status_t	status;

  if ((status = invRequestCodeGive(db, import->first, import->last)) != INV_OK)	/* Codes for the resident's page */
    return (status);
  if (import->rows_sha256)
    snprintf(sealed, sizeof(sealed), "%s", import->rows_sha256);
  else if ((status = requestSealRows(db, import->first, import->last, sealed)) != INV_OK)
    return (status);
  detail = chainDetailCopy(json_pack("{s:I,s:I,s:I,s:I,s:I,s:s,s:s,s:s}",
                                     "added", (json_int_t)import->added, "first", (json_int_t)import->first,
                                     "last", (json_int_t)import->last, "replaced", (json_int_t)import->replaced,
                                     "skipped", (json_int_t)import->skipped,
                                     "template", import->template_name ? import->template_name : "",
                                     "file_sha256", import->file_sha256 ? import->file_sha256 : "",
                                     "rows_sha256", sealed));
  if (!detail)
    return (_invDbNoMemory(db));
  status = _invEventAppend(db, eventName(EV_REQUEST_IMPORT), NULL, detail, event_id);
  free(detail);
  return (status);
}


/* Call cb with one request and its photo; INV_REFUSED when there is none. */
inv_status_t
invRequestGet(inv_db_t         *db,	/* I - Ledger */
              int64_t          id,	/* I - Request id */
              inv_request_cb_t cb,	/* I - Callback */
              void             *ctx)	/* I - Its context */
{
  bool		found;
  inv_status_t	status = storeRequestGet(db, id, cb, ctx, &found);

  if (status == INV_OK && !found)
    status = _invDbSetError(db, INV_REFUSED, _("no card request #%lld"), (long long)id);
  return (status);
}


/* Call cb with the live request of a NIK and its photo; INV_REFUSED when none. */
inv_status_t
invRequestGetLive(inv_db_t         *db,	/* I - Ledger */
                  const char       *nik,	/* I - NIK */
                  inv_request_cb_t cb,	/* I - Callback */
                  void             *ctx)	/* I - Its context */
{
  bool		found;
  inv_status_t	status;

  if (!nik_is_digits(nik))
    return (_invDbSetError(db, INV_REFUSED, _("a NIK is 16 digits")));
  if ((status = storeRequestGetLive(db, nik, cb, ctx, &found)) == INV_OK && !found)
    status = _invDbSetError(db, INV_REFUSED, _("no live card request for that NIK"));
  return (status);
}


/* Call cb with the request whose card was printed on serial, if any. */
inv_status_t
invRequestGetBySerial(inv_db_t         *db,	/* I - Ledger */
                      const char       *serial,	/* I - Blank's serial */
                      inv_request_cb_t cb,	/* I - Callback */
                      void             *ctx,	/* I - Its context */
                      bool             *found)	/* O - Was there one? */
{
  return (storeRequestBySerial(db, serial, cb, ctx, found));
}


/* Call cb for every request, oldest first, optionally of one state and NIK. */
inv_status_t
invRequestList(inv_db_t         *db,	/* I - Ledger */
               const char       *state,	/* I - State or NULL */
               const char       *nik,	/* I - NIK or NULL */
               inv_request_cb_t cb,	/* I - Callback */
               void             *ctx)	/* I - Its context */
{
  char choices[512];

  if (state && invVocabCode(INV_VOCAB_REQUEST_STATE, state))
    state = invVocabCode(INV_VOCAB_REQUEST_STATE, state);
  else if (state)
    return (_invDbSetError(db, INV_REFUSED, _("unknown state \"%s\": %s"), state,
                          invVocabChoices(INV_VOCAB_REQUEST_STATE, choices, sizeof(choices))));
  if (nik && !nik_is_digits(nik))
    return (_invDbSetError(db, INV_REFUSED, _("a NIK is 16 digits")));
  return (storeRequestList(db, state, nik, cb, ctx));
}


/* Call cb with each waiting request (pending, submitted, failed), by id,
 * for the backlog: its recorded day, category, kecamatan and the priority
 * in force on today (the office's day). */
inv_status_t
invRequestWaiting(inv_db_t         *db,		/* I - Ledger */
                  const char       *today,	/* I - YYYY-MM-DD */
                  inv_waiting_cb_t cb,		/* I - Callback */
                  void             *ctx)	/* I - Its context */
{
  return (storeRequestWaiting(db, today, cb, ctx));
}


/* Call cb with every request's span (when it was recorded, when and how
 * it stopped waiting), for the backlog's weekly trend. */
inv_status_t
invRequestSpans(inv_db_t              *db,	/* I - Ledger */
                inv_request_span_cb_t cb,	/* I - Callback */
                void                  *ctx)	/* I - Its context */
{
  return (storeRequestSpans(db, cb, ctx));
}


typedef struct chosen_s			/* Requests chosen for a priority */
{
  int64_t		*ids;		/* Their ids */
  size_t		count, alloc;
  bool			nomem;		/* Out of memory */
} chosen_t;


/* Note one chosen request. */
static void
chosen_add(void    *ctx,		/* I - chosen_t */
           int64_t id)			/* I - Request */
{
  chosen_t *c = (chosen_t *)ctx;

  if (c->count == c->alloc)
  {
    size_t	n = c->alloc ? 2 * c->alloc : 64;
    int64_t	*more = realloc(c->ids, n * sizeof(int64_t));

    if (!more)
    {
      c->nomem = true;
      return;
    }
    c->ids = more;
    c->alloc = n;
  }
  c->ids[c->count ++] = id;
}


/*
 * Give waiting requests a priority (printctl prioritize): those of a NIK,
 * a category and/or a kecamatan (at least one), until a day ("" for no
 * end; not past), with a reason.  Each request changed is one
 * "request.priority" event naming the request id, never the resident.
 * Refused when nothing is chosen.  The caller holds the transaction.
 */

inv_status_t
invRequestPrioritize(inv_db_t             *db,	/* I - Ledger */
                     const inv_priority_t *p,	/* I - Which, and how */
                     int64_t              *changed)	/* O - Requests changed */
{
  chosen_t	c = { NULL, 0, 0, false };
  inv_priority_t q = *p;
  char		until[11] = "", today[11], why[128];
  inv_date_t	d;
  inv_status_t	status;

  *changed = 0;
  if ((!q.nik || !*q.nik) && (!q.category || !*q.category) && (!q.district || !*q.district))
    return (_invDbSetError(db, INV_USAGE, _("choose the requests with --nik, --category or --kecamatan")));
  if (q.nik && *q.nik && !nik_is_digits(q.nik))
    return (_invDbSetError(db, INV_REFUSED, _("a NIK is 16 digits")));
  if (q.category && *q.category && !(q.category = invRequestCategory(q.category)))
  {
    char choices[256];

    return (_invDbSetError(db, INV_REFUSED, _("--category is one of %s"),
                           invVocabChoices(INV_VOCAB_CATEGORY, choices, sizeof(choices))));
  }
  if (q.district && *q.district && invTextCheck(q.district) != INV_TEXT_OK)
    return (_invDbSetError(db, INV_REFUSED, _("--kecamatan %s"), invTextProblem(invTextCheck(q.district))));
  if (q.priority < 0 || q.priority > 9)
    return (_invDbSetError(db, INV_USAGE, _("--level is 0 to 9")));
  if (!q.reason || !*q.reason || !chainTextIsClean(q.reason, 200))
    return (_invDbSetError(db, INV_REFUSED, _("--reason needs 1-200 characters with no control characters")));
  invDateLocalToday(0, today, sizeof(today));
  if (q.until && *q.until)
  {
    if (!invDateParse(q.until, 0, &d, why, sizeof(why)))
      return (_invDbSetError(db, INV_REFUSED, _("--until: %s"), why));
    snprintf(until, sizeof(until), "%04d-%02d-%02d", d.year, d.month, d.day);
    if (strcmp(until, today) < 0)
      return (_invDbSetError(db, INV_REFUSED, _("--until is past")));
  }
  if ((status = storeRequestChosen(db, &q, chosen_add, &c)) != INV_OK || c.nomem)
  {
    free(c.ids);
    return (c.nomem ? _invDbNoMemory(db) : status);
  }
  if (!c.count)
    return (_invDbSetError(db, INV_REFUSED, _("no waiting request matches")));
  for (size_t i = 0; i < c.count && status == INV_OK; i ++)
  {
    char *detail = chainDetailCopy(json_pack("{s:I,s:I,s:s,s:s}", "request", (json_int_t)c.ids[i],
                                             "priority", (json_int_t)q.priority, "until", until, "reason", q.reason));

    if (!detail)
      status = _invDbNoMemory(db);
    else if ((status = storeRequestSetPriority(db, c.ids[i], q.priority, until)) == INV_OK)
      status = _invEventAppend(db, eventName(EV_REQUEST_PRIORITY), NULL, detail, NULL);
    free(detail);
  }
  *changed = status == INV_OK ? (int64_t)c.count : 0;
  free(c.ids);
  return (status);
}
