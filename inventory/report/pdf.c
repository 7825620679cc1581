/*
 * A small PDF writer for reports: A4 portrait pages that fill from the top,
 * text laid out and wrapped by pango, rows that break onto new pages, a
 * footer with the page number on each page, signature boxes and a bar
 * chart.  Fonts: Nimbus Sans and Nimbus Mono PS (fonts-urw-base35).
 *
 * Built as the module report-pdf.so, not into the program: its one
 * exported symbol is the table rpdfModule at the end (see pdf.h).
 */

#include "pdf.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM		(72.0 / 25.4)	/* Points per millimetre */
#define PAGE_W		(210.0 * MM)
#define PAGE_H		(297.0 * MM)
#define MARGIN		(18.0 * MM)
#define BOTTOM		(PAGE_H - 20.0 * MM)
#define WIDTH		(PAGE_W - 2 * MARGIN)

#define FONT_TEXT	"Nimbus Sans 10"
#define FONT_SMALL	"Nimbus Sans 8"
#define FONT_BOLD	"Nimbus Sans Bold 10"
#define FONT_HEADING	"Nimbus Sans Bold 11"
#define FONT_TITLE	"Nimbus Sans Bold 14"
#define FONT_MONO	"Nimbus Mono PS 8"

#define QR_MM		34.0		/* A box's QR code, quiet zone included, mm square */
#define QR_QUIET	4		/* Its quiet zone, modules */

struct rpdf_s				/* A PDF being written */
{
  cairo_surface_t *surface;
  cairo_t	*cr;
  PangoLayout	*layout;
  double	y;			/* Where the next block goes, points */
  int		page;			/* Current page, from 1 */
  char		*footer;		/* Text at the foot of each page */
  const rpdf_doc_t *doc;		/* The document being laid out, or NULL */
  int		pages;			/* Its pages (0 while counting them) */
  bool		counting;		/* A document's first pass: measure, draw nothing */
  const char	*font;			/* Font last set on the layout, or NULL */
  char		*last_text;		/* Text last laid out (layout_text_j), or NULL */
  double	last_w, last_h;		/* Its width and height, points */
  PangoAlignment last_align;		/* Its alignment */
  bool		last_justify;		/* Justified? */
  struct rpdf_fast_s			/* Per font: ASCII advances, for one-line cells */
  {
    const char	*font;			/* Font string, NULL unused */
    double	adv[128];		/* Advance of each printable ASCII character, points */
    double	line;			/* Height of one line */
    double	baseline;		/* Its baseline, from its top */
    unsigned long glyph[128];		/* Glyph of each printable ASCII character */
    cairo_scaled_font_t *sf;		/* The one font they all come from, or NULL: drawn by pango */
  }		fast[4];
};

static void	rpdf_row(rpdf_t *pdf, int ncols, const double *widths, const char * const *cells, bool bold);


/* Lay out text in a box of width w (points) with a font, justified or
 * not; returns its height.  The same text laid out again as the last time
 * (measured, then drawn) is not laid out twice. */
static double
layout_text_j(rpdf_t         *pdf,	/* I - PDF */
              const char     *font,	/* I - Font (a FONT_* string) */
              const char     *text,	/* I - Text */
              double         w,		/* I - Width, points */
              PangoAlignment align,	/* I - Alignment */
              bool           justify)	/* I - Justified? */
{
  int			width, height;

  if (!text)
    text = "";
  if (pdf->font && !strcmp(pdf->font, font) && pdf->last_text && !strcmp(pdf->last_text, text) &&
      pdf->last_w == w && pdf->last_align == align && pdf->last_justify == justify)
    return (pdf->last_h);
  if (!pdf->font || strcmp(pdf->font, font))
  {					/* parsed once per change of font */
    PangoFontDescription *desc = pango_font_description_from_string(font);

    pango_layout_set_font_description(pdf->layout, desc);
    pango_font_description_free(desc);
    pdf->font = font;
  }
  pango_layout_set_width(pdf->layout, (int)(w * PANGO_SCALE));
  pango_layout_set_wrap(pdf->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(pdf->layout, align);
  pango_layout_set_justify(pdf->layout, justify);
  pango_layout_set_text(pdf->layout, text, -1);
  pango_layout_get_size(pdf->layout, &width, &height);
  free(pdf->last_text);
  pdf->last_text = strdup(text);	/* NULL: no memo next time */
  pdf->last_w = w;
  pdf->last_align = align;
  pdf->last_justify = justify;
  pdf->last_h = (double)height / PANGO_SCALE;
  return (pdf->last_h);
}


/* Lay out text in a box of width w (points) with a font; returns its height. */
static double
layout_text(rpdf_t *pdf, const char *font, const char *text, double w, PangoAlignment align)
{
  return (layout_text_j(pdf, font, text, w, align, false));
}


/* Draw the laid-out text at (x, y). */
static void
draw_layout(rpdf_t *pdf, double x, double y)
{
  if (pdf->counting)
    return;
  cairo_move_to(pdf->cr, x, y);
  pango_cairo_show_layout(pdf->cr, pdf->layout);
}


/* Finish the current page with its footer. */
static void
end_page(rpdf_t *pdf)
{
  char text[1200];

  if (pdf->doc)
    snprintf(text, sizeof(text), "%s  \xe2\x80\x94  %s %d %s %d", pdf->footer ? pdf->footer : "",
             pdf->doc->page ? pdf->doc->page : "", pdf->page, pdf->doc->of ? pdf->doc->of : "",
             pdf->pages ? pdf->pages : pdf->page);
  else
    snprintf(text, sizeof(text), "%s  \xe2\x80\x94  %d", pdf->footer ? pdf->footer : "", pdf->page);
  layout_text(pdf, FONT_SMALL, text, WIDTH, PANGO_ALIGN_CENTER);
  draw_layout(pdf, MARGIN, PAGE_H - 14.0 * MM);
  cairo_show_page(pdf->cr);
}


/* Make room for h points, starting a new page when the block would not fit. */
static void
need(rpdf_t *pdf, double h)
{
  if (pdf->y + h <= BOTTOM || pdf->y <= MARGIN)
    return;
  end_page(pdf);
  pdf->page ++;
  pdf->y = MARGIN;
}


/* Write cairo's output to the file (cairo_write_func_t); a short write is
 * an error that cairo_surface_status reports at the end. */
static cairo_status_t
write_out(void                *closure,	/* I - FILE * */
          const unsigned char *data,	/* I - Bytes */
          unsigned int        length)	/* I - How many */
{
  if (!closure)				/* a document's first pass: pages counted, nothing kept */
    return (CAIRO_STATUS_SUCCESS);
  return (fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR);
}


/* Start a PDF written to fp; footer goes on every page with its number. */
static rpdf_t *
rpdf_create(FILE       *fp,		/* I - File to write */
            const char *footer)		/* I - Footer text */
{
  rpdf_t *pdf = calloc(1, sizeof(rpdf_t));

  if (!pdf)
    return (NULL);
  pdf->surface = cairo_pdf_surface_create_for_stream(write_out, fp, PAGE_W, PAGE_H);
  pdf->cr = cairo_create(pdf->surface);
  pdf->layout = pango_cairo_create_layout(pdf->cr);
  pango_cairo_context_set_resolution(pango_layout_get_context(pdf->layout), 72.0);
  pango_layout_context_changed(pdf->layout);	/* font sizes in points = user units */
  pdf->footer = strdup(footer ? footer : "");
  pdf->page = 1;
  pdf->y = MARGIN;
  cairo_set_source_rgb(pdf->cr, 0, 0, 0);
  return (pdf);
}


/* Finish the PDF (the caller closes its file); false with the reason when it failed. */
static bool
rpdf_finish(rpdf_t *pdf,			/* I - PDF */
            char   *error,		/* O - Why it failed */
            size_t errorsize)		/* I - Its size */
{
  cairo_status_t status;

  end_page(pdf);
  g_object_unref(pdf->layout);
  for (size_t i = 0; i < sizeof(pdf->fast) / sizeof(pdf->fast[0]); i ++)
    if (pdf->fast[i].sf)
      cairo_scaled_font_destroy(pdf->fast[i].sf);
  free(pdf->last_text);
  cairo_destroy(pdf->cr);
  cairo_surface_finish(pdf->surface);
  status = cairo_surface_status(pdf->surface);
  cairo_surface_destroy(pdf->surface);
  free(pdf->footer);
  free(pdf);
  if (status != CAIRO_STATUS_SUCCESS)
  {
    snprintf(error, errorsize, "%s", cairo_status_to_string(status));
    return (false);
  }
  return (true);
}


/* Add vertical space. */
static void
rpdf_space(rpdf_t *pdf,			/* I - PDF */
           double mm)			/* I - Millimetres */
{
  pdf->y += mm * MM;
}


/* A block of text across the page in a font and alignment. */
static void
block(rpdf_t *pdf, const char *font, const char *text, PangoAlignment align, double before)
{
  double h;

  pdf->y += before;
  h = layout_text(pdf, font, text, WIDTH, align);
  need(pdf, h);
  h = layout_text(pdf, font, text, WIDTH, align);
  draw_layout(pdf, MARGIN, pdf->y);
  pdf->y += h + 1.5 * MM;
}


/* A centred title. */
static void
rpdf_title(rpdf_t     *pdf,		/* I - PDF */
           const char *text)		/* I - Title */
{
  block(pdf, FONT_TITLE, text, PANGO_ALIGN_CENTER, 0);
}


/* A section heading. */
static void
rpdf_heading(rpdf_t     *pdf,		/* I - PDF */
             const char *text)		/* I - Heading */
{
  double h = layout_text(pdf, FONT_HEADING, text, WIDTH, PANGO_ALIGN_LEFT);

  need(pdf, h + 12 * MM);		/* keep a heading with what follows */
  block(pdf, FONT_HEADING, text, PANGO_ALIGN_LEFT, 2.5 * MM);
}


/* A paragraph. */
static void
rpdf_text(rpdf_t     *pdf,		/* I - PDF */
          const char *text)		/* I - Text */
{
  block(pdf, FONT_TEXT, text, PANGO_ALIGN_LEFT, 0);
}


/* A paragraph in small print. */
static void
rpdf_small(rpdf_t     *pdf,		/* I - PDF */
           const char *text)		/* I - Text */
{
  block(pdf, FONT_SMALL, text, PANGO_ALIGN_LEFT, 0);
}


/* A label and its value on one line (the value wraps). */
static void
rpdf_field(rpdf_t     *pdf,		/* I - PDF */
           const char *label,		/* I - Label */
           const char *value)		/* I - Value */
{
  const double	widths[2] = { 48, WIDTH / MM - 48 };
  const char	*cells[2] = { label, value };

  rpdf_row(pdf, 2, widths, cells, false);
}


/* A label and a code (a hash) in a fixed width font. */
static void
rpdf_field_code(rpdf_t     *pdf,		/* I - PDF */
                const char *label,	/* I - Label */
                const char *value)	/* I - Value */
{
  double h1 = layout_text(pdf, FONT_TEXT, label, 46 * MM, PANGO_ALIGN_LEFT),
	 h2 = layout_text(pdf, FONT_MONO, value, WIDTH - 48 * MM, PANGO_ALIGN_LEFT);

  need(pdf, (h1 > h2 ? h1 : h2) + MM);
  layout_text(pdf, FONT_TEXT, label, 46 * MM, PANGO_ALIGN_LEFT);
  draw_layout(pdf, MARGIN, pdf->y);
  layout_text(pdf, FONT_MONO, value, WIDTH - 48 * MM, PANGO_ALIGN_LEFT);
  draw_layout(pdf, MARGIN + 48 * MM, pdf->y + 1);
  pdf->y += (h1 > h2 ? h1 : h2) + 0.8 * MM;
}


/* A table row: cells in columns of the given widths (mm), wrapped; the
 * row moves to a new page as a whole. */
static void
rpdf_row(rpdf_t            *pdf,		/* I - PDF */
         int               ncols,	/* I - Columns */
         const double      *widths,	/* I - Their widths, mm */
         const char *const *cells,	/* I - Their text */
         bool              bold)		/* I - Header row? */
{
  double	h = 0, x = MARGIN;
  const char	*font = bold ? FONT_BOLD : FONT_TEXT;

  for (int i = 0; i < ncols; i ++)
  {
    double ch = layout_text(pdf, font, cells[i], widths[i] * MM - 2 * MM, PANGO_ALIGN_LEFT);

    h = ch > h ? ch : h;
  }
  need(pdf, h + MM);
  for (int i = 0; i < ncols; i ++)
  {
    layout_text(pdf, font, cells[i], widths[i] * MM - 2 * MM, PANGO_ALIGN_LEFT);
    draw_layout(pdf, x, pdf->y);
    x += widths[i] * MM;
  }
  pdf->y += h + 0.8 * MM;
  if (bold)
  {
    cairo_set_line_width(pdf->cr, 0.5);
    cairo_move_to(pdf->cr, MARGIN, pdf->y - 0.4 * MM);
    cairo_line_to(pdf->cr, MARGIN + WIDTH, pdf->y - 0.4 * MM);
    cairo_stroke(pdf->cr);
    pdf->y += 0.6 * MM;
  }
}


/* Short items (serial ranges) in ncols columns, row by row, in a fixed
 * width font, over as many pages as they need. */
static void
rpdf_flow(rpdf_t            *pdf,	/* I - PDF */
          int               ncols,	/* I - Columns */
          const char *const *items,	/* I - Items */
          size_t            nitems)	/* I - How many */
{
  double colw = WIDTH / ncols, h = layout_text(pdf, FONT_MONO, "0", colw, PANGO_ALIGN_LEFT);

  for (size_t i = 0; i < nitems; i += (size_t)ncols)
  {
    need(pdf, h);
    for (int c = 0; c < ncols && i + (size_t)c < nitems; c ++)
    {
      layout_text(pdf, FONT_MONO, items[i + (size_t)c], colw - MM, PANGO_ALIGN_LEFT);
      draw_layout(pdf, MARGIN + c * colw, pdf->y);
    }
    pdf->y += h;
  }
  pdf->y += 1.5 * MM;
}


/* Signature boxes, three to a row: a caption, room to sign, a line and the
 * name under it. */
static void
rpdf_signatures(rpdf_t            *pdf,		/* I - PDF */
                int               n,		/* I - How many */
                const char *const *captions,	/* I - Above each line */
                const char *const *names)	/* I - Under each line */
{
  const int	per_row = 3;
  double	colw = WIDTH / per_row;

  for (int i = 0; i < n; i += per_row)
  {
    double top, capmax = 0;

    for (int c = 0; c < per_row && i + c < n; c ++)
    {
      double ch = layout_text(pdf, FONT_SMALL, captions[i + c], colw - 4 * MM, PANGO_ALIGN_CENTER);

      capmax = ch > capmax ? ch : capmax;
    }
    need(pdf, capmax + 30 * MM);
    top = pdf->y;
    for (int c = 0; c < per_row && i + c < n; c ++)
    {
      double x = MARGIN + c * colw;

      layout_text(pdf, FONT_SMALL, captions[i + c], colw - 4 * MM, PANGO_ALIGN_CENTER);
      draw_layout(pdf, x + 2 * MM, top);
      cairo_set_line_width(pdf->cr, 0.5);
      cairo_move_to(pdf->cr, x + 4 * MM, top + capmax + 18 * MM);
      cairo_line_to(pdf->cr, x + colw - 4 * MM, top + capmax + 18 * MM);
      cairo_stroke(pdf->cr);
      layout_text(pdf, FONT_SMALL, names[i + c], colw - 4 * MM, PANGO_ALIGN_CENTER);
      draw_layout(pdf, x + 2 * MM, top + capmax + 19 * MM);
    }
    pdf->y = top + capmax + 30 * MM;
  }
}


/* A bar chart of values with a label under the first, middle and last bar. */
static void
rpdf_chart(rpdf_t            *pdf,	/* I - PDF */
           const char        *title,	/* I - Caption */
           const char *const *labels,	/* I - One per value */
           const double      *values,	/* I - Values, >= 0 */
           size_t            n)		/* I - How many */
{
  const double	h = 55 * MM, left = MARGIN + 14 * MM, w = WIDTH - 14 * MM;
  double	max = 0, top, barw;
  char		text[64];

  if (n == 0)
    return;
  for (size_t i = 0; i < n; i ++)
    max = values[i] > max ? values[i] : max;
  if (max <= 0)
    max = 1;
  need(pdf, h + 16 * MM);
  block(pdf, FONT_BOLD, title, PANGO_ALIGN_LEFT, 0);
  top = pdf->y;
  barw = w / (double)n;

  cairo_set_line_width(pdf->cr, 0.5);
  cairo_move_to(pdf->cr, left, top);
  cairo_line_to(pdf->cr, left, top + h);
  cairo_line_to(pdf->cr, left + w, top + h);
  cairo_stroke(pdf->cr);
  for (int k = 0; k <= 2; k ++)
  {
    snprintf(text, sizeof(text), "%.0f", max * k / 2);
    layout_text(pdf, FONT_SMALL, text, 13 * MM, PANGO_ALIGN_RIGHT);
    draw_layout(pdf, MARGIN, top + h - h * k / 2 - 1.5 * MM);
  }
  cairo_set_source_rgb(pdf->cr, 0.25, 0.4, 0.65);
  for (size_t i = 0; i < n; i ++)
  {
    double bh = h * values[i] / max;

    cairo_rectangle(pdf->cr, left + i * barw + barw * 0.1, top + h - bh, barw * 0.8, bh);
  }
  cairo_fill(pdf->cr);
  cairo_set_source_rgb(pdf->cr, 0, 0, 0);
  for (size_t i = 0; i < n; i += (n > 2 ? (n - 1) / 2 : 1))
  {
    layout_text(pdf, FONT_SMALL, labels[i], 30 * MM, PANGO_ALIGN_LEFT);
    draw_layout(pdf, left + i * barw - (i + 1 == n ? 20 * MM : 0), top + h + 1 * MM);
    if (i + 1 >= n)
      break;
  }
  pdf->y = top + h + 7 * MM;
}


/*
 * Documents (rpdf_doc_t, see pdf.h): the letterhead, then each block laid
 * out from the top of the page down.
 */

#define FONT_KOP_GOV	"Nimbus Sans Bold 12"
#define FONT_KOP_OFFICE	"Nimbus Sans Bold 14"
#define FONT_KOP_ADDR	"Nimbus Sans 9"
#define FONT_DOC_TITLE	"Nimbus Sans Bold 12"
#define FONT_SIGN_NAME	"Nimbus Sans Bold 10"
#define FONT_SMALL_BOLD	"Nimbus Sans Bold 8"


/* Lay out text in a width with a document alignment; its height. */
static double
doc_text(rpdf_t       *pdf,		/* I - PDF */
         const char   *font,		/* I - Font */
         const char   *text,		/* I - Text */
         double       w,		/* I - Width, points */
         rpdf_align_t align)		/* I - Alignment */
{
  static const PangoAlignment	pa[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT };

  return (layout_text_j(pdf, font, text, w, pa[align], align == RPDF_JUSTIFY));
}


/* A horizontal rule across the text width at y, of a line width. */
static void
doc_rule(rpdf_t *pdf,			/* I - PDF */
         double y,			/* I - Where */
         double width)			/* I - Line width, points */
{
  cairo_set_line_width(pdf->cr, width);
  cairo_move_to(pdf->cr, MARGIN, y);
  cairo_line_to(pdf->cr, MARGIN + WIDTH, y);
  cairo_stroke(pdf->cr);
}


/* The letterhead (kop surat): government, office, address, centred over a
 * double rule, thick then thin. */
static void
doc_kop(rpdf_t *pdf)			/* I - PDF */
{
  static const char * const fonts[3] = { FONT_KOP_GOV, FONT_KOP_OFFICE, FONT_KOP_ADDR };
  bool		any = false;
  double	h;

  for (int i = 0; i < 3; i ++)
  {
    const char *line = pdf->doc->kop[i];

    if (!line || !*line)
      continue;
    any = true;
    h = doc_text(pdf, fonts[i], line, WIDTH, RPDF_CENTRE);
    draw_layout(pdf, MARGIN, pdf->y);
    pdf->y += h + 0.5 * MM;
  }
  if (!any)
    return;
  pdf->y += 1.0 * MM;
  doc_rule(pdf, pdf->y, 1.6);
  doc_rule(pdf, pdf->y + 1.6, 0.5);
  pdf->y += 6.0 * MM;
}


/* Width of a table's column i, points. */
static double
doc_colw(const rpdf_block_t *b,		/* I - Table */
         int                i)		/* I - Column */
{
  return (b->widths ? b->widths[i] * MM : (WIDTH - b->mm * MM) / b->ncols);
}


/* A table cell's alignment. */
static rpdf_align_t
doc_cellalign(const rpdf_block_t *b,	/* I - Table */
              int                i)	/* I - Column */
{
  char a = b->aligns && (int)strlen(b->aligns) > i ? b->aligns[i] : 'l';

  return (a == 'r' ? RPDF_RIGHT : a == 'c' ? RPDF_CENTRE : RPDF_LEFT);
}


/* Is row r of a table in bold (a head or foot row)? */
static bool
doc_rowbold(const rpdf_block_t *b,	/* I - Table */
            size_t             r)	/* I - Row */
{
  return ((int)r < b->head || r + (size_t)b->foot >= b->nrows);
}


/* The font of row r of a table. */
static const char *
doc_font(const rpdf_block_t *b,		/* I - Table */
         size_t             r)		/* I - Row */
{
  if (b->small)
    return (doc_rowbold(b, r) ? FONT_SMALL_BOLD : FONT_SMALL);
  return (doc_rowbold(b, r) ? FONT_BOLD : FONT_TEXT);
}


/* The ASCII advances and glyphs of a font, measured on first use (NULL
 * when every slot is taken).  When each printable character is one glyph
 * of one font, one-line cells are drawn from them without shaping. */
static struct rpdf_fast_s *
fast_font(rpdf_t     *pdf,		/* I - PDF */
          const char *font)		/* I - Font (a FONT_* string) */
{
  struct rpdf_fast_s	*f;
  size_t		n = sizeof(pdf->fast) / sizeof(pdf->fast[0]);
  PangoFont		*first = NULL;
  bool			one = true;

  for (size_t i = 0; i < n; i ++)
    if (pdf->fast[i].font && !strcmp(pdf->fast[i].font, font))
      return (pdf->fast + i);
  for (f = pdf->fast; f < pdf->fast + n && f->font; f ++);
  if (f == pdf->fast + n)
    return (NULL);
  for (int c = 32; c < 127; c ++)
  {
    char		s[2] = { (char)c, '\0' };
    int			width, height;
    PangoLayoutLine	*line;
    PangoGlyphItem	*run;

    layout_text(pdf, font, s, 1000, PANGO_ALIGN_LEFT);
    pango_layout_get_size(pdf->layout, &width, &height);
    f->adv[c] = (double)width / PANGO_SCALE;
    line = pango_layout_get_line_readonly(pdf->layout, 0);
    run = line && line->runs && !line->runs->next ? line->runs->data : NULL;
    if (!run || run->glyphs->num_glyphs != 1 || (run->glyphs->glyphs[0].glyph & PANGO_GLYPH_UNKNOWN_FLAG) ||
        (first && run->item->analysis.font != first))
      one = false;
    else
    {
      first = run->item->analysis.font;
      f->glyph[c] = run->glyphs->glyphs[0].glyph;
    }
  }
  f->line = layout_text(pdf, font, "Ag", 1000, PANGO_ALIGN_LEFT);
  f->baseline = (double)pango_layout_get_baseline(pdf->layout) / PANGO_SCALE;
  if (one && first && PANGO_IS_CAIRO_FONT(first))
    f->sf = cairo_scaled_font_reference(pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(first)));
  f->font = font;
  return (f);
}


/* The width of printable ASCII text in a measured font, or -1. */
static double
fast_width(const struct rpdf_fast_s *f,	/* I - Font measured */
           const char               *text)	/* I - Text */
{
  double sum = 0;

  for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p ++)
    if (*p < 32 || *p > 126)
      return (-1);
    else
      sum += f->adv[*p];
  return (sum);
}


/* The height of text in font when it surely fits on one line of width w
 * (printable ASCII whose advances, measured once per font, add up to well
 * under w), else -1: most cells of a long list are measured without
 * laying them out. */
static double
fast_height(rpdf_t     *pdf,		/* I - PDF */
            const char *font,		/* I - Font (a FONT_* string) */
            const char *text,		/* I - Text */
            double     w)		/* I - Width, points */
{
  struct rpdf_fast_s	*f = fast_font(pdf, font);
  double		sum;

  if (!f || (sum = fast_width(f, text)) < 0)
    return (-1);
  return (sum <= w - 0.5 ? f->line : -1);
}


/* The height of row r of a table, points; *oneline: every cell on one line
 * (fast_height), so the row may be drawn as one line with tabs. */
static double
doc_rowh2(rpdf_t             *pdf,	/* I - PDF */
          const rpdf_block_t *b,	/* I - Table */
          size_t             r,		/* I - Row */
          bool               *oneline)	/* O - One line? */
{
  double	h = 0, pad = b->grid ? (b->small ? 0.8 : 1.2) * MM : 0.6 * MM;
  const char	*font = doc_font(b, r);

  *oneline = true;
  for (int i = 0; i < b->ncols; i ++)
  {
    const char	*text = b->cells[r * (size_t)b->ncols + (size_t)i];
    double	ch = fast_height(pdf, font, text, doc_colw(b, i) - 2 * MM);

    if (ch < 0)
    {
      *oneline = false;
      ch = doc_text(pdf, font, text, doc_colw(b, i) - 2 * MM, doc_cellalign(b, i));
    }
    h = ch > h ? ch : h;
  }
  return (h + pad);
}


/* The height of row r of a table, points. */
static double
doc_rowh(rpdf_t             *pdf,	/* I - PDF */
         const rpdf_block_t *b,		/* I - Table */
         size_t             r)		/* I - Row */
{
  bool oneline;

  return (doc_rowh2(pdf, b, r, &oneline));
}


/* The grid of row r at the current height, h high. */
static void
doc_rowgrid(rpdf_t             *pdf,	/* I - PDF */
            const rpdf_block_t *b,	/* I - Table */
            double             h)	/* I - Its height */
{
  double x = MARGIN + b->mm * MM;

  if (!b->grid || pdf->counting)
    return;
  cairo_set_line_width(pdf->cr, 0.5);
  for (int i = 0; i < b->ncols; i ++)
  {
    cairo_rectangle(pdf->cr, x, pdf->y, doc_colw(b, i), h);
    x += doc_colw(b, i);
  }
  cairo_stroke(pdf->cr);
}


/* Draw row r of a table at the current height, h high. */
static void
doc_rowdraw(rpdf_t             *pdf,	/* I - PDF */
            const rpdf_block_t *b,	/* I - Table */
            size_t             r,	/* I - Row */
            double             h)	/* I - Its height */
{
  double	x = MARGIN + b->mm * MM, top = b->grid ? (b->small ? 0.4 : 0.6) * MM : 0;
  const char	*font = doc_font(b, r);

  if (!pdf->counting)
  {
    for (int i = 0; i < b->ncols; i ++)
    {
      double w = doc_colw(b, i);

      doc_text(pdf, font, b->cells[r * (size_t)b->ncols + (size_t)i], w - 2 * MM, doc_cellalign(b, i));
      draw_layout(pdf, x + MM, pdf->y + top);
      x += w;
    }
    doc_rowgrid(pdf, b, h);
  }
  pdf->y += h;
}


typedef struct doc_lines_s		/* One-line rows drawn as one layout */
{
  PangoLayout	*layout;		/* With a tab stop per column */
  const char	*font;			/* Their font */
  char		*text;			/* Rows so far, "\tcell\tcell...\n" */
  size_t	len, alloc;
  size_t	rows;			/* Rows gathered */
  double	y,			/* Top of the first */
		h;			/* Height of each */
  bool		failed;			/* Out of memory: rows drawn one by one */
} doc_lines_t;


/* Draw the one-line rows gathered from the font's measured glyphs, all
 * in one cairo operation (no shaping, one text object a run of rows);
 * false when the font has no such glyphs or out of memory. */
static bool
doc_lines_glyphs(rpdf_t             *pdf,	/* I - PDF */
                 const rpdf_block_t *b,		/* I - Table */
                 doc_lines_t        *l)		/* I - Rows gathered */
{
  struct rpdf_fast_s	*f = fast_font(pdf, l->font);
  cairo_glyph_t		*glyphs;
  cairo_text_cluster_t	*clusters;
  char			*utf8;
  size_t		n = 0, row = 0;
  int			col = 0;
  double		top = b->grid ? (b->small ? 0.4 : 0.6) * MM : 0, x0 = MARGIN + b->mm * MM;

  if (!f || !f->sf)
    return (false);
  glyphs = malloc(l->len * sizeof(cairo_glyph_t));
  clusters = malloc(l->len * sizeof(cairo_text_cluster_t));
  utf8 = malloc(l->len + 1);
  if (!glyphs || !clusters || !utf8)
  {
    free(glyphs);
    free(clusters);
    free(utf8);
    return (false);
  }
  for (size_t i = 0; i < l->len; i ++)	/* "\tcell\tcell...\n" per row */
  {
    const char		*cell = l->text + i + 1, *end;
    double		x = x0, w, tw, y = l->y + top + (double)row * l->h + f->baseline;
    rpdf_align_t	a;

    if (l->text[i] == '\n' || l->text[i] == '\0')
    {
      row ++;
      col = 0;
      continue;
    }
    for (end = cell; *end && *end != '\t' && *end != '\n'; end ++);
    for (int c = 0; c < col && c < b->ncols; c ++)
      x += doc_colw(b, c);
    w = col < b->ncols ? doc_colw(b, col) : 0;
    a = doc_cellalign(b, col);
    tw = 0;
    for (const char *p = cell; p < end; p ++)
      tw += f->adv[(unsigned char)*p];
    x = a == RPDF_RIGHT ? x + w - MM - tw : a == RPDF_CENTRE ? x + (w - tw) / 2 : x + MM;
    for (const char *p = cell; p < end; p ++)
    {
      glyphs[n].index = f->glyph[(unsigned char)*p];
      glyphs[n].x = x;
      glyphs[n].y = y;
      clusters[n].num_bytes = 1;
      clusters[n].num_glyphs = 1;
      utf8[n ++] = *p;
      x += f->adv[(unsigned char)*p];
    }
    i = (size_t)(end - l->text) - 1;
    col ++;
  }
  utf8[n] = '\0';
  cairo_set_scaled_font(pdf->cr, f->sf);
  cairo_show_text_glyphs(pdf->cr, utf8, (int)n, glyphs, (int)n, clusters, (int)n, 0);
  free(glyphs);
  free(clusters);
  free(utf8);
  return (true);
}


/* Draw the one-line rows gathered as one layout with a tab stop a column. */
static void
doc_lines_pango(rpdf_t             *pdf,	/* I - PDF */
                const rpdf_block_t *b,		/* I - Table */
                doc_lines_t        *l)		/* I - Rows gathered */
{
  PangoFontDescription	*desc;
  double		top = b->grid ? (b->small ? 0.4 : 0.6) * MM : 0;

  if (!l->layout)
  {
    PangoTabArray	*tabs = pango_tab_array_new(b->ncols, false);
    double		x = 0;

    l->layout = pango_cairo_create_layout(pdf->cr);
    pango_cairo_context_set_resolution(pango_layout_get_context(l->layout), 72.0);
    pango_layout_context_changed(l->layout);
    for (int i = 0; i < b->ncols; i ++)
    {
      double		w = doc_colw(b, i);
      rpdf_align_t	a = doc_cellalign(b, i);

      pango_tab_array_set_tab(tabs, i, a == RPDF_RIGHT ? PANGO_TAB_RIGHT : a == RPDF_CENTRE ? PANGO_TAB_CENTER : PANGO_TAB_LEFT,
                              (int)((a == RPDF_RIGHT ? x + w - MM : a == RPDF_CENTRE ? x + w / 2 : x + MM) * PANGO_SCALE));
      x += w;
    }
    pango_layout_set_tabs(l->layout, tabs);
    pango_tab_array_free(tabs);
  }
  desc = pango_font_description_from_string(l->font);
  pango_layout_set_font_description(l->layout, desc);
  pango_font_description_free(desc);
  l->text[l->len - 1] = '\0';		/* no newline after the last */
  pango_layout_set_text(l->layout, l->text, -1);
  /* each line h apart, as the rows are: a one-line row is a line and its padding */
  pango_layout_set_spacing(l->layout, (int)((b->grid ? (b->small ? 0.8 : 1.2) * MM : 0.6 * MM) * PANGO_SCALE + 0.5));
  cairo_move_to(pdf->cr, MARGIN + b->mm * MM, l->y + top);
  pango_cairo_show_layout(pdf->cr, l->layout);
}


/* Tables of at least this many rows (the long lists of an annex or a
 * handover record) have their one-line rows drawn from the measured
 * glyphs, without pango's kerning; shorter ones (a record's body) are
 * laid out by pango as typeset text. */
#define DOC_GLYPH_ROWS 100

/* Draw the one-line rows gathered, at once, and their grid. */
static void
doc_lines_flush(rpdf_t             *pdf,	/* I - PDF */
                const rpdf_block_t *b,		/* I - Table */
                doc_lines_t        *l)		/* I - Rows gathered */
{
  if (!l->len)
    return;
  if (b->nrows < DOC_GLYPH_ROWS || !doc_lines_glyphs(pdf, b, l))
    doc_lines_pango(pdf, b, l);
  if (b->grid)
  {					/* the gathered rows' grid: a rule under each
					   row, the column rules once (one path) */
    double x = MARGIN + b->mm * MM, bottom = l->y + l->h * (double)l->rows, right = x;

    for (int i = 0; i < b->ncols; i ++)
      right += doc_colw(b, i);
    cairo_set_line_width(pdf->cr, 0.5);
    for (size_t r = 0; r <= l->rows; r ++)
    {
      cairo_move_to(pdf->cr, x, l->y + l->h * (double)r);
      cairo_line_to(pdf->cr, right, l->y + l->h * (double)r);
    }
    for (int i = 0; i <= b->ncols; i ++)
    {
      cairo_move_to(pdf->cr, x, l->y);
      cairo_line_to(pdf->cr, x, bottom);
      if (i < b->ncols)
        x += doc_colw(b, i);
    }
    cairo_stroke(pdf->cr);
  }
  l->len = 0;
  l->rows = 0;
}


/* Add a one-line row at the current height to those gathered (drawing
 * them first when they cannot be continued); false when out of memory. */
static bool
doc_lines_add(rpdf_t             *pdf,	/* I - PDF */
              const rpdf_block_t *b,	/* I - Table */
              doc_lines_t        *l,	/* I - Rows gathered */
              size_t             r,	/* I - Row */
              double             h)	/* I - Its height */
{
  const char *font = doc_font(b, r);

  if (l->len && (strcmp(font, l->font) || h != l->h))
    doc_lines_flush(pdf, b, l);
  if (!l->len)
  {
    l->font = font;
    l->h = h;
    l->y = pdf->y;
  }
  for (int i = 0; i < b->ncols; i ++)
  {
    const char	*text = b->cells[r * (size_t)b->ncols + (size_t)i];
    size_t	n = strlen(text ? text : "") + 2;

    if (l->len + n + 1 > l->alloc)
    {
      size_t	an = 2 * (l->alloc + n) + 4096;
      char	*t = realloc(l->text, an);

      if (!t)
        return (false);
      l->text = t;
      l->alloc = an;
    }
    l->text[l->len ++] = '\t';
    memcpy(l->text + l->len, text ? text : "", n - 2);
    l->len += n - 2;
  }
  l->text[l->len ++] = '\n';
  l->rows ++;
  return (true);
}


/* A new page in a document. */
static void
doc_newpage(rpdf_t *pdf)		/* I - PDF */
{
  end_page(pdf);
  pdf->page ++;
  pdf->y = MARGIN;
}


/* A table: rows move to the next page whole, with the head rows again;
 * a kept table moves whole when it fits on a page.  Each row is measured
 * once; runs of one-line rows are drawn as one layout with tab stops. */
static void
doc_table(rpdf_t             *pdf,	/* I - PDF */
          const rpdf_block_t *b)	/* I - Table */
{
  double	total = 0, headh = 0, *hs = malloc((b->nrows ? b->nrows : 1) * sizeof(double));
  bool		*one = malloc(b->nrows ? b->nrows : 1);
  doc_lines_t	l;

  memset(&l, 0, sizeof(l));
  l.failed = !hs || !one;
  for (size_t r = 0; r < b->nrows; r ++)
  {
    bool	oneline;
    double	h = doc_rowh2(pdf, b, r, &oneline);

    if (!l.failed)
    {
      hs[r] = h;
      one[r] = oneline;
    }
    total += h;
    if ((int)r < b->head)
      headh += h;
  }
  if (b->keep && total <= BOTTOM - MARGIN)
    need(pdf, total);
  for (size_t r = 0; r < b->nrows; r ++)
  {
    double h = l.failed ? doc_rowh(pdf, b, r) : hs[r];

    if (pdf->y + h > BOTTOM && pdf->y > MARGIN)
    {
      if (!pdf->counting)
        doc_lines_flush(pdf, b, &l);
      doc_newpage(pdf);
      if ((int)r >= b->head)
        for (size_t k = 0; k < (size_t)b->head; k ++)
          doc_rowdraw(pdf, b, k, l.failed ? doc_rowh(pdf, b, k) : hs[k]);
    }
    else if ((int)r == 0 && b->head && pdf->y + headh + (b->nrows > (size_t)b->head ? (l.failed ? doc_rowh(pdf, b, (size_t)b->head) : hs[b->head]) : 0) > BOTTOM)
      doc_newpage(pdf);		/* the head rows stay with the first row */
    if (pdf->counting)
      pdf->y += h;
    else if (!l.failed && one[r] && doc_lines_add(pdf, b, &l, r, h))
      pdf->y += h;
    else
    {
      doc_lines_flush(pdf, b, &l);
      doc_rowdraw(pdf, b, r, h);
    }
  }
  if (!pdf->counting)
    doc_lines_flush(pdf, b, &l);
  if (l.layout)
    g_object_unref(l.layout);
  free(l.text);
  free(hs);
  free(one);
  pdf->y += 2.0 * MM;
}


/* The height of one row of signers starting at signer i, and of its
 * captions. */
static double
doc_signh(rpdf_t             *pdf,	/* I - PDF */
          const rpdf_block_t *b,	/* I - Signatures */
          size_t             i,		/* I - First signer of the row */
          double             colw,	/* I - Column width */
          double             *caph)	/* O - Captions' height */
{
  double under = 0;

  *caph = 0;
  for (size_t c = i; c < i + (size_t)b->ncols && c < b->nrows; c ++)
  {
    double h1 = doc_text(pdf, FONT_TEXT, b->cells[3 * c], colw - 4 * MM, RPDF_CENTRE),
	   h2 = doc_text(pdf, FONT_SIGN_NAME, b->cells[3 * c + 1], colw - 4 * MM, RPDF_CENTRE) +
	        doc_text(pdf, FONT_TEXT, b->cells[3 * c + 2], colw - 4 * MM, RPDF_CENTRE);

    *caph = h1 > *caph ? h1 : *caph;
    under = h2 > under ? h2 : under;
  }
  return (*caph + 20 * MM + under + 4 * MM);
}


/* Signature blocks, ncols to a row: the caption, room to sign, the name
 * in bold and under it (the NIP); a row moves to the next page whole.  A
 * row of one is centred. */
static void
doc_signs(rpdf_t             *pdf,	/* I - PDF */
          const rpdf_block_t *b)	/* I - Signatures */
{
  int		per_row = b->ncols < 1 ? 1 : b->ncols > 3 ? 3 : b->ncols;
  double	colw = per_row == 1 ? WIDTH / 2 : WIDTH / per_row;

  for (size_t i = 0; i < b->nrows; i += (size_t)per_row)
  {
    double caph, h = doc_signh(pdf, b, i, colw, &caph), top;

    need(pdf, h);
    top = pdf->y;
    for (size_t c = i; c < i + (size_t)per_row && c < b->nrows; c ++)
    {
      double x = per_row == 1 ? MARGIN + WIDTH / 4 : MARGIN + (double)(c - i) * colw, nh;

      doc_text(pdf, FONT_TEXT, b->cells[3 * c], colw - 4 * MM, RPDF_CENTRE);
      draw_layout(pdf, x + 2 * MM, top);
      nh = doc_text(pdf, FONT_SIGN_NAME, b->cells[3 * c + 1], colw - 4 * MM, RPDF_CENTRE);
      draw_layout(pdf, x + 2 * MM, top + caph + 20 * MM);
      doc_text(pdf, FONT_TEXT, b->cells[3 * c + 2], colw - 4 * MM, RPDF_CENTRE);
      draw_layout(pdf, x + 2 * MM, top + caph + 20 * MM + nh);
    }
    pdf->y = top + h;
  }
}


/* The width a box's QR code takes from its text, points (0: none). */
static double
doc_qrw(const rpdf_block_t *b)		/* I - Box */
{
  return (b->qr && *b->qr ? (QR_MM + 3) * MM : 0);
}


/* Draw text as a QR code (level M) QR_MM square, quiet zone included, with
 * its top left corner at x, y (points): one 1-bit image mask scaled with
 * nearest-neighbour (a few hundred bytes in the PDF, as printctl/render
 * draws a card's QR); nothing while counting pages. */
static void
doc_qr(rpdf_t     *pdf,			/* I - PDF */
       const char *text,		/* I - What it says */
       double     x,			/* I - Left, points */
       double     y)			/* I - Top, points */
{
  QRcode		*qr;
  cairo_surface_t	*mask;
  cairo_pattern_t	*pattern;
  unsigned char		*data;
  int			size, stride;

  if (pdf->counting || (qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) == NULL)
    return;
  size = qr->width + 2 * QR_QUIET;
  mask = cairo_image_surface_create(CAIRO_FORMAT_A1, size, size);
  cairo_surface_flush(mask);
  data = cairo_image_surface_get_data(mask);
  stride = cairo_image_surface_get_stride(mask);
  if (data)
  {
    memset(data, 0, (size_t)stride * (size_t)size);
    /* A1 packs pixels into native-endian 32-bit words */
    for (int r = 0; r < qr->width; r ++)
    {
      uint32_t *row = (uint32_t *)(data + (size_t)(r + QR_QUIET) * (size_t)stride);

      for (int c = 0; c < qr->width; c ++)
        if (qr->data[r * qr->width + c] & 1)
        {
          int px = c + QR_QUIET;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
          row[px >> 5] |= 0x80000000u >> (px & 31);
#else
          row[px >> 5] |= 1u << (px & 31);
#endif
        }
    }
    cairo_surface_mark_dirty(mask);
    cairo_save(pdf->cr);
    cairo_translate(pdf->cr, x, y);
    cairo_scale(pdf->cr, QR_MM * MM / size, QR_MM * MM / size);
    pattern = cairo_pattern_create_for_surface(mask);
    cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST);
    cairo_set_source_rgb(pdf->cr, 0, 0, 0);
    cairo_mask(pdf->cr, pattern);
    cairo_pattern_destroy(pattern);
    cairo_restore(pdf->cr);
  }
  cairo_surface_destroy(mask);
  QRcode_free(qr);
}


/* The height of a box's content, points (see doc_box). */
static double
doc_boxh(rpdf_t             *pdf,	/* I - PDF */
         const rpdf_block_t *b)		/* I - Box */
{
  double qrw = doc_qrw(b),
	 h = 3 * MM + doc_text(pdf, FONT_HEADING, b->text, WIDTH - 6 * MM - qrw, RPDF_LEFT) + 1.5 * MM;

  for (size_t r = 0; r < b->nrows; r ++)
  {
    double h1 = doc_text(pdf, FONT_TEXT, b->cells[2 * r], 44 * MM, RPDF_LEFT),
	   h2 = doc_text(pdf, FONT_MONO, b->cells[2 * r + 1], WIDTH - 54 * MM - qrw, RPDF_LEFT);

    h += (h1 > h2 ? h1 : h2) + 0.8 * MM;
  }
  if (b->note && *b->note)
    h += 1.5 * MM + doc_text(pdf, FONT_SMALL, b->note, WIDTH - 6 * MM - qrw, RPDF_LEFT);
  if (qrw && h < (QR_MM + 3) * MM)
    h = (QR_MM + 3) * MM;
  return (h + 3 * MM);
}


/* A ruled box, never split: a heading, rows of a label and a value in a
 * fixed-width font (hashes), small print, and a QR code at the right. */
static void
doc_box(rpdf_t             *pdf,	/* I - PDF */
        const rpdf_block_t *b)		/* I - Box */
{
  double h = doc_boxh(pdf, b), qrw = doc_qrw(b), top, y;

  need(pdf, h);
  top = pdf->y;
  cairo_set_line_width(pdf->cr, 0.8);
  cairo_rectangle(pdf->cr, MARGIN, top, WIDTH, h);
  cairo_stroke(pdf->cr);
  y = top + 3 * MM;
  doc_text(pdf, FONT_HEADING, b->text, WIDTH - 6 * MM - qrw, RPDF_LEFT);
  draw_layout(pdf, MARGIN + 3 * MM, y);
  y += doc_text(pdf, FONT_HEADING, b->text, WIDTH - 6 * MM - qrw, RPDF_LEFT) + 1.5 * MM;
  for (size_t r = 0; r < b->nrows; r ++)
  {
    double h1 = doc_text(pdf, FONT_TEXT, b->cells[2 * r], 44 * MM, RPDF_LEFT), h2;

    draw_layout(pdf, MARGIN + 3 * MM, y);
    h2 = doc_text(pdf, FONT_MONO, b->cells[2 * r + 1], WIDTH - 54 * MM - qrw, RPDF_LEFT);
    draw_layout(pdf, MARGIN + 51 * MM, y + 1);
    y += (h1 > h2 ? h1 : h2) + 0.8 * MM;
  }
  if (b->note && *b->note)
  {
    doc_text(pdf, FONT_SMALL, b->note, WIDTH - 6 * MM - qrw, RPDF_LEFT);
    draw_layout(pdf, MARGIN + 3 * MM, y + 1.5 * MM);
  }
  if (qrw)
    doc_qr(pdf, b->qr, MARGIN + WIDTH - (QR_MM + 1.5) * MM, top + 1.5 * MM);
  pdf->y = top + h + 3 * MM;
}


/* How much of a block must follow a heading on its page, points. */
static double
doc_firsth(rpdf_t             *pdf,	/* I - PDF */
           const rpdf_block_t *b)	/* I - The block after the heading */
{
  double h = 0, caph;

  if (!b)
    return (0);
  switch (b->kind)
  {
    case RPDF_PARA :
	h = doc_text(pdf, b->bold ? FONT_BOLD : FONT_TEXT, b->text, WIDTH - b->mm * MM, b->align);
	return (h > 30 * MM ? 30 * MM : h);
    case RPDF_TABLE :
	for (size_t r = 0; r < b->nrows && (int)r <= b->head; r ++)
	  h += doc_rowh(pdf, b, r);
	return (h);
    case RPDF_SIGNS :
	return (b->nrows ? doc_signh(pdf, b, 0, b->ncols <= 1 ? WIDTH / 2 : WIDTH / b->ncols, &caph) : 0);
    case RPDF_BOX :
	return (doc_boxh(pdf, b));
    default :
	return (0);
  }
}


/* Lay the document out, page by page. */
static void
doc_lay(rpdf_t *pdf)			/* I - PDF with its document */
{
  const rpdf_doc_t *doc = pdf->doc;

  doc_kop(pdf);
  for (size_t i = 0; i < doc->nblocks; i ++)
  {
    const rpdf_block_t	*b = doc->blocks + i;
    const char		*font;
    double		h, w;

    switch (b->kind)
    {
      case RPDF_TITLE :
	  h = doc_text(pdf, FONT_DOC_TITLE, b->text, WIDTH, RPDF_CENTRE);
	  need(pdf, h + doc_firsth(pdf, i + 1 < doc->nblocks ? b + 1 : NULL));
	  doc_text(pdf, FONT_DOC_TITLE, b->text, WIDTH, RPDF_CENTRE);
	  draw_layout(pdf, MARGIN, pdf->y);
	  pdf->y += h + 1.5 * MM;
	  break;
      case RPDF_HEADING :
	  h = doc_text(pdf, FONT_HEADING, b->text, WIDTH, b->align);
	  pdf->y += 2 * MM;
	  need(pdf, h + 1.5 * MM + doc_firsth(pdf, i + 1 < doc->nblocks ? b + 1 : NULL));
	  doc_text(pdf, FONT_HEADING, b->text, WIDTH, b->align);
	  draw_layout(pdf, MARGIN, pdf->y);
	  pdf->y += h + 1.5 * MM;
	  break;
      case RPDF_PARA :
	  font = b->bold ? FONT_BOLD : FONT_TEXT;
	  w = WIDTH - b->mm * MM;
	  h = doc_text(pdf, font, b->text, w, b->align);
	  need(pdf, h);
	  doc_text(pdf, font, b->text, w, b->align);
	  draw_layout(pdf, MARGIN + b->mm * MM, pdf->y);
	  pdf->y += h + 2 * MM;
	  break;
      case RPDF_TABLE :
	  doc_table(pdf, b);
	  break;
      case RPDF_SIGNS :
	  doc_signs(pdf, b);
	  break;
      case RPDF_BOX :
	  doc_box(pdf, b);
	  break;
      case RPDF_BREAK :
	  if (pdf->y > MARGIN)
	    doc_newpage(pdf);
	  break;
      case RPDF_SPACE :
	  pdf->y += b->mm * MM;
	  break;
    }
  }
}


/* Write a whole document: laid out once to count its pages, then again
 * into fp with "Halaman X dari Y" on each page. */
static bool
rpdf_document(FILE             *fp,	/* I - File to write */
              const rpdf_doc_t *doc,	/* I - The document */
              char             *error,	/* O - Why it failed */
              size_t           errorsize)/* I - Its size */
{
  int pages = 0;

  for (int pass = 0; pass < 2; pass ++)
  {
    rpdf_t *pdf = rpdf_create(pass ? fp : NULL, doc->footer);

    if (!pdf)
    {
      snprintf(error, errorsize, "%s", strerror(ENOMEM));
      return (false);
    }
    pdf->doc = doc;
    pdf->pages = pages;
    pdf->counting = !pass;
    doc_lay(pdf);
    pages = pdf->page;
    if (!rpdf_finish(pdf, error, errorsize))
      return (false);
  }
  return (true);
}

/* The module's table, the one symbol the program looks up. */
const rpdf_module_t rpdfModule =
{
  .version	= RPDF_MODULE_VERSION,
  .create	= rpdf_create,
  .finish	= rpdf_finish,
  .title	= rpdf_title,
  .heading	= rpdf_heading,
  .text		= rpdf_text,
  .small	= rpdf_small,
  .field	= rpdf_field,
  .field_code	= rpdf_field_code,
  .row		= rpdf_row,
  .flow		= rpdf_flow,
  .signatures	= rpdf_signatures,
  .chart	= rpdf_chart,
  .space	= rpdf_space,
  .document	= rpdf_document
};
