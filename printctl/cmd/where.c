/*
 * printctl where: the complaints desk's lookup (issue 14 item 8).  The NIK
 * is read from standard input (a prompt on a terminal), never from the
 * command line; the answer is where that resident's card is now: waiting
 * to be printed, printed (at the office), in transit to a place, at a
 * kecamatan or kelurahan since a date, delivered, returned, lost, or
 * another end (spoiled, invalid, destroyed).  Nothing about any other
 * resident, and not even the resident's own name: the desk has the NIK.
 */

#include "commands.h"
#include "blanko/date.h"
#include "blanko/distribution.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Options of the command. */
const struct option cmdWhereOptions[] =
{
  { NULL, 0, NULL, 0 }
};

typedef struct where_req_s		/* The NIK's latest request */
{
  int64_t	id;			/* Request id, 0 none */
  char		state[32],		/* Its state */
		serial[64],		/* Its card, or "" */
		issued[16],		/* Issue date, or "" */
		recorded[16];		/* Day recorded (office's) */
  bool		live;			/* Neither cancelled nor superseded? */
} where_req_t;

typedef struct where_card_s		/* Where the card is: its last move */
{
  char		account[INV_PLACE_CODE_MAX + 16];	/* Account holding it */
  char		time[40];		/* When it moved there, UTC */
} where_card_t;


/* Keep the latest live request of the NIK (else the latest of all). */
static void
where_request(void                *ctx,	/* I - where_req_t */
              const inv_request_t *r)	/* I - One of the NIK's requests */
{
  where_req_t	*w = ctx;
  bool		live = strcmp(r->state, "cancelled") && strcmp(r->state, "superseded");

  if (w->live && !live)
    return;
  w->id = r->id;
  w->live = live;
  snprintf(w->state, sizeof(w->state), "%s", r->state);
  snprintf(w->serial, sizeof(w->serial), "%s", r->serial ? r->serial : "");
  snprintf(w->issued, sizeof(w->issued), "%s", r->issue_date ? r->issue_date : "");
  snprintf(w->recorded, sizeof(w->recorded), "%s", r->recorded && *r->recorded ? r->recorded : "");
  if (!w->recorded[0])
    invDateLocalDate(r->created, w->recorded, sizeof(w->recorded));
}


/* Keep the card's last move (history is oldest first). */
static void
where_move(void                 *ctx,	/* I - where_card_t */
           const inv_movement_t *m)	/* I - One move of the serial */
{
  where_card_t *c = ctx;

  snprintf(c->account, sizeof(c->account), "%s", m->to);
  snprintf(c->time, sizeof(c->time), "%s", m->event->time);
}


/* Read the NIK: a prompt on a terminal, else one line of standard input. */
static bool
where_read_nik(char   *nik,		/* O - NIK */
               size_t niksize)		/* I - Its size */
{
  if (isatty(STDIN_FILENO))
    fputs(_("NIK: "), stderr);
  if (!fgets(nik, (int)niksize, stdin))
    return (false);
  nik[strcspn(nik, "\r\n")] = '\0';
  return (true);
}


/* Where a resident's card is now, by NIK (read from standard input). */
int
cmdWhere(cli_t *cli,			/* I - Command context */
         int   argc,			/* I - Arguments */
         char  *argv[])
{
  inv_db_t	*db = cliGetDb(cli);
  where_req_t	w;
  where_card_t	card;
  inv_place_t	place;
  char		nik[64], since[32] = "", text[512];
  const char	*state, *to = "", *kind = "";
  inv_status_t	status;
  int		c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
  if (optind < argc)
    return (cliUsage(cli, "%s", _("the NIK is read from standard input, not from the command line")));
  if (!where_read_nik(nik, sizeof(nik)) || !nik[0])
    return (cliFail(cli, CLI_REFUSED, "%s", _("no NIK given")));
  if (strlen(nik) != 16 || strspn(nik, "0123456789") != 16)
    return (cliFail(cli, CLI_REFUSED, "%s", _("a NIK is 16 digits")));
  memset(&w, 0, sizeof(w));
  memset(&card, 0, sizeof(card));
  status = invRequestList(db, NULL, nik, where_request, &w);
  if (status == INV_OK && w.id && !strcmp(w.state, "printed") && w.serial[0])
    status = invHistory(db, w.serial, where_move, &card);
  if (status == INV_OK && card.account[0])
  {
    invDateLocalDate(card.time, since, sizeof(since));
    if (!strncmp(card.account, INV_TRANSIT_PREFIX, strlen(INV_TRANSIT_PREFIX)))
      to = card.account + strlen(INV_TRANSIT_PREFIX);
    else if (invPlaceGet(db, card.account, &place) == INV_OK)
    {
      to = card.account;
      kind = place.kind == INV_KIND_KECAMATAN ? "kecamatan" : "kelurahan";
    }
  }
  explicit_bzero(nik, sizeof(nik));
  if (status != INV_OK)
    return (cliFailDb(cli, status));
  if (!w.id)
    return (cliFail(cli, CLI_REFUSED, "%s", _("no card request has this NIK")));

  /* The state, in the desk's words. */
  if (!strcmp(w.state, "cancelled"))
    state = "cancelled";
  else if (strcmp(w.state, "printed") || !card.account[0])
    state = "pending";
  else if (!strcmp(card.account, "issued"))
    state = "printed";
  else if (*to && !*kind)
    state = "in-transit";
  else if (*to)
    state = "at-place";
  else if (!strcmp(card.account, "delivered"))
    state = "delivered";
  else if (!strcmp(card.account, "returned"))
    state = "returned";
  else if (!strcmp(card.account, "lost") || !strcmp(card.account, "reported-lost"))
    state = "lost";
  else
    state = card.account;			/* spoiled, invalid, destroyed, ... */

  if (cliGetJson(cli))
  {
    json_t *j = json_pack("{s:I,s:s,s:s}", "request", (json_int_t)w.id, "state", state, "recorded", w.recorded);

    if (card.account[0])
    {
      json_object_set_new(j, "serial", json_string(w.serial));
      json_object_set_new(j, "printed", json_string(w.issued));
      json_object_set_new(j, "account", json_string(card.account));
      json_object_set_new(j, "since", json_string(since));
    }
    if (*to)
      json_object_set_new(j, "place", json_string(to));
    if (*kind)
      json_object_set_new(j, "place_kind", json_string(kind));
    cliJsonPrint(j);
    return (CLI_OK);
  }
  if (!strcmp(state, "cancelled"))
    snprintf(text, sizeof(text), _("Request #%lld (recorded %s) was cancelled."), (long long)w.id, w.recorded);
  else if (!strcmp(state, "pending"))
    snprintf(text, sizeof(text), _("Request #%lld (recorded %s) is waiting to be printed."), (long long)w.id, w.recorded);
  else if (!strcmp(state, "printed"))
    snprintf(text, sizeof(text), _("Card %s was printed on %s and is at the office."), w.serial, w.issued);
  else if (!strcmp(state, "in-transit"))
    snprintf(text, sizeof(text), _("Card %s (printed %s) is in transit to %s since %s."), w.serial, w.issued, to, since);
  else if (!strcmp(state, "at-place") && !strcmp(kind, "kecamatan"))
    snprintf(text, sizeof(text), _("Card %s (printed %s) is at kecamatan %s since %s."), w.serial, w.issued, to, since);
  else if (!strcmp(state, "at-place"))
    snprintf(text, sizeof(text), _("Card %s (printed %s) is at kelurahan %s since %s."), w.serial, w.issued, to, since);
  else if (!strcmp(state, "delivered"))
    snprintf(text, sizeof(text), _("Card %s (printed %s) was delivered on %s."), w.serial, w.issued, since);
  else if (!strcmp(state, "returned"))
    snprintf(text, sizeof(text), _("Card %s (printed %s) was returned to the office on %s."), w.serial, w.issued, since);
  else if (!strcmp(state, "lost"))
    snprintf(text, sizeof(text), _("Card %s (printed %s) is recorded lost since %s."), w.serial, w.issued, since);
  else
    snprintf(text, sizeof(text), _("Card %s (printed %s) is in account %s since %s."), w.serial, w.issued, card.account, since);
  puts(text);
  return (CLI_OK);
}
