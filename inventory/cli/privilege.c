/*
 * The programs' privilege (set-group-id to the service's group): the
 * environment of a privileged run, files opened with the user's own
 * rights, giving the group up, and work done in a child that gave it up.
 * See blanko/privilege.h and doc/security.md.
 */

#include "blanko/privilege.h"
#include "blanko/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char	**environ;

#define PRIV_CHUNK	65536		/* Most bytes in one frame from the child */

struct cli_priv_chan_s			/* The child's way back to the parent */
{
  int		fd;		/* Write end of the pipe */
};


/* Is the program running set-group-id (its effective group not the real
   one), root or not? */
bool
cliPrivSetgid(void)
{
  return (getegid() != getgid());
}


/* Is the program privileged: set-group-id, run by an account that is not
   root? */
bool
cliPrivIsPrivileged(void)
{
  return (cliPrivSetgid() && getuid() != 0);
}


/* Is the environment entry one a privileged run keeps (LANG, LC_*,
   LANGUAGE)?  Not TZ: the configuration's [site] timezone decides the
   office's zone (invDateSetZone, set by the frame). */
static bool
priv_keep(const char *entry)		/* I - "NAME=value" */
{
  return (!strncmp(entry, "LANG=", 5) || !strncmp(entry, "LC_", 3) || !strncmp(entry, "LANGUAGE=", 9));
}


/*
 * Set the process up for its privilege: a privileged run keeps only LANG,
 * LC_* and LANGUAGE of its environment (glibc ignores the locale names
 * that are paths in a set-group-id program; the time zone is the
 * configuration's, never the caller's TZ); a set-group-id
 * run makes its files for the group (umask 007: a ledger 0660, a key 0640
 * as the code asks), any other run for the account alone (umask 077).
 */

void
cliPrivSetup(void)
{
  if (cliPrivIsPrivileged())
  {
    char	*kept[64];
    int		n = 0;

    for (char **e = environ; e && *e && n < 64; e ++)
      if (priv_keep(*e) && (kept[n] = strdup(*e)) != NULL)
        n ++;
    clearenv();
    for (int i = 0; i < n; i ++)
      putenv(kept[i]);			/* the strings stay for the run */
  }
  umask(cliPrivSetgid() ? 007 : 077);
}


/* Give the group up for good: real, effective and saved group all the
   real one (a no-op when not set-group-id), checked; false with why. */
bool
cliPrivDrop(char   *error,		/* O - Why not */
            size_t errsize)		/* I - Size of error */
{
  gid_t	g = getgid(), r, e, s;

  if ((getresgid(&r, &e, &s) || r != g || e != g || s != g) && setresgid(g, g, g))
  {
    snprintf(error, errsize, _("cannot give up the group %u: %s"), (unsigned)getegid(), strerror(errno));
    return (false);
  }
  if (getresgid(&r, &e, &s) || r != g || e != g || s != g)
  {
    snprintf(error, errsize, _("cannot give up the group %u: %s"), (unsigned)e, strerror(EPERM));
    return (false);
  }
  return (true);
}


/* Take the user's own group as the effective one (a no-op unless
   set-group-id); *egid keeps the one to come back to.  False on failure. */
static bool
priv_user_begin(gid_t *egid)		/* O - The effective group before */
{
  *egid = getegid();
  return (*egid == getgid() || !setegid(getgid()));
}


/* Come back to the effective group priv_user_begin kept; false on failure
   (the ledger is then out of reach: the caller says so rather than go on). */
static bool
priv_user_end(gid_t egid)		/* I - The effective group before */
{
  return (getegid() == egid || !setegid(egid));
}


/*
 * Open a file the user named with the user's own rights: the effective
 * group is the real one around the open (a file it creates belongs to the
 * user's group), then back.  open(2)'s result and errno.
 */

int
cliPrivUserOpen(const char *path,	/* I - File */
                int        flags,	/* I - open(2) flags */
                mode_t     mode)	/* I - Mode of a file it creates */
{
  gid_t	egid;
  int	fd, err;

  if (!priv_user_begin(&egid))
    return (-1);
  fd = open(path, flags, mode);
  err = errno;
  if (!priv_user_end(egid))
  {
    err = errno;
    if (fd >= 0)
      close(fd);
    fd = -1;
  }
  errno = err;
  return (fd);
}


/* Remove a file the user named, with the user's own rights (as
   cliPrivUserOpen); unlink(2)'s result and errno. */
int
cliPrivUserUnlink(const char *path)	/* I - File */
{
  gid_t	egid;
  int	result, err;

  if (!priv_user_begin(&egid))
    return (-1);
  result = unlink(path);
  err = errno;
  if (!priv_user_end(egid))
  {
    err = errno;
    result = -1;
  }
  errno = err;
  return (result);
}


/* Write all of buf to fd; false on failure. */
static bool
priv_write_all(int        fd,		/* I - File */
               const void *buf,		/* I - Bytes */
               size_t     len)		/* I - How many */
{
  const char	*p = buf;
  ssize_t	n;

  while (len > 0)
  {
    if ((n = write(fd, p, len)) < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return (false);
    p += n;
    len -= (size_t)n;
  }
  return (true);
}


/* Read exactly len bytes; false at the end or on failure. */
static bool
priv_read_all(int    fd,		/* I - File */
              void   *buf,		/* O - Bytes */
              size_t len)		/* I - How many */
{
  char		*p = buf;
  ssize_t	n;

  while (len > 0)
  {
    if ((n = read(fd, p, len)) < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return (false);
    p += n;
    len -= (size_t)n;
  }
  return (true);
}


/* Write one frame: a tag ('D' data, 'E' error, 'K' done), its length and
   its bytes. */
static bool
priv_frame(int        fd,		/* I - Pipe */
           char       tag,		/* I - Kind */
           const void *data,		/* I - Bytes */
           size_t     len)		/* I - How many (at most PRIV_CHUNK) */
{
  unsigned char	head[5];
  uint32_t	n = (uint32_t)len;

  head[0] = (unsigned char)tag;
  memcpy(head + 1, &n, 4);
  return (priv_write_all(fd, head, 5) && (!len || priv_write_all(fd, data, len)));
}


/* Hand bytes back to the parent (in the child of cliPrivIsolate). */
bool
cliPrivWrite(cli_priv_chan_t *chan,	/* I - The way back */
             const void      *data,	/* I - Bytes */
             size_t          len)	/* I - How many */
{
  const char *p = data;

  while (len > 0)
  {
    size_t n = len > PRIV_CHUNK ? PRIV_CHUNK : len;

    if (!priv_frame(chan->fd, 'D', p, n))
      return (false);
    p += n;
    len -= n;
  }
  return (true);
}


/* The child of cliPrivIsolate: give the group up, keep no file but the
   standard ones and the pipe, run fn, say how it went; never returns. */
static void
priv_child(int           fd,		/* I - Write end of the pipe */
           cli_priv_fn_t fn,		/* I - The work */
           void          *ctx)		/* I - Its context */
{
  cli_priv_chan_t	chan;
  char			error[1024] = "";
  bool			ok;

  if (fd != 3 && dup2(fd, 3) < 0)
    _exit(127);
  chan.fd = 3;
  close_range(4, ~0U, 0);		/* the ledger's and CUPS's files stay with the parent */
  prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  ok = cliPrivDrop(error, sizeof(error)) && fn(ctx, &chan, error, sizeof(error));
  if (!ok && !error[0])
    snprintf(error, sizeof(error), "%s", _("failed"));
  ok = ok ? priv_frame(3, 'K', NULL, 0) : priv_frame(3, 'E', error, strlen(error));
  _exit(ok ? 0 : 1);
}


/* Read the child's frames into sink until it is done; true when it said
   so, else false with error (its own reason, or how it ended). */
static bool
priv_collect(int             fd,	/* I - Read end of the pipe */
             cli_priv_sink_t sink,	/* I - Takes the data */
             void            *sctx,	/* I - Its context */
             char            *error,	/* O - Why not */
             size_t          errsize,	/* I - Size of error */
             bool            *stopped)	/* O - The sink refused */
{
  static char	buf[PRIV_CHUNK + 1];
  unsigned char	head[5];
  uint32_t	len;

  *stopped = false;
  while (priv_read_all(fd, head, 5))
  {
    memcpy(&len, head + 1, 4);
    if (len > PRIV_CHUNK || !priv_read_all(fd, buf, len))
      break;
    if (head[0] == 'K')
      return (true);
    if (head[0] == 'E')
    {
      buf[len] = '\0';
      snprintf(error, errsize, "%s", buf);
      return (false);
    }
    if (head[0] != 'D')
      break;
    if (!sink(sctx, buf, len))
    {
      *stopped = true;
      return (false);
    }
  }
  error[0] = '\0';			/* said by the caller, from the exit status */
  return (false);
}


/*
 * Run fn in a child process that has given the group up (cliPrivDrop),
 * holds no file of ours but the standard ones and a pipe, and may gain no
 * privilege (no_new_privs); the bytes it writes with cliPrivWrite go to
 * sink as they come.  The child shares nothing else with the program: it
 * ends when fn returns.  False with error: the child's own reason, how it
 * ended, or the sink's refusal (error then left to the sink's caller).
 */

bool
cliPrivIsolate(cli_priv_fn_t   fn,	/* I - The work, run in the child */
               void            *ctx,	/* I - Its context (the child's copy) */
               cli_priv_sink_t sink,	/* I - Takes what it hands back */
               void            *sctx,	/* I - The sink's context */
               char            *error,	/* O - Why not */
               size_t          errsize)	/* I - Size of error */
{
  int	p[2], status = 0;
  pid_t	pid;
  bool	ok, stopped;

  if (pipe2(p, O_CLOEXEC))
  {
    snprintf(error, errsize, _("cannot start the renderer: %s"), strerror(errno));
    return (false);
  }
  fflush(NULL);				/* nothing buffered is written twice */
  if ((pid = fork()) < 0)
  {
    snprintf(error, errsize, _("cannot start the renderer: %s"), strerror(errno));
    close(p[0]);
    close(p[1]);
    return (false);
  }
  if (pid == 0)
  {
    close(p[0]);
    priv_child(p[1], fn, ctx);
  }
  close(p[1]);
  ok = priv_collect(p[0], sink, sctx, error, errsize, &stopped);
  if (!ok)
    kill(pid, SIGKILL);			/* a child that has not finished is not waited for */
  close(p[0]);
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR);
  if (ok && (!WIFEXITED(status) || WEXITSTATUS(status)))
    ok = false;
  if (!ok && !stopped && !error[0])
  {
    if (WIFSIGNALED(status))
      snprintf(error, errsize, _("the renderer ended by signal %d"), WTERMSIG(status));
    else
      snprintf(error, errsize, _("the renderer ended with status %d"), WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  }
  return (ok);
}
