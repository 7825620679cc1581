/*
 * The order printctl run takes pending requests in, as SQL expressions:
 * one definition for schema 17's indexes request_next and
 * request_next_delivery (schema.c) and the statements that walk them
 * (store-request.c).  SQLite uses an expression index only for the same
 * text, so both are written from these macros.  Schema 17's text is
 * history: these must not change (a change is a new index, in a new
 * schema step).  Included only by the store (schema.c, store-request.c).
 */

#ifndef BLANKO_REQUEST_ORDER_H
#define BLANKO_REQUEST_ORDER_H

/* The recorded day, or the day of created for rows without one. */
#define REQUEST_DAY "(CASE WHEN recorded = '' THEN substr(created, 1, 10) ELSE recorded END)"

/* The request's fields; fields that are not JSON (a damaged row) count as
 * none: an index over json_extract of them would refuse to store the row. */
#define REQUEST_FIELDS "(CASE WHEN json_valid(fields) THEN fields ELSE '{}' END)"

/* Kecamatan, kelurahan and RT/RW for delivery order (request fields
 * district, village, rt_rw). */
#define REQUEST_DISTRICT "upper(trim(coalesce(json_extract(" REQUEST_FIELDS ", '$.district'), '')))"
#define REQUEST_VILLAGE "upper(trim(coalesce(json_extract(" REQUEST_FIELDS ", '$.village'), '')))"
#define REQUEST_RT_RW "trim(coalesce(json_extract(" REQUEST_FIELDS ", '$.rt_rw'), ''))"
#define REQUEST_PLACE REQUEST_DISTRICT ", " REQUEST_VILLAGE ", " REQUEST_RT_RW

#endif /* BLANKO_REQUEST_ORDER_H */
