/*
 * bench-suket LEDGER FIRST LAST: issue a suket for each card request
 * FIRST..LAST of a ledger through the library (invSuketIssue), one
 * transaction each as printctl suket issue does, and print the wall time
 * of them all and the slowest, in ms.  The ledger side of a week's 26,000
 * suket (tests/bench/bench-suket.sh, make bench); the PDF of one is timed
 * through the program.
 */

#include "blanko/inventory.h"
#include "blanko/suket.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>


/* Milliseconds of a monotonic clock. */
static double
now_ms(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6);
}


/* Issue the suket. */
int
main(int  argc,				/* I - Arguments */
     char *argv[])
{
  inv_db_t	*db;
  double	start, slowest = 0;
  long long	first, last;

  if (argc != 4 || (first = atoll(argv[2])) < 1 || (last = atoll(argv[3])) < first)
  {
    fputs("usage: bench-suket LEDGER FIRST LAST\n", stderr);
    return (2);
  }
  if (invDbOpen(argv[1], 0, &db) != INV_OK)
  {
    fprintf(stderr, "bench-suket: %s\n", db ? invDbGetError(db) : "cannot open");
    return (1);
  }
  invDbSetActor(db, "pr", NULL);
  start = now_ms();
  for (long long r = first; r <= last; r ++)
  {
    double t = now_ms();

    if (invDbBegin(db) != INV_OK || invSuketIssue(db, r, 0, NULL) != INV_OK || invDbCommit(db) != INV_OK)
    {
      fprintf(stderr, "bench-suket: request %lld: %s\n", r, invDbGetError(db));
      invDbRollback(db);
      invDbClose(db);
      return (1);
    }
    if (now_ms() - t > slowest)
      slowest = now_ms() - t;
  }
  printf("%.0f %.1f\n", now_ms() - start, slowest);
  invDbClose(db);
  return (0);
}
