/*
 * Unit tests for the registry of event kinds (events.c) and the state
 * machines (states.c): every stored kind name is the one ledgers already
 * hold, and every state of each machine, under every event kind, goes to
 * exactly the state this table expects (or is refused, with a reason).
 */

#include "test.h"
#include "../../inventory/lib/states-private.h"

#include <stdbool.h>

#define NONE	NULL			/* Refused */


/* The names every ledger written so far may hold: byte-identical, since
 * they are hashed into the chain. */
static const struct
{
  event_id_t	id;
  const char	*name;
} names[] =
{
  { EV_INIT, "init" }, { EV_USER_ADD, "user.add" }, { EV_USER_SET, "user.set" },
  { EV_USER_DISABLE, "user.disable" }, { EV_USER_ENABLE, "user.enable" }, { EV_USER_PERSON, "user.person" },
  { EV_USER_PASSWD, "user.passwd" },
  { EV_LOCATION_ADD, "location.add" }, { EV_ACCOUNT_ADD, "account.add" }, { EV_RECEIVE, "receive" },
  { EV_TRANSFER, "transfer" }, { EV_COUNT, "count" }, { EV_SPOIL, "spoil" }, { EV_INVALID, "invalid" },
  { EV_REPORT_LOST, "report-lost" }, { EV_DESTROY_PREPARE, "destroy.prepare" },
  { EV_DESTROY_APPROVE, "destroy.approve" }, { EV_DESTROY, "destroy" }, { EV_DESTROY_EXECUTE, "destroy.execute" },
  { EV_DESTROY_CANCEL, "destroy.cancel" }, { EV_WRITEOFF_PREPARE, "writeoff.prepare" }, { EV_WRITEOFF, "writeoff" },
  { EV_WRITEOFF_CANCEL, "writeoff.cancel" }, { EV_RECEIVE_VOID_PREPARE, "receive.void.prepare" },
  { EV_RECEIVE_VOID, "receive.void" }, { EV_RECEIVE_VOID_CANCEL, "receive.void.cancel" },
  { EV_SUPPLY_REQUEST, "supply.request" }, { EV_SUPPLY_CANCEL, "supply.cancel" },
  { EV_USER_PLACE, "user.place" }, { EV_DISPATCH, "dispatch" }, { EV_ARRIVE, "arrive" },
  { EV_TOKEN_ADD, "token.add" }, { EV_TOKEN_REVOKE, "token.revoke" },
  { EV_DELIVER, "deliver" }, { EV_DELIVER_LIST, "deliver.list" }, { EV_RETURN, "return" },
  { EV_REQUEST_IMPORT, "request.import" },
  { EV_REQUEST_CANCEL, "request.cancel" }, { EV_REQUEST_REPRINT, "request.reprint" }, { EV_CARD_SPOIL, "card.spoil" },
  { EV_REQUEST_PRIORITY, "request.priority" },
  { EV_SUKET_ISSUE, "suket.issue" }, { EV_SUKET_EXTEND, "suket.extend" }, { EV_SUKET_RETRIEVE, "suket.retrieve" },
  { EV_SUKET_EXPIRE, "suket.expire" }, { EV_SUKET_CANCEL, "suket.cancel" },
  { EV_PRINTER_ADD, "printer.add" }, { EV_PRINTER_REMOVE, "printer.remove" }, { EV_PRINTER_LOAD, "printer.load" },
  { EV_PRINTER_UNLOAD, "printer.unload" }, { EV_PRINTER_CHECK, "printer.check" },
  { EV_PRINTER_PAUSE, "printer.pause" }, { EV_PRINTER_RESUME, "printer.resume" },
  { EV_KEY_ROTATE, "key.rotate" },
  { EV_PRINT_INTENT, "print.intent" }, { EV_PRINT_SUBMITTED, "print.submitted" },
  { EV_PRINT_RESUBMIT, "print.resubmit" }, { EV_PRINT_ISSUED, "print.issued" },
  { EV_PRINT_SPOILED, "print.spoiled" }, { EV_PRINT_UNSENT, "print.unsent" },
  { EV_PRINT_SUSPECT, "print.suspect" }, { EV_PRINT_RESOLVE, "print.resolve" },
  { EV_TOOL_PRINT, "print" },
};


/* Print jobs: states, then one row per event that the machine takes. */
static const char * const job_states[] = { "", "intent", "submitted", "suspect", "done" };

static const struct
{
  event_id_t	event;
  const char	*to[5];			/* By job_states */
} job_table[] =
{
  { EV_PRINT_INTENT,	{ "intent", NONE, NONE, NONE, NONE } },
  { EV_PRINT_SUBMITTED,	{ NONE, "submitted", "submitted", "submitted", NONE } },
  { EV_PRINT_RESUBMIT,	{ NONE, "intent", "intent", "intent", NONE } },
  { EV_PRINT_ISSUED,	{ NONE, "done", "done", "done", NONE } },
  { EV_PRINT_SPOILED,	{ NONE, "done", "done", "done", NONE } },
  { EV_PRINT_UNSENT,	{ NONE, "done", "done", "done", NONE } },
  { EV_PRINT_SUSPECT,	{ NONE, "suspect", "suspect", "suspect", NONE } },
  { EV_PRINT_RESOLVE,	{ NONE, NONE, NONE, "done", NONE } },
};


/* Card requests; print.resolve twice: resolved as printed, and not. */
static const char * const request_states[] =
{ "", "pending", "submitted", "printed", "failed", "suspect", "cancelled", "superseded" };

static const struct
{
  event_id_t	event;
  bool		printed;
  const char	*to[8];			/* By request_states */
} request_table[] =
{
  { EV_REQUEST_IMPORT,	false, { "pending", NONE, NONE, NONE, NONE, NONE, NONE, NONE } },
  { EV_PRINT_INTENT,	false, { NONE, "submitted", NONE, NONE, NONE, NONE, NONE, NONE } },
  { EV_PRINT_ISSUED,	true,  { NONE, NONE, "printed", NONE, NONE, "printed", NONE, NONE } },
  { EV_PRINT_SPOILED,	false, { NONE, NONE, "pending", NONE, NONE, "pending", NONE, NONE } },
  { EV_PRINT_UNSENT,	false, { NONE, NONE, "pending", NONE, NONE, "pending", NONE, NONE } },
  { EV_PRINT_SUSPECT,	false, { NONE, NONE, "suspect", NONE, NONE, "suspect", NONE, NONE } },
  { EV_PRINT_RESOLVE,	false, { NONE, NONE, NONE, NONE, NONE, "pending", NONE, NONE } },
  { EV_PRINT_RESOLVE,	true,  { NONE, NONE, NONE, NONE, NONE, "printed", NONE, NONE } },
  { EV_CARD_SPOIL,	false, { NONE, NONE, NONE, "pending", NONE, NONE, NONE, NONE } },
  { EV_REQUEST_CANCEL,	false, { NONE, "cancelled", NONE, NONE, "cancelled", NONE, NONE, NONE } },
  { EV_REQUEST_REPRINT,	false, { NONE, NONE, NONE, "superseded", NONE, NONE, NONE, NONE } },
};


/* Destruction records and write-offs. */
static const char * const record_states[] = { "", "prepared", "approved", "executed", "cancelled" };

static const struct
{
  event_id_t	event;
  const char	*to[5];			/* By record_states */
} record_table[] =
{
  { EV_DESTROY_PREPARE,	{ "prepared", NONE, NONE, NONE, NONE } },
  { EV_DESTROY_APPROVE,	{ NONE, "approved", NONE, NONE, NONE } },
  { EV_DESTROY_EXECUTE,	{ NONE, NONE, "executed", NONE, NONE } },
  { EV_DESTROY_CANCEL,	{ NONE, "cancelled", "cancelled", NONE, NONE } },
  { EV_WRITEOFF_PREPARE, { "prepared", NONE, NONE, NONE, NONE } },
  { EV_WRITEOFF,	{ NONE, "executed", NONE, NONE, NONE } },
  { EV_WRITEOFF_CANCEL,	{ NONE, "cancelled", "cancelled", NONE, NONE } },
  { EV_RECEIVE_VOID_PREPARE, { "prepared", NONE, NONE, NONE, NONE } },
  { EV_RECEIVE_VOID,	{ NONE, "executed", NONE, NONE, NONE } },
  { EV_RECEIVE_VOID_CANCEL, { NONE, "cancelled", "cancelled", NONE, NONE } },
};


/* Does got match want (both refused, or the same state)?  A refusal must
 * give a reason. */
static bool
same(const char *got, const char *want, const char *why)
{
  if (!want)
    return (!got && why && *why);
  return (got && !strcmp(got, want));
}


/* The one machine under test, by index. */
static const char *
machine(int m, const char *state, event_id_t event, bool printed, const char **why)
{
  *why = NULL;
  switch (m)
  {
    case 0 :  return (stateJob(state, event, why));
    case 1 :  return (stateRequest(state, event, printed, why));
    default : return (stateRecord(state, event, why));
  }
}


/* Every kind the table of machine m does not name is refused from every
 * state, as not the machine's. */
static void
check_others(int m, const char *what, const char * const *states, size_t nstates,
             const event_id_t *named, size_t nnamed)
{
  int	refused = 0, total = 0;

  testBegin("%s: every other event kind is refused from every state", what);
  for (int e = 0; e < EV_KINDS; e ++)
  {
    bool in_table = false;

    for (size_t i = 0; i < nnamed; i ++)
      in_table |= named[i] == (event_id_t)e;
    for (size_t s = 0; s < nstates && !in_table; s ++)
    {
      const char *why, *to = machine(m, states[s], (event_id_t)e, false, &why);

      total ++;
      refused += same(to, NONE, why);
      TEST_ASSERT(!to);
    }
  }
  testEndMessage(refused == total, "%d of %d", refused, total);
}


int
main(void)
{
  event_id_t	named[16];
  size_t	n;

  testBegin("the registry holds %d kinds, each under the name ledgers hold", (int)(sizeof(names) / sizeof(names[0])));
  TEST_ASSERT(EV_KINDS == sizeof(names) / sizeof(names[0]));
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i ++)
  {
    TEST_ASSERT(!strcmp(eventName(names[i].id), names[i].name));
    TEST_ASSERT(eventFind(names[i].name) == names[i].id);
    /* Every kind feeds a replay, but key.rotate: it only records when a
       signing key began to sign (it changes no state verify rebuilds); and
       request.priority (issue 15): it orders the queue, and verify does not
       replay the priority columns yet; nor the suket.* kinds (issue 15): the
       suket table is not replayed by verify yet. */
    TEST_ASSERT(eventDomains(names[i].id) != 0 || names[i].id == EV_KEY_ROTATE || names[i].id == EV_REQUEST_PRIORITY ||
                (names[i].id >= EV_SUKET_ISSUE && names[i].id <= EV_SUKET_CANCEL));
  }
  testEnd(1);

  testBegin("an undeclared kind is unknown");
  TEST_ASSERT(eventFind("test") == EV_UNKNOWN && eventFind("") == EV_UNKNOWN && eventFind(NULL) == EV_UNKNOWN);
  TEST_ASSERT(eventFind("print.intent ") == EV_UNKNOWN && eventFind("Print.intent") == EV_UNKNOWN);
  TEST_ASSERT(!strcmp(eventName(EV_UNKNOWN), "") && !strcmp(eventName(EV_KINDS), "") && eventDomains(EV_UNKNOWN) == 0);
  testEnd(1);

  testBegin("every job event replays printing; every request event requests");
  for (size_t i = 0; i < sizeof(job_table) / sizeof(job_table[0]); i ++)
    TEST_ASSERT(eventDomains(job_table[i].event) & EVENT_PRINTING);
  for (size_t i = 0; i < sizeof(request_table) / sizeof(request_table[0]); i ++)
    TEST_ASSERT(eventDomains(request_table[i].event) & EVENT_REQUESTS);
  for (size_t i = 0; i < sizeof(record_table) / sizeof(record_table[0]); i ++)
    TEST_ASSERT(eventDomains(record_table[i].event) & EVENT_RECORDS);
  testEnd(1);

  for (size_t i = 0; i < sizeof(job_table) / sizeof(job_table[0]); i ++)
  {
    testBegin("print job: %s from each state", eventName(job_table[i].event));
    for (size_t s = 0; s < sizeof(job_states) / sizeof(job_states[0]); s ++)
    {
      const char *why, *to = machine(0, job_states[s], job_table[i].event, false, &why);

      if (!same(to, job_table[i].to[s], why))
        printf("  from \"%s\": got %s, want %s\n", job_states[s], to ? to : "refusal",
               job_table[i].to[s] ? job_table[i].to[s] : "refusal");
      TEST_ASSERT(same(to, job_table[i].to[s], why));
    }
    testEnd(1);
    named[i] = job_table[i].event;
  }
  check_others(0, "print job", job_states, sizeof(job_states) / sizeof(job_states[0]), named,
               sizeof(job_table) / sizeof(job_table[0]));

  for (size_t i = 0; i < sizeof(request_table) / sizeof(request_table[0]); i ++)
  {
    testBegin("card request: %s%s from each state", eventName(request_table[i].event),
              request_table[i].printed ? " (printed)" : "");
    for (size_t s = 0; s < sizeof(request_states) / sizeof(request_states[0]); s ++)
    {
      const char *why, *to = machine(1, request_states[s], request_table[i].event, request_table[i].printed, &why);

      if (!same(to, request_table[i].to[s], why))
        printf("  from \"%s\": got %s, want %s\n", request_states[s], to ? to : "refusal",
               request_table[i].to[s] ? request_table[i].to[s] : "refusal");
      TEST_ASSERT(same(to, request_table[i].to[s], why));
    }
    testEnd(1);
  }
  for (n = 0; n < sizeof(request_table) / sizeof(request_table[0]); n ++)
    named[n] = request_table[n].event;
  check_others(1, "card request", request_states, sizeof(request_states) / sizeof(request_states[0]), named, n);

  for (size_t i = 0; i < sizeof(record_table) / sizeof(record_table[0]); i ++)
  {
    testBegin("record: %s from each state", eventName(record_table[i].event));
    for (size_t s = 0; s < sizeof(record_states) / sizeof(record_states[0]); s ++)
    {
      const char *why, *to = machine(2, record_states[s], record_table[i].event, false, &why);

      if (!same(to, record_table[i].to[s], why))
        printf("  from \"%s\": got %s, want %s\n", record_states[s], to ? to : "refusal",
               record_table[i].to[s] ? record_table[i].to[s] : "refusal");
      TEST_ASSERT(same(to, record_table[i].to[s], why));
    }
    testEnd(1);
    named[i] = record_table[i].event;
  }
  check_others(2, "record", record_states, sizeof(record_states) / sizeof(record_states[0]), named,
               sizeof(record_table) / sizeof(record_table[0]));

  testBegin("a NULL state is no state yet");
  {
    const char *why;

    TEST_ASSERT(stateJob(NULL, EV_PRINT_INTENT, &why) && !strcmp(stateJob(NULL, EV_PRINT_INTENT, &why), "intent"));
    TEST_ASSERT(!stateRecord(NULL, EV_DESTROY_APPROVE, &why) && why && *why);
  }
  testEnd(1);

  return (testSummary());
}
