/*
 * Signed checkpoints (anchors, blanko/anchor.h) as the reports and the
 * commands show them.
 */

#include "report-private.h"
#include "blanko/anchor.h"


/* A checkpoint as JSON. */
json_t *
repAnchorJson(const inv_anchor_t *a)	/* I - Checkpoint */
{
  return (json_pack("{s:s,s:I,s:s,s:s,s:s,s:s,s:s}", "ledger", a->ledger, "event", (json_int_t)a->event, "head",
                    a->head, "time", a->time, "mark", a->mark, "key", a->keyid, "signature", a->sig));
}
