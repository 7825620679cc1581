/*
 * The blanko configuration file (INI, read with inih).
 *
 *   [database]
 *   path = FILE               ; a relative path is relative to the working
 *                             ; folder (default: blanko.db in the state folder)
 *   busy_timeout = 30000      ; milliseconds to wait for another writer
 *   [ledger]
 *   max_receipt = 10000000    ; most blanks one receipt may bring in (1 to 10^12)
 *   void_days = 7             ; days after a receipt that it may be voided (0 to 3650)
 *   [site]
 *   office = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh
 *   province = Jawa Tengah    ; printed on cards (template "site" fields)
 *   regency = Kota Semarang
 *   issue_city = Kota Semarang
 *   templates = DIR           ; card templates (default: the templates folder)
 *   government = PEMERINTAH KOTA CONTOH   ; the office for documents (issue 13):
 *   address = ...  city = ...  head_name = ...  head_nip = ...  head_post = ...
 *   timezone = Asia/Jakarta   ; IANA zone, checked in /usr/share/zoneinfo
 *   [documents]               ; official numbers, a yearly sequence per kind:
 *   destruction_number = 470/{seq:04}/Disdukcapil/{month:roman}/{year}
 *   writeoff_number = 470/{seq:04}/BAPH/{month:roman}/{year}
 *   handover_number = 470/{seq:04}/BAST/{month:roman}/{year}   ; dispatches (issue 14)
 *   suket_number = 470/{seq:04}/SKT/{month:roman}/{year}   ; temporary certificates (issue 15)
 *                             ; {seq}, {seq:0N}, {year}, {month}, {month:02},
 *                             ; {month:roman} (blanko/words.h); defaults
 *                             ; {seq:04}/BAP/... and {seq:04}/BAPH/...
 *   [suket]
 *   valid_days = 180          ; how long a suket is valid (1 to 366 days)
 *   [supply]
 *   horizon_days = 60         ; days ahead the blanks needed are counted for
 *                             ; (report supply, report stock; 1 to 3650)
 *   [distribution]            ; printed cards handed to residents (issue 14)
 *   allow_proxy = no          ; may a proxy take a resident's card?
 *   unclaimed_days = 90       ; days at a place before a card is unclaimed
 *   invalid_after_days = 90   ; days returned as unclaimed before invalid
 *   [printer]
 *   lease_expiry = 90         ; seconds without heartbeat after which another
 *                             ; controller may take a printer (longer than
 *                             ; busy_timeout; heartbeats every third of it)
 *   order = recorded          ; printctl run: "delivery" takes requests by
 *                             ; kecamatan, kelurahan and RT/RW within a priority
 *   [distribution]
 *   delivery_target = 90      ; percent of printed cards delivered (report
 *                             ; distribution)
 *
 * The file is $BLANKO_CONF, else SYSCONFDIR/blanko/blanko.conf when it
 * exists; without one, the defaults above hold.  Every run-time path is
 * compiled in and overridable by an environment variable (blankoPath).
 * Its first line that is not blank or a comment is one of its sections,
 * [database], [ledger], [printer], [site], [documents] or [supply]:
 * any other file is refused as not a blanko configuration, showing none of
 * its content.  An error names the first bad line with its own number; an
 * empty path (path =, templates =, BLANKO_CONF="") is refused.
 */

#ifndef BLANKO_CONFIG_H
#define BLANKO_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct blanko_config_s		/* Settings */
{
  char		file[1024];	/* File read, "" if none */
  char		db_path[1024];	/* [database] path */
  int		busy_timeout;	/* [database] busy_timeout, ms */
  long long	max_receipt;	/* [ledger] max_receipt, blanks per receipt */
  int		void_days;	/* [ledger] void_days: days after a receipt it may be voided */
  int		lease_expiry;	/* [printer] lease_expiry, s */
  int		supply_horizon;	/* [supply] horizon_days: days ahead of the blanks needed */
  int		target_days;	/* [service] target_days: days a resident should wait at most */
  int		unclaimed_days;	/* [distribution] unclaimed_days: days at a place before a card is unclaimed */
  int		invalid_after_days;
				/* [distribution] invalid_after_days: days returned as
				   unclaimed before it may be made invalid */
  bool		allow_proxy;	/* [distribution] allow_proxy: may a proxy take a card? */
  int		delivery_target;/* [distribution] delivery_target: percent of printed cards delivered */
  bool		print_delivery;	/* [printer] order = delivery: print in delivery order */
  char		office[256];	/* [site] office */
  char		province[128];	/* [site] province, for cards */
  char		regency[128];	/* [site] regency (KABUPATEN or KOTA ...) */
  char		issue_city[128];/* [site] issue_city, under the photo */
  char		templates[1024];/* [site] templates folder, "" for the default */
  char		government[256];/* [site] government: the letterhead's first line
				   ("PEMERINTAH KOTA CONTOH") */
  char		address[512];	/* [site] address: the letterhead's last line */
  char		city[128];	/* [site] city: the place on a document's date line */
  char		head_name[256];	/* [site] head_name: the head of office ("Mengetahui") */
  char		head_nip[32];	/* [site] head_nip: the head's NIP (18 digits, spaces allowed) */
  char		head_post[256];	/* [site] head_post: the head's post ("Kepala Dinas ...") */
  char		timezone[64];	/* [site] timezone: the office's IANA zone, default Asia/Jakarta */
  char		destruction_number[128];
				/* [documents] destruction_number, "" for the default */
  char		writeoff_number[128];
				/* [documents] writeoff_number, "" for the default */
  char		handover_number[128];
				/* [documents] handover_number, "" for the default
				   ({seq:04}/BAST/{month:roman}/{year}) */
  char		suket_number[128];
				/* [documents] suket_number, "" for the default
				   ({seq:04}/SKT/{month:roman}/{year}) */
  int		suket_days;	/* [suket] valid_days */
  char		web_staff_listen[128];
				/* [web] staff_listen: ADDRESS:PORT of the staff pages,
				   default 127.0.0.1:8631 */
  char		web_public_listen[128];
				/* [web] public_listen: ADDRESS:PORT of the resident's
				   page, default 127.0.0.1:8632 */
  char		web_tls_cert[1024];
				/* [web] tls_cert: PEM certificate, "" for plain HTTP */
  char		web_tls_key[1024];
				/* [web] tls_key: its PEM private key */
  char		error[1400];	/* Why loading failed: "FILE:LINE: why" */
} blanko_config_t;

#define BLANKO_WEB_STAFF	"127.0.0.1:8631"	/* Default of [web] staff_listen */
#define BLANKO_WEB_PUBLIC	"127.0.0.1:8632"	/* Default of [web] public_listen */

#define BLANKO_MAX_RECEIPT	10000000LL	/* Default of [ledger] max_receipt */
#define BLANKO_TIMEZONE		"Asia/Jakarta"	/* Default of [site] timezone (WIB) */
#define BLANKO_VOID_DAYS	7		/* Default of [ledger] void_days */
#define BLANKO_SUPPLY_HORIZON	60		/* Default of [supply] horizon_days */
#define BLANKO_SUKET_DAYS	180		/* Default of [suket] valid_days */
#define BLANKO_TARGET_DAYS	14		/* Default of [service] target_days */
#define BLANKO_UNCLAIMED_DAYS	90		/* Default of [distribution] unclaimed_days */
#define BLANKO_INVALID_AFTER_DAYS 90		/* Default of [distribution] invalid_after_days */
#define BLANKO_DELIVERY_TARGET	90		/* Default of [distribution] delivery_target, percent */

/*
 * The run-time paths, compiled in ("make install" puts the files there),
 * each overridable by an environment variable, as CUPS's CUPS_SERVERROOT
 * and CUPS_DATADIR are, so that the tests and an uninstalled build
 * (". tests/lib/env.sh") point them at the build tree.  A set-user-id or
 * set-group-id program ignores the variables (secure_getenv): whoever runs
 * it cannot point it at a configuration, catalog or module of their own.
 */

typedef enum blanko_path_e		/* Run-time paths */
{
  BLANKO_PATH_CONF,			/* $BLANKO_CONF, else SYSCONFDIR/blanko/blanko.conf */
  BLANKO_PATH_LOCALE,			/* $BLANKO_LOCALEDIR, else LOCALEDIR: message catalogs */
  BLANKO_PATH_PKGLIB,			/* $BLANKO_PKGLIBDIR, else PKGLIBDIR: the PDF writer module */
  BLANKO_PATH_TEMPLATES,		/* $BLANKO_TEMPLATEDIR, else SYSCONFDIR/blanko/templates */
  BLANKO_PATH_STATE,			/* $BLANKO_STATEDIR, else LOCALSTATEDIR/lib/blanko: the default ledger's folder */
  BLANKO_PATH_COUNT
} blanko_path_t;

extern bool		blankoConfigLoad(blanko_config_t *config);
extern const char	*blankoPath(blanko_path_t which);

#endif /* BLANKO_CONFIG_H */
