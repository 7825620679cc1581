/*
 * QR payload of a personalised card: who the card belongs to, which blank it
 * was printed on and when, sealed with a check value made with the site's
 * secret key so that a forged or altered payload can be told from a genuine
 * one.
 *
 * Format (version 1, all characters in the QR alphanumeric set so the code
 * stays small):
 *
 *   KTP1:<serial>:<nik>:<yyyymmdd>:<check>
 *
 *   serial  1-32 characters A-Z 0-9 '-' '.'; "PREVIEW" for a card that was
 *           rendered before a blank was assigned to it
 *   nik     16 digits
 *   date    issue date, 8 digits
 *   check   base32 (RFC 4648, no padding) of the first 12 bytes of
 *           HMAC-SHA256(key, "KTP1:<serial>:<nik>:<yyyymmdd>"), 20 characters
 */

#ifndef BLANKO_QRPAYLOAD_H
#define BLANKO_QRPAYLOAD_H

#include <stdbool.h>
#include <stddef.h>

#define QR_PREFIX		"KTP1:"	/* Version prefix of the payload */
#define QR_PREVIEW_SERIAL	"PREVIEW"	/* Serial field of a preview */
#define QR_SERIAL_MAX		32	/* Longest serial accepted */
#define QR_PAYLOAD_MAX		96	/* Buffer size that fits any payload */

/* Outcome of checking a payload. */
typedef enum qr_status_e
{
  QR_GENUINE = 0,		/* Well formed, check value matches the key */
  QR_FORGED = 1,		/* Well formed, check value does not match */
  QR_MALFORMED = 2		/* Not a payload of a known version */
} qr_status_t;

/* Fields carried by a payload. */
typedef struct qr_fields_s
{
  char serial[QR_SERIAL_MAX + 1];	/* Card serial or "PREVIEW" */
  char nik[17];				/* 16-digit NIK */
  char issue_date[11];			/* YYYY-MM-DD */
  bool preview;				/* Serial is the preview marker */
} qr_fields_t;

extern bool		qrPayloadBuild(const char *serial, const char *nik,
			               const char *issue_date,
			               const unsigned char *key, size_t keylen,
			               char *buffer, size_t bufsize);
extern qr_status_t	qrPayloadVerify(const char *payload,
			                const unsigned char *key, size_t keylen,
			                qr_fields_t *fields);

#endif /* BLANKO_QRPAYLOAD_H */
