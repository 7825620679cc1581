/*
 * The service's signing keys (ECDSA P-256, SHA-256).  See keyring.h.
 *
 * Files are trusted only when no other account could have put them there:
 * the folder and every file in it are opened without following symbolic
 * links, must be owned by this process's effective user, by root, or by
 * the owner of the folder that holds the ledger (the service account in
 * an installed system), and must not be writable by group or others; a
 * private key must not be readable by others.  Anything else is refused
 * with a message naming the file, so that a key planted by another
 * account is never used to sign or to verify.
 *
 * New files are written under a temporary name made with O_EXCL in the
 * keys' folder and renamed into place, so that no reader ever sees half a
 * key; the first "current" is linked (two programs racing on first use
 * agree on one key).
 */

#include "keyring-private.h"
#include "blanko/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_SUFFIX	".pem"		/* A private key's file: "<KEYID>.pem" */
#define KEY_CURRENT	"current"	/* The file naming the current key */
#define KEY_MAX_FILE	16384		/* Largest key file read */


/* The identifier of a key: hex of the first 8 bytes of SHA-256(DER SPKI). */
static bool
key_id(EVP_PKEY *pkey,			/* I - Key */
       char     id[INV_KEYID_LEN + 1])	/* O - Identifier */
{
  unsigned char	*der = NULL,		/* DER SubjectPublicKeyInfo */
		hash[SHA256_DIGEST_LENGTH];
  int		len = i2d_PUBKEY(pkey, &der);

  if (len <= 0)
    return (false);
  SHA256(der, (size_t)len, hash);
  OPENSSL_free(der);
  for (int i = 0; i < INV_KEYID_LEN / 2; i ++)
    snprintf(id + 2 * i, 3, "%02X", hash[i]);
  return (true);
}


/* Is text a well-formed key identifier (16 upper-case hex digits)? */
static bool
id_valid(const char *text,		/* I - Text */
         size_t     len)		/* I - Its length */
{
  if (len != INV_KEYID_LEN)
    return (false);
  for (size_t i = 0; i < len; i ++)
    if (!((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'A' && text[i] <= 'F')))
      return (false);
  return (true);
}


/* Check an open file or folder may be trusted: its owner, and that no other
 * account may write it (nor read it, for a private key). */
static bool
check_owner(inv_keyring_t     *kr,	/* I - Keyring (trusted owners) */
            const struct stat *info,	/* I - The file's status */
            const char        *path,	/* I - Its name, for messages */
            bool              secret,	/* I - A private key (others may not read)? */
            char              *error,	/* O - Why not */
            size_t            errsize)	/* I - Size of error */
{
  if (info->st_uid != geteuid() && info->st_uid != 0 && info->st_uid != kr->owner)
  {
    snprintf(error, errsize, _("%s belongs to another account (uid %u); refusing to trust a key planted there"),
             path, (unsigned)info->st_uid);
    return (false);
  }
  if (info->st_mode & 022)
  {
    snprintf(error, errsize, _("%s may be changed by other accounts (mode %03o); refusing to trust it"), path,
             (unsigned)(info->st_mode & 0777));
    return (false);
  }
  if (secret && (info->st_mode & 004))
  {
    snprintf(error, errsize, _("%s may be read by every account (mode %03o); it must be 0640"), path,
             (unsigned)(info->st_mode & 0777));
    return (false);
  }
  return (true);
}


/* Open one regular file of the keys' folder for reading, checked. */
static FILE *
open_file(inv_keyring_t *kr,		/* I - Keyring */
          const char    *name,		/* I - File name in the folder */
          bool          secret,		/* I - A private key? */
          time_t        *mtime,		/* O - Its modification time, or NULL */
          char          *error,		/* O - Why not */
          size_t        errsize)	/* I - Size of error */
{
  char		path[PATH_MAX + 64];	/* Full name, for messages */
  struct stat	info;
  int		fd;
  FILE		*fp;

  snprintf(path, sizeof(path), "%s/%s", kr->dir, name);
  if ((fd = openat(kr->dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0)
  {
    if (errno == ELOOP)
      snprintf(error, errsize, _("%s is a symbolic link; refusing to trust it"), path);
    else
      snprintf(error, errsize, _("cannot read %s: %s"), path, strerror(errno));
    return (NULL);
  }
  if (fstat(fd, &info) || !S_ISREG(info.st_mode) || info.st_size > KEY_MAX_FILE)
  {
    snprintf(error, errsize, _("%s is not a key file"), path);
    close(fd);
    return (NULL);
  }
  if (!check_owner(kr, &info, path, secret, error, errsize))
  {
    close(fd);
    return (NULL);
  }
  if (mtime)
    *mtime = info.st_mtime;
  if ((fp = fdopen(fd, "r")) == NULL)
  {
    snprintf(error, errsize, "%s", i18nNoMemory());
    close(fd);
  }
  return (fp);
}


/* Add a key to the keyring (taking the key); its index, or -1. */
static int
add_key(inv_keyring_t *kr,		/* I - Keyring */
        EVP_PKEY      *pkey,		/* I - Key (owned by the keyring after) */
        bool          secret,		/* I - Private? */
        time_t        created,		/* I - When made */
        const char    *id)		/* I - Its identifier */
{
  inv_key_t	*keys;

  for (size_t i = 0; i < kr->nkeys; i ++)
    if (!strcmp(kr->keys[i].id, id))
    {
      EVP_PKEY_free(pkey);		/* The same key twice: keep the first */
      return ((int)i);
    }
  if ((keys = realloc(kr->keys, (kr->nkeys + 1) * sizeof(inv_key_t))) == NULL)
  {
    EVP_PKEY_free(pkey);
    return (-1);
  }
  kr->keys = keys;
  keys += kr->nkeys;
  memset(keys, 0, sizeof(*keys));
  snprintf(keys->id, sizeof(keys->id), "%s", id);
  keys->pkey = pkey;
  keys->secret = secret;
  keys->created = created;
  return ((int)kr->nkeys ++);
}


/* Read one private key file "<id>.pem" of the folder. */
static bool
load_private(inv_keyring_t *kr,		/* I - Keyring */
             const char    *name,	/* I - File name */
             char          *error,	/* O - Why not */
             size_t        errsize)	/* I - Size of error */
{
  time_t	mtime;
  FILE		*fp = open_file(kr, name, true, &mtime, error, errsize);
  EVP_PKEY	*pkey;
  char		id[INV_KEYID_LEN + 1];

  if (!fp)
    return (false);
  pkey = PEM_read_PrivateKey(fp, NULL, NULL, NULL);
  fclose(fp);
  if (!pkey || EVP_PKEY_get_base_id(pkey) != EVP_PKEY_EC || EVP_PKEY_get_bits(pkey) != 256 || !key_id(pkey, id))
  {
    snprintf(error, errsize, _("%s/%s is not a P-256 private key"), kr->dir, name);
    EVP_PKEY_free(pkey);
    return (false);
  }
  if (strncmp(name, id, INV_KEYID_LEN))
  {
    snprintf(error, errsize, _("%s/%s holds the key %s, not the one its name says"), kr->dir, name, id);
    EVP_PKEY_free(pkey);
    return (false);
  }
  if (add_key(kr, pkey, true, mtime, id) < 0)
  {
    snprintf(error, errsize, "%s", i18nNoMemory());
    return (false);
  }
  return (true);
}


/* Read the folder: every "<id>.pem" and the file "current". */
static bool
load_folder(inv_keyring_t *kr,		/* I - Keyring */
            char          *error,	/* O - Why not */
            size_t        errsize)	/* I - Size of error */
{
  DIR		*dir;
  struct dirent	*ent;
  int		fd = dup(kr->dirfd);
  bool		ok = true;
  FILE		*fp;
  char		line[64];
  size_t	len;

  if (fd < 0 || (dir = fdopendir(fd)) == NULL)
  {
    if (fd >= 0)
      close(fd);
    snprintf(error, errsize, _("cannot read %s: %s"), kr->dir, strerror(errno));
    return (false);
  }
  while (ok && (ent = readdir(dir)) != NULL)
  {
    len = strlen(ent->d_name);
    if (len == INV_KEYID_LEN + strlen(KEY_SUFFIX) && !strcmp(ent->d_name + INV_KEYID_LEN, KEY_SUFFIX) &&
        id_valid(ent->d_name, INV_KEYID_LEN))
      ok = load_private(kr, ent->d_name, error, errsize);
  }
  closedir(dir);
  if (!ok)
    return (false);

  kr->current = -1;
  if (kr->nkeys == 0 && faccessat(kr->dirfd, KEY_CURRENT, F_OK, AT_SYMLINK_NOFOLLOW) && errno == ENOENT)
  {
    snprintf(error, errsize, _("there are no signing keys in %s yet"), kr->dir);
    return (false);
  }
  if ((fp = open_file(kr, KEY_CURRENT, false, NULL, error, errsize)) == NULL)
    return (false);
  if (!fgets(line, sizeof(line), fp))
    line[0] = '\0';
  fclose(fp);
  line[strcspn(line, "\r\n")] = '\0';
  for (size_t i = 0; i < kr->nkeys && id_valid(line, strlen(line)); i ++)
    if (!strcmp(kr->keys[i].id, line))
      kr->current = (int)i;
  if (kr->current < 0)
  {
    snprintf(error, errsize, _("%s/%s names no key of the folder"), kr->dir, KEY_CURRENT);
    return (false);
  }
  return (true);
}


/* Write a file of the folder atomically: a fresh name made with O_EXCL,
 * written and synced, then linked (exclusive) or renamed into place. */
static bool
write_file(inv_keyring_t *kr,		/* I - Keyring */
           const char    *name,		/* I - Final name in the folder */
           EVP_PKEY      *pkey,		/* I - Key to write (PKCS#8 PEM), or NULL */
           const char    *text,		/* I - Text to write when pkey is NULL */
           bool          exclusive,	/* I - Fail with EEXIST when name exists? */
           char          *error,	/* O - Why not */
           size_t        errsize)	/* I - Size of error */
{
  char		tmp[64];
  unsigned char	rnd[8];
  int		fd = -1;
  FILE		*fp;
  bool		ok;

  for (int tries = 0; fd < 0 && tries < 10; tries ++)
  {
    if (RAND_bytes(rnd, sizeof(rnd)) != 1)
      break;
    snprintf(tmp, sizeof(tmp), ".tmp-%02x%02x%02x%02x%02x%02x%02x%02x", rnd[0], rnd[1], rnd[2], rnd[3], rnd[4],
             rnd[5], rnd[6], rnd[7]);
    fd = openat(kr->dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST)
      break;
  }
  if (fd < 0)
  {
    snprintf(error, errsize, _("cannot create %s/%s: %s"), kr->dir, name, strerror(errno));
    return (false);
  }
  if (fchmod(fd, 0640) || (fp = fdopen(fd, "w")) == NULL)
  {
    snprintf(error, errsize, _("cannot create %s/%s: %s"), kr->dir, name, strerror(errno));
    close(fd);
    unlinkat(kr->dirfd, tmp, 0);
    return (false);
  }
  if (pkey)
    ok = PEM_write_PrivateKey(fp, pkey, NULL, NULL, 0, NULL, NULL) == 1;
  else
    ok = fputs(text, fp) >= 0;
  ok = fflush(fp) == 0 && ok && fsync(fd) == 0;
  if (fclose(fp) || !ok)
  {
    snprintf(error, errsize, _("cannot write %s/%s"), kr->dir, name);
    unlinkat(kr->dirfd, tmp, 0);
    return (false);
  }
  if (exclusive)
  {
    ok = linkat(kr->dirfd, tmp, kr->dirfd, name, 0) == 0;
    if (!ok)
    {
      int saved = errno;

      unlinkat(kr->dirfd, tmp, 0);
      errno = saved;
      if (errno != EEXIST)
        snprintf(error, errsize, _("cannot create %s/%s: %s"), kr->dir, name, strerror(errno));
      return (false);
    }
    unlinkat(kr->dirfd, tmp, 0);
  }
  else if (renameat(kr->dirfd, tmp, kr->dirfd, name))
  {
    snprintf(error, errsize, _("cannot create %s/%s: %s"), kr->dir, name, strerror(errno));
    unlinkat(kr->dirfd, tmp, 0);
    return (false);
  }
  fsync(kr->dirfd);
  return (true);
}


/* Make a new P-256 key, write "<id>.pem" and add it; its index, or -1. */
static int
new_key(inv_keyring_t *kr,		/* I - Keyring */
        char          *error,		/* O - Why not */
        size_t        errsize)		/* I - Size of error */
{
  EVP_PKEY	*pkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
  char		id[INV_KEYID_LEN + 1],
		name[INV_KEYID_LEN + sizeof(KEY_SUFFIX)];
  int		idx;

  if (!pkey || !key_id(pkey, id))
  {
    snprintf(error, errsize, _("cannot make a signing key"));
    EVP_PKEY_free(pkey);
    return (-1);
  }
  snprintf(name, sizeof(name), "%s%s", id, KEY_SUFFIX);
  if (!write_file(kr, name, pkey, NULL, false, error, errsize))
  {
    EVP_PKEY_free(pkey);
    return (-1);
  }
  if ((idx = add_key(kr, pkey, true, time(NULL), id)) < 0)
    snprintf(error, errsize, "%s", i18nNoMemory());
  return (idx);
}


/* A new, empty keyring. */
static inv_keyring_t *
keyring_new(char   *error,		/* O - Why not */
            size_t errsize)		/* I - Size of error */
{
  inv_keyring_t	*kr = calloc(1, sizeof(inv_keyring_t));

  if (!kr)
  {
    snprintf(error, errsize, "%s", i18nNoMemory());
    return (NULL);
  }
  kr->dirfd = -1;
  kr->current = -1;
  kr->owner = geteuid();
  return (kr);
}


/*
 * Open the keyring of the ledger at ledger_path ("<ledger>.keys/"); with
 * INV_KEYRING_CREATE, make the folder (mode 0750) and a first key when
 * there are none.
 */

inv_keyring_t *
invKeyringOpen(const char         *ledger_path,	/* I - Ledger file */
               inv_keyring_mode_t mode,		/* I - Read, or create when missing */
               char               *error,	/* O - Why not */
               size_t             errsize)	/* I - Size of error */
{
  inv_keyring_t	*kr;
  char		parent[PATH_MAX], *slash;
  struct stat	info;
  bool		made = false;

  if ((kr = keyring_new(error, errsize)) == NULL)
    return (NULL);
  if (snprintf(kr->dir, sizeof(kr->dir), "%s.keys", ledger_path) >= (int)sizeof(kr->dir) ||
      snprintf(parent, sizeof(parent), "%s", ledger_path) >= (int)sizeof(parent))
  {
    snprintf(error, errsize, _("the ledger's file name is too long"));
    invKeyringDelete(kr);
    return (NULL);
  }
  /* The owner of the ledger's folder (the service account) is trusted. */
  if ((slash = strrchr(parent, '/')) == NULL)
    snprintf(parent, sizeof(parent), ".");
  else if (slash == parent)
    parent[1] = '\0';
  else
    *slash = '\0';
  if (!stat(parent, &info))
    kr->owner = info.st_uid;

  if (mode == INV_KEYRING_CREATE)
  {
    if (!mkdir(kr->dir, 0750))
      made = true;
    else if (errno != EEXIST)
    {
      snprintf(error, errsize, _("cannot create %s: %s"), kr->dir, strerror(errno));
      invKeyringDelete(kr);
      return (NULL);
    }
  }
  if ((kr->dirfd = open(kr->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
  {
    if (errno == ENOENT)
      snprintf(error, errsize, _("there are no signing keys for this ledger (%s is missing)"), kr->dir);
    else if (errno == ELOOP || errno == ENOTDIR)
      snprintf(error, errsize, _("%s is not a folder; refusing to trust it"), kr->dir);
    else
      snprintf(error, errsize, _("cannot read the signing keys in %s: %s"), kr->dir, strerror(errno));
    invKeyringDelete(kr);
    return (NULL);
  }
  if (made)
    fchmod(kr->dirfd, 0750);		/* Whatever the umask */
  if (fstat(kr->dirfd, &info))
  {
    snprintf(error, errsize, _("cannot read the signing keys in %s: %s"), kr->dir, strerror(errno));
    invKeyringDelete(kr);
    return (NULL);
  }
  if (!check_owner(kr, &info, kr->dir, false, error, errsize))
  {
    invKeyringDelete(kr);
    return (NULL);
  }

  if (load_folder(kr, error, errsize))
    return (kr);
  if (mode == INV_KEYRING_CREATE && kr->nkeys == 0 &&
      faccessat(kr->dirfd, KEY_CURRENT, F_OK, AT_SYMLINK_NOFOLLOW) && errno == ENOENT)
  {
    /* No key yet: make one and link "current" to it; a program that won
       the race made its own first, and then we read that one. */
    char	line[INV_KEYID_LEN + 2];
    int		idx = new_key(kr, error, errsize);

    if (idx < 0)
    {
      invKeyringDelete(kr);
      return (NULL);
    }
    snprintf(line, sizeof(line), "%s\n", kr->keys[idx].id);
    if (write_file(kr, KEY_CURRENT, NULL, line, true, error, errsize))
    {
      kr->current = idx;
      return (kr);
    }
    if (errno == EEXIST)
    {
      for (size_t i = 0; i < kr->nkeys; i ++)
        EVP_PKEY_free(kr->keys[i].pkey);
      kr->nkeys = 0;
      if (load_folder(kr, error, errsize))
        return (kr);
    }
  }
  invKeyringDelete(kr);
  return (NULL);
}


/*
 * Add the public key of an exported PEM file (as invKeyringExportPublic
 * writes it), open on fd, to a keyring; it verifies, never signs.  The
 * caller opened the file (with whatever rights are the user's) and closes
 * it; name is how messages call it.
 */

bool
invKeyringAddPublicFd(inv_keyring_t *kr,	/* I - Keyring */
                      int           fd,		/* I - Open exported public key */
                      const char    *name,	/* I - Its name, for messages */
                      char          *error,	/* O - Why not */
                      size_t        errsize)	/* I - Size of error */
{
  FILE		*fp;
  EVP_PKEY	*pkey;
  char		id[INV_KEYID_LEN + 1], line[128];
  struct stat	info;
  int		own;

  /* A FIFO or a device is refused before anything is read from it. */
  if (fstat(fd, &info) || !S_ISREG(info.st_mode) || info.st_size > KEY_MAX_FILE)
  {
    snprintf(error, errsize, _("%s is not a key file"), name);
    return (false);
  }
  if ((own = dup(fd)) < 0 || (fp = fdopen(own, "r")) == NULL)
  {
    if (own >= 0)
      close(own);
    snprintf(error, errsize, _("cannot read %s: %s"), name, strerror(errno));
    return (false);
  }
  if (!fgets(line, sizeof(line), fp))
    line[0] = '\0';
  rewind(fp);
  pkey = PEM_read_PUBKEY(fp, NULL, NULL, NULL);
  fclose(fp);
  if (!pkey || EVP_PKEY_get_base_id(pkey) != EVP_PKEY_EC || EVP_PKEY_get_bits(pkey) != 256 || !key_id(pkey, id))
  {
    snprintf(error, errsize, _("%s is not a P-256 public key"), name);
    EVP_PKEY_free(pkey);
    return (false);
  }
  /* The "# key KEYID" line, when there, must name this very key. */
  if (!strncmp(line, "# key ", 6) && strncmp(line + 6, id, INV_KEYID_LEN))
  {
    snprintf(error, errsize, _("%s says it holds the key %.16s but holds %s"), name, line + 6, id);
    EVP_PKEY_free(pkey);
    return (false);
  }
  if (add_key(kr, pkey, false, info.st_mtime, id) < 0)
  {
    snprintf(error, errsize, "%s", i18nNoMemory());
    return (false);
  }
  return (true);
}


/*
 * Add the public key of an exported PEM file, by path (opened without
 * following a link and without waiting on a FIFO).
 */

bool
invKeyringAddPublic(inv_keyring_t *kr,		/* I - Keyring */
                    const char    *pem_path,	/* I - Exported public key */
                    char          *error,	/* O - Why not */
                    size_t        errsize)	/* I - Size of error */
{
  int	fd = open(pem_path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
  bool	ok;

  if (fd < 0)
  {
    snprintf(error, errsize, _("cannot read %s: %s"), pem_path, strerror(errno));
    return (false);
  }
  ok = invKeyringAddPublicFd(kr, fd, pem_path, error, errsize);
  close(fd);
  return (ok);
}


/*
 * A verify-only keyring with no key yet (invKeyringAddPublic adds them).
 */

inv_keyring_t *
invKeyringNewPublic(char   *error,		/* O - Why not */
                    size_t errsize)		/* I - Size of error */
{
  return (keyring_new(error, errsize));
}


/*
 * A verify-only keyring from one exported public-key PEM file.
 */

inv_keyring_t *
invKeyringOpenPublic(const char *pem_path,	/* I - Exported public key */
                     char       *error,		/* O - Why not */
                     size_t     errsize)	/* I - Size of error */
{
  inv_keyring_t	*kr = keyring_new(error, errsize);

  if (kr && !invKeyringAddPublic(kr, pem_path, error, errsize))
  {
    invKeyringDelete(kr);
    return (NULL);
  }
  return (kr);
}


/*
 * Free a keyring (NULL is fine).
 */

void
invKeyringDelete(inv_keyring_t *kr)	/* I - Keyring */
{
  if (!kr)
    return;
  for (size_t i = 0; i < kr->nkeys; i ++)
    EVP_PKEY_free(kr->keys[i].pkey);
  free(kr->keys);
  if (kr->dirfd >= 0)
    close(kr->dirfd);
  free(kr);
}


/*
 * Identifier of the key that signs now, or NULL for a verify-only keyring.
 */

const char *
invKeyringGetCurrentId(inv_keyring_t *kr)	/* I - Keyring */
{
  return (kr && kr->current >= 0 ? kr->keys[kr->current].id : NULL);
}


/*
 * How many keys the keyring holds.
 */

size_t
invKeyringGetCount(inv_keyring_t *kr)	/* I - Keyring */
{
  return (kr ? kr->nkeys : 0);
}


/*
 * The identifier of key number i (0 to count - 1), and when its file was
 * written; NULL past the end.
 */

const char *
invKeyringGetKey(inv_keyring_t *kr,	/* I - Keyring */
                 size_t        i,	/* I - Key number */
                 time_t        *created,/* O - When made, or NULL */
                 bool          *secret)	/* O - Can it sign?, or NULL */
{
  if (!kr || i >= kr->nkeys)
    return (NULL);
  if (created)
    *created = kr->keys[i].created;
  if (secret)
    *secret = kr->keys[i].secret;
  return (kr->keys[i].id);
}


/* The key named keyid, or NULL. */
static inv_key_t *
find_key(inv_keyring_t *kr,		/* I - Keyring */
         const char    *keyid)		/* I - Identifier */
{
  for (size_t i = 0; kr && keyid && i < kr->nkeys; i ++)
    if (!strcmp(kr->keys[i].id, keyid))
      return (kr->keys + i);
  return (NULL);
}


/*
 * Sign data with the current key: SHA-256, ECDSA, and the signature as raw
 * r||s (32 bytes each).
 */

bool
invKeyringSign(inv_keyring_t *kr,			/* I - Keyring */
               const void    *data,			/* I - Bytes to sign */
               size_t        len,			/* I - How many */
               unsigned char sig[INV_SIG_LEN],		/* O - Signature r||s */
               char          keyid[INV_KEYID_LEN + 1],	/* O - The signing key's identifier */
               char          *error,			/* O - Why not */
               size_t        errsize)			/* I - Size of error */
{
  EVP_MD_CTX		*ctx;
  unsigned char		der[128];
  const unsigned char	*p = der;
  size_t		derlen = sizeof(der);
  ECDSA_SIG		*esig = NULL;
  const BIGNUM		*r, *s;
  bool			ok;

  if (!kr || kr->current < 0 || !kr->keys[kr->current].secret)
  {
    snprintf(error, errsize, _("these keys can only verify (no private key)"));
    return (false);
  }
  if ((ctx = EVP_MD_CTX_new()) == NULL)
  {
    snprintf(error, errsize, "%s", i18nNoMemory());
    return (false);
  }
  ok = EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, kr->keys[kr->current].pkey) == 1 &&
       EVP_DigestSign(ctx, der, &derlen, data, len) == 1 &&
       (esig = d2i_ECDSA_SIG(NULL, &p, (long)derlen)) != NULL;
  EVP_MD_CTX_free(ctx);
  if (ok)
  {
    ECDSA_SIG_get0(esig, &r, &s);
    ok = BN_bn2binpad(r, sig, INV_SIG_LEN / 2) == INV_SIG_LEN / 2 &&
         BN_bn2binpad(s, sig + INV_SIG_LEN / 2, INV_SIG_LEN / 2) == INV_SIG_LEN / 2;
  }
  ECDSA_SIG_free(esig);
  if (!ok)
  {
    snprintf(error, errsize, _("cannot sign with the key %s"), kr->keys[kr->current].id);
    return (false);
  }
  snprintf(keyid, INV_KEYID_LEN + 1, "%s", kr->keys[kr->current].id);
  return (true);
}


/*
 * Check sig (raw r||s) over data, made by the key named keyid.
 */

inv_sig_t
invKeyringVerify(inv_keyring_t       *kr,	/* I - Keyring */
                 const char          *keyid,	/* I - Signing key's identifier */
                 const void          *data,	/* I - Signed bytes */
                 size_t              len,	/* I - How many */
                 const unsigned char *sig,	/* I - Signature r||s */
                 size_t              siglen)	/* I - Its length (INV_SIG_LEN) */
{
  inv_key_t	*key;
  ECDSA_SIG	*esig;
  BIGNUM	*r, *s;
  unsigned char	*der = NULL;
  int		derlen;
  EVP_MD_CTX	*ctx;
  inv_sig_t	result = INV_SIG_BAD;

  if (!sig || siglen != INV_SIG_LEN)
    return (INV_SIG_MALFORMED);
  if ((key = find_key(kr, keyid)) == NULL)
    return (INV_SIG_UNKNOWN_KEY);

  r = BN_bin2bn(sig, INV_SIG_LEN / 2, NULL);
  s = BN_bin2bn(sig + INV_SIG_LEN / 2, INV_SIG_LEN / 2, NULL);
  if ((esig = ECDSA_SIG_new()) == NULL || !r || !s || !ECDSA_SIG_set0(esig, r, s))
  {
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(esig);
    return (INV_SIG_BAD);
  }
  derlen = i2d_ECDSA_SIG(esig, &der);
  ECDSA_SIG_free(esig);
  if (derlen > 0 && (ctx = EVP_MD_CTX_new()) != NULL)
  {
    if (EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, key->pkey) == 1 &&
        EVP_DigestVerify(ctx, der, (size_t)derlen, data, len) == 1)
      result = INV_SIG_GOOD;
    EVP_MD_CTX_free(ctx);
  }
  OPENSSL_free(der);
  return (result);
}


/*
 * Add a new key and make it current; the old keys stay, so everything
 * they signed still verifies.
 */

bool
invKeyringRotate(inv_keyring_t *kr,			/* I - Keyring (of a ledger) */
                 char          keyid[INV_KEYID_LEN + 1],/* O - The new key's identifier */
                 char          *error,			/* O - Why not */
                 size_t        errsize)			/* I - Size of error */
{
  char	line[INV_KEYID_LEN + 2];
  int	idx;

  if (!kr || kr->dirfd < 0)
  {
    snprintf(error, errsize, _("these keys can only verify (no private key)"));
    return (false);
  }
  if ((idx = new_key(kr, error, errsize)) < 0)
    return (false);
  snprintf(line, sizeof(line), "%s\n", kr->keys[idx].id);
  if (!write_file(kr, KEY_CURRENT, NULL, line, false, error, errsize))
    return (false);
  kr->current = idx;
  snprintf(keyid, INV_KEYID_LEN + 1, "%s", kr->keys[idx].id);
  return (true);
}


/*
 * Write one key's public half to fp: a "# key KEYID" line, then the PEM
 * SubjectPublicKeyInfo.  keyid NULL is the current key.
 */

bool
invKeyringExportPublic(inv_keyring_t *kr,	/* I - Keyring */
                       const char    *keyid,	/* I - Key, or NULL for the current one */
                       FILE          *fp,	/* I - Where to write */
                       char          *error,	/* O - Why not */
                       size_t        errsize)	/* I - Size of error */
{
  inv_key_t	*key = keyid ? find_key(kr, keyid) : kr && kr->current >= 0 ? kr->keys + kr->current : NULL;

  if (!key)
  {
    snprintf(error, errsize, _("there is no key %s here"), keyid ? keyid : "");
    return (false);
  }
  if (fprintf(fp, "# key %s\n", key->id) < 0 || PEM_write_PUBKEY(fp, key->pkey) != 1 || fflush(fp))
  {
    snprintf(error, errsize, _("cannot write the public key %s"), key->id);
    return (false);
  }
  return (true);
}
