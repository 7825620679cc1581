/*
 * The command-line frame shared by blanko's programs.  See blanko/cli.h.
 */

#include "cli-private.h"
#include "blanko/anchor.h"
#include "blanko/config.h"
#include "blanko/date.h"
#include "blanko/distribution.h"
#include "blanko/suket.h"
#include "blanko/i18n.h"
#include "blanko/privilege.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef LOCALEDIR
#  define LOCALEDIR "/usr/local/share/locale"
#endif
#ifndef BLANKO_VERSION
#  define BLANKO_VERSION "0.1"
#endif


/* Record why a command failed (printed once, by cliMain) and return status. */
int
cliFail(cli_t      *cli,		/* I - Command context */
        int        status,		/* I - Exit status */
        const char *format,		/* I - printf-style message */
        ...)
{
  va_list ap;

  va_start(ap, format);
  vsnprintf(cli->message, sizeof(cli->message), format, ap);
  va_end(ap);
  return (status);
}


/* Out of memory: record the one message and return the exit status. */
int
cliFailNoMemory(cli_t *cli)		/* I - Command context */
{
  return (cliFail(cli, CLI_REFUSED, "%s", i18nNoMemory()));
}


/* Map a library status to an exit status. */
int
cliExitCode(inv_status_t status)	/* I - Library status */
{
  return (status == INV_ERROR ? CLI_REFUSED : (int)status);
}


/* Fail with the ledger's own message. */
int
cliFailDb(cli_t        *cli,		/* I - Command context */
          inv_status_t status)		/* I - Library status */
{
  return (cliFail(cli, cliExitCode(status), "%s", invDbGetError(cli->db)));
}


/* Fail with a usage error, pointing at --help. */
int
cliUsage(cli_t      *cli,		/* I - Command context */
         const char *format,		/* I - printf-style message */
         ...)
{
  char		text[768];
  va_list	ap;

  va_start(ap, format);
  vsnprintf(text, sizeof(text), format, ap);
  va_end(ap);
  return (cliFail(cli, CLI_USAGE, _("%s (see '%s %s --help')"), text, cli->prog,
                  cli->cmd ? cli->cmd->name : ""));
}


/* Parse a command that takes no options and no arguments (--help and
   the frame's options are the frame's): CLI_OK, or CLI_USAGE after the
   usage message (why, or "unexpected argument" when why is NULL). */
int
cliParseNothing(cli_t      *cli,		/* I - Command context */
                int        argc,		/* I - Arguments */
                char       *argv[],
                const char *why)		/* I - Message for an argument, or NULL */
{
  int c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
  if (optind >= argc)
    return (CLI_OK);
  if (why)
    return (cliUsage(cli, "%s", why));
  return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
}


/*
 * The next option of a command (long options, and "-c" for those whose val
 * has CLI_SHORT): its val, -1 when the
 * options end (positional arguments start at argv[optind]), or
 * CLI_OPTION_ERROR after recording a usage message.
 */

int
cliGetOption(cli_t               *cli,	/* I - Command context */
             int                 argc,	/* I - Arguments */
             char                *argv[],
             const struct option *opts)	/* I - Options, ending in {NULL} */
{
  static const struct option none[] = { { NULL, 0, NULL, 0 } };
  char	shorts[64] = ":";
  size_t n = 1;
  int	c, longindex = -1;

  for (const struct option *o = opts; o && o->name && n < sizeof(shorts) - 3; o ++)
    if (o->val & CLI_SHORT)
    {
      shorts[n ++] = (char)(o->val & 0xff);
      if (o->has_arg == required_argument)
        shorts[n ++] = ':';
      shorts[n] = '\0';
    }
  opterr = 0;
  c = getopt_long(argc, argv, shorts, opts ? opts : none, &longindex);
  if (longindex < 0 && c > 0 && c < CLI_SHORT && c != ':' && c != '?')
    c |= CLI_SHORT;			/* a short option: the table's val */
  if (c > 0)
  {
    for (const struct option *o = opts; o && o->name; o ++)
      if ((o->val & ~CLI_PATH) == (c & ~CLI_PATH) && (o->val & CLI_PATH) && optarg && !*optarg)
      {
        cliUsage(cli, _("--%s: the path is empty"), o->name);
        return (CLI_OPTION_ERROR);
      }
    c &= ~CLI_PATH;			/* the table's val without the mark */
  }
  if (c == ':')
  {
    cliUsage(cli, _("%s needs a value"), argv[optind - 1]);
    return (CLI_OPTION_ERROR);
  }
  if (c == '?')
  {
    if (optopt && optopt < 128)
      cliUsage(cli, _("unknown option -%c"), optopt);
    else
    {
      char name[256];

      cliUsage(cli, _("unknown option %s"), invTextSafe(argv[optind - 1], name, sizeof(name)));
    }
    return (CLI_OPTION_ERROR);
  }
  return (c);
}


/* Parse a serial list given to option; on failure record where it was wrong. */
int
cliParseList(cli_t      *cli,		/* I - Command context */
             const char *option,	/* I - Option name, for messages */
             const char *text,		/* I - The list */
             inv_list_t **list)		/* O - Parsed list (caller deletes) */
{
  if ((*list = invListNew()) == NULL)
    return (cliFailNoMemory(cli));
  if (invListParse(*list, text) != INV_OK)
    return (cliFail(cli, CLI_REFUSED, "%s: %s", option, invListGetError(*list)));
  return (CLI_OK);
}


/* Parse a non-negative decimal count. */
bool
cliParseCount(const char *text,		/* I - Text */
              int64_t    *value)	/* O - Value */
{
  char		*end;
  long long	v;

  if (!text || !*text || *text == '-' || *text == '+' || *text == ' ')
    return (false);
  v = strtoll(text, &end, 10);
  if (*end || v < 0 || v == LLONG_MAX)
    return (false);
  *value = v;
  return (true);
}


/* Print JSON on stdout and release it. */
void
cliJsonPrint(json_t *value)		/* I - Value (reference stolen) */
{
  json_dumpf(value, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  putchar('\n');
  json_decref(value);
}


/* Show progress of long work on a terminal; say nothing into a pipe. */
void
cliProgress(void    *ctx,		/* I - What is being done (a string) */
            int64_t done,		/* I - Units done */
            int64_t total)		/* I - Units in all */
{
  if (!isatty(STDERR_FILENO) || total <= 0)
    return;
  fprintf(stderr, "\r%s: %3d%% (%" PRId64 "/%" PRId64 ")%s", (const char *)ctx,
          (int)(100 * done / total), done, total, done >= total ? "\n" : "");
  fflush(stderr);
}


/* Translate a string from a command table; "" stays "", since gettext("")
   returns the catalog's header. */
static const char *
table_text(const char *text)		/* I - N_() string or "" */
{
  return (text && *text ? _(text) : "");
}


/* The role names of a command's help, separated by ", " ("warehouse, auditor"). */
static char *
who_roles_copy(unsigned roles)		/* I - Role bits */
{
  char		*names = invRolesFormatCopy(roles), *text, *p;
  size_t	n = 0;

  if (!names)
    return (NULL);
  for (p = names; *p; p ++)
    n += *p == ',';
  if ((text = malloc(strlen(names) + n + 1)) != NULL)
  {
    char *q = text;

    for (p = names; *p; p ++)
    {
      *q++ = *p;
      if (*p == ',')
        *q++ = ' ';
    }
    *q = '\0';
  }
  free(names);
  return (text);
}


/* Print the list of commands. */
static void
print_commands(FILE *fp, const char *prog, const cli_cmd_t *cmds)
{
  fprintf(fp, _("Usage: %s [--db FILE] [--user NAME] [--json] COMMAND [ARGS]\n\nCommands:\n"), prog);
  for (const cli_cmd_t *c = cmds; c->name; c ++)
  {
    const char *usage = table_text(c->usage);

    fprintf(fp, "  %s%s%s\n", c->name, *usage ? " " : "", usage);
  }
  fprintf(fp, _("\nGlobal options:\n"
                "  --db FILE     the ledger (else $BLANKO_DB, else the configuration's path)\n"
                "  --user NAME   act as this registered user (root only)\n"
                "  --json        print read results as JSON\n"
                "  --help        this text; COMMAND --help tells about one command\n"
                "  --version     the program's version\n\n"
                "Exit status: 0 done, 1 refused, 2 usage, 3 a check found a problem.\n"));
}


/*
 * The command table for shell completion (the hidden global option
 * --complete; etc/bash-completion/blanko reads it), one line a command:
 * its name, a tab, its options, a tab, its usage as the table has it
 * (untranslated, so that the completion can read the values it names).
 * An option is "--name" alone, "--name=" with a value, "--name=/" with a
 * path; a short form follows its long one ("-o=/").  The first line has
 * an empty name and the global options.
 */

static void
print_completion(const cli_cmd_t *cmds)	/* I - Command table */
{
  printf("\t--db=/ --user= --json --help --version\t\n");
  for (const cli_cmd_t *c = cmds; c->name; c ++)
  {
    printf("%s\t--help --json", c->name);
    for (const struct option *o = c->opts; o && o->name; o ++)
    {
      const char *value = o->has_arg == no_argument ? "" : (o->val & CLI_PATH) ? "=/" : "=";

      printf(" --%s%s", o->name, value);
      if (o->val & CLI_SHORT)
        printf(" -%c%s", o->val & 0xff, value);
    }
    printf("\t%s\n", c->usage ? c->usage : "");
  }
}


/* Find the command named by argv (one to three words); *words says how many. */
static const cli_cmd_t *
find_command(const cli_cmd_t *cmds, int argc, char *argv[], int *words)
{
  for (const cli_cmd_t *c = cmds; c->name; c ++)
  {
    const char	*name = c->name;
    int		n = 0;

    while (n < argc)
    {
      const char	*space = strchr(name, ' ');
      size_t		len = space ? (size_t)(space - name) : strlen(name);

      if (strlen(argv[n]) != len || strncmp(argv[n], name, len))
        break;
      n ++;
      if (!space)
      {
        *words = n;
        return (c);
      }
      name = space + 1;
    }
  }
  return (NULL);
}


/* Does the command's argument list ask for help?  Takes --json out of it
 * and notes --offline (or --public-key: keys brought from elsewhere) for a
 * command that may run without the ledger. */
static bool
scan_arguments(cli_t *cli, int *argc, char *argv[])
{
  bool help = false;

  for (int i = 1; i < *argc && strcmp(argv[i], "--"); i ++)
  {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
      help = true;
    else if ((!strcmp(argv[i], "--offline") || !strcmp(argv[i], "--public-key") ||
              !strncmp(argv[i], "--public-key=", 13)) && (cli->cmd->flags & CLI_OFFLINE))
      cli->offline = true;
    else if (!strcmp(argv[i], "--json"))
    {
      cli->json = true;
      memmove(argv + i, argv + i + 1, (size_t)(*argc - i) * sizeof(char *));
      (*argc) --;
      i --;
    }
  }
  return (help);
}


/* Refuse an argument that is not UTF-8 text free of control and
   bidirectional characters (invTextCheck); what names it ("--ref"). */
static int
check_text(cli_t      *cli,		/* I - Command context, or NULL (global option) */
           const char *prog,		/* I - Program name */
           const char *what,		/* I - The option or "argument N" */
           const char *text)		/* I - Its value */
{
  inv_text_t	problem = invTextCheck(text);
  char		name[64];

  if (problem == INV_TEXT_OK)
    return (CLI_OK);
  invTextSafe(what, name, sizeof(name));
  if (cli)
    return (cliFail(cli, CLI_REFUSED, "%s %s", name, invTextProblem(problem)));
  fprintf(stderr, "%s: %s %s\n", prog, name, invTextProblem(problem));
  return (CLI_REFUSED);
}


/* The option whose value getopt just gave (optarg): "--ref" of "--ref
   X" or "--ref=X", "-r" of "-r X" or "-rX". */
static const char *
option_name(char *argv[], char *buf, size_t bufsize)
{
  const char *arg = argv[optind - 1];

  if (optarg == arg && optind >= 2)
    arg = argv[optind - 2];
  if (arg[0] == '-' && arg[1] == '-')
    snprintf(buf, bufsize, "%.*s", (int)strcspn(arg, "="), arg);
  else
    snprintf(buf, bufsize, "%.2s", arg);
  return (buf);
}


/* Check the command's options against its table, and every option value
   and operand as text, before anything is opened. */
static int
check_options(cli_t *cli, int argc, char *argv[])
{
  char	name[64];
  int	c, result;

  optind = 0;
  while ((c = cliGetOption(cli, argc, argv, cli->cmd->opts)) != -1)
  {
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    if (optarg && (result = check_text(cli, cli->prog, option_name(argv, name, sizeof(name)), optarg)) != CLI_OK)
      return (result);
  }
  for (int i = optind; i < argc; i ++)
  {
    /* TRANSLATORS: names an operand in a message: "argument 2 is not valid UTF-8 text". */
    snprintf(name, sizeof(name), _("argument %d"), i - optind + 1);
    if ((result = check_text(cli, cli->prog, name, argv[i])) != CLI_OK)
      return (result);
  }
  return (CLI_OK);
}


/* The OS account running the program: the real one, whatever group the
   program runs with. */
static const char *
os_user(void)
{
  struct passwd *pw = getpwuid(getuid());

  return (pw ? pw->pw_name : NULL);
}


/* Do the actor's roles allow the command?  A disabled user may run none. */
static int
check_roles(cli_t *cli)
{
  inv_status_t	status = invUserGetActive(cli->db, cli->actor, &cli->roles);	/* refused when disabled */
  char		*need;
  int		result;

  if (status != INV_OK)
    return (cliFailDb(cli, status));
  if (!cli->cmd->roles || (cli->roles & cli->cmd->roles))
    return (CLI_OK);
  need = invRolesFormatCopy(cli->cmd->roles);
  result = cliFail(cli, CLI_REFUSED, _("'%s' needs the %s role, which %s does not have"), cli->cmd->name,
                   need ? need : "?", cli->actor);
  free(need);
  return (result);
}


/* Remove a ledger that init failed to finish, with its WAL files. */
static void
remove_ledger(const char *path)
{
  char side[1100];

  unlink(path);
  snprintf(side, sizeof(side), "%s-wal", path);
  unlink(side);
  snprintf(side, sizeof(side), "%s-shm", path);
  unlink(side);
}


/*
 * What a write command prints is held back until its transaction commits,
 * so that nothing says "Received ..." of a receipt the disk then refused.
 * Commands print to stdout as usual; the frame points stdout at a memory
 * stream meanwhile (glibc's stdout is an ordinary variable) and prints
 * what was held only after the commit.
 */

typedef struct held_out_s		/* stdout held back during a command */
{
  FILE		*real;		/* The real stdout, or NULL when not held */
  char		*text;		/* What the command printed */
  size_t	len;
} held_out_t;


/* Start holding stdout back; false when out of memory. */
static bool
hold_stdout(held_out_t *held)		/* O - What is held */
{
  FILE *mem;

  memset(held, 0, sizeof(*held));
  fflush(stdout);
  if ((mem = open_memstream(&held->text, &held->len)) == NULL)
    return (false);
  held->real = stdout;
  stdout = mem;
  return (true);
}


/* Stop holding stdout back, printing what was held when print is true;
   false when that could not be written out. */
static bool
release_stdout(held_out_t *held,	/* I - What is held */
               bool       print)	/* I - Print it (the commit succeeded)? */
{
  bool ok = true;

  if (!held->real)
    return (true);
  fclose(stdout);			/* the memory stream: sets text and len */
  stdout = held->real;
  held->real = NULL;
  if (print && held->text && held->len)
    ok = fwrite(held->text, 1, held->len, stdout) == held->len && fflush(stdout) == 0;
  free(held->text);
  held->text = NULL;
  return (ok);
}


/* Who acts: the OS account, or the registered user root names with
   --user; sets cli->actor and *via (the OS account acting for another). */
static int
set_actor(cli_t      *cli,		/* I - Command context */
          const char *as_user,		/* I - --user, or NULL */
          const char **via)		/* O - Account acting for the actor, or NULL */
{
  const char *me = os_user();

  *via = NULL;
  if (!me)
    return (cliFail(cli, CLI_REFUSED, _("cannot tell which account is running this program")));
  if (as_user && strcmp(as_user, me))
  {
    if (getuid() != 0)
      return (cliFail(cli, CLI_REFUSED, _("only root may act as another user (--user %s)"), as_user));
    *via = me;
  }
  snprintf(cli->actor, sizeof(cli->actor), "%s", as_user ? as_user : me);
  snprintf(cli->via, sizeof(cli->via), "%s", *via ? *via : "");
  return (CLI_OK);
}


/* Close the ledger init failed to finish and remove it. */
static void
drop_new_ledger(cli_t      *cli,		/* I - Command context */
                const char *db_path)	/* I - The ledger's path */
{
  invDbClose(cli->db);
  cli->db = NULL;
  remove_ledger(db_path);
}


/* Open the ledger as the command needs it (created, written or only
   read) and name the actor on it. */
static int
open_ledger(cli_t      *cli,		/* I - Command context */
            const char *db_path,	/* I - The ledger's path */
            int        busy_timeout,	/* I - Milliseconds to wait for a lock */
            const char *via)		/* I - Account acting for the actor, or NULL */
{
  bool		create = (cli->cmd->flags & CLI_CREATE) != 0;
  int		open_flags = 0;
  inv_status_t	status;
  int		result;

  if (create)
    open_flags = INV_OPEN_CREATE;
  else if (!(cli->cmd->flags & (CLI_WRITE | CLI_SELF)))
    open_flags = INV_OPEN_READ;		/* readable on a full disk too */
  if ((status = invDbOpen(db_path, open_flags, &cli->db)) != INV_OK)
  {
    result = cliFailDb(cli, status);
    if (create && status != INV_REFUSED)
      drop_new_ledger(cli, db_path);
    return (result);
  }
  invDbSetBusyTimeout(cli->db, busy_timeout);
  invDbSetActor(cli->db, cli->actor, via);
  invAnchorAttach(cli->db);		/* day-end checkpoints at the first write of a day */
  invRecordSetNumberFormat(cli->db, INV_RECORD_DESTRUCTION, cli->config->destruction_number);
  invRecordSetNumberFormat(cli->db, INV_RECORD_WRITEOFF, cli->config->writeoff_number);
  invHandoverSetNumberFormat(cli->db, cli->config->handover_number);
  invSuketSetNumberFormat(cli->db, cli->config->suket_number);
  return (CLI_OK);
}


/* Start what the command runs in: a write transaction, one read
   snapshot for all its queries, or nothing (init, and a CLI_SELF
   command that commits what it does itself). */
static int
begin_command(cli_t *cli)		/* I - Command context */
{
  inv_status_t	status = INV_OK;

  if (cli->cmd->flags & CLI_SELF)
    return (CLI_OK);
  if ((cli->cmd->flags & CLI_WRITE) && !(cli->cmd->flags & CLI_CREATE))
    status = invDbBegin(cli->db);
  else if (!(cli->cmd->flags & (CLI_WRITE | CLI_CREATE)))
    status = invDbBeginRead(cli->db);
  if (status != INV_OK)
    return (cliFailDb(cli, status));
  return (CLI_OK);
}


/* End what begin_command started: commit a write that succeeded (or
   found a problem) and print what it printed, else roll it back; end a
   read snapshot.  Returns the command's exit status, or the failure. */
static int
end_command(cli_t      *cli,		/* I - Command context */
            held_out_t *held,		/* I - stdout held back by a write */
            int        result)		/* I - What the command returned */
{
  inv_status_t	status;

  if (cli->cmd->flags & CLI_SELF)
    return (result);			/* it committed what it did */
  if (!(cli->cmd->flags & (CLI_WRITE | CLI_CREATE)))
  {
    invDbEndRead(cli->db);
    return (result);
  }
  if (result == CLI_OK || result == CLI_PROBLEM)
  {
    if ((status = invDbCommit(cli->db)) != INV_OK)
      result = cliFailDb(cli, status);
  }
  else
    invDbRollback(cli->db);
  if (!release_stdout(held, result == CLI_OK || result == CLI_PROBLEM))	/* not when the commit failed */
    result = cliFail(cli, CLI_REFUSED, _("the change was committed, but its report could not be written to "
                                         "standard output: %s"), strerror(errno));
  return (result);
}


/* Run one command with its ledger open; returns the exit status. */
static int
run_command(cli_t      *cli,		/* I - Command context */
            const char *db_path,	/* I - The ledger's path */
            const char *as_user,	/* I - --user, or NULL */
            int        busy_timeout,	/* I - Milliseconds to wait for a lock */
            int        argc,		/* I - Command's arguments */
            char       *argv[])
{
  const char	*via;
  int		result;
  bool		create = (cli->cmd->flags & CLI_CREATE) != 0;
  held_out_t	held;

  if (create && cliPrivIsPrivileged())	/* else the first staff member to run init would be admin */
    return (cliFail(cli, CLI_REFUSED, _("only root or the service's account may make the office's ledger %s"), db_path));
  if ((result = set_actor(cli, as_user, &via)) != CLI_OK)
    return (result);
  cli->db_path = db_path;
  if (cli->offline)
  {
    optind = 0;				/* no ledger: the command reads only its own files */
    return (cli->cmd->fn(cli, argc, argv));
  }

  if ((result = open_ledger(cli, db_path, busy_timeout, via)) != CLI_OK)
    return (result);
  if (!create && (result = check_roles(cli)) != CLI_OK)
    return (result);
  if ((result = begin_command(cli)) != CLI_OK)
    return (result);

  if ((cli->cmd->flags & (CLI_WRITE | CLI_CREATE)) && !(cli->cmd->flags & CLI_SELF) && !hold_stdout(&held))
  {
    if (!create)
      invDbRollback(cli->db);
    result = cliFailNoMemory(cli);
  }
  else
  {
    optind = 0;				/* reset getopt for the command */
    result = end_command(cli, &held, cli->cmd->fn(cli, argc, argv));
  }
  if (create && result != CLI_OK)
    drop_new_ledger(cli, db_path);
  return (result);
}


/* cliMain's steps return this when the program goes on. */
#define CLI_GO_ON	(-1)


/* Set the privilege up (the environment of a set-group-id program and the
   umask), then the locale and the message catalogue. */
static void
setup_process(void)
{
  cliPrivSetup();
  setlocale(LC_ALL, "");
  /* Numbers stay in the C form: id_ID's decimal point is a comma, and
     strtod would stop at the '.' of a template's "85.6". */
  setlocale(LC_NUMERIC, "C");
  bindtextdomain(BLANKO_TEXTDOMAIN, blankoPath(BLANKO_PATH_LOCALE));
  textdomain(BLANKO_TEXTDOMAIN);
}


/* Read the global options before the command (--db, --user, --json,
   --help, --version); CLI_GO_ON, or the exit status when done. */
static int
parse_globals(cli_t           *cli,	/* I - Command context */
              const cli_cmd_t *cmds,	/* I - Command table */
              int             argc,	/* I - Arguments */
              char            *argv[],
              const char      **db_path,/* O - --db, or NULL */
              const char      **as_user)/* O - --user, or NULL */
{
  static const struct option globals[] =
  {
    { "db", required_argument, NULL, 'd' },
    { "user", required_argument, NULL, 'u' },
    { "json", no_argument, NULL, 'j' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { "complete", no_argument, NULL, 'C' },	/* not in --help: for completion */
    { NULL, 0, NULL, 0 }
  };
  const char	*prog = cli->prog;
  char		text[256];
  int		c;

  opterr = 0;
  while ((c = getopt_long(argc, argv, "+:h", globals, NULL)) != -1)
  {
    switch (c)
    {
      case 'd' :
          if (!*optarg)
          {
            fprintf(stderr, _("%s: --db: the path is empty (see '%s --help')\n"), prog, prog);
            return (CLI_USAGE);
          }
          *db_path = optarg;
          break;
      case 'u' :
          *as_user = optarg;
          break;
      case 'j' :
          cli->json = true;
          break;
      case 'h' :
          print_commands(stdout, prog, cmds);
          return (CLI_OK);
      case 'V' :
          printf("%s (blanko) %s\n", prog, BLANKO_VERSION);
          return (CLI_OK);
      case 'C' :
          print_completion(cmds);
          return (CLI_OK);
      case ':' :
          fprintf(stderr, _("%s: %s needs a value\n"), prog, argv[optind - 1]);
          return (CLI_USAGE);
      default :
          fprintf(stderr, _("%s: unknown option %s (see '%s --help')\n"), prog,
                  invTextSafe(argv[optind - 1], text, sizeof(text)), prog);
          return (CLI_USAGE);
    }
  }
  if (check_text(NULL, prog, "--db", *db_path) != CLI_OK || check_text(NULL, prog, "--user", *as_user) != CLI_OK)
    return (CLI_REFUSED);
  return (CLI_GO_ON);
}


/* Find the command the arguments name and step past its name; CLI_GO_ON,
   or the exit status when there is none. */
static int
select_command(cli_t           *cli,	/* I - Command context */
               const cli_cmd_t *cmds,	/* I - Command table */
               int             *argc,	/* IO - Arguments after the global options */
               char            **argv[])/* IO - Their list */
{
  char	text[256];
  int	words = 0;

  if (*argc < 1)
  {
    print_commands(stderr, cli->prog, cmds);
    return (CLI_USAGE);
  }
  cli->cmds = cmds;
  if ((cli->cmd = find_command(cmds, *argc, *argv, &words)) == NULL)
  {
    fprintf(stderr, _("%s: unknown command '%s' (see '%s --help')\n"), cli->prog,
            invTextSafe((*argv)[0], text, sizeof(text)), cli->prog);
    return (CLI_USAGE);
  }
  *argc -= words - 1;
  *argv += words - 1;
  return (CLI_GO_ON);
}


/* Print the command's usage, help and who may run it. */
static void
print_command_help(const cli_t *cli)	/* I - Command context */
{
  const cli_cmd_t	*cmd = cli->cmd;
  char			*roles = cmd->roles ? who_roles_copy(cmd->roles) : NULL;

  printf(_("Usage: %s %s %s\n\n%s"), cli->prog, cmd->name, table_text(cmd->usage), table_text(cmd->help));
  if (cmd->flags & CLI_CREATE)
    printf(_("\nWho: anyone; the account running it becomes the ledger's admin.\n"));
  else if (roles && !(cmd->roles & (cmd->roles - 1)))
    printf(_("\nWho: a user with the %s role.\n"), roles);
  else if (roles)
    /* TRANSLATORS: %s is a list of role names such as "warehouse, auditor". */
    printf(_("\nWho: a user with any of the roles %s.\n"), roles);
  else
    printf(_("\nWho: any registered user.\n"));
  free(roles);
}


/* The ledger's path: --db, else $BLANKO_DB, else the configuration's;
   CLI_GO_ON, or the exit status when $BLANKO_DB is refused.  A privileged
   program (set-group-id, not run by root) takes the configuration's only:
   it refuses --db, and its environment holds no $BLANKO_DB. */
static int
choose_db_path(const char            *prog,	/* I - Program name */
               const blanko_config_t *config,	/* I - Settings read */
               const char            **db_path)	/* IO - --db in, the path out */
{
  if (*db_path && cliPrivIsPrivileged())
  {
    fprintf(stderr, _("%s: --db is not allowed: this program runs set-group-id and keeps the office's ledger, %s\n"),
            prog, config->db_path);
    return (CLI_REFUSED);
  }
  if (!*db_path && (*db_path = getenv("BLANKO_DB")) != NULL)
  {
    if (!**db_path)
    {
      fprintf(stderr, _("%s: BLANKO_DB is set but empty: unset it, or set it to the ledger's path\n"), prog);
      return (CLI_REFUSED);
    }
    if (check_text(NULL, prog, "BLANKO_DB", *db_path) != CLI_OK)
      return (CLI_REFUSED);
  }
  if (!*db_path)
    *db_path = config->db_path;
  return (CLI_GO_ON);
}


/*
 * The main program of a blanko command: global options, then a command
 * from the table, run with the ledger open, the actor's role checked and
 * (for writes) inside one transaction.  Returns the exit status.
 */

int
cliMain(const char      *prog,		/* I - Program name */
        const cli_cmd_t *cmds,		/* I - Command table, ending in {NULL} */
        int             argc,		/* I - Arguments */
        char            *argv[])
{
  cli_t			cli;
  blanko_config_t	config;
  const char		*db_path = NULL, *as_user = NULL;
  int			result;

  setup_process();
  memset(&cli, 0, sizeof(cli));
  cli.prog = prog;

  if ((result = parse_globals(&cli, cmds, argc, argv, &db_path, &as_user)) != CLI_GO_ON)
    return (result);
  argc -= optind;
  argv += optind;
  if ((result = select_command(&cli, cmds, &argc, &argv)) != CLI_GO_ON)
    return (result);
  if (scan_arguments(&cli, &argc, argv))
  {
    print_command_help(&cli);
    return (CLI_OK);
  }
  if ((result = check_options(&cli, argc, argv)) != CLI_OK)
  {
    fprintf(stderr, "%s %s: %s\n", prog, cli.cmd->name, cli.message);
    return (result);
  }

  if (!blankoConfigLoad(&config))
  {
    fprintf(stderr, "%s: %s\n", prog, config.error);
    return (CLI_REFUSED);
  }
  /* The office's time zone, for every time shown and every day cut; the
     configuration decides, whatever TZ the caller set (the setting was
     checked when read). */
  if (!invDateSetZone(config.timezone, cli.message, sizeof(cli.message)))
  {
    fprintf(stderr, "%s: %s: %s\n", prog, config.timezone, cli.message);
    return (CLI_REFUSED);
  }
  cli.config = &config;
  if ((result = choose_db_path(prog, &config, &db_path)) != CLI_GO_ON)
    return (result);

  result = run_command(&cli, db_path, as_user, config.busy_timeout, argc, argv);
  if (result != CLI_OK && cli.message[0])
    fprintf(stderr, "%s %s: %s\n", prog, cli.cmd->name, cli.message);
  invDbClose(cli.db);
  return (result);
}


/* The command context's parts, for the commands. */

/* The ledger (NULL when offline). */
inv_db_t *
cliGetDb(const cli_t *cli)		/* I - Command context */
{
  return (cli->db);
}


/* The ledger's path, opened or not. */
const char *
cliGetDbPath(const cli_t *cli)		/* I - Command context */
{
  return (cli->db_path);
}


/* Was --json given?. */
bool
cliGetJson(const cli_t *cli)		/* I - Command context */
{
  return (cli->json);
}


/* The settings read. */
const blanko_config_t *
cliGetConfig(const cli_t *cli)		/* I - Command context */
{
  return (cli->config);
}


/* The registered user acting. */
const char *
cliGetActor(const cli_t *cli)		/* I - Command context */
{
  return (cli->actor);
}


/* The OS account acting for the registered user (root with --user), or "". */
const char *
cliGetVia(const cli_t *cli)		/* I - Command context */
{
  return (cli->via);
}


/* Their roles. */
unsigned
cliGetRoles(const cli_t *cli)		/* I - Command context */
{
  return (cli->roles);
}


/* The program's name. */
const char *
cliGetProgram(const cli_t *cli)		/* I - Command context */
{
  return (cli->prog);
}


/* The running command's name. */
const char *
cliGetCommandName(const cli_t *cli)		/* I - Command context */
{
  return (cli->cmd->name);
}


/* The running command's options. */
const struct option *
cliGetOptions(const cli_t *cli)		/* I - Command context */
{
  return (cli->cmd->opts);
}


/* The program's command table. */
const cli_cmd_t *
cliGetCommands(const cli_t *cli)		/* I - Command context */
{
  return (cli->cmds);
}
