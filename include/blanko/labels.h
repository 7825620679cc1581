/*
 * Accounts and account kinds as people read them, in the language of the
 * messages (issue 13 item 5): the codes stay the data (JSON, CSV, the
 * ledger), every human table and sentence shows these labels.  Part of the
 * ledger library.  (Implemented in inventory/lib/labels.c.)
 */

#ifndef BLANKO_LABELS_H
#define BLANKO_LABELS_H

#include "blanko/inventory.h"

#include <stddef.h>

/* An account for people: a card state in words with its code where the
   words differ from it ("dikeluarkan (issued)"), a printer's hopper as the
   printer's ("baki kartu printer KARTU1 (hopper.KARTU1)"), a location by
   its code (the name people gave it). */
extern const char	*invAccountLabel(const char *code, inv_kind_t kind, char *buf, size_t bufsize);
/* An account kind in words: "gudang", "ruang cetak", "baki kartu"... */
extern const char	*invKindLabel(inv_kind_t kind);

#endif /* BLANKO_LABELS_H */
