/*
 * Card renderer: the structure behind render_t.
 */

#ifndef BLANKO_RENDER_PRIVATE_H
#define BLANKO_RENDER_PRIVATE_H

#include "render.h"
#include "template-private.h"

#include <cairo.h>
#include <pango/pango.h>

struct render_s
{
  const tmpl_t		*t;		/* Template, shared and read-only */
  PangoFontMap		*fontmap;	/* This renderer's own font map */
  PangoContext		*context;	/* Layout context in mm */
  PangoLayout		*layout;	/* Reused for every text */
  cairo_surface_t	**images;	/* Template images, decoded once, by element */
  char			error[512];	/* Last error */
};

#endif /* BLANKO_RENDER_PRIVATE_H */
