/*
 * The corrections a reconciliation shows for its period (issue 13): the
 * receipts voided, the short shipments (delivery note against blanks
 * received) and the transfers with a handover reference or note.  Read
 * from the events of the period (the same cuts as the balances), laid out
 * as JSON members, text and PDF sections by reconcile.c.
 */

#include "report-private.h"
#include "blanko/date.h"

#include <inttypes.h>
#include <string.h>


/* A voided receipt (a receive.void event). */
static void
corr_void(void              *ctx,	/* I - rep_corrections_t */
          const inv_event_t *e)		/* I - The event */
{
  rep_corrections_t	*c = ctx;
  json_t		*d = json_loads(e->detail, 0, NULL);

  json_array_append_new(c->voided, json_pack("{s:I,s:s,s:s,s:s,s:O?,s:O?,s:O?,s:O?,s:O?,s:O?}", "event", (json_int_t)e->id,
                                             "time", e->time, "approver", e->actor, "approver_via", e->via,
                                             "void", json_object_get(d, "id"), "receipt", json_object_get(d, "receipt"),
                                             "delivery_note", json_object_get(d, "delivery_note"),
                                             "count", json_object_get(d, "count"), "reason", json_object_get(d, "reason"),
                                             "preparer", json_object_get(d, "preparer")));
  json_decref(d);
}


/* A receipt: kept when it was short. */
static void
corr_receipt(void              *ctx,	/* I - rep_corrections_t */
             const inv_event_t *e)	/* I - The event */
{
  rep_corrections_t	*c = ctx;
  json_t		*d = json_loads(e->detail, 0, NULL);

  if (json_object_get(d, "expected"))
    json_array_append_new(c->shorts, json_pack("{s:I,s:s,s:s,s:O?,s:O?,s:O?,s:O?}", "event", (json_int_t)e->id, "time",
                                               e->time, "delivery_note", e->ref, "supplier", json_object_get(d, "supplier"),
                                               "expected", json_object_get(d, "expected"),
                                               "received", json_object_get(d, "count"),
                                               "missing", json_object_get(d, "short")));
  json_decref(d);
}


/* A transfer: kept when it has a handover reference or a note. */
static void
corr_transfer(void              *ctx,	/* I - rep_corrections_t */
              const inv_event_t *e)	/* I - The event */
{
  rep_corrections_t	*c = ctx;
  json_t		*d = json_loads(e->detail, 0, NULL);
  const char		*note = json_string_value(json_object_get(d, "note"));

  if (e->ref[0] || (note && *note))
    json_array_append_new(c->transfers, json_pack("{s:I,s:s,s:s,s:s,s:s}", "event", (json_int_t)e->id, "time", e->time,
                                                  "actor", e->actor, "ref", e->ref, "note", note ? note : ""));
  json_decref(d);
}


/* Read the corrections of the events between the cuts at since and until. */
inv_status_t
repCorrectionsLoad(inv_db_t          *db,	/* I - Ledger */
                   const char        *since,	/* I - First day */
                   const char        *until,	/* I - Day after the last */
                   rep_corrections_t *c)	/* O - Corrections (free with repCorrectionsFree) */
{
  inv_status_t status;

  c->voided = json_array();
  c->shorts = json_array();
  c->transfers = json_array();
  if ((status = invEventsOfKind(db, "receive.void", since, until, corr_void, c)) == INV_OK &&
      (status = invEventsOfKind(db, "receive", since, until, corr_receipt, c)) == INV_OK)
    status = invEventsOfKind(db, "transfer", since, until, corr_transfer, c);
  return (status);
}


/* Free the corrections. */
void
repCorrectionsFree(rep_corrections_t *c)	/* I - Corrections */
{
  json_decref(c->voided);
  json_decref(c->shorts);
  json_decref(c->transfers);
  memset(c, 0, sizeof(*c));
}


/* Add the corrections to a report's JSON object. */
void
repCorrectionsJson(json_t                  *obj,	/* I - The report */
                   const rep_corrections_t *c)	/* I - Corrections */
{
  json_object_set(obj, "voided_receipts", c->voided);
  json_object_set(obj, "short_shipments", c->shorts);
  json_object_set(obj, "transfers_noted", c->transfers);
}


/* One voided receipt as a line, in the language of the messages. */
static void
void_line(const json_t *one,		/* I - The void */
          char         *buf,		/* O - The line */
          size_t       bufsize)		/* I - Its size */
{
  char		who[300], note[256], reason[512], when[64], n[48];
  int64_t	count = (int64_t)json_integer_value(json_object_get(one, "count"));

  snprintf(buf, bufsize, P_("%s receipt %" PRId64 " (delivery note %s): %s blank voided (void %" PRId64 ", event %"
                            PRId64 "), prepared by %s, approved by %s: %s",
                            "%s receipt %" PRId64 " (delivery note %s): %s blanks voided (void %" PRId64 ", event %"
                            PRId64 "), prepared by %s, approved by %s: %s", count),
           invDateFormatLocal(json_string_value(json_object_get(one, "time")), false, when, sizeof(when)),
           (int64_t)json_integer_value(json_object_get(one, "receipt")),
           invTextSafe(json_string_value(json_object_get(one, "delivery_note")), note, sizeof(note)),
           i18nCount(count, n, sizeof(n)), (int64_t)json_integer_value(json_object_get(one, "void")),
           (int64_t)json_integer_value(json_object_get(one, "event")),
           json_string_value(json_object_get(one, "preparer")) ?: "",
           repPerson(json_string_value(json_object_get(one, "approver")),
                     json_string_value(json_object_get(one, "approver_via")), who, sizeof(who)),
           invTextSafe(json_string_value(json_object_get(one, "reason")), reason, sizeof(reason)));
}


/* One short shipment as a line, in the language of the messages. */
static void
short_line(const json_t *one,		/* I - The receipt */
           char         *buf,		/* O - The line */
           size_t       bufsize)	/* I - Its size */
{
  char note[256], supplier[256], when[64], n[3][48];

  snprintf(buf, bufsize, _("%s delivery note %s from %s (event %" PRId64 "): expected %s, received %s, missing %s"),
           invDateFormatLocal(json_string_value(json_object_get(one, "time")), false, when, sizeof(when)),
           invTextSafe(json_string_value(json_object_get(one, "delivery_note")), note, sizeof(note)),
           invTextSafe(json_string_value(json_object_get(one, "supplier")), supplier, sizeof(supplier)),
           (int64_t)json_integer_value(json_object_get(one, "event")),
           i18nCount(json_integer_value(json_object_get(one, "expected")), n[0], sizeof(n[0])),
           i18nCount(json_integer_value(json_object_get(one, "received")), n[1], sizeof(n[1])),
           i18nCount(json_integer_value(json_object_get(one, "missing")), n[2], sizeof(n[2])));
}


/* One transfer with a reference or note as a line, in the language of the messages. */
static void
transfer_line(const json_t *one,	/* I - The transfer */
              char         *buf,	/* O - The line */
              size_t       bufsize)	/* I - Its size */
{
  char ref[256], note[512], when[64];

  snprintf(buf, bufsize, _("%s transfer (event %" PRId64 ") by %s: handover reference %s; note: %s"),
           invDateFormatLocal(json_string_value(json_object_get(one, "time")), false, when, sizeof(when)),
           (int64_t)json_integer_value(json_object_get(one, "event")), json_string_value(json_object_get(one, "actor")),
           invTextSafe(json_string_value(json_object_get(one, "ref")), ref, sizeof(ref))[0] ? ref : "-",
           invTextSafe(json_string_value(json_object_get(one, "note")), note, sizeof(note))[0] ? note : "-");
}


typedef void (*corr_line_t)(const json_t *one, char *buf, size_t bufsize);

/* The three sections: heading, list and how to write one's line. */
static void
corr_sections(const rep_corrections_t *c,	/* I - Corrections */
              const char              *headings[3],	/* O - Headings */
              json_t                  *lists[3],	/* O - Lists */
              corr_line_t             lines[3])	/* O - Line makers */
{
  headings[0] = _("Receipts voided");
  headings[1] = _("Short shipments");
  headings[2] = _("Transfers with a handover reference or note");
  lists[0] = c->voided;
  lists[1] = c->shorts;
  lists[2] = c->transfers;
  lines[0] = void_line;
  lines[1] = short_line;
  lines[2] = transfer_line;
}


/* The corrections as text. */
void
repCorrectionsText(FILE                    *fp,	/* I - Output */
                   const rep_corrections_t *c)	/* I - Corrections */
{
  const char	*headings[3];
  json_t	*lists[3], *one;
  corr_line_t	lines[3];
  char		line[1400];
  size_t	i;

  corr_sections(c, headings, lists, lines);
  for (int s = 0; s < 3; s ++)
  {
    fprintf(fp, "\n%s:\n", headings[s]);
    if (!json_array_size(lists[s]))
      fprintf(fp, "  %s\n", _("none"));
    json_array_foreach(lists[s], i, one)
    {
      lines[s](one, line, sizeof(line));
      fprintf(fp, "  %s\n", line);
    }
  }
}


/* The corrections as sections of the reconciliation's document. */
void
repCorrectionsDoc(rep_doc_t               *d,	/* I - Document */
                  const rep_corrections_t *c)	/* I - Corrections */
{
  const char	*headings[3];
  json_t	*lists[3], *one;
  corr_line_t	lines[3];
  char		line[1400];
  size_t	i;

  corr_sections(c, headings, lists, lines);
  for (int s = 0; s < 3; s ++)
  {
    repDocAdd(d, RPDF_HEADING)->text = repDocText(d, "%s", headings[s]);
    if (!json_array_size(lists[s]))
      repDocPara(d, RPDF_LEFT, _("None."));
    json_array_foreach(lists[s], i, one)
    {
      lines[s](one, line, sizeof(line));
      repDocPara(d, RPDF_LEFT, repDocText(d, "%s", line));
    }
  }
}
