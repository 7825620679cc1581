/*
 * Unit tests for card templates, rendering and the QR payload.
 *
 * Run from the top of the tree (templates and reference data are found by
 * relative path).  "test-render --write-ref FILE" writes a new reference
 * image of the default template; review it by eye before committing it.
 */

#include "../../printctl/render/qrpayload.h"
#include "../../printctl/render/render.h"
#include "../../printctl/render/template.h"
#include "../../printctl/render/template-private.h"
#include "sample-record.h"
#include "test.h"

#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo.h>

#define DEFAULT_TEMPLATE	"etc/templates/ktp-el.tmpl"
#define REF_IMAGE		"tests/data/ref-ktp-el.png"
#define REF_MEAN_TOLERANCE	1.0	/* Mean |difference| per channel, 0..255 */
#define REF_TILE_TOLERANCE	4.0	/* Same, worst 16x16 tile */

static const unsigned char key[] = "blanko test site key, not secret";
static const unsigned char other_key[] = "blanko another site key, not it";

typedef struct membuf_s			/* Growing output buffer */
{
  unsigned char	*data;
  size_t	len, size;
} membuf_t;

typedef struct thread_job_s		/* One rendering thread */
{
  const tmpl_t	*t;
  membuf_t	expected;		/* PNG every run must reproduce */
  int		runs;
  bool		ok;
} thread_job_t;


/* Write callback into a membuf_t. */
static bool
mem_cb(void *ctx, const unsigned char *data, size_t len)
{
  membuf_t *b = (membuf_t *)ctx;

  if (b->len + len > b->size)
  {
    size_t		size = (b->len + len) * 2;
    unsigned char	*p = realloc(b->data, size);

    if (!p)
      return (false);
    b->data = p;
    b->size = size;
  }
  memcpy(b->data + b->len, data, len);
  b->len += len;
  return (true);
}


/* cairo reader over a membuf_t (pos kept in size while reading). */
static cairo_status_t
mem_read(void *closure, unsigned char *data, unsigned int length)
{
  membuf_t *b = (membuf_t *)closure;

  if (length > b->len - b->size)
    return (CAIRO_STATUS_READ_ERROR);
  memcpy(data, b->data + b->size, length);
  b->size += length;
  return (CAIRO_STATUS_SUCCESS);
}


/* Decode PNG bytes to a surface. */
static cairo_surface_t *
png_surface(const membuf_t *png)
{
  membuf_t rd = { png->data, png->len, 0 };

  return (cairo_image_surface_create_from_png_stream(mem_read, &rd));
}


/* Halve an image (the reference is kept at 150 dpi to stay small). */
static cairo_surface_t *
half_size(cairo_surface_t *s)
{
  int			w = cairo_image_surface_get_width(s) / 2, h = cairo_image_surface_get_height(s) / 2;
  cairo_surface_t	*half = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t		*cr = cairo_create(half);

  cairo_scale(cr, 0.5, 0.5);
  cairo_set_source_surface(cr, s, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_flush(half);
  return (half);
}


/*
 * Compare two images: mean absolute difference per colour channel over the
 * whole image, and the worst such mean over 16x16 tiles (so that one wrong
 * word cannot hide in a good average).  -1 if sizes differ.
 */
static double
image_diff(cairo_surface_t *a, cairo_surface_t *b, double *worst_tile)
{
  int		w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
  int		sa, sb, x, y, tx, ty;
  unsigned char	*pa, *pb;
  double	total = 0.0;

  *worst_tile = -1.0;
  if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b))
    return (-1.0);
  cairo_surface_flush(a);
  cairo_surface_flush(b);
  pa = cairo_image_surface_get_data(a);
  pb = cairo_image_surface_get_data(b);
  sa = cairo_image_surface_get_stride(a);
  sb = cairo_image_surface_get_stride(b);

  for (ty = 0; ty < h; ty += 16)
    for (tx = 0; tx < w; tx += 16)
    {
      double	tile = 0.0;
      int	n = 0;

      for (y = ty; y < ty + 16 && y < h; y ++)
        for (x = tx; x < tx + 16 && x < w; x ++, n ++)
        {
          const unsigned char *ca = pa + y * sa + 4 * x, *cb = pb + y * sb + 4 * x;

          tile += abs(ca[0] - cb[0]) + abs(ca[1] - cb[1]) + abs(ca[2] - cb[2]);
        }
      total += tile;
      tile /= 3.0 * n;
      if (tile > *worst_tile)
        *worst_tile = tile;
    }
  return (total / (3.0 * w * h));
}


/* Write a file in the scratch folder, mode 0600. */
static bool
write_file(const char *path, const char *text)
{
  int	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  bool	ok;

  if (fd < 0)
    return (false);
  ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
  return (close(fd) == 0 && ok);
}


/* Load a template; NULL on failure with the error copied to error. */
static tmpl_t *
load(const char *path, char *error, size_t errsize)
{
  tmpl_t *t = tmplNew();

  if (tmplLoad(t, path))
    return (t);
  snprintf(error, errsize, "%s", tmplGetError(t));
  tmplDelete(t);
  return (NULL);
}


/* Render a PNG of a record into a buffer. */
static bool
render_png(const tmpl_t *t, const render_record_t *rec, membuf_t *out)
{
  render_t	*r = renderNew(t);
  bool		ok = r && renderCardPNG(r, rec, 0, mem_cb, out);

  if (r && !ok)
    printf("  render: %s\n", renderGetError(r));
  renderDelete(r);
  return (ok);
}


/* Thread body: render the same PNG several times, compare to expected. */
static void *
thread_render(void *arg)
{
  thread_job_t	*job = (thread_job_t *)arg;
  render_t	*r = renderNew(job->t);
  sample_t	s;
  int		i;

  job->ok = r && sampleInit(&s, true);
  for (i = 0; job->ok && i < job->runs; i ++)
  {
    membuf_t out = { NULL, 0, 0 };

    job->ok = renderCardPNG(r, &s.rec, 0, mem_cb, &out) && out.len == job->expected.len && !memcmp(out.data, job->expected.data, out.len);
    free(out.data);
  }
  sampleFree(&s);
  renderDelete(r);
  return (NULL);
}


/* QR payload tests. */
static void
test_qrpayload(void)
{
  char		payload[QR_PAYLOAD_MAX], altered[QR_PAYLOAD_MAX];
  qr_fields_t	f;
  size_t	i;
  int		accepted;
  const char	*alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  testBegin("qrPayloadBuild and qrPayloadVerify: genuine payload");
  TEST_ASSERT(qrPayloadBuild("KTP0001000", "3374015708900001", "2026-11-27", key, sizeof(key) - 1, payload, sizeof(payload)));
  TEST_ASSERT(!strncmp(payload, "KTP1:KTP0001000:3374015708900001:20261127:", 42));
  TEST_ASSERT(strlen(payload) == 42 + 20);
  TEST_ASSERT(qrPayloadVerify(payload, key, sizeof(key) - 1, &f) == QR_GENUINE);
  TEST_ASSERT(!strcmp(f.serial, "KTP0001000") && !strcmp(f.nik, "3374015708900001") && !strcmp(f.issue_date, "2026-11-27") && !f.preview);
  testEnd(1);

  testBegin("qrPayloadVerify: wrong key is forged");
  TEST_ASSERT(qrPayloadVerify(payload, other_key, sizeof(other_key) - 1, &f) == QR_FORGED);
  TEST_ASSERT(!strcmp(f.nik, "3374015708900001"));	// Still says what it claims
  testEnd(1);

  testBegin("qrPayloadVerify: every one-character alteration is rejected");
  for (accepted = 0, i = 0; i < strlen(payload); i ++)
  {
    strcpy(altered, payload);
    altered[i] = (altered[i] == 'A') ? 'B' : (altered[i] == ':' ? '0' : (strchr(alnum, altered[i])[1] ? strchr(alnum, altered[i])[1] : '0'));
    if (qrPayloadVerify(altered, key, sizeof(key) - 1, NULL) == QR_GENUINE)
      accepted ++;
  }
  testEndMessage(accepted == 0, "%d of %d accepted", accepted, (int)strlen(payload));

  testBegin("qrPayloadBuild: preview payload");
  TEST_ASSERT(qrPayloadBuild(NULL, "3374015708900001", "2026-11-27", key, sizeof(key) - 1, payload, sizeof(payload)));
  TEST_ASSERT(!strncmp(payload, "KTP1:PREVIEW:", 13));
  TEST_ASSERT(qrPayloadVerify(payload, key, sizeof(key) - 1, &f) == QR_GENUINE && f.preview);
  testEnd(1);

  testBegin("qrPayloadVerify: malformed payloads");
  TEST_ASSERT(qrPayloadVerify("", key, sizeof(key) - 1, NULL) == QR_MALFORMED);
  TEST_ASSERT(qrPayloadVerify("KTP2:A:3374015708900001:20261127:AAAAAAAAAAAAAAAAAAAA", key, sizeof(key) - 1, NULL) == QR_MALFORMED);
  TEST_ASSERT(qrPayloadVerify("KTP1:A:337401570890000:20261127:AAAAAAAAAAAAAAAAAAAA", key, sizeof(key) - 1, NULL) == QR_MALFORMED);
  TEST_ASSERT(qrPayloadVerify("KTP1:A:3374015708900001:20261331:AAAAAAAAAAAAAAAAAAAA", key, sizeof(key) - 1, NULL) == QR_MALFORMED);
  TEST_ASSERT(qrPayloadVerify("KTP1:A:3374015708900001:20261127", key, sizeof(key) - 1, NULL) == QR_MALFORMED);
  TEST_ASSERT(qrPayloadVerify("KTP1:a:3374015708900001:20261127:AAAAAAAAAAAAAAAAAAAA", key, sizeof(key) - 1, NULL) == QR_MALFORMED);
  TEST_ASSERT(qrPayloadVerify("KTP1:A:3374015708900001:20261127:AAAAAAAAAAAAAAAAAAAA", key, sizeof(key) - 1, NULL) == QR_FORGED);
  testEnd(1);

  testBegin("qrPayloadBuild: refuses bad input");
  TEST_ASSERT(!qrPayloadBuild("KTP0001000", "33740157089000X1", "2026-11-27", key, sizeof(key) - 1, payload, sizeof(payload)));
  TEST_ASSERT(!qrPayloadBuild("ktp:1", "3374015708900001", "2026-11-27", key, sizeof(key) - 1, payload, sizeof(payload)));
  TEST_ASSERT(!qrPayloadBuild("KTP0001000", "3374015708900001", "2026-02-30", key, sizeof(key) - 1, payload, sizeof(payload)));
  TEST_ASSERT(!qrPayloadBuild("KTP0001000", "3374015708900001", "2026-11-27", key, 0, payload, sizeof(payload)));
  TEST_ASSERT(!qrPayloadBuild("KTP0001000", "3374015708900001", "2026-11-27", key, sizeof(key) - 1, payload, 20));
  testEnd(1);
}


/* Template loading and its errors. */
static void
test_templates(const char *dir)
{
  static const struct
  {
    const char	*what;			/* What is wrong */
    const char	*text;			/* Template text */
    int		line;			/* Line the error must name */
    const char	*message;		/* Part of the message */
  } bad[] =
  {
    { "unknown field", "[card]\nsize = 85.6 53.98\n[fields]\nnik = 16\n[text x]\nbox = 1 1 10 3\ntext = ${nama}\n", 7, "unknown field \"nama\"" },
    { "box outside the card", "[card]\nsize = 85.6 53.98\n\n[text x]\ntext = A\nbox = 80 1 10 3\n", 6, "outside the card" },
    { "missing font", "[card]\nsize = 85.6 53.98\n[text x]\nbox = 1 1 10 3\ntext = A\nfont = No Such Font Family\n", 6, "font \"No Such Font Family\" is not installed" },
    { "missing image", "[card]\nsize = 85.6 53.98\n[image bg]\nfile = no-such-image.png\n", 4, "cannot read image \"no-such-image.png\"" },
    { "bad number", "[card]\nsize = 85.6 53.98\n[text x]\nbox = 1 1 10 3\ntext = A\nsize = 6x\n", 6, "bad font size" },
    { "bad size", "[card]\nsize = 85,6 53.98\n", 2, "bad size" },
    { "unknown key", "[card]\nsize = 85.6 53.98\nsides = front\ncolour = #ffffff\n", 4, "unknown key \"colour\"" },
    { "photo not 3:4", "[card]\nsize = 85.6 53.98\n[photo]\nbox = 60 10 20 20\n", 4, "3:4" },
    { "syntax error", "[card]\nsize = 85.6 53.98\nthis line has no equals sign\n", 3, "syntax error" },
    { "card not first", "[fields]\nnik = 16\n[card]\nsize = 85.6 53.98\n", 1, "[card] section must come first" },
    { "label too long", "[card]\nsize = 85.6 53.98\n[text x]\nbox = 1 1 5 2\nfit = none\ntext = A LABEL MUCH TOO LONG FOR ITS BOX\n", 6, "does not fit" },
    { "unknown filter", "[card]\nsize = 85.6 53.98\n[fields]\nd = 10\n[text x]\nbox = 1 1 20 3\ntext = ${d|time}\n", 7, "unknown filter" },
    { "QR without its NIK field", "[card]\nsize = 85.6 53.98\n[qr]\nbox = 1 1 10 10\n", 3, "unknown field \"nik\"" },
    /* Each key of an element section, refused as its kind has it or not */
    { "back of a one-sided card", "[card]\nsize = 85.6 53.98\n[text x]\nside = back\n", 4, "bad side \"back\" (the card has front)" },
    { "bad box", "[card]\nsize = 85.6 53.98\n[rect r]\nbox = 1 1 0 3\n", 4, "bad box \"1 1 0 3\"" },
    { "QR box not square", "[card]\nsize = 85.6 53.98\n[qr]\nbox = 1 1 10 12\n", 4, "the QR box must be square" },
    { "text twice", "[card]\nsize = 85.6 53.98\n[text x]\ntext = A\ntext = B\n", 5, "text given twice" },
    { "bad min-size", "[card]\nsize = 85.6 53.98\n[text x]\nmin-size = 0.5\n", 4, "bad font size \"0.5\"" },
    { "bad weight", "[card]\nsize = 85.6 53.98\n[text x]\nweight = fat\n", 4, "bad font weight \"fat\"" },
    { "bad align", "[card]\nsize = 85.6 53.98\n[text x]\nalign = Left\n", 4, "bad align \"Left\" (left, center, right)" },
    { "bad valign", "[card]\nsize = 85.6 53.98\n[text x]\nvalign = centre\n", 4, "bad valign \"centre\" (baseline, top, middle, bottom)" },
    { "bad fit", "[card]\nsize = 85.6 53.98\n[text x]\nfit = squeeze\n", 4, "bad fit \"squeeze\" (shrink-wrap, shrink, wrap, none)" },
    { "bad upper", "[card]\nsize = 85.6 53.98\n[text x]\nupper = maybe\n", 4, "bad upper \"maybe\" (yes, no)" },
    { "text colour none", "[card]\nsize = 85.6 53.98\n[text x]\ncolor = none\n", 4, "bad colour \"none\", expected #RRGGBB" },
    { "fill of a text", "[card]\nsize = 85.6 53.98\n[text x]\nfill = #000000\n", 4, "unknown key \"fill\" in [text x]" },
    { "bad fill", "[card]\nsize = 85.6 53.98\n[rect r]\nfill = #12345\n", 4, "bad colour \"#12345\", expected #RRGGBB or none" },
    { "bad stroke", "[card]\nsize = 85.6 53.98\n[rect r]\nstroke = red\n", 4, "bad colour \"red\", expected #RRGGBB or none" },
    { "bad line width", "[card]\nsize = 85.6 53.98\n[rect r]\nline-width = 11\n", 4, "bad line width \"11\"" },
    { "stroke of a photo", "[card]\nsize = 85.6 53.98\n[photo]\nstroke = #000000\n", 4, "unknown key \"stroke\" in [photo]" },
    { "bad photo fill", "[card]\nsize = 85.6 53.98\n[photo]\nfill = grey\n", 4, "bad colour \"grey\", expected #RRGGBB or none" },
    { "text of an image", "[card]\nsize = 85.6 53.98\n[image bg]\ntext = A\n", 4, "unknown key \"text\" in [image bg]" },
    { "bad QR payload", "[card]\nsize = 85.6 53.98\n[qr]\npayload = KTP3\n", 4, "unknown QR payload \"KTP3\" (KTP2)" },
    { "bad error correction", "[card]\nsize = 85.6 53.98\n[qr]\nerror-correction = MQ\n", 4, "bad error correction \"MQ\" (L, M, Q, H)" },
    { "file of a QR", "[card]\nsize = 85.6 53.98\n[qr]\nfile = a.png\n", 4, "unknown key \"file\" in [qr]" }
  };
  char		path[1024], error[1024], want[1200];
  tmpl_t	*t;
  size_t	i;
  int		maxlen;
  unsigned	flags;

  testBegin("tmplLoad: default ktp-el template");
  t = load(DEFAULT_TEMPLATE, error, sizeof(error));
  TEST_ASSERT(t != NULL);
  if (t)
  {
    TEST_ASSERT(!strcmp(tmplGetName(t), "ktp-el"));
    TEST_ASSERT(fabs(tmplGetWidth(t) - 85.6) < 1e-9 && fabs(tmplGetHeight(t) - 53.98) < 1e-9);
    TEST_ASSERT(tmplGetNumSides(t) == 1);
    TEST_ASSERT(tmplGetField(t, tmplFindField(t, "name"), &maxlen, &flags) && maxlen == 80 && flags == 0);
    TEST_ASSERT(tmplGetField(t, tmplFindField(t, "address"), &maxlen, NULL) && maxlen == 120);
    TEST_ASSERT(tmplGetField(t, tmplFindField(t, "province"), NULL, &flags) && flags == TMPL_FIELD_SITE);
    TEST_ASSERT(tmplGetField(t, tmplFindField(t, "blood_type"), NULL, &flags) && flags == TMPL_FIELD_OPTIONAL);
    TEST_ASSERT(tmplFindField(t, "no_such_field") == -1);
  }
  testEndMessage(t != NULL, "%s", t ? "ok" : error);
  tmplDelete(t);

  for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i ++)
  {
    testBegin("tmplLoad: %s is FILE:LINE", bad[i].what);
    snprintf(path, sizeof(path), "%s/bad%d.tmpl", dir, (int)i);
    TEST_ASSERT(write_file(path, bad[i].text));
    error[0] = '\0';
    t = load(path, error, sizeof(error));
    TEST_ASSERT(t == NULL);
    snprintf(want, sizeof(want), "%s:%d: ", path, bad[i].line);
    TEST_ASSERT(!strncmp(error, want, strlen(want)));
    TEST_ASSERT(strstr(error, bad[i].message) != NULL);
    TEST_ASSERT(strchr(error, '\n') == NULL);
    testEndMessage(1, "%s", error);
    tmplDelete(t);
    unlink(path);
  }

  testBegin("tmplLoad: missing file names the file");
  snprintf(path, sizeof(path), "%s/none.tmpl", dir);
  t = load(path, error, sizeof(error));
  TEST_ASSERT(t == NULL && !strncmp(error, path, strlen(path)));
  testEnd(1);
}


/* Every word of an element's word keys sets its own value, and the other
   keys of each kind set theirs. */
static void
test_element_keys(const char *dir)
{
  static const char * const aligns[] = { "left", "center", "right" };
  static const char * const valigns[] = { "baseline", "top", "middle", "bottom" };
  static const char * const fits[] = { "shrink-wrap", "shrink", "wrap", "none" };
  char		path[1024], error[1024], text[4096];
  size_t	n = 0;
  tmpl_t	*t;
  bool		ok;

  testBegin("tmplLoad: each element key sets its value");
  n += (size_t)snprintf(text + n, sizeof(text) - n, "[card]\nsize = 85.6 53.98\nsides = front back\n[fields]\nnik = 16\n");
  for (int i = 0; i < 4; i ++)
    n += (size_t)snprintf(text + n, sizeof(text) - n, "[text t%d]\nbox = 1 %d 30 3\ntext = A\nside = back\nalign = %s\n"
                          "valign = %s\nfit = %s\nupper = yes\nweight = bold\nsize = 7\nmin-size = 5\ncolor = #ff0000\n",
                          i, 1 + 4 * i, aligns[i % 3], valigns[i], fits[i]);
  n += (size_t)snprintf(text + n, sizeof(text) - n, "[rect r]\nbox = 40 1 10 5\nfill = none\nstroke = #00ff00\nline-width = 0.5\n"
                        "[photo]\nbox = 60 10 15 20\nfill = #0000ff\n[qr]\nbox = 40 30 10 10\nnik-field = nik\n"
                        "error-correction = Q\npayload = KTP1\n");
  snprintf(path, sizeof(path), "%s/keys.tmpl", dir);
  TEST_ASSERT(write_file(path, text));
  t = load(path, error, sizeof(error));
  TEST_ASSERT((ok = t != NULL && t->num_elems == 7));
  for (int i = 0; ok && i < 4; i ++)
  {
    const tmpl_elem_t *e = t->elems + i;

    TEST_ASSERT(e->kind == TMPL_TEXT && e->side == 1 && e->align == (tmpl_align_t)(i % 3) &&
                e->valign == (tmpl_valign_t)i && e->fit == (tmpl_fit_t)i);
    TEST_ASSERT(e->upper && e->weight == 700 && e->size == 7.0 && e->min_size == 5.0 && e->color.set &&
                e->color.r == 1.0 && e->color.g == 0.0 && e->has_box && e->box.y == 1.0 + 4 * i);
  }
  if (ok)
  {
    TEST_ASSERT(!t->elems[4].fill.set && t->elems[4].stroke.set && t->elems[4].stroke.g == 1.0 &&
                t->elems[4].line_width == 0.5);
    TEST_ASSERT(t->elems[5].kind == TMPL_PHOTO && t->elems[5].fill.set && t->elems[5].fill.b == 1.0);
    TEST_ASSERT(t->elems[6].kind == TMPL_QR && t->elems[6].eclevel == 2 && !strcmp(t->elems[6].nik_field, "nik") &&
                !strcmp(t->elems[6].payload, "KTP1"));
  }
  testEndMessage(ok, "%s", t ? "ok" : error);
  tmplDelete(t);
  unlink(path);
}


/* Long values: shrink, then wrap, inside the box. */
static void
test_fit(const tmpl_t *t)
{
  static const struct { const char *elem, *field; int len; } cases[] =
  {
    { "text name", "name", 80 },
    { "text address", "address", 120 }
  };
  static const char	words[] = "MUHAMMAD RIZKY PRATAMA ADITYA NUGROHO WIBOWO JL. PANGERAN DIPONEGORO GANG MAWAR MERAH NO. 123 BLOK C KOMPLEK GRIYA ASRI SEJAHTERA PERMAI";
  char			value[256], wide[100];
  render_t		*r = renderNew(t);
  render_extents_t	ext;
  sample_t		s;
  size_t		i;

  sampleInit(&s, true);
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i ++)
  {
    const double eps = 0.01;

    testBegin("%d-character %s fits its box", cases[i].len, cases[i].field);
    snprintf(value, sizeof(value), "%.*s", cases[i].len, words);
    TEST_ASSERT(strlen(value) == (size_t)cases[i].len);
    sampleSet(&s, cases[i].field, value);
    TEST_ASSERT(renderGetTextExtents(r, &s.rec, cases[i].elem, &ext));
    TEST_ASSERT(ext.fits);
    TEST_ASSERT(ext.x >= ext.box_x - eps && ext.x + ext.width <= ext.box_x + ext.box_w + eps);
    TEST_ASSERT(ext.y >= ext.box_y - eps && ext.y + ext.height <= ext.box_y + ext.box_h + eps);
    TEST_ASSERT(ext.lines >= 2);		// It had to wrap
    TEST_ASSERT(ext.size >= 3.5 - eps);	// ...and stayed readable
    TEST_ASSERT(renderCheckRecord(r, &s.rec));
    testEndMessage(1, "%.2f pt, %d lines, %.1f x %.1f mm in %.1f x %.1f mm", ext.size, ext.lines, ext.width, ext.height, ext.box_w, ext.box_h);
    sampleSet(&s, cases[i].field, i ? "Jl. Pandanaran Raya No. 17" : "Ratna Sari Wulandari");
  }

  testBegin("a short name is not shrunk");
  TEST_ASSERT(renderGetTextExtents(r, &s.rec, "text name", &ext));
  TEST_ASSERT(ext.lines == 1 && fabs(ext.size - 5.5) < 0.01);
  testEnd(1);

  testBegin("a name that cannot fit is refused, naming the field only");
  memset(wide, 'W', 80);
  wide[80] = '\0';
  sampleSet(&s, "name", wide);
  TEST_ASSERT(!renderCheckRecord(r, &s.rec));
  TEST_ASSERT(strstr(renderGetError(r), "[text name]") != NULL && strstr(renderGetError(r), "\"name\"") != NULL);
  TEST_ASSERT(strstr(renderGetError(r), "WWW") == NULL);
  testEndMessage(1, "%s", renderGetError(r));

  testBegin("a name over its maximum length is refused");
  memset(wide, 'A', 81);
  wide[81] = '\0';
  sampleSet(&s, "name", wide);
  TEST_ASSERT(!renderCheckRecord(r, &s.rec));
  TEST_ASSERT(strstr(renderGetError(r), "\"name\"") != NULL && strstr(renderGetError(r), "80") != NULL);
  testEndMessage(1, "%s", renderGetError(r));

  testBegin("a missing field is refused");
  sampleSet(&s, "name", "");
  TEST_ASSERT(!renderCheckRecord(r, &s.rec));
  TEST_ASSERT(strstr(renderGetError(r), "\"name\"") != NULL);
  testEnd(1);

  sampleFree(&s);
  renderDelete(r);
}


/* PDF and PNG output. */
static void
test_output(const tmpl_t *t, const char *dir)
{
  render_t		*r = renderNew(t);
  sample_t		s;
  membuf_t		pdf = { NULL, 0, 0 }, png = { NULL, 0, 0 };
  char			path[1024];
  struct stat		st;
  FILE			*fp;
  int			fd;
  cairo_surface_t	*img;

  testBegin("renderCardPDF: JPEG photo embedded byte for byte");
  TEST_ASSERT(sampleInit(&s, true));
  TEST_ASSERT(renderCardPDF(r, &s.rec, mem_cb, &pdf));
  TEST_ASSERT(pdf.len > 5 && !memcmp(pdf.data, "%PDF-", 5));
  TEST_ASSERT(memmem(pdf.data, pdf.len, s.rec.photo, s.rec.photo_len) != NULL);
  testEndMessage(1, "%u bytes, photo %u bytes", (unsigned)pdf.len, (unsigned)s.rec.photo_len);

  testBegin("renderCardPDFFile: file mode 0600");
  snprintf(path, sizeof(path), "%s/card.pdf", dir);
  fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
  TEST_ASSERT(fp && renderCardPDFFile(r, &s.rec, fp));
  TEST_ASSERT(fp && fclose(fp) == 0);
  TEST_ASSERT(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600 && st.st_size > 1000);
  testEnd(1);
  unlink(path);

  testBegin("renderCardPNG: 300 dpi, 1011 x 638 pixels, pHYs chunk");
  TEST_ASSERT(renderCardPNG(r, &s.rec, 0, mem_cb, &png));
  img = png_surface(&png);
  TEST_ASSERT(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS);
  TEST_ASSERT(cairo_image_surface_get_width(img) == 1011 && cairo_image_surface_get_height(img) == 638);
  // pHYs right after IHDR: 11811 pixels per metre = 300 dpi.
  TEST_ASSERT(png.len > 54 && !memcmp(png.data + 37, "pHYs\0\0\x2e\x23\0\0\x2e\x23\x01", 13));
  testEnd(1);
  cairo_surface_destroy(img);

  testBegin("renderCardPNG: PNG photo works too");
  sampleFree(&s);
  free(png.data);
  png = (membuf_t){ NULL, 0, 0 };
  TEST_ASSERT(sampleInit(&s, false));
  TEST_ASSERT(renderCardPNG(r, &s.rec, 0, mem_cb, &png));
  testEnd(1);

  testBegin("a photo whose type is wrong is refused");
  s.rec.photo_type = "image/jpeg";
  TEST_ASSERT(!renderCheckRecord(r, &s.rec));
  testEndMessage(1, "%s", renderGetError(r));

  testBegin("a printed card without a photo is refused");
  s.rec.photo     = NULL;
  s.rec.photo_len = 0;
  free(pdf.data);
  pdf = (membuf_t){ NULL, 0, 0 };
  TEST_ASSERT(!renderCardPDF(r, &s.rec, mem_cb, &pdf));
  testEndMessage(1, "%s", renderGetError(r));

  testBegin("a write callback failure is reported");
  sampleFree(&s);
  sampleInit(&s, true);
  TEST_ASSERT(!renderCardPDFFile(r, &s.rec, NULL));
  fp = fopen("/dev/full", "wb");
  TEST_ASSERT(fp && setvbuf(fp, NULL, _IONBF, 0) == 0);
  TEST_ASSERT(fp && !renderCardPDFFile(r, &s.rec, fp));
  TEST_ASSERT(strstr(renderGetError(r), "PDF") != NULL);
  if (fp)
    fclose(fp);
  testEndMessage(1, "%s", renderGetError(r));

  sampleFree(&s);
  free(pdf.data);
  free(png.data);
  renderDelete(r);
}


/* Compare the default template's rendering to the reviewed reference. */
static void
test_reference(const tmpl_t *t)
{
  cairo_surface_t	*ref = cairo_image_surface_create_from_png(REF_IMAGE);
  cairo_surface_t	*full, *half;
  membuf_t		png = { NULL, 0, 0 };
  sample_t		s;
  double		mean, tile;

  sampleInit(&s, true);

  testBegin("default template matches %s", REF_IMAGE);
  TEST_ASSERT(cairo_surface_status(ref) == CAIRO_STATUS_SUCCESS);
  TEST_ASSERT(render_png(t, &s.rec, &png));
  full = png_surface(&png);
  half = half_size(full);
  mean = image_diff(half, ref, &tile);
  testEndMessage(mean >= 0.0 && mean <= REF_MEAN_TOLERANCE && tile <= REF_TILE_TOLERANCE, "mean %.3f (max %.1f), worst tile %.2f (max %.1f)", mean, REF_MEAN_TOLERANCE, tile, REF_TILE_TOLERANCE);
  cairo_surface_destroy(full);
  cairo_surface_destroy(half);
  free(png.data);

  // The comparison must be able to fail: one changed name must show.
  testBegin("reference comparison sees a changed name");
  png = (membuf_t){ NULL, 0, 0 };
  sampleSet(&s, "name", "Ratna Sari Wulandaru");
  TEST_ASSERT(render_png(t, &s.rec, &png));
  full = png_surface(&png);
  half = half_size(full);
  mean = image_diff(half, ref, &tile);
  testEndMessage(tile > REF_TILE_TOLERANCE, "mean %.3f, worst tile %.2f", mean, tile);
  cairo_surface_destroy(full);
  cairo_surface_destroy(half);
  free(png.data);

  testBegin("reference comparison sees the PREVIEW mark");
  png = (membuf_t){ NULL, 0, 0 };
  sampleSet(&s, "name", "Ratna Sari Wulandari");
  s.rec.serial = NULL;
  TEST_ASSERT(render_png(t, &s.rec, &png));
  full = png_surface(&png);
  half = half_size(full);
  mean = image_diff(half, ref, &tile);
  testEndMessage(mean > REF_MEAN_TOLERANCE, "mean %.3f, worst tile %.2f", mean, tile);
  cairo_surface_destroy(full);
  cairo_surface_destroy(half);
  free(png.data);

  cairo_surface_destroy(ref);
  sampleFree(&s);
}


/* Two threads with their own renderers give the same pixels as one. */
static void
test_threads(const tmpl_t *t)
{
  thread_job_t	jobs[2];
  pthread_t	tid[2];
  sample_t	s;
  membuf_t	expected = { NULL, 0, 0 };
  int		i;

  testBegin("two threads render identical cards concurrently");
  sampleInit(&s, true);
  TEST_ASSERT(render_png(t, &s.rec, &expected));
  for (i = 0; i < 2; i ++)
  {
    jobs[i] = (thread_job_t){ t, expected, 8, false };
    TEST_ASSERT(pthread_create(tid + i, NULL, thread_render, jobs + i) == 0);
  }
  for (i = 0; i < 2; i ++)
    pthread_join(tid[i], NULL);
  TEST_ASSERT(jobs[0].ok && jobs[1].ok);
  testEnd(1);
  free(expected.data);
  sampleFree(&s);
}


int
main(int  argc,
     char *argv[])
{
  char		dir[] = "/tmp/blanko-test-render-XXXXXX";
  char		error[1024];
  tmpl_t	*t;

  if (argc == 3 && !strcmp(argv[1], "--write-ref"))
  {
    // Write the half-size reference image from the current renderer.
    membuf_t		png = { NULL, 0, 0 };
    sample_t		s;
    cairo_surface_t	*full, *half;

    if ((t = load(DEFAULT_TEMPLATE, error, sizeof(error))) == NULL || !sampleInit(&s, true) || !render_png(t, &s.rec, &png))
      return (1);
    full = png_surface(&png);
    half = half_size(full);
    return (cairo_surface_write_to_png(half, argv[2]) == CAIRO_STATUS_SUCCESS ? 0 : 1);
  }

  if (!mkdtemp(dir))
  {
    perror("mkdtemp");
    return (1);
  }

  test_qrpayload();
  test_templates(dir);
  test_element_keys(dir);

  if ((t = load(DEFAULT_TEMPLATE, error, sizeof(error))) == NULL)
  {
    printf("FAIL: cannot load %s: %s\n", DEFAULT_TEMPLATE, error);
    rmdir(dir);
    return (1);
  }
  test_fit(t);
  test_output(t, dir);
  test_reference(t);
  test_threads(t);
  tmplDelete(t);

  if (rmdir(dir))
    printf("FAIL: scratch folder %s not empty\n", dir);
  return (testSummary());
}
