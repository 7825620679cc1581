/*
 * The ledger's figures as the JSON objects the programs print with --json
 * (inventory/lib/shapes.c), shared by the commands and the web server's
 * JSON API so that both give the same shape.
 */

#ifndef BLANKO_SHAPES_H
#define BLANKO_SHAPES_H

#include "blanko/inventory.h"

#include <jansson.h>
#include <stdbool.h>

extern json_t	*invStockJson(inv_db_t *db, const char *only, bool ranges, inv_status_t *status);
extern json_t	*invBacklogJson(inv_db_t *db, int target, bool list, inv_status_t *status);

#endif /* BLANKO_SHAPES_H */
