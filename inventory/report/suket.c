/*
 * Temporary certificates (suket, issue 15) in reports: the counts
 * (outstanding by kecamatan, expiring within 30 days, by state; a clerk's
 * list of those expiring with the NIK masked to its last four digits),
 * for printctl suket list and inventory report suket; and the export for
 * the national system (printctl suket export).
 *
 * The export's CSV (printctl.1, SUKET EXPORT FORMAT): a header row, then one
 * row per suket, UTF-8, comma separated, RFC 4180 quoting:
 *   format,number,nik,state,issued,valid_until,kecamatan,request,suket
 * format is "blanko-suket-1" on every row; state is the state on the day of
 * the export (expired when past its date); dates are YYYY-MM-DD.
 */

#include "report-private.h"
#include "blanko/date.h"
#include "blanko/suket.h"

#include <stdlib.h>
#include <string.h>

#define SEES_PERSONAL	(INV_ROLE_PRINTROOM | INV_ROLE_AUDITOR | INV_ROLE_ADMIN)
#define SUKET_SOON	30		/* Days ahead "expiring soon" counts */


/* The suket read for list and export. */
typedef struct sk_row_s
{
  int64_t	id, request;
  char		*number, *nik, *state, *issued, *valid_until, *district;
} sk_row_t;

typedef struct sk_set_s
{
  char		today[16], soon[16];
  sk_row_t	*rows;
  size_t	count, alloc;
  bool		nomem;
} sk_set_t;


/* Keep a suket (callback), with its state on the day. */
static void
sk_add(void              *ctx,		/* I - sk_set_t */
       const inv_suket_t *s)		/* I - Row */
{
  sk_set_t	*set = ctx;
  sk_row_t	*r;

  if (set->count == set->alloc)
  {
    size_t	alloc = set->alloc ? 2 * set->alloc : 256;
    sk_row_t	*rows = realloc(set->rows, alloc * sizeof(sk_row_t));

    if (!rows)
    {
      set->nomem = true;
      return;
    }
    set->rows = rows;
    set->alloc = alloc;
  }
  r = set->rows + set->count ++;
  r->id = s->id;
  r->request = s->request;
  r->number = strdup(s->number);
  r->nik = strdup(s->nik);
  r->state = strdup(invSuketState(s, set->today));
  r->issued = strdup(s->issued);
  r->valid_until = strdup(s->valid_until);
  r->district = strdup(s->district[0] ? s->district : "-");
  if (!r->number || !r->nik || !r->state || !r->issued || !r->valid_until || !r->district)
    set->nomem = true;
}


/* Free the rows. */
static void
sk_free(sk_set_t *set)			/* I - Set */
{
  for (size_t i = 0; i < set->count; i ++)
  {
    free(set->rows[i].number);
    free(set->rows[i].nik);
    free(set->rows[i].state);
    free(set->rows[i].issued);
    free(set->rows[i].valid_until);
    free(set->rows[i].district);
  }
  free(set->rows);
}


/* Read every suket with its state today. */
static int
sk_load(cli_t    *cli,			/* I - Command context */
        sk_set_t *set)			/* O - Set */
{
  inv_status_t status;

  memset(set, 0, sizeof(*set));
  invDateLocalToday(0, set->today, sizeof(set->today));
  invDateAddDays(set->today, SUKET_SOON - 1, set->soon, sizeof(set->soon));
  if ((status = invSuketList(cliGetDb(cli), NULL, sk_add, set)) != INV_OK)
  {
    sk_free(set);
    return (cliFailDb(cli, status));
  }
  if (set->nomem)
  {
    sk_free(set);
    return (cliFailNoMemory(cli));
  }
  return (CLI_OK);
}


/* Is a row outstanding (live today)? */
static bool
sk_live(const sk_row_t *r)		/* I - Row */
{
  return (invSuketStateIsLive(r->state));
}


/* The suket outstanding by kecamatan and expiring within 30 days: text,
 * json or csv (counts), to out (NULL or "-": standard output); list: the
 * expiring ones with the NIK masked (a clerk's). */
int
repSuket(cli_t      *cli,		/* I - Command context */
         const char *format,		/* I - text, json or csv */
         bool       list,		/* I - List the expiring ones? */
         const char *path)		/* I - Output file, or NULL */
{
  static const char * const states[] = { "issued", "extended", "retrieved", "expired", "cancelled" };
  sk_set_t	set;
  blanko_out_t	out;
  FILE		*fp;
  int		result;
  int64_t	by_state[5] = { 0 }, outstanding = 0, soon = 0;
  json_t	*districts = json_object(), *rows = json_array();
  const char	*key;
  json_t	*value;

  if (list && !(cliGetRoles(cli) & SEES_PERSONAL))
    return (cliFail(cli, CLI_REFUSED, _("--list needs the printroom, auditor or admin role, which %s does not have"),
                    cliGetActor(cli)));
  if ((result = sk_load(cli, &set)) != CLI_OK)
    return (result);
  if ((result = repOutOpen(cli, &out, path)) != CLI_OK)
  {
    sk_free(&set);
    return (result);
  }
  fp = out.fp;
  for (size_t i = 0; i < set.count; i ++)
  {
    const sk_row_t *r = set.rows + i;

    for (int k = 0; k < 5; k ++)
      if (!strcmp(r->state, states[k]))
        by_state[k] ++;
    if (!sk_live(r))
      continue;
    outstanding ++;
    json_object_set_new(districts, r->district,
                        json_integer(json_integer_value(json_object_get(districts, r->district)) + 1));
    if (strcmp(r->valid_until, set.soon) <= 0)
    {
      char masked[32];

      soon ++;
      repMaskNik(r->nik, masked, sizeof(masked));
      if (list)
        json_array_append_new(rows, json_pack("{s:I,s:s,s:s,s:s,s:s}", "suket", (json_int_t)r->id, "number", r->number,
                                              "nik", masked, "kecamatan", r->district, "valid_until", r->valid_until));
    }
  }
  if (!strcmp(format, "json"))
  {
    json_t *o = json_pack("{s:s,s:I,s:I,s:O}", "today", set.today, "outstanding", (json_int_t)outstanding,
                          "expiring_30_days", (json_int_t)soon, "by_kecamatan", districts);

    for (int k = 0; k < 5; k ++)
      json_object_set_new(o, states[k], json_integer(by_state[k]));
    if (list)
      json_object_set(o, "expiring", rows);
    json_dumpf(o, fp, JSON_INDENT(2) | JSON_SORT_KEYS);
    fputc('\n', fp);
    json_decref(o);
  }
  else if (!strcmp(format, "csv"))
  {
    fputs("kecamatan,outstanding\r\n", fp);
    json_object_foreach(districts, key, value)
    {
      repCsvText(fp, key);
      fprintf(fp, ",%lld\r\n", (long long)json_integer_value(value));
    }
    fprintf(fp, "total,%lld\r\nexpiring_30_days,%lld\r\n", (long long)outstanding, (long long)soon);
  }
  else
  {
    char n[5][32];				/* Counts, grouped */

    fprintf(fp, _("Suket outstanding: %s; expiring within %d days: %s.\n"), i18nCount(outstanding, n[0], sizeof(n[0])),
            SUKET_SOON, i18nCount(soon, n[1], sizeof(n[1])));
    fprintf(fp, _("Issued %s, extended %s, retrieved %s, expired %s, cancelled %s.\n"),
            i18nCount(by_state[0], n[0], sizeof(n[0])), i18nCount(by_state[1], n[1], sizeof(n[1])),
            i18nCount(by_state[2], n[2], sizeof(n[2])), i18nCount(by_state[3], n[3], sizeof(n[3])),
            i18nCount(by_state[4], n[4], sizeof(n[4])));
    if (json_object_size(districts))
      fprintf(fp, "%s\n", _("Outstanding by kecamatan:"));
    json_object_foreach(districts, key, value)
      fprintf(fp, "  %-30s %6s\n", key, i18nCount(json_integer_value(value), n[0], sizeof(n[0])));
    if (list)
    {
      size_t	i;
      json_t	*row;

      json_array_foreach(rows, i, row)
        fprintf(fp, "%6lld  %-28s  %s  %-20s  %s\n", (long long)json_integer_value(json_object_get(row, "suket")),
               json_string_value(json_object_get(row, "number")), json_string_value(json_object_get(row, "nik")),
               json_string_value(json_object_get(row, "kecamatan")),
               json_string_value(json_object_get(row, "valid_until")));
    }
  }
  json_decref(districts);
  json_decref(rows);
  sk_free(&set);
  return (repOutClose(cli, &out, NULL));
}


/* Every suket in blanko's own CSV format (above), to a file (0600). */
int
repSuketExport(cli_t      *cli,		/* I - Command context */
               const char *out)		/* I - Output file */
{
  static const char * const head[] =
  { "format", "number", "nik", "state", "issued", "valid_until", "kecamatan", "request", "suket" };
  blanko_out_t	file;
  sk_set_t	set;
  int		result;

  if ((result = sk_load(cli, &set)) != CLI_OK)
    return (result);
  if ((result = repOutOpen(cli, &file, out)) != CLI_OK)
  {
    sk_free(&set);
    return (result);
  }
  for (size_t k = 0; k < sizeof(head) / sizeof(head[0]); k ++)
    fprintf(file.fp, "%s%s", k ? "," : "", head[k]);
  fputs("\r\n", file.fp);
  for (size_t i = 0; i < set.count; i ++)
  {
    const sk_row_t *r = set.rows + i;

    fputs("blanko-suket-1,", file.fp);
    repCsvText(file.fp, r->number);
    fprintf(file.fp, ",%s,%s,%s,%s,", r->nik, r->state, r->issued, r->valid_until);
    repCsvText(file.fp, r->district);
    fprintf(file.fp, ",%lld,%lld\r\n", (long long)r->request, (long long)r->id);
  }
  result = repOutClose(cli, &file, NULL);
  if (result == CLI_OK && !cliGetJson(cli))
  {
    char n[32];					/* The count, grouped */

    printf(P_("%s suket written to %s.\n", "%s suket written to %s.\n", set.count),
           i18nCount((int64_t)set.count, n, sizeof(n)), out);
  }
  else if (result == CLI_OK)
    cliJsonPrint(json_pack("{s:I,s:s}", "written", (json_int_t)set.count, "file", out));
  sk_free(&set);
  return (result);
}
