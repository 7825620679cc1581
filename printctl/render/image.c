/*
 * Turning PNG and JPEG bytes into cairo surfaces for cards.
 *
 * A JPEG keeps its original bytes attached as CAIRO_MIME_TYPE_JPEG, so the
 * PDF surface embeds them as they are (no recompression).  When only a PDF
 * is made, the pixels are not needed at all: the surface is then created at
 * the JPEG's size from its header alone, and decoding is skipped.
 *
 * imageCardJpeg turns a photo, once at import, into the JPEG a card embeds
 * as it is: the photo box's size at 300 dpi (issue 17).
 */

#include "image.h"

#include "blanko/i18n.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <math.h>

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


/* Is a JPEG's size that of a card photo (1 to 8000 pixels each way)?
   False with error otherwise. */
static bool
image_jpeg_size_ok(const struct jpeg_decompress_struct *cinfo,	/* I - Header read */
                   char                                *error,	/* O - Error message */
                   size_t                              errsize)	/* I - Size of error */
{
  if (cinfo->image_width >= 1 && cinfo->image_height >= 1 && cinfo->image_width <= 8000 && cinfo->image_height <= 8000)
    return (true);
  snprintf(error, errsize, _("JPEG image of %ux%u pixels is not a card photo"), cinfo->image_width, cinfo->image_height);
  return (false);
}


/* Decode a started JPEG's rows into an RGB24 surface of its output size
   (out_color_space JCS_EXT_BGRX, cairo's layout). */
static void
image_jpeg_rows(struct jpeg_decompress_struct *cinfo,	/* I - Decompression started */
                cairo_surface_t               *surface)	/* I - Surface to fill */
{
  unsigned char	*dst = cairo_image_surface_get_data(surface);
  int		stride = cairo_image_surface_get_stride(surface);

  cairo_surface_flush(surface);
  while (cinfo->output_scanline < cinfo->output_height)
  {
    JSAMPROW r = dst + (size_t)cinfo->output_scanline * (size_t)stride;

    jpeg_read_scanlines(cinfo, &r, 1);
  }
}


/* Decode (or just size) a JPEG into an RGB24 surface with its bytes attached. */
static cairo_surface_t *
image_jpeg(const unsigned char *data,		/* I - JPEG bytes */
           size_t              len,		/* I - Length */
           bool                pixels,		/* I - Decode pixels? */
           unsigned char       **grey,		/* IO - Reused placeholder pixels, or NULL */
           size_t              *greylen,	/* IO - Their size */
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
  if (!image_jpeg_size_ok(&cinfo, error, errsize))
  {
    jpeg_destroy_decompress(&cinfo);
    return (NULL);
  }

  // PDF readers handle 8-bit Huffman-coded grey and RGB JPEGs; anything
  // else is decoded and re-encoded by cairo instead of passed through.
  embeddable = !cinfo.arith_code && cinfo.data_precision == 8 && (cinfo.num_components == 1 || cinfo.num_components == 3);
  if (!pixels && embeddable && grey)
  {
    // Issue 17: the pixels are never read, so every card of a renderer
    // shares one grey buffer, made at its first photo, instead of clearing
    // and painting a new one (about 0.5 MB a card).  A photo larger than the
    // buffer gets its own surface: the buffer is never moved, since a PDF
    // not finished yet may still hold a surface on it.
    int		stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, (int)cinfo.image_width);
    size_t	need = (size_t)stride * cinfo.image_height;

    if (!*grey && stride > 0 && (*grey = malloc(need)) != NULL)
    {
      memset(*grey, 0x80, need);
      *greylen = need;
    }
    if (*grey && need <= *greylen)
      surface = cairo_image_surface_create_for_data(*grey, CAIRO_FORMAT_RGB24, (int)cinfo.image_width, (int)cinfo.image_height, stride);
  }
  if (!surface)
    surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)cinfo.image_width, (int)cinfo.image_height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
    longjmp(jerr.env, 1);

  if (grey && *grey && cairo_image_surface_get_data(surface) == *grey)
    ;						// Grey already
  else if (pixels || !embeddable)
  {
    cinfo.out_color_space = JCS_EXT_BGRX;	// libjpeg-turbo writes cairo's layout directly
    jpeg_start_decompress(&cinfo);
    image_jpeg_rows(&cinfo, surface);
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
        return (image_jpeg(data, len, pixels, NULL, NULL, error, errsize));

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


/*
 * Create a surface for a PDF from PNG or JPEG bytes, as imageCreateSurface
 * with pixels false, but a JPEG passed through takes its (unused) pixels
 * from *grey, a buffer made at the first call and kept by the caller for
 * the next ones (free it after the last PDF is finished).
 */
cairo_surface_t *
imageCreatePdfSurface(const unsigned char *data,	/* I - Image bytes */
                      size_t              len,		/* I - Length */
                      unsigned char       **grey,	/* IO - Reused pixels, NULL at first */
                      size_t              *greylen,	/* IO - Their size */
                      char                *error,	/* O - Error message */
                      size_t              errsize)	/* I - Size of error */
{
  if (imageSniff(data, len) == IMAGE_JPEG)
    return (image_jpeg(data, len, false, grey, greylen, error, errsize));
  return (imageCreateSurface(data, len, false, error, errsize));
}


/* Draw a decoded photo to cover a w x h surface over a background; the
 * surface, or NULL. */
static cairo_surface_t *
image_cover(cairo_surface_t *src,		/* I - Decoded photo */
            int             w,			/* I - Width, pixels */
            int             h,			/* I - Height, pixels */
            const double    bg[3])		/* I - Background (for transparent pixels) */
{
  cairo_surface_t	*dst = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  double		iw = cairo_image_surface_get_width(src);
  double		ih = cairo_image_surface_get_height(src);
  double		scale = fmax(w / iw, h / ih);
  cairo_t		*cr;

  if (cairo_surface_status(dst) != CAIRO_STATUS_SUCCESS)
  {
    cairo_surface_destroy(dst);
    return (NULL);
  }
  // As the renderer draws a photo (render_draw_cover): scaled to cover the
  // box, centred, the rest cropped.
  cr = cairo_create(dst);
  cairo_set_source_rgb(cr, bg[0], bg[1], bg[2]);
  cairo_paint(cr);
  cairo_translate(cr, (w - iw * scale) / 2.0, (h - ih * scale) / 2.0);
  cairo_scale(cr, scale, scale);
  cairo_set_source_surface(cr, src, 0.0, 0.0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_flush(dst);
  return (dst);
}


/* Encode an RGB24 surface as a baseline JPEG (libjpeg-turbo); false when
 * out of memory. */
static bool
image_encode(cairo_surface_t *s,		/* I - Surface */
             const char      *comment,		/* I - Text of a COM marker, or NULL */
             unsigned char   **out,		/* O - JPEG bytes (malloc'd) */
             size_t          *outlen,		/* O - Length */
             char            *error,		/* O - Error message */
             size_t          errsize)		/* I - Size of error */
{
  struct jpeg_compress_struct	cinfo;
  image_jerr_t			jerr;
  unsigned char			*buf = NULL;
  unsigned long			buflen = 0;
  unsigned char			*pixels = cairo_image_surface_get_data(s);
  int				stride = cairo_image_surface_get_stride(s);

  cinfo.err               = jpeg_std_error(&jerr.pub);
  jerr.pub.error_exit     = image_jpeg_error;
  jerr.pub.output_message = image_jpeg_message;
  jerr.message[0]         = '\0';
  jpeg_create_compress(&cinfo);
  if (setjmp(jerr.env))
  {
    snprintf(error, errsize, "%s", i18nNoMemory());
    jpeg_destroy_compress(&cinfo);
    free(buf);
    return (false);
  }
  jpeg_mem_dest(&cinfo, &buf, &buflen);
  cinfo.image_width      = (JDIMENSION)cairo_image_surface_get_width(s);
  cinfo.image_height     = (JDIMENSION)cairo_image_surface_get_height(s);
  cinfo.input_components = 4;
  cinfo.in_color_space   = JCS_EXT_BGRX;	// cairo's RGB24 on little-endian
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, IMAGE_CARD_QUALITY, TRUE);
  cinfo.optimize_coding = TRUE;			// smaller, still baseline Huffman
  jpeg_start_compress(&cinfo, TRUE);
  if (comment)
    jpeg_write_marker(&cinfo, JPEG_COM, (const JOCTET *)comment, (unsigned)strlen(comment));
  while (cinfo.next_scanline < cinfo.image_height)
  {
    JSAMPROW row = pixels + (size_t)cinfo.next_scanline * (size_t)stride;

    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  *out    = buf;
  *outlen = buflen;
  return (true);
}


/* Decode a JPEG at the smallest libjpeg scale (1/1 to 1/8) that still
 * covers w x h; the surface, or NULL with error. */
static cairo_surface_t *
image_jpeg_scaled(const unsigned char *data,	/* I - JPEG bytes */
                  size_t              len,	/* I - Length */
                  int                 w,	/* I - Width to cover */
                  int                 h,	/* I - Height to cover */
                  char                *error,	/* O - Error message */
                  size_t              errsize)	/* I - Size of error */
{
  struct jpeg_decompress_struct	cinfo;
  image_jerr_t			jerr;
  cairo_surface_t		* volatile surface = NULL;

  cinfo.err               = jpeg_std_error(&jerr.pub);
  jerr.pub.error_exit     = image_jpeg_error;
  jerr.pub.output_message = image_jpeg_message;
  jerr.message[0]         = '\0';
  jpeg_create_decompress(&cinfo);
  if (setjmp(jerr.env))
  {
    snprintf(error, errsize, _("unreadable JPEG image: %s"), jerr.message);
    jpeg_destroy_decompress(&cinfo);
    if (surface)
      cairo_surface_destroy(surface);
    return (NULL);
  }
  jpeg_mem_src(&cinfo, data, (unsigned long)len);
  jpeg_read_header(&cinfo, TRUE);
  if (!image_jpeg_size_ok(&cinfo, error, errsize))
  {
    jpeg_destroy_decompress(&cinfo);
    return (NULL);
  }
  cinfo.scale_num   = 1;
  cinfo.scale_denom = 1;
  while (cinfo.scale_denom < 8 && cinfo.image_width / (cinfo.scale_denom * 2) >= (unsigned)w &&
         cinfo.image_height / (cinfo.scale_denom * 2) >= (unsigned)h)
    cinfo.scale_denom *= 2;
  cinfo.out_color_space = JCS_EXT_BGRX;		// cairo's layout
  jpeg_start_decompress(&cinfo);
  surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)cinfo.output_width, (int)cinfo.output_height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
  {
    snprintf(jerr.message, sizeof(jerr.message), "%s", i18nNoMemory());
    longjmp(jerr.env, 1);
  }
  image_jpeg_rows(&cinfo, surface);
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  cairo_surface_mark_dirty(surface);
  return (surface);
}


/*
 * Turn a photo into the JPEG a card embeds unchanged: w x h pixels (the
 * photo box at 300 dpi), the photo scaled to cover it as the renderer
 * would, over bg where it is transparent, with a comment naming the
 * source file's SHA-256 when given.  A JPEG a PDF can embed that is
 * not larger than the box both ways is kept as it is (*out NULL);
 * a PNG, a larger JPEG or one a PDF cannot embed is decoded (once) and
 * encoded anew.  Decoding fully proves the photo readable either way.
 * Returns false, with error, for bytes that are not a readable photo.
 */

bool
imageCardJpeg(const unsigned char *data,	/* I - Photo bytes */
              size_t              len,		/* I - Length */
              int                 w,		/* I - Box width, pixels */
              int                 h,		/* I - Box height, pixels */
              const double        bg[3],	/* I - Background colour, 0..1 */
              const char          *source,	/* I - Hex SHA-256 of the file, or NULL */
              unsigned char       **out,	/* O - New JPEG (malloc'd), or NULL to keep data */
              size_t              *outlen,	/* O - Its length */
              char                *error,	/* O - Error message */
              size_t              errsize)	/* I - Size of error */
{
  cairo_surface_t	*src, *dst;
  bool			ok;
  char			comment[96];

  *out    = NULL;
  *outlen = 0;
  if (imageSniff(data, len) == IMAGE_JPEG)
  {
    const unsigned char	*mime = NULL;
    unsigned long	mimelen = 0;
    bool		keep;

    if ((src = image_jpeg(data, len, false, NULL, NULL, error, errsize)) == NULL)	// its header only
      return (false);
    cairo_surface_get_mime_data(src, CAIRO_MIME_TYPE_JPEG, &mime, &mimelen);
    keep = mime && (cairo_image_surface_get_width(src) <= w || cairo_image_surface_get_height(src) <= h);
    cairo_surface_destroy(src);
    if (keep)
    {
      // Embeddable and not larger than the box both ways: stored as it is,
      // once decoded to prove it readable.
      if ((src = image_jpeg(data, len, true, NULL, NULL, error, errsize)) == NULL)
        return (false);
      cairo_surface_destroy(src);
      return (true);
    }
    if ((src = image_jpeg_scaled(data, len, w, h, error, errsize)) == NULL)
      return (false);
  }
  else if ((src = imageCreateSurface(data, len, true, error, errsize)) == NULL)
    return (false);

  if ((dst = image_cover(src, w, h, bg)) == NULL)
  {
    cairo_surface_destroy(src);
    snprintf(error, errsize, "%s", i18nNoMemory());
    return (false);
  }
  cairo_surface_destroy(src);
  if (source)
    snprintf(comment, sizeof(comment), "blanko photo from sha256:%.64s", source);
  ok = image_encode(dst, source ? comment : NULL, out, outlen, error, errsize);
  cairo_surface_destroy(dst);
  return (ok);
}
