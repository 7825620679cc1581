/*
 * inventory user add|set|list|disable|enable: who may do what.
 */

#include "commands.h"

#include <stdio.h>
#include <stdlib.h>


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdUserAddOptions[] =
{
  { "role", required_argument, NULL, 'r' },
  { NULL, 0, NULL, 0 }
};


/* Parse NAME --role ROLES of user add and user set. */
static int
name_and_roles(cli_t *cli, int argc, char *argv[], const char **name, unsigned *roles)
{
  const char	*role_text = NULL;
  int		c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    else
      role_text = optarg;
  if (optind != argc - 1)
    return (cliUsage(cli, _("give exactly one user NAME")));
  if (!role_text)
    return (cliUsage(cli, _("--role is required")));
  if (invRolesParse(role_text, roles) != INV_OK)
    return (cliFail(cli, CLI_REFUSED, _("--role: \"%s\" is not a list of admin, warehouse, printroom, auditor"),
                    role_text));
  *name = argv[optind];
  return (CLI_OK);
}


/* Print what user add (added) or user set did. */
static void
print_user(cli_t *cli, bool added, const char *name, unsigned roles)
{
  char *text = invRolesFormatCopy(roles);

  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:s,s:s}", "name", name, "roles", text ? text : ""));
  else if (added)
    printf(_("Added user %s (%s).\n"), name, text ? text : "");
  else
    printf(_("%s now has the roles %s.\n"), name, text ? text : "");
  free(text);
}


/* user add (add) and user set: NAME --role ROLES. */
static int
user_roles(cli_t *cli, int argc, char *argv[], bool add)
{
  const char	*name = NULL;
  unsigned	roles;
  inv_status_t	status;
  int		result;

  if ((result = name_and_roles(cli, argc, argv, &name, &roles)) != CLI_OK)
    return (result);
  status = add ? invUserAdd(cliGetDb(cli), name, roles) : invUserSetRoles(cliGetDb(cli), name, roles);
  if (status != INV_OK)
    return (cliFailDb(cli, status));
  print_user(cli, add, name, roles);
  return (CLI_OK);
}


/* Register a user with roles. */
int
cmdUserAdd(cli_t *cli,			/* I - Command context */
           int   argc,			/* I - Arguments */
           char  *argv[])
{
  return (user_roles(cli, argc, argv, true));
}


/* Give a user a new set of roles. */
int
cmdUserSet(cli_t *cli,			/* I - Command context */
           int   argc,			/* I - Arguments */
           char  *argv[])
{
  return (user_roles(cli, argc, argv, false));
}


/* Print or collect one user. */
static void
user_row(void       *ctx,		/* I - JSON array, or NULL to print */
         const char *name,		/* I - User */
         unsigned   roles,		/* I - Role bits */
         const char *since,		/* I - When registered */
         const char *disabled)		/* I - When disabled, or "" */
{
  json_t	*array = ctx;
  char		*text = invRolesFormatCopy(roles);

  if (array)
    json_array_append_new(array, json_pack("{s:s,s:s,s:s,s:s,s:s}", "name", name, "roles", text ? text : "",
                                           "since", since, "state", *disabled ? "disabled" : "enabled",
                                           "disabled", disabled));
  else
    printf("%-20s %-36s %-25s %s\n", name, text ? text : "", since, *disabled ? _("disabled") : _("enabled"));
  free(text);
}


/* List users. */
int
cmdUserList(cli_t *cli,			/* I - Command context */
            int   argc,			/* I - Arguments */
            char  *argv[])
{
  json_t	*array = cliGetJson(cli) ? json_array() : NULL;
  inv_status_t	status;

  if (argc > 1)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[1]));
  if (!array)
    printf("%-20s %-36s %-25s %s\n", _("USER"), _("ROLES"), _("SINCE"), _("STATE"));
  status = invUserList(cliGetDb(cli), user_row, array);
  return (cliListDone(cli, status, array));
}


/* user disable (disable) and user enable: NAME. */
static int
user_state(cli_t *cli, int argc, char *argv[], bool disable)
{
  inv_status_t	status;
  int		c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
  if (optind != argc - 1)
    return (cliUsage(cli, _("give exactly one user NAME")));
  if ((status = invUserSetDisabled(cliGetDb(cli), argv[optind], disable)) != INV_OK)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:s,s:s}", "name", argv[optind], "state", disable ? "disabled" : "enabled"));
  else if (disable)
    printf(_("Disabled user %s: they can run no command until enabled again.\n"), argv[optind]);
  else
    printf(_("Enabled user %s again.\n"), argv[optind]);
  return (CLI_OK);
}


/* Disable a user: they can run no command. */
int
cmdUserDisable(cli_t *cli,		/* I - Command context */
               int   argc,		/* I - Arguments */
               char  *argv[])
{
  return (user_state(cli, argc, argv, true));
}


/* Enable a disabled user again. */
int
cmdUserEnable(cli_t *cli,		/* I - Command context */
              int   argc,		/* I - Arguments */
              char  *argv[])
{
  return (user_state(cli, argc, argv, false));
}
