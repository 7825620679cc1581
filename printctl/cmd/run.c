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


/* Run the queue. */
int
cmdRun(cli_t *cli,			/* I - Command context */
       int   argc,			/* I - Arguments */
       char  *argv[])
{
  const char	*printers[64];
  int		nprinters = 0, c;
  dsp_status_t	result = DSP_OK;
  bool		once = false, tty = isatty(STDERR_FILENO), busy, started;
  int64_t	max = 0;
  char		error[1024];
  dsp_t		*d;
  double	t0 = dspNow(), last_progress = 0;
  struct sigaction sa;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR :
          return (CLI_USAGE);
      case 'p' :
          if (nprinters == (int)(sizeof(printers) / sizeof(printers[0])))
            return (cliUsage(cli, _("too many --printer options")));
          printers[nprinters ++] = optarg;
          break;
      case 'o' :
          once = true;
          break;
      case 'm' :
          if (!cliParseCount(optarg, &max) || max < 1)
            return (cliUsage(cli, _("--max takes a count of cards, 1 or more")));
          break;
    }
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument \"%s\""), argv[optind]));

  if ((d = dspNew(cliGetDb(cli), cliGetActor(cli), cliGetConfig(cli), tty ? NULL : stdout, error, sizeof(error))) == NULL)
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  dspSetNotice(d, run_notice, cli);
  for (int i = 0; i < nprinters && result == DSP_OK; i ++)
    result = dspAddPrinter(d, printers[i]);
  if (result == DSP_OK && !nprinters)
    result = dspAddAllPrinters(d);
  if (result == DSP_OK)
    result = dspLease(d);

  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);

  if (result == DSP_OK)
    result = dspReconcile(d);
  while (result == DSP_OK)
  {
    const dsp_stats_t	*st = dspStats(d);
    bool		may_start = !stop_requested && (!max || st->started < max);
    struct timespec	nap = { 0, 100 * 1000 * 1000 };

    if (stop_requested > 1 || (result = dspStep(d, may_start, &busy, &started)) != DSP_OK)
      break;
    if (!busy && !started && (stop_requested || once || (max && st->started >= max) || !dspHeld(d)))
      break;
    if (tty && dspNow() - last_progress >= 0.5)
    {
      int64_t pending = 0;

      if (invDbBeginRead(cliGetDb(cli)) == INV_OK)
      {
        invRequestCount(cliGetDb(cli), "pending", &pending);
        invDbEndRead(cliGetDb(cli));
      }
      progress(st, t0, pending);
      last_progress = dspNow();
    }
    if (!started)
      nanosleep(&nap, NULL);
  }
  if (tty)
    fputc('\n', stderr);
  if (result == DSP_OK && stop_requested > 1)
    fprintf(stderr, _("%s %s: stopped at once; %lld cards in flight stay recorded as sent and the next run follows them\n"),
            cliGetProgram(cli), cliGetCommandName(cli), (long long)dspInFlight(d));
  if (result == DSP_OK)
  {
    const dsp_stats_t *st = dspStats(d);

    printf(_("Run ended: %lld printed, %lld spoiled, %lld suspect, %lld sent again, %lld not sent.\n"),
           (long long)st->issued, (long long)st->spoiled, (long long)st->suspect, (long long)st->resubmitted,
           (long long)st->unsent);
    result = dspVerdict(d, stop_requested || (max && st->started >= max));
  }
  c = run_result(cli, d, result);
  dspDelete(d);
  return (c);
}
