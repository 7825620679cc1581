/*
 * QR payload of a personalised card: building and checking the sealed
 * "KTP2:" string (and checking the older "KTP1:") described in qrpayload.h.
 */

#include "qrpayload.h"
#include "blanko/date.h"
#include "blanko/i18n.h"

#include <ctype.h>
#include <stdlib.h>
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


static const char qr_b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";	/* RFC 4648 */


/* Base32 of len bytes (RFC 4648 alphabet, no padding); the characters written. */
static size_t
qr_base32(const unsigned char *data,		/* I - Bytes */
          size_t              len,		/* I - How many */
          char                *out)		/* O - (len * 8 + 4) / 5 + 1 chars */
{
  unsigned	bits = 0, nbits = 0;		/* Bit accumulator */
  size_t	i, j = 0;

  for (i = 0; i < len; i ++)
  {
    bits = (bits << 8) | data[i];
    nbits += 8;
    while (nbits >= 5)
    {
      out[j ++] = qr_b32[(bits >> (nbits - 5)) & 31];
      nbits -= 5;
    }
  }
  if (nbits > 0)
    out[j ++] = qr_b32[(bits << (5 - nbits)) & 31];
  out[j] = '\0';
  return (j);
}


/* Decode exactly len bytes of base32 from text, which must be exactly the
 * characters that encode them, with the spare bits of the last one zero
 * (one encoding per value: no character may change unnoticed). */
static bool
qr_unbase32(const char    *text,		/* I - Base32 text */
            unsigned char *data,		/* O - Bytes */
            size_t        len)			/* I - How many */
{
  unsigned	bits = 0, nbits = 0;		/* Bit accumulator */
  size_t	i, j = 0;
  const char	*c;

  if (strlen(text) != (len * 8 + 4) / 5)
    return (false);
  for (i = 0; text[i]; i ++)
  {
    if (!text[i] || (c = strchr(qr_b32, text[i])) == NULL)
      return (false);
    bits = (bits << 5) | (unsigned)(c - qr_b32);
    nbits += 5;
    if (nbits >= 8)
    {
      data[j ++] = (unsigned char)(bits >> (nbits - 8));
      nbits -= 8;
    }
    bits &= (1u << nbits) - 1;
  }
  return (j == len && bits == 0);
}


/* Compute the base32 check value of the signed part of a payload. */
static bool
qr_check_value(const char          *text,	/* I - Signed text */
               const unsigned char *key,	/* I - Site key */
               size_t              keylen,	/* I - Length of key */
               char                *check)	/* O - QR_CHECK_CHARS + 1 chars */
{
  unsigned char	mac[EVP_MAX_MD_SIZE];		/* Full HMAC */
  unsigned int	maclen = 0;			/* Its length */
  size_t	n;

  if (!key || keylen == 0 || keylen > 1024)
    return (false);
  if (!HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)text, strlen(text), mac, &maclen) || maclen < QR_CHECK_BYTES)
    return (false);
  n = qr_base32(mac, QR_CHECK_BYTES, check);
  OPENSSL_cleanse(mac, sizeof(mac));
  return (n == QR_CHECK_CHARS);
}


/*
 * Say whether a card's serial (NULL for a preview), NIK and issue date
 * (YYYY-MM-DD) can go into a payload.
 */
bool
qrFieldsValid(const char *serial,		/* I - Card serial or NULL for a preview */
              const char *nik,			/* I - 16-digit NIK */
              const char *issue_date)		/* I - Issue date YYYY-MM-DD */
{
  inv_date_t date;

  return (nik && issue_date && qr_valid_serial(serial ? serial : QR_PREVIEW_SERIAL) && qr_digits(nik, 16) &&
          qr_valid_date(issue_date, &date));
}


/*
 * The version of a payload from its prefix: 1, 2, or 0 for neither.
 */
int
qrPayloadVersion(const char *payload)		/* I - Payload */
{
  if (payload && !strncmp(payload, QR_PREFIX, strlen(QR_PREFIX)))
    return (1);
  if (payload && !strncmp(payload, QR_PREFIX2, strlen(QR_PREFIX2)))
    return (2);
  return (0);
}


/* Split the text after a prefix into exactly n ':'-separated parts. */
static bool
qr_split(char *text,				/* I - Text (changed) */
         char **parts,				/* O - The parts */
         int  n)				/* I - How many */
{
  for (int i = 0; i < n; i ++)
  {
    parts[i] = text;
    if (i < n - 1)
    {
      if ((text = strchr(text, ':')) == NULL)
        return (false);
      *text++ = '\0';
    }
  }
  return (strchr(parts[n - 1], ':') == NULL);
}


/* Check and copy the serial, NIK and YYYYMMDD date of a payload. */
static bool
qr_fields(const char  *serial,			/* I - Serial part */
          const char  *nik,			/* I - NIK part */
          const char  *date,			/* I - Date part, YYYYMMDD */
          qr_fields_t *f)			/* O - Fields */
{
  inv_date_t	issued;

  memset(f, 0, sizeof(qr_fields_t));
  if (!qr_valid_serial(serial) || !qr_digits(nik, 16) || !qr_digits(date, 8))
    return (false);
  memcpy(f->issue_date, date, 4);		// YYYYMMDD -> YYYY-MM-DD
  f->issue_date[4] = '-';
  memcpy(f->issue_date + 5, date + 4, 2);
  f->issue_date[7] = '-';
  memcpy(f->issue_date + 8, date + 6, 2);
  if (!qr_valid_date(f->issue_date, &issued))
    return (false);
  strcpy(f->serial, serial);
  strcpy(f->nik, nik);
  f->preview = !strcmp(serial, QR_PREVIEW_SERIAL);
  return (true);
}


/*
 * Check a version 2 or suket payload's signature: the signed part is its
 * first len bytes (everything before the signature's ':').  QR_NO_KEY
 * when kr is NULL.
 */
static qr_status_t
qr_verify(inv_keyring_t       *kr,		/* I - Keys, or NULL */
          const char          *keyid,		/* I - Key the payload names */
          const char          *payload,		/* I - Payload */
          size_t              len,		/* I - Length of its signed part */
          const unsigned char *sig)		/* I - Signature, INV_SIG_LEN bytes */
{
  if (!kr)
    return (QR_NO_KEY);
  switch (invKeyringVerify(kr, keyid, payload, len, sig, INV_SIG_LEN))
  {
    case INV_SIG_GOOD :
        return (QR_GENUINE);
    case INV_SIG_UNKNOWN_KEY :
        return (QR_UNKNOWN_KEY);
    case INV_SIG_MALFORMED :
        return (QR_MALFORMED);
    default :
        return (QR_FORGED);
  }
}


/*
 * Seal a version 2 or suket payload, "head:nik:YYYYMMDD:keyid:signature",
 * with the keyring's current key (qrPayloadSeal, qrSuketSeal): head is the
 * prefix and the first field, valid whether the caller found its fields
 * good.  False with a message in error.
 */
static bool
qr_seal(bool          valid,			/* I - Are the caller's fields good? */
        const char    *head,			/* I - Prefix and first field */
        const char    *nik,			/* I - 16-digit NIK */
        const char    *day,			/* I - The date field, YYYY-MM-DD */
        inv_keyring_t *kr,			/* I - Keys (the current one signs) */
        char          *buffer,			/* O - Payload */
        size_t        bufsize,			/* I - Size of buffer */
        char          *error,			/* O - Why not */
        size_t        errsize)			/* I - Size of error */
{
  char		text[QR_PAYLOAD_MAX],		/* Signed part */
		keyid[INV_KEYID_LEN + 1],	/* Key that signed */
		sig64[QR_SIG_CHARS + 1];	/* Signature in base32 */
  unsigned char	sig[INV_SIG_LEN];
  const char	*current = invKeyringGetCurrentId(kr);
  inv_date_t	date;

  if (!valid || !qr_valid_date(day, &date))
  {
    snprintf(error, errsize, "%s", _("cannot build the QR payload: the serial, NIK (16 digits) or issue date is not valid"));
    return (false);
  }
  if (!current)
  {
    snprintf(error, errsize, "%s", _("these keys can only verify (no private key)"));
    return (false);
  }
  snprintf(text, sizeof(text), "%s:%s:%04d%02d%02d:%s", head, nik, date.year, date.month, date.day, current);
  if (!invKeyringSign(kr, text, strlen(text), sig, keyid, error, errsize))
    return (false);
  qr_base32(sig, sizeof(sig), sig64);
  if (strcmp(keyid, current) || (size_t)snprintf(buffer, bufsize, "%s:%s", text, sig64) >= bufsize)
  {
    snprintf(error, errsize, "%s", _("cannot build the QR payload"));
    return (false);
  }
  return (true);
}


/*
 * Build and seal a version 2 payload for one card with the keyring's
 * current key.  serial is the blank's serial or NULL for a preview;
 * issue_date is YYYY-MM-DD.  False with a message in error.
 */
bool
qrPayloadSeal(const char    *serial,		/* I - Card serial or NULL for a preview */
              const char    *nik,		/* I - 16-digit NIK */
              const char    *issue_date,	/* I - Issue date YYYY-MM-DD */
              inv_keyring_t *kr,		/* I - Keys (the current one signs) */
              char          *buffer,		/* O - Payload */
              size_t        bufsize,		/* I - Size of buffer */
              char          *error,		/* O - Why not */
              size_t        errsize)		/* I - Size of error */
{
  char head[QR_PAYLOAD_MAX];		/* Prefix and serial */

  snprintf(head, sizeof(head), QR_PREFIX2 "%s", serial ? serial : QR_PREVIEW_SERIAL);
  return (qr_seal(qrFieldsValid(serial, nik, issue_date), head, nik, issue_date, kr, buffer, bufsize, error, errsize));
}


/*
 * Parse a payload of either version and check its seal: version 2 with the
 * keyring kr, version 1 with the old site key (key, keylen).  QR_NO_KEY
 * when the key its version needs was not given (NULL).  fields, if not
 * NULL, is filled for a well-formed payload (genuine or not), so that a
 * caller can say which card (and which key) a payload claims.
 */
qr_status_t
qrPayloadCheck(const char          *payload,	/* I - Payload as decoded from the QR */
               inv_keyring_t       *kr,		/* I - Keys for version 2, or NULL */
               const unsigned char *key,	/* I - Old site key for version 1, or NULL */
               size_t              keylen,	/* I - Its length */
               qr_fields_t         *fields)	/* O - Fields, or NULL */
{
  char		text[QR_PAYLOAD_MAX], *parts[5];
  unsigned char	sig[INV_SIG_LEN];
  qr_fields_t	f;
  qr_status_t	status;

  if (fields)
    memset(fields, 0, sizeof(qr_fields_t));
  if (qrPayloadVersion(payload) == 1)
  {
    if (key)
      status = qrPayloadVerify(payload, key, keylen, &f);
    else
      status = qrPayloadVerify(payload, (const unsigned char *)"", 0, &f) == QR_MALFORMED ? QR_MALFORMED : QR_NO_KEY;
    f.version = 1;
    if (fields && status != QR_MALFORMED)
      *fields = f;
    return (status);
  }
  if (qrPayloadVersion(payload) != 2 || strlen(payload) >= sizeof(text))
    return (QR_MALFORMED);

  strcpy(text, payload);
  if (!qr_split(text + strlen(QR_PREFIX2), parts, 5) || !qr_fields(parts[0], parts[1], parts[2], &f) ||
      strlen(parts[3]) != INV_KEYID_LEN || strspn(parts[3], "0123456789ABCDEF") != INV_KEYID_LEN ||
      !qr_unbase32(parts[4], sig, sizeof(sig)))
    return (QR_MALFORMED);
  f.version = 2;
  strcpy(f.keyid, parts[3]);
  if (fields)
    *fields = f;
  return (qr_verify(kr, f.keyid, payload, (size_t)(parts[4] - 1 - text), sig));
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
 * Parse a version 1 payload and check its seal with the old site key.  fields, if not
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

  if (!qr_fields(serial, nik, date, &f) || strlen(given) != QR_CHECK_CHARS)
    return (QR_MALFORMED);
  f.version = 1;
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


/*
 * Build and seal a suket's payload (SKT1) with the keyring's current key.
 * False with a message in error.
 */
bool
qrSuketSeal(long long     id,			/* I - Suket id */
            const char    *nik,			/* I - 16-digit NIK */
            const char    *valid_until,		/* I - Last valid day YYYY-MM-DD */
            inv_keyring_t *kr,			/* I - Keys (the current one signs) */
            char          *buffer,		/* O - Payload */
            size_t        bufsize,		/* I - Size of buffer */
            char          *error,		/* O - Why not */
            size_t        errsize)		/* I - Size of error */
{
  char head[QR_PAYLOAD_MAX];		/* Prefix and id */

  snprintf(head, sizeof(head), QR_PREFIX_SUKET "%lld", id);
  return (qr_seal(id >= 1 && id <= 999999999999LL && qr_digits(nik, 16), head, nik, valid_until, kr, buffer, bufsize,
                  error, errsize));
}


/*
 * Parse a suket's payload and check its seal with kr (QR_NO_KEY when kr is
 * NULL).  fields is filled for a well-formed payload.
 */
qr_status_t
qrSuketCheck(const char    *payload,		/* I - Payload */
             inv_keyring_t *kr,			/* I - Keys, or NULL */
             qr_suket_t    *fields)		/* O - Fields, or NULL */
{
  char		text[QR_PAYLOAD_MAX], *parts[5];
  unsigned char	sig[INV_SIG_LEN];
  qr_suket_t	f;
  inv_date_t	date;

  memset(&f, 0, sizeof(f));
  if (fields)
    memset(fields, 0, sizeof(qr_suket_t));
  if (!payload || strncmp(payload, QR_PREFIX_SUKET, strlen(QR_PREFIX_SUKET)) || strlen(payload) >= sizeof(text))
    return (QR_MALFORMED);
  strcpy(text, payload);
  if (!qr_split(text + strlen(QR_PREFIX_SUKET), parts, 5) || !*parts[0] || strlen(parts[0]) > 12 ||
      strspn(parts[0], "0123456789") != strlen(parts[0]) || parts[0][0] == '0' || !qr_digits(parts[1], 16) ||
      !qr_digits(parts[2], 8) || strlen(parts[3]) != INV_KEYID_LEN ||
      strspn(parts[3], "0123456789ABCDEF") != INV_KEYID_LEN || !qr_unbase32(parts[4], sig, sizeof(sig)))
    return (QR_MALFORMED);
  f.id = atoll(parts[0]);
  strcpy(f.nik, parts[1]);
  snprintf(f.valid_until, sizeof(f.valid_until), "%.4s-%.2s-%.2s", parts[2], parts[2] + 4, parts[2] + 6);
  if (!qr_valid_date(f.valid_until, &date))
    return (QR_MALFORMED);
  strcpy(f.keyid, parts[3]);
  if (fields)
    *fields = f;
  return (qr_verify(kr, f.keyid, payload, (size_t)(parts[4] - 1 - text), sig));
}
