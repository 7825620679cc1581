/*
 * Verification's result: the first problem found, which every domain's
 * replay (verify-*.c) and the frame (verify.c) report through verifyFail,
 * and the replays' array helpers (verifyFind, verifyGrow).  Below both, so
 * that the domains never call back into the frame.
 */

#include "verify-private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Report the first problem; later ones are ignored.  Stored values in it
 * may be anything someone wrote behind the program's back: control
 * characters and what is not UTF-8 become '?' (invTextSafe), so the
 * problem stays one line. */
int
verifyFail(verify_t   *v,		/* I - Verify state */
           int64_t    event,		/* I - Event at fault, or 0 */
           const char *format,		/* I - printf-style message */
           ...)				/* I - Its arguments */
{
  va_list	ap;

  if (v->failed)
    return (1);
  v->failed = true;
  v->result->bad_event = event;
  va_start(ap, format);
  vsnprintf(v->result->problem, sizeof(v->result->problem), format, ap);
  va_end(ap);
  invTextSafe(v->result->problem, v->result->problem, sizeof(v->result->problem));
  return (1);
}


/* A stored value cut to 80 bytes for a message (verifyFail makes it one line). */
const char *
verifyShown(const char *s,		/* I - Stored value */
            char       *buf,		/* O - Buffer */
            size_t     size)		/* I - Its size, more than 84 */
{
  size_t len = strlen(s);

  snprintf(buf, size, "%.80s%s", s, len > 80 ? "..." : "");
  return (buf);
}


/* The element of an array sorted by an int64 key whose key is "key", or
 * NULL (binary search): the replays' tables by id (verify-suket.c,
 * verify-supply.c). */
void *
verifyFind(const void *array,		/* I - Array, ascending by key */
           size_t     count,		/* I - Its elements */
           size_t     size,		/* I - An element's size */
           size_t     offset,		/* I - The key's offset in an element (offsetof) */
           int64_t    key)		/* I - Key looked for */
{
  const char	*base = array;
  size_t	lo = 0, hi = count;
  int64_t	k;

  while (lo < hi)
  {
    size_t mid = (lo + hi) / 2;

    memcpy(&k, base + mid * size + offset, sizeof(k));
    if (k < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < count)
  {
    memcpy(&k, base + lo * size + offset, sizeof(k));
    if (k == key)
      return ((void *)(base + lo * size));
  }
  return (NULL);
}


/* Make room for one more element of a replay's array (doubling it); false,
 * with the verification failed, when memory runs out. */
bool
verifyGrow(verify_t *v,			/* I - Verification */
           void     **array,		/* IO - Array */
           size_t   *alloc,		/* IO - Elements allocated */
           size_t   count,		/* I - Elements used */
           size_t   size)		/* I - An element's size */
{
  size_t	n = *alloc ? 2 * *alloc : 16;
  void		*more;

  if (count < *alloc)
    return (true);
  if ((more = realloc(*array, n * size)) == NULL)
  {
    verifyFail(v, 0, "%s", i18nNoMemory());
    return (false);
  }
  *array = more;
  *alloc = n;
  return (true);
}
