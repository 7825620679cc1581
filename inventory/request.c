/*
 * Card requests: the rules (one NIK, one live request; reprints supersede;
 * one event per import).  See blanko/request.h.
 */

#include "chain-private.h"
#include "blanko/request.h"
#include "blanko/i18n.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char * const reasons[] = { "lost", "damaged", "data-change" };
static const char * const states[] =
{
  "pending", "submitted", "printed", "failed", "suspect", "cancelled", "superseded"
};


/* Is reason one of lost, damaged, data-change? */
bool
invRequestReasonIsValid(const char *reason)	/* I - Reason */
{
  for (size_t i = 0; reason && i < sizeof(reasons) / sizeof(reasons[0]); i ++)
    if (!strcmp(reason, reasons[i]))
      return (true);
  return (false);
}


/* Is state the name of a request state? */
bool
invRequestStateIsValid(const char *state)	/* I - State */
{
  for (size_t i = 0; state && i < sizeof(states) / sizeof(states[0]); i ++)
    if (!strcmp(state, states[i]))
      return (true);
  return (false);
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
    return (invDbSetError(db, INV_REFUSED, _("a NIK is 16 digits")));
  if ((status = storeRequestFindLive(db, nik, id, state, statesize, &found)) == INV_OK && !found)
    *id = 0;
  return (status);
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
  for (unsigned i = 0; i < mdlen && i < 32; i ++)
    snprintf(hex + 2 * i, 3, "%02x", md[i]);
  hex[64] = '\0';
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
  char	sha[65], now[32];

  invRequestPhotoDigest(data, len, sha);
  if (strcmp(sha, sha256))
    return (invDbSetError(db, INV_REFUSED, _("the photo file changed while it was imported")));
  chainTimeNow(now, sizeof(now));
  return (storePhotoPut(db, sha, type, data, len, now, id, added));
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


/*
 * Add a pending request.  A NIK that has a live request (pending, printed,
 * ...) is refused unless req->replace gives the reason of a reprint; then
 * the live request becomes superseded and the new one records it.  The
 * caller holds the transaction and records the import with
 * invRequestImportRecord.
 */

inv_status_t
invRequestAdd(inv_db_t                *db,	/* I - Ledger */
              const inv_request_new_t *req,	/* I - Request */
              int64_t                 *id)	/* O - New request id */
{
  inv_request_t	row;
  int64_t	live, photo_id = 0;
  char		state[16], now[32], sha[65];
  inv_status_t	status;

  if (!nik_is_digits(req->nik))
    return (invDbSetError(db, INV_REFUSED, _("a NIK is 16 digits")));
  if (req->replace && !invRequestReasonIsValid(req->replace))
    return (invDbSetError(db, INV_REFUSED, _("a reprint's reason is lost, damaged or data-change")));
  if (!req->fields || !req->template_name || !*req->template_name)
    return (invDbSetError(db, INV_USAGE, _("a request needs its fields and template")));
  if ((status = invRequestFindLive(db, req->nik, &live, state, sizeof(state))) != INV_OK)
    return (status);
  if (live && !req->replace)
    return (invDbSetError(db, INV_REFUSED,
                          _("this NIK already has a %s request (#%lld); a reprint needs --replace lost|damaged|data-change"),
                          state, (long long)live));
  if (live && (!strcmp(state, "submitted") || !strcmp(state, "suspect")))
    return (invDbSetError(db, INV_REFUSED, _("this NIK's request #%lld is %s at a printer; settle it before a reprint"),
                          (long long)live, state));

  chainTimeNow(now, sizeof(now));
  if (live && (status = storeRequestSetState(db, live, "superseded", now)) != INV_OK)
    return (status);
  if (req->photo_id)
    photo_id = req->photo_id;		/* staged: invRequestPhotoLinked ends that */
  else if (req->photo && req->photo_len)
  {
    invRequestPhotoDigest(req->photo, req->photo_len, sha);
    if ((status = storePhotoPut(db, sha, req->photo_type, req->photo, req->photo_len, NULL, &photo_id, NULL)) != INV_OK ||
        (status = storePhotoLink(db, photo_id)) != INV_OK)
      return (status);
  }
  memset(&row, 0, sizeof(row));
  row.nik = req->nik;
  row.name = req->name ? req->name : "";
  row.template_name = req->template_name;
  row.fields = req->fields;
  row.supersedes = live;
  row.reason = live ? req->replace : "";
  row.created = now;
  return (storeRequestInsert(db, &row, photo_id, id));
}


/* Record one import as a "request.import" event: counts, the id range, the
 * template and the file's hash; never names or NIKs (every role reads the log). */
inv_status_t
invRequestImportRecord(inv_db_t           *db,		/* I - Ledger */
                       const inv_import_t *import,	/* I - What the import did */
                       int64_t            *event_id)	/* O - Event id, or NULL */
{
  char		*detail;
  inv_status_t	status;

  detail = chainDetailCopy(json_pack("{s:I,s:I,s:I,s:I,s:I,s:s,s:s}",
                                     "added", (json_int_t)import->added, "first", (json_int_t)import->first,
                                     "last", (json_int_t)import->last, "replaced", (json_int_t)import->replaced,
                                     "skipped", (json_int_t)import->skipped,
                                     "template", import->template_name ? import->template_name : "",
                                     "file_sha256", import->file_sha256 ? import->file_sha256 : ""));
  if (!detail)
    return (invDbSetError(db, INV_ERROR, _("out of memory")));
  status = invEventAppend(db, "request.import", NULL, detail, event_id);
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
    status = invDbSetError(db, INV_REFUSED, _("no card request #%lld"), (long long)id);
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
    return (invDbSetError(db, INV_REFUSED, _("a NIK is 16 digits")));
  if ((status = storeRequestGetLive(db, nik, cb, ctx, &found)) == INV_OK && !found)
    status = invDbSetError(db, INV_REFUSED, _("no live card request for that NIK"));
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
  if (state && !invRequestStateIsValid(state))
    return (invDbSetError(db, INV_REFUSED,
                          _("unknown state \"%s\": pending, submitted, printed, failed, suspect, cancelled, superseded"),
                          state));
  if (nik && !nik_is_digits(nik))
    return (invDbSetError(db, INV_REFUSED, _("a NIK is 16 digits")));
  return (storeRequestList(db, state, nik, cb, ctx));
}
