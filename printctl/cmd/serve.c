/*
 * printctl serve: the office's web pages (printctl/web/): the print room's
 * board for staff who log in, and the resident's "is my card ready?" page,
 * on separate addresses.  Runs until SIGINT or SIGTERM.  Read-only.
 */

#include "commands.h"
#include "../web/web.h"
#include "blanko/privilege.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Options of the command. */
const struct option cmdServeOptions[] =
{
  { "staff", required_argument, NULL, 's' },
  { "public", required_argument, NULL, 'p' },
  { NULL, 0, NULL, 0 }
};


/* printctl serve [--staff ADDRESS:PORT] [--public ADDRESS:PORT] */
int
cmdServe(cli_t *cli,			/* I - Command context */
         int   argc,			/* I - Arguments */
         char  *argv[])
{
  const blanko_config_t	*conf = cliGetConfig(cli);
  web_options_t		o;
  web_t			*web;
  sigset_t		set;
  char			why[1200];
  int			c, sig = 0;

  memset(&o, 0, sizeof(o));
  o.db = cliGetDb(cli);
  o.config = conf;
  o.staff_listen = conf->web_staff_listen;
  o.public_listen = conf->web_public_listen;
  o.tls_cert = conf->web_tls_cert;
  o.tls_key = conf->web_tls_key;
  o.session_minutes = 30;
  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    else if (c == 's')
      o.staff_listen = optarg;
    else if (c == 'p')
      o.public_listen = optarg;
  if (optind < argc)
    return (cliUsage(cli, _("unexpected argument \"%s\""), argv[optind]));
  if (cliPrivIsPrivileged())
    return (cliFail(cli, CLI_REFUSED, "%s", _("the web server runs as the service account (systemd), not "
                                             "through the set-group-id program")));
  if (!strcmp(o.staff_listen, o.public_listen) && strcmp(strrchr(o.staff_listen, ':') ?: "", ":0"))
    return (cliUsage(cli, "%s", _("the staff pages and the resident's page need different addresses or ports")));
  /* Pages are in Indonesian unless the browser prefers English (the
     English text is the catalogue's msgid: printctl/web/web-private.h). */
  if (!strcmp(setlocale(LC_MESSAGES, NULL), "C") || !strcmp(setlocale(LC_MESSAGES, NULL), "POSIX"))
    setlocale(LC_MESSAGES, "C.UTF-8");
  setenv("LANGUAGE", "id", 1);
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL);	/* the daemons' threads inherit it */
  if ((web = webStart(&o, why, sizeof(why))) == NULL)
    return (cliFail(cli, CLI_REFUSED, "%s", why));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:i,s:i,s:b}", "staff_port", webGetPort(web, true), "public_port",
                           webGetPort(web, false), "tls", webIsTLS(web)));
  else
    printf("staff %s port %d, public %s port %d, %s\n", o.staff_listen, webGetPort(web, true), o.public_listen,
           webGetPort(web, false), webIsTLS(web) ? "https" : "http");
  fflush(stdout);
  sigwait(&set, &sig);
  webStop(web);
  return (CLI_OK);
}
