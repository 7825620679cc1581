/*
 * The ledger's schema: creation, recognition and migration.
 *
 * A blanko file carries application_id "BLKO" and its schema version in
 * user_version.  An older file is migrated in place in one transaction; a
 * newer file, or any other file, is refused before anything is written.
 *
 * This file is the SQL of the schema and nothing else: it sits below db.c,
 * which alone calls it (and holds the transaction, and words the errors).
 */

#include "db-private.h"
#include "request-order.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>


/*
 * Schema version 1.  Serials are held as ranges: holding rows are disjoint
 * and their union is everything ever received (the conservation law);
 * balance is kept per account so that stock is read without a scan.
 */

static const char schema_v1[] =
  "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;\n"
  "CREATE TABLE user(name TEXT PRIMARY KEY, roles INTEGER NOT NULL, since TEXT NOT NULL) WITHOUT ROWID;\n"
  "CREATE TABLE account(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,"
  " name TEXT NOT NULL DEFAULT '', balance INTEGER NOT NULL DEFAULT 0);\n"
  "CREATE TABLE series(id INTEGER PRIMARY KEY, prefix TEXT NOT NULL, width INTEGER NOT NULL,"
  " UNIQUE(prefix, width));\n"
  "CREATE TABLE event(id INTEGER PRIMARY KEY, time TEXT NOT NULL, actor TEXT NOT NULL,"
  " via TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL, detail TEXT NOT NULL,"
  " prev TEXT NOT NULL, hash TEXT NOT NULL);\n"
  "CREATE TABLE movement(id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES event(id),"
  " series_id INTEGER NOT NULL REFERENCES series(id), first INTEGER NOT NULL,"
  " last INTEGER NOT NULL, bucket INTEGER NOT NULL,"
  " from_id INTEGER NOT NULL REFERENCES account(id), to_id INTEGER NOT NULL REFERENCES account(id));\n"
  "CREATE INDEX movement_event ON movement(event_id);\n"
  "CREATE INDEX movement_serial ON movement(series_id, bucket, first);\n"
  "CREATE TABLE holding(series_id INTEGER NOT NULL REFERENCES series(id), first INTEGER NOT NULL,"
  " last INTEGER NOT NULL, account_id INTEGER NOT NULL REFERENCES account(id),"
  " PRIMARY KEY(series_id, first)) WITHOUT ROWID;\n"
  "CREATE INDEX holding_account ON holding(account_id, series_id, first);\n";


/*
 * Schema version 2: card requests and their photos (issue 3).
 *
 * A request is one resident's data waiting to be printed (or printed).
 * Its state column holds the whole life of design.md section 3 so later
 * steps add no column: pending, submitted, printed, failed, suspect,
 * cancelled, superseded.  A NIK has at most one "live" request (anything
 * but cancelled and superseded), enforced by a partial unique index, so one
 * person holds one valid card.  The record's values are a JSON object in
 * fields; nik and name are also columns for lookup and listing.  Photos
 * are stored once per content (sha256), since one photo may serve a
 * reprint.  serial and issue_date are set when a blank is printed;
 * supersedes points at the request a reprint replaces, with the reason.
 */

static const char schema_v2[] =
  "CREATE TABLE photo(id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, type TEXT NOT NULL,"
  " data BLOB NOT NULL);\n"
  "CREATE TABLE request(id INTEGER PRIMARY KEY, nik TEXT NOT NULL, name TEXT NOT NULL,"
  " state TEXT NOT NULL DEFAULT 'pending' CHECK(state IN ('pending','submitted','printed','failed',"
  "'suspect','cancelled','superseded')),"
  " template TEXT NOT NULL, fields TEXT NOT NULL, photo_id INTEGER REFERENCES photo(id),"
  " supersedes INTEGER REFERENCES request(id), reason TEXT NOT NULL DEFAULT '',"
  " created TEXT NOT NULL, updated TEXT NOT NULL, serial TEXT, issue_date TEXT);\n"
  "CREATE UNIQUE INDEX request_live_nik ON request(nik) WHERE state NOT IN ('cancelled','superseded');\n"
  "CREATE INDEX request_nik ON request(nik, id);\n"
  "CREATE INDEX request_state ON request(state, id);\n"
  "CREATE INDEX request_supersedes ON request(supersedes);\n"
  "CREATE UNIQUE INDEX request_serial ON request(serial) WHERE serial IS NOT NULL;\n";


/*
 * Schema version 3 (issue 5): destruction records and write-offs with their
 * serials, and an index on event time for reports by period.  A record is
 * prepared, approved (by another user), executed or cancelled; its items
 * say where each range came from (spoiled, invalid, a location) and why,
 * and, for an invalid card bound to a card request, the holder's NIK.
 */

static const char schema_v3[] =
  "CREATE INDEX event_time ON event(time);\n"
  "CREATE TABLE record(id INTEGER PRIMARY KEY, type TEXT NOT NULL, state TEXT NOT NULL,"
  " location TEXT NOT NULL DEFAULT '', method TEXT NOT NULL DEFAULT '', place TEXT NOT NULL DEFAULT '',"
  " planned TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',"
  " preparer TEXT NOT NULL, prepared TEXT NOT NULL,"
  " approver TEXT NOT NULL DEFAULT '', approved TEXT NOT NULL DEFAULT '',"
  " executor TEXT NOT NULL DEFAULT '', executed TEXT NOT NULL DEFAULT '',"
  " cancelled TEXT NOT NULL DEFAULT '', witnesses TEXT NOT NULL DEFAULT '[]',"
  " hash TEXT NOT NULL DEFAULT '', head TEXT NOT NULL DEFAULT '',"
  " count INTEGER NOT NULL, seal_event INTEGER NOT NULL DEFAULT 0);\n"
  "CREATE INDEX record_state ON record(state);\n"
  "CREATE TABLE record_item(record_id INTEGER NOT NULL REFERENCES record(id),"
  " series_id INTEGER NOT NULL REFERENCES series(id), first INTEGER NOT NULL, last INTEGER NOT NULL,"
  " state TEXT NOT NULL, reason TEXT NOT NULL, nik TEXT NOT NULL DEFAULT '',"
  " PRIMARY KEY(record_id, series_id, first)) WITHOUT ROWID;\n"
  "CREATE INDEX record_item_serial ON record_item(series_id, first);\n";


/*
 * Schema version 4: printers and print jobs (issue 4, the print controller).
 *
 * A printer is a CUPS queue with a hopper: a ledger account (kind hopper,
 * code "hopper.<NAME>") filled from its print room.  Its state is running,
 * paused (by an operator, or after a failed or suspect card: reason says
 * why) or check-needed (the operator read a different next card than the
 * ledger expects).  A print job is one card: the intent (request, serial,
 * printer, issue date) is committed before CUPS hears of it; cups_job_id as
 * soon as Create-Job answers; canceled_cups_id remembers a CUPS job the
 * controller itself canceled (a document that never arrived) so that a
 * restart does not read that cancel as a printer's abort.  state: intent
 * (no CUPS job known), submitted, suspect (outcome unknown, an operator
 * settles it with resolve), done (outcome says how it ended).  A serial is
 * in at most one open job.
 */

static const char schema_v4[] =
  "CREATE TABLE printer(name TEXT PRIMARY KEY, queue TEXT NOT NULL, location TEXT NOT NULL,"
  " hopper TEXT NOT NULL UNIQUE, state TEXT NOT NULL DEFAULT 'running'"
  " CHECK(state IN ('running','paused','check-needed')), reason TEXT NOT NULL DEFAULT '',"
  " added TEXT NOT NULL) WITHOUT ROWID;\n"
  "CREATE TABLE print_job(id INTEGER PRIMARY KEY, request_id INTEGER NOT NULL REFERENCES request(id),"
  " serial TEXT NOT NULL, printer TEXT NOT NULL, issue_date TEXT NOT NULL,"
  " cups_job_id INTEGER NOT NULL DEFAULT 0, canceled_cups_id INTEGER NOT NULL DEFAULT 0,"
  " state TEXT NOT NULL CHECK(state IN ('intent','submitted','suspect','done')),"
  " outcome TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',"
  " created TEXT NOT NULL, updated TEXT NOT NULL);\n"
  "CREATE INDEX print_job_open ON print_job(printer, id) WHERE state != 'done';\n"
  "CREATE UNIQUE INDEX print_job_open_serial ON print_job(serial) WHERE state != 'done';\n"
  "CREATE INDEX print_job_request ON print_job(request_id, id);\n";


/*
 * Schema version 5 (issue 10): the digest of each card request, the
 * photos an import stores before it links its rows, and printer leases.
 *
 * digest is the hex SHA-256 of the request's canonical content
 * (requestDigest in request.c: nik, name, template, fields, the photo's
 * SHA-256 and type, supersedes, reason), written with the row.  The event
 * that makes rows seals a SHA-256 over their digests (rows_sha256), so
 * verify names the row that was changed and catches a digest recomputed
 * behind the program's back.  Rows made before hold '' and are not covered.
 *
 * A large import stores its photos in short transactions of their own (so
 * that no writer waits long for the lock), then links the rows to them in
 * one last transaction.  Until then a photo has a photo_stage row saying
 * since when; linking removes it, and a refused import deletes the photos
 * it staged that no request uses (so do later imports with photos staged
 * more than an hour before, left by an import that was killed).
 * request_photo finds whether a request uses a photo.  request_supersedes
 * holds only the reprints (supersedes not NULL): an import's new rows add
 * nothing to it, one index fewer to write while the write lock is held.
 *
 * A printer is driven by at most one controller at a time: its lease names
 * the holder (pid and host), a random token that changes with every new
 * holder, when it took the printer and its last heartbeat (UTC seconds
 * since the epoch).  Every write a controller makes about a printer's jobs
 * checks its token in the same transaction (fencing).  Heartbeats are not
 * events: the table is outside the hash chain, and verify does not read it.
 */

static const char schema_v5[] =
  "ALTER TABLE request ADD COLUMN digest TEXT NOT NULL DEFAULT '';\n"
  "CREATE TABLE photo_stage(photo_id INTEGER PRIMARY KEY REFERENCES photo(id) ON DELETE CASCADE,"
  " since TEXT NOT NULL);\n"
  "CREATE INDEX photo_stage_since ON photo_stage(since);\n"
  "CREATE INDEX request_photo ON request(photo_id);\n"
  "DROP INDEX request_supersedes;\n"
  "CREATE INDEX request_supersedes ON request(supersedes) WHERE supersedes IS NOT NULL;\n"
  "CREATE TABLE printer_lease(printer TEXT PRIMARY KEY, token TEXT NOT NULL, pid INTEGER NOT NULL,"
  " host TEXT NOT NULL, since TEXT NOT NULL, heartbeat INTEGER NOT NULL) WITHOUT ROWID;\n";


/*
 * Schema version 6 (issue 12): anchors, users that can be switched off,
 * and the events of a record found by their reference.
 *
 * anchor: checkpoints of the chain signed with the service's key
 * (anchor.c, doc/anchors.md).  Each row names an event and the chain hash
 * at it, the ledger (event 1's hash), when and why it was signed ("day
 * 2026-12-04", "record destruction 3", "manual"), the key and the
 * signature (hex).  The table is outside the hash chain, like
 * printer_lease: a checkpoint is about the chain, and as an event it would
 * change the head it certifies; its signature protects it, and verify
 * notices a removed one (every day's end after the first checkpoint has
 * one).
 *
 * user.disabled holds when the user was disabled (user.disable), '' while
 * enabled; a disabled user can run no command.  event_ref finds the events
 * of one destruction record or write-off (ref "destruction/N"), from which
 * a record's documents say who acted for whom ("rina (via root)").
 */

static const char schema_v6[] =
  "CREATE TABLE anchor(id INTEGER PRIMARY KEY, ledger TEXT NOT NULL, event INTEGER NOT NULL,"
  " head TEXT NOT NULL, time TEXT NOT NULL, mark TEXT NOT NULL, keyid TEXT NOT NULL, sig TEXT NOT NULL);\n"
  "CREATE INDEX anchor_event ON anchor(event, id);\n"
  "CREATE INDEX anchor_mark ON anchor(mark, id);\n"
  "ALTER TABLE user ADD COLUMN disabled TEXT NOT NULL DEFAULT '';\n"
  "CREATE INDEX event_ref ON event(ref);\n";


/*
 * Schema version 7 (issue 13): the person behind each user, as documents
 * show them: full name, NIP and post (jabatan), '' until an admin sets
 * them (user.person events; verify compares the columns with the replay).
 */

static const char schema_v7[] =
  "ALTER TABLE user ADD COLUMN full_name TEXT NOT NULL DEFAULT '';\n"
  "ALTER TABLE user ADD COLUMN nip TEXT NOT NULL DEFAULT '';\n"
  "ALTER TABLE user ADD COLUMN post TEXT NOT NULL DEFAULT '';\n";


/*
 * Schema version 8 (issue 13): official numbers.  A destruction record or
 * write-off gets its number when it is sealed (executed, approved), from
 * the office's format for its type and a sequence that restarts each year
 * (year, seq; one sequence per type).  Records sealed before keep the
 * number they were shown with, "BAP-000001" (year and seq 0).
 */

static const char schema_v8[] =
  "ALTER TABLE record ADD COLUMN number TEXT NOT NULL DEFAULT '';\n"
  "ALTER TABLE record ADD COLUMN year INTEGER NOT NULL DEFAULT 0;\n"
  "ALTER TABLE record ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;\n"
  "UPDATE record SET number = printf('BAP-%06d', id) WHERE type = 'destruction' AND state = 'executed';\n"
  "CREATE UNIQUE INDEX record_number ON record(type, year, seq) WHERE seq > 0;\n";


/*
 * Schema version 9 (issue 17): a photo converted at import.  A card embeds
 * its photo as a JPEG of the photo box's size at 300 dpi, made once at
 * import from a PNG or a larger JPEG; the photo row then holds those bytes
 * (sha256 is their digest, as before) and source the SHA-256 of the file
 * the office gave, '' when the row holds that file's own bytes.  The
 * request digest covers source when it is set (requestDigest).
 */

static const char schema_v9[] =
  "ALTER TABLE photo ADD COLUMN source TEXT NOT NULL DEFAULT '';\n";


/*
 * Schema version 10 (issue 13): the serials moved per UTC hour, kind of
 * event and pair of accounts, kept as the ledger changes (store-total.c),
 * so that reports add up hours rather than every movement.
 *
 * A row's hour is that of the latest time recorded up to its event (the
 * running maximum, "YYYY-MM-DDTHH"), not of the event's own time: the
 * rows before an hour are then exactly the chain cut at that hour
 * (EVENT_CUT in store-private.h), even when the clock stepped back.  An
 * event that moves nothing counts once in a row with accounts 0 and 0, so
 * that every event is in some row; first_event is the first event of the
 * row, from which the cut at an hour is found without a scan.  Hours, not
 * days: a change of the office's time zone needs no rebuild.  The table is
 * derived data: the migration counts it from the events (this SQL), and
 * verify recounts it as it replays the chain (verify-totals.c).
 */

#define SCHEMA_TOTALS_RECOUNT \
  "SELECT e.hour, e.kind, coalesce(m.from_id, 0) AS f, coalesce(m.to_id, 0) AS t, " \
  "sum(CASE WHEN m.id IS NULL THEN 1 ELSE m.last - m.first + 1 END), min(e.id) " \
  "FROM (SELECT id, kind, substr(max(time) OVER (ORDER BY id), 1, 13) AS hour FROM event) e " \
  "LEFT JOIN movement m ON m.event_id = e.id GROUP BY e.hour, e.kind, f, t"

static const char schema_v10[] =
  "CREATE TABLE movement_total(hour TEXT NOT NULL, kind TEXT NOT NULL, from_id INTEGER NOT NULL,"
  " to_id INTEGER NOT NULL, serials INTEGER NOT NULL, first_event INTEGER NOT NULL,"
  " PRIMARY KEY(hour, kind, from_id, to_id)) WITHOUT ROWID;\n"
  "INSERT INTO movement_total(hour, kind, from_id, to_id, serials, first_event) "
  SCHEMA_TOTALS_RECOUNT ";\n";


/*
 * Schema version 11 (issue 14): places where printed cards go, users
 * limited to a place, and handover records.
 *
 * place: a kecamatan or kelurahan account with its parent (the kelurahan's
 * kecamatan, 0 for a kecamatan) and its in-transit account
 * ("transit.<CODE>", where a card on its way there is held); location.add
 * records both.  user.place: the code of the only place a user acts for,
 * '' for the office (user.place events).  handover: a dispatch of printed
 * cards to a place (berita acara serah terima): its reference (unique),
 * official number (yearly sequence), the serials sent (ranges: no
 * personal data), who sent them and the dispatch event.
 */

static const char schema_v11[] =
  "CREATE TABLE place(account_id INTEGER PRIMARY KEY REFERENCES account(id),"
  " parent_id INTEGER NOT NULL DEFAULT 0, transit_id INTEGER NOT NULL REFERENCES account(id));\n"
  "ALTER TABLE user ADD COLUMN place TEXT NOT NULL DEFAULT '';\n"
  "CREATE TABLE handover(id INTEGER PRIMARY KEY, ref TEXT NOT NULL UNIQUE, place TEXT NOT NULL,"
  " source TEXT NOT NULL, number TEXT NOT NULL, year INTEGER NOT NULL, seq INTEGER NOT NULL,"
  " count INTEGER NOT NULL, serials TEXT NOT NULL, sender TEXT NOT NULL, sender_via TEXT NOT NULL,"
  " time TEXT NOT NULL, event INTEGER NOT NULL, UNIQUE(year, seq));\n"
  "CREATE INDEX handover_place ON handover(place, id);\n";


/*
 * Schema version 12 (issue 16): the office's web pages.  A staff member's
 * web password, only as an Argon2id hash (libsodium's crypto_pwhash_str,
 * "" when none is set; never in an event), and each card request's code
 * for the resident's page: 8 characters from 23456789ABCDEFGHJKMNPQRSTUVWXYZ,
 * kept plain (doc/security.md says why), never in an event.  Requests made
 * before have no code until a receipt is printed for them.
 */

static const char schema_v12[] =
  "ALTER TABLE user ADD COLUMN web_password TEXT NOT NULL DEFAULT '';\n"
  "CREATE TABLE request_code(request INTEGER PRIMARY KEY REFERENCES request(id), code TEXT NOT NULL);\n";


/*
 * Schema version 13 (issue 15): the backlog.  A request carries the date
 * the resident was recorded (recorded, YYYY-MM-DD in the office's days:
 * the import file's "recorded" column, else the import's day) and its
 * category (new, lost, damaged, data-change, moved; a reprint's is its
 * reason), both '' for rows written before: the backlog then takes the
 * office's day of created, and the category from the reason ("new" when
 * none).  The request digest covers both when category is set
 * (requestDigest).  priority and priority_until are what printctl
 * prioritize set last (request.priority events): the controller takes the
 * highest priority first while priority_until ('' for no end) is not
 * past, then the oldest recorded date.
 */

static const char schema_v13[] =
  "ALTER TABLE request ADD COLUMN recorded TEXT NOT NULL DEFAULT '';\n"
  "ALTER TABLE request ADD COLUMN category TEXT NOT NULL DEFAULT '';\n"
  "ALTER TABLE request ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;\n"
  "ALTER TABLE request ADD COLUMN priority_until TEXT NOT NULL DEFAULT '';\n";


/*
 * Schema version 14 (issue 16, second round): read-only tokens for the
 * province's systems (the web server's JSON API).  A token is 256 random
 * bits shown once by inventory token add; only its SHA-256 (hex) is kept,
 * never in an event (token.add and token.revoke name the token alone).
 * revoked is when it was revoked ('' while it works); a name is used once.
 */

static const char schema_v14[] =
  "CREATE TABLE api_token(name TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, created TEXT NOT NULL, "
  "created_by TEXT NOT NULL, revoked TEXT NOT NULL DEFAULT '');\n";


/*
 * Schema version 15 (issue 15): temporary certificates (suket).  One row
 * per suket: the request it was issued for and that request's NIK (one
 * live suket per NIK: a partial unique index), its official number (yearly
 * sequence), state (issued, extended, retrieved, expired, cancelled), the
 * office's day of issue and last valid day, the last change (UTC), the
 * request's kecamatan at issue (for the counts by kecamatan) and a
 * cancellation's reason.  suket.* events record every change.
 */

static const char schema_v15[] =
  "CREATE TABLE suket(id INTEGER PRIMARY KEY, request INTEGER NOT NULL REFERENCES request(id),"
  " nik TEXT NOT NULL, number TEXT NOT NULL, year INTEGER NOT NULL, seq INTEGER NOT NULL,"
  " state TEXT NOT NULL, issued TEXT NOT NULL, valid_until TEXT NOT NULL, changed TEXT NOT NULL,"
  " district TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '', UNIQUE(year, seq));\n"
  "CREATE UNIQUE INDEX suket_live ON suket(nik) WHERE state IN ('issued', 'extended');\n"
  "CREATE INDEX suket_request ON suket(request);\n";


/*
 * Schema version 16 (issue 14): who took a card handed over to a proxy.
 * A "deliver" event says only the request, the place, "by" (holder or
 * proxy), the day received and the receipt scan's SHA-256; the proxy's
 * name, relation and NIK are personal data and stay out of the chain, in
 * handover_person (one row per card handed to a proxy, by its deliver
 * event), so that they can be shown to the office and erased when the
 * retention period ends without breaking the chain (doc/security.md).
 */

static const char schema_v16[] =
  "CREATE TABLE handover_person(event INTEGER NOT NULL, serial TEXT NOT NULL, name TEXT NOT NULL,"
  " relation TEXT NOT NULL, nik TEXT NOT NULL, PRIMARY KEY(event, serial));\n";


/*
 * Schema version 17 (issue 17): the next card to print found by an index,
 * not by sorting every pending request.  printctl run takes the highest
 * priority in force (priority_until '' or not past), then, in delivery
 * order, kecamatan, kelurahan and RT/RW, then the oldest recorded day
 * (the office's day of created for rows without one), then the lowest id
 * (storeRequestNextPending).  Both orders are indexed over the pending
 * requests alone, priority first: an expired priority counts as 0, so the
 * statement walks the priorities in force first, then merges the
 * priority-0 rows with the few whose priority has expired.  Fields that
 * are not JSON (a damaged row) index as no place: json_extract alone would
 * make such a row impossible to store or change.
 */

static const char schema_v17[] =
  "CREATE INDEX request_next ON request(priority DESC, " REQUEST_DAY ", id) WHERE state = 'pending';\n"
  "CREATE INDEX request_next_delivery ON request(priority DESC, " REQUEST_PLACE ", " REQUEST_DAY ", id) "
  "WHERE state = 'pending';\n";


/*
 * Schema version 18 (issue 17): fewer index pages written by every event.
 *
 * event_ref holds only the events that have a reference.  Most events
 * (transfers, prints) have none, and every one of them wrote a page of the
 * index under the key ''; nothing looks events up by an empty reference,
 * and every statement that looks them up by reference says "ref <> ''" so
 * that SQLite uses the partial index.
 *
 * event_time is gone: the hour of the latest time recorded is read from
 * movement_total (the end of its key) when an event is appended, and
 * "log --since" starts from the hour's cut (TOTAL_HOUR_CUT), so nothing
 * searches events by time any more.
 *
 * movement is kept in the order of its event, WITHOUT ROWID with the key
 * (event_id, id), so that an event's movements are found by the table's
 * own key rather than by movement_event, which is gone.  id is unchanged:
 * unique and increasing in event order (a new movement's is the last
 * row's, in key order, plus one: what the rowid was), so everything
 * ordered by it keeps its meaning.  The table is rebuilt as SQLite's
 * "other kinds of table schema changes" says (lang_altertable.html): a new
 * table, the rows copied, the old one dropped, the new one renamed, its
 * index made again, in the one transaction of the migration; no other
 * table, view or trigger refers to movement, and the foreign keys (on)
 * are checked as the rows are copied.
 */

static const char schema_v18[] =
  "DROP INDEX event_ref;\n"
  "CREATE INDEX event_ref ON event(ref) WHERE ref <> '';\n"
  "DROP INDEX event_time;\n"
  "CREATE TABLE movement_v18(id INTEGER NOT NULL, event_id INTEGER NOT NULL REFERENCES event(id),"
  " series_id INTEGER NOT NULL REFERENCES series(id), first INTEGER NOT NULL,"
  " last INTEGER NOT NULL, bucket INTEGER NOT NULL,"
  " from_id INTEGER NOT NULL REFERENCES account(id), to_id INTEGER NOT NULL REFERENCES account(id),"
  " PRIMARY KEY(event_id, id)) WITHOUT ROWID;\n"
  "INSERT INTO movement_v18(id, event_id, series_id, first, last, bucket, from_id, to_id)"
  " SELECT id, event_id, series_id, first, last, bucket, from_id, to_id FROM movement ORDER BY event_id, id;\n"
  "DROP TABLE movement;\n"
  "ALTER TABLE movement_v18 RENAME TO movement;\n"
  "CREATE INDEX movement_serial ON movement(series_id, bucket, first);\n";


/*
 * Migrations: migrations[v] turns a version v file into version v + 1.
 * The list grows with the schema; version 1 is the first release.
 * Each step runs inside one transaction of db.c.
 */

static const char * const migrations[] =
{
  schema_v1,				/* 0 -> 1: the empty file */
  schema_v2,				/* 1 -> 2: card requests and photos */
  schema_v3,				/* 2 -> 3: destruction records (issue 5) */
  schema_v4,				/* 3 -> 4: printers and print jobs (issue 4) */
  schema_v5,				/* 4 -> 5: request digests, staged photos, printer leases (issue 10) */
  schema_v6,				/* 5 -> 6: anchors, disabled users, events by reference (issue 12) */
  schema_v7,				/* 6 -> 7: users' full names, NIPs and posts (issue 13) */
  schema_v8,				/* 7 -> 8: official numbers of records (issue 13) */
  schema_v9,				/* 8 -> 9: photos converted at import keep their source's digest (issue 17) */
  schema_v10,				/* 9 -> 10: serials moved per hour (issue 13) */
  schema_v11,				/* 10 -> 11: places, users limited to a place, handovers (issue 14) */
  schema_v12,				/* 11 -> 12: web passwords and request codes (issue 16) */
  schema_v13,				/* 12 -> 13: requests' recorded date, category and priority (issue 15) */
  schema_v14,				/* 13 -> 14: read-only API tokens (issue 16) */
  schema_v15,				/* 14 -> 15: temporary certificates, suket (issue 15) */
  schema_v16,				/* 15 -> 16: proxies who took a handed-over card (issue 14) */
  schema_v17,				/* 16 -> 17: the next card to print by an index (issue 17) */
  schema_v18				/* 17 -> 18: fewer index pages a move: event_ref partial, no event_time,
					   movement keyed by its event (issue 17) */
};

#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))


/* The schema version this program writes (invDbGetSchemaVersion). */
int
_invSchemaVersion(void)
{
  return (SCHEMA_VERSION);
}


/* Read one integer (a PRAGMA, a count); false when SQLite fails (the
 * connection holds the error). */
bool
_invSchemaRead(struct sqlite3 *sql,	/* I - Connection */
               const char     *query,	/* I - SQL returning one integer */
               int            *value)	/* O - The integer, 0 on failure */
{
  sqlite3_stmt	*st;
  int		rc;

  *value = 0;
  if (sqlite3_prepare_v2(sql, query, -1, &st, NULL) != SQLITE_OK)
    return (false);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return (rc == SQLITE_ROW);
}


/* Run the migrations from version "from" up to the current one; the caller
 * holds the transaction.  False when SQLite fails (the connection holds
 * the error). */
bool
_invSchemaMigrate(struct sqlite3 *sql,	/* I - Connection */
                  int            from)	/* I - Version of the file, 0 for a new one */
{
  char text[64];

  for (int v = from; v < SCHEMA_VERSION; v ++)
    if (sqlite3_exec(sql, migrations[v], NULL, NULL, NULL) != SQLITE_OK)
      return (false);

  snprintf(text, sizeof(text), "PRAGMA user_version = %d; PRAGMA application_id = %d;",
           SCHEMA_VERSION, INV_APPLICATION_ID);
  return (sqlite3_exec(sql, text, NULL, NULL, NULL) == SQLITE_OK);
}
