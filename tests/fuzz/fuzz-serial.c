/*
 * Fuzz target: serial lists (invListParse), with a round trip: whatever
 * parses must format to text that parses to the same list.
 */

#include "fuzz.h"
#include "blanko/inventory.h"


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char		*text = fuzz_string(data, size);
  inv_list_t	*list = invListNew(), *again = invListNew(), *diff = invListNew();

  if (invListParse(list, text) == INV_OK)
  {
    char *formatted = invListFormatCopy(list);

    if (!formatted || invListParse(again, formatted) != INV_OK ||
        invListGetSerialCount(again) != invListGetSerialCount(list) ||
        invListGetCount(again) != invListGetCount(list) ||
        invListSubtract(list, again, diff) != INV_OK || invListGetSerialCount(diff) != 0)
      abort();				/* the round trip broke */
    free(formatted);
  }
  else if (!invListGetError(list)[0])
    abort();				/* a refusal must say why */

  invListDelete(list);
  invListDelete(again);
  invListDelete(diff);
  free(text);
  return (0);
}
