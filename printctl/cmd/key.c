/*
 * printctl key export | rotate | list: the service's signing keys, which
 * seal every new card's QR payload (KTP2, see render/qrpayload.h).  The
 * private keys stay in "<ledger>.keys/" (blanko/keyring.h); export writes
 * a public key for those who check cards elsewhere (verify-qr
 * --public-key); rotate makes a new key current and records it in the
 * chain; old keys stay, so every card they sealed still verifies.
 */

#include "commands.h"
#include "blanko/date.h"
#include "blanko/privilege.h"
#include "blanko/keyring.h"
#include "blanko/outfile.h"

#include <stdio.h>
#include <string.h>
#include <time.h>


/* Options of key export. */
const struct option cmdKeyExportOptions[] =
{
  { "output", required_argument, NULL, 'o' | CLI_SHORT | CLI_PATH },
  { "key", required_argument, NULL, 'k' },
  { NULL, 0, NULL, 0 }
};


/* Open the ledger's keys (read only), or fail with the reason. */
static inv_keyring_t *
open_keys(cli_t *cli,			/* I - Command context */
          int   *result)		/* O - The failure's exit status */
{
  char		error[1024];
  inv_keyring_t	*kr = invKeyringOpen(invDbGetPath(cliGetDb(cli)), INV_KEYRING_READ, error, sizeof(error));

  if (!kr)
    *result = cliFail(cli, CLI_REFUSED, "%s", error);
  return (kr);
}


/* Write a key's public half (PEM, after a "# key KEYID" line). */
int
cmdKeyExport(cli_t *cli,		/* I - Command context */
             int   argc,		/* I - Arguments */
             char  *argv[])
{
  const char	*file = "-", *keyid = NULL;
  char		error[1024];
  inv_keyring_t	*kr;
  blanko_out_t	out;
  int		c, result = CLI_OK;
  bool		ok;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
    else if (c == ('o' | CLI_SHORT))
      file = optarg;
    else if (c == 'k')
      keyid = optarg;
  if (optind != argc)
    return (cliUsage(cli, _("unexpected argument \"%s\""), argv[optind]));
  if (!strcmp(file, "-") && cliGetJson(cli))
    return (cliUsage(cli, "%s", _("--json needs -o FILE (the key itself goes to standard output otherwise)")));
  if ((kr = open_keys(cli, &result)) == NULL)
    return (result);
  if (!keyid)
    keyid = invKeyringGetCurrentId(kr);
  if (!blankoOutOpen(&out, file, error, sizeof(error)))
  {
    invKeyringDelete(kr);
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  }
  ok = invKeyringExportPublic(kr, keyid, out.fp, error, sizeof(error));
  if (!blankoOutClose(&out, ok, error, sizeof(error)) || !ok)
    result = cliFail(cli, CLI_REFUSED, "%s", error);
  else if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:s,s:s}", "key", keyid, "file", file));
  else if (strcmp(file, "-"))
    printf(_("public key %s written to %s\n"), keyid, file);
  invKeyringDelete(kr);
  return (result);
}


/* Make a new key current and record it in the chain. */
int
cmdKeyRotate(cli_t *cli,		/* I - Command context */
             int   argc,		/* I - Arguments */
             char  *argv[])
{
  char		error[1024], keyid[INV_KEYID_LEN + 1];
  inv_keyring_t	*kr;
  inv_status_t	status;
  bool		first = false;
  int		c;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
  if (optind != argc)
    return (cliUsage(cli, _("unexpected argument \"%s\""), argv[optind]));

  /* Keys are the service's: a staff member's set-group-id run would own it. */
  if (cliPrivIsPrivileged())
    return (cliFail(cli, CLI_REFUSED, _("signing keys are made by root or the service account, not through a "
                                        "set-group-id run")));
  /* A ledger with no keys yet gets its first one; otherwise a new one. */
  if ((kr = invKeyringOpen(invDbGetPath(cliGetDb(cli)), INV_KEYRING_READ, error, sizeof(error))) == NULL)
  {
    first = true;
    if ((kr = invKeyringOpen(invDbGetPath(cliGetDb(cli)), INV_KEYRING_CREATE, error, sizeof(error))) == NULL)
      return (cliFail(cli, CLI_REFUSED, "%s", error));
    snprintf(keyid, sizeof(keyid), "%s", invKeyringGetCurrentId(kr));
  }
  else if (!invKeyringRotate(kr, keyid, error, sizeof(error)))
  {
    invKeyringDelete(kr);
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  }
  invKeyringDelete(kr);
  if ((status = invKeyRotateRecord(cliGetDb(cli), keyid)) != INV_OK)
    return (cliFailDb(cli, status));
  if (cliGetJson(cli))
    cliJsonPrint(json_pack("{s:s,s:b}", "key", keyid, "first", first));
  else if (first)
    printf(_("signing key %s made; it seals every new card\n"), keyid);
  else
    printf(_("signing key %s is current now; cards sealed with the older keys still verify\n"), keyid);
  return (CLI_OK);
}


/* List the keys: identifier, current or not, when made. */
int
cmdKeyList(cli_t *cli,			/* I - Command context */
           int   argc,			/* I - Arguments */
           char  *argv[])
{
  inv_keyring_t	*kr;
  json_t	*array = cliGetJson(cli) ? json_array() : NULL;
  const char	*id, *current;
  time_t	created;
  struct tm	tm;
  char		when[32], shown[48];
  int		c, result = CLI_OK;

  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
  if (optind != argc)
    return (cliUsage(cli, _("unexpected argument \"%s\""), argv[optind]));
  if ((kr = open_keys(cli, &result)) == NULL)
  {
    json_decref(array);
    return (result);
  }
  current = invKeyringGetCurrentId(kr);
  for (size_t i = 0; (id = invKeyringGetKey(kr, i, &created, NULL)) != NULL; i ++)
  {
    gmtime_r(&created, &tm);		/* UTC in JSON, the office's time in text */
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (array)
      json_array_append_new(array, json_pack("{s:s,s:b,s:s}", "key", id, "current", !strcmp(id, current), "created",
                                             when));
    else
      printf("%s  %s  %s\n", id, invDateFormatLocal(when, true, shown, sizeof(shown)),
             !strcmp(id, current) ? _("current") : "");
  }
  if (array)
    cliJsonPrint(array);
  invKeyringDelete(kr);
  return (CLI_OK);
}
