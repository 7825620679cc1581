/*
 * The keyring's structure (private to inventory/lib/keyring.c).
 */

#ifndef BLANKO_KEYRING_PRIVATE_H
#define BLANKO_KEYRING_PRIVATE_H

#include "blanko/keyring.h"

#include <openssl/evp.h>
#include <limits.h>
#include <sys/types.h>
#include <time.h>

/* One key of a keyring. */
typedef struct inv_key_s
{
  char		id[INV_KEYID_LEN + 1];	/* Identifier (hex of its public key's hash) */
  EVP_PKEY	*pkey;			/* The key (private, or public only) */
  bool		secret;			/* Holds the private half? */
  time_t	created;		/* When its file was written */
} inv_key_t;

/* A set of keys: a ledger's folder, or exported public keys. */
struct inv_keyring_s
{
  char		dir[PATH_MAX];		/* "<ledger>.keys", or "" for public keys only */
  int		dirfd;			/* Open folder, or -1 */
  uid_t		owner;			/* Trusted owner besides us and root (the ledger folder's) */
  inv_key_t	*keys;			/* The keys */
  size_t	nkeys;			/* How many */
  int		current;		/* Index of the key that signs, or -1 */
};

#endif /* BLANKO_KEYRING_PRIVATE_H */
