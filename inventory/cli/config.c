/*
 * Reading the configuration file.  See blanko/config.h.
 */

#include "blanko/config.h"
#include "blanko/date.h"
#include "blanko/i18n.h"
#include "blanko/inventory.h"
#include "blanko/words.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SYSCONFDIR
#  define SYSCONFDIR "/usr/local/etc"
#endif
#ifndef LOCALEDIR
#  define LOCALEDIR "/usr/local/share/locale"
#endif
#ifndef PKGLIBDIR
#  define PKGLIBDIR "/usr/local/lib/blanko"
#endif
#ifndef TEMPLATEDIR
#  define TEMPLATEDIR SYSCONFDIR "/blanko/templates"
#endif
#ifndef STATEDIR
#  define STATEDIR "/usr/local/var/lib/blanko"
#endif


/* How the file is being read: the settings, and where inih is. */
typedef struct config_read_s
{
  blanko_config_t *config;		/* Settings being filled */
  FILE		*fp;			/* The file */
  int		line;			/* Lines read so far (inih's line number) */
  bool		started;		/* A meaningful line was read */
  bool		foreign;		/* Its first meaningful line is not one of config_sections */
  int		bad_line;		/* The first line a setting was refused on, 0 if none */
} config_read_t;


/* The sections of a blanko configuration, as its first line names them. */
static const char * const config_sections[] = { "[database]", "[ledger]", "[printer]", "[site]", "[documents]", "[supply]", "[web]", "[service]", "[distribution]", "[suket]" };


/* Read one line for inih, counting lines, and see whether the file starts
   as a blanko configuration does: with one of its sections (blank and
   comment lines aside). */
static char *
config_reader(char *str,		/* O - Line */
              int  num,			/* I - Size of str */
              void *stream)		/* I - config_read_t */
{
  config_read_t	*r = stream;
  const char	*p;

  if (!fgets(str, num, r->fp))
    return (NULL);
  r->line ++;
  p = str;
  if (r->line == 1 && !strncmp(p, "\xEF\xBB\xBF", 3))
    p += 3;				/* a UTF-8 byte order mark, as inih allows */
  for (; *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'; p ++);
  if (!r->started && *p && *p != ';' && *p != '#')
  {
    r->started = true;
    r->foreign = true;
    for (size_t i = 0; i < sizeof(config_sections) / sizeof(config_sections[0]); i ++)
      if (!strncmp(p, config_sections[i], strlen(config_sections[i])))
        r->foreign = false;
  }
  return (str);
}


/* Is text short and made of name characters, so that a message may show it? */
static bool
config_name_is_plain(const char *text)	/* I - Section or key */
{
  size_t len = strlen(text);

  return (len > 0 && len <= 40 && strspn(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") == len);
}


static int	config_refuse(config_read_t *r, const char *format, ...) __attribute__((format(printf, 2, 3)));


/* Refuse a setting: keep the first refusal, with its own line. */
static int
config_refuse(config_read_t *r,		/* I - Reading state */
              const char    *format,	/* I - printf-style reason */
              ...)
{
  va_list ap;

  if (!r->bad_line)
  {
    r->bad_line = r->line;
    va_start(ap, format);
    vsnprintf(r->config->error, sizeof(r->config->error), format, ap);
    va_end(ap);
  }
  return (0);
}


/* Take a path setting; an empty one is refused. */
static int
config_path(config_read_t *r,		/* I - Reading state */
            char          *path,	/* O - Setting */
            size_t        size,		/* I - Size of path */
            const char    *section,	/* I - [section] */
            const char    *name,	/* I - Key */
            const char    *value)	/* I - Value */
{
  if (!*value)
    return (config_refuse(r, _("%s.%s is empty: name a file or folder, or leave the line out"), section, name));
  snprintf(path, size, "%s", value);
  return (1);
}


/* Take a NIP: 18 digits, spaces allowed between them ("19700412 199503 2 004"). */
static int
config_nip(config_read_t *r,		/* I - Reading state */
           char          *nip,		/* O - Setting */
           size_t        size,		/* I - Size of nip */
           const char    *value)	/* I - Value */
{
  if (!invNipIsValid(value) || strlen(value) >= size)
    return (config_refuse(r, "%s", _("site.head_nip must be a NIP: 18 digits, spaces allowed between them")));
  snprintf(nip, size, "%s", value);
  return (1);
}


/* Take the office's time zone: an IANA name installed on this machine. */
static int
config_timezone(config_read_t *r,	/* I - Reading state */
                const char    *value)	/* I - Value */
{
  if (!*value || strlen(value) >= sizeof(r->config->timezone) ||
      strspn(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_-+") != strlen(value))
    return (config_refuse(r, "%s", _("site.timezone is not a time zone's name (such as Asia/Jakarta, "
                                     "Asia/Makassar or Asia/Jayapura)")));
  if (!invDateZoneKnown(value))
    return (config_refuse(r, _("site.timezone: %s is not a known time zone (such as Asia/Jakarta, "
                               "Asia/Makassar or Asia/Jayapura)"), value));
  snprintf(r->config->timezone, sizeof(r->config->timezone), "%s", value);
  return (1);
}


/* Take one "name = value" of the file; 0 tells inih the line is bad. */
static int
config_line(void       *user,		/* I - Reading state */
            const char *section,	/* I - [section] */
            const char *name,		/* I - Key */
            const char *value)		/* I - Value */
{
  config_read_t		*r = user;
  blanko_config_t	*c = r->config;
  inv_text_t		problem;

  if (r->foreign)
    return (0);				/* Not ours: nothing of it is shown */
  if ((problem = invTextCheck(section)) != INV_TEXT_OK || (problem = invTextCheck(name)) != INV_TEXT_OK)
    return (config_refuse(r, _("the name of a setting %s"), invTextProblem(problem)));
  if ((problem = invTextCheck(value)) != INV_TEXT_OK)
    return (config_refuse(r, _("the value of %s.%s %s"), section, name, invTextProblem(problem)));
  if (!strcmp(section, "database") && !strcmp(name, "path"))
  {
    /* A relative ledger path names a file in the state folder, never one
       in whatever folder the program was started from. */
    if (*value && *value != '/')
    {
      char joined[sizeof(c->db_path)];

      snprintf(joined, sizeof(joined), "%s/%s", blankoPath(BLANKO_PATH_STATE), value);
      return (config_path(r, c->db_path, sizeof(c->db_path), section, name, joined));
    }
    return (config_path(r, c->db_path, sizeof(c->db_path), section, name, value));
  }
  else if (!strcmp(section, "database") && !strcmp(name, "busy_timeout"))
  {
    char *end;
    long ms = strtol(value, &end, 10);

    if (!*value || *end || ms < 0 || ms > 3600000)
      return (config_refuse(r, "%s", _("busy_timeout must be 0 to 3600000 milliseconds")));
    c->busy_timeout = (int)ms;
  }
  else if (!strcmp(section, "ledger") && !strcmp(name, "max_receipt"))
  {
    char      *end;
    long long n = strtoll(value, &end, 10);

    if (!*value || *end || n < 1 || n > 1000000000000LL)
      return (config_refuse(r, "%s", _("max_receipt must be 1 to 1000000000000 blanks")));
    c->max_receipt = n;
  }
  else if (!strcmp(section, "ledger") && !strcmp(name, "void_days"))
  {
    char *end;
    long n = strtol(value, &end, 10);

    if (!*value || *end || n < 0 || n > 3650)
      return (config_refuse(r, "%s", _("void_days must be 0 to 3650 days")));
    c->void_days = (int)n;
  }
  else if (!strcmp(section, "supply") && !strcmp(name, "horizon_days"))
  {
    char *end;
    long n = strtol(value, &end, 10);

    if (!*value || *end || n < 1 || n > 3650)
      return (config_refuse(r, "%s", _("horizon_days must be 1 to 3650 days")));
    c->supply_horizon = (int)n;
  }
  else if (!strcmp(section, "distribution") && (!strcmp(name, "unclaimed_days") || !strcmp(name, "invalid_after_days")))
  {
    char *end;
    long n = strtol(value, &end, 10);

    if (!*value || *end || n < 1 || n > 3650)
      return (config_refuse(r, _("%s.%s must be 1 to 3650 days"), section, name));
    *(name[0] == 'u' ? &c->unclaimed_days : &c->invalid_after_days) = (int)n;
  }
  else if (!strcmp(section, "distribution") && !strcmp(name, "allow_proxy"))
  {
    if (!strcmp(value, "yes") || !strcmp(value, "ya"))
      c->allow_proxy = true;
    else if (!strcmp(value, "no") || !strcmp(value, "tidak"))
      c->allow_proxy = false;
    else
      return (config_refuse(r, "%s", _("distribution.allow_proxy must be yes or no")));
  }
  else if (!strcmp(section, "printer") && !strcmp(name, "lease_expiry"))
  {
    char *end;
    long secs = strtol(value, &end, 10);

    if (!*value || *end || secs < 1 || secs > 3600)
      return (config_refuse(r, "%s", _("lease_expiry must be 1 to 3600 seconds")));
    c->lease_expiry = (int)secs;
  }
  else if (!strcmp(section, "suket") && !strcmp(name, "valid_days"))
  {
    char *end;
    long n = strtol(value, &end, 10);

    if (!*value || *end || n < 1 || n > 366)
      return (config_refuse(r, "%s", _("valid_days must be 1 to 366 days")));
    c->suket_days = (int)n;
  }
  else if (!strcmp(section, "printer") && !strcmp(name, "order"))
  {
    if (strcmp(value, "delivery") && strcmp(value, "recorded"))
      return (config_refuse(r, "%s", _("printer.order must be delivery or recorded")));
    c->print_delivery = !strcmp(value, "delivery");
  }
  else if (!strcmp(section, "distribution") && !strcmp(name, "delivery_target"))
  {
    char *end;
    long n = strtol(value, &end, 10);

    if (!*value || *end || n < 1 || n > 100)
      return (config_refuse(r, "%s", _("delivery_target must be 1 to 100 percent")));
    c->delivery_target = (int)n;
  }
  else if (!strcmp(section, "service") && !strcmp(name, "target_days"))
  {
    char *end;
    long n = strtol(value, &end, 10);

    if (!*value || *end || n < 1 || n > 3650)
      return (config_refuse(r, "%s", _("target_days must be 1 to 3650 days")));
    c->target_days = (int)n;
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
    return (config_path(r, c->templates, sizeof(c->templates), section, name, value));
  else if (!strcmp(section, "site") && !strcmp(name, "government"))
    snprintf(c->government, sizeof(c->government), "%s", value);
  else if (!strcmp(section, "site") && !strcmp(name, "address"))
    snprintf(c->address, sizeof(c->address), "%s", value);
  else if (!strcmp(section, "site") && !strcmp(name, "city"))
    snprintf(c->city, sizeof(c->city), "%s", value);
  else if (!strcmp(section, "site") && !strcmp(name, "head_name"))
    snprintf(c->head_name, sizeof(c->head_name), "%s", value);
  else if (!strcmp(section, "site") && !strcmp(name, "head_nip"))
    return (config_nip(r, c->head_nip, sizeof(c->head_nip), value));
  else if (!strcmp(section, "site") && !strcmp(name, "head_post"))
    snprintf(c->head_post, sizeof(c->head_post), "%s", value);
  else if (!strcmp(section, "site") && !strcmp(name, "timezone"))
    return (config_timezone(r, value));
  else if (!strcmp(section, "documents") && (!strcmp(name, "destruction_number") || !strcmp(name, "writeoff_number") ||
                                               !strcmp(name, "handover_number") || !strcmp(name, "suket_number")))
  {
    char why[200];

    if (!invNumberFormatCheck(value, why, sizeof(why)))
      return (config_refuse(r, _("%s.%s is not a number format: %s"), section, name, why));
    snprintf(name[0] == 'd' ? c->destruction_number : name[0] == 'w' ? c->writeoff_number :
             name[0] == 's' ? c->suket_number : c->handover_number,
             sizeof(c->destruction_number), "%s", value);
  }
  else if (!strcmp(section, "web") && (!strcmp(name, "staff_listen") || !strcmp(name, "public_listen")))
  {
    if (!*value || strlen(value) >= sizeof(c->web_staff_listen) || !strchr(value, ':'))
      return (config_refuse(r, _("%s.%s must be ADDRESS:PORT"), section, name));
    snprintf(name[0] == 's' ? c->web_staff_listen : c->web_public_listen, sizeof(c->web_staff_listen), "%s", value);
  }
  else if (!strcmp(section, "web") && !strcmp(name, "tls_cert"))
    return (config_path(r, c->web_tls_cert, sizeof(c->web_tls_cert), section, name, value));
  else if (!strcmp(section, "web") && !strcmp(name, "tls_key"))
    return (config_path(r, c->web_tls_key, sizeof(c->web_tls_key), section, name, value));
  else if (config_name_is_plain(section) && config_name_is_plain(name))
    return (config_refuse(r, _("unknown setting %s.%s"), section, name));
  else
    return (config_refuse(r, "%s", _("unknown setting (its name is not shown: it is not a setting's name)")));
  return (1);
}


/* The run-time paths: each one's variable and compiled-in default. */
static const struct
{
  const char	*variable;		/* Environment variable overriding it */
  const char	*path;			/* Compiled-in default */
} blanko_paths[BLANKO_PATH_COUNT] =
{
  { "BLANKO_CONF", SYSCONFDIR "/blanko/blanko.conf" },
  { "BLANKO_LOCALEDIR", LOCALEDIR },
  { "BLANKO_PKGLIBDIR", PKGLIBDIR },
  { "BLANKO_TEMPLATEDIR", TEMPLATEDIR },
  { "BLANKO_STATEDIR", STATEDIR }
};


/*
 * A run-time path: its environment variable when set and not empty, else
 * the compiled-in default.  The variable is read with secure_getenv, so
 * that a set-user-id or set-group-id program ignores it.  (An empty one is
 * refused by blankoConfigLoad, never taken for the default.)
 */

const char *
blankoPath(blanko_path_t which)		/* I - Which path */
{
  const char	*env = secure_getenv(blanko_paths[which].variable);

  return (env && *env ? env : blanko_paths[which].path);
}


/* Find the configuration file; false when there is none. */
static bool
config_find(char *path, size_t size)
{
  const char	*env = secure_getenv(blanko_paths[BLANKO_PATH_CONF].variable);

  snprintf(path, size, "%s", blankoPath(BLANKO_PATH_CONF));
  return (env || !eaccess(path, R_OK));
}


/*
 * Load the settings; false with config->error on a bad file: "FILE:LINE:
 * why" for the first bad line, with that line's own number, or "FILE is
 * not a blanko configuration" (nothing of it shown) for a file that does
 * not start with one of its sections ([database], [ledger], [printer], [site]).
 */

bool
blankoConfigLoad(blanko_config_t *config)	/* O - Settings */
{
  config_read_t	r;
  char		reason[160];
  int		line;

  memset(config, 0, sizeof(*config));
  snprintf(config->db_path, sizeof(config->db_path), "%s/blanko.db", blankoPath(BLANKO_PATH_STATE));
  config->busy_timeout = 30000;
  config->max_receipt = BLANKO_MAX_RECEIPT;
  snprintf(config->timezone, sizeof(config->timezone), "%s", BLANKO_TIMEZONE);
  config->void_days = BLANKO_VOID_DAYS;
  config->supply_horizon = BLANKO_SUPPLY_HORIZON;
  config->unclaimed_days = BLANKO_UNCLAIMED_DAYS;
  config->invalid_after_days = BLANKO_INVALID_AFTER_DAYS;
  snprintf(config->web_staff_listen, sizeof(config->web_staff_listen), "%s", BLANKO_WEB_STAFF);
  snprintf(config->web_public_listen, sizeof(config->web_public_listen), "%s", BLANKO_WEB_PUBLIC);
  for (int i = 0; i < BLANKO_PATH_COUNT; i ++)
  {
    const char *env = secure_getenv(blanko_paths[i].variable);

    if (env && !*env)
    {
      if (i == BLANKO_PATH_CONF)
        snprintf(config->error, sizeof(config->error), "%s",
                 _("BLANKO_CONF is set but empty: unset it, or set it to the configuration file's path"));
      else
        snprintf(config->error, sizeof(config->error), _("%s is set but empty: unset it, or set it to a folder"),
                 blanko_paths[i].variable);
      return (false);
    }
  config->delivery_target = BLANKO_DELIVERY_TARGET;
  }
  config->lease_expiry = 90;
  config->target_days = BLANKO_TARGET_DAYS;
  config->suket_days = BLANKO_SUKET_DAYS;
  if (!config_find(config->file, sizeof(config->file)))
  {
    config->file[0] = '\0';
    return (true);
  }

  memset(&r, 0, sizeof(r));
  r.config = config;
  if ((r.fp = fopen(config->file, "re")) == NULL)
  {
    snprintf(config->error, sizeof(config->error), "%s: %s (%s)", config->file, _("cannot read the file"),
             strerror(errno));
    return (false);
  }
  line = ini_parse_stream(config_reader, &r, config_line, &r);
  fclose(r.fp);
  if (r.foreign)
  {
    snprintf(config->error, sizeof(config->error), _("%s is not a blanko configuration (it must start with [database], [ledger], [printer] or [site])"),
             config->file);
    return (false);
  }
  if (line == 0)
  {
    /* A controller waiting busy_timeout on the ledger must keep its printers. */
    if ((long long)config->lease_expiry * 1000 > config->busy_timeout)
      return (true);
    snprintf(config->error, sizeof(config->error), _("%s: printer.lease_expiry (%d s) must be longer than database.busy_timeout (%d ms)"),
             config->file, config->lease_expiry, config->busy_timeout);
    return (false);
  }
  /* inih gives the first bad line: a setting refused there, or a line that
     is not "name = value" nor "[section]". */
  snprintf(reason, sizeof(reason), "%.150s", line > 0 && line == r.bad_line ? config->error
                                              : line < 0 ? _("cannot read the file")
                                                         : _("not a valid INI line (name = value, or [section])"));
  if (line < 0)
    snprintf(config->error, sizeof(config->error), "%s: %s", config->file, reason);
  else
    snprintf(config->error, sizeof(config->error), "%s:%d: %s", config->file, line, reason);
  return (false);
}
