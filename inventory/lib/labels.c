/*
 * Accounts and account kinds as people read them (see blanko/labels.h):
 * the words come from the vocabulary's tables (vocab.c: card states and
 * account kinds); an account adds what only an account has, the printer a
 * hopper belongs to.
 */

#include "blanko/labels.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <string.h>


/* An account for people. */
const char *
invAccountLabel(const char *code,	/* I - Account code */
                inv_kind_t kind,	/* I - Its kind */
                char       *buf,	/* O - Label */
                size_t     bufsize)	/* I - Size of buf */
{
  if (kind == INV_KIND_HOPPER && !strncmp(code, "hopper.", 7))
    snprintf(buf, bufsize, _("hopper of printer %s (%s)"), code + 7, code);
  else if (kind == INV_KIND_STATE)
    invVocabShow(INV_VOCAB_CARD_STATE, code, buf, bufsize);	/* "dikeluarkan (issued)" */
  else
    snprintf(buf, bufsize, "%s", code);
  return (buf);
}


/* An account kind in words. */
const char *
invKindLabel(inv_kind_t kind)		/* I - Kind */
{
  return (invVocabLabel(INV_VOCAB_KIND, invKindName(kind)));
}
