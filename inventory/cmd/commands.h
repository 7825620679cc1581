/*
 * The inventory program's commands, one file each in inventory/cmd/
 * (named after the command), and what they share (record.c).
 */

#ifndef BLANKO_COMMANDS_H
#define BLANKO_COMMANDS_H

#include "blanko/cli.h"

#include <getopt.h>
#include <jansson.h>
#include "blanko/i18n.h"

extern int	cmdInit(cli_t *cli, int argc, char *argv[]);
extern int	cmdUserAdd(cli_t *cli, int argc, char *argv[]);
extern int	cmdUserSet(cli_t *cli, int argc, char *argv[]);
extern int	cmdUserList(cli_t *cli, int argc, char *argv[]);
extern int	cmdUserDisable(cli_t *cli, int argc, char *argv[]);
extern int	cmdUserEnable(cli_t *cli, int argc, char *argv[]);
extern int	cmdUserPasswd(cli_t *cli, int argc, char *argv[]);
extern int	cmdTokenAdd(cli_t *cli, int argc, char *argv[]);
extern int	cmdTokenRevoke(cli_t *cli, int argc, char *argv[]);
extern int	cmdTokenList(cli_t *cli, int argc, char *argv[]);
extern int	cmdLocationAdd(cli_t *cli, int argc, char *argv[]);
extern int	cmdLocationList(cli_t *cli, int argc, char *argv[]);
extern int	cmdReceive(cli_t *cli, int argc, char *argv[]);
extern int	cmdReceiveVoid(cli_t *cli, int argc, char *argv[]);
extern int	cmdReceiveVoidApprove(cli_t *cli, int argc, char *argv[]);
extern int	cmdReceiveVoidCancel(cli_t *cli, int argc, char *argv[]);
extern int	cmdReceiveVoidList(cli_t *cli, int argc, char *argv[]);
extern int	cmdTransfer(cli_t *cli, int argc, char *argv[]);
extern int	cmdStock(cli_t *cli, int argc, char *argv[]);
extern int	cmdCount(cli_t *cli, int argc, char *argv[]);
extern int	cmdHistory(cli_t *cli, int argc, char *argv[]);
extern int	cmdLog(cli_t *cli, int argc, char *argv[]);
extern int	cmdVerify(cli_t *cli, int argc, char *argv[]);
extern int	cmdAnchor(cli_t *cli, int argc, char *argv[]);
extern int	cmdAnchorExport(cli_t *cli, int argc, char *argv[]);
extern int	cmdAnchorList(cli_t *cli, int argc, char *argv[]);
extern int	cmdBackup(cli_t *cli, int argc, char *argv[]);

extern int	cmdInvalid(cli_t *cli, int argc, char *argv[]);
extern int	cmdSpoil(cli_t *cli, int argc, char *argv[]);
extern int	cmdWriteoff(cli_t *cli, int argc, char *argv[]);
extern int	cmdWriteoffApprove(cli_t *cli, int argc, char *argv[]);
extern int	cmdWriteoffCancel(cli_t *cli, int argc, char *argv[]);
extern int	cmdWriteoffList(cli_t *cli, int argc, char *argv[]);
extern int	cmdWriteoffShow(cli_t *cli, int argc, char *argv[]);
extern int	cmdDestroyPrepare(cli_t *cli, int argc, char *argv[]);
extern int	cmdDestroyApprove(cli_t *cli, int argc, char *argv[]);
extern int	cmdDestroyExecute(cli_t *cli, int argc, char *argv[]);
extern int	cmdDestroyCancel(cli_t *cli, int argc, char *argv[]);
extern int	cmdDestroyList(cli_t *cli, int argc, char *argv[]);
extern int	cmdDestroyShow(cli_t *cli, int argc, char *argv[]);
extern int	cmdReport(cli_t *cli, int argc, char *argv[]);	/* report destruction|reconcile|stock|... */
extern int	cmdSupplyRequest(cli_t *cli, int argc, char *argv[]);
extern int	cmdSupplyCancel(cli_t *cli, int argc, char *argv[]);
extern int	cmdSupplyList(cli_t *cli, int argc, char *argv[]);
extern int	cmdDispatch(cli_t *cli, int argc, char *argv[]);
extern int	cmdArrive(cli_t *cli, int argc, char *argv[]);
extern int	cmdUnclaimed(cli_t *cli, int argc, char *argv[]);
extern int	cmdReturn(cli_t *cli, int argc, char *argv[]);
extern int	cmdReportHandover(cli_t *cli, int argc, char *argv[]);

/* What the command files share (record.c) */
extern int	cmdRecordId(cli_t *cli, int argc, char *argv[], int64_t *id);
extern int	cmdReasonId(cli_t *cli, int argc, char *argv[], const char *usage, int64_t *id, const char **reason);
extern int	cmdRecordStep(cli_t *cli, inv_record_type_t type, bool approve, int argc, char *argv[],
			      int64_t *id);
extern int	cmdRecordCancel(cli_t *cli, inv_record_type_t type, int argc, char *argv[]);
extern int	cmdRecordList(cli_t *cli, inv_record_type_t type, int argc, char *argv[]);
extern int	cmdRecordShow(cli_t *cli, inv_record_type_t type, int argc, char *argv[]);
extern int	cmdSerialArgs(cli_t *cli, int argc, char *argv[], const char **location, inv_list_t **list,
		              const char **reason, const char **note, const char **police);
extern void	cmdMovedJson(const inv_list_t *list, const char *reason, int64_t event);

extern const struct option cmdCountOptions[];
extern const struct option cmdDispatchOptions[];
extern const struct option cmdArriveOptions[];
extern const struct option cmdUnclaimedOptions[];
extern const struct option cmdReturnOptions[];
extern const struct option cmdReportHandoverOptions[];
extern const struct option cmdInvalidOptions[];
extern const struct option cmdSerialReasonOptions[];
extern const struct option cmdDestroyPrepareOptions[];
extern const struct option cmdDestroyExecuteOptions[];
extern const struct option cmdReportOptions[];
extern const struct option cmdLocationAddOptions[];
extern const struct option cmdLogOptions[];
extern const struct option cmdReceiveOptions[];
extern const struct option cmdReceiveVoidOptions[];
extern const struct option cmdStockOptions[];
extern const struct option cmdSupplyRequestOptions[];
extern const struct option cmdSupplyCancelOptions[];
extern const struct option cmdTransferOptions[];
extern const struct option cmdUserAddOptions[];
extern const struct option cmdUserSetOptions[];
extern const struct option cmdVerifyOptions[];
extern const struct option cmdAnchorExportOptions[];

#endif /* BLANKO_COMMANDS_H */
