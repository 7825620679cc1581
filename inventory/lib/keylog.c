/*
 * The signing keys in the chain: a rotation is an event, so that the
 * ledger says when each key began to sign (the keys themselves live in
 * files beside the ledger, keyring.c).
 */

#include "chain-private.h"
#include "events-private.h"

#include <jansson.h>
#include <stdlib.h>


/* Record that key keyid became the current signing key. */
inv_status_t
invKeyRotateRecord(inv_db_t   *db,	/* I - Ledger (in a write transaction) */
                   const char *keyid)	/* I - The new key's identifier */
{
  char		*detail = chainDetailCopy(json_pack("{s:s}", "key", keyid));
  inv_status_t	status;

  status = detail ? _invEventAppend(db, eventName(EV_KEY_ROTATE), keyid, detail, NULL) : _invDbNoMemory(db);
  free(detail);
  return (status);
}
