/*
 * The storage layer for the office's web pages (issue 16): staff members'
 * web password hashes (user.web_password: set here, read with the user's
 * row in store-user.c), card requests' codes for the resident's page
 * (request_code) and API tokens.  See store.h.
 */

#include "store-private.h"
#include "blanko/i18n.h"

#include <stdio.h>
#include <string.h>


typedef enum web_stmt_e			/* This file's statements */
{
  STMT_WEB_PASSWORD_SET,
  STMT_WEB_CODE_GET,
  STMT_WEB_CODE_PUT,
  STMT_WEB_CODE_BY_NIK,
  STMT_TOKEN_GET,
  STMT_TOKEN_ADD,
  STMT_TOKEN_REVOKE,
  STMT_TOKEN_LIST,
  STMT_TOKEN_FIND,
  WEB_STMT_COUNT
} web_stmt_t;

static const char * const web_sql[WEB_STMT_COUNT] =
{
  /* STMT_WEB_PASSWORD_SET */
  [STMT_WEB_PASSWORD_SET] = "UPDATE user SET web_password = ?2 WHERE name = ?1",
  /* STMT_WEB_CODE_GET */
  [STMT_WEB_CODE_GET] = "SELECT code FROM request_code WHERE request = ?1",
  /* STMT_WEB_CODE_PUT: a request keeps the code it was given */
  [STMT_WEB_CODE_PUT] = "INSERT OR IGNORE INTO request_code(request, code) SELECT id, ?2 FROM request WHERE id = ?1",
  /* STMT_WEB_CODE_BY_NIK: the live request of a NIK and its code ('' if none) */
  [STMT_WEB_CODE_BY_NIK] = "SELECT r.id, coalesce(c.code, '') FROM request r LEFT JOIN request_code c ON c.request = r.id"
                           " WHERE r.nik = ?1 AND r.state NOT IN ('cancelled','superseded')",
  /* STMT_TOKEN_GET: an API token's revocation time ('' while it works) */
  [STMT_TOKEN_GET] = "SELECT revoked FROM api_token WHERE name = ?1",
  /* STMT_TOKEN_ADD */
  [STMT_TOKEN_ADD] = "INSERT INTO api_token(name, sha256, created, created_by) VALUES (?1, ?2, ?3, ?4)",
  /* STMT_TOKEN_REVOKE */
  [STMT_TOKEN_REVOKE] = "UPDATE api_token SET revoked = ?2 WHERE name = ?1 AND revoked = ''",
  /* STMT_TOKEN_LIST: never the hashes */
  [STMT_TOKEN_LIST] = "SELECT name, created, created_by, revoked FROM api_token ORDER BY name",
  /* STMT_TOKEN_FIND: the working token with this hash */
  [STMT_TOKEN_FIND] = "SELECT name FROM api_token WHERE sha256 = ?1 AND revoked = ''"
};

static const store_sqlset_t web_set =	/* Registered in the cache */
{
  STORE_SLOT_WEB, WEB_STMT_COUNT, web_sql
};


/* Set a user's web password hash. */
inv_status_t
storeWebPasswordSet(inv_db_t   *db,	/* I - Ledger */
                    const char *name,	/* I - User */
                    const char *hash)	/* I - Argon2id hash string */
{
  return (storeStmtExecText(db, storeStmtGet(db, &web_set, STMT_WEB_PASSWORD_SET), _("setting a web password"), 2,
                            name, hash));
}


/* A request's code, "" when it has none. */
inv_status_t
storeWebCodeGet(inv_db_t *db,		/* I - Ledger */
                int64_t  request,	/* I - Request id */
                char     *code,		/* O - Code */
                size_t   codesize)	/* I - Its size */
{
  sqlite3_stmt *st = storeStmtGet(db, &web_set, STMT_WEB_CODE_GET);

  if (st)
    sqlite3_bind_int64(st, 1, request);
  return (storeStmtText(db, st, code, codesize, NULL, _("reading request codes")));
}


/* Give a request a code, unless it has one (or does not exist). */
inv_status_t
storeWebCodePut(inv_db_t   *db,		/* I - Ledger */
                int64_t    request,	/* I - Request id */
                const char *code)	/* I - Code */
{
  sqlite3_stmt *st = storeStmtGet(db, &web_set, STMT_WEB_CODE_PUT);

  if (!st)
    return (INV_ERROR);
  sqlite3_bind_int64(st, 1, request);
  storeBindText(st, 2, code);
  return (storeStmtExec(db, st, _("storing request codes")));
}


/* The live request of a NIK and its code ("" when none). */
inv_status_t
storeWebCodeByNik(inv_db_t   *db,	/* I - Ledger */
                  const char *nik,	/* I - NIK */
                  int64_t    *request,	/* O - Request id, 0 when none */
                  char       *code,	/* O - Its code */
                  size_t     codesize)	/* I - Its size */
{
  sqlite3_stmt	*st = storeStmtGet(db, &web_set, STMT_WEB_CODE_BY_NIK);
  inv_status_t	status;
  bool		found;

  *request = 0;
  *code = '\0';
  if (!st)
    return (INV_ERROR);
  storeBindText(st, 1, nik);
  if ((status = storeStmtRow(db, st, &found, _("reading request codes"))) != INV_OK)
    return (status);
  if (found)
  {
    *request = sqlite3_column_int64(st, 0);
    snprintf(code, codesize, "%s", storeColText(st, 1));
  }
  storeStmtDone(st);
  return (INV_OK);
}


/* An API token's state: found, and when revoked ("" while it works). */
inv_status_t
storeTokenGet(inv_db_t   *db,		/* I - Ledger */
              const char *name,		/* I - Token's name */
              char       *revoked,	/* O - Revocation time, "" */
              size_t     revsize,	/* I - Its size */
              bool       *found)	/* O - Is there one? */
{
  sqlite3_stmt *st = storeStmtGet(db, &web_set, STMT_TOKEN_GET);

  if (st)
    storeBindText(st, 1, name);
  return (storeStmtText(db, st, revoked, revsize, found, _("reading API tokens")));
}


/* Add an API token (its hash only). */
inv_status_t
storeTokenAdd(inv_db_t   *db,		/* I - Ledger */
              const char *name,		/* I - Token's name */
              const char *sha256,	/* I - SHA-256 of the token, hex */
              const char *created,	/* I - Now, UTC */
              const char *by)		/* I - Who made it */
{
  return (storeStmtExecText(db, storeStmtGet(db, &web_set, STMT_TOKEN_ADD), _("storing an API token"), 4,
                            name, sha256, created, by));
}


/* Revoke an API token. */
inv_status_t
storeTokenRevoke(inv_db_t   *db,	/* I - Ledger */
                 const char *name,	/* I - Token's name */
                 const char *when)	/* I - Now, UTC */
{
  return (storeStmtExecText(db, storeStmtGet(db, &web_set, STMT_TOKEN_REVOKE), _("revoking an API token"), 2,
                            name, when));
}


/* Call cb with each API token (never its hash), by name. */
inv_status_t
storeTokenList(inv_db_t       *db,	/* I - Ledger */
               inv_token_cb_t cb,	/* I - Callback */
               void           *ctx)	/* I - Its context */
{
  sqlite3_stmt	*st = storeStmtGet(db, &web_set, STMT_TOKEN_LIST);
  int		rc;

  if (!st)
    return (INV_ERROR);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
  {
    inv_token_t t;

    t.name = storeColText(st, 0);
    t.created = storeColText(st, 1);
    t.created_by = storeColText(st, 2);
    t.revoked = storeColText(st, 3);
    cb(ctx, &t);
  }
  storeStmtDone(st);
  return (rc == SQLITE_DONE ? INV_OK : _invDbSqlError(db, _("reading API tokens")));
}


/* The name of the working token with this hash, "" when none. */
inv_status_t
storeTokenFind(inv_db_t   *db,		/* I - Ledger */
               const char *sha256,	/* I - SHA-256 of the token given, hex */
               char       *name,	/* O - Its name, or "" */
               size_t     namesize)	/* I - Its size */
{
  sqlite3_stmt *st = storeStmtGet(db, &web_set, STMT_TOKEN_FIND);

  if (st)
    storeBindText(st, 1, sha256);
  return (storeStmtText(db, st, name, namesize, NULL, _("reading API tokens")));
}
