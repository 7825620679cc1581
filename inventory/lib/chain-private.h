/*
 * Private definitions for the event chain.
 */

#ifndef BLANKO_CHAIN_PRIVATE_H
#define BLANKO_CHAIN_PRIVATE_H

#include "db-private.h"
#include "store.h"

#include <jansson.h>

typedef struct chain_move_s		/* One movement, with ids and names */
{
  store_move_row_t row;		/* Ids as stored */
  const char	*prefix;	/* Series prefix */
  int		width;		/* Series width */
  const char	*from,		/* Account codes */
		*to;
} chain_move_t;

extern void		chainHash(const store_event_row_t *e, const chain_move_t *moves, size_t nmoves, char hash[65]);
extern inv_status_t	chainAppend(inv_db_t *db, const char *kind, const char *ref, const char *detail,
			            chain_move_t *moves, size_t nmoves, int64_t *event_id);
extern void		chainTimeNow(char *buf, size_t bufsize);
extern bool		chainTextIsClean(const char *text, size_t maxlen);
extern char		*chainDetailCopy(json_t *obj);
#define CHAIN_REF_MAX	200		/* Longest reference, event kind or supplier name */
extern inv_status_t	chainCheckKind(inv_db_t *db, const char *kind);
extern inv_status_t	chainCheckText(inv_db_t *db, const char *what, const char *text, bool required);

/* Digests of card requests (request.c) */
typedef struct request_seal_s		/* A running SHA-256 over row digests */
{
  void		*md;			/* EVP_MD_CTX */
} request_seal_t;

extern void		requestDigest(const inv_request_t *r, char digest[65]);
extern bool		requestSealBegin(request_seal_t *seal);
extern void		requestSealAdd(request_seal_t *seal, const char *digest);
extern void		requestSealEnd(request_seal_t *seal, char sealed[65]);
extern inv_status_t	requestSealRows(inv_db_t *db, int64_t first, int64_t last, char sealed[65]);

/* Internal to the library: the rules move serials and append events
   only through these, with kinds from the registry (events-private.h). */
extern inv_status_t	_invEventAppend(inv_db_t *db, const char *kind, const char *ref, const char *detail, int64_t *event_id);

#endif /* BLANKO_CHAIN_PRIVATE_H */
