/*
 * What the parts that take cards out of use share: serial lists cut by
 * holder, text checks and state accounts (spoil.c), and records read into
 * owned strings and taken through the record state machine (record.c),
 * used by destruction (destroy.c) and write-offs (writeoff.c).
 */

#ifndef BLANKO_AUDIT_PRIVATE_H
#define BLANKO_AUDIT_PRIVATE_H

#include "chain-private.h"
#include "events-private.h"
#include "names-private.h"
#include "blanko/words.h"

#define AUDIT_TEXT_MAX 200		/* Longest reason, place, note, witness */
#define AUDIT_RECORD_TEXTS 21		/* Text fields of a record (record.c) */

typedef struct piece_s			/* Part of a list held by one account */
{
  int64_t	account;
  int64_t	series;
  inv_range_t	range;
} piece_t;

typedef struct pieces_s			/* A list cut by holder */
{
  piece_t	*p;
  size_t	count, alloc;
  inv_names_t	names;
  const inv_range_t *cur;		/* Range being cut */
  int64_t	series, next;		/* Its series, first serial not yet seen */
  bool		failed;
} pieces_t;


typedef struct record_copy_s		/* A record read into owned strings */
{
  inv_record_t	r;
  char		*strings[AUDIT_RECORD_TEXTS];
  bool		found;
} record_copy_t;

typedef inv_status_t (*audit_items_cb_t)(inv_db_t *db, const pieces_t *w, const inv_record_t *r);
					/* Writes a prepared record's items */

/* spoil.c */
extern inv_status_t	auditCheckText(inv_db_t *db, const char *what, const char *text, bool required);
extern inv_status_t	auditPiecesGet(inv_db_t *db, const inv_list_t *list, pieces_t *w);
extern void		auditPiecesFree(pieces_t *w);
extern const char	*auditPieceHolder(const pieces_t *w, const piece_t *p);
extern inv_status_t	auditRefusePiece(inv_db_t *db, const pieces_t *w, const piece_t *p, const char *wanted);
extern inv_status_t	auditCheckNotOpen(inv_db_t *db, const pieces_t *w);
extern inv_status_t	auditStateAccount(inv_db_t *db, const char *code, const char *name);

/* record.c */
extern inv_status_t	auditRecordLoad(inv_db_t *db, inv_record_type_t type, int64_t id, record_copy_t *c);
extern void		auditRecordFree(record_copy_t *c);
extern inv_status_t	auditRecordStep(inv_db_t *db, inv_record_t *r, event_id_t event);
extern bool		auditRecordIsOpen(const inv_record_t *r);
extern inv_status_t	auditRecordIds(inv_db_t *db, inv_record_type_t type, const char *state, int64_t **ids,
			               size_t *count);
extern inv_status_t	auditCheckOtherPerson(inv_db_t *db, const record_copy_t *c);
extern void		auditRecordRef(inv_record_type_t type, int64_t id, char *buf, size_t bufsize);
extern inv_status_t	auditRecordSerials(inv_db_t *db, int64_t id, const char *state, inv_list_t *out);
extern inv_status_t	_invRecordNumber(inv_db_t *db, inv_record_type_t type, inv_record_t *r, char number[INV_NUMBER_MAX]);
extern inv_status_t	auditRecordHash(inv_db_t *db, const inv_record_t *r, char hash[65]);
extern inv_status_t	auditItemsInsert(inv_db_t *db, const pieces_t *w, const inv_record_t *r);
extern inv_status_t	auditRecordPrepare(inv_db_t *db, inv_record_type_t type, event_id_t event,
			                   const inv_list_t *serials, const pieces_t *w, audit_items_cb_t items,
			                   inv_record_t *r, json_t *detail, int64_t *id);

#endif /* !BLANKO_AUDIT_PRIVATE_H */
