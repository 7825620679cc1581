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


/* The desk's word for a state (the JSON's "state"). */
static const char *
where_state(const inv_where_t *w)	/* I - The answer */
{
  switch (w->state)
  {
    case INV_WHERE_CANCELLED :
        return ("cancelled");
    case INV_WHERE_OFFICE :
        return ("printed");
    case INV_WHERE_TRANSIT :
        return ("in-transit");
    case INV_WHERE_PLACE :
        return ("at-place");
    case INV_WHERE_DELIVERED :
        return ("delivered");
    case INV_WHERE_RETURNED :
        return ("returned");
    case INV_WHERE_LOST :
        return ("lost");
    case INV_WHERE_OTHER :
        return (w->account);			/* spoiled, invalid, destroyed, ... */
    default :
        return ("pending");
  }
}


/* Where a resident's card is now, by NIK (read from standard input). */
int
cmdWhere(cli_t *cli,			/* I - Command context */
         int   argc,			/* I - Arguments */
         char  *argv[])
{
  inv_where_t	w;
  char		nik[64], since[32] = "", text[512];
  const char	*state, *to, *kind = "";
  inv_status_t	status;

  if (cliParseNothing(cli, argc, argv, _("the NIK is read from standard input, not from the command line")) != CLI_OK)
    return (CLI_USAGE);
  if (!where_read_nik(nik, sizeof(nik)) || !nik[0])
    return (cliFail(cli, CLI_REFUSED, "%s", _("no NIK given")));
  if (strlen(nik) != 16 || strspn(nik, "0123456789") != 16)
    return (cliFail(cli, CLI_REFUSED, "%s", _("a NIK is 16 digits")));
  status = invCardWhere(cliGetDb(cli), nik, &w);
  explicit_bzero(nik, sizeof(nik));
  if (status != INV_OK)
    return (cliFailDb(cli, status));
  if (w.state == INV_WHERE_NONE)
    return (cliFail(cli, CLI_REFUSED, "%s", _("no card request has this NIK")));
  if (w.since[0])
    invDateLocalDate(w.since, since, sizeof(since));
  to = w.place.code;
  if (w.state == INV_WHERE_PLACE)
    kind = w.place.kind == INV_KIND_KECAMATAN ? "kecamatan" : "kelurahan";
  state = where_state(&w);

  if (cliGetJson(cli))
  {
    json_t *j = json_pack("{s:I,s:s,s:s}", "request", (json_int_t)w.request, "state", state, "recorded", w.recorded);

    if (w.account[0])
    {
      json_object_set_new(j, "serial", json_string(w.serial));
      json_object_set_new(j, "printed", json_string(w.printed));
      json_object_set_new(j, "account", json_string(w.account));
      json_object_set_new(j, "since", json_string(since));
    }
    if (*to)
      json_object_set_new(j, "place", json_string(to));
    if (*kind)
      json_object_set_new(j, "place_kind", json_string(kind));
    cliJsonPrint(j);
    return (CLI_OK);
  }
  switch (w.state)
  {
    case INV_WHERE_CANCELLED :
        snprintf(text, sizeof(text), _("Request #%lld (recorded %s) was cancelled."), (long long)w.request, w.recorded);
        break;
    case INV_WHERE_OFFICE :
        snprintf(text, sizeof(text), _("Card %s was printed on %s and is at the office."), w.serial, w.printed);
        break;
    case INV_WHERE_TRANSIT :
        snprintf(text, sizeof(text), _("Card %s (printed %s) is in transit to %s since %s."), w.serial, w.printed, to,
                 since);
        break;
    case INV_WHERE_PLACE :
        if (w.place.kind == INV_KIND_KECAMATAN)
          snprintf(text, sizeof(text), _("Card %s (printed %s) is at kecamatan %s since %s."), w.serial, w.printed,
                   to, since);
        else
          snprintf(text, sizeof(text), _("Card %s (printed %s) is at kelurahan %s since %s."), w.serial, w.printed,
                   to, since);
        break;
    case INV_WHERE_DELIVERED :
        snprintf(text, sizeof(text), _("Card %s (printed %s) was delivered on %s."), w.serial, w.printed, since);
        break;
    case INV_WHERE_RETURNED :
        snprintf(text, sizeof(text), _("Card %s (printed %s) was returned to the office on %s."), w.serial, w.printed,
                 since);
        break;
    case INV_WHERE_LOST :
        snprintf(text, sizeof(text), _("Card %s (printed %s) is recorded lost since %s."), w.serial, w.printed, since);
        break;
    case INV_WHERE_OTHER :
        snprintf(text, sizeof(text), _("Card %s (printed %s) is in account %s since %s."), w.serial, w.printed,
                 w.account, since);
        break;
    default :
        snprintf(text, sizeof(text), _("Request #%lld (recorded %s) is waiting to be printed."), (long long)w.request,
                 w.recorded);
        break;
  }
  puts(text);
  return (CLI_OK);
}
