/*
 * A fixed, invented resident for render tests and the reference image.
 * Never a real person.
 */

#ifndef BLANKO_SAMPLE_RECORD_H
#define BLANKO_SAMPLE_RECORD_H

#include "../../printctl/render/render.h"
#include "../../printctl/render/qrpayload.h"

#define SAMPLE_MAX_FIELDS	32

typedef struct sample_s
{
  render_field_t	fields[SAMPLE_MAX_FIELDS];
  render_record_t	rec;		/* Points at fields and photo */
  unsigned char		*photo;		/* Synthetic photo bytes */
  char			payload[QR_PAYLOAD_MAX];	/* rec.qr_payload points here */
} sample_t;

/* The fixed test key of the sample's (KTP1) QR payload; not secret. */
#define SAMPLE_KEY	((const unsigned char *)"blanko test site key, not secret")
#define SAMPLE_KEYLEN	32

extern bool	sampleInit(sample_t *s, bool jpeg);
extern void	sampleSet(sample_t *s, const char *name, const char *value);
extern bool	sampleSeal(sample_t *s, const unsigned char *key, size_t keylen);
extern void	sampleFree(sample_t *s);

#endif /* BLANKO_SAMPLE_RECORD_H */
