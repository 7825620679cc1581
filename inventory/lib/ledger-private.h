/*
 * Ledger rules the library's other parts share (ledger.c).
 */

#ifndef BLANKO_LEDGER_PRIVATE_H
#define BLANKO_LEDGER_PRIVATE_H

#include "blanko/inventory.h"

#include <jansson.h>

extern inv_status_t	ledgerCheckNotInRecord(inv_db_t *db, const inv_range_t *r, int64_t series);

/* Internal to the library: the rules move serials and append events
   only through these, with kinds from the registry (events-private.h). */
extern inv_status_t	_invMove(inv_db_t *db, const char *kind, const char *from, const char *to, const inv_list_t *serials, const char *ref, const char *detail, int64_t *event_id);
extern inv_status_t	_invUnreceive(inv_db_t *db, const char *kind, const char *from, const inv_list_t *serials, const char *ref, const char *detail, int64_t *event_id);
extern inv_status_t	_invTakeLowest(inv_db_t *db, const char *account, int64_t count, inv_list_t *out);
extern inv_status_t	_invSupplyCheckOpen(inv_db_t *db, int64_t id);	/* supply.c */

/* account.c: an account and the event that adds it (detail stolen). */
extern inv_status_t	_invAccountAdd(inv_db_t *db, const char *code, inv_kind_t kind, const char *name, const char *event, json_t *detail);

#endif /* !BLANKO_LEDGER_PRIVATE_H */
