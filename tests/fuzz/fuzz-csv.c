/*
 * Fuzz target: import files (csvFileRead): RFC 4180 through libcsv, the
 * BOM, line numbers.
 */

#include "fuzz.h"
#include "../../printctl/card/csvfile.h"


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  csv_file_t f;

  if (csvFileRead(fuzz_file(data, size, ".csv"), &f))
  {
    for (size_t i = 0; i < f.nrows; i ++)
      for (int j = 0; j < f.rows[i].nfields; j ++)
        if (!f.rows[i].fields[j] || f.rows[i].line < 1)
          abort();
  }
  else if (!f.error[0])
    abort();				/* a refusal must say why */
  csvFileFree(&f);
  return (0);
}
