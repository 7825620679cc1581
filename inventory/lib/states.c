/*
 * The state machines of print jobs, card requests and records: see
 * states-private.h.  Each is a table of (event, states it may come from,
 * state it goes to), read by one transition function.
 */

#include "states-private.h"
#include "blanko/i18n.h"

#include <stddef.h>
#include <string.h>


typedef struct transition_s		/* One rule of a machine */
{
  event_id_t	event;			/* The event kind */
  const char	*from[3];		/* States it may come from ("" for none yet) */
  const char	*to;			/* State it goes to */
} transition_t;


/* Print jobs (print.c): every job event but print.intent and
 * print.resolve takes a job that has not ended; resolve only a suspect
 * one. */
#define JOB_OPEN	{ STATE_JOB_INTENT, STATE_JOB_SUBMITTED, STATE_JOB_SUSPECT }

static const transition_t job_rules[] =
{
  { EV_PRINT_INTENT,	{ "" },			STATE_JOB_INTENT },
  { EV_PRINT_SUBMITTED,	JOB_OPEN,		STATE_JOB_SUBMITTED },
  { EV_PRINT_RESUBMIT,	JOB_OPEN,		STATE_JOB_INTENT },
  { EV_PRINT_ISSUED,	JOB_OPEN,		STATE_JOB_DONE },
  { EV_PRINT_SPOILED,	JOB_OPEN,		STATE_JOB_DONE },
  { EV_PRINT_UNSENT,	JOB_OPEN,		STATE_JOB_DONE },
  { EV_PRINT_SUSPECT,	JOB_OPEN,		STATE_JOB_SUSPECT },
  { EV_PRINT_RESOLVE,	{ STATE_JOB_SUSPECT },	STATE_JOB_DONE },
};


/* Card requests: imported (or copied by a reprint) pending; a print job
 * takes a pending one (submitted) and ends it printed, pending again, or
 * suspect until resolved; a printed card may be spoiled (pending again) or
 * reprinted (superseded: its new copy is made pending, as an import's
 * rows are).  A request held by a print job is submitted
 * while the job is open and suspect while it is. */
#define REQ_HELD	{ STATE_REQ_SUBMITTED, STATE_REQ_SUSPECT }

static const transition_t request_rules[] =
{
  { EV_REQUEST_IMPORT,	{ "" },					STATE_REQ_PENDING },
  { EV_PRINT_INTENT,	{ STATE_REQ_PENDING },			STATE_REQ_SUBMITTED },
  { EV_PRINT_ISSUED,	REQ_HELD,				STATE_REQ_PRINTED },
  { EV_PRINT_SPOILED,	REQ_HELD,				STATE_REQ_PENDING },
  { EV_PRINT_UNSENT,	REQ_HELD,				STATE_REQ_PENDING },
  { EV_PRINT_SUSPECT,	REQ_HELD,				STATE_REQ_SUSPECT },
  { EV_PRINT_RESOLVE,	{ STATE_REQ_SUSPECT },			STATE_REQ_PENDING },	/* printed: see stateRequest */
  { EV_CARD_SPOIL,	{ STATE_REQ_PRINTED },			STATE_REQ_PENDING },
  { EV_REQUEST_CANCEL,	{ STATE_REQ_PENDING, STATE_REQ_FAILED },	STATE_REQ_CANCELLED },
  { EV_REQUEST_REPRINT,	{ STATE_REQ_PRINTED },			STATE_REQ_SUPERSEDED },
};


/* Destruction records are prepared, approved (another person), executed;
 * write-offs and voids of receipts are prepared, then executed by their
 * approval (the "writeoff" or "receive.void" move); an open one may be
 * cancelled. */
#define REC_OPEN	{ STATE_REC_PREPARED, STATE_REC_APPROVED }

static const transition_t record_rules[] =
{
  { EV_DESTROY_PREPARE,	{ "" },			STATE_REC_PREPARED },
  { EV_DESTROY_APPROVE,	{ STATE_REC_PREPARED },	STATE_REC_APPROVED },
  { EV_DESTROY_EXECUTE,	{ STATE_REC_APPROVED },	STATE_REC_EXECUTED },
  { EV_DESTROY_CANCEL,	REC_OPEN,		STATE_REC_CANCELLED },
  { EV_WRITEOFF_PREPARE, { "" },		STATE_REC_PREPARED },
  { EV_WRITEOFF,	{ STATE_REC_PREPARED },	STATE_REC_EXECUTED },
  { EV_WRITEOFF_CANCEL,	REC_OPEN,		STATE_REC_CANCELLED },
  { EV_RECEIVE_VOID_PREPARE, { "" },		STATE_REC_PREPARED },
  { EV_RECEIVE_VOID,	{ STATE_REC_PREPARED },	STATE_REC_EXECUTED },
  { EV_RECEIVE_VOID_CANCEL, REC_OPEN,		STATE_REC_CANCELLED },
};


/* Apply a machine's rules: the new state, or NULL with *reason. */
static const char *
transition(const transition_t *rules,	/* I - The machine */
           size_t             count,	/* I - Its rules */
           const char         *state,	/* I - Current state, "" or NULL for none yet */
           event_id_t         event,	/* I - Event kind */
           const char         *none,	/* I - Reason when the event is no one of the machine's */
           const char         **reason)	/* O - Why it is refused, untranslated */
{
  bool known = false;

  if (!state)
    state = "";
  for (size_t i = 0; i < count; i ++)
  {
    if (rules[i].event != event)
      continue;
    known = true;
    for (size_t j = 0; j < sizeof(rules[i].from) / sizeof(rules[i].from[0]) && rules[i].from[j]; j ++)
      if (!strcmp(rules[i].from[j], state))
        return (rules[i].to);
  }
  if (!known)
    *reason = none;
  else if (!*state)
    *reason = N_("it does not exist");
  else if (!strcmp(state, STATE_JOB_DONE) || !strcmp(state, STATE_REC_EXECUTED) ||
           !strcmp(state, STATE_REQ_CANCELLED) || !strcmp(state, STATE_REQ_SUPERSEDED))
    *reason = N_("it has ended already");
  else
    *reason = N_("its state does not allow it");
  return (NULL);
}


/* A print job's next state. */
const char *
stateJob(const char *state,		/* I - Job state, "" for none yet */
         event_id_t event,		/* I - Event kind */
         const char **reason)		/* O - Why it is refused */
{
  return (transition(job_rules, sizeof(job_rules) / sizeof(job_rules[0]), state, event,
                     N_("not a print job event"), reason));
}


/* A card request's next state; printed tells print.resolve's outcome
 * (the card came out good) from the others. */
const char *
stateRequest(const char *state,		/* I - Request state, "" for none yet */
             event_id_t event,		/* I - Event kind */
             bool       printed,	/* I - print.resolve: resolved as printed? */
             const char **reason)	/* O - Why it is refused */
{
  const char *to = transition(request_rules, sizeof(request_rules) / sizeof(request_rules[0]), state, event,
                              N_("not a card request event"), reason);

  if (to && event == EV_PRINT_RESOLVE && printed)
    to = STATE_REQ_PRINTED;
  return (to);
}


/* A destruction or write-off record's next state. */
const char *
stateRecord(const char *state,		/* I - Record state, "" for none yet */
            event_id_t event,		/* I - Event kind */
            const char **reason)	/* O - Why it is refused */
{
  return (transition(record_rules, sizeof(record_rules) / sizeof(record_rules[0]), state, event,
                     N_("not a record event"), reason));
}
