/*
 * The blanko configuration file (INI, read with inih).
 *
 *   [database]
 *   path = blanko.db          ; relative to the working folder
 *   busy_timeout = 30000      ; milliseconds to wait for another writer
 *   [site]
 *   office = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh
 *
 * The file is found at $BLANKO_CONF, else ../etc/blanko.conf beside the
 * program (a build tree, or an install with PREFIX/etc), else
 * SYSCONFDIR/blanko/blanko.conf; without one, the defaults above hold.
 */

#ifndef BLANKO_CONFIG_H
#define BLANKO_CONFIG_H

#include <stdbool.h>

typedef struct blanko_config_s		/* Settings */
{
  char		file[1024];	/* File read, "" if none */
  char		db_path[1024];	/* [database] path */
  int		busy_timeout;	/* [database] busy_timeout, ms */
  char		office[256];	/* [site] office */
  char		error[1400];	/* Why loading failed: "FILE:LINE: why" */
} blanko_config_t;

extern bool	blankoConfigLoad(blanko_config_t *config);

#endif /* BLANKO_CONFIG_H */
