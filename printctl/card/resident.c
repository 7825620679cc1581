/*
 * Checks of a resident's record: the NIK, birth date, sex and validity.
 * See resident.h and doc/design.md (glossary, NIK).
 */

#include "resident.h"
#include "blanko/date.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>


/* Is text a real date YYYY-MM-DD (1900 to 2199)?  Gives its parts, or in
   why (if not NULL) what is wrong, without repeating the date. */
bool
residentDateIsValid(const char *text,	/* I - Text */
                    int        *year,	/* O - Year, or NULL */
                    int        *month,	/* O - Month, or NULL */
                    int        *day,	/* O - Day, or NULL */
                    char       *why,	/* O - Reason on failure, or NULL */
                    size_t     whysize)	/* I - Size of why */
{
  inv_date_t	date;

  if (!invDateParse(text, INV_DATE_QUIET, &date, why, whysize))
    return (false);
  if (date.year < 1900 || date.year > 2199)
  {
    if (why)
      snprintf(why, whysize, "%s", _("the year is not 1900 to 2199"));
    return (false);
  }
  if (year)
    *year = date.year;
  if (month)
    *month = date.month;
  if (day)
    *day = date.day;
  return (true);
}


/* Parse sex: LAKI-LAKI or L (man), PEREMPUAN or P (woman), any case. */
bool
residentSexParse(const char *text,	/* I - Text */
                 bool       *woman)	/* O - A woman? */
{
  if (!text)
    return (false);
  if (!strcasecmp(text, "LAKI-LAKI") || !strcasecmp(text, "L"))
    *woman = false;
  else if (!strcasecmp(text, "PEREMPUAN") || !strcasecmp(text, "P"))
    *woman = true;
  else
    return (false);
  return (true);
}


/* Compare the date (y, m, d) with the office's today: <0 before, 0 today, >0 after. */
static int
cmp_today(int y, int m, int d)
{
  char today[16];

  invDateLocalToday(0, today, sizeof(today));
  return (y * 10000 + m * 100 + d - (atoi(today) * 10000 + atoi(today + 5) * 100 + atoi(today + 8)));
}


/*
 * Check the NIK against the birth date and sex: 16 digits, province(2)
 * regency(2) district(2) DDMMYY (day + 40 for women) sequence(4), with a
 * real birth date not in the future and a valid_until that is a date not
 * in the past (today is fine) or SEUMUR HIDUP.  On failure *field names
 * the field and why says what.  A missing field is left to the template
 * check.
 */

bool
residentCheck(const char *nik,		/* I - NIK */
              const char *birth_date,	/* I - YYYY-MM-DD */
              const char *sex,		/* I - Sex */
              const char *valid_until,	/* I - YYYY-MM-DD or SEUMUR HIDUP, or NULL */
              const char **field,	/* O - Field at fault */
              char       *why,		/* O - Reason */
              size_t     whysize)	/* I - Size of why */
{
  int	y, m, d, nd, nm, ny;
  bool	woman;
  char	reason[128];			/* What is wrong with valid_until */

  *field = "nik";
  if (!nik || !*nik)
    return (true);
  if (strlen(nik) != 16 || strspn(nik, "0123456789") != 16)
  {
    snprintf(why, whysize, "%s", _("a NIK is 16 digits"));
    return (false);
  }
  /* The birth day (day + 40 for women) in its month; the century is not in
     the NIK, so 29 February is a day of any year divisible by 4. */
  if (sscanf(nik + 6, "%2d%2d%2d", &nd, &nm, &ny) != 3 || nm < 1 || nm > 12 ||
      !((nd >= 1 && nd <= invDateDaysInMonth(2000 + ny, nm)) ||
        (nd >= 41 && nd - 40 <= invDateDaysInMonth(2000 + ny, nm))))
  {
    snprintf(why, whysize, "%s", _("digits 7-12 of a NIK are a birth date DDMMYY (day + 40 for women)"));
    return (false);
  }
  if (!strncmp(nik, "00", 2) || !strcmp(nik + 12, "0000"))
  {
    snprintf(why, whysize, "%s", _("a NIK's province and sequence are not zero"));
    return (false);
  }

  *field = "birth_date";
  if (!birth_date || !*birth_date)
    return (true);
  if (!residentDateIsValid(birth_date, &y, &m, &d, why, whysize))
    return (false);
  if (cmp_today(y, m, d) > 0)
  {
    snprintf(why, whysize, "%s", _("the birth date is in the future"));
    return (false);
  }

  *field = "sex";
  if (!sex || !*sex)
    return (true);
  if (!residentSexParse(sex, &woman))
  {
    snprintf(why, whysize, "%s", _("sex is LAKI-LAKI or PEREMPUAN (or L or P)"));
    return (false);
  }

  *field = "nik";
  if (nm != m || ny != y % 100 || (nd > 40 ? nd - 40 : nd) != d)
  {
    snprintf(why, whysize, "%s", _("the NIK's date digits do not match birth_date"));
    return (false);
  }
  if ((nd > 40) != woman)
  {
    snprintf(why, whysize, "%s", woman ? _("a woman's NIK has her birth day + 40, and this one has not")
                                       : _("a man's NIK has his birth day as it is, and this one has day + 40"));
    return (false);
  }

  *field = "valid_until";
  if (valid_until && *valid_until && strcmp(valid_until, "SEUMUR HIDUP"))
  {
    if (!residentDateIsValid(valid_until, &y, &m, &d, reason, sizeof(reason)))
    {
      snprintf(why, whysize, _("valid_until is a date YYYY-MM-DD or SEUMUR HIDUP (%s)"), reason);
      return (false);
    }
    if (cmp_today(y, m, d) < 0)
    {
      snprintf(why, whysize, "%s", _("valid_until is in the past: a card must be valid on the day it is issued"));
      return (false);
    }
  }
  return (true);
}
