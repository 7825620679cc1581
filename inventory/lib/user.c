/*
 * Users and roles, and the first event of a ledger.
 */

#include "chain-private.h"
#include "events-private.h"
#include "blanko/i18n.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char * const role_names[] =	/* By bit, lowest first */
{
  "admin", "warehouse", "printroom", "auditor", "distribution"
};

#define ROLE_COUNT (sizeof(role_names) / sizeof(role_names[0]))


/* Parse a comma-separated list of role names into role bits. */
inv_status_t
invRolesParse(const char *text,		/* I - "warehouse,auditor" */
              unsigned   *roles)	/* O - Role bits */
{
  const char *p = text;

  *roles = 0;
  if (!text || !*text)
    return (INV_REFUSED);
  while (*p)
  {
    size_t len = strcspn(p, ","), i;

    for (i = 0; i < ROLE_COUNT; i ++)
      if (strlen(role_names[i]) == len && !strncmp(p, role_names[i], len))
        break;
    if (i == ROLE_COUNT)
      return (INV_REFUSED);
    *roles |= 1u << i;
    p += len;
    if (*p == ',' && *++p == '\0')
      return (INV_REFUSED);
  }
  return (INV_OK);
}


/* Format role bits as a comma-separated list; the caller frees it. */
char *
invRolesFormatCopy(unsigned roles)	/* I - Role bits */
{
  char buf[64] = "";

  for (size_t i = 0; i < ROLE_COUNT; i ++)
    if (roles & (1u << i))
    {
      if (buf[0])
        strcat(buf, ",");
      strcat(buf, role_names[i]);
    }
  return (strdup(buf));
}


/* Register a user with roles, recording the act as an event. */
inv_status_t
invUserAdd(inv_db_t   *db,		/* I - Ledger */
           const char *name,		/* I - OS account name */
           unsigned   roles)		/* I - Role bits */
{
  bool		found;
  unsigned	old;
  inv_status_t	status;
  char		now[32], *text, *detail;

  if (!_invNameIsValid(name))
    return (_invDbSetError(db, INV_REFUSED, _("bad user name \"%s\": use 1-64 letters, digits, '.', '_' or '-'"),
                          name));
  if (!roles || (roles & ~(unsigned)INV_ROLE_ALL))
    return (_invDbSetError(db, INV_REFUSED, _("a user needs at least one role")));
  if ((status = storeUserGet(db, name, &old, NULL, &found)) != INV_OK)
    return (status);
  if (found)
    return (_invDbSetError(db, INV_REFUSED, _("user %s exists already"), name));

  chainTimeNow(now, sizeof(now));
  if ((status = storeUserInsert(db, name, roles, now)) != INV_OK)
    return (status);
  if (!(text = invRolesFormatCopy(roles)))
    return (_invDbNoMemory(db));
  detail = chainDetailCopy(json_pack("{s:s,s:s}", "name", name, "roles", text));
  status = detail ? _invEventAppend(db, eventName(EV_USER_ADD), name, detail, NULL)
                  : _invDbNoMemory(db);
  free(detail);
  free(text);
  return (status);
}


/* Give a registered user a new set of roles, recording the act.  An admin
 * may not take the admin role from themselves, so a ledger keeps one. */
inv_status_t
invUserSetRoles(inv_db_t   *db,		/* I - Ledger */
                const char *name,	/* I - User */
                unsigned   roles)	/* I - New role bits */
{
  unsigned	old;
  inv_status_t	status;
  char		*text, *detail;

  if (!roles || (roles & ~(unsigned)INV_ROLE_ALL))
    return (_invDbSetError(db, INV_REFUSED, _("a user needs at least one role")));
  if ((status = invUserGetRoles(db, name, &old)) != INV_OK)
    return (status);
  if (!strcmp(name, db->actor) && (old & INV_ROLE_ADMIN) && !(roles & INV_ROLE_ADMIN))
    return (_invDbSetError(db, INV_REFUSED, _("%s may not take the admin role from themselves"), name));
  if (roles != INV_ROLE_DISTRIBUTION)
  {
    char place[INV_NAME_MAX + 1];

    if ((status = storeUserGetPlace(db, name, place, sizeof(place))) != INV_OK)
      return (status);
    if (place[0])
      return (_invDbSetError(db, INV_REFUSED, _("%s is limited to the place %s and may have only the distribution role"),
                            name, place));
  }
  if ((status = storeUserSetRoles(db, name, roles)) != INV_OK)
    return (status);
  if (!(text = invRolesFormatCopy(roles)))
    return (_invDbNoMemory(db));
  detail = chainDetailCopy(json_pack("{s:s,s:s}", "name", name, "roles", text));
  status = detail ? _invEventAppend(db, eventName(EV_USER_SET), name, detail, NULL)
                  : _invDbNoMemory(db);
  free(detail);
  free(text);
  return (status);
}


/* Look up a registered user's roles; INV_REFUSED when not registered. */
inv_status_t
invUserGetRoles(inv_db_t   *db,		/* I - Ledger */
                const char *name,	/* I - User */
                unsigned   *roles)	/* O - Role bits */
{
  bool		found;
  inv_status_t	status = storeUserGet(db, name, roles, NULL, &found);

  if (status == INV_OK && !found)
    status = _invDbSetError(db, INV_REFUSED, _("%s is not a registered user of %s"), name, db->path);
  return (status);
}


/* Look up the roles of a user who may act: registered and not disabled;
 * INV_REFUSED otherwise. */
inv_status_t
invUserGetActive(inv_db_t   *db,	/* I - Ledger */
                 const char *name,	/* I - User */
                 unsigned   *roles)	/* O - Role bits */
{
  bool		found, disabled;
  inv_status_t	status = storeUserGet(db, name, roles, &disabled, &found);

  if (status == INV_OK && !found)
    status = _invDbSetError(db, INV_REFUSED, _("%s is not a registered user of %s"), name, db->path);
  else if (status == INV_OK && disabled)
    status = _invDbSetError(db, INV_REFUSED, _("user %s is disabled in %s and may do nothing; an admin can enable "
                                              "them again ('inventory user enable %s')"), name, db->path, name);
  return (status);
}


/* Disable a user (who then can run no command) or enable them again,
 * recording the act.  The last enabled admin cannot be disabled. */
inv_status_t
invUserSetDisabled(inv_db_t   *db,	/* I - Ledger */
                   const char *name,	/* I - User */
                   bool       disabled)	/* I - Disable (true) or enable (false) */
{
  unsigned	roles;
  bool		found, was;
  int64_t	admins;
  inv_status_t	status;
  char		now[32], *detail;

  if ((status = storeUserGet(db, name, &roles, &was, &found)) != INV_OK)
    return (status);
  if (!found)
    return (_invDbSetError(db, INV_REFUSED, _("%s is not a registered user of %s"), name, db->path));
  if (was == disabled)
    return (_invDbSetError(db, INV_REFUSED, disabled ? _("user %s is disabled already") : _("user %s is not disabled"),
                          name));
  if (disabled && (roles & INV_ROLE_ADMIN))
  {
    if ((status = storeUserOtherAdmins(db, name, &admins)) != INV_OK)
      return (status);
    if (admins == 0)
      return (_invDbSetError(db, INV_REFUSED, _("%s is the last enabled admin and cannot be disabled; give another "
                                              "user the admin role first"), name));
  }
  chainTimeNow(now, sizeof(now));
  if ((status = storeUserSetDisabled(db, name, disabled ? now : "")) != INV_OK)
    return (status);
  detail = chainDetailCopy(json_pack("{s:s}", "name", name));
  status = detail ? _invEventAppend(db, eventName(disabled ? EV_USER_DISABLE : EV_USER_ENABLE), name, detail, NULL)
                  : _invDbNoMemory(db);
  free(detail);
  return (status);
}


/* Is text a NIP (Nomor Induk Pegawai): 18 digits, spaces allowed between
   them ("19700412 199503 2 004")? */
bool
invNipIsValid(const char *text)		/* I - Text */
{
  int digits = 0;

  if (!text || *text == ' ')
    return (false);
  for (const char *p = text; *p; p ++)
    if (*p >= '0' && *p <= '9')
      digits ++;
    else if (*p != ' ')
      return (false);
  return (digits == 18 && strlen(text) < sizeof(((inv_person_t *)0)->nip) && text[strlen(text) - 1] != ' ');
}


/* The person behind a user: full name, NIP and post, "" where not set;
   INV_REFUSED when the user is not registered. */
inv_status_t
invUserGetPerson(inv_db_t     *db,	/* I - Ledger */
                 const char   *name,	/* I - User */
                 inv_person_t *person)	/* O - Their details */
{
  bool		found;
  inv_status_t	status = storeUserGetPerson(db, name, person, &found);

  if (status == INV_OK && !found)
    status = _invDbSetError(db, INV_REFUSED, _("%s is not a registered user of %s"), name, db->path);
  return (status);
}


/* Set the person behind a user, recording the act as a user.person event
   with the three values (officials' names are records of office). */
inv_status_t
invUserSetPerson(inv_db_t           *db,	/* I - Ledger */
                 const char         *name,	/* I - User */
                 const inv_person_t *person)	/* I - Full name, NIP ("" or 18 digits), post */
{
  inv_person_t	old;
  inv_status_t	status;
  inv_text_t	problem;
  char		*detail;

  if ((status = invUserGetPerson(db, name, &old)) != INV_OK)
    return (status);
  if ((problem = invTextCheck(person->full_name)) != INV_TEXT_OK)
    return (_invDbSetError(db, INV_REFUSED, _("the full name %s"), invTextProblem(problem)));
  if ((problem = invTextCheck(person->post)) != INV_TEXT_OK)
    return (_invDbSetError(db, INV_REFUSED, _("the post %s"), invTextProblem(problem)));
  if (person->nip[0] && !invNipIsValid(person->nip))
    return (_invDbSetError(db, INV_REFUSED, "%s", _("a NIP is 18 digits, spaces allowed between them")));
  if (!strcmp(old.full_name, person->full_name) && !strcmp(old.nip, person->nip) && !strcmp(old.post, person->post))
    return (_invDbSetError(db, INV_REFUSED, _("%s has these details already"), name));
  if ((status = storeUserSetPerson(db, name, person)) != INV_OK)
    return (status);
  detail = chainDetailCopy(json_pack("{s:s,s:s,s:s,s:s}", "name", name, "full_name", person->full_name,
                                     "nip", person->nip, "post", person->post));
  status = detail ? _invEventAppend(db, eventName(EV_USER_PERSON), name, detail, NULL) : _invDbNoMemory(db);
  free(detail);
  return (status);
}


/* Call cb for every registered user. */
inv_status_t
invUserList(inv_db_t      *db,		/* I - Ledger */
            inv_user_cb_t cb,		/* I - Callback */
            void          *ctx)		/* I - Its context */
{
  return (storeUserList(db, cb, ctx));
}


/*
 * Fill a new ledger: the supplier and the card states, the first admin,
 * and the first event.  Called inside the transaction invDbOpen began
 * with INV_OPEN_CREATE.
 */

inv_status_t
invInit(inv_db_t   *db,			/* I - New ledger */
        const char *admin)		/* I - First admin's name */
{
  static const char * const states[] = { "issued", "spoiled", "invalid", "destroyed" };
  inv_status_t	status;
  char		now[32], *detail;
  json_t	*accounts;

  if (!_invNameIsValid(admin))
    return (_invDbSetError(db, INV_REFUSED, _("bad user name \"%s\""), admin));
  if ((status = storeAccountInsert(db, "supplier", INV_KIND_SUPPLIER, "Suppliers (outside)", NULL)) != INV_OK)	/* stored: not translated */
    return (status);
  accounts = json_pack("[[s,s]]", "supplier", "supplier");
  for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i ++)
  {
    if ((status = storeAccountInsert(db, states[i], INV_KIND_STATE, "", NULL)) != INV_OK)
    {
      json_decref(accounts);
      return (status);
    }
    json_array_append_new(accounts, json_pack("[s,s]", states[i], "state"));
  }
  chainTimeNow(now, sizeof(now));
  if ((status = storeUserInsert(db, admin, INV_ROLE_ADMIN, now)) != INV_OK)
  {
    json_decref(accounts);
    return (status);
  }
  detail = chainDetailCopy(json_pack("{s:o,s:s,s:i}", "accounts", accounts, "admin", admin, "schema",
                                invDbGetSchemaVersion()));
  status = detail ? _invEventAppend(db, eventName(EV_INIT), NULL, detail, NULL) : _invDbNoMemory(db);
  free(detail);
  return (status);
}
