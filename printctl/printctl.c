/*
 * printctl: personalised cards for the print room - importing residents'
 * data as card requests, listing them, rendering cards and checking the QR
 * code of a card.  The table below is the whole command set; cliMain does
 * the rest (configuration, ledger, actor, role, transaction).
 */

#include "commands.h"

#define P  INV_ROLE_PRINTROOM

static const cli_cmd_t commands[] =
{
  { "import", cmdImport, CLI_WRITE, P, cmdImportOptions,
    N_("FILE.csv [--photos DIR] [--template NAME] [--skip-invalid] [--replace lost|damaged|data-change]"),
    N_("Import residents' data as card requests, in one transaction.  FILE is CSV\n"
       "(RFC 4180, UTF-8) with a header row naming the template's fields; photo is a\n"
       "file name under --photos (default: the CSV's folder).  Every row is checked\n"
       "(NIK, dates, lengths, whether it fits the card, the photo); a file with any bad\n"
       "row imports nothing, unless --skip-invalid (then good rows are imported and the\n"
       "exit status is 1).  A NIK with a live request or card is refused unless\n"
       "--replace gives the reason for a reprint, which supersedes the old request.\n") },
  { "requests", cmdRequests, 0, 0, cmdRequestsOptions, N_("[--state STATE] [--nik NIK]"),
    N_("List card requests.  Names and NIKs are shown to printroom, auditor and admin\n"
       "users only; others see ids, states and dates.\n") },
  { "render", cmdRender, 0, P, cmdRenderOptions,
    N_("(REQUEST-ID | --nik NIK) -o FILE.pdf|FILE.png | --all-pending -o DIR [--format pdf|png] [--jobs N]"),
    N_("Render a request's card: PDF at card size for printing, PNG at 300 dpi for a\n"
       "preview.  A request not yet printed shows the PREVIEW mark and no serial.\n"
       "Files are made mode 0600; --all-pending writes DIR/request-ID.pdf|png, with\n"
       "--jobs threads (default: one per online CPU).\n") },
  { "verify-qr", cmdVerifyQR, 0, 0, NULL, N_("PAYLOAD"),
    N_("Check a card's QR payload against the site key: exit 0 when genuine (and say\n"
       "whether it is an issued card, a preview, or a card since made invalid), exit 1\n"
       "when forged, altered or malformed.\n") },
  { NULL, NULL, 0, 0, NULL, NULL, NULL }
};


int
main(int  argc,				/* I - Arguments */
     char *argv[])
{
  return (cliMain("printctl", commands, argc, argv));
}
