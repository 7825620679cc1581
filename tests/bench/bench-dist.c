/*
 * Ledgers of printed cards for the distribution benchmark (make bench,
 * issue 14 "Scale"), built through the ledger library as the programs
 * build them, and the peers' design measured alongside.
 *
 *   bench-dist make DB CARDS KEC KEL [YEAR]
 *	A ledger DB of CARDS printed cards (requests, a printer, print jobs
 *	issued) for residents of KEC kecamatan KEC01.. with KEL kelurahan
 *	each (KEL0101..), in blocks of 25 consecutive cards per kelurahan;
 *	requests' fields {"district": KECnn, "village": KELnnmm}.  With YEAR
 *	(a year of a large city) every kelurahan's cards are then
 *	dispatched from issued and confirmed (one card per place reported
 *	missing), 60% handed to their holders (in lists of 5,000, as
 *	printctl handover --csv) and 5% returned unclaimed;
 *	the rest wait at the places.  Cards in transactions of 500 to 5,000.
 *   bench-dist csv CARDS FILE	the signed handover list of every card:
 *	serial,nik,received_date (as printctl handover --csv reads it)
 *   bench-dist peer-make PEER CARDS KEC KEL [YEAR]
 *   bench-dist peer-dispatch PEER CARDS KEC KEL	one dispatch per kecamatan
 *   bench-dist peer-arrive PEER CARDS KEC KEL	and their arrivals
 *   bench-dist peer-handover PEER FILE	the list's cards handed over, one
 *					transaction
 *   bench-dist peer-report PEER	cards by place and status
 *	The peers' design: one row per card, card(serial PRIMARY KEY, status,
 *	place, updated), updated in place, in its own SQLite file, WAL and
 *	synchronous=FULL as the ledger.  Each peer command prints the
 *	milliseconds it held the write lock on stderr.
 *
 * NIKs are made up (33 + 14 digits of the card's number); no personal data.
 */

#define BENCH_NAME "bench-dist"
#include "bench-util.h"
#include "blanko/inventory.h"
#include "blanko/distribution.h"
#include "blanko/print.h"
#include "blanko/request.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BLOCK	25			/* Consecutive cards of one kelurahan */
#define TXN	5000			/* Cards per transaction */
#define CHUNK	500			/* Requests added, then printed */


/* The place (kecamatan k, kelurahan l, from 0) of card n (from 0). */
static void
card_place(int64_t n,			/* I - Card */
           int     kec,			/* I - Kecamatan */
           int     kel,			/* I - Kelurahan each */
           int     *k,			/* O - Its kecamatan */
           int     *l)			/* O - Its kelurahan */
{
  int64_t p = (n / BLOCK) % (kec * kel);

  *k = (int)(p / kel);
  *l = (int)(p % kel);
}


/* Card n's made-up NIK. */
static void
card_nik(int64_t n,			/* I - Card */
         char    nik[17])		/* O - NIK */
{
  snprintf(nik, 17, "33%014" PRId64, (n + 1) % 100000000000000);
}


/* Card n's serial. */
static void
card_serial(int64_t n,			/* I - Card */
            char    *serial,		/* O - Serial */
            size_t  size)		/* I - Its size */
{
  snprintf(serial, size, "KTP%010" PRId64, (n + 1) % 10000000000);
}


/* The serials of kelurahan (k, l) among cards [0, cards), as ranges. */
static void
place_list(inv_list_t *list,		/* O - Serials */
           int64_t    cards,		/* I - Cards */
           int        kec,		/* I - Kecamatan */
           int        kel,		/* I - Kelurahan each */
           int        k,		/* I - This kecamatan */
           int        l)		/* I - This kelurahan */
{
  int64_t	period = (int64_t)BLOCK * kec * kel, first;

  invListClear(list);
  for (first = ((int64_t)k * kel + l) * BLOCK; first < cards; first += period)
  {
    inv_range_t r = { "KTP", 10, first + 1, (first + BLOCK < cards ? first + BLOCK : cards) };

    invListAdd(list, &r);
  }
}


/* The ledger generator. */
static int
make_ledger(const char *path,		/* I - Ledger file */
            int64_t    cards,		/* I - Printed cards */
            int        kec,		/* I - Kecamatan */
            int        kel,		/* I - Kelurahan each */
            bool       year)		/* I - Dispatch, arrive, deliver, return */
{
  inv_db_t	*db;
  inv_list_t	*list = invListNew(), *missing = invListNew();
  inv_range_t	all = { "KTP", 10, 1, cards };
  char		code[32], parent[32], fields[96], nik[17], serial[32], ref[32], expected[64];
  inv_import_t	import = { 0, 0, 0, 0, 0, "ktp-el", "00", NULL };
  bool		match, found;
  double	t0 = benchSeconds();
  int64_t	n, id;

  db = benchCreate(path, "GUDANG");
  benchMust(db, invLocationAdd(db, "RC1", INV_KIND_PRINTROOM, NULL), "location");
  for (int k = 0; k < kec; k ++)
  {
    snprintf(parent, sizeof(parent), "KEC%02d", k + 1);
    benchMust(db, invPlaceAdd(db, parent, INV_KIND_KECAMATAN, NULL, NULL), "place");
    for (int l = 0; l < kel; l ++)
    {
      snprintf(code, sizeof(code), "KEL%02d%02d", k + 1, l + 1);
      benchMust(db, invPlaceAdd(db, code, INV_KIND_KELURAHAN, NULL, parent), "place");
    }
  }
  invListAdd(list, &all);
  benchMust(db, invReceive(db, "Peruri", "SJ-BENCH", list, "GUDANG", NULL), "receive");
  benchMust(db, invTransfer(db, "GUDANG", "RC1", list, NULL), "transfer");
  benchMust(db, invPrinterAdd(db, "P1", "bench", "RC1"), "printer");
  benchMust(db, invPrinterLoad(db, "P1", list, NULL), "load");
  benchMust(db, invUserAdd(db, "clerk", INV_ROLE_DISTRIBUTION), "user");
  benchMust(db, invDbCommit(db), "commit");
  benchMust(db, invDbBegin(db), "begin");
  benchMust(db, invPrinterCheck(db, "P1", "KTP0000000001", &match, expected, sizeof(expected)), "check");
  benchMust(db, invDbCommit(db), "commit");

  /* The requests, then their cards printed, a chunk at a time: the next
     request to print is chosen among all pending ones (the order of
     priority and day), which a backlog of a million would make slow. */
  for (int64_t chunk = 0; chunk < cards; chunk += CHUNK)
  {
    int64_t end = chunk + CHUNK < cards ? chunk + CHUNK : cards;

    benchMust(db, invDbBegin(db), "begin");
    memset(&import, 0, sizeof(import));
    import.template_name = "ktp-el";
    import.file_sha256 = "00";
    for (n = chunk; n < end; n ++)
    {
      int		k, l;
      inv_request_new_t	r = { .nik = nik, .name = "Warga", .template_name = "ktp-el", .fields = fields };

      card_place(n, kec, kel, &k, &l);
      card_nik(n, nik);
      snprintf(fields, sizeof(fields), "{\"district\":\"KEC%02d\",\"village\":\"KEL%02d%02d\"}", k + 1, k + 1, l + 1);
      benchMust(db, invRequestAdd(db, &r, &id), "request");
      if (!import.added ++)
        import.first = id;
      import.last = id;
    }
    benchMust(db, invRequestImportRecord(db, &import, &id), "import");
    benchMust(db, invDbCommit(db), "commit");
    benchMust(db, invDbBegin(db), "begin");
    for (n = chunk; n < end; n ++)
    {
      inv_print_job_t j;

      found = false;
      benchMust(db, invPrintNext(db, "P1", &j, &found), "print");
      if (!found)
      {
        fprintf(stderr, "bench-dist: no request left to print at card %" PRId64 "\n", n);
        return (1);
      }
      benchMust(db, invPrintSubmitted(db, j.id, (int)(n % 1000000) + 1), "submitted");
      benchMust(db, invPrintIssued(db, j.id), "issued");
    }
    benchMust(db, invDbCommit(db), "commit");
    if (end % 100000 == 0)
      fprintf(stderr, "bench-dist: %" PRId64 " printed, %.1f s\n", end, benchSeconds() - t0);
  }
  fprintf(stderr, "bench-dist: %" PRId64 " cards printed in %.1f s\n", cards, benchSeconds() - t0);

  if (year)
  {
    /* Every kelurahan's cards dispatched and confirmed, one reported
       missing; 60% handed over, 5% returned unclaimed. */
    for (int k = 0; k < kec; k ++)
      for (int l = 0; l < kel; l ++)
      {
        inv_dispatch_t	d;
        inv_arrival_t	a;
        inv_list_t	*sent = invListNew();

        snprintf(code, sizeof(code), "KEL%02d%02d", k + 1, l + 1);
        snprintf(ref, sizeof(ref), "BAST-%02d%02d", k + 1, l + 1);
        place_list(list, cards, kec, kel, k, l);
        memset(&d, 0, sizeof(d));
        d.to = code;
        d.ref = ref;
        d.serials = list;
        benchMust(db, invDbBegin(db), "begin");
        benchMust(db, invDispatch(db, &d, sent, NULL), "dispatch");
        invListClear(missing);
        {
          inv_range_t r = *invListGetRange(list, 0);

          r.last = r.first;
          invListAdd(missing, &r);
        }
        invDbSetActor(db, "clerk", NULL);
        benchMust(db, invArrive(db, ref, invListGetSerialCount(sent) - 1, missing, &a), "arrive");
        invDbSetActor(db, "bench", NULL);
        benchMust(db, invDbCommit(db), "commit");
        invListDelete(sent);
      }
    fprintf(stderr, "bench-dist: dispatched and arrived, %.1f s\n", benchSeconds() - t0);
    int64_t		done = 0;
    size_t		nb = 0;
    inv_deliver_card_t	*batch = calloc(TXN, sizeof(*batch));

    if (!batch)
      return (1);
    for (n = 0; n < cards; n ++)	/* in lists of TXN, as printctl handover --csv */
    {
      inv_delivery_t d;

      if (n % BLOCK == 0 || n % 20 >= 12)	/* the missing ones, and 40% not handed over */
        continue;
      if (!nb)
        benchMust(db, invDbBegin(db), "begin");
      card_serial(n, serial, sizeof(serial));
      card_nik(n, nik);
      memset(&d, 0, sizeof(d));
      d.serial = serial;
      d.nik = nik;
      benchMust(db, invDeliverCheck(db, &d, batch + nb), "deliver");
      done ++;
      if (++ nb == TXN)
      {
        benchMust(db, invDeliverList(db, batch, nb, NULL, &id), "deliver");
        benchMust(db, invDbCommit(db), "commit");
        nb = 0;
      }
    }
    if (nb)
    {
      benchMust(db, invDeliverList(db, batch, nb, NULL, &id), "deliver");
      benchMust(db, invDbCommit(db), "commit");
    }
    free(batch);
    fprintf(stderr, "bench-dist: %" PRId64 " handed over, %.1f s\n", done, benchSeconds() - t0);
    invListClear(list);
    for (n = 0; n < cards; n ++)
    {
      inv_range_t r = { "KTP", 10, n + 1, n + 1 };

      if (n % BLOCK == 0 || n % 20 != 12)		/* 5% returned */
        continue;
      invListAdd(list, &r);
      if (invListGetCount(list) == TXN)
      {
        benchMust(db, invDbBegin(db), "begin");
        benchMust(db, invReturn(db, list, "unclaimed", &id), "return");
        benchMust(db, invDbCommit(db), "commit");
        invListClear(list);
      }
    }
    if (invListGetCount(list))
    {
      benchMust(db, invDbBegin(db), "begin");
      benchMust(db, invReturn(db, list, "unclaimed", &id), "return");
      benchMust(db, invDbCommit(db), "commit");
    }
    fprintf(stderr, "bench-dist: returned, %.1f s\n", benchSeconds() - t0);
  }
  invListDelete(list);
  invListDelete(missing);
  invDbClose(db);
  return (0);
}


/* The signed handover list of every card (serial,nik,received_date). */
static int
make_csv(int64_t    cards,		/* I - Printed cards */
         const char *path)		/* I - The list */
{
  FILE		*fp = fopen(path, "w");
  char		nik[17], serial[32];

  if (!fp)
    return (1);
  fputs("serial,nik,received_date\n", fp);
  for (int64_t n = 0; n < cards; n ++)
  {
    card_serial(n, serial, sizeof(serial));
    card_nik(n, nik);
    fprintf(fp, "%s,%s,\n", serial, nik);
  }
  return (fclose(fp) ? 1 : 0);
}


/* The peer's file, open as the ledger opens its own. */
static sqlite3 *
peer_open(const char *path)		/* I - File */
{
  sqlite3 *sql;

  if (sqlite3_open(path, &sql) != SQLITE_OK ||
      sqlite3_exec(sql, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;"
                        "CREATE TABLE IF NOT EXISTS card(serial TEXT PRIMARY KEY, status TEXT NOT NULL, "
                        "place TEXT NOT NULL, updated TEXT NOT NULL)", NULL, NULL, NULL) != SQLITE_OK)
  {
    fprintf(stderr, "bench-dist: %s: %s\n", path, sqlite3_errmsg(sql));
    exit(1);
  }
  return (sql);
}


/* Run sql on the peer or stop. */
static void
peer_exec(sqlite3 *sql, const char *text)
{
  if (sqlite3_exec(sql, text, NULL, NULL, NULL) != SQLITE_OK)
  {
    fprintf(stderr, "bench-dist: %s: %s\n", text, sqlite3_errmsg(sql));
    exit(1);
  }
}


/* A prepared statement of the peer, or stop. */
static sqlite3_stmt *
peer_prepare(sqlite3 *sql, const char *text)
{
  sqlite3_stmt *st;

  if (sqlite3_prepare_v2(sql, text, -1, &st, NULL) != SQLITE_OK)
  {
    fprintf(stderr, "bench-dist: %s: %s\n", text, sqlite3_errmsg(sql));
    exit(1);
  }
  return (st);
}


/* The peer's clock text. */
static const char *
peer_now(void)
{
  static char	buf[32];
  time_t	t = time(NULL);

  strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
  return (buf);
}


/* Step a statement that changes one card, or stop. */
static void
peer_step(sqlite3 *sql, sqlite3_stmt *st)
{
  if (sqlite3_step(st) != SQLITE_DONE)
  {
    fprintf(stderr, "bench-dist: peer: %s\n", sqlite3_errmsg(sql));
    exit(1);
  }
  sqlite3_reset(st);
}


/* The peer's cards: as make_ledger leaves them. */
static int
peer_make(const char *path, int64_t cards, int kec, int kel, bool year)
{
  sqlite3	*sql;
  sqlite3_stmt	*st;
  char		serial[32], place[32];
  int64_t	n;
  int		k, l;

  unlink(path);
  sql = peer_open(path);
  st = peer_prepare(sql, "INSERT INTO card VALUES (?, ?, ?, ?)");
  peer_exec(sql, "BEGIN IMMEDIATE");
  for (n = 0; n < cards; n ++)
  {
    const char *status = "printed";

    card_place(n, kec, kel, &k, &l);
    card_serial(n, serial, sizeof(serial));
    place[0] = '\0';
    if (year)
    {
      snprintf(place, sizeof(place), "KEL%02d%02d", k + 1, l + 1);
      status = n % BLOCK == 0 ? "transit" : n % 20 < 12 ? "delivered" : n % 20 == 12 ? "returned" : "arrived";
    }
    sqlite3_bind_text(st, 1, serial, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, place, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, peer_now(), -1, SQLITE_TRANSIENT);
    peer_step(sql, st);
    if (n % 100000 == 99999)
    {
      peer_exec(sql, "COMMIT");
      peer_exec(sql, "BEGIN IMMEDIATE");
    }
  }
  peer_exec(sql, "COMMIT");
  sqlite3_finalize(st);
  sqlite3_close(sql);
  return (0);
}


/* The peer's dispatches (to each kecamatan the printed cards of its
   residents, given by serial as the clerk's list is) or arrivals; the
   longest hold of the write lock on stderr. */
static int
peer_move(const char *path, int64_t cards, int kec, int kel, bool arrive)
{
  sqlite3	*sql = peer_open(path);
  sqlite3_stmt	*get = peer_prepare(sql, "SELECT status, place FROM card WHERE serial = ?"),
		*set = peer_prepare(sql, "UPDATE card SET status = ?, place = ?, updated = ? WHERE serial = ?");
  char		serial[32], place[32];
  double	lock = 0;

  for (int kk = 0; kk < kec; kk ++)
  {
    double	t;
    int		k, l;

    snprintf(place, sizeof(place), "KEC%02d", kk + 1);
    peer_exec(sql, "BEGIN IMMEDIATE");
    t = benchSeconds();
    for (int64_t n = 0; n < cards; n ++)
    {
      card_place(n, kec, kel, &k, &l);
      if (k != kk)
        continue;
      card_serial(n, serial, sizeof(serial));
      sqlite3_bind_text(get, 1, serial, -1, SQLITE_TRANSIENT);
      if (sqlite3_step(get) != SQLITE_ROW ||
          strcmp((const char *)sqlite3_column_text(get, 0), arrive ? "transit" : "printed"))
      {
        fprintf(stderr, "bench-dist: peer: %s is not %s\n", serial, arrive ? "in transit" : "printed");
        exit(1);
      }
      sqlite3_reset(get);
      sqlite3_bind_text(set, 1, arrive ? "arrived" : "transit", -1, SQLITE_STATIC);
      sqlite3_bind_text(set, 2, place, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(set, 3, peer_now(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(set, 4, serial, -1, SQLITE_TRANSIENT);
      peer_step(sql, set);
    }
    peer_exec(sql, "COMMIT");
    if (benchSeconds() - t > lock)
      lock = benchSeconds() - t;
  }
  sqlite3_finalize(get);
  sqlite3_finalize(set);
  sqlite3_close(sql);
  fprintf(stderr, "lock %.3f\n", lock * 1e3);
  return (0);
}


/* The peer's signed list entered: the rows of FILE, each card checked to
   be at a place and not handed over, in one transaction. */
static int
peer_handover(const char *path, const char *csv)
{
  sqlite3	*sql = peer_open(path);
  sqlite3_stmt	*get = peer_prepare(sql, "SELECT status FROM card WHERE serial = ?"),
		*set = peer_prepare(sql, "UPDATE card SET status = 'delivered', updated = ? WHERE serial = ?");
  FILE		*fp = fopen(csv, "r");
  char		line[256];
  double	t;

  if (!fp || !fgets(line, sizeof(line), fp))
    return (1);
  peer_exec(sql, "BEGIN IMMEDIATE");
  t = benchSeconds();
  while (fgets(line, sizeof(line), fp))
  {
    line[strcspn(line, ",")] = '\0';
    sqlite3_bind_text(get, 1, line, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(get) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(get, 0), "arrived"))
    {
      fprintf(stderr, "bench-dist: peer: %s is not at a place\n", line);
      exit(1);
    }
    sqlite3_reset(get);
    sqlite3_bind_text(set, 1, peer_now(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(set, 2, line, -1, SQLITE_TRANSIENT);
    peer_step(sql, set);
  }
  peer_exec(sql, "COMMIT");
  fprintf(stderr, "lock %.3f\n", (benchSeconds() - t) * 1e3);
  fclose(fp);
  sqlite3_finalize(get);
  sqlite3_finalize(set);
  sqlite3_close(sql);
  return (0);
}


/* The peer's distribution report: cards by place and status. */
static int
peer_report(const char *path)
{
  sqlite3	*sql = peer_open(path);
  sqlite3_stmt	*st = peer_prepare(sql, "SELECT place, status, count(*) FROM card GROUP BY place, status "
                                        "ORDER BY place, status");

  while (sqlite3_step(st) == SQLITE_ROW)
    printf("%s %s %lld\n", (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
           (long long)sqlite3_column_int64(st, 2));
  sqlite3_finalize(st);
  sqlite3_close(sql);
  return (0);
}


int
main(int  argc,
     char *argv[])
{
  const char	*cmd = argc > 1 ? argv[1] : "";

  if (!strcmp(cmd, "make") && argc >= 6)
    return (make_ledger(argv[2], atoll(argv[3]), atoi(argv[4]), atoi(argv[5]), argc > 6));
  if (!strcmp(cmd, "csv") && argc == 4)
    return (make_csv(atoll(argv[2]), argv[3]));
  if (!strcmp(cmd, "peer-make") && argc >= 6)
    return (peer_make(argv[2], atoll(argv[3]), atoi(argv[4]), atoi(argv[5]), argc > 6));
  if ((!strcmp(cmd, "peer-dispatch") || !strcmp(cmd, "peer-arrive")) && argc == 6)
    return (peer_move(argv[2], atoll(argv[3]), atoi(argv[4]), atoi(argv[5]), !strcmp(cmd, "peer-arrive")));
  if (!strcmp(cmd, "peer-handover") && argc == 4)
    return (peer_handover(argv[2], argv[3]));
  if (!strcmp(cmd, "peer-report") && argc == 3)
    return (peer_report(argv[2]));
  fputs("usage: bench-dist make DB CARDS KEC KEL [year] | csv CARDS FILE |\n"
        "       peer-make PEER CARDS KEC KEL [year] | peer-dispatch|peer-arrive PEER CARDS KEC KEL |\n"
        "       peer-handover PEER FILE | peer-report PEER\n", stderr);
  return (2);
}
