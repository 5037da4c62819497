/*
 * figures_view.c — a document's key figures (parse/figures.c,
 * docs/figures.md) as its page shows them (the 关键指标 table,
 * figures.mustache) and as its CSV (out/SLUG.figures.csv).
 */
#include <string.h>

#include "site/site_int.h"

/* The node whose place in the numbering stands for figure f's: its
 * item, else the nearest labelled section or item above it. */
static const struct node *
placed(const struct node *n)
{
	while (n != NULL && (n->label == NULL || n->label[0] == '\0' ||
	    (n->type != NODE_ITEM && n->type != NODE_SECTION)))
		n = n->parent;
	return n;
}

/* The place of f into b ("" when nothing above it is numbered). */
static void
fig_place(struct buf *b, const struct figure *f)
{
	const struct node	*n = placed(f->node);

	buf_reset(b);
	if (n != NULL)
		node_place(b, n);
}

/* The comparator as a reader says it (range and list by their value). */
static const char *
cmp_word(const char *cmp)
{
	if (strcmp(cmp, "range") == 0)
		return "区间";
	if (strcmp(cmp, "list") == 0)
		return "可选";
	return cmp;
}

struct value *
view_figures(const struct view *v, const char *csv_href)
{
	const struct doc	*doc = v->doc;
	const struct figure	*f;
	const struct node	*n;
	struct value		*o, *rows, *r;
	struct buf		 place = BUF_INIT;
	const char		*an;
	size_t			 i;

	if (doc->nfigs == 0)
		return value_bool(v->a, 0);
	o = value_obj(v->a);
	value_set_ref(o, "count", value_num(v->a, (double)doc->nfigs));
	value_set_ref(o, "csv_href", value_cstr(v->a, csv_href));
	rows = value_set_ref(o, "rows", value_arr(v->a));
	for (i = 0; i < doc->nfigs; i++) {
		f = &doc->figs[i];
		r = value_push(rows, value_obj(v->a));
		value_set_ref(r, "subject", value_cstr(v->a, f->subject));
		value_set_ref(r, "value", value_cstr(v->a, f->value));
		value_set_ref(r, "unit", value_cstr(v->a, f->unit));
		value_set_ref(r, "cmp", value_cstr(v->a, cmp_word(f->cmp)));
		value_set_ref(r, "sentence", value_cstr(v->a, f->sentence));
		fig_place(&place, f);
		value_set_ref(r, "place", value_str(v->a, buf_cstr(&place),
		    place.len));
		n = placed(f->node);
		an = anchor_of(v->anchors, n != NULL ? n : f->node);
		value_set_ref(r, "anchor", value_cstr(v->a, an ? an : ""));
	}
	buf_free(&place);
	return o;
}

/* Append s as one CSV field (RFC 4180: quoted, " doubled). */
static void
csv_field(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

/* Append n as a CSV field: shortest form, as the JSON writes it. */
static void
csv_num(struct buf *out, double n)
{
	struct value	 v;

	memset(&v, 0, sizeof(v));
	v.type = V_NUM;
	v.num = n;
	value_text(&v, out);
}

void
figures_csv(const struct doc *doc, struct buf *out)
{
	static const char *const head[] = { "指标", "数值", "数", "数2",
	    "单位", "比较", "位置", "行", "原文", NULL };
	const struct figure	*f;
	struct buf		 place = BUF_INIT;
	size_t			 i;

	buf_puts(out, "\xEF\xBB\xBF");
	for (i = 0; head[i] != NULL; i++) {
		if (i > 0)
			buf_putc(out, ',');
		buf_puts(out, head[i]);
	}
	buf_puts(out, "\r\n");
	for (i = 0; i < doc->nfigs; i++) {
		f = &doc->figs[i];
		csv_field(out, f->subject);
		buf_putc(out, ',');
		csv_field(out, f->value);
		buf_putc(out, ',');
		csv_num(out, f->num);
		buf_putc(out, ',');
		csv_num(out, f->num2);
		buf_putc(out, ',');
		csv_field(out, f->unit);
		buf_putc(out, ',');
		csv_field(out, f->cmp);
		buf_putc(out, ',');
		fig_place(&place, f);
		csv_field(out, buf_cstr(&place));
		buf_printf(out, ",%d,", f->node->line);
		csv_field(out, f->sentence);
		buf_puts(out, "\r\n");
	}
	buf_free(&place);
}
