/*
 * What printctl's commands share to make cards: finding and loading a
 * template by name, the site's fields from the configuration, and a
 * record of values for the renderer (from CSV columns or a stored
 * request's JSON).
 *
 * A card context (card_ctx_t) is what making a card needs beyond the
 * record: the configuration's site fields, the service's signing keys
 * (blanko/keyring.h: the card context seals each card's QR payload,
 * cardCtxSeal, and hands the renderer only the finished text) and the
 * template in use with its renderer.  'printctl render' and the print
 * engine share it: a template is current only once it loaded, passed the
 * site check and has its renderer; on any failure nothing is kept and the
 * reason is on the context (cardCtxError).  One thread uses a context;
 * worker threads make their own renderers (cardCtxNewRenderer).
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

typedef struct card_ctx_s card_ctx_t;	/* Site, key, template and renderer */

extern tmpl_t	*cardTemplateLoad(const blanko_config_t *config, const char *name, char *error, size_t errsize);
extern void	cardRecordInit(card_record_t *c);
extern bool	cardRecordAdd(card_record_t *c, const char *name, const char *value);
extern const char *cardRecordGet(const card_record_t *c, const char *name);
extern void	cardRecordAddSite(card_record_t *c, const tmpl_t *t, const blanko_config_t *config);
extern bool	cardSiteCheck(const tmpl_t *t, const blanko_config_t *config, char *error, size_t errsize);
extern bool	cardRecordFromJSON(card_record_t *c, const char *fields);
extern void	cardRecordFree(card_record_t *c);
extern void	cardToday(char date[11]);

extern card_ctx_t *cardCtxNew(const blanko_config_t *config, const char *ledger, char *error, size_t errsize);
extern void	cardCtxDelete(card_ctx_t *ctx);
extern const char *cardCtxError(const card_ctx_t *ctx);
extern const blanko_config_t *cardCtxConfig(const card_ctx_t *ctx);
extern tmpl_t	*cardCtxLoad(card_ctx_t *ctx, const char *name);
extern bool	cardCtxUse(card_ctx_t *ctx, const char *name);
extern const tmpl_t *cardCtxTemplate(const card_ctx_t *ctx);
extern render_t	*cardCtxRenderer(const card_ctx_t *ctx);
extern render_t	*cardCtxNewRenderer(const card_ctx_t *ctx, const tmpl_t *t);
extern bool	cardCtxSeal(const card_ctx_t *ctx, render_t *r, render_record_t *rec, char *payload, size_t size,
		            char *error, size_t errsize);
extern bool	cardCtxSealNik(const card_ctx_t *ctx, const char *serial, const char *nik, const char *issue_date,
		               char *payload, size_t size, char *error, size_t errsize);

#endif /* BLANKO_CARD_H */
