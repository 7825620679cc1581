/*
 * Turning PNG and JPEG bytes into cairo surfaces for cards.
 *
 * A JPEG keeps its original bytes attached as CAIRO_MIME_TYPE_JPEG, so the
 * PDF surface embeds them as they are (no recompression).  When only a PDF
 * is made, the pixels are not needed at all: the surface is then created at
 * the JPEG's size from its header alone, and decoding is skipped.
 */

#include "image.h"

#include "blanko/i18n.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

typedef struct image_jerr_s		/* libjpeg error manager that returns */
{
  struct jpeg_error_mgr	pub;		/* libjpeg's part */
  jmp_buf		env;		/* Where to go on error */
  char			message[JMSG_LENGTH_MAX];
} image_jerr_t;

typedef struct image_src_s		/* PNG bytes being read by cairo */
{
  const unsigned char	*data;
  size_t		len, pos;
} image_src_t;


/* Say what kind of image some bytes hold, from their signature. */
image_type_t
imageSniff(const unsigned char *data,		/* I - Image bytes */
           size_t              len)		/* I - Length */
{
  if (data && len > 8 && !memcmp(data, "\211PNG\r\n\032\n", 8))
    return (IMAGE_PNG);
  if (data && len > 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    return (IMAGE_JPEG);
  return (IMAGE_UNKNOWN);
}


/* libjpeg error exit: keep the message and jump back instead of exiting. */
static void
image_jpeg_error(j_common_ptr cinfo)		/* I - libjpeg object */
{
  image_jerr_t *jerr = (image_jerr_t *)cinfo->err;

  (*cinfo->err->format_message)(cinfo, jerr->message);
  longjmp(jerr->env, 1);
}


/* libjpeg warnings (corrupt but readable data) are not fatal; stay quiet. */
static void
image_jpeg_message(j_common_ptr cinfo)		/* I - libjpeg object */
{
  (void)cinfo;
}


/* cairo PNG reader over a memory buffer. */
static cairo_status_t
image_png_read(void          *closure,		/* I - image_src_t */
               unsigned char *data,		/* O - Bytes */
               unsigned int  length)		/* I - Bytes wanted */
{
  image_src_t *src = (image_src_t *)closure;

  if (length > src->len - src->pos)
    return (CAIRO_STATUS_READ_ERROR);
  memcpy(data, src->data + src->pos, length);
  src->pos += length;
  return (CAIRO_STATUS_SUCCESS);
}


/* Decode (or just size) a JPEG into an RGB24 surface with its bytes attached. */
static cairo_surface_t *
image_jpeg(const unsigned char *data,		/* I - JPEG bytes */
           size_t              len,		/* I - Length */
           bool                pixels,		/* I - Decode pixels? */
           char                *error,		/* O - Error message */
           size_t              errsize)		/* I - Size of error */
{
  struct jpeg_decompress_struct	cinfo;
  image_jerr_t			jerr;
  cairo_surface_t		* volatile surface = NULL;
  unsigned char			* volatile row = NULL;
  unsigned char			*copy;
  bool				embeddable;

  cinfo.err               = jpeg_std_error(&jerr.pub);
  jerr.pub.error_exit     = image_jpeg_error;
  jerr.pub.output_message = image_jpeg_message;
  jerr.message[0]         = '\0';
  jpeg_create_decompress(&cinfo);

  if (setjmp(jerr.env))
  {
    snprintf(error, errsize, _("unreadable JPEG image: %s"), jerr.message);
    jpeg_destroy_decompress(&cinfo);
    free(row);
    if (surface)
      cairo_surface_destroy(surface);
    return (NULL);
  }

  jpeg_mem_src(&cinfo, data, (unsigned long)len);
  jpeg_read_header(&cinfo, TRUE);
  if (cinfo.image_width < 1 || cinfo.image_height < 1 || cinfo.image_width > 8000 || cinfo.image_height > 8000)
  {
    snprintf(error, errsize, _("JPEG image of %ux%u pixels is not a card photo"), cinfo.image_width, cinfo.image_height);
    jpeg_destroy_decompress(&cinfo);
    return (NULL);
  }

  // PDF readers handle 8-bit Huffman-coded grey and RGB JPEGs; anything
  // else is decoded and re-encoded by cairo instead of passed through.
  embeddable = !cinfo.arith_code && cinfo.data_precision == 8 && (cinfo.num_components == 1 || cinfo.num_components == 3);
  surface    = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)cinfo.image_width, (int)cinfo.image_height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
    longjmp(jerr.env, 1);

  if (pixels || !embeddable)
  {
    unsigned char	*dst = cairo_image_surface_get_data(surface);
    int			stride = cairo_image_surface_get_stride(surface);

    cinfo.out_color_space = JCS_EXT_BGRX;	// libjpeg-turbo writes cairo's layout directly
    jpeg_start_decompress(&cinfo);
    cairo_surface_flush(surface);
    while (cinfo.output_scanline < cinfo.output_height)
    {
      JSAMPROW r = dst + (size_t)cinfo.output_scanline * (size_t)stride;

      jpeg_read_scanlines(&cinfo, &r, 1);
    }
    jpeg_finish_decompress(&cinfo);
    cairo_surface_mark_dirty(surface);
  }
  else
  {
    // Pixels never used: a PDF surface takes the JPEG bytes.  Paint them
    // mid-grey all the same, so a stray fallback shows a grey box, not noise.
    cairo_t *cr = cairo_create(surface);

    cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
    cairo_paint(cr);
    cairo_destroy(cr);
  }
  jpeg_destroy_decompress(&cinfo);

  if (embeddable)
  {
    // cairo keeps the mime data as long as the surface; give it its own copy
    // so the caller's buffer need only live for the call.
    if ((copy = malloc(len)) == NULL)
    {
      cairo_surface_destroy(surface);
      snprintf(error, errsize, "%s", i18nNoMemory());
      return (NULL);
    }
    memcpy(copy, data, len);
    cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, copy, len, free, copy);
  }
  return (surface);
}


/*
 * Create a surface from PNG or JPEG bytes.  pixels says whether the pixels
 * will be drawn to an image (PNG preview) or only to a PDF.  Returns NULL and
 * a message in error for bytes that are not a readable image.
 */
cairo_surface_t *
imageCreateSurface(const unsigned char *data,	/* I - Image bytes */
                   size_t              len,	/* I - Length */
                   bool                pixels,	/* I - Pixels needed (not only PDF)? */
                   char                *error,	/* O - Error message */
                   size_t              errsize)	/* I - Size of error */
{
  cairo_surface_t	*surface;
  image_src_t		src = { data, len, 0 };

  switch (imageSniff(data, len))
  {
    case IMAGE_JPEG :
        return (image_jpeg(data, len, pixels, error, errsize));

    case IMAGE_PNG :
        surface = cairo_image_surface_create_from_png_stream(image_png_read, &src);
        if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        {
          snprintf(error, errsize, _("unreadable PNG image: %s"), cairo_status_to_string(cairo_surface_status(surface)));
          cairo_surface_destroy(surface);
          return (NULL);
        }
        return (surface);

    default :
        snprintf(error, errsize, "%s", _("image is neither PNG nor JPEG"));
        return (NULL);
  }
}
