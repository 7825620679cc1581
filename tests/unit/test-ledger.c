/*
 * Unit tests for the ledger: moves against a per-serial model, refusals
 * that change nothing, lowest-first selection, stocktakes and verify.
 */

#include "test.h"
#include "blanko/inventory.h"
#include "blanko/distribution.h"
#include "blanko/shapes.h"
#include "../../inventory/lib/ledger-private.h"	/* _invMove, _invTakeLowest: the unit under test */

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define SPACE	300			/* Serials A0000 .. A0299 in the model */
#define RECEIVED 250			/* First 250 received; the rest never */

static const char * const accounts[] = { "S1", "S2", "P1", "issued" };
#define NACCOUNTS 4

static int	model[SPACE];		/* Account index holding each serial, -1 none */


/* Fill the model from the ledger's holdings. */
typedef struct seen_s
{
  int		held[SPACE];
  int		ranges;
  int		adjacent_same;		/* Two touching ranges of one account */
  int		last_account;
  int64_t	last_end;
} seen_t;

static void
seen_range(void *ctx, const char *account, const inv_range_t *r)
{
  seen_t	*s = ctx;
  int		a;

  for (a = 0; a < NACCOUNTS && strcmp(accounts[a], account); a ++);
  if (r->first == s->last_end + 1 && a == s->last_account)
    s->adjacent_same ++;
  for (int64_t n = r->first; n <= r->last && n < SPACE; n ++)
    s->held[n] = s->held[n] == -1 ? a : -2;	/* -2: held twice */
  s->ranges ++;
  s->last_account = a;
  s->last_end = r->last;
}


/* Does the ledger hold exactly what the model says, in merged ranges? */
static bool
ledger_matches_model(inv_db_t *db)
{
  seen_t s;

  memset(&s, 0, sizeof(s));
  for (int i = 0; i < SPACE; i ++)
    s.held[i] = -1;
  s.last_end = -5;
  if (invHoldingList(db, NULL, seen_range, &s) != INV_OK)
    return (false);
  for (int i = 0; i < SPACE; i ++)
    if (s.held[i] != model[i])
    {
      printf("  serial %d: ledger %d, model %d\n", i, s.held[i], model[i]);
      return (false);
    }
  return (s.adjacent_same == 0);
}


/* Build a list of serial numbers [first, last] of series A, width 4. */
static void
make_list(inv_list_t *list, int64_t first, int64_t last)
{
  inv_range_t r = { "A", 4, first, last };

  invListClear(list);
  invListAdd(list, &r);
}


int
main(void)
{
  char		dir[] = "/tmp/blanko-test-ledgerXXXXXX", path[256];
  inv_db_t	*db = NULL;
  inv_list_t	*list = invListNew(), *missing = invListNew(), *unexpected = invListNew();
  inv_verify_t	result;
  int64_t	balance;
  int		moves = 0, refusals = 0, mismatches = 0;

  if (!mkdtemp(dir))
    return (1);
  snprintf(path, sizeof(path), "%s/ledger.db", dir);

  testBegin("invDbOpen creates a ledger and invInit fills it");
  TEST_ASSERT(invDbOpen(path, INV_OPEN_CREATE, &db) == INV_OK);
  invDbSetActor(db, "tester", NULL);
  TEST_ASSERT(invInit(db, "tester") == INV_OK);
  TEST_ASSERT(invDbCommit(db) == INV_OK);
  testEnd(1);

  testBegin("a second invDbOpen with INV_OPEN_CREATE is refused");
  {
    inv_db_t *again = NULL;

    TEST_ASSERT(invDbOpen(path, INV_OPEN_CREATE, &again) == INV_REFUSED);
    testEndMessage(strstr(invDbGetError(again), "exists") != NULL, "%s", invDbGetError(again));
    invDbClose(again);
  }

  testBegin("locations and a receipt of 250 serials");
  invDbBegin(db);
  TEST_ASSERT(invLocationAdd(db, "S1", INV_KIND_STORE, "Store one") == INV_OK);
  TEST_ASSERT(invLocationAdd(db, "S2", INV_KIND_STORE, NULL) == INV_OK);
  TEST_ASSERT(invLocationAdd(db, "P1", INV_KIND_PRINTROOM, NULL) == INV_OK);
  make_list(list, 0, RECEIVED - 1);
  TEST_ASSERT(invReceive(db, "Peruri", "DN-1", list, "S1", NULL) == INV_OK);
  TEST_ASSERT(invDbCommit(db) == INV_OK);
  for (int i = 0; i < SPACE; i ++)
    model[i] = i < RECEIVED ? 0 : -1;
  testEnd(ledger_matches_model(db));

  /*
   * Random moves against the model: each either succeeds exactly when the
   * model says the source holds every serial, or is refused and changes
   * nothing.
   */

  testBegin("2000 random moves agree with a per-serial model");
  srand(42);
  for (int step = 0; step < 2000; step ++)
  {
    int64_t	first = rand() % SPACE, len = 1 + (rand() % 4 == 0 ? rand() % 40 : 0), last = first + len - 1;
    int		from = (rand() % 5 && model[first] >= 0) ? model[first] : rand() % NACCOUNTS,
		to = rand() % NACCOUNTS;
    bool	allowed = from != to && last < SPACE;
    inv_status_t status;

    if (last >= SPACE)
      last = SPACE - 1;
    for (int64_t n = first; n <= last && allowed; n ++)
      allowed = model[n] == from;
    make_list(list, first, last);
    invDbBegin(db);
    status = _invMove(db, "transfer", accounts[from], accounts[to], list, NULL, NULL, NULL);
    if (status == INV_OK)
      invDbCommit(db);
    else
      invDbRollback(db);
    if ((status == INV_OK) != allowed)
    {
      mismatches ++;
      printf("  step %d: move A%04lld-A%04lld %s->%s: %s, model says %s\n", step, (long long)first,
             (long long)last, accounts[from], accounts[to], status == INV_OK ? "done" : invDbGetError(db),
             allowed ? "allowed" : "refused");
    }
    if (status == INV_OK)
    {
      for (int64_t n = first; n <= last; n ++)
        model[n] = to;
      moves ++;
    }
    else
      refusals ++;
    if (step % 100 == 0 && !ledger_matches_model(db))
      mismatches ++;
  }
  TEST_ASSERT(mismatches == 0);
  TEST_ASSERT(ledger_matches_model(db));
  testEndMessage(moves > 200 && refusals > 200, "%d moves, %d refusals", moves, refusals);

  testBegin("balances equal the model's counts");
  {
    bool ok = true;

    for (int a = 0; a < NACCOUNTS; a ++)
    {
      int64_t want = 0;

      for (int i = 0; i < SPACE; i ++)
        want += model[i] == a;
      ok = ok && invAccountGet(db, accounts[a], NULL, &balance) == INV_OK && balance == want;
    }
    testEnd(ok);
  }

  testBegin("a receipt overlapping an earlier one is refused, naming serial and note");
  make_list(list, 249, 260);
  invDbBegin(db);
  TEST_ASSERT(invReceive(db, "Peruri", "DN-2", list, "S2", NULL) == INV_REFUSED);
  invDbRollback(db);
  testEndMessage(strstr(invDbGetError(db), "A0249") && strstr(invDbGetError(db), "DN-1"), "%s", invDbGetError(db));

  testBegin("a receipt of new serials merges with nothing held by others");
  make_list(list, 250, 299);
  invDbBegin(db);
  TEST_ASSERT(invReceive(db, "Peruri", "DN-2", list, "S2", NULL) == INV_OK);
  invDbCommit(db);
  for (int i = 250; i < SPACE; i ++)
    model[i] = 1;
  testEnd(ledger_matches_model(db));

  testBegin("_invTakeLowest picks the lowest serials of an account");
  {
    int64_t	want = 0, got_first = -1;
    int		taken = 0;

    for (int i = 0; i < SPACE; i ++)
      if (model[i] == 1)
      {
        if (got_first < 0)
          got_first = i;
        want ++;
      }
    TEST_ASSERT(_invTakeLowest(db, "S2", 5, list) == INV_OK);
    TEST_ASSERT(invListGetSerialCount(list) == 5);
    TEST_ASSERT(invListGetRange(list, 0)->first == got_first);
    for (size_t i = 0; i < invListGetCount(list); i ++)
      for (int64_t n = invListGetRange(list, i)->first; n <= invListGetRange(list, i)->last; n ++)
        taken += model[n] == 1;
    TEST_ASSERT(taken == 5);
    TEST_ASSERT(_invTakeLowest(db, "S2", want + 1, list) == INV_REFUSED);
    testEnd(1);
  }

  testBegin("a stocktake reports missing and unexpected serials and moves nothing");
  {
    inv_list_t	*held = invListNew();
    inv_range_t	extra = { "A", 4, 9999, 9999 };

    invHoldingCopyList(db, "S2", held);
    invListClear(list);
    for (size_t i = 1; i < invListGetCount(held); i ++)	/* drop the first range */
      invListAdd(list, invListGetRange(held, i));
    invListAdd(list, &extra);
    invDbBegin(db);
    TEST_ASSERT(invCount(db, "S2", list, missing, unexpected, NULL) == INV_OK);
    invDbCommit(db);
    TEST_ASSERT(invListGetSerialCount(missing) == invRangeGetCount(invListGetRange(held, 0)));
    TEST_ASSERT(invListGetSerialCount(unexpected) == 1 && invListGetRange(unexpected, 0)->first == 9999);
    testEnd(ledger_matches_model(db));
    invListDelete(held);
  }

  testBegin("verify replays the whole ledger");
  TEST_ASSERT(invVerify(db, NULL, NULL, &result) == INV_OK);
  testEndMessage(result.serials == SPACE && result.events > (int64_t)moves, "%lld events, %lld ranges, %s",
                 (long long)result.events, (long long)result.ranges, result.problem);

  testBegin("verify's note beside the ledger: kept, 0640, read back, the ledger unchanged");
  {
    char		note[300];
    struct stat		before, after, info;
    inv_verify_last_t	last;
    bool		found = true, ok;
    char		why[300] = "";

    snprintf(note, sizeof(note), "%s.verified", path);
    invVerifyLast(path, &last, &found);
    TEST_ASSERT(!found);
    TEST_ASSERT(stat(path, &before) == 0);
    ok = invVerifyRecord(path, true, &result, why, sizeof(why));
    TEST_ASSERT(ok && stat(path, &after) == 0 && before.st_mtime == after.st_mtime && before.st_size == after.st_size);
    TEST_ASSERT(stat(note, &info) == 0 && (info.st_mode & 0777) == 0640);
    invVerifyLast(path, &last, &found);
    TEST_ASSERT(found && last.ok && last.events == result.events && !strcmp(last.head, result.head));
    result.bad_event = 7;
    TEST_ASSERT(invVerifyRecord(path, false, &result, why, sizeof(why)));
    invVerifyLast(path, &last, &found);
    TEST_ASSERT(found && !last.ok && last.bad_event == 7);
    invVerifyLast(":memory:", &last, &found);
    TEST_ASSERT(!found && invVerifyRecord(":memory:", true, &result, why, sizeof(why)));
    testEndMessage(1, "%s", why);
    unlink(note);
  }

  testBegin("days of stock left: none held 0, none used -1, else the floor at the 30 days' rate");
  TEST_ASSERT(invStockDaysLeft(0, 10) == 0 && invStockDaysLeft(-1, 0) == 0);
  TEST_ASSERT(invStockDaysLeft(5, 0) == -1);
  TEST_ASSERT(invStockDaysLeft(770, 180) == 128 && invStockDaysLeft(40, 60) == 20);
  testEnd(invStockPerDay(180) == 6.0);

  testBegin("delivery figures follow the given time: cards at a place become unclaimed after the limit");
  {
    inv_delivery_sum_t	sum;
    time_t		now = time(NULL);

    make_list(list, 1000, 1009);		/* beyond the model's serials */
    invDbBegin(db);
    TEST_ASSERT(invReceive(db, "Peruri", "DN-9", list, "S1", NULL) == INV_OK);
    TEST_ASSERT(invPlaceAdd(db, "KEC1", INV_KIND_KECAMATAN, NULL, NULL) == INV_OK);
    TEST_ASSERT(_invMove(db, "transfer", "S1", "KEC1", list, NULL, NULL, NULL) == INV_OK);
    TEST_ASSERT(invDbCommit(db) == INV_OK);
    TEST_ASSERT(invDeliverySummary(db, now, 30, 30, &sum) == INV_OK && sum.kecamatan == 10 && sum.unclaimed == 0);
    TEST_ASSERT(invDeliverySummary(db, now + 31 * 86400, 30, 30, &sum) == INV_OK);
    testEndMessage(sum.kecamatan == 10 && sum.unclaimed == 10, "31 days on: %lld at kecamatan, %lld unclaimed",
                   (long long)sum.kecamatan, (long long)sum.unclaimed);
  }

  invDbClose(db);
  invListDelete(list);
  invListDelete(missing);
  invListDelete(unexpected);
  unlink(path);
  rmdir(dir);
  return (testSummary());
}
