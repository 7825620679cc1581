/*
 * Verification's result: the first problem found, which every domain's
 * replay (verify-*.c) and the frame (verify.c) report through verifyFail.
 * Below both, so that the domains never call back into the frame.
 */

#include "verify-private.h"

#include <stdarg.h>
#include <stdio.h>
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
