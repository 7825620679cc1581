/*
 * The last result of `inventory verify` (issue 16's dashboard), kept
 * outside the ledger so that verify stays read-only on the chain: a small
 * JSON file beside the ledger, LEDGER.verified (in the state folder:
 * /var/lib/blanko/blanko.db.verified), mode 0640, the ledger's group:
 *
 *   {"time": "2026-12-06T00:00:00Z", "ok": true, "events": 1234,
 *    "head": "<hex>", "bad_event": 0, "checkpoints": 2}
 *
 * It is a note, not a proof: whoever can write the state folder (the
 * service, the group, root) can write it, as they can the ledger; the
 * proof is running verify again.  It holds no problem text, so nothing
 * from an event's details ever lands in it.  Written to a temporary file
 * and renamed, so a reader never sees half of it.
 */

#include "blanko/inventory.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


/* The record's path: LEDGER.verified; false for a ledger in memory. */
static bool
record_path(const char *ledger,		/* I - Ledger's path */
            char       *path,		/* O - Record's path */
            size_t     pathsize)	/* I - Its size */
{
  if (!ledger || !ledger[0] || !strcmp(ledger, ":memory:"))
    return (false);
  return ((size_t)snprintf(path, pathsize, "%s.verified", ledger) < pathsize);
}


/* Keep verify's result beside the ledger; false with why (errno's text)
   when it could not be written.  ok: verify found the books intact. */
bool
invVerifyRecord(const char         *ledger,	/* I - Ledger's path */
                bool               ok,		/* I - All well? */
                const inv_verify_t *result,	/* I - What verify found */
                char               *why,	/* O - Why not */
                size_t             whysize)	/* I - Its size */
{
  char		path[1100], tmp[1120], when[32];
  time_t	now = time(NULL);
  struct tm	tm;
  struct stat	info;
  json_t	*obj;
  char		*text;
  int		fd, err = 0;
  size_t	len;

  if (!record_path(ledger, path, sizeof(path)))
    return (true);
  gmtime_r(&now, &tm);
  strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S.000Z", &tm);
  obj = json_pack("{s:s,s:b,s:I,s:s,s:I,s:I}", "time", when, "ok", ok, "events", (json_int_t)result->events, "head",
                  result->head, "bad_event", (json_int_t)result->bad_event, "checkpoints",
                  (json_int_t)result->anchors);
  text = obj ? json_dumps(obj, JSON_PRESERVE_ORDER) : NULL;
  json_decref(obj);
  if (!text)
  {
    snprintf(why, whysize, "%s", strerror(ENOMEM));
    return (false);
  }
  snprintf(tmp, sizeof(tmp), "%s.%ld", path, (long)getpid());
  if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640)) < 0)
    err = errno;
  else
  {
    /* The ledger's group, readable by it (the service, the web server). */
    if (!stat(ledger, &info) && fchown(fd, (uid_t)-1, info.st_gid))
      errno = 0;			/* not a member: the folder's group stays */
    len = strlen(text);
    if (fchmod(fd, 0640) || write(fd, text, len) != (ssize_t)len || write(fd, "\n", 1) != 1 || fsync(fd))
      err = errno ? errno : EIO;
    if (close(fd) && !err)
      err = errno;
    if (!err && rename(tmp, path))
      err = errno;
    if (err)
      unlink(tmp);
  }
  free(text);
  if (err)
  {
    snprintf(why, whysize, "%s: %s", path, strerror(err));
    return (false);
  }
  return (true);
}


/* The last result kept by invVerifyRecord; found false when verify has
   not been run (or the note cannot be read or understood). */
void
invVerifyLast(const char        *ledger,	/* I - Ledger's path */
              inv_verify_last_t *last,		/* O - The last result */
              bool              *found)		/* O - Was there one? */
{
  char		path[1100];
  json_t	*obj;
  const char	*when, *head;

  memset(last, 0, sizeof(*last));
  *found = false;
  if (!record_path(ledger, path, sizeof(path)) || (obj = json_load_file(path, 0, NULL)) == NULL)
    return;
  when = json_string_value(json_object_get(obj, "time"));
  head = json_string_value(json_object_get(obj, "head"));
  if (when && head && json_is_boolean(json_object_get(obj, "ok")))
  {
    snprintf(last->time, sizeof(last->time), "%s", when);
    snprintf(last->head, sizeof(last->head), "%s", head);
    last->ok = json_is_true(json_object_get(obj, "ok"));
    last->events = (int64_t)json_integer_value(json_object_get(obj, "events"));
    last->bad_event = (int64_t)json_integer_value(json_object_get(obj, "bad_event"));
    last->checkpoints = (int64_t)json_integer_value(json_object_get(obj, "checkpoints"));
    *found = true;
  }
  json_decref(obj);
}
