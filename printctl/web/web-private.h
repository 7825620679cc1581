/*
 * The web server's insides, shared by its files (printctl/web/).
 *
 *   server.c   daemons, dispatch through the route table, responses
 *   access.c   staff sessions and rate limits
 *   html.c     form fields in, the page out: the one escaping function,
 *              page frames, the request's language
 *   pages.c    the pages
 */

#ifndef BLANKO_WEB_PRIVATE_H
#define BLANKO_WEB_PRIVATE_H

#include "web.h"
#include "blanko/i18n.h"

#include <pthread.h>
#include <stdint.h>
#include <time.h>

#define WEB_SITE_STAFF	1		/* A route of the staff pages */
#define WEB_SITE_PUBLIC	2		/* A route of the resident's page */

#define WEB_ANY_ROLE	0x8000u		/* Route roles: any staff member logged in */
#define WEB_TOKEN	0x4000u		/* Route roles: an API token (no session) */
#define WEB_SESSIONS	256		/* Staff sessions at most */
#define WEB_LIMITS	4096		/* Rate-limit counters at most */
#define WEB_BODY_MAX	4096		/* Largest form accepted */

/* A message in the request's language: English is the msgid itself, so
   only Indonesian goes through the catalogue (thread-safe: no locale is
   switched).  xgettext extracts W_'s second argument (locale.mk). */
#define W_(rq, s) webT((rq), (s))

typedef struct web_session_s		/* A staff member logged in (server side) */
{
  char		token[65];		/* Random, hex; the cookie's value */
  char		user[64];		/* Who */
  unsigned	roles;			/* Their roles, read again on every request */
  time_t	expires,		/* Idle expiry (renewed on use) */
		ends;			/* Hard end: 12 hours after login */
} web_session_t;

typedef struct web_limit_s		/* A fixed-window counter */
{
  unsigned char	key[16];		/* Keyed hash of what is counted (an address,
					   a NIK, a user name: never kept plain) */
  time_t	start;			/* Window start */
  int		count;			/* Tries in the window */
} web_limit_t;

struct web_s				/* The server */
{
  inv_db_t		*db;
  const blanko_config_t	*config;
  struct MHD_Daemon	*staff, *pub;	/* The two daemons */
  web_t			*self_staff,	/* Their handler's argument: which of */
			*self_public;	/* these two it points at is the site */
  bool			tls;		/* Serving HTTPS */
  int			session_minutes;
  pthread_mutex_t	lock;		/* One request at a time touches the
					   ledger, sessions and counters */
  web_session_t		sessions[WEB_SESSIONS];
  web_limit_t		limits[WEB_LIMITS];
  unsigned char		limit_key[32];	/* Random per run, for web_limit_t.key */
  char			*tls_cert, *tls_key;	/* PEM, read at start */
  int64_t		lookups,	/* Resident lookups answered */
			lookups_found,	/* Of them, a right pair */
			lookups_limited;/* Refused by a rate limit */
};

typedef struct web_buf_s		/* A growing text */
{
  char		*data;
  size_t	len, size;
  bool		failed;			/* Out of memory */
} web_buf_t;

typedef struct web_req_s		/* One request */
{
  web_t			*web;
  struct MHD_Connection	*conn;
  int			site;		/* WEB_SITE_STAFF or WEB_SITE_PUBLIC */
  const char		*method, *path;
  bool			english;	/* Accept-Language prefers English */
  bool			local;		/* From the loopback */
  char			addr[64];	/* Client address (for rate limits only) */
  web_buf_t		body;		/* The form posted */
  web_session_t		*session;	/* Logged-in staff member, or NULL */
  /* The response */
  int			status;
  web_buf_t		out;
  const char		*content_type;
  char			cookie[200];	/* Set-Cookie value, or "" */
  char			location[100];	/* Redirect, or "" */
  bool			challenge;	/* 401: ask for a bearer token */
  char			token_name[65];	/* The API token's name, when one was given */
} web_req_t;

typedef void (*web_page_fn_t)(web_req_t *rq);

typedef struct web_route_s		/* One page: the dispatch table's row */
{
  int			sites;		/* WEB_SITE_* it is served on */
  const char		*method;	/* "GET" or "POST" */
  const char		*path;		/* Exact path */
  unsigned		roles;		/* 0: no login; WEB_ANY_ROLE or role bits */
  web_page_fn_t		fn;		/* What answers */
} web_route_t;

/* html.c */
extern const char	*webT(const web_req_t *rq, const char *msgid) __attribute__((format_arg(2)));
extern const char	*webSeparator(const web_req_t *rq);
extern const char	*webCount(const web_req_t *rq, int64_t n, char *buf, size_t bufsize);
extern const char	*webFormGet(web_req_t *rq, const char *name, char *buf, size_t bufsize);

/* access.c */
extern bool		webLimit(web_t *web, const char *what, const char *key, int max, int seconds);
extern web_session_t	*webSessionFind(web_req_t *rq);
extern web_session_t	*webSessionNew(web_req_t *rq, const char *user, unsigned roles);
extern void		webSessionEnd(web_req_t *rq);

extern void		webBufAdd(web_buf_t *b, const char *data, size_t len);
extern void		webRaw(web_req_t *rq, const char *html);
extern void		webText(web_req_t *rq, const char *text);
extern void		webTextf(web_req_t *rq, const char *format, ...) __attribute__((format(printf, 2, 3)));
extern void		webPageBegin(web_req_t *rq, const char *title, int refresh);
extern void		webPageEnd(web_req_t *rq);

/* pages.c */
extern const web_route_t webRoutes[];
extern void		webPageNotFound(web_req_t *rq);
extern void		webPageForbidden(web_req_t *rq);
extern void		webApiUnauthorized(web_req_t *rq);

#endif /* BLANKO_WEB_PRIVATE_H */
