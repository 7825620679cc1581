/*
 * printctl verify-qr: is a card's QR payload genuine, and is the card valid?
 *
 * The seal proves the payload was made with this site's key: a KTP2
 * payload's ECDSA signature is checked with the public half of the signing
 * key it names (the ledger's keys, or exported public keys given with
 * --public-key, on a machine with no ledger); a KTP1 payload's HMAC check
 * value with the old site key "<ledger>.key", where it is kept.  Then
 * the ledger says whether the card is valid: its blank must be issued (or
 * handed to its holder: "delivered", issue 14) and
 * bound to a printed request of the payload's NIK.  Otherwise it says why
 * not: the card was reported lost, spoiled, made invalid or destroyed (the
 * account its serial is in), its request was superseded or cancelled, it
 * is a PREVIEW (rendered before a blank was assigned: not a card), or no
 * card of this holder was printed on that blank here.
 *
 * Exit status (printctl.1): 0 genuine and valid; 1 forged, altered or
 * malformed; 2 usage; 3 genuine but not valid (the reason printed); 4
 * genuine, validity unknown (--offline or --public-key: checked without
 * the ledger).
 */

#include "commands.h"
#include "blanko/privilege.h"
#include "../render/qrpayload.h"
#include "../card/sitekey.h"
#include "blanko/keyring.h"
#include "blanko/suket.h"
#include "blanko/date.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QR_EXIT_INVALID	3		/* Genuine but not valid */
#define QR_EXIT_UNKNOWN	4		/* Genuine, validity unknown */

typedef struct lookup_s			/* The request printed on a serial */
{
  int64_t	id;
  char		state[16];
  bool		nik_matches;
  int64_t	superseded_by;
  const char	*nik;			/* NIK in the payload */
} lookup_t;


/* Options of the command, checked by cliMain before the ledger opens. */
const struct option cmdVerifyQROptions[] =
{
  { "offline", no_argument, NULL, 'o' },
  { "public-key", required_argument, NULL, 'k' | CLI_PATH },
  { NULL, 0, NULL, 0 }
};


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


/*
 * Say why a card taken out of use is no longer valid, from the account its
 * serial is in and the detail of the move there; false when the account
 * is not one of the out-of-use states.
 */

static bool
out_of_use(const char *serial,		/* I - The card's serial */
           const char *holder,		/* I - Account holding it */
           const char *detail,		/* I - Detail of the move there, or NULL */
           char       *what,		/* O - The verdict's text */
           size_t     whatsize)		/* I - Its size */
{
  json_t	*d = detail ? json_loads(detail, 0, NULL) : NULL;
  const char	*reason = json_string_value(json_object_get(d, "reason")) ?: "",
		*police = json_string_value(json_object_get(d, "police_report")) ?: "";
  bool		known = true;

  if (!strcmp(holder, "reported-lost") && *police)
    snprintf(what, whatsize, _("genuine but no longer valid: card %s was reported lost (police report %s)"), serial,
             police);
  else if (!strcmp(holder, "reported-lost"))
    snprintf(what, whatsize, _("genuine but no longer valid: card %s was reported lost"), serial);
  else if (!strcmp(holder, "spoiled"))
    snprintf(what, whatsize, _("genuine but no longer valid: card %s was spoiled (%s)"), serial, reason);
  else if (!strcmp(holder, "invalid"))
    snprintf(what, whatsize, _("genuine but no longer valid: card %s was made invalid (%s)"), serial, reason);
  else if (!strcmp(holder, "destroyed"))
    snprintf(what, whatsize, _("genuine but no longer valid: card %s was destroyed"), serial);
  else
    known = false;
  json_decref(d);
  return (known);
}


/* The keys a payload sealed with an ECDSA key needs: the exported public
 * keys given, or the ledger's keys; NULL with the failure on cli. */
static inv_keyring_t *
open_keys(cli_t      *cli,		/* I - Command context */
          const char **pubkeys,		/* I - --public-key files */
          int        npubkeys,		/* I - How many */
          int        *result)		/* O - Failure */
{
  const char	*ledger = cliGetDb(cli) ? invDbGetPath(cliGetDb(cli)) : cliGetDbPath(cli);
  char		error[1024];
  inv_keyring_t	*kr;

  if (npubkeys == 0)
  {
    if ((kr = invKeyringOpen(ledger, INV_KEYRING_READ, error, sizeof(error))) == NULL)
      *result = cliFail(cli, CLI_REFUSED, "%s", error);
    return (kr);
  }
  if ((kr = invKeyringNewPublic(error, sizeof(error))) == NULL)
  {
    *result = cliFail(cli, CLI_REFUSED, "%s", error);
    return (NULL);
  }
  for (int i = 0; i < npubkeys; i ++)
  {
    /* The user's file, opened with the user's own rights. */
    int		fd = cliPrivUserOpen(pubkeys[i], O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
    bool	ok;

    if (fd < 0)
      snprintf(error, sizeof(error), _("cannot read %s: %s"), pubkeys[i], strerror(errno));
    ok = fd >= 0 && invKeyringAddPublicFd(kr, fd, pubkeys[i], error, sizeof(error));
    if (fd >= 0)
      close(fd);
    if (!ok)
    {
      invKeyringDelete(kr);
      *result = cliFail(cli, CLI_REFUSED, "%s", error);
      return (NULL);
    }
  }
  return (kr);
}


/* The keys a payload's seal needs: the exported public keys given, or
 * the ledger's signing keys (KTP2); the old site key beside the ledger
 * (KTP1).  Then check the seal; CLI_OK when genuine, else the failure.
 * Also printctl handover's check of a scanned card (handover.c). */
int
cmdCheckSeal(cli_t       *cli,		/* I - Command context */
           const char  *payload,	/* I - The payload */
           const char  **pubkeys,	/* I - --public-key files */
           int         npubkeys,	/* I - How many */
           qr_fields_t *f)		/* O - Its fields */
{
  const char	*ledger = cliGetDb(cli) ? invDbGetPath(cliGetDb(cli)) : cliGetDbPath(cli);
  char		error[1024];
  unsigned char	key[SITEKEY_LEN];
  inv_keyring_t	*kr = NULL;
  qr_status_t	qs;
  int		version = qrPayloadVersion(payload),
		result = CLI_REFUSED;

  /* A payload of no known form is malformed whatever keys are here. */
  if (qrPayloadCheck(payload, NULL, NULL, 0, f) == QR_MALFORMED)
    return (cliFail(cli, CLI_REFUSED, "%s", _("malformed: not a KTP2 or KTP1 card payload")));
  if (version == 2 && (kr = open_keys(cli, pubkeys, npubkeys, &result)) == NULL)
    return (result);
  else if (version == 1 && npubkeys > 0)
    return (cliFail(cli, CLI_REFUSED, "%s", _("a KTP1 card's seal can be checked only with the old site key, where "
                                              "the ledger is; a public key cannot check it")));
  else if (version == 1 && !siteKeyLoad(ledger, key, error, sizeof(error)))
    return (cliFail(cli, CLI_REFUSED, "%s", error));

  qs = qrPayloadCheck(payload, kr, version == 1 ? key : NULL, sizeof(key), f);
  explicit_bzero(key, sizeof(key));
  invKeyringDelete(kr);
  switch (qs)
  {
    case QR_GENUINE :
        return (CLI_OK);
    case QR_UNKNOWN_KEY :
        return (cliFail(cli, CLI_REFUSED, npubkeys > 0 ?
                        _("forged or unknown: sealed with key %s, which is none of the public keys given") :
                        _("forged or unknown: sealed with key %s, which is not one of this site's keys"), f->keyid));
    case QR_FORGED :
        if (version == 2)
          return (cliFail(cli, CLI_REFUSED, _("forged or altered: the signature does not match key %s"), f->keyid));
        return (cliFail(cli, CLI_REFUSED, "%s", _("forged or altered: the check value does not match this site's key")));
    default :
        return (cliFail(cli, CLI_REFUSED, "%s", _("malformed: not a KTP2 or KTP1 card payload")));
  }
}


/* Keep a suket's state (callback). */
typedef struct suket_look_s
{
  bool		found;
  char		nik[17], state[16], number[128], valid_until[16], today[16];
} suket_look_t;

static void
suket_look(void              *ctx,	/* I - suket_look_t */
           const inv_suket_t *s)	/* I - Row */
{
  suket_look_t *l = ctx;

  l->found = true;
  snprintf(l->nik, sizeof(l->nik), "%s", s->nik);
  snprintf(l->state, sizeof(l->state), "%s", invSuketState(s, l->today));
  snprintf(l->number, sizeof(l->number), "%s", s->number);
  snprintf(l->valid_until, sizeof(l->valid_until), "%s", s->valid_until);
}


/* Check a temporary certificate's payload (SKT1): its seal, then the
 * ledger's state of the suket. */
static int
verify_suket(cli_t      *cli,		/* I - Command context */
             const char *payload,	/* I - Payload */
             const char **pubkeys,	/* I - --public-key files */
             int        npubkeys)	/* I - How many */
{
  const blanko_config_t	*config = cliGetConfig(cli);
  const char		*office = config->office[0] ? config->office : "-", *verdict;
  qr_suket_t		f;
  suket_look_t		l;
  inv_keyring_t		*kr;
  char			what[768];
  int			result = CLI_OK;
  qr_status_t		qs;

  if (qrSuketCheck(payload, NULL, &f) == QR_MALFORMED)
    return (cliFail(cli, CLI_REFUSED, "%s", _("malformed: not a valid SKT1 certificate payload")));
  if ((kr = open_keys(cli, pubkeys, npubkeys, &result)) == NULL)
    return (result);
  qs = qrSuketCheck(payload, kr, &f);
  invKeyringDelete(kr);
  if (qs == QR_UNKNOWN_KEY)
    return (cliFail(cli, CLI_REFUSED, _("forged or unknown: sealed with key %s, which is not one of the keys here"),
                    f.keyid));
  if (qs != QR_GENUINE)
    return (cliFail(cli, CLI_REFUSED, _("forged or altered: the signature does not match key %s"), f.keyid));

  memset(&l, 0, sizeof(l));
  invDateLocalToday(0, l.today, sizeof(l.today));
  if (!cliGetDb(cli))
  {
    verdict = "unchecked";
    result = QR_EXIT_UNKNOWN;
    snprintf(what, sizeof(what), _("genuine temporary certificate (suket #%lld) of %s, valid until %s; its state is "
                                   "unknown: checked without the ledger"), f.id, office, f.valid_until);
  }
  else
  {
    if (invSuketGet(cliGetDb(cli), (int64_t)f.id, suket_look, &l, NULL) != INV_OK)
      return (cliFailDb(cli, INV_ERROR));
    if (!l.found || strcmp(l.nik, f.nik))
    {
      verdict = "unknown";
      result = QR_EXIT_INVALID;
      snprintf(what, sizeof(what), "%s", _("genuine seal, but no such temporary certificate was issued here"));
    }
    else if (invSuketStateIsLive(l.state))
    {
      verdict = l.state;
      snprintf(what, sizeof(what), _("genuine temporary certificate %s (suket #%lld) of %s, valid until %s"), l.number,
               f.id, office, l.valid_until);
    }
    else
    {
      verdict = l.state;
      result = QR_EXIT_INVALID;
      snprintf(what, sizeof(what), _("genuine but no longer valid: temporary certificate %s (suket #%lld) of %s is %s"),
               l.number, f.id, office, l.state);
    }
  }
  explicit_bzero(l.nik, sizeof(l.nik));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:b,s:b,s:s,s:s,s:s,s:I,s:s,s:s,s:s}", "genuine", 1, "valid", result == CLI_OK, "kind",
                           "suket", "suket_state", verdict, "why", what, "suket", (json_int_t)f.id, "valid_until",
                           l.valid_until[0] ? l.valid_until : f.valid_until, "office", office, "key", f.keyid));
  else
    printf("%s\n", what);
  return (result);
}


/* Check a QR payload. */
int
cmdVerifyQR(cli_t *cli,			/* I - Command context */
            int   argc,			/* I - Arguments */
            char  *argv[])
{
  char		what[512], holder[65] = "", *detail = NULL;
  const char	*verdict, *pubkeys[16];
  qr_fields_t	f;
  lookup_t	l;
  bool		found = false;
  inv_status_t	status;
  int		c, npubkeys = 0, result = QR_EXIT_INVALID;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    else if (c == 'k' && npubkeys >= (int)(sizeof(pubkeys) / sizeof(pubkeys[0])))
      return (cliUsage(cli, _("too many --public-key files (at most 16)")));
    else if (c == 'k')
      pubkeys[npubkeys ++] = optarg;
  if (optind != argc - 1)
    return (cliUsage(cli, _("give exactly one PAYLOAD")));
  if (!strncmp(argv[optind], QR_PREFIX_SUKET, strlen(QR_PREFIX_SUKET)))
    return (verify_suket(cli, argv[optind], pubkeys, npubkeys));
  if ((result = cmdCheckSeal(cli, argv[optind], pubkeys, npubkeys, &f)) != CLI_OK)
    return (result);
  result = QR_EXIT_INVALID;

  memset(&l, 0, sizeof(l));
  l.nik = f.nik;
  if (f.preview)
  {
    verdict = "preview";
    snprintf(what, sizeof(what), "%s", _("genuine preview: rendered before a blank was assigned, not a card"));
  }
  else if (!cliGetDb(cli))
  {
    verdict = "unchecked";
    result = QR_EXIT_UNKNOWN;
    snprintf(what, sizeof(what), _("genuine seal for card %s, issued %s; validity unknown: checked without "
                                   "the ledger"), f.serial, f.issue_date);
  }
  else
  {
    if ((status = invRequestGetBySerial(cliGetDb(cli), f.serial, lookup_cb, &l, &found)) != INV_OK)
      return (cliFailDb(cli, status));
    /* A serial never received here has no holder: not a card of this ledger. */
    if (invSerialHolder(cliGetDb(cli), f.serial, holder, sizeof(holder), &detail) != INV_OK)
      holder[0] = '\0';
    if (out_of_use(f.serial, holder, detail, what, sizeof(what)))
      verdict = holder;
    else if (!found || !l.nik_matches || (!strcmp(l.state, "printed") && strcmp(holder, "issued") &&
                                          strcmp(holder, "delivered")))
    {
      verdict = "unknown";
      snprintf(what, sizeof(what), _("genuine seal, but no card of this holder was issued on blank %s here"),
               f.serial);
    }
    else if (!strcmp(l.state, "printed"))
    {
      verdict = "issued";
      result = CLI_OK;
      snprintf(what, sizeof(what), _("genuine issued card %s (request #%lld), issued %s"), f.serial,
               (long long)l.id, f.issue_date);
    }
    else
    {
      verdict = l.state;
      if (l.superseded_by)
        snprintf(what, sizeof(what), _("genuine but no longer valid: card %s (request #%lld) is %s by request #%lld"),
                 f.serial, (long long)l.id, l.state, (long long)l.superseded_by);
      else
        snprintf(what, sizeof(what), _("genuine but no longer valid: card %s (request #%lld) is %s"), f.serial,
                 (long long)l.id, l.state);
    }
  }
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:b,s:b,s:s,s:s,s:s,s:s,s:I,s:i,s:s?}", "genuine", 1, "valid", result == CLI_OK, "card",
                           verdict, "why", what, "serial", f.serial, "issue_date", f.issue_date, "request",
                           (json_int_t)l.id, "seal", f.version, "key", f.version == 2 ? f.keyid : NULL));
  else
    printf("%s\n", what);
  free(detail);
  return (result);
}
