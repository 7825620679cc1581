/*
 * ledger-tool: makes the ledgers of the destruction, report and reconcile
 * tests (t0300-t0340) in one event a step, where printctl would take a
 * printer, card requests and print jobs.  It moves serials with the
 * library's private _invMove, under a kind from the registry
 * (events-private.h): "transfer" between locations, and "print", the
 * registry's kind kept for this tool, to issue cards.
 *
 *   ledger-tool DB ACTOR hopper CODE            add a printer's hopper
 *   ledger-tool DB ACTOR move KIND FROM TO LIST  move serials (e.g. "print" RC1 issued)
 *   ledger-tool DB ACTOR totals SINCE UNTIL DAY  print invMovementTotals ("-": NULL; DAY 0 or 1)
 *                                                as day|kind|from|to|serials, then the head
 *                                                at UNTIL as head|id (t0331)
 *
 * Exit 0 done, 1 refused (the message on stderr).
 */

#include "blanko/inventory.h"
#include "../../inventory/lib/ledger-private.h"	/* _invMove: the tool writes what the tests need */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>


/* Print one total (totals). */
static void
print_total(void *ctx, const inv_total_t *t)
{
  (void)ctx;
  printf("%s|%s|%s|%s|%" PRId64 "\n", t->day, t->kind, t->from, t->to, t->serials);
}


/* ledger-tool DB ACTOR totals SINCE UNTIL DAY: the library's totals and head. */
static int
totals(const char *path, const char *since, const char *until, const char *day)
{
  inv_db_t	*db = NULL;
  inv_status_t	status;
  int64_t	id = 0;
  char		hash[65];

  since = strcmp(since, "-") ? since : NULL;
  until = strcmp(until, "-") ? until : NULL;
  if ((status = invDbOpen(path, 0, &db)) == INV_OK &&
      (status = invMovementTotals(db, since, until, !strcmp(day, "1"), print_total, NULL)) == INV_OK &&
      (status = invChainHeadAt(db, until, &id, hash)) == INV_OK)
    printf("head|%" PRId64 "\n", id);
  if (status != INV_OK)
    fprintf(stderr, "ledger-tool: %s\n", invDbGetError(db));
  invDbClose(db);
  return (status == INV_OK ? 0 : 1);
}


int
main(int  argc,				/* I - Arguments */
     char *argv[])
{
  inv_db_t	*db = NULL;
  inv_list_t	*list = invListNew();
  inv_status_t	status;

  if (argc == 7 && !strcmp(argv[3], "totals"))
  {
    invListDelete(list);
    return (totals(argv[1], argv[4], argv[5], argv[6]));
  }
  if (argc < 4 || (strcmp(argv[3], "hopper") && strcmp(argv[3], "move")) ||
      (!strcmp(argv[3], "hopper") && argc != 5) || (!strcmp(argv[3], "move") && argc != 8))
  {
    fputs("usage: ledger-tool DB ACTOR hopper CODE | move KIND FROM TO LIST | totals SINCE UNTIL DAY\n", stderr);
    return (2);
  }
  if ((status = invDbOpen(argv[1], 0, &db)) == INV_OK && (invDbSetActor(db, argv[2], NULL), 1) &&
      (status = invDbBegin(db)) == INV_OK)
  {
    if (!strcmp(argv[3], "hopper"))
      status = invLocationAdd(db, argv[4], INV_KIND_HOPPER, "test hopper");
    else if (invListParse(list, argv[7]) != INV_OK)
    {
      fprintf(stderr, "ledger-tool: %s\n", invListGetError(list));
      invListDelete(list);
      invDbClose(db);
      return (1);
    }
    else
      status = _invMove(db, argv[4], argv[5], argv[6], list, NULL, NULL, NULL);
    if (status == INV_OK)
      status = invDbCommit(db);
    else
      invDbRollback(db);
  }
  if (status != INV_OK)
    fprintf(stderr, "ledger-tool: %s\n", invDbGetError(db));
  invListDelete(list);
  invDbClose(db);
  return (status == INV_OK ? 0 : 1);
}
