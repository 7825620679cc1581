/*
 * Fuzz target: command-line parsing of both programs (cliMain and each
 * command's options).  The input is argv, split at newlines; its first
 * byte picks the program.  The ledger named does not exist (and cannot be
 * made), so no command gets further than its checks.
 */

#include "fuzz.h"

#include <getopt.h>

extern int	inventory_main(int argc, char *argv[]);
extern int	printctl_main(int argc, char *argv[]);


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char	*text, *argv[64], *p;
  int	argc = 1, status;

  if (size < 1)
    return (0);
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
  return (0);
}
