/*
 * inventory user add|set|list|disable|enable|passwd: who may do what, and the
 * person behind each user (full name, NIP, post) that documents show.
 */

#include "commands.h"

#include "blanko/access.h"
#include "blanko/date.h"
#include "blanko/distribution.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdUserAddOptions[] =
{
  { "role", required_argument, NULL, 'r' },
  { "place", required_argument, NULL, 'P' },
  { NULL, 0, NULL, 0 }
};

/* Options of user set: roles, and the person's details. */
const struct option cmdUserSetOptions[] =
{
  { "role", required_argument, NULL, 'r' },
  { "full-name", required_argument, NULL, 'f' },
  { "nip", required_argument, NULL, 'n' },
  { "post", required_argument, NULL, 'p' },
  { "place", required_argument, NULL, 'P' },
  { NULL, 0, NULL, 0 }
};


/* Parse NAME --role ROLES [--place PLACE] of user add. */
static int
name_and_roles(cli_t *cli, int argc, char *argv[], const char **name, unsigned *roles, const char **place)
{
  const char	*role_text = NULL;
  int		c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    else if (c == 'P')
      *place = optarg;
    else
      role_text = optarg;
  if (optind != argc - 1)
    return (cliUsage(cli, _("give exactly one user NAME")));
  if (!role_text)
    return (cliUsage(cli, _("--role is required")));
  if (invRolesParse(role_text, roles) != INV_OK)
    return (cliFail(cli, CLI_REFUSED, _("--role: \"%s\" is not a list of admin, warehouse, printroom, auditor, distribution"),
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


/* user add: NAME --role ROLES [--place PLACE]. */
static int
user_roles(cli_t *cli, int argc, char *argv[])
{
  const char	*name = NULL, *place = NULL;
  unsigned	roles;
  inv_status_t	status;
  int		result;

  if ((result = name_and_roles(cli, argc, argv, &name, &roles, &place)) != CLI_OK)
    return (result);
  if ((status = invUserAdd(cliGetDb(cli), name, roles)) != INV_OK ||
      (place && *place && (status = invUserSetPlace(cliGetDb(cli), name, place)) != INV_OK))
    return (cliFailDb(cli, status));
  print_user(cli, true, name, roles);
  return (CLI_OK);
}


/* Register a user with roles. */
int
cmdUserAdd(cli_t *cli,			/* I - Command context */
           int   argc,			/* I - Arguments */
           char  *argv[])
{
  return (user_roles(cli, argc, argv));
}


/* Give a user a new set of roles, or set their full name, NIP and post
   (options left out keep their value; "" clears one). */
int
cmdUserSet(cli_t *cli,			/* I - Command context */
           int   argc,			/* I - Arguments */
           char  *argv[])
{
  const char	*role_text = NULL, *full_name = NULL, *nip = NULL, *post = NULL, *place = NULL, *name;
  unsigned	roles = 0;
  inv_person_t	person;
  inv_status_t	status;
  int		c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    switch (c)
    {
      case 'r' : role_text = optarg; break;
      case 'f' : full_name = optarg; break;
      case 'n' : nip = optarg; break;
      case 'p' : post = optarg; break;
      case 'P' : place = optarg; break;
      default : return (CLI_USAGE);
    }
  if (optind != argc - 1)
    return (cliUsage(cli, _("give exactly one user NAME")));
  if (!role_text && !full_name && !nip && !post && !place)
    return (cliUsage(cli, _("give --role, --place, or --full-name, --nip or --post")));
  if (role_text && invRolesParse(role_text, &roles) != INV_OK)
    return (cliFail(cli, CLI_REFUSED, _("--role: \"%s\" is not a list of admin, warehouse, printroom, auditor, distribution"),
                    role_text));
  if (nip && *nip && !invNipIsValid(nip))
    return (cliFail(cli, CLI_REFUSED, "%s", _("--nip: a NIP is 18 digits, spaces allowed between them")));
  if ((full_name && strlen(full_name) >= sizeof(person.full_name)) || (post && strlen(post) >= sizeof(person.post)))
    return (cliFail(cli, CLI_REFUSED, _("--full-name and --post take at most %d bytes"), (int)sizeof(person.post) - 1));
  name = argv[optind];
  /* A place is taken away before other roles are given, and given after
     the roles are cut to distribution. */
  if (place && !*place && (status = invUserSetPlace(cliGetDb(cli), name, place)) != INV_OK)
    return (cliFailDb(cli, status));
  if (role_text && (status = invUserSetRoles(cliGetDb(cli), name, roles)) != INV_OK)
    return (cliFailDb(cli, status));
  if (place && *place && (status = invUserSetPlace(cliGetDb(cli), name, place)) != INV_OK)
    return (cliFailDb(cli, status));
  if (place && *place && !cliGetJson(cli))
    printf(_("%s now acts only for %s.\n"), name, place);
  else if (place && !cliGetJson(cli))
    printf(_("%s now acts for the whole office.\n"), name);
  if (!full_name && !nip && !post)
  {
    if (role_text || cliGetJson(cli))
      print_user(cli, false, name, roles);
    return (CLI_OK);
  }
  if ((status = invUserGetPerson(cliGetDb(cli), name, &person)) != INV_OK)
    return (cliFailDb(cli, status));
  if (full_name)
    snprintf(person.full_name, sizeof(person.full_name), "%s", full_name);
  if (nip)
    snprintf(person.nip, sizeof(person.nip), "%s", nip);
  if (post)
    snprintf(person.post, sizeof(person.post), "%s", post);
  if ((status = invUserSetPerson(cliGetDb(cli), name, &person)) != INV_OK)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
  {
    char	*text = NULL;
    unsigned	now_roles;

    if (invUserGetRoles(cliGetDb(cli), name, &now_roles) == INV_OK)
      text = invRolesFormatCopy(now_roles);
    cliJsonPrint(json_pack("{s:s,s:s,s:s,s:s,s:s}", "name", name, "roles", text ? text : "",
                           "full_name", person.full_name, "nip", person.nip, "post", person.post));
    free(text);
  }
  else
  {
    if (role_text)
      print_user(cli, false, name, roles);
    printf(_("%s is now %s, NIP %s, %s.\n"), name, person.full_name[0] ? person.full_name : "-",
           person.nip[0] ? person.nip : "-", person.post[0] ? person.post : "-");
  }
  return (CLI_OK);
}


/* What user list prints into. */
typedef struct user_list_s
{
  cli_t		*cli;			/* Command context */
  json_t	*array;			/* --json: the rows; NULL to print */
} user_list_t;


/* Print or collect one user. */
static void
user_row(void       *ctx,		/* I - user_list_t */
         const char *name,		/* I - User */
         unsigned   roles,		/* I - Role bits */
         const char *since,		/* I - When registered */
         const char *disabled)		/* I - When disabled, or "" */
{
  user_list_t	*ul = ctx;
  char		*text = invRolesFormatCopy(roles), when[48];
  inv_person_t	person;

  if (invUserGetPerson(cliGetDb(ul->cli), name, &person) != INV_OK)
    memset(&person, 0, sizeof(person));
  if (ul->array)
    json_array_append_new(ul->array, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "name", name,
                                               "roles", text ? text : "", "since", since,
                                               "state", *disabled ? "disabled" : "enabled", "disabled", disabled,
                                               "full_name", person.full_name, "nip", person.nip,
                                               "post", person.post));
  else
  {
    printf("%-20s %-36s %-25s %s\n", name, text ? text : "", invDateFormatLocal(since, false, when, sizeof(when)),
           *disabled ? _("disabled") : _("enabled"));
    if (person.full_name[0] || person.nip[0] || person.post[0])
      printf("%-20s %s%s%s%s%s\n", "", person.full_name[0] ? person.full_name : "-",
             person.nip[0] ? ", NIP " : "", person.nip, person.post[0] ? ", " : "", person.post);
  }
  free(text);
}


/* List users. */
int
cmdUserList(cli_t *cli,			/* I - Command context */
            int   argc,			/* I - Arguments */
            char  *argv[])
{
  user_list_t	ul = { cli, NULL };
  int		result;

  if ((result = cliListStart(cli, argc, argv, &ul.array, "%-20s %-36s %-25s %s\n",
                             _("USER"), _("ROLES"), _("SINCE"), _("STATE"))) != CLI_OK)
    return (result);
  return (cliListDone(cli, invUserList(cliGetDb(cli), user_row, &ul), ul.array));
}


/* user disable (disable) and user enable: NAME. */
static int
user_state(cli_t *cli, int argc, char *argv[], bool disable)
{
  inv_status_t	status;
  int		result;

  if ((result = cliOneArgument(cli, argc, argv, _("give exactly one user NAME"))) != CLI_OK)
    return (result);
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


/* Set a staff member's web password (read from the terminal or standard
   input, never from the command line). */
int
cmdUserPasswd(cli_t *cli,		/* I - Command context */
              int   argc,		/* I - Arguments */
              char  *argv[])
{
  char		password[INV_PASSWORD_MAX + 2], again[INV_PASSWORD_MAX + 2];
  inv_status_t	status;
  int		result;

  if ((result = cliOneArgument(cli, argc, argv, _("give exactly one user NAME"))) != CLI_OK)
    return (result);
  if (!cliReadSecret(_("Web password: "), password, sizeof(password)))
    return (cliFail(cli, CLI_REFUSED, "%s", _("no password given")));
  if (isatty(STDIN_FILENO) &&
      (!cliReadSecret(_("Again: "), again, sizeof(again)) || strcmp(password, again)))
  {
    explicit_bzero(password, sizeof(password));
    return (cliFail(cli, CLI_REFUSED, "%s", _("the two passwords differ")));
  }
  status = invUserSetPassword(cliGetDb(cli), argv[optind], password);
  explicit_bzero(password, sizeof(password));
  explicit_bzero(again, sizeof(again));
  if (status != INV_OK)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:s,s:b}", "name", argv[optind], "web_password", 1));
  else
    printf(_("Set the web password of %s.\n"), argv[optind]);
  return (CLI_OK);
}
