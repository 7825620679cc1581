/*
 * Verification of holdings: replay every movement into an in-memory map
 * of ranges (a red-black tree from libbsd), checking that each source held
 * what it gave and that no serial was received twice; remember the
 * accounts and users that events make; and compare the replayed holdings,
 * balances, accounts and users with the tables.  See verify-private.h.
 */

#include "verify-private.h"

#ifndef __unused				/* libbsd's tree.h expects BSD's cdefs */
#  define __unused __attribute__((unused))
#endif
#include <bsd/sys/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/*
 * The replayed holdings: disjoint ranges ordered by (series, first).
 */

typedef struct range_node_s
{
  RB_ENTRY(range_node_s) entry;
  int64_t	series, first, last, account;
} range_node_t;

static int
range_node_cmp(range_node_t *a, range_node_t *b)
{
  if (a->series != b->series)
    return (a->series < b->series ? -1 : 1);
  return (a->first < b->first ? -1 : a->first > b->first);
}

RB_HEAD(range_tree_s, range_node_s);
RB_GENERATE_STATIC(range_tree_s, range_node_s, entry, range_node_cmp)

typedef struct vaccount_s		/* An account as stored and as replayed */
{
  const store_account_t *stored;	/* id, code, kind, balance */
  int64_t	replayed;		/* Balance from the replay */
  bool		declared;		/* Made by an event? */
  char		*declared_kind;		/* Its kind in that event */
  char		*declared_name;		/* Its name there, NULL when the event has none */
  char		*declared_parent;	/* A place's parent and in-transit account ("parent transit"), or NULL */
} vaccount_t;

typedef struct vuser_s			/* A user made by events */
{
  char		*name;
  unsigned	roles;
  bool		disabled;		/* Disabled by user.disable? */
  inv_person_t	person;			/* Set by user.person */
  char		place[INV_NAME_MAX + 1];	/* Set by user.place */
} vuser_t;

typedef struct vhandover_s		/* A dispatch event, as its handover row must say it */
{
  int64_t	event;			/* The dispatch event */
  char		*text;			/* "ref|place|source|number|count|serials" */
  bool		seen;			/* Matched by a handover row? */
} vhandover_t;

struct verify_holdings_s		/* State of the holdings' replay */
{
  vhandover_t	*handovers;		/* Dispatch events (issue 14) */
  size_t	nhandovers;
  struct range_tree_s tree;
  range_node_t	*free_nodes;		/* Recycled nodes */
  vaccount_t	*accounts;		/* Replay state, by names.accounts index */
  vuser_t	*users;			/* Users made by events */
  size_t	nusers;
  char		missing[128];		/* First account an event made that is not stored */
  int64_t	missing_event;		/* That event */
};


/* Find an account by id or code. */
static vaccount_t *
account_by_id(verify_t *v, int64_t id)
{
  verify_holdings_t	*hs = v->holdings;
  const store_account_t *a = namesAccount(&v->names, id);

  return (a ? hs->accounts + (a - v->names.accounts) : NULL);
}


static vaccount_t *
account_by_code(verify_t *v, const char *code)
{
  verify_holdings_t	*hs = v->holdings;

  for (size_t i = 0; i < v->names.naccounts; i ++)
    if (!strcmp(v->names.accounts[i].code, code))
      return (hs->accounts + i);
  return (NULL);
}


/* Allocate a tree node. */
static range_node_t *
node_new(verify_t *v, int64_t series, int64_t first, int64_t last, int64_t account)
{
  verify_holdings_t	*hs = v->holdings;
  range_node_t *n = hs->free_nodes;

  if (n)
    hs->free_nodes = *(range_node_t **)n;
  else if ((n = malloc(sizeof(range_node_t))) == NULL)
    abort();
  n->series = series;
  n->first = first;
  n->last = last;
  n->account = account;
  RB_INSERT(range_tree_s, &hs->tree, n);
  return (n);
}


static void
node_free(verify_t *v, range_node_t *n)
{
  verify_holdings_t	*hs = v->holdings;

  RB_REMOVE(range_tree_s, &hs->tree, n);
  *(range_node_t **)n = hs->free_nodes;
  hs->free_nodes = n;
}


/* The node holding serial number x of a series, or NULL. */
static range_node_t *
node_containing(verify_t *v, int64_t series, int64_t x)
{
  verify_holdings_t	*hs = v->holdings;
  range_node_t key, *n;

  key.series = series;
  key.first = x;
  n = RB_NFIND(range_tree_s, &hs->tree, &key);
  if (n && n->series == series && n->first == x)
    return (n);
  n = n ? RB_PREV(range_tree_s, &hs->tree, n) : RB_MAX(range_tree_s, &hs->tree);
  return (n && n->series == series && n->first <= x && n->last >= x ? n : NULL);
}


/* Replay one movement; false (with the problem recorded) if it breaks a rule. */
static bool
replay_move(verify_t *v, const chain_move_t *m, vaccount_t *from, vaccount_t *to)
{
  verify_holdings_t	*hs = v->holdings;
  int64_t	s = m->row.series, a = m->row.first, b = m->row.last, x;
  range_node_t	*n, *left, *right;
  char		serial[INV_SERIAL_MAX];

  if (!strcmp(from->stored->kind, "supplier"))
  {
    range_node_t key = { .series = s, .first = a };

    n = node_containing(v, s, a);
    if (!n && (n = RB_NFIND(range_tree_s, &hs->tree, &key)) != NULL && (n->series != s || n->first > b))
      n = NULL;
    if (n)
    {
      verifyFail(v, v->cur.id, _("event %" PRId64 " receives serial %s, which was received before"), v->cur.id,
           invSerialFormat(m->prefix, m->width, n->first > a ? n->first : a, serial, sizeof(serial)));
      return (false);
    }
  }
  else
  {
    for (x = a; x <= b; x = n->last + 1)
      if ((n = node_containing(v, s, x)) == NULL || n->account != from->stored->id)
      {
        verifyFail(v, v->cur.id, _("event %" PRId64 " moves serial %s from %s, which did not hold it"), v->cur.id,
             invSerialFormat(m->prefix, m->width, x, serial, sizeof(serial)), from->stored->code);
        return (false);
      }

    /* Cut the source's nodes, keeping what lies outside [a, b]. */
    for (x = a; x <= b;)
    {
      range_node_t old;

      n = node_containing(v, s, x);
      old = *n;
      node_free(v, n);
      if (old.first < a)
        node_new(v, s, old.first, a - 1, old.account);
      if (old.last > b)
        node_new(v, s, b + 1, old.last, old.account);
      x = old.last + 1;
    }
    from->replayed -= b - a + 1;
  }

  /* Serials given back to the supplier (a receipt voided) are held by
   * nobody; only receive.void does that. */
  if (!strcmp(to->stored->kind, "supplier"))
  {
    if (v->cur_kind != EV_RECEIVE_VOID)
    {
      verifyFail(v, v->cur.id, _("event %" PRId64 " (%s) gives serial %s back to the supplier, which only a void of a "
                                 "receipt may do"), v->cur.id, v->cur.kind,
                 invSerialFormat(m->prefix, m->width, m->row.first, serial, sizeof(serial)));
      return (false);
    }
    return (true);
  }

  /* Add to the destination, merged with its neighbours. */
  left = a > 0 ? node_containing(v, s, a - 1) : NULL;
  right = node_containing(v, s, b + 1);
  if (right && right->account == to->stored->id && right->first == b + 1)
  {
    b = right->last;
    node_free(v, right);
  }
  if (left && left->account == to->stored->id)
    left->last = b;
  else
    node_new(v, s, a, b, to->stored->id);
  to->replayed += m->row.last - m->row.first + 1;
  return (true);
}


/* Remember an account that the current event made, with its kind and
 * name (NULL when the event does not hold it: init, account.add); the
 * first one not stored is reported at the end (an account is never
 * deleted). */
static void
declare_account(verify_t   *v,		/* I - Verification */
                const char *code,	/* I - Its code */
                const char *kind,	/* I - Its kind */
                const char *name)	/* I - Its name, or NULL */
{
  verify_holdings_t	*hs = v->holdings;
  vaccount_t *a = account_by_code(v, code ? code : "");

  if (!a)
  {
    if (!hs->missing_event)
    {
      snprintf(hs->missing, sizeof(hs->missing), "%s", code ? code : "");
      hs->missing_event = v->cur.id;
    }
    return;
  }
  a->declared = true;
  free(a->declared_kind);
  free(a->declared_name);
  a->declared_kind = strdup(kind ? kind : "");
  a->declared_name = name ? strdup(name) : NULL;
}


/* Remember a user or account that an event made. */
static void
replay_admin(verify_t *v,		/* I - Verification */
             json_t   *d)		/* I - The event's detail, or NULL */
{
  verify_holdings_t	*hs = v->holdings;
  event_id_t		kind = v->cur_kind;

  if (d == NULL)
  {
    verifyFail(v, v->cur.id, _("event %" PRId64 " has unreadable detail"), v->cur.id);
    return;
  }
  if (kind == EV_INIT)
  {
    size_t	i;
    json_t	*pair;

    json_array_foreach(json_object_get(d, "accounts"), i, pair)
      declare_account(v, json_string_value(json_array_get(pair, 0)), json_string_value(json_array_get(pair, 1)), NULL);
  }
  else if (kind == EV_LOCATION_ADD || kind == EV_ACCOUNT_ADD)
  {
    const char	*code = json_string_value(json_object_get(d, "code")),
		*transit = json_string_value(json_object_get(d, "transit"));
    vaccount_t	*a;

    declare_account(v, code, json_string_value(json_object_get(d, "kind")),
                    json_string_value(json_object_get(d, "name")));
    if (transit && (a = account_by_code(v, code ? code : "")) != NULL)
    {
      char both[256];

      snprintf(both, sizeof(both), "%s %s", json_string_value(json_object_get(d, "parent")) ?: "", transit);
      free(a->declared_parent);
      a->declared_parent = strdup(both);
    }
  }
  else if (kind == EV_USER_SET || kind == EV_USER_DISABLE || kind == EV_USER_ENABLE || kind == EV_USER_PERSON ||
           kind == EV_USER_PLACE)
  {
    const char *name = json_string_value(json_object_get(d, "name"));

    for (size_t i = 0; name && i < hs->nusers; i ++)
      if (!strcmp(hs->users[i].name, name))
      {
        if (kind == EV_USER_SET)
          invRolesParse(json_string_value(json_object_get(d, "roles")) ?: "", &hs->users[i].roles);
        else if (kind == EV_USER_PLACE)
          snprintf(hs->users[i].place, sizeof(hs->users[i].place), "%s",
                   json_string_value(json_object_get(d, "place")) ?: "");
        else if (kind == EV_USER_PERSON)
        {
          inv_person_t *p = &hs->users[i].person;

          snprintf(p->full_name, sizeof(p->full_name), "%s", json_string_value(json_object_get(d, "full_name")) ?: "");
          snprintf(p->nip, sizeof(p->nip), "%s", json_string_value(json_object_get(d, "nip")) ?: "");
          snprintf(p->post, sizeof(p->post), "%s", json_string_value(json_object_get(d, "post")) ?: "");
        }
        else
          hs->users[i].disabled = kind == EV_USER_DISABLE;
      }
  }
  if (kind == EV_INIT || kind == EV_USER_ADD)
  {
    const char	*name = json_string_value(json_object_get(d, kind == EV_INIT ? "admin" : "name"));
    unsigned	roles = INV_ROLE_ADMIN;
    vuser_t	*users = realloc(hs->users, (hs->nusers + 1) * sizeof(vuser_t));

    if (kind != EV_INIT)
      invRolesParse(json_string_value(json_object_get(d, "roles")) ?: "", &roles);
    if (users && name)
    {
      hs->users = users;
      hs->users[hs->nusers ++] = (vuser_t){ strdup(name), roles, false, { "", "", "" }, "" };
    }
  }
}


/* State for comparing stored holdings with the replay. */
typedef struct compare_s
{
  verify_t	*v;
  range_node_t	*next;			/* Next replayed node */
} compare_t;

static int
compare_holding(void *ctx, const store_holding_t *h)
{
  compare_t	*c = ctx;
  verify_t	*v = c->v;
  range_node_t	*n = c->next;
  const store_series_t	*s = namesSeries(&v->names, h->series);
  vaccount_t	*a = account_by_id(v, h->account);
  inv_range_t	r = { "", s ? s->width : 1, h->first, h->last };
  char		text[INV_RANGE_MAX];

  if (s)
    snprintf(r.prefix, sizeof(r.prefix), "%s", s->prefix);
  invRangeFormat(&r, text, sizeof(text));
  v->result->ranges ++;
  v->result->serials += h->last - h->first + 1;
  if (!n || n->series != h->series || n->first != h->first || n->last != h->last || n->account != h->account)
    return (verifyFail(v, 0, _("stored holding %s at %s differs from the replay of the events"), text,
                 a ? a->stored->code : "?"));
  c->next = RB_NEXT(range_tree_s, &v->holdings->tree, n);
  return (0);
}


/* Compare one stored place with the location.add that made it. */
static void
compare_place(void                *ctx,	/* I - Verification */
              const store_place_t *p)	/* I - Stored place */
{
  verify_t	*v = ctx;
  vaccount_t	*a = account_by_code(v, p->code);
  char		both[256];

  snprintf(both, sizeof(both), "%s %s", p->parent, p->transit);
  if (!v->failed && (!a || !a->declared_parent || strcmp(a->declared_parent, both)))
    verifyFail(v, 0, _("place %s: its kecamatan or in-transit account differs from the event that made it"), p->code);
  else if (a)
    a->declared_parent[0] = '\0';	/* seen */
}


/* Compare accounts (every one an event made is stored, with its kind and
 * name), balances and users with the replay. */
static void
compare_tables(verify_t *v)
{
  verify_holdings_t	*hs = v->holdings;
  char have[96];

  if (hs->missing_event)
    verifyFail(v, 0, _("account %s is missing (event %" PRId64 " made it)"), hs->missing, hs->missing_event);
  for (size_t i = 0; i < v->names.naccounts && !v->failed; i ++)
  {
    vaccount_t			*a = hs->accounts + i;
    const store_account_t	*st = a->stored;

    if (!a->declared || strcmp(a->declared_kind ?: "", st->kind))
      verifyFail(v, 0, _("account %s was not made by any event (or its kind was changed)"), st->code);
    else if (a->declared_name && strcmp(a->declared_name, st->name))
      verifyFail(v, 0, _("account %s: name is \"%s\", but its events make it \"%s\""), st->code,
           verifyShown(st->name, have, sizeof(have)), a->declared_name);
    else if (st->balance != a->replayed)
      verifyFail(v, 0, _("account %s: stored balance %" PRId64 ", replayed %" PRId64), st->code, st->balance, a->replayed);
  }
  if (!v->failed && storePlaceList(v->db, compare_place, v) != INV_OK)
    verifyFail(v, 0, "%s", invDbGetError(v->db));
  for (size_t i = 0; i < v->names.naccounts && !v->failed; i ++)
    if (hs->accounts[i].declared_parent && hs->accounts[i].declared_parent[0])
      verifyFail(v, 0, _("place %s is missing from the places (its event made it)"), hs->accounts[i].stored->code);
  for (size_t i = 0; i < hs->nusers && !v->failed; i ++)
  {
    unsigned		roles;
    bool		found, disabled;
    inv_person_t	person;
    const inv_person_t	*want = &hs->users[i].person;
    char		place[INV_NAME_MAX + 1];

    if (storeUserGet(v->db, hs->users[i].name, &roles, &disabled, &found) != INV_OK || !found ||
        roles != hs->users[i].roles || disabled != hs->users[i].disabled)
      verifyFail(v, 0, _("user %s differs from the events that made it"), hs->users[i].name);
    else if (storeUserGetPlace(v->db, hs->users[i].name, place, sizeof(place)) != INV_OK ||
             strcmp(place, hs->users[i].place))
      verifyFail(v, 0, _("user %s: the place differs from the events that set it"), hs->users[i].name);
    else if (storeUserGetPerson(v->db, hs->users[i].name, &person, &found) != INV_OK || !found ||
             strcmp(person.full_name, want->full_name) || strcmp(person.nip, want->nip) ||
             strcmp(person.post, want->post))
      verifyFail(v, 0, _("user %s: full name, NIP or post differs from the events that set them"),
                 hs->users[i].name);
  }
}


/* Count users in the table, to catch users added behind the program's back. */
static void
count_user(void *ctx, const char *name, unsigned roles, const char *since, const char *disabled)
{
  (void)name; (void)roles; (void)since; (void)disabled;
  (*(size_t *)ctx) ++;
}


/* Start the holdings' replay: every stored account, none replayed yet;
 * false when memory runs out. */
bool
verifyHoldingsNew(verify_t *v)		/* I - Verification (names loaded) */
{
  verify_holdings_t *hs;

  if ((v->holdings = hs = calloc(1, sizeof(verify_holdings_t))) == NULL ||
      (hs->accounts = calloc(v->names.naccounts + 1, sizeof(vaccount_t))) == NULL)
    return (false);
  RB_INIT(&hs->tree);
  for (size_t i = 0; i < v->names.naccounts; i ++)
    hs->accounts[i].stored = v->names.accounts + i;
  return (true);
}


/* The text a handover row and its dispatch event must agree on. */
static char *
handover_text(const char *ref,		/* I - Handover reference */
              const char *place,	/* I - Destination */
              const char *source,	/* I - Source account */
              const char *number,	/* I - Official number */
              int64_t    count,		/* I - Cards sent */
              const char *serials)	/* I - Serials, as ranges */
{
  char *text = NULL;

  if (asprintf(&text, "%s|%s|%s|%s|%" PRId64 "|%s", ref, place, source, number, count, serials) < 0)
    return (NULL);
  return (text);
}


/* Remember a dispatch event: its reference, detail and serials. */
static void
remember_dispatch(verify_t *v,		/* I - Verification */
                  json_t   *d)		/* I - Its detail */
{
  verify_holdings_t	*hs = v->holdings;
  inv_list_t		*list = invListNew();
  vhandover_t		*more = realloc(hs->handovers, (hs->nhandovers + 1) * sizeof(vhandover_t));
  char			*serials = NULL;

  if (more)
    hs->handovers = more;
  for (size_t i = 0; list && i < v->nmoves; i ++)
  {
    inv_range_t r = { "", v->moves[i].width, v->moves[i].row.first, v->moves[i].row.last };

    snprintf(r.prefix, sizeof(r.prefix), "%s", v->moves[i].prefix);
    invListAdd(list, &r);
  }
  if (more && list && (serials = invListFormatCopy(list)) != NULL)
    hs->handovers[hs->nhandovers ++] = (vhandover_t)
    {
      v->cur.id,
      handover_text(v->cur.ref, json_string_value(json_object_get(d, "place")) ?: "",
                    json_string_value(json_object_get(d, "source")) ?: "",
                    json_string_value(json_object_get(d, "number")) ?: "",
                    (int64_t)json_integer_value(json_object_get(d, "count")), serials),
      false
    };
  free(serials);
  invListDelete(list);
}


/* Compare one handover row with the dispatch event that made it. */
static void
compare_handover(void                 *ctx,	/* I - Verification */
                 const inv_handover_t *h)	/* I - Stored handover */
{
  verify_t		*v = ctx;
  verify_holdings_t	*hs = v->holdings;
  char			*text = handover_text(h->ref, h->place, h->source, h->number, h->count, h->serials);
  size_t		i;

  for (i = 0; i < hs->nhandovers && hs->handovers[i].event != h->event; i ++);
  if (!v->failed && (i == hs->nhandovers || !text || !hs->handovers[i].text || hs->handovers[i].seen ||
                     strcmp(text, hs->handovers[i].text)))
    verifyFail(v, 0, _("handover %s differs from the dispatch event %" PRId64 " that made it"), h->ref, h->event);
  else if (i < hs->nhandovers)
    hs->handovers[i].seen = true;
  free(text);
}


/* Replay the current event's movements (every event that has them), and
 * the accounts and users it makes. */
void
verifyHoldingsReplay(verify_t *v,	/* I - Verification */
                     json_t   *d)	/* I - The event's detail, or NULL */
{
  for (size_t i = 0; i < v->nmoves; i ++)
  {
    vaccount_t *from = account_by_id(v, v->moves[i].row.from), *to = account_by_id(v, v->moves[i].row.to);

    if (!replay_move(v, v->moves + i, from, to))
      return;
  }
  for (size_t i = 0; i < v->holdings->nusers; i ++)	/* before the event disables anyone */
    if (v->holdings->users[i].disabled && !strcmp(v->holdings->users[i].name, v->cur.actor))
    {
      verifyFail(v, v->cur.id, _("event %" PRId64 " (%s) was made by %s, who was disabled then"), v->cur.id,
                 v->cur.kind, v->cur.actor);
      return;
    }
  if (eventDomains(v->cur_kind) & EVENT_ACCOUNTS)
    replay_admin(v, d);
  if (v->cur_kind == EV_DISPATCH)		/* a holdings kind: its detail is not read for it */
  {
    json_t *own = d ? NULL : json_loads(v->cur.detail, 0, NULL);

    remember_dispatch(v, d ? d : own);
    json_decref(own);
  }
}


/* Compare the stored holdings, accounts, balances and users with the
 * replay. */
inv_status_t
verifyHoldingsCheck(verify_t *v)	/* I - Verification */
{
  verify_holdings_t	*hs = v->holdings;
  compare_t		c = { v, RB_MIN(range_tree_s, &hs->tree) };
  size_t		users = 0;
  inv_status_t		status;

  if ((status = storeHoldingAll(v->db, compare_holding, &c)) != INV_OK)
    return (status);
  if (!v->failed && c.next)
    verifyFail(v, 0, _("a holding of %" PRId64 " serials is missing from the stored holdings"),
               c.next->last - c.next->first + 1);
  if (!v->failed)
    compare_tables(v);
  if (!v->failed && (status = storeHandoverList(v->db, NULL, compare_handover, v)) != INV_OK)
    return (status);
  for (size_t i = 0; i < hs->nhandovers && !v->failed; i ++)
    if (!hs->handovers[i].seen)
      verifyFail(v, 0, _("dispatch event %" PRId64 " has no handover record"), hs->handovers[i].event);
  if (!v->failed && (status = storeUserList(v->db, count_user, &users)) == INV_OK && users != hs->nusers)
    verifyFail(v, 0, P_("%zu user was not added by any event", "%zu users were not added by any event",
                        users - hs->nusers), users - hs->nusers);
  return (status);
}


/* Free the holdings' replay. */
void
verifyHoldingsFree(verify_t *v)		/* I - Verification */
{
  verify_holdings_t *hs = v->holdings;

  if (!hs)
    return;
  while (!RB_EMPTY(&hs->tree))
    node_free(v, RB_MIN(range_tree_s, &hs->tree));
  while (hs->free_nodes)
  {
    range_node_t *n = hs->free_nodes;

    hs->free_nodes = *(range_node_t **)n;
    free(n);
  }
  for (size_t i = 0; hs->accounts && i < v->names.naccounts; i ++)
  {
    free(hs->accounts[i].declared_kind);
    free(hs->accounts[i].declared_name);
    free(hs->accounts[i].declared_parent);
  }
  for (size_t i = 0; i < hs->nusers; i ++)
    free(hs->users[i].name);
  for (size_t i = 0; i < hs->nhandovers; i ++)
    free(hs->handovers[i].text);
  free(hs->handovers);
  free(hs->accounts);
  free(hs->users);
  free(hs);
  v->holdings = NULL;
}
