/*
 * The command-line frame shared by blanko's programs, after git: a table
 * of {name, function, flags} dispatches subcommands, so that reading the
 * configuration, opening the ledger, checking the actor's role and
 * wrapping the command in one transaction happen once, here.
 *
 * Options are checked against the table before the ledger is opened, so a
 * usage error never touches it; --json may come before or after the
 * command name.
 *
 * A write command's standard output is held back and printed only after
 * its transaction committed; nothing is printed when the commit fails.  A
 * command that runs its own transactions (CLI_SELF) prints only after its
 * own commits.
 *
 * Exit codes: 0 done, 1 refused, 2 usage, 3 a check found a problem.
 */

#ifndef BLANKO_CLI_H
#define BLANKO_CLI_H

#include "blanko/config.h"
#include "blanko/inventory.h"

#include <stdbool.h>

struct option;			/* <getopt.h> */
struct json_t;			/* <jansson.h> */

#define CLI_OK		0
#define CLI_REFUSED	1
#define CLI_USAGE	2
#define CLI_PROBLEM	3

#define CLI_OPTION_ERROR (-2)	/* cliGetOption: a usage error was recorded */
#define CLI_SHORT	0x100	/* In an option's val: also "-c" for c = val & 0xff;
				 * cliGetOption returns val either way */
#define CLI_PATH	0x200	/* In an option's val: its value is a path, and an
				 * empty one is a usage error; cliGetOption
				 * returns val without this bit */

#define CLI_WRITE	1	/* Runs in a write transaction */
#define CLI_CREATE	2	/* Creates the ledger (init) */
#define CLI_SELF	4	/* Runs its own short transactions (a long-running
				   command: printctl run) */
#define CLI_OFFLINE	8	/* Given --offline or --public-key, runs without opening the ledger
				   (cli->db NULL, any account, no role check) */

typedef struct cli_s cli_t;

typedef int (*cli_fn_t)(cli_t *cli, int argc, char *argv[]);

typedef struct cli_cmd_s		/* One subcommand */
{
  const char	*name;		/* "receive", or "user add" */
  cli_fn_t	fn;		/* What runs it */
  unsigned	flags;		/* CLI_WRITE, CLI_CREATE */
  unsigned	roles;		/* Any of these roles may run it; 0: any user */
  const struct option *opts;	/* Its options (long only), or NULL */
  const char	*usage;		/* Arguments, e.g. "--from LOC --to LOC ..." */
  const char	*help;		/* What it does, and its options */
} cli_cmd_t;


/* What a command runs with (the frame owns it; read it through these). */
extern inv_db_t	*cliGetDb(const cli_t *cli);
extern const char	*cliGetDbPath(const cli_t *cli);
extern bool	cliGetJson(const cli_t *cli);
extern const blanko_config_t *cliGetConfig(const cli_t *cli);
extern const char	*cliGetActor(const cli_t *cli);
extern const char	*cliGetVia(const cli_t *cli);
extern unsigned	cliGetRoles(const cli_t *cli);
extern const char	*cliGetProgram(const cli_t *cli);
extern const char	*cliGetCommandName(const cli_t *cli);
extern const struct option *cliGetOptions(const cli_t *cli);
extern const cli_cmd_t *cliGetCommands(const cli_t *cli);

extern int	cliMain(const char *prog, const cli_cmd_t *cmds, int argc, char *argv[]);
extern int	cliFail(cli_t *cli, int status, const char *format, ...) __attribute__((format(printf, 3, 4)));
extern int	cliFailDb(cli_t *cli, inv_status_t status);
extern int	cliFailNoMemory(cli_t *cli);
extern int	cliUsage(cli_t *cli, const char *format, ...) __attribute__((format(printf, 2, 3)));
extern int	cliExitCode(inv_status_t status);
extern int	cliGetOption(cli_t *cli, int argc, char *argv[], const struct option *opts);
extern int	cliParseNothing(cli_t *cli, int argc, char *argv[], const char *why);
extern int	cliParseList(cli_t *cli, const char *option, const char *text, inv_list_t **list);
extern bool	cliParseCount(const char *text, int64_t *value);
extern void	cliJsonPrint(struct json_t *value);
extern int	cliListStart(cli_t *cli, int argc, char *argv[], struct json_t **array, const char *header, ...)
		__attribute__((format(printf, 5, 6)));
extern int	cliListDone(cli_t *cli, inv_status_t status, struct json_t *array);
extern int	cliOneArgument(cli_t *cli, int argc, char *argv[], const char *usage);
extern bool	cliReadSecret(const char *prompt, char *buf, size_t bufsize);
extern void	cliProgress(void *ctx, int64_t done, int64_t total);

#endif /* BLANKO_CLI_H */
