/*
 * Unit tests for the one date check (invDateParse): real calendar days,
 * leap years, times of day, and reasons that say what is wrong.
 */

#include "test.h"
#include "blanko/date.h"


/* text must parse (with flags) to y-m-d h:mi:s. */
static void
check_ok(const char *text, unsigned flags, int y, int m, int d, int h, int mi, int s)
{
  inv_date_t	date;
  char		why[160] = "";
  bool		ok = invDateParse(text, flags, &date, why, sizeof(why));

  testBegin("invDateParse(\"%s\") is a real %s", text, flags & INV_DATE_TIME ? "moment" : "date");
  TEST_ASSERT(ok);
  TEST_ASSERT(!ok || (date.year == y && date.month == m && date.day == d));
  TEST_ASSERT(!ok || (date.hour == h && date.minute == mi && date.second == s));
  TEST_ASSERT(!ok || date.has_time == (text[10] == 'T'));
  testEndMessage(1, "%s", ok ? "ok" : why);
}


/* text must be refused (with flags) with a reason that is exactly want. */
static void
check_refused(const char *text, unsigned flags, const char *want)
{
  char	why[160] = "";
  bool	ok = invDateParse(text, flags, NULL, why, sizeof(why));

  testBegin("invDateParse(\"%s\") says \"%s\"", text ? text : "(null)", want);
  TEST_ASSERT(!ok);
  TEST_ASSERT(!strcmp(why, want));
  testEndMessage(1, "%s", why);
}


int
main(void)
{
  check_ok("2026-12-05", 0, 2026, 12, 5, 0, 0, 0);
  check_ok("2024-02-29", 0, 2024, 2, 29, 0, 0, 0);		/* leap year */
  check_ok("2000-02-29", 0, 2000, 2, 29, 0, 0, 0);		/* divisible by 400 */
  check_ok("2026-01-31", 0, 2026, 1, 31, 0, 0, 0);
  check_ok("2026-12-05T23:59", INV_DATE_TIME, 2026, 12, 5, 23, 59, 0);
  check_ok("2026-12-05T00:00:59", INV_DATE_TIME, 2026, 12, 5, 0, 0, 59);

  check_refused("2026-02-30", 0, "February 2026 has 28 days");
  check_refused("2026-02-29", 0, "February 2026 has 28 days");
  check_refused("1900-02-29", 0, "February 1900 has 28 days");	/* divisible by 100 */
  check_refused("2024-02-30", 0, "February 2024 has 29 days");
  check_refused("2026-04-31", 0, "April 2026 has 30 days");
  check_refused("2026-13-45", 0, "month 13 is not a month (01 to 12)");
  check_refused("2026-00-10", 0, "month 0 is not a month (01 to 12)");
  check_refused("2026-01-00", 0, "day 00 is not a day");
  check_refused("0000-01-01", 0, "year 0000 is not a year");
  check_refused("2026-12-05T25:99", INV_DATE_TIME, "hour 25 is not an hour (00 to 23)");
  check_refused("2026-12-05T23:60", INV_DATE_TIME, "minute 60 is not a minute (00 to 59)");
  check_refused("2026-12-05T23:59:60", INV_DATE_TIME, "second 60 is not a second (00 to 59)");
  check_refused("2026-12-05T10:00", 0, "not a date: write YYYY-MM-DD");
  check_refused("2026-1-5", 0, "not a date: write YYYY-MM-DD");
  check_refused("2026-12-05 10:00", INV_DATE_TIME,
                "not a date: write YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS (the office's time)");
  check_refused("", 0, "not a date: write YYYY-MM-DD");
  check_refused(NULL, 0, "not a date: write YYYY-MM-DD");
  check_refused("+026-12-05", 0, "not a date: write YYYY-MM-DD");

  /* Quiet reasons never repeat the value (residents' birth dates). */
  check_refused("1990-02-30", INV_DATE_QUIET, "the day is past the end of its month");
  check_refused("1990-13-01", INV_DATE_QUIET, "the month is not 01 to 12");

  testBegin("invDateDaysInMonth");
  TEST_ASSERT(invDateDaysInMonth(2024, 2) == 29 && invDateDaysInMonth(2100, 2) == 28 &&
              invDateDaysInMonth(2026, 12) == 31 && invDateDaysInMonth(2026, 13) == 0);
  testEnd(1);

  testBegin("a NULL why is allowed");
  TEST_ASSERT(!invDateParse("2026-02-30", 0, NULL, NULL, 0));
  testEnd(1);

  /* The office's time zone (issue 13). */
  testBegin("invDateSetZone takes installed IANA zones and refuses others");
  TEST_ASSERT(invDateSetZone("Asia/Jakarta", NULL, 0) && invDateSetZone("Asia/Makassar", NULL, 0) &&
              invDateSetZone("Asia/Jayapura", NULL, 0));
  TEST_ASSERT(!invDateSetZone("Asia/Atlantis", NULL, 0) && !invDateSetZone("../../etc/passwd", NULL, 0) &&
              !invDateSetZone("/usr/share/zoneinfo/UTC", NULL, 0) && !invDateSetZone("", NULL, 0) &&
              !invDateSetZone("zone.tab", NULL, 0) && !invDateSetZone(NULL, NULL, 0));
  testEnd(1);

  {
    static const struct { const char *zone, *abbr, *shown, *day_start; } zones[] =
    {
      { "Asia/Jakarta", "WIB", "2026-12-05 06:00:00 WIB", "2026-12-04T17:00:00.000Z" },
      { "Asia/Makassar", "WITA", "2026-12-05 07:00:00 WITA", "2026-12-04T16:00:00.000Z" },
      { "Asia/Jayapura", "WIT", "2026-12-05 08:00:00 WIT", "2026-12-04T15:00:00.000Z" }
    };

    for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i ++)
    {
      struct tm		tm;
      char		abbr[16], buf[64], day[16];
      inv_date_t	d = { 2026, 12, 5, 0, 0, 0, false };

      invDateSetZone(zones[i].zone, NULL, 0);
      testBegin("%s: 23:00 UTC on 4 December is %s, the day begins at %s", zones[i].zone, zones[i].shown,
                zones[i].day_start);
      TEST_ASSERT(invDateToLocal("2026-12-04T23:00:00.123Z", &tm, abbr, sizeof(abbr)) && !strcmp(abbr, zones[i].abbr));
      TEST_ASSERT(!strcmp(invDateFormatLocal("2026-12-04T23:00:00.123Z", true, buf, sizeof(buf)), zones[i].shown));
      TEST_ASSERT(!strcmp(invDateLocalDate("2026-12-04T23:00:00Z", day, sizeof(day)), "2026-12-05"));
      TEST_ASSERT(invDateLocalDayStart(&d, buf, sizeof(buf)) && !strcmp(buf, zones[i].day_start));
      testEnd(1);
    }
  }

  testBegin("a malformed timestamp is shown as it is, and refused by invDateToLocal");
  {
    struct tm	tm;
    char	buf[64];

    TEST_ASSERT(!invDateToLocal("2026-12-04 23:00", &tm, NULL, 0) && !invDateToLocal(NULL, &tm, NULL, 0));
    TEST_ASSERT(!strcmp(invDateFormatLocal("garbage", true, buf, sizeof(buf)), "garbage"));
  }
  testEnd(1);

  testBegin("invDateAddDays crosses months, years and leap days");
  {
    char buf[16];

    TEST_ASSERT(invDateAddDays("2026-12-31", 1, buf, sizeof(buf)) && !strcmp(buf, "2027-01-01"));
    TEST_ASSERT(invDateAddDays("2024-03-01", -1, buf, sizeof(buf)) && !strcmp(buf, "2024-02-29"));
    TEST_ASSERT(!invDateAddDays("2026-02-30", 1, buf, sizeof(buf)));
  }
  testEnd(1);

  return (testSummary());
}
