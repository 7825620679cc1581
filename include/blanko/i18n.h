/*
 * Message translation for blanko.
 *
 * Every user-facing string goes through _() so that the users' language
 * (Indonesian first) can follow without touching the code.  N_() marks a
 * string for translation where it is stored, not printed; P_() (ngettext)
 * picks the singular or plural form of a message that prints a count.
 */

#ifndef BLANKO_I18N_H
#define BLANKO_I18N_H

#include <libintl.h>

#define BLANKO_TEXTDOMAIN "blanko"

#define _(s)  gettext(s)
#define N_(s) (s)

/* A message that prints a count: ONE for 1 and MANY otherwise in English; a
   catalog gives as many forms as its language needs (Indonesian has one). */
#define P_(one, many, n) ngettext((one), (many), (unsigned long)(n))

/* The one out-of-memory message, translated: every part of blanko says
   this when an allocation fails (see also invDbNoMemory, cliFailNoMemory). */
static inline const char *
i18nNoMemory(void)
{
  return (_("out of memory"));
}

#endif /* BLANKO_I18N_H */
