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
extern cairo_surface_t	*imageCreateSurface(const unsigned char *data, size_t len,
			                    bool pixels, char *error, size_t errsize);

#endif /* BLANKO_IMAGE_H */
