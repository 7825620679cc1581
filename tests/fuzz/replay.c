/*
 * Replay a fuzz target's corpus and kept findings: each file named (or
 * found in a folder named) is one input; a name that does not exist fails.  Built with ASan and UBSan by make check,
 * so a crash or sanitizer report fails the run.  Prints PASS lines and the
 * closing "N passed, N failed".
 */

#include "fuzz.h"

#include <dirent.h>
#include <sys/stat.h>


/* Run one input file; returns 1 when it could be read. */
static int
replay_file(const char *path)
{
  FILE		*fp = fopen(path, "rb");
  uint8_t	*data = NULL;
  size_t	size = 0, alloc = 0, n;

  if (!fp)
    return (0);
  do
  {
    if (size == alloc && (data = realloc(data, alloc = alloc ? 2 * alloc : 4096)) == NULL)
      abort();
    n = fread(data + size, 1, alloc - size, fp);
    size += n;
  }
  while (n > 0);
  fclose(fp);
  LLVMFuzzerTestOneInput(data, size);
  free(data);
  return (1);
}


int
main(int  argc,
     char *argv[])
{
  FILE	*out = fdopen(dup(STDOUT_FILENO), "w");	/* a target may silence stdout */
  int	passed = 0, failed = 0;

  if (!out)
    return (1);

  for (int i = 1; i < argc; i ++)
  {
    struct stat	info;
    int		count = 0;

    if (stat(argv[i], &info))
    {
      /* A corpus or a kept finding that is not there is an error, never a
       * silent pass. */
      fprintf(out, "FAIL: %s: no such file or folder\n", argv[i]);
      failed ++;
      continue;
    }
    if (S_ISDIR(info.st_mode))
    {
      DIR		*dir = opendir(argv[i]);
      struct dirent	*ent;
      char		path[4096];

      while (dir && (ent = readdir(dir)) != NULL)
      {
        if (ent->d_name[0] == '.')
          continue;
        snprintf(path, sizeof(path), "%s/%s", argv[i], ent->d_name);
        count += replay_file(path);
      }
      if (dir)
        closedir(dir);
    }
    else
      count += replay_file(argv[i]);
    /* Reaching here means no input crashed or tripped a sanitizer. */
    fprintf(out, "PASS: %s: %d inputs replayed without a crash or sanitizer report\n", argv[i], count);
    fflush(out);
    passed ++;
  }
  fprintf(out, "%d passed, %d failed\n", passed, failed);
  fclose(out);
  return (failed ? 1 : 0);
}
