/*
 * printctl import: residents' data from a CSV file become card requests.
 *
 * An import holds the ledger's write lock only briefly, so that a print
 * controller or a warehouse receipt beside it never waits long (issue 10).
 * It runs in three phases:
 *
 *  1. import_check: every row is read and checked, with no write
 *     transaction open: every cell UTF-8 text with no control or
 *     bidirectional characters (invTextCheck), NIK (16 digits, its date and
 *     day + 40 rule matching birth_date and sex), the valid_until not past,
 *     the template's fields (present, UTF-8, not too
 *     long, fitting their boxes: renderCheckRecord), the photo (a regular
 *     file, a JPEG or PNG that decodes; a PNG or a JPEG larger than the
 *     photo box converted to the box's JPEG at 300 dpi, issue 17; the
 *     SHA-256 of the file and of the bytes to store noted), no NIK twice in
 *     the file and no live request for it unless --replace.  A bad row
 *     (unless --skip-invalid) ends the import here, having written nothing.
 *  2. import_stage: the good rows' photos are read again and stored,
 *     content-addressed, in short transactions of their own (a few MB
 *     each), marked as staged (converted again when phase 1 converted
 *     them); a file whose bytes changed since phase 1 is refused.
 *  3. import_link: one transaction adds the requests, linked to their
 *     photos, and the import's event: all rows or none, as before.  Only
 *     then is success printed.  For a plain import (no --replace) the rows
 *     are put in a batch in memory first and given their ids, digests and
 *     seal outside the lock (invRequestBatchNumber); the transaction then
 *     checks every NIK and photo in one query each and adds all the rows
 *     in one statement (invRequestBatchLink).  A reprint import supersedes
 *     its NIKs' requests row by row (invRequestAdd).
 *
 * A refused import (a row refused while linking, say a NIK another import
 * took meanwhile) removes the photos it staged that no request uses
 * (import_unstage), in short transactions; photos staged by an import that
 * was killed are removed by a later import once an hour old
 * (invRequestPhotoSweep).
 *
 * Messages name the file, line and field, never a value.
 */

#include "commands.h"
#include "blanko/access.h"
#include "../card/card.h"
#include "../card/csvfile.h"
#include "../render/image.h"
#include "../card/resident.h"
#include "blanko/privilege.h"
#include "blanko/date.h"

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
#define STAGE_BYTES	(4 * 1024 * 1024)	/* Photo bytes per staging transaction */
#define STAGE_COUNT	1000			/* Photos per staging/unstaging transaction */

typedef struct import_photo_s		/* One photo file the CSV names */
{
  const char		*name;		/* Its name in the CSV */
  int			line;		/* First line naming it */
  char			why[256];	/* "" when good, else why not */
  char			sha256[65];	/* Hex SHA-256 of the bytes stored */
  char			source[65];	/* Hex SHA-256 of the file when those bytes
					 * were made from it (converted), else "" */
  bool			png;		/* PNG (else JPEG) */
  bool			convert;	/* Converted to the photo box's JPEG */
  bool			queued;		/* Read for phase 2's next transaction */
  bool			dropped;	/* Could not be stored (--skip-invalid) */
  int64_t		id;		/* Its photo row once stored, or 0 */
} import_photo_t;

typedef struct import_bytes_s		/* A photo's bytes waiting to be stored (phase 2) */
{
  import_photo_t	*photo;		/* The photo */
  unsigned char		*data;		/* The bytes to store */
  size_t		len;
} import_bytes_t;

typedef struct import_rec_s		/* One good row, ready to be linked */
{
  int			line;		/* Line of the record */
  const char		*nik,		/* Its NIK (in the CSV's memory) */
			*name;		/* Its name */
  char			*fields;	/* JSON object of its fields */
  import_photo_t	*photo;		/* Its photo, or NULL */
  const char		*recorded,	/* Its "recorded" column, or NULL */
			*category;	/* Its "category" code, or NULL */
} import_rec_t;

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
  GHashTable		*files;		/* Photo name -> import_photo_t */
  GArray		*recs;		/* import_rec_t: the good rows */
  GArray		*staged;	/* int64_t: photo ids this import stored */
  GPtrArray		*errors;	/* One line per bad row */
  inv_import_t		done;		/* What was added */
  bool			linked;		/* Phase 3 committed */
  bool			nomem;		/* Phase 1 ran out of memory */
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


/* Is a header name one of the request's own columns (issue 15: the day
 * the resident was recorded, the category), not a card field? */
static bool
request_column(const char *name)	/* I - Header name */
{
  return (!strcmp(name, "recorded") || !strcmp(name, "category"));
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

    for (int j = 0; j < i; j ++)
      if (!strcmp(h->fields[i], h->fields[j]))
        return (cliFail(im->cli, CLI_REFUSED, _("%s:%d: the header names \"%s\" twice"), im->file, h->line,
                        h->fields[i]));
    if (request_column(h->fields[i]))
      continue;
    if (f < 0)
      return (cliFail(im->cli, CLI_REFUSED, _("%s:%d: the header names \"%s\", which template %s has no field for"),
                      im->file, h->line, h->fields[i], tmplGetName(im->t)));
    tmplGetField(im->t, f, NULL, &flags);
    if (flags & TMPL_FIELD_SITE)
      return (cliFail(im->cli, CLI_REFUSED, _("%s:%d: \"%s\" comes from the site settings, not the file"),
                      im->file, h->line, h->fields[i]));
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


/* What kind of file a mode is, for a message. */
static const char *
file_kind(mode_t mode)			/* I - st_mode */
{
  if (S_ISLNK(mode))
    return (_("a symbolic link"));
  if (S_ISDIR(mode))
    return (_("a folder"));
  if (S_ISFIFO(mode))
    return (_("a FIFO"));
  if (S_ISSOCK(mode))
    return (_("a socket"));
  if (S_ISCHR(mode) || S_ISBLK(mode))
    return (_("a device"));
  return (_("not a file"));
}


/*
 * Read a photo named in the file (relative to the photos folder); NULL
 * with why when it cannot be had.  Only a regular file is read: a FIFO,
 * folder, socket, device or symbolic link is refused without waiting on it
 * (looked at first, then opened with O_NONBLOCK | O_NOFOLLOW and looked at
 * again, in case it was swapped).  The caller wipes and frees the bytes.
 */

static unsigned char *
photo_read(import_t   *im,		/* I - Import */
           const char *name,		/* I - Name in the CSV */
           size_t     *len,		/* O - Length read */
           char       *why,		/* O - Why not */
           size_t     whysize)		/* I - Size of why */
{
  char		path[8192];
  struct stat	info;
  unsigned char	*data;
  size_t	got = 0;
  ssize_t	n = 0;
  int		fd;

  if (name[0] == '/' || !strcmp(name, "..") || !strncmp(name, "../", 3) || strstr(name, "/../") ||
      (strlen(name) >= 3 && !strcmp(name + strlen(name) - 3, "/..")))
  {
    snprintf(why, whysize, "%s", _("field \"photo\": must be a file name under the photos folder"));
    return (NULL);
  }
  snprintf(path, sizeof(path), "%s/%s", im->photos, name);
  if (lstat(path, &info))
  {
    snprintf(why, whysize, _("field \"photo\": the photo file cannot be read (%s)"), strerror(errno));
    return (NULL);
  }
  if (!S_ISREG(info.st_mode))
  {
    snprintf(why, whysize, _("field \"photo\": the photo file is not a regular file (%s)"), file_kind(info.st_mode));
    return (NULL);
  }
  if ((fd = cliPrivUserOpen(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY, 0)) < 0 || fstat(fd, &info) ||
      !S_ISREG(info.st_mode))
  {
    if (fd < 0 && errno != ELOOP)
      snprintf(why, whysize, _("field \"photo\": the photo file cannot be read (%s)"), strerror(errno));
    else
      snprintf(why, whysize, _("field \"photo\": the photo file is not a regular file (%s)"),
               fd < 0 ? _("a symbolic link") : file_kind(info.st_mode));
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
  while (got < (size_t)info.st_size && (n = read(fd, data + got, (size_t)info.st_size - got)) > 0)
    got += (size_t)n;
  close(fd);
  if (got != (size_t)info.st_size)
  {
    snprintf(why, whysize, "%s", _("field \"photo\": the photo file cannot be read"));
    explicit_bzero(data, got);
    free(data);
    return (NULL);
  }
  *len = got;
  return (data);
}


/* Wipe and free a photo's bytes. */
static void
photo_free(unsigned char *data,		/* I - Bytes or NULL */
           size_t        len)		/* I - Length */
{
  if (data)
    explicit_bzero(data, len);
  free(data);
}


/*
 * Check a photo named in the file, once per name: it is read, must be a
 * JPEG or PNG that decodes, and is turned into the form the card uses
 * (renderPhotoPrepare: a JPEG of the photo box's size at 300 dpi, unless
 * it is a JPEG no larger than that already).  The SHA-256 of the bytes to
 * store is noted, and of the file when they are made from it (phase 2
 * stores the same bytes or none).  Returns the photo; its why is "" when
 * it is good.
 */

static import_photo_t *
photo_check(import_t   *im,		/* I - Import */
            const char *name,		/* I - Name in the CSV */
            int        line)		/* I - Line naming it */
{
  import_photo_t	*p = g_hash_table_lookup(im->files, name);
  unsigned char		*data, *card = NULL;
  size_t		len = 0, cardlen = 0;
  char			*key;

  if (p)
    return (p);
  p = g_new0(import_photo_t, 1);
  p->line = line;
  key = g_strdup(name);
  p->name = key;
  g_hash_table_insert(im->files, key, p);
  if ((data = photo_read(im, name, &len, p->why, sizeof(p->why))) == NULL)
    return (p);
  invRequestPhotoDigest(data, len, p->source);
  if (imageSniff(data, len) == IMAGE_UNKNOWN)
    snprintf(p->why, sizeof(p->why), "%s", _("field \"photo\": the photo is neither JPEG nor PNG"));
  else if (!renderPhotoPrepare(im->r, data, len, p->source, &card, &cardlen))
    snprintf(p->why, sizeof(p->why), _("field \"photo\": the photo cannot be decoded (%s)"), renderGetError(im->r));
  else if (card)
  {
    p->convert = true;
    invRequestPhotoDigest(card, cardlen, p->sha256);
    photo_free(card, cardlen);
  }
  else
  {
    p->png = imageSniff(data, len) == IMAGE_PNG;
    p->source[0] = '\0';		/* stored as given */
    invRequestPhotoDigest(data, len, p->sha256);
  }
  photo_free(data, len);
  return (p);
}


/* A row's shape and text: as many fields as the header, no NUL byte, every
 * cell clean UTF-8 text (invTextCheck); false, with the row noted, if not. */
static bool
row_text_ok(import_t        *im,	/* I - Import */
            const csv_row_t *row)	/* I - Record */
{
  const csv_row_t *h = im->csv.rows;

  if (row->nfields != h->nfields)
  {
    row_error(im, row->line, _("the record has %d fields; the header has %d"), row->nfields, h->nfields);
    return (false);
  }
  if (row->has_nul)
  {
    row_error(im, row->line, "%s", _("a field holds a NUL byte"));
    return (false);
  }
  for (int i = 0; i < row->nfields; i ++)
  {
    inv_text_t problem = invTextCheck(row->fields[i]);

    if (problem != INV_TEXT_OK)
    {
      row_error(im, row->line, "field \"%s\" %s", h->fields[i], invTextProblem(problem));
      return (false);
    }
  }
  return (true);
}


/* A row as a resident's card: its NIK, birth date, sex and validity agree
 * (residentCheck) and its fields fit the template (renderCheckRecord); c
 * holds the row's fields; false, with the row noted, if not. */
static bool
row_card_ok(import_t        *im,	/* I - Import */
            const csv_row_t *row,	/* I - Record */
            card_record_t   *c)		/* O - Its fields, pointing into row */
{
  const csv_row_t	*h = im->csv.rows;
  const char		*field;
  char			why[512];

  cardRecordInit(c);
  for (int i = 0; i < row->nfields; i ++)
    if (!request_column(h->fields[i]))
      cardRecordAdd(c, h->fields[i], row->fields[i]);
  if (!residentCheck(cardRecordGet(c, "nik"), cardRecordGet(c, "birth_date"), cardRecordGet(c, "sex"),
                     cardRecordGet(c, "valid_until"), &field, why, sizeof(why)))
  {
    row_error(im, row->line, "field \"%s\": %s", field, why);
    return (false);
  }
  cardRecordAddSite(c, im->t, &im->config);
  c->rec.issue_date = im->today;
  if (!renderCheckRecord(im->r, &c->rec))
  {
    row_error(im, row->line, "%s", renderGetError(im->r));
    return (false);
  }
  return (true);
}


/* A row's "recorded" day (a real day, not after today; empty for the
 * import's day) and "category" (a code or its Indonesian word; empty for
 * "new", or a reprint's reason): false, with the row noted, if not. */
static bool
row_backlog_ok(import_t        *im,	/* I - Import */
               const csv_row_t *row)	/* I - Record */
{
  const csv_row_t	*h = im->csv.rows;
  inv_date_t		d;
  char			why[256], day[11];

  for (int i = 0; i < row->nfields; i ++)
  {
    const char *v = row->fields[i];

    if (!*v)
      continue;
    if (!strcmp(h->fields[i], "recorded"))
    {
      if (!invDateParse(v, INV_DATE_QUIET, &d, why, sizeof(why)))
      {
        row_error(im, row->line, _("field \"recorded\": %s"), why);
        return (false);
      }
      snprintf(day, sizeof(day), "%04d-%02d-%02d", d.year, d.month, d.day);
      if (strcmp(day, im->today) > 0)
      {
        row_error(im, row->line, "%s", _("field \"recorded\": the day is after today"));
        return (false);
      }
    }
    else if (!strcmp(h->fields[i], "category") && !invRequestCategory(v))
    {
      char choices[256];

      row_error(im, row->line, _("field \"category\": not one of %s"),
                invVocabChoices(INV_VOCAB_CATEGORY, choices, sizeof(choices)));
      return (false);
    }
  }
  return (true);
}


/* A NIK once in the file: noted with its line the first time; false, with
 * the row noted, when an earlier line has it. */
static bool
row_nik_once(import_t   *im,		/* I - Import */
             const char *nik,		/* I - The row's NIK */
             int        line)		/* I - Its line */
{
  gpointer first;

  if (g_hash_table_lookup_extended(im->niks, nik, NULL, &first))
  {
    row_error(im, line, _("field \"nik\": the same NIK is on line %d"), GPOINTER_TO_INT(first));
    return (false);
  }
  g_hash_table_insert(im->niks, g_strdup(nik), GINT_TO_POINTER(line));
  return (true);
}


/* A row's photo, if it names one, checked once per file (photo_check);
 * false, with the row noted, when it is bad. */
static bool
row_photo_ok(import_t            *im,	/* I - Import */
             const card_record_t *c,	/* I - The row's fields */
             int                 line,	/* I - Its line */
             import_photo_t      **photo)/* O - Its photo, or NULL */
{
  const char *name = cardRecordGet(c, "photo");

  *photo = NULL;
  if (!name || !*name)
    return (true);
  *photo = photo_check(im, name, line);
  if ((*photo)->why[0])
  {
    row_error(im, line, "%s", (*photo)->why);
    return (false);
  }
  return (true);
}


/* No live request for the row's NIK, unless --replace: *ok false, with the
 * row noted, when there is one; a ledger failure as the status. */
static inv_status_t
row_live_ok(import_t   *im,		/* I - Import */
            const char *nik,		/* I - The row's NIK */
            int        line,		/* I - Its line */
            bool       *ok)		/* O - May it be imported? */
{
  int64_t	live;
  char		state[16];
  inv_status_t	status;

  *ok = false;
  if ((status = invRequestFindLive(cliGetDb(im->cli), nik, &live, state, sizeof(state))) != INV_OK)
    return (status);
  if (live && !im->replace)
    row_error(im, line,
              _("field \"nik\": this NIK already has a %s request (#%lld); a reprint needs --replace lost|damaged|data-change"),
              state, (long long)live);
  else
    *ok = true;
  return (INV_OK);
}


/* Keep a good row in im->recs, its fields as a JSON object; INV_ERROR
 * (im->nomem) when out of memory. */
static inv_status_t
row_keep(import_t            *im,	/* I - Import */
         const csv_row_t     *row,	/* I - Record */
         const card_record_t *c,	/* I - Its fields */
         import_photo_t      *photo)	/* I - Its photo, or NULL */
{
  const csv_row_t	*h = im->csv.rows;
  import_rec_t		rec;
  json_t		*obj = json_object();

  memset(&rec, 0, sizeof(rec));
  for (int i = 0; i < row->nfields; i ++)
    if (!strcmp(h->fields[i], "recorded"))
      rec.recorded = *row->fields[i] ? row->fields[i] : NULL;
    else if (!strcmp(h->fields[i], "category"))
      rec.category = *row->fields[i] ? invRequestCategory(row->fields[i]) : NULL;
    else
      json_object_set_new(obj, h->fields[i], json_string(row->fields[i]));
  rec.fields = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(obj);
  if (!rec.fields)
  {
    im->nomem = true;
    return (INV_ERROR);
  }
  rec.line = row->line;
  rec.nik = cardRecordGet(c, "nik");
  rec.name = cardRecordGet(c, "name");
  rec.photo = photo;
  g_array_append_val(im->recs, rec);
  return (INV_OK);
}


/* Phase 1 for one record: check it, and keep it in im->recs when good
 * (else note why).  No write transaction is open. */
static inv_status_t
check_row(import_t        *im,		/* I - Import */
          const csv_row_t *row)		/* I - Record */
{
  card_record_t		c;
  import_photo_t	*photo;
  inv_status_t		status;
  bool			ok;

  if (!row_text_ok(im, row) || !row_backlog_ok(im, row) || !row_card_ok(im, row, &c) || !row_nik_once(im, cardRecordGet(&c, "nik"), row->line) ||
      !row_photo_ok(im, &c, row->line, &photo))
    return (INV_OK);
  if ((status = row_live_ok(im, cardRecordGet(&c, "nik"), row->line, &ok)) != INV_OK || !ok)
    return (status);
  if (im->errors->len && !im->skip)
    return (INV_OK);			/* checked; nothing more will be kept */
  return (row_keep(im, row, &c, photo));
}


/* Phase 1: read and check every record, with no write transaction open. */
static inv_status_t
import_check(import_t *im)		/* I - Import */
{
  inv_status_t status = INV_OK;

  for (size_t i = 1; i < im->csv.nrows && status == INV_OK; i ++)
    status = check_row(im, im->csv.rows + i);
  return (status);
}


/*
 * Phase 2: store the good rows' photos, each once, in short transactions
 * (STAGE_BYTES or STAGE_COUNT photos each) so that other writers wait
 * little.  The photos are read again and must have the bytes phase 1
 * checked.  A photo that cannot be stored is a bad row (its first line).
 */

static inv_status_t
import_stage(import_t *im)		/* I - Import */
{
  inv_db_t	*db = cliGetDb(im->cli);
  inv_status_t	status;
  size_t	i = 0;

  if ((status = invDbBegin(db)) != INV_OK)
    return (status);
  if ((status = invRequestPhotoSweep(db)) != INV_OK || (status = invDbCommit(db)) != INV_OK)
  {
    invDbRollback(db);
    return (status);
  }

  while (i < im->recs->len && status == INV_OK && (!im->errors->len || im->skip))
  {
    size_t		bytes = 0;
    GArray		*batch = g_array_new(FALSE, FALSE, sizeof(import_bytes_t));

    // Read (and convert) the next photos with no transaction open, so the
    // write lock is held only to store them (issue 17: a conversion is
    // CPU work).
    for (; i < im->recs->len && bytes < STAGE_BYTES && batch->len < STAGE_COUNT && (!im->errors->len || im->skip); i ++)
    {
      import_photo_t	*p = g_array_index(im->recs, import_rec_t, i).photo;
      import_bytes_t	b = { p, NULL, 0 };

      if (!p || p->id || p->dropped || p->queued)
        continue;
      if ((b.data = photo_read(im, p->name, &b.len, p->why, sizeof(p->why))) == NULL)
      {
        row_error(im, p->line, "%s", p->why);
        p->dropped = true;
        continue;
      }
      if (p->convert)
      {
        // The file must be the one phase 1 read; the bytes stored are made
        // from it again (the same bytes: the conversion is deterministic).
        unsigned char	*card = NULL;
        size_t		cardlen = 0;
        char		sha[65];

        invRequestPhotoDigest(b.data, b.len, sha);
        if (strcmp(sha, p->source) || !renderPhotoPrepare(im->r, b.data, b.len, p->source, &card, &cardlen) || !card)
        {
          row_error(im, p->line, "field \"photo\": %s", _("the photo file changed while it was imported"));
          p->dropped = true;
          photo_free(b.data, b.len);
          continue;
        }
        photo_free(b.data, b.len);
        b.data = card;
        b.len  = cardlen;
      }
      p->queued = true;
      bytes += b.len;
      g_array_append_val(batch, b);
    }

    if (batch->len && (!im->errors->len || im->skip) && (status = invDbBegin(db)) == INV_OK)
    {
      for (guint k = 0; k < batch->len && status == INV_OK; k ++)
      {
        import_bytes_t	*b = &g_array_index(batch, import_bytes_t, k);
        import_photo_t	*p = b->photo;
        bool		added;

        status = invRequestPhotoStageFrom(db, b->data, b->len, p->png ? "image/png" : "image/jpeg", p->sha256,
                                          p->convert ? p->source : NULL, &p->id, &added, p->source);
        if (status == INV_REFUSED)
        {
          row_error(im, p->line, "field \"photo\": %s", invDbGetError(db));
          p->dropped = true;
          status = INV_OK;
        }
        else if (status == INV_OK && added)
          g_array_append_val(im->staged, p->id);
        if (im->errors->len && !im->skip)
          break;
      }
      if (status == INV_OK)
        status = invDbCommit(db);
      else
        invDbRollback(db);
    }
    for (guint k = 0; k < batch->len; k ++)
      photo_free(g_array_index(batch, import_bytes_t, k).data, g_array_index(batch, import_bytes_t, k).len);
    g_array_free(batch, TRUE);
  }
  return (status);
}


/* The request of a good row. */
static void
link_request(import_t          *im,	/* I - Import */
             const import_rec_t *rec,	/* I - Row */
             inv_request_new_t *req)	/* O - Its request */
{
  memset(req, 0, sizeof(*req));
  req->nik = rec->nik;
  req->name = rec->name;
  req->template_name = tmplGetName(im->t);
  req->fields = rec->fields;
  req->replace = im->replace;
  req->recorded = rec->recorded;
  req->category = rec->category;
  if (rec->photo)
  {
    req->photo_id = rec->photo->id;
    req->photo_sha256 = rec->photo->sha256;
    req->photo_source = rec->photo->source;
    req->photo_type = rec->photo->png ? "image/png" : "image/jpeg";
  }
}


/*
 * Phase 3 of a plain import (no --replace): the rows go into a batch
 * (invRequestBatchBegin) and are numbered and digested before the write
 * transaction; in it, one query checks every NIK against the live requests
 * and one statement adds them all.  A NIK another import took meanwhile
 * (or a photo another import removed) refuses the import, or with
 * --skip-invalid leaves its row out (the rest numbered again).
 */

static inv_status_t
link_batch(import_t            *im,	/* I - Import */
           inv_request_batch_t *batch,	/* I - Empty batch */
           bool                *began)	/* O - Transaction begun? */
{
  inv_db_t	*db = cliGetDb(im->cli);
  inv_status_t	status = INV_OK;
  int64_t	seq;
  const char	*field;

  for (size_t i = 0; i < im->recs->len && status == INV_OK; i ++)
  {
    import_rec_t	*rec = &g_array_index(im->recs, import_rec_t, i);
    inv_request_new_t	req;

    if (rec->photo && rec->photo->dropped)
      continue;				/* its row was refused in phase 2 */
    link_request(im, rec, &req);
    status = invRequestBatchAdd(db, batch, (int64_t)i, &req);
  }
  if (status != INV_OK || (status = invRequestBatchNumber(db, batch)) != INV_OK ||
      (status = invRequestBatchKeys(db, true)) != INV_OK)
    return (status);
  if ((status = invDbBegin(db)) != INV_OK)
  {
    invRequestBatchKeys(db, false);
    return (status);
  }
  *began = true;
  while (batch->count && (status = invRequestBatchLink(db, batch, &seq, &field)) == INV_REFUSED)
  {
    row_error(im, g_array_index(im->recs, import_rec_t, (size_t)seq).line, "field \"%s\": %s", field, invDbGetError(db));
    status = INV_OK;
    if (!im->skip || (status = invRequestBatchDrop(db, batch, seq)) != INV_OK)
      break;
  }
  if (status == INV_OK && (!im->errors->len || im->skip) && batch->count)
  {
    im->done.added = batch->count;
    im->done.first = batch->base;
    im->done.last = batch->base + batch->count - 1;
    im->done.rows_sha256 = batch->rows_sha256;
  }
  return (status);
}


/* Phase 3 of a reprint import (--replace): each row supersedes its NIK's
 * live request, one by one, in the transaction begun here. */
static inv_status_t
link_rows(import_t *im,			/* I - Import */
          bool     *began)		/* O - Transaction begun? */
{
  inv_db_t	*db = cliGetDb(im->cli);
  inv_status_t	status;

  if ((status = invDbBegin(db)) != INV_OK)
    return (status);
  *began = true;
  for (size_t i = 0; i < im->recs->len && status == INV_OK; i ++)
  {
    import_rec_t	*rec = &g_array_index(im->recs, import_rec_t, i);
    inv_request_new_t	req;
    int64_t		id, live = 0;
    char		state[16];

    if (rec->photo && rec->photo->dropped)
      continue;				/* its row was refused in phase 2 */
    if ((status = invRequestFindLive(db, rec->nik, &live, state, sizeof(state))) != INV_OK)
      break;
    link_request(im, rec, &req);
    if ((status = invRequestAdd(db, &req, &id)) == INV_REFUSED)
    {
      row_error(im, rec->line, "field \"nik\": %s", invDbGetError(db));
      status = INV_OK;
      if (!im->skip)
        break;
    }
    else if (status == INV_OK)
    {
      if (!im->done.added ++)
        im->done.first = id;
      im->done.last = id;
      im->done.replaced += live != 0;
    }
  }
  return (status);
}


/*
 * Phase 3: in one transaction, add every good row as a request linked to
 * its stored photo, and the import's event.  A row refused now (a NIK
 * another import took meanwhile) refuses the import (rolled back), unless
 * --skip-invalid.  im->linked says whether it committed.
 */

static inv_status_t
import_link(import_t *im,		/* I - Import */
            int64_t  *event_id)		/* O - The import's event */
{
  inv_db_t		*db = cliGetDb(im->cli);
  inv_request_batch_t	batch;
  inv_status_t		status;
  bool			began = false;

  if (im->replace)
    status = link_rows(im, &began);
  else if ((status = invRequestBatchBegin(db, &batch)) == INV_OK)
    status = link_batch(im, &batch, &began);
  if (!began)
  {
    if (!im->replace)
      invRequestBatchEnd(db, &batch);
    return (status);
  }
  im->done.skipped = (int64_t)im->errors->len;
  if (status == INV_OK && im->done.added && (!im->errors->len || im->skip) &&
      (status = invRequestPhotoLinked(db, im->done.first, im->done.last)) == INV_OK &&
      (status = invRequestImportRecord(db, &im->done, event_id)) == INV_OK &&
      (status = invDbCommit(db)) == INV_OK)
    im->linked = true;
  else
    invDbRollback(db);
  if (!im->replace)
  {
    invRequestBatchKeys(db, false);
    invRequestBatchEnd(db, &batch);
  }
  im->done.rows_sha256 = NULL;
  return (status);
}


/* After a refused import (or rows left out): remove the photos it stored
 * that no request uses, in short transactions.  A failure here leaves them
 * staged, for a later import to remove. */
static void
import_unstage(import_t *im)		/* I - Import */
{
  inv_db_t	*db = cliGetDb(im->cli);
  inv_status_t	status = INV_OK;

  for (size_t i = 0; i < im->staged->len && status == INV_OK; )
  {
    if ((status = invDbBegin(db)) != INV_OK)
      break;
    for (int n = 0; i < im->staged->len && n < STAGE_COUNT && status == INV_OK; i ++, n ++)
      status = invRequestPhotoUnstage(db, g_array_index(im->staged, int64_t, i));
    if (status == INV_OK)
      status = invDbCommit(db);
    else
      invDbRollback(db);
  }
}


/* Parse the command line into im; a failure status or CLI_OK. */
static int
import_args(import_t *im, int argc, char *argv[])
{
  int c;

  while ((c = cliGetOption(im->cli, argc, argv, cliGetOptions(im->cli))) != -1)
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
          if ((im->replace = invVocabCode(INV_VOCAB_REPRINT_REASON, optarg)) == NULL)	/* "hilang" is lost */
          {
            char choices[256];

            return (cliUsage(im->cli, _("--replace takes one of %s"),
                             invVocabChoices(INV_VOCAB_REPRINT_REASON, choices, sizeof(choices))));
          }
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
  if (im->files)
    g_hash_table_destroy(im->files);
  for (guint i = 0; im->recs && i < im->recs->len; i ++)
  {
    char *fields = g_array_index(im->recs, import_rec_t, i).fields;

    explicit_bzero(fields, strlen(fields));
    free(fields);
  }
  if (im->recs)
    g_array_free(im->recs, TRUE);
  if (im->staged)
    g_array_free(im->staged, TRUE);
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
    fprintf(stderr, "%s %s: %s\n", cliGetProgram(im->cli), cliGetCommandName(im->cli), (char *)im->errors->pdata[i]);
  if (!im->skip)
    return (cliFail(im->cli, CLI_REFUSED, P_("%zu of %zu records has errors; nothing was imported",
                                             "%zu of %zu records have errors; nothing was imported", n), n, records));
  return (cliFail(im->cli, CLI_REFUSED, P_("%zu of %zu records has errors and was skipped; %lld imported",
                                           "%zu of %zu records have errors and were skipped; %lld imported", n), n,
                  records, (long long)im->done.added));
}


/* Load what checking needs: the configuration, the template (its site
 * fields set) and a renderer (no key: nothing is sealed here); CLI_OK or
 * the failure.  With the ledger open, a set-group-id run gives the group
 * up for good: the CSV file, the photos and the renderer (pango, libjpeg)
 * get the user's own rights, and the ledger is written through the files
 * already open. */
static int
import_open(import_t *im)		/* I - Import */
{
  char		error[1024];

  if (!blankoConfigLoad(&im->config))
    return (cliFail(im->cli, CLI_REFUSED, "%s", im->config.error));
  if ((im->t = cardTemplateLoad(&im->config, im->done.template_name, error, sizeof(error))) == NULL ||
      !cardSiteCheck(im->t, &im->config, error, sizeof(error)))
    return (cliFail(im->cli, CLI_REFUSED, "%s", error));
  if (!cliPrivDrop(error, sizeof(error)))
    return (cliFail(im->cli, CLI_REFUSED, "%s", error));
  if ((im->r = renderNew(im->t)) == NULL)
    return (cliFailNoMemory(im->cli));
  return (CLI_OK);
}


/* Read the CSV file: a header the template agrees with and at least one
 * record; CLI_OK or the failure. */
static int
import_read(import_t *im)		/* I - Import */
{
  if (!csvFileRead(im->file, &im->csv))
    return (cliFail(im->cli, CLI_REFUSED, "%s", im->csv.error));
  if (im->csv.nrows < 2)
    return (cliFail(im->cli, CLI_REFUSED, im->csv.nrows ? _("%s: no records after the header") : _("%s: no header row"),
                    im->file));
  return (check_header(im));
}


/* Run the three phases: check (no write lock), stage photos, link rows.
 * Returns CLI_OK, or the failure (the bad rows reported) when nothing was
 * linked; the photos of a refused import, or of rows left out, are
 * removed again. */
static int
import_run(import_t *im,		/* I - Import, read */
           int64_t  *event_id)		/* O - The import's event */
{
  inv_status_t	status;
  int		result = CLI_OK;

  cardToday(im->today);
  im->niks = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  im->files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  im->recs = g_array_new(FALSE, FALSE, sizeof(import_rec_t));
  im->staged = g_array_new(FALSE, FALSE, sizeof(int64_t));
  im->errors = g_ptr_array_new_with_free_func(g_free);
  im->done.file_sha256 = im->csv.sha256;

  if ((status = import_check(im)) == INV_OK && im->recs->len && (!im->errors->len || im->skip) &&
      (status = import_stage(im)) == INV_OK && (!im->errors->len || im->skip))
    status = import_link(im, event_id);
  if (im->nomem)
    result = cliFailNoMemory(im->cli);
  else if (status != INV_OK)
    result = cliFailDb(im->cli, status);
  else if (!im->linked)
    result = import_report(im, im->csv.nrows - 1);
  if (!im->linked || im->errors->len)
    import_unstage(im);
  return (result);
}


/* Say what a linked import added, as JSON or a line. */
static void
import_done(import_t *im,		/* I - Import, linked */
            int64_t  event_id)		/* I - Its event */
{
  char		reprints[64], code[INV_CODE_LEN + 1], added[32];
  json_t	*codes = json_array();

  /* Each request's code for the resident's page, for the recording desk */
  for (int64_t id = im->done.first; id && id <= im->done.last; id ++)
    if (invRequestCodeGet(cliGetDb(im->cli), id, false, code) == INV_OK && code[0])
      json_array_append_new(codes, json_pack("{s:I,s:s}", "request", (json_int_t)id, "code", code));
  if (cliGetJson(im->cli))
  {
    cliJsonPrint(json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:s,s:o}", "added", (json_int_t)im->done.added,
                           "first", (json_int_t)im->done.first, "last", (json_int_t)im->done.last,
                           "replaced", (json_int_t)im->done.replaced, "skipped", (json_int_t)im->done.skipped,
                           "event", (json_int_t)event_id, "template", tmplGetName(im->t), "codes", codes));
    return;
  }
  snprintf(reprints, sizeof(reprints), P_("%s reprint", "%s reprints", im->done.replaced),
           i18nCount(im->done.replaced, added, sizeof(added)));
  /* TRANSLATORS: the second %s is "N reprints" (the message just above). */
  printf(P_("Imported %s card request (#%lld-#%lld, %s) from %s; event %lld.\n",
            "Imported %s card requests (#%lld-#%lld, %s) from %s; event %lld.\n", im->done.added),
         i18nCount(im->done.added, added, sizeof(added)), (long long)im->done.first, (long long)im->done.last,
         reprints, im->file, (long long)event_id);
  if (json_array_size(codes))
  {
    size_t	i;
    json_t	*c;

    printf("%s\n", _("Codes for the residents' receipts (printctl receipt):"));
    json_array_foreach(codes, i, c)
      printf("  #%-8lld %s\n", (long long)json_integer_value(json_object_get(c, "request")),
             json_string_value(json_object_get(c, "code")));
  }
  json_decref(codes);
}


/* Import a CSV file of residents as card requests. */
int
cmdImport(cli_t *cli,			/* I - Command context */
          int   argc,			/* I - Arguments */
          char  *argv[])		/* I - Their values */
{
  import_t	im;
  int		result;
  int64_t	event_id = 0;

  memset(&im, 0, sizeof(im));
  im.cli = cli;
  im.done.template_name = CARD_TEMPLATE_DEFAULT;
  if ((result = import_args(&im, argc, argv)) == CLI_OK && (result = import_open(&im)) == CLI_OK &&
      (result = import_read(&im)) == CLI_OK)
  {
    result = import_run(&im, &event_id);
    if (im.linked)
    {
      import_done(&im, event_id);
      if (im.errors->len)
        result = import_report(&im, im.csv.nrows - 1);	/* --skip-invalid: good rows kept, exit 1 */
    }
  }
  import_free(&im);
  return (result);
}
