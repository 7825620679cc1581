/*
 * Accounts and account kinds as people read them: one table of labels for
 * every report and command (see blanko/labels.h).
 */

#include "blanko/labels.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <string.h>

typedef struct label_s			/* A state account's words */
{
  const char	*code;			/* The account's code */
  const char	*key;			/* "account\004words", for gettext */
  const char	*words;			/* The English words */
} label_t;

#define LABEL(code, words)	{ code, "account\004" words, words }

static const label_t	states[] =	/* The card states' accounts */
{
  LABEL("issued", "issued"), LABEL("spoiled", "spoiled"), LABEL("invalid", "invalid"),
  LABEL("destroyed", "destroyed"), LABEL("lost", "lost"), LABEL("reported-lost", "reported lost"),
  LABEL("print", "being printed")
};

/* The same strings for xgettext, which cannot see through LABEL. */
#if 0
C_("account", "issued"); C_("account", "spoiled"); C_("account", "invalid"); C_("account", "destroyed");
C_("account", "lost"); C_("account", "reported lost"); C_("account", "being printed");
#endif


/* An account for people. */
const char *
invAccountLabel(const char *code,	/* I - Account code */
                inv_kind_t kind,	/* I - Its kind */
                char       *buf,	/* O - Label */
                size_t     bufsize)	/* I - Size of buf */
{
  if (kind == INV_KIND_HOPPER && !strncmp(code, "hopper.", 7))
  {
    snprintf(buf, bufsize, _("hopper of printer %s (%s)"), code + 7, code);
    return (buf);
  }
  if (kind == INV_KIND_STATE)
    for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i ++)
      if (!strcmp(code, states[i].code))
      {
        const char *words = i18nContext(states[i].key, states[i].words);

        if (strcmp(words, code))
          snprintf(buf, bufsize, "%s (%s)", words, code);
        else
          snprintf(buf, bufsize, "%s", code);
        return (buf);
      }
  snprintf(buf, bufsize, "%s", code);
  return (buf);
}


/* An account kind in words. */
const char *
invKindLabel(inv_kind_t kind)		/* I - Kind */
{
  switch (kind)
  {
    case INV_KIND_SUPPLIER :
	return (C_("account kind", "supplier"));
    case INV_KIND_STORE :
	return (C_("account kind", "store"));
    case INV_KIND_PRINTROOM :
	return (C_("account kind", "print room"));
    case INV_KIND_HOPPER :
	return (C_("account kind", "card hopper"));
    case INV_KIND_STATE :
	return (C_("account kind", "card state"));
  }
  return ("?");
}
