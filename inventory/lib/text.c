/*
 * Text from outside the program: command-line arguments, imported cells,
 * settings, and what CUPS or the ledger hand back.  See blanko/inventory.h.
 *
 * Input must be valid UTF-8 (RFC 3629: no overlong forms, no surrogates,
 * nothing past U+10FFFF) with no control characters (C0 including TAB and
 * newline, DEL, C1 U+0080-U+009F, the line and paragraph separators
 * U+2028-U+2029) and no bidirectional controls (U+061C, U+200E-U+200F,
 * U+202A-U+202E, U+2066-U+2069), which could make a terminal, a report or
 * a card show something other than what is stored.  Text shown on a
 * terminal goes through invTextSafe, which turns each of these into '?'.
 */

#include "blanko/inventory.h"
#include "blanko/i18n.h"

#include <string.h>


/* Decode one UTF-8 character at s; its length, or 0 when it is not valid. */
static size_t
text_decode(const unsigned char *s,	/* I - Text */
            unsigned            *code)	/* O - Code point */
{
  unsigned	c = s[0], min;
  size_t	len;

  if (c < 0x80)
  {
    *code = c;
    return (1);
  }
  else if (c >= 0xc2 && c <= 0xdf)
    len = 2, min = 0x80, c &= 0x1f;
  else if (c >= 0xe0 && c <= 0xef)
    len = 3, min = 0x800, c &= 0x0f;
  else if (c >= 0xf0 && c <= 0xf4)
    len = 4, min = 0x10000, c &= 0x07;
  else
    return (0);
  for (size_t i = 1; i < len; i ++)
  {
    if ((s[i] & 0xc0) != 0x80)
      return (0);			/* also stops at the NUL */
    c = (c << 6) | (s[i] & 0x3f);
  }
  if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
    return (0);
  *code = c;
  return (len);
}


/* What is wrong with one code point, if anything. */
static inv_text_t
text_class(unsigned c)			/* I - Code point */
{
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029)
    return (INV_TEXT_CONTROL);
  if (c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
    return (INV_TEXT_BIDI);
  return (INV_TEXT_OK);
}


/* Check text from outside: INV_TEXT_OK, or the first thing wrong with it. */
inv_text_t
invTextCheck(const char *text)		/* I - Text (NULL is fine) */
{
  const unsigned char	*s = (const unsigned char *)text;
  unsigned		c;
  size_t		len;
  inv_text_t		problem;

  while (s && *s)
  {
    if ((len = text_decode(s, &c)) == 0)
      return (INV_TEXT_UTF8);
    if ((problem = text_class(c)) != INV_TEXT_OK)
      return (problem);
    s += len;
  }
  return (INV_TEXT_OK);
}


/* What a problem of invTextCheck means, said of a thing ("--ref %s"). */
const char *
invTextProblem(inv_text_t problem)	/* I - Problem */
{
  switch (problem)
  {
    case INV_TEXT_UTF8 :
        return (_("is not valid UTF-8 text"));
    case INV_TEXT_CONTROL :
        return (_("holds a control character (tab, newline, escape or the like)"));
    case INV_TEXT_BIDI :
        return (_("holds a bidirectional control character (U+202A-U+202E, U+2066-U+2069 or the like)"));
    default :
        return ("");
  }
}


/*
 * Make text safe to show on a terminal or in a one-line message: what is
 * not valid UTF-8 and every control or bidirectional character becomes
 * '?'.  buf may be text itself (the result is never longer); a long text
 * is cut at a character.  Returns buf.
 */

char *
invTextSafe(const char *text,		/* I - Text (NULL gives "") */
            char       *buf,		/* O - Safe text */
            size_t     bufsize)		/* I - Size of buf, at least 1 */
{
  const unsigned char	*s = (const unsigned char *)(text ? text : "");
  size_t		out = 0, len;
  unsigned		c;

  while (*s)
  {
    if ((len = text_decode(s, &c)) == 0 || text_class(c) != INV_TEXT_OK)
    {
      if (out + 1 >= bufsize)
        break;
      buf[out ++] = '?';
      s += len ? len : 1;
      continue;
    }
    if (out + len >= bufsize)
      break;
    memmove(buf + out, s, len);
    out += len;
    s += len;
  }
  buf[out] = '\0';
  return (buf);
}
