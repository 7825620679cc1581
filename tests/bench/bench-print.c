/*
 * bench-print: the print controller's own cost per card, for
 * tests/bench/bench-print.sh (make bench).  Not a test: timings only.
 *
 *   BLANKO_DB=... build/bench-print --user pr bench --rounds R
 *
 * Drives every printer of the ledger with the real engine (dispatch.c)
 * against CUPS queues that are stopped (cupsdisable): each dspStep starts
 * one card on every printer -- intent committed, Create-Job, CUPS job id
 * committed, card rendered and streamed -- and since nothing prints, no
 * CUPS work after the submission is counted.  Between rounds, untimed, the
 * ledger is told each card was printed (invPrintIssued, what the engine
 * commits when CUPS reports a job completed; timed apart) and the engine's
 * poll time is let pass, so that the next round starts one more card on
 * every printer.  Round 1 also opens each printer's CUPS queue (on the
 * engine's one connection to cupsd) and loads the template; it is reported
 * apart.
 *
 * The engine reaches CUPS through a table of operations (dsp_cups_t) that
 * wraps the real one (dspCupsDefault) to split the time: render (the
 * engine's producer less its writes into the CUPS request), CUPS (open,
 * create, send less the producing, plus those writes), and the rest
 * (ledger transactions, the request read with its photo, its fields).
 *
 * Prints "key value" lines on stdout.
 */

#include "blanko/cli.h"

#include <getopt.h>
#include "blanko/print.h"
#include "../../printctl/dispatch.h"
#include "../../printctl/render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* --- Time split (the engine's CUPS operations, wrapped) ------------------------- */

static double	t_render, t_docwrite, t_create, t_send, t_open;

typedef struct timed_s			/* The engine's producer and writer, timed */
{
  dsp_produce_cb_t	produce;
  void			*ctx;
  render_write_cb_t	write;
  void			*wctx;
} timed_t;

static bool
timed_write(void *ctx, const unsigned char *data, size_t len)
{
  timed_t	*tw = ctx;
  double	t = dspNow();
  bool		ok = tw->write(tw->wctx, data, len);

  t_docwrite += dspNow() - t;
  return (ok);
}

static int
timed_produce(void *ctx, render_write_cb_t write, void *wctx)
{
  timed_t	*tw = ctx;
  double	t = dspNow();
  int		result;

  tw->write = write;
  tw->wctx = wctx;
  result = tw->produce(tw->ctx, timed_write, tw);
  t_render += dspNow() - t;
  return (result);
}

static cj_status_t
timed_send(void *printer, int job_id, dsp_produce_cb_t produce, void *ctx)
{
  timed_t	tw = { produce, ctx, NULL, NULL };
  double	t = dspNow();
  cj_status_t	s = dspCupsDefault.send(printer, job_id, timed_produce, &tw);

  t_send += dspNow() - t;
  return (s);
}

static cj_status_t
timed_create(void *printer, const char *name, int *id)
{
  double	t = dspNow();
  cj_status_t	s = dspCupsDefault.create(printer, name, id);

  t_create += dspNow() - t;
  return (s);
}

static cj_status_t
timed_open(void *cups, const char *queue, const char *user, bool for_jobs, void **printer)
{
  double	t = dspNow();
  cj_status_t	s = dspCupsDefault.open(cups, queue, user, for_jobs, printer);

  t_open += dspNow() - t;
  return (s);
}

static dsp_cups_t timed_cups;		/* dspCupsDefault with the above */


/* --- The run ----------------------------------------------------------------------- */

typedef struct split_s			/* Seconds by part */
{
  double total, render, cups, rest;
} split_t;

/* The split accumulated since the counters were last cleared. */
static split_t
split_take(double total)
{
  split_t s;

  s.total = total;
  s.render = t_render - t_docwrite;
  s.cups = t_open + t_create + (t_send - t_render) + t_docwrite;
  s.rest = total - s.render - s.cups;
  t_render = t_docwrite = t_create = t_send = t_open = 0;
  return (s);
}

static void
split_add(split_t *a, const split_t *b)
{
  a->total += b->total;
  a->render += b->render;
  a->cups += b->cups;
  a->rest += b->rest;
}

static void
split_print(const char *key, const split_t *s, int64_t cards)
{
  printf("%s_cards %lld\n%s_s %.4f\n%s_render_s %.4f\n%s_cups_s %.4f\n%s_rest_s %.4f\n", key, (long long)cards,
         key, s->total, key, s->render, key, s->cups, key, s->rest);
}


typedef struct open_jobs_s		/* Jobs in flight */
{
  int64_t	*ids;
  size_t	n, size;
} open_jobs_t;

static void
collect(void *ctx, const inv_print_job_t *j)
{
  open_jobs_t *o = ctx;

  if (strcmp(j->state, "submitted"))
    return;
  if (o->n == o->size)
  {
    o->size = o->size ? 2 * o->size : 256;
    if ((o->ids = realloc(o->ids, o->size * sizeof(int64_t))) == NULL)
      abort();
  }
  o->ids[o->n ++] = j->id;
}


static void
nap(double seconds)
{
  struct timespec ts = { (time_t)seconds, (long)((seconds - (time_t)seconds) * 1e9) };

  nanosleep(&ts, NULL);
}


static const struct option bench_options[] =
{
  { "rounds", required_argument, NULL, 'r' },
  { NULL, 0, NULL, 0 }
};


static int
cmd_bench(cli_t *cli, int argc, char *argv[])
{
  int64_t	rounds = 0, before, first_n = 0, steady_n = 0, issued_n = 0, polled = 0;
  int		c, result;
  bool		busy, started;
  char		error[1024];
  dsp_t		*d;
  dsp_status_t	status;
  cj_conn_t	*conn = NULL;
  split_t	first = { 0, 0, 0, 0 }, steady = { 0, 0, 0, 0 }, one;
  double	t, issued_s = 0, poll_s = 0;
  open_jobs_t	open = { NULL, 0, 0 };

  while ((c = cliGetOption(cli, argc, argv, bench_options)) != -1)
  {
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    if (c == 'r' && (!cliParseCount(optarg, &rounds) || rounds < 2))
      return (cliUsage(cli, "--rounds takes a count, 2 or more"));
  }
  if (!rounds)
    return (cliUsage(cli, "--rounds is needed"));
  if ((conn = cjConnNew()) == NULL ||
      (d = dspNew(cliGetDb(cli), cliGetActor(cli), cliGetConfig(cli), NULL, error, sizeof(error))) == NULL)
  {
    cjConnDelete(conn);
    return (cliFail(cli, CLI_REFUSED, "%s", conn ? error : "out of memory"));
  }
  timed_cups = dspCupsDefault;
  timed_cups.open = timed_open;
  timed_cups.create = timed_create;
  timed_cups.send = timed_send;
  dspSetCups(d, &timed_cups, conn);
  if ((status = dspAddAllPrinters(d)) != DSP_OK || (status = dspLease(d)) != DSP_OK ||
      (status = dspReconcile(d)) != DSP_OK)
  {
    result = cliFail(cli, cliExitCode((inv_status_t)status), "%s", dspErrmsg(d));
    goto done;
  }
  split_take(0);

  for (int64_t r = 0; r < rounds; r ++)
  {
    before = dspStats(d)->started;
    t = dspNow();
    if ((status = dspStep(d, true, &busy, &started)) != DSP_OK)
    {
      result = cliFail(cli, cliExitCode((inv_status_t)status), "%s", dspErrmsg(d));
      goto done;
    }
    one = split_take(dspNow() - t);
    if (dspStats(d)->unsent || dspStats(d)->resubmitted)
    {
      result = cliFail(cli, CLI_REFUSED, "round %lld: %lld not sent, %lld sent again", (long long)r + 1,
                       (long long)dspStats(d)->unsent, (long long)dspStats(d)->resubmitted);
      goto done;
    }
    if (r == 0)
    {
      first = one;
      first_n = dspStats(d)->started - before;
    }
    else
    {
      split_add(&steady, &one);
      steady_n += dspStats(d)->started - before;
    }
    fprintf(stderr, "bench-print: round %lld: %lld cards in %.3f s\n", (long long)r + 1,
            (long long)(dspStats(d)->started - before), one.total);
    if (!started)
      break;

    /* Let the engine's poll time pass (untimed). */
    nap(DSP_POLL_MS / 1000.0 + 0.1);
    if (r == rounds - 1)
    {
      /* The last round's cards stay in flight: one poll of each through
         CUPS (Get-Job-Attributes; they are queued on a stopped queue). */
      t = dspNow();
      if ((status = dspStep(d, false, &busy, &started)) != DSP_OK)
      {
        result = cliFail(cli, cliExitCode((inv_status_t)status), "%s", dspErrmsg(d));
        goto done;
      }
      poll_s = dspNow() - t;
      polled = dspStats(d)->started - before;
      split_take(0);
      break;
    }

    /* As if CUPS had reported every card printed: what the engine commits
       then (timed apart; the collecting of job ids is not). */
    open.n = 0;
    if (invDbBeginRead(cliGetDb(cli)) != INV_OK)
      abort();
    invPrintJobList(cliGetDb(cli), NULL, true, collect, &open);
    invDbEndRead(cliGetDb(cli));
    t = dspNow();
    for (size_t i = 0; i < open.n; i ++)
    {
      inv_status_t st;

      if ((st = invDbBegin(cliGetDb(cli))) != INV_OK || (st = invPrintIssued(cliGetDb(cli), open.ids[i])) != INV_OK ||
          (st = invDbCommit(cliGetDb(cli))) != INV_OK)
      {
        invDbRollback(cliGetDb(cli));
        result = cliFailDb(cli, st);
        goto done;
      }
    }
    issued_s += dspNow() - t;
    issued_n += (int64_t)open.n;
  }

  split_print("first", &first, first_n);
  split_print("steady", &steady, steady_n);
  printf("issued_cards %lld\nissued_s %.4f\n", (long long)issued_n, issued_s);
  printf("polled_jobs %lld\npoll_s %.4f\n", (long long)polled, poll_s);
  result = CLI_OK;

done:
  free(open.ids);
  dspDelete(d);
  cjConnDelete(conn);
  return (result);
}


static const cli_cmd_t commands[] =
{
  { "bench", cmd_bench, CLI_SELF, INV_ROLE_PRINTROOM, bench_options, "--rounds R",
    "Start one card per printer per round, R rounds, against stopped CUPS queues.\n" },
  { NULL, NULL, 0, 0, NULL, NULL, NULL }
};


int
main(int  argc,
     char *argv[])
{
  return (cliMain("bench-print", commands, argc, argv));
}
