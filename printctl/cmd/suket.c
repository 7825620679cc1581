/*
 * printctl suket (issue 15 item 4): temporary certificates for residents
 * whose card waits.
 *
 *   suket issue [--request ID] -o FILE.pdf [--days N] [--print QUEUE]   (NIK on stdin when no --request)
 *   suket extend ID [--days N]
 *   suket cancel ID --reason TEXT
 *   suket expire
 *   suket list [--list]
 *   suket export -o FILE.csv
 *
 * The NIK is read from standard input (a prompt on a terminal), never from
 * the command line.  The certificate is an A4 PDF of the document engine
 * (inventory/report/suket-pdf.c) with a sealed SKT1 payload
 * (printctl/render/qrpayload.h) that verify-qr recognises.  Events name
 * the suket, its request, number and dates only (blanko/suket.h).
 */

#include "commands.h"
#include "blanko/date.h"
#include "blanko/outfile.h"
#include "blanko/privilege.h"
#include "blanko/suket.h"
#include "blanko/words.h"
#include "../cups/cupsjob.h"
#include "../render/qrpayload.h"
#include "../../inventory/report/report-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


/* Options of the commands, checked by cliMain before the ledger opens. */
const struct option cmdSuketIssueOptions[] =
{
  { "request", required_argument, NULL, 'r' },
  { "days", required_argument, NULL, 'd' },
  { "output", required_argument, NULL, 'o' | CLI_SHORT | CLI_PATH },
  { "print", required_argument, NULL, 'p' },
  { NULL, 0, NULL, 0 }
};

const struct option cmdSuketExtendOptions[] =
{
  { "days", required_argument, NULL, 'd' },
  { NULL, 0, NULL, 0 }
};

const struct option cmdSuketCancelOptions[] =
{
  { "reason", required_argument, NULL, 'R' },
  { NULL, 0, NULL, 0 }
};

const struct option cmdSuketRetrieveOptions[] =
{
  { "request", required_argument, NULL, 'r' },
  { NULL, 0, NULL, 0 }
};

const struct option cmdSuketListOptions[] =
{
  { "list", no_argument, NULL, 'l' },
  { NULL, 0, NULL, 0 }
};

const struct option cmdSuketExportOptions[] =
{
  { "output", required_argument, NULL, 'o' | CLI_SHORT | CLI_PATH },
  { NULL, 0, NULL, 0 }
};


/* Parse a positive id. */
static bool
suket_id_parse(const char *text,	/* I - Text */
               int64_t    *id)		/* O - Id */
{
  return (cliParseCount(text, id) && *id > 0);
}


/* Parse --days. */
static int
suket_days_parse(cli_t      *cli,	/* I - Command context */
                 const char *text,	/* I - Value */
                 int        *days)	/* O - Days */
{
  int64_t n;

  if (!cliParseCount(text, &n) || n < 1 || n > INV_SUKET_DAYS_MAX)
    return (cliUsage(cli, _("--days is 1 to %d"), INV_SUKET_DAYS_MAX));
  *days = (int)n;
  return (CLI_OK);
}


/* Read a NIK from standard input (a prompt on a terminal), never argv. */
static int
suket_read_nik(cli_t *cli,		/* I - Command context */
               char  nik[INV_NIK_LEN + 1])	/* O - NIK */
{
  char	line[128];
  size_t len;

  if (isatty(0))
    fputs(_("NIK: "), stderr);
  if (!fgets(line, sizeof(line), stdin))
    return (cliFail(cli, CLI_REFUSED, "%s", _("no NIK on standard input (give --request ID, or the NIK on standard input)")));
  len = strcspn(line, "\r\n");
  line[len] = '\0';
  if (len != INV_NIK_LEN || strspn(line, "0123456789") != INV_NIK_LEN)
  {
    explicit_bzero(line, sizeof(line));
    return (cliFail(cli, CLI_REFUSED, "%s", _("a NIK is 16 digits")));
  }
  memcpy(nik, line, INV_NIK_LEN + 1);
  explicit_bzero(line, sizeof(line));
  return (CLI_OK);
}


/* Copy a suket (callback). */
typedef struct suket_one_s
{
  int64_t	id, request;
  char		nik[INV_NIK_LEN + 1], number[INV_NUMBER_MAX], valid_until[16], state[16];
} suket_one_t;

static void
suket_one(void              *ctx,	/* I - suket_one_t */
          const inv_suket_t *s)		/* I - Row */
{
  suket_one_t *o = ctx;

  o->id = s->id;
  o->request = s->request;
  snprintf(o->nik, sizeof(o->nik), "%s", s->nik);
  snprintf(o->number, sizeof(o->number), "%s", s->number);
  snprintf(o->valid_until, sizeof(o->valid_until), "%s", s->valid_until);
  snprintf(o->state, sizeof(o->state), "%s", s->state);
}


/* Send a suket's PDF (the file just written) to an ordinary CUPS queue,
 * as job "suket-ID" (no personal data). */
static int
suket_print(cli_t        *cli,		/* I - Command context */
            cj_printer_t *p,		/* I - The queue, open */
            const char   *queue,	/* I - Its name */
            const char   *path,		/* I - The PDF */
            int64_t      id,		/* I - Suket id */
            int          *job_id)	/* O - CUPS job id */
{
  char		name[64], *data = NULL;
  size_t	len = 0, alloc = 0;
  ssize_t	n;
  int		fd = cliPrivUserOpen(path, O_RDONLY | O_CLOEXEC, 0), result = CLI_OK;

  *job_id = 0;
  if (fd < 0)
    return (cliFail(cli, CLI_REFUSED, _("cannot read %s: %s"), path, strerror(errno)));
  for (;;)
  {
    if (len == alloc)
    {
      char *more = realloc(data, alloc = alloc ? 2 * alloc : 65536);

      if (!more)
      {
        close(fd);
        free(data);
        return (cliFailNoMemory(cli));
      }
      data = more;
    }
    if ((n = read(fd, data + len, alloc - len)) <= 0)
      break;
    len += (size_t)n;
  }
  close(fd);
  snprintf(name, sizeof(name), "suket-%lld", (long long)id);
  if (n < 0 || cjJobCreate(p, name, job_id) != CJ_OK || cjJobSendBuffer(p, *job_id, data, len) != CJ_OK)
    result = cliFail(cli, CLI_REFUSED, _("the suket was issued and written to %s, but could not be printed on %s: %s"),
                     path, queue, n < 0 ? strerror(errno) : cjPrinterErrmsg(p));
  free(data);
  return (result);
}


/* printctl suket issue */
int
cmdSuketIssue(cli_t *cli,		/* I - Command context */
              int   argc,		/* I - Arguments */
              char  *argv[])
{
  inv_db_t		*db = cliGetDb(cli);
  const rpdf_module_t	*pw;
  blanko_out_t		file;
  inv_keyring_t		*kr = NULL;
  cj_printer_t		*printer = NULL;
  suket_one_t		o;
  const char		*out = NULL, *request_text = NULL, *queue = NULL;
  char			nik[INV_NIK_LEN + 1] = "", state[32], payload[QR_PAYLOAD_MAX], error[1024];
  int64_t		request = 0, id = 0;
  int			c, days = cliGetConfig(cli)->suket_days, result, job = 0;
  inv_status_t		status;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR : return (CLI_USAGE);
      case 'r' : request_text = optarg; break;
      case 'p' : queue = optarg; break;
      case 'd' : if ((result = suket_days_parse(cli, optarg, &days)) != CLI_OK) return (result); break;
      default : out = optarg; break;
    }
  }
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s': the NIK is read from standard input, never the command line"),
                     argv[optind]));
  if (!out)
    return (cliUsage(cli, "%s", _("-o FILE.pdf is required")));
  if (!strcmp(out, "-"))
    return (cliFail(cli, CLI_REFUSED, "%s", _("a PDF goes to a file, not standard output")));
  if (request_text && !suket_id_parse(request_text, &request))
    return (cliUsage(cli, "%s", _("--request takes a request id")));
  if (!request_text)
  {
    if ((result = suket_read_nik(cli, nik)) != CLI_OK)
      return (result);
    status = invRequestFindLive(db, nik, &request, state, sizeof(state));
    explicit_bzero(nik, sizeof(nik));
    if (status != INV_OK)
      return (cliFailDb(cli, status));
    if (!request)
      return (cliFail(cli, CLI_REFUSED, "%s", _("this NIK has no live card request: a suket is only for a resident "
                                                "whose card waits")));
  }

  /* The keys first, the file next: a key or a file that cannot be had
     issues nothing.  The suket is committed in its own short transaction;
     the PDF is drawn after, without the write lock. */
  if (queue && cjPrinterOpenA4(queue, cliGetActor(cli), &printer) != CJ_OK)
  {
    result = cliFail(cli, CLI_REFUSED, _("cannot print on %s: %s"), queue, cjPrinterErrmsg(printer));
    cjPrinterClose(printer);
    return (result);
  }
  if ((kr = invKeyringOpen(invDbGetPath(db), cliPrivIsPrivileged() ? INV_KEYRING_READ : INV_KEYRING_CREATE, error,
                           sizeof(error))) == NULL)
  {
    cjPrinterClose(printer);
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  }
  if ((result = repOutOpen(cli, &file, out)) != CLI_OK)
  {
    cjPrinterClose(printer);
    invKeyringDelete(kr);
    return (result);
  }
  memset(&o, 0, sizeof(o));
  if ((status = invDbBegin(db)) != INV_OK || (status = invSuketIssue(db, request, days, &id)) != INV_OK ||
      (status = invDbCommit(db)) != INV_OK)
  {
    result = cliFailDb(cli, status);
    invDbRollback(db);
    blankoOutClose(&file, false, error, sizeof(error));	/* removes the file it made */
    invKeyringDelete(kr);
    cjPrinterClose(printer);
    return (result);
  }
  if ((status = invSuketGet(db, id, suket_one, &o, NULL)) != INV_OK ||
      !qrSuketSeal((long long)id, o.nik, o.valid_until, kr, payload, sizeof(payload), error, sizeof(error)))
  {
    invKeyringDelete(kr);
    cjPrinterClose(printer);
    blankoOutClose(&file, false, error, sizeof(error));
    return (cliFail(cli, CLI_REFUSED, _("suket %s was recorded, but could not be sealed: cancel it and issue again"),
                    o.number));
  }
  invKeyringDelete(kr);
  explicit_bzero(o.nik, sizeof(o.nik));
  if ((result = repPdfLoad(cli, &pw)) != CLI_OK)
    blankoOutClose(&file, false, error, sizeof(error));
  else
    result = repSuketPdfTo(cli, pw, id, payload, &file);	/* closes it */
  if (result != CLI_OK)
  {
    cjPrinterClose(printer);
    return (cliFail(cli, CLI_REFUSED, _("suket %s was recorded, but its PDF could not be written to %s"), o.number, out));
  }
  result = queue ? suket_print(cli, printer, queue, out, id, &job) : CLI_OK;
  cjPrinterClose(printer);
  if (result != CLI_OK)
    return (result);
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:s,s:I,s:s,s:s,s:i}", "suket", (json_int_t)id, "number", o.number, "request",
                           (json_int_t)request, "valid_until", o.valid_until, "file", out, "cups_job", job));
  else
    printf(_("Suket %s (#%lld) issued for request #%lld, valid until %s: %s\n"), o.number, (long long)id,
           (long long)request, o.valid_until, out);
  return (CLI_OK);
}


/* Parse the one ID argument of extend and cancel. */
static int
suket_arg_id(cli_t   *cli,		/* I - Command context */
             int     argc,		/* I - Arguments */
             char    *argv[],
             int64_t *id)		/* O - Suket id */
{
  if (optind != argc - 1)
    return (cliUsage(cli, "%s", _("give exactly one suket ID")));
  if (!suket_id_parse(argv[optind], id))
    return (cliUsage(cli, _("'%s' is not a suket id"), argv[optind]));
  return (CLI_OK);
}


/* Say what a change did. */
static int
suket_done(cli_t      *cli,		/* I - Command context */
           int64_t    id,		/* I - Suket */
           bool       cancelled)	/* I - A cancellation? */
{
  suket_one_t	o;
  inv_status_t	status;

  memset(&o, 0, sizeof(o));
  if ((status = invSuketGet(cliGetDb(cli), id, suket_one, &o, NULL)) != INV_OK)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I,s:s,s:s,s:s}", "suket", (json_int_t)id, "number", o.number, "state", o.state,
                           "valid_until", o.valid_until));
  else if (cancelled)
    printf(_("Suket %s is %s (it was valid until %s).\n"), o.number, o.state, o.valid_until);
  else
    printf(_("Suket %s is %s, valid until %s.\n"), o.number, o.state, o.valid_until);
  return (CLI_OK);
}


/* printctl suket extend ID [--days N] */
int
cmdSuketExtend(cli_t *cli,		/* I - Command context */
               int   argc,		/* I - Arguments */
               char  *argv[])
{
  int64_t	id;
  int		c, days = cliGetConfig(cli)->suket_days, result;
  inv_status_t	status;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    else if ((result = suket_days_parse(cli, optarg, &days)) != CLI_OK)
      return (result);
  if ((result = suket_arg_id(cli, argc, argv, &id)) != CLI_OK)
    return (result);
  if ((status = invSuketExtend(cliGetDb(cli), id, days)) != INV_OK)
    return (cliFailDb(cli, status));
  return (suket_done(cli, id, false));
}


/* printctl suket cancel ID --reason TEXT */
int
cmdSuketCancel(cli_t *cli,		/* I - Command context */
               int   argc,		/* I - Arguments */
               char  *argv[])
{
  const char	*reason = NULL;
  int64_t	id;
  int		c, result;
  inv_status_t	status;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    else
      reason = optarg;
  if ((result = suket_arg_id(cli, argc, argv, &id)) != CLI_OK)
    return (result);
  if (!reason)
    return (cliUsage(cli, "%s", _("--reason is required")));
  if ((status = invSuketCancel(cliGetDb(cli), id, reason)) != INV_OK)
    return (cliFailDb(cli, status));
  return (suket_done(cli, id, true));
}


/* printctl suket retrieve [--request ID]: the resident gave the suket back
 * (the card was handed over at a desk); the NIK on standard input. */
int
cmdSuketRetrieve(cli_t *cli,		/* I - Command context */
                 int   argc,		/* I - Arguments */
                 char  *argv[])
{
  char		nik[INV_NIK_LEN + 1];
  int64_t	request = 0, id = 0;
  int		c, result;
  inv_status_t	status;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    else if (!suket_id_parse(optarg, &request))
      return (cliUsage(cli, "%s", _("--request takes a request id")));
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s': the NIK is read from standard input, never the command line"),
                     argv[optind]));
  if (request)
    status = invSuketRetrieve(cliGetDb(cli), request, &id);
  else if ((result = suket_read_nik(cli, nik)) != CLI_OK)
    return (result);
  else
  {
    status = invSuketRetrieveNik(cliGetDb(cli), nik, &id);
    explicit_bzero(nik, sizeof(nik));
  }
  if (status != INV_OK)
    return (cliFailDb(cli, status));
  if (!id)
    return (cliFail(cli, CLI_REFUSED, "%s", _("this resident holds no live suket")));
  return (suket_done(cli, id, false));
}


/* printctl suket expire */
int
cmdSuketExpire(cli_t *cli,		/* I - Command context */
               int   argc,		/* I - Arguments */
               char  *argv[])
{
  int64_t	count;
  int		c;
  inv_status_t	status;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if ((status = invSuketExpire(cliGetDb(cli), &count)) != INV_OK)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:I}", "expired", (json_int_t)count));
  else
  {
    char n[32];					/* The count, grouped */

    printf(P_("%s suket past its date recorded as expired.\n", "%s suket past their date recorded as expired.\n",
              count), i18nCount(count, n, sizeof(n)));
  }
  return (CLI_OK);
}


/* printctl suket list [--list] */
int
cmdSuketList(cli_t *cli,		/* I - Command context */
             int   argc,		/* I - Arguments */
             char  *argv[])
{
  bool	list = false;
  int	c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    else
      list = true;
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  return (repSuket(cli, cliGetJson(cli) ? "json" : "text", list, NULL));
}


/* printctl suket export -o FILE.csv */
int
cmdSuketExport(cli_t *cli,		/* I - Command context */
               int   argc,		/* I - Arguments */
               char  *argv[])
{
  const char	*out = NULL;
  int		c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    else
      out = optarg;
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind]));
  if (!out)
    return (cliUsage(cli, "%s", _("-o FILE.csv is required")));
  return (repSuketExport(cli, out));
}
