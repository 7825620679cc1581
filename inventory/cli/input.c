/*
 * What commands read besides their options, one way for all: exactly one
 * argument, and a line (a password, a NIK) read without echo from the
 * terminal or from standard input.  See blanko/cli.h.
 */

#include "blanko/cli.h"
#include "blanko/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>


/*
 * Read a command's options (none but its table's) and its one argument,
 * argv[optind] on CLI_OK; CLI_USAGE with usage when there is not exactly one.
 */

int
cliOneArgument(cli_t      *cli,		/* I - Command context */
               int        argc,		/* I - Arguments */
               char       *argv[],	/* I - Arguments */
               const char *usage)	/* I - Usage message (translated) */
{
  int c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
  if (optind != argc - 1)
    return (cliUsage(cli, "%s", usage));
  return (CLI_OK);
}


/*
 * Read one line from standard input: from a terminal without echo, the
 * prompt on stderr.  False at end of input.
 */

bool
cliReadSecret(const char *prompt,	/* I - Prompt for a terminal */
              char       *buf,		/* O - The line, without its end */
              size_t     bufsize)	/* I - Its size */
{
  struct termios	old, quiet;
  bool			tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0, ok;

  if (tty)
  {
    fputs(prompt, stderr);
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  ok = fgets(buf, (int)bufsize, stdin) != NULL;
  if (tty)
  {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    fputc('\n', stderr);
  }
  if (ok)
    buf[strcspn(buf, "\r\n")] = '\0';
  return (ok);
}
