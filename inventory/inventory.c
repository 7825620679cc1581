/*
 * inventory: the blank-card ledger for warehouse staff, print rooms and
 * auditors.  The table below is the whole command set; cliMain does the
 * rest (configuration, ledger, actor, role, transaction).
 */

#include "cmd/commands.h"

#define W  INV_ROLE_WAREHOUSE
#define A  INV_ROLE_AUDITOR
#define AD INV_ROLE_ADMIN
#define PR INV_ROLE_PRINTROOM
#define D  INV_ROLE_DISTRIBUTION

static const cli_cmd_t commands[] =
{
  { "init", cmdInit, CLI_CREATE, 0, NULL, "",
    N_("Create a new ledger.  The account running it becomes its first admin.\n") },
  { "user add", cmdUserAdd, CLI_WRITE, AD, cmdUserAddOptions, N_("NAME --role ROLE[,ROLE...] [--place PLACE]"),
    N_("Register an OS account with roles: admin, warehouse, printroom, auditor, distribution.\n"
       "--place limits a distribution user to one kecamatan or kelurahan.\n"
       "The account need not exist on this machine.\n") },
  { "user set", cmdUserSet, CLI_WRITE, AD, cmdUserSetOptions,
    N_("NAME [--role ROLE[,ROLE...]] [--place PLACE] [--full-name TEXT] [--nip NIP] [--post TEXT]"),
    N_("Give a registered user a new set of roles.  An admin keeps their own admin role.\n"
       "--full-name, --nip (18 digits) and --post set the person documents show for\n"
       "the user (an event in the chain); an option left out keeps its value.\n") },
  { "user list", cmdUserList, 0, 0, NULL, "",
    N_("List registered users, their roles and whether they are enabled.\n") },
  { "user disable", cmdUserDisable, CLI_WRITE, AD, NULL, N_("NAME"),
    N_("Switch a user off: a disabled user can run no command, not even to read.\n"
       "The last enabled admin cannot be disabled.\n") },
  { "user enable", cmdUserEnable, CLI_WRITE, AD, NULL, N_("NAME"),
    N_("Enable a disabled user again.\n") },
  { "user passwd", cmdUserPasswd, CLI_WRITE, AD, NULL, N_("NAME"),
    N_("Set a staff member's password for the office's web pages (printctl serve),\n"
       "read from the terminal (twice, not shown) or one line of standard input, never\n"
       "from the command line.  Only its Argon2id hash is kept, never in an event (the\n"
       "event user.passwd names the user alone).  At least 10 characters.\n") },
  { "token add", cmdTokenAdd, CLI_WRITE, AD, NULL, N_("NAME"),
    N_("Make a read-only token for a system that reads the web server's JSON API\n"
       "(printctl serve: /api/stock, /api/backlog, /api/status).  The token is printed\n"
       "once; the ledger keeps only its SHA-256, and the event token.add names it alone.\n") },
  { "token revoke", cmdTokenRevoke, CLI_WRITE, AD, NULL, N_("NAME"),
    N_("Revoke a token: the API refuses it (401) from the next request on.\n") },
  { "token list", cmdTokenList, 0, AD | A, NULL, "",
    N_("List the API tokens: name, when made, by whom, when revoked (never the token).\n") },
  { "location add", cmdLocationAdd, CLI_WRITE, AD, cmdLocationAddOptions, N_("CODE --kind store|printroom|kecamatan|kelurahan [--parent KEC] [--name TEXT]"),
    N_("Add a place where blanks are held: a store (warehouse, vault) or a print room;\n"
       "or a place printed cards are sent to: a kecamatan, or a kelurahan (--parent: its kecamatan),\n"
       "with its in-transit account transit.CODE.\n") },
  { "location list", cmdLocationList, 0, 0, NULL, "",
    N_("List locations and accounts with the blanks each holds.\n") },
  { "receive void approve", cmdReceiveVoidApprove, CLI_WRITE, A | AD, NULL, N_("ID"),
    N_("Approve a void prepared by someone else (another real account): the receipt's\n"
       "serials leave the books as if never received.\n") },
  { "receive void cancel", cmdReceiveVoidCancel, CLI_WRITE, A | AD, NULL, N_("ID"),
    N_("Cancel a void not yet approved; the receipt stands.\n") },
  { "receive void list", cmdReceiveVoidList, 0, A | AD, NULL, "",
    N_("List voids of receipts.\n") },
  /* After the "receive void ..." commands, and before "receive": the first entry that matches is taken. */
  { "receive void", cmdReceiveVoid, CLI_WRITE, AD, cmdReceiveVoidOptions, N_("EVENT --reason TEXT"),
    N_("Prepare the void of a mistaken receipt (EVENT, its event number).  Nothing moves until\n"
       "another auditor or admin approves it with 'receive void approve ID'.  Refused once any\n"
       "of its serials has moved on, and more than [ledger] void_days (7) days after it.\n") },
  { "receive", cmdReceive, CLI_WRITE, W, cmdReceiveOptions,
    N_("--supplier NAME --ref DELIVERY-NOTE --serials LIST --to LOCATION [--expect N [--short]] [--against REQUEST]"),
    N_("Receive a shipment of blanks into a location.  LIST is comma-separated\n"
       "serials and ranges (KTP0001000-KTP0001499,KTP0002000).  Refuses any serial\n"
       "received before, and a count that differs from --expect; with --short, a\n"
       "delivery note of --expect blanks of which fewer arrived is recorded as short.\n"
       "--against: the request for blanks (supply request) the shipment answers; it becomes\n"
       "partly received or fulfilled (more than asked is allowed and shown).\n") },
  { "supply request", cmdSupplyRequest, CLI_WRITE, W | AD, cmdSupplyRequestOptions,
    N_("--quantity N --ref LETTER --to SUPPLIER [--basis TEXT] [--date DATE]"),
    N_("Record a request for blanks sent to the supplier or a higher office: the quantity,\n"
       "the letter's reference and date (default today), to whom, and the basis (free text,\n"
       "\"print-ready count 27140\").  Its number is its event's.  It is sent until a receipt\n"
       "names it (receive --against): then partly received, or fulfilled.\n") },
  { "supply cancel", cmdSupplyCancel, CLI_WRITE, W | AD, cmdSupplyCancelOptions, N_("ID --reason TEXT"),
    N_("Cancel a request for blanks that is sent or partly received.\n") },
  { "supply list", cmdSupplyList, 0, 0, NULL, "",
    N_("List requests for blanks: asked, received and state.\n") },
  { "transfer", cmdTransfer, CLI_WRITE, W, cmdTransferOptions,
    N_("--from LOC --to LOC (--serials LIST | --count N) [--ref REF] [--note TEXT]"),
    N_("Move blanks between locations.  --count takes the lowest serials the source holds.\n"
       "--ref: the handover reference (BAST number); --note: a note; both kept in the event.\n") },
  { "stock", cmdStock, 0, 0, cmdStockOptions, N_("[--location LOC] [--ranges]"),
    N_("Blanks held per account; --ranges lists the serial ranges too.\n") },
  { "count", cmdCount, CLI_WRITE, W | A, cmdCountOptions, N_("LOC --serials LIST [--dry-run]"),
    N_("Record a stocktake: compare the serials counted at LOC with what it holds,\n"
       "print missing and unexpected serials, exit 3 when they differ.  Moves nothing.\n"
       "--dry-run: only check and print what would be recorded; the ledger is not changed.\n") },
  { "history", cmdHistory, 0, 0, NULL, N_("SERIAL"),
    N_("Every movement of one serial, oldest first.\n") },
  { "log", cmdLog, 0, 0, cmdLogOptions, N_("[--since TIME] [--limit N]"),
    N_("The event log, newest first.  TIME is the office's ([site] timezone):\n"
       "YYYY-MM-DD[THH:MM[:SS]].\n") },
  { "verify", cmdVerify, 0, 0, cmdVerifyOptions, N_("[--anchor FILE]"),
    N_("Replay every event from an empty ledger: check the hash chain and the\n"
       "conservation law, and compare the result with the stored holdings; check\n"
       "every signed checkpoint (its signature, and that the chain still holds its\n"
       "event with its hash) and that no day's end lacks one.  --anchor FILE: also\n"
       "check an anchor exported earlier ('anchor export'), kept off the machine.\n"
       "Prints OK with the event count and the chain head, or the first problem (exit 3).\n") },
  { "anchor export", cmdAnchorExport, 0, 0, cmdAnchorExportOptions, N_("[-o FILE]"),
    N_("Write the latest signed checkpoint as a small text file (an anchor) to keep off\n"
       "the machine or print; 'verify --anchor FILE' checks the ledger against it.\n") },
  { "anchor list", cmdAnchorList, 0, 0, NULL, "",
    N_("List the signed checkpoints of the chain, by event.\n") },
  /* After the "anchor ..." commands: the first entry whose first word matches is taken. */
  { "anchor", cmdAnchor, CLI_WRITE, A | AD, NULL, "",
    N_("Sign the chain head now with the ledger's key (made on first use), and the\n"
       "ends of days not yet signed.  Prints the checkpoint.\n") },
  { "backup", cmdBackup, 0, 0, NULL, N_("[DEST]"),
    N_("Copy the ledger while others go on writing (the print controller keeps printing),\n"
       "verify the copy, and only then give it its name: by default\n"
       "STATE-FOLDER/backup/blanko-YYYYMMDD-HHMMSS.db (UTC), mode 0600; only root may name\n"
       "another DEST.  The signing keys are copied apart, into DEST.keys/.  Never overwrites a file.\n"
       "Who: an admin, or the service account that owns the state folder (the daily timer).\n") },
  { "invalid", cmdInvalid, CLI_WRITE, A, cmdInvalidOptions,
    N_("--serials LIST --reason returned|damaged|superseded|wrong-data|found|lost [--note TEXT] [--police-report NO]"),
    N_("Take personalised cards out of use: each serial must be issued; it moves to invalid.\n"
       "--reason lost: the holder reported the card lost (--police-report: the number of\n"
       "the police loss report); it moves to reported-lost, cards the office does not hold,\n"
       "never counted on hand nor destroyed.  --reason found: a card reported lost was\n"
       "found again; it moves from reported-lost to invalid, to be destroyed.\n"
       "A reason may be typed as its Indonesian word (dikembalikan, rusak, diganti,\n"
       "data-salah, ditemukan, hilang); the code is stored.\n") },
  { "spoil", cmdSpoil, CLI_WRITE, PR | A, cmdSerialReasonOptions, N_("--serials LIST --reason TEXT"),
    N_("Record blanks ruined in handling, from a location or a printer's hopper; they move to spoiled.\n") },
  { "writeoff approve", cmdWriteoffApprove, CLI_WRITE, A | AD, NULL, N_("ID"),
    N_("Approve a write-off prepared by someone else: its blanks move to 'lost'.\n") },
  { "writeoff cancel", cmdWriteoffCancel, CLI_WRITE, A | AD, NULL, N_("ID"),
    N_("Cancel a write-off not yet approved; its blanks may be written off or moved again.\n") },
  { "writeoff list", cmdWriteoffList, 0, A | AD, NULL, "",
    N_("List write-offs.\n") },
  { "writeoff show", cmdWriteoffShow, 0, A | AD, NULL, N_("ID"),
    N_("Show a write-off with its serials.\n") },
  /* After the "writeoff ..." commands: the first entry whose first word matches is taken. */
  { "writeoff", cmdWriteoff, CLI_WRITE, A, cmdSerialReasonOptions, N_("LOC --serials LIST --reason TEXT"),
    N_("Prepare the write-off of blanks lost at LOC (a stocktake loss).  Nothing moves until\n"
       "another auditor or admin approves it with 'writeoff approve ID'.\n") },
  { "destroy prepare", cmdDestroyPrepare, CLI_WRITE, A, cmdDestroyPrepareOptions,
    N_("(--serials LIST | --all) --method incineration|shredding|punching --place TEXT [--planned DATE]"),
    N_("Prepare a destruction record (berita acara pemusnahan) of spoiled and invalid cards;\n"
       "--all takes every one that is in no open record.  Prints the record's number.\n"
       "--method may be typed as its Indonesian word (pembakaran, pencacahan, pelubangan);\n"
       "the code is stored.\n") },
  { "destroy approve", cmdDestroyApprove, CLI_WRITE, A | AD, NULL, N_("ID"),
    N_("Approve a prepared destruction record; the approver must not be its preparer.\n") },
  { "destroy execute", cmdDestroyExecute, CLI_WRITE, A, cmdDestroyExecuteOptions,
    N_("ID --witness \"NAME; POSITION; ID-NUMBER\" --witness ..."),
    N_("Record the destruction of an approved record before at least two witnesses: its cards\n"
       "move to destroyed and the record is sealed with its hash and the chain head.\n") },
  { "destroy cancel", cmdDestroyCancel, CLI_WRITE, A | AD, NULL, N_("ID"),
    N_("Cancel an open (prepared or approved) destruction record.\n") },
  { "destroy list", cmdDestroyList, 0, A | AD, NULL, "",
    N_("List destruction records.\n") },
  { "destroy show", cmdDestroyShow, 0, A | AD, NULL, N_("ID"),
    N_("Show a destruction record with its serials; a sealed record's hash is rechecked\n"
       "(exit 3 when the record no longer matches its seal).\n") },
  { "dispatch", cmdDispatch, CLI_WRITE | CLI_SELF, D, cmdDispatchOptions,
    N_("--to PLACE --ref REF (--serials LIST | --kecamatan NAME [--kelurahan NAME] | --all) [--from KEC] -o FILE"),
    N_("Send printed cards to a kecamatan or kelurahan (from issued, or from a kelurahan's\n"
       "kecamatan with --from): the serials named, the printed cards of residents of a kecamatan\n"
       "or kelurahan (their request's data), or all not yet sent.  They wait in transit.PLACE;\n"
       "the handover record (berita acara serah terima) is written as a PDF to FILE (0600).\n") },
  { "arrive", cmdArrive, CLI_WRITE, D, cmdArriveOptions, N_("--ref REF --count N [--missing LIST]"),
    N_("Confirm at the place that N cards of handover REF arrived; a short count names the\n"
       "missing serials, which are recorded and stay in transit.  Another person, with another\n"
       "account, than the one who dispatched must record it.\n") },
  { "return", cmdReturn, CLI_WRITE, D | AD, cmdReturnOptions, N_("--serials LIST --reason unclaimed|moved|wrong-data"),
    N_("Take printed cards at a kecamatan or kelurahan back to the office (account returned):\n"
       "nobody collected them (unclaimed), the holder moved away (moved) or the card's data are\n"
       "wrong (wrong-data); the Indonesian words (tidak diambil, pindah, data salah) are taken too.\n") },
  { "unclaimed", cmdUnclaimed, CLI_WRITE, D | A | AD, cmdUnclaimedOptions, N_("[--place PLACE] [--days N] [--invalidate]"),
    N_("List the printed cards waiting at places for [distribution] unclaimed_days (default 90)\n"
       "or --days N or more.  With --invalidate (auditor or admin) make the cards returned as\n"
       "unclaimed [distribution] invalid_after_days (default 90) ago or more invalid, reason\n"
       "unclaimed, so that they can be destroyed.\n") },
  { "report handover", cmdReportHandover, 0, D | A | AD, cmdReportHandoverOptions, N_("REF -o FILE [--lang id|en]"),
    N_("Write the handover record (berita acara serah terima) of a dispatch again, as a PDF.\n") },
  { "report destruction", cmdReport, 0, A | AD, cmdReportOptions,
    N_("ID --format pdf|csv|json -o FILE [--lang id|en]"),
    N_("The destruction record (berita acara pemusnahan): PDF (Indonesian unless --lang en),\n"
       "CSV with every serial and its reason, or JSON.\n") },
  { "report reconcile", cmdReport, 0, A | AD, cmdReportOptions,
    N_("--from DATE --to DATE [--format text|pdf|csv|json] [-o FILE] [--lang id|en]"),
    N_("Reconcile a period of the office's days ([site] timezone): per account opening\n"
       "balance, in and out by kind,\n"
       "closing balance (each checked), stocktakes that differed, open records, and the\n"
       "chain head at the period's end.  Exit 3 when a balance does not reconcile.\n") },
  { "report stock", cmdReport, 0, 0, cmdReportOptions, N_("[--format text|pdf|json] [-o FILE] [--lang id|en]"),
    N_("Stock per location, average daily use over the last 30 days and days of stock left;\n"
       "the PDF has a chart of stock over time.\n") },
  { "report supply", cmdReport, 0, 0, cmdReportOptions,
    N_("[--from DATE] [--to DATE] [--format text|pdf|csv|json] [-o FILE] [--lang id|en]"),
    N_("Requests for blanks: asked and received, lead times, days at zero stock in the period\n"
       "(default the last 90 days), and the blanks needed over [supply] horizon_days (60):\n"
       "(backlog + expected new requests) x (1 + spoilage) - blanks on hand, with its inputs.\n") },
  { "report backlog", cmdReport, 0, 0, cmdReportOptions, N_("[--format text|pdf|csv|json] [-o FILE] [--lang id|en]"),
    N_("The card requests waiting, week by week over the last 12 weeks (waiting at each\n"
       "week's end, recorded and printed in it), and the days needed to clear today's\n"
       "backlog at the last 28 days' print rate and blank supply; counts only.  The PDF\n"
       "has a chart of the weekly trend.\n") },
  { "report suket", cmdReport, 0, 0, cmdReportOptions, N_("[--format text|csv|json] [-o FILE] [--lang id|en]"),
    N_("Temporary certificates (suket, printctl suket): those outstanding (live and not past\n"
       "their date) by kecamatan, those expiring within 30 days, and how many are in each\n"
       "state; counts only.\n") },
  { "report distribution", cmdReport, 0, 0, cmdReportOptions,
    N_("[--format text|pdf|csv|json] [-o FILE] [--lang id|en] [--delivery-list KELURAHAN]"),
    N_("Printed cards by kecamatan and kelurahan: printed (sent to the place), in\n"
       "transit, at the place, delivered, returned, lost; the delivery rate against\n"
       "[distribution] delivery_target (default 90%); the cards not yet handed over by\n"
       "age since printing (0-7, 8-30, 31-90, over 90 office days) and the oldest.\n"
       "A kecamatan's row is its whole area.  --delivery-list KELURAHAN: the cards\n"
       "waiting there by RT/RW and name, NIK masked to its last four digits, for\n"
       "door-to-door teams.\n") },
  { NULL, NULL, 0, 0, NULL, NULL, NULL }
};


int
main(int  argc,				/* I - Arguments */
     char *argv[])
{
  return (cliMain("inventory", commands, argc, argv));
}
