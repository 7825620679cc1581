/*
 * The office's web pages (issue 16): a small HTTP server (libmicrohttpd)
 * inside printctl, reading the ledger through the library.  Staff pages
 * and the resident's page listen on separate addresses.  See
 * doc/security.md ("The web pages") and printctl(1), "serve".
 */

#ifndef BLANKO_WEB_H
#define BLANKO_WEB_H

#include "blanko/config.h"
#include "blanko/inventory.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct web_s web_t;

typedef struct web_options_s		/* How to serve */
{
  inv_db_t		*db;		/* The ledger, open (read only is enough) */
  const blanko_config_t	*config;	/* The office's settings ([site], [web]) */
  const char		*staff_listen;	/* ADDRESS:PORT of the staff pages (port 0: any) */
  const char		*public_listen;	/* ADDRESS:PORT of the resident's page */
  const char		*tls_cert,	/* PEM files for HTTPS, or NULL/"" */
			*tls_key;
  int			session_minutes;/* Idle time a staff session lasts */
} web_options_t;

extern web_t		*webStart(const web_options_t *options, char *why, size_t whysize);
extern int		webGetPort(const web_t *web, bool staff);
extern bool		webIsTLS(const web_t *web);
extern void		webStop(web_t *web);

#endif /* BLANKO_WEB_H */
