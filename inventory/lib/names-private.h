/*
 * Names for ids: the accounts and serial series of a ledger, loaded once
 * for a walk over holdings or movements that must name what it meets.
 */

#ifndef BLANKO_NAMES_PRIVATE_H
#define BLANKO_NAMES_PRIVATE_H

#include "db-private.h"
#include "store.h"

typedef struct inv_names_s		/* Accounts and series, copied */
{
  store_account_t *accounts;	/* By id */
  size_t	naccounts;
  store_series_t *series;	/* By prefix, then width */
  size_t	nseries;
  bool		failed;		/* Out of memory while loading */
} inv_names_t;

extern inv_status_t		namesLoad(inv_db_t *db, inv_names_t *names);
extern inv_status_t		namesLoadSeries(inv_db_t *db, inv_names_t *names);
extern void			namesFree(inv_names_t *names);
extern const store_account_t	*namesAccount(const inv_names_t *names, int64_t id);
extern const store_series_t	*namesSeries(const inv_names_t *names, int64_t id);

#endif /* BLANKO_NAMES_PRIVATE_H */
