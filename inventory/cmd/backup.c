/*
 * inventory backup [DEST]: a verified copy of the ledger, taken while the
 * print controller goes on printing, and the signing keys beside it.
 *
 * The copy (SQLite's online backup, invDbBackup) is written to a temporary
 * name in the destination's folder, opened and checked there as
 * 'inventory verify' checks a ledger, plus SQLite's integrity check, and
 * only then given its name; a name that exists is never overwritten.  The
 * keys ("<ledger>.keys/", blanko/keyring.h, and the older "<ledger>.key")
 * are copied into "<backup>.keys/", a folder of their own, so that the
 * copy and its keys can be kept apart.  A refused or failed backup leaves
 * no file behind.
 */

#include "commands.h"
#include "blanko/outfile.h"
#include "blanko/privilege.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BACKUP_PATH_MAX	1024		/* Longest path made here */


/* What a backup made, to report or to remove on failure. */
typedef struct backup_s
{
  char		path[BACKUP_PATH_MAX],	/* The copy's name */
		tmp[BACKUP_PATH_MAX + 32],	/* Its temporary name */
		keys[BACKUP_PATH_MAX + 8];	/* The keys' folder */
  bool		tmp_made,		/* Did we make tmp, keys? */
		keys_made;
  int		key_files;		/* Key files copied */
  inv_verify_t	verified;		/* What verify found in the copy */
} backup_t;


/* Remove a SQLite file with its journal files. */
static void
remove_sqlite_file(const char *path)	/* I - File */
{
  char side[BACKUP_PATH_MAX + 40];

  unlink(path);
  snprintf(side, sizeof(side), "%s-wal", path);
  unlink(side);
  snprintf(side, sizeof(side), "%s-shm", path);
  unlink(side);
  snprintf(side, sizeof(side), "%s-journal", path);
  unlink(side);
}


/* Remove what a failed backup made: its temporary copy and its keys. */
static void
backup_undo(backup_t *b)		/* I - Backup */
{
  if (b->tmp_made)
    remove_sqlite_file(b->tmp);
  if (b->keys_made)
  {
    DIR			*dir = opendir(b->keys);
    struct dirent	*e;
    char		file[BACKUP_PATH_MAX + 300];

    while (dir && (e = readdir(dir)) != NULL)
      if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      {
        snprintf(file, sizeof(file), "%s/%s", b->keys, e->d_name);
        unlink(file);
      }
    if (dir)
      closedir(dir);
    rmdir(b->keys);
  }
}


/* The default name: "<state folder>/backup/blanko-YYYYMMDD-HHMMSS.db" (UTC),
 * making the backup folder (0700) when it is missing. */
static int
default_path(cli_t *cli,		/* I - Command context */
             char  *path,		/* O - The copy's name */
             size_t pathsize)		/* I - Its size */
{
  char		dir[BACKUP_PATH_MAX], stamp[32];
  time_t	now = time(NULL);
  struct tm	tm;
  struct stat	info;

  if ((size_t)snprintf(dir, sizeof(dir), "%s/backup", blankoPath(BLANKO_PATH_STATE)) >= sizeof(dir))
    return (cliFail(cli, CLI_REFUSED, _("the state folder's path is too long")));
  if (mkdir(dir, 0700) && errno != EEXIST)
    return (cliFail(cli, CLI_REFUSED, _("cannot make the backup folder %s: %s"), dir, strerror(errno)));
  if (lstat(dir, &info) || !S_ISDIR(info.st_mode))
    return (cliFail(cli, CLI_REFUSED, _("the backup folder %s is not a folder"), dir));
  gmtime_r(&now, &tm);
  strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
  if ((size_t)snprintf(path, pathsize, "%s/blanko-%s.db", dir, stamp) >= pathsize)
    return (cliFail(cli, CLI_REFUSED, _("the state folder's path is too long")));
  return (CLI_OK);
}


/* Name the copy, its temporary name and its keys' folder; refuse names
 * that exist. */
static int
backup_names(cli_t      *cli,		/* I - Command context */
             const char *dest,		/* I - DEST, or NULL for the default */
             backup_t   *b)		/* O - The names */
{
  const char	*slash;
  struct stat	info;
  int		result;

  if (dest)
  {
    if (getuid() != 0)
      return (cliFail(cli, CLI_REFUSED, _("only root may name where a backup goes; others back up into the state "
                                          "folder (run 'inventory backup' with no DEST)")));
    if ((size_t)snprintf(b->path, sizeof(b->path), "%s", dest) >= sizeof(b->path))
      return (cliFail(cli, CLI_REFUSED, _("the backup's path is too long")));
  }
  else if ((result = default_path(cli, b->path, sizeof(b->path))) != CLI_OK)
    return (result);
  snprintf(b->keys, sizeof(b->keys), "%s.keys", b->path);
  if (!lstat(b->path, &info))
    return (cliFail(cli, CLI_REFUSED, _("%s exists already; a backup never overwrites a file"), b->path));
  if (!lstat(b->keys, &info))
    return (cliFail(cli, CLI_REFUSED, _("%s exists already; a backup never overwrites a file"), b->keys));
  slash = strrchr(b->path, '/');
  snprintf(b->tmp, sizeof(b->tmp), "%.*s.%s.tmp-%ld", slash ? (int)(slash - b->path + 1) : 0, b->path,
           slash ? slash + 1 : b->path, (long)getpid());
  return (CLI_OK);
}


/* Make the empty temporary file (0600, ours) and copy the ledger into it. */
static int
backup_copy(cli_t    *cli,		/* I - Command context */
            backup_t *b)		/* IO - Backup */
{
  int		fd = open(b->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  inv_status_t	status;

  if (fd < 0)
    return (cliFail(cli, CLI_REFUSED, _("cannot create %s: %s"), b->tmp, strerror(errno)));
  b->tmp_made = true;
  fchmod(fd, 0600);			/* whatever the umask */
  close(fd);
  if ((status = invDbBackup(cliGetDb(cli), b->tmp)) != INV_OK)
    return (cliFailDb(cli, status));
  return (CLI_OK);
}


/* Open the copy and check it as 'inventory verify' does, and with SQLite's
 * integrity check; the copy is closed again (no journal files left). */
static int
backup_check(cli_t    *cli,		/* I - Command context */
             backup_t *b)		/* IO - Backup */
{
  inv_db_t	*copy = NULL;
  inv_status_t	status;
  char		problem[512] = "";
  int		result = CLI_OK;

  if ((status = invDbOpen(b->tmp, INV_OPEN_READ, &copy)) != INV_OK)
    snprintf(problem, sizeof(problem), "%s", invDbGetError(copy));
  else if ((status = invDbCheckIntegrity(copy, problem, sizeof(problem))) == INV_OK &&
           (status = invVerify(copy, NULL, NULL, &b->verified)) == INV_PROBLEM)
    snprintf(problem, sizeof(problem), "%s", b->verified.problem);
  else if (status != INV_OK && status != INV_PROBLEM)
    snprintf(problem, sizeof(problem), "%s", invDbGetError(copy));
  if (status != INV_OK)
    result = cliFail(cli, status == INV_PROBLEM ? CLI_PROBLEM : CLI_REFUSED,
                     _("the backup did not verify, so none was kept: %s"), problem);
  invDbClose(copy);
  return (result);
}


/* Copy one key file into the keys' folder (0600). */
static int
copy_key(cli_t      *cli,		/* I - Command context */
         backup_t   *b,			/* IO - Backup */
         const char *from,		/* I - Key file */
         const char *name)		/* I - Its name in the keys' folder */
{
  char		to[BACKUP_PATH_MAX + 300], buf[8192], error[512];
  int		fd = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  blanko_out_t	out;
  ssize_t	n = 0;
  bool		ok;

  if (fd < 0)
    return (cliFail(cli, CLI_REFUSED, _("cannot read the key %s: %s"), from, strerror(errno)));
  snprintf(to, sizeof(to), "%s/%s", b->keys, name);
  if (!blankoOutOpen(&out, to, error, sizeof(error)))
  {
    close(fd);
    return (cliFail(cli, CLI_REFUSED, "%s", error));
  }
  while ((n = read(fd, buf, sizeof(buf))) > 0 && fwrite(buf, 1, (size_t)n, out.fp) == (size_t)n)
    ;
  ok = n == 0;
  close(fd);
  if (!blankoOutClose(&out, ok, error, sizeof(error)))
    return (cliFail(cli, CLI_REFUSED, "%s", ok ? error : _("cannot copy the signing keys")));
  b->key_files ++;
  return (CLI_OK);
}


/* Copy the signing keys ("<ledger>.keys/" and "<ledger>.key") into
 * "<backup>.keys/" (0700), made only when there is a key. */
static int
backup_keys(cli_t    *cli,		/* I - Command context */
            backup_t *b)		/* IO - Backup */
{
  const char	*ledger = cliGetDbPath(cli), *base = strrchr(ledger, '/');
  char		folder[BACKUP_PATH_MAX + 8], legacy[BACKUP_PATH_MAX + 8], from[2 * BACKUP_PATH_MAX], name[300];
  DIR		*dir;
  struct dirent	*e;
  struct stat	info;
  bool		have_legacy;
  int		result = CLI_OK;

  snprintf(folder, sizeof(folder), "%s.keys", ledger);
  snprintf(legacy, sizeof(legacy), "%s.key", ledger);
  have_legacy = !lstat(legacy, &info) && S_ISREG(info.st_mode);
  dir = opendir(folder);
  if (!dir && !have_legacy)
    return (CLI_OK);			/* no key to keep */
  if (mkdir(b->keys, 0700))
  {
    result = cliFail(cli, CLI_REFUSED, _("cannot make %s: %s"), b->keys, strerror(errno));
    goto done;
  }
  b->keys_made = true;
  chmod(b->keys, 0700);
  while (dir && result == CLI_OK && (e = readdir(dir)) != NULL)
  {
    snprintf(from, sizeof(from), "%s/%s", folder, e->d_name);
    if (e->d_name[0] != '.' && !lstat(from, &info) && S_ISREG(info.st_mode))
      result = copy_key(cli, b, from, e->d_name);
  }
  snprintf(name, sizeof(name), "%s.key", base ? base + 1 : ledger);
  if (result == CLI_OK && have_legacy)
    result = copy_key(cli, b, legacy, name);

done:
  if (dir)
    closedir(dir);
  return (result);
}


/* Give the verified copy its name (never over a file), and drop the
 * temporary name. */
static int
backup_name_it(cli_t    *cli,		/* I - Command context */
               backup_t *b)		/* IO - Backup */
{
  if (link(b->tmp, b->path))
    return (cliFail(cli, CLI_REFUSED, errno == EEXIST ? _("%s exists already; a backup never overwrites a file")
                                                      : _("cannot name the backup %s: %s"), b->path, strerror(errno)));
  remove_sqlite_file(b->tmp);
  b->tmp_made = false;
  return (CLI_OK);
}


/* Say what was backed up. */
static void
backup_report(cli_t          *cli,	/* I - Command context */
              const backup_t *b)	/* I - Backup */
{
  char	n[32];				/* The count of events, grouped */

  if (cliGetJson(cli))
  {
    cliJsonPrint(json_pack("{s:s,s:b,s:I,s:s,s:o,s:i}", "backup", b->path, "verified", true, "events",
                           (json_int_t)b->verified.events, "head", b->verified.head, "keys",
                           b->keys_made ? json_string(b->keys) : json_null(), "key_files", b->key_files));
    return;
  }
  printf(_("Backed up the ledger to %s (mode 0600) and verified the copy: %s events, chain head %s.\n"),
         b->path, i18nCount(b->verified.events, n, sizeof(n)), b->verified.head);
  if (b->keys_made)
    printf(_("The signing keys were backed up separately, to %s (%d files, mode 0600): keep them as safe as the "
             "ledger, and apart from it.\n"), b->keys, b->key_files);
  else
    printf(_("There is no signing key beside the ledger, so none was backed up.\n"));
}


/* May this account back up?  Root, the account that owns the state folder
   (the service account, as the daily timer runs it), or an admin when the
   program is not set-group-id for them: a staff member's copy would be
   theirs to read, and their backup folder the service's no more. */
static int
backup_allowed(cli_t *cli)		/* I - Command context */
{
  struct stat	state;

  if (getuid() == 0 || ((cliGetRoles(cli) & INV_ROLE_ADMIN) && !cliPrivIsPrivileged()) ||
      (!stat(blankoPath(BLANKO_PATH_STATE), &state) && state.st_uid == getuid()))
    return (CLI_OK);
  return (cliFail(cli, CLI_REFUSED, _("'backup' needs the admin role, or the service account that owns the state folder")));
}


/* Back up the ledger. */
int
cmdBackup(cli_t *cli,			/* I - Command context */
          int   argc,			/* I - Arguments */
          char  *argv[])
{
  backup_t	b;
  int		c, result;

  memset(&b, 0, sizeof(b));
  while ((c = cliGetOption(cli, argc, argv, cliGetOptions(cli))) != -1)
    if (c == CLI_OPTION_ERROR)
      return (CLI_USAGE);
  if (optind < argc - 1)
    return (cliUsage(cli, _("unexpected argument '%s'"), argv[optind + 1]));
  if ((result = backup_allowed(cli)) == CLI_OK &&
      (result = backup_names(cli, optind < argc ? argv[optind] : NULL, &b)) == CLI_OK &&
      (result = backup_copy(cli, &b)) == CLI_OK &&
      (result = backup_check(cli, &b)) == CLI_OK &&
      (result = backup_keys(cli, &b)) == CLI_OK &&
      (result = backup_name_it(cli, &b)) == CLI_OK)
    backup_report(cli, &b);
  if (result != CLI_OK)
    backup_undo(&b);
  return (result);
}
