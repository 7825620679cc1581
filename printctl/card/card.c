/*
 * Templates by name, site fields and card records.  See card.h.
 */

#include "card.h"
#include "../render/qrpayload.h"
#include "blanko/date.h"
#include "blanko/i18n.h"
#include "blanko/keyring.h"
#include "blanko/privilege.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>


/* Is name a plain template name (letters, digits, '-', '_'), so that it
 * cannot reach outside the templates folder? */
static bool
name_is_plain(const char *name)
{
  size_t len = strlen(name);

  return (len > 0 && len <= 64 && strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == len);
}


/* Find NAME.tmpl: in the configured folder ([site] templates), else the
 * templates folder (blankoPath). */
static bool
template_find(const blanko_config_t *config,	/* I - Settings */
              const char            *name,	/* I - Template name */
              char                  *path,	/* O - Its file */
              size_t                size)	/* I - Size of path */
{
  snprintf(path, size, "%s/%s.tmpl", config->templates[0] ? config->templates : blankoPath(BLANKO_PATH_TEMPLATES),
           name);
  return (!eaccess(path, R_OK));	/* the effective group: a set-group-id run */
}


/* Load the template called name; NULL with error on failure. */
tmpl_t *
cardTemplateLoad(const blanko_config_t *config,	/* I - Settings */
                 const char            *name,	/* I - Template name, e.g. "ktp-el" */
                 char                  *error,	/* O - Why not */
                 size_t                errsize)	/* I - Size of error */
{
  char		path[PATH_MAX + 64];
  tmpl_t	*t;

  if (!name_is_plain(name))
  {
    snprintf(error, errsize, _("bad template name \"%s\""), name);
    return (NULL);
  }
  if (!template_find(config, name, path, sizeof(path)))
  {
    snprintf(error, errsize, _("no card template \"%s\" (looked for %s)"), name, path);
    return (NULL);
  }
  if ((t = tmplNew()) == NULL)
  {
    snprintf(error, errsize, "%s", i18nNoMemory());
    return (NULL);
  }
  if (!tmplLoad(t, path))
  {
    snprintf(error, errsize, "%s", tmplGetError(t));
    tmplDelete(t);
    return (NULL);
  }
  return (t);
}


/* Start an empty record. */
void
cardRecordInit(card_record_t *c)	/* O - Record */
{
  memset(c, 0, sizeof(*c));
  c->rec.fields = c->fields;
}


/* Set a value (replacing one of the same name); value must outlive c. */
bool
cardRecordAdd(card_record_t *c,		/* I - Record */
              const char    *name,	/* I - Field name */
              const char    *value)	/* I - Value */
{
  for (int i = 0; i < c->rec.num_fields; i ++)
    if (!strcmp(c->fields[i].name, name))
    {
      c->fields[i].value = value;
      return (true);
    }
  if (c->rec.num_fields >= CARD_MAX_FIELDS)
    return (false);
  c->fields[c->rec.num_fields].name = name;
  c->fields[c->rec.num_fields ++].value = value;
  return (true);
}


/* A value by field name, or NULL. */
const char *
cardRecordGet(const card_record_t *c,	/* I - Record */
              const char          *name)/* I - Field name */
{
  for (int i = 0; i < c->rec.num_fields; i ++)
    if (!strcmp(c->fields[i].name, name))
      return (c->fields[i].value);
  return (NULL);
}


/* Add the template's site fields (province, regency, issue_city) from the
 * configuration's [site] section; a site field it lacks stays unset, so
 * the template check names it. */
void
cardRecordAddSite(card_record_t         *c,	/* I - Record */
                  const tmpl_t          *t,	/* I - Template */
                  const blanko_config_t *config)/* I - Settings */
{
  for (int i = 0; i < tmplGetNumFields(t); i ++)
  {
    unsigned	flags;
    const char	*name = tmplGetField(t, i, NULL, &flags), *value = NULL;

    if (!(flags & TMPL_FIELD_SITE))
      continue;
    if (!strcmp(name, "province"))
      value = config->province;
    else if (!strcmp(name, "regency"))
      value = config->regency;
    else if (!strcmp(name, "issue_city"))
      value = config->issue_city;
    else if (!strcmp(name, "office"))
      value = config->office;
    if (value && *value)
      cardRecordAdd(c, name, value);
  }
}


/* Check that the configuration gives every site field the template needs;
 * false with error naming the first missing setting. */
bool
cardSiteCheck(const tmpl_t          *t,		/* I - Template */
              const blanko_config_t *config,	/* I - Settings */
              char                  *error,	/* O - Why not */
              size_t                errsize)	/* I - Size of error */
{
  card_record_t c;

  cardRecordInit(&c);
  cardRecordAddSite(&c, t, config);
  for (int i = 0; i < tmplGetNumFields(t); i ++)
  {
    unsigned	flags;
    const char	*name = tmplGetField(t, i, NULL, &flags);

    if ((flags & TMPL_FIELD_SITE) && !(flags & TMPL_FIELD_OPTIONAL) && !cardRecordGet(&c, name))
    {
      snprintf(error, errsize, _("template %s needs the site's %s: set [site] %s in %s"), tmplGetName(t), name,
               name, config->file[0] ? config->file : _("the configuration (there is none)"));
      return (false);
    }
  }
  return (true);
}


/* Fill a record from a stored request's JSON object of fields. */
bool
cardRecordFromJSON(card_record_t *c,	/* I - Record (initialised) */
                   const char    *fields)	/* I - JSON object text */
{
  const char	*key;
  json_t	*value;

  if ((c->json = json_loads(fields, 0, NULL)) == NULL || !json_is_object(c->json))
    return (false);
  json_object_foreach(c->json, key, value)
    if (!json_is_string(value) || !cardRecordAdd(c, key, json_string_value(value)))
      return (false);
  return (true);
}


/* Release what a record owns. */
void
cardRecordFree(card_record_t *c)	/* I - Record */
{
  json_decref(c->json);
  cardRecordInit(c);
}


/* Today's date in the office's time zone (the [site] timezone the frame
   set, invDateSetZone) as YYYY-MM-DD: a card's issue date. */
void
cardToday(char date[11])		/* O - Date */
{
  invDateLocalToday(0, date, 11);
}


struct card_ctx_s			/* A card context; see card.h */
{
  const blanko_config_t	*config;	/* Settings (the caller's) */
  inv_keyring_t		*keys;		/* The service's signing keys */
  tmpl_t		*t;		/* Current template, or NULL */
  render_t		*r;		/* Its renderer (set whenever t is) */
  char			error[1024];	/* Why the last call failed */
};


/* Make a card context for the ledger at `ledger` (its signing keys, the
 * first made on first use); NULL with error on failure. */
card_ctx_t *
cardCtxNew(const blanko_config_t *config,	/* I - Settings, kept by the caller */
           const char            *ledger,	/* I - Ledger path (the keys are beside it) */
           char                  *error,	/* O - Why not */
           size_t                errsize)	/* I - Size of error */
{
  card_ctx_t *ctx = calloc(1, sizeof(card_ctx_t));

  if (!ctx)
  {
    snprintf(error, errsize, "%s", i18nNoMemory());
    return (NULL);
  }
  ctx->config = config;
  /* A set-group-id run for a staff member never makes the first key: the
     key would be theirs.  Root or the service account makes it. */
  if ((ctx->keys = invKeyringOpen(ledger, cliPrivIsPrivileged() ? INV_KEYRING_READ : INV_KEYRING_CREATE,
                                  error, errsize)) == NULL)
  {
    char	dir[PATH_MAX];
    struct stat	info;

    snprintf(dir, sizeof(dir), "%s.keys", ledger);
    if (cliPrivIsPrivileged() && stat(dir, &info) && errno == ENOENT)
    {
      size_t len = strlen(error);

      snprintf(error + len, errsize - len, _("; root or the service account makes the first key ('printctl key rotate')"));
    }
    cardCtxDelete(ctx);
    return (NULL);
  }
  return (ctx);
}


/* Free a context; NULL is fine. */
void
cardCtxDelete(card_ctx_t *ctx)		/* I - Context or NULL */
{
  if (!ctx)
    return;
  renderDelete(ctx->r);
  tmplDelete(ctx->t);
  invKeyringDelete(ctx->keys);
  free(ctx);
}


/* Why the last call on the context failed. */
const char *
cardCtxError(const card_ctx_t *ctx)	/* I - Context */
{
  return (ctx->error);
}


/* The settings the context was made with. */
const blanko_config_t *
cardCtxConfig(const card_ctx_t *ctx)	/* I - Context */
{
  return (ctx->config);
}


/* Load the template called name and check that the site gives every site
 * field it needs; the caller owns it.  NULL with the error on ctx. */
tmpl_t *
cardCtxLoad(card_ctx_t *ctx,		/* I - Context */
            const char *name)		/* I - Template name */
{
  tmpl_t *t;

  if ((t = cardTemplateLoad(ctx->config, name, ctx->error, sizeof(ctx->error))) == NULL)
    return (NULL);
  if (!cardSiteCheck(t, ctx->config, ctx->error, sizeof(ctx->error)))
  {
    tmplDelete(t);
    return (NULL);
  }
  return (t);
}


/* Make the named template current, with its renderer: loaded, checked
 * against the site and given a renderer, or nothing is kept (so that the
 * next card asks again and gets the same reason).  False with the error
 * on ctx. */
bool
cardCtxUse(card_ctx_t *ctx,		/* I - Context */
           const char *name)		/* I - Template name */
{
  if (ctx->t && !strcmp(tmplGetName(ctx->t), name))
    return (true);
  renderDelete(ctx->r);
  tmplDelete(ctx->t);
  ctx->r = NULL;
  if ((ctx->t = cardCtxLoad(ctx, name)) == NULL)
    return (false);
  if ((ctx->r = cardCtxNewRenderer(ctx, ctx->t)) == NULL)
  {
    tmplDelete(ctx->t);
    ctx->t = NULL;
    snprintf(ctx->error, sizeof(ctx->error), "%s", i18nNoMemory());
    return (false);
  }
  return (true);
}


/* The current template (after cardCtxUse), or NULL. */
const tmpl_t *
cardCtxTemplate(const card_ctx_t *ctx)	/* I - Context */
{
  return (ctx->t);
}


/* The current template's renderer (after cardCtxUse), or NULL. */
render_t *
cardCtxRenderer(const card_ctx_t *ctx)	/* I - Context */
{
  return (ctx->r);
}


/* A new renderer of template t, for a thread of its own (it holds no key);
 * NULL when out of memory.  Free it with renderDelete. */
render_t *
cardCtxNewRenderer(const card_ctx_t *ctx,	/* I - Context */
                   const tmpl_t     *t)		/* I - Template */
{
  (void)ctx;
  return (renderNew(t));
}


/* Seal a QR payload (KTP2, qrpayload.h) for a serial (NULL for a
 * preview), NIK and issue date with the current signing key.  Reads the
 * context only (threads may share it).  False with a message in error. */
bool
cardCtxSealNik(const card_ctx_t *ctx,		/* I - Context (its keys) */
               const char       *serial,	/* I - Serial, or NULL for a preview */
               const char       *nik,		/* I - NIK the code carries */
               const char       *issue_date,	/* I - Issue date */
               char             *payload,	/* O - The payload (QR_PAYLOAD_MAX) */
               size_t           size,		/* I - Size of payload */
               char             *error,		/* O - Why not */
               size_t           errsize)	/* I - Size of error */
{
  return (qrPayloadSeal(serial, nik, issue_date, ctx->keys, payload, size, error, errsize));
}


/* Seal a record's QR payload and point rec->qr_payload at it: the serial,
 * issue date and the NIK of the field r's template puts in its QR code.  A
 * template without a QR code needs no payload.  False with a message in
 * error. */
bool
cardCtxSeal(const card_ctx_t *ctx,		/* I - Context (its keys) */
            render_t         *r,		/* I - Renderer of the card's template */
            render_record_t  *rec,		/* IO - Record; qr_payload set */
            char             *payload,		/* O - The payload (QR_PAYLOAD_MAX) */
            size_t           size,		/* I - Size of payload */
            char             *error,		/* O - Why not */
            size_t           errsize)		/* I - Size of error */
{
  const char *nik = renderGetQrNik(r, rec);

  rec->qr_payload = NULL;
  if (!nik)
    return (true);
  if (!cardCtxSealNik(ctx, rec->serial, nik, rec->issue_date, payload, size, error, errsize))
    return (false);
  rec->qr_payload = payload;
  return (true);
}
