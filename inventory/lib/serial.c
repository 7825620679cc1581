/*
 * Serials, ranges and lists of serials.
 *
 * A serial is an optional uppercase prefix and a fixed number of digits
 * (KTP0001000).  A range is FIRST-LAST with the same prefix and width; a
 * list is comma-separated ranges or single serials.  A parsed list is kept
 * sorted by (prefix, width, first) with adjacent ranges merged, so two
 * lists holding the same serials are equal range by range.
 */

#include "list-private.h"
#include "blanko/i18n.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Compare two ranges by series, then by first number. */
int
_invRangeCompare(const inv_range_t *a, const inv_range_t *b)
{
  int c = strcmp(a->prefix, b->prefix);

  if (c)
    return (c);
  if (a->width != b->width)
    return (a->width < b->width ? -1 : 1);
  if (a->first != b->first)
    return (a->first < b->first ? -1 : 1);
  return (0);
}


/* Are two ranges of the same series (prefix and width)? */
bool
_invRangeSameSeries(const inv_range_t *a, const inv_range_t *b)
{
  return (a->width == b->width && !strcmp(a->prefix, b->prefix));
}


/* Number of serials in a range. */
int64_t
invRangeGetCount(const inv_range_t *r)	/* I - Range */
{
  return (r->last - r->first + 1);
}


/* Format one serial into buf and return buf. */
const char *
invSerialFormat(const char *prefix,	/* I - Prefix, may be "" */
                int        width,	/* I - Digits */
                int64_t    number,	/* I - Number */
                char       *buf,	/* O - Buffer */
                size_t     bufsize)	/* I - Its size */
{
  snprintf(buf, bufsize, "%s%0*" PRId64, prefix, width, number);
  return (buf);
}


/* Format a range as FIRST-LAST (or one serial) into buf and return buf. */
const char *
invRangeFormat(const inv_range_t *r,	/* I - Range */
               char              *buf,	/* O - Buffer */
               size_t            bufsize)/* I - Its size */
{
  char first[INV_SERIAL_MAX], last[INV_SERIAL_MAX];

  invSerialFormat(r->prefix, r->width, r->first, first, sizeof(first));
  if (r->first == r->last)
    snprintf(buf, bufsize, "%s", first);
  else
    snprintf(buf, bufsize, "%s-%s", first,
             invSerialFormat(r->prefix, r->width, r->last, last, sizeof(last)));
  return (buf);
}


/*
 * Parse one serial of exactly len bytes into prefix, width and number;
 * on failure put the reason in why and return false.
 */

static bool
parse_serial(const char *s,		/* I - Text, not terminated */
             size_t     len,		/* I - Its length */
             inv_range_t *r,		/* O - prefix, width, first */
             const char **why)		/* O - Reason on failure */
{
  size_t	p = 0, i;
  int64_t	n = 0;

  if (len == 0)
  {
    *why = _("empty serial");
    return (false);
  }
  for (i = 0; i < len; i ++)
    if (isspace((unsigned char)s[i]))
    {
      *why = _("whitespace is not allowed in a serial list");
      return (false);
    }
  while (p < len && s[p] >= 'A' && s[p] <= 'Z')
    p ++;
  if (p < len && !isdigit((unsigned char)s[p]))
  {
    *why = (s[p] >= 'a' && s[p] <= 'z') ? _("a serial's prefix must be uppercase letters")
                                        : _("a serial is uppercase letters followed by digits");
    return (false);
  }
  if (p > INV_PREFIX_MAX)
  {
    *why = _("prefix longer than 15 letters");
    return (false);
  }
  if (p == len)
  {
    *why = _("a serial must end in digits");
    return (false);
  }
  for (i = p; i < len; i ++)
  {
    if (!isdigit((unsigned char)s[i]))
    {
      *why = _("non-digit after the serial's digits began");
      return (false);
    }
  }
  if (len - p > INV_WIDTH_MAX)
  {
    *why = _("too many digits (at most 18)");
    return (false);
  }
  for (i = p; i < len; i ++)
    n = n * 10 + (s[i] - '0');

  memcpy(r->prefix, s, p);
  r->prefix[p] = '\0';
  r->width = (int)(len - p);
  r->first = r->last = n;
  return (true);
}


/* Parse one serial (no range) from a terminated string. */
inv_status_t
invSerialParse(const char  *text,	/* I - Serial */
               inv_range_t *r)		/* O - One-serial range */
{
  const char *why;

  return (parse_serial(text, strlen(text), r, &why) ? INV_OK : INV_REFUSED);
}


/* Create an empty list. */
inv_list_t *
invListNew(void)
{
  return (calloc(1, sizeof(inv_list_t)));
}


/* Free a list. */
void
invListDelete(inv_list_t *list)		/* I - List or NULL */
{
  if (list)
  {
    free(list->ranges);
    free(list);
  }
}


/* Empty a list, keeping its storage. */
void
invListClear(inv_list_t *list)		/* I - List */
{
  list->count = 0;
  list->serials = 0;
  list->error[0] = '\0';
}


/* Record why a list operation failed. */
static inv_status_t
list_error(inv_list_t *list, const char *format, ...)
{
  va_list ap;

  va_start(ap, format);
  vsnprintf(list->error, sizeof(list->error), format, ap);
  va_end(ap);
  return (INV_REFUSED);
}


/* Why the last operation on the list failed. */
const char *
invListGetError(inv_list_t *list)	/* I - List */
{
  return (list->error);
}


/* Append a range at the end, growing the array (no ordering checks). */
static bool
list_append(inv_list_t *list, const inv_range_t *r)
{
  if (list->count == list->alloc)
  {
    size_t	alloc = list->alloc ? 2 * list->alloc : 16;
    inv_range_t	*ranges = realloc(list->ranges, alloc * sizeof(inv_range_t));

    if (!ranges)
      return (false);
    list->ranges = ranges;
    list->alloc = alloc;
  }
  list->ranges[list->count ++] = *r;
  list->serials += invRangeGetCount(r);
  return (true);
}


/*
 * Add a range to a list, keeping it sorted and merged.  A range that
 * overlaps serials already in the list is refused.  Appending in order
 * (the common case) costs O(1).
 */

inv_status_t
invListAdd(inv_list_t        *list,	/* I - List */
           const inv_range_t *r)	/* I - Range to add */
{
  char		buf[INV_SERIAL_MAX];
  size_t	lo = 0, hi = list->count;
  inv_range_t	*prev, *next;

  if (r->first > r->last)
    return (list_error(list, _("range is reversed")));

  /* Find the first range that sorts after r. */
  if (hi > 0 && _invRangeCompare(&list->ranges[hi - 1], r) < 0)
    lo = hi;
  while (lo < hi)
  {
    size_t mid = (lo + hi) / 2;

    if (_invRangeCompare(&list->ranges[mid], r) <= 0)
      lo = mid + 1;
    else
      hi = mid;
  }

  prev = lo > 0 ? &list->ranges[lo - 1] : NULL;
  next = lo < list->count ? &list->ranges[lo] : NULL;
  if (prev && !_invRangeSameSeries(prev, r))
    prev = NULL;
  if (next && !_invRangeSameSeries(next, r))
    next = NULL;

  if (prev && prev->last >= r->first)
    return (list_error(list, _("serial %s is listed twice"),
                       invSerialFormat(r->prefix, r->width, r->first, buf, sizeof(buf))));
  if (next && next->first <= r->last)
    return (list_error(list, _("serial %s is listed twice"),
                       invSerialFormat(r->prefix, r->width, next->first, buf, sizeof(buf))));

  if (prev && prev->last + 1 == r->first)
  {
    /* Extend the previous range, and join the next one if now adjacent. */
    prev->last = r->last;
    list->serials += invRangeGetCount(r);
    if (next && next->first == prev->last + 1)
    {
      prev->last = next->last;
      memmove(next, next + 1, (list->count - lo - 1) * sizeof(inv_range_t));
      list->count --;
    }
    return (INV_OK);
  }
  if (next && r->last + 1 == next->first)
  {
    next->first = r->first;
    list->serials += invRangeGetCount(r);
    return (INV_OK);
  }

  if (!list_append(list, r))
    return (list_error(list, "%s", i18nNoMemory()));
  if (lo < list->count - 1)
  {
    inv_range_t tmp = list->ranges[list->count - 1];

    memmove(list->ranges + lo + 1, list->ranges + lo, (list->count - 1 - lo) * sizeof(inv_range_t));
    list->ranges[lo] = tmp;
  }
  return (INV_OK);
}


/*
 * Parse comma-separated serials and ranges into the list (replacing what
 * it held).  On failure the list is empty and invListGetError says which
 * item was wrong and why.
 */

inv_status_t
invListParse(inv_list_t *list,		/* I - List */
             const char *text)		/* I - "A0001-A0100,A0200,..." */
{
  const char	*item = text, *end, *dash;
  int		n = 1;
  const char	*why;

  invListClear(list);
  if (!text || !*text)
    return (list_error(list, _("empty serial list")));

  for (;; n ++)
  {
    inv_range_t	r, last;
    int		itemlen;

    end = strchr(item, ',');
    if (!end)
      end = item + strlen(item);
    itemlen = (int)(end - item);
    if (itemlen > 80)
      itemlen = 80;

    dash = memchr(item, '-', (size_t)(end - item));
    if (!parse_serial(item, (size_t)((dash ? dash : end) - item), &r, &why) ||
        (dash && !parse_serial(dash + 1, (size_t)(end - dash - 1), &last, &why)))
    {
      invListClear(list);
      return (list_error(list, _("item %d \"%.*s\": %s"), n, itemlen, item, why));
    }
    if (dash)
    {
      if (strcmp(r.prefix, last.prefix) || r.width != last.width)
      {
        invListClear(list);
        return (list_error(list, _("item %d \"%.*s\": both ends of a range need the same prefix and number of digits"), n, itemlen, item));
      }
      if (last.first < r.first)
      {
        invListClear(list);
        return (list_error(list, _("item %d \"%.*s\": range is reversed"), n, itemlen, item));
      }
      r.last = last.first;
    }
    if (invListAdd(list, &r) != INV_OK)
    {
      char reason[sizeof(list->error)];

      strcpy(reason, list->error);
      invListClear(list);
      return (list_error(list, _("item %d \"%.*s\": %s"), n, itemlen, item, reason));
    }
    if (!*end)
      break;
    item = end + 1;
  }
  return (INV_OK);
}


/* Number of ranges in a list. */
size_t
invListGetCount(const inv_list_t *list)	/* I - List */
{
  return (list->count);
}


/* The i-th range (0-based) of a list, or NULL. */
const inv_range_t *
invListGetRange(const inv_list_t *list,	/* I - List */
                size_t           i)	/* I - Index */
{
  return (i < list->count ? &list->ranges[i] : NULL);
}


/* Number of serials in a list. */
int64_t
invListGetSerialCount(const inv_list_t *list)	/* I - List */
{
  return (list->serials);
}


/* Format a list as comma-separated ranges; the caller frees the string. */
char *
invListFormatCopy(const inv_list_t *list)	/* I - List */
{
  size_t	size = list->count * INV_RANGE_MAX + 1, len = 0, i;
  char		*s = malloc(size);

  if (!s)
    return (NULL);
  s[0] = '\0';
  for (i = 0; i < list->count; i ++)
  {
    char buf[INV_RANGE_MAX];

    invRangeFormat(&list->ranges[i], buf, sizeof(buf));
    len += (size_t)snprintf(s + len, size - len, "%s%s", i ? "," : "", buf);
  }
  return (s);
}


/*
 * The serials of a that are not in b, into out (emptied first).  Both
 * lists are sorted, so this is one merge pass.
 */

inv_status_t
invListSubtract(const inv_list_t *a,	/* I - Minuend */
                const inv_list_t *b,	/* I - Subtrahend */
                inv_list_t       *out)	/* O - a minus b */
{
  size_t	i, j = 0;

  invListClear(out);
  for (i = 0; i < a->count; i ++)
  {
    inv_range_t	cur = a->ranges[i];
    bool	open = true;

    /* Skip ranges of b that sort wholly before cur. */
    while (j < b->count && (_invRangeSameSeries(&b->ranges[j], &cur)
                            ? b->ranges[j].last < cur.first
                            : _invRangeCompare(&b->ranges[j], &cur) < 0))
      j ++;

    for (size_t k = j; k < b->count && open; k ++)
    {
      const inv_range_t *cut = &b->ranges[k];

      if (!_invRangeSameSeries(cut, &cur) || cut->first > cur.last)
        break;
      if (cut->first > cur.first)
      {
        inv_range_t piece = cur;

        piece.last = cut->first - 1;
        if (!list_append(out, &piece))
          return (list_error(out, "%s", i18nNoMemory()));
      }
      if (cut->last >= cur.last)
        open = false;
      else
        cur.first = cut->last + 1;
    }
    if (open && !list_append(out, &cur))
      return (list_error(out, "%s", i18nNoMemory()));
  }
  return (INV_OK);
}
