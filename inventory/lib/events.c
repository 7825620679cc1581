/*
 * The registry of event kinds: see events-private.h.
 */

#include "events-private.h"

#include <stddef.h>
#include <string.h>


typedef struct event_def_s		/* One declared kind */
{
  const char	*name;			/* As stored */
  unsigned	domains;		/* EVENT_HOLDINGS ... */
  const char	*fields;		/* Detail members */
} event_def_t;

static const event_def_t events[EV_KINDS] =
{
#define EVENT_ROW(id, name, domains, fields) [EV_##id] = { name, domains, fields },
  EVENT_KINDS(EVENT_ROW)
#undef EVENT_ROW
};


/* The stored name of a kind ("" for none). */
const char *
eventName(event_id_t id)		/* I - Kind */
{
  return (id >= 0 && id < EV_KINDS ? events[id].name : "");
}


/* The kind of a stored name, EV_UNKNOWN when it is not declared. */
event_id_t
eventFind(const char *name)		/* I - Stored name */
{
  for (int i = 0; name && i < EV_KINDS; i ++)
    if (!strcmp(events[i].name, name))
      return ((event_id_t)i);
  return (EV_UNKNOWN);
}


/* The domains that replay a kind (0 for an unknown one). */
unsigned
eventDomains(event_id_t id)		/* I - Kind */
{
  return (id >= 0 && id < EV_KINDS ? events[id].domains : 0);
}


/* The members of a kind's detail, separated by spaces; "[x]" when x is
 * not always there. */
const char *
eventFields(event_id_t id)		/* I - Kind */
{
  return (id >= 0 && id < EV_KINDS ? events[id].fields : "");
}
