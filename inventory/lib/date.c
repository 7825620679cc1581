/*
 * Dates and times as users type them.  See blanko/date.h.
 */

#include "blanko/date.h"
#include "blanko/i18n.h"

#include <stdarg.h>
#include <stdlib.h>
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
                        ? _("not a date: write YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS (the office's time)")
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


/*
 * The office's time zone (issue 13).
 */

#define DATE_ZONEINFO	"/usr/share/zoneinfo"	/* Where the zones are */


/* Is zone an IANA zone name installed on this machine ("Asia/Jayapura")?
   A name only: letters, digits, '/', '_', '-', '+', no "." part, not a path. */
bool
invDateZoneKnown(const char *zone)	/* I - Zone name */
{
  char		path[256], magic[4];
  size_t	len = strlen(zone);
  FILE		*fp;
  bool		ok;

  if (len == 0 || len > 63 || *zone == '/' || zone[len - 1] == '/' ||
      strspn(zone, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_-+") != len ||
      strstr(zone, "//"))
    return (false);
  snprintf(path, sizeof(path), "%s/%s", DATE_ZONEINFO, zone);
  if ((fp = fopen(path, "re")) == NULL)
    return (false);
  ok = fread(magic, 1, sizeof(magic), fp) == sizeof(magic) && !memcmp(magic, "TZif", 4);
  fclose(fp);
  return (ok);
}


/*
 * Make zone (an IANA name) the process's time zone: TZ=":zone", then
 * tzset.  Whatever TZ the caller's environment held is replaced: the
 * configuration decides the office's zone, for every user and in a
 * set-group-id run alike.  False, with why, for a zone that is not
 * installed in /usr/share/zoneinfo (the process's zone is then unchanged).
 */

bool
invDateSetZone(const char *zone,	/* I - IANA zone, "Asia/Jakarta" */
               char       *why,		/* O - Reason on failure, or NULL */
               size_t     whysize)	/* I - Size of why */
{
  char value[80];

  if (!zone || !invDateZoneKnown(zone))
    return (date_refuse(why, whysize, "%s", _("not a known time zone (use an IANA name such as Asia/Jakarta, "
                                             "Asia/Makassar or Asia/Jayapura)")));
  snprintf(value, sizeof(value), ":%s", zone);
  if (setenv("TZ", value, 1))
    return (date_refuse(why, whysize, "%s", _("cannot set the time zone")));
  tzset();
  return (true);
}


/*
 * A ledger timestamp ("YYYY-MM-DDTHH:MM:SS[.mmm]Z", UTC) as the office's
 * local time, with the zone's abbreviation ("WIB", "WITA", "WIT"; zone may
 * be NULL).  False for a malformed timestamp.
 */

bool
invDateToLocal(const char *utc,		/* I - UTC timestamp */
               struct tm  *local,	/* O - Office's local time */
               char       *zone,	/* O - Zone abbreviation, or NULL */
               size_t     zonesize)	/* I - Size of zone */
{
  struct tm	tm;
  time_t	t;
  size_t	len = utc ? strlen(utc) : 0;

  if (len < 20 || utc[len - 1] != 'Z' || utc[10] != 'T' || (len != 20 && utc[19] != '.'))
    return (false);
  memset(&tm, 0, sizeof(tm));
  if (sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
             &tm.tm_sec) != 6)
    return (false);
  tm.tm_year -= 1900;
  tm.tm_mon --;
  if ((t = timegm(&tm)) == (time_t)-1 || !localtime_r(&t, local))
    return (false);
  if (zone && zonesize && !strftime(zone, zonesize, "%Z", local))
    *zone = '\0';
  return (true);
}


/*
 * The UTC moment at which an office-local day begins, as a ledger
 * timestamp "YYYY-MM-DDTHH:MM:SS.000Z" (milliseconds written so that it
 * sorts before every event of that instant): a day cut for reconcile
 * periods and "today".
 */

bool
invDateLocalDayStart(const inv_date_t *day,	/* I - Office-local day */
                     char             *utc,	/* O - UTC timestamp */
                     size_t           utcsize)	/* I - Size of utc */
{
  inv_date_t midnight = *day;

  midnight.hour = midnight.minute = midnight.second = 0;
  return (invDateLocalToUtc(&midnight, utc, utcsize));
}


/* An office-local moment (date and time of day) as a ledger timestamp
   "YYYY-MM-DDTHH:MM:SS.000Z" (log --since). */
bool
invDateLocalToUtc(const inv_date_t *local,	/* I - Office-local moment */
                  char             *utc,	/* O - UTC timestamp */
                  size_t           utcsize)	/* I - Size of utc */
{
  struct tm	tm;
  time_t	t;

  memset(&tm, 0, sizeof(tm));
  tm.tm_year  = local->year - 1900;
  tm.tm_mon   = local->month - 1;
  tm.tm_mday  = local->day;
  tm.tm_hour  = local->hour;
  tm.tm_min   = local->minute;
  tm.tm_sec   = local->second;
  tm.tm_isdst = -1;
  if ((t = mktime(&tm)) == (time_t)-1 || !gmtime_r(&t, &tm))
    return (false);
  return (strftime(utc, utcsize, "%Y-%m-%dT%H:%M:%S.000Z", &tm) > 0);
}


/*
 * A ledger timestamp as people read it: the office's local date and time
 * with the zone, "2026-12-05 08:00:00 WIT" (with_seconds false:
 * "2026-12-05 08:00 WIT").  The one formatting of a moment for every
 * output meant for people; a malformed timestamp is shown as it is.
 */

const char *
invDateFormatLocal(const char *utc,	/* I - UTC timestamp */
                   bool       with_seconds,/* I - Show the seconds */
                   char       *buf,	/* O - Text */
                   size_t     bufsize)	/* I - Size of buf */
{
  struct tm	tm;
  char		zone[16], when[32];

  if (!invDateToLocal(utc, &tm, zone, sizeof(zone)))
  {
    snprintf(buf, bufsize, "%s", utc ? utc : "");
    return (buf);
  }
  strftime(when, sizeof(when), with_seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M", &tm);
  snprintf(buf, bufsize, "%s%s%s", when, zone[0] ? " " : "", zone);
  return (buf);
}


/* The office's local date (YYYY-MM-DD) of a ledger timestamp; the
   timestamp's own first ten characters if it is malformed. */
const char *
invDateLocalDate(const char *utc,	/* I - UTC timestamp */
                 char       *buf,	/* O - YYYY-MM-DD */
                 size_t     bufsize)	/* I - Size of buf */
{
  struct tm tm;

  if (!invDateToLocal(utc, &tm, NULL, 0))
    snprintf(buf, bufsize, "%.10s", utc ? utc : "");
  else
    strftime(buf, bufsize, "%Y-%m-%d", &tm);
  return (buf);
}


/* The office's local date today (YYYY-MM-DD), at time now (0: the clock). */
const char *
invDateLocalToday(time_t now,		/* I - Moment, 0 for now */
                  char   *buf,		/* O - YYYY-MM-DD */
                  size_t bufsize)	/* I - Size of buf */
{
  struct tm tm;

  if (!now)
    now = time(NULL);
  localtime_r(&now, &tm);
  strftime(buf, bufsize, "%Y-%m-%d", &tm);
  return (buf);
}


/* A date (YYYY-MM-DD) plus days (negative: before) on the calendar; false
   when date is not one. */
bool
invDateAddDays(const char *date,	/* I - YYYY-MM-DD */
               int        days,		/* I - Days to add */
               char       *buf,		/* O - YYYY-MM-DD */
               size_t     bufsize)	/* I - Size of buf */
{
  inv_date_t	d;
  struct tm	tm;

  if (!invDateParse(date, 0, &d, NULL, 0))
    return (false);
  memset(&tm, 0, sizeof(tm));
  tm.tm_year = d.year - 1900;
  tm.tm_mon  = d.month - 1;
  tm.tm_mday = d.day + days;
  tm.tm_hour = 12;
  if (timegm(&tm) == (time_t)-1)
    return (false);
  return (strftime(buf, bufsize, "%Y-%m-%d", &tm) > 0);
}


/* Days from date a (YYYY-MM-DD) to date b on the calendar (negative when
   b is before a); false when either is not a date. */
bool
invDateDaysBetween(const char *a,	/* I - YYYY-MM-DD, from */
                   const char *b,	/* I - YYYY-MM-DD, to */
                   long       *days)	/* O - b - a in days */
{
  inv_date_t	d[2];
  struct tm	tm;
  time_t	t[2];

  *days = 0;
  if (!invDateParse(a, 0, &d[0], NULL, 0) || !invDateParse(b, 0, &d[1], NULL, 0))
    return (false);
  for (int i = 0; i < 2; i ++)
  {
    memset(&tm, 0, sizeof(tm));
    tm.tm_year = d[i].year - 1900;
    tm.tm_mon  = d[i].month - 1;
    tm.tm_mday = d[i].day;
    tm.tm_hour = 12;
    t[i] = timegm(&tm);
  }
  *days = (long)((t[1] - t[0]) / 86400);
  return (true);
}
