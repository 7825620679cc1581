/*
 * What the reports' PDFs share (destruction, reconcile, stock): the
 * opening of the document and the heading of a table.  The PDF writer
 * itself is the module report-pdf.so (pdf.h); these only call it.
 */

#include "report-private.h"
#include "blanko/inventory.h"
#include "blanko/words.h"

#include <ctype.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


/*
 * Start a report's PDF on fp: every page's footer is the office, a dash
 * and the footer format's text; the document opens with the title, the
 * office as a second title and one line of text.  NULL with the reason in
 * error when the writer is out of memory.
 */
rpdf_t *
repPdfStart(cli_t               *cli,	/* I - Command context (the office) */
            const rpdf_module_t *pw,	/* I - PDF writer */
            FILE                *fp,	/* I - Output file */
            const char          *title,	/* I - The report's title */
            const char          *line,	/* I - The line under the office */
            char                *error,	/* O - Why not */
            size_t              errorsize,/* I - Size of error */
            const char          *footer,/* I - printf-style rest of the footer */
            ...)			/* I - Its arguments */
{
  const char	*office = cliGetConfig(cli)->office;
  char		text[1024];
  size_t	len;
  va_list	ap;
  rpdf_t	*pdf;

  snprintf(text, sizeof(text), "%s  \xe2\x80\x94  ", office);
  len = strlen(text);
  va_start(ap, footer);
  vsnprintf(text + len, sizeof(text) - len, footer, ap);
  va_end(ap);
  if ((pdf = pw->create(fp, text)) == NULL)
  {
    snprintf(error, errorsize, "%s", i18nNoMemory());
    return (NULL);
  }
  pw->title(pdf, title);
  pw->title(pdf, office);
  pw->text(pdf, line);
  return (pdf);
}


/* A heading and, under it, the bold row that heads a table's columns. */
void
repPdfTable(const rpdf_module_t *pw,	/* I - PDF writer */
            rpdf_t              *pdf,	/* I - The PDF */
            const char          *heading,/* I - The heading */
            int                 ncols,	/* I - Columns */
            const double        *widths,/* I - Their widths, mm */
            const char * const  *head)	/* I - Their titles */
{
  pw->heading(pdf, heading);
  pw->row(pdf, ncols, widths, head, true);
}


/*
 * Official documents (see rpdf_doc_t in pdf.h) are built here as a list of
 * blocks whose text lives in the document's own pool, then handed to the
 * PDF writer's "document" function in one call.
 */

/* Start an empty document. */
void
repDocInit(rep_doc_t *d)		/* O - Document */
{
  memset(d, 0, sizeof(*d));
}


/* Keep an allocation in the document's pool (freed by repDocFree); NULL
 * (the document marked failed) when p is NULL or the pool cannot grow. */
static void *
doc_keep(rep_doc_t *d,			/* I - Document */
         void      *p)			/* I - Allocation */
{
  if (p && d->npool == d->apool)
  {
    size_t	alloc = d->apool ? 2 * d->apool : 64;
    void	**pool = realloc(d->pool, alloc * sizeof(void *));

    if (!pool)
    {
      free(p);
      p = NULL;
    }
    else
    {
      d->pool = pool;
      d->apool = alloc;
    }
  }
  if (!p)
  {
    d->failed = true;
    return (NULL);
  }
  d->pool[d->npool ++] = p;
  return (p);
}


/* Text kept in the document, printf-style ("" when out of memory). */
const char *
repDocText(rep_doc_t  *d,		/* I - Document */
           const char *format,		/* I - printf-style format */
           ...)				/* I - Its arguments */
{
  va_list	ap;
  char		*text = NULL;
  int		n;

  va_start(ap, format);
  n = vasprintf(&text, format, ap);
  va_end(ap);
  if (n < 0)
    text = NULL;
  text = doc_keep(d, text);
  return (text ? text : "");
}


/* Room for n cells kept in the document (NULL when out of memory). */
const char **
repDocCells(rep_doc_t *d,		/* I - Document */
            size_t    n)		/* I - How many cells */
{
  const char **cells = doc_keep(d, calloc(n ? n : 1, sizeof(char *)));

  for (size_t i = 0; cells && i < n; i ++)
    cells[i] = "";
  return (cells);
}


/* Add a block of a kind to the document; a block to fill in (a scratch
 * block when out of memory: the document is then marked failed). */
rpdf_block_t *
repDocAdd(rep_doc_t   *d,		/* I - Document */
          rpdf_kind_t kind)		/* I - What it is */
{
  static rpdf_block_t	scratch;
  rpdf_block_t		*b;

  if (d->nblocks == d->ablocks)
  {
    size_t		alloc = d->ablocks ? 2 * d->ablocks : 32;
    rpdf_block_t	*blocks = realloc(d->blocks, alloc * sizeof(rpdf_block_t));

    if (!blocks)
    {
      d->failed = true;
      memset(&scratch, 0, sizeof(scratch));
      return (&scratch);
    }
    d->blocks = blocks;
    d->ablocks = alloc;
  }
  b = d->blocks + d->nblocks ++;
  memset(b, 0, sizeof(*b));
  b->kind = kind;
  return (b);
}


/* Add a paragraph with an alignment. */
void
repDocPara(rep_doc_t    *d,		/* I - Document */
           rpdf_align_t align,		/* I - Alignment */
           const char   *text)		/* I - Text (kept by the caller or the pool) */
{
  rpdf_block_t *b = repDocAdd(d, RPDF_PARA);

  b->align = align;
  b->text = text;
}


/* Write the document with the PDF writer to fp; false with the reason. */
bool
repDocWrite(rep_doc_t           *d,	/* I - Document */
            const rpdf_module_t *pw,	/* I - PDF writer */
            FILE                *fp,	/* I - Output */
            char                *error,	/* O - Why not */
            size_t              errorsize)/* I - Size of error */
{
  if (d->failed)
  {
    snprintf(error, errorsize, "%s", i18nNoMemory());
    return (false);
  }
  d->doc.blocks = d->blocks;
  d->doc.nblocks = d->nblocks;
  return (pw->document(fp, &d->doc, error, errorsize));
}


/* Free a document's blocks and pool. */
void
repDocFree(rep_doc_t *d)		/* I - Document */
{
  for (size_t i = 0; i < d->npool; i ++)
    free(d->pool[i]);
  free(d->pool);
  free(d->blocks);
  memset(d, 0, sizeof(*d));
}


/*
 * A document is in the language asked for (--lang), whatever the user's
 * locale: its text goes through gettext with LANGUAGE set to "id" or "en"
 * (no English catalogue: the English text is the message itself) in UTF-8.
 * glibc ignores LANGUAGE in the plain C locale, so the messages' category
 * is C.UTF-8 then.  repDocLangEnd puts the user's language back.
 */

void
repDocLangBegin(rep_lang_t *saved,	/* O - The user's language, for repDocLangEnd */
                bool       lang_en)	/* I - English, else Indonesian */
{
  const char *language = getenv("LANGUAGE"), *messages = setlocale(LC_MESSAGES, NULL);

  memset(saved, 0, sizeof(*saved));
  if (language)
  {
    saved->had_language = true;
    snprintf(saved->language, sizeof(saved->language), "%s", language);
  }
  snprintf(saved->messages, sizeof(saved->messages), "%s", messages ? messages : "C");
  setenv("LANGUAGE", lang_en ? "en" : "id", 1);
  if (!strcmp(saved->messages, "C") || !strcmp(saved->messages, "POSIX"))
    setlocale(LC_MESSAGES, "C.UTF-8");
  bind_textdomain_codeset(BLANKO_TEXTDOMAIN, "UTF-8");
  textdomain(BLANKO_TEXTDOMAIN);	/* gettext looks again */
}


/* Put the user's language back after a document. */
void
repDocLangEnd(const rep_lang_t *saved)	/* I - What repDocLangBegin saved */
{
  if (saved->had_language)
    setenv("LANGUAGE", saved->language, 1);
  else
    unsetenv("LANGUAGE");
  setlocale(LC_MESSAGES, saved->messages);
  textdomain(BLANKO_TEXTDOMAIN);
}


/* Text upper-cased (ASCII letters: a letterhead's lines), kept in the document. */
const char *
repDocUpper(rep_doc_t  *d,		/* I - Document */
            const char *text)		/* I - Text */
{
  char *up = (char *)repDocText(d, "%s", text ? text : "");

  for (char *s = up; *s; s ++)
    *s = (char)toupper((unsigned char)*s);
  return (up);
}


/* A month's name in the document's language (1-12). */
const char *
repDocMonth(int month)			/* I - Month */
{
  static const char * const months[12] =
  { N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"), N_("August"),
    N_("September"), N_("October"), N_("November"), N_("December") };

  return (month >= 1 && month <= 12 ? _(months[month - 1]) : "");
}


/* A date as a document writes it, "5 Desember 2026" ("5 December 2026"),
 * from YYYY-MM-DD; kept in the document. */
const char *
repDocDate(rep_doc_t  *d,		/* I - Document */
           const char *ymd)		/* I - YYYY-MM-DD */
{
  int y, m, day;

  if (!ymd || sscanf(ymd, "%d-%d-%d", &y, &m, &day) != 3)
    return (repDocText(d, "%s", ymd ? ymd : ""));
  return (repDocText(d, "%d %s %d", day, repDocMonth(m), y));
}


/* A count as a record writes it, "7 (tujuh)", kept in the document. */
const char *
repDocCount(rep_doc_t *d,		/* I - Document */
            int64_t   n,		/* I - Count */
            bool      lang_en)		/* I - English, else Indonesian */
{
  char digits[48], words[INV_WORDS_MAX];

  invNumberGrouped(n, lang_en, digits, sizeof(digits));
  if (!invTerbilang(n, lang_en, words, sizeof(words)))
    return (repDocText(d, "%s", digits));
  return (repDocText(d, "%s (%s)", digits, words));
}


/* An official's full name, NIP and post for a record; the account's name
 * (and the account that acted for them) when the person is not on file. */
void
repDocOfficial(cli_t        *cli,	/* I - Command context */
               const char   *user,	/* I - User name */
               const char   *via,	/* I - Account that acted for them, or "" */
               inv_person_t *p)		/* O - Name, NIP, post */
{
  char who[300];

  memset(p, 0, sizeof(*p));
  if (invUserGetPerson(cliGetDb(cli), user, p) != INV_OK)
    memset(p, 0, sizeof(*p));
  if (!p->full_name[0])
    snprintf(p->full_name, sizeof(p->full_name), "%s", repPerson(user, via, who, sizeof(who)));
}


/* The day of a record's opening words ("On this day, Saturday, day five
 * of the month of December of the year two thousand twenty-six"): the
 * weekday's name, the day and the year in words, in the document's
 * language. */
void
repDocDayWords(const struct tm *tm,	/* I - Local time */
               bool            lang_en,	/* I - English, else Indonesian */
               const char      **weekday,/* O - Weekday's name */
               char            *day,	/* O - Day in words, INV_WORDS_MAX */
               char            *year)	/* O - Year in words, INV_WORDS_MAX */
{
  static const char * const days[7] =
  { N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday") };

  *weekday = _(days[tm->tm_wday % 7]);
  invTerbilang(tm->tm_mday, lang_en, day, INV_WORDS_MAX);
  invTerbilang(tm->tm_year + 1900, lang_en, year, INV_WORDS_MAX);
}


/* The place and date over the signatures, right-aligned: "Semarang, 5
 * Desember 2026". */
void
repDocPlaceDate(rep_doc_t       *d,	/* I - Document */
                const char      *city,	/* I - Place */
                const struct tm *tm)	/* I - Local time */
{
  repDocPara(d, RPDF_RIGHT, repDocText(d, "%s, %d %s %d", city ? city : "", tm->tm_mday, repDocMonth(tm->tm_mon + 1),
                                       tm->tm_year + 1900));
}


/* The head of office's block ("Acknowledged,"), centred under the
 * parties' signatures, when the office names its head. */
void
repDocHeadSign(rep_doc_t             *d,	/* I - Document */
               const blanko_config_t *config)	/* I - The office */
{
  rpdf_block_t	*t;
  const char	**c;

  if (!config->head_name[0] && !config->head_post[0])
    return;
  t = repDocAdd(d, RPDF_SIGNS);
  t->ncols = 1;
  t->nrows = 1;
  t->cells = c = repDocCells(d, 3);
  if (c)
  {
    c[0] = repDocText(d, _("Acknowledged,\n%s"), config->head_post);
    c[1] = repDocText(d, "%s", config->head_name);
    c[2] = config->head_nip[0] ? repDocText(d, _("NIP %s"), config->head_nip) : "";
  }
}


/* An official's four rows of a parties table (columns: number, label,
 * ":", value): name, NIP and post, then the words that name their party;
 * cells c[0] to c[15]. */
void
repDocParty(rep_doc_t          *d,	/* I - Document */
            const char         **c,	/* O - The rows' cells */
            const char         *no,	/* I - Their number, "1." */
            const inv_person_t *p,	/* I - The official */
            const char         *called)	/* I - "hereinafter called ..." */
{
  for (int i = 0; i < 16; i ++)
    c[i] = "";
  c[0] = no;
  c[1] = _("Name");
  c[2] = ":";
  c[3] = repDocText(d, "%s", p->full_name);
  c[5] = _("NIP");
  c[6] = ":";
  c[7] = repDocText(d, "%s", p->nip[0] ? p->nip : "-");
  c[9] = _("Post");
  c[10] = ":";
  c[11] = repDocText(d, "%s", p->post[0] ? p->post : "-");
  c[15] = called;
}
