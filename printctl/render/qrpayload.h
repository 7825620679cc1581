/*
 * QR payload of a personalised card: who the card belongs to, which blank it
 * was printed on and when, sealed so that a forged or altered payload can be
 * told from a genuine one.
 *
 * Format (version 2, every new card; all characters in the QR alphanumeric
 * set so the code stays small):
 *
 *   KTP2:<serial>:<nik>:<yyyymmdd>:<keyid>:<signature>
 *
 *   serial, nik, date as in version 1 below
 *   keyid      the signing key's identifier: 16 hex digits, upper case
 *              (keyring.h: the first 8 bytes of SHA-256 of its public key)
 *   signature  base32 (RFC 4648 alphabet, no padding, the 3 spare bits of
 *              the last character zero) of the raw ECDSA P-256 signature
 *              r||s (64 bytes) over SHA-256 of the bytes
 *              "KTP2:<serial>:<nik>:<yyyymmdd>:<keyid>"; 103 characters
 *
 * At most 184 characters (with a 32-character serial).  Anyone holding the
 * exported public key of keyid checks it (printctl verify-qr --public-key);
 * only the service, which holds the private key, can make one.
 *
 * Version 1 (cards printed before version 2; still checked where the old
 * site key "<ledger>.key" is present, never made by the programs):
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

/*
 * A temporary certificate's payload (suket, issue 15), sealed the same way
 * with the office's current key; a kind of its own so that no suket can
 * pass for a card:
 *
 *   SKT1:<suket id>:<nik>:<yyyymmdd>:<keyid>:<signature>
 *
 *   suket id     1-12 digits, the ledger's suket number
 *   nik          16 digits
 *   yyyymmdd     last valid day as issued (an extension is in the ledger)
 *   keyid, signature as in KTP2, over "SKT1:<id>:<nik>:<yyyymmdd>:<keyid>"
 */

#ifndef BLANKO_QRPAYLOAD_H
#define BLANKO_QRPAYLOAD_H

#include "blanko/keyring.h"

#include <stdbool.h>
#include <stddef.h>

#define QR_PREFIX		"KTP1:"	/* Version prefix of a version 1 payload */
#define QR_PREFIX2		"KTP2:"	/* Version prefix of a version 2 payload */
#define QR_SIG_CHARS		103	/* Base32 characters of a signature */
#define QR_PREVIEW_SERIAL	"PREVIEW"	/* Serial field of a preview */
#define QR_SERIAL_MAX		32	/* Longest serial accepted */
#define QR_PAYLOAD_MAX		192	/* Buffer size that fits any payload */

/* Outcome of checking a payload. */
typedef enum qr_status_e
{
  QR_GENUINE = 0,		/* Well formed, check value matches the key */
  QR_FORGED = 1,		/* Well formed, check value does not match */
  QR_MALFORMED = 2,		/* Not a payload of a known version */
  QR_UNKNOWN_KEY = 3,		/* Version 2 sealed by a key not in the keyring */
  QR_NO_KEY = 4			/* No key given for the payload's version */
} qr_status_t;

/* Fields carried by a payload. */
typedef struct qr_fields_s
{
  char serial[QR_SERIAL_MAX + 1];	/* Card serial or "PREVIEW" */
  char nik[17];				/* 16-digit NIK */
  char issue_date[11];			/* YYYY-MM-DD */
  bool preview;				/* Serial is the preview marker */
  int  version;				/* 1 or 2 */
  char keyid[INV_KEYID_LEN + 1];	/* Version 2: the signing key's identifier */
} qr_fields_t;

#define QR_PREFIX_SUKET		"SKT1:"	/* A suket's payload */

typedef struct qr_suket_s		/* Fields of a suket's payload */
{
  long long	id;			/* Suket id */
  char		nik[17];		/* 16-digit NIK */
  char		valid_until[11];	/* YYYY-MM-DD */
  char		keyid[INV_KEYID_LEN + 1];	/* Signing key */
} qr_suket_t;

extern bool		qrSuketSeal(long long id, const char *nik, const char *valid_until, inv_keyring_t *kr,
			            char *buffer, size_t bufsize, char *error, size_t errsize);
extern qr_status_t	qrSuketCheck(const char *payload, inv_keyring_t *kr, qr_suket_t *fields);
extern bool		qrPayloadBuild(const char *serial, const char *nik,
			               const char *issue_date,
			               const unsigned char *key, size_t keylen,
			               char *buffer, size_t bufsize);
extern qr_status_t	qrPayloadVerify(const char *payload,
			                const unsigned char *key, size_t keylen,
			                qr_fields_t *fields);
extern bool		qrFieldsValid(const char *serial, const char *nik, const char *issue_date);
extern int		qrPayloadVersion(const char *payload);
extern bool		qrPayloadSeal(const char *serial, const char *nik, const char *issue_date,
			              inv_keyring_t *kr, char *buffer, size_t bufsize,
			              char *error, size_t errsize);
extern qr_status_t	qrPayloadCheck(const char *payload, inv_keyring_t *kr,
			               const unsigned char *key, size_t keylen, qr_fields_t *fields);

#endif /* BLANKO_QRPAYLOAD_H */
