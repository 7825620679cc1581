/*
 * The storage layer for registered users: the table user, its SQL and
 * its own statements, prepared once per connection and cached on the
 * handle (store.c).  See store.h.
 */

#include "store-private.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


typedef enum user_stmt_e		/* This file's statements */
{
  STMT_USER_GET,
  STMT_USER_INSERT,
  STMT_USER_LIST,
  STMT_USER_SET,
  STMT_USER_DISABLE,
  STMT_USER_ADMINS,
  STMT_USER_PERSON_GET,
  STMT_USER_PERSON_SET,
  STMT_USER_PLACE_GET,
  STMT_USER_PLACE_SET,
  USER_STMT_COUNT
} user_stmt_t;

static const char * const user_sql[USER_STMT_COUNT] =
{
  /* STMT_USER_GET: roles, whether disabled, and the web password's hash (store-web.c sets it) */
  [STMT_USER_GET] = "SELECT roles, disabled, web_password FROM user WHERE name = ?1",
  /* STMT_USER_INSERT */
  [STMT_USER_INSERT] = "INSERT INTO user(name, roles, since) VALUES(?1, ?2, ?3)",
  /* STMT_USER_LIST */
  [STMT_USER_LIST] = "SELECT name, roles, since, disabled FROM user ORDER BY name",
  /* STMT_USER_SET */
  [STMT_USER_SET] = "UPDATE user SET roles = ?2 WHERE name = ?1",
  /* STMT_USER_DISABLE: ?2 the time disabled, '' to enable */
  [STMT_USER_DISABLE] = "UPDATE user SET disabled = ?2 WHERE name = ?1",
  /* STMT_USER_ADMINS: enabled admins other than ?1 (role bit 1: INV_ROLE_ADMIN) */
  [STMT_USER_ADMINS] = "SELECT count(*) FROM user WHERE roles & 1 AND disabled = '' AND name != ?1",
  /* STMT_USER_PERSON_GET */
  [STMT_USER_PERSON_GET] = "SELECT full_name, nip, post FROM user WHERE name = ?1",
  /* STMT_USER_PERSON_SET */
  [STMT_USER_PERSON_SET] = "UPDATE user SET full_name = ?2, nip = ?3, post = ?4 WHERE name = ?1",
  /* STMT_USER_PLACE_GET */
  [STMT_USER_PLACE_GET] = "SELECT place FROM user WHERE name = ?1",
  /* STMT_USER_PLACE_SET */
  [STMT_USER_PLACE_SET] = "UPDATE user SET place = ?2 WHERE name = ?1"
};

static const store_sqlset_t user_set =	/* Registered in the cache */
{
  STORE_SLOT_USER, USER_STMT_COUNT, user_sql
};


/* Look up a user's roles, whether they are disabled and their web password's hash. */
static inv_status_t
user_get(inv_db_t   *db,		/* I - Ledger */
         const char *name,		/* I - User */
         unsigned   *roles,		/* O - Role bits */
         bool       *disabled,		/* O - Disabled? (NULL: not asked) */
         char       *hash,		/* O - Web password hash, "" when none (NULL: not asked) */
         size_t     hashsize,		/* I - Its size */
         bool       *found)		/* O - Registered? */
{
  sqlite3_stmt	*st = storeStmtGet(db, &user_set, STMT_USER_GET);
  inv_status_t	status;

  *roles = 0;
  if (disabled)
    *disabled = false;
  if (hash)
    *hash = '\0';
  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, name);
  if ((status = storeStmtRow(db, st, found, _("reading users"))) != INV_OK)
    return (status);
  if (*found)
  {
    *roles = (unsigned)sqlite3_column_int(st, 0);
    if (disabled)
      *disabled = *storeColText(st, 1) != '\0';
    if (hash)
      snprintf(hash, hashsize, "%s", storeColText(st, 2));
  }
  storeStmtDone(st);
  return (INV_OK);
}


/* Look up a user's roles and whether they are disabled. */
inv_status_t
storeUserGet(inv_db_t   *db,		/* I - Ledger */
             const char *name,		/* I - User */
             unsigned   *roles,		/* O - Role bits */
             bool       *disabled,	/* O - Disabled? (NULL: not asked) */
             bool       *found)		/* O - Registered? */
{
  return (user_get(db, name, roles, disabled, NULL, 0, found));
}


/* A user's web password hash ("" when none), roles and state. */
inv_status_t
storeWebPasswordGet(inv_db_t   *db,	/* I - Ledger */
                    const char *name,	/* I - User */
                    char       *hash,	/* O - Hash, "" when none */
                    size_t     hashsize,/* I - Its size */
                    unsigned   *roles,	/* O - Role bits */
                    bool       *disabled,/* O - Disabled? */
                    bool       *found)	/* O - Registered? */
{
  return (user_get(db, name, roles, disabled, hash, hashsize, found));
}


/* Add a user row. */
inv_status_t
storeUserInsert(inv_db_t   *db,		/* I - Ledger */
                const char *name,	/* I - User */
                unsigned   roles,	/* I - Role bits */
                const char *since)	/* I - Time added */
{
  sqlite3_stmt *st = storeStmtGet(db, &user_set, STMT_USER_INSERT);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, name);
  sqlite3_bind_int(st, 2, (int)roles);
  storeBindText(st, 3, since);
  return (storeStmtExec(db, st, _("adding a user")));
}


/* Call cb for every user, by name. */
inv_status_t
storeUserList(inv_db_t      *db,	/* I - Ledger */
              inv_user_cb_t cb,		/* I - Callback */
              void          *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &user_set, STMT_USER_LIST);
  int		rc;

  if (!st)
    return (INV_ERROR);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    cb(ctx, storeColText(st, 0), (unsigned)sqlite3_column_int(st, 1), storeColText(st, 2), storeColText(st, 3));
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("listing users")));
}


/* Change a user's roles. */
inv_status_t
storeUserSetRoles(inv_db_t   *db,	/* I - Ledger */
                  const char *name,	/* I - User */
                  unsigned   roles)	/* I - New role bits */
{
  sqlite3_stmt *st = storeStmtGet(db, &user_set, STMT_USER_SET);

  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, name);
  sqlite3_bind_int(st, 2, (int)roles);
  return (storeStmtExec(db, st, _("changing a user's roles")));
}


/* Disable a user (since: when) or enable one (since ""). */
inv_status_t
storeUserSetDisabled(inv_db_t   *db,	/* I - Ledger */
                     const char *name,	/* I - User */
                     const char *since)	/* I - When disabled, or "" to enable */
{
  return (storeStmtExecText(db, storeStmtGet(db, &user_set, STMT_USER_DISABLE), _("changing a user's state"), 2,
                            name, since));
}


/* Count the enabled admins other than one user. */
inv_status_t
storeUserOtherAdmins(inv_db_t   *db,	/* I - Ledger */
                     const char *name,	/* I - The user left out */
                     int64_t    *count)	/* O - Enabled admins but them */
{
  sqlite3_stmt *st = storeStmtGet(db, &user_set, STMT_USER_ADMINS);

  if (st)
    storeBindText(st, 1, name);
  return (storeStmtInt64(db, st, count, _("reading users")));
}


/* Read the person behind a user (full name, NIP, post; '' when not set). */
inv_status_t
storeUserGetPerson(inv_db_t      *db,	/* I - Ledger */
                   const char    *name,	/* I - User */
                   inv_person_t  *person,/* O - Their details */
                   bool          *found)/* O - Registered? */
{
  sqlite3_stmt	*st = storeStmtGet(db, &user_set, STMT_USER_PERSON_GET);
  inv_status_t	status;

  memset(person, 0, sizeof(*person));
  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, name);
  if ((status = storeStmtRow(db, st, found, _("reading users"))) != INV_OK)
    return (status);
  if (*found)
  {
    snprintf(person->full_name, sizeof(person->full_name), "%s", storeColText(st, 0));
    snprintf(person->nip, sizeof(person->nip), "%s", storeColText(st, 1));
    snprintf(person->post, sizeof(person->post), "%s", storeColText(st, 2));
  }
  storeStmtDone(st);
  return (INV_OK);
}


/* Set the person behind a user. */
inv_status_t
storeUserSetPerson(inv_db_t           *db,	/* I - Ledger */
                   const char         *name,	/* I - User */
                   const inv_person_t *person)	/* I - Their details */
{
  return (storeStmtExecText(db, storeStmtGet(db, &user_set, STMT_USER_PERSON_SET), _("changing a user's details"), 4,
                            name, person->full_name, person->nip, person->post));
}


/* Read the place a user is limited to ("" for the office, or when the
 * user is not registered). */
inv_status_t
storeUserGetPlace(inv_db_t   *db,	/* I - Ledger */
                  const char *name,	/* I - User */
                  char       *place,	/* O - Place code or "" */
                  size_t     placesize)	/* I - Its size */
{
  sqlite3_stmt *st = storeStmtGet(db, &user_set, STMT_USER_PLACE_GET);

  if (st)
    storeBindText(st, 1, name);
  return (storeStmtText(db, st, place, placesize, NULL, _("reading users")));
}


/* Limit a user to a place ("" for none). */
inv_status_t
storeUserSetPlace(inv_db_t   *db,	/* I - Ledger */
                  const char *name,	/* I - User */
                  const char *place)	/* I - Place code or "" */
{
  return (storeStmtExecText(db, storeStmtGet(db, &user_set, STMT_USER_PLACE_SET), _("changing a user's place"), 2,
                            name, place));
}
