/*
 * Unit tests for the ledger: moves against a per-serial model, refusals
 * that change nothing, lowest-first selection, stocktakes and verify.
 */

#include "test.h"
#include "blanko/inventory.h"
#include "blanko/distribution.h"
#include "blanko/shapes.h"
#include "../../inventory/lib/ledger-private.h"	/* _invMove, _invTakeLowest: the unit under test */
#include "../../inventory/lib/db-private.h"	/* the connection, for the WAL cases */

#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
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


/* Count the cards of aged lists (an inv_aged_cb_t). */
static void
count_aged(void              *ctx,	/* I - int64_t count */
           const inv_aged_t  *aged)	/* I - Cards held since one arrival */
{
  *(int64_t *)ctx += aged->range->last - aged->range->first + 1;
}


/* Build a list of serial numbers [first, last] of series A, width 4. */
static void
make_list(inv_list_t *list, int64_t first, int64_t last)
{
  inv_range_t r = { "A", 4, first, last };

  invListClear(list);
  invListAdd(list, &r);
}


/*
 * The WAL written in one piece per commit (db.c, issue 17): what another
 * connection on SQLite's own VFS, or a writer killed at any moment, sees.
 */

#define WAL_SERIALS	1000		/* Serials A0000 .. A0999 in the WAL cases */

typedef struct wal_watch_s		/* A reader checking from inside a COMMIT */
{
  sqlite3	*reader;		/* Connection on SQLite's default VFS */
  int64_t	total,			/* Serials held once the COMMIT is done */
		in_p1;			/* ...by P1 */
  const char	*crash;			/* Ledger to copy as a crash would leave it, or NULL */
  int		calls,			/* COMMITs watched */
		bad;			/* ...where the reader saw something else */
} wal_watch_t;


/* What a reader sees: serials held in all, held by P1, the last event;
 * false when it cannot read (a frame published but not in the file). */
static bool
wal_reader_sees(sqlite3 *reader,	/* I - Connection */
                int64_t *total,		/* O - Serials held */
                int64_t *in_p1,		/* O - Serials P1 holds */
                int64_t *last_event)	/* O - Last event id */
{
  sqlite3_stmt	*st;
  bool		ok;

  if (sqlite3_prepare_v2(reader, "SELECT (SELECT coalesce(sum(last - first + 1), 0) FROM holding),"
                         " (SELECT coalesce(sum(h.last - h.first + 1), 0) FROM holding h"
                         "  JOIN account a ON a.id = h.account_id WHERE a.code = 'P1'),"
                         " (SELECT coalesce(max(id), 0) FROM event)", -1, &st, NULL) != SQLITE_OK)
    return (false);
  if ((ok = sqlite3_step(st) == SQLITE_ROW))
  {
    *total = sqlite3_column_int64(st, 0);
    *in_p1 = sqlite3_column_int64(st, 1);
    *last_event = sqlite3_column_int64(st, 2);
  }
  sqlite3_finalize(st);
  return (ok);
}


static bool	wal_crash_copy_sees(const char *path, sqlite3 *reader, bool exact);


/* A WAL hook in place of db.c's: it runs inside the COMMIT, once its
 * frames are in the shared index, so the reader (and a crash's copy) must
 * find them in the file already.  It checkpoints as db.c's does. */
static int
wal_watch(void       *ctx,		/* I - wal_watch_t */
          sqlite3    *sql,		/* I - Writer's connection */
          const char *name,		/* I - Database name */
          int        frames)		/* I - Frames in the WAL */
{
  wal_watch_t	*w = ctx;
  int64_t	total = 0, in_p1 = 0, last = 0;

  w->calls ++;
  if (!wal_reader_sees(w->reader, &total, &in_p1, &last) || total != w->total || in_p1 != w->in_p1)
  {
    if (!w->bad ++)
      printf("  inside COMMIT %d the reader saw %lld serials, %lld in P1 (%s)\n", w->calls, (long long)total,
             (long long)in_p1, sqlite3_errmsg(w->reader));
  }
  else if (w->crash && !wal_crash_copy_sees(w->crash, w->reader, true))
    w->bad ++;
  if (frames >= 1000)
    sqlite3_wal_checkpoint_v2(sql, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  return (SQLITE_OK);
}


/* Move one serial in its own transaction; the event, 0 if refused. */
static int64_t
wal_move(inv_db_t   *db,		/* I - Ledger */
         const char *from,		/* I - Source */
         const char *to)		/* I - Destination */
{
  inv_list_t	*moved = invListNew();
  int64_t	event = 0;

  if (invDbBegin(db) != INV_OK)
    event = 0;
  else if (invTransferCount(db, from, to, 1, moved, &event) != INV_OK)
  {
    invDbRollback(db);
    event = 0;
  }
  else if (invDbCommit(db) != INV_OK)
    event = 0;
  invListDelete(moved);
  return (event);
}


/* Receive n single serials two apart from first, in the open transaction:
 * n holding rows, enough pages to spill a small cache. */
static inv_status_t
wal_receive_scattered(inv_db_t   *db,	/* I - Ledger */
                      const char *ref,	/* I - Delivery note */
                      int64_t    first,	/* I - First serial */
                      int        n)	/* I - How many */
{
  inv_list_t	*list = invListNew();
  inv_status_t	status;

  for (int i = 0; i < n; i ++)
  {
    inv_range_t r = { "B", 6, first + 2 * i, first + 2 * i };

    invListAdd(list, &r);
  }
  status = invReceive(db, "Peruri", ref, list, "S1", NULL);
  invListDelete(list);
  return (status);
}


/* Does verify pass on a fresh handle, and does the ledger hold total serials? */
static bool
wal_verify(const char *path,		/* I - Ledger */
           int64_t    total)		/* I - Serials it must hold */
{
  inv_db_t	*db = NULL;
  inv_verify_t	result;
  bool		ok;

  memset(&result, 0, sizeof(result));
  ok = invDbOpen(path, 0, &db) == INV_OK && invVerify(db, NULL, NULL, &result) == INV_OK && !result.problem[0] &&
       result.serials == total;
  if (!ok)
    printf("  verify: %s %s (%lld serials)\n", invDbGetError(db), result.problem, (long long)result.serials);
  invDbClose(db);
  return (ok);
}


/* What a crash now would leave: the ledger and its WAL copied (not the
 * shared index, so SQLite recovers the WAL, checking every frame's
 * checksum), opened on SQLite's own VFS: does it hold what the reader
 * sees (exact), or at least its events (a writer killed between writing
 * a commit and publishing it leaves one more)? */
static bool
wal_crash_copy_sees(const char *path,	/* I - Ledger */
                    sqlite3    *reader,	/* I - Connection on the ledger */
                    bool       exact)	/* I - The same, not at least */
{
  char		copy[272], from[272], to[300];
  sqlite3	*sql = NULL;
  int64_t	total[2] = { 0, 1 }, in_p1[2] = { 0, 1 }, last[2] = { 0, 1 };
  bool		ok;

  snprintf(copy, sizeof(copy), "%s.copy", path);
  snprintf(from, sizeof(from), "%s-wal", path);
  snprintf(to, sizeof(to), "%s-wal", copy);
  unlink(to);
  snprintf(to, sizeof(to), "%s-shm", copy);
  unlink(to);
  snprintf(to, sizeof(to), "%s-wal", copy);
  ok = testCopyFile(path, copy) && (access(from, F_OK) || testCopyFile(from, to)) &&
       sqlite3_open_v2(copy, &sql, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
       wal_reader_sees(sql, total, in_p1, last) && wal_reader_sees(reader, total + 1, in_p1 + 1, last + 1) &&
       total[0] == total[1] && (exact ? in_p1[0] == in_p1[1] && last[0] == last[1] : last[0] >= last[1]);
  if (!ok)
    printf("  the copy holds %lld serials, %lld in P1, events to %lld; the ledger %lld, %lld, %lld\n",
           (long long)total[0], (long long)in_p1[0], (long long)last[0], (long long)total[1], (long long)in_p1[1],
           (long long)last[1]);
  sqlite3_close(sql);
  unlink(copy);
  unlink(to);
  snprintf(to, sizeof(to), "%s-shm", copy);
  unlink(to);
  return (ok);
}


/* The WAL cases, on their own ledger in dir. */
static void
wal_cases(const char *dir)		/* I - Scratch folder */
{
  char		path[256];
  inv_db_t	*db = NULL, *other = NULL;
  inv_list_t	*list = invListNew();
  sqlite3	*reader = NULL;
  wal_watch_t	watch;
  int64_t	total = 0, in_p1 = 0, last = 0, event, acked, extra = 0;
  int		seen = 0;

  snprintf(path, sizeof(path), "%s/wal.db", dir);
  testBegin("WAL: a ledger of %d serials, a reader on SQLite's own VFS", WAL_SERIALS);
  TEST_ASSERT(invDbOpen(path, INV_OPEN_CREATE, &db) == INV_OK);
  invDbSetActor(db, "tester", NULL);
  TEST_ASSERT(invInit(db, "tester") == INV_OK);
  TEST_ASSERT(invLocationAdd(db, "S1", INV_KIND_STORE, NULL) == INV_OK);
  TEST_ASSERT(invLocationAdd(db, "P1", INV_KIND_PRINTROOM, NULL) == INV_OK);
  make_list(list, 0, WAL_SERIALS - 1);
  TEST_ASSERT(invReceive(db, "Peruri", "DN-W", list, "S1", NULL) == INV_OK);
  TEST_ASSERT(invDbCommit(db) == INV_OK);
  TEST_ASSERT(sqlite3_open_v2(path, &reader, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK);
  sqlite3_busy_timeout(reader, 5000);
  testEnd(wal_reader_sees(reader, &total, &in_p1, &last) && total == WAL_SERIALS && in_p1 == 0);

  testBegin("WAL: 400 single moves, each seen by the reader inside its COMMIT and after it");
  memset(&watch, 0, sizeof(watch));
  watch.reader = reader;
  watch.total = WAL_SERIALS;
  sqlite3_wal_hook(db->sql, wal_watch, &watch);
  for (int i = 0; i < 400; i ++)
  {
    watch.in_p1 = i + 1;
    TEST_ASSERT((event = wal_move(db, "S1", "P1")) > 0);
    TEST_ASSERT(wal_reader_sees(reader, &total, &in_p1, &last) && total == WAL_SERIALS && in_p1 == i + 1 &&
                last == event);
  }
  TEST_ASSERT(wal_crash_copy_sees(path, reader, true));
  testEndMessage(watch.calls == 400 && watch.bad == 0, "%d COMMITs watched, %d wrong", watch.calls, watch.bad);
  invDbClose(db);			/* and db.c's WAL hook back, on a new handle */
  db = NULL;

  testBegin("WAL: a transaction spilling a small cache, a checkpoint before its COMMIT");
  TEST_ASSERT(invDbOpen(path, 0, &db) == INV_OK);
  invDbSetActor(db, "tester", NULL);
  sqlite3_exec(db->sql, "PRAGMA cache_size = 8", NULL, NULL, NULL);
  memset(&watch, 0, sizeof(watch));
  watch.reader = reader;
  watch.total = WAL_SERIALS + 3000;
  watch.in_p1 = 400 + 1500;
  watch.crash = path;
  sqlite3_wal_hook(db->sql, wal_watch, &watch);
  TEST_ASSERT(invDbBegin(db) == INV_OK);
  TEST_ASSERT(wal_receive_scattered(db, "DN-S1", 100000, 3000) == INV_OK);
  TEST_ASSERT(sqlite3_wal_checkpoint_v2(reader, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL) == SQLITE_OK);
  TEST_ASSERT(invTransferCount(db, "S1", "P1", 1500, list, NULL) == INV_OK);	/* pages spilled, written again */
  TEST_ASSERT(invDbCommit(db) == INV_OK);
  extra += 3000;
  TEST_ASSERT(wal_reader_sees(reader, &total, &in_p1, &last) && total == WAL_SERIALS + extra && in_p1 == 400 + 1500);
  TEST_ASSERT(wal_crash_copy_sees(path, reader, true));
  TEST_ASSERT(watch.calls == 1 && watch.bad == 0);
  sqlite3_wal_hook(db->sql, NULL, NULL);
  testEnd(wal_verify(path, WAL_SERIALS + extra));

  testBegin("WAL: a spilled transaction rolled back, another handle's commits, then this one's");
  TEST_ASSERT(sqlite3_wal_checkpoint_v2(reader, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) == SQLITE_OK);
  TEST_ASSERT(invDbBegin(db) == INV_OK);	/* a new WAL: page 1 read back from the ledger, not the WAL */
  TEST_ASSERT(wal_receive_scattered(db, "DN-S2", 200000, 1000) == INV_OK);
  TEST_ASSERT(sqlite3_exec(db->sql, "CREATE TABLE scratch(x); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1"
                           " FROM c WHERE i < 100) INSERT INTO scratch SELECT randomblob(3000) FROM c",
                           NULL, NULL, NULL) == SQLITE_OK);	/* new pages spilled, never read back */
  invDbRollback(db);
  TEST_ASSERT(invDbOpen(path, 0, &other) == INV_OK);
  invDbSetActor(other, "tester", NULL);
  for (int i = 0; i < 30; i ++)
    TEST_ASSERT(wal_move(other, "P1", "S1") > 0);
  TEST_ASSERT((event = wal_move(db, "S1", "P1")) > 0);
  TEST_ASSERT(wal_reader_sees(reader, &total, &in_p1, &last) && total == WAL_SERIALS + extra &&
              in_p1 == 400 + 1500 - 30 + 1 && last == event);
  TEST_ASSERT(wal_crash_copy_sees(path, reader, true));
  invDbClose(other);
  testEnd(wal_verify(path, WAL_SERIALS + extra));
  invDbClose(db);
  db = NULL;

  testBegin("WAL: a writer killed (SIGKILL) 25 times among its moves keeps every move it reported");
  srand(17);
  for (int round = 0; round < 25; round ++)
  {
    int		fds[2], status;
    pid_t	pid;
    int64_t	got = 0;

    TEST_ASSERT(pipe(fds) == 0);
    if ((pid = fork()) == 0)
    {
      inv_db_t *w = NULL;

      close(fds[0]);
      if (invDbOpen(path, 0, &w) != INV_OK)
        _exit(1);
      invDbSetActor(w, "tester", NULL);
      for (int i = 0; ; i ++)
      {
        int64_t e = wal_move(w, i % 2 ? "P1" : "S1", i % 2 ? "S1" : "P1");

        if (!e || write(fds[1], &e, sizeof(e)) != (ssize_t)sizeof(e))
          _exit(1);
      }
    }
    close(fds[1]);
    acked = 0;
    for (int want = 1 + rand() % 40; got < want && read(fds[0], &event, sizeof(event)) == (ssize_t)sizeof(event); got ++)
      acked = event;
    if (pid > 0)
    {
      if (rand() % 2)
        usleep((useconds_t)(rand() % 3000));	/* mid-move, or just after an answer */
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
    close(fds[0]);
    TEST_ASSERT(acked > 0);
    TEST_ASSERT(wal_reader_sees(reader, &total, &in_p1, &last) && total == WAL_SERIALS + extra && last >= acked);
    if (last >= acked && acked > 0)
      seen ++;
  }
  TEST_ASSERT(wal_crash_copy_sees(path, reader, false));
  TEST_ASSERT(wal_verify(path, WAL_SERIALS + extra));
  testEndMessage(seen == 25, "%d of 25 rounds kept every move reported", seen);

  sqlite3_close(reader);
  invListDelete(list);
  for (const char *end = ""; end; end = !*end ? "-wal" : !strcmp(end, "-wal") ? "-shm" : NULL)
  {
    char name[300];

    snprintf(name, sizeof(name), "%s%s", path, end);
    unlink(name);
  }
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

  testBegin("cards returned as unclaimed are ready to be made invalid after the limit, at the given time");
  {
    time_t	now = time(NULL);
    int64_t	early = 0, late = 0;

    invDbBegin(db);
    TEST_ASSERT(invReturn(db, list, "unclaimed", NULL) == INV_OK);
    TEST_ASSERT(invDbCommit(db) == INV_OK);
    TEST_ASSERT(invUnclaimedExpired(db, 30, now, count_aged, &early) == INV_OK);
    TEST_ASSERT(invUnclaimedExpired(db, 30, now + 31 * 86400, count_aged, &late) == INV_OK);
    testEndMessage(early == 0 && late == 10, "now %lld, 31 days on %lld", (long long)early, (long long)late);
  }

  invDbClose(db);
  wal_cases(dir);
  invListDelete(list);
  invListDelete(missing);
  invListDelete(unexpected);
  unlink(path);
  rmdir(dir);
  return (testSummary());
}
