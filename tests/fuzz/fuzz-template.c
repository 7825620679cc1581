/*
 * Fuzz target: card templates (tmplLoad).  Images and fonts a template
 * names are looked up for real, so the corpus names ones that exist.
 */

#include "fuzz.h"
#include "../../printctl/render/template.h"


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  tmpl_t *t = tmplNew();

  if (!t)
    abort();
  if (!tmplLoad(t, fuzz_file(data, size, ".tmpl")) && !tmplGetError(t)[0])
    abort();				/* a refusal must say why */
  tmplDelete(t);
  return (0);
}
