/*
 * The registry of event kinds (private to the ledger library).
 *
 * Every kind of event the ledger holds is declared once, in EVENT_KINDS
 * below: its name as the chain stores it (and hashes it: a name never
 * changes, a new kind gets a new name), the domains whose replay in
 * verify reads it, and the members of its detail.  Writers name a kind by
 * its constant (eventName(EV_PRINT_INTENT)); verify looks each stored
 * kind up (eventFind) and refuses one that is not declared here.
 *
 * A leaf: it depends on nothing.
 */

#ifndef BLANKO_EVENTS_PRIVATE_H
#define BLANKO_EVENTS_PRIVATE_H

/* The domains that replay events (verify-*.c); a kind may feed several. */
#define EVENT_HOLDINGS	0x01		/* Moves or counts serials (verify-holdings.c) */
#define EVENT_ACCOUNTS	0x02		/* Makes accounts or users (verify-holdings.c) */
#define EVENT_REQUESTS	0x04		/* Makes or changes card requests (verify-requests.c) */
#define EVENT_PRINTING	0x08		/* Changes printers or print jobs (verify-print.c) */
#define EVENT_RECORDS	0x10		/* Changes destruction, write-off or void records (verify-records.c) */
#define EVENT_SUPPLY	0x20		/* Makes, answers or cancels requests for blanks (verify-supply.c) */
#define EVENT_SUKET	0x40		/* Issues or changes temporary certificates (verify-suket.c) */

/*
 * X(ID, name, domains, detail members).  Movements (EVENT_HOLDINGS) are
 * replayed for every event that has them; the flag says which kinds make
 * them.  Detail members in brackets are not always there (older ledgers,
 * or only in some cases).
 *
 * "print" is written only by tests/tools/ledger-tool, which stood in for
 * the print controller before printctl landed and still issues the cards
 * of the destruction, report and reconcile tests (t0300-t0340): one event
 * moves a print room's blanks to "issued", as the reports count an issue
 * (by destination).  No kind printctl writes can do that: print.issued
 * and print.resolve end a print job, which verify replays (a job made by
 * print.intent, its request, a printer), and a card issued through real
 * jobs takes two events or more, which would renumber those tests'
 * ledgers.  No program ships that writes it; a ledger that holds it was
 * made by the tool.  (The tool's "load" became transfer: a move between
 * two locations is what it was.)
 */
#define EVENT_KINDS(X) \
  X(INIT,		"init",			EVENT_ACCOUNTS,			"accounts admin schema") \
  X(USER_ADD,		"user.add",		EVENT_ACCOUNTS,			"name roles") \
  X(USER_SET,		"user.set",		EVENT_ACCOUNTS,			"name roles") \
  X(USER_DISABLE,	"user.disable",		EVENT_ACCOUNTS,			"name") \
  X(USER_ENABLE,	"user.enable",		EVENT_ACCOUNTS,			"name") \
  X(USER_PERSON,	"user.person",		EVENT_ACCOUNTS,			"name full_name nip post") \
  X(USER_PASSWD,	"user.passwd",		EVENT_ACCOUNTS,			"name") \
  X(LOCATION_ADD,	"location.add",		EVENT_ACCOUNTS,			"code kind name [parent] [transit]") \
  X(ACCOUNT_ADD,	"account.add",		EVENT_ACCOUNTS,			"code kind") \
  X(RECEIVE,		"receive",		EVENT_HOLDINGS | EVENT_SUPPLY,	"supplier count [expected] [short] [against]") \
  X(TRANSFER,		"transfer",		EVENT_HOLDINGS,			"[note]") \
  X(COUNT,		"count",		EVENT_HOLDINGS,			"location counted held missing_count unexpected_count missing unexpected") \
  X(SPOIL,		"spoil",		EVENT_HOLDINGS,			"reason") \
  X(INVALID,		"invalid",		EVENT_HOLDINGS,			"reason [note] [police_report]") \
  X(REPORT_LOST,	"report-lost",		EVENT_HOLDINGS,			"reason [note] [police_report]") \
  X(DESTROY_PREPARE,	"destroy.prepare",	EVENT_RECORDS,			"id method place planned count serials") \
  X(DESTROY_APPROVE,	"destroy.approve",	EVENT_RECORDS,			"id preparer") \
  X(DESTROY,		"destroy",		EVENT_HOLDINGS,			"id") \
  X(DESTROY_EXECUTE,	"destroy.execute",	EVENT_RECORDS,			"id hash head witnesses count [number]") \
  X(DESTROY_CANCEL,	"destroy.cancel",	EVENT_RECORDS,			"id") \
  X(WRITEOFF_PREPARE,	"writeoff.prepare",	EVENT_RECORDS,			"id location reason count serials") \
  X(WRITEOFF,		"writeoff",		EVENT_HOLDINGS | EVENT_RECORDS,	"id reason preparer [number]") \
  X(WRITEOFF_CANCEL,	"writeoff.cancel",	EVENT_RECORDS,			"id") \
  X(RECEIVE_VOID_PREPARE, "receive.void.prepare", EVENT_RECORDS,		"id receipt location delivery_note reason count serials") \
  X(RECEIVE_VOID,	"receive.void",		EVENT_HOLDINGS | EVENT_RECORDS | EVENT_SUPPLY, "id receipt delivery_note count reason preparer") \
  X(RECEIVE_VOID_CANCEL, "receive.void.cancel",	EVENT_RECORDS,			"id") \
  X(SUPPLY_REQUEST,	"supply.request",	EVENT_SUPPLY,			"quantity basis to date") \
  X(SUPPLY_CANCEL,	"supply.cancel",	EVENT_SUPPLY,			"request reason") \
  X(REQUEST_IMPORT,	"request.import",	EVENT_REQUESTS,			"added first last replaced skipped template file_sha256 [rows_sha256]") \
  X(REQUEST_CANCEL,	"request.cancel",	EVENT_REQUESTS,			"request") \
  X(REQUEST_REPRINT,	"request.reprint",	EVENT_REQUESTS,			"request new serial reason [rows_sha256]") \
  X(REQUEST_PRIORITY,	"request.priority",	0,				"request priority until reason") \
  X(CARD_SPOIL,		"card.spoil",		EVENT_HOLDINGS | EVENT_REQUESTS,	"request serial reason") \
  X(PRINTER_ADD,	"printer.add",		EVENT_PRINTING,			"printer queue location hopper") \
  X(PRINTER_REMOVE,	"printer.remove",	EVENT_PRINTING,			"printer") \
  X(PRINTER_LOAD,	"printer.load",		EVENT_HOLDINGS | EVENT_PRINTING,	"printer") \
  X(PRINTER_UNLOAD,	"printer.unload",	EVENT_HOLDINGS | EVENT_PRINTING,	"printer") \
  X(PRINTER_CHECK,	"printer.check",	EVENT_PRINTING,			"printer read expected match") \
  X(PRINTER_PAUSE,	"printer.pause",	EVENT_PRINTING,			"printer state reason") \
  X(PRINTER_RESUME,	"printer.resume",	EVENT_PRINTING,			"printer state reason") \
  X(KEY_ROTATE,		"key.rotate",		0,				"key") \
  X(PRINT_INTENT,	"print.intent",		EVENT_PRINTING | EVENT_REQUESTS,	"job request serial printer cups_job [issue_date]") \
  X(PRINT_SUBMITTED,	"print.submitted",	EVENT_PRINTING,			"job request serial printer cups_job [issue_date]") \
  X(PRINT_RESUBMIT,	"print.resubmit",	EVENT_PRINTING,			"job request serial printer cups_job [issue_date]") \
  X(PRINT_ISSUED,	"print.issued",		EVENT_HOLDINGS | EVENT_PRINTING | EVENT_REQUESTS, "job request serial printer cups_job [issue_date] reason outcome") \
  X(PRINT_SPOILED,	"print.spoiled",	EVENT_HOLDINGS | EVENT_PRINTING | EVENT_REQUESTS, "job request serial printer cups_job [issue_date] reason outcome") \
  X(PRINT_UNSENT,	"print.unsent",		EVENT_PRINTING | EVENT_REQUESTS,	"job request serial printer cups_job [issue_date] reason") \
  X(PRINT_SUSPECT,	"print.suspect",	EVENT_PRINTING | EVENT_REQUESTS,	"job request serial printer cups_job [issue_date] reason") \
  X(PRINT_RESOLVE,	"print.resolve",	EVENT_HOLDINGS | EVENT_PRINTING | EVENT_REQUESTS, "job request serial printer cups_job [issue_date] [reason] outcome") \
  X(TOOL_PRINT,		"print",		EVENT_HOLDINGS,			"") \
  X(USER_PLACE,		"user.place",		EVENT_ACCOUNTS,			"name place") \
  X(DISPATCH,		"dispatch",		EVENT_HOLDINGS,			"handover number place source count") \
  X(ARRIVE,		"arrive",		EVENT_HOLDINGS,			"handover number place expected counted missing_count missing") \
  X(TOKEN_ADD,		"token.add",		EVENT_ACCOUNTS,			"name") \
  X(TOKEN_REVOKE,	"token.revoke",		EVENT_ACCOUNTS,			"name") \
  X(DELIVER,		"deliver",		EVENT_HOLDINGS,			"request place by received [receipt_sha256]") \
  X(RETURN,		"return",		EVENT_HOLDINGS,			"reason place") \
  X(SUKET_ISSUE,	"suket.issue",		EVENT_SUKET,			"suket request number issued valid_until") \
  X(SUKET_EXTEND,	"suket.extend",		EVENT_SUKET,			"suket request number valid_until") \
  X(SUKET_RETRIEVE,	"suket.retrieve",	EVENT_SUKET,			"suket request number") \
  X(SUKET_EXPIRE,	"suket.expire",		EVENT_SUKET,			"suket request number valid_until") \
  X(SUKET_CANCEL,	"suket.cancel",		EVENT_SUKET,			"suket request number reason") \
  X(DELIVER_LIST,	"deliver.list",		EVENT_HOLDINGS,			"place received by count [receipt_sha256]")

/* The kinds, EV_INIT ... */
typedef enum event_id_e
{
  EV_UNKNOWN = -1,			/* Not a declared kind */
#define EVENT_ENUM(id, name, domains, fields) EV_##id,
  EVENT_KINDS(EVENT_ENUM)
#undef EVENT_ENUM
  EV_KINDS				/* How many kinds there are */
} event_id_t;

extern const char	*eventName(event_id_t id);
extern event_id_t	eventFind(const char *name);
extern unsigned		eventDomains(event_id_t id);
extern const char	*eventFields(event_id_t id);

#endif /* !BLANKO_EVENTS_PRIVATE_H */
