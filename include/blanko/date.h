/*
 * Dates and times as blanko's users type them: YYYY-MM-DD, and where a
 * moment is wanted YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS (the office's time).  One
 * check for every date the programs take (reconcile periods, planned
 * destructions, log --since, residents' birth and expiry dates, the issue
 * date in a card's QR payload): a real calendar day (leap years included)
 * and a real time of day, with a reason that says what is wrong
 * ("February 2026 has 28 days", "month 13 is not a month").
 *
 * Part of the ledger library, with no dependency but the C library, so
 * that the card renderer links it alone.
 */

#ifndef BLANKO_DATE_H
#define BLANKO_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define INV_DATE_TIME	1	/* Also take THH:MM and THH:MM:SS after the date */
#define INV_DATE_QUIET	2	/* Reasons name the rule broken, never the value
				   (for residents' personal data) */

typedef struct inv_date_s		/* A parsed date (and time) */
{
  int		year, month, day;	/* 1-9999, 1-12, 1-31 */
  int		hour, minute, second;	/* 0 when no time was given */
  bool		has_time;		/* A time was given */
} inv_date_t;

extern bool	invDateParse(const char *text, unsigned flags, inv_date_t *date, char *why, size_t whysize);
extern int	invDateDaysInMonth(int year, int month);

/*
 * The office's time zone (issue 13).  Events stay in UTC in the chain;
 * everything shown to people and every day cut uses the office's zone,
 * the [site] timezone setting (an IANA name: Asia/Jakarta = WIB,
 * Asia/Makassar = WITA, Asia/Jayapura = WIT).  The command-line frame
 * calls invDateSetZone once, before any command runs; from then on
 * localtime_r and strftime's %Z give the office's time and zone.
 * (Implemented in inventory/lib/date.c.)
 */

/* Is zone an IANA name installed in /usr/share/zoneinfo? */
extern bool	invDateZoneKnown(const char *zone);
/* Make zone the process's time zone; false with why for an unknown zone. */
extern bool	invDateSetZone(const char *zone, char *why, size_t whysize);
/* A ledger timestamp (UTC, "YYYY-MM-DDTHH:MM:SS[.mmm]Z") as the office's
   local time, and the zone's abbreviation ("WIB"); false if malformed. */
extern bool	invDateToLocal(const char *utc, struct tm *local, char *zone, size_t zonesize);
/* The UTC timestamp at which an office-local day (YYYY-MM-DD) begins, as
   "YYYY-MM-DDTHH:MM:SS.000Z" (a day cut: reconcile periods, "today"). */
extern bool	invDateLocalDayStart(const inv_date_t *day, char *utc, size_t utcsize);
/* An office-local moment as a ledger timestamp (log --since). */
extern bool	invDateLocalToUtc(const inv_date_t *local, char *utc, size_t utcsize);
/* A ledger timestamp as people read it: "2026-12-05 08:00:00 WIT" (without
   seconds: "2026-12-05 08:00 WIT"); the one formatting for every output. */
extern const char *invDateFormatLocal(const char *utc, bool with_seconds, char *buf, size_t bufsize);
/* The office's local date (YYYY-MM-DD) of a ledger timestamp. */
extern const char *invDateLocalDate(const char *utc, char *buf, size_t bufsize);
/* The office's local date today, at now (0: the clock). */
extern const char *invDateLocalToday(time_t now, char *buf, size_t bufsize);
/* A date (YYYY-MM-DD) plus days on the calendar. */
extern bool	invDateAddDays(const char *date, int days, char *buf, size_t bufsize);
/* Days from a to b (YYYY-MM-DD each) on the calendar: the office's days when both are. */
extern bool	invDateDaysBetween(const char *a, const char *b, long *days);

#endif /* BLANKO_DATE_H */
