/*
 * Fuzz target: the configuration file (blankoConfigLoad via BLANKO_CONF).
 */

#include "fuzz.h"
#include "blanko/config.h"


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  blanko_config_t config;

  setenv("BLANKO_CONF", fuzz_file(data, size, ".conf"), 1);
  if (!blankoConfigLoad(&config) && !config.error[0])
    abort();				/* a refusal must say why */
  return (0);
}
