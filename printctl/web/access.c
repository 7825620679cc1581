/*
 * Staff sessions and rate limits of the web server, kept in memory (the
 * server's lock held).  A session is a random token the server keeps with
 * the user and an expiry; the cookie holds the token alone.  Rate limits
 * count tries per key in fixed windows; keys (addresses, NIKs, user names)
 * are kept only as a keyed hash with a key made at start.
 */

#include "web-private.h"

#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define SESSION_HARD_END (12 * 3600)	/* A session ends 12 h after login */


/* Count a try of "what" for key; false when more than max were counted in
   the current window of seconds (the try is refused). */
bool
webLimit(web_t      *web,		/* I - Server */
         const char *what,		/* I - What is limited: "login-addr", "nik", ... */
         const char *key,		/* I - Whose tries */
         int        max,		/* I - Tries allowed per window */
         int        seconds)		/* I - Window */
{
  unsigned char		h[16];
  crypto_generichash_state st;
  time_t		now = time(NULL);
  web_limit_t		*slot = NULL, *oldest = NULL;

  crypto_generichash_init(&st, web->limit_key, sizeof(web->limit_key), sizeof(h));
  crypto_generichash_update(&st, (const unsigned char *)what, strlen(what) + 1);
  crypto_generichash_update(&st, (const unsigned char *)key, strlen(key));
  crypto_generichash_final(&st, h, sizeof(h));
  for (int i = 0; i < WEB_LIMITS && !slot; i ++)
  {
    web_limit_t *l = web->limits + i;

    if (l->start && !memcmp(l->key, h, sizeof(h)))
      slot = l;
    else if (!oldest || l->start < oldest->start)
      oldest = l;
  }
  if (!slot)
  {
    slot = oldest;			/* a free slot, or the oldest window */
    memcpy(slot->key, h, sizeof(h));
    slot->start = now;
    slot->count = 0;
  }
  if (now - slot->start >= seconds)
  {
    slot->start = now;
    slot->count = 0;
  }
  return (++ slot->count <= max);
}


/* The session of the request's cookie, renewed; NULL when none or expired. */
web_session_t *
webSessionFind(web_req_t *rq)		/* I - Request */
{
  const char	*token = MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, "blanko_session");
  time_t	now = time(NULL);

  if (!token || strlen(token) != 64)
    return (NULL);
  for (int i = 0; i < WEB_SESSIONS; i ++)
  {
    web_session_t *s = rq->web->sessions + i;

    if (!s->token[0] || sodium_memcmp(s->token, token, 64))
      continue;
    if (now >= s->expires || now >= s->ends)
    {
      memset(s, 0, sizeof(*s));
      return (NULL);
    }
    s->expires = now + rq->web->session_minutes * 60;
    return (s);
  }
  return (NULL);
}


/* Start a session for a staff member who logged in, and set its cookie
   (HttpOnly, SameSite=Strict, Secure over HTTPS). */
web_session_t *
webSessionNew(web_req_t  *rq,		/* I - Request */
              const char *user,		/* I - Who */
              unsigned   roles)		/* I - Their roles */
{
  web_session_t	*s = NULL;
  unsigned char	random[32];
  time_t	now = time(NULL);

  for (int i = 0; i < WEB_SESSIONS; i ++)
  {
    web_session_t *t = rq->web->sessions + i;

    if (!t->token[0] || now >= t->expires || now >= t->ends)
    {
      s = t;
      break;
    }
    if (!s || t->expires < s->expires)
      s = t;				/* all in use: the one idle longest ends */
  }
  memset(s, 0, sizeof(*s));
  randombytes_buf(random, sizeof(random));
  sodium_bin2hex(s->token, sizeof(s->token), random, sizeof(random));
  snprintf(s->user, sizeof(s->user), "%s", user);
  s->roles = roles;
  s->expires = now + rq->web->session_minutes * 60;
  s->ends = now + SESSION_HARD_END;
  snprintf(rq->cookie, sizeof(rq->cookie), "blanko_session=%s; Path=/; HttpOnly; SameSite=Strict%s", s->token,
           rq->web->tls ? "; Secure" : "");
  rq->session = s;
  return (s);
}


/* End the request's session and clear its cookie. */
void
webSessionEnd(web_req_t *rq)		/* I - Request */
{
  if (rq->session)
    memset(rq->session, 0, sizeof(*rq->session));
  rq->session = NULL;
  snprintf(rq->cookie, sizeof(rq->cookie), "blanko_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict%s",
           rq->web->tls ? "; Secure" : "");
}
