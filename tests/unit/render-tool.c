/*
 * render-tool: drives the card renderer for tests/t0100-render.sh and for
 * measuring speed.  Not installed; the real commands are printctl's.
 *
 *   render-tool card [--preview] [--png-photo] [--photo FILE] [--set FIELD=VALUE]...
 *                    [--serial SERIAL] [--print-payload]
 *                    (--key HEX | --ledger LEDGER | --payload TEXT) TEMPLATE OUT.pdf|OUT.png
 *   render-tool verify (--key HEX | --ledger LEDGER) PAYLOAD
 *                                          (exit 0 genuine, 1 forged, 2 malformed,
 *                                          3 unknown key)
 *
 * --key seals the QR payload as KTP1 (HMAC with that key: how cards were
 * sealed before KTP2, for fixtures of old cards); --ledger as KTP2 with the
 * signing keys beside LEDGER (made if missing), as printctl does; --payload
 * draws TEXT as it is (the same sealed payload on a PNG and on a PDF).
 *   render-tool check TEMPLATE             (exit 0 good, 1 with FILE:LINE: message)
 *   render-tool bench [--threads N] [--png-photo] --key HEX TEMPLATE COUNT
 */

#include "../../printctl/render/qrpayload.h"
#include "../../printctl/render/render.h"
#include "../../printctl/render/template.h"
#include "blanko/keyring.h"
#include "sample-record.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct bench_s			/* One benchmark thread */
{
  const tmpl_t		*t;
  const unsigned char	*key;
  size_t		keylen;
  bool			jpeg;
  long			count;
  size_t		bytes;
  bool			ok;
} bench_t;


/* Parse a hex key; returns its length or 0. */
static size_t
parse_key(const char    *hex,			/* I - Hex digits */
          unsigned char *key,			/* O - Key */
          size_t        keysize)		/* I - Size of key */
{
  size_t i, n = strlen(hex) / 2;

  if (strlen(hex) % 2 || n == 0 || n > keysize)
    return (0);
  for (i = 0; i < n; i ++)
  {
    unsigned v;

    if (sscanf(hex + 2 * i, "%2x", &v) != 1)
      return (0);
    key[i] = (unsigned char)v;
  }
  return (n);
}


/* Load a template or say why not. */
static tmpl_t *
load(const char *filename)			/* I - Template file */
{
  tmpl_t *t = tmplNew();

  if (!tmplLoad(t, filename))
  {
    fprintf(stderr, "%s\n", tmplGetError(t));
    tmplDelete(t);
    return (NULL);
  }
  return (t);
}


/* The sample's NIK. */
static const char *
sample_nik(const sample_t *s)			/* I - Sample */
{
  for (int i = 0; i < s->rec.num_fields; i ++)
    if (!strcmp(s->fields[i].name, "nik"))
      return (s->fields[i].value);
  return (NULL);
}


/* Write callback that only counts bytes. */
static bool
count_cb(void *ctx, const unsigned char *data, size_t len)
{
  (void)data;
  *(size_t *)ctx += len;
  return (true);
}


/* Benchmark thread: render count PDFs with its own renderer. */
static void *
bench_thread(void *arg)				/* I - bench_t */
{
  bench_t	*b = (bench_t *)arg;
  render_t	*r = renderNew(b->t);
  sample_t	s;
  long		i;

  b->ok = r && sampleInit(&s, b->jpeg) && sampleSeal(&s, b->key, b->keylen);
  for (i = 0; b->ok && i < b->count; i ++)
    b->ok = renderCardPDF(r, &s.rec, count_cb, &b->bytes);
  if (!b->ok && r)
    fprintf(stderr, "render-tool: %s\n", renderGetError(r));
  sampleFree(&s);
  renderDelete(r);
  return (NULL);
}


int
main(int  argc,					/* I - Number of arguments */
     char *argv[])				/* I - Arguments */
{
  unsigned char	key[256];
  size_t	keylen = 0;
  bool		preview = false, jpeg = true;
  int		threads = 1, i;
  const char	*args[3] = { NULL, NULL, NULL };
  int		nargs = 0;
  sample_t	s;
  char		*sets[SAMPLE_MAX_FIELDS];
  int		nsets = 0;
  const char	*photo_file = NULL, *ledger = NULL, *serial = NULL, *given = NULL;
  unsigned char	*photo = NULL;
  bool		print_payload = false;
  inv_keyring_t	*kr = NULL;
  char		error[1024];

  if (argc < 2)
  {
    fputs("Usage: render-tool card|verify|check|bench ...\n", stderr);
    return (2);
  }
  for (i = 2; i < argc; i ++)
  {
    if (!strcmp(argv[i], "--key") && i + 1 < argc)
    {
      if ((keylen = parse_key(argv[++ i], key, sizeof(key))) == 0)
      {
        fputs("render-tool: bad --key\n", stderr);
        return (2);
      }
    }
    else if (!strcmp(argv[i], "--ledger") && i + 1 < argc)
      ledger = argv[++ i];
    else if (!strcmp(argv[i], "--payload") && i + 1 < argc)
      given = argv[++ i];
    else if (!strcmp(argv[i], "--serial") && i + 1 < argc)
      serial = argv[++ i];
    else if (!strcmp(argv[i], "--print-payload"))
      print_payload = true;
    else if (!strcmp(argv[i], "--preview"))
      preview = true;
    else if (!strcmp(argv[i], "--png-photo"))
      jpeg = false;
    else if (!strcmp(argv[i], "--photo") && i + 1 < argc)
      photo_file = argv[++ i];
    else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
      threads = atoi(argv[++ i]);
    else if (!strcmp(argv[i], "--set") && i + 1 < argc && nsets < SAMPLE_MAX_FIELDS && strchr(argv[i + 1], '='))
      sets[nsets ++] = argv[++ i];
    else if (nargs < 3)
      args[nargs ++] = argv[i];
    else
      return (2);
  }

  if (ledger && (kr = invKeyringOpen(ledger, INV_KEYRING_CREATE, error, sizeof(error))) == NULL)
  {
    fprintf(stderr, "render-tool: %s\n", error);
    return (1);
  }

  if (!strcmp(argv[1], "verify") && nargs == 1 && (keylen || kr))
  {
    qr_fields_t	f;
    qr_status_t	status = qrPayloadCheck(args[0], kr, keylen ? key : NULL, keylen, &f);

    if (status == QR_GENUINE)
      printf("genuine %s\n", f.preview ? "preview" : f.serial);
    else
      puts(status == QR_FORGED ? "forged" : status == QR_UNKNOWN_KEY ? "unknown key" : "malformed");
    invKeyringDelete(kr);
    return (status == QR_NO_KEY ? 2 : (int)status);
  }

  if (!strcmp(argv[1], "check") && nargs == 1)
  {
    tmpl_t *t = load(args[0]);

    tmplDelete(t);
    return (t ? 0 : 1);
  }

  if (!strcmp(argv[1], "card") && nargs == 2 && (keylen || kr || given))
  {
    tmpl_t	*t = load(args[0]);
    render_t	*r;
    int		fd;
    FILE	*fp;
    bool	ok, png = strlen(args[1]) > 4 && !strcmp(args[1] + strlen(args[1]) - 4, ".png");

    if (!t || !sampleInit(&s, jpeg))
      return (1);
    for (i = 0; i < nsets; i ++)
    {
      char *eq = strchr(sets[i], '=');

      *eq = '\0';
      sampleSet(&s, sets[i], eq + 1);
    }
    if (serial)
      s.rec.serial = serial;
    if (preview)
      s.rec.serial = NULL;
    if (photo_file)
    {
      // Use this photo instead of the sample's; the renderer sniffs its type.
      FILE *pf = fopen(photo_file, "rb");
      long plen = -1;

      if (!pf || fseek(pf, 0, SEEK_END) || (plen = ftell(pf)) <= 0 || fseek(pf, 0, SEEK_SET) || (photo = malloc((size_t)plen)) == NULL || fread(photo, 1, (size_t)plen, pf) != (size_t)plen)
      {
        perror(photo_file);
        return (1);
      }
      fclose(pf);
      s.rec.photo      = photo;
      s.rec.photo_len  = (size_t)plen;
      s.rec.photo_type = NULL;
    }
    if (given)
      snprintf(s.payload, sizeof(s.payload), "%s", given);
    else if (kr ? !qrPayloadSeal(s.rec.serial, sample_nik(&s), s.rec.issue_date, kr, s.payload, sizeof(s.payload), error,
                            sizeof(error)) : !sampleSeal(&s, key, keylen))
    {
      fprintf(stderr, "render-tool: %s\n", kr ? error : "cannot build the KTP1 payload");
      return (1);
    }
    invKeyringDelete(kr);
    if (print_payload)
      puts(s.payload);
    r = renderNew(t);
    if ((fd = open(args[1], O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 || (fp = fdopen(fd, "wb")) == NULL)
    {
      perror(args[1]);
      return (1);
    }
    ok = png ? renderCardPNGFile(r, &s.rec, 0, fp) : renderCardPDFFile(r, &s.rec, fp);
    if (fclose(fp) || !ok)
    {
      fprintf(stderr, "render-tool: %s\n", renderGetError(r));
      unlink(args[1]);
      ok = false;
    }
    renderDelete(r);
    tmplDelete(t);
    sampleFree(&s);
    free(photo);
    return (ok ? 0 : 1);
  }

  if (!strcmp(argv[1], "bench") && nargs == 2 && keylen && threads > 0 && threads <= 16)
  {
    tmpl_t		*t = load(args[0]);
    long		count = atol(args[1]);
    bench_t		b[16];
    pthread_t		tid[16];
    struct timespec	start, end;
    double		secs;
    size_t		bytes = 0;
    bool		ok = true;

    if (!t || count < 1)
      return (1);
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (i = 0; i < threads; i ++)
    {
      b[i] = (bench_t){ t, key, keylen, jpeg, count / threads, 0, false };
      pthread_create(tid + i, NULL, bench_thread, b + i);
    }
    for (i = 0; i < threads; i ++)
    {
      pthread_join(tid[i], NULL);
      ok    = ok && b[i].ok;
      bytes += b[i].bytes;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    secs = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("%ld PDF cards (%s photo) on %d thread(s) in %.3f s: %.0f cards/s, %.1f ms/card/thread, %.1f KB/card\n",
           count / threads * threads, jpeg ? "JPEG" : "PNG", threads, secs, (double)(count / threads * threads) / secs,
           1000.0 * secs * threads / (double)(count / threads * threads), (double)bytes / 1024.0 / (double)(count / threads * threads));
    tmplDelete(t);
    return (ok ? 0 : 1);
  }

  fputs("render-tool: bad arguments\n", stderr);
  return (2);
}
