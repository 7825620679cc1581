/*
 * Anchors: checkpoints of the ledger's hash chain signed with the
 * service's key (blanko/keyring.h), so that a chain rewritten, truncated
 * or rolled back to an older copy is caught by anyone holding one.
 * Implemented in inventory/lib/anchor.c; see doc/anchors.md.
 *
 * A checkpoint names an event and the chain hash at that event (the
 * head), with when it was signed, why ("mark"), the key and the
 * signature.  The signature covers this canonical text, each line ending
 * in a newline:
 *
 *	blanko-anchor-v1
 *	ledger <hex SHA-256 of event 1: names the ledger wherever it lies>
 *	event <decimal event id>
 *	head <hex chain hash of that event>
 *	time <UTC time of signing, YYYY-MM-DDTHH:MM:SS.mmmZ>
 *	mark <why: "day YYYY-MM-DD", "record destruction N",
 *	      "report reconcile FROM TO" or "manual">
 *
 * An exported anchor (invAnchorFormatCopy) is that text followed by
 * "key <KEYID>" and "signature <128 hex digits>" lines.
 */

#ifndef BLANKO_ANCHOR_H
#define BLANKO_ANCHOR_H

#include "blanko/inventory.h"
#include "blanko/keyring.h"

#define INV_ANCHOR_MARK_MAX	96	/* Longest mark */

typedef struct inv_anchor_s		/* One signed checkpoint */
{
  int64_t	id;			/* Row id in the ledger, 0 when not stored */
  char		ledger[65];		/* Hex hash of event 1 */
  int64_t	event;			/* Event id */
  char		head[65];		/* Hex chain hash at that event */
  char		time[32];		/* When it was signed (UTC) */
  char		mark[INV_ANCHOR_MARK_MAX + 1];
					/* Why it was made */
  char		keyid[INV_KEYID_LEN + 1];
					/* Key that signed it */
  char		sig[2 * INV_SIG_LEN + 1];
					/* Signature, hex */
} inv_anchor_t;

typedef int (*inv_anchor_cb_t)(void *ctx, const inv_anchor_t *a);

/* Sign the day-end checkpoints that are due whenever a write transaction
   that appended events commits (the frame calls this once per ledger). */
extern void		invAnchorAttach(inv_db_t *db);
/* Sign the day-end checkpoints due now, in a transaction of its own
   unless the caller holds one (the print controller, 'inventory anchor'). */
extern inv_status_t	invAnchorDayEnd(inv_db_t *db, bool *made);
/* Sign the chain head now with mark, store it; the caller holds the
   transaction.  create_key makes the ledger's first key if it has none. */
extern inv_status_t	invAnchorMake(inv_db_t *db, const char *mark, bool create_key, inv_anchor_t *a);
/* Sign a head (event, hash) without storing it (a report's); *made is
   false, with the reason in why, when there is no key to sign with. */
extern inv_status_t	invAnchorSignHead(inv_db_t *db, int64_t event, const char *head, const char *mark,
			                  inv_anchor_t *a, bool *made, char *why, size_t whysize);
/* The stored checkpoint with the highest event (newest first among equals). */
extern inv_status_t	invAnchorLatest(inv_db_t *db, inv_anchor_t *a, bool *found);
/* The newest stored checkpoint with a given mark. */
extern inv_status_t	invAnchorFind(inv_db_t *db, const char *mark, inv_anchor_t *a, bool *found);
/* Every stored checkpoint, by event. */
extern inv_status_t	invAnchorList(inv_db_t *db, inv_anchor_cb_t cb, void *ctx);
/* Open the ledger's keyring to check signatures (NULL with a message). */
extern inv_keyring_t	*invAnchorKeyring(inv_db_t *db, char *error, size_t errsize);
/* Check one checkpoint against the ledger: its signature by a key in kr,
   its ledger, and that the chain still holds its event with its hash.
   INV_PROBLEM with one line in problem when not. */
extern inv_status_t	invAnchorCheck(inv_db_t *db, inv_keyring_t *kr, const inv_anchor_t *a, char *problem,
			               size_t problemsize);
/* The canonical (signed) text of a checkpoint. */
extern void		invAnchorText(const inv_anchor_t *a, char *buf, size_t size);
/* An exported anchor's text (canonical text, key and signature); free() it. */
extern char		*invAnchorFormatCopy(const inv_anchor_t *a);
/* Read an exported anchor from text (other lines around it are ignored). */
extern bool		invAnchorParse(const char *text, inv_anchor_t *a, char *error, size_t errsize);

#endif /* BLANKO_ANCHOR_H */
