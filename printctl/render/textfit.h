/*
 * Fitting a text into its box: shrink, then wrap (private to the renderer
 * and the template loader, which checks static labels).
 */

#ifndef BLANKO_TEXTFIT_H
#define BLANKO_TEXTFIT_H

#include "template-private.h"

#include <pango/pango.h>

typedef struct textfit_s		/* Result of fitting a text */
{
  double	size;			/* Font size chosen, pt */
  bool		wrapped;		/* Wrapping was needed */
  int		lines;			/* Lines of text */
  double	x, y;			/* Where the layout's top-left goes, mm */
  double	width, height;		/* Logical extents of the layout, mm */
  bool		fits;			/* Inside the box? */
} textfit_t;

extern PangoContext	*textfitNewContext(PangoFontMap *fontmap);
extern bool		textfitLayout(PangoLayout *layout, const tmpl_t *t,
			              const tmpl_elem_t *e, const char *text,
			              textfit_t *fit);

#endif /* BLANKO_TEXTFIT_H */
