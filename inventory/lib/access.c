/*
 * Access to the office's web pages (issue 16): web passwords and request
 * codes.  See blanko/access.h and doc/security.md ("The web pages").
 */

#include "chain-private.h"
#include "store.h"
#include "events-private.h"
#include "blanko/access.h"
#include "blanko/request.h"
#include "blanko/i18n.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>


/* Start libsodium once (it is safe to call again). */
static bool
sodium_ready(void)
{
  return (sodium_init() >= 0);
}


/* Set a staff member's web password: stored only as an Argon2id hash,
   recorded as a user.passwd event that names the user and nothing else. */
inv_status_t
invUserSetPassword(inv_db_t   *db,	/* I - Ledger */
                   const char *name,	/* I - User */
                   const char *password)/* I - New password */
{
  char		hash[crypto_pwhash_STRBYTES], old[crypto_pwhash_STRBYTES], *detail;
  unsigned	roles;
  bool		disabled, found;
  size_t	len = strlen(password);
  inv_status_t	status;

  if ((status = storeWebPasswordGet(db, name, old, sizeof(old), &roles, &disabled, &found)) != INV_OK)
    return (status);
  if (!found)
    return (_invDbSetError(db, INV_REFUSED, _("%s is not a registered user of %s"), name, db->path));
  if (len < INV_PASSWORD_MIN || len > INV_PASSWORD_MAX)
    return (_invDbSetError(db, INV_REFUSED, _("a web password is %d to %d characters"), INV_PASSWORD_MIN,
                           INV_PASSWORD_MAX));
  if (!sodium_ready() ||
      crypto_pwhash_str(hash, password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return (_invDbSetError(db, INV_ERROR, "%s", _("cannot hash the password (out of memory)")));
  status = storeWebPasswordSet(db, name, hash);
  sodium_memzero(hash, sizeof(hash));
  if (status != INV_OK)
    return (status);
  detail = chainDetailCopy(json_pack("{s:s}", "name", name));
  status = detail ? _invEventAppend(db, eventName(EV_USER_PASSWD), name, detail, NULL) : _invDbNoMemory(db);
  free(detail);
  return (status);
}


/* Check a staff member's web password.  An unknown or disabled user, or
   one without a password, is refused after the same work as a wrong
   password (a hash of the same cost is checked). */
inv_status_t
invUserCheckPassword(inv_db_t   *db,	/* I - Ledger */
                     const char *name,	/* I - User */
                     const char *password,/* I - Password given */
                     bool       *ok,	/* O - Right password of an enabled user? */
                     unsigned   *roles)	/* O - Their roles (0 unless ok) */
{
  static char	dummy[crypto_pwhash_STRBYTES];	/* A hash nobody's password matches */
  char		hash[crypto_pwhash_STRBYTES];
  bool		disabled = false, found = false, usable;
  inv_status_t	status;

  *ok = false;
  *roles = 0;
  if (!sodium_ready())
    return (_invDbSetError(db, INV_ERROR, "%s", _("cannot start libsodium")));
  if (!dummy[0])
  {
    unsigned char random[32];

    randombytes_buf(random, sizeof(random));
    if (crypto_pwhash_str(dummy, (char *)random, sizeof(random), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
      return (_invDbSetError(db, INV_ERROR, "%s", _("cannot hash the password (out of memory)")));
  }
  if ((status = storeWebPasswordGet(db, name, hash, sizeof(hash), roles, &disabled, &found)) != INV_OK)
    return (status);
  usable = found && !disabled && hash[0];
  *ok = crypto_pwhash_str_verify(usable ? hash : dummy, password, strlen(password)) == 0 && usable;
  if (!*ok)
    *roles = 0;
  return (INV_OK);
}


/* Make a request code: INV_CODE_LEN characters of INV_CODE_ALPHABET from
   the system's CSPRNG (uniform: randombytes_uniform). */
bool
invCodeMake(char code[INV_CODE_LEN + 1])/* O - Code */
{
  static const char alphabet[] = INV_CODE_ALPHABET;

  if (!sodium_ready())
    return (false);
  for (int i = 0; i < INV_CODE_LEN; i ++)
    code[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
  code[INV_CODE_LEN] = '\0';
  return (true);
}


/* Is text a request code (the right length and alphabet)? */
bool
invCodeIsValid(const char *code)	/* I - Text */
{
  return (code && strlen(code) == INV_CODE_LEN && strspn(code, INV_CODE_ALPHABET) == INV_CODE_LEN);
}


/* Give every request from first to last that has none a code (import). */
inv_status_t
invRequestCodeGive(inv_db_t *db,	/* I - Ledger */
                   int64_t  first,	/* I - First request */
                   int64_t  last)	/* I - Last request */
{
  char		code[INV_CODE_LEN + 1];
  inv_status_t	status;

  for (int64_t id = first; id && id <= last; id ++)
  {
    if (!invCodeMake(code))
      return (_invDbSetError(db, INV_ERROR, "%s", _("cannot start libsodium")));
    if ((status = storeWebCodePut(db, id, code)) != INV_OK)
      return (status);
  }
  return (INV_OK);
}


/* A request's code; with give, a request made before codes existed is
   given one (a write: the caller holds a write transaction). */
inv_status_t
invRequestCodeGet(inv_db_t *db,		/* I - Ledger */
                  int64_t  request,	/* I - Request id */
                  bool     give,	/* I - Give one when it has none */
                  char     code[INV_CODE_LEN + 1])	/* O - Code, "" when none */
{
  inv_status_t status;

  if ((status = storeWebCodeGet(db, request, code, INV_CODE_LEN + 1)) != INV_OK || code[0] || !give)
    return (status);
  if ((status = invRequestCodeGive(db, request, request)) != INV_OK)
    return (status);
  return (storeWebCodeGet(db, request, code, INV_CODE_LEN + 1));
}


/* A reprint's request keeps the code on the resident's receipt (a new one
   when the old request had none). */
inv_status_t
invRequestCodeCarry(inv_db_t *db,	/* I - Ledger */
                    int64_t  old,	/* I - Request replaced */
                    int64_t  request)	/* I - Its reprint */
{
  char		code[INV_CODE_LEN + 1];
  inv_status_t	status;

  if ((status = storeWebCodeGet(db, old, code, sizeof(code))) != INV_OK)
    return (status);
  return (code[0] ? storeWebCodePut(db, request, code) : invRequestCodeGive(db, request, request));
}


/* The state of a request, for invResidentLookup. */
static void
resident_state(void           *ctx,	/* I - inv_resident_t */
               const inv_request_t *r)	/* I - The request */
{
  inv_resident_t *res = ctx;

  snprintf(res->state, sizeof(res->state), "%s", r->state);
  snprintf(res->since, sizeof(res->since), "%s", r->updated);
}


/* The resident's page: does the code belong to the NIK's live request,
   and if so its state.  A wrong code, a malformed NIK, an unknown NIK and a
   request without a code all take the same path (a constant-time
   comparison with a code nobody has) and give match false. */
inv_status_t
invResidentLookup(inv_db_t       *db,	/* I - Ledger */
                  const char     *nik,	/* I - NIK given */
                  const char     *code,	/* I - Code given */
                  bool           *match,/* O - Right pair? */
                  inv_resident_t *resident)/* O - State when matched */
{
  char		stored[64] = "", given[INV_CODE_LEN + 1] = "", nobody[INV_CODE_LEN + 1] = "********";
  int64_t	request = 0;
  bool		digits = nik && strlen(nik) == 16 && strspn(nik, "0123456789") == 16, same;
  inv_status_t	status;

  *match = false;
  memset(resident, 0, sizeof(*resident));
  if ((status = storeWebCodeByNik(db, digits ? nik : "", &request, stored, sizeof(stored))) != INV_OK)
    return (status);
  snprintf(given, sizeof(given), "%s", code && invCodeIsValid(code) ? code : "--------");
  same = sodium_memcmp(invCodeIsValid(stored) ? stored : nobody, given, INV_CODE_LEN) == 0;
  if (!same || !request || !invCodeIsValid(stored))
    return (INV_OK);
  if ((status = storeRequestGet(db, request, resident_state, resident, match)) != INV_OK)
    return (status);
  return (INV_OK);
}


/* SHA-256 of an API token, hex (a token has 256 random bits: a fast hash
   is enough, and finds it by an index). */
static void
token_hash(const char *token,		/* I - Token */
           char       hex[65])		/* O - Its SHA-256, hex */
{
  unsigned char h[crypto_hash_sha256_BYTES];

  crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
  sodium_bin2hex(hex, 65, h, sizeof(h));
}


/* Make a read-only API token: 256 random bits as 64 hex characters,
   given back once; only its SHA-256 is kept, and the token.add event
   names it and nothing else.  A name is used once (even revoked). */
inv_status_t
invTokenAdd(inv_db_t   *db,		/* I - Ledger */
            const char *name,		/* I - Who uses it: a name like a user's */
            char       token[INV_TOKEN_LEN + 1])	/* O - The token */
{
  unsigned char	random[INV_TOKEN_LEN / 2];
  char		hex[65], revoked[32], now[32], *detail;
  bool		found;
  inv_status_t	status;

  token[0] = '\0';
  if (!_invNameIsValid(name))
    return (_invDbSetError(db, INV_REFUSED, _("bad token name \"%s\": use 1-64 letters, digits, '.', '_' or '-'"),
                           name));
  if (!sodium_ready())
    return (_invDbSetError(db, INV_ERROR, "%s", _("cannot start libsodium")));
  if ((status = storeTokenGet(db, name, revoked, sizeof(revoked), &found)) != INV_OK)
    return (status);
  if (found)
    return (_invDbSetError(db, INV_REFUSED, _("token %s exists already (a name is used once)"), name));
  randombytes_buf(random, sizeof(random));
  sodium_bin2hex(token, INV_TOKEN_LEN + 1, random, sizeof(random));
  sodium_memzero(random, sizeof(random));
  token_hash(token, hex);
  chainTimeNow(now, sizeof(now));
  if ((status = storeTokenAdd(db, name, hex, now, db->actor)) != INV_OK)
  {
    sodium_memzero(token, INV_TOKEN_LEN + 1);
    return (status);
  }
  detail = chainDetailCopy(json_pack("{s:s}", "name", name));
  status = detail ? _invEventAppend(db, eventName(EV_TOKEN_ADD), name, detail, NULL) : _invDbNoMemory(db);
  free(detail);
  if (status != INV_OK)
    sodium_memzero(token, INV_TOKEN_LEN + 1);
  return (status);
}


/* Revoke an API token: it stops working at once (the server reads the
   ledger on every request). */
inv_status_t
invTokenRevoke(inv_db_t   *db,		/* I - Ledger */
               const char *name)	/* I - Token's name */
{
  char		revoked[32], now[32], *detail;
  bool		found;
  inv_status_t	status;

  if ((status = storeTokenGet(db, name, revoked, sizeof(revoked), &found)) != INV_OK)
    return (status);
  if (!found)
    return (_invDbSetError(db, INV_REFUSED, _("there is no token %s"), name));
  if (revoked[0])
    return (_invDbSetError(db, INV_REFUSED, _("token %s was revoked already (%s)"), name, revoked));
  chainTimeNow(now, sizeof(now));
  if ((status = storeTokenRevoke(db, name, now)) != INV_OK)
    return (status);
  detail = chainDetailCopy(json_pack("{s:s}", "name", name));
  status = detail ? _invEventAppend(db, eventName(EV_TOKEN_REVOKE), name, detail, NULL) : _invDbNoMemory(db);
  free(detail);
  return (status);
}


/* Call cb with each API token, by name (never its value or hash). */
inv_status_t
invTokenList(inv_db_t       *db,	/* I - Ledger */
             inv_token_cb_t cb,		/* I - Callback */
             void           *ctx)	/* I - Its context */
{
  return (storeTokenList(db, cb, ctx));
}


/* Is this a working API token?  Its name when it is. */
inv_status_t
invTokenCheck(inv_db_t   *db,		/* I - Ledger */
              const char *token,	/* I - Token given */
              bool       *ok,		/* O - A working token? */
              char       *name,		/* O - Its name, or "" */
              size_t     namesize)	/* I - Its size */
{
  char		hex[65];
  inv_status_t	status;

  *ok = false;
  *name = '\0';
  if (!sodium_ready())
    return (_invDbSetError(db, INV_ERROR, "%s", _("cannot start libsodium")));
  if (strlen(token) != INV_TOKEN_LEN || strspn(token, "0123456789abcdef") != INV_TOKEN_LEN)
    return (INV_OK);
  token_hash(token, hex);
  if ((status = storeTokenFind(db, hex, name, namesize)) != INV_OK)
    return (status);
  *ok = name[0] != '\0';
  return (INV_OK);
}
