/*
 * Unit tests for numbers in words ("terbilang", invTerbilang), digits
 * grouped by thousands, Roman months and official number formats.
 */

#include "test.h"
#include "blanko/words.h"
#include "blanko/i18n.h"

#include <math.h>


/* n must read as want in Indonesian (en: English). */
static void
check_words(long long n, bool en, const char *want)
{
  char	buf[INV_WORDS_MAX];
  bool	ok = invTerbilang(n, en, buf, sizeof(buf));

  testBegin("terbilang(%lld%s) is \"%s\"", n, en ? ", en" : "", want);
  TEST_ASSERT(ok);
  TEST_ASSERT(!strcmp(buf, want));
  testEndMessage(1, "%s", buf);
}


/* format with (seq, year, month) must give want. */
static void
check_number(const char *format, long long seq, int year, int month, const char *want)
{
  char	buf[INV_NUMBER_MAX], why[200] = "";
  bool	ok = invNumberFormat(format, seq, year, month, buf, sizeof(buf));

  testBegin("number \"%s\" gives \"%s\"", format, want);
  TEST_ASSERT(ok && invNumberFormatCheck(format, why, sizeof(why)));
  TEST_ASSERT(!strcmp(buf, want));
  testEndMessage(1, "%s", ok ? buf : why);
}


/* format must be refused with why. */
static void
check_bad_format(const char *format, const char *want)
{
  char why[200] = "";

  testBegin("number format \"%s\" refused: %s", format, want);
  TEST_ASSERT(!invNumberFormatCheck(format, why, sizeof(why)));
  TEST_ASSERT(strstr(why, want) != NULL);
  testEndMessage(1, "%s", why);
}


int
main(void)
{
  char buf[INV_WORDS_MAX];

  check_words(0, false, "nol");
  check_words(1, false, "satu");
  check_words(7, false, "tujuh");
  check_words(10, false, "sepuluh");
  check_words(11, false, "sebelas");
  check_words(12, false, "dua belas");
  check_words(19, false, "sembilan belas");
  check_words(20, false, "dua puluh");
  check_words(26, false, "dua puluh enam");
  check_words(99, false, "sembilan puluh sembilan");
  check_words(100, false, "seratus");
  check_words(101, false, "seratus satu");
  check_words(111, false, "seratus sebelas");
  check_words(200, false, "dua ratus");
  check_words(999, false, "sembilan ratus sembilan puluh sembilan");
  check_words(1000, false, "seribu");
  check_words(1001, false, "seribu satu");
  check_words(1250, false, "seribu dua ratus lima puluh");
  check_words(1287, false, "seribu dua ratus delapan puluh tujuh");
  check_words(2000, false, "dua ribu");
  check_words(2026, false, "dua ribu dua puluh enam");
  check_words(11000, false, "sebelas ribu");
  check_words(100000, false, "seratus ribu");
  check_words(101000, false, "seratus satu ribu");
  check_words(1000000, false, "satu juta");
  check_words(1500000, false, "satu juta lima ratus ribu");
  check_words(10000000, false, "sepuluh juta");
  check_words(1000000000, false, "satu miliar");
  check_words(2147483647, false,
              "dua miliar seratus empat puluh tujuh juta empat ratus delapan puluh tiga ribu enam ratus empat puluh tujuh");
  check_words(999999999999LL, false,
              "sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta "
              "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan");
  check_words(1000000000000LL, false, "satu triliun");
  check_words(0, true, "zero");
  check_words(7, true, "seven");
  check_words(15, true, "fifteen");
  check_words(26, true, "twenty-six");
  check_words(1287, true, "one thousand two hundred eighty-seven");
  check_words(2026, true, "two thousand twenty-six");
  check_words(3000000005LL, true, "three billion five");

  testBegin("terbilang refuses a negative number and 10^15");
  TEST_ASSERT(!invTerbilang(-1, false, buf, sizeof(buf)) && !*buf);
  TEST_ASSERT(!invTerbilang(1000000000000000LL, false, buf, sizeof(buf)));
  testEnd(1);
  testBegin("terbilang refuses a buffer too small, leaving it empty");
  TEST_ASSERT(!invTerbilang(1287, false, buf, 10) && !*buf);
  testEnd(1);

  testBegin("digits grouped: 1.287, 1,287, 5.689.000, 999, -1.000");
  TEST_ASSERT(!strcmp(invNumberGrouped(1287, false, buf, sizeof(buf)), "1.287"));
  TEST_ASSERT(!strcmp(invNumberGrouped(1287, true, buf, sizeof(buf)), "1,287"));
  TEST_ASSERT(!strcmp(invNumberGrouped(5689000, false, buf, sizeof(buf)), "5.689.000"));
  TEST_ASSERT(!strcmp(invNumberGrouped(999, false, buf, sizeof(buf)), "999"));
  TEST_ASSERT(!strcmp(invNumberGrouped(-1000, false, buf, sizeof(buf)), "-1.000"));
  testEnd(1);

  testBegin("numbers for people, without a catalogue (English): 5,689, 3.3, 1,234.6, -0.5; any separator");
  TEST_ASSERT(!strcmp(i18nCount(5689, buf, sizeof(buf)), "5,689"));
  TEST_ASSERT(!strcmp(i18nCount(-1234567, buf, sizeof(buf)), "-1,234,567"));
  TEST_ASSERT(!strcmp(i18nCount(INT64_MIN, buf, sizeof(buf)), "-9,223,372,036,854,775,808"));
  TEST_ASSERT(!strcmp(i18nDecimal(100.0 / 30, 1, buf, sizeof(buf)), "3.3"));
  TEST_ASSERT(!strcmp(i18nDecimal(1234.56, 1, buf, sizeof(buf)), "1,234.6"));
  TEST_ASSERT(!strcmp(i18nDecimal(-0.5, 1, buf, sizeof(buf)), "-0.5"));
  TEST_ASSERT(!strcmp(i18nDecimal(6.0, 0, buf, sizeof(buf)), "6"));
  TEST_ASSERT(!strcmp(i18nDecimal(NAN, 1, buf, sizeof(buf)), "-"));
  TEST_ASSERT(!strcmp(i18nDigits(5689000, ".", buf, sizeof(buf)), "5.689.000"));
  TEST_ASSERT(!strcmp(i18nDigits(12345, ".", buf, 4), "12."));	/* cut to the buffer, terminated */
  testEnd(1);

  testBegin("Roman months");
  TEST_ASSERT(!strcmp(invRomanMonth(1), "I") && !strcmp(invRomanMonth(4), "IV") && !strcmp(invRomanMonth(12), "XII"));
  TEST_ASSERT(!strcmp(invRomanMonth(0), "") && !strcmp(invRomanMonth(13), ""));
  testEnd(1);

  check_number("470/{seq:04}/Disdukcapil/{month:roman}/{year}", 42, 2026, 12, "470/0042/Disdukcapil/XII/2026");
  check_number("{seq}/BAPH/{month:02}/{year}", 7, 2027, 1, "7/BAPH/01/2027");
  check_number("BA-{seq:06}", 123, 2026, 5, "BA-000123");
  check_bad_format("470/Disdukcapil/{year}", "no {seq}");
  check_bad_format("470/{seq}/{day}", "{day} is not one of");
  check_bad_format("470/{seq", "without");
  return (testSummary());
}
