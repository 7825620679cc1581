/*
 * The words of blanko's fixed lists: destruction methods, reasons, states,
 * kinds and roles.  A leaf of the ledger library, calling nothing but
 * gettext.
 *
 * One table per list: each entry is the stored code (English, data, never
 * changed), its label for people (an N_() text, Indonesian through the
 * catalogue, as etc/locale/GLOSSARY.md fixes it), and the Indonesian words
 * a person may type instead of the code.  invVocabCode turns what was typed
 * into the code: every command and library function that takes such a
 * value calls it, so what is stored is always the code.
 */

#include "blanko/inventory.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct vocab_word_s		/* One entry of a list */
{
  const char	*code;			/* Stored code */
  const char	*label;			/* Label for people, N_() */
  const char	*words[3];		/* Indonesian input words */
  unsigned	flags;			/* VOCAB_* marks */
} vocab_word_t;

typedef struct vocab_list_s		/* One list: a table, or the marked entries of one */
{
  const vocab_word_t *words;
  size_t	count;
  unsigned	need;			/* Flags an entry must have to be in the list */
} vocab_list_t;

#define VOCAB_REPRINT	1		/* A request category that is also a reprint's reason */
#define VOCAB(a) { a, sizeof(a) / sizeof(a[0]), 0 }
#define VOCAB_MARKED(a, f) { a, sizeof(a) / sizeof(a[0]), f }

static const vocab_word_t methods[] =	/* destroy.prepare method */
{
  { "incineration",	N_("burning"),		{ "pembakaran", "dibakar" }, 0 },
  { "shredding",	N_("shredding"),	{ "pencacahan", "dicacah" }, 0 },
  { "punching",		N_("punching"),		{ "pelubangan", "dilubangi" }, 0 },
};

static const vocab_word_t invalid_reasons[] =	/* inventory invalid --reason */
{
  { "returned",		N_("returned"),		{ "dikembalikan" }, 0 },
  { "damaged",		N_("damaged"),		{ "rusak" }, 0 },
  { "superseded",	N_("superseded"),	{ "diganti" }, 0 },
  { "wrong-data",	N_("wrong data"),	{ "data-salah", "data salah" }, 0 },
  { "found",		N_("found"),		{ "ditemukan" }, 0 },
  { "lost",		N_("lost"),		{ "hilang" }, 0 },
  { "unclaimed",	N_("unclaimed"),	{ "tidak-diambil", "tidak diambil" }, 0 },
};

static const vocab_word_t return_reasons[] =	/* inventory return --reason (issue 14) */
{
  { "unclaimed",	N_("unclaimed"),	{ "tidak-diambil", "tidak diambil" }, 0 },
  { "moved",		N_("moved away"),	{ "pindah" }, 0 },
  { "wrong-data",	N_("wrong data"),	{ "data-salah", "data salah" }, 0 },
};

static const vocab_word_t categories[] =	/* card_request.category; the marked ones are the
					   reprint reasons (--replace, reprint --reason) */
{
  { "new",		N_("new request"),	{ "baru" }, 0 },
  { "lost",		N_("lost"),		{ "hilang" },					VOCAB_REPRINT },
  { "damaged",		N_("damaged"),		{ "rusak" },					VOCAB_REPRINT },
  { "data-change",	N_("change of data"),	{ "perubahan-data", "perubahan data", "data change" }, VOCAB_REPRINT },
  { "moved",		N_("moved in"),		{ "pindah" }, 0 },
};

static const vocab_word_t request_states[] =	/* card_request.state */
{
  { "pending",		N_("pending"),		{ "menunggu" }, 0 },
  { "submitted",	N_("submitted"),	{ "dikirim" }, 0 },
  { "printed",		N_("printed"),		{ "dicetak" }, 0 },
  { "failed",		N_("failed"),		{ "gagal" }, 0 },
  { "suspect",		N_("suspect"),		{ "diragukan" }, 0 },
  { "cancelled",	N_("cancelled"),	{ "dibatalkan" }, 0 },
  { "superseded",	N_("superseded"),	{ "diganti" }, 0 },
};

static const vocab_word_t job_states[] =	/* print_job.state */
{
  { "intent",		N_("intent"),		{ "dicatat" }, 0 },
  { "submitted",	N_("submitted"),	{ "dikirim" }, 0 },
  { "suspect",		N_("suspect"),		{ "diragukan" }, 0 },
  { "done",		N_("done"),		{ "selesai" }, 0 },
};

static const vocab_word_t printer_states[] =	/* printer state */
{
  { "running",		N_("running"),		{ "berjalan" }, 0 },
  { "paused",		N_("paused"),		{ "dijeda" }, 0 },
  { "check-needed",	N_("check-needed"),	{ "perlu-diperiksa", "perlu diperiksa" }, 0 },
};

static const vocab_word_t card_states[] =	/* State accounts */
{
  { "issued",		N_("issued"),		{ "dikeluarkan" }, 0 },
  { "spoiled",		N_("spoiled"),		{ "rusak" }, 0 },
  { "invalid",		N_("invalid"),		{ "tidak-berlaku", "tidak berlaku" }, 0 },
  { "destroyed",	N_("destroyed"),	{ "dimusnahkan" }, 0 },
  { "lost",		N_("lost"),		{ "hilang" }, 0 },
  { "reported-lost",	N_("reported lost"),	{ "dilaporkan-hilang", "dilaporkan hilang" }, 0 },
  { "delivered",	N_("delivered"),	{ "diserahkan" }, 0 },
  { "returned",		N_("returned"),		{ "dikembalikan" }, 0 },
};

static const vocab_word_t kinds[] =	/* account.kind */
{
  { "supplier",		N_("supplier"),		{ "pemasok" }, 0 },
  { "store",		N_("store"),		{ "gudang" }, 0 },
  { "printroom",	N_("print room"),	{ "ruang-cetak", "ruang cetak" }, 0 },
  { "hopper",		N_("card hopper"),	{ "baki-kartu", "baki kartu" }, 0 },
  { "state",		N_("card state"),	{ "status-kartu", "status kartu" }, 0 },
  { "kecamatan",	N_("district office"),	{ "kecamatan" }, 0 },
  { "kelurahan",	N_("village office"),	{ "kelurahan", "desa" }, 0 },
  { "transit",		N_("in transit"),	{ "dalam-perjalanan", "dalam perjalanan" }, 0 },
};

static const vocab_word_t roles[] =	/* User roles */
{
  { "admin",		N_("admin"),		{ "admin" }, 0 },
  { "warehouse",	N_("warehouse staff"),	{ "petugas-gudang", "petugas gudang" }, 0 },
  { "printroom",	N_("print room staff"),	{ "petugas-ruang-cetak", "petugas ruang cetak" }, 0 },
  { "auditor",		N_("auditor"),		{ "auditor" }, 0 },
  { "distribution",	N_("distribution staff"), { "petugas-distribusi", "petugas distribusi" }, 0 },
};

static const vocab_word_t record_states[] =	/* Destruction, write-off and void records */
{
  { "prepared",		N_("prepared"),		{ "disiapkan" }, 0 },
  { "approved",		N_("approved"),		{ "disetujui" }, 0 },
  { "executed",		N_("executed"),		{ "dilaksanakan" }, 0 },
  { "cancelled",	N_("cancelled"),	{ "dibatalkan" }, 0 },
};

static const vocab_word_t event_kinds[] =	/* event.kind (events-private.h); shown, never typed */
{
  { "init",			N_("ledger created"),			{ NULL }, 0 },
  { "user.add",			N_("user added"),			{ NULL }, 0 },
  { "user.set",			N_("user changed"),			{ NULL }, 0 },
  { "user.disable",		N_("user disabled"),			{ NULL }, 0 },
  { "user.enable",		N_("user enabled"),			{ NULL }, 0 },
  { "user.person",		N_("official's name, NIP and post"),	{ NULL }, 0 },
  { "user.passwd",		N_("web password set"),			{ NULL }, 0 },
  { "user.place",		N_("user's place set"),			{ NULL }, 0 },
  { "location.add",		N_("location added"),			{ NULL }, 0 },
  { "account.add",		N_("account added"),			{ NULL }, 0 },
  { "receive",			N_("receipt"),				{ NULL }, 0 },
  { "transfer",			N_("transfer"),				{ NULL }, 0 },
  { "count",			N_("stocktake"),			{ NULL }, 0 },
  { "spoil",			N_("blanks spoiled in handling"),	{ NULL }, 0 },
  { "invalid",			N_("card declared invalid"),		{ NULL }, 0 },
  { "report-lost",		N_("card reported lost"),		{ NULL }, 0 },
  { "destroy.prepare",		N_("destruction: prepared"),		{ NULL }, 0 },
  { "destroy.approve",		N_("destruction: approved"),		{ NULL }, 0 },
  { "destroy",			N_("destruction: destroyed"),		{ NULL }, 0 },
  { "destroy.execute",		N_("destruction: executed"),		{ NULL }, 0 },
  { "destroy.cancel",		N_("destruction: cancelled"),		{ NULL }, 0 },
  { "writeoff.prepare",		N_("write-off: prepared"),		{ NULL }, 0 },
  { "writeoff",			N_("write-off: approved"),		{ NULL }, 0 },
  { "writeoff.cancel",		N_("write-off: cancelled"),		{ NULL }, 0 },
  { "receive.void.prepare",	N_("void of a receipt: prepared"),	{ NULL }, 0 },
  { "receive.void",		N_("void of a receipt: approved"),	{ NULL }, 0 },
  { "receive.void.cancel",	N_("void of a receipt: cancelled"),	{ NULL }, 0 },
  { "supply.request",		N_("request for blanks"),		{ NULL }, 0 },
  { "supply.cancel",		N_("request for blanks cancelled"),	{ NULL }, 0 },
  { "request.import",		N_("card requests imported"),		{ NULL }, 0 },
  { "request.cancel",		N_("card request cancelled"),		{ NULL }, 0 },
  { "request.reprint",		N_("reprint"),				{ NULL }, 0 },
  { "request.priority",		N_("priority set"),			{ NULL }, 0 },
  { "card.spoil",		N_("card spoiled"),			{ NULL }, 0 },
  { "printer.add",		N_("printer added"),			{ NULL }, 0 },
  { "printer.remove",		N_("printer removed"),			{ NULL }, 0 },
  { "printer.load",		N_("printer loaded"),			{ NULL }, 0 },
  { "printer.unload",		N_("printer unloaded"),			{ NULL }, 0 },
  { "printer.check",		N_("printer checked"),			{ NULL }, 0 },
  { "printer.pause",		N_("printer paused"),			{ NULL }, 0 },
  { "printer.resume",		N_("printer resumed"),			{ NULL }, 0 },
  { "key.rotate",		N_("signing key rotated"),		{ NULL }, 0 },
  { "print.intent",		N_("print: recorded"),			{ NULL }, 0 },
  { "print.submitted",		N_("print: sent"),			{ NULL }, 0 },
  { "print.resubmit",		N_("print: sent again"),		{ NULL }, 0 },
  { "print.issued",		N_("print: issued"),			{ NULL }, 0 },
  { "print.spoiled",		N_("print: spoiled"),			{ NULL }, 0 },
  { "print.unsent",		N_("print: not sent"),			{ NULL }, 0 },
  { "print.suspect",		N_("print: fate unknown"),		{ NULL }, 0 },
  { "print.resolve",		N_("print: resolved"),			{ NULL }, 0 },
  { "print",			N_("card printed"),			{ NULL }, 0 },
  { "dispatch",			N_("dispatch"),				{ NULL }, 0 },
  { "arrive",			N_("arrival of a dispatch"),		{ NULL }, 0 },
};

static const vocab_list_t lists[] =	/* By inv_vocab_t */
{
  VOCAB(methods), VOCAB(invalid_reasons), VOCAB_MARKED(categories, VOCAB_REPRINT), VOCAB(request_states),
  VOCAB(job_states), VOCAB(printer_states), VOCAB(card_states), VOCAB(kinds), VOCAB(roles), VOCAB(categories),
  VOCAB(record_states), VOCAB(event_kinds),
  VOCAB(return_reasons)
};


/* Is entry i of list l in the list (it has the flags the list needs)? */
static bool
vocab_in(const vocab_list_t *l,		/* I - The list */
         size_t             i)		/* I - Entry of its table */
{
  return ((l->words[i].flags & l->need) == l->need);
}


/* The list's table, or NULL. */
static const vocab_list_t *
vocab_list(inv_vocab_t list)		/* I - Which list */
{
  return ((unsigned)list < sizeof(lists) / sizeof(lists[0]) ? lists + list : NULL);
}


/* The code a person means: the code itself, or one of its Indonesian words
 * (ASCII case ignored, "LOST" is lost); NULL when word is in neither. */
const char *
invVocabCode(inv_vocab_t list,		/* I - Which list */
             const char  *word)		/* I - What was typed */
{
  const vocab_list_t *l = vocab_list(list);

  if (!l || !word)
    return (NULL);
  for (size_t i = 0; i < l->count; i ++)
    if (vocab_in(l, i) && !strcasecmp(word, l->words[i].code))
      return (l->words[i].code);
  for (size_t i = 0; i < l->count; i ++)
    for (size_t j = 0; j < sizeof(l->words[i].words) / sizeof(l->words[i].words[0]) && l->words[i].words[j]; j ++)
      if (vocab_in(l, i) && !strcasecmp(word, l->words[i].words[j]))
        return (l->words[i].code);
  return (NULL);
}


/* The label of a code for people, in the user's language; the code itself
 * when the list has no such code. */
const char *
invVocabLabel(inv_vocab_t list,		/* I - Which list */
              const char  *code)	/* I - Stored code */
{
  const vocab_list_t *l = vocab_list(list);

  for (size_t i = 0; l && code && i < l->count; i ++)
    if (!strcmp(code, l->words[i].code))
      return (_(l->words[i].label));
  return (code ? code : "");
}


/* A code as shown to a person who may have to type or find it: "label
 * (code)", or the code alone where the label is the code (English). */
const char *
invVocabShow(inv_vocab_t list,		/* I - Which list */
             const char  *code,		/* I - Stored code */
             char        *buffer,	/* O - Text */
             size_t      size)		/* I - Its size */
{
  const char *label = invVocabLabel(list, code);

  if (!strcmp(label, code ? code : ""))
    snprintf(buffer, size, "%s", label);
  else
    snprintf(buffer, size, "%s (%s)", label, code);
  return (buffer);
}


/* Every entry of a list as a person may type it, for messages and help:
 * "pembakaran (incineration), pencacahan (shredding), ..." (in English
 * only the codes). */
const char *
invVocabChoices(inv_vocab_t list,	/* I - Which list */
                char        *buffer,	/* O - Text */
                size_t      size)	/* I - Its size */
{
  const vocab_list_t	*l = vocab_list(list);
  size_t		used = 0;
  char			one[128];

  if (size)
    *buffer = '\0';
  for (size_t i = 0; l && i < l->count && used < size; i ++)
  {
    const char *label = _(l->words[i].label);

    if (!vocab_in(l, i))
      continue;

    if (strcmp(label, l->words[i].label))		/* Translated: the word one may type, then the code */
      snprintf(one, sizeof(one), "%s (%s)", l->words[i].words[0], l->words[i].code);
    else
      snprintf(one, sizeof(one), "%s", l->words[i].code);
    used += (size_t)snprintf(buffer + used, size - used, "%s%s", used ? ", " : "", one);
  }
  return (buffer);
}


/* A code as a table or a sentence shows it: "label (code)" when the
 * catalogue translates the label, the code alone otherwise (in English the
 * code is the word people know: "receive.void", "prepared"). */
const char *
invVocabTerm(inv_vocab_t list,		/* I - Which list */
             const char  *code,		/* I - Stored code */
             char        *buffer,	/* O - Text */
             size_t      size)		/* I - Its size */
{
  const vocab_list_t	*l = vocab_list(list);

  for (size_t i = 0; l && code && i < l->count; i ++)
    if (!strcmp(code, l->words[i].code))
    {
      const char *label = _(l->words[i].label);

      if (strcmp(label, l->words[i].label))
        snprintf(buffer, size, "%s (%s)", label, code);
      else
        snprintf(buffer, size, "%s", code);
      return (buffer);
    }
  snprintf(buffer, size, "%s", code ? code : "");
  return (buffer);
}
