/*
 * Verification of the chain's signed checkpoints (anchors, anchor.c):
 * after the replay has proved the chain consistent, every stored
 * checkpoint must carry a good signature by a key of the ledger's keyring
 * and name an event the chain still holds with the hash it signed; and
 * from the first checkpoint on, every UTC day that ended (every day with
 * events before the head's day) must have its day-end checkpoint, so that
 * checkpoints removed along with a rewritten tail are noticed.
 */

#include "verify-private.h"
#include "blanko/anchor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


typedef struct verify_anchors_s		/* Checkpoints read */
{
  inv_anchor_t	*list;
  size_t	count, alloc;
  bool		nomem;
  const char	*missing;		/* First day with no day-end checkpoint */
  char		missing_day[11];
} verify_anchors_t;


/* Gather one checkpoint. */
static int
add_anchor(void *ctx, const inv_anchor_t *a)
{
  verify_anchors_t *va = ctx;

  if (va->count == va->alloc)
  {
    size_t		alloc = va->alloc ? 2 * va->alloc : 64;
    inv_anchor_t	*list = realloc(va->list, alloc * sizeof(inv_anchor_t));

    if (!list)
    {
      va->nomem = true;
      return (1);
    }
    va->list = list;
    va->alloc = alloc;
  }
  va->list[va->count ++] = *a;
  return (0);
}


/* Is there a checkpoint with this mark? */
static bool
has_mark(const verify_anchors_t *va,	/* I - Checkpoints */
         const char             *mark)	/* I - Mark */
{
  for (size_t i = 0; i < va->count; i ++)
    if (!strcmp(va->list[i].mark, mark))
      return (true);
  return (false);
}


/* Note the first day that ended without its checkpoint. */
static void
check_day(void *ctx, const char *day)
{
  verify_anchors_t	*va = ctx;
  char			mark[32];

  if (va->missing)
    return;
  snprintf(mark, sizeof(mark), "day %.10s", day);
  if (!has_mark(va, mark))
  {
    snprintf(va->missing_day, sizeof(va->missing_day), "%.10s", day);
    va->missing = va->missing_day;
  }
}


/* Keep an event's day (storeEventGet). */
static int
event_day(void *ctx, const store_event_row_t *e, int64_t moved)
{
  (void)moved;
  snprintf(ctx, 11, "%.10s", e->time);
  return (0);
}


/* Check every stored checkpoint, and that none is missing. */
inv_status_t
verifyAnchors(verify_t *v)		/* I - Verify state */
{
  verify_anchors_t	va;
  inv_keyring_t		*kr = NULL;
  inv_status_t		status;
  char			error[256], problem[512], head_day[11] = "", hash[65];
  int64_t		head;

  memset(&va, 0, sizeof(va));
  if ((status = storeAnchorList(v->db, add_anchor, &va)) != INV_OK)
    goto done;
  if (va.nomem)
  {
    status = _invDbNoMemory(v->db);
    goto done;
  }
  if (va.count == 0)
    goto done;				/* a ledger never signed: nothing to ask for */
  if ((kr = invAnchorKeyring(v->db, error, sizeof(error))) == NULL)
  {
    verifyFail(v, 0, _("the ledger has %zu signed checkpoints, but its keys cannot be read to check them: %s"), va.count,
               error);
    goto done;
  }
  for (size_t i = 0; i < va.count && !v->failed; i ++)
  {
    if ((status = invAnchorCheck(v->db, kr, va.list + i, problem, sizeof(problem))) == INV_PROBLEM)
    {
      verifyFail(v, va.list[i].event, "%s", problem);
      status = INV_OK;
    }
    else if (status != INV_OK)
      goto done;
  }
  if (v->failed)
    goto done;

  /* From the first checkpoint on, every day that ended has its own. */
  if ((status = storeEventHead(v->db, &head, hash)) != INV_OK ||
      (status = storeEventGet(v->db, head, event_day, head_day)) != INV_OK ||
      (status = storeEventDays(v->db, va.list[0].event, head_day, check_day, &va)) != INV_OK)
    goto done;
  if (va.missing)
    verifyFail(v, 0, _("no checkpoint for the end of %s (the ledger has checkpoints from event %" PRId64 " on): "
                       "checkpoints were removed, or no writer that day could read the signing key"),
               va.missing, va.list[0].event);
  v->result->anchors = (int64_t)va.count;

done:
  invKeyringDelete(kr);
  free(va.list);
  return (status);
}
