/*
 * The text of a request: the form fields that come in, and the page that
 * goes out.  Every text that is not the page's own markup goes through
 * webText, the one function that escapes HTML (& < > " ').
 */

#include "web-private.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* A message in the request's language (see W_). */
const char *
webT(const web_req_t *rq,		/* I - Request */
     const char      *msgid)		/* I - English text */
{
  return (rq->english ? msgid : gettext(msgid));
}


/* The separator of thousands in the request's language: i18nCount's,
   from the catalogue ("." in Indonesian), "," in English. */
const char *
webSeparator(const web_req_t *rq)	/* I - Request */
{
  return (rq->english ? "," : C_("thousands separator", ","));
}


/* A count for people in the request's language, as i18nCount writes it
   for a program: "1.234" in Indonesian, "1,234" in English (the JSON API
   keeps plain numbers). */
const char *
webCount(const web_req_t *rq,		/* I - Request */
         int64_t         n,		/* I - Number */
         char            *buf,		/* O - Text */
         size_t          bufsize)	/* I - Size of buf */
{
  return (i18nDigits(n, webSeparator(rq), buf, bufsize));
}


/* Decode %XX and + of a form value into buf. */
static void
form_decode(const char *s,		/* I - Encoded */
            size_t     len,		/* I - Its length */
            char       *buf,		/* O - Decoded */
            size_t     bufsize)		/* I - Its size */
{
  size_t o = 0;

  for (size_t i = 0; i < len && o + 1 < bufsize; i ++)
  {
    if (s[i] == '+')
      buf[o ++] = ' ';
    else if (s[i] == '%' && i + 2 < len + 0 && isxdigit((unsigned char)s[i + 1]) && isxdigit((unsigned char)s[i + 2]))
    {
      char hex[3] = { s[i + 1], s[i + 2], 0 };

      buf[o ++] = (char)strtol(hex, NULL, 16);
      i += 2;
    }
    else
      buf[o ++] = s[i];
  }
  buf[o] = '\0';
}


/* A field of the posted form (application/x-www-form-urlencoded), or NULL. */
const char *
webFormGet(web_req_t  *rq,		/* I - Request */
           const char *name,		/* I - Field */
           char       *buf,		/* O - Value */
           size_t     bufsize)		/* I - Its size */
{
  const char	*p = rq->body.data;
  size_t	nlen = strlen(name);

  while (p && *p)
  {
    const char	*end = strchr(p, '&'), *eq;
    size_t	len = end ? (size_t)(end - p) : strlen(p);

    if ((eq = memchr(p, '=', len)) != NULL && (size_t)(eq - p) == nlen && !strncmp(p, name, nlen))
    {
      form_decode(eq + 1, len - nlen - 1, buf, bufsize);
      return (buf);
    }
    p = end ? end + 1 : NULL;
  }
  return (NULL);
}


/* Append bytes to a growing text. */
void
webBufAdd(web_buf_t  *b,		/* I - Text */
          const char *data,		/* I - Bytes */
          size_t     len)		/* I - How many */
{
  if (b->failed)
    return;
  if (b->len + len + 1 > b->size)
  {
    size_t	size = b->size ? b->size : 4096;
    char	*grown;

    while (b->len + len + 1 > size)
      size *= 2;
    if ((grown = realloc(b->data, size)) == NULL)
    {
      b->failed = true;
      return;
    }
    b->data = grown;
    b->size = size;
  }
  memcpy(b->data + b->len, data, len);
  b->len += len;
  b->data[b->len] = '\0';
}


/* Append the page's own markup (a literal of the program, never data). */
void
webRaw(web_req_t  *rq,			/* I - Request */
       const char *html)		/* I - Markup */
{
  webBufAdd(&rq->out, html, strlen(html));
}


/* Append text, escaped for HTML content and attribute values: the one
   escaping function of the pages. */
void
webText(web_req_t  *rq,			/* I - Request */
        const char *text)		/* I - Text (UTF-8) */
{
  const char *p, *run;

  for (p = run = text; *p; p ++)
  {
    const char *esc;

    switch (*p)
    {
      case '&' : esc = "&amp;"; break;
      case '<' : esc = "&lt;"; break;
      case '>' : esc = "&gt;"; break;
      case '"' : esc = "&quot;"; break;
      case '\'' : esc = "&#39;"; break;
      default : continue;
    }
    webBufAdd(&rq->out, run, (size_t)(p - run));
    webRaw(rq, esc);
    run = p + 1;
  }
  webBufAdd(&rq->out, run, (size_t)(p - run));
}


/* Append formatted text, escaped (webText). */
void
webTextf(web_req_t  *rq,		/* I - Request */
         const char *format,		/* I - printf-style format */
         ...)
{
  char		buf[2048];
  va_list	ap;

  va_start(ap, format);
  vsnprintf(buf, sizeof(buf), format, ap);
  va_end(ap);
  webText(rq, buf);
}


/* Start a page: its language, title, the office's name, and the staff
   member's name and a logout button when logged in; refresh > 0 reloads
   the page every refresh seconds (no JavaScript needed). */
void
webPageBegin(web_req_t  *rq,		/* I - Request */
             const char *title,		/* I - Title, translated */
             int        refresh)	/* I - Seconds, 0 for none */
{
  const blanko_config_t *c = rq->web->config;

  webRaw(rq, rq->english ? "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n" : "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n");
  webRaw(rq, "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  if (refresh > 0)
  {
    char meta[80];

    /* Only without scripts: a page with a script refreshes itself. */
    snprintf(meta, sizeof(meta), "<noscript><meta http-equiv=\"refresh\" content=\"%d\"></noscript>\n", refresh);
    webRaw(rq, meta);
  }
  webRaw(rq, "<title>");
  webText(rq, title);
  webRaw(rq, "</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n<header>\n<p class=\"office\">");
  webText(rq, c->office[0] ? c->office : c->government[0] ? c->government : "blanko");
  webRaw(rq, "</p>\n");
  if (rq->session)
  {
    webRaw(rq, "<form class=\"logout\" method=\"post\" action=\"/logout\"><p>");
    webText(rq, rq->session->user);
    webRaw(rq, " <button type=\"submit\">");
    webText(rq, W_(rq, "Log out"));
    webRaw(rq, "</button></p></form>\n");
  }
  webRaw(rq, "</header>\n");
  if (rq->session)
  {
    /* The staff pages (a page the member's roles do not allow says so) */
    webRaw(rq, "<nav><p><a href=\"/board\">");
    webText(rq, W_(rq, "Print room"));
    webRaw(rq, "</a> | <a href=\"/dashboard\">");
    webText(rq, W_(rq, "Dashboard"));
    webRaw(rq, "</a></p></nav>\n");
  }
  webRaw(rq, "<main>\n<h1>");
  webText(rq, title);
  webRaw(rq, "</h1>\n");
}


/* End a page. */
void
webPageEnd(web_req_t *rq)		/* I - Request */
{
  webRaw(rq, "</main>\n</body>\n</html>\n");
}
