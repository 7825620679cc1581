/*
 * Unit tests for serials, ranges and serial lists.
 */

#include "test.h"
#include "blanko/inventory.h"

#include <stdlib.h>


/* Parse text and compare the formatted result with want (NULL: must fail). */
static void
check_parse(const char *text, const char *want, int64_t count)
{
  inv_list_t	*list = invListNew();
  inv_status_t	status = invListParse(list, text);
  char		*got = invListFormatCopy(list);

  testBegin("invListParse(\"%s\")", text);
  if (want)
  {
    TEST_ASSERT(status == INV_OK);
    TEST_ASSERT(got && !strcmp(got, want));
    TEST_ASSERT(invListGetSerialCount(list) == count);
    testEndMessage(1, "%s", status == INV_OK ? got : invListGetError(list));
  }
  else
  {
    TEST_ASSERT(status == INV_REFUSED);
    TEST_ASSERT(invListGetCount(list) == 0);
    TEST_ASSERT(invListGetError(list)[0] != '\0');
    testEndMessage(1, "%s", invListGetError(list));
  }
  free(got);
  invListDelete(list);
}


/* Check that a refusal names the item and the reason. */
static void
check_error(const char *text, const char *fragment)
{
  inv_list_t *list = invListNew();

  testBegin("invListParse(\"%s\") explains \"%s\"", text, fragment);
  TEST_ASSERT(invListParse(list, text) == INV_REFUSED);
  testEndMessage(strstr(invListGetError(list), fragment) != NULL, "%s", invListGetError(list));
  invListDelete(list);
}


int
main(void)
{
  /* Well-formed lists: sorted, merged, counted. */
  check_parse("KTP0001000", "KTP0001000", 1);
  check_parse("KTP0001000-KTP0001499", "KTP0001000-KTP0001499", 500);
  check_parse("KTP0002000,KTP0001000-KTP0001999", "KTP0001000-KTP0002000", 1001);
  check_parse("A5,A3,A4", "A3-A5", 3);
  check_parse("B01,A01,A02-A05", "A01-A05,B01", 6);
  check_parse("0001-0010", "0001-0010", 10);
  check_parse("A01,A001", "A01,A001", 2);			/* two series: widths differ */
  check_parse("X000000000000000000-X999999999999999999", "X000000000000000000-X999999999999999999",
              1000000000000000000LL);

  /* Malformed lists, each refused with a reason. */
  check_parse("", NULL, 0);
  check_parse("KTP0001499-KTP0001000", NULL, 0);		/* reversed */
  check_parse("KTP0001000-KTQ0001499", NULL, 0);		/* mixed prefix */
  check_parse("KTP0001000-KTP001499", NULL, 0);		/* mixed width */
  check_parse("KTP00A1000", NULL, 0);			/* non-digits */
  check_parse("ktp0001000", NULL, 0);			/* lowercase prefix */
  check_parse("KTP", NULL, 0);				/* no digits */
  check_parse("KTP0001000,", NULL, 0);			/* empty item */
  check_parse(",KTP0001000", NULL, 0);
  check_parse("KTP0001000, KTP0001001", NULL, 0);		/* whitespace */
  check_parse(" KTP0001000", NULL, 0);
  check_parse("KTP0001000\t", NULL, 0);
  check_parse("A1234567890123456789", NULL, 0);		/* 19 digits: overflow */
  check_parse("A99999999999999999999999", NULL, 0);
  check_parse("ABCDEFGHIJKLMNOP1", NULL, 0);			/* 16-letter prefix */
  check_parse("A1-A5,A3", NULL, 0);				/* overlap within one list */
  check_parse("A3,A1-A5", NULL, 0);
  check_parse("A1-A5,A5-A9", NULL, 0);
  check_parse("A1--A5", NULL, 0);
  check_parse("A1-A5-A9", NULL, 0);

  check_error("A1,A3-A2", "item 2");
  check_error("A1,A3-A2", "reversed");
  check_error("A1-A5,A4", "A4");
  check_error("A1,A 2", "whitespace");
  check_error("A1234567890123456789", "digits");
  check_error("A1-B2", "prefix");

  /* Subtraction. */
  {
    inv_list_t	*a = invListNew(), *b = invListNew(), *out = invListNew();
    char	*text;

    testBegin("invListSubtract splits and keeps series apart");
    invListParse(a, "A01-A20,B1-B9,C5");
    invListParse(b, "A05,A10-A12,A20-A25,B1-B9,D1");
    TEST_ASSERT(invListSubtract(a, b, out) == INV_OK);
    text = invListFormatCopy(out);
    testEndMessage(!strcmp(text, "A01-A04,A06-A09,A13-A19,C5") && invListGetSerialCount(out) == 16, "%s", text);
    free(text);

    testBegin("invListSubtract of a superset is empty");
    TEST_ASSERT(invListSubtract(b, b, out) == INV_OK);
    testEnd(invListGetCount(out) == 0 && invListGetSerialCount(out) == 0);

    invListDelete(a);
    invListDelete(b);
    invListDelete(out);
  }

  /* Adding out of order merges both ways. */
  {
    inv_list_t	*l = invListNew();
    inv_range_t	r = { "K", 3, 5, 5 };
    char	*text;

    testBegin("invListAdd merges a range that closes a gap");
    invListParse(l, "K001-K004,K006-K009");
    TEST_ASSERT(invListAdd(l, &r) == INV_OK);
    text = invListFormatCopy(l);
    testEndMessage(!strcmp(text, "K001-K009") && invListGetCount(l) == 1 && invListGetSerialCount(l) == 9,
                   "%s", text);
    free(text);
    invListDelete(l);
  }

  /* Outside text: UTF-8, controls and bidi (text.c). */
  {
    static const struct { const char *text; inv_text_t want; } cases[] =
    {
      { "", INV_TEXT_OK }, { "Peruri \xe2\x80\x94 \xf0\x9f\x98\x80", INV_TEXT_OK },
      { "a\xff", INV_TEXT_UTF8 }, { "\xc0\xaf", INV_TEXT_UTF8 }, { "\xe0\x80\xaf", INV_TEXT_UTF8 },
      { "\xed\xa0\x80", INV_TEXT_UTF8 }, { "\xf4\x90\x80\x80", INV_TEXT_UTF8 }, { "\xe2\x80", INV_TEXT_UTF8 },
      { "a\tb", INV_TEXT_CONTROL }, { "a\nb", INV_TEXT_CONTROL }, { "\x1b[0m", INV_TEXT_CONTROL },
      { "\x7f", INV_TEXT_CONTROL }, { "\xc2\x85", INV_TEXT_CONTROL }, { "\xc2\x9f", INV_TEXT_CONTROL },
      { "\xe2\x80\xa8", INV_TEXT_CONTROL }, { "\xe2\x80\xae", INV_TEXT_BIDI }, { "\xe2\x81\xa6", INV_TEXT_BIDI },
      { "\xe2\x80\x8f", INV_TEXT_BIDI }, { "\xc2\xa0", INV_TEXT_OK }
    };
    char	buf[32];
    size_t	bad = 0, n = sizeof(cases) / sizeof(cases[0]);

    testBegin("invTextCheck: valid UTF-8 with no control or bidi characters");
    while (bad < n && invTextCheck(cases[bad].text) == cases[bad].want)
      bad ++;
    testEndMessage(bad == n, "case %zu: %d", bad, bad < n ? (int)invTextCheck(cases[bad].text) : 0);

    testBegin("invTextSafe replaces bad bytes, controls and bidi with '?'");
    snprintf(buf, sizeof(buf), "a\x1b[1m\xc2\x85\xe2\x80\xae\xff\xc3\xa9");
    invTextSafe(buf, buf, sizeof(buf));			/* in place */
    testEndMessage(!strcmp(buf, "a?[1m???\xc3\xa9"), "%s", buf);

    testBegin("invTextSafe cuts a long text at a character");
    invTextSafe("ab\xc3\xa9", buf, 4);
    testEndMessage(!strcmp(buf, "ab"), "%s", buf);
  }

  return (testSummary());
}
