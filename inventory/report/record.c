/*
 * A destruction record or write-off with its serials grouped by origin and
 * reason, for destroy show and the reports.
 */

#include "report-private.h"

#include <csv.h>
#include <inttypes.h>

#include <stdlib.h>
#include <string.h>


/* Keep a copy of the record. */
static void
view_record(void *ctx, const inv_record_t *r)
{
  rep_record_t *v = ctx;

  if ((v->record = invRecordCopy(r)) == NULL)
    v->failed = true;
}


/* Add one item to its group (made on first use) and to the whole list. */
static void
view_item(void *ctx, const inv_record_item_t *item)
{
  rep_record_t	*v = ctx;
  rep_group_t	*g = NULL;
  int64_t	n = invRangeGetCount(&item->range);

  for (size_t i = 0; i < v->ngroups; i ++)
    if (!strcmp(v->groups[i].state, item->state) && !strcmp(v->groups[i].reason, item->reason))
      g = v->groups + i;
  if (!g)
  {
    rep_group_t *groups = realloc(v->groups, (v->ngroups + 1) * sizeof(rep_group_t));

    if (!groups)
    {
      v->failed = true;
      return;
    }
    v->groups = groups;
    g = v->groups + v->ngroups ++;
    snprintf(g->state, sizeof(g->state), "%s", item->state);
    snprintf(g->reason, sizeof(g->reason), "%s", item->reason);
    if ((g->serials = invListNew()) == NULL)
      v->failed = true;
  }
  if (!g->serials || invListAdd(g->serials, &item->range) != INV_OK || invListAdd(v->all, &item->range) != INV_OK)
    v->failed = true;
  if (!strcmp(item->state, "spoiled"))
    v->spoiled += n;
  else if (!strcmp(item->state, "invalid"))
    v->invalid += n;
}


/* Load a record and its serials. */
inv_status_t
repRecordLoad(inv_db_t          *db,	/* I - Ledger */
              inv_record_type_t type,	/* I - Type */
              int64_t           id,	/* I - Record */
              rep_record_t      *v)	/* O - The record, grouped */
{
  inv_status_t status;

  memset(v, 0, sizeof(*v));
  if ((v->all = invListNew()) == NULL)
    return (INV_ERROR);
  if ((status = invRecordGet(db, type, id, view_record, v)) == INV_OK)
    status = invRecordItems(db, id, view_item, v);
  if (status == INV_OK && type == INV_RECORD_DESTRUCTION)
  {
    char mark[INV_ANCHOR_MARK_MAX + 1];

    snprintf(mark, sizeof(mark), "record destruction %" PRId64, id);
    status = invAnchorFind(db, mark, &v->anchor, &v->signed_);
  }
  if (status == INV_OK && v->failed)
    status = INV_ERROR;
  return (status);
}


/* Release a loaded record. */
void
repRecordFree(rep_record_t *v)		/* I - Record */
{
  for (size_t i = 0; i < v->ngroups; i ++)
    invListDelete(v->groups[i].serials);
  free(v->groups);
  free(v->record);
  invListDelete(v->all);
  memset(v, 0, sizeof(*v));
}


/* The record as JSON (new reference). */
json_t *
repRecordJson(const rep_record_t *v)	/* I - Record */
{
  const inv_record_t	*r = v->record;
  json_t		*groups = json_array(), *ranges = json_array(),
			*witnesses = json_loads(r->witnesses, 0, NULL);
  json_t		*obj;

  for (size_t i = 0; i < v->ngroups; i ++)
  {
    char *text = invListFormatCopy(v->groups[i].serials);

    json_array_append_new(groups, json_pack("{s:s,s:s,s:I,s:s}", "state", v->groups[i].state, "reason",
                                            v->groups[i].reason, "count",
                                            (json_int_t)invListGetSerialCount(v->groups[i].serials),
                                            "serials", text ? text : ""));
    free(text);
  }
  for (size_t i = 0; i < invListGetCount(v->all); i ++)
  {
    char text[INV_RANGE_MAX];

    json_array_append_new(ranges, json_string(invRangeFormat(invListGetRange(v->all, i), text, sizeof(text))));
  }
  obj = json_pack("{s:I,s:s,s:s,s:I,s:o,s:o}", "id", (json_int_t)r->id, "type", r->type, "state", r->state,
                  "count", (json_int_t)r->count, "by_reason", groups, "ranges", ranges);
  if (!strcmp(r->type, "destruction"))
  {
    json_object_set_new(obj, "method", json_string(r->method));
    json_object_set_new(obj, "place", json_string(r->place));
    json_object_set_new(obj, "planned", json_string(r->planned));
    json_object_set_new(obj, "spoiled", json_integer(v->spoiled));
    json_object_set_new(obj, "invalid", json_integer(v->invalid));
  }
  else
  {
    json_object_set_new(obj, "location", json_string(r->location));
    json_object_set_new(obj, "reason", json_string(r->reason));
  }
  json_object_set_new(obj, "number", json_string(r->number));
  json_object_set_new(obj, "preparer", json_string(r->preparer));
  json_object_set_new(obj, "preparer_via", json_string(r->preparer_via));
  json_object_set_new(obj, "prepared", json_string(r->prepared));
  json_object_set_new(obj, "approver", json_string(r->approver));
  json_object_set_new(obj, "approver_via", json_string(r->approver_via));
  json_object_set_new(obj, "approved", json_string(r->approved));
  json_object_set_new(obj, "executor", json_string(r->executor));
  json_object_set_new(obj, "executor_via", json_string(r->executor_via));
  json_object_set_new(obj, "executed", json_string(r->executed));
  json_object_set_new(obj, "cancelled", json_string(r->cancelled));
  json_object_set_new(obj, "witnesses", witnesses ? witnesses : json_array());
  json_object_set_new(obj, "hash", json_string(r->hash));
  json_object_set_new(obj, "chain_head", json_string(r->head));
  json_object_set_new(obj, "seal_event", json_integer(r->seal_event));
  if (!strcmp(r->type, "destruction"))
    json_object_set_new(obj, "checkpoint", v->signed_ ? repAnchorJson(&v->anchor) : json_null());
  return (obj);
}


/* Mask a NIK but for its last 4 digits ("" stays ""). */
void
repMaskNik(const char *nik,		/* I - NIK or "" */
           char       *out,		/* O - Masked */
           size_t     outsize)		/* I - Its size */
{
  size_t len = strlen(nik), i;

  for (i = 0; i < len && i + 1 < outsize; i ++)
    out[i] = i + 4 < len ? '*' : nik[i];
  out[i < outsize ? i : outsize - 1] = '\0';
}


/*
 * Write one text cell of a CSV report, quoted by libcsv.  A cell that a
 * spreadsheet would take for a formula -- starting with =, +, -, @, TAB or
 * CR (OWASP's list) -- gets a leading apostrophe, as spreadsheet exports
 * do, so that it opens as the text it is.  Numbers are not written here.
 */

void
repCsvText(FILE       *fp,		/* I - Output */
           const char *text)		/* I - Cell's text */
{
  if (text[0] && strchr("=+-@\t\r", text[0]))
  {
    size_t	len = strlen(text);
    char	*cell = malloc(len + 2);

    if (!cell)
    {					/* out of memory: quote it here, as libcsv does */
      fputs("\"'", fp);
      for (; *text; text ++)
      {
        if (*text == '"')
          fputc('"', fp);
        fputc(*text, fp);
      }
      fputc('"', fp);
      return;
    }
    cell[0] = '\'';
    memcpy(cell + 1, text, len + 1);
    csv_fwrite(fp, cell, len + 1);
    free(cell);
    return;
  }
  csv_fwrite(fp, text, strlen(text));
}


/* A record's person in the language of the messages: "rina", or "rina
 * (via root)" ("rina (melalui akun root)") when another account acted for them. */
const char *
repPerson(const char *name,		/* I - Registered user */
          const char *via,		/* I - Account that acted for them, or "" */
          char       *buf,		/* O - Text */
          size_t     bufsize)		/* I - Its size */
{
  if (via && *via)
    snprintf(buf, bufsize, _("%s (via %s)"), name, via);
  else
    snprintf(buf, bufsize, "%s", name);
  return (buf);
}
