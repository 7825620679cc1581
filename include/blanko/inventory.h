/*
 * The blanko inventory library: a ledger of blank-card serials.
 *
 * Every blank is identified by its serial.  Accounts (the supplier, stores,
 * print rooms, printer hoppers and the states issued, spoiled, invalid and
 * destroyed) hold serials as ranges; a movement moves ranges from one
 * account to another; every movement and every administrative act is an
 * event in a SHA-256 hash chain.  See doc/design.md section 3.
 *
 * Conventions (after SQLite and CUPS): every call returns an inv_status_t;
 * the message that explains a failure lives on the handle that failed
 * (invDbGetError, invListGetError).  Functions named New/Create/Copy hand
 * ownership to the caller.  Write functions expect the caller to hold a
 * transaction (invDbBegin ... invDbCommit / invDbRollback), so that one
 * command is one transaction however many calls it makes.
 */

#ifndef BLANKO_INVENTORY_H
#define BLANKO_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Status codes; the values are the programs' exit codes, except INV_ERROR.
 */

typedef enum inv_status_e
{
  INV_OK = 0,			/* Done */
  INV_REFUSED = 1,		/* Bad input or a rule said no; nothing changed */
  INV_USAGE = 2,		/* The call itself was malformed */
  INV_PROBLEM = 3,		/* A check (verify, count) found a problem */
  INV_ERROR = 4			/* Storage failed (I/O, lock timeout, corrupt) */
} inv_status_t;


/*
 * Text from outside (arguments, imported cells, settings, CUPS): valid
 * UTF-8 with no control or bidirectional characters; invTextSafe shows
 * any text safely on a terminal (see text.c).
 */

typedef enum inv_text_e			/* What is wrong with a text */
{
  INV_TEXT_OK = 0,		/* Nothing */
  INV_TEXT_UTF8,		/* Not valid UTF-8 */
  INV_TEXT_CONTROL,		/* A control character: C0 (TAB too), DEL, C1, U+2028-U+2029 */
  INV_TEXT_BIDI			/* A bidirectional control: U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069 */
} inv_text_t;

extern inv_text_t	invTextCheck(const char *text);
extern const char	*invTextProblem(inv_text_t problem);
extern char		*invTextSafe(const char *text, char *buf, size_t bufsize);


/*
 * Serials, ranges and lists of ranges.
 */

#define INV_PREFIX_MAX	15	/* Longest serial prefix */
#define INV_WIDTH_MAX	18	/* Most digits in a serial (fits int64) */
#define INV_SERIAL_MAX	(INV_PREFIX_MAX + INV_WIDTH_MAX + 1)
				/* Buffer size for one formatted serial */
#define INV_RANGE_MAX	(2 * INV_SERIAL_MAX)
				/* Buffer size for one formatted range */

typedef struct inv_range_s		/* Consecutive serials of one series */
{
  char		prefix[INV_PREFIX_MAX + 1];
				/* Uppercase letters, may be empty */
  int		width;		/* Number of digits, 1 to INV_WIDTH_MAX */
  int64_t	first,		/* First number */
		last;		/* Last number, >= first */
} inv_range_t;

typedef struct inv_list_s inv_list_t;	/* A set of serials, as sorted ranges */

extern int64_t		invRangeGetCount(const inv_range_t *r);
extern const char	*invRangeFormat(const inv_range_t *r, char *buf, size_t bufsize);
extern const char	*invSerialFormat(const char *prefix, int width, int64_t number, char *buf, size_t bufsize);
extern inv_status_t	invSerialParse(const char *text, inv_range_t *r);

extern inv_list_t	*invListNew(void);
extern void		invListDelete(inv_list_t *list);
extern inv_status_t	invListParse(inv_list_t *list, const char *text);
extern inv_status_t	invListAdd(inv_list_t *list, const inv_range_t *r);
extern void		invListClear(inv_list_t *list);
extern const char	*invListGetError(inv_list_t *list);
extern size_t		invListGetCount(const inv_list_t *list);
extern const inv_range_t *invListGetRange(const inv_list_t *list, size_t i);
extern int64_t		invListGetSerialCount(const inv_list_t *list);
extern char		*invListFormatCopy(const inv_list_t *list);
extern inv_status_t	invListSubtract(const inv_list_t *a, const inv_list_t *b, inv_list_t *out);


/*
 * The database handle.
 */

typedef struct inv_db_s inv_db_t;	/* An open ledger */

#define INV_OPEN_CREATE	1		/* Create a new ledger (init) */
#define INV_OPEN_READ	2		/* Only read: on a full disk, read without
					   the shared-memory file (see invDbOpen) */

extern inv_status_t	invDbOpen(const char *path, int flags, inv_db_t **db);
extern void		invDbClose(inv_db_t *db);
extern const char	*invDbGetError(inv_db_t *db);
extern const char	*invDbGetPath(inv_db_t *db);
extern int		invDbGetSchemaVersion(void);
extern void		invDbSetBusyTimeout(inv_db_t *db, int msec);
extern void		invDbSetActor(inv_db_t *db, const char *actor, const char *via);
extern inv_status_t	invDbBegin(inv_db_t *db);
extern inv_status_t	invDbCommit(inv_db_t *db);
extern inv_status_t	invDbBeginRead(inv_db_t *db);
extern void		invDbEndRead(inv_db_t *db);
extern void		invDbRollback(inv_db_t *db);
extern inv_status_t	invInit(inv_db_t *db, const char *admin);


/*
 * Users and roles.  The actor is the OS account running a program;
 * the users table maps accounts to roles.
 */

typedef enum inv_role_e
{
  INV_ROLE_ADMIN = 1,
  INV_ROLE_WAREHOUSE = 2,
  INV_ROLE_PRINTROOM = 4,
  INV_ROLE_AUDITOR = 8,
  INV_ROLE_DISTRIBUTION = 16	/* Dispatches printed cards, records receipts and handovers (issue 14) */
} inv_role_t;

#define INV_ROLE_ALL	31	/* Every role bit */

typedef void (*inv_user_cb_t)(void *ctx, const char *name, unsigned roles, const char *since,
                              const char *disabled);	/* disabled: when, or "" while enabled */

extern inv_status_t	invRolesParse(const char *text, unsigned *roles);
extern char		*invRolesFormatCopy(unsigned roles);
extern inv_status_t	invUserAdd(inv_db_t *db, const char *name, unsigned roles);
extern inv_status_t	invUserSetRoles(inv_db_t *db, const char *name, unsigned roles);
extern inv_status_t	invUserGetRoles(inv_db_t *db, const char *name, unsigned *roles);
extern inv_status_t	invUserList(inv_db_t *db, inv_user_cb_t cb, void *ctx);
extern const char	*invPersonFormat(const char *name, const char *via, char *buf, size_t bufsize);

/* An official: the name, NIP and post documents show for a user (issue 13;
   set by an admin, events in the chain).  Empty strings when not set. */
typedef struct inv_person_s
{
  char		full_name[256];	/* "Dra. Sri Wahyuningsih, M.Si." */
  char		nip[32];	/* "19700412 199503 2 004" */
  char		post[256];	/* Jabatan: "Kepala Seksi Identitas Penduduk" */
} inv_person_t;

/* The person behind a user name (implemented with the users, issue 13). */
extern inv_status_t	invUserGetPerson(inv_db_t *db, const char *name, inv_person_t *person);
/* Set the person behind a user (an admin; a user.person event). */
extern inv_status_t	invUserSetPerson(inv_db_t *db, const char *name, const inv_person_t *person);
/* Is text a NIP: 18 digits, spaces allowed between them? */
extern bool		invNipIsValid(const char *text);
extern inv_status_t	invUserGetActive(inv_db_t *db, const char *name, unsigned *roles);
extern inv_status_t	invUserSetDisabled(inv_db_t *db, const char *name, bool disabled);
/* Record that the signing keys were rotated (printctl key rotate): the new key's identifier. */
extern inv_status_t	invKeyRotateRecord(inv_db_t *db, const char *keyid);


/*
 * Accounts: the supplier, locations (stores and print rooms), printer
 * hoppers and the card states.
 */

typedef enum inv_kind_e
{
  INV_KIND_SUPPLIER,		/* Outside: where received blanks come from */
  INV_KIND_STORE,		/* A warehouse or vault */
  INV_KIND_PRINTROOM,		/* A print room */
  INV_KIND_HOPPER,		/* A printer's input tray */
  INV_KIND_STATE,		/* issued, spoiled, invalid, destroyed */
  INV_KIND_KECAMATAN,		/* A district office that receives printed cards (issue 14) */
  INV_KIND_KELURAHAN,		/* A village office (kelurahan/desa), under a kecamatan */
  INV_KIND_TRANSIT		/* Printed cards on their way to a place: "transit.<PLACE>" */
} inv_kind_t;

typedef struct inv_account_s		/* One account and its balance */
{
  const char	*code;		/* Unique code, e.g. "GUDANG" or "issued" */
  inv_kind_t	kind;		/* What sort of account */
  const char	*name;		/* Description, may be "" */
  int64_t	balance;	/* Blanks held now */
} inv_account_t;

typedef void (*inv_account_cb_t)(void *ctx, const inv_account_t *account);
typedef void (*inv_holding_cb_t)(void *ctx, const char *account, const inv_range_t *range);

/* Account kinds' names (kinds.c) */
extern const char	*invKindName(inv_kind_t kind);
extern inv_status_t	invKindParse(const char *text, inv_kind_t *kind);

/* The words of the fixed lists (vocab.c): each entry a stored code, a
 * label for people (translated) and the Indonesian words a person may type
 * instead of the code (etc/locale/GLOSSARY.md). */
typedef enum inv_vocab_e
{
  INV_VOCAB_METHOD,		/* Destruction methods: incineration, shredding, punching */
  INV_VOCAB_INVALID_REASON,	/* Why a card is made invalid: returned, damaged, ... */
  INV_VOCAB_REPRINT_REASON,	/* Why a card is reprinted: lost, damaged, data-change (the
				   request categories marked as reprint reasons) */
  INV_VOCAB_REQUEST_STATE,	/* Card request states: pending, submitted, ... */
  INV_VOCAB_JOB_STATE,		/* Print job states: intent, submitted, suspect, done */
  INV_VOCAB_PRINTER_STATE,	/* Printer states: running, paused */
  INV_VOCAB_CARD_STATE,		/* State accounts: issued, spoiled, invalid, ... */
  INV_VOCAB_KIND,		/* Account kinds: supplier, store, printroom, hopper, state */
  INV_VOCAB_ROLE,		/* User roles: admin, warehouse, printroom, auditor */
  INV_VOCAB_CATEGORY,		/* Card request categories: new, lost, damaged, data-change, moved */
  INV_VOCAB_RECORD_STATE,	/* Destruction, write-off, void records: prepared, approved, ... */
  INV_VOCAB_EVENT_KIND,		/* Event kinds: receive, transfer, destroy.prepare, ... (shown only) */
  INV_VOCAB_RETURN_REASON	/* Why a printed card goes back to the office: unclaimed, moved, wrong-data */
} inv_vocab_t;

extern const char	*invVocabCode(inv_vocab_t list, const char *word);
extern const char	*invVocabLabel(inv_vocab_t list, const char *code);
extern const char	*invVocabShow(inv_vocab_t list, const char *code, char *buffer, size_t size);
extern const char	*invVocabChoices(inv_vocab_t list, char *buffer, size_t size);
extern const char	*invVocabTerm(inv_vocab_t list, const char *code, char *buffer, size_t size);

/* Accounts (account.c) */
extern inv_status_t	invLocationAdd(inv_db_t *db, const char *code, inv_kind_t kind, const char *name);
extern inv_status_t	invAccountGet(inv_db_t *db, const char *code, inv_kind_t *kind, int64_t *balance);
extern inv_status_t	invAccountList(inv_db_t *db, inv_account_cb_t cb, void *ctx);
extern inv_status_t	invHoldingList(inv_db_t *db, const char *account, inv_holding_cb_t cb, void *ctx);
extern inv_status_t	invHoldingCopyList(inv_db_t *db, const char *account, inv_list_t *out);


/*
 * Movements.  Each write appends one event; the caller holds the
 * transaction.  event_id may be NULL.
 */

extern inv_status_t	invReceive(inv_db_t *db, const char *supplier, const char *ref, const inv_list_t *serials, const char *to, int64_t *event_id);
extern inv_status_t	invReceiveShort(inv_db_t *db, const char *supplier, const char *ref, const inv_list_t *serials, const char *to, int64_t expected, int64_t *event_id);
extern inv_status_t	invTransfer(inv_db_t *db, const char *from, const char *to, const inv_list_t *serials, int64_t *event_id);
extern inv_status_t	invTransferNoted(inv_db_t *db, const char *from, const char *to, const inv_list_t *serials, int64_t count, const char *ref, const char *note, inv_list_t *moved, int64_t *event_id);
extern inv_status_t	invTransferCount(inv_db_t *db, const char *from, const char *to, int64_t count, inv_list_t *moved, int64_t *event_id);
extern inv_status_t	invCount(inv_db_t *db, const char *location, const inv_list_t *counted, inv_list_t *missing, inv_list_t *unexpected, int64_t *event_id);
extern inv_status_t	invCountCheck(inv_db_t *db, const char *location, const inv_list_t *counted, inv_list_t *missing, inv_list_t *unexpected, int64_t *held);


/*
 * Reading the record.
 */

typedef struct inv_event_s		/* One event of the chain */
{
  int64_t	id;		/* Sequence number, from 1 */
  const char	*time,		/* UTC, ISO 8601 with milliseconds */
		*actor,		/* Registered user who acted */
		*via,		/* OS account that acted for them, or "" */
		*kind,		/* "receive", "transfer", "user.add", ... */
		*ref,		/* Reference (delivery note, job, record) or "" */
		*detail,	/* JSON object with the rest, or "" */
		*hash;		/* Hex SHA-256 of the canonical content */
  int64_t	moved;		/* Serials moved by the event */
} inv_event_t;

typedef struct inv_movement_s		/* One range moved by one event */
{
  const inv_event_t *event;	/* The event that moved it */
  const char	*from,		/* Account codes */
		*to;
  inv_range_t	range;		/* What moved */
} inv_movement_t;

typedef void (*inv_event_cb_t)(void *ctx, const inv_event_t *event);
typedef void (*inv_movement_cb_t)(void *ctx, const inv_movement_t *movement);

extern inv_status_t	invHistory(inv_db_t *db, const char *serial, inv_movement_cb_t cb, void *ctx);
extern inv_status_t	invLog(inv_db_t *db, const char *since, int64_t limit, inv_event_cb_t cb, void *ctx);


/*
 * Verification: replay every event from an empty ledger.
 */

typedef void (*inv_progress_cb_t)(void *ctx, int64_t done, int64_t total);

typedef struct inv_verify_s		/* What verify found */
{
  int64_t	events;		/* Events checked */
  int64_t	serials;	/* Serials held, all accounts */
  int64_t	ranges;		/* Holding ranges */
  char		head[65];	/* Hex hash of the last event */
  int64_t	bad_event;	/* First bad event, 0 if none (or not an event) */
  char		problem[512];	/* What is wrong, "" when all is well */
  int64_t	anchors;	/* Signed checkpoints checked (verify-anchor.c) */
} inv_verify_t;

extern inv_status_t	invVerify(inv_db_t *db, inv_progress_cb_t cb, void *ctx, inv_verify_t *result);

typedef struct inv_verify_last_s	/* verify's last result, kept beside the ledger (verify-record.c) */
{
  char		time[32];	/* When it ran (UTC) */
  bool		ok;		/* The books were intact */
  int64_t	events;		/* Events checked */
  char		head[65];	/* Hex hash of the last event */
  int64_t	bad_event;	/* First bad event, or 0 */
  int64_t	checkpoints;	/* Signed checkpoints checked */
} inv_verify_last_t;

extern bool		invVerifyRecord(const char *ledger, bool ok, const inv_verify_t *result, char *why, size_t whysize);
extern void		invVerifyLast(const char *ledger, inv_verify_last_t *last, bool *found);
extern inv_status_t	invDbBackup(inv_db_t *db, const char *path);
extern inv_status_t	invDbCheckIntegrity(inv_db_t *db, char *problem, size_t problemsize);

/*
 * Taking cards out of use, write-offs and destruction under dual control
 * (spoil.c, record.c, destroy.c, writeoff.c).  A record (a destruction
 * record, berita acara pemusnahan, or a write-off) is prepared by one
 * registered user and approved by another; serials in an open record
 * (prepared or approved) may be in no other.
 */

typedef enum inv_record_type_e
{
  INV_RECORD_DESTRUCTION,	/* Spoiled and invalid cards to destroy */
  INV_RECORD_WRITEOFF,		/* A stocktake loss, into "lost" */
  INV_RECORD_VOID		/* A receipt voided: its serials leave the books */
} inv_record_type_t;

#define INV_WITNESS_MIN	2	/* Fewest witnesses at a destruction */

typedef struct inv_record_s		/* A destruction record or write-off */
{
  int64_t	id;		/* Number, from 1 */
  const char	*type,		/* "destruction" or "writeoff" */
		*state,		/* "prepared", "approved", "executed", "cancelled" */
		*location,	/* Write-off: where the blanks were lost; void: where received */
		*method,	/* Destruction: incineration|shredding|punching; void: the delivery note */
		*place,		/* Destruction: where; void: the voided receipt's event number */
		*planned,	/* Destruction: planned date YYYY-MM-DD, or "" */
		*reason,	/* Write-off, void: why */
		*preparer, *prepared,	/* Who prepared it and when */
		*approver, *approved,	/* Who approved it and when */
		*executor, *executed,	/* Who executed (destroyed, wrote off) and when */
		*cancelled,	/* When cancelled, or "" */
		*witnesses,	/* JSON array of "NAME; POSITION; ID-NUMBER" */
		*hash,		/* Hex SHA-256 of the sealed record, or "" */
		*head;		/* Event-chain head at sealing, or "" */
  int64_t	count;		/* Serials in it */
  int64_t	seal_event;	/* Event that sealed it, or 0 */
  const char	*preparer_via,	/* The account that acted for the preparer (root with --user), or "" */
		*approver_via,	/* ... for the approver, or "" */
		*executor_via;	/* ... for the executor, or "" */
  const char	*number;	/* Official number, given when sealed (destruction
				   executed, write-off approved) from the office's
				   format and a yearly sequence per type; "" before */
} inv_record_t;

typedef struct inv_record_item_s	/* Serials of a record with one origin */
{
  inv_range_t	range;		/* The serials */
  const char	*state,		/* Where they came from: spoiled, invalid, a location */
		*reason,	/* Why they were spoiled, invalid or lost */
		*nik;		/* Stored holder's NIK: "" (records name no NIK; see invRecordHolders) */
} inv_record_item_t;

typedef void (*inv_record_cb_t)(void *ctx, const inv_record_t *record);
typedef void (*inv_record_item_cb_t)(void *ctx, const inv_record_item_t *item);
typedef void (*inv_holder_cb_t)(void *ctx, const inv_range_t *serial, const char *nik);

extern const char	*invRecordTypeName(inv_record_type_t type);
extern inv_status_t	invSpoil(inv_db_t *db, const inv_list_t *serials, const char *reason, int64_t *count);
extern inv_status_t	invInvalidate(inv_db_t *db, const inv_list_t *serials, const char *reason, const char *note, const char *police_report, int64_t *event_id);
extern inv_status_t	invSerialHolder(inv_db_t *db, const char *serial, char *holder, size_t holdersize, char **detail);
extern inv_status_t	invWriteoffPrepare(inv_db_t *db, const char *location, const inv_list_t *serials, const char *reason, int64_t *id);
extern inv_status_t	invWriteoffApprove(inv_db_t *db, int64_t id);
extern inv_status_t	invReceiveVoidPrepare(inv_db_t *db, int64_t receipt, const char *reason, int void_days, int64_t *id);
extern inv_status_t	invReceiveVoidApprove(inv_db_t *db, int64_t id, int void_days);
extern inv_status_t	invDestroyPrepare(inv_db_t *db, const inv_list_t *serials, const char *method, const char *place, const char *planned, int64_t *id);
extern inv_status_t	invDestroyApprove(inv_db_t *db, int64_t id);
extern inv_status_t	invDestroyExecute(inv_db_t *db, int64_t id, const char * const *witnesses, size_t nwitnesses);
/* The office's format of a type's official numbers (see blanko/words.h),
   used when a record is sealed; NULL or "" for the default (the frame sets
   [documents] destruction_number and writeoff_number). */
extern void		invRecordSetNumberFormat(inv_db_t *db, inv_record_type_t type, const char *format);
extern inv_status_t	invRecordCancel(inv_db_t *db, inv_record_type_t type, int64_t id);
extern inv_status_t	invRecordGet(inv_db_t *db, inv_record_type_t type, int64_t id, inv_record_cb_t cb, void *ctx);
extern inv_status_t	invRecordList(inv_db_t *db, inv_record_type_t type, inv_record_cb_t cb, void *ctx);
extern inv_status_t	invRecordItems(inv_db_t *db, int64_t id, inv_record_item_cb_t cb, void *ctx);
extern inv_status_t	invRecordHolders(inv_db_t *db, int64_t id, inv_holder_cb_t cb, void *ctx);
extern inv_record_t	*invRecordCopy(const inv_record_t *record);
extern inv_status_t	invRecordCheck(inv_db_t *db, int64_t id, char *problem, size_t problemsize);
extern inv_status_t	invRecordCheckHead(inv_db_t *db, int64_t id, char *problem, size_t problemsize);


/*
 * Totals for reports (totals.c): serials moved between accounts in a time
 * window, by event kind (and by UTC day), the chain head at a time, and the
 * records that were open at a time.
 */

typedef struct inv_total_s		/* Serials moved, grouped */
{
  const char	*day;		/* "YYYY-MM-DD" when by day, else "" */
  const char	*kind;		/* Event kind */
  const char	*from, *to;	/* Account codes */
  inv_kind_t	from_kind, to_kind;
  int64_t	serials;	/* How many */
} inv_total_t;

typedef void (*inv_total_cb_t)(void *ctx, const inv_total_t *total);

extern inv_status_t	invMovementTotals(inv_db_t *db, const char *since, const char *until, bool by_day, inv_total_cb_t cb, void *ctx);
extern inv_status_t	invEventsOfKind(inv_db_t *db, const char *kind, const char *since, const char *until, inv_event_cb_t cb, void *ctx);
extern inv_status_t	invChainHeadAt(inv_db_t *db, const char *until, int64_t *id, char hash[65]);
extern inv_status_t	invRecordsOpenAt(inv_db_t *db, const char *until, inv_record_cb_t cb, void *ctx);
extern inv_status_t	invDateCheck(inv_db_t *db, const char *date);

#ifdef __cplusplus
}
#endif

#endif /* BLANKO_INVENTORY_H */
