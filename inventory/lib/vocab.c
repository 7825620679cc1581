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
} vocab_word_t;

typedef struct vocab_list_s		/* One list */
{
  const vocab_word_t *words;
  size_t	count;
} vocab_list_t;

#define VOCAB(a) { a, sizeof(a) / sizeof(a[0]) }

static const vocab_word_t methods[] =	/* destroy.prepare method */
{
  { "incineration",	N_("burning"),		{ "pembakaran", "dibakar" } },
  { "shredding",	N_("shredding"),	{ "pencacahan", "dicacah" } },
  { "punching",		N_("punching"),		{ "pelubangan", "dilubangi" } },
};

static const vocab_word_t invalid_reasons[] =	/* inventory invalid --reason */
{
  { "returned",		N_("returned"),		{ "dikembalikan" } },
  { "damaged",		N_("damaged"),		{ "rusak" } },
  { "superseded",	N_("superseded"),	{ "diganti" } },
  { "wrong-data",	N_("wrong data"),	{ "data-salah", "data salah" } },
  { "found",		N_("found"),		{ "ditemukan" } },
  { "lost",		N_("lost"),		{ "hilang" } },
  { "unclaimed",	N_("unclaimed"),	{ "tidak-diambil", "tidak diambil" } },
};

static const vocab_word_t return_reasons[] =	/* inventory return --reason (issue 14) */
{
  { "unclaimed",	N_("unclaimed"),	{ "tidak-diambil", "tidak diambil" } },
  { "moved",		N_("moved away"),	{ "pindah" } },
  { "wrong-data",	N_("wrong data"),	{ "data-salah", "data salah" } },
};

static const vocab_word_t reprint_reasons[] =	/* Reprint reasons (--replace, reprint --reason) */
{
  { "lost",		N_("lost"),		{ "hilang" } },
  { "damaged",		N_("damaged"),		{ "rusak" } },
  { "data-change",	N_("change of data"),	{ "perubahan-data", "perubahan data" } },
};

static const vocab_word_t request_states[] =	/* card_request.state */
{
  { "pending",		N_("pending"),		{ "menunggu" } },
  { "submitted",	N_("submitted"),	{ "dikirim" } },
  { "printed",		N_("printed"),		{ "dicetak" } },
  { "failed",		N_("failed"),		{ "gagal" } },
  { "suspect",		N_("suspect"),		{ "diragukan" } },
  { "cancelled",	N_("cancelled"),	{ "dibatalkan" } },
  { "superseded",	N_("superseded"),	{ "diganti" } },
};

static const vocab_word_t job_states[] =	/* print_job.state */
{
  { "intent",		N_("intent"),		{ "dicatat" } },
  { "submitted",	N_("submitted"),	{ "dikirim" } },
  { "suspect",		N_("suspect"),		{ "diragukan" } },
  { "done",		N_("done"),		{ "selesai" } },
};

static const vocab_word_t printer_states[] =	/* printer state */
{
  { "running",		N_("running"),		{ "berjalan" } },
  { "paused",		N_("paused"),		{ "dijeda" } },
  { "check-needed",	N_("check-needed"),	{ "perlu-diperiksa", "perlu diperiksa" } },
};

static const vocab_word_t card_states[] =	/* State accounts */
{
  { "issued",		N_("issued"),		{ "dikeluarkan" } },
  { "spoiled",		N_("spoiled"),		{ "rusak" } },
  { "invalid",		N_("invalid"),		{ "tidak-berlaku", "tidak berlaku" } },
  { "destroyed",	N_("destroyed"),	{ "dimusnahkan" } },
  { "lost",		N_("lost"),		{ "hilang" } },
  { "reported-lost",	N_("reported lost"),	{ "dilaporkan-hilang", "dilaporkan hilang" } },
  { "delivered",	N_("delivered"),	{ "diserahkan" } },
  { "returned",		N_("returned"),		{ "dikembalikan" } },
};

static const vocab_word_t kinds[] =	/* account.kind */
{
  { "supplier",		N_("supplier"),		{ "pemasok" } },
  { "store",		N_("store"),		{ "gudang" } },
  { "printroom",	N_("print room"),	{ "ruang-cetak", "ruang cetak" } },
  { "hopper",		N_("card hopper"),	{ "baki-kartu", "baki kartu" } },
  { "state",		N_("card state"),	{ "status-kartu", "status kartu" } },
  { "kecamatan",	N_("district office"),	{ "kecamatan" } },
  { "kelurahan",	N_("village office"),	{ "kelurahan", "desa" } },
  { "transit",		N_("in transit"),	{ "dalam-perjalanan", "dalam perjalanan" } },
};

static const vocab_word_t roles[] =	/* User roles */
{
  { "admin",		N_("admin"),		{ "admin" } },
  { "warehouse",	N_("warehouse staff"),	{ "petugas-gudang", "petugas gudang" } },
  { "printroom",	N_("print room staff"),	{ "petugas-ruang-cetak", "petugas ruang cetak" } },
  { "auditor",		N_("auditor"),		{ "auditor" } },
  { "distribution",	N_("distribution staff"), { "petugas-distribusi", "petugas distribusi" } },
};

static const vocab_list_t lists[] =	/* By inv_vocab_t */
{
  VOCAB(methods), VOCAB(invalid_reasons), VOCAB(reprint_reasons), VOCAB(request_states),
  VOCAB(job_states), VOCAB(printer_states), VOCAB(card_states), VOCAB(kinds), VOCAB(roles),
  VOCAB(return_reasons)
};


/* The list's table, or NULL. */
static const vocab_list_t *
vocab_list(inv_vocab_t list)		/* I - Which list */
{
  return ((unsigned)list < sizeof(lists) / sizeof(lists[0]) ? lists + list : NULL);
}


/* The code a person means: the code itself, or one of its Indonesian words
 * (ASCII case ignored); NULL when word is in neither. */
const char *
invVocabCode(inv_vocab_t list,		/* I - Which list */
             const char  *word)		/* I - What was typed */
{
  const vocab_list_t *l = vocab_list(list);

  if (!l || !word)
    return (NULL);
  for (size_t i = 0; i < l->count; i ++)
    if (!strcmp(word, l->words[i].code))
      return (l->words[i].code);
  for (size_t i = 0; i < l->count; i ++)
    for (size_t j = 0; j < sizeof(l->words[i].words) / sizeof(l->words[i].words[0]) && l->words[i].words[j]; j ++)
      if (!strcasecmp(word, l->words[i].words[j]))
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

    if (strcmp(label, l->words[i].label))		/* Translated: the word one may type, then the code */
      snprintf(one, sizeof(one), "%s (%s)", l->words[i].words[0], l->words[i].code);
    else
      snprintf(one, sizeof(one), "%s", l->words[i].code);
    used += (size_t)snprintf(buffer + used, size - used, "%s%s", i ? ", " : "", one);
  }
  return (buffer);
}
