/*
 * Dates and times as users type them.  See blanko/date.h.
 */

#include "blanko/date.h"
#include "blanko/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>


/* Say why a date was refused (why may be NULL); returns false. */
static bool
date_refuse(char       *why,		/* O - Reason, or NULL */
            size_t     whysize,		/* I - Size of why */
            const char *format,		/* I - printf-style reason */
            ...)
{
  va_list ap;

  if (why && whysize)
  {
    va_start(ap, format);
    vsnprintf(why, whysize, format, ap);
    va_end(ap);
  }
  return (false);
}


/* The number in n digits of text (all digits, checked by the caller). */
static int
date_digits(const char *text,		/* I - Digits */
            int        n)		/* I - How many */
{
  int v = 0;

  while (n -- > 0)
    v = v * 10 + (*text++ - '0');
  return (v);
}


/* Days in a month of the Gregorian calendar (0 for a month that is not 1-12). */
int
invDateDaysInMonth(int year,		/* I - Year */
                   int month)		/* I - Month, 1-12 */
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month < 1 || month > 12)
    return (0);
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
    return (29);
  return (days[month - 1]);
}


/*
 * Parse a date YYYY-MM-DD, and with INV_DATE_TIME a moment
 * YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS: a real day of the calendar
 * (years 0001 to 9999, leap years counted) and a real time of day.  On
 * failure false, with why saying what is wrong ("February 2026 has 28
 * days"); with INV_DATE_QUIET why does not repeat any part of the text.
 */

bool
invDateParse(const char *text,		/* I - Text */
             unsigned   flags,		/* I - INV_DATE_TIME, INV_DATE_QUIET */
             inv_date_t *date,		/* O - Parsed date, or NULL */
             char       *why,		/* O - Reason on failure, or NULL */
             size_t     whysize)	/* I - Size of why */
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:dd";
  static const char * const months[12] =
  {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
    N_("August"), N_("September"), N_("October"), N_("November"), N_("December")
  };
  bool		quiet = (flags & INV_DATE_QUIET) != 0, ok;
  size_t	len = text ? strlen(text) : 0;
  inv_date_t	d;
  int		last;

  ok = len == 10 || ((flags & INV_DATE_TIME) && (len == 16 || len == 19));
  for (size_t i = 0; ok && i < len; i ++)
    ok = pattern[i] == 'd' ? (text[i] >= '0' && text[i] <= '9') : text[i] == pattern[i];
  if (!ok)
    return (date_refuse(why, whysize, "%s", (flags & INV_DATE_TIME)
                        ? _("not a date: write YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS (UTC)")
                        : _("not a date: write YYYY-MM-DD")));

  memset(&d, 0, sizeof(d));
  d.year  = date_digits(text, 4);
  d.month = date_digits(text + 5, 2);
  d.day   = date_digits(text + 8, 2);
  if (d.year < 1)
    return (date_refuse(why, whysize, "%s", _("year 0000 is not a year")));
  if (d.month < 1 || d.month > 12)
    return (quiet ? date_refuse(why, whysize, "%s", _("the month is not 01 to 12"))
                  : date_refuse(why, whysize, _("month %d is not a month (01 to 12)"), d.month));
  last = invDateDaysInMonth(d.year, d.month);
  if (d.day < 1)
    return (quiet ? date_refuse(why, whysize, "%s", _("the day is not 01 to 31"))
                  : date_refuse(why, whysize, "%s", _("day 00 is not a day")));
  if (d.day > last && quiet)
    return (date_refuse(why, whysize, "%s", _("the day is past the end of its month")));
  if (d.day > last)
    /* TRANSLATORS: a month's name, a year and its number of days: "February 2026 has 28 days". */
    return (date_refuse(why, whysize, _("%s %d has %d days"), _(months[d.month - 1]), d.year, last));
  if (len > 10)
  {
    d.has_time = true;
    d.hour     = date_digits(text + 11, 2);
    d.minute   = date_digits(text + 14, 2);
    d.second   = len == 19 ? date_digits(text + 17, 2) : 0;
    if (d.hour > 23)
      return (quiet ? date_refuse(why, whysize, "%s", _("the hour is not 00 to 23"))
                    : date_refuse(why, whysize, _("hour %d is not an hour (00 to 23)"), d.hour));
    if (d.minute > 59)
      return (quiet ? date_refuse(why, whysize, "%s", _("the minute is not 00 to 59"))
                    : date_refuse(why, whysize, _("minute %d is not a minute (00 to 59)"), d.minute));
    if (d.second > 59)
      return (quiet ? date_refuse(why, whysize, "%s", _("the second is not 00 to 59"))
                    : date_refuse(why, whysize, _("second %d is not a second (00 to 59)"), d.second));
  }
  if (date)
    *date = d;
  return (true);
}
