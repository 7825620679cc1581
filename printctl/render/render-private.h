/*
 * Card renderer: the structure behind render_t.
 */

#ifndef BLANKO_RENDER_PRIVATE_H
#define BLANKO_RENDER_PRIVATE_H

#include "render.h"
#include "template-private.h"
#include "textfit.h"

#include <cairo.h>
#include <pango/pango.h>

struct render_s
{
  const tmpl_t		*t;		/* Template, shared and read-only */
  PangoFontMap		*fontmap;	/* This renderer's own font map */
  PangoContext		*context;	/* Layout context in mm */
  PangoLayout		*layout;	/* Reused for every text */
  cairo_surface_t	**images;	/* Template images, decoded once, by element */
  PangoLayout		**statics;	/* Static texts laid out once, by element (issue 17) */
  textfit_t		*static_fits;	/* Their placements, by element */
  PangoLayout		*preview;	/* The PREVIEW mark, laid out once */
  unsigned char		*grey;		/* Placeholder pixels of a passed-through photo, reused */
  size_t		greylen;	/* Its size, bytes */
  char			error[512];	/* Last error */
};

#endif /* BLANKO_RENDER_PRIVATE_H */
