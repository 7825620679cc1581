/*
 * Reading an import file with libcsv.  See csvfile.h.
 */

#include "csvfile.h"
#include "blanko/i18n.h"
#include "blanko/privilege.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct csv_state_s		/* Parser callbacks' context */
{
  csv_file_t	*f;			/* File being built */
  size_t	alloc;			/* Rows allocated */
  csv_row_t	cur;			/* Record being built */
  int		fields_alloc;		/* Fields allocated in cur */
  int		line;			/* Line being fed */
  int		next_start;		/* Line the next record starts on */
  bool		nomem;			/* Out of memory */
} csv_state_t;


/* libcsv: one field ended; keep a NUL-terminated copy. */
static void
field_cb(void   *s,			/* I - Field bytes */
         size_t len,			/* I - Length */
         void   *data)			/* I - csv_state_t */
{
  csv_state_t	*st = data;
  char		*copy;

  if (st->nomem)
    return;
  if (st->cur.nfields == 0)
    st->cur.line = st->next_start;
  if (st->cur.nfields == st->fields_alloc)
  {
    int		n = st->fields_alloc ? 2 * st->fields_alloc : 16;
    char	**more = realloc(st->cur.fields, (size_t)n * sizeof(char *));

    if (!more)
    {
      st->nomem = true;
      return;
    }
    st->cur.fields = more;
    st->fields_alloc = n;
  }
  if ((copy = malloc(len + 1)) == NULL)
  {
    st->nomem = true;
    return;
  }
  memcpy(copy, s ? s : "", len);
  copy[len] = '\0';
  if (len && memchr(copy, '\0', len))
    st->cur.has_nul = true;
  st->cur.fields[st->cur.nfields ++] = copy;
}


/* libcsv: a record ended; move it to the file. */
static void
row_cb(int  c,				/* I - Terminator, or -1 at the end */
       void *data)			/* I - csv_state_t */
{
  csv_state_t *st = data;

  (void)c;
  st->next_start = st->line + 1;
  if (st->nomem)
    return;
  if (st->f->nrows == st->alloc)
  {
    size_t	n = st->alloc ? 2 * st->alloc : 256;
    csv_row_t	*more = realloc(st->f->rows, n * sizeof(csv_row_t));

    if (!more)
    {
      st->nomem = true;
      return;
    }
    st->f->rows = more;
    st->alloc = n;
  }
  st->f->rows[st->f->nrows ++] = st->cur;
  memset(&st->cur, 0, sizeof(st->cur));
  st->fields_alloc = 0;
}


/* Free one record's fields. */
static void
row_free(csv_row_t *r)
{
  for (int i = 0; i < r->nfields; i ++)
    free(r->fields[i]);
  free(r->fields);
}


/*
 * Read and parse a CSV file.  Lines are fed to libcsv one at a time so that
 * each record knows the line it starts on.  false with f->error on an
 * unreadable or malformed file (strict mode: a stray quote is an error).
 */

bool
csvFileRead(const char *path,		/* I - File */
            csv_file_t *f)		/* O - Records */
{
  struct csv_parser	p;
  csv_state_t		st;
  FILE			*fp;
  int			fd = -1;	/* opened with the user's own rights */
  char			*line = NULL;
  size_t		linesize = 0;
  ssize_t		len;
  EVP_MD_CTX		*md = EVP_MD_CTX_new();
  unsigned char		hash[EVP_MAX_MD_SIZE];
  unsigned		hashlen = 0;
  bool			ok = true;

  memset(f, 0, sizeof(*f));
  memset(&st, 0, sizeof(st));
  st.f = f;
  st.next_start = 1;
  if (!md || (fd = cliPrivUserOpen(path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0)) < 0 || (fp = fdopen(fd, "rb")) == NULL)
  {
    if (fd >= 0)
      close(fd);
    snprintf(f->error, sizeof(f->error), _("cannot open %s: %s"), path, md ? strerror(errno) : i18nNoMemory());
    EVP_MD_CTX_free(md);
    return (false);
  }
  EVP_DigestInit_ex(md, EVP_sha256(), NULL);
  csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);

  while (ok && (len = getline(&line, &linesize, fp)) > 0)
  {
    const char	*s = line;
    size_t	n = (size_t)len;

    st.line ++;
    EVP_DigestUpdate(md, line, n);
    if (st.line == 1 && n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
    {
      s += 3;				/* UTF-8 byte order mark */
      n -= 3;
    }
    if (csv_parse(&p, s, n, field_cb, row_cb, &st) != n)
    {
      snprintf(f->error, sizeof(f->error), _("%s:%d: not valid CSV (%s)"), path, st.line,
               csv_strerror(csv_error(&p)));
      ok = false;
    }
  }
  if (ok && ferror(fp))
  {
    snprintf(f->error, sizeof(f->error), _("cannot read %s: %s"), path, strerror(errno));
    ok = false;
  }
  if (ok && csv_fini(&p, field_cb, row_cb, &st))
  {
    snprintf(f->error, sizeof(f->error), _("%s:%d: not valid CSV (a quoted field is not closed)"), path,
             st.next_start);
    ok = false;
  }
  if (ok && st.nomem)
  {
    snprintf(f->error, sizeof(f->error), "%s", i18nNoMemory());
    ok = false;
  }
  EVP_DigestFinal_ex(md, hash, &hashlen);
  for (unsigned i = 0; i < hashlen && i < 32; i ++)
    snprintf(f->sha256 + 2 * i, 3, "%02x", hash[i]);

  row_free(&st.cur);
  csv_free(&p);
  if (line)
    explicit_bzero(line, linesize);
  free(line);
  fclose(fp);
  EVP_MD_CTX_free(md);
  if (!ok)
  {
    char error[sizeof(f->error)];

    memcpy(error, f->error, sizeof(error));
    csvFileFree(f);
    memcpy(f->error, error, sizeof(error));
  }
  return (ok);
}


/* Free the records, wiping their values (personal data) first. */
void
csvFileFree(csv_file_t *f)		/* I - File */
{
  for (size_t i = 0; i < f->nrows; i ++)
  {
    for (int j = 0; j < f->rows[i].nfields; j ++)
      explicit_bzero(f->rows[i].fields[j], strlen(f->rows[i].fields[j]));
    row_free(f->rows + i);
  }
  free(f->rows);
  memset(f, 0, sizeof(*f));
}
