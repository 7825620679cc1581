/*
 * Card templates: loading and checking a template file.
 *
 * The file is INI (libinih).  Every problem is reported as one line
 * "FILE:LINE: message" on the template object, and loading stops at the
 * first one, so no card is ever rendered from a template with an error.
 */

#include "template-private.h"
#include "textfit.h"
#include "image.h"

#include "blanko/i18n.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <ini.h>
#include <pango/pangocairo.h>

#define TMPL_EPSILON	0.005		/* Slack for box checks, mm */

typedef struct tmpl_parse_s		/* State while reading a file */
{
  tmpl_t	*t;			/* Template being loaded */
  FILE		*fp;			/* File being read */
  char		*dir;			/* Directory of the file, for images */
  int		line;			/* Line being handled */
  int		section_line;		/* Line of the last section header */
  bool		at_line_start;		/* Next chunk read starts a line? */
  bool		failed;			/* An error was recorded */
  char		section[256];		/* Current section name */
  tmpl_elem_t	*elem;			/* Element of the current section */
} tmpl_parse_t;


/* Record the first error, as "FILE:LINE: message". */
static bool
tmpl_error(tmpl_parse_t *p,			/* I - Parse state */
           int          line,			/* I - Line number, 0 for none */
           const char   *format,		/* I - printf format, already translated */
           ...)					/* I - Arguments */
{
  char		message[768];
  va_list	ap;

  if (p->failed)
    return (false);
  va_start(ap, format);
  vsnprintf(message, sizeof(message), format, ap);
  va_end(ap);
  if (line > 0)
    snprintf(p->t->error, sizeof(p->t->error), "%s:%d: %s", p->t->filename, line, message);
  else
    snprintf(p->t->error, sizeof(p->t->error), "%s: %s", p->t->filename, message);
  p->failed = true;
  return (false);
}


/* Read one line (or chunk of a long line) for inih, counting lines. */
static char *
tmpl_reader(char *str,				/* O - Buffer */
            int  num,				/* I - Size of buffer */
            void *stream)			/* I - Parse state */
{
  tmpl_parse_t	*p = (tmpl_parse_t *)stream;
  char		*s;

  if ((s = fgets(str, num, p->fp)) == NULL)
    return (NULL);
  if (p->at_line_start)
  {
    p->line ++;
    while (isspace((unsigned char)*s))
      s ++;
    if (*s == '[')
      p->section_line = p->line;
  }
  p->at_line_start = strchr(str, '\n') != NULL;
  return (str);
}


/* Parse exactly n numbers separated by spaces. */
static bool
tmpl_numbers(const char *value,			/* I - Text */
             double     *v,			/* O - Numbers */
             int        n)			/* I - How many */
{
  char	*end;
  int	i;

  for (i = 0; i < n; i ++)
  {
    errno = 0;
    v[i] = strtod(value, &end);
    if (end == value || errno || !isfinite(v[i]))
      return (false);
    value = end;
  }
  while (isspace((unsigned char)*value))
    value ++;
  return (*value == '\0');
}


/* Parse a #RRGGBB colour or "none". */
static bool
tmpl_color(const char   *value,			/* I - Text */
           tmpl_color_t *c)			/* O - Colour */
{
  unsigned	rgb;
  int		n = 0;

  if (!strcasecmp(value, "none"))
  {
    c->set = false;
    return (true);
  }
  if (strlen(value) != 7 || sscanf(value, "#%6x%n", &rgb, &n) != 1 || n != 7)
    return (false);
  c->r   = ((rgb >> 16) & 255) / 255.0;
  c->g   = ((rgb >> 8) & 255) / 255.0;
  c->b   = (rgb & 255) / 255.0;
  c->set = true;
  return (true);
}


/* Parse a font weight name or number. */
static bool
tmpl_weight(const char *value,			/* I - Text */
            int        *weight)			/* O - Weight 100..1000 */
{
  static const struct { const char *name; int weight; } names[] =
  {
    { "thin", 100 }, { "light", 300 }, { "normal", 400 }, { "regular", 400 },
    { "medium", 500 }, { "semibold", 600 }, { "bold", 700 }, { "heavy", 900 }
  };
  size_t	i;
  char		*end;
  long		w;

  for (i = 0; i < sizeof(names) / sizeof(names[0]); i ++)
    if (!strcasecmp(value, names[i].name))
    {
      *weight = names[i].weight;
      return (true);
    }
  w = strtol(value, &end, 10);
  if (end == value || *end || w < 100 || w > 1000)
    return (false);
  *weight = (int)w;
  return (true);
}


/* Parse a yes/no value. */
static bool
tmpl_bool(const char *value,			/* I - Text */
          bool       *b)			/* O - Value */
{
  if (!strcasecmp(value, "yes") || !strcasecmp(value, "true") || !strcmp(value, "1"))
    *b = true;
  else if (!strcasecmp(value, "no") || !strcasecmp(value, "false") || !strcmp(value, "0"))
    *b = false;
  else
    return (false);
  return (true);
}


/* Copy a value, dropping surrounding double quotes (to keep spaces). */
static char *
tmpl_strdup(const char *value)			/* I - Value */
{
  size_t len = strlen(value);

  if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
    return (strndup(value + 1, len - 2));
  return (strdup(value));
}


/* Read an image file next to the template and check that it decodes. */
static bool
tmpl_read_image(tmpl_parse_t *p,		/* I - Parse state */
                tmpl_elem_t  *e,		/* I - Image element */
                const char   *value)		/* I - File name as written */
{
  char		path[4096];
  FILE		*fp;
  long		len;

  if (value[0] == '/')
    snprintf(path, sizeof(path), "%s", value);
  else
    snprintf(path, sizeof(path), "%s/%s", p->dir, value);

  if ((fp = fopen(path, "rb")) == NULL)
    return (tmpl_error(p, p->line, _("cannot read image \"%s\": %s"), value, strerror(errno)));
  if (fseek(fp, 0, SEEK_END) || (len = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) || len > 64 * 1024 * 1024 || (e->data = malloc((size_t)len + 1)) == NULL || fread(e->data, 1, (size_t)len, fp) != (size_t)len)
  {
    fclose(fp);
    return (tmpl_error(p, p->line, _("cannot read image \"%s\""), value));
  }
  fclose(fp);
  e->datalen = (size_t)len;
  e->file    = strdup(value);

  // Decode once now, so that a broken image is a template error and not a
  // failure of every card.
  {
    char		why[256];
    cairo_surface_t	*surface = imageCreateSurface(e->data, e->datalen, true, why, sizeof(why));

    if (!surface)
      return (tmpl_error(p, p->line, _("image \"%s\": %s"), value, why));
    cairo_surface_destroy(surface);
  }
  e->is_jpeg = imageSniff(e->data, e->datalen) == IMAGE_JPEG;
  return (true);
}


/* Compile a text with ${field} and ${field|filter} references into parts. */
static bool
tmpl_compile_text(tmpl_parse_t *p,		/* I - Parse state */
                  tmpl_elem_t  *e,		/* I - Text element */
                  const char   *text)		/* I - Text as written */
{
  const char	*s = text, *ref, *end, *bar;

  e->is_static = true;
  while (*s)
  {
    tmpl_part_t	*part;
    tmpl_part_t	*parts = realloc(e->parts, (size_t)(e->num_parts + 1) * sizeof(tmpl_part_t));

    if (!parts)
      return (tmpl_error(p, p->line, "%s", i18nNoMemory()));
    e->parts = parts;
    part     = parts + e->num_parts ++;
    memset(part, 0, sizeof(tmpl_part_t));
    part->field = TMPL_REF_NONE;

    if ((ref = strstr(s, "${")) != s)
    {
      part->literal = ref ? strndup(s, (size_t)(ref - s)) : strdup(s);
      s = ref ? ref : s + strlen(s);
      continue;
    }
    if ((end = strchr(s, '}')) == NULL)
      return (tmpl_error(p, p->line, _("unterminated \"${\" in text")));
    e->is_static = false;
    if ((bar = memchr(s, '|', (size_t)(end - s))) != NULL)
    {
      size_t flen = (size_t)(end - bar - 1);

      if (flen == 4 && !strncmp(bar + 1, "date", 4))
        part->filter = TMPL_FILTER_DATE;
      else if (flen == 3 && !strncmp(bar + 1, "sex", 3))
        part->filter = TMPL_FILTER_SEX;
      else
        return (tmpl_error(p, p->line, _("unknown filter \"%.*s\" (date, sex)"), (int)flen, bar + 1));
    }
    else
      bar = end;
    part->ref = strndup(s + 2, (size_t)(bar - s - 2));
    if (!part->ref[0])
      return (tmpl_error(p, p->line, _("empty field name in \"${}\"")));
    s = end + 1;
  }
  return (true);
}


/* Find or create the element for a "[kind name]" section. */
static tmpl_elem_t *
tmpl_section_elem(tmpl_parse_t *p,		/* I - Parse state */
                  const char   *section)	/* I - Section name */
{
  static const struct { const char *word; tmpl_kind_t kind; bool named; } kinds[] =
  {
    { "text", TMPL_TEXT, true }, { "rect", TMPL_RECT, true }, { "image", TMPL_IMAGE, true },
    { "photo", TMPL_PHOTO, false }, { "qr", TMPL_QR, false }
  };
  const char	*space = strchr(section, ' ');
  size_t	wlen = space ? (size_t)(space - section) : strlen(section);
  size_t	i;
  tmpl_elem_t	*e;
  tmpl_t	*t = p->t;
  int		j;

  for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i ++)
    if (strlen(kinds[i].word) == wlen && !strncmp(section, kinds[i].word, wlen))
      break;
  if (i >= sizeof(kinds) / sizeof(kinds[0]))
  {
    tmpl_error(p, p->section_line, _("unknown section [%s]"), section);
    return (NULL);
  }
  if (kinds[i].named && (!space || !space[1]))
  {
    tmpl_error(p, p->section_line, _("section [%s] needs a name, as in [%s NAME]"), section, kinds[i].word);
    return (NULL);
  }
  if (!t->family)
  {
    tmpl_error(p, p->section_line, _("the [card] section must come first"));
    return (NULL);
  }
  for (j = 0; j < t->num_elems; j ++)
    if (!strcmp(t->elems[j].name, section))
    {
      tmpl_error(p, p->section_line, _("section [%s] appears twice"), section);
      return (NULL);
    }

  if ((e = realloc(t->elems, (size_t)(t->num_elems + 1) * sizeof(tmpl_elem_t))) == NULL)
  {
    tmpl_error(p, p->line, "%s", i18nNoMemory());
    return (NULL);
  }
  t->elems = e;
  e += t->num_elems ++;
  memset(e, 0, sizeof(tmpl_elem_t));
  e->kind       = kinds[i].kind;
  e->name       = strdup(section);
  e->line       = p->section_line;
  e->fit        = TMPL_FIT_SHRINK_WRAP;
  e->line_width = 0.2;
  e->eclevel    = 1;
  e->nik_index  = -1;
  return (e);
}


/* Handle one key of [card]. */
static bool
tmpl_card_key(tmpl_parse_t *p,			/* I - Parse state */
              const char   *name,		/* I - Key */
              const char   *value)		/* I - Value */
{
  tmpl_t	*t = p->t;
  double	v[2];

  if (t->num_elems > 0)
    return (tmpl_error(p, p->line, _("the [card] section must come first")));
  if (!strcmp(name, "name"))
  {
    free(t->name);
    t->name = strdup(value);
  }
  else if (!strcmp(name, "size"))
  {
    if (!tmpl_numbers(value, v, 2) || v[0] <= 0.0 || v[1] <= 0.0 || v[0] > 1000.0 || v[1] > 1000.0)
      return (tmpl_error(p, p->line, _("bad size \"%s\", expected WIDTH HEIGHT in mm"), value));
    // Keep the long edge first; orientation decides which is the width.
    t->width  = v[0] > v[1] ? v[0] : v[1];
    t->height = v[0] > v[1] ? v[1] : v[0];
  }
  else if (!strcmp(name, "orientation"))
  {
    double lo = t->width < t->height ? t->width : t->height, hi = t->width < t->height ? t->height : t->width;

    if (t->width <= 0.0)
      return (tmpl_error(p, p->line, _("orientation must come after size")));
    if (!strcmp(value, "landscape"))
      t->width = hi, t->height = lo;
    else if (!strcmp(value, "portrait"))
      t->width = lo, t->height = hi;
    else
      return (tmpl_error(p, p->line, _("bad orientation \"%s\" (landscape, portrait)"), value));
  }
  else if (!strcmp(name, "sides"))
  {
    char	*copy = strdup(value), *word, *save = NULL;

    for (t->num_sides = 0, word = strtok_r(copy, " \t", &save); word; word = strtok_r(NULL, " \t", &save))
    {
      if ((t->num_sides == 0 && strcmp(word, "front")) || (t->num_sides == 1 && strcmp(word, "back")) || t->num_sides >= TMPL_MAX_SIDES)
      {
        free(copy);
        return (tmpl_error(p, p->line, _("bad sides \"%s\" (front, or front back)"), value));
      }
      t->num_sides ++;
    }
    free(copy);
    if (t->num_sides == 0)
      return (tmpl_error(p, p->line, _("bad sides \"%s\" (front, or front back)"), value));
  }
  else if (!strcmp(name, "language"))
  {
    if (strcmp(value, "id") && strcmp(value, "en"))
      return (tmpl_error(p, p->line, _("bad language \"%s\" (id, en)"), value));
    snprintf(t->language, sizeof(t->language), "%s", value);
  }
  else if (!strcmp(name, "background"))
  {
    if (!tmpl_color(value, &t->background))
      return (tmpl_error(p, p->line, _("bad colour \"%s\", expected #RRGGBB or none"), value));
  }
  else
    return (tmpl_error(p, p->line, _("unknown key \"%s\" in [card]"), name));
  return (true);
}


/* Handle one key of [font] (the defaults). */
static bool
tmpl_font_key(tmpl_parse_t *p,			/* I - Parse state */
              const char   *name,		/* I - Key */
              const char   *value)		/* I - Value */
{
  tmpl_t	*t = p->t;
  double	v;

  if (!strcmp(name, "family"))
  {
    free(t->family);
    t->family      = tmpl_strdup(value);
    t->family_line = p->line;
  }
  else if (!strcmp(name, "size"))
  {
    if (!tmpl_numbers(value, &v, 1) || v < 1.0 || v > 200.0)
      return (tmpl_error(p, p->line, _("bad font size \"%s\""), value));
    t->size = v;
  }
  else if (!strcmp(name, "weight"))
  {
    if (!tmpl_weight(value, &t->weight))
      return (tmpl_error(p, p->line, _("bad font weight \"%s\""), value));
  }
  else if (!strcmp(name, "color"))
  {
    if (!tmpl_color(value, &t->color) || !t->color.set)
      return (tmpl_error(p, p->line, _("bad colour \"%s\", expected #RRGGBB"), value));
  }
  else
    return (tmpl_error(p, p->line, _("unknown key \"%s\" in [font]"), name));
  return (true);
}


/* Handle one line "NAME = MAXLEN [optional] [site]" of [fields]. */
static bool
tmpl_fields_key(tmpl_parse_t *p,		/* I - Parse state */
                const char   *name,		/* I - Field name */
                const char   *value)		/* I - Maximum length and flags */
{
  tmpl_t	*t = p->t;
  tmpl_field_t	*f;
  char		*end, *copy, *word, *save = NULL;
  long		maxlen;
  unsigned	flags = 0;
  const char	*c;

  for (c = name; *c; c ++)
    if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c) && *c != '_')
      return (tmpl_error(p, p->line, _("bad field name \"%s\" (a-z, 0-9, _)"), name));
  if (!strcmp(name, "serial") || !strcmp(name, "issue_date") || tmplFindField(t, name) >= 0)
    return (tmpl_error(p, p->line, _("field \"%s\" is built in or declared twice"), name));

  maxlen = strtol(value, &end, 10);
  if (end == value || maxlen < 1 || maxlen > 4096)
    return (tmpl_error(p, p->line, _("bad maximum length \"%s\" for field \"%s\""), value, name));
  copy = strdup(end);
  for (word = strtok_r(copy, " \t,", &save); word; word = strtok_r(NULL, " \t,", &save))
  {
    if (!strcmp(word, "optional"))
      flags |= TMPL_FIELD_OPTIONAL;
    else if (!strcmp(word, "site"))
      flags |= TMPL_FIELD_SITE;
    else
    {
      tmpl_error(p, p->line, _("unknown field flag \"%s\" (optional, site)"), word);
      free(copy);
      return (false);
    }
  }
  free(copy);

  if ((f = realloc(t->fields, (size_t)(t->num_fields + 1) * sizeof(tmpl_field_t))) == NULL)
    return (tmpl_error(p, p->line, "%s", i18nNoMemory()));
  t->fields = f;
  f += t->num_fields ++;
  f->name   = strdup(name);
  f->maxlen = (int)maxlen;
  f->flags  = flags;
  return (true);
}


/* The index of value in a list of words (case matters), or -1. */
static int
tmpl_word(const char         *value,		/* I - Value */
          const char * const *words,		/* I - The words, in the order of their enum */
          int                nwords)		/* I - How many */
{
  for (int i = 0; i < nwords; i ++)
    if (!strcmp(value, words[i]))
      return (i);
  return (-1);
}


/* side = front|back (back only on a two-sided card). */
static bool
tmpl_elem_side(tmpl_parse_t *p,			/* I - Parse state */
               tmpl_elem_t  *e,			/* I - Element */
               const char   *name,		/* I - Key (unused) */
               const char   *value)		/* I - Value */
{
  (void)name;
  if (!strcmp(value, "front"))
    e->side = 0;
  else if (!strcmp(value, "back") && p->t->num_sides > 1)
    e->side = 1;
  else
    return (tmpl_error(p, p->line, _("bad side \"%s\" (the card has %s)"), value, p->t->num_sides > 1 ? "front, back" : "front"));
  return (true);
}


/* box = X Y WIDTH HEIGHT, inside the card; 3:4 for the photo, square for the QR. */
static bool
tmpl_elem_box(tmpl_parse_t *p,			/* I - Parse state */
              tmpl_elem_t  *e,			/* I - Element */
              const char   *name,		/* I - Key (unused) */
              const char   *value)		/* I - Value */
{
  tmpl_t	*t = p->t;
  double	v[4];

  (void)name;
  if (!tmpl_numbers(value, v, 4) || v[2] <= 0.0 || v[3] <= 0.0)
    return (tmpl_error(p, p->line, _("bad box \"%s\", expected X Y WIDTH HEIGHT in mm"), value));
  if (v[0] < -TMPL_EPSILON || v[1] < -TMPL_EPSILON || v[0] + v[2] > t->width + TMPL_EPSILON || v[1] + v[3] > t->height + TMPL_EPSILON)
    return (tmpl_error(p, p->line, _("box \"%s\" is outside the card (%.2f x %.2f mm)"), value, t->width, t->height));
  if (e->kind == TMPL_PHOTO && fabs(v[2] / v[3] - 0.75) > 0.01)
    return (tmpl_error(p, p->line, _("the photo box must be 3:4 (width:height), not %.2f x %.2f mm"), v[2], v[3]));
  if (e->kind == TMPL_QR && fabs(v[2] - v[3]) > 0.01 * v[2])
    return (tmpl_error(p, p->line, _("the QR box must be square, not %.2f x %.2f mm"), v[2], v[3]));
  e->box.x   = v[0];
  e->box.y   = v[1];
  e->box.w   = v[2];
  e->box.h   = v[3];
  e->has_box = true;
  return (true);
}


/* text = literal text and {field} references, given once. */
static bool
tmpl_elem_text(tmpl_parse_t *p,			/* I - Parse state */
               tmpl_elem_t  *e,			/* I - Text element */
               const char   *name,		/* I - Key (unused) */
               const char   *value)		/* I - Value */
{
  char *text = tmpl_strdup(value);

  (void)name;
  if (e->text)
  {
    free(text);
    return (tmpl_error(p, p->line, _("text given twice")));
  }
  e->text      = text;
  e->text_line = p->line;
  return (tmpl_compile_text(p, e, text));
}


/* font = family (checked when the template is finished). */
static bool
tmpl_elem_font(tmpl_parse_t *p,			/* I - Parse state */
               tmpl_elem_t  *e,			/* I - Text element */
               const char   *name,		/* I - Key (unused) */
               const char   *value)		/* I - Value */
{
  (void)name;
  free(e->family);
  e->family      = tmpl_strdup(value);
  e->family_line = p->line;
  return (true);
}


/* size or min-size = points. */
static bool
tmpl_elem_size(tmpl_parse_t *p,			/* I - Parse state */
               tmpl_elem_t  *e,			/* I - Text element */
               const char   *name,		/* I - "size" or "min-size" */
               const char   *value)		/* I - Value */
{
  double v;

  if (!tmpl_numbers(value, &v, 1) || v < 1.0 || v > 200.0)
    return (tmpl_error(p, p->line, _("bad font size \"%s\""), value));
  if (name[0] == 's')
    e->size = v;
  else
    e->min_size = v;
  return (true);
}


/* weight = name or 100..1000. */
static bool
tmpl_elem_weight(tmpl_parse_t *p,		/* I - Parse state */
                 tmpl_elem_t  *e,		/* I - Text element */
                 const char   *name,		/* I - Key (unused) */
                 const char   *value)		/* I - Value */
{
  (void)name;
  return (tmpl_weight(value, &e->weight) ? true : tmpl_error(p, p->line, _("bad font weight \"%s\""), value));
}


/* align = left|center|right, valign = baseline|top|middle|bottom, or
 * fit = shrink-wrap|shrink|wrap|none: a word, kept as its enum. */
static bool
tmpl_elem_choice(tmpl_parse_t *p,		/* I - Parse state */
                 tmpl_elem_t  *e,		/* I - Text element */
                 const char   *name,		/* I - "align", "valign" or "fit" */
                 const char   *value)		/* I - Value */
{
  static const char * const aligns[] = { "left", "center", "right" };
  static const char * const valigns[] = { "baseline", "top", "middle", "bottom" };
  static const char * const fits[] = { "shrink-wrap", "shrink", "wrap", "none" };
  int			    i;

  if (!strcmp(name, "align"))
  {
    if ((i = tmpl_word(value, aligns, 3)) < 0)
      return (tmpl_error(p, p->line, _("bad align \"%s\" (left, center, right)"), value));
    e->align = (tmpl_align_t)i;
  }
  else if (!strcmp(name, "valign"))
  {
    if ((i = tmpl_word(value, valigns, 4)) < 0)
      return (tmpl_error(p, p->line, _("bad valign \"%s\" (baseline, top, middle, bottom)"), value));
    e->valign = (tmpl_valign_t)i;
  }
  else if ((i = tmpl_word(value, fits, 4)) < 0)
    return (tmpl_error(p, p->line, _("bad fit \"%s\" (shrink-wrap, shrink, wrap, none)"), value));
  else
    e->fit = (tmpl_fit_t)i;
  return (true);
}


/* upper = yes|no. */
static bool
tmpl_elem_upper(tmpl_parse_t *p,		/* I - Parse state */
                tmpl_elem_t  *e,		/* I - Text element */
                const char   *name,		/* I - Key (unused) */
                const char   *value)		/* I - Value */
{
  (void)name;
  return (tmpl_bool(value, &e->upper) ? true : tmpl_error(p, p->line, _("bad upper \"%s\" (yes, no)"), value));
}


/* color = #RRGGBB (a text's colour, never none). */
static bool
tmpl_elem_color(tmpl_parse_t *p,		/* I - Parse state */
                tmpl_elem_t  *e,		/* I - Text element */
                const char   *name,		/* I - Key (unused) */
                const char   *value)		/* I - Value */
{
  (void)name;
  return (tmpl_color(value, &e->color) && e->color.set ? true : tmpl_error(p, p->line, _("bad colour \"%s\", expected #RRGGBB"), value));
}


/* fill or stroke = #RRGGBB or none. */
static bool
tmpl_elem_paint(tmpl_parse_t *p,		/* I - Parse state */
                tmpl_elem_t  *e,		/* I - Rectangle or photo element */
                const char   *name,		/* I - "fill" or "stroke" */
                const char   *value)		/* I - Value */
{
  return (tmpl_color(value, name[0] == 'f' ? &e->fill : &e->stroke) ? true : tmpl_error(p, p->line, _("bad colour \"%s\", expected #RRGGBB or none"), value));
}


/* line-width = mm, for a rectangle's outline. */
static bool
tmpl_elem_line_width(tmpl_parse_t *p,		/* I - Parse state */
                     tmpl_elem_t  *e,		/* I - Rectangle element */
                     const char   *name,	/* I - Key (unused) */
                     const char   *value)	/* I - Value */
{
  double v;

  (void)name;
  if (!tmpl_numbers(value, &v, 1) || v <= 0.0 || v > 10.0)
    return (tmpl_error(p, p->line, _("bad line width \"%s\""), value));
  e->line_width = v;
  return (true);
}


/* file = an image next to the template, given once. */
static bool
tmpl_elem_file(tmpl_parse_t *p,			/* I - Parse state */
               tmpl_elem_t  *e,			/* I - Image element */
               const char   *name,		/* I - Key (unused) */
               const char   *value)		/* I - Value */
{
  (void)name;
  if (e->data)
    return (tmpl_error(p, p->line, _("file given twice")));
  return (tmpl_read_image(p, e, value));
}


/* payload = KTP1, what the QR code holds. */
static bool
tmpl_elem_payload(tmpl_parse_t *p,		/* I - Parse state */
                  tmpl_elem_t  *e,		/* I - QR element */
                  const char   *name,		/* I - Key (unused) */
                  const char   *value)		/* I - Value */
{
  (void)name;
  if (strcmp(value, "KTP2") && strcmp(value, "KTP1"))	/* KTP1: templates written before KTP2 */
    return (tmpl_error(p, p->line, _("unknown QR payload \"%s\" (KTP2)"), value));
  free(e->payload);
  e->payload = strdup(value);
  return (true);
}


/* nik-field = the field that holds the NIK (checked when finished). */
static bool
tmpl_elem_nik_field(tmpl_parse_t *p,		/* I - Parse state */
                    tmpl_elem_t  *e,		/* I - QR element */
                    const char   *name,		/* I - Key (unused) */
                    const char   *value)	/* I - Value */
{
  (void)name;
  free(e->nik_field);
  e->nik_field = strdup(value);
  e->text_line = p->line;
  return (true);
}


/* error-correction = L|M|Q|H. */
static bool
tmpl_elem_eclevel(tmpl_parse_t *p,		/* I - Parse state */
                  tmpl_elem_t  *e,		/* I - QR element */
                  const char   *name,		/* I - Key (unused) */
                  const char   *value)		/* I - Value */
{
  const char *levels = "LMQH", *l = strchr(levels, value[0]);

  (void)name;
  if (!l || !value[0] || value[1])
    return (tmpl_error(p, p->line, _("bad error correction \"%s\" (L, M, Q, H)"), value));
  e->eclevel = (int)(l - levels);
  return (true);
}


#define TMPL_KIND(k)	(1u << (k))	/* A kind's bit in tmpl_elem_keys */
#define TMPL_ANY_KIND	(TMPL_KIND(TMPL_TEXT) | TMPL_KIND(TMPL_RECT) | TMPL_KIND(TMPL_IMAGE) | \
			 TMPL_KIND(TMPL_PHOTO) | TMPL_KIND(TMPL_QR))

/* The keys of element sections: which kinds have each, and its handler. */
static const struct
{
  const char	*name;			/* Key */
  unsigned	kinds;			/* TMPL_KIND bits of the elements that have it */
  bool		(*handler)(tmpl_parse_t *p, tmpl_elem_t *e, const char *name, const char *value);
} tmpl_elem_keys[] =
{
  { "side",		TMPL_ANY_KIND,				tmpl_elem_side },
  { "box",		TMPL_ANY_KIND,				tmpl_elem_box },
  { "text",		TMPL_KIND(TMPL_TEXT),			tmpl_elem_text },
  { "font",		TMPL_KIND(TMPL_TEXT),			tmpl_elem_font },
  { "size",		TMPL_KIND(TMPL_TEXT),			tmpl_elem_size },
  { "min-size",		TMPL_KIND(TMPL_TEXT),			tmpl_elem_size },
  { "weight",		TMPL_KIND(TMPL_TEXT),			tmpl_elem_weight },
  { "align",		TMPL_KIND(TMPL_TEXT),			tmpl_elem_choice },
  { "valign",		TMPL_KIND(TMPL_TEXT),			tmpl_elem_choice },
  { "fit",		TMPL_KIND(TMPL_TEXT),			tmpl_elem_choice },
  { "upper",		TMPL_KIND(TMPL_TEXT),			tmpl_elem_upper },
  { "color",		TMPL_KIND(TMPL_TEXT),			tmpl_elem_color },
  { "fill",		TMPL_KIND(TMPL_RECT) | TMPL_KIND(TMPL_PHOTO),	tmpl_elem_paint },
  { "stroke",		TMPL_KIND(TMPL_RECT),			tmpl_elem_paint },
  { "line-width",	TMPL_KIND(TMPL_RECT),			tmpl_elem_line_width },
  { "file",		TMPL_KIND(TMPL_IMAGE),			tmpl_elem_file },
  { "payload",		TMPL_KIND(TMPL_QR),			tmpl_elem_payload },
  { "nik-field",	TMPL_KIND(TMPL_QR),			tmpl_elem_nik_field },
  { "error-correction",	TMPL_KIND(TMPL_QR),			tmpl_elem_eclevel }
};


/* Handle one key of an element section with its handler in tmpl_elem_keys. */
static bool
tmpl_elem_key(tmpl_parse_t *p,			/* I - Parse state */
              tmpl_elem_t  *e,			/* I - Element */
              const char   *name,		/* I - Key */
              const char   *value)		/* I - Value */
{
  for (size_t i = 0; i < sizeof(tmpl_elem_keys) / sizeof(tmpl_elem_keys[0]); i ++)
    if (!strcmp(name, tmpl_elem_keys[i].name) && (tmpl_elem_keys[i].kinds & TMPL_KIND(e->kind)))
      return (tmpl_elem_keys[i].handler(p, e, name, value));
  return (tmpl_error(p, p->line, _("unknown key \"%s\" in [%s]"), name, e->name));
}


/* inih callback: dispatch one key by its section. */
static int
tmpl_handler(void       *user,			/* I - Parse state */
             const char *section,		/* I - Section name */
             const char *name,			/* I - Key */
             const char *value)			/* I - Value */
{
  tmpl_parse_t	*p = (tmpl_parse_t *)user;

  if (p->failed)
    return (0);
  if (strcmp(section, p->section))
  {
    snprintf(p->section, sizeof(p->section), "%s", section);
    p->elem = NULL;
    if (strcmp(section, "card") && strcmp(section, "font") && strcmp(section, "fields"))
    {
      if ((p->elem = tmpl_section_elem(p, section)) == NULL)
        return (0);
    }
    else if (strcmp(section, "card") && !p->t->family)
      return (tmpl_error(p, p->section_line, _("the [card] section must come first")));
    else if (!strcmp(section, "card") && p->t->family)
      return (tmpl_error(p, p->section_line, _("section [%s] appears twice"), section));

    if (!strcmp(section, "card"))
    {
      // Defaults, set when [card] starts so later sections can rely on them.
      p->t->family = strdup("DejaVu Sans");
      p->t->size   = 6.0;
      p->t->weight = 400;
    }
  }

  if (!section[0])
    return (tmpl_error(p, p->line, _("key \"%s\" outside any section"), name));
  if (!strcmp(section, "card"))
    return (tmpl_card_key(p, name, value));
  if (!strcmp(section, "font"))
    return (tmpl_font_key(p, name, value));
  if (!strcmp(section, "fields"))
    return (tmpl_fields_key(p, name, value));
  return (tmpl_elem_key(p, p->elem, name, value));
}


/* Say whether fontconfig (through pango) has a font family. */
static bool
tmpl_have_family(PangoFontMap *fontmap,		/* I - Font map */
                 const char   *family)		/* I - Family name */
{
  PangoFontFamily	**families = NULL;
  int			i, n = 0;
  bool			found = false;

  pango_font_map_list_families(fontmap, &families, &n);
  for (i = 0; i < n && !found; i ++)
    found = !strcasecmp(pango_font_family_get_name(families[i]), family);
  g_free(families);
  return (found);
}


/* Check a text element's font, its field references and, for a static
 * label, that it fits its box. */
static bool
tmpl_finish_text(tmpl_parse_t *p,		/* I - Parse state */
                 tmpl_elem_t  *e,		/* I - Text element */
                 PangoFontMap *fontmap,		/* I - Font map to look fonts up */
                 PangoLayout  *layout)		/* I - Layout to measure labels */
{
  tmpl_t	*t = p->t;
  int		i;
  textfit_t	fit;

  if (!e->text)
    return (tmpl_error(p, e->line, _("[%s] has no text"), e->name));
  if (e->family && !tmpl_have_family(fontmap, e->family))
    return (tmpl_error(p, e->family_line, _("font \"%s\" is not installed"), e->family));

  for (i = 0; i < e->num_parts; i ++)
  {
    tmpl_part_t *part = e->parts + i;

    if (!part->ref)
      continue;
    if (!strcmp(part->ref, "serial"))
      part->field = TMPL_REF_SERIAL;
    else if (!strcmp(part->ref, "issue_date"))
      part->field = TMPL_REF_ISSUE_DATE;
    else if ((part->field = tmplFindField(t, part->ref)) < 0)
      return (tmpl_error(p, e->text_line, _("unknown field \"%s\" (not in [fields])"), part->ref));
  }

  if (e->is_static)
  {
    char	*text = malloc(strlen(e->text) + 1);

    // A static label is the same on every card: check it once, here.
    for (text[0] = '\0', i = 0; i < e->num_parts; i ++)
      strcat(text, e->parts[i].literal);
    textfitLayout(layout, t, e, text, &fit);
    free(text);
    if (!fit.fits)
      return (tmpl_error(p, e->text_line, _("text does not fit its box even at %.1f pt"), fit.size));
  }
  return (true);
}


/* Check the template as a whole once the file is read. */
static bool
tmpl_finish(tmpl_parse_t *p)			/* I - Parse state */
{
  tmpl_t	*t = p->t;
  PangoFontMap	*fontmap;
  PangoContext	*ctx;
  PangoLayout	*layout;
  int		i, photos = 0, qrs = 0;
  bool		ok = true;

  if (!t->family)
    return (tmpl_error(p, 0, _("no [card] section")));
  if (t->width <= 0.0)
    return (tmpl_error(p, 0, _("[card] has no size")));
  if (t->num_sides == 0)
    t->num_sides = 1;
  if (!t->name)
    t->name = strdup("unnamed");
  if (!t->language[0])
    snprintf(t->language, sizeof(t->language), "id");	/* blanko's cards are Indonesian documents */

  // The thread's default font map, kept by pango for the thread's life: a
  // font map of our own would be dropped here, and pango 1.50 may hand its
  // last reference to its fontconfig worker thread, which then frees it
  // after we return (LeakSanitizer saw that thread's allocations as leaks
  // when a fuzzer loaded templates in a loop).  One map is also quicker.
  fontmap = pango_cairo_font_map_get_default();
  ctx     = textfitNewContext(fontmap);
  layout  = pango_layout_new(ctx);

  if (!tmpl_have_family(fontmap, t->family))
    ok = tmpl_error(p, t->family_line, _("font \"%s\" is not installed"), t->family);

  for (i = 0; ok && i < t->num_elems; i ++)
  {
    tmpl_elem_t *e = t->elems + i;

    if (!e->has_box && e->kind != TMPL_IMAGE)
    {
      ok = tmpl_error(p, e->line, _("[%s] has no box"), e->name);
      break;
    }
    switch (e->kind)
    {
      case TMPL_TEXT :
          ok = tmpl_finish_text(p, e, fontmap, layout);
          break;

      case TMPL_IMAGE :
          if (!e->data)
            ok = tmpl_error(p, e->line, _("[%s] has no file"), e->name);
          else if (!e->has_box)
          {
            // An image without a box is a background: the whole card.
            e->box.w   = t->width;
            e->box.h   = t->height;
            e->has_box = true;
          }
          break;

      case TMPL_PHOTO :
          photos ++;
          break;

      case TMPL_QR :
          qrs ++;
          if (!e->payload)
            e->payload = strdup("KTP1");
          if (!e->nik_field)
            e->nik_field = strdup("nik");
          if ((e->nik_index = tmplFindField(t, e->nik_field)) < 0)
            ok = tmpl_error(p, e->text_line ? e->text_line : e->line, _("unknown field \"%s\" (not in [fields])"), e->nik_field);
          break;

      case TMPL_RECT :
          if (!e->fill.set && !e->stroke.set)
            ok = tmpl_error(p, e->line, _("[%s] has neither fill nor stroke"), e->name);
          break;
    }
  }
  if (ok && (photos > 1 || qrs > 1))
    ok = tmpl_error(p, 0, _("a template has at most one [photo] and one [qr]"));

  g_object_unref(layout);
  g_object_unref(ctx);
  return (ok);
}


/*
 * Create an empty template; load it with tmplLoad, free it with tmplDelete.
 */
tmpl_t *
tmplNew(void)
{
  return ((tmpl_t *)calloc(1, sizeof(tmpl_t)));
}


/*
 * Load and check a template file.  Returns false with the first problem as
 * "FILE:LINE: message" in tmplGetError(t).  A template is loaded only once.
 */
bool
tmplLoad(tmpl_t     *t,				/* I - Template from tmplNew */
         const char *filename)			/* I - Template file */
{
  tmpl_parse_t	p;
  char		*slash;
  int		status;

  if (!t || !filename)
    return (false);
  if (t->loaded || t->filename)
  {
    snprintf(t->error, sizeof(t->error), "%s", _("template already loaded"));
    return (false);
  }

  memset(&p, 0, sizeof(p));
  p.t             = t;
  p.at_line_start = true;
  t->filename     = strdup(filename);
  p.dir           = strdup(filename);
  if ((slash = strrchr(p.dir, '/')) != NULL)
    *slash = '\0';
  else
    strcpy(p.dir, ".");

  if ((p.fp = fopen(filename, "r")) == NULL)
  {
    tmpl_error(&p, 0, "%s", strerror(errno));
    free(p.dir);
    return (false);
  }
  status = ini_parse_stream(tmpl_reader, &p, tmpl_handler, &p);
  fclose(p.fp);

  if (status > 0 && !p.failed)
    tmpl_error(&p, status, "%s", _("syntax error (expected [section] or key = value)"));
  else if (status < 0 && !p.failed)
    tmpl_error(&p, 0, "%s", _("cannot read the file"));
  if (!p.failed)
    tmpl_finish(&p);
  free(p.dir);

  t->loaded = !p.failed;
  return (t->loaded);
}


/* Free a template and everything it holds. */
void
tmplDelete(tmpl_t *t)				/* I - Template or NULL */
{
  int i, j;

  if (!t)
    return;
  for (i = 0; i < t->num_elems; i ++)
  {
    tmpl_elem_t *e = t->elems + i;

    for (j = 0; j < e->num_parts; j ++)
    {
      free(e->parts[j].literal);
      free(e->parts[j].ref);
    }
    free(e->parts);
    free(e->name);
    free(e->text);
    free(e->family);
    free(e->file);
    free(e->data);
    free(e->payload);
    free(e->nik_field);
  }
  for (i = 0; i < t->num_fields; i ++)
    free(t->fields[i].name);
  free(t->elems);
  free(t->fields);
  free(t->family);
  free(t->name);
  free(t->filename);
  free(t);
}


/* Last error of a template, "" if none. */
const char *
tmplGetError(const tmpl_t *t)			/* I - Template */
{
  return (t ? t->error : "");
}


/* Name of a template from its [card] section. */
const char *
tmplGetName(const tmpl_t *t)			/* I - Template */
{
  return (t && t->name ? t->name : "");
}


/* The card's language from [card] language: "id" (the default) or "en". */
const char *
tmplGetLanguage(const tmpl_t *t)		/* I - Template */
{
  return (t && t->language[0] ? t->language : "id");
}


/* Width of the card as printed, mm. */
double
tmplGetWidth(const tmpl_t *t)			/* I - Template */
{
  return (t ? t->width : 0.0);
}


/* Height of the card as printed, mm. */
double
tmplGetHeight(const tmpl_t *t)			/* I - Template */
{
  return (t ? t->height : 0.0);
}


/* Number of sides (1 = front, 2 = front and back). */
int
tmplGetNumSides(const tmpl_t *t)		/* I - Template */
{
  return (t ? t->num_sides : 0);
}


/* Number of record fields the template declares. */
int
tmplGetNumFields(const tmpl_t *t)		/* I - Template */
{
  return (t ? t->num_fields : 0);
}


/*
 * Field n of the template (0-based): its name, and optionally its maximum
 * length in characters and its TMPL_FIELD_* flags.  NULL past the end.
 */
const char *
tmplGetField(const tmpl_t *t,			/* I - Template */
             int          n,			/* I - Field number */
             int          *maxlen,		/* O - Maximum length or NULL */
             unsigned     *flags)		/* O - Flags or NULL */
{
  if (!t || n < 0 || n >= t->num_fields)
    return (NULL);
  if (maxlen)
    *maxlen = t->fields[n].maxlen;
  if (flags)
    *flags = t->fields[n].flags;
  return (t->fields[n].name);
}


/* Index of a declared field by name, or -1. */
int
tmplFindField(const tmpl_t *t,			/* I - Template */
              const char   *name)		/* I - Field name */
{
  int i;

  for (i = 0; t && name && i < t->num_fields; i ++)
    if (!strcmp(t->fields[i].name, name))
      return (i);
  return (-1);
}
