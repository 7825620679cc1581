/*
 * Long books for the report benchmarks (make bench, issue 13), built only
 * through the ledger library's public interface, so that the same source
 * builds against today's library and an older one (the peer measured in
 * the same run, tests/bench/bench-reports.sh).
 *
 *   bench-books DIR EVENTS	a ledger DIR/books.db of about EVENTS events:
 *				shipments of 100,000 serials into STORE,
 *				single serials moved STORE -> ROOM1 -> ROOM2
 *				-> ROOM1 ..., 10,000 events per transaction
 *   bench-books --moves N DIR	N single-serial moves, one transaction each,
 *				on a new ledger DIR/moves.db; prints moves/s
 *
 * The events take the clock's time: run under faketime with a speed factor
 * to spread them over years.  Progress and figures on stderr and stdout.
 */

#define BENCH_NAME "bench-books"
#include "bench-util.h"
#include "blanko/inventory.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>


/* A list of one range KTP<10 digits>. */
static void
one_range(inv_list_t *list, int64_t first, int64_t last)
{
  inv_range_t r = { "KTP", 10, first, last };

  invListClear(list);
  invListAdd(list, &r);
}


/* A new ledger at path with a store and two print rooms. */
static inv_db_t *
books_new(const char *path)
{
  inv_db_t *db;

  db = benchCreate(path, "STORE");
  benchMust(db, invLocationAdd(db, "ROOM1", INV_KIND_PRINTROOM, NULL), "location");
  benchMust(db, invLocationAdd(db, "ROOM2", INV_KIND_PRINTROOM, NULL), "location");
  benchMust(db, invDbCommit(db), "commit");
  return (db);
}


int
main(int  argc,				/* I - Number of arguments */
     char *argv[])			/* I - Arguments */
{
  char		path[4096];
  inv_db_t	*db;
  inv_list_t	*list = invListNew();
  double	t;
  int64_t	shipment = 100000;	/* serials per shipment */

  if (argc == 4 && !strcmp(argv[1], "--moves"))
  {
    int64_t n = strtoll(argv[2], NULL, 10);

    snprintf(path, sizeof(path), "%s/moves.db", argv[3]);
    db = books_new(path);
    one_range(list, 0, n - 1);
    benchMust(db, invDbBegin(db), "begin");
    benchMust(db, invReceive(db, "Peruri", "SJ-1", list, "STORE", NULL), "receive");
    benchMust(db, invDbCommit(db), "commit");
    t = benchSeconds();
    for (int64_t i = 0; i < n; i ++)
    {
      one_range(list, i, i);
      benchMust(db, invDbBegin(db), "begin");
      benchMust(db, invTransfer(db, "STORE", "ROOM1", list, NULL), "move");
      benchMust(db, invDbCommit(db), "commit");
    }
    t = benchSeconds() - t;
    printf("%.0f\n", n / t);
    invDbClose(db);
    invListDelete(list);
    return (0);
  }
  if (argc != 3)
  {
    fputs("usage: bench-books DIR EVENTS | bench-books --moves N DIR\n", stderr);
    return (2);
  }

  int64_t events = strtoll(argv[2], NULL, 10), e = 0, received = 0;

  snprintf(path, sizeof(path), "%s/books.db", argv[1]);
  db = books_new(path);
  t = benchSeconds();
  benchMust(db, invDbBegin(db), "begin");
  while (e < events)
  {
    /* A shipment, then each of its serials moved about ten times */
    char ref[32];

    snprintf(ref, sizeof(ref), "SJ-%" PRId64, received / shipment + 1);
    one_range(list, received, received + shipment - 1);
    benchMust(db, invReceive(db, "Peruri", ref, list, "STORE", NULL), "receive");
    e ++;
    for (int pass = 0; pass < 10 && e < events; pass ++)
    {
      const char *from = pass == 0 ? "STORE" : pass % 2 ? "ROOM1" : "ROOM2";
      const char *to = pass % 2 ? "ROOM2" : "ROOM1";

      for (int64_t i = 0; i < shipment && e < events; i ++, e ++)
      {
        one_range(list, received + i, received + i);
        benchMust(db, invTransfer(db, from, to, list, NULL), "move");
        if (e % 10000 == 9999)
        {
          benchMust(db, invDbCommit(db), "commit");
          benchMust(db, invDbBegin(db), "begin");
          if (isatty(STDERR_FILENO))
            fprintf(stderr, "\rbuilding: %" PRId64 " events", e + 1);
        }
      }
    }
    received += shipment;
  }
  benchMust(db, invDbCommit(db), "commit");
  fprintf(stderr, "%sbuilt %" PRId64 " events in %.1f s\n", isatty(STDERR_FILENO) ? "\r" : "", events,
          benchSeconds() - t);
  invDbClose(db);
  invListDelete(list);
  return (0);
}
