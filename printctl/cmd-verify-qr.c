/*
 * printctl verify-qr: is a card's QR payload genuine, and what is the card?
 *
 * The check value proves the payload was made with this site's key.  Then
 * the serial says what it is: PREVIEW (rendered before a blank was
 * assigned: not a card), a serial bound to a printed request (an issued
 * card), a serial whose request was since superseded or cancelled (a card
 * made invalid), or a serial this ledger never printed on.
 */

#include "commands.h"
#include "qrpayload.h"
#include "sitekey.h"

#include <stdio.h>
#include <string.h>

typedef struct lookup_s			/* The request printed on a serial */
{
  int64_t	id;
  char		state[16];
  bool		nik_matches;
  int64_t	superseded_by;
  const char	*nik;			/* NIK in the payload */
} lookup_t;


/* Keep what verify-qr needs of the request (callback). */
static void
lookup_cb(void                *ctx,	/* I - lookup_t */
          const inv_request_t *req)	/* I - Request */
{
  lookup_t *l = ctx;

  l->id = req->id;
  snprintf(l->state, sizeof(l->state), "%s", req->state);
  l->nik_matches = !strcmp(req->nik, l->nik);
  l->superseded_by = req->superseded_by;
}


/* Check a QR payload. */
int
cmdVerifyQR(cli_t *cli,			/* I - Command context */
            int   argc,			/* I - Arguments */
            char  *argv[])
{
  unsigned char	key[SITEKEY_LEN];
  char		error[1024], what[256];
  const char	*verdict;
  qr_fields_t	f;
  qr_status_t	qs;
  lookup_t	l;
  bool		found = false;
  inv_status_t	status;

  if (argc != 2)
    return (cliUsage(cli, _("give exactly one PAYLOAD")));
  if (!siteKeyLoad(invDbGetPath(cli->db), false, key, error, sizeof(error)))
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  qs = qrPayloadVerify(argv[1], key, sizeof(key), &f);
  explicit_bzero(key, sizeof(key));
  if (qs == QR_MALFORMED)
    return (cliFail(cli, CLI_REFUSED, "%s", _("malformed: not a KTP1 card payload")));
  if (qs != QR_GENUINE)
    return (cliFail(cli, CLI_REFUSED, "%s", _("forged or altered: the check value does not match this site's key")));

  memset(&l, 0, sizeof(l));
  l.nik = f.nik;
  if (f.preview)
  {
    verdict = "preview";
    snprintf(what, sizeof(what), "%s", _("genuine preview: rendered before a blank was assigned, not a card"));
  }
  else
  {
    if ((status = invRequestGetBySerial(cli->db, f.serial, lookup_cb, &l, &found)) != INV_OK)
      return (cliFailDb(cli, status));
    if (!found || !l.nik_matches)
    {
      verdict = "unknown";
      snprintf(what, sizeof(what), _("genuine check value, but no card of this holder was printed on blank %s here"),
               f.serial);
    }
    else if (!strcmp(l.state, "printed"))
    {
      verdict = "issued";
      snprintf(what, sizeof(what), _("genuine issued card %s (request #%lld), issued %s"), f.serial,
               (long long)l.id, f.issue_date);
    }
    else
    {
      verdict = "invalid";
      if (l.superseded_by)
        snprintf(what, sizeof(what), _("genuine but invalid: card %s (request #%lld) is %s by request #%lld"),
                 f.serial, (long long)l.id, l.state, (long long)l.superseded_by);
      else
        snprintf(what, sizeof(what), _("genuine but invalid: card %s (request #%lld) is %s"), f.serial,
                 (long long)l.id, l.state);
    }
  }
  if (cli->json)
    cliJsonPrint(json_pack("{s:b,s:s,s:s,s:s,s:I}", "genuine", 1, "card", verdict, "serial", f.serial,
                           "issue_date", f.issue_date, "request", (json_int_t)l.id));
  else
    printf("%s\n", what);
  return (CLI_OK);
}
