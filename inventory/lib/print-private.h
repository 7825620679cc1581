/*
 * Printer reasons the ledger stores without an event of their own: the
 * print controller sets them (print.c) and verify rebuilds them from the
 * events that caused them (verify-print.c), so both must make the same text.
 * Ledgers keep these texts for good: never change one, add a new one.
 */

#ifndef BLANKO_PRINT_PRIVATE_H
#define BLANKO_PRINT_PRIVATE_H

#include <stddef.h>

#define PRINT_REASON_CHECKED	"checked; resume to print"

extern void	printReasonCheck(char *buf, size_t bufsize, const char *read, const char *expected);
extern void	printReasonSuspect(char *buf, size_t bufsize, const char *serial, const char *reason);

#endif /* !BLANKO_PRINT_PRIVATE_H */
