/*
 * What the ledger generators of the benchmarks share (bench-books.c,
 * bench-dist.c): the clock, stopping on a failed call and a new ledger.  Define
 * BENCH_NAME (the program's name, for messages) before including it.
 */

#ifndef BLANKO_BENCH_UTIL_H
#define BLANKO_BENCH_UTIL_H

#include "blanko/inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>


/* Seconds of the monotonic clock (the process's own, not a faked wall clock). */
static inline double
benchSeconds(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (ts.tv_sec + ts.tv_nsec / 1e9);
}


/* Stop on a failed call, with the ledger's message. */
static inline void
benchMust(inv_db_t     *db,		/* I - Ledger */
          inv_status_t status,		/* I - What the call returned */
          const char   *what)		/* I - The call */
{
  if (status != INV_OK)
  {
    fprintf(stderr, "%s: %s: %s\n", BENCH_NAME, what, invDbGetError(db));
    exit(1);
  }
}


/* A new ledger at path (any old one removed), made by the user bench, with
 * a store; exits when it cannot be made. */
static inline inv_db_t *
benchCreate(const char *path,		/* I - Ledger file */
            const char *store)		/* I - The store's code */
{
  inv_db_t *db;

  unlink(path);
  if (invDbOpen(path, INV_OPEN_CREATE, &db) != INV_OK)
  {
    fprintf(stderr, "%s: %s: %s\n", BENCH_NAME, path, invDbGetError(db));
    exit(1);
  }
  invDbSetActor(db, "bench", NULL);
  benchMust(db, invInit(db, "bench"), "init");
  benchMust(db, invLocationAdd(db, store, INV_KIND_STORE, NULL), "location");
  return (db);
}

#endif /* !BLANKO_BENCH_UTIL_H */
