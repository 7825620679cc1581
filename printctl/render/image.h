/*
 * Turning PNG and JPEG bytes into cairo surfaces for cards (private to the
 * renderer and the template loader).
 */

#ifndef BLANKO_IMAGE_H
#define BLANKO_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

typedef enum image_type_e
{
  IMAGE_UNKNOWN,
  IMAGE_PNG,
  IMAGE_JPEG
} image_type_t;

extern image_type_t	imageSniff(const unsigned char *data, size_t len);
#define IMAGE_CARD_QUALITY	90		/* JPEG quality of a photo made at import */

extern bool		imageCardJpeg(const unsigned char *data, size_t len, int w, int h,
			              const double bg[3], const char *source, unsigned char **out, size_t *outlen,
			              char *error, size_t errsize);
extern cairo_surface_t	*imageCreateSurface(const unsigned char *data, size_t len,
			                    bool pixels, char *error, size_t errsize);
extern cairo_surface_t	*imageCreatePdfSurface(const unsigned char *data, size_t len,
			                       unsigned char **grey, size_t *greylen,
			                       char *error, size_t errsize);

#endif /* BLANKO_IMAGE_H */
