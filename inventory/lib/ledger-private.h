/*
 * Ledger rules the library's other parts share (ledger.c).
 */

#ifndef BLANKO_LEDGER_PRIVATE_H
#define BLANKO_LEDGER_PRIVATE_H

#include "blanko/inventory.h"

extern inv_status_t	ledgerCheckNotInRecord(inv_db_t *db, const inv_range_t *r, int64_t series);

#endif /* !BLANKO_LEDGER_PRIVATE_H */
