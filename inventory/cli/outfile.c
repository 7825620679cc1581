/*
 * Output files of blanko's programs, opened and closed one way.  See
 * blanko/outfile.h.
 */

#include "blanko/outfile.h"
#include "blanko/i18n.h"
#include "blanko/privilege.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio_ext.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


static bool	out_close(blanko_out_t *out, bool ok, bool sync, char *error, size_t errsize);


/*
 * Open an output file for writing ("-": standard output), with the user's
 * own rights (cliPrivUserOpen: never the group's of a set-group-id run).
 * False with a one-line reason in error when it cannot be, or is not a
 * regular file.
 */

bool
blankoOutOpen(blanko_out_t *out,	/* O - The open file */
              const char   *path,	/* I - File name or "-" */
              char         *error,	/* O - Why not */
              size_t       errsize)	/* I - Size of error */
{
  struct stat	info;
  int		fd, flags = O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;

  memset(out, 0, sizeof(*out));
  out->path = path;
  if (!strcmp(path, "-"))
  {
    out->fp = stdout;
    return (true);
  }
  if ((fd = cliPrivUserOpen(path, flags | O_CREAT | O_EXCL, 0600)) >= 0)
    out->created = true;
  else if (errno == EEXIST)
    fd = cliPrivUserOpen(path, flags, 0);		/* O_NOFOLLOW: a link fails with ELOOP */
  if (fd < 0)
  {
    if (errno == ELOOP)
      snprintf(error, errsize, _("%s is a symbolic link; give the name of a regular file"), path);
    else if (errno == ENXIO)		/* a FIFO no one reads */
      snprintf(error, errsize, _("%s is not a regular file"), path);
    else
      snprintf(error, errsize, _("cannot write %s: %s"), path, strerror(errno));
    return (false);
  }
  if (fstat(fd, &info))
  {
    snprintf(error, errsize, _("cannot write %s: %s"), path, strerror(errno));
    close(fd);
    return (false);				/* not ours to remove: we cannot tell */
  }
  if (!S_ISREG(info.st_mode) || (!out->created && info.st_nlink > 1))
  {
    if (!S_ISREG(info.st_mode))
      snprintf(error, errsize, _("%s is not a regular file"), path);
    else
      snprintf(error, errsize, _("%s has other names (hard links); give a new file name"), path);
    close(fd);
    return (false);
  }
  if (fchmod(fd, 0600) || (!out->created && ftruncate(fd, 0)) ||
      fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) || (out->fp = fdopen(fd, "wb")) == NULL)
  {
    snprintf(error, errsize, _("cannot write %s: %s"), path, strerror(errno));
    close(fd);
    if (out->created)
      cliPrivUserUnlink(path);
    return (false);
  }
  return (true);
}


/*
 * Close an output file, checking that every byte reached the disk.  ok is
 * false when the caller's own writing failed (error then holds its
 * reason, kept unless a write to the file failed: that reason is given).
 * On any failure a file this program created is removed and one that
 * existed is emptied; returns false then.
 */

bool
blankoOutClose(blanko_out_t *out,	/* I - The file */
               bool         ok,		/* I - Did the writer succeed? */
               char         *error,	/* IO - Why it failed */
               size_t       errsize)	/* I - Size of error */
{
  return (out_close(out, ok, true, error, errsize));
}


/*
 * Close an output file as blankoOutClose does, but without its fsync: the
 * file is not yet durable.  The caller makes it so with blankoOutSyncDir
 * before reporting it written, and removes it with blankoOutDiscard if
 * that fails.
 */

bool
blankoOutCloseUnsynced(blanko_out_t *out,	/* I - The file */
                       bool         ok,		/* I - Did the writer succeed? */
                       char         *error,	/* IO - Why it failed */
                       size_t       errsize)	/* I - Size of error */
{
  return (out_close(out, ok, false, error, errsize));
}


/*
 * Open the folder of output files closed by blankoOutCloseUnsynced, for
 * blankoOutSyncDir (with the user's own rights); -1 with a one-line
 * reason in error when it cannot be.
 */

int
blankoOutOpenDir(const char *path,	/* I - Folder */
                 char       *error,	/* O - Why not */
                 size_t     errsize)	/* I - Size of error */
{
  int	fd = cliPrivUserOpen(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    snprintf(error, errsize, _("cannot write %s: %s"), path, strerror(errno));
  return (fd);
}


/*
 * Make every file closed so far on the file system of the folder fd
 * (blankoOutOpenDir) durable: one syncfs(2), which also reports any
 * write-back error on that file system since fd's last call.  False with
 * a one-line reason naming path on failure.
 */

bool
blankoOutSyncDir(int        fd,		/* I - Folder (blankoOutOpenDir) */
                 const char *path,	/* I - Its name, for messages */
                 char       *error,	/* O - Why it failed */
                 size_t     errsize)	/* I - Size of error */
{
  if (!syncfs(fd))
    return (true);
  snprintf(error, errsize, _("cannot write %s: %s"), path, strerror(errno));
  return (false);
}


/*
 * Undo an output file closed by blankoOutCloseUnsynced whose sync failed:
 * removed when this program created it, else emptied (opened again with
 * O_NOFOLLOW and only if it is still a regular file with one name).
 */

void
blankoOutDiscard(const char *path,	/* I - The file */
                 bool       created)	/* I - Did this program create it? */
{
  struct stat	info;
  int		fd;

  if (created)
  {
    cliPrivUserUnlink(path);
    return;
  }
  if ((fd = cliPrivUserOpen(path, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0)) < 0)
    return;
  if (!fstat(fd, &info) && S_ISREG(info.st_mode) && info.st_nlink == 1 && ftruncate(fd, 0))
  {
    /* then it stays as the failed write left it */
  }
  close(fd);
}


/*
 * Close an output file (blankoOutClose, or blankoOutCloseUnsynced when
 * sync is false): every write, the flush, the fsync when asked and the
 * close checked; a failed file removed (created) or emptied.
 */

static bool
out_close(blanko_out_t *out,		/* I - The file */
          bool         ok,		/* I - Did the writer succeed? */
          bool         sync,		/* I - fsync it? */
          char         *error,		/* IO - Why it failed */
          size_t       errsize)		/* I - Size of error */
{
  int	err = 0;

  if (!out->fp)
    return (false);
  if (ferror(out->fp))
    err = errno ? errno : EIO;
  if (!err && fflush(out->fp))
    err = errno;
  if (out->fp == stdout)
  {
    out->fp = NULL;
    if (err)
      snprintf(error, errsize, _("cannot write %s: %s"), _("standard output"), strerror(err));
    return (ok && !err);
  }
  if (!err && ok && sync && fsync(fileno(out->fp)))
    err = errno;
  if ((ok && !err) && fclose(out->fp))
    err = errno;
  else if (!ok || err)
  {
    __fpurge(out->fp);			/* what is still buffered is not written */
    if (!out->created && ftruncate(fileno(out->fp), 0))
    {
      /* then it stays as the failed write left it */
    }
    fclose(out->fp);
  }
  out->fp = NULL;
  if (!ok || err)
  {
    if (out->created)
      cliPrivUserUnlink(out->path);	/* ours: the name did not exist before */
    if (err)				/* the file's own error says more */
      snprintf(error, errsize, _("cannot write %s: %s"), out->path, strerror(err));
  }
  return (ok && !err);
}
