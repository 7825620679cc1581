/*
 * The printctl program's commands, one file each in printctl/cmd/.
 */

#ifndef BLANKO_PRINTCTL_COMMANDS_H
#define BLANKO_PRINTCTL_COMMANDS_H

#include "blanko/cli.h"

#include <getopt.h>
#include <jansson.h>
#include "blanko/i18n.h"
#include "blanko/request.h"

extern int	cmdImport(cli_t *cli, int argc, char *argv[]);
extern int	cmdRequests(cli_t *cli, int argc, char *argv[]);
extern int	cmdBacklog(cli_t *cli, int argc, char *argv[]);
extern int	cmdPrioritize(cli_t *cli, int argc, char *argv[]);
extern int	cmdRender(cli_t *cli, int argc, char *argv[]);
extern int	cmdVerifyQR(cli_t *cli, int argc, char *argv[]);
extern int	cmdKeyExport(cli_t *cli, int argc, char *argv[]);
extern int	cmdKeyRotate(cli_t *cli, int argc, char *argv[]);
extern int	cmdKeyList(cli_t *cli, int argc, char *argv[]);

extern int	cmdPrinterAdd(cli_t *cli, int argc, char *argv[]);
extern int	cmdPrinterList(cli_t *cli, int argc, char *argv[]);
extern int	cmdPrinterRemove(cli_t *cli, int argc, char *argv[]);
extern int	cmdPrinterLoad(cli_t *cli, int argc, char *argv[]);
extern int	cmdPrinterUnload(cli_t *cli, int argc, char *argv[]);
extern int	cmdPrinterCheck(cli_t *cli, int argc, char *argv[]);
extern int	cmdPrinterPause(cli_t *cli, int argc, char *argv[]);
extern int	cmdPrinterResume(cli_t *cli, int argc, char *argv[]);
extern int	cmdRun(cli_t *cli, int argc, char *argv[]);
extern int	cmdStatus(cli_t *cli, int argc, char *argv[]);
extern int	cmdQueue(cli_t *cli, int argc, char *argv[]);
extern int	cmdReprint(cli_t *cli, int argc, char *argv[]);
extern int	cmdCancel(cli_t *cli, int argc, char *argv[]);
extern int	cmdCardSpoil(cli_t *cli, int argc, char *argv[]);
extern int	cmdResolve(cli_t *cli, int argc, char *argv[]);
extern int	cmdServe(cli_t *cli, int argc, char *argv[]);
extern int	cmdReceipt(cli_t *cli, int argc, char *argv[]);
extern int	cmdHandover(cli_t *cli, int argc, char *argv[]);

struct qr_fields_s;
extern int	cmdCheckSeal(cli_t *cli, const char *payload, const char **pubkeys, int npubkeys, struct qr_fields_s *f);
extern int	cmdSuketIssue(cli_t *cli, int argc, char *argv[]);
extern int	cmdSuketExtend(cli_t *cli, int argc, char *argv[]);
extern int	cmdSuketCancel(cli_t *cli, int argc, char *argv[]);
extern int	cmdSuketExpire(cli_t *cli, int argc, char *argv[]);
extern int	cmdSuketRetrieve(cli_t *cli, int argc, char *argv[]);
extern int	cmdSuketList(cli_t *cli, int argc, char *argv[]);
extern int	cmdSuketExport(cli_t *cli, int argc, char *argv[]);
extern int	cmdWhere(cli_t *cli, int argc, char *argv[]);

extern const struct option cmdImportOptions[];
extern const struct option cmdPrinterAddOptions[];
extern const struct option cmdPrinterLoadOptions[];
extern const struct option cmdPrinterCheckOptions[];
extern const struct option cmdPrinterPauseOptions[];
extern const struct option cmdRunOptions[];
extern const struct option cmdReasonOptions[];
extern const struct option cmdReprintOptions[];
extern const struct option cmdVerifyQROptions[];
extern const struct option cmdKeyExportOptions[];
extern const struct option cmdResolveOptions[];
extern const struct option cmdRequestsOptions[];
extern const struct option cmdBacklogOptions[];
extern const struct option cmdPrioritizeOptions[];
extern const struct option cmdRenderOptions[];
extern const struct option cmdServeOptions[];
extern const struct option cmdReceiptOptions[];
extern const struct option cmdHandoverOptions[];
extern const struct option cmdSuketIssueOptions[];
extern const struct option cmdSuketExtendOptions[];
extern const struct option cmdSuketCancelOptions[];
extern const struct option cmdSuketListOptions[];
extern const struct option cmdSuketRetrieveOptions[];
extern const struct option cmdSuketExportOptions[];
extern const struct option cmdWhereOptions[];

#endif /* BLANKO_PRINTCTL_COMMANDS_H */
