/*
 * The command-line frame's private state: what a command runs with.  Only
 * inventory/cli/ reads it; commands use the cliGet* functions in
 * blanko/cli.h.
 */

#ifndef BLANKO_CLI_PRIVATE_H
#define BLANKO_CLI_PRIVATE_H

#include "blanko/cli.h"

struct cli_s				/* What a command runs with */
{
  const char	*prog;		/* Program name */
  const cli_cmd_t *cmds;	/* The program's command table */
  const cli_cmd_t *cmd;		/* Command running */
  inv_db_t	*db;		/* The ledger (NULL when offline) */
  const char	*db_path;	/* Its path, opened or not */
  bool		offline;	/* A CLI_OFFLINE command given --offline */
  bool		json;		/* --json */
  char		actor[65];	/* Registered user acting */
  char		via[65];	/* The account acting for them (root with --user), or "" */
  unsigned	roles;		/* Their roles */
  const blanko_config_t *config;/* Settings read ([site] office, ...) */
  char		message[1024];	/* Why it failed, printed once */
};

#endif /* BLANKO_CLI_PRIVATE_H */
