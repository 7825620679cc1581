/*
 * The printctl program's commands, one file each (printctl/cmd-*.c).
 */

#ifndef BLANKO_PRINTCTL_COMMANDS_H
#define BLANKO_PRINTCTL_COMMANDS_H

#include "blanko/cli.h"
#include "blanko/i18n.h"
#include "blanko/request.h"

extern int	cmdImport(cli_t *cli, int argc, char *argv[]);
extern int	cmdRequests(cli_t *cli, int argc, char *argv[]);
extern int	cmdRender(cli_t *cli, int argc, char *argv[]);
extern int	cmdVerifyQR(cli_t *cli, int argc, char *argv[]);

extern const struct option cmdImportOptions[];
extern const struct option cmdRequestsOptions[];
extern const struct option cmdRenderOptions[];

#endif /* BLANKO_PRINTCTL_COMMANDS_H */
