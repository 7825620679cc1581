/*
 * Unit tests of the programs' privilege (inventory/cli/privilege.c): the
 * child of cliPrivIsolate hands back what it writes, its reason or how it
 * ended; cliPrivDrop and cliPrivUserOpen.  Run as it is built, nothing is
 * set-group-id.  tests/t0600-setgid.sh also installs a copy set-group-id
 * to a test group and runs it as a staff account with the argument
 * GROUP-ONLY-FILE (a file only that group may read): then it checks that
 * the child has given the group up while the parent keeps it, that a file
 * the user names is opened with the user's rights only, and that
 * cliPrivDrop gives the group up for good.
 */

#include "test.h"
#include "blanko/privilege.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>


/* In the child: write the text ctx names, three times. */
static bool
child_echo(void *ctx, cli_priv_chan_t *chan, char *error, size_t errsize)
{
  (void)error;
  (void)errsize;
  for (int i = 0; i < 3; i ++)
    if (!cliPrivWrite(chan, ctx, strlen(ctx)))
      return (false);
  return (true);
}


/* In the child: a big write (several frames). */
static bool
child_big(void *ctx, cli_priv_chan_t *chan, char *error, size_t errsize)
{
  static char	big[300000];

  (void)ctx;
  (void)error;
  (void)errsize;
  memset(big, 'x', sizeof(big));
  return (cliPrivWrite(chan, big, sizeof(big)));
}


/* In the child: fail with a reason. */
static bool
child_fail(void *ctx, cli_priv_chan_t *chan, char *error, size_t errsize)
{
  (void)ctx;
  cliPrivWrite(chan, "partial", 7);
  snprintf(error, errsize, "the template is broken");
  return (false);
}


/* In the child: die. */
static bool
child_crash(void *ctx, cli_priv_chan_t *chan, char *error, size_t errsize)
{
  (void)ctx;
  (void)chan;
  (void)error;
  (void)errsize;
  raise(SIGKILL);
  return (true);
}


/* In the child: report its groups and whether its files beyond the pipe
   are closed: "r e s fd" as text. */
static bool
child_ids(void *ctx, cli_priv_chan_t *chan, char *error, size_t errsize)
{
  gid_t	r, e, s;
  char	text[128];
  int	fd = *(int *)ctx;

  (void)error;
  (void)errsize;
  getresgid(&r, &e, &s);
  snprintf(text, sizeof(text), "%u %u %u %d", (unsigned)r, (unsigned)e, (unsigned)s,
           fcntl(fd, F_GETFD) < 0 ? 0 : 1);
  return (cliPrivWrite(chan, text, strlen(text)));
}


typedef struct sink_s			/* What came back */
{
  char		data[400000];
  size_t	len;
  size_t	limit;			/* Refuse past this many bytes (0: never) */
} sink_t;


/* Take what the child hands back. */
static bool
sink(void *ctx, const void *data, size_t len)
{
  sink_t *k = ctx;

  if ((k->limit && k->len + len > k->limit) || k->len + len > sizeof(k->data) - 1)
    return (false);
  memcpy(k->data + k->len, data, len);
  k->len += len;
  k->data[k->len] = '\0';
  return (true);
}


int
main(int  argc,
     char *argv[])
{
  static sink_t	k;
  char		error[256];
  bool		ok;

  testBegin("the child's bytes come back in order");
  memset(&k, 0, sizeof(k));
  ok = cliPrivIsolate(child_echo, "abc", sink, &k, error, sizeof(error));
  TEST_ASSERT(ok && !strcmp(k.data, "abcabcabc"));
  testEnd(1);

  testBegin("a write larger than a frame comes back whole");
  memset(&k, 0, sizeof(k));
  ok = cliPrivIsolate(child_big, NULL, sink, &k, error, sizeof(error));
  TEST_ASSERT(ok && k.len == 300000 && k.data[0] == 'x' && k.data[299999] == 'x');
  testEnd(1);

  testBegin("the child's reason comes back");
  memset(&k, 0, sizeof(k));
  ok = cliPrivIsolate(child_fail, NULL, sink, &k, error, sizeof(error));
  TEST_ASSERT(!ok && !strcmp(error, "the template is broken"));
  testEndMessage(1, "%s", error);

  testBegin("a child that dies is said so");
  memset(&k, 0, sizeof(k));
  ok = cliPrivIsolate(child_crash, NULL, sink, &k, error, sizeof(error));
  TEST_ASSERT(!ok && strstr(error, "signal"));
  testEndMessage(1, "%s", error);

  testBegin("a sink that refuses stops the child");
  memset(&k, 0, sizeof(k));
  k.limit = 100000;
  ok = cliPrivIsolate(child_big, NULL, sink, &k, error, sizeof(error));
  TEST_ASSERT(!ok && k.len <= 100000);
  testEnd(1);

  if (argc > 1)				/* set-group-id, run by a staff account */
  {
    gid_t	gid = getgid(), egid = getegid(), r, e, s;
    int		fd = fcntl(open("/dev/null", O_RDONLY), F_DUPFD, 50), ufd;	/* above the pipe's 3 */
    unsigned	cr, ce, cs;
    int		open_in_child;

    testBegin("running set-group-id, not as root (egid %u, gid %u)", (unsigned)egid, (unsigned)gid);
    TEST_ASSERT(egid != gid && getuid() != 0 && cliPrivIsPrivileged());
    testEnd(1);

    testBegin("the child has given the group up, and holds none of the parent's files");
    memset(&k, 0, sizeof(k));
    ok = cliPrivIsolate(child_ids, &fd, sink, &k, error, sizeof(error));
    TEST_ASSERT(ok && sscanf(k.data, "%u %u %u %d", &cr, &ce, &cs, &open_in_child) == 4);
    TEST_ASSERT(cr == gid && ce == gid && cs == gid && !open_in_child);
    TEST_ASSERT(getegid() == egid);
    testEndMessage(1, "child: %s", k.data);

    testBegin("the program reads %s with the group, the user's open does not", argv[1]);
    ufd = open(argv[1], O_RDONLY);
    TEST_ASSERT(ufd >= 0);
    if (ufd >= 0)
      close(ufd);
    errno = 0;
    ufd = cliPrivUserOpen(argv[1], O_RDONLY, 0);
    TEST_ASSERT(ufd < 0 && errno == EACCES);
    TEST_ASSERT(getegid() == egid);
    testEndMessage(1, "%s", strerror(errno));

    testBegin("cliPrivDrop gives the group up for good");
    TEST_ASSERT(cliPrivDrop(error, sizeof(error)));
    TEST_ASSERT(!getresgid(&r, &e, &s) && r == gid && e == gid && s == gid);
    TEST_ASSERT(setegid(egid) < 0);
    TEST_ASSERT(open(argv[1], O_RDONLY) < 0 && errno == EACCES);
    testEnd(1);
  }
  else
  {
    int fd;

    testBegin("cliPrivDrop and cliPrivUserOpen without set-group-id");
    TEST_ASSERT(!cliPrivIsPrivileged() && cliPrivDrop(error, sizeof(error)));
    TEST_ASSERT((fd = cliPrivUserOpen("/dev/null", O_RDONLY, 0)) >= 0);
    if (fd >= 0)
      close(fd);
    testEnd(1);
  }
  return (testSummary());
}
