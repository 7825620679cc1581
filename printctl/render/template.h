/*
 * Card templates: where each field, label, photo and QR code goes on a card,
 * loaded from a data file under etc/templates/ (format in
 * etc/templates/README.md).
 *
 * A loaded template is never changed, so one template may be shared by the
 * renderers of several threads.
 */

#ifndef BLANKO_TEMPLATE_H
#define BLANKO_TEMPLATE_H

#include <stdbool.h>

typedef struct tmpl_s tmpl_t;		/* Opaque card template */

#define TMPL_FIELD_OPTIONAL	1	/* Field may be empty */
#define TMPL_FIELD_SITE		2	/* Field comes from the site settings, not the resident's record */

extern tmpl_t		*tmplNew(void);
extern bool		tmplLoad(tmpl_t *t, const char *filename);
extern void		tmplDelete(tmpl_t *t);
extern const char	*tmplGetError(const tmpl_t *t);
extern const char	*tmplGetName(const tmpl_t *t);
extern const char	*tmplGetLanguage(const tmpl_t *t);
extern double		tmplGetWidth(const tmpl_t *t);
extern double		tmplGetHeight(const tmpl_t *t);
extern int		tmplGetNumSides(const tmpl_t *t);
extern int		tmplGetNumFields(const tmpl_t *t);
extern const char	*tmplGetField(const tmpl_t *t, int n, int *maxlen, unsigned *flags);
extern int		tmplFindField(const tmpl_t *t, const char *name);

#endif /* BLANKO_TEMPLATE_H */
