/*
 * Verification of card requests.  Card requests hold personal data, which
 * events never do: an event that makes requests seals the SHA-256 of their
 * digests (rows_sha256, see requestDigest in request.c), and this replay
 * recomputes every row's digest, checks its photo's bytes against the
 * photo's SHA-256 and replays the rest of its life (state, serial,
 * issue_date) from the events, through the request state machine
 * (stateRequest).  Rows made by events written before schema 5 carry no
 * seal and are not covered.  See verify-private.h.
 */

#include "verify-private.h"
#include "states-private.h"
#include "blanko/request.h"

#include <stdlib.h>
#include <string.h>


typedef struct vimport_s		/* Requests one event added */
{
  int64_t	first, last,		/* Their ids */
		event;			/* The event */
  char		sealed[65];		/* Its rows_sha256, "" for an event before schema 5 */
} vimport_t;

struct verify_requests_s		/* State of the requests' replay */
{
  vimport_t	*imports;		/* Request ids added by request.import and .reprint events */
  size_t	nimports, aimports;
  size_t	import_next;		/* Range the next request id should be in */
  size_t	row_next;		/* Range of the next request row checked */
  request_seal_t seal;			/* Running seal of that range's rows */
  int64_t	requests;		/* Request rows met */
  unsigned char	*photos_ok;		/* Bit per photo id whose bytes were checked */
  size_t	photos_alloc;		/* Bytes of photos_ok */

  char		(*rq_state)[12];	/* Request states the events make, by id */
  char		**rq_serial;		/* Serial a print event bound it to */
  char		(*rq_issue)[12];	/* Issue date it gave, "?" when the event is too old to say */
  size_t	rq_alloc;
};


/* Remember the range of request ids a request.import event added (a
 * request.reprint adds one, its new copy). */
static void
replay_import(verify_t *v,		/* I - Verification */
              json_t   *d)		/* I - The event's detail, or NULL */
{
  verify_requests_t	*rs = v->requests;
  json_int_t		added = 0, first = 0, last = 0;
  const char		*sealed;

  if (v->cur_kind == EV_REQUEST_REPRINT)
  {
    if (d && !json_unpack(d, "{s:I}", "new", &first))
    {
      added = 1;
      last = first;
    }
    else
      d = NULL;
  }
  else if (d && json_unpack(d, "{s:I,s:I,s:I}", "added", &added, "first", &first, "last", &last))
    d = NULL;
  if (d == NULL || added < 1 || first < 1 || last - first + 1 != added)
  {
    verifyFail(v, v->cur.id, _("event %" PRId64 " has unreadable detail"), v->cur.id);
    return;
  }
  sealed = json_string_value(json_object_get(d, "rows_sha256")) ?: "";
  if (*sealed && strlen(sealed) != 64)
  {
    verifyFail(v, v->cur.id, _("event %" PRId64 " has unreadable detail"), v->cur.id);
    return;
  }
  if (rs->nimports && first <= rs->imports[rs->nimports - 1].last)
  {
    verifyFail(v, v->cur.id, _("event %" PRId64 " claims card requests an earlier import added"), v->cur.id);
    return;
  }
  if (rs->nimports == rs->aimports)
  {
    size_t	n = rs->aimports ? 2 * rs->aimports : 64;
    void	*more = realloc(rs->imports, n * sizeof(rs->imports[0]));

    if (!more)
    {
      verifyFail(v, 0, "%s", i18nNoMemory());
      return;
    }
    rs->imports = more;
    rs->aimports = n;
  }
  rs->imports[rs->nimports] = (vimport_t){ first, last, v->cur.id, "" };
  memcpy(rs->imports[rs->nimports ++].sealed, sealed, strlen(sealed) + 1);
}


/* Check that a stored request was added by an import event (ids come in
 * order, as do the imports' ranges). */
static int
check_request(void    *ctx,		/* I - verify_t */
              int64_t id)		/* I - Request id */
{
  verify_t		*v = ctx;
  verify_requests_t	*rs = v->requests;

  rs->requests ++;
  while (rs->import_next < rs->nimports && id > rs->imports[rs->import_next].last)
    rs->import_next ++;
  if (rs->import_next == rs->nimports || id < rs->imports[rs->import_next].first)
    return (verifyFail(v, 0, _("card request #%" PRId64 " was not added by any import event"), id));
  return (0);
}


/* Set the state (and serial and issue date) the events give request id;
 * issue_date NULL when the event is too old to hold it. */
static void
request_set(verify_t   *v,		/* I - Verification */
            int64_t    id,		/* I - Request */
            const char *state,		/* I - Its state */
            const char *serial,		/* I - Serial bound to it, or NULL */
            const char *issue_date)	/* I - Issue date ("" for none), or NULL */
{
  verify_requests_t	*rs = v->requests;

  if (id < 1)
    return;
  if ((size_t)id >= rs->rq_alloc)
  {
    size_t	n = (size_t)id * 2 + 64;
    void	*a = realloc(rs->rq_state, n * sizeof(rs->rq_state[0])),
		*b = a ? realloc(rs->rq_serial, n * sizeof(char *)) : NULL,
		*c = b ? realloc(rs->rq_issue, n * sizeof(rs->rq_issue[0])) : NULL;

    if (a)
      rs->rq_state = a;
    if (b)
      rs->rq_serial = b;
    if (!a || !b || !c)
    {
      verifyFail(v, 0, "%s", i18nNoMemory());
      return;
    }
    rs->rq_issue = c;
    memset(rs->rq_state + rs->rq_alloc, 0, (n - rs->rq_alloc) * sizeof(rs->rq_state[0]));
    memset(rs->rq_serial + rs->rq_alloc, 0, (n - rs->rq_alloc) * sizeof(char *));
    memset(rs->rq_issue + rs->rq_alloc, 0, (n - rs->rq_alloc) * sizeof(rs->rq_issue[0]));
    rs->rq_alloc = n;
  }
  snprintf(rs->rq_state[id], sizeof(rs->rq_state[id]), "%s", state);
  free(rs->rq_serial[id]);
  rs->rq_serial[id] = serial ? strdup(serial) : NULL;
  snprintf(rs->rq_issue[id], sizeof(rs->rq_issue[id]), "%s", issue_date ? issue_date : "?");
}


/* Take request id through an event with its state machine (stateRequest),
 * setting the serial and issue date the event gives it; the first refusal
 * is the problem. */
static void
request_step(verify_t   *v,		/* I - Verification */
             int64_t    id,		/* I - Request */
             event_id_t event,		/* I - The event, as the machine knows it */
             bool       printed,	/* I - print.resolve: resolved as printed? */
             const char *serial,	/* I - Serial bound to it, or NULL */
             const char *issue_date)	/* I - Issue date ("" for none), or NULL */
{
  verify_requests_t	*rs = v->requests;
  const char		*state = id >= 1 && (size_t)id < rs->rq_alloc ? rs->rq_state[id] : "", *to, *why;

  if (id < 1)
    return;
  if ((to = stateRequest(state, event, printed, &why)) == NULL)
    verifyFail(v, v->cur.id, _("event %" PRId64 " (%s) does not fit card request #%" PRId64 ", which is %s: %s"),
               v->cur.id, v->cur.kind, id, *state ? state : _("unknown"), _(why));
  else
    request_set(v, id, to, serial, issue_date);
}


/* Replay what the events say of requests: the state each must be in. */
static void
replay_request_state(verify_t *v,	/* I - Verification */
                     json_t   *d)	/* I - The event's detail, or NULL */
{
  verify_requests_t	*rs = v->requests;
  event_id_t		k = v->cur_kind;
  json_int_t		id = 0, nid = 0, first = 0, last = 0;
  const char		*serial, *issued, *outcome;
  bool			printed;

  if (v->failed || !d)
    return;
  json_unpack(d, "{s?I,s?I,s?I,s?I}", "request", &id, "new", &nid, "first", &first, "last", &last);
  serial = json_string_value(json_object_get(d, "serial"));
  issued = json_string_value(json_object_get(d, "issue_date"));	/* NULL before schema 5 */
  outcome = json_string_value(json_object_get(d, "outcome")) ?: "";
  printed = k == EV_PRINT_ISSUED || (k == EV_PRINT_RESOLVE && !strcmp(outcome, "resolved-printed"));
  if (k == EV_REQUEST_IMPORT)
    for (json_int_t i = first; i >= 1 && i <= last && !v->failed; i ++)
      request_step(v, i, k, false, NULL, "");
  else if (k == EV_REQUEST_REPRINT)
  {
    const char *kept = (size_t)id < rs->rq_alloc ? rs->rq_issue[id] : "?";
    char	copy[12];

    snprintf(copy, sizeof(copy), "%s", kept);	/* A superseded card keeps its date */
    request_step(v, id, k, false, serial, copy);
    if (!v->failed)
      request_step(v, nid, EV_REQUEST_IMPORT, false, NULL, "");	/* Its copy, made as an import's rows */
  }
  else
    request_step(v, id, k, printed, printed ? serial : NULL, printed ? issued : "");
}


/* Has the photo of this id had its bytes checked?  (mark it so) */
static bool
photo_checked(verify_t *v,		/* I - Verification */
              int64_t  id)		/* I - Photo id */
{
  verify_requests_t	*rs = v->requests;
  size_t byte = (size_t)id / 8;

  if (byte >= rs->photos_alloc)
  {
    size_t		n = byte * 2 + 64;
    unsigned char	*more = realloc(rs->photos_ok, n);

    if (!more)
      abort();				/* As node_new */
    memset(more + rs->photos_alloc, 0, n - rs->photos_alloc);
    rs->photos_ok = more;
    rs->photos_alloc = n;
  }
  if (rs->photos_ok[byte] & (1 << (id % 8)))
    return (true);
  rs->photos_ok[byte] |= (unsigned char)(1 << (id % 8));
  return (false);
}


/* Check a stored request's digest against the seal of the event that made
 * it: the row's own digest names the row; the running seal over its
 * event's rows catches a digest recomputed behind the program's back. */
static int
check_request_digest(verify_t                  *v,	/* I - Verification */
                     const store_request_row_t *row)	/* I - Stored request */
{
  verify_requests_t	*rs = v->requests;
  vimport_t	*im;
  char		digest[65], sealed[65];
  int64_t	id = row->r.id;

  while (rs->row_next < rs->nimports && id > rs->imports[rs->row_next].last)
    rs->row_next ++;
  if (rs->row_next == rs->nimports || id < rs->imports[rs->row_next].first)
    return (0);				/* storeRequestIds named it already */
  im = rs->imports + rs->row_next;
  if (!im->sealed[0])
    return (0);				/* Made before schema 5: not covered */
  requestDigest(&row->r, digest);
  if (strcmp(digest, row->digest))
    return (verifyFail(v, 0, _("card request #%" PRId64 " differs from what event %" PRId64 " sealed (its NIK, name, "
                         "template, fields, photo, supersedes, reason, recorded day or category was changed)"), id, im->event));
  if (!rs->seal.md && !requestSealBegin(&rs->seal))	/* Begun at the range's first row */
    return (verifyFail(v, 0, "%s", i18nNoMemory()));
  requestSealAdd(&rs->seal, digest);
  if (id == im->last)
  {
    requestSealEnd(&rs->seal, sealed);
    if (strcmp(sealed, im->sealed))
      return (verifyFail(v, 0, _("card requests #%" PRId64 "-#%" PRId64 " differ from what event %" PRId64 " sealed"),
                   im->first, im->last, im->event));
  }
  return (0);
}


/*
 * Check one stored request, in id order: its photo (there, and its bytes
 * those of its SHA-256), its digest, and its state, serial and issue date
 * against the events.  A printed request must be bound to the serial and
 * date a print event gave it, and no state may be set behind the
 * program's back.  superseded is derived from the rows: a request is
 * superseded exactly when another request supersedes it (an import's
 * --replace supersedes requests without naming them in its event; the
 * row that replaces it is covered by that event's seal).
 */

static int
check_request_row(void                      *ctx,	/* I - verify_t */
                  const store_request_row_t *row)	/* I - Stored request */
{
  verify_t	*v = ctx;
  verify_requests_t	*rs = v->requests;
  int64_t	id = row->r.id;
  const char	*state = row->r.state, *serial = row->r.serial, *issued = row->r.issue_date;
  const char	*want = (size_t)id < rs->rq_alloc ? rs->rq_state[id] : "";
  const char	*wserial = (size_t)id < rs->rq_alloc && rs->rq_serial[id] ? rs->rq_serial[id] : "";
  const char	*wissued = (size_t)id < rs->rq_alloc ? rs->rq_issue[id] : "";
  char		sha[65], have[96];

  if (row->photo_id && !row->photo_found)
    return (verifyFail(v, 0, _("card request #%" PRId64 ": its photo (photo %" PRId64 ") is missing"), id, row->photo_id));
  if (row->photo_id && !photo_checked(v, row->photo_id))
  {
    invRequestPhotoDigest(row->r.photo, row->r.photo_len, sha);
    if (strcmp(sha, row->r.photo_sha256))
      return (verifyFail(v, 0, _("card request #%" PRId64 ": the bytes of its photo (photo %" PRId64 ") do not match their SHA-256"),
                   id, row->photo_id));
  }
  if (check_request_digest(v, row))
    return (1);

  if (row->r.superseded_by && strcmp(want, "submitted") && strcmp(want, "suspect"))
    want = "superseded";
  else if (!strcmp(state, "superseded") && !row->r.superseded_by)
    return (verifyFail(v, 0, _("card request #%" PRId64 " is superseded, but no request replaces it"), id));
  if (strcmp(state, want))
    return (verifyFail(v, 0, _("card request #%" PRId64 " is %s, but its events make it %s"), id, state, *want ? want : "unknown"));
  if (strcmp(serial, wserial))
    return (verifyFail(v, 0, _("card request #%" PRId64 " is bound to serial %s, but its events bind it to %s"), id,
                 *serial ? serial : "none", *wserial ? wserial : "none"));
  if (strcmp(wissued, "?") && strcmp(issued, wissued))
    return (verifyFail(v, 0, _("card request #%" PRId64 ": issue_date is \"%s\", but its events make it \"%s\""), id,
                 verifyShown(issued, have, sizeof(have)), wissued));
  return (0);
}


/* Start the requests' replay; false when memory runs out. */
bool
verifyRequestsNew(verify_t *v)		/* I - Verification */
{
  return ((v->requests = calloc(1, sizeof(verify_requests_t))) != NULL);
}


/* Replay an event that makes or changes card requests. */
void
verifyRequestsReplay(verify_t *v,	/* I - Verification */
                     json_t   *d)	/* I - The event's detail, or NULL */
{
  if (v->cur_kind == EV_REQUEST_IMPORT || v->cur_kind == EV_REQUEST_REPRINT)
    replay_import(v, d);
  replay_request_state(v, d);
}


/* Check that every stored request was added by an import event, and
 * that the imports added as many as are stored. */
inv_status_t
verifyRequestsCheckIds(verify_t *v)	/* I - Verification */
{
  verify_requests_t	*rs = v->requests;
  inv_status_t		status;
  int64_t		added = 0;

  if ((status = storeRequestIds(v->db, check_request, v)) != INV_OK || v->failed)
    return (status);
  for (size_t i = 0; i < rs->nimports; i ++)
    added += rs->imports[i].last - rs->imports[i].first + 1;
  if (added != rs->requests)
    verifyFail(v, 0, _("import events added %" PRId64 " card requests; %" PRId64 " are stored"), added, rs->requests);
  return (INV_OK);
}


/* Check every stored request row: photo, digest, state, serial, date. */
inv_status_t
verifyRequestsCheckRows(verify_t *v)	/* I - Verification */
{
  return (storeRequestRows(v->db, check_request_row, v));
}


/* Free the requests' replay. */
void
verifyRequestsFree(verify_t *v)		/* I - Verification */
{
  verify_requests_t	*rs = v->requests;
  char			dummy[65];

  if (!rs)
    return;
  if (rs->seal.md)
    requestSealEnd(&rs->seal, dummy);
  free(rs->photos_ok);
  free(rs->rq_issue);
  free(rs->imports);
  for (size_t i = 0; i < rs->rq_alloc; i ++)
    free(rs->rq_serial[i]);
  free(rs->rq_serial);
  free(rs->rq_state);
  free(rs);
  v->requests = NULL;
}
