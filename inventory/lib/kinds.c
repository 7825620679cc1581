/*
 * Account kinds and their names: a leaf of the ledger library, calling
 * nothing, used by the store (to read and write the kind column) and by
 * the rules and programs above it.
 */

#include "blanko/inventory.h"

#include <string.h>

static const char * const kind_names[] =	/* By inv_kind_t */
{
  "supplier", "store", "printroom", "hopper", "state", "kecamatan", "kelurahan", "transit"
};


/* The name of an account kind. */
const char *
invKindName(inv_kind_t kind)		/* I - Kind */
{
  return ((unsigned)kind < sizeof(kind_names) / sizeof(kind_names[0]) ? kind_names[kind] : "?");
}


/* Parse an account kind's name. */
inv_status_t
invKindParse(const char *text,		/* I - Name */
             inv_kind_t *kind)		/* O - Kind */
{
  for (size_t i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i ++)
    if (!strcmp(text, kind_names[i]))
    {
      *kind = (inv_kind_t)i;
      return (INV_OK);
    }
  return (INV_REFUSED);
}
