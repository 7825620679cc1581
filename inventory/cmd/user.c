/*
 * inventory user add|list: who may do what.
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
user_row(void *ctx, const char *name, unsigned roles, const char *since)
{
  json_t	*array = ctx;
  char		*text = invRolesFormatCopy(roles);

  if (array)
    json_array_append_new(array, json_pack("{s:s,s:s,s:s}", "name", name, "roles", text ? text : "",
                                           "since", since));
  else
    printf("%-20s %-36s %s\n", name, text ? text : "", since);
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
    printf("%-20s %-36s %s\n", _("USER"), _("ROLES"), _("SINCE"));
  status = invUserList(cliGetDb(cli), user_row, array);
  return (cliListDone(cli, status, array));
}
