/*
 * Private definitions for anchors (anchor.c): what the rules' files use
 * to sign a checkpoint in the transaction they hold.
 */

#ifndef BLANKO_ANCHOR_PRIVATE_H
#define BLANKO_ANCHOR_PRIVATE_H

#include "db-private.h"
#include "blanko/anchor.h"

/* Sign and store a checkpoint of (event, head) with mark, when the
   ledger has a key (none: nothing is signed, INV_OK). */
extern inv_status_t	_invAnchorSeal(inv_db_t *db, int64_t event, const char *head, const char *mark);

#endif /* BLANKO_ANCHOR_PRIVATE_H */
