/*
 * What printctl's commands share to make cards: finding and loading a
 * template by name, the site's fields from the configuration, and a
 * record of values for the renderer (from CSV columns or a stored
 * request's JSON).
 */

#ifndef BLANKO_CARD_H
#define BLANKO_CARD_H

#include "../render/render.h"
#include "blanko/config.h"

#include <jansson.h>

#define CARD_MAX_FIELDS		64	/* Most values in one record */
#define CARD_TEMPLATE_DEFAULT	"ktp-el"

typedef struct card_record_s		/* Values of one card */
{
  render_field_t	fields[CARD_MAX_FIELDS];
  render_record_t	rec;		/* Points at fields */
  json_t		*json;		/* Owns the values when read from JSON */
} card_record_t;

extern tmpl_t	*cardTemplateLoad(const blanko_config_t *config, const char *name, char *error, size_t errsize);
extern void	cardRecordInit(card_record_t *c);
extern bool	cardRecordAdd(card_record_t *c, const char *name, const char *value);
extern const char *cardRecordGet(const card_record_t *c, const char *name);
extern void	cardRecordAddSite(card_record_t *c, const tmpl_t *t, const blanko_config_t *config);
extern bool	cardSiteCheck(const tmpl_t *t, const blanko_config_t *config, char *error, size_t errsize);
extern bool	cardRecordFromJSON(card_record_t *c, const char *fields);
extern void	cardRecordFree(card_record_t *c);
extern void	cardToday(char date[11]);

#endif /* BLANKO_CARD_H */
