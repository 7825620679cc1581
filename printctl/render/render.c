/*
 * Card renderer: draws a record with a template onto a cairo surface, as a
 * PDF at the card's size (for CUPS) or a PNG at 300 dpi (for previews).
 *
 * User space is millimetres with the origin at the card's top-left corner.
 * Each renderer has its own pango font map and context, so renderers in
 * different threads share nothing mutable.
 */

#include "render-private.h"
#include "image.h"
#include "qrpayload.h"
#include "textfit.h"

#include "blanko/date.h"
#include "blanko/i18n.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#define PT_PER_MM	(72.0 / 25.4)
#define PX_PER_MM	(RENDER_PNG_DPI / 25.4)
#define QR_QUIET	4		/* Quiet zone, modules */
#define QR_DOT_MM	(25.4 / RENDER_PNG_DPI)	/* One 300 dpi dot, mm */

typedef struct render_sink_s		/* Caller's write callback, for cairo */
{
  render_write_cb_t	cb;
  void			*ctx;
  bool			failed;
  size_t		written;	/* Bytes passed through so far */
  bool			png;		/* Insert a pHYs chunk after IHDR? */
} render_sink_t;


/* Record an error on the renderer; returns false for "return (render_error(...))". */
static bool
render_error(render_t   *r,			/* I - Renderer */
             const char *format,		/* I - printf format, already translated */
             ...)				/* I - Arguments */
{
  va_list ap;

  va_start(ap, format);
  vsnprintf(r->error, sizeof(r->error), format, ap);
  va_end(ap);
  return (false);
}


/*
 * Create a renderer for a loaded template.  It holds no key: the QR code
 * shows the payload the caller sealed (render_record_t.qr_payload).
 * Returns NULL if out of memory.
 */
render_t *
renderNew(const tmpl_t *t)			/* I - Loaded template, outlives the renderer */
{
  render_t *r;

  if (!t || !t->loaded || (r = calloc(1, sizeof(render_t))) == NULL)
    return (NULL);
  r->t = t;
  if ((r->images = calloc((size_t)t->num_elems + 1, sizeof(cairo_surface_t *))) == NULL ||
      (r->statics = calloc((size_t)t->num_elems + 1, sizeof(PangoLayout *))) == NULL ||
      (r->static_fits = calloc((size_t)t->num_elems + 1, sizeof(textfit_t))) == NULL)
  {
    free(r->images);
    free(r->statics);
    free(r);
    return (NULL);
  }
  r->fontmap = pango_cairo_font_map_new();
  r->context = textfitNewContext(r->fontmap);
  r->layout  = pango_layout_new(r->context);
  return (r);
}


/* Free a renderer. */
void
renderDelete(render_t *r)			/* I - Renderer or NULL */
{
  int i;

  if (!r)
    return;
  for (i = 0; i < r->t->num_elems; i ++)
  {
    if (r->images[i])
      cairo_surface_destroy(r->images[i]);
    if (r->statics[i])
      g_object_unref(r->statics[i]);
  }
  free(r->images);
  free(r->statics);
  free(r->static_fits);
  free(r->grey);
  if (r->preview)
    g_object_unref(r->preview);
  g_object_unref(r->layout);
  g_object_unref(r->context);
  g_object_unref(r->fontmap);
  free(r);
}


/* Last error of a renderer, "" if none. */
const char *
renderGetError(const render_t *r)		/* I - Renderer */
{
  return (r ? r->error : "");
}


/* Find a record value by field name; NULL if absent. */
static const char *
render_value(const render_record_t *rec,	/* I - Record */
             const char            *name)	/* I - Field name */
{
  int i;

  for (i = 0; i < rec->num_fields; i ++)
    if (rec->fields[i].name && !strcmp(rec->fields[i].name, name))
      return (rec->fields[i].value);
  return (NULL);
}


/* Check every declared field of a record: present, UTF-8, not too long. */
static bool
render_check_fields(render_t              *r,	/* I - Renderer */
                    const render_record_t *rec)	/* I - Record */
{
  const tmpl_t	*t = r->t;
  int		i;
  inv_date_t	date;
  char		why[96];

  for (i = 0; i < t->num_fields; i ++)
  {
    const tmpl_field_t	*f = t->fields + i;
    const char		*v = render_value(rec, f->name);

    if (!v || !*v)
    {
      if (f->flags & TMPL_FIELD_OPTIONAL)
        continue;
      return (render_error(r, _("field \"%s\" is missing or empty"), f->name));
    }
    if (!g_utf8_validate(v, -1, NULL))
      return (render_error(r, _("field \"%s\" is not valid UTF-8"), f->name));
    if (g_utf8_strlen(v, -1) > f->maxlen)
      return (render_error(r, _("field \"%s\" is longer than %d characters"), f->name, f->maxlen));
  }
  if (!rec->issue_date || !invDateParse(rec->issue_date, 0, &date, why, sizeof(why)))
    return (render_error(r, _("the issue date must be a real day, YYYY-MM-DD (%s)"),
                         rec->issue_date ? why : _("none given")));
  return (true);
}


/* Append a field value to a text, through its filter and case. */
static void
render_append(GString            *s,		/* I - Text being built */
              const char         *value,	/* I - Value */
              tmpl_filter_t      filter,	/* I - Filter */
              bool               upper)		/* I - In capitals? */
{
  char		buf[16];
  inv_date_t	date;

  if (filter == TMPL_FILTER_DATE && invDateParse(value, INV_DATE_QUIET, &date, NULL, 0))
  {
    snprintf(buf, sizeof(buf), "%02d-%02d-%04d", date.day, date.month, date.year);	// Cards show DD-MM-YYYY
    value = buf;
  }
  else if (filter == TMPL_FILTER_SEX && (!strcasecmp(value, "L") || !strcasecmp(value, "P")))
    value = (value[0] == 'L' || value[0] == 'l') ? "LAKI-LAKI" : "PEREMPUAN";

  if (upper)
  {
    char *u = g_utf8_strup(value, -1);

    g_string_append(s, u);
    g_free(u);
  }
  else
    g_string_append(s, value);
}


/* Build the text of a text element for a record; the caller frees it. */
static char *
render_text(const tmpl_t          *t,		/* I - Template */
            const tmpl_elem_t     *e,		/* I - Text element */
            const render_record_t *rec)		/* I - Record */
{
  GString	*s = g_string_sized_new(64);
  int		i;

  for (i = 0; i < e->num_parts; i ++)
  {
    const tmpl_part_t	*part = e->parts + i;
    const char		*v;

    if (part->literal)
    {
      g_string_append(s, part->literal);
      continue;
    }
    if (part->field == TMPL_REF_SERIAL)
      v = rec->serial ? rec->serial : "";	// A preview shows no serial
    else if (part->field == TMPL_REF_ISSUE_DATE)
      v = rec->issue_date ? rec->issue_date : "";
    else
      v = render_value(rec, t->fields[part->field].name);
    render_append(s, v ? v : "", part->filter, e->upper);
  }
  return (g_string_free(s, FALSE));
}


/* Lay out one text element of a record and fit it into its box. */
static bool
render_fit(render_t              *r,		/* I - Renderer */
           const tmpl_elem_t     *e,		/* I - Text element */
           const render_record_t *rec,		/* I - Record */
           textfit_t             *fit)		/* O - Placement */
{
  char	*text = render_text(r->t, e, rec);
  bool	ok = textfitLayout(r->layout, r->t, e, text, fit);

  g_free(text);
  if (!ok)
  {
    // Name the fields, never their values (no personal data in messages).
    GString	*names = g_string_new(NULL);
    int		i;

    for (i = 0; i < e->num_parts; i ++)
      if (e->parts[i].ref)
        g_string_append_printf(names, "%s\"%s\"", names->len ? ", " : "", e->parts[i].ref);
    render_error(r, _("%s too long to fit on the card, even shrunk and wrapped ([%s])"), names->str, e->name);
    g_string_free(names, TRUE);
    return (false);
  }
  return (true);
}


/*
 * Check that a record can be rendered: every declared field present and not
 * too long, every text fitting its box, the NIK and the photo usable.  The
 * importer calls this to refuse a record before a blank is spent on it.
 */
bool
renderCheckRecord(render_t              *r,	/* I - Renderer */
                  const render_record_t *rec)	/* I - Record */
{
  const tmpl_t	*t;
  int		i;
  textfit_t	fit;

  if (!r || !rec)
    return (false);
  t = r->t;
  r->error[0] = '\0';
  if (!render_check_fields(r, rec))
    return (false);

  for (i = 0; i < t->num_elems; i ++)
  {
    const tmpl_elem_t *e = t->elems + i;

    if (e->kind == TMPL_TEXT && !e->is_static && !render_fit(r, e, rec, &fit))
      return (false);
    if (e->kind == TMPL_QR && !qrFieldsValid(rec->serial, renderGetQrNik(r, rec), rec->issue_date))
      return (render_error(r, "%s", _("cannot build the QR payload: the serial, NIK (16 digits) or issue date is not valid")));
    if (e->kind == TMPL_PHOTO && rec->photo)
    {
      image_type_t type = imageSniff(rec->photo, rec->photo_len);

      if (type == IMAGE_UNKNOWN)
        return (render_error(r, "%s", _("the photo is neither PNG nor JPEG")));
      if (rec->photo_type && ((type == IMAGE_JPEG && strcmp(rec->photo_type, "image/jpeg")) || (type == IMAGE_PNG && strcmp(rec->photo_type, "image/png"))))
        return (render_error(r, _("the photo is not of type %s"), rec->photo_type));
    }
  }
  return (true);
}


/*
 * The NIK a record's QR code carries (the value of the field the template's
 * QR element names), for the caller that seals the payload; NULL when the
 * template has no QR code or the record no such value.
 */
const char *
renderGetQrNik(render_t              *r,	/* I - Renderer */
               const render_record_t *rec)	/* I - Record */
{
  const tmpl_t	*t = r->t;
  const char	*nik = NULL;
  int		i;

  for (i = 0; i < t->num_elems; i ++)
    if (t->elems[i].kind == TMPL_QR)
      nik = render_value(rec, t->fields[t->elems[i].nik_index].name);
  return (nik);
}


/*
 * Turn a photo into the form the template's photo box uses (issue 17): a
 * JPEG of the box's size at 300 dpi that every card embeds as it is
 * (imageCardJpeg), drawn over the box's fill where transparent, with the
 * file's SHA-256 in a comment (so that two files never make the same bytes,
 * and the stored photo names its source).  *out is
 * NULL when the bytes serve as they are (a JPEG no larger than the box), or
 * the new JPEG (the caller frees it).  False, with the renderer's error,
 * when the photo cannot be read or the template has no photo box.
 */

bool
renderPhotoPrepare(render_t            *r,	/* I - Renderer */
                   const unsigned char *data,	/* I - Photo bytes */
                   size_t              len,	/* I - Length */
                   const char          *source,	/* I - Hex SHA-256 of the file, written in the new JPEG */
                   unsigned char       **out,	/* O - New JPEG (malloc'd), or NULL */
                   size_t              *outlen)	/* O - Its length */
{
  const tmpl_elem_t	*e = NULL;
  double		bg[3] = { 1.0, 1.0, 1.0 };
  char			why[256];

  *out    = NULL;
  *outlen = 0;
  r->error[0] = '\0';
  for (int i = 0; i < r->t->num_elems && !e; i ++)
    if (r->t->elems[i].kind == TMPL_PHOTO)
      e = r->t->elems + i;
  if (!e)
    return (render_error(r, "%s", _("the template has no photo box")));
  if (e->fill.set)
  {
    bg[0] = e->fill.r;
    bg[1] = e->fill.g;
    bg[2] = e->fill.b;
  }
  if (!imageCardJpeg(data, len, (int)lround(e->box.w * PX_PER_MM), (int)lround(e->box.h * PX_PER_MM), bg, source, out,
                     outlen, why, sizeof(why)))
    return (render_error(r, "%s", why));
  return (true);
}


/* Draw a text element. */
static bool
render_draw_text(render_t              *r,	/* I - Renderer */
                 cairo_t               *cr,	/* I - Cairo context in mm */
                 const tmpl_elem_t     *e,	/* I - Text element */
                 const render_record_t *rec)	/* I - Record */
{
  const tmpl_color_t	*c = e->color.set ? &e->color : &r->t->color;
  textfit_t		fit;
  PangoLayout		*layout = r->layout;
  size_t		i = (size_t)(e - r->t->elems);

  if (e->is_static)
  {
    // A label is the same on every card: laid out and fitted once per
    // renderer (issue 17), in a layout of its own.
    if (!r->statics[i])
    {
      char *text = render_text(r->t, e, rec);

      r->statics[i] = pango_layout_new(r->context);
      textfitLayout(r->statics[i], r->t, e, text, r->static_fits + i);
      g_free(text);
    }
    layout = r->statics[i];
    fit    = r->static_fits[i];
  }
  else if (!render_fit(r, e, rec, &fit))
    return (false);
  if (c->set)
    cairo_set_source_rgb(cr, c->r, c->g, c->b);
  else
    cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
  cairo_move_to(cr, fit.x, fit.y);
  pango_cairo_show_layout(cr, layout);
  return (true);
}


/* Draw an image surface to cover a box (cropped to the box, centred). */
static void
render_draw_cover(cairo_t          *cr,		/* I - Cairo context in mm */
                  cairo_surface_t  *image,	/* I - Image */
                  const tmpl_box_t *box)	/* I - Box */
{
  double	iw = cairo_image_surface_get_width(image);
  double	ih = cairo_image_surface_get_height(image);
  double	scale = fmax(box->w / iw, box->h / ih);

  cairo_save(cr);
  cairo_rectangle(cr, box->x, box->y, box->w, box->h);
  cairo_clip(cr);
  cairo_translate(cr, box->x + (box->w - iw * scale) / 2.0, box->y + (box->h - ih * scale) / 2.0);
  cairo_scale(cr, scale, scale);
  cairo_set_source_surface(cr, image, 0.0, 0.0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_paint(cr);
  cairo_restore(cr);
}


/* Draw the resident's photo, or for a preview without one, an empty frame. */
static bool
render_draw_photo(render_t              *r,	/* I - Renderer */
                  cairo_t               *cr,	/* I - Cairo context in mm */
                  const tmpl_elem_t     *e,	/* I - Photo element */
                  const render_record_t *rec,	/* I - Record */
                  bool                  pixels)	/* I - Output is an image, not a PDF? */
{
  cairo_surface_t	*photo;
  char			why[256];

  if (e->fill.set)
  {
    cairo_set_source_rgb(cr, e->fill.r, e->fill.g, e->fill.b);
    cairo_rectangle(cr, e->box.x, e->box.y, e->box.w, e->box.h);
    cairo_fill(cr);
  }
  if (!rec->photo || rec->photo_len == 0)
  {
    if (rec->serial)
      return (render_error(r, "%s", _("the record has no photo")));
    cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
    cairo_set_line_width(cr, 0.2);
    cairo_rectangle(cr, e->box.x, e->box.y, e->box.w, e->box.h);
    cairo_move_to(cr, e->box.x, e->box.y);
    cairo_line_to(cr, e->box.x + e->box.w, e->box.y + e->box.h);
    cairo_move_to(cr, e->box.x + e->box.w, e->box.y);
    cairo_line_to(cr, e->box.x, e->box.y + e->box.h);
    cairo_stroke(cr);
    return (true);
  }

  // A PDF takes a JPEG's bytes as they are, a preview's too: its translucent
  // mark is drawn over the photo by the PDF's own transparency (cairo's PDF
  // surface needs no image fallback for OVER), so the pixels are never used
  // (issue 17; t0101 checks that a preview PDF holds the photo's JPEG and
  // no fallback image).
  photo = pixels ? imageCreateSurface(rec->photo, rec->photo_len, true, why, sizeof(why))
                 : imageCreatePdfSurface(rec->photo, rec->photo_len, &r->grey, &r->greylen, why, sizeof(why));
  if (!photo)
    return (render_error(r, _("photo: %s"), why));
  render_draw_cover(cr, photo, &e->box);
  cairo_surface_destroy(photo);
  return (true);
}


/* Draw the QR code as one 1-bit mask scaled with nearest-neighbour. */
static bool
render_draw_qr(render_t              *r,	/* I - Renderer */
               cairo_t               *cr,	/* I - Cairo context in mm */
               const tmpl_elem_t     *e,	/* I - QR element */
               const render_record_t *rec)	/* I - Record */
{
  QRcode		*qr;
  cairo_surface_t	*mask;
  cairo_pattern_t	*pattern;
  unsigned char		*data;
  int			stride, size, x, y, dots;
  double		module, x0, y0;

  if (!rec->qr_payload || qrPayloadVersion(rec->qr_payload) == 0)
    return (render_error(r, "%s", _("the card has no sealed QR payload")));
  if ((qr = QRcode_encodeString(rec->qr_payload, 0, (QRecLevel)e->eclevel, QR_MODE_8, 1)) == NULL)
    return (render_error(r, "%s", _("cannot encode the QR code")));

  size   = qr->width + 2 * QR_QUIET;
  mask   = cairo_image_surface_create(CAIRO_FORMAT_A1, size, size);
  data   = cairo_image_surface_get_data(mask);
  stride = cairo_image_surface_get_stride(mask);
  cairo_surface_flush(mask);
  memset(data, 0, (size_t)stride * (size_t)size);

  // A1 packs pixels into native-endian 32-bit words, first pixel in the
  // least significant bit on little-endian machines.
  for (y = 0; y < qr->width; y ++)
  {
    uint32_t *row = (uint32_t *)(data + (size_t)(y + QR_QUIET) * (size_t)stride);

    for (x = 0; x < qr->width; x ++)
      if (qr->data[y * qr->width + x] & 1)
      {
        int px = x + QR_QUIET;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        row[px >> 5] |= 0x80000000u >> (px & 31);
#else
        row[px >> 5] |= 1u << (px & 31);
#endif
      }
  }
  cairo_surface_mark_dirty(mask);
  QRcode_free(qr);

  // A module of a whole number of 300 dpi dots (2 or more), on the dot grid
  // and centred in the box, so that a 300 dpi printer or rasteriser makes
  // every module the same size; a module of 1.97 dots came out as 1, 2 or 3
  // and a third of the longest KTP2 codes did not scan.  A box too small for
  // that is filled as it is.
  dots   = (int)floor(e->box.w / QR_DOT_MM / size + 1e-9);
  module = dots >= 2 ? dots * QR_DOT_MM : e->box.w / size;
  x0     = dots >= 2 ? floor((e->box.x + (e->box.w - size * module) / 2) / QR_DOT_MM + 0.5) * QR_DOT_MM : e->box.x;
  y0     = dots >= 2 ? floor((e->box.y + (e->box.h - size * module) / 2) / QR_DOT_MM + 0.5) * QR_DOT_MM : e->box.y;

  cairo_save(cr);
  cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);	// Light modules and quiet zone
  cairo_rectangle(cr, e->box.x, e->box.y, e->box.w, e->box.h);
  cairo_rectangle(cr, x0, y0, size * module, size * module);
  cairo_fill(cr);
  cairo_translate(cr, x0, y0);
  cairo_scale(cr, module, module);
  pattern = cairo_pattern_create_for_surface(mask);
  cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST);
  cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
  cairo_mask(cr, pattern);
  cairo_pattern_destroy(pattern);
  cairo_restore(cr);
  cairo_surface_destroy(mask);
  return (true);
}


/* Draw the diagonal preview mark of a card not printed yet, in the card's
 * language (the template's [card] language): SPESIMEN, or SPECIMEN.  It is
 * part of the card, not a message to the user: never translated by locale. */
static void
render_draw_preview(render_t *r,		/* I - Renderer */
                    cairo_t  *cr)		/* I - Cairo context in mm */
{
  PangoLayout		*layout;
  PangoRectangle	ink;
  double		w = r->t->width, h = r->t->height, scale;

  if (!r->preview)
  {
    // Laid out once per renderer (issue 17).
    PangoFontDescription *desc = pango_font_description_from_string("DejaVu Sans Bold 40");

    r->preview = pango_layout_new(r->context);
    pango_layout_set_font_description(r->preview, desc);
    pango_layout_set_text(r->preview, strcmp(tmplGetLanguage(r->t), "en") ? "SPESIMEN" : "SPECIMEN", -1);
    pango_font_description_free(desc);
  }
  layout = r->preview;
  pango_layout_get_extents(layout, &ink, NULL);

  cairo_save(cr);
  cairo_translate(cr, w / 2.0, h / 2.0);
  cairo_rotate(cr, -atan2(h, w));
  scale = 0.7 * hypot(w, h) / ((double)ink.width / PANGO_SCALE);
  cairo_scale(cr, scale, scale);
  cairo_move_to(cr, -((double)ink.x + ink.width / 2.0) / PANGO_SCALE, -((double)ink.y + ink.height / 2.0) / PANGO_SCALE);
  cairo_set_source_rgba(cr, 0.85, 0.0, 0.0, 0.35);
  pango_cairo_show_layout(cr, layout);
  cairo_restore(cr);
}


/* Draw one side of a card onto a cairo context whose user space is mm. */
static bool
render_draw_side(render_t              *r,	/* I - Renderer */
                 cairo_t               *cr,	/* I - Cairo context */
                 const render_record_t *rec,	/* I - Record */
                 int                   side,	/* I - 0 = front, 1 = back */
                 bool                  pixels)	/* I - Image output (not PDF)? */
{
  const tmpl_t	*t = r->t;
  int		i;
  char		why[256];

  cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
  if (t->background.set)
    cairo_set_source_rgb(cr, t->background.r, t->background.g, t->background.b);
  cairo_paint(cr);

  for (i = 0; i < t->num_elems; i ++)
  {
    const tmpl_elem_t	*e = t->elems + i;
    bool		ok = true;

    if (e->side != side)
      continue;
    switch (e->kind)
    {
      case TMPL_TEXT :
          ok = render_draw_text(r, cr, e, rec);
          break;

      case TMPL_RECT :
          cairo_rectangle(cr, e->box.x, e->box.y, e->box.w, e->box.h);
          if (e->fill.set)
          {
            cairo_set_source_rgb(cr, e->fill.r, e->fill.g, e->fill.b);
            cairo_fill_preserve(cr);
          }
          if (e->stroke.set)
          {
            cairo_set_source_rgb(cr, e->stroke.r, e->stroke.g, e->stroke.b);
            cairo_set_line_width(cr, e->line_width);
            cairo_stroke_preserve(cr);
          }
          cairo_new_path(cr);
          break;

      case TMPL_IMAGE :
          // Decoded once per renderer; template images are not personal data.
          if (!r->images[i] && (r->images[i] = imageCreateSurface(e->data, e->datalen, true, why, sizeof(why))) == NULL)
            return (render_error(r, _("[%s]: %s"), e->name, why));
          render_draw_cover(cr, r->images[i], &e->box);
          break;

      case TMPL_PHOTO :
          ok = render_draw_photo(r, cr, e, rec, pixels);
          break;

      case TMPL_QR :
          ok = render_draw_qr(r, cr, e, rec);
          break;
    }
    if (!ok)
      return (false);
  }

  if (!rec->serial)
    render_draw_preview(r, cr);
  return (cairo_status(cr) == CAIRO_STATUS_SUCCESS ? true : render_error(r, _("drawing failed: %s"), cairo_status_to_string(cairo_status(cr))));
}


/* Update a CRC-32 (PNG's polynomial) with some bytes. */
static uint32_t
render_crc32(uint32_t            crc,		/* I - CRC so far, 0 to start */
             const unsigned char *data,		/* I - Bytes */
             size_t              len)		/* I - Number of bytes */
{
  size_t i;
  int    k;

  crc = ~crc;
  for (i = 0; i < len; i ++)
  {
    crc ^= data[i];
    for (k = 0; k < 8; k ++)
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return (~crc);
}


/* Pass bytes to the caller's callback. */
static bool
render_sink_put(render_sink_t       *sink,	/* I - Sink */
                const unsigned char *data,	/* I - Bytes */
                size_t              len)	/* I - Number of bytes */
{
  if (!sink->failed && len > 0 && !(sink->cb)(sink->ctx, data, len))
    sink->failed = true;
  sink->written += len;
  return (!sink->failed);
}


/*
 * cairo write function.  For PNG output it inserts a pHYs chunk saying
 * 300 dpi right after the IHDR chunk (the 8-byte signature and 25-byte IHDR
 * come first in every PNG cairo writes), so viewers and printers size the
 * preview right.
 */
static cairo_status_t
render_sink_write(void                *closure,	/* I - render_sink_t */
                  const unsigned char *data,	/* I - Bytes */
                  unsigned int        length)	/* I - Number of bytes */
{
  render_sink_t	*sink = (render_sink_t *)closure;
  const size_t	ihdr_end = 8 + 25;

  if (sink->png && sink->written < ihdr_end && sink->written + length >= ihdr_end)
  {
    size_t		head = ihdr_end - sink->written;
    unsigned char	phys[21] = { 0, 0, 0, 9, 'p', 'H', 'Y', 's' };
    uint32_t		ppm = (uint32_t)(RENDER_PNG_DPI / 0.0254 + 0.5), crc;
    int			i;

    for (i = 0; i < 2; i ++)
    {
      phys[8 + 4 * i]  = (unsigned char)(ppm >> 24);
      phys[9 + 4 * i]  = (unsigned char)(ppm >> 16);
      phys[10 + 4 * i] = (unsigned char)(ppm >> 8);
      phys[11 + 4 * i] = (unsigned char)ppm;
    }
    phys[16] = 1;				// Unit: metre
    crc      = render_crc32(0, phys + 4, 13);
    phys[17] = (unsigned char)(crc >> 24);
    phys[18] = (unsigned char)(crc >> 16);
    phys[19] = (unsigned char)(crc >> 8);
    phys[20] = (unsigned char)crc;

    render_sink_put(sink, data, head);
    render_sink_put(sink, phys, sizeof(phys));
    sink->png = false;
    data   += head;
    length -= (unsigned)head;
  }
  return (render_sink_put(sink, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR);
}


/*
 * Render a record as a PDF, one page per side at the card's exact size,
 * streamed to a write callback (no temporary file).
 */
bool
renderCardPDF(render_t              *r,		/* I - Renderer */
              const render_record_t *rec,	/* I - Record */
              render_write_cb_t     cb,		/* I - Write callback */
              void                  *ctx)	/* I - Its context */
{
  render_sink_t		sink = { cb, ctx, false, 0, false };
  cairo_surface_t	*surface;
  cairo_t		*cr;
  cairo_status_t	status;
  bool			ok = true;
  int			side;

  if (!r || !rec || !cb)
    return (false);
  r->error[0] = '\0';
  if (!render_check_fields(r, rec))
    return (false);

  surface = cairo_pdf_surface_create_for_stream(render_sink_write, &sink, r->t->width * PT_PER_MM, r->t->height * PT_PER_MM);
  // The document title is visible to anyone who opens the spooled file:
  // no personal data in it.
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "blanko card");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "blanko printctl");
  cr = cairo_create(surface);
  cairo_scale(cr, PT_PER_MM, PT_PER_MM);

  for (side = 0; ok && side < r->t->num_sides; side ++)
  {
    ok = render_draw_side(r, cr, rec, side, false);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);

  if (ok && (sink.failed || status != CAIRO_STATUS_SUCCESS))
    ok = render_error(r, _("cannot write the PDF: %s"), sink.failed ? _("write failed") : cairo_status_to_string(status));
  return (ok);
}


/*
 * Render one side of a record as a PNG at 300 dpi, streamed to a write
 * callback.
 */
bool
renderCardPNG(render_t              *r,		/* I - Renderer */
              const render_record_t *rec,	/* I - Record */
              int                   side,	/* I - 0 = front, 1 = back */
              render_write_cb_t     cb,		/* I - Write callback */
              void                  *ctx)	/* I - Its context */
{
  render_sink_t		sink = { cb, ctx, false, 0, true };
  cairo_surface_t	*surface;
  cairo_t		*cr;
  cairo_status_t	status;
  bool			ok;

  if (!r || !rec || !cb)
    return (false);
  r->error[0] = '\0';
  if (side < 0 || side >= r->t->num_sides)
    return (render_error(r, _("the template has no side %d"), side));
  if (!render_check_fields(r, rec))
    return (false);

  surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)lround(r->t->width * PX_PER_MM), (int)lround(r->t->height * PX_PER_MM));
  cr      = cairo_create(surface);
  cairo_scale(cr, PX_PER_MM, PX_PER_MM);
  ok = render_draw_side(r, cr, rec, side, true);
  cairo_destroy(cr);
  if (ok)
  {
    status = cairo_surface_write_to_png_stream(surface, render_sink_write, &sink);
    if (sink.failed || status != CAIRO_STATUS_SUCCESS)
      ok = render_error(r, _("cannot write the PNG: %s"), sink.failed ? _("write failed") : cairo_status_to_string(status));
  }
  cairo_surface_destroy(surface);
  return (ok);
}


/* fwrite as a write callback. */
static bool
render_fwrite(void                *ctx,		/* I - FILE */
              const unsigned char *data,	/* I - Bytes */
              size_t              len)		/* I - Number of bytes */
{
  return (fwrite(data, 1, len, (FILE *)ctx) == len);
}


/* Render a record as a PDF to a stdio stream. */
bool
renderCardPDFFile(render_t              *r,	/* I - Renderer */
                  const render_record_t *rec,	/* I - Record */
                  FILE                  *fp)	/* I - Open stream */
{
  return (fp && renderCardPDF(r, rec, render_fwrite, fp));
}


/* Render one side of a record as a PNG to a stdio stream. */
bool
renderCardPNGFile(render_t              *r,	/* I - Renderer */
                  const render_record_t *rec,	/* I - Record */
                  int                   side,	/* I - 0 = front, 1 = back */
                  FILE                  *fp)	/* I - Open stream */
{
  return (fp && renderCardPNG(r, rec, side, render_fwrite, fp));
}


/*
 * Lay out the text element named element (its section name, e.g.
 * "text name") for a record and say where it went.  Returns false if the
 * element is unknown or the text does not fit (ext is filled either way).
 */
bool
renderGetTextExtents(render_t              *r,		/* I - Renderer */
                     const render_record_t *rec,	/* I - Record */
                     const char            *element,	/* I - Section name of the element */
                     render_extents_t      *ext)	/* O - Extents */
{
  int		i;
  textfit_t	fit;
  bool		ok;

  if (!r || !rec || !element || !ext)
    return (false);
  memset(ext, 0, sizeof(render_extents_t));
  for (i = 0; i < r->t->num_elems; i ++)
  {
    const tmpl_elem_t *e = r->t->elems + i;

    if (e->kind != TMPL_TEXT || strcmp(e->name, element))
      continue;
    ok          = render_fit(r, e, rec, &fit);
    ext->box_x  = e->box.x;
    ext->box_y  = e->box.y;
    ext->box_w  = e->box.w;
    ext->box_h  = e->box.h;
    ext->x      = fit.x;
    ext->y      = fit.y;
    ext->width  = fit.width;
    ext->height = fit.height;
    ext->size   = fit.size;
    ext->lines  = fit.lines;
    ext->fits   = fit.fits;
    return (ok);
  }
  return (render_error(r, _("no text element [%s]"), element));
}
