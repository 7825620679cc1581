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
#include <stddef.h>
#include <stdint.h>

#define BLANKO_TEXTDOMAIN "blanko"

#define _(s)  gettext(s)
#define N_(s) (s)

/* A message that prints a count: ONE for 1 and MANY otherwise in English; a
   catalog gives as many forms as its language needs (Indonesian has one). */
#define P_(one, many, n) ngettext((one), (many), (unsigned long)(n))

/* A message with a context (msgctxt), for short words that mean different
   things in different places: C_("decimal point", ".").  The catalog gives
   "context\004message"; without a translation the message itself. */
#define C_(ctx, s) i18nContext(ctx "\004" s, s)

static inline const char *
i18nContext(const char *key,		/* I - "context\004message" */
            const char *msg)		/* I - The message */
{
  const char *t = gettext(key);

  return (t == key ? msg : t);
}

/* Numbers for people, in the language of the messages (the catalog says
   which separators it writes; never used for JSON or CSV, which keep plain
   numbers): n with its digits grouped by thousands ("5.689" in Indonesian,
   "5,689" in English), and v with places decimals ("3,3", "3.3").
   (inventory/lib/i18n.c) */
extern const char	*i18nCount(int64_t n, char *buf, size_t bufsize);
extern const char	*i18nDecimal(double v, int places, char *buf, size_t bufsize);
/* n with its digits grouped by sep, whatever the language (documents in a
   language of their own, invNumberGrouped). */
extern const char	*i18nDigits(int64_t n, const char *sep, char *buf, size_t bufsize);

/* The one out-of-memory message, translated: every part of blanko says
   this when an allocation fails (see also invDbNoMemory, cliFailNoMemory). */
static inline const char *
i18nNoMemory(void)
{
  return (_("out of memory"));
}

#endif /* BLANKO_I18N_H */
