/*
 * Private definitions for serial lists.
 */

#ifndef BLANKO_LIST_PRIVATE_H
#define BLANKO_LIST_PRIVATE_H

#include "blanko/inventory.h"

struct inv_list_s			/* A set of serials as sorted ranges */
{
  inv_range_t	*ranges;	/* Sorted by prefix, width, first; merged */
  size_t	count,		/* Ranges in use */
		alloc;		/* Ranges allocated */
  int64_t	serials;	/* Serials in all ranges */
  char		error[256];	/* Why the last operation failed */
};

extern int	_invRangeCompare(const inv_range_t *a, const inv_range_t *b);
extern bool	_invRangeSameSeries(const inv_range_t *a, const inv_range_t *b);

#endif /* BLANKO_LIST_PRIVATE_H */
