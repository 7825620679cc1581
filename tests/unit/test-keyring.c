/*
 * Unit tests for the signing keys (inventory/lib/keyring.c): create, sign,
 * verify (good, bad, unknown key, malformed), rotate, export and verify
 * with the public key alone, reopen, and files no one should trust
 * (symbolic links, another account's key, world-writable).
 */

#include "test.h"
#include "blanko/keyring.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>


/* Remove the test folder (only names this test made). */
static void
cleanup(const char *dir)
{
  char cmd[512];

  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
  if (system(cmd))
    fprintf(stderr, "cannot remove %s\n", dir);
}


int
main(void)
{
  char			tmpl[256], ledger[300], keys[320], path[400], error[512] = "";
  char			id1[INV_KEYID_LEN + 1] = "", id2[INV_KEYID_LEN + 1] = "", id[INV_KEYID_LEN + 1];
  unsigned char		sig1[INV_SIG_LEN], sig2[INV_SIG_LEN], bad[INV_SIG_LEN];
  static const char	data[] = "KTP2:card data to seal";
  inv_keyring_t		*kr, *pub, *again;
  struct stat		info;
  FILE			*fp;
  const char		*tmpdir = getenv("TMPDIR");

  snprintf(tmpl, sizeof(tmpl), "%s/blanko-test-keyringXXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
  if (!mkdtemp(tmpl))
    return (1);
  snprintf(ledger, sizeof(ledger), "%s/ledger.db", tmpl);
  snprintf(keys, sizeof(keys), "%s.keys", ledger);

  testBegin("opening a missing keyring read-only is refused");
  kr = invKeyringOpen(ledger, INV_KEYRING_READ, error, sizeof(error));
  testEndMessage(kr == NULL && strstr(error, keys) != NULL, "%s", error);

  testBegin("INV_KEYRING_CREATE makes the folder (0750), a key (0640) and current");
  kr = invKeyringOpen(ledger, INV_KEYRING_CREATE, error, sizeof(error));
  TEST_ASSERT(kr != NULL);
  TEST_ASSERT(invKeyringGetCurrentId(kr) != NULL && strlen(invKeyringGetCurrentId(kr)) == INV_KEYID_LEN);
  TEST_ASSERT(!stat(keys, &info) && (info.st_mode & 0777) == 0750);
  snprintf(id1, sizeof(id1), "%s", kr ? invKeyringGetCurrentId(kr) : "");
  snprintf(path, sizeof(path), "%s/%s.pem", keys, id1);
  TEST_ASSERT(!stat(path, &info) && (info.st_mode & 0777) == 0640);
  TEST_ASSERT(invKeyringGetCount(kr) == 1);
  testEndMessage(1, "%s", kr ? id1 : error);
  if (!kr)
  {
    cleanup(tmpl);
    return (testSummary());
  }

  testBegin("sign, then verify: good");
  TEST_ASSERT(invKeyringSign(kr, data, strlen(data), sig1, id, error, sizeof(error)));
  TEST_ASSERT(!strcmp(id, id1));
  testEnd(invKeyringVerify(kr, id1, data, strlen(data), sig1, INV_SIG_LEN) == INV_SIG_GOOD);

  testBegin("a changed byte of data or signature is bad");
  TEST_ASSERT(invKeyringVerify(kr, id1, data, strlen(data) - 1, sig1, INV_SIG_LEN) == INV_SIG_BAD);
  memcpy(bad, sig1, sizeof(bad));
  bad[40] ^= 1;
  TEST_ASSERT(invKeyringVerify(kr, id1, data, strlen(data), bad, INV_SIG_LEN) == INV_SIG_BAD);
  memset(bad, 0, sizeof(bad));
  testEnd(invKeyringVerify(kr, id1, data, strlen(data), bad, INV_SIG_LEN) == INV_SIG_BAD);

  testBegin("an unknown key, a short signature");
  TEST_ASSERT(invKeyringVerify(kr, "0123456789ABCDEF", data, strlen(data), sig1, INV_SIG_LEN) ==
              INV_SIG_UNKNOWN_KEY);
  TEST_ASSERT(invKeyringVerify(kr, NULL, data, strlen(data), sig1, INV_SIG_LEN) == INV_SIG_UNKNOWN_KEY);
  TEST_ASSERT(invKeyringVerify(kr, id1, data, strlen(data), sig1, INV_SIG_LEN - 1) == INV_SIG_MALFORMED);
  testEnd(invKeyringVerify(kr, id1, data, strlen(data), NULL, 0) == INV_SIG_MALFORMED);

  testBegin("rotate: a new current key; the old signature still verifies");
  TEST_ASSERT(invKeyringRotate(kr, id2, error, sizeof(error)));
  TEST_ASSERT(strcmp(id1, id2) && !strcmp(invKeyringGetCurrentId(kr), id2));
  TEST_ASSERT(invKeyringGetCount(kr) == 2);
  TEST_ASSERT(invKeyringSign(kr, data, strlen(data), sig2, id, error, sizeof(error)) && !strcmp(id, id2));
  TEST_ASSERT(invKeyringVerify(kr, id2, data, strlen(data), sig2, INV_SIG_LEN) == INV_SIG_GOOD);
  TEST_ASSERT(invKeyringVerify(kr, id1, data, strlen(data), sig2, INV_SIG_LEN) == INV_SIG_BAD);
  testEndMessage(invKeyringVerify(kr, id1, data, strlen(data), sig1, INV_SIG_LEN) == INV_SIG_GOOD, "%s", error);

  testBegin("reopen reads the same keys and the same current key");
  again = invKeyringOpen(ledger, INV_KEYRING_READ, error, sizeof(error));
  TEST_ASSERT(again != NULL);
  TEST_ASSERT(again && !strcmp(invKeyringGetCurrentId(again), id2) && invKeyringGetCount(again) == 2);
  TEST_ASSERT(invKeyringVerify(again, id1, data, strlen(data), sig1, INV_SIG_LEN) == INV_SIG_GOOD);
  testEndMessage(invKeyringVerify(again, id2, data, strlen(data), sig2, INV_SIG_LEN) == INV_SIG_GOOD, "%s",
                 again ? "ok" : error);
  invKeyringDelete(again);

  testBegin("export the old key's public half; a public-only keyring verifies and cannot sign");
  snprintf(path, sizeof(path), "%s/old.pub", tmpl);
  fp = fopen(path, "w");
  TEST_ASSERT(fp && invKeyringExportPublic(kr, id1, fp, error, sizeof(error)));
  if (fp)
    fclose(fp);
  pub = invKeyringOpenPublic(path, error, sizeof(error));
  TEST_ASSERT(pub != NULL && invKeyringGetCurrentId(pub) == NULL);
  TEST_ASSERT(invKeyringVerify(pub, id1, data, strlen(data), sig1, INV_SIG_LEN) == INV_SIG_GOOD);
  TEST_ASSERT(invKeyringVerify(pub, id2, data, strlen(data), sig2, INV_SIG_LEN) == INV_SIG_UNKNOWN_KEY);
  TEST_ASSERT(!invKeyringSign(pub, data, strlen(data), bad, id, error, sizeof(error)));
  TEST_ASSERT(!invKeyringRotate(pub, id, error, sizeof(error)));
  testEndMessage(1, "%s", error);

  testBegin("a second exported key added verifies the new cards too");
  snprintf(path, sizeof(path), "%s/new.pub", tmpl);
  fp = fopen(path, "w");
  TEST_ASSERT(fp && invKeyringExportPublic(kr, NULL, fp, error, sizeof(error)));
  if (fp)
    fclose(fp);
  TEST_ASSERT(invKeyringAddPublic(pub, path, error, sizeof(error)));
  TEST_ASSERT(invKeyringGetCount(pub) == 2);
  testEnd(invKeyringVerify(pub, id2, data, strlen(data), sig2, INV_SIG_LEN) == INV_SIG_GOOD);
  invKeyringDelete(pub);

  testBegin("a PEM whose comment names another key is refused");
  snprintf(path, sizeof(path), "%s/lie.pub", tmpl);
  if ((fp = fopen(path, "w")) != NULL)
  {
    fprintf(fp, "# key %s\n", id2);
    invKeyringExportPublic(kr, id1, fp, error, sizeof(error));	/* Two comment lines: the first wins */
    fclose(fp);
  }
  pub = invKeyringOpenPublic(path, error, sizeof(error));
  testEndMessage(pub == NULL, "%s", error);
  invKeyringDelete(pub);

  testBegin("a file that is no key is refused");
  pub = invKeyringOpenPublic(ledger, error, sizeof(error));	/* Missing */
  TEST_ASSERT(pub == NULL);
  snprintf(path, sizeof(path), "%s/junk.pub", tmpl);
  if ((fp = fopen(path, "w")) != NULL)
  {
    fputs("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", fp);
    fclose(fp);
  }
  pub = invKeyringOpenPublic(path, error, sizeof(error));
  testEndMessage(pub == NULL, "%s", error);
  invKeyringDelete(pub);
  invKeyringDelete(kr);

  testBegin("a world-writable key file is refused");
  snprintf(path, sizeof(path), "%s/%s.pem", keys, id1);
  chmod(path, 0666);
  again = invKeyringOpen(ledger, INV_KEYRING_READ, error, sizeof(error));
  testEndMessage(again == NULL && strstr(error, id1) != NULL, "%s", error);
  invKeyringDelete(again);
  chmod(path, 0640);

  testBegin("a key file of another account is refused");
  if (geteuid() == 0)
  {
    TEST_ASSERT(!chown(path, 65534, 65534));
    again = invKeyringOpen(ledger, INV_KEYRING_READ, error, sizeof(error));
    TEST_ASSERT(again == NULL && strstr(error, "65534") != NULL);
    invKeyringDelete(again);
    TEST_ASSERT(!chown(path, 0, 0));
    testEndMessage(1, "%s", error);
  }
  else
    testEndMessage(1, "skipped: not root");

  testBegin("a symbolic link in place of current is refused");
  {
    char cur[400], target[400];

    snprintf(cur, sizeof(cur), "%s/current", keys);
    snprintf(target, sizeof(target), "%s/current.real", keys);
    TEST_ASSERT(!rename(cur, target) && !symlink("current.real", cur));
    again = invKeyringOpen(ledger, INV_KEYRING_READ, error, sizeof(error));
    testEndMessage(again == NULL && strstr(error, "current") != NULL, "%s", error);
    invKeyringDelete(again);
    unlink(cur);
    rename(target, cur);
  }

  testBegin("the folder reopens after the repairs");
  again = invKeyringOpen(ledger, INV_KEYRING_CREATE, error, sizeof(error));
  testEndMessage(again && !strcmp(invKeyringGetCurrentId(again), id2) && invKeyringGetCount(again) == 2, "%s",
                 again ? "ok" : error);
  invKeyringDelete(again);

  cleanup(tmpl);
  return (testSummary());
}
