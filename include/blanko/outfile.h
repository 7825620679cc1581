/*
 * Output files of blanko's programs: reports (inventory report ...) and
 * cards (printctl render).  One way to open and close them, shared by both
 * programs (inventory/cli/outfile.c, in the command-line frame libblanko-cli.a):
 *
 * - written in place, never through a temporary copy (cards and reports
 *   may hold residents' data);
 * - a symbolic link, a FIFO, a device or anything else that is not a
 *   regular file is refused (O_NOFOLLOW, O_NONBLOCK, then fstat), and so
 *   is a regular file with more than one name (a hard link);
 * - a new file is created with O_CREAT|O_EXCL, mode 0600; an existing
 *   regular file is truncated and overwritten in place and made 0600;
 * - closing checks every write, the flush, fsync and close; on failure a
 *   file this call created is removed, and a file that existed before is
 *   left in place, emptied (length 0): never a truncated report that looks
 *   whole, and never an unlink of a path the command did not make.
 *
 * "-" is standard output: flushed and checked, never closed or removed.
 *
 * Many files in one run (printctl render --all-pending) are made durable
 * in groups: blankoOutCloseUnsynced checks and closes a file without its
 * fsync, then one blankoOutSyncDir (syncfs of the folder's file system)
 * makes every file closed so far durable and reports any write-back error
 * since the last call; the caller reports a file written only after that,
 * and on failure removes (or empties) each unsynced file with
 * blankoOutDiscard.
 */

#ifndef BLANKO_OUTFILE_H
#define BLANKO_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct blanko_out_s		/* An output file being written */
{
  FILE		*fp;		/* Where to write */
  const char	*path;		/* Its name, or "-" */
  bool		created;	/* Did this open create the file? */
} blanko_out_t;

extern bool	blankoOutOpen(blanko_out_t *out, const char *path, char *error, size_t errsize);
extern bool	blankoOutClose(blanko_out_t *out, bool ok, char *error, size_t errsize);
extern bool	blankoOutCloseUnsynced(blanko_out_t *out, bool ok, char *error, size_t errsize);
extern int	blankoOutOpenDir(const char *path, char *error, size_t errsize);
extern bool	blankoOutSyncDir(int fd, const char *path, char *error, size_t errsize);
extern void	blankoOutDiscard(const char *path, bool created);

#endif /* BLANKO_OUTFILE_H */
