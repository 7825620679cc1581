/*
 * printctl render: a request's card as a PDF (card size, for printing) or
 * a PNG (300 dpi, a preview).  A request not yet printed gets the PREVIEW
 * mark and no serial.  Output files are opened by blankoOutOpen (mode
 * 0600, written in place: no temporary copies of personal data; links and
 * non-regular files refused); a failed one is removed if this command
 * made it, else emptied.
 *
 * --all-pending renders with --jobs worker threads (default: the online
 * CPUs), each with its own renderer; the main thread alone reads the
 * ledger and feeds them through a bounded queue.  Every card goes through
 * render_card, so the files are the same whatever the number of threads.
 */

#include "commands.h"
#include "../card/card.h"
#include "../render/qrpayload.h"
#include "blanko/outfile.h"
#include "blanko/privilege.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define RENDER_MAX_JOBS	64		/* Most worker threads */
#define RENDER_QUEUE_PER_JOB 4		/* Queued requests per worker */
#define RENDER_SYNC_BATCH 64		/* Cards a worker makes durable at once */

typedef struct render_ctx_s		/* Rendering one or more requests */
{
  cli_t			*cli;
  blanko_config_t	config;
  card_ctx_t		*card;		/* Site key, template in use, renderer */
  bool			png;		/* PNG, else PDF */
  const char		*file;		/* Output file (one request) */
  const char		*dir;		/* Output folder (--all-pending) */
  json_t		*done;		/* What was rendered (--json) */
  size_t		rendered;	/* How many (--all-pending) */
  int			result;		/* CLI_OK or the failure */
} render_ctx_t;

typedef struct render_job_s		/* One request, copied for a worker */
{
  struct render_job_s	*next;		/* Next in the queue */
  int64_t		id;		/* Request id */
  const tmpl_t		*t;		/* Its template (shared, read-only) */
  bool			printed;	/* Printed (serial), else a preview */
  char			*state, *serial, *issue_date, *fields, *photo_type;
  unsigned char		*photo;		/* Photo bytes or NULL */
  size_t		photo_len;
} render_job_t;

typedef struct render_tmpl_s		/* A template loaded for the pool */
{
  struct render_tmpl_s	*next;
  tmpl_t		*t;
} render_tmpl_t;

typedef struct render_pool_s		/* Workers rendering --all-pending */
{
  render_ctx_t		*rc;		/* Shared, read-only while running */
  pthread_mutex_t	lock;		/* Guards everything below */
  pthread_cond_t	not_empty,	/* A job was queued or the queue closed */
			not_full;	/* A job was taken */
  render_job_t		*head, *tail;	/* The queue, oldest first */
  size_t		queued, cap;	/* Jobs queued, most allowed */
  bool			closed;		/* No more jobs will come */
  bool			failed;		/* A request failed: queue no more */
  int64_t		fail_id;	/* The lowest failing request */
  char			fail_msg[1024];	/* Its one-line message */
  size_t		rendered;	/* Files written */
  int64_t		*ids;		/* Their ids (--json only) */
  size_t		num_ids, alloc_ids;
  render_tmpl_t		*tmpls;		/* Templates loaded (main thread) */
  inv_status_t		status;		/* Ledger status of the reading */
} render_pool_t;

typedef struct render_batch_s		/* A worker's cards written, not yet durable */
{
  int			dirfd;		/* The output folder (blankoOutOpenDir) */
  size_t		count;		/* Cards in the batch */
  int64_t		ids[RENDER_SYNC_BATCH];	/* Their request ids */
  bool			created[RENDER_SYNC_BATCH];	/* Did this run create the file? */
} render_batch_t;


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdRenderOptions[] =
{
  { "nik", required_argument, NULL, 'n' },
  { "output", required_argument, NULL, 'o' | CLI_SHORT | CLI_PATH },
  { "all-pending", no_argument, NULL, 'a' },
  { "format", required_argument, NULL, 'f' },
  { "jobs", required_argument, NULL, 'j' },
  { NULL, 0, NULL, 0 }
};


/* Make sure the card context's template is the named one. */
static bool
use_template(render_ctx_t *rc,		/* I - Context */
             const char   *name)	/* I - Template name */
{
  if (cardCtxUse(rc->card, name))
    return (true);
  rc->result = cliFail(rc->cli, CLI_REFUSED, "%s", cardCtxError(rc->card));
  return (false);
}


/*
 * Render one request's card to a file with a renderer of its template.
 * The one path of every card, single or from a worker: false with a
 * one-line message (naming the request, never its data) on error.
 */
static bool
render_card(const render_ctx_t  *rc,	/* I - Context (read-only) */
            render_t            *r,	/* I - Renderer of t */
            const tmpl_t        *t,	/* I - Template */
            int64_t             id,	/* I - Request id */
            const char          *fields,	/* I - Its JSON fields */
            bool                printed,	/* I - Printed on a serial? */
            const char          *serial,	/* I - Serial or "" */
            const char          *issue_date,	/* I - Issue date or "" */
            const unsigned char *photo,	/* I - Photo or NULL */
            size_t              photo_len,	/* I - Its length */
            const char          *photo_type,	/* I - Its type or "" */
            const char          *file,	/* I - Output file */
            bool                *created,	/* O - Made by this call (unsynced), or NULL: synced */
            char                *error,	/* O - Message */
            size_t              errsize)	/* I - Its size */
{
  card_record_t	c;
  char		today[11], payload[QR_PAYLOAD_MAX];
  bool		ok;
  blanko_out_t	out;

  cardRecordInit(&c);
  if (!cardRecordFromJSON(&c, fields))
  {
    cardRecordFree(&c);
    snprintf(error, errsize, _("request #%lld holds damaged fields"), (long long)id);
    return (false);
  }
  cardRecordAddSite(&c, t, &rc->config);
  cardToday(today);
  c.rec.serial = printed ? serial : NULL;
  c.rec.issue_date = printed && issue_date[0] ? issue_date : today;
  c.rec.photo = photo;
  c.rec.photo_len = photo_len;
  c.rec.photo_type = photo_type && photo_type[0] ? photo_type : NULL;
  if (!cardCtxSeal(rc->card, r, &c.rec, payload, sizeof(payload), error, errsize))
  {
    cardRecordFree(&c);
    return (false);
  }

  if (!blankoOutOpen(&out, file, error, errsize))
  {
    cardRecordFree(&c);
    return (false);
  }
  ok = rc->png ? renderCardPNGFile(r, &c.rec, 0, out.fp) : renderCardPDFFile(r, &c.rec, out.fp);
  if (!ok)
    snprintf(error, errsize, _("request #%lld: %s"), (long long)id, renderGetError(r));
  if (created)
  {
    *created = out.created;
    ok = blankoOutCloseUnsynced(&out, ok, error, errsize);
  }
  else
    ok = blankoOutClose(&out, ok, error, errsize);
  cardRecordFree(&c);
  return (ok);
}


/* Render one request to its file (callback of invRequestGet). */
static void
render_one(void                *ctx,	/* I - render_ctx_t */
           const inv_request_t *req)	/* I - Request, with its photo */
{
  render_ctx_t	*rc = ctx;
  char		error[1024];
  bool		printed = !strcmp(req->state, "printed") && req->serial[0];

  if (!strcmp(req->state, "cancelled") || !strcmp(req->state, "superseded"))
  {
    rc->result = cliFail(rc->cli, CLI_REFUSED, _("request #%lld is %s; no card is made from it"), (long long)req->id,
                         req->state);
    return;
  }
  if (!use_template(rc, req->template_name))
    return;
  if (!render_card(rc, cardCtxRenderer(rc->card), cardCtxTemplate(rc->card), req->id, req->fields, printed, req->serial, req->issue_date, req->photo,
                   req->photo_len, req->photo_type, rc->file, NULL, error, sizeof(error)))
    rc->result = cliFail(rc->cli, CLI_REFUSED, "%s", error);
  else
    json_array_append_new(rc->done, json_pack("{s:I,s:s,s:b,s:s}", "id", (json_int_t)req->id, "file", rc->file,
                                              "preview", !printed, "state", req->state));
}


/* Free a job, wiping its copies of the resident's data. */
static void
job_free(render_job_t *job)		/* I - Job or NULL */
{
  if (!job)
    return;
  free(job->state);
  free(job->serial);
  free(job->issue_date);
  if (job->fields)
    explicit_bzero(job->fields, strlen(job->fields));
  free(job->fields);
  free(job->photo_type);
  if (job->photo)
    explicit_bzero(job->photo, job->photo_len);
  free(job->photo);
  free(job);
}


/* Record a failure; the lowest request id wins (caller holds the lock). */
static void
pool_fail(render_pool_t *pool,		/* I - Pool */
          int64_t       id,		/* I - Failing request */
          const char    *message)	/* I - Its message */
{
  if (!pool->failed || id < pool->fail_id)
  {
    pool->failed = true;
    pool->fail_id = id;
    snprintf(pool->fail_msg, sizeof(pool->fail_msg), "%s", message);
  }
}


/*
 * Make a worker's batch of written cards durable with one syncfs of the
 * output folder's file system (blankoOutSyncDir), then count them as
 * rendered; if that fails, every card of the batch is discarded (removed,
 * or emptied if it existed before) and the batch's first request fails.
 */
static void
pool_sync(render_pool_t  *pool,		/* I - Pool */
          render_batch_t *batch)	/* IO - The worker's batch, emptied */
{
  char		path[4200], error[1024];
  size_t	i;
  bool		ok;

  if (!batch->count)
    return;
  if (batch->dirfd < 0)
    batch->dirfd = blankoOutOpenDir(pool->rc->dir, error, sizeof(error));
  ok = batch->dirfd >= 0 && blankoOutSyncDir(batch->dirfd, pool->rc->dir, error, sizeof(error));
  if (!ok)
    for (i = 0; i < batch->count; i ++)
    {
      snprintf(path, sizeof(path), "%s/request-%lld.%s", pool->rc->dir, (long long)batch->ids[i], pool->rc->png ? "png" : "pdf");
      blankoOutDiscard(path, batch->created[i]);
    }

  pthread_mutex_lock(&pool->lock);
  if (!ok)
    pool_fail(pool, batch->ids[0], error);
  else
  {
    pool->rendered += batch->count;
    for (i = 0; i < batch->count && cliGetJson(pool->rc->cli); i ++)
    {
      if (pool->num_ids == pool->alloc_ids)
      {
        size_t	n = pool->alloc_ids ? 2 * pool->alloc_ids : 1024;
        int64_t	*ids = realloc(pool->ids, n * sizeof(int64_t));

        if (!ids)
        {
          pool_fail(pool, batch->ids[i], i18nNoMemory());
          break;
        }
        pool->ids = ids;
        pool->alloc_ids = n;
      }
      pool->ids[pool->num_ids ++] = batch->ids[i];
    }
  }
  pthread_mutex_unlock(&pool->lock);
  batch->count = 0;
}


/* A worker: take jobs off the queue and render them with its own renderer;
 * the cards it writes are made durable a batch at a time (pool_sync). */
static void *
pool_worker(void *arg)			/* I - render_pool_t */
{
  render_pool_t	*pool = arg;
  render_t	*r = NULL;
  const tmpl_t	*t = NULL;
  render_job_t	*job;
  render_batch_t batch = { .dirfd = -1 };
  char		path[4200], error[1024];
  bool		ok;

  for (;;)
  {
    pthread_mutex_lock(&pool->lock);
    while (!pool->head && !pool->closed)
      pthread_cond_wait(&pool->not_empty, &pool->lock);
    if ((job = pool->head) == NULL)
    {
      pthread_mutex_unlock(&pool->lock);
      break;
    }
    if ((pool->head = job->next) == NULL)
      pool->tail = NULL;
    pool->queued --;
    pthread_cond_signal(&pool->not_full);
    // After a failure, only requests before it still matter (the first
    // failing request by id is the one reported).
    ok = !pool->failed || job->id < pool->fail_id;
    pthread_mutex_unlock(&pool->lock);
    if (!ok)
    {
      job_free(job);
      continue;
    }

    if (job->t != t)
    {
      renderDelete(r);
      t = job->t;
      r = cardCtxNewRenderer(pool->rc->card, t);
    }
    snprintf(path, sizeof(path), "%s/request-%lld.%s", pool->rc->dir, (long long)job->id, pool->rc->png ? "png" : "pdf");
    if (!r)
    {
      snprintf(error, sizeof(error), "%s", i18nNoMemory());
      t = NULL;
      ok = false;
    }
    else
      ok = render_card(pool->rc, r, t, job->id, job->fields, job->printed, job->serial, job->issue_date, job->photo,
                       job->photo_len, job->photo_type, path, batch.created + batch.count, error, sizeof(error));

    if (!ok)
    {
      pthread_mutex_lock(&pool->lock);
      pool_fail(pool, job->id, error);
      pthread_mutex_unlock(&pool->lock);
    }
    else if ((batch.ids[batch.count ++] = job->id), batch.count == RENDER_SYNC_BATCH)
      pool_sync(pool, &batch);
    job_free(job);
  }
  pool_sync(pool, &batch);
  if (batch.dirfd >= 0)
    close(batch.dirfd);
  renderDelete(r);
  return (NULL);
}


/* The pool's template of a name, loaded on first use (main thread only). */
static const tmpl_t *
pool_template(render_pool_t *pool,	/* I - Pool */
              const char    *name,	/* I - Template name */
              char          *error,	/* O - Message */
              size_t        errsize)	/* I - Its size */
{
  render_tmpl_t	*pt;
  tmpl_t	*t;

  for (pt = pool->tmpls; pt; pt = pt->next)
    if (!strcmp(tmplGetName(pt->t), name))
      return (pt->t);
  if ((t = cardCtxLoad(pool->rc->card, name)) == NULL)
  {
    snprintf(error, errsize, "%s", cardCtxError(pool->rc->card));
    return (NULL);
  }
  if ((pt = calloc(1, sizeof(render_tmpl_t))) == NULL)
  {
    tmplDelete(t);
    snprintf(error, errsize, "%s", i18nNoMemory());
    return (NULL);
  }
  pt->t = t;
  pt->next = pool->tmpls;
  pool->tmpls = pt;
  return (t);
}


/* Copy a request, with its photo, into a job and queue it (callback of
 * invRequestGet; main thread).  Waits while the queue is full. */
static void
pool_queue(void                *ctx,	/* I - render_pool_t */
           const inv_request_t *req)	/* I - Request, with its photo */
{
  render_pool_t	*pool = ctx;
  render_job_t	*job;
  const tmpl_t	*t;
  char		error[1024];

  if ((t = pool_template(pool, req->template_name, error, sizeof(error))) == NULL)
  {
    pthread_mutex_lock(&pool->lock);
    pool_fail(pool, req->id, error);
    pthread_mutex_unlock(&pool->lock);
    return;
  }
  if ((job = calloc(1, sizeof(render_job_t))) == NULL ||
      (job->state = strdup(req->state)) == NULL || (job->serial = strdup(req->serial)) == NULL ||
      (job->issue_date = strdup(req->issue_date)) == NULL || (job->fields = strdup(req->fields)) == NULL ||
      (job->photo_type = strdup(req->photo_type)) == NULL ||
      (req->photo && (job->photo = malloc(req->photo_len ? req->photo_len : 1)) == NULL))
  {
    job_free(job);
    pthread_mutex_lock(&pool->lock);
    pool_fail(pool, req->id, i18nNoMemory());
    pthread_mutex_unlock(&pool->lock);
    return;
  }
  job->id = req->id;
  job->t = t;
  job->printed = !strcmp(req->state, "printed") && req->serial[0];
  if (req->photo)
  {
    memcpy(job->photo, req->photo, req->photo_len);
    job->photo_len = req->photo_len;
  }

  pthread_mutex_lock(&pool->lock);
  while (pool->queued >= pool->cap && !pool->failed)
    pthread_cond_wait(&pool->not_full, &pool->lock);
  if (pool->failed && job->id > pool->fail_id)
  {
    pthread_mutex_unlock(&pool->lock);
    job_free(job);
    return;
  }
  if (pool->tail)
    pool->tail->next = job;
  else
    pool->head = job;
  pool->tail = job;
  pool->queued ++;
  pthread_cond_signal(&pool->not_empty);
  pthread_mutex_unlock(&pool->lock);
}


/* Fetch one pending request with its photo and queue it (callback of
 * invRequestList, which streams the pending requests by id). */
static void
pool_pending(void                *ctx,	/* I - render_pool_t */
             const inv_request_t *req)	/* I - Request, without its photo */
{
  render_pool_t	*pool = ctx;
  int64_t	id = req->id;
  bool		stop;

  pthread_mutex_lock(&pool->lock);
  stop = pool->failed || pool->status != INV_OK;
  pthread_mutex_unlock(&pool->lock);
  if (stop)
    return;
  if ((pool->status = invRequestGet(cliGetDb(pool->rc->cli), id, pool_queue, pool)) != INV_OK)
  {
    pthread_mutex_lock(&pool->lock);
    pool->closed = true;		// let the workers finish what is queued
    pthread_cond_broadcast(&pool->not_empty);
    pthread_mutex_unlock(&pool->lock);
  }
}


/* Compare request ids for qsort. */
static int
compare_ids(const void *a, const void *b)
{
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

  return ((x > y) - (x < y));
}


/*
 * Render every pending request with jobs worker threads, each with its own
 * renderer.  This thread alone reads the ledger: it streams the pending
 * requests by id and hands copies to the workers through a bounded queue,
 * so memory stays flat however many there are.
 */
static inv_status_t
render_pending(render_ctx_t *rc,	/* I - Context */
               int          jobs)	/* I - Worker threads */
{
  render_pool_t	pool;
  pthread_t	tid[RENDER_MAX_JOBS];
  int		i, started = 0;
  size_t	k;

  memset(&pool, 0, sizeof(pool));
  pool.rc = rc;
  pool.cap = (size_t)jobs * RENDER_QUEUE_PER_JOB;
  pool.status = INV_OK;
  pthread_mutex_init(&pool.lock, NULL);
  pthread_cond_init(&pool.not_empty, NULL);
  pthread_cond_init(&pool.not_full, NULL);
  json_object_seed(0);			// before any thread makes a JSON object

  for (i = 0; i < jobs; i ++)
    if (pthread_create(tid + started, NULL, pool_worker, &pool) == 0)
      started ++;
  if (!started)
    pool_fail(&pool, 0, _("cannot start a rendering thread"));
  else
  {
    inv_status_t status = invRequestList(cliGetDb(rc->cli), "pending", NULL, pool_pending, &pool);

    if (pool.status == INV_OK)
      pool.status = status;
  }

  pthread_mutex_lock(&pool.lock);
  pool.closed = true;
  pthread_cond_broadcast(&pool.not_empty);
  pthread_mutex_unlock(&pool.lock);
  for (i = 0; i < started; i ++)
    pthread_join(tid[i], NULL);

  while (pool.tmpls)
  {
    render_tmpl_t *pt = pool.tmpls;

    pool.tmpls = pt->next;
    tmplDelete(pt->t);
    free(pt);
  }
  pthread_cond_destroy(&pool.not_full);
  pthread_cond_destroy(&pool.not_empty);
  pthread_mutex_destroy(&pool.lock);

  if (pool.status != INV_OK)
    ;					// the ledger's message is on the handle
  else if (pool.failed)
    rc->result = cliFail(rc->cli, CLI_REFUSED, "%s", pool.fail_msg);
  else if (cliGetJson(rc->cli))
  {
    char path[4200];

    qsort(pool.ids, pool.num_ids, sizeof(int64_t), compare_ids);
    for (k = 0; k < pool.num_ids; k ++)
    {
      snprintf(path, sizeof(path), "%s/request-%lld.%s", rc->dir, (long long)pool.ids[k], rc->png ? "png" : "pdf");
      json_array_append_new(rc->done, json_pack("{s:I,s:s,s:b,s:s}", "id", (json_int_t)pool.ids[k], "file", path,
                                                "preview", true, "state", "pending"));
    }
  }
  rc->rendered = pool.rendered;
  free(pool.ids);
  return (pool.status);
}


/* Does name end with ext (any case)? */
static bool
ends_with(const char *name, const char *ext)
{
  size_t n = strlen(name), e = strlen(ext);

  return (n > e && !strcasecmp(name + n - e, ext));
}


/* What the command line asks render for. */
typedef struct render_opts_s
{
  const char	*nik,			/* --nik NIK, or NULL */
		*output,		/* -o FILE or DIR */
		*format;		/* --format pdf|png, or NULL */
  bool		all;			/* --all-pending */
  int64_t	id,			/* REQUEST-ID, or 0 */
		jobs;			/* --jobs, or 0 */
} render_opts_t;


/* Read the options into o; CLI_OK, or CLI_USAGE with the reason. */
static int
render_parse(cli_t         *cli,	/* I - Command context */
             int           argc,	/* I - Arguments */
             char          *argv[],	/* I - Their values */
             render_opts_t *o)		/* O - Options */
{
  int c;

  memset(o, 0, sizeof(*o));
  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR :
          return (CLI_USAGE);
      case 'n' :
          o->nik = optarg;
          break;
      case 'o' | CLI_SHORT :
          o->output = optarg;
          break;
      case 'a' :
          o->all = true;
          break;
      case 'f' :
          o->format = optarg;
          break;
      case 'j' :
          if (!cliParseCount(optarg, &o->jobs) || o->jobs < 1 || o->jobs > RENDER_MAX_JOBS)
            return (cliUsage(cli, _("--jobs is a number of threads from 1 to %d"), RENDER_MAX_JOBS));
          break;
    }
  }
  return (CLI_OK);
}


/* Check that the options go together, take the request id and default
 * --jobs to the online CPUs; CLI_OK, or CLI_USAGE with the reason. */
static int
render_check(cli_t         *cli,	/* I - Command context */
             int           argc,	/* I - Arguments */
             char          *argv[],	/* I - Their values */
             render_opts_t *o)		/* IO - Options */
{
  if (!o->output)
    return (cliUsage(cli, _("-o FILE (or -o DIR with --all-pending) is required")));
  if (o->all + (o->nik != NULL) + (optind < argc) != 1 || optind < argc - 1)
    return (cliUsage(cli, _("give one REQUEST-ID, --nik NIK or --all-pending")));
  if (optind < argc && !cliParseCount(argv[optind], &o->id))
    return (cliUsage(cli, _("\"%s\" is not a request id"), argv[optind]));
  if (o->format && strcmp(o->format, "pdf") && strcmp(o->format, "png"))
    return (cliUsage(cli, _("--format is pdf or png")));
  if (o->format && !o->all)
    return (cliUsage(cli, _("--format goes with --all-pending; a file's name says its format")));
  if (o->jobs && !o->all)
    return (cliUsage(cli, _("--jobs goes with --all-pending")));
  if (!o->jobs)
  {
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    o->jobs = n < 1 ? 1 : n > RENDER_MAX_JOBS ? RENDER_MAX_JOBS : n;
  }
  if (!o->all && !ends_with(o->output, ".pdf") && !ends_with(o->output, ".png"))
    return (cliUsage(cli, _("the output file's name ends in .pdf or .png")));
  return (CLI_OK);
}


/* Render what the options ask for: one request (by id or NIK) to a file,
 * or every pending request into a folder; a failure is on rc. */
static inv_status_t
render_run(render_ctx_t        *rc,	/* I - Context */
           const render_opts_t *o)	/* I - Options */
{
  inv_db_t *db = cliGetDb(rc->cli);

  if (!o->all)
  {
    rc->file = o->output;
    return (o->nik ? invRequestGetLive(db, o->nik, render_one, rc) : invRequestGet(db, o->id, render_one, rc));
  }
  rc->dir = o->output;
  if (mkdir(o->output, 0700) && errno != EEXIST)
  {
    rc->result = cliFail(rc->cli, CLI_REFUSED, _("cannot make %s: %s"), o->output, strerror(errno));
    return (INV_OK);
  }
  return (render_pending(rc, (int)o->jobs));
}


/* Say what was rendered: the JSON list, or a line. */
static void
render_report(render_ctx_t        *rc,	/* I - Context, after render_run */
              const render_opts_t *o)	/* I - Options */
{
  if (cliGetJson(rc->cli))
  {
    cliJsonPrint(rc->done);
    rc->done = NULL;
  }
  else if (o->all)
  {
    char n[32];					/* The count, grouped */

    printf(P_("Rendered %s pending request into %s.\n", "Rendered %s pending requests into %s.\n", rc->rendered),
           i18nCount((int64_t)rc->rendered, n, sizeof(n)), o->output);
  }
  else if (json_array_size(rc->done))
  {
    json_t *d = json_array_get(rc->done, 0);

    printf(_("Rendered request #%lld (%s) to %s.\n"), (long long)json_integer_value(json_object_get(d, "id")),
           json_is_true(json_object_get(d, "preview")) ? _("preview") : _("printed card"), o->output);
  }
}


/* Render a request's card, or every pending request's. */
int
cmdRender(cli_t *cli,			/* I - Command context */
          int   argc,			/* I - Arguments */
          char  *argv[])		/* I - Their values */
{
  render_ctx_t	rc;
  render_opts_t	o;
  inv_status_t	status;
  char		error[1024];
  int		result;

  if ((result = render_parse(cli, argc, argv, &o)) != CLI_OK || (result = render_check(cli, argc, argv, &o)) != CLI_OK)
    return (result);
  memset(&rc, 0, sizeof(rc));
  rc.cli = cli;
  rc.png = o.all ? (o.format && !strcmp(o.format, "png")) : ends_with(o.output, ".png");
  if (!blankoConfigLoad(&rc.config))
    return (cliFail(cli, CLI_REFUSED, "%s", rc.config.error));
  if ((rc.card = cardCtxNew(&rc.config, invDbGetPath(cliGetDb(cli)), error, sizeof(error))) == NULL)
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  if (!cliPrivDrop(error, sizeof(error)))	/* the key read: cairo and pango run without the group */
  {
    cardCtxDelete(rc.card);
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  }
  rc.done = json_array();
  status = render_run(&rc, &o);
  cardCtxDelete(rc.card);
  if (status != INV_OK)
    rc.result = cliFailDb(cli, status);
  if (rc.result == CLI_OK)
    render_report(&rc, &o);
  json_decref(rc.done);
  return (rc.result);
}
