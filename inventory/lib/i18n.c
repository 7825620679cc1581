/*
 * Numbers for people in the language of the messages (see blanko/i18n.h):
 * the catalog translates the two separators, so that a number is written
 * the way the sentence around it is, "5.689 blangko" or "5,689 blanks".
 * A leaf: only the C library.
 */

#include "blanko/i18n.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>


/* n with its digits grouped by thousands with sep. */
const char *
i18nDigits(int64_t    n,		/* I - Number */
           const char *sep,		/* I - Separator, "." or "," */
           char       *buf,		/* O - Text */
           size_t     bufsize)		/* I - Size of buf */
{
  char		digits[32], out[64];
  size_t	len, o = 0, seplen = strlen(sep);
  uint64_t	u = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;

  if (seplen > 4)
    seplen = 4;				/* 20 digits, 6 separators: fits out */
  snprintf(digits, sizeof(digits), "%" PRIu64, u);
  len = strlen(digits);
  if (n < 0)
    out[o ++] = '-';
  for (size_t i = 0; i < len; i ++)
  {
    if (i && (len - i) % 3 == 0)
    {
      memcpy(out + o, sep, seplen);
      o += seplen;
    }
    out[o ++] = digits[i];
  }
  out[o] = '\0';
  snprintf(buf, bufsize, "%s", out);
  return (buf);
}


/* A count for people: "5.689" in Indonesian, "5,689" in English. */
const char *
i18nCount(int64_t n,			/* I - Number */
          char    *buf,			/* O - Text */
          size_t  bufsize)		/* I - Size of buf */
{
  /* TRANSLATORS: the separator of thousands in numbers: "." in Indonesian (5.689). */
  return (i18nDigits(n, C_("thousands separator", ","), buf, bufsize));
}


/* A decimal for people: "3,3" in Indonesian, "3.3" in English (the
   integer part grouped like a count). */
const char *
i18nDecimal(double v,			/* I - Value */
            int    places,		/* I - Decimals, 0 to 9 */
            char   *buf,		/* O - Text */
            size_t bufsize)		/* I - Size of buf */
{
  char		text[64], whole[48], *point;
  int64_t	integer;

  if (places < 0)
    places = 0;
  else if (places > 9)
    places = 9;
  if (!(v > -1e15 && v < 1e15))		/* NaN, infinities and the absurd */
  {
    snprintf(buf, bufsize, "-");
    return (buf);
  }
  snprintf(text, sizeof(text), "%.*f", places, v);	/* LC_NUMERIC is C (cliMain) */
  if (sscanf(text, "%" SCNd64, &integer) != 1)
    integer = 0;
  i18nDigits(integer, C_("thousands separator", ","), whole, sizeof(whole));
  if (integer == 0 && text[0] == '-')	/* "-0.5" */
    snprintf(whole, sizeof(whole), "-0");
  point = strchr(text, '.');
  /* TRANSLATORS: the decimal point in numbers: "," in Indonesian (3,3). */
  snprintf(buf, bufsize, "%s%s%s", whole, point ? C_("decimal point", ".") : "", point ? point + 1 : "");
  return (buf);
}
