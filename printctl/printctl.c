/*
 * printctl: personalised cards for the print room - importing residents'
 * data as card requests, listing them, rendering cards and checking the QR
 * code of a card.  The table below is the whole command set; cliMain does
 * the rest (configuration, ledger, actor, role, transaction).
 */

#include "cmd/commands.h"

#define P  INV_ROLE_PRINTROOM
#define PA (INV_ROLE_PRINTROOM | INV_ROLE_ADMIN)
#define D  INV_ROLE_DISTRIBUTION
#define SEES (INV_ROLE_PRINTROOM | INV_ROLE_AUDITOR | INV_ROLE_ADMIN)

static const cli_cmd_t commands[] =
{
  { "import", cmdImport, CLI_SELF, P, cmdImportOptions,
    N_("FILE.csv [--photos DIR] [--template NAME] [--skip-invalid] [--replace lost|damaged|data-change]"),
    N_("Import residents' data as card requests: all rows or none.  FILE is CSV\n"
       "(RFC 4180, UTF-8) with a header row naming the template's fields; photo is a\n"
       "file name under --photos (default: the CSV's folder).  Every row is checked\n"
       "(NIK, dates, lengths, whether it fits the card, the photo); a file with any bad\n"
       "row imports nothing, unless --skip-invalid (then good rows are imported and the\n"
       "exit status is 1).  A NIK with a live request or card is refused unless\n"
       "--replace gives the reason for a reprint, which supersedes the old request\n"
       "(lost, damaged, data-change, or in Indonesian hilang, rusak, perubahan-data).\n"
       "Rows are checked and photos (regular files only) stored before one short\n"
       "transaction adds the rows, so other writers wait little.\n") },
  { "requests", cmdRequests, 0, 0, cmdRequestsOptions, N_("[--state STATE] [--nik NIK]"),
    N_("List card requests.  Names and NIKs are shown to printroom, auditor and admin\n"
       "users only; others see ids, states and dates.  --state takes the code or its\n"
       "Indonesian word: pending (menunggu), submitted (dikirim), printed (dicetak),\n"
       "failed (gagal), suspect (diragukan), cancelled (dibatalkan), superseded (diganti).\n") },
  { "backlog", cmdBacklog, 0, 0, cmdBacklogOptions, N_("[--list]"),
    N_("The residents waiting for their cards (pending, submitted, failed or suspect requests):\n"
       "how many, the oldest, median and 90th percentile waiting days (office days\n"
       "since the resident was recorded), and how many are past the service target\n"
       "([service] target_days), in all, by kecamatan and by category.  Counts only;\n"
       "--list (printroom, auditor, admin) lists those past the target with the NIK\n"
       "masked to its last four digits.\n") },
  { "prioritize", cmdPrioritize, CLI_WRITE, PA, cmdPrioritizeOptions,
    N_("[--nik NIK] [--category CAT] [--kecamatan NAME] --reason TEXT [--until DAY] [--level N]"),
    N_("Give the waiting requests of a NIK, a category and/or a kecamatan a priority\n"
       "(--level, 1 to 9, default 1; 0 ends it) until a day (the last day it counts;\n"
       "none: no end).  run takes the highest priority first, then the oldest\n"
       "recorded day.  Each request changed is one event, naming its id only.\n"
       "Printroom or admin role.\n") },
  { "suket issue", cmdSuketIssue, CLI_WRITE | CLI_SELF, PA, cmdSuketIssueOptions, N_("[--request ID] -o FILE.pdf [--days N] [--print QUEUE]"),
    N_("Issue a temporary certificate (suket) to a resident whose card waits (a pending,\n"
       "submitted, failed or suspect request), as an A4 PDF (mode 0600) with the office's\n"
       "letterhead, its number ([documents] suket_number), the resident's data, the last\n"
       "valid day ([suket] valid_days, default 180; --days) and a sealed SKT1 payload for\n"
       "verify-qr.  The NIK is read from standard input, never the command line; or give\n"
       "--request ID.  One live suket per NIK.  --print sends the PDF to an ordinary\n"
       "CUPS queue on A4 (job name suket-ID).  Printroom or admin role.\n") },
  { "suket extend", cmdSuketExtend, CLI_WRITE, PA, cmdSuketExtendOptions, N_("ID [--days N]"),
    N_("Extend a live suket: valid N days from today (default [suket] valid_days).\n") },
  { "suket cancel", cmdSuketCancel, CLI_WRITE, PA, cmdSuketCancelOptions, N_("ID --reason TEXT"),
    N_("Cancel a live suket, with a reason (no personal data).\n") },
  { "suket retrieve", cmdSuketRetrieve, CLI_WRITE, PA, cmdSuketRetrieveOptions, N_("[--request ID]"),
    N_("The resident gave the suket back (the card was handed over): the live suket of\n"
       "the NIK read from standard input (or of request ID's NIK) becomes retrieved.\n"
       "Handing a card over does this by itself.\n") },
  { "suket expire", cmdSuketExpire, CLI_WRITE, PA, NULL, "",
    N_("Record every live suket past its last valid day as expired.\n") },
  { "suket list", cmdSuketList, 0, 0, cmdSuketListOptions, N_("[--list]"),
    N_("Suket outstanding (live and not past their date) by kecamatan, those expiring\n"
       "within 30 days, and how many are in each state.  Counts only; --list (printroom,\n"
       "auditor, admin) lists those expiring with the NIK masked to its last four digits.\n") },
  { "suket export", cmdSuketExport, 0, SEES, cmdSuketExportOptions, N_("-o FILE.csv"),
    N_("Write every suket to FILE.csv (mode 0600) in blanko's own CSV format for the\n"
       "national system (see SUKET EXPORT FORMAT in printctl(1)).  Printroom, auditor or\n"
       "admin role.\n") },
  { "render", cmdRender, 0, P, cmdRenderOptions,
    N_("(REQUEST-ID | --nik NIK) -o FILE.pdf|FILE.png | --all-pending -o DIR [--format pdf|png] [--jobs N]"),
    N_("Render a request's card: PDF at card size for printing, PNG at 300 dpi for a\n"
       "preview.  A request not yet printed shows the preview mark in the card's\n"
       "language (SPESIMEN; SPECIMEN with the template's language = en) and no serial.\n"
       "Files are made mode 0600; --all-pending writes DIR/request-ID.pdf|png, with\n"
       "--jobs threads (default: one per online CPU).\n") },
  { "verify-qr", cmdVerifyQR, CLI_OFFLINE, 0, cmdVerifyQROptions, N_("[--offline] [--public-key FILE]... PAYLOAD"),
    N_("Check a card's QR payload: its seal, then the ledger.  A KTP2 seal is checked\n"
       "with the signing keys beside the ledger, or with exported public keys given\n"
       "with --public-key (repeatable; the ledger is not opened: a machine with no\n"
       "ledger can check cards); a KTP1 seal (older cards) with the old site key.\n"
       "Exit 0: genuine and valid (an issued card); 1: forged, altered, malformed or\n"
       "sealed by an unknown key; 2: usage; 3: genuine but not valid (superseded,\n"
       "invalid, spoiled, reported lost, destroyed, a preview, or not printed here:\n"
       "the reason is printed); 4: genuine, validity unknown (--offline or\n"
       "--public-key: checked without opening the ledger).\n") },
  { "key export", cmdKeyExport, 0, 0, cmdKeyExportOptions, N_("[-o FILE] [--key KEYID]"),
    N_("Write the public half of the current signing key (or of KEYID) as PEM, after a\n"
       "line \"# key KEYID\", to FILE (mode 0600) or standard output: what banks,\n"
       "polling stations or the province give to 'verify-qr --public-key'.\n") },
  { "key rotate", cmdKeyRotate, CLI_WRITE, INV_ROLE_ADMIN, NULL, "",
    N_("Make a new signing key current (new cards are sealed with it; cards sealed\n"
       "with older keys still verify) and record it in the ledger.  Admin role.\n") },
  { "key list", cmdKeyList, 0, 0, NULL, "",
    N_("List the signing keys: identifier, when made, and which one is current.\n") },
  { "printer add", cmdPrinterAdd, CLI_SELF, PA, cmdPrinterAddOptions,
    N_("NAME --queue CUPS-QUEUE --location PRINTROOM [--force]"),
    N_("Add a card printer: a CUPS queue served from a print room, with a hopper\n"
       "(ledger account hopper.NAME).  The queue must exist in CUPS and take ID-1\n"
       "cards; --force adds a printer whose queue is not installed yet.  Printroom\n"
       "or admin role.\n") },
  { "printer list", cmdPrinterList, 0, 0, NULL, "",
    N_("List printers: ledger state and reason, hopper contents, and the CUPS queue's\n"
       "state, reasons and message.\n") },
  { "printer remove", cmdPrinterRemove, CLI_WRITE, PA, NULL, N_("NAME"),
    N_("Remove a printer whose hopper is empty.  Printroom or admin role.\n") },
  { "printer load", cmdPrinterLoad, CLI_WRITE, P, cmdPrinterLoadOptions, N_("NAME --serials LIST"),
    N_("Move blanks from the printer's print room into its hopper.  The printer is\n"
       "assumed to take the lowest serial in its hopper first.\n") },
  { "printer unload", cmdPrinterUnload, CLI_WRITE, P, NULL, N_("NAME"),
    N_("Return what is left in the hopper to the print room (not while a card is at\n"
       "the printer).\n") },
  { "printer check", cmdPrinterCheck, CLI_WRITE, P, cmdPrinterCheckOptions, N_("NAME --next SERIAL"),
    N_("Record the serial read on the next physical card.  A mismatch is recorded as\n"
       "a discrepancy (exit 3) and the printer takes no work until a check matches;\n"
       "a matching check leaves it paused, to be resumed.\n") },
  { "printer pause", cmdPrinterPause, CLI_WRITE, P, cmdPrinterPauseOptions, N_("NAME [--reason TEXT]"),
    N_("Give the printer no new cards (a card in flight is still followed).\n") },
  { "printer resume", cmdPrinterResume, CLI_WRITE, P, NULL, N_("NAME"),
    N_("Let a paused printer take cards again and start its CUPS queue.  Refused while\n"
       "a check is needed or a suspect card awaits 'resolve'.\n") },
  { "run", cmdRun, CLI_SELF, P, cmdRunOptions, N_("[--printer NAME]... [--once] [--max N] [--order delivery|recorded]"),
    N_("The dispatcher.  First reconciles with CUPS every card left in flight; then,\n"
       "per printer with blanks, the pending request with the highest priority, then\n"
       "the oldest recorded (see prioritize), on the lowest serial,\n"
       "one card at a time, printers in parallel, each job followed to its end:\n"
       "completed -> issued; failed (jam, ribbon, aborted) -> spoiled, the request\n"
       "pending again, the printer paused; unknown -> suspect (see resolve).\n"
       "--once: stop when nothing more can be done; --max N: start at most N cards.\n"
       "--order delivery (or [printer] order = delivery): within a priority, by the\n"
       "residents' kecamatan, kelurahan and RT/RW, so each place's cards come off\n"
       "together.\n"
       "SIGINT/SIGTERM: no new cards, finish following those in flight.\n") },
  { "status", cmdStatus, 0, 0, NULL, "",
    N_("Per printer its state, current card (with CUPS's view: printing, waiting for\n"
       "cards, offline) and hopper count; the queue and the backlog without blanks.\n") },
  { "queue", cmdQueue, 0, 0, NULL, "",
    N_("As status, with the next pending requests.\n") },
  { "reprint", cmdReprint, CLI_WRITE, P, cmdReprintOptions, N_("REQUEST --reason TEXT [--police-report NO]"),
    N_("Record a printed card as superseded and queue a new request for it.  --reason lost:\n"
       "the old card was reported lost; it moves to reported-lost (with --police-report,\n"
       "the police loss report's number), so its seal checks as reported lost.  lost,\n"
       "damaged and data-change may be typed in Indonesian (hilang, rusak, perubahan-data).\n") },
  { "cancel", cmdCancel, CLI_WRITE, P, NULL, N_("REQUEST"),
    N_("Cancel a pending request.\n") },
  { "spoil", cmdCardSpoil, CLI_WRITE, INV_ROLE_AUDITOR, cmdReasonOptions, N_("SERIAL --reason TEXT"),
    N_("A printed card that came out bad: issued -> spoiled; its request is pending\n"
       "again.  Auditor role: the print room spoils only blanks not yet issued\n"
       "('inventory spoil').\n") },
  { "resolve", cmdResolve, CLI_WRITE, P, cmdResolveOptions, N_("SERIAL --printed|--spoiled|--unused"),
    N_("Settle a suspect card: printed (issued to its request), spoiled, or unused\n"
       "(it never left the hopper; the request is pending again).\n") },
  { "serve", cmdServe, CLI_SELF, 0, cmdServeOptions, N_("[--staff ADDRESS:PORT] [--public ADDRESS:PORT]"),
    N_("Serve the office's web pages until stopped (SIGINT, SIGTERM): the print room's\n"
       "board for staff who log in with their web password ('inventory user passwd'),\n"
       "on [web] staff_listen (default 127.0.0.1:8631), and the residents' \"is my card\n"
       "ready?\" page (NIK and the code on their receipt) on [web] public_listen\n"
       "(default 127.0.0.1:8632).  HTTPS with [web] tls_cert and tls_key; without it,\n"
       "staff log in only from this machine.  Read-only.  Port 0 picks a free port;\n"
       "the ports are printed.  Run by the service account, not set-group-id.\n") },
  { "receipt", cmdReceipt, CLI_WRITE, P, cmdReceiptOptions, N_("NIK -o FILE.pdf"),
    N_("Write the resident's receipt slip: the office, the request number and the code\n"
       "for the resident's page, nothing more about the resident.  A request made\n"
       "before codes existed is given one.  Printroom role.\n") },
  { "handover", cmdHandover, CLI_WRITE | CLI_SELF, D, cmdHandoverOptions,
    N_("(--qr | --serial SERIAL | --csv FILE) [--proxy-name NAME --proxy-relation REL] [--receipt FILE] "
       "[--received DATE] [--old-card-returned]"),
    N_("Hand a printed card to its holder: it moves from its kecamatan or kelurahan (or issued)\n"
       "to delivered.  --qr reads the scanned QR from standard input (its seal must verify with\n"
       "the office's keys); --serial reads the holder's NIK from standard input or the terminal,\n"
       "never from the command line.  A proxy (their NIK on the next line) only when\n"
       "[distribution] allow_proxy = yes; --receipt records the SHA-256 of the scanned signed\n"
       "receipt; --old-card-returned makes the card this one replaces invalid (returned).\n"
       "A card reported lost is never handed over.  --csv enters a signed list\n"
       "(serial,nik,received_date[,proxy_name,proxy_relation,proxy_nik] with a header row):\n"
       "every row or none, each bad row named.  Distribution role.\n") },
  { "where", cmdWhere, 0, 0, cmdWhereOptions, "",
    N_("For the complaints desk: where a resident's card is now (waiting to be\n"
       "printed, printed, in transit to a place, at a kecamatan or kelurahan since a\n"
       "date, delivered, returned, lost).  The NIK is read from standard input (a\n"
       "prompt on a terminal), never from the command line; nothing about any other\n"
       "resident is shown.\n") },
  { NULL, NULL, 0, 0, NULL, NULL, NULL }
};


int
main(int  argc,				/* I - Arguments */
     char *argv[])
{
  return (cliMain("printctl", commands, argc, argv));
}
