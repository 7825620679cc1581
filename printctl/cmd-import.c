/*
 * printctl import: residents' data from a CSV file become card requests.
 *
 * Every row is checked before anything is kept: every cell UTF-8 text
 * with no control or bidirectional characters (invTextCheck), NIK (16
 * digits, its date and day + 40 rule matching birth_date and sex), the
 * valid_until not past, the template's fields
 * (present, UTF-8, not too long, fitting their boxes: renderCheckRecord),
 * the photo (a JPEG or PNG that decodes), no NIK twice in the file and no
 * live request for it unless --replace.  Good rows are added as they pass,
 * inside the command's one transaction, which is rolled back when a bad row
 * turns up (unless --skip-invalid): a crash mid-import leaves nothing.
 *
 * Messages name the file, line and field, never a value.
 */

#include "commands.h"
#include "card.h"
#include "csvfile.h"
#include "image.h"
#include "resident.h"
#include "sitekey.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PHOTO_MAX	(10 * 1024 * 1024)	/* Largest photo file accepted */

typedef struct import_s			/* One import */
{
  cli_t			*cli;
  const char		*file,		/* CSV file */
			*replace;	/* Reprint reason or NULL */
  char			photos[4096];	/* Photos folder */
  bool			skip;		/* --skip-invalid */
  blanko_config_t	config;
  tmpl_t		*t;
  render_t		*r;
  csv_file_t		csv;
  char			today[11];
  GHashTable		*niks;		/* NIK -> line of first use */
  GHashTable		*photo_ok;	/* Photo name -> "" (good) or reason */
  GPtrArray		*errors;	/* One line per bad row */
  inv_import_t		done;		/* What was added */
} import_t;


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdImportOptions[] =
{
  { "photos", required_argument, NULL, 'p' | CLI_PATH },
  { "template", required_argument, NULL, 't' },
  { "skip-invalid", no_argument, NULL, 's' },
  { "replace", required_argument, NULL, 'r' },
  { NULL, 0, NULL, 0 }
};


/* Note a bad row: "FILE:LINE: reason". */
static void
row_error(import_t *im, int line, const char *format, ...) __attribute__((format(printf, 3, 4)));

static void
row_error(import_t   *im,		/* I - Import */
          int        line,		/* I - Line of the record */
          const char *format,		/* I - printf-style reason */
          ...)
{
  va_list	ap;
  char		why[600];

  va_start(ap, format);
  vsnprintf(why, sizeof(why), format, ap);
  va_end(ap);
  g_ptr_array_add(im->errors, g_strdup_printf("%s:%d: %s", im->file, line, why));
}


/* Check the header row against the template; 0 or a failure status. */
static int
check_header(import_t *im)
{
  const csv_row_t *h = im->csv.rows;

  for (int i = 0; i < h->nfields; i ++)
  {
    inv_text_t	problem = invTextCheck(h->fields[i]);

    if (problem != INV_TEXT_OK)
      return (cliFail(im->cli, CLI_REFUSED, _("%s:%d: the header's field %d %s"), im->file, h->line, i + 1,
                      invTextProblem(problem)));
  }
  for (int i = 0; i < h->nfields; i ++)
  {
    unsigned	flags;
    int		f = tmplFindField(im->t, h->fields[i]);

    if (f < 0)
      return (cliFail(im->cli, CLI_REFUSED, _("%s:%d: the header names \"%s\", which template %s has no field for"),
                      im->file, h->line, h->fields[i], tmplGetName(im->t)));
    tmplGetField(im->t, f, NULL, &flags);
    if (flags & TMPL_FIELD_SITE)
      return (cliFail(im->cli, CLI_REFUSED, _("%s:%d: \"%s\" comes from the site settings, not the file"),
                      im->file, h->line, h->fields[i]));
    for (int j = 0; j < i; j ++)
      if (!strcmp(h->fields[i], h->fields[j]))
        return (cliFail(im->cli, CLI_REFUSED, _("%s:%d: the header names \"%s\" twice"), im->file, h->line,
                        h->fields[i]));
  }
  for (int f = 0; f < tmplGetNumFields(im->t); f ++)
  {
    unsigned	flags;
    const char	*name = tmplGetField(im->t, f, NULL, &flags);
    bool	found = false;

    for (int i = 0; i < h->nfields && !found; i ++)
      found = !strcmp(name, h->fields[i]);
    if (!found && !(flags & (TMPL_FIELD_SITE | TMPL_FIELD_OPTIONAL)))
      return (cliFail(im->cli, CLI_REFUSED, _("%s:%d: the header lacks the field \"%s\""), im->file, h->line, name));
  }
  return (CLI_OK);
}


/* Read a photo named in the file (relative to the photos folder); NULL
 * with why when it cannot be had.  The caller frees the bytes. */
static unsigned char *
photo_read(import_t *im, const char *name, size_t *len, char *why, size_t whysize)
{
  char		path[8192];
  struct stat	info;
  unsigned char	*data;
  int		fd;

  if (name[0] == '/' || !strcmp(name, "..") || !strncmp(name, "../", 3) || strstr(name, "/../") ||
      (strlen(name) >= 3 && !strcmp(name + strlen(name) - 3, "/..")))
  {
    snprintf(why, whysize, "%s", _("field \"photo\": must be a file name under the photos folder"));
    return (NULL);
  }
  snprintf(path, sizeof(path), "%s/%s", im->photos, name);
  if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &info) || !S_ISREG(info.st_mode))
  {
    snprintf(why, whysize, _("field \"photo\": the photo file cannot be read (%s)"),
             fd < 0 ? strerror(errno) : _("not a file"));
    if (fd >= 0)
      close(fd);
    return (NULL);
  }
  if (info.st_size <= 0 || info.st_size > PHOTO_MAX || (data = malloc((size_t)info.st_size)) == NULL)
  {
    snprintf(why, whysize, _("field \"photo\": the photo file is empty or larger than %d MB"), PHOTO_MAX >> 20);
    close(fd);
    return (NULL);
  }
  if (read(fd, data, (size_t)info.st_size) != info.st_size)
  {
    snprintf(why, whysize, "%s", _("field \"photo\": the photo file cannot be read"));
    free(data);
    close(fd);
    return (NULL);
  }
  close(fd);
  *len = (size_t)info.st_size;
  return (data);
}


/* Check that a photo is a JPEG or PNG that decodes (once per name). */
static bool
photo_check(import_t *im, const char *name, const unsigned char *data, size_t len, char *why, size_t whysize)
{
  const char		*known = g_hash_table_lookup(im->photo_ok, name);
  cairo_surface_t	*s;
  char			reason[256];

  if (known)
  {
    snprintf(why, whysize, "%s", known);
    return (!*known);
  }
  why[0] = '\0';
  if (imageSniff(data, len) == IMAGE_UNKNOWN)
    snprintf(why, whysize, "%s", _("field \"photo\": the photo is neither JPEG nor PNG"));
  else if ((s = imageCreateSurface(data, len, true, reason, sizeof(reason))) == NULL)
    snprintf(why, whysize, _("field \"photo\": the photo cannot be decoded (%s)"), reason);
  else
    cairo_surface_destroy(s);
  g_hash_table_insert(im->photo_ok, g_strdup(name), g_strdup(why));
  return (!why[0]);
}


/* Check one record and, while the file is clean (or --skip-invalid), add it. */
static inv_status_t
import_row(import_t *im, const csv_row_t *row)
{
  const csv_row_t	*h = im->csv.rows;
  card_record_t		c;
  const char		*field, *nik, *photo_name;
  char			why[512], state[16];
  unsigned char		*photo = NULL;
  size_t		photo_len = 0;
  int64_t		live, id;
  gpointer		first;
  inv_status_t		status = INV_OK;

  if (row->nfields != h->nfields)
  {
    row_error(im, row->line, _("the record has %d fields; the header has %d"), row->nfields, h->nfields);
    return (INV_OK);
  }
  if (row->has_nul)
  {
    row_error(im, row->line, "%s", _("a field holds a NUL byte"));
    return (INV_OK);
  }
  for (int i = 0; i < row->nfields; i ++)
  {
    inv_text_t problem = invTextCheck(row->fields[i]);

    if (problem != INV_TEXT_OK)
    {
      row_error(im, row->line, "field \"%s\" %s", h->fields[i], invTextProblem(problem));
      return (INV_OK);
    }
  }
  cardRecordInit(&c);
  for (int i = 0; i < row->nfields; i ++)
    cardRecordAdd(&c, h->fields[i], row->fields[i]);
  nik = cardRecordGet(&c, "nik");

  if (!residentCheck(nik, cardRecordGet(&c, "birth_date"), cardRecordGet(&c, "sex"),
                     cardRecordGet(&c, "valid_until"), &field, why, sizeof(why)))
  {
    row_error(im, row->line, "field \"%s\": %s", field, why);
    return (INV_OK);
  }
  cardRecordAddSite(&c, im->t, &im->config);
  c.rec.issue_date = im->today;
  if (!renderCheckRecord(im->r, &c.rec))
  {
    row_error(im, row->line, "%s", renderGetError(im->r));
    return (INV_OK);
  }
  if (g_hash_table_lookup_extended(im->niks, nik, NULL, &first))
  {
    row_error(im, row->line, _("field \"nik\": the same NIK is on line %d"), GPOINTER_TO_INT(first));
    return (INV_OK);
  }
  g_hash_table_insert(im->niks, g_strdup(nik), GINT_TO_POINTER(row->line));

  if ((photo_name = cardRecordGet(&c, "photo")) != NULL && *photo_name)
  {
    if ((photo = photo_read(im, photo_name, &photo_len, why, sizeof(why))) == NULL ||
        !photo_check(im, photo_name, photo, photo_len, why, sizeof(why)))
    {
      row_error(im, row->line, "%s", why);
      free(photo);
      return (INV_OK);
    }
  }

  if ((status = invRequestFindLive(im->cli->db, nik, &live, state, sizeof(state))) != INV_OK)
    goto done;
  if (live && !im->replace)
  {
    row_error(im, row->line,
              _("field \"nik\": this NIK already has a %s request (#%lld); a reprint needs --replace lost|damaged|data-change"),
              state, (long long)live);
    goto done;
  }
  if (im->errors->len && !im->skip)
    goto done;				/* checked; nothing more will be kept */

  {
    json_t		*obj = json_object();
    char		*fields;
    inv_request_new_t	req;

    for (int i = 0; i < row->nfields; i ++)
      json_object_set_new(obj, h->fields[i], json_string(row->fields[i]));
    fields = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(obj);
    memset(&req, 0, sizeof(req));
    req.nik = nik;
    req.name = cardRecordGet(&c, "name");
    req.template_name = tmplGetName(im->t);
    req.fields = fields;
    req.photo = photo;
    req.photo_len = photo_len;
    req.photo_type = imageSniff(photo, photo_len) == IMAGE_PNG ? "image/png" : "image/jpeg";
    req.replace = im->replace;
    if (!fields)
      status = INV_ERROR;
    else if ((status = invRequestAdd(im->cli->db, &req, &id)) == INV_REFUSED)
    {
      row_error(im, row->line, "field \"nik\": %s", invDbGetError(im->cli->db));
      status = INV_OK;
    }
    else if (status == INV_OK)
    {
      if (!im->done.added ++)
        im->done.first = id;
      im->done.last = id;
      im->done.replaced += live != 0;
    }
    if (fields)
      explicit_bzero(fields, strlen(fields));
    free(fields);
  }

done:
  if (photo)
    explicit_bzero(photo, photo_len);
  free(photo);
  return (status);
}


/* Parse the command line into im; a failure status or CLI_OK. */
static int
import_args(import_t *im, int argc, char *argv[])
{
  int c;

  while ((c = cliGetOption(im->cli, argc, argv, im->cli->cmd->opts)) != -1)
  {
    switch (c)
    {
      case CLI_OPTION_ERROR :
          return (CLI_USAGE);
      case 'p' :
          snprintf(im->photos, sizeof(im->photos), "%s", optarg);
          break;
      case 't' :
          im->done.template_name = optarg;
          break;
      case 's' :
          im->skip = true;
          break;
      case 'r' :
          if (!invRequestReasonIsValid(optarg))
            return (cliUsage(im->cli, _("--replace takes lost, damaged or data-change")));
          im->replace = optarg;
          break;
    }
  }
  if (optind != argc - 1)
    return (cliUsage(im->cli, _("give exactly one CSV FILE")));
  if (!*argv[optind])
    return (cliUsage(im->cli, _("the CSV FILE's path is empty")));
  im->file = argv[optind];
  if (!im->photos[0])
  {
    char *copy = strdup(im->file);

    snprintf(im->photos, sizeof(im->photos), "%s", copy ? dirname(copy) : ".");
    free(copy);
  }
  return (CLI_OK);
}


/* Release what an import holds. */
static void
import_free(import_t *im)
{
  renderDelete(im->r);
  tmplDelete(im->t);
  csvFileFree(&im->csv);
  if (im->niks)
    g_hash_table_destroy(im->niks);
  if (im->photo_ok)
    g_hash_table_destroy(im->photo_ok);
  if (im->errors)
    g_ptr_array_free(im->errors, TRUE);
}


/* Report the bad rows: one line each, then the summary as the failure. */
static int
import_report(import_t *im, size_t records)
{
  size_t n = im->errors->len;

  if (n == 1 && !im->skip)
    return (cliFail(im->cli, CLI_REFUSED, _("%s; nothing was imported"), (char *)im->errors->pdata[0]));
  for (size_t i = 0; i < n; i ++)
    fprintf(stderr, "%s %s: %s\n", im->cli->prog, im->cli->cmd->name, (char *)im->errors->pdata[i]);
  if (!im->skip)
    return (cliFail(im->cli, CLI_REFUSED, P_("%zu of %zu records has errors; nothing was imported",
                                             "%zu of %zu records have errors; nothing was imported", n), n, records));
  return (cliFail(im->cli, CLI_REFUSED, P_("%zu of %zu records has errors and was skipped; %lld imported",
                                           "%zu of %zu records have errors and were skipped; %lld imported", n), n,
                  records, (long long)im->done.added));
}


/* Import a CSV file of residents as card requests. */
int
cmdImport(cli_t *cli,			/* I - Command context */
          int   argc,			/* I - Arguments */
          char  *argv[])
{
  import_t	im;
  unsigned char	key[SITEKEY_LEN];
  char		error[1024];
  inv_status_t	status = INV_OK;
  int		result;
  int64_t	event_id = 0;

  memset(&im, 0, sizeof(im));
  im.cli = cli;
  im.done.template_name = CARD_TEMPLATE_DEFAULT;
  if ((result = import_args(&im, argc, argv)) != CLI_OK)
    return (result);
  if (!blankoConfigLoad(&im.config))
    return (cliFail(cli, CLI_REFUSED, "%s", im.config.error));
  if ((im.t = cardTemplateLoad(&im.config, im.done.template_name, error, sizeof(error))) == NULL)
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  if (!cardSiteCheck(im.t, &im.config, error, sizeof(error)))
  {
    import_free(&im);
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  }
  if (!siteKeyLoad(invDbGetPath(cli->db), true, key, error, sizeof(error)))
  {
    import_free(&im);
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  }
  im.r = renderNew(im.t, key, sizeof(key));
  explicit_bzero(key, sizeof(key));
  if (!im.r)
  {
    import_free(&im);
    return (cliFail(cli, CLI_REFUSED, "%s", _("out of memory")));
  }
  if (!csvFileRead(im.file, &im.csv))
  {
    result = cliFail(cli, CLI_REFUSED, "%s", im.csv.error);
    import_free(&im);
    return (result);
  }
  if (im.csv.nrows < 2)
  {
    result = cliFail(cli, CLI_REFUSED, im.csv.nrows ? _("%s: no records after the header") : _("%s: no header row"),
                     im.file);
    import_free(&im);
    return (result);
  }
  if ((result = check_header(&im)) != CLI_OK)
  {
    import_free(&im);
    return (result);
  }

  cardToday(im.today);
  im.niks = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  im.photo_ok = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  im.errors = g_ptr_array_new_with_free_func(g_free);
  for (size_t i = 1; i < im.csv.nrows && status == INV_OK; i ++)
    status = import_row(&im, im.csv.rows + i);
  if (status != INV_OK)
  {
    import_free(&im);
    return (cliFailDb(cli, status));
  }

  im.done.skipped = (int64_t)im.errors->len;
  im.done.file_sha256 = im.csv.sha256;
  if (im.errors->len && (!im.skip || !im.done.added))
  {
    result = import_report(&im, im.csv.nrows - 1);
    import_free(&im);
    return (result);
  }
  if ((status = invRequestImportRecord(cli->db, &im.done, &event_id)) != INV_OK)
  {
    import_free(&im);
    return (cliFailDb(cli, status));
  }

  if (cli->json)
    cliJsonPrint(json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:s}", "added", (json_int_t)im.done.added,
                           "first", (json_int_t)im.done.first, "last", (json_int_t)im.done.last,
                           "replaced", (json_int_t)im.done.replaced, "skipped", (json_int_t)im.done.skipped,
                           "event", (json_int_t)event_id, "template", tmplGetName(im.t)));
  else
  {
    char reprints[64];

    snprintf(reprints, sizeof(reprints), P_("%lld reprint", "%lld reprints", im.done.replaced),
             (long long)im.done.replaced);
    /* TRANSLATORS: the second %s is "N reprints" (the message just above). */
    printf(P_("Imported %lld card request (#%lld-#%lld, %s) from %s; event %lld.\n",
              "Imported %lld card requests (#%lld-#%lld, %s) from %s; event %lld.\n", im.done.added),
           (long long)im.done.added, (long long)im.done.first, (long long)im.done.last,
           reprints, im.file, (long long)event_id);
  }

  if (im.errors->len)
  {
    /* --skip-invalid with bad rows: keep the good ones, and say so with exit 1. */
    if ((status = cliCommit(cli)) != INV_OK)
      result = cliFailDb(cli, status);
    else
      result = import_report(&im, im.csv.nrows - 1);
  }
  import_free(&im);
  return (result);
}
