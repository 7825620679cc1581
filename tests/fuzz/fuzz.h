/*
 * Shared pieces of blanko's fuzz targets.  Each target defines
 * LLVMFuzzerTestOneInput; built with clang -fsanitize=fuzzer it is a
 * libFuzzer program (make fuzz), built with replay.c it replays the corpus
 * and every crash ever found under ASan and UBSan (make check).
 */

#ifndef BLANKO_FUZZ_H
#define BLANKO_FUZZ_H

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (the caller frees it). */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
  char *s = malloc(size + 1);

  if (!s)
    abort();
  memcpy(s, data, size);
  s[size] = '\0';
  return (s);
}


static char	fuzz_file_path[256];	/* This process's scratch file, "" when none */

/* Remove the scratch file (at exit). */
static inline void
fuzz_file_remove(void)
{
  if (fuzz_file_path[0])
    unlink(fuzz_file_path);
}


/* Write the input to this process's scratch file (mode 0600, removed at
 * exit) and return its name, for parsers that read files. */
static inline const char *
fuzz_file(const uint8_t *data, size_t size, const char *suffix)
{
  static int	fd = -1;
  char		*path = fuzz_file_path;

  if (fd < 0)
  {
    const char *dir = getenv("TMPDIR");

    snprintf(path, sizeof(fuzz_file_path) - 16, "%s/blanko-fuzz-XXXXXX", dir ? dir : "/tmp");
    strcat(path, suffix);
    if ((fd = mkstemps(path, (int)strlen(suffix))) < 0)
      abort();
    atexit(fuzz_file_remove);
  }
  if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
    abort();
  return (path);
}


/* Send the program's standard output to /dev/null, once.  Its one-line
 * refusals stay on standard error (make fuzz closes that with libFuzzer's
 * -close_fd_mask, which keeps libFuzzer's and the sanitizers' reports). */
static inline void
fuzz_quiet(void)
{
  static int	done = 0;
  int		null;

  if (done ++)
    return;
  if ((null = open("/dev/null", O_WRONLY)) >= 0)
  {
    dup2(null, 1);
    close(null);
  }
}

#endif /* BLANKO_FUZZ_H */
