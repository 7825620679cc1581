/*
 * A tiny header-only unit test harness, in the spirit of CUPS's test.h.
 *
 * Use:
 *   testBegin("invListParse of a range");
 *   ...
 *   testEnd(ok);            -- or testEndMessage(ok, "got %d", n)
 *   ...
 *   return testSummary();   -- prints "N passed, N failed", returns 0 or 1
 *
 * TEST_ASSERT(expr) checks one condition inside a test; the first failed
 * condition of a test is reported with its file and line.
 */

#ifndef BLANKO_TEST_H
#define BLANKO_TEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int test_passed = 0;		/* Tests that passed */
static int test_failed = 0;		/* Tests that failed */
static const char *test_name = NULL;	/* Current test */
static int test_ok = 1;			/* Current test still passing? */

/* Start a test named by a printf-style format. */
static inline void
testBegin(const char *format, ...)
{
  static char name[256];
  va_list ap;

  va_start(ap, format);
  vsnprintf(name, sizeof(name), format, ap);
  va_end(ap);
  test_name = name;
  test_ok = 1;
}

/* End the current test; ok is its own verdict, and-ed with any failed TEST_ASSERT. */
static inline int
testEndMessage(int ok, const char *format, ...)
{
  ok = ok && test_ok;
  printf("%s: %s", ok ? "PASS" : "FAIL", test_name ? test_name : "?");
  if (format)
  {
    va_list ap;

    fputs(" (", stdout);
    va_start(ap, format);
    vprintf(format, ap);
    va_end(ap);
    putchar(')');
  }
  putchar('\n');
  if (ok)
    test_passed ++;
  else
    test_failed ++;
  test_name = NULL;
  return (ok);
}

#define testEnd(ok) testEndMessage((ok), NULL)

/* Check a condition; report the first failure of a test with its place. */
#define TEST_ASSERT(expr) \
  do { if (!(expr) && test_ok) { test_ok = 0; \
    printf("  %s:%d: failed: %s\n", __FILE__, __LINE__, #expr); } } while (0)

/* Print the closing line and return the exit status for main(). */
static inline int
testSummary(void)
{
  printf("%d passed, %d failed\n", test_passed, test_failed);
  return (test_failed ? 1 : 0);
}

/* Copy a file (a ledger to start a case from, or to look at); false if
 * it cannot. */
static inline bool
testCopyFile(const char *from,		/* I - Source */
             const char *to)		/* I - Destination */
{
  FILE		*in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
  char		buf[65536];
  size_t	n;
  bool		ok = in && out;

  while (ok && (n = fread(buf, 1, sizeof(buf), in)) > 0)
    ok = fwrite(buf, 1, n, out) == n;
  if (in)
    fclose(in);
  if (out && fclose(out))
    ok = false;
  return (ok);
}

#endif /* BLANKO_TEST_H */
