/*
 * The pages, and the route table that names them: a new page is a
 * function here and a row in webRoutes.  Staff pages show only what the
 * member's roles may see; no page shows a resident's name or NIK.
 */

#include "web-private.h"
#include "blanko/access.h"
#include "blanko/date.h"
#include "blanko/print.h"
#include "blanko/request.h"

#include <microhttpd.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define LOGIN_PER_ADDR	10		/* Login tries per address per 10 minutes */
#define LOGIN_PER_USER	10		/* Login tries per user name per 10 minutes */
#define LOOKUP_PER_ADDR	5		/* Resident lookups per address per minute */
#define LOOKUP_PER_NIK	10		/* Resident lookups per NIK per hour */


/* A page's answer is the page itself plus this status (404, 403...). */
static void
message_page(web_req_t  *rq,		/* I - Request */
             int        status,		/* I - HTTP status */
             const char *title,		/* I - Title, translated */
             const char *text)		/* I - Message, translated */
{
  rq->status = status;
  rq->out.len = 0;
  webPageBegin(rq, title, 0);
  webRaw(rq, "<p>");
  webText(rq, text);
  webRaw(rq, "</p>\n");
  webPageEnd(rq);
}


/* 404 (or the status already set: 405, 413, 503). */
void
webPageNotFound(web_req_t *rq)		/* I - Request */
{
  message_page(rq, rq->status == MHD_HTTP_OK ? MHD_HTTP_NOT_FOUND : rq->status, W_(rq, "Not found"),
               W_(rq, "There is no such page."));
}


/* 403: a page the member's roles may not see. */
void
webPageForbidden(web_req_t *rq)		/* I - Request */
{
  message_page(rq, MHD_HTTP_FORBIDDEN, W_(rq, "Not for your role"),
               W_(rq, "Your roles do not allow this page."));
}


/* The style sheet (no JavaScript anywhere). */
static void
page_css(web_req_t *rq)			/* I - Request */
{
  rq->content_type = "text/css; charset=utf-8";
  webRaw(rq, "body{font-family:sans-serif;margin:0;color:#111;background:#fafafa}\n"
             "header{background:#1f4e79;color:#fff;padding:.5em 1em;display:flex;justify-content:space-between}\n"
             "header p{margin:0}.office{font-weight:bold}main{padding:1em;max-width:60em}\n"
             "label{display:block;margin-top:.8em}input{font-size:1.2em;padding:.2em}\n"
             "button{font-size:1.1em;margin-top:.8em}table{border-collapse:collapse}\n"
             "th,td{border:1px solid #999;padding:.3em .6em;text-align:left}\n"
             ".answer{font-size:1.3em;border:2px solid #1f4e79;padding:.8em;background:#fff}\n"
             ".error{color:#a00}.logout button{margin:0;font-size:.9em}\n");
}


/* The staff site's root: the board when logged in, else the login page. */
static void
page_staff_root(web_req_t *rq)		/* I - Request */
{
  rq->status = MHD_HTTP_SEE_OTHER;
  snprintf(rq->location, sizeof(rq->location), "%s", rq->session ? "/board" : "/login");
}


/* The login form, with an optional message. */
static void
login_form(web_req_t  *rq,		/* I - Request */
           const char *message)		/* I - Why the last try failed, or NULL */
{
  webPageBegin(rq, W_(rq, "Staff login"), 0);
  if (message)
  {
    webRaw(rq, "<p class=\"error\" role=\"alert\">");
    webText(rq, message);
    webRaw(rq, "</p>\n");
  }
  webRaw(rq, "<form method=\"post\" action=\"/login\">\n<p><label for=\"user\">");
  webText(rq, W_(rq, "User name"));
  webRaw(rq, "</label><input id=\"user\" name=\"user\" autocomplete=\"username\" required></p>\n<p><label for=\"password\">");
  webText(rq, W_(rq, "Web password"));
  webRaw(rq, "</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" "
             "required></p>\n<p><button type=\"submit\">");
  webText(rq, W_(rq, "Log in"));
  webRaw(rq, "</button></p>\n</form>\n");
  webPageEnd(rq);
}


/* GET /login */
static void
page_login_form(web_req_t *rq)		/* I - Request */
{
  login_form(rq, (!rq->web->tls && !rq->local) ? W_(rq, "Staff login needs HTTPS: ask the administrator to set "
                                                        "[web] tls_cert and tls_key.") : NULL);
}


/* POST /login: check the password; a session and the board when right. */
static void
page_login(web_req_t *rq)		/* I - Request */
{
  char		user[64] = "", password[INV_PASSWORD_MAX + 2] = "";
  bool		ok = false;
  unsigned	roles = 0;

  if (!rq->web->tls && !rq->local)
  {
    rq->status = MHD_HTTP_FORBIDDEN;
    login_form(rq, W_(rq, "Staff login needs HTTPS: ask the administrator to set [web] tls_cert and tls_key."));
    return;
  }
  webFormGet(rq, "user", user, sizeof(user));
  webFormGet(rq, "password", password, sizeof(password));
  if (!webLimit(rq->web, "login-addr", rq->addr, LOGIN_PER_ADDR, 600) ||
      !webLimit(rq->web, "login-user", user, LOGIN_PER_USER, 600))
  {
    rq->status = MHD_HTTP_TOO_MANY_REQUESTS;
    login_form(rq, W_(rq, "Too many login attempts. Wait ten minutes and try again."));
    explicit_bzero(password, sizeof(password));
    return;
  }
  if (user[0] && password[0] &&
      invUserCheckPassword(rq->web->db, user, password, &ok, &roles) == INV_OK && ok)
  {
    explicit_bzero(password, sizeof(password));
    webSessionNew(rq, user, roles);
    rq->status = MHD_HTTP_SEE_OTHER;
    snprintf(rq->location, sizeof(rq->location), "/board");
    return;
  }
  explicit_bzero(password, sizeof(password));
  rq->status = MHD_HTTP_FORBIDDEN;
  login_form(rq, W_(rq, "Wrong user name or password."));
}


/* POST /logout */
static void
page_logout(web_req_t *rq)		/* I - Request */
{
  webSessionEnd(rq);
  rq->status = MHD_HTTP_SEE_OTHER;
  snprintf(rq->location, sizeof(rq->location), "/login");
}


typedef struct board_s			/* What the board gathers */
{
  web_req_t	*rq;
  int		printers;
  char		day_start[32];		/* The office's day's start, UTC */
  int64_t	printed_today;
} board_t;


/* One printer's row: name, state and reason, hopper count. */
static void
board_printer(void                *ctx,	/* I - board_t */
              const inv_printer_t *p)	/* I - Printer */
{
  board_t	*b = ctx;
  web_req_t	*rq = b->rq;

  b->printers ++;
  webRaw(rq, "<tr><td>");
  webText(rq, p->name);
  webRaw(rq, "</td><td>");
  webText(rq, !strcmp(p->state, "running") ? W_(rq, "running") : !strcmp(p->state, "paused") ? W_(rq, "paused")
              : p->state);
  if (p->reason[0])
  {
    webRaw(rq, ": ");
    webText(rq, p->reason);
  }
  webRaw(rq, "</td><td>");
  webTextf(rq, "%lld", (long long)p->hopper_count);
  webRaw(rq, "</td></tr>\n");
}


/* Count requests printed since the office's day began (no name is read
   out of the callback). */
static void
board_printed(void                *ctx,	/* I - board_t */
              const inv_request_t *r)	/* I - A printed request */
{
  board_t *b = ctx;

  if (strcmp(r->updated, b->day_start) >= 0)
    b->printed_today ++;
}


/* GET /board: the print room's board (no names, no NIKs). */
static void
page_board(web_req_t *rq)		/* I - Request */
{
  board_t	b = { rq, 0, "", 0 };
  int64_t	pending = 0, submitted = 0, suspect = 0;
  inv_date_t	today;
  char		day[16];
  inv_db_t	*db = rq->web->db;

  invDateLocalToday(time(NULL), day, sizeof(day));
  if (invDateParse(day, 0, &today, NULL, 0))
    invDateLocalDayStart(&today, b.day_start, sizeof(b.day_start));
  webPageBegin(rq, W_(rq, "Print room"), 15);
  webRaw(rq, "<h2>");
  webText(rq, W_(rq, "Printers"));
  webRaw(rq, "</h2>\n<table>\n<thead><tr><th scope=\"col\">");
  webText(rq, W_(rq, "Printer"));
  webRaw(rq, "</th><th scope=\"col\">");
  webText(rq, W_(rq, "State"));
  webRaw(rq, "</th><th scope=\"col\">");
  webText(rq, W_(rq, "Blanks in hopper"));
  webRaw(rq, "</th></tr></thead>\n<tbody>\n");
  invPrinterList(db, board_printer, &b);
  if (!b.printers)
  {
    webRaw(rq, "<tr><td colspan=\"3\">");
    webText(rq, W_(rq, "No printers."));
    webRaw(rq, "</td></tr>\n");
  }
  webRaw(rq, "</tbody>\n</table>\n");
  invRequestCount(db, "pending", &pending);
  invRequestCount(db, "submitted", &submitted);
  invRequestCount(db, "suspect", &suspect);
  invRequestList(db, "printed", NULL, board_printed, &b);
  webRaw(rq, "<h2>");
  webText(rq, W_(rq, "Cards"));
  webRaw(rq, "</h2>\n<dl>\n<dt>");
  webText(rq, W_(rq, "Printed today"));
  webRaw(rq, "</dt><dd id=\"printed-today\">");
  webTextf(rq, "%lld", (long long)b.printed_today);
  webRaw(rq, "</dd>\n<dt>");
  webText(rq, W_(rq, "In the queue"));
  webRaw(rq, "</dt><dd id=\"queue\">");
  webTextf(rq, "%lld", (long long)pending);
  webRaw(rq, "</dd>\n<dt>");
  webText(rq, W_(rq, "At the printers"));
  webRaw(rq, "</dt><dd>");
  webTextf(rq, "%lld", (long long)submitted);
  webRaw(rq, "</dd>\n<dt>");
  webText(rq, W_(rq, "Suspect, waiting for a person"));
  webRaw(rq, "</dt><dd>");
  webTextf(rq, "%lld", (long long)suspect);
  webRaw(rq, "</dd>\n<dt>");
  webText(rq, W_(rq, "Residents' lookups since the server started (found / limited)"));
  webRaw(rq, "</dt><dd>");
  webTextf(rq, "%lld (%lld / %lld)", (long long)rq->web->lookups, (long long)rq->web->lookups_found,
           (long long)rq->web->lookups_limited);
  webRaw(rq, "</dd>\n</dl>\n");
  webPageEnd(rq);
}


/* The resident's form. */
static void
resident_form(web_req_t *rq)		/* I - Request */
{
  webRaw(rq, "<form method=\"post\" action=\"/\">\n<p><label for=\"nik\">");
  webText(rq, W_(rq, "NIK (16 digits)"));
  webRaw(rq, "</label><input id=\"nik\" name=\"nik\" inputmode=\"numeric\" pattern=\"[0-9]{16}\" maxlength=\"16\" "
             "autocomplete=\"off\" required></p>\n<p><label for=\"code\">");
  webText(rq, W_(rq, "Code on your receipt (8 characters)"));
  webRaw(rq, "</label><input id=\"code\" name=\"code\" maxlength=\"8\" autocomplete=\"off\" "
             "autocapitalize=\"characters\" required></p>\n<p><button type=\"submit\">");
  webText(rq, W_(rq, "Check my card"));
  webRaw(rq, "</button></p>\n</form>\n");
}


/* GET / on the public site: the resident's page. */
static void
page_resident_form(web_req_t *rq)	/* I - Request */
{
  webPageBegin(rq, W_(rq, "Is my ID card ready?"), 0);
  webRaw(rq, "<p>");
  webText(rq, W_(rq, "Enter your NIK and the code printed on the receipt the office gave you."));
  webRaw(rq, "</p>\n");
  resident_form(rq);
  webPageEnd(rq);
}


/* A date as the resident reads it: "3 Desember 2026". */
static void
resident_date(web_req_t  *rq,		/* I - Request */
              const char *utc,		/* I - UTC time */
              char       *buf,		/* O - Date */
              size_t     bufsize)	/* I - Its size */
{
  static const char * const months[12] =
  {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
    N_("August"), N_("September"), N_("October"), N_("November"), N_("December")
  };
  struct tm	t;

  if (invDateToLocal(utc, &t, NULL, 0) && t.tm_mon >= 0 && t.tm_mon < 12)
    snprintf(buf, bufsize, "%d %s %d", t.tm_mday, W_(rq, months[t.tm_mon]), t.tm_year + 1900);
  else
    snprintf(buf, bufsize, "%.10s", utc);
}


/* POST / on the public site: the state of one card, for the right NIK and
   code only.  A wrong code and an unknown NIK get the same page (the same
   bytes), through the same lookup; the NIK is neither logged nor shown. */
static void
page_resident(web_req_t *rq)		/* I - Request */
{
  char			nik[40] = "", code[40] = "", when[64], text[600];
  bool			match = false;
  inv_resident_t	res;
  const char		*place;

  webFormGet(rq, "nik", nik, sizeof(nik));
  webFormGet(rq, "code", code, sizeof(code));
  for (char *p = code; *p; p ++)
    if (*p >= 'a' && *p <= 'z')
      *p = (char)(*p - 'a' + 'A');
  rq->web->lookups ++;
  if (!webLimit(rq->web, "lookup-addr", rq->addr, LOOKUP_PER_ADDR, 60) ||
      !webLimit(rq->web, "lookup-nik", nik, LOOKUP_PER_NIK, 3600))
  {
    rq->web->lookups_limited ++;
    explicit_bzero(nik, sizeof(nik));
    message_page(rq, MHD_HTTP_TOO_MANY_REQUESTS, W_(rq, "Is my ID card ready?"),
                 W_(rq, "Too many tries. Please wait a while and try again, or ask at the counter."));
    return;
  }
  if (invResidentLookup(rq->web->db, nik, code, &match, &res) != INV_OK)
    match = false;
  explicit_bzero(nik, sizeof(nik));
  explicit_bzero(code, sizeof(code));
  webPageBegin(rq, W_(rq, "Is my ID card ready?"), 0);
  webRaw(rq, "<p class=\"answer\" role=\"status\">");
  if (!match)
    webText(rq, W_(rq, "No card request was found for this NIK and code. Check both and try again, or ask at the "
                       "counter."));
  else
  {
    rq->web->lookups_found ++;
    place = rq->web->config->office[0] ? rq->web->config->office : rq->web->config->government;
    resident_date(rq, res.since, when, sizeof(when));
    if (!strcmp(res.state, "printed"))
      snprintf(text, sizeof(text), W_(rq, "Your card has been printed; it can be collected at %s since %s."),
               place[0] ? place : W_(rq, "the office"), when);
    else if (!strcmp(res.state, "submitted"))
      snprintf(text, sizeof(text), "%s", W_(rq, "Your card is being printed now."));
    else if (!strcmp(res.state, "suspect"))
      snprintf(text, sizeof(text), "%s", W_(rq, "Your card is being checked by the print room. Please ask at the "
                                                "counter."));
    else
      snprintf(text, sizeof(text), "%s", W_(rq, "Your card is still in the print queue."));
    webText(rq, text);
  }
  webRaw(rq, "</p>\n");
  resident_form(rq);
  webPageEnd(rq);
}


/*
 * The route table: site, method, path, who may see it, the page.
 * Roles: 0 needs no login; WEB_ANY_ROLE any staff member logged in;
 * otherwise any of the role bits.
 */

#define BOARD_ROLES (INV_ROLE_PRINTROOM | INV_ROLE_ADMIN | INV_ROLE_AUDITOR)

const web_route_t webRoutes[] =
{
  { WEB_SITE_STAFF | WEB_SITE_PUBLIC, "GET", "/style.css", 0, page_css },
  { WEB_SITE_STAFF, "GET", "/", 0, page_staff_root },
  { WEB_SITE_STAFF, "GET", "/login", 0, page_login_form },
  { WEB_SITE_STAFF, "POST", "/login", 0, page_login },
  { WEB_SITE_STAFF, "POST", "/logout", WEB_ANY_ROLE, page_logout },
  { WEB_SITE_STAFF, "GET", "/board", BOARD_ROLES, page_board },
  { WEB_SITE_PUBLIC, "GET", "/", 0, page_resident_form },
  { WEB_SITE_PUBLIC, "POST", "/", 0, page_resident },
  { 0, NULL, NULL, 0, NULL }
};
