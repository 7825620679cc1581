/*
 * The programs' privilege: installed set-group-id to the service's group
 * (blanko), as crontab is, so that staff reach the ledger, its keys and
 * backups only through the programs (see doc/security.md).  One rule,
 * written once here (inventory/cli/privilege.c) and used by both programs:
 *
 * - "set-group-id" is running with an effective group that is not the real
 *   one; "privileged" is that, for a caller who is not root.
 * - cliPrivSetup (first thing in cliMain): a privileged program clears its
 *   environment but for LANG, LC_*, LANGUAGE and TZ (so --db's and
 *   BLANKO_*'s, CUPS_SERVER's, fontconfig's, GIO's and the rest are gone),
 *   and a set-group-id one makes its state files for the group (umask 007;
 *   otherwise 077).
 * - cliPrivUserOpen opens a file the user named (a CSV, a photo, an -o
 *   output) with the user's own rights: the group is set aside around the
 *   open, so nobody can make the program read or write a file that only
 *   the group may; cliPrivUserUnlink removes one so.
 * - cliPrivDrop gives the group up for good (a one-shot command, once it
 *   has opened the ledger and read the key, before code not written for
 *   privileged processes runs: cairo, pango, fontconfig, GIO, the PDF
 *   module).
 * - cliPrivIsolate runs a function in a child process that has given the
 *   group up and closed every other file, and hands back only the bytes
 *   it writes (privilege separation, as OpenSSH does): the print
 *   controller renders each card so.
 */

#ifndef BLANKO_PRIVILEGE_H
#define BLANKO_PRIVILEGE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct cli_priv_chan_s cli_priv_chan_t;	/* The child's way back */

/* Work done in the child: writes its result with cliPrivWrite; false with
   the reason in error (handed back to the parent). */
typedef bool (*cli_priv_fn_t)(void *ctx, cli_priv_chan_t *chan, char *error, size_t errsize);
/* Takes the bytes the child handed back, in order; false stops the child. */
typedef bool (*cli_priv_sink_t)(void *ctx, const void *data, size_t len);

extern void	cliPrivSetup(void);
extern bool	cliPrivSetgid(void);
extern bool	cliPrivIsPrivileged(void);
extern bool	cliPrivDrop(char *error, size_t errsize);
extern int	cliPrivUserOpen(const char *path, int flags, mode_t mode);
extern int	cliPrivUserUnlink(const char *path);
extern bool	cliPrivIsolate(cli_priv_fn_t fn, void *ctx, cli_priv_sink_t sink, void *sctx,
		               char *error, size_t errsize);
extern bool	cliPrivWrite(cli_priv_chan_t *chan, const void *data, size_t len);

#endif /* BLANKO_PRIVILEGE_H */
