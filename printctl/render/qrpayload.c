/*
 * QR payload of a personalised card: building and checking the sealed
 * "KTP1:" string described in qrpayload.h.
 */

#include "qrpayload.h"
#include "blanko/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#define QR_CHECK_BYTES	12	/* HMAC bytes kept: 96 bits */
#define QR_CHECK_CHARS	20	/* Base32 characters for 12 bytes */


/* Say whether a serial is made only of characters the payload allows. */
static bool
qr_valid_serial(const char *serial)		/* I - Serial to check */
{
  size_t len = strlen(serial);

  if (len == 0 || len > QR_SERIAL_MAX)
    return (false);
  for (; *serial; serial ++)
    if (!isupper((unsigned char)*serial) && !isdigit((unsigned char)*serial) && *serial != '-' && *serial != '.')
      return (false);
  return (true);
}


/* Say whether a string is exactly n ASCII digits. */
static bool
qr_digits(const char *s,			/* I - String */
          size_t     n)				/* I - Number of digits wanted */
{
  size_t i;

  for (i = 0; i < n; i ++)
    if (!isdigit((unsigned char)s[i]))
      return (false);
  return (s[n] == '\0');
}


/* Parse an issue date YYYY-MM-DD of 1900 or later (invDateParse). */
static bool
qr_valid_date(const char *text,		/* I - YYYY-MM-DD */
              inv_date_t *date)		/* O - Its parts */
{
  return (invDateParse(text, 0, date, NULL, 0) && date->year >= 1900);
}


/* Compute the base32 check value of the signed part of a payload. */
static bool
qr_check_value(const char          *text,	/* I - Signed text */
               const unsigned char *key,	/* I - Site key */
               size_t              keylen,	/* I - Length of key */
               char                *check)	/* O - QR_CHECK_CHARS + 1 chars */
{
  static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  unsigned char	mac[EVP_MAX_MD_SIZE];		/* Full HMAC */
  unsigned int	maclen = 0;			/* Its length */
  unsigned	bits = 0, nbits = 0;		/* Bit accumulator */
  int		i, j = 0;

  if (!key || keylen == 0 || keylen > 1024)
    return (false);
  if (!HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)text, strlen(text), mac, &maclen) || maclen < QR_CHECK_BYTES)
    return (false);

  for (i = 0; i < QR_CHECK_BYTES; i ++)
  {
    bits = (bits << 8) | mac[i];
    nbits += 8;
    while (nbits >= 5)
    {
      check[j ++] = b32[(bits >> (nbits - 5)) & 31];
      nbits -= 5;
    }
  }
  if (nbits > 0)
    check[j ++] = b32[(bits << (5 - nbits)) & 31];
  check[j] = '\0';
  OPENSSL_cleanse(mac, sizeof(mac));
  return (j == QR_CHECK_CHARS);
}


/*
 * Build the payload for one card.  serial is the blank's serial or NULL for
 * a preview; issue_date is YYYY-MM-DD.  Returns false for a bad argument or a
 * buffer that is too small.
 */
bool
qrPayloadBuild(const char          *serial,	/* I - Card serial or NULL for a preview */
               const char          *nik,	/* I - 16-digit NIK */
               const char          *issue_date,	/* I - Issue date YYYY-MM-DD */
               const unsigned char *key,	/* I - Site secret key */
               size_t              keylen,	/* I - Length of key */
               char                *buffer,	/* O - Payload */
               size_t              bufsize)	/* I - Size of buffer */
{
  char	text[QR_PAYLOAD_MAX];			/* Signed part */
  char	check[QR_CHECK_CHARS + 1];		/* Check value */
  inv_date_t date;				/* Issue date */

  if (!serial)
    serial = QR_PREVIEW_SERIAL;
  if (!nik || !issue_date || !buffer || !qr_valid_serial(serial) || !qr_digits(nik, 16))
    return (false);
  if (!qr_valid_date(issue_date, &date))
    return (false);

  snprintf(text, sizeof(text), QR_PREFIX "%s:%s:%04d%02d%02d", serial, nik, date.year, date.month, date.day);
  if (!qr_check_value(text, key, keylen, check))
    return (false);
  if ((size_t)snprintf(buffer, bufsize, "%s:%s", text, check) >= bufsize)
    return (false);
  return (true);
}


/*
 * Parse a payload and check its seal with the site key.  fields, if not
 * NULL, is filled for a well-formed payload (genuine or forged), so that a
 * caller can say which card a forgery claims to be.
 */
qr_status_t
qrPayloadVerify(const char          *payload,	/* I - Payload as decoded from the QR */
                const unsigned char *key,	/* I - Site secret key */
                size_t              keylen,	/* I - Length of key */
                qr_fields_t         *fields)	/* O - Fields, or NULL */
{
  char		text[QR_PAYLOAD_MAX];		/* Copy of payload */
  char		check[QR_CHECK_CHARS + 1];	/* Expected check value */
  char		*serial, *nik, *date, *given;	/* Parts of the copy */
  inv_date_t	issued;				/* Issue date */
  qr_fields_t	f;				/* Parsed fields */

  if (fields)
    memset(fields, 0, sizeof(qr_fields_t));
  if (!payload || strlen(payload) >= sizeof(text) || strncmp(payload, QR_PREFIX, strlen(QR_PREFIX)))
    return (QR_MALFORMED);

  strcpy(text, payload);
  serial = text + strlen(QR_PREFIX);
  if ((nik = strchr(serial, ':')) == NULL)
    return (QR_MALFORMED);
  *nik++ = '\0';
  if ((date = strchr(nik, ':')) == NULL)
    return (QR_MALFORMED);
  *date++ = '\0';
  if ((given = strchr(date, ':')) == NULL)
    return (QR_MALFORMED);
  *given++ = '\0';

  if (!qr_valid_serial(serial) || !qr_digits(nik, 16) || !qr_digits(date, 8) || strlen(given) != QR_CHECK_CHARS)
    return (QR_MALFORMED);
  memset(&f, 0, sizeof(f));
  memcpy(f.issue_date, date, 4);		// YYYYMMDD -> YYYY-MM-DD
  f.issue_date[4] = '-';
  memcpy(f.issue_date + 5, date + 4, 2);
  f.issue_date[7] = '-';
  memcpy(f.issue_date + 8, date + 6, 2);
  if (!qr_valid_date(f.issue_date, &issued))
    return (QR_MALFORMED);
  strcpy(f.serial, serial);
  strcpy(f.nik, nik);
  f.preview = !strcmp(serial, QR_PREVIEW_SERIAL);
  if (fields)
    *fields = f;

  // Re-join the signed part and recompute; compare in constant time so the
  // check value cannot be found byte by byte from response times.
  given[-1] = '\0';
  date[-1]  = ':';
  nik[-1]   = ':';
  if (!qr_check_value(text, key, keylen, check))
    return (QR_FORGED);
  return (CRYPTO_memcmp(check, given, QR_CHECK_CHARS) ? QR_FORGED : QR_GENUINE);
}
