/*
 * Numbers in words and official numbers.  See blanko/words.h.
 */

#include "blanko/words.h"
#include "blanko/i18n.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define WORDS_LIMIT	INT64_C(1000000000000000)	/* Up to 999 triliun */

typedef struct words_s			/* Words being written */
{
  char		*buf;			/* Output */
  size_t	size, len;		/* Its size and length */
  bool		full;			/* Did not fit */
} words_t;


/* Append a word, with a space before it unless it is the first. */
static void
words_add(words_t    *w,		/* I - Output */
          const char *word)		/* I - Word */
{
  size_t need = strlen(word) + (w->len ? 1 : 0);

  if (!*word)
    return;
  if (w->len + need >= w->size)
  {
    w->full = true;
    return;
  }
  snprintf(w->buf + w->len, w->size - w->len, "%s%s", w->len ? " " : "", word);
  w->len += need;
}


/* n (1 to 999 triliun) in Indonesian words. */
static void
words_id(words_t *w,			/* I - Output */
         int64_t n)			/* I - Number, > 0 */
{
  static const char * const units[] =
  { "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas" };
  static const struct { int64_t value; const char *name, *one; } big[] =
  {
    { INT64_C(1000000000000), "triliun", NULL },
    { 1000000000, "miliar", NULL },
    { 1000000, "juta", NULL },
    { 1000, "ribu", "seribu" },
    { 100, "ratus", "seratus" }
  };

  for (size_t i = 0; i < sizeof(big) / sizeof(big[0]); i ++)
    if (n >= big[i].value)
    {
      int64_t q = n / big[i].value;

      if (q == 1 && big[i].one)
        words_add(w, big[i].one);
      else
      {
        words_id(w, q);
        words_add(w, big[i].name);
      }
      if ((n %= big[i].value) != 0)
        words_id(w, n);
      return;
    }
  if (n < 12)
    words_add(w, units[n]);
  else if (n < 20)
  {
    words_add(w, units[n - 10]);
    words_add(w, "belas");
  }
  else
  {
    words_add(w, units[n / 10]);
    words_add(w, "puluh");
    words_add(w, units[n % 10]);
  }
}


/* n (1 to 999 trillion) in English words. */
static void
words_en(words_t *w,			/* I - Output */
         int64_t n)			/* I - Number, > 0 */
{
  static const char * const units[] =
  { "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen" };
  static const char * const tens[] =
  { "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety" };
  static const struct { int64_t value; const char *name; } big[] =
  {
    { INT64_C(1000000000000), "trillion" }, { 1000000000, "billion" }, { 1000000, "million" },
    { 1000, "thousand" }, { 100, "hundred" }
  };
  char two[32];

  for (size_t i = 0; i < sizeof(big) / sizeof(big[0]); i ++)
    if (n >= big[i].value)
    {
      words_en(w, n / big[i].value);
      words_add(w, big[i].name);
      if ((n %= big[i].value) != 0)
        words_en(w, n);
      return;
    }
  if (n < 20)
    words_add(w, units[n]);
  else
  {
    snprintf(two, sizeof(two), "%s%s%s", tens[n / 10], n % 10 ? "-" : "", units[n % 10]);
    words_add(w, two);
  }
}


/* n in words, Indonesian ("terbilang") or English. */
bool
invTerbilang(int64_t n,			/* I - Number, 0 to 999,999,999,999,999 */
             bool    en,		/* I - English, else Indonesian */
             char    *buf,		/* O - Words */
             size_t  bufsize)		/* I - Size of buf */
{
  words_t w = { buf, bufsize, 0, false };

  if (!buf || !bufsize)
    return (false);
  *buf = '\0';
  if (n < 0 || n >= WORDS_LIMIT)
    return (false);
  if (n == 0)
    words_add(&w, en ? "zero" : "nol");
  else if (en)
    words_en(&w, n);
  else
    words_id(&w, n);
  if (w.full)
    *buf = '\0';
  return (!w.full);
}


/* n with its digits grouped by thousands ("1.250"; English "1,250"),
   in the language given, whatever the messages' (i18nCount follows them). */
const char *
invNumberGrouped(int64_t n,		/* I - Number */
                 bool    en,		/* I - English, else Indonesian */
                 char    *buf,		/* O - Text */
                 size_t  bufsize)	/* I - Size of buf */
{
  return (i18nDigits(n, en ? "," : ".", buf, bufsize));
}


/* A month as a Roman numeral. */
const char *
invRomanMonth(int month)		/* I - 1 to 12 */
{
  static const char * const roman[] =
  { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII" };

  return (month >= 1 && month <= 12 ? roman[month - 1] : "");
}


/* Expand a number format into buf (NULL: only check it); false with why. */
static bool
number_expand(const char *format,	/* I - Format */
              int64_t    seq,		/* I - Sequence number */
              int        year,		/* I - Year */
              int        month,		/* I - Month */
              char       *buf,		/* O - Number, or NULL */
              size_t     bufsize,	/* I - Size of buf */
              char       *why,		/* O - Why not, or NULL */
              size_t     whysize)	/* I - Size of why */
{
  char		piece[64], name[32];
  size_t	len = 0;
  bool		has_seq = false;
  const char	*p, *end;

  if (buf && bufsize)
    *buf = '\0';
  for (p = format; p && *p; p = end)
  {
    if (*p != '{')
    {
      end = p + strcspn(p, "{");
      snprintf(piece, sizeof(piece), "%.*s", (int)(end - p > 63 ? 63 : end - p), p);
      if (end - p > 63)
        end = p + 63;
    }
    else
    {
      const char *close = strchr(p, '}');

      if (!close || close - p - 1 >= (ptrdiff_t)sizeof(name))
      {
        if (why)
          snprintf(why, whysize, "%s", _("\"{\" without \"}\""));
        return (false);
      }
      snprintf(name, sizeof(name), "%.*s", (int)(close - p - 1), p + 1);
      end = close + 1;
      if (!strcmp(name, "seq"))
      {
        snprintf(piece, sizeof(piece), "%" PRId64, seq);
        has_seq = true;
      }
      else if (!strncmp(name, "seq:0", 5) && name[5] >= '1' && name[5] <= '9' && !name[6])
      {
        snprintf(piece, sizeof(piece), "%0*" PRId64, name[5] - '0', seq);
        has_seq = true;
      }
      else if (!strcmp(name, "year"))
        snprintf(piece, sizeof(piece), "%04d", year);
      else if (!strcmp(name, "month"))
        snprintf(piece, sizeof(piece), "%d", month);
      else if (!strcmp(name, "month:02"))
        snprintf(piece, sizeof(piece), "%02d", month);
      else if (!strcmp(name, "month:roman"))
        snprintf(piece, sizeof(piece), "%s", invRomanMonth(month));
      else
      {
        if (why)
          snprintf(why, whysize, _("{%s} is not one of {seq}, {seq:04}, {year}, {month}, {month:02}, {month:roman}"), name);
        return (false);
      }
    }
    if (buf)
    {
      size_t plen = strlen(piece);

      if (len + plen >= bufsize)
      {
        if (why)
          snprintf(why, whysize, _("longer than %zu characters"), bufsize - 1);
        return (false);
      }
      memcpy(buf + len, piece, plen + 1);
      len += plen;
    }
  }
  if (!has_seq)
  {
    if (why)
      snprintf(why, whysize, "%s", _("it has no {seq}"));
    return (false);
  }
  return (true);
}


/* Check an official number's format. */
bool
invNumberFormatCheck(const char *format,	/* I - Format */
                     char       *why,		/* O - Why not */
                     size_t     whysize)	/* I - Size of why */
{
  char buf[INV_NUMBER_MAX];

  return (number_expand(format, 999999999, 9999, 12, buf, sizeof(buf), why, whysize));
}


/* Make an official number from a format. */
bool
invNumberFormat(const char *format,	/* I - Format */
                int64_t    seq,		/* I - Yearly sequence number */
                int        year,	/* I - Year */
                int        month,	/* I - Month, 1-12 */
                char       *buf,	/* O - The number */
                size_t     bufsize)	/* I - Size of buf */
{
  return (number_expand(format, seq, year, month, buf, bufsize, NULL, 0));
}
