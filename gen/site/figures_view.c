/*
 * figures_view.c — a document's key figures (parse/figures.c,
 * docs/figures.md) as its page shows them (the 关键指标 table,
 * figures.mustache) and as its CSV (out/SLUG.figures.csv).
 */
#include <stdlib.h>
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

const struct node *
figure_node(const struct figure *f)
{
	const struct node	*n = placed(f->node);

	return n != NULL ? n : f->node;
}

/* The place of f into b ("" when nothing above it is numbered). */
void
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

/* ---- Series over the years (docs/figures.md "the same indicator") ---- */

#define FS_US	'\x1f'
#define FS_RS	'\x1e'

/* A figure of doc as its summary keeps it, when it has an indicator. */
struct fenc {
	uint64_t	 h;	/* of indicator and unit */
	size_t		 i;	/* in doc->figs */
};

static int
fenc_cmp(const void *x, const void *y)
{
	const struct fenc	*a = x, *b = y;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

/* Append s to out without the separators (a field never holds one). */
static void
fs_put(struct buf *out, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (s[i] != FS_US && s[i] != FS_RS)
			buf_putc(out, s[i]);
	buf_putc(out, FS_US);
}

void
figures_encode(const struct doc *doc, const struct anchors *an,
    struct buf *out)
{
	struct fenc		*e;
	struct buf		 key = BUF_INIT, place = BUF_INIT;
	struct buf		 keys = BUF_INIT;	/* each figure's */
	const struct figure	*f;
	const struct node	*n;
	const char		*anc;
	unsigned char		*first;
	size_t			*koff, i, ne = 0;

	if (doc->nfigs == 0)
		return;
	e = xcalloc(doc->nfigs, sizeof(*e));
	first = xcalloc(doc->nfigs, 1);
	/* figure i's indicator is keys[koff[i], koff[i + 1]) */
	koff = xcalloc(doc->nfigs + 1, sizeof(*koff));
	for (i = 0; i < doc->nfigs; i++) {
		f = &doc->figs[i];
		figure_indicator(f->subject, &key);
		koff[i] = keys.len;
		if (key.len == 0)
			continue;
		buf_put(&keys, key.data, key.len);
		buf_putc(&key, FS_US);
		buf_puts(&key, f->unit);
		e[ne].h = hash64(key.data, key.len, 0x666967);
		e[ne++].i = i;
	}
	koff[doc->nfigs] = keys.len;
	/* The first figure of each indicator, in the document's order. */
	if (ne > 1)
		qsort(e, ne, sizeof(*e), fenc_cmp);
	for (i = 0; i < ne; i++)
		if (i == 0 || e[i].h != e[i - 1].h)
			first[e[i].i] = 1;
	for (i = 0; i < doc->nfigs; i++) {
		if (!first[i])
			continue;
		f = &doc->figs[i];
		fs_put(out, keys.data + koff[i], koff[i + 1] - koff[i]);
		fs_put(out, f->unit, strlen(f->unit));
		buf_printf(out, "%.15g%c", f->num, FS_US);	/* exact for 15 digits */
		fs_put(out, f->value, strlen(f->value));
		n = placed(f->node);
		anc = anchor_of(an, n != NULL ? n : f->node);
		fs_put(out, anc ? anc : "", anc ? strlen(anc) : 0);
		fig_place(&place, f);
		fs_put(out, place.data ? place.data : "", place.len);
		out->len--;		/* the last field's US */
		buf_putc(out, FS_RS);
	}
	buf_free(&key);
	buf_free(&keys);
	buf_free(&place);
	free(koff);
	free(first);
	free(e);
}

/* One figure of a summary's string: pointers into it with lengths. */
struct fent {
	size_t		 doc;
	const char	*f[6];	/* key unit num value anchor place */
	size_t		 len[6];
	double		 num;
	size_t		 series;	/* FS_NONE when in none */
	size_t		 pos;		/* its place in figseries.ord */
	/* In a series, its chart row's strings (series_row()), made once
	 * for every page that shows the series: */
	const char	*label, *full, *text;
	const char	*href;		/* from the site's top */
};
#define FS_NONE	((size_t)-1)

/* What a figure is sorted by, with its place in figseries.e. */
struct fsort {
	const char	*office;
	const struct fent *x;
	int		 year;
	size_t		 e;
};

struct figseries {
	struct site_doc		*docs;	/* a copy of the caller's */
	size_t			 ndocs;
	struct fent		*e;	/* by document, in its order */
	size_t			 ne;
	size_t			*dbeg;	/* document i's: e[dbeg[i], dbeg[i+1]) */
	struct fsort		*ord;	/* e sorted by office, key, unit,
					 * year, document */
	size_t			*sbeg;	/* series s: ord[sbeg[s], send[s]) */
	size_t			*send;
	size_t			 ns;
	struct arena		 a;	/* the rows' strings */
};

/* Read the fields of one record s[0..len) into x; 0, or -1 when it is
 * not one. */
static int
fent_read(struct fent *x, const char *s, size_t len)
{
	size_t	 k = 0, from = 0, i;
	char	 tmp[64];

	for (i = 0; i <= len && k < 6; i++)
		if (i == len || s[i] == FS_US) {
			x->f[k] = s + from;
			x->len[k++] = i - from;
			from = i + 1;
		}
	if (k != 6 || x->len[2] == 0 || x->len[2] >= sizeof(tmp))
		return -1;
	memcpy(tmp, x->f[2], x->len[2]);
	tmp[x->len[2]] = '\0';
	x->num = strtod(tmp, NULL);
	x->series = FS_NONE;
	return 0;
}

/* Compare two fields of lengths la and lb. */
static int
field_cmp(const char *a, size_t la, const char *b, size_t lb)
{
	int	 c = memcmp(a, b, la < lb ? la : lb);

	return c != 0 ? c : (la > lb) - (la < lb);
}

/* Order of a and b by office, indicator, unit; then (with all) by
 * year and document. */
static int
fsort_order(const struct fsort *a, const struct fsort *b, int all)
{
	int	 c;

	if ((c = strcmp(a->office, b->office)) != 0 ||
	    (c = field_cmp(a->x->f[0], a->x->len[0], b->x->f[0],
	    b->x->len[0])) != 0 ||
	    (c = field_cmp(a->x->f[1], a->x->len[1], b->x->f[1],
	    b->x->len[1])) != 0 || !all)
		return c;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	return (a->e > b->e) - (a->e < b->e);
}

static int
fsort_cmp(const void *x, const void *y)
{
	return fsort_order(x, y, 1);
}

/* The title a document is shown by: its own, else its slug. */
static const char *
fs_title(const struct site_doc *d)
{
	return d->sum->title != NULL && d->sum->title[0] != '\0' ?
	    d->sum->title : d->slug;
}

/* The chart row strings of the entry at ord[j] of series [b, end):
 * the same on each page the series is on. */
static void
series_row(struct figseries *fs, size_t b, size_t end, size_t j,
    struct buf *tmp)
{
	struct fent		*y = &fs->e[fs->ord[j].e];
	const struct site_doc	*d = &fs->docs[y->doc];
	int			 year = d->sum->year, same;

	/* Two documents of one year: each by its kind too. */
	same = (j > b && fs->ord[j - 1].year == year) ||
	    (j + 1 < end && fs->ord[j + 1].year == year);
	y->label = same && d->sum->kind != NULL ?
	    arena_printf(&fs->a, "%d年%s", year, d->sum->kind) :
	    arena_printf(&fs->a, "%d年", year);
	buf_reset(tmp);
	buf_puts(tmp, fs_title(d));
	buf_puts(tmp, "：");
	buf_put(tmp, y->f[3], y->len[3]);
	if (y->len[5]) {
		buf_puts(tmp, "（");
		buf_put(tmp, y->f[5], y->len[5]);
		buf_puts(tmp, "）");
	}
	y->full = arena_strndup(&fs->a, tmp->data, tmp->len);
	y->text = arena_strndup(&fs->a, y->f[3], y->len[3]);
	buf_reset(tmp);
	url_encode(tmp, arena_printf(&fs->a, "%s.html", d->slug));
	if (y->len[4]) {
		buf_putc(tmp, '#');
		buf_put(tmp, y->f[4], y->len[4]);
	}
	y->href = arena_strndup(&fs->a, tmp->data, tmp->len);
}

struct figseries *
figseries_new(const struct site_doc *docs, size_t n)
{
	struct figseries	*fs = xcalloc(1, sizeof(*fs));
	const struct summary	*sum;
	const char		*s, *rs;
	struct buf		 tmp = BUF_INIT;
	size_t			 i, k, cap = 0, no = 0, b, j, nyears;

	/* A copy: the caller's array may go (the summaries and slugs it
	 * points to stay for the build). */
	fs->docs = xcalloc(n + 1, sizeof(*fs->docs));
	memcpy(fs->docs, docs, n * sizeof(*docs));
	fs->ndocs = n;
	fs->dbeg = xcalloc(n + 1, sizeof(*fs->dbeg));
	for (i = 0; i < n; i++) {
		fs->dbeg[i] = fs->ne;
		sum = docs[i].sum;
		if (sum->figs == NULL || sum->year <= 0 ||
		    summary_office(sum) == NULL)
			continue;
		for (s = sum->figs; (rs = strchr(s, FS_RS)) != NULL;
		    s = rs + 1) {
			if (fs->ne == cap) {
				cap = cap ? 2 * cap : 64;
				fs->e = xreallocarray(fs->e, cap,
				    sizeof(*fs->e));
			}
			fs->e[fs->ne].doc = i;
			if (fent_read(&fs->e[fs->ne], s, (size_t)(rs - s)) ==
			    0)
				fs->ne++;
		}
	}
	fs->dbeg[n] = fs->ne;
	fs->ord = xcalloc(fs->ne + 1, sizeof(*fs->ord));
	for (k = 0; k < fs->ne; k++) {
		fs->ord[k].x = &fs->e[k];
		fs->ord[k].e = k;
		fs->ord[k].office = summary_office(docs[fs->e[k].doc].sum);
		fs->ord[k].year = docs[fs->e[k].doc].sum->year;
	}
	if (fs->ne > 1)
		qsort(fs->ord, fs->ne, sizeof(*fs->ord), fsort_cmp);
	/* A series: one office's indicator in one unit, in two years or
	 * more. */
	fs->sbeg = xcalloc(fs->ne + 1, sizeof(*fs->sbeg));
	fs->send = xcalloc(fs->ne + 1, sizeof(*fs->send));
	for (b = 0; b < fs->ne; b = j) {
		nyears = 1;
		for (j = b + 1; j < fs->ne &&
		    fsort_order(&fs->ord[b], &fs->ord[j], 0) == 0; j++)
			if (fs->ord[j].year != fs->ord[j - 1].year)
				nyears++;
		if (nyears < 2)
			continue;
		fs->sbeg[no] = b;
		for (k = b; k < j; k++) {
			fs->e[fs->ord[k].e].series = no;
			fs->e[fs->ord[k].e].pos = k;
			series_row(fs, b, j, k, &tmp);
		}
		fs->send[no++] = j;
	}
	fs->ns = no;
	buf_free(&tmp);
	return fs;
}

void
figseries_free(struct figseries *fs)
{
	if (fs == NULL)
		return;
	free(fs->docs);
	free(fs->e);
	free(fs->dbeg);
	free(fs->ord);
	free(fs->sbeg);
	free(fs->send);
	arena_free(&fs->a);
	free(fs);
}

/* A page's chart of a series shows at most SERIES_ROWS of its rows:
 * one office may state an indicator in hundreds of documents, and
 * every page of the series drawing every row would make the site grow
 * with the square of the documents (docs/figures.md). */
#define SERIES_ROWS	12

/* The rows [*b, *e) of figseries.ord that the chart of own's series
 * shows on own's page: all of them, or the SERIES_ROWS around own's
 * row (earlier rows first when the window is cut at neither end). */
static void
series_window(const struct figseries *fs, const struct fent *own,
    size_t *b, size_t *e)
{
	size_t	 sb = fs->sbeg[own->series], se = fs->send[own->series];

	*b = sb;
	*e = se;
	if (se - sb <= SERIES_ROWS)
		return;
	*b = own->pos - sb >= SERIES_ROWS / 2 ? own->pos - SERIES_ROWS / 2 :
	    sb;
	if (*b + SERIES_ROWS > se)
		*b = se - SERIES_ROWS;
	*e = *b + SERIES_ROWS;
}

/* The next entry of document i at or after *k that is in a series
 * (*k then just after it), or NULL at the document's end or when fs
 * has no document i. */
static const struct fent *
doc_series_next(const struct figseries *fs, size_t i, size_t *k)
{
	const struct fent	*x;

	if (fs == NULL || i >= fs->ndocs)
		return NULL;
	while (*k < fs->dbeg[i + 1]) {
		x = &fs->e[(*k)++];
		if (x->series != FS_NONE)
			return x;
	}
	return NULL;
}

void
figseries_key(const struct figseries *fs, size_t i, struct hasher *h)
{
	const struct fent	*x, *y;
	const struct site_doc	*d;
	size_t			 k, j, f, wb, we;

	k = fs != NULL && i < fs->ndocs ? fs->dbeg[i] : 0;
	while ((x = doc_series_next(fs, i, &k)) != NULL) {
		hasher_u64(h, k - 1 - fs->dbeg[i]);
		series_window(fs, x, &wb, &we);
		for (j = wb; j < we; j++) {
			y = &fs->e[fs->ord[j].e];
			d = &fs->docs[y->doc];
			hasher_u64(h, (uint64_t)d->sum->year);
			hasher_u64(h, y->doc == i);
			hasher_str(h, d->slug);
			hasher_str(h, fs_title(d));
			hasher_str(h, d->sum->kind);
			for (f = 0; f < 6; f++)
				hasher_u64(h, hash64(y->f[f], y->len[f], f));
		}
	}
}

/* The chart of own's series for document i's page at up. */
static struct value *
series_chart(const struct figseries *fs, struct arena *a, size_t i,
    const char *up, const struct fent *own)
{
	static const char *const name[] = { "数值" };
	struct chart_row	*rows;
	const struct fent	*y;
	size_t			 k, n, wb, we;
	struct value		*v;

	series_window(fs, own, &wb, &we);
	n = we - wb;
	rows = xcalloc(n + 1, sizeof(*rows));
	for (k = 0; k < n; k++) {
		y = &fs->e[fs->ord[wb + k].e];
		rows[k].label = y->label;
		rows[k].full = y->full;
		rows[k].v[0] = y->num;
		rows[k].text[0] = y->text;
		rows[k].href = up[0] != '\0' ?
		    arena_printf(a, "%s%s", up, y->href) : y->href;
		rows[k].mark = y->doc == i;
	}
	v = view_chart(a, own->len[1] ? arena_printf(a, "%.*s（%.*s）",
	    (int)own->len[0], own->f[0], (int)own->len[1], own->f[1]) :
	    arena_strndup(a, own->f[0], own->len[0]), name, 1, rows, n);
	free(rows);
	return v;
}

struct value *
figseries_view(const struct figseries *fs, struct arena *a, size_t i,
    const char *up)
{
	struct value		*arr = value_arr(a), *o;
	const struct fent	*x;
	size_t			 k, no = 0;

	k = fs != NULL && i < fs->ndocs ? fs->dbeg[i] : 0;
	while ((x = doc_series_next(fs, i, &k)) != NULL) {
		o = value_push(arr, value_obj(a));
		value_set_ref(o, "id", value_cstr(a, arena_printf(a,
		    "fig-series-%zu", ++no)));
		value_set_ref(o, "key", value_str(a, x->f[0], x->len[0]));
		value_set_ref(o, "unit", value_str(a, x->f[1], x->len[1]));
		value_set_ref(o, "chart", series_chart(fs, a, i, up, x));
	}
	return arr;
}

/* The id of the series chart of figure f on document i's page
 * ("fig-series-N", figseries_view()), or NULL when it has none. */
static const char *
series_id(const struct figseries *fs, struct arena *a, size_t i,
    const struct figure *f, struct buf *key)
{
	const struct fent	*x;
	size_t			 k, no = 0, ul = strlen(f->unit);

	if (fs == NULL || i >= fs->ndocs)
		return NULL;
	figure_indicator(f->subject, key);
	if (key->len == 0)
		return NULL;
	k = fs->dbeg[i];
	while ((x = doc_series_next(fs, i, &k)) != NULL) {
		no++;
		if (field_cmp(x->f[0], x->len[0], key->data, key->len) == 0 &&
		    field_cmp(x->f[1], x->len[1], f->unit, ul) == 0)
			return arena_printf(a, "fig-series-%zu", no);
	}
	return NULL;
}

struct value *
view_figures(const struct view *v, const char *csv_href,
    const struct figseries *fs, size_t di)
{
	const struct doc	*doc = v->doc;
	const struct figure	*f;
	const struct node	*n;
	struct value		*o, *rows, *r, *ser;
	struct buf		 place = BUF_INIT, key = BUF_INIT;
	const char		*an, *sid;
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
		sid = series_id(fs, v->a, di, f, &key);
		value_set_ref(r, "series", value_cstr(v->a, sid ? sid : ""));
	}
	ser = value_set_ref(o, "series", figseries_view(fs, v->a, di, ""));
	value_set_ref(o, "has_series", value_bool(v->a, ser->len > 0));
	buf_free(&place);
	buf_free(&key);
	return o;
}
