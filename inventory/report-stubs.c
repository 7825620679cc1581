#include "report-private.h"
int repStock(cli_t *cli, const char *format, const char *lang, const char *out)
{ (void)format; (void)lang; (void)out; return cliFail(cli, 1, "not yet"); }
