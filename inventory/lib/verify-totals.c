/*
 * Verification of the hours' totals (movement_total, store-total.c): as
 * the chain is replayed, each event's serials are added up under the hour
 * of the latest time recorded so far, by kind and pair of accounts (an
 * event that moves nothing counts once under accounts 0 and 0), exactly
 * as chain.c writes them.  The running hour never goes back, so an hour's
 * rows are complete when the next hour begins; they are then compared
 * with the stored rows, read in the same order in one walk of the table.
 * A stored row for an hour no event fills is a problem too.
 */

#include "verify-private.h"

#include <stdlib.h>
#include <string.h>


typedef struct vt_group_s		/* One recounted row */
{
  char		kind[64];
  int64_t	from, to, serials, first_event;
  bool		matched;
} vt_group_t;

struct verify_totals_s			/* This domain's state */
{
  char		latest[32];		/* Latest event time so far */
  char		hour[16];		/* Its hour: the rows being recounted */
  vt_group_t	*groups;		/* That hour's rows */
  size_t	ngroups, agroups;
  bool		have_row, at_end;	/* The stored row read ahead */
  char		row_hour[16], row_kind[64];
  store_total_row_t row;
};


/* Start the domain; false when out of memory. */
bool
verifyTotalsNew(verify_t *v)		/* I - Verification */
{
  return ((v->totals = calloc(1, sizeof(verify_totals_t))) != NULL);
}


/* Read the next stored row ahead (copying its text). */
static inv_status_t
next_row(verify_t *v)
{
  verify_totals_t	*t = v->totals;
  inv_status_t		status;

  if ((status = storeTotalRowNext(v->db, &t->have_row, &t->row)) != INV_OK)
    return (status);
  if (t->have_row)
  {
    snprintf(t->row_hour, sizeof(t->row_hour), "%s", t->row.hour);
    snprintf(t->row_kind, sizeof(t->row_kind), "%s", t->row.kind);
  }
  else
    t->at_end = true;
  return (INV_OK);
}


/* Say that an hour's totals differ, in one line. */
static void
totals_differ(verify_t *v, const char *hour, const char *kind)
{
  char shown[160];

  verifyFail(v, 0, _("the stored totals for hour %s:00 UTC (%s) differ from the events"), hour,
             verifyShown(kind, shown, sizeof(shown)));
}


/* Compare the recounted rows of the current hour ("" at the end: none)
 * with the stored rows up to it. */
static inv_status_t
flush_hour(verify_t *v)
{
  verify_totals_t	*t = v->totals;
  inv_status_t		status;

  if (!t->have_row && !t->at_end && (status = next_row(v)) != INV_OK)
    return (status);
  while (t->have_row && (!t->hour[0] || strcmp(t->row_hour, t->hour) <= 0))
  {
    vt_group_t *g = NULL;

    if (!strcmp(t->row_hour, t->hour))
      for (size_t i = 0; i < t->ngroups && !g; i ++)
        if (!t->groups[i].matched && !strcmp(t->groups[i].kind, t->row_kind) &&
            t->groups[i].from == t->row.from && t->groups[i].to == t->row.to)
          g = t->groups + i;
    if (!g || g->serials != t->row.serials || g->first_event != t->row.first_event)
    {
      totals_differ(v, t->row_hour, t->row_kind);
      return (INV_OK);
    }
    g->matched = true;
    if ((status = next_row(v)) != INV_OK)
      return (status);
  }
  for (size_t i = 0; i < t->ngroups; i ++)
    if (!t->groups[i].matched)
    {
      totals_differ(v, t->hour, t->groups[i].kind);
      return (INV_OK);
    }
  t->ngroups = 0;
  return (INV_OK);
}


/* Add serials (or one event) to the current hour's row of kind and accounts. */
static bool
add_group(verify_totals_t *t, const char *kind, int64_t from, int64_t to, int64_t serials, int64_t event)
{
  for (size_t i = 0; i < t->ngroups; i ++)
    if (t->groups[i].from == from && t->groups[i].to == to && !strcmp(t->groups[i].kind, kind))
    {
      t->groups[i].serials += serials;
      return (true);
    }
  if (t->ngroups == t->agroups)
  {
    size_t	alloc = t->agroups ? 2 * t->agroups : 16;
    vt_group_t	*groups = realloc(t->groups, alloc * sizeof(vt_group_t));

    if (!groups)
      return (false);
    t->groups = groups;
    t->agroups = alloc;
  }
  t->groups[t->ngroups] = (vt_group_t){ .from = from, .to = to, .serials = serials, .first_event = event };
  snprintf(t->groups[t->ngroups ++].kind, sizeof(t->groups[0].kind), "%s", kind);
  return (true);
}


/* Count the event just checked (v->cur with v->moves) into its hour. */
inv_status_t
verifyTotalsReplay(verify_t *v)		/* I - Verification */
{
  verify_totals_t	*t = v->totals;
  inv_status_t		status;
  bool			ok = true;

  if (strcmp(v->cur.time, t->latest) > 0)
    snprintf(t->latest, sizeof(t->latest), "%s", v->cur.time);
  if (strncmp(t->latest, t->hour, 13))
  {
    if (t->hour[0] && (status = flush_hour(v)) != INV_OK)
      return (status);
    if (v->failed)
      return (INV_OK);
    snprintf(t->hour, sizeof(t->hour), "%.13s", t->latest);
  }
  if (v->nmoves == 0)
    ok = add_group(t, v->cur.kind, 0, 0, 1, v->cur.id);
  for (size_t i = 0; i < v->nmoves && ok; i ++)
    ok = add_group(t, v->cur.kind, v->moves[i].row.from, v->moves[i].row.to,
                   v->moves[i].row.last - v->moves[i].row.first + 1, v->cur.id);
  if (!ok)
    verifyFail(v, 0, "%s", i18nNoMemory());
  return (INV_OK);
}


/* After the replay: the last hour, then no stored rows left over. */
inv_status_t
verifyTotalsCheck(verify_t *v)		/* I - Verification */
{
  verify_totals_t	*t = v->totals;
  inv_status_t		status;

  if (t->hour[0] && ((status = flush_hour(v)) != INV_OK || v->failed))
    return (v->failed ? INV_OK : status);
  t->hour[0] = '\0';
  return (flush_hour(v));		/* any row left is for no event */
}


/* Free the domain's state (and end the walk of the table). */
void
verifyTotalsFree(verify_t *v)		/* I - Verification */
{
  if (v->totals)
  {
    storeTotalRowsDone(v->db);
    free(v->totals->groups);
    free(v->totals);
    v->totals = NULL;
  }
}
