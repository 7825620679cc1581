#include "report-private.h"
int repReconcile(cli_t *cli, const char *from, const char *to, const char *format, const char *lang, const char *out)
{ (void)from; (void)to; (void)format; (void)lang; (void)out; return cliFail(cli, 1, "not yet"); }
int repStock(cli_t *cli, const char *format, const char *lang, const char *out)
{ (void)format; (void)lang; (void)out; return cliFail(cli, 1, "not yet"); }
