/*
 * Checks of a resident's record beyond what the template knows: the NIK
 * and the dates and sex it encodes.  Reasons name the rule broken, never
 * the value.
 */

#ifndef BLANKO_RESIDENT_H
#define BLANKO_RESIDENT_H

#include <stdbool.h>
#include <stddef.h>

extern bool	residentDateIsValid(const char *text, int *year, int *month, int *day, char *why,
		                    size_t whysize);
extern bool	residentSexParse(const char *text, bool *woman);
extern bool	residentCheck(const char *nik, const char *birth_date, const char *sex, const char *valid_until,
		              const char **field, char *why, size_t whysize);

#endif /* BLANKO_RESIDENT_H */
