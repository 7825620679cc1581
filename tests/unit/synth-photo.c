/*
 * Synthetic ID photos: a silhouette drawn with cairo, encoded as JPEG with
 * libjpeg-turbo or as PNG with cairo.  The seed varies the background (red
 * or blue, as on Indonesian ID photos), the tones and the head's shape.
 */

#include "synth-photo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <jpeglib.h>

typedef struct synth_buf_s		/* Growing memory buffer for PNG output */
{
  unsigned char	*data;
  size_t	len, size;
} synth_buf_t;


/* Small deterministic generator, so photos repeat from their seed. */
static unsigned
synth_next(unsigned *state)			/* IO - Generator state */
{
  *state = *state * 1103515245u + 12345u;
  return ((*state >> 16) & 0x7fff);
}


/* Draw the silhouette on a new RGB24 surface of width x 4/3 width. */
static cairo_surface_t *
synth_draw(unsigned seed,			/* I - Variation */
           int      width)			/* I - Width in pixels */
{
  int			height = width * 4 / 3;
  cairo_surface_t	*s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t		*cr = cairo_create(s);
  unsigned		st = seed * 2654435761u + 1;
  double		tone = 0.35 + (synth_next(&st) % 40) / 100.0;
  double		headw = 0.26 + (synth_next(&st) % 6) / 100.0;

  cairo_scale(cr, width, width);		// Unit = photo width
  if (synth_next(&st) & 1)
    cairo_set_source_rgb(cr, 0.78, 0.12, 0.12);	// Red background
  else
    cairo_set_source_rgb(cr, 0.15, 0.35, 0.75);	// Blue background
  cairo_paint(cr);

  // Shoulders: a dark garment.
  cairo_set_source_rgb(cr, 0.12, 0.12, 0.15 + (synth_next(&st) % 20) / 100.0);
  cairo_move_to(cr, 0.0, 4.0 / 3.0);
  cairo_curve_to(cr, 0.02, 1.0, 0.2, 0.95, 0.5, 0.93);
  cairo_curve_to(cr, 0.8, 0.95, 0.98, 1.0, 1.0, 4.0 / 3.0);
  cairo_close_path(cr);
  cairo_fill(cr);

  // Neck and head in a skin tone.
  cairo_set_source_rgb(cr, tone + 0.25, tone + 0.12, tone);
  cairo_rectangle(cr, 0.43, 0.7, 0.14, 0.25);
  cairo_fill(cr);
  cairo_save(cr);
  cairo_translate(cr, 0.5, 0.52);
  cairo_scale(cr, headw, 0.3);
  cairo_arc(cr, 0.0, 0.0, 1.0, 0.0, 6.2832);
  cairo_restore(cr);
  cairo_fill(cr);

  // Hair.
  cairo_set_source_rgb(cr, 0.08, 0.06, 0.05);
  cairo_save(cr);
  cairo_translate(cr, 0.5, 0.4);
  cairo_scale(cr, headw + 0.02, 0.2);
  cairo_arc(cr, 0.0, 0.0, 1.0, 3.1416, 6.2832);
  cairo_restore(cr);
  cairo_fill(cr);

  cairo_destroy(cr);
  cairo_surface_flush(s);
  return (s);
}


/* Make a synthetic photo as JPEG bytes (malloc'd; caller frees). */
bool
synthPhotoJPEG(unsigned      seed,		/* I - Variation */
               int           width,		/* I - Width in pixels (height is 4/3) */
               unsigned char **data,		/* O - JPEG bytes */
               size_t        *len)		/* O - Length */
{
  cairo_surface_t		*s = synth_draw(seed, width);
  struct jpeg_compress_struct	cinfo;
  struct jpeg_error_mgr		jerr;
  unsigned char			*out = NULL;
  unsigned long			outlen = 0;
  unsigned char			*pixels = cairo_image_surface_get_data(s);
  int				stride = cairo_image_surface_get_stride(s);

  cinfo.err = jpeg_std_error(&jerr);
  jpeg_create_compress(&cinfo);
  jpeg_mem_dest(&cinfo, &out, &outlen);
  cinfo.image_width      = (JDIMENSION)width;
  cinfo.image_height     = (JDIMENSION)cairo_image_surface_get_height(s);
  cinfo.input_components = 4;
  cinfo.in_color_space   = JCS_EXT_BGRX;	// cairo's RGB24 on little-endian
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, 85, TRUE);
  jpeg_start_compress(&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height)
  {
    JSAMPROW row = pixels + (size_t)cinfo.next_scanline * (size_t)stride;

    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  cairo_surface_destroy(s);

  *data = out;
  *len  = outlen;
  return (out != NULL);
}


/* cairo PNG writer into a growing buffer. */
static cairo_status_t
synth_write(void                *closure,	/* I - synth_buf_t */
            const unsigned char *data,		/* I - Bytes */
            unsigned int        length)		/* I - Length */
{
  synth_buf_t *b = (synth_buf_t *)closure;

  if (b->len + length > b->size)
  {
    size_t		size = (b->len + length) * 2;
    unsigned char	*p = realloc(b->data, size);

    if (!p)
      return (CAIRO_STATUS_NO_MEMORY);
    b->data = p;
    b->size = size;
  }
  memcpy(b->data + b->len, data, length);
  b->len += length;
  return (CAIRO_STATUS_SUCCESS);
}


/* Make a synthetic photo as PNG bytes (malloc'd; caller frees). */
bool
synthPhotoPNG(unsigned      seed,		/* I - Variation */
              int           width,		/* I - Width in pixels (height is 4/3) */
              unsigned char **data,		/* O - PNG bytes */
              size_t        *len)		/* O - Length */
{
  cairo_surface_t	*s = synth_draw(seed, width);
  synth_buf_t		b = { NULL, 0, 0 };
  cairo_status_t	status = cairo_surface_write_to_png_stream(s, synth_write, &b);

  cairo_surface_destroy(s);
  if (status != CAIRO_STATUS_SUCCESS)
  {
    free(b.data);
    return (false);
  }
  *data = b.data;
  *len  = b.len;
  return (true);
}
