/*
 * Dates and times as blanko's users type them: YYYY-MM-DD, and where a
 * moment is wanted YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS (UTC).  One
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

#endif /* BLANKO_DATE_H */
