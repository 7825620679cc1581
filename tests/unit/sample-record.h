/*
 * A fixed, invented resident for render tests and the reference image.
 * Never a real person.
 */

#ifndef BLANKO_SAMPLE_RECORD_H
#define BLANKO_SAMPLE_RECORD_H

#include "../../printctl/render/render.h"

#define SAMPLE_MAX_FIELDS	32

typedef struct sample_s
{
  render_field_t	fields[SAMPLE_MAX_FIELDS];
  render_record_t	rec;		/* Points at fields and photo */
  unsigned char		*photo;		/* Synthetic photo bytes */
} sample_t;

extern bool	sampleInit(sample_t *s, bool jpeg);
extern void	sampleSet(sample_t *s, const char *name, const char *value);
extern void	sampleFree(sample_t *s);

#endif /* BLANKO_SAMPLE_RECORD_H */
