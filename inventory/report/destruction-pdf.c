/*
 * The destruction record (berita acara pemusnahan) as an official PDF: the
 * office's letterhead, the title and official number, the standard wording
 * with the day, date and counts in words, the officials by full name, NIP
 * and post, the witnesses, "Mengetahui" for the head of office, the annex
 * of serial ranges and the seal in a box on the last page.  It is built as
 * a document (repDoc*, rpdf_doc_t) that the PDF writer lays out; its text
 * goes through gettext in the language asked for (--lang).
 */

#include "report-private.h"
#include "blanko/date.h"
#include "blanko/words.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>


/* The record's PDF being built. */
typedef struct bap_s
{
  rep_doc_t		d;		/* The document */
  cli_t			*cli;		/* Command context */
  const rep_record_t	*v;		/* The record with its serials */
  const inv_record_t	*r;		/* ... the record itself */
  const blanko_config_t	*config;	/* The office */
  bool			lang_en;	/* English, else Indonesian */
  bool			sealed;		/* Executed, so sealed and numbered */
  const char		*number;	/* Its official number, or "-" */
} bap_t;


/* A reason as a clerk writes it: the codes of the ledger and of the
 * printers in words, anything the clerk typed as typed. */
static const char *
bap_reason(const char *reason)		/* I - Stored reason */
{
  static const char * const words[][2] =
  {
    { "returned", N_("handed back by the holder") },
    { "damaged", N_("damaged") },
    { "superseded", N_("replaced by a new card") },
    { "wrong-data", N_("wrong data") },
    { "found", N_("found again after being reported lost") },
    { "lost", N_("lost") },
    { "media-jam", N_("jammed in the printer") },
    { "marker-supply-empty", N_("the printer ribbon ran out") },
    { "toner-empty", N_("the printer ribbon ran out") },
    { "cover-open", N_("the printer cover was opened") },
    { "door-open", N_("the printer cover was opened") },
    { "interlock-open", N_("the printer cover was opened") },
    { "input-tray-missing", N_("the card tray was not in place") },
    { "media-empty", N_("the card hopper ran empty") },
    { "marker-waste-full", N_("the printer's waste bin was full") },
    { "offline", N_("the printer went off line") },
    { "other", N_("a printer fault") }
  };

  for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i ++)
    if (!strcmp(reason, words[i][0]))
      return (_(words[i][1]));
  return (reason);
}


/* The letterhead, the title with the number, and the opening words. */
static void
bap_head(bap_t *b)			/* I - Record being built */
{
  const rep_record_t	*v = b->v;
  rpdf_block_t		*t;
  const char		*what;

  b->d.doc.kop[0] = repDocUpper(&b->d, b->config->government);
  b->d.doc.kop[1] = repDocUpper(&b->d, b->config->office);
  b->d.doc.kop[2] = b->config->address;
  b->d.doc.footer = b->sealed ? repDocText(&b->d, _("Record number %s"), b->number)
                              : repDocText(&b->d, "%s", _("DRAFT, not sealed"));
  b->d.doc.page = _("Page");
  b->d.doc.of = _("of");

  if (v->invalid && v->spoiled)
    what = _("INVALID OR DAMAGED KTP-EL CARDS AND SPOILED KTP-EL BLANKS");
  else if (v->invalid)
    what = _("INVALID OR DAMAGED KTP-EL CARDS");
  else
    what = _("SPOILED KTP-EL BLANKS");
  t = repDocAdd(&b->d, RPDF_TITLE);
  t->text = repDocText(&b->d, "%s\n%s", b->sealed ? _("RECORD OF DESTRUCTION") : _("DRAFT RECORD OF DESTRUCTION"),
                       what);
  t = repDocAdd(&b->d, RPDF_PARA);
  t->align = RPDF_CENTRE;
  t->text = repDocText(&b->d, _("Number: %s"), b->number);
  repDocAdd(&b->d, RPDF_SPACE)->mm = 3;
}


/* The method as the verb of the opening sentence. */
static const char *
bap_method(const char *method)		/* I - incineration, shredding, punching */
{
  /* A context of its own: the vocabulary's labels (vocab.c) are nouns,
     "pembakaran"; the sentence needs the verb, "dengan cara dibakar". */
  if (!strcmp(method, "incineration"))
    return (C_("destruction method, as a verb", "burning"));
  if (!strcmp(method, "shredding"))
    return (C_("destruction method, as a verb", "shredding"));
  if (!strcmp(method, "punching"))
    return (_("punching holes through them"));
  return (method);
}


/* "Pada hari ini Sabtu tanggal lima bulan Desember tahun dua ribu dua
 * puluh enam, pukul 10.00 WIB, bertempat di ..., kami yang bertanda tangan
 * di bawah ini:" -- or, for a draft, what is to be done. */
static void
bap_opening(bap_t *b)			/* I - Record being built */
{
  const inv_record_t	*r = b->r;
  struct tm		tm;
  char			zone[16], day[INV_WORDS_MAX], year[INV_WORDS_MAX], clock[32];
  const char		*weekday;

  if (!b->sealed || !invDateToLocal(r->executed, &tm, zone, sizeof(zone)))
  {
    repDocPara(&b->d, RPDF_JUSTIFY,
               repDocText(&b->d, _("This record is a draft and has not been executed: %s cards are to be destroyed "
                                   "by %s at %s."), repDocCount(&b->d, r->count, b->lang_en), bap_method(r->method), r->place));
    return;
  }
  repDocDayWords(&tm, b->lang_en, &weekday, day, year);
  snprintf(clock, sizeof(clock), _("%02d:%02d"), tm.tm_hour, tm.tm_min);
  repDocPara(&b->d, RPDF_JUSTIFY,
             repDocText(&b->d, _("On this day, %s, day %s of the month of %s of the year %s, at %s %s, at %s, we "
                                 "the undersigned:"), weekday, day, repDocMonth(tm.tm_mon + 1), year,
                        clock, zone, r->place));
}


/* One official in the opening: number, name, NIP, post, and the party they
 * are called. */
static void
bap_party(bap_t      *b,		/* I - Record being built */
          int        no,		/* I - Their number */
          const char *user,		/* I - User name */
          const char *via,		/* I - Who acted for them */
          const char *called)		/* I - "hereinafter called ..." */
{
  static const double	widths[4] = { 8, 22, 4, 136 };
  inv_person_t		p;
  rpdf_block_t		*t = repDocAdd(&b->d, RPDF_TABLE);
  const char		**c = repDocCells(&b->d, 16);

  repDocOfficial(b->cli, user, via, &p);
  t->ncols = 4;
  t->widths = widths;
  t->cells = c;
  t->nrows = 4;
  t->keep = true;
  t->mm = 4;
  if (!c)
    return;
  repDocParty(&b->d, c, repDocText(&b->d, "%d.", no), &p, called);
}


/* The officials, what was destroyed (a table with counts in words), and
 * the closing words. */
static void
bap_body(bap_t *b)			/* I - Record being built */
{
  static const double	widths[3] = { 12, 96, 66 };
  const rep_record_t	*v = b->v;
  const inv_record_t	*r = b->r;
  rpdf_block_t		*t;
  const char		**c;
  size_t		row = 1;
  int			no = 1;
  char			reasons[1024] = "";

  if (b->sealed)
  {
    bap_party(b, no ++, r->executor, r->executor_via, _("hereinafter called THE PARTY THAT DESTROYS;"));
    bap_party(b, no ++, r->approver, r->approver_via, _("hereinafter called THE PARTY THAT APPROVES;"));
    if (strcmp(r->preparer, r->executor) && strcmp(r->preparer, r->approver))
      bap_party(b, no ++, r->preparer, r->preparer_via, _("hereinafter called THE PARTY THAT PREPARED THE RECORD;"));
    repDocPara(&b->d, RPDF_JUSTIFY,
               repDocText(&b->d, _("witnessed by the witnesses named below, have destroyed by %s:"),
                          bap_method(r->method)));
  }

  /* What: invalid cards (with their reasons) and spoiled blanks. */
  for (size_t i = 0; i < v->ngroups; i ++)
    if (!strcmp(v->groups[i].state, "invalid") && !strstr(reasons, bap_reason(v->groups[i].reason)))
      snprintf(reasons + strlen(reasons), sizeof(reasons) - strlen(reasons), "%s%s", reasons[0] ? ", " : "",
               bap_reason(v->groups[i].reason));
  t = repDocAdd(&b->d, RPDF_TABLE);
  t->ncols = 3;
  t->widths = widths;
  t->aligns = "clr";
  t->grid = true;
  t->head = 1;
  t->foot = 1;
  t->keep = true;
  t->cells = c = repDocCells(&b->d, 3 * 4);
  if (c)
  {
    c[0] = _("No.");
    c[1] = _("Kind");
    c[2] = _("Quantity");
    if (v->invalid)
    {
      c[3 * row] = repDocText(&b->d, "%zu", row);
      c[3 * row + 1] = repDocText(&b->d, _("Invalid KTP-el cards (%s)"), reasons);
      c[3 * row + 2] = repDocText(&b->d, _("%s pieces"), repDocCount(&b->d, v->invalid, b->lang_en));
      row ++;
    }
    if (v->spoiled)
    {
      c[3 * row] = repDocText(&b->d, "%zu", row);
      c[3 * row + 1] = _("KTP-el blanks spoiled in printing");
      c[3 * row + 2] = repDocText(&b->d, _("%s pieces"), repDocCount(&b->d, v->spoiled, b->lang_en));
      row ++;
    }
    c[3 * row + 1] = _("Total");
    c[3 * row + 2] = repDocText(&b->d, _("%s pieces"), repDocCount(&b->d, r->count, b->lang_en));
    t->nrows = row + 1;
  }
  repDocPara(&b->d, RPDF_JUSTIFY, _("with the serial numbers as listed in the Annex to this Record."));
  if (!b->sealed)
    return;
  repDocPara(&b->d, RPDF_JUSTIFY, _("The destruction was carried on until no card could be recognised or used "
                                    "again."));
  repDocPara(&b->d, RPDF_JUSTIFY,
             repDocText(&b->d, _("This Record is made truthfully in %s copies, to be used as is proper."),
                        repDocCount(&b->d, 3, b->lang_en)));
}


/* The date line, the officials' signatures, the witnesses and the head of
 * office ("Mengetahui"). */
static void
bap_signatures(bap_t *b)		/* I - Record being built */
{
  static const double	ww[3] = { 8, 112, 54 };
  const inv_record_t	*r = b->r;
  const blanko_config_t	*config = b->config;
  inv_person_t		approver, executor;
  rpdf_block_t		*t;
  const char		**c;
  struct tm		tm;
  char			zone[16];
  json_t		*witnesses = json_loads(r->witnesses, 0, NULL), *one;
  size_t		i, nw = json_array_size(witnesses);

  if (!b->sealed || !invDateToLocal(r->executed, &tm, zone, sizeof(zone)))
  {
    json_decref(witnesses);
    return;
  }
  repDocAdd(&b->d, RPDF_SPACE)->mm = 2;
  repDocPlaceDate(&b->d, config->city[0] ? config->city : r->place, &tm);
  repDocOfficial(b->cli, r->approver, r->approver_via, &approver);
  repDocOfficial(b->cli, r->executor, r->executor_via, &executor);
  t = repDocAdd(&b->d, RPDF_SIGNS);
  t->ncols = 2;
  t->nrows = 2;
  t->cells = c = repDocCells(&b->d, 6);
  if (c)
  {
    c[0] = _("THE PARTY THAT APPROVES,");
    c[1] = repDocText(&b->d, "%s", approver.full_name);
    c[2] = repDocText(&b->d, _("NIP %s"), approver.nip[0] ? approver.nip : "-");
    c[3] = _("THE PARTY THAT DESTROYS,");
    c[4] = repDocText(&b->d, "%s", executor.full_name);
    c[5] = repDocText(&b->d, _("NIP %s"), executor.nip[0] ? executor.nip : "-");
  }

  /* Witnesses: name, post and NIP on their own lines, room to sign. */
  if (nw)
  {
    t = repDocAdd(&b->d, RPDF_HEADING);
    t->text = _("Witnesses:");
    t = repDocAdd(&b->d, RPDF_TABLE);
    t->ncols = 3;
    t->widths = ww;
    t->nrows = nw;
    t->cells = c = repDocCells(&b->d, 3 * nw);
    json_array_foreach(witnesses, i, one)
    {
      const char	*s = json_string_value(one);
      char		parts[3][256] = { "", "", "" };

      if (!c)
        break;
      for (int k = 0; k < 3 && s; k ++)		/* "Name; Post; NIP", as typed at execution */
      {
        size_t len = strcspn(s, ";");

        while (len && isspace((unsigned char)s[len - 1]))
          len --;
        snprintf(parts[k], sizeof(parts[k]), "%.*s", (int)len, s);
        s += strcspn(s, ";");
        s += (*s == ';');
        while (*s && isspace((unsigned char)*s))
          s ++;
      }
      c[3 * i] = repDocText(&b->d, "%zu.", i + 1);
      if (!parts[2][0])
        c[3 * i + 1] = repDocText(&b->d, "%s\n%s", parts[0], parts[1]);
      else if (isdigit((unsigned char)parts[2][0]))
        c[3 * i + 1] = repDocText(&b->d, _("%s\n%s\nNIP %s"), parts[0], parts[1], parts[2]);
      else					/* "NRP 12345678": an identity number of another kind */
        c[3 * i + 1] = repDocText(&b->d, "%s\n%s\n%s", parts[0], parts[1], parts[2]);
      c[3 * i + 2] = repDocText(&b->d, "\n%zu. ..............................", i + 1);
    }
  }
  json_decref(witnesses);

  /* The head of office. */
  repDocHeadSign(&b->d, config);
}


/* Order a record's groups by their first serial. */
static int
bap_group_compare(const void *a,	/* I - One group */
                  const void *b)	/* I - Another */
{
  const inv_range_t	*x = invListGetRange((*(const rep_group_t * const *)a)->serials, 0),
			*y = invListGetRange((*(const rep_group_t * const *)b)->serials, 0);
  int			c;

  if (!x || !y)
    return (!x - !y);
  c = strcmp(x->prefix, y->prefix);
  return (c ? c : x->first < y->first ? -1 : x->first > y->first);
}


/*
 * The annex, from a new page: for each kind and reason (in the order of
 * their first serials) a heading with the count, then its ranges in the
 * order of the serials, three to a row (from, to, quantity), in small
 * print, so that thousands of ranges stay a few pages.
 */
static void
bap_annex(bap_t *b)			/* I - Record being built */
{
  enum { SETS = 3 };
  static const double	widths[3 * SETS] = { 22, 22, 14, 22, 22, 14, 22, 22, 14 };
  const rep_record_t	*v = b->v;
  const rep_group_t	**groups = calloc(v->ngroups ? v->ngroups : 1, sizeof(rep_group_t *));
  rpdf_block_t		*t;

  if (!groups)
  {
    b->d.failed = true;
    return;
  }
  for (size_t g = 0; g < v->ngroups; g ++)
    groups[g] = v->groups + g;
  qsort(groups, v->ngroups, sizeof(rep_group_t *), bap_group_compare);

  repDocAdd(&b->d, RPDF_BREAK);
  t = repDocAdd(&b->d, RPDF_TITLE);
  t->text = repDocText(&b->d, "%s\n%s", _("ANNEX TO THE RECORD OF DESTRUCTION"),
                       repDocText(&b->d, _("Number: %s"), b->number));
  for (size_t g = 0; g < v->ngroups; g ++)
  {
    const rep_group_t	*group = groups[g];
    size_t		n = invListGetCount(group->serials), rows = (n + SETS - 1) / SETS;
    const char		**c;

    t = repDocAdd(&b->d, RPDF_HEADING);
    t->text = repDocText(&b->d, "%zu. %s: %s (%s)", g + 1,
                         !strcmp(group->state, "invalid") ? _("Invalid cards") :
                         !strcmp(group->state, "spoiled") ? _("Spoiled blanks") : group->state,
                         bap_reason(group->reason),
                         repDocText(&b->d, _("%s pieces"), repDocCount(&b->d, invListGetSerialCount(group->serials), b->lang_en)));
    t = repDocAdd(&b->d, RPDF_TABLE);
    t->ncols = 3 * SETS;
    t->widths = widths;
    t->aligns = "llrllrllr";
    t->grid = true;
    t->small = true;
    t->head = 1;
    t->nrows = rows + 1;
    t->cells = c = repDocCells(&b->d, 3 * SETS * (rows + 1));
    if (!c)
      break;
    for (int k = 0; k < SETS; k ++)
    {
      c[3 * k] = _("From");
      c[3 * k + 1] = _("To");
      c[3 * k + 2] = _("Quantity");
    }
    for (size_t i = 0; i < n; i ++)
    {
      const inv_range_t	*rg = invListGetRange(group->serials, i);
      char		from[INV_SERIAL_MAX], to[INV_SERIAL_MAX], count[48];
      const char	**cell = c + 3 * SETS * (1 + i / SETS) + 3 * (i % SETS);

      invSerialFormat(rg->prefix, rg->width, rg->first, from, sizeof(from));
      invSerialFormat(rg->prefix, rg->width, rg->last, to, sizeof(to));
      cell[0] = repDocText(&b->d, "%s", from);
      cell[1] = repDocText(&b->d, "%s", to);
      cell[2] = repDocText(&b->d, "%s", invNumberGrouped(rg->last - rg->first + 1, b->lang_en, count, sizeof(count)));
    }
  }
  free(groups);
}


/* The seal, in a box that is never split: the record's hash, the chain
 * head it sealed and the checkpoint signed with the service's key. */
static void
bap_seal(bap_t *b)			/* I - Record being built */
{
  const inv_record_t	*r = b->r;
  const inv_anchor_t	*a = &b->v->anchor;
  rpdf_block_t		*t = repDocAdd(&b->d, RPDF_BOX);
  const char		**c = repDocCells(&b->d, 2 * 6);
  char			when[64];

  t->text = _("Seal of this record");
  t->cells = c;
  if (!b->sealed)
  {
    t->note = _("Not sealed: the record has not been executed.");
    return;
  }
  if (!c)
    return;
  c[0] = _("Record hash (SHA-256)");
  c[1] = r->hash;
  c[2] = _("Chain head at sealing");
  c[3] = r->head;
  c[4] = _("Sealing event");
  c[5] = repDocText(&b->d, "%" PRId64, r->seal_event);
  t->nrows = 3;
  if (b->v->signed_)
  {
    c[6] = _("Checkpoint signed by key");
    c[7] = a->keyid;
    c[8] = _("Signature");
    c[9] = a->sig;
    c[10] = _("Signed at");
    c[11] = repDocText(&b->d, "%s", invDateFormatLocal(a->time, false, when, sizeof(when)));
    t->nrows = 6;
  }
  t->note = repDocText(&b->d, _("The hash covers the whole record: every range with its origin and reason, the "
                                "officials, the witnesses and the times. 'inventory destroy show %" PRId64 "' "
                                "recomputes it and compares it with the ledger; the signed checkpoint, kept off "
                                "this machine, shows that the ledger was not rewritten since."), r->id);
}


/* The PDF of a destruction record, written with the PDF writer pw. */
int
repDestructionPdf(cli_t               *cli,	/* I - Command context */
                  const rpdf_module_t *pw,	/* I - PDF writer */
                  const rep_record_t  *v,	/* I - The record */
                  bool                lang_en,	/* I - English, else Indonesian */
                  const char          *path)	/* I - Output file */
{
  bap_t		b;
  blanko_out_t	out;
  rep_lang_t	saved;
  char		error[256];
  const char	*why = NULL;

  if (repOutOpen(cli, &out, path) != CLI_OK)
    return (CLI_REFUSED);
  memset(&b, 0, sizeof(b));
  repDocInit(&b.d);
  b.cli = cli;
  b.v = v;
  b.r = v->record;
  b.config = cliGetConfig(cli);
  b.lang_en = lang_en;
  b.sealed = !strcmp(b.r->state, "executed");
  b.number = b.sealed && b.r->number[0] ? b.r->number : "-";

  repDocLangBegin(&saved, lang_en);
  bap_head(&b);
  bap_opening(&b);
  bap_body(&b);
  bap_signatures(&b);
  bap_annex(&b);
  bap_seal(&b);
  if (!repDocWrite(&b.d, pw, out.fp, error, sizeof(error)))
    why = error;
  repDocLangEnd(&saved);
  repDocFree(&b.d);
  return (repOutClose(cli, &out, why));
}
