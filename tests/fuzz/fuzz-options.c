/*
 * Fuzz target: command-line parsing of both programs (cliMain and each
 * command's options).  The input is argv, split at newlines; its first
 * byte picks the program.  The ledger named does not exist (and cannot be
 * made), so no command gets further than its checks — unless the input
 * names a ledger of its own (`--db FILE init`): such files are made in a
 * scratch folder, the working directory during each input (libFuzzer and
 * the replay keep their own relative paths), removed at exit.
 */

#include "fuzz.h"

#include <ftw.h>
#include <getopt.h>

extern int	inventory_main(int argc, char *argv[]);
extern int	printctl_main(int argc, char *argv[]);

static char	scratch[256];		/* The inputs' working directory */


/* Remove one file or folder of the scratch tree (nftw callback). */
static int
scratch_remove(const char        *path,	/* I - File or folder */
               const struct stat *st,	/* I - Unused */
               int               type,	/* I - Unused */
               struct FTW        *ftw)	/* I - Unused */
{
  (void)st; (void)type; (void)ftw;
  remove(path);
  return (0);
}


/* Remove the scratch folder and everything the inputs made in it. */
static void
scratch_cleanup(void)
{
  if (scratch[0])
    nftw(scratch, scratch_remove, 16, FTW_DEPTH | FTW_PHYS);
}


/* Make the scratch folder, once, so that relative file names in the
 * inputs never land in the source tree. */
static void
scratch_make(void)
{
  const char *dir = getenv("TMPDIR");

  snprintf(scratch, sizeof(scratch), "%s/blanko-fuzz-options-XXXXXX", dir ? dir : "/tmp");
  if (!mkdtemp(scratch))
    abort();
  atexit(scratch_cleanup);
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char	*text, *argv[64], *p;
  int	argc = 1, status, cwd;

  if (size < 1)
    return (0);
  if (!scratch[0])
    scratch_make();
  if ((cwd = open(".", O_RDONLY | O_DIRECTORY)) < 0 || chdir(scratch))
    abort();
  fuzz_quiet();
  setenv("BLANKO_DB", "/nonexistent/blanko-fuzz/ledger.db", 1);
  setenv("BLANKO_CONF", "/dev/null", 1);
  text = fuzz_string(data + 1, size - 1);
  argv[0] = data[0] & 1 ? "printctl" : "inventory";
  for (p = text; argc < 63; argc ++)
  {
    argv[argc] = p;
    if ((p = strchr(p, '\n')) == NULL)
    {
      argc ++;
      break;
    }
    *p++ = '\0';
  }
  argv[argc] = NULL;
  optind = 0;				/* getopt starts afresh each run */
  status = data[0] & 1 ? printctl_main(argc, argv) : inventory_main(argc, argv);
  if (status < 0 || status > 3)
    abort();				/* exit codes are 0 to 3 */
  free(text);
  if (fchdir(cwd))
    abort();
  close(cwd);
  return (0);
}
