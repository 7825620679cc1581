/*
 * Benchmark of the ledger against the naive design (one SQLite row per
 * serial), doing the same work in the same run on the same machine.
 *
 *   bench-ledger DIR [EVENTS]
 *
 * With BENCH_KEEP set, the large ledger is left as DIR/bench-ledger.db.
 * Prints a Markdown report on stdout; progress on stderr.  EVENTS is the
 * size of the large ledger (default 1,000,000).  Both designs commit with
 * synchronous=FULL in WAL mode.
 */

#include "../../inventory/lib/db-private.h"			/* the raw connection, for file sizes */
#include "blanko/inventory.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>


static double
now(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (ts.tv_sec + ts.tv_nsec / 1e9);
}


/* CPU time of this process so far (user + system), seconds. */
static double
cpu(void)
{
  struct rusage ru;

  getrusage(RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
}


static void
die(const char *what, const char *why)
{
  fprintf(stderr, "bench-ledger: %s: %s\n", what, why);
  exit(1);
}


/* Bytes of a ledger file after a checkpoint (WAL folded in). */
static int64_t
file_bytes(sqlite3 *sql, const char *path)
{
  struct stat info;

  sqlite3_wal_checkpoint_v2(sql, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return (stat(path, &info) ? -1 : (int64_t)info.st_size);
}


static void
must(inv_db_t *db, inv_status_t status, const char *what)
{
  if (status != INV_OK)
    die(what, invDbGetError(db));
}


/* A list of one range KTP<10 digits>. */
static void
one_range(inv_list_t *list, int64_t first, int64_t last)
{
  inv_range_t r = { "KTP", 10, first, last };

  invListClear(list);
  invListAdd(list, &r);
}


/* Make a new ledger with one store and two print rooms. */
static inv_db_t *
ledger_new(const char *path)
{
  inv_db_t *db;

  unlink(path);
  if (invDbOpen(path, INV_OPEN_CREATE, &db) != INV_OK)
    die(path, invDbGetError(db));
  invDbSetActor(db, "bench", NULL);
  must(db, invInit(db, "bench"), "init");
  must(db, invLocationAdd(db, "STORE", INV_KIND_STORE, NULL), "location");
  must(db, invLocationAdd(db, "ROOM1", INV_KIND_PRINTROOM, NULL), "location");
  must(db, invLocationAdd(db, "ROOM2", INV_KIND_PRINTROOM, NULL), "location");
  must(db, invDbCommit(db), "commit");
  return (db);
}


/*
 * The naive design: one row per serial, one log row per serial moved.
 */

static sqlite3 *
naive_new(const char *path,		/* I - File */
          int        page_size)		/* I - Page size, 0 for SQLite's default */
{
  sqlite3	*sql;
  char		pragma[64];

  unlink(path);
  if (sqlite3_open(path, &sql) != SQLITE_OK)
    die(path, sqlite3_errmsg(sql));
  if (page_size)
  {
    snprintf(pragma, sizeof(pragma), "PRAGMA page_size = %d", page_size);
    sqlite3_exec(sql, pragma, NULL, NULL, NULL);
  }
  sqlite3_exec(sql, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
               "CREATE TABLE serial(number INTEGER PRIMARY KEY, account TEXT NOT NULL);"
               "CREATE INDEX serial_account ON serial(account);"
               "CREATE TABLE log(id INTEGER PRIMARY KEY, number INTEGER NOT NULL, src TEXT, dst TEXT, time TEXT);"
               "CREATE INDEX log_number ON log(number);", NULL, NULL, NULL);
  return (sql);
}


static sqlite3_stmt *
prep(sqlite3 *sql, const char *text)
{
  sqlite3_stmt *st;

  if (sqlite3_prepare_v2(sql, text, -1, &st, NULL) != SQLITE_OK)
    die(text, sqlite3_errmsg(sql));
  return (st);
}


/* Move one serial in the naive design: check, update, log. */
static void
naive_move(sqlite3 *sql, sqlite3_stmt *check, sqlite3_stmt *update, sqlite3_stmt *log, int64_t n,
           const char *from, const char *to)
{
  sqlite3_bind_int64(check, 1, n);
  if (sqlite3_step(check) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(check, 0), from))
    die("naive move", "not held");
  sqlite3_reset(check);
  sqlite3_bind_text(update, 1, to, -1, SQLITE_STATIC);
  sqlite3_bind_int64(update, 2, n);
  sqlite3_step(update);
  sqlite3_reset(update);
  sqlite3_bind_int64(log, 1, n);
  sqlite3_bind_text(log, 2, from, -1, SQLITE_STATIC);
  sqlite3_bind_text(log, 3, to, -1, SQLITE_STATIC);
  sqlite3_step(log);
  sqlite3_reset(log);
  (void)sql;
}


/* The naive design's receipt of the shipment: a row and a log row a serial. */
static void
naive_receive(sqlite3 *naive)		/* I - Naive database */
{
  sqlite3_stmt *ins = prep(naive, "INSERT INTO serial(number, account) VALUES(?1, 'STORE')");
  sqlite3_stmt *lg = prep(naive, "INSERT INTO log(number, src, dst, time) VALUES(?1, 'supplier', 'STORE', datetime())");

  sqlite3_exec(naive, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  for (int64_t n = 1000000; n <= 1999999; n ++)
  {
    sqlite3_bind_int64(ins, 1, n);
    sqlite3_step(ins);
    sqlite3_reset(ins);
    sqlite3_bind_int64(lg, 1, n);
    sqlite3_step(lg);
    sqlite3_reset(lg);
  }
  sqlite3_exec(naive, "COMMIT", NULL, NULL, NULL);
  sqlite3_finalize(ins);
  sqlite3_finalize(lg);
}


/* The naive design's single-serial moves, each its own transaction, as
 * the ledger's in section 2: wall and CPU seconds. */
static void
naive_single_moves(sqlite3 *naive,	/* I - Naive database, received */
                   int64_t moves,	/* I - How many */
                   double  *wall,	/* O - Wall seconds */
                   double  *cpu_s)	/* O - CPU seconds */
{
  sqlite3_stmt	*check = prep(naive, "SELECT account FROM serial WHERE number = ?1"),
		*update = prep(naive, "UPDATE serial SET account = ?1 WHERE number = ?2"),
		*logst = prep(naive, "INSERT INTO log(number, src, dst, time) VALUES(?1, ?2, ?3, datetime())");
  double	t = now(), c = cpu();

  for (int64_t i = 0; i < moves; i ++)
  {
    sqlite3_exec(naive, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    naive_move(naive, check, update, logst, 1000000 + 3 * i, "STORE", "ROOM1");
    sqlite3_exec(naive, "COMMIT", NULL, NULL, NULL);
  }
  *wall = now() - t;
  *cpu_s = cpu() - c;
  sqlite3_finalize(check);
  sqlite3_finalize(update);
  sqlite3_finalize(logst);
}


static void
count_account(void *ctx, const inv_account_t *a)
{
  *(int64_t *)ctx += a->balance;
}

static void
count_movement(void *ctx, const inv_movement_t *m)
{
  (void)m;
  (*(int *)ctx) ++;
}


/* "N× faster" or "N× slower": ours against theirs (costs, lower is better). */
static const char *
ratio(double ours, double theirs)
{
  static char	bufs[8][64];
  static int	next = 0;
  char		*buf = bufs[next ++ % 8];

  if (ours <= theirs)
    snprintf(buf, 64, "%.*f× faster", theirs / ours < 10 ? 2 : 0, theirs / ours);
  else
    snprintf(buf, 64, "%.*f× slower", ours / theirs < 10 ? 2 : 0, ours / theirs);
  return (buf);
}


/* Median of n timings (sorts them). */
static int
cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x < y ? -1 : x > y);
}

static double
median(double *t, int n)
{
  qsort(t, (size_t)n, sizeof(double), cmp_double);
  return (t[n / 2]);
}


int
main(int  argc,
     char *argv[])
{
  char		path[1024], npath[1024];
  const char	*dir = argc > 1 ? argv[1] : "/tmp";
  int64_t	events = argc > 2 ? atoll(argv[2]) : 1000000;
  int64_t	stride = 20, sparse = events / 20, passes = (events - sparse) / sparse;
  inv_db_t	*db;
  sqlite3	*naive;
  inv_list_t	*list = invListNew();
  inv_verify_t	vr;
  double	t, t_receive, t_moves, n_receive, n_moves, t_stock[21], t_hist[21], n_stock[21], n_hist[21],
		t_verify, n_verify, t_build, c_moves, c_naive;
  int64_t	before, after, n_before, n_after, moves = getenv("BENCH_MOVES") ? atoll(getenv("BENCH_MOVES")) : 100000;
  sqlite3_stmt	*check, *update, *logst;

  /*
   * 1. One shipment of 1,000,000 serials.
   */

  snprintf(path, sizeof(path), "%s/bench-ledger.db", dir);
  snprintf(npath, sizeof(npath), "%s/bench-naive.db", dir);
  db = ledger_new(path);
  before = file_bytes(db->sql, path);
  one_range(list, 1000000, 1999999);
  t = now();
  must(db, invDbBegin(db), "begin");
  must(db, invReceive(db, "Peruri", "SJ-1", list, "STORE", NULL), "receive");
  must(db, invDbCommit(db), "commit");
  t_receive = now() - t;
  after = file_bytes(db->sql, path);

  naive = naive_new(npath, 0);
  n_before = file_bytes(naive, npath);
  t = now();
  naive_receive(naive);
  n_receive = now() - t;
  n_after = file_bytes(naive, npath);
  fprintf(stderr, "receive: %.1f ms (naive %.1f ms)\n", t_receive * 1e3, n_receive * 1e3);

  /*
   * 2. 100,000 single-serial moves, each its own transaction.
   */

  t = now();
  c_moves = cpu();
  for (int64_t i = 0; i < moves; i ++)
  {
    one_range(list, 1000000 + 3 * i, 1000000 + 3 * i);
    must(db, invDbBegin(db), "begin");
    must(db, invTransfer(db, "STORE", "ROOM1", list, NULL), "move");
    must(db, invDbCommit(db), "commit");
  }
  t_moves = now() - t;
  c_moves = cpu() - c_moves;

  naive_single_moves(naive, moves, &n_moves, &c_naive);
  sqlite3_close(naive);
  fprintf(stderr, "moves: %.0f/s (naive %.0f/s)\n", moves / t_moves, moves / n_moves);
  if (argc > 3 && !strcmp(argv[3], "moves"))
  {
    // bench-ledger DIR EVENTS moves: the single moves only, one line:
    // moves/s, the naive design's, then CPU microseconds per move of each;
    // then the naive design with the ledger's 1 kB pages (db.c): its
    // moves/s and CPU microseconds per move.
    double n1_moves, c_naive1;

    naive = naive_new(npath, 1024);
    naive_receive(naive);
    naive_single_moves(naive, moves, &n1_moves, &c_naive1);
    sqlite3_close(naive);
    printf("%.0f %.0f %.1f %.1f %.0f %.1f\n", moves / t_moves, moves / n_moves, c_moves / moves * 1e6,
           c_naive / moves * 1e6, moves / n1_moves, c_naive1 / moves * 1e6);
    invDbClose(db);
    return (0);
  }
  invDbClose(db);

  /*
   * 3. A ledger of EVENTS events with ~100,000 fragmented ranges: every
   * 20th serial of a shipment goes to ROOM1, then those serials go back
   * and forth between the print rooms.  Built in batches of 10,000 moves
   * per transaction (the work is the same; only the fsyncs are fewer).
   */

  db = ledger_new(path);
  naive = naive_new(npath, 0);
  check = prep(naive, "SELECT account FROM serial WHERE number = ?1");
  update = prep(naive, "UPDATE serial SET account = ?1 WHERE number = ?2");
  logst = prep(naive, "INSERT INTO log(number, src, dst, time) VALUES(?1, ?2, ?3, datetime())");
  t = now();
  one_range(list, 0, sparse * stride - 1);
  must(db, invDbBegin(db), "begin");
  must(db, invReceive(db, "Peruri", "SJ-1", list, "STORE", NULL), "receive");
  for (int64_t e = 0, pass = -1; pass < passes; pass ++)
  {
    const char *from = pass < 0 ? "STORE" : pass % 2 ? "ROOM2" : "ROOM1";
    const char *to = pass < 0 ? "ROOM1" : pass % 2 ? "ROOM1" : "ROOM2";

    for (int64_t i = 0; i < sparse; i ++, e ++)
    {
      one_range(list, i * stride, i * stride);
      must(db, invTransfer(db, from, to, list, NULL), "move");
      if (e % 10000 == 9999)
      {
        must(db, invDbCommit(db), "commit");
        must(db, invDbBegin(db), "begin");
        if (isatty(STDERR_FILENO))
          fprintf(stderr, "\rbuilding: %" PRId64 " events", e + 1);
      }
    }
  }
  must(db, invDbCommit(db), "commit");
  t_build = now() - t;
  fprintf(stderr, "%sbuilt %" PRId64 " events in %.1f s\n", isatty(STDERR_FILENO) ? "\r" : "", events, t_build);

  {
    sqlite3_stmt *ins = prep(naive, "INSERT INTO serial(number, account) VALUES(?1, 'STORE')");

    sqlite3_exec(naive, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    for (int64_t n = 0; n < sparse * stride; n ++)
    {
      sqlite3_bind_int64(ins, 1, n);
      sqlite3_step(ins);
      sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    for (int64_t e = 0, pass = -1; pass < passes; pass ++)
    {
      const char *from = pass < 0 ? "STORE" : pass % 2 ? "ROOM2" : "ROOM1";
      const char *to = pass < 0 ? "ROOM1" : pass % 2 ? "ROOM1" : "ROOM2";

      for (int64_t i = 0; i < sparse; i ++, e ++)
      {
        naive_move(naive, check, update, logst, i * stride, from, to);
        if (e % 10000 == 9999)
        {
          sqlite3_exec(naive, "COMMIT; BEGIN IMMEDIATE", NULL, NULL, NULL);
        }
      }
    }
    sqlite3_exec(naive, "COMMIT", NULL, NULL, NULL);
  }

  /* stock and history: median of 21 runs each, serials spread over the ledger. */
  for (int k = 0; k < 21; k ++)
  {
    int64_t	total = 0;
    int		found = 0;
    char	serial[32];

    t = now();
    must(db, invAccountList(db, count_account, &total), "stock");
    t_stock[k] = now() - t;
    snprintf(serial, sizeof(serial), "KTP%010" PRId64, (k * 7919 % sparse) * stride);
    t = now();
    must(db, invHistory(db, serial, count_movement, &found), "history");
    t_hist[k] = now() - t;
    if (found != passes + 2)
      die("history", "wrong number of movements");
  }
  for (int k = 0; k < 21; k ++)
  {
    sqlite3_stmt *st = prep(naive, "SELECT account, count(*) FROM serial GROUP BY account");
    int rows = 0;

    t = now();
    while (sqlite3_step(st) == SQLITE_ROW)
      rows ++;
    n_stock[k] = now() - t;
    sqlite3_finalize(st);
    st = prep(naive, "SELECT id, src, dst, time FROM log WHERE number = ?1 ORDER BY id");
    sqlite3_bind_int64(st, 1, (k * 7919 % sparse) * stride);
    t = now();
    rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
      rows ++;
    n_hist[k] = now() - t;
    sqlite3_finalize(st);
  }

  t = now();
  if (invVerify(db, NULL, NULL, &vr) != INV_OK)
    die("verify", vr.problem[0] ? vr.problem : invDbGetError(db));
  t_verify = now() - t;

  /* The naive verify: replay the log per serial and compare with the table. */
  t = now();
  {
    sqlite3_stmt *st = prep(naive, "SELECT l.number, l.src, l.dst, s.account FROM log l JOIN serial s ON s.number = l.number "
                                   "ORDER BY l.number, l.id");
    int64_t last = -1, bad = 0;
    char holder[16] = "";

    while (sqlite3_step(st) == SQLITE_ROW)
    {
      int64_t n = sqlite3_column_int64(st, 0);

      if (n != last)
        snprintf(holder, sizeof(holder), "STORE");
      if (strcmp(holder, (const char *)sqlite3_column_text(st, 1)))
        bad ++;
      snprintf(holder, sizeof(holder), "%s", (const char *)sqlite3_column_text(st, 2));
      last = n;
    }
    sqlite3_finalize(st);
    if (bad)
      die("naive verify", "mismatch");
  }
  n_verify = now() - t;

  {
    double	ms = median(t_stock, 21) * 1e3, hs = median(t_hist, 21) * 1e3;
    double	nms = median(n_stock, 21) * 1e3, nhs = median(n_hist, 21) * 1e3;

    printf("| work | blanko (ranges) | naive (row per serial) | blanko against naive | goal |\n");
    printf("|---|---|---|---|---|\n");
    printf("| receive 1,000,000 serials, one shipment | %.2f ms | %.0f ms | %s | < 50 ms |\n", t_receive * 1e3,
           n_receive * 1e3, ratio(t_receive, n_receive));
    printf("| database growth for that shipment | %" PRId64 " bytes | %.1f MB | %s | < 10 KB |\n",
           after - before, (n_after - n_before) / 1e6,
           after - before > 0 ? ratio((double)(after - before), (double)(n_after - n_before)) : "no new page at all");
    printf("| 100,000 single-serial moves, one transaction each | %.0f moves/s | %.0f moves/s | %s | > 2,000/s |\n",
           moves / t_moves, moves / n_moves, ratio(t_moves, n_moves));
    printf("| `stock` on %" PRId64 " events, %" PRId64 " ranges (median of 21) | %.3f ms | %.1f ms | %s | < 10 ms |\n",
           vr.events, vr.ranges, ms, nms, ratio(ms, nms));
    printf("| `history` of one serial, %" PRId64 " movements (median of 21) | %.3f ms | %.3f ms | %s | < 10 ms |\n",
           passes + 2, hs, nhs, ratio(hs, nhs));
    printf("| `verify` on that ledger | %.2f s | %.2f s | %s | < 5 s |\n", t_verify, n_verify, ratio(t_verify, n_verify));
    printf("\nThe large ledger: %" PRId64 " events, %" PRId64 " holding ranges, %" PRId64 " serials; "
           "built in %.1f s (10,000 moves per transaction).  The naive verify only replays its log "
           "against its table (no hash chain), so the comparison favours it.\n",
           vr.events, vr.ranges, vr.serials, t_build);
  }

  invDbClose(db);
  sqlite3_finalize(check);
  sqlite3_finalize(update);
  sqlite3_finalize(logst);
  sqlite3_close(naive);
  invListDelete(list);
  if (!getenv("BENCH_KEEP"))		/* run-bench.sh times the programs on it */
    unlink(path);
  unlink(npath);
  return (0);
}
