/*
 * printctl run: the dispatcher.  Reconciles with CUPS first, then gives
 * each printer with blanks the oldest pending request, one card at a time,
 * and follows every job to its end.  SIGINT or SIGTERM stops new work and
 * finishes following what is in flight; a second one ends the run at once
 * (the cards in flight stay recorded as sent, for the next run to follow);
 * a third acts as the signal does by default.  On a terminal it shows
 * progress; otherwise it writes plain log lines.
 */

#include "commands.h"
#include "../dispatch.h"
#include "blanko/anchor.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop_requested = 0;


/* SIGINT, SIGTERM: no new cards; the second: stop at once; the third
 * acts as the signal does. */
static void
on_signal(int sig)			/* I - Signal */
{
  (void)sig;
  if (stop_requested ++)
  {
    struct sigaction dfl;

    memset(&dfl, 0, sizeof(dfl));
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGINT, &dfl, NULL);
    sigaction(SIGTERM, &dfl, NULL);
  }
}


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdRunOptions[] =
{
  { "printer", required_argument, NULL, 'p' },
  { "once", no_argument, NULL, 'o' },
  { "max", required_argument, NULL, 'm' },
  { "order", required_argument, NULL, 'O' },
  { NULL, 0, NULL, 0 }
};


/* The engine's lines for the operator: "printctl run: LINE" on stderr. */
static void
run_notice(void       *data,		/* I - cli_t */
           const char *line)		/* I - The line */
{
  cli_t *cli = data;

  fprintf(stderr, "%s %s: %s\n", cliGetProgram(cli), cliGetCommandName(cli), line);
}


/* The exit status of an engine's result, with its message on the command. */
static int
run_result(cli_t        *cli,		/* I - Command context */
           dsp_t        *d,		/* I - Engine */
           dsp_status_t status)		/* I - Its result */
{
  if (status == DSP_OK)
    return (CLI_OK);
  return (cliFail(cli, cliExitCode((inv_status_t)status), "%s", dspErrmsg(d)));
}


/* Progress on a terminal: cards done, failed, rate, time left. */
static void
progress(const dsp_stats_t *st, double started, int64_t pending)
{
  double	elapsed = dspNow() - started;
  double	rate = elapsed > 0 ? st->issued / elapsed : 0;

  fputc('\r', stderr);
  fprintf(stderr, _("printed %lld, spoiled %lld, suspect %lld, %.2f cards/s, %lld waiting, about %.0f s left   "),
          (long long)st->issued, (long long)st->spoiled, (long long)st->suspect, rate, (long long)pending,
          rate > 0 ? pending / rate : 0.0);
  fflush(stderr);
}


/* What the options ask of a run. */
typedef struct run_opts_s
{
  const char	*printers[64];	/* --printer names */
  int		nprinters;	/* How many */
  bool		once;		/* --once: stop when nothing is under way */
  int64_t	max;		/* --max cards to start, 0 for no limit */
  bool		delivery;	/* --order delivery (or [printer] order) */
} run_opts_t;


/* Read the command's options; CLI_OK, or the exit status of a usage error. */
static int
run_options(cli_t      *cli,		/* I - Command context */
            int        argc,		/* I - Arguments */
            char       *argv[],
            run_opts_t *opts)		/* O - What they ask */
{
  int c;

  memset(opts, 0, sizeof(*opts));
  opts->delivery = cliGetConfig(cli)->print_delivery;
  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR :
          return (CLI_USAGE);
      case 'p' :
          if (opts->nprinters == (int)(sizeof(opts->printers) / sizeof(opts->printers[0])))
            return (cliUsage(cli, _("too many --printer options")));
          opts->printers[opts->nprinters ++] = optarg;
          break;
      case 'o' :
          opts->once = true;
          break;
      case 'm' :
          if (!cliParseCount(optarg, &opts->max) || opts->max < 1)
            return (cliUsage(cli, _("--max takes a count of cards, 1 or more")));
          break;
      case 'O' :
          if (strcmp(optarg, "delivery") && strcmp(optarg, "recorded"))
            return (cliUsage(cli, _("--order takes delivery or recorded")));
          opts->delivery = !strcmp(optarg, "delivery");
          break;
    }
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument \"%s\""), argv[optind]));
  return (CLI_OK);
}


/* Give the engine the printers named (else all) and lease them. */
static dsp_status_t
run_printers(dsp_t            *d,	/* I - Engine */
             const run_opts_t *opts)	/* I - What the options ask */
{
  dsp_status_t result = DSP_OK;

  for (int i = 0; i < opts->nprinters && result == DSP_OK; i ++)
    result = dspAddPrinter(d, opts->printers[i]);
  if (result == DSP_OK && !opts->nprinters)
    result = dspAddAllPrinters(d);
  if (result == DSP_OK)
    result = dspLease(d);
  return (result);
}


/* Catch SIGINT and SIGTERM (on_signal). */
static void
run_catch_signals(void)
{
  struct sigaction sa;

  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
}


/* Show progress with the count of requests waiting, read in a snapshot. */
static void
run_show_progress(cli_t             *cli,	/* I - Command context */
                  const dsp_stats_t *st,	/* I - Engine's figures */
                  double            t0)		/* I - When the run began */
{
  int64_t pending = 0;

  if (invDbBeginRead(cliGetDb(cli)) == INV_OK)
  {
    invRequestCount(cliGetDb(cli), "pending", &pending);
    invDbEndRead(cliGetDb(cli));
  }
  progress(st, t0, pending);
}


/* Step the engine until the queue is done, the options' limit is
   reached or a signal stops it, napping while nothing starts; sign the
   day-end checkpoints due (invAnchorDayEnd). */
static dsp_status_t
run_loop(cli_t            *cli,		/* I - Command context */
         dsp_t            *d,		/* I - Engine */
         const run_opts_t *opts,	/* I - What the options ask */
         bool             tty,		/* I - Show progress on the terminal? */
         double           t0)		/* I - When the run began */
{
  dsp_status_t	result = DSP_OK;
  double	last_progress = 0;
  bool		busy, started;
  time_t	signed_day = -1;	/* UTC day whose day-end checks are done */

  while (result == DSP_OK)
  {
    /* Once a UTC day (and at the start): sign the day that ended, even
       when nothing is printed after midnight; retried until it works. */
    if (time(NULL) / 86400 != signed_day && invAnchorDayEnd(cliGetDb(cli), NULL) == INV_OK)
      signed_day = time(NULL) / 86400;

    const dsp_stats_t	*st = dspStats(d);
    bool		may_start = !stop_requested && (!opts->max || st->started < opts->max);
    struct timespec	nap = { 0, 100 * 1000 * 1000 };

    if (stop_requested > 1 || (result = dspStep(d, may_start, &busy, &started)) != DSP_OK)
      break;
    if (!busy && !started && (stop_requested || opts->once || (opts->max && st->started >= opts->max) || !dspHeld(d)))
      break;
    if (tty && dspNow() - last_progress >= 0.5)
    {
      run_show_progress(cli, st, t0);
      last_progress = dspNow();
    }
    if (!started)
      nanosleep(&nap, NULL);
  }
  return (result);
}


/* Say how the run ended and give the engine's verdict on it. */
static dsp_status_t
run_report(cli_t            *cli,	/* I - Command context */
           dsp_t            *d,		/* I - Engine */
           const run_opts_t *opts)	/* I - What the options ask */
{
  const dsp_stats_t *st = dspStats(d);
  char			n[5][32];	/* Counts, grouped */

  if (stop_requested > 1)
    fprintf(stderr, _("%s %s: stopped at once; %s cards in flight stay recorded as sent and the next run follows them\n"),
            cliGetProgram(cli), cliGetCommandName(cli), i18nCount(dspInFlight(d), n[0], sizeof(n[0])));
  printf(_("Run ended: %s printed, %s spoiled, %s suspect, %s sent again, %s not sent.\n"),
         i18nCount(st->issued, n[0], sizeof(n[0])), i18nCount(st->spoiled, n[1], sizeof(n[1])),
         i18nCount(st->suspect, n[2], sizeof(n[2])), i18nCount(st->resubmitted, n[3], sizeof(n[3])),
         i18nCount(st->unsent, n[4], sizeof(n[4])));
  return (dspVerdict(d, stop_requested || (opts->max && st->started >= opts->max)));
}


/* Run the queue. */
int
cmdRun(cli_t *cli,			/* I - Command context */
       int   argc,			/* I - Arguments */
       char  *argv[])
{
  run_opts_t	opts;
  dsp_status_t	result;
  bool		tty = isatty(STDERR_FILENO);
  double	t0 = dspNow();
  char		error[1024];
  dsp_t		*d;
  int		status;

  if ((status = run_options(cli, argc, argv, &opts)) != CLI_OK)
    return (status);
  if ((d = dspNew(cliGetDb(cli), cliGetActor(cli), cliGetConfig(cli), tty ? NULL : stdout, error, sizeof(error))) == NULL)
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  dspSetNotice(d, run_notice, cli);
  invPrintSetOrder(cliGetDb(cli), opts.delivery);
  result = run_printers(d, &opts);
  run_catch_signals();
  if (result == DSP_OK)
    result = dspReconcile(d);
  if (result == DSP_OK)
    result = run_loop(cli, d, &opts, tty, t0);
  if (tty)
    fputc('\n', stderr);
  if (result == DSP_OK)
    result = run_report(cli, d, &opts);
  status = run_result(cli, d, result);
  dspDelete(d);
  return (status);
}
