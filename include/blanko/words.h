/*
 * Numbers in words and official numbers, for documents an office signs
 * (issue 13): "terbilang" (1250 -> "seribu dua ratus lima puluh"), the
 * same in English, digits grouped by thousands ("1.250", "1,250"), Roman
 * month numbers and an office's number format ("470/{seq:04}/Disdukcapil/
 * {month:roman}/{year}").  Part of the ledger library, needing only the
 * C library.  (Implemented in inventory/lib/words.c.)
 */

#ifndef BLANKO_WORDS_H
#define BLANKO_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INV_WORDS_MAX		1024	/* Enough for any int64_t in words */
#define INV_NUMBER_MAX		128	/* Longest official number */

/* n (0 to 999,999,999,999,999) in Indonesian words, "terbilang"
   (en: in English); false when n is out of range or buf too small. */
extern bool	invTerbilang(int64_t n, bool en, char *buf, size_t bufsize);
/* n with its digits grouped by thousands: "1.250" (en: "1,250"). */
extern const char *invNumberGrouped(int64_t n, bool en, char *buf, size_t bufsize);
/* A month 1-12 as a Roman numeral ("XII"), "" otherwise. */
extern const char *invRomanMonth(int month);
/* Check an official number's format: every {...} is {seq}, {seq:0N}
   (N 1-9), {year}, {month}, {month:02} or {month:roman}, and {seq...}
   appears; false with why when not. */
extern bool	invNumberFormatCheck(const char *format, char *why, size_t whysize);
/* Make an official number from a format (see invNumberFormatCheck) with
   the yearly sequence number, the year and month; false when the format
   is bad or buf too small. */
extern bool	invNumberFormat(const char *format, int64_t seq, int year, int month, char *buf, size_t bufsize);

#endif /* BLANKO_WORDS_H */
