/*
 * The service's signing keys: ECDSA P-256 with SHA-256 (OpenSSL libcrypto),
 * used to seal cards' QR payloads and to sign the ledger's checkpoints
 * (anchors).  Implemented in inventory/lib/keyring.c (libblanko.a).
 *
 * The keys of a ledger live in a folder beside it, "<ledger>.keys/": one
 * private key per file, "<keyid>.pem" (PKCS#8 PEM, mode 0640, the service's
 * group may read it, nobody else), and "current", a one-line file naming
 * the key that signs now.  Rotating adds a key and points "current" at it;
 * old keys stay, so everything they signed still verifies.
 *
 * A key's identifier is the first 8 bytes of the SHA-256 of its public key
 * (DER SubjectPublicKeyInfo), as 16 upper-case hexadecimal digits.
 *
 * A keyring may also be made from exported public keys only (PEM files as
 * written by invKeyringExportPublic): it verifies and never signs.  That is
 * how a machine with no ledger (a bank, the province) checks a card.
 *
 * Signatures are raw r||s, 32 bytes each (INV_SIG_LEN), as ICAO Doc 9303
 * Part 13 (Visible Digital Seals) writes them; callers choose the text
 * encoding (base32 in a QR payload, hex in the ledger).
 */

#ifndef BLANKO_KEYRING_H
#define BLANKO_KEYRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#define INV_KEYID_LEN	16		/* Hex digits of a key identifier */
#define INV_SIG_LEN	64		/* Bytes of a raw P-256 signature */

typedef struct inv_keyring_s inv_keyring_t;	/* Opaque: a set of keys */

/* How to open a ledger's keyring. */
typedef enum inv_keyring_mode_e
{
  INV_KEYRING_READ = 0,		/* Use the keys there; none is an error */
  INV_KEYRING_CREATE = 1	/* Make the folder and a first key if missing */
} inv_keyring_mode_t;

/* Outcome of checking a signature. */
typedef enum inv_sig_e
{
  INV_SIG_GOOD = 0,		/* Made by that key over those bytes */
  INV_SIG_BAD = 1,		/* Key known, signature does not match */
  INV_SIG_UNKNOWN_KEY = 2,	/* No key with that identifier here */
  INV_SIG_MALFORMED = 3		/* Not a signature of the right length */
} inv_sig_t;

/* Open (or create) the keyring of the ledger at ledger_path. */
extern inv_keyring_t	*invKeyringOpen(const char *ledger_path, inv_keyring_mode_t mode,
			                char *error, size_t errsize);
/* A verify-only keyring from one exported public-key PEM file. */
extern inv_keyring_t	*invKeyringOpenPublic(const char *pem_path, char *error, size_t errsize);
/* Free a keyring (NULL is fine). */
extern void		invKeyringDelete(inv_keyring_t *kr);
/* Identifier of the key that signs now, or NULL for a verify-only keyring. */
extern const char	*invKeyringGetCurrentId(inv_keyring_t *kr);
/* Sign data with the current key; false with a message in error. */
extern bool		invKeyringSign(inv_keyring_t *kr, const void *data, size_t len,
			               unsigned char sig[INV_SIG_LEN], char keyid[INV_KEYID_LEN + 1],
			               char *error, size_t errsize);
/* Check sig over data, made by the key named keyid. */
extern inv_sig_t	invKeyringVerify(inv_keyring_t *kr, const char *keyid, const void *data, size_t len,
			                 const unsigned char *sig, size_t siglen);
/* Add a new key and make it current; its identifier in keyid. */
extern bool		invKeyringRotate(inv_keyring_t *kr, char keyid[INV_KEYID_LEN + 1],
			                 char *error, size_t errsize);
/* Write one key's public half (PEM, with a "# key KEYID" comment line first) to fp;
   keyid NULL is the current key. */
extern bool		invKeyringExportPublic(inv_keyring_t *kr, const char *keyid, FILE *fp,
			                       char *error, size_t errsize);
/* Add the key of one more exported public-key PEM file (verify only). */
extern bool		invKeyringAddPublic(inv_keyring_t *kr, const char *pem_path, char *error, size_t errsize);
/* The same from a file the caller opened (with the user's rights); name is for messages. */
extern bool		invKeyringAddPublicFd(inv_keyring_t *kr, int fd, const char *name, char *error, size_t errsize);
/* An empty verify-only keyring, to add exported public keys to. */
extern inv_keyring_t	*invKeyringNewPublic(char *error, size_t errsize);
/* How many keys the keyring holds. */
extern size_t		invKeyringGetCount(inv_keyring_t *kr);
/* Identifier of key number i (0 .. count - 1), when it was made, whether it can sign; NULL past the end. */
extern const char	*invKeyringGetKey(inv_keyring_t *kr, size_t i, time_t *created, bool *secret);

#endif /* BLANKO_KEYRING_H */
