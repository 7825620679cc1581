/*
 * The pages, and the route table that names them: a new page is a
 * function here and a row in webRoutes.  Staff pages show only what the
 * member's roles may see; no page shows a resident's name or NIK.
 */

#include "web-private.h"
#include "blanko/access.h"
#include "blanko/anchor.h"
#include "blanko/date.h"
#include "blanko/distribution.h"
#include "blanko/words.h"
#include "blanko/print.h"
#include "blanko/request.h"
#include "blanko/shapes.h"
#include "../dispatch.h"

#include <jansson.h>
#include <stdlib.h>

#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define LOGIN_PER_ADDR	10		/* Login tries per address per 10 minutes */
#define LOGIN_PER_USER	10		/* Login tries per user name per 10 minutes */
#define LOOKUP_PER_ADDR	5		/* Resident lookups per address per minute */
#define LOOKUP_PER_NIK	10		/* Resident lookups per NIK per hour */
#define BOARD_QUEUE	20		/* Pending requests the board lists */


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
             ".error{color:#a00}.logout button{margin:0;font-size:.9em}nav p{margin:.5em 1em}\n");
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


/* Markup with numbers and names the board itself chose (element ids,
   state codes from the ledger's fixed list): printf into the page as is. */
static void __attribute__((format(printf, 2, 3)))
board_rawf(web_req_t  *rq,		/* I - Request */
           const char *format,		/* I - printf format */
           ...)				/* I - Its arguments */
{
  char		buf[512];
  va_list	ap;

  va_start(ap, format);
  vsnprintf(buf, sizeof(buf), format, ap);
  va_end(ap);
  webRaw(rq, buf);
}


typedef struct board_s			/* What the board gathers */
{
  inv_db_t	*db;
  json_t	*printers,		/* Their rows */
		*queue;			/* The next pending requests */
} board_t;


/* The lowest serial of a hopper: its first holding's first number. */
static void
board_lowest(void              *ctx,	/* I - char[INV_SERIAL_MAX] */
             const char        *account,/* I - Hopper (unused) */
             const inv_range_t *range)	/* I - A holding, lowest first */
{
  char *lowest = ctx;

  (void)account;
  if (!lowest[0])
    invSerialFormat(range->prefix, range->width, range->first, lowest, INV_SERIAL_MAX);
}


/* The open job of a printer: the card in flight. */
static void
board_job(void                  *ctx,	/* I - inv_print_job_t */
          const inv_print_job_t *j)	/* I - An open job */
{
  inv_print_job_t *o = ctx;

  if (!o->id)
    *o = *j;
}


/* One printer: state and reason as the controller recorded them in the
   ledger (the web layer does not ask CUPS), hopper count and lowest
   serial, the card in flight (request number and serial, no name). */
static void
board_printer(void                *ctx,	/* I - board_t */
              const inv_printer_t *p)	/* I - Printer */
{
  board_t		*b = ctx;
  inv_print_job_t	j;
  char			lowest[INV_SERIAL_MAX] = "";
  json_t		*o;

  memset(&j, 0, sizeof(j));
  invHoldingList(b->db, p->hopper, board_lowest, lowest);
  invPrintJobList(b->db, p->name, true, board_job, &j);
  o = json_pack("{s:s,s:s,s:s,s:I,s:s}", "name", p->name, "state", p->state, "reason", p->reason,
                "hopper_count", (json_int_t)p->hopper_count, "lowest_serial", lowest);
  if (o && j.id)
    json_object_set_new(o, "job", json_pack("{s:I,s:I,s:s,s:s}", "id", (json_int_t)j.id, "request",
                                            (json_int_t)j.request, "serial", j.serial, "state", j.state));
  json_array_append_new(b->printers, o);
}


/* One pending request of the queue: number, priority, day recorded. */
static void
board_queued(void                *ctx,	/* I - board_t */
             const inv_waiting_t *w)	/* I - Request (no NIK is read) */
{
  board_t *b = ctx;

  json_array_append_new(b->queue, json_pack("{s:I,s:I,s:s}", "request", (json_int_t)w->id,
                                            "priority", (json_int_t)w->priority, "recorded", w->recorded));
}


/* What the board shows, as JSON (GET /board.json; the page is drawn from
   the same object): no name, no NIK anywhere in it. */
static json_t *
board_gather(web_req_t *rq)		/* I - Request */
{
  board_t	b = { rq->web->db, json_array(), json_array() };
  int64_t	pending = 0, submitted = 0, suspect = 0, printed = 0;
  inv_date_t	today;
  char		day[16], start[32] = "";
  json_t	*o;

  invDateLocalToday(time(NULL), day, sizeof(day));
  if (invDateParse(day, 0, &today, NULL, 0))
    invDateLocalDayStart(&today, start, sizeof(start));
  invPrinterList(b.db, board_printer, &b);
  invRequestCount(b.db, "pending", &pending);
  invRequestCount(b.db, "submitted", &submitted);
  invRequestCount(b.db, "suspect", &suspect);
  if (start[0])
    invRequestCountPrintedSince(b.db, start, &printed);
  invRequestQueue(b.db, day, BOARD_QUEUE, board_queued, &b);
  o = json_pack("{s:o,s:I,s:I,s:I,s:I,s:o,s:{s:I,s:I,s:I}}", "printers", b.printers,
                "printed_today", (json_int_t)printed, "pending", (json_int_t)pending,
                "at_printers", (json_int_t)submitted, "suspect", (json_int_t)suspect, "queue", b.queue,
                "lookups", "answered", (json_int_t)rq->web->lookups, "found", (json_int_t)rq->web->lookups_found,
                "limited", (json_int_t)rq->web->lookups_limited);
  return (o);
}


/* A printer's state in the reader's language. */
static const char *
board_state(web_req_t  *rq,		/* I - Request */
            const char *state)		/* I - running, paused, check-needed */
{
  return (!strcmp(state, "running") ? W_(rq, "running") : !strcmp(state, "paused") ? W_(rq, "paused")
          : !strcmp(state, "check-needed") ? W_(rq, "check needed") : state);
}


/* A table's head row. */
static void
board_head(web_req_t  *rq,		/* I - Request */
           const char *const *cols,	/* I - Column titles, translated, NULL-ended */
           const char *id)		/* I - The tbody's id */
{
  webRaw(rq, "<table>\n<thead><tr>");
  for (; *cols; cols ++)
  {
    webRaw(rq, "<th scope=\"col\">");
    webText(rq, *cols);
    webRaw(rq, "</th>");
  }
  board_rawf(rq, "</tr></thead>\n<tbody id=\"%s\">\n", id);
}


/* A figure: <dt>label</dt><dd id=ID>n</dd>, n grouped for the language. */
static void
board_figure(web_req_t  *rq,		/* I - Request */
             const char *label,		/* I - Label, translated */
             const char *id,		/* I - Element id */
             int64_t    value)		/* I - The count */
{
  char n[32];

  webRaw(rq, "<dt>");
  webText(rq, label);
  board_rawf(rq, "</dt><dd id=\"%s\">%s</dd>\n", id, webCount(rq, value, n, sizeof(n)));
}


/* A count of the board's JSON as a figure. */
static void
board_count(web_req_t  *rq,		/* I - Request */
            const char *label,		/* I - Label, translated */
            const char *id,		/* I - Element id */
            const char *key,		/* I - Its key in the board's JSON */
            json_t     *o)		/* I - Board */
{
  board_figure(rq, label, id, json_integer_value(json_object_get(o, key)));
}


/* GET /board: the print room's board (no names, no NIKs).  Drawn whole
   on the server; /board.js (when scripts run) redraws the same elements
   from /board.json every second, and the page refreshes itself every 15 s
   without it. */
static void
page_board(web_req_t *rq)		/* I - Request */
{
  json_t	*o = board_gather(rq), *p, *q;
  size_t	i;
  char		n[3][32];
  const char	*pcols[] = { W_(rq, "Printer"), W_(rq, "State"), W_(rq, "Blanks in hopper"), W_(rq, "Lowest serial"),
			     W_(rq, "Card in flight"), NULL },
		*qcols[] = { W_(rq, "Request"), W_(rq, "Priority"), W_(rq, "Recorded"), NULL };

  if (!o)
  {
    rq->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    webPageNotFound(rq);
    return;
  }
  webPageBegin(rq, W_(rq, "Print room"), 15);
  webRaw(rq, "<h2>");
  webText(rq, W_(rq, "Printers"));
  webRaw(rq, "</h2>\n");
  board_head(rq, pcols, "printers");
  json_array_foreach(json_object_get(o, "printers"), i, p)
  {
    json_t *j = json_object_get(p, "job");

    webRaw(rq, "<tr class=\"");
    webText(rq, json_string_value(json_object_get(p, "state")));
    webRaw(rq, "\"><td>");
    webText(rq, json_string_value(json_object_get(p, "name")));
    webRaw(rq, "</td><td>");
    webText(rq, board_state(rq, json_string_value(json_object_get(p, "state"))));
    if (json_string_length(json_object_get(p, "reason")))
    {
      webRaw(rq, ": ");
      webText(rq, json_string_value(json_object_get(p, "reason")));
    }
    board_rawf(rq, "</td><td>%s</td><td>", webCount(rq, json_integer_value(json_object_get(p, "hopper_count")), n[0],
                                                    sizeof(n[0])));
    webText(rq, json_string_value(json_object_get(p, "lowest_serial")));
    webRaw(rq, "</td><td>");
    if (j)
    {
      webTextf(rq, "#%lld ", (long long)json_integer_value(json_object_get(j, "request")));
      webText(rq, json_string_value(json_object_get(j, "serial")));
    }
    else
      webText(rq, W_(rq, "idle"));
    webRaw(rq, "</td></tr>\n");
  }
  if (!json_array_size(json_object_get(o, "printers")))
  {
    webRaw(rq, "<tr><td colspan=\"5\">");
    webText(rq, W_(rq, "No printers."));
    webRaw(rq, "</td></tr>\n");
  }
  webRaw(rq, "</tbody>\n</table>\n<h2>");
  webText(rq, W_(rq, "Cards"));
  webRaw(rq, "</h2>\n<dl>\n");
  board_count(rq, W_(rq, "Printed today"), "printed-today", "printed_today", o);
  board_count(rq, W_(rq, "In the queue"), "queue", "pending", o);
  board_count(rq, W_(rq, "At the printers"), "at-printers", "at_printers", o);
  board_count(rq, W_(rq, "Suspect, waiting for a person"), "suspect", "suspect", o);
  webRaw(rq, "<dt>");
  webText(rq, W_(rq, "Residents' lookups since the server started (found / limited)"));
  q = json_object_get(o, "lookups");
  board_rawf(rq, "</dt><dd id=\"lookups\">%s (%s / %s)</dd>\n</dl>\n<h2>",
             webCount(rq, json_integer_value(json_object_get(q, "answered")), n[0], sizeof(n[0])),
             webCount(rq, json_integer_value(json_object_get(q, "found")), n[1], sizeof(n[1])),
             webCount(rq, json_integer_value(json_object_get(q, "limited")), n[2], sizeof(n[2])));
  webText(rq, W_(rq, "Next in the queue (by priority, then age)"));
  webRaw(rq, "</h2>\n");
  board_head(rq, qcols, "next");
  json_array_foreach(json_object_get(o, "queue"), i, q)
  {
    board_rawf(rq, "<tr><td>#%lld</td><td>%lld</td><td>", (long long)json_integer_value(json_object_get(q, "request")),
             (long long)json_integer_value(json_object_get(q, "priority")));
    webText(rq, json_string_value(json_object_get(q, "recorded")));
    webRaw(rq, "</td></tr>\n");
  }
  /* The words the script needs, in the page's language */
  webRaw(rq, "</tbody>\n</table>\n<p id=\"updated\" data-sep=\"");
  webText(rq, webSeparator(rq));
  webRaw(rq, "\" data-idle=\"");
  webText(rq, W_(rq, "idle"));
  webRaw(rq, "\" data-running=\"");
  webText(rq, board_state(rq, "running"));
  webRaw(rq, "\" data-paused=\"");
  webText(rq, board_state(rq, "paused"));
  webRaw(rq, "\" data-check-needed=\"");
  webText(rq, board_state(rq, "check-needed"));
  webRaw(rq, "\"></p>\n<script src=\"/board.js\"></script>\n");
  json_decref(o);
  webPageEnd(rq);
}


/* GET /board.json: the board's figures for its script. */
static void
page_board_json(web_req_t *rq)		/* I - Request */
{
  json_t	*o = board_gather(rq);
  char		*text = o ? json_dumps(o, JSON_COMPACT) : NULL;

  rq->content_type = "application/json";
  if (text)
    webRaw(rq, text);
  else
    rq->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
  free(text);
  json_decref(o);
}


/* GET /board.js: redraw the board from /board.json every second (the only
   script: text goes in through textContent, never as HTML). */
static void
page_board_js(web_req_t *rq)		/* I - Request */
{
  rq->content_type = "text/javascript; charset=utf-8";
  webRaw(rq,
"'use strict';\n"
"(function () {\n"
"  var words = document.getElementById('updated'), idle = words.getAttribute('data-idle');\n"
"  var states = {};\n"
"  ['running', 'paused', 'check-needed'].forEach(function (k) { states[k] = words.getAttribute('data-' + k); });\n"
"  var sep = words.getAttribute('data-sep');\n"
"  function num(v) { return String(v).replace(/\\B(?=(\\d{3})+(?!\\d))/g, sep); }\n"
"  function cell(tr, text) { var td = document.createElement('td'); td.textContent = text; tr.appendChild(td); }\n"
"  function draw(b) {\n"
"    var tb = document.getElementById('printers'), qb = document.getElementById('next');\n"
"    tb.textContent = '';\n"
"    b.printers.forEach(function (p) {\n"
"      var tr = document.createElement('tr');\n"
"      tr.className = p.state;\n"
"      cell(tr, p.name);\n"
"      cell(tr, (states[p.state] || p.state) + (p.reason ? ': ' + p.reason : ''));\n"
"      cell(tr, num(p.hopper_count));\n"
"      cell(tr, p.lowest_serial);\n"
"      cell(tr, p.job ? '#' + p.job.request + ' ' + p.job.serial : idle);\n"
"      tb.appendChild(tr);\n"
"    });\n"
"    var ids = { 'printed-today': 'printed_today', 'queue': 'pending', 'at-printers': 'at_printers',\n"
"                'suspect': 'suspect' };\n"
"    Object.keys(ids).forEach(function (k) { document.getElementById(k).textContent = num(b[ids[k]]); });\n"
"    document.getElementById('lookups').textContent = num(b.lookups.answered) + ' (' + num(b.lookups.found) + ' / ' +\n"
"      num(b.lookups.limited) + ')';\n"
"    qb.textContent = '';\n"
"    b.queue.forEach(function (q) {\n"
"      var tr = document.createElement('tr');\n"
"      cell(tr, '#' + q.request); cell(tr, String(q.priority)); cell(tr, q.recorded);\n"
"      qb.appendChild(tr);\n"
"    });\n"
"    document.getElementById('updated').textContent = new Date().toLocaleTimeString();\n"
"  }\n"
"  function poll() {\n"
"    fetch('/board.json', { credentials: 'same-origin', cache: 'no-store' })\n"
"      .then(function (r) { if (r.status !== 200) throw r.status; return r.json(); })\n"
"      .then(draw).catch(function () {}).then(function () { setTimeout(poll, 1000); });\n"
"  }\n"
"  setTimeout(poll, 1000);\n"
"})();\n");
}


/* A bar chart of blanks per place, drawn on the server as SVG: one bar
   a place, its length to scale, its name and count as text. */
static void
dash_chart(web_req_t                *rq,	/* I - Request */
           const inv_stock_report_t *f)		/* I - The stock's figures */
{
  int64_t	max = 1;

  for (size_t i = 0; i < f->nlocs; i ++)
    if (f->locs[i].blanks > max)
      max = f->locs[i].blanks;
  board_rawf(rq, "<svg id=\"stock-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"%d\" "
                 "viewBox=\"0 0 640 %d\" role=\"img\" aria-labelledby=\"stock-chart-title\">\n<title id=\"stock-chart-title\">",
             (int)(f->nlocs * 28 + 10), (int)(f->nlocs * 28 + 10));
  webText(rq, W_(rq, "Blanks per place"));
  webRaw(rq, "</title>\n");
  for (size_t i = 0; i < f->nlocs; i ++)
  {
    int64_t	v = f->locs[i].blanks;
    int		w = (int)(v * 380 / max), y = (int)i * 28 + 5;
    char	n[32];

    board_rawf(rq, "<text x=\"0\" y=\"%d\" font-size=\"13\">", y + 16);
    webText(rq, f->locs[i].code);
    board_rawf(rq, "</text><rect x=\"170\" y=\"%d\" width=\"%d\" height=\"20\" fill=\"#1f4e79\"/>"
                   "<text x=\"%d\" y=\"%d\" font-size=\"13\">%s</text>\n", y, w > 0 ? w : 1, 176 + w, y + 16,
               webCount(rq, v, n, sizeof(n)));
  }
  webRaw(rq, "</svg>\n");
}


/* Days left as people read them: a number, or "-" when nothing is used. */
static void
dash_days(web_req_t *rq,		/* I - Request */
          int64_t   days)		/* I - invStockDaysLeft's answer */
{
  char n[32];

  webRaw(rq, days < 0 ? "-" : webCount(rq, days, n, sizeof(n)));
}


/* Stock per place: blanks, use a day and days left (invStockReport's, the
   figures of inventory report stock), the chart, the office's days left
   and the warning. */
static void
dash_stock(web_req_t *rq)		/* I - Request */
{
  inv_stock_report_t	f;
  const char		*cols[] = { W_(rq, "Place"), W_(rq, "Kind"), W_(rq, "Blanks"), W_(rq, "Use a day"),
                                    W_(rq, "Days left"), NULL };
  char			text[512], n[32];

  webRaw(rq, "<h2>");
  webText(rq, W_(rq, "Stock per place"));
  webRaw(rq, "</h2>\n");
  if (invStockReport(rq->web->db, time(NULL), rq->web->config->supply_horizon, &f) != INV_OK)
  {
    invStockReportFree(&f);
    webRaw(rq, "<p>");
    webText(rq, W_(rq, "The stock cannot be read now."));
    webRaw(rq, "</p>\n");
    return;
  }
  board_head(rq, cols, "stock");
  for (size_t i = 0; i < f.nlocs; i ++)
  {
    const inv_stock_loc_t *l = f.locs + i;

    webRaw(rq, "<tr><td>");
    webText(rq, l->code);
    webRaw(rq, "</td><td>");
    webText(rq, invKindName(l->kind));
    snprintf(text, sizeof(text), "%.1f", invStockPerDay(l->used));
    if (!rq->english && strchr(text, '.'))
      *strchr(text, '.') = ',';		/* Indonesian decimal comma: "6,0" */
    board_rawf(rq, "</td><td>%s</td><td>%s</td><td class=\"days-left\">", webCount(rq, l->blanks, n, sizeof(n)),
               text);
    dash_days(rq, invStockDaysLeft(l->blanks, l->used));
    webRaw(rq, "</td></tr>\n");
  }
  webRaw(rq, "</tbody>\n</table>\n<dl>\n<dt>");
  webText(rq, W_(rq, "Total"));
  board_rawf(rq, "</dt><dd id=\"total\">%s</dd>\n<dt>", webCount(rq, f.total, n, sizeof(n)));
  webText(rq, W_(rq, "Days of stock left in the office"));
  webRaw(rq, "</dt><dd id=\"days-left\">");
  dash_days(rq, invStockDaysLeft(f.total, f.consumed));
  webRaw(rq, "</dd>\n</dl>\n");
  if (invStockWarning(&f))
  {
    int64_t left = invStockDaysLeft(f.total, f.consumed);

    webRaw(rq, "<p id=\"stock-warning\"><strong>");
    if (f.need.need > 0)
      snprintf(text, sizeof(text), W_(rq, "Warning: %s more blanks are needed for the waiting and expected "
                                          "requests of the next %d days; request blanks now."),
               webCount(rq, f.need.need, n, sizeof(n)), f.need.horizon);
    else if (left > 0)
      snprintf(text, sizeof(text), W_(rq, "Warning: the office's blanks last about %s more days at the rate of "
                                          "the last %d days; order blanks now."), webCount(rq, left, n, sizeof(n)),
               INV_STOCK_WINDOW);
    else
      snprintf(text, sizeof(text), "%s", W_(rq, "Warning: the office has no blanks left; order blanks now."));
    webText(rq, text);
    webRaw(rq, "</strong></p>\n");
  }
  dash_chart(rq, &f);
  invStockReportFree(&f);
}


/* The last verify result (the note verify keeps beside the ledger) and
   the last signed checkpoint. */
static void
dash_checks(web_req_t *rq)		/* I - Request */
{
  inv_verify_last_t	last;
  inv_anchor_t		anchor;
  bool			found = false;
  char			when[64], text[400], n[32];

  webRaw(rq, "<h2>");
  webText(rq, W_(rq, "Checks of the books"));
  webRaw(rq, "</h2>\n<p id=\"verify\">");
  invVerifyLast(invDbGetPath(rq->web->db), &last, &found);
  if (found)
  {
    invDateFormatLocal(last.time, false, when, sizeof(when));
    if (last.ok)
      snprintf(text, sizeof(text), W_(rq, "Last check: %s \342\200\224 good (%s events, chain head %.16s\342\200\246)."),
               when, webCount(rq, last.events, n, sizeof(n)), last.head);
    else
      snprintf(text, sizeof(text), W_(rq, "Last check: %s \342\200\224 A PROBLEM was found (first bad event %lld); "
                                          "run inventory verify."), when, (long long)last.bad_event);
    webText(rq, text);
  }
  else
    webText(rq, W_(rq, "Last check: none recorded yet: run inventory verify."));
  webRaw(rq, "</p>\n<p id=\"anchor\">");
  webText(rq, W_(rq, "Last signed checkpoint:"));
  webRaw(rq, " ");
  found = false;
  if (invAnchorLatest(rq->web->db, &anchor, &found) == INV_OK && found)
  {
    snprintf(text, sizeof(text), W_(rq, "Event %lld, signed %s (%s), key %s."), (long long)anchor.event,
             invDateFormatLocal(anchor.time, false, when, sizeof(when)), anchor.mark, anchor.keyid);
    webText(rq, text);
  }
  else
    webText(rq, W_(rq, "None yet: run inventory anchor."));
  webRaw(rq, "</p>\n");
}


#define DASH_RECORDS	5		/* Latest records of each kind listed */

typedef struct dash_rec_s		/* One official record to list */
{
  char		number[INV_NUMBER_MAX],	/* Official number */
		when[32],		/* When it was sealed (UTC) */
		command[160];		/* The command that prints it */
} dash_rec_t;

typedef struct dash_recs_s		/* The latest records of one kind */
{
  dash_rec_t	rec[DASH_RECORDS];	/* Ring of the latest */
  size_t	count;			/* Seen, in all */
} dash_recs_t;


/* Keep one record in the ring (the lists come oldest first). */
static void
dash_keep(dash_recs_t *r,		/* I - The kind's records */
          const char  *number,		/* I - Official number */
          const char  *when,		/* I - When sealed */
          const char  *command)		/* I - The command that prints it */
{
  dash_rec_t *d = r->rec + r->count ++ % DASH_RECORDS;

  snprintf(d->number, sizeof(d->number), "%s", number);
  snprintf(d->when, sizeof(d->when), "%s", when);
  snprintf(d->command, sizeof(d->command), "%s", command);
}


/* A destruction record or write-off with its number (sealed). */
static void
dash_record(void               *ctx,	/* I - dash_recs_t */
            const inv_record_t *rec)	/* I - Record */
{
  char	command[160];
  bool	destruction = !strcmp(rec->type, "destruction");

  if (!rec->number || !rec->number[0])
    return;
  if (destruction)
    snprintf(command, sizeof(command), "inventory report destruction %lld --format pdf -o FILE", (long long)rec->id);
  else
    snprintf(command, sizeof(command), "inventory writeoff show %lld", (long long)rec->id);
  dash_keep(ctx, rec->number, destruction ? rec->executed : rec->approved, command);
}


/* A handover (berita acara serah terima). */
static void
dash_handover(void                 *ctx,	/* I - dash_recs_t */
              const inv_handover_t *h)		/* I - Handover */
{
  char command[160];

  if (!h->number || !h->number[0])
    return;
  snprintf(command, sizeof(command), "inventory report handover %.100s -o FILE", h->ref);
  dash_keep(ctx, h->number, h->time, command);
}


/* One kind's list, newest first: number, date and the command that prints
   the record (the PDF is made by the report code, in the inventory
   program: see doc/security.md). */
static void
dash_list(web_req_t         *rq,	/* I - Request */
          const char        *title,	/* I - Heading, translated */
          const char        *id,	/* I - The list's id */
          const dash_recs_t *r)		/* I - Records */
{
  size_t	n = r->count < DASH_RECORDS ? r->count : DASH_RECORDS;
  char		when[64];

  webRaw(rq, "<h3>");
  webText(rq, title);
  board_rawf(rq, "</h3>\n<ul id=\"%s\">\n", id);
  for (size_t k = 0; k < n; k ++)
  {
    const dash_rec_t *d = r->rec + (r->count - 1 - k) % DASH_RECORDS;

    webRaw(rq, "<li><strong class=\"number\">");
    webText(rq, d->number);
    webRaw(rq, "</strong>, ");
    webText(rq, d->when[0] ? invDateFormatLocal(d->when, false, when, sizeof(when)) : "-");
    webRaw(rq, "; ");
    webText(rq, W_(rq, "print it with"));
    webRaw(rq, " <code>");
    webText(rq, d->command);
    webRaw(rq, "</code></li>\n");
  }
  if (!n)
  {
    webRaw(rq, "<li>");
    webText(rq, W_(rq, "None yet."));
    webRaw(rq, "</li>\n");
  }
  webRaw(rq, "</ul>\n");
}


/* The latest official records: destruction records, write-offs and
   handovers with their official numbers and dates. */
static void
dash_records(web_req_t *rq)		/* I - Request */
{
  dash_recs_t	destr, woff, hand;

  memset(&destr, 0, sizeof(destr));
  memset(&woff, 0, sizeof(woff));
  memset(&hand, 0, sizeof(hand));
  webRaw(rq, "<h2>");
  webText(rq, W_(rq, "Latest official records"));
  webRaw(rq, "</h2>\n");
  if (invRecordList(rq->web->db, INV_RECORD_DESTRUCTION, dash_record, &destr) != INV_OK ||
      invRecordList(rq->web->db, INV_RECORD_WRITEOFF, dash_record, &woff) != INV_OK ||
      invHandoverList(rq->web->db, NULL, dash_handover, &hand) != INV_OK)
  {
    webRaw(rq, "<p>");
    webText(rq, W_(rq, "The records cannot be read now."));
    webRaw(rq, "</p>\n");
    return;
  }
  dash_list(rq, W_(rq, "Destruction records (berita acara pemusnahan)"), "destructions", &destr);
  dash_list(rq, W_(rq, "Write-offs"), "writeoffs", &woff);
  dash_list(rq, W_(rq, "Handovers (berita acara serah terima)"), "handovers", &hand);
}


#define DASH_DELIVERED_DAYS	30	/* Window of "delivered in the last days" */

/* Delivery of printed cards (issue 14): not yet handed over, in transit,
   at kecamatan and kelurahan, handed over in the last 30 days, unclaimed
   beyond the office's limit (invDeliverySummary). */
static void
dash_delivery(web_req_t *rq)		/* I - Request */
{
  inv_delivery_sum_t	d;
  char			label[200];

  webRaw(rq, "<h2>");
  webText(rq, W_(rq, "Delivery of printed cards"));
  webRaw(rq, "</h2>\n");
  if (invDeliverySummary(rq->web->db, time(NULL), DASH_DELIVERED_DAYS, rq->web->config->unclaimed_days, &d) != INV_OK)
  {
    webRaw(rq, "<p>");
    webText(rq, W_(rq, "The delivery figures cannot be read now."));
    webRaw(rq, "</p>\n");
    return;
  }
  webRaw(rq, "<dl>\n");
  board_figure(rq, W_(rq, "Printed, not yet handed over"), "undelivered", d.undelivered);
  board_figure(rq, W_(rq, "At the office, not dispatched"), "at-office", d.office);
  board_figure(rq, W_(rq, "In transit"), "in-transit", d.transit);
  board_figure(rq, W_(rq, "At kecamatan"), "at-kecamatan", d.kecamatan);
  board_figure(rq, W_(rq, "At kelurahan"), "at-kelurahan", d.kelurahan);
  snprintf(label, sizeof(label), W_(rq, "Handed over in the last %d days"), d.days);
  board_figure(rq, label, "delivered-recent", d.delivered_recent);
  snprintf(label, sizeof(label), W_(rq, "Unclaimed (at a place over %d days)"), d.limit);
  board_figure(rq, label, "unclaimed", d.unclaimed);
  webRaw(rq, "</dl>\n");
}


/* GET /dashboard: stock per place with days left, the warning and a
   chart, the backlog's and the delivery's figures, the last verify result and signed
   checkpoint, the latest official records (admin, auditor); counts,
   numbers and dates only. */
static void
page_dashboard(web_req_t *rq)		/* I - Request */
{
  inv_status_t	status;
  json_t	*backlog = invBacklogJson(rq->web->db, rq->web->config->target_days, false, &status);

  webPageBegin(rq, W_(rq, "Dashboard"), 0);
  dash_stock(rq);
  webRaw(rq, "<h2>");
  webText(rq, W_(rq, "Backlog"));
  webRaw(rq, "</h2>\n");
  if (backlog)
  {
    webRaw(rq, "<dl>\n");
    board_count(rq, W_(rq, "Waiting requests"), "waiting", "waiting", backlog);
    board_count(rq, W_(rq, "Oldest, days"), "oldest-days", "oldest_days", backlog);
    board_count(rq, W_(rq, "Median, days"), "median-days", "median_days", backlog);
    board_count(rq, W_(rq, "90th percentile, days"), "p90-days", "p90_days", backlog);
    board_count(rq, W_(rq, "Past the service target"), "overdue", "overdue", backlog);
    board_count(rq, W_(rq, "Service target, days"), "target-days", "target_days", backlog);
    webRaw(rq, "</dl>\n");
  }
  dash_delivery(rq);
  dash_checks(rq);
  dash_records(rq);
  json_decref(backlog);
  webPageEnd(rq);
}


/* 401 from the JSON API: no token, a wrong or a revoked one. */
void
webApiUnauthorized(web_req_t *rq)	/* I - Request */
{
  rq->status = MHD_HTTP_UNAUTHORIZED;
  rq->challenge = true;
  rq->content_type = "application/json";
  rq->out.len = 0;
  webRaw(rq, "{\"error\": \"a working API token is needed (Authorization: Bearer TOKEN)\"}\n");
}


/* Send a JSON object of the API (NULL: the ledger failed), and free it. */
static void
api_send(web_req_t *rq,			/* I - Request */
         json_t    *o)			/* I - Object, or NULL */
{
  char *text = o ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;

  rq->content_type = "application/json";
  if (text)
  {
    webRaw(rq, text);
    webRaw(rq, "\n");
  }
  else
  {
    rq->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    webRaw(rq, "{\"error\": \"the ledger could not be read\"}\n");
  }
  free(text);
  json_decref(o);
}


/* GET /api/stock: inventory stock --json. */
static void
page_api_stock(web_req_t *rq)		/* I - Request */
{
  inv_status_t status;

  api_send(rq, invStockJson(rq->web->db, NULL, false, &status));
}


/* GET /api/stock-report: inventory report stock --json (invStockReport's
   figures, the dashboard's). */
static void
page_api_stock_report(web_req_t *rq)	/* I - Request */
{
  inv_stock_report_t	f;
  json_t		*o = NULL;

  if (invStockReport(rq->web->db, time(NULL), rq->web->config->supply_horizon, &f) == INV_OK)
    o = invStockReportJson(&f, rq->web->config->office);
  invStockReportFree(&f);
  api_send(rq, o);
}


/* GET /api/backlog: printctl backlog --json (counts only: never --list). */
static void
page_api_backlog(web_req_t *rq)		/* I - Request */
{
  inv_status_t status;

  api_send(rq, invBacklogJson(rq->web->db, rq->web->config->target_days, false, &status));
}


/* GET /api/status: printctl status --json (the engine asks CUPS). */
static void
page_api_status(web_req_t *rq)		/* I - Request */
{
  inv_status_t status;

  api_send(rq, dspStatusJson(rq->web->db, "blanko-web", &status));
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


/* A place as the resident reads it: its name ("Kelurahan Kuningan"), the
   kind put before a bare name, or the kind and code without a name. */
static void
resident_place(web_req_t         *rq,	/* I - Request */
               const inv_place_t *p,	/* I - Place */
               char              *buf,	/* O - Text */
               size_t            bufsize)	/* I - Its size */
{
  const char	*kind = p->kind == INV_KIND_KECAMATAN ? W_(rq, "Kecamatan") : W_(rq, "Kelurahan");
  size_t	klen = strlen(kind);

  if (p->name[0] && (!strncasecmp(p->name, kind, klen) || !strncasecmp(p->name, "desa ", 5)))
    snprintf(buf, bufsize, "%s", p->name);
  else
    snprintf(buf, bufsize, "%s %s", kind, p->name[0] ? p->name : p->code);
}


/* The resident's answer in plain words: where the card is and since when
   (invCardWhere), or how far the request is. */
static void
resident_answer(web_req_t            *rq,	/* I - Request */
                const inv_resident_t *res,	/* I - The lookup's answer */
                const inv_where_t    *w,	/* I - Where its card is */
                char                 *text,	/* O - Answer */
                size_t               textsize)	/* I - Its size */
{
  const char		*office = rq->web->config->office[0] ? rq->web->config->office : rq->web->config->government;
  char			when[64], place[300];

  resident_date(rq, w->since[0] ? w->since : res->since, when, sizeof(when));
  if (w->state == INV_WHERE_TRANSIT || w->state == INV_WHERE_PLACE)
    resident_place(rq, &w->place, place, sizeof(place));
  switch (w->state)
  {
    case INV_WHERE_OFFICE :
        snprintf(text, textsize, W_(rq, "Your card has been printed; it can be collected at %s since %s."),
                 office[0] ? office : W_(rq, "the office"), when);
        break;
    case INV_WHERE_TRANSIT :
        snprintf(text, textsize, W_(rq, "Your card has been printed and is on its way to %s (sent on %s)."), place,
                 when);
        break;
    case INV_WHERE_PLACE :
        snprintf(text, textsize, W_(rq, "Your card has been printed; it can be collected at %s since %s."), place,
                 when);
        break;
    case INV_WHERE_DELIVERED :
        snprintf(text, textsize, W_(rq, "Your card has already been handed over, on %s."), when);
        break;
    case INV_WHERE_RETURNED :
        snprintf(text, textsize, W_(rq, "Your card was taken back to the office on %s; please ask at the counter."),
                 when);
        break;
    case INV_WHERE_LOST :
    case INV_WHERE_OTHER :
        snprintf(text, textsize, "%s", W_(rq, "Please ask at the counter about your card."));
        break;
    default :
        if (!strcmp(res->state, "submitted"))
          snprintf(text, textsize, "%s", W_(rq, "Your card is being printed now."));
        else if (!strcmp(res->state, "suspect"))
          snprintf(text, textsize, "%s", W_(rq, "Your card is being checked by the print room. Please ask at the "
                                                "counter."));
        else
          snprintf(text, textsize, "%s", W_(rq, "Your card is still in the print queue."));
        break;
  }
}


/* POST / on the public site: the state of one card, for the right NIK and
   code only.  A wrong code and an unknown NIK get the same page (the same
   bytes), through the same lookup; the NIK is neither logged nor shown. */
static void
page_resident(web_req_t *rq)		/* I - Request */
{
  char			nik[40] = "", code[40] = "", text[600];
  bool			match = false;
  inv_resident_t	res;
  inv_where_t		where;

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
  if (invResidentLookup(rq->web->db, nik, code, &match, &res) != INV_OK ||
      (match && invCardWhere(rq->web->db, nik, &where) != INV_OK))
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
    resident_answer(rq, &res, &where, text, sizeof(text));
    webText(rq, text);
  }
  webRaw(rq, "</p>\n");
  resident_form(rq);
  webPageEnd(rq);
}


/*
 * The route table: site, method, path, who may see it, the page.
 * Roles: 0 needs no login; WEB_ANY_ROLE any staff member logged in;
 * WEB_TOKEN a working API token (read-only, for the province's systems);
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
  { WEB_SITE_STAFF, "GET", "/board.json", BOARD_ROLES, page_board_json },
  { WEB_SITE_STAFF, "GET", "/board.js", 0, page_board_js },
  { WEB_SITE_STAFF, "GET", "/dashboard", INV_ROLE_ADMIN | INV_ROLE_AUDITOR, page_dashboard },
  { WEB_SITE_STAFF, "GET", "/api/stock", WEB_TOKEN, page_api_stock },
  { WEB_SITE_STAFF, "GET", "/api/stock-report", WEB_TOKEN, page_api_stock_report },
  { WEB_SITE_STAFF, "GET", "/api/backlog", WEB_TOKEN, page_api_backlog },
  { WEB_SITE_STAFF, "GET", "/api/status", WEB_TOKEN, page_api_status },
  { WEB_SITE_PUBLIC, "GET", "/", 0, page_resident_form },
  { WEB_SITE_PUBLIC, "POST", "/", 0, page_resident },
  { 0, NULL, NULL, 0, NULL }
};
