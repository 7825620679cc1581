/*
 * Test of the CUPS job module against the private cupsd and simulated card
 * printers of tests/lib/cups-fixture.sh.  Run by tests/t0210-cupsjob.sh, which
 * starts the fixture with queues card1 and card2 and exports
 * CUPS_FIXTURE_LIB; this program drives the fixture's control functions
 * (jam, offline, empty tray, cupsd restart) through bash.
 *
 * Card documents are made with cairo, streamed straight into the job.
 */

#include "../../printctl/cups/cupsjob.h"
#include "test.h"

#include <cups/cups.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define TIMEOUT 40.0			/* seconds for any state to be reached */

static const char *user = "blanko-test";

/* Seconds since some fixed point. */
static double
now(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (ts.tv_sec + ts.tv_nsec / 1e9);
}

/* Run fixture commands (shell function calls) in bash; 0 on success. */
static int
fixture(const char *commands)
{
  char cmd[1024];

  snprintf(cmd, sizeof(cmd), "bash -c '. \"$CUPS_FIXTURE_LIB\" && %s'", commands);
  return (system(cmd));
}

/* Run a fixture command and read the first line of its output into buf. */
static int
fixture_read(const char *commands, char *buf, size_t bufsize)
{
  char cmd[1024];
  FILE *fp;

  buf[0] = '\0';
  snprintf(cmd, sizeof(cmd), "bash -c '. \"$CUPS_FIXTURE_LIB\" && %s'", commands);
  if ((fp = popen(cmd, "r")) == NULL)
    return (-1);
  if (fgets(buf, (int)bufsize, fp))
    buf[strcspn(buf, "\n")] = '\0';
  return (pclose(fp));
}

/* cairo stream callback: straight into the CUPS job, no file. */
static cairo_status_t
write_to_doc(void *closure, const unsigned char *data, unsigned int length)
{
  return (cjDocWrite(closure, data, length) == CJ_OK ? CAIRO_STATUS_SUCCESS
                                                      : CAIRO_STATUS_WRITE_ERROR);
}

/* What to draw, and whether to fail halfway (to test abandoning a job). */
typedef struct
{
  const char *label;
  int fail_midway;
} card_t;

/* Producer: an ID-1 portrait PDF page with a label (invented data only). */
static int
produce_card(void *user_data, cj_doc_t *doc)
{
  card_t *card = user_data;
  cairo_surface_t *s;
  cairo_t *cr;
  cairo_status_t status;

  s = cairo_pdf_surface_create_for_stream(write_to_doc, doc, 53.98 / 25.4 * 72,
                                          85.6 / 25.4 * 72);
  cr = cairo_create(s);
  cairo_set_source_rgb(cr, 0.1, 0.2, 0.6);
  cairo_rectangle(cr, 8, 8, 137, 60);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, 10, 100);
  cairo_set_font_size(cr, 9);
  cairo_show_text(cr, card->label);
  cairo_show_page(cr);
  if (card->fail_midway)
  {
    /* Some bytes went out; now the renderer "fails". */
    cairo_surface_flush(s);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return (-1);
  }
  cairo_destroy(cr);
  cairo_surface_finish(s);
  status = cairo_surface_status(s);
  cairo_surface_destroy(s);
  return (status == CAIRO_STATUS_SUCCESS ? 0 : -1);
}

/* Create + send a card named `name`; returns the job id or 0. */
static int
submit(cj_printer_t *p, const char *name)
{
  card_t card = { name, 0 };
  int id = 0;

  if (cjJobCreate(p, name, &id) != CJ_OK)
  {
    printf("  create %s: %s\n", name, cjPrinterErrmsg(p));
    return (0);
  }
  if (cjJobSendDocument(p, id, produce_card, &card) != CJ_OK)
  {
    printf("  send %s: %s\n", name, cjPrinterErrmsg(p));
    return (0);
  }
  return (id);
}

/* Poll the job every 0.2 s until its outcome is `want` (and, for
   processing, its wait is `wait`), or the timeout passes. */
static int
wait_for(cj_printer_t *p, int id, cj_outcome_t want, cj_wait_t wait,
         cj_job_info_t *info)
{
  double end = now() + TIMEOUT;

  do
  {
    if (cjJobQuery(p, id, info) == CJ_OK && info->outcome == want &&
        (want != CJ_OUTCOME_PROCESSING || info->wait == wait))
      return (1);
    usleep(200000);
  }
  while (now() < end);
  printf("  job %d: %s (state %d, reasons '%s', printer '%s', message '%s')\n",
         id, cjOutcomeString(info->outcome), info->state, info->job_reasons,
         info->printer_reasons, info->message);
  return (0);
}

/* Poll until the job has left pending/processing. */
static int
wait_final(cj_printer_t *p, int id, cj_job_info_t *info)
{
  double end = now() + TIMEOUT;

  do
  {
    if (cjJobQuery(p, id, info) == CJ_OK && info->outcome != CJ_OUTCOME_PENDING &&
        info->outcome != CJ_OUTCOME_PROCESSING)
      return (1);
    usleep(200000);
  }
  while (now() < end);
  return (0);
}

/* How many documents did printer `queue` keep for job-name `name`? */
static int
kept_count(const char *queue, const char *name)
{
  char cmd[256], buf[64];

  snprintf(cmd, sizeof(cmd),
           "awk -F\"\\t\" -v n=%s \"\\$2 == n\" \"$CUPS_FIXTURE_DIR/printers/%s/kept.index\" | wc -l",
           name, queue);
  fixture_read(cmd, buf, sizeof(buf));
  return (atoi(buf));
}

/* Page size of the PDF printer `queue` kept for `name`, as "WxH" points. */
static void
kept_pdf_size(const char *queue, const char *name, char *buf, size_t bufsize)
{
  char cmd[256];

  snprintf(cmd, sizeof(cmd),
           "f=$(cups_document_for %s %s) && pdfinfo \"$f\" | "
           "awk \"/^Page size:/ { printf \\\"%%.0fx%%.0f\\\", \\$3, \\$5 }\"",
           queue, name);
  fixture_read(cmd, buf, bufsize);
}

/* Producer that, halfway through its card, tries another request on the
   connection it streams on (which must be refused), then finishes. */
typedef struct
{
  cj_printer_t *other;			/* A printer on the same connection */
  cj_status_t status;			/* What its request got */
} meddle_t;

static int
produce_meddling(void *user_data, cj_doc_t *doc)
{
  meddle_t *m = user_data;
  card_t card = { "REQ-MEDDLE", 0 };
  cj_job_info_t info;

  m->status = cjJobQuery(m->other, 1, &info);
  return (produce_card(&card, doc));
}

/* cjJobsEach callback counting jobs. */
static int
count_cb(void *user_data, int job_id, const char *job_name, int job_state)
{
  (void)job_id; (void)job_name; (void)job_state;
  (*(int *)user_data) ++;
  return (0);
}

int
main(void)
{
  cj_printer_t *p1 = NULL, *p2 = NULL, *bad = NULL, *own = NULL;
  cj_conn_t *conn;
  cj_job_info_t info;
  cj_queue_info_t q;
  cj_status_t st;
  char size[64];
  int id, id2, first_id, found, n;
  double t0;

  if (!getenv("CUPS_FIXTURE_LIB") || !getenv("CUPS_SERVER"))
  {
    puts("FAIL: run me from tests/cupsjob.sh (needs the CUPS fixture)");
    return (1);
  }

  /* card1 and card2 share one connection for the whole test; the maker's
     hold is given up at once, the printers keep it open. */
  testBegin("cjPrinterOpen2 card1 and card2 on one connection");
  TEST_ASSERT((conn = cjConnNew()) != NULL);
  TEST_ASSERT(cjPrinterOpen2(conn, "card1", user, &p1) == CJ_OK);
  TEST_ASSERT(cjPrinterOpen2(conn, "card2", user, &p2) == CJ_OK);
  cjConnDelete(conn);
  testEndMessage(1, "media %s; %s", cjPrinterMedia(p1), cjPrinterErrmsg(p1));
  if (!test_ok && test_failed)
    return (testSummary());

  testBegin("cjPrinterOpen2 of a missing queue on the shared connection");
  st = cjPrinterOpen2(conn, "no-such-queue", user, &bad);
  testEndMessage(st == CJ_NOT_FOUND && cjPrinterErrmsg(bad)[0], "%s", cjPrinterErrmsg(bad));
  cjPrinterClose(bad);

  testBegin("the other printers on that connection still work");
  TEST_ASSERT(cjPrinterQuery(p1, &q) == CJ_OK);
  testEnd(cjPrinterQuery(p2, &q) == CJ_OK);

  testBegin("cjPrinterOpen of a missing queue, on a connection of its own");
  st = cjPrinterOpen("no-such-queue", user, &bad);
  testEndMessage(st == CJ_NOT_FOUND && cjPrinterErrmsg(bad)[0], "%s", cjPrinterErrmsg(bad));
  cjPrinterClose(bad);

  testBegin("cjPrinterOpen card1 on a connection of its own");
  TEST_ASSERT(cjPrinterOpen("card1", user, &own) == CJ_OK);
  testEndMessage(cjPrinterQuery(own, &q) == CJ_OK, "%s", cjPrinterErrmsg(own));
  cjPrinterClose(own);

  testBegin("cjPrinterQuery of an idle queue");
  st = cjPrinterQuery(p1, &q);
  testEndMessage(st == CJ_OK && q.state == IPP_PSTATE_IDLE && q.accepting,
                 "state %d, accepting %d, reasons %s", q.state, q.accepting, q.reasons);

  /* ---- A card prints ---- */
  testBegin("create, send, follow a card to completed");
  t0 = now();
  first_id = id = submit(p1, "REQ-1001");
  TEST_ASSERT(id > 0);
  TEST_ASSERT(wait_for(p1, id, CJ_OUTCOME_COMPLETED, CJ_WAIT_NONE, &info));
  TEST_ASSERT(!strcmp(info.name, "REQ-1001"));
  testEndMessage(1, "job %d, %.2f s", id, now() - t0);

  testBegin("the printer kept one ID-1 PDF for it");
  kept_pdf_size("card1", "REQ-1001", size, sizeof(size));
  TEST_ASSERT(kept_count("card1", "REQ-1001") == 1);
  testEndMessage(!strcmp(size, "153x243"), "page %s pt", size);

  /* ---- Failures ---- */
  testBegin("jam: failed with reason media-jam");
  fixture("cups_printer_fail_next card1 jam");
  id = submit(p1, "REQ-JAM");
  TEST_ASSERT(wait_final(p1, id, &info));
  /* Mostly canceled ("Print job canceled at printer."), but the ipp
     backend sometimes reports the aborted job completed: then suspect. */
  testEndMessage((info.outcome == CJ_OUTCOME_FAILED || info.outcome == CJ_OUTCOME_SUSPECT) &&
                 !strcmp(info.reason, "media-jam"),
                 "%s/%s: state %d, reasons '%s', printer '%s', message '%s', impressions %d",
                 cjOutcomeString(info.outcome), info.reason, info.state, info.job_reasons,
                 info.printer_reasons, info.message, info.impressions);

  /* As with the jam, the backend may report the aborted job completed. */
  testBegin("ribbon out: failed (or suspect) with reason marker-supply-empty");
  fixture("cupsenable card2; cups_printer_fail_next card2 ribbon");
  id = submit(p2, "REQ-RIBBON");
  TEST_ASSERT(wait_final(p2, id, &info));
  testEndMessage((info.outcome == CJ_OUTCOME_FAILED || info.outcome == CJ_OUTCOME_SUSPECT) &&
                 !strcmp(info.reason, "marker-supply-empty"),
                 "%s/%s: printer '%s'", cjOutcomeString(info.outcome), info.reason,
                 info.printer_reasons);

  /* The ipp backend sometimes reports this job completed, with
     other-report among the printer's reasons: then it must be suspect. */
  testBegin("generic printer error: failed or suspect, never completed");
  fixture("cups_printer_fail_next card2 error");
  id = submit(p2, "REQ-ERROR");
  TEST_ASSERT(wait_final(p2, id, &info));
  testEndMessage(info.outcome == CJ_OUTCOME_FAILED || info.outcome == CJ_OUTCOME_SUSPECT, "%s/%s: printer '%s'",
                 cjOutcomeString(info.outcome), info.reason, info.printer_reasons);

  testBegin("queue state after the failures");
  st = cjPrinterQuery(p1, &q);
  testEndMessage(st == CJ_OK, "card1: state %d, accepting %d, reasons '%s', message '%s'",
                 q.state, q.accepting, q.reasons, q.message);

  /* ---- Media empty, then refilled ---- */
  testBegin("media empty: processing, waiting for media-empty");
  fixture("cupsenable card1; cups_printer_media_empty card1");
  id = submit(p1, "REQ-EMPTY");
  TEST_ASSERT(wait_for(p1, id, CJ_OUTCOME_PROCESSING, CJ_WAIT_MEDIA_EMPTY, &info));
  sleep(2);
  TEST_ASSERT(cjJobQuery(p1, id, &info) == CJ_OK && info.wait == CJ_WAIT_MEDIA_EMPTY);
  TEST_ASSERT(cjPrinterQuery(p1, &q) == CJ_OK && strstr(q.reasons, "media-empty"));
  testEndMessage(1, "job '%s', queue '%s'", info.printer_reasons, q.reasons);

  testBegin("refilled: completed");
  fixture("cups_printer_refill card1");
  testEnd(wait_for(p1, id, CJ_OUTCOME_COMPLETED, CJ_WAIT_NONE, &info) &&
          kept_count("card1", "REQ-EMPTY") == 1);

  /* ---- Offline, then back ---- */
  testBegin("offline: processing, waiting with the reason offline");
  fixture("cups_printer_offline card2");
  id = submit(p2, "REQ-OFFLINE");
  found = wait_for(p2, id, CJ_OUTCOME_PROCESSING, CJ_WAIT_OFFLINE, &info);
  cjPrinterQuery(p2, &q);
  testEndMessage(found, "job '%s' '%s'; queue '%s' '%s'", info.printer_reasons,
                 info.message, q.reasons, q.message);

  testBegin("back online: completed");
  fixture("cups_printer_online card2");
  testEnd(wait_for(p2, id, CJ_OUTCOME_COMPLETED, CJ_WAIT_NONE, &info) &&
          kept_count("card2", "REQ-OFFLINE") == 1);

  /* ---- cupsd restarted mid-job ---- */
  testBegin("cupsd restarted mid-job: job found again by name");
  fixture("cups_printer_delay card1 3");
  id = submit(p1, "REQ-RESTART");
  TEST_ASSERT(wait_for(p1, id, CJ_OUTCOME_PROCESSING, CJ_WAIT_NONE, &info));
  usleep(500000);
  TEST_ASSERT(fixture("cups_restart") == 0);
  TEST_ASSERT(cjJobFind(p1, "REQ-RESTART", &found) == CJ_OK);
  testEndMessage(found == id, "job %d, found %d: %s", id, found, cjPrinterErrmsg(p1));

  /* cupsd 2.4 stops the job on shutdown and deletes its document
     (PreserveJobFiles No); it comes back pending, job-printing, with no
     document, and never prints again -- while the printer, which already
     had the card, finishes it. */
  testBegin("the interrupted job is suspect, not pending or completed");
  TEST_ASSERT(wait_final(p1, id, &info));
  sleep(4);				/* it must not print again */
  n = kept_count("card1", "REQ-RESTART");
  testEndMessage(info.outcome == CJ_OUTCOME_SUSPECT, "%s/%s, %d document(s), reasons '%s'; "
                 "the printer printed it %d time(s)", cjOutcomeString(info.outcome),
                 info.reason, info.documents, info.job_reasons, n);

  testBegin("after the restart the first job is still found by name");
  TEST_ASSERT(cjJobFind(p1, "REQ-1001", &found) == CJ_OK);
  TEST_ASSERT(cjJobQuery(p1, found, &info) == CJ_OK);
  testEndMessage(found == first_id && info.outcome == CJ_OUTCOME_COMPLETED,
                 "found %d, %s, job-name '%s'", found, cjOutcomeString(info.outcome),
                 info.name);

  testBegin("cjJobFind of a name CUPS never saw");
  testEnd(cjJobFind(p1, "REQ-NEVER", &found) == CJ_NOT_FOUND && found == 0);

  /* ---- Cancel ---- */
  testBegin("cancel a queued card: canceled-by-us, nothing printed");
  id = submit(p1, "REQ-BUSY");		/* takes 3 s at the printer */
  id2 = submit(p1, "REQ-CANCEL");	/* waits behind it */
  TEST_ASSERT(id2 > 0 && cjJobCancel(p1, id2) == CJ_OK);
  TEST_ASSERT(wait_final(p1, id2, &info));
  TEST_ASSERT(wait_final(p1, id, &info) && kept_count("card1", "REQ-CANCEL") == 0);
  cjJobQuery(p1, id2, &info);
  testEndMessage(info.outcome == CJ_OUTCOME_CANCELED_BY_US, "%s, reasons '%s'",
                 cjOutcomeString(info.outcome), info.job_reasons);

  /* Our cancel came after cupsd had started the job (time-at-processing):
     the card may have come out, so it is not ours to send again. */
  testBegin("cancel a printing card: suspect (canceled-while-printing)");
  id = submit(p1, "REQ-CANCEL2");
  TEST_ASSERT(wait_for(p1, id, CJ_OUTCOME_PROCESSING, CJ_WAIT_NONE, &info));
  TEST_ASSERT(cjJobCancel(p1, id) == CJ_OK);
  TEST_ASSERT(wait_final(p1, id, &info));
  testEndMessage(info.outcome == CJ_OUTCOME_SUSPECT && info.processed &&
                 !strcmp(info.reason, "canceled-while-printing"), "%s/%s, reasons '%s'",
                 cjOutcomeString(info.outcome), info.reason, info.job_reasons);
  fixture("cups_printer_delay card1 0");

  testBegin("cancel a finished job is refused");
  st = cjJobCancel(p1, first_id);
  testEndMessage(st != CJ_OK, "%s", cjPrinterErrmsg(p1));

  testBegin("unknown job id: outcome unknown");
  testEnd(cjJobQuery(p1, 99999, &info) == CJ_OK && info.outcome == CJ_OUTCOME_UNKNOWN);

  /* ---- The producer fails halfway ---- */
  testBegin("a document that fails halfway is not printed");
  {
    card_t card = { "REQ-HALF", 1 };

    TEST_ASSERT(cjJobCreate(p1, "REQ-HALF", &id) == CJ_OK);
    TEST_ASSERT(cjJobSendDocument(p1, id, produce_card, &card) == CJ_ERROR);
    TEST_ASSERT(wait_final(p1, id, &info));
    TEST_ASSERT(kept_count("card1", "REQ-HALF") == 0);
    testEndMessage(info.outcome == CJ_OUTCOME_CANCELED_BY_US, "%s; %s",
                   cjOutcomeString(info.outcome), cjPrinterErrmsg(p1));
  }

  testBegin("while a card streams, its connection refuses other requests");
  {
    meddle_t m = { p2, CJ_OK };

    TEST_ASSERT(cjJobCreate(p1, "REQ-MEDDLE", &id) == CJ_OK);
    TEST_ASSERT(cjJobSendDocument(p1, id, produce_meddling, &m) == CJ_OK);
    TEST_ASSERT(m.status == CJ_ERROR);
    TEST_ASSERT(wait_for(p1, id, CJ_OUTCOME_COMPLETED, CJ_WAIT_NONE, &info));
    testEndMessage(kept_count("card1", "REQ-MEDDLE") == 1, "%s", cjPrinterErrmsg(p2));
  }

  testBegin("job name is required and short");
  testEnd(cjJobCreate(p1, "", &id) == CJ_ERROR && id == 0);

  /* ---- cupsd down ---- */
  testBegin("cupsd down: create and query say unavailable");
  fixture("cups_cupsd_stop");
  st = cjJobCreate(p1, "REQ-DOWN", &id);
  TEST_ASSERT(st == CJ_UNAVAILABLE);
  TEST_ASSERT(cjJobQuery(p1, first_id, &info) == CJ_UNAVAILABLE);
  testEndMessage(1, "%s", cjPrinterErrmsg(p1));
  fixture("cups_restart");

  testBegin("cupsd back: the same object works again");
  TEST_ASSERT(cjJobQuery(p1, first_id, &info) == CJ_OK);
  testEnd(info.outcome == CJ_OUTCOME_COMPLETED);

  /* cupsd restarted while the shared connection lay idle: Create-Job (never
     retried inside) must go out on a fresh connection, for either printer. */
  testBegin("cupsd restarted while idle: the next Create-Job works on both printers");
  fixture("cups_restart");
  id = submit(p2, "REQ-AFTER-RESTART");
  TEST_ASSERT(id > 0);
  TEST_ASSERT(wait_for(p2, id, CJ_OUTCOME_COMPLETED, CJ_WAIT_NONE, &info));
  id2 = submit(p1, "REQ-AFTER-RESTART1");
  TEST_ASSERT(id2 > 0);
  testEndMessage(wait_for(p1, id2, CJ_OUTCOME_COMPLETED, CJ_WAIT_NONE, &info), "jobs %d, %d", id, id2);

  /* ---- The module's own cost per card, against a stopped queue ---- */
  testBegin("submit 300 cards to a stopped queue");
  fixture("cupsdisable card2");
  {
    int i, ok = 1;
    char name[32];
    double secs;

    t0 = now();
    for (i = 0; i < 300 && ok; i ++)
    {
      snprintf(name, sizeof(name), "REQ-SPEED-%03d", i);
      ok = submit(p2, name) > 0;
    }
    secs = now() - t0;
    TEST_ASSERT(ok);
    n = 0;
    TEST_ASSERT(cjJobsEach(p2, count_cb, &n) == CJ_OK);
    testEndMessage(ok, "%.0f cards/s (create + stream a cairo PDF + close), %d jobs listed",
                   300 / secs, n);
  }
  fixture("cancel -a card2");

  cjPrinterClose(p1);
  cjPrinterClose(p2);
  return (testSummary());
}
