/*
 * printctl render: a request's card as a PDF (card size, for printing) or
 * a PNG (300 dpi, a preview).  A request not yet printed gets the PREVIEW
 * mark and no serial.  Output files are made mode 0600 and written in
 * place (no temporary copies of personal data); a failed one is removed.
 */

#include "commands.h"
#include "card.h"
#include "sitekey.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct render_ctx_s		/* Rendering one or more requests */
{
  cli_t			*cli;
  blanko_config_t	config;
  unsigned char		key[SITEKEY_LEN];
  tmpl_t		*t;		/* Template loaded last */
  render_t		*r;		/* Its renderer */
  bool			png;		/* PNG, else PDF */
  const char		*file;		/* Output file (one request) */
  const char		*dir;		/* Output folder (--all-pending) */
  json_t		*done;		/* What was rendered */
  int			result;		/* CLI_OK or the failure */
} render_ctx_t;


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdRenderOptions[] =
{
  { "nik", required_argument, NULL, 'n' },
  { "output", required_argument, NULL, 'o' | CLI_SHORT },
  { "all-pending", no_argument, NULL, 'a' },
  { "format", required_argument, NULL, 'f' },
  { NULL, 0, NULL, 0 }
};


/* Make sure the renderer is for the named template. */
static bool
use_template(render_ctx_t *rc, const char *name)
{
  char error[1024];

  if (rc->t && !strcmp(tmplGetName(rc->t), name))
    return (true);
  renderDelete(rc->r);
  tmplDelete(rc->t);
  rc->r = NULL;
  if ((rc->t = cardTemplateLoad(&rc->config, name, error, sizeof(error))) == NULL)
  {
    rc->result = cliFail(rc->cli, CLI_REFUSED, "%s", error);
    return (false);
  }
  if (!cardSiteCheck(rc->t, &rc->config, error, sizeof(error)))
  {
    rc->result = cliFail(rc->cli, CLI_REFUSED, "%s", error);
    return (false);
  }
  if ((rc->r = renderNew(rc->t, rc->key, sizeof(rc->key))) == NULL)
  {
    rc->result = cliFail(rc->cli, CLI_REFUSED, "%s", _("out of memory"));
    return (false);
  }
  return (true);
}


/* Render one request to its file (callback of invRequestGet). */
static void
render_one(void                *ctx,	/* I - render_ctx_t */
           const inv_request_t *req)	/* I - Request, with its photo */
{
  render_ctx_t	*rc = ctx;
  card_record_t	c;
  char		path[4200], today[11];
  const char	*file = rc->file;
  bool		printed = !strcmp(req->state, "printed") && req->serial[0], ok;
  int		fd;
  FILE		*fp;

  if (!strcmp(req->state, "cancelled") || !strcmp(req->state, "superseded"))
  {
    rc->result = cliFail(rc->cli, CLI_REFUSED, _("request #%lld is %s; no card is made from it"), (long long)req->id,
                         req->state);
    return;
  }
  if (!use_template(rc, req->template_name))
    return;
  cardRecordInit(&c);
  if (!cardRecordFromJSON(&c, req->fields))
  {
    cardRecordFree(&c);
    rc->result = cliFail(rc->cli, CLI_REFUSED, _("request #%lld holds damaged fields"), (long long)req->id);
    return;
  }
  cardRecordAddSite(&c, rc->t, &rc->config);
  cardToday(today);
  c.rec.serial = printed ? req->serial : NULL;
  c.rec.issue_date = printed && req->issue_date[0] ? req->issue_date : today;
  c.rec.photo = req->photo;
  c.rec.photo_len = req->photo_len;
  c.rec.photo_type = req->photo_type[0] ? req->photo_type : NULL;

  if (!file)
  {
    snprintf(path, sizeof(path), "%s/request-%lld.%s", rc->dir, (long long)req->id, rc->png ? "png" : "pdf");
    file = path;
  }
  if ((fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600)) < 0 ||
      fchmod(fd, 0600) || (fp = fdopen(fd, "wb")) == NULL)
  {
    rc->result = cliFail(rc->cli, CLI_REFUSED, _("cannot write %s: %s"), file, strerror(errno));
    if (fd >= 0)
      close(fd);
    cardRecordFree(&c);
    return;
  }
  ok = rc->png ? renderCardPNGFile(rc->r, &c.rec, 0, fp) : renderCardPDFFile(rc->r, &c.rec, fp);
  if (fclose(fp) || !ok)
  {
    unlink(file);
    rc->result = cliFail(rc->cli, CLI_REFUSED, _("request #%lld: %s"), (long long)req->id,
                         ok ? _("cannot write the file") : renderGetError(rc->r));
  }
  else
    json_array_append_new(rc->done, json_pack("{s:I,s:s,s:b,s:s}", "id", (json_int_t)req->id, "file", file,
                                              "preview", !printed, "state", req->state));
  cardRecordFree(&c);
}


/* Collect the ids of pending requests (callback of invRequestList). */
static void
collect_id(void                *ctx,	/* I - GArray-like json array */
           const inv_request_t *req)	/* I - Request */
{
  json_array_append_new((json_t *)ctx, json_integer(req->id));
}


/* Does name end with ext (any case)? */
static bool
ends_with(const char *name, const char *ext)
{
  size_t n = strlen(name), e = strlen(ext);

  return (n > e && !strcasecmp(name + n - e, ext));
}


/* Render a request's card, or every pending request's. */
int
cmdRender(cli_t *cli,			/* I - Command context */
          int   argc,			/* I - Arguments */
          char  *argv[])
{
  render_ctx_t	rc;
  const char	*nik = NULL, *output = NULL, *format = NULL;
  bool		all = false;
  int64_t	id = 0;
  inv_status_t	status = INV_OK;
  char		error[1024];
  int		c;

  while ((c = cliGetOption(cli, argc, argv, cli->cmd->opts)) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR :
          return (CLI_USAGE);
      case 'n' :
          nik = optarg;
          break;
      case 'o' | CLI_SHORT :
          output = optarg;
          break;
      case 'a' :
          all = true;
          break;
      case 'f' :
          format = optarg;
          break;
    }
  }
  if (!output)
    return (cliUsage(cli, _("-o FILE (or -o DIR with --all-pending) is required")));
  if (all + (nik != NULL) + (optind < argc) != 1 || optind < argc - 1)
    return (cliUsage(cli, _("give one REQUEST-ID, --nik NIK or --all-pending")));
  if (optind < argc && !cliParseCount(argv[optind], &id))
    return (cliUsage(cli, _("\"%s\" is not a request id"), argv[optind]));
  if (format && strcmp(format, "pdf") && strcmp(format, "png"))
    return (cliUsage(cli, _("--format is pdf or png")));
  if (format && !all)
    return (cliUsage(cli, _("--format goes with --all-pending; a file's name says its format")));
  if (!all && !ends_with(output, ".pdf") && !ends_with(output, ".png"))
    return (cliUsage(cli, _("the output file's name ends in .pdf or .png")));

  memset(&rc, 0, sizeof(rc));
  rc.cli = cli;
  rc.png = all ? (format && !strcmp(format, "png")) : ends_with(output, ".png");
  rc.done = json_array();
  if (!blankoConfigLoad(&rc.config))
    return (cliFail(cli, CLI_REFUSED, "%s", rc.config.error));
  if (!siteKeyLoad(invDbGetPath(cli->db), true, rc.key, error, sizeof(error)))
    return (cliFail(cli, CLI_REFUSED, "%s", error));

  if (all)
  {
    json_t *ids = json_array();
    size_t i;
    json_t *v;

    rc.dir = output;
    if (mkdir(output, 0700) && errno != EEXIST)
      rc.result = cliFail(cli, CLI_REFUSED, _("cannot make %s: %s"), output, strerror(errno));
    else if ((status = invRequestList(cli->db, "pending", NULL, collect_id, ids)) == INV_OK)
      json_array_foreach(ids, i, v)
      {
        if ((status = invRequestGet(cli->db, json_integer_value(v), render_one, &rc)) != INV_OK || rc.result)
          break;
      }
    json_decref(ids);
  }
  else
  {
    rc.file = output;
    status = nik ? invRequestGetLive(cli->db, nik, render_one, &rc) : invRequestGet(cli->db, id, render_one, &rc);
  }
  explicit_bzero(rc.key, sizeof(rc.key));
  renderDelete(rc.r);
  tmplDelete(rc.t);

  if (status != INV_OK)
    rc.result = cliFailDb(cli, status);
  if (rc.result == CLI_OK)
  {
    if (cli->json)
    {
      cliJsonPrint(rc.done);
      rc.done = NULL;
    }
    else if (all)
      printf(_("Rendered %zu pending requests into %s.\n"), json_array_size(rc.done), output);
    else if (json_array_size(rc.done))
    {
      json_t *d = json_array_get(rc.done, 0);

      printf(_("Rendered request #%lld (%s) to %s.\n"), (long long)json_integer_value(json_object_get(d, "id")),
             json_is_true(json_object_get(d, "preview")) ? _("preview") : _("printed card"), output);
    }
  }
  json_decref(rc.done);
  return (rc.result);
}
