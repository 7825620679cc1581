/*
 * A fixed, invented resident for render tests and the reference image: a
 * woman born 17-08-1990 in Semarang (NIK day 17 + 40 = 57), with a drawn
 * photo.
 */

#include "sample-record.h"
#include "synth-photo.h"

#include <stdlib.h>
#include <string.h>

static const render_field_t sample_fields[] =
{
  { "nik",            "3374015708900001" },
  { "name",           "Ratna Sari Wulandari" },
  { "birth_place",    "Semarang" },
  { "birth_date",     "1990-08-17" },
  { "sex",            "P" },
  { "blood_type",     "O" },
  { "address",        "Jl. Pandanaran Raya No. 17" },
  { "rt_rw",          "003/007" },
  { "village",        "Mugassari" },
  { "district",       "Semarang Selatan" },
  { "religion",       "Islam" },
  { "marital_status", "Belum Kawin" },
  { "occupation",     "Karyawan Swasta" },
  { "citizenship",    "WNI" },
  { "valid_until",    "SEUMUR HIDUP" },
  { "photo",          "3374015708900001.jpg" },
  { "province",       "Jawa Tengah" },
  { "regency",        "Kota Semarang" },
  { "issue_city",     "Kota Semarang" }
};


/* Fill s with the sample resident and a synthetic JPEG (or PNG) photo. */
bool
sampleInit(sample_t *s,				/* O - Sample */
           bool     jpeg)			/* I - JPEG photo (else PNG)? */
{
  size_t len = 0;

  memset(s, 0, sizeof(sample_t));
  memcpy(s->fields, sample_fields, sizeof(sample_fields));
  s->rec.fields     = s->fields;
  s->rec.num_fields = (int)(sizeof(sample_fields) / sizeof(sample_fields[0]));
  s->rec.serial     = "KTP0001000";
  s->rec.issue_date = "2026-11-27";
  if (!(jpeg ? synthPhotoJPEG(7, 300, &s->photo, &len) : synthPhotoPNG(7, 300, &s->photo, &len)))
    return (false);
  s->rec.photo      = s->photo;
  s->rec.photo_len  = len;
  s->rec.photo_type = jpeg ? "image/jpeg" : "image/png";
  return (sampleSeal(s, SAMPLE_KEY, SAMPLE_KEYLEN));
}


/* (Re)make the sample's QR payload from its serial, NIK and issue date: a
 * KTP1 payload with the given key (the renderer only draws the text; the
 * programs seal KTP2 with the signing keys, printctl/card). */
bool
sampleSeal(sample_t            *s,		/* I - Sample */
           const unsigned char *key,		/* I - HMAC key */
           size_t              keylen)		/* I - Its length */
{
  const char *nik = NULL;

  for (int i = 0; i < s->rec.num_fields; i ++)
    if (!strcmp(s->fields[i].name, "nik"))
      nik = s->fields[i].value;
  s->rec.qr_payload = s->payload;
  return (qrPayloadBuild(s->rec.serial, nik, s->rec.issue_date, key, keylen, s->payload, sizeof(s->payload)));
}


/* Replace (or add) one field of the sample; value must outlive s. */
void
sampleSet(sample_t   *s,			/* I - Sample */
          const char *name,			/* I - Field name */
          const char *value)			/* I - New value */
{
  int i;

  for (i = 0; i < s->rec.num_fields; i ++)
    if (!strcmp(s->fields[i].name, name))
    {
      s->fields[i].value = value;
      return;
    }
  if (i < SAMPLE_MAX_FIELDS)
  {
    s->fields[i].name  = name;
    s->fields[i].value = value;
    s->rec.num_fields ++;
  }
}


/* Free the sample's photo. */
void
sampleFree(sample_t *s)				/* I - Sample */
{
  free(s->photo);
  s->photo = NULL;
}
