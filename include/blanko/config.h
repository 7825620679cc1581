/*
 * The blanko configuration file (INI, read with inih).
 *
 *   [database]
 *   path = blanko.db          ; relative to the working folder
 *   busy_timeout = 30000      ; milliseconds to wait for another writer
 *   [ledger]
 *   max_receipt = 10000000    ; most blanks one receipt may bring in (1 to 10^12)
 *   [site]
 *   office = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh
 *   province = Jawa Tengah    ; printed on cards (template "site" fields)
 *   regency = Kota Semarang
 *   issue_city = Kota Semarang
 *   templates = DIR           ; card templates (default: etc/templates
 *                             ; beside the program, else SYSCONFDIR/blanko/templates)
 *   [printer]
 *   lease_expiry = 90         ; seconds without heartbeat after which another
 *                             ; controller may take a printer (longer than
 *                             ; busy_timeout; heartbeats every third of it)
 *
 * The file is found at $BLANKO_CONF, else ../etc/blanko.conf beside the
 * program (a build tree, or an install with PREFIX/etc), else
 * SYSCONFDIR/blanko/blanko.conf; without one, the defaults above hold.
 * Its first line that is not blank or a comment is one of its sections,
 * [database], [ledger], [printer] or [site]:
 * any other file is refused as not a blanko configuration, showing none of
 * its content.  An error names the first bad line with its own number; an
 * empty path (path =, templates =, BLANKO_CONF="") is refused.
 */

#ifndef BLANKO_CONFIG_H
#define BLANKO_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct blanko_config_s		/* Settings */
{
  char		file[1024];	/* File read, "" if none */
  char		db_path[1024];	/* [database] path */
  int		busy_timeout;	/* [database] busy_timeout, ms */
  long long	max_receipt;	/* [ledger] max_receipt, blanks per receipt */
  int		lease_expiry;	/* [printer] lease_expiry, s */
  char		office[256];	/* [site] office */
  char		province[128];	/* [site] province, for cards */
  char		regency[128];	/* [site] regency (KABUPATEN or KOTA ...) */
  char		issue_city[128];/* [site] issue_city, under the photo */
  char		templates[1024];/* [site] templates folder, "" for the default */
  char		error[1400];	/* Why loading failed: "FILE:LINE: why" */
} blanko_config_t;

#define BLANKO_MAX_RECEIPT	10000000LL	/* Default of [ledger] max_receipt */

extern bool	blankoConfigLoad(blanko_config_t *config);
extern bool	blankoPathBesideProgram(char *path, size_t size, const char *relative);

#endif /* BLANKO_CONFIG_H */
