/*
 * Access to the office's web pages (issue 16): staff members' web
 * passwords (Argon2id hashes, libsodium) and the codes residents give with
 * their NIK on the resident's page.
 */

#ifndef BLANKO_ACCESS_H
#define BLANKO_ACCESS_H

#include "blanko/inventory.h"

#include <stdbool.h>
#include <stdint.h>

#define INV_CODE_LEN		8	/* Characters of a request code */
#define INV_CODE_ALPHABET	"23456789ABCDEFGHJKMNPQRSTUVWXYZ"	/* No 0/O, 1/I/L look-alikes */
#define INV_PASSWORD_MIN	10	/* Shortest web password */
#define INV_PASSWORD_MAX	256	/* Longest web password */

typedef struct inv_resident_s		/* What the resident's page may say */
{
  char		state[16];		/* The request's state: "pending", "printed", ... */
  char		since[32];		/* When it reached it, UTC */
} inv_resident_t;

#define INV_TOKEN_LEN		64	/* Hex characters of an API token (256 bits) */

typedef struct inv_token_s		/* A read-only API token (never its value) */
{
  const char	*name,			/* Its name: who uses it */
		*created,		/* When made, UTC */
		*created_by,		/* By whom */
		*revoked;		/* When revoked, UTC, or "" */
} inv_token_t;

typedef void (*inv_token_cb_t)(void *ctx, const inv_token_t *token);

extern inv_status_t	invTokenAdd(inv_db_t *db, const char *name, char token[INV_TOKEN_LEN + 1]);
extern inv_status_t	invTokenRevoke(inv_db_t *db, const char *name);
extern inv_status_t	invTokenList(inv_db_t *db, inv_token_cb_t cb, void *ctx);
extern inv_status_t	invTokenCheck(inv_db_t *db, const char *token, bool *ok, char *name, size_t namesize);
extern inv_status_t	invUserSetPassword(inv_db_t *db, const char *name, const char *password);
extern inv_status_t	invUserCheckPassword(inv_db_t *db, const char *name, const char *password, bool *ok,
			                     unsigned *roles);
extern bool		invCodeMake(char code[INV_CODE_LEN + 1]);
extern bool		invCodeIsValid(const char *code);
extern inv_status_t	invRequestCodeGive(inv_db_t *db, int64_t first, int64_t last);
extern inv_status_t	invRequestCodeCarry(inv_db_t *db, int64_t old, int64_t request);
extern inv_status_t	invRequestCodeGet(inv_db_t *db, int64_t request, bool give, char code[INV_CODE_LEN + 1]);
extern inv_status_t	invResidentLookup(inv_db_t *db, const char *nik, const char *code, bool *match,
			                  inv_resident_t *resident);

#endif /* BLANKO_ACCESS_H */
