/*
 * The site's secret key, beside the ledger.  See sitekey.h.
 */

#include "sitekey.h"
#include "blanko/i18n.h"
#include "blanko/privilege.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* The key file's name for a ledger: "<ledger>.key". */
bool
siteKeyPath(const char *ledger,		/* I - Ledger file */
            char       *path,		/* O - Key file */
            size_t     pathsize)	/* I - Size of path */
{
  return (snprintf(path, pathsize, "%s.key", ledger) < (int)pathsize);
}


/* Read exactly SITEKEY_LEN bytes from an open key file (opened O_NONBLOCK:
 * a FIFO must not hang us), checking it is a regular file of mode 0600. */
static bool
read_key(int fd, const char *path, unsigned char key[SITEKEY_LEN], char *error, size_t errsize)
{
  struct stat	info;
  ssize_t	n;
  unsigned char	extra;

  if (fstat(fd, &info) || !S_ISREG(info.st_mode))
  {
    snprintf(error, errsize, _("%s is not a key file"), path);
    return (false);
  }
  if (cliPrivSetgid() && (info.st_mode & 027))
  {
    snprintf(error, errsize, _("%s may be read or changed by other accounts (mode %03o); it must be 0640"), path,
             (unsigned)(info.st_mode & 0777));
    return (false);
  }
  if (!cliPrivSetgid() && (info.st_mode & 077))
  {
    snprintf(error, errsize, _("%s may be read by other accounts (mode %03o); it must be 0600"), path,
             (unsigned)(info.st_mode & 0777));
    return (false);
  }
  if ((n = read(fd, key, SITEKEY_LEN)) != SITEKEY_LEN || read(fd, &extra, 1) != 0)
  {
    OPENSSL_cleanse(key, SITEKEY_LEN);
    snprintf(error, errsize, _("%s is not a %d-byte key"), path, SITEKEY_LEN);
    return (false);
  }
  return (true);
}


/*
 * Load the old site key of a ledger (read only: it is never made now).
 * On failure error says why (never the key).
 */

bool
siteKeyLoad(const char    *ledger,		/* I - Ledger file */
            unsigned char key[SITEKEY_LEN],	/* O - Key */
            char          *error,		/* O - Why not */
            size_t        errsize)		/* I - Size of error */
{
  char	path[1100];
  int	fd;
  bool	ok;

  if (!siteKeyPath(ledger, path, sizeof(path)))
  {
    snprintf(error, errsize, _("the ledger's file name is too long"));
    return (false);
  }
  if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0)
  {
    if (errno == ENOENT)
      snprintf(error, errsize, _("cannot check a KTP1 card here: the old site key %s is not present"), path);
    else
      snprintf(error, errsize, _("cannot read the site key %s: %s"), path, strerror(errno));
    return (false);
  }
  ok = read_key(fd, path, key, error, errsize);
  close(fd);
  return (ok);
}
