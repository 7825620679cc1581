/*
 * The state machines of print jobs, card requests and records (private to
 * the ledger library).
 *
 * Each is one transition function: (state, event kind) -> the new state,
 * or NULL with the reason it is refused (an untranslated N_() text).  The
 * writers (print.c; record.c's auditRecordStep for destroy.c and
 * writeoff.c) and verify (verify-*.c) both call them, so what may happen
 * and what is accepted on replay cannot drift apart.  The state names are
 * the ledger's stored text: never change one.
 *
 * A leaf over the event registry (events-private.h).
 */

#ifndef BLANKO_STATES_PRIVATE_H
#define BLANKO_STATES_PRIVATE_H

#include "events-private.h"

#include <stdbool.h>

/* print_job.state; "" is a job not yet made */
#define STATE_JOB_INTENT	"intent"	/* Recorded before CUPS hears of it */
#define STATE_JOB_SUBMITTED	"submitted"	/* CUPS has it */
#define STATE_JOB_SUSPECT	"suspect"	/* Its card's fate is unknown */
#define STATE_JOB_DONE		"done"		/* Ended, with an outcome */

/* card_request.state; "" is a request not yet made */
#define STATE_REQ_PENDING	"pending"
#define STATE_REQ_SUBMITTED	"submitted"
#define STATE_REQ_PRINTED	"printed"
#define STATE_REQ_FAILED	"failed"
#define STATE_REQ_SUSPECT	"suspect"
#define STATE_REQ_CANCELLED	"cancelled"
#define STATE_REQ_SUPERSEDED	"superseded"

/* record.state (destruction and write-off); "" is a record not yet made */
#define STATE_REC_PREPARED	"prepared"
#define STATE_REC_APPROVED	"approved"
#define STATE_REC_EXECUTED	"executed"
#define STATE_REC_CANCELLED	"cancelled"

extern const char	*stateJob(const char *state, event_id_t event, const char **reason);
extern const char	*stateRequest(const char *state, event_id_t event, bool printed, const char **reason);
extern const char	*stateRecord(const char *state, event_id_t event, const char **reason);

#endif /* !BLANKO_STATES_PRIVATE_H */
