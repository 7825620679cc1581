/*
 * Fitting a text into its box.  The policy is the template's: try the text on
 * one line at its size, then shrink it down to its minimum size, then wrap
 * it at the box width at the largest size whose lines fit the box height.
 *
 * User space is millimetres; the pango context's resolution is set so that
 * font sizes stay in points.  Metrics are unhinted and glyph positions
 * unrounded, so the PDF and the 300 dpi PNG lay out the same.
 */

#include "textfit.h"

#include <pango/pangocairo.h>

#define MM_PER_PT	(25.4 / 72.0)	/* Millimetres per point */
#define FIT_EPSILON	0.01		/* Slack for rounding, mm */


/*
 * Create a pango context for laying out cards in millimetre user space.
 * fontmap is the renderer's own font map (one per thread).
 */
PangoContext *
textfitNewContext(PangoFontMap *fontmap)	/* I - Font map */
{
  PangoContext		*ctx = pango_font_map_create_context(fontmap);
  cairo_font_options_t	*opts = cairo_font_options_create();

  // 25.4 "dots" per inch of user space: 1 pt = 25.4/72 mm.
  pango_cairo_context_set_resolution(ctx, 25.4);
  cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx, opts);
  cairo_font_options_destroy(opts);
  pango_context_set_round_glyph_positions(ctx, FALSE);
  return (ctx);
}


/* Lay out text at one size, wrapped or not, and measure it. */
static void
fit_try(PangoLayout          *layout,		/* I - Layout */
        PangoFontDescription *desc,		/* I - Font, size is set here */
        const tmpl_elem_t    *e,		/* I - Element */
        double               size,		/* I - Size, pt */
        bool                 wrap,		/* I - Wrap at box width? */
        textfit_t            *fit)		/* O - Measurements */
{
  PangoRectangle logical;

  pango_font_description_set_size(desc, (gint)(size * PANGO_SCALE + 0.5));
  pango_layout_set_font_description(layout, desc);
  pango_layout_set_width(layout, wrap ? (int)(e->box.w * PANGO_SCALE) : -1);
  pango_layout_get_extents(layout, NULL, &logical);

  fit->size    = size;
  fit->wrapped = wrap;
  fit->lines   = pango_layout_get_line_count(layout);
  fit->width   = (double)logical.width / PANGO_SCALE;
  fit->height  = (double)logical.height / PANGO_SCALE;
}


/* Place a measured layout in the box and say whether it fits. */
static void
fit_place(PangoLayout       *layout,		/* I - Layout as measured */
          const tmpl_elem_t *e,			/* I - Element */
          double            base0,		/* I - Baseline of the full-size text, mm */
          textfit_t         *fit)		/* IO - Measurements */
{
  double base = (double)pango_layout_get_baseline(layout) / PANGO_SCALE;

  switch (e->valign)
  {
    case TMPL_VALIGN_TOP :
        fit->y = 0.0;
        break;
    case TMPL_VALIGN_MIDDLE :
        fit->y = (e->box.h - fit->height) / 2.0;
        break;
    case TMPL_VALIGN_BOTTOM :
        fit->y = e->box.h - fit->height;
        break;
    default :
        // Keep the baseline of a shrunk value level with its label's.
        fit->y = base0 - base;
        if (fit->y + fit->height > e->box.h)
          fit->y = e->box.h - fit->height;
        if (fit->y < 0.0)
          fit->y = 0.0;
        break;
  }

  switch (e->align)
  {
    case TMPL_ALIGN_CENTER :
        fit->x = (e->box.w - fit->width) / 2.0;
        break;
    case TMPL_ALIGN_RIGHT :
        fit->x = e->box.w - fit->width;
        break;
    default :
        fit->x = 0.0;
        break;
  }
  if (fit->wrapped)
    fit->x = 0.0;			// Alignment is then pango's, within the width

  fit->fits = fit->width <= e->box.w + FIT_EPSILON && fit->y >= -FIT_EPSILON && fit->y + fit->height <= e->box.h + FIT_EPSILON;
  fit->x += e->box.x;
  fit->y += e->box.y;
}


/*
 * Lay out text for element e of template t and fit it into the element's
 * box.  The layout is left ready to draw at (fit->x, fit->y).  Returns
 * fit->fits: false when even the smallest allowed size overflows.
 */
bool
textfitLayout(PangoLayout       *layout,	/* I - Layout from a textfitNewContext context */
              const tmpl_t      *t,		/* I - Template, for the defaults */
              const tmpl_elem_t *e,		/* I - Text element */
              const char        *text,		/* I - Text to show, UTF-8 */
              textfit_t         *fit)		/* O - Result */
{
  PangoFontDescription	*desc = pango_font_description_new();
  double		size = e->size > 0.0 ? e->size : t->size;
  double		min_size = e->min_size > 0.0 ? e->min_size : size / 2.0;
  double		base0, lo, hi;
  bool			shrink = e->fit == TMPL_FIT_SHRINK || e->fit == TMPL_FIT_SHRINK_WRAP;
  bool			wrap = e->fit == TMPL_FIT_WRAP || e->fit == TMPL_FIT_SHRINK_WRAP;
  int			i;

  pango_font_description_set_family(desc, e->family ? e->family : t->family);
  pango_font_description_set_weight(desc, (PangoWeight)(e->weight ? e->weight : t->weight));
  pango_layout_set_text(layout, text, -1);
  pango_layout_set_alignment(layout, e->align == TMPL_ALIGN_CENTER ? PANGO_ALIGN_CENTER : e->align == TMPL_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);

  // 1. As it is, on one line.
  fit_try(layout, desc, e, size, false, fit);
  base0 = (double)pango_layout_get_baseline(layout) / PANGO_SCALE;
  fit_place(layout, e, base0, fit);
  if (fit->fits || (!shrink && !wrap))
    goto done;

  // 2. Shrink on one line: width is close to proportional to the size, so
  //    start at the proportional size and step down by 2% until it fits.
  if (shrink && fit->width > 0.0)
  {
    double s = size * e->box.w / fit->width;

    if (s > size)
      s = size;
    for (; s >= min_size - 1e-9; s *= 0.98)
    {
      fit_try(layout, desc, e, s, false, fit);
      fit_place(layout, e, base0, fit);
      if (fit->fits)
        goto done;
    }
  }

  // 3. Wrap: the largest size between min_size and size whose wrapped
  //    lines fit the box (bisection; height grows with size).
  if (wrap)
  {
    fit_try(layout, desc, e, shrink ? min_size : size, true, fit);
    fit_place(layout, e, base0, fit);
    if (fit->fits && shrink)
    {
      for (lo = min_size, hi = size, i = 0; i < 8; i ++)
      {
        double mid = (lo + hi) / 2.0;

        fit_try(layout, desc, e, mid, true, fit);
        fit_place(layout, e, base0, fit);
        if (fit->fits)
          lo = mid;
        else
          hi = mid;
      }
      fit_try(layout, desc, e, lo, true, fit);
      fit_place(layout, e, base0, fit);
    }
    goto done;
  }

  // Nothing fitted: leave the smallest attempt laid out.
  fit_try(layout, desc, e, shrink ? min_size : size, false, fit);
  fit_place(layout, e, base0, fit);

  done:

  pango_font_description_free(desc);
  return (fit->fits);
}
