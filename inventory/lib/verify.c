/*
 * Verification: replay every event from an empty ledger.
 *
 * verify recomputes each event's hash from its stored columns and
 * movements and checks the chain link; replays every movement into an
 * in-memory map of ranges (a red-black tree from libbsd), checking that
 * each source held what it gave and that no serial was received twice;
 * and finally compares the replayed holdings, balances, accounts and users
 * with what the tables say, and so the card requests, printers and print
 * jobs that the print events make.  The first problem is reported and ends
 * the check.
 *
 * Card requests hold personal data, which events never do: an event that
 * makes requests seals the SHA-256 of their digests (rows_sha256, see
 * requestDigest in request.c), and verify recomputes every row's digest,
 * checks its photo's bytes against the photo's SHA-256 and replays the
 * rest of its life (state, serial, issue_date) from the events.  Rows made
 * by events written before schema 5 carry no seal and are not covered.
 */

#include "chain-private.h"
#include "names-private.h"
#include "print-private.h"
#include "blanko/i18n.h"
#include "blanko/print.h"

#ifndef __unused				/* libbsd's tree.h expects BSD's cdefs */
#  define __unused __attribute__((unused))
#endif
#include <bsd/sys/tree.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>


/*
 * The replayed holdings: disjoint ranges ordered by (series, first).
 */

typedef struct range_node_s
{
  RB_ENTRY(range_node_s) entry;
  int64_t	series, first, last, account;
} range_node_t;

static int
range_node_cmp(range_node_t *a, range_node_t *b)
{
  if (a->series != b->series)
    return (a->series < b->series ? -1 : 1);
  return (a->first < b->first ? -1 : a->first > b->first);
}

RB_HEAD(range_tree_s, range_node_s);
RB_GENERATE_STATIC(range_tree_s, range_node_s, entry, range_node_cmp)

typedef struct vaccount_s		/* An account as stored and as replayed */
{
  const store_account_t *stored;	/* id, code, kind, balance */
  int64_t	replayed;		/* Balance from the replay */
  bool		declared;		/* Made by an event? */
  char		*declared_kind;		/* Its kind in that event */
  char		*declared_name;		/* Its name there, NULL when the event has none */
} vaccount_t;

typedef struct vuser_s
{
  char		*name;
  unsigned	roles;
} vuser_t;

typedef struct vprinter_s		/* A printer as its events make it */
{
  char		*name, *queue, *location, *hopper, *state, *reason;
  int64_t	added;			/* Event that added it, 0 once removed */
  bool		stored;			/* Met in the printer table? */
} vprinter_t;

typedef struct vjob_s			/* A print job as its events make it */
{
  int64_t	made,			/* First event naming it, 0 for no job */
		request,
		cups_job,		/* cups_job_id */
		canceled;		/* canceled_cups_id */
  char		serial[INV_SERIAL_MAX],
		printer[INV_PRINTER_NAME_MAX + 1],
		outcome[24];		/* As print.c keeps it (inv_print_job_t) */
  const char	*state;			/* intent, submitted, suspect, done */
  char		*reason;		/* As print.c keeps it, NULL for "" */
  char		issue_date[12];		/* From print.intent, "?" when it is too old to hold it */
  bool		stored;			/* Met in the print_job table? */
} vjob_t;

_Static_assert(sizeof(((vjob_t *)0)->outcome) == sizeof(((inv_print_job_t *)0)->outcome) &&
               sizeof(((vjob_t *)0)->serial) == sizeof(((inv_print_job_t *)0)->serial) &&
               sizeof(((vjob_t *)0)->printer) == sizeof(((inv_print_job_t *)0)->printer),
               "a replayed job keeps what print.c keeps");

typedef struct vimport_s		/* Requests one event added */
{
  int64_t	first, last,		/* Their ids */
		event;			/* The event */
  char		sealed[65];		/* Its rows_sha256, "" for an event before schema 5 */
} vimport_t;

typedef struct verify_s			/* State of one verification */
{
  inv_db_t	*db;
  inv_verify_t	*result;
  inv_progress_cb_t progress;
  void		*progress_ctx;
  int64_t	total;			/* Events expected, for progress */

  struct range_tree_s tree;
  range_node_t	*free_nodes;		/* Recycled nodes */
  inv_names_t	names;			/* Accounts and series as stored */
  vaccount_t	*accounts;		/* Replay state, by names.accounts index */
  vuser_t	*users;			/* Users made by events */
  size_t	nusers;

  store_event_row_t cur;		/* Event being gathered */
  char		cur_text[9][256];	/* Short copies of its columns */
  char		*cur_detail;
  chain_move_t	*moves;			/* Its movements */
  size_t	nmoves, amoves;
  int64_t	rows_seen;		/* Movement rows met */

  vimport_t	*imports;		/* Request ids added by request.import and .reprint events */
  size_t	nimports, aimports;
  size_t	import_next;		/* Range the next request id should be in */
  size_t	row_next;		/* Range of the next request row checked */
  request_seal_t seal;			/* Running seal of that range's rows */
  int64_t	requests;		/* Request rows met */
  unsigned char	*photos_ok;		/* Bit per photo id whose bytes were checked */
  size_t	photos_alloc;		/* Bytes of photos_ok */

  char		(*rq_state)[12];	/* Request states the print events imply, by id */
  char		**rq_serial;		/* Serial a print event bound it to */
  char		(*rq_issue)[12];	/* Issue date it gave, "?" when the event is too old to say */
  size_t	rq_alloc;

  char		missing[128];		/* First account an event made that is not stored */
  int64_t	missing_event;		/* That event */

  vprinter_t	*printers;		/* Printers the events made, removed ones too */
  size_t	nprinters;
  vjob_t	*jobs;			/* Print jobs the events made, by id */
  size_t	jobs_alloc;

  char		head[65];		/* Hash of the last good event */
  int64_t	last_id;
  bool		failed;
} verify_t;


/* Report the first problem; later ones are ignored.  Stored values in it
 * may be anything someone wrote behind the program's back: control
 * characters and what is not UTF-8 become '?' (invTextSafe), so the
 * problem stays one line. */
static int
fail(verify_t   *v,			/* I - Verify state */
     int64_t    event,			/* I - Event at fault, or 0 */
     const char *format,		/* I - printf-style message */
     ...)				/* I - Its arguments */
{
  va_list	ap;

  if (v->failed)
    return (1);
  v->failed = true;
  v->result->bad_event = event;
  va_start(ap, format);
  vsnprintf(v->result->problem, sizeof(v->result->problem), format, ap);
  va_end(ap);
  invTextSafe(v->result->problem, v->result->problem, sizeof(v->result->problem));
  return (1);
}


/* Find an account by id or code. */
static vaccount_t *
account_by_id(verify_t *v, int64_t id)
{
  const store_account_t *a = namesAccount(&v->names, id);

  return (a ? v->accounts + (a - v->names.accounts) : NULL);
}

static vaccount_t *
account_by_code(verify_t *v, const char *code)
{
  for (size_t i = 0; i < v->names.naccounts; i ++)
    if (!strcmp(v->names.accounts[i].code, code))
      return (v->accounts + i);
  return (NULL);
}


/* Allocate a tree node. */
static range_node_t *
node_new(verify_t *v, int64_t series, int64_t first, int64_t last, int64_t account)
{
  range_node_t *n = v->free_nodes;

  if (n)
    v->free_nodes = *(range_node_t **)n;
  else if ((n = malloc(sizeof(range_node_t))) == NULL)
    abort();
  n->series = series;
  n->first = first;
  n->last = last;
  n->account = account;
  RB_INSERT(range_tree_s, &v->tree, n);
  return (n);
}

static void
node_free(verify_t *v, range_node_t *n)
{
  RB_REMOVE(range_tree_s, &v->tree, n);
  *(range_node_t **)n = v->free_nodes;
  v->free_nodes = n;
}


/* The node holding serial number x of a series, or NULL. */
static range_node_t *
node_containing(verify_t *v, int64_t series, int64_t x)
{
  range_node_t key, *n;

  key.series = series;
  key.first = x;
  n = RB_NFIND(range_tree_s, &v->tree, &key);
  if (n && n->series == series && n->first == x)
    return (n);
  n = n ? RB_PREV(range_tree_s, &v->tree, n) : RB_MAX(range_tree_s, &v->tree);
  return (n && n->series == series && n->first <= x && n->last >= x ? n : NULL);
}


/* Replay one movement; false (with the problem recorded) if it breaks a rule. */
static bool
replay_move(verify_t *v, const chain_move_t *m, vaccount_t *from, vaccount_t *to)
{
  int64_t	s = m->row.series, a = m->row.first, b = m->row.last, x;
  range_node_t	*n, *left, *right;
  char		serial[INV_SERIAL_MAX];

  if (!strcmp(from->stored->kind, "supplier"))
  {
    range_node_t key = { .series = s, .first = a };

    n = node_containing(v, s, a);
    if (!n && (n = RB_NFIND(range_tree_s, &v->tree, &key)) != NULL && (n->series != s || n->first > b))
      n = NULL;
    if (n)
    {
      fail(v, v->cur.id, _("event %" PRId64 " receives serial %s, which was received before"), v->cur.id,
           invSerialFormat(m->prefix, m->width, n->first > a ? n->first : a, serial, sizeof(serial)));
      return (false);
    }
  }
  else
  {
    for (x = a; x <= b; x = n->last + 1)
      if ((n = node_containing(v, s, x)) == NULL || n->account != from->stored->id)
      {
        fail(v, v->cur.id, _("event %" PRId64 " moves serial %s from %s, which did not hold it"), v->cur.id,
             invSerialFormat(m->prefix, m->width, x, serial, sizeof(serial)), from->stored->code);
        return (false);
      }

    /* Cut the source's nodes, keeping what lies outside [a, b]. */
    for (x = a; x <= b;)
    {
      range_node_t old;

      n = node_containing(v, s, x);
      old = *n;
      node_free(v, n);
      if (old.first < a)
        node_new(v, s, old.first, a - 1, old.account);
      if (old.last > b)
        node_new(v, s, b + 1, old.last, old.account);
      x = old.last + 1;
    }
    from->replayed -= b - a + 1;
  }

  /* Add to the destination, merged with its neighbours. */
  left = a > 0 ? node_containing(v, s, a - 1) : NULL;
  right = node_containing(v, s, b + 1);
  if (right && right->account == to->stored->id && right->first == b + 1)
  {
    b = right->last;
    node_free(v, right);
  }
  if (left && left->account == to->stored->id)
    left->last = b;
  else
    node_new(v, s, a, b, to->stored->id);
  to->replayed += m->row.last - m->row.first + 1;
  return (true);
}


/* Remember the range of request ids a request.import event added. */
static void
replay_import(verify_t *v)
{
  json_t	*d;
  json_int_t	added, first, last;
  const char	*sealed;

  if (v->failed || (strcmp(v->cur.kind, "request.import") && strcmp(v->cur.kind, "request.reprint")))
    return;
  if (!strcmp(v->cur.kind, "request.reprint") && (d = json_loads(v->cur.detail, 0, NULL)) != NULL &&
      !json_unpack(d, "{s:I}", "new", &first))
  {
    json_object_set_new(d, "added", json_integer(1));
    json_object_set_new(d, "first", json_integer(first));
    json_object_set_new(d, "last", json_integer(first));
  }
  else if (strcmp(v->cur.kind, "request.import"))
    d = NULL;
  else
    d = json_loads(v->cur.detail, 0, NULL);
  if (d == NULL ||
      json_unpack(d, "{s:I,s:I,s:I}", "added", &added, "first", &first, "last", &last) ||
      added < 1 || first < 1 || last - first + 1 != added)
  {
    json_decref(d);
    fail(v, v->cur.id, _("event %" PRId64 " has unreadable detail"), v->cur.id);
    return;
  }
  sealed = json_string_value(json_object_get(d, "rows_sha256")) ?: "";
  if (*sealed && strlen(sealed) != 64)
  {
    json_decref(d);
    fail(v, v->cur.id, _("event %" PRId64 " has unreadable detail"), v->cur.id);
    return;
  }
  if (v->nimports && first <= v->imports[v->nimports - 1].last)
  {
    json_decref(d);
    fail(v, v->cur.id, _("event %" PRId64 " claims card requests an earlier import added"), v->cur.id);
    return;
  }
  if (v->nimports == v->aimports)
  {
    size_t	n = v->aimports ? 2 * v->aimports : 64;
    void	*more = realloc(v->imports, n * sizeof(v->imports[0]));

    if (!more)
    {
      json_decref(d);
      fail(v, 0, "%s", i18nNoMemory());
      return;
    }
    v->imports = more;
    v->aimports = n;
  }
  v->imports[v->nimports] = (vimport_t){ first, last, v->cur.id, "" };
  memcpy(v->imports[v->nimports ++].sealed, sealed, strlen(sealed) + 1);
  json_decref(d);
}


/* Check that a stored request was added by an import event (ids come in
 * order, as do the imports' ranges). */
static int
check_request(void    *ctx,		/* I - verify_t */
              int64_t id)		/* I - Request id */
{
  verify_t *v = ctx;

  v->requests ++;
  while (v->import_next < v->nimports && id > v->imports[v->import_next].last)
    v->import_next ++;
  if (v->import_next == v->nimports || id < v->imports[v->import_next].first)
    return (fail(v, 0, _("card request #%" PRId64 " was not added by any import event"), id));
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
  if (id < 1)
    return;
  if ((size_t)id >= v->rq_alloc)
  {
    size_t	n = (size_t)id * 2 + 64;
    void	*a = realloc(v->rq_state, n * sizeof(v->rq_state[0])),
		*b = a ? realloc(v->rq_serial, n * sizeof(char *)) : NULL,
		*c = b ? realloc(v->rq_issue, n * sizeof(v->rq_issue[0])) : NULL;

    if (a)
      v->rq_state = a;
    if (b)
      v->rq_serial = b;
    if (!a || !b || !c)
    {
      fail(v, 0, "%s", i18nNoMemory());
      return;
    }
    v->rq_issue = c;
    memset(v->rq_state + v->rq_alloc, 0, (n - v->rq_alloc) * sizeof(v->rq_state[0]));
    memset(v->rq_serial + v->rq_alloc, 0, (n - v->rq_alloc) * sizeof(char *));
    memset(v->rq_issue + v->rq_alloc, 0, (n - v->rq_alloc) * sizeof(v->rq_issue[0]));
    v->rq_alloc = n;
  }
  snprintf(v->rq_state[id], sizeof(v->rq_state[id]), "%s", state);
  free(v->rq_serial[id]);
  v->rq_serial[id] = serial ? strdup(serial) : NULL;
  snprintf(v->rq_issue[id], sizeof(v->rq_issue[id]), "%s", issue_date ? issue_date : "?");
}


/* Replay what print events say of requests: the state each must be in. */
static void
replay_request_state(verify_t *v,	/* I - Verification */
                     json_t   *d)	/* I - The event's detail, or NULL */
{
  const char	*k = v->cur.kind, *outcome;
  json_int_t	id = 0, nid = 0, first = 0, last = 0;
  const char	*serial, *issued;

  if (v->failed || !d || (strncmp(k, "print.", 6) && strncmp(k, "request.", 8) && strcmp(k, "card.spoil")))
    return;
  json_unpack(d, "{s?I,s?I,s?I,s?I}", "request", &id, "new", &nid, "first", &first, "last", &last);
  serial = json_string_value(json_object_get(d, "serial"));
  issued = json_string_value(json_object_get(d, "issue_date"));	/* NULL before schema 5 */
  outcome = json_string_value(json_object_get(d, "outcome")) ?: "";
  if (!strcmp(k, "request.import"))
    for (json_int_t i = first; i >= 1 && i <= last; i ++)
      request_set(v, i, "pending", NULL, "");
  else if (!strcmp(k, "print.intent"))
    request_set(v, id, "submitted", NULL, "");
  else if (!strcmp(k, "print.issued") || (!strcmp(k, "print.resolve") && !strcmp(outcome, "resolved-printed")))
    request_set(v, id, "printed", serial, issued);
  else if (!strcmp(k, "print.spoiled") || !strcmp(k, "print.unsent") || !strcmp(k, "print.resolve") ||
           !strcmp(k, "card.spoil"))
    request_set(v, id, "pending", NULL, "");
  else if (!strcmp(k, "print.suspect"))
    request_set(v, id, "suspect", NULL, "");
  else if (!strcmp(k, "request.cancel"))
    request_set(v, id, "cancelled", NULL, "");
  else if (!strcmp(k, "request.reprint"))
  {
    const char *kept = (size_t)id < v->rq_alloc ? v->rq_issue[id] : "?";
    char	copy[12];

    snprintf(copy, sizeof(copy), "%s", kept);	/* A superseded card keeps its date */
    request_set(v, id, "superseded", serial, copy);
    request_set(v, nid, "pending", NULL, "");
  }
}


/* A stored value cut to 80 bytes for a message (fail() makes it one line). */
static const char *
shown(const char *s,			/* I - Stored value */
      char       *buf,			/* O - Buffer */
      size_t     size)			/* I - Its size, more than 84 */
{
  size_t len = strlen(s);

  snprintf(buf, size, "%.80s%s", s, len > 80 ? "..." : "");
  return (buf);
}


/* Has the photo of this id had its bytes checked?  (mark it so) */
static bool
photo_checked(verify_t *v,		/* I - Verification */
              int64_t  id)		/* I - Photo id */
{
  size_t byte = (size_t)id / 8;

  if (byte >= v->photos_alloc)
  {
    size_t		n = byte * 2 + 64;
    unsigned char	*more = realloc(v->photos_ok, n);

    if (!more)
      abort();				/* As node_new */
    memset(more + v->photos_alloc, 0, n - v->photos_alloc);
    v->photos_ok = more;
    v->photos_alloc = n;
  }
  if (v->photos_ok[byte] & (1 << (id % 8)))
    return (true);
  v->photos_ok[byte] |= (unsigned char)(1 << (id % 8));
  return (false);
}


/* Check a stored request's digest against the seal of the event that made
 * it: the row's own digest names the row; the running seal over its
 * event's rows catches a digest recomputed behind the program's back. */
static int
check_request_digest(verify_t                  *v,	/* I - Verification */
                     const store_request_row_t *row)	/* I - Stored request */
{
  vimport_t	*im;
  char		digest[65], sealed[65];
  int64_t	id = row->r.id;

  while (v->row_next < v->nimports && id > v->imports[v->row_next].last)
    v->row_next ++;
  if (v->row_next == v->nimports || id < v->imports[v->row_next].first)
    return (0);				/* storeRequestIds named it already */
  im = v->imports + v->row_next;
  if (!im->sealed[0])
    return (0);				/* Made before schema 5: not covered */
  requestDigest(&row->r, digest);
  if (strcmp(digest, row->digest))
    return (fail(v, 0, _("card request #%" PRId64 " differs from what event %" PRId64 " sealed (its NIK, name, "
                         "template, fields, photo, supersedes or reason was changed)"), id, im->event));
  if (!v->seal.md && !requestSealBegin(&v->seal))	/* Begun at the range's first row */
    return (fail(v, 0, "%s", i18nNoMemory()));
  requestSealAdd(&v->seal, digest);
  if (id == im->last)
  {
    requestSealEnd(&v->seal, sealed);
    if (strcmp(sealed, im->sealed))
      return (fail(v, 0, _("card requests #%" PRId64 "-#%" PRId64 " differ from what event %" PRId64 " sealed"),
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
  int64_t	id = row->r.id;
  const char	*state = row->r.state, *serial = row->r.serial, *issued = row->r.issue_date;
  const char	*want = (size_t)id < v->rq_alloc ? v->rq_state[id] : "";
  const char	*wserial = (size_t)id < v->rq_alloc && v->rq_serial[id] ? v->rq_serial[id] : "";
  const char	*wissued = (size_t)id < v->rq_alloc ? v->rq_issue[id] : "";
  char		sha[65], have[96];

  if (row->photo_id && !row->photo_found)
    return (fail(v, 0, _("card request #%" PRId64 ": its photo (photo %" PRId64 ") is missing"), id, row->photo_id));
  if (row->photo_id && !photo_checked(v, row->photo_id))
  {
    invRequestPhotoDigest(row->r.photo, row->r.photo_len, sha);
    if (strcmp(sha, row->r.photo_sha256))
      return (fail(v, 0, _("card request #%" PRId64 ": the bytes of its photo (photo %" PRId64 ") do not match their SHA-256"),
                   id, row->photo_id));
  }
  if (check_request_digest(v, row))
    return (1);

  if (row->r.superseded_by && strcmp(want, "submitted") && strcmp(want, "suspect"))
    want = "superseded";
  else if (!strcmp(state, "superseded") && !row->r.superseded_by)
    return (fail(v, 0, _("card request #%" PRId64 " is superseded, but no request replaces it"), id));
  if (strcmp(state, want))
    return (fail(v, 0, _("card request #%" PRId64 " is %s, but its events make it %s"), id, state, *want ? want : "unknown"));
  if (strcmp(serial, wserial))
    return (fail(v, 0, _("card request #%" PRId64 " is bound to serial %s, but its events bind it to %s"), id,
                 *serial ? serial : "none", *wserial ? wserial : "none"));
  if (strcmp(wissued, "?") && strcmp(issued, wissued))
    return (fail(v, 0, _("card request #%" PRId64 ": issue_date is \"%s\", but its events make it \"%s\""), id,
                 shown(issued, have, sizeof(have)), wissued));
  return (0);
}


/*
 * Printers and print jobs.  The printer and print_job rows are rebuilt
 * from the events print.c writes (see blanko/print.h) and compared with
 * the tables, column by column:
 *
 *   printer    name, queue, location and hopper (printer.add); removal
 *              (printer.remove); state and reason, which printer.pause and
 *              printer.resume hold, and which printer.check and
 *              print.suspect imply: print.c sets them there without an
 *              event of their own, from what those events hold.
 *   print_job  id, request_id, serial and printer (every job event holds
 *              them); state (the event's kind); outcome and reason (cut as
 *              print.c keeps them); cups_job_id (print.submitted sets it,
 *              print.resubmit clears it); canceled_cups_id (print.resubmit:
 *              the cups_job it holds, when not 0, is the CUPS job that the
 *              controller canceled.  The event does not name the canceled
 *              job apart: printctl passes the job's own CUPS id to
 *              invPrintResubmit, which is the one the event holds);
 *              issue_date (the local date when the intent was made, which
 *              job events hold since schema 5; that of a job made before
 *              is not checked: the event's time is UTC and the zone is not
 *              recorded).
 *
 * Not derivable, so not checked: printer.added, print_job.created and
 * print_job.updated (print.c reads the clock apart from the event's time).
 * The hopper's count is its account's balance, checked with the other
 * balances.
 */

/* Copy text into a buffer, cut to fit as snprintf would (cheaper than it,
 * for every job event). */
static void
text_copy(char       *dst,		/* O - Buffer */
          size_t     size,		/* I - Its size */
          const char *src)		/* I - Text */
{
  size_t n = strnlen(src, size - 1);

  memcpy(dst, src, n);
  dst[n] = '\0';
}


/* An integer as decimal text (cheaper than snprintf, for every job row);
 * returns buf. */
static const char *
int_text(int64_t v,			/* I - Value */
         char    buf[24])		/* O - Text */
{
  char		*p = buf + 23;
  uint64_t	u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

  *p = '\0';
  do
    *--p = (char)('0' + u % 10);
  while (u /= 10);
  if (v < 0)
    *--p = '-';
  return (p);
}


/* Replace text with a copy of at most max bytes of src ("" is kept as NULL). */
static void
text_set(char       **dst,		/* IO - Text */
         const char *src,		/* I - New text */
         size_t     max)		/* I - Most bytes kept */
{
  free(*dst);
  *dst = NULL;
  if (*src && (*dst = strndup(src, max)) == NULL)
    abort();				/* As node_new: nothing sane is left to do */
}


/* The replayed printer of a name, or NULL; with add, a new one (not yet
 * added) when there is none. */
static vprinter_t *
printer_find(verify_t   *v,		/* I - Verification */
             const char *name,		/* I - Printer name */
             bool       add)		/* I - Make one if it is not known? */
{
  vprinter_t *p;

  for (size_t i = 0; i < v->nprinters; i ++)
    if (!strcmp(v->printers[i].name, name))
      return (v->printers + i);
  if (!add)
    return (NULL);
  if ((p = realloc(v->printers, (v->nprinters + 1) * sizeof(vprinter_t))) == NULL)
    abort();
  v->printers = p;
  p += v->nprinters ++;
  memset(p, 0, sizeof(*p));
  text_set(&p->name, name, SIZE_MAX);
  return (p);
}


/* Set a replayed printer's state and reason. */
static void
printer_set_state(vprinter_t *p,	/* I - Printer */
                  const char *state,	/* I - running, paused, check-needed */
                  const char *reason)	/* I - Why, or "" */
{
  text_set(&p->state, state, SIZE_MAX);
  text_set(&p->reason, reason, SIZE_MAX);
}


/* Replay a printer.* event into its printer; false (the problem recorded)
 * when its detail lacks what its kind holds. */
static bool
replay_printer(verify_t   *v,		/* I - Verification */
               json_t     *d,		/* I - The event's detail */
               const char *name)	/* I - The printer it names */
{
  const char	*k = v->cur.kind, *queue, *location, *hopper, *state, *reason, *read, *expected;
  vprinter_t	*p = printer_find(v, name, !strcmp(k, "printer.add"));
  int		match;
  char		why[160];		/* As invPrinterCheck's */

  if (!strcmp(k, "printer.add"))
  {
    if (json_unpack(d, "{s:s,s:s,s:s}", "queue", &queue, "location", &location, "hopper", &hopper))
      return (false);
    text_set(&p->queue, queue, SIZE_MAX);
    text_set(&p->location, location, SIZE_MAX);
    text_set(&p->hopper, hopper, SIZE_MAX);
    printer_set_state(p, "running", "");	/* The table's defaults */
    p->added = v->cur.id;
  }
  else if (!p || !p->added)
    return (true);			/* No row for it to change */
  else if (!strcmp(k, "printer.remove"))
    p->added = 0;
  else if (!strcmp(k, "printer.pause") || !strcmp(k, "printer.resume"))
  {
    if (json_unpack(d, "{s:s,s:s}", "state", &state, "reason", &reason))
      return (false);
    printer_set_state(p, state, reason);
  }
  else if (!strcmp(k, "printer.check"))
  {
    if (json_unpack(d, "{s:s,s:s,s:b}", "read", &read, "expected", &expected, "match", &match))
      return (false);
    if (!match)
    {
      printReasonCheck(why, sizeof(why), read, expected);
      printer_set_state(p, "check-needed", why);
    }
    else if (p->state && !strcmp(p->state, "check-needed"))
      printer_set_state(p, "paused", PRINT_REASON_CHECKED);
  }
  return (true);
}


/* The replayed job of an id, the array grown to hold it; NULL for an id no
 * job can have (each job is made with an event, so ids stay below the
 * events'). */
static vjob_t *
job_at(verify_t   *v,			/* I - Verification */
       json_int_t id)			/* I - Job id */
{
  if (id < 1 || id > v->total)
    return (NULL);
  if ((size_t)id >= v->jobs_alloc)
  {
    size_t	n = (size_t)id * 2 + 64;
    vjob_t	*more;

    if (n > (size_t)v->total + 1)
      n = (size_t)v->total + 1;
    if ((more = realloc(v->jobs, n * sizeof(vjob_t))) == NULL)
      abort();
    memset(more + v->jobs_alloc, 0, (n - v->jobs_alloc) * sizeof(vjob_t));
    v->jobs = more;
    v->jobs_alloc = n;
  }
  return (v->jobs + id);
}


/* Replay a print.* event into its job (and its printer, for
 * print.suspect); false (the problem recorded) when its detail lacks
 * what every job event holds. */
static bool
replay_job(verify_t   *v,		/* I - Verification */
           json_t     *d,		/* I - The event's detail */
           const char *printer)		/* I - The printer it names */
{
  const char	*k = v->cur.kind, *serial = NULL, *outcome = NULL, *reason = NULL, *issued = NULL, *key;
  json_t	*value, *jid = NULL, *jrequest = NULL, *jcups = NULL;
  json_int_t	request, cups;
  vjob_t	*j;
  vprinter_t	*p;
  char		why[160];		/* As invPrintSuspect's */
  const size_t	reason_max = sizeof(((inv_print_job_t *)0)->reason) - 1;

  if (strcmp(k, "print.intent") && strcmp(k, "print.submitted") && strcmp(k, "print.resubmit") &&
      strcmp(k, "print.issued") && strcmp(k, "print.spoiled") && strcmp(k, "print.unsent") &&
      strcmp(k, "print.suspect") && strcmp(k, "print.resolve"))
    return (true);
  /* One pass over the detail's members: cheaper than a lookup of each (or
   * json_object_foreach, which looks each key up again), and this is every
   * job event */
  for (void *it = json_object_iter(d); it; it = json_object_iter_next(d, it))
  {
    key = json_object_iter_key(it);
    value = json_object_iter_value(it);
    if (!strcmp(key, "job"))
      jid = value;
    else if (!strcmp(key, "request"))
      jrequest = value;
    else if (!strcmp(key, "cups_job"))
      jcups = value;
    else if (!strcmp(key, "serial"))
      serial = json_string_value(value);
    else if (!strcmp(key, "reason"))
      reason = json_string_value(value);
    else if (!strcmp(key, "outcome"))
      outcome = json_string_value(value);
    else if (!strcmp(key, "issue_date"))
      issued = json_string_value(value);
  }
  if (!json_is_integer(jid) || !json_is_integer(jrequest) || !json_is_integer(jcups) || !serial ||
      (j = job_at(v, json_integer_value(jid))) == NULL)
    return (false);
  request = json_integer_value(jrequest);
  cups = json_integer_value(jcups);
  if (!strcmp(k, "print.intent"))
  {
    free(j->reason);
    memset(j, 0, sizeof(*j));
    text_copy(j->issue_date, sizeof(j->issue_date), issued ? issued : "?");
  }
  if (!j->made)
    j->made = v->cur.id;
  j->request = request;
  j->cups_job = cups;
  text_copy(j->serial, sizeof(j->serial), serial);
  text_copy(j->printer, sizeof(j->printer), printer);

  if (!strcmp(k, "print.intent"))
    j->state = "intent";
  else if (!strcmp(k, "print.submitted"))
    j->state = "submitted";
  else if (!strcmp(k, "print.resubmit"))
  {
    j->state = "intent";
    if (cups)
      j->canceled = cups;
    j->cups_job = 0;
  }
  else if (!strcmp(k, "print.suspect"))
  {
    if (!reason)
      return (false);
    j->state = "suspect";
    text_set(&j->reason, reason, reason_max);
    if ((p = printer_find(v, printer, false)) != NULL && p->added)
    {
      printReasonSuspect(why, sizeof(why), serial, reason);
      printer_set_state(p, "paused", why);
    }
  }
  else					/* issued, spoiled, unsent, resolve */
  {
    if (!outcome && !strcmp(k, "print.unsent"))
      outcome = "unsent";
    if (!outcome)
      return (false);
    j->state = "done";
    text_copy(j->outcome, sizeof(j->outcome), outcome);
    if (reason)				/* resolve --unused keeps the job's */
      text_set(&j->reason, reason, reason_max);
  }
  return (true);
}


/* Replay what printer and print job events say of the printer and
 * print_job rows. */
static void
replay_print(verify_t *v,		/* I - Verification */
             json_t   *d)		/* I - The event's detail, or NULL */
{
  const char	*k = v->cur.kind,
		*printer = json_string_value(json_object_get(d, "printer"));
  bool		ok;

  if (v->failed || (strncmp(k, "printer.", 8) && strncmp(k, "print.", 6)))
    return;
  if (!printer)
    ok = false;
  else if (!strncmp(k, "printer.", 8))
    ok = replay_printer(v, d, printer);
  else
    ok = replay_job(v, d, printer);
  if (!ok)
    fail(v, v->cur.id, _("event %" PRId64 " has unreadable detail"), v->cur.id);
}


/* Remember an account that the current event made, with its kind and
 * name (NULL when the event does not hold it: init, account.add); the
 * first one not stored is reported at the end (an account is never
 * deleted). */
static void
declare_account(verify_t   *v,		/* I - Verification */
                const char *code,	/* I - Its code */
                const char *kind,	/* I - Its kind */
                const char *name)	/* I - Its name, or NULL */
{
  vaccount_t *a = account_by_code(v, code ? code : "");

  if (!a)
  {
    if (!v->missing_event)
    {
      snprintf(v->missing, sizeof(v->missing), "%s", code ? code : "");
      v->missing_event = v->cur.id;
    }
    return;
  }
  a->declared = true;
  free(a->declared_kind);
  free(a->declared_name);
  a->declared_kind = strdup(kind ? kind : "");
  a->declared_name = name ? strdup(name) : NULL;
}


/* Remember a user or account that an event made. */
static void
replay_admin(verify_t *v)
{
  json_t	*d;
  const char	*kind = v->cur.kind;

  if (strcmp(kind, "init") && strcmp(kind, "user.add") && strcmp(kind, "user.set") &&
      strcmp(kind, "location.add") && strcmp(kind, "account.add"))
    return;
  if ((d = json_loads(v->cur.detail, 0, NULL)) == NULL)
  {
    fail(v, v->cur.id, _("event %" PRId64 " has unreadable detail"), v->cur.id);
    return;
  }
  if (!strcmp(kind, "init"))
  {
    size_t	i;
    json_t	*pair;

    json_array_foreach(json_object_get(d, "accounts"), i, pair)
      declare_account(v, json_string_value(json_array_get(pair, 0)), json_string_value(json_array_get(pair, 1)), NULL);
  }
  else if (!strcmp(kind, "location.add") || !strcmp(kind, "account.add"))
    declare_account(v, json_string_value(json_object_get(d, "code")), json_string_value(json_object_get(d, "kind")),
                    json_string_value(json_object_get(d, "name")));
  else if (!strcmp(kind, "user.set"))
  {
    const char *name = json_string_value(json_object_get(d, "name"));

    for (size_t i = 0; name && i < v->nusers; i ++)
      if (!strcmp(v->users[i].name, name))
        invRolesParse(json_string_value(json_object_get(d, "roles")) ?: "", &v->users[i].roles);
  }
  if (strcmp(kind, "location.add") && strcmp(kind, "account.add") && strcmp(kind, "user.set"))
  {
    const char	*name = json_string_value(json_object_get(d, strcmp(kind, "init") ? "name" : "admin"));
    unsigned	roles = INV_ROLE_ADMIN;
    vuser_t	*users = realloc(v->users, (v->nusers + 1) * sizeof(vuser_t));

    if (strcmp(kind, "init"))
      invRolesParse(json_string_value(json_object_get(d, "roles")) ?: "", &roles);
    if (users && name)
    {
      v->users = users;
      v->users[v->nusers ++] = (vuser_t){ strdup(name), roles };
    }
  }
  json_decref(d);
}


/* Check the gathered event: its place in the chain, its hash, its moves. */
static int
finish_event(verify_t *v)
{
  char hash[65];

  if (v->cur.id != v->last_id + 1)
    return (fail(v, v->last_id + 1, _("event %" PRId64 " is missing (the next stored event is %" PRId64 ")"),
                 v->last_id + 1, v->cur.id));
  if (strcmp(v->cur.prev, v->head))
    return (fail(v, v->cur.id, _("event %" PRId64 " does not link to event %" PRId64 " (its previous hash differs)"),
                 v->cur.id, v->last_id));
  chainHash(&v->cur, v->moves, v->nmoves, hash);
  if (strcmp(hash, v->cur.hash))
    return (fail(v, v->cur.id, _("event %" PRId64 " does not match its hash (its content or movements were changed)"),
                 v->cur.id));
  for (size_t i = 0; i < v->nmoves; i ++)
  {
    vaccount_t *from = account_by_id(v, v->moves[i].row.from), *to = account_by_id(v, v->moves[i].row.to);

    if (!replay_move(v, v->moves + i, from, to))
      return (1);
  }
  replay_admin(v);
  replay_import(v);
  if (!strncmp(v->cur.kind, "print", 5) || !strncmp(v->cur.kind, "request.", 8) || !strcmp(v->cur.kind, "card.spoil"))
  {
    json_t *d = json_loads(v->cur.detail, 0, NULL);	/* Read once for both */

    replay_request_state(v, d);
    replay_print(v, d);
    json_decref(d);
  }
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
    vaccount_t	*from = account_by_id(v, m->from), *to = account_by_id(v, m->to);

    v->rows_seen ++;
    if (!s || !from || !to || m->first > m->last)
      return (fail(v, e->id, _("event %" PRId64 " has a movement with an unknown series or account"), e->id));
    if (m->bucket != 63 - __builtin_clzll((unsigned long long)(m->last - m->first + 1)))
      return (fail(v, e->id, _("event %" PRId64 " has a movement whose index entry was changed"), e->id));
    if (v->nmoves == v->amoves)
    {
      size_t		alloc = v->amoves ? 2 * v->amoves : 16;
      chain_move_t	*moves = realloc(v->moves, alloc * sizeof(chain_move_t));

      if (!moves)
        return (fail(v, e->id, "%s", i18nNoMemory()));
      v->moves = moves;
      v->amoves = alloc;
    }
    v->moves[v->nmoves ++] = (chain_move_t){ *m, s->prefix, s->width, from->stored->code, to->stored->code };
  }
  return (0);
}


/* State for comparing stored holdings with the replay. */
typedef struct compare_s
{
  verify_t	*v;
  range_node_t	*next;			/* Next replayed node */
} compare_t;

static int
compare_holding(void *ctx, const store_holding_t *h)
{
  compare_t	*c = ctx;
  verify_t	*v = c->v;
  range_node_t	*n = c->next;
  const store_series_t	*s = namesSeries(&v->names, h->series);
  vaccount_t	*a = account_by_id(v, h->account);
  inv_range_t	r = { "", s ? s->width : 1, h->first, h->last };
  char		text[INV_RANGE_MAX];

  if (s)
    snprintf(r.prefix, sizeof(r.prefix), "%s", s->prefix);
  invRangeFormat(&r, text, sizeof(text));
  v->result->ranges ++;
  v->result->serials += h->last - h->first + 1;
  if (!n || n->series != h->series || n->first != h->first || n->last != h->last || n->account != h->account)
    return (fail(v, 0, _("stored holding %s at %s differs from the replay of the events"), text,
                 a ? a->stored->code : "?"));
  c->next = RB_NEXT(range_tree_s, &v->tree, n);
  return (0);
}


/* Compare accounts (every one an event made is stored, with its kind and
 * name), balances and users with the replay. */
static void
compare_tables(verify_t *v)
{
  char have[96];

  if (v->missing_event)
    fail(v, 0, _("account %s is missing (event %" PRId64 " made it)"), v->missing, v->missing_event);
  for (size_t i = 0; i < v->names.naccounts && !v->failed; i ++)
  {
    vaccount_t			*a = v->accounts + i;
    const store_account_t	*st = a->stored;

    if (!a->declared || strcmp(a->declared_kind ?: "", st->kind))
      fail(v, 0, _("account %s was not made by any event (or its kind was changed)"), st->code);
    else if (a->declared_name && strcmp(a->declared_name, st->name))
      fail(v, 0, _("account %s: name is \"%s\", but its events make it \"%s\""), st->code,
           shown(st->name, have, sizeof(have)), a->declared_name);
    else if (st->balance != a->replayed)
      fail(v, 0, _("account %s: stored balance %" PRId64 ", replayed %" PRId64), st->code, st->balance, a->replayed);
  }
  for (size_t i = 0; i < v->nusers && !v->failed; i ++)
  {
    unsigned	roles;
    bool	found;

    if (storeUserGet(v->db, v->users[i].name, &roles, &found) != INV_OK || !found || roles != v->users[i].roles)
      fail(v, 0, _("user %s differs from the events that made it"), v->users[i].name);
  }
}


/* Count users in the table, to catch users added behind the program's back. */
static void
count_user(void *ctx, const char *name, unsigned roles, const char *since)
{
  (void)name; (void)roles; (void)since;
  (*(size_t *)ctx) ++;
}


/* Collect the ids of sealed destruction records. */
typedef struct sealed_s
{
  int64_t	*ids;
  size_t	count;
} sealed_t;

static void
sealed_record(void *ctx, const inv_record_t *r)
{
  sealed_t	*s = ctx;
  int64_t	*ids;

  if (strcmp(r->state, "executed") || (ids = realloc(s->ids, (s->count + 1) * sizeof(int64_t))) == NULL)
    return;
  s->ids = ids;
  s->ids[s->count ++] = r->id;
}


/* Recheck every sealed destruction record against its hash and seal. */
static inv_status_t
check_records(verify_t *v)
{
  sealed_t	s = { NULL, 0 };
  inv_status_t	status;
  char		problem[512];

  status = storeRecordList(v->db, "destruction", sealed_record, &s);
  for (size_t i = 0; i < s.count && status == INV_OK && !v->failed; i ++)
  {
    if ((status = invRecordCheck(v->db, s.ids[i], problem, sizeof(problem))) == INV_PROBLEM)
    {
      fail(v, 0, "%s", problem);
      status = INV_OK;
    }
  }
  free(s.ids);
  return (status);
}


/* Compare one stored printer with the one its events make. */
static int
check_printer(void                      *ctx,	/* I - verify_t */
              const store_printer_row_t *row)	/* I - Stored printer */
{
  verify_t	*v = ctx;
  vprinter_t	*p = printer_find(v, row->name, false);
  char		name[96], have[96];

  shown(row->name, name, sizeof(name));
  if (p && p->added)
  {
    const char *columns[][3] =		/* Column, stored, replayed */
    {
      { "queue", row->queue, p->queue }, { "location", row->location, p->location },
      { "hopper", row->hopper, p->hopper }, { "state", row->state, p->state }, { "reason", row->reason, p->reason }
    };

    p->stored = true;
    for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i ++)
      if (strcmp(columns[i][1], columns[i][2] ? columns[i][2] : ""))
        return (fail(v, 0, _("printer %s: %s is \"%s\", but its events make it \"%s\""), name, columns[i][0],
                     shown(columns[i][1], have, sizeof(have)), columns[i][2] ? columns[i][2] : ""));
    return (0);
  }
  return (fail(v, 0, _("printer %s was not added by any event (or was removed)"), name));
}


/* Compare one stored print job with the one its events make. */
static int
check_job(void                  *ctx,	/* I - verify_t */
          const store_job_row_t *row)	/* I - Stored job */
{
  verify_t	*v = ctx;
  vjob_t	*j = row->id >= 1 && (uint64_t)row->id < v->jobs_alloc ? v->jobs + row->id : NULL;
  char		request[24], cups[24], canceled[24], have[96];

  if (j && j->made)
  {
    const char *columns[][3] =		/* Column, stored, replayed */
    {
      { "request_id", row->request_id, int_text(j->request, request) }, { "serial", row->serial, j->serial },
      { "printer", row->printer, j->printer }, { "state", row->state, j->state ? j->state : "" },
      { "outcome", row->outcome, j->outcome }, { "reason", row->reason, j->reason ? j->reason : "" },
      { "cups_job_id", row->cups_job_id, int_text(j->cups_job, cups) },
      { "canceled_cups_id", row->canceled_cups_id, int_text(j->canceled, canceled) },
      { "issue_date", row->issue_date, strcmp(j->issue_date, "?") ? j->issue_date : row->issue_date }
    };

    j->stored = true;
    for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i ++)
      if (strcmp(columns[i][1], columns[i][2]))
        return (fail(v, 0, _("print_job %" PRId64 ": %s is \"%s\", but its events make it \"%s\""), row->id,
                     columns[i][0], shown(columns[i][1], have, sizeof(have)), columns[i][2]));
    return (0);
  }
  return (fail(v, 0, _("print_job %" PRId64 " was not made by any print event"), row->id));
}


/* Compare the printer and print_job tables with the replay: every stored
 * row made by events and equal to what they make, and every row they make
 * stored. */
static inv_status_t
check_print(verify_t *v)		/* I - Verification */
{
  inv_status_t status;

  if ((status = storePrinterRows(v->db, check_printer, v)) != INV_OK || v->failed)
    return (status);
  for (size_t i = 0; i < v->nprinters && !v->failed; i ++)
    if (v->printers[i].added && !v->printers[i].stored)
      fail(v, 0, _("printer %s is missing (event %" PRId64 " added it)"), v->printers[i].name, v->printers[i].added);
  if (v->failed || (status = storeJobRows(v->db, check_job, v)) != INV_OK)
    return (status);
  for (size_t i = 1; i < v->jobs_alloc && !v->failed; i ++)
    if (v->jobs[i].made && !v->jobs[i].stored)
      fail(v, 0, _("print_job %zu is missing (event %" PRId64 " made it)"), i, v->jobs[i].made);
  return (INV_OK);
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
  compare_t	c;
  inv_status_t	status;
  int64_t	movements = 0;
  size_t	users = 0;
  char		dummy[65];
  bool		own_read;

  memset(result, 0, sizeof(*result));
  memset(&v, 0, sizeof(v));
  v.db = db;
  v.result = result;
  v.progress = cb;
  v.progress_ctx = ctx;
  RB_INIT(&v.tree);
  memset(v.head, '0', 64);

  /* One read transaction, so that the tables are seen at one moment
   * (the caller's, if it holds one). */
  own_read = !_invDbInTransaction(db);
  if (own_read && (status = invDbBeginRead(db)) != INV_OK)
    return (status);

  if ((status = storeEventHead(db, &v.total, dummy)) != INV_OK ||
      (status = namesLoad(db, &v.names)) != INV_OK)
    goto done;
  if ((v.accounts = calloc(v.names.naccounts + 1, sizeof(vaccount_t))) == NULL)
  {
    status = invDbNoMemory(db);
    goto done;
  }
  for (size_t i = 0; i < v.names.naccounts; i ++)
    v.accounts[i].stored = v.names.accounts + i;
  if ((status = storeEventScan(db, scan_row, &v, &movements)) != INV_OK)
    goto done;
  if (!v.failed && v.cur.id)
    finish_event(&v);
  if (!v.failed && v.rows_seen != movements)
    fail(&v, 0, _("%" PRId64 " movement rows belong to no event"), movements - v.rows_seen);

  if (!v.failed)
  {
    c.v = &v;
    c.next = RB_MIN(range_tree_s, &v.tree);
    if ((status = storeHoldingAll(db, compare_holding, &c)) != INV_OK)
      goto done;
    if (!v.failed && c.next)
      fail(&v, 0, _("a holding of %" PRId64 " serials is missing from the stored holdings"),
           c.next->last - c.next->first + 1);
  }
  if (!v.failed)
    compare_tables(&v);
  if (!v.failed && (status = storeUserList(db, count_user, &users)) == INV_OK && users != v.nusers)
    fail(&v, 0, P_("%zu user was not added by any event", "%zu users were not added by any event", users - v.nusers),
         users - v.nusers);
  if (!v.failed && status == INV_OK && (status = storeRequestIds(db, check_request, &v)) == INV_OK && !v.failed)
  {
    int64_t added = 0;

    for (size_t i = 0; i < v.nimports; i ++)
      added += v.imports[i].last - v.imports[i].first + 1;
    if (added != v.requests)
      fail(&v, 0, _("import events added %" PRId64 " card requests; %" PRId64 " are stored"), added, v.requests);
  }
  if (!v.failed && status == INV_OK)
    status = check_records(&v);
  if (!v.failed && status == INV_OK)
    status = storeRequestRows(db, check_request_row, &v);
  if (!v.failed && status == INV_OK)
    status = check_print(&v);
  memcpy(result->head, v.head, sizeof(result->head));
  if (cb)
    cb(ctx, v.total, v.total);

done:
  if (own_read)
    invDbEndRead(db);
  while (!RB_EMPTY(&v.tree))
    node_free(&v, RB_MIN(range_tree_s, &v.tree));
  while (v.free_nodes)
  {
    range_node_t *n = v.free_nodes;

    v.free_nodes = *(range_node_t **)n;
    free(n);
  }
  for (size_t i = 0; v.accounts && i < v.names.naccounts; i ++)
  {
    free(v.accounts[i].declared_kind);
    free(v.accounts[i].declared_name);
  }
  if (v.seal.md)
    requestSealEnd(&v.seal, dummy);
  free(v.photos_ok);
  free(v.rq_issue);
  namesFree(&v.names);
  for (size_t i = 0; i < v.nusers; i ++)
    free(v.users[i].name);
  free(v.accounts);
  free(v.users);
  free(v.moves);
  free(v.imports);
  for (size_t i = 0; i < v.rq_alloc; i ++)
    free(v.rq_serial[i]);
  free(v.rq_serial);
  free(v.rq_state);
  for (size_t i = 0; i < v.nprinters; i ++)
  {
    vprinter_t *p = v.printers + i;

    free(p->name);
    free(p->queue);
    free(p->location);
    free(p->hopper);
    free(p->state);
    free(p->reason);
  }
  free(v.printers);
  for (size_t i = 0; i < v.jobs_alloc; i ++)
    free(v.jobs[i].reason);
  free(v.jobs);
  free(v.cur_detail);
  if (status != INV_OK)
    return (status);
  return (v.failed ? INV_PROBLEM : INV_OK);
}
