/*
 * The old site's secret key: 32 random bytes that sealed the QR payload of
 * cards printed before KTP2 (HMAC, "KTP1:", see qrpayload.h).  New cards
 * are signed with the service's signing keys (blanko/keyring.h); this key
 * is only read, to check old cards, and never made any more.  It lives in
 * a file beside the ledger, "<ledger>.key", mode 0600.  Why there:
 *
 *  - not in the ledger, which every office user may read (mode 0660) and
 *    which is copied for backups and audits: whoever held the key could
 *    make genuine-looking cards, so it must not travel with the records;
 *  - beside the ledger, so that each ledger (office) has its own key, and
 *    a test or demo ledger never shares a key with the real one;
 *  - readable only by the account that prints (the print room's service
 *    account), never by the other accounts.
 */

#ifndef BLANKO_SITEKEY_H
#define BLANKO_SITEKEY_H

#include <stdbool.h>
#include <stddef.h>

#define SITEKEY_LEN	32		/* Bytes of key */

extern bool	siteKeyPath(const char *ledger, char *path, size_t pathsize);
extern bool	siteKeyLoad(const char *ledger, unsigned char key[SITEKEY_LEN], char *error, size_t errsize);

#endif /* BLANKO_SITEKEY_H */
