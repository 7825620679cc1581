/*
 * Rendering personalised cards from a template: a print-ready PDF at the
 * exact card size, or a PNG preview at 300 dpi.
 *
 * A renderer belongs to one thread; make one per thread.  Several renderers
 * may share one loaded template.  Personal data is never logged: error
 * messages name fields, not their values.
 */

#ifndef BLANKO_RENDER_H
#define BLANKO_RENDER_H

#include "template.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define RENDER_PNG_DPI	300		/* Resolution of PNG previews */

typedef struct render_s render_t;	/* Opaque renderer */

typedef struct render_field_s		/* One value of a record */
{
  const char	*name;			/* Field name, as in the template's [fields] */
  const char	*value;			/* UTF-8 value */
} render_field_t;

typedef struct render_record_s		/* What a card shows */
{
  const render_field_t	*fields;	/* Values by name (site fields included) */
  int			num_fields;
  const unsigned char	*photo;		/* Photo bytes or NULL */
  size_t		photo_len;
  const char		*photo_type;	/* "image/jpeg", "image/png" or NULL to sniff */
  const char		*serial;	/* Blank's serial, NULL = not printed yet (preview) */
  const char		*issue_date;	/* YYYY-MM-DD */
  const char		*qr_payload;	/* The finished, sealed QR payload (made by the
					   caller: the renderer holds no key), or NULL */
} render_record_t;

typedef struct render_extents_s		/* Where a text went and how */
{
  double	box_x, box_y, box_w, box_h;	/* The element's box, mm */
  double	x, y, width, height;	/* The laid-out text's logical extents, mm */
  double	size;			/* Font size used, pt */
  int		lines;			/* Number of lines */
  bool		fits;			/* Inside the box */
} render_extents_t;

/* Write callback: return false to stop with an error. */
typedef bool (*render_write_cb_t)(void *ctx, const unsigned char *data, size_t len);

extern render_t		*renderNew(const tmpl_t *t);
extern void		renderDelete(render_t *r);
extern const char	*renderGetError(const render_t *r);
extern bool		renderCheckRecord(render_t *r, const render_record_t *rec);
extern bool		renderCardPDF(render_t *r, const render_record_t *rec,
			              render_write_cb_t cb, void *ctx);
extern bool		renderCardPDFFile(render_t *r, const render_record_t *rec, FILE *fp);
extern bool		renderCardPNG(render_t *r, const render_record_t *rec, int side,
			              render_write_cb_t cb, void *ctx);
extern bool		renderCardPNGFile(render_t *r, const render_record_t *rec, int side, FILE *fp);
extern bool		renderGetTextExtents(render_t *r, const render_record_t *rec,
			                     const char *element, render_extents_t *ext);
extern bool		renderPhotoPrepare(render_t *r, const unsigned char *data, size_t len,
			                   const char *source, unsigned char **out, size_t *outlen);
extern const char	*renderGetQrNik(render_t *r, const render_record_t *rec);

#endif /* BLANKO_RENDER_H */
