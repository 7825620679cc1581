/*
 * Card templates: the structure behind tmpl_t, shared with the renderer.
 * Lengths are in millimetres, font sizes in points.
 */

#ifndef BLANKO_TEMPLATE_PRIVATE_H
#define BLANKO_TEMPLATE_PRIVATE_H

#include "template.h"

#include <stddef.h>

#define TMPL_MAX_SIDES	2		/* front and back */

typedef enum tmpl_kind_e		/* What an element draws */
{
  TMPL_TEXT,				/* Static label or field value */
  TMPL_RECT,				/* Filled or outlined rectangle */
  TMPL_IMAGE,				/* Background or logo image from a file */
  TMPL_PHOTO,				/* The resident's photo */
  TMPL_QR				/* The QR code */
} tmpl_kind_t;

typedef enum tmpl_fit_e			/* What to do with a value too long for its box */
{
  TMPL_FIT_SHRINK_WRAP,			/* Shrink to min-size, then wrap */
  TMPL_FIT_SHRINK,			/* Shrink to min-size only */
  TMPL_FIT_WRAP,			/* Wrap only */
  TMPL_FIT_NONE				/* Must fit as it is */
} tmpl_fit_t;

typedef enum tmpl_align_e
{
  TMPL_ALIGN_LEFT,
  TMPL_ALIGN_CENTER,
  TMPL_ALIGN_RIGHT
} tmpl_align_t;

typedef enum tmpl_valign_e
{
  TMPL_VALIGN_BASELINE,			/* First baseline where the full-size text would have it */
  TMPL_VALIGN_TOP,
  TMPL_VALIGN_MIDDLE,
  TMPL_VALIGN_BOTTOM
} tmpl_valign_t;

typedef enum tmpl_filter_e		/* How a field value is shown */
{
  TMPL_FILTER_NONE,
  TMPL_FILTER_DATE,			/* YYYY-MM-DD -> DD-MM-YYYY, other text as is */
  TMPL_FILTER_SEX			/* L -> LAKI-LAKI, P -> PEREMPUAN */
} tmpl_filter_t;

#define TMPL_REF_SERIAL		-2	/* Built-in field: card serial */
#define TMPL_REF_ISSUE_DATE	-3	/* Built-in field: issue date */
#define TMPL_REF_NONE		-1	/* Literal text */

typedef struct tmpl_color_s
{
  double	r, g, b;		/* 0..1 */
  bool		set;			/* Colour given? */
} tmpl_color_t;

typedef struct tmpl_box_s
{
  double	x, y, w, h;		/* Top-left corner and size, mm */
} tmpl_box_t;

typedef struct tmpl_part_s		/* Piece of a text: literal or field */
{
  char		*literal;		/* Literal text or NULL */
  char		*ref;			/* Field name as written or NULL */
  int		field;			/* Index into fields or TMPL_REF_* */
  tmpl_filter_t	filter;			/* Filter for the field value */
} tmpl_part_t;

typedef struct tmpl_elem_s
{
  tmpl_kind_t	kind;			/* What it draws */
  char		*name;			/* Name from the section header */
  int		line;			/* Line of the section header */
  int		side;			/* 0 = front, 1 = back */
  bool		has_box;		/* box given? */
  tmpl_box_t	box;			/* Where it goes */

  // Text
  char		*text;			/* Text as written, with ${field} */
  int		text_line;		/* Line of text = */
  tmpl_part_t	*parts;			/* Compiled text */
  int		num_parts;
  bool		is_static;		/* No field references */
  char		*family;		/* Font family or NULL for the default */
  int		family_line;		/* Line of font = */
  double	size;			/* Font size in points, 0 = default */
  double	min_size;		/* Smallest size when shrinking, 0 = half size */
  int		weight;			/* CSS-like weight, 0 = default */
  tmpl_align_t	align;
  tmpl_valign_t	valign;
  tmpl_fit_t	fit;
  bool		upper;			/* Field values in capitals */
  tmpl_color_t	color;			/* Text colour, or default */

  // Rectangle
  tmpl_color_t	fill, stroke;
  double	line_width;		/* Stroke width in mm */

  // Image
  char		*file;			/* File name as written */
  unsigned char	*data;			/* File contents */
  size_t	datalen;
  bool		is_jpeg;		/* JPEG (else PNG) */

  // QR
  char		*payload;		/* Payload scheme, "KTP1" */
  char		*nik_field;		/* Field holding the NIK */
  int		nik_index;		/* Its index */
  int		eclevel;		/* 0..3 = L, M, Q, H */
} tmpl_elem_t;

typedef struct tmpl_field_s
{
  char		*name;
  int		maxlen;			/* Longest value in characters */
  unsigned	flags;			/* TMPL_FIELD_* */
} tmpl_field_t;

struct tmpl_s
{
  char		*filename;		/* File loaded */
  char		error[1024];		/* Last error, "FILE:LINE: message" */
  bool		loaded;			/* tmplLoad done? */

  char		*name;			/* Template name */
  char		language[8];		/* The card's language ("id", "en") */
  double	width, height;		/* Page size in mm, after orientation */
  int		num_sides;
  char		*side_names[TMPL_MAX_SIDES];
  tmpl_color_t	background;		/* Card colour */
  char		*family;		/* Default font */
  int		family_line;
  double	size;			/* Default font size, pt */
  int		weight;			/* Default weight */
  tmpl_color_t	color;			/* Default text colour */

  tmpl_field_t	*fields;
  int		num_fields;
  tmpl_elem_t	*elems;
  int		num_elems;
};

#endif /* BLANKO_TEMPLATE_PRIVATE_H */
