/*
 * printctl handover: a printed card handed to its holder (issue 14, item 4).
 *
 * The card is named by its QR (the scanned payload, read from standard
 * input with --qr: its seal must verify with the office's keys, as
 * verify-qr checks it, and its serial and NIK are then the card's), or by
 * --serial with the holder's NIK read from standard input or the terminal.
 * NIKs never come on the command line, where ps and shell histories show
 * them.  A proxy (--proxy-name, --proxy-relation, their NIK on the next
 * line of input) takes it when [distribution] allow_proxy = yes.  --receipt
 * FILE records the SHA-256 of the scanned signed receipt.  --csv FILE
 * enters a signed paper list (serial,nik,received_date[,proxy_name,
 * proxy_relation,proxy_nik]) in one transaction: every row or none, each
 * bad row named by its line.  The list's rows are checked in a read
 * snapshot before the write lock (CLI_SELF: this command runs its own
 * transactions) and recorded in bulk, one "deliver.list" event per place,
 * day and taker (invDeliverList).
 */

#include "commands.h"
#include "blanko/config.h"
#include "blanko/distribution.h"
#include "blanko/privilege.h"
#include "../card/csvfile.h"
#include "../render/qrpayload.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LINE_MAX_IN	4096		/* Longest line of input (a QR payload) */


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdHandoverOptions[] =
{
  { "qr", no_argument, NULL, 'q' },
  { "serial", required_argument, NULL, 's' },
  { "proxy-name", required_argument, NULL, 'n' },
  { "proxy-relation", required_argument, NULL, 'r' },
  { "receipt", required_argument, NULL, 'R' | CLI_PATH },
  { "received", required_argument, NULL, 'd' },
  { "old-card-returned", no_argument, NULL, 'o' },
  { "csv", required_argument, NULL, 'c' | CLI_PATH },
  { NULL, 0, NULL, 0 }
};


/* The hex SHA-256 of a file the user names, opened with their own rights. */
static int
file_sha256(cli_t      *cli,		/* I - Command context */
            const char *path,		/* I - File */
            char       hex[65])		/* O - Digest */
{
  EVP_MD_CTX	*md = EVP_MD_CTX_new();
  unsigned char	buf[65536], hash[32];
  unsigned	len = 0;
  ssize_t	n;
  int		fd = md ? cliPrivUserOpen(path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0) : -1;

  if (fd < 0)
  {
    int err = errno;

    EVP_MD_CTX_free(md);
    return (cliFail(cli, CLI_REFUSED, _("cannot read %s: %s"), path, strerror(err)));
  }
  EVP_DigestInit_ex(md, EVP_sha256(), NULL);
  while ((n = read(fd, buf, sizeof(buf))) > 0)
    EVP_DigestUpdate(md, buf, (size_t)n);
  close(fd);
  EVP_DigestFinal_ex(md, hash, &len);
  EVP_MD_CTX_free(md);
  if (n < 0)
    return (cliFail(cli, CLI_REFUSED, _("cannot read %s: %s"), path, strerror(errno)));
  for (unsigned i = 0; i < 32; i ++)
    snprintf(hex + 2 * i, 3, "%02x", hash[i]);
  return (CLI_OK);
}


/* Enter a signed paper list: every row, or none.  The rows are read and
 * checked in a read snapshot, before the write lock; only the writes (one
 * "deliver.list" event per place, day and taker) hold it. */
static int
handover_csv(cli_t      *cli,		/* I - Command context */
             const char *path,		/* I - The list */
             const char *receipt)	/* I - SHA-256 of its scan, or NULL */
{
  const blanko_config_t *config = cliGetConfig(cli);
  inv_db_t	*db = cliGetDb(cli);
  csv_file_t	f;
  inv_deliver_card_t *cards;
  int		*lines;				/* Each checked row's line */
  size_t	n = 0, twice;
  int64_t	bad = 0, events = 0;
  inv_status_t	status = INV_OK;

  memset(&f, 0, sizeof(f));
  if (!csvFileRead(path, &f))
    return (cliFail(cli, CLI_REFUSED, "%s", f.error));
  if (f.nrows < 2)
  {
    csvFileFree(&f);
    return (cliFail(cli, CLI_REFUSED, f.nrows ? _("%s: no records after the header") : _("%s: no header row"), path));
  }
  cards = calloc(f.nrows, sizeof(*cards));
  lines = calloc(f.nrows, sizeof(*lines));
  if (!cards || !lines || (status = invDbBeginRead(db)) != INV_OK)
  {
    free(cards);
    free(lines);
    csvFileFree(&f);
    return (cards && lines ? cliFailDb(cli, status) : cliFail(cli, CLI_REFUSED, "%s", i18nNoMemory()));
  }
  for (size_t i = 1; i < f.nrows; i ++)
  {
    csv_row_t		*row = f.rows + i;
    inv_delivery_t	d;

    if (row->nfields != 3 && row->nfields != 6)
    {
      fprintf(stderr, _("%s: line %d: %d fields; a row is serial,nik,received_date or those and proxy_name,"
                        "proxy_relation,proxy_nik\n"), cliGetProgram(cli), row->line, row->nfields);
      bad ++;
      continue;
    }
    memset(&d, 0, sizeof(d));
    d.serial = row->fields[0];
    d.nik = row->fields[1];
    d.received = row->fields[2];
    if (row->nfields == 6 && *row->fields[3])
    {
      d.proxy_name = row->fields[3];
      d.proxy_relation = row->fields[4];
      d.proxy_nik = row->fields[5];
    }
    d.allow_proxy = config->allow_proxy;
    d.receipt_sha256 = receipt;
    if (invDeliverCheck(db, &d, cards + n) != INV_OK)
    {
      /* The library's messages name serials, never a NIK or a name. */
      fprintf(stderr, _("%s: line %d: %s\n"), cliGetProgram(cli), row->line, invDbGetError(db));
      bad ++;
    }
    else
      lines[n ++] = row->line;
  }
  invDbEndRead(db);
  if ((twice = invDeliverTwice(cards, n)) == (size_t)-1)
    bad ++;
  for (size_t i = 0; i < n && twice; i ++)	/* a card on an earlier row too */
    if (cards[i].twice)
    {
      char serial[INV_SERIAL_MAX];

      invSerialFormat(cards[i].range.prefix, cards[i].range.width, cards[i].range.first, serial, sizeof(serial));
      fprintf(stderr, _("%s: line %d: card %s was handed over already\n"), cliGetProgram(cli), lines[i], serial);
      bad ++;
    }
  free(lines);
  if (bad)
  {
    free(cards);
    csvFileFree(&f);
    return (cliFail(cli, CLI_REFUSED, P_("%" PRId64 " bad row: nothing was recorded",
                                         "%" PRId64 " bad rows: nothing was recorded", bad), bad));
  }
  if ((status = invDbBegin(db)) == INV_OK)
  {
    if ((status = invDeliverList(db, cards, n, receipt, &events)) == INV_OK)
      status = invDbCommit(db);		/* rolled back when it fails */
    else
      invDbRollback(db);
  }
  free(cards);
  csvFileFree(&f);
  if (status != INV_OK)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:I}", "delivered", (json_int_t)n, "events", (json_int_t)events));
  else
  {
    char c[32];					/* The count, grouped */

    printf(P_("Recorded %s card handed over.\n", "Recorded %s cards handed over.\n", n), i18nCount((int64_t)n, c, sizeof(c)));
  }
  return (CLI_OK);
}


/* Hand a printed card to its holder. */
int
cmdHandover(cli_t *cli,			/* I - Command context */
            int   argc,			/* I - Arguments */
            char  *argv[])
{
  const blanko_config_t *config = cliGetConfig(cli);
  const char	*serial = NULL, *receipt_file = NULL, *csv = NULL;
  char		line[LINE_MAX_IN], nik[64] = "", proxy_nik[64] = "", receipt[65] = "";
  bool		qr = false;
  inv_delivery_t d;
  inv_delivered_t out;
  qr_fields_t	f;
  inv_status_t	status;
  int		c, result;

  memset(&d, 0, sizeof(d));
  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR : return (CLI_USAGE);
      case 'q' : qr = true; break;
      case 's' : serial = optarg; break;
      case 'n' : d.proxy_name = optarg; break;
      case 'r' : d.proxy_relation = optarg; break;
      case 'R' : receipt_file = optarg; break;
      case 'd' : d.received = optarg; break;
      case 'o' : d.old_card_returned = true; break;
      default : csv = optarg; break;
    }
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument: a NIK is read from standard input, never from the command line")));
  if (csv && (qr || serial || d.proxy_name || d.proxy_relation || d.received || d.old_card_returned))
    return (cliUsage(cli, _("--csv takes no other option but --receipt")));
  if (!csv && !qr && !serial)
    return (cliUsage(cli, _("give --qr (the scanned QR on standard input), --serial SERIAL or --csv FILE")));
  if (d.proxy_relation && !d.proxy_name)
    return (cliUsage(cli, _("--proxy-relation needs --proxy-name")));
  if (d.proxy_name && !d.proxy_relation)
    return (cliUsage(cli, _("--proxy-name needs --proxy-relation")));
  if (receipt_file && (result = file_sha256(cli, receipt_file, receipt)) != CLI_OK)
    return (result);
  if (csv)
    return (handover_csv(cli, csv, receipt_file ? receipt : NULL));

  if (qr)
  {
    /* The scanned payload: its seal checked as verify-qr checks it. */
    if (!cliReadSecret(_("Scan the card's QR: "), line, sizeof(line)) || !line[0])
      return (cliFail(cli, CLI_REFUSED, "%s", _("no QR payload on standard input")));
    result = cmdCheckSeal(cli, line, NULL, 0, &f);
    explicit_bzero(line, sizeof(line));
    if (result != CLI_OK)
      return (result);
    if (f.preview)
      return (cliFail(cli, CLI_REFUSED, "%s", _("the QR is a preview's: not a card")));
    if (serial && strcmp(serial, f.serial))
      return (cliFail(cli, CLI_REFUSED, _("the QR is card %s's, not card %s's"), f.serial, serial));
    d.serial = f.serial;
    snprintf(nik, sizeof(nik), "%s", f.nik);
  }
  else
  {
    d.serial = serial;
    if (!cliReadSecret(_("Holder's NIK: "), nik, sizeof(nik)) || !nik[0])
      return (cliFail(cli, CLI_REFUSED, "%s", _("no NIK on standard input: the holder's NIK is read from there")));
  }
  if (d.proxy_name && (!cliReadSecret(_("Proxy's NIK: "), proxy_nik, sizeof(proxy_nik)) || !proxy_nik[0]))
    return (cliFail(cli, CLI_REFUSED, "%s", _("no proxy's NIK on standard input")));
  d.nik = nik;
  d.proxy_nik = d.proxy_name ? proxy_nik : NULL;
  d.allow_proxy = config->allow_proxy;
  d.receipt_sha256 = receipt_file ? receipt : NULL;

  if ((status = invDbBegin(cliGetDb(cli))) == INV_OK)	/* CLI_SELF: one short transaction */
  {
    if ((status = invDeliver(cliGetDb(cli), &d, &out)) == INV_OK)
      status = invDbCommit(cliGetDb(cli));
    else
      invDbRollback(cliGetDb(cli));
  }
  result = status == INV_OK ? CLI_OK : cliFailDb(cli, status);
  explicit_bzero(nik, sizeof(nik));
  explicit_bzero(proxy_nik, sizeof(proxy_nik));
  if (result != CLI_OK)
    return (result);
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:s,s:I,s:s,s:I,s:b,s:s,s:I}", "serial", d.serial, "request", (json_int_t)out.request,
                           "from", out.place, "event", (json_int_t)out.event, "proxy", d.proxy_name != NULL,
                           "old_card_returned", out.old_serial, "suket_retrieved", (json_int_t)out.suket));
  else
  {
    printf(_("Card %s (request #%" PRId64 ") handed over from %s (event %" PRId64 ").\n"), d.serial, out.request,
           out.place, out.event);
    if (out.old_serial[0])
      printf(_("Old card %s taken back and made invalid (returned).\n"), out.old_serial);
    if (out.suket)
      printf(_("The holder's temporary certificate (suket %" PRId64 ") is retrieved.\n"), out.suket);
  }
  return (CLI_OK);
}
