/*
 * Synthetic ID photos for tests and demo data: a drawn head-and-shoulders
 * silhouette on a plain background, 3:4.  Never a real person.
 */

#ifndef BLANKO_SYNTH_PHOTO_H
#define BLANKO_SYNTH_PHOTO_H

#include <stdbool.h>
#include <stddef.h>

extern bool	synthPhotoJPEG(unsigned seed, int width, unsigned char **data, size_t *len);
extern bool	synthPhotoPNG(unsigned seed, int width, unsigned char **data, size_t *len);

#endif /* BLANKO_SYNTH_PHOTO_H */
