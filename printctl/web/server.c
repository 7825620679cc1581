/*
 * The web server: two libmicrohttpd daemons (staff pages, resident's
 * page), each request dispatched through the route table of pages.c with
 * the server's lock held, so one request at a time reads the ledger (in
 * one read snapshot), the sessions and the counters.
 */

#include "web-private.h"
#include "blanko/access.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define API_PER_ADDR	600		/* API requests per address per minute (a token
					   has 256 random bits: this only bounds the load) */


/* Does the browser prefer English to Indonesian?  The first of "en" and
   "id" in Accept-Language (in its order; q-values below 1 are rare enough
   to be read in order too) wins; Indonesian when neither is named. */
static bool
prefers_english(const char *accept)	/* I - Accept-Language, or NULL */
{
  const char *p = accept;

  while (p && *p)
  {
    while (*p == ' ' || *p == ',')
      p ++;
    if (!strncasecmp(p, "id", 2) && (!isalpha((unsigned char)p[2])))
      return (false);
    if (!strncasecmp(p, "en", 2) && (!isalpha((unsigned char)p[2])))
      return (true);
    p = strchr(p, ',');
  }
  return (false);
}


/* Fill in who is asking: address, loopback or not, language, session. */
static void
req_client(web_req_t *rq)		/* I - Request */
{
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  const struct sockaddr	*sa = ci ? ci->client_addr : NULL;

  snprintf(rq->addr, sizeof(rq->addr), "?");
  if (sa && sa->sa_family == AF_INET)
  {
    const struct sockaddr_in *in = (const struct sockaddr_in *)sa;

    inet_ntop(AF_INET, &in->sin_addr, rq->addr, sizeof(rq->addr));
    rq->local = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
  }
  else if (sa && sa->sa_family == AF_INET6)
  {
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;

    inet_ntop(AF_INET6, &in6->sin6_addr, rq->addr, sizeof(rq->addr));
    rq->local = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr) ||
                (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) && in6->sin6_addr.s6_addr[12] == 127);
  }
  rq->english = prefers_english(MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND,
                                                            MHD_HTTP_HEADER_ACCEPT_LANGUAGE));
}


/* Is the request's "Authorization: Bearer TOKEN" a working API token?
   Read again from the ledger on every request, so a revoked token fails at
   once.  Requests are rate-limited per address. */
static bool
api_token(web_req_t *rq)		/* I - Request */
{
  const char	*auth = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
  bool		ok = false;

  if (!webLimit(rq->web, "api-addr", rq->addr, API_PER_ADDR, 60))
    return (false);
  if (auth && !strncasecmp(auth, "Bearer ", 7) &&
      invTokenCheck(rq->web->db, auth + 7, &ok, rq->token_name, sizeof(rq->token_name)) != INV_OK)
    ok = false;
  return (ok);
}


/* Answer one request from the route table. */
static void
dispatch(web_req_t *rq)			/* I - Request */
{
  const web_route_t	*r, *found = NULL;
  bool			path_known = false;

  for (r = webRoutes; r->path; r ++)
    if ((r->sites & rq->site) && !strcmp(r->path, rq->path))
    {
      path_known = true;
      if (!strcmp(r->method, rq->method) || (!strcmp(rq->method, "HEAD") && !strcmp(r->method, "GET")))
        found = r;
    }
  if (!found)
  {
    if (path_known)
      rq->status = MHD_HTTP_METHOD_NOT_ALLOWED;
    webPageNotFound(rq);
    return;
  }
  if (invDbBeginRead(rq->web->db) != INV_OK)
  {
    rq->status = MHD_HTTP_SERVICE_UNAVAILABLE;
    webPageNotFound(rq);
    return;
  }
  if (rq->site == WEB_SITE_STAFF && (rq->session = webSessionFind(rq)) != NULL &&
      invUserGetActive(rq->web->db, rq->session->user, &rq->session->roles) != INV_OK)
    webSessionEnd(rq);			/* disabled or removed since the login */
  if (found->roles == WEB_TOKEN)
  {
    if (api_token(rq))
      found->fn(rq);
    else
      webApiUnauthorized(rq);
  }
  else if (found->roles && !rq->session)
  {
    rq->status = MHD_HTTP_SEE_OTHER;
    snprintf(rq->location, sizeof(rq->location), "/login");
  }
  else if (found->roles && found->roles != WEB_ANY_ROLE && !(found->roles & rq->session->roles))
    webPageForbidden(rq);
  else
    found->fn(rq);
  invDbEndRead(rq->web->db);
}


/* Send what dispatch made. */
static enum MHD_Result
respond(web_req_t *rq)			/* I - Request, answered */
{
  struct MHD_Response	*resp;
  enum MHD_Result	ret;

  if (rq->out.failed)
  {
    rq->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    rq->out.len = 0;
  }
  resp = MHD_create_response_from_buffer(rq->out.len, rq->out.len ? rq->out.data : (void *)"", MHD_RESPMEM_MUST_COPY);
  if (!resp)
    return (MHD_NO);
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                          rq->content_type ? rq->content_type : "text/html; charset=utf-8");
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  MHD_add_response_header(resp, "Content-Security-Policy",
                          "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_LANGUAGE, rq->english ? "en" : "id");
  MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Accept-Language, Cookie");
  if (rq->web->tls)
    MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
  if (rq->cookie[0])
    MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, rq->cookie);
  if (rq->location[0])
    MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, rq->location);
  if (rq->challenge)
    MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"blanko\"");
  ret = MHD_queue_response(rq->conn, (unsigned)rq->status, resp);
  MHD_destroy_response(resp);
  return (ret);
}


/* libmicrohttpd's handler: gather a posted form, then answer. */
static enum MHD_Result
handle(void                  *cls,	/* I - int *: the site */
       struct MHD_Connection *conn,	/* I - Connection */
       const char            *url,	/* I - Path */
       const char            *method,	/* I - Method */
       const char            *version,	/* I - HTTP version (unused) */
       const char            *upload,	/* I - Body bytes */
       size_t                *upload_size,	/* IO - Their count */
       void                  **con_cls)	/* IO - web_req_t */
{
  web_t		**site = cls;
  web_req_t	*rq = *con_cls;
  enum MHD_Result ret;

  (void)version;
  if (!rq)
  {
    if ((rq = calloc(1, sizeof(*rq))) == NULL)
      return (MHD_NO);
    rq->web = *site;
    rq->site = site == &(*site)->self_staff ? WEB_SITE_STAFF : WEB_SITE_PUBLIC;
    *con_cls = rq;
    return (MHD_YES);
  }
  if (*upload_size)
  {
    if (rq->body.len + *upload_size > WEB_BODY_MAX)
      rq->body.failed = true;
    else
      webBufAdd(&rq->body, upload, *upload_size);
    *upload_size = 0;
    return (MHD_YES);
  }
  rq->conn = conn;
  rq->method = method;
  rq->path = url;
  rq->status = MHD_HTTP_OK;
  req_client(rq);
  pthread_mutex_lock(&rq->web->lock);
  if (rq->body.failed)
  {
    rq->status = MHD_HTTP_CONTENT_TOO_LARGE;
    webPageNotFound(rq);
  }
  else
    dispatch(rq);
  pthread_mutex_unlock(&rq->web->lock);
  ret = respond(rq);
  return (ret);
}


/* Free a request when its connection is done with it. */
static void
completed(void                            *cls,	/* I - Unused */
          struct MHD_Connection           *conn,	/* I - Unused */
          void                            **con_cls,	/* IO - web_req_t */
          enum MHD_RequestTerminationCode toe)	/* I - Unused */
{
  web_req_t *rq = *con_cls;

  (void)cls;
  (void)conn;
  (void)toe;
  if (rq)
  {
    if (rq->body.data)
      sodium_memzero(rq->body.data, rq->body.size);	/* passwords */
    free(rq->body.data);
    free(rq->out.data);
    free(rq);
  }
  *con_cls = NULL;
}


/* Read a whole PEM file, or NULL. */
static char *
read_pem(const char *path,		/* I - File */
         char       *why,		/* O - Why not */
         size_t     whysize)		/* I - Its size */
{
  FILE		*fp = fopen(path, "r");
  char		*data = NULL;
  size_t	len = 0;
  long		size;

  if (!fp || fseek(fp, 0, SEEK_END) || (size = ftell(fp)) <= 0 || size > 1 << 20 || fseek(fp, 0, SEEK_SET) ||
      (data = calloc(1, (size_t)size + 1)) == NULL || (len = fread(data, 1, (size_t)size, fp)) != (size_t)size)
  {
    snprintf(why, whysize, _("cannot read %s: %s"), path, errno ? strerror(errno) : _("empty or too large"));
    free(data);
    data = NULL;
  }
  if (fp)
    fclose(fp);
  return (data);
}


/* Start one daemon on ADDRESS:PORT. */
static struct MHD_Daemon *
start_one(web_t      *web,		/* I - Server */
          web_t      **site,		/* I - Its site marker */
          const char *listen,		/* I - ADDRESS:PORT, [v6]:PORT */
          char       *why,		/* O - Why not */
          size_t     whysize)		/* I - Its size */
{
  char			host[128], *colon;
  const char		*port;
  struct addrinfo	hints, *ai = NULL;
  struct MHD_Daemon	*d;
  unsigned		flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
  int			rc;

  snprintf(host, sizeof(host), "%s", listen);
  if ((colon = strrchr(host, ':')) == NULL)
  {
    snprintf(why, whysize, _("%s is not ADDRESS:PORT"), listen);
    return (NULL);
  }
  *colon = '\0';
  port = colon + 1;
  if (host[0] == '[' && host[strlen(host) - 1] == ']')
  {
    memmove(host, host + 1, strlen(host));
    host[strlen(host) - 1] = '\0';
  }
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  if ((rc = getaddrinfo(host[0] ? host : NULL, port, &hints, &ai)) != 0)
  {
    snprintf(why, whysize, _("%s: %s"), listen, gai_strerror(rc));
    return (NULL);
  }
  if (ai->ai_family == AF_INET6)
    flags |= MHD_USE_IPv6;
  if (web->tls)
    flags |= MHD_USE_TLS;
  if (web->tls)
    d = MHD_start_daemon(flags, 0, NULL, NULL, handle, site, MHD_OPTION_SOCK_ADDR, ai->ai_addr,
                         MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
                         MHD_OPTION_CONNECTION_LIMIT, 200u, MHD_OPTION_HTTPS_MEM_KEY, web->tls_key,
                         MHD_OPTION_HTTPS_MEM_CERT, web->tls_cert, MHD_OPTION_END);
  else
    d = MHD_start_daemon(flags, 0, NULL, NULL, handle, site, MHD_OPTION_SOCK_ADDR, ai->ai_addr,
                         MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
                         MHD_OPTION_CONNECTION_LIMIT, 200u, MHD_OPTION_END);
  freeaddrinfo(ai);
  if (!d)
    snprintf(why, whysize, _("cannot listen on %s (in use, or not an address of this machine)"), listen);
  return (d);
}


/* Start serving; NULL and why on failure. */
web_t *
webStart(const web_options_t *o,	/* I - How */
         char                *why,	/* O - Why not */
         size_t              whysize)	/* I - Its size */
{
  web_t *web;

  if (sodium_init() < 0)
  {
    snprintf(why, whysize, "%s", _("cannot start libsodium"));
    return (NULL);
  }
  if ((web = calloc(1, sizeof(*web))) == NULL)
  {
    snprintf(why, whysize, "%s", i18nNoMemory());
    return (NULL);
  }
  web->db = o->db;
  web->config = o->config;
  web->session_minutes = o->session_minutes > 0 ? o->session_minutes : 30;
  web->self_staff = web;
  web->self_public = web;
  pthread_mutex_init(&web->lock, NULL);
  randombytes_buf(web->limit_key, sizeof(web->limit_key));
  if (o->tls_cert && o->tls_cert[0])
  {
    if (!MHD_is_feature_supported(MHD_FEATURE_TLS))
    {
      snprintf(why, whysize, "%s", _("this libmicrohttpd has no TLS"));
      webStop(web);
      return (NULL);
    }
    if ((web->tls_cert = read_pem(o->tls_cert, why, whysize)) == NULL ||
        (web->tls_key = read_pem(o->tls_key && o->tls_key[0] ? o->tls_key : o->tls_cert, why, whysize)) == NULL)
    {
      webStop(web);
      return (NULL);
    }
    web->tls = true;
  }
  if ((web->staff = start_one(web, &web->self_staff, o->staff_listen, why, whysize)) == NULL ||
      (web->pub = start_one(web, &web->self_public, o->public_listen, why, whysize)) == NULL)
  {
    webStop(web);
    return (NULL);
  }
  return (web);
}


/* The port a site listens on (useful with port 0). */
int
webGetPort(const web_t *web,		/* I - Server */
           bool        staff)		/* I - Staff site, else the public one */
{
  const union MHD_DaemonInfo *i = MHD_get_daemon_info(staff ? web->staff : web->pub, MHD_DAEMON_INFO_BIND_PORT);

  return (i ? i->port : 0);
}


/* Is the server serving HTTPS? */
bool
webIsTLS(const web_t *web)		/* I - Server */
{
  return (web->tls);
}


/* Stop serving and free the server. */
void
webStop(web_t *web)			/* I - Server, or NULL */
{
  if (!web)
    return;
  if (web->staff)
    MHD_stop_daemon(web->staff);
  if (web->pub)
    MHD_stop_daemon(web->pub);
  if (web->tls_key)
    sodium_memzero(web->tls_key, strlen(web->tls_key));
  free(web->tls_key);
  free(web->tls_cert);
  sodium_memzero(web->sessions, sizeof(web->sessions));
  pthread_mutex_destroy(&web->lock);
  free(web);
}
