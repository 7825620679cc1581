/*
 * Message translation for blanko.
 *
 * Every user-facing string goes through _() so that the users' language
 * (Indonesian first) can follow without touching the code.  N_() marks a
 * string for translation where it is stored, not printed.
 */

#ifndef BLANKO_I18N_H
#define BLANKO_I18N_H

#include <libintl.h>

#define BLANKO_TEXTDOMAIN "blanko"

#define _(s)  gettext(s)
#define N_(s) (s)

#endif /* BLANKO_I18N_H */
