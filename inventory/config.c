/*
 * Reading the configuration file.  See blanko/config.h.
 */

#include "blanko/config.h"
#include "blanko/i18n.h"

#include <ini.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SYSCONFDIR
#  define SYSCONFDIR "/usr/local/etc"
#endif


/* Take one "name = value" of the file; 0 stops inih at this line. */
static int
config_line(void       *user,		/* I - Settings */
            const char *section,	/* I - [section] */
            const char *name,		/* I - Key */
            const char *value)		/* I - Value */
{
  blanko_config_t *c = user;

  if (!strcmp(section, "database") && !strcmp(name, "path"))
    snprintf(c->db_path, sizeof(c->db_path), "%s", value);
  else if (!strcmp(section, "database") && !strcmp(name, "busy_timeout"))
  {
    char *end;
    long ms = strtol(value, &end, 10);

    if (*end || ms < 0 || ms > 3600000)
    {
      snprintf(c->error, sizeof(c->error), _("busy_timeout must be 0 to 3600000 milliseconds"));
      return (0);
    }
    c->busy_timeout = (int)ms;
  }
  else if (!strcmp(section, "printer") && !strcmp(name, "lease_expiry"))
  {
    char *end;
    long s = strtol(value, &end, 10);

    if (*end || s < 1 || s > 3600)
    {
      snprintf(c->error, sizeof(c->error), _("lease_expiry must be 1 to 3600 seconds"));
      return (0);
    }
    c->lease_expiry = (int)s;
  }
  else if (!strcmp(section, "site") && !strcmp(name, "office"))
    snprintf(c->office, sizeof(c->office), "%s", value);
  else if (!strcmp(section, "site") && !strcmp(name, "province"))
    snprintf(c->province, sizeof(c->province), "%s", value);
  else if (!strcmp(section, "site") && !strcmp(name, "regency"))
    snprintf(c->regency, sizeof(c->regency), "%s", value);
  else if (!strcmp(section, "site") && !strcmp(name, "issue_city"))
    snprintf(c->issue_city, sizeof(c->issue_city), "%s", value);
  else if (!strcmp(section, "site") && !strcmp(name, "templates"))
    snprintf(c->templates, sizeof(c->templates), "%s", value);
  else
  {
    snprintf(c->error, sizeof(c->error), _("unknown setting %s.%s"), section, name);
    return (0);
  }
  return (1);
}


/*
 * Make the path of a file given relative to the running program's folder
 * (bin/ in a build tree, PREFIX/bin when installed): how a program finds
 * its configuration, templates, catalogs and modules before and after
 * "make install".  True when that file or folder exists and is readable.
 */

bool
blankoPathBesideProgram(char       *path,	/* O - The path */
                        size_t     size,	/* I - Size of path */
                        const char *relative)	/* I - Relative to the program's folder, e.g. "../etc/blanko.conf" */
{
  char		exe[PATH_MAX], real[PATH_MAX];
  ssize_t	len;

  if ((len = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) <= 0)
  {
    *path = '\0';
    return (false);
  }
  exe[len] = '\0';
  snprintf(path, size, "%s/%s", dirname(exe), relative);
  if (access(path, R_OK))
    return (false);
  if (realpath(path, real) && strlen(real) < size)
    strcpy(path, real);				/* Without "bin/..", for messages */
  return (true);
}


/* Find the configuration file; false when there is none. */
static bool
config_find(char *path, size_t size)
{
  const char	*env = getenv("BLANKO_CONF");

  if (env && *env)
  {
    snprintf(path, size, "%s", env);
    return (true);
  }
  if (blankoPathBesideProgram(path, size, "../etc/blanko.conf") ||		/* build tree */
      blankoPathBesideProgram(path, size, "../etc/blanko/blanko.conf"))	/* PREFIX/etc */
    return (true);
  snprintf(path, size, "%s/blanko/blanko.conf", SYSCONFDIR);
  return (!access(path, R_OK));
}


/* Load the settings; false with config->error ("FILE:LINE: why") on a bad file. */
bool
blankoConfigLoad(blanko_config_t *config)	/* O - Settings */
{
  char	reason[160];
  int	line;

  memset(config, 0, sizeof(*config));
  snprintf(config->db_path, sizeof(config->db_path), "blanko.db");
  config->busy_timeout = 30000;
  config->lease_expiry = 90;
  if (!config_find(config->file, sizeof(config->file)))
  {
    config->file[0] = '\0';
    return (true);
  }
  if ((line = ini_parse(config->file, config_line, config)) == 0)
  {
    /* A controller waiting busy_timeout on the ledger must keep its printers. */
    if ((long long)config->lease_expiry * 1000 > config->busy_timeout)
      return (true);
    snprintf(config->error, sizeof(config->error), _("%s: printer.lease_expiry (%d s) must be longer than database.busy_timeout (%d ms)"),
             config->file, config->lease_expiry, config->busy_timeout);
    return (false);
  }

  snprintf(reason, sizeof(reason), "%.150s", config->error[0] ? config->error
                                                          : line < 0 ? _("cannot read the file")
                                                                     : _("not a valid INI line"));
  if (line < 0)
    snprintf(config->error, sizeof(config->error), "%s: %s", config->file, reason);
  else
    snprintf(config->error, sizeof(config->error), "%s:%d: %s", config->file, line, reason);
  return (false);
}
